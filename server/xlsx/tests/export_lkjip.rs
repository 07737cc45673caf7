//! The LKjIP Bab III export from seed 000's tables (verbatim CSVs in
//! `tests/fixtures/seeds/000/`): Bab III A from Tabel 3.4 (this year and 2024), 3.6 (the Renstra
//! end target) and 3.10 (the IKU budgets), plus rows of every kind the formulas must handle (a
//! lower-is-better indicator, both mirror and ratio, a cap at 100, a grade, a target of 0); Bab
//! III B from Tabel 3.20 as the document it was printed from (sub kegiatan pagu and realisasi,
//! the parents derived); the LRA from Tabel 3.22's rekening rows.
//!
//! - the workbook reads back with one sheet per table, the texts and values of the model and a
//!   live formula in every derived cell, each caching Capaian's figure;
//! - LibreOffice recalculates every formula cell of every sheet to our value, as written and
//!   with the cached values stripped;
//! - printed to PDF by LibreOffice, every page of every sheet is landscape and one page wide:
//!   each page shows its sheet's first and last header columns.

use std::str::FromStr;

use calamine::Data;
use capaian_domain::anggaran::{self, Besaran, Jenjang, Lembar, LembarMasukan, Nilai};
use capaian_domain::e81::{compute, E81Settings};
use capaian_domain::indicator::default_semantics;
use capaian_domain::lkjip::{
    hitung_iku, lra, realisasi_anggaran, BabIIIA, BarisIku, HitungIku, Lra, RealisasiAnggaran,
};
use capaian_domain::model::{Document, Grade, KValue, Level, Polarity, Row};
use capaian_domain::num::{parse_cell, round_half_up, CellValue};
use capaian_domain::scale::Scale;
use capaian_xlsx::export::{export_lkjip, Lkjip, Paper, RenjaMeta, LEMBAR_LKJIP};
use rust_decimal::Decimal;

mod common;
use common::csv::parse_csv;
use common::libreoffice::{
    formula_cells_at, printed, recalculated_agree, sheet_count, sheet_range_at, value_at,
    zip_entries,
};

type Rec = std::collections::HashMap<String, String>;

fn csv(rel: &str) -> Vec<Rec> {
    let path = format!(
        "{}/../../tests/fixtures/seeds/000/{rel}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut rows = parse_csv(&text);
    let head = rows.remove(0);
    rows.into_iter()
        .map(|r| head.iter().cloned().zip(r).collect())
        .collect()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn kv(s: &str) -> Option<KValue> {
    parse_cell(s).0.value.k_dan_satuan().0
}

fn rp(s: &str) -> Option<Decimal> {
    match parse_cell(s).0.value {
        CellValue::Number { value, .. } => Some(value),
        _ => None,
    }
}

/// Bab III A (setelah perubahan): Tabel 3.4's rows with 3.6's Renstra targets and 3.10's
/// budgets (matched by indicator), then the synthetic rows.
fn bab_iii_a() -> BabIIIA {
    let t34 = csv("tabel_3_4_capaian_iku_vs_2024_setelah_perubahan.csv");
    let t36 = csv("tabel_3_6_capaian_iku_vs_renstra_setelah_perubahan.csv");
    let t310 = csv("tabel_3_10_efisiensi_iku_setelah_perubahan.csv");
    let mut sasaran = String::new();
    let mut baris = Vec::new();
    for (r, r6) in t34.iter().zip(&t36) {
        let ind = r["Indikator Kinerja Utama"].trim().to_string();
        assert_eq!(ind, r6["Indikator Kinerja Utama"].trim());
        if !r["Tujuan/Sasaran Strategis"].trim().is_empty() {
            sasaran = r["Tujuan/Sasaran Strategis"].trim().to_string();
        }
        let satuan = Some(r6["Satuan"].replace("<i>", "").replace("</i>", ""));
        let target = kv(&r["Target 2025 > Target"]);
        let realisasi = kv(&r["Target 2025 > Realisasi"]);
        let vals: Vec<&KValue> = [&target, &realisasi].into_iter().flatten().collect();
        let e = t310
            .iter()
            .find(|x| x["Indikator Kinerja Utama"].trim() == ind);
        let lalu = |h: &str| kv(&r[h]).map(|k| vec![(2024, k)]).unwrap_or_default();
        baris.push(BarisIku {
            sasaran: sasaran.clone(),
            indikator: ind,
            makna: default_semantics(satuan.as_deref(), &vals),
            satuan,
            target,
            realisasi,
            target_lalu: lalu("Target 2024 > Target"),
            realisasi_lalu: lalu("Target 2024 > Realisasi"),
            target_akhir_renstra: kv(&r6["Target 2025 > Target Akhir Renstra 2029"]),
            anggaran: e.and_then(|e| rp(&e["Pagu (Rp)"])),
            realisasi_anggaran: e.and_then(|e| rp(&e["Realisasi (Rp)"])),
        });
    }
    let n = |s: &str| Some(KValue::Number(d(s)));
    let mut lower = BarisIku {
        sasaran: "Menurunnya pelanggaran disiplin & <kasus>".into(),
        indikator: "Jumlah pelanggaran disiplin ASN".into(),
        satuan: Some("Kasus".into()),
        target: n("10"),
        realisasi: n("8"),
        target_lalu: vec![(2024, KValue::Number(d("12")))],
        realisasi_lalu: vec![(2024, KValue::Number(d("15")))],
        target_akhir_renstra: n("6"),
        anggaran: Some(d("120000000.50")),
        realisasi_anggaran: Some(d("99999999.25")),
        ..BarisIku::default()
    };
    lower.makna.polarity = Polarity::LowerIsBetterRatio;
    let mut mirror = lower.clone();
    mirror.indikator = "Persentase keterlambatan layanan".into();
    mirror.satuan = Some("%".into());
    mirror.makna.polarity = Polarity::LowerIsBetterMirror;
    mirror.realisasi = n("13.5");
    let mut cap = lower.clone();
    cap.indikator = "Persentase ASN mengikuti pelatihan (dibatasi 100%)".into();
    cap.makna.polarity = Polarity::HigherIsBetter;
    cap.makna.cap_100 = true;
    cap.target = n("80");
    cap.realisasi = n("96");
    cap.realisasi_lalu = vec![(2024, KValue::Number(d("96")))];
    let grade = BarisIku {
        sasaran: "Meningkatnya akuntabilitas kinerja".into(),
        indikator: "Nilai SAKIP".into(),
        target: Some(KValue::Grade {
            grade: Grade::A,
            score: None,
        }),
        realisasi: Some(KValue::Grade {
            grade: Grade::BB,
            score: Some(d("78.5")),
        }),
        ..BarisIku::default()
    };
    let nol = BarisIku {
        sasaran: "Meningkatnya akuntabilitas kinerja".into(),
        indikator: "Jumlah temuan berulang".into(),
        satuan: Some("Temuan".into()),
        target: n("0"),
        realisasi: n("0"),
        anggaran: Some(Decimal::ZERO),
        realisasi_anggaran: Some(Decimal::ZERO),
        ..BarisIku::default()
    };
    baris.extend([lower, mirror, cap, grade, nol]);
    BabIIIA { tahun: 2025, baris }
}

fn jenis(s: &str) -> Option<Level> {
    match s {
        "program" => Some(Level::Program),
        "kegiatan" => Some(Level::Kegiatan),
        "subkegiatan" => Some(Level::SubKegiatan),
        _ => None,
    }
}

/// Bab III B from Tabel 3.20 as the document it was printed from.
fn bab_iii_b() -> RealisasiAnggaran {
    let mut rows = Vec::new();
    for r in csv("tabel_3_20_annotated.csv") {
        let Some(level) = jenis(&r["jenis_baris"]) else {
            continue;
        };
        let mut row = Row::empty(level);
        row.name = r["Program/Kegiatan/Sub Kegiatan"].trim().to_string();
        if level == Level::SubKegiatan {
            row.target.rp = rp(&r["Pagu Anggaran (Rp.)"]);
            row.tw[3].rp = rp(&r["Realisasi Keuangan (Rp.)"]);
        }
        rows.push(row);
    }
    // A kegiatan whose pagu the document states differently from its sub kegiatan: written as
    // its value, not as a SUM.
    let i = rows
        .iter()
        .position(|r| r.name == "Mutasi dan Promosi ASN")
        .unwrap();
    rows[i].target.rp = Some(d("836699150"));
    let doc = Document {
        year: Some(2025),
        quarter: Some(4),
        rows,
        ..Document::default()
    };
    let (c, _) = compute(&doc, &E81Settings::default());
    realisasi_anggaran(&doc, &c).0
}

fn lra_3_22() -> Lra {
    let mut baris = Vec::new();
    for (i, r) in csv("tabel_3_22_lra_apbd_2025.csv").iter().enumerate() {
        let kode = r["Kode Rekening"].trim();
        if kode.is_empty() {
            continue;
        }
        let mut nilai = Nilai::default();
        if kode.split('.').count() == 3 {
            nilai.set(Besaran::Anggaran, rp(&r["ANGGARAN 2025"]));
            nilai.set(Besaran::Realisasi, rp(&r["REALISASI 2025"]));
            nilai.set(Besaran::RealisasiLalu, rp(&r["REALISASI 2024"]));
        }
        baris.push(anggaran::BarisMasukan {
            jenjang: Jenjang::Rekening,
            kode: Some(kode.to_string()),
            kode_berkas: Some(kode.to_string()),
            nama: r["URAIAN"].trim().to_string(),
            nilai,
            baris: i as u32 + 2,
            ..Default::default()
        });
    }
    let lembar = LembarMasukan {
        lembar: Lembar {
            nama: "LRA".into(),
            ..Lembar::default()
        },
        baris,
        jumlah: Vec::new(),
    };
    let (a, _) = anggaran::susun(vec![lembar], Some(2025));
    lra(&a, 3).0
}

fn meta() -> RenjaMeta {
    RenjaMeta {
        pd: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia".into(),
        kabupaten: "Kabupaten Kotabaru".into(),
        tahun: 2025,
        kepala_nama: String::new(),
        kepala_nip: String::new(),
        kepala_pangkat: None,
        tempat: "Kotabaru".into(),
        tanggal: None,
        paper: Paper::F4,
    }
}

struct Data3 {
    a: BabIIIA,
    h: Vec<HitungIku>,
    b: RealisasiAnggaran,
    l: Lra,
}

fn data() -> Data3 {
    let a = bab_iii_a();
    let (h, _) = hitung_iku(&a, &Scale::permendagri_86());
    Data3 {
        a,
        h,
        b: bab_iii_b(),
        l: lra_3_22(),
    }
}

fn exported(x: &Data3) -> Vec<u8> {
    export_lkjip(
        &Lkjip {
            iku: &x.a,
            hitung: &x.h,
            realisasi: &x.b,
            lra: Some(&x.l),
        },
        &meta(),
    )
    .expect("export")
}

fn close(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => round_half_up(a, 9) == round_half_up(b, 9),
        _ => false,
    }
}

fn text_at(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
    match range.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("({r},{c}) is {other:?}"),
    }
}

fn has_formula(f: &[(u32, u32, String)], r: u32, c: u32) -> Option<String> {
    f.iter()
        .find(|(fr, fc, _)| *fr == r && *fc == c)
        .map(|(_, _, s)| s.clone())
}

/// First data rows: title lines (0–3), a blank row, then 3 header rows (Bab III A tables with
/// two-row headings and numbering; the Renstra sheet: one heading row and numbering) or 2.
const R_DATA: [u32; 6] = [8, 8, 7, 8, 7, 7];

#[test]
fn the_export_reads_back_with_live_formulas_caching_our_figures() {
    let x = data();
    let bytes = exported(&x);
    assert_eq!(sheet_count(&bytes), 6);
    let names = zip_entries(&bytes)
        .into_iter()
        .find(|(n, _)| n == "xl/workbook.xml")
        .map(|(_, d)| String::from_utf8(d).unwrap())
        .unwrap();
    for n in LEMBAR_LKJIP {
        assert!(names.contains(&format!("name=\"{n}\"")), "{n}");
    }
    // Capaian IKU.
    let s = sheet_range_at(&bytes, 0);
    let f = formula_cells_at(&bytes, 0);
    assert_eq!(
        text_at(&s, 0, 0),
        "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2025"
    );
    assert_eq!(text_at(&s, 5, 4), "Tahun 2025");
    assert_eq!(text_at(&s, 6, 6), "Capaian Kinerja (%)");
    let r0 = R_DATA[0];
    for (i, (b, h)) in x.a.baris.iter().zip(&x.h).enumerate() {
        let r = r0 + i as u32;
        assert_eq!(text_at(&s, r, 2), b.indikator);
        let formula = has_formula(&f, r, 6);
        match (&b.target, &b.realisasi) {
            (Some(KValue::Grade { .. }), _) => {
                assert!(formula.is_none(), "a grade's capaian is a value");
                assert!(close(value_at(&s, r, 6), h.capaian), "row {i}");
            }
            _ => {
                assert!(formula.is_some(), "row {i}: capaian is a formula");
                assert!(close(value_at(&s, r, 6), h.capaian), "row {i}");
            }
        }
        assert_eq!(text_at(&s, r, 7), h.kategori.clone().unwrap_or_default());
    }
    assert_eq!(
        has_formula(&f, r0, 6).unwrap(),
        "IF(OR(F9=\"\",N(E9)=0),\"\",F9/E9*100)"
    );
    assert_eq!(round_half_up(value_at(&s, r0, 6).unwrap(), 2), d("110.40"));
    // Efisiensi: the formula of capaian ÷ penyerapan, named in the header.
    let s = sheet_range_at(&bytes, 3);
    let f = formula_cells_at(&bytes, 3);
    assert!(text_at(&s, 5, 9).contains("Capaian ÷ Penyerapan"));
    let r = R_DATA[3] + 1; // ditingkatkan kompetensinya
    assert_eq!(
        has_formula(&f, r, 9).unwrap(),
        "IF(OR(F10=\"\",I10=\"\"),\"\",IF(N(I10)=0,\"\",F10/I10*100))"
    );
    assert_eq!(round_half_up(value_at(&s, r, 8).unwrap(), 2), d("82.06"));
    assert_eq!(round_half_up(value_at(&s, r, 9).unwrap(), 2), d("135.19"));
    // Realisasi anggaran: parents are SUMs, but the kegiatan the document states differently.
    let s = sheet_range_at(&bytes, 4);
    let f = formula_cells_at(&bytes, 4);
    let r0 = R_DATA[4];
    for (i, b) in x.b.baris.iter().enumerate() {
        let r = r0 + i as u32;
        let sum = has_formula(&f, r, 2);
        if b.nama == "Mutasi dan Promosi ASN" {
            assert!(sum.is_none());
            assert_eq!(value_at(&s, r, 2), Some(d("836699150")));
        } else if b.anak.is_empty() {
            assert!(sum.is_none(), "{}", b.nama);
        } else {
            assert!(sum.unwrap().starts_with("SUM("), "{}", b.nama);
        }
        assert!(close(value_at(&s, r, 2), b.pagu), "{}", b.nama);
        assert!(close(value_at(&s, r, 3), b.realisasi), "{}", b.nama);
        assert!(close(value_at(&s, r, 4), b.persen), "{}", b.nama);
    }
    let rj = r0 + x.b.baris.len() as u32;
    assert_eq!(text_at(&s, rj, 1), "JUMLAH");
    assert_eq!(value_at(&s, rj, 2), x.b.jumlah.pagu);
    assert!(has_formula(&f, rj, 2).unwrap().starts_with("SUM("));
    // LRA: SURPLUS/DEFISIT is belanja negated.
    let s = sheet_range_at(&bytes, 5);
    let f = formula_cells_at(&bytes, 5);
    let rs = R_DATA[5] + x.l.baris.len() as u32 - 1;
    assert_eq!(text_at(&s, rs, 1), "SURPLUS/DEFISIT");
    assert_eq!(has_formula(&f, rs, 2).unwrap(), "-N(C8)");
    assert_eq!(value_at(&s, rs, 2), Some(d("-50503112419")));
    assert_eq!(round_half_up(value_at(&s, rs, 4).unwrap(), 2), d("75.77"));
    let total: usize = (0..6).map(|i| formula_cells_at(&bytes, i).len()).sum();
    assert!(total > 150, "{total} formula cells");
}

#[test]
fn a_computation_of_another_table_is_refused() {
    let x = data();
    let err = export_lkjip(
        &Lkjip {
            iku: &x.a,
            hitung: &x.h[1..],
            realisasi: &x.b,
            lra: None,
        },
        &meta(),
    )
    .expect_err("one computed row short");
    assert!(
        err.to_string().starts_with("hasil hitung tidak cocok"),
        "{err}"
    );
}

#[test]
fn libreoffice_recalculates_every_formula_to_our_values() {
    let x = data();
    let bytes = exported(&x);
    let n = recalculated_agree("lkjip_000", &bytes, |_, a, b| close(a, b));
    eprintln!("LKjIP seed 000: {n} formula cells agree with LibreOffice (as written and stripped)");
    assert!(n > 150, "{n}");
}

#[test]
fn every_sheet_prints_one_page_wide() {
    let x = data();
    let bytes = exported(&x);
    for (i, (name, data)) in zip_entries(&bytes)
        .into_iter()
        .filter(|(n, _)| n.starts_with("xl/worksheets/sheet"))
        .enumerate()
    {
        let xml = String::from_utf8(data).unwrap();
        assert!(xml.contains("orientation=\"landscape\""), "{name}");
        assert!(xml.contains("paperSize=\"14\""), "{name}: F4");
        assert!(xml.contains("fitToHeight=\"0\""), "{name}: one page wide");
        assert!(i < 6);
    }
    let p = printed(&bytes, "lkjip_000");
    assert!(p.size.0 > p.size.1, "landscape: {:?}", p.size);
    assert_eq!(p.texts.len(), p.pages);
    // Each sheet's first and last header columns, on every page of that sheet: the page is
    // the sheet's whole width.
    let kolom: [(&str, &str); 6] = [
        ("Sasaran", "Kategori"),
        ("Sasaran", "Penurunan"),
        ("Sasaran", "Renstra"),
        ("Sasaran", "Efisiensi"),
        ("Program/Kegiatan/Sub", "Capaian"),
        ("Kode", "2024"),
    ];
    let judul = [
        "CAPAIAN INDIKATOR KINERJA UTAMA TAHUN 2025",
        "PERBANDINGAN CAPAIAN",
        "TERHADAP TARGET AKHIR RENSTRA",
        "EFISIENSI INDIKATOR",
        "REALISASI ANGGARAN PER PROGRAM",
        "LAPORAN REALISASI ANGGARAN TAHUN",
    ];
    let mut sheet = 0usize;
    let mut seen = [0usize; 6];
    for (k, page) in p.texts.iter().enumerate() {
        if sheet + 1 < 6 && page.contains(judul[sheet + 1]) {
            sheet += 1;
        }
        let (first, last) = kolom[sheet];
        assert!(
            page.contains(first) && page.contains(last),
            "page {} (sheet {}): no '{first}' or '{last}'\n{page}",
            k + 1,
            LEMBAR_LKJIP[sheet]
        );
        assert!(page.contains("Halaman"), "page {}", k + 1);
        seen[sheet] += 1;
    }
    assert!(seen.iter().all(|&n| n >= 1), "{seen:?}");
    let all = p.texts.join("\n");
    assert!(all.contains("110,40") || all.contains("110.40"));
    assert!(all.contains("SURPLUS/DEFISIT"));
    assert!(
        all.contains("(50.503.112.419,00)") || all.contains("(50,503,112,419.00)"),
        "the LRA's negative in parentheses"
    );
    eprintln!(
        "LKjIP PDF: {} pages {seen:?}, F4 landscape, each sheet one page wide",
        p.pages
    );
}
