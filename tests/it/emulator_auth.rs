//! Token validation (protocols.md §3, §6.2; sdk-oracles.md §2.3, §2.5): a bad-token matrix for
//! REST calls and client connections, and the valid variants real SDKs send.

use jsonwebtoken::Algorithm;
use serde_json::{json, Value};

use crate::common::*;

const HUB: &str = "chat";

/// The expired 2021 client token from protocols.md §6.2 (default key, aud localhost:8080, hub chat).
const EXPIRED_2021: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZGQiLCJuYmYiOjE2MjkxODMzNzQsImV4cCI6MTYyOTE4Njk3NCwiaWF0IjoxNjI5MTgzMzc0LCJhdWQiOiJodHRwOi8vbG9jYWxob3N0OjgwODAvY2xpZW50L2h1YnMvY2hhdCJ9.tqD8ykjv5NmYw6gzLKglUAv-c-AVWu-KNZOptRKkgMM";

/// Bad tokens for a call whose correct `aud` is `aud`. `others` are other, wrong audiences.
fn bad_tokens(
    key: &str,
    aud: &str,
    wrong_auds: &[(&str, String)],
) -> Vec<(String, Option<String>)> {
    let t = now();
    let good = json!({"aud": aud, "iat": t, "exp": t + 3600});
    let mut cases: Vec<(String, Option<String>)> = vec![
        ("no Authorization".into(), None),
        ("empty bearer".into(), Some("Bearer ".into())),
        ("garbage token".into(), Some("Bearer not-a-jwt".into())),
        (
            "three garbage parts".into(),
            Some("Bearer aaaa.bbbb.cccc".into()),
        ),
        (
            "alg none, no signature".into(),
            Some(format!("Bearer {}", unsigned_jwt(&good))),
        ),
        (
            "alg none with a valid HS256 signature".into(),
            Some(format!(
                "Bearer {}",
                craft_jwt(&json!({"alg": "none", "typ": "JWT"}), &good, key)
            )),
        ),
        (
            "HS384 with the right key".into(),
            Some(format!("Bearer {}", sign_alg(Algorithm::HS384, &good, key))),
        ),
        (
            "HS512 with the right key".into(),
            Some(format!("Bearer {}", sign_alg(Algorithm::HS512, &good, key))),
        ),
        (
            "RS256 header, HMAC signature".into(),
            Some(format!(
                "Bearer {}",
                craft_jwt(&json!({"alg": "RS256", "typ": "JWT"}), &good, key)
            )),
        ),
        (
            "wrong key".into(),
            Some(format!(
                "Bearer {}",
                sign(&good, "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210ZYXWVU")
            )),
        ),
        (
            "key base64-decoded instead of UTF-8".into(),
            Some(format!("Bearer {}", {
                use base64::Engine as _;
                let raw = base64::engine::general_purpose::STANDARD
                    .decode(key)
                    .unwrap_or_else(|_| b"not-the-key-bytes-at-all-000000000".to_vec());
                jsonwebtoken::encode(
                    &jsonwebtoken::Header::new(Algorithm::HS256),
                    &good,
                    &jsonwebtoken::EncodingKey::from_secret(&raw),
                )
                .expect("encode")
            })),
        ),
        (
            "tampered payload (other sub)".into(),
            Some(format!(
                "Bearer {}",
                tamper_payload(
                    &sign(
                        &json!({"aud": aud, "iat": t, "exp": t + 3600, "sub": "a"}),
                        key
                    ),
                    &json!({"aud": aud, "iat": t, "exp": t + 3600, "sub": "b"})
                )
            )),
        ),
        (
            "tampered payload (later exp)".into(),
            Some(format!(
                "Bearer {}",
                tamper_payload(
                    &sign(&json!({"aud": aud, "exp": t - 3600}), key),
                    &json!({"aud": aud, "exp": t + 3600})
                )
            )),
        ),
        (
            "signature stripped".into(),
            Some(format!("Bearer {}", {
                let s = sign(&good, key);
                s[..=s.rfind('.').expect("dot")].to_string()
            })),
        ),
        (
            "expired an hour ago (beyond the 5 min skew)".into(),
            Some(format!(
                "Bearer {}",
                sign(&json!({"aud": aud, "iat": t - 7200, "exp": t - 3600}), key)
            )),
        ),
        (
            "expired in 2021 (same claims shape as the §6.2 token)".into(),
            Some(format!(
                "Bearer {}",
                sign(
                    &json!({"sub": "ddd", "nbf": 1629183374, "exp": 1629186974, "iat": 1629183374, "aud": aud}),
                    key
                )
            )),
        ),
        (
            "nbf an hour in the future".into(),
            Some(format!(
                "Bearer {}",
                sign(&json!({"aud": aud, "nbf": t + 3600, "exp": t + 7200}), key)
            )),
        ),
        (
            "missing exp".into(),
            Some(format!(
                "Bearer {}",
                sign(&json!({"aud": aud, "iat": t}), key)
            )),
        ),
        (
            "missing aud".into(),
            Some(format!(
                "Bearer {}",
                sign(&json!({"iat": t, "exp": t + 3600}), key)
            )),
        ),
        (
            "exp as a string".into(),
            Some(format!(
                "Bearer {}",
                sign(&json!({"aud": aud, "exp": "never"}), key)
            )),
        ),
        (
            "the expired 2021 token of §6.2".into(),
            Some(format!("Bearer {EXPIRED_2021}")),
        ),
    ];
    for (what, wrong) in wrong_auds {
        cases.push((
            format!("wrong audience: {what}"),
            Some(format!(
                "Bearer {}",
                sign(&json!({"aud": wrong, "iat": t, "exp": t + 3600}), key)
            )),
        ));
    }
    cases
}

// ----- REST -------------------------------------------------------------------------------

#[tokio::test]
async fn rest_rejects_bad_tokens_with_401() {
    let emu = Emulator::start();
    let mut c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let path = v(&format!("/api/hubs/{HUB}/:send"));
    let url = emu.url(&path);
    let base = emu.url(&format!("/api/hubs/{HUB}/:send"));
    let wrong = [
        ("other hub", emu.url(&v("/api/hubs/other/:send"))),
        (
            "other operation",
            emu.url(&v(&format!("/api/hubs/{HUB}/users/u1/:send"))),
        ),
        ("suffixed path", format!("{base}Suffix")),
        (
            "other port",
            format!("http://localhost:1/api/hubs/{HUB}/:send?{API}"),
        ),
        (
            "other host",
            format!("http://example.com:{}/api/hubs/{HUB}/:send?{API}", emu.port),
        ),
        ("client audience", emu.client_aud(HUB)),
        (
            "other api-version in the query",
            format!("{base}?api-version=2021-10-01"),
        ),
        ("extra query parameter", format!("{url}&excluded=c1")),
        ("bare endpoint", emu.endpoint.clone()),
    ];
    let cases = bad_tokens(&emu.key, &url, &wrong);
    assert!(cases.len() >= 20);
    let mut accepted = Vec::new();
    for (what, auth) in cases {
        let r = emu
            .rest_with_auth("POST", &path, auth, Some("text/plain"), what.clone())
            .await;
        if r.status != 401 {
            accepted.push(format!("{what}: {} {}", r.status, r.text()));
        }
    }
    assert!(
        accepted.is_empty(),
        "bad REST tokens not rejected with 401:\n{accepted:#?}"
    );
    // None of them delivered anything.
    c.ws.expect_no_frame(QUIET).await;
}

#[tokio::test]
async fn rest_accepts_the_token_variants_sdks_send() {
    let emu = Emulator::start();
    let mut c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    // Query in the SDKs' own order, with an encoded filter (Python order: excluded first).
    let path = format!("/api/hubs/{HUB}/:send?excluded=c9&{API}&filter=userId%20ne%20%27bob%27");
    let full = emu.url(&path);
    let no_query = emu.url(&format!("/api/hubs/{HUB}/:send"));
    let upper_host = full.replace("localhost", "LOCALHOST");
    let t = now();
    let key = emu.key.clone();
    let cases: Vec<(&str, String)> = vec![
        (
            "full URL, iat and exp (JS)",
            sign(&json!({"aud": full, "iat": t, "exp": t + 3600}), &key),
        ),
        (
            "only aud and exp, 60 s (Python)",
            sign(&json!({"aud": full, "exp": t + 60}), &key),
        ),
        (
            "iat, nbf, exp 5 min (.NET)",
            sign(
                &json!({"aud": full, "iat": t, "nbf": t, "exp": t + 300}),
                &key,
            ),
        ),
        (
            "aud without the query",
            sign(&json!({"aud": no_query, "exp": t + 3600}), &key),
        ),
        (
            "host in upper case",
            sign(&json!({"aud": upper_host, "exp": t + 3600}), &key),
        ),
        (
            "expired 30 s ago (within skew)",
            sign(&json!({"aud": full, "iat": t - 600, "exp": t - 30}), &key),
        ),
        (
            "nbf 30 s ahead (within skew)",
            sign(&json!({"aud": full, "nbf": t + 30, "exp": t + 3600}), &key),
        ),
        (
            "extra kid header",
            jsonwebtoken::encode(
                &jsonwebtoken::Header {
                    kid: Some("k1".into()),
                    ..jsonwebtoken::Header::new(Algorithm::HS256)
                },
                &json!({"aud": full, "exp": t + 3600}),
                &jsonwebtoken::EncodingKey::from_secret(key.as_bytes()),
            )
            .expect("encode"),
        ),
        (
            "user-name claim (Python)",
            sign(
                &json!({"aud": full, "exp": t + 3600,
                        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name": "admin"}),
                &key,
            ),
        ),
    ];
    let mut rejected = Vec::new();
    for (what, token) in &cases {
        let r = emu
            .rest_with_auth(
                "POST",
                &path,
                Some(format!("Bearer {token}")),
                Some("text/plain"),
                what.to_string(),
            )
            .await;
        if r.status != 202 {
            rejected.push(format!("{what}: {} {}", r.status, r.text()));
            continue;
        }
        let m = c.ws.recv_json().await;
        assert_eq!(m["data"], json!(what), "{m}");
    }
    assert!(
        rejected.is_empty(),
        "valid REST tokens rejected:\n{rejected:#?}"
    );
}

// ----- client connections -----------------------------------------------------------------

/// Tries a client handshake with `token` in the query (or no token).
async fn client_handshake(emu: &Emulator, path: &str, token: Option<&str>) -> Result<Ws, Rejected> {
    let sep = if path.contains('?') { '&' } else { '?' };
    let full = match token {
        Some(t) => format!("{path}{sep}access_token={}", enc(t)),
        None => path.to_string(),
    };
    emu.ws_open(
        &full,
        &WsOpts {
            protocols: vec![JSON_V1.into()],
            ..WsOpts::default()
        },
    )
    .await
}

#[tokio::test]
async fn client_rejects_bad_tokens_with_401() {
    let emu = Emulator::start();
    let aud = emu.client_aud(HUB);
    let wrong = [
        ("other hub", emu.client_aud("other")),
        ("REST path", emu.url(&format!("/api/hubs/{HUB}"))),
        ("suffixed hub", format!("{aud}Suffix")),
        (
            "other port",
            format!("http://localhost:1/client/hubs/{HUB}"),
        ),
        (
            "other host",
            format!("http://example.com:{}/client/hubs/{HUB}", emu.port),
        ),
        (
            "MQTT audience",
            format!("{}/clients/mqtt/hubs/{HUB}", emu.endpoint),
        ),
    ];
    let mut accepted = Vec::new();
    for (what, auth) in bad_tokens(&emu.key, &aud, &wrong) {
        let token = auth.map(|a| a.trim_start_matches("Bearer ").to_string());
        // An empty `access_token=` is the query form of "empty bearer".
        let r = client_handshake(&emu, &format!("/client/hubs/{HUB}"), token.as_deref()).await;
        match r {
            Err(rej) if rej.status == 401 => {}
            Err(rej) => accepted.push(format!("{what}: handshake {} {}", rej.status, rej.body)),
            Ok(_) => accepted.push(format!("{what}: connected")),
        }
    }
    // The same through the Authorization header.
    let t = now();
    for (what, token) in [
        (
            "header: wrong key",
            sign(
                &json!({"aud": aud, "exp": t + 3600}),
                "x".repeat(40).as_str(),
            ),
        ),
        (
            "header: expired",
            sign(&json!({"aud": aud, "exp": t - 3600}), &emu.key),
        ),
        (
            "header: alg none",
            unsigned_jwt(&json!({"aud": aud, "exp": t + 3600})),
        ),
    ] {
        let r = emu
            .ws_open(
                &format!("/client/hubs/{HUB}"),
                &WsOpts {
                    protocols: vec![JSON_V1.into()],
                    headers: vec![("Authorization".into(), format!("Bearer {token}"))],
                    ..WsOpts::default()
                },
            )
            .await;
        match r {
            Err(rej) if rej.status == 401 => {}
            Err(rej) => accepted.push(format!("{what}: handshake {}", rej.status)),
            Ok(_) => accepted.push(format!("{what}: connected")),
        }
    }
    assert!(
        accepted.is_empty(),
        "bad client tokens not rejected with 401:\n{accepted:#?}"
    );
}

#[tokio::test]
async fn client_accepts_valid_token_variants() {
    let emu = Emulator::start();
    let aud = emu.client_aud(HUB);
    let t = now();
    let key = emu.key.clone();
    let path = format!("/client/hubs/{HUB}");
    let cases: Vec<(&str, Value)> = vec![
        (
            "SDK claims",
            json!({"aud": aud, "iat": t, "exp": t + 3600, "sub": "u1"}),
        ),
        ("no iat", json!({"aud": aud, "exp": t + 3600, "sub": "u2"})),
        (
            ".NET nbf",
            json!({"aud": aud, "iat": t, "nbf": t, "exp": t + 3600, "sub": "u3"}),
        ),
        (
            "host in upper case",
            json!({"aud": aud.replace("localhost", "LocalHost"), "exp": t + 3600, "sub": "u4"}),
        ),
        (
            "hub in another case",
            json!({"aud": emu.client_aud("CHAT"), "exp": t + 3600, "sub": "u5"}),
        ),
        (
            "expired 30 s ago (within skew)",
            json!({"aud": aud, "exp": t - 30, "sub": "u6"}),
        ),
        (
            "nbf 30 s ahead (within skew)",
            json!({"aud": aud, "nbf": t + 30, "exp": t + 3600, "sub": "u7"}),
        ),
        ("anonymous", json!({"aud": aud, "exp": t + 3600})),
    ];
    let mut rejected = Vec::new();
    for (what, claims) in &cases {
        match client_handshake(&emu, &path, Some(&sign(claims, &key))).await {
            Ok(mut ws) => {
                let connected = ws.recv_json().await;
                let c = Client::from_connected(ws, connected);
                assert_eq!(
                    c.user_id.as_deref(),
                    claims["sub"].as_str(),
                    "{what}: connected frame {}",
                    c.connected
                );
            }
            Err(r) => rejected.push(format!("{what}: {} {}", r.status, r.body)),
        }
    }
    assert!(
        rejected.is_empty(),
        "valid client tokens rejected:\n{rejected:#?}"
    );
}

#[tokio::test]
async fn client_token_in_authorization_header_or_query() {
    let emu = Emulator::start();
    let token = emu.client_token(HUB, &json!({"sub": "hdr"}));
    let mut ws = emu
        .ws_open(
            &format!("/client/hubs/{HUB}"),
            &WsOpts {
                protocols: vec![JSON_V1.into()],
                headers: vec![("Authorization".into(), format!("Bearer {token}"))],
                ..WsOpts::default()
            },
        )
        .await
        .unwrap_or_else(|r| panic!("Authorization header rejected: {r:?}"));
    let connected = ws.recv_json().await;
    assert_eq!(
        Client::from_connected(ws, connected).user_id.as_deref(),
        Some("hdr")
    );

    // `/client/?hub=` form, token in the query; the audience is still /client/hubs/{hub}.
    let token = emu.client_token(HUB, &json!({"sub": "q"}));
    let mut ws = client_handshake(&emu, &format!("/client/?hub={HUB}"), Some(&token))
        .await
        .unwrap_or_else(|r| panic!("/client/?hub= rejected: {r:?}"));
    let connected = ws.recv_json().await;
    assert_eq!(
        Client::from_connected(ws, connected).user_id.as_deref(),
        Some("q")
    );

    // No token at all on /client/?hub= as well.
    let r = client_handshake(&emu, &format!("/client/?hub={HUB}"), None).await;
    assert_eq!(r.err().map(|r| r.status), Some(401));
}

// ----- the Host header carries no authority ------------------------------------------------

/// Writes one raw HTTP/1.1 request and returns the status code of the answer.
async fn raw_status(port: u16, request: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("write request");
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n") {
        let n = tokio::time::timeout(RECV_TIMEOUT, stream.read(&mut byte))
            .await
            .expect("an answer in time")
            .expect("read");
        if n == 0 {
            break;
        }
        head.push(byte[0]);
    }
    let line = String::from_utf8_lossy(&head);
    line.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP status line: {line:?}"))
}

#[tokio::test]
async fn a_token_for_one_operation_cannot_run_another_through_the_host_header() {
    let emu = Emulator::start();
    let mut victim = emu.connect_json("admin", &json!({"sub": "v"})).await;
    let port = emu.port;
    // A token minted for sending to hub `chat`...
    let aud = format!("http://localhost:{port}/api/hubs/chat/:send?{API}");
    let token = sign(
        &json!({"aud": aud, "iat": now(), "exp": now() + 600}),
        &emu.key,
    );
    // ...replayed on other operations of another hub, with the signed URL stuffed in `Host`.
    for (method, target) in [
        ("POST", format!("/api/hubs/admin/:generateToken?{API}")),
        ("POST", format!("/api/hubs/admin/:closeConnections?{API}")),
        ("POST", format!("/api/hubs/chat/:closeConnections?{API}")),
    ] {
        let request = format!(
            "{method} {target} HTTP/1.1\r\nHost: localhost:{port}/api/hubs/chat/:send?{API}#\r\n\
             Authorization: Bearer {token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        let status = raw_status(port, &request).await;
        assert!(
            status == 401 || status == 400,
            "{method} {target} with a stuffed Host answered {status}"
        );
    }
    // The victim on `admin` is still connected, and the token still does what it was made for.
    victim.ws.ping_pong().await;
    let request = format!(
        "POST /api/hubs/chat/:send?{API} HTTP/1.1\r\nHost: localhost:{port}\r\n\
         Authorization: Bearer {token}\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"
    );
    assert_eq!(raw_status(port, &request).await, 202);
}

#[tokio::test]
async fn audience_names_compare_exactly_and_encoded_slashes_stay_in_their_segment() {
    let emu = Emulator::start();
    let sign_for = |path: &str| {
        let aud = format!("{}{path}", emu.endpoint);
        format!(
            "Bearer {}",
            sign(
                &json!({"aud": aud, "iat": now(), "exp": now() + 600}),
                &emu.key
            )
        )
    };
    // A token for user `Alice` does not act on user `alice`.
    let r = emu
        .rest_with_auth(
            "POST",
            &v("/api/hubs/chat/users/alice/:send"),
            Some(sign_for(&v("/api/hubs/chat/users/Alice/:send"))),
            Some("text/plain"),
            "x",
        )
        .await;
    assert_eq!(r.status, 401, "{}", r.text());
    // A token for group `a%2Fb` (one group named `a/b`) is not one for the path `a/b`, and the
    // other way round.
    let r = emu
        .rest_with_auth(
            "POST",
            &v("/api/hubs/chat/groups/a%2Fb/:send"),
            Some(sign_for(&v("/api/hubs/chat/groups/a/b/:send"))),
            Some("text/plain"),
            "x",
        )
        .await;
    assert_eq!(r.status, 401, "{}", r.text());
    let r = emu
        .rest_with_auth(
            "POST",
            &v("/api/hubs/chat/groups/a%2Fb/:send"),
            Some(sign_for(&v("/api/hubs/chat/groups/a%2Fb/:send"))),
            Some("text/plain"),
            "x",
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
    // Hub names are case-insensitive on the service, so the hub may differ in case.
    let r = emu
        .rest_with_auth(
            "POST",
            &v("/api/hubs/chat/:send"),
            Some(sign_for(&v("/api/hubs/Chat/:send"))),
            Some("text/plain"),
            "x",
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.text());
}

#[tokio::test]
async fn a_client_token_for_one_hub_cannot_open_another_through_the_host_header() {
    let emu = Emulator::start();
    let port = emu.port;
    let token = emu.client_token("chat", &json!({"sub": "mallory"}));
    let upgrade = |path: &str, host: &str| {
        format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
             Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
             Sec-WebSocket-Protocol: {JSON_V1}\r\n\r\n"
        )
    };
    for (path, host) in [
        (
            format!("/client/hubs/admin?access_token={token}"),
            format!("localhost:{port}/client/hubs/chat?"),
        ),
        (
            format!("/client/hubs/admin?access_token={token}"),
            format!("localhost:{port}/client/hubs/chat#"),
        ),
        (
            format!("/client/?hub=admin&access_token={token}"),
            format!("localhost:{port}"),
        ),
        (
            format!("/client/hubs/admin?access_token={token}"),
            format!("localhost:{port}"),
        ),
    ] {
        let status = raw_status(port, &upgrade(&path, &host)).await;
        assert!(
            status == 401 || status == 400,
            "GET {path} with Host {host} answered {status}"
        );
    }
    // The same token opens its own hub, by path or by ?hub=.
    for path in [
        format!("/client/hubs/chat?access_token={token}"),
        format!("/client/?hub=Chat&access_token={token}"),
    ] {
        let status = raw_status(port, &upgrade(&path, &format!("localhost:{port}"))).await;
        assert_eq!(status, 101, "GET {path}");
    }
}
