//! *Rekonsiliasi*: a workspace's page that checks, on what Capaian holds, the identities a
//! planner expects between the year's tables (issue 16) — within the plan (a parent's pagu is
//! the sum of its rows, the TW targets add up to the year's by the indicator's aggregation, a
//! quarter's realisation against its target, realisasi within the pagu, …) and between the plan
//! and every file the workspace keeps of its document (the E.81 it was imported from, the file
//! last merged into it, and every file kept to compare against: a PK, a Renja, a SIPD export or
//! the Renstra's table merged into it or uploaded here): each value the plan holds that a file
//! states otherwise, with the file's cell and both values, and what a file states wrongly
//! within itself (a Jumlah, a terbilang). Every finding links to its cell in the grid of the
//! form that shows it. Rendered by the server alone; its forms work without JavaScript.

use crate::types::Workspace;

/// Where the page is.
pub fn rekonsiliasi_href(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/rekonsiliasi")
}

/// Where the page's form sends files to keep beside the document (multipart: the files in
/// [`PEMBANDING_FIELD`], the document in `dokumen`, and `oleh`).
pub fn pembanding_action(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/rekonsiliasi/berkas")
}

/// Where a kept file's *Hapus* button sends its name (`nama`) and document (`dokumen`).
pub fn hapus_pembanding_action(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/rekonsiliasi/hapus")
}

/// The upload form's file field.
pub const PEMBANDING_FIELD: &str = "berkas_pembanding";
/// The page's notice after an action, and the reason an action was refused.
pub const PESAN_QUERY: &str = "pesan";
pub const GALAT_QUERY: &str = "galat";

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
    /// On a LAN, where the person's name is their login's (no name to type).
    pub lan: bool,
    /// What the last action did, or why it was refused.
    pub pesan: Option<String>,
    pub galat: Option<String>,
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
    /// A file kept to compare against: its name (it can be forgotten from the page).
    pub pembanding: Option<String>,
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
        let dokumen_id = v.dokumen.clone().map(|(id, _)| id).unwrap_or_default();
        let hapus = hapus_pembanding_action(&ws.id);
        let periksa = crate::pages::periksa::periksa_href(&ws.id);
        view! {
            <section class="kartu lebar" id="rekonsiliasi">
                <Remah ws=ws.clone() here="Rekonsiliasi" />
                <h1>"Rekonsiliasi"</h1>
                <p class="keterangan">
                    "Kesepakatan angka-angka tahun ini: di dalam rencana (jumlah induk, target triwulan, "
                    "realisasi terhadap target dan pagu) dan antara rencana dengan setiap berkas dokumen "
                    "(berkas impor, berkas yang terakhir digabung, dan berkas pembanding: Perjanjian Kinerja, "
                    "Renja, ekspor SIPD, tabel Renstra yang digabung atau disimpan di sini). Setiap temuan "
                    "menautkan ke selnya di lembar kerja. Berkas yang tidak perlu disimpan dapat dibandingkan "
                    "satu sama lain di " <a href=periksa>"Periksa kesepakatan berkas"</a> "."
                </p>
                {v.pesan.clone().map(|m| view! { <p class="pesan-berhasil" role="status" id="pesan-rekonsiliasi">{m}</p> })}
                {v.galat.clone().map(|m| view! { <p class="galat" role="alert" id="galat-rekonsiliasi">{m}</p> })}
                {match v.dokumen.clone() {
                    None => view! { <p id="hasil-rekonsiliasi">"Ruang kerja ini belum mempunyai dokumen."</p> }.into_any(),
                    Some((id, nama)) => view! {
                        <h2 id="hasil-rekonsiliasi">{if n == 0 {
                            format!("Semua sepakat: dokumen {nama}")
                        } else {
                            format!("{n} hal tidak sepakat: dokumen {nama}")
                        }}</h2>
                        <p><a href=format!("/dokumen/{id}")>"Buka dokumen"</a></p>
                        <form method="post" enctype="multipart/form-data" action=pembanding_action(&ws.id) id="form-pembanding">
                            <input type="hidden" name="dokumen" value=id.clone() />
                            <p class="keterangan">
                                "Simpan berkas tahun ini untuk dibandingkan dengan rencana: Perjanjian Kinerja, "
                                "Renja, ekspor SIPD (anggaran, anggaran kas, realisasi, LRA), tabel tujuan, sasaran dan "
                                "IKU Renstra, atau Formulir E.81 lain. Berkas tidak mengubah rencana; berkas dengan nama "
                                "sama menggantikan yang lama."
                            </p>
                            <label>"Berkas (.xlsx, .xls) "
                                <input type="file" name=PEMBANDING_FIELD multiple accept=".xlsx,.xls" id="berkas-pembanding" />
                            </label>
                            {(!v.lan).then(|| view! {
                                <label>" Nama Anda " <input name="oleh" id="oleh-pembanding" maxlength="100" /></label>
                            })}
                            <button type="submit" id="simpan-pembanding">"Simpan dan bandingkan"</button>
                        </form>
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
                    {b.pembanding.clone().map(|nama| view! {
                        <form method="post" action=hapus.clone() class="hapus-pembanding">
                            <input type="hidden" name="dokumen" value=dokumen_id.clone() />
                            <input type="hidden" name="nama" value=nama />
                            <button type="submit">"Hapus berkas pembanding ini"</button>
                        </form>
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
