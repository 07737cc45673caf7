//! Writes seeds 000 and 004 rebuilt as the workbooks their agencies keep (issue 16's proof:
//! the Rekonsiliasi of each seed's year), from the seeds' own tables. The seeds print local
//! numbering or none; the workbooks carry the national nomenclature's code of each name (as
//! the agency's own files carry them), found by the name within its parent's code — exactly,
//! else the closest name of that parent when it is close (score ≥ 75) and no other comes within
//! 5 points (the generator prints each such choice) —, and none otherwise.
//!
//! Seed 000 (LKjIP 2025, BKPSDM Kabupaten Kotabaru), into `tests/fixtures/seeds/000/xlsx/`
//! from `tests/fixtures/seeds/000/`:
//!
//! - `e81_000_2025_tw4.xlsx`: the year-end Formulir E.81 (Triwulan IV 2025) of its budget tree,
//!   Tabel 3.20's rows in its order with every figure as printed — pagu (column 7 Rp), the
//!   year's realisasi keuangan (put in TW IV Rp and column 12 Rp: the seed prints no quarter)
//!   and its `Capaian (%)` (column 13 Rp), typos and all (ANALYSIS.md Appendix A 4–7) —, each
//!   node's indicators from Tabel 3.12 (setelah perubahan) with their target (column 7 K) and
//!   realisasi (TW IV K and column 12 K) and the printed capaian (column 13 K). The codes are
//!   the national nomenclature's for the names (bidang 5.03 Kepegawaian and 5.04 Pendidikan dan Pelatihan;
//!   programs 5.03.01, 5.03.02 and 5.04.02), as the agency's own E.81 carries them; a name the nomenclature does
//!   not know keeps no code (the generator says which). Column 2 (Sasaran) says what each
//!   node's budget serves, as Tabel 3.11 attributes its sub kegiatan (`sasaran_3_11`): one cell
//!   merged down the rows of the highest node whose sub kegiatan all serve the same sasaran
//!   or IKU (`sasaran_e81`).
//! - `pk_000_tabel_2_5.xlsx`: Tabel 2.5 (PK 2025 sebelum perubahan, as the LKjIP prints it) as
//!   a Perjanjian Kinerja workbook: its lampiran kinerja (targets `35 Persen` and `85 Persen`
//!   swapped against the signed PK, Appendix A 3) and its lampiran anggaran (programs after
//!   the change under the total before it, Appendix A 2).
//! - `lkjip_000_bab3a.xlsx`: the LKjIP's Bab III A tables as an agency keeps them in a
//!   workbook, captions above, headers of two merged rows (of one where the seed's has no
//!   groups: Tabel 3.9/3.10), in three writings of a figure:
//!   - sheet `Bab III A`: Tabel 3.1 and 3.2 one below the other, every figure as text
//!     (`110,04`, pasted from the Word document);
//!   - sheets `3.3` and `3.4`: one table each, figures as numbers;
//!   - sheet `Renstra`: Tabel 3.5 and 3.6, figures as text;
//!   - sheet `Efisiensi`: Tabel 3.9 and 3.10, amounts as numbers, penyerapan and efisiensi as
//!     percent-formatted numbers (`0.8253` shown `82,53%`);
//!   - sheet `3.11`: Tabel 3.11 (sasaran, program, kegiatan, sub kegiatan and their
//!     indicators under `Uraian`, 249 rows), as text;
//!   - sheet `Per IKU`: the ten per-IKU analysis tables (captioned, as the seed does, with
//!     reused numbers 3.8, 3.10, 3.13), as text.
//!
//! Seed 004 (LKjIP s.d. TW II 2024, BKPSDM Kabupaten Luwu Timur), into
//! `tests/fixtures/seeds/004/xlsx/` from the verbatim tables of `tests/fixtures/laporan/` and
//! `tests/fixtures/rencana_aksi/`:
//!
//! - `laporan_004_sd_tw2.xlsx`: Tabel 3.2.2, 3.2.5 and 3.2.8 (the laporan capaian kinerja dan
//!   keuangan s.d. TW II of the three programs) as the one table the LKjIP cut per program:
//!   Tabel 3.2.2's header row (its `Realisasi Kinerja TW II`, which is what the three tables
//!   hold, Appendix §10 14), a Kode column before the names, every other cell as printed
//!   (`62,17 %`, `10 Dok`, `-`).
//! - `rencana_aksi_004.xlsx`: Tabel 2.5, 2.6 and 2.7 (the quarter targets of Bab II) likewise.
//! - `lkjip_004_sd_tw2.xlsx`: Tabel 3.1.3 (capaian IKU s.d. TW II: a one-row header, no
//!   sasaran column, figures as `99,95%` text), and on a second sheet Tabel 3.2.1, 3.2.4 and
//!   3.2.7 (each sasaran strategis by its own figures, per quarter: `sasaran_004`), from
//!   `tests/fixtures/seeds/004/`.
//!
//! ```text
//! CARGO_TARGET_DIR=… cargo run -p capaian-xlsx --example gen_seed_fixtures
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[path = "../tests/common/csv.rs"]
mod csv;
use csv::parse_csv;

use capaian_domain::model::Level;
use capaian_domain::nomenklatur::{name_key, JenisPemda, Lookup, Scope};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn seeds() -> PathBuf {
    fixtures().join("seeds/000")
}

fn read_csv(name: &str) -> Result<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(seeds().join(name))?;
    Ok(parse_csv(&text))
}

/// The codes of a table's rows, in order: each program's as `program` says, each kegiatan and
/// sub kegiatan the nomenclature's for its name within its parent ([`kode_of`]).
struct Kodes {
    program: String,
    kegiatan: String,
    unknown: Vec<String>,
    close: Vec<String>,
}

impl Kodes {
    fn new() -> Kodes {
        Kodes {
            program: String::new(),
            kegiatan: String::new(),
            unknown: Vec::new(),
            close: Vec::new(),
        }
    }

    /// The code of a row at `level` named `nama`; a program's is `program`'s.
    fn of(&mut self, level: Level, nama: &str, program: impl Fn(&str) -> String) -> Option<String> {
        let nomenklatur = capaian_xlsx::nomenklatur::shipped();
        let parent = match level {
            Level::Program => {
                self.program = program(nama);
                self.kegiatan.clear();
                return Some(self.program.clone());
            }
            Level::Kegiatan => self.program.clone(),
            _ => self.kegiatan.clone(),
        };
        let kode = match nomenklatur.find(nama, level, &scope(&parent)) {
            Lookup::Unique(h) => Some(h.kode),
            // A name the agency wrote a little otherwise (`Barang Cetak` for `Barang
            // Cetakan`): the closest node of its parent, when one is close.
            // Only when no other node of the parent comes within 5 points: a person would be
            // asked otherwise (`Dokumen DPA-SKPD` is as close to `Dokumen RKA-SKPD`).
            _ => {
                let found = nomenklatur.suggest(nama, level, &scope(&parent), 2);
                let runner_up = found.get(1).map_or(0, |c| c.score);
                found
                    .into_iter()
                    .next()
                    .filter(|c| {
                        c.score >= 75 && c.score >= runner_up + 5 && c.kode.starts_with(&parent)
                    })
                    .map(|c| {
                        self.close
                            .push(format!("'{nama}' → {} '{}' ({})", c.kode, c.name, c.score));
                        c.kode
                    })
            }
        };
        match &kode {
            Some(k) if level == Level::Kegiatan => self.kegiatan = k.clone(),
            Some(_) => {}
            None => self.unknown.push(format!("{level:?} '{nama}'")),
        }
        kode
    }

    fn report(&self) {
        for u in &self.unknown {
            println!("  tanpa kode (tidak ada di nomenklatur): {u}");
        }
        for c in &self.close {
            println!("  nama mirip: {c}");
        }
    }
}

/// The program codes of a BKPSDM: penunjang 5.03.01, kepegawaian daerah 5.03.02, pengembangan
/// sumber daya manusia 5.04.02.
fn program_bkpsdm(nama: &str) -> String {
    let n = nama.to_lowercase();
    if n.contains("penunjang") {
        "5.03.01"
    } else if n.contains("kepegawaian") {
        "5.03.02"
    } else {
        "5.04.02"
    }
    .to_string()
}

/// `33.258.965.175` (Tabel 3.20) → 33258965175; `-` or empty → None.
fn rupiah_id(s: &str) -> Option<f64> {
    let t = s.trim().replace('.', "").replace(',', ".");
    t.parse().ok()
}

/// `14,212,901,700`, `38.83`, `110.94%` (Tabel 3.12, written the English way) → number.
fn angka_en(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('%').replace(',', "");
    t.parse().ok()
}

/// One indicator of a node, as Tabel 3.12 prints it.
#[derive(Clone, Debug)]
struct Indikator {
    teks: String,
    target: Option<f64>,
    realisasi: Option<f64>,
    capaian: Option<f64>,
}

/// A row's level as the seeds' annotations write it (`subkegiatan` in seed 000's,
/// `sub_kegiatan` in seed 004's).
fn level_of(jenis: &str) -> Option<Level> {
    match jenis {
        "program" => Some(Level::Program),
        "kegiatan" => Some(Level::Kegiatan),
        "subkegiatan" | "sub_kegiatan" => Some(Level::SubKegiatan),
        _ => None,
    }
}

/// Tabel 3.12's indicators by (program, level, node), each name by [`name_key`]; a node that
/// appears under several sasaran gathers its indicators from each, once each.
fn indikator_3_12() -> Result<HashMap<(String, Level, String), Vec<Indikator>>> {
    let rows = read_csv("tabel_3_12_annotated.csv")?;
    let mut out: HashMap<(String, Level, String), Vec<Indikator>> = HashMap::new();
    let mut program = String::new();
    let mut node: Option<(String, Level, String)> = None;
    for r in rows.iter().skip(1) {
        let get = |i: usize| r.get(i).map(String::as_str).unwrap_or_default();
        let jenis = get(10);
        if let Some(level) = level_of(jenis) {
            if level == Level::Program {
                program = name_key(get(1));
            }
            node = Some((program.clone(), level, name_key(get(1))));
            continue;
        }
        if !jenis.starts_with("indikator_") || jenis == "indikator_sasaran" {
            continue;
        }
        let Some(key) = node.clone() else { continue };
        let list = out.entry(key).or_default();
        if list.iter().any(|i| i.teks == get(1)) {
            continue;
        }
        list.push(Indikator {
            teks: get(1).to_string(),
            target: angka_en(get(5)),
            realisasi: angka_en(get(6)),
            capaian: angka_en(get(7)),
        });
    }
    Ok(out)
}

fn merge(ws: &mut Worksheet, range: (u32, u16, u32, u16), text: &str) -> Result<()> {
    let fmt = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_bold();
    let (r1, c1, r2, c2) = range;
    if (r1, c1) == (r2, c2) {
        ws.write_string_with_format(r1, c1, text, &fmt)?;
    } else {
        ws.merge_range(r1, c1, r2, c2, text, &fmt)?;
    }
    Ok(())
}

fn num(ws: &mut Worksheet, r: u32, c: u16, v: Option<f64>) -> std::result::Result<(), XlsxError> {
    if let Some(v) = v {
        ws.write_number(r, c, v)?;
    }
    Ok(())
}

/// Columns (0-based) of the E.81 written here: the form's, column 2 (Sasaran) after No.
const C_NO: u16 = 0;
const C_SASARAN: u16 = 1;
const C_KODE: u16 = 2;
const C_NAMA: u16 = 3;
const C_INDIKATOR: u16 = 4;
const C_TARGET_K: u16 = 9;
const C_TARGET_RP: u16 = 10;
const C_TW4_K: u16 = 17;
const C_TW4_RP: u16 = 18;
const C_12_K: u16 = 19;
const C_12_RP: u16 = 20;
const C_13_K: u16 = 21;
const C_13_RP: u16 = 22;

/// What each sub kegiatan of Tabel 3.20 (`subs`: its name and pagu, in order) serves in
/// Tabel 3.11, whose top level is sasaran × IKU (ANALYSIS §2.6): the text its E.81 column 2
/// says — the sasaran's name where Tabel 3.11 gives the sasaran one IKU and the signed PK
/// spells it the same, else the IKU's (3.11 splits a sasaran's budget per IKU). A sub kegiatan
/// is found in 3.11 by its name (case, spacing and punctuation ignored), else as the one not
/// yet found with its pagu (a name spelt otherwise, and the sub kegiatan whose budget 3.11
/// prints on its output row: Appendix A 30). None where neither finds it.
fn sasaran_3_11(subs: &[(String, Option<f64>)]) -> Result<Vec<Option<String>>> {
    let rows = read_csv("tabel_3_11_annotated.csv")?;
    let pk: Vec<String> = read_csv("lampiran_pk_2025_kinerja.csv")?
        .iter()
        .skip(1)
        .filter_map(|r| r.get(1).map(|t| name_key(t)))
        .collect();
    // Each budget row of 3.11 below the sasaran level: (name, pagu, sasaran, IKU).
    let mut cands: Vec<(String, Option<f64>, String, String)> = Vec::new();
    let (mut sasaran, mut iku) = (String::new(), String::new());
    let mut per_sasaran: HashMap<String, usize> = HashMap::new();
    for r in rows.iter().skip(1) {
        let get = |i: usize| r.get(i).map(String::as_str).unwrap_or_default();
        let jenis = get(10);
        if jenis == "sasaran" {
            sasaran = get(1).trim().to_string();
            *per_sasaran.entry(name_key(&sasaran)).or_default() += 1;
        } else if jenis == "indikator_sasaran" {
            iku = get(1).trim().to_string();
        } else if jenis == "subkegiatan" || jenis.starts_with("keluaran_subkegiatan (memuat") {
            cands.push((
                name_key(get(1)),
                angka_en(get(2)),
                sasaran.clone(),
                iku.clone(),
            ));
        }
    }
    let mut used = vec![false; cands.len()];
    let mut out = Vec::new();
    for (nama, pagu) in subs {
        let key = name_key(nama);
        let by_name = (0..cands.len()).find(|&i| !used[i] && cands[i].0 == key);
        let by_pagu =
            || (0..cands.len()).find(|&i| !used[i] && pagu.is_some() && cands[i].1 == *pagu);
        let Some(i) = by_name.or_else(by_pagu) else {
            println!("  tanpa sasaran di Tabel 3.11: '{nama}'");
            out.push(None);
            continue;
        };
        used[i] = true;
        if cands[i].0 != key {
            println!("  Tabel 3.11 menurut pagu: '{nama}' → '{}'", cands[i].0);
        }
        let (_, _, s, k) = &cands[i];
        let satu = per_sasaran.get(&name_key(s)) == Some(&1) && pk.contains(&name_key(s));
        out.push(Some(if satu { s.clone() } else { k.clone() }));
    }
    Ok(out)
}

/// Within the node of code `parent`, in a kabupaten's nomenclature.
fn scope(parent: &str) -> Scope<'_> {
    Scope {
        jenis: Some(JenisPemda::Kabkot),
        parent: Some(parent),
    }
}

fn e81(dir: &Path) -> Result<()> {
    let indikator = indikator_3_12()?;
    let rows = read_csv("tabel_3_20_annotated.csv")?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("E.81")?;
    ws.write_string(
        0,
        0,
        "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN KOTABARU",
    )?;
    ws.write_string(
        1,
        0,
        "RENJA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
    )?;
    ws.write_string(2, 0, "PERIODE PELAKSANAAN: TRIWULAN IV TAHUN 2025")?;
    for (range, text) in [
        ((4, 0, 6, 0), "No"),
        ((4, 1, 6, 1), "Kode"),
        ((4, 2, 6, 2), "Program/Kegiatan/Sub Kegiatan"),
        (
            (4, 3, 6, 3),
            "Indikator Kinerja Program (outcome)/Kegiatan (output)",
        ),
        (
            (4, 4, 5, 5),
            "Target Renstra PD pada Tahun 2029 (Akhir Periode Renstra PD)",
        ),
        (
            (4, 6, 5, 7),
            "Realisasi Capaian Kinerja Renstra PD sampai dengan Renja PD Tahun Lalu (2024)",
        ),
        (
            (4, 8, 5, 9),
            "Target Kinerja dan Anggaran Renja PD Tahun Berjalan (2025) yang Dievaluasi",
        ),
        ((4, 10, 4, 17), "Realisasi Kinerja Pada Triwulan"),
        ((5, 10, 5, 11), "I"),
        ((5, 12, 5, 13), "II"),
        ((5, 14, 5, 15), "III"),
        ((5, 16, 5, 17), "IV"),
        (
            (4, 18, 5, 19),
            "Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi",
        ),
        (
            (4, 20, 5, 21),
            "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD yang Dievaluasi (%)",
        ),
        (
            (4, 22, 5, 23),
            "Realisasi Kinerja dan Anggaran Renstra PD s/d Tahun 2025",
        ),
        (
            (4, 24, 5, 25),
            "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s/d Tahun 2025 (%)",
        ),
        ((4, 26, 6, 26), "Unit PD Penanggung Jawab"),
        ((4, 27, 6, 27), "Keterangan"),
    ] {
        // Column 2 (Sasaran) after No: the later columns one to the right.
        let (r1, c1, r2, c2) = range;
        let geser = |c: u16| if c >= 1 { c + 1 } else { c };
        merge(ws, (r1, geser(c1), r2, geser(c2)), text)?;
    }
    merge(ws, (4, C_SASARAN, 6, C_SASARAN), "Sasaran")?;
    for c in 5..27u16 {
        ws.write_string(6, c, if c % 2 == 1 { "K" } else { "Rp" })?;
    }
    // The budget tree's rows of Tabel 3.20: (level, name, the row itself).
    let nodes: Vec<(Level, &str, &Vec<String>)> = rows
        .iter()
        .skip(1)
        .filter_map(|row| {
            let jenis = row.get(6).map(String::as_str).unwrap_or_default();
            level_of(jenis).map(|l| (l, row.get(1).map_or("", |n| n.trim()), row))
        })
        .collect();
    let subs: Vec<(String, Option<f64>)> = nodes
        .iter()
        .filter(|(l, ..)| *l == Level::SubKegiatan)
        .map(|(_, nama, row)| (nama.to_string(), rupiah_id(&row[2])))
        .collect();
    let mut per_sub = sasaran_3_11(&subs)?.into_iter();
    // Each node's sheet rows (first, last) and the texts its sub kegiatan serve.
    let mut letak: Vec<(u32, u32)> = Vec::new();
    let mut sasaran: Vec<Option<String>> = Vec::new();
    let mut r: u32 = 7;
    let mut no = 0u32;
    let mut program = String::new();
    let mut kodes = Kodes::new();
    for &(level, nama, row) in &nodes {
        let get = |i: usize| row.get(i).map(String::as_str).unwrap_or_default();
        if level == Level::Program {
            program = name_key(nama);
        }
        sasaran.push(if level == Level::SubKegiatan {
            per_sub.next().flatten()
        } else {
            None
        });
        let first = r;
        let kode = kodes.of(level, nama, program_bkpsdm);
        no += 1;
        ws.write_number(r, C_NO, f64::from(no))?;
        if let Some(k) = &kode {
            ws.write_string(r, C_KODE, k)?;
        }
        ws.write_string(r, C_NAMA, nama)?;
        let pagu = rupiah_id(get(2));
        let realisasi = rupiah_id(get(3));
        num(ws, r, C_TARGET_RP, pagu)?;
        num(ws, r, C_TW4_RP, realisasi)?;
        num(ws, r, C_12_RP, realisasi)?;
        num(ws, r, C_13_RP, rupiah_id(get(4)))?;
        let list = indikator
            .get(&(program.clone(), level, name_key(nama)))
            .cloned()
            .unwrap_or_default();
        for (i, ind) in list.iter().enumerate() {
            if i > 0 {
                r += 1;
            }
            ws.write_string(r, C_INDIKATOR, &ind.teks)?;
            num(ws, r, C_TARGET_K, ind.target)?;
            num(ws, r, C_TW4_K, ind.realisasi)?;
            num(ws, r, C_12_K, ind.realisasi)?;
            num(ws, r, C_13_K, ind.capaian)?;
        }
        letak.push((first, r));
        r += 1;
    }
    sasaran_e81(ws, &nodes, &letak, &sasaran)?;
    ws.write_string(
        r + 1,
        0,
        "Jumlah anggaran dan realisasi dari seluruh program",
    )?;
    let path = dir.join("e81_000_2025_tw4.xlsx");
    wb.save(&path)?;
    println!("{}", path.display());
    kodes.report();
    Ok(())
}

/// Column 2 as an agency fills it: each sasaran on the highest node whose sub kegiatan all
/// serve it, one cell merged down that node's rows (its kegiatan, sub kegiatan and their
/// indicators); a program whose sub kegiatan serve several has none of its own.
fn sasaran_e81(
    ws: &mut Worksheet,
    nodes: &[(Level, &str, &Vec<String>)],
    letak: &[(u32, u32)],
    sub: &[Option<String>],
) -> Result<()> {
    let fmt = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    // Each node's subtree: itself and the rows after it until one at its level or above.
    let akhir = |i: usize| {
        (i + 1..nodes.len())
            .find(|&j| nodes[j].0.rank() <= nodes[i].0.rank())
            .unwrap_or(nodes.len())
    };
    let mut i = 0;
    while i < nodes.len() {
        let end = akhir(i);
        let texts: Vec<&String> = (i..end).filter_map(|j| sub[j].as_ref()).collect();
        let subs = (i..end)
            .filter(|&j| nodes[j].0 == Level::SubKegiatan)
            .count();
        let one = texts.len() == subs && texts.windows(2).all(|w| w[0] == w[1]);
        match texts.first().filter(|_| one) {
            Some(text) => {
                let (r1, r2) = (letak[i].0, letak[end - 1].1);
                if r1 == r2 {
                    ws.write_string_with_format(r1, C_SASARAN, text.as_str(), &fmt)?;
                } else {
                    ws.merge_range(r1, C_SASARAN, r2, C_SASARAN, text.as_str(), &fmt)?;
                }
                i = end;
            }
            None => i += 1,
        }
    }
    Ok(())
}

/// Tabel 2.5 as a PK workbook: the lampiran kinerja and the lampiran anggaran, a sheet each,
/// as the LKjIP prints them.
fn pk_2_5(dir: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    for (sheet, file, title) in [
        (
            "Lampiran Kinerja",
            "tabel_2_5_pk_2025_sebelum_perubahan_kinerja.csv",
            "PERJANJIAN KINERJA TAHUN 2025 BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN KOTABARU",
        ),
        (
            "Lampiran Anggaran",
            "tabel_2_5_pk_2025_sebelum_perubahan_anggaran.csv",
            "ANGGARAN PERJANJIAN KINERJA TAHUN 2025",
        ),
    ] {
        let ws = wb.add_worksheet().set_name(sheet)?;
        ws.write_string_with_format(0, 0, title, &bold)?;
        for (i, row) in read_csv(file)?.iter().enumerate() {
            let r = u32::try_from(i)? + 2;
            for (c, v) in row.iter().enumerate() {
                if v.is_empty() {
                    continue;
                }
                let c = u16::try_from(c)?;
                if i == 0 {
                    ws.write_string_with_format(r, c, v, &bold)?;
                } else {
                    ws.write_string(r, c, v)?;
                }
            }
        }
    }
    let path = dir.join("pk_000_tabel_2_5.xlsx");
    wb.save(&path)?;
    println!("{}", path.display());
    Ok(())
}

/// How a table's figures are written.
#[derive(Clone, Copy, PartialEq)]
enum Tulis {
    /// As the seed prints them, text.
    Teks,
    /// Figures as numbers.
    Angka,
    /// Figures as numbers, percentages (a `%` or `Penyerapan`/`Efisiensi` title) as
    /// percent-formatted fractions.
    Persen,
}

/// A seed table (`file`, flattened `Group > Sub` titles) written at row `r` of `ws` under
/// `caption`: the caption, the header (of two rows when the seed's has groups: a group merged
/// over its columns, a title without a group merged over both rows), the rows. Returns the next free row (one empty row after).
fn tabel_bab3(ws: &mut Worksheet, r: u32, caption: &str, file: &str, tulis: Tulis) -> Result<u32> {
    use capaian_domain::num::{parse_cell, CellValue};
    let rows = read_csv(file)?;
    let (header, data) = rows.split_first().ok_or("empty table")?;
    // The seed's own columns (`_src_lines`) are not the table's.
    let header: Vec<String> = header
        .iter()
        .filter(|t| !t.starts_with('_'))
        .cloned()
        .collect();
    let bold = Format::new().set_bold();
    ws.write_string_with_format(r, 0, caption, &bold)?;
    let h = r + 1;
    let depth = if header.iter().any(|t| t.contains(" > ")) {
        1
    } else {
        0
    };
    let parts: Vec<(String, String)> = header
        .iter()
        .map(|t| match t.split_once(" > ") {
            Some((g, s)) => (g.trim().to_string(), s.trim().to_string()),
            None => (t.trim().to_string(), String::new()),
        })
        .collect();
    let mut c = 0usize;
    while c < parts.len() {
        let (g, sub) = &parts[c];
        let c16 = u16::try_from(c)?;
        if sub.is_empty() {
            merge(ws, (h, c16, h + depth, c16), g)?;
            c += 1;
            continue;
        }
        let mut end = c;
        while end + 1 < parts.len() && parts[end + 1].0 == *g && !parts[end + 1].1.is_empty() {
            end += 1;
        }
        merge(ws, (h, c16, h, u16::try_from(end)?), g)?;
        for (j, (_, s)) in parts.iter().enumerate().take(end + 1).skip(c) {
            merge(ws, (h + 1, u16::try_from(j)?, h + 1, u16::try_from(j)?), s)?;
        }
        c = end + 1;
    }
    let pct = Format::new().set_num_format("0.00%");
    let mut r = h + depth + 1;
    for row in data {
        for (c, v) in row.iter().enumerate().take(header.len()) {
            if v.is_empty() {
                continue;
            }
            let c16 = u16::try_from(c)?;
            let title = &header[c];
            let persen_col =
                title.contains('%') || title.contains("Penyerapan") || title.contains("Efisiensi");
            let figure = match parse_cell(v).0.value {
                CellValue::Number { value, .. } if c > 0 && !title.starts_with("No") => {
                    Some(value.to_string().parse::<f64>()?)
                }
                _ => None,
            };
            match (tulis, figure) {
                (Tulis::Persen, Some(f)) if persen_col => {
                    ws.write_number_with_format(r, c16, f / 100.0, &pct)?;
                }
                (Tulis::Angka | Tulis::Persen, Some(f)) => {
                    ws.write_number(r, c16, f)?;
                }
                _ => {
                    ws.write_string(r, c16, v)?;
                }
            }
        }
        r += 1;
    }
    Ok(r + 1)
}

/// Seed 004's Tabel 3.1.3 (capaian IKU s.d. TW II, one-row header, no sasaran column, every
/// figure `99,95%` as text) as an LKjIP workbook.
fn lkjip_004(dir: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Capaian IKU")?;
    ws.set_column_width(1, 60)?;
    tabel_bab3(
        ws,
        0,
        "Tabel 3.1.3 Capaian Indikator Kinerja Utama s.d Triwulan II Tahun 2024",
        "../004/tabel_3_1_3_capaian_iku_sd_tw2.csv",
        Tulis::Teks,
    )?;
    sasaran_004(wb.add_worksheet().set_name("Sasaran Strategis")?)?;
    let path = dir.join("lkjip_004_sd_tw2.xlsx");
    wb.save(&path)?;
    println!("{}", path.display());
    Ok(())
}

/// Seed 004's Tabel 3.2.1, 3.2.4 and 3.2.7 (each sasaran strategis by its own figures, from
/// `tabel_3_2_1_3_2_4_3_2_7_capaian_sasaran_strategis.csv`) one under the other, captioned,
/// with the headers ANALYSIS.md T11 gives each — 3.2.1 without the TW targets, 3.2.4's last
/// column `% Capaian TW. II` — and every cell as printed (`99,99%`, `-`), as text.
fn sasaran_004(ws: &mut Worksheet) -> Result<()> {
    let rows = read_csv("../004/tabel_3_2_1_3_2_4_3_2_7_capaian_sasaran_strategis.csv")?;
    let bold = Format::new().set_bold();
    ws.set_column_width(1, 50)?;
    let mut r = 0u32;
    for row in rows.iter().skip(1) {
        let get = |i: usize| row.get(i).map(String::as_str).unwrap_or_default();
        let (caption, header, cells): (String, Vec<&str>, Vec<&str>) = match get(0) {
            "3.2.1" => (
                "Tabel 3.2.1 Capaian Sasaran Strategis 3 s.d Triwulan II Tahun 2024".into(),
                vec![
                    "No",
                    "Sasaran kinerja",
                    "Target 2024",
                    "Realisasi Kinerja TW. I",
                    "Realisasi Kinerja s.d TW. II",
                    "% Capaian s.d TW. II",
                ],
                vec![get(1), get(2), get(3), get(5), get(7), get(8)],
            ),
            n => (
                format!("Tabel {n} Capaian Sasaran Strategis s.d Triwulan II Tahun 2024"),
                vec![
                    "No",
                    "Sasaran Strategis",
                    "Target 2024",
                    "Target TW. I",
                    "Realisasi TW. I",
                    "Target TW. II",
                    "Realisasi s.d TW. II",
                    if n == "3.2.4" {
                        "% Capaian TW. II"
                    } else {
                        "% Capaian s.d TW. II"
                    },
                ],
                (1..=8).map(get).collect(),
            ),
        };
        ws.write_string_with_format(r, 0, &caption, &bold)?;
        for (c, h) in header.iter().enumerate() {
            merge(ws, (r + 1, u16::try_from(c)?, r + 1, u16::try_from(c)?), h)?;
        }
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r + 2, u16::try_from(c)?, *v)?;
            }
        }
        r += 5;
    }
    Ok(())
}

/// Seed 000's Bab III A tables as one workbook (see the module's doc).
fn lkjip_bab3a(dir: &Path) -> Result<()> {
    const S: &str = "BKPSDM Kabupaten Kotabaru Tahun 2025";
    let iku = |n: &str, versi: &str, banding: &str| {
        format!("Tabel {n} Capaian Kinerja Utama {S} {versi} dibandingkan dengan {banding}")
    };
    // Each sheet: its name, how its figures are written, its tables (caption, seed file).
    type Lembar<'a> = (&'a str, Tulis, Vec<(String, &'a str)>);
    let sheets: Vec<Lembar<'_>> = vec![
        (
            "Bab III A",
            Tulis::Teks,
            vec![
                (
                    iku("3.1", "Sebelum Perubahan", "Target Perjanjian Kinerja"),
                    "tabel_3_1_capaian_iku_vs_pk_sebelum_perubahan.csv",
                ),
                (
                    iku("3.2", "Setelah Perubahan", "Target Perjanjian Kinerja"),
                    "tabel_3_2_capaian_iku_vs_pk_setelah_perubahan.csv",
                ),
            ],
        ),
        (
            "3.3",
            Tulis::Angka,
            vec![(
                iku("3.3", "Sebelum Perubahan", "Tahun Sebelumnya"),
                "tabel_3_3_capaian_iku_vs_2024_sebelum_perubahan.csv",
            )],
        ),
        (
            "3.4",
            Tulis::Angka,
            vec![(
                iku("3.4", "Setelah Perubahan", "Tahun Sebelumnya"),
                "tabel_3_4_capaian_iku_vs_2024_setelah_perubahan.csv",
            )],
        ),
        (
            "Renstra",
            Tulis::Teks,
            vec![
                (
                    iku("3.5", "Sebelum Perubahan", "Target dalam Pembangunan Jangka Menengah (RENSTRA)"),
                    "tabel_3_5_capaian_iku_vs_renstra_sebelum_perubahan.csv",
                ),
                (
                    iku("3.6", "Setelah Perubahan", "Target dalam Pembangunan Jangka Menengah (RENSTRA)"),
                    "tabel_3_6_capaian_iku_vs_renstra_setelah_perubahan.csv",
                ),
            ],
        ),
        (
            "Efisiensi",
            Tulis::Persen,
            vec![
                (
                    "Tabel 3.9 Analisis efisiensi pengguna sumber daya dikaitkan dengan hasil (kinerja) IKU sebelum Perubahan yang telah dicapai".into(),
                    "tabel_3_9_efisiensi_iku_sebelum_perubahan.csv",
                ),
                (
                    "Tabel 3.10 Analisis efisiensi pengguna sumber daya dikaitkan dengan hasil (kinerja) IKU setelah perubahan yang telah dicapai".into(),
                    "tabel_3_10_efisiensi_iku_setelah_perubahan.csv",
                ),
            ],
        ),
        (
            "3.11",
            Tulis::Teks,
            vec![(
                "Tabel 3.11 Analisis Efisiensi Pengguna Sumber Daya dikaitkan dengan hasil Kinerja Sasaran, Program, Kegiatan, dan Sub Kegiatan yang telah dicapai (Sebelum Perubahan)".into(),
                "tabel_3_11_efisiensi_sasaran_program_kegiatan_subkegiatan_sebelum_perubahan.csv",
            )],
        ),
        (
            "Per IKU",
            Tulis::Teks,
            [
                ("3.8", "Nilai SKP", "sebelum", "tabel_3_8a_analisis_nilai_skp_sebelum_perubahan.csv"),
                ("3.8", "Persentase ASN yang ditempatkan sesuai dengan kompetensi", "sebelum", "tabel_3_8b_analisis_asn_ditempatkan_sesuai_kompetensi_sebelum_perubahan.csv"),
                ("3.8", "Kualitas Pelayanan Administrasi Kepegawaian", "sebelum", "tabel_3_8c_analisis_kualitas_pelayanan_adm_kepegawaian_sebelum_perubahan.csv"),
                ("3.8", "Indeks Profesionalitas ASN", "setelah", "tabel_3_8d_analisis_indeks_profesionalitas_asn_setelah_perubahan.csv"),
                ("3.8", "Persentase ASN yang ditempatkan sesuai dengan kompetensi", "setelah", "tabel_3_8e_analisis_asn_ditempatkan_sesuai_kompetensi_setelah_perubahan.csv"),
                ("3.10", "Tingkat Kedisiplinan ASN", "sebelum", "tabel_3_10a_analisis_tingkat_kedisiplinan_asn_sebelum_perubahan.csv"),
                ("3.10", "Indeks Kepuasan Pelayanan Kepegawaian", "sebelum", "tabel_3_10b_analisis_indeks_kepuasan_pelayanan_kepegawaian_sebelum_perubahan.csv"),
                ("3.10", "Persentase ASN berpredikat Kinerja Baik", "setelah", "tabel_3_10c_analisis_asn_berpredikat_kinerja_baik_setelah_perubahan.csv"),
                ("3.13", "Persentase ASN yang memenuhi standar kompetensi", "sebelum", "tabel_3_13a_analisis_asn_memenuhi_standar_kompetensi_sebelum_perubahan.csv"),
                ("3.13", "Persentase ASN yang ditingkatkan kompetensinya", "setelah", "tabel_3_13b_analisis_asn_ditingkatkan_kompetensinya_setelah_perubahan.csv"),
            ]
            .into_iter()
            .map(|(n, apa, versi, file)| {
                (format!("Tabel {n} Analisis Capaian {apa} ({versi} perubahan)"), file)
            })
            .collect(),
        ),
    ];
    let mut wb = Workbook::new();
    for (sheet, tulis, tables) in sheets {
        let ws = wb.add_worksheet().set_name(sheet)?;
        ws.set_column_width(1, 40)?;
        ws.set_column_width(2, 40)?;
        let mut r = 0u32;
        for (caption, file) in tables {
            r = tabel_bab3(ws, r, &caption, file, tulis)?;
        }
    }
    let path = dir.join("lkjip_000_bab3a.xlsx");
    wb.save(&path)?;
    println!("{}", path.display());
    Ok(())
}

/// Seed 004's tables `stems` (of `tests/fixtures/{dir}/`) as the one table of the agency's
/// workbook the LKjIP cut into one per program: `caption`, the first table's header row with a
/// Kode column before the names, then every table's rows as the text the seed prints,
/// programs and kegiatan bold.
fn seed_004(out: &Path, file: &str, dir: &str, caption: &str, stems: &[&str]) -> Result<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Tabel")?;
    let bold = Format::new().set_bold().set_text_wrap();
    let plain = Format::new().set_text_wrap();
    let mut kodes = Kodes::new();
    ws.write_string_with_format(0, 0, caption, &bold)?;
    let mut r = 2u32;
    for (t, stem) in stems.iter().enumerate() {
        let text = std::fs::read_to_string(fixtures().join(dir).join(format!("{stem}.csv")))?;
        let rows = parse_csv(&text);
        let Some((header, data)) = rows.split_first() else {
            continue;
        };
        let cols: Vec<usize> = (0..header.len())
            .filter(|&i| !header[i].starts_with('_'))
            .collect();
        let level = header.iter().position(|h| h == "_level");
        let name = header
            .iter()
            .position(|h| h.starts_with("Program/"))
            .ok_or("no name column")?;
        // Kode goes before the names: the columns before them, Kode, then the rest.
        if t == 0 {
            let mut c = 0u16;
            for &i in &cols {
                if i == name {
                    ws.write_string_with_format(r, c, "Kode", &bold)?;
                    c += 1;
                }
                let h = if header[i].starts_with("(sel tambahan") {
                    ""
                } else {
                    header[i].as_str()
                };
                ws.write_string_with_format(r, c, h, &bold)?;
                c += 1;
            }
            r += 1;
        }
        for row in data {
            let lv = level_of(level.and_then(|l| row.get(l)).map_or("", String::as_str));
            let f = if matches!(lv, Some(Level::Program | Level::Kegiatan)) {
                &bold
            } else {
                &plain
            };
            let mut c = 0u16;
            for &i in &cols {
                if i == name {
                    let nama = row.get(i).map_or("", String::as_str);
                    if let Some(k) = lv.and_then(|lv| kodes.of(lv, nama, program_bkpsdm)) {
                        ws.write_string_with_format(r, c, &k, f)?;
                    }
                    c += 1;
                }
                let v = row.get(i).map_or("", String::as_str);
                if !v.is_empty() {
                    ws.write_string_with_format(r, c, v, f)?;
                }
                c += 1;
            }
            r += 1;
        }
    }
    let path = out.join(file);
    wb.save(&path)?;
    println!("{}", path.display());
    kodes.report();
    Ok(())
}

fn main() -> Result<()> {
    let dir = seeds().join("xlsx");
    std::fs::create_dir_all(&dir)?;
    e81(&dir)?;
    pk_2_5(&dir)?;
    lkjip_bab3a(&dir)?;
    let dir = fixtures().join("seeds/004/xlsx");
    std::fs::create_dir_all(&dir)?;
    lkjip_004(&dir)?;
    seed_004(
        &dir,
        "laporan_004_sd_tw2.xlsx",
        "laporan",
        "Capaian Kinerja dan Keuangan Program, Kegiatan dan Sub Kegiatan s.d Triwulan II Tahun 2024",
        &[
            "tabel_3_2_2_capaian_kinerja_keuangan_program_penunjang_sd_tw2",
            "tabel_3_2_5_capaian_kinerja_keuangan_program_kepegawaian_sd_tw2",
            "tabel_3_2_8_capaian_kinerja_keuangan_program_pengembangan_sdm_sd_tw2",
        ],
    )?;
    seed_004(
        &dir,
        "rencana_aksi_004.xlsx",
        "rencana_aksi",
        "Target Triwulan Program, Kegiatan dan Sub Kegiatan Tahun 2024",
        &[
            "tabel_2_5_target_triwulan_program_penunjang",
            "tabel_2_6_target_triwulan_program_kepegawaian_daerah",
            "tabel_2_7_target_triwulan_program_pengembangan_sdm",
        ],
    )?;
    Ok(())
}
