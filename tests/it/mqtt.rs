//! MQTT: the emulator's `/clients/mqtt/hubs/{hub}` endpoint and `client start --protocol mqtt`,
//! against the real binary; token audiences of each client type (decoded with `jsonwebtoken`);
//! the upstream events of an MQTT session; wrong audiences and oversized packets refused.
//! Third-party MQTT clients (paho-mqtt, npm mqtt) are in `tests/interop`.

use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::IntoResponse;
use axum::Router;
use jsonwebtoken::{decode, DecodingKey, Validation};
use serde_json::{json, Value};

use crate::client::{drop_socket, Piped};
use crate::common::*;

const HUB: &str = "chat";

/// Reads lines until one matches.
#[track_caller]
fn until(p: &mut Piped, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..50 {
        let v = p.next(what);
        if pred(&v) {
            return v;
        }
    }
    panic!("no line {what} in 50 lines");
}

fn ack_of(p: &mut Piped, ack_id: u64) -> Value {
    until(p, &format!("ack {ack_id}"), |v| {
        v["type"] == "ack" && v["ackId"] == ack_id
    })
}

/// The ack of a command and a message, in whichever order they come.
fn ack_and_message(p: &mut Piped, ack_id: u64) -> (Value, Value) {
    let (mut ack, mut msg) = (None, None);
    while ack.is_none() || msg.is_none() {
        let v = p.next("an ack and a message");
        if v["type"] == "ack" && v["ackId"] == ack_id {
            ack = Some(v);
        } else if v["type"] == "message" {
            msg = Some(v);
        }
    }
    (ack.unwrap(), msg.unwrap())
}

fn message(p: &mut Piped) -> Value {
    until(p, "a message", |v| v["type"] == "message")
}

/// An MQTT 5.0 and an MQTT 3.1.1 CLI client and a JSON one, all in group g1: each one's
/// messages reach the others, typed as the service's content-type table says.
#[tokio::test]
async fn mqtt_and_json_clients_on_one_hub_see_each_others_messages() {
    let emu = Emulator::start();
    let mut m5 = Piped::start(&emu, &["--protocol", "mqtt", "--user-id", "m5"]);
    let mut m3 = Piped::start(&emu, &["--protocol", "mqtt3", "--user-id", "m3"]);
    let mut js = Piped::start(&emu, &["--protocol", "json", "--user-id", "js"]);
    for (p, proto) in [(&mut m5, "mqtt 5.0"), (&mut m3, "mqtt 3.1.1")] {
        let c = p.next("connected");
        assert_eq!(c["event"], "connected");
        assert_eq!(c["protocol"], proto);
        let id = c["connectionId"].as_str().unwrap();
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()), "{id}");
    }
    js.next("connected");
    for p in [&mut m5, &mut m3, &mut js] {
        p.write("joingroup g1");
        let ack = ack_of(p, 1);
        assert_eq!(ack["success"], true, "{ack}");
        assert_eq!(ack["command"], "joingroup g1");
    }

    // MQTT 5.0 text → JSON sees text; 3.1.1 sees the bytes (no content type in 3.1.1).
    m5.write("sendtogroup g1 hello from mqtt");
    // The publisher is subscribed too: MQTT echoes (no No Local asked), before or after the ack.
    let (ack, echo) = ack_and_message(&mut m5, 2);
    assert_eq!(ack["success"], true, "{ack}");
    assert_eq!(echo["data"], "hello from mqtt");
    let got = message(&mut js);
    assert_eq!(got["from"], "group");
    assert_eq!(got["group"], "g1");
    assert_eq!(got["dataType"], "text");
    assert_eq!(got["data"], "hello from mqtt");
    assert_eq!(got["fromUserId"], "m5");
    let got = message(&mut m3);
    assert_eq!(got["dataType"], "binary");
    assert_eq!(got["data"], b64(b"hello from mqtt"));

    // JSON → MQTT 5.0 keeps the JSON type; 3.1.1 gets the UTF-8 bytes of the JSON text.
    js.write(r#"sendtogroup g1 {"a":1} --json"#);
    let (ack, echo) = ack_and_message(&mut js, 2);
    assert_eq!(ack["success"], true);
    assert_eq!(echo["data"], json!({"a": 1}));
    let got = message(&mut m5);
    assert_eq!(got["group"], "g1");
    assert_eq!(got["dataType"], "json");
    assert_eq!(got["data"], json!({"a": 1}));
    let got = message(&mut m3);
    assert_eq!(got["dataType"], "binary");
    assert_eq!(got["data"], b64(br#"{"a":1}"#));

    // 3.1.1 → JSON: binary, as the service's table says for content-type-less messages.
    m3.write("sendtogroup g1 from three");
    let (ack, echo) = ack_and_message(&mut m3, 2);
    assert_eq!(ack["success"], true);
    assert_eq!(echo["data"], b64(b"from three"));
    let got = until(&mut js, "the 3.1.1 message", |v| {
        v["type"] == "message" && v["dataType"] == "binary"
    });
    assert_eq!(got["data"], b64(b"from three"));

    // REST send to all: `$webpubsub/server/messages`, from the server.
    emu.rest(
        "POST",
        &v("/api/hubs/chat/:send"),
        Some("text/plain"),
        b"to all".to_vec(),
    )
    .await
    .expect_accepted();
    let got = until(&mut m5, "the server message", |v| {
        v["type"] == "message" && v["from"] == "server"
    });
    assert_eq!(got["data"], "to all");
    assert_eq!(got["dataType"], "text");

    // Leave: no more messages; the ack is the UNSUBACK.
    m5.write("leavegroup g1");
    assert_eq!(ack_of(&mut m5, 3)["success"], true);
    for p in [&mut m5, &mut m3, &mut js] {
        p.close_stdin();
        let (status, _) = p.wait();
        assert_eq!(code(status), 0, "{}", p.stderr());
    }
}

/// Without permission, SUBSCRIBE and PUBLISH fail with the service's reasons, as ack lines;
/// --no-echo has no MQTT form and fails the command; wildcards are refused.
#[tokio::test]
async fn permissions_and_unsupported_features_fail_their_commands() {
    let emu = Emulator::start();
    let mut m = Piped::start(
        &emu,
        &[
            "--protocol",
            "mqtt",
            "--role",
            "webpubsub.joinLeaveGroup.g1",
        ],
    );
    m.next("connected");
    m.write("joingroup g2");
    let ack = ack_of(&mut m, 1);
    assert_eq!(ack["success"], false);
    assert_eq!(ack["error"]["name"], "NotAuthorized");
    m.write("sendtogroup g1 hi");
    let ack = ack_of(&mut m, 2);
    assert_eq!(ack["success"], false, "{ack}");
    assert_eq!(ack["error"]["name"], "NotAuthorized");
    m.write("sendtogroup g1 hi --no-echo");
    assert_eq!(ack_of(&mut m, 3)["error"]["name"], "NotSupported");
    m.write("joingroup a/+");
    let ack = ack_of(&mut m, 4);
    assert_eq!(ack["error"]["name"], "WildcardSubscriptionsNotSupported");
    m.close_stdin();
    let (status, _) = m.wait();
    assert_eq!(code(status), 8, "failed commands exit 8");
}

fn cli_json(args: &[&str]) -> Value {
    let out = Command::new(bin())
        .args(args)
        .env_remove("WebPubSubConnectionString")
        .env_remove("WebPubSubHub")
        .output()
        .expect("run webpubsub");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

/// `client token` (minted locally) and `service token` (the emulator's :generateToken) give
/// each client type its audience and a URL on its endpoint; the signature and `aud` are checked
/// by jsonwebtoken, not by our code.
#[tokio::test]
async fn token_audiences_and_urls_follow_the_client_type() {
    let emu = Emulator::start();
    let cases = [
        ("default", "client/hubs/chat"),
        ("mqtt", "clients/mqtt/hubs/chat"),
        ("MQTT", "clients/mqtt/hubs/chat"),
        ("socketio", "clients/socketio/hubs/chat"),
    ];
    for command in ["client", "service"] {
        for (kind, path) in cases {
            let out = cli_json(&[
                command,
                "token",
                "--connection-string",
                &emu.conn_str,
                "--hub",
                HUB,
                "--client-type",
                kind,
                "--user-id",
                "u1",
                "-o",
                "json",
            ]);
            let token = out["token"].as_str().expect("token");
            let aud = format!("{}/{path}", emu.endpoint);
            let mut validation = Validation::new(jsonwebtoken::Algorithm::HS256);
            validation.set_audience(&[aud.as_str()]);
            let data = decode::<Value>(
                token,
                &DecodingKey::from_secret(emu.key.as_bytes()),
                &validation,
            )
            .unwrap_or_else(|e| panic!("{command} token --client-type {kind}: {e}"));
            assert_eq!(data.claims["sub"], "u1");
            let url = out["url"].as_str().expect("url");
            let want = format!("ws://localhost:{}/{path}?access_token={token}", emu.port);
            assert_eq!(url, want, "{command} token --client-type {kind}");
        }
    }
    // Anything else is refused, with the choices named.
    let out = Command::new(bin())
        .args([
            "client",
            "token",
            "--connection-string",
            &emu.conn_str,
            "--hub",
            HUB,
        ])
        .args(["--client-type", "carrier-pigeon"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Default, MQTT or SocketIO"));
    // The REST operation takes SocketIO too (the SDKs send it).
    let r = emu
        .rest(
            "POST",
            &v("/api/hubs/chat/:generateToken?clientType=SocketIO"),
            None,
            Vec::new(),
        )
        .await;
    r.expect(200);
    assert_eq!(
        jwt_payload(r.json()["token"].as_str().unwrap())["aud"],
        format!("{}/clients/socketio/hubs/chat", emu.endpoint)
    );
}

fn mqtt_opts(headers: Vec<(String, String)>) -> WsOpts {
    WsOpts {
        protocols: vec!["mqtt".into()],
        headers,
        recv_buffer: None,
    }
}

/// A token must name the endpoint it is used on: a default client's token is refused at the
/// MQTT endpoint and an MQTT one at the default endpoint; no token, no connection; MQTT clients
/// must offer the `mqtt` subprotocol.
#[tokio::test]
async fn tokens_for_another_endpoint_are_refused() {
    let emu = Emulator::start();
    let default_token = emu.client_token(HUB, &json!({"sub": "u"}));
    let path = format!("/clients/mqtt/hubs/{HUB}?access_token={default_token}");
    let r = emu
        .ws_open(&path, &mqtt_opts(Vec::new()))
        .await
        .err()
        .expect("refused");
    assert_eq!(r.status, 401);
    assert!(r.body.contains("/clients/mqtt/hubs/chat"), "{}", r.body);

    let mqtt_token = sign(
        &json!({"aud": format!("{}/clients/mqtt/hubs/{HUB}", emu.endpoint), "exp": now() + 600}),
        &emu.key,
    );
    let path = format!("/client/hubs/{HUB}?access_token={mqtt_token}");
    let r = emu
        .ws_open(&path, &WsOpts::default())
        .await
        .err()
        .expect("refused");
    assert_eq!(r.status, 401);

    let r = emu
        .ws_open(&format!("/clients/mqtt/hubs/{HUB}"), &mqtt_opts(Vec::new()))
        .await
        .err()
        .expect("refused");
    assert_eq!(r.status, 401);

    let path = format!("/clients/mqtt/hubs/{HUB}?access_token={mqtt_token}");
    let r = emu
        .ws_open(&path, &WsOpts::default())
        .await
        .err()
        .expect("refused");
    assert_eq!(r.status, 400);
    assert!(r.body.contains("'mqtt'"), "{}", r.body);
    // The right token, also as a bearer header, gets in.
    let ok = mqtt_opts(vec![(
        "Authorization".into(),
        format!("Bearer {mqtt_token}"),
    )]);
    assert!(emu
        .ws_open(&format!("/clients/mqtt/hubs/{HUB}"), &ok)
        .await
        .is_ok());
}

/// A WebSocket to the MQTT endpoint (subprotocol `mqtt`) with a token for it carrying `claims`
/// besides its audience; no MQTT packet sent yet.
async fn open_mqtt(emu: &Emulator, claims: &Value) -> Ws {
    let aud =
        json!({"aud": format!("{}/clients/mqtt/hubs/{HUB}", emu.endpoint), "exp": now() + 600});
    let token = sign(&merge(aud, claims), &emu.key);
    let path = format!("/clients/mqtt/hubs/{HUB}?access_token={token}");
    emu.ws_open(&path, &mqtt_opts(Vec::new()))
        .await
        .expect("open")
}

/// An MQTT 5.0 CONNECT for client id `c1`, written out by hand (no MQTT library of ours).
fn connect_v5(client_id: &str) -> Vec<u8> {
    let mut body = vec![
        0x00, 0x04, b'M', b'Q', b'T', b'T', 0x05, 0x02, 0x00, 0x3C, 0x00,
    ];
    body.extend_from_slice(&(client_id.len() as u16).to_be_bytes());
    body.extend_from_slice(client_id.as_bytes());
    let mut packet = vec![0x10, body.len() as u8];
    packet.extend(body);
    packet
}

/// A packet whose header says it is larger than the service's maximum is refused: 5.0 gets
/// DISCONNECT "packet too large" (0x95), then the connection closes.
#[tokio::test]
async fn an_oversized_packet_ends_the_connection() {
    let emu = Emulator::start();
    let mut ws = open_mqtt(&emu, &json!({"role": ["webpubsub.sendToGroup"]})).await;
    ws.send_binary(connect_v5("big1")).await;
    let connack = ws.recv_binary().await;
    assert_eq!(connack[0], 0x20, "CONNACK");
    assert_eq!(connack[3], 0x00, "success");
    // PUBLISH, QoS 0, remaining length 4 MiB (varint 0x80 0x80 0x80 0x02), then a little of it.
    let mut publish = vec![0x30, 0x80, 0x80, 0x80, 0x02, 0x00, 0x02, b'g', b'1'];
    publish.extend_from_slice(&[0u8; 64]);
    ws.send_binary(publish).await;
    let disconnect = ws.recv_binary().await;
    assert_eq!(disconnect[0], 0xE0, "DISCONNECT: {disconnect:?}");
    assert_eq!(disconnect[2], 0x95, "packet too large");
    let end = ws.expect_end().await;
    assert!(matches!(end, Frame::Close(..) | Frame::Ended(_)), "{end:?}");
}

#[derive(Clone, Debug)]
struct Recorded {
    headers: HeaderMap,
    body: Bytes,
}

/// A handler that records every event and answers with `answer`.
async fn recorder(
    answer: fn(&HeaderMap, &Bytes) -> axum::response::Response,
) -> (u16, Arc<Mutex<Vec<Recorded>>>) {
    let log: Arc<Mutex<Vec<Recorded>>> = Arc::default();
    let seen = log.clone();
    let app = Router::new().fallback(move |method: Method, headers: HeaderMap, body: Bytes| {
        let seen = seen.clone();
        async move {
            if method == Method::OPTIONS {
                return allow_webhook_origin(&headers);
            }
            let response = answer(&headers, &body);
            seen.lock().unwrap().push(Recorded { headers, body });
            response
        }
    });
    let port = serve_on_loopback(app).await;
    (port, log)
}

fn header(r: &Recorded, name: &str) -> String {
    header_text(&r.headers, name)
}

/// connect, connected and disconnected of an MQTT session, in the documented shape: the `mqtt`
/// parts, `ce-physicalConnectionId` everywhere, `ce-sessionId` from `connected` on, the client
/// id as the connection id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upstream_events_of_an_mqtt_session_have_the_mqtt_parts() {
    let (port, log) = recorder(|_, _| StatusCode::NO_CONTENT.into_response()).await;
    let handler = format!(
        "url-template=http://127.0.0.1:{port}/events/{{event}} system-event=connect system-event=connected system-event=disconnected"
    );
    let emu = Emulator::start_with(&["--event-handler", &handler]);
    let mut m = Piped::start(&emu, &["--protocol", "mqtt", "--user-id", "ev"]);
    m.next("connected");
    let id = m.connection_id();
    m.close_stdin();
    let (status, _) = m.wait();
    assert_eq!(code(status), 0, "{}", m.stderr());
    let events = {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        loop {
            let events = log.lock().unwrap().clone();
            if events.len() >= 3 || std::time::Instant::now() > deadline {
                break events;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };
    let types: Vec<String> = events.iter().map(|e| header(e, "ce-type")).collect();
    assert_eq!(
        types,
        [
            "azure.webpubsub.sys.connect",
            "azure.webpubsub.sys.connected",
            "azure.webpubsub.sys.disconnected"
        ]
    );
    let physical = header(&events[0], "ce-physicalconnectionid");
    assert!(!physical.is_empty());
    assert_eq!(header(&events[0], "ce-sessionid"), "");
    for e in &events {
        assert_eq!(header(e, "ce-connectionid"), id);
        assert_eq!(header(e, "ce-physicalconnectionid"), physical);
        assert_eq!(
            header(e, "ce-source"),
            format!("/hubs/chat/client/{id}/{physical}")
        );
    }
    let session = header(&events[1], "ce-sessionid");
    assert!(!session.is_empty());
    assert_eq!(header(&events[2], "ce-sessionid"), session);
    let connect: Value = serde_json::from_slice(&events[0].body).unwrap();
    assert_eq!(connect["mqtt"]["protocolVersion"], 5);
    assert_eq!(connect["mqtt"]["cleanStart"], true);
    assert_eq!(connect["mqtt"]["username"], Value::Null);
    assert_eq!(connect["subprotocols"], json!(["mqtt"]));
    assert_eq!(connect["claims"]["sub"], json!(["ev"]));
    let disconnected: Value = serde_json::from_slice(&events[2].body).unwrap();
    assert_eq!(disconnected["mqtt"]["initiatedByClient"], true);
    assert_eq!(disconnected["mqtt"]["disconnectPacket"]["code"], 0);
}

/// A REST close reaches an MQTT 5.0 client as DISCONNECT "administrative action" with the
/// reason: the CLI prints a `disconnected` line and exits 4.
#[tokio::test]
async fn a_rest_close_is_a_disconnect_with_its_reason() {
    let emu = Emulator::start();
    let mut m = Piped::start(&emu, &["--protocol", "mqtt", "--keep-open"]);
    m.next("connected");
    let id = m.connection_id();
    emu.close_connection("chat", &id, "bye now").await;
    let line = until(&mut m, "disconnected", |v| v["event"] == "disconnected");
    let message = line["message"].as_str().unwrap();
    assert!(
        message.contains("AdministrativeAction") && message.contains("bye now"),
        "{message}"
    );
    let (status, _) = m.wait();
    assert_eq!(code(status), 4, "{}", m.stderr());
    assert!(m.stderr().contains("bye now"), "{}", m.stderr());
}

/// A message's `data` as a client of `protocol` shows a text message (3.1.1 has no content type).
fn shown(protocol: &str, text: &str) -> Value {
    if protocol == "mqtt3" {
        Value::String(b64(text.as_bytes()))
    } else {
        Value::String(text.to_string())
    }
}

/// Lines until the message whose data is `data`, that one included.
fn lines_until_message(p: &mut Piped, data: &Value) -> Vec<Value> {
    let mut seen = Vec::new();
    for _ in 0..50 {
        let v = p.next("a line");
        let done = v["type"] == "message" && &v["data"] == data;
        seen.push(v);
        if done {
            return seen;
        }
    }
    panic!("no message {data} in 50 lines: {seen:#?}");
}

/// A connection lost without a DISCONNECT (the emulator's `:drop`) is made again with the same
/// client id and the session resumed: the message published while the client was away arrives,
/// and so do those sent after.
async fn a_lost_connection_resumes_the_session(protocol: &str) {
    let emu = Emulator::start();
    let mut m = Piped::start(
        &emu,
        &["--protocol", protocol, "--group", "g", "--keep-open"],
    );
    m.next("connected");
    let id = m.connection_id();
    let mut bob = emu
        .connect_json(
            HUB,
            &json!({"sub": "bob", "role": ["webpubsub.sendToGroup"]}),
        )
        .await;
    assert_ack_ok(&bob.send_text_to("g", "before").await);
    assert_eq!(message(&mut m)["data"], shown(protocol, "before"));

    drop_socket(&emu, &id).await;
    assert_ack_ok(&bob.send_text_to("g", "away").await);
    let lines = lines_until_message(&mut m, &shown(protocol, "away"));
    let events: Vec<Value> = lines.iter().map(|l| l["event"].clone()).collect();
    assert_eq!(
        events,
        vec![json!("reconnecting"), json!("reconnected"), Value::Null],
        "{lines:#?}"
    );
    assert_eq!(lines[0]["attempt"], 1, "{lines:#?}");
    let re = &lines[1];
    assert_eq!(re["connectionId"], id.as_str(), "the same client id: {re}");
    let said = re["message"].as_str().unwrap_or_default();
    assert!(said.contains("the session was resumed"), "{re}");

    assert_ack_ok(&bob.send_text_to("g", "after").await);
    assert_eq!(message(&mut m)["data"], shown(protocol, "after"));
    m.signal("INT");
    let (status, _) = m.wait();
    assert_eq!(code(status), 0, "{}", m.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mqtt5_client_resumes_its_session_after_a_lost_connection() {
    a_lost_connection_resumes_the_session("mqtt").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mqtt3_client_resumes_its_session_after_a_lost_connection() {
    a_lost_connection_resumes_the_session("mqtt3").await;
}

/// 3.1.1 has no server DISCONNECT: a REST close is a socket that ends, and the client reconnects.
/// The service does not resume a session it closed, so the client subscribes again to what it
/// joined and still receives the group's messages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mqtt3_client_reconnects_after_a_rest_close_and_subscribes_again() {
    let emu = Emulator::start();
    let mut m = Piped::start(&emu, &["--protocol", "mqtt3", "--keep-open"]);
    m.next("connected");
    let id = m.connection_id();
    m.write("joingroup h");
    assert_eq!(ack_of(&mut m, 1)["success"], true);
    emu.close_connection(HUB, &id, "maintenance").await;
    let re = until(&mut m, "reconnected", |v| v["event"] == "reconnected");
    let said = re["message"].as_str().unwrap_or_default();
    assert!(
        said.contains("the session had ended") && said.contains("rejoining h"),
        "{re}"
    );
    let rejoin = ack_of(&mut m, 2);
    assert_eq!(
        rejoin,
        json!({"type":"ack","ackId":2,"command":"joingroup h","success":true})
    );
    let mut bob = emu
        .connect_json(
            HUB,
            &json!({"sub": "bob", "role": ["webpubsub.sendToGroup"]}),
        )
        .await;
    assert_ack_ok(&bob.send_text_to("h", "after").await);
    assert_eq!(message(&mut m)["data"], shown("mqtt3", "after"));
    m.signal("INT");
    let (status, _) = m.wait();
    assert_eq!(code(status), 0, "{}", m.stderr());
}

/// A service that does not come back within `--reconnect-timeout`: every attempt is a line,
/// then exit 6 with the same message as the Web PubSub session.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mqtt_client_exits_6_when_the_service_stays_away() {
    let emu = Emulator::start();
    let mut m = Piped::start(
        &emu,
        &[
            "--protocol",
            "mqtt",
            "--keep-open",
            "--reconnect-timeout",
            "2",
        ],
    );
    m.close_stdin();
    m.next("connected");
    drop(emu);
    let (status, lines) = m.wait();
    assert_gave_up_reconnecting(status, &lines, &m.stderr(), 2);
}

/// The service's client-id rule: letters and digits only (MQTT.js's default `mqttjs_…` is
/// refused), answered in CONNACK with "client identifier not valid" (0x85) and a reason string.
#[tokio::test]
async fn a_client_id_outside_the_services_alphabet_is_refused_in_connack() {
    let emu = Emulator::start();
    let mut ws = open_mqtt(&emu, &json!({})).await;
    ws.send_binary(connect_v5("mqttjs_1234")).await;
    let connack = ws.recv_binary().await;
    assert_eq!(connack[0], 0x20, "CONNACK: {connack:?}");
    assert_eq!(connack[3], 0x85, "client identifier not valid");
    assert!(
        String::from_utf8_lossy(&connack).contains("0-9, a-z and A-Z"),
        "{connack:?}"
    );
    let end = ws.expect_end().await;
    assert!(matches!(end, Frame::Close(..) | Frame::Ended(_)), "{end:?}");
}

/// The `connect` answer shapes the CONNACK: a refusal's `mqtt.code` and `mqtt.reason` are the
/// CONNACK's reason code and string; an acceptance's `mqtt.userProperties` are its user
/// properties, and its groups are joined.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_connect_answer_shapes_the_connack() {
    let (port, _log) = recorder(|headers, body| {
        if headers.get("ce-type").and_then(|v| v.to_str().ok())
            != Some("azure.webpubsub.sys.connect")
        {
            return StatusCode::NO_CONTENT.into_response();
        }
        let req: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        if req["mqtt"]["username"] == "banned" {
            return (
                StatusCode::UNAUTHORIZED,
                [("content-type", "application/json")],
                json!({"mqtt": {"code": 138, "reason": "banned by server"}}).to_string(),
            )
                .into_response();
        }
        (
            StatusCode::OK,
            [("content-type", "application/json")],
            json!({"groups": ["hg"], "mqtt": {"userProperties": [{"name": "n1", "value": "v1"}]}})
                .to_string(),
        )
            .into_response()
    })
    .await;
    let handler =
        format!("url-template=http://127.0.0.1:{port}/events/{{event}} system-event=connect");
    let emu = Emulator::start_with(&["--event-handler", &handler]);

    // CONNECT with user name "banned" (flags 0x82: user name, clean start).
    let mut body = vec![
        0x00, 0x04, b'M', b'Q', b'T', b'T', 0x05, 0x82, 0x00, 0x3C, 0x00,
    ];
    body.extend_from_slice(&[0x00, 0x02, b'b', b'1', 0x00, 0x06]);
    body.extend_from_slice(b"banned");
    let mut connect = vec![0x10, body.len() as u8];
    connect.extend(body);
    let mut ws = open_mqtt(&emu, &json!({})).await;
    ws.send_binary(connect).await;
    let connack = ws.recv_binary().await;
    assert_eq!(connack[3], 138, "the handler's code: {connack:?}");
    assert!(String::from_utf8_lossy(&connack).contains("banned by server"));

    let mut ws = open_mqtt(&emu, &json!({})).await;
    ws.send_binary(connect_v5("ok1")).await;
    let connack = ws.recv_binary().await;
    assert_eq!(connack[3], 0, "accepted: {connack:?}");
    let text = String::from_utf8_lossy(&connack);
    assert!(text.contains("n1") && text.contains("v1"), "{connack:?}");
    emu.eventually_head(&v("/api/hubs/chat/groups/hg"), 200)
        .await;
}
