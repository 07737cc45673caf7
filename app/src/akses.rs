//! Who may do what: roles, the person acting, the quarter workflow and which bidang owns a row.
//!
//! Pure and shared: the server decides with it (every route and server function), and the
//! browser uses the same rules only to grey out what the server would refuse anyway.

use std::collections::BTreeMap;

use capaian_domain::model::{Level, Row};
use serde::{Deserialize, Serialize};

use crate::format::romawi;

/// A team member's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Peran {
    /// Manages accounts, unlocks quarters.
    Admin,
    /// Subbag Perencanaan: consolidates, edits everything not submitted, submits.
    Perencana,
    /// Operator bidang: edits only the rows of the programs/kegiatan of their bidang.
    Operator,
    /// Kepala PD: approves or returns.
    Kepala,
    /// Read-only (e.g. Inspektorat).
    Pemeriksa,
}

impl Peran {
    pub const ALL: [Peran; 5] = [
        Peran::Admin,
        Peran::Perencana,
        Peran::Operator,
        Peran::Kepala,
        Peran::Pemeriksa,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Peran::Admin => "admin",
            Peran::Perencana => "perencana",
            Peran::Operator => "operator",
            Peran::Kepala => "kepala",
            Peran::Pemeriksa => "pemeriksa",
        }
    }

    pub fn from_key(key: &str) -> Option<Peran> {
        Peran::ALL.into_iter().find(|p| p.key() == key.trim())
    }

    /// How people call it.
    pub fn label(self) -> &'static str {
        match self {
            Peran::Admin => "Admin",
            Peran::Perencana => "Perencana",
            Peran::Operator => "Operator bidang",
            Peran::Kepala => "Kepala PD",
            Peran::Pemeriksa => "Pemeriksa",
        }
    }
}

/// Something a person may or may not do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Aksi {
    BuatRuangKerja,
    /// A workspace's settings (the office's time zone).
    AturRuangKerja,
    Unggah,
    /// Edit cells (an operator: only the rows of their bidang, checked per row).
    UbahSel,
    /// Assign programs/kegiatan to bidang.
    AturBidang,
    /// Draf → Diajukan.
    Ajukan,
    /// Diajukan → Disetujui.
    Setujui,
    /// Diajukan → Draf, with notes.
    Kembalikan,
    /// A note on a row of a quarter under verification.
    Catatan,
    /// Disetujui → Final: freeze the document and its files.
    Finalkan,
    BukaKunci,
    MulaiPerubahan,
    KelolaAkun,
}

impl Aksi {
    /// What it is called in a refusal ("… tidak boleh {nama}").
    pub fn nama(self) -> &'static str {
        match self {
            Aksi::BuatRuangKerja => "membuat ruang kerja",
            Aksi::AturRuangKerja => "mengubah pengaturan ruang kerja",
            Aksi::Unggah => "mengunggah workbook",
            Aksi::UbahSel => "mengubah nilai",
            Aksi::AturBidang => "membagi baris ke bidang",
            Aksi::Ajukan => "mengajukan triwulan untuk diverifikasi",
            Aksi::Setujui => "menyetujui triwulan",
            Aksi::Kembalikan => "mengembalikan triwulan",
            Aksi::Catatan => "menulis catatan verifikasi",
            Aksi::Finalkan => "memfinalkan triwulan",
            Aksi::BukaKunci => "membuka kunci triwulan",
            Aksi::MulaiPerubahan => "memulai perubahan anggaran",
            Aksi::KelolaAkun => "mengelola akun",
        }
    }
}

/// Whether a role may do something (row ownership is checked apart, per row).
pub fn boleh(peran: Peran, aksi: Aksi) -> bool {
    use Aksi::*;
    use Peran::*;
    match aksi {
        BuatRuangKerja | AturRuangKerja => matches!(peran, Admin | Perencana),
        Unggah | Ajukan | MulaiPerubahan => peran == Perencana,
        UbahSel => matches!(peran, Perencana | Operator),
        AturBidang => matches!(peran, Admin | Perencana),
        Setujui | Kembalikan => peran == Kepala,
        Catatan => matches!(peran, Kepala | Perencana),
        Finalkan => matches!(peran, Perencana | Kepala),
        BukaKunci | KelolaAkun => peran == Admin,
    }
}

/// The person behind a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pelaku {
    /// The login name; `None` on a single PC without login (everything is allowed there).
    pub login: Option<String>,
    /// The name written into the log.
    pub nama: String,
    pub peran: Option<Peran>,
    /// An operator's bidang.
    pub bidang: Option<String>,
}

impl Pelaku {
    /// The officer on a single PC (127.0.0.1, no login): may do everything.
    pub fn lokal() -> Pelaku {
        Pelaku {
            login: None,
            nama: String::new(),
            peran: None,
            bidang: None,
        }
    }

    /// Whether this is the single-PC mode without accounts.
    pub fn is_lokal(&self) -> bool {
        self.peran.is_none()
    }

    pub fn boleh(&self, aksi: Aksi) -> bool {
        self.peran.is_none_or(|p| boleh(p, aksi))
    }

    /// `Ok` when allowed, else the refusal in Indonesian.
    pub fn periksa(&self, aksi: Aksi) -> Result<(), String> {
        if self.boleh(aksi) {
            return Ok(());
        }
        let peran = self.peran.map(Peran::label).unwrap_or_default();
        Err(format!(
            "Akun {} ({peran}) tidak boleh {}.",
            self.login.as_deref().unwrap_or(&self.nama),
            aksi.nama()
        ))
    }

    /// Whether a row owned by `owner` is of this person's bidang (cheap: no message).
    pub fn owns(&self, owner: Option<&str>) -> bool {
        matches!((owner, self.bidang.as_deref()), (Some(o), Some(mine)) if o == mine)
    }

    /// Whether this person may edit row `baris` given who owns which rows: an operator only
    /// the rows under a program/kegiatan assigned to their bidang.
    pub fn boleh_baris(&self, owner: Option<&str>) -> Result<(), String> {
        self.periksa(Aksi::UbahSel)?;
        if self.peran != Some(Peran::Operator) {
            return Ok(());
        }
        if self.owns(owner) {
            return Ok(());
        }
        let mine = self.bidang.as_deref().unwrap_or_default();
        match owner {
            Some(o) => Err(format!(
                "Baris ini milik {o}; akun {} hanya boleh mengubah baris {mine}.",
                self.login.as_deref().unwrap_or_default()
            )),
            None => Err(format!(
                "Baris ini belum dibagikan ke bidang mana pun; akun {} hanya boleh mengubah baris {mine}.",
                self.login.as_deref().unwrap_or_default()
            )),
        }
    }
}

/// Which bidang owns which program/kegiatan rows (row index → bidang).
pub type Penugasan = BTreeMap<usize, String>;

/// The bidang that owns each row: its kegiatan's, else its program's (a program or kegiatan
/// row counts as its own). `None`: nobody's (also the performance tree's rows).
pub fn pemilik<'a>(rows: &[Row], penugasan: &'a Penugasan) -> Vec<Option<&'a str>> {
    let mut program: Option<&'a str> = None;
    let mut kegiatan: Option<&'a str> = None;
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            match r.level {
                Level::Program => {
                    program = penugasan.get(&i).map(String::as_str);
                    kegiatan = None;
                }
                Level::Kegiatan => kegiatan = penugasan.get(&i).map(String::as_str),
                // The performance tree (the Kepala PD's sasaran and IKU) is no bidang's.
                Level::Tujuan | Level::Sasaran => (program, kegiatan) = (None, None),
                Level::SubKegiatan | Level::Indikator => {}
            }
            kegiatan.or(program)
        })
        .collect()
}

/// Where a quarter stands in the verification workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tahap {
    Draf,
    Diajukan,
    Disetujui,
    Final,
}

impl Tahap {
    /// A quarter's stage from the document's lists it is in: final (`kunci`) wins over
    /// approved, approved over submitted; in none of them it is Draf.
    pub fn of(is_final: bool, disetujui: bool, diajukan: bool) -> Tahap {
        if is_final {
            Tahap::Final
        } else if disetujui {
            Tahap::Disetujui
        } else if diajukan {
            Tahap::Diajukan
        } else {
            Tahap::Draf
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tahap::Draf => "Draf",
            Tahap::Diajukan => "Diajukan",
            Tahap::Disetujui => "Disetujui",
            Tahap::Final => "Final",
        }
    }

    /// Values of the quarter cannot change in this stage.
    pub fn terkunci(self) -> bool {
        self != Tahap::Draf
    }
}

/// A verifier's note on one row of a quarter (kept until the quarter is submitted again).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catatan {
    pub triwulan: u8,
    pub baris: usize,
    pub teks: String,
    pub oleh: String,
    /// RFC 3339 (UTC).
    pub waktu: String,
}

impl Catatan {
    /// "Catatan TW II (Nama): teks".
    pub fn label(&self) -> String {
        format!(
            "Catatan TW {} ({}): {}",
            romawi(self.triwulan),
            self.oleh,
            self.teks
        )
    }
}

/// A workflow step someone asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Langkah {
    Ajukan,
    Setujui,
    Kembalikan,
}

impl Langkah {
    pub fn key(self) -> &'static str {
        match self {
            Langkah::Ajukan => "ajukan",
            Langkah::Setujui => "setujui",
            Langkah::Kembalikan => "kembalikan",
        }
    }

    pub fn from_key(key: &str) -> Option<Langkah> {
        [Langkah::Ajukan, Langkah::Setujui, Langkah::Kembalikan]
            .into_iter()
            .find(|l| l.key() == key.trim())
    }

    pub fn aksi(self) -> Aksi {
        match self {
            Langkah::Ajukan => Aksi::Ajukan,
            Langkah::Setujui => Aksi::Setujui,
            Langkah::Kembalikan => Aksi::Kembalikan,
        }
    }

    /// The stage it starts from and the stage it leads to.
    pub fn dari_ke(self) -> (Tahap, Tahap) {
        match self {
            Langkah::Ajukan => (Tahap::Draf, Tahap::Diajukan),
            Langkah::Setujui => (Tahap::Diajukan, Tahap::Disetujui),
            Langkah::Kembalikan => (Tahap::Diajukan, Tahap::Draf),
        }
    }
}

/// Why a workflow step does not apply to a quarter in stage `now`, in Indonesian.
pub fn tidak_berlaku(langkah: Langkah, triwulan: u8, now: Tahap) -> String {
    let (dari, _) = langkah.dari_ke();
    format!(
        "Triwulan {} berstatus {}; langkah ini hanya untuk triwulan berstatus {}.",
        romawi(triwulan),
        now.label(),
        dari.label()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use capaian_domain::model::Row;

    fn row(level: Level) -> Row {
        Row::empty(level)
    }

    /// P0 K1 S2 I3 S4 K5 S6 P7 S8 (a program without kegiatan rows).
    fn rows() -> Vec<Row> {
        use Level::*;
        [
            Program,
            Kegiatan,
            SubKegiatan,
            Indikator,
            SubKegiatan,
            Kegiatan,
            SubKegiatan,
            Program,
            SubKegiatan,
        ]
        .into_iter()
        .map(row)
        .collect()
    }

    #[test]
    fn a_row_belongs_to_its_kegiatan_else_its_program() {
        let rows = rows();
        type Case<'a> = (&'a [(usize, &'a str)], [Option<&'a str>; 9]);
        let cases: [Case; 4] = [
            (&[], [None; 9]),
            (
                &[(0, "A")],
                [
                    Some("A"),
                    Some("A"),
                    Some("A"),
                    Some("A"),
                    Some("A"),
                    Some("A"),
                    Some("A"),
                    None,
                    None,
                ],
            ),
            (
                &[(0, "A"), (5, "B")],
                [
                    Some("A"),
                    Some("A"),
                    Some("A"),
                    Some("A"),
                    Some("A"),
                    Some("B"),
                    Some("B"),
                    None,
                    None,
                ],
            ),
            (
                &[(1, "B"), (7, "C")],
                [
                    None,
                    Some("B"),
                    Some("B"),
                    Some("B"),
                    Some("B"),
                    None,
                    None,
                    Some("C"),
                    Some("C"),
                ],
            ),
        ];
        for (assigned, expected) in cases {
            let p: Penugasan = assigned.iter().map(|&(i, b)| (i, b.to_string())).collect();
            assert_eq!(pemilik(&rows, &p), expected, "{assigned:?}");
        }
    }

    #[test]
    fn roles_allow_what_the_team_expects() {
        use Aksi::*;
        let table: [(Aksi, [bool; 5]); 13] = [
            // admin, perencana, operator, kepala, pemeriksa
            (BuatRuangKerja, [true, true, false, false, false]),
            (AturRuangKerja, [true, true, false, false, false]),
            (Unggah, [false, true, false, false, false]),
            (UbahSel, [false, true, true, false, false]),
            (AturBidang, [true, true, false, false, false]),
            (Ajukan, [false, true, false, false, false]),
            (Setujui, [false, false, false, true, false]),
            (Kembalikan, [false, false, false, true, false]),
            (Catatan, [false, true, false, true, false]),
            (Finalkan, [false, true, false, true, false]),
            (BukaKunci, [true, false, false, false, false]),
            (MulaiPerubahan, [false, true, false, false, false]),
            (KelolaAkun, [true, false, false, false, false]),
        ];
        for (aksi, allowed) in table {
            for (peran, expected) in Peran::ALL.into_iter().zip(allowed) {
                assert_eq!(boleh(peran, aksi), expected, "{peran:?} {aksi:?}");
            }
            assert!(Pelaku::lokal().boleh(aksi));
        }
    }

    #[test]
    fn an_operator_edits_only_the_rows_of_their_bidang() {
        let op = Pelaku {
            login: Some("sari".into()),
            nama: "Sari".into(),
            peran: Some(Peran::Operator),
            bidang: Some("Bidang Mutasi".into()),
        };
        assert!(op.boleh_baris(Some("Bidang Mutasi")).is_ok());
        let other = op.boleh_baris(Some("Bidang Diklat")).unwrap_err();
        assert!(other.contains("milik Bidang Diklat"), "{other}");
        assert!(op.boleh_baris(None).is_err());
        let perencana = Pelaku {
            peran: Some(Peran::Perencana),
            ..op.clone()
        };
        assert!(perencana.boleh_baris(None).is_ok());
        let kepala = Pelaku {
            peran: Some(Peran::Kepala),
            ..op
        };
        assert!(kepala.boleh_baris(Some("Bidang Mutasi")).is_err());
    }
}
