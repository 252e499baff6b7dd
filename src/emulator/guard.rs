//! `Host` and `Origin` checks on every request (REST and WebSocket): protection against DNS
//! rebinding and drive-by pages.
//!
//! Any web page can make a browser talk to `http://localhost:8080`: a WebSocket or a "simple"
//! cross-site request is sent whatever the same-origin policy says, and a page can rebind its own
//! name to 127.0.0.1. The first carries the page's `Origin`, the second its `Host`. With the
//! public default key, either would let any site drive a developer's emulator, so both are
//! checked: `Host` must name this machine (or a name given with `--allowed-host`), and a browser's
//! `Origin` must be a local page (or one given with `--allowed-origin`).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Longest host name (RFC 1035) and label.
const MAX_NAME: usize = 253;
const MAX_LABEL: usize = 63;
/// How much of a rejected header value an error message repeats.
const MAX_SHOWN: usize = 100;

/// The names and port under which the emulator is reachable: `localhost`, `*.localhost`, any IP
/// literal, and the `--allowed-host` names. Token audiences can be checked against it too.
#[derive(Debug, Clone)]
pub struct Authority {
    port: u16,
    /// Lowercase; `*.example.com` matches the subdomains of `example.com`.
    hosts: Arc<[String]>,
}

impl Authority {
    /// `allowed_hosts` as [`parse_allowed_host`] accepts them (checked again here).
    pub fn new(port: u16, allowed_hosts: &[String]) -> Result<Self, String> {
        let hosts = allowed_hosts
            .iter()
            .map(|h| parse_allowed_host(h))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Authority {
            port,
            hosts: hosts.into(),
        })
    }

    /// The port the emulator listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Whether `host` (without a port; IPv6 with or without brackets) names this emulator.
    pub fn accepts_host(&self, host: &str) -> bool {
        let host = host.strip_suffix('.').unwrap_or(host);
        if parse_ip(host).is_some() {
            return true;
        }
        if !is_host_name(host) {
            return false;
        }
        let host = host.to_ascii_lowercase();
        host == "localhost"
            || host.ends_with(".localhost")
            || self
                .hosts
                .iter()
                .any(|pattern| match pattern.strip_prefix("*.") {
                    Some(parent) => host
                        .strip_suffix(parent)
                        .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
                    None => *pattern == host,
                })
    }

    /// Whether `host` is accepted and `port` (80 when `None`) is the emulator's.
    pub fn accepts(&self, host: &str, port: Option<u16>) -> bool {
        self.accepts_host(host) && port.unwrap_or(80) == self.port
    }

    /// The authorities a token's `aud` may name for a request that came with `headers`: our own
    /// names on our own port, or on the port of the `Host` the client used when that names us
    /// too (a port mapping, an SSH tunnel or a test proxy in between). Only a port is taken from
    /// the header, and only after its host passed the same check; the path never is.
    pub fn for_request(&self, headers: &HeaderMap) -> impl Fn(&str, Option<u16>) -> bool + '_ {
        let via = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| h.parse::<axum::http::uri::Authority>().ok())
            .filter(|a| self.accepts_host(a.host()))
            .map(|a| a.port_u16().unwrap_or(80));
        move |host, port| {
            let port = port.unwrap_or(80);
            self.accepts_host(host) && (port == self.port || Some(port) == via)
        }
    }
}

/// An IP literal: `127.0.0.1`, `::1` or `[::1]`.
fn parse_ip(host: &str) -> Option<IpAddr> {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.parse::<Ipv6Addr>().ok().map(IpAddr::V6);
    }
    host.parse::<IpAddr>().ok()
}

/// A DNS name: dot-separated labels of letters, digits, `-` and `_` (container names use `_`).
fn is_host_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= MAX_LABEL
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// `--allowed-host`: a host name (no port), or `*.name` for its subdomains. Lowercased.
pub fn parse_allowed_host(s: &str) -> Result<String, String> {
    let lower = s.trim().to_ascii_lowercase();
    let lower = lower.strip_suffix('.').unwrap_or(&lower).to_string();
    let name = lower.strip_prefix("*.").unwrap_or(&lower);
    if is_host_name(name) || parse_ip(name).is_some() {
        return Ok(lower);
    }
    if name.contains("://") || name.contains('/') || name.contains(':') {
        return Err(format!(
            "'{s}' is not a host name: give the name alone, without scheme, port or path (e.g. myhost.example)"
        ));
    }
    Err(format!(
        "'{s}' is not a host name (letters, digits, '-', '_' and dots; '*.name' for subdomains)"
    ))
}

/// `--allowed-origin`: `*`, `null`, or `scheme://host[:port]` (no path). Normalised the way
/// browsers write an `Origin`: lowercase, no default port, no trailing slash.
pub fn parse_allowed_origin(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s == "*" || s.eq_ignore_ascii_case("null") {
        return Ok(s.to_ascii_lowercase());
    }
    normalize_origin(s).ok_or_else(|| {
        format!("'{s}' is not an origin: use scheme://host[:port] without a path (e.g. http://localhost:3000), or *")
    })
}

fn normalize_origin(s: &str) -> Option<String> {
    let url = url::Url::parse(s).ok()?;
    let host = url.host_str().filter(|h| !h.is_empty())?;
    let bare = url.path().is_empty() || url.path() == "/";
    if !bare || url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return None;
    }
    if url.password().is_some() {
        return None;
    }
    let host = host.to_ascii_lowercase();
    Some(match url.port() {
        Some(p) => format!("{}://{host}:{p}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    })
}

/// What the guard lets through.
#[derive(Debug, Clone)]
pub struct Policy {
    authority: Authority,
    /// Normalised `--allowed-origin` values, `*` meaning any.
    origins: Vec<String>,
}

impl Policy {
    pub fn new(authority: Authority, allowed_origins: &[String]) -> Result<Self, String> {
        let origins = allowed_origins
            .iter()
            .map(|o| parse_allowed_origin(o))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Policy { authority, origins })
    }

    /// `None` when `origin` may use the emulator, else why not.
    fn check_origin(&self, origin: &HeaderValue) -> Option<String> {
        if self.origins.iter().any(|o| o == "*") {
            return None;
        }
        let shown = shown(origin.as_bytes());
        let Ok(text) = origin.to_str() else {
            return Some(format!("Origin '{shown}' is not a valid origin."));
        };
        let normalized = if text.eq_ignore_ascii_case("null") {
            Some("null".to_string())
        } else {
            normalize_origin(text)
        };
        let Some(normalized) = normalized else {
            return Some(format!("Origin '{shown}' is not a valid origin."));
        };
        if self.origins.contains(&normalized) || is_local_origin(text) {
            return None;
        }
        Some(format!(
            "Origin '{shown}' is not allowed: only pages served from localhost or a loopback address \
             may use the emulator, so other web sites cannot drive it. To allow this page, start the \
             emulator with --allowed-origin {normalized}"
        ))
    }

    /// `None` when the `Host` (and an absolute-form request target) name this emulator.
    fn check_host(&self, req: &Request) -> Option<String> {
        let mut hosts = req.headers().get_all(header::HOST).iter();
        let host = hosts.next();
        if hosts.next().is_some() {
            return Some("The request has more than one Host header.".into());
        }
        let target = req.uri().authority();
        if host.is_none() && target.is_none() {
            return Some("The request has no Host header.".into());
        }
        // An absolute-form target (`GET http://name/…`) names the server the client means: it
        // must be us as well as the Host header.
        host.and_then(|h| self.host_problem(h.as_bytes()))
            .or_else(|| target.and_then(|a| self.host_problem(a.as_str().as_bytes())))
    }

    fn host_problem(&self, raw: &[u8]) -> Option<String> {
        let shown = shown(raw);
        let Some((name, _port)) = std::str::from_utf8(raw).ok().and_then(split_host_port) else {
            return Some(format!(
                "Host '{shown}' is not a valid host[:port]; the emulator answers to localhost:{}.",
                self.authority.port
            ));
        };
        if self.authority.accepts_host(name) {
            return None;
        }
        Some(format!(
            "Host '{shown}' is not allowed: the emulator answers only to localhost, *.localhost and IP \
             addresses, so that a web page cannot reach it by pointing its own name at this machine \
             (DNS rebinding). To allow this name, start the emulator with --allowed-host {}",
            name.to_ascii_lowercase()
        ))
    }
}

/// `host[:port]` as HTTP writes it: a name or IPv4 address, or an IPv6 address in brackets;
/// the port is digits (possibly none). Anything else (a path, userinfo, spaces) is `None`.
fn split_host_port(s: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if s.starts_with('[') {
        let end = s.find(']')?;
        let (host, rest) = s.split_at(end + 1);
        parse_ip(host)?;
        match rest {
            "" => (host, None),
            _ => (host, Some(rest.strip_prefix(':')?)),
        }
    } else {
        match s.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (s, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(p) if p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse().ok()?),
        Some(_) => return None,
    };
    let bare = host.strip_suffix('.').unwrap_or(host);
    if !(host.starts_with('[') || is_host_name(bare) || bare.parse::<Ipv4Addr>().is_ok()) {
        return None;
    }
    Some((host, port))
}

/// An `http(s)` origin on this machine: `localhost`, `*.localhost` or a loopback address.
fn is_local_origin(origin: &str) -> bool {
    let Ok(url) = url::Url::parse(origin) else {
        return false;
    };
    if url.scheme() != "http" && url.scheme() != "https" {
        return false;
    }
    match url.host() {
        Some(url::Host::Domain(d)) => {
            let d = d.to_ascii_lowercase();
            let d = d.strip_suffix('.').unwrap_or(&d);
            d == "localhost" || d.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        None => false,
    }
}

/// A header value as an error message may repeat it: bounded, control characters escaped.
fn shown(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out: String = text
        .chars()
        .take(MAX_SHOWN)
        .flat_map(char::escape_debug)
        .collect();
    if text.chars().count() > MAX_SHOWN {
        out.push('…');
    }
    out
}

/// The middleware: 400 for a bad `Host`, 403 for a foreign `Origin`; JSON `{code, message}`
/// under `/api/` (like every REST error), ARM's `{"error": {code, message}}` under
/// `/subscriptions`, plain text elsewhere (like a refused handshake).
pub async fn check(State(policy): State<Arc<Policy>>, req: Request, next: Next) -> Response {
    if let Some(message) = policy.check_host(&req) {
        return reject(&req, StatusCode::BAD_REQUEST, "InvalidHost", message);
    }
    let mut origins = req.headers().get_all(header::ORIGIN).iter();
    let problem = match (origins.next(), origins.next()) {
        (None, _) => None,
        (Some(_), Some(_)) => Some("The request has more than one Origin header.".to_string()),
        (Some(origin), None) => policy.check_origin(origin),
    };
    if let Some(message) = problem {
        return reject(&req, StatusCode::FORBIDDEN, "InvalidOrigin", message);
    }
    next.run(req).await
}

fn reject(req: &Request, status: StatusCode, code: &'static str, message: String) -> Response {
    let path = req.uri().path();
    let arm = path
        .get(..14)
        .is_some_and(|p| p.eq_ignore_ascii_case("/subscriptions"))
        && matches!(path.as_bytes().get(14), None | Some(b'/'));
    let mut response = if path.starts_with("/api/") || arm {
        // REST errors are `{code, message}`; ARM's are wrapped in `error`.
        let mut body = serde_json::json!({"code": code, "message": message});
        if arm {
            body = serde_json::json!({ "error": body });
        }
        (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body.to_string(),
        )
            .into_response()
    } else {
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message,
        )
            .into_response()
    };
    response
        .headers_mut()
        .insert("x-ms-error-code", HeaderValue::from_static(code));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authority(hosts: &[&str]) -> Authority {
        let hosts: Vec<String> = hosts.iter().map(|h| h.to_string()).collect();
        Authority::new(8080, &hosts).expect("valid hosts")
    }

    #[test]
    fn a_request_may_add_the_port_it_came_through_never_a_host() {
        let a = authority(&[]);
        let with_host = |h: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_str(h).unwrap());
            headers
        };
        let via_proxy = with_host("localhost:9999");
        let own = a.for_request(&via_proxy);
        assert!(own("localhost", Some(8080)));
        assert!(own("127.0.0.1", Some(9999)));
        assert!(!own("localhost", Some(9998)));
        assert!(!own("evil.example", Some(9999)));
        // A foreign Host adds nothing, not even its port.
        let foreign = with_host("evil.example:9999");
        let own = a.for_request(&foreign);
        assert!(!own("localhost", Some(9999)));
        assert!(own("localhost", Some(8080)));
    }

    #[test]
    fn accepts_local_names_ip_literals_and_listed_hosts() {
        let a = authority(&["devbox.internal", "*.tunnel.example"]);
        for ok in [
            "localhost",
            "LOCALHOST",
            "localhost.",
            "app.localhost",
            "127.0.0.1",
            "192.168.1.5",
            "::1",
            "[::1]",
            "devbox.internal",
            "a.tunnel.example",
            "a.b.tunnel.example",
        ] {
            assert!(a.accepts_host(ok), "{ok} should be accepted");
        }
        for bad in [
            "evil.example",
            "localhost.evil.example",
            "evillocalhost",
            "tunnel.example",
            "xtunnel.example",
            "",
            "local host",
            "[::1",
            "localhost:8080",
            "localhost/x",
        ] {
            assert!(!a.accepts_host(bad), "{bad} should be refused");
        }
        assert!(a.accepts("localhost", Some(8080)));
        assert!(!a.accepts("localhost", Some(8081)));
        assert!(!a.accepts("localhost", None));
        assert!(authority(&[]).accepts_host("localhost"));
        assert!(Authority::new(80, &[]).unwrap().accepts("[::1]", None));
    }

    #[test]
    fn splits_host_headers_strictly() {
        assert_eq!(split_host_port("localhost"), Some(("localhost", None)));
        assert_eq!(
            split_host_port("localhost:8080"),
            Some(("localhost", Some(8080)))
        );
        assert_eq!(split_host_port("[::1]:80"), Some(("[::1]", Some(80))));
        assert_eq!(split_host_port("[::1]"), Some(("[::1]", None)));
        assert_eq!(split_host_port("localhost:"), Some(("localhost", None)));
        for bad in [
            "localhost:8080/api/hubs/x",
            "localhost:80:80",
            "user@localhost",
            "localhost:99999",
            "localhost:-1",
            "[::1]x",
            "[nope]:80",
            "::1",
            "",
            "a b",
            "localhost\t",
        ] {
            assert_eq!(split_host_port(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn checks_origins() {
        let p = Policy::new(authority(&[]), &["http://app.example:8000/".to_string()]).unwrap();
        let check = |o: &str| p.check_origin(&HeaderValue::from_str(o).unwrap());
        for ok in [
            "http://localhost:3000",
            "https://localhost",
            "http://127.0.0.1:5173",
            "http://127.9.9.9",
            "http://[::1]:8080",
            "http://my.app.localhost:3000",
            "http://app.example:8000",
            "HTTP://APP.EXAMPLE:8000",
        ] {
            assert_eq!(check(ok), None, "{ok}");
        }
        for bad in [
            "http://evil.example",
            "http://localhost.evil.example",
            "http://192.168.1.5:3000",
            "http://app.example:8001",
            "null",
            "file://",
            "ws://localhost:3000",
            "http://localhost:3000/path",
            "not an origin",
        ] {
            assert!(check(bad).is_some(), "{bad} should be refused");
        }
        let any = Policy::new(authority(&[]), &["*".to_string()]).unwrap();
        assert_eq!(
            any.check_origin(&HeaderValue::from_static("http://evil.example")),
            None
        );
    }

    #[test]
    fn parses_the_options() {
        assert_eq!(
            parse_allowed_host("DevBox.Internal."),
            Ok("devbox.internal".into())
        );
        assert_eq!(
            parse_allowed_host("*.tunnel.example"),
            Ok("*.tunnel.example".into())
        );
        for bad in ["", "*", "http://x", "host:8080", "a b", "a/b", "*.", "a..b"] {
            assert!(parse_allowed_host(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            parse_allowed_origin("HTTP://LocalHost:80/"),
            Ok("http://localhost".into())
        );
        assert_eq!(parse_allowed_origin("*"), Ok("*".into()));
        for bad in ["localhost:3000", "http://x/y", "http://x?y", ""] {
            assert!(parse_allowed_origin(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn shown_values_are_bounded_and_escaped() {
        assert_eq!(shown(b"a\r\nb"), "a\\r\\nb");
        assert_eq!(shown(&[b'x'; 300]).chars().count(), MAX_SHOWN + 1);
    }
}
