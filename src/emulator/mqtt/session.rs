//! One MQTT WebSocket: the CONNECT (checked, sent to the upstream `connect` event, answered with
//! CONNACK), then the packets both ways until the connection ends; and the session, which may
//! outlive it for its expiry interval.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ws::{Message, WebSocket};
use base64::Engine as _;
use bytes::Bytes;
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::time::Instant;

use super::link::{Link, SubOpts};
use super::Handshake;
use crate::emulator::group_send;
use crate::emulator::state::{
    lock, random_id, Conn, ConnInit, Delivery, Hub, Join, Kill, Out, Protocol, PublishMeta,
};
use crate::emulator::trace::Direction;
use crate::emulator::upstream::{ConnectEventRequest, EventContext, MqttIds};
use crate::emulator::Emulator;
use crate::wire::mqtt::{
    self, ConnAck, ConnAckProperties, Connect, ConnectReturnCode, DecodeError, Decoder, Disconnect,
    DisconnectProperties, DisconnectReasonCode, LastWill, Login, Packet, PingResp, PubAck,
    PubAckProperties, PubAckReason, PubComp, PubRec, PubRecReason, PubRel, Publish,
    PublishProperties, QoS, SubAck, SubscribeReasonCode, UnsubAck, UnsubAckReason, Version,
};
use crate::wire::{DataType, GroupName, Permission};

/// A CONNECT must arrive this soon after the WebSocket handshake.
const CONNECT_WAIT: Duration = Duration::from_secs(10);
/// The longest keep-alive we accept, and the one a 5.0 client without one gets.
const MAX_KEEP_ALIVE: u16 = 180;
/// The service keeps a session at most this long after its client went away.
const MAX_SESSION_EXPIRY: u32 = 30;
/// QoS 2 publishes waiting for PUBREL, at most (5.0 clients are told: Receive Maximum).
const RECEIVE_MAX: u16 = 100;
/// A client that takes nothing for this long while we write to it is gone.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Will topic and message limits (the service's).
const MAX_WILL_TOPIC: usize = 1024;
const MAX_WILL_MESSAGE: usize = 2000;

type Sink = SplitSink<WebSocket, Message>;
type Stream = SplitStream<WebSocket>;

/// An MQTT session: a connection in its hub that may be between WebSockets.
pub struct Session {
    pub conn: Arc<Conn>,
    pub link: Arc<Link>,
    hub: Arc<Hub>,
    id: String,
    state: Mutex<SessionState>,
}

struct SessionState {
    /// Counts the WebSockets that attach; a task whose epoch is not the current one was taken
    /// over and leaves the session alone.
    epoch: u64,
    /// Seconds the session outlives its WebSocket.
    expiry: u32,
    physical_id: String,
}

impl Session {
    fn context(&self, emu_hub: &str) -> EventContext {
        let st = lock(&self.state);
        EventContext {
            hub: emu_hub.to_string(),
            connection_id: self.conn.id.to_string(),
            user_id: self.conn.user_id.clone(),
            subprotocol: Some(mqtt::SUBPROTOCOL.to_string()),
            origin: self.conn.origin.clone(),
            mqtt: Some(MqttIds {
                physical_connection_id: st.physical_id.clone(),
                session_id: Some(self.id.clone()),
            }),
        }
    }

    fn epoch(&self) -> u64 {
        lock(&self.state).epoch
    }
}

/// How a WebSocket of a session ended.
enum End {
    /// The client sent DISCONNECT.
    ClientDisconnect(Disconnect),
    /// The socket closed or broke without DISCONNECT.
    Lost(String),
    /// The client broke the protocol: tell a 5.0 client why, then close.
    Protocol(DisconnectReasonCode, String),
    /// The service closed the connection (REST, eviction): already told.
    Service(String),
    /// Another WebSocket took the session over.
    TakenOver,
}

pub(super) async fn run(emu: Arc<Emulator>, hs: Handshake, socket: WebSocket) {
    let (mut sink, mut stream) = socket.split();
    let mut decoder = Decoder::server(mqtt::MAX_PACKET_BYTES);
    let first = tokio::time::timeout(
        CONNECT_WAIT,
        next_packet(&emu, &hs.hub, "", &mut stream, &mut decoder),
    )
    .await;
    let (connect, will, login) = match first {
        Ok(Ok(Packet::Connect(c, w, l))) => (c, w, l),
        Ok(Err(ReadEnd::Bad(DecodeError::UnsupportedVersion(_)))) => {
            // 3.1.1's "unacceptable protocol version" is the one answer every version reads.
            let ack = Packet::ConnAck(ConnAck {
                session_present: false,
                code: ConnectReturnCode::UnsupportedProtocolVersion,
                properties: None,
            });
            if let Ok(bytes) = mqtt::encode(Version::V311, &ack, mqtt::MAX_PACKET_BYTES) {
                let _ = send(&mut sink, bytes).await;
            }
            let _ = sink.close().await;
            return;
        }
        _ => {
            let _ = sink.close().await;
            return;
        }
    };
    let version = decoder.version().unwrap_or(Version::V5);
    let accepted = match accept(&emu, &hs, version, &connect, will.as_ref(), login.as_ref()).await {
        Ok(a) => a,
        Err((code, reason)) => {
            let props = (version == Version::V5).then(|| ConnAckProperties {
                reason_string: Some(reason),
                ..connack_properties()
            });
            let ack = Packet::ConnAck(ConnAck {
                session_present: false,
                code,
                properties: props,
            });
            if let Ok(bytes) = mqtt::encode(version, &ack, mqtt::MAX_PACKET_BYTES) {
                let _ = send(&mut sink, bytes).await;
            }
            let _ = sink.close().await;
            return;
        }
    };
    serve(emu, hs, accepted, sink, stream, decoder, will).await;
}

/// A CONNECT that was accepted, and its session.
struct Accepted {
    session: Arc<Session>,
    epoch: u64,
    rx: crate::emulator::state::SocketRx,
    keep_alive: u16,
    connack: Bytes,
}

async fn accept(
    emu: &Arc<Emulator>,
    hs: &Handshake,
    version: Version,
    connect: &Connect,
    will: Option<&LastWill>,
    login: Option<&Login>,
) -> Result<Accepted, (ConnectReturnCode, String)> {
    let props = connect.properties.as_ref();
    // Client id.
    let mut assigned = None;
    let client_id = if connect.client_id.is_empty() {
        if version == Version::V311 && !connect.clean_start {
            return Err((
                ConnectReturnCode::ClientIdentifierNotValid,
                "An empty client id needs a clean session.".into(),
            ));
        }
        let id = random_id(22);
        assigned = Some(id.clone());
        id
    } else {
        connect.client_id.clone()
    };
    if client_id.len() > 128 || !client_id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err((
            ConnectReturnCode::ClientIdentifierNotValid,
            "The client id must be 1 to 128 characters of 0-9, a-z and A-Z.".into(),
        ));
    }
    // Keep-alive.
    let mut server_keep_alive = None;
    let keep_alive = match version {
        Version::V311 if connect.keep_alive == 0 || connect.keep_alive > MAX_KEEP_ALIVE => {
            return Err((
                ConnectReturnCode::UnspecifiedError,
                "MQTT 3.1.1 clients must use a keep-alive of 1 to 180 seconds.".into(),
            ))
        }
        Version::V5 if connect.keep_alive == 0 || connect.keep_alive > MAX_KEEP_ALIVE => {
            server_keep_alive = Some(MAX_KEEP_ALIVE);
            MAX_KEEP_ALIVE
        }
        _ => connect.keep_alive,
    };
    if let Some(w) = will {
        let topic = String::from_utf8_lossy(&w.topic);
        if topic.trim().is_empty() || topic.chars().count() > MAX_WILL_TOPIC {
            return Err((
                ConnectReturnCode::TopicNameInvalid,
                "The will topic must be 1 to 1024 characters, not all white space.".into(),
            ));
        }
        if w.message.len() > MAX_WILL_MESSAGE {
            return Err((
                ConnectReturnCode::PacketTooLarge,
                "The will message may be at most 2000 bytes.".into(),
            ));
        }
    }
    let requested_expiry = match version {
        Version::V5 => props.and_then(|p| p.session_expiry_interval).unwrap_or(0),
        Version::V311 if connect.clean_start => 0,
        Version::V311 => MAX_SESSION_EXPIRY,
    };
    let expiry = requested_expiry.min(MAX_SESSION_EXPIRY);
    let max_out = props
        .and_then(|p| p.max_packet_size)
        .map_or(mqtt::MAX_PACKET_BYTES, |m| {
            (m as usize).min(mqtt::MAX_PACKET_BYTES)
        });

    // The upstream `connect` event: it may refuse, or set the user, groups and roles.
    let physical_id = random_id(22);
    let hub_name = hs.hub.to_string();
    let ctx = EventContext {
        hub: hub_name.clone(),
        connection_id: client_id.clone(),
        user_id: hs.claims.sub().map(str::to_string),
        subprotocol: Some(mqtt::SUBPROTOCOL.to_string()),
        origin: hs.origin.clone(),
        mqtt: Some(MqttIds {
            physical_connection_id: physical_id.clone(),
            session_id: None,
        }),
    };
    let mut request = ConnectEventRequest::from_handshake(
        &hs.claims.0,
        hs.raw_query.as_deref(),
        &hs.headers,
        vec![mqtt::SUBPROTOCOL.to_string()],
    );
    let user_properties = props
        .map(|p| user_props_json(&p.user_properties))
        .unwrap_or(Value::Null);
    request.mqtt = Some(json!({
        "protocolVersion": version.level(),
        "cleanStart": connect.clean_start,
        "username": login.map(|l| l.username.clone()),
        "password": login.map(|l| base64::engine::general_purpose::STANDARD.encode(&l.password)),
        "userProperties": user_properties,
    }));
    let mut user = hs.claims.sub().map(str::to_string);
    let mut roles = hs.claims.roles();
    let mut groups: Vec<String> = hs.groups.clone();
    let mut connack_user_properties = Vec::new();
    match emu.upstream.connect(&ctx, request).await {
        Err(rejection) => {
            return Err(connect_refusal(
                rejection.status.as_u16(),
                &rejection.message,
            ))
        }
        Ok(None) => {}
        Ok(Some(answer)) => {
            if let Some(u) = answer.user_id.filter(|u| !u.is_empty()) {
                user = Some(u);
            }
            groups.extend(answer.groups);
            roles.extend(answer.roles);
            connack_user_properties = answer.mqtt_user_properties;
        }
    }
    groups.sort();
    groups.dedup();
    if groups.len() > emu.limits.max_groups_per_connection {
        return Err((
            ConnectReturnCode::QuotaExceeded,
            Join::too_many_groups_message(emu.limits.max_groups_per_connection),
        ));
    }

    // An existing session of this client id: taken over, and resumed unless the client asks for
    // a clean start. A client id held by a connection of another protocol is refused.
    let hub = emu.hubs.get_or_create(&hs.hub);
    let sessions = &emu.mqtt_sessions;
    let existing = sessions.get(&hub_name, &client_id);
    if existing.is_none() && hub.conn(&client_id).is_some() {
        return Err((
            ConnectReturnCode::ClientIdentifierNotValid,
            "The client id is in use by another connection.".into(),
        ));
    }
    let (session, present) = match existing {
        // A session the service closed (REST) while its client was away is not resumed.
        Some(old) if !connect.clean_start && !old.conn.was_closed() => {
            // Resume: its user, roles and subscriptions stay as they are.
            (old, true)
        }
        Some(old) => {
            end_session(
                emu,
                &old,
                Some("The session was taken over by a new connection with a clean start."),
                json!({"initiatedByClient": false, "disconnectPacket": null}),
            );
            (
                new_session(
                    emu, &hub, &hub_name, &client_id, user, roles, &hs.origin, version, max_out,
                ),
                false,
            )
        }
        None => (
            new_session(
                emu, &hub, &hub_name, &client_id, user, roles, &hs.origin, version, max_out,
            ),
            false,
        ),
    };
    let epoch = {
        let mut st = lock(&session.state);
        st.epoch += 1;
        st.expiry = expiry;
        st.physical_id = physical_id;
        st.epoch
    };
    // Attaching drops a WebSocket still attached (a takeover); its task sees the epoch moved.
    let Some(rx) = session.conn.attach() else {
        return Err((
            ConnectReturnCode::ServerUnavailable,
            "The session ended while connecting.".into(),
        ));
    };
    let kept = session.link.go_online(version, max_out);
    let connack_props = (version == Version::V5).then(|| ConnAckProperties {
        session_expiry_interval: (requested_expiry != expiry).then_some(expiry),
        assigned_client_identifier: assigned,
        server_keep_alive,
        user_properties: connack_user_properties,
        ..connack_properties()
    });
    let connack = mqtt::encode(
        version,
        &Packet::ConnAck(ConnAck {
            session_present: present,
            code: ConnectReturnCode::Success,
            properties: connack_props,
        }),
        max_out,
    )
    .unwrap_or_default();
    if !present {
        // In the hub, in its groups, then `connected`: messages may flow from now on.
        if let Join::TooManyGroups { limit } = hub.add(session.conn.clone(), &groups) {
            return Err((
                ConnectReturnCode::QuotaExceeded,
                Join::too_many_groups_message(limit),
            ));
        }
        sessions.insert(&hub_name, &client_id, session.clone());
        emu.upstream.connected(&session.context(&hub_name));
    }
    for packet in kept {
        session.conn.send_binary(packet);
    }
    Ok(Accepted {
        session,
        epoch,
        rx,
        keep_alive,
        connack,
    })
}

#[allow(clippy::too_many_arguments)]
fn new_session(
    emu: &Emulator,
    hub: &Arc<Hub>,
    hub_name: &str,
    client_id: &str,
    user: Option<String>,
    roles: Vec<String>,
    origin: &str,
    version: Version,
    max_out: usize,
) -> Arc<Session> {
    let link = Arc::new(Link::new(version, max_out));
    let conn = Arc::new(Conn::new(
        ConnInit {
            id: client_id.to_string(),
            hub: hub_name.to_string(),
            user_id: user,
            protocol: Protocol::Mqtt,
            subprotocol: Some(mqtt::SUBPROTOCOL.to_string()),
            roles,
            origin: origin.to_string(),
            raw_send: None,
            encoder: Some(link.clone()),
        },
        emu.limits.clone(),
    ));
    Arc::new(Session {
        conn,
        link,
        hub: hub.clone(),
        id: random_id(22),
        state: Mutex::new(SessionState {
            epoch: 0,
            expiry: 0,
            physical_id: String::new(),
        }),
    })
}

/// The CONNACK properties every 5.0 client gets: what this service does not support.
fn connack_properties() -> ConnAckProperties {
    ConnAckProperties {
        session_expiry_interval: None,
        receive_max: Some(RECEIVE_MAX),
        max_qos: None,
        retain_available: Some(0),
        max_packet_size: Some(u32::try_from(mqtt::MAX_PACKET_BYTES).unwrap_or(u32::MAX)),
        assigned_client_identifier: None,
        topic_alias_max: None,
        reason_string: None,
        user_properties: Vec::new(),
        wildcard_subscription_available: Some(0),
        subscription_identifiers_available: Some(0),
        shared_subscription_available: Some(0),
        server_keep_alive: None,
        response_information: None,
        server_reference: None,
        authentication_method: None,
        authentication_data: None,
    }
}

/// A refused `connect` event as a CONNACK: the handler's `{"mqtt":{"code","reason"}}` when it
/// sent one, else a code for its HTTP status.
fn connect_refusal(status: u16, body: &str) -> (ConnectReturnCode, String) {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let mqtt_part = parsed.as_ref().and_then(|v| v.get("mqtt"));
    if let Some(code) = mqtt_part
        .and_then(|m| m.get("code"))
        .and_then(Value::as_u64)
    {
        let reason = mqtt_part
            .and_then(|m| m.get("reason"))
            .and_then(Value::as_str)
            .unwrap_or("The connect event handler rejected the connection.")
            .to_string();
        return (mqtt::connack_code(code), reason);
    }
    let code = match status {
        401 => ConnectReturnCode::BadUserNamePassword,
        403 => ConnectReturnCode::NotAuthorized,
        400..=499 => ConnectReturnCode::UnspecifiedError,
        _ => ConnectReturnCode::ServerUnavailable,
    };
    let reason = if body.is_empty() {
        format!("The connect event handler rejected the connection ({status}).")
    } else {
        body.to_string()
    };
    (code, reason)
}

fn user_props_json(props: &[(String, String)]) -> Value {
    Value::Array(
        props
            .iter()
            .map(|(name, value)| json!({"name": name, "value": value}))
            .collect(),
    )
}

/// The connection is up: packets both ways until it ends, then the session kept or ended.
#[allow(clippy::too_many_arguments)]
async fn serve(
    emu: Arc<Emulator>,
    hs: Handshake,
    accepted: Accepted,
    mut sink: Sink,
    mut stream: Stream,
    mut decoder: Decoder,
    will: Option<LastWill>,
) {
    let Accepted {
        session,
        epoch,
        rx,
        keep_alive,
        connack,
    } = accepted;
    let hub_name = hs.hub.to_string();
    let conn = session.conn.clone();
    if let Some(t) = &emu.trace {
        t.frame(
            Direction::Out,
            &hub_name,
            &conn.id,
            &Message::Binary(connack.clone()),
        );
    }
    if send(&mut sink, connack).await.is_err() {
        after(
            &emu,
            &hub_name,
            &session,
            epoch,
            End::Lost("The connection was lost.".into()),
            will,
        );
        return;
    }
    let crate::emulator::state::SocketRx {
        rx: mut queue,
        mut kill,
        counters,
        epoch: _,
    } = rx;
    let version = decoder.version().unwrap_or(Version::V5);
    let silence = Duration::from_millis(u64::from(keep_alive) * 1500);
    let mut deadline = Instant::now() + silence;
    let mut awaiting_rel: HashSet<u16> = HashSet::new();
    let mut kill_open = true;
    let end = loop {
        tokio::select! {
            biased;
            changed = kill.changed(), if kill_open => {
                if changed.is_err() {
                    // The sender is gone with the socket's slot: what is left comes through the
                    // queue (a close, or its end).
                    kill_open = false;
                    continue;
                }
                let k = kill.borrow_and_update().clone();
                match k {
                    Some(Kill::Close(_, reason)) => {
                        disconnect(&session, &mut sink, DisconnectReasonCode::QuotaExceeded, &reason).await;
                        break End::Service(reason);
                    }
                    Some(Kill::Drop) if session.epoch() != epoch => {
                        disconnect(&session, &mut sink, DisconnectReasonCode::SessionTakenOver, "Another connection took the session over.").await;
                        break End::TakenOver;
                    }
                    Some(Kill::Drop) => break End::Lost("The connection was dropped.".into()),
                    None => {}
                }
            }
            out = queue.recv() => {
                let Some(out) = out else {
                    break End::Service("The connection was closed by the service.".into());
                };
                counters.dequeued(&out);
                // A message that outlived its time to live while queued is dropped, not sent.
                let Some(out) = out.unexpired(std::time::Instant::now()) else {
                    continue;
                };
                match out {
                    Out::Close(_, reason) => {
                        disconnect(&session, &mut sink, DisconnectReasonCode::AdministrativeAction, &reason).await;
                        break End::Service(reason);
                    }
                    Out::Frame(msg) => {
                        if let Some(t) = &emu.trace {
                            t.frame(Direction::Out, &hub_name, &conn.id, &msg);
                        }
                        // Bounded: a client that stops reading must not hold this task for ever.
                        let written = tokio::time::timeout(WRITE_TIMEOUT, async {
                            sink.feed(msg).await?;
                            if queue.is_empty() {
                                sink.flush().await?;
                            }
                            Ok::<(), axum::Error>(())
                        })
                        .await;
                        if !matches!(written, Ok(Ok(()))) {
                            break End::Lost("The connection was lost (the client stopped reading).".into());
                        }
                    }
                    // `unexpired` unwrapped it; MQTT has no sequenced frames.
                    Out::Sequenced(..) | Out::Expiring(..) => {}
                }
            }
            packet = next_packet(&emu, &hs.hub, &conn.id, &mut stream, &mut decoder) => {
                deadline = Instant::now() + silence;
                match packet {
                    Ok(packet) => {
                        if let Some(end) = on_packet(&emu, &session, &hub_name, version, packet, &mut awaiting_rel).await {
                            if let End::Protocol(code, reason) = &end {
                                disconnect(&session, &mut sink, *code, reason).await;
                            }
                            break end;
                        }
                    }
                    Err(ReadEnd::Closed(reason)) => break End::Lost(reason),
                    Err(ReadEnd::Bad(e)) => {
                        let code = match e {
                            DecodeError::TooLarge { .. } => DisconnectReasonCode::PacketTooLarge,
                            _ => DisconnectReasonCode::MalformedPacket,
                        };
                        let reason = e.to_string();
                        disconnect(&session, &mut sink, code, &reason).await;
                        break End::Protocol(code, reason);
                    }
                }
            }
            () = tokio::time::sleep_until(deadline) => {
                let reason = "No packet within 1.5 times the keep-alive.".to_string();
                disconnect(&session, &mut sink, DisconnectReasonCode::KeepAliveTimeout, &reason).await;
                break End::Protocol(DisconnectReasonCode::KeepAliveTimeout, reason);
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), sink.close()).await;
    after(&emu, &hub_name, &session, epoch, end, will);
}

/// Tells a 5.0 client why the service ends the connection (3.1.1 has no server DISCONNECT).
async fn disconnect(session: &Session, sink: &mut Sink, code: DisconnectReasonCode, reason: &str) {
    if session.link.version() != Version::V5 {
        return;
    }
    let mut reason = reason.to_string();
    while reason.len() > 256 {
        reason.pop();
    }
    let packet = Packet::Disconnect(Disconnect {
        reason_code: code,
        properties: Some(DisconnectProperties {
            session_expiry_interval: None,
            reason_string: Some(reason),
            user_properties: Vec::new(),
            server_reference: None,
        }),
    });
    if let Some(bytes) = session.link.packet(&packet) {
        let _ = tokio::time::timeout(Duration::from_secs(1), send(sink, bytes)).await;
    }
}

/// After a WebSocket: the will, then the session kept (its expiry) or ended.
fn after(
    emu: &Arc<Emulator>,
    hub_name: &str,
    session: &Arc<Session>,
    epoch: u64,
    end: End,
    will: Option<LastWill>,
) {
    if matches!(end, End::TakenOver) || session.epoch() != epoch {
        return;
    }
    let (initiated, packet, reason, expiry_override, publish_will) = match &end {
        End::ClientDisconnect(d) => {
            let props = d.properties.as_ref();
            (
                true,
                json!({
                    "code": d.reason_code as u8,
                    "userProperties": props.map(|p| user_props_json(&p.user_properties)).unwrap_or(Value::Null),
                }),
                props.and_then(|p| p.reason_string.clone()),
                props.and_then(|p| p.session_expiry_interval),
                d.reason_code == DisconnectReasonCode::DisconnectWithWillMessage,
            )
        }
        End::Protocol(code, reason) => (
            false,
            json!({"code": *code as u8, "userProperties": null}),
            Some(reason.clone()),
            None,
            true,
        ),
        End::Service(reason) => (
            false,
            json!({"code": DisconnectReasonCode::AdministrativeAction as u8, "userProperties": null}),
            Some(reason.clone()),
            Some(0),
            true,
        ),
        End::Lost(reason) => (false, Value::Null, Some(reason.clone()), None, true),
        End::TakenOver => return,
    };
    if publish_will {
        if let Some(w) = will {
            publish_will_message(session, w);
        }
    }
    let expiry = {
        let mut st = lock(&session.state);
        if let Some(e) = expiry_override {
            st.expiry = e.min(MAX_SESSION_EXPIRY);
        }
        st.expiry
    };
    let mqtt_part = json!({
        "initiatedByClient": initiated,
        "disconnectPacket": if packet.is_null() { Value::Null } else { packet },
    });
    if expiry == 0 || session.conn.was_closed() {
        session.conn.finish();
        end_session_with(emu, hub_name, session, reason.as_deref(), mqtt_part);
        return;
    }
    // Kept: messages wait for the client; the session ends when the expiry passes unresumed.
    session.link.go_offline();
    session.conn.detach_all();
    let emu = emu.clone();
    let session = session.clone();
    let hub_name = hub_name.to_string();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(u64::from(expiry))).await;
        if session.epoch() == epoch {
            session.conn.finish();
            end_session_with(&emu, &hub_name, &session, reason.as_deref(), mqtt_part);
        }
    });
}

/// Ends a session now (a clean-start takeover): out of its hub, `disconnected` once.
fn end_session(
    emu: &Arc<Emulator>,
    session: &Arc<Session>,
    reason: Option<&str>,
    mqtt_part: Value,
) {
    let hub_name = session.conn.hub.clone();
    lock(&session.state).epoch += 1;
    session.conn.finish();
    session.conn.drop_socket();
    end_session_with(emu, &hub_name, session, reason, mqtt_part);
}

fn end_session_with(
    emu: &Arc<Emulator>,
    hub_name: &str,
    session: &Arc<Session>,
    reason: Option<&str>,
    mqtt_part: Value,
) {
    let conn = &session.conn;
    session.hub.remove_conn(conn);
    emu.mqtt_sessions.remove(hub_name, &conn.id, session);
    if conn.mark_ended() {
        emu.upstream
            .disconnected_mqtt(&session.context(hub_name), reason, mqtt_part);
    }
}

fn publish_will_message(session: &Session, will: LastWill) {
    let topic = String::from_utf8_lossy(&will.topic).into_owned();
    let Ok(group) = GroupName::parse(topic) else {
        return;
    };
    if !session.conn.can(Permission::SendToGroup, &group) {
        return;
    }
    let props = will.properties.as_ref();
    let content_type = props.and_then(|p| p.content_type.clone());
    let data_type = checked_type(mqtt::data_type_of(content_type.as_deref()), &will.message)
        .unwrap_or(DataType::Binary);
    let qos = will.qos as u8;
    group_send::send(
        &session.hub,
        &session.conn,
        group,
        false,
        data_type,
        will.message,
        |msg| {
            msg.with_mqtt(PublishMeta {
                qos,
                content_type,
                ..PublishMeta::default()
            })
        },
    );
}

/// The data type a payload may keep: JSON must parse and text must be UTF-8.
fn checked_type(dt: DataType, payload: &[u8]) -> Option<DataType> {
    let ok = match dt {
        DataType::Json => serde_json::from_slice::<serde::de::IgnoredAny>(payload).is_ok(),
        DataType::Text => std::str::from_utf8(payload).is_ok(),
        DataType::Binary | DataType::Protobuf => true,
    };
    ok.then_some(dt)
}

enum ReadEnd {
    Closed(String),
    Bad(DecodeError),
}

/// The next packet from the client, reading WebSocket messages as needed.
async fn next_packet(
    emu: &Emulator,
    hub: &crate::wire::HubName,
    conn_id: &str,
    stream: &mut Stream,
    decoder: &mut Decoder,
) -> Result<Packet, ReadEnd> {
    loop {
        match decoder.next_packet() {
            Ok(Some(p)) => return Ok(p),
            Ok(None) => {}
            Err(e) => return Err(ReadEnd::Bad(e)),
        }
        let msg = match stream.next().await {
            Some(Ok(m)) => m,
            Some(Err(_)) | None => return Err(ReadEnd::Closed("The connection was lost.".into())),
        };
        if let Some(t) = &emu.trace {
            if !conn_id.is_empty() {
                t.frame(Direction::In, hub.as_ref(), conn_id, &msg);
            }
        }
        match msg {
            Message::Binary(b) => decoder.push(&b).map_err(ReadEnd::Bad)?,
            Message::Text(_) => {
                return Err(ReadEnd::Bad(DecodeError::Malformed(
                    "MQTT over WebSocket uses binary messages".into(),
                )))
            }
            Message::Close(frame) => {
                return Err(ReadEnd::Closed(
                    frame
                        .map(|f| f.reason.to_string())
                        .filter(|r| !r.is_empty())
                        .unwrap_or_else(|| "The client closed the WebSocket.".into()),
                ))
            }
            Message::Ping(_) | Message::Pong(_) => {}
        }
    }
}

async fn send(sink: &mut Sink, bytes: Bytes) -> Result<(), axum::Error> {
    sink.send(Message::Binary(bytes)).await
}

/// Queues a packet for the client; evicted when the client is not reading.
fn reply(session: &Session, packet: &Packet) {
    if let Some(bytes) = session.link.packet(packet) {
        if session.conn.send_binary(bytes) == Delivery::Evicted {
            session.hub.remove_conn(&session.conn);
        }
    }
}

/// What one packet does; `Some` when the connection must end.
async fn on_packet(
    emu: &Emulator,
    session: &Arc<Session>,
    hub_name: &str,
    version: Version,
    packet: Packet,
    awaiting_rel: &mut HashSet<u16>,
) -> Option<End> {
    match packet {
        Packet::PingReq(_) => reply(session, &Packet::PingResp(PingResp)),
        Packet::Disconnect(d) => return Some(End::ClientDisconnect(d)),
        Packet::Publish(p) => {
            return on_publish(emu, session, hub_name, version, p, awaiting_rel).await
        }
        Packet::PubRel(r) => {
            awaiting_rel.remove(&r.pkid);
            reply(session, &Packet::PubComp(PubComp::new(r.pkid, None)));
        }
        // Our QoS 2 publish: release it.
        Packet::PubRec(r) => reply(session, &Packet::PubRel(PubRel::new(r.pkid, None))),
        // Acknowledgements of our publishes: nothing is retransmitted, so nothing to do.
        Packet::PubAck(_) | Packet::PubComp(_) => {}
        Packet::Subscribe(s) => {
            let codes = s
                .filters
                .iter()
                .map(|f| subscribe_one(session, version, f, s.properties.as_ref()))
                .collect();
            reply(
                session,
                &Packet::SubAck(SubAck {
                    pkid: s.pkid,
                    return_codes: codes,
                    properties: None,
                }),
            );
        }
        Packet::Unsubscribe(u) => {
            let reasons = u
                .filters
                .iter()
                .map(|f| unsubscribe_one(session, f))
                .collect();
            reply(
                session,
                &Packet::UnsubAck(UnsubAck {
                    pkid: u.pkid,
                    reasons,
                    properties: None,
                }),
            );
        }
        Packet::Connect(..) => {
            return Some(End::Protocol(
                DisconnectReasonCode::ProtocolError,
                "A second CONNECT on one connection.".into(),
            ))
        }
        other => {
            return Some(End::Protocol(
                DisconnectReasonCode::ProtocolError,
                format!("A client may not send {}.", packet_name(&other)),
            ))
        }
    }
    None
}

fn packet_name(p: &Packet) -> &'static str {
    match p {
        Packet::ConnAck(_) => "CONNACK",
        Packet::SubAck(_) => "SUBACK",
        Packet::UnsubAck(_) => "UNSUBACK",
        Packet::PingResp(_) => "PINGRESP",
        Packet::Auth(_) => "AUTH (enhanced authentication is not supported)",
        _ => "this packet",
    }
}

fn subscribe_one(
    session: &Session,
    version: Version,
    filter: &mqtt::Filter,
    props: Option<&mqtt::SubscribeProperties>,
) -> SubscribeReasonCode {
    if props.is_some_and(|p| p.id.is_some()) {
        return SubscribeReasonCode::SubscriptionIdNotSupported;
    }
    let path = filter.path.as_str();
    if path.starts_with("$share/") {
        return SubscribeReasonCode::SharedSubscriptionsNotSupported;
    }
    if mqtt::has_wildcards(path) {
        return SubscribeReasonCode::WildcardSubscriptionsNotSupported;
    }
    let Ok(group) = GroupName::parse(path) else {
        return SubscribeReasonCode::TopicFilterInvalid;
    };
    if !session.conn.can(Permission::JoinLeaveGroup, &group) {
        return SubscribeReasonCode::NotAuthorized;
    }
    match session.hub.join(&session.conn.id, &group) {
        Join::TooManyGroups { .. } => return SubscribeReasonCode::QuotaExceeded,
        Join::Joined | Join::NotFound => {}
    }
    let qos = filter.qos as u8;
    session.link.subscribe(
        &group,
        SubOpts {
            qos,
            no_local: version == Version::V5 && filter.nolocal,
        },
    );
    SubscribeReasonCode::Success(filter.qos)
}

fn unsubscribe_one(session: &Session, filter: &str) -> UnsubAckReason {
    let Ok(group) = GroupName::parse(filter) else {
        return UnsubAckReason::TopicFilterInvalid;
    };
    if !session.conn.can(Permission::JoinLeaveGroup, &group) {
        return UnsubAckReason::NotAuthorized;
    }
    session.hub.leave(&session.conn.id, &group);
    session.link.unsubscribe(&group);
    UnsubAckReason::Success
}

/// A PUBLISH: an upstream event on `$webpubsub/server/events/…`, else a message to its group.
async fn on_publish(
    emu: &Emulator,
    session: &Arc<Session>,
    hub_name: &str,
    version: Version,
    p: Publish,
    awaiting_rel: &mut HashSet<u16>,
) -> Option<End> {
    let props = p.properties.clone().unwrap_or_default();
    if props.topic_alias.is_some() || p.topic.is_empty() {
        return Some(End::Protocol(
            DisconnectReasonCode::TopicAliasInvalid,
            "Topic aliases are not supported.".into(),
        ));
    }
    let Ok(topic) = std::str::from_utf8(&p.topic) else {
        return Some(End::Protocol(
            DisconnectReasonCode::TopicNameInvalid,
            "The topic is not UTF-8.".into(),
        ));
    };
    if mqtt::has_wildcards(topic) {
        return Some(End::Protocol(
            DisconnectReasonCode::TopicNameInvalid,
            "A topic name cannot contain wildcards.".into(),
        ));
    }
    if p.retain && version == Version::V5 {
        return Some(End::Protocol(
            DisconnectReasonCode::RetainNotSupported,
            "Retained messages are not supported.".into(),
        ));
    }
    if p.qos == QoS::ExactlyOnce {
        if awaiting_rel.contains(&p.pkid) {
            // A re-sent QoS 2 publish: delivered already.
            ack(session, &p, PubAckReason::Success, None);
            return None;
        }
        if awaiting_rel.len() >= usize::from(RECEIVE_MAX) {
            return Some(End::Protocol(
                DisconnectReasonCode::ReceiveMaximumExceeded,
                "Too many QoS 2 messages waiting for PUBREL.".into(),
            ));
        }
        awaiting_rel.insert(p.pkid);
    }
    let Some(data_type) = checked_type(
        mqtt::data_type_of(props.content_type.as_deref()),
        &p.payload,
    )
    .filter(|_| {
        props.payload_format_indicator != Some(1) || std::str::from_utf8(&p.payload).is_ok()
    }) else {
        ack(
            session,
            &p,
            PubAckReason::PayloadFormatInvalid,
            Some("The payload does not match its content type."),
        );
        return None;
    };
    if let Some(event) = topic.strip_prefix(mqtt::EVENTS_TOPIC_PREFIX) {
        let event = event.to_string();
        return user_event(emu, session, hub_name, &p, &props, &event, data_type).await;
    }
    let Ok(group) = GroupName::parse(topic) else {
        return Some(End::Protocol(
            DisconnectReasonCode::TopicNameInvalid,
            "The topic is not a valid group name.".into(),
        ));
    };
    if !session.conn.can(Permission::SendToGroup, &group) {
        ack(
            session,
            &p,
            PubAckReason::NotAuthorized,
            Some(&group_send::no_permission(&group)),
        );
        return None;
    }
    let no_local = session.link.opts(&group).no_local;
    let payload = p.payload.clone();
    group_send::send(
        &session.hub,
        &session.conn,
        group,
        no_local,
        data_type,
        payload,
        |msg| {
            msg.with_mqtt(PublishMeta {
                qos: p.qos as u8,
                content_type: props.content_type.clone(),
                payload_format_indicator: props.payload_format_indicator,
                user_properties: props.user_properties.clone(),
                response_topic: props.response_topic.clone(),
                correlation_data: props.correlation_data.clone(),
            })
            // The message expiry interval is the one property the service carries across
            // protocols: a time to live for every recipient.
            .with_ttl(props.message_expiry_interval.map(u64::from))
        },
    );
    ack(session, &p, PubAckReason::Success, None);
    None
}

/// PUBACK (QoS 1) or PUBREC (QoS 2); reason codes and strings for 5.0 only.
fn ack(session: &Session, p: &Publish, reason: PubAckReason, why: Option<&str>) {
    let reason_string = why.map(str::to_string);
    match p.qos {
        QoS::AtMostOnce => {}
        QoS::AtLeastOnce => reply(
            session,
            &Packet::PubAck(PubAck {
                pkid: p.pkid,
                reason,
                properties: reason_string.map(|r| PubAckProperties {
                    reason_string: Some(r),
                    user_properties: Vec::new(),
                }),
            }),
        ),
        QoS::ExactlyOnce => reply(
            session,
            &Packet::PubRec(PubRec {
                pkid: p.pkid,
                reason: match reason {
                    PubAckReason::Success => PubRecReason::Success,
                    PubAckReason::NotAuthorized => PubRecReason::NotAuthorized,
                    PubAckReason::PayloadFormatInvalid => PubRecReason::PayloadFormatInvalid,
                    _ => PubRecReason::UnspecifiedError,
                },
                properties: None,
            }),
        ),
    }
}

/// `$webpubsub/server/events/{event}`: the upstream user event; its answer is published back
/// on `…/{event}/succeeded` or `…/failed`, with the request's correlation data.
async fn user_event(
    emu: &Emulator,
    session: &Arc<Session>,
    hub_name: &str,
    p: &Publish,
    props: &PublishProperties,
    event: &str,
    data_type: DataType,
) -> Option<End> {
    if event.is_empty() || event.contains('/') {
        ack(
            session,
            p,
            PubAckReason::TopicNameInvalid,
            Some("The event name must not be empty or contain '/'."),
        );
        return None;
    }
    ack(session, p, PubAckReason::Success, None);
    if !emu.upstream.handles_user_event(hub_name, event) {
        return None;
    }
    let result = emu
        .upstream
        .user_event(
            &session.context(hub_name),
            event,
            data_type,
            p.payload.clone(),
        )
        .await;
    let (suffix, answer) = match result {
        Ok(Some((dt, bytes))) => ("succeeded", Some((dt, bytes))),
        Ok(None) => ("succeeded", None),
        Err(e) => ("failed", Some((DataType::Text, Bytes::from(e.to_string())))),
    };
    let topic = format!("{}{event}/{suffix}", mqtt::EVENTS_TOPIC_PREFIX);
    let (content_type, payload) = match answer {
        Some((dt, bytes)) => (Some(dt.content_type().to_string()), bytes),
        None => (None, Bytes::new()),
    };
    let properties = (session.link.version() == Version::V5).then(|| PublishProperties {
        content_type,
        correlation_data: props.correlation_data.clone(),
        ..Default::default()
    });
    let publish = Publish {
        qos: if p.qos == QoS::AtMostOnce {
            QoS::AtMostOnce
        } else {
            QoS::AtLeastOnce
        },
        topic: Bytes::from(topic),
        payload,
        properties,
        ..Default::default()
    };
    if let Some(bytes) = session.link.publish(publish) {
        session.conn.send_binary(bytes);
    }
    None
}
