//! The pages of the app.

pub mod akun;
pub mod bidang;
pub mod document;
pub mod gabung;
pub mod history;
pub mod home;
pub mod pemetaan;
pub mod periksa;
pub mod rekonsiliasi;
pub mod status;
pub mod turunan;
pub mod workspace;

use leptos::prelude::*;
use leptos_router::components::A;

/// Shown for any address the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="kartu">
            <h1>"Halaman tidak ditemukan"</h1>
            <p>"Alamat ini tidak ada di Capaian. " <A href="/">"Kembali ke daftar ruang kerja"</A> "."</p>
        </section>
    }
}

/// The frame of every page that loads one thing: a line while it loads, then the page built
/// by `show`, [`NotFound`] when there is no such thing, or the failure said plainly.
pub fn loaded<T, V, F>(
    data: Resource<Result<Option<T>, ServerFnError>>,
    loading: &'static str,
    show: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p>{loading}</p> }>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(Some(v)) => show(v).into_any(),
                        Ok(None) => view! { <NotFound /> }.into_any(),
                        Err(e) => view! { <ServerError error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A server-function failure, said plainly.
#[component]
pub fn ServerError(error: ServerFnError) -> impl IntoView {
    let message = match error {
        ServerFnError::ServerError(m) => m,
        other => format!("Tidak dapat menghubungi server Capaian ({other})."),
    };
    view! { <p class="galat-umum" role="alert">{message}</p> }
}
