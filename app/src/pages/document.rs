//! `/dokumen/:id`: the import report of a document and its rows, read-only, page by page.

use capaian_domain::e81::RowComputed;
use capaian_domain::model::{Problem, Row};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use rust_decimal::Decimal;

use crate::akses::{Aksi, Catatan, Langkah, Pelaku, Tahap};
use crate::api::get_document_view;
use crate::format::{
    angka, angka_opsional, nama_level, nama_tingkat, nilai_k, persen, romawi, tanggal,
};
use crate::grid::DocumentGrid;
use crate::pages::loaded;
use crate::types::{DocumentSummary, DocumentView, Submission};
use capaian_domain::wilayah::ZonaWaktu;

/// Query key of the page number.
pub const PAGE_QUERY: &str = "hal";
/// Query key of the notice an action form leaves after success.
pub const NOTICE_QUERY: &str = "pesan";
/// Query key of the reason an action form was refused.
pub const ACTION_ERROR_QUERY: &str = "galat";

/// Where a submission's file (`formulir` or `template`) downloads from: the stored bytes.
pub fn submission_file_href(id: &str, jenis: &str) -> String {
    format!("/api/v1/pengajuan/{id}/berkas/{jenis}")
}

/// Where the official Formulir E.81 of a document downloads from.
pub fn download_official_href(id: &str) -> String {
    format!("/dokumen/{id}/unduh/formulir")
}

/// Was the workbook uploaded as a legacy `.xls` (Excel 97–2003)? Its template is given back as
/// the official form in `.xlsx`.
pub fn is_legacy_xls(nama_berkas: &str) -> bool {
    nama_berkas.to_lowercase().ends_with(".xls")
}

/// Where the agency's own template, filled, downloads from.
pub fn download_template_href(id: &str) -> String {
    format!("/dokumen/{id}/unduh/template")
}

/// Where the document printed as the Perjanjian Kinerja of its programs downloads from.
pub fn download_pk_href(id: &str) -> String {
    format!("/dokumen/{id}/unduh/pk")
}

/// Where the document printed as the laporan capaian kinerja dan keuangan downloads from.
pub fn download_laporan_href(id: &str) -> String {
    format!("/dokumen/{id}/unduh/laporan")
}

/// Where the document printed as the Renja (rencana program dan kegiatan) downloads from.
pub fn download_renja_href(id: &str) -> String {
    format!("/dokumen/{id}/unduh/renja")
}

#[component]
pub fn DocumentPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        let page = query.with(|q| q.get(PAGE_QUERY).and_then(|p| p.parse().ok()).unwrap_or(1));
        (id, page)
    };
    let view_data = Resource::new(key, |(id, page)| get_document_view(id, page));
    let notice = move || query.with(|q| q.get(NOTICE_QUERY));
    let refused = move || query.with(|q| q.get(ACTION_ERROR_QUERY));
    view! {
        {move || notice().map(|m| view! { <p class="pesan-berhasil" id="pesan" role="status">{m}</p> })}
        {move || refused().map(|m| view! { <p class="galat-umum" id="galat-aksi" role="alert">{m}</p> })}
        {loaded(view_data, "Memuat dokumen…", |view| view! { <Report view /> })}
    }
}

#[component]
fn Report(view: DocumentView) -> impl IntoView {
    let s = view.summary;
    let ws = view.workspace;
    let periode = match (s.triwulan, s.tahun) {
        (Some(q), Some(y)) => format!("Triwulan {} Tahun {y}", romawi(q)),
        (None, Some(y)) => format!("Tahun {y} (triwulan tidak tertulis)"),
        (Some(q), None) => format!("Triwulan {} (tahun tidak tertulis)", romawi(q)),
        (None, None) => "Periode tidak tertulis di judul".into(),
    };
    let t = view.totals;
    let (errors, warnings, infos) = view.problem_counts;
    let total = errors + warnings + infos;
    let shown = view.problems.len() as u64;
    let formulir = capaian_domain::form::nama(&s.form);
    // The report above the sheet folds away (remembered in this browser) so the sheet has the
    // window.
    let report = NodeRef::<leptos::html::Details>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(details) = report.get() {
            if remembered_folded() {
                details.set_open(false);
            }
        }
    });
    let remember_report = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(details) = report.get_untracked() {
            remember_folded(!details.open());
        }
    };
    view! {
        <Title text=format!("{} — Capaian", s.nama_berkas) />
        <section class="kartu laporan-dokumen">
            <p class="remah">
                <a href="/">"Ruang kerja"</a> " › "
                <a href=format!("/ruang-kerja/{}", ws.id)>{ws.nama_pd.clone()} " " {ws.tahun}</a>
                " › " {s.nama_berkas.clone()}
            </p>
            <details id="laporan" open node_ref=report on:toggle=remember_report>
            <summary>
                <h1>{formulir.clone()} ": " {s.nama_berkas.clone()}</h1>
                <span class="ringkas" id="laporan-ringkas">
                    {format!(
                        "Pagu {} · Realisasi Rp {} · Capaian {} · {}",
                        crate::format::pagu(&t),
                        angka(t.realisasi_rp),
                        persen(t.rata_rata_capaian),
                        t.predikat.clone().unwrap_or_else(|| "-".into())
                    )}
                </span>
            </summary>
            <p class="keterangan" id="periode">
                {periode} " · sheet '" {s.sheet.clone()} "' · diimpor " {tanggal(&s.diimpor, s.zona)}
                {view.pd.map(|pd| format!(" · {pd}"))}
                {view.region.map(|r| format!(" · {r}"))}
            </p>
            <p class="unduhan">
                <a class="tombol" id="unduh-formulir" href=download_official_href(&s.id) download data-unduh="">
                    {format!("Unduh {formulir} (.xlsx)")}
                </a>
                {if is_legacy_xls(s.nama_template()) {
                    view! {
                        <a class="tombol sekunder" id="unduh-template" href=download_template_href(&s.id) download data-unduh="">
                            {format!("Unduh {formulir} sebagai .xlsx (template asli .xls)")}
                        </a>
                        <span class="redup" id="catatan-xls">
                            "Berkas asli berformat .xls (Excel 97–2003): Capaian tidak menulis ke format lama itu, "
                            {format!("jadi unduhan template memberi {formulir} resmi dalam .xlsx.")}
                        </span>
                    }.into_any()
                } else {
                    view! {
                        <a class="tombol sekunder" id="unduh-template" href=download_template_href(&s.id) download data-unduh="">
                            "Unduh dalam template asli"
                        </a>
                    }.into_any()
                }}
                <a class="tombol sekunder" id="unduh-renja" href=download_renja_href(&s.id) download data-unduh="">
                    "Unduh Renja"
                </a>
                <a class="tombol sekunder" id="unduh-pk" href=download_pk_href(&s.id) download data-unduh="">
                    "Unduh Perjanjian Kinerja"
                </a>
                <a class="tombol sekunder" id="unduh-laporan" href=download_laporan_href(&s.id) download data-unduh="">
                    "Unduh Laporan Triwulan"
                </a>
                {s.template.clone().map(|t| view! {
                    <span class="redup" id="catatan-template">
                        "Template: " {t} " (berkas terakhir yang digabungkan ke dokumen ini)."
                    </span>
                })}
            </p>
            <nav class="tautan-dokumen">
                <a id="ke-aktivitas" href=format!("/dokumen/{}/aktivitas", s.id)>"Aktivitas (riwayat ubahan)"</a>
                <a id="ke-perbedaan" href=format!("/dokumen/{}/perbedaan", s.id)>"Perubahan sejak pengajuan"</a>
                <a id="ke-anggaran" href=format!("/dokumen/{}/anggaran", s.id)>"Target murni vs perubahan"</a>
                <a id="ke-bidang" href=format!("/dokumen/{}/bidang", s.id)>"Pembagian bidang"</a>
                <span class="redup">"Versi " {s.versi}</span>
            </nav>
            <div class="ringkasan">
                <div class="angka-besar" id="jumlah-baris">
                    <strong>{s.baris}</strong><span>"baris terbaca"</span>
                    <ul class="per-level">
                        {view.level_counts.into_iter().filter(|(_, n)| *n > 0).map(|(level, n)| view! {
                            <li data-level=format!("{level:?}")>{nama_level(level)} ": " {n}</li>
                        }).collect_view()}
                    </ul>
                </div>
                <dl class="total" id="total">
                    <dt>"Pagu (Σ program)"</dt><dd id="total-pagu">{crate::format::pagu(&t)}</dd>
                    <dt>"Realisasi (Σ program)"</dt><dd id="total-realisasi">{format!("Rp {}", angka(t.realisasi_rp))}</dd>
                    <dt>"Penyerapan"</dt><dd id="total-penyerapan">{persen(t.penyerapan_pct)}</dd>
                    <dt>"Rata-rata capaian kinerja"</dt><dd id="total-capaian">{persen(t.rata_rata_capaian)}</dd>
                    <dt>"Predikat kinerja"</dt><dd id="total-predikat">{t.predikat.unwrap_or_else(|| "-".into())}</dd>
                    <dt>"Skala predikat"</dt><dd id="total-skala">{s.pengaturan.skala.scale().name().to_string()}</dd>
                </dl>
            </div>
            </details>
        </section>
        <DocumentGrid doc_id=s.id.clone() />
        <QuarterPanel summary=s.clone() pengajuan=view.pengajuan pelaku=view.pelaku.clone() />
        <NotesList catatan=view.catatan zona=s.zona />
        <section class="kartu">
            <h2 id="jumlah-masalah">"Masalah (" {errors} " galat, " {warnings} " peringatan, " {infos} " info)"</h2>
            {(shown < total).then(|| view! {
                <p class="keterangan" id="masalah-terpotong">
                    {format!("Ditampilkan {shown} dari {total} masalah, yang paling berat lebih dulu.")}
                </p>
            })}
            <ProblemTable problems=view.problems />
        </section>
        <section class="kartu lebar tabel-statis">
            <h2>"Isi dokumen"</h2>
            <Pager doc=s.id.clone() page=view.page pages=view.pages />
            <RowTable rows=view.rows />
            <Pager doc=s.id page=view.page pages=view.pages />
        </section>
    }
}

/// Where this browser remembers that the report above the sheet was folded.
#[cfg(feature = "hydrate")]
const REPORT_FOLDED_KEY: &str = "capaian.laporan-dilipat";

#[cfg(feature = "hydrate")]
fn remembered_folded() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(REPORT_FOLDED_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

#[cfg(feature = "hydrate")]
fn remember_folded(folded: bool) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(REPORT_FOLDED_KEY, if folded { "1" } else { "0" });
    }
}

#[component]
fn ProblemTable(problems: Vec<Problem>) -> impl IntoView {
    if problems.is_empty() {
        return view! { <p class="pesan-berhasil" id="tanpa-masalah">"Tidak ada masalah: setiap sel terbaca dan setiap jumlah cocok."</p> }.into_any();
    }
    view! {
        <table class="daftar masalah" id="daftar-masalah">
            <thead><tr><th>"Sheet"</th><th>"Sel"</th><th>"Tingkat"</th><th>"Pesan"</th></tr></thead>
            <tbody>
                {problems.into_iter().map(|p| view! {
                    <tr class=format!("tingkat-{}", nama_tingkat(p.severity).to_lowercase())>
                        <td>{p.at.sheet.unwrap_or_default()}</td>
                        <td class="sel">{p.at.cell.unwrap_or_default()}</td>
                        <td>{nama_tingkat(p.severity)}</td>
                        <td>{p.message}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn Pager(doc: String, page: u32, pages: u32) -> impl IntoView {
    (pages > 1).then(|| {
        let link = move |p: u32, label: String| {
            view! { <a href=format!("/dokumen/{doc}?{PAGE_QUERY}={p}")>{label}</a> }
        };
        view! {
            <nav class="halaman">
                {(page > 1).then(|| link(page - 1, "‹ Sebelumnya".into()))}
                <span>"Halaman " {page} " dari " {pages}</span>
                {(page < pages).then(|| link(page + 1, "Berikutnya ›".into()))}
            </nav>
        }
    })
}

#[component]
fn RowTable(rows: Vec<(Row, RowComputed)>) -> impl IntoView {
    view! {
        <div class="gulir">
        <table class="form-e81" id="tabel-dokumen">
            <thead>
                <tr>
                    <th rowspan="2">"Baris"</th>
                    <th rowspan="2">"Kode"</th>
                    <th rowspan="2">"Program / Kegiatan / Sub Kegiatan"</th>
                    <th rowspan="2">"Indikator"</th>
                    <th rowspan="2">"Satuan"</th>
                    <th colspan="2">"7. Target"</th>
                    <th colspan="2">"8. TW I"</th>
                    <th colspan="2">"9. TW II"</th>
                    <th colspan="2">"10. TW III"</th>
                    <th colspan="2">"11. TW IV"</th>
                    <th colspan="2">"12. Realisasi"</th>
                    <th colspan="2">"13. Capaian (%)"</th>
                    <th colspan="2">"14. Renstra s.d."</th>
                    <th colspan="2">"15. Capaian Renstra (%)"</th>
                </tr>
                <tr>
                    {(0..10).map(|_| view! { <th>"K"</th><th>"Rp"</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|(r, c)| {
                    let pair = |k: Option<&capaian_domain::model::KValue>, rp: Option<Decimal>| view! {
                        <td class="angka">{nilai_k(k)}</td><td class="angka">{angka_opsional(rp)}</td>
                    };
                    let pct = |k: Option<&capaian_domain::model::KValue>, rp: Option<Decimal>| {
                        let k = match k {
                            Some(capaian_domain::model::KValue::Number(n)) => persen(Some(*n)),
                            other => nilai_k(other),
                        };
                        view! { <td class="angka">{k}</td><td class="angka">{persen(rp)}</td> }
                    };
                    let level_class = crate::format::kelas_level(r.level);
                    view! {
                        <tr class=level_class data-row=r.sheet_row>
                            <td class="angka redup">{r.sheet_row}</td>
                            <td class="kode">{r.kode_shown().unwrap_or_default().to_string()}</td>
                            <td>{r.name.clone()}</td>
                            <td>{r.indicator.clone()}</td>
                            <td>{r.unit.clone().unwrap_or_default()}</td>
                            {pair(r.target.k.as_ref(), r.target.rp)}
                            {r.tw.iter().map(|p| pair(p.k.as_ref(), p.rp)).collect_view()}
                            {pair(c.c12.k.as_ref(), c.c12.rp)}
                            {pct(c.c13.k.as_ref(), c.c13.rp)}
                            {pair(c.c14.k.as_ref(), c.c14.rp)}
                            {pct(c.c15.k.as_ref(), c.c15.rp)}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

/// Per quarter: its stage, the files of its final submissions, and the steps the person may
/// take. On a single PC: *Ajukan* (final, frozen) and *Buka kunci*. On a LAN the workflow:
/// Draf → Diajukan (perencana) → Disetujui or back to Draf with notes (kepala) → Final.
#[component]
fn QuarterPanel(
    summary: DocumentSummary,
    pengajuan: Vec<Submission>,
    pelaku: Pelaku,
) -> impl IntoView {
    let doc = summary.id.clone();
    let lan = !pelaku.is_lokal();
    let formulir = capaian_domain::form::nama(&summary.form);
    let quarters = (1u8..=4).map(|q| {
        let tahap = summary.tahap(q);
        let locked = tahap.terkunci();
        let mine: Vec<Submission> = pengajuan.iter().filter(|s| s.triwulan == q).cloned().collect();
        let status = match (tahap, mine.last()) {
            (Tahap::Final, Some(s)) => format!(
                "Final {} oleh {} (revisi {}). Terkunci.",
                tanggal(&s.waktu, summary.zona), s.oleh, s.revisi
            ),
            (Tahap::Final, None) => "Final. Terkunci.".to_string(),
            (Tahap::Diajukan, _) => "Diajukan: menunggu verifikasi Kepala PD. Nilainya terkunci.".to_string(),
            (Tahap::Disetujui, _) => "Disetujui Kepala PD: siap difinalkan. Nilainya terkunci.".to_string(),
            (Tahap::Draf, Some(_)) => "Draf (kunci dibuka): perbaiki lalu ajukan ulang.".to_string(),
            (Tahap::Draf, None) => "Draf: belum diajukan.".to_string(),
        };
        let step = |langkah: Langkah, label: &'static str, note: bool| {
            let id = format!("{}-tw{q}", langkah.key());
            view! {
                <form method="post" action=format!("/dokumen/{doc}/alur") class="aksi" data-proses="Memproses…">
                    <input type="hidden" name="triwulan" value=q.to_string() />
                    <input type="hidden" name="langkah" value=langkah.key() />
                    {note.then(|| view! {
                        <label>"Catatan untuk perencana (wajib)"
                            <textarea name="alasan" required minlength="5" rows="2" id=format!("alasan-{id}")></textarea>
                        </label>
                    })}
                    <button type="submit" id=id class=if note { "sekunder" } else { "" }>{label} " Triwulan " {romawi(q)}</button>
                </form>
            }
        };
        let mut actions = Vec::new();
        if lan {
            if tahap == Tahap::Draf && pelaku.boleh(Aksi::Ajukan) {
                actions.push(step(Langkah::Ajukan, "Ajukan untuk verifikasi", false).into_any());
            }
            if tahap == Tahap::Diajukan && pelaku.boleh(Aksi::Setujui) {
                actions.push(step(Langkah::Setujui, "Setujui", false).into_any());
                actions.push(step(Langkah::Kembalikan, "Kembalikan", true).into_any());
            }
            if tahap == Tahap::Disetujui && pelaku.boleh(Aksi::Finalkan) {
                actions.push(view! {
                    <form method="post" action=format!("/dokumen/{doc}/ajukan") class="aksi" data-proses="Membekukan dan menulis berkas…">
                        <input type="hidden" name="triwulan" value=q.to_string() />
                        <button type="submit" id=format!("finalkan-tw{q}")>"Finalkan Triwulan " {romawi(q)}</button>
                    </form>
                }.into_any());
            }
        } else if !locked {
            actions.push(view! {
                <form method="post" action=format!("/dokumen/{doc}/ajukan") class="aksi" data-proses="Membekukan dan menulis berkas…">
                    <input type="hidden" name="triwulan" value=q.to_string() />
                    <label>"Nama Anda" <input name="oleh" required maxlength="100" /></label>
                    <button type="submit">"Ajukan Triwulan " {romawi(q)}</button>
                </form>
            }.into_any());
        }
        if locked && pelaku.boleh(Aksi::BukaKunci) {
            actions.push(view! {
                <form method="post" action=format!("/dokumen/{doc}/buka-kunci") class="aksi">
                    <input type="hidden" name="triwulan" value=q.to_string() />
                    {(!lan).then(|| view! { <label>"Nama Anda" <input name="oleh" required maxlength="100" /></label> })}
                    <label>"Alasan buka kunci" <input name="alasan" required minlength="5" /></label>
                    <button type="submit" class="sekunder" id=format!("buka-kunci-tw{q}")>"Buka kunci Triwulan " {romawi(q)}</button>
                </form>
            }.into_any());
        }
        view! {
            <div class="triwulan" id=format!("tw-{q}") data-terkunci=locked.to_string() data-tahap=format!("{tahap:?}").to_lowercase()>
                <h3>"Triwulan " {romawi(q)} " " <span class=format!("tahap tahap-{}", format!("{tahap:?}").to_lowercase())>{tahap.label()}</span></h3>
                <p class="status">{status}</p>
                <ul class="berkas-pengajuan">
                    {mine.into_iter().rev().map(|s| view! {
                        <li>
                            {format!("Revisi {} ({}): ", s.revisi, tanggal(&s.waktu, summary.zona))}
                            {s.berkas.into_iter().map(|f| {
                                let label = match f.jenis.as_str() {
                                    "formulir" => formulir.clone(),
                                    "laporan" => "laporan triwulan".to_string(),
                                    _ => "template asli".to_string(),
                                };
                                view! {
                                    <a href=submission_file_href(&s.id, &f.jenis) download title=format!("SHA-256 {}", f.sha256)>
                                        {label}
                                    </a>
                                    " "
                                }
                            }).collect_view()}
                        </li>
                    }).collect_view()}
                </ul>
                {actions}
            </div>
        }
    }).collect_view();
    let explain = if lan {
        "Alur per triwulan: perencana mengajukan (nilai terkunci), Kepala PD menyetujui atau mengembalikan "
    } else {
        "Mengajukan membekukan dokumen saat itu beserta berkas .xlsx-nya (dengan sidik SHA-256); "
    };
    let explain2 = if lan {
        "dengan catatan per baris (kembali ke Draf), lalu perencana memfinalkan: dokumen dan berkasnya dibekukan dengan sidik SHA-256."
    } else {
        "nilai triwulan itu terkunci sampai kuncinya dibuka dengan alasan yang dicatat."
    };
    view! {
        <section class="kartu" id="triwulan">
            <h2>"Pengajuan per triwulan"</h2>
            <p class="keterangan">{explain} {explain2}</p>
            <div class="kisi-triwulan">{quarters}</div>
        </section>
    }
}

/// Verifiers' notes on rows, listed under the quarters (the grid marks the rows too).
#[component]
fn NotesList(catatan: Vec<(Catatan, String)>, zona: ZonaWaktu) -> impl IntoView {
    (!catatan.is_empty()).then(|| {
        view! {
            <section class="kartu" id="catatan-verifikasi">
                <h2>"Catatan verifikasi"</h2>
                <ul class="daftar-catatan">
                    {catatan.into_iter().map(|(c, label)| view! {
                        <li data-baris=c.baris data-tw=c.triwulan>
                            <strong>{label}</strong> " — " {c.label()}
                            <span class="redup">" · " {tanggal(&c.waktu, zona)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
