//! The one error type at the HTTP edge. It keeps what the user is told apart from what is
//! logged, and never turns an outage into a 4xx.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tsuzuri_app::Error;

#[derive(Debug)]
pub struct HttpError(pub Error);

impl From<Error> for HttpError {
    fn from(e: Error) -> Self {
        HttpError(e)
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let (status, message) = match &self.0 {
            Error::NotFound(m) => (StatusCode::NOT_FOUND, m.clone()),
            Error::Invalid(m) => (StatusCode::BAD_REQUEST, m.clone()),
            Error::InvalidForm(_) => (StatusCode::BAD_REQUEST, self.0.to_string()),
            Error::Conflict(m) => (StatusCode::CONFLICT, m.clone()),
            Error::Unauthorized(m) => (StatusCode::UNAUTHORIZED, m.clone()),
            Error::Forbidden(m) => (StatusCode::FORBIDDEN, m.clone()),
            Error::RateLimited(wait) => (
                StatusCode::TOO_MANY_REQUESTS,
                format!("Too many attempts; try again in {wait} seconds."),
            ),
            Error::Gone(m) => (StatusCode::GONE, m.clone()),
            Error::BadImport(problems) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                problems
                    .iter()
                    .map(|(l, m)| format!("line {l}: {m}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Error::Unavailable(e) => {
                tracing::error!(error = %e, "database unavailable");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The blog is temporarily unavailable. Please try again in a minute."
                        .to_string(),
                )
            }
            Error::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong on our side; it has been logged.".to_string(),
                )
            }
        };
        let mut res = (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message,
        )
            .into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("30"));
        }
        res
    }
}
