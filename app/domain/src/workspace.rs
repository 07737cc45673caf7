//! A *ruang kerja* (workspace): one Perangkat Daerah in one tahun anggaran.
//!
//! The validation here is the single source of the rules; the browser form, the no-JS form
//! route and the server function all call [`validate`].

use serde::{Deserialize, Serialize};

use crate::model::{Location, Problem, Severity};

/// Years a workspace may have.
pub const TAHUN_MIN: i32 = 2000;
pub const TAHUN_MAX: i32 = 2100;

/// What a user types into the "buat ruang kerja" form, as text. Missing fields read as empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkspaceInput {
    pub nama_pd: String,
    pub kabupaten: String,
    /// Text as typed; a JSON client may also send a number (`2026`).
    #[serde(deserialize_with = "text_or_number")]
    pub tahun: String,
    pub kepala_nama: String,
    /// Text as typed; a JSON client may also send a number.
    #[serde(deserialize_with = "text_or_number")]
    pub kepala_nip: String,
}

/// A field that is text in a form and may be a number in JSON: either becomes its text.
fn text_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("teks atau angka")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<String, E> {
            Ok(String::new())
        }
    }
    d.deserialize_any(Visitor)
}

impl WorkspaceInput {
    /// What was typed into `field`.
    pub fn value(&self, field: WorkspaceField) -> &str {
        match field {
            WorkspaceField::NamaPd => &self.nama_pd,
            WorkspaceField::Kabupaten => &self.kabupaten,
            WorkspaceField::Tahun => &self.tahun,
            WorkspaceField::KepalaNama => &self.kepala_nama,
            WorkspaceField::KepalaNip => &self.kepala_nip,
        }
    }
}

/// A validated workspace, ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWorkspace {
    pub nama_pd: String,
    pub kabupaten: String,
    pub tahun: i32,
    pub kepala_nama: String,
    /// 18 digits, no spaces.
    pub kepala_nip: String,
}

/// The form fields, for attaching a message to the right input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceField {
    NamaPd,
    Kabupaten,
    Tahun,
    KepalaNama,
    KepalaNip,
}

impl WorkspaceField {
    /// Every field, in the form's order.
    pub const ALL: [WorkspaceField; 5] = [
        WorkspaceField::NamaPd,
        WorkspaceField::Kabupaten,
        WorkspaceField::Tahun,
        WorkspaceField::KepalaNama,
        WorkspaceField::KepalaNip,
    ];

    /// The form input's `name` attribute.
    pub fn name(self) -> &'static str {
        match self {
            WorkspaceField::NamaPd => "nama_pd",
            WorkspaceField::Kabupaten => "kabupaten",
            WorkspaceField::Tahun => "tahun",
            WorkspaceField::KepalaNama => "kepala_nama",
            WorkspaceField::KepalaNip => "kepala_nip",
        }
    }
}

/// A reason a field was refused, in Bahasa Indonesia.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: WorkspaceField,
    pub message: String,
}

/// Checks the form; returns the workspace or every reason it was refused (all fields at once).
pub fn validate(input: &WorkspaceInput) -> Result<NewWorkspace, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut refuse = |field, message: String| errors.push(FieldError { field, message });

    let nama_pd = collapse_spaces(&input.nama_pd);
    if nama_pd.is_empty() {
        refuse(
            WorkspaceField::NamaPd,
            "Nama Perangkat Daerah wajib diisi.".into(),
        );
    } else if nama_pd.chars().count() > 200 {
        refuse(
            WorkspaceField::NamaPd,
            "Nama Perangkat Daerah terlalu panjang (paling banyak 200 huruf).".into(),
        );
    }

    let kabupaten = collapse_spaces(&input.kabupaten);
    if kabupaten.is_empty() {
        refuse(
            WorkspaceField::Kabupaten,
            "Kabupaten/kota wajib diisi.".into(),
        );
    } else if kabupaten.chars().count() > 120 {
        refuse(
            WorkspaceField::Kabupaten,
            "Nama kabupaten/kota terlalu panjang (paling banyak 120 huruf).".into(),
        );
    }

    let tahun_text = input.tahun.trim();
    let tahun = match tahun_text.parse::<i32>() {
        Ok(t) if (TAHUN_MIN..=TAHUN_MAX).contains(&t) => Some(t),
        Ok(_) => {
            refuse(
                WorkspaceField::Tahun,
                format!("Tahun anggaran harus antara {TAHUN_MIN} dan {TAHUN_MAX}."),
            );
            None
        }
        Err(_) if tahun_text.is_empty() => {
            refuse(WorkspaceField::Tahun, "Tahun anggaran wajib diisi.".into());
            None
        }
        Err(_) => {
            refuse(
                WorkspaceField::Tahun,
                format!("'{tahun_text}' bukan tahun; tulis empat angka, misalnya 2026."),
            );
            None
        }
    };

    let kepala_nama = collapse_spaces(&input.kepala_nama);
    if kepala_nama.is_empty() {
        refuse(
            WorkspaceField::KepalaNama,
            "Nama kepala Perangkat Daerah wajib diisi.".into(),
        );
    } else if kepala_nama.chars().count() > 150 {
        refuse(
            WorkspaceField::KepalaNama,
            "Nama kepala terlalu panjang (paling banyak 150 huruf).".into(),
        );
    }

    let nip = normalize_nip(&input.kepala_nip);
    match &nip {
        Ok(_) => {}
        Err(message) => refuse(WorkspaceField::KepalaNip, message.clone()),
    }

    match (tahun, nip) {
        (Some(tahun), Ok(kepala_nip)) if errors.is_empty() => Ok(NewWorkspace {
            nama_pd,
            kabupaten,
            tahun,
            kepala_nama,
            kepala_nip,
        }),
        _ => Err(errors),
    }
}

/// The message for `field` among `errors`, if any.
pub fn error_for(errors: &[FieldError], field: WorkspaceField) -> Option<&str> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.as_str())
}

/// A NIP as typed (`19650110 198602 2 004`, with spaces or dots) → its 18 digits.
pub fn normalize_nip(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err("NIP kepala wajib diisi (18 angka).".into());
    }
    if let Some(bad) = trimmed
        .chars()
        .find(|c| !c.is_ascii_digit() && !matches!(c, ' ' | '.' | '-' | '\u{a0}'))
    {
        return Err(format!(
            "NIP hanya boleh berisi angka; '{bad}' tidak dikenali."
        ));
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 18 {
        return Err(format!(
            "NIP harus 18 angka; yang diisi {} angka.",
            digits.len()
        ));
    }
    Ok(digits)
}

/// 18 digits → `19650110 198602 2 004`, as NIPs are printed. Other input is returned as is.
pub fn format_nip(nip: &str) -> String {
    if nip.len() == 18 && nip.chars().all(|c| c.is_ascii_digit()) {
        format!(
            "{} {} {} {}",
            &nip[..8],
            &nip[8..14],
            &nip[14..15],
            &nip[15..]
        )
    } else {
        nip.to_string()
    }
}

/// Whether an uploaded file belongs to this workspace: the year and the Perangkat Daerah its
/// title states, against the workspace's. One warning per difference, naming both (the file
/// is still read: a title can be stale while the numbers are right).
pub fn check_file(
    workspace_tahun: i32,
    workspace_pd: &str,
    file_tahun: Option<i32>,
    file_pd: Option<&str>,
    sheet: &str,
) -> Vec<Problem> {
    let at = || Location {
        sheet: Some(sheet.to_string()),
        ..Location::default()
    };
    let mut problems = Vec::new();
    if let Some(tahun) = file_tahun.filter(|&t| t != workspace_tahun) {
        problems.push(Problem {
            severity: Severity::Warning,
            code: "tahun_berbeda".into(),
            message: format!(
                "Judul berkas menyebut tahun {tahun}, sedangkan ruang kerja ini tahun {workspace_tahun}. \
                 Pastikan berkas diunggah ke ruang kerja yang benar."
            ),
            at: at(),
        });
    }
    if let Some(pd) = file_pd.filter(|pd| !same_pd(pd, workspace_pd)) {
        problems.push(Problem {
            severity: Severity::Warning,
            code: "pd_berbeda".into(),
            message: format!(
                "Judul berkas menyebut Perangkat Daerah '{}', sedangkan ruang kerja ini '{}'. \
                 Pastikan berkas diunggah ke ruang kerja yang benar.",
                collapse_spaces(pd),
                collapse_spaces(workspace_pd)
            ),
            at: at(),
        });
    }
    problems
}

/// Words of a PD name that say which PD it is (lower case, no punctuation, no filler).
fn pd_words(name: &str) -> Vec<String> {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                *w,
                "dan"
                    | "serta"
                    | "kabupaten"
                    | "kab"
                    | "kota"
                    | "provinsi"
                    | "pemerintah"
                    | "perangkat"
                    | "pd"
                    | "opd"
                    | "skpd"
            )
        })
        .flat_map(|w| match w {
            "sdm" => vec!["sumber", "daya", "manusia"],
            "ppkb" => vec!["pengendalian", "penduduk", "keluarga", "berencana"],
            w => vec![w],
        })
        .map(str::to_string)
        .collect()
}

/// Two spellings of one PD: one inside the other, one the other's initials (`BKPSDM` — Badan
/// Kepegawaian dan Pengembangan Sumber Daya Manusia), or two thirds of the shorter's words
/// shared (`… SDM Kabupaten Sleman`).
fn same_pd(a: &str, b: &str) -> bool {
    let (wa, wb) = (pd_words(a), pd_words(b));
    if wa.is_empty() || wb.is_empty() {
        return true;
    }
    let (ja, jb) = (wa.join(" "), wb.join(" "));
    if ja.contains(&jb) || jb.contains(&ja) {
        return true;
    }
    let initials = |w: &[String]| -> String { w.iter().filter_map(|x| x.chars().next()).collect() };
    let acronym = |w: &[String]| w.len() == 1 && w[0].len() >= 3;
    if (acronym(&wa) && initials(&wb) == wa[0]) || (acronym(&wb) && initials(&wa) == wb[0]) {
        return true;
    }
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    shared * 3 >= wa.len().min(wb.len()) * 2
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_another_year_or_pd_is_flagged_naming_both() {
        let codes = |tahun: Option<i32>, pd: Option<&str>| -> Vec<String> {
            check_file(
                2026,
                "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
                tahun,
                pd,
                "E81",
            )
            .into_iter()
            .map(|p| p.code)
            .collect()
        };
        assert!(codes(
            Some(2026),
            Some("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA")
        )
        .is_empty());
        assert!(codes(Some(2026), Some("BKPSDM")).is_empty());
        assert!(codes(None, None).is_empty());
        assert!(codes(
            Some(2026),
            Some("Badan Kepegawaian dan Pengembangan SDM Kabupaten Sleman")
        )
        .is_empty());
        assert_eq!(codes(Some(2025), None), ["tahun_berbeda"]);
        assert_eq!(codes(Some(2026), Some("Dinas Pendidikan")), ["pd_berbeda"]);
        assert_eq!(
            codes(Some(2024), Some("DINKES")),
            ["tahun_berbeda", "pd_berbeda"]
        );
        let p = &check_file(
            2026,
            "Dinas Kesehatan",
            Some(2025),
            Some("Dinas  Pendidikan"),
            "E81",
        )[..];
        assert!(p[0].message.contains("2025") && p[0].message.contains("2026"));
        assert!(
            p[1].message.contains("'Dinas Pendidikan'")
                && p[1].message.contains("'Dinas Kesehatan'")
        );
        assert_eq!(p[1].at.sheet.as_deref(), Some("E81"));
        assert_eq!(p[1].severity, Severity::Warning);
    }

    fn input(nama: &str, kab: &str, tahun: &str, kepala: &str, nip: &str) -> WorkspaceInput {
        WorkspaceInput {
            nama_pd: nama.into(),
            kabupaten: kab.into(),
            tahun: tahun.into(),
            kepala_nama: kepala.into(),
            kepala_nip: nip.into(),
        }
    }

    #[test]
    fn accepts_a_valid_workspace_and_normalises_it() {
        let ws = validate(&input(
            "  Badan Kepegawaian   dan Pengembangan SDM ",
            "Kota Tarakan",
            " 2026 ",
            "Hj. Siti Rahmah, S.E., M.M.",
            "19700707 199107 2 005",
        ))
        .expect("valid");
        assert_eq!(ws.nama_pd, "Badan Kepegawaian dan Pengembangan SDM");
        assert_eq!(ws.tahun, 2026);
        assert_eq!(ws.kepala_nip, "197007071991072005");
        assert_eq!(format_nip(&ws.kepala_nip), "19700707 199107 2 005");
    }

    #[test]
    fn refuses_each_bad_field_with_its_reason() {
        // (input, field expected to be refused, fragment of the message)
        let ok_nip = "197007071991072005";
        let cases = [
            (
                input("", "Kab. X", "2026", "A", ok_nip),
                WorkspaceField::NamaPd,
                "wajib",
            ),
            (
                input("   ", "Kab. X", "2026", "A", ok_nip),
                WorkspaceField::NamaPd,
                "wajib",
            ),
            (
                input("PD", "", "2026", "A", ok_nip),
                WorkspaceField::Kabupaten,
                "wajib",
            ),
            (
                input("PD", "Kab", "1999", "A", ok_nip),
                WorkspaceField::Tahun,
                "antara 2000 dan 2100",
            ),
            (
                input("PD", "Kab", "2101", "A", ok_nip),
                WorkspaceField::Tahun,
                "antara 2000 dan 2100",
            ),
            (
                input("PD", "Kab", "dua ribu", "A", ok_nip),
                WorkspaceField::Tahun,
                "bukan tahun",
            ),
            (
                input("PD", "Kab", "", "A", ok_nip),
                WorkspaceField::Tahun,
                "wajib",
            ),
            (
                input("PD", "Kab", "2026", "", ok_nip),
                WorkspaceField::KepalaNama,
                "wajib",
            ),
            (
                input("PD", "Kab", "2026", "A", "1970070719910720"),
                WorkspaceField::KepalaNip,
                "18 angka; yang diisi 16",
            ),
            (
                input("PD", "Kab", "2026", "A", "1970070719910720055"),
                WorkspaceField::KepalaNip,
                "yang diisi 19",
            ),
            (
                input("PD", "Kab", "2026", "A", "19700707x991072005"),
                WorkspaceField::KepalaNip,
                "'x'",
            ),
            (
                input("PD", "Kab", "2026", "A", ""),
                WorkspaceField::KepalaNip,
                "wajib",
            ),
        ];
        for (case, field, fragment) in cases {
            let errors = validate(&case).expect_err("must be refused");
            assert_eq!(errors.len(), 1, "{case:?}: {errors:?}");
            let message = error_for(&errors, field).unwrap_or_default();
            assert!(message.contains(fragment), "{case:?}: {message}");
        }
    }

    #[test]
    fn reports_every_bad_field_at_once() {
        let errors = validate(&WorkspaceInput::default()).expect_err("empty form");
        assert_eq!(errors.len(), 5);
    }

    #[test]
    fn boundary_years_are_accepted() {
        for year in ["2000", "2100"] {
            let ws = validate(&input("PD", "Kab", year, "A", "197007071991072005"));
            assert!(ws.is_ok(), "{year}");
        }
    }

    #[test]
    fn json_clients_may_send_the_year_and_nip_as_numbers() {
        let input: WorkspaceInput = serde_json::from_str(
            r#"{"nama_pd":"Dinas","kabupaten":"Kota Tarakan","tahun":2026,
                "kepala_nama":"Sari","kepala_nip":197007071991072005}"#,
        )
        .expect("numbers");
        assert_eq!(input.tahun, "2026");
        assert_eq!(input.kepala_nip, "197007071991072005");
        let text: WorkspaceInput =
            serde_json::from_str(r#"{"tahun":"2026","kepala_nip":null}"#).expect("text");
        assert_eq!(text.tahun, "2026");
        assert_eq!(text.kepala_nip, "");
        assert!(serde_json::from_str::<WorkspaceInput>(r#"{"tahun":[2026]}"#).is_err());
    }
}
