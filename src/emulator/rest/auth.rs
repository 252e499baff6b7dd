//! The bearer token of REST calls, checked as a route layer: signed with the access key, not
//! expired, and with an `aud` that names this very request (see `emulator::audience`).

use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

use super::ApiError;
use crate::emulator::audience::{self, Target};
use crate::emulator::Emulator;
use crate::token;

pub async fn require_token(
    State(emu): State<Arc<Emulator>>,
    matched: MatchedPath,
    req: Request,
    next: Next,
) -> Response {
    match check(&emu, matched.as_str(), &req) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response_for(req.method()),
    }
}

fn check(emu: &Emulator, template: &str, req: &Request) -> Result<(), ApiError> {
    let Some(auth) = req.headers().get(header::AUTHORIZATION) else {
        return Err(ApiError::unauthorized(
            "No Authorization header: send 'Authorization: Bearer <JWT>' signed with the access key.",
        ));
    };
    let token =
        auth.to_str().ok().and_then(token::bearer).ok_or_else(|| {
            ApiError::unauthorized("The Authorization header is not 'Bearer <JWT>'.")
        })?;
    let claims = token::verify(
        token,
        &emu.access_key,
        token::now_secs(),
        token::DEFAULT_SKEW_SECS,
    )
    .map_err(|e| ApiError::unauthorized(format!("Invalid token: {e}.")))?;
    let target = Target {
        template,
        path: req.uri().path(),
        query: req.uri().query(),
    };
    let own = emu.authority.for_request(req.headers());
    let audiences = claims.audiences();
    if audiences
        .iter()
        .any(|aud| audience::matches(aud, &target, &own))
    {
        return Ok(());
    }
    let shown: Vec<String> = audiences
        .iter()
        .map(|a| crate::output::sanitize_line(a))
        .collect();
    Err(ApiError::unauthorized(format!(
        "Invalid token: its audience does not name this request ({} {}); aud: {}.",
        req.method(),
        crate::output::sanitize_line(req.uri().path()),
        shown.join(", ")
    )))
}
