//! `webpubsub service …`, `client token` and `token decode`: the real binary against the real
//! emulator, with WebSocket clients observing what each command did.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value};

use crate::common::*;

const HUB: &str = "clihub";

/// Runs the CLI with the emulator's connection string and hub in the environment.
fn cli(emu: &Emulator, args: &[&str]) -> Output {
    cli_with_stdin(emu, args, None)
}

fn cli_with_stdin(emu: &Emulator, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .env("WebPubSubConnectionString", &emu.conn_str)
        .env("WebPubSubHub", HUB)
        .env_remove("WebPubSubAccessKey")
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run webpubsub");
    if let Some(data) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(data).expect("write stdin");
    }
    child.wait_with_output().expect("wait for webpubsub")
}

/// A command run without any credentials in the environment.
fn bare(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env_remove("WebPubSubConnectionString")
        .env_remove("WebPubSubHub")
        .env_remove("WebPubSubAccessKey")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run webpubsub")
}

/// Asserts the exit code and a one-line `webpubsub: error:` message containing `needle`.
#[track_caller]
fn fails(out: &Output, code: i32, needle: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    assert!(
        stderr.contains(needle),
        "stderr should mention {needle:?}: {stderr}"
    );
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("webpubsub: error: ") || first.starts_with("error: "),
        "the first stderr line should be the error: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

// ----- sends land as the right dataType ---------------------------------------------------

#[tokio::test]
async fn broadcast_text_json_and_binary_reach_json_and_simple_clients() {
    let emu = Emulator::start();
    let mut json_client = emu.connect_json(HUB, &json!({"sub": "alice"})).await;
    let mut simple = emu.connect_simple_user(HUB, "bob", &json!({})).await;

    ok(&cli(&emu, &["service", "broadcast", "--payload", "hello"]));
    let m = json_client.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"type": "message", "from": "server", "dataType": "text", "data": "hello"}),
    );
    assert_eq!(simple.recv_text().await, "hello");

    ok(&cli(
        &emu,
        &[
            "service",
            "broadcast",
            "--payload",
            r#"{"temp": 21.5}"#,
            "--content-type",
            "json",
        ],
    ));
    let m = json_client.ws.recv_json().await;
    assert_fields(&m, &json!({"dataType": "json", "data": {"temp": 21.5}}));
    assert_eq!(
        serde_json::from_str::<Value>(&simple.recv_text().await).unwrap(),
        json!({"temp": 21.5})
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("blob.bin");
    std::fs::write(&file, [0u8, 1, 2, 255]).unwrap();
    ok(&cli(
        &emu,
        &[
            "service",
            "broadcast",
            "--payload-file",
            file.to_str().unwrap(),
        ],
    ));
    let m = json_client.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"dataType": "binary", "data": b64(&[0, 1, 2, 255])}),
    );
    assert_eq!(simple.recv_binary().await, vec![0u8, 1, 2, 255]);

    // From stdin, typed as text on request.
    ok(&cli_with_stdin(
        &emu,
        &[
            "service",
            "broadcast",
            "--payload-file",
            "-",
            "--content-type",
            "text",
        ],
        Some("from stdin".as_bytes()),
    ));
    let m = json_client.ws.recv_json().await;
    assert_fields(&m, &json!({"dataType": "text", "data": "from stdin"}));
}

#[tokio::test]
async fn group_user_and_connection_sends_reach_only_their_targets() {
    let emu = Emulator::start();
    let mut in_group = emu
        .connect_json(HUB, &json!({"sub": "alice", "webpubsub.group": ["g1"]}))
        .await;
    let mut other = emu.connect_json(HUB, &json!({"sub": "bob"})).await;

    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "send",
            "--group-name",
            "g1",
            "--payload",
            "to g1",
        ],
    ));
    let m = in_group.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"from": "group", "group": "g1", "dataType": "text", "data": "to g1"}),
    );

    ok(&cli(
        &emu,
        &[
            "service",
            "user",
            "send",
            "--user-id",
            "bob",
            "--payload",
            "to bob",
        ],
    ));
    let m = other.ws.recv_json().await;
    assert_fields(&m, &json!({"from": "server", "data": "to bob"}));

    let id = other.connection_id.clone();
    ok(&cli(
        &emu,
        &[
            "service",
            "connection",
            "send",
            "--connection-id",
            &id,
            "--payload",
            "[1,2]",
            "--content-type",
            "json",
        ],
    ));
    let m = other.ws.recv_json().await;
    assert_fields(&m, &json!({"dataType": "json", "data": [1, 2]}));

    // --excluded and --filter are sent as the REST API wants them.
    ok(&cli(
        &emu,
        &[
            "service",
            "broadcast",
            "--payload",
            "not bob",
            "--excluded",
            &id,
        ],
    ));
    ok(&cli(
        &emu,
        &[
            "service",
            "broadcast",
            "--payload",
            "only bob",
            "--filter",
            "userId eq 'bob'",
        ],
    ));
    assert_fields(&in_group.ws.recv_json().await, &json!({"data": "not bob"}));
    assert_fields(&other.ws.recv_json().await, &json!({"data": "only bob"}));
    in_group.ws.expect_no_frame(QUIET).await;
    other.ws.expect_no_frame(QUIET).await;

    // Sending to a connection that does not exist is fire-and-forget on the service: 202, exit 0.
    ok(&cli(
        &emu,
        &[
            "service",
            "connection",
            "send",
            "--connection-id",
            "nobody",
            "--payload",
            "x",
        ],
    ));
}

// ----- membership and permissions, observed from the client side --------------------------

#[tokio::test]
async fn membership_commands_change_what_clients_receive() {
    let emu = Emulator::start();
    let mut alice = emu.connect_json(HUB, &json!({"sub": "alice"})).await;
    let alice_id = alice.connection_id.clone();
    let send = |g: &str, text: &str| {
        cli(
            &emu,
            &[
                "service",
                "group",
                "send",
                "--group-name",
                g,
                "--payload",
                text,
            ],
        )
    };

    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "add-connection",
            "--group-name",
            "g1",
            "--connection-id",
            &alice_id,
        ],
    ));
    ok(&send("g1", "one"));
    assert_fields(
        &alice.ws.recv_json().await,
        &json!({"group": "g1", "data": "one"}),
    );
    assert_eq!(
        stdout_json(&cli(
            &emu,
            &["service", "group", "exist", "--group-name", "g1"]
        )),
        json!({"existence": true})
    );

    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "remove-connection",
            "--group-name",
            "g1",
            "--connection-id",
            &alice_id,
        ],
    ));
    ok(&send("g1", "two"));
    alice.ws.expect_no_frame(QUIET).await;

    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "add-user",
            "--group-name",
            "g2",
            "--user-id",
            "alice",
        ],
    ));
    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "add-user",
            "--group",
            "g3",
            "--user-id",
            "alice",
        ],
    ));
    ok(&send("g2", "three"));
    assert_fields(
        &alice.ws.recv_json().await,
        &json!({"group": "g2", "data": "three"}),
    );
    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "remove-user",
            "--group-name",
            "g2",
            "--user-id",
            "alice",
        ],
    ));
    ok(&send("g2", "four"));
    ok(&send("g3", "five"));
    assert_fields(
        &alice.ws.recv_json().await,
        &json!({"group": "g3", "data": "five"}),
    );

    // Without --group-name, remove-user leaves every group (as az does).
    ok(&cli(
        &emu,
        &["service", "group", "remove-user", "--user-id", "alice"],
    ));
    ok(&send("g3", "six"));
    alice.ws.expect_no_frame(QUIET).await;

    ok(&cli(
        &emu,
        &[
            "service",
            "add-to-groups",
            "--group",
            "a",
            "--group",
            "b",
            "--filter",
            "userId eq 'alice'",
        ],
    ));
    ok(&send("b", "seven"));
    assert_fields(
        &alice.ws.recv_json().await,
        &json!({"group": "b", "data": "seven"}),
    );
    ok(&cli(
        &emu,
        &[
            "service",
            "remove-from-groups",
            "--group",
            "b",
            "--filter",
            "userId eq 'alice'",
        ],
    ));
    ok(&send("b", "eight"));
    alice.ws.expect_no_frame(QUIET).await;
    ok(&cli(
        &emu,
        &[
            "service",
            "connection",
            "remove-from-all-groups",
            "--connection-id",
            &alice_id,
        ],
    ));
    ok(&send("a", "nine"));
    alice.ws.expect_no_frame(QUIET).await;
    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "add-user",
            "--group-name",
            "a",
            "--user-id",
            "alice",
        ],
    ));
    ok(&cli(
        &emu,
        &[
            "service",
            "user",
            "remove-from-all-groups",
            "--user-id",
            "alice",
        ],
    ));
    ok(&send("a", "ten"));
    alice.ws.expect_no_frame(QUIET).await;
}

#[tokio::test]
async fn permission_grant_check_revoke_seen_by_the_client() {
    let emu = Emulator::start();
    // No roles: the client may not join.
    let mut c = emu.connect_json(HUB, &json!({"sub": "carol"})).await;
    let id = c.connection_id.clone();
    assert_ack_err(&c.join("g1").await, "Forbidden");

    let check = |extra: &[&str]| {
        let mut args = vec![
            "service",
            "permission",
            "check",
            "--connection-id",
            &id,
            "--permission",
            "joinLeaveGroup",
        ];
        args.extend_from_slice(extra);
        cli(&emu, &args)
    };
    let out = check(&["--group-name", "g1"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out), json!({"existence": false}));

    ok(&cli(
        &emu,
        &[
            "service",
            "permission",
            "grant",
            "--connection-id",
            &id,
            "--permission",
            "joinLeaveGroup",
            "--group-name",
            "g1",
        ],
    ));
    assert_eq!(
        stdout_json(&check(&["--group-name", "g1"])),
        json!({"existence": true})
    );
    assert_ack_ok(&c.join("g1").await);
    assert_ack_err(&c.join("g2").await, "Forbidden");

    ok(&cli(
        &emu,
        &[
            "service",
            "permission",
            "revoke",
            "--connection-id",
            &id,
            "--permission",
            "joinLeaveGroup",
            "--group-name",
            "g1",
        ],
    ));
    assert_eq!(check(&["--group-name", "g1"]).status.code(), Some(1));
    assert_ack_err(&c.leave("g1").await, "Forbidden");

    // sendToGroup, granted on every group (no --group-name).
    assert_ack_err(&c.send_text_to("g9", "x").await, "Forbidden");
    ok(&cli(
        &emu,
        &[
            "service",
            "permission",
            "grant",
            "--connection-id",
            &id,
            "--permission",
            "sendToGroup",
        ],
    ));
    assert_ack_ok(&c.send_text_to("g9", "x").await);

    // Granting to a connection that does not exist is a 404 from the service: exit 4.
    let out = cli(
        &emu,
        &[
            "service",
            "permission",
            "grant",
            "--connection-id",
            "ghost",
            "--permission",
            "sendToGroup",
            "--group-name",
            "g",
        ],
    );
    fails(&out, 4, "404");
    // A permission name the API does not have is caught before sending.
    let out = cli(
        &emu,
        &[
            "service",
            "permission",
            "check",
            "--connection-id",
            &id,
            "--permission",
            "admin",
        ],
    );
    fails(&out, 2, "unknown permission 'admin'");
}

// ----- exists, close, list ----------------------------------------------------------------

#[tokio::test]
async fn exist_checks_answer_with_exit_codes_and_every_output_format() {
    let emu = Emulator::start();
    let c = emu.connect_json(HUB, &json!({"sub": "dave"})).await;

    let out = cli(&emu, &["service", "user", "exist", "--user-id", "dave"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout_json(&out), json!({"existence": true}));
    let out = cli(&emu, &["service", "user", "exists", "--user-id", "nobody"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out), json!({"existence": false}));

    let out = cli(
        &emu,
        &[
            "service",
            "connection",
            "exist",
            "--connection-id",
            &c.connection_id,
            "-o",
            "table",
        ],
    );
    assert_eq!(ok(&out), "Existence\n---------\nTrue\n");
    let out = cli(
        &emu,
        &[
            "service",
            "connection",
            "exist",
            "--connection-id",
            "nope",
            "-o",
            "tsv",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "False\n");
    let out = cli(
        &emu,
        &[
            "service",
            "group",
            "exist",
            "--group-name",
            "empty",
            "-o",
            "none",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn close_commands_send_the_reason_and_keep_excluded_connections() {
    let emu = Emulator::start();
    let mut a = emu
        .connect_json(HUB, &json!({"sub": "u1", "webpubsub.group": ["g"]}))
        .await;
    let mut b = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let mut c = emu.connect_json(HUB, &json!({"sub": "u2"})).await;
    let mut d = emu.connect_json(HUB, &json!({"sub": "u3"})).await;

    ok(&cli(
        &emu,
        &[
            "service",
            "connection",
            "close",
            "--connection-id",
            &a.connection_id,
            "--reason",
            "bye a",
        ],
    ));
    let f = a.ws.recv_json().await;
    assert_fields(&f, &json!({"type": "system", "event": "disconnected"}));
    assert!(
        f["message"].as_str().unwrap_or_default().contains("bye a"),
        "{f}"
    );
    assert!(a.ws.expect_end().await.is_terminal());

    ok(&cli(
        &emu,
        &[
            "service",
            "user",
            "close",
            "--user-id",
            "u1",
            "--reason",
            "user gone",
        ],
    ));
    assert!(b.ws.recv_json().await["message"]
        .as_str()
        .unwrap_or_default()
        .contains("user gone"));

    ok(&cli(
        &emu,
        &[
            "service",
            "close-all",
            "--excluded",
            &d.connection_id,
            "--reason",
            "all gone",
        ],
    ));
    assert!(c.ws.recv_json().await["message"]
        .as_str()
        .unwrap_or_default()
        .contains("all gone"));
    d.ws.ping_pong().await;
    let out = cli(
        &emu,
        &[
            "service",
            "connection",
            "exist",
            "--connection-id",
            &d.connection_id,
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "close",
            "--group-name",
            "g",
            "--reason",
            "r",
        ],
    ));
}

#[tokio::test]
async fn list_connections_pages_through_every_member() {
    let emu = Emulator::start();
    let mut clients = Vec::new();
    for i in 0..5 {
        clients.push(
            emu.connect_json(
                HUB,
                &json!({"sub": format!("user{i}"), "webpubsub.group": ["room"]}),
            )
            .await,
        );
    }
    // Pages of 2: the CLI follows nextLink until the end.
    let out = cli(
        &emu,
        &[
            "service",
            "group",
            "list-connections",
            "--group-name",
            "room",
            "--max-page-size",
            "2",
        ],
    );
    let rows = stdout_json(&out);
    let mut ids: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["connectionId"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    let mut expected: Vec<String> = clients.iter().map(|c| c.connection_id.clone()).collect();
    expected.sort();
    assert_eq!(ids, expected);
    assert!(rows
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["userId"].as_str().unwrap().starts_with("user")));

    let out = cli(
        &emu,
        &[
            "service",
            "group",
            "list-connections",
            "--group-name",
            "room",
            "--top",
            "3",
            "-o",
            "tsv",
        ],
    );
    assert_eq!(ok(&out).lines().count(), 3);
    // The operation exists only in 2024-12-01: asking for it with an older version is the service's 400.
    let out = cli(
        &emu,
        &[
            "service",
            "group",
            "list-connections",
            "--group-name",
            "room",
            "--api-version",
            "2024-01-01",
        ],
    );
    fails(&out, 4, "2024-12-01");
}

// ----- tokens -----------------------------------------------------------------------------

#[tokio::test]
async fn client_token_has_exactly_the_sdk_claims_and_connects() {
    let emu = Emulator::start();
    let out = cli(
        &emu,
        &[
            "client",
            "token",
            "--user-id",
            "alice",
            "--role",
            "webpubsub.joinLeaveGroup",
            "--role",
            "webpubsub.sendToGroup.group1",
            "--group",
            "group1",
            "--expires-in",
            "5",
        ],
    );
    let token = ok(&out).trim().to_string();
    let header: Value = serde_json::from_slice(
        &base64::Engine::decode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            token.split('.').next().unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(header, json!({"alg": "HS256", "typ": "JWT"}));
    let claims = jwt_payload(&token);
    let keys: Vec<&str> = claims
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["aud", "exp", "iat", "role", "sub", "webpubsub.group"]
    );
    assert_eq!(
        claims["aud"],
        json!(format!("{}/client/hubs/{HUB}", emu.endpoint))
    );
    assert_eq!(claims["sub"], json!("alice"));
    assert_eq!(
        claims["role"],
        json!(["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup.group1"])
    );
    assert_eq!(claims["webpubsub.group"], json!(["group1"]));
    let ttl = claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap();
    assert_eq!(ttl, 300);
    assert!((claims["iat"].as_i64().unwrap() - now()).abs() <= 5);

    // With nothing but a hub: exactly aud, iat, exp, and a 60-minute lifetime (Python's test_jwt.py).
    let claims = jwt_payload(ok(&cli(&emu, &["client", "token"])).trim());
    let mut keys: Vec<&str> = claims
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["aud", "exp", "iat"]);
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        3600
    );

    // --url: a client URL the emulator accepts, with the initial group joined.
    let url = ok(&cli(
        &emu,
        &[
            "client",
            "token",
            "--url",
            "--group",
            "g1",
            "--role",
            "webpubsub.sendToGroup",
        ],
    ))
    .trim()
    .to_string();
    assert!(
        url.starts_with(&format!(
            "ws://localhost:{}/client/hubs/{HUB}?access_token=",
            emu.port
        )),
        "{url}"
    );
    let path = url
        .split_once(&format!(":{}", emu.port))
        .unwrap()
        .1
        .to_string();
    let ws = emu
        .ws_open(
            &path,
            &WsOpts {
                protocols: vec![JSON_V1.to_string()],
                ..Default::default()
            },
        )
        .await
        .expect("connect with the minted URL");
    let mut ws = ws;
    let connected = ws.recv_json().await;
    assert_fields(&connected, &json!({"type": "system", "event": "connected"}));
    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "send",
            "--group-name",
            "g1",
            "--payload",
            "hi",
        ],
    ));
    assert_fields(&ws.recv_json().await, &json!({"group": "g1", "data": "hi"}));
}

#[tokio::test]
async fn service_token_and_token_decode() {
    let emu = Emulator::start();
    let out = cli(
        &emu,
        &[
            "service",
            "token",
            "--user-id",
            "bob",
            "--role",
            "webpubsub.joinLeaveGroup",
            "--group",
            "g1",
            "--expires-in",
            "10",
        ],
    );
    let v = stdout_json(&out);
    let token = v["token"].as_str().unwrap().to_string();
    assert!(v["url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("access_token={token}")));
    let claims = jwt_payload(&token);
    assert_eq!(claims["sub"], json!("bob"));
    assert_eq!(claims["webpubsub.group"], json!(["g1"]));
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        600
    );

    let out = cli_with_stdin(
        &emu,
        &["token", "decode", "-", "-o", "json"],
        Some(token.as_bytes()),
    );
    let decoded = stdout_json(&out);
    assert_eq!(decoded["signatureValid"], json!(true));
    assert_eq!(decoded["claims"]["sub"], json!("bob"));
    // A key that did not sign it: exit 3, and the output says so.
    let out = cli(
        &emu,
        &[
            "token",
            "decode",
            &token,
            "--access-key",
            "another-key-another-key-another-key",
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("INVALID"));
    // The 2021 token of protocols.md §6.2: valid signature, expired.
    let old = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZGQiLCJuYmYiOjE2MjkxODMzNzQsImV4cCI6MTYyOTE4Njk3NCwiaWF0IjoxNjI5MTgzMzc0LCJhdWQiOiJodHRwOi8vbG9jYWxob3N0OjgwODAvY2xpZW50L2h1YnMvY2hhdCJ9.tqD8ykjv5NmYw6gzLKglUAv-c-AVWu-KNZOptRKkgMM";
    let out = bare(&[
        "token",
        "decode",
        old,
        "-o",
        "json",
        "--access-key",
        DEFAULT_KEY,
    ]);
    assert_eq!(out.status.code(), Some(3), "an expired token is refused");
    let decoded = stdout_json(&out);
    assert_eq!(decoded["signatureValid"], json!(true));
    assert!(
        decoded["status"].as_str().unwrap().contains("expired"),
        "{decoded}"
    );
    assert!(decoded["expires"].as_str().unwrap().ends_with("ago"));
    // Without a key nothing claims the signature was checked, and expiry still counts.
    let out = bare(&["token", "decode", old]);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("signature: not checked"), "{text}");
    assert!(!text.contains("INVALID"), "{text}");
    let fresh = sign(
        &json!({"aud": "http://h/client/hubs/x", "exp": now() + 600}),
        "some-other-service-key-0123456789abcd",
    );
    let out = bare(&["token", "decode", &fresh, "-o", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let decoded = stdout_json(&out);
    assert_eq!(decoded["signatureValid"], Value::Null);
    assert!(
        decoded["status"]
            .as_str()
            .unwrap()
            .starts_with("not expired; signature not checked"),
        "{decoded}"
    );
    let out = bare(&["token", "decode", "not-a-token"]);
    fails(&out, 2, "not a JWT");
}

// ----- apply ------------------------------------------------------------------------------

#[tokio::test]
async fn apply_runs_actions_and_stops_at_the_failing_line() {
    let emu = Emulator::start();
    let mut c = emu.connect_json(HUB, &json!({"sub": "erin"})).await;
    let actions = r#"{"actionName":"addUserToGroup","userId":"erin","group":"g1"}
{"actionName":"sendToGroup","group":"g1","data":{"n":1},"dataType":"json"}

{"actionName":"sendToUser","userId":"erin","data":"AQID","dataType":"binary"}
{"actionName":"addUserToGroup","userId":"ghost","group":"g1"}
{"actionName":"sendToAll","data":"after the failure"}
"#;
    let out = cli_with_stdin(&emu, &["service", "apply", "-"], Some(actions.as_bytes()));
    fails(&out, 4, "line 5:");
    assert_fields(
        &c.ws.recv_json().await,
        &json!({"group": "g1", "dataType": "json", "data": {"n": 1}}),
    );
    assert_fields(
        &c.ws.recv_json().await,
        &json!({"dataType": "binary", "data": "AQID"}),
    );
    c.ws.expect_no_frame(QUIET).await;

    let out = cli_with_stdin(
        &emu,
        &["service", "apply", "-", "--keep-going"],
        Some(actions.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(4));
    c.ws.recv_until("the message after the failure", |m| {
        m["data"] == json!("after the failure")
    })
    .await;

    // An array works too, and a bad action names its line.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("actions.json");
    std::fs::write(
        &file,
        "[\n  {\"actionName\":\"sendToAll\",\"data\":\"x\"},\n  {\"actionName\":\"explode\"}\n]\n",
    )
    .unwrap();
    let out = cli(&emu, &["service", "apply", file.to_str().unwrap()]);
    fails(&out, 2, "item 2 (line 3): unknown actionName 'explode'");
}

// ----- dry run, debug, secrets ------------------------------------------------------------

#[tokio::test]
async fn dry_run_sends_nothing_and_debug_redacts_secrets() {
    let emu = Emulator::start();
    let mut c = emu.connect_json(HUB, &json!({"sub": "fay"})).await;

    let out = cli(
        &emu,
        &["service", "broadcast", "--payload", "dry", "--dry-run"],
    );
    let text = ok(&out);
    assert!(
        text.starts_with(&format!(
            "POST {}/api/hubs/{HUB}/:send?api-version=2024-01-01\n",
            emu.endpoint
        )),
        "{text}"
    );
    assert!(text.contains("Content-Type: text/plain"));
    assert!(text.ends_with("\ndry\n"), "{text}");
    let out = cli(
        &emu,
        &[
            "service",
            "group",
            "send",
            "--group-name",
            "g",
            "--payload",
            "{}",
            "--content-type",
            "json",
            "--dry-run",
            "-o",
            "json",
            "--excluded",
            "c1",
            "--excluded",
            "c2",
        ],
    );
    let req = stdout_json(&out);
    assert_eq!(req["method"], json!("POST"));
    assert_eq!(
        req["path"],
        json!(format!("/api/hubs/{HUB}/groups/g/:send"))
    );
    assert_eq!(
        req["query"],
        json!([
            ["api-version", "2024-01-01"],
            ["excluded", "c1"],
            ["excluded", "c2"]
        ])
    );
    assert_eq!(
        req["body"],
        json!({"contentType": "application/json", "text": "{}"})
    );
    assert_eq!(req["claims"]["aud"], json!(req["url"]));
    c.ws.expect_no_frame(QUIET).await;

    let out = cli(
        &emu,
        &["service", "broadcast", "--payload", "traced", "--debug"],
    );
    ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("> POST "), "{stderr}");
    assert!(stderr.contains("< 202"), "{stderr}");
    assert!(
        !stderr.contains(DEFAULT_KEY),
        "the access key leaked: {stderr}"
    );
    assert!(!stderr.contains("eyJ"), "a token leaked: {stderr}");
    assert_fields(&c.ws.recv_json().await, &json!({"data": "traced"}));
}

// ----- every exit code --------------------------------------------------------------------

#[tokio::test]
async fn bad_input_is_a_one_line_usage_error() {
    let emu = Emulator::start();
    // 2: bad JSON, caught before sending.
    fails(
        &cli(
            &emu,
            &[
                "service",
                "broadcast",
                "--payload",
                "{nope",
                "--content-type",
                "json",
            ],
        ),
        2,
        "not valid JSON",
    );
    // 2: a malformed connection string, with the key kept out of the message.
    let out = bare(&[
        "service",
        "--hub",
        "h",
        "--connection-string",
        "Endpoint=http://x;Version=1.0;",
        "health",
    ]);
    fails(&out, 2, "AccessKey");
    let out = bare(&[
        "service",
        "--hub",
        "h",
        "--connection-string",
        "AccessKey=SECRETSECRETSECRETSECRET;Version=1.0;",
        "health",
    ]);
    let stderr = fails(&out, 2, "Endpoint");
    assert!(!stderr.contains("SECRETSECRET"), "{stderr}");
    // 2: no hub anywhere.
    fails(
        &bare(&["service", "broadcast", "--payload", "x"]),
        2,
        "--hub-name",
    );
    // 2: invalid names are caught locally.
    fails(
        &cli(&emu, &["service", "--hub", "1bad", "health"]),
        2,
        "invalid hub name",
    );
    fails(
        &cli(&emu, &["service", "group", "exist", "--group-name", "   "]),
        2,
        "invalid group name",
    );
    // 2: an oversized message.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big");
    std::fs::write(&big, vec![b'x'; 1024 * 1024 + 1]).unwrap();
    fails(
        &cli(
            &emu,
            &[
                "service",
                "broadcast",
                "--payload-file",
                big.to_str().unwrap(),
            ],
        ),
        2,
        "1 MiB",
    );
    // 2: clap's own errors.
    assert_eq!(cli(&emu, &["service", "broadcast"]).status.code(), Some(2));
    assert_eq!(
        cli(
            &emu,
            &["service", "broadcast", "--payload", "x", "--ttl", "301"]
        )
        .status
        .code(),
        Some(2)
    );
}

#[tokio::test]
async fn service_errors_map_to_exit_codes() {
    let emu = Emulator::start();
    // 3: a key the service does not know.
    let wrong = format!(
        "Endpoint={};AccessKey=wrongwrongwrongwrongwrongwrongwrong;Version=1.0;",
        emu.endpoint
    );
    let out = bare(&[
        "service",
        "--hub",
        HUB,
        "--connection-string",
        &wrong,
        "broadcast",
        "--payload",
        "x",
    ]);
    let stderr = fails(&out, 3, "401");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert!(!stderr.contains("wrongwrong"), "the key leaked: {stderr}");
    // 3 as well for a check: an auth failure is never reported as "does not exist".
    let out = bare(&[
        "service",
        "--hub",
        HUB,
        "--connection-string",
        &wrong,
        "user",
        "exist",
        "--user-id",
        "x",
    ]);
    fails(&out, 3, "401");
    // 4: the service's 404 for an unknown user.
    fails(
        &cli(
            &emu,
            &[
                "service",
                "group",
                "add-user",
                "--group-name",
                "g",
                "--user-id",
                "ghost",
            ],
        ),
        4,
        "Warning.User.NotExisted",
    );
    // 4: the service rejects an invalid filter with 400 naming the position.
    fails(
        &cli(
            &emu,
            &[
                "service",
                "broadcast",
                "--payload",
                "x",
                "--filter",
                "invalid filter",
            ],
        ),
        4,
        "position 14",
    );
}

/// A tiny HTTP server answering each request with the next canned response, counting requests.
/// The emulator cannot be made to fail with 429/5xx or to hang, so these cases need one.
fn canned_server(
    responses: Vec<&'static str>,
) -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{BufRead, BufReader, Read};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = count.clone();
    std::thread::spawn(move || {
        for (i, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { break };
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut len = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0u8; len];
            let _ = reader.read_exact(&mut body);
            let response = responses.get(i).or(responses.last()).copied().unwrap_or("");
            if response == "hang" {
                std::thread::sleep(std::time::Duration::from_secs(5));
                continue;
            }
            let _ = stream.write_all(response.as_bytes());
        }
    });
    (port, count)
}

#[tokio::test]
async fn retries_honour_retry_after_and_5xx_timeouts_and_refusals_have_their_codes() {
    const TOO_MANY: &str = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    const ACCEPTED: &str =
        "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let body = r#"{"code":"ServiceUnavailable","message":"try later"}"#;
    let failed: &'static str = Box::leak(
        format!(
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nx-ms-error-code: ServiceUnavailable\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_boxed_str(),
    );
    let key = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
    let cs = |port: u16| format!("Endpoint=http://127.0.0.1:{port};AccessKey={key};Version=1.0;");

    // 429 with Retry-After, then success: exit 0 after exactly two requests.
    let (port, count) = canned_server(vec![TOO_MANY, ACCEPTED]);
    let out = bare(&[
        "service",
        "--hub",
        "h",
        "--connection-string",
        &cs(port),
        "broadcast",
        "--payload",
        "x",
    ]);
    ok(&out);
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 2);

    // 5: a 503 that persists, after 1 + retries attempts.
    let (port, count) = canned_server(vec![failed]);
    let out = bare(&[
        "service",
        "--hub",
        "h",
        "--connection-string",
        &cs(port),
        "--retries",
        "2",
        "broadcast",
        "--payload",
        "x",
    ]);
    let stderr = fails(&out, 5, "503");
    assert!(stderr.contains("try later"), "{stderr}");
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 3);

    // 7: a server that never answers.
    let (port, _) = canned_server(vec!["hang"]);
    let out = bare(&[
        "service",
        "--hub",
        "h",
        "--connection-string",
        &cs(port),
        "--timeout",
        "1",
        "--retries",
        "0",
        "broadcast",
        "--payload",
        "x",
    ]);
    fails(&out, 7, "did not answer");

    // 6: nothing listening; one line naming the endpoint.
    let free = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = bare(&[
        "service",
        "--hub",
        "h",
        "--connection-string",
        &cs(free),
        "--retries",
        "0",
        "health",
    ]);
    let stderr = fails(&out, 6, &format!("127.0.0.1:{free}"));
    assert!(stderr.contains("webpubsub emulator start"), "{stderr}");
}

#[tokio::test]
async fn emulator_port_in_use_is_an_error_with_a_hint() {
    let emu = Emulator::start();
    let port = emu.port.to_string();
    let out = bare(&["emulator", "start", "--port", &port]);
    let stderr = fails(&out, 2, "the port is in use");
    assert!(stderr.contains("--port 0"), "{stderr}");
    let out = bare(&["emulator", "start", "--port", "0", "--access-key", "short"]);
    fails(&out, 2, "at least 32");
}

// ----- typed names and the operation table -------------------------------------------------

/// The REST records of an emulator's `--trace` file.
fn rest_records(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|r| r["kind"] == "rest")
        .collect()
}

#[tokio::test]
async fn dot_segments_and_bad_names_never_leave_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    let trace = dir.path().join("trace.jsonl");
    let emu = Emulator::start_with(&["--trace", trace.to_str().expect("utf-8 path")]);
    let mut c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let bad: &[(&[&str], &str)] = &[
        (
            &["service", "group", "close", "--group-name", ".."],
            "invalid group name '..'",
        ),
        (
            &[
                "service",
                "group",
                "send",
                "--group-name",
                ".",
                "--payload",
                "x",
            ],
            "invalid group name '.'",
        ),
        (
            &[
                "service",
                "user",
                "send",
                "--user-id",
                "..",
                "--payload",
                "x",
            ],
            "invalid user id '..'",
        ),
        (
            &["service", "user", "close", "--user-id", ""],
            "invalid user id ''",
        ),
        (
            &["service", "connection", "close", "--connection-id", ".."],
            "invalid connection id '..'",
        ),
        (
            &[
                "service",
                "group",
                "add-user",
                "--group-name",
                "g",
                "--user-id",
                "a\u{1b}[2Jb",
            ],
            "control characters",
        ),
        (
            &["service", "broadcast", "--payload", "x", "--excluded", ".."],
            "invalid connection id '..'",
        ),
        (
            &[
                "service",
                "permission",
                "grant",
                "--connection-id",
                "c",
                "--permission",
                "sendToGroup",
                "--group-name",
                "..",
            ],
            "invalid group name '..'",
        ),
        (
            &["service", "--hub-name", "..", "broadcast", "--payload", "x"],
            "invalid hub name '..'",
        ),
        (
            &[
                "service",
                "group",
                "remove-user",
                "--user-id",
                "u1",
                "--group-name",
                "..",
            ],
            "invalid group name '..'",
        ),
    ];
    for (args, needle) in bad {
        let out = cli(&emu, args);
        let stderr = fails(&out, 2, needle);
        assert!(
            !stderr.contains('\u{1b}'),
            "the error must not echo escapes: {stderr:?}"
        );
    }
    let actions = [
        r#"{"actionName":"closeGroupConnections","group":".."}"#,
        r#"{"actionName":"sendToUser","userId":"..","data":"x"}"#,
        r#"{"actionName":"closeClientConnection","connectionId":"."}"#,
        r#"{"actionName":"closeAllConnections","excluded":[".."]}"#,
    ];
    for action in actions {
        let out = cli_with_stdin(&emu, &["service", "apply", "-"], Some(action.as_bytes()));
        fails(&out, 2, "line 1: invalid");
    }
    let array = format!("[{}]", actions.join(","));
    let out = cli_with_stdin(&emu, &["service", "apply", "-"], Some(array.as_bytes()));
    fails(&out, 2, "item 1 (line 1): invalid group name '..'");
    assert!(
        rest_records(&trace).is_empty(),
        "a refused name reached the service: {:?}",
        rest_records(&trace)
    );
    // With --keep-going the good actions still run, and only they.
    let mixed = "{\"actionName\":\"sendToUser\",\"userId\":\"..\",\"data\":\"bad\"}\n{\"actionName\":\"sendToUser\",\"userId\":\"u1\",\"data\":\"good\"}\n";
    let out = cli_with_stdin(
        &emu,
        &["service", "apply", "--keep-going", "-"],
        Some(mixed.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 of 2 actions succeeded"), "{stderr}");
    assert_fields(&c.ws.recv_json().await, &json!({"data": "good"}));
    c.ws.expect_no_frame(QUIET).await;
    assert_eq!(rest_records(&trace).len(), 1);
}

#[tokio::test]
async fn every_operation_round_trips_from_the_cli_to_its_handler() {
    let dir = tempfile::tempdir().expect("tempdir");
    let trace = dir.path().join("trace.jsonl");
    let emu = Emulator::start_with(&["--trace", trace.to_str().expect("utf-8 path")]);
    let c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let id = c.connection_id.as_str();
    let filter = "userId eq 'u1'";
    let perm = [
        "--connection-id",
        id,
        "--permission",
        "sendToGroup",
        "--group-name",
        "g1",
    ];
    let with = |head: &[&'static str], tail: &[&str]| -> Vec<String> {
        head.iter().chain(tail).map(|s| s.to_string()).collect()
    };
    let commands: Vec<Vec<String>> = vec![
        with(&["health"], &[]),
        with(&["broadcast", "--payload", "x"], &[]),
        with(&["add-to-groups", "--group", "g2", "--filter"], &[filter]),
        with(
            &["remove-from-groups", "--group", "g2", "--filter"],
            &[filter],
        ),
        with(&["token", "--user-id", "u9"], &[]),
        with(
            &["connection", "send", "--payload", "x", "--connection-id"],
            &[id],
        ),
        with(&["connection", "exist", "--connection-id"], &[id]),
        with(
            &["connection", "remove-from-all-groups", "--connection-id"],
            &[id],
        ),
        with(
            &[
                "group",
                "add-connection",
                "--group-name",
                "g1",
                "--connection-id",
            ],
            &[id],
        ),
        with(&["group", "exist", "--group-name", "g1"], &[]),
        with(
            &["group", "send", "--group-name", "g1", "--payload", "x"],
            &[],
        ),
        with(&["group", "list-connections", "--group-name", "g1"], &[]),
        with(
            &[
                "group",
                "remove-connection",
                "--group-name",
                "g1",
                "--connection-id",
            ],
            &[id],
        ),
        with(
            &["group", "add-user", "--group-name", "g1", "--user-id", "u1"],
            &[],
        ),
        with(
            &[
                "group",
                "remove-user",
                "--group-name",
                "g1",
                "--user-id",
                "u1",
            ],
            &[],
        ),
        with(&["group", "remove-user", "--user-id", "u1"], &[]),
        with(&["user", "send", "--user-id", "u1", "--payload", "x"], &[]),
        with(&["user", "exist", "--user-id", "u1"], &[]),
        with(&["permission", "grant"], &perm),
        with(&["permission", "check"], &perm),
        with(&["permission", "revoke"], &perm),
        with(&["group", "close", "--group-name", "nobody-here"], &[]),
        with(&["user", "close", "--user-id", "nobody"], &[]),
        with(&["connection", "close", "--connection-id"], &[id]),
        with(&["close-all"], &[]),
    ];
    for command in &commands {
        let mut args = vec!["service"];
        args.extend(command.iter().map(String::as_str));
        let out = cli(&emu, &args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{command:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let records = rest_records(&trace);
    let handled: std::collections::BTreeSet<&str> = records
        .iter()
        .filter_map(|r| r["operation"].as_str())
        .collect();
    let every: std::collections::BTreeSet<&str> = webpubsub::wire::ops::OPERATIONS
        .iter()
        .map(|op| op.id)
        .collect();
    let missing: Vec<_> = every.difference(&handled).collect();
    assert!(
        missing.is_empty(),
        "operations the CLI never reached: {missing:?}\n{records:#?}"
    );
    for r in &records {
        let status = r["status"].as_u64().unwrap_or(0);
        assert!(
            status < 400
                || r["errorCode"]
                    .as_str()
                    .is_some_and(|c| c.starts_with("Warning.")),
            "{r}"
        );
    }
}

#[tokio::test]
async fn debug_never_prints_a_token_not_even_in_bodies() {
    let emu = Emulator::start();
    let out = cli(&emu, &["service", "token", "--user-id", "u1", "--debug"]);
    let stdout = ok(&out);
    assert!(
        stdout.contains("eyJ"),
        "the token itself is the command's output"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("< 200"), "{stderr}");
    assert!(stderr.contains("<JWT redacted>"), "{stderr}");
    assert!(!stderr.contains("eyJ"), "a token reached --debug: {stderr}");
    assert!(!stderr.contains(&emu.key), "{stderr}");
}

#[tokio::test]
async fn retry_after_dates_are_honoured_and_timeout_bounds_the_whole_command() {
    let key = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
    let cs = |port: u16| format!("Endpoint=http://127.0.0.1:{port};AccessKey={key};Version=1.0;");
    let accepted = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    // A date 2 s ahead: the retry waits about that long, as --debug says.
    let when =
        httpdate::fmt_http_date(std::time::SystemTime::now() + std::time::Duration::from_secs(3));
    let busy: &'static str = Box::leak(
        format!("HTTP/1.1 503 Service Unavailable\r\nRetry-After: {when}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .into_boxed_str(),
    );
    let (port, count) = canned_server(vec![busy, accepted]);
    let out = bare(&[
        "service",
        "--hub",
        "h",
        "--connection-string",
        &cs(port),
        "--debug",
        "broadcast",
        "--payload",
        "x",
    ]);
    ok(&out);
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let waited = stderr
        .lines()
        .find_map(|l| l.split("retrying in ").nth(1))
        .unwrap_or_else(|| panic!("no retry line: {stderr}"));
    let secs: f64 = waited
        .trim_end_matches('s')
        .parse()
        .unwrap_or_else(|_| panic!("{waited}"));
    assert!(
        (1.0..=3.0).contains(&secs),
        "Retry-After date gave a wait of {waited}"
    );

    // A service that asks for 60 s while --timeout allows 2: no retry, the reason said once.
    let later: &'static str = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 60\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    let (port, count) = canned_server(vec![later, accepted]);
    let out = bare(&[
        "service",
        "--hub",
        "h",
        "--connection-string",
        &cs(port),
        "--timeout",
        "2",
        "broadcast",
        "--payload",
        "x",
    ]);
    fails(&out, 5, "after --timeout (2s) runs out");
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
}

// ----- --query and --exit-zero, as az has them ----------------------------------------------

#[tokio::test]
async fn query_selects_from_json_results_and_exit_zero_reads_like_az() {
    let emu = Emulator::start();
    let a = emu.connect_json(HUB, &json!({"sub": "alice"})).await;
    let _b = emu.connect_json(HUB, &json!({"sub": "bob"})).await;
    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "add-user",
            "--group-name",
            "g1",
            "--user-id",
            "alice",
        ],
    ));
    ok(&cli(
        &emu,
        &[
            "service",
            "group",
            "add-user",
            "--group-name",
            "g1",
            "--user-id",
            "bob",
        ],
    ));

    let out = cli(
        &emu,
        &[
            "service",
            "user",
            "exist",
            "--user-id",
            "alice",
            "--query",
            "existence",
        ],
    );
    assert_eq!(ok(&out).trim(), "true");
    let out = cli(
        &emu,
        &[
            "service",
            "user",
            "exist",
            "--user-id",
            "nobody",
            "--query",
            "existence",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "false");
    let out = cli(
        &emu,
        &[
            "service",
            "user",
            "exist",
            "--user-id",
            "nobody",
            "--exit-zero",
            "-o",
            "tsv",
            "--query",
            "existence",
        ],
    );
    // tsv writes booleans as az's tsv does.
    assert_eq!(ok(&out).trim(), "False");

    let out = cli(
        &emu,
        &[
            "service",
            "group",
            "list-connections",
            "--group-name",
            "g1",
            "--query",
            "sort([].userId)",
        ],
    );
    assert_eq!(stdout_json(&out), json!(["alice", "bob"]));
    let out = cli(
        &emu,
        &[
            "service",
            "group",
            "list-connections",
            "--group-name",
            "g1",
            "--query",
            "[?userId=='alice'].connectionId | [0]",
            "-o",
            "tsv",
        ],
    );
    assert_eq!(ok(&out).trim(), a.connection_id);
    let out = cli(
        &emu,
        &[
            "service",
            "group",
            "list-connections",
            "--group-name",
            "g1",
            "--query",
            "[].{user: userId}",
            "-o",
            "table",
        ],
    );
    let table = ok(&out);
    assert!(table.starts_with("User"), "{table}");
    assert!(table.contains("alice") && table.contains("bob"), "{table}");

    let out = cli(
        &emu,
        &[
            "service",
            "user",
            "exist",
            "--user-id",
            "alice",
            "--query",
            "[?",
        ],
    );
    fails(&out, 2, "invalid --query");
}
