//! The fixture workbooks of some folders of `tests/fixtures/`, for the readers' "every other
//! form is refused" tests.

use std::path::Path;

/// Every `.xlsx`/`.xls` in each of `dirs` (below `tests/fixtures/`) but the 20 000-row ones, as
/// `dir/name`, each folder's sorted.
pub fn workbooks_in(dirs: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    for dir in dirs {
        let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".xlsx") || n.ends_with(".xls"))
            .filter(|n| !n.starts_with("big_"))
            .collect();
        names.sort();
        files.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    files
}
