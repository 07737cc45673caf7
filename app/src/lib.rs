//! Capaian's UI (Leptos, server-rendered and hydrated), its shared types and server functions.
//!
//! Built twice: with feature `ssr` into the `capaian` server binary, and with feature `hydrate`
//! into the wasm bundle the browser loads. The domain core (`capaian-domain`, in `app/domain`)
//! is used by both.

// The document page's view type is deep; the hydrate build needs more room to lay it out.
#![recursion_limit = "256"]

pub mod akses;
pub mod api;
pub mod format;
pub mod grid;
pub mod pages;
#[cfg(feature = "hydrate")]
mod progres;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes, A},
    path, SsrMode,
};

/// The base name of the wasm/js/css bundle under `/pkg/` (the build adds a content hash:
/// `capaian.<hash>`, which the server passes as the options' `output_name`).
pub const OUTPUT_NAME: &str = "capaian";

/// The HTML document around the app (server side only renders this).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let stylesheet = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    view! {
        <!DOCTYPE html>
        <html lang="id">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" id="capaian" href=stylesheet />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: header, navigation and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser: this flips once the page is hydrated (tests wait on it).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        progres::install();
        hydrated.set(true);
    });
    // Who is using Capaian: loaded once, read by the header and the pages (`sesi()`).
    let sesi = Resource::new(|| (), |_| api::get_sesi());
    provide_context(SesiResource(sesi));
    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Title text="Capaian" />
        <div id="app" data-hydrated=move || hydrated.get().to_string()>
        <Router>
            <header class="kepala-situs">
                <A href="/" attr:class="merek">"Capaian"</A>
                <span class="slogan">"Evaluasi Renja & realisasi anggaran per triwulan"</span>
                <nav>
                    <A href="/">"Ruang kerja"</A>
                    <A href="/status">"Status"</A>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move { sesi.await.ok().map(|s| view! { <Pengguna sesi=s /> }) })}
                    </Suspense>
                </nav>
            </header>
            <main>
                <Routes fallback=|| view! { <pages::NotFound /> }>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/status") view=pages::status::StatusPage ssr=SsrMode::Async />
                    <Route path=path!("/masuk") view=pages::akun::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/siapkan") view=pages::akun::SetupPage ssr=SsrMode::Async />
                    <Route path=path!("/pengguna") view=pages::akun::AccountsPage ssr=SsrMode::Async />
                    <Route path=path!("/dokumen/:id/bidang") view=pages::bidang::BidangPage ssr=SsrMode::Async />
                    <Route path=path!("/ruang-kerja/:id") view=pages::workspace::WorkspacePage ssr=SsrMode::Async />
                    <Route path=path!("/dokumen/:id") view=pages::document::DocumentPage ssr=SsrMode::Async />
                    <Route path=path!("/dokumen/:id/aktivitas") view=pages::history::ActivityPage ssr=SsrMode::Async />
                    <Route path=path!("/dokumen/:id/perbedaan") view=pages::history::DiffPage ssr=SsrMode::Async />
                    <Route path=path!("/dokumen/:id/anggaran") view=pages::history::BudgetPage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
        </div>
    }
}

/// The session's resource, shared through the context.
#[derive(Clone, Copy)]
struct SesiResource(Resource<Result<types::Sesi, ServerFnError>>);

/// Who is using Capaian (the resource the app loaded once), for pages to await.
pub fn sesi() -> Resource<Result<types::Sesi, ServerFnError>> {
    expect_context::<SesiResource>().0
}

/// Who is logged in, with *Keluar* (LAN mode only), and *Akun* for the admin.
#[component]
fn Pengguna(sesi: types::Sesi) -> impl IntoView {
    let p = sesi.pelaku;
    (sesi.lan && p.login.is_some()).then(|| {
        let admin = p.boleh(akses::Aksi::KelolaAkun);
        let peran = p.peran.map(akses::Peran::label).unwrap_or_default();
        let bidang = p.bidang.map(|b| format!(", {b}")).unwrap_or_default();
        let label = format!("{} ({peran}{bidang})", p.nama);
        view! {
            {admin.then(|| view! { <A href="/pengguna">"Akun"</A> })}
            <span class="pengguna" id="pengguna" data-peran=p.peran.map(akses::Peran::key).unwrap_or_default()>
                {label}
            </span>
            <form method="post" action="/keluar" class="keluar">
                <button type="submit" class="sekunder" id="keluar">"Keluar"</button>
            </form>
        }
    })
}

/// Entry point of the wasm bundle: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
}
