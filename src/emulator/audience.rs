//! Does a token's `aud` name this request? The request's path comes from the request line as
//! routed, never from the `Host` header, and the `aud`'s host must be one of the emulator's own
//! names, so a token minted for one operation, hub or user cannot be replayed on another by
//! dressing up a header.
//!
//! Rules (the SDKs sign the full URL with its query; the docs say without it; Microsoft's
//! emulator accepts both):
//! * the `aud` is an http, https, ws or wss URL whose host and port the emulator answers to;
//! * its path has the same segments as the route: each segment is percent-decoded on its own
//!   (so `%2F` inside a name stays inside that name), literal segments and the hub compare
//!   ignoring ASCII case (hubs are case-insensitive), and every other name compares exactly;
//!   one trailing `/` is ignored;
//! * a query in the `aud`, if any, must be the request's query: the same parameters in the same
//!   order, names ignoring case, values exactly;
//! * an `aud` percent-encoded once more than the request is accepted too, as Microsoft's
//!   emulator does with `WebUtility.UrlDecode(aud)`.

use percent_encoding::percent_decode_str;
use url::Url;

/// The request side of the comparison.
pub struct Target<'a> {
    /// The route template, e.g. `/api/hubs/{hub}/groups/{group}/:send`.
    pub template: &'a str,
    /// The request path as received (still percent-encoded).
    pub path: &'a str,
    /// The raw query, if the request has one.
    pub query: Option<&'a str>,
}

/// Does `aud` name `target` on an authority `own(host, port)` accepts?
pub fn matches(aud: &str, target: &Target<'_>, own: &dyn Fn(&str, Option<u16>) -> bool) -> bool {
    if matches_once(aud, target, own) {
        return true;
    }
    match percent_decode_str(aud).decode_utf8() {
        Ok(decoded) if decoded != aud => matches_once(&decoded, target, own),
        _ => false,
    }
}

fn matches_once(aud: &str, target: &Target<'_>, own: &dyn Fn(&str, Option<u16>) -> bool) -> bool {
    let Ok(url) = Url::parse(aud.trim()) else {
        return false;
    };
    if !matches!(url.scheme(), "http" | "https" | "ws" | "wss") {
        return false;
    }
    let Some(host) = url.host_str() else {
        return false;
    };
    if !own(host, url.port_or_known_default()) {
        return false;
    }
    let aud_path = url.path();
    let aud_path = aud_path.strip_suffix('/').unwrap_or(aud_path);
    if !same_segments(target.template, aud_path, target.path) {
        return false;
    }
    match url.query().filter(|q| !q.is_empty()) {
        None => true,
        Some(q) => target.query.is_some_and(|r| same_query(q, r)),
    }
}

/// Compares two encoded paths segment by segment, as the template says.
fn same_segments(template: &str, a: &str, b: &str) -> bool {
    let (t, a, b): (Vec<&str>, Vec<&str>, Vec<&str>) = (
        template.split('/').collect(),
        a.split('/').collect(),
        b.split('/').collect(),
    );
    if t.len() != a.len() || t.len() != b.len() {
        return false;
    }
    t.iter().zip(a).zip(b).all(|((t, a), b)| {
        let (a, b) = (decode(a), decode(b));
        let name = t.starts_with('{') && *t != "{hub}";
        if name {
            a == b
        } else {
            a.eq_ignore_ascii_case(&b)
        }
    })
}

fn decode(segment: &str) -> Vec<u8> {
    percent_decode_str(segment).collect()
}

fn same_query(a: &str, b: &str) -> bool {
    let pairs = |q: &str| -> Vec<(String, String)> {
        url::form_urlencoded::parse(q.as_bytes())
            .map(|(k, v)| (k.to_ascii_lowercase(), v.into_owned()))
            .collect()
    };
    pairs(a) == pairs(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(host: &str, port: Option<u16>) -> bool {
        host == "localhost" && port == Some(8080)
    }

    fn check(aud: &str, template: &str, path: &str, query: Option<&str>) -> bool {
        matches(
            aud,
            &Target {
                template,
                path,
                query,
            },
            &local,
        )
    }

    const SEND: &str = "/api/hubs/{hub}/groups/{group}/:send";

    #[test]
    fn the_sdks_forms_match() {
        let q = Some("api-version=2024-12-01");
        let path = "/api/hubs/chat/groups/g1/:send";
        assert!(check(
            "http://localhost:8080/api/hubs/chat/groups/g1/:send?api-version=2024-12-01",
            SEND,
            path,
            q
        ));
        assert!(check(
            "http://localhost:8080/api/hubs/chat/groups/g1/:send",
            SEND,
            path,
            q
        ));
        assert!(check(
            "ws://LOCALHOST:8080/API/hubs/CHAT/groups/g1/:SEND/",
            SEND,
            path,
            q
        ));
        // Percent-encoded once more than the request.
        assert!(check(
            "http%3A%2F%2Flocalhost%3A8080%2Fapi%2Fhubs%2Fchat%2Fgroups%2Fg1%2F%3Asend",
            SEND,
            path,
            q
        ));
    }

    #[test]
    fn names_compare_exactly_and_stay_one_segment() {
        let q = None;
        assert!(!check(
            "http://localhost:8080/api/hubs/chat/groups/G1/:send",
            SEND,
            "/api/hubs/chat/groups/g1/:send",
            q
        ));
        // `a%2Fb` is one group named `a/b`, never the path `a/b`.
        assert!(check(
            "http://localhost:8080/api/hubs/chat/groups/a%2Fb/:send",
            SEND,
            "/api/hubs/chat/groups/a%2fb/:send",
            q
        ));
        assert!(!check(
            "http://localhost:8080/api/hubs/chat/groups/a/b/:send",
            SEND,
            "/api/hubs/chat/groups/a%2Fb/:send",
            q
        ));
        let user = "/api/hubs/{hub}/users/{userId}/:send";
        assert!(!check(
            "http://localhost:8080/api/hubs/chat/users/Alice/:send",
            user,
            "/api/hubs/chat/users/alice/:send",
            q
        ));
    }

    #[test]
    fn other_operations_hosts_and_ports_do_not_match() {
        let path = "/api/hubs/chat/groups/g1/:send";
        assert!(!check(
            "http://localhost:8080/api/hubs/chat/:send",
            SEND,
            path,
            None
        ));
        assert!(!check(
            "http://localhost:8080/api/hubs/admin/groups/g1/:send",
            SEND,
            path,
            None
        ));
        assert!(!check(
            "http://evil.example:8080/api/hubs/chat/groups/g1/:send",
            SEND,
            path,
            None
        ));
        assert!(!check(
            "http://localhost:9090/api/hubs/chat/groups/g1/:send",
            SEND,
            path,
            None
        ));
        assert!(!check(
            "ftp://localhost:8080/api/hubs/chat/groups/g1/:send",
            SEND,
            path,
            None
        ));
        assert!(!check("/api/hubs/chat/groups/g1/:send", SEND, path, None));
        assert!(!check("", SEND, path, None));
        // A query in the aud must be the request's own.
        assert!(!check(
            "http://localhost:8080/api/hubs/chat/groups/g1/:send?api-version=2024-12-01&excluded=x",
            SEND,
            path,
            Some("api-version=2024-12-01")
        ));
        assert!(!check(
            "http://localhost:8080/api/hubs/chat/groups/g1/:send?api-version=1",
            SEND,
            path,
            None
        ));
    }

    #[test]
    fn default_ports_schemes_and_a_trailing_slash() {
        let on_80 = |h: &str, p: Option<u16>| h == "localhost" && p == Some(80);
        let t = Target {
            template: "/client/hubs/{hub}",
            path: "/client/hubs/chat",
            query: None,
        };
        // A Python token for `Port=80` keeps `:80`; ws and http share the port.
        for aud in [
            "http://localhost:80/client/hubs/chat",
            "http://localhost/client/hubs/chat",
            "ws://localhost/client/hubs/chat/",
        ] {
            assert!(matches(aud, &t, &on_80), "{aud}");
        }
        assert!(!matches("https://localhost/client/hubs/chat", &t, &on_80));
        assert!(!matches("http://localhost/client/hubs/chat//", &t, &on_80));
        assert!(!matches("http://localhost/client/hubs", &t, &on_80));
    }

    #[test]
    fn encodings_of_the_same_path_match() {
        let user = "/api/hubs/{hub}/users/{userId}/:send";
        let path = "/api/hubs/chat/users/fake%20user/:send";
        for aud in [
            "http://localhost:8080/api/hubs/chat/users/fake user/:send",
            "http://localhost:8080/api/hubs/chat/users/fake%20user/:send",
            "http://localhost:8080/api/hubs/chat/users/fake%2520user/:send",
            "http://localhost:8080/api/hubs/chat/users/fake%20user/%3Asend",
        ] {
            assert!(check(aud, user, path, None), "{aud}");
        }
        assert!(!check(
            "http://localhost:8080/api/hubs/chat/users/fake%20usr/:send",
            user,
            path,
            None
        ));
        // Spaces in a query, encoded or not.
        assert!(check(
            "http://localhost:8080/api/hubs/chat/:send?filter=userId ne 'bob'",
            "/api/hubs/{hub}/:send",
            "/api/hubs/chat/:send",
            Some("filter=userId%20ne%20%27bob%27")
        ));
    }

    #[test]
    fn suffixes_and_parents_do_not_match() {
        let conn = "/api/hubs/{hub}/connections/{connectionId}";
        assert!(!check(
            "http://localhost:8080/api/hubs/chat/connections",
            conn,
            "/api/hubs/chat/connections/c1",
            None
        ));
        assert!(!check(
            "http://localhost:8080/api/hubs/chat/connections/c1x",
            conn,
            "/api/hubs/chat/connections/c1",
            None
        ));
        assert!(!check(
            "http://localhost:8080/api/hubs/chat",
            SEND,
            "/api/hubs/chat/groups/g1/:send",
            None
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any text as `aud`, path or query: an answer, never a panic.
        #[test]
        fn never_panics(aud in "\\PC{0,40}", path in "[/a-z%.{}:]{0,30}", query in proptest::option::of("\\PC{0,20}")) {
            let t = Target { template: SEND, path: &path, query: query.as_deref() };
            let _ = matches(&aud, &t, &local);
        }
    }
}
