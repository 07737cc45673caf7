//! `/ruang-kerja/:id/gabung/:tid`: merging an uploaded workbook into one of the workspace's
//! documents, before anything is stored. How many of the file's rows are the document's, which
//! are new, and every value the file states that differs from the document, plan and file side
//! by side, column by column: the person accepts per cell, per column or all; what they do not
//! accept stays as the document has it. Accepted values are cell edits whose events name the
//! file.
//!
//! Like the mapping step, the page is a plain HTML form rendered by the server alone (`ssr`
//! only, none of it in the wasm bundle); the server reads the form back
//! (`server/src/gabung.rs`).

/// Query key for why the last action on the page was refused.
pub const MERGE_ERROR_QUERY: &str = "galat";
/// At most this many values of a column are listed one by one (the rest follow the column).
pub const MERGE_SHOWN: usize = 200;
/// The form field of one accepted value: `<document row>:<cell key>`.
pub const MERGE_CELL_FIELD: &str = "sel";
/// The form field of a column accepted whole: its cell key.
pub const MERGE_COLUMN_FIELD: &str = "kolom";
/// The merge form's field that adds the file's new rows (value `1`).
pub const MERGE_NEW_ROWS_FIELD: &str = "baris_baru";
/// The query key (and the merge form's field) of the quarter whose end a SIPD export's
/// realisasi so far reaches, as the person chose it (`1`..`4`).
pub const MERGE_QUARTER_FIELD: &str = "tw";

/// What the merge page calls the Renstra's table of tujuan, sasaran and IKU.
pub const NAMA_KINERJA: &str = "Tujuan, sasaran dan IKU Renstra";

/// The merge page of a waiting upload.
pub fn merge_href(workspace_id: &str, id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/gabung/{id}")
}

/// The merge preview as its page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct GabungView {
    pub workspace: crate::types::Workspace,
    /// The waiting upload.
    pub unggahan: String,
    pub nama_berkas: String,
    /// The document the file merges into, as the preview saw it (its `versi`).
    pub dokumen: crate::types::DocumentSummary,
    /// Rows of the file, and how many of them matched a document row.
    pub baris_berkas: usize,
    pub cocok: usize,
    /// The file's rows no document row matches (the first [`MERGE_SHOWN`], labelled).
    pub baru: Vec<String>,
    /// How many of them the merge may add (an E.81's rows; a PK's sasaran and their IKU).
    pub jumlah_baru: usize,
    /// How many are nodes without indicators that are never added (a SIPD export's, a PK's
    /// lampiran anggaran's programs the document lacks).
    pub baru_simpul: usize,
    /// Document rows the file does not have.
    pub tidak_di_berkas: usize,
    /// Values the document holds where the file's cell is empty (kept).
    pub kosong_di_berkas: usize,
    /// The quarter the file reports (a later one than the document's becomes the document's
    /// when values are accepted).
    pub triwulan_berkas: Option<u8>,
    /// The differing values, by column.
    pub kolom: Vec<KolomGabung>,
    /// A team on a LAN (the name comes from the login, not from a field).
    pub lan: bool,
    /// The file is a SIPD export (its pagu and realisasi merge; it never becomes the template).
    pub anggaran: Option<GabungAnggaran>,
    /// The file is a planning form — a Renja, a Perjanjian Kinerja — (its targets and pagu
    /// merge; it never becomes the template).
    pub rencana: Option<GabungRencana>,
}

/// What the merge page says of a planning form (a Renja, a Perjanjian Kinerja) merged into an
/// E.81 document.
#[derive(Clone, Debug, PartialEq)]
pub struct GabungRencana {
    /// Which: `Renja` or `Perjanjian Kinerja`.
    pub nama: &'static str,
    /// Its rows are nodes without indicators (a PK's lampiran anggaran): matched by node, and
    /// the ones the document lacks are not added (an E.81 row needs its indicator).
    pub per_simpul: bool,
    /// What was read, a line each (kind and sheet, year, rows per level, pagu totals).
    pub ringkasan: Vec<String>,
    /// The reading's problems: (severity, where and what).
    pub masalah: Vec<(String, String)>,
    /// The year the Renja plans, when known.
    pub tahun: Option<i32>,
}

/// What the merge page says of a SIPD export merged into an E.81 document.
#[derive(Clone, Debug, PartialEq)]
pub struct GabungAnggaran {
    /// What was read, a line each (layout and sheets, year, period, rows per level, totals).
    pub ringkasan: Vec<String>,
    /// The reading's problems: (severity, where and what).
    pub masalah: Vec<(String, String)>,
    /// The file states realisasi (an anggaran kas states only the pagu and its plan).
    pub ada_realisasi: bool,
    /// The file gives its realisasi by month: stored per month, each quarter their sum (no
    /// quarter of a realisasi so far to choose).
    pub per_bulan: bool,
    /// The tahun anggaran the file names, when known.
    pub tahun: Option<i32>,
    /// The quarter whose end its realisasi so far reaches (None: unknown, not compared).
    pub triwulan: Option<u8>,
    /// The document rows (labelled) whose quarters before already hold more than the file's
    /// realisasi so far: that quarter's own is not computed for them.
    pub melebihi: Vec<String>,
    /// The document rows (labelled) whose quarter is the sum of its months while the file gives
    /// that quarter as one figure: not changed by this file.
    pub dari_bulan: Vec<String>,
    /// An anggaran kas: each document row's penyerapan against the kas of its node.
    pub serapan: Vec<BarisSerapan>,
}

/// A document row's realisasi against its anggaran kas, as the page prints it.
#[derive(Clone, Debug, PartialEq)]
pub struct BarisSerapan {
    pub label: String,
    /// Per quarter with a kas: the penyerapan (`55,21%`) and its figures (`Rp … ÷ Rp …`).
    pub triwulan: Vec<Option<(String, String)>>,
    /// Realisasi so far ÷ pagu.
    pub terhadap_pagu: String,
}

impl BarisSerapan {
    /// A row `label`'s quarters (realisasi, kas, %) and its realisasi ÷ pagu, as people read
    /// them: a quarter without kas shows nothing, one without realisasi says so.
    pub fn of(
        label: String,
        triwulan: &[capaian_domain::anggaran::Serapan],
        terhadap_pagu: Option<rust_decimal::Decimal>,
    ) -> BarisSerapan {
        use crate::format::{angka, persen};
        BarisSerapan {
            label,
            triwulan: triwulan
                .iter()
                .map(|t| {
                    t.kas.map(|kas| {
                        let kas = angka(kas);
                        match t.realisasi {
                            Some(r) => (persen(t.persen), format!("Rp {} ÷ Rp {kas}", angka(r))),
                            None => (
                                "-".to_string(),
                                format!("Anggaran kas Rp {kas}; realisasi belum diisi"),
                            ),
                        }
                    })
                })
                .collect(),
            terhadap_pagu: persen(terhadap_pagu),
        }
    }
}

/// The page of a Renja uploaded without a document to merge into: what was read, and the
/// offer to make the year's E.81 document of it.
#[derive(Clone, Debug, PartialEq)]
pub struct BuatDariRenja {
    pub workspace: crate::types::Workspace,
    pub unggahan: String,
    pub nama_berkas: String,
    /// The year the Renja plans, when known.
    pub tahun: Option<i32>,
    /// What was read, a line each.
    pub ringkasan: Vec<String>,
    /// The reading's problems: (severity, where and what).
    pub masalah: Vec<(String, String)>,
    /// The E.81 rows it makes, per level.
    pub baris: Vec<String>,
    pub lan: bool,
}

impl GabungView {
    /// How many values differ, in every column.
    pub fn jumlah_beda(&self) -> usize {
        self.kolom.iter().map(|k| k.jumlah).sum()
    }
}

/// One column's differing values.
#[derive(Clone, Debug, PartialEq)]
pub struct KolomGabung {
    /// The cell's stable key (`tw3_k`).
    pub kunci: String,
    pub label: String,
    /// Why its values cannot be accepted now (its quarter is submitted), or None.
    pub terkunci: Option<String>,
    pub jumlah: usize,
    /// The first [`MERGE_SHOWN`] of them.
    pub sel: Vec<SelGabung>,
}

/// One differing value.
#[derive(Clone, Debug, PartialEq)]
pub struct SelGabung {
    /// The document's row.
    pub baris: usize,
    /// The row for people (kode and name or indicator).
    pub label: String,
    pub sekarang: String,
    pub berkas: String,
}

#[cfg(feature = "ssr")]
pub use html::{merge_page_html, renja_page_html};

#[cfg(feature = "ssr")]
pub(crate) mod html {
    use leptos::prelude::*;

    use super::*;
    use crate::pages::pemetaan::{document, Remah};

    /// The merge page of a waiting upload, whole.
    pub fn merge_page_html(v: GabungView, error: Option<String>, stylesheet: &str) -> String {
        let title = format!("Gabungkan {} — Capaian", v.nama_berkas);
        let body = view! { <Merge v error /> }.to_html();
        document(&title, stylesheet, body)
    }

    #[component]
    fn Merge(v: GabungView, error: Option<String>) -> impl IntoView {
        let ws = v.workspace.clone();
        let action = merge_href(&ws.id, &v.unggahan);
        let jumlah = v.jumlah_beda();
        let open: usize = v
            .kolom
            .iter()
            .filter(|k| k.terkunci.is_none())
            .map(|k| k.jumlah)
            .sum();
        let sipd = v.anggaran.clone();
        let rencana = v.rencana.clone();
        // A file of another form (a SIPD export, a Renja): never the template or a document of
        // its own.
        let lain = sipd.is_some() || rencana.is_some();
        // Rows matched by node (a SIPD export, a PK): the file's new rows are not added.
        let per_simpul = sipd.is_some() || rencana.as_ref().is_some_and(|r| r.per_simpul);
        let mut ringkasan = vec![if per_simpul && sipd.is_none() {
            format!(
                "{} dari {} baris berkas cocok dengan baris dokumen (program, kegiatan dan sub kegiatan menurut kode, atau nama di bawah induk yang sama; sasaran menurut namanya dan indikatornya).",
                v.cocok, v.baris_berkas
            )
        } else if per_simpul {
            format!(
                "{} dari {} program, kegiatan dan sub kegiatan berkas cocok dengan baris dokumen (kode, atau nama di bawah induk yang sama){}.",
                v.cocok,
                v.baris_berkas,
                if sipd.is_some() { "; rekening dijumlahkan ke sub kegiatannya" } else { "" }
            )
        } else {
            format!(
                "{} dari {} baris berkas cocok dengan baris dokumen (kode, atau nama, dan indikator).",
                v.cocok, v.baris_berkas
            )
        }];
        ringkasan.push(if jumlah == 0 {
            "Tidak ada nilai berkas yang berbeda dari dokumen.".to_string()
        } else {
            format!("{jumlah} nilai berbeda di {} kolom.", v.kolom.len())
        });
        if v.baru_simpul > 0 {
            ringkasan.push(format!(
                "{} program, kegiatan atau sub kegiatan berkas tidak ada di dokumen: tidak ditambahkan (baris E.81 memerlukan indikatornya; tambahkan di dokumen bila perlu). Pagu dan realisasi induknya di berkas sudah memuatnya: bila diterima, induk itu tidak lagi sama dengan jumlah baris di bawahnya dalam dokumen sampai baris itu ditambahkan.",
                v.baru_simpul
            ));
        }
        if v.jumlah_baru > 0 && per_simpul {
            ringkasan.push(format!(
                "{} baris sasaran dan indikator kinerja utama (IKU) berkas belum ada di dokumen. Bila dicentang di bawah, baris itu ditambahkan ke pohon kinerja dokumen (di atas program; tampil di tab Perjanjian Kinerja, rencana aksi dan laporan, tidak di Formulir E.81), beserta targetnya dari berkas.",
                v.jumlah_baru
            ));
        } else if v.jumlah_baru > 0 {
            ringkasan.push(format!(
                "{} baris berkas tidak ada di dokumen (baris baru). Bila dicentang di bawah, baris itu ditambahkan ke dokumen di bawah induknya (program, kegiatan, sub kegiatan), beserta seluruh nilainya dari berkas.",
                v.jumlah_baru
            ));
        }
        if v.tidak_di_berkas > 0 {
            ringkasan.push(format!(
                "{} baris dokumen tidak ada di berkas: nilainya tetap.",
                v.tidak_di_berkas
            ));
        }
        // What makes the file count: accepting its values, or (nothing differs) taking it as
        // the template.
        let bila = if jumlah > 0 {
            "Bila Anda menerima nilainya"
        } else {
            "Bila Anda menjadikan berkas ini template dokumen"
        };
        let tahun_berkas = sipd
            .as_ref()
            .and_then(|a| a.tahun)
            .or(rencana.as_ref().and_then(|r| r.tahun));
        if let Some(y) = tahun_berkas.filter(|&y| y != ws.tahun) {
            ringkasan.insert(
                0,
                format!(
                    "Perhatian: berkas ini tahun anggaran {y}, ruang kerja ini tahun {}. Pastikan berkasnya benar sebelum menerima nilainya.",
                    ws.tahun
                ),
            );
        }
        match rencana.as_ref().map(|r| (r.nama, r.per_simpul)) {
            Some((NAMA_KINERJA, _)) => {
                ringkasan.push(
                    "Tujuan dan sasaran dicocokkan dengan pohon kinerja dokumen menurut namanya, IKU menurut teksnya. Target tahun ini dibandingkan dengan target (kolom 7 K), target akhir periode Renstra dengan kolom 5 K, kondisi awal (bila tahunnya tahun lalu) dengan kolom 6 K. Tujuan, sasaran dan IKU yang belum ada ditambahkan ke pohon kinerja bila dicentang.".to_string(),
                );
            }
            Some((_, false)) => {
                ringkasan.push(
                    "Target capaian kinerja Renja dibandingkan dengan kolom 7 K dan pagu indikatifnya dengan kolom 7 Rp, baris demi baris (kode, atau nama, dan indikator). Lokasi, sumber dana, catatan penting dan prakiraan maju n+1 dibandingkan juga dan disimpan pada barisnya (kolomnya ada di tab Renja lembar kerja).".to_string(),
                );
            }
            Some((nama, true)) => {
                ringkasan.push(format!(
                    "Anggaran {nama} dibandingkan dengan kolom 7 Rp tiap program, kegiatan dan sub kegiatan (kode, atau nama di bawah induk yang sama), keterangannya dengan keterangan baris. Sasaran {nama} yang menyebut program atau kegiatan memberi target indikatornya kepada baris itu; sasaran strategis dan IKU-nya adalah baris pohon kinerja dokumen, dibandingkan indikator demi indikator."
                ));
            }
            None => {}
        }
        if let Some(r) = &rencana {
            ringkasan.push(format!(
                "Berkas {} tidak menjadi template dokumen, dan triwulan laporan dokumen tidak berubah.",
                r.nama
            ));
        }
        if let Some(a) = &sipd {
            ringkasan.push(match a.triwulan {
                _ if !a.ada_realisasi => "Berkas ini tidak memuat realisasi: hanya pagu (kolom 7 Rp) yang dibandingkan.".to_string(),
                _ if a.per_bulan => "Realisasi berkas per bulan: dibandingkan dan disimpan per bulan; realisasi tiap triwulan adalah jumlah bulannya.".to_string(),
                Some(q) => format!(
                    "Realisasi berkas dibaca sebagai realisasi s.d. akhir Triwulan {q}: realisasi Triwulan {q} tiap baris = realisasi s.d. di berkas − realisasi triwulan sebelumnya di dokumen.",
                    q = crate::format::romawi(q)
                ),
                None => "Akhir periode realisasi berkas tidak diketahui: hanya pagu yang dibandingkan. Pilih triwulannya di bawah untuk membandingkan realisasi.".to_string(),
            });
            if !a.melebihi.is_empty() {
                ringkasan.push(format!(
                    "{} baris: realisasi triwulan sebelumnya di dokumen sudah melebihi realisasi s.d. di berkas, sehingga realisasi Triwulan {} baris itu tidak dihitung. Periksa: {}.",
                    a.melebihi.len(),
                    a.triwulan.map(crate::format::romawi).unwrap_or_default(),
                    a.melebihi.join("; ")
                ));
            }
            if !a.dari_bulan.is_empty() {
                ringkasan.push(format!(
                    "{} baris: realisasi triwulan di dokumen adalah jumlah realisasi bulanannya, sedangkan berkas ini hanya memberi jumlah triwulan, sehingga tidak diubah. Unggah laporan realisasi per bulan untuk mengubahnya. Baris: {}.",
                    a.dari_bulan.len(),
                    a.dari_bulan.join("; ")
                ));
            }
            ringkasan.push(
                "Berkas SIPD tidak menjadi template dokumen, dan triwulan laporan dokumen tidak berubah.".to_string(),
            );
        } else if let Some(q) = v
            .triwulan_berkas
            .filter(|&q| q > v.dokumen.triwulan.unwrap_or(0))
        {
            let now = v
                .dokumen
                .triwulan
                .map(|t| format!("Triwulan {}", crate::format::romawi(t)))
                .unwrap_or_else(|| "tanpa triwulan".into());
            ringkasan.push(format!(
                "Berkas ini laporan Triwulan {}; dokumen kini {now}. {bila}, dokumen menjadi laporan Triwulan {} (kolom 12–15 dan predikat dihitung s.d. triwulan itu).",
                crate::format::romawi(q),
                crate::format::romawi(q)
            ));
        }
        if !lain {
            ringkasan.push(format!(
                "{bila}, {} menjadi template dokumen: \u{201c}Unduh dalam template asli\u{201d} dan pengajuan mengisi berkas ini{}.",
                v.nama_berkas,
                if v.tidak_di_berkas > 0 {
                    " (baris dokumen yang tidak ada di berkas tidak ditulis)"
                } else {
                    ""
                }
            ));
        }
        if sipd.is_some() {
            ringkasan.push(
                "Nilai dokumen yang tidak ada di berkas SIPD (kinerja, narasi, triwulan lain) tetap.".to_string(),
            );
        } else if v.kosong_di_berkas > 0 {
            ringkasan.push(format!(
                "{} sel kosong di berkas tetapi berisi di dokumen: nilai dokumen tetap (sel kosong tidak menghapus).",
                v.kosong_di_berkas
            ));
        }
        let baru = v.baru.clone();
        let more_new = v.jumlah_baru.saturating_sub(baru.len());
        view! {
            <section class="kartu lebar" id="gabung">
                <Remah ws=ws.clone() here="Gabungkan berkas" />
                <h1>"Gabungkan " {v.nama_berkas.clone()} " ke dokumen " {v.dokumen.nama_berkas.clone()}</h1>
                <p class="keterangan">
                    "Belum ada yang disimpan. Di bawah ini setiap nilai berkas yang berbeda dari dokumen, "
                    "berdampingan, per kolom. Centang nilai yang Anda terima (atau terima satu kolom, atau "
                    "semuanya); yang tidak Anda terima tetap seperti di dokumen. Nilai yang diterima tercatat "
                    "di riwayat dokumen dengan nama berkas ini."
                </p>
                {error.map(|e| view! { <p class="galat-umum" role="alert" id="galat-gabung">{e}</p> })}
                <ul id="ringkasan-gabung">
                    {ringkasan.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ul>
                {sipd.clone().map(|a| view! { <Sipd a action=action.clone() /> })}
                {rencana.map(|r| {
                    let (id, judul) = if r.nama == "Renja" {
                        ("isi-berkas-renja", "Isi berkas Renja")
                    } else if r.nama == NAMA_KINERJA {
                        ("isi-berkas-kinerja", "Isi tabel tujuan, sasaran dan IKU")
                    } else {
                        ("isi-berkas-pk", "Isi berkas Perjanjian Kinerja")
                    };
                    view! { <IsiBerkas id=id judul ringkasan=r.ringkasan masalah=r.masalah /> }
                })}
                {(!baru.is_empty()).then(|| view! {
                    <details id="baris-baru">
                        <summary>"Baris baru di berkas"</summary>
                        <ul>
                            {baru.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                            {(more_new > 0).then(|| view! { <li>{format!("dan {more_new} baris lain")}</li> })}
                        </ul>
                    </details>
                })}
            </section>
            <form method="post" action=action id="form-gabung">
                <input type="hidden" name="versi" value=v.dokumen.versi.to_string() />
                {sipd.as_ref().and_then(|a| a.triwulan).map(|q| view! {
                    <input type="hidden" name=MERGE_QUARTER_FIELD value=q.to_string() />
                })}
                {(v.jumlah_baru > 0).then(|| view! {
                    <section class="kartu lebar" id="pilih-baris-baru">
                        <label>
                            <input type="checkbox" name=MERGE_NEW_ROWS_FIELD value="1" checked id="tambah-baris-baru" />
                            {format!(" Tambahkan {} baris baru dari berkas ke dokumen, beserta nilainya", v.jumlah_baru)}
                        </label>
                    </section>
                })}
                {v.kolom.into_iter().map(|k| view! { <Column k /> }).collect_view()}
                <section class="kartu lebar tindakan-pemetaan">
                    {(!v.lan).then(|| view! {
                        <label>"Nama Anda " <input name="oleh" id="oleh-gabung" maxlength="100" /></label>
                    })}
                    {if jumlah == 0 && lain && v.jumlah_baru == 0 {
                        ().into_any()
                    } else if jumlah == 0 && lain {
                        // Nothing differs, but the file has rows the document lacks (a PK's
                        // sasaran, a Renstra's tujuan and sasaran): they are what it adds.
                        view! {
                            <button type="submit" name="aksi" value="terima" id="terima-dipilih">
                                "Tambahkan baris yang dicentang"
                            </button>
                        }.into_any()
                    } else if jumlah == 0 {
                        view! {
                            <button type="submit" name="aksi" value="template" id="jadikan-template">
                                "Jadikan berkas ini template dokumen"
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="submit" name="aksi" value="terima" id="terima-dipilih" disabled={open == 0}>
                                "Terima yang dicentang"
                            </button>
                            <button type="submit" name="aksi" value="semua" id="terima-semua" disabled={open == 0}>
                                {format!("Terima semua ({open} nilai)")}
                            </button>
                        }.into_any()
                    }}
                    {if lain {
                        view! {
                            <button type="submit" name="aksi" value="pembanding" class="sekunder" id="simpan-pembanding">
                                "Simpan saja sebagai berkas pembanding"
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="submit" name="aksi" value="baru" class="sekunder" id="dokumen-baru">
                                "Simpan sebagai dokumen baru"
                            </button>
                        }.into_any()
                    }}
                    <button type="submit" name="aksi" value="batal" class="sekunder" id="batal-gabung">
                        {if open == 0 && v.jumlah_baru == 0 { "Selesai" } else { "Batal" }}
                    </button>
                </section>
            </form>
        }
    }

    /// The page of a Renja without a document: make the year's E.81 of it, or not.
    pub fn renja_page_html(v: BuatDariRenja, error: Option<String>, stylesheet: &str) -> String {
        let title = format!("Renja {} — Capaian", v.nama_berkas);
        let body = view! { <BuatRenja v error /> }.to_html();
        document(&title, stylesheet, body)
    }

    #[component]
    fn BuatRenja(v: BuatDariRenja, error: Option<String>) -> impl IntoView {
        let ws = v.workspace.clone();
        let action = merge_href(&ws.id, &v.unggahan);
        let beda_tahun = v.tahun.filter(|&y| y != ws.tahun).map(|y| {
            format!(
                "Perhatian: Renja ini tahun {y}, ruang kerja ini tahun {}. Pastikan berkasnya benar.",
                ws.tahun
            )
        });
        view! {
            <section class="kartu lebar" id="buat-dari-renja">
                <Remah ws=ws.clone() here="Renja" />
                <h1>{v.nama_berkas.clone()} " adalah Renja"</h1>
                <p class="keterangan">
                    "Belum ada yang disimpan. Berkas ini Renja (rencana program dan kegiatan), bukan "
                    "Formulir E.81. Capaian dapat membuat dokumen E.81 ruang kerja ini darinya: satu "
                    "baris per program, kegiatan dan sub kegiatan beserta indikatornya, dengan target "
                    "(kolom 7 K) dan pagu (kolom 7 Rp) dari Renja; realisasi triwulan masih kosong dan "
                    "diisi kemudian. Kolom 6 diisi dari laporan akhir tahun lalu bila ada. Untuk "
                    "membandingkan Renja ini dengan dokumen E.81 yang sudah ada, unggah di dokumen itu "
                    "(Masukkan ke dokumen itu)."
                </p>
                {error.map(|e| view! { <p class="galat-umum" role="alert" id="galat-renja">{e}</p> })}
                {beda_tahun.map(|t| view! { <p class="galat-umum" id="tahun-renja">{t}</p> })}
                <ul id="baris-renja">
                    {v.baris.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    {(!v.masalah.is_empty()).then(|| view! {
                        <li>{format!("{} masalah pembacaan (pagu yang tidak berjumlah, sel yang tidak terbaca, …): lihat Isi berkas Renja; semuanya ikut tercatat di dokumen.", v.masalah.len())}</li>
                    })}
                </ul>
                <IsiBerkas id="isi-berkas-renja" judul="Isi berkas Renja" ringkasan=v.ringkasan masalah=v.masalah />
            </section>
            <form method="post" action=action id="form-renja">
                <section class="kartu lebar tindakan-pemetaan">
                    <button type="submit" name="aksi" value="buat" id="buat-dokumen">
                        "Buat dokumen E.81 dari Renja ini"
                    </button>
                    <button type="submit" name="aksi" value="batal" class="sekunder" id="batal-renja">
                        "Batal"
                    </button>
                </section>
            </form>
        }
    }

    /// A SIPD export: the quarter its realisasi so far reaches (the person may choose another:
    /// the preview is computed again), what was read, and the reading's problems.
    #[component]
    fn Sipd(a: GabungAnggaran, action: String) -> impl IntoView {
        let chosen = a.triwulan;
        let masalah = a.masalah.clone();
        view! {
            {(a.ada_realisasi && !a.per_bulan).then(|| view! {
            <form method="get" action=action id="pilih-triwulan" class="pilih-triwulan">
                <label>
                    "Realisasi dalam berkas adalah realisasi s.d. akhir "
                    <select name=MERGE_QUARTER_FIELD id="triwulan-berkas">
                        {chosen.is_none().then(|| view! { <option value="" selected>"(belum dipilih)"</option> })}
                        {(1..=4u8).map(|q| view! {
                            <option value=q.to_string() selected=chosen == Some(q)>
                                {format!("Triwulan {}", crate::format::romawi(q))}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="sekunder" id="hitung-ulang">"Hitung ulang"</button>
            </form>
            })}
            {(!a.serapan.is_empty()).then(|| view! { <Serapan id="penyerapan-kas".to_string() rows=a.serapan.clone() /> })}
            <IsiBerkas id="isi-berkas-sipd" judul="Isi berkas SIPD" ringkasan=a.ringkasan masalah />
        }
    }

    /// Penyerapan TW = the document's realisasi of the quarter ÷ the file's anggaran kas of the
    /// quarter, beside realisasi ÷ pagu.
    #[component]
    pub(crate) fn Serapan(id: String, rows: Vec<BarisSerapan>) -> impl IntoView {
        view! {
            <details id=id open>
                <summary>"Penyerapan terhadap anggaran kas"</summary>
                <p class="keterangan">
                    "Realisasi triwulan di E.81 dibagi anggaran kas triwulan itu di berkas SIPD; di kolom terakhir, "
                    "realisasi sampai kini dibagi pagu (kolom 7 Rp). Arahkan penunjuk ke persentase untuk angkanya."
                </p>
                <table class="tabel-serapan">
                    <thead><tr>
                        <th>"Baris"</th><th>"TW I"</th><th>"TW II"</th><th>"TW III"</th><th>"TW IV"</th>
                        <th>"Realisasi ÷ pagu"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>
                                <td>{r.label}</td>
                                {r.triwulan.into_iter().map(|t| match t {
                                    Some((pct, angka)) => view! { <td class="angka" title=angka>{pct}</td> }.into_any(),
                                    None => view! { <td class="angka">"-"</td> }.into_any(),
                                }).collect_view()}
                                <td class="angka">{r.terhadap_pagu}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        }
    }

    /// What a file of another form holds, and its reading's problems, folded.
    #[component]
    fn IsiBerkas(
        id: &'static str,
        judul: &'static str,
        ringkasan: Vec<String>,
        masalah: Vec<(String, String)>,
    ) -> impl IntoView {
        view! {
            <details id=id>
                <summary>{judul}</summary>
                <ul>{ringkasan.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                {(!masalah.is_empty()).then(|| view! {
                    <p>{format!("{} masalah pembacaan:", masalah.len())}</p>
                    <ul class="masalah-berkas">
                        {masalah.into_iter().map(|(t, m)| view! { <li>{format!("[{t}] {m}")}</li> }).collect_view()}
                    </ul>
                })}
            </details>
        }
    }

    /// One column's differing values, file beside document.
    #[component]
    fn Column(k: KolomGabung) -> impl IntoView {
        let locked = k.terkunci.is_some();
        let more = k.jumlah.saturating_sub(k.sel.len());
        let kunci = k.kunci.clone();
        view! {
            <section class="kartu lebar kolom-gabung" data-kolom=k.kunci.clone()>
                <h2>{k.label.clone()} " · " {format!("{} nilai berbeda", k.jumlah)}</h2>
                {match k.terkunci.clone() {
                    Some(why) => view! { <p class="galat-umum">{why}</p> }.into_any(),
                    None => view! {
                        <label class="terima-kolom">
                            <input type="checkbox" name=MERGE_COLUMN_FIELD value=k.kunci.clone() />
                            " Terima semua nilai berkas di kolom ini"
                        </label>
                    }.into_any(),
                }}
                <div class="gulir">
                <table class="daftar gabung">
                    <thead><tr>
                        <th>"Terima"</th><th>"Baris"</th>
                        <th class="angka">"Di dokumen"</th><th class="angka">"Di berkas"</th>
                    </tr></thead>
                    <tbody>
                        {k.sel.into_iter().map(|s| {
                            let value = format!("{}:{}", s.baris, kunci);
                            let label = format!("Terima nilai berkas untuk {}", s.label);
                            view! {
                                <tr data-baris=s.baris.to_string()>
                                    <td><input type="checkbox" name=MERGE_CELL_FIELD value=value disabled=locked aria-label=label /></td>
                                    <td>{s.label}</td>
                                    <td class="angka">{s.sekarang}</td>
                                    <td class="angka berkas">{s.berkas}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                {(more > 0).then(|| view! {
                    <p class="keterangan">{format!("dan {more} nilai lain di kolom ini: ikut bila kolom ini (atau semua) diterima.")}</p>
                })}
            </section>
        }
    }
}
