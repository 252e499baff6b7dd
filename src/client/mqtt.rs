//! `client start --protocol mqtt|mqtt3`: the same commands and JSON lines as the Web PubSub
//! subprotocols, spoken as MQTT 5.0 or 3.1.1 over WebSocket.
//!
//! * `joingroup G` subscribes to topic G (QoS 1); its ack line is the SUBACK.
//! * `leavegroup G` unsubscribes; its ack line is the UNSUBACK.
//! * `sendtogroup G MESSAGE` publishes to topic G with QoS 1 (5.0: the content type of its data
//!   type); its ack line is the PUBACK. `--no-echo` has no MQTT form (No Local is a
//!   subscription option) and fails the command.
//! * `event NAME MESSAGE` publishes to `$webpubsub/server/events/NAME`; the answer arrives as a
//!   message on `…/NAME/succeeded` (or `/failed`).
//! * A received PUBLISH is a `{"type":"message","from":"group","group":TOPIC,…}` line
//!   (`from":"server"` on `$webpubsub/server/messages`); its data type comes from its 5.0
//!   content type, and is binary (base64) without one, as on 3.1.1.
//!
//! There is no recovery: a lost connection ends the session (exit 4 or 6), as MQTT leaves
//! reconnecting to the application.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::sync::mpsc;
use tokio::time::{sleep_until, Instant};
use tokio_tungstenite::tungstenite::Message;

use super::command::Command;
use super::render::{
    AckEvent, Direction, Event, FrameEvent, MessageEvent, SystemEvent, SystemKind,
};
use super::session::{groups, join_token_groups, Options, SharedGroups, Sink, Summary};
use super::{Protocol, Target, Ws};
use crate::error::{Error, Exit};
use crate::output::sanitize_line;
use crate::wire::mqtt::{
    self, ConnAck, Connect, ConnectReturnCode, Decoder, Disconnect, DisconnectReasonCode, Filter,
    Packet, PingReq, PubAck, PubAckReason, PubComp, PubRec, Publish, PublishProperties, QoS,
    Subscribe, SubscribeReasonCode, UnsubAckReason, Unsubscribe, Version,
};
use crate::wire::{AckError, DataType, MessageSource};

/// The keep-alive we ask for; PINGREQ at half of it.
const KEEP_ALIVE: u16 = 60;
/// How long the CONNACK may take.
const CONNACK_WAIT: Duration = Duration::from_secs(30);
/// At most this many commands wait for their acks (packet ids are 16 bits).
const WINDOW: usize = 512;

struct Pending {
    ack_id: u64,
    label: String,
}

pub struct Session<'a> {
    target: &'a Target,
    opts: Options,
    sink: &'a mut dyn Sink,
    groups: SharedGroups,
    ws: Ws,
    version: Version,
    decoder: Decoder,
    next_ack: u64,
    next_pkid: u16,
    pending: BTreeMap<u16, Pending>,
    /// QoS 2 messages received and not yet released (shown once).
    incoming_qos2: HashMap<u16, ()>,
    summary: Summary,
    keep_alive: u16,
    last_rx: Instant,
    dirty: bool,
}

impl<'a> Session<'a> {
    pub fn new(
        target: &'a Target,
        ws: Ws,
        opts: Options,
        sink: &'a mut dyn Sink,
        groups: SharedGroups,
    ) -> Self {
        let version = if target.protocol == Protocol::Mqtt311 {
            Version::V311
        } else {
            Version::V5
        };
        Session {
            target,
            opts,
            sink,
            groups,
            ws,
            version,
            decoder: Decoder::client(version, mqtt::MAX_PACKET_BYTES),
            next_ack: 1,
            next_pkid: 0,
            pending: BTreeMap::new(),
            incoming_qos2: HashMap::new(),
            summary: Summary::default(),
            keep_alive: KEEP_ALIVE,
            last_rx: Instant::now(),
            dirty: false,
        }
    }

    fn emit(&mut self, ev: Event) -> anyhow::Result<()> {
        self.sink.event(&ev)?;
        self.dirty = true;
        Ok(())
    }

    async fn send(&mut self, packet: &Packet) -> anyhow::Result<()> {
        if self.opts.show_frames {
            let _ = self.sink.event(&Event::Frame(FrameEvent {
                direction: Direction::Out,
                text: describe(packet),
            }));
            self.dirty = true;
        }
        let bytes = mqtt::encode(self.version, packet, mqtt::MAX_PACKET_BYTES)
            .map_err(|e| Error::new(Exit::CommandFailed, format!("cannot send: {e}")))?;
        self.ws
            .send(Message::Binary(bytes))
            .await
            .map_err(|e| lost(&e.to_string()))?;
        Ok(())
    }

    /// The next packet from the service.
    async fn recv(&mut self) -> anyhow::Result<Packet> {
        loop {
            match self.decoder.next_packet() {
                Ok(Some(p)) => {
                    self.last_rx = Instant::now();
                    if self.opts.show_frames {
                        let _ = self.sink.event(&Event::Frame(FrameEvent {
                            direction: Direction::In,
                            text: describe(&p),
                        }));
                        self.dirty = true;
                    }
                    return Ok(p);
                }
                Ok(None) => {}
                Err(e) => {
                    return Err(Error::new(Exit::Rejected, format!("the service sent {e}")).into())
                }
            }
            match self.ws.next().await {
                Some(Ok(Message::Binary(b))) => self
                    .decoder
                    .push(&b)
                    .map_err(|e| Error::new(Exit::Rejected, format!("the service sent {e}")))?,
                Some(Ok(Message::Close(close))) => {
                    let why = close
                        .map(|c| c.reason.to_string())
                        .filter(|r| !r.is_empty())
                        .unwrap_or_else(|| "the WebSocket was closed".into());
                    return Err(closed(&why));
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(lost(&e.to_string())),
                None => return Err(lost("the connection ended")),
            }
        }
    }

    fn pkid(&mut self) -> u16 {
        loop {
            self.next_pkid = self.next_pkid.checked_add(1).unwrap_or(1);
            if !self.pending.contains_key(&self.next_pkid) {
                return self.next_pkid;
            }
        }
    }

    /// CONNECT, then the CONNACK: the `connected` line, or the refusal as the command's error.
    async fn connect(&mut self) -> anyhow::Result<()> {
        let client_id = client_id();
        let connect = Packet::Connect(
            Connect {
                keep_alive: KEEP_ALIVE,
                client_id: client_id.clone(),
                clean_start: true,
                properties: None,
            },
            None,
            None,
        );
        self.send(&connect).await?;
        let ack = tokio::time::timeout(CONNACK_WAIT, self.recv())
            .await
            .map_err(|_| {
                Error::new(
                    Exit::Timeout,
                    format!("no CONNACK within {} s", CONNACK_WAIT.as_secs()),
                )
            })??;
        let Packet::ConnAck(ConnAck {
            code, properties, ..
        }) = ack
        else {
            return Err(Error::new(
                Exit::Rejected,
                "the service answered CONNECT with something else than CONNACK",
            )
            .into());
        };
        if code != ConnectReturnCode::Success {
            let reason = properties
                .as_ref()
                .and_then(|p| p.reason_string.clone())
                .map(|r| format!(": {}", sanitize_line(&r)))
                .unwrap_or_default();
            let exit = match code {
                ConnectReturnCode::NotAuthorized | ConnectReturnCode::BadUserNamePassword => {
                    Exit::Auth
                }
                _ => Exit::Rejected,
            };
            return Err(Error::new(
                exit,
                format!("the service refused the MQTT connection ({code:?}){reason}"),
            )
            .into());
        }
        let id = properties
            .as_ref()
            .and_then(|p| p.assigned_client_identifier.clone())
            .unwrap_or(client_id);
        if let Some(k) = properties.as_ref().and_then(|p| p.server_keep_alive) {
            self.keep_alive = k.max(1);
        }
        let mut ev = SystemEvent::new(SystemKind::Connected);
        ev.connection_id = Some(id);
        ev.user_id = Some(self.target.user.clone());
        ev.protocol = Some(self.target.protocol_name().to_string());
        self.emit(Event::System(ev))
    }

    pub async fn run(mut self, mut input: mpsc::Receiver<Command>) -> anyhow::Result<Summary> {
        join_token_groups(&self.groups, self.target);
        self.connect().await?;
        let far = super::link::never();
        let mut input_open = true;
        let mut drain_deadline: Option<Instant> = None;
        let ping_every = Duration::from_secs(u64::from(self.keep_alive) / 2 + 1);
        let mut next_ping = Instant::now() + ping_every;
        loop {
            if !input_open && !self.opts.keep_open && self.pending.is_empty() {
                break;
            }
            let silence =
                self.last_rx + Duration::from_secs(u64::from(self.keep_alive) * 3 / 2 + 1);
            let room = self.pending.len() < WINDOW;
            tokio::select! {
                biased;
                packet = self.recv() => {
                    let packet = match packet {
                        Ok(p) => p,
                        Err(e) => {
                            self.give_up("the connection ended before the ack")?;
                            return Err(e);
                        }
                    };
                    if let Some(e) = self.on_packet(packet).await? {
                        self.give_up("the service disconnected before the ack")?;
                        return Err(e.into());
                    }
                }
                _ = sleep_until(next_ping) => {
                    next_ping = Instant::now() + ping_every;
                    self.send(&Packet::PingReq(PingReq)).await?;
                }
                _ = sleep_until(silence) => {
                    self.give_up("the connection went silent before the ack")?;
                    return Err(lost("no packet from the service within 1.5 keep-alives"));
                }
                cmd = input.recv(), if input_open && room => match cmd {
                    Some(cmd) => self.on_command(cmd).await?,
                    None => {
                        input_open = false;
                        if !self.opts.keep_open {
                            drain_deadline = Some(Instant::now() + self.opts.ack_timeout);
                        }
                    }
                },
                _ = sleep_until(drain_deadline.unwrap_or(far)), if drain_deadline.is_some() => {
                    let secs = self.opts.ack_timeout.as_secs_f64();
                    self.give_up(&format!("no ack within --ack-timeout ({secs} s)"))?;
                    drain_deadline = None;
                }
                _ = std::future::ready(()), if self.dirty => {
                    self.sink.flush()?;
                    self.dirty = false;
                }
            }
        }
        self.sink.flush()?;
        let _ = self
            .send(&Packet::Disconnect(Disconnect::new(
                DisconnectReasonCode::NormalDisconnection,
            )))
            .await;
        let _ = tokio::time::timeout(Duration::from_secs(1), self.ws.close(None)).await;
        Ok(self.summary)
    }

    fn give_up(&mut self, why: &str) -> anyhow::Result<()> {
        for (_, p) in std::mem::take(&mut self.pending) {
            self.summary.unacked += 1;
            self.emit(Event::Ack(AckEvent {
                ack_id: p.ack_id,
                command: p.label,
                success: false,
                duplicate: false,
                error: Some(AckError::new("Timeout", why)),
            }))?;
        }
        Ok(())
    }

    fn ack(&mut self, pkid: u16, error: Option<(String, String)>) -> anyhow::Result<()> {
        let Some(p) = self.pending.remove(&pkid) else {
            return Ok(());
        };
        if error.is_some() {
            self.summary.failed += 1;
        } else {
            self.summary.succeeded += 1;
        }
        self.emit(Event::Ack(AckEvent {
            ack_id: p.ack_id,
            command: p.label,
            success: error.is_none(),
            duplicate: false,
            error: error.map(|(name, message)| AckError { name, message }),
        }))
    }

    fn fail_now(
        &mut self,
        ack_id: u64,
        label: String,
        name: &str,
        message: &str,
    ) -> anyhow::Result<()> {
        self.summary.failed += 1;
        self.emit(Event::Ack(AckEvent {
            ack_id,
            command: label,
            success: false,
            duplicate: false,
            error: Some(AckError::new(name, message)),
        }))
    }

    async fn on_command(&mut self, cmd: Command) -> anyhow::Result<()> {
        if let Command::Frame { .. } | Command::Raw(_) = cmd {
            self.sink
                .note("JSON frames are not MQTT: use joingroup, leavegroup, sendtogroup or event");
            return Ok(());
        }
        let ack_id = self.next_ack;
        self.next_ack += 1;
        let label = cmd.label();
        let pkid = self.pkid();
        let packet = match cmd {
            Command::Join(group) => {
                self.know(&group);
                Packet::Subscribe(Subscribe::new(
                    Filter::new(group.to_string(), QoS::AtLeastOnce),
                    None,
                ))
            }
            Command::Leave(group) => Packet::Unsubscribe(Unsubscribe::new(group.to_string(), None)),
            Command::Send { no_echo: true, .. } => {
                return self.fail_now(
                    ack_id,
                    label,
                    "NotSupported",
                    "--no-echo has no MQTT form (No Local is a subscription option)",
                )
            }
            Command::Send {
                group,
                data_type,
                data,
                ..
            } => {
                self.know(&group);
                match self.publish(group.to_string(), data_type, data) {
                    Ok(p) => p,
                    Err(e) => return self.fail_now(ack_id, label, "BadRequest", &e),
                }
            }
            Command::Event {
                name,
                data_type,
                data,
            } => match self.publish(
                format!("{}{name}", mqtt::EVENTS_TOPIC_PREFIX),
                data_type,
                data,
            ) {
                Ok(p) => p,
                Err(e) => return self.fail_now(ack_id, label, "BadRequest", &e),
            },
            Command::Help
            | Command::Exit
            | Command::Frame { .. }
            | Command::Raw(_)
            | Command::SocketCluster(_) => return Ok(()),
        };
        let packet = with_pkid(packet, pkid);
        self.pending.insert(pkid, Pending { ack_id, label });
        self.send(&packet).await
    }

    fn know(&self, group: &str) {
        let mut g = groups(&self.groups);
        g.known.insert(group.to_string());
    }

    fn publish(&self, topic: String, data_type: DataType, data: Value) -> Result<Packet, String> {
        let payload = match (data_type, data) {
            (DataType::Text, Value::String(s)) => Bytes::from(s),
            (DataType::Binary, Value::String(s)) => base64::engine::general_purpose::STANDARD
                .decode(s.as_bytes())
                .map(Bytes::from)
                .map_err(|_| "--binary needs base64".to_string())?,
            (DataType::Json, v) => Bytes::from(v.to_string()),
            _ => return Err("this data type cannot be sent".into()),
        };
        let properties = (self.version == Version::V5).then(|| PublishProperties {
            content_type: Some(mqtt::content_type_of(data_type).to_string()),
            ..Default::default()
        });
        Ok(Packet::Publish(Publish {
            qos: QoS::AtLeastOnce,
            topic: Bytes::from(topic),
            payload,
            properties,
            ..Default::default()
        }))
    }

    /// Handles one packet; `Some(error)` when the service ended the connection.
    async fn on_packet(&mut self, packet: Packet) -> anyhow::Result<Option<Error>> {
        match packet {
            Packet::Publish(p) => match p.qos {
                QoS::AtMostOnce => self.show(&p)?,
                QoS::AtLeastOnce => {
                    self.show(&p)?;
                    self.send(&Packet::PubAck(PubAck::new(p.pkid, None)))
                        .await?;
                }
                QoS::ExactlyOnce => {
                    if self.incoming_qos2.insert(p.pkid, ()).is_none() {
                        self.show(&p)?;
                    }
                    self.send(&Packet::PubRec(PubRec::new(p.pkid, None)))
                        .await?;
                }
            },
            Packet::PubRel(r) => {
                self.incoming_qos2.remove(&r.pkid);
                self.send(&Packet::PubComp(PubComp::new(r.pkid, None)))
                    .await?;
            }
            Packet::PubAck(a) => {
                let error = match a.reason {
                    PubAckReason::Success | PubAckReason::NoMatchingSubscribers => None,
                    other => Some((
                        format!("{other:?}"),
                        a.properties
                            .and_then(|p| p.reason_string)
                            .unwrap_or_else(|| "the service refused the message".into()),
                    )),
                };
                self.ack(a.pkid, error)?;
            }
            Packet::SubAck(a) => {
                let error = a.return_codes.iter().find_map(|c| match c {
                    SubscribeReasonCode::Success(_) => None,
                    other => Some((
                        format!("{other:?}"),
                        a.properties
                            .as_ref()
                            .and_then(|p| p.reason_string.clone())
                            .unwrap_or_else(|| "the service refused the subscription".into()),
                    )),
                });
                if error.is_none() {
                    if let Some(label) = self.pending.get(&a.pkid).map(|p| p.label.clone()) {
                        if let Some(g) = label.strip_prefix("joingroup ") {
                            let mut groups = groups(&self.groups);
                            groups.joined.insert(g.to_string());
                        }
                    }
                }
                self.ack(a.pkid, error)?;
            }
            Packet::UnsubAck(a) => {
                let error = a.reasons.iter().find_map(|r| match r {
                    UnsubAckReason::Success | UnsubAckReason::NoSubscriptionExisted => None,
                    other => Some((format!("{other:?}"), "the service refused".to_string())),
                });
                self.ack(a.pkid, error)?;
            }
            Packet::PubRec(r) => {
                self.send(&Packet::PubRel(mqtt::PubRel::new(r.pkid, None)))
                    .await?
            }
            Packet::PingResp(_) | Packet::PubComp(_) => {}
            Packet::Disconnect(d) => {
                let reason = d
                    .properties
                    .and_then(|p| p.reason_string)
                    .unwrap_or_default();
                let mut ev = SystemEvent::new(SystemKind::Disconnected);
                ev.message = Some(format!("{:?}: {reason}", d.reason_code));
                self.emit(Event::System(ev))?;
                return Ok(Some(
                    Error::new(
                        Exit::Rejected,
                        format!(
                            "the service disconnected ({:?}{})",
                            d.reason_code,
                            if reason.is_empty() {
                                String::new()
                            } else {
                                format!(": {}", sanitize_line(&reason))
                            }
                        ),
                    )
                    .with_hint(
                        "the service (or a `service connection close` call) ended this connection",
                    ),
                ));
            }
            other => self
                .sink
                .note(&format!("ignored an unexpected {}", describe(&other))),
        }
        Ok(None)
    }

    fn show(&mut self, p: &Publish) -> anyhow::Result<()> {
        let topic = String::from_utf8_lossy(&p.topic).into_owned();
        let content_type = p
            .properties
            .as_ref()
            .and_then(|p| p.content_type.as_deref());
        let data_type = mqtt::data_type_of(content_type);
        let data = match data_type {
            DataType::Text => match std::str::from_utf8(&p.payload) {
                Ok(s) => Value::String(s.to_string()),
                Err(_) => binary(&p.payload),
            },
            DataType::Json => {
                serde_json::from_slice(&p.payload).unwrap_or_else(|_| binary(&p.payload))
            }
            DataType::Binary | DataType::Protobuf => binary(&p.payload),
        };
        let (from, group) = if topic == mqtt::SERVER_MESSAGES_TOPIC {
            (MessageSource::Server, None)
        } else {
            (MessageSource::Group, Some(topic))
        };
        self.emit(Event::Message(MessageEvent {
            from: Some(from),
            group,
            from_user_id: None,
            data_type,
            data,
            sequence_id: None,
            metadata: None,
        }))
    }
}

/// A client id the service accepts: letters and digits only.
fn client_id() -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    let tail: String = (0..20)
        .map(|_| CHARS[rng.random_range(0..CHARS.len())] as char)
        .collect();
    format!("wps{tail}")
}

fn binary(bytes: &[u8]) -> Value {
    Value::String(base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn with_pkid(packet: Packet, pkid: u16) -> Packet {
    match packet {
        Packet::Subscribe(mut s) => {
            s.pkid = pkid;
            Packet::Subscribe(s)
        }
        Packet::Unsubscribe(mut u) => {
            u.pkid = pkid;
            Packet::Unsubscribe(u)
        }
        Packet::Publish(mut p) => {
            p.pkid = pkid;
            Packet::Publish(p)
        }
        other => other,
    }
}

/// A packet in a few words, for `--show-frames`.
fn describe(p: &Packet) -> String {
    match p {
        Packet::Publish(p) => format!(
            "PUBLISH topic={} qos={} pkid={} {} bytes",
            String::from_utf8_lossy(&p.topic),
            p.qos as u8,
            p.pkid,
            p.payload.len()
        ),
        other => {
            let mut s = format!("{other:?}");
            s.truncate(300);
            s
        }
    }
}

fn lost(why: &str) -> anyhow::Error {
    Error::new(
        Exit::Unreachable,
        format!("the MQTT connection was lost: {}", sanitize_line(why)),
    )
    .into()
}

fn closed(why: &str) -> anyhow::Error {
    Error::new(
        Exit::Rejected,
        format!("the MQTT connection was closed: {}", sanitize_line(why)),
    )
    .into()
}
