//! The HTTP room: the state every route shares, the one mapping of errors to responses
//! ([`error`]), the extractor of who is asking ([`extract::Aktor`]), the gate every request
//! passes ([`gate`]), and the router that mounts each feature's routes. Features — the JSON API
//! ([`api`]), the pages' no-JavaScript forms and downloads ([`halaman`]), the mapping step
//! (`crate::pemetaan`) — import this room and the operations, never each other.

use std::sync::Arc;

use app::akses::{Aksi, Pelaku};
use app::ssr::AppContext;
use app::{shell, App};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::akun::Auth;
use crate::assets::Assets;

mod api;
pub mod error;
pub mod extract;
pub mod gate;
mod halaman;

pub use error::ApiError;
pub use extract::Aktor;

/// State of the Axum routes: the Leptos options (for static files and the shell) and the app.
#[derive(Clone, axum::extract::FromRef)]
pub struct WebState {
    pub leptos_options: LeptosOptions,
    pub app: AppContext,
    pub auth: Arc<Auth>,
}

/// Builds the whole router. `assets` says where the site (`pkg/` with the wasm bundle and
/// stylesheet, and `public/`'s files) is and what the bundle is called.
pub fn router(ctx: AppContext, assets: &Assets, addr: std::net::SocketAddr) -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name(assets.bundle.as_str())
        .site_root(assets.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    let routes = generate_route_list(App);
    let state = WebState {
        leptos_options: leptos_options.clone(),
        app: ctx.clone(),
        auth: Arc::new(Auth::new()),
    };
    Router::new()
        .merge(halaman::routes())
        .merge(api::routes())
        .merge(crate::pemetaan::routes())
        .merge(crate::gabung::routes())
        .leptos_routes_with_context(&state, routes, move || provide_context(ctx.clone()), {
            let leptos_options = leptos_options.clone();
            move || shell(leptos_options.clone())
        })
        .nest_service("/pkg", assets.pkg_service())
        .fallback(leptos_axum::file_and_error_handler::<WebState, _>(shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            gate::gate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            assets.clone(),
            crate::assets::cache_headers,
        ))
        // Pages and API answers compressed on the fly (quickly: a document's JSON can be
        // megabytes); the bundle's files arrive already compressed and pass through.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .with_state(state)
}

/// A plain page that says why something could not be done: its title, the reason (escaped)
/// in an alert with `id`, and links (href, label) as the way on.
fn message_page(
    status: StatusCode,
    title: &str,
    id: &str,
    message: &str,
    links: &[(&str, &str)],
) -> Response {
    let esc = app::grid::clipboard::escape_html;
    let links = links
        .iter()
        .map(|(href, label)| format!("<a href=\"{}\">{}</a>", esc(href), esc(label)))
        .collect::<Vec<_>>()
        .join(" · ");
    let (title, message) = (esc(title), esc(message));
    (
        status,
        axum::response::Html(format!(
            "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{title} — Capaian</title>\
             <link rel=\"stylesheet\" href=\"/pkg/capaian.css\"></head><body><main><section class=\"kartu\">\
             <h1>{title}</h1><p class=\"galat-umum\" id=\"{id}\" role=\"alert\">{message}</p>\
             <p>{links}</p></section></main></body></html>"
        )),
    )
        .into_response()
}

/// A refused form action: 403 with the reason and a way back.
pub(crate) fn forbidden(message: &str) -> Response {
    message_page(
        StatusCode::FORBIDDEN,
        "Ditolak",
        "ditolak",
        message,
        &[
            ("javascript:history.back()", "Kembali"),
            ("/", "Ruang kerja"),
        ],
    )
}

/// The stylesheet of the pages the server renders alone (the bundle's hashed name).
pub(crate) fn stylesheet(options: &LeptosOptions) -> String {
    format!("/{}/{}.css", options.site_pkg_dir, options.output_name)
}

/// The agency's template could not be filled with a document's values: 422 with the reason,
/// the official form (which can always be made) and the way back to the document.
pub(crate) fn template_not_filled(document_id: &str, form: &str, reason: &str) -> Response {
    let formulir = capaian_domain::form::nama(form);
    message_page(
        StatusCode::UNPROCESSABLE_ENTITY,
        "Template asli tidak dapat diisi",
        "template-gagal",
        reason,
        &[
            (
                &app::pages::document::download_official_href(document_id),
                &format!("Unduh {formulir} resmi (.xlsx)"),
            ),
            (&format!("/dokumen/{document_id}"), "Kembali ke dokumen"),
        ],
    )
}

/// The refusal of an action the person's role does not allow, before anything is read.
pub(crate) fn refused(pelaku: &Pelaku, aksi: Aksi) -> Option<Response> {
    pelaku.periksa(aksi).err().map(|m| forbidden(&m))
}

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A workbook as a download named `filename` (UTF-8 names survive via `filename*`).
pub fn attachment(bytes: Vec<u8>, filename: &str) -> Response {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        percent_encode(filename)
    );
    (
        [
            (axum::http::header::CONTENT_TYPE, XLSX_MIME.to_string()),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

pub(crate) fn not_found(what: &str) -> Response {
    (StatusCode::NOT_FOUND, format!("{what} tidak ditemukan.")).into_response()
}

pub(crate) fn server_error(e: impl std::fmt::Display) -> Response {
    tracing::error!("{e}");
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response()
}

pub fn encode(pairs: &[(impl AsRef<str>, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k.as_ref()), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_round_trips_through_a_query_parser() {
        let text = "Dinas P&K, Kab. Sleman = 100% ✓";
        let encoded = percent_encode(text);
        assert!(!encoded.contains(['&', '=', ' ', '%'].as_ref()) || encoded.contains("%25"));
        let decoded: Vec<(String, String)> = serde_urlencoded_decode(&format!("k={encoded}"));
        assert_eq!(decoded, [("k".to_string(), text.to_string())]);
    }

    #[tokio::test]
    async fn a_template_that_cannot_be_filled_says_why_and_offers_the_official_form() {
        let response = template_not_filled("dok1", "E.81", "Baris 3 <'x'> bukan baris data");
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("body");
        let html = String::from_utf8(body.to_vec()).expect("utf-8");
        assert!(
            html.contains("<h1>Template asli tidak dapat diisi</h1>"),
            "{html}"
        );
        assert!(
            html.contains("Baris 3 &lt;'x'&gt; bukan baris data"),
            "{html}"
        );
        assert!(
            html.contains(
                "href=\"/dokumen/dok1/unduh/formulir\">Unduh Formulir E.81 resmi (.xlsx)</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("href=\"/dokumen/dok1\">Kembali ke dokumen</a>"),
            "{html}"
        );
    }

    fn serde_urlencoded_decode(q: &str) -> Vec<(String, String)> {
        axum::extract::Query::<Vec<(String, String)>>::try_from_uri(
            &format!("/?{q}").parse().expect("uri"),
        )
        .expect("query")
        .0
    }
}
