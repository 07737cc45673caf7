//! Whether files of the year agree, for people and scripts: each pair of files `capaian
//! periksa` compares — an E.81 against a SIPD export ([`periksa_pair`]: the pagu, the realisasi
//! through a quarter, and an anggaran kas's penyerapan), an E.81 against a Renja
//! ([`periksa_renja`]: target and pagu) — with both files' cells and values as people write
//! them, and its report ([`write_pasangan`], [`write_pasangan_renja`]). The comparisons are the
//! domain core's (`capaian_domain::rekonsiliasi`); this module places them in the files.

use crate::workbook;

/// A file `periksa` reads: an E.81 (read and computed), a SIPD export, a Renja, or a
/// Perjanjian Kinerja (read; not yet paired with the others).
pub enum Berkas {
    E81(Box<workbook::Imported>),
    Sipd(Box<capaian_xlsx::sipd::SipdReading>),
    Renja(Box<capaian_xlsx::renja::RenjaReading>),
    Pk(Box<capaian_xlsx::PkReading>),
    /// The Renstra's table of tujuan, sasaran and IKU: read, compared with nothing here (its
    /// targets are the plan's through the merge; the Rekonsiliasi compares the plan).
    Kinerja(Box<capaian_xlsx::KinerjaReading>),
    /// An LKjIP's Bab III A tables: checked within themselves ([`periksa_lkjip`]).
    Lkjip(Box<capaian_xlsx::LkjipReading>),
    /// A T-C.29: its columns 8, 10 and 11 checked against its own figures ([`periksa_tc29`]).
    Tc29(Box<capaian_xlsx::Tc29Reading>),
}

impl Berkas {
    /// What it is, for people.
    pub fn jenis(&self) -> String {
        match self {
            Berkas::E81(i) => capaian_domain::form::nama(&i.import.document.form).to_string(),
            Berkas::Sipd(s) => s.layout.nama().to_string(),
            Berkas::Renja(_) => "Renja".to_string(),
            Berkas::Pk(_) => "Perjanjian Kinerja".to_string(),
            Berkas::Kinerja(_) => app::pages::gabung::NAMA_KINERJA.to_string(),
            Berkas::Lkjip(_) => workbook::NAMA_LKJIP.to_string(),
            Berkas::Tc29(_) => workbook::NAMA_TC29.to_string(),
        }
    }
}

/// Reads a workbook as an E.81 — or another form of one sheet row per document row, the
/// laporan triwulan or the rencana aksi, the document naming its form (`read_any_form`) —
/// computed with `settings`, else as a PK, a SIPD export or a Renja ([`workbook::other_form`]).
pub fn baca(
    bytes: &[u8],
    settings: &capaian_domain::e81::E81Settings,
) -> Result<Berkas, capaian_xlsx::ReadError> {
    match capaian_xlsx::read_any_form(bytes, &capaian_xlsx::Limits::default()) {
        Ok(import) => Ok(Berkas::E81(Box::new(workbook::Imported::from_import(
            import, settings,
        )))),
        Err(e) => workbook::other_form(bytes, e, None).map(|lain| match lain {
            workbook::Lain::Sipd(s) => Berkas::Sipd(Box::new(s)),
            workbook::Lain::Renja(r) => Berkas::Renja(Box::new(r)),
            workbook::Lain::Pk(p) => Berkas::Pk(p),
            workbook::Lain::Kinerja(k) => Berkas::Kinerja(k),
            workbook::Lain::Lkjip(l) => Berkas::Lkjip(l),
            workbook::Lain::Tc29(t) => Berkas::Tc29(t),
        }),
    }
}

/// Every E.81 given against every SIPD export and every Renja given.
#[derive(serde::Serialize)]
pub struct Laporan {
    pub pasangan: Vec<Pasangan>,
    pub pasangan_renja: Vec<PasanganRenja>,
    pub pasangan_pk: Vec<PasanganPk>,
    /// Every report file (an LKjIP's tables, a T-C.29), checked within itself.
    pub sendiri: Vec<PeriksaSendiri>,
    /// How many files of each kind were read: E.81, SIPD, Renja.
    #[serde(skip)]
    pub dibaca: (usize, usize, usize),
}

impl Laporan {
    /// How many things disagree, over every pair.
    pub fn tidak_sepakat(&self) -> usize {
        self.pasangan
            .iter()
            .map(Pasangan::tidak_sepakat)
            .sum::<usize>()
            + self
                .pasangan_renja
                .iter()
                .map(PasanganRenja::tidak_sepakat)
                .sum::<usize>()
            + self
                .pasangan_pk
                .iter()
                .map(|p| p.selisih.len())
                .sum::<usize>()
            + self.sendiri.iter().map(|l| l.temuan.len()).sum::<usize>()
    }
}

/// Pairs every E.81 of `files` (name, file) with every SIPD export and every Renja; checks
/// every LKjIP file (its kategori by `skala`) and T-C.29 within itself.
pub fn bandingkan(files: &[(String, Berkas)], skala: &capaian_domain::scale::Scale) -> Laporan {
    let e81: Vec<(&str, &workbook::Imported)> = files
        .iter()
        .filter_map(|(n, b)| match b {
            Berkas::E81(i) => Some((n.as_str(), i.as_ref())),
            _ => None,
        })
        .collect();
    let mut laporan = Laporan {
        pasangan: Vec::new(),
        pasangan_renja: Vec::new(),
        pasangan_pk: Vec::new(),
        sendiri: Vec::new(),
        dibaca: (e81.len(), 0, 0),
    };
    // Each T-C.29 checked within itself, then against the one of the year before among the
    // files (with the tables those checks read).
    let tc29: Vec<(&str, &capaian_xlsx::Tc29Reading, PeriksaSendiri, _)> = files
        .iter()
        .filter_map(|(n, b)| match b {
            Berkas::Tc29(t) => {
                let (p, tabel) = periksa_tc29(n, t);
                Some((n.as_str(), t.as_ref(), p, tabel))
            }
            _ => None,
        })
        .collect();
    let berturut = tc29_berturut(
        &tc29
            .iter()
            .map(|(n, t, _, tb)| (*n, *t, tb))
            .collect::<Vec<_>>(),
    );
    let mut tc29 = tc29
        .into_iter()
        .zip(berturut)
        .map(|((_, _, mut p, _), lain)| {
            p.temuan.extend(lain);
            p
        });
    for (name, b) in files {
        match b {
            Berkas::E81(_) | Berkas::Kinerja(_) => {}
            Berkas::Lkjip(l) => laporan.sendiri.push(periksa_lkjip(name, l, skala)),
            Berkas::Tc29(_) => laporan.sendiri.extend(tc29.next()),
            Berkas::Pk(pk) => {
                for (en, imported) in &e81 {
                    laporan.pasangan_pk.push(periksa_pk(en, imported, name, pk));
                }
            }
            Berkas::Sipd(s) => {
                laporan.dibaca.1 += 1;
                for (en, imported) in &e81 {
                    laporan.pasangan.push(periksa_pair(en, imported, name, s));
                }
            }
            Berkas::Renja(r) => {
                laporan.dibaca.2 += 1;
                for (en, imported) in &e81 {
                    laporan
                        .pasangan_renja
                        .push(periksa_renja(en, imported, name, r));
                }
            }
        }
    }
    laporan
}

/// A report file (an LKjIP's tables, a T-C.29) checked within itself: what `periksa` prints
/// of it.
#[derive(serde::Serialize)]
pub struct PeriksaSendiri {
    pub judul: String,
    /// What was read (`19 tabel dibaca`, `79 baris dibaca, T-C.29 Renja 2025`).
    pub dibaca: String,
    pub temuan: Vec<TemuanSendiri>,
}

/// One finding in a report file: which check, its first cell, and what it says (with every
/// cell it covers).
#[derive(serde::Serialize)]
pub struct TemuanSendiri {
    pub jenis: String,
    pub sel: Option<String>,
    pub pesan: String,
}

impl TemuanSendiri {
    fn of(p: capaian_domain::model::Problem) -> TemuanSendiri {
        TemuanSendiri {
            jenis: crate::rekonsiliasi::jenis_masalah(&p.code),
            sel: p.at.cell.clone(),
            pesan: p.message,
        }
    }
}

/// The checks of an LKjIP file that need nothing but the file: each derived figure against
/// the table's own figures, each figure against the other tables' (`capaian_domain::
/// lkjip_berkas`). A figure cut off instead of rounded is kept (it is printed wrong); other
/// notes (a ratio without a target) are not disagreements.
pub fn lkjip_sendiri(
    l: &capaian_xlsx::LkjipReading,
    skala: &capaian_domain::scale::Scale,
) -> Vec<capaian_domain::model::Problem> {
    use capaian_domain::lkjip_berkas::{periksa_antar_tabel, periksa_tabel};
    periksa_tabel(&l.tabel, skala)
        .into_iter()
        .chain(periksa_antar_tabel(&l.tabel))
        .filter(|p| {
            p.severity >= capaian_domain::model::Severity::Warning || p.code == "lkjip_dipotong"
        })
        .collect()
}

/// An LKjIP file (`name`) checked within itself ([`lkjip_sendiri`]).
pub fn periksa_lkjip(
    name: &str,
    l: &capaian_xlsx::LkjipReading,
    skala: &capaian_domain::scale::Scale,
) -> PeriksaSendiri {
    PeriksaSendiri {
        judul: format!("{name} ({})", workbook::NAMA_LKJIP),
        dibaca: format!("{} tabel dibaca", l.tabel.len()),
        temuan: lkjip_sendiri(l, skala)
            .into_iter()
            .map(TemuanSendiri::of)
            .collect(),
    }
}

/// A T-C.29 (`name`) checked within itself: columns 8, 10 and 11 against its own figures
/// (`capaian_domain::tc29::periksa_baris`), each at its cell; a column wrong on more than 5
/// rows is one finding listing its cells (`tc29::per_sebab`). With the table as read.
pub fn periksa_tc29(
    name: &str,
    t: &capaian_xlsx::Tc29Reading,
) -> (PeriksaSendiri, capaian_domain::tc29::Tc29) {
    let (tabel, problems) =
        capaian_domain::tc29::periksa_baris(t.tahun.unwrap_or_default(), &t.baris);
    // A column wrong on more than 5 rows is one cause, listing its cells.
    let problems = capaian_domain::tc29::per_sebab(problems, 5);
    let periksa = PeriksaSendiri {
        judul: format!("{name} ({})", workbook::NAMA_TC29),
        dibaca: match t.tahun {
            Some(y) => format!("{} baris dibaca, T-C.29 Renja {y}", tabel.baris.len()),
            None => format!("{} baris dibaca", tabel.baris.len()),
        },
        temuan: problems.into_iter().map(TemuanSendiri::of).collect(),
    };
    (periksa, tabel)
}

/// Column 5 of each T-C.29 of `tc29` (name, reading, its table as [`periksa_tc29`] read it)
/// against the T-C.29 of the year before among them (`tc29::periksa_tahun_lalu`: this year's
/// realisasi s.d. n-3 is last year's columns 5 and 7): for each file, in order, one finding
/// per row that differs, at its sheet row; none for a file without the year before.
pub fn tc29_berturut(
    tc29: &[(
        &str,
        &capaian_xlsx::Tc29Reading,
        &capaian_domain::tc29::Tc29,
    )],
) -> Vec<Vec<TemuanSendiri>> {
    tc29.iter()
        .map(|(_, t, ini)| {
            let lalu = t
                .tahun
                .and_then(|y| tc29.iter().find(|(_, l, _)| l.tahun == Some(y - 1)));
            let Some((nama_lalu, _, lalu)) = lalu else {
                return Vec::new();
            };
            capaian_domain::tc29::periksa_tahun_lalu(ini, lalu)
                .into_iter()
                .map(|p| {
                    let baris = p.at.row.and_then(|r| t.baris_lembar.get(r));
                    TemuanSendiri {
                        jenis: format!(
                            "Kolom 5 terhadap T-C.29 Renja {} ({nama_lalu})",
                            lalu.tahun
                        ),
                        sel: None,
                        pesan: match baris {
                            Some(r) => format!("'{}' baris {r}: {}", t.lembar, p.message),
                            None => p.message,
                        },
                    }
                })
                .collect()
        })
        .collect()
}

/// A report file's findings, as `periksa` prints them.
pub fn write_sendiri(out: &mut impl std::io::Write, p: &PeriksaSendiri) -> std::io::Result<()> {
    writeln!(out, "{}: {}", p.judul, p.dibaca)?;
    if p.temuan.is_empty() {
        writeln!(out, "  Angka-angkanya sepakat dengan rumusnya sendiri.")?;
    }
    for t in &p.temuan {
        writeln!(out, "  {}: {}", t.jenis, t.pesan)?;
    }
    Ok(())
}

/// One E.81 against one SIPD export: what `periksa` prints of it, or writes as JSON. Amounts
/// are decimal strings (null: an empty E.81 cell); cells are `'Sheet'!J10`.
#[derive(serde::Serialize)]
pub struct Pasangan {
    pub e81: String,
    pub sipd: String,
    /// `Formulir E.81 '…' ↔ SIPD rekapitulasi belanja '…'`.
    pub judul: String,
    /// What to know before the differences (another year; which quarter), for people.
    pub catatan: Vec<String>,
    /// The quarter the realisasi is compared through (None: only the pagu).
    pub triwulan: Option<u8>,
    pub cocok: usize,
    pub selisih: Vec<SelisihSel>,
    pub hanya_sipd: Vec<BarisSel>,
    pub hanya_e81: Vec<BarisSel>,
    /// When the SIPD export is an anggaran kas: each E.81 row's realisasi per quarter against
    /// the kas of its node (`capaian_domain::rekonsiliasi::penyerapan_kas`). A report, not a
    /// disagreement.
    pub penyerapan_kas: Vec<SerapanBaris>,
}

/// One E.81 row's penyerapan against the anggaran kas: per quarter realisasi, kas and % (decimal
/// strings, unrounded; null when unknown), and realisasi ÷ pagu.
#[derive(serde::Serialize)]
pub struct SerapanBaris {
    pub baris: String,
    pub triwulan: Vec<capaian_domain::anggaran::Serapan>,
    pub terhadap_pagu: Option<rust_decimal::Decimal>,
}

/// A figure the two files state differently, with both cells.
#[derive(serde::Serialize)]
pub struct SelisihSel {
    /// `pagu` or `realisasi_sd` (through [`Pasangan::triwulan`]).
    pub jenis: &'static str,
    pub baris: String,
    pub e81_sel: String,
    pub e81: Option<String>,
    pub sipd_sel: String,
    pub sipd: String,
    /// SIPD minus E.81.
    pub selisih: String,
}

/// A row only one of the files has.
#[derive(serde::Serialize)]
pub struct BarisSel {
    pub baris: String,
    pub sel: String,
}

impl Pasangan {
    /// How many things disagree: figures, and rows only one file has.
    pub fn tidak_sepakat(&self) -> usize {
        self.selisih.len() + self.hanya_sipd.len() + self.hanya_e81.len()
    }
}

/// Where an E.81 row's figure of `fields` is: `'Sheet1'!J10`, several cells summed as
/// `'Sheet1'!K10+M10`, else the sheet row.
fn sel_e81(
    imported: &workbook::Imported,
    row: usize,
    fields: &[capaian_domain::model::Field],
) -> String {
    let doc = &imported.import.document;
    let cells: Vec<String> = fields
        .iter()
        .filter_map(|&f| imported.import.cell_of(row, f))
        .collect();
    if cells.is_empty() {
        format!(
            "'{}' baris {}",
            doc.sheet,
            doc.rows.get(row).map_or(0, |r| r.sheet_row)
        )
    } else {
        format!("'{}'!{}", doc.sheet, cells.join("+"))
    }
}

/// An E.81 row as the pairs name it: its kode and name (a figure compared is the node's), or
/// its indicator on an extra indicator row.
fn label_e81(doc: &capaian_domain::model::Document, row: usize) -> String {
    doc.rows.get(row).map_or_else(String::new, |r| {
        let name = if r.name.is_empty() {
            &r.indicator
        } else {
            &r.name
        };
        format!("{} {name}", r.kode_shown().unwrap_or_default())
            .trim()
            .to_string()
    })
}

/// Compares one E.81 with one SIPD export (`capaian_domain::rekonsiliasi::e81_sipd`): the
/// realisasi through the quarter the SIPD title's period ends with, else the E.81's.
pub fn periksa_pair(
    e81_file: &str,
    imported: &workbook::Imported,
    sipd_file: &str,
    reading: &capaian_xlsx::sipd::SipdReading,
) -> Pasangan {
    use app::format::romawi;
    use capaian_domain::anggaran::Besaran;
    use capaian_domain::model::{Field, Location};
    use capaian_domain::rekonsiliasi::{e81_sipd, Jenis};
    let doc = &imported.import.document;
    let tabel = &reading.anggaran;
    let mut catatan = Vec::new();
    if let (Some(a), Some(b)) = (doc.year, tabel.tahun) {
        if a != b {
            catatan.push(format!("Perhatian: E.81 tahun {a}, berkas SIPD tahun {b}."));
        }
    }
    let triwulan = reading.triwulan(doc.quarter);
    catatan.push(match (triwulan, reading.sampai_bulan) {
        (Some(q), Some(_)) => format!(
            "Realisasi dibandingkan s.d. Triwulan {} (periode berkas SIPD).",
            romawi(q)
        ),
        (Some(q), None) => format!(
            "Realisasi dibandingkan s.d. Triwulan {} (triwulan laporan E.81; judul berkas SIPD tidak menyebut periodenya).",
            romawi(q)
        ),
        (None, Some(m)) => format!(
            "Realisasi tidak dibandingkan: periode berkas SIPD berakhir bulan {}, bukan akhir triwulan.",
            capaian_domain::tanggal::nama_bulan(u32::from(m)).unwrap_or("?")
        ),
        (None, None) => "Realisasi tidak dibandingkan: triwulannya tidak diketahui.".into(),
    });
    let r = e81_sipd(doc, tabel, triwulan);
    let place = |at: Location| match (at.sheet, at.cell) {
        (Some(sheet), Some(cell)) => format!("'{sheet}'!{cell}"),
        (Some(sheet), None) => format!("'{sheet}'"),
        _ => "?".into(),
    };
    let e81_cells = |row: usize, fields: &[Field]| sel_e81(imported, row, fields);
    let label = |row: usize| label_e81(doc, row);
    let selisih = r
        .selisih
        .iter()
        .map(|s| {
            let (jenis, fields, besaran): (&'static str, Vec<Field>, Besaran) = match s.jenis {
                Jenis::Pagu => ("pagu", vec![Field::TargetRp], Besaran::Anggaran),
                Jenis::RealisasiSd(q) => (
                    "realisasi_sd",
                    (1..=q).map(Field::TwRp).collect(),
                    Besaran::Realisasi,
                ),
            };
            SelisihSel {
                jenis,
                baris: label(s.baris),
                e81_sel: e81_cells(s.baris, &fields),
                e81: s.e81.map(|v| v.to_string()),
                sipd_sel: place(tabel.lokasi(s.asal, Some(besaran))),
                sipd: s.sipd.to_string(),
                selisih: (s.sipd - s.e81.unwrap_or_default()).to_string(),
            }
        })
        .collect();
    Pasangan {
        e81: e81_file.to_string(),
        sipd: sipd_file.to_string(),
        judul: format!(
            "{} '{}' ↔ {} '{}'",
            capaian_domain::form::nama(&doc.form),
            e81_file,
            reading.layout.nama(),
            sipd_file
        ),
        catatan,
        triwulan,
        cocok: r.cocok,
        selisih,
        hanya_sipd: r
            .hanya_sipd
            .iter()
            .filter_map(|&t| tabel.baris.get(t))
            .map(|b| BarisSel {
                baris: format!(
                    "{} {}",
                    b.kode_berkas.as_deref().unwrap_or_default(),
                    b.nama
                )
                .trim()
                .to_string(),
                sel: place(tabel.lokasi(b.asal, None)),
            })
            .collect(),
        hanya_e81: r
            .hanya_e81
            .iter()
            .map(|&i| BarisSel {
                baris: label(i),
                sel: e81_cells(i, &[Field::Name]),
            })
            .collect(),
        penyerapan_kas: capaian_domain::rekonsiliasi::penyerapan_kas(doc, tabel)
            .into_iter()
            .map(|p| SerapanBaris {
                baris: label(p.baris),
                triwulan: p.triwulan.to_vec(),
                terhadap_pagu: p.terhadap_pagu,
            })
            .collect(),
    }
}

/// One E.81 against one Renja: the Renja target = column 7 K and pagu = column 7 Rp, indicator
/// by indicator (`capaian_domain::rekonsiliasi::e81_renja`). Values as people write them;
/// cells are `'Sheet'!K10` (a Renja cell: its row, with the pagu's column when known).
#[derive(serde::Serialize)]
pub struct PasanganRenja {
    pub e81: String,
    pub renja: String,
    pub judul: String,
    pub cocok: usize,
    pub selisih: Vec<SelisihRenjaSel>,
    pub hanya_renja: Vec<BarisSel>,
    pub hanya_e81: Vec<BarisSel>,
}

#[derive(serde::Serialize)]
pub struct SelisihRenjaSel {
    /// `target`, `pagu` or `satuan`.
    pub jenis: &'static str,
    pub baris: String,
    pub e81_sel: String,
    pub e81: String,
    pub renja_sel: String,
    pub renja: String,
}

impl PasanganRenja {
    pub fn tidak_sepakat(&self) -> usize {
        self.selisih.len() + self.hanya_renja.len() + self.hanya_e81.len()
    }
}

pub fn periksa_renja(
    e81_file: &str,
    imported: &workbook::Imported,
    renja_file: &str,
    reading: &capaian_xlsx::renja::RenjaReading,
) -> PasanganRenja {
    use capaian_domain::edit::{display, Cell};
    use capaian_domain::model::Field;
    use capaian_domain::rekonsiliasi::e81_renja;
    use capaian_domain::renja::KolomPagu;
    let doc = &imported.import.document;
    let renja = &reading.renja;
    let r = e81_renja(doc, renja);
    let e81_cell = |row: usize, field: Field| sel_e81(imported, row, &[field]);
    // The Renja's later version is what it is compared by.
    let versi = renja.cetakan.versi().last().copied().unwrap_or_default();
    let renja_cell = |i: usize, pagu: bool| {
        let baris = renja.baris.get(i).map_or(0, |b| b.baris);
        match renja
            .lokasi(i, Some(KolomPagu::Tahun(versi)))
            .cell
            .filter(|_| pagu)
        {
            Some(cell) => format!("'{}'!{cell}", renja.lembar),
            None => format!("'{}' baris {baris}", renja.lembar),
        }
    };
    let label = |row: usize| label_e81(doc, row);
    let selisih = r
        .selisih
        .iter()
        .map(|s| {
            let (jenis, field) = match s.kolom {
                Cell::TargetRp => ("pagu", Field::TargetRp),
                Cell::TargetK => ("target", Field::TargetK),
                _ => ("satuan", Field::Unit),
            };
            SelisihRenjaSel {
                jenis,
                baris: label(s.baris),
                e81_sel: e81_cell(s.baris, field),
                e81: display(&s.e81),
                renja_sel: renja_cell(s.baris_renja, jenis == "pagu"),
                renja: display(&s.renja),
            }
        })
        .collect();
    PasanganRenja {
        e81: e81_file.to_string(),
        renja: renja_file.to_string(),
        judul: format!(
            "{} '{}' ↔ Renja '{}'",
            capaian_domain::form::nama(&doc.form),
            e81_file,
            renja_file
        ),
        cocok: r.cocok,
        selisih,
        hanya_renja: r
            .hanya_renja
            .iter()
            .filter_map(|&i| Some((i, renja.baris.get(i)?)))
            .map(|(i, b)| BarisSel {
                baris: format!(
                    "{} {}",
                    b.kode_berkas
                        .as_deref()
                        .or(b.kode.as_deref())
                        .unwrap_or_default(),
                    b.nama
                )
                .trim()
                .to_string(),
                sel: renja_cell(i, false),
            })
            .collect(),
        hanya_e81: r
            .hanya_e81
            .iter()
            .map(|&i| BarisSel {
                baris: label(i),
                sel: e81_cell(i, Field::Name),
            })
            .collect(),
    }
}

/// One E.81 against one Perjanjian Kinerja: the PK's targets (its sasaran naming programs or
/// kegiatan, or its sasaran strategis matched to the E.81's), TW targets and anggaran against
/// the E.81's (`capaian_domain::gabung::pratinjau` of the PK as E.81 rows). Values as people
/// write them; cells are `'Sheet'!D7` (a PK cell: its row, with the target's or the anggaran's
/// column when known).
#[derive(serde::Serialize)]
pub struct PasanganPk {
    pub e81: String,
    pub pk: String,
    pub judul: String,
    pub cocok: usize,
    pub selisih: Vec<SelisihPkSel>,
}

#[derive(serde::Serialize)]
pub struct SelisihPkSel {
    /// The E.81 cell's name (`Target K (kolom 7)`).
    pub jenis: String,
    pub baris: String,
    pub e81_sel: String,
    pub e81: String,
    pub pk_sel: String,
    pub pk: String,
}

/// Where a value of a PK file's row (`berkas_pk`'s) stands in the PK: `'Lampiran Kinerja'!D7`
/// (the target in the lampiran kinerja, the anggaran in the lampiran anggaran — its row found
/// by the node's kode, else by its name as `nomenklatur::name_key` compares names —, each
/// with its column when the reader knows it), else the sheet and row, else the sheet.
pub fn sel_pk(
    pk: &capaian_domain::pk::Pk,
    row: &capaian_domain::model::Row,
    kolom: capaian_domain::edit::Cell,
) -> String {
    use capaian_domain::edit::Cell;
    use capaian_domain::nomenklatur::name_key;
    let uang = matches!(kolom, Cell::TargetRp | Cell::Keterangan);
    let (lembar, col, baris) = if uang {
        let nama = name_key(&row.name);
        let baris = pk
            .anggaran
            .iter()
            .find(|b| match (&row.kode, &b.kode) {
                (Some(a), Some(k)) => a == k,
                _ => name_key(&b.uraian) == nama,
            })
            .map_or(0, |b| b.baris);
        (
            &pk.kolom.lembar_anggaran,
            pk.kolom.anggaran.as_deref(),
            baris,
        )
    } else {
        (
            &pk.kolom.lembar_kinerja,
            pk.kolom.target.as_deref(),
            row.sheet_row,
        )
    };
    match (
        col.filter(|_| matches!(kolom, Cell::TargetK | Cell::TargetRp)),
        baris,
    ) {
        (Some(c), r) if r > 0 => format!("'{lembar}'!{c}{r}"),
        (_, r) if r > 0 => format!("'{lembar}' baris {r}"),
        _ => format!("'{lembar}'"),
    }
}

pub fn periksa_pk(
    e81_file: &str,
    imported: &workbook::Imported,
    pk_file: &str,
    reading: &capaian_xlsx::PkReading,
) -> PasanganPk {
    use capaian_domain::edit::display;
    use capaian_domain::model::Field;
    let doc = &imported.import.document;
    let pk = &reading.pk;
    let berkas = capaian_domain::gabung::berkas_pk(pk);
    let p = capaian_domain::gabung::pratinjau(doc, &berkas);
    let selisih = p
        .beda
        .iter()
        .map(|b| SelisihPkSel {
            jenis: b.kolom.label(),
            baris: label_e81(doc, b.baris),
            e81_sel: sel_e81(imported, b.baris, &[b.kolom.field().unwrap_or(Field::Name)]),
            e81: display(&b.sekarang),
            pk_sel: berkas
                .rows
                .get(b.baris_berkas)
                .map(|row| sel_pk(pk, row, b.kolom))
                .unwrap_or_default(),
            pk: display(&b.berkas),
        })
        .collect();
    PasanganPk {
        e81: e81_file.to_string(),
        pk: pk_file.to_string(),
        judul: format!(
            "{} '{}' ↔ Perjanjian Kinerja '{}'",
            capaian_domain::form::nama(&doc.form),
            e81_file,
            pk_file
        ),
        cocok: p.cocok,
        selisih,
    }
}

/// A pair's title, its matched rows, and each difference on a line: `Beda {what} — {row}:
/// E.81 {value} ({cell}), {other} {value} ({cell})`.
fn write_beda<'a>(
    out: &mut impl std::io::Write,
    (judul, cocok, lain): (&str, usize, &str),
    beda: impl Iterator<Item = [&'a str; 6]>,
) -> std::io::Result<()> {
    writeln!(out, "{judul}")?;
    writeln!(out, "  Baris yang cocok: {cocok}")?;
    for [jenis, baris, e81, e81_sel, nilai, sel] in beda {
        writeln!(
            out,
            "  Beda {jenis} — {baris}: E.81 {e81} ({e81_sel}), {lain} {nilai} ({sel})"
        )?;
    }
    Ok(())
}

/// An E.81 ↔ PK comparison, for people.
pub fn write_pasangan_pk(out: &mut impl std::io::Write, p: &PasanganPk) -> std::io::Result<()> {
    write_beda(
        out,
        (&p.judul, p.cocok, "PK"),
        p.selisih
            .iter()
            .map(|s| [&*s.jenis, &s.baris, &s.e81, &s.e81_sel, &s.pk, &s.pk_sel]),
    )?;
    if p.selisih.is_empty() {
        writeln!(
            out,
            "  Sepakat: target dan anggaran sama di setiap baris yang cocok."
        )?;
    }
    Ok(())
}

/// An E.81 ↔ Renja comparison, for people.
pub fn write_pasangan_renja(
    out: &mut impl std::io::Write,
    p: &PasanganRenja,
) -> std::io::Result<()> {
    write_beda(
        out,
        (&p.judul, p.cocok, "Renja"),
        p.selisih.iter().map(|s| {
            [
                s.jenis,
                &s.baris,
                &s.e81,
                &s.e81_sel,
                &s.renja,
                &s.renja_sel,
            ]
        }),
    )?;
    for b in &p.hanya_renja {
        writeln!(out, "  Hanya di Renja: {} ({})", b.baris, b.sel)?;
    }
    for b in &p.hanya_e81 {
        writeln!(out, "  Hanya di E.81: {} ({})", b.baris, b.sel)?;
    }
    if p.tidak_sepakat() == 0 {
        writeln!(out, "  Sepakat: target dan pagu sama di setiap baris.")?;
    }
    Ok(())
}

/// A pair's comparison, for people.
pub fn write_pasangan(out: &mut impl std::io::Write, p: &Pasangan) -> std::io::Result<()> {
    use app::format::{angka, romawi};
    let rp = |v: Option<&str>| {
        v.and_then(|v| v.parse::<rust_decimal::Decimal>().ok())
            .map_or("(kosong)".into(), |v| format!("Rp {}", angka(v)))
    };
    writeln!(out, "{}", p.judul)?;
    for c in &p.catatan {
        writeln!(out, "  {c}")?;
    }
    writeln!(
        out,
        "  {} baris cocok; {} hanya di SIPD; {} hanya di E.81.",
        p.cocok,
        p.hanya_sipd.len(),
        p.hanya_e81.len()
    )?;
    for (jenis, judul) in [
        ("pagu", "Pagu (kolom 7 Rp)".to_string()),
        (
            "realisasi_sd",
            format!(
                "Realisasi s.d. Triwulan {}",
                p.triwulan.map(romawi).unwrap_or_default()
            ),
        ),
    ] {
        let these: Vec<&SelisihSel> = p.selisih.iter().filter(|s| s.jenis == jenis).collect();
        if these.is_empty() {
            continue;
        }
        writeln!(out, "  {judul} berbeda di {} baris:", these.len())?;
        for s in these {
            writeln!(
                out,
                "    {}: E.81 {} {} · SIPD {} {} (selisih {})",
                s.baris,
                s.e81_sel,
                rp(s.e81.as_deref()),
                s.sipd_sel,
                rp(Some(&s.sipd)),
                rp(Some(&s.selisih))
            )?;
        }
    }
    for b in &p.hanya_sipd {
        writeln!(out, "  Hanya di SIPD: {} ({})", b.baris, b.sel)?;
    }
    if !p.penyerapan_kas.is_empty() {
        writeln!(
            out,
            "  Penyerapan terhadap anggaran kas (realisasi triwulan E.81 ÷ anggaran kas SIPD):"
        )?;
    }
    for b in &p.penyerapan_kas {
        let tw: Vec<String> = b
            .triwulan
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kas.is_some())
            .map(|(q, s)| {
                format!(
                    "TW {} {} (Rp {} ÷ Rp {})",
                    romawi(q as u8 + 1),
                    app::format::persen(s.persen),
                    s.realisasi.map_or("-".into(), angka),
                    s.kas.map_or("-".into(), angka)
                )
            })
            .collect();
        writeln!(
            out,
            "    {}: {}; terhadap pagu {}",
            b.baris,
            tw.join(", "),
            app::format::persen(b.terhadap_pagu)
        )?;
    }
    for b in &p.hanya_e81 {
        writeln!(out, "  Hanya di E.81: {} ({})", b.baris, b.sel)?;
    }
    if p.tidak_sepakat() == 0 {
        writeln!(out, "  Sepakat: pagu dan realisasi sama di setiap baris.")?;
    }
    Ok(())
}

/// The report as the *Periksa kesepakatan berkas* page shows it, pair by pair.
pub fn tampilan(laporan: &Laporan) -> Vec<app::pages::periksa::PasanganTampil> {
    use app::format::{angka, romawi};
    use app::pages::gabung::BarisSerapan;
    use app::pages::periksa::{BedaTampil, PasanganTampil};
    let rp = |v: Option<&str>| {
        v.and_then(|v| v.parse::<rust_decimal::Decimal>().ok())
            .map_or("(kosong)".into(), |v| format!("Rp {}", angka(v)))
    };
    let mut out = Vec::new();
    for p in &laporan.pasangan {
        let sd = p
            .triwulan
            .map(|q| format!("Realisasi s.d. Triwulan {}", romawi(q)))
            .unwrap_or_default();
        out.push(PasanganTampil {
            judul: p.judul.clone(),
            catatan: p.catatan.clone(),
            ringkas: format!(
                "{} baris cocok; {} hanya di SIPD; {} hanya di E.81.",
                p.cocok,
                p.hanya_sipd.len(),
                p.hanya_e81.len()
            ),
            beda: p
                .selisih
                .iter()
                .map(|s| BedaTampil {
                    jenis: if s.jenis == "pagu" {
                        "Pagu (kolom 7 Rp)".to_string()
                    } else {
                        sd.clone()
                    },
                    baris: s.baris.clone(),
                    e81: format!("{} {}", s.e81_sel, rp(s.e81.as_deref())),
                    lain: format!("{} {}", s.sipd_sel, rp(Some(&s.sipd))),
                })
                .collect(),
            hanya: p
                .hanya_sipd
                .iter()
                .map(|b| format!("Hanya di SIPD: {} ({})", b.baris, b.sel))
                .chain(
                    p.hanya_e81
                        .iter()
                        .map(|b| format!("Hanya di E.81: {} ({})", b.baris, b.sel)),
                )
                .collect(),
            serapan: p
                .penyerapan_kas
                .iter()
                .map(|s| BarisSerapan::of(s.baris.clone(), &s.triwulan, s.terhadap_pagu))
                .collect(),
        });
    }
    for p in &laporan.pasangan_renja {
        out.push(PasanganTampil {
            judul: p.judul.clone(),
            catatan: Vec::new(),
            ringkas: format!(
                "{} baris cocok; {} hanya di Renja; {} hanya di E.81.",
                p.cocok,
                p.hanya_renja.len(),
                p.hanya_e81.len()
            ),
            beda: p
                .selisih
                .iter()
                .map(|s| BedaTampil {
                    jenis: match s.jenis {
                        "pagu" => "Pagu (kolom 7 Rp)",
                        "target" => "Target (kolom 7 K)",
                        _ => "Satuan",
                    }
                    .to_string(),
                    baris: s.baris.clone(),
                    e81: format!("{} {}", s.e81_sel, s.e81),
                    lain: format!("{} {}", s.renja_sel, s.renja),
                })
                .collect(),
            hanya: p
                .hanya_renja
                .iter()
                .map(|b| format!("Hanya di Renja: {} ({})", b.baris, b.sel))
                .chain(
                    p.hanya_e81
                        .iter()
                        .map(|b| format!("Hanya di E.81: {} ({})", b.baris, b.sel)),
                )
                .collect(),
            serapan: Vec::new(),
        });
    }
    for p in &laporan.pasangan_pk {
        out.push(PasanganTampil {
            judul: p.judul.clone(),
            catatan: Vec::new(),
            ringkas: format!("{} baris cocok.", p.cocok),
            beda: p
                .selisih
                .iter()
                .map(|s| BedaTampil {
                    jenis: s.jenis.clone(),
                    baris: s.baris.clone(),
                    e81: format!("{} {}", s.e81_sel, s.e81),
                    lain: format!("{} {}", s.pk_sel, s.pk),
                })
                .collect(),
            hanya: Vec::new(),
            serapan: Vec::new(),
        });
    }
    for p in &laporan.sendiri {
        out.push(PasanganTampil {
            judul: p.judul.clone(),
            catatan: Vec::new(),
            ringkas: format!(
                "{}, diperiksa di dalam berkasnya: {} temuan.",
                p.dibaca,
                p.temuan.len()
            ),
            beda: p
                .temuan
                .iter()
                .map(|t| BedaTampil {
                    jenis: t.jenis.clone(),
                    baris: String::new(),
                    e81: String::new(),
                    lain: t.pesan.clone(),
                })
                .collect(),
            hanya: Vec::new(),
            serapan: Vec::new(),
        });
    }
    out
}
