//! Filling an agency's own Perjanjian Kinerja (`capaian_xlsx::fill::fill_pk`): the plan's
//! targets and anggaran go into the cells that hold them — a target as the template writes it
//! (`12 Dok`), a TW target in its column, money at its column's scale (`Rp. 000`) —, a stated
//! parent amount, the Jumlah and the total in words (under the table and in the statement's
//! sentence) follow the new sum, and nothing else of the workbook changes. The templates:
//! `pk_varian_ribuan` as rust_xlsxwriter wrote it and as LibreOffice re-saved it (shared
//! strings), `pk_varian_satu_lembar` (a Jumlah typed as a number, its terbilang with
//! `Milyar`), and every PK fixture filled with its own values.

use std::io::Cursor;
use std::path::Path;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx};
use capaian_domain::edit::CellValue;
use capaian_domain::model::KValue;
use capaian_domain::pk::{hitung, Pk};
use capaian_domain::rencana::pk::{angkat, angkat_letak, kunci_sel, SelPk};
use capaian_domain::rencana::{Pemilik, Rencana, Simpul, Tingkat, Versi};
use capaian_domain::terbilang::{check_terbilang, terbilang_rupiah};
use capaian_xlsx::fill::fill_pk;
use capaian_xlsx::{read_pk, Limits};
use rust_decimal::Decimal;

mod common;
use common::libreoffice::{recalculated_agree, soffice_convert, tmp_dir, zip_entries};

const RIBUAN: [&str; 2] = ["pk_varian_ribuan", "pk_varian_ribuan_libreoffice"];

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/pk")
        .join(format!("{name}.xlsx"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn read(bytes: &[u8]) -> Pk {
    read_pk(bytes, &Limits::default()).expect("a PK").pk
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

fn k(v: u32) -> Option<KValue> {
    Some(KValue::Number(Decimal::from(v)))
}

/// A sheet's cell (0-based).
fn cell(bytes: &[u8], sheet: &str, r: u32, c: u32) -> Data {
    let mut x: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("xlsx");
    let range = x.worksheet_range(sheet).expect("sheet");
    range.get_value((r, c)).cloned().unwrap_or(Data::Empty)
}

/// The zip entries whose bytes differ.
fn changed_parts(a: &[u8], b: &[u8]) -> Vec<String> {
    let (old, new) = (zip_entries(a), zip_entries(b));
    assert_eq!(
        old.iter().map(|e| &e.0).collect::<Vec<_>>(),
        new.iter().map(|e| &e.0).collect::<Vec<_>>(),
        "the same parts in the same order"
    );
    old.iter()
        .zip(&new)
        .filter(|(x, y)| x.1 != y.1)
        .map(|(x, _)| x.0.clone())
        .collect()
}

/// Only `sheets` changed, and `xl/workbook.xml` where it did not yet ask for recalculation
/// on open (rust_xlsxwriter's does; LibreOffice's does not).
fn only_changed(template: &[u8], filled: &[u8], sheets: &[&str]) {
    let mut changed = changed_parts(template, filled);
    changed.sort();
    let workbook = zip_entries(filled)
        .into_iter()
        .find(|e| e.0 == "xl/workbook.xml")
        .map(|e| String::from_utf8_lossy(&e.1).into_owned())
        .unwrap_or_default();
    assert!(workbook.contains("fullCalcOnLoad=\"1\""), "{workbook}");
    changed.retain(|p| p != "xl/workbook.xml");
    assert_eq!(changed, sheets);
}

/// The ribuan template's plan with the first indicator's target 10 → 12 Dok and its TW IV
/// 5 → 7 Dok, and the third sub kegiatan's anggaran 153.121.000 → 160.000.000 with a
/// keterangan where the template has none.
fn changed_plan(pk: &Pk) -> Rencana {
    let (mut plan, letak) = angkat_letak(pk, "");
    let ind = Pemilik::Indikator(letak.kinerja[0].expect("an indicator"));
    plan.tetapkan(
        kunci_sel(SelPk::Target(Versi::Murni), ind),
        Some(CellValue::K(KValue::Number(Decimal::from(12)))),
        None,
    );
    plan.tetapkan(
        kunci_sel(SelPk::TargetTw(4), ind),
        Some(CellValue::K(KValue::Number(Decimal::from(7)))),
        None,
    );
    let sub = Pemilik::Simpul(letak.anggaran[3]);
    plan.tetapkan(
        kunci_sel(SelPk::Anggaran(Versi::Murni), sub),
        Some(CellValue::Rp(dec("160000000"))),
        None,
    );
    plan.tetapkan(
        kunci_sel(SelPk::Keterangan, sub),
        Some(CellValue::Text("Pergeseran".into())),
        None,
    );
    plan
}

/// Exactly the changed values read back; the kegiatan's SUM, the Jumlah and the terbilang say
/// the new total; the target keeps its unit as text; only the three sheets (and the
/// workbook's recalculation flag) changed.
fn a_changed_target_and_anggaran_are_written(name: &str) {
    let template = fixture(name);
    let reading = read_pk(&template, &Limits::default()).expect("a PK");
    let warnings: Vec<_> = reading
        .problems
        .iter()
        .filter(|p| p.severity != capaian_domain::model::Severity::Info)
        .collect();
    assert!(warnings.is_empty(), "{name}: {warnings:#?}");
    let before = reading.pk;
    // What the fixture holds: `10 Dok` and its TW targets, thousands, the live sums, the
    // terbilang under the table.
    assert_eq!(before.kinerja[0].target, k(10));
    assert_eq!(before.kinerja[0].satuan.as_deref(), Some("Dok"));
    assert_eq!(before.kinerja[0].target_tw, [k(3), k(1), k(1), k(5)]);
    assert_eq!(before.anggaran[3].anggaran, Some(dec("153121000")));
    assert_eq!(before.anggaran[0].anggaran, Some(dec("256240000")));
    assert_eq!(
        before.jumlah.as_ref().map(|j| j.nilai),
        Some(dec("256240000"))
    );
    assert_eq!(
        before.terbilang.as_ref().and_then(|t| t.sel.as_deref()),
        Some("A9")
    );
    let plan = changed_plan(&before);
    let (filled, problems) = fill_pk(&template, &plan, &Limits::default()).expect("fill");
    assert!(problems.is_empty(), "{name}: {problems:#?}");
    let reading = read_pk(&filled, &Limits::default()).expect("the filled PK reads");
    let total = dec("263119000");
    let mut want = before.clone();
    want.kinerja[0].target = k(12);
    want.kinerja[0].target_tw[3] = k(7);
    want.anggaran[3].anggaran = Some(dec("160000000"));
    want.anggaran[3].keterangan = "Pergeseran".into();
    want.anggaran[0].anggaran = Some(total);
    if let Some(j) = want.jumlah.as_mut() {
        j.nilai = total;
    }
    if let Some(t) = want.terbilang.as_mut() {
        t.teks = terbilang_rupiah(total);
    }
    assert_eq!(reading.pk, want, "{name}");
    let (h, _) = hitung(&reading.pk);
    assert_eq!(h.jumlah, Some(total), "{name}");
    assert!(
        reading.problems.iter().all(|p| !matches!(
            p.code.as_str(),
            "jumlah_berkas" | "jumlah_induk" | "terbilang_salah" | "target_triwulan"
        )),
        "{name}: {:#?}",
        reading.problems
    );
    // As the template writes them: the target as text with its unit, money in thousands.
    assert_eq!(
        cell(&filled, "Lampiran Kinerja", 3, 3),
        Data::String("12 Dok".into())
    );
    assert_eq!(
        cell(&filled, "Lampiran Kinerja", 3, 7),
        Data::String("7 Dok".into())
    );
    assert_eq!(
        cell(&filled, "Lampiran Anggaran", 6, 3),
        Data::Float(160_000.0)
    );
    // The statement's sentence: the figure and the words.
    let sentence = format!(
        "Untuk mencapai target kinerja tersebut, pihak pertama mengelola anggaran sebesar \
         Rp. 263.119.000,- ({}).",
        terbilang_rupiah(total)
    );
    let mut x: Xlsx<_> = Xlsx::new(Cursor::new(filled.clone())).expect("xlsx");
    let statement = x.worksheet_range("Pernyataan").expect("statement");
    assert!(
        statement
            .used_cells()
            .any(|(_, _, v)| *v == Data::String(sentence.clone())),
        "{name}: the statement says the new total"
    );
    assert!(check_terbilang(&reading.pk.terbilang.expect("terbilang").teks, total, true).is_none());
    // Every other part byte for byte.
    only_changed(
        &template,
        &filled,
        &[
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
            "xl/worksheets/sheet3.xml",
        ],
    );
    // The plan's own kegiatan amount is not written: the template sums its rows. Said
    // otherwise than that sum, it is a warning.
    let (_, problems) = fill_pk(&filled, &plan, &Limits::default()).expect("refill");
    assert_eq!(
        problems.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(),
        ["anggaran_induk_dijumlah"]
    );
    assert_eq!(problems[0].at.cell.as_deref(), Some("D4"));
    // Filling the filled workbook (its written cells now inline strings) with the plan as it
    // rolls up changes nothing.
    let mut plan = plan;
    let (_, letak) = angkat_letak(&before, "");
    plan.tetapkan(
        kunci_sel(
            SelPk::Anggaran(Versi::Murni),
            Pemilik::Simpul(letak.anggaran[0]),
        ),
        Some(CellValue::Rp(total)),
        None,
    );
    let (again, problems) = fill_pk(&filled, &plan, &Limits::default()).expect("refill");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(again == filled, "{name}: nothing left to write");
}

#[test]
fn a_pk_written_by_rust_xlsxwriter_takes_a_changed_target_and_anggaran() {
    a_changed_target_and_anggaran_are_written(RIBUAN[0]);
}

#[test]
fn a_pk_saved_by_libreoffice_takes_a_changed_target_and_anggaran() {
    a_changed_target_and_anggaran_are_written(RIBUAN[1]);
}

/// Every PK fixture filled with its own values: the very same file, and nothing to say.
#[test]
fn a_plan_without_changes_gives_the_template_back() {
    for name in [
        "pk_000_2025",
        "pk_000_2025_libreoffice",
        "pk_000_perubahan_2025",
        "pk_004_tabel_2_4_1",
        "pk_varian_satu_lembar",
        "pk_varian_tersembunyi",
        RIBUAN[0],
        RIBUAN[1],
    ] {
        let template = fixture(name);
        let pk = read(&template);
        let (filled, problems) =
            fill_pk(&template, &angkat(&pk, "x.xlsx"), &Limits::default()).expect("fill");
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        assert_eq!(read(&filled), pk, "{name}");
        assert!(filled == template, "{name}: the template's own bytes");
    }
}

/// Two sub kegiatan and an indicator the template does not print: one warning naming them,
/// nothing written.
#[test]
fn rows_the_template_lacks_are_one_warning() {
    let template = fixture(RIBUAN[0]);
    let pk = read(&template);
    let (mut plan, letak) = angkat_letak(&pk, "");
    let kegiatan = letak.anggaran[0];
    for (kode, nama) in [
        (
            "5.03.01.2.01.0003",
            "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD",
        ),
        ("5.03.01.2.01.0004", "Koordinasi dan Penyusunan DPA-SKPD"),
    ] {
        plan.simpul.push(Simpul {
            tingkat: Tingkat::SubKegiatan,
            induk: Some(kegiatan),
            kode: Some(kode.into()),
            kode_berkas: Some(kode.into()),
            kode_sumber: None,
            nama: nama.into(),
            tersirat: false,
        });
        let id = (plan.simpul.len() - 1) as u32;
        plan.tetapkan(
            kunci_sel(SelPk::Anggaran(Versi::Murni), Pemilik::Simpul(id)),
            Some(CellValue::Rp(dec("5000000"))),
            None,
        );
    }
    let mut extra = plan.indikator[0].clone();
    extra.teks = "Jumlah dokumen DPA-SKPD".into();
    plan.indikator.push(extra);
    let (filled, problems) = fill_pk(&template, &plan, &Limits::default()).expect("fill");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!(p.code, "baris_tidak_di_template");
    assert_eq!(p.at.sheet.as_deref(), Some("Lampiran Anggaran"));
    for name in [
        "Perubahan RKA-SKPD",
        "Penyusunan DPA-SKPD",
        "Jumlah dokumen DPA-SKPD",
    ] {
        assert!(p.message.contains(name), "{}", p.message);
    }
    assert!(p.message.starts_with("3 baris rencana"), "{}", p.message);
    assert!(filled == template, "nothing written");
}

/// A Jumlah typed as a number (and wrong in the template: it is the printed total of seed 000,
/// not the rows' sum): once an anggaran changes it becomes the new Σ, and the terbilang under
/// the table says it, spelled `Milyar` as the template spells it.
#[test]
fn a_number_jumlah_and_its_terbilang_follow_the_new_sum() {
    let template = fixture("pk_varian_satu_lembar");
    let before = read(&template);
    let (mut plan, letak) = angkat_letak(&before, "");
    plan.tetapkan(
        kunci_sel(
            SelPk::Anggaran(Versi::Murni),
            Pemilik::Simpul(letak.anggaran[1]),
        ),
        Some(CellValue::Rp(dec("6229770144"))),
        None,
    );
    let (filled, problems) = fill_pk(&template, &plan, &Limits::default()).expect("fill");
    assert!(problems.is_empty(), "{problems:#?}");
    let after = read_pk(&filled, &Limits::default()).expect("reads");
    let total = dec("54669071524");
    let mut want = before.clone();
    want.anggaran[1].anggaran = Some(dec("6229770144"));
    if let Some(j) = want.jumlah.as_mut() {
        j.nilai = total;
    }
    let words = terbilang_rupiah(total).replace("Miliar", "Milyar");
    if let Some(t) = want.terbilang.as_mut() {
        t.teks = words.clone();
    }
    assert_eq!(after.pk, want);
    assert_eq!(
        cell(&filled, "Tabel 2.5", 14, 3),
        Data::Float(54_669_071_524.0)
    );
    assert_eq!(
        cell(&filled, "Tabel 2.5", 15, 2),
        Data::String(format!("Terbilang: {words}"))
    );
    // The template's two complaints (ANALYSIS.md 000 item 2) are gone.
    assert!(
        after
            .problems
            .iter()
            .all(|p| p.code != "jumlah_berkas" && p.code != "terbilang_salah"),
        "{:#?}",
        after.problems
    );
    only_changed(&template, &filled, &["xl/worksheets/sheet1.xml"]);
}

/// An E.81's plan keeps its indicators under its programs, kegiatan and sub kegiatan, not
/// under the PK's sasaran: an indicator is then matched by its text, and its target written.
#[test]
fn an_indicator_outside_any_sasaran_is_matched_by_its_text() {
    let template = fixture(RIBUAN[0]);
    let pk = read(&template);
    let mut plan = changed_plan(&pk);
    let (_, letak) = angkat_letak(&pk, "");
    let sub = letak.anggaran[1];
    for (i, ind) in plan.indikator.iter_mut().enumerate() {
        ind.simpul = letak.anggaran[1 + i.min(2)];
    }
    // No sasaran: the E.81's plan has none (an unnamed one is not a row of the template's).
    for node in plan.simpul.iter_mut() {
        if node.tingkat == Tingkat::Sasaran {
            node.nama.clear();
            node.tersirat = true;
        }
    }
    assert_eq!(plan.indikator[0].simpul, sub);
    let (filled, problems) = fill_pk(&template, &plan, &Limits::default()).expect("fill");
    assert!(problems.is_empty(), "{problems:#?}");
    let after = read(&filled);
    assert_eq!(after.kinerja[0].target, k(12));
    assert_eq!(after.kinerja[0].target_tw[3], k(7));
    assert_eq!(after.kinerja[1..], pk.kinerja[1..]);
}

/// LibreOffice opens the filled workbook, recalculates every formula and agrees with what the
/// fill cached: the kegiatan's SUM and the Jumlah are the sum of the sub kegiatan.
#[test]
fn libreoffice_recalculates_the_filled_sums_to_the_new_total() {
    for name in RIBUAN {
        let template = fixture(name);
        let plan = changed_plan(&read(&template));
        let (filled, _) = fill_pk(&template, &plan, &Limits::default()).expect("fill");
        let n = recalculated_agree(&format!("fill-{name}"), &filled, |_, a, b| a == b);
        assert_eq!(n, 2, "{name}: the kegiatan's SUM and the Jumlah");
        // And read back after LibreOffice saved it: the Jumlah is the rows' sum.
        let dir = tmp_dir(&format!("fill-pk-{name}"));
        let input = dir.join(format!("{name}.xlsx"));
        std::fs::write(&input, &filled).expect("write");
        let out = dir.join("out");
        std::fs::create_dir_all(&out).expect("dir");
        soffice_convert(&input, "xlsx", &out, &dir.join("profile"));
        let office = std::fs::read(out.join(format!("{name}.xlsx"))).expect("converted");
        let pk = read(&office);
        let rows: Decimal = pk.anggaran[1..].iter().filter_map(|b| b.anggaran).sum();
        assert_eq!(rows, dec("263119000"), "{name}");
        assert_eq!(pk.anggaran[0].anggaran, Some(rows), "{name}: the SUM");
        assert_eq!(pk.jumlah.map(|j| j.nilai), Some(rows), "{name}: the Jumlah");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
