//! The issuer's two HTTP endpoints, both behind the identity header:
//!
//! * `GET /entra/msi/token?resource=R&api-version=2019-08-01[&client_id=C]`: App Service's
//!   managed-identity protocol, which azure-identity (Python), @azure/identity (JS) and
//!   azure_identity (Rust) speak when `IDENTITY_ENDPOINT` and `IDENTITY_HEADER` are set.
//! * `POST /entra/token` (form `resource=R` or `scope=R/.default`, `client_id=C`): for test
//!   shims such as a fake `az` on PATH; it answers with `az account get-access-token`'s fields
//!   too, so a shim can print the answer as it is.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::{valid_client_id, valid_resource, DEFAULT_CLIENT_ID, TENANT_ID, TOKEN_TTL_SECS};
use crate::emulator::body::{read_limited, BodyError, READ_TIMEOUT};
use crate::emulator::Emulator;
use crate::token;

/// The header App Service's protocol carries the secret in.
pub const IDENTITY_HEADER: &str = "x-identity-header";
/// The only managed-identity protocol version served.
const MSI_API_VERSION: &str = "2019-08-01";
/// A token request's form is small; anything bigger is not one.
const MAX_FORM: usize = 16 * 1024;
/// How far `expires_in` (a test aid of `/entra/token`) may reach either way.
const MAX_EXPIRES_IN: i64 = 86_400;

/// An OAuth-style error answer.
struct Refusal {
    status: StatusCode,
    code: &'static str,
    description: String,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (
            self.status,
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            json!({"error": self.code, "error_description": self.description}).to_string(),
        )
            .into_response()
    }
}

fn error(status: StatusCode, code: &'static str, description: impl Into<String>) -> Refusal {
    Refusal {
        status,
        code,
        description: description.into(),
    }
}

fn bad(description: impl Into<String>) -> Refusal {
    error(StatusCode::BAD_REQUEST, "invalid_request", description)
}

/// 401 unless the request carries the identity header exactly once, with the right value.
fn check_header(emu: &Emulator, headers: &HeaderMap) -> Result<(), Refusal> {
    let mut values = headers.get_all(IDENTITY_HEADER).iter();
    match (values.next(), values.next()) {
        (Some(v), None) if emu.entra.header_matches(v.as_bytes()) => Ok(()),
        (None, _) => Err(error(
            StatusCode::UNAUTHORIZED,
            "unauthorized_client",
            "No X-IDENTITY-HEADER: send the IDENTITY_HEADER value the emulator printed at start.",
        )),
        _ => Err(error(
            StatusCode::UNAUTHORIZED,
            "unauthorized_client",
            "Wrong X-IDENTITY-HEADER: send the IDENTITY_HEADER value the emulator printed at start.",
        )),
    }
}

/// The parameters of a query or form, each at most once.
fn params(raw: &[u8]) -> Result<HashMap<String, String>, Refusal> {
    let mut out = HashMap::new();
    for (k, v) in url::form_urlencoded::parse(raw) {
        let key = k.to_ascii_lowercase();
        if out.insert(key, v.into_owned()).is_some() {
            return Err(bad(format!(
                "The parameter '{}' is given more than once.",
                crate::output::sanitize_line(&k)
            )));
        }
    }
    Ok(out)
}

fn client_id(params: &HashMap<String, String>) -> Result<String, Refusal> {
    for unsupported in ["object_id", "principal_id", "mi_res_id", "msi_res_id"] {
        if params.contains_key(unsupported) {
            return Err(bad(format!(
                "The emulator names identities by client_id only, not {unsupported}."
            )));
        }
    }
    match params.get("client_id") {
        None => Ok(DEFAULT_CLIENT_ID.to_string()),
        Some(c) if valid_client_id(c) => Ok(c.clone()),
        Some(_) => Err(bad(
            "client_id must be 1 to 128 letters, digits, '-', '_' or '.'.",
        )),
    }
}

fn checked_resource(resource: &str) -> Result<&str, Refusal> {
    if valid_resource(resource) {
        Ok(resource)
    } else {
        Err(bad(
            "The resource must be 1 to 512 printable characters without spaces, e.g. https://webpubsub.azure.com.",
        ))
    }
}

fn token_response(body: Value) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::PRAGMA, "no-cache"),
        ],
        body.to_string(),
    )
        .into_response()
}

/// `GET /entra/msi/token`: App Service managed identity, api-version 2019-08-01.
pub async fn msi_token(
    State(emu): State<Arc<Emulator>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    msi(&emu, &headers, query.as_deref().unwrap_or("")).unwrap_or_else(IntoResponse::into_response)
}

fn msi(emu: &Emulator, headers: &HeaderMap, query: &str) -> Result<Response, Refusal> {
    check_header(emu, headers)?;
    let params = params(query.as_bytes())?;
    match params.get("api-version").map(String::as_str) {
        Some(MSI_API_VERSION) => {}
        Some(other) => {
            return Err(bad(format!(
                "api-version '{}' is not supported; use {MSI_API_VERSION}.",
                crate::output::sanitize_line(other)
            )))
        }
        None => return Err(bad(format!("No api-version; use {MSI_API_VERSION}."))),
    }
    let Some(resource) = params.get("resource") else {
        return Err(bad(
            "No resource: ask for one, e.g. resource=https://webpubsub.azure.com.",
        ));
    };
    let resource = checked_resource(resource)?;
    let client_id = client_id(&params)?;
    let (access_token, _, exp) =
        emu.entra
            .mint(resource, &client_id, token::now_secs(), TOKEN_TTL_SECS);
    // App Service writes expires_on as a string of Unix seconds; the SDKs expect exactly that.
    Ok(token_response(json!({
        "access_token": access_token,
        "expires_on": exp.to_string(),
        "resource": resource,
        "token_type": "Bearer",
        "client_id": client_id,
    })))
}

/// `POST /entra/token`: a form with `resource` or `scope`, and optionally `client_id` and
/// `expires_in` (seconds; negative gives an expired token, for testing refusals).
pub async fn plain_token(
    State(emu): State<Arc<Emulator>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    plain(&emu, &headers, body)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn plain(emu: &Emulator, headers: &HeaderMap, body: Body) -> Result<Response, Refusal> {
    check_header(emu, headers)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "invalid_request",
            "Send the request as a form (Content-Type: application/x-www-form-urlencoded).",
        ));
    }
    let form = read_limited(body, MAX_FORM, READ_TIMEOUT)
        .await
        .map_err(|e| match e {
            BodyError::TooLarge => error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "invalid_request",
                format!("The form is larger than {MAX_FORM} bytes."),
            ),
            BodyError::TimedOut => error(
                StatusCode::REQUEST_TIMEOUT,
                "invalid_request",
                "The form did not arrive in time.",
            ),
            BodyError::Malformed => bad("The form is malformed or incomplete."),
        })?;
    let params = params(&form)?;
    let resource = match (params.get("resource"), params.get("scope")) {
        (Some(r), None) => r.clone(),
        (None, Some(scope)) => {
            let scopes: Vec<&str> = scope.split_whitespace().collect();
            match scopes.as_slice() {
                [one] => one.to_string(),
                _ => return Err(bad("Ask for exactly one scope, e.g. https://webpubsub.azure.com/.default.")),
            }
        }
        (Some(_), Some(_)) => return Err(bad("Give resource or scope, not both.")),
        (None, None) => {
            return Err(bad(
                "No resource: give resource=R or scope=R/.default, e.g. scope=https://webpubsub.azure.com/.default.",
            ))
        }
    };
    let resource = super::audience_of(checked_resource(&resource)?);
    let client_id = client_id(&params)?;
    let ttl = match params.get("expires_in") {
        None => TOKEN_TTL_SECS,
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| n.abs() <= MAX_EXPIRES_IN)
            .ok_or_else(|| {
                bad(format!(
                    "expires_in must be whole seconds between -{MAX_EXPIRES_IN} and {MAX_EXPIRES_IN}."
                ))
            })?,
    };
    let (access_token, _, exp) = emu
        .entra
        .mint(&resource, &client_id, token::now_secs(), ttl);
    // The MSI fields, and `az account get-access-token`'s: there `expires_on` is a number
    // (azure_identity reads it as one), `expiresOn` a local time, here UTC.
    Ok(token_response(json!({
        "access_token": access_token,
        "accessToken": access_token,
        "expires_on": exp,
        "expiresOn": crate::clock::az_time(exp),
        "resource": resource,
        "token_type": "Bearer",
        "tokenType": "Bearer",
        "client_id": client_id,
        "subscription": emu.resource.subscription,
        "tenant": TENANT_ID,
    })))
}
