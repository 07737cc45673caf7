//! Renja — *rencana program dan kegiatan* (Tabel 5.1 / 3.1.4, the T-C.35 family) and the Renja
//! Perubahan lampiran, which prints the year *sebelum* and *setelah perubahan* side by side.
//!
//! A row is a node of the budget tree (urusan, bidang urusan, the unit organisasi, program,
//! kegiatan, sub kegiatan) with its first indicator, or a further indicator of the node above.
//! Per version (murni, perubahan) a row holds the indicator, kelompok sasaran, lokasi, target
//! capaian kinerja, pagu indikatif and sumber dana ([`Isian`]); besides them the catatan
//! penting and the prakiraan maju n+1 (target and pagu, [`Maju`]).
//!
//! [`hitung`] rolls the pagu up the tree — a node whose rows below hold a pagu is their sum,
//! `-` is zero, and a `-` on a node with money below it states nothing —, per version and for n+1, computes the selisih (perubahan − murni) and the
//! table's total, and checks, one located problem per cause: a stated pagu against the sum of
//! the rows right below it as they stand (so one wrong sub kegiatan is one problem, on its
//! kegiatan), the file's Jumlah row, a stated selisih, and a node with two different pagu.
//! [`Perubahan`] sums what the perubahan did to the sub kegiatan: added, reduced, new, dropped.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::{KValue, Location, Problem, Severity};
use crate::num::format_id;
use crate::rencana::Versi;

/// [`crate::model::Document::form`] and [`crate::rencana::Sumber::formulir`] of a Renja.
pub const FORMULIR_RENJA: &str = "Renja";

/// A row's level. The unit organisasi (the PD, `01.00`) sits between bidang urusan and its
/// programs: its pagu is the PD's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TingkatRenja {
    Urusan,
    BidangUrusan,
    Unit,
    Program,
    Kegiatan,
    SubKegiatan,
}

impl TingkatRenja {
    /// Depth: urusan 0 … sub kegiatan 5.
    pub fn kedalaman(self) -> u8 {
        self as u8
    }

    pub fn nama(self) -> &'static str {
        match self {
            TingkatRenja::Urusan => "urusan",
            TingkatRenja::BidangUrusan => "bidang urusan",
            TingkatRenja::Unit => "unit organisasi",
            TingkatRenja::Program => "program",
            TingkatRenja::Kegiatan => "kegiatan",
            TingkatRenja::SubKegiatan => "sub kegiatan",
        }
    }

    /// The level of a canonical planning kode (`5`, `5.03`, `5.03.01`, `5.03.01.2.01`,
    /// `5.03.01.2.01.0001`).
    pub fn of_kode(kode: &str) -> Option<TingkatRenja> {
        use crate::anggaran::Jenjang;
        Some(match Jenjang::of_kode(kode)? {
            Jenjang::Urusan => TingkatRenja::Urusan,
            Jenjang::BidangUrusan => TingkatRenja::BidangUrusan,
            Jenjang::Program => TingkatRenja::Program,
            Jenjang::Kegiatan => TingkatRenja::Kegiatan,
            Jenjang::SubKegiatan => TingkatRenja::SubKegiatan,
            Jenjang::Rekening => return None,
        })
    }
}

/// What a row plans for one version of the year.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Isian {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub indikator: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kelompok_sasaran: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lokasi: String,
    /// Target capaian kinerja (`5`, `100` with satuan `%`, a grade `A`, a text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<KValue>,
    /// The target's unit as the file spells it (`dok`, `%`, `org/bln`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satuan: Option<String>,
    /// Kebutuhan dana / pagu indikatif; `-` is zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagu: Option<Decimal>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sumber_dana: String,
}

impl Isian {
    pub fn is_empty(&self) -> bool {
        *self == Isian::default()
    }
}

/// Prakiraan maju rencana tahun n+1.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Maju {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<KValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satuan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagu: Option<Decimal>,
}

impl Maju {
    pub fn is_empty(&self) -> bool {
        *self == Maju::default()
    }
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarisRenja {
    /// 1-based row in the source sheet (0 when not read from a sheet).
    pub baris: u32,
    /// The node the row prints; None: a further indicator of the node above.
    pub tingkat: Option<TingkatRenja>,
    /// Canonical kode, when the file states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode: Option<String>,
    /// The kode as the file spelled it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode_berkas: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nama: String,
    /// Sebelum perubahan (and the whole year of a Renja murni).
    #[serde(default, skip_serializing_if = "Isian::is_empty")]
    pub murni: Isian,
    /// Setelah perubahan.
    #[serde(default, skip_serializing_if = "Isian::is_empty")]
    pub perubahan: Isian,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub catatan: String,
    #[serde(default, skip_serializing_if = "Maju::is_empty")]
    pub maju: Maju,
    /// Jumlah perubahan (+/−) as the file states it: checked against ours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selisih: Option<Decimal>,
}

impl BarisRenja {
    /// An empty row of `tingkat` (None: an indicator row).
    pub fn kosong(tingkat: Option<TingkatRenja>) -> BarisRenja {
        BarisRenja {
            baris: 0,
            tingkat,
            kode: None,
            kode_berkas: None,
            nama: String::new(),
            murni: Isian::default(),
            perubahan: Isian::default(),
            catatan: String::new(),
            maju: Maju::default(),
            selisih: None,
        }
    }

    pub fn isian(&self, versi: Versi) -> &Isian {
        match versi {
            Versi::Murni => &self.murni,
            Versi::Perubahan => &self.perubahan,
        }
    }

    pub fn isian_mut(&mut self, versi: Versi) -> &mut Isian {
        match versi {
            Versi::Murni => &mut self.murni,
            Versi::Perubahan => &mut self.perubahan,
        }
    }
}

/// Which versions a table prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Cetakan {
    /// The Renja (murni): one set of columns for the year.
    #[default]
    Murni,
    /// A Renja Perubahan printed with the year's changed figures only (Tabel 5.1 of a Renja
    /// Perubahan).
    Perubahan,
    /// The Renja Perubahan lampiran: sebelum and setelah perubahan side by side, with the
    /// selisih.
    SebelumSesudah,
}

impl Cetakan {
    /// The versions it prints, in order.
    pub fn versi(self) -> &'static [Versi] {
        match self {
            Cetakan::Murni => &[Versi::Murni],
            Cetakan::Perubahan => &[Versi::Perubahan],
            Cetakan::SebelumSesudah => &[Versi::Murni, Versi::Perubahan],
        }
    }
}

/// The table's own Jumlah row, as stated.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct JumlahRenja {
    pub baris: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub murni: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perubahan: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maju: Option<Decimal>,
}

impl JumlahRenja {
    fn pagu(&self, versi: Versi) -> Option<Decimal> {
        match versi {
            Versi::Murni => self.murni,
            Versi::Perubahan => self.perubahan,
        }
    }
}

/// Where a value of a row sits in the sheet, for located problems: each column's letter.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct KolomRenja {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagu_murni: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagu_perubahan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selisih: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagu_maju: Option<String>,
}

/// A Renja table as read (or printed from the plan).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Renja {
    /// The year planned (n); prakiraan maju is n+1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tahun: Option<i32>,
    pub cetakan: Cetakan,
    /// The sheet read.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lembar: String,
    pub baris: Vec<BarisRenja>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jumlah: Option<JumlahRenja>,
    /// The sheet's columns, for located problems.
    #[serde(default)]
    pub kolom: KolomRenja,
}

/// What a money column is: a version's pagu, or the prakiraan maju's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KolomPagu {
    Tahun(Versi),
    Maju,
}

/// What the perubahan did to the sub kegiatan (the lowest nodes).
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct Perubahan {
    /// Σ of the increases (penambahan pagu).
    pub bertambah: Decimal,
    /// Σ of the decreases, as a positive amount (pengurangan, or what a pergeseran moved away).
    pub berkurang: Decimal,
    /// Sub kegiatan with no pagu sebelum and a pagu setelah.
    pub baru: usize,
    /// Sub kegiatan with a pagu sebelum and none (or zero) setelah.
    pub dihapus: usize,
    /// Rows (indices) whose pagu changed.
    pub berubah: Vec<usize>,
}

/// What [`hitung`] derives.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct HitungRenja {
    /// Each row's node row: itself for a node row, the node above for an indicator row.
    pub simpul: Vec<Option<usize>>,
    /// Each node row's parent node row.
    pub induk: Vec<Option<usize>>,
    /// Each row's pagu murni as it stands (a node with rows below holding a pagu: their sum);
    /// None on indicator rows and where nothing is planned.
    pub murni: Vec<Option<Decimal>>,
    pub perubahan: Vec<Option<Decimal>>,
    pub maju: Vec<Option<Decimal>>,
    /// Perubahan − murni per node row (only when the table prints both).
    pub selisih: Vec<Option<Decimal>>,
    /// The table's total: Σ of the top nodes.
    pub jumlah_murni: Option<Decimal>,
    pub jumlah_perubahan: Option<Decimal>,
    pub jumlah_maju: Option<Decimal>,
    /// Only when the table prints both versions.
    pub perubahan_pagu: Option<Perubahan>,
}

impl HitungRenja {
    pub fn pagu(&self, kolom: KolomPagu) -> &[Option<Decimal>] {
        match kolom {
            KolomPagu::Tahun(Versi::Murni) => &self.murni,
            KolomPagu::Tahun(Versi::Perubahan) => &self.perubahan,
            KolomPagu::Maju => &self.maju,
        }
    }

    pub fn jumlah(&self, kolom: KolomPagu) -> Option<Decimal> {
        match kolom {
            KolomPagu::Tahun(Versi::Murni) => self.jumlah_murni,
            KolomPagu::Tahun(Versi::Perubahan) => self.jumlah_perubahan,
            KolomPagu::Maju => self.jumlah_maju,
        }
    }
}

impl Renja {
    /// The Perangkat Daerah the table plans for: its unit organisasi row's name.
    pub fn unit(&self) -> Option<&str> {
        self.baris
            .iter()
            .find(|b| b.tingkat == Some(TingkatRenja::Unit))
            .map(|b| b.nama.as_str())
    }

    /// The money columns the table prints, in order.
    pub fn kolom_pagu(&self) -> Vec<KolomPagu> {
        let mut v: Vec<KolomPagu> = self
            .cetakan
            .versi()
            .iter()
            .map(|&v| KolomPagu::Tahun(v))
            .collect();
        v.push(KolomPagu::Maju);
        v
    }

    fn stated(&self, row: &BarisRenja, kolom: KolomPagu) -> Option<Decimal> {
        match kolom {
            KolomPagu::Tahun(v) => row.isian(v).pagu,
            KolomPagu::Maju => row.maju.pagu,
        }
    }

    fn letter(&self, kolom: KolomPagu) -> Option<&str> {
        match kolom {
            KolomPagu::Tahun(Versi::Murni) => self.kolom.pagu_murni.as_deref(),
            KolomPagu::Tahun(Versi::Perubahan) => self.kolom.pagu_perubahan.as_deref(),
            KolomPagu::Maju => self.kolom.pagu_maju.as_deref(),
        }
    }

    /// Where a row's value of `kolom` is (the sheet, the cell when the column is known).
    pub fn lokasi(&self, row: usize, kolom: Option<KolomPagu>) -> Location {
        let r = self.baris.get(row);
        let letter = match kolom {
            Some(k) => self.letter(k),
            None => self.kolom.selisih.as_deref(),
        };
        Location {
            sheet: (!self.lembar.is_empty()).then(|| self.lembar.clone()),
            cell: match (letter, r.map(|r| r.baris)) {
                (Some(l), Some(b)) if b > 0 => Some(format!("{l}{b}")),
                _ => None,
            },
            row: Some(row),
            field: None,
        }
    }
}

fn kolom_nama(kolom: KolomPagu) -> &'static str {
    match kolom {
        KolomPagu::Tahun(Versi::Murni) => "pagu indikatif",
        KolomPagu::Tahun(Versi::Perubahan) => "pagu indikatif setelah perubahan",
        KolomPagu::Maju => "pagu prakiraan maju",
    }
}

/// Rupiah as people write it: whole rupiah without decimals, else with two.
fn rp(v: Decimal) -> String {
    format!(
        "Rp {}",
        format_id(v, if v.fract().is_zero() { 0 } else { 2 })
    )
}

fn problem(code: &str, message: String, at: Location) -> Problem {
    Problem {
        severity: Severity::Warning,
        code: code.to_string(),
        message,
        at,
    }
}

/// The tree: each row's node row, and each node row's parent (the nearest node row above it
/// of a smaller depth).
fn pohon(r: &Renja) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let n = r.baris.len();
    let mut simpul = vec![None; n];
    let mut induk = vec![None; n];
    // The open nodes from the top: (depth, row).
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for (i, row) in r.baris.iter().enumerate() {
        match row.tingkat {
            Some(t) => {
                let d = t.kedalaman();
                while stack.last().is_some_and(|&(sd, _)| sd >= d) {
                    stack.pop();
                }
                induk[i] = stack.last().map(|&(_, p)| p);
                stack.push((d, i));
                simpul[i] = Some(i);
            }
            None => simpul[i] = stack.last().map(|&(_, p)| p),
        }
    }
    (simpul, induk)
}

/// Rolls the pagu up, computes the selisih and the total, and checks (see the module's doc).
pub fn hitung(r: &Renja) -> (HitungRenja, Vec<Problem>) {
    let n = r.baris.len();
    let (simpul, induk) = pohon(r);
    let mut problems = Vec::new();
    let mut anak: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, p) in induk.iter().enumerate() {
        if let (Some(p), Some(_)) = (p, r.baris[i].tingkat) {
            anak[*p].push(i);
        }
    }
    let mut out = HitungRenja {
        simpul: simpul.clone(),
        induk: induk.clone(),
        murni: vec![None; n],
        perubahan: vec![None; n],
        maju: vec![None; n],
        selisih: vec![None; n],
        ..HitungRenja::default()
    };
    for kolom in r.kolom_pagu() {
        // A node's own pagu: its row's, else its indicator rows' (a table may print a node's
        // pagu on the row of its second indicator); two different ones are a problem.
        let mut sendiri: Vec<Option<Decimal>> = vec![None; n];
        for (i, row) in r.baris.iter().enumerate() {
            let (Some(v), Some(s)) = (r.stated(row, kolom), simpul[i]) else {
                continue;
            };
            match sendiri[s] {
                None => sendiri[s] = Some(v),
                Some(w) if w != v => problems.push(problem(
                    "pagu_ganda",
                    format!(
                        "{} '{}' tertulis dua kali dengan nilai berbeda: {} dan {}",
                        kolom_nama(kolom),
                        r.baris[s].nama,
                        rp(w),
                        rp(v)
                    ),
                    r.lokasi(i, Some(kolom)),
                )),
                Some(_) => {}
            }
        }
        // Bottom-up: rows below a node come after it, so walking backwards sees children
        // first.
        let mut hasil: Vec<Option<Decimal>> = vec![None; n];
        // Found bottom-up; listed top-down, in the sheet's order.
        let mut induk_salah: Vec<Problem> = Vec::new();
        for i in (0..n).rev() {
            if r.baris[i].tingkat.is_none() {
                continue;
            }
            let kids: Vec<Decimal> = anak[i].iter().filter_map(|&c| hasil[c]).collect();
            if kids.is_empty() {
                hasil[i] = sendiri[i];
                continue;
            }
            let sum: Decimal = kids.iter().sum();
            hasil[i] = Some(sum);
            // The stated pagu against the rows right below as the file states them (a child
            // without its own, its sum): a wrong sub kegiatan shows on its kegiatan only.
            // A `-` (zero) on a node whose rows below hold money is a table that prints no
            // totals on that level (seed 002 Tabel 5.1's kegiatan), not a stated total.
            let stated = |c: usize| sendiri[c].filter(|v| !v.is_zero() || anak[c].is_empty());
            if let Some(own) = stated(i) {
                let stated_sum: Decimal =
                    anak[i].iter().filter_map(|&c| stated(c).or(hasil[c])).sum();
                if own != stated_sum {
                    let at = (0..n)
                        .find(|&j| simpul[j] == Some(i) && r.stated(&r.baris[j], kolom).is_some())
                        .unwrap_or(i);
                    induk_salah.push(problem(
                        "jumlah_induk",
                        format!(
                            "{} {} '{}' {} tidak sama dengan jumlah di bawahnya {} (selisih {})",
                            kolom_nama(kolom),
                            r.baris[i].tingkat.map_or("", TingkatRenja::nama),
                            r.baris[i].nama,
                            rp(own),
                            rp(stated_sum),
                            rp(own - stated_sum)
                        ),
                        r.lokasi(at, Some(kolom)),
                    ));
                }
            }
        }
        induk_salah.reverse();
        problems.append(&mut induk_salah);
        let tops: Vec<Decimal> = (0..n)
            .filter(|&i| r.baris[i].tingkat.is_some() && induk[i].is_none())
            .filter_map(|i| hasil[i])
            .collect();
        let total = (!tops.is_empty()).then(|| tops.iter().sum::<Decimal>());
        if let (Some(j), Some(t)) = (&r.jumlah, total) {
            let stated = match kolom {
                KolomPagu::Tahun(v) => j.pagu(v),
                KolomPagu::Maju => j.maju,
            };
            if let Some(s) = stated.filter(|&s| s != t) {
                let letter = r.letter(kolom);
                problems.push(problem(
                    "jumlah_berkas",
                    format!(
                        "Baris Jumlah {} {} tidak sama dengan jumlah baris-barisnya {} (selisih {})",
                        kolom_nama(kolom),
                        rp(s),
                        rp(t),
                        rp(s - t)
                    ),
                    Location {
                        sheet: (!r.lembar.is_empty()).then(|| r.lembar.clone()),
                        cell: letter.map(|l| format!("{l}{}", j.baris)),
                        row: None,
                        field: None,
                    },
                ));
            }
        }
        match kolom {
            KolomPagu::Tahun(Versi::Murni) => {
                out.murni = hasil;
                out.jumlah_murni = total;
            }
            KolomPagu::Tahun(Versi::Perubahan) => {
                out.perubahan = hasil;
                out.jumlah_perubahan = total;
            }
            KolomPagu::Maju => {
                out.maju = hasil;
                out.jumlah_maju = total;
            }
        }
    }
    if r.cetakan == Cetakan::SebelumSesudah {
        let mut ringkas = Perubahan::default();
        for (i, (row, kids)) in r.baris.iter().zip(&anak).enumerate() {
            let Some(t) = row.tingkat else {
                continue;
            };
            let (a, b) = (out.murni[i], out.perubahan[i]);
            if a.is_none() && b.is_none() {
                continue;
            }
            let d = b.unwrap_or_default() - a.unwrap_or_default();
            out.selisih[i] = Some(d);
            if let Some(s) = row.selisih.filter(|&s| s != d) {
                problems.push(problem(
                    "selisih_salah",
                    format!(
                        "Jumlah perubahan '{}' tertulis {}, sedangkan setelah − sebelum perubahan = {}",
                        row.nama,
                        rp(s),
                        rp(d)
                    ),
                    r.lokasi(i, None),
                ));
            }
            if t == TingkatRenja::SubKegiatan || (kids.is_empty() && t >= TingkatRenja::Program) {
                if d > Decimal::ZERO {
                    ringkas.bertambah += d;
                } else {
                    ringkas.berkurang -= d;
                }
                if d != Decimal::ZERO {
                    ringkas.berubah.push(i);
                }
                let ada = |v: Option<Decimal>| v.is_some_and(|v| v != Decimal::ZERO);
                if !ada(a) && ada(b) {
                    ringkas.baru += 1;
                }
                if ada(a) && !ada(b) {
                    ringkas.dihapus += 1;
                }
            }
        }
        out.perubahan_pagu = Some(ringkas);
    }
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A row: level (None: indicator), kode, name, pagu murni, pagu perubahan, maju.
    fn row(
        t: Option<TingkatRenja>,
        nama: &str,
        murni: Option<&str>,
        perubahan: Option<&str>,
        maju: Option<&str>,
    ) -> BarisRenja {
        let mut b = BarisRenja::kosong(t);
        b.nama = nama.to_string();
        b.murni.pagu = murni.map(d);
        b.perubahan.pagu = perubahan.map(d);
        b.maju.pagu = maju.map(d);
        b
    }

    use TingkatRenja::*;

    fn table(cetakan: Cetakan, rows: Vec<BarisRenja>) -> Renja {
        let mut r = Renja {
            cetakan,
            lembar: "Renja".into(),
            baris: rows,
            kolom: KolomRenja {
                pagu_murni: Some("F".into()),
                pagu_perubahan: Some("G".into()),
                selisih: Some("H".into()),
                pagu_maju: Some("J".into()),
            },
            ..Renja::default()
        };
        for (i, b) in r.baris.iter_mut().enumerate() {
            b.baris = i as u32 + 5;
        }
        r
    }

    #[test]
    fn pagu_rolls_up_and_a_wrong_row_is_one_problem_on_its_parent() {
        // Program (stated 300, right) > kegiatan A (stated 250, wrong: subs 100 + 100) and
        // kegiatan B (no own pagu, 50 from its sub).
        let r = table(
            Cetakan::Murni,
            vec![
                row(Some(Program), "P", Some("300"), None, None),
                row(Some(Kegiatan), "A", Some("250"), None, Some("1")),
                row(Some(SubKegiatan), "A1", Some("100"), None, Some("1")),
                row(None, "", None, None, None),
                row(Some(SubKegiatan), "A2", Some("100"), None, None),
                row(Some(Kegiatan), "B", None, None, None),
                row(Some(SubKegiatan), "B1", Some("50"), None, Some("2")),
            ],
        );
        let (h, p) = hitung(&r);
        assert_eq!(h.murni[1], Some(d("200")));
        assert_eq!(h.murni[5], Some(d("50")));
        assert_eq!(h.murni[0], Some(d("250")));
        assert_eq!(h.murni[3], None);
        assert_eq!(h.jumlah_murni, Some(d("250")));
        assert_eq!(h.simpul[3], Some(2));
        assert_eq!(h.induk[6], Some(5));
        // n+1: the kegiatan A stated 1, its subs sum to 1: right; B's is its sub's.
        assert_eq!(h.maju[0], Some(d("3")));
        let codes: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|p| (p.code.as_str(), p.at.cell.as_deref()))
            .collect();
        // Kegiatan A is wrong (250 vs 200); the program's 300 equals 250 + 50 as stated.
        assert_eq!(codes, vec![("jumlah_induk", Some("F6"))]);
        assert!(p[0].message.contains("Rp 250"), "{}", p[0].message);
    }

    #[test]
    fn a_dash_on_a_parent_with_money_below_states_no_total_but_one_on_a_leaf_is_zero() {
        let r = table(
            Cetakan::Murni,
            vec![
                row(Some(Program), "P", Some("500"), None, None),
                // `-` over subs with money: no total stated, no problem.
                row(Some(Kegiatan), "A", Some("0"), None, None),
                row(Some(SubKegiatan), "A1", Some("100"), None, None),
                // A stated kegiatan over two `-` subs: 400 ≠ 0.
                row(Some(Kegiatan), "B", Some("400"), None, None),
                row(Some(SubKegiatan), "B1", Some("0"), None, None),
                row(Some(SubKegiatan), "B2", Some("0"), None, None),
            ],
        );
        let (h, p) = hitung(&r);
        assert_eq!(h.murni[1], Some(d("100")));
        assert_eq!(h.murni[3], Some(d("0")));
        let codes: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|p| (p.code.as_str(), p.at.cell.as_deref()))
            .collect();
        // B is wrong; the program's 500 = 100 (A, from below) + 400 (B as stated).
        assert_eq!(codes, vec![("jumlah_induk", Some("F8"))]);
    }

    #[test]
    fn a_pagu_on_an_indicator_row_is_its_nodes_and_two_different_ones_are_flagged() {
        let r = table(
            Cetakan::Murni,
            vec![
                row(Some(Program), "P", None, None, None),
                row(None, "", Some("90"), None, None),
                row(Some(Kegiatan), "K", Some("90"), None, None),
                row(None, "", Some("80"), None, None),
            ],
        );
        let (h, p) = hitung(&r);
        assert_eq!(h.murni[0], Some(d("90")));
        assert_eq!(h.murni[2], Some(d("90")));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].code, "pagu_ganda");
        assert_eq!(p[0].at.cell.as_deref(), Some("F8"));
    }

    #[test]
    fn sebelum_sesudah_gives_selisih_and_what_changed() {
        let mut rows = vec![
            row(Some(Program), "P", None, None, None),
            row(Some(Kegiatan), "K", Some("300"), Some("380"), None),
            row(Some(SubKegiatan), "naik", Some("100"), Some("150"), None),
            row(Some(SubKegiatan), "turun", Some("200"), Some("130"), None),
            row(Some(SubKegiatan), "baru", None, Some("100"), None),
        ];
        rows[1].selisih = Some(d("80"));
        rows[2].selisih = Some(d("50"));
        // Wrong: -70 printed as 70.
        rows[3].selisih = Some(d("70"));
        let mut r = table(Cetakan::SebelumSesudah, rows);
        r.jumlah = Some(JumlahRenja {
            baris: 10,
            murni: Some(d("300")),
            perubahan: Some(d("390")),
            maju: None,
        });
        let (h, p) = hitung(&r);
        assert_eq!(h.selisih[0], Some(d("80")));
        assert_eq!(h.selisih[4], Some(d("100")));
        let ringkas = h.perubahan_pagu.unwrap();
        assert_eq!(ringkas.bertambah, d("150"));
        assert_eq!(ringkas.berkurang, d("70"));
        assert_eq!(ringkas.baru, 1);
        assert_eq!(ringkas.dihapus, 0);
        assert_eq!(ringkas.berubah, vec![2, 3, 4]);
        let codes: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|p| (p.code.as_str(), p.at.cell.as_deref()))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("jumlah_berkas", Some("G10")),
                ("selisih_salah", Some("H8"))
            ]
        );
    }

    #[test]
    fn unit_rows_hold_their_programs_and_bidang_their_units() {
        let r = table(
            Cetakan::Perubahan,
            vec![
                row(Some(BidangUrusan), "5.03", None, None, None),
                row(Some(Unit), "Badan", None, None, None),
                row(Some(Program), "P1", None, Some("10"), None),
                row(Some(BidangUrusan), "5.04", None, None, None),
                row(Some(Unit), "Badan", None, None, None),
                row(Some(Program), "P2", None, Some("5"), None),
            ],
        );
        let (h, p) = hitung(&r);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(h.induk[2], Some(1));
        assert_eq!(h.induk[4], Some(3));
        assert_eq!(h.perubahan[0], Some(d("10")));
        assert_eq!(h.jumlah_perubahan, Some(d("15")));
        assert_eq!(h.jumlah_murni, None);
    }
}
