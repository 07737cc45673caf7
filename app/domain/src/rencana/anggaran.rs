//! A budget table ([`crate::anggaran::Anggaran`], rolled up) as a plan fragment, so
//! [`Rencana::banding`] and [`Rencana::terapkan`] merge a SIPD export into a workspace's plan
//! like any other file.
//!
//! | budget table | plan |
//! |---|---|
//! | an urusan … sub kegiatan node | a [`Simpul`] (canonical kode, the file's spelling, name); rekening rows are not nodes, their sums are their sub kegiatan's |
//! | anggaran (rolled up) | `TargetRp` × [`Periode::Tahun`], in the version lifted |
//! | realisasi per quarter / per month | `RealisasiRp` × [`Periode::Triwulan`] / [`Periode::Bulan`] |
//! | realisasi with no period (a rekap's figure so far) | `RealisasiRp` × [`Periode::Tahun`] (cumulative; the quarter is the source's [`Sumber::triwulan`]) |
//! | anggaran kas per quarter / per month | `AnggaranKasRp` × [`Periode::Triwulan`] / [`Periode::Bulan`] |
//! | realisasi of the year before (LRA) | `RealisasiRp` × [`Periode::TahunKe`] (the year before the table's) |
//!
//! Values are the rolled-up ones ([`crate::anggaran::Baris::dihitung`]): a sub kegiatan's pagu
//! is the sum of its rekening rows. Operasi/modal splits, sisa and % are not plan values (the
//! plan computes them).

use std::collections::BTreeMap;

use super::{
    Kunci, Nilai, Pemilik, Periode, Rencana, Simpul, SimpulId, Sumber, Tingkat, Ukuran, Versi,
};
use crate::anggaran::{Anggaran, Besaran, Jenjang};
use crate::edit::CellValue;
use crate::model::{KodeSource, Location, Problem, Severity};

fn tingkat(j: Jenjang) -> Option<Tingkat> {
    Some(match j {
        Jenjang::Urusan => Tingkat::Urusan,
        Jenjang::BidangUrusan => Tingkat::BidangUrusan,
        Jenjang::Program => Tingkat::Program,
        Jenjang::Kegiatan => Tingkat::Kegiatan,
        Jenjang::SubKegiatan => Tingkat::SubKegiatan,
        Jenjang::Rekening => return None,
    })
}

/// Where a rolled-up measure of a node lives in the plan (None: not a plan value).
pub fn kunci_besaran(
    b: Besaran,
    simpul: SimpulId,
    versi: Versi,
    tahun: Option<i32>,
) -> Option<Kunci> {
    let pemilik = Pemilik::Simpul(simpul);
    let (ukuran, periode) = match b {
        Besaran::Anggaran => (Ukuran::TargetRp, Periode::Tahun),
        Besaran::Realisasi => (Ukuran::RealisasiRp, Periode::Tahun),
        Besaran::RealisasiTw(q) => (Ukuran::RealisasiRp, Periode::Triwulan(q)),
        Besaran::RealisasiBulan(m) => (Ukuran::RealisasiRp, Periode::Bulan(m)),
        Besaran::KasTw(q) => (Ukuran::AnggaranKasRp, Periode::Triwulan(q)),
        Besaran::KasBulan(m) => (Ukuran::AnggaranKasRp, Periode::Bulan(m)),
        Besaran::RealisasiLalu => (Ukuran::RealisasiRp, Periode::TahunKe(tahun? - 1)),
        _ => return None,
    };
    Some(Kunci::dalam(pemilik, ukuran, periode, versi))
}

/// Lifts a rolled-up budget table into a plan whose one source is `berkas` (read as form
/// `formulir`, reporting quarter `triwulan` when known); the pagu goes into `versi`.
/// Problems: a node whose kode is missing (kept, matched by its name path), and realisasi of
/// the year before in a table whose year is unknown (not lifted); one per cause.
pub fn angkat(
    tabel: &Anggaran,
    berkas: &str,
    formulir: &str,
    triwulan: Option<u8>,
    versi: Versi,
) -> (Rencana, Vec<Problem>) {
    let mut plan = Rencana {
        tahun: tabel.tahun,
        ..Rencana::default()
    };
    let mut problems = Vec::new();
    let mut id_of: Vec<Option<SimpulId>> = vec![None; tabel.baris.len()];
    let mut nilai: Vec<(Kunci, Nilai)> = Vec::new();
    let mut lalu_tanpa_tahun = false;
    for (i, b) in tabel.baris.iter().enumerate() {
        let Some(t) = tingkat(b.jenjang) else {
            continue;
        };
        // The nearest ancestor that is a node (a rekening is never a parent of one).
        let mut up = b.induk;
        let induk = loop {
            match up {
                Some(p) => match id_of.get(p).copied().flatten() {
                    Some(id) => break Some(id),
                    None => up = tabel.baris.get(p).and_then(|x| x.induk),
                },
                None => break None,
            }
        };
        let id = plan.simpul.len() as SimpulId;
        plan.simpul.push(Simpul {
            tingkat: t,
            induk,
            kode: b.kode.clone(),
            kode_berkas: b.kode_berkas.clone(),
            kode_sumber: None::<KodeSource>,
            nama: b.nama.clone(),
            tersirat: false,
        });
        id_of[i] = Some(id);
        if b.kode.is_none() {
            problems.push(Problem {
                severity: Severity::Info,
                code: "simpul_tanpa_kode".into(),
                message: format!(
                    "{} '{}' tanpa kode: dicocokkan dengan rencana menurut namanya",
                    b.jenjang.nama(),
                    b.nama
                ),
                at: tabel.lokasi(b.asal, None),
            });
        }
        for (besaran, v) in b.dihitung.terisi() {
            if besaran == Besaran::RealisasiLalu && tabel.tahun.is_none() {
                lalu_tanpa_tahun = true;
                continue;
            }
            if let Some(k) = kunci_besaran(besaran, id, versi, tabel.tahun) {
                nilai.push((
                    k,
                    Nilai {
                        isi: CellValue::Rp(v),
                        sumber: Some(0),
                    },
                ));
            }
        }
    }
    if lalu_tanpa_tahun {
        problems.push(Problem {
            severity: Severity::Info,
            code: "realisasi_lalu_tanpa_tahun".into(),
            message: "Realisasi tahun lalu tidak dimasukkan: tahun anggaran berkas tidak diketahui"
                .into(),
            at: Location::default(),
        });
    }
    plan.nilai = nilai.into_iter().collect();
    plan.sumber.push(Sumber {
        berkas: berkas.to_string(),
        formulir: formulir.to_string(),
        lembar: tabel.nama_lembar(),
        triwulan,
        baris: BTreeMap::new(),
    });
    (plan, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anggaran::{susun, BarisMasukan, Lembar, LembarMasukan, Nilai};
    use rust_decimal::Decimal;

    fn row(
        baris: u32,
        jenjang: Jenjang,
        kode: &str,
        nama: &str,
        v: &[(Besaran, i64)],
    ) -> BarisMasukan {
        let mut nilai = Nilai::default();
        for &(b, x) in v {
            nilai.set(b, Some(Decimal::from(x)));
        }
        BarisMasukan {
            jalur: vec![],
            jenjang,
            kode: Some(kode.into()),
            kode_berkas: Some(kode.into()),
            nama: nama.into(),
            nilai,
            baris,
        }
    }

    /// A rekap with quarters: (realisasi TW 1 of the second rekening).
    fn tabel(tw1: i64) -> Anggaran {
        use Besaran::{Anggaran as A, Realisasi as R, RealisasiTw as Tw};
        let rows = vec![
            row(4, Jenjang::BidangUrusan, "1.02", "KESEHATAN", &[]),
            row(5, Jenjang::Program, "1.02.01", "PROGRAM A", &[(A, 300)]),
            row(
                6,
                Jenjang::Kegiatan,
                "1.02.01.2.01",
                "Kegiatan A",
                &[(A, 300)],
            ),
            row(
                7,
                Jenjang::SubKegiatan,
                "1.02.01.2.01.0001",
                "Sub 1",
                &[(A, 300)],
            ),
            row(
                8,
                Jenjang::Rekening,
                "5.1.02.01.01.0024",
                "ATK",
                &[(A, 100), (R, 40), (Tw(1), 40)],
            ),
            row(
                9,
                Jenjang::Rekening,
                "5.1.02.01.01.0025",
                "Kertas",
                &[(A, 200), (R, tw1), (Tw(1), tw1)],
            ),
        ];
        let sheet = LembarMasukan {
            lembar: Lembar {
                nama: "Rekap".into(),
                ..Lembar::default()
            },
            baris: rows,
            jumlah: vec![],
        };
        susun(vec![sheet], Some(2025)).0
    }

    fn rp(n: i64) -> CellValue {
        CellValue::Rp(Decimal::from(n))
    }

    #[test]
    fn lifted_nodes_carry_the_rolled_up_money() {
        let (plan, problems) = angkat(
            &tabel(60),
            "rekap.xlsx",
            "SIPD rekap belanja",
            Some(1),
            Versi::Murni,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let levels: Vec<(Tingkat, Option<&str>, Option<u32>)> = plan
            .simpul
            .iter()
            .map(|s| (s.tingkat, s.kode.as_deref(), s.induk))
            .collect();
        assert_eq!(
            levels,
            [
                (Tingkat::BidangUrusan, Some("1.02"), None),
                (Tingkat::Program, Some("1.02.01"), Some(0)),
                (Tingkat::Kegiatan, Some("1.02.01.2.01"), Some(1)),
                (Tingkat::SubKegiatan, Some("1.02.01.2.01.0001"), Some(2)),
            ]
        );
        let k = |s, u, p| Kunci::new(Pemilik::Simpul(s), u, p);
        assert_eq!(
            plan.nilai(&k(3, Ukuran::TargetRp, Periode::Tahun)),
            Some(&rp(300))
        );
        assert_eq!(
            plan.nilai(&k(3, Ukuran::RealisasiRp, Periode::Triwulan(1))),
            Some(&rp(100))
        );
        assert_eq!(
            plan.nilai(&k(1, Ukuran::RealisasiRp, Periode::Tahun)),
            Some(&rp(100))
        );
        // The bidang row stated nothing: its sum is its children's.
        assert_eq!(
            plan.nilai(&k(0, Ukuran::TargetRp, Periode::Tahun)),
            Some(&rp(300))
        );
        assert_eq!(plan.sumber[0].triwulan, Some(1));
        // Perubahan: the pagu in its version, realisasi has none.
        let (p2, _) = angkat(&tabel(60), "rekap.xlsx", "SIPD", None, Versi::Perubahan);
        let pagu = Kunci {
            versi: Versi::Perubahan,
            ..k(3, Ukuran::TargetRp, Periode::Tahun)
        };
        assert_eq!(p2.nilai(&pagu), Some(&rp(300)));
        assert_eq!(
            p2.nilai(&k(3, Ukuran::RealisasiRp, Periode::Triwulan(1))),
            Some(&rp(100))
        );
    }

    #[test]
    fn a_later_export_merges_value_by_value() {
        let mut plan = Rencana::default();
        let (first, _) = angkat(&tabel(60), "tw1.xlsx", "SIPD", Some(1), Versi::Murni);
        let b = plan.banding(&first);
        plan.terapkan(&first, &b, &[], Sumber::default());
        assert_eq!(plan.simpul.len(), 4);
        // The next export corrects one rekening: every node above it differs, nothing else.
        let (second, _) = angkat(&tabel(75), "tw1b.xlsx", "SIPD", Some(1), Versi::Murni);
        let b = plan.banding(&second);
        assert_eq!(b.simpul_baru(), 0);
        let changed: Vec<(SimpulId, Ukuran, Periode, Option<CellValue>, CellValue)> = b
            .beda
            .iter()
            .map(|x| match x.kunci.pemilik {
                Pemilik::Simpul(s) => (
                    s,
                    x.kunci.ukuran,
                    x.kunci.periode,
                    x.rencana.clone(),
                    x.berkas.clone(),
                ),
                Pemilik::Indikator(_) => unreachable!(),
            })
            .collect();
        let mut want = Vec::new();
        for s in 0..4 {
            want.push((
                s,
                Ukuran::RealisasiRp,
                Periode::Tahun,
                Some(rp(100)),
                rp(115),
            ));
            want.push((
                s,
                Ukuran::RealisasiRp,
                Periode::Triwulan(1),
                Some(rp(100)),
                rp(115),
            ));
        }
        assert_eq!(changed, want);
        let all: Vec<usize> = (0..b.beda.len()).collect();
        plan.terapkan(&second, &b, &all, Sumber::default());
        let key = Kunci::new(
            Pemilik::Simpul(3),
            Ukuran::RealisasiRp,
            Periode::Triwulan(1),
        );
        assert_eq!(plan.nilai(&key), Some(&rp(115)));
        assert_eq!(plan.nilai.get(&key).and_then(|n| n.sumber), Some(1));
    }

    #[test]
    fn kas_and_last_year_have_their_keys() {
        assert_eq!(
            kunci_besaran(Besaran::KasBulan(7), 2, Versi::Perubahan, None),
            Some(Kunci::new(
                Pemilik::Simpul(2),
                Ukuran::AnggaranKasRp,
                Periode::Bulan(7)
            ))
        );
        assert_eq!(
            kunci_besaran(Besaran::RealisasiLalu, 0, Versi::Murni, Some(2025)).map(|k| k.periode),
            Some(Periode::TahunKe(2024))
        );
        assert_eq!(
            kunci_besaran(Besaran::RealisasiLalu, 0, Versi::Murni, None),
            None
        );
        assert_eq!(kunci_besaran(Besaran::Sisa, 0, Versi::Murni, None), None);
    }
}
