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
/// Field of the upload form naming the document the file merges into (`baru`: a new one).
pub const UPLOAD_TARGET_FIELD: &str = "tujuan";
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

/// Where a workspace's computation settings form posts to.
pub fn calc_settings_action(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/pengaturan-perhitungan")
}

/// How many rows the settings form offers for a custom scale.
pub const SCALE_ROWS: usize = 8;
/// The field names of row `i` of a custom scale: lower bound, upper bound, predikat, code.
pub fn scale_fields(i: usize) -> [String; 4] {
    [
        format!("dari-{i}"),
        format!("sampai-{i}"),
        format!("predikat-{i}"),
        format!("kode-{i}"),
    ]
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

/// The workspace page's charts of its newest document (plain HTML and SVG the server renders,
/// carried with the overview: none of it in the wasm bundle): capaian per program (and per
/// sasaran, when the document has its performance tree) over the scale's bands, and the cumulative penyerapan per quarter against the pagu and the anggaran
/// kas (`capaian_domain::grafik`). `dokumen`: the document's id and file name.
#[cfg(feature = "ssr")]
pub fn grafik_card_html(dokumen: (&str, &str), svg: &capaian_domain::grafik::GrafikSvg) -> String {
    use crate::grid::clipboard::escape_html as esc;
    format!(
        "<section class=\"kartu lebar\" id=\"kartu-grafik\"><h2>Grafik</h2>\
         <p class=\"keterangan\">Dari dokumen <a href=\"/dokumen/{id}\">{nama}</a> sebagaimana tersimpan \
         sekarang. Grafik yang sama ada di sheet Grafik pada Formulir E.81 yang diunduh.</p>\
         <div class=\"grafik\" id=\"grafik-capaian\">{capaian}</div>{sasaran}\
         <div class=\"grafik\" id=\"grafik-serapan\">{serapan}</div></section>",
        id = esc(dokumen.0),
        nama = esc(dokumen.1),
        capaian = svg.capaian,
        sasaran = svg
            .sasaran
            .as_ref()
            .map(|s| format!("<div class=\"grafik\" id=\"grafik-sasaran\">{s}</div>"))
            .unwrap_or_default(),
        serapan = svg.serapan,
    )
}

/// Where a workspace's T-C.29 downloads from.
pub fn tc29_href(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/unduh/tc29")
}

/// The workspace page's card of the documents derived from earlier years (plain HTML the
/// server renders, carried with the overview like the settings form: none of it in the wasm
/// bundle): the T-C.29 of the next year's Renja, and which of the years it needs Capaian has
/// (`earlier`: the PD's workspaces of the year before and the year before that, when they
/// exist).
#[cfg(feature = "ssr")]
pub fn derived_card_html(ws: &Workspace, earlier: [bool; 2]) -> String {
    use crate::grid::clipboard::escape_html as esc;
    let y = ws.tahun;
    let ada = |b: bool| if b { "ada" } else { "belum ada" };
    format!(
        "<section class=\"kartu\" id=\"kartu-turunan\"><h2>Dokumen turunan</h2>\
         <p class=\"keterangan\">T-C.29 Renja {n}: rekapitulasi evaluasi hasil pelaksanaan Renja \
         dan pencapaian Renstra s.d. {y}, disusun dari Formulir E.81 final tahun-tahun sebelumnya \
         dan target tahun ini, dengan rumus hidup.</p>\
         <ul class=\"redup\" id=\"tahun-tc29\"><li>Realisasi {y2} (kolom 6–7): ruang kerja {pd} {y2} \
         — {a2}</li><li>Realisasi s.d. {y3} (kolom 5): ruang kerja {pd} {y3} — {a3} (bila tidak ada, \
         diambil dari kolom 6 Formulir E.81 {y2})</li><li>Target {y} (kolom 9): dokumen ruang kerja ini</li></ul>\
         <p class=\"keterangan\">Tahun yang belum ada: buat ruang kerja PD ini untuk tahun itu dan \
         impor Formulir E.81 finalnya.</p>\
         <p><a class=\"tombol sekunder\" id=\"tautan-tc29\" href=\"{page}\">T-C.29 Renja {n}</a> \
         <a class=\"tombol sekunder\" id=\"unduh-tc29\" href=\"{href}\" download>Unduh T-C.29 Renja {n}</a></p>\
         <p class=\"keterangan\">LKjIP {y} Bab III: capaian IKU dari sasaran dan IKU dokumen \
         (terhadap target PK, tahun lalu dan target akhir Renstra, efisiensi) dan realisasi \
         anggaran per program, kegiatan dan sub kegiatan — tiap tabel dapat disalin ke Word.</p>\
         <p><a class=\"tombol sekunder\" id=\"tautan-lkjip\" href=\"{lkjip}\">LKjIP Bab III</a></p>\
         </section>",
        n = y + 1,
        y2 = y - 1,
        y3 = y - 2,
        pd = esc(&ws.nama_pd),
        a2 = ada(earlier[0]),
        a3 = ada(earlier[1]),
        href = esc(&tc29_href(&ws.id)),
        lkjip = esc(&crate::pages::turunan::lkjip_href(&ws.id)),
        page = esc(&crate::pages::turunan::tc29_page_href(&ws.id)),
    )
}

/// How capaian is computed and rated in the workspace: the scale (Permendagri 86, SAKIP or
/// the workspace's own bands), the 100 % cap and the low-capaian threshold, with the form that
/// changes them. Used alike by the grid, the pages, the exported form and the filled template.
/// Rendered by the server alone (a plain form; none of it is in the wasm bundle), carried to
/// the page in [`WorkspaceOverview::pengaturan_html`].
#[cfg(feature = "ssr")]
pub fn calc_settings_html(ws: &Workspace, may_change: bool) -> String {
    use crate::grid::clipboard::escape_html as esc;
    use capaian_domain::pengaturan::{BarisSkala, PilihanSkala};
    use std::fmt::Write;
    let p = &ws.pengaturan;
    let scale = p.skala.scale();
    let chosen = p.skala.key();
    let mut h = String::new();
    let _ = write!(
        h,
        "<section class=\"kartu\" id=\"pengaturan-perhitungan\"><h2>Perhitungan capaian</h2>\
         <p class=\"keterangan\" id=\"ringkasan-pengaturan\">{}</p><ul class=\"rentang-skala\" id=\"rentang-skala\">",
        esc(&p.ringkasan())
    );
    for b in scale.bands() {
        let edge = |v: Option<rust_decimal::Decimal>, sign: &str| {
            v.map(|v| format!("{sign} {}", crate::format::angka(v.normalize())))
        };
        let range = [
            edge(b.lower, if b.lower_inclusive { "≥" } else { ">" }),
            edge(b.upper, if b.upper_inclusive { "≤" } else { "<" }),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" dan ");
        let name = match &b.code {
            Some(code) => format!("{} ({code})", b.label),
            None => b.label.clone(),
        };
        let _ = write!(h, "<li>{}: capaian {}</li>", esc(&name), esc(&range));
    }
    h.push_str("</ul>");
    if may_change {
        let _ = write!(
            h,
            "<form method=\"post\" action=\"{}\" class=\"pengaturan-perhitungan\">\
             <input type=\"hidden\" name=\"versi\" value=\"{}\">\
             <label>Skala predikat <select name=\"skala\" id=\"skala\">",
            esc(&calc_settings_action(&ws.id)),
            ws.pengaturan_versi
        );
        for k in PilihanSkala::KEYS {
            let _ = write!(
                h,
                "<option value=\"{k}\"{}>{}</option>",
                if k == chosen { " selected" } else { "" },
                esc(PilihanSkala::label_of(k))
            );
        }
        let _ = write!(
            h,
            "</select></label><details{}><summary>Skala sendiri: rentang capaian (dari ≤ capaian &lt; \
             sampai; kosongkan batas paling bawah/atas bila tak terbatas)</summary>\
             <label>Nama skala <input name=\"nama-skala\" value=\"{}\"></label>\
             <table class=\"skala-sendiri\"><thead><tr><th>Dari (%)</th><th>Sampai (%)</th>\
             <th>Predikat</th><th>Kode</th></tr></thead><tbody>",
            if chosen == "kustom" { " open" } else { "" },
            esc(scale.name())
        );
        let mut rows = BarisSkala::of(&scale);
        rows.resize(SCALE_ROWS.max(rows.len()), BarisSkala::default());
        for (i, r) in rows.iter().enumerate() {
            let [dari, sampai, predikat, kode] = scale_fields(i);
            let _ = write!(
                h,
                "<tr><td><input name=\"{dari}\" value=\"{}\" inputmode=\"decimal\" size=\"6\"></td>\
                 <td><input name=\"{sampai}\" value=\"{}\" inputmode=\"decimal\" size=\"6\"></td>\
                 <td><input name=\"{predikat}\" value=\"{}\"></td>\
                 <td><input name=\"{kode}\" value=\"{}\" size=\"4\"></td></tr>",
                esc(&r.dari),
                esc(&r.sampai),
                esc(&r.predikat),
                esc(&r.kode)
            );
        }
        let _ = write!(
            h,
            "</tbody></table></details>\
             <label><input type=\"checkbox\" name=\"batas-100\" id=\"batas-100\"{}> Batasi capaian paling tinggi 100%</label>\
             <label>Ambang capaian rendah (%) <input name=\"ambang\" id=\"ambang\" inputmode=\"decimal\" size=\"6\" value=\"{}\"></label>\
             <span class=\"redup\">Capaian di bawah ambang (atau di bawah rentang Sedang) perlu faktor penghambat.</span>\
             <button type=\"submit\" id=\"simpan-perhitungan\">Simpan pengaturan perhitungan</button></form>",
            if p.batas_100 { " checked" } else { "" },
            esc(&crate::format::angka(p.ambang_rendah.normalize()))
        );
    }
    h.push_str("</section>");
    h
}

#[component]
fn Overview(overview: WorkspaceOverview, upload_error: Option<String>) -> impl IntoView {
    let ws = overview.workspace;
    let title = format!("{} {} — Capaian", ws.nama_pd, ws.tahun);
    let may_upload = overview.pelaku.boleh(crate::akses::Aksi::Unggah);
    let may_change = overview.pelaku.boleh(crate::akses::Aksi::AturRuangKerja);
    // A file uploaded into a workspace that has documents merges into the newest by default:
    // its values that differ are shown beside the document's before anything is stored.
    let newest = overview
        .documents
        .iter()
        .max_by(|a, b| a.diimpor.cmp(&b.diimpor))
        .map(|d| d.id.clone());
    let targets: Vec<(String, String)> = overview
        .documents
        .iter()
        .map(|d| (d.id.clone(), d.nama_berkas.clone()))
        .collect();
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
                "per program, penyerapan dan predikat, dan menandai sel yang tidak terbaca atau tidak cocok. "
                "Bila ruang kerja sudah punya dokumen (misalnya berkas triwulan lalu), berkas baru digabungkan "
                "ke dokumen itu: setiap nilai yang berbeda ditampilkan berdampingan untuk Anda terima atau tolak. "
                "Ekspor SIPD (rekapitulasi belanja, realisasi, anggaran kas) juga dapat diunggah ke dokumen "
                "E.81: pagu dan realisasinya dibandingkan per program, kegiatan dan sub kegiatan. Renja "
                "(rencana program dan kegiatan) juga: target dan pagunya dibandingkan dengan kolom 7, atau, "
                "tanpa dokumen, menjadi dokumen E.81 tahun ini setelah Anda setujui."
            </p>
            {upload_error.map(|e| view! { <p class="galat-umum" role="alert" id="galat-unggah">{e}</p> })}
            <form method="post" action=upload_action(&ws.id) enctype="multipart/form-data" id="form-unggah" class="unggah" data-unggah="">
                <input type="file" name=UPLOAD_FIELD id="berkas" required
                    accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel" />
                {(!targets.is_empty()).then(|| view! {
                    <label>"Masukkan ke "
                        <select name=UPLOAD_TARGET_FIELD id="tujuan">
                            {targets.into_iter().map(|(id, nama)| {
                                let selected = newest.as_deref() == Some(id.as_str());
                                view! {
                                    <option value=id selected=selected>
                                        {format!("dokumen {nama} (gabungkan; perbedaan ditampilkan dulu)")}
                                    </option>
                                }
                            }).collect_view()}
                            <option value="baru">"dokumen baru"</option>
                        </select>
                    </label>
                })}
                <button type="submit">"Unggah dan baca"</button>
            </form>
        </section>
        })}
        <section class="kartu">
            <h2>"Dokumen"</h2>
            <DocumentList documents=overview.documents />
        </section>
        <SavedMappings mappings=overview.pemetaan ws=ws.clone() />
        <div inner_html=overview.pengaturan_html></div>
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
