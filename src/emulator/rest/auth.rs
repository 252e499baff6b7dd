//! The bearer token of REST calls, checked as a route layer. Either an access-key token (signed
//! with the primary or secondary key, not expired, and with an `aud` that names this very
//! request, see `emulator::audience`), refused when local auth is disabled; or an Entra token
//! from the emulator's issuer for the data plane's audience, whose identity holds the
//! `Web PubSub Service Owner` role. Which one it was is left on the request for the handlers.

use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::Value;

use super::ApiError;
use crate::emulator::audience::{self, Target};
use crate::emulator::entra::{Role, Surface};
use crate::emulator::Emulator;
use crate::token;

/// How a REST call was authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    AccessKey,
    Entra,
}

pub async fn require_token(
    State(emu): State<Arc<Emulator>>,
    matched: MatchedPath,
    mut req: Request,
    next: Next,
) -> Response {
    match check(&emu, matched.as_str(), &req) {
        Ok(kind) => {
            req.extensions_mut().insert(kind);
            next.run(req).await
        }
        Err(e) => e.into_response_for(req.method()),
    }
}

fn check(emu: &Emulator, template: &str, req: &Request) -> Result<AuthKind, ApiError> {
    let mut values = req.headers().get_all(header::AUTHORIZATION).iter();
    let auth = match (values.next(), values.next()) {
        (Some(v), None) => v,
        (None, _) => {
            return Err(ApiError::unauthorized(
                "No Authorization header: send 'Authorization: Bearer <JWT>' signed with the access key, or an Entra ID token.",
            ))
        }
        (Some(_), Some(_)) => {
            return Err(ApiError::unauthorized(
                "The request has more than one Authorization header.",
            ))
        }
    };
    let token =
        auth.to_str().ok().and_then(token::bearer).ok_or_else(|| {
            ApiError::unauthorized("The Authorization header is not 'Bearer <JWT>'.")
        })?;
    // Access-key tokens carry no issuer; a token naming ours is an Entra token, and one naming
    // another is only an access-key token if a key signed it.
    let issuer = token::decode_unverified(token)
        .ok()
        .and_then(|(_, claims)| {
            claims
                .0
                .get("iss")
                .and_then(Value::as_str)
                .map(str::to_string)
        });
    match issuer {
        Some(iss) if iss == emu.entra.issuer() => entra(emu, token),
        Some(iss) => {
            use token::TokenError as E;
            // A key's signature passed (whatever else is wrong): report as an access-key token.
            let signed_by_key = !emu.keys.local_auth_disabled
                && matches!(
                    emu.keys.verify(token, false),
                    Ok(_) | Err(E::Expired { .. } | E::NotYetValid { .. } | E::MissingExp)
                );
            if signed_by_key {
                return access_key(emu, template, req, token);
            }
            Err(ApiError::unauthorized(format!(
                "Invalid token: its issuer '{}' is not this emulator's Entra ID ({}).",
                crate::output::sanitize_line(&iss.chars().take(200).collect::<String>()),
                emu.entra.issuer()
            )))
        }
        None => access_key(emu, template, req, token),
    }
}

fn entra(emu: &Emulator, token: &str) -> Result<AuthKind, ApiError> {
    let who = emu
        .entra
        .verify(token, Surface::DataPlane, &|_| false)
        .map_err(|reason| ApiError::unauthorized(format!("Invalid Entra ID token: {reason}.")))?;
    let role = Role::WebPubSubServiceOwner;
    if !emu.entra.has_role(&who, role) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Forbidden",
            format!(
                "The {who} lacks the '{}' role on this resource; assign it (webpubsub emulator start --entra-identity {}={}).",
                role.azure_name(),
                who.client_id,
                role.flag_name()
            ),
        ));
    }
    Ok(AuthKind::Entra)
}

fn access_key(
    emu: &Emulator,
    template: &str,
    req: &Request,
    token: &str,
) -> Result<AuthKind, ApiError> {
    if emu.keys.local_auth_disabled {
        return Err(ApiError::unauthorized(
            "Local auth is disabled on this resource (disableLocalAuth): access-key tokens are refused; use an Entra ID token (scope https://webpubsub.azure.com/.default).",
        ));
    }
    let (claims, _) = emu
        .keys
        .verify(token, false)
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
        return Ok(AuthKind::AccessKey);
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
