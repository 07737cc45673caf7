//! The document grid: the E.81 as a spreadsheet in the browser.
//!
//! - [`columns`]: the form's columns and what each cell shows.
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

/// Where the grid loads its document from (a plain JSON route, not a server function: the
/// document of a big agency is megabytes).
pub fn grid_data_href(id: &str) -> String {
    format!("/api/v1/dokumen/{id}/kisi")
}

/// The grid's place on the document page. Server side (and before the bundle runs) it only
/// says what is coming; in the browser it loads the document and draws the grid.
#[component]
pub fn DocumentGrid(doc_id: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let id = doc_id.clone();
        Effect::new(move |_| view::mount(id.clone()));
    }
    let href = grid_data_href(&doc_id);
    view! {
        // The browser fetches the document while the bundle loads; the grid's fetch reuses it.
        <Link rel="preload" href=href as_="fetch" crossorigin="anonymous" />
        <section class="kartu lebar kisi-bagian" id="kisi-bagian">
            <h2>"Lembar kerja"</h2>
            <div id="kisi" class="kisi" data-dokumen=doc_id data-siap="false">
                <p class="keterangan kisi-memuat">
                    "Memuat lembar kerja… Tanpa JavaScript, isi dokumen tetap terbaca pada tabel di bawah."
                </p>
            </div>
        </section>
    }
}
