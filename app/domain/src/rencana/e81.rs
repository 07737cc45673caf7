//! Formulir E.81 as a view of the plan: [`angkat`] lifts an E.81 document (a file read, or a
//! stored document) into a plan, [`proyeksi`] prints a plan as an E.81 document. Lifting and
//! printing again gives the same document back, row for row and value for value.
//!
//! Where each E.81 value lives in the plan ([`kunci_sel`] is this table as code; a value the
//! plan keeps of a file, not of a cell, is what it stated for columns 12–15):
//!
//! | E.81 | plan |
//! |---|---|
//! | a program / kegiatan / sub kegiatan row | a [`Simpul`] and its first [`Indikator`] |
//! | an extra indicator row (name and kode empty) | a further indicator of the node above it |
//! | column 5 K / Rp (Target Renstra) | `TargetK` / `TargetRp` × [`Periode::AkhirRenstra`] |
//! | column 6 (realisasi s.d. tahun lalu) | `RealisasiK` / `RealisasiRp` × [`Periode::SdTahunLalu`] |
//! | column 7 (target tahun berjalan, pagu) | `TargetK` / `TargetRp` × [`Periode::Tahun`], in the version lifted |
//! | columns 8–11 (triwulan I–IV) | `RealisasiK` / `RealisasiRp` × [`Periode::Triwulan`] |
//! | columns 12–15 as the file stated them | `DinyatakanK(n)` / `DinyatakanRp(n)` × [`Periode::Tahun`] |
//! | column 2 (the sasaran a node serves) | `Sasaran` × [`Periode::Tahun`] (the node's) |
//! | unit PD, keterangan | `UnitPd`, `Keterangan` × [`Periode::Tahun`] |
//! | each quarter's narrative | `Pendorong`, `Penghambat`, `TindakLanjut`, `Keterangan` × [`Periode::Triwulan`] |
//! | not printed by E.81 ([`crate::model::NilaiRencana`]): lokasi, sumber dana, catatan penting | `Lokasi`, `SumberDana`, `CatatanPenting` × [`Periode::Tahun`] (the node's, as the Renja's) |
//! | not printed: prakiraan maju n+1 K / Rp | `TargetK` / `TargetRp` × [`Periode::TahunDepan`] |
//! | not printed: anggaran kas TW I–IV | `AnggaranKasRp` × [`Periode::Triwulan`] (the node's, as the SIPD export's) |
//! | not printed: the rencana aksi's target TW I–IV | `TargetK` × [`Periode::Triwulan`] |
//!
//! K values are the indicator's; money and the responsible unit are the node's (Rp stated on an
//! extra indicator row stays that indicator's, as the file printed it).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    Indikator, IndikatorId, Kunci, Nilai, Pemilik, Periode, Rencana, Simpul, SimpulId, Sumber,
    SumberId, Tingkat, Ukuran, Versi,
};
use crate::edit::{self, Cell, CellValue};
use crate::model::{Document, Level, Location, Pair, Problem, Row, Severity, Stated};

/// How a plan is printed as an E.81.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Tampilan {
    /// The version of targets and pagu printed in column 7.
    pub versi: Versi,
    /// The quarter the document reports.
    pub triwulan: Option<u8>,
    /// The file whose sheet rows the document's rows keep (its template), if any.
    pub letak: Option<SumberId>,
}

fn tingkat_of(level: Level) -> Tingkat {
    match level {
        Level::Program => Tingkat::Program,
        Level::Kegiatan => Tingkat::Kegiatan,
        // An extra indicator row has no node of its own; only an orphan one asks (see angkat).
        Level::SubKegiatan | Level::Indikator => Tingkat::SubKegiatan,
        Level::Tujuan => Tingkat::Tujuan,
        Level::Sasaran => Tingkat::Sasaran,
    }
}

fn level_of(tingkat: Tingkat) -> Option<Level> {
    match tingkat {
        Tingkat::Program => Some(Level::Program),
        Tingkat::Kegiatan => Some(Level::Kegiatan),
        Tingkat::SubKegiatan => Some(Level::SubKegiatan),
        Tingkat::Tujuan => Some(Level::Tujuan),
        Tingkat::Sasaran => Some(Level::Sasaran),
        Tingkat::Urusan | Tingkat::BidangUrusan => None,
    }
}

/// Where a row's values live: its node, its indicator, and whether the row is the node's own
/// (whose money is the node's) or an extra indicator row (whose money, if it states any, is the
/// indicator's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Baris {
    pub simpul: SimpulId,
    pub indikator: IndikatorId,
    pub baris_simpul: bool,
}

impl Baris {
    /// Row `i` of the document `plan` was lifted from (its indicator is `i`).
    fn of(plan: &Rencana, i: usize, row: &Row) -> Baris {
        Baris {
            simpul: plan.indikator.get(i).map_or(0, |ind| ind.simpul),
            indikator: i as IndikatorId,
            baris_simpul: row.level != Level::Indikator,
        }
    }

    /// Whose K values and narrative: the row's indicator.
    fn kinerja(self) -> Pemilik {
        Pemilik::Indikator(self.indikator)
    }

    /// Whose money and unit PD: the node on its own row, else the indicator.
    fn uang(self) -> Pemilik {
        if self.baris_simpul {
            Pemilik::Simpul(self.simpul)
        } else {
            self.kinerja()
        }
    }

    /// Where what a file stated for column `n` (12–15) of the row lives: K, Rp.
    fn dinyatakan(self, n: u8) -> [Kunci; 2] {
        [
            Kunci::new(self.kinerja(), Ukuran::DinyatakanK(n), Periode::Tahun),
            Kunci::new(self.uang(), Ukuran::DinyatakanRp(n), Periode::Tahun),
        ]
    }
}

/// Where an E.81 cell of a row lives in the plan (the table in the module doc, written once:
/// the lift, the print and an edit in the grid all go through it). None for what is the
/// indicator itself rather than a value of it: its text, unit and semantics.
pub fn kunci_sel(cell: Cell, baris: Baris, versi: Versi) -> Option<Kunci> {
    use Ukuran::{RealisasiK, RealisasiRp, TargetK, TargetRp};
    let (ind, uang) = (baris.kinerja(), baris.uang());
    let (pemilik, ukuran, periode) = match cell {
        Cell::RenstraK => (ind, TargetK, Periode::AkhirRenstra),
        Cell::RenstraRp => (uang, TargetRp, Periode::AkhirRenstra),
        Cell::PrevK => (ind, RealisasiK, Periode::SdTahunLalu),
        Cell::PrevRp => (uang, RealisasiRp, Periode::SdTahunLalu),
        Cell::TargetK => (ind, TargetK, Periode::Tahun),
        Cell::TargetRp => (uang, TargetRp, Periode::Tahun),
        Cell::TwK(q) => (ind, RealisasiK, Periode::Triwulan(q)),
        Cell::TwRp(q) => (uang, RealisasiRp, Periode::Triwulan(q)),
        Cell::Pendorong(q) => (ind, Ukuran::Pendorong, Periode::Triwulan(q)),
        Cell::Penghambat(q) => (ind, Ukuran::Penghambat, Periode::Triwulan(q)),
        Cell::TindakLanjut(q) => (ind, Ukuran::TindakLanjut, Periode::Triwulan(q)),
        Cell::KeteranganTw(q) => (ind, Ukuran::Keterangan, Periode::Triwulan(q)),
        Cell::UnitPd => (uang, Ukuran::UnitPd, Periode::Tahun),
        Cell::Keterangan => (ind, Ukuran::Keterangan, Periode::Tahun),
        Cell::Lokasi => (uang, Ukuran::Lokasi, Periode::Tahun),
        Cell::Sasaran => (uang, Ukuran::Sasaran, Periode::Tahun),
        Cell::SumberDana => (uang, Ukuran::SumberDana, Periode::Tahun),
        Cell::CatatanPenting => (uang, Ukuran::CatatanPenting, Periode::Tahun),
        Cell::MajuK => (ind, TargetK, Periode::TahunDepan),
        Cell::MajuRp => (uang, TargetRp, Periode::TahunDepan),
        Cell::KasRp(q) => (uang, Ukuran::AnggaranKasRp, Periode::Triwulan(q)),
        Cell::TargetTwK(q) => (ind, TargetK, Periode::Triwulan(q)),
        Cell::BulanRp(m) => (uang, RealisasiRp, Periode::Bulan(m)),
        Cell::Indicator
        | Cell::Unit
        | Cell::Agregasi
        | Cell::Polaritas
        | Cell::Batas100
        | Cell::JenisNilai => return None,
    };
    Some(Kunci::dalam(pemilik, ukuran, periode, versi))
}

/// The cells of a row that are values in the plan (every cell [`kunci_sel`] places).
pub fn sel_nilai() -> Vec<Cell> {
    let any = Baris {
        simpul: 0,
        indikator: 0,
        baris_simpul: true,
    };
    Cell::all()
        .into_iter()
        .filter(|&c| kunci_sel(c, any, Versi::Murni).is_some())
        .collect()
}

/// Where a plan lifted from a document ([`angkat`]) shows on that document's rows: indicator
/// `i` is row `i`, a node's values are on its own row; and the inverse of [`kunci_sel`].
pub struct Letak {
    /// Each node's own row.
    baris_simpul: Vec<Option<usize>>,
    /// Each row's place.
    baris: Vec<Baris>,
    cells: Vec<Cell>,
}

impl Letak {
    pub fn new(plan: &Rencana, doc: &Document) -> Letak {
        let mut baris_simpul = vec![None; plan.simpul.len()];
        let mut baris = Vec::with_capacity(doc.rows.len());
        for (i, row) in doc.rows.iter().enumerate().take(plan.indikator.len()) {
            let b = Baris::of(plan, i, row);
            if b.baris_simpul {
                if let Some(slot) = baris_simpul.get_mut(b.simpul as usize) {
                    slot.get_or_insert(i);
                }
            }
            baris.push(b);
        }
        Letak {
            baris_simpul,
            baris,
            cells: sel_nilai(),
        }
    }

    /// The row that holds the values of `pemilik`.
    pub fn baris(&self, pemilik: Pemilik) -> Option<usize> {
        match pemilik {
            Pemilik::Indikator(i) => Some(i as usize).filter(|&i| i < self.baris.len()),
            Pemilik::Simpul(n) => self.baris_simpul.get(n as usize).copied().flatten(),
        }
    }

    /// The cell of its row that shows the value at `kunci`; None for a value no cell shows
    /// (what a file stated for columns 12–15, a value of another form).
    pub fn sel(&self, kunci: &Kunci) -> Option<Cell> {
        let baris = *self.baris.get(self.baris(kunci.pemilik)?)?;
        self.cells
            .iter()
            .copied()
            .find(|&cell| kunci_sel(cell, baris, kunci.versi) == Some(*kunci))
    }
}

/// Columns 12–15 as a file stated them (not cells: the file's, checked against ours).
fn stated_mut(stated: &mut Stated, n: u8) -> Option<&mut Pair> {
    Some(match n {
        12 => &mut stated.c12,
        13 => &mut stated.c13,
        14 => &mut stated.c14,
        15 => &mut stated.c15,
        _ => return None,
    })
}

const STATED: [u8; 4] = [12, 13, 14, 15];

/// The trees of a document's rows, without values: a node per program, kegiatan and sub
/// kegiatan row, an indicator per row (indicator `i` is row `i`). Problems as [`angkat`] says.
fn kerangka(rows: &[Row]) -> (Rencana, Vec<Problem>) {
    let mut plan = Rencana::default();
    let mut problems = Vec::new();
    // Each row's parent (node rows) or owner (indicator rows), by order and level.
    let above = crate::e81::structure(rows);
    let mut node_of_row: Vec<Option<SimpulId>> = vec![None; rows.len()];
    // The node holding indicator rows with no node above them, once one is needed.
    let mut implied: Option<SimpulId> = None;
    for (i, row) in rows.iter().enumerate() {
        let at = Location {
            row: Some(i),
            ..Location::default()
        };
        let owner = above[i].and_then(|r| node_of_row[r]);
        let node = if row.level != Level::Indikator {
            let id = plan.simpul.len() as SimpulId;
            plan.simpul.push(Simpul {
                tingkat: tingkat_of(row.level),
                induk: owner,
                kode: row.kode.clone(),
                kode_berkas: row.kode_raw.clone(),
                kode_sumber: row.kode_sumber,
                nama: row.name.clone(),
                tersirat: false,
            });
            node_of_row[i] = Some(id);
            id
        } else {
            if !row.name.is_empty() || row.kode_shown().is_some() {
                let said = match row.kode_shown() {
                    Some(k) => format!("{k} {}", row.name).trim().to_string(),
                    None => row.name.clone(),
                };
                problems.push(Problem {
                    severity: Severity::Warning,
                    code: "nama_di_baris_indikator".into(),
                    message: format!(
                        "Baris indikator tambahan menyebut nama atau kode ({said}); disimpan sebagai indikator simpul di atasnya"
                    ),
                    at: at.clone(),
                });
            }
            match owner.or(implied) {
                Some(node) => node,
                None => {
                    problems.push(Problem {
                        severity: Severity::Info,
                        code: "indikator_tanpa_simpul".into(),
                        message:
                            "Baris indikator tanpa program, kegiatan atau sub kegiatan di atasnya"
                                .into(),
                        at,
                    });
                    let id = plan.simpul.len() as SimpulId;
                    plan.simpul.push(Simpul {
                        tingkat: Tingkat::Program,
                        induk: None,
                        kode: None,
                        kode_berkas: None,
                        kode_sumber: None,
                        nama: String::new(),
                        tersirat: true,
                    });
                    implied = Some(id);
                    id
                }
            }
        };
        plan.indikator.push(Indikator {
            simpul: node,
            teks: row.indicator.clone(),
            satuan: row.unit.clone(),
            makna: row.semantics.clone(),
        });
    }
    (plan, problems)
}

/// For each row of `to`, the row of `from` it is (the plan's matching: the node by canonical
/// kode, else by its path of names; the indicator by its text within the node). Each row of
/// `from` is matched at most once.
pub fn cocokkan_baris(from: &[Row], to: &[Row]) -> Vec<Option<usize>> {
    let (a, _) = kerangka(from);
    let (b, _) = kerangka(to);
    let simpul = super::cocokkan_simpul(&a, &b);
    super::cocokkan_indikator(&a, &b, &simpul)
        .into_iter()
        .map(|m| m.map(|i| i as usize))
        .collect()
}

/// Lifts an E.81 document into a plan whose one source is the file `berkas`; column 7 goes
/// into `versi`. Problems: an extra indicator row that states a name or kode (kept on the
/// node above as its own indicator, the name and kode dropped, one problem per row), and
/// indicator rows with no node above them (an implied node holds them).
pub fn angkat(doc: &Document, berkas: &str, versi: Versi) -> (Rencana, Vec<Problem>) {
    let (mut plan, problems) = kerangka(&doc.rows);
    plan.tahun = doc.year;
    plan.pd = doc.pd.clone();
    plan.wilayah = doc.region.clone();
    let mut sumber = Sumber {
        berkas: berkas.to_string(),
        formulir: doc.form.clone(),
        lembar: doc.sheet.clone(),
        triwulan: doc.quarter,
        baris: BTreeMap::new(),
    };
    let src: SumberId = 0;
    // Collected, then built into the map at once (sorted in bulk: much faster than inserting).
    let mut nilai: Vec<(Kunci, Nilai)> = Vec::with_capacity(doc.rows.len() * 16);
    let cells = sel_nilai();
    for (i, row) in doc.rows.iter().enumerate() {
        if row.sheet_row > 0 {
            sumber.baris.insert(i as IndikatorId, row.sheet_row);
        }
        let baris = Baris::of(&plan, i, row);
        let sumber_nilai = |isi: CellValue| Nilai {
            isi,
            sumber: Some(src),
        };
        for &cell in &cells {
            let value = edit::get(row, cell);
            if let (false, Some(kunci)) = (value.is_empty(), kunci_sel(cell, baris, versi)) {
                nilai.push((kunci, sumber_nilai(value)));
            }
        }
        let mut stated = row.stated.clone();
        for n in STATED {
            let Some(pair) = stated_mut(&mut stated, n) else {
                continue;
            };
            let [k, rp] = baris.dinyatakan(n);
            if let Some(v) = pair.k.take() {
                nilai.push((k, sumber_nilai(CellValue::K(v))));
            }
            if let Some(v) = pair.rp.take() {
                nilai.push((rp, sumber_nilai(CellValue::Rp(v))));
            }
        }
    }
    plan.nilai = nilai.into_iter().collect();
    plan.sumber.push(sumber);
    (plan, problems)
}

/// The plan printed as Formulir E.81: one row per node of the budget tree (program, kegiatan,
/// sub kegiatan) with its first indicator, then a row per further indicator. Nodes of other
/// levels (urusan, sasaran, …) are not E.81 rows.
pub fn proyeksi(plan: &Rencana, tampilan: Tampilan) -> Document {
    cetak(plan, tampilan).0
}

/// [`proyeksi`], with each row's indicator (None: a node without indicators).
fn cetak(plan: &Rencana, tampilan: Tampilan) -> (Document, Vec<Option<IndikatorId>>) {
    let mut ids = Vec::new();
    let src = tampilan.letak.and_then(|s| plan.sumber.get(s as usize));
    let per_node = plan.indikator_per_simpul();
    let cells = sel_nilai();
    let mut rows = Vec::new();
    for node_id in plan.urutan() {
        let node = &plan.simpul[node_id as usize];
        let Some(level) = level_of(node.tingkat) else {
            continue;
        };
        let inds: &[IndikatorId] = per_node.get(&node_id).map_or(&[], |v| v.as_slice());
        // The node's own row carries its first indicator (or none); an implied node has no row.
        let mut lines: Vec<(bool, Option<IndikatorId>)> = Vec::new();
        if node.tersirat {
            lines.extend(inds.iter().map(|&i| (false, Some(i))));
        } else {
            lines.push((true, inds.first().copied()));
            lines.extend(inds.iter().skip(1).map(|&i| (false, Some(i))));
        }
        for (baris_simpul, ind) in lines {
            let mut row = Row::empty(if baris_simpul {
                level
            } else {
                Level::Indikator
            });
            if baris_simpul {
                row.kode = node.kode.clone();
                row.kode_raw = node.kode_berkas.clone();
                row.kode_sumber = node.kode_sumber;
                row.name = node.nama.clone();
            }
            if let Some(i) = ind {
                let meta = &plan.indikator[i as usize];
                row.indicator = meta.teks.clone();
                row.unit = meta.satuan.clone();
                row.semantics = meta.makna.clone();
                row.sheet_row = src.and_then(|s| s.baris.get(&i)).copied().unwrap_or(0);
            }
            // A node without indicators has no K of its own; its money is still the node's.
            let baris = Baris {
                simpul: node_id,
                indikator: ind.unwrap_or(IndikatorId::MAX),
                baris_simpul,
            };
            for &cell in &cells {
                let Some(kunci) = kunci_sel(cell, baris, tampilan.versi) else {
                    continue;
                };
                if let Some(value) = plan.berlaku(kunci, tampilan.versi) {
                    // A value of another kind than the cell's (a plan value written by another
                    // form) is not printed in it.
                    let _ = edit::tulis(&mut row, cell, value.clone());
                }
            }
            for n in STATED {
                let [k, rp] = baris.dinyatakan(n);
                let Some(pair) = stated_mut(&mut row.stated, n) else {
                    continue;
                };
                if let Some(CellValue::K(v)) = plan.nilai(&k) {
                    pair.k = Some(v.clone());
                }
                if let Some(CellValue::Rp(v)) = plan.nilai(&rp) {
                    pair.rp = Some(*v);
                }
            }
            rows.push(row);
            ids.push(ind);
        }
    }
    let doc = Document {
        form: src.map_or_else(
            || crate::form::e81::E81.key.to_string(),
            |s| s.formulir.clone(),
        ),
        sheet: src.map_or_else(String::new, |s| s.lembar.clone()),
        year: plan.tahun,
        quarter: tampilan.triwulan,
        region: plan.wilayah.clone(),
        pd: plan.pd.clone(),
        rows,
    };
    (doc, ids)
}

/// Rows merged files added to a stored document: nodes and indicators in the ids of the plan
/// the document stands for ([`rencana_dokumen`]), after the import's own and earlier
/// additions. Parents and nodes refer to those ids.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tambahan {
    pub simpul: Vec<Simpul>,
    pub indikator: Vec<Indikator>,
}

/// The plan a stored document stands for: its import lifted (row `i` is indicator `i`) with
/// the rows merged files added, in the order they were added. Values: the import's.
pub fn rencana_dokumen(base: &Document, tambahan: &[Tambahan]) -> Rencana {
    let (mut plan, _) = angkat(base, "", Versi::Murni);
    for t in tambahan {
        plan.simpul.extend(t.simpul.iter().cloned());
        plan.indikator.extend(t.indikator.iter().cloned());
    }
    plan
}

/// A stored document's rows as they stand: the import's rows exactly as imported, and each
/// added row at its place in the tree (empty: its values are the log's); with each row's
/// number — its indicator in [`rencana_dokumen`], so import row `i` is `i` and an added row's
/// number follows every earlier one. Numbers never change; positions may, when rows are added.
/// None when printing the additions would move the import's own rows out of their order (a
/// document the plan does not print back in its order): then no row can be added to it.
pub fn susun(base: &Document, tambahan: &[Tambahan]) -> Option<(Document, Vec<usize>)> {
    let n = base.rows.len();
    if tambahan
        .iter()
        .all(|t| t.simpul.is_empty() && t.indikator.is_empty())
    {
        return Some((base.clone(), (0..n).collect()));
    }
    let plan = rencana_dokumen(base, tambahan);
    let tampilan = Tampilan {
        versi: Versi::Murni,
        triwulan: base.quarter,
        letak: None,
    };
    let (printed, ids) = cetak(&plan, tampilan);
    let mut rows = Vec::with_capacity(printed.rows.len());
    let mut nomor = Vec::with_capacity(printed.rows.len());
    let mut next = 0;
    for (row, id) in printed.rows.into_iter().zip(ids) {
        let id = id? as usize;
        if id < n {
            if id != next {
                return None;
            }
            next += 1;
            rows.push(base.rows[id].clone());
        } else {
            rows.push(row);
        }
        nomor.push(id);
    }
    if next != n {
        return None;
    }
    let doc = Document {
        form: base.form.clone(),
        sheet: base.sheet.clone(),
        year: base.year,
        quarter: base.quarter,
        region: base.region.clone(),
        pd: base.pd.clone(),
        rows,
    };
    Some((doc, nomor))
}

/// What merging a file adds to a stored document: the file's nodes and indicators the plan
/// lacks ([`Tambahan`], matched as [`Rencana::banding`] matches), every value of theirs as
/// cells of the rows they become (by row number), and each new row's sheet row in the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BarisBaru {
    pub tambahan: Tambahan,
    pub nilai: Vec<(usize, Cell, CellValue)>,
    pub baris_berkas: Vec<(usize, u32)>,
}

impl BarisBaru {
    /// How many rows the file adds.
    pub fn len(&self) -> usize {
        self.tambahan.indikator.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tambahan.indikator.is_empty()
    }
}

/// The rows a file (lifted: [`angkat`]) adds to `plan` (a stored document's:
/// [`rencana_dokumen`]), with their values and places in the file.
pub fn baris_baru(plan: &Rencana, berkas: &Rencana) -> BarisBaru {
    let banding = plan.banding(berkas);
    if banding.indikator.iter().all(Option::is_some) && banding.simpul.iter().all(Option::is_some) {
        return BarisBaru::default();
    }
    let (s0, i0) = (plan.simpul.len(), plan.indikator.len());
    let mut next = plan.clone();
    next.terapkan(berkas, &banding, &[], Sumber::default());
    let per_node = next.indikator_per_simpul();
    let cells = sel_nilai();
    let mut nilai = Vec::new();
    for (j, ind) in next.indikator.iter().enumerate().skip(i0) {
        let node = &next.simpul[ind.simpul as usize];
        let first = per_node
            .get(&ind.simpul)
            .and_then(|v| v.first())
            .is_some_and(|&f| f as usize == j);
        let baris = Baris {
            simpul: ind.simpul,
            indikator: j as IndikatorId,
            baris_simpul: first && !node.tersirat,
        };
        for &cell in &cells {
            let value = kunci_sel(cell, baris, Versi::Murni).and_then(|k| next.nilai(&k));
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                nilai.push((j, cell, value.clone()));
            }
        }
    }
    let baris_berkas = next
        .sumber
        .last()
        .map(|s| {
            s.baris
                .iter()
                .filter(|(&i, _)| i as usize >= i0)
                .map(|(&i, &r)| (i as usize, r))
                .collect()
        })
        .unwrap_or_default();
    BarisBaru {
        tambahan: Tambahan {
            simpul: next.simpul[s0..].to_vec(),
            indikator: next.indikator[i0..].to_vec(),
        },
        nilai,
        baris_berkas,
    }
}
