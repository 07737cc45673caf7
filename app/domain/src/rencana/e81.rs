//! Formulir E.81 as a view of the plan: [`angkat`] lifts an E.81 document (a file read, or a
//! stored document) into a plan, [`proyeksi`] prints a plan as an E.81 document. Lifting and
//! printing again gives the same document back, row for row and value for value.
//!
//! Where each E.81 value lives in the plan:
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
//! | unit PD, keterangan | `UnitPd`, `Keterangan` × [`Periode::Tahun`] |
//! | each quarter's narrative | `Pendorong`, `Penghambat`, `TindakLanjut`, `Keterangan` × [`Periode::Triwulan`] |
//!
//! K values are the indicator's; money and the responsible unit are the node's (Rp stated on an
//! extra indicator row stays that indicator's, as the file printed it).

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::{
    Indikator, IndikatorId, Isi, Kunci, Nilai, Pemilik, Periode, Rencana, Simpul, SimpulId, Sumber,
    SumberId, Tingkat, Ukuran, Versi,
};
use crate::model::{
    Document, KValue, Level, Location, Narasi, Pair, Problem, Row, Severity, Stated,
};

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
    }
}

fn level_of(tingkat: Tingkat) -> Option<Level> {
    match tingkat {
        Tingkat::Program => Some(Level::Program),
        Tingkat::Kegiatan => Some(Level::Kegiatan),
        Tingkat::SubKegiatan => Some(Level::SubKegiatan),
        Tingkat::Urusan | Tingkat::BidangUrusan | Tingkat::Tujuan | Tingkat::Sasaran => None,
    }
}

/// The pairs of a row, each with the plan's measure and period (K and Rp halves).
fn pasangan(row: &Row) -> [(&Pair, Ukuran, Ukuran, Periode); 7] {
    use Ukuran::{RealisasiK, RealisasiRp, TargetK, TargetRp};
    [
        (&row.renstra, TargetK, TargetRp, Periode::AkhirRenstra),
        (&row.prev, RealisasiK, RealisasiRp, Periode::SdTahunLalu),
        (&row.target, TargetK, TargetRp, Periode::Tahun),
        (&row.tw[0], RealisasiK, RealisasiRp, Periode::Triwulan(1)),
        (&row.tw[1], RealisasiK, RealisasiRp, Periode::Triwulan(2)),
        (&row.tw[2], RealisasiK, RealisasiRp, Periode::Triwulan(3)),
        (&row.tw[3], RealisasiK, RealisasiRp, Periode::Triwulan(4)),
    ]
}

fn stated(row: &Row) -> [(&Pair, u8); 4] {
    [
        (&row.stated.c12, 12),
        (&row.stated.c13, 13),
        (&row.stated.c14, 14),
        (&row.stated.c15, 15),
    ]
}

/// The trees of a document's rows, without values: a node per program, kegiatan and sub
/// kegiatan row, an indicator per row (indicator `i` is row `i`). Problems as [`angkat`] says.
fn kerangka(rows: &[Row]) -> (Rencana, Vec<Problem>) {
    let mut plan = Rencana::default();
    let mut problems = Vec::new();
    // Open nodes by depth, to find each node's parent.
    let mut stack: Vec<(u8, SimpulId)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let at = Location {
            row: Some(i),
            ..Location::default()
        };
        let node = if row.level != Level::Indikator {
            let rank = row.level.rank();
            while stack.last().is_some_and(|&(r, _)| r >= rank) {
                stack.pop();
            }
            let id = plan.simpul.len() as SimpulId;
            plan.simpul.push(Simpul {
                tingkat: tingkat_of(row.level),
                induk: stack.last().map(|&(_, s)| s),
                kode: row.kode.clone(),
                kode_berkas: row.kode_raw.clone(),
                kode_sumber: row.kode_sumber,
                nama: row.name.clone(),
                tersirat: false,
            });
            stack.push((rank, id));
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
            match plan.simpul.len().checked_sub(1) {
                Some(last) => last as SimpulId,
                None => {
                    problems.push(Problem {
                        severity: Severity::Info,
                        code: "indikator_tanpa_simpul".into(),
                        message:
                            "Baris indikator tanpa program, kegiatan atau sub kegiatan di atasnya"
                                .into(),
                        at,
                    });
                    plan.simpul.push(Simpul {
                        tingkat: Tingkat::Program,
                        induk: None,
                        kode: None,
                        kode_berkas: None,
                        kode_sumber: None,
                        nama: String::new(),
                        tersirat: true,
                    });
                    0
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
    for (i, row) in doc.rows.iter().enumerate() {
        let ind = i as IndikatorId;
        let node = plan.indikator[i].simpul;
        if row.sheet_row > 0 {
            sumber.baris.insert(ind, row.sheet_row);
        }
        let k_owner = Pemilik::Indikator(ind);
        let rp_owner = if row.level != Level::Indikator {
            Pemilik::Simpul(node)
        } else {
            k_owner
        };
        let mut put = |pemilik: Pemilik, ukuran: Ukuran, periode: Periode, isi: Isi| {
            let versi = if ukuran.berversi() && periode == Periode::Tahun {
                versi
            } else {
                Versi::Murni
            };
            let kunci = Kunci {
                pemilik,
                ukuran,
                periode,
                versi,
            };
            nilai.push((
                kunci,
                Nilai {
                    isi,
                    sumber: Some(src),
                },
            ));
        };
        for (pair, uk, urp, periode) in pasangan(row) {
            if let Some(k) = &pair.k {
                put(k_owner, uk, periode, Isi::K(k.clone()));
            }
            if let Some(rp) = pair.rp {
                put(rp_owner, urp, periode, Isi::Rp(rp));
            }
        }
        for (pair, n) in stated(row) {
            if let Some(k) = &pair.k {
                put(
                    k_owner,
                    Ukuran::DinyatakanK(n),
                    Periode::Tahun,
                    Isi::K(k.clone()),
                );
            }
            if let Some(rp) = pair.rp {
                put(
                    rp_owner,
                    Ukuran::DinyatakanRp(n),
                    Periode::Tahun,
                    Isi::Rp(rp),
                );
            }
        }
        let mut text = |pemilik: Pemilik, ukuran: Ukuran, periode: Periode, s: &str| {
            if !s.is_empty() {
                put(pemilik, ukuran, periode, Isi::Teks(s.to_string()));
            }
        };
        text(rp_owner, Ukuran::UnitPd, Periode::Tahun, &row.unit_pd);
        text(k_owner, Ukuran::Keterangan, Periode::Tahun, &row.keterangan);
        for (q, n) in row.narasi.iter().enumerate() {
            let p = Periode::Triwulan(q as u8 + 1);
            text(k_owner, Ukuran::Pendorong, p, &n.pendorong);
            text(k_owner, Ukuran::Penghambat, p, &n.penghambat);
            text(k_owner, Ukuran::TindakLanjut, p, &n.tindak_lanjut);
            text(k_owner, Ukuran::Keterangan, p, &n.keterangan);
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
    let src = tampilan.letak.and_then(|s| plan.sumber.get(s as usize));
    let mut per_node: HashMap<SimpulId, Vec<IndikatorId>> = HashMap::new();
    for (i, ind) in plan.indikator.iter().enumerate() {
        per_node
            .entry(ind.simpul)
            .or_default()
            .push(i as IndikatorId);
    }
    let get = |pemilik: Pemilik, ukuran: Ukuran, periode: Periode| -> Option<&Isi> {
        plan.berlaku(Kunci::new(pemilik, ukuran, periode), tampilan.versi)
    };
    let k = |pemilik, ukuran, periode| match get(pemilik, ukuran, periode) {
        Some(Isi::K(k)) => Some(k.clone()),
        Some(Isi::Rp(d)) => Some(KValue::Number(*d)),
        Some(Isi::Teks(t)) => Some(KValue::Text(t.clone())),
        None => None,
    };
    let rp = |pemilik, ukuran, periode| -> Option<Decimal> {
        match get(pemilik, ukuran, periode) {
            Some(Isi::Rp(d)) | Some(Isi::K(KValue::Number(d))) => Some(*d),
            _ => None,
        }
    };
    let text = |pemilik, ukuran, periode| match get(pemilik, ukuran, periode) {
        Some(Isi::Teks(t)) => t.clone(),
        _ => String::new(),
    };
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
        for (node_row, ind) in lines {
            let mut row = Row::empty(if node_row { level } else { Level::Indikator });
            if node_row {
                row.kode = node.kode.clone();
                row.kode_raw = node.kode_berkas.clone();
                row.kode_sumber = node.kode_sumber;
                row.name = node.nama.clone();
            }
            let k_owner = ind.map(Pemilik::Indikator);
            let rp_owner = if node_row {
                Some(Pemilik::Simpul(node_id))
            } else {
                k_owner
            };
            if let Some(i) = ind {
                let meta = &plan.indikator[i as usize];
                row.indicator = meta.teks.clone();
                row.unit = meta.satuan.clone();
                row.semantics = meta.makna.clone();
                row.sheet_row = src.and_then(|s| s.baris.get(&i)).copied().unwrap_or(0);
            }
            let pair = |uk: Ukuran, urp: Ukuran, periode: Periode| Pair {
                k: k_owner.and_then(|o| k(o, uk, periode)),
                rp: rp_owner.and_then(|o| rp(o, urp, periode)),
            };
            use Ukuran::{RealisasiK, RealisasiRp, TargetK, TargetRp};
            row.renstra = pair(TargetK, TargetRp, Periode::AkhirRenstra);
            row.prev = pair(RealisasiK, RealisasiRp, Periode::SdTahunLalu);
            row.target = pair(TargetK, TargetRp, Periode::Tahun);
            for q in 0..4u8 {
                row.tw[q as usize] = pair(RealisasiK, RealisasiRp, Periode::Triwulan(q + 1));
            }
            let c = |n: u8| {
                pair(
                    Ukuran::DinyatakanK(n),
                    Ukuran::DinyatakanRp(n),
                    Periode::Tahun,
                )
            };
            row.stated = Stated {
                c12: c(12),
                c13: c(13),
                c14: c(14),
                c15: c(15),
            };
            row.unit_pd =
                rp_owner.map_or(String::new(), |o| text(o, Ukuran::UnitPd, Periode::Tahun));
            if let Some(o) = k_owner {
                row.keterangan = text(o, Ukuran::Keterangan, Periode::Tahun);
                for q in 0..4u8 {
                    let p = Periode::Triwulan(q + 1);
                    row.narasi[q as usize] = Narasi {
                        pendorong: text(o, Ukuran::Pendorong, p),
                        penghambat: text(o, Ukuran::Penghambat, p),
                        tindak_lanjut: text(o, Ukuran::TindakLanjut, p),
                        keterangan: text(o, Ukuran::Keterangan, p),
                    };
                }
            }
            rows.push(row);
        }
    }
    Document {
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
    }
}
