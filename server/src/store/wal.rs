//! Cutting a torn end off the embedded engine's write-ahead log before the engine opens it.
//!
//! Why: SurrealKV 0.21.4 (the engine of surrealdb 3.3.5, no fixed 0.21.x exists) mishandles a
//! log whose last record was half-written when the process died. It repairs the file by
//! writing a copy and renaming it over the original *after* opening the original for
//! appending, so the session's writes go to a deleted file; and a half-written record that
//! ends exactly on a 32 KiB block boundary is not seen at all, so the next session appends
//! after it and the session after that loses everything written since. Both lose writes that
//! were acknowledged. `server/tests/crash.rs` found them.
//!
//! What: the log is a sequence of 32 KiB blocks holding physical records
//! (`crc32: u32 BE | length: u16 BE | type: u8 | payload`, the CRC over type and payload;
//! a block's last < 7 bytes are zero padding). A logical record is one `Full` record or
//! `First`, `Middle`…, `Last`. A commit is acknowledged only after its whole logical record
//! is synced, so everything after the last complete logical record is a commit that was
//! never acknowledged. [`cut_torn_end`] truncates the newest segment there, so the engine
//! opens a clean log. Pure std; the layout constants are the engine's.

use std::fs::OpenOptions;
use std::io::Read;
use std::path::Path;

const BLOCK_SIZE: usize = 32 * 1024;
const HEADER_SIZE: usize = 7;
const FULL: u8 = 1;
const FIRST: u8 = 2;
const MIDDLE: u8 = 3;
const LAST: u8 = 4;
/// Metadata record (the compression in use): complete by itself.
const SET_COMPRESSION: u8 = 9;

/// Where the last complete logical record of a segment ends.
pub fn complete_end(bytes: &[u8]) -> usize {
    let mut good = 0;
    let mut pos = 0;
    let mut in_fragment = false;
    while pos < bytes.len() {
        let left_in_block = BLOCK_SIZE - pos % BLOCK_SIZE;
        if left_in_block < HEADER_SIZE {
            // Block trailer: zero padding.
            pos += left_in_block;
            continue;
        }
        let Some(header) = bytes.get(pos..pos + HEADER_SIZE) else {
            break;
        };
        let crc = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        let length = usize::from(u16::from_be_bytes([header[4], header[5]]));
        let kind = header[6];
        let end = pos + HEADER_SIZE + length;
        if HEADER_SIZE + length > left_in_block || end > bytes.len() {
            break;
        }
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(&[kind]);
        hasher.update(&bytes[pos + HEADER_SIZE..end]);
        if hasher.finalize() != crc {
            break;
        }
        match (kind, in_fragment) {
            (FULL | SET_COMPRESSION, false) => good = end,
            (FIRST, false) => in_fragment = true,
            (MIDDLE, true) => {}
            (LAST, true) => {
                in_fragment = false;
                good = end;
            }
            // A record out of sequence or of an unknown type: nothing after it is trusted.
            _ => break,
        }
        pos = end;
    }
    good
}

/// What [`cut_torn_end`] did.
#[derive(Debug, PartialEq, Eq)]
pub struct Cut {
    pub segment: String,
    pub bytes_removed: u64,
}

/// Truncates the newest log segment of the SurrealKV database at `db` after its last
/// complete logical record. `Ok(None)` when there is no log or nothing to cut.
pub fn cut_torn_end(db: &Path) -> std::io::Result<Option<Cut>> {
    let dir = db.join("wal");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(None);
    };
    let newest = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "wal"))
        .max();
    let Some(path) = newest else {
        return Ok(None);
    };
    let mut file = OpenOptions::new().read(true).write(true).open(&path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    let keep = complete_end(&bytes);
    if keep == bytes.len() {
        return Ok(None);
    }
    file.set_len(keep as u64)?;
    file.sync_all()?;
    Ok(Some(Cut {
        segment: path.display().to_string(),
        bytes_removed: (bytes.len() - keep) as u64,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes records the way the engine does: fragments across blocks, zero trailers.
    struct Log {
        bytes: Vec<u8>,
    }

    impl Log {
        fn physical(&mut self, kind: u8, payload: &[u8]) {
            let mut hasher = crc32fast::Hasher::new();
            hasher.update(&[kind]);
            hasher.update(payload);
            self.bytes
                .extend_from_slice(&hasher.finalize().to_be_bytes());
            self.bytes
                .extend_from_slice(&(payload.len() as u16).to_be_bytes());
            self.bytes.push(kind);
            self.bytes.extend_from_slice(payload);
        }

        fn record(&mut self, payload: &[u8]) -> usize {
            let mut rest = payload;
            let mut first = true;
            loop {
                let left = BLOCK_SIZE - self.bytes.len() % BLOCK_SIZE;
                if left < HEADER_SIZE {
                    self.bytes.extend(std::iter::repeat_n(0, left));
                    continue;
                }
                let room = left - HEADER_SIZE;
                let take = room.min(rest.len());
                let last = take == rest.len();
                let kind = match (first, last) {
                    (true, true) => FULL,
                    (true, false) => FIRST,
                    (false, false) => MIDDLE,
                    (false, true) => LAST,
                };
                self.physical(kind, &rest[..take]);
                rest = &rest[take..];
                first = false;
                if last {
                    return self.bytes.len();
                }
            }
        }
    }

    fn log_of(sizes: &[usize]) -> (Log, Vec<usize>) {
        let mut log = Log { bytes: Vec::new() };
        log.physical(SET_COMPRESSION, &[0]);
        let ends = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| log.record(&vec![i as u8 + 1; n]))
            .collect();
        (log, ends)
    }

    #[test]
    fn a_clean_log_is_kept_whole() {
        let (log, ends) = log_of(&[10, 40_000, 7, 100_000, 32_000]);
        assert_eq!(complete_end(&log.bytes), *ends.last().expect("end"));
        assert_eq!(complete_end(&log.bytes), log.bytes.len());
    }

    #[test]
    fn every_torn_end_is_cut_back_to_the_last_complete_record() {
        let (log, ends) = log_of(&[10, 40_000, 7, 100_000, 32_000]);
        let mut previous = 8; // the metadata record
        for &end in &ends {
            // Any cut inside this record (header, payload, a later fragment) keeps exactly
            // the records before it.
            for len in [
                previous + 1,
                previous + 6,
                previous + 7,
                (previous + end) / 2,
                end - 1,
            ] {
                assert_eq!(complete_end(&log.bytes[..len]), previous, "cut at {len}");
            }
            assert_eq!(complete_end(&log.bytes[..end]), end);
            previous = end;
        }
    }

    #[test]
    fn a_dangling_first_fragment_ending_on_a_block_boundary_is_cut() {
        // The engine's second bug: the torn record ends exactly at 32 KiB.
        let (log, ends) = log_of(&[10, 70_000]);
        let boundary = BLOCK_SIZE;
        assert!(ends[0] < boundary && boundary < ends[1]);
        assert_eq!(complete_end(&log.bytes[..boundary]), ends[0]);
    }

    #[test]
    fn garbage_and_zeros_after_the_end_are_cut() {
        let (mut log, ends) = log_of(&[300, 20]);
        let good = *ends.last().expect("end");
        log.bytes.extend_from_slice(&[0; 100]);
        assert_eq!(complete_end(&log.bytes), good);
        log.bytes.truncate(good);
        log.bytes
            .extend_from_slice(&[0xde, 0xad, 0xbe, 0xef, 0, 3, 1, 9, 9, 9]);
        assert_eq!(complete_end(&log.bytes), good);
    }

    #[test]
    fn the_newest_segment_is_truncated_on_disk() {
        let dir = tempfile::tempdir().expect("tempdir");
        let wal = dir.path().join("wal");
        std::fs::create_dir_all(&wal).expect("wal dir");
        let (log, ends) = log_of(&[50, 60]);
        let older = wal.join("00000000000000000000.wal");
        let newest = wal.join("00000000000000000001.wal");
        std::fs::write(&older, &log.bytes[..ends[0] + 3]).expect("write");
        std::fs::write(&newest, &log.bytes[..ends[1] - 2]).expect("write");
        let cut = cut_torn_end(dir.path())
            .expect("cut")
            .expect("something cut");
        assert_eq!(cut.bytes_removed, (ends[1] - 2 - ends[0]) as u64);
        assert_eq!(std::fs::read(&newest).expect("read").len(), ends[0]);
        // Older segments are left alone; a second pass finds nothing to do.
        assert_eq!(std::fs::read(&older).expect("read").len(), ends[0] + 3);
        assert_eq!(cut_torn_end(dir.path()).expect("cut"), None);
        assert_eq!(
            cut_torn_end(&dir.path().join("nothing")).expect("cut"),
            None
        );
    }
}
