//! A document's history: its activity (every event, by row and person), the cells changed
//! between two points (*perubahan sejak pengajuan*), and targets murni vs perubahan.
//!
//! These pages have nothing to interact with but links and GET forms: the server renders them
//! whole ([`activity_html`], [`diff_html`], [`budget_html`] → [`HalamanServer`]) and the bundle
//! only places the HTML, so none of their tables' code is in the wasm.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{get_activity, get_budget, get_diff};
use crate::pages::loaded;
use crate::types::HalamanServer;
#[cfg(feature = "ssr")]
use {
    crate::format::{angka_opsional, nilai_k, romawi, tanggal, tanggal_jam},
    crate::types::{ActivityView, BudgetView, DiffView, Event, EventKind},
    capaian_domain::edit,
    capaian_domain::model::Pair,
};

fn param(name: &'static str) -> impl Fn() -> String + Copy {
    let params = use_params_map();
    move || params.with(|p| p.get(name).unwrap_or_default())
}

/// A page the server rendered: its title, and its HTML placed as it is.
fn halaman(h: HalamanServer) -> impl IntoView {
    view! {
        <Title text=h.judul />
        <div class="halaman-server" inner_html=h.html></div>
    }
}

/// Renders one of this module's views to HTML on the server.
#[cfg(feature = "ssr")]
fn render(judul: String, view: impl leptos::tachys::view::RenderHtml) -> HalamanServer {
    HalamanServer {
        judul,
        html: view.to_html(),
    }
}

/// The activity page of `view`, rendered.
#[cfg(feature = "ssr")]
pub fn activity_html(view: ActivityView) -> HalamanServer {
    render(
        format!("Aktivitas — {}", view.dokumen.nama_berkas),
        view! { <Activity view /> },
    )
}

/// The *perubahan sejak pengajuan* page of `view`, rendered.
#[cfg(feature = "ssr")]
pub fn diff_html(view: DiffView) -> HalamanServer {
    render(
        format!("Perubahan — {}", view.dokumen.nama_berkas),
        view! { <Diff view /> },
    )
}

/// The *target murni vs perubahan* page of `view`, rendered.
#[cfg(feature = "ssr")]
pub fn budget_html(view: BudgetView) -> HalamanServer {
    render(
        format!("Target murni vs perubahan — {}", view.dokumen.nama_berkas),
        view! { <Budget view /> },
    )
}

/// The breadcrumb back to the document.
#[cfg(feature = "ssr")]
#[component]
fn BackToDocument(id: String, name: String) -> impl IntoView {
    view! {
        <p class="remah">
            <a href="/">"Ruang kerja"</a> " › "
            <a href=format!("/dokumen/{id}")>{name}</a>
        </p>
    }
}

/// What an event did, in a sentence.
#[cfg(feature = "ssr")]
fn describe(e: &Event) -> String {
    let q = e.triwulan.map(romawi).unwrap_or_default();
    match e.jenis {
        EventKind::Ubah => {
            let kolom = e.kolom.map(|c| c.label()).unwrap_or_default();
            let lama = e.lama.as_ref().map(edit::display).unwrap_or_default();
            let baru = e.baru.as_ref().map(edit::display).unwrap_or_default();
            let show = |v: String| {
                if v.is_empty() {
                    "(kosong)".to_string()
                } else {
                    v
                }
            };
            match &e.sumber {
                Some(berkas) => format!(
                    "{kolom}: {} → {} (dari berkas {berkas})",
                    show(lama),
                    show(baru)
                ),
                None => format!("{kolom}: {} → {}", show(lama), show(baru)),
            }
        }
        EventKind::Ajukan => {
            format!("Mengajukan Triwulan {q} (final: dokumen dan berkasnya dibekukan)")
        }
        EventKind::BukaKunci => format!(
            "Membuka kunci Triwulan {q}: {}",
            e.alasan.clone().unwrap_or_default()
        ),
        EventKind::PerubahanAnggaran => format!(
            "Memulai perubahan anggaran: {}",
            e.alasan.clone().unwrap_or_default()
        ),
        EventKind::AjukanVerifikasi => {
            format!("Mengajukan Triwulan {q} untuk diverifikasi (Draf → Diajukan)")
        }
        EventKind::Setujui => format!("Menyetujui Triwulan {q} (Diajukan → Disetujui)"),
        EventKind::Kembalikan => format!(
            "Mengembalikan Triwulan {q} ke Draf: {}",
            e.alasan.clone().unwrap_or_default()
        ),
        EventKind::Catatan => match e.alasan.as_deref().filter(|a| !a.is_empty()) {
            Some(t) => format!("Catatan verifikasi Triwulan {q}: {t}"),
            None => format!("Menghapus catatan verifikasi Triwulan {q}"),
        },
        EventKind::AturBidang => match e.alasan.as_deref().filter(|a| !a.is_empty()) {
            Some(b) => format!("Membagikan baris ke {b}"),
            None => "Melepas baris dari bidangnya".to_string(),
        },
        EventKind::TriwulanLaporan => format!(
            "Dokumen kini laporan Triwulan {q} (dari berkas {})",
            e.sumber.clone().unwrap_or_default()
        ),
        EventKind::TambahBaris => format!(
            "Menambahkan {} baris baru dari berkas {}",
            e.alasan.clone().unwrap_or_default(),
            e.sumber.clone().unwrap_or_default()
        ),
    }
}

#[component]
pub fn ActivityPage() -> impl IntoView {
    let id = param("id");
    let query = use_query_map();
    let key = move || {
        let (baris, oleh) = query.with(|q| {
            (
                q.get("baris").and_then(|b| b.trim().parse::<usize>().ok()),
                q.get("oleh").filter(|o| !o.is_empty()),
            )
        });
        (id(), baris, oleh)
    };
    let data = Resource::new(key, |(id, baris, oleh)| get_activity(id, baris, oleh));
    loaded(data, "Memuat aktivitas…", halaman)
}

#[cfg(feature = "ssr")]
#[component]
fn Activity(view: ActivityView) -> impl IntoView {
    let d = view.dokumen;
    let zona = d.zona;
    let chosen = view.filter.oleh.clone().unwrap_or_default();
    let baris = view.filter.baris.map(|b| b.to_string()).unwrap_or_default();
    let count = view.peristiwa.len();
    view! {
        <section class="kartu lebar">
            <BackToDocument id=d.id.clone() name=d.nama_berkas.clone() />
            <h1>"Aktivitas dokumen"</h1>
            <form method="get" class="saring" id="saring-aktivitas">
                <label>"Baris (nomor urut, mulai 0)"
                    <input name="baris" inputmode="numeric" value=baris />
                </label>
                <label>"Oleh"
                    <select name="oleh">
                        <option value="">"Semua orang"</option>
                        {view.orang.into_iter().map(|o| {
                            let selected = o == chosen;
                            view! { <option value=o.clone() selected=selected>{o.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit">"Saring"</button>
            </form>
            <p class="keterangan" id="jumlah-aktivitas">{format!("{count} peristiwa, terbaru lebih dulu.")}</p>
            <table class="daftar" id="daftar-aktivitas">
                <thead><tr><th>"Versi"</th><th>"Waktu"</th><th>"Oleh"</th><th>"Baris"</th><th>"Apa"</th></tr></thead>
                <tbody>
                    {view.peristiwa.into_iter().map(|(e, label)| {
                        let row = match (e.baris, label) {
                            (Some(b), Some(l)) => format!("{b} · {l}"),
                            (Some(b), None) => b.to_string(),
                            _ => String::new(),
                        };
                        view! {
                            <tr data-jenis=e.jenis.key()>
                                <td class="angka">{e.seq}</td>
                                <td>{tanggal_jam(&e.waktu, zona)}</td>
                                <td>{e.oleh.clone()}</td>
                                <td>{row}</td>
                                <td>{describe(&e)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub fn DiffPage() -> impl IntoView {
    let id = param("id");
    let query = use_query_map();
    let key = move || {
        let (dari, ke) = query.with(|q| {
            (
                q.get("dari").unwrap_or_else(|| "awal".into()),
                q.get("ke").unwrap_or_else(|| "sekarang".into()),
            )
        });
        (id(), dari, ke)
    };
    let data = Resource::new(key, |(id, dari, ke)| get_diff(id, dari, ke));
    loaded(data, "Memuat perubahan…", halaman)
}

#[cfg(feature = "ssr")]
#[component]
fn Diff(view: DiffView) -> impl IntoView {
    let d = view.dokumen;
    // Points to compare: the import, every submission, now.
    let mut points = vec![("awal".to_string(), "Saat diimpor".to_string())];
    points.extend(view.pengajuan.iter().map(|s| {
        (
            s.id.clone(),
            format!(
                "Pengajuan Triwulan {} revisi {} ({})",
                romawi(s.triwulan),
                s.revisi,
                tanggal(&s.waktu, d.zona)
            ),
        )
    }));
    points.push(("sekarang".to_string(), "Saat ini".to_string()));
    let select = |name: &'static str, chosen: String| {
        let points = points.clone();
        view! {
            <select name=name id=format!("pilih-{name}")>
                {points.into_iter().map(|(key, label)| {
                    let selected = key == chosen;
                    view! { <option value=key selected=selected>{label}</option> }
                }).collect_view()}
            </select>
        }
    };
    let download = format!(
        "/api/v1/dokumen/{}/perbedaan?dari={}&ke={}&format=xlsx",
        d.id, view.dari.titik, view.ke.titik
    );
    let count = view.perubahan.len();
    view! {
        <section class="kartu lebar">
            <BackToDocument id=d.id.clone() name=d.nama_berkas.clone() />
            <h1>"Perubahan sejak pengajuan"</h1>
            <form method="get" class="saring" id="pilih-titik">
                <label>"Dari" {select("dari", view.dari.titik.clone())}</label>
                <label>"Ke" {select("ke", view.ke.titik.clone())}</label>
                <button type="submit">"Bandingkan"</button>
            </form>
            <p class="keterangan" id="jumlah-perubahan">
                {format!("{count} sel berbeda antara {} (versi {}) dan {} (versi {}).",
                    view.dari.label, view.dari.versi, view.ke.label, view.ke.versi)}
            </p>
            <p><a class="tombol sekunder" id="unduh-perbedaan" href=download download data-unduh="">"Unduh sebagai .xlsx"</a></p>
            <div class="gulir">
            <table class="daftar" id="daftar-perubahan">
                <thead><tr>
                    <th>"Baris"</th><th>"Kode"</th><th>"Uraian"</th><th>"Kolom"</th>
                    <th>"Nilai lama"</th><th>"Nilai baru"</th><th>"Oleh"</th><th>"Waktu"</th>
                </tr></thead>
                <tbody>
                    {view.perubahan.into_iter().map(|c| {
                        let p = c.perubahan;
                        let uraian = if c.indikator.is_empty() { c.nama } else { format!("{} — {}", c.nama, c.indikator) };
                        view! {
                            <tr>
                                <td class="angka">{p.baris}</td>
                                <td class="kode">{c.kode.unwrap_or_default()}</td>
                                <td>{uraian}</td>
                                <td>{p.cell.label()}</td>
                                <td class="angka lama">{edit::display(&p.lama)}</td>
                                <td class="angka baru">{edit::display(&p.baru)}</td>
                                <td>{p.oleh}</td>
                                <td>{tanggal_jam(&p.waktu, d.zona)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

#[component]
pub fn BudgetPage() -> impl IntoView {
    let id = param("id");
    let data = Resource::new(id, get_budget);
    loaded(data, "Memuat target…", halaman)
}

#[cfg(feature = "ssr")]
#[component]
fn Budget(view: BudgetView) -> impl IntoView {
    let d = view.dokumen;
    let Some(versi) = view.versi_perubahan else {
        let action = format!("/dokumen/{}/perubahan-anggaran", d.id);
        return view! {
            <section class="kartu">
                <BackToDocument id=d.id.clone() name=d.nama_berkas.clone() />
                <h1>"Target murni vs perubahan"</h1>
                <p id="belum-perubahan">
                    "Dokumen ini belum memasuki perubahan anggaran: target dan pagu yang berlaku adalah target murni. "
                    "Mulai perubahan setelah APBD Perubahan ditetapkan; target saat ini dibekukan sebagai target murni, "
                    "dan ubahan target sesudahnya menjadi target perubahan."
                </p>
                <form method="post" action=action class="aksi" id="mulai-perubahan">
                    <label>"Nama Anda" <input name="oleh" required maxlength="100" /></label>
                    <label>"Dasar perubahan" <input name="alasan" required minlength="5" placeholder="mis. Perda APBD-P No. 5 Tahun 2026" /></label>
                    <button type="submit">"Mulai perubahan anggaran"</button>
                </form>
            </section>
        }
        .into_any();
    };
    let changed = view
        .baris
        .iter()
        .filter(|(_, _, _, c)| c.murni != c.perubahan)
        .count();
    let pair = |p: &Pair| (nilai_k(p.k.as_ref()), angka_opsional(p.rp));
    view! {
        <section class="kartu lebar">
            <BackToDocument id=d.id.clone() name=d.nama_berkas.clone() />
            <h1>"Target murni vs perubahan"</h1>
            <p class="keterangan" id="jumlah-berubah">
                {format!("Perubahan anggaran dimulai pada versi {versi}. {changed} baris targetnya berubah.")}
            </p>
            <div class="gulir">
            <table class="daftar" id="tabel-anggaran">
                <thead>
                    <tr>
                        <th rowspan="2">"Baris"</th><th rowspan="2">"Kode"</th><th rowspan="2">"Uraian"</th>
                        <th colspan="2">"Target murni"</th><th colspan="2">"Target perubahan"</th><th colspan="2">"Selisih"</th>
                    </tr>
                    <tr><th>"K"</th><th>"Rp"</th><th>"K"</th><th>"Rp"</th><th>"K"</th><th>"Rp"</th></tr>
                </thead>
                <tbody>
                    {view.baris.into_iter().map(|(kode, nama, indikator, c)| {
                        let (mk, mrp) = pair(&c.murni);
                        let (pk, prp) = pair(&c.perubahan);
                        let berubah = c.murni != c.perubahan;
                        let uraian = if indikator.is_empty() { nama } else { format!("{nama} — {indikator}") };
                        view! {
                            <tr class:berubah=berubah>
                                <td class="angka">{c.baris}</td>
                                <td class="kode">{kode.unwrap_or_default()}</td>
                                <td>{uraian}</td>
                                <td class="angka">{mk}</td><td class="angka">{mrp}</td>
                                <td class="angka">{pk}</td><td class="angka">{prp}</td>
                                <td class="angka">{angka_opsional(c.selisih_k)}</td>
                                <td class="angka">{angka_opsional(c.selisih_rp)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
    .into_any()
}
