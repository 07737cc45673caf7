//! One mapping from the errors of the store, the operations and the accounts to HTTP
//! statuses, and the JSON API's error body `{"galat": "…"}` in Indonesian: 404 for what does
//! not exist, 422 for a request that cannot be right, 409 for a stale version or a quarter
//! already submitted, 423 for an edit into a locked quarter, 403 for what the role does not
//! allow. (The pages' form routes answer by redirecting back with the same messages.)

use app::ssr::{PointError, StoreError};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::akun::AuthError;
use crate::operations::OperationError;

/// An API error: a status and an Indonesian message, plus optional details.
pub struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) body: Value,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl std::fmt::Display) -> ApiError {
        ApiError {
            status,
            body: json!({ "galat": message.to_string() }),
        }
    }

    pub fn not_found(what: &str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, format!("{what} tidak ditemukan."))
    }

    pub fn invalid(message: impl std::fmt::Display) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

/// The status of a store error: a stale version or a duplicate is a conflict (409), anything
/// else the database's failure (500, logged).
fn store_status(e: &StoreError) -> StatusCode {
    match e {
        StoreError::Stale
        | StoreError::RowsChanged(_)
        | StoreError::Duplicate { .. }
        | StoreError::AccountExists(_)
        | StoreError::AccountsExist => StatusCode::CONFLICT,
        StoreError::Database(_) => {
            tracing::error!("{e}");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        ApiError::new(store_status(&e), e)
    }
}

impl From<OperationError> for ApiError {
    fn from(e: OperationError) -> ApiError {
        let status = match &e {
            OperationError::NotFound(_) => StatusCode::NOT_FOUND,
            OperationError::Invalid(_)
            | OperationError::Read(_)
            | OperationError::NeedsMapping(_) => StatusCode::UNPROCESSABLE_ENTITY,
            OperationError::AlreadySubmitted(_)
            | OperationError::MappingChanged(_)
            | OperationError::Busy
            | OperationError::NotApplicable(_) => StatusCode::CONFLICT,
            OperationError::Files(_) => StatusCode::INTERNAL_SERVER_ERROR,
            OperationError::Forbidden(_) => StatusCode::FORBIDDEN,
            // A stale version is the store's 409, a database failure its 500.
            OperationError::Store(s) => store_status(s),
        };
        ApiError::new(status, e)
    }
}

impl From<PointError> for ApiError {
    fn from(e: PointError) -> ApiError {
        match e {
            PointError::Unknown(_) => ApiError::invalid(e),
            PointError::Store(s) => s.into(),
        }
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> ApiError {
        match e {
            AuthError::WrongCredentials => ApiError::new(StatusCode::UNAUTHORIZED, e),
            AuthError::RateLimited(_) => ApiError::new(StatusCode::TOO_MANY_REQUESTS, e),
            AuthError::Invalid(_) => ApiError::invalid(e),
            AuthError::NoSuchAccount(_) => ApiError::new(StatusCode::NOT_FOUND, e),
            AuthError::Hash(_) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e),
            AuthError::Store(s) => s.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An operation that lost a race with another writer answers 409 (try again), not 500.
    #[test]
    fn statuses_of_operation_errors() {
        let cases = [
            (
                OperationError::Store(StoreError::Stale),
                StatusCode::CONFLICT,
            ),
            (
                OperationError::Store(StoreError::Database("disk".into())),
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
            (OperationError::NotFound("Dokumen"), StatusCode::NOT_FOUND),
            (OperationError::Busy, StatusCode::CONFLICT),
            (
                OperationError::Forbidden("bukan peran Anda".into()),
                StatusCode::FORBIDDEN,
            ),
        ];
        for (error, status) in cases {
            let text = error.to_string();
            assert_eq!(ApiError::from(error).status, status, "{text}");
        }
    }
}
