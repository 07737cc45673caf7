//! The gate every request passes: cross-site state changes refused, the session cookie turned
//! into the request's [`Pelaku`], and in LAN mode a login required (or, before the first
//! account exists, the first-run page). Also the session cookie itself.

use std::net::{IpAddr, SocketAddr};

use app::akses::Pelaku;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::WebState;
use crate::akun::pelaku_of;
use crate::operations::sha256_hex;

/// The session cookie's name.
pub const COOKIE: &str = "capaian_sesi";
/// The login page, and where its form posts.
pub const LOGIN_PATH: &str = "/masuk";
/// The first-run page in LAN mode (creates the admin account).
pub const SETUP_PATH: &str = "/siapkan";

/// `Set-Cookie` for a new session: HttpOnly, SameSite=Strict, the whole site, 12 hours.
pub fn session_cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("capaian_sesi=; Path=/"))
}

/// `response` with a `Set-Cookie` header.
pub fn with_cookie(mut response: Response, cookie: HeaderValue) -> Response {
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    response
}

/// `Set-Cookie` that removes the session cookie.
pub fn cleared_cookie() -> HeaderValue {
    HeaderValue::from_static("capaian_sesi=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}

/// The session token of a request's cookie, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

/// A state-changing request sent by a page of another site (or another origin on this
/// host): its `Origin` is not this server, or the browser says it is cross-site.
/// Requests without either header (scripts, curl) are not browsers' cross-site requests.
pub fn cross_site(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null");
        let authority = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"));
        return authority.is_none() || authority != host;
    }
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => !matches!(site, "same-origin" | "none"),
        None => false,
    }
}

/// Paths anyone may reach in LAN mode without a session.
fn public(path: &str) -> bool {
    path == LOGIN_PATH
        || path == SETUP_PATH
        || path == "/api/v1/masuk"
        || path == "/favicon.svg"
        || path.starts_with("/pkg/")
}

fn refuse(path: &str, status: StatusCode, message: &str) -> Response {
    if path.starts_with("/api/") {
        (status, axum::Json(serde_json::json!({ "galat": message }))).into_response()
    } else {
        (status, message.to_string()).into_response()
    }
}

/// The gate of every request: refuses cross-site state changes, works out who is asking
/// (the request's [`Pelaku`] extension) and, in LAN mode, sends anyone without a session to
/// log in (or, before the first account exists, to create it).
pub async fn gate(State(state): State<WebState>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    if cross_site(request.method(), request.headers()) {
        return refuse(
            &path,
            StatusCode::FORBIDDEN,
            "Permintaan dari situs lain ditolak: ubahan hanya dapat dikirim dari halaman Capaian sendiri.",
        );
    }
    let app = &state.app;
    if !app.lan {
        request.extensions_mut().insert(Pelaku::lokal());
        return next.run(request).await;
    }
    let akun = match session_token(request.headers()) {
        Some(token) => match app
            .store
            .session_account(&sha256_hex(token.as_bytes()))
            .await
        {
            Ok(akun) => akun,
            Err(e) => return refuse(&path, StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        },
        None => None,
    };
    if let Some(akun) = akun {
        // Logged in already: the login and first-run pages lead home.
        if matches!(path.as_str(), LOGIN_PATH | SETUP_PATH) && request.method() == Method::GET {
            return Redirect::to("/").into_response();
        }
        request.extensions_mut().insert(pelaku_of(&akun));
        return next.run(request).await;
    }
    if path == SETUP_PATH && request.method() == Method::GET {
        // The first-run page only while there is no account.
        return match state.auth.has_accounts(app).await {
            Ok(true) => Redirect::to(LOGIN_PATH).into_response(),
            Ok(false) => next.run(request).await,
            Err(e) => refuse(&path, StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        };
    }
    if public(&path) {
        return next.run(request).await;
    }
    match state.auth.has_accounts(app).await {
        Ok(false) if !path.starts_with("/api/") => Redirect::to(SETUP_PATH).into_response(),
        Ok(_) if path.starts_with("/api/") => refuse(
            &path,
            StatusCode::UNAUTHORIZED,
            "Masuk dulu: kirim POST /api/v1/masuk dengan nama_pengguna dan kata_sandi.",
        ),
        Ok(_) => {
            let back = request
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| "/".into());
            let query = super::encode(&[("lanjut", back.as_str())]);
            Redirect::to(&format!("{LOGIN_PATH}?{query}")).into_response()
        }
        Err(e) => refuse(&path, StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// The client's address (loopback when the server was not given connection info).
pub fn client_ip(connect: Option<axum::Extension<ConnectInfo<SocketAddr>>>) -> IpAddr {
    connect.map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0 .0.ip())
}

/// Where to go after logging in: a path of this site, never another site.
pub fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_string()
    } else {
        "/".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).expect("header"));
        }
        h
    }

    #[test]
    fn cross_site_state_changes_are_recognised() {
        let post = Method::POST;
        let host = ("host", "192.168.1.5:3000");
        assert!(!cross_site(
            &post,
            &headers(&[host, ("origin", "http://192.168.1.5:3000")])
        ));
        assert!(cross_site(
            &post,
            &headers(&[host, ("origin", "http://evil.example")])
        ));
        assert!(cross_site(
            &post,
            &headers(&[host, ("origin", "http://192.168.1.5:8080")])
        ));
        assert!(cross_site(&post, &headers(&[host, ("origin", "null")])));
        assert!(cross_site(
            &post,
            &headers(&[host, ("sec-fetch-site", "cross-site")])
        ));
        assert!(cross_site(
            &post,
            &headers(&[host, ("sec-fetch-site", "same-site")])
        ));
        assert!(!cross_site(
            &post,
            &headers(&[host, ("sec-fetch-site", "same-origin")])
        ));
        // Scripts send neither header.
        assert!(!cross_site(&post, &headers(&[host])));
        // Reading is never refused.
        assert!(!cross_site(
            &Method::GET,
            &headers(&[host, ("origin", "http://evil.example")])
        ));
    }

    #[test]
    fn the_session_token_comes_from_its_cookie_only() {
        let h = headers(&[("cookie", "tema=gelap; capaian_sesi=abc123; x=1")]);
        assert_eq!(session_token(&h).as_deref(), Some("abc123"));
        assert_eq!(
            session_token(&headers(&[("cookie", "capaian_sesi=")])),
            None
        );
        assert_eq!(session_token(&headers(&[])), None);
    }

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next("/dokumen/x?hal=2"), "/dokumen/x?hal=2");
        assert_eq!(safe_next("//evil.example/"), "/");
        assert_eq!(safe_next("https://evil.example/"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
    }
}
