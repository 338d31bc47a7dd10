//! What handlers take from a request: axum's `Path`, `Query` and `Form` with rejections a
//! person can read (what the sender can fix, never the framework's own message, which names
//! Rust types and goes to the log), and the client's address.

use crate::HttpError;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use std::net::SocketAddr;
use tsuzuri_app::{Error, catalog_id};

/// Path parameters; an address whose parts do not parse (an id that is not a number) is a
/// page that does not exist.
pub(crate) struct Path<T>(pub T);

/// The query string; one that does not parse is a bad request.
pub(crate) struct Query<T>(pub T);

/// A urlencoded form body.
pub(crate) struct Form<T>(pub T);

impl<S, T> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(e) => {
                tracing::debug!(error = %e, path = parts.uri.path(), "unusable path");
                Err(HttpError(Error::NotFound(catalog_id("error-no-such-page"))).into_response())
            }
        }
    }
}

impl<S, T> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Query(v)),
            Err(e) => {
                tracing::debug!(error = %e, "unusable query");
                Err(HttpError(Error::Invalid(catalog_id("error-unreadable-query"))).into_response())
            }
        }
    }
}

impl<S, T> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        match axum::extract::Form::<T>::from_request(req, state).await {
            Ok(axum::extract::Form(v)) => Ok(Form(v)),
            Err(e) => {
                tracing::debug!(error = %e, "unusable form");
                let status = e.status();
                let mut res =
                    HttpError(Error::Invalid(catalog_id("error-unreadable-form"))).into_response();
                // Keep the framework's status (413 too large, 415 not a form, 400 other).
                *res.status_mut() = status;
                Err(res)
            }
        }
    }
}

/// The client's address as the socket saw it. (Behind a reverse proxy every request comes
/// from the proxy; per-address limits then apply to the proxy as a whole.)
pub(crate) struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "unknown".into());
        Ok(ClientIp(ip))
    }
}
