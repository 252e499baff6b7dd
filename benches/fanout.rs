//! Benchmark (not a test): emulator fan-out. CLIENTS JSON-subprotocol clients join one group;
//! MESSAGES REST `groups/{g}/:send` calls go out; we time until every client has every message.
//!
//!     cargo bench --bench fanout            # CLIENTS=200 MESSAGES=500 SIZE=256 by default

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use webpubsub::connstr::ConnectionString;
use webpubsub::emulator;
use webpubsub::service::{Client, Settings};
use webpubsub::token::{self, ClientTokenOptions};
use webpubsub::wire::ops::{Args, OpKind};
use webpubsub::wire::{DataType, GroupName, HubName, Op, Payload};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let clients = env("CLIENTS", 200);
    let messages = env("MESSAGES", 500);
    let size = env("SIZE", 256);
    let running = emulator::start(emulator::Options {
        port: 0,
        ..Default::default()
    })
    .await
    .expect("start the emulator");
    let conn: ConnectionString = running
        .connection_string
        .parse()
        .expect("connection string");

    let opts = ClientTokenOptions {
        groups: vec!["bench".to_string()],
        ..Default::default()
    };
    let token = token::mint_client_token(
        conn.access_key(),
        &conn.client_audience("hub"),
        &opts,
        token::now_secs(),
    );
    let mut url = conn.client_url("hub");
    url.query_pairs_mut().append_pair("access_token", &token);

    let mut readers = Vec::new();
    for _ in 0..clients {
        let mut req = url.as_str().into_client_request().expect("request");
        req.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            HeaderValue::from_static(webpubsub::wire::JSON_PROTOCOL),
        );
        let (mut ws, _) = tokio_tungstenite::connect_async(req)
            .await
            .expect("connect");
        // The `connected` frame.
        let _ = ws.next().await;
        readers.push(tokio::spawn(async move {
            let mut got = 0;
            while got < messages {
                match ws.next().await {
                    Some(Ok(m)) if m.is_text() => got += 1,
                    Some(Ok(_)) => {}
                    _ => break,
                }
            }
            got
        }));
    }

    let hub = HubName::parse("hub").expect("hub name");
    let client = Client::new(conn, hub, Settings::default()).expect("client");
    let payload =
        Payload::new(DataType::Text, bytes::Bytes::from("x".repeat(size))).expect("payload");
    let args = Args {
        group: Some(GroupName::parse("bench").expect("group name")),
        payload: Some(payload),
        ..Args::default()
    };
    let op = Op::new(OpKind::SendToGroup, args).expect("op");
    let start = Instant::now();
    for _ in 0..messages {
        client.execute(&op).await.expect("send");
    }
    let sent = start.elapsed();
    let mut delivered = 0;
    for r in readers {
        delivered += tokio::time::timeout(Duration::from_secs(120), r)
            .await
            .expect("clients finish")
            .expect("reader task");
    }
    let all = start.elapsed();
    println!("fan-out: {clients} clients x {messages} messages of {size} B (REST group send, one sender)");
    println!(
        "  sends done in {:.2} s ({:.0} REST calls/s); all delivered in {:.2} s: {delivered} frames, {:.0} frames/s",
        sent.as_secs_f64(),
        messages as f64 / sent.as_secs_f64(),
        all.as_secs_f64(),
        delivered as f64 / all.as_secs_f64()
    );
    running.stop().await.expect("stop");
}
