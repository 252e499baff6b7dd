//! `emulator start --trace FILE`: one JSON object per line for every REST call and client frame,
//! with the bearer token's claims but never a token or the access key.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::*;

/// The records written so far.
fn records(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Waits (up to 5 s) for a record matching `pred`: frames are written by the socket tasks, so they
/// may land just after the client has seen them.
async fn eventually(path: &std::path::Path, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(r) = records(path).into_iter().find(&pred) {
            return r;
        }
        if Instant::now() > deadline {
            panic!(
                "no trace record {what}; the trace:\n{}",
                std::fs::read_to_string(path).unwrap_or_default()
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn trace_records_rest_calls_and_frames_without_secrets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("trace.jsonl");
    let emu = Emulator::start_with(&["--trace", path.to_str().expect("utf-8 path")]);

    let mut c = emu
        .connect_reliable(
            "chat",
            &json!({"sub": "alice", "role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]}),
        )
        .await;
    let reconnection_token = c
        .reconnection_token
        .clone()
        .expect("reliable connected has a token");
    assert_ack_ok(&c.join("g1").await);

    // A REST send with repeated, ordered query parameters and a text body.
    let pq = "/api/hubs/chat/groups/g1/:send?api-version=2024-12-01&excluded=x1&excluded=x2&filter=userId%20eq%20%27alice%27";
    let url = emu.url(pq);
    let jwt = emu.rest_token(&url);
    emu.rest("POST", pq, Some("text/plain"), "hello trace")
        .await
        .expect_accepted();
    let m = c.ws.recv_json().await;
    assert_eq!(m["data"], "hello trace", "{m}");

    // A binary body, and a failing call.
    emu.rest(
        "POST",
        "/api/hubs/chat/:send?api-version=2024-12-01",
        Some("application/octet-stream"),
        vec![0u8, 159, 146, 150],
    )
    .await
    .expect_accepted();
    emu.rest(
        "HEAD",
        "/api/hubs/chat/users/nobody?api-version=2024-12-01",
        None,
        Vec::new(),
    )
    .await
    .expect(404);

    let send = eventually(&path, "for the group send", |r| {
        r["kind"] == "rest" && r["path"] == "/api/hubs/chat/groups/g1/:send"
    })
    .await;
    assert_eq!(send["method"], "POST");
    assert_eq!(
        send["query"],
        json!([
            ["api-version", "2024-12-01"],
            ["excluded", "x1"],
            ["excluded", "x2"],
            ["filter", "userId eq 'alice'"]
        ])
    );
    assert_eq!(send["contentType"], "text/plain");
    assert_eq!(send["body"], "hello trace");
    assert_eq!(send["status"], 202);
    assert_eq!(send["claims"]["aud"], json!(url), "{send}");
    assert!(send["claims"]["exp"].is_u64(), "{send}");

    let bin = eventually(&path, "for the binary send", |r| {
        r["path"] == "/api/hubs/chat/:send"
    })
    .await;
    assert_eq!(bin["bodyBase64"], b64(&[0u8, 159, 146, 150]), "{bin}");
    assert!(bin.get("body").is_none(), "{bin}");

    let head = eventually(&path, "for the 404", |r| {
        r["path"] == "/api/hubs/chat/users/nobody"
    })
    .await;
    assert_eq!(head["method"], "HEAD");
    assert_eq!(head["status"], 404);
    assert_eq!(head["errorCode"], "Warning.User.NotExisted");

    // Frames both ways: the joinGroup in, its ack and the group message out.
    let id = c.connection_id.clone();
    let join_in = eventually(&path, "for the joinGroup frame", |r| {
        r["kind"] == "frame"
            && r["direction"] == "in"
            && r["text"].as_str().is_some_and(|t| t.contains("joinGroup"))
    })
    .await;
    assert_eq!(join_in["hub"], "chat");
    assert_eq!(join_in["connectionId"], json!(id));
    let frame: Value =
        serde_json::from_str(join_in["text"].as_str().unwrap_or("")).expect("frame JSON");
    assert_eq!(frame["group"], "g1");
    let msg_out = eventually(&path, "for the group message", |r| {
        r["kind"] == "frame"
            && r["direction"] == "out"
            && r["text"]
                .as_str()
                .is_some_and(|t| t.contains("hello trace"))
    })
    .await;
    assert_eq!(msg_out["connectionId"], json!(id));
    let connected = eventually(&path, "for the connected frame", |r| {
        r["direction"] == "out"
            && r["text"]
                .as_str()
                .is_some_and(|t| t.contains("\"connected\""))
    })
    .await;
    let connected: Value =
        serde_json::from_str(connected["text"].as_str().unwrap_or("")).expect("JSON");
    assert_eq!(connected["reconnectionToken"], "<redacted>");

    // A close from the service is recorded too.
    emu.rest(
        "DELETE",
        &format!("/api/hubs/chat/connections/{id}?api-version=2024-12-01&reason=bye"),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
    let close = eventually(&path, "for the close frame", |r| r.get("close").is_some()).await;
    assert_eq!(close["close"], json!({"code": 1000, "reason": "bye"}));

    // No secret anywhere: not the access key, the REST JWT, the client token or the
    // reconnection token.
    let text = std::fs::read_to_string(&path).expect("read trace");
    for secret in [emu.key.as_str(), jwt.as_str(), reconnection_token.as_str()] {
        assert!(!text.contains(secret), "a secret is in the trace:\n{text}");
    }
    // Every line is one JSON object with a kind first.
    for line in text.lines() {
        assert!(line.starts_with("{\"kind\":\""), "{line}");
    }
}

#[tokio::test]
async fn trace_redacts_access_tokens_in_rest_queries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("trace.jsonl");
    let emu = Emulator::start_with(&["--trace", path.to_str().expect("utf-8 path")]);
    let client_token = emu.client_token("chat", &json!({}));
    // A mistaken call that carries a client token in its query (and so in its aud).
    let pq = format!(
        "/api/hubs/chat/users/u1?api-version=2024-12-01&access_token={}",
        enc(&client_token)
    );
    emu.rest("HEAD", &pq, None, Vec::new()).await.expect(404);
    let r = eventually(&path, "for the HEAD", |r| {
        r["path"] == "/api/hubs/chat/users/u1"
    })
    .await;
    assert_eq!(r["query"][1], json!(["access_token", "<redacted>"]));
    let text = std::fs::read_to_string(&path).expect("read trace");
    assert!(!text.contains(&client_token), "{text}");
}

#[test]
fn trace_to_an_unwritable_path_fails_at_start() {
    let out = std::process::Command::new(bin())
        .args([
            "emulator",
            "start",
            "--port",
            "0",
            "--trace",
            "/nonexistent-dir/x/trace.jsonl",
        ])
        .output()
        .expect("run the emulator");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--trace"), "{err}");
}

#[tokio::test]
async fn trace_dash_writes_to_stderr() {
    let emu = Emulator::start_with(&["--trace", "-"]);
    emu.rest(
        "HEAD",
        "/api/hubs/chat/groups/g?api-version=2024-12-01",
        None,
        Vec::new(),
    )
    .await
    .expect(404);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let err = emu.stderr();
        if let Some(line) = err.lines().find(|l| l.starts_with("{\"kind\":\"rest\"")) {
            let r: Value = serde_json::from_str(line).expect("a JSON line");
            assert_eq!(r["path"], "/api/hubs/chat/groups/g");
            assert_eq!(r["status"], 404);
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no REST record on stderr:\n{err}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
