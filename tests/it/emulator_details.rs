//! The details of issue 11: message metadata, message time to live, the simple client's
//! `webpubsub_mode=sendToGroup`, and upstream events in order per connection. Each test starts
//! the real emulator and drives it with raw HTTP and WebSocket clients; the upstream tests run a
//! real local event handler.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};

use crate::common::*;

/// A signed REST `POST` with extra request headers.
async fn post_with_headers(
    emu: &Emulator,
    path_and_query: &str,
    content_type: &str,
    headers: &[(&str, &str)],
    body: impl Into<Vec<u8>>,
) -> (u16, String) {
    let auth = format!("Bearer {}", emu.rest_token(&emu.url(path_and_query)));
    let mut all = vec![
        ("Authorization", auth.as_str()),
        ("Content-Type", content_type),
    ];
    all.extend_from_slice(headers);
    let r = emu
        .call("POST", path_and_query, &all, Some(body.into()))
        .await;
    (r.status, String::from_utf8_lossy(&r.body).into_owned())
}

/// The data frames (`type: message`) among a client's next frames, up to and including the one
/// whose `data` is `last`.
async fn messages_until(ws: &mut Ws, last: &str) -> Vec<Value> {
    let mut seen = Vec::new();
    loop {
        let v = ws
            .recv_until(&format!("message {last:?}"), |v| v["type"] == "message")
            .await;
        let done = v["data"] == json!(last);
        seen.push(v);
        if done {
            return seen;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn rest_metadata_headers_reach_json_receivers() {
    let emu = Emulator::start();
    let mut json_client = emu
        .connect_json("chat", &json!({"webpubsub.group": ["room"]}))
        .await;
    // With a user, so that it returns once the emulator has the connection in its group.
    let mut simple = emu
        .connect_simple_user("chat", "simple", &json!({"webpubsub.group": ["room"]}))
        .await;
    emu.eventually_head(&v("/api/hubs/chat/groups/room"), 200)
        .await;

    let (status, body) = post_with_headers(
        &emu,
        &v("/api/hubs/chat/groups/room/:send"),
        "text/plain",
        &[
            ("X-WebPubSub-Metadata-Trace", "t-1"),
            // Of a comma-separated value, the last one counts (trimmed), as in Microsoft's emulator.
            ("x-webpubsub-metadata-KIND", "first, last "),
        ],
        "hello",
    )
    .await;
    assert_eq!(status, 202, "{body}");
    let got = json_client.ws.recv_json().await;
    assert_fields(
        &got,
        &json!({"type": "message", "from": "group", "group": "room", "dataType": "text",
                "data": "hello", "metadata": {"trace": "t-1", "kind": "last"}}),
    );
    // A simple client gets the payload only: it has nowhere to put metadata.
    assert_eq!(simple.recv_text().await, "hello");

    // Without the headers there is no `metadata` field at all.
    emu.rest(
        "POST",
        &v("/api/hubs/chat/:send"),
        Some("text/plain"),
        "plain",
    )
    .await
    .expect_accepted();
    let got = json_client.ws.recv_json().await;
    assert_eq!(got["data"], "plain");
    assert!(got.get("metadata").is_none(), "{got}");

    // Metadata the service would refuse is a 400 that says what is wrong; nothing is sent.
    let long = "v".repeat(1025);
    let (status, body) = post_with_headers(
        &emu,
        &v("/api/hubs/chat/:send"),
        "text/plain",
        &[("X-WebPubSub-Metadata-Big", long.as_str())],
        "never",
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("metadata value of 'big'"), "{body}");
    emu.rest(
        "POST",
        &v("/api/hubs/chat/:send"),
        Some("text/plain"),
        "after",
    )
    .await
    .expect_accepted();
    assert_eq!(json_client.ws.recv_json().await["data"], "after");
}

#[tokio::test]
async fn client_metadata_reaches_group_members_and_bad_metadata_is_refused() {
    let emu = Emulator::start();
    let roles = json!({"role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]});
    let mut sender = emu.connect_json("chat", &roles).await;
    let mut receiver = emu.connect_reliable("chat", &roles).await;
    assert_ack_ok(&receiver.join("room").await);

    let ack = sender
        .call(
            json!({"type": "sendToGroup", "group": "room", "dataType": "text", "data": "hi",
                     "metadata": {"Trace": "abc", "x-b": "1"}}),
        )
        .await;
    assert_ack_ok(&ack);
    let got = receiver.ws.recv_json().await;
    assert_fields(
        &got,
        &json!({"type": "message", "from": "group", "group": "room", "data": "hi",
                "sequenceId": 1, "metadata": {"Trace": "abc", "x-b": "1"}}),
    );

    for (metadata, needle) in [
        (json!({"a b": "1"}), "not a header token"),
        (json!({"k": "é"}), "not ASCII"),
        (json!({"k": "v".repeat(1025)}), "longer than 1024"),
    ] {
        let ack = sender
            .call(
                json!({"type": "sendToGroup", "group": "room", "dataType": "text",
                         "data": "no", "metadata": metadata}),
            )
            .await;
        assert_ack_err(&ack, "BadRequest");
        assert!(
            ack["error"]["message"].as_str().unwrap().contains(needle),
            "{ack}"
        );
    }
    let ack = sender
        .call(
            json!({"type": "sendToGroup", "group": "room", "dataType": "text",
                     "data": "no", "ttlSeconds": 301}),
        )
        .await;
    assert_ack_err(&ack, "BadRequest");
    // None of the refused messages arrived: the next one is the one after them.
    sender.send_text_to("room", "last").await;
    let got = messages_until(&mut receiver.ws, "last").await;
    assert_eq!(got.len(), 1, "{got:?}");
}

// ---------------------------------------------------------------------------------------------
// Time to live
// ---------------------------------------------------------------------------------------------

/// A reliable client that drops and recovers after the time to live of some of the messages
/// sent meanwhile gets the others, in order, and never the expired ones: neither a REST
/// `messageTtlSeconds` one nor a client's `ttlSeconds` one.
#[tokio::test]
async fn expired_messages_are_not_replayed_after_a_recovery() {
    let emu = Emulator::start();
    let roles = json!({"role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]});
    let mut receiver = emu.connect_reliable("chat", &roles).await;
    assert_ack_ok(&receiver.join("room").await);
    let mut sender = emu.connect_json("chat", &roles).await;
    receiver.ws.abort();

    let send = |data: &'static str, ttl: Option<u32>| {
        let path = match ttl {
            Some(t) => format!("/api/hubs/chat/groups/room/:send?{API}&messageTtlSeconds={t}"),
            None => v("/api/hubs/chat/groups/room/:send"),
        };
        let emu = &emu;
        async move {
            emu.rest("POST", &path, Some("text/plain"), data)
                .await
                .expect_accepted();
        }
    };
    send("rest-ttl-1", Some(1)).await;
    assert_ack_ok(
        &sender
            .call(
                json!({"type": "sendToGroup", "group": "room", "dataType": "text",
                         "data": "client-ttl-1", "ttlSeconds": 1}),
            )
            .await,
    );
    send("rest-ttl-300", Some(300)).await;
    send("rest-ttl-0", Some(0)).await;
    assert_ack_ok(
        &sender
            .call(
                json!({"type": "sendToGroup", "group": "room", "dataType": "text",
                         "data": "client-no-ttl"}),
            )
            .await,
    );
    // Past the 1 s messages' time to live, well within the 30 s recovery window.
    tokio::time::sleep(Duration::from_millis(1500)).await;

    let mut ws = emu
        .recover(
            "chat",
            &receiver.connection_id,
            receiver.reconnection_token.as_deref().unwrap(),
            None,
        )
        .await
        .expect("recovery");
    send("after", None).await;
    let got: Vec<(Value, Value)> = messages_until(&mut ws, "after")
        .await
        .into_iter()
        .map(|m| (m["data"].clone(), m["sequenceId"].clone()))
        .collect();
    assert_eq!(
        got,
        [
            (json!("rest-ttl-300"), json!(3)),
            (json!("rest-ttl-0"), json!(4)),
            (json!("client-no-ttl"), json!(5)),
            (json!("after"), json!(6)),
        ]
    );
}

/// A client that stops reading has its messages queued; one whose time to live passes while
/// it waits in that queue is dropped, and the rest arrive in order once the client reads again.
#[tokio::test]
async fn an_expired_message_is_not_written_from_a_stalled_queue() {
    let emu = Emulator::start();
    let token = emu.client_token("chat", &json!({"webpubsub.group": ["room"]}));
    let opts = WsOpts {
        protocols: vec![JSON_V1.to_string()],
        // A small receive window, so the emulator's queue (not the kernel) holds the backlog.
        recv_buffer: Some(4096),
        ..WsOpts::default()
    };
    let mut ws = emu
        .ws_open(
            &format!("/client/hubs/chat?access_token={}", enc(&token)),
            &opts,
        )
        .await
        .expect("handshake");
    assert_eq!(ws.recv_json().await["event"], "connected");
    emu.eventually_head(&v("/api/hubs/chat/groups/room"), 200)
        .await;

    // 14 MB of backlog: more than loopback's send buffer (4 MiB here) can take, less than the
    // 16 MiB queue limit that would evict the client.
    const FILLERS: usize = 14;
    let filler = "f".repeat(1_000_000);
    for _ in 0..FILLERS {
        emu.rest(
            "POST",
            &v("/api/hubs/chat/groups/room/:send"),
            Some("text/plain"),
            filler.clone(),
        )
        .await
        .expect_accepted();
    }
    emu.rest(
        "POST",
        &format!("/api/hubs/chat/groups/room/:send?{API}&messageTtlSeconds=1"),
        Some("text/plain"),
        "expires",
    )
    .await
    .expect_accepted();
    emu.rest(
        "POST",
        &v("/api/hubs/chat/groups/room/:send"),
        Some("text/plain"),
        "after",
    )
    .await
    .expect_accepted();
    tokio::time::sleep(Duration::from_millis(1500)).await;

    let got: Vec<String> = messages_until(&mut ws, "after")
        .await
        .into_iter()
        .map(|m| {
            let data = m["data"].as_str().unwrap_or_default();
            if data == filler {
                "filler".to_string()
            } else {
                data.to_string()
            }
        })
        .collect();
    let mut want = vec!["filler".to_string(); FILLERS];
    want.push("after".to_string());
    assert_eq!(got, want);
}

// ---------------------------------------------------------------------------------------------
// webpubsub_mode=sendToGroup
// ---------------------------------------------------------------------------------------------

async fn open_raw(emu: &Emulator, claims: &Value, query: &str) -> Result<Ws, Rejected> {
    let token = emu.client_token("chat", claims);
    emu.ws_open(
        &format!("/client/hubs/chat?access_token={}&{query}", enc(&token)),
        &WsOpts::default(),
    )
    .await
}

#[tokio::test]
async fn raw_clients_send_to_their_group_with_permission() {
    let emu = Emulator::start();
    let mut member = emu
        .connect_json(
            "chat",
            &json!({"sub": "m", "role": ["webpubsub.joinLeaveGroup"]}),
        )
        .await;
    assert_ack_ok(&member.join("room").await);
    // With a user, so that it returns once the emulator has the connection in its group.
    let mut raw_member = emu
        .connect_simple_user("chat", "raw-member", &json!({"webpubsub.group": ["room"]}))
        .await;
    // In the group itself, with noEcho: it does not get its own frames back.
    let mut sender = open_raw(
        &emu,
        &json!({"sub": "raw-user", "role": ["webpubsub.sendToGroup.room"],
                "webpubsub.group": ["room"]}),
        "webpubsub_mode=SendToGroup&group=room&noEcho=TRUE",
    )
    .await
    .expect("raw sender");
    assert_eq!(sender.protocol, None);

    sender.send_text("hello room").await;
    sender.send_binary(vec![0, 1, 2, 255]).await;
    let got = member.ws.recv_json_n(2).await;
    assert_fields(
        &got[0],
        &json!({"type": "message", "from": "group", "group": "room", "fromUserId": "raw-user",
                "dataType": "text", "data": "hello room"}),
    );
    assert_fields(
        &got[1],
        &json!({"from": "group", "dataType": "binary", "data": b64(&[0, 1, 2, 255])}),
    );
    assert_eq!(raw_member.recv_text().await, "hello room");
    assert_eq!(raw_member.recv_binary().await, vec![0, 1, 2, 255]);
    sender.expect_no_frame(QUIET).await;

    // Without noEcho the sender is a member like any other.
    let mut echoing = open_raw(
        &emu,
        &json!({"role": ["webpubsub.sendToGroup"], "webpubsub.group": ["room"]}),
        "webpubsub_mode=sendToGroup&group=room",
    )
    .await
    .expect("raw sender");
    echoing.send_text("echo").await;
    assert_eq!(echoing.recv_text().await, "echo");
    assert_eq!(member.ws.recv_json().await["data"], "echo");
}

#[tokio::test]
async fn raw_group_mode_is_refused_without_permission_or_with_bad_parameters() {
    let emu = Emulator::start();
    let mut member = emu
        .connect_json("chat", &json!({"webpubsub.group": ["room"]}))
        .await;
    emu.eventually_head(&v("/api/hubs/chat/groups/room"), 200)
        .await;
    // Allowed for another group only: its first frame closes it (1008) and reaches nobody.
    let mut other = open_raw(
        &emu,
        &json!({"role": ["webpubsub.sendToGroup.lobby"]}),
        "webpubsub_mode=sendToGroup&group=room",
    )
    .await
    .expect("handshake");
    other.send_text("not allowed").await;
    match other.expect_end().await {
        Frame::Close(Some(1008), reason) => {
            assert!(reason.contains("webpubsub.sendToGroup"), "{reason}")
        }
        f => panic!("expected close 1008, got {f:?}"),
    }
    emu.rest(
        "POST",
        &v("/api/hubs/chat/:send"),
        Some("text/plain"),
        "marker",
    )
    .await
    .expect_accepted();
    assert_eq!(member.ws.recv_json().await["data"], "marker");

    for (query, needle) in [
        (
            "webpubsub_mode=broadcast&group=room",
            "Invalid webpubsub_mode",
        ),
        ("webpubsub_mode=sendToGroup", "group=NAME"),
        (
            "webpubsub_mode=sendToGroup&group=room&noEcho=maybe",
            "Invalid noEcho",
        ),
    ] {
        let r = open_raw(&emu, &json!({"role": ["webpubsub.sendToGroup"]}), query)
            .await
            .err()
            .unwrap_or_else(|| panic!("{query} was accepted"));
        assert_eq!(r.status, 400, "{query}: {r:?}");
        assert!(r.body.contains(needle), "{query}: {}", r.body);
    }
    // `sendEvent` is the default mode, and JSON clients ignore the raw parameters.
    open_raw(&emu, &json!({}), "webpubsub_mode=sendEvent&group=room")
        .await
        .expect("sendEvent");
    let token = emu.client_token("chat", &json!({}));
    let opts = WsOpts {
        protocols: vec![JSON_V1.to_string()],
        ..WsOpts::default()
    };
    let mut json_client = emu
        .ws_open(
            &format!(
                "/client/hubs/chat?access_token={}&webpubsub_mode=sendToGroup&group=room",
                enc(&token)
            ),
            &opts,
        )
        .await
        .expect("json client");
    assert_eq!(json_client.recv_json().await["event"], "connected");
    json_client.ping_pong().await;
}

// ---------------------------------------------------------------------------------------------
// Upstream: metadata and order
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Seen {
    connection: String,
    event: String,
    id: u64,
    data: String,
    headers: HeaderMap,
}

type Log = Arc<Mutex<Vec<Seen>>>;

/// An event handler that records each event *when it has answered it*, after a pause for the
/// system events, so a sender that did not wait for `connected` before the next event would
/// show up out of order. User events are answered with their body and a metadata header.
async fn start_recording_handler() -> (u16, Log) {
    let log: Log = Arc::default();
    let seen = log.clone();
    let app = Router::new().fallback(move |method: Method, headers: HeaderMap, body: Bytes| {
        let seen = seen.clone();
        async move {
            let h = |n: &str| header_text(&headers, n);
            if method == Method::OPTIONS {
                return allow_webhook_origin(&headers);
            }
            let ce_type = h("ce-type");
            if ce_type.starts_with("azure.webpubsub.sys.") {
                tokio::time::sleep(Duration::from_millis(30)).await;
            }
            seen.lock().unwrap().push(Seen {
                connection: h("ce-connectionid"),
                event: h("ce-eventname"),
                id: h("ce-id").parse().unwrap_or(0),
                data: String::from_utf8_lossy(&body).to_string(),
                headers: headers.clone(),
            });
            if ce_type.starts_with("azure.webpubsub.user.") {
                let reply: Response = (
                    StatusCode::OK,
                    [
                        ("content-type", "text/plain"),
                        ("X-WebPubSub-Metadata-Handled-By", "recorder"),
                    ],
                    format!("echo:{}", String::from_utf8_lossy(&body)),
                )
                    .into_response();
                return reply;
            }
            StatusCode::NO_CONTENT.into_response()
        }
    });
    let port = serve_on_loopback(app).await;
    (port, log)
}

fn handler_spec(port: u16) -> String {
    format!(
        "url-template=http://127.0.0.1:{port}/eh/{{event}} user-event-pattern=* system-event=connect system-event=connected system-event=disconnected"
    )
}

#[tokio::test]
async fn event_metadata_reaches_the_handler_and_its_answer_carries_its_own() {
    let (port, log) = start_recording_handler().await;
    let emu = Emulator::start_with(&["--event-handler", &handler_spec(port)]);
    let mut c = emu.connect_json("chat", &json!({"sub": "u"})).await;
    let ack = c
        .call(
            json!({"type": "event", "event": "chat", "dataType": "text", "data": "hi",
                     "metadata": {"Trace-Id": "t1"}}),
        )
        .await;
    assert_ack_ok(&ack);
    let answer =
        c.ws.take_pending(|v| v["type"] == "message")
            .expect("answer");
    assert_fields(
        &answer,
        &json!({"from": "server", "dataType": "text", "data": "echo:hi",
                "metadata": {"handled-by": "recorder"}}),
    );
    let event = log
        .lock()
        .unwrap()
        .iter()
        .find(|s| s.event == "chat")
        .cloned()
        .expect("chat event");
    assert_eq!(
        event
            .headers
            .get("x-webpubsub-metadata-trace-id")
            .and_then(|v| v.to_str().ok()),
        Some("t1")
    );
    // An event without metadata sends no metadata header.
    assert_ack_ok(
        &c.call(json!({"type": "event", "event": "plain", "dataType": "text", "data": "x"}))
            .await,
    );
    let plain = log
        .lock()
        .unwrap()
        .iter()
        .find(|s| s.event == "plain")
        .cloned()
        .expect("plain event");
    assert!(
        !plain
            .headers
            .keys()
            .any(|k| k.as_str().starts_with("x-webpubsub-metadata-")),
        "{:?}",
        plain.headers
    );
}

/// Many connections, each sending many events: the handler sees every connection's events in
/// the order they happened (`connect`, `connected`, the user events in send order,
/// `disconnected`), numbered 1, 2, 3, … without a gap.
#[tokio::test]
async fn upstream_events_arrive_in_order_per_connection_under_load() {
    const CONNECTIONS: usize = 16;
    const EVENTS: usize = 25;
    let (port, log) = start_recording_handler().await;
    let emu = Arc::new(Emulator::start_with(&[
        "--event-handler",
        &handler_spec(port),
    ]));
    let mut tasks = Vec::new();
    for _ in 0..CONNECTIONS {
        let emu = emu.clone();
        tasks.push(tokio::spawn(async move {
            let mut c = emu.connect_json("chat", &json!({})).await;
            // All sent at once, then all acks awaited: the socket holds a backlog of events.
            for i in 0..EVENTS {
                c.ws.send_json(&json!({"type": "event", "event": "tick", "ackId": i + 1,
                                        "dataType": "text", "data": format!("{i}")}))
                    .await;
            }
            c.ws.recv_until("the last ack", |v| {
                v["type"] == "ack" && v["ackId"] == json!(EVENTS)
            })
            .await;
            let id = c.connection_id.clone();
            c.ws.close().await;
            id
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.expect("client task"));
    }
    let expected_per_conn = EVENTS + 3;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let n = log
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.event == "disconnected")
            .count();
        if n >= CONNECTIONS || tokio::time::Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut by_conn: HashMap<String, Vec<Seen>> = HashMap::new();
    for s in log.lock().unwrap().iter() {
        by_conn
            .entry(s.connection.clone())
            .or_default()
            .push(s.clone());
    }
    let mut want = vec!["connect".to_string(), "connected".to_string()];
    want.extend((0..EVENTS).map(|i| format!("tick:{i}")));
    want.push("disconnected".to_string());
    for id in &ids {
        let seen = by_conn.get(id).map(Vec::as_slice).unwrap_or_default();
        let order: Vec<String> = seen
            .iter()
            .map(|s| match s.event.as_str() {
                "tick" => format!("tick:{}", s.data),
                other => other.to_string(),
            })
            .collect();
        assert_eq!(order, want, "connection {id}");
        let numbers: Vec<u64> = seen.iter().map(|s| s.id).collect();
        let counted: Vec<u64> = (1..=expected_per_conn as u64).collect();
        assert_eq!(numbers, counted, "ce-ids of connection {id}");
    }
}

/// Stopping the emulator closes its clients and delivers their `disconnected` events before the
/// process exits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_delivers_the_disconnected_events_of_its_clients() {
    let (port, log) = start_recording_handler().await;
    let mut emu = Emulator::start_with(&["--event-handler", &handler_spec(port)]);
    let mut ids = Vec::new();
    let mut clients = Vec::new();
    for _ in 0..3 {
        let c = emu.connect_json("chat", &json!({})).await;
        ids.push(c.connection_id.clone());
        clients.push(c);
    }
    let status =
        tokio::task::block_in_place(|| emu.signal_and_wait("TERM", Duration::from_secs(15)));
    assert!(status.is_some(), "still running; stderr:\n{}", emu.stderr());
    let log = log.lock().unwrap();
    for id in &ids {
        let events: Vec<&str> = log
            .iter()
            .filter(|s| s.connection == *id)
            .map(|s| s.event.as_str())
            .collect();
        assert_eq!(events, ["connect", "connected", "disconnected"], "{id}");
        let last = log.iter().rfind(|s| s.connection == *id).expect("an event");
        assert!(last.data.contains("shutting down"), "{}", last.data);
    }
}

/// A handler that never answers does not hold the shutdown: it waits a bounded time, then says
/// what it did not send.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_gives_up_on_a_handler_that_never_answers() {
    let app = Router::new().fallback(|method: Method, headers: HeaderMap| async move {
        if method == Method::OPTIONS {
            return allow_webhook_origin(&headers);
        }
        if header_text(&headers, "ce-eventname") == "disconnected" {
            std::future::pending::<()>().await;
        }
        StatusCode::NO_CONTENT.into_response()
    });
    let port = serve_on_loopback(app).await;
    let mut emu = Emulator::start_with(&["--event-handler", &handler_spec(port)]);
    let _c = emu.connect_json("chat", &json!({})).await;
    let status =
        tokio::task::block_in_place(|| emu.signal_and_wait("TERM", Duration::from_secs(15)));
    assert!(status.is_some(), "still running; stderr:\n{}", emu.stderr());
    let stderr = emu.stderr();
    assert!(stderr.contains("were not sent"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// The CLI: `--metadata` and `--ttl` on the sends
// ---------------------------------------------------------------------------------------------

fn cli(emu: &Emulator, args: &[&str]) -> std::process::Output {
    std::process::Command::new(bin())
        .args(args)
        .env("WebPubSubConnectionString", &emu.conn_str)
        .env("WebPubSubHub", "chat")
        .env_remove("WebPubSubAccessKey")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run webpubsub")
}

#[tokio::test]
async fn cli_sends_carry_metadata_and_ttl() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_json("chat", &json!({"sub": "u1", "webpubsub.group": ["room"]}))
        .await;
    emu.eventually_head(&v("/api/hubs/chat/groups/room"), 200)
        .await;
    let sends: [&[&str]; 4] = [
        &["service", "broadcast"],
        &["service", "group", "send", "--group-name", "room"],
        &["service", "user", "send", "--user-id", "u1"],
        &[
            "service",
            "connection",
            "send",
            "--connection-id",
            &c.connection_id,
        ],
    ];
    for (i, send) in sends.iter().enumerate() {
        let payload = format!("m{i}");
        let mut args = send.to_vec();
        args.extend([
            "--payload",
            &payload,
            "--metadata",
            "Trace=t-1",
            "--metadata",
            "kind=a=b",
            "--ttl",
            "30",
        ]);
        ok(&cli(&emu, &args));
        let got = c.ws.recv_json().await;
        assert_fields(
            &got,
            &json!({"data": payload, "metadata": {"trace": "t-1", "kind": "a=b"}}),
        );
    }

    // --dry-run shows the headers it would send.
    let out = cli(
        &emu,
        &[
            "service",
            "broadcast",
            "--payload",
            "x",
            "--metadata",
            "k=v",
            "--dry-run",
        ],
    );
    let text = ok(&out);
    assert!(text.contains("\nX-WebPubSub-Metadata-k: v\n"), "{text}");

    // Bad pairs are one-line usage errors (exit 2) that say what is wrong.
    for (pair, needle) in [
        ("novalue", "is not KEY=VALUE"),
        ("a b=c", "not a header token"),
        ("k=é", "not ASCII"),
    ] {
        let out = cli(
            &emu,
            &["service", "broadcast", "--payload", "x", "--metadata", pair],
        );
        assert_eq!(out.status.code(), Some(2), "{pair}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{pair}: {stderr}");
    }
    let big = format!("k={}", "v".repeat(1000));
    let mut args = vec!["service", "broadcast", "--payload", "x"];
    let keys: Vec<String> = (0..9).map(|i| format!("k{i}{}", &big[1..])).collect();
    for k in &keys {
        args.extend(["--metadata", k.as_str()]);
    }
    let out = cli(&emu, &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("larger than 8192 bytes"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    c.ws.expect_no_frame(QUIET).await;
}
