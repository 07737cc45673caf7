//! Who is asking: the [`Pelaku`] the gate put on the request, as an extractor.

use app::akses::Pelaku;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;

/// The person behind a request (the account on a LAN, the single PC's person otherwise), as
/// the gate ([`super::gate::gate`]) worked it out. A route without it is a bug of the router,
/// answered 500 rather than acted on by nobody.
pub struct Aktor(pub Pelaku);

impl<S: Send + Sync> FromRequestParts<S> for Aktor {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Pelaku>().cloned().map(Aktor).ok_or((
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sesi tidak dikenali: permintaan tidak melewati gerbang Capaian.",
        ))
    }
}
