//! Shared by the server's integration tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// `capaian import FILE --json`, which must succeed, parsed.
pub fn import_json(file: &Path) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .arg("import")
        .arg(file)
        .arg("--json")
        .output()
        .expect("run capaian import");
    assert!(
        output.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}
