//! The plan: E.81 documents lift into it and print back unchanged; a file's fragment is
//! matched to the plan and compared value by value; accepted differences (and only those) are
//! applied, with the file as their source; murni and perubahan targets live side by side.

mod common;

use capaian_domain::model::{
    Document, Grade, KValue, KodeSource, Level, Narasi, Pair, Polarity, Row, Stated,
};
use capaian_domain::rencana::e81::{angkat, proyeksi, Tampilan};
use capaian_domain::rencana::{
    Isi, Kunci, Pemilik, Periode, Rencana, Sumber, Tingkat, Ukuran, Versi,
};
use common::{d, doc, fixture_document, row, FIXTURES};

fn pair(k: Option<&str>, rp: Option<&str>) -> Pair {
    Pair {
        k: k.map(|v| KValue::Number(d(v))),
        rp: rp.map(d),
    }
}

fn node(level: Level, kode: &str, name: &str, indicator: &str, target: Pair, tw: [Pair; 4]) -> Row {
    let mut r = row(level, Some(kode), Some("Dok"), target, tw);
    r.name = name.into();
    r.indicator = indicator.into();
    r
}

fn extra(indicator: &str, target: Pair) -> Row {
    let mut r = row(
        Level::Indikator,
        None,
        Some("%"),
        target,
        Default::default(),
    );
    r.indicator = indicator.into();
    r
}

/// As printed back with the file's own rows.
fn tampil(doc: &Document) -> Tampilan {
    Tampilan {
        versi: Versi::Murni,
        triwulan: doc.quarter,
        letak: Some(0),
    }
}

fn round_trip(doc: &Document) {
    let (plan, problems) = angkat(doc, "berkas.xlsx", Versi::Murni);
    assert!(problems.is_empty(), "{problems:?}");
    let back = proyeksi(&plan, tampil(doc));
    assert_eq!(back.rows.len(), doc.rows.len());
    for (i, (a, b)) in doc.rows.iter().zip(&back.rows).enumerate() {
        assert_eq!(a, b, "row {i}");
    }
    assert_eq!(&back, doc);
    // The plan itself survives JSON (what a store keeps).
    let json = serde_json::to_string(&plan).unwrap();
    let again: Rencana = serde_json::from_str(&json).unwrap();
    assert_eq!(again, plan);
}

/// The E.81 fixtures with expected JSON, by name.
fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(format!("{FIXTURES}/xlsx"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".expected.json").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    names
}

#[test]
fn every_e81_fixture_lifts_into_a_plan_and_prints_back_unchanged() {
    let names = fixture_names();
    for name in names {
        let mut doc = fixture_document(&name);
        doc.sheet = "E.81".into();
        for (i, r) in doc.rows.iter_mut().enumerate() {
            r.sheet_row = 10 + i as u32;
        }
        round_trip(&doc);
    }
}

/// Every kind of value a row can hold, on every kind of row.
fn full_document() -> Document {
    let mut program = node(
        Level::Program,
        "5.03.02",
        "PROGRAM KEPEGAWAIAN DAERAH",
        "Persentase ASN yang dikembangkan",
        pair(Some("80"), Some("1500000000")),
        [
            pair(Some("20"), Some("100000000.50")),
            pair(None, Some("0")),
            Pair::default(),
            Pair::default(),
        ],
    );
    program.renstra = pair(Some("90"), Some("7500000000"));
    program.prev = pair(Some("75"), Some("3000000000"));
    program.unit_pd = "Bidang Pengembangan".into();
    program.keterangan = "ditinjau".into();
    program.stated = Stated {
        c12: pair(Some("20"), Some("100000000.50")),
        c13: pair(None, Some("6.67")),
        ..Stated::default()
    };
    program.narasi[1] = Narasi {
        pendorong: "Dukungan pimpinan".into(),
        penghambat: "Anggaran terlambat".into(),
        tindak_lanjut: "Percepat".into(),
        keterangan: "TW II".into(),
    };
    let mut grade = extra(
        "Nilai SAKIP",
        Pair {
            k: Some(KValue::Grade {
                grade: Grade::BB,
                score: Some(d("72.5")),
            }),
            rp: None,
        },
    );
    grade.semantics.polarity = Polarity::LowerIsBetterRatio;
    grade.tw[1].k = Some(KValue::Text("menunggu hasil".into()));
    grade.unit_pd = "Subbag Perencanaan".into();
    // An extra indicator row that states Rp of its own keeps it.
    let with_rp = extra("Indeks Profesionalitas ASN", pair(Some("70"), Some("5")));
    let mut kegiatan = node(
        Level::Kegiatan,
        "5.03.02.2.01",
        "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
        "",
        pair(None, Some("900000000")),
        Default::default(),
    );
    kegiatan.kode_raw = Some("5.03.02.201".into());
    kegiatan.unit = None;
    let mut sub = node(
        Level::SubKegiatan,
        "5.03.02.2.01.06",
        "Koordinasi Pelaksanaan Administrasi Pemberhentian ASN",
        "Jumlah dokumen",
        pair(Some("12"), Some("900000000")),
        [
            pair(Some("3"), Some("200000000")),
            pair(Some("3"), Some("250000000")),
            pair(Some("3"), Some("200000000")),
            pair(Some("3"), Some("250000000")),
        ],
    );
    sub.kode_sumber = Some(KodeSource::Found);
    sub.kode_raw = None;
    let program2 = node(
        Level::Program,
        "5.03.01",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "",
        Pair::default(),
        Default::default(),
    );
    // A sub kegiatan right under a program (no kegiatan row in the file).
    let sub2 = node(
        Level::SubKegiatan,
        "5.03.01.2.02.01",
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Jumlah dokumen perencanaan",
        pair(Some("3"), Some("50000000")),
        Default::default(),
    );
    let rows = vec![program, grade, with_rp, kegiatan, sub, program2, sub2];
    let mut doc = doc(2, rows);
    doc.year = Some(2026);
    doc.pd = Some("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia".into());
    doc.region = Some("Kabupaten Contoh".into());
    doc.sheet = "TW II".into();
    for (i, r) in doc.rows.iter_mut().enumerate() {
        r.sheet_row = 12 + 2 * i as u32;
    }
    doc
}

#[test]
fn every_kind_of_value_prints_back_unchanged() {
    round_trip(&full_document());
}

#[test]
fn values_live_on_nodes_and_indicators_by_meaning() {
    let doc = full_document();
    let (plan, _) = angkat(&doc, "tw2.xlsx", Versi::Murni);
    assert_eq!(plan.simpul.len(), 5, "program, kegiatan, sub, program, sub");
    assert_eq!(plan.indikator.len(), 7);
    assert_eq!(
        plan.simpul.iter().map(|s| s.induk).collect::<Vec<_>>(),
        [None, Some(0), Some(1), None, Some(3)]
    );
    assert_eq!(plan.simpul[2].tingkat, Tingkat::SubKegiatan);
    // The program's three indicators; its pagu is the node's, its K targets the indicators'.
    assert_eq!(plan.indikator_per_simpul()[&0], [0, 1, 2]);
    let pagu = Kunci::new(Pemilik::Simpul(0), Ukuran::TargetRp, Periode::Tahun);
    assert_eq!(plan.nilai(&pagu), Some(&Isi::Rp(d("1500000000"))));
    let target = Kunci::new(Pemilik::Indikator(0), Ukuran::TargetK, Periode::Tahun);
    assert_eq!(plan.nilai(&target), Some(&Isi::K(KValue::Number(d("80")))));
    let tw2 = Kunci::new(
        Pemilik::Simpul(0),
        Ukuran::RealisasiRp,
        Periode::Triwulan(2),
    );
    assert_eq!(
        plan.nilai(&tw2),
        Some(&Isi::Rp(d("0"))),
        "a stated zero is a value"
    );
    let tw3 = Kunci::new(
        Pemilik::Simpul(0),
        Ukuran::RealisasiRp,
        Periode::Triwulan(3),
    );
    assert_eq!(plan.nilai(&tw3), None, "a blank is no value");
    let why = Kunci::new(
        Pemilik::Indikator(0),
        Ukuran::Penghambat,
        Periode::Triwulan(2),
    );
    assert_eq!(
        plan.nilai(&why),
        Some(&Isi::Text("Anggaran terlambat".into()))
    );
    // Every value names its file.
    assert!(plan.nilai.values().all(|n| n.sumber == Some(0)));
    assert_eq!(plan.sumber[0].berkas, "tw2.xlsx");
    assert_eq!(plan.sumber[0].triwulan, Some(2));
    assert_eq!(plan.sumber[0].baris.get(&4), Some(&20));
}

#[test]
fn indicator_rows_without_a_node_and_with_a_name_are_said() {
    let mut orphan = extra("Indeks kepuasan", pair(Some("80"), None));
    orphan.sheet_row = 9;
    let mut named = extra("Indeks kedua", pair(Some("1"), None));
    named.name = "Nama tertinggal".into();
    let d0 = doc(1, vec![orphan.clone()]);
    let (plan, problems) = angkat(&d0, "a.xlsx", Versi::Murni);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "indikator_tanpa_simpul");
    assert!(plan.simpul[0].tersirat);
    assert_eq!(
        proyeksi(&plan, tampil(&d0)),
        d0,
        "printed as it was: an indicator row"
    );

    let d1 = doc(1, vec![orphan, named]);
    let (plan, problems) = angkat(&d1, "a.xlsx", Versi::Murni);
    assert_eq!(
        problems.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(),
        ["indikator_tanpa_simpul", "nama_di_baris_indikator"]
    );
    assert_eq!(problems[1].at.row, Some(1));
    let back = proyeksi(&plan, tampil(&d1));
    assert_eq!(
        back.rows[1].name, "",
        "the stray name is not the indicator's"
    );
    assert_eq!(back.rows[1].indicator, "Indeks kedua");
}

/// The next quarter's file of the same agency: TW III filled in, one TW II correction, a new
/// sub kegiatan, a cell left empty.
fn next_quarter(doc: &Document) -> Document {
    let mut next = doc.clone();
    next.quarter = Some(3);
    next.sheet = "TW III".into();
    next.rows[4].tw[2] = pair(Some("4"), Some("210000000"));
    next.rows[4].tw[1].rp = Some(d("260000000"));
    next.rows[0].tw[0].rp = None;
    // What the file states for a computed column is the file's: never a difference.
    next.rows[0].stated.c12.rp = Some(d("1"));
    let mut new_sub = node(
        Level::SubKegiatan,
        "5.03.02.2.01.07",
        "Pengelolaan Mutasi ASN",
        "Jumlah SK mutasi",
        pair(Some("40"), Some("120000000")),
        Default::default(),
    );
    new_sub.sheet_row = 99;
    next.rows.insert(5, new_sub);
    next
}

#[test]
fn the_next_quarters_file_shows_exactly_what_it_changes_and_applies_only_what_is_accepted() {
    let tw2 = full_document();
    let tw3 = next_quarter(&tw2);
    let (mut plan, _) = angkat(&tw2, "E81 TW II.xlsx", Versi::Murni);
    let (fragment, problems) = angkat(&tw3, "E81 TW III.xlsx", Versi::Murni);
    assert!(problems.is_empty());
    let banding = plan.banding(&fragment);
    assert_eq!(banding.simpul_baru(), 1);
    assert_eq!(banding.simpul[3], None, "the new sub kegiatan");
    let sub = Pemilik::Simpul(2);
    let sub_ind = Pemilik::Indikator(4);
    let mut listed: Vec<(Kunci, Option<Isi>, Isi)> = banding
        .beda
        .iter()
        .map(|b| (b.kunci, b.rencana.clone(), b.berkas.clone()))
        .collect();
    listed.sort_by_key(|(k, _, _)| *k);
    let mut want = vec![
        (
            Kunci::new(sub, Ukuran::RealisasiRp, Periode::Triwulan(2)),
            Some(Isi::Rp(d("250000000"))),
            Isi::Rp(d("260000000")),
        ),
        (
            Kunci::new(sub, Ukuran::RealisasiRp, Periode::Triwulan(3)),
            Some(Isi::Rp(d("200000000"))),
            Isi::Rp(d("210000000")),
        ),
        (
            Kunci::new(sub_ind, Ukuran::RealisasiK, Periode::Triwulan(3)),
            Some(Isi::K(KValue::Number(d("3")))),
            Isi::K(KValue::Number(d("4"))),
        ),
    ];
    want.sort_by_key(|(k, _, _)| *k);
    assert_eq!(listed, want, "exactly the changed cells");
    assert_eq!(
        banding.kosong_di_berkas, 1,
        "the TW I Rp the file left empty"
    );

    // Accept the TW III realisation, refuse the TW II correction.
    let accept: Vec<usize> = banding
        .beda
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kunci.periode == Periode::Triwulan(3))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(accept.len(), 2);
    let source = Sumber {
        berkas: "E81 TW III.xlsx".into(),
        formulir: "E.81".into(),
        lembar: "TW III".into(),
        triwulan: Some(3),
        ..Sumber::default()
    };
    plan.terapkan(&fragment, &banding, &accept, source);
    assert_eq!(plan.sumber.len(), 2);
    let tw3_rp = Kunci::new(sub, Ukuran::RealisasiRp, Periode::Triwulan(3));
    assert_eq!(
        plan.nilai[&tw3_rp].sumber,
        Some(1),
        "names the file it came from"
    );
    let tw2_rp = Kunci::new(sub, Ukuran::RealisasiRp, Periode::Triwulan(2));
    assert_eq!(
        plan.nilai[&tw2_rp].isi,
        Isi::Rp(d("250000000")),
        "refused: kept"
    );
    assert_eq!(plan.nilai[&tw2_rp].sumber, Some(0));
    let tw1 = Kunci::new(
        Pemilik::Simpul(0),
        Ukuran::RealisasiRp,
        Periode::Triwulan(1),
    );
    assert_eq!(
        plan.nilai(&tw1),
        Some(&Isi::Rp(d("100000000.50"))),
        "not cleared"
    );

    // Printed as the TW III file: the file's rows (the new sub kegiatan where the file has it),
    // the accepted values, the refused correction as the plan had it.
    let printed = proyeksi(
        &plan,
        Tampilan {
            versi: Versi::Murni,
            triwulan: Some(3),
            letak: Some(1),
        },
    );
    let mut want = tw3.clone();
    want.rows[0].stated.c12.rp = Some(d("1"));
    want.rows[4].tw[1].rp = Some(d("250000000"));
    want.rows[0].tw[0].rp = Some(d("100000000.50"));
    assert_eq!(printed.rows, want.rows);
    assert_eq!(printed.sheet, "TW III");
    // The new node's values came from the file too.
    let new_pagu = Kunci::new(Pemilik::Simpul(5), Ukuran::TargetRp, Periode::Tahun);
    assert_eq!(plan.simpul[5].nama, "Pengelolaan Mutasi ASN");
    assert_eq!(plan.nilai[&new_pagu].sumber, Some(1));

    let stated = Kunci::new(Pemilik::Simpul(0), Ukuran::DinyatakanRp(12), Periode::Tahun);
    assert_eq!(
        plan.nilai[&stated].isi,
        Isi::Rp(d("1")),
        "the latest file's statement"
    );
    assert_eq!(plan.nilai[&stated].sumber, Some(1));

    // The same file again changes nothing.
    let again = plan.banding(&fragment);
    assert_eq!(again.simpul_baru(), 0);
    assert_eq!(
        again.beda.len(),
        1,
        "only the refused correction is still different"
    );
}

#[test]
fn rows_without_kode_match_by_their_path_of_names_and_a_differing_kode_never_matches() {
    let mut a = full_document();
    for r in &mut a.rows {
        r.kode = None;
        r.kode_raw = None;
        r.kode_sumber = None;
    }
    let (plan, _) = angkat(&a, "a.xlsx", Versi::Murni);
    let mut b = a.clone();
    b.rows[4].name = "  koordinasi  pelaksanaan administrasi PEMBERHENTIAN asn ".into();
    b.rows[4].tw[0].k = Some(KValue::Number(d("3.0")));
    let (fragment, _) = angkat(&b, "b.xlsx", Versi::Murni);
    let banding = plan.banding(&fragment);
    assert_eq!(banding.simpul_baru(), 0, "{:?}", banding.simpul);
    assert!(banding.beda.is_empty(), "3.0 is 3: {:?}", banding.beda);

    // The same name under another program is another node.
    let mut c = a.clone();
    c.rows.swap(5, 0);
    let (fragment, _) = angkat(&c, "c.xlsx", Versi::Murni);
    assert!(plan.banding(&fragment).simpul_baru() > 0);

    // Kode beats names; two kodes that differ never match, whatever the names say.
    let (plan, _) = angkat(&full_document(), "a.xlsx", Versi::Murni);
    let mut d2 = full_document();
    d2.rows[4].kode = Some("5.03.02.2.01.08".into());
    let (fragment, _) = angkat(&d2, "d.xlsx", Versi::Murni);
    let banding = plan.banding(&fragment);
    assert_eq!(banding.simpul[2], None);
    let mut e = full_document();
    e.rows[4].name = "Nama yang diganti".into();
    let (fragment, _) = angkat(&e, "e.xlsx", Versi::Murni);
    assert_eq!(plan.banding(&fragment).simpul[2], Some(2));
}

#[test]
fn a_new_node_lands_under_its_parent_after_its_existing_children() {
    let base = full_document();
    let (mut plan, _) = angkat(&base, "a.xlsx", Versi::Murni);
    let mut file = base.clone();
    let added = node(
        Level::SubKegiatan,
        "5.03.02.2.01.09",
        "Sub kegiatan baru",
        "Jumlah",
        pair(Some("1"), Some("10")),
        Default::default(),
    );
    // The file lists it first under its kegiatan, before the existing sub kegiatan.
    file.rows.insert(4, added);
    let (fragment, _) = angkat(&file, "b.xlsx", Versi::Murni);
    let banding = plan.banding(&fragment);
    plan.terapkan(&fragment, &banding, &[], Sumber::default());
    // Ids never move: the new node is the last one, under its kegiatan.
    assert_eq!(plan.simpul.len(), 6);
    assert_eq!(plan.simpul[5].nama, "Sub kegiatan baru");
    assert_eq!(plan.simpul[5].induk, Some(1));
    assert_eq!(plan.simpul[2].nama, base.rows[4].name);
    assert_eq!(plan.urutan(), [0, 1, 2, 5, 3, 4]);
    let printed = proyeksi(&plan, Tampilan::default());
    assert_eq!(printed.rows.len(), base.rows.len() + 1);
    assert_eq!(printed.rows[5].name, "Sub kegiatan baru");
    assert_eq!(printed.rows[5].target, pair(Some("1"), Some("10")));
    // Values keep their owners through the renumbering.
    assert_eq!(printed.rows[4].tw, base.rows[4].tw);
    assert_eq!(printed.rows[7].target, base.rows[6].target);
}

#[test]
fn murni_and_perubahan_targets_live_side_by_side() {
    let murni = full_document();
    let (mut plan, _) = angkat(&murni, "murni.xlsx", Versi::Murni);
    let mut changed = murni.clone();
    changed.rows[4].target = pair(Some("10"), Some("750000000"));
    let (fragment, _) = angkat(&changed, "perubahan.xlsx", Versi::Perubahan);
    let banding = plan.banding(&fragment);
    // Every target of the perubahan file is a value the plan does not have yet: the targets
    // it restates unchanged and the changed ones alike.
    let all: Vec<usize> = (0..banding.beda.len()).collect();
    assert!(banding
        .beda
        .iter()
        .all(|b| b.kunci.versi == Versi::Perubahan && b.rencana.is_none()));
    plan.terapkan(&fragment, &banding, &all, Sumber::default());
    let show = |versi| {
        proyeksi(
            &plan,
            Tampilan {
                versi,
                ..tampil(&murni)
            },
        )
    };
    assert_eq!(show(Versi::Murni), murni, "murni unchanged");
    assert_eq!(show(Versi::Perubahan).rows, changed.rows);
    // A perubahan that restates only some targets keeps the murni of the rest.
    let (mut plan, _) = angkat(&murni, "murni.xlsx", Versi::Murni);
    let mut only = doc(2, vec![changed.rows[3].clone(), changed.rows[4].clone()]);
    only.rows[0].target = Pair::default();
    // Its kegiatan's parent program is not in the file; match by kode alone.
    let (fragment, _) = angkat(&only, "p.xlsx", Versi::Perubahan);
    let banding = plan.banding(&fragment);
    let all: Vec<usize> = (0..banding.beda.len()).collect();
    plan.terapkan(&fragment, &banding, &all, Sumber::default());
    let p = proyeksi(
        &plan,
        Tampilan {
            versi: Versi::Perubahan,
            ..tampil(&murni)
        },
    );
    assert_eq!(p.rows[4].target, pair(Some("10"), Some("750000000")));
    assert_eq!(
        p.rows[0].target, murni.rows[0].target,
        "not restated: murni"
    );
}

#[test]
fn the_pagu_is_the_sum_of_the_program_nodes_pagu() {
    let doc = fixture_document("e81_101");
    let (plan, _) = angkat(&doc, "e81_101.xlsx", Versi::Murni);
    let pagu: rust_decimal::Decimal = plan
        .simpul
        .iter()
        .enumerate()
        .filter(|(_, s)| s.tingkat == Tingkat::Program)
        .filter_map(|(i, _)| {
            match plan.nilai(&Kunci::new(
                Pemilik::Simpul(i as u32),
                Ukuran::TargetRp,
                Periode::Tahun,
            )) {
                Some(Isi::Rp(v)) => Some(*v),
                _ => None,
            }
        })
        .sum();
    let want: rust_decimal::Decimal = doc
        .rows
        .iter()
        .filter(|r| r.level == Level::Program)
        .filter_map(|r| r.target.rp)
        .sum();
    assert_eq!(pagu, want);
    assert!(pagu > rust_decimal::Decimal::ZERO);
}

#[test]
fn an_edit_of_any_value_cell_changes_exactly_its_key_in_the_plan() {
    use capaian_domain::edit::{self, CellValue};
    use capaian_domain::rencana::e81::{kunci_sel, sel_nilai, Baris};
    let doc = full_document();
    let (plan, _) = angkat(&doc, "a.xlsx", Versi::Murni);
    let cells = sel_nilai();
    assert_eq!(
        cells.len(),
        6 + 6 * 4 + 2 + 6 + 2 * 4 + 12,
        "5, 6, 7 K/Rp; 4 quarters × 6; unit PD, keterangan; lokasi, sasaran, sumber dana, catatan, \
         n+1 K/Rp; kas and target × 4 quarters; realisasi × 12 months"
    );
    let mut tried = 0;
    for (i, row) in doc.rows.iter().enumerate() {
        for &cell in &cells {
            let new = match edit::get(row, cell) {
                CellValue::Rp(_) | CellValue::Empty if cell.kind() == edit::CellKind::Rp => {
                    CellValue::Rp(d("123456.78"))
                }
                _ if cell.kind() == edit::CellKind::K => CellValue::K(KValue::Number(d("41.5"))),
                _ => CellValue::Text("diubah".into()),
            };
            let mut changed = doc.clone();
            edit::set(&mut changed.rows[i], cell, new.clone()).unwrap();
            let (after, _) = angkat(&changed, "a.xlsx", Versi::Murni);
            let differ: Vec<&Kunci> = after
                .nilai
                .iter()
                .filter(|(k, v)| plan.nilai.get(k) != Some(v))
                .map(|(k, _)| k)
                .chain(plan.nilai.keys().filter(|k| !after.nilai.contains_key(k)))
                .collect();
            let baris = Baris {
                simpul: plan.indikator[i].simpul,
                indikator: i as u32,
                baris_simpul: row.level != Level::Indikator,
            };
            let want = kunci_sel(cell, baris, Versi::Murni).unwrap();
            assert_eq!(differ, [&want], "row {i} {cell:?}");
            assert_eq!(after.nilai(&want), Some(&new));
            tried += 1;
        }
    }
    assert_eq!(tried, doc.rows.len() * cells.len());
    // The indicator itself (text, unit, semantics) is no value.
    let any = Baris {
        simpul: 0,
        indikator: 0,
        baris_simpul: true,
    };
    for cell in [
        capaian_domain::edit::Cell::Indicator,
        capaian_domain::edit::Cell::Unit,
        capaian_domain::edit::Cell::Polaritas,
    ] {
        assert_eq!(kunci_sel(cell, any, Versi::Murni), None);
    }
}

#[test]
fn new_nodes_keep_their_parents_whatever_the_order_of_the_files_ids() {
    // A fragment whose program was added after its kegiatan (ids are not tree order).
    let mut fragment = Rencana::default();
    fragment.simpul.push(capaian_domain::rencana::Simpul {
        tingkat: Tingkat::Kegiatan,
        induk: Some(1),
        kode: Some("5.03.02.2.01".into()),
        kode_berkas: None,
        kode_sumber: None,
        nama: "Kegiatan".into(),
        tersirat: false,
    });
    fragment.simpul.push(capaian_domain::rencana::Simpul {
        tingkat: Tingkat::Program,
        induk: None,
        kode: Some("5.03.02".into()),
        kode_berkas: None,
        kode_sumber: None,
        nama: "Program".into(),
        tersirat: false,
    });
    assert_eq!(fragment.urutan(), [1, 0]);
    let mut plan = Rencana::default();
    // Not empty, so the general path runs.
    plan.simpul.push(capaian_domain::rencana::Simpul {
        tingkat: Tingkat::Program,
        induk: None,
        kode: Some("1.01.01".into()),
        kode_berkas: None,
        kode_sumber: None,
        nama: "Lain".into(),
        tersirat: false,
    });
    let banding = plan.banding(&fragment);
    assert_eq!(banding.simpul_baru(), 2);
    plan.terapkan(&fragment, &banding, &[], Sumber::default());
    let program = plan
        .simpul
        .iter()
        .position(|s| s.nama == "Program")
        .unwrap() as u32;
    let kegiatan = plan
        .simpul
        .iter()
        .position(|s| s.nama == "Kegiatan")
        .unwrap();
    assert_eq!(plan.simpul[kegiatan].induk, Some(program));
    assert_eq!(plan.urutan(), [0, program, kegiatan as u32]);
}

/// Puts each merged value in the row that has its number.
fn with_values(
    mut view: Document,
    nomor: &[usize],
    nilai: &[(usize, capaian_domain::edit::Cell, Isi)],
) -> Document {
    for (n, cell, value) in nilai {
        let at = nomor.iter().position(|x| x == n).expect("row of number");
        capaian_domain::edit::set(&mut view.rows[at], *cell, value.clone()).expect("set");
    }
    view
}

#[test]
fn rows_a_merged_file_adds_take_their_place_and_the_next_numbers() {
    use capaian_domain::rencana::e81::{baris_baru, rencana_dokumen, susun};
    let base = full_document();
    let n = base.rows.len();
    // Nothing added: the import as it is, row i numbered i.
    let (same, nomor) = susun(&base, &[]).expect("susun");
    assert_eq!(same, base);
    assert_eq!(nomor, (0..n).collect::<Vec<_>>());

    // A file with a new sub kegiatan, listed first under its kegiatan: it lands after the
    // kegiatan's existing children (where the plan adds children), with its values.
    let added = node(
        Level::SubKegiatan,
        "5.03.02.2.01.09",
        "Sub kegiatan baru",
        "Jumlah dokumen",
        pair(Some("4"), Some("25000000")),
        [
            pair(Some("1"), Some("5000000")),
            pair(None, None),
            pair(None, None),
            pair(None, None),
        ],
    );
    let mut file = base.clone();
    file.rows.insert(4, added.clone());
    let (lifted, _) = angkat(&file, "tw3.xlsx", Versi::Murni);
    let plan = rencana_dokumen(&base, &[]);
    let bb = baris_baru(&plan, &lifted);
    assert_eq!(bb.len(), 1);
    assert_eq!(bb.tambahan.simpul.len(), 1);
    assert_eq!(bb.tambahan.simpul[0].nama, "Sub kegiatan baru");
    // Every stated value of the new row, and nothing of the rows the plan has.
    assert!(bb.nilai.iter().all(|(nr, _, _)| *nr == n), "{:?}", bb.nilai);
    assert_eq!(bb.nilai.len(), 4, "{:?}", bb.nilai);

    let (view, nomor) = susun(&base, std::slice::from_ref(&bb.tambahan)).expect("susun");
    assert_eq!(view.rows.len(), n + 1);
    let at = nomor.iter().position(|&x| x == n).expect("new row");
    assert_eq!(at, 5);
    // The import's rows stay as imported, in their order, with their numbers.
    let kept: Vec<usize> = nomor.iter().copied().filter(|&x| x < n).collect();
    assert_eq!(kept, (0..n).collect::<Vec<_>>());
    for (i, &x) in nomor.iter().enumerate().filter(|(_, &x)| x < n) {
        assert_eq!(view.rows[i], base.rows[x], "row {i}");
    }
    // With the merged values it is the file's row, where the plan prints it.
    let filled = with_values(view, &nomor, &bb.nilai);
    let mut expected = added.clone();
    expected.sheet_row = 0;
    assert_eq!(filled.rows[at], expected);

    // A second file adds an indicator to an existing sub kegiatan: the next number, placed
    // after that node's indicators; the first addition keeps its number.
    let mut file2 = filled.clone();
    let sub = (0..file2.rows.len())
        .find(|&i| file2.rows[i].level == Level::SubKegiatan && i != at)
        .expect("a sub kegiatan");
    let mut end = sub + 1;
    while file2
        .rows
        .get(end)
        .is_some_and(|r| r.level == Level::Indikator)
    {
        end += 1;
    }
    file2
        .rows
        .insert(end, extra("Indikator tambahan", pair(Some("7"), None)));
    let (lifted2, _) = angkat(&file2, "tw4.xlsx", Versi::Murni);
    let plan2 = rencana_dokumen(&base, std::slice::from_ref(&bb.tambahan));
    let bb2 = baris_baru(&plan2, &lifted2);
    assert_eq!(bb2.len(), 1);
    assert!(bb2.tambahan.simpul.is_empty());
    assert_eq!(
        bb2.nilai,
        vec![(
            n + 1,
            capaian_domain::edit::Cell::TargetK,
            Isi::K(KValue::Number(d("7")))
        )]
    );
    let (view2, nomor2) = susun(&base, &[bb.tambahan, bb2.tambahan]).expect("susun");
    assert_eq!(nomor2.iter().position(|&x| x == n + 1), Some(end));
    assert_eq!(
        nomor2.iter().position(|&x| x == n),
        Some(at + usize::from(end <= at))
    );
    assert_eq!(view2.rows[end].indicator, "Indikator tambahan");
    assert_eq!(view2.rows[end].level, Level::Indikator);
}

/// A document printed as the Perjanjian Kinerja of a kepala bidang (issue 14): the E.81 has no
/// sasaran, so each program's indicators are the lampiran kinerja (the program named on its
/// first), with the target of column 7 K and the rencana aksi's TW targets; every program,
/// kegiatan and sub kegiatan is a lampiran anggaran row with column 7 Rp; and `pk::hitung`'s
/// Σ is the sum of the sub kegiatan's pagu — the document's pagu (Σ program Rp) where the
/// programs agree with their rows; big_900's program 1.03.02 states 12 275 391 660 over rows
/// of 3 932 787 000, which the PK, summing its rows, flags (`jumlah_induk`).
#[test]
fn a_document_prints_as_the_pk_of_its_programs() {
    use capaian_domain::pk::{hitung, TingkatSasaran};
    use capaian_domain::rencana::pk;
    let names = fixture_names();
    for name in &names {
        let mut doc = fixture_document(name);
        // A rencana aksi on the first program's first indicator.
        let p = doc
            .rows
            .iter()
            .position(|r| r.level == Level::Program)
            .expect("a program");
        doc.rows[p].rencana.triwulan[1].k = Some(KValue::Number(d("7")));
        let (plan, _) = angkat(&doc, "berkas.xlsx", Versi::Murni);
        let pk = pk::proyeksi(
            &plan,
            &pk::Tampilan {
                versi: Versi::Murni,
                pernyataan: None,
                tingkat_sasaran: TingkatSasaran::Program,
            },
        );
        // The programs' rows and the extra indicator rows right under them.
        let mut expected = Vec::new();
        let mut in_program = false;
        for r in &doc.rows {
            match r.level {
                Level::Program => {
                    in_program = true;
                    expected.push((r.name.clone(), r.indicator.clone(), r.target.k.clone()));
                }
                Level::Indikator if in_program => {
                    expected.push((String::new(), r.indicator.clone(), r.target.k.clone()))
                }
                _ => in_program = false,
            }
        }
        let got: Vec<_> = pk
            .kinerja
            .iter()
            .map(|b| (b.sasaran.clone(), b.indikator.clone(), b.target.clone()))
            .collect();
        assert_eq!(got, expected, "{name}");
        assert_eq!(
            pk.kinerja[0].target_tw[1],
            Some(KValue::Number(d("7"))),
            "{name}"
        );
        let nodes = doc
            .rows
            .iter()
            .filter(|r| r.level != Level::Indikator)
            .count();
        assert_eq!(pk.anggaran.len(), nodes, "{name}");
        let sum = |level: Level| -> rust_decimal::Decimal {
            doc.rows
                .iter()
                .filter(|r| r.level == level)
                .filter_map(|r| r.target.rp)
                .sum()
        };
        let (h, problems) = hitung(&pk);
        assert_eq!(h.jumlah, Some(sum(Level::SubKegiatan)), "{name}");
        let induk: Vec<_> = problems
            .iter()
            .filter(|p| p.code == "jumlah_induk")
            .collect();
        if sum(Level::Program) == sum(Level::SubKegiatan) {
            assert!(induk.is_empty(), "{name}: {induk:?}");
        } else {
            assert_eq!(name, "big_900");
            assert_eq!(induk.len(), 1, "{induk:?}");
            assert!(induk[0].message.contains("12.275.391.660"), "{induk:?}");
        }
    }
}
