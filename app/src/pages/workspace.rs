//! `/ruang-kerja/:id`: one workspace, its documents, and the upload of an E.81 workbook.
//!
//! The upload is a plain multipart POST to an Axum route (large files do not go through server
//! functions); it answers with a redirect to the new document, or back here with the reason.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::get_workspace_overview;
use crate::format::tanggal;
use crate::pages::loaded;
use crate::types::{DocumentSummary, Workspace, WorkspaceOverview};
use capaian_domain::wilayah::ZonaWaktu;
use capaian_domain::workspace::format_nip;

/// Query key for the reason an upload was refused.
pub const UPLOAD_ERROR_QUERY: &str = "galat";
/// The multipart field holding the file.
pub const UPLOAD_FIELD: &str = "berkas";
/// Largest workbook accepted, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 50 * 1024 * 1024;

/// Query key of the notice the settings form leaves after saving.
pub const SETTINGS_NOTICE_QUERY: &str = "pesan";
/// Query key of the reason the settings form was refused.
pub const SETTINGS_ERROR_QUERY: &str = "galat-pengaturan";

/// Where a workspace's settings form posts to.
pub fn settings_action(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/pengaturan")
}

/// Where a workspace's upload form posts to.
pub fn upload_action(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/unggah")
}

#[component]
pub fn WorkspacePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let query = use_query_map().get_untracked();
    let upload_error = query.get(UPLOAD_ERROR_QUERY);
    let notice = query.get(SETTINGS_NOTICE_QUERY);
    let settings_error = query.get(SETTINGS_ERROR_QUERY);
    let overview = Resource::new(id, get_workspace_overview);
    view! {
        {notice.map(|m| view! { <p class="pesan-berhasil" id="pesan" role="status">{m}</p> })}
        {settings_error.map(|m| view! { <p class="galat-umum" id="galat-pengaturan" role="alert">{m}</p> })}
        {loaded(overview, "Memuat…", move |o| {
            view! { <Overview overview=o upload_error=upload_error.clone() /> }
        })}
    }
}

/// The workspace's settings: the office's time zone (by default from its kabupaten/kota's
/// province), in which every time is shown.
#[component]
fn Settings(ws: Workspace, may_change: bool) -> impl IntoView {
    let provinsi = capaian_domain::wilayah::provinsi_of(&ws.kabupaten);
    let asal = match (ws.zona_dipilih, provinsi) {
        (true, _) => "dipilih di sini".to_string(),
        (false, Some(p)) => format!("bawaan dari provinsi {} ({})", p.nama, ws.kabupaten),
        (false, None) => format!(
            "bawaan: provinsi '{}' tidak dikenali, pilih zona yang benar",
            ws.kabupaten
        ),
    };
    view! {
        <section class="kartu" id="pengaturan">
            <h2>"Pengaturan ruang kerja"</h2>
            <form method="post" action=settings_action(&ws.id) class="pengaturan">
                <label>"Zona waktu kantor "
                    <select name="zona" id="zona" disabled=!may_change>
                        {ZonaWaktu::ALL.into_iter().map(|z| view! {
                            <option value=z.key() selected=z == ws.zona>{z.label()}</option>
                        }).collect_view()}
                    </select>
                </label>
                {may_change.then(|| view! { <button type="submit" id="simpan-pengaturan">"Simpan"</button> })}
                <span class="redup" id="asal-zona">{asal}</span>
            </form>
        </section>
    }
}

#[component]
fn Overview(overview: WorkspaceOverview, upload_error: Option<String>) -> impl IntoView {
    let ws = overview.workspace;
    let title = format!("{} {} — Capaian", ws.nama_pd, ws.tahun);
    let may_upload = overview.pelaku.boleh(crate::akses::Aksi::Unggah);
    let may_change = overview.pelaku.boleh(crate::akses::Aksi::AturRuangKerja);
    view! {
        <Title text=title />
        <section class="kartu">
            <p class="remah"><a href="/">"Ruang kerja"</a> " › " {ws.nama_pd.clone()} " " {ws.tahun}</p>
            <h1>{ws.nama_pd.clone()}</h1>
            <p class="keterangan">
                {ws.kabupaten.clone()} " · Tahun anggaran " {ws.tahun} " · Kepala: " {ws.kepala_nama.clone()}
                " (NIP " {format_nip(&ws.kepala_nip)} ")"
            </p>
        </section>
        {may_upload.then(|| view! {
        <section class="kartu">
            <h2>"Unggah Formulir E.81"</h2>
            <p class="keterangan">
                "Pilih workbook E.81 yang sudah Anda punya (.xlsx, atau .xls dari Excel 97–2003; paling "
                "besar 50 MB). Capaian membaca kolomnya dari judul dan isinya, lalu menampilkan pembacaannya "
                "untuk Anda periksa bila tata letaknya baru; setelah itu ia menghitung kolom 12–15, jumlah "
                "per program, penyerapan dan predikat, dan menandai sel yang tidak terbaca atau tidak cocok."
            </p>
            {upload_error.map(|e| view! { <p class="galat-umum" role="alert" id="galat-unggah">{e}</p> })}
            <form method="post" action=upload_action(&ws.id) enctype="multipart/form-data" id="form-unggah" class="unggah" data-unggah="">
                <input type="file" name=UPLOAD_FIELD id="berkas" required
                    accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel" />
                <button type="submit">"Unggah dan baca"</button>
            </form>
        </section>
        })}
        <section class="kartu">
            <h2>"Dokumen"</h2>
            <DocumentList documents=overview.documents />
        </section>
        <SavedMappings mappings=overview.pemetaan ws=ws.clone() />
        <Settings ws=ws.clone() may_change />
    }
}

/// The column mappings the workspace remembers, each linking to its page (review, change,
/// forget).
#[component]
fn SavedMappings(mappings: Vec<crate::types::RingkasanPemetaan>, ws: Workspace) -> impl IntoView {
    let list = if mappings.is_empty() {
        view! {
            <p class="kosong">
                "Belum ada. Saat Anda mengunggah workbook bertata letak baru, Capaian menampilkan "
                "pembacaannya untuk Anda periksa; pemetaan yang Anda konfirmasi tersimpan di sini, "
                "dan berkas bertata letak sama berikutnya langsung terbaca."
            </p>
        }
        .into_any()
    } else {
        view! {
            <ul id="daftar-pemetaan">
                {mappings.into_iter().map(|m| {
                    let href = crate::pages::pemetaan::saved_mapping_action(&ws.id, &m.id);
                    let text = format!(
                        "Sheet '{}' (pertama dari {}) · {} kolom · oleh {}, {} · versi {}",
                        m.sheet, m.nama_berkas, m.kolom, m.oleh, tanggal(&m.waktu, ws.zona), m.versi
                    );
                    view! { <li><a href=href>{text}</a></li> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="kartu" id="pemetaan-tersimpan">
            <h2>"Pemetaan kolom tersimpan"</h2>
            {list}
        </section>
    }
}

#[component]
fn DocumentList(documents: Vec<DocumentSummary>) -> impl IntoView {
    if documents.is_empty() {
        return view! { <p class="kosong">"Belum ada dokumen. Unggah Formulir E.81 di atas."</p> }
            .into_any();
    }
    view! {
        <table class="daftar" id="daftar-dokumen">
            <thead><tr>
                <th>"Berkas"</th><th>"Formulir"</th><th class="angka">"Tahun"</th>
                <th class="angka">"Triwulan"</th><th class="angka">"Baris"</th>
                <th class="angka">"Masalah"</th><th>"Diimpor"</th>
                <th class="angka">"Versi"</th><th>"Terkunci (diajukan)"</th>
            </tr></thead>
            <tbody>
                {documents.into_iter().map(|d| view! {
                    <tr>
                        <td><a href=format!("/dokumen/{}", d.id)>{d.nama_berkas}</a></td>
                        <td>{d.form}</td>
                        <td class="angka">{d.tahun.map(|t| t.to_string()).unwrap_or_default()}</td>
                        <td class="angka">{d.triwulan.map(crate::format::romawi).unwrap_or_default()}</td>
                        <td class="angka">{d.baris}</td>
                        <td class="angka">{d.masalah}</td>
                        <td>{tanggal(&d.diimpor, d.zona)}</td>
                        <td class="angka">{d.versi}</td>
                        <td class="terkunci">{
                            d.kunci.iter().map(|q| format!("TW {}", crate::format::romawi(*q))).collect::<Vec<_>>().join(", ")
                        }</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
