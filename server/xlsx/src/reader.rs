//! The reading engine: choose the sheet of a profile, stream its rows, build the document.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx, XlsxError};
use capaian_domain::indicator::default_semantics;
use capaian_domain::kode;
use capaian_domain::model::{
    Aggregation, Document, Field, KValue, Level, Location, NilaiRencana, Pair, Problem, Row,
    Severity, Stated,
};
use capaian_domain::num::CellValue;
use rust_decimal::Decimal;

use crate::error::ReadError;
use crate::fast::{load_sheet, number_kinds, Cells, Unsupported};
use crate::guard::{check_container, Limits};
use crate::header::{find_header, numbering_cell, HeaderMatch, TopGrid, SCAN_ROWS};
use crate::profile::{FormProfile, GroupKey};
use crate::title::read_title;
use crate::values::{
    as_rp, cell_str, cell_text, clean_text, read_cell, style_table, CellRead, StyleInfo,
};
use crate::{col_letter, ColumnRef, Import, Layout};

type XlsxMem<'b> = Xlsx<Cursor<&'b [u8]>>;

fn xml_error(sheet: &str, e: XlsxError) -> ReadError {
    ReadError::MalformedSheet {
        sheet: sheet.to_string(),
        detail: e.to_string(),
    }
}

/// Read the top rows of a sheet into a grid. `Ok(None)` when it is not a worksheet.
fn scan_top(xlsx: &mut XlsxMem<'_>, sheet: &str) -> Result<Option<TopGrid>, XlsxError> {
    let mut reader = match xlsx.worksheet_cells_reader(sheet) {
        Ok(r) => r,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut grid = TopGrid::default();
    while let Some(cell) = reader.next_cell()? {
        let (r, c) = cell.get_position();
        if r >= SCAN_ROWS {
            break;
        }
        if let Some(t) = cell_text(cell.get_value()) {
            grid.push(r, c, t);
        }
    }
    Ok(Some(grid))
}

/// Read a workbook with the given profile.
pub(crate) fn read_with_profile(
    bytes: &[u8],
    limits: &Limits,
    profile: &FormProfile,
) -> Result<Import, ReadError> {
    read_detailed(bytes, limits, profile, &ReadOptions::default()).map(|(import, _)| import)
}

/// What the engine saw besides the document: the header it matched (after overrides) and
/// what every column held in the data rows. The mapping review is built from it.
pub(crate) struct Detail {
    pub header: HeaderMatch,
    /// Per 0-based column.
    pub stats: Vec<ColStats>,
    /// The first rows of the data area as the sheet has them, and what they became.
    pub preview: Vec<Previewed>,
}

/// What one column held in the data rows.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ColStats {
    /// Non-empty cells.
    pub filled: u32,
    /// Cells holding a number (numeric cells, or text that reads as one).
    pub numbers: u32,
    /// Numbers of 1 000 or more (in absolute value): amounts rather than volumes or %.
    pub big: u32,
    /// Numbers of 1 000 000 or more.
    pub huge: u32,
    /// Non-zero numbers.
    pub nonzero: u32,
}

impl ColStats {
    /// Count one number of a value column (by its digits: no decimal arithmetic per cell).
    fn count(&mut self, value: Decimal) {
        let m = value.mantissa().unsigned_abs();
        let at_least = |power: u32| {
            10u128
                .checked_pow(power + value.scale())
                .is_some_and(|limit| m >= limit)
        };
        self.numbers += 1;
        self.big += u32::from(at_least(3));
        self.huge += u32::from(at_least(6));
        self.nonzero += u32::from(m != 0);
    }
}

/// Read a workbook (xlsx or legacy xls) with the given profile and the person's choices.
pub(crate) fn read_detailed(
    bytes: &[u8],
    limits: &Limits,
    profile: &FormProfile,
    options: &ReadOptions,
) -> Result<(Import, Detail), ReadError> {
    if crate::legacy::is_xls(bytes) {
        return crate::legacy::read_xls(bytes, limits, profile, options);
    }
    check_container(bytes, limits)?;
    // A safety net: a panic in a dependency on some damaged file is a located refusal,
    // never a crash of the caller.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_xlsx(bytes, limits, profile, options)
    }))
    .unwrap_or_else(|_| {
        Err(ReadError::Damaged {
            detail: "struktur workbook tidak dapat dibaca".into(),
        })
    })
}

fn read_xlsx(
    bytes: &[u8],
    limits: &Limits,
    profile: &FormProfile,
    options: &ReadOptions,
) -> Result<(Import, Detail), ReadError> {
    // A workbook of one sheet: its XML is inflated for the fast path on another thread
    // while calamine opens the workbook (its shared strings) and reads its top rows here.
    std::thread::scope(|scope| {
        let early = crate::fast::only_sheet(bytes).and_then(|only| {
            std::thread::Builder::new()
                .name("capaian-xlsx-inflate".into())
                .spawn_scoped(scope, move || {
                    let xml = load_sheet(bytes, &only, limits);
                    (only, xml)
                })
                .ok()
        });
        let xlsx = open_xlsx(bytes)?;
        read_sheets(xlsx, early, bytes, limits, profile, options)
    })
}

fn open_xlsx(bytes: &[u8]) -> Result<XlsxMem<'_>, ReadError> {
    Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Zip(z) => ReadError::NotXlsx {
            detail: z.to_string(),
        },
        XlsxError::Password => ReadError::Damaged {
            detail: "workbook dilindungi kata sandi".into(),
        },
        other => ReadError::Damaged {
            detail: other.to_string(),
        },
    })
}

/// The only sheet's XML being inflated on another thread: its inflater, which answers the
/// sheet's name (as the workbook part lists it) and its XML.
type Early<'s> = Option<std::thread::ScopedJoinHandle<'s, (String, Option<Vec<u8>>)>>;

fn read_sheets(
    mut xlsx: XlsxMem<'_>,
    early: Early<'_>,
    bytes: &[u8],
    limits: &Limits,
    profile: &FormProfile,
    options: &ReadOptions,
) -> Result<(Import, Detail), ReadError> {
    // Score every sheet by the header groups it carries; a visible sheet wins over a hidden
    // one (hidden sheets hold older copies).
    let sheets = xlsx.sheet_names();
    let sheets = sheets.as_slice();
    let hidden: Vec<String> = xlsx
        .sheets_metadata()
        .iter()
        .filter(|m| m.visible != calamine::SheetVisible::Visible)
        .map(|m| m.name.clone())
        .collect();
    let mut best: Option<((bool, usize), String, TopGrid, HeaderMatch)> = None;
    let mut first_error: Option<ReadError> = None;
    let mut hidden_forms: Vec<String> = Vec::new();
    for name in sheets {
        match scan_top(&mut xlsx, name) {
            Ok(Some(grid)) => {
                if let Some(m) = find_header(profile, &grid) {
                    let visible = !hidden.contains(name);
                    if !visible {
                        hidden_forms.push(name.clone());
                    }
                    let key = (visible, m.score);
                    if best.as_ref().is_none_or(|(s, ..)| key > *s) {
                        best = Some((key, name.clone(), grid, m));
                    }
                }
            }
            Ok(None) => {}
            Err(e) => {
                if first_error.is_none() {
                    first_error = Some(xml_error(name, e));
                }
            }
        }
    }
    let Some((_, sheet, mut grid, mut header)) = best else {
        return Err(first_error.unwrap_or(ReadError::FormNotFound {
            form: profile.form.to_string(),
            sheets_seen: sheets.to_vec(),
        }));
    };
    // Styles (and how calamine reads numbers under each) come from calamine.
    let (styles, kinds) = {
        let reader = xlsx
            .worksheet_cells_reader(&sheet)
            .map_err(|e| xml_error(&sheet, e))?;
        (style_table(reader.styles()), number_kinds(reader.styles()))
    };
    // The sheet XML (inflated on another thread for a one-sheet workbook): its merged
    // ranges settle the header's spans, then the fast path scans its rows.
    let early = early.and_then(|inflater| inflater.join().ok());
    let xml = match early {
        Some((name, xml)) if name == sheet && sheets.len() == 1 => xml,
        _ => load_sheet(bytes, &sheet, limits),
    };
    // Every merged range of the sheet: the header's settle its spans, the Sasaran column's
    // carry a sasaran down its programs' rows.
    let merges = xml
        .as_ref()
        .map(|xml| crate::fast::merged_ranges(xml, u32::MAX))
        .unwrap_or_default();
    with_merges(
        profile,
        &mut grid,
        &mut header,
        merges.iter().copied().filter(|m| m.0 < SCAN_ROWS).collect(),
    );
    let scale_note = apply_title_scale(&sheet, &grid, &mut header);
    apply_overrides(&mut header, &options.columns);
    let (facts, mut notes) = title_and_notes(&sheet, &grid, &header, &hidden_forms, profile);
    notes.extend(scale_note);

    let is_1904 = xlsx.has_1904_epoch();
    let new_builder = || {
        let mut b = Builder::new(profile, &sheet, &header);
        b.styles = styles.clone();
        b.sasaran_merges(&merges);
        b
    };

    // Fast path: the sheet inflated once and scanned directly; anything it does not know
    // exactly sends the sheet back to calamine's cell reader (same values, same errors).
    let mut fast_done = None;
    if let Some(xml) = xml {
        if let Ok(mut cells) = Cells::new(&xml, &kinds, is_1904) {
            match stream_rows(new_builder(), header.first_data_row, || {
                cells.next_cell().map_err(|Unsupported| Halt::Unsupported)
            }) {
                Ok(b) => fast_done = Some(b),
                Err(Halt::Unsupported) => {}
                Err(Halt::Read(e)) => return Err(e),
            }
        }
    }
    let builder = match fast_done {
        Some(b) => b,
        None => {
            let mut reader = xlsx
                .worksheet_cells_reader(&sheet)
                .map_err(|e| xml_error(&sheet, e))?;
            let read = stream_rows(new_builder(), header.first_data_row, || {
                match reader.next_cell_with_style_id() {
                    Ok(n) => Ok(n.map(|(cell, style)| {
                        let pos = cell.get_position();
                        (pos, cell.get_value().clone(), style)
                    })),
                    Err(e) => Err(Halt::Read(xml_error(&sheet, e))),
                }
            });
            read.map_err(Halt::into_read_error)?
        }
    };
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

/// Empty each row's Sasaran cell that says what its parent's already says (a kegiatan under
/// its program's merged or repeated sasaran): the plan keeps a sasaran once, on the node whose
/// money starts serving it, so a change of the program's reaches its kegiatan
/// (`capaian_domain::lkjip::dukungan`).
///
/// The performance tree's rows (a sasaran and its IKU) serve no sasaran: theirs is emptied.
fn drop_inherited_sasaran(rows: &mut [Row]) {
    let parent = capaian_domain::e81::structure(rows);
    let kinerja = capaian_domain::model::baris_kinerja(rows);
    let mut resolved: Vec<String> = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter_mut().enumerate() {
        let own = capaian_domain::teks::kunci(&row.rencana.sasaran);
        let inherited = parent[i]
            .and_then(|p| resolved.get(p))
            .cloned()
            .unwrap_or_default();
        if own.is_empty() || own == inherited || kinerja[i] {
            row.rencana.sasaran.clear();
            resolved.push(inherited);
        } else {
            resolved.push(own);
        }
    }
}

/// Read the header again knowing the sheet's merged ranges, when some touch it.
pub(crate) fn with_merges(
    profile: &FormProfile,
    grid: &mut TopGrid,
    header: &mut HeaderMatch,
    merges: Vec<crate::fast::Merge>,
) {
    // Only a merge that says more than the header already understood (a column inside it
    // left without its anchor's group) is worth reading the header again.
    let group_of = |c: u32| {
        header
            .columns
            .iter()
            .find(|h| h.col == c)
            .and_then(|h| h.group)
    };
    let news = merges.iter().any(|&(r1, c1, _, c2)| {
        r1 >= header.header_start
            && r1 <= header.header_end
            && c2 > c1
            && (c1 + 1..=c2).any(|c| group_of(c) != group_of(c1))
    });
    if !news {
        return;
    }
    grid.merges = merges;
    if let Some(h) = find_header(profile, grid) {
        *header = h;
    }
}

/// The title facts (title block, then banners inside the header) and the notes about the
/// sheet chosen.
/// A scale stated once above the header (`(dalam ribuan rupiah)`, `Anggaran dalam Rp. 000`)
/// applies to every money column whose own header states none. Returns the note saying so.
pub(crate) fn apply_title_scale(
    sheet: &str,
    grid: &TopGrid,
    header: &mut HeaderMatch,
) -> Option<Problem> {
    let (text, scale) = grid
        .rows
        .range(..header.header_start)
        .flat_map(|(_, cells)| cells.iter().map(|(_, t)| t.as_str()))
        .chain(header.banners.iter().map(String::as_str))
        .find_map(|t| crate::header::money_scale(t).map(|s| (t.to_string(), s)))?;
    let unscaled: Vec<Field> = header
        .fields
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| crate::header::is_money(*f) && !header.scales.iter().any(|(g, _)| g == f))
        .collect();
    if unscaled.is_empty() {
        return None;
    }
    for f in unscaled {
        header.scales.push((f, scale));
    }
    Some(Problem {
        severity: Severity::Info,
        code: "skala_dari_judul".into(),
        message: format!(
            "Sheet '{sheet}': judul '{}' menyatakan nilai rupiah dalam kelipatan {scale}; \
             kolom Rp dikalikan {scale}",
            text.trim()
        ),
        at: Location {
            sheet: Some(sheet.to_string()),
            ..Location::default()
        },
    })
}

pub(crate) fn title_and_notes(
    sheet: &str,
    grid: &TopGrid,
    header: &HeaderMatch,
    hidden_forms: &[String],
    profile: &FormProfile,
) -> (crate::title::TitleFacts, Vec<Problem>) {
    let mut notes = sheet_notes(sheet, hidden_forms, profile);
    let title_texts: Vec<&str> = grid
        .rows
        .range(..header.header_start)
        .flat_map(|(_, cells)| cells.iter().map(|(_, t)| t.as_str()))
        .collect();
    let mut facts = read_title(&title_texts);
    if facts.pd.is_none() || facts.region.is_none() {
        let banners: Vec<&str> = header.banners.iter().map(String::as_str).collect();
        let more = read_title(&banners);
        facts.pd = facts.pd.or(more.pd);
        facts.region = facts.region.or(more.region);
    }
    notes.extend(title_notes(sheet, &title_texts, profile));
    (facts, notes)
}

/// Levels, the person's level choices, the document; a header without data rows is said.
pub(crate) fn complete(
    mut builder: Builder<'_>,
    facts: crate::title::TitleFacts,
    notes: Vec<Problem>,
    options: &ReadOptions,
    profile: &FormProfile,
) -> (Import, Vec<ColStats>, Vec<Previewed>) {
    builder.resolve_levels();
    builder.apply_level_overrides(&options.levels);
    let stats = std::mem::take(&mut builder.stats);
    let preview = std::mem::take(&mut builder.preview);
    let mut import = builder.finish(facts, profile);
    drop_inherited_sasaran(&mut import.document.rows);
    if import.document.rows.is_empty() {
        let (from, to) = import.layout.header_rows;
        import.problems.push(Problem {
            severity: Severity::Error,
            code: "tanpa_baris_data".into(),
            message: format!(
                "Sheet '{}': judul kolom Formulir {} ditemukan (baris {from}–{to}) tetapi tidak ada \
                 baris data di bawahnya (mulai baris {}); isi baris program/kegiatan lalu unggah lagi",
                import.layout.sheet, profile.form, import.layout.first_data_row
            ),
            at: Location {
                sheet: Some(import.layout.sheet.clone()),
                cell: Some(format!("A{}", import.layout.first_data_row)),
                ..Location::default()
            },
        });
    }
    import.problems.extend(notes);
    (import, stats, preview)
}

/// The person's choices for a layout: the role of some columns, the level of some rows.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReadOptions {
    #[serde(default)]
    pub columns: Vec<ColumnOverride>,
    #[serde(default)]
    pub levels: Vec<LevelOverride>,
    /// Check the document against the national nomenclature (Kepmendagri 900.1.15.5): stated
    /// codes validated, codes found for rows without one by their exact name, suggestions for
    /// close names and for missing standard indicators (see [`crate::Reading`]).
    #[serde(default)]
    pub nomenklatur: bool,
    /// The province's or the kabupaten/kota's nomenclature, when the workspace knows it;
    /// otherwise taken from the title and the codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jenis_pemda: Option<capaian_domain::nomenklatur::JenisPemda>,
    /// Codes the person chose for rows (honoured whether or not `nomenklatur` is set).
    #[serde(default)]
    pub kodes: Vec<KodeOverride>,
}

/// A row's code as the person chose it on the mapping page (a suggestion, or typed).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KodeOverride {
    /// 1-based sheet row.
    pub sheet_row: u32,
    /// The code in any spelling [`capaian_domain::kode::normalize`] reads.
    pub kode: String,
}

/// A column's role as the person set it on the mapping page.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ColumnOverride {
    /// 1-based column (`A` = 1).
    pub col: u32,
    pub role: crate::mapping::ColumnRole,
    /// Rupiah per unit written (`1000` for `Rp. (000)`); only for money fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Decimal>,
}

/// A row's level as the person set it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LevelOverride {
    /// 1-based sheet row.
    pub sheet_row: u32,
    pub level: Level,
}

/// Put the person's column roles over what the header said.
pub(crate) fn apply_overrides(h: &mut HeaderMatch, overrides: &[ColumnOverride]) {
    use crate::mapping::ColumnRole;
    for o in overrides {
        let Some(col) = o.col.checked_sub(1) else {
            continue;
        };
        h.fields.retain(|(_, c)| *c != col);
        h.units.retain(|(_, c)| *c != col);
        h.ignored.retain(|(c, _)| *c != col);
        for (_, cols) in h.groups.iter_mut() {
            cols.retain(|c| *c != col);
        }
        match &o.role {
            ColumnRole::Field { field } => {
                h.fields.retain(|(f, _)| f != field);
                h.fields.push((*field, col));
                h.scales.retain(|(f, _)| f != field);
                if let (Some(scale), true) = (o.scale, crate::header::is_money(*field)) {
                    h.scales.push((*field, scale));
                }
                if *field == Field::Kode {
                    h.groups.retain(|(k, _)| *k != GroupKey::Kode);
                    h.groups.push((GroupKey::Kode, vec![col]));
                }
            }
            ColumnRole::UnitOf { field } => {
                h.units.retain(|(f, _)| f != field);
                h.units.push((*field, col));
            }
            ColumnRole::KodePart { .. } => {
                if let Some((_, cols)) = h.groups.iter_mut().find(|(k, _)| *k == GroupKey::Kode) {
                    cols.push(col);
                    cols.sort_unstable();
                } else {
                    h.groups.push((GroupKey::Kode, vec![col]));
                }
                let first = h
                    .group_cols(GroupKey::Kode)
                    .and_then(|c| c.first().copied())
                    .unwrap_or(col);
                h.fields.retain(|(f, _)| *f != Field::Kode);
                h.fields.push((Field::Kode, first));
            }
            ColumnRole::Ignored { .. } | ColumnRole::Unknown => {}
        }
        h.groups.retain(|(_, cols)| !cols.is_empty());
    }
}

/// Notes about the sheet chosen: hidden sheets with the same form left unread.
fn sheet_notes(sheet: &str, hidden_forms: &[String], profile: &FormProfile) -> Vec<Problem> {
    let skipped: Vec<&String> = hidden_forms.iter().filter(|h| *h != sheet).collect();
    let mut out = Vec::new();
    if !skipped.is_empty() {
        out.push(Problem {
            severity: Severity::Info,
            code: "sheet_tersembunyi_dilewati".into(),
            message: format!(
                "Sheet tersembunyi {} juga berisi Formulir {}; yang dibaca sheet yang terlihat '{sheet}'",
                skipped
                    .iter()
                    .map(|s| format!("'{s}'"))
                    .collect::<Vec<_>>()
                    .join(", "),
                profile.form
            ),
            at: Location {
                sheet: Some(sheet.to_string()),
                ..Location::default()
            },
        });
    }
    if hidden_forms.iter().any(|h| h == sheet) {
        out.push(Problem {
            severity: Severity::Warning,
            code: "sheet_tersembunyi".into(),
            message: format!(
                "Formulir {} hanya ditemukan di sheet tersembunyi '{sheet}'; periksa apakah ini versi terbaru",
                profile.form
            ),
            at: Location {
                sheet: Some(sheet.to_string()),
                ..Location::default()
            },
        });
    }
    out
}

/// A title naming another form (`Evaluasi Terhadap Hasil RKPD` over a Renja table): the
/// columns decide; say so once.
fn title_notes(sheet: &str, title_texts: &[&str], profile: &FormProfile) -> Vec<Problem> {
    let other = title_texts.iter().find(|t| {
        let ws = crate::text::words(t);
        ws.iter().any(|w| w == "evaluasi")
            && ws.iter().any(|w| w == "rkpd")
            && !ws.iter().any(|w| w == "renja")
    });
    match other {
        Some(t) => vec![Problem {
            severity: Severity::Info,
            code: "judul_formulir_lain".into(),
            message: format!(
                "Judul '{}' menyebut formulir lain; kolom-kolomnya cocok dengan Formulir {} dan dibaca sebagai {}",
                t.trim(),
                profile.form,
                profile.form
            ),
            at: Location {
                sheet: Some(sheet.to_string()),
                ..Location::default()
            },
        }],
        None => Vec::new(),
    }
}

/// A batch of sheet rows: each row's 0-based number and its range in `cells` / `reads`;
/// `cells` holds (0-based col, value, style id), and `reads[i]` is `cells[i]` already read
/// (`read_cell`) when it sits in a value column: the parsing thread does that part of the
/// row building. Batches go back to the parsing thread once built, so their buffers are
/// reused instead of allocated (and freed on the other thread) for every row.
struct Batch<'a> {
    rows: Vec<(u32, usize, usize)>,
    cells: Vec<(u32, DataRef<'a>, usize)>,
    reads: Vec<Option<CellRead>>,
}

impl Batch<'_> {
    fn with_capacity(cells: usize) -> Self {
        Batch {
            rows: Vec::with_capacity(ROWS_PER_BATCH),
            cells: Vec::with_capacity(cells),
            reads: Vec::with_capacity(cells),
        }
    }

    fn clear(&mut self) {
        self.rows.clear();
        self.cells.clear();
        self.reads.clear();
    }
}

const ROWS_PER_BATCH: usize = 256;

/// Why a cell source stopped early.
pub(crate) enum Halt {
    /// The sheet cannot be read (located error).
    Read(ReadError),
    /// The fast path does not handle this sheet; read it with calamine.
    Unsupported,
}

impl Halt {
    /// The error of a cell source that has no fallback (calamine's reader, `.xls`): there,
    /// `Unsupported` cannot happen and would mean the rows stopped unexpectedly.
    pub(crate) fn into_read_error(self) -> ReadError {
        match self {
            Halt::Read(e) => e,
            Halt::Unsupported => ReadError::Damaged {
                detail: "pembacaan baris terhenti tak terduga".into(),
            },
        }
    }
}

/// Stream a sheet's cells (`next` yields them in document order) into document rows, on
/// two threads: this one parses the sheet XML and batches rows; the other builds document
/// rows (number parsing, codes, levels).
pub(crate) fn stream_rows<'a, 'p>(
    mut builder: Builder<'p>,
    first_data_row: u32,
    mut next: impl FnMut() -> Result<Option<((u32, u32), DataRef<'a>, usize)>, Halt>,
) -> Result<Builder<'p>, Halt> {
    let max_col = builder.max_col;
    let value_cols = builder.value_columns();
    let styles = builder.styles.clone();
    let batch_cells = ROWS_PER_BATCH * (max_col as usize + 1);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch<'a>>(16);
    // Built batches, emptied, back to the parser (never blocks the builder).
    let (back_tx, back_rx) = std::sync::mpsc::sync_channel::<Batch<'a>>(24);
    std::thread::scope(|scope| -> Result<Builder<'p>, Halt> {
        let consumer = std::thread::Builder::new()
            .name("capaian-xlsx-rows".into())
            .spawn_scoped(scope, move || {
                'batches: for mut batch in rx {
                    for &(r, from, to) in &batch.rows {
                        let (cells, reads) = (&batch.cells[from..to], &mut batch.reads[from..to]);
                        if builder.take_row(r, cells, reads) == Flow::Stop {
                            break 'batches;
                        }
                    }
                    batch.clear();
                    let _ = back_tx.try_send(batch);
                }
                builder
            })
            .map_err(|e| Halt::Read(e.into()))?;
        let mut produced: Result<(), Halt> = Ok(());
        let mut batch = Batch::with_capacity(batch_cells);
        // The row being filled: its number and where its cells start in the batch.
        let mut cur: Option<(u32, usize)> = None;
        loop {
            let ((r, c), value, style) = match next() {
                Ok(Some(cell)) => cell,
                Ok(None) => break,
                Err(e) => {
                    produced = Err(e);
                    break;
                }
            };
            if r < first_data_row || c > max_col {
                continue;
            }
            if cur.is_none_or(|(cr, _)| cr != r) {
                if let Some((done, from)) = cur.take() {
                    batch.rows.push((done, from, batch.cells.len()));
                    if batch.rows.len() == ROWS_PER_BATCH {
                        let fresh = back_rx
                            .try_recv()
                            .unwrap_or_else(|_| Batch::with_capacity(batch_cells));
                        let full = std::mem::replace(&mut batch, fresh);
                        if tx.send(full).is_err() {
                            break; // the row builder reached the footer
                        }
                    }
                }
                cur = Some((r, batch.cells.len()));
            }
            let read = (value_cols.get(c as usize).copied().unwrap_or(false)
                && !matches!(value, DataRef::Empty))
            .then(|| read_cell(&value, style_of(&styles, style)));
            batch.cells.push((c, value, style));
            batch.reads.push(read);
        }
        if produced.is_ok() {
            if let Some((done, from)) = cur.take() {
                batch.rows.push((done, from, batch.cells.len()));
            }
            // A send error only means the builder already stopped at the footer.
            let _ = tx.send(batch);
        }
        drop(tx);
        let builder = consumer.join().map_err(|_| {
            Halt::Read(ReadError::Damaged {
                detail: "pembacaan baris terhenti tak terduga".into(),
            })
        })?;
        produced.map(|()| builder)
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    Go,
    Stop,
}

/// Which layout signal marks a kegiatan (vs a sub kegiatan) in a sheet without codes.
#[derive(Clone, Copy, Debug)]
enum KegiatanRule {
    Bold,
    Numbered,
    LeastIndent(u8),
}

/// Per-row facts used to decide levels once all rows are known.
#[derive(Clone, Debug, Default)]
struct LevelSignals {
    from_kode: Option<Level>,
    program_name: bool,
    bold: bool,
    numbered: bool,
    indent: u8,
}

pub(crate) struct Builder<'p> {
    profile: &'p FormProfile,
    sheet: String,
    header: &'p HeaderMatch,
    styles: Vec<StyleInfo>,
    max_col: u32,
    /// Columns left of the value columns (No, Sasaran, Kode, name): where footers start.
    lead_max: u32,
    no_col: Option<u32>,
    rows: Vec<Row>,
    signals: Vec<LevelSignals>,
    problems: Vec<Problem>,
    last_data_row: Option<u32>,
    footer_row: Option<u32>,
    slots: Vec<Option<usize>>,
    /// The columns of a Kode split over several columns (urusan | bidang | program | …).
    kode_cols: Vec<u32>,
    /// The last row's kode parts, for parts left blank under a merged or block-filled cell.
    kode_carry: Vec<Option<String>>,
    /// The merged cells of the Sasaran column (E.81 column 2) in the data area: (first row,
    /// last row), 0-based. A sasaran is usually one cell merged down the rows of its programs.
    sasaran_merges: Vec<(u32, u32)>,
    /// The last Sasaran cell read: (0-based row, text), for the rows under it in its merge.
    sasaran_carry: Option<(u32, String)>,
    /// Money scale per column (0-based), when the header states one (`Rp. (000)`).
    scale_by_col: Vec<Option<Decimal>>,
    /// The realisation quarters are cumulative (`Realisasi s.d / trw n`): every row's
    /// quarters are levels ([`HeaderMatch::cumulative_quarters`]).
    cumulative_tw: bool,
    /// What each column held in the data rows.
    pub(crate) stats: Vec<ColStats>,
    /// How each column's statistics are gathered: `Unmapped` cells are classified in full,
    /// value fields while they are read, text fields only counted.
    stat_kind: Vec<StatKind>,
    /// The first sheet rows of the data area: (1-based row, (0-based col, text), became).
    pub(crate) preview: Vec<Previewed>,
}

/// A sheet row of the data area kept for the review: (1-based row, (0-based col, text),
/// what it became).
pub(crate) type Previewed = (u32, Vec<(u32, String)>, Became);

/// How many rows of the data area the review shows as the sheet has them.
const PREVIEW_ROWS: usize = 20;

/// What a sheet row of the data area became.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Became {
    /// Document row (index).
    Row(usize),
    /// Read past (empty of name and values, a numbering or unit row, a heading).
    Skipped,
    /// The footer or signature block starts here; reading stopped.
    Footer,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum StatKind {
    Unmapped,
    Value,
    Text,
}

impl<'p> Builder<'p> {
    pub(crate) fn new(profile: &'p FormProfile, sheet: &str, header: &'p HeaderMatch) -> Self {
        let max_col = header
            .fields
            .iter()
            .chain(&header.units)
            .map(|(_, c)| *c)
            .chain(header.groups.iter().flat_map(|(_, cs)| cs.iter().copied()))
            .max()
            .unwrap_or(0);
        let lead_max = [
            GroupKey::No,
            GroupKey::Sasaran,
            GroupKey::Kode,
            GroupKey::Name,
        ]
        .iter()
        .filter_map(|k| header.group_cols(*k).and_then(|c| c.first().copied()))
        .max()
        .unwrap_or(0);
        let no_col = header
            .group_cols(GroupKey::No)
            .and_then(|c| c.first().copied());
        let kode_cols = header
            .group_cols(GroupKey::Kode)
            .map(<[u32]>::to_vec)
            .filter(|c| c.len() > 1)
            .unwrap_or_default();
        let mut scale_by_col = vec![None; max_col as usize + 1];
        for (f, scale) in &header.scales {
            if let Some(slot) = header
                .col(*f)
                .and_then(|c| scale_by_col.get_mut(c as usize))
            {
                *slot = Some(*scale);
            }
        }
        Builder {
            profile,
            sheet: sheet.to_string(),
            header,
            styles: Vec::new(),
            max_col,
            lead_max,
            no_col,
            rows: Vec::new(),
            signals: Vec::new(),
            problems: Vec::new(),
            last_data_row: None,
            footer_row: None,
            slots: vec![None; max_col as usize + 1],
            kode_carry: vec![None; kode_cols.len()],
            sasaran_merges: Vec::new(),
            sasaran_carry: None,
            kode_cols,
            scale_by_col,
            cumulative_tw: header.cumulative_quarters(),
            stats: vec![ColStats::default(); max_col as usize + 1],
            preview: Vec::new(),
            stat_kind: {
                let mut k = vec![StatKind::Unmapped; max_col as usize + 1];
                let text_cols = header.fields.iter().map(|(f, c)| (*f, *c)).chain(
                    header
                        .group_cols(GroupKey::Kode)
                        .unwrap_or_default()
                        .iter()
                        .map(|c| (Field::Kode, *c)),
                );
                for (f, c) in text_cols {
                    if let Some(slot) = k.get_mut(c as usize) {
                        *slot = if Self::is_value_field(f) {
                            StatKind::Value
                        } else {
                            StatKind::Text
                        };
                    }
                }
                k
            },
        }
    }

    fn style(&self, id: usize) -> StyleInfo {
        style_of(&self.styles, id)
    }

    /// Fields read as values (not text) in take_row.
    fn is_value_field(field: Field) -> bool {
        !matches!(
            field,
            Field::Kode
                | Field::Name
                | Field::Indicator
                | Field::UnitPd
                | Field::Keterangan
                | Field::Sasaran
                | Field::Unit
        )
    }

    /// Keep the sheet's merged cells that lie in the Sasaran column below the header (`merges`
    /// may be all of the sheet's): a row inside one reads the text of its first row.
    pub(crate) fn sasaran_merges(&mut self, merges: &[crate::fast::Merge]) {
        let Some(col) = self.header.col(Field::Sasaran) else {
            return;
        };
        self.sasaran_merges = merges
            .iter()
            .filter(|&&(r1, c1, r2, c2)| {
                c1 <= col && col <= c2 && r1 >= self.header.first_data_row && r2 > r1
            })
            .map(|&(r1, _, r2, _)| (r1, r2))
            .collect();
    }

    /// Which columns (0-based index) hold value fields.
    fn value_columns(&self) -> Vec<bool> {
        let mut cols = vec![false; self.max_col as usize + 1];
        for &(field, col) in &self.header.fields {
            if Self::is_value_field(field) {
                if let Some(c) = cols.get_mut(col as usize) {
                    *c = true;
                }
            }
        }
        cols
    }

    fn located(&self, mut p: Problem, row0: u32, col: u32, field: Option<Field>) -> Problem {
        let cell = format!("{}{}", col_letter(col + 1), row0 + 1);
        p.message = format!("Sheet '{}' sel {}: {}", self.sheet, cell, p.message);
        p.at = Location {
            sheet: Some(self.sheet.clone()),
            cell: Some(cell),
            row: Some(self.rows.len()),
            field,
        };
        p
    }

    /// A target s.d. TW n below the target s.d. TW n−1 (seed 003 Tabel 3.14: `28 orang`,
    /// `0 orang`, `34 orang`; `100%` then `0%`): a cumulative plan does not go down, so the cell
    /// is reported where it stands.
    fn check_cumulative_targets(&mut self, row0: u32, target_tw: &[Option<KValue>; 4]) {
        use capaian_domain::checks::roman;
        let number = |v: &Option<KValue>| match v {
            Some(KValue::Number(d)) => Some(*d),
            _ => None,
        };
        let teks = |d: Decimal| {
            let d = d.normalize();
            capaian_domain::num::format_id(d, d.scale())
        };
        let mut before: Option<(u8, Decimal)> = None;
        for q in 1..=4u8 {
            let Some(now) = number(&target_tw[usize::from(q - 1)]) else {
                continue;
            };
            if let Some((pq, prev)) = before {
                if now < prev {
                    if let Some(col) = self.header.col(Field::TargetTwK(q)) {
                        let p = Problem {
                            severity: Severity::Warning,
                            code: "target_kumulatif_turun".into(),
                            message: format!(
                                "Target s.d. TW {} ({}) lebih kecil dari target s.d. TW {} ({}); \
                                 target kumulatif semestinya tidak berkurang, periksa angkanya",
                                roman(q),
                                teks(now),
                                roman(pq),
                                teks(prev)
                            ),
                            at: Location::default(),
                        };
                        let p = self.located(p, row0, col, Some(Field::TargetTwK(q)));
                        self.problems.push(p);
                    }
                }
            }
            before = Some((q, now));
        }
    }

    /// Build a document row from one sheet row, keeping the first rows (as the sheet shows
    /// them, and what they became) for the mapping review.
    fn take_row(
        &mut self,
        row0: u32,
        cells: &[(u32, DataRef<'_>, usize)],
        reads: &mut [Option<CellRead>],
    ) -> Flow {
        let before = self.rows.len();
        let flow = self.take_row_inner(row0, cells, reads);
        if self.preview.len() < PREVIEW_ROWS && !cells.is_empty() {
            let texts: Vec<(u32, String)> = cells
                .iter()
                .filter_map(|(c, v, _)| cell_str(v).map(|t| (*c, clean_text(&t))))
                .collect();
            if !texts.is_empty() {
                let became = if self.rows.len() > before {
                    Became::Row(before)
                } else if flow == Flow::Stop {
                    Became::Footer
                } else {
                    Became::Skipped
                };
                self.preview.push((row0 + 1, texts, became));
            }
        }
        flow
    }

    /// Build a document row from one sheet row. `reads[i]`, when present, is `cells[i]`
    /// already read by `read_cell` (taken from the slice).
    fn take_row_inner(
        &mut self,
        row0: u32,
        cells: &[(u32, DataRef<'_>, usize)],
        reads: &mut [Option<CellRead>],
    ) -> Flow {
        if cells.is_empty() {
            return Flow::Go;
        }
        for s in self.slots.iter_mut() {
            *s = None;
        }
        for (i, (c, v, _)) in cells.iter().enumerate() {
            if !matches!(v, DataRef::Empty) {
                if let Some(slot) = self.slots.get_mut(*c as usize) {
                    *slot = Some(i);
                }
            }
        }
        let get =
            |slots: &[Option<usize>], col: Option<u32>| -> Option<&(u32, DataRef<'_>, usize)> {
                col.and_then(|c| slots.get(c as usize).copied().flatten())
                    .map(|i| &cells[i])
            };
        let text_at = |slots: &[Option<usize>], col: Option<u32>| -> Option<String> {
            get(slots, col)
                .and_then(|(_, v, _)| cell_str(v))
                .map(|t| clean_text(&t))
        };

        // Footer: the first text in the leading columns starts a footer phrase.
        let lead_text = cells
            .iter()
            .filter(|(c, ..)| *c <= self.lead_max)
            .find_map(|(_, v, _)| cell_str(v));
        if let Some(t) = &lead_text {
            if self.profile.is_footer(t) {
                self.footer_row = Some(row0 + 1);
                return Flow::Stop;
            }
        }

        let h = self.header;
        // A Sasaran cell is remembered whatever the row becomes: its merge may start on a row
        // that holds nothing else.
        let own_sasaran = text_at(&self.slots, h.col(Field::Sasaran));
        if let Some(t) = &own_sasaran {
            self.sasaran_carry = Some((row0, t.clone()));
        }
        let mut kode_raw = if self.kode_cols.is_empty() {
            text_at(&self.slots, h.col(Field::Kode))
        } else {
            let parts: Vec<Option<String>> = self
                .kode_cols
                .iter()
                .map(|c| text_at(&self.slots, Some(*c)))
                .collect();
            self.join_kode(parts)
        };
        let mut name = text_at(&self.slots, h.col(Field::Name)).unwrap_or_default();
        let indicator = text_at(&self.slots, h.col(Field::Indicator)).unwrap_or_default();
        // A local outline (`1.1.1. Sub Kegiatan …`, or `2.3. 2` in the No column): the level,
        // not a kode.
        let mut outline_level = None;
        if self.profile.levels.outline && kode_raw.is_none() {
            let depth = match outline(&name) {
                Some((depth, rest)) => {
                    name = rest;
                    Some(depth)
                }
                None => text_at(&self.slots, self.no_col)
                    .and_then(|t| outline(&format!("{t} -")))
                    .map(|(depth, _)| depth),
            };
            outline_level = level_by_words(&name).or(match depth {
                Some(1) => Some(Level::Program),
                Some(2) => Some(Level::Kegiatan),
                Some(_) => Some(Level::SubKegiatan),
                None => None,
            });
        }
        if kode_raw.is_none() {
            // `1.01.01 - Program …`: the code written in the name cell.
            if let Some((k, n)) = split_code_name(&name) {
                kode_raw = Some(k);
                name = n;
            }
        }
        // A numbering row repeated in the data (page breaks), or the numbering row itself
        // when the header above it was not recognised as such.
        if kode_raw.is_none()
            && numbering_cell(&name)
            && (indicator.is_empty() || numbering_cell(&indicator))
        {
            return Flow::Go;
        }
        if kode_raw.is_none() && name.is_empty() && indicator.is_empty() {
            let texts: Vec<String> = cells
                .iter()
                .filter_map(|(_, v, _)| cell_str(v).map(|t| t.into_owned()))
                .collect();
            if texts.iter().any(|t| is_signature_text(t)) {
                self.footer_row = Some(row0 + 1);
                return Flow::Stop;
            }
            let labels_only = texts.iter().all(|t| is_label_text(t));
            let has_values = !labels_only
                && h.fields
                    .iter()
                    .any(|(_, c)| get(&self.slots, Some(*c)).is_some());
            if has_values {
                let col = cells.first().map(|(c, ..)| *c).unwrap_or(0);
                let p = Problem {
                    severity: Severity::Warning,
                    code: "baris_tanpa_nama".into(),
                    message: "baris berisi nilai tanpa kode, nama, atau indikator; dilewati".into(),
                    at: Location::default(),
                };
                let mut p = self.located(p, row0, col, None);
                p.at.row = None;
                self.problems.push(p);
            }
            return Flow::Go;
        }

        // What each column holds, for the mapping review.
        for (i, (c, v, _)) in cells.iter().enumerate() {
            let kind = self.stat_kind.get(*c as usize).copied();
            let Some(st) = self.stats.get_mut(*c as usize) else {
                continue;
            };
            match kind {
                Some(StatKind::Unmapped) => {}
                Some(StatKind::Text) => {
                    st.filled += u32::from(!matches!(v, DataRef::Empty));
                    continue;
                }
                // Counted while the value is read, below.
                _ => continue,
            }
            // Only the magnitude matters here (a classification, no arithmetic): f64 will do.
            let magnitude = match v {
                DataRef::Empty => continue,
                DataRef::Int(n) => Some(*n as f64),
                DataRef::Float(f) => Some(*f),
                DataRef::String(_) | DataRef::SharedString(_) => match reads.get(i) {
                    Some(Some(read)) => match &read.value {
                        CellValue::Number { value, .. } => Some(decimal_magnitude(*value)),
                        _ => None,
                    },
                    _ => cell_str(v).and_then(|t| {
                        let t = t.trim();
                        if t.starts_with(|ch: char| ch.is_ascii_digit()) {
                            match capaian_domain::num::parse_cell(t).0.value {
                                CellValue::Number { value, .. } => Some(decimal_magnitude(value)),
                                _ => None,
                            }
                        } else {
                            None
                        }
                    }),
                },
                _ => None,
            };
            st.filled += 1;
            if let Some(n) = magnitude {
                let a = n.abs();
                st.numbers += 1;
                st.big += u32::from(a >= 1_000.0);
                st.huge += u32::from(a >= 1_000_000.0);
                st.nonzero += u32::from(a != 0.0);
            }
        }

        // Code and level signals.
        let mut sig = LevelSignals::default();
        let mut kode = None;
        let kode_col = h
            .col(Field::Kode)
            .or_else(|| self.kode_cols.first().copied())
            .or(h.col(Field::Name));
        if let (Some(raw), Some(col)) = (&kode_raw, kode_col) {
            let (canon, probs) = kode::normalize(raw);
            for p in probs {
                let p = self.located(p, row0, col, Some(Field::Kode));
                self.problems.push(p);
            }
            if let Some(c) = &canon {
                if c.split('.').count() <= 2 {
                    // Urusan / bidang urusan heading: not a planning row of this form.
                    return Flow::Go;
                }
                sig.from_kode = kode::level_of(c);
            }
            kode = canon;
        }
        if sig.from_kode.is_none() {
            sig.from_kode = outline_level;
        }
        let name_first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        sig.program_name = !name.is_empty()
            && self
                .profile
                .levels
                .program_prefixes
                .iter()
                .any(|p| name_first == *p);
        if let Some(name_col) = h.col(Field::Name) {
            if let Some((_, _, st)) = get(&self.slots, Some(name_col)) {
                let s = self.style(*st);
                sig.bold = s.bold;
                sig.indent = s.indent;
            }
        }
        sig.numbered = get(&self.slots, self.no_col).is_some_and(|(_, v, _)| match v {
            DataRef::Int(_) | DataRef::Float(_) => true,
            other => cell_text(other)
                .is_some_and(|t| t.trim_end_matches('.').chars().all(|c| c.is_ascii_digit())),
        });

        // Values.
        let mut vals = RowValues::default();
        for &(field, col) in &h.fields {
            if !Self::is_value_field(field) {
                continue;
            }
            let Some(i) = self.slots.get(col as usize).copied().flatten() else {
                continue;
            };
            let (_, v, st) = &cells[i];
            let read = match reads.get_mut(i).and_then(Option::take) {
                Some(read) => read,
                None => read_cell(v, self.style(*st)),
            };
            if let Some(stats) = self.stats.get_mut(col as usize) {
                stats.filled += 1;
                if let CellValue::Number { value, .. } = &read.value {
                    stats.count(*value);
                }
            }
            for mut p in read.problems {
                if p.code == "galat_excel" && is_stated_computed(field) {
                    // `#DIV/0!` in a column Capaian computes itself (target 0): nothing is lost.
                    p.severity = Severity::Info;
                    p.code = "galat_excel_kolom_hitung".into();
                    p.message =
                        format!("{}; kolom hitungan, dihitung ulang oleh Capaian", p.message);
                }
                let p = self.located(p, row0, col, Some(field));
                self.problems.push(p);
            }
            if matches!(read.value, CellValue::Dash) {
                vals.dashes.push(field);
            }
            if crate::header::is_money(field) {
                match as_rp(read.value, &read.raw) {
                    Ok(d) => {
                        let scale = self.scale_by_col.get(col as usize).copied().flatten();
                        vals.set_rp(field, d.map(|d| scale.map_or(d, |s| d * s)))
                    }
                    Err(msg) => {
                        let p = Problem {
                            severity: Severity::Error,
                            code: "bukan_angka".into(),
                            message: msg,
                            at: Location::default(),
                        };
                        let p = self.located(p, row0, col, Some(field));
                        // parse_cell may already have said so; keep one message per cell.
                        if !self
                            .problems
                            .iter()
                            .rev()
                            .take(4)
                            .any(|q| q.at.cell == p.at.cell)
                        {
                            self.problems.push(p);
                        }
                    }
                }
            } else {
                let (k, unit) = read.value.k_dan_satuan();
                vals.set_k(field, k, unit);
            }
        }
        // Satuan sub-columns.
        for &(kfield, col) in &h.units {
            if let Some(t) = text_at(&self.slots, Some(col)) {
                if t != "-" {
                    vals.set_unit(kfield, t);
                }
            }
        }

        vals.dash_beside_value_is_zero();
        // A separate Satuan column names the row's unit; else the unit the K cells carry.
        let unit = text_at(&self.slots, h.col(Field::Unit))
            .filter(|t| t != "-")
            .or_else(|| vals.row_unit());
        let k_refs: Vec<&KValue> = [
            &vals.renstra.k,
            &vals.prev.k,
            &vals.target.k,
            &vals.tw[0].k,
            &vals.tw[1].k,
            &vals.tw[2].k,
            &vals.tw[3].k,
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut semantics = default_semantics(unit.as_deref(), &k_refs);
        if self.cumulative_tw {
            // Each quarter is the figure s.d. its end: capaian s.d. TW n is TW n's value
            // against the year's target, never a sum of the quarters.
            semantics.aggregation = Aggregation::Last;
            self.check_cumulative_targets(row0, &vals.target_tw);
        }
        let level = sig
            .from_kode
            .unwrap_or(if name.is_empty() && kode.is_none() {
                Level::Indikator
            } else if sig.program_name {
                Level::Program
            } else {
                Level::SubKegiatan
            });
        // The Sasaran cell, else the text of the merged cell it lies in.
        let sasaran = match own_sasaran {
            Some(t) => t,
            None => self
                .sasaran_carry
                .as_ref()
                .filter(|(r, _)| {
                    self.sasaran_merges
                        .iter()
                        .any(|&(a, b)| a == *r && row0 > a && row0 <= b)
                })
                .map(|(_, t)| t.clone())
                .unwrap_or_default(),
        };
        let row = Row {
            sheet_row: row0 + 1,
            level,
            kode,
            kode_raw,
            name,
            indicator,
            unit,
            semantics,
            renstra: vals.renstra,
            prev: vals.prev,
            target: vals.target,
            tw: vals.tw,
            stated: vals.stated,
            unit_pd: text_at(&self.slots, h.col(Field::UnitPd)).unwrap_or_default(),
            keterangan: text_at(&self.slots, h.col(Field::Keterangan)).unwrap_or_default(),
            narasi: Default::default(),
            kode_sumber: None,
            rencana: NilaiRencana {
                sasaran,
                triwulan: vals.target_tw.map(|k| Pair { k, rp: None }),
                ..NilaiRencana::default()
            },
        };
        self.rows.push(row);
        self.signals.push(sig);
        self.last_data_row = Some(row0 + 1);
        Flow::Go
    }

    /// The person's level for some rows (by sheet row).
    fn apply_level_overrides(&mut self, levels: &[LevelOverride]) {
        for o in levels {
            if let Some(r) = self.rows.iter_mut().find(|r| r.sheet_row == o.sheet_row) {
                r.level = o.level;
            }
        }
    }

    /// The kode of a row from a Kode split over columns. Parts left blank left of a filled
    /// one come from the row above (merged or block-filled cells); a part that already
    /// holds the full prefix (`5.03.02` under program) replaces what was joined so far.
    fn join_kode(&mut self, parts: Vec<Option<String>>) -> Option<String> {
        let first = parts.iter().position(Option::is_some)?;
        let last = parts.iter().rposition(Option::is_some)?;
        let mut eff: Vec<Option<String>> = Vec::with_capacity(parts.len());
        for (i, p) in parts.into_iter().enumerate() {
            if i < first {
                eff.push(self.kode_carry.get(i).cloned().flatten());
            } else if i <= last {
                eff.push(p);
            } else {
                eff.push(None);
            }
        }
        let split_over = eff.len();
        let mut joined = String::new();
        for (i, p) in eff.iter().take(last + 1).enumerate() {
            let Some(p) = p else { continue };
            let p = p.trim().trim_matches('.');
            if p.is_empty() {
                continue;
            }
            // Bidang, program (and sub kegiatan) typed as numbers lose their leading zero
            // (`3` for `03`); the kegiatan part (`2.01`) is never padded.
            let padded;
            let p = if split_over >= 3
                && i != 0
                && i != 3
                && p.len() == 1
                && p.bytes().all(|b| b.is_ascii_digit())
            {
                padded = format!("0{p}");
                padded.as_str()
            } else {
                p
            };
            if joined.is_empty() || p.starts_with(&format!("{joined}.")) {
                joined = p.to_string();
            } else {
                joined.push('.');
                joined.push_str(p);
            }
        }
        self.kode_carry = eff;
        (!joined.is_empty()).then_some(joined)
    }

    /// Levels of rows without a usable Kode: programs by name; kegiatan vs sub kegiatan by
    /// the first layout signal that tells them apart in this sheet (bold, a number in the
    /// No column, indentation); failing all, by Rp roll-up (a kegiatan's target Rp equals
    /// the sum of the sub kegiatan under it).
    fn resolve_levels(&mut self) {
        let open: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                self.signals[i].from_kode.is_none()
                    && self.rows[i].level != Level::Indikator
                    && !self.signals[i].program_name
            })
            .collect();
        if open.is_empty() {
            return;
        }
        let differs = |f: &dyn Fn(&LevelSignals) -> u8| {
            let first = f(&self.signals[open[0]]);
            open.iter().any(|&i| f(&self.signals[i]) != first)
        };
        let rule = if differs(&|s| u8::from(s.bold)) {
            Some(KegiatanRule::Bold)
        } else if differs(&|s| u8::from(s.numbered)) {
            Some(KegiatanRule::Numbered)
        } else if differs(&|s| s.indent) {
            let min = open
                .iter()
                .map(|&i| self.signals[i].indent)
                .min()
                .unwrap_or(0);
            Some(KegiatanRule::LeastIndent(min))
        } else {
            None
        };
        match rule {
            Some(rule) => {
                for &i in &open {
                    let s = &self.signals[i];
                    let kegiatan = match rule {
                        KegiatanRule::Bold => s.bold,
                        KegiatanRule::Numbered => s.numbered,
                        KegiatanRule::LeastIndent(min) => s.indent == min,
                    };
                    self.rows[i].level = if kegiatan {
                        Level::Kegiatan
                    } else {
                        Level::SubKegiatan
                    };
                }
            }
            None => {
                // Without any anggaran to roll up, the names are the only evidence left.
                let no_rp = open.iter().all(|&i| self.rows[i].target.rp.is_none());
                let rest = if no_rp {
                    self.levels_by_nomenklatur(&open)
                } else {
                    open
                };
                let rest = self.two_level_blocks(&rest);
                if !rest.is_empty() {
                    self.levels_by_rollup(&rest);
                }
            }
        }
    }

    /// Rows whose name the national nomenclature carries at one level only (as a kegiatan or
    /// as a sub kegiatan, in any program) take that level: the wording decides when neither the
    /// sheet's print nor its anggaran does (seed 003 Tabel 3.14: no kode, no bold in its first
    /// block, no Rp at all).
    /// Returns the open rows the name cannot settle (unknown, or known at both levels).
    fn levels_by_nomenklatur(&mut self, open: &[usize]) -> Vec<usize> {
        use capaian_domain::nomenklatur::{Lookup, Scope};
        let n = crate::nomenklatur::shipped();
        let known = |name: &str, level: Level| {
            !matches!(n.find(name, level, &Scope::default()), Lookup::NotFound)
        };
        let mut rest = Vec::new();
        for &i in open {
            let name = self.rows[i].name.as_str();
            match (
                known(name, Level::Kegiatan),
                known(name, Level::SubKegiatan),
            ) {
                (true, false) => self.rows[i].level = Level::Kegiatan,
                (false, true) => self.rows[i].level = Level::SubKegiatan,
                _ => rest.push(i),
            }
        }
        rest
    }

    /// Pre-2019 trees (program → kegiatan, no sub kegiatan): under a program whose target
    /// Rp equals the sum of the target Rp of every row below it (up to the next program),
    /// those rows are its kegiatan. Returns the open rows not settled this way.
    fn two_level_blocks(&mut self, open: &[usize]) -> Vec<usize> {
        let programs: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.rows[i].level == Level::Program)
            .collect();
        let mut settled = vec![false; self.rows.len()];
        for (n, &p) in programs.iter().enumerate() {
            let end = programs.get(n + 1).copied().unwrap_or(self.rows.len());
            let block: Vec<usize> = open.iter().copied().filter(|&i| i > p && i < end).collect();
            let Some(target) = self.rows[p].target.rp else {
                continue;
            };
            if block.is_empty() {
                continue;
            }
            let sum: Decimal = block
                .iter()
                .map(|&i| self.rows[i].target.rp.unwrap_or_default())
                .sum();
            if sum == target {
                for &i in &block {
                    self.rows[i].level = Level::Kegiatan;
                    settled[i] = true;
                }
            }
        }
        open.iter().copied().filter(|&i| !settled[i]).collect()
    }

    fn levels_by_rollup(&mut self, open: &[usize]) {
        let mut i = 0;
        let mut unresolved = false;
        while i < open.len() {
            let k = open[i];
            self.rows[k].level = Level::Kegiatan;
            let target = self.rows[k].target.rp;
            let mut sum = Decimal::ZERO;
            let mut j = i + 1;
            let mut matched = false;
            while j < open.len() && open[j] == open[j - 1] + 1 + self.indicator_run(open[j - 1]) {
                sum += self.rows[open[j]].target.rp.unwrap_or_default();
                j += 1;
                if Some(sum) == target {
                    matched = true;
                    break;
                }
            }
            if matched {
                for &s in &open[i + 1..j] {
                    self.rows[s].level = Level::SubKegiatan;
                }
                i = j;
            } else {
                unresolved = true;
                i += 1;
            }
        }
        if unresolved {
            let row = self.rows.first().map(|r| r.sheet_row).unwrap_or(0);
            self.problems.push(Problem {
                severity: Severity::Warning,
                code: "level_tidak_pasti".into(),
                message: format!(
                    "Sheet '{}': tanpa kolom Kode, huruf tebal, nomor, atau indentasi, tingkat \
                     kegiatan/sub kegiatan sebagian baris ditebak dari jumlah anggaran (mulai baris {row})",
                    self.sheet
                ),
                at: Location {
                    sheet: Some(self.sheet.clone()),
                    ..Location::default()
                },
            });
        }
    }

    /// Number of indicator rows directly after row `i`.
    fn indicator_run(&self, i: usize) -> usize {
        self.rows[i + 1..]
            .iter()
            .take_while(|r| r.level == Level::Indikator)
            .count()
    }

    fn finish(self, facts: crate::title::TitleFacts, profile: &FormProfile) -> Import {
        let h = self.header;
        let colref = |(field, col): &(Field, u32)| ColumnRef {
            field: *field,
            col: col + 1,
            letter: col_letter(col + 1),
        };
        let layout = Layout {
            form: profile.form.to_string(),
            sheet: self.sheet.clone(),
            header_rows: (h.header_start + 1, h.header_end + 1),
            numbering_row: h.numbering_row.map(|r| r + 1),
            first_data_row: h.first_data_row + 1,
            last_data_row: self.last_data_row,
            footer_row: self.footer_row,
            columns: h.fields.iter().map(colref).collect(),
            unit_columns: h.units.iter().map(colref).collect(),
            scales: h.scales.clone(),
        };
        let document = Document {
            form: profile.form.to_string(),
            sheet: self.sheet,
            year: facts.year,
            quarter: facts.quarter,
            region: facts.region,
            pd: facts.pd,
            rows: self.rows,
        };
        Import {
            document,
            problems: self.problems,
            layout,
        }
    }
}

fn style_of(styles: &[StyleInfo], id: usize) -> StyleInfo {
    styles.get(id).copied().unwrap_or_default()
}

/// A decimal's size class as f64 (for the column statistics only).
fn decimal_magnitude(d: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap_or(0.0)
}

/// The columns 12–15 a sheet states (Capaian recomputes them).
fn is_stated_computed(f: Field) -> bool {
    matches!(
        f,
        Field::C12K
            | Field::C12Rp
            | Field::C13K
            | Field::C13Rp
            | Field::C14K
            | Field::C14Rp
            | Field::C15K
            | Field::C15Rp
    )
}

/// `1.01.01 - Program …` → (`1.01.01`, `Program …`): a planning code (two or more
/// dot-separated numeric segments) written before the name, followed by a space, `-` or `:`.
pub(crate) fn split_code_name(name: &str) -> Option<(String, String)> {
    let t = name.trim_start();
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'x' || c == 'X'))
        .unwrap_or(t.len());
    let code = t[..end].trim_end_matches('.');
    let after = &t[end..];
    if !after.starts_with(|c: char| c.is_whitespace() || matches!(c, '-' | ':' | '\u{2013}')) {
        return None;
    }
    let segs: Vec<&str> = code.split('.').collect();
    if segs.len() < 2 || segs.iter().any(|s| s.is_empty()) {
        return None;
    }
    let rest = after
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | ':' | '\u{2013}'))
        .trim();
    if rest.is_empty() {
        return None;
    }
    Some((code.to_string(), rest.to_string()))
}

/// A local outline number before a text (`1.`, `1.1`, `1.1.1.`, `.2.` with its first digit
/// lost, `2.3. 2` with a space): its depth (1–3) and the text after it. Not a planning kode:
/// at most three segments of one or two digits, none zero-padded (`1.01.01` is a kode).
pub(crate) fn outline(text: &str) -> Option<(usize, String)> {
    let t = text.trim_start();
    if !t.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ' '))
        .unwrap_or(t.len());
    // A space inside the number separates segments as a dot does (`1.7 3`, `2.3. 2`).
    let prefix = t[..end].trim();
    let rest = t[end..].trim().to_string();
    let p = prefix.trim_end_matches('.');
    let lead = usize::from(p.starts_with('.'));
    let segs: Vec<&str> = p
        .split(['.', ' '])
        .enumerate()
        .filter(|(i, s)| !s.is_empty() || *i < lead)
        .map(|(_, s)| s)
        .collect();
    let ok = !p.is_empty()
        && !rest.is_empty()
        && segs.len() <= 3
        && segs.iter().enumerate().all(|(i, s)| {
            (s.is_empty() && i == 0 && segs.len() > 1)
                || (!s.is_empty() && s.len() <= 2 && !s.starts_with('0'))
        });
    ok.then_some((segs.len(), rest))
}

/// The level a name states by its first words: `Program …`, `Kegiatan …`, `Sub Kegiatan …`.
fn level_by_words(name: &str) -> Option<Level> {
    let ws = crate::text::words(name);
    match ws.first().map(String::as_str) {
        Some("program") => Some(Level::Program),
        Some("kegiatan") => Some(Level::Kegiatan),
        Some("sub" | "subkegiatan") => Some(Level::SubKegiatan),
        _ => None,
    }
}

/// A signature-block text after the data: `Kepala Badan …`, `NIP. 1965…`, `Disusun …`,
/// `Tarakan, 10 Juli 2026`.
fn is_signature_text(t: &str) -> bool {
    let ws = crate::text::words(t);
    let Some(first) = ws.first() else {
        return false;
    };
    if matches!(
        first.as_str(),
        "nip"
            | "kepala"
            | "disusun"
            | "dievaluasi"
            | "mengetahui"
            | "menyetujui"
            | "pembina"
            | "penata"
            | "sekretaris"
            | "plt"
            | "pj"
    ) {
        return true;
    }
    ws.windows(2).any(|p| {
        capaian_domain::tanggal::BULAN
            .iter()
            .any(|b| b.eq_ignore_ascii_case(&p[0]))
            && p[1].len() == 4
            && p[1].bytes().all(|b| b.is_ascii_digit())
    })
}

/// A sub-label (`K`, `Rp`, `%`) as a unit row repeats it.
fn is_label_text(t: &str) -> bool {
    matches!(
        crate::text::normalize(t).as_str(),
        "k" | "rp" | "" | "kinerja" | "anggaran" | "satuan" | "rp 000"
    )
}

#[derive(Default)]
struct RowValues {
    renstra: Pair,
    prev: Pair,
    target: Pair,
    tw: [Pair; 4],
    stated: Stated,
    /// The rencana aksi's target per quarter.
    target_tw: [Option<KValue>; 4],
    /// Units named by each K cell or satuan column, in field order.
    units: Vec<(Field, String)>,
    /// Fields whose cell held `-`.
    dashes: Vec<Field>,
}

impl RowValues {
    fn pair(&mut self, f: Field) -> Option<&mut Pair> {
        Some(match f {
            Field::RenstraK | Field::RenstraRp => &mut self.renstra,
            Field::PrevK | Field::PrevRp => &mut self.prev,
            Field::TargetK | Field::TargetRp => &mut self.target,
            Field::TwK(q) | Field::TwRp(q) if (1..=4).contains(&q) => {
                &mut self.tw[usize::from(q - 1)]
            }
            Field::C12K | Field::C12Rp => &mut self.stated.c12,
            Field::C13K | Field::C13Rp => &mut self.stated.c13,
            Field::C14K | Field::C14Rp => &mut self.stated.c14,
            Field::C15K | Field::C15Rp => &mut self.stated.c15,
            _ => return None,
        })
    }

    fn set_rp(&mut self, f: Field, v: Option<Decimal>) {
        if let Some(p) = self.pair(f) {
            p.rp = v;
        }
    }

    /// `-` means "nothing": when the other half of its K/Rp pair holds a value (money spent
    /// but no volume realised, `- Dok` beside an amount), it is a zero; when the whole pair
    /// is `-`/blank, nothing was reported and both stay None.
    fn dash_beside_value_is_zero(&mut self) {
        let dashes = std::mem::take(&mut self.dashes);
        for f in dashes {
            let Some(p) = self.pair(f) else { continue };
            if crate::header::is_money(f) {
                if p.rp.is_none() && p.k.is_some() {
                    p.rp = Some(Decimal::ZERO);
                }
            } else if p.k.is_none() && p.rp.is_some() {
                p.k = Some(KValue::Number(Decimal::ZERO));
            }
        }
    }

    fn set_k(&mut self, f: Field, v: Option<KValue>, unit: Option<String>) {
        if let Field::TargetTwK(q @ 1..=4) = f {
            self.target_tw[usize::from(q - 1)] = v;
        } else if let Some(p) = self.pair(f) {
            p.k = v;
        }
        if let Some(u) = unit {
            self.set_unit(f, u);
        }
    }

    fn set_unit(&mut self, f: Field, u: String) {
        if !self.units.iter().any(|(g, _)| *g == f) {
            self.units.push((f, u));
        }
    }

    /// The row's unit: the target's, else the first one named (Renstra, last year, quarters).
    /// Columns 13 and 15 are percentages of achievement, not the indicator's unit.
    fn row_unit(&self) -> Option<String> {
        let order = [
            Field::TargetK,
            Field::RenstraK,
            Field::PrevK,
            Field::TwK(1),
            Field::TwK(2),
            Field::TwK(3),
            Field::TwK(4),
            Field::C12K,
            Field::C14K,
        ];
        order.iter().find_map(|f| {
            self.units
                .iter()
                .find(|(g, _)| g == f)
                .map(|(_, u)| u.clone())
        })
    }
}
