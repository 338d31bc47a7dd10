//! The one error type at the HTTP edge. It keeps what the user is told apart from what is
//! logged, and never turns an outage into a 4xx.

use crate::ui::{error_response, say, tr, tr_with};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tsuzuri_app::Error;
use tsuzuri_render::i18n::Arg;

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
            Error::NotFound(m) => (StatusCode::NOT_FOUND, say(m)),
            Error::Invalid(m) => (StatusCode::BAD_REQUEST, say(m)),
            Error::InvalidForm(problems) => (
                StatusCode::BAD_REQUEST,
                problems
                    .iter()
                    .map(|(_, m)| say(m))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Error::Conflict(m) => (StatusCode::CONFLICT, say(m)),
            Error::Unauthorized(m) => (StatusCode::UNAUTHORIZED, say(m)),
            Error::Forbidden(m) => (StatusCode::FORBIDDEN, say(m)),
            Error::RateLimited(wait) => (
                StatusCode::TOO_MANY_REQUESTS,
                tr_with("error-rate-limited", &[("seconds", Arg::Number(*wait))]),
            ),
            Error::Gone(m) => (StatusCode::GONE, say(m)),
            Error::BadImport(problems) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                problems
                    .iter()
                    .map(|(line, m)| {
                        tr_with(
                            "error-import-line",
                            &[("line", Arg::from(*line)), ("problem", Arg::from(say(m)))],
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Error::Unavailable(e) => {
                tracing::error!(error = %e, "database unavailable");
                (StatusCode::SERVICE_UNAVAILABLE, tr("error-unavailable"))
            }
            Error::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, tr("error-internal"))
            }
        };
        let mut res = error_response(status, message);
        if status == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("30"));
        }
        res
    }
}
