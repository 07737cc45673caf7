//! *Rekonsiliasi* of a workspace (issue 16): its document — the plan as it stands — checked
//! within itself and against every file it keeps, each finding at its row and cell with a link
//! into the grid of a form that shows that cell. The page (`GET /ruang-kerja/{id}/rekonsiliasi`,
//! `http::halaman`) prints [`susun`]'s findings.
//!
//! - Within the plan: the computation's located problems of the identities a planner expects
//!   (a parent's pagu and realisasi are the sums of its rows; the TW targets add up to the
//!   year's, or the last is the year's, by the indicator's aggregation; a quarter's realisation
//!   against its target; realisasi within the pagu; …), one per cell.
//! - Against a file: every value the file states that the plan holds otherwise
//!   (`capaian_domain::gabung::pratinjau`, the merge's comparison), with the file's sheet and
//!   cell and both values. A file of another form the document keeps as its template (a PK, a
//!   Renja it was made of) is compared as that form (`gabung::berkas_pk` / `berkas_renja`).

use capaian_domain::e81::{self, E81Settings};
use capaian_domain::edit::{self, Cell, CellValue};
use capaian_domain::form::{self, FormKind};
use capaian_domain::model::{baris_kinerja, Document, Field, Severity};

use app::pages::rekonsiliasi::{BerkasRekonsiliasi, Temuan};

/// A file the document keeps, as read for the comparison.
pub struct BerkasDokumen {
    /// Its name, and what it is to the document (`berkas impor`, `berkas terakhir digabung`,
    /// `berkas pembanding, disimpan … oleh …`).
    pub nama: String,
    pub peran: String,
    /// For a kept comparison file: its name, to forget it from the page.
    pub pembanding: Option<String>,
    /// The file as rows of the document's shape, with the column letter of each cell it
    /// states; or why it could not be read.
    pub isi: Result<BacaanBerkas, String>,
}

/// A file read as rows shaped as the document's.
pub struct BacaanBerkas {
    /// What it is (`Formulir E.81`, `Perjanjian Kinerja`).
    pub jenis: String,
    pub document: Document,
    /// The sheet the rows are on.
    pub lembar: String,
    /// The reading of a form printed one sheet row per document row: where each cell is.
    pub import: Option<capaian_xlsx::Import>,
    /// What the reading found wrong within the file itself (a Jumlah that is not the sum of
    /// its rows, a terbilang that does not say the total, …), each at its sheet and cell: a
    /// file of another form only (an E.81-shaped file's own sums are the plan's checks).
    pub masalah: Vec<capaian_domain::model::Problem>,
    /// A PK file: where its values stand (`periksa::sel_pk`).
    pub pk: Option<Box<capaian_domain::pk::Pk>>,
    /// A SIPD export's figures for the whole Perangkat Daerah: its anggaran, and its realisasi
    /// when it runs to the year's end (an LRA of the year).
    pub jumlah: Option<JumlahSipd>,
    /// An LKjIP's Bab III A tables as printed (compared by [`susun_lkjip`], not as rows).
    pub lkjip: Option<Box<capaian_xlsx::LkjipReading>>,
    /// A T-C.29 as printed (checked by [`susun_tc29`]).
    pub tc29: Option<Box<capaian_xlsx::Tc29Reading>>,
}

/// A SIPD export's totals (its rows without a parent, summed).
#[derive(Clone, Debug, PartialEq)]
pub struct JumlahSipd {
    pub anggaran: Option<rust_decimal::Decimal>,
    pub realisasi_setahun: Option<rust_decimal::Decimal>,
}

impl BacaanBerkas {
    /// Where row `j`'s `cell` is in the file (`'Sheet'!J14`, else its sheet and row).
    fn sel(&self, j: usize, cell: Cell) -> String {
        if let Some((pk, row)) = self.pk.as_ref().zip(self.document.rows.get(j)) {
            return crate::periksa::sel_pk(pk, row, cell);
        }
        let field = field_of(cell);
        if let Some(cell) = self
            .import
            .as_ref()
            .zip(field)
            .and_then(|(import, f)| import.cell_of(j, f))
        {
            return format!("'{}'!{cell}", self.lembar);
        }
        match self.document.rows.get(j).map_or(0, |r| r.sheet_row) {
            0 => format!("'{}'", self.lembar),
            r => format!("'{}' baris {r}", self.lembar),
        }
    }
}

/// A workbook the document keeps, read as the form it is: a form printed one sheet row per
/// document row (E.81, laporan, rencana aksi: with `options`, the workspace's remembered
/// mapping), else another form shaped as E.81 rows as a merge reads it
/// (`workbook::other_form`: a PK, a SIPD export, a Renja, the Renstra's table — its targets
/// of the workspace's year `tahun` as column 7 K).
pub fn baca(
    bytes: &[u8],
    options: &capaian_xlsx::ReadOptions,
    tahun: i32,
) -> Result<BacaanBerkas, String> {
    use crate::workbook::Lain;
    use capaian_domain::gabung::{berkas_anggaran, berkas_pk, berkas_renja};
    let first = match crate::workbook::review_bytes(bytes, options) {
        Ok(reading) => {
            let import = reading.import;
            return Ok(BacaanBerkas {
                jenis: form::nama(&import.document.form).to_string(),
                lembar: import.layout.sheet.clone(),
                document: import.document.clone(),
                import: Some(import),
                masalah: Vec::new(),
                jumlah: None,
                pk: None,
                lkjip: None,
                tc29: None,
            });
        }
        Err(e) => e,
    };
    let mut jumlah = None;
    let mut pk = None;
    let mut lkjip = None;
    let mut tc29 = None;
    let (jenis, lembar, document, masalah) =
        match crate::workbook::other_form(bytes, first, Some(tahun)) {
            Ok(Lain::Pk(r)) => {
                let r = *r;
                let read = (
                    "Perjanjian Kinerja".to_string(),
                    r.pk.kolom.lembar_kinerja.clone(),
                    berkas_pk(&r.pk),
                    r.problems,
                );
                pk = Some(Box::new(r.pk));
                read
            }
            Ok(Lain::Renja(r)) => (
                "Renja".into(),
                r.renja.lembar.clone(),
                berkas_renja(&r.renja),
                r.problems,
            ),
            Ok(Lain::Sipd(s)) => {
                use capaian_domain::anggaran::Besaran;
                let doc = berkas_anggaran(&s.anggaran, None);
                let total = s.anggaran.total();
                jumlah = Some(JumlahSipd {
                    anggaran: total.get(Besaran::Anggaran),
                    realisasi_setahun: total
                        .get(Besaran::Realisasi)
                        .filter(|_| s.triwulan(None) == Some(4)),
                });
                (
                    s.layout.nama().to_string(),
                    doc.sheet.clone(),
                    doc,
                    s.problems,
                )
            }
            Ok(Lain::Kinerja(k)) => (
                app::pages::gabung::NAMA_KINERJA.to_string(),
                k.document.sheet.clone(),
                k.document,
                k.problems,
            ),
            Ok(Lain::Lkjip(l)) => {
                let lembar = l.tabel.first().map(|t| t.judul.clone()).unwrap_or_default();
                lkjip = Some(l);
                (
                    crate::workbook::NAMA_LKJIP.to_string(),
                    lembar,
                    Document::default(),
                    Vec::new(),
                )
            }
            Ok(Lain::Tc29(t)) => {
                let lembar = t.lembar.clone();
                tc29 = Some(t);
                (
                    crate::workbook::NAMA_TC29.to_string(),
                    lembar,
                    Document::default(),
                    Vec::new(),
                )
            }
            Err(e) => return Err(e.to_string()),
        };
    Ok(BacaanBerkas {
        jenis,
        lembar,
        document,
        import: None,
        jumlah,
        pk,
        lkjip,
        tc29,
        masalah: masalah
            .into_iter()
            .filter(|p| {
                p.severity >= Severity::Warning && IDENTITAS_BERKAS.contains(&p.code.as_str())
            })
            .collect(),
    })
}

/// The form whose grid shows `cell` of row `i`: the file's own form (`pilih`, a PK's) when it
/// does, else Formulir E.81 when it does, else the first form kind that shows the row and has
/// a column of the cell.
fn form_of(
    kinerja: &[bool],
    i: usize,
    cell: Cell,
    pilih: Option<&'static FormKind>,
) -> Option<&'static FormKind> {
    pilih
        .into_iter()
        .chain(std::iter::once(&form::e81::E81))
        .chain(form::all().iter().copied())
        .find(|f| f.shows(kinerja, i) && f.column_of_cell(cell).is_some())
}

/// The reader's field of a cell, where the file states it: an E.81 column's, or a quarter's
/// target (a rencana aksi's, a laporan's), which no E.81 column holds.
fn field_of(cell: Cell) -> Option<Field> {
    match cell {
        Cell::TargetTwK(q) => Some(Field::TargetTwK(q)),
        c => c.field(),
    }
}

/// The cell of a row that shows `field` (the rencana aksi's TW target has no E.81 field).
fn cell_of(field: Field) -> Option<Cell> {
    if let Field::TargetTwK(q) = field {
        return Some(Cell::TargetTwK(q));
    }
    Cell::all().into_iter().find(|c| c.field() == Some(field))
}

fn shown(v: &CellValue) -> String {
    if v.is_empty() {
        "(kosong)".to_string()
    } else {
        edit::display(v)
    }
}

/// The findings on document `doc_id` (the document `doc` as it stands, computed with
/// `settings`) and each of its `files`.
pub fn susun(
    doc_id: &str,
    doc: &Document,
    settings: &E81Settings,
    files: &[BerkasDokumen],
    tc29: Option<&Result<capaian_domain::tc29::Tc29, String>>,
) -> (Vec<Temuan>, Vec<BerkasRekonsiliasi>) {
    let kinerja = baris_kinerja(&doc.rows);
    let link = |i: usize, cell: Cell, pilih: Option<&'static FormKind>| {
        form_of(&kinerja, i, cell, pilih).map(|f| app::grid::grid_cell_href(doc_id, f, i, cell))
    };
    let (computed, problems) = e81::compute(doc, settings);
    // The plan's IKU with the budget its Sasaran cells (E.81 column 2) give them; a text that
    // names no sasaran or IKU of the plan is a finding within the plan.
    let (iku, dukungan) = capaian_domain::lkjip::iku_beranggaran(doc, &computed);
    // A column 12–15 a file states where the plan holds nothing to compute it from (a laporan's
    // realisasi keuangan s.d. TW without its quarters) cannot be checked: no disagreement.
    let dihitung = |i: usize, field: Option<Field>| {
        computed
            .rows
            .get(i)
            .is_some_and(|c| field.is_none_or(|f| c.punya(f)))
    };
    let dalam = problems
        .iter()
        .chain(&dukungan)
        .filter(|p| p.severity >= Severity::Warning && IDENTITAS.contains(&p.code.as_str()))
        .filter(|p| {
            p.code != "kolom_hitung_berbeda" || p.at.row.is_some_and(|i| dihitung(i, p.at.field))
        })
        .filter_map(|p| {
            let i = p.at.row?;
            // A computed column has no cell of its own: the row's indicator is shown instead.
            let cell = p.at.field.and_then(cell_of).or(Some(Cell::Indicator));
            Some(Temuan {
                jenis: jenis_masalah(&p.code),
                baris: app::ssr::row_label(doc, i),
                rencana: p.message.clone(),
                berkas: String::new(),
                href: cell.and_then(|c| link(i, c, None)),
            })
        })
        .collect();
    // Each kept T-C.29 checked within itself, then against the one of the year before among
    // the kept files (with the tables those checks read).
    let tc29_berkas: Vec<_> = files
        .iter()
        .filter_map(|f| {
            let t = f.isi.as_ref().ok()?.tc29.as_deref()?;
            let (p, tabel) = crate::periksa::periksa_tc29("", t);
            Some((f.nama.as_str(), t, p, tabel))
        })
        .collect();
    let berturut = crate::periksa::tc29_berturut(
        &tc29_berkas
            .iter()
            .map(|(n, t, _, tb)| (*n, *t, tb))
            .collect::<Vec<_>>(),
    );
    let mut tc29_berkas = tc29_berkas.into_iter().zip(berturut);
    let berkas = files
        .iter()
        .map(|f| {
            let mut out = BerkasRekonsiliasi {
                judul: format!("{} — {}", f.nama, f.peran),
                catatan: Vec::new(),
                beda: Vec::new(),
                pembanding: f.pembanding.clone(),
            };
            let read = match &f.isi {
                Ok(read) => read,
                Err(e) => {
                    out.catatan.push(format!(
                        "Berkas ini tidak dapat dibaca untuk dibandingkan: {e}"
                    ));
                    return out;
                }
            };
            out.judul = format!("{} — {}, {}", f.nama, read.jenis, f.peran);
            if let Some(l) = &read.lkjip {
                susun_lkjip(&mut out, l, (doc, &computed, &iku), settings, &link);
                return out;
            }
            if let Some(((_, t, p, tabel), lain)) = read.tc29.as_ref().and_then(|_| tc29_berkas.next()) {
                susun_tc29(&mut out, t, (p, tabel), tc29);
                out.beda.extend(lain.into_iter().map(|t| Temuan {
                    jenis: t.jenis,
                    baris: String::new(),
                    rencana: String::new(),
                    berkas: t.pesan,
                    href: None,
                }));
                return out;
            }
            let p = capaian_domain::gabung::pratinjau(doc, &read.document);
            let pilih = form::by_key(&read.document.form);
            if !p.baru.is_empty() {
                out.catatan.push(format!(
                    "{} baris berkas tidak ada di dokumen (tidak dibandingkan).",
                    p.baru.len()
                ));
            }
            // The file's own identities first: they are the file's, whatever the plan holds.
            out.beda = read
                .jumlah
                .iter()
                .flat_map(|j| {
                    [
                        ("Jumlah anggaran", j.anggaran, computed.totals.target_rp),
                        (
                            "Jumlah realisasi setahun",
                            j.realisasi_setahun,
                            computed.totals.realisasi_rp,
                        ),
                    ]
                })
                // A plan without a pagu (a laporan that prints none) has nothing to disagree.
                .filter(|(jenis, _, _)| !(computed.totals.tanpa_pagu && jenis.contains("anggaran")))
                .filter_map(|(jenis, berkas, rencana)| {
                    let berkas = berkas?;
                    (berkas != rencana).then(|| Temuan {
                        jenis: format!("{jenis} Perangkat Daerah"),
                        baris: "Seluruh program".into(),
                        rencana: app::format::angka(rencana),
                        berkas: format!(
                            "'{}': {} (selisih {})",
                            read.lembar,
                            app::format::angka(berkas),
                            app::format::angka(berkas - rencana)
                        ),
                        href: None,
                    })
                })
                .collect();
            out.beda.extend(read.masalah.iter().map(|m| Temuan {
                jenis: format!("Di dalam berkas: {}", jenis_masalah(&m.code)),
                baris: String::new(),
                rencana: String::new(),
                berkas: format!("{}: {}", lokasi(&m.at, &read.lembar), m.message),
                href: None,
            }));
            // A value the file states where the plan holds none is no disagreement: the plan
            // does not have it yet (merging the file takes it).
            let belum = p.beda.iter().filter(|b| b.sekarang.is_empty()).count();
            if belum > 0 {
                out.catatan.push(format!(
                    "{belum} nilai berkas belum ada di rencana (bukan ketidaksepakatan; gabungkan berkas ini ke dokumen untuk mengambilnya)."
                ));
            }
            out.beda.extend(p.beda.iter().filter(|b| !b.sekarang.is_empty()).map(|b| {
                let sel = read.sel(b.baris_berkas, b.kolom);
                Temuan {
                    jenis: b.kolom.label(),
                    baris: app::ssr::row_label(doc, b.baris),
                    rencana: shown(&b.sekarang),
                    berkas: format!("{}: {}", sel, shown(&b.berkas)),
                    href: link(b.baris, b.kolom, pilih),
                }
            }));
            if read.document.form == capaian_xlsx::FORMULIR_KINERJA {
                susun_kinerja(&mut out, read, &p.baru, (doc, &iku, settings), &link);
            }
            out
        })
        .collect();
    (dalam, berkas)
}

/// A Renstra table of tujuan, sasaran and IKU kept to compare (`read`), beyond the rows the
/// plan's matching found (`baru`: the file's rows no row of the plan matches — an IKU printed
/// under a sasaran the plan names otherwise, or whose label moved to another row): each of
/// those IKU by its text against the plan's IKU of that text, anywhere in the plan — the
/// year's target and the end target (`lkjip_berkas::cocokkan_rencana`) —, and every IKU the
/// file prints under a sasaran of the plan that does not have it
/// (`lkjip_berkas::pasangan_sasaran`), each at its sheet row.
fn susun_kinerja(
    out: &mut BerkasRekonsiliasi,
    read: &BacaanBerkas,
    baru: &[usize],
    (doc, rencana, settings): (
        &Document,
        &[(usize, capaian_domain::lkjip::BarisIku)],
        &E81Settings,
    ),
    link: &dyn Fn(usize, Cell, Option<&'static FormKind>) -> Option<String>,
) {
    use capaian_domain::lkjip::{BabIIIA, SelTertulis};
    use capaian_domain::lkjip_berkas::{cocokkan_rencana, KolomMasukan, TabelTertulis};
    let (computed, _) = e81::compute(&read.document, settings);
    let iku = capaian_domain::lkjip::iku_baris(&read.document, &computed);
    let tabel = |hanya_baru: bool| {
        let iku: Vec<&(usize, capaian_domain::lkjip::BarisIku)> = iku
            .iter()
            .filter(|(i, _)| !hanya_baru || baru.contains(i))
            .collect();
        let sel = |i: usize| {
            let r = read.document.rows.get(i).map_or(0, |r| r.sheet_row);
            Some(format!("'{}' baris {r}", read.lembar))
        };
        let masukan = |(i, b): &(usize, capaian_domain::lkjip::BarisIku)| {
            [
                (KolomMasukan::Target, &b.target),
                (KolomMasukan::TargetRenstra, &b.target_akhir_renstra),
            ]
            .into_iter()
            .filter_map(|(kolom, v)| {
                Some(SelTertulis {
                    kolom,
                    teks: edit::display(&CellValue::K(v.clone()?)),
                    sel: sel(*i),
                })
            })
            .collect::<Vec<_>>()
        };
        TabelTertulis {
            judul: read.lembar.clone(),
            versi: None,
            t: BabIIIA {
                tahun: read.document.year.unwrap_or_default(),
                baris: iku.iter().map(|(_, b)| b.clone()).collect(),
            },
            tertulis: vec![Vec::new(); iku.len()],
            masukan: iku.iter().map(|x| masukan(x)).collect(),
            indikator: vec![true; iku.len()],
        }
    };
    if !baru.is_empty() {
        out.catatan.push(
            "IKU berkas yang barisnya tidak cocok dibandingkan dengan IKU rencana yang teksnya sama, di mana pun letaknya.".into(),
        );
    }
    let semua = [tabel(false)];
    out.beda.extend(
        capaian_domain::lkjip_berkas::pasangan_sasaran(&semua, rencana)
            .into_iter()
            .map(|p| temuan_pasangan(p, link)),
    );
    let banding = cocokkan_rencana(&[tabel(true)], rencana);
    out.beda
        .extend(banding.beda.iter().map(|b| temuan_rencana(b, doc, link)));
}

/// An LKjIP file's tables (`l`) on the page: its own identities (each derived figure against
/// its table's figures, each figure against the other tables': [`crate::periksa::lkjip_sendiri`]),
/// then each IKU's target, realisasi and Renstra end target against the plan's (linked to
/// the plan's cell), and the budgets its tables attribute to the IKU against the pagu.
fn susun_lkjip(
    out: &mut BerkasRekonsiliasi,
    l: &capaian_xlsx::LkjipReading,
    (doc, computed, rencana): (
        &Document,
        &e81::E81Computed,
        &[(usize, capaian_domain::lkjip::BarisIku)],
    ),
    settings: &E81Settings,
    link: &dyn Fn(usize, Cell, Option<&'static FormKind>) -> Option<String>,
) {
    use capaian_domain::lkjip_berkas::{cocokkan_rencana, pagu_tabel};
    let mut judul: Vec<&str> = Vec::new();
    for t in &l.tabel {
        if !judul.contains(&t.judul.as_str()) {
            judul.push(&t.judul);
        }
    }
    out.catatan.push(format!(
        "{} tabel dibaca: {}.",
        l.tabel.len(),
        judul.join(", ")
    ));
    out.beda.extend(
        crate::periksa::lkjip_sendiri(l, &settings.scale)
            .into_iter()
            .map(|p| Temuan {
                jenis: format!("Di dalam berkas: {}", jenis_masalah(&p.code)),
                baris: String::new(),
                rencana: String::new(),
                berkas: p.message,
                href: None,
            }),
    );
    // An indicator printed under a sasaran of the plan whose IKU it is not.
    out.beda.extend(
        capaian_domain::lkjip_berkas::pasangan_sasaran(&l.tabel, rencana)
            .into_iter()
            .map(|p| temuan_pasangan(p, link)),
    );
    let banding = cocokkan_rencana(&l.tabel, rencana);
    out.beda
        .extend(banding.beda.iter().map(|b| temuan_rencana(b, doc, link)));
    if !computed.totals.tanpa_pagu {
        out.beda.extend(
            pagu_tabel(&l.tabel, computed.totals.target_rp)
                .into_iter()
                .map(|p| Temuan {
                    jenis: jenis_masalah(&p.code),
                    baris: "Seluruh program".into(),
                    rencana: format!("Pagu Rp {}", app::format::angka(computed.totals.target_rp)),
                    berkas: p.message,
                    href: None,
                }),
        );
    }
    if banding.belum > 0 {
        out.catatan.push(format!(
            "{} nilai IKU berkas belum ada di rencana (bukan ketidaksepakatan; isi di lembar kerja Perjanjian Kinerja atau laporan).",
            banding.belum
        ));
    }
    if !banding.tidak_ada.is_empty() {
        const TAMPIL: usize = 5;
        let mut daftar: Vec<String> = banding
            .tidak_ada
            .iter()
            .take(TAMPIL)
            .map(|t| format!("'{t}'"))
            .collect();
        if banding.tidak_ada.len() > TAMPIL {
            daftar.push(format!("dan {} lainnya", banding.tidak_ada.len() - TAMPIL));
        }
        out.catatan.push(format!(
            "{} indikator berkas bukan IKU rencana, hanya diperiksa di dalam berkas: {}.",
            banding.tidak_ada.len(),
            daftar.join(", ")
        ));
    }
}

/// A T-C.29 file on the page: its columns 8, 10 and 11 against its own figures (`p`, with
/// the table it read: [`crate::periksa::periksa_tc29`]), each at its cell; then, when it is
/// the T-C.29 of the Renja the workspace's plan makes one for (`rencana`: that table, or why
/// there is none), its columns 4, 5, 6, 7 and 9 against the plan's own
/// (`tc29::bandingkan_rencana`).
fn susun_tc29(
    out: &mut BerkasRekonsiliasi,
    t: &capaian_xlsx::Tc29Reading,
    (p, tabel): (crate::periksa::PeriksaSendiri, capaian_domain::tc29::Tc29),
    rencana: Option<&Result<capaian_domain::tc29::Tc29, String>>,
) {
    out.catatan.push(format!("{}.", p.dibaca));
    out.beda.extend(p.temuan.into_iter().map(|t| Temuan {
        jenis: format!("Di dalam berkas: {}", t.jenis),
        baris: String::new(),
        rencana: String::new(),
        berkas: match t.sel {
            Some(sel) => format!("{sel}: {}", t.pesan),
            None => t.pesan,
        },
        href: None,
    }));
    let rencana = match rencana {
        Some(Ok(r)) => r,
        Some(Err(why)) => {
            out.catatan.push(why.clone());
            return;
        }
        None => return,
    };
    if t.tahun != Some(rencana.tahun) {
        out.catatan.push(format!(
            "Rencana ruang kerja ini menyusun T-C.29 Renja {}; berkas ini {}: kolom 4–9 tidak dibandingkan.",
            rencana.tahun,
            t.tahun
                .map_or("tidak menyebut tahunnya".to_string(), |y| format!("T-C.29 Renja {y}"))
        ));
        return;
    }
    let (beda, tanpa) = capaian_domain::tc29::bandingkan_rencana(&tabel, rencana);
    let shown = |v: &Option<capaian_domain::model::KValue>| {
        v.clone().map_or_else(
            || "(kosong)".to_string(),
            |k| edit::display(&CellValue::K(k)),
        )
    };
    out.beda.extend(beda.iter().map(|b| Temuan {
        jenis: format!("Kolom {} T-C.29", b.kolom),
        baris: b.label(&tabel),
        rencana: shown(&b.rencana),
        berkas: format!(
            "'{}' baris {}: {}",
            t.lembar,
            t.baris_lembar.get(b.baris).copied().unwrap_or_default(),
            shown(&b.berkas)
        ),
        href: None,
    }));
    if !tanpa.is_empty() {
        out.catatan.push(format!(
            "{} baris berkas tidak ada di T-C.29 yang disusun dari rencana (tidak dibandingkan).",
            tanpa.len()
        ));
    }
}

/// A figure of an IKU a file states that the plan holds otherwise, as the page lists it:
/// linked to the plan's cell of it (the target, the end target; else the IKU's row).
fn temuan_rencana(
    b: &capaian_domain::lkjip_berkas::BedaRencana,
    doc: &Document,
    link: &dyn Fn(usize, Cell, Option<&'static FormKind>) -> Option<String>,
) -> Temuan {
    use capaian_domain::lkjip_berkas::KolomMasukan;
    let cell = match b.kolom {
        KolomMasukan::Target => Cell::TargetK,
        KolomMasukan::TargetRenstra => Cell::RenstraK,
        _ => Cell::Indicator,
    };
    Temuan {
        jenis: format!("{} IKU", b.kolom.nama()),
        baris: app::ssr::row_label(doc, b.baris),
        rencana: edit::display(&CellValue::K(b.rencana.clone())),
        berkas: format!("{}: {}", b.sel.join(", "), b.tertulis),
        href: link(b.baris, cell, None),
    }
}

/// An indicator a file prints under a sasaran of the plan whose IKU it is not, as the page
/// lists it: the sasaran, the plan's IKU of it, the file's cells and indicator, linked to the
/// sasaran's first IKU in the plan.
fn temuan_pasangan(
    p: capaian_domain::lkjip_berkas::PasanganLain,
    link: &dyn Fn(usize, Cell, Option<&'static FormKind>) -> Option<String>,
) -> Temuan {
    Temuan {
        jenis: "Pasangan sasaran dan IKU".into(),
        baris: p.sasaran.clone(),
        rencana: format!("IKU sasaran ini: {}", p.iku_rencana.join("; ")),
        berkas: format!(
            "{}: {} dipasangkan dengan sasaran ini{} ({})",
            p.sel.join(", "),
            p.indikator,
            match &p.milik {
                Some(s) => format!("; di rencana IKU sasaran '{s}'"),
                None => "; bukan IKU rencana".to_string(),
            },
            p.tabel.join(", ")
        ),
        href: p
            .baris_rencana
            .first()
            .and_then(|&i| link(i, Cell::Indicator, None)),
    }
}

/// The computation's checks that are identities between the year's figures (a number that
/// should equal others), as opposed to a report's completeness (a narrative to write).
const IDENTITAS: [&str; 8] = [
    "sasaran_tidak_dikenal",
    "sasaran_ganda",
    "jumlah_induk",
    "target_triwulan",
    "realisasi_jauh_di_atas_target_tw",
    "realisasi_melebihi_pagu",
    "kolom_hitung_berbeda",
    "satuan_berbeda",
];

/// The checks of a file of another form, as its reader makes them, that are identities within
/// the file (a stated sum, percentage, difference or terbilang against its own figures).
const IDENTITAS_BERKAS: [&str; 12] = [
    "jumlah_induk",
    "jumlah_berkas",
    "target_triwulan",
    "terbilang_salah",
    "tw_bukan_jumlah_bulan",
    "sisa_berbeda",
    "selisih_salah",
    "persen_berbeda",
    "kas_tidak_sama_anggaran",
    "total_kas_berbeda",
    "realisasi_melebihi_anggaran",
    "operasi_modal_bukan_total",
];

/// Where a file's problem is: `'Sheet'!C12`, else its sheet.
fn lokasi(at: &capaian_domain::model::Location, lembar: &str) -> String {
    let sheet = at.sheet.as_deref().unwrap_or(lembar);
    match &at.cell {
        Some(cell) => format!("'{sheet}'!{cell}"),
        None => format!("'{sheet}'"),
    }
}

/// A check's name as the page lists it.
pub(crate) fn jenis_masalah(code: &str) -> String {
    match code {
        "jumlah_induk" => "Jumlah induk",
        "target_triwulan" => "Target triwulan",
        "realisasi_jauh_di_atas_target_tw" => "Realisasi triwulan terhadap targetnya",
        "realisasi_melebihi_pagu" => "Realisasi melebihi pagu",
        "satuan_berbeda" => "Satuan",
        "kolom_hitung_berbeda" => "Kolom 12–15 yang dinyatakan berkas",
        "jumlah_berkas" => "Jumlah",
        "terbilang_salah" => "Terbilang",
        "tw_bukan_jumlah_bulan" => "Triwulan terhadap bulannya",
        "sisa_berbeda" => "Sisa anggaran",
        "selisih_salah" => "Selisih",
        "persen_berbeda" => "Persentase",
        "kas_tidak_sama_anggaran" | "total_kas_berbeda" => "Anggaran kas",
        "realisasi_melebihi_anggaran" => "Realisasi melebihi anggaran",
        "operasi_modal_bukan_total" => "Belanja operasi dan modal",
        "lkjip_berbeda" => "Angka turunan tabel",
        "lkjip_dipotong" => "Angka dipotong, bukan dibulatkan",
        "efisiensi_rumus_lain" => "Rumus tingkat efisiensi",
        "lkjip_antar_tabel" => "Antar tabel",
        "pagu_iku_melebihi_total" => "Anggaran IKU melebihi pagu",
        "kolom_tc29_berbeda" => "Kolom T-C.29 terhadap rumusnya",
        "sasaran_tidak_dikenal" | "sasaran_ganda" => "Sasaran yang didukung (kolom 2)",
        other => return other.replace('_', " "),
    }
    .to_string()
}

/// The page of workspace `ws`: its newest document as it stands, checked within itself and
/// against the files it keeps — the file last merged into it (its template), the file it was
/// imported from when that is another, and every file kept to compare against (a PK, a Renja,
/// a SIPD export, the Renstra's table: merged, or uploaded on the page) —, each read with the
/// workspace's remembered mapping.
pub async fn view(
    app: &app::ssr::AppContext,
    ws: app::types::Workspace,
) -> Result<app::pages::rekonsiliasi::RekonsiliasiView, crate::operations::OperationError> {
    use app::pages::rekonsiliasi::RekonsiliasiView;
    let mut out = RekonsiliasiView {
        workspace: ws.clone(),
        dokumen: None,
        dalam: Vec::new(),
        berkas: Vec::new(),
        lan: false,
        pesan: None,
        galat: None,
    };
    let documents = app.store.list_documents(&ws.id).await?;
    let Some(summary) = app::ssr::newest_of(&documents).cloned() else {
        return Ok(out);
    };
    let Some(stored) = app.store.get_document(&summary.id).await? else {
        return Ok(out);
    };
    // (name, role, file, the kept comparison file's name)
    let mut kept: Vec<(String, String, app::ssr::Template, Option<String>)> = Vec::new();
    if let Some(template) = app.store.document_template(&summary.id).await? {
        let merged = template.baris.is_some();
        kept.push((
            template.nama_berkas.clone(),
            if merged {
                "berkas terakhir digabung"
            } else {
                "berkas impor"
            }
            .to_string(),
            template,
            None,
        ));
        if merged {
            if let Some(isi) = app.store.get_document_file(&summary.id).await? {
                kept.push((
                    summary.nama_berkas.clone(),
                    "berkas impor".to_string(),
                    app::ssr::Template {
                        nama_berkas: summary.nama_berkas.clone(),
                        isi,
                        baris: None,
                    },
                    None,
                ));
            }
        }
    }
    for b in app.store.comparison_files(&summary.id).await? {
        let peran = format!(
            "berkas pembanding, disimpan {} oleh {}",
            app::format::tanggal(&b.waktu, ws.zona),
            b.oleh
        );
        kept.push((
            b.nama.clone(),
            peran,
            app::ssr::Template {
                nama_berkas: b.nama.clone(),
                isi: b.isi,
                baris: None,
            },
            Some(b.nama),
        ));
    }
    let mut files = Vec::with_capacity(kept.len());
    for (nama, peran, template, pembanding) in kept {
        let options = crate::operations::template_reading(app, &ws, &template).await?;
        let tahun = ws.tahun;
        let isi = tokio::task::spawn_blocking(move || baca(&template.isi, &options, tahun))
            .await
            .map_err(|e| crate::operations::OperationError::Files(e.to_string()))?;
        files.push(BerkasDokumen {
            nama,
            peran,
            pembanding,
            isi,
        });
    }
    // A kept T-C.29 is compared with the one the plan makes (from this and earlier years'
    // documents), when there is one.
    let tc29 = if files
        .iter()
        .any(|f| f.isi.as_ref().is_ok_and(|b| b.tc29.is_some()))
    {
        Some(
            crate::operations::tc29_rencana(app, &ws)
                .await?
                .map(|d| d.table),
        )
    } else {
        None
    };
    let settings = stored.summary.pengaturan.e81();
    let id = summary.id.clone();
    let (dalam, berkas) = tokio::task::spawn_blocking(move || {
        susun(&id, &stored.document, &settings, &files, tc29.as_ref())
    })
    .await
    .map_err(|e| crate::operations::OperationError::Files(e.to_string()))?;
    out.dokumen = Some((summary.id, summary.nama_berkas));
    out.dalam = dalam;
    out.berkas = berkas;
    Ok(out)
}

/// What a form of files sent: each file's name and bytes, and its text fields by name.
#[derive(Debug, Default)]
pub struct Kiriman {
    pub berkas: Vec<(String, Vec<u8>)>,
    pub teks: std::collections::HashMap<String, String>,
}

/// How many files the Rekonsiliasi page keeps at once.
pub const MAX_PEMBANDING: usize = 10;

/// The document `dokumen` of workspace `ws`, or why not.
async fn dokumen_of(
    app: &app::ssr::AppContext,
    ws: &str,
    dokumen: &str,
) -> Result<app::types::DocumentSummary, crate::operations::OperationError> {
    match app.store.document_summary(dokumen).await? {
        Some(s) if s.workspace_id == ws => Ok(s),
        _ => Err(crate::operations::OperationError::NotFound("Dokumen")),
    }
}

/// Keeps the files `form` sent beside its document (`dokumen`) of workspace `ws`, each read
/// first as a form Capaian knows: all of them, or none when one cannot be read (which one,
/// and why). Nothing of the plan changes. The notice says what each file was read as.
pub async fn keep(
    app: &app::ssr::AppContext,
    pelaku: &app::akses::Pelaku,
    ws: &app::types::Workspace,
    form: Kiriman,
) -> Result<String, crate::operations::OperationError> {
    use crate::operations::OperationError;
    let teks = |k: &str| form.teks.get(k).map(String::as_str).unwrap_or_default();
    let summary = dokumen_of(app, &ws.id, teks("dokumen")).await?;
    if form.berkas.is_empty() {
        return Err(OperationError::Invalid(
            "Pilih berkas yang akan disimpan untuk dibandingkan.".into(),
        ));
    }
    if form.berkas.len() > MAX_PEMBANDING {
        return Err(OperationError::Invalid(format!(
            "Paling banyak {MAX_PEMBANDING} berkas sekaligus."
        )));
    }
    let oleh = crate::operations::name_of(pelaku, teks("oleh"))?;
    let mut dibaca = Vec::with_capacity(form.berkas.len());
    for (nama, isi) in form.berkas {
        let nama = if nama.trim().is_empty() {
            "tanpa nama.xlsx".to_string()
        } else {
            nama
        };
        if crate::workbook::workbook_kind(&nama, &isi).is_none() {
            return Err(OperationError::Invalid(crate::workbook::not_a_workbook(
                &nama,
            )));
        }
        let template = app::ssr::Template {
            nama_berkas: nama.clone(),
            isi,
            baris: None,
        };
        let options = crate::operations::template_reading(app, ws, &template).await?;
        let tahun = ws.tahun;
        let (template, read) = tokio::task::spawn_blocking(move || {
            let read = baca(&template.isi, &options, tahun).map(|b| b.jenis);
            (template, read)
        })
        .await
        .map_err(|e| OperationError::Files(e.to_string()))?;
        match read {
            Ok(jenis) => dibaca.push((template.nama_berkas, template.isi, jenis)),
            Err(e) => {
                return Err(OperationError::Invalid(format!(
                    "{nama} tidak disimpan (juga berkas lain yang dikirim bersamanya): {e}"
                )))
            }
        }
    }
    let mut disimpan = Vec::with_capacity(dibaca.len());
    for (nama, isi, jenis) in dibaca {
        if !app
            .store
            .keep_comparison_file(&summary.id, &nama, isi, &oleh)
            .await?
        {
            return Err(OperationError::NotFound("Dokumen"));
        }
        disimpan.push(format!("{nama} ({jenis})"));
    }
    Ok(format!(
        "{} berkas disimpan untuk dibandingkan: {}.",
        disimpan.len(),
        disimpan.join(", ")
    ))
}

/// Forgets the kept file `nama` of document `dokumen` of workspace `ws`.
pub async fn forget(
    app: &app::ssr::AppContext,
    ws: &str,
    dokumen: &str,
    nama: &str,
) -> Result<String, crate::operations::OperationError> {
    let summary = dokumen_of(app, ws, dokumen).await?;
    if app.store.drop_comparison_file(&summary.id, nama).await? {
        Ok(format!("{nama} tidak lagi dibandingkan dengan rencana."))
    } else {
        Err(crate::operations::OperationError::NotFound(
            "Berkas pembanding",
        ))
    }
}

/// The workspace a person names on the command line: its id, else the one whose
/// `nama_pd tahun` (or `nama_pd` alone, when one workspace has it) is the text, ignoring case.
pub fn ruang_kerja<'a>(
    workspaces: &'a [app::types::Workspace],
    wanted: &str,
) -> Result<&'a app::types::Workspace, String> {
    let key = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted_key = key(wanted);
    if let Some(ws) = workspaces.iter().find(|w| w.id == wanted.trim()) {
        return Ok(ws);
    }
    let by_year: Vec<_> = workspaces
        .iter()
        .filter(|w| key(&format!("{} {}", w.nama_pd, w.tahun)) == wanted_key)
        .collect();
    let found: Vec<_> = if by_year.is_empty() {
        workspaces
            .iter()
            .filter(|w| key(&w.nama_pd) == wanted_key)
            .collect()
    } else {
        by_year
    };
    let daftar = |ws: &[&app::types::Workspace]| {
        ws.iter()
            .map(|w| format!("{} {} (id {})", w.nama_pd, w.tahun, w.id))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "Ruang kerja '{wanted}' tidak ada. Yang ada: {}.",
            if workspaces.is_empty() {
                "belum ada ruang kerja".to_string()
            } else {
                daftar(&workspaces.iter().collect::<Vec<_>>())
            }
        )),
        many => Err(format!(
            "'{wanted}' menunjuk beberapa ruang kerja: {}. Sebutkan tahunnya atau id-nya.",
            daftar(many)
        )),
    }
}

/// The Rekonsiliasi as JSON (`capaian periksa --ruang-kerja … --json`).
pub fn json(v: &app::pages::rekonsiliasi::RekonsiliasiView) -> serde_json::Value {
    let temuan = |t: &Temuan| {
        serde_json::json!({
            "hal": t.jenis,
            "baris": t.baris,
            "rencana": t.rencana,
            "berkas": t.berkas,
            "tautan": t.href,
        })
    };
    serde_json::json!({
        "ruang_kerja": { "id": v.workspace.id, "nama_pd": v.workspace.nama_pd, "tahun": v.workspace.tahun },
        "dokumen": v.dokumen.as_ref().map(|(id, nama)| serde_json::json!({ "id": id, "nama_berkas": nama })),
        "dalam_rencana": v.dalam.iter().map(temuan).collect::<Vec<_>>(),
        "berkas": v.berkas.iter().map(|b| serde_json::json!({
            "judul": b.judul,
            "catatan": b.catatan,
            "beda": b.beda.iter().map(temuan).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "tidak_sepakat": v.tidak_sepakat(),
    })
}

/// The Rekonsiliasi as a report to read in a terminal: a line per finding, each with the
/// row, the plan's value and the file's cell.
pub fn write_text(
    out: &mut impl std::io::Write,
    v: &app::pages::rekonsiliasi::RekonsiliasiView,
) -> std::io::Result<()> {
    let ws = &v.workspace;
    let Some((_, nama)) = &v.dokumen else {
        return writeln!(
            out,
            "Rekonsiliasi {} {}: ruang kerja ini belum mempunyai dokumen.",
            ws.nama_pd, ws.tahun
        );
    };
    let n = v.tidak_sepakat();
    writeln!(
        out,
        "Rekonsiliasi {} {} — dokumen {nama}: {}.",
        ws.nama_pd,
        ws.tahun,
        if n == 0 {
            "semua sepakat".to_string()
        } else {
            format!("{n} hal tidak sepakat")
        }
    )?;
    let line = |out: &mut dyn std::io::Write, t: &Temuan| -> std::io::Result<()> {
        let baris = if t.baris.is_empty() {
            String::new()
        } else {
            format!(" · {}", t.baris)
        };
        match (t.rencana.is_empty(), t.berkas.is_empty()) {
            (_, true) => writeln!(out, "  - {}{baris}: {}", t.jenis, t.rencana),
            (true, false) => writeln!(out, "  - {}{baris}: {}", t.jenis, t.berkas),
            (false, false) => writeln!(
                out,
                "  - {}{baris}: rencana {}; berkas {}",
                t.jenis, t.rencana, t.berkas
            ),
        }
    };
    writeln!(out, "\nDi dalam rencana: {}", v.dalam.len())?;
    for t in &v.dalam {
        line(out, t)?;
    }
    for b in &v.berkas {
        writeln!(out, "\n{}: {}", b.judul, b.beda.len())?;
        for c in &b.catatan {
            writeln!(out, "  ({c})")?;
        }
        for t in &b.beda {
            line(out, t)?;
        }
    }
    Ok(())
}
