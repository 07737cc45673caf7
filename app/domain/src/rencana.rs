//! The plan (*rencana*) of a workspace: where every value of the year lives once.
//!
//! A planning team's official tables (Formulir E.81, Perjanjian Kinerja, rencana aksi, Renja,
//! realisasi anggaran, …) print the same indicators, targets and budgets. The plan holds them
//! once, keyed by what they mean rather than by where a form prints them:
//!
//! - the node tree ([`Simpul`]: urusan → bidang urusan → program → kegiatan → sub kegiatan, and
//!   the performance tree tujuan → sasaran), each node with its canonical kode and the kode as
//!   the file spelled it;
//! - the indicators ([`Indikator`]), several per node, each with its unit and semantics;
//! - the values ([`Nilai`]) by [`Kunci`]: whose value (a node's — money — or an indicator's —
//!   kinerja), what it measures ([`Ukuran`]), for which period ([`Periode`]) and, for targets
//!   and pagu, in which version ([`Versi`]: murni or perubahan); each with the file it came
//!   from ([`Sumber`]).
//!
//! A form is a view: it projects the plan into its rows (E.81: [`e81::proyeksi`]) and lifts a
//! file's rows into a plan fragment ([`e81::angkat`]), which [`Rencana::banding`] matches to the
//! plan — canonical kode, else the path of names — and compares value by value, so a merge shows
//! exactly what a file would change before anything is stored.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::edit::CellValue;
use crate::kode;
use crate::model::{IndicatorSemantics, KodeSource};
use crate::teks;

pub mod anggaran;
pub mod e81;
pub mod pk;
pub mod renja;

/// Index of a node in [`Rencana::simpul`].
pub type SimpulId = u32;
/// Index of an indicator in [`Rencana::indikator`].
pub type IndikatorId = u32;
/// Index of a file in [`Rencana::sumber`].
pub type SumberId = u32;

/// A node's level: the budget tree (Permendagri 90/2019) and the performance tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tingkat {
    Urusan,
    BidangUrusan,
    Program,
    Kegiatan,
    SubKegiatan,
    Tujuan,
    Sasaran,
}

impl Tingkat {
    /// Depth in its tree (a parent's is smaller): urusan 0 … sub kegiatan 4; tujuan 0, sasaran 1.
    pub fn kedalaman(self) -> u8 {
        match self {
            Tingkat::Urusan | Tingkat::Tujuan => 0,
            Tingkat::BidangUrusan | Tingkat::Sasaran => 1,
            Tingkat::Program => 2,
            Tingkat::Kegiatan => 3,
            Tingkat::SubKegiatan => 4,
        }
    }

    /// The level's name as people write it.
    pub fn nama(self) -> &'static str {
        match self {
            Tingkat::Urusan => "Urusan",
            Tingkat::BidangUrusan => "Bidang urusan",
            Tingkat::Program => "Program",
            Tingkat::Kegiatan => "Kegiatan",
            Tingkat::SubKegiatan => "Sub kegiatan",
            Tingkat::Tujuan => "Tujuan",
            Tingkat::Sasaran => "Sasaran",
        }
    }
}

/// A node of the plan's trees.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simpul {
    pub tingkat: Tingkat,
    /// The node above it, if any.
    pub induk: Option<SimpulId>,
    /// Canonical kode (`5.03.02.2.01.06`).
    pub kode: Option<String>,
    /// The kode as the file spelled it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode_berkas: Option<String>,
    /// How `kode` was obtained when no file stated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode_sumber: Option<KodeSource>,
    pub nama: String,
    /// A node no file printed a row of its own for: its first indicator came without a name
    /// or kode above it. A form prints its indicators without a node row.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tersirat: bool,
}

/// An indicator of a node (or a sasaran).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indikator {
    pub simpul: SimpulId,
    pub teks: String,
    /// The unit as the agency spells it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satuan: Option<String>,
    pub makna: IndicatorSemantics,
}

/// Whose value: a node's (money, the responsible unit) or an indicator's (kinerja).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "jenis", content = "id")]
pub enum Pemilik {
    Simpul(SimpulId),
    Indikator(IndikatorId),
}

/// What a value measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "ukuran", content = "kolom")]
pub enum Ukuran {
    /// Target kinerja (K).
    TargetK,
    /// Target anggaran: pagu (Rp).
    TargetRp,
    /// Realisasi kinerja (K).
    RealisasiK,
    /// Realisasi anggaran (Rp).
    RealisasiRp,
    /// A computed column a file stated (E.81 columns 12–15, K): kept to check it against ours.
    DinyatakanK(u8),
    /// The same, Rp.
    DinyatakanRp(u8),
    /// Unit PD penanggung jawab.
    UnitPd,
    /// Keterangan (for the year; a quarter's with [`Periode::Triwulan`]).
    Keterangan,
    /// Faktor pendorong keberhasilan (per quarter).
    Pendorong,
    /// Faktor penghambat (per quarter).
    Penghambat,
    /// Tindak lanjut yang diperlukan (per quarter).
    TindakLanjut,
    Lokasi,
    SumberDana,
    /// Catatan penting (Renja).
    CatatanPenting,
    /// Anggaran kas (the SIPD *rencana anggaran kas*, per quarter and per month): what the
    /// realisasi of a period is measured against.
    AnggaranKasRp,
    /// The sasaran (or IKU) a budget node serves (Formulir E.81 column 2).
    Sasaran,
}

impl Ukuran {
    /// What a file stated for a computed column: the file's, checked against ours, never a
    /// value a person accepts or refuses.
    pub fn dinyatakan(self) -> bool {
        matches!(self, Ukuran::DinyatakanK(_) | Ukuran::DinyatakanRp(_))
    }

    /// A target or a pagu: the values murni and perubahan version.
    pub fn berversi(self) -> bool {
        matches!(self, Ukuran::TargetK | Ukuran::TargetRp)
    }
}

/// The period a value is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "periode", content = "ke")]
pub enum Periode {
    /// The workspace's year (tahun anggaran).
    Tahun,
    /// Quarter 1..=4 of the year.
    Triwulan(u8),
    /// Month 1..=12 of the year.
    Bulan(u8),
    /// The end of the Renstra period (E.81 column 5).
    AkhirRenstra,
    /// Everything before the year: realisasi s.d. tahun lalu (E.81 column 6).
    SdTahunLalu,
    /// Another year by number (a Renstra target per year, an earlier year's realisation).
    TahunKe(i32),
    /// The year after (prakiraan maju n+1).
    TahunDepan,
}

/// Which version of the year's targets and pagu: before or after the APBD-P.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Versi {
    #[default]
    Murni,
    Perubahan,
}

/// Where one value lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Kunci {
    pub pemilik: Pemilik,
    pub ukuran: Ukuran,
    pub periode: Periode,
    /// Murni unless the value is a target or pagu of the perubahan.
    pub versi: Versi,
}

impl Kunci {
    /// A murni value.
    pub fn new(pemilik: Pemilik, ukuran: Ukuran, periode: Periode) -> Kunci {
        Kunci {
            pemilik,
            ukuran,
            periode,
            versi: Versi::Murni,
        }
    }

    /// A value read in version `versi`: that version when it is a target or pagu of the year
    /// ([`Ukuran::berversi`] × [`Periode::Tahun`]), murni for every other value.
    pub fn dalam(pemilik: Pemilik, ukuran: Ukuran, periode: Periode, versi: Versi) -> Kunci {
        Kunci {
            versi: if ukuran.berversi() && periode == Periode::Tahun {
                versi
            } else {
                Versi::Murni
            },
            ..Kunci::new(pemilik, ukuran, periode)
        }
    }
}

/// What a value holds: a cell's value ([`CellValue`]: K — a number, a grade or text —, Rp or
/// text); never [`CellValue::Empty`] (an empty value is no value).
pub type Isi = CellValue;

/// One value, with the file it came from (None: typed in Capaian).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Nilai {
    pub isi: Isi,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sumber: Option<SumberId>,
}

/// One value in a [`DaftarNilai`] list: its key, the value, and the key within its owner packed
/// into one number (what the list is sorted and searched by).
#[derive(Clone, Debug)]
pub struct Entri {
    pub kunci: Kunci,
    pub nilai: Nilai,
    urut: u64,
}

/// The key within its owner ([`Ukuran`], [`Periode`], [`Versi`]) as one number in the same
/// order as [`Kunci`]'s.
fn urut(k: &Kunci) -> u64 {
    let (u, kolom) = match k.ukuran {
        Ukuran::TargetK => (0, 0),
        Ukuran::TargetRp => (1, 0),
        Ukuran::RealisasiK => (2, 0),
        Ukuran::RealisasiRp => (3, 0),
        Ukuran::DinyatakanK(n) => (4, n),
        Ukuran::DinyatakanRp(n) => (5, n),
        Ukuran::UnitPd => (6, 0),
        Ukuran::Keterangan => (7, 0),
        Ukuran::Pendorong => (8, 0),
        Ukuran::Penghambat => (9, 0),
        Ukuran::TindakLanjut => (10, 0),
        Ukuran::Lokasi => (11, 0),
        Ukuran::SumberDana => (12, 0),
        Ukuran::CatatanPenting => (13, 0),
        Ukuran::AnggaranKasRp => (14, 0),
        Ukuran::Sasaran => (15, 0),
    };
    let (p, ke): (u64, u64) = match k.periode {
        Periode::Tahun => (0, 0),
        Periode::Triwulan(q) => (1, u64::from(q)),
        Periode::Bulan(m) => (2, u64::from(m)),
        Periode::AkhirRenstra => (3, 0),
        Periode::SdTahunLalu => (4, 0),
        // i32 in the order of its values.
        Periode::TahunKe(y) => (5, u64::from((y as u32) ^ 0x8000_0000)),
        Periode::TahunDepan => (6, 0),
    };
    let v = match k.versi {
        Versi::Murni => 0,
        Versi::Perubahan => 1,
    };
    (u << 56) | (u64::from(kolom) << 48) | (p << 40) | (ke << 8) | v
}

/// Every value of a plan, by [`Kunci`]: each owner's values in a short list sorted by key, the
/// lists by owner id — a lookup is an index and a search of a few numbers, an owner's values
/// are one slice, and iteration is in key order. JSON: a list of `[kunci, nilai]`.
#[derive(Clone, Debug, Default)]
pub struct DaftarNilai {
    simpul: Vec<Vec<Entri>>,
    indikator: Vec<Vec<Entri>>,
    len: usize,
}

impl DaftarNilai {
    fn list(&self, pemilik: Pemilik) -> &[Entri] {
        let found = match pemilik {
            Pemilik::Simpul(i) => self.simpul.get(i as usize),
            Pemilik::Indikator(i) => self.indikator.get(i as usize),
        };
        found.map_or(&[], |v| v.as_slice())
    }

    fn list_mut(&mut self, pemilik: Pemilik) -> &mut Vec<Entri> {
        let (lists, i) = match pemilik {
            Pemilik::Simpul(i) => (&mut self.simpul, i as usize),
            Pemilik::Indikator(i) => (&mut self.indikator, i as usize),
        };
        if lists.len() <= i {
            lists.resize_with(i + 1, Vec::new);
        }
        &mut lists[i]
    }

    /// The values of one owner, in key order.
    pub fn milik(&self, pemilik: Pemilik) -> &[Entri] {
        self.list(pemilik)
    }

    pub fn get(&self, kunci: &Kunci) -> Option<&Nilai> {
        let list = self.list(kunci.pemilik);
        let key = urut(kunci);
        let at = list.binary_search_by_key(&key, |e| e.urut).ok()?;
        Some(&list[at].nilai)
    }

    pub fn contains_key(&self, kunci: &Kunci) -> bool {
        self.get(kunci).is_some()
    }

    /// Sets the value at `kunci`; the one it replaces.
    pub fn insert(&mut self, kunci: Kunci, nilai: Nilai) -> Option<Nilai> {
        let key = urut(&kunci);
        let list = self.list_mut(kunci.pemilik);
        match list.binary_search_by_key(&key, |e| e.urut) {
            Ok(at) => Some(std::mem::replace(&mut list[at].nilai, nilai)),
            Err(at) => {
                list.insert(
                    at,
                    Entri {
                        kunci,
                        nilai,
                        urut: key,
                    },
                );
                self.len += 1;
                None
            }
        }
    }

    pub fn remove(&mut self, kunci: &Kunci) -> Option<Nilai> {
        let key = urut(kunci);
        let list = self.list_mut(kunci.pemilik);
        let at = list.binary_search_by_key(&key, |e| e.urut).ok()?;
        let removed = list.remove(at).nilai;
        self.len -= 1;
        Some(removed)
    }

    /// Keeps the values `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&Kunci, &Nilai) -> bool) {
        let mut len = 0;
        for list in self.simpul.iter_mut().chain(self.indikator.iter_mut()) {
            list.retain(|e| keep(&e.kunci, &e.nilai));
            len += list.len();
        }
        self.len = len;
    }

    /// Keeps the values of one owner `keep` says yes to.
    pub fn retain_milik(&mut self, pemilik: Pemilik, mut keep: impl FnMut(&Kunci, &Nilai) -> bool) {
        let list = self.list_mut(pemilik);
        let before = list.len();
        list.retain(|e| keep(&e.kunci, &e.nilai));
        let gone = before - list.len();
        self.len -= gone;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every value, in key order (nodes' before indicators', each by id).
    pub fn iter(&self) -> impl Iterator<Item = (&Kunci, &Nilai)> {
        self.simpul
            .iter()
            .chain(&self.indikator)
            .flatten()
            .map(|e| (&e.kunci, &e.nilai))
    }

    pub fn keys(&self) -> impl Iterator<Item = &Kunci> {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Nilai> {
        self.iter().map(|(_, n)| n)
    }
}

/// Equal when they hold the same values at the same keys (however the lists were grown).
impl PartialEq for DaftarNilai {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl std::ops::Index<&Kunci> for DaftarNilai {
    type Output = Nilai;

    fn index(&self, kunci: &Kunci) -> &Nilai {
        match self.get(kunci) {
            Some(n) => n,
            None => panic!("tidak ada nilai di {kunci:?}"),
        }
    }
}

impl Extend<(Kunci, Nilai)> for DaftarNilai {
    fn extend<I: IntoIterator<Item = (Kunci, Nilai)>>(&mut self, iter: I) {
        for (k, n) in iter {
            self.insert(k, n);
        }
    }
}

impl FromIterator<(Kunci, Nilai)> for DaftarNilai {
    /// Built in bulk: every value pushed to its owner's list, each list sorted once (a later
    /// value at the same key wins).
    fn from_iter<I: IntoIterator<Item = (Kunci, Nilai)>>(iter: I) -> Self {
        let mut out = DaftarNilai::default();
        for (kunci, nilai) in iter {
            let urut = urut(&kunci);
            out.list_mut(kunci.pemilik)
                .push(Entri { kunci, nilai, urut });
        }
        let mut len = 0;
        for list in out.simpul.iter_mut().chain(out.indikator.iter_mut()) {
            // Stable: of equal keys the later stays later, and is kept.
            list.sort_by_key(|e| e.urut);
            let mut i = 0;
            while i + 1 < list.len() {
                if list[i].urut == list[i + 1].urut {
                    list.remove(i);
                } else {
                    i += 1;
                }
            }
            len += list.len();
        }
        out.len = len;
        out
    }
}

impl Serialize for DaftarNilai {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for DaftarNilai {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<(Kunci, Nilai)>::deserialize(d)?.into_iter().collect())
    }
}

/// A file values came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Sumber {
    /// The file's name as uploaded.
    pub berkas: String,
    /// The form kind it was read as (`E.81`).
    pub formulir: String,
    /// The sheet read.
    pub lembar: String,
    /// The quarter the file reports, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triwulan: Option<u8>,
    /// Each indicator's row in the file's sheet (1-based), where the file had one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub baris: BTreeMap<IndikatorId, u32>,
}

/// The plan of one workspace (PD × tahun).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Rencana {
    pub tahun: Option<i32>,
    pub pd: Option<String>,
    pub wilayah: Option<String>,
    /// Every node. Its index is its id for good: nodes are only ever added, at the end; the
    /// tree's order is [`Rencana::urutan`] (a node's children in the order they were added).
    pub simpul: Vec<Simpul>,
    /// Every indicator; its index is its id for good, as for nodes. A node's indicators are in
    /// the order they were added.
    pub indikator: Vec<Indikator>,
    pub nilai: DaftarNilai,
    pub sumber: Vec<Sumber>,
}

impl Rencana {
    /// The value at `kunci`.
    pub fn nilai(&self, kunci: &Kunci) -> Option<&Isi> {
        self.nilai.get(kunci).map(|n| &n.isi)
    }

    /// The value of a target or pagu as version `versi` has it: the perubahan's own value, else
    /// the murni one (a perubahan changes what it states and keeps the rest). Other values have
    /// no version.
    pub fn berlaku(&self, kunci: Kunci, versi: Versi) -> Option<&Isi> {
        if versi == Versi::Perubahan && kunci.ukuran.berversi() {
            let perubahan = Kunci {
                versi: Versi::Perubahan,
                ..kunci
            };
            if let Some(v) = self.nilai(&perubahan) {
                return Some(v);
            }
        }
        self.nilai(&Kunci {
            versi: Versi::Murni,
            ..kunci
        })
    }

    /// Sets a value (or clears it with `None` or an empty value), from `sumber`.
    pub fn tetapkan(&mut self, kunci: Kunci, isi: Option<Isi>, sumber: Option<SumberId>) {
        match isi.filter(|v| !v.is_empty()) {
            Some(isi) => {
                self.nilai.insert(kunci, Nilai { isi, sumber });
            }
            None => {
                self.nilai.remove(&kunci);
            }
        }
    }

    /// Each node's indicators, in order (nodes without any are absent).
    pub fn indikator_per_simpul(&self) -> HashMap<SimpulId, Vec<IndikatorId>> {
        let mut m: HashMap<SimpulId, Vec<IndikatorId>> = HashMap::new();
        for (i, ind) in self.indikator.iter().enumerate() {
            m.entry(ind.simpul).or_default().push(i as IndikatorId);
        }
        m
    }

    /// Adds a file to the list of sources.
    pub fn tambah_sumber(&mut self, sumber: Sumber) -> SumberId {
        self.sumber.push(sumber);
        (self.sumber.len() - 1) as SumberId
    }

    /// Matches `berkas` (a file lifted into a plan, e.g. by [`e81::angkat`]) to this plan and
    /// compares them value by value. Nothing changes; [`Rencana::terapkan`] applies what the
    /// person accepts.
    pub fn banding(&self, berkas: &Rencana) -> Banding {
        let simpul = cocokkan_simpul(self, berkas);
        let indikator = cocokkan_indikator(self, berkas, &simpul);
        let mut beda = Vec::new();
        let mut kosong = 0;
        // Both sides' values of one owner, in key order, walked together.
        for (f, p) in pasangan(&simpul, &indikator) {
            let mut ours = self.nilai_milik(p).peekable();
            let mut theirs = berkas.nilai_milik(f).peekable();
            loop {
                let order = match (ours.peek(), theirs.peek()) {
                    (None, None) => break,
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (Some((a, _)), Some((b, _))) => urut(a).cmp(&urut(b)),
                };
                match order {
                    // Values the plan has where the file is silent are not differences: an
                    // empty cell of a file never clears the plan.
                    std::cmp::Ordering::Less => {
                        kosong += 1;
                        ours.next();
                    }
                    std::cmp::Ordering::Greater => {
                        if let Some((k, n)) = theirs.next() {
                            beda.push(Beda {
                                kunci: Kunci { pemilik: p, ..*k },
                                di_berkas: *k,
                                rencana: None,
                                berkas: n.isi.clone(),
                            });
                        }
                    }
                    std::cmp::Ordering::Equal => {
                        if let (Some((_, old)), Some((k, new))) = (ours.next(), theirs.next()) {
                            if !sama(&old.isi, &new.isi) {
                                beda.push(Beda {
                                    kunci: Kunci { pemilik: p, ..*k },
                                    di_berkas: *k,
                                    rencana: Some(old.isi.clone()),
                                    berkas: new.isi.clone(),
                                });
                            }
                        }
                    }
                }
            }
        }
        beda.sort_by_key(|b| b.kunci);
        Banding {
            simpul,
            indikator,
            beda,
            kosong_di_berkas: kosong,
        }
    }

    /// The values of one owner a person decides on, in key order (not what a file stated for
    /// a computed column: [`Ukuran::dinyatakan`]).
    fn nilai_milik(&self, pemilik: Pemilik) -> impl Iterator<Item = (&Kunci, &Nilai)> + '_ {
        self.nilai
            .milik(pemilik)
            .iter()
            .map(|e| (&e.kunci, &e.nilai))
            .filter(|(k, _)| !k.ukuran.dinyatakan())
    }

    /// Applies a comparison: the file's nodes and indicators the plan lacks are added (under
    /// their matched parents, after their existing children), and the accepted differences
    /// (`terima`, indices into [`Banding::beda`]) are set with the file as their source. Every
    /// other value of the plan stays as it is.
    pub fn terapkan(
        &mut self,
        berkas: &Rencana,
        banding: &Banding,
        terima: &[usize],
        sumber: Sumber,
    ) {
        self.tahun = self.tahun.or(berkas.tahun);
        if self.pd.is_none() {
            self.pd.clone_from(&berkas.pd);
        }
        if self.wilayah.is_none() {
            self.wilayah.clone_from(&berkas.wilayah);
        }
        let id = self.tambah_sumber(Sumber {
            baris: BTreeMap::new(),
            ..sumber
        });
        if self.simpul.is_empty() && self.indikator.is_empty() && self.nilai.is_empty() {
            // The first file into an empty plan: its nodes, indicators and values as they are.
            self.simpul.clone_from(&berkas.simpul);
            self.indikator.clone_from(&berkas.indikator);
            self.nilai = berkas
                .nilai
                .iter()
                .map(|(k, n)| {
                    let nilai = Nilai {
                        isi: n.isi.clone(),
                        sumber: Some(id),
                    };
                    (*k, nilai)
                })
                .collect();
            if let Some(src) = berkas.sumber.first() {
                self.sumber[id as usize].baris.clone_from(&src.baris);
            }
            return;
        }
        // New nodes and indicators are added at the end: no id moves (ids are addresses).
        // Parents first, so a new node under a new parent finds it.
        let mut simpul = banding.simpul.clone();
        for i in berkas.urutan() {
            let (i, node) = (i as usize, &berkas.simpul[i as usize]);
            if simpul[i].is_none() {
                let induk = node
                    .induk
                    .and_then(|p| simpul.get(p as usize).copied().flatten());
                self.simpul.push(Simpul {
                    induk,
                    ..node.clone()
                });
                simpul[i] = Some((self.simpul.len() - 1) as SimpulId);
            }
        }
        let mut indikator = banding.indikator.clone();
        for (i, ind) in berkas.indikator.iter().enumerate() {
            if indikator[i].is_none() {
                if let Some(node) = simpul[ind.simpul as usize] {
                    self.indikator.push(Indikator {
                        simpul: node,
                        ..ind.clone()
                    });
                    indikator[i] = Some((self.indikator.len() - 1) as IndikatorId);
                }
            }
        }
        if let Some(src) = berkas.sumber.first() {
            self.sumber[id as usize].baris = src
                .baris
                .iter()
                .filter_map(|(i, r)| indikator[*i as usize].map(|at| (at, *r)))
                .collect();
        }
        // Every value of a node or indicator the plan did not have is new, not a difference.
        for (kunci, nilai) in berkas.nilai.iter() {
            let fresh = match kunci.pemilik {
                Pemilik::Simpul(s) => banding.simpul[s as usize].is_none(),
                Pemilik::Indikator(i) => banding.indikator[i as usize].is_none(),
            };
            if fresh {
                if let Some(k) = terjemah(kunci, &simpul, &indikator) {
                    self.tetapkan(k, Some(nilai.isi.clone()), Some(id));
                }
            }
        }
        for &i in terima {
            if let Some(b) = banding.beda.get(i) {
                self.tetapkan(b.kunci, Some(b.berkas.clone()), Some(id));
            }
        }
        // What the file stated for the computed columns of its matched rows is this file's now.
        for (f, p) in pasangan(&banding.simpul, &banding.indikator) {
            self.nilai.retain_milik(p, |k, _| !k.ukuran.dinyatakan());
            let stated: Vec<(Kunci, Nilai)> = berkas
                .nilai
                .milik(f)
                .iter()
                .map(|e| (&e.kunci, &e.nilai))
                .filter(|(k, _)| k.ukuran.dinyatakan())
                .map(|(k, n)| {
                    let nilai = Nilai {
                        isi: n.isi.clone(),
                        sumber: Some(id),
                    };
                    (Kunci { pemilik: p, ..*k }, nilai)
                })
                .collect();
            self.nilai.extend(stated);
        }
    }

    /// The nodes in tree order: each node, then its children's subtrees in the order they were
    /// added; the performance tree (tujuan, sasaran) before the budget tree, as the laporan and
    /// the LKjIP print sasaran before their programs. A node whose parent is missing (or a
    /// cycle) is listed as a root, once.
    pub fn urutan(&self) -> Vec<SimpulId> {
        let n = self.simpul.len();
        let mut anak: Vec<Vec<SimpulId>> = vec![Vec::new(); n];
        let mut akar = Vec::new();
        for (i, node) in self.simpul.iter().enumerate() {
            match node.induk.filter(|&p| (p as usize) < n && p as usize != i) {
                Some(p) => anak[p as usize].push(i as SimpulId),
                None => akar.push(i as SimpulId),
            }
        }
        let mut seen = vec![false; n];
        let mut out = Vec::with_capacity(n);
        let visit = |start: SimpulId, out: &mut Vec<SimpulId>, seen: &mut [bool]| {
            let mut stack = vec![start];
            while let Some(i) = stack.pop() {
                if std::mem::replace(&mut seen[i as usize], true) {
                    continue;
                }
                out.push(i);
                stack.extend(anak[i as usize].iter().rev());
            }
        };
        // Stable: each tree's roots keep the order they were added in.
        akar.sort_by_key(|&r| {
            !matches!(
                self.simpul[r as usize].tingkat,
                Tingkat::Tujuan | Tingkat::Sasaran
            )
        });
        for r in akar {
            visit(r, &mut out, &mut seen);
        }
        // Nodes only a cycle reaches: as roots, in id order.
        for i in 0..n as SimpulId {
            if !seen[i as usize] {
                visit(i, &mut out, &mut seen);
            }
        }
        out
    }
}

/// What a file would change in the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Banding {
    /// Each of the file's nodes: the plan's node it matched, or None (new).
    pub simpul: Vec<Option<SimpulId>>,
    /// Each of the file's indicators: the plan's indicator it matched, or None (new).
    pub indikator: Vec<Option<IndikatorId>>,
    /// Every value of a matched node or indicator that differs from the plan's.
    pub beda: Vec<Beda>,
    /// Values of matched rows the plan has and the file leaves empty (kept).
    pub kosong_di_berkas: usize,
}

impl Banding {
    /// The file's nodes the plan did not have.
    pub fn simpul_baru(&self) -> usize {
        self.simpul.iter().filter(|m| m.is_none()).count()
    }
}

/// One value a file states differently from the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Beda {
    /// Where it lives in the plan.
    pub kunci: Kunci,
    /// Where it is in the file's fragment.
    pub di_berkas: Kunci,
    /// The plan's value (None: empty).
    pub rencana: Option<Isi>,
    pub berkas: Isi,
}

/// Two values are the same when they hold the same figure (`5` and `5.00` are equal: decimals
/// compare by value) or the same text, spaces around it aside.
fn sama(a: &Isi, b: &Isi) -> bool {
    match (a, b) {
        (CellValue::Text(x), CellValue::Text(y)) => x.trim() == y.trim(),
        _ => a.same(b),
    }
}

/// A node's canonical kode as matched (normalised again: a kode typed in a grid may be spelled
/// like a file's).
fn kode_kunci(node: &Simpul) -> Option<String> {
    let k = node.kode.as_deref()?;
    // Canonical already (digits and single dots): as it is.
    if k.bytes().all(|b| b.is_ascii_digit() || b == b'.') && !k.contains("..") {
        return Some(k.to_string());
    }
    Some(
        kode::normalize(k)
            .0
            .unwrap_or_else(|| teks::words(k).join(".").to_uppercase()),
    )
}

/// The file's nodes → the plan's: the same canonical kode (and level), else the same path of
/// names (a node whose parent matched, with the same level and name under it). Each plan node
/// is matched at most once.
/// The parent a node is matched under by name: its own, unless that is an urusan or bidang
/// urusan — a Renja or a SIPD export prints those above the programs, an E.81 does not, and a
/// program is the same program whether or not a file names its bidang.
fn induk_cocok(plan: &Rencana, node: &Simpul) -> Option<SimpulId> {
    node.induk.filter(|&p| {
        plan.simpul
            .get(p as usize)
            .is_some_and(|n| !matches!(n.tingkat, Tingkat::Urusan | Tingkat::BidangUrusan))
    })
}

/// What two nodes' names are compared by: a budget node's without its numbering and its level's
/// word (`Sub Kegiatan Penyusunan …` is `Penyusunan …`, as the nomenclature compares them:
/// [`crate::nomenklatur::name_key`]); a tujuan's or sasaran's as written (case and spacing
/// aside).
fn nama_kunci(node: &Simpul) -> String {
    match node.tingkat {
        Tingkat::Tujuan | Tingkat::Sasaran => teks::kunci(&node.nama),
        _ => crate::nomenklatur::name_key(&node.nama),
    }
}

pub(crate) fn cocokkan_simpul(rencana: &Rencana, berkas: &Rencana) -> Vec<Option<SimpulId>> {
    let mut out = vec![None; berkas.simpul.len()];
    if rencana.simpul.is_empty() {
        return out;
    }
    let mut by_kode: HashMap<(Tingkat, String), SimpulId> = HashMap::new();
    for (i, node) in rencana.simpul.iter().enumerate() {
        if let Some(k) = kode_kunci(node) {
            by_kode.entry((node.tingkat, k)).or_insert(i as SimpulId);
        }
    }
    // By level, parent and name: a node's path of names, one step at a time. Built only when
    // a node is left after the kode.
    let by_name = || {
        let mut m: HashMap<(Tingkat, Option<SimpulId>, String), Vec<SimpulId>> = HashMap::new();
        for (i, node) in rencana.simpul.iter().enumerate() {
            if !node.tersirat {
                m.entry((node.tingkat, induk_cocok(rencana, node), nama_kunci(node)))
                    .or_default()
                    .push(i as SimpulId);
            }
        }
        m
    };
    let mut by_name_built = None;
    let mut used = vec![false; rencana.simpul.len()];
    // Kode first, for every node, so a name match never takes a node a kode names.
    for (i, node) in berkas.simpul.iter().enumerate() {
        if let Some(&at) = kode_kunci(node).and_then(|k| by_kode.get(&(node.tingkat, k))) {
            if !used[at as usize] {
                used[at as usize] = true;
                out[i] = Some(at);
            }
        }
    }
    // Then by name under the matched parent, parents first.
    for i in berkas.urutan() {
        let node = &berkas.simpul[i as usize];
        if out[i as usize].is_some() || node.tersirat {
            continue;
        }
        let kinerja = matches!(node.tingkat, Tingkat::Tujuan | Tingkat::Sasaran);
        let parent = match induk_cocok(berkas, node) {
            Some(p) => match out.get(p as usize).copied().flatten() {
                Some(matched) => Some(matched),
                // A sasaran under a tujuan the plan lacks (a Renstra's table into a plan that
                // has the PK's sasaran, without tujuan): by its name alone, below.
                None if kinerja => None,
                None => continue,
            },
            None => None,
        };
        let key = (node.tingkat, parent, nama_kunci(node));
        let by_name = by_name_built.get_or_insert_with(by_name);
        let candidates = by_name.get(&key).map_or(&[][..], |v| v.as_slice());
        // A kode both sides state and that differs is another node, whatever its name (but
        // not a placeholder, nor a sub kegiatan's number in the other width: kode::bisa_sama).
        let found = candidates.iter().copied().find(|&at| {
            let kode_agrees = match (kode_kunci(&rencana.simpul[at as usize]), kode_kunci(node)) {
                (Some(a), Some(b)) => kode::bisa_sama(&a, &b),
                _ => true,
            };
            !used[at as usize] && kode_agrees
        });
        // A kegiatan or sub kegiatan at the top of its file (a report of one kegiatan, its
        // program not printed): by level and name anywhere in the plan, when the kode both
        // sides state agrees and exactly one node is such.
        let found = found.or_else(|| {
            let orphan = node.induk.is_none()
                && matches!(node.tingkat, Tingkat::Kegiatan | Tingkat::SubKegiatan);
            let kode = kode_kunci(node).filter(|_| orphan)?;
            let name = nama_kunci(node);
            let mut such = rencana.simpul.iter().enumerate().filter(|(at, n)| {
                !used[*at]
                    && !n.tersirat
                    && n.tingkat == node.tingkat
                    && kode_kunci(n).is_some_and(|k| kode::bisa_sama(&k, &kode))
                    && nama_kunci(n) == name
            });
            match (such.next(), such.next()) {
                (Some((at, _)), None) => Some(at as SimpulId),
                _ => None,
            }
        });
        // A tujuan or sasaran is named once in the PD's performance tree: by level and name
        // anywhere in the plan when exactly one node is such (a Kepala PD's PK prints its
        // sasaran without their tujuan, a Renstra's table under them).
        let found = found.or_else(|| {
            if !kinerja {
                return None;
            }
            let name = nama_kunci(node);
            let mut such = rencana.simpul.iter().enumerate().filter(|(at, n)| {
                !used[*at] && !n.tersirat && n.tingkat == node.tingkat && nama_kunci(n) == name
            });
            match (such.next(), such.next()) {
                (Some((at, _)), None) => Some(at as SimpulId),
                _ => None,
            }
        });
        if let Some(at) = found {
            used[at as usize] = true;
            out[i as usize] = Some(at);
        }
    }
    // An implied node (indicators without a node row) matches its counterpart by position:
    // the implied node of a matched parent, else the plan's first unused implied node.
    for (i, node) in berkas.simpul.iter().enumerate() {
        if out[i].is_some() || !node.tersirat {
            continue;
        }
        let want_parent = node.induk.and_then(|p| out[p as usize]);
        let found = rencana.simpul.iter().enumerate().find(|(at, n)| {
            n.tersirat && !used[*at] && n.induk == want_parent && n.tingkat == node.tingkat
        });
        if let Some((at, _)) = found {
            used[at] = true;
            out[i] = Some(at as SimpulId);
        }
    }
    out
}

/// The file's indicators → the plan's, within matched nodes: the same text (as written, else the
/// same words), else the same position among the node's indicators when either text is empty.
pub(crate) fn cocokkan_indikator(
    rencana: &Rencana,
    berkas: &Rencana,
    simpul: &[Option<SimpulId>],
) -> Vec<Option<IndikatorId>> {
    let milik_rencana = rencana.indikator_per_simpul();
    let milik_berkas = berkas.indikator_per_simpul();
    let mut used = vec![false; rencana.indikator.len()];
    let mut out = vec![None; berkas.indikator.len()];
    for (i, ind) in berkas.indikator.iter().enumerate() {
        let Some(node) = simpul.get(ind.simpul as usize).copied().flatten() else {
            continue;
        };
        let position = milik_berkas
            .get(&ind.simpul)
            .and_then(|v| v.iter().position(|&j| j as usize == i));
        let theirs: &[IndikatorId] = milik_rencana.get(&node).map_or(&[], |v| v.as_slice());
        // The same text as written (nearly always), else the same words.
        let exact = theirs
            .iter()
            .copied()
            .find(|&at| !used[at as usize] && rencana.indikator[at as usize].teks == ind.teks);
        let text = || teks::kunci(&ind.teks);
        let by_text = exact.or_else(|| {
            let text = text();
            theirs.iter().copied().find(|&at| {
                !used[at as usize] && teks::kunci(&rencana.indikator[at as usize].teks) == text
            })
        });
        let by_position = || {
            position
                .and_then(|p| theirs.get(p).copied())
                .filter(|&at| !used[at as usize])
                .filter(|&at| {
                    let plan_text = teks::kunci(&rencana.indikator[at as usize].teks);
                    plan_text.is_empty() || text().is_empty()
                })
        };
        if let Some(at) = by_text.or_else(by_position) {
            used[at as usize] = true;
            out[i] = Some(at);
        }
    }
    out
}

/// Every matched owner: (the file's, the plan's), nodes first.
fn pasangan<'a>(
    simpul: &'a [Option<SimpulId>],
    indikator: &'a [Option<IndikatorId>],
) -> impl Iterator<Item = (Pemilik, Pemilik)> + 'a {
    let nodes = simpul
        .iter()
        .enumerate()
        .filter_map(|(f, p)| Some((Pemilik::Simpul(f as SimpulId), Pemilik::Simpul((*p)?))));
    let indicators = indikator.iter().enumerate().filter_map(|(f, p)| {
        Some((
            Pemilik::Indikator(f as IndikatorId),
            Pemilik::Indikator((*p)?),
        ))
    });
    nodes.chain(indicators)
}

/// A file fragment's key in the plan, when its owner matched.
fn terjemah(
    kunci: &Kunci,
    simpul: &[Option<SimpulId>],
    indikator: &[Option<IndikatorId>],
) -> Option<Kunci> {
    let pemilik = match kunci.pemilik {
        Pemilik::Simpul(s) => Pemilik::Simpul(simpul.get(s as usize).copied().flatten()?),
        Pemilik::Indikator(i) => Pemilik::Indikator(indikator.get(i as usize).copied().flatten()?),
    };
    Some(Kunci { pemilik, ..*kunci })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn rp(n: i64) -> Nilai {
        Nilai {
            isi: CellValue::Rp(Decimal::from(n)),
            sumber: None,
        }
    }

    #[test]
    fn values_are_kept_per_owner_in_key_order() {
        let k = |p, u, per| Kunci::new(p, u, per);
        let a = k(
            Pemilik::Indikator(3),
            Ukuran::RealisasiK,
            Periode::Triwulan(2),
        );
        let b = k(Pemilik::Simpul(7), Ukuran::TargetRp, Periode::Tahun);
        let c = k(
            Pemilik::Simpul(7),
            Ukuran::RealisasiRp,
            Periode::Triwulan(1),
        );
        let d = k(Pemilik::Simpul(0), Ukuran::UnitPd, Periode::Tahun);
        // Built in bulk: a later value at the same key wins.
        let list: DaftarNilai = [(a, rp(1)), (b, rp(2)), (c, rp(3)), (d, rp(4)), (b, rp(5))]
            .into_iter()
            .collect();
        assert_eq!(list.len(), 4);
        assert_eq!(list[&b], rp(5));
        let keys: Vec<Kunci> = list.keys().copied().collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "iteration is in key order");
        // The packed order is Kunci's order.
        let all: Vec<Kunci> = [
            Ukuran::TargetK,
            Ukuran::DinyatakanK(12),
            Ukuran::DinyatakanK(15),
            Ukuran::CatatanPenting,
            Ukuran::AnggaranKasRp,
        ]
        .into_iter()
        .flat_map(|u| {
            [
                Periode::Tahun,
                Periode::Triwulan(4),
                Periode::Bulan(1),
                Periode::TahunKe(-3),
                Periode::TahunKe(2025),
                Periode::TahunDepan,
            ]
            .into_iter()
            .flat_map(move |p| {
                [Versi::Murni, Versi::Perubahan].map(|v| Kunci {
                    pemilik: Pemilik::Simpul(1),
                    ukuran: u,
                    periode: p,
                    versi: v,
                })
            })
        })
        .collect();
        for a in &all {
            for b in &all {
                assert_eq!(urut(a).cmp(&urut(b)), a.cmp(b), "{a:?} {b:?}");
            }
        }
        assert_eq!(keys, [d, b, c, a]);
        assert_eq!(list.milik(Pemilik::Simpul(7)).len(), 2);
        assert!(list.milik(Pemilik::Indikator(99)).is_empty());

        let mut list = list;
        assert_eq!(list.insert(c, rp(6)), Some(rp(3)));
        assert_eq!(list.len(), 4);
        let e = k(Pemilik::Simpul(7), Ukuran::TargetK, Periode::Tahun);
        assert_eq!(list.insert(e, rp(7)), None);
        assert_eq!(list.len(), 5);
        assert_eq!(list.remove(&b), Some(rp(5)));
        assert_eq!(list.remove(&b), None);
        assert_eq!(list.len(), 4);
        list.retain_milik(Pemilik::Simpul(7), |k, _| k.ukuran != Ukuran::TargetK);
        assert_eq!(list.len(), 3);
        list.retain(|k, _| k.pemilik != Pemilik::Simpul(0));
        assert_eq!(list.len(), 2);
        assert!(!list.contains_key(&d));
        let json = serde_json::to_string(&list).unwrap();
        let back: DaftarNilai = serde_json::from_str(&json).unwrap();
        assert_eq!(back, list, "equal however the lists were grown");
    }
}
