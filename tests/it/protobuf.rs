//! The protobuf subprotocols (`protobuf.webpubsub.azure.v1` and
//! `protobuf.reliable.webpubsub.azure.v1`) against the real emulator: a protobuf client whose
//! messages are declared in this file from the published definitions (not the project's
//! generated code), next to JSON and simple clients; and `client start --protocol
//! protobuf|protobuf.reliable` talking to JSON clients, and a JSON `client start` to protobuf ones.

use std::collections::VecDeque;

use prost::Message as _;
use serde_json::{json, Value};

use crate::client::{recovery_after_drops_loses_and_repeats_nothing, Piped};
use crate::common::*;
use crate::emulator_upstream::{header, spec, start_handler, wait_for};

const HUB: &str = "chat";
const PROTOBUF: &str = "protobuf.webpubsub.azure.v1";
const PROTOBUF_RELIABLE: &str = "protobuf.reliable.webpubsub.azure.v1";

mod pb {
    //! What these tests send and read, declared from the message definitions Microsoft publishes
    //! (Azure/azure-webpubsub, `webpubsub.v1.proto` and the protobuf client SDK's
    //! `webpubsub.client.proto`): field numbers and types only, written independently of
    //! `proto/webpubsub.client.proto` so that a mistake there shows up here.
    use prost::{Message, Oneof};

    #[derive(Clone, PartialEq, Message)]
    pub struct Upstream {
        #[prost(oneof = "Request", tags = "1, 5, 6, 7, 8, 9")]
        pub message: Option<Request>,
    }

    #[derive(Clone, PartialEq, Oneof)]
    pub enum Request {
        #[prost(message, tag = "1")]
        Send(Send),
        #[prost(message, tag = "5")]
        Event(Event),
        #[prost(message, tag = "6")]
        Join(Group),
        #[prost(message, tag = "7")]
        Leave(Group),
        #[prost(message, tag = "8")]
        SequenceAck(SequenceAck),
        #[prost(message, tag = "9")]
        Ping(Empty),
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct Send {
        #[prost(string, tag = "1")]
        pub group: String,
        #[prost(uint64, optional, tag = "2")]
        pub ack_id: Option<u64>,
        #[prost(message, optional, tag = "3")]
        pub data: Option<Data>,
        #[prost(bool, optional, tag = "4")]
        pub no_echo: Option<bool>,
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct Event {
        #[prost(string, tag = "1")]
        pub event: String,
        #[prost(message, optional, tag = "2")]
        pub data: Option<Data>,
        #[prost(uint64, optional, tag = "3")]
        pub ack_id: Option<u64>,
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct Group {
        #[prost(string, tag = "1")]
        pub group: String,
        #[prost(uint64, optional, tag = "2")]
        pub ack_id: Option<u64>,
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct SequenceAck {
        #[prost(uint64, tag = "1")]
        pub sequence_id: u64,
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct Empty {}

    #[derive(Clone, PartialEq, Message)]
    pub struct Downstream {
        #[prost(oneof = "Response", tags = "1, 2, 3, 4")]
        pub message: Option<Response>,
    }

    #[derive(Clone, PartialEq, Oneof)]
    pub enum Response {
        #[prost(message, tag = "1")]
        Ack(Ack),
        #[prost(message, tag = "2")]
        Data(DataMessage),
        #[prost(message, tag = "3")]
        System(System),
        #[prost(message, tag = "4")]
        Pong(Empty),
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct Ack {
        #[prost(uint64, tag = "1")]
        pub ack_id: u64,
        #[prost(bool, tag = "2")]
        pub success: bool,
        #[prost(message, optional, tag = "3")]
        pub error: Option<AckError>,
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct AckError {
        #[prost(string, tag = "1")]
        pub name: String,
        #[prost(string, tag = "2")]
        pub message: String,
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct DataMessage {
        #[prost(string, tag = "1")]
        pub from: String,
        #[prost(string, optional, tag = "2")]
        pub group: Option<String>,
        #[prost(message, optional, tag = "3")]
        pub data: Option<Data>,
        #[prost(uint64, optional, tag = "4")]
        pub sequence_id: Option<u64>,
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct System {
        #[prost(oneof = "SystemKind", tags = "1, 2")]
        pub message: Option<SystemKind>,
    }

    #[derive(Clone, PartialEq, Oneof)]
    pub enum SystemKind {
        #[prost(message, tag = "1")]
        Connected(Connected),
        #[prost(message, tag = "2")]
        Disconnected(Disconnected),
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct Connected {
        #[prost(string, tag = "1")]
        pub connection_id: String,
        #[prost(string, tag = "2")]
        pub user_id: String,
        #[prost(string, optional, tag = "3")]
        pub reconnection_token: Option<String>,
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct Disconnected {
        #[prost(string, tag = "2")]
        pub reason: String,
    }

    #[derive(Clone, PartialEq, Message)]
    pub struct Data {
        #[prost(oneof = "Payload", tags = "1, 2, 3, 4")]
        pub data: Option<Payload>,
    }

    #[derive(Clone, PartialEq, Oneof)]
    pub enum Payload {
        #[prost(string, tag = "1")]
        Text(String),
        #[prost(bytes = "vec", tag = "2")]
        Binary(Vec<u8>),
        #[prost(message, tag = "3")]
        Protobuf(Any),
        #[prost(string, tag = "4")]
        Json(String),
    }

    /// `google.protobuf.Any`.
    #[derive(Clone, PartialEq, Message)]
    pub struct Any {
        #[prost(string, tag = "1")]
        pub type_url: String,
        #[prost(bytes = "vec", tag = "2")]
        pub value: Vec<u8>,
    }

    pub fn data(payload: Payload) -> Option<Data> {
        Some(Data {
            data: Some(payload),
        })
    }
}

use pb::{Payload, Request, Response};

fn roles() -> Value {
    json!(["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"])
}

/// A `google.protobuf.Any` holding a message with `int32 value = 1` set to 1, and its bytes.
fn any() -> (pb::Any, Vec<u8>) {
    let any = pb::Any {
        type_url: "type.googleapis.com/test.Point".to_string(),
        value: vec![0x08, 0x01],
    };
    let bytes = any.encode_to_vec();
    (any, bytes)
}

/// A protobuf-subprotocol client over a plain WebSocket.
struct Pb {
    ws: Ws,
    connected: pb::Connected,
    /// Responses read while waiting for another one.
    pending: VecDeque<Response>,
}

impl Pb {
    async fn connect(emu: &Emulator, extra: &Value, protocol: &str) -> Pb {
        let ws = emu.ws_connect(HUB, extra, Some(protocol)).await;
        Pb::from_ws(ws, protocol).await
    }

    /// A socket whose handshake selected `protocol`; reads its `connected` message.
    async fn from_ws(ws: Ws, protocol: &str) -> Pb {
        assert_eq!(
            ws.protocol.as_deref(),
            Some(protocol),
            "the handshake did not select {protocol}"
        );
        let mut c = Pb {
            ws,
            connected: pb::Connected::default(),
            pending: VecDeque::new(),
        };
        match c.recv().await {
            Response::System(pb::System {
                message: Some(pb::SystemKind::Connected(connected)),
            }) => c.connected = connected,
            other => panic!("the first message is not connected: {other:?}"),
        }
        c
    }

    async fn send(&mut self, request: Request) {
        let bytes = pb::Upstream {
            message: Some(request),
        }
        .encode_to_vec();
        self.ws.send_binary(bytes).await;
    }

    /// The next message: a binary frame that is a `DownstreamMessage`.
    async fn recv(&mut self) -> Response {
        if let Some(r) = self.pending.pop_front() {
            return r;
        }
        let bytes = self.ws.recv_binary().await;
        pb::Downstream::decode(bytes.as_slice())
            .expect("a DownstreamMessage")
            .message
            .expect("a DownstreamMessage with a message set")
    }

    /// Sends a request and returns its ack; other messages are kept for `recv`.
    async fn call(&mut self, request: Request, ack_id: u64) -> pb::Ack {
        self.send(request).await;
        let mut other = VecDeque::new();
        let ack = loop {
            match self.recv().await {
                Response::Ack(ack) if ack.ack_id == ack_id => break ack,
                r => other.push_back(r),
            }
        };
        other.extend(self.pending.drain(..));
        self.pending = other;
        ack
    }

    async fn join(&mut self, group: &str, ack_id: u64) -> pb::Ack {
        let join = Request::Join(pb::Group {
            group: group.to_string(),
            ack_id: Some(ack_id),
        });
        self.call(join, ack_id).await
    }

    async fn send_to(&mut self, group: &str, payload: Payload, ack_id: u64, no_echo: bool) {
        let send = Request::Send(pb::Send {
            group: group.to_string(),
            ack_id: Some(ack_id),
            data: pb::data(payload),
            no_echo: no_echo.then_some(true),
        });
        assert_ok(&self.call(send, ack_id).await);
    }

    /// The next data message.
    async fn data(&mut self) -> pb::DataMessage {
        match self.recv().await {
            Response::Data(d) => d,
            other => panic!("expected a data message, got {other:?}"),
        }
    }

    /// Reads until the socket ends; returns the close code.
    async fn closed(&mut self) -> Option<u16> {
        loop {
            match self.ws.recv().await {
                Frame::Close(code, _) => return code,
                Frame::Ended(why) => panic!("ended without a close frame: {why}"),
                _ => {}
            }
        }
    }
}

#[track_caller]
fn assert_ok(ack: &pb::Ack) {
    assert!(ack.success && ack.error.is_none(), "ack failed: {ack:?}");
}

fn payload(d: &pb::DataMessage) -> Payload {
    d.data
        .clone()
        .and_then(|d| d.data)
        .unwrap_or_else(|| panic!("a data message without data: {d:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_protobuf_client_joins_sends_and_gets_acks_with_json_and_simple_clients_alongside() {
    let emu = Emulator::start();
    let mut p = Pb::connect(&emu, &json!({"sub": "pat", "role": roles()}), PROTOBUF).await;
    assert_eq!(p.connected.user_id, "pat");
    assert!(!p.connected.connection_id.is_empty());
    assert_eq!(
        p.connected.reconnection_token, None,
        "no recovery without the reliable subprotocol"
    );
    let mut j = emu
        .connect_json(HUB, &json!({"sub": "jo", "role": roles()}))
        .await;
    assert_ack_ok(&j.join("g1").await);
    // With a user, so that it returns once the emulator has the connection in its group.
    let mut simple = emu
        .connect_simple_user(HUB, "simple", &json!({"webpubsub.group": ["g1"]}))
        .await;

    assert_ok(&p.join("g1", 1).await);
    // The same ackId again: not run twice, answered Duplicate.
    let dup = p.join("g1", 1).await;
    assert!(!dup.success, "{dup:?}");
    assert_eq!(
        dup.error.as_ref().map(|e| e.name.as_str()),
        Some("Duplicate")
    );

    // Text from protobuf: every protocol gets it in its own shape.
    p.send_to("g1", Payload::Text("hi".into()), 2, false).await;
    let echo = p.data().await;
    assert_eq!(echo.from, "group");
    assert_eq!(echo.group.as_deref(), Some("g1"));
    assert_eq!(payload(&echo), Payload::Text("hi".into()));
    assert_eq!(echo.sequence_id, None, "no sequence ids without reliable");
    assert_fields(
        &j.ws.recv_json().await,
        &json!({"type": "message", "from": "group", "group": "g1", "fromUserId": "pat", "dataType": "text", "data": "hi"}),
    );
    assert_eq!(simple.recv_text().await, "hi");

    // Protobuf data: JSON clients get the Any's bytes in base64, simple clients the bytes.
    let (any, any_bytes) = any();
    p.send_to("g1", Payload::Protobuf(any.clone()), 3, true)
        .await;
    assert_fields(
        &j.ws.recv_json().await,
        &json!({"type": "message", "dataType": "protobuf", "data": b64(&any_bytes)}),
    );
    assert_eq!(simple.recv_binary().await, any_bytes);

    p.send_to("g1", Payload::Binary(vec![1, 2, 3]), 4, true)
        .await;
    assert_fields(
        &j.ws.recv_json().await,
        &json!({"dataType": "binary", "data": "AQID"}),
    );
    assert_eq!(simple.recv_binary().await, vec![1, 2, 3]);
    p.send_to("g1", Payload::Json(r#"{"a":[1,2]}"#.into()), 5, true)
        .await;
    assert_fields(
        &j.ws.recv_json().await,
        &json!({"dataType": "json", "data": {"a": [1, 2]}}),
    );
    assert_eq!(simple.recv_text().await, r#"{"a":[1,2]}"#);

    // From JSON to protobuf: each data type in its MessageData case. The protobuf client
    // sent with noEcho above, so these are the next data messages it gets.
    for (data_type, data, expected) in [
        (
            "json",
            json!({"x": true}),
            Payload::Json(r#"{"x":true}"#.into()),
        ),
        ("binary", json!("AQID"), Payload::Binary(vec![1, 2, 3])),
    ] {
        let ack = j
            .call(
                json!({"type": "sendToGroup", "group": "g1", "dataType": data_type, "data": data}),
            )
            .await;
        assert_ack_ok(&ack);
        let got = p.data().await;
        assert_eq!(payload(&got), expected, "{data_type}");
    }
    // Protobuf data reaches a protobuf client as the same Any.
    p.send_to("g1", Payload::Protobuf(any.clone()), 6, false)
        .await;
    assert_eq!(payload(&p.data().await), Payload::Protobuf(any));

    // An event without a handler is accepted; ping is answered.
    let event = Request::Event(pb::Event {
        event: "hello".into(),
        data: pb::data(Payload::Text("x".into())),
        ack_id: Some(7),
    });
    assert_ok(&p.call(event, 7).await);
    p.send(Request::Ping(pb::Empty {})).await;
    loop {
        match p.recv().await {
            Response::Pong(_) => break,
            Response::Data(_) => continue,
            other => panic!("expected pong, got {other:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_known_subprotocol_is_chosen_and_frames_that_break_it_close_the_connection() {
    let emu = Emulator::start();
    let token = emu.client_token(HUB, &json!({"sub": "u"}));
    let path = format!("/client/hubs/{HUB}?access_token={}", enc(&token));
    // Offered after a custom one, protobuf is still chosen: never a simple client.
    let opts = WsOpts {
        protocols: vec!["custom.v1".into(), PROTOBUF_RELIABLE.into()],
        ..WsOpts::default()
    };
    let ws = emu.ws_open(&path, &opts).await.expect("handshake");
    let mut p = Pb::from_ws(ws, PROTOBUF_RELIABLE).await;
    assert!(p.connected.reconnection_token.is_some());

    p.ws.send_text(r#"{"type":"joinGroup","group":"g"}"#).await;
    assert_eq!(p.closed().await, Some(1003), "a text frame");

    let mut p = Pb::connect(&emu, &json!({"sub": "u"}), PROTOBUF).await;
    p.ws.send_binary(vec![0xff, 0xff, 0xff]).await;
    assert_eq!(p.closed().await, Some(1007), "not protobuf");

    // Field 10 (an invocation, which the emulator does not support): refused, not ignored.
    let mut p = Pb::connect(&emu, &json!({"sub": "u"}), PROTOBUF).await;
    p.ws.send_binary(vec![0x52, 0x00]).await;
    assert_eq!(p.closed().await, Some(1007), "an unsupported request");

    // A send without data.
    let mut p = Pb::connect(&emu, &json!({"sub": "u", "role": roles()}), PROTOBUF).await;
    p.send(Request::Send(pb::Send {
        group: "g".into(),
        ack_id: Some(1),
        data: None,
        no_echo: None,
    }))
    .await;
    assert_eq!(p.closed().await, Some(1007), "no data");

    // The service closing the connection: a protobuf `disconnected` first, with the reason.
    let mut p = Pb::connect(&emu, &json!({"sub": "u"}), PROTOBUF).await;
    let id = p.connected.connection_id.clone();
    emu.close_connection(HUB, &id, "maintenance").await;
    match p.recv().await {
        Response::System(pb::System {
            message: Some(pb::SystemKind::Disconnected(d)),
        }) => assert_eq!(d.reason, "maintenance"),
        other => panic!("expected disconnected, got {other:?}"),
    }
    assert_eq!(p.closed().await, Some(1000));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn protobuf_reliable_numbers_messages_and_recovers_a_dropped_socket() {
    let emu = Emulator::start();
    let mut p = Pb::connect(
        &emu,
        &json!({"sub": "pat", "role": roles()}),
        PROTOBUF_RELIABLE,
    )
    .await;
    let id = p.connected.connection_id.clone();
    let token = p
        .connected
        .reconnection_token
        .clone()
        .expect("a reconnection token on the reliable subprotocol");
    assert_ok(&p.join("g1", 1).await);
    let mut j = emu
        .connect_json(HUB, &json!({"sub": "jo", "role": roles()}))
        .await;

    for i in 1..=3 {
        assert_ack_ok(&j.send_text_to("g1", &format!("m{i}")).await);
    }
    for i in 1..=3 {
        let d = p.data().await;
        assert_eq!(d.sequence_id, Some(i), "{d:?}");
        assert_eq!(payload(&d), Payload::Text(format!("m{i}")));
    }
    p.send(Request::SequenceAck(pb::SequenceAck { sequence_id: 2 }))
        .await;
    // The ack and the drop race: a ping's pong says the emulator has read the sequence ack.
    p.send(Request::Ping(pb::Empty {})).await;
    assert!(matches!(p.recv().await, Response::Pong(_)));
    p.ws.abort();
    assert_ack_ok(&j.send_text_to("g1", "m4").await);

    let recovery = |protocol: &str| {
        let path = format!(
            "/client/hubs/{HUB}?awps_connection_id={}&awps_reconnection_token={}",
            enc(&id),
            enc(&token)
        );
        let opts = WsOpts {
            protocols: vec![protocol.to_string()],
            ..WsOpts::default()
        };
        (path, opts)
    };
    // The connection speaks protobuf: recovering it as a JSON connection is refused.
    let (path, opts) = recovery(RELIABLE_V1);
    let mut wrong = emu.ws_open(&path, &opts).await.expect("handshake");
    assert_eq!(
        wrong.recv().await,
        Frame::Close(Some(1008), "The connection could not be recovered.".into())
    );

    let (path, opts) = recovery(PROTOBUF_RELIABLE);
    let ws = emu.ws_open(&path, &opts).await.expect("recovery handshake");
    assert_eq!(ws.protocol.as_deref(), Some(PROTOBUF_RELIABLE));
    let mut p = Pb {
        ws,
        connected: p.connected,
        pending: VecDeque::new(),
    };
    // What was not acknowledged comes again with its sequence id, then what came meanwhile.
    for (seq, text) in [(3, "m3"), (4, "m4")] {
        let d = p.data().await;
        assert_eq!(d.sequence_id, Some(seq), "{d:?}");
        assert_eq!(payload(&d), Payload::Text(text.into()));
    }
    // The connection kept its groups and its ackIds.
    let dup = p.join("g1", 1).await;
    assert_eq!(dup.error.map(|e| e.name), Some("Duplicate".to_string()));
    assert_ack_ok(&j.send_text_to("g1", "m5").await);
    let d = p.data().await;
    assert_eq!(
        (d.sequence_id, payload(&d)),
        (Some(5), Payload::Text("m5".into()))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn protobuf_events_reach_the_upstream_and_its_answers_come_back() {
    let (port, log) = start_handler().await;
    let emu = Emulator::start_with(&["--event-handler", &spec(port)]);
    let mut p = Pb::connect(&emu, &json!({"sub": "pat"}), PROTOBUF_RELIABLE).await;
    // The connect answer set the user.
    assert_eq!(p.connected.user_id, "handler-user");
    let connect = wait_for(&log, "azure.webpubsub.sys.connect").await;
    let body: Value = serde_json::from_slice(&connect.body).expect("connect body");
    assert_eq!(body["subprotocols"], json!([PROTOBUF_RELIABLE]));
    let connected = wait_for(&log, "azure.webpubsub.sys.connected").await;
    assert_eq!(header(&connected, "ce-subprotocol"), PROTOBUF_RELIABLE);

    // Protobuf data goes up as the Any's bytes, application/x-protobuf; the handler's answer
    // comes back (before the ack) as a message from the server.
    let (any, any_bytes) = any();
    let event = Request::Event(pb::Event {
        event: "greet".into(),
        data: pb::data(Payload::Protobuf(any)),
        ack_id: Some(1),
    });
    p.send(event).await;
    let answer = p.data().await;
    assert_eq!(answer.from, "server");
    assert_eq!(answer.group, None);
    assert_eq!(answer.sequence_id, Some(1));
    let mut echo = b"echo:".to_vec();
    echo.extend_from_slice(&any_bytes);
    assert_eq!(
        payload(&answer),
        Payload::Text(String::from_utf8(echo).expect("ASCII"))
    );
    match p.recv().await {
        Response::Ack(ack) => {
            assert_eq!(ack.ack_id, 1);
            assert_ok(&ack);
        }
        other => panic!("expected the ack, got {other:?}"),
    }
    let greet = wait_for(&log, "azure.webpubsub.user.greet").await;
    assert_eq!(header(&greet, "content-type"), "application/x-protobuf");
    assert_eq!(&greet.body[..], &any_bytes[..]);

    // A failing handler: InternalServerError.
    let event = Request::Event(pb::Event {
        event: "fail".into(),
        data: pb::data(Payload::Text("x".into())),
        ack_id: Some(2),
    });
    let ack = p.call(event, 2).await;
    assert_eq!(
        ack.error.map(|e| e.name),
        Some("InternalServerError".to_string())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_start_speaks_protobuf_with_json_clients() {
    let emu = Emulator::start();
    let mut bob = emu
        .connect_json(HUB, &json!({"sub": "bob", "role": roles()}))
        .await;
    assert_ack_ok(&bob.join("g1").await);

    let mut alice = Piped::start(&emu, &["--protocol", "protobuf", "--user-id", "alice"]);
    let connected = alice.next("connected");
    assert_fields(
        &connected,
        &json!({"type": "system", "event": "connected", "userId": "alice", "protocol": PROTOBUF}),
    );
    alice.write("joingroup g1");
    assert_fields(
        &alice.next("ack 1"),
        &json!({"type": "ack", "ackId": 1, "command": "joingroup g1", "success": true}),
    );

    // JSON to protobuf: the same piped envelope as on the JSON subprotocols (no fromUserId:
    // the protobuf subprotocol has none).
    for (data_type, data) in [
        ("text", json!("hello")),
        ("json", json!({"a": 1})),
        ("binary", json!("AQID")),
    ] {
        let ack = bob
            .call(json!({"type": "sendToGroup", "group": "g1", "dataType": data_type, "data": data, "noEcho": true}))
            .await;
        assert_ack_ok(&ack);
        let line = alice.next(data_type);
        assert_eq!(
            line,
            json!({"type": "message", "from": "group", "group": "g1", "dataType": data_type, "data": data})
        );
    }

    // Protobuf to JSON: text, and protobuf data (a serialized Any in base64).
    alice.write("sendtogroup g1 hi there --no-echo");
    assert_fields(
        &alice.next("ack 2"),
        &json!({"ackId": 2, "command": "sendtogroup g1", "success": true}),
    );
    assert_fields(
        &bob.ws.recv_json().await,
        &json!({"type": "message", "fromUserId": "alice", "dataType": "text", "data": "hi there"}),
    );
    let (_, any_bytes) = any();
    alice.write(&format!("sendtogroup g1 {} --protobuf", b64(&any_bytes)));
    assert_fields(
        &bob.ws.recv_json().await,
        &json!({"type": "message", "group": "g1", "dataType": "protobuf", "data": b64(&any_bytes)}),
    );
    // Its own echo, shown as protobuf data in base64 like every other output.
    let mut lines = [alice.next("ack 3 or echo"), alice.next("ack 3 or echo")];
    lines.sort_by_key(|l| l["type"] != "ack");
    assert_fields(
        &lines[0],
        &json!({"type": "ack", "ackId": 3, "success": true}),
    );
    assert_eq!(
        lines[1],
        json!({"type": "message", "from": "group", "group": "g1", "dataType": "protobuf", "data": b64(&any_bytes)})
    );
    // A JSON frame line on protobuf is the request it names, sent in protobuf.
    alice.write(r#"{"type":"leaveGroup","group":"g1","ackId":9}"#);
    assert_fields(
        &alice.next("ack 9"),
        &json!({"type": "ack", "ackId": 9, "command": "frame leaveGroup", "success": true}),
    );

    alice.close_stdin();
    let (status, rest) = alice.wait();
    assert_eq!(
        code(status),
        0,
        "stderr: {}; lines: {rest:?}",
        alice.stderr()
    );
    assert_eq!(alice.stderr(), "");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_json_client_start_gets_protobuf_clients_messages() {
    let emu = Emulator::start();
    let mut carol = Piped::start(&emu, &["--user-id", "carol", "--group", "g1"]);
    carol.next("connected");
    let mut p = Pb::connect(&emu, &json!({"sub": "pat", "role": roles()}), PROTOBUF).await;
    let (any, any_bytes) = any();
    p.send_to("g1", Payload::Text("from pb".into()), 1, true)
        .await;
    p.send_to("g1", Payload::Protobuf(any), 2, true).await;
    assert_eq!(
        carol.next("text"),
        json!({"type": "message", "from": "group", "group": "g1", "fromUserId": "pat", "dataType": "text", "data": "from pb", "sequenceId": 1})
    );
    assert_eq!(
        carol.next("protobuf"),
        json!({"type": "message", "from": "group", "group": "g1", "fromUserId": "pat", "dataType": "protobuf", "data": b64(&any_bytes), "sequenceId": 2})
    );
    carol.close_stdin();
    let (status, _) = carol.wait();
    assert_eq!(code(status), 0);
}

/// `client start --protocol protobuf.reliable` on both ends, each dropped once: nothing lost or
/// shown twice, every command acked once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_start_protobuf_reliable_recovers_after_drops() {
    recovery_after_drops_loses_and_repeats_nothing("protobuf.reliable", 300).await;
}

/// `--show-frames` on protobuf: each binary frame shown as the JSON frame it stands for; an
/// invalid `--protobuf` MESSAGE and a `--protobuf` on a JSON subprotocol are refused lines.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_frames_shows_protobuf_frames_as_json_and_bad_protobuf_lines_fail() {
    let emu = Emulator::start();
    let mut c = Piped::start(
        &emu,
        &["--user-id", "u1", "--show-frames", "--protocol", "protobuf"],
    );
    let first = c.next("the connected frame");
    assert_eq!(first["direction"], "in", "{first}");
    let connected: Value = serde_json::from_str(first["text"].as_str().expect("text"))
        .expect("the frame shown as JSON");
    assert_fields(
        &connected,
        &json!({"type": "system", "event": "connected", "userId": "u1"}),
    );
    assert_eq!(c.next("connected")["event"], "connected");
    c.write("joingroup g1");
    assert_fields(
        &c.next("the joinGroup frame"),
        &json!({"type": "frame", "direction": "out", "text": r#"{"type":"joinGroup","group":"g1","ackId":1}"#}),
    );
    assert_fields(
        &c.next("the ack frame"),
        &json!({"type": "frame", "direction": "in", "text": r#"{"type":"ack","ackId":1,"success":true}"#}),
    );
    assert_fields(&c.next("the ack"), &json!({"type": "ack", "ackId": 1}));
    c.write("sendtogroup g1 CgN0 --protobuf");
    c.close_stdin();
    let (status, _) = c.wait();
    assert_eq!(code(status), 8, "an invalid line fails the run");
    assert!(c.stderr().contains("google.protobuf.Any"), "{}", c.stderr());

    let mut j = Piped::start(&emu, &["--protocol", "json"]);
    j.next("connected");
    j.write("sendtogroup g1 CgN0L3gSAggB --protobuf");
    j.close_stdin();
    let (status, _) = j.wait();
    assert_eq!(code(status), 8);
    assert!(
        j.stderr().contains("needs a protobuf subprotocol"),
        "{}",
        j.stderr()
    );
}
