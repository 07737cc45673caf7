//! Formulir E.81 column 2 (Sasaran) read as what each node's budget serves, and each IKU's
//! budget from it, on seed 000 rebuilt (`tests/fixtures/seeds/000/xlsx/e81_000_2025_tw4.xlsx`,
//! written by `examples/gen_seed_fixtures.rs`: Tabel 3.20's budget tree, column 2 as Tabel
//! 3.11 attributes its sub kegiatan, each text in one cell merged down its node's rows), held
//! to Tabel 3.11's own printed sasaran × IKU amounts.

#[path = "common/csv.rs"]
mod csv;

use capaian_domain::e81::{compute, E81Settings};
use capaian_domain::indicator::default_semantics;
use capaian_domain::lkjip::iku_dokumen;
use capaian_domain::model::{Document, Level, Row};
use capaian_xlsx::{read_workbook, Limits};
use rust_decimal::Decimal;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/seeds/000"
);

fn read(name: &str) -> Document {
    let bytes = std::fs::read(format!("{DIR}/xlsx/{name}")).expect("fixture");
    read_workbook(&bytes, &Limits::default())
        .expect("read")
        .document
}

/// The nodes whose own column 2 says something: (level, name, text).
fn stated(doc: &Document) -> Vec<(Level, String, String)> {
    doc.rows
        .iter()
        .filter(|r| !r.rencana.sasaran.is_empty())
        .map(|r| (r.level, r.name.clone(), r.rencana.sasaran.clone()))
        .collect()
}

/// The signed PK 2025's sasaran and IKU (`lampiran_pk_2025_kinerja.csv`) as the plan's
/// performance tree, after the budget tree.
fn with_pk(mut doc: Document) -> Document {
    let text = std::fs::read_to_string(format!("{DIR}/lampiran_pk_2025_kinerja.csv")).expect("pk");
    for r in csv::parse_csv(&text).iter().skip(1) {
        let (sasaran, iku) = (r[1].trim(), r[2].trim());
        let mut row = Row::empty(if sasaran.is_empty() {
            Level::Indikator
        } else {
            Level::Sasaran
        });
        row.name = sasaran.to_string();
        row.indicator = iku.to_string();
        row.unit = Some("%".into());
        row.semantics = default_semantics(Some("%"), &[]);
        doc.rows.push(row);
    }
    doc
}

/// Tabel 3.11's sasaran × IKU rows as printed: (IKU, anggaran, realisasi).
fn tabel_3_11() -> Vec<(String, Decimal, Decimal)> {
    let text = std::fs::read_to_string(format!("{DIR}/tabel_3_11_annotated.csv")).expect("3.11");
    let rows = csv::parse_csv(&text);
    let rp = |s: &str| s.replace(',', "").parse::<Decimal>().expect("amount");
    let mut out = Vec::new();
    let mut budget = None;
    for r in rows.iter().skip(1) {
        match r[10].as_str() {
            "sasaran" => budget = Some((rp(&r[2]), rp(&r[3]))),
            "indikator_sasaran" => {
                let (a, b) = budget.take().expect("sasaran above its IKU");
                out.push((r[1].trim().to_string(), a, b));
            }
            _ => {}
        }
    }
    out
}

#[test]
fn column_2_is_read_once_per_node_from_its_merged_cell() {
    for name in ["e81_000_2025_tw4.xlsx", "e81_000_2025_tw4_libreoffice.xls"] {
        let doc = read(name);
        let got = stated(&doc);
        let s = |level: Level, name: &str, text: &str| (level, name.to_string(), text.to_string());
        const KOMPETENSI: &str = "Persentase ASN yang memenuhi Standar kompetensi";
        const DITEMPATKAN: &str = "Persentase ASN yang ditempatkan sesuai dengan kompetensi";
        const DISIPLIN: &str = "Persentase Tingkat Kedisiplinan ASN";
        // The penunjang program and the SDM program each serve one sasaran or IKU whole: one
        // cell on the program's row (its kegiatan and sub kegiatan under it say nothing of
        // their own). The kepegawaian program is split: its kegiatan or sub kegiatan say.
        assert_eq!(
            got,
            vec![
                s(
                    Level::Program,
                    "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
                    "Meningkatnya kualitas pelayanan administrasi kepegawaian"
                ),
                s(Level::SubKegiatan, "Perumusan Bahan Kebijakan Pengadaan ASN", KOMPETENSI),
                s(
                    Level::SubKegiatan,
                    "Penyusunan Rencana Kebutuhan, Jenis dan Jumlah Jabatan untuk Pelaksanaan Pengadaan ASN",
                    KOMPETENSI
                ),
                s(Level::SubKegiatan, "Koordinasi dan Fasilitasi Pengadaan PNS dan PPPK", KOMPETENSI),
                s(Level::SubKegiatan, "Koordinasi Pelaksanaan Administrasi Pemberhentian", DITEMPATKAN),
                s(Level::SubKegiatan, "Pengelolaan Sistem Informasi Kepegawaian", DISIPLIN),
                s(Level::SubKegiatan, "Pengelolaan Data Kepegawaian", DISIPLIN),
                s(Level::Kegiatan, "Mutasi dan Promosi ASN", DITEMPATKAN),
                s(Level::SubKegiatan, "Pengelolaan Pendidikan Lanjutan ASN", KOMPETENSI),
                s(
                    Level::SubKegiatan,
                    "Fasilitasi Pengembangan Karir dalam Jabatan Fungsional",
                    DITEMPATKAN
                ),
                s(Level::Kegiatan, "Penilaian dan Evaluasi Kinerja Aparatur", DISIPLIN),
                s(Level::Program, "PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA", KOMPETENSI),
            ],
            "{name}"
        );
    }
}

/// Each IKU's budget from column 2 is Tabel 3.11's sasaran × IKU amount — all four pagu and
/// realisasi —, except by exactly the one typo of Tabel 3.20 that lies inside a node serving
/// an IKU: kegiatan Mutasi dan Promosi's own pagu 836.699.150 for the 838.699.150 of its sub
/// kegiatan (ANALYSIS Appendix A 6; the plan takes a node's own pagu, and flags the
/// difference). Sub kegiatan 35's realisasi typo (Appendix A 5) lies under the penunjang
/// program, whose own printed realisasi is the true sum and is what counts.
#[test]
fn each_iku_budget_is_tabel_3_11s_but_for_the_typos() {
    for name in ["e81_000_2025_tw4.xlsx", "e81_000_2025_tw4_libreoffice.xls"] {
        let doc = with_pk(read(name));
        let (computed, _) = compute(&doc, &E81Settings::default());
        let (t, problems) = iku_dokumen(2025, &doc, &computed, &[]);
        assert_eq!(
            problems,
            vec![],
            "{name}: every column 2 text is the plan's"
        );
        let tabel = tabel_3_11();
        assert_eq!(tabel.len(), 4);
        for (iku, anggaran, realisasi) in tabel {
            let key = capaian_domain::teks::kunci(&iku);
            let b = t
                .baris
                .iter()
                .find(|b| capaian_domain::teks::kunci(&b.indikator) == key)
                .unwrap_or_else(|| panic!("{iku}"));
            let salah = if iku.starts_with("Persentase ASN yang ditempatkan") {
                Decimal::from(-2_000_000)
            } else {
                Decimal::ZERO
            };
            assert_eq!(b.anggaran, Some(anggaran + salah), "{name}: {iku}");
            assert_eq!(b.realisasi_anggaran, Some(realisasi), "{name}: {iku}");
        }
    }
}

/// The agency's own E.81 filled after a person moved the SDM program to another IKU in the
/// grid: its column 2 cell says the new text (the merged cell's first row), and the workbook
/// reads back with exactly that change: every other node's sasaran as before.
#[test]
fn a_changed_sasaran_is_written_into_the_agencys_template() {
    use capaian_xlsx::fill::fill_template;
    let template = std::fs::read(format!("{DIR}/xlsx/e81_000_2025_tw4.xlsx")).expect("fixture");
    let mut doc = read_workbook(&template, &Limits::default())
        .expect("read")
        .document;
    let before = stated(&doc);
    let sdm = doc
        .rows
        .iter()
        .position(|r| r.name == "PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA")
        .expect("the SDM program");
    const DISIPLIN: &str = "Persentase Tingkat Kedisiplinan ASN";
    doc.rows[sdm].rencana.sasaran = DISIPLIN.into();
    let (filled, problems) =
        fill_template(&template, &doc, &E81Settings::default(), &Limits::default()).expect("fill");
    assert!(
        problems
            .iter()
            .all(|p| p.at.field != Some(capaian_domain::model::Field::Sasaran)),
        "{problems:?}"
    );
    let back = read_workbook(&filled, &Limits::default())
        .expect("read back")
        .document;
    let want: Vec<(Level, String, String)> = before
        .into_iter()
        .map(|(l, n, t)| {
            if n == "PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA" {
                (l, n, DISIPLIN.to_string())
            } else {
                (l, n, t)
            }
        })
        .collect();
    assert_eq!(stated(&back), want);
}

/// A small E.81 (title, a three-row header, a program with one kegiatan and one sub kegiatan
/// on sheet rows 8–10), its column 2 written by `sasaran` (the sheet, 0-based), read.
fn e81_kecil(sasaran: impl Fn(&mut rust_xlsxwriter::Worksheet)) -> Document {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("E.81").expect("sheet");
    ws.write_string(0, 0, "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH")
        .expect("title");
    ws.write_string(1, 0, "PERIODE PELAKSANAAN: TRIWULAN IV TAHUN 2025")
        .expect("title");
    let head = [
        "No",
        "Sasaran",
        "Kode",
        "Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja Program (outcome)/Kegiatan (output)",
    ];
    for (c, t) in head.iter().enumerate() {
        ws.merge_range(3, c as u16, 5, c as u16, t, &Default::default())
            .expect("head");
    }
    let groups = [
        "Target Renstra PD pada Tahun Akhir Periode Renstra",
        "Realisasi Capaian Kinerja Renstra PD sampai dengan Renja PD Tahun Lalu",
        "Target Kinerja dan Anggaran Renja PD Tahun Berjalan yang Dievaluasi",
    ];
    for (i, t) in groups.iter().enumerate() {
        let c = 5 + 2 * i as u16;
        ws.merge_range(3, c, 4, c + 1, t, &Default::default())
            .expect("group");
    }
    ws.merge_range(
        3,
        11,
        3,
        18,
        "Realisasi Kinerja Pada Triwulan",
        &Default::default(),
    )
    .expect("tw");
    for (q, t) in ["I", "II", "III", "IV"].iter().enumerate() {
        let c = 11 + 2 * q as u16;
        ws.merge_range(4, c, 4, c + 1, t, &Default::default())
            .expect("tw");
    }
    for c in 5..19u16 {
        ws.write_string(5, c, if c % 2 == 1 { "K" } else { "Rp" })
            .expect("sub");
    }
    let rows = [
        (7u32, "5.03.02", "PROGRAM KEPEGAWAIAN DAERAH", 300.0),
        (
            8,
            "5.03.02.2.04",
            "Penilaian dan Evaluasi Kinerja Aparatur",
            300.0,
        ),
        (9, "5.03.02.2.04.0010", "Evaluasi Disiplin ASN", 300.0),
    ];
    for (r, kode, nama, pagu) in rows {
        ws.write_string(r, 2, kode).expect("kode");
        ws.write_string(r, 3, nama).expect("nama");
        ws.write_string(r, 4, "Persentase ASN disiplin")
            .expect("ind");
        ws.write_number(r, 10, pagu).expect("pagu");
    }
    sasaran(ws);
    let bytes = wb.save_to_buffer().expect("save");
    read_workbook(&bytes, &Limits::default())
        .expect("read")
        .document
}

/// A sasaran written on a row of its own above its programs, its cell merged down over them
/// (a layout agencies use): the programs under the merge serve it, and the sasaran's own row
/// becomes no budget row.
#[test]
fn a_sasaran_on_its_own_row_merged_over_its_programs() {
    let doc = e81_kecil(|ws| {
        ws.merge_range(6, 1, 9, 1, "Meningkatnya disiplin ASN", &Default::default())
            .expect("sasaran");
    });
    let levels: Vec<(Level, &str)> = doc
        .rows
        .iter()
        .map(|r| (r.level, r.name.as_str()))
        .collect();
    assert_eq!(
        levels,
        vec![
            (Level::Program, "PROGRAM KEPEGAWAIAN DAERAH"),
            (Level::Kegiatan, "Penilaian dan Evaluasi Kinerja Aparatur"),
            (Level::SubKegiatan, "Evaluasi Disiplin ASN"),
        ]
    );
    assert_eq!(
        stated(&doc),
        vec![(
            Level::Program,
            "PROGRAM KEPEGAWAIAN DAERAH".to_string(),
            "Meningkatnya disiplin ASN".to_string()
        )]
    );
}

/// A sasaran written again on every row of its program (block-filled, no merge): the plan
/// keeps it once, on the program, its kegiatan and sub kegiatan serving the program's.
#[test]
fn a_sasaran_repeated_on_every_row_is_kept_once() {
    let doc = e81_kecil(|ws| {
        for r in 7..10 {
            ws.write_string(r, 1, "Meningkatnya disiplin ASN")
                .expect("sasaran");
        }
    });
    assert_eq!(
        stated(&doc),
        vec![(
            Level::Program,
            "PROGRAM KEPEGAWAIAN DAERAH".to_string(),
            "Meningkatnya disiplin ASN".to_string()
        )]
    );
    assert_eq!(doc.rows.len(), 3);
}
