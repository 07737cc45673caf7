//! Legacy `.xls` workbooks (Excel 97–2003, BIFF in a compound file): calamine reads them
//! whole ([`calamine::Xls`]); the rows then go through the same engine as an `.xlsx` (header
//! by wording, the same builder, levels, problems). The fast row scanner is xlsx-only.
//!
//! What an `.xls` does not give the engine: cell styles (bold, indentation, `%` number
//! formats). Levels then come from codes, names and sums; a `%`-formatted fraction stays a
//! fraction (said once as a note).

use std::io::Cursor;

use calamine::{Data, DataRef, Range, Reader, SheetVisible, Xls};
use capaian_domain::model::{Location, Problem, Severity};

use crate::error::ReadError;
use crate::guard::Limits;
use crate::header::{find_header, HeaderMatch, TopGrid, SCAN_ROWS};
use crate::profile::FormProfile;
use crate::reader::{complete, stream_rows, title_and_notes, Builder, Detail, Halt, ReadOptions};
use crate::values::cell_text;
use crate::Import;

/// The compound-file signature every `.xls` starts with.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(crate) fn is_xls(bytes: &[u8]) -> bool {
    bytes.starts_with(&CFB_MAGIC)
}

fn as_ref(d: &Data) -> DataRef<'_> {
    match d {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s.as_str()),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

/// The top rows of a sheet's range, as the header finder wants them.
fn top_grid(range: &Range<Data>) -> TopGrid {
    let mut grid = TopGrid::default();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, v) in range.used_cells() {
        let row = r0 + r as u32;
        if row >= SCAN_ROWS {
            break;
        }
        if let Some(t) = cell_text(&as_ref(v)) {
            grid.push(row, c0 + c as u32, t);
        }
    }
    grid
}

/// A sheet carrying the form: (visible, score), name, its cells, top rows, header.
type Candidate = ((bool, usize), String, Range<Data>, TopGrid, HeaderMatch);

/// Read a legacy `.xls` workbook. calamine's BIFF parser asserts on some damaged files; such
/// a panic is caught here and becomes a [`ReadError::Damaged`] (the reader never panics).
pub(crate) fn read_xls(
    bytes: &[u8],
    limits: &Limits,
    profile: &FormProfile,
    options: &ReadOptions,
) -> Result<(Import, Detail), ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::guard::check_xls(bytes)?;
        read_xls_inner(bytes, limits, profile, options)
    }))
    .unwrap_or_else(|_| {
        Err(ReadError::Damaged {
            detail: "berkas .xls (Excel 97–2003) rusak: strukturnya tidak dapat dibaca".into(),
        })
    })
}

fn read_xls_inner(
    bytes: &[u8],
    limits: &Limits,
    profile: &FormProfile,
    options: &ReadOptions,
) -> Result<(Import, Detail), ReadError> {
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    let mut xls = Xls::new(Cursor::new(bytes)).map_err(|e| ReadError::Damaged {
        detail: format!("berkas .xls (Excel 97–2003) tidak dapat dibaca: {e}"),
    })?;
    let sheets = xls.sheet_names();
    let hidden: Vec<String> = xls
        .sheets_metadata()
        .iter()
        .filter(|m| m.visible != SheetVisible::Visible)
        .map(|m| m.name.clone())
        .collect();
    let mut best: Option<Candidate> = None;
    let mut hidden_forms = Vec::new();
    let mut first_error = None;
    for name in &sheets {
        let range = match xls.worksheet_range(name) {
            Ok(r) => r,
            Err(e) => {
                first_error.get_or_insert(ReadError::MalformedSheet {
                    sheet: name.clone(),
                    detail: e.to_string(),
                });
                continue;
            }
        };
        let grid = top_grid(&range);
        if let Some(m) = find_header(profile, &grid) {
            let visible = !hidden.contains(name);
            if !visible {
                hidden_forms.push(name.clone());
            }
            let key = (visible, m.score);
            if best.as_ref().is_none_or(|(k, ..)| key > *k) {
                best = Some((key, name.clone(), range, grid, m));
            }
        }
    }
    let Some((_, sheet, range, mut grid, mut header)) = best else {
        return Err(first_error.unwrap_or(ReadError::FormNotFound {
            form: profile.form.to_string(),
            sheets_seen: sheets,
        }));
    };
    let merges: Vec<crate::fast::Merge> = xls
        .merge_cells_by_sheet_name(&sheet)
        .map(|m| {
            m.iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect()
        })
        .unwrap_or_default();
    crate::reader::with_merges(
        profile,
        &mut grid,
        &mut header,
        merges.iter().copied().filter(|m| m.0 < SCAN_ROWS).collect(),
    );
    let scale_note = crate::reader::apply_title_scale(&sheet, &grid, &mut header);
    crate::reader::apply_overrides(&mut header, &options.columns);
    let (facts, mut notes) = title_and_notes(&sheet, &grid, &header, &hidden_forms, profile);
    notes.extend(scale_note);
    notes.push(Problem {
        severity: Severity::Info,
        code: "format_xls".into(),
        message: format!(
            "Sheet '{sheet}' dibaca dari berkas .xls (Excel 97–2003): format sel (huruf tebal, \
             indentasi, format persen) tidak terbaca; simpan sebagai .xlsx bila tingkat baris atau \
             persen tampak keliru"
        ),
        at: Location {
            sheet: Some(sheet.clone()),
            ..Location::default()
        },
    });
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut cells = range.used_cells();
    let mut builder = Builder::new(profile, &sheet, &header);
    builder.sasaran_merges(&merges);
    let read = stream_rows(builder, header.first_data_row, || {
        Ok(cells
            .next()
            .map(|(r, c, v)| ((r0 + r as u32, c0 + c as u32), as_ref(v), 0)))
    });
    let builder = read.map_err(Halt::into_read_error)?;
    let (import, stats, preview) = complete(builder, facts, notes, options, profile);
    Ok((
        import,
        Detail {
            header,
            stats,
            preview,
        },
    ))
}
