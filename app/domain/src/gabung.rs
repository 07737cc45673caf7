//! Merging a workbook into a document that already holds the workspace's values (a TW III file
//! into the document that was read from TW II and edited since): which of the file's rows are
//! the document's rows, which are new, which of the document's rows the file lacks, and every
//! value the file states that differs from the document, side by side, for the person to accept
//! per cell, per column or all. Nothing is merged here: accepted values become ordinary cell
//! edits, whose event names the file.
//!
//! The comparison is the plan's: both are lifted into plans and compared value by value
//! ([`crate::rencana`]: a node by canonical kode, else by level, matched parent and name; an
//! indicator by its text within its node). A value the file leaves empty never clears one the
//! document holds: a file that does not state a value does not contradict it (the count is
//! reported).
//!
//! A SIPD export merges the same way, as E.81 rows ([`berkas_anggaran`]): its program,
//! kegiatan and sub kegiatan with their pagu and realisasi, matched to the document's rows by
//! node (kode, else level, parent and name) since it has no indicators; the realisasi it states
//! so far (cumulative) becomes the quarter's own, less what the document holds for the
//! quarters before.

use rust_decimal::Decimal;

use crate::anggaran::{Anggaran, Besaran, Jenjang};
use crate::edit::{self, Cell, CellValue};
use crate::model::{baris_kinerja, Document, Level, Row};

/// The E.81 level of a budget table's level (urusan, bidang urusan and rekening have none).
fn level_e81(j: Jenjang) -> Option<Level> {
    match j {
        Jenjang::Program => Some(Level::Program),
        Jenjang::Kegiatan => Some(Level::Kegiatan),
        Jenjang::SubKegiatan => Some(Level::SubKegiatan),
        Jenjang::Urusan | Jenjang::BidangUrusan | Jenjang::Rekening => None,
    }
}

/// The budget table's rows that [`berkas_anggaran`] makes E.81 rows, in order: its row `j` is
/// the table's row `baris_e81(tabel)[j]`.
pub fn baris_e81(tabel: &Anggaran) -> Vec<usize> {
    (0..tabel.baris.len())
        .filter(|&i| level_e81(tabel.baris[i].jenjang).is_some())
        .collect()
}

/// [`Document::form`] of a budget table (a SIPD export) shaped as E.81 rows.
pub const FORMULIR_ANGGARAN: &str = "Anggaran SIPD";

/// A budget table (rolled up) as E.81 rows, to merge its money into an E.81 document: one row
/// per program, kegiatan and sub kegiatan in the table's order (urusan and bidang urusan have no
/// E.81 row; rekening rows are in their sub kegiatan's sums), with
/// - its anggaran as column 7 Rp (the pagu);
/// - its realisasi of each month as the plan's month ([`crate::model::NilaiRencana::bulan`]),
///   and of a quarter as that quarter's Rp: the sum of the quarter's months the table states
///   (the plan's rule, [`crate::rollup::bulan_ke_triwulan`]), else the quarter as stated;
/// - its realisasi so far (cumulative, a rekap's figure) as what the file states for column 12
///   Rp, which [`pratinjau`] turns into quarter `triwulan`'s own;
/// - its anggaran kas of a quarter (stated, or the sum of the quarter's months) as that
///   quarter's kas ([`crate::edit::Cell::KasRp`], a plan value E.81 does not print).
///
/// `triwulan`: the quarter whose end that realisasi reaches, when known.
pub fn berkas_anggaran(tabel: &Anggaran, triwulan: Option<u8>) -> Document {
    let rows = baris_e81(tabel)
        .into_iter()
        .filter_map(|i| {
            let b = tabel.baris.get(i)?;
            let level = level_e81(b.jenjang)?;
            let v = |x: Besaran| b.dihitung.get(x);
            let mut row = Row::empty(level);
            row.sheet_row = b.asal.baris;
            row.kode.clone_from(&b.kode);
            row.kode_raw.clone_from(&b.kode_berkas);
            row.name.clone_from(&b.nama);
            row.target.rp = v(Besaran::Anggaran);
            for m in 1..=12u8 {
                row.rencana.bulan[usize::from(m - 1)] = v(Besaran::RealisasiBulan(m));
            }
            for q in 1..=4u8 {
                let i = usize::from(q - 1);
                let bulan = crate::edit::bulan_triwulan(q);
                // The realisasi of a quarter with months is their sum, as the plan keeps it
                // (the months a report covers so far); else the quarter's figure as stated.
                row.tw[i].rp =
                    crate::num::sum_opt(bulan.clone().map(|m| v(Besaran::RealisasiBulan(m))))
                        .or_else(|| v(Besaran::RealisasiTw(q)));
                // Anggaran kas: the quarter's figure as stated, else the sum of its three
                // months when all are.
                row.rencana.triwulan[i].rp = v(Besaran::KasTw(q)).or_else(|| {
                    bulan
                        .map(|m| v(Besaran::KasBulan(m)))
                        .sum::<Option<Decimal>>()
                });
            }
            row.stated.c12.rp = v(Besaran::Realisasi);
            Some(row)
        })
        .collect();
    Document {
        form: FORMULIR_ANGGARAN.to_string(),
        sheet: tabel.nama_lembar(),
        year: tabel.tahun,
        quarter: triwulan,
        region: None,
        pd: None,
        rows,
    }
}

/// A Renja table as E.81 rows, to merge its targets and pagu into an E.81 document: the table
/// lifted into a plan ([`crate::rencana::renja::angkat`]) and printed as Formulir E.81
/// ([`crate::rencana::e81::proyeksi`]) in the later version it prints — the two forms keep
/// the target and the pagu of the year under the same keys, so they land in column 7 K and
/// Rp, each sub kegiatan with its indicator (so a new one can be added with it). The unit
/// organisasi and the urusan / bidang rows have no E.81 row; lokasi, sumber dana, catatan
/// penting and the prakiraan maju are the rows' plan values (`Row::rencana`), merged with them.
pub fn berkas_renja(renja: &crate::renja::Renja) -> Document {
    let versi = renja.cetakan.versi().last().copied().unwrap_or_default();
    sebagai_e81(
        &crate::rencana::renja::angkat(renja, ""),
        versi,
        crate::renja::FORMULIR_RENJA,
    )
}

/// A Perjanjian Kinerja as E.81 rows, to merge its anggaran into an E.81 document: the PK
/// lifted into a plan ([`crate::rencana::pk::angkat`]) and printed as Formulir E.81 in its
/// version — the lampiran anggaran's programs, kegiatan and sub kegiatan with their anggaran as
/// column 7 Rp (the same key) and keterangan. The lampiran kinerja's sasaran strategis are
/// rows of the performance tree ([`Level::Sasaran`], each IKU an indicator with its targets),
/// matched by indicator and added when the document lacks them ([`bisa_ditambah`]); where the
/// Sasaran column names programs or kegiatan, their indicators and targets are those nodes'
/// ([`crate::rencana::pk::sasaran_ke_simpul`]), compared indicator by indicator on the node's
/// rows. The budget rows match the document's by node ([`per_simpul`]).
pub fn berkas_pk(pk: &crate::pk::Pk) -> Document {
    let mut plan = crate::rencana::pk::angkat(pk, "");
    crate::rencana::pk::sasaran_ke_simpul(&mut plan, pk.tingkat_sasaran);
    sebagai_e81(&plan, pk.versi, crate::pk::FORMULIR_PK)
}

/// A file of another form lifted into `plan`, printed as E.81 rows in `versi` (no reporting
/// quarter; rows where the file printed them) and named by its `form`, so a merge knows it.
fn sebagai_e81(
    plan: &crate::rencana::Rencana,
    versi: crate::rencana::Versi,
    form: &str,
) -> Document {
    use crate::rencana::e81::{proyeksi, Tampilan};
    let mut doc = proyeksi(
        plan,
        Tampilan {
            versi,
            triwulan: None,
            letak: Some(0),
        },
    );
    doc.form = form.to_string();
    doc
}

/// Whether a file of `form` shaped as the document's rows holds nodes without indicators (a
/// SIPD export, a PK's lampiran anggaran): its rows match the document's by node, and rows the
/// document lacks are never added (an E.81 row needs its indicator). A PK's sasaran with their
/// indicators (the performance tree) match and are added as an E.81's rows are.
pub fn per_simpul(form: &str) -> bool {
    form == FORMULIR_ANGGARAN || form == crate::pk::FORMULIR_PK
}

/// Which of a file's rows a merge may add to the document when the document lacks them: every
/// row of an E.81-shaped file; of a file matched by node ([`per_simpul`]), only its performance
/// tree (a PK's sasaran and their IKU), since a budget row without its indicator is no E.81
/// row.
pub fn bisa_ditambah(berkas: &Document) -> Vec<bool> {
    if per_simpul(&berkas.form) {
        baris_kinerja(&berkas.rows)
    } else {
        vec![true; berkas.rows.len()]
    }
}

/// The part of a file whose rows a merge adds when the document lacks them ([`bisa_ditambah`]):
/// the file itself, or a PK's performance tree alone. None when no row can be added.
pub fn berkas_tambahan(berkas: &Document) -> Option<std::borrow::Cow<'_, Document>> {
    if !per_simpul(&berkas.form) {
        return Some(std::borrow::Cow::Borrowed(berkas));
    }
    let boleh = baris_kinerja(&berkas.rows);
    if !boleh.contains(&true) {
        return None;
    }
    let mut doc = berkas.clone();
    let mut keep = boleh.into_iter();
    doc.rows.retain(|_| keep.next().unwrap_or(false));
    Some(std::borrow::Cow::Owned(doc))
}

/// One value of the file that differs from the document's.
#[derive(Clone, Debug, PartialEq)]
pub struct Beda {
    /// The document's row.
    pub baris: usize,
    /// The file's row (index into the file's rows).
    pub baris_berkas: usize,
    pub kolom: Cell,
    /// What the document holds now.
    pub sekarang: CellValue,
    /// What the file states.
    pub berkas: CellValue,
}

/// What merging a file into a document would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pratinjau {
    /// File rows matched to a document row.
    pub cocok: usize,
    /// File rows no document row matches: new in the file, not merged.
    pub baru: Vec<usize>,
    /// Document rows the file does not have (they keep their values).
    pub tidak_di_berkas: Vec<usize>,
    /// Every differing value, by document row, then in the order of [`kolom_gabung`].
    pub beda: Vec<Beda>,
    /// Values the document holds where the file's cell is empty (kept, not listed).
    pub kosong_di_berkas: usize,
    /// For every document row, the file's row matched to it (where the document's values go
    /// when the file becomes the document's template).
    pub di_berkas: Vec<Option<usize>>,
    /// A budget file's rows (document rows) whose realisasi so far is less than what the
    /// document holds for the quarters before the file's: that quarter's own is not computed.
    pub melebihi: Vec<usize>,
    /// Document rows where the file gives a quarter's realisasi Rp as one figure that differs
    /// from the document's, while the document holds that quarter by month (the quarter is the
    /// sum of its months, [`edit::tw_dari_bulan`]): not listed, since only months change it.
    pub dari_bulan: Vec<usize>,
}

/// The cells a file's value can change: every cell that is a value in the plan
/// ([`crate::rencana::e81::sel_nilai`]) and the unit — not the indicator text (which matched
/// the rows) nor its semantics (which a file does not state). In the grid's order.
pub fn kolom_gabung() -> Vec<Cell> {
    let nilai = crate::rencana::e81::sel_nilai();
    Cell::all()
        .into_iter()
        .filter(|c| *c == Cell::Unit || nilai.contains(c))
        .collect()
}

/// The merge preview of `berkas` (a file as read) into `dokumen` (the document as it stands):
/// both lifted into the plan ([`crate::rencana::e81::angkat`]), compared by the plan
/// ([`crate::rencana::Rencana::banding`]: rows by the plan's matching, values owner by owner),
/// and each difference shown at its row and cell ([`crate::rencana::e81::Letak`]),
/// plus the unit, which is the indicator's own (not a value). A row is matched when its
/// indicator is; differences are listed for matched rows only. A budget file
/// ([`FORMULIR_ANGGARAN`]) has no indicators: its rows match by node, and its realisasi so far
/// gives its quarter's ([`realisasi_triwulan`]).
pub fn pratinjau(dokumen: &Document, berkas: &Document) -> Pratinjau {
    use crate::rencana::e81::{angkat, Letak};
    use crate::rencana::{Pemilik, SimpulId, Versi};
    let (plan, _) = angkat(dokumen, "", Versi::Murni);
    let (file, _) = angkat(berkas, "", Versi::Murni);
    let banding = plan.banding(&file);
    let (di_dokumen, di_file) = (Letak::new(&plan, dokumen), Letak::new(&file, berkas));
    let mut out = Pratinjau {
        di_berkas: vec![None; dokumen.rows.len()],
        ..Pratinjau::default()
    };
    let anggaran = per_simpul(&berkas.form);
    let kinerja = baris_kinerja(&berkas.rows);
    // Indicator i is row i on both sides (the lift makes one per row); a budget file's (or a
    // PK's lampiran anggaran's) rows are its nodes' own. A PK's sasaran are matched by their
    // indicators, as an E.81's rows are.
    let pairs: Vec<(usize, Option<usize>)> = if anggaran {
        let mut pairs: Vec<(usize, Option<usize>)> = banding
            .simpul
            .iter()
            .enumerate()
            .filter_map(|(n, m)| {
                let j = di_file.baris(Pemilik::Simpul(n as SimpulId))?;
                (!kinerja.get(j).copied().unwrap_or(false))
                    .then(|| (j, m.and_then(|s| di_dokumen.baris(Pemilik::Simpul(s)))))
            })
            .collect();
        pairs.extend(
            banding
                .indikator
                .iter()
                .enumerate()
                .filter(|&(j, _)| kinerja.get(j).copied().unwrap_or(false))
                .map(|(j, m)| (j, m.map(|i| i as usize))),
        );
        pairs.sort_unstable();
        pairs
    } else {
        banding
            .indikator
            .iter()
            .enumerate()
            .map(|(j, m)| (j, m.map(|i| i as usize)))
            .collect()
    };
    for (j, m) in pairs {
        match m {
            Some(i) => {
                if let Some(slot) = out.di_berkas.get_mut(i) {
                    *slot = Some(j);
                }
                out.cocok += 1;
            }
            None => out.baru.push(j),
        }
    }
    out.baru.sort_unstable();
    out.kosong_di_berkas = banding.kosong_di_berkas;
    let columns = kolom_gabung();
    let mut beda: Vec<(usize, Option<usize>, Beda)> = Vec::with_capacity(banding.beda.len());
    // A difference, kept with its place in row then column order.
    let mut tambah = |baris: usize, baris_berkas: usize, kolom: Cell, sekarang, berkas| {
        let urutan = columns.iter().position(|c| *c == kolom);
        beda.push((
            baris,
            urutan,
            Beda {
                baris,
                baris_berkas,
                kolom,
                sekarang,
                berkas,
            },
        ));
    };
    for b in &banding.beda {
        let (Some(i), Some(j)) = (
            di_dokumen.baris(b.kunci.pemilik),
            di_file.baris(b.di_berkas.pemilik),
        ) else {
            continue;
        };
        // A node's money compared while its row's indicator did not match is not listed: the
        // row is new in the file.
        if out.di_berkas.get(i).copied().flatten() != Some(j) {
            continue;
        }
        let Some(cell) = di_dokumen.sel(&b.kunci) else {
            continue;
        };
        if let (Cell::TwRp(q), Some(file_row), Some(row)) =
            (cell, berkas.rows.get(j), dokumen.rows.get(i))
        {
            // A quarter the file gives by month follows its months when they are accepted:
            // one difference per cause, the months'.
            if edit::tw_dari_bulan(file_row, q) {
                continue;
            }
            // A quarter the document holds by month changes only through its months.
            if edit::tw_dari_bulan(row, q) {
                out.dari_bulan.push(i);
                continue;
            }
        }
        let sekarang = b.rencana.clone().unwrap_or(CellValue::Empty);
        tambah(i, j, cell, sekarang, b.berkas.clone());
    }
    if anggaran {
        for (i, j) in out.di_berkas.iter().enumerate() {
            let (Some(j), Some(row), Some(q)) = (*j, dokumen.rows.get(i), berkas.quarter) else {
                continue;
            };
            let Some(file_row) = berkas.rows.get(j) else {
                continue;
            };
            match realisasi_triwulan(row, file_row, q) {
                Some(own) if own < Decimal::ZERO => out.melebihi.push(i),
                Some(own) => {
                    let (cell, sekarang) = (Cell::TwRp(q), edit::get(row, Cell::TwRp(q)));
                    let v = CellValue::Rp(own);
                    let beda = !v.same(&sekarang);
                    if beda && edit::tw_dari_bulan(row, q) {
                        out.dari_bulan.push(i);
                    } else if beda {
                        tambah(i, j, cell, sekarang, v);
                    }
                }
                None => {}
            }
        }
    }
    // The unit is the indicator's own: compared row by row (a budget file, or a PK's
    // lampiran anggaran, states none). Two spellings of one unit (`Dok` and `Dokumen`,
    // `orang` and `Orang`) are the same unit, not a value to take.
    let satuan = crate::units::UnitDictionary::default();
    let sama_satuan = |a: &CellValue, b: &CellValue| match (a, b) {
        (CellValue::Text(a), CellValue::Text(b)) => satuan.same_unit(a, b),
        _ => a.same(b),
    };
    for (i, j) in out.di_berkas.iter().enumerate() {
        let (Some(j), Some(row)) = (*j, dokumen.rows.get(i)) else {
            continue;
        };
        if anggaran && !kinerja.get(j).copied().unwrap_or(false) {
            continue;
        }
        let Some(file_row) = berkas.rows.get(j) else {
            continue;
        };
        let from_file = edit::get(file_row, Cell::Unit);
        let now = edit::get(row, Cell::Unit);
        if from_file.is_empty() {
            out.kosong_di_berkas += usize::from(!now.is_empty());
        } else if !sama_satuan(&from_file, &now) {
            tambah(i, j, Cell::Unit, now, from_file);
        }
    }
    out.dari_bulan.sort_unstable();
    out.dari_bulan.dedup();
    beda.sort_by_key(|(i, c, _)| (*i, *c));
    out.beda = beda.into_iter().map(|(_, _, b)| b).collect();
    out.tidak_di_berkas = out
        .di_berkas
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.is_none().then_some(i))
        .collect();
    out
}

/// Quarter `q`'s own realisasi Rp from a budget file's row that states only its realisasi so
/// far (column 12 Rp as stated, through the end of `q`): that, less the document row's Rp of
/// the quarters before (an empty one counts as nothing); negative when the document's quarters
/// before already hold more than the file's total. None when the file states the quarter's own
/// (compared as any value) or no realisasi.
pub fn realisasi_triwulan(dokumen: &Row, berkas: &Row, q: u8) -> Option<Decimal> {
    let i = usize::from(q.checked_sub(1)?);
    if berkas.tw.get(i)?.rp.is_some() {
        return None;
    }
    let total = berkas.stated.c12.rp?;
    let before: Decimal = dokumen.tw[..i].iter().filter_map(|p| p.rp).sum();
    Some(total - before)
}
