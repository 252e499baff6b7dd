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
