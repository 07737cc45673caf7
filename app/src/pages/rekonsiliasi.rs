//! *Rekonsiliasi*: a workspace's page that checks, on what Capaian holds, the identities a
//! planner expects between the year's tables (issue 16) — within the plan (a parent's pagu is
//! the sum of its rows, the TW targets add up to the year's by the indicator's aggregation, a
//! quarter's realisation against its target, realisasi within the pagu, …) and between the plan
//! and every file the workspace keeps of its document (the E.81 it was imported from, the file
//! last merged into it): each value the plan holds that a file states otherwise, with the
//! file's cell and both values. Every finding links to its cell in the grid of the form that
//! shows it. Rendered by the server alone. (Files not kept — a SIPD export, a Renja, another
//! PK — are compared on *Periksa kesepakatan berkas* and by `capaian periksa`.)

use crate::types::Workspace;

/// Where the page is.
pub fn rekonsiliasi_href(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/rekonsiliasi")
}

/// The page.
#[derive(Clone, Debug, PartialEq)]
pub struct RekonsiliasiView {
    pub workspace: Workspace,
    /// The document checked (its id and file name), None when the workspace has none yet.
    pub dokumen: Option<(String, String)>,
    /// Findings within the plan, one per cause.
    pub dalam: Vec<Temuan>,
    /// Each file the document keeps, against the plan.
    pub berkas: Vec<BerkasRekonsiliasi>,
}

impl RekonsiliasiView {
    /// How many things disagree, over every section.
    pub fn tidak_sepakat(&self) -> usize {
        self.dalam.len() + self.berkas.iter().map(|b| b.beda.len()).sum::<usize>()
    }
}

/// One finding: what, where, the values, and the link to the cell in its grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Temuan {
    /// Which identity (`Jumlah induk`, `Target triwulan`, `Target (kolom 7 K)`, …).
    pub jenis: String,
    /// The row, as people name it (kode and indicator).
    pub baris: String,
    /// What the plan holds (or the message, for a check within the plan).
    pub rencana: String,
    /// What the file states, with its cell (`E81.xlsx · J14: 100`); empty within the plan.
    pub berkas: String,
    /// The cell in the grid of a form that shows it.
    pub href: Option<String>,
}

/// A file the document keeps, compared with the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct BerkasRekonsiliasi {
    /// Its name and what it is (`E81 TW II.xlsx — Formulir E.81, berkas impor`).
    pub judul: String,
    /// What could not be compared, or what to know first.
    pub catatan: Vec<String>,
    pub beda: Vec<Temuan>,
}

#[cfg(feature = "ssr")]
pub use html::rekonsiliasi_page_html;

#[cfg(feature = "ssr")]
mod html {
    use leptos::prelude::*;

    use super::*;
    use crate::pages::pemetaan::{document, Remah};

    /// The page, whole.
    pub fn rekonsiliasi_page_html(v: RekonsiliasiView, stylesheet: &str) -> String {
        let title = format!(
            "Rekonsiliasi — {} {}",
            v.workspace.nama_pd, v.workspace.tahun
        );
        let body = view! { <Rekonsiliasi v /> }.to_html();
        document(&title, stylesheet, body)
    }

    #[component]
    fn Rekonsiliasi(v: RekonsiliasiView) -> impl IntoView {
        let ws = v.workspace.clone();
        let n = v.tidak_sepakat();
        let periksa = crate::pages::periksa::periksa_href(&ws.id);
        view! {
            <section class="kartu lebar" id="rekonsiliasi">
                <Remah ws=ws.clone() here="Rekonsiliasi" />
                <h1>"Rekonsiliasi"</h1>
                <p class="keterangan">
                    "Kesepakatan angka-angka tahun ini: di dalam rencana (jumlah induk, target triwulan, "
                    "realisasi terhadap target dan pagu) dan antara rencana dengan setiap berkas dokumen "
                    "(berkas impor, berkas yang terakhir digabung). Setiap temuan menautkan ke selnya di "
                    "lembar kerja. Berkas lain (ekspor SIPD, Renja, Perjanjian Kinerja) dapat dibandingkan di "
                    <a href=periksa>"Periksa kesepakatan berkas"</a> "."
                </p>
                {match v.dokumen.clone() {
                    None => view! { <p id="hasil-rekonsiliasi">"Ruang kerja ini belum mempunyai dokumen."</p> }.into_any(),
                    Some((id, nama)) => view! {
                        <h2 id="hasil-rekonsiliasi">{if n == 0 {
                            format!("Semua sepakat: dokumen {nama}")
                        } else {
                            format!("{n} hal tidak sepakat: dokumen {nama}")
                        }}</h2>
                        <p><a href=format!("/dokumen/{id}")>"Buka dokumen"</a></p>
                    }.into_any(),
                }}
            </section>
            <section class="kartu lebar" id="rekonsiliasi-rencana">
                <h2>{format!("Di dalam rencana · {}", v.dalam.len())}</h2>
                {if v.dalam.is_empty() {
                    view! { <p>"Tidak ada yang tidak sepakat."</p> }.into_any()
                } else {
                    view! { <Daftar id="temuan-rencana".to_string() rows=v.dalam berkas=false /> }.into_any()
                }}
            </section>
            {v.berkas.into_iter().enumerate().map(|(i, b)| view! {
                <section class="kartu lebar berkas-rekonsiliasi" id=format!("rekonsiliasi-berkas-{i}")>
                    <h2>{format!("{} · {}", b.judul, b.beda.len())}</h2>
                    {(!b.catatan.is_empty()).then(|| view! {
                        <ul>{b.catatan.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                    })}
                    {if b.beda.is_empty() {
                        view! { <p>"Berkas ini sepakat dengan rencana."</p> }.into_any()
                    } else {
                        view! { <Daftar id=format!("temuan-berkas-{i}") rows=b.beda berkas=true /> }.into_any()
                    }}
                </section>
            }).collect_view()}
        }
    }

    #[component]
    fn Daftar(id: String, rows: Vec<Temuan>, berkas: bool) -> impl IntoView {
        view! {
            <div class="gulir">
                <table class="daftar rekonsiliasi" id=id>
                    <thead><tr>
                        <th>"Hal"</th><th>"Baris"</th>
                        <th>{if berkas { "Rencana" } else { "Temuan" }}</th>
                        {berkas.then(|| view! { <th>"Berkas"</th> })}
                        <th>"Sel"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|t| view! {
                            <tr>
                                <td>{t.jenis}</td>
                                <td>{t.baris}</td>
                                <td class=if berkas { "angka" } else { "" }>{t.rencana}</td>
                                {berkas.then(|| view! { <td class="angka berkas">{t.berkas.clone()}</td> })}
                                <td>{t.href.map(|h| view! { <a class="ke-sel" href=h>"Buka di lembar kerja"</a> })}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    }
}
