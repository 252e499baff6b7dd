//! The session core, shared by both front ends: it owns the WebSocket (and the connections that
//! replace it), numbers and tracks acks, acknowledges sequence ids, recovers reliable
//! connections, and reports everything as [`Event`]s to a [`Sink`].
//!
//! One task runs [`Session::run`]; a second task per socket writes frames, so that a large
//! burst of commands never stops this one from reading (the service disconnects clients that
//! stop reading).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio::time::{sleep_until, Instant, MissedTickBehavior};
use tokio_tungstenite::tungstenite::Message;

use super::command::Command;
use super::link::{self, frame_or_loss, never, next_frame, shutdown_signal, Link, Outage, Read};
use super::render::{
    AckEvent, Direction, Event, FrameEvent, MessageEvent, SystemEvent, SystemKind,
};
use super::{open, ConnectError, Protocol, Target, Ws};
use crate::error::{Error, Exit};
use crate::wire::{self, ack_error, close_code, AckError, ClientFrame, GroupName, ServerFrame};

/// At most this many commands wait for their acks; input is not read past it. It keeps a
/// re-send after recovery inside the service's memory of handled ackIds (1000 in the emulator),
/// so that a request the service already ran is answered `Duplicate` instead of run twice.
const WINDOW: usize = 512;
/// Commands taken from input per turn of the session loop, at most.
const INPUT_BATCH: usize = 64;
/// Acknowledge sequence ids at least this often…
const SEQ_ACK_EVERY: Duration = Duration::from_secs(1);
/// …and after this many new messages, so that a busy stream the client keeps up with does not
/// fill the service's replay buffer (1000 unacknowledged messages, then it closes with 1008).
const SEQ_ACK_BATCH: u64 = 100;
/// Keep-alive, and how long a silent socket is trusted.
const PING_EVERY: Duration = Duration::from_secs(20);
const SILENCE_LIMIT: Duration = Duration::from_secs(65);
/// Between reconnection attempts…
const RETRY_EVERY: Duration = Duration::from_secs(1);
/// …or after a socket that came back and broke at once (a second drop).
const RETRY_SOON: Duration = Duration::from_millis(100);
/// After a recovery handshake, how long to wait for the service's 1008 "cannot recover" close.
const RECOVERY_VERDICT: Duration = Duration::from_millis(500);

/// Where events go: JSON lines on stdout, or the REPL's printer.
pub trait Sink: Send {
    fn event(&mut self, ev: &Event) -> std::io::Result<()>;
    /// A diagnostic (a warning, not an event).
    fn note(&mut self, text: &str);
    /// Called when the session has nothing else to do for the moment.
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    /// A command that waits for the connection to come back before it is sent (the REPL says
    /// so; a pipe reads it from the `reconnecting` line and the ack that follows).
    fn queued(&mut self, _command: &str) {}
}

/// How the session behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// After the end of input, keep receiving until interrupted.
    pub keep_open: bool,
    /// After the end of input, wait this long for outstanding acks.
    pub ack_timeout: Duration,
    /// Keep trying to recover (reliable), then to reconnect, for this long each.
    pub reconnect_timeout: Duration,
    /// Stop on Ctrl-C / SIGTERM (piped mode; the REPL gets Ctrl-C as a key).
    pub handle_signals: bool,
    /// Report every protocol frame sent and received (`--show-frames`).
    pub show_frames: bool,
}

/// What became of the commands.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub succeeded: usize,
    pub failed: usize,
    /// No ack before the end (`--ack-timeout`, or interrupted).
    pub unacked: usize,
}

/// Groups this connection is in and groups it has heard of: the REPL completes them.
#[derive(Debug, Default)]
pub struct Groups {
    pub joined: BTreeSet<String>,
    pub known: BTreeSet<String>,
}

pub type SharedGroups = Arc<Mutex<Groups>>;

pub(super) fn groups(shared: &SharedGroups) -> std::sync::MutexGuard<'_, Groups> {
    // A panic elsewhere cannot leave the sets inconsistent: use them anyway.
    shared.lock().unwrap_or_else(|p| p.into_inner())
}

/// The groups the token joins: joined from the start.
pub(super) fn join_token_groups(shared: &SharedGroups, target: &Target) {
    let mut g = groups(shared);
    for group in &target.token_groups {
        g.joined.insert(group.clone());
        g.known.insert(group.clone());
    }
}

/// One frame to send, and how `--show-frames` shows it.
struct Outbound {
    /// For a protobuf frame under `--show-frames`, the JSON frame it encodes; a text frame
    /// shows itself. Built only when shown: this is on every frame's path.
    shown: Option<String>,
    msg: Message,
}

impl Outbound {
    fn text(text: String) -> Outbound {
        Outbound {
            shown: None,
            msg: Message::text(text),
        }
    }

    /// A request in the encoding of `protocol`'s subprotocol; `show`: `--show-frames` is on.
    fn encode(protocol: Protocol, frame: &ClientFrame, show: bool) -> Result<Outbound, String> {
        // Serialising a ClientFrame cannot fail (plain data, string keys).
        let json = || serde_json::to_string(frame).unwrap_or_default();
        if protocol.is_protobuf() {
            let bytes = wire::protobuf::encode_client(frame).map_err(|e| e.to_string())?;
            Ok(Outbound {
                shown: show.then(json),
                msg: Message::binary(bytes),
            })
        } else {
            Ok(Outbound::text(json()))
        }
    }

    /// The size of the frame on the wire.
    fn len(&self) -> usize {
        self.msg.len()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Reliable: reconnect to the same connection.
    Recover,
    /// A new connection.
    Fresh,
}

struct Down {
    outage: Outage,
    mode: Mode,
    /// Recovery was tried and failed.
    recovery_failed: bool,
}

/// What to say when the next `connected` frame arrives.
enum Announce {
    Connected,
    Reconnected {
        previous: Option<String>,
        message: String,
    },
    Nothing,
}

struct Pending {
    cmd: Command,
    /// The socket it was last sent on; `None` while it waits for a connection.
    sent_on: Option<u64>,
}

enum Wake {
    Interrupted,
    Frame(Read),
    Retry,
    SeqTick,
    Ping,
    Input(Option<Command>),
    DrainTimeout,
    Idle,
}

pub struct Session<'a> {
    target: &'a Target,
    opts: Options,
    sink: &'a mut dyn Sink,
    groups: SharedGroups,
    link: Option<Link>,
    /// Counts sockets, so a command knows whether it went out on the current one.
    epoch: u64,
    down: Option<Down>,
    connection_id: Option<String>,
    reconnection_token: Option<String>,
    announce: Announce,
    next_ack: u64,
    pending: BTreeMap<u64, Pending>,
    /// Frames that expect no ack (raw lines, JSON frames without an ackId) typed while
    /// reconnecting.
    raw_backlog: VecDeque<Outbound>,
    summary: Summary,
    /// Largest sequence id received, and the last one acknowledged to the service.
    last_seq: u64,
    acked_seq: u64,
    last_rx: Instant,
    dirty: bool,
}

impl<'a> Session<'a> {
    /// A session over `ws`, a socket that has just completed its handshake.
    pub fn new(
        target: &'a Target,
        ws: Ws,
        opts: Options,
        sink: &'a mut dyn Sink,
        groups: SharedGroups,
    ) -> Self {
        join_token_groups(&groups, target);
        Session {
            target,
            opts,
            sink,
            groups,
            link: Some(Link::new(ws)),
            epoch: 1,
            down: None,
            connection_id: None,
            reconnection_token: None,
            announce: Announce::Connected,
            next_ack: 1,
            pending: BTreeMap::new(),
            raw_backlog: VecDeque::new(),
            summary: Summary::default(),
            last_seq: 0,
            acked_seq: 0,
            last_rx: Instant::now(),
            dirty: false,
        }
    }

    fn reliable(&self) -> bool {
        self.target.protocol.is_reliable()
    }

    fn raw(&self) -> bool {
        self.target.protocol == Protocol::Raw
    }

    /// Runs until the input ends and every ack is back (or `--ack-timeout` passes), or until
    /// interrupted. Fatal errors (the service cannot be reached again, it closed the connection,
    /// a broken stdout) come back as `Err`.
    pub async fn run(mut self, mut input: mpsc::Receiver<Command>) -> anyhow::Result<Summary> {
        if self.raw() {
            // Simple clients get no `connected` frame: say so ourselves.
            let mut ev = SystemEvent::new(SystemKind::Connected);
            ev.protocol = Some("raw".to_string());
            self.emit(Event::System(ev))?;
            self.announce = Announce::Nothing;
        }
        let mut input_open = true;
        let mut drain_deadline: Option<Instant> = None;
        let mut seq_tick = tokio::time::interval(SEQ_ACK_EVERY);
        seq_tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut ping_tick = tokio::time::interval_at(Instant::now() + PING_EVERY, PING_EVERY);
        ping_tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let signal = shutdown_signal();
        tokio::pin!(signal);
        let far = never();

        loop {
            // The end of input ends the session once everything is acked, but not before the
            // service's `connected` frame: even an empty pipe prints that it connected.
            if !input_open
                && !self.opts.keep_open
                && self.pending.is_empty()
                && self.raw_backlog.is_empty()
                && !matches!(self.announce, Announce::Connected)
            {
                break;
            }
            let retry_at = self.down.as_ref().map_or(far, |d| d.outage.retry_at);
            let room = self.pending.len() < WINDOW;
            // Biased: signals, then what the service sends (it must never wait for us), then
            // timers, then input; flushing stdout only when nothing else is ready.
            let wake = tokio::select! {
                biased;
                _ = &mut signal, if self.opts.handle_signals => Wake::Interrupted,
                frame = next_frame(&mut self.link) => Wake::Frame(frame),
                _ = sleep_until(retry_at), if self.down.is_some() => Wake::Retry,
                _ = seq_tick.tick() => Wake::SeqTick,
                _ = ping_tick.tick() => Wake::Ping,
                cmd = input.recv(), if input_open && room => Wake::Input(cmd),
                _ = sleep_until(drain_deadline.unwrap_or(far)), if drain_deadline.is_some() => Wake::DrainTimeout,
                _ = std::future::ready(()), if self.dirty => Wake::Idle,
            };
            match wake {
                Wake::Interrupted => {
                    self.give_up_pending("interrupted before the ack arrived")?;
                    self.raw_backlog.clear();
                    break;
                }
                Wake::Frame(frame) => self.on_frame(frame)?,
                Wake::Retry => self.reconnect().await?,
                Wake::SeqTick => self.send_seq_ack(),
                Wake::Ping => self.ping()?,
                Wake::Input(Some(cmd)) => {
                    self.on_command(cmd)?;
                    // A burst of piped lines is taken in one go, within the window, rather than
                    // one per turn of this loop (each turn polls the socket and the timers).
                    for _ in 1..INPUT_BATCH {
                        if self.pending.len() >= WINDOW {
                            break;
                        }
                        match input.try_recv() {
                            Ok(cmd) => self.on_command(cmd)?,
                            Err(_) => break,
                        }
                    }
                }
                Wake::Input(None) => {
                    input_open = false;
                    if !self.opts.keep_open {
                        drain_deadline = Some(Instant::now() + self.opts.ack_timeout);
                    }
                }
                Wake::DrainTimeout => {
                    let secs = self.opts.ack_timeout.as_secs_f64();
                    self.give_up_pending(&format!("no ack within --ack-timeout ({secs} s)"))?;
                    self.raw_backlog.clear();
                    if matches!(self.announce, Announce::Connected) {
                        self.sink
                            .note("the service never sent its `connected` frame; giving up");
                        self.announce = Announce::Nothing;
                    }
                    drain_deadline = None;
                }
                Wake::Idle => {
                    self.sink.flush()?;
                    self.dirty = false;
                }
            }
        }
        self.sink.flush()?;
        self.close().await;
        Ok(self.summary)
    }

    fn emit(&mut self, ev: Event) -> anyhow::Result<()> {
        self.sink.event(&ev)?;
        self.dirty = true;
        Ok(())
    }

    fn send_frame(&mut self, frame: &ClientFrame) {
        if let Ok(out) = Outbound::encode(self.target.protocol, frame, self.opts.show_frames) {
            self.transmit(out);
        }
    }

    /// Sends one frame on the current socket, shown under `--show-frames`; false when there
    /// is no socket.
    fn transmit(&mut self, out: Outbound) -> bool {
        let Some(link) = &self.link else {
            return false;
        };
        if self.opts.show_frames {
            // A broken stdout shows up at the next event that must be written.
            let _ = self.sink.event(&Event::Frame(FrameEvent {
                direction: Direction::Out,
                text: out
                    .shown
                    .unwrap_or_else(|| out.msg.to_text().unwrap_or_default().to_string()),
            }));
            self.dirty = true;
        }
        link.send(out.msg);
        true
    }

    /// The frame of a command with this ackId, in the subprotocol's encoding.
    fn outbound(&self, cmd: &Command, ack_id: u64) -> Result<Outbound, String> {
        match cmd {
            // Sent as typed (the ackId in it is the one tracked); on the protobuf subprotocols
            // its JSON says which request to encode (`command::parse` checked that it is one).
            Command::Frame { text, .. } if !self.target.protocol.is_protobuf() => {
                Ok(Outbound::text(text.clone()))
            }
            Command::Frame { text, .. } => {
                let frame: ClientFrame = serde_json::from_str(text).map_err(|e| e.to_string())?;
                Outbound::encode(self.target.protocol, &frame, self.opts.show_frames)
            }
            Command::Raw(text) => Ok(Outbound::text(text.clone())),
            _ => match cmd.frame(ack_id) {
                Some(frame) => {
                    Outbound::encode(self.target.protocol, &frame, self.opts.show_frames)
                }
                None => Err("not a request".to_string()),
            },
        }
    }

    // ----- input ---------------------------------------------------------------------------

    fn on_command(&mut self, cmd: Command) -> anyhow::Result<()> {
        // A raw line, or a JSON frame typed without an ackId, expects no ack: it just goes out.
        if matches!(cmd, Command::Raw(_) | Command::Frame { ack_id: None, .. }) {
            match self.outbound(&cmd, 0) {
                Ok(out) if self.link.is_some() => {
                    self.transmit(out);
                }
                Ok(out) => self.raw_backlog.push_back(out),
                Err(e) => self.sink.note(&format!("not sent: {e}")),
            }
            return Ok(());
        }
        let ack_id = match &cmd {
            // The frame's own ackId; the counter moves past it so later commands never reuse it.
            Command::Frame {
                ack_id: Some(id), ..
            } => {
                if self.pending.contains_key(id) {
                    self.sink.note(&format!(
                        "not sent: ackId {id} is still waiting for its ack; use another"
                    ));
                    return Ok(());
                }
                self.next_ack = self.next_ack.max(id.saturating_add(1));
                *id
            }
            _ => self.next_ack,
        };
        let out = match self.outbound(&cmd, ack_id) {
            Ok(out) => out,
            Err(e) => {
                self.sink.note(&format!("not sent: {e}"));
                return Ok(());
            }
        };
        if ack_id == self.next_ack {
            self.next_ack += 1;
        }
        // The service closes the connection on a frame over 1 MiB; fail the command instead.
        if out.len() > wire::MAX_MESSAGE_BYTES {
            self.summary.failed += 1;
            return self.emit(Event::Ack(AckEvent {
                ack_id,
                command: cmd.label(),
                success: false,
                duplicate: false,
                error: Some(AckError::new(
                    "MessageTooLarge",
                    format!(
                        "the frame is {} bytes; the service accepts at most 1 MiB",
                        out.len()
                    ),
                )),
            }));
        }
        if let Command::Join(g) | Command::Leave(g) | Command::Send { group: g, .. } = &cmd {
            self.know_group(g);
        }
        let sent_on = self.transmit(out).then_some(self.epoch);
        if sent_on.is_none() {
            self.sink.queued(&cmd.label());
        }
        self.pending.insert(ack_id, Pending { cmd, sent_on });
        Ok(())
    }

    /// Remembers a group name for tab completion.
    fn know_group(&self, group: &str) {
        let mut g = groups(&self.groups);
        if !g.known.contains(group) {
            g.known.insert(group.to_string());
        }
    }

    /// Reports every outstanding command as failed with `Timeout`.
    fn give_up_pending(&mut self, why: &str) -> anyhow::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        for (ack_id, p) in pending {
            self.summary.unacked += 1;
            self.emit(Event::Ack(AckEvent {
                ack_id,
                command: p.cmd.label(),
                success: false,
                duplicate: false,
                error: Some(AckError::new("Timeout", why)),
            }))?;
        }
        Ok(())
    }

    // ----- what the service sends ------------------------------------------------------------

    fn on_frame(&mut self, frame: Read) -> anyhow::Result<()> {
        let msg = match frame_or_loss(frame) {
            Ok(msg) => msg,
            Err(loss) => return self.lost(loss.code, &loss.reason),
        };
        self.last_rx = Instant::now();
        match msg {
            Message::Text(text) if self.raw() => self.emit(Event::Message(MessageEvent {
                from: None,
                group: None,
                from_user_id: None,
                data_type: wire::DataType::Text,
                data: serde_json::Value::String(text.to_string()),
                sequence_id: None,
                metadata: None,
            })),
            Message::Binary(bytes) if self.raw() => self.emit(Event::Message(MessageEvent {
                from: None,
                group: None,
                from_user_id: None,
                data_type: wire::DataType::Binary,
                data: serde_json::Value::String(
                    base64::engine::general_purpose::STANDARD.encode(&bytes),
                ),
                sequence_id: None,
                metadata: None,
            })),
            Message::Text(text) if !self.target.protocol.is_protobuf() => {
                if self.opts.show_frames {
                    self.emit(Event::Frame(FrameEvent {
                        direction: Direction::In,
                        text: text.to_string(),
                    }))?;
                }
                match serde_json::from_str::<ServerFrame>(&text) {
                    Ok(frame) => self.on_server_frame(frame),
                    Err(e) => {
                        self.sink.note(&format!(
                            "ignored a frame that is not a protocol message: {e}"
                        ));
                        Ok(())
                    }
                }
            }
            Message::Binary(bytes) if self.target.protocol.is_protobuf() => {
                match wire::protobuf::decode_server(&bytes) {
                    Ok(frame) => {
                        if self.opts.show_frames {
                            // Shown as the JSON frame it stands for.
                            self.emit(Event::Frame(FrameEvent {
                                direction: Direction::In,
                                text: serde_json::to_string(&frame).unwrap_or_default(),
                            }))?;
                        }
                        self.on_server_frame(frame)
                    }
                    Err(e) => {
                        self.sink.note(&format!(
                            "ignored a frame that is not a protocol message: {e}"
                        ));
                        Ok(())
                    }
                }
            }
            Message::Binary(_) => {
                self.sink
                    .note("ignored a binary frame (the JSON subprotocols use text frames)");
                Ok(())
            }
            Message::Text(_) => {
                self.sink
                    .note("ignored a text frame (the protobuf subprotocols use binary frames)");
                Ok(())
            }
            Message::Close(_) | Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => Ok(()),
        }
    }

    fn on_server_frame(&mut self, frame: ServerFrame) -> anyhow::Result<()> {
        match frame {
            ServerFrame::Ack {
                ack_id,
                success,
                error,
            } => self.on_ack(ack_id, success, error),
            ServerFrame::Message {
                sequence_id,
                from,
                group,
                from_user_id,
                data_type,
                data,
                metadata,
            } => {
                if let Some(seq) = sequence_id.filter(|_| self.reliable()) {
                    if seq <= self.last_seq {
                        // Replayed after a recovery, and already shown.
                        return Ok(());
                    }
                    self.last_seq = seq;
                    if self.last_seq - self.acked_seq >= SEQ_ACK_BATCH {
                        self.send_seq_ack();
                    }
                }
                if let Some(g) = &group {
                    self.know_group(g);
                }
                self.emit(Event::Message(MessageEvent {
                    from: Some(from),
                    group,
                    from_user_id,
                    data_type,
                    data,
                    sequence_id,
                    metadata,
                }))
            }
            ServerFrame::System {
                event: wire::SystemEvent::Connected,
                user_id,
                connection_id,
                reconnection_token,
                ..
            } => {
                if reconnection_token.is_some() {
                    self.reconnection_token = reconnection_token;
                }
                self.connection_id = connection_id.clone();
                let mut ev = match std::mem::replace(&mut self.announce, Announce::Nothing) {
                    Announce::Nothing => return Ok(()),
                    Announce::Connected => {
                        let mut ev = SystemEvent::new(SystemKind::Connected);
                        ev.user_id = Some(user_id.flatten());
                        ev.protocol = Some(self.target.protocol_name().to_string());
                        ev
                    }
                    Announce::Reconnected { previous, message } => {
                        let mut ev = SystemEvent::new(SystemKind::Reconnected);
                        ev.previous_connection_id = previous;
                        ev.message = Some(message);
                        ev
                    }
                };
                ev.connection_id = connection_id;
                self.emit(Event::System(ev))
            }
            ServerFrame::System {
                event: wire::SystemEvent::Disconnected,
                message,
                ..
            } => {
                let mut ev = SystemEvent::new(SystemKind::Disconnected);
                ev.message = message;
                self.emit(Event::System(ev))
            }
            ServerFrame::Pong | ServerFrame::InvokeResponse { .. } | ServerFrame::Unknown => Ok(()),
        }
    }

    fn on_ack(
        &mut self,
        ack_id: u64,
        success: bool,
        error: Option<AckError>,
    ) -> anyhow::Result<()> {
        // Not ours (or already reported): nothing to match it to.
        let Some(p) = self.pending.remove(&ack_id) else {
            return Ok(());
        };
        // A re-sent request the service had already run: it is done, once.
        let duplicate = !success
            && error
                .as_ref()
                .is_some_and(|e| e.name == ack_error::DUPLICATE);
        let ok = success || duplicate;
        if ok {
            self.summary.succeeded += 1;
            let mut g = groups(&self.groups);
            match &p.cmd {
                Command::Join(group) => {
                    g.joined.insert(group.to_string());
                }
                Command::Leave(group) => {
                    g.joined.remove(group.as_str());
                }
                _ => {}
            }
        } else {
            self.summary.failed += 1;
        }
        self.emit(Event::Ack(AckEvent {
            ack_id,
            command: p.cmd.label(),
            success: ok,
            duplicate,
            error: if ok { None } else { error },
        }))
    }

    fn send_seq_ack(&mut self) {
        if self.reliable() && self.link.is_some() && self.last_seq > self.acked_seq {
            self.send_frame(&ClientFrame::SequenceAck {
                sequence_id: self.last_seq,
            });
            self.acked_seq = self.last_seq;
        }
    }

    fn ping(&mut self) -> anyhow::Result<()> {
        let Some(link) = &self.link else {
            return Ok(());
        };
        if self.last_rx.elapsed() > SILENCE_LIMIT {
            return self.lost(None, "the service stopped answering");
        }
        // The protobuf subprotocols keep alive with WebSocket pings: `ping_message` is in the
        // protocol's published definition but not in the protobuf client SDK's, so a service
        // without it would close the connection; every server answers a WebSocket ping.
        if self.raw() || self.target.protocol.is_protobuf() {
            link.send(Message::Ping(Default::default()));
        } else {
            self.send_frame(&ClientFrame::Ping);
        }
        Ok(())
    }

    // ----- losing and regaining the connection ------------------------------------------------

    /// The socket ended: with a close frame (`code`) or without one.
    fn lost(&mut self, code: Option<u16>, reason: &str) -> anyhow::Result<()> {
        if let Some(link) = self.link.take() {
            link.abort();
        }
        let what = link::loss_words(code, reason, "closed by the service");
        let mode = match code {
            // The service ended it on purpose (a REST close, or it is the service's policy).
            Some(close_code::NORMAL) => return Err(Error::new(
                Exit::Rejected,
                format!("the connection was {what}"),
            )
            .with_hint("the service (or a `service connection close` call) ended this connection")
            .into()),
            // We sent something the service cannot take: reconnecting would only repeat it.
            Some(
                c @ (close_code::UNSUPPORTED_DATA
                | close_code::INVALID_PAYLOAD
                | close_code::MESSAGE_TOO_BIG),
            ) => {
                return Err(
                    Error::new(Exit::Rejected, format!("the connection was {what}"))
                        .with_hint(format!(
                            "the service rejected a frame this client sent (close code {c})"
                        ))
                        .into(),
                )
            }
            Some(close_code::POLICY_VIOLATION) => Mode::Fresh,
            _ if self.reliable()
                && self.connection_id.is_some()
                && self.reconnection_token.is_some() =>
            {
                Mode::Recover
            }
            _ => Mode::Fresh,
        };
        self.down = Some(Down {
            outage: Outage::new(what),
            mode,
            recovery_failed: false,
        });
        Ok(())
    }

    /// One attempt to recover or replace the lost connection.
    async fn reconnect(&mut self) -> anyhow::Result<()> {
        let Some(down) = self.down.as_mut() else {
            return Ok(());
        };
        let now = Instant::now();
        if now.duration_since(down.outage.since) > self.opts.reconnect_timeout {
            match down.mode {
                Mode::Recover => {
                    down.mode = Mode::Fresh;
                    down.outage.since = now;
                    down.recovery_failed = true;
                }
                Mode::Fresh => {
                    let hint = self.target.unreachable_hint();
                    return Err(down
                        .outage
                        .gave_up(self.opts.reconnect_timeout, hint)
                        .into());
                }
            }
        }
        let ev = down.outage.attempt();
        let mode = down.mode;
        self.emit(Event::System(ev))?;
        self.sink.flush()?;
        match mode {
            Mode::Recover => self.try_recover().await,
            Mode::Fresh => self.try_fresh().await,
        }
    }

    async fn try_recover(&mut self) -> anyhow::Result<()> {
        let (Some(id), Some(token)) = (self.connection_id.clone(), self.reconnection_token.clone())
        else {
            return self.recovery_failed("nothing to recover");
        };
        let url = self.target.recovery_url(&id, &token);
        let ws = match open(&url, self.target.protocol).await {
            Ok(ws) => ws,
            Err(e) => return self.retry_later(e.to_string()),
        };
        let mut link = Link::new(ws);
        // A service that cannot recover the connection accepts the socket and closes it with
        // 1008 at once. Only that means "start a new connection": a socket that ends any other
        // way (dropped again, closed for another reason) is tried again, and a frame or quiet
        // means the connection is back.
        let first = match tokio::time::timeout(RECOVERY_VERDICT, link.rx.next()).await {
            Ok(Some(Ok(Message::Close(Some(c)))))
                if u16::from(c.code) == close_code::POLICY_VIOLATION =>
            {
                link.abort();
                return self.recovery_failed("the service could not recover it");
            }
            Ok(Some(Ok(Message::Close(_))) | None | Some(Err(_))) => {
                link.abort();
                return self.retry_soon("the recovered socket was lost again at once");
            }
            Ok(Some(Ok(msg))) => Some(msg),
            Err(_) => None,
        };
        self.epoch += 1;
        self.link = Some(link);
        self.down = None;
        self.last_rx = Instant::now();
        // Tell the service what we have, then re-send what it has not acknowledged, with the
        // same ackIds: it runs the ones it never got and answers `Duplicate` for the others.
        if self.last_seq > 0 {
            self.send_frame(&ClientFrame::SequenceAck {
                sequence_id: self.last_seq,
            });
            self.acked_seq = self.last_seq;
        }
        self.resend();
        self.send_backlog();
        let mut ev = SystemEvent::new(SystemKind::Recovered);
        ev.connection_id = Some(id);
        self.emit(Event::System(ev))?;
        if let Some(msg) = first {
            self.on_frame(Some(Ok(msg)))?;
        }
        Ok(())
    }

    fn recovery_failed(&mut self, why: &str) -> anyhow::Result<()> {
        if let Some(down) = self.down.as_mut() {
            down.mode = Mode::Fresh;
            down.outage.since = Instant::now();
            down.outage.retry_at = down.outage.since;
            down.recovery_failed = true;
            down.outage.last_error = why.to_string();
        }
        Ok(())
    }

    /// Tries again almost at once: the last socket broke, the way back may still be open.
    fn retry_soon(&mut self, error: &str) -> anyhow::Result<()> {
        if let Some(down) = self.down.as_mut() {
            down.outage.retry_in(error.to_string(), RETRY_SOON);
        }
        Ok(())
    }

    fn retry_later(&mut self, error: String) -> anyhow::Result<()> {
        if let Some(down) = self.down.as_mut() {
            down.outage.retry_in(error, RETRY_EVERY);
        }
        Ok(())
    }

    async fn try_fresh(&mut self) -> anyhow::Result<()> {
        let url = self.target.url();
        let ws = match open(&url, self.target.protocol).await {
            Ok(ws) => ws,
            Err(ConnectError::Rejected { status, .. }) if status == 429 || status >= 500 => {
                return self.retry_later(format!("HTTP {status}"));
            }
            Err(e @ ConnectError::Rejected { .. }) => {
                return Err(self.target.connect_error(e).into())
            }
            Err(e) => return self.retry_later(e.to_string()),
        };
        let Some(down) = self.down.take() else {
            return Ok(());
        };
        self.epoch += 1;
        self.link = Some(Link::new(ws));
        self.last_rx = Instant::now();
        // A new connection: a new sequence, and ackIds the service has never seen.
        self.last_seq = 0;
        self.acked_seq = 0;
        let previous = self.connection_id.take();
        self.reconnection_token = None;

        // Commands sent on the lost connection may or may not have run; say so rather than risk
        // running them twice. Those never sent go out now.
        let lost: Vec<u64> = self
            .pending
            .iter()
            .filter(|(_, p)| p.sent_on.is_some())
            .map(|(id, _)| *id)
            .collect();
        for ack_id in &lost {
            if let Some(p) = self.pending.remove(ack_id) {
                self.summary.failed += 1;
                self.emit(Event::Ack(AckEvent {
                    ack_id: *ack_id,
                    command: p.cmd.label(),
                    success: false,
                    duplicate: false,
                    error: Some(AckError::new("ConnectionLost", "the connection was lost before the ack; the command may or may not have run"
                            .to_string())),
                }))?;
            }
        }
        self.resend();
        self.send_backlog();

        // Groups from the token are joined again by the service; rejoin the others.
        let rejoin: Vec<String> = {
            let g = groups(&self.groups);
            g.joined
                .iter()
                .filter(|group| !self.target.token_groups.contains(group))
                .cloned()
                .collect()
        };
        // Every joined group was parsed when it was joined, so it parses again.
        for group in rejoin
            .iter()
            .filter_map(|g| GroupName::parse(g.as_str()).ok())
        {
            self.on_command(Command::Join(group))?;
        }

        let mut message = down.outage.reason.clone();
        if down.recovery_failed {
            message.push_str(" and could not be recovered");
        }
        message.push_str("; messages sent to it meanwhile were missed");
        if !lost.is_empty() {
            message.push_str(&format!(
                "; {} unacknowledged command(s) failed",
                lost.len()
            ));
        }
        if !rejoin.is_empty() {
            message.push_str(&format!("; rejoining {}", rejoin.join(", ")));
        }
        if self.raw() {
            let mut ev = SystemEvent::new(SystemKind::Reconnected);
            ev.message = Some(message);
            self.emit(Event::System(ev))?;
        } else {
            self.announce = Announce::Reconnected { previous, message };
        }
        Ok(())
    }

    /// Sends what was typed while the connection was down and expects no ack.
    fn send_backlog(&mut self) {
        if self.link.is_none() {
            return;
        }
        while let Some(out) = self.raw_backlog.pop_front() {
            self.transmit(out);
        }
    }

    /// Sends every pending request, in ackId order, on the current socket.
    fn resend(&mut self) {
        if self.link.is_none() {
            return;
        }
        let frames: Vec<(u64, Outbound)> = self
            .pending
            .iter()
            .filter_map(|(id, p)| Some((*id, self.outbound(&p.cmd, *id).ok()?)))
            .collect();
        for (ack_id, out) in frames {
            self.transmit(out);
            if let Some(p) = self.pending.get_mut(&ack_id) {
                p.sent_on = Some(self.epoch);
            }
        }
    }

    /// Ends the connection with a close frame and waits briefly for the service's answer.
    async fn close(&mut self) {
        if let Some(link) = self.link.take() {
            link.close().await;
        }
    }
}

#[cfg(test)]
mod tests {
    //! The recovery rules against a scripted server, where the timing of a drop is exact: what
    //! is re-sent (same ackIds), `Duplicate` as success, replayed messages shown once, and the
    //! fall-back to a new connection on 1008. The integration tests cover the real emulator.

    use super::*;
    use futures_util::SinkExt;
    use serde_json::{json, Value};
    use tokio::net::{TcpListener, TcpStream};
    use tokio_tungstenite::tungstenite;
    use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
    use tokio_tungstenite::tungstenite::http::HeaderValue;
    use tokio_tungstenite::WebSocketStream;

    type ServerWs = WebSocketStream<TcpStream>;

    #[derive(Default)]
    struct Collect(Arc<Mutex<Vec<Event>>>);

    impl Sink for Collect {
        fn event(&mut self, ev: &Event) -> std::io::Result<()> {
            self.0.lock().unwrap().push(ev.clone());
            Ok(())
        }
        fn note(&mut self, _text: &str) {}
    }

    /// Accepts one socket speaking the reliable protocol; returns it with the request's query.
    // The handshake callback's error type is tungstenite's, large by its design.
    #[allow(clippy::result_large_err)]
    async fn accept(listener: &TcpListener) -> (ServerWs, String) {
        let (tcp, _) = listener.accept().await.unwrap();
        let query = Arc::new(Mutex::new(String::new()));
        let q = Arc::clone(&query);
        let ws =
            tokio_tungstenite::accept_hdr_async(tcp, move |req: &Request, mut resp: Response| {
                *q.lock().unwrap() = req.uri().query().unwrap_or_default().to_string();
                resp.headers_mut().insert(
                    "sec-websocket-protocol",
                    HeaderValue::from_static(wire::JSON_RELIABLE_PROTOCOL),
                );
                Ok(resp)
            })
            .await
            .unwrap();
        let query = query.lock().unwrap().clone();
        (ws, query)
    }

    async fn send(ws: &mut ServerWs, v: Value) {
        ws.send(Message::text(v.to_string())).await.unwrap();
    }

    /// The next request frame, skipping sequenceAcks and pings (recorded in `seq_acks`).
    async fn request(ws: &mut ServerWs, seq_acks: &mut Vec<u64>) -> Value {
        loop {
            let msg = tokio::time::timeout(Duration::from_secs(10), ws.next())
                .await
                .expect("a request within 10 s")
                .expect("socket open")
                .expect("frame");
            let Message::Text(t) = msg else { continue };
            let v: Value = serde_json::from_str(&t).unwrap();
            match v["type"].as_str() {
                Some("sequenceAck") => seq_acks.push(v["sequenceId"].as_u64().unwrap()),
                Some("ping") => {}
                _ => return v,
            }
        }
    }

    fn msg(seq: u64, data: &str) -> Value {
        json!({"type":"message","from":"group","group":"g1","fromUserId":"bob","dataType":"text","data":data,"sequenceId":seq})
    }

    async fn client(
        port: u16,
        commands: &[&str],
        events: Arc<Mutex<Vec<Event>>>,
    ) -> anyhow::Result<Summary> {
        let url = format!("ws://127.0.0.1:{port}/client/hubs/chat?access_token=t");
        let target = Target::from_url(&url, Protocol::JsonReliable).unwrap();
        let ws = open(&target.url(), target.protocol).await.unwrap();
        let opts = Options {
            keep_open: false,
            ack_timeout: Duration::from_secs(20),
            reconnect_timeout: Duration::from_secs(10),
            handle_signals: false,
            show_frames: false,
        };
        let (tx, rx) = mpsc::channel(16);
        for c in commands {
            let cmd = super::super::command::parse(c, Protocol::JsonReliable)
                .unwrap()
                .unwrap();
            tx.send(cmd).await.unwrap();
        }
        drop(tx);
        let mut sink = Collect(events);
        let groups = Arc::new(Mutex::new(Groups::default()));
        Session::new(&target, ws, opts, &mut sink, groups)
            .run(rx)
            .await
    }

    fn acks(events: &[Event]) -> Vec<(u64, bool, bool, Option<String>)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Ack(a) => Some((
                    a.ack_id,
                    a.success,
                    a.duplicate,
                    a.error.as_ref().map(|e| e.name.clone()),
                )),
                _ => None,
            })
            .collect()
    }

    fn texts(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Message(m) => m.data.as_str().map(str::to_string),
                _ => None,
            })
            .collect()
    }

    fn systems(events: &[Event]) -> Vec<SystemKind> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::System(s) => Some(s.event),
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn recovery_resends_unacked_requests_with_their_ack_ids_and_shows_each_message_once() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let mut seq_acks = Vec::new();
            let (mut ws, _) = accept(&listener).await;
            send(&mut ws, json!({"type":"system","event":"connected","userId":"alice","connectionId":"c1","reconnectionToken":"rt1"})).await;
            send(&mut ws, msg(1, "a")).await;
            send(&mut ws, msg(2, "b")).await;
            let join = request(&mut ws, &mut seq_acks).await;
            assert_eq!(join, json!({"type":"joinGroup","group":"g1","ackId":1}));
            send(&mut ws, json!({"type":"ack","ackId":1,"success":true})).await;
            let ran = request(&mut ws, &mut seq_acks).await;
            let lost = request(&mut ws, &mut seq_acks).await;
            assert_eq!(ran["ackId"], 2);
            assert_eq!(lost["ackId"], 3);
            // "Ran" 2, never saw 3; the socket breaks before either ack (no close frame).
            drop(ws);

            let (mut ws, query) = accept(&listener).await;
            assert!(query.contains("awps_connection_id=c1"), "{query}");
            assert!(query.contains("awps_reconnection_token=rt1"), "{query}");
            assert!(query.contains("access_token=t"), "{query}");
            assert_eq!(
                request(&mut ws, &mut seq_acks).await,
                ran,
                "re-sent with the same ackId"
            );
            assert_eq!(
                request(&mut ws, &mut seq_acks).await,
                lost,
                "re-sent with the same ackId"
            );
            assert_eq!(
                seq_acks.last(),
                Some(&2),
                "the client tells what it has before re-sending"
            );
            // The replay of an unacknowledged message, then a new one.
            send(&mut ws, msg(2, "b")).await;
            send(&mut ws, msg(3, "c")).await;
            send(&mut ws, json!({"type":"ack","ackId":2,"success":false,"error":{"name":"Duplicate","message":"Message with ack-id: 2 has been processed."}})).await;
            send(&mut ws, json!({"type":"ack","ackId":3,"success":true})).await;
            // The client closes once every ack is in.
            while let Some(Ok(m)) = ws.next().await {
                if m.is_close() {
                    break;
                }
            }
        });
        let events = Arc::new(Mutex::new(Vec::new()));
        let summary = client(
            port,
            &["joingroup g1", "sendtogroup g1 x", "sendtogroup g1 y"],
            Arc::clone(&events),
        )
        .await
        .unwrap();
        server.await.unwrap();
        let events = events.lock().unwrap();
        assert_eq!(
            acks(&events),
            vec![
                (1, true, false, None),
                (2, true, true, None),
                (3, true, false, None)
            ]
        );
        assert_eq!(
            texts(&events),
            vec!["a", "b", "c"],
            "each message once, in order"
        );
        assert_eq!(
            systems(&events),
            vec![
                SystemKind::Connected,
                SystemKind::Reconnecting,
                SystemKind::Recovered
            ]
        );
        assert_eq!(
            summary,
            Summary {
                succeeded: 3,
                failed: 0,
                unacked: 0
            }
        );
    }

    #[tokio::test]
    async fn failed_recovery_makes_a_new_connection_and_rejoins_groups() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let mut seq_acks = Vec::new();
            let (mut ws, _) = accept(&listener).await;
            send(&mut ws, json!({"type":"system","event":"connected","userId":"alice","connectionId":"c1","reconnectionToken":"rt1"})).await;
            assert_eq!(request(&mut ws, &mut seq_acks).await["ackId"], 1);
            send(&mut ws, json!({"type":"ack","ackId":1,"success":true})).await;
            assert_eq!(request(&mut ws, &mut seq_acks).await["ackId"], 2);
            drop(ws);

            // Recovery refused, as the service does: accept, then close with 1008.
            let (mut ws, query) = accept(&listener).await;
            assert!(query.contains("awps_connection_id=c1"), "{query}");
            ws.close(Some(tungstenite::protocol::CloseFrame {
                code: close_code::POLICY_VIOLATION.into(),
                reason: "The connection could not be recovered.".into(),
            }))
            .await
            .unwrap();

            // A new connection: no recovery parameters; the group is joined again.
            let (mut ws, query) = accept(&listener).await;
            assert!(!query.contains("awps_connection_id"), "{query}");
            send(&mut ws, json!({"type":"system","event":"connected","userId":"alice","connectionId":"c2","reconnectionToken":"rt2"})).await;
            let rejoin = request(&mut ws, &mut seq_acks).await;
            assert_eq!(rejoin, json!({"type":"joinGroup","group":"g1","ackId":3}));
            send(&mut ws, json!({"type":"ack","ackId":3,"success":true})).await;
            while let Some(Ok(m)) = ws.next().await {
                if m.is_close() {
                    break;
                }
            }
        });
        let events = Arc::new(Mutex::new(Vec::new()));
        let summary = client(
            port,
            &["joingroup g1", "sendtogroup g1 x"],
            Arc::clone(&events),
        )
        .await
        .unwrap();
        server.await.unwrap();
        let events = events.lock().unwrap();
        assert_eq!(
            acks(&events),
            vec![
                (1, true, false, None),
                (2, false, false, Some("ConnectionLost".to_string())),
                (3, true, false, None)
            ]
        );
        assert_eq!(
            systems(&events),
            vec![
                SystemKind::Connected,
                SystemKind::Reconnecting,
                SystemKind::Reconnecting,
                SystemKind::Reconnected
            ]
        );
        let Some(Event::System(re)) = events
            .iter()
            .find(|e| matches!(e, Event::System(s) if s.event == SystemKind::Reconnected))
        else {
            unreachable!()
        };
        assert_eq!(re.connection_id.as_deref(), Some("c2"));
        assert_eq!(re.previous_connection_id.as_deref(), Some("c1"));
        let message = re.message.as_deref().unwrap_or_default();
        assert!(message.contains("could not be recovered"), "{message}");
        assert!(message.contains("rejoining g1"), "{message}");
        assert_eq!(summary.failed, 1);
    }
}
