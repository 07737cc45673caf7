//! The site's static files: the wasm bundle, its JS and the stylesheet under `/pkg/`, and the
//! files of `public/` at the site root.
//!
//! `scripts/build.sh` names the bundle's files by a hash of their content
//! (`capaian.<hash>.js`, `capaian.<hash>_bg.wasm`, `capaian.<hash>.css`), writes that name to
//! `bundle.txt` at the site root, and stores a brotli and a gzip copy beside each file. The
//! server reads the name once ([`Assets::load`]); pages link the hashed files, which are served
//! precompressed and cached for a year (a new build has new names); everything else under
//! `/pkg/` and the site root is revalidated. Pages and API answers are compressed on the fly
//! (`CompressionLayer` in `web.rs`).

use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, VARY};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::ServeDir;

/// The bundle's base name when the site was built without hashing (older builds).
pub const UNHASHED: &str = app::OUTPUT_NAME;

/// The file at the site root that names the current bundle.
pub const BUNDLE_FILE: &str = "bundle.txt";

/// A year, for files whose name changes with their content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Files whose name stays: the browser asks again each time (cheap with ETag/Last-Modified).
const REVALIDATE: &str = "no-cache";

/// Where the site is and what its bundle is called.
#[derive(Clone, Debug)]
pub struct Assets {
    pub site_root: PathBuf,
    /// `capaian.<hash>` (or `capaian` for an unhashed build): the bundle's files are
    /// `/pkg/{bundle}.js`, `/pkg/{bundle}_bg.wasm` and `/pkg/{bundle}.css`.
    pub bundle: String,
}

impl Assets {
    /// Reads the bundle's name from `bundle.txt`; without it, the unhashed name.
    pub fn load(site_root: &Path) -> Assets {
        let bundle = std::fs::read_to_string(site_root.join(BUNDLE_FILE))
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| valid_bundle_name(s))
            .unwrap_or_else(|| UNHASHED.to_string());
        Assets {
            site_root: site_root.to_path_buf(),
            bundle,
        }
    }

    /// Whether the bundle's JS is where pages will link it.
    pub fn present(&self) -> bool {
        self.site_root
            .join("pkg")
            .join(format!("{}.js", self.bundle))
            .is_file()
    }

    /// `/pkg/` served from disk, preferring the precompressed copies the build wrote.
    pub fn pkg_service(&self) -> ServeDir {
        ServeDir::new(self.site_root.join("pkg"))
            .precompressed_br()
            .precompressed_gzip()
    }

    /// The `Cache-Control` a static path gets, or None for pages and API answers.
    pub fn cache_control(&self, path: &str) -> Option<&'static str> {
        if let Some(file) = path.strip_prefix("/pkg/") {
            let hashed = self.bundle != UNHASHED
                && file
                    .strip_prefix(self.bundle.as_str())
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with("_bg."));
            Some(if hashed { IMMUTABLE } else { REVALIDATE })
        } else if path.rsplit('/').next().is_some_and(is_public_file) {
            Some(REVALIDATE)
        } else {
            None
        }
    }
}

/// `capaian` or `capaian.<hex>`: nothing that could leave `/pkg/`.
fn valid_bundle_name(name: &str) -> bool {
    match name.strip_prefix(UNHASHED) {
        Some("") => true,
        Some(rest) => rest.strip_prefix('.').is_some_and(|h| {
            !h.is_empty() && h.len() <= 64 && h.bytes().all(|b| b.is_ascii_hexdigit())
        }),
        None => false,
    }
}

/// Files copied from `public/` (an extension, not a page route).
fn is_public_file(last: &str) -> bool {
    matches!(
        last.rsplit_once('.').map(|(_, ext)| ext),
        Some("svg" | "png" | "ico" | "txt" | "webmanifest")
    )
}

/// Sets `Cache-Control` on static files (see [`Assets::cache_control`]).
pub async fn cache_headers(State(assets): State<Assets>, req: Request, next: Next) -> Response {
    let policy = assets.cache_control(req.uri().path());
    let mut res = next.run(req).await;
    if let Some(policy) = policy {
        if res.status().is_success() || res.status() == axum::http::StatusCode::NOT_MODIFIED {
            let headers = res.headers_mut();
            headers.insert(CACHE_CONTROL, HeaderValue::from_static(policy));
            if !headers.contains_key(VARY) {
                headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
            }
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assets(bundle: &str) -> Assets {
        Assets {
            site_root: PathBuf::from("site"),
            bundle: bundle.to_string(),
        }
    }

    #[test]
    fn hashed_files_are_cached_for_a_year_and_the_rest_revalidated() {
        let a = assets("capaian.0123abcd");
        let cases = [
            ("/pkg/capaian.0123abcd.js", Some(IMMUTABLE)),
            ("/pkg/capaian.0123abcd_bg.wasm", Some(IMMUTABLE)),
            ("/pkg/capaian.0123abcd.css", Some(IMMUTABLE)),
            ("/pkg/capaian.css", Some(REVALIDATE)),
            ("/pkg/capaian.99999999.js", Some(REVALIDATE)),
            ("/favicon.svg", Some(REVALIDATE)),
            ("/", None),
            ("/dokumen/abc", None),
            ("/api/v1/ruang-kerja", None),
        ];
        for (path, want) in cases {
            assert_eq!(a.cache_control(path), want, "{path}");
        }
        // An unhashed build caches nothing for long.
        assert_eq!(
            assets(UNHASHED).cache_control("/pkg/capaian.js"),
            Some(REVALIDATE)
        );
    }

    #[test]
    fn only_bundle_names_that_stay_inside_pkg_are_accepted() {
        for (name, ok) in [
            ("capaian", true),
            ("capaian.0123abcdef", true),
            ("capaian.", false),
            ("capaian.../x", false),
            ("capaian.12 34", false),
            ("other.1234", false),
            ("", false),
        ] {
            assert_eq!(valid_bundle_name(name), ok, "{name:?}");
        }
    }
}
