//! Cheap checks on the zip container before calamine inflates anything: file size, the
//! central directory's declared uncompressed sizes and each entry's compression ratio; and
//! the one count calamine trusts before reading what it counts (the shared strings table's
//! `uniqueCount`, which it reserves memory for), and the number of sheets listed.

use std::io::{Cursor, Read};

use serde::{Deserialize, Serialize};

use crate::error::ReadError;

mod xls;
pub(crate) use xls::check_xls;

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
    let mut shared_strings = Vec::new();
    let mut workbooks = Vec::new();
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
        // calamine finds parts ignoring case (and with `\` for `/`).
        let lower = name.to_ascii_lowercase();
        if lower.ends_with("sharedstrings.xml") {
            shared_strings.push(i);
        }
        if lower.ends_with("workbook.xml") {
            workbooks.push(i);
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
    for i in shared_strings {
        check_unique_count(&mut archive, i)?;
    }
    for i in workbooks {
        check_sheet_count(&mut archive, i)?;
    }
    Ok(())
}

/// The fewest bytes one entry of a shared strings table takes (`<si/>`).
const MIN_SHARED_STRING_BYTES: u64 = 5;

/// The most sheets a workbook may list. calamine and the sheet search look each sheet up by
/// name in the list, and read the top of every one: a damaged `workbook.xml` listing the same
/// sheet 58 000 times kept a read busy for over 20 s. Real workbooks hold a few dozen.
pub(crate) const MAX_SHEETS: usize = 1000;

/// calamine reserves room for the `uniqueCount` a shared strings table declares before it
/// reads a single string: a count of billions in a small part makes the allocation fail, and
/// that aborts the process (no panic to catch). A table cannot hold more strings than its
/// size allows, so a larger count is refused. Every `uniqueCount="…"` in the part is checked
/// (calamine takes the first `sst` start tag, wherever comments or other tags put it).
fn check_unique_count(archive: &mut Zip<'_>, i: usize) -> Result<(), ReadError> {
    let Some((name, size)) = entry_facts(archive, i) else {
        return Ok(());
    };
    let limit = size / MIN_SHARED_STRING_BYTES;
    let refuse = |count: String| ReadError::Damaged {
        detail: format!(
            "{name} menyatakan {count} teks unik (uniqueCount), mustahil untuk isi {size} byte"
        ),
    };
    scan_entry(
        archive,
        i,
        b"uniqueCount",
        |_, after, last| match declared_count(after) {
            None if !last => Ok(true),
            Some(count) if count > limit => Err(refuse(count.to_string())),
            _ => Ok(false),
        },
    )
    .map_err(|e| e.unwrap_or_else(|| refuse("(angka tak berujung)".into())))
}

/// Refuse a workbook part listing more than [`MAX_SHEETS`] sheets (`<sheet …>` start tags,
/// any prefix).
fn check_sheet_count(archive: &mut Zip<'_>, i: usize) -> Result<(), ReadError> {
    let Some((name, _)) = entry_facts(archive, i) else {
        return Ok(());
    };
    let refuse = || ReadError::Damaged {
        detail: format!("{name} mendaftar lebih dari {MAX_SHEETS} sheet"),
    };
    let mut sheets = 0usize;
    scan_entry(archive, i, b"sheet", |before, after, last| {
        let Some(&next) = after.first() else {
            return Ok(!last);
        };
        if matches!(before, Some(b'<' | b':'))
            && (next.is_ascii_whitespace() || next == b'/' || next == b'>')
        {
            sheets += 1;
            if sheets > MAX_SHEETS {
                return Err(refuse());
            }
        }
        Ok(false)
    })
    .map_err(|e| e.unwrap_or_else(refuse))
}

type Zip<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

/// An entry's name and declared size (None when it cannot be opened: calamine cannot either).
fn entry_facts(archive: &mut Zip<'_>, i: usize) -> Option<(String, u64)> {
    let entry = archive.by_index_raw(i).ok()?;
    Some((
        entry.name().map(|n| n.into_owned()).unwrap_or_default(),
        entry.size(),
    ))
}

/// Stream entry `i` (inflating it chunk by chunk, never whole) and show `inspect` every
/// occurrence of `key`: the byte before it, the bytes after it that are inflated so far, and
/// whether that is all of the part. `inspect` answers whether it needs more bytes (the
/// occurrence is then shown again with the next chunk). A part that stops inflating is
/// scanned up to there. Err(None): an occurrence still needing more after a whole chunk.
fn scan_entry(
    archive: &mut Zip<'_>,
    i: usize,
    key: &[u8],
    mut inspect: impl FnMut(Option<u8>, &[u8], bool) -> Result<bool, ReadError>,
) -> Result<(), Option<ReadError>> {
    const CHUNK: usize = 64 << 10;
    let Ok(mut entry) = archive.by_index(i) else {
        return Ok(()); // calamine cannot inflate it either
    };
    let mut chunk = vec![0u8; CHUNK];
    // Unscanned bytes (an occurrence cut by a chunk's end), after one byte of context.
    let mut buf: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    let mut from = 0;
    loop {
        let n = entry.read(&mut chunk).unwrap_or(0);
        let last = n == 0;
        buf.extend_from_slice(&chunk[..n]);
        let mut at = from;
        let mut cut = None;
        while let Some(p) = find(&buf[at..], key) {
            let start = at + p;
            let before = start.checked_sub(1).map(|b| buf[b]);
            if inspect(before, &buf[start + key.len()..], last).map_err(Some)? {
                cut = Some(start);
                break;
            }
            at = start + key.len();
        }
        if last {
            return Ok(());
        }
        // Search again from the occurrence cut short, or where a key cut by the end starts.
        let next = cut.unwrap_or_else(|| buf.len().saturating_sub(key.len() - 1).max(at));
        let keep = next.saturating_sub(1);
        buf.drain(..keep);
        from = next - keep;
        if buf.len() > CHUNK {
            return Err(None);
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(p) = hay[at..].iter().position(|&b| b == needle[0]) {
        let i = at + p;
        if hay[i..].starts_with(needle) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// The number in `="…"` after an attribute name, as calamine reads it (digits only, any
/// leading zeros; saturating). None when the text is not complete there.
fn declared_count(after: &[u8]) -> Option<u64> {
    let mut i = after.iter().take_while(|b| b.is_ascii_whitespace()).count();
    match after.get(i) {
        None => return None,
        Some(b'=') => i += 1,
        Some(_) => return Some(0),
    }
    i += after[i..]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    let quote = *after.get(i)?;
    if quote != b'"' && quote != b'\'' {
        return Some(0);
    }
    let digits = &after[i + 1..];
    let n = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    if n == digits.len() {
        return None;
    }
    Some(digits[..n].iter().fold(0u64, |v, d| {
        v.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    }))
}
