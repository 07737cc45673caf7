//! The zip package around the patched sheet: which parts to find, which to patch, and the
//! copy of everything else as raw compressed bytes, in the original order.

use std::io::{Cursor, Write};

use calamine::{Reader as _, Xlsx};
use capaian_domain::model::Problem;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::sheet::{patch_sheet, SheetContext};
use super::{FillError, Plan};
use crate::values::style_table;
use crate::Limits;

use crate::package::{attr, entry_index, find_parts, local_name, read_entry, SMALL_PART};

pub(super) fn xml_error(
    part: &str,
    reader: &Reader<&[u8]>,
    e: impl std::fmt::Display,
) -> FillError {
    FillError::MalformedXml {
        part: part.to_string(),
        position: reader.error_position(),
        detail: e.to_string(),
    }
}

impl From<crate::package::PartError> for FillError {
    fn from(e: crate::package::PartError) -> Self {
        match e {
            crate::package::PartError::Missing { part } => FillError::MissingPart { part },
            crate::package::PartError::Malformed {
                part,
                position,
                detail,
            } => FillError::MalformedXml {
                part,
                position,
                detail,
            },
        }
    }
}

fn zip_error(e: impl std::fmt::Display) -> FillError {
    FillError::Write {
        detail: e.to_string(),
    }
}

/// Replace the byte ranges `cuts` (sorted, disjoint) of `xml` with their texts.
fn splice(xml: &[u8], cuts: &[(usize, usize, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len() + 64);
    let mut at = 0;
    for (a, b, text) in cuts {
        out.extend_from_slice(xml.get(at..*a).unwrap_or_default());
        out.extend_from_slice(text);
        at = *b;
    }
    out.extend_from_slice(xml.get(at..).unwrap_or_default());
    out
}

/// Remove the children of the root element that `drop` selects (with their content).
/// `None` when nothing was removed.
fn remove_children(
    part: &str,
    xml: &[u8],
    drop: &dyn Fn(&BytesStart<'_>) -> bool,
) -> Result<Option<Vec<u8>>, FillError> {
    let mut r = Reader::from_reader(xml);
    let mut depth = 0usize;
    let mut cuts = Vec::new();
    let mut open: Option<usize> = None;
    loop {
        let start = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        let ev = r.read_event().map_err(|e| xml_error(part, &r, e))?;
        let end = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        match ev {
            Event::Start(e) => {
                if depth == 1 && open.is_none() && drop(&e) {
                    open = Some(start);
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 1 && open.is_none() && drop(&e) => {
                cuts.push((start, end, Vec::new()));
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    if let Some(a) = open.take() {
                        cuts.push((a, end, Vec::new()));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((!cuts.is_empty()).then(|| splice(xml, &cuts)))
}

/// `fullCalcOnLoad="1"` on the workbook's `<calcPr>` (added when absent). `None` when the
/// workbook already says so.
fn full_calc_on_load(part: &str, xml: &[u8]) -> Result<Option<Vec<u8>>, FillError> {
    // Children of <workbook> that come after <calcPr> in the schema's sequence.
    const AFTER: [&str; 9] = [
        "oleSize",
        "customWorkbookViews",
        "pivotCaches",
        "smartTagPr",
        "smartTagTypes",
        "webPublishing",
        "fileRecoveryPr",
        "webPublishObjects",
        "extLst",
    ];
    let mut r = Reader::from_reader(xml);
    let mut depth = 0usize;
    let mut prefix = String::new();
    loop {
        let start = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        let ev = r.read_event().map_err(|e| xml_error(part, &r, e))?;
        let end = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(ev, Event::Empty(_));
                if depth == 0 {
                    let name = e.name().into_inner();
                    prefix = name
                        .rfind(':')
                        .map(|i| name[..=i].to_string())
                        .unwrap_or_default();
                }
                if depth == 1 && local_name(e) == "calcPr" {
                    if attr(e, "fullCalcOnLoad").is_some_and(|v| v == "1" || v == "true") {
                        return Ok(None);
                    }
                    let mut tag = format!("<{}", e.name().into_inner());
                    for a in e.attributes().with_checks(false).flatten() {
                        if a.key.local_name().into_inner() != "fullCalcOnLoad" {
                            tag.push_str(&format!(" {}=\"{}\"", a.key.into_inner(), a.value));
                        }
                    }
                    tag.push_str(" fullCalcOnLoad=\"1\"");
                    tag.push_str(if empty { "/>" } else { ">" });
                    return Ok(Some(splice(xml, &[(start, end, tag.into_bytes())])));
                }
                if depth == 1 && AFTER.contains(&local_name(e)) {
                    let tag = format!("<{prefix}calcPr fullCalcOnLoad=\"1\"/>");
                    return Ok(Some(splice(xml, &[(start, start, tag.into_bytes())])));
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                if depth == 1 {
                    let tag = format!("<{prefix}calcPr fullCalcOnLoad=\"1\"/>");
                    return Ok(Some(splice(xml, &[(start, start, tag.into_bytes())])));
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => {
                return Err(FillError::MalformedXml {
                    part: part.to_string(),
                    position: r.buffer_position(),
                    detail: "elemen <workbook> tidak ditutup".into(),
                })
            }
            _ => {}
        }
    }
}

/// Which style ids carry a percent number format (the reader's own reading of styles).
fn percent_styles(template: &[u8], sheet: &str) -> Vec<bool> {
    let Ok(mut xlsx) = Xlsx::new(Cursor::new(template)) else {
        return Vec::new();
    };
    let Ok(reader) = xlsx.worksheet_cells_reader(sheet) else {
        return Vec::new();
    };
    style_table(reader.styles())
        .iter()
        .map(|s| s.percent)
        .collect()
}

/// One sheet's cells to write.
pub(super) struct SheetPlan<'a> {
    pub sheet: &'a str,
    /// 1-based: the first row whose cells' styles a created cell may take.
    pub first_data_row: u32,
    pub plan: Plan,
}

/// Patch the template: the sheet, and the calculation parts; copy everything else raw.
pub(super) fn write(
    template: &[u8],
    sheet: &str,
    first_data_row: u32,
    plan: Plan,
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    write_sheets(
        template,
        vec![SheetPlan {
            sheet,
            first_data_row,
            plan,
        }],
        limits,
    )
}

/// [`write`] for several sheets (each patched in its own pass; a sheet named twice takes the
/// last plan only — merge plans of one sheet first).
pub(super) fn write_sheets(
    template: &[u8],
    sheets: Vec<SheetPlan<'_>>,
    limits: &Limits,
) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    let mut zip = ZipArchive::new(Cursor::new(template)).map_err(|e| {
        FillError::Template(crate::ReadError::NotXlsx {
            detail: e.to_string(),
        })
    })?;
    let mut replaced: Vec<(String, Vec<u8>)> = Vec::new();
    let mut problems = Vec::new();
    let mut shared: Option<Option<Vec<u8>>> = None;
    let mut parts = None;
    for sp in sheets {
        let p = find_parts(&mut zip, sp.sheet)?;
        // The sheet, patched in one streaming pass.
        let sheet_xml = read_entry(&mut zip, &p.sheet, limits.max_uncompressed_bytes)?;
        if shared.is_none() {
            shared = Some(match &p.shared_strings {
                Some(s) => read_entry(&mut zip, s, limits.max_uncompressed_bytes).ok(),
                None => None,
            });
        }
        let percent = percent_styles(template, sp.sheet);
        let ctx = SheetContext {
            part: &p.sheet,
            sheet: sp.sheet,
            first_data_row: sp.first_data_row,
            percent: &percent,
            shared: shared.as_ref().and_then(|s| s.as_deref()),
        };
        let (new_sheet, more) = patch_sheet(&sheet_xml, sp.plan, &ctx)?;
        problems.extend(more);
        replaced.retain(|(n, _)| *n != p.sheet);
        replaced.push((p.sheet.clone(), new_sheet));
        parts = Some(p);
    }
    let Some(parts) = parts else {
        return Ok((template.to_vec(), problems));
    };

    // Recalculation on open; calcChain and its references dropped.
    let wb_xml = read_entry(&mut zip, &parts.workbook, SMALL_PART)?;
    if let Some(x) = full_calc_on_load(&parts.workbook, &wb_xml)? {
        replaced.push((parts.workbook.clone(), x));
    }
    let calc_chain = parts
        .calc_chain
        .as_ref()
        .filter(|p| entry_index(&zip, p).is_some());
    if let Some(cc) = calc_chain {
        let ct_name = "[Content_Types].xml";
        let ct = read_entry(&mut zip, ct_name, SMALL_PART)?;
        let part_name = format!("/{cc}");
        if let Some(x) = remove_children(ct_name, &ct, &|t| {
            local_name(t) == "Override"
                && attr(t, "PartName").is_some_and(|p| p.eq_ignore_ascii_case(&part_name))
        })? {
            replaced.push((ct_name.to_string(), x));
        }
        let rels = read_entry(&mut zip, &parts.workbook_rels, SMALL_PART)?;
        if let Some(x) = remove_children(&parts.workbook_rels, &rels, &|t| {
            local_name(t) == "Relationship"
                && attr(t, "Type").is_some_and(|v| v.ends_with("/calcChain"))
        })? {
            replaced.push((parts.workbook_rels.clone(), x));
        }
    }

    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(template.len() + 4096)));
    for i in 0..zip.len() {
        let (name, modified) = {
            let f = zip.by_index_raw(i).map_err(zip_error)?;
            (f.name().map_err(zip_error)?.into_owned(), f.last_modified())
        };
        if calc_chain.is_some_and(|cc| cc.eq_ignore_ascii_case(&name)) {
            continue;
        }
        if let Some(pos) = replaced
            .iter()
            .position(|(p, _)| p.eq_ignore_ascii_case(&name))
        {
            let (_, data) = replaced.swap_remove(pos);
            let mut opts = SimpleFileOptions::default()
                .compression_method(CompressionMethod::Deflated)
                .compression_level(Some(if data.len() > (1 << 20) { 1 } else { 6 }))
                .large_file(data.len() as u64 >= u64::from(u32::MAX));
            if let Some(t) = modified {
                opts = opts.last_modified_time(t);
            }
            out.start_file(name, opts).map_err(zip_error)?;
            out.write_all(&data).map_err(zip_error)?;
        } else {
            let f = zip.by_index_raw(i).map_err(zip_error)?;
            out.raw_copy_file(f).map_err(zip_error)?;
        }
    }
    let bytes = out.finish().map_err(zip_error)?.into_inner();
    Ok((bytes, problems))
}
