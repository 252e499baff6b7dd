//! Hardening of the client WebSocket side against hostile input: wildcard roles that must not
//! backtrack, close codes for broken frames, reliable fan-out memory, and the cap on the groups
//! one connection may be in.

use std::time::Duration;

use serde_json::json;

use crate::common::*;

const HUB: &str = "chat";

/// How long a client would wait for a health check before giving up.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

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
