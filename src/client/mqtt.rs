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
//! A lost connection is made again (`reconnecting`, then `reconnected`) with the same client id
//! and without a clean start, so the service resumes the session it keeps for 30 s: messages
//! published to its topics meanwhile arrive then. A session that did not survive is subscribed
//! again to every group joined. The service ending the connection on purpose (DISCONNECT
//! "administrative action", as a `service connection close` sends) ends the session, as a
//! close 1000 ends the Web PubSub session.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use serde_json::Value;
use tokio::sync::mpsc;
use tokio::time::{sleep_until, Instant};
use tokio_tungstenite::tungstenite::Message;

use super::command::Command;
use super::link::{
    self, frame_or_loss, never, next_frame, shutdown_signal, Link, Loss, Outage, Read,
};
use super::render::{
    AckEvent, Direction, Event, FrameEvent, MessageEvent, SystemEvent, SystemKind,
};
use super::session::{groups, join_token_groups, Options, SharedGroups, Sink, Summary};
use super::{open, ConnectError, Protocol, Target, Ws};
use crate::error::{Error, Exit};
use crate::output::sanitize_line;
use crate::wire::mqtt::{
    self, ConnAck, Connect, ConnectProperties, ConnectReturnCode, Decoder, Disconnect,
    DisconnectProperties, DisconnectReasonCode, Filter, Packet, PingReq, PubAck, PubAckReason,
    PubComp, PubRec, Publish, PublishProperties, QoS, Subscribe, SubscribeReasonCode,
    UnsubAckReason, Unsubscribe, Version,
};
use crate::wire::{AckError, DataType, GroupName, MessageSource};

/// The keep-alive we ask for; PINGREQ at half of it.
const KEEP_ALIVE: u16 = 60;
/// How long the CONNACK may take.
const CONNACK_WAIT: Duration = Duration::from_secs(30);
/// At most this many commands wait for their acks (packet ids are 16 bits).
const WINDOW: usize = 512;
/// How long (s) the service is asked to keep the session after a lost connection (its most).
const SESSION_EXPIRY: u32 = 30;
/// Between reconnection attempts.
const RETRY_EVERY: Duration = Duration::from_secs(1);

struct Pending {
    ack_id: u64,
    label: String,
    packet: Packet,
    /// Sent on the current (or a lost) connection; false while it waits for one.
    sent: bool,
}

/// Why a CONNECT did not end in a session.
enum Refusal {
    /// The socket went away first: try again.
    Lost(String),
    /// No CONNACK in time: try again.
    Silent,
    /// A CONNACK refusal (its code), or an answer that is not MQTT.
    Refused(Option<ConnectReturnCode>, Error),
}

pub struct Session<'a> {
    target: &'a Target,
    opts: Options,
    sink: &'a mut dyn Sink,
    groups: SharedGroups,
    link: Option<Link>,
    down: Option<Outage>,
    version: Version,
    decoder: Decoder,
    /// The same id on every connection, so that the service resumes the session.
    client_id: String,
    next_ack: u64,
    next_pkid: u16,
    pending: BTreeMap<u16, Pending>,
    /// Packet ids of commands typed while the connection was down, in input order.
    queued: VecDeque<u16>,
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
            link: Some(Link::new(ws)),
            down: None,
            version,
            decoder: Decoder::client(version, mqtt::MAX_PACKET_BYTES),
            client_id: client_id(),
            next_ack: 1,
            next_pkid: 0,
            pending: BTreeMap::new(),
            queued: VecDeque::new(),
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

    /// Sends a packet on the current socket (nothing while there is none).
    fn send(&mut self, packet: &Packet) -> anyhow::Result<()> {
        let Some(link) = &self.link else {
            return Ok(());
        };
        let bytes = mqtt::encode(self.version, packet, mqtt::MAX_PACKET_BYTES)
            .map_err(|e| Error::new(Exit::CommandFailed, format!("cannot send: {e}")))?;
        link.send(Message::Binary(bytes));
        if self.opts.show_frames {
            let _ = self.sink.event(&Event::Frame(FrameEvent {
                direction: Direction::Out,
                text: describe(packet),
            }));
            self.dirty = true;
        }
        Ok(())
    }

    /// The next packet already framed by the decoder, shown under `--show-frames`.
    fn decoded(&mut self) -> anyhow::Result<Option<Packet>> {
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
                Ok(Some(p))
            }
            Ok(None) => Ok(None),
            Err(e) => Err(Error::new(Exit::Rejected, format!("the service sent {e}")).into()),
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

    /// CONNECT on the current socket, then its CONNACK.
    async fn handshake(&mut self, clean_start: bool) -> Result<ConnAck, Refusal> {
        // 5.0 asks for the session to be kept; 3.1.1 keeps it without a clean session.
        let properties = (self.version == Version::V5).then(|| ConnectProperties {
            session_expiry_interval: Some(SESSION_EXPIRY),
            ..ConnectProperties::new()
        });
        let connect = Packet::Connect(
            Connect {
                keep_alive: KEEP_ALIVE,
                client_id: self.client_id.clone(),
                clean_start: clean_start && self.version == Version::V5,
                properties,
            },
            None,
            None,
        );
        self.send(&connect)
            .map_err(|e| Refusal::Refused(None, Error::new(Exit::Rejected, e.to_string())))?;
        let deadline = Instant::now() + CONNACK_WAIT;
        let ack = loop {
            match self.decoded() {
                Ok(Some(p)) => break p,
                Ok(None) => {}
                Err(e) => {
                    return Err(Refusal::Refused(
                        None,
                        Error::new(Exit::Rejected, e.to_string()),
                    ))
                }
            }
            let read = match tokio::time::timeout_at(deadline, next_frame(&mut self.link)).await {
                Ok(read) => read,
                Err(_) => return Err(Refusal::Silent),
            };
            match frame_or_loss(read) {
                Ok(Message::Binary(b)) => self.decoder.push(&b).map_err(|e| {
                    Refusal::Refused(
                        None,
                        Error::new(Exit::Rejected, format!("the service sent {e}")),
                    )
                })?,
                Ok(_) => {}
                Err(loss) => return Err(Refusal::Lost(loss_text(&loss))),
            }
        };
        let Packet::ConnAck(ack) = ack else {
            return Err(Refusal::Refused(
                None,
                Error::new(
                    Exit::Rejected,
                    "the service answered CONNECT with something else than CONNACK",
                ),
            ));
        };
        if ack.code != ConnectReturnCode::Success {
            let reason = ack
                .properties
                .as_ref()
                .and_then(|p| p.reason_string.clone())
                .map(|r| format!(": {}", sanitize_line(&r)))
                .unwrap_or_default();
            let exit = match ack.code {
                ConnectReturnCode::NotAuthorized | ConnectReturnCode::BadUserNamePassword => {
                    Exit::Auth
                }
                _ => Exit::Rejected,
            };
            let code = ack.code;
            return Err(Refusal::Refused(
                Some(code),
                Error::new(
                    exit,
                    format!("the service refused the MQTT connection ({code:?}){reason}"),
                ),
            ));
        }
        if let Some(k) = ack.properties.as_ref().and_then(|p| p.server_keep_alive) {
            self.keep_alive = k.max(1);
        }
        self.last_rx = Instant::now();
        Ok(ack)
    }

    /// The connection's id: the one the service assigned, or ours.
    fn connection_id(&self, ack: &ConnAck) -> String {
        ack.properties
            .as_ref()
            .and_then(|p| p.assigned_client_identifier.clone())
            .unwrap_or_else(|| self.client_id.clone())
    }

    /// The first CONNECT: the `connected` line, or the refusal as the session's error.
    async fn connect(&mut self) -> anyhow::Result<()> {
        let ack = match self.handshake(true).await {
            Ok(ack) => ack,
            Err(Refusal::Lost(why)) => return Err(lost(&why)),
            Err(Refusal::Silent) => return Err(Error::new(Exit::Timeout, no_connack()).into()),
            Err(Refusal::Refused(_, e)) => return Err(e.into()),
        };
        let mut ev = SystemEvent::new(SystemKind::Connected);
        ev.connection_id = Some(self.connection_id(&ack));
        ev.user_id = Some(self.target.user.clone());
        ev.protocol = Some(self.target.protocol_name().to_string());
        self.emit(Event::System(ev))?;
        self.drain()
    }

    pub async fn run(mut self, mut input: mpsc::Receiver<Command>) -> anyhow::Result<Summary> {
        join_token_groups(&self.groups, self.target);
        self.connect().await?;
        let far = never();
        let signal = shutdown_signal();
        tokio::pin!(signal);
        let mut input_open = true;
        let mut drain_deadline: Option<Instant> = None;
        let mut next_ping = Instant::now() + self.ping_every();
        loop {
            if !input_open && !self.opts.keep_open && self.pending.is_empty() {
                break;
            }
            let up = self.link.is_some();
            let silence =
                self.last_rx + Duration::from_secs(u64::from(self.keep_alive) * 3 / 2 + 1);
            let retry_at = self.down.as_ref().map_or(far, |d| d.retry_at);
            let room = self.pending.len() < WINDOW;
            tokio::select! {
                biased;
                _ = &mut signal, if self.opts.handle_signals => {
                    self.give_up("interrupted before the ack arrived")?;
                    break;
                }
                frame = next_frame(&mut self.link) => self.on_frame(frame)?,
                _ = sleep_until(retry_at), if self.down.is_some() => {
                    self.reconnect().await?;
                    next_ping = Instant::now() + self.ping_every();
                }
                _ = sleep_until(next_ping), if up => {
                    next_ping = Instant::now() + self.ping_every();
                    self.send(&Packet::PingReq(PingReq))?;
                }
                _ = sleep_until(silence), if up => {
                    self.lost("lost (no packet from the service within 1.5 keep-alives)".into());
                }
                cmd = input.recv(), if input_open && room => match cmd {
                    Some(cmd) => self.on_command(cmd)?,
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
        if self.link.is_some() {
            // A goodbye ends the session too: nothing should wait for this client any more.
            let mut bye = Disconnect::new(DisconnectReasonCode::NormalDisconnection);
            if self.version == Version::V5 {
                bye.properties = Some(DisconnectProperties {
                    session_expiry_interval: Some(0),
                    reason_string: None,
                    user_properties: Vec::new(),
                    server_reference: None,
                });
            }
            let _ = self.send(&Packet::Disconnect(bye));
        }
        if let Some(link) = self.link.take() {
            link.close().await;
        }
        Ok(self.summary)
    }

    fn ping_every(&self) -> Duration {
        Duration::from_secs(u64::from(self.keep_alive) / 2 + 1)
    }

    /// A frame from the socket, or its end.
    fn on_frame(&mut self, read: Read) -> anyhow::Result<()> {
        match frame_or_loss(read) {
            Ok(Message::Binary(b)) => {
                self.decoder
                    .push(&b)
                    .map_err(|e| Error::new(Exit::Rejected, format!("the service sent {e}")))?;
                self.drain()
            }
            Ok(_) => Ok(()),
            Err(loss) => {
                self.lost(loss_text(&loss));
                Ok(())
            }
        }
    }

    /// Handles every packet the decoder holds, until the connection is lost.
    fn drain(&mut self) -> anyhow::Result<()> {
        while self.link.is_some() {
            match self.decoded()? {
                Some(p) => self.on_packet(p)?,
                None => break,
            }
        }
        Ok(())
    }

    /// The connection is gone (`what`: "lost (…)", "closed …"): get it back from now on.
    fn lost(&mut self, what: String) {
        if let Some(link) = self.link.take() {
            link.abort();
        }
        self.decoder = Decoder::client(self.version, mqtt::MAX_PACKET_BYTES);
        if self.down.is_none() {
            self.down = Some(Outage::new(what));
        }
    }

    /// One attempt to get the connection back (a fresh token if the target mints them).
    async fn reconnect(&mut self) -> anyhow::Result<()> {
        let Some(down) = self.down.as_mut() else {
            return Ok(());
        };
        if down.since.elapsed() > self.opts.reconnect_timeout {
            let hint = self.target.unreachable_hint();
            return Err(down.gave_up(self.opts.reconnect_timeout, hint).into());
        }
        let ev = down.attempt();
        self.emit(Event::System(ev))?;
        self.sink.flush()?;
        let ws = match open(&self.target.url(), self.target.protocol).await {
            Ok(ws) => ws,
            Err(ConnectError::Rejected { status, .. }) if status == 429 || status >= 500 => {
                return self.retry_later(format!("HTTP {status}"));
            }
            Err(e @ ConnectError::Rejected { .. }) => {
                return Err(self.target.connect_error(e).into())
            }
            Err(e) => return self.retry_later(e.to_string()),
        };
        self.link = Some(Link::new(ws));
        let ack = match self.handshake(false).await {
            Ok(ack) => ack,
            Err(Refusal::Lost(why)) => return self.retry_later(why),
            Err(Refusal::Silent) => return self.retry_later(no_connack()),
            Err(Refusal::Refused(Some(code), e)) if retriable(code) => {
                return self.retry_later(e.to_string())
            }
            Err(Refusal::Refused(_, e)) => return Err(e.into()),
        };
        let Some(down) = self.down.take() else {
            return Ok(());
        };
        let present = ack.session_present;

        // Commands sent on the lost connection and not acknowledged may or may not have run:
        // they fail with ConnectionLost rather than risk running twice (a QoS 1 re-send is
        // delivered again); those never sent go out now.
        let lost: Vec<u16> = self
            .pending
            .iter()
            .filter(|(_, p)| p.sent)
            .map(|(id, _)| *id)
            .collect();
        for pkid in &lost {
            if let Some(p) = self.pending.remove(pkid) {
                self.fail_now(
                    p.ack_id,
                    p.label,
                    "ConnectionLost",
                    "the connection was lost before the ack; the command may or may not have run",
                )?;
            }
        }
        let mut message = down.reason.clone();
        let mut rejoin = Vec::new();
        if present {
            message.push_str("; the session was resumed");
        } else {
            self.incoming_qos2.clear();
            message.push_str("; the session had ended: messages sent to it meanwhile were missed");
            // The service subscribes the token's groups again; subscribe to the others.
            rejoin = {
                let g = groups(&self.groups);
                g.joined
                    .iter()
                    .filter(|group| !self.target.token_groups.contains(group))
                    .cloned()
                    .collect::<Vec<_>>()
            };
        }
        if !lost.is_empty() {
            message.push_str(&format!(
                "; {} unacknowledged command(s) failed",
                lost.len()
            ));
        }
        if !rejoin.is_empty() {
            message.push_str(&format!("; rejoining {}", rejoin.join(", ")));
        }
        let id = self.connection_id(&ack);
        let mut ev = SystemEvent::new(SystemKind::Reconnected);
        ev.connection_id = Some(id.clone());
        ev.previous_connection_id = Some(id);
        ev.message = Some(message);
        self.emit(Event::System(ev))?;
        while let Some(pkid) = self.queued.pop_front() {
            if let Some(packet) = self.pending.get(&pkid).map(|p| p.packet.clone()) {
                self.send(&packet)?;
                if let Some(p) = self.pending.get_mut(&pkid) {
                    p.sent = true;
                }
            }
        }
        // Every joined group was parsed when it was joined, so it parses again.
        for group in rejoin
            .iter()
            .filter_map(|g| GroupName::parse(g.as_str()).ok())
        {
            self.on_command(Command::Join(group))?;
        }
        self.drain()
    }

    fn retry_later(&mut self, error: String) -> anyhow::Result<()> {
        if let Some(link) = self.link.take() {
            link.abort();
        }
        self.decoder = Decoder::client(self.version, mqtt::MAX_PACKET_BYTES);
        if let Some(down) = self.down.as_mut() {
            down.retry_in(sanitize_line(&error), RETRY_EVERY);
        }
        Ok(())
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

    fn on_command(&mut self, cmd: Command) -> anyhow::Result<()> {
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
        let sent = self.link.is_some();
        if sent {
            self.send(&packet)?;
        } else {
            self.sink.queued(&label);
            self.queued.push_back(pkid);
        }
        self.pending.insert(
            pkid,
            Pending {
                ack_id,
                label,
                packet,
                sent,
            },
        );
        Ok(())
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
            content_type: Some(data_type.content_type().to_string()),
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

    /// Handles one packet.
    fn on_packet(&mut self, packet: Packet) -> anyhow::Result<()> {
        match packet {
            Packet::Publish(p) => match p.qos {
                QoS::AtMostOnce => self.show(&p)?,
                QoS::AtLeastOnce => {
                    self.show(&p)?;
                    self.send(&Packet::PubAck(PubAck::new(p.pkid, None)))?;
                }
                QoS::ExactlyOnce => {
                    if self.incoming_qos2.insert(p.pkid, ()).is_none() {
                        self.show(&p)?;
                    }
                    self.send(&Packet::PubRec(PubRec::new(p.pkid, None)))?;
                }
            },
            Packet::PubRel(r) => {
                self.incoming_qos2.remove(&r.pkid);
                self.send(&Packet::PubComp(PubComp::new(r.pkid, None)))?;
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
                if error.is_none() {
                    if let Some(label) = self.pending.get(&a.pkid).map(|p| p.label.clone()) {
                        if let Some(g) = label.strip_prefix("leavegroup ") {
                            groups(&self.groups).joined.remove(g);
                        }
                    }
                }
                self.ack(a.pkid, error)?;
            }
            Packet::PubRec(r) => self.send(&Packet::PubRel(mqtt::PubRel::new(r.pkid, None)))?,
            Packet::PingResp(_) | Packet::PubComp(_) => {}
            Packet::Disconnect(d) => {
                let reason = d
                    .properties
                    .and_then(|p| p.reason_string)
                    .unwrap_or_default();
                let mut ev = SystemEvent::new(SystemKind::Disconnected);
                ev.message = Some(format!("{:?}: {reason}", d.reason_code));
                self.emit(Event::System(ev))?;
                let why = if reason.is_empty() {
                    format!("{:?}", d.reason_code)
                } else {
                    format!("{:?}: {}", d.reason_code, sanitize_line(&reason))
                };
                if !disconnect_is_final(d.reason_code) {
                    self.lost(format!("closed by the service ({why})"));
                    return Ok(());
                }
                return Err(Error::new(
                    Exit::Rejected,
                    format!("the service disconnected ({why})"),
                )
                .with_hint(
                    "the service (or a `service connection close` call) ended this connection",
                )
                .into());
            }
            other => self
                .sink
                .note(&format!("ignored an unexpected {}", describe(&other))),
        }
        Ok(())
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

fn no_connack() -> String {
    format!("no CONNACK within {} s", CONNACK_WAIT.as_secs())
}

/// What became of a socket, for the `reconnecting` line ("lost (…)", "closed by the service …").
fn loss_text(loss: &Loss) -> String {
    link::loss_words(loss.code, &loss.reason, "closed by the service")
}

/// A service DISCONNECT that ends the session, as the Web PubSub session ends on a close 1000 or
/// on a close for a frame it sent: the service ended it on purpose (a REST close is
/// "administrative action"), another connection took the client id over, or this client sent
/// what the service does not take (reconnecting would only repeat it). Any other reason (shutting
/// down, busy, keep-alive, quota) is reconnected.
fn disconnect_is_final(code: DisconnectReasonCode) -> bool {
    use DisconnectReasonCode as D;
    matches!(
        code,
        D::NormalDisconnection
            | D::AdministrativeAction
            | D::SessionTakenOver
            | D::NotAuthorized
            | D::MalformedPacket
            | D::ProtocolError
            | D::PacketTooLarge
            | D::TopicFilterInvalid
            | D::TopicNameInvalid
            | D::PayloadFormatInvalid
            | D::ReceiveMaximumExceeded
            | D::TopicAliasInvalid
            | D::QoSNotSupported
            | D::RetainNotSupported
            | D::SharedSubscriptionNotSupported
            | D::SubscriptionIdentifiersNotSupported
            | D::WildcardSubscriptionsNotSupported
    )
}

/// A CONNACK refusal worth another attempt: the service is busy or unavailable for now.
fn retriable(code: ConnectReturnCode) -> bool {
    matches!(
        code,
        ConnectReturnCode::ServerUnavailable
            | ConnectReturnCode::ServerBusy
            | ConnectReturnCode::QuotaExceeded
            | ConnectReturnCode::ConnectionRateExceeded
            | ConnectReturnCode::UnspecifiedError
    )
}

#[cfg(test)]
mod tests {
    //! The reconnection rules against a scripted MQTT server, where the timing of a drop is
    //! exact: the same client id without a clean start, an unacknowledged PUBLISH failed rather
    //! than re-sent, a command typed while down sent once back, and the groups subscribed again
    //! when the session did not survive. The integration tests cover the real emulator.

    use std::sync::{Arc, Mutex};

    use futures_util::{SinkExt, StreamExt};
    use tokio::net::{TcpListener, TcpStream};
    use tokio::sync::Notify;
    use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
    use tokio_tungstenite::tungstenite::http::HeaderValue;
    use tokio_tungstenite::WebSocketStream;

    use super::*;
    use crate::client::session::Groups;
    use crate::wire::mqtt::{SubAck, SubscribeReasonCode};

    type ServerWs = WebSocketStream<TcpStream>;

    #[derive(Default, Clone)]
    struct Collect {
        events: Arc<Mutex<Vec<Event>>>,
        queued: Arc<Mutex<Vec<String>>>,
    }

    impl Sink for Collect {
        fn event(&mut self, ev: &Event) -> std::io::Result<()> {
            self.events.lock().unwrap().push(ev.clone());
            Ok(())
        }
        fn note(&mut self, _text: &str) {}
        fn queued(&mut self, command: &str) {
            self.queued.lock().unwrap().push(command.to_string());
        }
    }

    struct Server {
        ws: ServerWs,
        decoder: Decoder,
    }

    impl Server {
        async fn accept(listener: &TcpListener) -> Server {
            let (tcp, _) = listener.accept().await.unwrap();
            #[allow(clippy::result_large_err)]
            let callback = |_: &Request, mut resp: Response| {
                resp.headers_mut()
                    .insert("sec-websocket-protocol", HeaderValue::from_static("mqtt"));
                Ok(resp)
            };
            let ws = tokio_tungstenite::accept_hdr_async(tcp, callback)
                .await
                .unwrap();
            Server {
                ws,
                decoder: Decoder::server(mqtt::MAX_PACKET_BYTES),
            }
        }

        /// The next packet, skipping PINGREQs.
        async fn next(&mut self) -> Packet {
            loop {
                match self.decoder.next_packet().unwrap() {
                    Some(Packet::PingReq(_)) => continue,
                    Some(p) => return p,
                    None => {}
                }
                let msg = tokio::time::timeout(Duration::from_secs(10), self.ws.next())
                    .await
                    .expect("a packet within 10 s")
                    .expect("socket open")
                    .expect("frame");
                if let Message::Binary(b) = msg {
                    self.decoder.push(&b).unwrap();
                }
            }
        }

        async fn send(&mut self, p: Packet) {
            let bytes = mqtt::encode(Version::V5, &p, mqtt::MAX_PACKET_BYTES).unwrap();
            self.ws.send(Message::Binary(bytes)).await.unwrap();
        }

        async fn connack(&mut self, session_present: bool) -> Connect {
            let Packet::Connect(c, _, _) = self.next().await else {
                panic!("CONNECT first")
            };
            self.send(Packet::ConnAck(ConnAck {
                session_present,
                code: ConnectReturnCode::Success,
                properties: None,
            }))
            .await;
            c
        }

        async fn suback(&mut self, pkid: u16) {
            self.send(Packet::SubAck(SubAck {
                pkid,
                return_codes: vec![SubscribeReasonCode::Success(QoS::AtLeastOnce)],
                properties: None,
            }))
            .await;
        }
    }

    fn acks(events: &[Event]) -> Vec<(u64, String, bool, Option<String>)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Ack(a) => Some((
                    a.ack_id,
                    a.command.clone(),
                    a.success,
                    a.error.as_ref().map(|e| e.name.clone()),
                )),
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn a_lost_connection_comes_back_with_the_same_client_id_and_fails_what_was_in_flight() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let down = Arc::new(Notify::new());
        let typed = Arc::new(Notify::new());
        let (down_s, typed_s) = (Arc::clone(&down), Arc::clone(&typed));
        let server = tokio::spawn(async move {
            let mut s = Server::accept(&listener).await;
            let first = s.connack(false).await;
            assert!(first.clean_start);
            assert_eq!(
                first.properties.and_then(|p| p.session_expiry_interval),
                Some(SESSION_EXPIRY)
            );
            let Packet::Subscribe(sub) = s.next().await else {
                panic!("SUBSCRIBE")
            };
            s.suback(sub.pkid).await;
            let Packet::Publish(x) = s.next().await else {
                panic!("PUBLISH")
            };
            assert_eq!(&x.payload[..], b"x");
            // The socket breaks before the PUBACK; the first attempt finds no service.
            drop(s);
            let (tcp, _) = listener.accept().await.unwrap();
            drop(tcp);
            down_s.notify_one();
            typed_s.notified().await;

            let mut s = Server::accept(&listener).await;
            let again = s.connack(false).await;
            assert!(!again.clean_start, "the session is asked back");
            assert_eq!(again.client_id, first.client_id);
            // What was typed while down, then the group again; never the PUBLISH in flight.
            let Packet::Publish(y) = s.next().await else {
                panic!("the queued PUBLISH")
            };
            assert_eq!(&y.payload[..], b"y");
            assert!(!y.dup);
            let Packet::Subscribe(sub) = s.next().await else {
                panic!("SUBSCRIBE again")
            };
            assert_eq!(sub.filters[0].path, "g1");
            s.send(Packet::PubAck(PubAck::new(y.pkid, None))).await;
            s.suback(sub.pkid).await;
            while let Some(Ok(m)) = s.ws.next().await {
                if m.is_close() {
                    break;
                }
            }
        });

        let url = format!("ws://127.0.0.1:{port}/clients/mqtt/hubs/chat?access_token=t");
        let target = Target::from_url(&url, Protocol::Mqtt5).unwrap();
        let ws = super::super::open(&target.url(), target.protocol)
            .await
            .unwrap();
        let opts = Options {
            keep_open: false,
            ack_timeout: Duration::from_secs(20),
            reconnect_timeout: Duration::from_secs(20),
            handle_signals: false,
            show_frames: false,
        };
        let (tx, rx) = mpsc::channel(16);
        for c in ["joingroup g1", "sendtogroup g1 x"] {
            let cmd = super::super::command::parse(c, Protocol::Mqtt5)
                .unwrap()
                .unwrap();
            tx.send(cmd).await.unwrap();
        }
        let sink = Collect::default();
        let (events, queued) = (Arc::clone(&sink.events), Arc::clone(&sink.queued));
        let client = tokio::spawn(async move {
            let mut sink = sink;
            let target = target;
            let groups = Arc::new(Mutex::new(Groups::default()));
            Session::new(&target, ws, opts, &mut sink, groups)
                .run(rx)
                .await
        });
        down.notified().await;
        let y = super::super::command::parse("sendtogroup g1 y", Protocol::Mqtt5)
            .unwrap()
            .unwrap();
        tx.send(y).await.unwrap();
        drop(tx);
        while queued.lock().unwrap().is_empty() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        typed.notify_one();
        let summary = client.await.unwrap().unwrap();
        server.await.unwrap();

        let events = events.lock().unwrap();
        assert_eq!(
            acks(&events),
            vec![
                (1, "joingroup g1".into(), true, None),
                (
                    2,
                    "sendtogroup g1".into(),
                    false,
                    Some("ConnectionLost".into())
                ),
                (3, "sendtogroup g1".into(), true, None),
                (4, "joingroup g1".into(), true, None),
            ]
        );
        let systems: Vec<SystemKind> = events
            .iter()
            .filter_map(|e| match e {
                Event::System(s) => Some(s.event),
                _ => None,
            })
            .collect();
        assert_eq!(
            systems,
            vec![
                SystemKind::Connected,
                SystemKind::Reconnecting,
                SystemKind::Reconnecting,
                SystemKind::Reconnected
            ]
        );
        assert_eq!(summary.failed, 1);
        assert_eq!(summary.succeeded, 3);
    }
}
