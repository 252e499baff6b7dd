//! The REST data plane (`/api/…`, §2 of protocols.md) and the emulator's own test hook
//! (`/emulator/…`), routed by axum from the operation table (`crate::wire::ops`): every
//! operation's path template is its route, token checks are a route layer, and unknown paths and
//! methods get JSON 404 and 405 answers.

mod auth;
mod handlers;

pub(crate) use handlers::Handled;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, on, post, MethodFilter};
use axum::Router;

use super::Emulator;
use crate::wire::ops::{OpKind, OPERATIONS};
use crate::wire::{self, ErrorBody};

/// The REST API and the test hook, ready to merge with the client endpoint's routes.
pub fn router(emu: Arc<Emulator>) -> Router {
    // The API's literal `:send`-style segments need axum's 0.7-compatible path syntax off.
    let mut api: Router<Arc<Emulator>> = Router::new().without_v07_checks();
    for op in OPERATIONS.iter().filter(|op| op.kind != OpKind::Health) {
        let kind = op.kind;
        api = api.route(
            op.path,
            on(
                method_filter(&op.method),
                move |State(emu), req: Request| handlers::handle(kind, emu, req),
            ),
        );
    }
    api.route(
        "/emulator/hubs/{hub}/connections/{connectionId}/:drop",
        post(handlers::drop_hook),
    )
    .route_layer(middleware::from_fn_with_state(
        emu.clone(),
        auth::require_token,
    ))
    // Health needs no token, so load balancers and `curl -I` can probe it.
    .route(OpKind::Health.spec().path, get(health))
    .fallback(not_found)
    .method_not_allowed_fallback(method_not_allowed)
    .layer(middleware::from_fn_with_state(emu.clone(), envelope))
    .with_state(emu)
}

async fn health() -> Response {
    let mut response = StatusCode::OK.into_response();
    response
        .extensions_mut()
        .insert(Handled(OpKind::Health.spec().id));
    response
}

/// The axum filter of a table method (the table only has these five).
fn method_filter(method: &Method) -> MethodFilter {
    [
        (Method::GET, MethodFilter::GET),
        (Method::HEAD, MethodFilter::HEAD),
        (Method::PUT, MethodFilter::PUT),
        (Method::DELETE, MethodFilter::DELETE),
    ]
    .into_iter()
    .find(|(m, _)| m == method)
    .map_or(MethodFilter::POST, |(_, f)| f)
}

/// Around every REST answer: the `--trace` record, and `api-supported-versions` echoing the
/// requested version as the service does.
async fn envelope(State(emu): State<Arc<Emulator>>, mut req: Request, next: Next) -> Response {
    let traced = match &emu.trace {
        Some(t) => Some(t.begin_rest(&mut req).await),
        None => None,
    };
    let version = api_version(req.uri().query()).to_string();
    let mut response = next.run(req).await;
    if let Ok(v) = HeaderValue::from_str(&version) {
        response.headers_mut().insert("api-supported-versions", v);
    }
    if let (Some(t), Some(p)) = (&emu.trace, traced) {
        t.end_rest(p, &response);
    }
    response
}

/// The request's `api-version`, or the newest when it names none (as Microsoft's emulator does).
fn api_version(query: Option<&str>) -> std::borrow::Cow<'_, str> {
    url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .find(|(k, _)| k.eq_ignore_ascii_case("api-version"))
        .map(|(_, v)| v)
        .unwrap_or(std::borrow::Cow::Borrowed(wire::LATEST_API_VERSION))
}

async fn not_found(req: Request) -> Response {
    let path = crate::output::sanitize_line(req.uri().path());
    let message = if path.starts_with("/api/") {
        format!("No REST operation at {path}.")
    } else {
        format!(
            "No such endpoint: {path}. The REST API is under /api/, clients connect to /client/hubs/{{hub}}."
        )
    };
    ApiError::new(StatusCode::NOT_FOUND, "NotFound", message).into_response_for(req.method())
}

async fn method_not_allowed(req: Request) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        format!("Method {} is not allowed on this path.", req.method()),
    )
    .into_response_for(req.method())
}

/// An error answer: status, `x-ms-error-code` and the JSON body (none for HEAD).
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    target: Option<&'static str>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            target: None,
        }
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BadRequest", message)
    }

    fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Unauthorized", message)
    }

    fn not_found(code: &'static str, target: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            target: Some(target),
            ..Self::new(StatusCode::NOT_FOUND, code, message)
        }
    }

    fn connection_not_found(id: &str) -> Self {
        Self::not_found(
            "Warning.Connection.NotExisted",
            "Connection",
            format!("Connection `{id}` is not found."),
        )
    }

    fn user_not_found(user: &str) -> Self {
        Self::not_found(
            "Warning.User.NotExisted",
            "User",
            format!("User `{user}` is not found."),
        )
    }

    fn into_response_for(self, method: &Method) -> Response {
        let body = ErrorBody {
            code: self.code.to_string(),
            message: self.message,
            target: self.target.map(str::to_string),
            details: None,
            innererror: None,
        };
        let mut response = if method == Method::HEAD {
            self.status.into_response()
        } else {
            (
                self.status,
                [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                serde_json::to_string(&body).unwrap_or_default(),
            )
                .into_response()
        };
        response
            .headers_mut()
            .insert("x-ms-error-code", HeaderValue::from_static(self.code));
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
