//! Cheap checks on the zip container before calamine inflates anything: file size, the
//! central directory's declared uncompressed sizes and each entry's compression ratio.

use std::io::Cursor;

use serde::{Deserialize, Serialize};

use crate::error::ReadError;

/// Resource limits for reading an uploaded workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest accepted file (compressed), in bytes.
    pub max_file_bytes: u64,
    /// Largest accepted sum of the declared uncompressed sizes of all entries, in bytes.
    pub max_uncompressed_bytes: u64,
    /// Largest accepted uncompressed/compressed ratio of one entry (entries under 1 MiB
    /// uncompressed are not ratio-checked: tiny XML parts compress very well legitimately).
    pub max_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_uncompressed_bytes: 400 * 1024 * 1024,
            max_ratio: 200,
        }
    }
}

/// Entries smaller than this (uncompressed) are exempt from the ratio check.
const RATIO_EXEMPT_BYTES: u64 = 1024 * 1024;

/// Validate the container. Reads only the central directory.
pub(crate) fn check_container(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    if bytes.len() < 4 || &bytes[..2] != b"PK" {
        return Err(ReadError::NotXlsx {
            detail: "tanda tangan berkas zip (PK) tidak ditemukan".into(),
        });
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::NotXlsx {
        detail: format!("arsip zip tidak valid ({e})"),
    })?;
    let mut total: u64 = 0;
    let mut has_workbook = false;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| ReadError::Damaged {
            detail: format!("entri zip ke-{i} tidak dapat dibaca ({e})"),
        })?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("#{i}"));
        if name.eq_ignore_ascii_case("xl/workbook.xml") || name.ends_with("workbook.xml") {
            has_workbook = true;
        }
        let uncompressed = entry.size();
        let compressed = entry.compressed_size();
        total = total.saturating_add(uncompressed);
        if total > limits.max_uncompressed_bytes {
            return Err(ReadError::UncompressedTooLarge {
                total,
                limit: limits.max_uncompressed_bytes,
            });
        }
        if uncompressed > RATIO_EXEMPT_BYTES {
            let ratio = uncompressed / compressed.max(1);
            if ratio > limits.max_ratio {
                return Err(ReadError::CompressionRatio {
                    entry: name,
                    compressed,
                    uncompressed,
                    ratio,
                    limit: limits.max_ratio,
                });
            }
        }
    }
    if !has_workbook {
        return Err(ReadError::NotXlsx {
            detail: "arsip zip tidak berisi xl/workbook.xml".into(),
        });
    }
    Ok(())
}
