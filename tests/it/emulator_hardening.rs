//! Hardening of the client WebSocket side against hostile input: wildcard roles that must not
//! backtrack, close codes for broken frames, reliable fan-out memory, and the cap on the groups
//! one connection may be in.

use std::time::Duration;

use serde_json::json;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};
use tokio_tungstenite::tungstenite::protocol::frame::Frame as RawFrame;
use tokio_tungstenite::tungstenite::Message;

use crate::common::*;

const HUB: &str = "chat";

/// How long a client would wait for a health check before giving up.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

fn p(path: &str) -> String {
    v(&format!("/api/hubs/{HUB}{path}"))
}

/// `HEAD /api/health` answers 200 within the usual client timeout.
async fn assert_healthy(emu: &Emulator, when: &str) {
    let resp = tokio::time::timeout(
        CLIENT_TIMEOUT,
        emu.rest("HEAD", "/api/health", None, Vec::new()),
    )
    .await
    .unwrap_or_else(|_| panic!("/api/health did not answer within {CLIENT_TIMEOUT:?} {when}"));
    resp.expect(200);
}

// ----- wildcard roles ------------------------------------------------------------------------

/// A five-star wildcard role against a long group name that almost matches: a backtracking
/// matcher tries ~200^5 splits per frame and stalls the emulator; the emulator must answer
/// each frame, stay healthy, and still stop on SIGTERM.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn star_heavy_wildcard_role_cannot_stall_the_emulator() {
    let mut emu = Emulator::start();
    let role = json!({"role": ["webpubsub.joinLeaveGroups.*-*-*-*-*"]});
    let evil = format!("{}.", "-".repeat(200));
    let mut clients = Vec::new();
    for _ in 0..2 {
        let mut c = emu.connect_json(HUB, &role).await;
        // Several frames in a row per connection, before reading any answer.
        for ack_id in 1..=3u64 {
            c.ws.send_json(&json!({"type": "joinGroup", "group": evil, "ackId": ack_id}))
                .await;
        }
        clients.push(c);
    }
    assert_healthy(&emu, "while two clients send star-heavy joinGroup frames").await;
    for c in &mut clients {
        for ack_id in 1..=3u64 {
            let ack =
                c.ws.recv_until(&format!("ack {ack_id}"), |v| {
                    v["type"] == "ack" && v["ackId"] == json!(ack_id)
                })
                .await;
            // No match (the `.`): the role does not allow the group.
            assert_ack_err(&ack, "Forbidden");
        }
        // The role still works for a group it matches.
        assert_ack_ok(&c.join(&"-".repeat(200)).await);
    }
    assert_healthy(&emu, "after the star-heavy frames").await;
    let status = emu.signal_and_wait("TERM", Duration::from_secs(10));
    assert!(
        status.is_some(),
        "the emulator did not exit within 10 s of SIGTERM after star-heavy joinGroup frames"
    );
}

// ----- close codes for broken frames ---------------------------------------------------------

/// Sends raw frames (bypassing the client library's own checks) and expects the emulator to
/// close with `code`; then the connection is gone and the emulator is fine.
async fn expect_close_after(
    emu: &Emulator,
    mut ws: Ws,
    id: Option<&str>,
    frames: Vec<RawFrame>,
    code: u16,
) {
    for f in frames {
        ws.try_send(Message::Frame(f))
            .await
            .unwrap_or_else(|e| panic!("sending the raw frame failed before the close: {e}"));
    }
    match ws.expect_end().await {
        Frame::Close(Some(c), reason) => {
            assert_eq!(c, code, "close code (reason {reason:?})");
            assert!(!reason.is_empty(), "close {c} without a reason");
        }
        other => panic!("expected a close frame with {code}, got {other:?}"),
    }
    if let Some(id) = id {
        emu.eventually_head(&p(&format!("/connections/{id}")), 404)
            .await;
    }
    assert_healthy(emu, "after a broken frame").await;
}

fn text_frame(payload: Vec<u8>, fin: bool) -> RawFrame {
    RawFrame::message(payload, OpCode::Data(Data::Text), fin)
}

#[tokio::test]
async fn control_frame_over_125_bytes_closes_with_1002() {
    let emu = Emulator::start();
    let c = emu.connect_json(HUB, &json!({"sub": "u"})).await;
    let id = c.connection_id.clone();
    let ping = RawFrame::ping(vec![b'p'; 126]);
    expect_close_after(&emu, c.ws, Some(&id), vec![ping], 1002).await;

    // 125 bytes is fine: the connection answers a JSON ping afterwards.
    let mut ok = emu.connect_json(HUB, &json!({"sub": "v"})).await;
    ok.ws
        .try_send(Message::Frame(RawFrame::ping(vec![b'p'; 125])))
        .await
        .expect("send a 125-byte ping");
    ok.ws.ping_pong().await;
}

#[tokio::test]
async fn text_frame_with_invalid_utf8_closes_with_1007() {
    let emu = Emulator::start();
    // JSON subprotocol.
    let c = emu.connect_json(HUB, &json!({"sub": "u"})).await;
    let id = c.connection_id.clone();
    let bad = text_frame(b"{\"type\":\"ping\"\xff}".to_vec(), true);
    expect_close_after(&emu, c.ws, Some(&id), vec![bad], 1007).await;

    // Simple client: the frame never reaches the protocol layer either.
    let ws = emu.connect_simple_user(HUB, "raw", &json!({})).await;
    let bad = text_frame(vec![b'a', 0xc3, 0x28, b'b'], true);
    expect_close_after(&emu, ws, None, vec![bad], 1007).await;
    emu.eventually_head(&p("/users/raw"), 404).await;

    // Invalid UTF-8 split across fragments is caught on the whole message.
    let c = emu.connect_json(HUB, &json!({"sub": "w"})).await;
    let id = c.connection_id.clone();
    let frames = vec![
        text_frame(vec![b'"', 0xe2, 0x82], false),
        RawFrame::message(vec![b'x', b'"'], OpCode::Data(Data::Continue), true),
    ];
    expect_close_after(&emu, c.ws, Some(&id), frames, 1007).await;
}

/// Two fragments of 600 kB each: every frame is under the limit but the message is not. The
/// emulator reads both before it knows, so the close arrives cleanly (no unread data, no reset).
#[tokio::test]
async fn fragmented_message_over_1_mib_closes_with_1009() {
    let emu = Emulator::start();
    let c = emu.connect_json(HUB, &json!({"sub": "u"})).await;
    let id = c.connection_id.clone();
    let frames = vec![
        text_frame(vec![b' '; 600_000], false),
        RawFrame::message(vec![b' '; 600_000], OpCode::Data(Data::Continue), true),
    ];
    expect_close_after(&emu, c.ws, Some(&id), frames, 1009).await;
}

// ----- reliable fan-out memory ---------------------------------------------------------------

/// Readers per emulator, broadcasts, and the size of each broadcast.
const FANOUT_READERS: usize = 50;
const FANOUT_MESSAGES: usize = 4;
const FANOUT_BYTES: usize = 1024 * 1024;

/// Starts an emulator, connects [`FANOUT_READERS`] clients of `protocol` in one group, sends
/// [`FANOUT_MESSAGES`] broadcasts of 1 MiB over REST, waits until every reader has read every
/// message, and returns the emulator's peak RSS in KiB. Reliable readers do not ack, so their
/// replay buffers hold every message until the end.
async fn fanout_peak_rss_kib(protocol: &str) -> u64 {
    let emu = Emulator::start();
    let mut readers = Vec::new();
    for i in 0..FANOUT_READERS {
        let claims = json!({"sub": format!("r{i}"), "webpubsub.group": ["room"]});
        let mut c = emu.connect_proto(HUB, &claims, protocol).await;
        let reliable = protocol == RELIABLE_V1;
        readers.push(tokio::spawn(async move {
            let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
            let mut got = 0;
            while got < FANOUT_MESSAGES {
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                let f = c.ws.next_frame(left).await.unwrap_or_else(|| {
                    panic!("reader {i}: {got} of {FANOUT_MESSAGES} messages after 120 s")
                });
                let v = f
                    .json()
                    .unwrap_or_else(|| panic!("reader {i}: not a JSON frame: {f:?}"));
                if v["type"] != "message" {
                    continue;
                }
                got += 1;
                assert_eq!(
                    v["data"].as_str().map(str::len),
                    Some(FANOUT_BYTES),
                    "reader {i}: message {got} size"
                );
                if reliable {
                    assert_eq!(v["sequenceId"], json!(got), "reader {i}: sequence id");
                }
            }
            c
        }));
    }
    let path = p("/groups/room/:send");
    for n in 0..FANOUT_MESSAGES {
        let body = vec![b'a' + n as u8; FANOUT_BYTES];
        emu.rest("POST", &path, Some("text/plain"), body)
            .await
            .expect_accepted();
    }
    let mut clients = Vec::new();
    for r in readers {
        clients.push(r.await.expect("a reader failed"));
    }
    let peak = emu.peak_rss_kib().expect("VmHWM in /proc/<pid>/status");
    drop(clients);
    peak
}

/// Reliable recipients share one copy of each message (in the replay buffer and the socket
/// queue), like JSON ones: the per-recipient frame only exists while it is being written.
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reliable_fan_out_memory_is_close_to_json() {
    let json_kib = fanout_peak_rss_kib(JSON_V1).await;
    let reliable_kib = fanout_peak_rss_kib(RELIABLE_V1).await;
    println!(
        "peak RSS for {FANOUT_READERS} readers x {FANOUT_MESSAGES} broadcasts of {} KiB: \
         json {} MiB, reliable {} MiB ({:.2}x)",
        FANOUT_BYTES / 1024,
        json_kib / 1024,
        reliable_kib / 1024,
        reliable_kib as f64 / json_kib as f64
    );
    assert!(
        reliable_kib * 2 <= json_kib * 3,
        "reliable fan-out peaks at {reliable_kib} KiB, more than 1.5x the {json_kib} KiB of json"
    );
}

// ----- groups per connection -----------------------------------------------------------------

/// The default cap on the groups one connection may be in.
const MAX_GROUPS: usize = 1000;

fn group_names(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

/// Checks a failed join's error names the cap.
#[track_caller]
fn assert_names_the_cap(message: &str) {
    assert!(
        message.contains(&MAX_GROUPS.to_string()),
        "the refusal should name the cap of {MAX_GROUPS} groups: {message:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_past_the_group_cap_is_refused_over_websocket() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_json(
            HUB,
            &json!({"sub": "joiner", "role": ["webpubsub.joinLeaveGroup"]}),
        )
        .await;
    // 1,000 joins, sent in a row, then their acks.
    let mut ack_ids = Vec::new();
    for g in group_names("g", MAX_GROUPS) {
        let ack_id = c.ack_id();
        c.ws.send_json(&json!({"type": "joinGroup", "group": g, "ackId": ack_id}))
            .await;
        ack_ids.push(ack_id);
    }
    for i in ack_ids {
        let ack =
            c.ws.recv_until(&format!("ack {i}"), |v| {
                v["type"] == "ack" && v["ackId"] == json!(i)
            })
            .await;
        assert_ack_ok(&ack);
    }
    let ack = c.join("one-too-many").await;
    assert_ack_err(&ack, "BadRequest");
    assert_names_the_cap(ack["error"]["message"].as_str().unwrap_or_default());
    emu.rest("HEAD", &p("/groups/one-too-many"), None, Vec::new())
        .await
        .expect(404);

    // The connection keeps working: a group it is in can be joined again, messages arrive,
    // and leaving one makes room for another.
    assert_ack_ok(&c.join("g7").await);
    emu.rest(
        "POST",
        &p("/groups/g7/:send"),
        Some("text/plain"),
        "still here",
    )
    .await
    .expect_accepted();
    let msg =
        c.ws.recv_until("the group message", |v| v["type"] == "message")
            .await;
    assert_eq!(msg["data"], "still here");
    assert_ack_ok(&c.leave("g0").await);
    assert_ack_ok(&c.join("one-more").await);
    let ack = c.join("and-another").await;
    assert_ack_err(&ack, "BadRequest");
    c.ws.ping_pong().await;
}

#[tokio::test]
async fn handshake_with_more_groups_than_the_cap_is_refused() {
    let emu = Emulator::start();
    let mut groups = group_names("g", MAX_GROUPS + 1);
    let token = emu.client_token(HUB, &json!({"sub": "u", "webpubsub.group": groups}));
    let path = format!("/client/hubs/{HUB}?access_token={}", enc(&token));
    let opts = WsOpts {
        protocols: vec![JSON_V1.to_string()],
        ..WsOpts::default()
    };
    match emu.ws_open(&path, &opts).await {
        Ok(_) => panic!("a token with {} groups was accepted", MAX_GROUPS + 1),
        Err(r) => {
            assert_eq!(r.status, 400, "{r:?}");
            assert_names_the_cap(&r.body);
        }
    }
    // Exactly the cap is fine, and a name repeated counts once.
    groups.pop();
    groups.push("g0".to_string());
    let c = emu
        .connect_json(HUB, &json!({"sub": "u", "webpubsub.group": groups}))
        .await;
    emu.rest("HEAD", &p("/groups/g999"), None, Vec::new())
        .await
        .expect(200);
    drop(c);
}

#[tokio::test]
async fn rest_joins_past_the_group_cap_answer_400() {
    let emu = Emulator::start();
    let mut full = emu
        .connect_json(
            HUB,
            &json!({"sub": "full", "webpubsub.group": group_names("g", MAX_GROUPS)}),
        )
        .await;
    let roomy = emu.connect_json(HUB, &json!({"sub": "roomy"})).await;
    let id = full.connection_id.clone();

    let r = emu
        .rest(
            "PUT",
            &p(&format!("/groups/new/connections/{id}")),
            None,
            Vec::new(),
        )
        .await;
    assert_names_the_cap(r.expect_error(400)["message"].as_str().unwrap_or_default());
    let r = emu
        .rest("PUT", &p("/users/full/groups/new"), None, Vec::new())
        .await;
    assert_names_the_cap(r.expect_error(400)["message"].as_str().unwrap_or_default());
    // `:addToGroups` for everyone is all or nothing: `roomy` is not added either.
    let body = json!({"groups": ["new", "newer"]}).to_string();
    let r = emu
        .rest("POST", &p("/:addToGroups"), Some("application/json"), body)
        .await;
    assert_names_the_cap(r.expect_error(400)["message"].as_str().unwrap_or_default());
    emu.rest("HEAD", &p("/groups/new"), None, Vec::new())
        .await
        .expect(404);
    // A request that keeps within the cap still works: groups `full` is already in.
    let body = json!({"groups": ["g1", "g2"]}).to_string();
    emu.rest("POST", &p("/:addToGroups"), Some("application/json"), body)
        .await
        .expect(200);
    let members = emu
        .rest("GET", &p("/groups/g1/connections"), None, Vec::new())
        .await;
    let members = members.expect(200).json();
    assert!(
        members["value"].as_array().is_some_and(|m| m
            .iter()
            .any(|m| m["connectionId"] == json!(roomy.connection_id))),
        "roomy was not added to g1: {members}"
    );
    // Adding a connection to a group it is already in is not a new group.
    emu.rest(
        "PUT",
        &p(&format!("/groups/g3/connections/{id}")),
        None,
        Vec::new(),
    )
    .await
    .expect(200);

    // The connection keeps working, and leaving a group makes room.
    emu.rest(
        "DELETE",
        &p(&format!("/groups/g0/connections/{id}")),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
    emu.rest(
        "PUT",
        &p(&format!("/groups/new/connections/{id}")),
        None,
        Vec::new(),
    )
    .await
    .expect(200);
    emu.rest("POST", &p("/groups/new/:send"), Some("text/plain"), "hi")
        .await
        .expect_accepted();
    let msg = full
        .ws
        .recv_until("the group message", |v| v["type"] == "message")
        .await;
    assert_eq!(msg["data"], "hi");
    full.ws.ping_pong().await;
}

/// A `connect` event handler that answers with `groups`, for the emulator's `--event-handler`.
async fn connect_handler(groups: Vec<String>) -> String {
    use axum::http::{HeaderMap, Method, StatusCode};
    use axum::response::IntoResponse;
    let app = axum::Router::new().fallback(move |method: Method, headers: HeaderMap| {
        let groups = groups.clone();
        async move {
            if method == Method::OPTIONS {
                return allow_webhook_origin(&headers);
            }
            (
                StatusCode::OK,
                [("content-type", "application/json")],
                json!({ "groups": groups }).to_string(),
            )
                .into_response()
        }
    });
    let port = serve_on_loopback(app).await;
    format!("url-template=http://127.0.0.1:{port}/eventhandler/{{event}} system-event=connect")
}

/// The token's groups and the connect handler's together count against the cap.
#[tokio::test]
async fn connect_handler_groups_past_the_cap_are_refused() {
    let spec = connect_handler(group_names("h", MAX_GROUPS / 2 + 1)).await;
    let emu = Emulator::start_with(&["--event-handler", &spec]);
    let token = emu.client_token(
        HUB,
        &json!({"sub": "u", "webpubsub.group": group_names("t", MAX_GROUPS / 2)}),
    );
    let path = format!("/client/hubs/{HUB}?access_token={}", enc(&token));
    let opts = WsOpts {
        protocols: vec![JSON_V1.to_string()],
        ..WsOpts::default()
    };
    match emu.ws_open(&path, &opts).await {
        Ok(_) => panic!("a connection with {} groups was accepted", MAX_GROUPS + 1),
        Err(r) => {
            assert_eq!(r.status, 500, "the handler's answer is at fault: {r:?}");
            assert_names_the_cap(&r.body);
        }
    }
    // One fewer token group fits.
    let c = emu
        .connect_json(
            HUB,
            &json!({"sub": "u", "webpubsub.group": group_names("t", MAX_GROUPS / 2 - 1)}),
        )
        .await;
    emu.rest("HEAD", &p("/groups/h500"), None, Vec::new())
        .await
        .expect(200);
    drop(c);
}
