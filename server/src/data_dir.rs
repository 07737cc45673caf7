//! The data folder: created if missing, checked for writing, and locked so two Capaian
//! processes never open the same database.

use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why the data folder cannot be used. Messages are for the user, in Bahasa Indonesia.
#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    #[error("Folder data '{path}' tidak dapat dibuat: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("'{path}' bukan folder; pilih folder lain dengan --data.")]
    NotADirectory { path: PathBuf },
    #[error("Folder data '{path}' tidak dapat ditulisi: {source}. Periksa izin folder atau pilih folder lain dengan --data.")]
    NotWritable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Folder data '{path}' sedang dipakai oleh Capaian lain yang masih berjalan. Tutup Capaian itu dulu, atau pilih folder lain dengan --data.")]
    InUse { path: PathBuf },
}

/// An opened, locked data folder. The lock is held while this value lives.
#[derive(Debug)]
pub struct DataDir {
    path: PathBuf,
    _lock: File,
}

impl DataDir {
    /// Creates the folder if needed, checks it can be written, and takes the lock.
    pub fn open(path: &Path) -> Result<Self, DataDirError> {
        if path.exists() && !path.is_dir() {
            return Err(DataDirError::NotADirectory { path: path.into() });
        }
        std::fs::create_dir_all(path).map_err(|source| DataDirError::Create {
            path: path.into(),
            source,
        })?;
        let path = path.canonicalize().map_err(|source| DataDirError::Create {
            path: path.into(),
            source,
        })?;
        let not_writable = |source| DataDirError::NotWritable {
            path: path.clone(),
            source,
        };
        let mut lock = File::options()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path.join("capaian.lock"))
            .map_err(not_writable)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(DataDirError::InUse { path }),
            Err(TryLockError::Error(source)) => return Err(not_writable(source)),
        }
        lock.set_len(0).map_err(not_writable)?;
        writeln!(lock, "{}", std::process::id()).map_err(not_writable)?;
        Ok(Self { path, _lock: lock })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the embedded database lives inside the folder.
    pub fn database_path(&self) -> PathBuf {
        self.path.join("db")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_open_of_the_same_folder_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = DataDir::open(dir.path()).expect("first open");
        let second = DataDir::open(dir.path());
        let message = second.expect_err("second open must fail").to_string();
        assert!(message.contains("sedang dipakai"), "{message}");
        drop(first);
        DataDir::open(dir.path()).expect("open again after release");
    }

    #[test]
    fn a_file_in_place_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("berkas");
        std::fs::write(&file, b"x").expect("write");
        let message = DataDir::open(&file).expect_err("a file").to_string();
        assert!(message.contains("bukan folder"), "{message}");
    }

    #[test]
    fn creates_missing_folders() {
        let dir = tempfile::tempdir().expect("tempdir");
        let nested = dir.path().join("a/b/data");
        let opened = DataDir::open(&nested).expect("open");
        assert!(opened.path().is_dir());
        assert!(opened.database_path().ends_with("db"));
    }
}
