//! The Azure control plane of the one Web PubSub resource the emulator plays (ARM,
//! `Microsoft.SignalRService/webPubSub`, api-version 2024-03-01 shapes), under
//! `/subscriptions/…` on the data plane's listener.
//!
//! Every request needs an Entra token for an ARM audience (see `emulator::entra`) and an
//! `api-version`; then the path is matched (literals ignoring case, like ARM), the identity's
//! role checked, and the operation run (`resource`: the resource and its keys; `hubs`: hub
//! settings). Errors have ARM's shape, `{"error":{"code","message"}}`.

mod hubs;
mod resource;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use percent_encoding::percent_decode_str;
use serde_json::{json, Value};

use super::entra::{Principal, Role, Surface};
use super::Emulator;
use crate::token;
use crate::wire::HubName;

pub const PROVIDER: &str = "Microsoft.SignalRService";
pub const RESOURCE_TYPE: &str = "WebPubSub";
/// The default subscription, resource group and name.
pub const DEFAULT_SUBSCRIPTION: &str = "00000000-0000-0000-0000-000000000000";
pub const DEFAULT_RESOURCE_GROUP: &str = "local";
pub const DEFAULT_NAME: &str = "local";

/// Where the emulated resource is: subscription, resource group and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceId {
    pub subscription: String,
    pub resource_group: String,
    pub name: String,
}

impl Default for ResourceId {
    fn default() -> Self {
        ResourceId {
            subscription: DEFAULT_SUBSCRIPTION.into(),
            resource_group: DEFAULT_RESOURCE_GROUP.into(),
            name: DEFAULT_NAME.into(),
        }
    }
}

impl ResourceId {
    /// Checks each part against ARM's naming rules, so the id is always a clean path.
    pub fn new(subscription: &str, resource_group: &str, name: &str) -> Result<Self, String> {
        let sub_ok = (1..=64).contains(&subscription.len())
            && subscription
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !sub_ok {
            return Err(format!(
                "invalid --subscription '{subscription}': use a subscription id (letters, digits and '-')"
            ));
        }
        let rg_ok = (1..=90).contains(&resource_group.len())
            && !resource_group.ends_with('.')
            && resource_group
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.()".contains(&b));
        if !rg_ok {
            return Err(format!(
                "invalid --resource-group '{resource_group}': 1 to 90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'"
            ));
        }
        let name_ok = (3..=63).contains(&name.len())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.ends_with(|c: char| c.is_ascii_alphanumeric());
        if !name_ok {
            return Err(format!(
                "invalid --name '{name}': 3 to 63 letters, digits and '-', starting with a letter and ending with a letter or digit"
            ));
        }
        Ok(ResourceId {
            subscription: subscription.into(),
            resource_group: resource_group.into(),
            name: name.into(),
        })
    }

    /// `/subscriptions/SUB/resourceGroups/RG/providers/Microsoft.SignalRService/WebPubSub/NAME`
    pub fn id(&self) -> String {
        format!(
            "/subscriptions/{}/resourceGroups/{}/providers/{PROVIDER}/{RESOURCE_TYPE}/{}",
            self.subscription, self.resource_group, self.name
        )
    }

    fn is(&self, subscription: &str, resource_group: &str, name: &str) -> bool {
        self.subscription.eq_ignore_ascii_case(subscription)
            && self.resource_group.eq_ignore_ascii_case(resource_group)
            && self.name.eq_ignore_ascii_case(name)
    }
}

/// The ARM routes, to merge with the data plane's.
pub fn router(emu: Arc<Emulator>) -> Router {
    // Merged with the REST routes, whose `:send`-style segments need the 0.7 checks off.
    Router::new()
        .without_v07_checks()
        .route("/subscriptions", any(handle))
        .route("/subscriptions/", any(handle))
        .route("/subscriptions/{*rest}", any(handle))
        .with_state(emu)
}

/// ARM paths ignore case, `/subscriptions` included, but axum's routes do not: a request whose
/// first segment is `subscriptions` in another case is routed as if it were lowercase. Nothing
/// else of the request changes.
pub async fn canonical_prefix(mut req: Request) -> Request {
    let uri = req.uri();
    let path = uri.path();
    let first = path.get(1..).unwrap_or("").split('/').next().unwrap_or("");
    if first != "subscriptions" && first.eq_ignore_ascii_case("subscriptions") {
        let rest = &path[1 + first.len()..];
        let rewritten = match uri.query() {
            Some(q) => format!("/subscriptions{rest}?{q}"),
            None => format!("/subscriptions{rest}"),
        };
        let mut parts = uri.clone().into_parts();
        if let Ok(pq) = rewritten.parse() {
            parts.path_and_query = Some(pq);
            if let Ok(new) = axum::http::Uri::from_parts(parts) {
                *req.uri_mut() = new;
            }
        }
    }
    req
}

/// An ARM error answer.
#[derive(Debug)]
pub struct ArmError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ArmError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ArmError {
            status,
            code,
            message: message.into(),
        }
    }

    fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }
}

impl IntoResponse for ArmError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code, "message": self.message}});
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body.to_string(),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            let error = if self.code == "AuthenticationFailed" {
                "invalid_request"
            } else {
                "invalid_token"
            };
            if let Ok(v) = HeaderValue::from_str(&format!("Bearer error=\"{error}\"")) {
                response.headers_mut().insert(header::WWW_AUTHENTICATE, v);
            }
        }
        response
    }
}

fn ok_json(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    GetResource,
    ListKeys,
    RegenerateKey,
    ListHubs,
    GetHub(HubName),
    PutHub(HubName),
    DeleteHub(HubName),
}

impl Op {
    /// The role it needs, and the ARM action a refusal names.
    fn needs(&self) -> (Role, &'static str) {
        match self {
            Op::GetResource => (Role::Reader, "Microsoft.SignalRService/webPubSub/read"),
            Op::ListKeys => (
                Role::Contributor,
                "Microsoft.SignalRService/webPubSub/listKeys/action",
            ),
            Op::RegenerateKey => (
                Role::Contributor,
                "Microsoft.SignalRService/webPubSub/regenerateKey/action",
            ),
            Op::ListHubs | Op::GetHub(_) => {
                (Role::Reader, "Microsoft.SignalRService/webPubSub/hubs/read")
            }
            Op::PutHub(_) => (
                Role::Contributor,
                "Microsoft.SignalRService/webPubSub/hubs/write",
            ),
            Op::DeleteHub(_) => (
                Role::Contributor,
                "Microsoft.SignalRService/webPubSub/hubs/delete",
            ),
        }
    }
}

/// Every request under `/subscriptions`.
async fn handle(State(emu): State<Arc<Emulator>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let result = async {
        let principal = authenticate(&emu, &parts.headers)?;
        if !has_api_version(parts.uri.query()) {
            return Err(ArmError::bad_request(
                "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.",
            ));
        }
        let op = route(&emu, &parts.method, parts.uri.path())?;
        let (role, action) = op.needs();
        if !emu.entra.has_role(&principal, role) {
            return Err(ArmError::new(
                StatusCode::FORBIDDEN,
                "AuthorizationFailed",
                format!(
                    "The {principal} does not have authorization to perform action '{action}' over scope '{}'. Assign it the '{}' role (webpubsub emulator start --entra-identity {}={}).",
                    emu.resource.id(),
                    role.azure_name(),
                    principal.client_id,
                    role.flag_name()
                ),
            ));
        }
        match op {
            Op::GetResource => Ok(ok_json(StatusCode::OK, &resource::resource_json(&emu))),
            Op::ListKeys => Ok(ok_json(StatusCode::OK, &resource::keys_json(&emu))),
            Op::RegenerateKey => resource::regenerate(&emu, &parts.headers, body).await,
            Op::ListHubs => Ok(ok_json(StatusCode::OK, &hubs::list(&emu))),
            Op::GetHub(hub) => hubs::get(&emu, &hub),
            Op::PutHub(hub) => hubs::put(&emu, hub, &parts.headers, body).await,
            Op::DeleteHub(hub) => Ok(hubs::delete(&emu, &hub)),
        }
    }
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
}

/// The caller, from an Entra bearer token for an ARM audience.
fn authenticate(emu: &Emulator, headers: &HeaderMap) -> Result<Principal, ArmError> {
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let value = match (values.next(), values.next()) {
        (None, _) => {
            return Err(ArmError::new(
                StatusCode::UNAUTHORIZED,
                "AuthenticationFailed",
                "Authentication failed. The 'Authorization' header is missing: send 'Bearer <token>' from the emulator's Entra ID (scope <arm endpoint>/.default).",
            ))
        }
        (Some(v), None) => v,
        (Some(_), Some(_)) => {
            return Err(ArmError::new(
                StatusCode::UNAUTHORIZED,
                "AuthenticationFailed",
                "Authentication failed. The request has more than one 'Authorization' header.",
            ))
        }
    };
    let jwt = value.to_str().ok().and_then(token::bearer).ok_or_else(|| {
        ArmError::new(
            StatusCode::UNAUTHORIZED,
            "AuthenticationFailed",
            "Authentication failed. The 'Authorization' header is not 'Bearer <token>'.",
        )
    })?;
    let own = emu.authority.for_request(headers);
    let own_base = |aud: &str| -> bool {
        url::Url::parse(aud).is_ok_and(|u| {
            u.scheme() == "http"
                && (u.path().is_empty() || u.path() == "/")
                && u.query().is_none()
                && u.host_str()
                    .is_some_and(|h| own(h, u.port_or_known_default()))
        })
    };
    emu.entra
        .verify(jwt, Surface::Arm, &own_base)
        .map_err(|reason| {
            ArmError::new(
                StatusCode::UNAUTHORIZED,
                "InvalidAuthenticationToken",
                format!("The access token is invalid: {reason}."),
            )
        })
}

fn has_api_version(query: Option<&str>) -> bool {
    url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .any(|(k, v)| k.eq_ignore_ascii_case("api-version") && !v.trim().is_empty())
}

/// Matches the path (each segment percent-decoded on its own; literals ignore case) to an
/// operation of the emulated resource.
fn route(emu: &Emulator, method: &Method, path: &str) -> Result<Op, ArmError> {
    let shown = crate::output::sanitize_line(&path.chars().take(300).collect::<String>());
    let not_found = || {
        ArmError::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!(
                "No ARM operation at {method} {shown}. The emulator serves {} (GET), its /listKeys and /regenerateKey (POST), and /hubs[/{{hub}}].",
                emu.resource.id()
            ),
        )
    };
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    let mut segments = Vec::new();
    for raw in trimmed.split('/').skip(1) {
        let decoded = percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| not_found())?;
        segments.push(decoded.into_owned());
    }
    let seg: Vec<&str> = segments.iter().map(String::as_str).collect();
    let literal = |i: usize, want: &str| seg.get(i).is_some_and(|s| s.eq_ignore_ascii_case(want));
    if seg.len() < 8
        || !literal(0, "subscriptions")
        || !literal(2, "resourceGroups")
        || !literal(4, "providers")
        || !literal(5, PROVIDER)
        || !literal(6, RESOURCE_TYPE)
    {
        return Err(not_found());
    }
    if !emu.resource.is(seg[1], seg[3], seg[7]) {
        return Err(ArmError::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            format!(
                "The Resource '{PROVIDER}/{RESOURCE_TYPE}/{}' under resource group '{}' was not found. This emulator plays {}.",
                crate::output::sanitize_line(seg[7]),
                crate::output::sanitize_line(seg[3]),
                emu.resource.id()
            ),
        ));
    }
    let not_allowed = || {
        ArmError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            format!("The requested resource does not support http method '{method}'."),
        )
    };
    let rest = &seg[8..];
    let is = |s: &str, want: &str| s.eq_ignore_ascii_case(want);
    match rest {
        [] => match *method {
            Method::GET => Ok(Op::GetResource),
            _ => Err(not_allowed()),
        },
        [one] if is(one, "listKeys") => match *method {
            Method::POST => Ok(Op::ListKeys),
            _ => Err(not_allowed()),
        },
        [one] if is(one, "regenerateKey") => match *method {
            Method::POST => Ok(Op::RegenerateKey),
            _ => Err(not_allowed()),
        },
        [one] if is(one, "hubs") => match *method {
            Method::GET => Ok(Op::ListHubs),
            _ => Err(not_allowed()),
        },
        [one, hub] if is(one, "hubs") => {
            let hub = HubName::parse(*hub)
                .map_err(|e| ArmError::bad_request("InvalidResourceName", format!("{e}.")))?;
            match *method {
                Method::GET => Ok(Op::GetHub(hub)),
                Method::PUT => Ok(Op::PutHub(hub)),
                Method::DELETE => Ok(Op::DeleteHub(hub)),
                _ => Err(not_allowed()),
            }
        }
        _ => Err(not_found()),
    }
}

/// Reads a JSON request body (at most `limit` bytes).
async fn read_json(
    headers: &HeaderMap,
    body: axum::body::Body,
    limit: usize,
) -> Result<Value, ArmError> {
    use crate::emulator::body::{read_limited, BodyError, READ_TIMEOUT};
    if let Some(ct) = headers.get(header::CONTENT_TYPE) {
        let media = ct
            .to_str()
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if media != "application/json" && !media.ends_with("+json") {
            return Err(ArmError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "UnsupportedMediaType",
                "The request body must be application/json.",
            ));
        }
    }
    let bytes = read_limited(body, limit, READ_TIMEOUT)
        .await
        .map_err(|e| match e {
            BodyError::TooLarge => ArmError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "RequestEntityTooLarge",
                format!("The request body is larger than {limit} bytes."),
            ),
            BodyError::TimedOut => ArmError::new(
                StatusCode::REQUEST_TIMEOUT,
                "RequestTimeout",
                "The request body did not arrive in time.",
            ),
            BodyError::Malformed => ArmError::bad_request(
                "InvalidRequestContent",
                "The request body is malformed or incomplete.",
            ),
        })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&bytes).map_err(|e| {
        ArmError::bad_request(
            "InvalidRequestContent",
            format!("The request content is not valid JSON: {e}."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_ids_follow_arm_naming() {
        let id = ResourceId::default();
        assert_eq!(
            id.id(),
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.SignalRService/WebPubSub/local"
        );
        assert!(id.is(DEFAULT_SUBSCRIPTION, "LOCAL", "Local"));
        assert!(ResourceId::new("sub-1", "rg_(x).y", "my-wps1").is_ok());
        for (s, g, n) in [
            ("", "rg", "name"),
            ("a/b", "rg", "name"),
            ("s", "rg.", "name"),
            ("s", "r g", "name"),
            ("s", "rg", "ab"),
            ("s", "rg", "1abc"),
            ("s", "rg", "abc-"),
            ("s", "rg", "a_bc"),
        ] {
            assert!(ResourceId::new(s, g, n).is_err(), "{s} {g} {n}");
        }
    }

    #[test]
    fn api_versions() {
        assert!(has_api_version(Some("api-version=2024-03-01")));
        assert!(has_api_version(Some("x=1&API-VERSION=x")));
        assert!(!has_api_version(Some("api-version=")));
        assert!(!has_api_version(None));
    }
}
