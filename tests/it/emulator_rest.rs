//! The REST data plane (protocols.md §2, sdk-oracles.md §2.4): every operation of 2024-12-01 with
//! its success and error codes, content types, paging, api-version variants, process lifecycle.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use jsonwebtoken::{DecodingKey, Validation};
use serde_json::{json, Value};

use crate::common::*;

const HUB: &str = "chat";

fn p(path: &str) -> String {
    v(&format!("/api/hubs/{HUB}{path}"))
}

async fn send_text(emu: &Emulator, path: &str, text: &str) -> Resp {
    emu.rest(
        "POST",
        &p(path),
        Some("text/plain"),
        text.as_bytes().to_vec(),
    )
    .await
}

/// Asserts a `{"type":"message","from":"server","dataType":"text","data":text}` frame.
async fn expect_server_text(c: &mut Client, text: &str) {
    let m = c.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"type": "message", "from": "server", "dataType": "text", "data": text}),
    );
}

async fn expect_group_text(c: &mut Client, group: &str, text: &str) {
    let m = c.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"type": "message", "from": "group", "group": group, "dataType": "text", "data": text}),
    );
}

/// Expects the REST-initiated close sequence: a `disconnected` system frame whose message
/// contains `reason`, then the end of the connection.
async fn expect_closed_with_reason(c: &mut Client, reason: &str) {
    let f = c.ws.recv_json().await;
    assert_fields(&f, &json!({"type": "system", "event": "disconnected"}));
    let msg = f["message"].as_str().unwrap_or_default();
    assert!(
        msg.contains(reason),
        "disconnected message should contain the REST reason {reason:?}: {f}"
    );
    let end = c.ws.expect_end().await;
    assert!(end.is_terminal(), "{end:?}");
}

// ----- process lifecycle ------------------------------------------------------------------

#[tokio::test]
async fn prints_connection_string_first_on_stdout() {
    let emu = Emulator::start();
    assert_eq!(
        emu.conn_str,
        format!(
            "Endpoint=http://localhost:{};AccessKey={DEFAULT_KEY};Version=1.0;",
            emu.port
        )
    );
    emu.rest("HEAD", "/api/health", None, Vec::new())
        .await
        .expect(200);
}

#[tokio::test]
async fn custom_access_key_is_printed_and_enforced() {
    let key = "my-own-emulator-key-0123456789-abcdefghij";
    let emu = Emulator::start_with(&["--access-key", key]);
    assert_eq!(
        emu.conn_str,
        format!(
            "Endpoint=http://localhost:{};AccessKey={key};Version=1.0;",
            emu.port
        )
    );
    let path = p("/:send");
    let default_signed = sign(
        &json!({"aud": emu.url(&path), "exp": now() + 3600}),
        DEFAULT_KEY,
    );
    emu.rest_with_auth(
        "POST",
        &path,
        Some(format!("Bearer {default_signed}")),
        Some("text/plain"),
        "x",
    )
    .await
    .expect(401);
    send_text(&emu, "/:send", "x").await.expect_accepted();

    // Client tokens are checked against the custom key too.
    let t = sign(&emu.client_claims(HUB, &json!({})), DEFAULT_KEY);
    let r = emu
        .ws_open(
            &format!("/client/hubs/{HUB}?access_token={}", enc(&t)),
            &WsOpts::default(),
        )
        .await;
    assert_eq!(r.err().map(|r| r.status), Some(401));
    emu.connect_json(HUB, &json!({"sub": "u1"})).await;
}

/// Stops on `sig` within 10 s, even with a client connected; stdout held nothing but the
/// connection string.
async fn assert_stops_on(sig: &str) {
    let mut emu = Emulator::start();
    let addr = emu.socket_addr();
    let _c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    send_text(&emu, "/:send", "x").await.expect_accepted();
    let status = emu.signal_and_wait(sig, Duration::from_secs(10));
    assert!(
        status.is_some(),
        "emulator still running 10 s after SIG{sig}; stderr:\n{}",
        emu.stderr()
    );
    assert!(
        std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err(),
        "port still accepts connections after SIG{sig}"
    );
    assert_eq!(
        emu.stdout_after_first_line(),
        "",
        "stdout must hold only the connection string (human messages go to stderr)"
    );
}

#[tokio::test]
async fn shuts_down_on_sigterm() {
    assert_stops_on("TERM").await;
}

#[tokio::test]
async fn shuts_down_on_sigint() {
    assert_stops_on("INT").await;
}

#[tokio::test]
async fn explicit_loopback_host_is_accepted() {
    let emu = Emulator::start_with(&["--host", "127.0.0.1"]);
    emu.rest("HEAD", "/api/health", None, Vec::new())
        .await
        .expect(200);
    emu.connect_json(HUB, &json!({"sub": "u1"})).await;
}

// ----- 1 HEAD health ----------------------------------------------------------------------

#[tokio::test]
async fn health_head_is_200() {
    let emu = Emulator::start();
    emu.rest("HEAD", &v("/api/health"), None, Vec::new())
        .await
        .expect(200);
    emu.rest("HEAD", "/api/health", None, Vec::new())
        .await
        .expect(200);
}

// ----- 6 send to all, content types --------------------------------------------------------

#[tokio::test]
async fn send_to_all_delivers_each_content_type_to_simple_and_json_clients() {
    let emu = Emulator::start();
    let mut s = emu.connect_simple_user(HUB, "simple", &json!({})).await;
    let mut j = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let send = |ct: &'static str, body: Vec<u8>| {
        let emu = &emu;
        async move { emu.rest("POST", &p("/:send"), Some(ct), body).await }
    };

    send("text/plain", b"hello".to_vec())
        .await
        .expect_accepted();
    assert_eq!(s.recv_text().await, "hello");
    expect_server_text(&mut j, "hello").await;

    send("text/plain; charset=utf-8", "h\u{e9}llo \u{1f600}".into())
        .await
        .expect_accepted();
    assert_eq!(s.recv_text().await, "h\u{e9}llo \u{1f600}");
    expect_server_text(&mut j, "h\u{e9}llo \u{1f600}").await;

    send("application/json", br#""Hello World""#.to_vec())
        .await
        .expect_accepted();
    assert_eq!(
        s.recv_text().await,
        r#""Hello World""#,
        "a JSON string reaches simple clients with its quotes"
    );
    let m = j.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"type": "message", "from": "server", "dataType": "json", "data": "Hello World"}),
    );

    send(
        "application/json; charset=utf-8",
        br#"{"a":[1,2],"b":{"c":null}}"#.to_vec(),
    )
    .await
    .expect_accepted();
    let text = s.recv_text().await;
    assert_eq!(
        serde_json::from_str::<Value>(&text).expect("simple client gets the JSON text"),
        json!({"a": [1, 2], "b": {"c": null}})
    );
    let m = j.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"type": "message", "from": "server", "dataType": "json",
                "data": {"a": [1, 2], "b": {"c": null}}}),
    );

    send("application/octet-stream", vec![1, 2, 3])
        .await
        .expect_accepted();
    assert_eq!(s.recv_binary().await, vec![1, 2, 3]);
    let m = j.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"type": "message", "from": "server", "dataType": "binary", "data": "AQID"}),
    );

    s.expect_no_frame(QUIET).await;
    j.ws.expect_no_frame(QUIET).await;
}

#[tokio::test]
async fn send_to_all_honours_repeated_excluded() {
    let emu = Emulator::start();
    let mut a = emu.connect_json(HUB, &json!({"sub": "a"})).await;
    let mut b = emu.connect_json(HUB, &json!({"sub": "b"})).await;
    let mut c = emu.connect_json(HUB, &json!({"sub": "c"})).await;
    let path = format!(
        "/:send?excluded={}&excluded={}",
        enc(&a.connection_id),
        enc(&b.connection_id)
    );
    send_text(&emu, &path, "not for a or b")
        .await
        .expect_accepted();
    expect_server_text(&mut c, "not for a or b").await;
    a.ws.expect_no_frame(QUIET).await;
    b.ws.expect_no_frame(QUIET).await;

    send_text(&emu, "/:send", "for all").await.expect_accepted();
    for x in [&mut a, &mut b, &mut c] {
        expect_server_text(x, "for all").await;
    }
}

#[tokio::test]
async fn unsupported_content_types_are_415() {
    let emu = Emulator::start();
    for path in [
        "/:send",
        "/groups/g1/:send",
        "/users/u1/:send",
        "/connections/c1/:send",
    ] {
        for ct in ["application/xml", "image/png", "text/html"] {
            emu.rest("POST", &p(path), Some(ct), b"<x/>".to_vec())
                .await
                .expect_error(415);
        }
    }
    for path in ["/:addToGroups", "/:removeFromGroups"] {
        emu.rest(
            "POST",
            &p(path),
            Some("text/plain"),
            br#"{"groups":["g1"],"filter":"userId eq 'u1'"}"#.to_vec(),
        )
        .await
        .expect_error(415);
    }
}

#[tokio::test]
async fn message_ttl_seconds_is_0_to_300() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_json(HUB, &json!({"sub": "u1", "webpubsub.group": ["g1"]}))
        .await;
    let cid = c.connection_id.clone();
    let targets = [
        "/:send".to_string(),
        "/groups/g1/:send".to_string(),
        "/users/u1/:send".to_string(),
        format!("/connections/{cid}/:send"),
    ];
    for t in &targets {
        for ttl in ["0", "300"] {
            send_text(&emu, &format!("{t}?messageTtlSeconds={ttl}"), "ttl")
                .await
                .expect_accepted();
            let m = c.ws.recv_json().await;
            assert_eq!(m["data"], "ttl", "{t} ttl={ttl}: {m}");
        }
        for ttl in ["301", "-1", "100000"] {
            send_text(&emu, &format!("{t}?messageTtlSeconds={ttl}"), "bad")
                .await
                .expect_error_mentioning(400, "messageTtlSeconds");
        }
        send_text(&emu, &format!("{t}?messageTtlSeconds=abc"), "bad")
            .await
            .expect_error(400);
    }
    c.ws.expect_no_frame(QUIET).await;
}

// ----- 13 send to group -------------------------------------------------------------------

#[tokio::test]
async fn send_to_group_reaches_members_only() {
    let emu = Emulator::start();
    let mut a = emu
        .connect_json(HUB, &json!({"sub": "a", "webpubsub.group": ["g1"]}))
        .await;
    let mut b = emu
        .connect_json(HUB, &json!({"sub": "b", "webpubsub.group": ["g1", "g2"]}))
        .await;
    let mut c = emu.connect_json(HUB, &json!({"sub": "c"})).await;
    let mut s = emu
        .connect_simple_user(HUB, "s", &json!({"webpubsub.group": ["g1"]}))
        .await;

    send_text(&emu, "/groups/g1/:send", "to g1")
        .await
        .expect_accepted();
    expect_group_text(&mut a, "g1", "to g1").await;
    expect_group_text(&mut b, "g1", "to g1").await;
    assert_eq!(s.recv_text().await, "to g1");
    c.ws.expect_no_frame(QUIET).await;

    let path = format!("/groups/g1/:send?excluded={}", enc(&b.connection_id));
    send_text(&emu, &path, "not b").await.expect_accepted();
    expect_group_text(&mut a, "g1", "not b").await;
    assert_eq!(s.recv_text().await, "not b");
    b.ws.expect_no_frame(QUIET).await;

    emu.rest(
        "POST",
        &p("/groups/g2/:send"),
        Some("application/octet-stream"),
        vec![0xff, 0],
    )
    .await
    .expect_accepted();
    let m = b.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"type": "message", "from": "group", "group": "g2", "dataType": "binary", "data": "/wA="}),
    );

    // A group nobody is in: fire and forget.
    send_text(&emu, "/groups/nobody/:send", "void")
        .await
        .expect_accepted();
    // The longest valid group name.
    let long = "g".repeat(1024);
    send_text(&emu, &format!("/groups/{long}/:send"), "long")
        .await
        .expect_accepted();
    for x in [&mut a, &mut b, &mut c] {
        x.ws.expect_no_frame(QUIET).await;
    }
}

// ----- 22 send to user --------------------------------------------------------------------

#[tokio::test]
async fn send_to_user_reaches_every_connection_of_the_user() {
    let emu = Emulator::start();
    let mut a1 = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut a2 = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut b = emu.connect_json(HUB, &json!({"sub": "u2"})).await;
    let mut sp = emu.connect_json(HUB, &json!({"sub": "fake user"})).await;

    send_text(&emu, "/users/u1/:send", "for u1")
        .await
        .expect_accepted();
    expect_server_text(&mut a1, "for u1").await;
    expect_server_text(&mut a2, "for u1").await;
    b.ws.expect_no_frame(QUIET).await;

    send_text(&emu, "/users/fake%20user/:send", "spaced")
        .await
        .expect_accepted();
    expect_server_text(&mut sp, "spaced").await;

    send_text(&emu, "/users/ghost/:send", "nobody")
        .await
        .expect_accepted();
    for x in [&mut a1, &mut a2, &mut b, &mut sp] {
        x.ws.expect_no_frame(QUIET).await;
    }
}

// ----- 9 send to connection ---------------------------------------------------------------

#[tokio::test]
async fn send_to_connection_and_unknown_connection_is_202() {
    let emu = Emulator::start();
    let mut a = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut b = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    send_text(
        &emu,
        &format!("/connections/{}/:send", a.connection_id),
        "only a",
    )
    .await
    .expect_accepted();
    expect_server_text(&mut a, "only a").await;
    b.ws.expect_no_frame(QUIET).await;
    send_text(&emu, "/connections/xxxx/:send", "lost")
        .await
        .expect_accepted();
    a.ws.expect_no_frame(QUIET).await;
}

// ----- 8, 11, 20 HEAD checks --------------------------------------------------------------

#[tokio::test]
async fn connection_exists_is_200_or_404() {
    let emu = Emulator::start();
    let a = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let path = p(&format!("/connections/{}", a.connection_id));
    emu.rest("HEAD", &path, None, Vec::new()).await.expect(200);
    let r = emu
        .rest("HEAD", &p("/connections/nope"), None, Vec::new())
        .await;
    r.expect(404);
    assert!(
        r.header("x-ms-error-code").is_some_and(|c| !c.is_empty()),
        "404 without x-ms-error-code: {r:?}"
    );
    a.ws.close().await;
    emu.eventually_head(&path, 404).await;
}

#[tokio::test]
async fn group_exists_is_200_or_404() {
    let emu = Emulator::start();
    let a = emu
        .connect_json(HUB, &json!({"sub": "u1", "webpubsub.group": ["g1"]}))
        .await;
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(200);
    let r = emu.rest("HEAD", &p("/groups/g2"), None, Vec::new()).await;
    r.expect(404);
    assert_eq!(
        r.header("x-ms-error-code").as_deref(),
        Some("Warning.Group.NotExisted")
    );
    // A group whose last member left is empty, hence 404.
    a.ws.close().await;
    emu.eventually_head(&p("/groups/g1"), 404).await;
}

#[tokio::test]
async fn user_exists_is_200_or_404() {
    let emu = Emulator::start();
    let a = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let _b = emu.connect_json(HUB, &json!({"sub": "fake user"})).await;
    emu.rest("HEAD", &p("/users/u1"), None, Vec::new())
        .await
        .expect(200);
    emu.rest("HEAD", &p("/users/fake%20user"), None, Vec::new())
        .await
        .expect(200);
    let r = emu.rest("HEAD", &p("/users/foo"), None, Vec::new()).await;
    r.expect(404);
    assert_eq!(
        r.header("x-ms-error-code").as_deref(),
        Some("Warning.User.NotExisted")
    );
    a.ws.close().await;
    emu.eventually_head(&p("/users/u1"), 404).await;
}

// ----- 15, 16 connection ↔ group ----------------------------------------------------------

#[tokio::test]
async fn add_and_remove_connection_to_group() {
    let emu = Emulator::start();
    let mut a = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let member = p(&format!("/groups/g1/connections/{}", a.connection_id));

    emu.rest("PUT", &member, None, Vec::new()).await.expect(200);
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(200);
    send_text(&emu, "/groups/g1/:send", "in")
        .await
        .expect_accepted();
    expect_group_text(&mut a, "g1", "in").await;

    emu.rest("DELETE", &member, None, Vec::new())
        .await
        .expect(204);
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(404);
    send_text(&emu, "/groups/g1/:send", "out")
        .await
        .expect_accepted();
    a.ws.expect_no_frame(QUIET).await;

    // Unknown connections are not on the hub: 404 with an error body.
    emu.rest("PUT", &p("/groups/g1/connections/nope"), None, Vec::new())
        .await
        .expect_error(404);
}

// ----- 10 remove connection from all groups -----------------------------------------------

#[tokio::test]
async fn remove_connection_from_all_groups() {
    let emu = Emulator::start();
    let mut a = emu
        .connect_json(HUB, &json!({"sub": "u1", "webpubsub.group": ["g1", "g2"]}))
        .await;
    emu.rest(
        "DELETE",
        &p(&format!("/connections/{}/groups", a.connection_id)),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
    for g in ["g1", "g2"] {
        emu.rest("HEAD", &p(&format!("/groups/{g}")), None, Vec::new())
            .await
            .expect(404);
        send_text(&emu, &format!("/groups/{g}/:send"), "x")
            .await
            .expect_accepted();
    }
    a.ws.expect_no_frame(QUIET).await;
    emu.rest("DELETE", &p("/connections/xxx/groups"), None, Vec::new())
        .await
        .expect(204);
}

// ----- 24, 25 user ↔ group; 23 remove user from all groups ---------------------------------

#[tokio::test]
async fn add_and_remove_user_to_group() {
    let emu = Emulator::start();
    let mut a1 = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut a2 = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut b = emu.connect_json(HUB, &json!({"sub": "u2"})).await;

    emu.rest("PUT", &p("/users/u1/groups/g1"), None, Vec::new())
        .await
        .expect(200);
    send_text(&emu, "/groups/g1/:send", "u1s")
        .await
        .expect_accepted();
    expect_group_text(&mut a1, "g1", "u1s").await;
    expect_group_text(&mut a2, "g1", "u1s").await;
    b.ws.expect_no_frame(QUIET).await;

    emu.rest("DELETE", &p("/users/u1/groups/g1"), None, Vec::new())
        .await
        .expect(204);
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(404);
    send_text(&emu, "/groups/g1/:send", "gone")
        .await
        .expect_accepted();
    a1.ws.expect_no_frame(QUIET).await;
    a2.ws.expect_no_frame(QUIET).await;

    let e = emu
        .rest(
            "PUT",
            &p("/users/some_user/groups/some_group"),
            None,
            Vec::new(),
        )
        .await
        .expect_error(404);
    assert_eq!(e["code"], "Warning.User.NotExisted", "{e}");
    emu.rest("DELETE", &p("/users/some_user/groups/g1"), None, Vec::new())
        .await
        .expect_error(404);
}

#[tokio::test]
async fn remove_user_from_all_groups() {
    let emu = Emulator::start();
    let mut a = emu
        .connect_json(HUB, &json!({"sub": "u1", "webpubsub.group": ["g1", "g2"]}))
        .await;
    let mut b = emu
        .connect_json(HUB, &json!({"sub": "u2", "webpubsub.group": ["g1"]}))
        .await;
    emu.rest("DELETE", &p("/users/u1/groups"), None, Vec::new())
        .await
        .expect(204);
    emu.rest("HEAD", &p("/groups/g2"), None, Vec::new())
        .await
        .expect(404);
    send_text(&emu, "/groups/g1/:send", "b only")
        .await
        .expect_accepted();
    expect_group_text(&mut b, "g1", "b only").await;
    a.ws.expect_no_frame(QUIET).await;
    emu.rest("DELETE", &p("/users/brian/groups"), None, Vec::new())
        .await
        .expect(204);
}

// ----- 7, 3, 12, 21 closing connections ---------------------------------------------------

#[tokio::test]
async fn close_connection_sends_disconnected_with_reason() {
    let emu = Emulator::start();
    let mut a = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut b = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let path = format!("/connections/{}?reason=time%20to%20go", a.connection_id);
    emu.rest("DELETE", &p(&path), None, Vec::new())
        .await
        .expect(204);
    expect_closed_with_reason(&mut a, "time to go").await;
    emu.eventually_head(&p(&format!("/connections/{}", a.connection_id)), 404)
        .await;
    b.ws.ping_pong().await;
    b.ws.expect_no_frame(QUIET).await;

    // Simple clients get no system frames: the connection just ends.
    let mut s = emu.connect_simple_user(HUB, "raw", &json!({})).await;
    emu.rest(
        "POST",
        &p("/users/raw/:closeConnections?reason=bye"),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
    let f = s.recv().await;
    assert!(
        f.is_terminal(),
        "simple client got {f:?} instead of the close"
    );
}

#[tokio::test]
async fn close_all_connections_honours_repeated_excluded() {
    let emu = Emulator::start();
    let mut a = emu.connect_json(HUB, &json!({"sub": "a"})).await;
    let mut b = emu.connect_json(HUB, &json!({"sub": "b"})).await;
    let mut c = emu.connect_json(HUB, &json!({"sub": "c"})).await;
    let mut d = emu.connect_json(HUB, &json!({"sub": "d"})).await;
    let path = format!(
        "/:closeConnections?excluded={}&excluded={}&reason=maintenance",
        c.connection_id, d.connection_id
    );
    emu.rest("POST", &p(&path), None, Vec::new())
        .await
        .expect(204);
    expect_closed_with_reason(&mut a, "maintenance").await;
    expect_closed_with_reason(&mut b, "maintenance").await;
    for x in [&mut c, &mut d] {
        x.ws.ping_pong().await;
        emu.rest(
            "HEAD",
            &p(&format!("/connections/{}", x.connection_id)),
            None,
            Vec::new(),
        )
        .await
        .expect(200);
    }
    // Another hub is untouched.
    let mut other = emu.connect_json("other", &json!({"sub": "o"})).await;
    emu.rest("POST", &p("/:closeConnections"), None, Vec::new())
        .await
        .expect(204);
    other.ws.ping_pong().await;
}

#[tokio::test]
async fn close_group_connections_honours_excluded() {
    let emu = Emulator::start();
    let mut a = emu
        .connect_json(HUB, &json!({"sub": "a", "webpubsub.group": ["g1"]}))
        .await;
    let mut b = emu
        .connect_json(HUB, &json!({"sub": "b", "webpubsub.group": ["g1"]}))
        .await;
    let mut c = emu.connect_json(HUB, &json!({"sub": "c"})).await;
    let path = format!(
        "/groups/g1/:closeConnections?excluded={}&reason=room%20closed",
        b.connection_id
    );
    emu.rest("POST", &p(&path), None, Vec::new())
        .await
        .expect(204);
    expect_closed_with_reason(&mut a, "room closed").await;
    b.ws.ping_pong().await;
    c.ws.ping_pong().await;
    emu.rest(
        "POST",
        &p("/groups/empty/:closeConnections"),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
}

#[tokio::test]
async fn close_user_connections_honours_excluded() {
    let emu = Emulator::start();
    let mut a1 = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut a2 = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut a3 = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut b = emu.connect_json(HUB, &json!({"sub": "u2"})).await;
    let path = format!(
        "/users/u1/:closeConnections?excluded={}&reason=kicked",
        a3.connection_id
    );
    emu.rest("POST", &p(&path), None, Vec::new())
        .await
        .expect(204);
    expect_closed_with_reason(&mut a1, "kicked").await;
    expect_closed_with_reason(&mut a2, "kicked").await;
    a3.ws.ping_pong().await;
    b.ws.ping_pong().await;
    emu.rest(
        "POST",
        &p("/users/ghost/:closeConnections"),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
}

// ----- 4 generate token -------------------------------------------------------------------

#[tokio::test]
async fn generate_token_has_the_claims_and_connects() {
    let emu = Emulator::start();
    let r = emu
        .rest(
            "POST",
            &p("/:generateToken?userId=alice&role=webpubsub.joinLeaveGroup&role=webpubsub.sendToGroup.g1\
               &group=g1&group=g2&minutesToExpire=5"),
            None,
            Vec::new(),
        )
        .await;
    r.expect(200);
    let token = r.json()["token"]
        .as_str()
        .unwrap_or_else(|| panic!("no token in {}", r.text()))
        .to_string();
    let claims = jwt_payload(&token);
    assert_eq!(claims["aud"], json!(emu.client_aud(HUB)), "{claims}");
    assert_eq!(claims["sub"], "alice", "{claims}");
    assert_eq!(
        claims["role"],
        json!(["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup.g1"]),
        "{claims}"
    );
    assert_eq!(claims["webpubsub.group"], json!(["g1", "g2"]), "{claims}");
    let life = claims["exp"].as_i64().expect("exp") - claims["iat"].as_i64().expect("iat");
    assert!((295..=305).contains(&life), "exp - iat = {life}");

    // Signed HS256 with the access key.
    let mut val = Validation::new(jsonwebtoken::Algorithm::HS256);
    val.set_audience(&[emu.client_aud(HUB)]);
    jsonwebtoken::decode::<Value>(&token, &DecodingKey::from_secret(emu.key.as_bytes()), &val)
        .unwrap_or_else(|e| panic!("generated token does not verify: {e}"));

    // Usable: the connection gets the user, the groups and the roles.
    let mut ws = emu
        .ws_open(
            &format!("/client/hubs/{HUB}?access_token={}", enc(&token)),
            &WsOpts {
                protocols: vec![JSON_V1.into()],
                ..WsOpts::default()
            },
        )
        .await
        .unwrap_or_else(|r| panic!("generated token rejected: {r:?}"));
    let connected = ws.recv_json().await;
    let mut c = Client::from_connected(ws, connected);
    assert_eq!(c.user_id.as_deref(), Some("alice"));
    emu.rest("HEAD", &p("/groups/g2"), None, Vec::new())
        .await
        .expect(200);
    assert_ack_ok(&c.join("g3").await);
    assert_ack_ok(&c.send_text_to("g1", "hi").await);
    assert_ack_err(&c.send_text_to("g2", "hi").await, "Forbidden");
}

#[tokio::test]
async fn generate_token_defaults_and_client_type() {
    let emu = Emulator::start();
    let r = emu
        .rest("POST", &p("/:generateToken"), None, Vec::new())
        .await;
    r.expect(200);
    let claims = jwt_payload(r.json()["token"].as_str().expect("token"));
    assert_eq!(claims["aud"], json!(emu.client_aud(HUB)));
    for absent in ["sub", "role", "webpubsub.group"] {
        assert!(claims.get(absent).is_none(), "{absent} in {claims}");
    }
    let life = claims["exp"].as_i64().expect("exp") - claims["iat"].as_i64().expect("iat");
    assert!((3595..=3605).contains(&life), "default lifetime {life}");

    for ct in ["MQTT", "mqtt"] {
        let r = emu
            .rest(
                "POST",
                &p(&format!("/:generateToken?clientType={ct}")),
                None,
                Vec::new(),
            )
            .await;
        r.expect(200);
        let claims = jwt_payload(r.json()["token"].as_str().expect("token"));
        assert_eq!(
            claims["aud"],
            json!(format!("{}/clients/mqtt/hubs/{HUB}", emu.endpoint)),
            "clientType={ct}"
        );
    }
    let r = emu
        .rest(
            "POST",
            &p("/:generateToken?clientType=Default"),
            None,
            Vec::new(),
        )
        .await;
    r.expect(200);
    assert_eq!(
        jwt_payload(r.json()["token"].as_str().expect("token"))["aud"],
        json!(emu.client_aud(HUB))
    );

    for m in ["0", "-5"] {
        emu.rest(
            "POST",
            &p(&format!("/:generateToken?minutesToExpire={m}")),
            None,
            Vec::new(),
        )
        .await
        .expect_error_mentioning(400, "minutesToExpire");
    }
    emu.rest(
        "POST",
        &p("/:generateToken?minutesToExpire=1"),
        None,
        Vec::new(),
    )
    .await
    .expect(200);
    emu.rest(
        "POST",
        &p("/:generateToken?clientType=bogus"),
        None,
        Vec::new(),
    )
    .await
    .expect_error(400);
}

// ----- 2, 5 add/remove connections to/from groups -----------------------------------------

async fn list_all(emu: &Emulator, group: &str, query: &str) -> Vec<Vec<(String, Option<String>)>> {
    let mut pages = Vec::new();
    let first = p(&format!("/groups/{group}/connections{query}"));
    let mut r = emu.rest("GET", &first, None, Vec::new()).await;
    loop {
        r.expect(200);
        let body = r.json();
        let value = body["value"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no `value` array in {body}", r.what));
        pages.push(
            value
                .iter()
                .map(|m| {
                    (
                        m["connectionId"]
                            .as_str()
                            .unwrap_or_else(|| panic!("member without connectionId: {m}"))
                            .to_string(),
                        m["userId"].as_str().map(str::to_string),
                    )
                })
                .collect(),
        );
        match body.get("nextLink").and_then(Value::as_str) {
            Some(next) => {
                assert!(
                    next.starts_with("http://") || next.starts_with("https://"),
                    "nextLink is not absolute: {next}"
                );
                assert!(pages.len() < 10, "more than 10 pages for {first}");
                r = emu.rest_url("GET", next, None, Vec::new()).await;
            }
            None => {
                assert!(
                    body.get("nextLink").is_none_or(Value::is_null),
                    "bad nextLink in {body}"
                );
                return pages;
            }
        }
    }
}

#[tokio::test]
async fn add_to_groups_and_remove_from_groups() {
    let emu = Emulator::start();
    let a = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let _b = emu.connect_json(HUB, &json!({"sub": "u2"})).await;
    emu.rest(
        "POST",
        &p("/:addToGroups"),
        Some("application/json"),
        br#"{"groups":["g1","g2"],"filter":"userId eq 'u1'"}"#.to_vec(),
    )
    .await
    .expect(200);
    for g in ["g1", "g2"] {
        let pages = list_all(&emu, g, "").await;
        let ids: Vec<_> = pages.concat().into_iter().map(|(c, _)| c).collect();
        assert_eq!(ids, vec![a.connection_id.clone()], "members of {g}");
    }
    emu.rest(
        "POST",
        &p("/:removeFromGroups"),
        Some("application/json; charset=utf-8"),
        br#"{"groups":["g1"],"filter":"userId eq 'u1'"}"#.to_vec(),
    )
    .await
    .expect(200);
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(404);
    emu.rest("HEAD", &p("/groups/g2"), None, Vec::new())
        .await
        .expect(200);

    for bad in [
        r#"{"groups":["g1"],"filter":"#.as_bytes(),
        br#"{"filter":"userId eq 'u1'"}"#,
        br#"{"groups":["   "],"filter":"userId eq 'u1'"}"#,
    ] {
        for op in ["/:addToGroups", "/:removeFromGroups"] {
            emu.rest("POST", &p(op), Some("application/json"), bad.to_vec())
                .await
                .expect_error(400);
        }
    }
}

// ----- 14 list connections in group (paging) ----------------------------------------------

#[tokio::test]
async fn list_connections_in_group_pages_like_the_service() {
    let emu = Emulator::start();
    let mut users = BTreeMap::new();
    let mut keep = Vec::new();
    for i in 0..6 {
        let c = emu
            .connect_json(
                HUB,
                &json!({"sub": format!("u{i}"), "webpubsub.group": ["pg"]}),
            )
            .await;
        users.insert(c.connection_id.clone(), format!("u{i}"));
        keep.push(c);
    }
    let all: BTreeSet<String> = users.keys().cloned().collect();
    for (query, sizes, total) in [
        ("?top=6", vec![6], 6),
        ("?top=3", vec![3], 3),
        ("?maxpagesize=2", vec![2, 2, 2], 6),
        ("?top=5&maxpagesize=2", vec![2, 2, 1], 5),
        ("?maxpagesize=200", vec![6], 6),
        ("", vec![6], 6),
    ] {
        let pages = list_all(&emu, "pg", query).await;
        let got: Vec<usize> = pages.iter().map(Vec::len).collect();
        assert_eq!(got, sizes, "page sizes for {query:?}");
        let items = pages.concat();
        let ids: BTreeSet<String> = items.iter().map(|(c, _)| c.clone()).collect();
        assert_eq!(
            ids.len(),
            total,
            "duplicates across pages for {query:?}: {items:?}"
        );
        assert!(
            ids.is_subset(&all),
            "unknown members for {query:?}: {items:?}"
        );
        for (c, u) in &items {
            assert_eq!(
                u.as_deref(),
                users.get(c).map(String::as_str),
                "userId of {c}"
            );
        }
    }
}

#[tokio::test]
async fn list_connections_in_group_rejects_out_of_range_values() {
    let emu = Emulator::start();
    let _c = emu
        .connect_json(HUB, &json!({"sub": "u1", "webpubsub.group": ["pg"]}))
        .await;
    for (q, name) in [
        ("maxpagesize=0", "maxpagesize"),
        ("maxpagesize=201", "maxpagesize"),
        ("top=0", "top"),
        ("top=-1", "top"),
        ("maxpagesize=abc", "maxpagesize"),
    ] {
        emu.rest(
            "GET",
            &p(&format!("/groups/pg/connections?{q}")),
            None,
            Vec::new(),
        )
        .await
        .expect_error_mentioning(400, name);
    }
}

// ----- api-version variants ---------------------------------------------------------------

#[tokio::test]
async fn older_and_missing_api_versions_work() {
    let emu = Emulator::start();
    let mut c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    for ver in ["2024-01-01", "2023-07-01", "2022-11-01", "2021-10-01"] {
        emu.rest(
            "POST",
            &format!("/api/hubs/{HUB}/:send?api-version={ver}"),
            Some("text/plain"),
            ver,
        )
        .await
        .expect_accepted();
        expect_server_text(&mut c, ver).await;
        emu.rest(
            "PUT",
            &format!(
                "/api/hubs/{HUB}/groups/g-{ver}/connections/{}?api-version={ver}",
                c.connection_id
            ),
            None,
            Vec::new(),
        )
        .await
        .expect(200);
        emu.rest(
            "HEAD",
            &format!("/api/hubs/{HUB}/users/nobody?api-version={ver}"),
            None,
            Vec::new(),
        )
        .await
        .expect(404);
    }
    emu.rest(
        "POST",
        &format!("/api/hubs/{HUB}/:send"),
        Some("text/plain"),
        "newest",
    )
    .await
    .expect_accepted();
    expect_server_text(&mut c, "newest").await;
    // Listing group members exists in 2024-12-01 only.
    emu.rest(
        "GET",
        &format!("/api/hubs/{HUB}/groups/g-2024-01-01/connections"),
        None,
        Vec::new(),
    )
    .await
    .expect(200);
    let r = emu
        .rest(
            "GET",
            &format!("/api/hubs/{HUB}/groups/g-2024-01-01/connections?api-version=2024-01-01"),
            None,
            Vec::new(),
        )
        .await;
    assert!(
        (400..500).contains(&r.status),
        "ListConnectionsInGroup with 2024-01-01 should be a 4xx, got {} {}",
        r.status,
        r.text()
    );
}

#[tokio::test]
async fn responses_carry_api_supported_versions() {
    let emu = Emulator::start();
    for ver in ["2021-10-01", "2022-11-01", "2024-12-01"] {
        let r = emu
            .rest(
                "POST",
                &format!("/api/hubs/{HUB}/:send?api-version={ver}"),
                Some("text/plain"),
                "x",
            )
            .await;
        r.expect_accepted();
        assert_eq!(
            r.header("api-supported-versions").as_deref(),
            Some(ver),
            "api-supported-versions for {ver}"
        );
    }
}

// ----- 17, 18, 19 permissions -------------------------------------------------------------

#[tokio::test]
async fn grant_check_revoke_join_leave_permission_seen_by_the_client() {
    let emu = Emulator::start();
    let mut c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let cid = c.connection_id.clone();
    let perm = |target: &str| {
        p(&format!(
            "/permissions/joinLeaveGroup/connections/{cid}?targetName={target}"
        ))
    };
    assert_ack_err(&c.join("g1").await, "Forbidden");
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(404);
    emu.rest("HEAD", &perm("g1"), None, Vec::new())
        .await
        .expect(404);

    emu.rest("PUT", &perm("g1"), None, Vec::new())
        .await
        .expect(200);
    emu.rest("HEAD", &perm("g1"), None, Vec::new())
        .await
        .expect(200);
    emu.rest("HEAD", &perm("g2"), None, Vec::new())
        .await
        .expect(404);
    assert_ack_ok(&c.join("g1").await);
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(200);
    assert_ack_err(&c.join("g2").await, "Forbidden");

    emu.rest("DELETE", &perm("g1"), None, Vec::new())
        .await
        .expect(204);
    emu.rest("HEAD", &perm("g1"), None, Vec::new())
        .await
        .expect(404);
    assert_ack_err(&c.leave("g1").await, "Forbidden");
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(200);
}

#[tokio::test]
async fn grant_check_revoke_send_permission_seen_by_the_client() {
    let emu = Emulator::start();
    let mut c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut m = emu
        .connect_json(HUB, &json!({"sub": "m", "webpubsub.group": ["g1", "g2"]}))
        .await;
    let cid = c.connection_id.clone();
    let perm = |target: &str| {
        p(&format!(
            "/permissions/sendToGroup/connections/{cid}?targetName={target}"
        ))
    };
    assert_ack_err(&c.send_text_to("g1", "no").await, "Forbidden");
    m.ws.expect_no_frame(QUIET).await;

    emu.rest("PUT", &perm("g1"), None, Vec::new())
        .await
        .expect(200);
    emu.rest("HEAD", &perm("g1"), None, Vec::new())
        .await
        .expect(200);
    assert_ack_ok(&c.send_text_to("g1", "yes").await);
    let msg = m.ws.recv_json().await;
    assert_fields(
        &msg,
        &json!({"type": "message", "from": "group", "group": "g1", "fromUserId": "u1",
                "dataType": "text", "data": "yes"}),
    );
    assert_ack_err(&c.send_text_to("g2", "no").await, "Forbidden");

    emu.rest("DELETE", &perm("g1"), None, Vec::new())
        .await
        .expect(204);
    emu.rest("HEAD", &perm("g1"), None, Vec::new())
        .await
        .expect(404);
    assert_ack_err(&c.send_text_to("g1", "no").await, "Forbidden");
    m.ws.expect_no_frame(QUIET).await;
}

#[tokio::test]
async fn permission_errors() {
    let emu = Emulator::start();
    let c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    emu.rest(
        "PUT",
        &p("/permissions/joinLeaveGroup/connections/xxx?targetName=x"),
        None,
        Vec::new(),
    )
    .await
    .expect_error(404);
    emu.rest(
        "HEAD",
        &p("/permissions/sendToGroup/connections/xxx?targetName=x"),
        None,
        Vec::new(),
    )
    .await
    .expect(404);
    emu.rest(
        "DELETE",
        &p("/permissions/joinLeaveGroup/connections/invalid-id?targetName=x"),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
    emu.rest(
        "PUT",
        &p(&format!(
            "/permissions/fly/connections/{}?targetName=x",
            c.connection_id
        )),
        None,
        Vec::new(),
    )
    .await
    .expect_error(400);
}

#[tokio::test]
async fn check_permission_reflects_token_roles() {
    let emu = Emulator::start();
    let c = emu
        .connect_json(
            HUB,
            &json!({"sub": "u1", "role": ["webpubsub.sendToGroup"]}),
        )
        .await;
    let check = |perm: &str| {
        p(&format!(
            "/permissions/{perm}/connections/{}?targetName=any",
            c.connection_id
        ))
    };
    emu.rest("HEAD", &check("sendToGroup"), None, Vec::new())
        .await
        .expect(200);
    emu.rest("HEAD", &check("joinLeaveGroup"), None, Vec::new())
        .await
        .expect(404);
}

// ----- names ------------------------------------------------------------------------------

#[tokio::test]
async fn invalid_hub_and_group_names_are_400() {
    let emu = Emulator::start();
    let long_hub = format!("h{}", "a".repeat(128));
    for hub in ["1chat", "_chat", "my-hub", "my%20hub", long_hub.as_str()] {
        emu.rest(
            "POST",
            &v(&format!("/api/hubs/{hub}/:send")),
            Some("text/plain"),
            "x",
        )
        .await
        .expect_error(400);
    }
    let max_hub = format!("h{}", "a".repeat(127));
    for hub in ["Hub_1.v2,x", "a%5Bb%5D%60", max_hub.as_str()] {
        emu.rest(
            "POST",
            &v(&format!("/api/hubs/{hub}/:send")),
            Some("text/plain"),
            "x",
        )
        .await
        .expect_accepted();
    }
    let long_group = "g".repeat(1025);
    for group in [long_group.as_str(), "%20%20%20", "%09"] {
        send_text(&emu, &format!("/groups/{group}/:send"), "x")
            .await
            .expect_error(400);
        emu.rest(
            "PUT",
            &p(&format!("/groups/{group}/connections/c1")),
            None,
            Vec::new(),
        )
        .await
        .expect_error(400);
        emu.rest("HEAD", &p(&format!("/groups/{group}")), None, Vec::new())
            .await
            .expect(400);
    }
}

#[tokio::test]
async fn percent_encoded_path_values_are_decoded() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_json(
            HUB,
            &json!({"sub": "user/one two", "webpubsub.group": ["a/b c?#%"]}),
        )
        .await;
    let user = enc("user/one two");
    let group = enc("a/b c?#%");
    emu.rest("HEAD", &p(&format!("/users/{user}")), None, Vec::new())
        .await
        .expect(200);
    emu.rest("HEAD", &p(&format!("/groups/{group}")), None, Vec::new())
        .await
        .expect(200);
    send_text(&emu, &format!("/groups/{group}/:send"), "to group")
        .await
        .expect_accepted();
    expect_group_text(&mut c, "a/b c?#%", "to group").await;
    send_text(&emu, &format!("/users/{user}/:send"), "to user")
        .await
        .expect_accepted();
    expect_server_text(&mut c, "to user").await;
    emu.rest(
        "PUT",
        &p(&format!("/users/{user}/groups/x%2Fy")),
        None,
        Vec::new(),
    )
    .await
    .expect(200);
    let members = emu
        .rest("GET", &p("/groups/x%2Fy/connections"), None, Vec::new())
        .await;
    members.expect(200);
    assert_eq!(
        members.json()["value"][0]["userId"],
        json!("user/one two"),
        "{}",
        members.text()
    );
}

#[tokio::test]
async fn hubs_are_isolated() {
    let emu = Emulator::start();
    let mut a = emu
        .connect_json("huba", &json!({"sub": "u1", "webpubsub.group": ["g1"]}))
        .await;
    let mut b = emu
        .connect_json("hubb", &json!({"sub": "u1", "webpubsub.group": ["g1"]}))
        .await;
    for path in ["/:send", "/groups/g1/:send", "/users/u1/:send"] {
        emu.rest(
            "POST",
            &v(&format!("/api/hubs/huba{path}")),
            Some("text/plain"),
            path,
        )
        .await
        .expect_accepted();
        assert_eq!(a.ws.recv_json().await["data"], json!(path));
    }
    b.ws.expect_no_frame(QUIET).await;
    emu.rest(
        "HEAD",
        &v(&format!("/api/hubs/hubb/connections/{}", a.connection_id)),
        None,
        Vec::new(),
    )
    .await
    .expect(404);
    emu.rest(
        "DELETE",
        &v("/api/hubs/hubb/users/u1/groups"),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
    emu.rest("HEAD", &v("/api/hubs/huba/groups/g1"), None, Vec::new())
        .await
        .expect(200);
}

#[tokio::test]
async fn hub_names_are_case_insensitive() {
    let emu = Emulator::start();
    let mut c = emu.connect_json("Chat", &json!({"sub": "u1"})).await;
    for hub in ["chat", "CHAT", "Chat"] {
        emu.rest(
            "POST",
            &v(&format!("/api/hubs/{hub}/:send")),
            Some("text/plain"),
            hub,
        )
        .await
        .expect_accepted();
        expect_server_text(&mut c, hub).await;
        emu.rest(
            "HEAD",
            &v(&format!("/api/hubs/{hub}/connections/{}", c.connection_id)),
            None,
            Vec::new(),
        )
        .await
        .expect(200);
    }
    // A client of `CHAT` shares the hub.
    let mut d = emu
        .connect_json(
            "CHAT",
            &json!({"sub": "u2", "role": ["webpubsub.sendToGroup"]}),
        )
        .await;
    emu.rest(
        "PUT",
        &v("/api/hubs/chat/users/u1/groups/g1"),
        None,
        Vec::new(),
    )
    .await
    .expect(200);
    assert_ack_ok(&d.send_text_to("g1", "cross").await);
    let m = c.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"group": "g1", "data": "cross", "fromUserId": "u2"}),
    );
}

// ----- auth on every operation ------------------------------------------------------------

#[tokio::test]
async fn every_operation_requires_a_token() {
    let emu = Emulator::start();
    let c = emu
        .connect_json(HUB, &json!({"sub": "u1", "webpubsub.group": ["g1"]}))
        .await;
    let id = c.connection_id.clone();
    let ops: Vec<(&str, String, Option<&str>)> = vec![
        ("POST", p("/:addToGroups"), Some("application/json")),
        ("POST", p("/:closeConnections"), None),
        ("POST", p("/:generateToken"), None),
        ("POST", p("/:removeFromGroups"), Some("application/json")),
        ("POST", p("/:send"), Some("text/plain")),
        ("DELETE", p(&format!("/connections/{id}")), None),
        ("HEAD", p(&format!("/connections/{id}")), None),
        (
            "POST",
            p(&format!("/connections/{id}/:send")),
            Some("text/plain"),
        ),
        ("DELETE", p(&format!("/connections/{id}/groups")), None),
        ("HEAD", p("/groups/g1"), None),
        ("POST", p("/groups/g1/:closeConnections"), None),
        ("POST", p("/groups/g1/:send"), Some("text/plain")),
        ("GET", p("/groups/g1/connections"), None),
        ("DELETE", p(&format!("/groups/g1/connections/{id}")), None),
        ("PUT", p(&format!("/groups/g1/connections/{id}")), None),
        (
            "DELETE",
            p(&format!(
                "/permissions/sendToGroup/connections/{id}?targetName=g1"
            )),
            None,
        ),
        (
            "HEAD",
            p(&format!(
                "/permissions/sendToGroup/connections/{id}?targetName=g1"
            )),
            None,
        ),
        (
            "PUT",
            p(&format!(
                "/permissions/sendToGroup/connections/{id}?targetName=g1"
            )),
            None,
        ),
        ("HEAD", p("/users/u1"), None),
        ("POST", p("/users/u1/:closeConnections"), None),
        ("POST", p("/users/u1/:send"), Some("text/plain")),
        ("DELETE", p("/users/u1/groups"), None),
        ("DELETE", p("/users/u1/groups/g1"), None),
        ("PUT", p("/users/u1/groups/g2"), None),
    ];
    assert_eq!(ops.len(), 24);
    let mut wrong = Vec::new();
    for (m, path, ct) in &ops {
        let body: &[u8] = if *ct == Some("application/json") {
            br#"{"groups":["g9"],"filter":"userId eq 'u1'"}"#
        } else {
            b"x"
        };
        let r = emu.rest_with_auth(m, path, None, *ct, body.to_vec()).await;
        if r.status != 401 {
            wrong.push(format!("{m} {path} -> {}", r.status));
        }
    }
    assert!(
        wrong.is_empty(),
        "operations that did not answer 401 without a token: {wrong:#?}"
    );
    // Nothing happened: still connected, still in g1, not in g2.
    emu.rest("HEAD", &p(&format!("/connections/{id}")), None, Vec::new())
        .await
        .expect(200);
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(200);
    emu.rest("HEAD", &p("/groups/g2"), None, Vec::new())
        .await
        .expect(404);
}

#[tokio::test]
async fn unknown_paths_and_methods_get_json_errors_and_bad_names_400() {
    let emu = Emulator::start();
    // A known path with a method it does not have: 405, JSON, with the service's error shape.
    let r = emu
        .rest("PATCH", &v("/api/hubs/chat/:send"), Some("text/plain"), "x")
        .await;
    let body = r.expect_error(405);
    assert_eq!(body["code"], "MethodNotAllowed", "{body}");
    assert_eq!(
        r.header("x-ms-error-code").as_deref(),
        Some("MethodNotAllowed")
    );
    // A path of no operation: 404, JSON.
    for path in [
        "/api/hubs/chat/:sendd",
        "/api/hubs/chat",
        "/api/hubs/chat/groups/g/:send/x",
        "/nothing",
    ] {
        let r = emu.rest("POST", &v(path), Some("text/plain"), "x").await;
        let body = r.expect_error(404);
        assert_eq!(body["code"], "NotFound", "{path}: {body}");
    }
    // Dot segments sent as they are (no HTTP client library would): refused, and nothing done.
    let mut member = emu.connect_json("chat", &json!({"sub": "m"})).await;
    for target in [
        "/api/hubs/chat/groups/../:closeConnections",
        "/api/hubs/chat/groups/%2E%2E/:closeConnections",
        "/api/hubs/chat/users/./:closeConnections",
    ] {
        let target = v(target);
        let token = emu.rest_token(&emu.url(&target));
        let reply = emu
            .raw(&format!(
                "POST {target} HTTP/1.1\r\nHost: localhost:{}\r\nAuthorization: Bearer {token}\r\n\
                 Content-Length: 0\r\nConnection: close\r\n\r\n",
                emu.port
            ))
            .await;
        assert!(
            reply.status == 400 || reply.status == 401,
            "{target}: {} {}",
            reply.status,
            reply.body
        );
    }
    member.ws.ping_pong().await;
    // Names that are not names: 400 naming the field, before anything happens.
    for (path, field) in [
        ("/api/hubs/chat/connections/a%00b", "connection id"),
        ("/api/hubs/chat/groups/%20%20/:send", "group name"),
        ("/api/hubs/1chat/:send", "hub name"),
    ] {
        let method = if path.ends_with("a%00b") {
            "DELETE"
        } else {
            "POST"
        };
        let r = emu.rest(method, &v(path), Some("text/plain"), "x").await;
        let body = r.expect_error(400);
        assert!(
            body["message"].as_str().unwrap_or_default().contains(field),
            "{path}: {body}"
        );
    }
    let r = emu
        .rest(
            "POST",
            &v("/api/hubs/chat/:send?excluded=.."),
            Some("text/plain"),
            "x",
        )
        .await;
    r.expect_error(400);
}
