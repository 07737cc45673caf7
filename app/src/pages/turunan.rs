//! The pages of a workspace's derived documents (*dokumen turunan*): the tables planners
//! assemble by hand for Word documents, each with *Salin sebagai tabel*, which puts the table on
//! the clipboard as HTML Word pastes as a formatted table (and as tab-separated text for
//! everything else), beside the workbook with live formulas:
//! - *LKjIP Bab III* — Bab III A (capaian IKU against the PK target, against last year, against
//!   the Renstra end target, efisiensi) from the document's sasaran and IKU, Bab III B
//!   (realisasi anggaran per program, kegiatan and sub kegiatan) from its budget tree;
//! - *T-C.29* of next year's Renja, from the earlier years' E.81 and this year's targets.
//!
//! Rendered by the server alone; the tables' HTML is `capaian_domain::tabel::ke_html`'s.

use crate::types::Workspace;

/// Where the page is.
pub fn lkjip_href(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/lkjip")
}

/// The LKjIP workbook's download.
pub fn download_lkjip_href(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/unduh/lkjip")
}

/// Where the T-C.29's page is (its workbook: `workspace::tc29_href`).
pub fn tc29_page_href(workspace_id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/tc29")
}

/// A page of derived tables.
#[derive(Clone, Debug, PartialEq)]
pub struct TurunanView {
    pub workspace: Workspace,
    /// Its title (`LKjIP Bab III — tahun 2026`) and its place in the breadcrumb.
    pub judul: String,
    pub remah: &'static str,
    /// What the tables are made of, in a sentence or two.
    pub keterangan: String,
    /// What to know first (no IKU yet; which earlier years were found).
    pub catatan: Vec<String>,
    /// The workbook's download (address, label), when the tables could be made.
    pub unduh: Option<(String, String)>,
    pub tabel: Vec<TabelTampil>,
}

/// One table: its title, its HTML for Word (escaped by `tabel::ke_html`), its TSV.
#[derive(Clone, Debug, PartialEq)]
pub struct TabelTampil {
    pub judul: String,
    pub html: String,
    pub tsv: String,
}

#[cfg(feature = "ssr")]
pub use html::turunan_page_html;

#[cfg(feature = "ssr")]
mod html {
    use leptos::prelude::*;

    use super::*;
    use crate::pages::pemetaan::{document, Remah};

    /// Copies the table `data-salin` names: its Word HTML and its TSV, from the page.
    const SALIN: &str = r#"
document.querySelectorAll('button[data-salin]').forEach(function (b) {
  b.addEventListener('click', function () {
    var i = b.getAttribute('data-salin');
    var html = document.getElementById('tabel-' + i).innerHTML;
    var tsv = document.getElementById('tsv-' + i).value;
    var done = function () { b.textContent = 'Tersalin'; b.setAttribute('data-tersalin', '1'); };
    if (navigator.clipboard && window.ClipboardItem) {
      navigator.clipboard.write([new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([tsv], { type: 'text/plain' })
      })]).then(done, function () { b.textContent = 'Gagal menyalin: izinkan papan klip'; });
    } else {
      var r = document.createRange();
      r.selectNode(document.getElementById('tabel-' + i));
      var s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
      if (document.execCommand('copy')) { done(); }
      s.removeAllRanges();
    }
  });
});
"#;

    /// The page, whole.
    pub fn turunan_page_html(v: TurunanView, stylesheet: &str) -> String {
        let title = format!(
            "{} — {} {}",
            v.remah, v.workspace.nama_pd, v.workspace.tahun
        );
        let body = view! { <Turunan v /> }.to_html();
        document(
            &title,
            stylesheet,
            format!("{body}<script>{SALIN}</script>"),
        )
    }

    #[component]
    fn Turunan(v: TurunanView) -> impl IntoView {
        let ws = v.workspace.clone();
        view! {
            <section class="kartu lebar" id="turunan">
                <Remah ws=ws.clone() here=v.remah />
                <h1>{v.judul}</h1>
                <p class="keterangan">
                    {v.keterangan}
                    " “Salin sebagai tabel” menyalin tabel untuk ditempel di Word sebagai tabel berformat."
                </p>
                {(!v.catatan.is_empty()).then(|| view! {
                    <ul id="catatan-turunan">{v.catatan.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                })}
                {v.unduh.map(|(href, label)| view! {
                    <p><a class="tombol" id="unduh-turunan" href=href>{label}</a></p>
                })}
            </section>
            {v.tabel.into_iter().enumerate().map(|(i, t)| view! {
                <section class="kartu lebar tabel-turunan" id=format!("turunan-{i}")>
                    <h2>{t.judul}</h2>
                    <p><button type="button" data-salin=i.to_string() id=format!("salin-{i}")>"Salin sebagai tabel"</button></p>
                    <div class="gulir" id=format!("tabel-{i}") inner_html=t.html></div>
                    <textarea hidden id=format!("tsv-{i}") readonly>{t.tsv}</textarea>
                </section>
            }).collect_view()}
        }
    }
}
