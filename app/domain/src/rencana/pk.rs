//! The Perjanjian Kinerja as a view of the plan: [`angkat`] lifts a PK into a plan,
//! [`proyeksi`] prints a plan as a PK. The PK keeps its values under the very keys the E.81 and
//! the Renja use, so a PK target *is* the E.81 column 7 K of that indicator and a PK anggaran
//! *is* the E.81 column 7 Rp and the Renja pagu of that program, kegiatan or sub kegiatan.
//!
//! Where each PK value lives ([`kunci_sel`] is this table as code):
//!
//! | PK | plan |
//! |---|---|
//! | a sasaran (strategis / program / kegiatan) | a [`Simpul`] of [`Tingkat::Sasaran`] |
//! | an indikator row | an [`Indikator`] of its sasaran, with its satuan |
//! | target | `TargetK` × [`Periode::Tahun`], in the PK's version (E.81 column 7 K) |
//! | target TW I–IV | `TargetK` × [`Periode::Triwulan`] (unversioned: [`Kunci::dalam`]) |
//! | target n+1 | `TargetK` × [`Periode::TahunDepan`] (the Renja's prakiraan maju target) |
//! | a program / kegiatan / sub kegiatan of the lampiran anggaran | a [`Simpul`] of its level |
//! | anggaran | `TargetRp` × [`Periode::Tahun`], in the PK's version (E.81 column 7 Rp, Renja pagu) |
//! | keterangan | `Keterangan` × [`Periode::Tahun`] of the node |
//!
//! Not kept: the statement page (the parties, place and date belong to the signed document,
//! not to the plan: [`proyeksi`] takes them), the stated Jumlah and terbilang (computations).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{
    Indikator, IndikatorId, Kunci, Nilai, Pemilik, Periode, Rencana, Simpul, SimpulId, Sumber,
    Tingkat, Ukuran, Versi,
};
use crate::edit::CellValue;
use crate::indicator::default_semantics;
use crate::model::KValue;
use crate::pk::{BarisAnggaran, BarisKinerja, Pernyataan, Pk, TingkatSasaran, FORMULIR_PK};

/// A value of a PK row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SelPk {
    Target(Versi),
    /// Quarter 1..=4.
    TargetTw(u8),
    TargetMaju,
    Anggaran(Versi),
    Keterangan,
}

impl SelPk {
    /// Which PK value a plan key is, if a PK prints it (the inverse of [`kunci_sel`]).
    pub fn of(kunci: &Kunci) -> Option<SelPk> {
        let node = matches!(kunci.pemilik, Pemilik::Simpul(_));
        Some(match (kunci.ukuran, kunci.periode, node) {
            (Ukuran::TargetK, Periode::Tahun, false) => SelPk::Target(kunci.versi),
            (Ukuran::TargetK, Periode::Triwulan(q), false) if (1..=4).contains(&q) => {
                SelPk::TargetTw(q)
            }
            (Ukuran::TargetK, Periode::TahunDepan, false) => SelPk::TargetMaju,
            (Ukuran::TargetRp, Periode::Tahun, true) => SelPk::Anggaran(kunci.versi),
            (Ukuran::Keterangan, Periode::Tahun, true) => SelPk::Keterangan,
            _ => return None,
        })
    }
}

/// Where each row of a lifted PK is in the plan ([`angkat_letak`]).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LetakPk {
    /// Each kinerja row's indicator (None: a sasaran row without one).
    pub kinerja: Vec<Option<IndikatorId>>,
    /// Each anggaran row's node.
    pub anggaran: Vec<SimpulId>,
}

/// Where a PK value lives: `pemilik` is the indicator for the targets, the node for the
/// anggaran and keterangan.
pub fn kunci_sel(sel: SelPk, pemilik: Pemilik) -> Kunci {
    match sel {
        SelPk::Target(v) => Kunci::dalam(pemilik, Ukuran::TargetK, Periode::Tahun, v),
        SelPk::TargetTw(q) => Kunci::new(pemilik, Ukuran::TargetK, Periode::Triwulan(q)),
        SelPk::TargetMaju => Kunci::new(pemilik, Ukuran::TargetK, Periode::TahunDepan),
        SelPk::Anggaran(v) => Kunci::dalam(pemilik, Ukuran::TargetRp, Periode::Tahun, v),
        SelPk::Keterangan => Kunci::new(pemilik, Ukuran::Keterangan, Periode::Tahun),
    }
}

/// Lifts a PK into a plan whose one source is the file `berkas`: a node per sasaran (a first
/// indicator printed without one gets an unnamed sasaran, `tersirat`), an indicator per row
/// with an indicator or a target, a node per anggaran row under the nearest row of a higher
/// level above it.
pub fn angkat(pk: &Pk, berkas: &str) -> Rencana {
    angkat_letak(pk, berkas).0
}

/// [`angkat`], with where each of the PK's kinerja and anggaran rows went in the plan.
pub fn angkat_letak(pk: &Pk, berkas: &str) -> (Rencana, LetakPk) {
    let mut letak = LetakPk::default();
    let mut plan = Rencana {
        tahun: pk.tahun,
        pd: (!pk.pd.trim().is_empty()).then(|| pk.pd.trim().to_string()),
        ..Rencana::default()
    };
    let mut sumber = Sumber {
        berkas: berkas.to_string(),
        formulir: FORMULIR_PK.to_string(),
        lembar: pk.kolom.lembar_kinerja.clone(),
        triwulan: None,
        baris: BTreeMap::new(),
    };
    let mut nilai: Vec<(Kunci, Nilai)> = Vec::new();
    let mut put = |kunci: Kunci, isi: Option<CellValue>| {
        if let Some(isi) = isi.filter(|v| !v.is_empty()) {
            nilai.push((
                kunci,
                Nilai {
                    isi,
                    sumber: Some(0),
                },
            ));
        }
    };
    let k = |v: &Option<KValue>| v.clone().map(CellValue::K);
    let mut current: Option<SimpulId> = None;
    for b in &pk.kinerja {
        let nama = b.sasaran.trim();
        if !nama.is_empty() || current.is_none() {
            plan.simpul.push(Simpul {
                tingkat: Tingkat::Sasaran,
                induk: None,
                kode: None,
                kode_berkas: None,
                kode_sumber: None,
                nama: nama.to_string(),
                tersirat: nama.is_empty(),
            });
            current = Some((plan.simpul.len() - 1) as SimpulId);
        }
        let punya = !b.indikator.trim().is_empty()
            || b.target.is_some()
            || b.target_maju.is_some()
            || b.target_tw.iter().any(Option::is_some);
        let Some(node) = current.filter(|_| punya) else {
            letak.kinerja.push(None);
            continue;
        };
        let id = plan.indikator.len() as IndikatorId;
        letak.kinerja.push(Some(id));
        let mut values: Vec<&KValue> = b.target.iter().collect();
        values.extend(b.target_tw.iter().flatten());
        plan.indikator.push(Indikator {
            simpul: node,
            teks: b.indikator.clone(),
            satuan: b.satuan.clone(),
            makna: default_semantics(b.satuan.as_deref(), &values),
        });
        if b.baris > 0 {
            sumber.baris.insert(id, b.baris);
        }
        let ind = Pemilik::Indikator(id);
        put(kunci_sel(SelPk::Target(pk.versi), ind), k(&b.target));
        for (q, t) in (1u8..).zip(&b.target_tw) {
            put(kunci_sel(SelPk::TargetTw(q), ind), k(t));
        }
        put(kunci_sel(SelPk::TargetMaju, ind), k(&b.target_maju));
    }
    let mut stack: Vec<(u8, SimpulId)> = Vec::new();
    for b in &pk.anggaran {
        let d = b.tingkat.kedalaman();
        while stack.last().is_some_and(|&(sd, _)| sd >= d) {
            stack.pop();
        }
        let id = plan.simpul.len() as SimpulId;
        plan.simpul.push(Simpul {
            tingkat: b.tingkat,
            induk: stack.last().map(|&(_, p)| p),
            kode: b.kode.clone(),
            kode_berkas: b.kode_berkas.clone(),
            kode_sumber: None,
            nama: b.uraian.clone(),
            tersirat: false,
        });
        stack.push((d, id));
        letak.anggaran.push(id);
        let node = Pemilik::Simpul(id);
        put(
            kunci_sel(SelPk::Anggaran(pk.versi), node),
            b.anggaran.map(CellValue::Rp),
        );
        let ket = b.keterangan.trim();
        put(
            kunci_sel(SelPk::Keterangan, node),
            (!ket.is_empty()).then(|| CellValue::Text(ket.to_string())),
        );
    }
    plan.nilai = nilai.into_iter().collect();
    plan.sumber.push(sumber);
    (plan, letak)
}

/// In a PK whose Sasaran column names programs or kegiatan (a kepala bidang's, or one printed
/// from a plan without sasaran), each sasaran that is one of the lampiran anggaran's nodes of
/// that level by name — exactly one, case and spacing ignored — gives its indicators to that
/// node, so their targets are the node's indicators' (what an E.81 row of the node holds). Node
/// and indicator ids do not move; the sasaran keeps its place, without indicators. A PK of
/// sasaran strategis is left as it is.
pub fn sasaran_ke_simpul(plan: &mut Rencana, tingkat: TingkatSasaran) {
    let level = match tingkat {
        TingkatSasaran::Strategis => return,
        TingkatSasaran::Program => Tingkat::Program,
        TingkatSasaran::Kegiatan => Tingkat::Kegiatan,
    };
    let key = |n: &Simpul| crate::teks::kunci(&n.nama);
    let pindah: Vec<(SimpulId, SimpulId)> = plan
        .simpul
        .iter()
        .enumerate()
        .filter(|(_, n)| n.tingkat == Tingkat::Sasaran && !n.tersirat)
        .filter_map(|(i, sasaran)| {
            let mut same = plan
                .simpul
                .iter()
                .enumerate()
                .filter(|(_, n)| n.tingkat == level && key(n) == key(sasaran));
            match (same.next(), same.next()) {
                (Some((j, _)), None) => Some((i as SimpulId, j as SimpulId)),
                _ => None,
            }
        })
        .collect();
    for ind in &mut plan.indikator {
        if let Some(&(_, to)) = pindah.iter().find(|(from, _)| *from == ind.simpul) {
            ind.simpul = to;
        }
    }
    // A sasaran that is a program or kegiatan is no node of the performance tree: nothing
    // prints a row of it.
    for &(from, _) in &pindah {
        plan.simpul[from as usize].tersirat = true;
    }
}

/// What a printed PK takes besides the plan: its version, the statement page and what the
/// Sasaran column names.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Tampilan {
    pub versi: Versi,
    pub pernyataan: Option<Pernyataan>,
    pub tingkat_sasaran: TingkatSasaran,
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

/// The plan printed as a PK: a kinerja row per indicator of each sasaran (the sasaran named on
/// its first; a sasaran without indicators on a row of its own), an anggaran row per program,
/// kegiatan and sub kegiatan, in the plan's order. Targets and anggaran of `tampilan.versi`
/// (a perubahan falls back on the murni value it did not change). A plan without sasaran (one
/// lifted from an E.81, whose indicators sit on its programs, kegiatan and sub kegiatan) prints
/// the indicators of the level the Sasaran column names — a kepala bidang's PK its programs'
/// (`TingkatSasaran::Program`, also for `Strategis`), a kasubbag's its kegiatan's — each node
/// named on its first indicator.
pub fn proyeksi(plan: &Rencana, tampilan: &Tampilan) -> Pk {
    let versi = tampilan.versi;
    let per_node = plan.indikator_per_simpul();
    let src = plan.sumber.first();
    let ada_sasaran = plan.simpul.iter().any(|n| n.tingkat == Tingkat::Sasaran);
    let tingkat_kinerja = if ada_sasaran {
        Tingkat::Sasaran
    } else {
        match tampilan.tingkat_sasaran {
            TingkatSasaran::Strategis | TingkatSasaran::Program => Tingkat::Program,
            TingkatSasaran::Kegiatan => Tingkat::Kegiatan,
        }
    };
    let mut kinerja = Vec::new();
    let mut anggaran = Vec::new();
    for id in plan.urutan() {
        let node = &plan.simpul[id as usize];
        if node.tingkat == tingkat_kinerja {
            let inds: &[IndikatorId] = per_node.get(&id).map_or(&[], |v| v.as_slice());
            let nama = if node.tersirat {
                ""
            } else {
                node.nama.as_str()
            };
            if inds.is_empty() && node.tingkat == Tingkat::Sasaran {
                kinerja.push(BarisKinerja {
                    sasaran: nama.to_string(),
                    ..BarisKinerja::default()
                });
            }
            for (j, &i) in inds.iter().enumerate() {
                let ind = Pemilik::Indikator(i);
                let get = |sel: SelPk| as_k(plan.berlaku(kunci_sel(sel, ind), versi));
                let meta = &plan.indikator[i as usize];
                kinerja.push(BarisKinerja {
                    baris: src.and_then(|s| s.baris.get(&i)).copied().unwrap_or(0),
                    sasaran: if j == 0 {
                        nama.to_string()
                    } else {
                        String::new()
                    },
                    indikator: meta.teks.clone(),
                    satuan: meta.satuan.clone(),
                    target: get(SelPk::Target(versi)),
                    target_tw: [1, 2, 3, 4].map(|q| get(SelPk::TargetTw(q))),
                    target_maju: get(SelPk::TargetMaju),
                });
            }
        }
        if matches!(
            node.tingkat,
            Tingkat::Program | Tingkat::Kegiatan | Tingkat::SubKegiatan
        ) {
            let own = Pemilik::Simpul(id);
            let ket = match plan.nilai(&kunci_sel(SelPk::Keterangan, own)) {
                Some(CellValue::Text(t)) => t.clone(),
                _ => String::new(),
            };
            anggaran.push(BarisAnggaran {
                baris: 0,
                tingkat: node.tingkat,
                kode: node.kode.clone(),
                kode_berkas: node.kode_berkas.clone(),
                uraian: node.nama.clone(),
                anggaran: as_rp(plan.berlaku(kunci_sel(SelPk::Anggaran(versi), own), versi)),
                keterangan: ket,
            });
        }
    }
    Pk {
        tahun: plan.tahun,
        versi,
        pd: plan.pd.clone().unwrap_or_default(),
        pernyataan: tampilan.pernyataan.clone(),
        tingkat_sasaran: tampilan.tingkat_sasaran,
        kinerja,
        anggaran,
        jumlah: None,
        terbilang: None,
        kolom: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pk::{JumlahPk, KolomPk, Pihak, TerbilangPk};
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn n(s: &str) -> Option<KValue> {
        Some(KValue::Number(d(s)))
    }

    /// Seed 000's PK Perubahan 2025 (`lampiran_pk_perubahan_2025_*.csv`) with a kode, TW
    /// targets and n+1 on its first indicator, and a kegiatan under the second program.
    fn sample(versi: Versi) -> Pk {
        let mut kinerja = vec![
            BarisKinerja {
                sasaran: "Meningkatnya Kompetensi ASN".into(),
                indikator: "Persentase ASN yang ditingkatkan kompetensinya".into(),
                satuan: Some("%".into()),
                target: n("35"),
                target_tw: [n("10"), n("20"), n("30"), n("35")],
                target_maju: n("36"),
                ..BarisKinerja::default()
            },
            BarisKinerja {
                sasaran:
                    "Meningkatnya Kinerja ASN Melalui penempatan ASN yang sesuai dengan Kompetensi"
                        .into(),
                indikator: "Persentase ASN yang ditempatkan sesuai dengan kompetensi".into(),
                satuan: Some("%".into()),
                target: n("85"),
                ..BarisKinerja::default()
            },
            BarisKinerja {
                indikator: "Persentase ASN minimal berpredikat Kinerja Baik".into(),
                satuan: Some("persen".into()),
                target: n("97"),
                ..BarisKinerja::default()
            },
        ];
        for (i, b) in kinerja.iter_mut().enumerate() {
            b.baris = i as u32 + 7;
        }
        let anggaran = vec![
            BarisAnggaran {
                baris: 0,
                tingkat: Tingkat::Program,
                kode: Some("5.03.02".into()),
                kode_berkas: Some("5.03.02".into()),
                uraian: "PROGRAM KEPEGAWAIAN DAERAH".into(),
                anggaran: Some(d("6129770144")),
                keterangan: "DPPA".into(),
            },
            BarisAnggaran {
                baris: 0,
                tingkat: Tingkat::Program,
                kode: None,
                kode_berkas: None,
                uraian: "PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA".into(),
                anggaran: Some(d("11114377100")),
                keterangan: String::new(),
            },
            BarisAnggaran {
                baris: 0,
                tingkat: Tingkat::Kegiatan,
                kode: None,
                kode_berkas: None,
                uraian: "Pengembangan Kompetensi Teknis".into(),
                anggaran: Some(d("11114377100")),
                keterangan: String::new(),
            },
        ];
        Pk {
            tahun: Some(2025),
            versi,
            pd: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia".into(),
            pernyataan: Some(Pernyataan {
                lembar: "Pernyataan".into(),
                pihak_pertama: Pihak {
                    nama: "ANANG MUHAMMAD ZEN, ST., MT., CGCAE".into(),
                    jabatan: "Plt. Kepala Badan".into(),
                    pangkat: None,
                    nip: Some("197309162003121002".into()),
                    sel_nip: None,
                },
                pihak_kedua: Pihak {
                    nama: "MUH. RUSLI, S.Sos".into(),
                    jabatan: "Bupati Kotabaru".into(),
                    ..Pihak::default()
                },
                tempat: "Kotabaru".into(),
                tanggal: Some((2025, 10, 1)),
            }),
            tingkat_sasaran: TingkatSasaran::Strategis,
            kinerja,
            anggaran,
            jumlah: None,
            terbilang: None,
            kolom: KolomPk::default(),
        }
    }

    #[test]
    fn lifting_and_printing_gives_the_pk_back() {
        for versi in [Versi::Murni, Versi::Perubahan] {
            let pk = sample(versi);
            let plan = angkat(&pk, "pk.xlsx");
            assert_eq!(plan.simpul.len(), 5, "two sasaran, three budget nodes");
            assert_eq!(plan.simpul[4].induk, Some(3));
            assert_eq!(plan.indikator.len(), 3);
            let back = proyeksi(
                &plan,
                &Tampilan {
                    versi,
                    pernyataan: pk.pernyataan.clone(),
                    tingkat_sasaran: pk.tingkat_sasaran,
                },
            );
            assert_eq!(back, pk, "{versi:?}");
        }
    }

    #[test]
    fn the_stated_jumlah_and_terbilang_are_not_plan_values() {
        let mut pk = sample(Versi::Murni);
        pk.jumlah = Some(JumlahPk {
            baris: 12,
            nilai: d("1"),
        });
        pk.terbilang = Some(TerbilangPk {
            teks: "Satu Rupiah".into(),
            sel: None,
        });
        let plan = angkat(&pk, "pk.xlsx");
        let back = proyeksi(&plan, &Tampilan::default());
        assert_eq!(back.jumlah, None);
        assert_eq!(back.terbilang, None);
        assert_eq!(
            plan.nilai.len(),
            angkat(&sample(Versi::Murni), "x").nilai.len()
        );
    }

    #[test]
    fn a_pk_target_is_the_e81_column_7_k_and_its_anggaran_the_column_7_rp() {
        let pk = sample(Versi::Perubahan);
        let plan = angkat(&pk, "pk.xlsx");
        // The E.81 keys of the same owners.
        let e81 = super::super::e81::Baris {
            simpul: 2,
            indikator: 0,
            baris_simpul: true,
        };
        use crate::edit::Cell;
        let k = super::super::e81::kunci_sel(Cell::TargetK, e81, Versi::Perubahan).unwrap();
        assert_eq!(
            k,
            kunci_sel(SelPk::Target(Versi::Perubahan), Pemilik::Indikator(0))
        );
        assert_eq!(plan.nilai(&k), Some(&CellValue::K(KValue::Number(d("35")))));
        let rp = super::super::e81::kunci_sel(Cell::TargetRp, e81, Versi::Perubahan).unwrap();
        assert_eq!(
            rp,
            kunci_sel(SelPk::Anggaran(Versi::Perubahan), Pemilik::Simpul(2))
        );
        assert_eq!(plan.nilai(&rp), Some(&CellValue::Rp(d("6129770144"))));
        // And the Renja's pagu of the same node.
        let pagu = super::super::renja::kunci_sel(
            super::super::renja::SelRenja::Pagu(Versi::Perubahan),
            2,
            None,
        );
        assert_eq!(pagu, Some(rp));
        // The n+1 target is the Renja's prakiraan maju target.
        let maju =
            super::super::renja::kunci_sel(super::super::renja::SelRenja::TargetMaju, 0, Some(0));
        assert_eq!(
            maju,
            Some(kunci_sel(SelPk::TargetMaju, Pemilik::Indikator(0)))
        );
        // Percent indicators are levels.
        assert_eq!(
            plan.indikator[0].makna.aggregation,
            crate::model::Aggregation::Last
        );
    }

    #[test]
    fn a_pk_perubahan_prints_the_murni_figures_it_did_not_change() {
        let murni = sample(Versi::Murni);
        let mut plan = angkat(&murni, "pk.xlsx");
        plan.tetapkan(
            kunci_sel(SelPk::Anggaran(Versi::Perubahan), Pemilik::Simpul(2)),
            Some(CellValue::Rp(d("7000000000"))),
            None,
        );
        let back = proyeksi(
            &plan,
            &Tampilan {
                versi: Versi::Perubahan,
                ..Tampilan::default()
            },
        );
        assert_eq!(back.anggaran[0].anggaran, Some(d("7000000000")));
        assert_eq!(back.anggaran[1].anggaran, Some(d("11114377100")));
        assert_eq!(back.kinerja[0].target, n("35"));
    }

    #[test]
    fn each_row_is_placed_and_each_key_is_read_back_as_its_value() {
        let mut pk = sample(Versi::Perubahan);
        // A sasaran printed on a row of its own, without an indicator.
        pk.kinerja.push(BarisKinerja {
            sasaran: "Sasaran tanpa indikator".into(),
            ..BarisKinerja::default()
        });
        let (plan, letak) = angkat_letak(&pk, "pk.xlsx");
        assert_eq!(letak.kinerja, vec![Some(0), Some(1), Some(2), None]);
        assert_eq!(letak.anggaran, vec![3, 4, 5]);
        assert_eq!(plan, angkat(&pk, "pk.xlsx"));
        let ind = Pemilik::Indikator(0);
        let node = Pemilik::Simpul(3);
        for (sel, owner) in [
            (SelPk::Target(Versi::Murni), ind),
            (SelPk::Target(Versi::Perubahan), ind),
            (SelPk::TargetTw(1), ind),
            (SelPk::TargetTw(4), ind),
            (SelPk::TargetMaju, ind),
            (SelPk::Anggaran(Versi::Perubahan), node),
            (SelPk::Keterangan, node),
        ] {
            assert_eq!(SelPk::of(&kunci_sel(sel, owner)), Some(sel), "{sel:?}");
        }
        // A node's target or an indicator's anggaran is no PK value.
        assert_eq!(
            SelPk::of(&kunci_sel(SelPk::Target(Versi::Murni), node)),
            None
        );
        assert_eq!(
            SelPk::of(&kunci_sel(SelPk::Anggaran(Versi::Murni), ind)),
            None
        );
    }
}
