//! Workbooks in and out: import (read + compute + locate), the official form (export) and the
//! agency's own template filled again. Shared by the command line and the HTTP routes.

use std::path::Path;

use app::ssr::Template;
use app::types::Workspace;
use capaian_domain::e81::{self, E81Computed, E81Settings};
use capaian_domain::model::{Document, Problem};
use capaian_xlsx::export::{export_e81, ExportError, ExportMeta};
use capaian_xlsx::fill::{fill_template_with, FillError};
use capaian_xlsx::{Import, Limits, ReadError};

/// A read and computed workbook.
pub struct Imported {
    pub import: Import,
    pub computed: E81Computed,
    /// Problems the computations found, at document rows and fields.
    pub compute_problems: Vec<Problem>,
}

impl Imported {
    /// Computes a reading with the workspace's settings (`Pengaturan::e81`).
    pub fn from_import(import: Import, settings: &E81Settings) -> Imported {
        let (computed, compute_problems) = e81::compute(&import.document, settings);
        Imported {
            import,
            computed,
            compute_problems,
        }
    }

    /// Reading problems first, then the checks' problems, all located at sheet cells.
    pub fn all_problems(&self) -> Vec<Problem> {
        let mut all = self.import.problems.clone();
        all.extend(self.import.locate(&self.compute_problems));
        all
    }

    /// Streams the JSON of `capaian import --json`.
    pub fn write_json(&self, out: impl std::io::Write) -> serde_json::Result<()> {
        capaian_xlsx::json::write_import_json(
            out,
            &self.import,
            &self.computed,
            &self.compute_problems,
        )
    }
}

/// The two kinds of workbook Capaian reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkbookKind {
    /// Office Open XML (`.xlsx`): a zip container.
    Xlsx,
    /// Excel 97–2003 (`.xls`): an OLE compound file.
    Xls,
}

/// What kind of workbook a file is, by its name and its first bytes (both must agree).
pub fn workbook_kind(name: &str, bytes: &[u8]) -> Option<WorkbookKind> {
    let lower = name.to_lowercase();
    if lower.ends_with(".xlsx") && bytes.starts_with(b"PK\x03\x04") {
        Some(WorkbookKind::Xlsx)
    } else if lower.ends_with(".xls") && bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some(WorkbookKind::Xls)
    } else {
        None
    }
}

/// Why a file was refused before reading: not a workbook Capaian reads, and what to do.
pub fn not_a_workbook(name: &str) -> String {
    format!(
        "Berkas '{name}' bukan workbook Excel (.xlsx atau .xls). Buka di Excel dan simpan sebagai \
         Excel Workbook (.xlsx), lalu unggah lagi."
    )
}

/// A workbook of another form than E.81 that Capaian reads: a SIPD export, a Renja, a
/// Perjanjian Kinerja, the Renstra's table of tujuan, sasaran and IKU (its targets of the year
/// [`other_form`] is given), or an LKjIP's Bab III A tables or a T-C.29 (reports to check,
/// never merged into the plan).
pub enum Lain {
    Sipd(capaian_xlsx::sipd::SipdReading),
    Renja(capaian_xlsx::renja::RenjaReading),
    Pk(Box<capaian_xlsx::PkReading>),
    Kinerja(Box<capaian_xlsx::KinerjaReading>),
    Lkjip(Box<capaian_xlsx::LkjipReading>),
    Tc29(Box<capaian_xlsx::Tc29Reading>),
}

/// What an LKjIP workbook's Bab III A tables are, for people.
pub const NAMA_LKJIP: &str = "tabel capaian IKU LKjIP (Bab III A)";

/// What a T-C.29 workbook is, for people.
pub const NAMA_TC29: &str = "T-C.29 (rekapitulasi evaluasi Renja dan pencapaian Renstra)";

/// What an LKjIP workbook's Bab III A tables hold, for people: the year, then a line per table
/// (its title, sheet and version, how many IKU and other rows).
pub fn lkjip_summary(reading: &capaian_xlsx::LkjipReading) -> Vec<String> {
    use capaian_domain::lkjip_berkas::Versi;
    let mut lines = vec![format!("{} — {} tabel", NAMA_LKJIP, reading.tabel.len())];
    if let Some(y) = reading.tahun {
        lines.push(format!("Tahun: {y}"));
    }
    for t in &reading.tabel {
        let iku = t.indikator.iter().filter(|b| **b).count();
        let lain = t.indikator.len() - iku;
        let versi = match t.versi {
            Some(Versi::Sebelum) => ", sebelum perubahan",
            Some(Versi::Setelah) => ", setelah perubahan",
            None => "",
        };
        let mut line = format!("{}{versi}: {iku} indikator", t.judul);
        if lain > 0 {
            line.push_str(&format!(", {lain} baris anggaran"));
        }
        lines.push(line);
    }
    lines
}

/// What a Renstra's table of tujuan, sasaran and IKU holds, for people, a line each.
pub fn kinerja_summary(reading: &capaian_xlsx::KinerjaReading, tahun: i32) -> Vec<String> {
    use capaian_domain::model::Level;
    let doc = &reading.document;
    let count = |l: Level| doc.rows.iter().filter(|r| r.level == l).count();
    let iku = doc
        .rows
        .iter()
        .filter(|r| r.level != Level::Tujuan && !r.indicator.trim().is_empty())
        .count();
    let mut lines = vec![format!(
        "Tabel tujuan, sasaran dan indikator kinerja utama (Renstra), sheet '{}'",
        doc.sheet
    )];
    if let (Some(a), Some(b)) = (reading.tahun_kolom.first(), reading.tahun_kolom.last()) {
        lines.push(format!(
            "Target tahun {a}–{b}; target tahun {tahun} menjadi target kolom 7"
        ));
    }
    lines.push(format!(
        "Tujuan: {} · Sasaran: {} · IKU: {iku}",
        count(Level::Tujuan),
        count(Level::Sasaran)
    ));
    lines
}

/// A workbook that holds no E.81 sheet read as a Perjanjian Kinerja, else as an LKjIP's Bab
/// III A tables, else as a T-C.29, else as a SIPD export, else as a Renja, else as the
/// Renstra's table, when it is one; else the E.81 reader's error stands (it names what was
/// looked for). The PK is tried first: a lampiran with program, indikator, target and anggaran
/// columns side by side would also pass for a Renja. `tahun`: the year whose targets a
/// Renstra table gives as column 7 K (the workspace's), else its title's.
pub fn other_form(bytes: &[u8], e: ReadError, tahun: Option<i32>) -> Result<Lain, ReadError> {
    match e {
        ReadError::FormNotFound { .. } => {
            let limits = Limits::default();
            if let Ok(pk) = capaian_xlsx::read_pk(bytes, &limits) {
                return Ok(Lain::Pk(Box::new(pk)));
            }
            // Before the SIPD reader, which would take an LKjIP's table of sasaran, program
            // and kegiatan (its `Belanja > Anggaran · Realisasi`) for a realisasi export.
            if let Ok(lkjip) = capaian_xlsx::read_lkjip(bytes, &limits, None) {
                return Ok(Lain::Lkjip(Box::new(lkjip)));
            }
            // Likewise a T-C.29 (its Kode and Realisasi columns).
            if let Ok(tc29) = capaian_xlsx::read_tc29(bytes, &limits) {
                return Ok(Lain::Tc29(Box::new(tc29)));
            }
            if let Ok(sipd) = capaian_xlsx::sipd::read_sipd(bytes, &limits) {
                return Ok(Lain::Sipd(sipd));
            }
            if let Ok(renja) = capaian_xlsx::renja::read_renja(bytes, &limits) {
                return Ok(Lain::Renja(renja));
            }
            capaian_xlsx::read_kinerja(bytes, &limits, tahun)
                .map(|k| Lain::Kinerja(Box::new(k)))
                .map_err(|_| e)
        }
        e => Err(e),
    }
}

/// A reading problem for people: where (`Sheet 'Rekap' sel D6`; a whole sheet's names no cell)
/// and what.
pub fn problem_line(p: &Problem) -> String {
    let sheet = p.at.sheet.as_deref().unwrap_or_default();
    match p.at.cell.as_deref().filter(|c| !c.is_empty()) {
        Some(cell) => format!("Sheet '{sheet}' sel {cell}: {}", p.message),
        None => format!("Sheet '{sheet}': {}", p.message),
    }
}

/// What a SIPD export holds, for people, a line each: its layout and sheets, year and period,
/// the rows per level, the totals of the top level (anggaran, realisasi with penyerapan,
/// anggaran kas).
pub fn budget_summary(reading: &capaian_xlsx::sipd::SipdReading) -> Vec<String> {
    use app::format::{angka, persen};
    use capaian_domain::anggaran::{penyerapan, Besaran, Jenjang};
    let tabel = &reading.anggaran;
    let sheets: Vec<String> = reading
        .sheets
        .iter()
        .map(|s| format!("'{}'", s.sheet))
        .collect();
    let mut lines = vec![format!(
        "{} — sheet {}",
        reading.layout.nama(),
        sheets.join(", ")
    )];
    if let Some(y) = tabel.tahun {
        lines.push(format!("Tahun anggaran: {y}"));
    }
    if let Some(m) = reading
        .sampai_bulan
        .and_then(|m| capaian_domain::tanggal::nama_bulan(u32::from(m)))
    {
        lines.push(format!("Periode: s.d. {m}"));
    }
    for (jenjang, nama) in [
        (Jenjang::Urusan, "Urusan"),
        (Jenjang::BidangUrusan, "Bidang urusan"),
        (Jenjang::Program, "Program"),
        (Jenjang::Kegiatan, "Kegiatan"),
        (Jenjang::SubKegiatan, "Sub kegiatan"),
        (Jenjang::Rekening, "Rekening"),
    ] {
        let n = tabel.per_jenjang(jenjang).count();
        if n > 0 {
            lines.push(format!("{nama}: {n} baris"));
        }
    }
    // The totals: the sum over the top nodes (those without a parent).
    let totals = tabel.total();
    let total = |b: Besaran| totals.get(b);
    let anggaran = total(Besaran::Anggaran);
    if let Some(a) = anggaran {
        lines.push(format!("Anggaran: Rp {}", angka(a)));
    }
    if let Some(r) = total(Besaran::Realisasi) {
        lines.push(format!("Realisasi: Rp {}", angka(r)));
        if let Some(p) = anggaran.and_then(|a| penyerapan(r, a)) {
            lines.push(format!("Penyerapan: {}", persen(Some(p))));
        }
    }
    if let Some(k) = total(Besaran::KasTotal) {
        lines.push(format!("Anggaran kas: Rp {}", angka(k)));
    }
    lines
}

/// What an upload holds: an official form's workbook read for review, or another form's.
pub enum Review {
    Form(Box<capaian_xlsx::Reading>),
    Lain(Box<Lain>),
}

/// [`review_bytes`], else the workbook as another form's ([`other_form`], a Renstra table
/// for year `tahun`).
pub fn review_any(
    bytes: &[u8],
    options: &capaian_xlsx::ReadOptions,
    tahun: Option<i32>,
) -> Result<Review, ReadError> {
    match review_bytes(bytes, options) {
        Ok(reading) => Ok(Review::Form(Box::new(reading))),
        Err(e) => other_form(bytes, e, tahun).map(|l| Review::Lain(Box::new(l))),
    }
}

/// What a Perjanjian Kinerja holds, for people, a line each: its version and year, the PD, the
/// parties, the indicators and anggaran rows per level, Σ anggaran and its terbilang.
pub fn pk_summary(reading: &capaian_xlsx::PkReading) -> Vec<String> {
    use app::format::angka;
    use capaian_domain::rencana::{Tingkat, Versi};
    let pk = &reading.pk;
    let (h, _) = capaian_domain::pk::hitung(pk);
    let mut lines = vec![format!(
        "Perjanjian Kinerja{}{}",
        match pk.versi {
            Versi::Murni => "",
            Versi::Perubahan => " Perubahan",
        },
        pk.tahun.map(|t| format!(" Tahun {t}")).unwrap_or_default()
    )];
    if !pk.pd.trim().is_empty() {
        lines.push(format!("Perangkat Daerah: {}", pk.pd.trim()));
    }
    if let Some(p) = &pk.pernyataan {
        for (peran, pihak) in [
            ("Pihak pertama", &p.pihak_pertama),
            ("Pihak kedua", &p.pihak_kedua),
        ] {
            if !pihak.nama.trim().is_empty() {
                lines.push(format!(
                    "{peran}: {} ({})",
                    pihak.nama.trim(),
                    pihak.jabatan.trim()
                ));
            }
        }
    }
    lines.push(format!(
        "Lampiran kinerja: {} indikator",
        pk.kinerja
            .iter()
            .filter(|b| !b.indikator.trim().is_empty())
            .count()
    ));
    for (t, nama) in [
        (Tingkat::Program, "Program"),
        (Tingkat::Kegiatan, "Kegiatan"),
        (Tingkat::SubKegiatan, "Sub kegiatan"),
    ] {
        let n = pk.anggaran.iter().filter(|b| b.tingkat == t).count();
        if n > 0 {
            lines.push(format!("{nama}: {n}"));
        }
    }
    if let Some(j) = h.jumlah {
        lines.push(format!("Jumlah anggaran: Rp {}", angka(j)));
    }
    if let Some(t) = h.terbilang {
        lines.push(format!("Terbilang: {t}"));
    }
    lines
}

/// What a Renja holds, for people, a line each: its sheet and kind, the year and n+1, the rows
/// per level, the pagu of each version and of n+1 (the table's total, rolled up), and what
/// the perubahan did.
pub fn renja_summary(reading: &capaian_xlsx::renja::RenjaReading) -> Vec<String> {
    use app::format::angka;
    use capaian_domain::rencana::Versi;
    use capaian_domain::renja::{hitung, Cetakan, KolomPagu, TingkatRenja};
    let r = &reading.renja;
    let (h, _) = hitung(r);
    let jenis = match r.cetakan {
        Cetakan::Murni => "Renja — rencana program dan kegiatan",
        Cetakan::Perubahan => "Renja Perubahan — rencana program dan kegiatan",
        Cetakan::SebelumSesudah => "Renja Perubahan — sebelum dan setelah perubahan",
    };
    let mut lines = vec![format!("{jenis} — sheet '{}'", r.lembar)];
    if let Some(y) = r.tahun {
        lines.push(format!("Tahun rencana: {y} (prakiraan maju {})", y + 1));
    }
    for t in [
        TingkatRenja::Urusan,
        TingkatRenja::BidangUrusan,
        TingkatRenja::Unit,
        TingkatRenja::Program,
        TingkatRenja::Kegiatan,
        TingkatRenja::SubKegiatan,
    ] {
        let n = r.baris.iter().filter(|b| b.tingkat == Some(t)).count();
        if n > 0 {
            let mut nama = t.nama().to_string();
            nama[..1].make_ascii_uppercase();
            lines.push(format!("{nama}: {n} baris"));
        }
    }
    let extra = r.baris.iter().filter(|b| b.tingkat.is_none()).count();
    if extra > 0 {
        lines.push(format!("Indikator tambahan: {extra} baris"));
    }
    for kolom in r.kolom_pagu() {
        let Some(total) = h.jumlah(kolom) else {
            continue;
        };
        let nama = match kolom {
            KolomPagu::Tahun(Versi::Murni) if r.cetakan == Cetakan::SebelumSesudah => {
                "Pagu sebelum perubahan"
            }
            KolomPagu::Tahun(Versi::Perubahan) if r.cetakan == Cetakan::SebelumSesudah => {
                "Pagu setelah perubahan"
            }
            KolomPagu::Tahun(_) => "Pagu indikatif",
            KolomPagu::Maju => "Pagu prakiraan maju",
        };
        lines.push(format!("{nama}: Rp {}", angka(total)));
    }
    if let Some(p) = &h.perubahan_pagu {
        lines.push(format!(
            "Perubahan: bertambah Rp {}, berkurang Rp {}; {} sub kegiatan baru, {} dihapus",
            angka(p.bertambah),
            angka(p.berkurang),
            p.baru,
            p.dihapus
        ));
    }
    lines
}

/// Reads a workbook for its mapping page, with the person's choices.
pub fn review_bytes(
    bytes: &[u8],
    options: &capaian_xlsx::ReadOptions,
) -> Result<capaian_xlsx::Reading, ReadError> {
    // Formulir E.81 first, then the other forms printed one sheet row per document row (the
    // laporan triwulan, the rencana aksi): the first whose headers the workbook carries.
    let limits = Limits::default();
    capaian_xlsx::first_form(
        bytes,
        &limits,
        |profile| capaian_xlsx::read_for_review_with(bytes, &limits, profile, options),
        |r| &r.import.layout,
    )
}

pub fn import_path(path: &Path, settings: &E81Settings) -> Result<Imported, ReadError> {
    capaian_xlsx::read_path(path, &Limits::default()).map(|i| Imported::from_import(i, settings))
}

/// The official Formulir E.81 for `doc`, with live formulas and Capaian's values cached,
/// computed and rated with `settings` (the workspace's).
pub fn official_form(
    doc: &Document,
    meta: ExportMeta,
    settings: &E81Settings,
) -> Result<Vec<u8>, ExportError> {
    form_sheet(doc, capaian_domain::form::e81::E81.key, meta, settings)
}

/// The document printed as the official sheet of the form kind `form` (its key): Formulir E.81,
/// the laporan capaian kinerja dan keuangan s.d. TW n, or the rencana aksi — one sheet row per
/// document row, live formulas caching the values computed with `settings`. Another key gives
/// Formulir E.81.
pub fn form_sheet(
    doc: &Document,
    form: &str,
    mut meta: ExportMeta,
    settings: &E81Settings,
) -> Result<Vec<u8>, ExportError> {
    use capaian_domain::form::{e81::E81, laporan::LAPORAN, rencana_aksi::RENCANA_AKSI, FormKind};
    let kind: &FormKind = match form {
        f if f == LAPORAN.key => &LAPORAN,
        f if f == RENCANA_AKSI.key => &RENCANA_AKSI,
        _ => &E81,
    };
    // Formulir E.81 prints the budget tree; the laporan and the rencana aksi the sasaran too.
    let doc = if kind.kinerja {
        std::borrow::Cow::Borrowed(doc)
    } else {
        doc.anggaran_saja()
    };
    let doc = doc.as_ref();
    let (computed, _) = e81::compute(doc, settings);
    meta.cap_100 = settings.cap_100;
    if kind.key == LAPORAN.key {
        capaian_xlsx::export::export_laporan(doc, &computed, &meta)
    } else if kind.key == RENCANA_AKSI.key {
        capaian_xlsx::export::export_rencana_aksi(doc, &computed, &meta)
    } else {
        export_e81(doc, &computed, &meta)
    }
}

/// What the title and signature block say, from the document and its workspace; signed today.
pub fn meta_for(doc: &Document, ws: &Workspace, today: (i32, u32, u32)) -> ExportMeta {
    // The title facts only (no rows): what the file said, else what the workspace knows.
    let header = Document {
        form: doc.form.clone(),
        sheet: doc.sheet.clone(),
        year: doc.year.or(Some(ws.tahun)),
        quarter: doc.quarter,
        region: doc.region.clone().or_else(|| Some(ws.kabupaten.clone())),
        pd: Some(ws.nama_pd.clone()),
        rows: Vec::new(),
    };
    let mut meta = ExportMeta::from_document(&header);
    meta.kepala_nama = ws.kepala_nama.clone();
    meta.kepala_nip = ws.kepala_nip.clone();
    meta.tanggal = Some(today);
    meta
}

/// The agency's own workbook with `doc`'s values and computed columns written into it: the
/// file the document was imported from (rows by their own sheet rows), or a file merged into
/// it later (rows where the merge found them).
/// `read`: how the template's columns are read (the workspace's remembered mapping of its
/// layout, [`crate::operations::template_reading`]).
pub fn filled_template(
    template: &Template,
    doc: &Document,
    read: &capaian_xlsx::ReadOptions,
    settings: &E81Settings,
) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    match fill_template_with(
        &template.isi,
        doc,
        template.baris.as_deref(),
        read,
        settings,
        &Limits::default(),
    ) {
        // No E.81 sheet (or a document of a form with no sheet of E.81 rows, a PK's).
        Err(
            e @ (FillError::Template(ReadError::FormNotFound { .. }) | FillError::UnknownForm(_)),
        ) => {
            // A template of another form printed one sheet row per document row (the agency's
            // laporan triwulan or rencana aksi): filled as that form, with the document's rows.
            let limits = Limits::default();
            if let Ok(read) = capaian_xlsx::read_any_form(&template.isi, &limits) {
                if read.document.form != doc.form {
                    let as_form = Document {
                        form: read.document.form,
                        ..doc.clone()
                    };
                    return fill_template_with(
                        &template.isi,
                        &as_form,
                        template.baris.as_deref(),
                        &capaian_xlsx::ReadOptions::default(),
                        settings,
                        &limits,
                    );
                }
            }
            // Else the agency's Perjanjian Kinerja, else its Renja (a document made of it),
            // filled with the document's values.
            match filled_pk(&template.isi, doc) {
                Err(FillError::Template(ReadError::PkNotFound { .. })) => {
                    filled_renja(&template.isi, doc).map_err(|renja| match renja {
                        FillError::Template(ReadError::RenjaNotFound { .. }) => e,
                        other => other,
                    })
                }
                other => other,
            }
        }
        other => other,
    }
}

/// An agency's own Perjanjian Kinerja filled with an E.81 document's values: the document
/// lifted into a plan in the version the PK prints (its targets, TW targets and anggaran are
/// column 7's and the rencana aksi's), written where the PK holds them
/// ([`capaian_xlsx::fill::fill_pk`]; the amount in words follows a changed total).
pub fn filled_pk(template: &[u8], doc: &Document) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    let limits = Limits::default();
    let reading = capaian_xlsx::read_pk(template, &limits)?;
    let (plan, _) = capaian_domain::rencana::e81::angkat(doc, "", reading.pk.versi);
    capaian_xlsx::fill::fill_pk(template, &plan, &limits)
}

/// An agency's own Renja filled with an E.81 document's values: the document lifted into a
/// plan in the version the Renja prints (its targets and pagu are column 7's; a Renja
/// Perubahan's setelah columns take them), written where the Renja holds them
/// ([`capaian_xlsx::fill::fill_renja`]).
pub fn filled_renja(template: &[u8], doc: &Document) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    let limits = Limits::default();
    let reading = capaian_xlsx::read_renja(template, &limits)?;
    let versi = reading
        .renja
        .cetakan
        .versi()
        .last()
        .copied()
        .unwrap_or_default();
    let (plan, _) = capaian_domain::rencana::e81::angkat(doc, "", versi);
    capaian_xlsx::fill::fill_renja(template, &plan, &limits)
}

/// The document printed as the Renja's *rumusan rencana program dan kegiatan*: its rows lifted
/// into a plan and printed as a Renja (`capaian_domain::rencana::renja::proyeksi` — the two
/// forms keep the target and the pagu of the year under the same keys, so column 7 is the
/// Renja's target and pagu), written as the official form with live sums. With `murni` (the
/// document as it stood when its budget change began), the Renja Perubahan lampiran instead:
/// sebelum (murni) and setelah (now) side by side with the selisih. Lokasi, sumber dana,
/// catatan penting and the prakiraan maju are the rows' plan values (`Row::rencana`).
pub fn renja_form(
    doc: &Document,
    murni: Option<&Document>,
    ws: &Workspace,
    today: (i32, u32, u32),
) -> Result<Vec<u8>, ExportError> {
    use capaian_domain::rencana::{renja, Periode, Ukuran, Versi};
    use capaian_domain::renja::Cetakan;
    let now = if murni.is_some() {
        Versi::Perubahan
    } else {
        Versi::Murni
    };
    let (mut plan, _) = capaian_domain::rencana::e81::angkat(doc, "", now);
    if let Some(m) = murni {
        // The murni targets and pagu, each at the row it belongs to now (rows matched as a
        // merge matches them).
        let (before, _) = capaian_domain::rencana::e81::angkat(m, "", Versi::Murni);
        for b in plan.banding(&before).beda {
            let k = b.kunci;
            if matches!(k.ukuran, Ukuran::TargetK | Ukuran::TargetRp)
                && k.periode == Periode::Tahun
                && k.versi == Versi::Murni
            {
                plan.tetapkan(k, Some(b.berkas), None);
            }
        }
    }
    plan.tahun = doc.year.or(Some(ws.tahun));
    let cetakan = if murni.is_some() {
        Cetakan::SebelumSesudah
    } else {
        Cetakan::Murni
    };
    let table = renja::proyeksi(&plan, cetakan);
    let (hitung, _) = capaian_domain::renja::hitung(&table);
    let meta = renja_meta(doc, ws, plan.tahun.unwrap_or(ws.tahun), today);
    capaian_xlsx::export::export_renja(&table, &hitung, &meta)
}

/// The title and signature of a Renja table (the Renja itself, T-C.29) of the year `tahun`:
/// the PD and its head from the workspace, the region, place and paper as the E.81's.
fn renja_meta(
    doc: &Document,
    ws: &Workspace,
    tahun: i32,
    today: (i32, u32, u32),
) -> capaian_xlsx::export::RenjaMeta {
    let official = meta_for(doc, ws, today);
    capaian_xlsx::export::RenjaMeta {
        pd: ws.nama_pd.clone(),
        kabupaten: official.kabupaten,
        tahun,
        kepala_nama: ws.kepala_nama.clone(),
        kepala_nip: ws.kepala_nip.clone(),
        kepala_pangkat: None,
        tempat: official.tempat,
        tanggal: Some(capaian_domain::tanggal::format_tanggal(
            today.0, today.1, today.2,
        )),
        paper: official.paper,
    }
}

/// The E.81 documents of earlier years a T-C.29 is derived from (`capaian_domain::tc29`).
pub struct TahunTc29<'a> {
    /// The Renja's year n.
    pub tahun: i32,
    /// The final E.81 of n-3 (column 5), when stored.
    pub n3: Option<&'a Document>,
    /// The final E.81 of n-2 (columns 6 and 7).
    pub n2: &'a Document,
    /// The E.81 of n-1 (column 9: its targets).
    pub n1: Option<&'a Document>,
}

/// T-C.29, *rekapitulasi evaluasi hasil pelaksanaan Renja dan pencapaian Renstra* s.d. n-1, of
/// the Renja of year n: derived from the years' E.81s (`tc29::susun`: rows matched across the
/// years the plan's way, column 10 by each indicator's aggregation, 8 and 11 with its polarity,
/// computed with the workspace's settings), written with live formulas for 8, 10 and 11. With
/// the derivation's problems (indicators missing in a year, units that differ, no target).
pub fn tc29_form(
    years: &TahunTc29<'_>,
    ws: &Workspace,
    today: (i32, u32, u32),
) -> Result<(Vec<u8>, Vec<Problem>), ExportError> {
    let data = Tc29Data::of(years, ws);
    let meta = renja_meta(years.n1.unwrap_or(years.n2), ws, years.tahun, today);
    Ok((
        capaian_xlsx::export::export_tc29(&data.table, &data.hitung, &meta)?,
        data.problems,
    ))
}

/// The T-C.29 of `years` with the workspace's settings (`tc29::susun`, `tc29::hitung`): what
/// the workbook and the page's table are made of.
pub struct Tc29Data {
    pub table: capaian_domain::tc29::Tc29,
    pub hitung: Vec<capaian_domain::tc29::HitungBaris>,
    pub problems: Vec<Problem>,
}

impl Tc29Data {
    pub fn of(years: &TahunTc29<'_>, ws: &Workspace) -> Tc29Data {
        use capaian_domain::tc29;
        let settings = ws.pengaturan.e81();
        let (table, mut problems) = tc29::susun(&tc29::SumberTc29 {
            tahun: years.tahun,
            n3: years.n3,
            n2: years.n2,
            n1: years.n1,
            settings: &settings,
        });
        let (hitung, more) = tc29::hitung(&table);
        problems.extend(more);
        Tc29Data {
            table,
            hitung,
            problems,
        }
    }

    /// The table as the page shows it and "Salin sebagai tabel" copies it.
    pub fn tabel(&self) -> capaian_domain::tabel::Tabel {
        capaian_domain::tabel::tc29(&self.table, &self.hitung)
    }
}

/// A SIPD export's table when it has rekening rows with a realisasi (the LRA is made of
/// them); None for any other file (an anggaran kas export has rekening rows and no realisasi).
pub fn sipd_rekening(bytes: &[u8]) -> Option<capaian_domain::anggaran::Anggaran> {
    use capaian_domain::anggaran::{Besaran, Jenjang};
    let read = capaian_xlsx::sipd::read_sipd(bytes, &Limits::default()).ok()?;
    let rekening = read
        .anggaran
        .baris
        .iter()
        .any(|b| b.jenjang == Jenjang::Rekening && b.kode.is_some());
    (rekening && read.anggaran.total().get(Besaran::Realisasi).is_some()).then_some(read.anggaran)
}

/// How deep the LRA goes: akun, kelompok, jenis (`4.1.1`), as the LKjIP prints it.
const KEDALAMAN_LRA: usize = 3;

/// The LKjIP Bab III of a workspace's year, computed with its settings: Bab III A from the
/// document's sasaran and IKU (`lkjip::iku_dokumen`, each IKU's target and realisasi of the
/// earlier years' documents in `lalu` beside it, its budget from the budget rows whose Sasaran
/// cell names it or its sasaran), Bab III B from its budget tree, and the LRA
/// from a SIPD table with rekening rows when there is one.
pub struct Lkjip {
    pub iku: capaian_domain::lkjip::BabIIIA,
    pub hitung: Vec<capaian_domain::lkjip::HitungIku>,
    pub realisasi: capaian_domain::lkjip::RealisasiAnggaran,
    pub lra: Option<capaian_domain::lkjip::Lra>,
    pub problems: Vec<Problem>,
}

impl Lkjip {
    pub fn of(
        doc: &Document,
        lalu: &[(i32, Document)],
        ws: &Workspace,
        sipd: Option<&capaian_domain::anggaran::Anggaran>,
    ) -> Lkjip {
        use capaian_domain::lkjip;
        let settings = ws.pengaturan.e81();
        let (computed, _) = e81::compute(doc, &settings);
        let earlier: Vec<(i32, &Document, e81::E81Computed)> = lalu
            .iter()
            .map(|(y, d)| (*y, d, e81::compute(d, &settings).0))
            .collect();
        let refs: Vec<lkjip::TahunLalu<'_>> = earlier.iter().map(|(y, d, c)| (*y, *d, c)).collect();
        let (iku, mut problems) =
            lkjip::iku_dokumen(doc.year.unwrap_or(ws.tahun), doc, &computed, &refs);
        let (hitung, more) = lkjip::hitung_iku(&iku, &settings.scale);
        problems.extend(more);
        let (realisasi, more) = lkjip::realisasi_anggaran(doc, &computed);
        problems.extend(more);
        let lra = sipd.map(|a| {
            let (lra, more) = lkjip::lra(a, KEDALAMAN_LRA);
            problems.extend(more);
            lra
        });
        Lkjip {
            iku,
            hitung,
            realisasi,
            lra,
            problems,
        }
    }

    /// Its tables, as the page shows them and "Salin sebagai tabel" copies them.
    pub fn tabel(&self) -> Vec<capaian_domain::tabel::Tabel> {
        use capaian_domain::lkjip;
        vec![
            lkjip::tabel_capaian(&self.iku, &self.hitung),
            lkjip::tabel_tahun_lalu(&self.iku, &self.hitung),
            lkjip::tabel_renstra(&self.iku, &self.hitung),
            lkjip::tabel_efisiensi(&self.iku, &self.hitung),
            lkjip::tabel_realisasi(&self.realisasi),
        ]
        .into_iter()
        .chain(
            self.lra
                .as_ref()
                .map(|l| lkjip::tabel_lra(l, l.tahun.unwrap_or(self.iku.tahun))),
        )
        .collect()
    }

    /// The workbook: a sheet per table, live formulas (`capaian_xlsx::export::export_lkjip`).
    pub fn workbook(
        &self,
        doc: &Document,
        ws: &Workspace,
        today: (i32, u32, u32),
    ) -> Result<Vec<u8>, ExportError> {
        let meta = renja_meta(doc, ws, self.iku.tahun, today);
        capaian_xlsx::export::export_lkjip(
            &capaian_xlsx::export::Lkjip {
                iku: &self.iku,
                hitung: &self.hitung,
                realisasi: &self.realisasi,
                lra: self.lra.as_ref(),
            },
            &meta,
        )
    }
}

/// The document printed as the Perjanjian Kinerja of its programs (`rencana::pk::proyeksi`:
/// each program's indicators with the target of column 7 K and the rencana aksi's TW targets,
/// every program, kegiatan and sub kegiatan with its pagu — column 7 Rp — under a live Jumlah
/// and its terbilang); once its budget change began, the PK Perubahan. The statement page
/// names the Kepala PD as pihak pertama and the kepala daerah's office as pihak kedua, the
/// names left dotted where the workspace does not know them, to be completed before signing.
pub fn pk_form(
    doc: &Document,
    perubahan: bool,
    ws: &Workspace,
    today: (i32, u32, u32),
) -> Result<Vec<u8>, ExportError> {
    use capaian_domain::pk::{Pernyataan, Pihak, TingkatSasaran};
    use capaian_domain::rencana::{pk, Versi};
    let versi = if perubahan {
        Versi::Perubahan
    } else {
        Versi::Murni
    };
    let (mut plan, _) = capaian_domain::rencana::e81::angkat(doc, "", versi);
    plan.tahun = doc.year.or(Some(ws.tahun));
    plan.pd = Some(ws.nama_pd.clone());
    let official = meta_for(doc, ws, today);
    let pernyataan = Pernyataan {
        pihak_pertama: Pihak {
            nama: ws.kepala_nama.clone(),
            jabatan: format!("Kepala {}", ws.nama_pd),
            nip: (!ws.kepala_nip.trim().is_empty()).then(|| ws.kepala_nip.clone()),
            ..Pihak::default()
        },
        pihak_kedua: Pihak {
            jabatan: kepala_daerah(&official.kabupaten),
            ..Pihak::default()
        },
        tempat: official.tempat.clone(),
        ..Pernyataan::default()
    };
    let table = pk::proyeksi(
        &plan,
        &pk::Tampilan {
            versi,
            pernyataan: Some(pernyataan),
            tingkat_sasaran: TingkatSasaran::Program,
        },
    );
    let (hitung, _) = capaian_domain::pk::hitung(&table);
    let meta = capaian_xlsx::export::PkMeta {
        paper: official.paper,
    };
    capaian_xlsx::export::export_pk(&table, &hitung, &meta)
}

/// The kepala daerah's office of a region: `Kabupaten Tanah Bumbu` → `Bupati Tanah Bumbu`,
/// `Kota Tarakan` → `Wali Kota Tarakan`; a name without its kind, `Bupati/Wali Kota …`.
fn kepala_daerah(region: &str) -> String {
    let r = region.trim();
    if let Some(nama) = r.strip_prefix("Kabupaten ") {
        format!("Bupati {nama}")
    } else if let Some(nama) = r.strip_prefix("Kota ") {
        format!("Wali Kota {nama}")
    } else if r.is_empty() {
        "Bupati/Wali Kota".to_string()
    } else {
        format!("Bupati/Wali Kota {r}")
    }
}

/// An agency's Renja read as the year's Formulir E.81 (`capaian_domain::gabung::berkas_renja`):
/// one row per program, kegiatan and sub kegiatan with its indicators, the Renja's targets and
/// pagu (in the later version it prints) as column 7, the realisasi still empty; reporting
/// TW I; the PD its unit organisasi row's name. The reading's problems stay located in the
/// Renja's sheet.
pub fn renja_as_e81(bytes: &[u8]) -> Result<Import, ReadError> {
    let reading = capaian_xlsx::read_renja(bytes, &Limits::default())?;
    let mut document = capaian_domain::gabung::berkas_renja(&reading.renja);
    document.form = capaian_domain::form::e81::E81.key.to_string();
    document.quarter = Some(1);
    document.pd = reading.renja.unit().map(str::to_string);
    let (first, last) = reading.header_rows;
    let layout = capaian_xlsx::Layout {
        form: document.form.clone(),
        sheet: reading.renja.lembar.clone(),
        header_rows: (first, last),
        numbering_row: None,
        first_data_row: last.saturating_add(1),
        last_data_row: reading.renja.baris.last().map(|b| b.baris),
        footer_row: None,
        columns: Vec::new(),
        unit_columns: Vec::new(),
        scales: Vec::new(),
    };
    Ok(Import {
        document,
        problems: reading.problems,
        layout,
    })
}

/// Today's date (UTC), for the signature block.
pub fn today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    capaian_domain::tanggal::dari_hari_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// An uploaded file's name without its `.xlsx` or `.xls` (any case), for the names of files
/// made from it.
pub fn file_stem(name: &str) -> &str {
    for ext in [".xlsx", ".xls"] {
        let cut = name.len().saturating_sub(ext.len());
        if let Some(tail) = name.get(cut..) {
            if tail.eq_ignore_ascii_case(ext) {
                return &name[..cut];
            }
        }
    }
    name
}

/// The file name of a diff download.
pub fn diff_filename(view: &app::types::DiffView) -> String {
    let stem = file_stem(&view.dokumen.nama_berkas);
    format!(
        "Perubahan {stem} ({} - {}).xlsx",
        view.dari.titik, view.ke.titik
    )
}

/// *Perubahan sejak pengajuan* as a workbook: one line per changed cell with the old and new
/// value (numbers as numbers), who changed it last and when.
pub fn diff_workbook(view: &app::types::DiffView) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use capaian_domain::edit::{self, CellValue};
    use capaian_domain::model::KValue;
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Perubahan")?;
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color("#E7EEF7");
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.##");
    sheet.write_string_with_format(
        0,
        0,
        format!("Perubahan sel: {}", view.dokumen.nama_berkas),
        &bold,
    )?;
    sheet.write_string(
        1,
        0,
        format!(
            "Dari: {} (versi {})   Ke: {} (versi {})   {} sel berubah",
            view.dari.label,
            view.dari.versi,
            view.ke.label,
            view.ke.versi,
            view.perubahan.len()
        ),
    )?;
    let headers = [
        "No",
        "Baris",
        "Kode",
        "Program/Kegiatan/Sub Kegiatan",
        "Indikator",
        "Kolom",
        "Nilai lama",
        "Nilai baru",
        "Diubah oleh",
        "Waktu",
        "Jumlah ubah",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(3, c as u16, *h, &head)?;
    }
    let write_value = |sheet: &mut rust_xlsxwriter::Worksheet,
                       r: u32,
                       c: u16,
                       v: &CellValue|
     -> Result<(), rust_xlsxwriter::XlsxError> {
        let as_number = match v {
            CellValue::Rp(d) | CellValue::K(KValue::Number(d)) => {
                rust_decimal::prelude::ToPrimitive::to_f64(d)
            }
            _ => None,
        };
        match as_number {
            Some(n) => sheet.write_number_with_format(r, c, n, &number)?,
            None => sheet.write_string_with_format(r, c, edit::display(v), &cell)?,
        };
        Ok(())
    };
    for (i, change) in view.perubahan.iter().enumerate() {
        let r = 4 + i as u32;
        let p = &change.perubahan;
        sheet.write_number_with_format(r, 0, (i + 1) as f64, &cell)?;
        sheet.write_number_with_format(r, 1, (p.baris + 1) as f64, &cell)?;
        sheet.write_string_with_format(r, 2, change.kode.clone().unwrap_or_default(), &cell)?;
        sheet.write_string_with_format(r, 3, &change.nama, &cell)?;
        sheet.write_string_with_format(r, 4, &change.indikator, &cell)?;
        sheet.write_string_with_format(r, 5, p.cell.label(), &cell)?;
        write_value(sheet, r, 6, &p.lama)?;
        write_value(sheet, r, 7, &p.baru)?;
        sheet.write_string_with_format(r, 8, &p.oleh, &cell)?;
        sheet.write_string_with_format(
            r,
            9,
            app::format::tanggal_jam(&p.waktu, view.dokumen.zona),
            &cell,
        )?;
        sheet.write_number_with_format(r, 10, f64::from(p.jumlah_ubah), &cell)?;
    }
    for (c, w) in [
        5.0, 7.0, 18.0, 40.0, 40.0, 26.0, 18.0, 18.0, 18.0, 20.0, 8.0,
    ]
    .iter()
    .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(4, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_stems_drop_the_workbook_extension_in_any_case() {
        for (name, stem) in [
            ("E81 TW II.xlsx", "E81 TW II"),
            ("LAPORAN.XLSX", "LAPORAN"),
            ("laporan.Xlsx", "laporan"),
            ("laporan.xls", "laporan"),
            ("LAMA.XLS", "LAMA"),
            ("laporan.xlsm", "laporan.xlsm"),
            ("xlsx", "xlsx"),
            ("Évaluasi ✓.xlsx", "Évaluasi ✓"),
            ("✓✓", "✓✓"),
        ] {
            assert_eq!(file_stem(name), stem);
        }
    }
}
