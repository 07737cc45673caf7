//! The Renja (*rencana program dan kegiatan*) as a view of the plan: [`angkat`] lifts a Renja
//! table into a plan, [`proyeksi`] prints a plan as a Renja table. Because both forms keep
//! their values under the same keys, a Renja lifted into a plan and printed as Formulir E.81
//! ([`super::e81::proyeksi`]) shows its targets and pagu in column 7: the Renja target *is*
//! the E.81 target ([`crate::gabung::berkas_renja`]).
//!
//! Where each Renja value lives ([`kunci_sel`] is this table as code):
//!
//! | Renja | plan |
//! |---|---|
//! | a program / kegiatan / sub kegiatan (urusan, bidang urusan) row | a [`Simpul`] and its first [`Indikator`] |
//! | a further indicator row | a further indicator of the node above |
//! | the unit organisasi row (`01.00`, the PD) | no node: its programs hang from the node above it; its pagu is the PD's total, a sum |
//! | target capaian kinerja | `TargetK` × [`Periode::Tahun`], in its version |
//! | kebutuhan dana / pagu indikatif | `TargetRp` × [`Periode::Tahun`], in its version (the node's) |
//! | lokasi, sumber dana, catatan penting | `Lokasi`, `SumberDana`, `CatatanPenting` × [`Periode::Tahun`] (the node's; unversioned: a perubahan's stands) |
//! | prakiraan maju n+1: target, pagu | `TargetK` / `TargetRp` × [`Periode::TahunDepan`] |
//!
//! Not kept: kelompok sasaran (no place in the plan yet), a stated selisih (a computation).

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;

use super::{
    Indikator, IndikatorId, Kunci, Nilai, Pemilik, Periode, Rencana, Simpul, SimpulId, Sumber,
    SumberId, Tingkat, Ukuran, Versi,
};
use crate::edit::CellValue;
use crate::model::{IndicatorSemantics, KValue};
use crate::renja::{BarisRenja, Cetakan, Renja, TingkatRenja};

/// A value of a Renja row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SelRenja {
    Target(Versi),
    Pagu(Versi),
    Lokasi,
    SumberDana,
    Catatan,
    TargetMaju,
    PaguMaju,
}

impl SelRenja {
    /// Which Renja value a plan key is, if a Renja prints it (the inverse of [`kunci_sel`]).
    pub fn of(kunci: &Kunci) -> Option<SelRenja> {
        let node = matches!(kunci.pemilik, Pemilik::Simpul(_));
        Some(match (kunci.ukuran, kunci.periode, node) {
            (Ukuran::TargetK, Periode::Tahun, false) => SelRenja::Target(kunci.versi),
            (Ukuran::TargetRp, Periode::Tahun, true) => SelRenja::Pagu(kunci.versi),
            (Ukuran::Lokasi, Periode::Tahun, true) => SelRenja::Lokasi,
            (Ukuran::SumberDana, Periode::Tahun, true) => SelRenja::SumberDana,
            (Ukuran::CatatanPenting, Periode::Tahun, true) => SelRenja::Catatan,
            (Ukuran::TargetK, Periode::TahunDepan, false) => SelRenja::TargetMaju,
            (Ukuran::TargetRp, Periode::TahunDepan, true) => SelRenja::PaguMaju,
            _ => return None,
        })
    }

    /// Whether the node holds it (else the row's indicator).
    pub fn milik_simpul(self) -> bool {
        !matches!(self, SelRenja::Target(_) | SelRenja::TargetMaju)
    }
}

/// Where each row of a lifted Renja is in the plan: its node (None: a unit organisasi row, or
/// a row above every node) and its indicator (None: a node row without one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct LetakBaris {
    pub simpul: Option<SimpulId>,
    pub indikator: Option<IndikatorId>,
}

/// Where a Renja value of a row lives: `simpul` its node, `indikator` its indicator (None: a
/// node row without one).
pub fn kunci_sel(sel: SelRenja, simpul: SimpulId, indikator: Option<IndikatorId>) -> Option<Kunci> {
    let node = Pemilik::Simpul(simpul);
    let ind = indikator.map(Pemilik::Indikator);
    Some(match sel {
        SelRenja::Target(v) => Kunci::dalam(ind?, Ukuran::TargetK, Periode::Tahun, v),
        SelRenja::Pagu(v) => Kunci::dalam(node, Ukuran::TargetRp, Periode::Tahun, v),
        SelRenja::Lokasi => Kunci::new(node, Ukuran::Lokasi, Periode::Tahun),
        SelRenja::SumberDana => Kunci::new(node, Ukuran::SumberDana, Periode::Tahun),
        SelRenja::Catatan => Kunci::new(node, Ukuran::CatatanPenting, Periode::Tahun),
        SelRenja::TargetMaju => Kunci::new(ind?, Ukuran::TargetK, Periode::TahunDepan),
        SelRenja::PaguMaju => Kunci::new(node, Ukuran::TargetRp, Periode::TahunDepan),
    })
}

fn tingkat_of(t: TingkatRenja) -> Option<Tingkat> {
    Some(match t {
        TingkatRenja::Urusan => Tingkat::Urusan,
        TingkatRenja::BidangUrusan => Tingkat::BidangUrusan,
        TingkatRenja::Unit => return None,
        TingkatRenja::Program => Tingkat::Program,
        TingkatRenja::Kegiatan => Tingkat::Kegiatan,
        TingkatRenja::SubKegiatan => Tingkat::SubKegiatan,
    })
}

fn renja_of(t: Tingkat) -> Option<TingkatRenja> {
    Some(match t {
        Tingkat::Urusan => TingkatRenja::Urusan,
        Tingkat::BidangUrusan => TingkatRenja::BidangUrusan,
        Tingkat::Program => TingkatRenja::Program,
        Tingkat::Kegiatan => TingkatRenja::Kegiatan,
        Tingkat::SubKegiatan => TingkatRenja::SubKegiatan,
        Tingkat::Tujuan | Tingkat::Sasaran => return None,
    })
}

fn text(s: &str) -> Option<CellValue> {
    let t = s.trim();
    (!t.is_empty()).then(|| CellValue::Text(t.to_string()))
}

fn k(v: &Option<KValue>) -> Option<CellValue> {
    v.clone().map(CellValue::K)
}

fn rp(v: Option<Decimal>) -> Option<CellValue> {
    v.map(CellValue::Rp)
}

/// The row's text of what it prints in the later version it has (setelah perubahan over
/// sebelum).
fn terakhir<'a>(
    row: &'a BarisRenja,
    cetakan: Cetakan,
    f: impl Fn(&'a crate::renja::Isian) -> &'a str,
) -> &'a str {
    cetakan
        .versi()
        .iter()
        .rev()
        .map(|&v| f(row.isian(v)))
        .find(|s| !s.trim().is_empty())
        .unwrap_or("")
}

/// Lifts a Renja table into a plan whose one source is the file `berkas`. The unit organisasi
/// rows are not nodes (their programs hang from the node above them). Every row with an
/// indicator, a target or a n+1 target gives an indicator of its node, in order.
pub fn angkat(renja: &Renja, berkas: &str) -> Rencana {
    angkat_letak(renja, berkas).0
}

/// [`angkat`], with where each of the table's rows went in the plan.
pub fn angkat_letak(renja: &Renja, berkas: &str) -> (Rencana, Vec<LetakBaris>) {
    let mut letak = Vec::with_capacity(renja.baris.len());
    let mut plan = Rencana {
        tahun: renja.tahun,
        ..Rencana::default()
    };
    let mut sumber = Sumber {
        berkas: berkas.to_string(),
        formulir: crate::renja::FORMULIR_RENJA.to_string(),
        lembar: renja.lembar.clone(),
        triwulan: None,
        baris: BTreeMap::new(),
    };
    let src: SumberId = 0;
    let mut nilai: Vec<(Kunci, Nilai)> = Vec::new();
    let mut put = |kunci: Option<Kunci>, isi: Option<CellValue>| {
        if let (Some(kunci), Some(isi)) = (kunci, isi.filter(|v| !v.is_empty())) {
            nilai.push((
                kunci,
                Nilai {
                    isi,
                    sumber: Some(src),
                },
            ));
        }
    };
    // The node texts already stated.
    let mut dinyatakan: HashSet<Kunci> = HashSet::new();
    // The open nodes: (depth, node id), and each row's node.
    let mut stack: Vec<(u8, Option<SimpulId>)> = Vec::new();
    let mut current: Option<SimpulId> = None;
    let versi = renja.cetakan.versi();
    for row in &renja.baris {
        if let Some(t) = row.tingkat {
            let d = t.kedalaman();
            while stack.last().is_some_and(|&(sd, _)| sd >= d) {
                stack.pop();
            }
            let induk = stack.iter().rev().find_map(|&(_, id)| id);
            let id = tingkat_of(t).map(|tingkat| {
                let id = plan.simpul.len() as SimpulId;
                plan.simpul.push(Simpul {
                    tingkat,
                    induk,
                    kode: row.kode.clone(),
                    kode_berkas: row.kode_berkas.clone(),
                    kode_sumber: None,
                    nama: row.nama.clone(),
                    tersirat: false,
                });
                id
            });
            stack.push((d, id));
            current = id;
        }
        let Some(node) = current else {
            letak.push(LetakBaris::default());
            continue;
        };
        let has_indicator = versi.iter().any(|&v| {
            let i = row.isian(v);
            !i.indikator.trim().is_empty() || i.target.is_some()
        }) || row.maju.target.is_some();
        let ind = has_indicator.then(|| {
            let id = plan.indikator.len() as IndikatorId;
            let satuan = versi
                .iter()
                .rev()
                .find_map(|&v| row.isian(v).satuan.clone())
                .or_else(|| row.maju.satuan.clone());
            plan.indikator.push(Indikator {
                simpul: node,
                teks: terakhir(row, renja.cetakan, |i| &i.indikator).to_string(),
                satuan,
                makna: IndicatorSemantics::default(),
            });
            if row.baris > 0 {
                sumber.baris.insert(id, row.baris);
            }
            id
        });
        letak.push(LetakBaris {
            simpul: Some(node),
            indikator: ind,
        });
        for &v in versi {
            let isi = row.isian(v);
            put(kunci_sel(SelRenja::Target(v), node, ind), k(&isi.target));
            put(kunci_sel(SelRenja::Pagu(v), node, ind), rp(isi.pagu));
        }
        for (sel, value) in [
            (
                SelRenja::Lokasi,
                terakhir(row, renja.cetakan, |i| &i.lokasi),
            ),
            (
                SelRenja::SumberDana,
                terakhir(row, renja.cetakan, |i| &i.sumber_dana),
            ),
            (SelRenja::Catatan, row.catatan.as_str()),
        ] {
            // A node's first statement stands (its indicator rows often repeat it).
            if let (Some(kunci), Some(value)) = (kunci_sel(sel, node, ind), text(value)) {
                if dinyatakan.insert(kunci) {
                    put(Some(kunci), Some(value));
                }
            }
        }
        put(
            kunci_sel(SelRenja::TargetMaju, node, ind),
            k(&row.maju.target),
        );
        put(kunci_sel(SelRenja::PaguMaju, node, ind), rp(row.maju.pagu));
    }
    plan.nilai = nilai.into_iter().collect();
    plan.sumber.push(sumber);
    (plan, letak)
}

fn as_text(v: Option<&CellValue>) -> String {
    match v {
        Some(CellValue::Text(t)) => t.clone(),
        _ => String::new(),
    }
}

fn as_k(v: Option<&CellValue>) -> Option<KValue> {
    match v {
        Some(CellValue::K(k)) => Some(k.clone()),
        _ => None,
    }
}

fn as_rp(v: Option<&CellValue>) -> Option<Decimal> {
    match v {
        Some(CellValue::Rp(r)) => Some(*r),
        _ => None,
    }
}

/// The plan printed as a Renja table of `cetakan`: a row per node of the budget tree (urusan …
/// sub kegiatan) with its first indicator, then a row per further indicator; a node's lokasi,
/// sumber dana and catatan on its own row.
pub fn proyeksi(plan: &Rencana, cetakan: Cetakan) -> Renja {
    let per_node = plan.indikator_per_simpul();
    let src = plan.sumber.first();
    let mut baris = Vec::new();
    for node_id in plan.urutan() {
        let node = &plan.simpul[node_id as usize];
        let Some(tingkat) = renja_of(node.tingkat) else {
            continue;
        };
        let inds: &[IndikatorId] = per_node.get(&node_id).map_or(&[], |v| v.as_slice());
        let mut lines: Vec<(bool, Option<IndikatorId>)> = vec![(true, inds.first().copied())];
        lines.extend(inds.iter().skip(1).map(|&i| (false, Some(i))));
        for (own, ind) in lines {
            let mut row = BarisRenja::kosong(own.then_some(tingkat));
            let get = |sel: SelRenja| {
                kunci_sel(sel, node_id, ind).and_then(|kunci| match sel {
                    SelRenja::Target(v) | SelRenja::Pagu(v) => plan.berlaku(kunci, v),
                    _ => plan.nilai(&kunci),
                })
            };
            if own {
                row.kode.clone_from(&node.kode);
                row.kode_berkas.clone_from(&node.kode_berkas);
                row.nama.clone_from(&node.nama);
                row.catatan = as_text(get(SelRenja::Catatan));
                row.maju.pagu = as_rp(get(SelRenja::PaguMaju));
            }
            if let Some(i) = ind {
                row.baris = src.and_then(|s| s.baris.get(&i)).copied().unwrap_or(0);
                row.maju.target = as_k(get(SelRenja::TargetMaju));
                row.maju.satuan = row
                    .maju
                    .target
                    .as_ref()
                    .and(plan.indikator[i as usize].satuan.clone());
            }
            for &v in cetakan.versi() {
                let lokasi = if own {
                    as_text(get(SelRenja::Lokasi))
                } else {
                    String::new()
                };
                let sumber_dana = if own {
                    as_text(get(SelRenja::SumberDana))
                } else {
                    String::new()
                };
                let pagu = if own {
                    as_rp(get(SelRenja::Pagu(v)))
                } else {
                    None
                };
                let isi = row.isian_mut(v);
                isi.lokasi = lokasi;
                isi.sumber_dana = sumber_dana;
                isi.pagu = pagu;
                if let Some(i) = ind {
                    let meta = &plan.indikator[i as usize];
                    isi.indikator.clone_from(&meta.teks);
                    isi.target = as_k(get(SelRenja::Target(v)));
                    isi.satuan = isi.target.as_ref().and(meta.satuan.clone());
                }
            }
            baris.push(row);
        }
    }
    Renja {
        tahun: plan.tahun,
        cetakan,
        lembar: src.map_or_else(String::new, |s| s.lembar.clone()),
        baris,
        jumlah: None,
        kolom: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::renja::Isian;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn isian(ind: &str, target: Option<&str>, satuan: Option<&str>, pagu: Option<&str>) -> Isian {
        Isian {
            indikator: ind.into(),
            lokasi: if pagu.is_some() {
                "Kota Bjb".into()
            } else {
                String::new()
            },
            target: target.map(|t| KValue::Number(d(t))),
            satuan: satuan.map(Into::into),
            pagu: pagu.map(d),
            sumber_dana: if pagu.is_some() {
                "PAD".into()
            } else {
                String::new()
            },
            ..Isian::default()
        }
    }

    fn node(t: TingkatRenja, kode: &str, nama: &str) -> BarisRenja {
        let mut b = BarisRenja::kosong(Some(t));
        b.kode = (!kode.is_empty()).then(|| kode.to_string());
        b.nama = nama.into();
        b
    }

    /// A small Renja: bidang, unit, a program with two indicators, a kegiatan, two subs.
    fn sample(cetakan: Cetakan) -> Renja {
        use TingkatRenja::*;
        let mut rows = vec![
            node(BidangUrusan, "5.03", "KEPEGAWAIAN"),
            node(Unit, "", "BADAN KEPEGAWAIAN"),
            node(Program, "5.03.01", "PROGRAM PENUNJANG"),
            BarisRenja::kosong(None),
            node(Kegiatan, "5.03.01.2.01", "Perencanaan"),
            node(SubKegiatan, "5.03.01.2.01.01", "Penyusunan Dokumen"),
            node(SubKegiatan, "5.03.01.2.01.06", "Koordinasi Laporan"),
        ];
        let versions = cetakan.versi();
        for &v in versions {
            let bump = if v == Versi::Perubahan { "1" } else { "0" };
            rows[2].isian_mut(v).indikator = "Predikat SAKIP".into();
            rows[2].isian_mut(v).target = Some(KValue::Text("A".into()));
            *rows[3].isian_mut(v) = isian("Cakupan layanan", Some("100"), Some("%"), None);
            *rows[4].isian_mut(v) = isian("Persentase dokumen", Some("100"), Some("%"), None);
            *rows[5].isian_mut(v) = isian(
                "Jumlah dokumen",
                Some("7"),
                Some("dok"),
                Some(&format!("2947335{bump}")),
            );
            *rows[6].isian_mut(v) =
                isian("Jumlah laporan", Some("3"), Some("lap"), Some("189153750"));
        }
        rows[5].maju.target = Some(KValue::Number(d("6")));
        rows[5].maju.satuan = Some("dok".into());
        rows[5].maju.pagu = Some(d("30659300"));
        rows[6].catatan = "prioritas".into();
        for (i, r) in rows.iter_mut().enumerate() {
            r.baris = i as u32 + 8;
        }
        Renja {
            tahun: Some(2024),
            cetakan,
            lembar: "Tabel 5.1".into(),
            baris: rows,
            ..Renja::default()
        }
    }

    #[test]
    fn lifting_and_printing_gives_the_table_back_without_its_unit_row() {
        for cetakan in [Cetakan::Murni, Cetakan::Perubahan, Cetakan::SebelumSesudah] {
            let r = sample(cetakan);
            let plan = angkat(&r, "renja.xlsx");
            assert_eq!(plan.simpul.len(), 5, "the unit row is no node");
            assert_eq!(
                plan.simpul[1].induk,
                Some(0),
                "the program hangs from the bidang"
            );
            assert_eq!(plan.indikator.len(), 5);
            let back = proyeksi(&plan, cetakan);
            let mut expected = r.baris.clone();
            expected.remove(1);
            // A sheet row is kept per indicator: the bidang row has none.
            expected[0].baris = 0;
            assert_eq!(back.baris, expected, "{cetakan:?}");
            assert_eq!(back.tahun, Some(2024));
        }
    }

    #[test]
    fn a_renja_with_bidang_above_its_programs_matches_an_e81_without_them_by_name() {
        let mut r = sample(Cetakan::Murni);
        for b in &mut r.baris {
            b.kode = None;
        }
        let plan = angkat(&r, "renja.xlsx");
        // The same plan as an E.81 prints it (no bidang row), lifted again.
        let e81 = super::super::e81::proyeksi(&plan, Default::default());
        let (file, _) = super::super::e81::angkat(&e81, "e81.xlsx", Versi::Murni);
        let b = plan.banding(&file);
        // Program, kegiatan and the two sub kegiatan: all found, no value differs.
        assert_eq!(b.simpul, vec![Some(1), Some(2), Some(3), Some(4)]);
        assert!(b.beda.is_empty(), "{:?}", b.beda);
    }

    #[test]
    fn a_key_names_the_renja_value_it_is() {
        for sel in [
            SelRenja::Target(Versi::Murni),
            SelRenja::Target(Versi::Perubahan),
            SelRenja::Pagu(Versi::Murni),
            SelRenja::Pagu(Versi::Perubahan),
            SelRenja::Lokasi,
            SelRenja::SumberDana,
            SelRenja::Catatan,
            SelRenja::TargetMaju,
            SelRenja::PaguMaju,
        ] {
            let kunci = kunci_sel(sel, 4, Some(7)).unwrap();
            assert_eq!(SelRenja::of(&kunci), Some(sel));
            assert_eq!(
                sel.milik_simpul(),
                matches!(kunci.pemilik, Pemilik::Simpul(4))
            );
        }
        let realisasi = Kunci::new(
            Pemilik::Simpul(1),
            Ukuran::RealisasiRp,
            Periode::Triwulan(2),
        );
        assert_eq!(SelRenja::of(&realisasi), None);
    }

    #[test]
    fn each_row_knows_its_node_and_indicator() {
        let r = sample(Cetakan::Murni);
        let (_, letak) = angkat_letak(&r, "renja.xlsx");
        let ids: Vec<(Option<u32>, Option<u32>)> =
            letak.iter().map(|l| (l.simpul, l.indikator)).collect();
        // The unit row is no node.
        assert_eq!(
            ids,
            vec![
                (Some(0), None),
                (None, None),
                (Some(1), Some(0)),
                (Some(1), Some(1)),
                (Some(2), Some(2)),
                (Some(3), Some(3)),
                (Some(4), Some(4)),
            ]
        );
    }

    #[test]
    fn each_value_lives_at_its_key() {
        let r = sample(Cetakan::SebelumSesudah);
        let plan = angkat(&r, "renja.xlsx");
        // The sub kegiatan Penyusunan Dokumen is node 3, its indicator 3.
        let pagu = |v| {
            plan.nilai(&kunci_sel(SelRenja::Pagu(v), 3, Some(3)).unwrap())
                .cloned()
        };
        assert_eq!(pagu(Versi::Murni), Some(CellValue::Rp(d("29473350"))));
        assert_eq!(pagu(Versi::Perubahan), Some(CellValue::Rp(d("29473351"))));
        assert_eq!(
            plan.nilai(&Kunci::new(
                Pemilik::Simpul(3),
                Ukuran::TargetRp,
                Periode::TahunDepan
            )),
            Some(&CellValue::Rp(d("30659300")))
        );
        assert_eq!(
            plan.nilai(&Kunci::new(
                Pemilik::Indikator(3),
                Ukuran::TargetK,
                Periode::TahunDepan
            )),
            Some(&CellValue::K(KValue::Number(d("6"))))
        );
        assert_eq!(
            plan.nilai(&Kunci::new(
                Pemilik::Simpul(4),
                Ukuran::CatatanPenting,
                Periode::Tahun
            )),
            Some(&CellValue::Text("prioritas".into()))
        );
        assert_eq!(plan.sumber[0].baris.get(&3), Some(&13));
    }

    #[test]
    fn a_renja_printed_as_e81_shows_its_targets_and_pagu_in_column_7() {
        use crate::model::Level;
        let r = sample(Cetakan::Perubahan);
        let plan = angkat(&r, "renja.xlsx");
        let doc = super::super::e81::proyeksi(
            &plan,
            super::super::e81::Tampilan {
                versi: Versi::Perubahan,
                ..Default::default()
            },
        );
        let levels: Vec<Level> = doc.rows.iter().map(|r| r.level).collect();
        assert_eq!(
            levels,
            vec![
                Level::Program,
                Level::Indikator,
                Level::Kegiatan,
                Level::SubKegiatan,
                Level::SubKegiatan
            ]
        );
        assert_eq!(doc.rows[3].target.rp, Some(d("29473351")));
        assert_eq!(doc.rows[3].target.k, Some(KValue::Number(d("7"))));
        assert_eq!(doc.rows[3].unit.as_deref(), Some("dok"));
        assert_eq!(doc.rows[0].target.k, Some(KValue::Text("A".into())));
    }
}
