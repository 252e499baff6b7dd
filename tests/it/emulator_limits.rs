//! Limits: the 1 MiB client message limit, and a client that stops reading must neither delay
//! broadcasts to the others nor make the emulator buffer without bound.

use std::time::{Duration, Instant};

use serde_json::json;
use tokio_tungstenite::tungstenite::Message;

use crate::common::*;

const HUB: &str = "chat";

#[tokio::test]
async fn client_message_over_1_mib_closes_the_connection() {
    let emu = Emulator::start();
    let mut m = emu
        .connect_json(HUB, &json!({"sub": "m", "webpubsub.group": ["g1"]}))
        .await;
    let mut c = emu
        .connect_json(HUB, &json!({"sub": "c", "role": ["webpubsub.sendToGroup"]}))
        .await;

    // Just under 1 MiB as a whole frame: accepted and delivered.
    let data = "a".repeat(1_000_000);
    assert_ack_ok(&c.send_text_to("g1", &data).await);
    let got = m.ws.recv_json().await;
    assert_eq!(got["data"].as_str().map(str::len), Some(1_000_000));

    // Over 1 MiB: the connection is closed (1009 or an abort), the message goes nowhere.
    let big = json!({"type": "sendToGroup", "group": "g1", "dataType": "text",
                     "data": "b".repeat(1_100_000), "ackId": 99})
    .to_string();
    let _ = c.ws.try_send(Message::text(big)).await; // may fail once the server gives up
    loop {
        match c.ws.next_frame(RECV_TIMEOUT).await {
            None => panic!("connection still open {RECV_TIMEOUT:?} after a 1.1 MB frame"),
            Some(f @ Frame::Close(..)) => {
                assert!(
                    matches!(f, Frame::Close(Some(1009), _)),
                    "close code for an oversized message should be 1009: {f:?}"
                );
                break;
            }
            Some(Frame::Ended(_)) => break,
            Some(f) => {
                let v = f.json().unwrap_or_default();
                assert!(
                    !(v["type"] == "ack" && v["success"] == json!(true)),
                    "oversized message was accepted: {v}"
                );
            }
        }
    }
    m.ws.expect_no_frame(QUIET).await;
    emu.rest("HEAD", "/api/health", None, Vec::new())
        .await
        .expect(200);
    m.ws.ping_pong().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_reader_does_not_delay_a_broadcast_to_the_others() {
    const N: usize = 320;
    const SIZE: usize = 128 * 1024; // 40 MiB in total
    let emu = Emulator::start();

    // A JSON client with a tiny receive buffer that reads its connected frame and then nothing.
    let token = emu.client_token(HUB, &json!({"sub": "stalled", "webpubsub.group": ["room"]}));
    let mut ws = emu
        .ws_open(
            &format!("/client/hubs/{HUB}?access_token={}", enc(&token)),
            &WsOpts {
                protocols: vec![JSON_V1.into()],
                recv_buffer: Some(4096),
                ..WsOpts::default()
            },
        )
        .await
        .unwrap_or_else(|r| panic!("rejected: {r:?}"));
    let connected = ws.recv_json().await;
    let stalled = Client::from_connected(ws, connected);

    // Three simple clients that read everything.
    let mut readers = Vec::new();
    for i in 0..3 {
        let mut ws = emu
            .connect_simple_user(
                HUB,
                &format!("reader{i}"),
                &json!({"webpubsub.group": ["room"]}),
            )
            .await;
        readers.push(tokio::spawn(async move {
            let deadline = Instant::now() + Duration::from_secs(60);
            for expected in 0..N {
                let left = deadline.saturating_duration_since(Instant::now());
                match ws.next_frame(left).await {
                    Some(Frame::Binary(b)) => {
                        assert_eq!(b.len(), SIZE, "reader{i}: message {expected} size");
                        let idx = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize;
                        assert_eq!(idx, expected, "reader{i}: messages out of order or lost");
                    }
                    other => panic!("reader{i}: message {expected} of {N}: got {other:?}"),
                }
            }
            ws
        }));
    }

    let path = v(&format!("/api/hubs/{HUB}/groups/room/:send"));
    for i in 0..N {
        let mut body = vec![(i % 251) as u8; SIZE];
        body[..4].copy_from_slice(&(i as u32).to_be_bytes());
        emu.rest("POST", &path, Some("application/octet-stream"), body)
            .await
            .expect_accepted();
    }
    emu.rest("HEAD", "/api/health", None, Vec::new())
        .await
        .expect(200);

    for r in readers {
        let ws = r
            .await
            .expect("a normal reader missed part of the broadcast");
        drop(ws);
    }

    // The stalled connection is dropped rather than buffered without bound.
    let conn = v(&format!(
        "/api/hubs/{HUB}/connections/{}",
        stalled.connection_id
    ));
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let r = emu.rest("HEAD", &conn, None, Vec::new()).await;
        if r.status == 404 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "a client that stopped reading is still connected 30 s after {} MiB were \
             broadcast to it (HEAD answers {})",
            N * SIZE / (1024 * 1024),
            r.status
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    drop(stalled);
}
