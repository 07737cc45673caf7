//! Perjanjian Kinerja (PK, Permenpan RB 53/2014 Lampiran I): the agreement a head of unit signs
//! with his superior at the start of the year, murni and perubahan, per echelon (the Kepala PD:
//! sasaran strategis and programs; a kepala bidang: kegiatan; a kasubbag/kasi: sub kegiatan).
//!
//! A [`Pk`] holds the statement page ([`Pernyataan`]: the two parties with nama, jabatan,
//! pangkat and NIP, the place and date), the lampiran kinerja ([`BarisKinerja`]: sasaran ·
//! indikator · satuan · target, optionally target TW I–IV and n+1; the sasaran printed on its
//! first indicator row only) and the lampiran anggaran ([`BarisAnggaran`]: program, kegiatan or
//! sub kegiatan · anggaran · keterangan), with the Jumlah and the terbilang the file states.
//!
//! [`hitung`] sums the anggaran — a row whose rows below hold an amount is their sum — and
//! checks, one located problem per cause: the stated Jumlah against Σ rows (`jumlah_berkas`), a
//! stated parent amount against its rows (`jumlah_induk`), a terbilang that does not say the
//! total (`terbilang_salah`), an indicator without a target (`target_kosong`), TW targets that
//! do not aggregate to the annual target by the indicator's semantics (`target_triwulan`:
//! increments sum to it, levels end on it — [`crate::indicator::aggregate`] over
//! [`crate::indicator::default_semantics`]), and a NIP that is not 18 digits (`nip_tidak_valid`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::indicator::{default_semantics, target_triwulan};
use crate::model::{KValue, Location, Problem, Severity};
use crate::num::format_id;
use crate::rencana::{Tingkat, Versi};
use crate::terbilang::{check_terbilang, terbilang_rupiah};
use crate::workspace::normalize_nip;

/// [`crate::rencana::Sumber::formulir`] of a PK; the `formulir` of `capaian import --json`.
pub const FORMULIR_PK: &str = "perjanjian_kinerja";

/// What the lampiran kinerja's Sasaran column names, by the signer's echelon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TingkatSasaran {
    /// Sasaran strategis (the Kepala PD's PK).
    #[default]
    Strategis,
    /// Sasaran program (a kepala bidang's).
    Program,
    /// Sasaran kegiatan (a kasubbag's or kasi's).
    Kegiatan,
}

impl TingkatSasaran {
    /// The column's title as the form prints it.
    pub fn judul(self) -> &'static str {
        match self {
            TingkatSasaran::Strategis => "Sasaran Strategis",
            TingkatSasaran::Program => "Sasaran Program",
            TingkatSasaran::Kegiatan => "Sasaran Kegiatan",
        }
    }
}

/// One party of the agreement.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Pihak {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nama: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub jabatan: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pangkat: Option<String>,
    /// As written (`NIP.19661109 198503 1 001`); checked by [`hitung`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nip: Option<String>,
    /// The NIP's cell (`F32`), for a located problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sel_nip: Option<String>,
}

/// The statement page (*pernyataan perjanjian kinerja*).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Pernyataan {
    /// The sheet it was read from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lembar: String,
    pub pihak_pertama: Pihak,
    pub pihak_kedua: Pihak,
    /// Place of signing (`Kotabaru`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tempat: String,
    /// Date of signing: (year, month, day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tanggal: Option<(i32, u32, u32)>,
}

/// One row of the lampiran kinerja.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct BarisKinerja {
    /// 1-based row in the source sheet (0 when not read from a sheet).
    pub baris: u32,
    /// The sasaran, on its first indicator row only (empty: the sasaran above).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sasaran: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub indikator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satuan: Option<String>,
    /// The year's target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<KValue>,
    /// Target (or *prediksi capaian*) TW I–IV, where the PK prints them.
    #[serde(default, skip_serializing_if = "tw_kosong")]
    pub target_tw: [Option<KValue>; 4],
    /// Target n+1, where the PK prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_maju: Option<KValue>,
}

fn tw_kosong(tw: &[Option<KValue>; 4]) -> bool {
    tw.iter().all(Option::is_none)
}

/// One row of the lampiran anggaran.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarisAnggaran {
    /// 1-based row in the source sheet (0 when not read from a sheet).
    pub baris: u32,
    /// Program, kegiatan or sub kegiatan.
    pub tingkat: Tingkat,
    /// Canonical kode, when the file states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode: Option<String>,
    /// The kode as the file spelled it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode_berkas: Option<String>,
    pub uraian: String,
    /// Rupiah; None: not stated (a parent whose rows below hold the money).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anggaran: Option<Decimal>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub keterangan: String,
}

/// The Jumlah/TOTAL row as stated.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct JumlahPk {
    pub baris: u32,
    pub nilai: Decimal,
}

/// The total in words as stated, and its cell.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TerbilangPk {
    pub teks: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sel: Option<String>,
}

/// The sheets and column letters values were read from, for located problems.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KolomPk {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lembar_kinerja: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lembar_anggaran: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anggaran: Option<String>,
}

/// A Perjanjian Kinerja as read (or printed from the plan).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Pk {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tahun: Option<i32>,
    pub versi: Versi,
    /// The Perangkat Daerah (`Badan Kepegawaian dan Pengembangan Sumber Daya Manusia`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pd: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pernyataan: Option<Pernyataan>,
    pub tingkat_sasaran: TingkatSasaran,
    pub kinerja: Vec<BarisKinerja>,
    pub anggaran: Vec<BarisAnggaran>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jumlah: Option<JumlahPk>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terbilang: Option<TerbilangPk>,
    #[serde(default)]
    pub kolom: KolomPk,
}

impl Pk {
    /// Whether it prints a TW I–IV target anywhere.
    pub fn ada_tw(&self) -> bool {
        self.kinerja.iter().any(|b| !tw_kosong(&b.target_tw))
    }

    /// Whether it prints a target n+1 anywhere.
    pub fn ada_maju(&self) -> bool {
        self.kinerja.iter().any(|b| b.target_maju.is_some())
    }

    /// Whether any row states a satuan.
    pub fn ada_satuan(&self) -> bool {
        self.kinerja.iter().any(|b| b.satuan.is_some())
    }

    fn lokasi(lembar: &str, kolom: Option<&str>, baris: u32) -> Location {
        Location {
            sheet: (!lembar.is_empty()).then(|| lembar.to_string()),
            cell: kolom.filter(|_| baris > 0).map(|l| format!("{l}{baris}")),
            row: None,
            field: None,
        }
    }

    /// Where a kinerja row's target is.
    pub fn lokasi_target(&self, i: usize) -> Location {
        let baris = self.kinerja.get(i).map_or(0, |b| b.baris);
        let mut at = Pk::lokasi(
            &self.kolom.lembar_kinerja,
            self.kolom.target.as_deref(),
            baris,
        );
        at.row = Some(i);
        at
    }

    /// Where an anggaran row's amount is (`row` None: the Jumlah row).
    pub fn lokasi_anggaran(&self, i: Option<usize>) -> Location {
        let baris = match i {
            Some(i) => self.anggaran.get(i).map_or(0, |b| b.baris),
            None => self.jumlah.as_ref().map_or(0, |j| j.baris),
        };
        let mut at = Pk::lokasi(
            &self.kolom.lembar_anggaran,
            self.kolom.anggaran.as_deref(),
            baris,
        );
        at.row = i;
        at
    }
}

/// What [`hitung`] derives.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct HitungPk {
    /// Each kinerja row's sasaran: the row that names it (None before any sasaran).
    pub sasaran: Vec<Option<usize>>,
    /// Each anggaran row's parent row.
    pub induk: Vec<Option<usize>>,
    /// Each anggaran row's amount as it stands: its rows below summed when they hold money,
    /// else its own.
    pub anggaran: Vec<Option<Decimal>>,
    /// Σ anggaran: the top rows' amounts; None when no row has one.
    pub jumlah: Option<Decimal>,
    /// The total in words (`… Rupiah`).
    pub terbilang: Option<String>,
}

/// `1.234.567` (whole rupiah) or `1.234.567,89`.
fn angka(v: Decimal) -> String {
    format_id(v, if v.fract().is_zero() { 0 } else { 2 })
}

fn problem(code: &str, message: String, at: Location) -> Problem {
    Problem {
        severity: Severity::Warning,
        code: code.to_string(),
        message,
        at,
    }
}

/// Sums the anggaran and checks the PK (see the module doc).
pub fn hitung(pk: &Pk) -> (HitungPk, Vec<Problem>) {
    let mut problems = Vec::new();
    // The statement's NIPs.
    if let Some(p) = &pk.pernyataan {
        for (pihak, nama) in [
            (&p.pihak_pertama, "pihak pertama"),
            (&p.pihak_kedua, "pihak kedua"),
        ] {
            let Some(nip) = pihak.nip.as_deref() else {
                continue;
            };
            let bare = nip
                .trim()
                .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '.' || c == ':')
                .trim();
            if let Err(why) = normalize_nip(bare) {
                problems.push(problem(
                    "nip_tidak_valid",
                    format!("NIP {nama} '{}' tidak valid: {why}", nip.trim()),
                    Location {
                        sheet: (!p.lembar.is_empty()).then(|| p.lembar.clone()),
                        cell: pihak.sel_nip.clone(),
                        row: None,
                        field: None,
                    },
                ));
            }
        }
    }

    // Kinerja: each row's sasaran, targets present, TW targets against the year's.
    let mut sasaran = Vec::with_capacity(pk.kinerja.len());
    let mut current = None;
    for (i, b) in pk.kinerja.iter().enumerate() {
        if !b.sasaran.trim().is_empty() {
            current = Some(i);
        }
        sasaran.push(current);
        let named = !b.indikator.trim().is_empty();
        let Some(target) = &b.target else {
            if named {
                problems.push(problem(
                    "target_kosong",
                    format!("Indikator '{}' tidak memiliki target", b.indikator.trim()),
                    pk.lokasi_target(i),
                ));
            }
            continue;
        };
        if tw_kosong(&b.target_tw) {
            continue;
        }
        let mut values: Vec<&KValue> = vec![target];
        values.extend(b.target_tw.iter().flatten());
        let sem = default_semantics(b.satuan.as_deref(), &values);
        if let Some(pesan) = target_triwulan(&sem, &b.indikator, target, &b.target_tw) {
            problems.push(problem("target_triwulan", pesan, pk.lokasi_target(i)));
        }
    }

    // Anggaran: the tree by level, amounts rolled up from the bottom.
    let n = pk.anggaran.len();
    let mut induk = vec![None; n];
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for (i, b) in pk.anggaran.iter().enumerate() {
        let d = b.tingkat.kedalaman();
        while stack.last().is_some_and(|&(sd, _)| sd >= d) {
            stack.pop();
        }
        induk[i] = stack.last().map(|&(_, p)| p);
        stack.push((d, i));
    }
    let mut anak: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, p) in induk.iter().enumerate() {
        if let Some(p) = p {
            anak[*p].push(i);
        }
    }
    let mut hasil: Vec<Option<Decimal>> = vec![None; n];
    let mut induk_salah = Vec::new();
    for i in (0..n).rev() {
        let kids: Vec<Decimal> = anak[i].iter().filter_map(|&c| hasil[c]).collect();
        let own = pk.anggaran[i].anggaran;
        if kids.is_empty() {
            hasil[i] = own;
            continue;
        }
        let sum: Decimal = kids.iter().sum();
        hasil[i] = Some(sum);
        // Against the rows right below as stated (a wrong row shows on its parent only).
        if let Some(own) = own {
            let stated: Decimal = anak[i]
                .iter()
                .filter_map(|&c| pk.anggaran[c].anggaran.or(hasil[c]))
                .sum();
            if own != stated {
                induk_salah.push(problem(
                    "jumlah_induk",
                    format!(
                        "Anggaran {} '{}' Rp {} tidak sama dengan jumlah di bawahnya Rp {} (selisih Rp {})",
                        pk.anggaran[i].tingkat.nama().to_lowercase(),
                        pk.anggaran[i].uraian,
                        angka(own),
                        angka(stated),
                        angka(own - stated)
                    ),
                    pk.lokasi_anggaran(Some(i)),
                ));
            }
        }
    }
    induk_salah.reverse();
    problems.append(&mut induk_salah);
    let tops: Vec<Decimal> = (0..n)
        .filter(|&i| induk[i].is_none())
        .filter_map(|i| hasil[i])
        .collect();
    let jumlah = (!tops.is_empty()).then(|| tops.iter().sum::<Decimal>());
    if let (Some(j), Some(t)) = (&pk.jumlah, jumlah) {
        if j.nilai != t {
            problems.push(problem(
                "jumlah_berkas",
                format!(
                    "Baris Jumlah anggaran Rp {} tidak sama dengan jumlah baris-barisnya Rp {} (selisih Rp {})",
                    angka(j.nilai),
                    angka(t),
                    angka(j.nilai - t)
                ),
                pk.lokasi_anggaran(None),
            ));
        }
    }
    if let (Some(tb), Some(t)) = (&pk.terbilang, jumlah) {
        if let Some(p) = check_terbilang(&tb.teks, t, true) {
            problems.push(Problem {
                code: "terbilang_salah".into(),
                message: format!(
                    "Terbilang '{}' tidak menyebut jumlah anggaran Rp {}: seharusnya '{}'",
                    tb.teks.trim(),
                    angka(t),
                    terbilang_rupiah(t)
                ),
                at: Location {
                    sheet: (!pk.kolom.lembar_anggaran.is_empty())
                        .then(|| pk.kolom.lembar_anggaran.clone()),
                    cell: tb.sel.clone(),
                    row: None,
                    field: None,
                },
                ..p
            });
        }
    }
    let out = HitungPk {
        sasaran,
        induk,
        anggaran: hasil,
        jumlah,
        terbilang: jumlah.map(terbilang_rupiah),
    };
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn n(s: &str) -> Option<KValue> {
        Some(KValue::Number(d(s)))
    }

    fn kinerja(sasaran: &str, indikator: &str, satuan: Option<&str>, target: &str) -> BarisKinerja {
        BarisKinerja {
            sasaran: sasaran.into(),
            indikator: indikator.into(),
            satuan: satuan.map(Into::into),
            target: (!target.is_empty()).then(|| KValue::Number(d(target))),
            ..BarisKinerja::default()
        }
    }

    fn anggaran(tingkat: Tingkat, uraian: &str, rp: Option<&str>) -> BarisAnggaran {
        BarisAnggaran {
            baris: 0,
            tingkat,
            kode: None,
            kode_berkas: None,
            uraian: uraian.into(),
            anggaran: rp.map(d),
            keterangan: String::new(),
        }
    }

    /// Seed 000's lampiran PK 2025 (`lampiran_pk_2025_*.csv`): three programs, TOTAL.
    fn seed_000() -> Pk {
        let mut pk = Pk {
            tahun: Some(2025),
            kinerja: vec![
                kinerja(
                    "Tersedianya Aparatur Sipil Negara yang memenuhi standar kompetensi",
                    "Persentase ASN yang ditempatkan sesuai dengan kompetensi",
                    Some("%"),
                    "85",
                ),
                kinerja(
                    "",
                    "Persentase ASN yang memenuhi Standar Kompetensi",
                    Some("%"),
                    "35",
                ),
                kinerja(
                    "Meningkatnya Disiplin Pegawai ASN",
                    "Persentase Tingkat kedisiplinan ASN",
                    Some("%"),
                    "100",
                ),
            ],
            anggaran: vec![
                anggaran(
                    Tingkat::Program,
                    "Program Penunjang Urusan Pemerintah Daerah Kabupaten/Kota",
                    Some("37324924280"),
                ),
                anggaran(
                    Tingkat::Program,
                    "Program Kepegawaian Daerah",
                    Some("7168551128"),
                ),
                anggaran(
                    Tingkat::Program,
                    "Program Pengembangan Sumber Daya Manusia",
                    Some("6499055959"),
                ),
            ],
            jumlah: Some(JumlahPk {
                baris: 9,
                nilai: d("50992531367"),
            }),
            kolom: KolomPk {
                lembar_kinerja: "Lampiran Kinerja".into(),
                lembar_anggaran: "Lampiran Anggaran".into(),
                target: Some("D".into()),
                anggaran: Some("C".into()),
            },
            ..Pk::default()
        };
        for (i, b) in pk.anggaran.iter_mut().enumerate() {
            b.baris = i as u32 + 6;
        }
        for (i, b) in pk.kinerja.iter_mut().enumerate() {
            b.baris = i as u32 + 6;
        }
        pk
    }

    #[test]
    fn seed_000_adds_up_and_says_its_total_in_words() {
        let (h, p) = hitung(&seed_000());
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(h.jumlah, Some(d("50992531367")));
        assert_eq!(
            h.terbilang.as_deref(),
            Some("Lima Puluh Miliar Sembilan Ratus Sembilan Puluh Dua Juta Lima Ratus Tiga Puluh Satu Ribu Tiga Ratus Enam Puluh Tujuh Rupiah")
        );
        assert_eq!(h.sasaran, vec![Some(0), Some(0), Some(2)]);
    }

    #[test]
    fn tabel_2_5s_old_total_over_new_program_amounts_is_flagged_at_its_cell() {
        // Seed 000 ANALYSIS.md Appendix A item 2: Tabel 2.5 prints the perubahan amounts of two
        // programs under the murni total: Σ 54.569.071.524, stated 50.992.531.367.
        let mut pk = seed_000();
        pk.anggaran[1].anggaran = Some(d("6129770144"));
        pk.anggaran[2].anggaran = Some(d("11114377100"));
        let (h, p) = hitung(&pk);
        assert_eq!(h.jumlah, Some(d("54569071524")));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].code, "jumlah_berkas");
        assert_eq!(p[0].at.cell.as_deref(), Some("C9"));
        assert_eq!(p[0].at.sheet.as_deref(), Some("Lampiran Anggaran"));
        assert!(
            p[0].message.contains("Rp 50.992.531.367"),
            "{}",
            p[0].message
        );
        assert!(
            p[0].message.contains("Rp 54.569.071.524"),
            "{}",
            p[0].message
        );
        assert!(
            p[0].message.contains("Rp -3.576.540.157"),
            "{}",
            p[0].message
        );
    }

    #[test]
    fn a_terbilang_is_checked_against_the_total_milyar_accepted() {
        let mut pk = seed_000();
        pk.terbilang = Some(TerbilangPk {
            teks: "Lima Puluh Milyar Sembilan Ratus Sembilan Puluh Dua Juta Lima Ratus Tiga Puluh Satu Ribu Tiga Ratus Enam Puluh Tujuh Rupiah".into(),
            sel: Some("B11".into()),
        });
        assert!(hitung(&pk).1.is_empty());
        // Seed 004's wrong words ("Tiga Puluh Tiga" for 393, ANALYSIS.md 004 item 1) on a PK
        // whose total is that figure.
        pk.anggaran.truncate(1);
        pk.anggaran[0].anggaran = Some(d("6349017393"));
        pk.jumlah = None;
        pk.terbilang = Some(TerbilangPk {
            teks: "Enam Milyar Tiga Ratus Empat Puluh Sembilan Juta Tujuh Belas Ribu Tiga Ratus Tiga Puluh Tiga Rupiah".into(),
            sel: Some("B11".into()),
        });
        let (_, p) = hitung(&pk);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].code, "terbilang_salah");
        assert_eq!(p[0].at.cell.as_deref(), Some("B11"));
        assert!(
            p[0].message.contains("Rp 6.349.017.393"),
            "{}",
            p[0].message
        );
        assert!(
            p[0].message.contains("Sembilan Puluh Tiga Rupiah"),
            "{}",
            p[0].message
        );
    }

    #[test]
    fn kegiatan_sum_into_their_program_and_a_wrong_program_amount_is_one_problem() {
        // Seed 003 Tabel 2.6 shape: programs without amounts over kegiatan with amounts.
        let mut pk = Pk {
            anggaran: vec![
                anggaran(Tingkat::Program, "Kepegawaian Daerah", None),
                anggaran(Tingkat::Kegiatan, "Pengadaan", Some("1058998350")),
                anggaran(
                    Tingkat::Kegiatan,
                    "Mutasi dan Promosi ASN",
                    Some("505883400"),
                ),
                anggaran(
                    Tingkat::Program,
                    "Pengembangan Sumber Daya Manusia",
                    Some("1"),
                ),
                anggaran(
                    Tingkat::Kegiatan,
                    "Pengembangan Kompetensi Teknis",
                    Some("1016556000"),
                ),
            ],
            kolom: KolomPk {
                lembar_anggaran: "PK".into(),
                anggaran: Some("J".into()),
                ..KolomPk::default()
            },
            ..Pk::default()
        };
        for (i, b) in pk.anggaran.iter_mut().enumerate() {
            b.baris = i as u32 + 3;
        }
        let (h, p) = hitung(&pk);
        assert_eq!(h.anggaran[0], Some(d("1564881750")));
        assert_eq!(h.induk[4], Some(3));
        assert_eq!(h.jumlah, Some(d("2581437750")));
        let codes: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|p| (p.code.as_str(), p.at.cell.as_deref()))
            .collect();
        assert_eq!(codes, vec![("jumlah_induk", Some("J6"))]);
    }

    #[test]
    fn tw_targets_sum_for_increments_and_end_on_the_year_for_levels() {
        let mut pk = Pk {
            kinerja: vec![
                // Dokumen: increments 1 + 1 + 1 + 0 = 3 ≠ 4.
                kinerja("S", "Jumlah dokumen", Some("Dokumen"), "4"),
                // Percent: a level; TW IV 90 ≠ 100.
                kinerja("", "Persentase ASN", Some("%"), "100"),
                // Right: 2 + 2 = 4 dokumen; percent ending on 85.
                kinerja("", "Jumlah laporan", Some("Laporan"), "4"),
                kinerja("", "Persentase layanan", Some("%"), "85"),
                // An indicator without a target.
                kinerja("", "Indeks kepuasan", None, ""),
            ],
            kolom: KolomPk {
                lembar_kinerja: "Rencana Aksi".into(),
                target: Some("D".into()),
                ..KolomPk::default()
            },
            ..Pk::default()
        };
        pk.kinerja[0].target_tw = [n("1"), n("1"), n("1"), n("0")];
        pk.kinerja[1].target_tw = [n("25"), n("50"), n("75"), n("90")];
        pk.kinerja[2].target_tw = [None, n("2"), None, n("2")];
        pk.kinerja[3].target_tw = [n("85"), n("85"), n("85"), n("85")];
        for (i, b) in pk.kinerja.iter_mut().enumerate() {
            b.baris = i as u32 + 10;
        }
        let (_, p) = hitung(&pk);
        let codes: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|p| (p.code.as_str(), p.at.cell.as_deref()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("target_triwulan", Some("D10")),
                ("target_triwulan", Some("D11")),
                ("target_kosong", Some("D14")),
            ]
        );
        assert!(p[0].message.contains("berjumlah 3"), "{}", p[0].message);
        assert!(p[0].message.contains("tahunan 4"), "{}", p[0].message);
        assert!(
            p[1].message.contains("berakhir pada 90"),
            "{}",
            p[1].message
        );
    }

    #[test]
    fn a_nip_that_is_not_18_digits_is_flagged_at_its_cell() {
        let mut pk = seed_000();
        pk.pernyataan = Some(Pernyataan {
            lembar: "Pernyataan".into(),
            pihak_pertama: Pihak {
                nama: "H. Muhamad Yusuf, S.Pd".into(),
                nip: Some("NIP.19661109 198503 1 001".into()),
                sel_nip: Some("D30".into()),
                ..Pihak::default()
            },
            pihak_kedua: Pihak {
                nama: "Muh. Rusli, S.Sos".into(),
                nip: Some("NIP 1966110 198503 1 001".into()),
                sel_nip: Some("A30".into()),
                ..Pihak::default()
            },
            tempat: "Kotabaru".into(),
            tanggal: Some((2025, 2, 21)),
        });
        let (_, p) = hitung(&pk);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].code, "nip_tidak_valid");
        assert_eq!(p[0].at.cell.as_deref(), Some("A30"));
        assert!(p[0].message.contains("17 angka"), "{}", p[0].message);
    }
}
