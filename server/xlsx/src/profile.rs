//! Form profiles: what an official table's header says, which column groups it has, what
//! they mean, and how its rows get levels. The reading engine (`header`, `reader`) knows
//! nothing about E.81; it takes a [`FormProfile`]. Other official tables with the same
//! skeleton (quarterly target tables, Renja *rencana program dan kegiatan*, PK lampiran,
//! realisasi anggaran) are added as further profiles.

use capaian_domain::model::Field;

use crate::text::{contains_phrase, words};

/// A header wording signature. Every entry of `all` is a list of alternatives (single
/// words or phrases); each entry must be matched by one alternative. None of `none` may
/// occur. `max_words` rejects long texts for short labels such as `No`.
#[derive(Clone, Debug)]
pub struct Signature {
    pub all: &'static [&'static [&'static str]],
    pub none: &'static [&'static str],
    pub max_words: Option<usize>,
}

impl Signature {
    /// Does a header text carry this signature?
    pub fn matches(&self, text_words: &[String]) -> bool {
        if text_words.is_empty() {
            return false;
        }
        if let Some(max) = self.max_words {
            if text_words.len() > max {
                return false;
            }
        }
        self.all
            .iter()
            .all(|alts| alts.iter().any(|p| contains_phrase(text_words, p)))
            && !self.none.iter().any(|p| contains_phrase(text_words, p))
    }
}

/// What a column group holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupKind {
    /// One column holding one field (No, Kode, name, indicator, unit PD, keterangan).
    Single(Option<Field>),
    /// A measure split into K (one column, or volume + satuan) and Rp sub-columns.
    Measure { k: Field, rp: Field },
    /// Per-quarter measures: sub-groups labelled I..IV (or `TW 1`…), each K + Rp.
    Quarterly,
    /// The rencana aksi's target per quarter (`Target TW I`…): the K of each quarter into
    /// [`Field::TargetTwK`]; an Rp beside it (the anggaran kas) is not read.
    QuarterTargets,
}

/// Identifies a column group within a profile (stable names used in layouts and tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GroupKey {
    No,
    /// Leading context columns (Visi, Misi, Tujuan): read past, never a field.
    Context,
    Sasaran,
    Kode,
    Name,
    Indicator,
    /// A separate Satuan column beside the indicator.
    Satuan,
    Renstra,
    Prev,
    Target,
    Quarters,
    C12,
    C13,
    C14,
    C15,
    UnitPd,
    Keterangan,
    /// The rencana aksi's targets per quarter.
    TargetTw,
    /// A stated percentage of the pagu realised (the laporan's `% capaian keuangan`).
    PctKeuangan,
    /// The pagu alone (`Pagu Anggaran`), when the target has no Rp half.
    Pagu,
    /// A stated predikat: read past (Capaian rates the capaian itself).
    Predikat,
}

#[derive(Clone, Debug)]
pub struct GroupSpec {
    pub key: GroupKey,
    pub kind: GroupKind,
    pub signature: Signature,
}

/// How rows get their planning level when the sheet has no Kode column.
#[derive(Clone, Debug)]
pub struct LevelRules {
    /// A name starting with one of these words (case-insensitive) is a program.
    pub program_prefixes: &'static [&'static str],
    /// The tables number their rows in a local outline (`1.`, `1.1`, `1.1.1.`, in the No
    /// column or before the name) rather than by kode: its depth gives the level (a name
    /// starting `Program`, `Kegiatan`, `Sub Kegiatan` says it first), and it is no kode.
    pub outline: bool,
}

/// A form profile.
#[derive(Clone, Debug)]
pub struct FormProfile {
    /// Form id as stored in `Document::form` (`E.81`).
    pub form: &'static str,
    /// Human name, for messages.
    pub title: &'static str,
    /// Column groups, in matching priority order (a header text takes the first group
    /// whose signature it carries).
    pub groups: Vec<GroupSpec>,
    /// Groups that must be found for a sheet to be this form.
    pub required: &'static [GroupKey],
    /// Minimum number of distinct groups for a sheet to be this form.
    pub min_groups: usize,
    /// Phrases that start a footer row (data stop there).
    pub footer_phrases: &'static [&'static str],
    pub levels: LevelRules,
}

impl FormProfile {
    /// The group a header text belongs to, if any.
    pub fn classify(&self, text: &str) -> Option<&GroupSpec> {
        let ws = words(text);
        self.groups.iter().find(|g| g.signature.matches(&ws))
    }

    pub fn group(&self, key: GroupKey) -> Option<&GroupSpec> {
        self.groups.iter().find(|g| g.key == key)
    }

    /// Does a row's leading text start the footer?
    pub fn is_footer(&self, text: &str) -> bool {
        // Only the first few words matter: look at a short prefix (this runs on every row,
        // so without allocating: the words are those of `text::words`, compared lower-cased).
        let prefix = match text.char_indices().nth(48) {
            Some((i, _)) => &text[..i],
            None => text,
        };
        self.footer_phrases.iter().any(|p| {
            let mut ws = prefix
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty());
            p.split(' ').all(|pw| {
                ws.next()
                    .is_some_and(|w| w.chars().flat_map(char::to_lowercase).eq(pw.chars()))
            })
        })
    }

    /// Every form kind's reading profile, one line per form kind; each is found by the key of
    /// its form kind (`capaian_domain::form`), which has one entry per profile here.
    pub fn all() -> Vec<FormProfile> {
        vec![
            FormProfile::e81(),
            FormProfile::laporan(),
            FormProfile::rencana_aksi(),
        ]
    }

    /// The reading profile of the form kind `key` (`Document::form`), if Capaian knows it.
    pub fn of(key: &str) -> Option<FormProfile> {
        FormProfile::all().into_iter().find(|p| p.form == key)
    }

    /// Formulir E.81, Evaluasi terhadap Hasil Renja Perangkat Daerah (Permendagri 86/2017).
    pub fn e81() -> FormProfile {
        use GroupKey as G;
        use GroupKind as K;
        let sig = |all, none, max_words| Signature {
            all,
            none,
            max_words,
        };
        FormProfile {
            form: "E.81",
            title: "Evaluasi terhadap Hasil Renja Perangkat Daerah",
            groups: vec![
                GroupSpec {
                    key: G::Indicator,
                    kind: K::Single(Some(Field::Indicator)),
                    signature: sig(&[&["indikator"]], &["target", "realisasi", "tingkat"], None),
                },
                GroupSpec {
                    key: G::Prev,
                    kind: K::Measure {
                        k: Field::PrevK,
                        rp: Field::PrevRp,
                    },
                    signature: sig(
                        &[
                            &["realisasi"],
                            &["renstra", "rpjmd", "rkpd"],
                            &["lalu", "sebelumnya", "n 2"],
                        ],
                        &["tingkat", "berjalan"],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::Renstra,
                    kind: K::Measure {
                        k: Field::RenstraK,
                        rp: Field::RenstraRp,
                    },
                    signature: sig(
                        &[&["target"], &["renstra", "rpjmd"]],
                        &["realisasi", "tingkat"],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::Target,
                    kind: K::Measure {
                        k: Field::TargetK,
                        rp: Field::TargetRp,
                    },
                    signature: sig(
                        &[&["target"], &["renja", "rkpd", "berjalan", "dievaluasi"]],
                        &["realisasi", "tingkat", "renstra", "rpjmd", "triwulan"],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::C13,
                    kind: K::Measure {
                        k: Field::C13K,
                        rp: Field::C13Rp,
                    },
                    signature: sig(
                        &[&["tingkat"], &["renja", "rkpd"]],
                        &["renstra", "rpjmd"],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::C15,
                    kind: K::Measure {
                        k: Field::C15K,
                        rp: Field::C15Rp,
                    },
                    signature: sig(&[&["tingkat"], &["renstra", "rpjmd"]], &[], None),
                },
                GroupSpec {
                    key: G::Quarters,
                    kind: K::Quarterly,
                    signature: sig(&[&["triwulan", "tw"]], &["target", "tingkat"], None),
                },
                GroupSpec {
                    key: G::C12,
                    kind: K::Measure {
                        k: Field::C12K,
                        rp: Field::C12Rp,
                    },
                    signature: sig(
                        &[&["realisasi"], &["renja", "rkpd"]],
                        &["tingkat", "renstra", "rpjmd", "triwulan", "lalu"],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::C14,
                    kind: K::Measure {
                        k: Field::C14K,
                        rp: Field::C14Rp,
                    },
                    signature: sig(
                        &[&["realisasi"], &["renstra", "rpjmd"]],
                        &["tingkat", "lalu"],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::UnitPd,
                    kind: K::Single(Some(Field::UnitPd)),
                    signature: sig(
                        &[&[
                            "penanggung jawab",
                            "unit perangkat daerah",
                            "unit pd",
                            "unit kerja",
                            "unit opd",
                        ]],
                        &[],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::Keterangan,
                    kind: K::Single(Some(Field::Keterangan)),
                    signature: sig(&[&["keterangan", "ket"]], &[], Some(3)),
                },
                GroupSpec {
                    key: G::Satuan,
                    kind: K::Single(Some(Field::Unit)),
                    signature: sig(&[&["satuan", "sat"]], &[], Some(2)),
                },
                GroupSpec {
                    key: G::Context,
                    kind: K::Single(None),
                    // The region's sasaran (RPJMD, RKPD) is context; the PD's is column 2.
                    signature: sig(
                        &[&["visi", "misi", "tujuan", "sasaran rpjmd", "sasaran rkpd"]],
                        &["indikator", "target", "realisasi"],
                        Some(5),
                    ),
                },
                GroupSpec {
                    key: G::Kode,
                    kind: K::Single(Some(Field::Kode)),
                    signature: sig(&[&["kode"]], &[], Some(3)),
                },
                GroupSpec {
                    key: G::Sasaran,
                    kind: K::Single(Some(Field::Sasaran)),
                    signature: sig(&[&["sasaran"]], &["indikator"], Some(4)),
                },
                GroupSpec {
                    key: G::Name,
                    kind: K::Single(Some(Field::Name)),
                    signature: sig(
                        &[&["program", "kegiatan", "urusan"]],
                        &["indikator", "target", "realisasi", "tingkat"],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::No,
                    kind: K::Single(None),
                    signature: sig(&[&["no", "nomor", "nomer"]], &[], Some(2)),
                },
            ],
            required: &[G::Name, G::Indicator, G::Target, G::Quarters],
            min_groups: 6,
            footer_phrases: &[
                "rata rata capaian",
                "ratarata capaian",
                "rata rata tingkat capaian",
                "predikat kinerja",
                "jumlah anggaran",
                "jumlah",
                "total",
                "faktor pendorong",
                "faktor penghambat",
                "tindak lanjut",
                "disusun",
                "dievaluasi",
                "mengetahui",
            ],
            levels: LevelRules {
                program_prefixes: &["program"],
                outline: false,
            },
        }
    }

    /// The *laporan capaian kinerja dan keuangan s.d. triwulan n* (seed 004 Tabel 3.2.2/3.2.5/
    /// 3.2.8, and `export_laporan`'s sheet): the year's target and pagu, per quarter the target
    /// (into the rencana aksi's TW target), the realisasi kinerja (`Realisasi Kinerja s.d TW II`
    /// holds the quarter's value: seed 004 §3.1) and keuangan; the stated `% capaian kinerja
    /// s.d. TW`, `realisasi keuangan s.d. TW` and `% capaian keuangan` kept as columns 13 K,
    /// 12 Rp and 13 Rp to check against Capaian's.
    pub fn laporan() -> FormProfile {
        use GroupKey as G;
        use GroupKind as K;
        let sig = |all, none, max_words| Signature {
            all,
            none,
            max_words,
        };
        FormProfile {
            form: capaian_domain::form::laporan::LAPORAN.key,
            title: "Laporan capaian kinerja dan keuangan s.d. triwulan",
            groups: vec![
                GroupSpec {
                    key: G::PctKeuangan,
                    kind: K::Single(Some(Field::C13Rp)),
                    signature: sig(
                        &[
                            &["capaian", "persentase", "persen", "serapan", "penyerapan"],
                            &["keuangan", "anggaran"],
                        ],
                        &["kinerja"],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::C13,
                    kind: K::Single(Some(Field::C13K)),
                    signature: sig(&[&["capaian"]], &["keuangan", "anggaran", "target"], None),
                },
                GroupSpec {
                    key: G::C12,
                    kind: K::Single(Some(Field::C12Rp)),
                    signature: sig(
                        &[
                            &["realisasi"],
                            &["keuangan", "anggaran"],
                            &["s d", "sd", "sampai dengan", "kumulatif"],
                        ],
                        &[],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::TargetTw,
                    kind: K::QuarterTargets,
                    signature: sig(&[&["target"], &["tw", "triwulan", "trw"]], &[], None),
                },
                GroupSpec {
                    key: G::Target,
                    kind: K::Measure {
                        k: Field::TargetK,
                        rp: Field::TargetRp,
                    },
                    signature: sig(&[&["target"]], &["realisasi", "renstra"], None),
                },
                GroupSpec {
                    key: G::Pagu,
                    kind: K::Single(Some(Field::TargetRp)),
                    signature: sig(&[&["pagu"]], &["realisasi"], None),
                },
                GroupSpec {
                    key: G::Quarters,
                    kind: K::Quarterly,
                    signature: sig(&[&["realisasi"], &["tw", "triwulan", "trw"]], &[], None),
                },
                GroupSpec {
                    key: G::Indicator,
                    kind: K::Single(Some(Field::Indicator)),
                    signature: sig(&[&["indikator"]], &["target", "realisasi"], None),
                },
                GroupSpec {
                    key: G::Predikat,
                    kind: K::Single(None),
                    signature: sig(&[&["predikat"]], &[], Some(3)),
                },
                GroupSpec {
                    key: G::UnitPd,
                    kind: K::Single(Some(Field::UnitPd)),
                    signature: sig(&[&["penanggung jawab", "unit pd", "unit kerja"]], &[], None),
                },
                GroupSpec {
                    key: G::Satuan,
                    kind: K::Single(Some(Field::Unit)),
                    signature: sig(&[&["satuan", "sat"]], &[], Some(2)),
                },
                GroupSpec {
                    key: G::Kode,
                    kind: K::Single(Some(Field::Kode)),
                    signature: sig(&[&["kode"]], &[], Some(3)),
                },
                GroupSpec {
                    key: G::Sasaran,
                    kind: K::Single(Some(Field::Sasaran)),
                    signature: sig(&[&["sasaran"]], &["indikator"], Some(4)),
                },
                GroupSpec {
                    key: G::Name,
                    kind: K::Single(Some(Field::Name)),
                    signature: sig(
                        &[&["program", "kegiatan", "uraian"]],
                        &["indikator", "target", "realisasi", "capaian"],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::No,
                    kind: K::Single(None),
                    signature: sig(&[&["no", "nomor", "n o"]], &[], Some(2)),
                },
            ],
            required: &[G::Name, G::Target, G::Quarters],
            min_groups: 5,
            footer_phrases: &[
                "rata rata capaian",
                "jumlah",
                "total",
                "disusun",
                "mengetahui",
            ],
            levels: LevelRules {
                program_prefixes: &["program"],
                outline: true,
            },
        }
    }

    /// The *rencana aksi* / target triwulan (seed 004 Tabel 2.4–2.7, and
    /// `export_rencana_aksi`'s sheet): the year's target (and pagu), the target of each quarter
    /// into the rencana aksi's TW target.
    pub fn rencana_aksi() -> FormProfile {
        use GroupKey as G;
        use GroupKind as K;
        let sig = |all, none, max_words| Signature {
            all,
            none,
            max_words,
        };
        FormProfile {
            form: capaian_domain::form::rencana_aksi::RENCANA_AKSI.key,
            title: "Rencana aksi — target triwulan",
            groups: vec![
                GroupSpec {
                    key: G::TargetTw,
                    kind: K::QuarterTargets,
                    signature: sig(&[&["target"], &["tw", "triwulan", "trw"]], &[], None),
                },
                GroupSpec {
                    key: G::Target,
                    kind: K::Measure {
                        k: Field::TargetK,
                        rp: Field::TargetRp,
                    },
                    signature: sig(&[&["target"]], &["realisasi", "renstra"], None),
                },
                GroupSpec {
                    key: G::Indicator,
                    kind: K::Single(Some(Field::Indicator)),
                    signature: sig(&[&["indikator"]], &["target"], None),
                },
                GroupSpec {
                    key: G::UnitPd,
                    kind: K::Single(Some(Field::UnitPd)),
                    signature: sig(&[&["penanggung jawab", "unit pd", "unit kerja"]], &[], None),
                },
                GroupSpec {
                    key: G::Satuan,
                    kind: K::Single(Some(Field::Unit)),
                    signature: sig(&[&["satuan", "sat"]], &[], Some(2)),
                },
                GroupSpec {
                    key: G::Kode,
                    kind: K::Single(Some(Field::Kode)),
                    signature: sig(&[&["kode"]], &[], Some(3)),
                },
                GroupSpec {
                    key: G::Name,
                    kind: K::Single(Some(Field::Name)),
                    signature: sig(
                        &[&["program", "kegiatan", "uraian"]],
                        &["indikator", "target"],
                        None,
                    ),
                },
                GroupSpec {
                    key: G::No,
                    kind: K::Single(None),
                    signature: sig(&[&["no", "nomor", "n o"]], &[], Some(2)),
                },
            ],
            required: &[G::Name, G::Target, G::TargetTw],
            min_groups: 3,
            footer_phrases: &["jumlah", "total", "disusun", "mengetahui"],
            levels: LevelRules {
                program_prefixes: &["program"],
                outline: true,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_form_kind_has_one_reading_profile_and_every_profile_a_form_kind() {
        // The kinds printed one sheet row per document row (an official sheet list) are read
        // by a profile; the others — Renja, PK, rencana aksi, laporan triwulan: grids over the
        // same rows — have readers of their own (`read_renja`, `read_pk`) or none.
        let mut kinds: Vec<&str> = capaian_domain::form::all()
            .iter()
            .filter(|f| !f.sheet.is_empty())
            .map(|f| f.key)
            .collect();
        let mut profiles: Vec<&str> = super::FormProfile::all().iter().map(|p| p.form).collect();
        kinds.sort_unstable();
        profiles.sort_unstable();
        assert_eq!(kinds, profiles);
        for key in kinds {
            assert_eq!(super::FormProfile::of(key).map(|p| p.form), Some(key));
        }
        assert!(super::FormProfile::of("Formulir X").is_none());
    }

    use super::*;

    fn key(p: &FormProfile, t: &str) -> Option<GroupKey> {
        p.classify(t).map(|g| g.key)
    }

    #[test]
    fn e81_header_wordings() {
        let p = FormProfile::e81();
        assert_eq!(key(&p, "No"), Some(GroupKey::No));
        assert_eq!(key(&p, "Kode"), Some(GroupKey::Kode));
        assert_eq!(
            key(&p, "Program/Kegiatan/Sub Kegiatan"),
            Some(GroupKey::Name)
        );
        assert_eq!(
            key(
                &p,
                "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"
            ),
            Some(GroupKey::Name)
        );
        assert_eq!(key(&p, "Kegiatan/ Sub Kegiatan"), Some(GroupKey::Name));
        assert_eq!(
            key(&p, "Indikator Kinerja Program (outcome)/ Kegiatan (output)"),
            Some(GroupKey::Indicator)
        );
        assert_eq!(
            key(&p, "Target Renstra Perangkat Daerah pada Tahun 2026 (Akhir Periode Renstra Perangkat Daerah)"),
            Some(GroupKey::Renstra)
        );
        assert_eq!(
            key(&p, "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun Lalu (2025)"),
            Some(GroupKey::Prev)
        );
        assert_eq!(
            key(&p, "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (2026) yang Dievaluasi"),
            Some(GroupKey::Target)
        );
        assert_eq!(
            key(&p, "Realisasi Kinerja Pada Triwulan"),
            Some(GroupKey::Quarters)
        );
        assert_eq!(
            key(&p, "REALISASI KINERJA PADA TRIWUALN"),
            Some(GroupKey::Quarters)
        );
        assert_eq!(
            key(
                &p,
                "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi"
            ),
            Some(GroupKey::C12)
        );
        assert_eq!(
            key(&p, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang Dievaluasi (%)"),
            Some(GroupKey::C13)
        );
        assert_eq!(
            key(
                &p,
                "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun 2026"
            ),
            Some(GroupKey::C14)
        );
        assert_eq!(
            key(&p, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2026 (%)"),
            Some(GroupKey::C15)
        );
        assert_eq!(
            key(&p, "Unit Perangkat Daerah Penanggung Jawab"),
            Some(GroupKey::UnitPd)
        );
        assert_eq!(key(&p, "Keterangan"), Some(GroupKey::Keterangan));
        assert_eq!(key(&p, "Sasaran"), Some(GroupKey::Sasaran));
        assert_eq!(
            key(
                &p,
                "Petunjuk pengisian: isi realisasi per triwulan pada sheet E.81"
            ),
            Some(GroupKey::Quarters)
        );
        assert!(p.is_footer("Rata-rata capaian kinerja (%)"));
        assert!(p.is_footer("Disusun, 10 Juli 2026"));
        assert!(!p.is_footer("Penyusunan Dokumen Perencanaan"));
    }
}

#[cfg(test)]
mod laporan_tests {
    use super::{FormProfile, GroupKey};

    /// Seed 003 Tabel 3.14's one header row: cumulative targets and realisasi per quarter.
    #[test]
    fn laporan_reads_cumulative_quarter_wordings() {
        let p = FormProfile::laporan();
        let key = |t: &str| p.classify(t).map(|g| g.key);
        assert_eq!(key("Target Tahun 2022"), Some(GroupKey::Target));
        assert_eq!(key("Target s.d / trw III"), Some(GroupKey::TargetTw));
        assert_eq!(key("Realisasi s.d / trw IV"), Some(GroupKey::Quarters));
        assert_eq!(key("Program/Kegiatan/ Sub Kegiatan"), Some(GroupKey::Name));
        assert_eq!(
            key("Indikator Program/ Kegiatan/ Sub Kegiatan"),
            Some(GroupKey::Indicator)
        );
    }
}

#[cfg(test)]
mod footer_tests {
    use super::FormProfile;
    use crate::text::words;

    /// The allocation-free footer check answers like matching `words` of a 48-char prefix.
    #[test]
    fn is_footer_matches_word_comparison() {
        let p = FormProfile::e81();
        let by_words = |text: &str| {
            let prefix: String = text.chars().take(48).collect();
            let ws = words(&prefix);
            p.footer_phrases.iter().any(|ph| {
                let pw: Vec<&str> = ph.split(' ').collect();
                ws.len() >= pw.len() && ws.iter().zip(&pw).all(|(w, q)| w == q)
            })
        };
        for t in [
            "Rata-rata capaian kinerja",
            "RATA-RATA CAPAIAN",
            "Ratarata Capaian",
            "Jumlah",
            "Jumlah Anggaran",
            "jumlahnya",
            "  Total:",
            "Disusun, 21 Oktober 2026",
            "Tindak lanjut yang diperlukan",
            "Faktor penghambat pencapaian",
            "1.25.02.2.04.04",
            "Program Penunjang Urusan",
            "",
            "İstanbul jumlah",
            "Predikat\u{a0}kinerja",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxjumlah",
            "Tindak lanjut",
        ] {
            assert_eq!(p.is_footer(t), by_words(t), "{t:?}");
        }
    }
}
