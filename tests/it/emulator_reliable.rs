//! The reliable protocol (protocols.md §3.3, §3.5, §4.4): sequence ids, sequenceAck, recovery
//! after client- and server-side drops, 1008 when recovery is impossible, the replay limits, and
//! the emulator-only `:drop` hook.

use std::time::Duration;

use serde_json::json;

use crate::common::*;

const HUB: &str = "chat";

fn p(path: &str) -> String {
    v(&format!("/api/hubs/{HUB}{path}"))
}

async fn group_text(emu: &Emulator, group: &str, text: &str) {
    emu.rest(
        "POST",
        &p(&format!("/groups/{group}/:send")),
        Some("text/plain"),
        text,
    )
    .await
    .expect_accepted();
}

/// Reads message frames and checks their `sequenceId` and `data`, in order.
async fn expect_seq(ws: &mut Ws, expected: &[(u64, &str)]) {
    for (seq, data) in expected {
        let m = ws.recv_json().await;
        assert_eq!(m["type"], "message", "expected message {seq}: {m}");
        assert_eq!(
            m["sequenceId"],
            json!(seq),
            "sequenceId (expected data {data:?}): {m}"
        );
        assert_eq!(m["data"], json!(data), "data of sequenceId {seq}: {m}");
    }
}

async fn seq_ack(ws: &mut Ws, seq: u64) {
    ws.send_json(&json!({"type": "sequenceAck", "sequenceId": seq}))
        .await;
    // The pong proves the ack (sent before the ping) was read.
    ws.ping_pong().await;
}

/// The emulator-only hook: aborts the connection's socket without a close frame.
async fn server_drop(emu: &Emulator, c: &mut Client) {
    emu.rest(
        "POST",
        &format!("/emulator/hubs/{HUB}/connections/{}/:drop", c.connection_id),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
    let f = c.ws.recv().await;
    assert!(
        matches!(f, Frame::Ended(_)),
        "the :drop hook must abort the socket without any frame, got {f:?}"
    );
}

/// Recovers `c` with its connection id and reconnection token; handles an optional new
/// `connected` frame (same connection id, maybe a new token).
async fn resume(emu: &Emulator, c: &mut Client, access_token: Option<&str>) {
    let token = c
        .reconnection_token
        .clone()
        .expect("reliable clients have a token");
    let ws = emu
        .recover(HUB, &c.connection_id, &token, access_token)
        .await
        .unwrap_or_else(|r| panic!("recovery handshake rejected: {r:?}"));
    assert_eq!(ws.protocol.as_deref(), Some(RELIABLE_V1));
    c.ws = ws;
    c.ws.ping_pong().await;
    if let Some(connected) =
        c.ws.take_pending(|v| v["type"] == "system" && v["event"] == "connected")
    {
        assert_eq!(
            connected["connectionId"],
            json!(c.connection_id),
            "a recovered connection keeps its id: {connected}"
        );
        if let Some(t) = connected["reconnectionToken"].as_str() {
            c.reconnection_token = Some(t.to_string());
        }
    }
}

/// A recovery attempt that must be accepted and then closed with 1008.
async fn expect_recovery_refused(
    emu: &Emulator,
    what: &str,
    id: &str,
    token: &str,
    access: Option<&str>,
) {
    match emu.recover(HUB, id, token, access).await {
        Ok(mut ws) => {
            let end = ws.expect_end().await;
            assert!(
                matches!(end, Frame::Close(Some(1008), _)),
                "{what}: expected close 1008, got {end:?}"
            );
        }
        Err(r) => panic!(
            "{what}: the recovery handshake must be accepted and then closed with 1008 \
             (clients retry on HTTP errors), got HTTP {} {}",
            r.status, r.body
        ),
    }
}

#[tokio::test]
async fn reliable_connected_frame_has_a_reconnection_token() {
    let emu = Emulator::start();
    let c = emu.connect_reliable(HUB, &json!({"sub": "u1"})).await;
    assert_eq!(c.user_id.as_deref(), Some("u1"));
    assert!(
        c.reconnection_token
            .as_deref()
            .is_some_and(|t| !t.is_empty()),
        "no reconnectionToken in {}",
        c.connected
    );
    assert!(c.connected.get("sequenceId").is_none(), "{}", c.connected);
}

#[tokio::test]
async fn sequence_ids_are_on_messages_only() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_reliable(
            HUB,
            &json!({"sub": "u1", "role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]}),
        )
        .await;
    let ack = c.join("g1").await;
    assert_ack_ok(&ack);
    assert!(
        ack.get("sequenceId").is_none(),
        "ack with a sequenceId: {ack}"
    );

    for t in ["m1", "m2", "m3"] {
        group_text(&emu, "g1", t).await;
    }
    expect_seq(&mut c.ws, &[(1, "m1"), (2, "m2"), (3, "m3")]).await;

    emu.rest("POST", &p("/users/u1/:send"), Some("text/plain"), "m4")
        .await
        .expect_accepted();
    let m = c.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"type": "message", "from": "server", "sequenceId": 4, "data": "m4"}),
    );

    let ack = c.send_text_to("g1", "own").await;
    assert_ack_ok(&ack);
    assert!(
        ack.get("sequenceId").is_none(),
        "ack with a sequenceId: {ack}"
    );
    let m = c.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"type": "message", "from": "group", "sequenceId": 5, "data": "own"}),
    );

    c.ws.send_json(&json!({"type": "ping"})).await;
    let pong = c.ws.recv_json().await;
    assert_eq!(pong["type"], "pong");
    assert!(pong.get("sequenceId").is_none(), "{pong}");

    // sequenceAck gets no answer.
    c.ws.send_json(&json!({"type": "sequenceAck", "sequenceId": 5}))
        .await;
    c.ws.expect_no_frame(QUIET).await;
}

#[tokio::test]
async fn recovers_after_a_client_drop_resending_only_unacked_messages() {
    let emu = Emulator::start();
    let claims = json!({"sub": "u1", "webpubsub.group": ["g1"]});
    let mut c = emu.connect_reliable(HUB, &claims).await;
    group_text(&emu, "g1", "m1").await;
    group_text(&emu, "g1", "m2").await;
    expect_seq(&mut c.ws, &[(1, "m1"), (2, "m2")]).await;
    seq_ack(&mut c.ws, 2).await;

    // Client-side network failure: the socket goes away without a close frame.
    c.ws.abort();
    for t in ["m3", "m4", "m5"] {
        group_text(&emu, "g1", t).await;
    }

    // JS keeps access_token in the recovery URL.
    let access = emu.client_token(HUB, &claims);
    resume(&emu, &mut c, Some(&access)).await;
    expect_seq(&mut c.ws, &[(3, "m3"), (4, "m4"), (5, "m5")]).await;
    c.ws.expect_no_frame(QUIET).await;

    // Same connection, same groups, sequence continues.
    group_text(&emu, "g1", "m6").await;
    expect_seq(&mut c.ws, &[(6, "m6")]).await;
    emu.rest(
        "HEAD",
        &p(&format!("/connections/{}", c.connection_id)),
        None,
        Vec::new(),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn recovers_after_a_server_drop_resending_all_unacked_messages() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_reliable(HUB, &json!({"sub": "u1", "webpubsub.group": ["g1"]}))
        .await;
    group_text(&emu, "g1", "m1").await;
    group_text(&emu, "g1", "m2").await;
    expect_seq(&mut c.ws, &[(1, "m1"), (2, "m2")]).await;

    server_drop(&emu, &mut c).await;
    group_text(&emu, "g1", "m3").await;
    emu.rest("POST", &p("/users/u1/:send"), Some("text/plain"), "m4")
        .await
        .expect_accepted();

    // The documented recovery URL has no access_token. Nothing was acked: all is re-sent.
    resume(&emu, &mut c, None).await;
    expect_seq(&mut c.ws, &[(1, "m1"), (2, "m2"), (3, "m3"), (4, "m4")]).await;
    c.ws.expect_no_frame(QUIET).await;
    seq_ack(&mut c.ws, 4).await;

    // A second drop and recovery: only what came after the ack.
    group_text(&emu, "g1", "m5").await;
    expect_seq(&mut c.ws, &[(5, "m5")]).await;
    seq_ack(&mut c.ws, 5).await;
    server_drop(&emu, &mut c).await;
    group_text(&emu, "g1", "m6").await;
    group_text(&emu, "g1", "m7").await;
    resume(&emu, &mut c, None).await;
    expect_seq(&mut c.ws, &[(6, "m6"), (7, "m7")]).await;
    c.ws.expect_no_frame(QUIET).await;
}

#[tokio::test]
async fn partially_acked_messages_are_resent_from_the_first_unacked() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_reliable(HUB, &json!({"sub": "u1", "webpubsub.group": ["g1"]}))
        .await;
    for t in ["m1", "m2", "m3", "m4"] {
        group_text(&emu, "g1", t).await;
    }
    expect_seq(&mut c.ws, &[(1, "m1"), (2, "m2"), (3, "m3"), (4, "m4")]).await;
    seq_ack(&mut c.ws, 2).await;
    server_drop(&emu, &mut c).await;
    resume(&emu, &mut c, None).await;
    expect_seq(&mut c.ws, &[(3, "m3"), (4, "m4")]).await;
    c.ws.expect_no_frame(QUIET).await;
}

#[tokio::test]
async fn ack_ids_stay_duplicate_across_recovery() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_reliable(HUB, &json!({"sub": "s", "role": ["webpubsub.sendToGroup"]}))
        .await;
    let mut m = emu
        .connect_json(HUB, &json!({"sub": "m", "webpubsub.group": ["g1"]}))
        .await;
    let req = json!({"type": "sendToGroup", "group": "g1", "dataType": "text", "data": "once"});
    assert_ack_ok(&c.call_with(req.clone(), 1).await);
    assert_eq!(m.ws.recv_json().await["data"], "once");

    server_drop(&emu, &mut c).await;
    resume(&emu, &mut c, None).await;
    // The client re-sends its unacknowledged request with the same ackId.
    assert_ack_err(&c.call_with(req, 1).await, "Duplicate");
    m.ws.expect_no_frame(QUIET).await;
    assert_ack_ok(
        &c.call_with(
            json!({"type": "sendToGroup", "group": "g1", "dataType": "text", "data": "twice"}),
            2,
        )
        .await,
    );
    assert_eq!(m.ws.recv_json().await["data"], "twice");
}

#[tokio::test]
async fn recovery_with_a_bad_token_or_id_closes_with_1008() {
    let emu = Emulator::start();
    let mut a = emu.connect_reliable(HUB, &json!({"sub": "a"})).await;
    let b = emu.connect_reliable(HUB, &json!({"sub": "b"})).await;
    server_drop(&emu, &mut a).await;
    let a_token = a.reconnection_token.clone().expect("token");
    let b_token = b.reconnection_token.clone().expect("token");
    expect_recovery_refused(&emu, "garbage token", &a.connection_id, "garbage", None).await;
    expect_recovery_refused(
        &emu,
        "token of another connection",
        &a.connection_id,
        &b_token,
        None,
    )
    .await;
    expect_recovery_refused(
        &emu,
        "unknown connection id",
        "no-such-connection",
        &a_token,
        None,
    )
    .await;
    let access = emu.client_token(HUB, &json!({"sub": "a"}));
    expect_recovery_refused(
        &emu,
        "garbage token with access_token",
        &a.connection_id,
        "garbage",
        Some(&access),
    )
    .await;
}

#[tokio::test]
async fn a_connection_closed_by_rest_cannot_be_recovered() {
    let emu = Emulator::start();
    let mut c = emu.connect_reliable(HUB, &json!({"sub": "u1"})).await;
    emu.rest(
        "DELETE",
        &p(&format!("/connections/{}?reason=bye", c.connection_id)),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
    let f = c.ws.recv_json().await;
    assert_fields(&f, &json!({"type": "system", "event": "disconnected"}));
    assert!(
        f.get("sequenceId").is_none(),
        "system frame with a sequenceId: {f}"
    );
    c.ws.expect_end().await;
    let token = c.reconnection_token.clone().expect("token");
    expect_recovery_refused(&emu, "after a REST close", &c.connection_id, &token, None).await;
}

#[tokio::test]
async fn drop_hook_needs_a_rest_token_and_ends_plain_connections() {
    let emu = Emulator::start();
    let mut c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let path = format!("/emulator/hubs/{HUB}/connections/{}/:drop", c.connection_id);
    emu.rest_with_auth("POST", &path, None, None, Vec::new())
        .await
        .expect(401);
    let wrong = emu.rest_token(&emu.url(&p("/:send")));
    emu.rest_with_auth(
        "POST",
        &path,
        Some(format!("Bearer {wrong}")),
        None,
        Vec::new(),
    )
    .await
    .expect(401);
    c.ws.ping_pong().await;

    server_drop(&emu, &mut c).await;
    // A non-reliable connection cannot be recovered: it is gone.
    emu.eventually_head(&p(&format!("/connections/{}", c.connection_id)), 404)
        .await;
}

#[tokio::test]
async fn more_than_1000_unacked_messages_close_the_connection_for_good() {
    let emu = Emulator::start();
    let mut r = emu
        .connect_reliable(HUB, &json!({"sub": "r", "webpubsub.group": ["lim"]}))
        .await;
    let mut s = emu
        .connect_reliable(HUB, &json!({"sub": "s", "webpubsub.group": ["lim"]}))
        .await;
    for i in 1..=1000 {
        group_text(&emu, "lim", &format!("n{i}")).await;
    }
    for i in 1..=1000u64 {
        let m = r.ws.recv_json().await;
        assert_eq!(m["sequenceId"], json!(i), "{m}");
        let m = s.ws.recv_json().await;
        assert_eq!(m["sequenceId"], json!(i), "{m}");
    }
    // 1000 unacked messages are still within the limit.
    r.ws.ping_pong().await;
    seq_ack(&mut s.ws, 1000).await;

    group_text(&emu, "lim", "n1001").await;
    let (end, before) =
        r.ws.drain_until_end(Duration::from_secs(10))
            .await
            .expect("the connection with 1001 unacked messages stayed open");
    assert!(before <= 1, "{before} frames before the end {end:?}");
    // The acking client is unaffected.
    expect_seq(&mut s.ws, &[(1001, "n1001")]).await;
    s.ws.ping_pong().await;

    let token = r.reconnection_token.clone().expect("token");
    expect_recovery_refused(
        &emu,
        "after the replay limit",
        &r.connection_id,
        &token,
        None,
    )
    .await;
}

#[tokio::test]
async fn more_than_16_mb_unacked_closes_the_connection_for_good() {
    let emu = Emulator::start();
    let mut r = emu
        .connect_reliable(HUB, &json!({"sub": "r", "webpubsub.group": ["big"]}))
        .await;
    let chunk = vec![7u8; 512 * 1024];
    let path = p("/groups/big/:send");
    for _ in 0..20 {
        emu.rest(
            "POST",
            &path,
            Some("application/octet-stream"),
            chunk.clone(),
        )
        .await
        .expect_accepted();
    }
    for i in 1..=20u64 {
        let m = r.ws.recv_json().await;
        assert_eq!(m["sequenceId"], json!(i));
        assert_eq!(m["dataType"], "binary");
    }
    // 10 MiB unacked: still open.
    r.ws.ping_pong().await;
    for _ in 0..20 {
        emu.rest(
            "POST",
            &path,
            Some("application/octet-stream"),
            chunk.clone(),
        )
        .await
        .expect_accepted();
    }
    let (end, before) =
        r.ws.drain_until_end(Duration::from_secs(15))
            .await
            .expect("the connection with 20 MiB unacked stayed open");
    assert!(before < 20, "{before} frames before {end:?}");
    let token = r.reconnection_token.clone().expect("token");
    expect_recovery_refused(
        &emu,
        "after the 16 MB limit",
        &r.connection_id,
        &token,
        None,
    )
    .await;
}

#[tokio::test]
async fn recovery_takes_over_a_socket_the_server_still_holds() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_reliable(HUB, &json!({"sub": "u1", "webpubsub.group": ["g1"]}))
        .await;
    group_text(&emu, "g1", "m1").await;
    expect_seq(&mut c.ws, &[(1, "m1")]).await;
    // A silent network failure: the client gives up on its socket, which stays open as far as
    // the server knows, and recovers on a new one.
    let token = c.reconnection_token.clone().expect("token");
    let ws = emu
        .recover(HUB, &c.connection_id, &token, None)
        .await
        .unwrap_or_else(|r| panic!("recovery rejected while the old socket is open: {r:?}"));
    let mut old = std::mem::replace(&mut c.ws, ws);
    c.ws.ping_pong().await;
    c.ws.take_pending(|v| v["type"] == "system" && v["event"] == "connected");
    expect_seq(&mut c.ws, &[(1, "m1")]).await;
    group_text(&emu, "g1", "m2").await;
    expect_seq(&mut c.ws, &[(2, "m2")]).await;
    c.ws.expect_no_frame(QUIET).await;
    // The old socket gets nothing new.
    while let Some(f) = old.next_frame(Duration::from_millis(200)).await {
        if f.is_terminal() {
            break;
        }
        assert!(
            f.json().is_none_or(|v| v["data"] != "m2"),
            "the replaced socket still receives messages: {f:?}"
        );
    }
}

/// Applies the JS client's rule: drop `sequenceId` ≤ the largest seen; every new message must be
/// the next id, carrying `n{id}`. Returns true for a new message.
fn accept(last: &mut u64, m: &serde_json::Value) -> bool {
    assert_eq!(m["type"], "message", "unexpected frame {m}");
    let seq = m["sequenceId"]
        .as_u64()
        .unwrap_or_else(|| panic!("message without sequenceId: {m}"));
    if seq <= *last {
        return false;
    }
    assert_eq!(seq, *last + 1, "a message was lost before {m}");
    assert_eq!(m["data"], json!(format!("n{seq}")), "{m}");
    *last = seq;
    true
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_message_lost_or_duplicated_across_drops_under_load() {
    const N: u64 = 240;
    let emu = std::sync::Arc::new(Emulator::start());
    let mut c = emu
        .connect_reliable(HUB, &json!({"sub": "u1", "webpubsub.group": ["load"]}))
        .await;
    let sender = {
        let emu = std::sync::Arc::clone(&emu);
        tokio::spawn(async move {
            for i in 1..=N {
                group_text(&emu, "load", &format!("n{i}")).await;
                if i % 40 == 0 {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        })
    };
    let mut last = 0u64;
    let mut drops = 0;
    let mut drop_points = [60u64, 120, 180].into_iter().peekable();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while last < N {
        assert!(
            tokio::time::Instant::now() < deadline,
            "only {last} of {N} messages after 60 s"
        );
        let f = c.ws.recv().await;
        if let Frame::Ended(_) | Frame::Close(..) = f {
            panic!("connection ended unexpectedly after {last} messages: {f:?}");
        }
        let m = f.json().unwrap_or_else(|| panic!("not JSON: {f:?}"));
        if !accept(&mut last, &m) {
            continue;
        }
        if last.is_multiple_of(25) {
            c.ws.send_json(&json!({"type": "sequenceAck", "sequenceId": last}))
                .await;
        }
        // Drop in the middle of the stream, alternating server and client side.
        if drop_points.peek().is_some_and(|&at| last >= at) {
            drop_points.next();
            drops += 1;
            if drops % 2 == 1 {
                emu.rest(
                    "POST",
                    &format!("/emulator/hubs/{HUB}/connections/{}/:drop", c.connection_id),
                    None,
                    Vec::new(),
                )
                .await
                .expect(204);
                // Whatever was already on the wire before the abort still counts.
                loop {
                    let f = c.ws.recv().await;
                    match f.json() {
                        Some(m) => {
                            accept(&mut last, &m);
                        }
                        None => {
                            assert!(matches!(f, Frame::Ended(_)), "{f:?}");
                            break;
                        }
                    }
                }
            } else {
                c.ws.abort();
            }
            resume(&emu, &mut c, None).await;
        }
    }
    sender.await.expect("sender");
    c.ws.expect_no_frame(QUIET).await;
    assert_eq!(drops, 3);
}
