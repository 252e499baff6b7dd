//! Azure Web PubSub connection strings:
//! `Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0;`.
//!
//! The parser follows the .NET SDK (the strictest of the official ones) so that a string
//! accepted here is accepted by every SDK, while still taking what the JS and Python SDKs
//! take in practice: any key order, case-insensitive key names, a `Port=` key, lower-cased
//! hosts, and SignalR-only keys (ignored). Errors say what is wrong and how to fix it, and
//! never echo anything that could be the access key.

use std::fmt;
use std::str::FromStr;

use url::Url;

use crate::wire::ops::ClientType;

/// The local emulator's port and access key: what commands use when given no credentials. The
/// key is the public one of Microsoft's emulator (and the SignalR emulator), so their samples
/// work unchanged against ours.
pub const EMULATOR_PORT: u16 = 8080;
pub const EMULATOR_ACCESS_KEY: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

/// The local emulator's connection string on its default port.
pub fn emulator_default() -> String {
    format!(
        "Endpoint=http://localhost:{EMULATOR_PORT};AccessKey={EMULATOR_ACCESS_KEY};Version=1.0;"
    )
}

/// What the portal and `az webpubsub key show` print, used in error hints.
const EXAMPLE: &str = "Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0;";

/// Segments and values longer than this are not echoed in errors: they may be (part of) the key.
const ECHO_LIMIT: usize = 20;

/// A parsed connection string: an http(s) endpoint and the access key.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionString {
    /// Absolute http/https URL with a host, no query or fragment, no trailing `/` on a
    /// non-empty path (the `url` crate always keeps the root path `/`; `endpoint_str()` drops it).
    endpoint: Url,
    access_key: String,
}

/// Why a connection string (or `--endpoint` / `--access-key`) was rejected.
///
/// Each message is one line: what is wrong, then how to fix it. None contains the access key.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConnStrError {
    #[error("connection string is empty: expected {EXAMPLE}")]
    Empty,
    #[error("connection string segment {segment:?} is not Key=Value: separate the parts with ';', e.g. {EXAMPLE}")]
    MalformedSegment { segment: String },
    /// Same as `MalformedSegment`, for a segment too long to echo safely (it could hold the key).
    #[error("connection string segment #{position} is not Key=Value (text not shown, it may contain the key): separate the parts with ';', e.g. {EXAMPLE}")]
    MalformedSegmentAt { position: usize },
    #[error("connection string has {key} more than once: keep a single {key}=… part")]
    DuplicateKey { key: &'static str },
    #[error("connection string has no Endpoint: expected {EXAMPLE}")]
    MissingEndpoint,
    #[error("connection string has an empty Endpoint: expected Endpoint=https://<name>.webpubsub.azure.com")]
    EmptyEndpoint,
    #[error("connection string has no AccessKey: expected {EXAMPLE} (get it with `az webpubsub key show`)")]
    MissingAccessKey,
    #[error("access key is empty: copy it from the portal or `az webpubsub key show`")]
    EmptyAccessKey,
    #[error("access key contains {what}: an access key is a single line of text without ';'")]
    InvalidAccessKey { what: &'static str },
    #[error("endpoint {endpoint:?} has no scheme: use {suggestion:?}")]
    EndpointMissingScheme {
        endpoint: String,
        suggestion: String,
    },
    #[error("endpoint scheme {scheme:?} is not supported: use http:// or https:// (the service derives the ws:// and wss:// URLs itself)")]
    UnsupportedScheme { scheme: String },
    #[error("endpoint {endpoint} is not a valid URL ({reason}): expected https://<name>.webpubsub.azure.com or http://localhost:8080")]
    InvalidEndpoint { endpoint: String, reason: String },
    #[error("connection string has AuthType={auth_type}, so it signs in with Entra ID and has no access key: this needs a key")]
    NoKeyWithAuthType { auth_type: &'static str },
    #[error("connection string with AuthType=azure.app has no {key}: it needs TenantId, ClientId and ClientSecret")]
    AppNeeds { key: &'static str },
    #[error("AuthType {value} is not supported: use azure.msi (managed identity, ClientId= for a user-assigned one), azure.app (service principal) or azure (default sign-in)")]
    UnsupportedAuthType { value: String },
    #[error("Port {value} is not a port number: use an integer from 1 to 65535, or put the port in the Endpoint (http://localhost:8080)")]
    InvalidPort { value: String },
}

impl ConnectionString {
    /// Builds a connection string from `--endpoint` and `--access-key`, with the same checks as
    /// parsing. Surrounding whitespace is trimmed from both, as the parser does, so a key read
    /// with `$(cat keyfile)` or a trailing newline behaves like the same key in a connection string.
    pub fn new(endpoint: &str, access_key: &str) -> Result<Self, ConnStrError> {
        let key = access_key.trim();
        let build = || -> Result<Self, ConnStrError> {
            Ok(Self {
                endpoint: parse_endpoint(endpoint.trim(), None)?,
                access_key: check_access_key(key)?,
            })
        };
        build().map_err(|e| hide_key(e, key))
    }

    pub fn endpoint(&self) -> &Url {
        &self.endpoint
    }

    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    /// The endpoint without a trailing `/` (default port dropped, path kept), e.g.
    /// `http://localhost:8080`: the form the Python SDK and the portal use.
    pub fn endpoint_str(&self) -> String {
        endpoint_str(&self.endpoint)
    }

    /// A REST URL: endpoint + `/api/` + `path_tail`. `path_tail` must already be
    /// percent-encoded by the caller (e.g. `hubs/chat/:send?api-version=2024-12-01`); a `?`
    /// in it starts the query. Built by editing the parsed endpoint, so it cannot fail.
    pub fn api_url(&self, path_tail: &str) -> Url {
        api_url(&self.endpoint, path_tail)
    }

    /// The `aud` of client access tokens: `http(s)://host[:port][/path]/client/hubs/{hub}`.
    /// The hub is used as given (not escaped), as the JS and Python SDKs do.
    pub fn client_audience(&self, hub: &str) -> String {
        self.client_audience_for(ClientType::Default, hub)
    }

    /// The `aud` of a token for this kind of client: `…/client/hubs/{hub}`,
    /// `…/clients/mqtt/hubs/{hub}` or `…/clients/socketio/hubs/{hub}`.
    pub fn client_audience_for(&self, kind: ClientType, hub: &str) -> String {
        format!("{}/{}/hubs/{}", self.endpoint_str(), kind.path(), hub)
    }

    /// The client WebSocket URL without a query: `ws(s)://host[:port][/path]/client/hubs/{hub}`.
    pub fn client_url(&self, hub: &str) -> Url {
        client_url(&self.endpoint, ClientType::Default, hub)
    }

    /// The WebSocket URL of this kind of client, without a query.
    pub fn client_url_for(&self, kind: ClientType, hub: &str) -> Url {
        client_url(&self.endpoint, kind, hub)
    }

    /// The endpoint alone, for requests signed another way.
    pub fn service_endpoint(&self) -> ServiceEndpoint {
        ServiceEndpoint {
            url: self.endpoint.clone(),
        }
    }

    /// The connection string with the key hidden, for logs and `--verbose` output.
    pub fn redacted(&self) -> String {
        format!(
            "Endpoint={};AccessKey=***;Version=1.0;",
            self.endpoint_str()
        )
    }
}

/// A service endpoint without a key: where requests go when they are signed with Entra ID.
/// The same URL rules as a connection string's `Endpoint`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ServiceEndpoint {
    url: Url,
}

impl ServiceEndpoint {
    /// An http(s) endpoint, checked like a connection string's.
    pub fn parse(endpoint: &str) -> Result<Self, ConnStrError> {
        Ok(ServiceEndpoint {
            url: parse_endpoint(endpoint.trim(), None)?,
        })
    }

    /// Is this endpoint this machine (localhost or a loopback address)? Hints differ.
    pub fn is_local(&self) -> bool {
        match self.url.host() {
            Some(url::Host::Domain(d)) => {
                d.eq_ignore_ascii_case("localhost")
                    || d.to_ascii_lowercase().ends_with(".localhost")
            }
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        }
    }

    pub fn url(&self) -> &Url {
        &self.url
    }

    /// See [`ConnectionString::endpoint_str`].
    pub fn endpoint_str(&self) -> String {
        endpoint_str(&self.url)
    }

    /// See [`ConnectionString::api_url`].
    pub fn api_url(&self, path_tail: &str) -> Url {
        api_url(&self.url, path_tail)
    }

    /// See [`ConnectionString::client_audience`].
    pub fn client_audience(&self, hub: &str) -> String {
        self.client_audience_for(ClientType::Default, hub)
    }

    /// See [`ConnectionString::client_audience_for`].
    pub fn client_audience_for(&self, kind: ClientType, hub: &str) -> String {
        format!("{}/{}/hubs/{}", self.endpoint_str(), kind.path(), hub)
    }

    /// See [`ConnectionString::client_url`].
    pub fn client_url(&self, hub: &str) -> Url {
        client_url(&self.url, ClientType::Default, hub)
    }

    /// See [`ConnectionString::client_url_for`].
    pub fn client_url_for(&self, kind: ClientType, hub: &str) -> Url {
        client_url(&self.url, kind, hub)
    }
}

fn endpoint_str(url: &Url) -> String {
    let s = url.as_str();
    s.strip_suffix('/').unwrap_or(s).to_string()
}

fn base_path(url: &Url) -> &str {
    url.path().trim_end_matches('/')
}

fn api_url(endpoint: &Url, path_tail: &str) -> Url {
    let tail = path_tail.trim_start_matches('/');
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (tail, None),
    };
    let mut url = endpoint.clone();
    url.set_path(&format!("{}/api/{}", base_path(endpoint), path));
    url.set_query(query);
    url
}

fn client_url(endpoint: &Url, kind: ClientType, hub: &str) -> Url {
    let mut url = endpoint.clone();
    let scheme = if url.scheme() == "https" { "wss" } else { "ws" };
    // http(s) -> ws(s) is a switch between special schemes, which `set_scheme` always
    // allows; the endpoint was validated as http(s) when this value was built.
    let switched = url.set_scheme(scheme);
    debug_assert!(switched.is_ok());
    url.set_path(&format!(
        "{}/{}/hubs/{}",
        base_path(endpoint),
        kind.path(),
        hub
    ));
    url
}

impl fmt::Display for ConnectionString {
    /// The full canonical form, key included. Use only where printing the secret is the point.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Endpoint={};AccessKey={};Version=1.0;",
            self.endpoint_str(),
            self.access_key
        )
    }
}

impl fmt::Debug for ConnectionString {
    /// Redacted, so `{:?}` in logs and panics never leaks the key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectionString")
            .field("endpoint", &self.endpoint_str())
            .field("access_key", &"***")
            .finish()
    }
}

/// The keys this parser reads; everything else (SignalR's `ClientEndpoint`, …) is ignored.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Known {
    Endpoint = 0,
    AccessKey = 1,
    Port = 2,
    Version = 3,
    AuthType = 4,
    ClientId = 5,
    ClientSecret = 6,
    TenantId = 7,
}

const KNOWN: usize = 8;

impl Known {
    fn from_name(name: &str) -> Option<Self> {
        [
            ("endpoint", Self::Endpoint),
            ("accesskey", Self::AccessKey),
            ("port", Self::Port),
            ("version", Self::Version),
            ("authtype", Self::AuthType),
            ("clientid", Self::ClientId),
            ("clientsecret", Self::ClientSecret),
            ("tenantid", Self::TenantId),
        ]
        .into_iter()
        .find(|(n, _)| name.eq_ignore_ascii_case(n))
        .map(|(_, k)| k)
    }

    fn name(self) -> &'static str {
        match self {
            Self::Endpoint => "Endpoint",
            Self::AccessKey => "AccessKey",
            Self::Port => "Port",
            Self::Version => "Version",
            Self::AuthType => "AuthType",
            Self::ClientId => "ClientId",
            Self::ClientSecret => "ClientSecret",
            Self::TenantId => "TenantId",
        }
    }
}

impl FromStr for ConnectionString {
    type Err = ConnStrError;

    /// Parses `Key=Value;…` like the .NET SDK: `;`-separated, empty parts skipped, key before
    /// the first `=` (trimmed, case-insensitive), value after it (trimmed, so
    /// `AccessKey=a=b==` keeps `a=b==`), duplicates of a known key rejected, unknown keys and
    /// `Version` ignored, `Port` overriding the endpoint's port. A string that signs in with
    /// Entra ID (`AuthType=azure…`) has no key: [`Connection::from_str`] takes those.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match Connection::from_str(s)? {
            Connection::Key(cs) => Ok(cs),
            Connection::Entra { auth, .. } => Err(ConnStrError::NoKeyWithAuthType {
                auth_type: auth.auth_type(),
            }),
        }
    }
}

/// A connection string of any kind: with an access key, or one that signs in with Entra ID
/// (`AuthType=azure.msi[;ClientId=…]`, `AuthType=azure.app;ClientId=…;TenantId=…;ClientSecret=…`,
/// or `AuthType=azure`, as the SignalR and Web PubSub SDKs write them).
#[derive(Clone, PartialEq, Eq)]
pub enum Connection {
    Key(ConnectionString),
    Entra {
        endpoint: ServiceEndpoint,
        auth: EntraAuth,
    },
}

/// How a keyless connection string signs in.
#[derive(Clone, PartialEq, Eq)]
pub enum EntraAuth {
    /// `AuthType=azure.msi`: a managed identity (user-assigned with `ClientId=`).
    ManagedIdentity { client_id: Option<String> },
    /// `AuthType=azure.app`: a service principal with a client secret.
    ServicePrincipal {
        tenant_id: String,
        client_id: String,
        client_secret: String,
    },
    /// `AuthType=azure`: whatever the default credential chain finds.
    Default,
}

impl EntraAuth {
    fn auth_type(&self) -> &'static str {
        match self {
            EntraAuth::ManagedIdentity { .. } => "azure.msi",
            EntraAuth::ServicePrincipal { .. } => "azure.app",
            EntraAuth::Default => "azure",
        }
    }
}

impl fmt::Debug for EntraAuth {
    /// The client secret never appears.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntraAuth::ManagedIdentity { client_id } => f
                .debug_struct("ManagedIdentity")
                .field("client_id", client_id)
                .finish(),
            EntraAuth::ServicePrincipal {
                tenant_id,
                client_id,
                ..
            } => f
                .debug_struct("ServicePrincipal")
                .field("tenant_id", tenant_id)
                .field("client_id", client_id)
                .field("client_secret", &"***")
                .finish(),
            EntraAuth::Default => f.write_str("Default"),
        }
    }
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Connection::Key(cs) => cs.fmt(f),
            Connection::Entra { endpoint, auth } => f
                .debug_struct("Connection::Entra")
                .field("endpoint", &endpoint.endpoint_str())
                .field("auth", auth)
                .finish(),
        }
    }
}

impl FromStr for Connection {
    type Err = ConnStrError;

    /// Parses a connection string as [`ConnectionString`] does, and also keyless ones with an
    /// `AuthType` (case-insensitive; SignalR's `aad` too). With an `AccessKey`, `AuthType` is
    /// ignored, as the Web PubSub SDKs do.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = strip_quotes(s.trim().trim_start_matches('\u{feff}').trim());
        if s.is_empty() {
            return Err(ConnStrError::Empty);
        }
        // Values by `Known` discriminant; `Version` is read only to reject duplicates.
        let mut values: [Option<&str>; KNOWN] = [None; KNOWN];
        for (index, part) in s.split(';').enumerate() {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let Some((name, value)) = part.split_once('=').filter(|(n, _)| !n.trim().is_empty())
            else {
                return Err(if part.chars().count() <= ECHO_LIMIT {
                    ConnStrError::MalformedSegment {
                        segment: part.to_string(),
                    }
                } else {
                    ConnStrError::MalformedSegmentAt {
                        position: index + 1,
                    }
                });
            };
            let Some(known) = Known::from_name(name.trim()) else {
                continue;
            };
            if values[known as usize].replace(value.trim()).is_some() {
                return Err(ConnStrError::DuplicateKey { key: known.name() });
            }
        }
        let get = |k: Known| values[k as usize].filter(|v| !v.is_empty());
        let endpoint = values[Known::Endpoint as usize].ok_or(ConnStrError::MissingEndpoint)?;
        let access_key = values[Known::AccessKey as usize];
        let secret = values[Known::ClientSecret as usize].unwrap_or_default();
        let hide = |e: ConnStrError| {
            let e = hide_key(e, access_key.unwrap_or_default());
            hide_key(e, secret)
        };
        let auth_type = values[Known::AuthType as usize];
        if auth_type.is_none() && access_key.is_none() {
            return Err(ConnStrError::MissingAccessKey);
        }
        let port = values[Known::Port as usize]
            .map(parse_port)
            .transpose()
            .map_err(hide)?;
        let endpoint = parse_endpoint(endpoint, port).map_err(hide)?;
        // A key wins over an AuthType, as in the Web PubSub SDKs (which ignore AuthType).
        let Some(auth_type) = auth_type.filter(|_| access_key.is_none()) else {
            let access_key = access_key.ok_or(ConnStrError::MissingAccessKey)?;
            let access_key = check_access_key(access_key).map_err(hide)?;
            return Ok(Connection::Key(ConnectionString {
                endpoint,
                access_key,
            }));
        };
        let mut kind = auth_type.to_ascii_lowercase();
        if kind == "aad" {
            // SignalR's older spelling: a secret means a service principal, else a managed identity.
            kind = if get(Known::ClientSecret).is_some() {
                "azure.app".into()
            } else {
                "azure.msi".into()
            };
        }
        let auth = match kind.as_str() {
            "azure.msi" => EntraAuth::ManagedIdentity {
                client_id: get(Known::ClientId).map(str::to_string),
            },
            "azure.app" => {
                let need = |k: Known| {
                    get(k)
                        .map(str::to_string)
                        .ok_or(ConnStrError::AppNeeds { key: k.name() })
                };
                EntraAuth::ServicePrincipal {
                    tenant_id: need(Known::TenantId)?,
                    client_id: need(Known::ClientId)?,
                    client_secret: need(Known::ClientSecret)?,
                }
            }
            "azure" => EntraAuth::Default,
            _ => {
                return Err(ConnStrError::UnsupportedAuthType {
                    value: echo(auth_type),
                })
            }
        };
        Ok(Connection::Entra {
            endpoint: ServiceEndpoint { url: endpoint },
            auth,
        })
    }
}

/// Last line of defence for "never echo the key": if the key was typed into another value
/// (e.g. `Endpoint=<key>`), hide the echoed value. Keys shorter than 8 characters are not
/// searched for: they would match ordinary text, and real keys are 32+ characters.
fn hide_key(err: ConnStrError, key: &str) -> ConnStrError {
    let leaks = |echoed: &str| key.chars().count() >= 8 && echoed.contains(key);
    let hidden = || "(value not shown)".to_string();
    match err {
        ConnStrError::MalformedSegment { segment } if leaks(&segment) => {
            ConnStrError::MalformedSegment { segment: hidden() }
        }
        ConnStrError::EndpointMissingScheme { endpoint, .. } if leaks(&endpoint) => {
            ConnStrError::InvalidEndpoint {
                endpoint: hidden(),
                reason: "no scheme: it should start with https:// or http://".to_string(),
            }
        }
        ConnStrError::UnsupportedScheme { scheme } if leaks(&scheme) => {
            ConnStrError::UnsupportedScheme { scheme: hidden() }
        }
        ConnStrError::InvalidEndpoint { endpoint, reason } if leaks(&endpoint) => {
            ConnStrError::InvalidEndpoint {
                endpoint: hidden(),
                reason,
            }
        }
        ConnStrError::InvalidPort { value } if leaks(&value) => {
            ConnStrError::InvalidPort { value: hidden() }
        }
        other => other,
    }
}

/// Drops one pair of matching surrounding quotes: `docker --env-file` and some `.env`
/// loaders keep them, and no valid connection string starts with a quote.
fn strip_quotes(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.trim();
        }
    }
    s
}

fn parse_port(value: &str) -> Result<u16, ConnStrError> {
    match value.parse::<u32>() {
        Ok(p @ 1..=65535) => u16::try_from(p).map_err(|_| invalid_port(value)),
        _ => Err(invalid_port(value)),
    }
}

fn invalid_port(value: &str) -> ConnStrError {
    ConnStrError::InvalidPort { value: echo(value) }
}

/// Quotes a value for an error message, or only says how long it is when it could be the key.
fn echo(value: &str) -> String {
    if value.chars().count() <= ECHO_LIMIT && !value.chars().any(char::is_whitespace) {
        format!("{value:?}")
    } else {
        format!("(a {}-character value, not shown)", value.chars().count())
    }
}

/// Validates and normalises an endpoint: http/https only, host required (lower-cased by the
/// URL parser), default port dropped, no credentials, query or fragment, trailing `/` removed.
fn parse_endpoint(value: &str, port: Option<u16>) -> Result<Url, ConnStrError> {
    if value.is_empty() {
        return Err(ConnStrError::EmptyEndpoint);
    }
    // Shown in errors unless it looks like the user ran the key into the endpoint.
    let shown = || {
        let lower = value.to_ascii_lowercase();
        if lower.contains("accesskey")
            || value.contains(';')
            || value.chars().any(char::is_whitespace)
        {
            "(value not shown)".to_string()
        } else {
            format!("{value:?}")
        }
    };
    let invalid = |reason: &str| ConnStrError::InvalidEndpoint {
        endpoint: shown(),
        reason: reason.to_string(),
    };
    let Some((scheme, _)) = value.split_once("://") else {
        let local = ["localhost", "127.0.0.1", "[::1]"]
            .iter()
            .any(|h| value.to_ascii_lowercase().starts_with(h));
        let scheme = if local { "http" } else { "https" };
        // The JS SDK silently assumes https://; saying so is friendlier than guessing.
        // Echo only what looks like a host name (base64 keys have no '.' or ':').
        let host_like = value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_:[]/".contains(c))
            && (value.contains(['.', ':']) || value.eq_ignore_ascii_case("localhost"));
        return Err(if host_like {
            ConnStrError::EndpointMissingScheme {
                endpoint: value.to_string(),
                suggestion: format!("{scheme}://{value}"),
            }
        } else {
            ConnStrError::InvalidEndpoint {
                endpoint: "(value not shown)".to_string(),
                reason: "no scheme: it should start with https:// or http://".to_string(),
            }
        });
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(ConnStrError::UnsupportedScheme {
            scheme: if scheme.chars().count() <= ECHO_LIMIT {
                scheme
            } else {
                "?".to_string()
            },
        });
    }
    let mut url = Url::parse(value).map_err(|e| invalid(&e.to_string()))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Never echo a URL carrying credentials.
        return Err(ConnStrError::InvalidEndpoint {
            endpoint: "(value not shown)".to_string(),
            reason: "it contains user credentials; the access key goes in AccessKey=".to_string(),
        });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            "it has a query or fragment; remove the part from '?' or '#' on",
        ));
    }
    if let Some(p) = port {
        // Cannot fail for an http(s) URL with a host; a default port becomes `None`.
        url.set_port(Some(p))
            .map_err(|()| invalid("the port cannot be set"))?;
    }
    let trimmed = url.path().trim_end_matches('/').to_string();
    url.set_path(&trimmed);
    Ok(url)
}

fn check_access_key(key: &str) -> Result<String, ConnStrError> {
    if key.is_empty() {
        return Err(ConnStrError::EmptyAccessKey);
    }
    if key.contains(';') {
        // Only reachable through `new`: the parser splits on ';'. It could not round-trip.
        return Err(ConnStrError::InvalidAccessKey { what: "';'" });
    }
    if key.chars().any(char::is_control) {
        return Err(ConnStrError::InvalidAccessKey {
            what: "a control character",
        });
    }
    Ok(key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

    fn parse(s: &str) -> Result<ConnectionString, ConnStrError> {
        s.parse()
    }

    fn ok(s: &str) -> ConnectionString {
        match parse(s) {
            Ok(cs) => cs,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    fn err(s: &str) -> ConnStrError {
        match parse(s) {
            Ok(cs) => panic!("{s:?} should fail, got {cs:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn js_vector_port_key_applied() {
        let cs = ok("Endpoint=http://localhost;AccessKey=ABC;Port=8080;Version=1.0;");
        assert_eq!(cs.endpoint_str(), "http://localhost:8080");
        assert_eq!(cs.access_key(), "ABC");
        let cs = ok("Endpoint=http://localhost;AccessKey=ABC;");
        assert_eq!(cs.endpoint_str(), "http://localhost");
    }

    #[test]
    fn python_vectors_and_key_order() {
        let cs = ok(&format!(
            "Endpoint=http://host;AccessKey={KEY};Version=1.0;Port=8080;"
        ));
        assert_eq!(cs.endpoint_str(), "http://host:8080");
        let cs = ok(&format!(
            "AccessKey={KEY};Endpoint=http://host;Version=1.0;"
        ));
        assert_eq!(cs.endpoint_str(), "http://host");
        assert_eq!(cs.access_key(), KEY);
    }

    #[test]
    fn lower_case_keys_and_default_port_normalised() {
        let cs = ok(&format!(
            "endpoint=http://localhost;port=80;accesskey={KEY}"
        ));
        assert_eq!(cs.endpoint_str(), "http://localhost");
        assert_eq!(
            cs.client_audience("Chat"),
            "http://localhost/client/hubs/Chat"
        );
        let cs = ok(&format!("Endpoint=https://a.example:443;AccessKey={KEY}"));
        assert_eq!(cs.endpoint_str(), "https://a.example");
        let cs = ok(&format!(
            "Endpoint=https://a.example;AccessKey={KEY};Port=443"
        ));
        assert_eq!(cs.endpoint_str(), "https://a.example");
    }

    #[test]
    fn port_key_overrides_endpoint_port() {
        let cs = ok(&format!(
            "Endpoint=http://localhost:9000;AccessKey={KEY};Port=8080"
        ));
        assert_eq!(cs.endpoint_str(), "http://localhost:8080");
        assert_eq!(cs.endpoint().port(), Some(8080));
    }

    #[test]
    fn host_lower_cased_and_trailing_slash_stripped() {
        let cs = ok(&format!(
            "Endpoint=https://Contoso.webpubsub.azure.com/;AccessKey={KEY};Version=1.0;"
        ));
        assert_eq!(cs.endpoint_str(), "https://contoso.webpubsub.azure.com");
        assert_eq!(
            cs.client_url("Chat").as_str(),
            "wss://contoso.webpubsub.azure.com/client/hubs/Chat"
        );
        let cs = ok(&format!("Endpoint=http://h/base//;AccessKey={KEY}"));
        assert_eq!(cs.endpoint_str(), "http://h/base");
    }

    #[test]
    fn microsoft_emulator_string() {
        let s = format!("Endpoint=http://localhost:8080;AccessKey={KEY};Version=1.0;");
        let cs = ok(&s);
        assert_eq!(cs.endpoint_str(), "http://localhost:8080");
        assert_eq!(cs.to_string(), s);
    }

    #[test]
    fn value_split_on_first_equals_and_trimmed() {
        let cs = ok("Endpoint = http://h ; AccessKey = a=b== ;");
        assert_eq!(cs.access_key(), "a=b==");
        assert_eq!(cs.endpoint_str(), "http://h");
    }

    fn entra(s: &str) -> (ServiceEndpoint, EntraAuth) {
        match Connection::from_str(s) {
            Ok(Connection::Entra { endpoint, auth }) => (endpoint, auth),
            other => panic!("{s:?} should be an Entra connection string, got {other:?}"),
        }
    }

    #[test]
    fn managed_identity_connection_strings() {
        let (endpoint, auth) =
            entra("Endpoint=https://x.webpubsub.azure.com;AuthType=azure.msi;Version=1.0;");
        assert_eq!(endpoint.endpoint_str(), "https://x.webpubsub.azure.com");
        assert_eq!(auth, EntraAuth::ManagedIdentity { client_id: None });
        let (endpoint, auth) =
            entra("endpoint=http://localhost;port=8081;authtype=Azure.MSI;clientid=abc");
        assert_eq!(endpoint.endpoint_str(), "http://localhost:8081");
        assert_eq!(
            auth,
            EntraAuth::ManagedIdentity {
                client_id: Some("abc".into())
            }
        );
        assert_eq!(
            entra("Endpoint=https://x;AuthType=aad;ClientId=c").1,
            EntraAuth::ManagedIdentity {
                client_id: Some("c".into())
            }
        );
        assert_eq!(
            entra("Endpoint=https://x;AuthType=azure").1,
            EntraAuth::Default
        );
        // Where a key is needed, the error says why there is none.
        let e = err("Endpoint=https://x;AuthType=azure.msi");
        assert_eq!(
            e,
            ConnStrError::NoKeyWithAuthType {
                auth_type: "azure.msi"
            }
        );
        assert!(e.to_string().contains("Entra ID"));
    }

    #[test]
    fn service_principal_connection_strings_hide_the_secret() {
        let secret = "s3cr3t-s3cr3t-s3cr3t-s3cr3t";
        let (_, auth) = entra(&format!(
            "Endpoint=https://x;AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret={secret}"
        ));
        assert!(matches!(auth, EntraAuth::ServicePrincipal { .. }));
        assert!(!format!("{auth:?}").contains(secret));
        assert_eq!(
            Connection::from_str("Endpoint=https://x;AuthType=azure.app;ClientId=c").unwrap_err(),
            ConnStrError::AppNeeds { key: "TenantId" }
        );
        let e = Connection::from_str(&format!(
            "Endpoint={secret};AuthType=azure.app;ClientId=c;TenantId=t;ClientSecret={secret}"
        ))
        .unwrap_err();
        assert!(!e.to_string().contains(secret), "{e}");
        assert!(matches!(
            Connection::from_str("Endpoint=https://x;AuthType=kerberos").unwrap_err(),
            ConnStrError::UnsupportedAuthType { .. }
        ));
    }

    #[test]
    fn a_key_wins_over_an_auth_type() {
        assert!(matches!(
            Connection::from_str(&format!(
                "Endpoint=https://x;AccessKey={KEY};AuthType=azure.msi"
            )),
            Ok(Connection::Key(_))
        ));
    }

    #[test]
    fn unknown_keys_and_any_version_ignored() {
        let cs = ok(&format!(
            "Endpoint=https://x.service.signalr.net;AccessKey={KEY};Version=2.0;ClientEndpoint=https://c;AuthType=aad;ServerEndpoint=https://s;"
        ));
        assert_eq!(cs.endpoint_str(), "https://x.service.signalr.net");
    }

    #[test]
    fn surrounding_quotes_and_empty_parts_skipped() {
        let cs = ok(&format!("\"Endpoint=http://h;;  ;AccessKey={KEY};\""));
        assert_eq!(cs.endpoint_str(), "http://h");
        let cs = ok(&format!("'Endpoint=http://h;AccessKey={KEY}'\n"));
        assert_eq!(cs.access_key(), KEY);
    }

    #[test]
    fn client_url_vectors() {
        let cs = ok(&format!(
            "Endpoint=http://localhost;Port=8080;AccessKey={KEY};Version=1.0;"
        ));
        assert_eq!(
            cs.client_url("hub").as_str(),
            "ws://localhost:8080/client/hubs/hub"
        );
        assert_eq!(
            cs.client_audience("hub"),
            "http://localhost:8080/client/hubs/hub"
        );
        let cs = ok(&format!("Endpoint=https://a;AccessKey={KEY};Version=1.0;"));
        assert_eq!(cs.client_url("hub").as_str(), "wss://a/client/hubs/hub");
        assert_eq!(cs.client_audience("hub"), "https://a/client/hubs/hub");
        let cs = ok(&format!("Endpoint=http://a;AccessKey={KEY};Version=1.0;"));
        assert_eq!(cs.client_url("hub").as_str(), "ws://a/client/hubs/hub");
        assert_eq!(cs.client_url("hub").query(), None);
    }

    #[test]
    fn endpoint_path_kept_in_derived_urls() {
        let cs = ok(&format!(
            "Endpoint=https://proxy.example/wps/;AccessKey={KEY}"
        ));
        assert_eq!(cs.endpoint_str(), "https://proxy.example/wps");
        assert_eq!(
            cs.client_audience("h"),
            "https://proxy.example/wps/client/hubs/h"
        );
        assert_eq!(
            cs.client_url("h").as_str(),
            "wss://proxy.example/wps/client/hubs/h"
        );
        assert_eq!(
            cs.api_url("hubs/h/:send").as_str(),
            "https://proxy.example/wps/api/hubs/h/:send"
        );
    }

    #[test]
    fn api_url_keeps_encoding_and_query() {
        let cs = ok(&format!("Endpoint=http://localhost:8080;AccessKey={KEY}"));
        let url =
            cs.api_url("hubs/chat/:send?api-version=2024-12-01&filter=userId%20ne%20%27bob%27");
        assert_eq!(
            url.as_str(),
            "http://localhost:8080/api/hubs/chat/:send?api-version=2024-12-01&filter=userId%20ne%20%27bob%27"
        );
        let url = cs.api_url("/hubs/chat/users/fake%20user/:send");
        assert_eq!(
            url.as_str(),
            "http://localhost:8080/api/hubs/chat/users/fake%20user/:send"
        );
        assert_eq!(url.query(), None);
    }

    #[test]
    fn display_round_trips_and_debug_is_redacted() {
        let cs = ok(&format!(
            "accesskey={KEY};endpoint=HTTPS://Example.COM:443/;port=8443"
        ));
        let shown = cs.to_string();
        assert_eq!(
            shown,
            format!("Endpoint=https://example.com:8443;AccessKey={KEY};Version=1.0;")
        );
        assert_eq!(ok(&shown), cs);
        assert_eq!(
            cs.redacted(),
            "Endpoint=https://example.com:8443;AccessKey=***;Version=1.0;"
        );
        let debug = format!("{cs:?}");
        assert!(!debug.contains(KEY), "{debug}");
        assert!(debug.contains("***"), "{debug}");
    }

    #[test]
    fn new_from_flags() {
        let cs = ConnectionString::new("http://localhost:8080/", &format!(" {KEY}\n"));
        assert_eq!(
            cs.as_ref().map(|c| c.endpoint_str()),
            Ok("http://localhost:8080".to_string())
        );
        assert_eq!(cs.as_ref().map(|c| c.access_key()), Ok(KEY));
        assert_eq!(
            ConnectionString::new("contoso.webpubsub.azure.com", KEY),
            Err(ConnStrError::EndpointMissingScheme {
                endpoint: "contoso.webpubsub.azure.com".into(),
                suggestion: "https://contoso.webpubsub.azure.com".into(),
            })
        );
        assert_eq!(
            ConnectionString::new("http://h", " "),
            Err(ConnStrError::EmptyAccessKey)
        );
        assert_eq!(
            ConnectionString::new("http://h", "ab;cd"),
            Err(ConnStrError::InvalidAccessKey { what: "';'" })
        );
        assert_eq!(
            ConnectionString::new("http://h", "ab\u{7}cd"),
            Err(ConnStrError::InvalidAccessKey {
                what: "a control character"
            })
        );
        assert_eq!(
            ConnectionString::new("", KEY),
            Err(ConnStrError::EmptyEndpoint)
        );
        // A key pasted into --endpoint is not echoed back.
        let e = ConnectionString::new(KEY, KEY).unwrap_err();
        assert!(!e.to_string().contains(KEY), "{e}");
        let e = ConnectionString::new(&format!("http://{KEY}:x"), KEY).unwrap_err();
        assert!(matches!(e, ConnStrError::InvalidEndpoint { .. }), "{e:?}");
        assert!(!e.to_string().contains(KEY), "{e}");
    }

    #[test]
    fn error_empty() {
        assert_eq!(err(""), ConnStrError::Empty);
        assert_eq!(err("  \n"), ConnStrError::Empty);
        assert_eq!(err("\"\""), ConnStrError::Empty);
    }

    #[test]
    fn error_malformed_segment_short_is_named() {
        assert_eq!(
            err("http://localhost;"),
            ConnStrError::MalformedSegment {
                segment: "http://localhost".into()
            }
        );
        assert_eq!(
            err("localhost;"),
            ConnStrError::MalformedSegment {
                segment: "localhost".into()
            }
        );
        assert_eq!(
            err(&format!("Endpoint=http://h;=x;AccessKey={KEY}")),
            ConnStrError::MalformedSegment {
                segment: "=x".into()
            }
        );
    }

    #[test]
    fn error_malformed_segment_long_is_positioned_not_echoed() {
        let e = err(&format!("Endpoint=http://h;{KEY};"));
        assert_eq!(e, ConnStrError::MalformedSegmentAt { position: 2 });
        assert!(!e.to_string().contains(KEY));
    }

    #[test]
    fn error_duplicate_key() {
        assert_eq!(
            err(&format!(
                "Endpoint=http://a;endpoint=http://b;AccessKey={KEY}"
            )),
            ConnStrError::DuplicateKey { key: "Endpoint" }
        );
        assert_eq!(
            err(&format!(
                "Endpoint=http://a;AccessKey={KEY};ACCESSKEY=other"
            )),
            ConnStrError::DuplicateKey { key: "AccessKey" }
        );
    }

    #[test]
    fn error_missing_endpoint() {
        assert_eq!(
            err(&format!("AccessKey={KEY};Version=1.0;")),
            ConnStrError::MissingEndpoint
        );
        let msg = ConnStrError::MissingEndpoint.to_string();
        assert_eq!(
            msg,
            "connection string has no Endpoint: expected Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0;"
        );
    }

    #[test]
    fn error_empty_endpoint() {
        assert_eq!(
            err(&format!("Endpoint=;AccessKey={KEY}")),
            ConnStrError::EmptyEndpoint
        );
    }

    #[test]
    fn error_missing_access_key() {
        assert_eq!(
            err("Endpoint=http://localhost;"),
            ConnStrError::MissingAccessKey
        );
    }

    #[test]
    fn error_empty_access_key() {
        assert_eq!(
            err("Endpoint=http://localhost;AccessKey= ;"),
            ConnStrError::EmptyAccessKey
        );
    }

    #[test]
    fn error_invalid_access_key() {
        assert_eq!(
            err("Endpoint=http://localhost;AccessKey=ab\u{0}c;"),
            ConnStrError::InvalidAccessKey {
                what: "a control character"
            }
        );
    }

    #[test]
    fn error_missing_scheme_suggests_one() {
        let e = err(&format!(
            "Endpoint=contoso.webpubsub.azure.com;AccessKey={KEY}"
        ));
        assert_eq!(
            e,
            ConnStrError::EndpointMissingScheme {
                endpoint: "contoso.webpubsub.azure.com".into(),
                suggestion: "https://contoso.webpubsub.azure.com".into(),
            }
        );
        assert!(e
            .to_string()
            .contains("https://contoso.webpubsub.azure.com"));
        let e = err(&format!("Endpoint=localhost:8080;AccessKey={KEY}"));
        assert!(e.to_string().contains("http://localhost:8080"), "{e}");
    }

    #[test]
    fn error_unsupported_scheme() {
        assert_eq!(
            err(&format!("Endpoint=wss://a;AccessKey={KEY}")),
            ConnStrError::UnsupportedScheme {
                scheme: "wss".into()
            }
        );
        assert_eq!(
            err(&format!("Endpoint=ftp://a;AccessKey={KEY}")),
            ConnStrError::UnsupportedScheme {
                scheme: "ftp".into()
            }
        );
    }

    #[test]
    fn error_invalid_endpoint() {
        for bad in [
            "http://",
            "https://exa mple.com",
            "http://h?x=1",
            "http://h/#f",
            "http://h:99999",
        ] {
            let e = err(&format!("Endpoint={bad};AccessKey={KEY}"));
            assert!(
                matches!(e, ConnStrError::InvalidEndpoint { .. }),
                "{bad}: {e:?}"
            );
        }
        let e = err(&format!("Endpoint=https://user:{KEY}@h;AccessKey={KEY}"));
        assert!(matches!(e, ConnStrError::InvalidEndpoint { .. }), "{e:?}");
        assert!(!e.to_string().contains(KEY));
    }

    #[test]
    fn error_values_are_echoed_when_they_are_not_the_key() {
        assert_eq!(
            err("Endpoint=http://h?x;AccessKey=x"),
            ConnStrError::InvalidEndpoint {
                endpoint: "\"http://h?x\"".into(),
                reason: "it has a query or fragment; remove the part from '?' or '#' on".into(),
            }
        );
        let e = err(&format!("Endpoint=http://{KEY}:1x;AccessKey={KEY}"));
        assert_eq!(
            e,
            ConnStrError::InvalidEndpoint {
                endpoint: "(value not shown)".into(),
                reason: "invalid port number".into()
            }
        );
    }

    #[test]
    fn error_endpoint_with_key_run_in_is_not_echoed() {
        // A missing ';' puts the key inside the Endpoint value.
        let e = err(&format!("Endpoint=https://h AccessKey={KEY}"));
        assert!(!e.to_string().contains(KEY), "{e}");
    }

    #[test]
    fn error_invalid_port() {
        for bad in ["0", "65536", "-1", "http", "80.5", ""] {
            let e = err(&format!("Endpoint=http://h;AccessKey={KEY};Port={bad}"));
            assert!(
                matches!(e, ConnStrError::InvalidPort { .. }),
                "{bad}: {e:?}"
            );
        }
        let e = err(&format!("Endpoint=http://h;AccessKey={KEY};Port={KEY}"));
        assert!(!e.to_string().contains(KEY));
        assert_eq!(
            ok(&format!("Endpoint=http://h;AccessKey={KEY};Port=65535"))
                .endpoint()
                .port(),
            Some(65535)
        );
    }

    #[test]
    fn no_error_message_contains_the_key_and_all_are_one_line() {
        let inputs = [
            KEY.to_string(),
            format!("Endpoint={KEY};AccessKey={KEY}"),
            format!("Endpoint=http://h;AccessKey={KEY};Port={KEY}"),
            format!("Endpoint=http://h;AccessKey={KEY};AccessKey={KEY}"),
            format!("AccessKey={KEY}"),
            format!("Endpoint=http://{KEY};Endpoint=x;AccessKey={KEY}"),
            format!("Endpoint=ht{KEY}tp://h;AccessKey={KEY}"),
        ];
        for input in inputs {
            if let Err(e) = parse(&input) {
                let msg = e.to_string();
                assert!(!msg.contains(KEY), "{input:?} -> {msg}");
                assert!(!msg.contains('\n'), "{msg}");
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            ";;;",
            "=",
            "==;==",
            "Endpoint=http://[::1;AccessKey=k",
            "Endpoint=http://[::1]:8080;AccessKey=k",
            "Endpoint=http://\u{0}/;AccessKey=k",
            "Endpoint=http://ü.example;AccessKey=ü",
            "Port=99999999999999999999",
            "Endpoint=http://h;AccessKey=k;Port=+80",
            "\u{feff}Endpoint=http://h;AccessKey=k",
            "'",
            "\"",
        ];
        for input in inputs {
            let _ = parse(input);
        }
        let cs = ok("Endpoint=http://[::1]:8080;AccessKey=k");
        assert_eq!(cs.client_url("h").as_str(), "ws://[::1]:8080/client/hubs/h");
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::*;

    /// `name` with each letter's case picked by `mask` (key names are case-insensitive).
    fn recase(name: &str, mask: &[bool]) -> String {
        name.chars()
            .zip(mask.iter().cycle())
            .map(|(c, &up)| {
                if up {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    }

    /// A host name in any case. Labels start with a letter, so none reads as an IPv4 number,
    /// and have no `--`, so none is punycode (`xn--`).
    fn host() -> impl Strategy<Value = String> {
        prop_oneof![
            1 => Just("localhost".to_string()),
            1 => Just("LocalHost".to_string()),
            6 => "[a-zA-Z][a-zA-Z0-9]{0,5}(-[a-zA-Z0-9]{1,4})?(\\.[a-zA-Z][a-zA-Z0-9]{0,5}){0,2}",
        ]
    }

    /// An endpoint: scheme, host, optional port, optional path, the parts of the expected result.
    #[derive(Debug, Clone)]
    struct Endpoint {
        https: bool,
        scheme: String,
        host: String,
        port: Option<u16>,
        path: String,
        trailing_slash: bool,
    }

    fn endpoint() -> impl Strategy<Value = Endpoint> {
        (
            any::<bool>(),
            any::<bool>(),
            host(),
            prop::option::of(1u16..=65535),
            "(/[a-z0-9]{1,5}){0,2}",
            any::<bool>(),
        )
            .prop_map(|(https, upper, host, port, path, trailing_slash)| {
                let scheme = if https { "https" } else { "http" };
                Endpoint {
                    https,
                    scheme: if upper {
                        scheme.to_ascii_uppercase()
                    } else {
                        scheme.to_string()
                    },
                    host,
                    port,
                    path,
                    trailing_slash,
                }
            })
    }

    impl Endpoint {
        fn text(&self) -> String {
            let port = self.port.map(|p| format!(":{p}")).unwrap_or_default();
            let slash = if self.trailing_slash { "/" } else { "" };
            format!("{}://{}{port}{}{slash}", self.scheme, self.host, self.path)
        }

        /// What `endpoint_str()` must give with `Port=override` (if any).
        fn expected(&self, port_override: Option<u16>) -> String {
            let scheme = if self.https { "https" } else { "http" };
            let default = if self.https { 443 } else { 80 };
            let port = port_override
                .or(self.port)
                .filter(|p| *p != default)
                .map(|p| format!(":{p}"))
                .unwrap_or_default();
            format!(
                "{scheme}://{}{port}{}",
                self.host.to_ascii_lowercase(),
                self.path
            )
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parsing_any_string_never_panics(s in ".{0,80}") {
            if let Ok(cs) = s.parse::<ConnectionString>() {
                // Whatever parses has a usable http(s) endpoint and a key.
                prop_assert!(matches!(cs.endpoint().scheme(), "http" | "https"));
                prop_assert!(!cs.access_key().is_empty());
            }
        }

        #[test]
        fn parsing_connection_string_like_text_never_panics(
            parts in prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "Endpoint", "AccessKey", "Version", "Port", "endpoint", "ACCESSKEY",
                        "ClientEndpoint", "", " ", "=",
                    ]),
                    prop::sample::select(vec!["=", "", " = ", "=="]),
                    prop_oneof![
                        Just(String::new()),
                        "[a-zA-Z0-9+/=]{0,12}",
                        "(https?|ftp|HTTP)://[a-z:.\\[\\]0-9@?#/]{0,16}",
                        "[0-9-]{0,7}",
                        ".{0,12}",
                    ],
                ),
                0..7,
            ),
            separator in prop::sample::select(vec![";", " ; ", ";;"]),
            quoted in any::<bool>(),
        ) {
            let body: Vec<String> = parts.iter().map(|(k, eq, v)| format!("{k}{eq}{v}")).collect();
            let s = body.join(separator);
            let s = if quoted { format!("\"{s}\"") } else { s };
            if let Ok(cs) = s.parse::<ConnectionString>() {
                // A parsed string prints in a form that parses back to the same value.
                prop_assert_eq!(cs.to_string().parse::<ConnectionString>(), Ok(cs));
            }
        }

        /// Well-formed strings (any key order and case, spaces, Version, an optional Port,
        /// ignored SignalR keys) give exactly the endpoint and key they name.
        #[test]
        fn well_formed_strings_parse_to_their_endpoint_and_key(
            ep in endpoint(),
            key in "[A-Za-z0-9+/]{1,60}={0,2}",
            port in prop::option::of(1u16..=65535),
            extra in any::<bool>(),
            order in Just(vec![0usize, 1, 2, 3, 4]).prop_shuffle(),
            masks in prop::collection::vec(prop::collection::vec(any::<bool>(), 1..10), 5),
            space in prop::sample::select(vec!["", " ", "  "]),
            trailing in any::<bool>(),
        ) {
            let items = [
                Some(format!("{}={}", recase("Endpoint", &masks[0]), ep.text())),
                Some(format!("{}={key}", recase("AccessKey", &masks[1]))),
                Some(format!("{}=1.0", recase("Version", &masks[2]))),
                port.map(|p| format!("{}={p}", recase("Port", &masks[3]))),
                extra.then(|| format!("{}=wss://other/x", recase("ClientEndpoint", &masks[4]))),
            ];
            let mut s = order
                .iter()
                .filter_map(|&i| items[i].clone())
                .map(|item| format!("{space}{item}{space}"))
                .collect::<Vec<_>>()
                .join(";");
            if trailing {
                s.push(';');
            }
            let cs = match s.parse::<ConnectionString>() {
                Ok(cs) => cs,
                Err(e) => return Err(TestCaseError::fail(format!("{s:?}: {e}"))),
            };
            prop_assert_eq!(cs.endpoint_str(), ep.expected(port), "{:?}", s);
            prop_assert_eq!(cs.access_key(), key.as_str());
            prop_assert_eq!(cs.to_string().parse::<ConnectionString>(), Ok(cs));
        }
    }
}
