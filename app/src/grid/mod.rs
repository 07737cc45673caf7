//! The document grid: the document's values as a spreadsheet in the browser, under the
//! columns of one form kind (`capaian_domain::form::all`: the E.81, the Renja, the rencana aksi,
//! the PK, the laporan triwulan), chosen by `?formulir=<key>` on the document page. Every form edits the same cells
//! of the same rows, so a target typed under the PK's columns is the E.81's column 7.
//!
//! - [`columns`]: what each cell shows under a form's columns.
//! - [`model`]: the state without the DOM (edits, roll-ups, undo, outline, selection, the
//!   queue to the server), tested natively.
//! - [`keys`]: Excel's keyboard as a pure mapping.
//! - [`clipboard`]: TSV and HTML tables to and from Excel.
//! - `view` (browser only): draws the model with only the visible rows and columns in the DOM
//!   and wires the events.
//!
//! The page renders a read-only server-side table (readable without JavaScript); once the
//! wasm bundle runs, [`DocumentGrid`] loads the document from [`grid_data_href`] and takes over.

pub mod clipboard;
pub mod columns;
pub mod keys;
pub mod model;
#[cfg(feature = "hydrate")]
mod view;

use leptos::prelude::*;
use leptos_meta::Link;

/// Query key of the form kind whose columns the grid shows (`FormKind::key`; the E.81 when
/// absent or unknown).
pub const FORM_QUERY: &str = "formulir";

/// The document page with the grid under `form`'s columns.
pub fn grid_form_href(id: &str, form: &capaian_domain::form::FormKind) -> String {
    format!("/dokumen/{id}?{FORM_QUERY}={}#kisi-bagian", form.key)
}

/// Query keys of the cell the grid opens at: the row (its position in the document as it
/// stands) and the cell's key (`target_k`).
pub const ROW_QUERY: &str = "baris";
pub const CELL_QUERY: &str = "kolom";

/// The document page with the grid under `form`'s columns, opened at `row`'s `cell` (the
/// Rekonsiliasi page's links).
pub fn grid_cell_href(
    id: &str,
    form: &capaian_domain::form::FormKind,
    row: usize,
    cell: capaian_domain::edit::Cell,
) -> String {
    format!(
        "/dokumen/{id}?{FORM_QUERY}={}&{ROW_QUERY}={row}&{CELL_QUERY}={}#kisi-bagian",
        form.key,
        cell.key()
    )
}

/// The form kind a `?formulir=` names; the E.81 when it names none Capaian knows.
pub fn grid_form(key: Option<&str>) -> &'static capaian_domain::form::FormKind {
    key.and_then(capaian_domain::form::by_key)
        .unwrap_or(&capaian_domain::form::e81::E81)
}

/// Where the grid loads its document from (a plain JSON route, not a server function: the
/// document of a big agency is megabytes).
pub fn grid_data_href(id: &str) -> String {
    format!("/api/v1/dokumen/{id}/kisi")
}

/// The grid's place on the document page. Server side (and before the bundle runs) it only
/// says what is coming; in the browser it loads the document and draws the grid.
#[component]
pub fn DocumentGrid(doc_id: String) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let form = grid_form(query.with_untracked(|q| q.get(FORM_QUERY)).as_deref());
    #[cfg(feature = "hydrate")]
    {
        let id = doc_id.clone();
        Effect::new(move |_| view::mount(id.clone(), form));
    }
    let href = grid_data_href(&doc_id);
    // One link per form kind; a full load (rel=external), so the grid starts under its columns.
    let tabs = capaian_domain::form::all()
        .iter()
        .map(|f| {
            let current = std::ptr::eq(*f, form);
            view! {
                <a
                    href=grid_form_href(&doc_id, f)
                    rel="external"
                    title=f.title
                    data-formulir=f.key
                    aria-current=current.then_some("page")
                >
                    {f.nama}
                </a>
            }
        })
        .collect_view();
    view! {
        // The browser fetches the document while the bundle loads; the grid's fetch reuses it.
        <Link rel="preload" href=href as_="fetch" crossorigin="anonymous" />
        <section class="kartu lebar kisi-bagian" id="kisi-bagian">
            <h2>"Lembar kerja: " <span id="kisi-formulir">{form.title}</span></h2>
            <nav class="kisi-tab" aria-label="Kolom formulir">{tabs}</nav>
            <div id="kisi" class="kisi" data-dokumen=doc_id data-formulir=form.key data-siap="false">
                <p class="keterangan kisi-memuat">
                    "Memuat lembar kerja… Tanpa JavaScript, isi dokumen tetap terbaca pada tabel di bawah."
                </p>
            </div>
        </section>
    }
}
