//! The shared-server mode against a real SurrealDB 3.3.5 server (`tests/surreal-server`, built
//! by `make test`, found through `CAPAIAN_SURREAL_SERVER`): two `capaian` processes on one
//! database see each other's work, a stale edit from one is refused with the other's value,
//! a backup taken over `ws://` restores into an embedded folder, and a wrong password is
//! refused in Indonesian.

mod common;

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, free_port, Api, Capaian};
use serde_json::json;

/// A running SurrealDB server (in memory) on a free loopback port; killed when dropped.
struct Surreal {
    child: Child,
    url: String,
}

impl Surreal {
    /// `None` when no server binary was given (a plain `cargo test` outside `make test`).
    fn start() -> Option<Surreal> {
        let Some(bin) = std::env::var_os("CAPAIAN_SURREAL_SERVER").map(PathBuf::from) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CAPAIAN_SURREAL_SERVER is not set: `make test` builds tests/surreal-server and sets it"
            );
            eprintln!("remote: CAPAIAN_SURREAL_SERVER not set; `make test` runs this test");
            return None;
        };
        let port = free_port();
        let child = Command::new(&bin)
            .args(["start", "--log", "warn", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["--user", "root", "--pass", "rahasia-uji", "memory"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", bin.display()));
        let server = Surreal {
            child,
            url: format!("ws://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(server);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("SurrealDB server did not listen on {port}");
    }

    fn args<'a>(&'a self, password: &'a str) -> Vec<&'a OsStr> {
        vec![
            OsStr::new("--db"),
            OsStr::new(self.url.as_str()),
            OsStr::new("--db-user"),
            OsStr::new("root"),
            OsStr::new("--db-pass"),
            OsStr::new(password),
            OsStr::new("--db-ns"),
            OsStr::new("kabupaten"),
            OsStr::new("--db-name"),
            OsStr::new("capaian_uji"),
        ]
    }
}

impl Drop for Surreal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_share_one_surrealdb_server() {
    let Some(surreal) = Surreal::start() else {
        return;
    };
    let a = Capaian::start_with(&surreal.args("rahasia-uji"));
    let b = Capaian::start_with(&surreal.args("rahasia-uji"));
    let (api_a, api_b) = (Api::new(&a.base), Api::new(&b.base));

    // What A creates, B sees.
    let ws = api_a.create_workspace("Dinas Kesehatan").await;
    let bytes = std::fs::read(fixture("e81_101.xlsx")).expect("fixture");
    let (status, body) = api_a
        .import(&ws, "e81_101.xlsx", bytes)
        .await
        .expect("import");
    assert_eq!(status, 201, "{body}");
    let id = body["dokumen"]["id"].as_str().expect("id").to_string();
    let seen = api_b.document(&id).await.expect("B reads A's document");
    assert_eq!(seen["ringkasan"]["versi"], 0);

    // A edits a cell; B, still at version 0 of that cell, is refused with A's value.
    let edit = |nilai: &str| json!({"oleh": "Petugas", "perubahan": [{"baris": 2, "kolom": "tw3_rp", "nilai": nilai, "versi": 0}]});
    let (status, body) = api_a
        .patch(&format!("/dokumen/{id}/sel"), &edit("1.500.000"))
        .await
        .expect("patch");
    assert_eq!(status, 200, "{body}");
    let (status, body) = api_b
        .patch(&format!("/dokumen/{id}/sel"), &edit("9"))
        .await
        .expect("patch");
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["konflik"][0]["versi_sekarang"], 1);
    assert_eq!(body["konflik"][0]["tampilan_sekarang"], "1.500.000");

    // B submits TW III; A downloads the same bytes.
    let (status, sub) = api_b
        .post(
            &format!("/dokumen/{id}/pengajuan"),
            &json!({"triwulan": 3, "oleh": "Petugas B"}),
        )
        .await
        .expect("submit");
    assert_eq!(status, 201, "{sub}");
    let sub_id = sub["id"].as_str().expect("submission id");
    let (status, sha, file) = api_a
        .submission_file(sub_id, "formulir")
        .await
        .expect("file");
    assert_eq!(status, 200);
    assert_eq!(sha, sub["berkas"][0]["sha256"].as_str().expect("sha"));
    assert!(file.starts_with(b"PK"));
    let after = api_a.document(&id).await.expect("document");
    assert_eq!(after["ringkasan"]["kunci"], json!([3]));
    drop((a, b));

    // A backup over ws:// restores into an embedded folder with the same document.
    let tmp = tempfile::tempdir().expect("tempdir");
    let backup = tmp.path().join("cadangan.zip");
    let run = |args: Vec<&OsStr>| {
        Command::new(env!("CARGO_BIN_EXE_capaian"))
            .args(args)
            .output()
            .expect("run capaian")
    };
    let mut args = vec![OsStr::new("backup"), backup.as_os_str()];
    args.extend(surreal.args("rahasia-uji"));
    let out = run(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let data = tmp.path().join("data");
    let out = run(vec![
        OsStr::new("restore"),
        backup.as_os_str(),
        OsStr::new("--data"),
        data.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let local = Capaian::start(&data);
    let restored = Api::new(&local.base)
        .document(&id)
        .await
        .expect("restored document");
    assert_eq!(restored["dokumen"], after["dokumen"]);
    assert_eq!(restored["ringkasan"], after["ringkasan"]);
    drop(local);

    // A wrong password: the server refuses to start, saying why in Indonesian.
    let mut wrong = Capaian::spawn_with(&surreal.args("salah"));
    let started = Instant::now();
    while wrong.exited().is_none() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(wrong.exited().is_some_and(|s| !s.success()));
    assert!(
        wrong.log().contains("tidak dapat dipakai"),
        "{}",
        wrong.log()
    );
}
