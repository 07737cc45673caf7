//! Merging a file into a document: which rows match, which are new or missing, and exactly the
//! values that differ (a data table of file changes against the document they came from).

mod common;

use capaian_domain::edit::{get, parse_input, set, Cell, CellValue};
use capaian_domain::gabung::{kolom_gabung, pratinjau, Beda};
use capaian_domain::model::Document;
use common::fixture_document;

/// A value typed into a row's cell (`-` empties it).
type Change = (usize, Cell, &'static str);

/// The file: the document with each change typed in.
fn changed(doc: &Document, changes: &[Change]) -> Document {
    let mut file = doc.clone();
    for &(baris, cell, raw) in changes {
        let value = parse_input(cell, raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        set(&mut file.rows[baris], cell, value).unwrap();
    }
    file
}

/// What the preview must list for these changes: each changed cell whose new value is not
/// empty and differs, document value beside the file's, in row then column order.
fn expected(doc: &Document, file: &Document, changes: &[Change]) -> Vec<Beda> {
    let order = kolom_gabung();
    let mut out: Vec<Beda> = changes
        .iter()
        .filter_map(|&(baris, cell, _)| {
            let sekarang = get(&doc.rows[baris], cell);
            let berkas = get(&file.rows[baris], cell);
            (!berkas.is_empty() && !berkas.same(&sekarang)).then_some(Beda {
                baris,
                baris_berkas: baris,
                kolom: cell,
                sekarang,
                berkas,
            })
        })
        .collect();
    out.sort_by_key(|b| (b.baris, order.iter().position(|c| *c == b.kolom)));
    out
}

#[test]
fn the_preview_lists_exactly_the_values_that_differ() {
    let doc = fixture_document("e81_101");
    let n = doc.rows.len();
    // (case, changes made in the file, values the document holds that the file leaves empty)
    let cases: Vec<(&str, Vec<Change>, usize)> = vec![
        ("the same file", vec![], 0),
        (
            "next quarter's realisation, a corrected amount and a narrative",
            vec![
                (2, Cell::TwK(3), "12"),
                (3, Cell::TwRp(2), "110.000.000"),
                (4, Cell::Pendorong(3), "Dukungan pimpinan"),
                (5, Cell::Keterangan, "Menunggu SP2D"),
            ],
            0,
        ),
        (
            "the same values written otherwise",
            vec![(3, Cell::TwRp(1), "110418100.00")],
            0,
        ),
        (
            "a value the file leaves empty is kept, not listed",
            vec![(0, Cell::TargetRp, "-"), (2, Cell::Unit, "Dokumen")],
            1,
        ),
    ];
    for (case, changes, kosong) in cases {
        let file = changed(&doc, &changes);
        let p = pratinjau(&doc, &file);
        assert_eq!(p.cocok, n, "{case}");
        assert!(p.baru.is_empty() && p.tidak_di_berkas.is_empty(), "{case}");
        assert_eq!(p.beda, expected(&doc, &file, &changes), "{case}");
        assert_eq!(p.kosong_di_berkas, kosong, "{case}");
    }
}

#[test]
fn rows_match_by_kode_and_indicator_wherever_they_stand() {
    let doc = fixture_document("e81_101");
    let n = doc.rows.len();
    // The file lists the rows bottom to top, and changes one value.
    let mut file = changed(&doc, &[(3, Cell::TwRp(2), "1.000")]);
    file.rows.reverse();
    let p = pratinjau(&doc, &file);
    assert_eq!(p.cocok, n);
    assert_eq!(p.beda.len(), 1);
    assert_eq!(
        (p.beda[0].baris, p.beda[0].baris_berkas, p.beda[0].kolom),
        (3, n - 1 - 3, Cell::TwRp(2))
    );
    assert_eq!(p.beda[0].berkas, CellValue::Rp(1000.into()));
    // Every document row is found in the file, bottom to top.
    let expected: Vec<Option<usize>> = (0..n).map(|i| Some(n - 1 - i)).collect();
    assert_eq!(p.di_berkas, expected);
}

#[test]
fn new_rows_and_rows_the_file_lacks_are_reported_not_merged() {
    let doc = fixture_document("e81_101");
    let n = doc.rows.len();
    let mut file = doc.clone();
    // The last row is not in the file; a sub kegiatan with a code the document does not have is.
    let last = file.rows.pop().unwrap();
    let mut new_row = file.rows[2].clone();
    new_row.kode = Some("9.99.99.2.01.01".into());
    new_row.name = "Sub kegiatan baru".into();
    file.rows.push(new_row);
    let p = pratinjau(&doc, &file);
    assert_eq!(p.cocok, n - 1);
    assert_eq!(p.baru, vec![n - 1]);
    assert_eq!(p.tidak_di_berkas, vec![n - 1]);
    let expected: Vec<Option<usize>> = (0..n).map(|i| (i < n - 1).then_some(i)).collect();
    assert_eq!(p.di_berkas, expected);
    assert!(p.beda.is_empty(), "{:?}", p.beda);
    assert!(!last.name.is_empty() || !last.indicator.is_empty());
}

mod anggaran {
    use capaian_domain::anggaran::{susun, Anggaran, Besaran, Jenjang, Lembar, LembarMasukan};
    use capaian_domain::anggaran::{BarisMasukan, Nilai};
    use capaian_domain::edit::{Cell, CellValue};
    use capaian_domain::gabung::{berkas_anggaran, pratinjau};
    use rust_decimal::Decimal;

    use super::common::fixture_document;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A SIPD rekap of part of e81_101's first program: the rows as the export interleaves
    /// them, amounts on the rekening rows only (the rest is the roll-up's).
    fn rekap(realisasi: &[(Besaran, &str)], pagu_02: &str) -> Anggaran {
        let row = |baris, jenjang, kode: &str, nama: &str, v: &[(Besaran, &str)]| {
            let mut nilai = Nilai::default();
            for &(b, x) in v {
                nilai.set(b, Some(d(x)));
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
        };
        let mut r06 = vec![(Besaran::Anggaran, "1104181000")];
        r06.extend_from_slice(realisasi);
        let rows = vec![
            row(5, Jenjang::BidangUrusan, "5.03", "KEPEGAWAIAN", &[]),
            row(6, Jenjang::Program, "5.03.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", &[]),
            row(7, Jenjang::Kegiatan, "5.03.01.2.09", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah", &[]),
            // Four-digit codes where the E.81 prints two: matched by name.
            row(8, Jenjang::SubKegiatan, "5.03.01.2.09.0002", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan Kendaraan Dinas Operasional atau Lapangan", &[]),
            row(9, Jenjang::Rekening, "5.1.02.01.01.0064", "Belanja Pajak Kendaraan Bermotor", &[(Besaran::Anggaran, pagu_02), (Besaran::Realisasi, "8731859.94")]),
            row(10, Jenjang::SubKegiatan, "5.03.01.2.09.0006", "PEMELIHARAAN PERALATAN DAN MESIN LAINNYA", &[]),
            row(11, Jenjang::Rekening, "5.1.02.03.02.0121", "Belanja Pemeliharaan Alat Kantor", &r06),
        ];
        let sheet = LembarMasukan {
            lembar: Lembar {
                nama: "Rekap".into(),
                ..Lembar::default()
            },
            baris: rows,
            jumlah: vec![],
        };
        susun(vec![sheet], Some(2026)).0
    }

    fn rp(s: &str) -> CellValue {
        CellValue::Rp(d(s))
    }

    /// (document row, cell, the document's value, the file's) of every listed difference.
    fn listed(p: &capaian_domain::gabung::Pratinjau) -> Vec<(usize, Cell, CellValue, CellValue)> {
        p.beda
            .iter()
            .map(|b| (b.baris, b.kolom, b.sekarang.clone(), b.berkas.clone()))
            .collect()
    }

    /// Penyerapan TW against the anggaran kas (`rekonsiliasi::penyerapan_kas`): the E.81's
    /// realisasi of each quarter ÷ the kas of the same node, rolled up from its rekening.
    #[test]
    fn penyerapan_against_the_anggaran_kas_is_each_quarters_realisasi_over_its_kas() {
        use capaian_domain::rekonsiliasi::penyerapan_kas;
        let doc = fixture_document("e81_101");
        let kas = rekap(
            &[
                (Besaran::KasTw(1), "200000000"),
                (Besaran::KasTw(2), "400000000"),
            ],
            "30000000",
        );
        let p = penyerapan_kas(&doc, &kas);
        // The kegiatan and sub kegiatan 0006 hold the kas; sub kegiatan 0002 has none; the
        // program has kegiatan the file lacks, so its kas would be part of it: left out.
        let rows: Vec<usize> = p.iter().map(|x| x.baris).collect();
        assert_eq!(rows, vec![1, 3]);
        let sub = &p[1];
        // TW I: 110.418.100 ÷ 200.000.000 = 55,209 %; TW II: 187.710.770 ÷ 400.000.000.
        assert_eq!(
            sub.triwulan[0].tuple(),
            (
                Some(d("110418100")),
                Some(d("200000000")),
                Some(d("55.20905"))
            )
        );
        assert_eq!(
            sub.triwulan[1].tuple(),
            (
                Some(d("187710770.00")),
                Some(d("400000000")),
                Some(d("46.9276925"))
            )
        );
        assert_eq!(sub.triwulan[2].tuple(), (None, None, None));
        let row = &doc.rows[3];
        let spent: Decimal = row.tw.iter().filter_map(|t| t.rp).sum();
        assert_eq!(
            sub.terhadap_pagu,
            Some(spent * Decimal::ONE_HUNDRED / row.target.rp.unwrap())
        );
    }

    #[test]
    fn a_sipd_rekap_merges_by_node_and_its_realisasi_so_far_becomes_the_quarters() {
        let doc = fixture_document("e81_101");
        let so_far = [(Besaran::Realisasi, "310000000")];
        let file = berkas_anggaran(&rekap(&so_far, "30000000"), Some(2));
        // Program, kegiatan and the two sub kegiatan (the bidang urusan has no E.81 row).
        assert_eq!(file.rows.len(), 4);
        let p = pratinjau(&doc, &file);
        assert_eq!(p.cocok, 4);
        assert!(p.baru.is_empty());
        assert_eq!(p.di_berkas[..4], [Some(0), Some(1), Some(2), Some(3)]);
        // Expected by hand from e81_101.expected.json: TW II = realisasi so far − TW I.
        assert_eq!(
            listed(&p),
            vec![
                (0, Cell::TargetRp, rp("6248538344"), rp("1134181000")),
                (1, Cell::TargetRp, rp("1136521222"), rp("1134181000")),
                // 318 731 859,94 − 110 418 100 (TW I).
                (1, Cell::TwRp(2), rp("196442629.94"), rp("208313759.94")),
                (2, Cell::TargetRp, rp("32340222"), rp("30000000")),
                // Row 2: 8 731 859,94 − nothing: the same as the document's TW II, not listed.
                // 310 000 000 − 110 418 100.
                (3, Cell::TwRp(2), rp("187710770.00"), rp("199581900")),
            ]
        );
        // The program's TW I (721 957 596,60) is more than the part of it the file covers.
        assert_eq!(p.melebihi, vec![0]);
    }

    /// The E.81 against the SIPD export, figure by figure: the pagu, and the realisasi through
    /// TW II (E.81 TW I + TW II against SIPD's figure so far). Expected by hand from
    /// e81_101.expected.json.
    #[test]
    fn an_e81_and_a_sipd_export_agree_or_differ_figure_by_figure() {
        use capaian_domain::rekonsiliasi::{e81_sipd, Jenis};
        let doc = fixture_document("e81_101");
        let tabel = rekap(&[(Besaran::Realisasi, "310000000")], "30000000");
        let r = e81_sipd(&doc, &tabel, Some(2));
        assert_eq!(r.cocok, 4);
        assert!(r.hanya_sipd.is_empty());
        assert_eq!(r.hanya_e81, (4..doc.rows.len()).collect::<Vec<_>>());
        let got: Vec<(usize, Jenis, Option<Decimal>, Decimal, usize)> = r
            .selisih
            .iter()
            .map(|s| (s.baris, s.jenis, s.e81, s.sipd, s.baris_sipd))
            .collect();
        let sd = Jenis::RealisasiSd(2);
        assert_eq!(
            got,
            vec![
                (0, Jenis::Pagu, Some(d("6248538344")), d("1134181000"), 1),
                // 721 957 596,60 + 836 408 050,92 against 8 731 859,94 + 310 000 000.
                (0, sd, Some(d("1558365647.52")), d("318731859.94"), 1),
                (1, Jenis::Pagu, Some(d("1136521222")), d("1134181000"), 2),
                (1, sd, Some(d("306860729.94")), d("318731859.94"), 2),
                (2, Jenis::Pagu, Some(d("32340222")), d("30000000"), 3),
                // Row 2 agrees on its realisasi (8 731 859,94, TW I empty).
                (3, sd, Some(d("298128870")), d("310000000"), 5),
            ]
        );
        // Without a quarter, only the pagu.
        let pagu_only = e81_sipd(&doc, &tabel, None);
        assert!(pagu_only.selisih.iter().all(|s| s.jenis == Jenis::Pagu));
        assert_eq!(pagu_only.selisih.len(), 3);
    }

    #[test]
    fn a_rekap_without_its_quarter_compares_the_pagu_only() {
        let doc = fixture_document("e81_101");
        let file = berkas_anggaran(
            &rekap(&[(Besaran::Realisasi, "310000000")], "32340222"),
            None,
        );
        let p = pratinjau(&doc, &file);
        assert_eq!(
            listed(&p),
            vec![(0, Cell::TargetRp, rp("6248538344"), rp("1136521222")),]
        );
        assert!(p.melebihi.is_empty());
    }

    #[test]
    fn realisasi_stated_per_quarter_or_month_is_compared_as_it_is() {
        let doc = fixture_document("e81_101");
        // TW I per quarter; TW II as its three months.
        let months = [
            (Besaran::RealisasiTw(1), "110418100"),
            (Besaran::RealisasiBulan(4), "50000000"),
            (Besaran::RealisasiBulan(5), "60000000"),
            (Besaran::RealisasiBulan(6), "77710770.5"),
            (Besaran::Realisasi, "298128870.5"),
        ];
        let file = berkas_anggaran(&rekap(&months, "32340222"), Some(2));
        let p = pratinjau(&doc, &file);
        let tw: Vec<_> = listed(&p)
            .into_iter()
            .filter(|(_, c, _, _)| matches!(c, Cell::TwRp(_) | Cell::BulanRp(_)))
            .collect();
        // The sub kegiatan's quarters are its kegiatan's and program's too (the only ones in the
        // file); the kegiatan's TW I is the document's already. TW II is given by month: its
        // months are the differences (one per cause), and TW II follows them when accepted.
        let months_of = |r: usize| {
            vec![
                (r, Cell::BulanRp(4), CellValue::Empty, rp("50000000")),
                (r, Cell::BulanRp(5), CellValue::Empty, rp("60000000")),
                (r, Cell::BulanRp(6), CellValue::Empty, rp("77710770.5")),
            ]
        };
        let mut expected = vec![(0, Cell::TwRp(1), rp("721957596.60"), rp("110418100"))];
        expected.extend(months_of(0));
        expected.extend(months_of(1));
        expected.extend(months_of(3));
        assert_eq!(tw, expected);
        // Accepting every difference: TW II of the three rows is the sum of the months.
        let asked: Vec<(usize, Cell, CellValue)> = p
            .beda
            .iter()
            .map(|b| (b.baris, b.kolom, b.berkas.clone()))
            .collect();
        let derived = capaian_domain::rollup::follow_rollups(&doc.rows, &asked);
        let mut merged = doc.clone();
        for (r, c, v) in asked.into_iter().chain(derived) {
            capaian_domain::edit::set(&mut merged.rows[r], c, v).unwrap();
        }
        for r in [0, 1, 3] {
            assert_eq!(merged.rows[r].tw[1].rp, Some(d("187710770.5")), "row {r}");
            assert_eq!(
                merged.rows[r].rencana.bulan[3],
                Some(d("50000000")),
                "row {r}"
            );
        }
    }
}

/// A Renja merged into an E.81 document: its targets and pagu are column 7's (the two forms
/// keep them under the same keys), compared cell by cell like any file.
mod renja {
    use capaian_domain::edit::{Cell, CellValue};
    use capaian_domain::gabung::{berkas_renja, pratinjau};
    use capaian_domain::model::{Document, KValue, Level};
    use capaian_domain::renja::{BarisRenja, Cetakan, Renja, TingkatRenja};
    use rust_decimal::Decimal;

    use super::common::fixture_document;

    /// The document's rows as the agency's Renja prints them (the same indicators, targets and
    /// pagu), under a unit organisasi row as Tabel 5.1 prints it.
    pub fn renja_of_document(doc: &Document, cetakan: Cetakan) -> Renja {
        let mut baris = vec![{
            let mut unit = BarisRenja::kosong(Some(TingkatRenja::Unit));
            unit.nama = "BADAN".into();
            unit
        }];
        for (i, row) in doc.rows.iter().enumerate() {
            let mut b = BarisRenja::kosong(match row.level {
                Level::Program => Some(TingkatRenja::Program),
                Level::Kegiatan => Some(TingkatRenja::Kegiatan),
                Level::SubKegiatan => Some(TingkatRenja::SubKegiatan),
                Level::Indikator | Level::Tujuan | Level::Sasaran => None,
            });
            b.baris = i as u32 + 7;
            b.kode.clone_from(&row.kode);
            b.nama.clone_from(&row.name);
            for &v in cetakan.versi() {
                let isi = b.isian_mut(v);
                isi.indikator.clone_from(&row.indicator);
                isi.target.clone_from(&row.target.k);
                isi.satuan = row.target.k.as_ref().and(row.unit.clone());
                isi.pagu = row.target.rp;
                isi.lokasi = "Kabupaten".into();
            }
            baris.push(b);
        }
        Renja {
            tahun: doc.year,
            cetakan,
            lembar: "Tabel 5.1".into(),
            baris,
            ..Renja::default()
        }
    }

    #[test]
    fn a_renja_of_the_same_figures_agrees_and_a_changed_one_shows_exactly_its_changes() {
        let bare = fixture_document("e81_101");
        // The Renja's lokasi is a value E.81 does not print: the document has none, so the
        // file brings it, on each node's own row.
        let nodes: Vec<usize> = (0..bare.rows.len())
            .filter(|&i| bare.rows[i].level != Level::Indikator)
            .collect();
        let p = pratinjau(
            &bare,
            &berkas_renja(&renja_of_document(&bare, Cetakan::Murni)),
        );
        let lokasi: Vec<(usize, Cell, CellValue, CellValue)> = p
            .beda
            .iter()
            .map(|d| (d.baris, d.kolom, d.sekarang.clone(), d.berkas.clone()))
            .collect();
        let kabupaten = CellValue::Text("Kabupaten".into());
        let expected: Vec<_> = nodes
            .iter()
            .map(|&i| (i, Cell::Lokasi, CellValue::Empty, kabupaten.clone()))
            .collect();
        assert_eq!(lokasi, expected);
        let mut doc = bare.clone();
        for &i in &nodes {
            doc.rows[i].rencana.lokasi = "Kabupaten".into();
        }
        for cetakan in [Cetakan::Murni, Cetakan::Perubahan, Cetakan::SebelumSesudah] {
            let same = renja_of_document(&doc, cetakan);
            let p = pratinjau(&doc, &berkas_renja(&same));
            assert!(p.beda.is_empty(), "{cetakan:?}: {:?}", p.beda);
            assert_eq!(p.cocok, doc.rows.len(), "{cetakan:?}");
            assert!(p.baru.is_empty());
        }
        // A perubahan: one sub kegiatan's pagu and another's target change, and a new sub
        // kegiatan with its indicator comes in.
        let mut r = renja_of_document(&doc, Cetakan::SebelumSesudah);
        let subs: Vec<usize> = (0..doc.rows.len())
            .filter(|&i| doc.rows[i].level == Level::SubKegiatan && doc.rows[i].target.rp.is_some())
            .take(2)
            .collect();
        let (a, b) = (subs[0], subs[1]);
        let pagu = doc.rows[a].target.rp.unwrap() + Decimal::from(1_500_000);
        r.baris[a + 1].perubahan.pagu = Some(pagu);
        r.baris[b + 1].perubahan.target = Some(KValue::Number(Decimal::from(99)));
        r.baris[b + 1].perubahan.satuan = doc.rows[b].unit.clone();
        let mut baru = BarisRenja::kosong(Some(TingkatRenja::SubKegiatan));
        baru.nama = "Sub kegiatan baru hasil perubahan".into();
        baru.perubahan.indikator = "Jumlah dokumen baru".into();
        baru.perubahan.target = Some(KValue::Number(Decimal::from(2)));
        baru.perubahan.satuan = Some("Dokumen".into());
        baru.perubahan.pagu = Some(Decimal::from(25_000_000));
        r.baris.insert(b + 2, baru);
        let file = berkas_renja(&r);
        let p = pratinjau(&doc, &file);
        let got: Vec<(usize, Cell, CellValue)> = p
            .beda
            .iter()
            .map(|d| (d.baris, d.kolom, d.berkas.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (a, Cell::TargetRp, CellValue::Rp(pagu)),
                (
                    b,
                    Cell::TargetK,
                    CellValue::K(KValue::Number(Decimal::from(99)))
                ),
            ]
        );
        assert_eq!(p.baru.len(), 1);
        let new_row = &file.rows[p.baru[0]];
        assert_eq!(new_row.name, "Sub kegiatan baru hasil perubahan");
        assert_eq!(new_row.target.rp, Some(Decimal::from(25_000_000)));
    }
}

/// `rekonsiliasi::e81_renja`: the same comparison, each difference at its Renja row.
#[test]
fn an_e81_and_a_renja_that_differ_in_a_pagu_are_one_difference_at_both_rows() {
    use capaian_domain::rekonsiliasi::e81_renja;
    use capaian_domain::renja::Cetakan;
    let doc = fixture_document("e81_101");
    let mut r = renja::renja_of_document(&doc, Cetakan::Murni);
    assert!(e81_renja(&doc, &r).selisih.is_empty());
    let i = (0..doc.rows.len())
        .find(|&i| doc.rows[i].target.rp.is_some())
        .unwrap();
    r.baris[i + 1].murni.pagu = Some(rust_decimal::Decimal::from(7));
    let rec = e81_renja(&doc, &r);
    assert_eq!(rec.selisih.len(), 1, "{:?}", rec.selisih);
    assert_eq!(rec.selisih[0].baris, i);
    assert_eq!(rec.selisih[0].baris_renja, i + 1);
    assert_eq!(rec.selisih[0].kolom, Cell::TargetRp);
    assert_eq!(rec.cocok, doc.rows.len());
}

/// A Perjanjian Kinerja whose Sasaran column names programs (Capaian's own *Unduh Perjanjian
/// Kinerja*, a kepala bidang's PK) merges its targets onto the programs' rows, indicator by
/// indicator, beside its anggaran (issue 14); a PK of sasaran strategis gives no targets to
/// any row.
mod pk {
    use capaian_domain::edit::{Cell, CellValue};
    use capaian_domain::gabung::{berkas_pk, pratinjau};
    use capaian_domain::model::{KValue, Level};
    use capaian_domain::pk::TingkatSasaran;
    use capaian_domain::rencana::pk::{proyeksi, Tampilan};
    use capaian_domain::rencana::{e81, Versi};
    use rust_decimal::Decimal;

    use super::common::fixture_document;

    #[test]
    fn a_pk_of_programs_merges_its_targets_onto_the_program_rows() {
        let doc = fixture_document("e81_101");
        let (plan, _) = e81::angkat(&doc, "", Versi::Murni);
        let printed = |tingkat_sasaran| {
            proyeksi(
                &plan,
                &Tampilan {
                    versi: Versi::Murni,
                    pernyataan: None,
                    tingkat_sasaran,
                },
            )
        };
        let mut pk = printed(TingkatSasaran::Program);
        assert_eq!(pk.tingkat_sasaran, TingkatSasaran::Program);
        // The PK as printed agrees with the document: nothing to merge.
        let same = pratinjau(&doc, &berkas_pk(&pk));
        assert!(same.beda.is_empty(), "{:?}", same.beda);
        // The first program's target changed in the PK.
        let program = doc
            .rows
            .iter()
            .position(|r| r.level == Level::Program)
            .expect("a program");
        let first = pk
            .kinerja
            .iter()
            .position(|k| k.sasaran == doc.rows[program].name)
            .expect("the program's first indicator in the PK");
        let target = KValue::Number(Decimal::new(975, 1));
        pk.kinerja[first].target = Some(target.clone());
        let p = pratinjau(&doc, &berkas_pk(&pk));
        let listed: Vec<(usize, Cell, CellValue)> = p
            .beda
            .iter()
            .map(|b| (b.baris, b.kolom, b.berkas.clone()))
            .collect();
        assert_eq!(listed, vec![(program, Cell::TargetK, CellValue::K(target))]);
        // Named as sasaran strategis, the same rows are no program's: no target is compared.
        pk.tingkat_sasaran = TingkatSasaran::Strategis;
        let p = pratinjau(&doc, &berkas_pk(&pk));
        assert!(
            p.beda.iter().all(|b| b.kolom != Cell::TargetK),
            "{:?}",
            p.beda
        );
    }

    /// A Kepala PD's PK of sasaran strategis: its sasaran and IKU are the plan's performance
    /// tree. Merged into an E.81 document that has none, they are new rows the merge may add
    /// (its lampiran anggaran's programs are not: they match by node); once added, they stand
    /// before the programs, the E.81's computation and totals do not see them, the PK printed
    /// from the document names them with their targets, and a later PK that changes one target
    /// is that one difference.
    #[test]
    fn a_pk_of_sasaran_strategis_adds_the_performance_tree() {
        use capaian_domain::e81::{compute, E81Settings};
        use capaian_domain::gabung::{berkas_tambahan, bisa_ditambah};
        use capaian_domain::model::baris_kinerja;
        use capaian_domain::pk::{BarisKinerja, Pk};
        use capaian_domain::rencana::e81::{baris_baru, rencana_dokumen, susun};

        let doc = fixture_document("e81_101");
        let (plan, _) = e81::angkat(&doc, "", Versi::Murni);
        let mut pk = proyeksi(
            &plan,
            &Tampilan {
                versi: Versi::Murni,
                pernyataan: None,
                tingkat_sasaran: TingkatSasaran::Program,
            },
        );
        pk.tingkat_sasaran = TingkatSasaran::Strategis;
        let pct = |n: i64| Some(KValue::Number(Decimal::from(n)));
        let iku = |sasaran: &str, indikator: &str, target| BarisKinerja {
            sasaran: sasaran.into(),
            indikator: indikator.into(),
            satuan: Some("%".into()),
            target,
            ..BarisKinerja::default()
        };
        pk.kinerja = vec![
            iku(
                "Tersedianya ASN yang memenuhi standar kompetensi",
                "Persentase ASN yang ditempatkan sesuai kompetensi",
                pct(85),
            ),
            iku(
                "",
                "Persentase ASN yang memenuhi standar kompetensi",
                pct(35),
            ),
            iku(
                "Meningkatnya disiplin pegawai ASN",
                "Persentase tingkat kedisiplinan ASN",
                pct(100),
            ),
        ];
        let file = berkas_pk(&pk);
        // Two sasaran rows and one extra IKU row, before the lampiran anggaran's nodes.
        let kinerja = baris_kinerja(&file.rows);
        assert_eq!(kinerja.iter().filter(|&&k| k).count(), 3);
        assert_eq!(file.rows[0].level, Level::Sasaran);
        assert_eq!(file.rows[1].level, Level::Indikator);
        assert_eq!(file.rows[2].level, Level::Sasaran);
        assert_eq!(bisa_ditambah(&file), kinerja);

        let p = pratinjau(&doc, &file);
        assert_eq!(p.baru, vec![0, 1, 2], "only the sasaran rows are new");
        assert!(p.beda.is_empty(), "{:?}", p.beda);

        // Added as a merge adds them: the performance tree alone.
        let tambahan_file = berkas_tambahan(&file).expect("rows to add");
        assert_eq!(tambahan_file.rows.len(), 3);
        let (lifted, _) = e81::angkat(&tambahan_file, "pk.xlsx", Versi::Murni);
        let base = rencana_dokumen(&doc, &[]);
        let added = baris_baru(&base, &lifted);
        assert_eq!(added.len(), 3);
        assert_eq!(added.tambahan.simpul.len(), 2);
        let (now, nomor) = susun(&doc, std::slice::from_ref(&added.tambahan)).expect("susun");
        let n = doc.rows.len();
        assert_eq!(&nomor[..3], &[n, n + 1, n + 2], "the sasaran stand first");
        assert_eq!(&nomor[3..], &(0..n).collect::<Vec<_>>()[..]);
        let mut now = now;
        for (row, cell, value) in &added.nilai {
            let at = nomor.iter().position(|x| x == row).unwrap();
            capaian_domain::edit::set(&mut now.rows[at], *cell, value.clone()).unwrap();
        }
        assert_eq!(
            now.rows[0].name,
            "Tersedianya ASN yang memenuhi standar kompetensi"
        );
        assert_eq!(now.rows[1].target.k, pct(35));
        assert_eq!(now.rows[2].target.k, pct(100));

        // The E.81's computation: the budget tree's totals are as before.
        let settings = E81Settings::default();
        let (before, _) = compute(&doc, &settings);
        let (after, _) = compute(&now, &settings);
        assert_eq!(before.totals, after.totals);
        assert_eq!(
            after.rows[3].parent, None,
            "a program is no sasaran's child"
        );
        assert_eq!(now.anggaran_saja().rows, doc.rows);

        // The PK printed from the document is the Kepala PD's: its sasaran strategis.
        let (plan_now, _) = e81::angkat(&now, "", Versi::Murni);
        let printed = proyeksi(
            &plan_now,
            &Tampilan {
                versi: Versi::Murni,
                pernyataan: None,
                tingkat_sasaran: TingkatSasaran::Strategis,
            },
        );
        let names: Vec<(&str, Option<KValue>)> = printed
            .kinerja
            .iter()
            .map(|k| (k.sasaran.as_str(), k.target.clone()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Tersedianya ASN yang memenuhi standar kompetensi", pct(85)),
                ("", pct(35)),
                ("Meningkatnya disiplin pegawai ASN", pct(100)),
            ]
        );

        // A later PK that changes one IKU target: that one difference, at the IKU's row.
        let mut later: Pk = pk.clone();
        later.kinerja[1].target = pct(40);
        let p = pratinjau(&now, &berkas_pk(&later));
        assert!(p.baru.is_empty(), "{:?}", p.baru);
        let listed: Vec<(usize, Cell, CellValue)> = p
            .beda
            .iter()
            .map(|b| (b.baris, b.kolom, b.berkas.clone()))
            .collect();
        assert_eq!(
            listed,
            vec![(
                1,
                Cell::TargetK,
                CellValue::K(KValue::Number(Decimal::from(40)))
            )]
        );

        // The Renstra's table names the same sasaran under its tujuan: the sasaran and its IKU
        // are the document's (by name, though the document has no tujuan), the tujuan is new,
        // and the Renstra's end target is the one value it adds to the IKU.
        let mut renstra = capaian_domain::model::Document {
            form: "Renstra".into(),
            ..capaian_domain::model::Document::default()
        };
        let mut tujuan = capaian_domain::model::Row::empty(Level::Tujuan);
        tujuan.name = "Meningkatnya profesionalitas ASN".into();
        let mut sasaran = capaian_domain::model::Row::empty(Level::Sasaran);
        sasaran.name = "Meningkatnya disiplin pegawai ASN".into();
        sasaran.indicator = "Persentase tingkat kedisiplinan ASN".into();
        sasaran.unit = Some("%".into());
        sasaran.target.k = pct(100);
        sasaran.renstra.k = pct(100);
        renstra.rows = vec![tujuan, sasaran];
        let p = pratinjau(&now, &renstra);
        assert_eq!(p.baru, vec![0], "the tujuan only");
        let listed: Vec<(usize, Cell)> = p.beda.iter().map(|b| (b.baris, b.kolom)).collect();
        assert_eq!(listed, vec![(2, Cell::RenstraK)]);
    }
}

/// A file that names its rows with their level's word and numbering (`Sub Kegiatan …`, as the
/// laporan triwulan prints them) and without kode matches the document's rows by name
/// (`nomenklatur::name_key`): nothing new, nothing different; another name is a new row.
#[test]
fn a_row_named_with_its_level_word_matches_without_a_kode() {
    use capaian_domain::gabung::pratinjau;
    use capaian_domain::model::Level;
    let doc = fixture_document("e81_101");
    let mut file = doc.clone();
    for row in &mut file.rows {
        if row.level != Level::Indikator {
            row.kode = None;
            row.kode_raw = None;
        }
    }
    let sub = file
        .rows
        .iter()
        .position(|r| r.level == Level::SubKegiatan)
        .expect("a sub kegiatan");
    file.rows[sub].name = format!("1.1.1. Sub Kegiatan {}", doc.rows[sub].name.to_uppercase());
    let p = pratinjau(&doc, &file);
    assert!(p.baru.is_empty(), "{:?}", p.baru);
    assert!(p.beda.is_empty(), "{:?}", p.beda);
    file.rows[sub].name = "Sub Kegiatan yang lain sama sekali".into();
    let p = pratinjau(&doc, &file);
    assert_eq!(p.baru, vec![sub]);
}

/// The unit is compared as a unit: another spelling of the same one (`Dok`, `dokumen`, `Dok.`
/// for `Dokumen`; `orang` for `Orang`) is nothing to take, another unit (`Laporan`) is.
#[test]
fn a_unit_spelled_otherwise_is_the_same_unit() {
    let mut doc = fixture_document("e81_101");
    set(
        &mut doc.rows[2],
        Cell::Unit,
        CellValue::Text("Dokumen".into()),
    )
    .unwrap();
    set(
        &mut doc.rows[3],
        Cell::Unit,
        CellValue::Text("Orang".into()),
    )
    .unwrap();
    // (the file's units of rows 2 and 3, the rows listed as differing)
    let table: [(&str, &str, Vec<usize>); 5] = [
        ("Dok", "orang", vec![]),
        ("dokumen", "Org", vec![]),
        ("Dok.", "ORANG", vec![]),
        ("Laporan", "Orang", vec![2]),
        ("Dokumen", "Paket", vec![3]),
    ];
    for (u2, u3, listed) in table {
        let file = changed(&doc, &[(2, Cell::Unit, u2), (3, Cell::Unit, u3)]);
        let p = pratinjau(&doc, &file);
        let rows: Vec<usize> = p
            .beda
            .iter()
            .filter(|b| b.kolom == Cell::Unit)
            .map(|b| b.baris)
            .collect();
        assert_eq!(rows, listed, "{u2} {u3}");
    }
}
