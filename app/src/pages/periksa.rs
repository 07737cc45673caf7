//! *Periksa kesepakatan berkas*: a workspace's page where the year's files are checked against
//! each other before anything is stored — every Formulir E.81 given against every SIPD export
//! (pagu, realisasi s.d. triwulan, an anggaran kas's penyerapan) and every Renja (target and
//! pagu), each difference with both files' cells. Rendered by the server alone (a plain form);
//! the comparisons are `capaian_server::periksa`'s, as `capaian periksa` prints them.

use crate::pages::gabung::BarisSerapan;
use crate::types::Workspace;

/// The form's file field (several files).
pub const PERIKSA_FIELD: &str = "berkas";

/// Where the page is, and where its form posts.
pub fn periksa_href(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/periksa")
}

/// The page: the form, and the report of the files last sent.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriksaView {
    pub workspace: Workspace,
    /// Why the files could not be checked (none, too many, one unreadable), when so.
    pub galat: Option<String>,
    /// The files read: (name, what it is).
    pub berkas: Vec<(String, String)>,
    pub pasangan: Vec<PasanganTampil>,
    /// How many things disagree over every pair (None: nothing sent yet).
    pub tidak_sepakat: Option<usize>,
}

/// One pair of files compared, as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct PasanganTampil {
    pub judul: String,
    /// What to know first (another year, which quarter).
    pub catatan: Vec<String>,
    /// Rows matched and rows only one side has, in a line.
    pub ringkas: String,
    pub beda: Vec<BedaTampil>,
    /// Rows only one of the files has, with where.
    pub hanya: Vec<String>,
    /// An anggaran kas: each E.81 row's penyerapan against its kas.
    pub serapan: Vec<BarisSerapan>,
}

/// One figure two files state differently.
#[derive(Clone, Debug, PartialEq)]
pub struct BedaTampil {
    /// What differs (`Pagu (kolom 7 Rp)`, `Target`, …).
    pub jenis: String,
    pub baris: String,
    /// The E.81's cell and value.
    pub e81: String,
    /// The other file's cell and value.
    pub lain: String,
}

#[cfg(feature = "ssr")]
pub use html::periksa_page_html;

/// The workspace page's card that leads to the page (plain HTML the server renders, carried
/// with the overview like the settings form: none of it in the wasm bundle).
#[cfg(feature = "ssr")]
pub fn periksa_card_html(workspace_id: &str) -> String {
    use crate::grid::clipboard::escape_html as esc;
    format!(
        "<section class=\"kartu\" id=\"kartu-periksa\"><h2>Periksa kesepakatan berkas</h2>\
         <p class=\"keterangan\">Rekonsiliasi: rencana ruang kerja ini diperiksa di dalam dirinya dan \
         terhadap berkas-berkas dokumennya, setiap temuan menautkan ke selnya. Periksa berkas: \
         Formulir E.81, ekspor SIPD, Renja dan Perjanjian Kinerja tahun ini dibandingkan satu sama \
         lain, angka demi angka dengan selnya, tanpa ada yang disimpan.</p>\
         <p><a class=\"tombol\" id=\"tautan-rekonsiliasi\" href=\"{}\">Rekonsiliasi rencana</a> \
         <a class=\"tombol sekunder\" id=\"tautan-periksa\" href=\"{}\">Periksa berkas</a></p>\
         </section>",
        esc(&crate::pages::rekonsiliasi::rekonsiliasi_href(workspace_id)),
        esc(&periksa_href(workspace_id))
    )
}

#[cfg(feature = "ssr")]
mod html {
    use leptos::prelude::*;

    use super::*;
    use crate::pages::gabung::html::Serapan;
    use crate::pages::pemetaan::{document, Remah};

    /// The page, whole.
    pub fn periksa_page_html(v: PeriksaView, stylesheet: &str) -> String {
        let title = format!(
            "Periksa kesepakatan berkas — {} {}",
            v.workspace.nama_pd, v.workspace.tahun
        );
        let body = view! { <Periksa v /> }.to_html();
        document(&title, stylesheet, body)
    }

    #[component]
    fn Periksa(v: PeriksaView) -> impl IntoView {
        let ws = v.workspace.clone();
        let action = periksa_href(&ws.id);
        view! {
            <section class="kartu lebar" id="periksa">
                <Remah ws=ws.clone() here="Periksa kesepakatan berkas" />
                <h1>"Periksa kesepakatan berkas"</h1>
                <p class="keterangan">
                    "Pilih berkas-berkas tahun ini sekaligus: Formulir E.81, ekspor SIPD (rekapitulasi "
                    "belanja, realisasi, anggaran kas) dan Renja. Setiap E.81 dibandingkan dengan setiap "
                    "ekspor SIPD (pagu, realisasi s.d. triwulan, penyerapan terhadap anggaran kas) dan "
                    "setiap Renja (target dan pagu kolom 7), angka demi angka dengan selnya. Tidak ada "
                    "yang disimpan."
                </p>
                {v.galat.map(|e| view! { <p class="galat-umum" role="alert" id="galat-periksa">{e}</p> })}
                <form method="post" action=action enctype="multipart/form-data" id="form-periksa" class="unggah">
                    <input type="file" name=PERIKSA_FIELD id="berkas-periksa" multiple required
                        accept=".xlsx,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel" />
                    <button type="submit" id="periksa-berkas">"Periksa"</button>
                </form>
            </section>
            {v.tidak_sepakat.map(|n| view! {
                <section class="kartu lebar" id="hasil-periksa">
                    <h2>{if n == 0 {
                        "Berkas-berkas ini sepakat".to_string()
                    } else {
                        format!("{n} hal tidak sepakat")
                    }}</h2>
                    <ul id="berkas-dibaca">
                        {v.berkas.into_iter().map(|(nama, jenis)| view! { <li>{format!("{nama}: {jenis}")}</li> }).collect_view()}
                    </ul>
                    {v.pasangan.is_empty().then(|| view! {
                        <p>"Tidak ada yang dibandingkan: pilih sedikitnya satu Formulir E.81 dan satu ekspor SIPD atau Renja."</p>
                    })}
                    {v.pasangan.into_iter().enumerate().map(|(i, p)| view! { <Pasangan i p /> }).collect_view()}
                </section>
            })}
        }
    }

    #[component]
    fn Pasangan(i: usize, p: PasanganTampil) -> impl IntoView {
        view! {
            <div class="pasangan">
                <h3>{p.judul}</h3>
                <ul>
                    {p.catatan.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                    <li>{p.ringkas}</li>
                </ul>
                {(!p.beda.is_empty()).then(|| view! {
                    <table class="daftar beda-periksa">
                        <thead><tr><th>"Beda"</th><th>"Baris"</th><th>"E.81"</th><th>"Berkas lain"</th></tr></thead>
                        <tbody>
                            {p.beda.into_iter().map(|b| view! {
                                <tr><td>{b.jenis}</td><td>{b.baris}</td><td class="angka">{b.e81}</td><td class="angka">{b.lain}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                {(!p.hanya.is_empty()).then(|| view! {
                    <ul class="hanya-satu">
                        {p.hanya.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}
                    </ul>
                })}
                {(!p.serapan.is_empty()).then(|| view! { <Serapan id=format!("penyerapan-kas-{i}") rows=p.serapan /> })}
            </div>
        }
    }
}
