//! Upstream event handlers: the emulator's side of the CloudEvents webhook protocol
//! (`shared/reference/protocols.md` §5).
//!
//! The WebSocket code calls [`Upstream`] at each point of a connection's life: `connect` before
//! the handshake (blocking: it may reject or shape the connection), `connected` after it,
//! `user_event` for every `event` frame (and every frame of a simple client, as `message`), and
//! `disconnected` at the end. Everything else (matching handlers, abuse-protection validation,
//! CloudEvents headers, signatures, event ids, the connection state the handler sets) lives here,
//! so the caller keeps no upstream state of its own.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use bytes::Bytes;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::Url;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::state::lock;
use crate::token;
use crate::wire::{self, DataType};

/// How long one upstream call (validation or event, body included) may take.
pub const EVENT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a passed validation holds before the URL is validated again (like Microsoft's
/// emulator, which re-validates every minute).
pub const VALIDATION_TTL: Duration = Duration::from_secs(60);
/// After a failed validation, events to that URL fail at once until this backoff passes; it
/// doubles on each failure up to [`VALIDATION_BACKOFF_MAX`].
pub const VALIDATION_BACKOFF_MIN: Duration = Duration::from_secs(1);
pub const VALIDATION_BACKOFF_MAX: Duration = Duration::from_secs(60);
/// At most this much of an error response is quoted back (handshake answer, logs).
const MAX_ERROR_TEXT: usize = 4096;

/// `ce-*` header names (lower case: HTTP/1 sends them as given, and every SDK reads them
/// case-insensitively).
mod h {
    pub const ORIGIN: &str = "webhook-request-origin";
    pub const ALLOWED_ORIGIN: &str = "webhook-allowed-origin";
    pub const SPECVERSION: &str = "ce-specversion";
    pub const AWPSVERSION: &str = "ce-awpsversion";
    pub const TYPE: &str = "ce-type";
    pub const SOURCE: &str = "ce-source";
    pub const ID: &str = "ce-id";
    pub const TIME: &str = "ce-time";
    pub const SIGNATURE: &str = "ce-signature";
    pub const USER_ID: &str = "ce-userid";
    pub const CONNECTION_ID: &str = "ce-connectionid";
    pub const HUB: &str = "ce-hub";
    pub const EVENT_NAME: &str = "ce-eventname";
    pub const SUBPROTOCOL: &str = "ce-subprotocol";
    pub const CONNECTION_STATE: &str = "ce-connectionstate";
}

const SYSTEM_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// What `{event}` and `{hub}` expand to: everything but unreserved characters is escaped, so a
/// hub name with `` ` `` or `[` still makes one path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The system events a handler can subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemEvent {
    Connect,
    Connected,
    Disconnected,
}

impl SystemEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            SystemEvent::Connect => "connect",
            SystemEvent::Connected => "connected",
            SystemEvent::Disconnected => "disconnected",
        }
    }
}

/// Which user events a handler gets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum UserEventPattern {
    /// `user-event-pattern` omitted.
    #[default]
    None,
    /// `*`.
    All,
    /// A comma list of event names, matched case-insensitively.
    Names(Vec<String>),
}

impl UserEventPattern {
    pub fn matches(&self, event: &str) -> bool {
        match self {
            UserEventPattern::None => false,
            UserEventPattern::All => true,
            UserEventPattern::Names(names) => names.iter().any(|n| n.eq_ignore_ascii_case(event)),
        }
    }
}

/// One `--event-handler` of `emulator start`, az-style: space-separated `key=value` items, e.g.
/// `url-template=http://localhost:3000/eventhandler/{event} user-event-pattern=* system-event=connect system-event=connected hub=chat`.
///
/// Keys (case-insensitive; `-` and `_` optional, so `urlTemplate` works too):
/// `url-template` (required; may contain `{event}` and `{hub}`, not in the host),
/// `user-event-pattern` (`*` or a comma list of event names; omitted = no user events),
/// `system-event` (repeatable, or a comma list: `connect`, `connected`, `disconnected`),
/// `hub` (a hub name, or `*` = every hub, the default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerConfig {
    pub url_template: String,
    pub user_events: UserEventPattern,
    pub system_events: Vec<SystemEvent>,
    /// `None` = every hub.
    pub hub: Option<String>,
}

const KEYS_HINT: &str = "keys: url-template, user-event-pattern, system-event, hub";

impl FromStr for HandlerConfig {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut url_template: Option<String> = None;
        let mut user_events: Option<UserEventPattern> = None;
        let mut system_events: Vec<SystemEvent> = Vec::new();
        let mut hub: Option<Option<String>> = None;
        if s.trim().is_empty() {
            return Err(format!(
                "the event handler is empty; give at least url-template=<url> ({KEYS_HINT})"
            ));
        }
        for item in s.split_whitespace() {
            let Some((key, value)) = item.split_once('=') else {
                return Err(format!("'{item}' is not key=value ({KEYS_HINT})"));
            };
            let value = unquote(value);
            if value.is_empty() {
                return Err(format!("'{key}=' has no value"));
            }
            let normalized: String = key
                .chars()
                .filter(|c| *c != '-' && *c != '_')
                .collect::<String>()
                .to_ascii_lowercase();
            match normalized.as_str() {
                "urltemplate" => {
                    if url_template.is_some() {
                        return Err(
                            "url-template is given twice; use one per --event-handler".into()
                        );
                    }
                    check_url_template(value)?;
                    url_template = Some(value.to_string());
                }
                "usereventpattern" => {
                    if user_events.is_some() {
                        return Err(
                            "user-event-pattern is given twice; list the events with commas instead (a,b,c)"
                                .into(),
                        );
                    }
                    user_events = Some(parse_user_events(value)?);
                }
                "systemevent" | "systemevents" => {
                    for name in value.split(',') {
                        let event = match name.trim().to_ascii_lowercase().as_str() {
                            "connect" => SystemEvent::Connect,
                            "connected" => SystemEvent::Connected,
                            "disconnected" => SystemEvent::Disconnected,
                            _ => {
                                return Err(format!(
                                "unknown system-event '{}': use connect, connected or disconnected",
                                name.trim()
                            ))
                            }
                        };
                        if !system_events.contains(&event) {
                            system_events.push(event);
                        }
                    }
                }
                "hub" => {
                    if hub.is_some() {
                        return Err("hub is given twice; use one --event-handler per hub".into());
                    }
                    if value == "*" {
                        hub = Some(None);
                    } else {
                        wire::validate_hub(value)?;
                        hub = Some(Some(value.to_string()));
                    }
                }
                _ => return Err(format!("unknown key '{key}' ({KEYS_HINT})")),
            }
        }
        let Some(url_template) = url_template else {
            return Err(format!(
                "url-template is missing, e.g. url-template=http://localhost:3000/eventhandler/{{event}} (in '{s}')"
            ));
        };
        let user_events = user_events.unwrap_or_default();
        if system_events.is_empty() && user_events == UserEventPattern::None {
            return Err(format!(
                "the handler for {url_template} gets no events: add system-event=connect|connected|disconnected or user-event-pattern=*"
            ));
        }
        Ok(HandlerConfig {
            url_template,
            user_events,
            system_events,
            hub: hub.flatten(),
        })
    }
}

impl fmt::Display for HandlerConfig {
    /// The canonical form, which parses back to the same config.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "url-template={}", self.url_template)?;
        match &self.user_events {
            UserEventPattern::None => {}
            UserEventPattern::All => write!(f, " user-event-pattern=*")?,
            UserEventPattern::Names(names) => write!(f, " user-event-pattern={}", names.join(","))?,
        }
        for e in &self.system_events {
            write!(f, " system-event={}", e.as_str())?;
        }
        write!(f, " hub={}", self.hub.as_deref().unwrap_or("*"))
    }
}

impl HandlerConfig {
    fn serves_hub(&self, hub: &str) -> bool {
        self.hub
            .as_ref()
            .is_none_or(|h| h.eq_ignore_ascii_case(hub))
    }

    /// The URL for one event: the template with `{event}` and `{hub}` filled in.
    fn url(&self, hub: &str, event: &str) -> Result<Url, UpstreamError> {
        let expanded = self
            .url_template
            .replace("{event}", &utf8_percent_encode(event, SEGMENT).to_string())
            .replace("{hub}", &utf8_percent_encode(hub, SEGMENT).to_string());
        Url::parse(&expanded).map_err(|e| UpstreamError::InvalidUrl {
            template: self.url_template.clone(),
            reason: e.to_string(),
        })
    }
}

/// Shell-style quotes around a value (`url-template="http://…"` typed inside one quoted argument).
fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

fn check_url_template(template: &str) -> Result<(), String> {
    let lower = template.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
    else {
        return Err(format!(
            "url-template '{template}' must start with http:// or https://"
        ));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() {
        return Err(format!("url-template '{template}' has no host"));
    }
    if authority.contains('{') || authority.contains('}') {
        return Err(format!(
            "url-template '{template}': placeholders are not allowed in the host, only in the path or query"
        ));
    }
    // Only {event} and {hub}: anything else in braces is most likely a typo such as {Event}.
    let mut tail = template;
    while let Some(open) = tail.find('{') {
        let after = &tail[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!("url-template '{template}' has a '{{' without '}}'"));
        };
        let name = &after[..close];
        if name != "event" && name != "hub" {
            return Err(format!(
                "url-template '{template}' has an unknown placeholder {{{name}}}: only {{event}} and {{hub}} are supported"
            ));
        }
        tail = &after[close + 1..];
    }
    let sample = template
        .replace("{event}", "validate")
        .replace("{hub}", "hub");
    let url = Url::parse(&sample)
        .map_err(|e| format!("url-template '{template}' is not a valid URL: {e}"))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("url-template '{template}' has no host"));
    }
    Ok(())
}

fn parse_user_events(value: &str) -> Result<UserEventPattern, String> {
    let mut names = Vec::new();
    for name in value.split(',') {
        let name = name.trim();
        if name == "*" {
            return Ok(UserEventPattern::All);
        }
        if !valid_event_name(name) {
            return Err(format!(
                "user-event-pattern '{value}': '{name}' is not an event name; use * alone, or a comma list of names (letters, digits, _ . -)"
            ));
        }
        names.push(name.to_string());
    }
    Ok(UserEventPattern::Names(names))
}

/// `^[a-z][a-z0-9_.-]{0,127}$`, case-insensitive: the service's event-name rule.
fn valid_event_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        && name.len() <= 128
}

/// Per-connection facts the events carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventContext {
    /// The hub as the client named it.
    pub hub: String,
    pub connection_id: String,
    /// The connection's user (for `connect`: the token's `sub`).
    pub user_id: Option<String>,
    /// The negotiated subprotocol (not sent with `connect`, whose body lists the offered ones).
    pub subprotocol: Option<String>,
    /// The `Host` the client used (e.g. `localhost:8080`), sent as `WebHook-Request-Origin`.
    pub origin: String,
}

/// The body of a `connect` event (§5.3). All maps are name → values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectEventRequest {
    pub claims: BTreeMap<String, Vec<String>>,
    pub query: BTreeMap<String, Vec<String>>,
    pub headers: BTreeMap<String, Vec<String>>,
    pub subprotocols: Vec<String>,
    pub client_certificates: Vec<ClientCertificate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientCertificate {
    pub thumbprint: String,
    pub content: String,
}

impl ConnectEventRequest {
    /// Builds the body from what the handshake has: the verified token's claims, the raw query
    /// string, the request headers and the offered subprotocols (in the client's order).
    pub fn from_handshake(
        claims: &serde_json::Map<String, Value>,
        raw_query: Option<&str>,
        headers: &HeaderMap,
        subprotocols: Vec<String>,
    ) -> Self {
        let claims = claims
            .iter()
            .map(|(name, value)| (name.clone(), claim_values(value)))
            .collect();
        let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in url::form_urlencoded::parse(raw_query.unwrap_or("").as_bytes()) {
            query
                .entry(k.into_owned())
                .or_default()
                .push(v.into_owned());
        }
        let mut header_map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, value) in headers {
            header_map
                .entry(name.as_str().to_string())
                .or_default()
                .push(String::from_utf8_lossy(value.as_bytes()).into_owned());
        }
        ConnectEventRequest {
            claims,
            query,
            headers: header_map,
            subprotocols,
            client_certificates: Vec::new(),
        }
    }
}

/// A claim as the list of strings the service sends: arrays element-wise, numbers and booleans
/// as their JSON text.
fn claim_values(value: &Value) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match value {
        Value::Null => Vec::new(),
        Value::Array(items) => items.iter().map(one).collect(),
        other => vec![one(other)],
    }
}

/// What an accepting `connect` handler said. Empty fields mean "as the token says".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectEventResponse {
    /// Replaces the token's `sub` when set.
    pub user_id: Option<String>,
    /// Groups to join, in addition to the token's.
    pub groups: Vec<String>,
    /// Roles to grant, in addition to the token's.
    pub roles: Vec<String>,
    /// The subprotocol to select in the handshake: one the client offered, in its spelling.
    pub subprotocol: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawConnectResponse {
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    groups: Option<Vec<String>>,
    #[serde(default)]
    roles: Option<Vec<String>>,
    #[serde(default)]
    subprotocol: Option<String>,
}

/// A refused `connect`: answer the handshake with this status and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub status: StatusCode,
    pub message: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status, self.message)
    }
}

impl From<UpstreamError> for Rejection {
    fn from(e: UpstreamError) -> Self {
        Rejection {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("The connect event failed: {e}."),
        }
    }
}

/// Why an upstream call failed. URLs are shown without their query (it may hold a `?code=` key).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpstreamError {
    #[error("no event handler for the '{event}' event in hub '{hub}'")]
    NoHandler { hub: String, event: String },
    #[error("the url-template {} does not make a valid URL: {reason}", without_query(.template))]
    InvalidUrl { template: String, reason: String },
    #[error("the event handler {url} failed abuse-protection validation: {reason}")]
    Validation { url: String, reason: String },
    #[error("the event handler {url} is unreachable: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the event handler {url} answered {status}{}", quote_body(.body))]
    Status {
        url: String,
        status: StatusCode,
        body: String,
    },
    #[error("the event handler {url} sent an invalid response: {reason}")]
    InvalidResponse { url: String, reason: String },
}

fn quote_body(body: &str) -> String {
    if body.is_empty() {
        String::new()
    } else {
        format!(": {body}")
    }
}

/// The emulator's upstream: its handlers and everything they need. Cheap to clone (shared).
#[derive(Clone)]
pub struct Upstream {
    inner: Arc<Inner>,
    timeout: Duration,
}

struct Inner {
    handlers: Vec<HandlerConfig>,
    access_key: String,
    http: reqwest::Client,
    conns: Mutex<HashMap<String, ConnEntry>>,
    /// Keyed by (validation URL, origin): a handler may allow one origin and not another.
    validations: Mutex<HashMap<(String, String), Validation>>,
}

/// What the upstream remembers about a connection between its events.
#[derive(Default)]
struct ConnEntry {
    last_id: u64,
    state: Option<String>,
}

enum Validation {
    Passed {
        until: Instant,
    },
    Failed {
        retry_at: Instant,
        backoff: Duration,
        reason: String,
    },
}

/// An answer from the handler, body read (up to a limit).
struct Reply {
    url: String,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    too_large: bool,
}

impl Reply {
    fn text(&self) -> String {
        let end = self.body.len().min(MAX_ERROR_TEXT);
        String::from_utf8_lossy(&self.body[..end])
            .trim()
            .to_string()
    }

    /// `ce-connectionState`: `None` when absent (keep), `Some(None)` when empty (clear).
    fn state(&self) -> Option<Option<String>> {
        let value = self.headers.get(h::CONNECTION_STATE)?;
        let text = String::from_utf8_lossy(value.as_bytes()).trim().to_string();
        Some((!text.is_empty()).then_some(text))
    }
}

/// One event to send.
struct Event<'a> {
    handler: &'a HandlerConfig,
    ctx: &'a EventContext,
    ce_type: String,
    name: &'a str,
    content_type: &'a str,
    body: Bytes,
    id: u64,
    state: Option<String>,
    with_subprotocol: bool,
    body_limit: usize,
}

impl Upstream {
    pub fn new(handlers: Vec<HandlerConfig>, access_key: String) -> Self {
        let builder = reqwest::Client::builder()
            .user_agent(concat!("webpubsub-emulator/", env!("CARGO_PKG_VERSION")))
            // A webhook that redirects is misconfigured; following a POST redirect would also
            // turn it into a GET.
            .redirect(reqwest::redirect::Policy::none())
            // Event handlers are usually on localhost or a public tunnel: an HTTP(S)_PROXY meant
            // for the internet would only get in the way.
            .no_proxy();
        let http = match builder.build() {
            Ok(client) => client,
            Err(_) => reqwest::Client::new(),
        };
        Upstream {
            inner: Arc::new(Inner {
                handlers,
                access_key,
                http,
                conns: Mutex::new(HashMap::new()),
                validations: Mutex::new(HashMap::new()),
            }),
            timeout: EVENT_TIMEOUT,
        }
    }

    /// Sets the limit for every upstream call (default [`EVENT_TIMEOUT`]).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn is_empty(&self) -> bool {
        self.inner.handlers.is_empty()
    }

    pub fn handlers(&self) -> &[HandlerConfig] {
        &self.inner.handlers
    }

    fn find_system(&self, hub: &str, event: SystemEvent) -> Option<&HandlerConfig> {
        self.inner
            .handlers
            .iter()
            .find(|h| h.serves_hub(hub) && h.system_events.contains(&event))
    }

    fn find_user(&self, hub: &str, event: &str) -> Option<&HandlerConfig> {
        self.inner
            .handlers
            .iter()
            .find(|h| h.serves_hub(hub) && h.user_events.matches(event))
    }

    /// Is there a handler for this user event in this hub?
    pub fn handles_user_event(&self, hub: &str, event: &str) -> bool {
        self.find_user(hub, event).is_some()
    }

    /// Is there a handler for this system event in this hub?
    pub fn handles_system_event(&self, hub: &str, event: SystemEvent) -> bool {
        self.find_system(hub, event).is_some()
    }

    /// The `connect` event (blocking), before the handshake is answered.
    ///
    /// `Ok(None)`: no handler for `connect` in this hub; accept with the token's claims.
    /// `Ok(Some(resp))`: accepted; apply `resp` (its subprotocol is one the client offered).
    /// `Err(rejection)`: answer the handshake with its status and plain-text message (the
    /// handler's non-2xx status and body, or 500 when it is unreachable or answered nonsense).
    pub async fn connect(
        &self,
        ctx: &EventContext,
        request: ConnectEventRequest,
    ) -> Result<Option<ConnectEventResponse>, Rejection> {
        let Some(handler) = self.find_system(&ctx.hub, SystemEvent::Connect) else {
            return Ok(None);
        };
        let result = self.connect_with(handler, ctx, &request).await;
        if result.is_err() {
            // A rejected connection gets no `disconnected`, so nothing else would clean up.
            self.forget(&ctx.connection_id);
        }
        result.map(Some)
    }

    async fn connect_with(
        &self,
        handler: &HandlerConfig,
        ctx: &EventContext,
        request: &ConnectEventRequest,
    ) -> Result<ConnectEventResponse, Rejection> {
        let body = serde_json::to_vec(request).map_err(|e| Rejection {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("The connect event could not be serialised: {e}."),
        })?;
        let (id, state) = self.next_event(&ctx.connection_id);
        let reply = self
            .send(Event {
                handler,
                ctx,
                ce_type: "azure.webpubsub.sys.connect".into(),
                name: SystemEvent::Connect.as_str(),
                content_type: SYSTEM_CONTENT_TYPE,
                body: Bytes::from(body),
                id,
                state,
                with_subprotocol: false,
                body_limit: wire::MAX_MESSAGE_BYTES,
            })
            .await?;
        if !reply.status.is_success() {
            let text = reply.text();
            // Only error statuses make sense as a handshake answer; a 1xx/3xx becomes a 500.
            if reply.status.is_client_error() || reply.status.is_server_error() {
                let message = if text.is_empty() {
                    format!(
                        "The connect event handler rejected the connection ({}).",
                        reply.status
                    )
                } else {
                    text
                };
                return Err(Rejection {
                    status: reply.status,
                    message,
                });
            }
            let e = UpstreamError::Status {
                url: reply.url,
                status: reply.status,
                body: text,
            };
            log(&e);
            return Err(e.into());
        }
        let invalid = |reason: String| -> Rejection {
            let e = UpstreamError::InvalidResponse {
                url: reply.url.clone(),
                reason,
            };
            log(&e);
            e.into()
        };
        if reply.too_large {
            return Err(invalid("the body is larger than 1 MiB".into()));
        }
        // The body counts when it is JSON or untyped; a handler that answers 200 with, say,
        // `text/plain` "OK" just accepts.
        let media = reply
            .headers
            .get(reqwest::header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).to_ascii_lowercase());
        let json_typed = media.as_deref().is_none_or(|m| {
            let m = m.split(';').next().unwrap_or("").trim();
            m.is_empty() || m == "application/json" || m.ends_with("+json")
        });
        let parsed = if reply.body.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            match serde_json::from_slice::<RawConnectResponse>(&reply.body) {
                Ok(raw) => Some(raw),
                Err(_) if !json_typed => None,
                Err(e) => {
                    return Err(invalid(format!(
                        "expected JSON {{\"userId\",\"groups\",\"roles\",\"subprotocol\"}}: {e}"
                    )))
                }
            }
        };
        let response = if let Some(raw) = parsed {
            let subprotocol = match raw.subprotocol.filter(|s| !s.is_empty()) {
                None => None,
                Some(chosen) => Some(
                    request
                        .subprotocols
                        .iter()
                        .find(|offered| offered.eq_ignore_ascii_case(&chosen))
                        .cloned()
                        .ok_or_else(|| {
                            invalid(format!(
                                "it chose subprotocol '{chosen}', which the client did not offer (offered: {})",
                                if request.subprotocols.is_empty() {
                                    "none".to_string()
                                } else {
                                    request.subprotocols.join(", ")
                                }
                            ))
                        })?,
                ),
            };
            let groups = raw.groups.unwrap_or_default();
            if let Some(bad) = groups.iter().find(|g| wire::validate_group(g).is_err()) {
                return Err(invalid(format!(
                    "it returned an invalid group name '{bad}'"
                )));
            }
            ConnectEventResponse {
                user_id: raw.user_id.filter(|u| !u.is_empty()),
                groups,
                roles: raw.roles.unwrap_or_default(),
                subprotocol,
            }
        } else {
            ConnectEventResponse::default()
        };
        self.apply_state(&ctx.connection_id, reply.state());
        Ok(response)
    }

    /// The `connected` event, after the handshake. Fire-and-forget: failures are only logged.
    pub fn connected(&self, ctx: &EventContext) {
        let Some(index) = self.inner.handlers.iter().position(|h| {
            h.serves_hub(&ctx.hub) && h.system_events.contains(&SystemEvent::Connected)
        }) else {
            return;
        };
        // The id and state are taken now, so they follow the order of the caller's calls.
        let (id, state) = self.next_event(&ctx.connection_id);
        self.spawn_notification(
            index,
            ctx.clone(),
            SystemEvent::Connected,
            Bytes::from_static(b"{}"),
            id,
            state,
        );
    }

    /// The `disconnected` event, when a connection whose `connect` succeeded ends.
    /// Fire-and-forget, and it forgets the connection: it is the last event.
    pub fn disconnected(&self, ctx: &EventContext, reason: &str) {
        let entry = lock(&self.inner.conns).remove(&ctx.connection_id);
        let Some(index) = self.inner.handlers.iter().position(|h| {
            h.serves_hub(&ctx.hub) && h.system_events.contains(&SystemEvent::Disconnected)
        }) else {
            return;
        };
        let (id, state) = entry.map_or((1, None), |e| (e.last_id + 1, e.state));
        let body = serde_json::json!({ "reason": reason }).to_string();
        self.spawn_notification(
            index,
            ctx.clone(),
            SystemEvent::Disconnected,
            Bytes::from(body),
            id,
            state,
        );
    }

    /// Drops what the upstream remembers about a connection. [`Upstream::disconnected`] and a
    /// rejected [`Upstream::connect`] already do; call this only when a connection ends without
    /// either.
    pub fn forget(&self, connection_id: &str) {
        lock(&self.inner.conns).remove(connection_id);
    }

    /// A user event (blocking): an `event` frame of a JSON client, or (`event` = `message`) a
    /// frame of a simple client.
    ///
    /// `Ok(None)`: 204 or an empty body, nothing to send back. `Ok(Some((data_type, bytes)))`: a
    /// body for the client, typed by the response `Content-Type` (`text/plain` → Text,
    /// `application/json` → Json, `application/x-protobuf` → Protobuf, anything else → Binary;
    /// a Text body is always UTF-8 and a Json body always valid JSON, else it comes as Text or
    /// Binary). A `ce-connectionState` in a 2xx answer is kept for the connection's next events.
    /// `Err`: no handler, unreachable, failed validation, or a non-2xx answer.
    pub async fn user_event(
        &self,
        ctx: &EventContext,
        event: &str,
        data_type: DataType,
        payload: Bytes,
    ) -> Result<Option<(DataType, Bytes)>, UpstreamError> {
        let Some(handler) = self.find_user(&ctx.hub, event) else {
            return Err(UpstreamError::NoHandler {
                hub: ctx.hub.clone(),
                event: event.to_string(),
            });
        };
        let (id, state) = self.next_event(&ctx.connection_id);
        let reply = self
            .send(Event {
                handler,
                ctx,
                ce_type: format!("azure.webpubsub.user.{event}"),
                name: event,
                content_type: data_type.content_type(),
                body: payload,
                id,
                state,
                with_subprotocol: true,
                body_limit: wire::MAX_MESSAGE_BYTES,
            })
            .await?;
        if !reply.status.is_success() {
            let e = UpstreamError::Status {
                url: reply.url.clone(),
                status: reply.status,
                body: reply.text(),
            };
            log(&e);
            return Err(e);
        }
        if reply.too_large {
            let e = UpstreamError::InvalidResponse {
                url: reply.url,
                reason: "the body is larger than 1 MiB".into(),
            };
            log(&e);
            return Err(e);
        }
        self.apply_state(&ctx.connection_id, reply.state());
        if reply.body.is_empty() {
            return Ok(None);
        }
        let content_type = reply
            .headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let data_type = checked_data_type(response_data_type(content_type), &reply.body);
        Ok(Some((data_type, reply.body)))
    }

    /// The next `ce-id` of a connection, and its current state.
    fn next_event(&self, connection_id: &str) -> (u64, Option<String>) {
        let mut conns = lock(&self.inner.conns);
        let entry = conns.entry(connection_id.to_string()).or_default();
        entry.last_id += 1;
        (entry.last_id, entry.state.clone())
    }

    /// Stores a state a blocking event's response set. Only for connections still known, so a
    /// response that arrives after `disconnected` cannot bring a forgotten entry back.
    fn apply_state(&self, connection_id: &str, update: Option<Option<String>>) {
        let Some(update) = update else { return };
        if let Some(entry) = lock(&self.inner.conns).get_mut(connection_id) {
            entry.state = update;
        }
    }

    fn spawn_notification(
        &self,
        index: usize,
        ctx: EventContext,
        event: SystemEvent,
        body: Bytes,
        id: u64,
        state: Option<String>,
    ) {
        // Without a runtime (not the emulator's case) there is nothing to run the request on.
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            eprintln!(
                "upstream: the {} event of connection {} was not sent (no async runtime)",
                event.as_str(),
                ctx.connection_id
            );
            return;
        };
        let this = self.clone();
        let task = async move {
            let Some(handler) = this.inner.handlers.get(index) else {
                return;
            };
            let result = this
                .send(Event {
                    handler,
                    ctx: &ctx,
                    ce_type: format!("azure.webpubsub.sys.{}", event.as_str()),
                    name: event.as_str(),
                    content_type: SYSTEM_CONTENT_TYPE,
                    body,
                    id,
                    state,
                    with_subprotocol: true,
                    body_limit: MAX_ERROR_TEXT,
                })
                .await;
            // The response of a non-blocking event is ignored, except to tell the developer.
            if let Ok(reply) = result {
                if !reply.status.is_success() {
                    log(&UpstreamError::Status {
                        url: reply.url.clone(),
                        status: reply.status,
                        body: reply.text(),
                    });
                }
            }
        };
        runtime.spawn(task);
    }

    /// Validates the handler's URL if needed, then POSTs the event. Transport and validation
    /// failures are logged here; the status is left to the caller.
    async fn send(&self, ev: Event<'_>) -> Result<Reply, UpstreamError> {
        let result = self.send_inner(ev).await;
        if let Err(e) = &result {
            log(e);
        }
        result
    }

    async fn send_inner(&self, ev: Event<'_>) -> Result<Reply, UpstreamError> {
        let ctx = ev.ctx;
        let url = ev.handler.url(&ctx.hub, ev.name)?;
        self.ensure_validated(ev.handler, &ctx.hub, &ctx.origin)
            .await?;
        let mut headers = HeaderMap::new();
        let mut put = |name: &'static str, value: &str| {
            headers.insert(name, header_value(value));
        };
        put(h::ORIGIN, &ctx.origin);
        put(h::SPECVERSION, "1.0");
        put(h::AWPSVERSION, "1.0");
        put(h::TYPE, &ev.ce_type);
        put(
            h::SOURCE,
            &format!("/hubs/{}/client/{}", ctx.hub, ctx.connection_id),
        );
        put(h::ID, &ev.id.to_string());
        put(h::TIME, &rfc3339(SystemTime::now()));
        put(
            h::SIGNATURE,
            &token::upstream_signature(&self.inner.access_key, &ctx.connection_id),
        );
        if let Some(user) = &ctx.user_id {
            put(h::USER_ID, user);
        }
        put(h::CONNECTION_ID, &ctx.connection_id);
        put(h::HUB, &ctx.hub);
        put(h::EVENT_NAME, ev.name);
        if ev.with_subprotocol {
            if let Some(p) = ctx.subprotocol.as_deref().filter(|p| !p.is_empty()) {
                put(h::SUBPROTOCOL, p);
            }
        }
        if let Some(state) = &ev.state {
            put(h::CONNECTION_STATE, state);
        }
        put("content-type", ev.content_type);
        let request = self
            .inner
            .http
            .post(url.clone())
            .headers(headers)
            .body(ev.body)
            .timeout(self.timeout);
        self.call(request, &url, ev.body_limit).await
    }

    /// Sends a request and reads the answer, up to `limit` bytes of body.
    async fn call(
        &self,
        request: reqwest::RequestBuilder,
        url: &Url,
        limit: usize,
    ) -> Result<Reply, UpstreamError> {
        let unreachable = |e: reqwest::Error| UpstreamError::Unreachable {
            url: shown(url),
            reason: describe(e, self.timeout),
        };
        let mut response = request.send().await.map_err(unreachable)?;
        let status = response.status();
        let headers = response.headers().clone();
        let mut body = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = response.chunk().await.map_err(unreachable)? {
            let room = limit.saturating_sub(body.len());
            if chunk.len() > room {
                body.extend_from_slice(&chunk[..room]);
                too_large = true;
                break;
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Reply {
            url: shown(url),
            status,
            headers,
            body: Bytes::from(body),
            too_large,
        })
    }

    /// Abuse protection (§5.1): a URL gets events only after it passed validation for this
    /// origin in the last [`VALIDATION_TTL`]; a failure is remembered for a growing backoff.
    async fn ensure_validated(
        &self,
        handler: &HandlerConfig,
        hub: &str,
        origin: &str,
    ) -> Result<(), UpstreamError> {
        let url = handler.url(hub, "validate")?;
        let key = (url.as_str().to_string(), origin.to_ascii_lowercase());
        let now = Instant::now();
        let previous_backoff = {
            let cache = lock(&self.inner.validations);
            match cache.get(&key) {
                Some(Validation::Passed { until }) if *until > now => return Ok(()),
                Some(Validation::Failed {
                    retry_at, reason, ..
                }) if *retry_at > now => {
                    return Err(UpstreamError::Validation {
                        url: shown(&url),
                        reason: format!(
                            "{reason} (next try in {})",
                            human(retry_at.saturating_duration_since(now))
                        ),
                    })
                }
                Some(Validation::Failed { backoff, .. }) => Some(*backoff),
                _ => None,
            }
        };
        // Concurrent first events may both validate; that only costs one extra request.
        let outcome = self.validate(&url, origin).await;
        let mut cache = lock(&self.inner.validations);
        match outcome {
            Ok(()) => {
                cache.insert(
                    key,
                    Validation::Passed {
                        until: Instant::now() + VALIDATION_TTL,
                    },
                );
                Ok(())
            }
            Err(reason) => {
                let backoff = previous_backoff.map_or(VALIDATION_BACKOFF_MIN, |b| {
                    (b * 2).min(VALIDATION_BACKOFF_MAX)
                });
                cache.insert(
                    key,
                    Validation::Failed {
                        retry_at: Instant::now() + backoff,
                        backoff,
                        reason: reason.clone(),
                    },
                );
                Err(UpstreamError::Validation {
                    url: shown(&url),
                    reason,
                })
            }
        }
    }

    /// `OPTIONS` with `WebHook-Request-Origin`; on 404 or 405 `GET` (like Microsoft's emulator).
    /// Passes on 2xx with `WebHook-Allowed-Origin` `*` or the origin.
    async fn validate(&self, url: &Url, origin: &str) -> Result<(), String> {
        let request = |method: reqwest::Method| {
            self.inner
                .http
                .request(method, url.clone())
                .header(h::ORIGIN, header_value(origin))
                .header(h::AWPSVERSION, "1.0")
                .timeout(self.timeout)
        };
        let describe_err = |e: UpstreamError| match e {
            UpstreamError::Unreachable { reason, .. } => {
                format!("the validation request failed: {reason}")
            }
            other => other.to_string(),
        };
        let mut reply = self
            .call(request(reqwest::Method::OPTIONS), url, MAX_ERROR_TEXT)
            .await
            .map_err(describe_err)?;
        let mut methods = "OPTIONS".to_string();
        if matches!(
            reply.status,
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
        ) {
            let first = reply.status;
            reply = self
                .call(request(reqwest::Method::GET), url, MAX_ERROR_TEXT)
                .await
                .map_err(describe_err)?;
            methods = format!("OPTIONS answered {first}, then GET");
        }
        if !reply.status.is_success() {
            return Err(format!("{methods} answered {}", reply.status));
        }
        let allowed: Vec<String> = reply
            .headers
            .get_all(h::ALLOWED_ORIGIN)
            .iter()
            .flat_map(|v| {
                String::from_utf8_lossy(v.as_bytes())
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty())
            .collect();
        if allowed.iter().any(|a| origin_allowed(a, origin)) {
            return Ok(());
        }
        Err(if allowed.is_empty() {
            format!(
                "{methods} answered {} without a WebHook-Allowed-Origin header (it must be * or {origin})",
                reply.status
            )
        } else {
            format!(
                "{methods} answered WebHook-Allowed-Origin: {}, which does not allow {origin}",
                allowed.join(", ")
            )
        })
    }
}

/// `*`, the origin itself, or the origin written as a URL (`http://localhost:8080/`).
fn origin_allowed(allowed: &str, origin: &str) -> bool {
    if allowed == "*" {
        return true;
    }
    let bare = allowed
        .strip_prefix("http://")
        .or_else(|| allowed.strip_prefix("https://"))
        .unwrap_or(allowed)
        .trim_end_matches('/');
    bare.eq_ignore_ascii_case(origin)
}

/// The data type of a user-event response body.
fn response_data_type(content_type: &str) -> DataType {
    let media = content_type.split(';').next().unwrap_or("").trim();
    if media.eq_ignore_ascii_case("application/x-protobuf") {
        return DataType::Protobuf;
    }
    // The default of an untyped body is octet-stream (RFC 9110 §8.3).
    DataType::from_content_type(content_type).unwrap_or(DataType::Binary)
}

/// Keeps the promise of the type: Text is UTF-8 and Json is valid JSON; a body that breaks it
/// is passed on as what it is (Text, else Binary) rather than failing the client.
fn checked_data_type(declared: DataType, body: &[u8]) -> DataType {
    let utf8 = std::str::from_utf8(body).is_ok();
    match declared {
        DataType::Json if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() => declared,
        DataType::Json | DataType::Text if utf8 => DataType::Text,
        DataType::Json | DataType::Text => DataType::Binary,
        other => other,
    }
}

/// A header value from any text: control characters (which HTTP cannot carry) are dropped;
/// non-ASCII is sent as its UTF-8 bytes.
fn header_value(text: &str) -> HeaderValue {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    HeaderValue::from_bytes(clean.as_bytes()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A URL for messages: without credentials, and with the query (which may carry a `?code=`
/// key) replaced by `?…`.
fn shown(url: &Url) -> String {
    let mut bare = url.clone();
    let had_query = bare.query().is_some();
    bare.set_query(None);
    bare.set_fragment(None);
    let _ = bare.set_password(None);
    let _ = bare.set_username("");
    let mut text = bare.to_string();
    if had_query {
        text.push_str("?…");
    }
    text
}

fn without_query(template: &str) -> String {
    match template.split_once('?') {
        Some((before, _)) => format!("{before}?…"),
        None => template.to_string(),
    }
}

/// A reqwest error in words, without its URL (which [`shown`] already gives, redacted).
fn describe(e: reqwest::Error, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("no answer within {}", human(timeout));
    }
    let connect = e.is_connect();
    let e = e.without_url();
    let mut deepest: &dyn std::error::Error = &e;
    let mut chain = vec![e.to_string()];
    while let Some(source) = deepest.source() {
        chain.push(source.to_string());
        deepest = source;
    }
    if connect {
        format!("cannot connect ({deepest})")
    } else {
        chain.join(": ")
    }
}

fn human(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{} s", d.as_secs_f64().round())
    } else {
        format!("{} ms", d.as_millis())
    }
}

fn log(e: &UpstreamError) {
    eprintln!("upstream: {e}");
}

/// RFC 3339 UTC with whole seconds, e.g. `2021-01-01T00:00:00Z`.
fn rfc3339(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March-based
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;

    use axum::body::Body;
    use axum::extract::Request;
    use axum::response::Response;
    use axum::Router;
    use serde_json::json;

    use super::*;

    /// §6.1's [calc] vector.
    const KEY: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
    const CONN1_SIGNATURE: &str =
        "sha256=8de7281e588e23b0a30a7180ffa240257b8176e983004c240c9f3f7a7233c993";

    #[derive(Debug, Clone)]
    struct Recorded {
        method: String,
        path: String,
        query: Option<String>,
        headers: HeaderMap,
        body: Bytes,
    }

    impl Recorded {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers.get(name).and_then(|v| v.to_str().ok())
        }

        fn event(&self) -> &str {
            self.header("ce-eventname").unwrap_or("")
        }
    }

    /// A local event handler that records every request and answers with `respond`.
    struct Server {
        addr: SocketAddr,
        requests: Arc<Mutex<Vec<Recorded>>>,
    }

    impl Server {
        async fn start(respond: impl Fn(&Recorded) -> Response + Send + Sync + 'static) -> Server {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let requests = Arc::new(Mutex::new(Vec::new()));
            let respond = Arc::new(respond);
            let log = requests.clone();
            let app = Router::new().fallback(move |req: Request| {
                let log = log.clone();
                let respond = respond.clone();
                async move {
                    let (parts, body) = req.into_parts();
                    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
                    let rec = Recorded {
                        method: parts.method.to_string(),
                        path: parts.uri.path().to_string(),
                        query: parts.uri.query().map(str::to_string),
                        headers: parts.headers,
                        body,
                    };
                    let response = respond(&rec);
                    log.lock().unwrap().push(rec);
                    response
                }
            });
            tokio::spawn(async move { axum::serve(listener, app).await });
            Server { addr, requests }
        }

        fn handler(&self, items: &str) -> HandlerConfig {
            format!(
                "url-template=http://{}/eventhandler/{{event}} {items}",
                self.addr
            )
            .parse()
            .unwrap()
        }

        fn requests(&self) -> Vec<Recorded> {
            self.requests.lock().unwrap().clone()
        }

        fn posts(&self) -> Vec<Recorded> {
            self.requests()
                .into_iter()
                .filter(|r| r.method == "POST")
                .collect()
        }

        /// Waits (up to 5 s) for `n` events: `connected`/`disconnected` are sent in the background.
        async fn wait_for_posts(&self, n: usize) -> Vec<Recorded> {
            let deadline = Instant::now() + Duration::from_secs(5);
            loop {
                let posts = self.posts();
                if posts.len() >= n || Instant::now() > deadline {
                    return posts;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }

    fn reply(status: u16, headers: &[(&str, &str)], body: impl Into<Body>) -> Response {
        let mut builder = Response::builder().status(status);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body.into()).unwrap()
    }

    /// Passes validation (`WebHook-Allowed-Origin: *`), answers events with `respond`.
    fn validating(
        respond: impl Fn(&Recorded) -> Response + Send + Sync + 'static,
    ) -> impl Fn(&Recorded) -> Response + Send + Sync + 'static {
        move |r| {
            if r.method == "OPTIONS" {
                reply(200, &[("WebHook-Allowed-Origin", "*")], "")
            } else {
                respond(r)
            }
        }
    }

    fn ctx() -> EventContext {
        EventContext {
            hub: "chat".into(),
            connection_id: "conn1".into(),
            user_id: Some("user1".into()),
            subprotocol: Some("json.webpubsub.azure.v1".into()),
            origin: "localhost:8080".into(),
        }
    }

    fn offering(subprotocols: &[&str]) -> ConnectEventRequest {
        ConnectEventRequest {
            subprotocols: subprotocols.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    fn is_rfc3339_utc(s: &str) -> bool {
        let b = s.as_bytes();
        b.len() == 20
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                10 => *c == b'T',
                13 | 16 => *c == b':',
                19 => *c == b'Z',
                _ => c.is_ascii_digit(),
            })
    }

    // --- configuration -------------------------------------------------------------------

    #[test]
    fn parses_handler_configs() {
        let full: HandlerConfig = "url-template=http://localhost:3000/eventhandler/{event} user-event-pattern=* system-event=connect system-event=connected system-event=disconnected hub=chat"
            .parse()
            .unwrap();
        assert_eq!(
            full,
            HandlerConfig {
                url_template: "http://localhost:3000/eventhandler/{event}".into(),
                user_events: UserEventPattern::All,
                system_events: vec![
                    SystemEvent::Connect,
                    SystemEvent::Connected,
                    SystemEvent::Disconnected
                ],
                hub: Some("chat".into()),
            }
        );
        // Display is canonical and parses back.
        assert_eq!(full.to_string().parse::<HandlerConfig>().unwrap(), full);

        let minimal: HandlerConfig =
            "url-template=https://example.com/api/{hub}/{event}?code=abc system-event=connected"
                .parse()
                .unwrap();
        assert_eq!(minimal.user_events, UserEventPattern::None);
        assert_eq!(minimal.system_events, vec![SystemEvent::Connected]);
        assert_eq!(minimal.hub, None);

        let lenient: HandlerConfig =
            "  urlTemplate=\"http://h/x\"  user_event_pattern=Chat,b.c-d  SYSTEM-EVENT=Connect,disconnected,connect hub=*  "
                .parse()
                .unwrap();
        assert_eq!(lenient.url_template, "http://h/x");
        assert_eq!(
            lenient.user_events,
            UserEventPattern::Names(vec!["Chat".into(), "b.c-d".into()])
        );
        assert_eq!(
            lenient.system_events,
            vec![SystemEvent::Connect, SystemEvent::Disconnected]
        );
        assert_eq!(lenient.hub, None);
        assert_eq!(
            lenient.to_string().parse::<HandlerConfig>().unwrap(),
            lenient
        );

        let star_in_list: HandlerConfig = "url-template=http://h/ user-event-pattern=a,*"
            .parse()
            .unwrap();
        assert_eq!(star_in_list.user_events, UserEventPattern::All);
    }

    #[test]
    fn rejects_invalid_handler_configs() {
        let cases = [
            ("", "is empty"),
            ("system-event=connect", "url-template is missing"),
            ("url-template=http://h/", "gets no events"),
            ("url-template", "is not key=value"),
            ("url-template= system-event=connect", "has no value"),
            (
                "url-template=http://h/ auth-type=None system-event=connect",
                "unknown key 'auth-type'",
            ),
            (
                "url-template=http://h/ system-event=connecting",
                "unknown system-event 'connecting'",
            ),
            (
                "url-template=ftp://h/ system-event=connect",
                "must start with http:// or https://",
            ),
            (
                "url-template=h/x system-event=connect",
                "must start with http:// or https://",
            ),
            (
                "url-template=http://{event}.example.com/ system-event=connect",
                "not allowed in the host",
            ),
            (
                "url-template=http://h/{Event} system-event=connect",
                "unknown placeholder {Event}",
            ),
            (
                "url-template=http://h/{event system-event=connect",
                "without '}'",
            ),
            ("url-template=http:///x system-event=connect", "no host"),
            (
                "url-template=http://h:99999/ system-event=connect",
                "not a valid URL",
            ),
            (
                "url-template=http://a/ url-template=http://b/ system-event=connect",
                "given twice",
            ),
            (
                "url-template=http://h/ hub=chat hub=other system-event=connect",
                "given twice",
            ),
            (
                "url-template=http://h/ user-event-pattern=a user-event-pattern=b",
                "given twice",
            ),
            (
                "url-template=http://h/ hub=1chat system-event=connect",
                "invalid hub name",
            ),
            (
                "url-template=http://h/ user-event-pattern=chat*",
                "'chat*' is not an event name",
            ),
            (
                "url-template=http://h/ user-event-pattern=a,,b",
                "'' is not an event name",
            ),
        ];
        for (input, expected) in cases {
            let err = input.parse::<HandlerConfig>().unwrap_err();
            assert!(
                err.contains(expected),
                "{input:?}: {err:?} lacks {expected:?}"
            );
            assert!(
                !err.contains('\n'),
                "{input:?}: the error is not one line: {err:?}"
            );
        }
    }

    #[test]
    fn first_matching_handler_wins() {
        let handlers: Vec<HandlerConfig> = [
            "url-template=http://first/ hub=chat user-event-pattern=a,B",
            "url-template=http://second/ user-event-pattern=* system-event=connected",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        let up = Upstream::new(handlers, KEY.into());
        assert!(!up.is_empty());
        let user = |hub, event| up.find_user(hub, event).map(|h| h.url_template.as_str());
        assert_eq!(user("CHAT", "b"), Some("http://first/"));
        assert_eq!(user("chat", "A"), Some("http://first/"));
        assert_eq!(user("chat", "c"), Some("http://second/"));
        assert_eq!(user("other", "a"), Some("http://second/"));
        assert!(up.handles_user_event("other", "message"));
        assert!(up.handles_system_event("chat", SystemEvent::Connected));
        assert!(!up.handles_system_event("chat", SystemEvent::Connect));
        assert!(Upstream::new(Vec::new(), KEY.into()).is_empty());
    }

    #[test]
    fn formats_rfc3339() {
        let at = |secs| rfc3339(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_629_183_374), "2021-08-17T06:56:14Z");
        assert_eq!(at(4_102_444_799), "2099-12-31T23:59:59Z");
        assert_eq!(at(4_102_444_800), "2100-01-01T00:00:00Z");
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(-719_468), (0, 3, 1));
        assert!(is_rfc3339_utc(&rfc3339(SystemTime::now())));
    }

    // --- connect -------------------------------------------------------------------------

    #[tokio::test]
    async fn connect_sends_every_header_and_the_body() {
        let server = Server::start(validating(|_| reply(204, &[], ""))).await;
        let up = Upstream::new(vec![server.handler("system-event=connect")], KEY.into());
        let claims = json!({"sub": "user1", "aud": "http://localhost:8080/client/hubs/chat", "exp": 4102444800u64,
                            "role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"], "nothing": null});
        let mut headers = HeaderMap::new();
        headers.insert("host", HeaderValue::from_static("localhost:8080"));
        headers.append("x-multi", HeaderValue::from_static("a"));
        headers.append("x-multi", HeaderValue::from_static("b"));
        let request = ConnectEventRequest::from_handshake(
            claims.as_object().unwrap(),
            Some("access_token=abc&x=1&x=2&e=a%20b"),
            &headers,
            vec!["json.webpubsub.azure.v1".into(), "protocol1".into()],
        );

        let accepted = up.connect(&ctx(), request).await.unwrap();
        assert_eq!(accepted, Some(ConnectEventResponse::default()));

        let requests = server.requests();
        assert_eq!(requests.len(), 2, "{requests:#?}");
        let validation = &requests[0];
        assert_eq!(validation.method, "OPTIONS");
        assert_eq!(validation.path, "/eventhandler/validate");
        assert_eq!(
            validation.header("webhook-request-origin"),
            Some("localhost:8080")
        );
        assert_eq!(validation.header("ce-awpsversion"), Some("1.0"));

        let event = &requests[1];
        assert_eq!(event.method, "POST");
        assert_eq!(event.path, "/eventhandler/connect");
        let expect = [
            ("webhook-request-origin", "localhost:8080"),
            ("ce-specversion", "1.0"),
            ("ce-awpsversion", "1.0"),
            ("ce-type", "azure.webpubsub.sys.connect"),
            ("ce-source", "/hubs/chat/client/conn1"),
            ("ce-id", "1"),
            ("ce-signature", CONN1_SIGNATURE),
            ("ce-userid", "user1"),
            ("ce-connectionid", "conn1"),
            ("ce-hub", "chat"),
            ("ce-eventname", "connect"),
            ("content-type", "application/json; charset=utf-8"),
        ];
        for (name, value) in expect {
            assert_eq!(event.header(name), Some(value), "header {name}");
        }
        assert!(token::verify_upstream_signature(
            event.header("ce-signature").unwrap(),
            KEY,
            "conn1"
        ));
        assert!(is_rfc3339_utc(event.header("ce-time").unwrap()));
        // The offered subprotocols are in the body; nothing is negotiated yet.
        assert_eq!(event.header("ce-subprotocol"), None);
        assert_eq!(event.header("ce-connectionstate"), None);
        let body: Value = serde_json::from_slice(&event.body).unwrap();
        assert_eq!(
            body,
            json!({
                "claims": {
                    "aud": ["http://localhost:8080/client/hubs/chat"],
                    "exp": ["4102444800"],
                    "nothing": [],
                    "role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"],
                    "sub": ["user1"],
                },
                "query": {"access_token": ["abc"], "x": ["1", "2"], "e": ["a b"]},
                "headers": {"host": ["localhost:8080"], "x-multi": ["a", "b"]},
                "subprotocols": ["json.webpubsub.azure.v1", "protocol1"],
                "clientCertificates": [],
            })
        );
    }

    #[tokio::test]
    async fn connect_accepts_with_user_groups_roles_subprotocol() {
        let server = Server::start(validating(|_| {
            reply(
                200,
                &[("content-type", "application/json; charset=utf-8")],
                r#"{"userId":"bob","groups":["g1","g2"],"roles":["webpubsub.joinLeaveGroup"],"subprotocol":"Protocol1","extra":1}"#,
            )
        }))
        .await;
        let up = Upstream::new(vec![server.handler("system-event=connect")], KEY.into());
        let accepted = up
            .connect(&ctx(), offering(&["protocol1", "json.webpubsub.azure.v1"]))
            .await
            .unwrap();
        assert_eq!(
            accepted,
            Some(ConnectEventResponse {
                user_id: Some("bob".into()),
                groups: vec!["g1".into(), "g2".into()],
                roles: vec!["webpubsub.joinLeaveGroup".into()],
                // The client's spelling, as the handshake must echo it.
                subprotocol: Some("protocol1".into()),
            })
        );
    }

    #[tokio::test]
    async fn connect_with_nulls_or_empty_body_accepts() {
        for (content_type, body) in [
            (
                "application/json",
                r#"{"userId":null,"groups":null,"roles":null,"subprotocol":""}"#,
            ),
            ("application/json", ""),
            ("application/json; charset=utf-8", "{}"),
            // Not JSON-typed: the body is not the connect response.
            ("text/plain", "OK"),
        ] {
            let server = Server::start(validating(move |_| {
                reply(200, &[("content-type", content_type)], body)
            }))
            .await;
            let up = Upstream::new(vec![server.handler("system-event=connect")], KEY.into());
            let accepted = up.connect(&ctx(), offering(&["p"])).await.unwrap();
            assert_eq!(accepted, Some(ConnectEventResponse::default()), "{body:?}");
        }
    }

    #[tokio::test]
    async fn connect_rejects_invalid_responses() {
        let cases = [
            (r#"{"subprotocol":"protocol2"}"#, "did not offer"),
            (r#"{"userId":42}"#, "expected JSON"),
            ("not json", "expected JSON"),
            ("{\"userId\":", "expected JSON"),
            (r#"{"groups":[""]}"#, "invalid group name"),
        ];
        for (body, expected) in cases {
            let server = Server::start(validating(move |_| reply(200, &[], body))).await;
            let up = Upstream::new(vec![server.handler("system-event=connect")], KEY.into());
            let rejection = up
                .connect(&ctx(), offering(&["protocol1"]))
                .await
                .unwrap_err();
            assert_eq!(
                rejection.status,
                StatusCode::INTERNAL_SERVER_ERROR,
                "{body:?}"
            );
            assert!(
                rejection.message.contains(expected),
                "{body:?}: {rejection}"
            );
        }
    }

    #[tokio::test]
    async fn connect_rejection_passes_status_and_body() {
        let server = Server::start(validating(|r| {
            if r.header("ce-userid") == Some("user1") {
                reply(401, &[("content-type", "text/plain")], "Invalid user")
            } else {
                reply(403, &[], "")
            }
        }))
        .await;
        let up = Upstream::new(vec![server.handler("system-event=connect")], KEY.into());
        let rejection = up.connect(&ctx(), offering(&[])).await.unwrap_err();
        assert_eq!(
            rejection,
            Rejection {
                status: StatusCode::UNAUTHORIZED,
                message: "Invalid user".into()
            }
        );
        let anonymous = EventContext {
            user_id: None,
            ..ctx()
        };
        let rejection = up.connect(&anonymous, offering(&[])).await.unwrap_err();
        assert_eq!(rejection.status, StatusCode::FORBIDDEN);
        assert!(rejection.message.contains("403"), "{rejection}");
        // A rejected connection is forgotten: its next life starts at ce-id 1 again.
        let ids: Vec<_> = server
            .posts()
            .iter()
            .map(|r| r.header("ce-id").unwrap().to_string())
            .collect();
        assert_eq!(ids, ["1", "1"]);
        assert_eq!(server.posts()[1].header("ce-userid"), None);
    }

    #[tokio::test]
    async fn connect_without_handler_accepts_with_token_claims() {
        let server = Server::start(validating(|_| reply(204, &[], ""))).await;
        let up = Upstream::new(
            vec![server.handler("system-event=connected hub=other")],
            KEY.into(),
        );
        assert_eq!(up.connect(&ctx(), offering(&[])).await, Ok(None));
        assert!(server.requests().is_empty());
    }

    #[tokio::test]
    async fn unreachable_handler_rejects_with_500_naming_the_url() {
        // A port nobody listens on: bind, note it, close.
        let addr = {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            l.local_addr().unwrap()
        };
        let handler: HandlerConfig =
            format!("url-template=http://{addr}/eh/{{event}}?code=secret user-event-pattern=* system-event=connect")
                .parse()
                .unwrap();
        let up = Upstream::new(vec![handler], KEY.into());
        let rejection = up.connect(&ctx(), offering(&[])).await.unwrap_err();
        assert_eq!(rejection.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            rejection
                .message
                .contains(&format!("http://{addr}/eh/validate?…")),
            "{rejection}"
        );
        assert!(rejection.message.contains("cannot connect"), "{rejection}");
        assert!(!rejection.message.contains("secret"), "{rejection}");
        let err = up
            .user_event(&ctx(), "chat", DataType::Text, Bytes::from_static(b"hi"))
            .await
            .unwrap_err();
        assert!(matches!(err, UpstreamError::Validation { .. }), "{err}");
    }

    // --- validation ----------------------------------------------------------------------

    #[tokio::test]
    async fn validation_passes_once_per_url_and_origin() {
        let server = Server::start(validating(|_| reply(204, &[], ""))).await;
        let up = Upstream::new(vec![server.handler("user-event-pattern=*")], KEY.into());
        for event in ["a", "b", "c"] {
            let answer = up
                .user_event(&ctx(), event, DataType::Text, Bytes::new())
                .await;
            assert_eq!(answer, Ok(None));
        }
        let other_origin = EventContext {
            origin: "127.0.0.1:8080".into(),
            ..ctx()
        };
        up.user_event(&other_origin, "d", DataType::Text, Bytes::new())
            .await
            .unwrap();
        let methods: Vec<_> = server.requests().iter().map(|r| r.method.clone()).collect();
        assert_eq!(
            methods,
            ["OPTIONS", "POST", "POST", "POST", "OPTIONS", "POST"]
        );
        let origins: Vec<_> = server
            .requests()
            .iter()
            .filter(|r| r.method == "OPTIONS")
            .map(|r| r.header("webhook-request-origin").unwrap().to_string())
            .collect();
        assert_eq!(origins, ["localhost:8080", "127.0.0.1:8080"]);
    }

    #[tokio::test]
    async fn validation_falls_back_to_get_on_404() {
        let server = Server::start(|r| match r.method.as_str() {
            "OPTIONS" => reply(404, &[], ""),
            // Echoing the origin (older JS SDKs) is as good as `*`.
            "GET" => reply(
                200,
                &[(
                    "WebHook-Allowed-Origin",
                    r.header("webhook-request-origin").unwrap_or(""),
                )],
                "",
            ),
            _ => reply(204, &[], ""),
        })
        .await;
        let up = Upstream::new(vec![server.handler("user-event-pattern=*")], KEY.into());
        up.user_event(&ctx(), "a", DataType::Text, Bytes::new())
            .await
            .unwrap();
        let requests = server.requests();
        let methods: Vec<_> = requests.iter().map(|r| r.method.as_str()).collect();
        assert_eq!(methods, ["OPTIONS", "GET", "POST"]);
        assert_eq!(requests[1].path, "/eventhandler/validate");
        assert_eq!(requests[1].header("ce-awpsversion"), Some("1.0"));
    }

    #[tokio::test]
    async fn failed_validation_sends_no_event_and_retries_after_backoff() {
        let server = Server::start(|r| match r.method.as_str() {
            "OPTIONS" => reply(200, &[], ""),
            _ => reply(204, &[], ""),
        })
        .await;
        let up = Upstream::new(
            vec![server.handler("system-event=connect user-event-pattern=*")],
            KEY.into(),
        );
        let rejection = up.connect(&ctx(), offering(&[])).await.unwrap_err();
        assert_eq!(rejection.status, StatusCode::INTERNAL_SERVER_ERROR);
        let url = format!("http://{}/eventhandler/validate", server.addr);
        assert!(rejection.message.contains(&url), "{rejection}");
        assert!(
            rejection
                .message
                .contains("without a WebHook-Allowed-Origin"),
            "{rejection}"
        );
        // Within the backoff the failure is remembered: no new request.
        let err = up
            .user_event(&ctx(), "a", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        assert!(err.to_string().contains("next try in"), "{err}");
        assert_eq!(server.requests().len(), 1);
        tokio::time::sleep(VALIDATION_BACKOFF_MIN + Duration::from_millis(100)).await;
        up.user_event(&ctx(), "a", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        let methods: Vec<_> = server.requests().iter().map(|r| r.method.clone()).collect();
        assert_eq!(methods, ["OPTIONS", "OPTIONS"], "no event may be sent");
    }

    #[tokio::test]
    async fn validation_rejects_another_origin() {
        let server = Server::start(|r| match r.method.as_str() {
            "OPTIONS" => reply(200, &[("WebHook-Allowed-Origin", "example.com")], ""),
            _ => reply(204, &[], ""),
        })
        .await;
        let up = Upstream::new(vec![server.handler("user-event-pattern=*")], KEY.into());
        let err = up
            .user_event(&ctx(), "a", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains(
                "WebHook-Allowed-Origin: example.com, which does not allow localhost:8080"
            ),
            "{err}"
        );
        assert!(server.posts().is_empty());
        assert!(origin_allowed("http://localhost:8080/", "localhost:8080"));
        assert!(origin_allowed("LOCALHOST:8080", "localhost:8080"));
        assert!(!origin_allowed("localhost:8081", "localhost:8080"));
    }

    #[tokio::test]
    async fn slow_handler_times_out() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().fallback(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            ""
        });
        tokio::spawn(async move { axum::serve(listener, app).await });
        let handler: HandlerConfig = format!("url-template=http://{addr}/ user-event-pattern=*")
            .parse()
            .unwrap();
        let up = Upstream::new(vec![handler], KEY.into()).with_timeout(Duration::from_millis(300));
        let started = Instant::now();
        let err = up
            .user_event(&ctx(), "a", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(3));
        assert!(err.to_string().contains("no answer within 300 ms"), "{err}");
    }

    // --- connected, disconnected, connection state ---------------------------------------

    #[tokio::test]
    async fn connected_and_disconnected_are_sent_in_the_background() {
        let server = Server::start(validating(|_| reply(500, &[], "ignored"))).await;
        let up = Upstream::new(
            vec![server.handler("system-event=connected,disconnected")],
            KEY.into(),
        );
        assert_eq!(up.connect(&ctx(), offering(&[])).await, Ok(None));
        up.connected(&ctx());
        let posts = server.wait_for_posts(1).await;
        assert_eq!(posts.len(), 1);
        up.disconnected(&ctx(), "Client closed: bye \"now\"");
        let posts = server.wait_for_posts(2).await;
        assert_eq!(posts.len(), 2);

        for (event, id, body) in [
            (&posts[0], "1", json!({})),
            (
                &posts[1],
                "2",
                json!({"reason": "Client closed: bye \"now\""}),
            ),
        ] {
            let name = if id == "1" {
                "connected"
            } else {
                "disconnected"
            };
            assert_eq!(event.path, format!("/eventhandler/{name}"));
            assert_eq!(
                event.header("ce-type"),
                Some(format!("azure.webpubsub.sys.{name}").as_str())
            );
            assert_eq!(event.header("ce-eventname"), Some(name));
            assert_eq!(event.header("ce-id"), Some(id));
            assert_eq!(event.header("ce-specversion"), Some("1.0"));
            assert_eq!(event.header("ce-awpsversion"), Some("1.0"));
            assert_eq!(event.header("ce-source"), Some("/hubs/chat/client/conn1"));
            assert_eq!(event.header("ce-signature"), Some(CONN1_SIGNATURE));
            assert_eq!(event.header("ce-userid"), Some("user1"));
            assert_eq!(event.header("ce-connectionid"), Some("conn1"));
            assert_eq!(event.header("ce-hub"), Some("chat"));
            assert_eq!(
                event.header("ce-subprotocol"),
                Some("json.webpubsub.azure.v1")
            );
            assert_eq!(
                event.header("webhook-request-origin"),
                Some("localhost:8080")
            );
            assert_eq!(
                event.header("content-type"),
                Some("application/json; charset=utf-8")
            );
            assert!(is_rfc3339_utc(event.header("ce-time").unwrap()));
            let sent: Value = serde_json::from_slice(&event.body).unwrap();
            assert_eq!(sent, body);
        }
        // `disconnected` forgot the connection.
        assert!(lock(&up.inner.conns).is_empty());
    }

    #[tokio::test]
    async fn connection_state_is_carried_to_later_events() {
        let server = Server::start(validating(|r| match r.event() {
            "connect" => reply(
                200,
                &[
                    ("ce-connectionState", "eyJrZXkiOiJhIn0="),
                    ("content-type", "application/json"),
                ],
                r#"{"userId":"bob"}"#,
            ),
            "set" => reply(204, &[("ce-connectionState", "c2")], ""),
            "clear" => reply(204, &[("ce-connectionState", "")], ""),
            "fail" => reply(500, &[("ce-connectionState", "ignored")], ""),
            _ => reply(204, &[], ""),
        }))
        .await;
        let up = Upstream::new(
            vec![server.handler("system-event=connect,connected,disconnected user-event-pattern=*")],
            KEY.into(),
        );
        let accepted = up.connect(&ctx(), offering(&[])).await.unwrap().unwrap();
        assert_eq!(accepted.user_id.as_deref(), Some("bob"));
        let ctx = EventContext {
            user_id: accepted.user_id,
            ..ctx()
        };
        up.connected(&ctx);
        server.wait_for_posts(2).await;
        for event in ["keep", "set", "keep", "fail", "keep", "clear", "keep"] {
            let _ = up
                .user_event(&ctx, event, DataType::Json, Bytes::from_static(b"{}"))
                .await;
        }
        up.disconnected(&ctx, "bye");
        let posts = server.wait_for_posts(10).await;
        let seen: Vec<(&str, &str, Option<&str>)> = posts
            .iter()
            .map(|r| {
                (
                    r.event(),
                    r.header("ce-id").unwrap(),
                    r.header("ce-connectionstate"),
                )
            })
            .collect();
        let a = Some("eyJrZXkiOiJhIn0=");
        assert_eq!(
            seen,
            [
                ("connect", "1", None),
                ("connected", "2", a),
                ("keep", "3", a),
                ("set", "4", a),
                ("keep", "5", Some("c2")),
                ("fail", "6", Some("c2")),
                ("keep", "7", Some("c2")),
                ("clear", "8", Some("c2")),
                ("keep", "9", None),
                ("disconnected", "10", None),
            ]
        );
        // The user the connect handler chose is on the later events.
        assert_eq!(posts[1].header("ce-userid"), Some("bob"));
        // After `disconnected` the connection id starts afresh.
        up.user_event(&ctx, "keep", DataType::Text, Bytes::new())
            .await
            .unwrap();
        assert_eq!(server.posts()[10].header("ce-id"), Some("1"));
        up.forget(&ctx.connection_id);
        assert!(lock(&up.inner.conns).is_empty());
    }

    // --- user events ---------------------------------------------------------------------

    /// (event, request data type, payload, expected answer)
    type Case = (
        &'static str,
        DataType,
        &'static [u8],
        Option<(DataType, &'static [u8])>,
    );

    #[tokio::test]
    async fn user_event_responses_are_typed_by_content_type() {
        let server = Server::start(validating(|r| match r.event() {
            "text" => reply(
                200,
                &[("content-type", "text/plain; charset=utf-8")],
                "echo:hello",
            ),
            "json" => reply(
                200,
                &[("content-type", "application/json; charset=utf-8")],
                r#"{"a":1}"#,
            ),
            "binary" => reply(
                200,
                &[("content-type", "application/octet-stream")],
                vec![1u8, 2, 3],
            ),
            "proto" => reply(
                200,
                &[("content-type", "application/x-protobuf")],
                vec![8u8, 1],
            ),
            "untyped" => reply(200, &[], "x"),
            "empty" => reply(200, &[("content-type", "text/plain")], ""),
            "badjson" => reply(200, &[("content-type", "application/json")], "not json"),
            "badtext" => reply(200, &[("content-type", "text/plain")], vec![0xffu8]),
            _ => reply(204, &[], ""),
        }))
        .await;
        let up = Upstream::new(vec![server.handler("user-event-pattern=*")], KEY.into());
        let anonymous = EventContext {
            user_id: None,
            ..ctx()
        };
        let cases: [Case; 9] = [
            (
                "text",
                DataType::Text,
                b"hello",
                Some((DataType::Text, b"echo:hello")),
            ),
            (
                "json",
                DataType::Json,
                br#"{"k":"v"}"#,
                Some((DataType::Json, br#"{"a":1}"#)),
            ),
            (
                "binary",
                DataType::Binary,
                &[0, 255],
                Some((DataType::Binary, &[1, 2, 3])),
            ),
            (
                "proto",
                DataType::Binary,
                &[1],
                Some((DataType::Protobuf, &[8, 1])),
            ),
            (
                "untyped",
                DataType::Text,
                b"t",
                Some((DataType::Binary, b"x")),
            ),
            ("empty", DataType::Text, b"t", None),
            (
                "badjson",
                DataType::Text,
                b"t",
                Some((DataType::Text, b"not json")),
            ),
            (
                "badtext",
                DataType::Text,
                b"t",
                Some((DataType::Binary, &[0xff])),
            ),
            ("nothing", DataType::Text, b"t", None),
        ];
        for (event, data_type, payload, expected) in cases {
            let answer = up
                .user_event(
                    &anonymous,
                    event,
                    data_type,
                    Bytes::copy_from_slice(payload),
                )
                .await
                .unwrap();
            let expected = expected.map(|(t, b)| (t, Bytes::copy_from_slice(b)));
            assert_eq!(answer, expected, "{event}");
        }
        let posts = server.posts();
        assert_eq!(posts.len(), 9);
        for (post, (event, data_type, payload, _)) in posts.iter().zip(cases) {
            assert_eq!(post.path, format!("/eventhandler/{event}"));
            assert_eq!(
                post.header("ce-type"),
                Some(format!("azure.webpubsub.user.{event}").as_str())
            );
            assert_eq!(post.header("ce-eventname"), Some(event));
            assert_eq!(post.header("content-type"), Some(data_type.content_type()));
            assert_eq!(&post.body[..], payload);
            assert_eq!(post.header("ce-userid"), None, "anonymous: no ce-userId");
            assert_eq!(
                post.header("ce-subprotocol"),
                Some("json.webpubsub.azure.v1")
            );
            assert_eq!(post.header("ce-source"), Some("/hubs/chat/client/conn1"));
            assert_eq!(post.header("ce-signature"), Some(CONN1_SIGNATURE));
            assert_eq!(post.header("ce-specversion"), Some("1.0"));
            assert_eq!(post.header("ce-awpsversion"), Some("1.0"));
            assert_eq!(post.header("ce-hub"), Some("chat"));
            assert_eq!(post.header("ce-connectionid"), Some("conn1"));
            assert_eq!(
                post.header("webhook-request-origin"),
                Some("localhost:8080")
            );
            assert!(is_rfc3339_utc(post.header("ce-time").unwrap()));
        }
    }

    #[tokio::test]
    async fn simple_client_message_event() {
        let server = Server::start(validating(|_| {
            reply(200, &[("content-type", "text/plain")], "pong")
        }))
        .await;
        let up = Upstream::new(
            vec![server.handler("user-event-pattern=message")],
            KEY.into(),
        );
        let raw = EventContext {
            subprotocol: None,
            ..ctx()
        };
        let answer = up
            .user_event(
                &raw,
                "message",
                DataType::Binary,
                Bytes::from_static(&[0, 1]),
            )
            .await
            .unwrap();
        assert_eq!(answer, Some((DataType::Text, Bytes::from_static(b"pong"))));
        let post = &server.posts()[0];
        assert_eq!(post.header("ce-type"), Some("azure.webpubsub.user.message"));
        assert_eq!(
            post.header("content-type"),
            Some("application/octet-stream")
        );
        assert_eq!(post.header("ce-subprotocol"), None);
    }

    #[tokio::test]
    async fn user_event_failures_are_errors() {
        let server = Server::start(validating(|r| match r.event() {
            "huge" => reply(200, &[], vec![b'x'; wire::MAX_MESSAGE_BYTES + 1]),
            _ => reply(500, &[], "boom"),
        }))
        .await;
        let up = Upstream::new(
            vec![server.handler("user-event-pattern=fail,huge")],
            KEY.into(),
        );
        let err = up
            .user_event(&ctx(), "fail", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        assert_eq!(
            err,
            UpstreamError::Status {
                url: format!("http://{}/eventhandler/fail", server.addr),
                status: StatusCode::INTERNAL_SERVER_ERROR,
                body: "boom".into(),
            }
        );
        let err = up
            .user_event(&ctx(), "huge", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        assert!(err.to_string().contains("larger than 1 MiB"), "{err}");
        let err = up
            .user_event(&ctx(), "other", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        assert_eq!(
            err,
            UpstreamError::NoHandler {
                hub: "chat".into(),
                event: "other".into()
            }
        );
        assert!(!up.handles_user_event("chat", "other"));
    }

    #[tokio::test]
    async fn url_template_expands_event_and_hub_and_hides_the_query() {
        let server = Server::start(validating(|_| reply(502, &[], ""))).await;
        let handler: HandlerConfig = format!(
            "url-template=http://{}/api/{{hub}}/events/{{event}}?code=secret&x=1 user-event-pattern=*",
            server.addr
        )
        .parse()
        .unwrap();
        let up = Upstream::new(vec![handler], KEY.into());
        let odd_hub = EventContext {
            hub: "Chat`1".into(),
            ..ctx()
        };
        let err = up
            .user_event(&odd_hub, "my.event", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        let requests = server.requests();
        assert_eq!(requests[0].path, "/api/Chat%601/events/validate");
        assert_eq!(requests[1].path, "/api/Chat%601/events/my.event");
        assert_eq!(requests[1].query.as_deref(), Some("code=secret&x=1"));
        assert_eq!(requests[1].header("ce-hub"), Some("Chat`1"));
        let text = err.to_string();
        assert!(
            text.contains("/api/Chat%601/events/my.event?… answered 502"),
            "{text}"
        );
        assert!(!text.contains("secret"), "{text}");
    }

    #[test]
    fn header_values_never_fail() {
        assert_eq!(header_value("a\r\nb\0c").as_bytes(), b"abc");
        assert_eq!(header_value("José").as_bytes(), "José".as_bytes());
    }
}
