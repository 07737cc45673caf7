//! Budget tables (*anggaran*): what SIPD exports hold — the rekapitulasi belanja (DPA with
//! realisasi), the anggaran kas (RAK), the rincian APBD, the LRA by rekening — as rows of one
//! tree, rolled up and checked.
//!
//! A reader hands over each sheet's rows as it found them ([`BarisMasukan`]: the row's level,
//! kode and name, its values, the path of codes and names a flat export prints beside it, its
//! sheet and row); [`susun`] builds the tree:
//!
//! - planning nodes (urusan … sub kegiatan) are one node per canonical kode (else per name
//!   under the same parent), whether a row states them (an interleaved rekap prints program,
//!   kegiatan and sub kegiatan rows with their totals) or only the columns of rows below them
//!   name them (a flat export prints every rekening with its full path); the same kode with
//!   another name is a located warning, the first name stays;
//! - rekening rows are leaves of their sub kegiatan, one node per row; a rekening whose code
//!   extends an earlier one's (`5.1.02` under `5.1`, the LRA) is its child;
//! - sheets: an induk sheet and per-bidang sheets are not counted twice — a sheet whose every
//!   sub kegiatan (kode and name) is also in another, larger sheet is a part of it: its rows
//!   check the induk's (each sub kegiatan's figures compared) and are not added; sheets that
//!   are no part of another are added together.
//!
//! [`gulung`] rolls the leaves up (every node with children holds the sum of its children's
//! rolled-up values; a node whose children hold nothing of a measure keeps its own) and checks,
//! one located problem per cause: a stated parent total against the sum of its children's
//! stated values (so one wrong row is one problem, not one per ancestor), the file's own totals
//! (a sums row above the data, a `SUBTOTAL`, a `JUMLAH` row) against the rows' sum, realisasi
//! over anggaran (the lowest row where it happens), quarters against their months, the
//! months of the anggaran kas against the anggaran, operasi + modal against the total, and a
//! stated % or sisa against the figures beside it. Penyerapan: [`penyerapan`] (realisasi ÷
//! pagu) and [`penyerapan_tw`] (realisasi TW ÷ anggaran kas TW, two tables matched by kode).
//!
//! Money is `Decimal`; percentages are computed unrounded ([`crate::num::round_half_up`] only
//! for display and for comparing with a figure the file rounded).

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::model::{Location, Problem, Severity};
use crate::num::{format_id, round_half_up};
use crate::teks;

/// A row's level in the budget tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Jenjang {
    Urusan,
    BidangUrusan,
    Program,
    Kegiatan,
    SubKegiatan,
    #[default]
    Rekening,
}

impl Jenjang {
    /// Depth: urusan 0 … rekening 5.
    pub fn kedalaman(self) -> u8 {
        self as u8
    }

    pub fn nama(self) -> &'static str {
        match self {
            Jenjang::Urusan => "urusan",
            Jenjang::BidangUrusan => "bidang urusan",
            Jenjang::Program => "program",
            Jenjang::Kegiatan => "kegiatan",
            Jenjang::SubKegiatan => "sub kegiatan",
            Jenjang::Rekening => "rekening",
        }
    }

    /// The level of a canonical planning kode by its segments (`1` urusan, `1.02` bidang,
    /// `1.02.01` program, `1.02.01.2.01` kegiatan, `1.02.01.2.01.0001` sub kegiatan).
    pub fn of_kode(kode: &str) -> Option<Jenjang> {
        let segs: Vec<&str> = kode.split('.').collect();
        let digit_or_x = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || b == b'X');
        match segs.as_slice() {
            [u] => return (u.len() == 1 && digit_or_x(u)).then_some(Jenjang::Urusan),
            [u, b] => {
                return (u.len() == 1 && b.len() == 2 && digit_or_x(u) && digit_or_x(b))
                    .then_some(Jenjang::BidangUrusan)
            }
            _ => {}
        }
        crate::kode::level_of(kode).map(|l| match l {
            crate::model::Level::Program => Jenjang::Program,
            crate::model::Level::Kegiatan => Jenjang::Kegiatan,
            _ => Jenjang::SubKegiatan,
        })
    }
}

/// What a value measures. Every one but [`Besaran::Persen`] adds up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Besaran {
    /// Anggaran (pagu; *nilai rincian* of an anggaran kas).
    Anggaran,
    Realisasi,
    AnggaranOperasi,
    AnggaranModal,
    RealisasiOperasi,
    RealisasiModal,
    /// Sisa anggaran as the file states it.
    Sisa,
    /// Total of the anggaran kas as the file states it (*Total RAK*).
    KasTotal,
    /// Realisasi of the year before (LRA).
    RealisasiLalu,
    /// Anggaran kas of quarter 1..=4.
    KasTw(u8),
    /// Anggaran kas of month 1..=12.
    KasBulan(u8),
    RealisasiTw(u8),
    RealisasiBulan(u8),
    /// Penyerapan (%) as the file states it: compared, never summed.
    Persen,
}

/// How many measures a [`Nilai`] holds.
pub const JUMLAH_BESARAN: usize = 42;

impl Besaran {
    /// Its slot in a [`Nilai`] (None for a quarter or month out of range).
    pub fn indeks(self) -> Option<usize> {
        let q =
            |n: u8, max: u8, base: usize| (1..=max).contains(&n).then(|| base + usize::from(n) - 1);
        match self {
            Besaran::Anggaran => Some(0),
            Besaran::Realisasi => Some(1),
            Besaran::AnggaranOperasi => Some(2),
            Besaran::AnggaranModal => Some(3),
            Besaran::RealisasiOperasi => Some(4),
            Besaran::RealisasiModal => Some(5),
            Besaran::Sisa => Some(6),
            Besaran::KasTotal => Some(7),
            Besaran::RealisasiLalu => Some(8),
            Besaran::KasTw(n) => q(n, 4, 9),
            Besaran::KasBulan(n) => q(n, 12, 13),
            Besaran::RealisasiTw(n) => q(n, 4, 25),
            Besaran::RealisasiBulan(n) => q(n, 12, 29),
            Besaran::Persen => Some(41),
        }
    }

    /// Every measure, in slot order.
    pub fn semua() -> Vec<Besaran> {
        let mut v = vec![
            Besaran::Anggaran,
            Besaran::Realisasi,
            Besaran::AnggaranOperasi,
            Besaran::AnggaranModal,
            Besaran::RealisasiOperasi,
            Besaran::RealisasiModal,
            Besaran::Sisa,
            Besaran::KasTotal,
            Besaran::RealisasiLalu,
        ];
        v.extend((1..=4).map(Besaran::KasTw));
        v.extend((1..=12).map(Besaran::KasBulan));
        v.extend((1..=4).map(Besaran::RealisasiTw));
        v.extend((1..=12).map(Besaran::RealisasiBulan));
        v.push(Besaran::Persen);
        v
    }

    /// Adds up over rows (everything but a percentage).
    pub fn dijumlah(self) -> bool {
        self != Besaran::Persen
    }

    /// Stable key (`anggaran`, `kas_tw2`, `realisasi_bulan11`).
    pub fn kunci(self) -> String {
        match self {
            Besaran::Anggaran => "anggaran".into(),
            Besaran::Realisasi => "realisasi".into(),
            Besaran::AnggaranOperasi => "anggaran_operasi".into(),
            Besaran::AnggaranModal => "anggaran_modal".into(),
            Besaran::RealisasiOperasi => "realisasi_operasi".into(),
            Besaran::RealisasiModal => "realisasi_modal".into(),
            Besaran::Sisa => "sisa".into(),
            Besaran::KasTotal => "kas_total".into(),
            Besaran::RealisasiLalu => "realisasi_lalu".into(),
            Besaran::KasTw(n) => format!("kas_tw{n}"),
            Besaran::KasBulan(n) => format!("kas_bulan{n}"),
            Besaran::RealisasiTw(n) => format!("realisasi_tw{n}"),
            Besaran::RealisasiBulan(n) => format!("realisasi_bulan{n}"),
            Besaran::Persen => "persen".into(),
        }
    }

    /// As people write it, for messages.
    pub fn nama(self) -> String {
        match self {
            Besaran::Anggaran => "anggaran".into(),
            Besaran::Realisasi => "realisasi".into(),
            Besaran::AnggaranOperasi => "anggaran belanja operasi".into(),
            Besaran::AnggaranModal => "anggaran belanja modal".into(),
            Besaran::RealisasiOperasi => "realisasi belanja operasi".into(),
            Besaran::RealisasiModal => "realisasi belanja modal".into(),
            Besaran::Sisa => "sisa anggaran".into(),
            Besaran::KasTotal => "total anggaran kas".into(),
            Besaran::RealisasiLalu => "realisasi tahun lalu".into(),
            Besaran::KasTw(n) => format!("anggaran kas TW {n}"),
            Besaran::KasBulan(n) => format!("anggaran kas bulan {n}"),
            Besaran::RealisasiTw(n) => format!("realisasi TW {n}"),
            Besaran::RealisasiBulan(n) => format!("realisasi bulan {n}"),
            Besaran::Persen => "persentase realisasi".into(),
        }
    }
}

/// A row's values, one slot per [`Besaran`] (None: the file left it empty). JSON: an object
/// of the filled slots by [`Besaran::kunci`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Nilai([Option<Decimal>; JUMLAH_BESARAN]);

impl Default for Nilai {
    fn default() -> Self {
        Nilai([None; JUMLAH_BESARAN])
    }
}

impl Nilai {
    pub fn get(&self, b: Besaran) -> Option<Decimal> {
        b.indeks().and_then(|i| self.0[i])
    }

    pub fn set(&mut self, b: Besaran, v: Option<Decimal>) {
        if let Some(i) = b.indeks() {
            self.0[i] = v;
        }
    }

    /// Adds `v` to the slot (an empty slot counts as zero once something is added).
    pub fn tambah(&mut self, b: Besaran, v: Decimal) {
        if let Some(i) = b.indeks() {
            self.0[i] = Some(self.0[i].unwrap_or_default() + v);
        }
    }

    /// The filled slots, in slot order.
    pub fn terisi(&self) -> impl Iterator<Item = (Besaran, Decimal)> + '_ {
        Besaran::semua()
            .into_iter()
            .filter_map(|b| self.get(b).map(|v| (b, v)))
    }

    pub fn kosong(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

impl Serialize for Nilai {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let map: BTreeMap<String, String> = self
            .terisi()
            .map(|(b, v)| (b.kunci(), v.to_string()))
            .collect();
        map.serialize(s)
    }
}

/// Where a row is: its sheet (index into [`Anggaran::lembar`]) and 1-based sheet row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Asal {
    pub lembar: usize,
    pub baris: u32,
}

/// A sheet read: its name and the column (letters) of each measure, of the name and the kode.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct Lembar {
    pub nama: String,
    pub kolom: Vec<(Besaran, String)>,
    /// The column of the row's name (for problems about a row rather than a value).
    pub kolom_nama: Option<String>,
    /// The column of each level's name, when the sheet has one per level (flat exports).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kolom_jenjang: Vec<(Jenjang, String)>,
    /// A part of sheet `bagian_dari` (an induk): its rows checked the induk's, not added.
    pub bagian_dari: Option<usize>,
}

impl Serialize for Besaran {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.kunci())
    }
}

impl Lembar {
    pub fn kolom_of(&self, b: Besaran) -> Option<&str> {
        self.kolom
            .iter()
            .find(|(k, _)| *k == b)
            .map(|(_, c)| c.as_str())
    }
}

/// One node of the budget tree: a planning node (one per kode) or a rekening row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Baris {
    pub jenjang: Jenjang,
    /// Canonical kode of its level (a rekening's own code for a rekening row).
    pub kode: Option<String>,
    /// The kode as the file spelled it.
    pub kode_berkas: Option<String>,
    pub nama: String,
    /// The node above it.
    pub induk: Option<usize>,
    /// The values the file stated on the node's own rows (summed when several rows state the
    /// same node); empty for a node only named by its children's kode columns.
    pub dinyatakan: Nilai,
    /// The values after [`gulung`]: the sum of its children's, else its own.
    pub dihitung: Nilai,
    /// The file printed a row of its own for it (not only a kode in its children's columns).
    pub berbaris: bool,
    /// Its first row in the file.
    pub asal: Asal,
    /// The sheet (bidang) it was read from.
    pub bidang: Option<String>,
}

impl Baris {
    /// Its ancestors' kodes and its own: (urusan, bidang, program, kegiatan, sub kegiatan,
    /// rekening), each when known.
    pub fn bagian(&self, tabel: &Anggaran) -> BagianKode {
        let mut out = BagianKode::default();
        let mut at = Some(self);
        while let Some(b) = at {
            let slot = match b.jenjang {
                Jenjang::Urusan => &mut out.urusan,
                Jenjang::BidangUrusan => &mut out.bidang,
                Jenjang::Program => &mut out.program,
                Jenjang::Kegiatan => &mut out.kegiatan,
                Jenjang::SubKegiatan => &mut out.sub_kegiatan,
                Jenjang::Rekening => &mut out.rekening,
            };
            if slot.is_none() {
                slot.clone_from(&b.kode);
            }
            at = b.induk.and_then(|i| tabel.baris.get(i));
        }
        out
    }
}

/// A row's kode split into its parts.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct BagianKode {
    pub urusan: Option<String>,
    pub bidang: Option<String>,
    pub program: Option<String>,
    pub kegiatan: Option<String>,
    pub sub_kegiatan: Option<String>,
    pub rekening: Option<String>,
}

/// What a total row of the file sums.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "lingkup", content = "nama")]
pub enum Lingkup {
    /// Every row of its sheet (a sums row above the data, a `SUBTOTAL`, `JUMLAH`/`TOTAL`).
    Lembar,
    /// The node of that name (`JUMLAH BELANJA OPERASI` → `BELANJA OPERASI`).
    Simpul(String),
}

/// A total the file states for itself.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JumlahBerkas {
    pub label: String,
    pub lingkup: Lingkup,
    pub nilai: Nilai,
    pub asal: Asal,
}

/// A budget table: every node in file order (parents before children), the file's own
/// totals, the sheets read.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct Anggaran {
    pub tahun: Option<i32>,
    pub baris: Vec<Baris>,
    pub jumlah: Vec<JumlahBerkas>,
    pub lembar: Vec<Lembar>,
}

/// A node named by a flat export's columns beside a row (an ancestor of the row).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SimpulJalur {
    pub jenjang: Jenjang,
    pub kode: Option<String>,
    pub kode_berkas: Option<String>,
    pub nama: String,
}

/// One row as a reader found it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BarisMasukan {
    /// Its ancestors as its own columns name them (flat exports), outermost first; empty
    /// when the rows are interleaved (the ancestors are rows above it).
    pub jalur: Vec<SimpulJalur>,
    pub jenjang: Jenjang,
    pub kode: Option<String>,
    pub kode_berkas: Option<String>,
    pub nama: String,
    pub nilai: Nilai,
    pub baris: u32,
}

/// One sheet as a reader found it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LembarMasukan {
    pub lembar: Lembar,
    pub baris: Vec<BarisMasukan>,
    pub jumlah: Vec<JumlahBerkas>,
}

fn problem(severity: Severity, code: &str, message: String, at: Location) -> Problem {
    Problem {
        severity,
        code: code.into(),
        message,
        at,
    }
}

impl Anggaran {
    /// The sheets read, by name (a per-bidang sheet that is part of its induk is not one of
    /// them): `Induk, Bidang SDK`.
    pub fn nama_lembar(&self) -> String {
        self.lembar
            .iter()
            .filter(|l| l.bagian_dari.is_none())
            .map(|l| l.nama.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The cell of a row's measure (else its name cell, else the sheet).
    pub fn lokasi(&self, asal: Asal, b: Option<Besaran>) -> Location {
        let lembar = self.lembar.get(asal.lembar);
        let col = lembar.and_then(|l| {
            b.and_then(|b| l.kolom_of(b))
                .or(l.kolom_nama.as_deref())
                .map(str::to_string)
        });
        Location {
            sheet: lembar.map(|l| l.nama.clone()),
            cell: col.map(|c| format!("{c}{}", asal.baris)),
            row: None,
            field: None,
        }
    }

    /// The cell of a node's name: its level's name column in a flat export, else the row's.
    pub fn lokasi_jenjang(&self, asal: Asal, jenjang: Jenjang) -> Location {
        let mut at = self.lokasi(asal, None);
        let col = self.lembar.get(asal.lembar).and_then(|l| {
            l.kolom_jenjang
                .iter()
                .find(|(j, _)| *j == jenjang)
                .map(|(_, c)| c.clone())
        });
        if let Some(c) = col {
            at.cell = Some(format!("{c}{}", asal.baris));
        }
        at
    }

    /// Each node's children, in order.
    pub fn anak(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.baris.len()];
        for (i, b) in self.baris.iter().enumerate() {
            if let Some(p) = b.induk {
                out[p].push(i);
            }
        }
        out
    }

    /// The nodes of a level.
    pub fn per_jenjang(&self, j: Jenjang) -> impl Iterator<Item = &Baris> {
        self.baris.iter().filter(move |b| b.jenjang == j)
    }

    /// The sum of the rolled-up values of the nodes without a parent.
    pub fn total(&self) -> Nilai {
        let mut t = Nilai::default();
        for b in self.baris.iter().filter(|b| b.induk.is_none()) {
            for (k, v) in b.dihitung.terisi() {
                if k.dijumlah() {
                    t.tambah(k, v);
                }
            }
        }
        t
    }
}

/// A planning node's identity: its kode, else its name under its parent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Kunci {
    Kode(Jenjang, String),
    Nama(Jenjang, Option<usize>, String),
}

struct Penyusun {
    tabel: Anggaran,
    planning: HashMap<Kunci, usize>,
    problems: Vec<Problem>,
    /// (node, name key) already reported as differing.
    beda_nama: Vec<(usize, String)>,
}

impl Penyusun {
    /// The planning node for (jenjang, kode, name) under `induk`: found, else added.
    fn simpul(&mut self, s: &SimpulJalur, induk: Option<usize>, asal: Asal, bidang: &str) -> usize {
        let key = match &s.kode {
            Some(k) => Kunci::Kode(s.jenjang, k.clone()),
            None => Kunci::Nama(s.jenjang, induk, teks::kunci(&s.nama)),
        };
        if let Some(&at) = self.planning.get(&key) {
            let name = teks::kunci(&s.nama);
            let node = &self.tabel.baris[at];
            if !name.is_empty()
                && !node.nama.is_empty()
                && teks::kunci(&node.nama) != name
                && !self.beda_nama.contains(&(at, name.clone()))
            {
                self.beda_nama.push((at, name));
                let first = self.tabel.lokasi_jenjang(node.asal, node.jenjang);
                let msg = format!(
                    "Kode {} {} '{}' bernama lain di sini: '{}' (nama pertama '{}' di {}{} dipakai)",
                    s.jenjang.nama(),
                    s.kode.as_deref().unwrap_or("-"),
                    s.kode_berkas.as_deref().unwrap_or(""),
                    s.nama.trim(),
                    node.nama,
                    first.sheet.as_deref().unwrap_or(""),
                    first.cell.map(|c| format!("!{c}")).unwrap_or_default(),
                );
                let at = self.tabel.lokasi_jenjang(asal, s.jenjang);
                self.problems
                    .push(problem(Severity::Warning, "kode_nama_berbeda", msg, at));
            }
            if self.tabel.baris[at].nama.is_empty() && !s.nama.trim().is_empty() {
                self.tabel.baris[at].nama = s.nama.trim().to_string();
            }
            return at;
        }
        let id = self.tabel.baris.len();
        self.tabel.baris.push(Baris {
            jenjang: s.jenjang,
            kode: s.kode.clone(),
            kode_berkas: s.kode_berkas.clone(),
            nama: s.nama.trim().to_string(),
            induk,
            dinyatakan: Nilai::default(),
            dihitung: Nilai::default(),
            berbaris: false,
            asal,
            bidang: Some(bidang.to_string()),
        });
        self.planning.insert(key, id);
        id
    }

    /// The planning node a kode's prefix names (the nearest ancestor already known).
    fn induk_by_kode(&self, kode: &str, jenjang: Jenjang) -> Option<usize> {
        let segs: Vec<&str> = kode.split('.').collect();
        (1..segs.len()).rev().find_map(|n| {
            let prefix = segs[..n].join(".");
            let j = Jenjang::of_kode(&prefix)?;
            (j < jenjang)
                .then(|| self.planning.get(&Kunci::Kode(j, prefix)).copied())
                .flatten()
        })
    }

    fn sheet(&mut self, lembar: usize, rows: &[BarisMasukan], bidang: &str) {
        // Open planning rows by depth (interleaved files) and the rekening chain under the
        // current planning node.
        let mut open: Vec<usize> = Vec::new();
        let mut rekening: Vec<usize> = Vec::new();
        // The planning node the rekening chain is under.
        let mut under: Option<Option<usize>> = None;
        for row in rows {
            let asal = Asal {
                lembar,
                baris: row.baris,
            };
            // The path the row's own columns give.
            let mut induk: Option<usize> = None;
            for s in &row.jalur {
                induk = Some(self.simpul(s, induk, asal, bidang));
            }
            if row.jenjang != Jenjang::Rekening {
                // A planning row: its parent by its path, else by kode, else by order.
                let parent = induk
                    .or_else(|| {
                        row.kode
                            .as_deref()
                            .and_then(|k| self.induk_by_kode(k, row.jenjang))
                    })
                    .or_else(|| {
                        open.iter()
                            .rev()
                            .copied()
                            .find(|&i| self.tabel.baris[i].jenjang < row.jenjang)
                    });
                let me = SimpulJalur {
                    jenjang: row.jenjang,
                    kode: row.kode.clone(),
                    kode_berkas: row.kode_berkas.clone(),
                    nama: row.nama.clone(),
                };
                let id = self.simpul(&me, parent, asal, bidang);
                let node = &mut self.tabel.baris[id];
                if !node.berbaris {
                    node.berbaris = true;
                    node.asal = asal;
                }
                for (b, v) in row.nilai.terisi() {
                    if b.dijumlah() || node.dinyatakan.get(b).is_none() {
                        node.dinyatakan.tambah(b, v);
                    }
                }
                while open
                    .last()
                    .is_some_and(|&i| self.tabel.baris[i].jenjang >= row.jenjang)
                {
                    open.pop();
                }
                open.push(id);
                rekening.clear();
                under = None;
                continue;
            }
            // A rekening row: under the planning node its path names, else the deepest open
            // one; under an earlier rekening of the same node whose code it extends.
            let planning = induk.or_else(|| open.last().copied());
            if let Some(p) = induk {
                // A flat row: the open chain is its path's.
                open.clear();
                open.push(p);
            }
            if under != Some(planning) {
                rekening.clear();
                under = Some(planning);
            }
            while let Some(&top) = rekening.last() {
                let extends = match (&self.tabel.baris[top].kode, &row.kode) {
                    (Some(a), Some(b)) => b.len() > a.len() && b.starts_with(&format!("{a}.")),
                    _ => false,
                };
                if extends {
                    break;
                }
                rekening.pop();
            }
            let parent = rekening.last().copied().or(planning);
            let id = self.tabel.baris.len();
            self.tabel.baris.push(Baris {
                jenjang: Jenjang::Rekening,
                kode: row.kode.clone(),
                kode_berkas: row.kode_berkas.clone(),
                nama: row.nama.trim().to_string(),
                induk: parent,
                dinyatakan: row.nilai.clone(),
                dihitung: Nilai::default(),
                berbaris: true,
                asal,
                bidang: Some(bidang.to_string()),
            });
            rekening.push(id);
        }
    }
}

/// Builds one sheet's (or several sheets') table.
fn susun_lembar(
    lembar: &[Lembar],
    sheets: &[(usize, &LembarMasukan)],
    tahun: Option<i32>,
) -> (Anggaran, Vec<Problem>) {
    let mut p = Penyusun {
        tabel: Anggaran {
            tahun,
            baris: Vec::new(),
            jumlah: Vec::new(),
            lembar: lembar.to_vec(),
        },
        planning: HashMap::new(),
        problems: Vec::new(),
        beda_nama: Vec::new(),
    };
    for &(i, s) in sheets {
        p.sheet(i, &s.baris, &s.lembar.nama);
        p.tabel.jumlah.extend(s.jumlah.iter().cloned());
    }
    (p.tabel, p.problems)
}

/// The (kode or name) keys of a sheet's sub kegiatan, with their names.
fn sub_kegiatan_of(t: &Anggaran) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = t
        .per_jenjang(Jenjang::SubKegiatan)
        .map(|b| (b.kode.clone().unwrap_or_default(), teks::kunci(&b.nama)))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Builds the table of a workbook's sheets: the induk/bidang decision (see the module doc),
/// the tree, then [`gulung`]. Problems: names that differ for one kode, a bidang sheet that
/// differs from its induk, and everything [`gulung`] finds; one note per bidang sheet read as a
/// part of its induk.
pub fn susun(sheets: Vec<LembarMasukan>, tahun: Option<i32>) -> (Anggaran, Vec<Problem>) {
    let mut lembar: Vec<Lembar> = sheets.iter().map(|s| s.lembar.clone()).collect();
    let mut problems = Vec::new();
    // Each sheet alone first (when there are several): its sub kegiatan decide which sheets
    // are parts of another.
    let alone: Vec<(Anggaran, Vec<Problem>)> = if sheets.len() > 1 {
        sheets
            .iter()
            .enumerate()
            .map(|(i, s)| gulung(susun_lembar(&lembar, &[(i, s)], tahun).0))
            .collect()
    } else {
        Vec::new()
    };
    let keys: Vec<Vec<(String, String)>> = alone.iter().map(|(t, _)| sub_kegiatan_of(t)).collect();
    for b in 0..keys.len() {
        if keys[b].is_empty() {
            continue;
        }
        let induk = (0..keys.len()).find(|&a| {
            a != b
                && (keys[a].len() > keys[b].len() || (keys[a].len() == keys[b].len() && a < b))
                && keys[b].iter().all(|k| keys[a].binary_search(k).is_ok())
        });
        lembar[b].bagian_dari = induk;
    }
    // A part of a part is a part of the induk's induk.
    for b in 0..lembar.len() {
        let mut seen = 0;
        while let Some(a) = lembar[b].bagian_dari.and_then(|a| lembar[a].bagian_dari) {
            lembar[b].bagian_dari = Some(a);
            seen += 1;
            if seen > lembar.len() {
                lembar[b].bagian_dari = None;
                break;
            }
        }
    }
    let added: Vec<(usize, &LembarMasukan)> = sheets
        .iter()
        .enumerate()
        .filter(|(i, _)| lembar[*i].bagian_dari.is_none())
        .collect();
    let (tabel, mut found) = susun_lembar(&lembar, &added, tahun);
    problems.append(&mut found);
    let (tabel, mut found) = gulung(tabel);
    problems.append(&mut found);
    // Each part sheet: its own checks, and each of its sub kegiatan against the induk's.
    for (b, (part, part_problems)) in alone.into_iter().enumerate() {
        let Some(a) = lembar[b].bagian_dari else {
            continue;
        };
        problems.push(problem(
            Severity::Info,
            "lembar_bagian_induk",
            format!(
                "Sheet '{}' berisi sub kegiatan yang semuanya ada di sheet induk '{}': dipakai untuk memeriksa, tidak dijumlahkan lagi",
                lembar[b].nama, lembar[a].nama
            ),
            Location {
                sheet: Some(lembar[b].nama.clone()),
                ..Location::default()
            },
        ));
        problems.extend(
            part_problems
                .into_iter()
                .filter(|p| p.code != "kode_nama_berbeda"),
        );
        for sub in part.per_jenjang(Jenjang::SubKegiatan) {
            let Some(other) = tabel.baris.iter().find(|x| {
                x.jenjang == Jenjang::SubKegiatan
                    && x.kode == sub.kode
                    && teks::kunci(&x.nama) == teks::kunci(&sub.nama)
            }) else {
                continue;
            };
            for b in [Besaran::Anggaran, Besaran::Realisasi] {
                let (mine, theirs) = (sub.dihitung.get(b), other.dihitung.get(b));
                if mine.is_some() && mine != theirs {
                    let at_other = tabel.lokasi(other.asal, Some(b));
                    problems.push(problem(
                        Severity::Warning,
                        "beda_dengan_induk",
                        format!(
                            "{} sub kegiatan {} di sheet bidang: {}, di sheet induk ({}{}): {}",
                            capital(&b.nama()),
                            sub.kode.as_deref().unwrap_or(&sub.nama),
                            rp(mine),
                            at_other.sheet.as_deref().unwrap_or(""),
                            at_other.cell.map(|c| format!("!{c}")).unwrap_or_default(),
                            rp(theirs),
                        ),
                        part.lokasi(sub.asal, Some(b)),
                    ));
                }
            }
        }
    }
    (tabel, problems)
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn rp(v: Option<Decimal>) -> String {
    v.map_or_else(|| "kosong".to_string(), |v| format_id(v, 2))
}

/// Rolls the leaves up the tree and checks the table (see the module doc). The table comes
/// back with every node's [`Baris::dihitung`].
pub fn gulung(mut tabel: Anggaran) -> (Anggaran, Vec<Problem>) {
    let mut problems = Vec::new();
    let anak = tabel.anak();
    let n = tabel.baris.len();
    let additive: Vec<Besaran> = Besaran::semua()
        .into_iter()
        .filter(|b| b.dijumlah())
        .collect();
    // Children come after their parents: from the end, every child is done before its parent.
    for i in (0..n).rev() {
        let mut own = tabel.baris[i].dinyatakan.clone();
        if !anak[i].is_empty() {
            for &b in &additive {
                let mut sum: Option<Decimal> = None;
                for &c in &anak[i] {
                    if let Some(v) = tabel.baris[c].dihitung.get(b) {
                        sum = Some(sum.unwrap_or_default() + v);
                    }
                }
                if sum.is_some() {
                    own.set(b, sum);
                }
            }
            // A percentage is recomputed from the sums, never added.
            own.set(Besaran::Persen, None);
        }
        tabel.baris[i].dihitung = own;
    }
    // Stated parent totals against their children's stated (else rolled-up) values.
    for (i, children) in anak.iter().enumerate() {
        if children.is_empty() || !tabel.baris[i].berbaris {
            continue;
        }
        // Sisa is each row's anggaran − realisasi, checked on its row (`sisa_berbeda`).
        for &b in additive.iter().filter(|&&b| b != Besaran::Sisa) {
            let Some(stated) = tabel.baris[i].dinyatakan.get(b) else {
                continue;
            };
            let mut sum: Option<Decimal> = None;
            for &c in children {
                let child = &tabel.baris[c];
                let v = child.dinyatakan.get(b).or(child.dihitung.get(b));
                if let Some(v) = v {
                    sum = Some(sum.unwrap_or_default() + v);
                }
            }
            let Some(sum) = sum else { continue };
            // Against the children as stated and as rolled up: a wrong row is flagged where
            // it is wrong, not again on every row above it.
            let rolled: Decimal = children
                .iter()
                .filter_map(|&c| tabel.baris[c].dihitung.get(b))
                .sum();
            if sum != stated && rolled != stated {
                let node = &tabel.baris[i];
                problems.push(problem(
                    Severity::Warning,
                    "jumlah_induk",
                    format!(
                        "{} {} {}: {} tertulis {}, jumlah rincian di bawahnya {} (selisih {})",
                        capital(node.jenjang.nama()),
                        node.kode.as_deref().unwrap_or(""),
                        node.nama,
                        b.nama(),
                        format_id(stated, 2),
                        format_id(sum, 2),
                        format_id(stated - sum, 2),
                    ),
                    tabel.lokasi(node.asal, Some(b)),
                ));
            }
        }
    }
    check_rows(&tabel, &anak, &mut problems);
    check_totals(&tabel, &mut problems);
    (tabel, problems)
}

/// Per-row checks: months vs quarters, kas vs anggaran, operasi + modal vs total, realisasi
/// over anggaran, stated % and sisa.
fn check_rows(t: &Anggaran, anak: &[Vec<usize>], problems: &mut Vec<Problem>) {
    // A Total RAK column that disagrees on many rows is one cause: one problem per sheet.
    let mut kas_total: Vec<Problem> = Vec::new();
    let exceeds = |b: &Baris| match (
        b.dihitung.get(Besaran::Realisasi),
        b.dihitung.get(Besaran::Anggaran),
    ) {
        (Some(r), Some(a)) => r > a,
        _ => false,
    };
    for (i, row) in t.baris.iter().enumerate() {
        if !row.berbaris {
            continue;
        }
        let d = &row.dinyatakan;
        let label = || {
            format!("{} {}", row.kode.as_deref().unwrap_or(""), row.nama)
                .trim()
                .to_string()
        };
        let sheet = t.lembar.get(row.asal.lembar);
        let has = |b: Besaran| sheet.is_some_and(|l| l.kolom_of(b).is_some());
        for (tw, bulan) in [
            (
                Besaran::KasTw as fn(u8) -> Besaran,
                Besaran::KasBulan as fn(u8) -> Besaran,
            ),
            (Besaran::RealisasiTw, Besaran::RealisasiBulan),
        ] {
            for q in 1..=4u8 {
                let Some(stated) = d.get(tw(q)) else { continue };
                if !(3 * q - 2..=3 * q).any(|m| has(bulan(m))) {
                    continue;
                }
                let sum: Decimal = (3 * q - 2..=3 * q).filter_map(|m| d.get(bulan(m))).sum();
                if sum != stated {
                    problems.push(problem(
                        Severity::Warning,
                        "tw_bukan_jumlah_bulan",
                        format!(
                            "{}: {} tertulis {}, jumlah bulan {}–{} {}",
                            label(),
                            tw(q).nama(),
                            format_id(stated, 2),
                            3 * q - 2,
                            3 * q,
                            format_id(sum, 2)
                        ),
                        t.lokasi(row.asal, Some(tw(q))),
                    ));
                }
            }
        }
        // The year's anggaran kas: its months when the sheet has them, else its quarters.
        let kas = if (1..=12).any(|m| has(Besaran::KasBulan(m))) {
            Some((1..=12).filter_map(|m| d.get(Besaran::KasBulan(m))).sum())
        } else if (1..=4).any(|q| has(Besaran::KasTw(q))) {
            Some((1..=4).filter_map(|q| d.get(Besaran::KasTw(q))).sum())
        } else {
            None
        };
        if let Some(kas) = kas {
            if let Some(total) = d.get(Besaran::KasTotal) {
                if total != kas {
                    kas_total.push(problem(
                        Severity::Warning,
                        "total_kas_berbeda",
                        format!(
                            "{}: total anggaran kas tertulis {}, jumlah bulannya {}",
                            label(),
                            format_id(total, 2),
                            format_id(kas, 2)
                        ),
                        t.lokasi(row.asal, Some(Besaran::KasTotal)),
                    ));
                }
            }
            if let Some(a) = d.get(Besaran::Anggaran) {
                if a != kas {
                    problems.push(problem(
                        Severity::Warning,
                        "kas_tidak_sama_anggaran",
                        format!(
                            "{}: anggaran kas setahun {} tidak sama dengan anggaran {} (selisih {})",
                            label(),
                            format_id(kas, 2),
                            format_id(a, 2),
                            format_id(a - kas, 2)
                        ),
                        t.lokasi(row.asal, Some(Besaran::Anggaran)),
                    ));
                }
            }
        }
        for (total, ops, modal) in [
            (
                Besaran::Anggaran,
                Besaran::AnggaranOperasi,
                Besaran::AnggaranModal,
            ),
            (
                Besaran::Realisasi,
                Besaran::RealisasiOperasi,
                Besaran::RealisasiModal,
            ),
        ] {
            if let (Some(tot), Some(o), Some(m)) = (d.get(total), d.get(ops), d.get(modal)) {
                if o + m != tot {
                    problems.push(problem(
                        Severity::Warning,
                        "operasi_modal_bukan_total",
                        format!(
                            "{}: {} tertulis {}, operasi + modal {}",
                            label(),
                            total.nama(),
                            format_id(tot, 2),
                            format_id(o + m, 2)
                        ),
                        t.lokasi(row.asal, Some(total)),
                    ));
                }
            }
        }
        if let (Some(a), Some(r)) = (d.get(Besaran::Anggaran), d.get(Besaran::Realisasi)) {
            if let Some(s) = d.get(Besaran::Sisa) {
                if a - r != s {
                    problems.push(problem(
                        Severity::Warning,
                        "sisa_berbeda",
                        format!(
                            "{}: sisa tertulis {}, anggaran − realisasi {}",
                            label(),
                            format_id(s, 2),
                            format_id(a - r, 2)
                        ),
                        t.lokasi(row.asal, Some(Besaran::Sisa)),
                    ));
                }
            }
            if let (Some(p), Some(ours)) = (d.get(Besaran::Persen), penyerapan(r, a)) {
                let shown = round_half_up(ours, p.scale().min(4));
                if shown != p {
                    problems.push(problem(
                        Severity::Warning,
                        "persen_berbeda",
                        format!(
                            "{}: persentase tertulis {}, realisasi ÷ anggaran {}",
                            label(),
                            crate::num::format_pct(p),
                            crate::num::format_pct(ours)
                        ),
                        t.lokasi(row.asal, Some(Besaran::Persen)),
                    ));
                }
            }
        }
        if exceeds(row) && !anak[i].iter().any(|&c| exceeds(&t.baris[c])) {
            let r = row.dihitung.get(Besaran::Realisasi).unwrap_or_default();
            let a = row.dihitung.get(Besaran::Anggaran).unwrap_or_default();
            problems.push(problem(
                Severity::Warning,
                "realisasi_melebihi_anggaran",
                format!(
                    "{}: realisasi {} melebihi anggaran {}",
                    label(),
                    format_id(r, 2),
                    format_id(a, 2)
                ),
                t.lokasi(row.asal, Some(Besaran::Realisasi)),
            ));
        }
    }
    per_lembar(kas_total, problems, "Total anggaran kas");
}

/// A column's mismatches: each row's when few, else one problem per sheet naming the cells.
fn per_lembar(found: Vec<Problem>, problems: &mut Vec<Problem>, column: &str) {
    let mut sheets: Vec<Option<String>> = found.iter().map(|p| p.at.sheet.clone()).collect();
    sheets.dedup();
    for sheet in sheets {
        let mine: Vec<&Problem> = found.iter().filter(|p| p.at.sheet == sheet).collect();
        if mine.len() <= 3 {
            problems.extend(mine.into_iter().cloned());
            continue;
        }
        let cells: Vec<&str> = mine.iter().filter_map(|p| p.at.cell.as_deref()).collect();
        problems.push(problem(
            mine[0].severity,
            &mine[0].code,
            format!(
                "{column} tidak sama dengan jumlah bulannya pada {} baris ({}); contoh: {}",
                mine.len(),
                cells.join(", "),
                mine[0].message
            ),
            mine[0].at.clone(),
        ));
    }
}

/// The file's own totals against the sum of the rows they cover.
fn check_totals(t: &Anggaran, problems: &mut Vec<Problem>) {
    let anak = t.anak();
    for j in &t.jumlah {
        let sum = match &j.lingkup {
            Lingkup::Lembar => {
                // The sheet's leaves (a row of this sheet with no children), added.
                let mut s = Nilai::default();
                for (i, b) in t.baris.iter().enumerate() {
                    if b.asal.lembar == j.asal.lembar && anak[i].is_empty() {
                        for (k, v) in b.dihitung.terisi() {
                            if k.dijumlah() {
                                s.tambah(k, v);
                            }
                        }
                    }
                }
                s
            }
            Lingkup::Simpul(nama) => {
                let key = teks::kunci(nama);
                match t
                    .baris
                    .iter()
                    .find(|b| b.asal.lembar == j.asal.lembar && teks::kunci(&b.nama) == key)
                {
                    Some(b) => b.dihitung.clone(),
                    None => {
                        problems.push(problem(
                            Severity::Info,
                            "jumlah_tanpa_pasangan",
                            format!(
                                "Baris '{}' tidak diperiksa: tidak ada baris bernama '{nama}'",
                                j.label
                            ),
                            t.lokasi(j.asal, None),
                        ));
                        continue;
                    }
                }
            }
        };
        for (b, stated) in j.nilai.terisi() {
            if !b.dijumlah() {
                continue;
            }
            let ours = sum.get(b).unwrap_or_default();
            if ours != stated {
                problems.push(problem(
                    Severity::Warning,
                    "jumlah_berkas",
                    format!(
                        "{}: {} tertulis {}, jumlah baris-barisnya {} (selisih {})",
                        if j.label.is_empty() {
                            "Baris jumlah"
                        } else {
                            j.label.as_str()
                        },
                        b.nama(),
                        format_id(stated, 2),
                        format_id(ours, 2),
                        format_id(stated - ours, 2)
                    ),
                    t.lokasi(j.asal, Some(b)),
                ));
            }
        }
    }
}

/// Penyerapan (%) = realisasi ÷ pagu × 100, unrounded; None when the pagu is zero.
pub fn penyerapan(realisasi: Decimal, pagu: Decimal) -> Option<Decimal> {
    if pagu.is_zero() {
        return None;
    }
    realisasi
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(pagu)
}

/// A quarter's realisasi against its anggaran kas: both when known, and realisasi ÷ kas (%).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
pub struct Serapan {
    pub realisasi: Option<Decimal>,
    pub kas: Option<Decimal>,
    pub persen: Option<Decimal>,
}

impl Serapan {
    /// The quarter's figures, and penyerapan when both are known (and the kas is not zero).
    pub fn of(realisasi: Option<Decimal>, kas: Option<Decimal>) -> Serapan {
        Serapan {
            realisasi,
            kas,
            persen: match (realisasi, kas) {
                (Some(r), Some(k)) => penyerapan(r, k),
                _ => None,
            },
        }
    }

    /// (realisasi, kas, persen).
    pub fn tuple(self) -> (Option<Decimal>, Option<Decimal>, Option<Decimal>) {
        (self.realisasi, self.kas, self.persen)
    }
}

/// One node's penyerapan per quarter against its anggaran kas.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PenyerapanTw {
    pub jenjang: Jenjang,
    pub kode: String,
    pub nama: String,
    /// Per quarter: realisasi, anggaran kas, penyerapan %.
    pub triwulan: [Serapan; 4],
    /// Realisasi ÷ pagu for the year so far.
    pub terhadap_pagu: Option<Decimal>,
}

/// Penyerapan TW = realisasi TW ÷ anggaran kas TW × 100, for every planning node of
/// `realisasi` (a rekap with realisasi) whose kode `kas` (an anggaran kas) also has. Nodes
/// only one side has are left out.
pub fn penyerapan_tw(realisasi: &Anggaran, kas: &Anggaran) -> Vec<PenyerapanTw> {
    let by_kode: HashMap<(Jenjang, &str), &Baris> = kas
        .baris
        .iter()
        .filter(|b| b.jenjang != Jenjang::Rekening)
        .filter_map(|b| Some(((b.jenjang, b.kode.as_deref()?), b)))
        .collect();
    let mut out = Vec::new();
    for b in realisasi
        .baris
        .iter()
        .filter(|b| b.jenjang != Jenjang::Rekening)
    {
        let Some(kode) = b.kode.as_deref() else {
            continue;
        };
        let Some(k) = by_kode.get(&(b.jenjang, kode)) else {
            continue;
        };
        let mut tw = [Serapan::default(); 4];
        for q in 1..=4u8 {
            tw[usize::from(q - 1)] = Serapan::of(
                b.dihitung.get(Besaran::RealisasiTw(q)),
                k.dihitung.get(Besaran::KasTw(q)),
            );
        }
        let terhadap_pagu = match (
            b.dihitung.get(Besaran::Realisasi),
            b.dihitung.get(Besaran::Anggaran),
        ) {
            (Some(r), Some(a)) => penyerapan(r, a),
            _ => None,
        };
        out.push(PenyerapanTw {
            jenjang: b.jenjang,
            kode: kode.to_string(),
            nama: b.nama.clone(),
            triwulan: tw,
            terhadap_pagu,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// `"anggaran=100 realisasi=90"` → values.
    fn nilai(spec: &str) -> Nilai {
        let all = Besaran::semua();
        let mut n = Nilai::default();
        for part in spec.split_whitespace() {
            let (k, v) = part.split_once('=').unwrap();
            let b = all.iter().find(|b| b.kunci() == k).unwrap();
            n.set(*b, Some(d(v)));
        }
        n
    }

    fn jenjang(k: &str) -> Jenjang {
        match k {
            "U" => Jenjang::Urusan,
            "B" => Jenjang::BidangUrusan,
            "P" => Jenjang::Program,
            "K" => Jenjang::Kegiatan,
            "S" => Jenjang::SubKegiatan,
            _ => Jenjang::Rekening,
        }
    }

    /// Rows as `(row, level, kode, name, values)`.
    fn rows(table: &[(u32, &str, &str, &str, &str)]) -> Vec<BarisMasukan> {
        table
            .iter()
            .map(|&(baris, j, kode, nama, v)| BarisMasukan {
                jalur: vec![],
                jenjang: jenjang(j),
                kode: (!kode.is_empty()).then(|| kode.to_string()),
                kode_berkas: (!kode.is_empty()).then(|| kode.to_string()),
                nama: nama.into(),
                nilai: nilai(v),
                baris,
            })
            .collect()
    }

    fn sheet(nama: &str, baris: Vec<BarisMasukan>) -> LembarMasukan {
        LembarMasukan {
            lembar: Lembar {
                nama: nama.into(),
                kolom: vec![
                    (Besaran::Anggaran, "E".into()),
                    (Besaran::Realisasi, "F".into()),
                    (Besaran::Persen, "G".into()),
                    (Besaran::Sisa, "H".into()),
                ],
                kolom_nama: Some("B".into()),
                kolom_jenjang: vec![],
                bagian_dari: None,
            },
            baris,
            jumlah: vec![],
        }
    }

    fn rekap() -> Vec<(u32, &'static str, &'static str, &'static str, &'static str)> {
        vec![
            (5, "P", "1.02.01", "PROGRAM A", "anggaran=300 realisasi=250"),
            (
                6,
                "K",
                "1.02.01.2.01",
                "Kegiatan A",
                "anggaran=300 realisasi=250",
            ),
            (
                7,
                "S",
                "1.02.01.2.01.0001",
                "Sub 1",
                "anggaran=100 realisasi=90",
            ),
            (
                8,
                "R",
                "5.1.02.01.01.0024",
                "ATK",
                "anggaran=60 realisasi=50",
            ),
            (
                9,
                "R",
                "5.1.02.01.01.0025",
                "Kertas",
                "anggaran=40 realisasi=40",
            ),
            (
                10,
                "S",
                "1.02.01.2.01.0002",
                "Sub 2",
                "anggaran=200 realisasi=160",
            ),
            (
                11,
                "R",
                "5.2.02.01.01.0001",
                "Alat",
                "anggaran=200 realisasi=160",
            ),
        ]
    }

    fn codes(p: &[Problem]) -> Vec<(String, Option<String>)> {
        p.iter()
            .map(|p| (p.code.clone(), p.at.cell.clone()))
            .collect()
    }

    fn find<'a>(t: &'a Anggaran, kode: &str) -> &'a Baris {
        t.baris
            .iter()
            .find(|b| b.kode.as_deref() == Some(kode))
            .unwrap()
    }

    #[test]
    fn levels_of_planning_codes() {
        let table = [
            ("1", Some(Jenjang::Urusan)),
            ("1.02", Some(Jenjang::BidangUrusan)),
            ("X.XX", Some(Jenjang::BidangUrusan)),
            ("1.02.01", Some(Jenjang::Program)),
            ("1.02.01.2.01", Some(Jenjang::Kegiatan)),
            ("1.02.01.2.01.0001", Some(Jenjang::SubKegiatan)),
            ("5.1", None),
            ("12", None),
            ("1.02.01.2", None),
        ];
        for (kode, want) in table {
            assert_eq!(Jenjang::of_kode(kode), want, "{kode}");
        }
    }

    #[test]
    fn interleaved_rows_roll_up_to_their_sub_kegiatan() {
        let (t, p) = susun(vec![sheet("Induk", rows(&rekap()))], Some(2025));
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(t.baris.len(), 7);
        let sub = find(&t, "1.02.01.2.01.0001");
        assert_eq!(sub.dihitung.get(Besaran::Anggaran), Some(d("100")));
        assert_eq!(sub.dihitung.get(Besaran::Realisasi), Some(d("90")));
        let prog = find(&t, "1.02.01");
        assert_eq!(prog.dihitung.get(Besaran::Anggaran), Some(d("300")));
        assert_eq!(prog.induk, None);
        let r = t
            .baris
            .iter()
            .find(|b| b.kode.as_deref() == Some("5.1.02.01.01.0025"))
            .unwrap();
        let parts = r.bagian(&t);
        assert_eq!(parts.sub_kegiatan.as_deref(), Some("1.02.01.2.01.0001"));
        assert_eq!(parts.program.as_deref(), Some("1.02.01"));
        assert_eq!(parts.rekening.as_deref(), Some("5.1.02.01.01.0025"));
        assert_eq!(t.total().get(Besaran::Realisasi), Some(d("250")));
    }

    #[test]
    fn one_problem_per_wrong_row() {
        // A sub kegiatan's stated total is wrong: flagged there, not on its kegiatan/program.
        let mut table = rekap();
        table[2].4 = "anggaran=110 realisasi=90";
        let (_, p) = susun(vec![sheet("Induk", rows(&table))], None);
        assert_eq!(codes(&p), [("jumlah_induk".into(), Some("E7".into()))]);
        // A rekening is wrong: its sub kegiatan's stated total disagrees, once.
        let mut table = rekap();
        table[3].4 = "anggaran=70 realisasi=50";
        let (t, p) = susun(vec![sheet("Induk", rows(&table))], None);
        assert_eq!(codes(&p), [("jumlah_induk".into(), Some("E7".into()))]);
        assert!(p[0].message.contains("selisih -10,00"), "{}", p[0].message);
        // The roll-up follows the rekening rows.
        assert_eq!(
            find(&t, "1.02.01").dihitung.get(Besaran::Anggaran),
            Some(d("310"))
        );
    }

    #[test]
    fn realisasi_over_anggaran_is_flagged_on_the_lowest_row() {
        let mut table = rekap();
        table[3].4 = "anggaran=60 realisasi=95";
        table[2].4 = "anggaran=100 realisasi=135";
        table[1].4 = "anggaran=300 realisasi=295";
        table[0].4 = "anggaran=300 realisasi=295";
        let (_, p) = susun(vec![sheet("S", rows(&table))], None);
        assert_eq!(
            codes(&p),
            [("realisasi_melebihi_anggaran".into(), Some("F8".into()))]
        );
    }

    #[test]
    fn stated_percent_and_sisa_are_checked() {
        let table = vec![
            (
                5,
                "S",
                "1.02.01.2.01.0001",
                "Sub",
                "anggaran=300 realisasi=100 persen=33.33 sisa=200",
            ),
            (
                6,
                "R",
                "5.1.02.01.01.0024",
                "ATK",
                "anggaran=300 realisasi=100 persen=33.34 sisa=100",
            ),
        ];
        let (_, p) = susun(vec![sheet("S", rows(&table))], None);
        assert_eq!(
            codes(&p),
            [
                ("sisa_berbeda".into(), Some("H6".into())),
                ("persen_berbeda".into(), Some("G6".into()))
            ]
        );
    }

    #[test]
    fn lra_rekening_codes_nest_and_named_totals_are_checked() {
        // Seed 000, Tabel 3.22 (LRA), without its SURPLUS/DEFISIT line.
        let table = vec![
            (
                5,
                "R",
                "5",
                "BELANJA DAERAH",
                "anggaran=50503112419.00 realisasi=38266003530.00",
            ),
            (
                6,
                "R",
                "5.1",
                "BELANJA OPERASI",
                "anggaran=49116075419.00 realisasi=36945468177.00",
            ),
            (
                7,
                "R",
                "5.1.01",
                "Belanja Pegawai",
                "anggaran=11830175177.00 realisasi=7552041463.00",
            ),
            (
                8,
                "R",
                "5.1.02",
                "Belanja Barang dan Jasa",
                "anggaran=37285900242.00 realisasi=29393426714.00",
            ),
            (
                10,
                "R",
                "5.2",
                "BELANJA MODAL",
                "anggaran=1387037000.00 realisasi=1320535353.00",
            ),
            (
                11,
                "R",
                "5.2.02",
                "Belanja Modal Peralatan dan Mesin",
                "anggaran=1387037000.00 realisasi=1320535353.00",
            ),
        ];
        let mut s = sheet("LRA", rows(&table));
        s.jumlah = vec![
            JumlahBerkas {
                label: "JUMLAH BELANJA OPERASI".into(),
                lingkup: Lingkup::Simpul("BELANJA OPERASI".into()),
                nilai: nilai("anggaran=49116075419.00 realisasi=36945468177.00"),
                asal: Asal {
                    lembar: 0,
                    baris: 9,
                },
            },
            JumlahBerkas {
                label: "JUMLAH BELANJA".into(),
                lingkup: Lingkup::Lembar,
                nilai: nilai("anggaran=50503112419.00 realisasi=38266003530.01"),
                asal: Asal {
                    lembar: 0,
                    baris: 13,
                },
            },
        ];
        let (t, p) = susun(vec![s], Some(2025));
        // The grand total's realisasi was altered by one sen: that alone is reported.
        assert_eq!(codes(&p), [("jumlah_berkas".into(), Some("F13".into()))]);
        let ops = find(&t, "5.1");
        assert_eq!(ops.induk, Some(0));
        assert_eq!(find(&t, "5.1.02").induk, Some(1));
        assert_eq!(find(&t, "5.2.02").induk, Some(4));
        assert_eq!(t.total().get(Besaran::Anggaran), Some(d("50503112419.00")));
    }

    fn flat(rows: &[(u32, &str, &str, &str, &str)]) -> Vec<BarisMasukan> {
        // (row, sub kegiatan kode, sub kegiatan name, rekening, values)
        rows.iter()
            .map(|&(baris, sub, sub_nama, rek, v)| BarisMasukan {
                jalur: vec![
                    SimpulJalur {
                        jenjang: Jenjang::Program,
                        kode: Some("1.02.01".into()),
                        kode_berkas: None,
                        nama: "PROGRAM A".into(),
                    },
                    SimpulJalur {
                        jenjang: Jenjang::Kegiatan,
                        kode: Some("1.02.01.2.01".into()),
                        kode_berkas: None,
                        nama: "Kegiatan A".into(),
                    },
                    SimpulJalur {
                        jenjang: Jenjang::SubKegiatan,
                        kode: Some(sub.into()),
                        kode_berkas: None,
                        nama: sub_nama.into(),
                    },
                ],
                jenjang: Jenjang::Rekening,
                kode: Some(rek.into()),
                kode_berkas: Some(rek.into()),
                nama: "rekening".into(),
                nilai: nilai(v),
                baris,
            })
            .collect()
    }

    fn kas_sheet(nama: &str, baris: Vec<BarisMasukan>) -> LembarMasukan {
        let mut s = sheet(nama, baris);
        s.lembar.kolom = vec![
            (Besaran::Anggaran, "S".into()),
            (Besaran::KasTotal, "T".into()),
        ];
        let cols = [
            "U", "V", "W", "X", "Y", "Z", "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI",
            "AJ",
        ];
        let mut c = cols.iter();
        for q in 1..=4u8 {
            for m in 3 * q - 2..=3 * q {
                s.lembar
                    .kolom
                    .push((Besaran::KasBulan(m), c.next().unwrap().to_string()));
            }
            s.lembar
                .kolom
                .push((Besaran::KasTw(q), c.next().unwrap().to_string()));
        }
        s
    }

    #[test]
    fn flat_rows_make_their_path_and_kas_is_checked() {
        let table = [
            (
                5,
                "1.02.01.2.01.0001",
                "Sub 1",
                "5.1.02.01.01.0024",
                "anggaran=100 kas_bulan2=100 kas_tw1=100",
            ),
            (
                6,
                "1.02.01.2.01.0001",
                "Sub 1",
                "5.1.02.01.01.0025",
                "anggaran=50 kas_bulan4=20 kas_bulan6=30 kas_tw2=40 kas_total=50",
            ),
            (
                7,
                "1.02.01.2.01.0002",
                "Sub 2",
                "5.1.02.01.01.0025",
                "anggaran=80 kas_bulan12=70 kas_tw4=70 kas_total=70",
            ),
        ];
        let mut s = kas_sheet("kesling", flat(&table));
        s.jumlah = vec![JumlahBerkas {
            label: String::new(),
            lingkup: Lingkup::Lembar,
            nilai: nilai("anggaran=230 kas_tw1=100 kas_tw2=40 kas_tw4=70"),
            asal: Asal {
                lembar: 0,
                baris: 4,
            },
        }];
        let (t, p) = susun(vec![s], None);
        assert_eq!(
            codes(&p),
            [
                ("tw_bukan_jumlah_bulan".into(), Some("AB6".into())),
                ("kas_tidak_sama_anggaran".into(), Some("S7".into())),
            ]
        );
        // Program, kegiatan, two sub kegiatan, three rekening.
        assert_eq!(t.baris.len(), 7);
        let sub1 = find(&t, "1.02.01.2.01.0001");
        assert!(!sub1.berbaris);
        assert_eq!(sub1.dihitung.get(Besaran::Anggaran), Some(d("150")));
        assert_eq!(sub1.dihitung.get(Besaran::KasBulan(6)), Some(d("30")));
        assert_eq!(
            find(&t, "1.02.01").dihitung.get(Besaran::KasTw(4)),
            Some(d("70"))
        );
    }

    #[test]
    fn same_kode_other_name_is_reported_and_sheets_are_added() {
        let a = flat(&[(
            5,
            "1.02.01.2.01.0001",
            "Kesehatan Lingkungan",
            "5.1.02.01.01.0024",
            "anggaran=100",
        )]);
        let b = flat(&[(
            5,
            "1.02.01.2.01.0001",
            "Kabupaten Sehat",
            "5.1.02.01.01.0024",
            "anggaran=40",
        )]);
        let (t, p) = susun(
            vec![kas_sheet("kesling", a), kas_sheet("kab sehat", b)],
            None,
        );
        let nama: Vec<_> = p.iter().filter(|p| p.code == "kode_nama_berbeda").collect();
        assert_eq!(nama.len(), 1);
        assert_eq!(nama[0].at.sheet.as_deref(), Some("kab sehat"));
        assert!(nama[0].message.contains("Kesehatan Lingkungan"));
        assert!(t.lembar.iter().all(|l| l.bagian_dari.is_none()));
        assert_eq!(t.total().get(Besaran::Anggaran), Some(d("140")));
    }

    #[test]
    fn bidang_sheets_check_their_induk_and_are_not_added() {
        let induk = sheet("Induk", rows(&rekap()));
        let bidang_a = sheet("Bidang A", rows(&rekap()[..5]));
        let mut b_rows = vec![rekap()[0], rekap()[1]];
        b_rows.push((
            7,
            "S",
            "1.02.01.2.01.0002",
            "Sub 2",
            "anggaran=200 realisasi=150",
        ));
        b_rows.push((
            8,
            "R",
            "5.2.02.01.01.0001",
            "Alat",
            "anggaran=200 realisasi=150",
        ));
        let bidang_b = sheet("Bidang B", rows(&b_rows));
        let (t, p) = susun(vec![bidang_a, induk, bidang_b], None);
        assert_eq!(t.lembar[0].bagian_dari, Some(1));
        assert_eq!(t.lembar[2].bagian_dari, Some(1));
        assert_eq!(t.lembar[1].bagian_dari, None);
        assert_eq!(t.total().get(Besaran::Anggaran), Some(d("300")));
        let beda: Vec<_> = p.iter().filter(|p| p.code == "beda_dengan_induk").collect();
        assert_eq!(beda.len(), 1, "{p:?}");
        assert_eq!(beda[0].at.sheet.as_deref(), Some("Bidang B"));
        assert_eq!(beda[0].at.cell.as_deref(), Some("F7"));
        // The bidang sheets' own partial program totals disagree with their rows: reported
        // in their sheets (their kegiatan/program rows state the induk's totals).
        assert!(p.iter().any(|p| p.code == "lembar_bagian_induk"));
    }

    #[test]
    fn penyerapan_per_quarter_against_the_kas() {
        assert_eq!(penyerapan(d("90"), d("120")), Some(d("75")));
        assert_eq!(penyerapan(d("90"), Decimal::ZERO), None);
        let real = rows(&[
            (5, "S", "1.02.01.2.01.0001", "Sub 1", ""),
            (
                6,
                "R",
                "5.1.02.01.01.0024",
                "ATK",
                "anggaran=100 realisasi=45 realisasi_tw1=30 realisasi_tw2=15",
            ),
        ]);
        let (real, _) = susun(vec![sheet("R", real)], None);
        let kas = flat(&[(
            5,
            "1.02.01.2.01.0001",
            "Sub 1",
            "5.1.02.01.01.0024",
            "anggaran=100 kas_tw1=40 kas_tw2=60",
        )]);
        let (kas, _) = susun(vec![kas_sheet("K", kas)], None);
        let p = penyerapan_tw(&real, &kas);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kode, "1.02.01.2.01.0001");
        assert_eq!(
            p[0].triwulan[0].tuple(),
            (Some(d("30")), Some(d("40")), Some(d("75")))
        );
        assert_eq!(
            p[0].triwulan[1].tuple(),
            (Some(d("15")), Some(d("60")), Some(d("25")))
        );
        assert_eq!(p[0].triwulan[2].tuple(), (None, None, None));
        assert_eq!(p[0].terhadap_pagu, Some(d("45")));
    }
}
