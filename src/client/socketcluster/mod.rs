//! `client start --protocol socketcluster`: the REPL and the pipe for SocketCluster 9 push
//! servers, beside (not inside) the Web PubSub session.
//!
//! * `wire` is the protocol (frames in and out, the handshake's answer, ping/pong);
//! * `command` is the grammar: `emit EVENT [JSON]`, `subscribe`, `unsubscribe`, `publish`;
//! * this module connects (WebSocket, then `#handshake`), and runs the session: one call id per
//!   command, its answer as an ack line, channel messages, pongs, and a new connection (with
//!   every channel subscribed again) when the old one is lost.
//!
//! The JSON lines are the Web PubSub protocols' envelope:
//!
//! ```text
//! {"type":"system","event":"connected","connectionId":"<socket id>","protocol":"socketcluster"}
//! {"type":"ack","ackId":1,"command":"emit registerUser","success":true,"data":{"urn":"…"}}
//! {"type":"ack","ackId":2,"command":"subscribe urn:…","success":true}
//! {"type":"ack","ackId":3,"command":"emit sendMessageToChannel","success":false,"error":{"name":"Error","message":"…"}}
//! {"type":"message","from":"channel","channel":"urn:…","dataType":"json","data":{"text":"hi","to":"urn:…"}}
//! {"type":"message","from":"server","event":"news","dataType":"json","data":…}   (an emit of the server's code)
//! {"type":"system","event":"reconnecting","attempt":1,"message":"…"}
//! {"type":"system","event":"reconnected","connectionId":"…","previousConnectionId":"…","message":"…; resubscribing c"}
//! {"type":"system","event":"disconnected","message":"4500: …"}                   (the server's #disconnect)
//! ```
//!
//! `error.name` is the server's (SocketCluster error names, or `Error` for a plain string), or
//! the client's own: `Timeout` (no answer within `--ack-timeout`) and `ConnectionLost` (an emit or
//! publish whose connection was lost before the answer; subscriptions are simply sent again).

pub(crate) mod command;
mod wire;

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc;
use tokio::time::{sleep_until, Instant};
use tokio_tungstenite::tungstenite::{self, Message};
use url::Url;

pub(crate) use command::Request;

use super::command::Command;
use super::link::{
    self, close_loss, frame_or_loss, never, next_frame, short_io_error, shutdown_signal, Link,
    Outage, Read,
};
use super::render::{
    Direction, Event, FrameEvent, PushEvent, PushSource, ReplyEvent, SystemEvent, SystemKind,
};
use super::session::{groups, Options, SharedGroups, Sink, Summary};
use super::{open, ConnectError, Protocol, Source, Target, Ws};
use crate::error::{exit_for_status, Error, Exit};
use crate::output::sanitize_line;
use crate::wire::{AckError, DataType};
use wire::{Incoming, Item};

/// A server that does not answer `#handshake` in this long is not taken for SocketCluster (the
/// server's own handshake timeout is 10 s too).
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// At most this many calls wait for their answer; input is not read past it.
const WINDOW: usize = 512;
/// Between reconnection attempts.
const RETRY_EVERY: Duration = Duration::from_secs(1);
/// A server pings every 8 s and announces how long it waits for a pong (20 s by default); a
/// server silent for that long is lost. Bounded, whatever it announces.
const DEFAULT_PING_TIMEOUT: Duration = Duration::from_secs(20);
const PING_TIMEOUT_RANGE: (Duration, Duration) = (Duration::from_secs(2), Duration::from_secs(300));
/// A command whose frame is larger is failed instead of sent.
const MAX_FRAME_BYTES: usize = 16 * 1024 * 1024;

const UNREACHABLE: &str = "is the SocketCluster server running, and is --url its address?";
const NOT_SOCKETCLUSTER: &str =
    "is it a SocketCluster 9 server? Its endpoint is usually ws://HOST:PORT/socketcluster/";

/// The target of `--protocol socketcluster --url ws[s]://host[:port]/socketcluster/`.
pub fn target(input: &str) -> Result<Target, Error> {
    let hint = "expected a SocketCluster URL such as ws://localhost:8000/socketcluster/";
    let url = super::ws_url(input, hint)?;
    let mut display = url.clone();
    // A query may carry credentials: messages show the endpoint without it.
    display.set_query(None);
    Ok(Target {
        protocol: Protocol::SocketCluster,
        hub: None,
        user: None,
        token_groups: Vec::new(),
        display: display.to_string(),
        local: super::is_local(&url),
        source: Source::Fixed(url),
    })
}

/// A socket past its handshake.
pub(crate) struct Connected {
    ws: Ws,
    id: String,
    ping_timeout: Duration,
    /// The handshake's frames, for `--show-frames` (tokens redacted).
    frames: Vec<(Direction, String)>,
    /// Why the auth token sent was not accepted.
    auth_error: Option<String>,
    /// The server said `#removeAuthToken` before its answer.
    token_removed: bool,
}

/// Why a SocketCluster connection could not be made.
#[derive(Debug)]
pub(crate) enum Refused {
    Connect(ConnectError),
    /// The server answered the handshake with something that is not SocketCluster.
    Foreign(String),
    /// It speaks protocol version 2.
    Version2,
    /// No answer to the handshake.
    Silent,
    Closed(Option<u16>, String),
    /// The server's error in answer to the handshake.
    Handshake(String),
}

impl Refused {
    /// May trying again later help (as opposed to: this is not the right server)?
    fn transient(&self) -> bool {
        match self {
            Refused::Connect(ConnectError::Rejected { status, .. }) => {
                *status == 429 || *status >= 500
            }
            Refused::Connect(_) | Refused::Closed(..) | Refused::Silent => true,
            Refused::Foreign(_) | Refused::Version2 | Refused::Handshake(_) => false,
        }
    }

    fn short(&self) -> String {
        match self {
            Refused::Connect(e) => e.to_string(),
            Refused::Foreign(what) => format!("not SocketCluster: {what}"),
            Refused::Version2 => "SocketCluster protocol version 2".to_string(),
            Refused::Silent => "no answer to #handshake".to_string(),
            Refused::Closed(code, why) => closed_words(*code, why),
            Refused::Handshake(e) => format!("handshake refused: {e}"),
        }
    }
}

fn closed_words(code: Option<u16>, why: &str) -> String {
    link::loss_words(code, why, "closed")
}

/// The one-line error for a connection that could not be made.
pub(crate) fn refused(target: &Target, r: Refused) -> Error {
    let at = &target.display;
    match r {
        Refused::Connect(ConnectError::Rejected { status, body }) => {
            let detail = if body.is_empty() {
                String::new()
            } else {
                format!(": {body}")
            };
            Error::new(
                exit_for_status(status),
                format!("{at} refused the WebSocket with HTTP {status}{detail}"),
            )
            .with_hint(NOT_SOCKETCLUSTER)
        }
        Refused::Connect(ConnectError::Unreachable(why)) => Error::new(
            Exit::Unreachable,
            format!("cannot connect to {at}: {why}"),
        )
        .with_hint(UNREACHABLE),
        Refused::Connect(ConnectError::Timeout) => Error::new(
            Exit::Timeout,
            format!("no answer from {at} to the WebSocket handshake"),
        )
        .with_hint(UNREACHABLE),
        Refused::Connect(e) => target.connect_error(e),
        Refused::Foreign(what) => Error::new(
            Exit::Rejected,
            format!("{at} is not a SocketCluster server: it answered the #handshake with {what}"),
        )
        .with_hint(NOT_SOCKETCLUSTER),
        Refused::Version2 => Error::new(
            Exit::Rejected,
            format!(
                "{at} speaks SocketCluster protocol version 2 (socketcluster-server 15 or later); this client speaks version 1, as SocketCluster 9 servers do"
            ),
        )
        .with_hint("a newer server speaks version 1 when started with the option protocolVersion: 1"),
        Refused::Silent => Error::new(
            Exit::Rejected,
            format!(
                "{at} accepted the WebSocket but did not answer the SocketCluster #handshake within {} s",
                HANDSHAKE_TIMEOUT.as_secs()
            ),
        )
        .with_hint(NOT_SOCKETCLUSTER),
        Refused::Closed(code, why) => Error::new(
            Exit::Rejected,
            format!(
                "{at} {} during the SocketCluster #handshake",
                closed_words(code, &why)
            ),
        )
        .with_hint(NOT_SOCKETCLUSTER),
        Refused::Handshake(e) => Error::new(
            Exit::Rejected,
            format!(
                "{at} refused the SocketCluster #handshake: {}",
                sanitize_line(&e)
            ),
        ),
    }
}

/// Opens the WebSocket and completes the `#handshake` (with the auth token the server set, on
/// a reconnection).
pub(crate) async fn connect(url: &Url, auth_token: Option<&str>) -> Result<Connected, Refused> {
    let mut ws = open(url, Protocol::SocketCluster)
        .await
        .map_err(Refused::Connect)?;
    let mut frames = Vec::new();
    let hello = wire::handshake(1, auth_token);
    frames.push((Direction::Out, wire::redact(&hello)));
    let lost = |e: tungstenite::Error| Refused::Closed(None, short_io_error(&e));
    ws.send(Message::text(hello)).await.map_err(lost)?;
    let deadline = Instant::now() + HANDSHAKE_TIMEOUT;
    let mut token_removed = false;
    loop {
        let msg = match tokio::time::timeout_at(deadline, ws.next()).await {
            Err(_) => return Err(Refused::Silent),
            Ok(None) => return Err(Refused::Closed(None, String::new())),
            Ok(Some(Err(e))) => return Err(lost(e)),
            Ok(Some(Ok(msg))) => msg,
        };
        let text = match msg {
            Message::Text(t) => t.to_string(),
            Message::Binary(_) => return Err(Refused::Foreign("a binary frame".to_string())),
            Message::Close(c) => {
                let loss = close_loss(c);
                return Err(Refused::Closed(loss.code, loss.reason));
            }
            Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => continue,
        };
        frames.push((Direction::In, wire::redact(&text)));
        match wire::decode(&text) {
            Incoming::Ping => {
                frames.push((Direction::Out, wire::PONG.to_string()));
                ws.send(Message::text(wire::PONG)).await.map_err(lost)?;
            }
            Incoming::PingV2 => return Err(Refused::Version2),
            Incoming::Foreign(what) => return Err(Refused::Foreign(what)),
            Incoming::Items(items) => {
                for item in items {
                    match item {
                        Item::Response {
                            rid: 1,
                            data,
                            error,
                        } => {
                            let status = wire::handshake_status(data.as_ref(), error.as_ref())
                                .map_err(Refused::Handshake)?;
                            let ping_timeout = status
                                .ping_timeout_ms
                                .map(Duration::from_millis)
                                .unwrap_or(DEFAULT_PING_TIMEOUT)
                                .clamp(PING_TIMEOUT_RANGE.0, PING_TIMEOUT_RANGE.1);
                            return Ok(Connected {
                                ws,
                                id: status.id,
                                ping_timeout,
                                frames,
                                auth_error: status.auth_error,
                                token_removed,
                            });
                        }
                        // A server refusing the token sent says so before it answers.
                        Item::RemoveAuthToken { cid } => {
                            token_removed = true;
                            if let Some(cid) = cid {
                                let ok = wire::response(cid);
                                frames.push((Direction::Out, ok.clone()));
                                ws.send(Message::text(ok)).await.map_err(lost)?;
                            }
                        }
                        // Its goodbye before a close: the close says the rest.
                        Item::Disconnect { .. } => {}
                        // Anything else is not what a SocketCluster server sends first.
                        _ => {
                            let mut what: String = text.chars().take(80).collect();
                            if text.chars().nth(80).is_some() {
                                what.push('…');
                            }
                            return Err(Refused::Foreign(sanitize_line(&what)));
                        }
                    }
                }
            }
        }
    }
}

struct Pending {
    req: Request,
    /// Its call id on the current socket; `None` while it waits for a connection.
    cid: Option<u64>,
    /// When it times out (once sent).
    deadline: Option<Instant>,
}

enum Wake {
    Interrupted,
    Frame(Read),
    Retry,
    Silent,
    CallTimeout,
    Input(Option<Command>),
    DrainTimeout,
    Idle,
}

/// A SocketCluster session over a connected socket. Channels subscribed live in the shared
/// set the REPL completes from (`joined`).
pub(crate) struct Session<'a> {
    target: &'a Target,
    opts: Options,
    sink: &'a mut dyn Sink,
    channels: SharedGroups,
    link: Option<Link>,
    socket_id: String,
    ping_timeout: Duration,
    last_rx: Instant,
    /// Call ids of the current socket (1 was the handshake's).
    next_cid: u64,
    /// Call id → ackId, on the current socket.
    calls: HashMap<u64, u64>,
    next_ack: u64,
    pending: BTreeMap<u64, Pending>,
    /// The token of the server's `#setAuthToken`, sent with the next handshake. Never shown.
    auth_token: Option<String>,
    /// What the server's `#disconnect` said, for the close that follows it.
    goodbye: Option<String>,
    down: Option<Outage>,
    summary: Summary,
    handshake_frames: Vec<(Direction, String)>,
    dirty: bool,
}

impl<'a> Session<'a> {
    pub fn new(
        target: &'a Target,
        conn: Connected,
        opts: Options,
        sink: &'a mut dyn Sink,
        channels: SharedGroups,
    ) -> Self {
        Session {
            target,
            opts,
            sink,
            channels,
            link: Some(Link::new(conn.ws)),
            socket_id: conn.id,
            ping_timeout: conn.ping_timeout,
            last_rx: Instant::now(),
            next_cid: 2,
            calls: HashMap::new(),
            next_ack: 1,
            pending: BTreeMap::new(),
            auth_token: None,
            goodbye: None,
            down: None,
            summary: Summary::default(),
            handshake_frames: conn.frames,
            dirty: false,
        }
    }

    /// Runs until the input ends and every call is answered (or `--ack-timeout` passes), or
    /// until interrupted. Fatal errors (the server cannot be reached again, it ended the
    /// session, it is not SocketCluster after all, a broken stdout) come back as `Err`.
    pub async fn run(mut self, mut input: mpsc::Receiver<Command>) -> anyhow::Result<Summary> {
        self.show_handshake()?;
        let mut ev = SystemEvent::new(SystemKind::Connected);
        ev.connection_id = Some(self.socket_id.clone());
        ev.protocol = Some(self.target.protocol_name().to_string());
        self.emit(Event::System(ev))?;

        let mut input_open = true;
        let mut drain_deadline: Option<Instant> = None;
        let signal = shutdown_signal();
        tokio::pin!(signal);
        let far = never();
        loop {
            if !input_open && !self.opts.keep_open && self.pending.is_empty() {
                break;
            }
            let retry_at = self.down.as_ref().map_or(far, |d| d.retry_at);
            let silent_at = self.last_rx + self.ping_timeout;
            let call_deadline = self
                .pending
                .values()
                .filter_map(|p| p.deadline)
                .min()
                .unwrap_or(far);
            let room = self.pending.len() < WINDOW;
            let wake = tokio::select! {
                biased;
                _ = &mut signal, if self.opts.handle_signals => Wake::Interrupted,
                frame = next_frame(&mut self.link) => Wake::Frame(frame),
                _ = sleep_until(retry_at), if self.down.is_some() => Wake::Retry,
                _ = sleep_until(silent_at), if self.link.is_some() => Wake::Silent,
                _ = sleep_until(call_deadline), if call_deadline < far => Wake::CallTimeout,
                cmd = input.recv(), if input_open && room => Wake::Input(cmd),
                _ = sleep_until(drain_deadline.unwrap_or(far)), if drain_deadline.is_some() => Wake::DrainTimeout,
                _ = std::future::ready(()), if self.dirty => Wake::Idle,
            };
            match wake {
                Wake::Interrupted => {
                    self.give_up(|_| true, "interrupted before the answer arrived")?;
                    break;
                }
                Wake::Frame(frame) => self.on_frame(frame)?,
                Wake::Retry => self.reconnect().await?,
                Wake::Silent => {
                    let secs = self.ping_timeout.as_secs();
                    self.lost(
                        None,
                        &format!("the server sent nothing (not even a ping) for {secs} s"),
                    )?;
                }
                Wake::CallTimeout => {
                    let now = Instant::now();
                    let secs = self.opts.ack_timeout.as_secs_f64();
                    self.give_up(
                        |p| p.deadline.is_some_and(|d| d <= now),
                        &format!("no answer within --ack-timeout ({secs} s)"),
                    )?;
                }
                Wake::Input(Some(Command::SocketCluster(req))) => self.on_request(req)?,
                // Other protocols' commands cannot be parsed for this one.
                Wake::Input(Some(_)) => {}
                Wake::Input(None) => {
                    input_open = false;
                    if !self.opts.keep_open {
                        drain_deadline = Some(Instant::now() + self.opts.ack_timeout);
                    }
                }
                Wake::DrainTimeout => {
                    let secs = self.opts.ack_timeout.as_secs_f64();
                    self.give_up(
                        |_| true,
                        &format!("no answer within --ack-timeout ({secs} s)"),
                    )?;
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

    fn show_handshake(&mut self) -> anyhow::Result<()> {
        for (direction, text) in std::mem::take(&mut self.handshake_frames) {
            if self.opts.show_frames {
                self.emit(Event::Frame(FrameEvent { direction, text }))?;
            }
        }
        Ok(())
    }

    /// Sends one text frame, shown under `--show-frames` (tokens redacted); false with no socket.
    fn transmit(&mut self, text: String) -> bool {
        let Some(link) = &self.link else {
            return false;
        };
        if self.opts.show_frames {
            let _ = self.sink.event(&Event::Frame(FrameEvent {
                direction: Direction::Out,
                text: wire::redact(&text),
            }));
            self.dirty = true;
        }
        link.send(Message::text(text));
        true
    }

    // ----- commands --------------------------------------------------------------------------

    fn on_request(&mut self, req: Request) -> anyhow::Result<()> {
        let ack_id = self.next_ack;
        self.next_ack += 1;
        match &req {
            Request::Subscribe(c) => {
                let mut g = groups(&self.channels);
                g.known.insert(c.to_string());
            }
            // Not subscribed any more, whatever the answer: a reconnection must not subscribe
            // it again.
            Request::Unsubscribe(c) => {
                let mut g = groups(&self.channels);
                g.joined.remove(c.as_str());
            }
            _ => {}
        }
        if req.wire(u64::MAX).len() > MAX_FRAME_BYTES {
            self.summary.failed += 1;
            return self.emit(Event::Reply(ReplyEvent {
                ack_id,
                command: req.label(),
                success: false,
                data: None,
                error: Some(AckError::new(
                    "MessageTooLarge",
                    format!("the frame is over {MAX_FRAME_BYTES} bytes"),
                )),
            }));
        }
        let label = req.label();
        self.pending.insert(
            ack_id,
            Pending {
                req,
                cid: None,
                deadline: None,
            },
        );
        if !self.send_pending(ack_id) {
            self.sink.queued(&label);
        }
        Ok(())
    }

    /// Sends a pending call on the current socket with a new call id; false with no socket.
    fn send_pending(&mut self, ack_id: u64) -> bool {
        if self.link.is_none() {
            return false;
        }
        let cid = self.next_cid;
        let Some(p) = self.pending.get_mut(&ack_id) else {
            return false;
        };
        self.next_cid += 1;
        p.cid = Some(cid);
        p.deadline = Some(Instant::now() + self.opts.ack_timeout);
        let text = p.req.wire(cid);
        self.calls.insert(cid, ack_id);
        self.transmit(text)
    }

    /// Reports the pending calls that `which` picks as failed with `Timeout`.
    fn give_up(&mut self, which: impl Fn(&Pending) -> bool, why: &str) -> anyhow::Result<()> {
        let ids: Vec<u64> = self
            .pending
            .iter()
            .filter(|(_, p)| which(p))
            .map(|(id, _)| *id)
            .collect();
        for ack_id in ids {
            if let Some(p) = self.pending.remove(&ack_id) {
                if let Some(cid) = p.cid {
                    self.calls.remove(&cid);
                }
                self.summary.unacked += 1;
                self.emit(Event::Reply(ReplyEvent {
                    ack_id,
                    command: p.req.label(),
                    success: false,
                    data: None,
                    error: Some(AckError::new("Timeout", why)),
                }))?;
            }
        }
        Ok(())
    }

    // ----- what the server sends -------------------------------------------------------------

    fn on_frame(&mut self, frame: Read) -> anyhow::Result<()> {
        let msg = match frame_or_loss(frame) {
            Ok(msg) => msg,
            Err(loss) => return self.lost(loss.code, &loss.reason),
        };
        self.last_rx = Instant::now();
        let text = match msg {
            Message::Text(t) => t.to_string(),
            Message::Binary(b) => {
                self.sink.note(&format!(
                    "ignored a binary frame of {} bytes (SocketCluster 9 sends JSON text)",
                    b.len()
                ));
                return Ok(());
            }
            Message::Close(_) | Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => {
                return Ok(())
            }
        };
        if self.opts.show_frames {
            self.emit(Event::Frame(FrameEvent {
                direction: Direction::In,
                text: wire::redact(&text),
            }))?;
        }
        match wire::decode(&text) {
            Incoming::Ping => {
                self.transmit(wire::PONG.to_string());
                Ok(())
            }
            Incoming::PingV2 => Err(refused(self.target, Refused::Version2).into()),
            Incoming::Foreign(what) => {
                self.sink.note(&format!(
                    "ignored a frame that is not SocketCluster: {what}"
                ));
                Ok(())
            }
            Incoming::Items(items) => {
                for item in items {
                    self.on_item(item)?;
                }
                Ok(())
            }
        }
    }

    fn on_item(&mut self, item: Item) -> anyhow::Result<()> {
        match item {
            Item::Response { rid, data, error } => {
                // Not ours (timed out already, or a stray answer): nothing to match it to.
                let Some(ack_id) = self.calls.remove(&rid) else {
                    return Ok(());
                };
                let Some(p) = self.pending.remove(&ack_id) else {
                    return Ok(());
                };
                let success = error.is_none();
                if success {
                    self.summary.succeeded += 1;
                    if let Request::Subscribe(c) = &p.req {
                        let mut g = groups(&self.channels);
                        g.joined.insert(c.to_string());
                    }
                } else {
                    self.summary.failed += 1;
                }
                self.emit(Event::Reply(ReplyEvent {
                    ack_id,
                    command: p.req.label(),
                    success,
                    data: data.filter(|d| !d.is_null()),
                    error,
                }))
            }
            Item::Publish { channel, data } => self.emit(Event::Push(PushEvent {
                from: PushSource::Channel,
                channel: Some(channel),
                event: None,
                data_type: DataType::Json,
                data,
            })),
            Item::Event { event, data, cid } => {
                if cid.is_some() {
                    self.sink.note(&format!(
                        "the server's event {} expects an answer, which this client does not give",
                        sanitize_line(&event)
                    ));
                }
                self.emit(Event::Push(PushEvent {
                    from: PushSource::Server,
                    channel: None,
                    event: Some(event),
                    data_type: DataType::Json,
                    data,
                }))
            }
            Item::Disconnect { code, reason } => {
                let words = match (code, reason) {
                    (Some(c), Some(r)) => format!("{c}: {r}"),
                    (Some(c), None) => c.to_string(),
                    (None, Some(r)) => r,
                    (None, None) => String::new(),
                };
                self.goodbye = Some(words.clone());
                let mut ev = SystemEvent::new(SystemKind::Disconnected);
                ev.message = Some(words);
                self.emit(Event::System(ev))
            }
            Item::SetAuthToken { token, cid } => {
                if self.auth_token.is_none() {
                    self.sink.note(
                        "the server set an auth token: it is kept in memory for reconnections, never shown",
                    );
                }
                self.auth_token = Some(token);
                if let Some(cid) = cid {
                    self.transmit(wire::response(cid));
                }
                Ok(())
            }
            Item::RemoveAuthToken { cid } => {
                self.auth_token = None;
                if let Some(cid) = cid {
                    self.transmit(wire::response(cid));
                }
                Ok(())
            }
            Item::KickOut { channel, message } => {
                {
                    let mut g = groups(&self.channels);
                    g.joined.remove(&channel);
                }
                let why = message.map(|m| match m {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                });
                self.sink.note(&format!(
                    "the server unsubscribed this socket from {}{}",
                    sanitize_line(&channel),
                    why.map(|w| format!(": {}", sanitize_line(&w)))
                        .unwrap_or_default()
                ));
                Ok(())
            }
            Item::Unknown(what) => {
                self.sink.note(&format!("ignored {what}"));
                Ok(())
            }
        }
    }

    // ----- losing and regaining the connection -----------------------------------------------

    /// The socket ended: with a close frame (`code`) or without one. As socketcluster-client
    /// does, codes 1000 and 4500 and above end the session; anything else is reconnected.
    fn lost(&mut self, code: Option<u16>, reason: &str) -> anyhow::Result<()> {
        if let Some(link) = self.link.take() {
            link.abort();
        }
        let goodbye = self.goodbye.take();
        let reason = match goodbye {
            Some(g) if reason.is_empty() => g,
            _ => reason.to_string(),
        };
        let what = closed_words(code, &reason);
        if let Some(c) = code.filter(|c| *c == 1000 || *c >= 4500) {
            return Err(Error::new(
                Exit::Rejected,
                format!("the connection to {} was {what}", self.target.display),
            )
            .with_hint(format!(
                "the server ended the session on purpose (close code {c}); SocketCluster clients do not reconnect after 1000 or 4500 and above"
            ))
            .into());
        }
        // Calls sent on the lost socket: subscriptions go out again; an emit or a publish may or
        // may not have run, so it fails rather than risk running twice.
        self.calls.clear();
        let sent: Vec<u64> = self
            .pending
            .iter()
            .filter(|(_, p)| p.cid.is_some())
            .map(|(id, _)| *id)
            .collect();
        for ack_id in sent {
            let Some(p) = self.pending.get_mut(&ack_id) else {
                continue;
            };
            if p.req.idempotent() {
                p.cid = None;
                p.deadline = None;
                continue;
            }
            if let Some(p) = self.pending.remove(&ack_id) {
                self.summary.failed += 1;
                self.emit(Event::Reply(ReplyEvent {
                    ack_id,
                    command: p.req.label(),
                    success: false,
                    data: None,
                    error: Some(AckError::new(
                        "ConnectionLost",
                        "the connection was lost before the answer; it may or may not have run"
                            .to_string(),
                    )),
                }))?;
            }
        }
        self.down = Some(Outage::new(what));
        Ok(())
    }

    async fn reconnect(&mut self) -> anyhow::Result<()> {
        let Some(down) = self.down.as_mut() else {
            return Ok(());
        };
        if down.since.elapsed() > self.opts.reconnect_timeout {
            let hint = UNREACHABLE.to_string();
            return Err(down.gave_up(self.opts.reconnect_timeout, hint).into());
        }
        let ev = down.attempt();
        self.emit(Event::System(ev))?;
        self.sink.flush()?;
        let conn = match connect(&self.target.url(), self.auth_token.as_deref()).await {
            Ok(c) => c,
            Err(r) if r.transient() => {
                if let Some(down) = self.down.as_mut() {
                    down.retry_in(r.short(), RETRY_EVERY);
                }
                return Ok(());
            }
            Err(r) => return Err(refused(self.target, r).into()),
        };
        let Some(down) = self.down.take() else {
            return Ok(());
        };
        self.handshake_frames = conn.frames;
        self.show_handshake()?;
        if conn.token_removed {
            self.auth_token = None;
        }
        if let Some(why) = &conn.auth_error {
            self.sink.note(&format!(
                "the server did not accept the auth token it had set ({}); connected without it",
                sanitize_line(why)
            ));
        }
        self.link = Some(Link::new(conn.ws));
        let previous = std::mem::replace(&mut self.socket_id, conn.id);
        self.ping_timeout = conn.ping_timeout;
        self.last_rx = Instant::now();
        self.next_cid = 2;

        // Subscribe again to every channel (those with a subscribe of their own pending are
        // subscribed by it).
        let waiting: Vec<String> = self
            .pending
            .values()
            .filter_map(|p| match &p.req {
                Request::Subscribe(c) => Some(c.to_string()),
                _ => None,
            })
            .collect();
        let resubscribe: Vec<String> = {
            let g = groups(&self.channels);
            g.joined
                .iter()
                .filter(|c| !waiting.contains(c))
                .cloned()
                .collect()
        };
        let mut message = format!("{}; messages published meanwhile were missed", down.reason);
        if !resubscribe.is_empty() {
            message.push_str(&format!("; resubscribing {}", resubscribe.join(", ")));
        }
        let mut ev = SystemEvent::new(SystemKind::Reconnected);
        ev.connection_id = Some(self.socket_id.clone());
        ev.previous_connection_id = Some(previous);
        ev.message = Some(message);
        self.emit(Event::System(ev))?;

        // The subscriptions first, so that what waited for the connection (sent next, in order)
        // finds them: a publish typed meanwhile comes back on a channel subscribed again.
        let queued: Vec<u64> = self
            .pending
            .iter()
            .filter(|(_, p)| p.cid.is_none())
            .map(|(id, _)| *id)
            .collect();
        for channel in resubscribe {
            if let Ok(c) = wire::Channel::parse(&channel) {
                self.on_request(Request::Subscribe(c))?;
            }
        }
        for ack_id in queued {
            self.send_pending(ack_id);
        }
        Ok(())
    }

    /// Says goodbye as socketcluster-client does (`#disconnect`, then a close frame) and waits
    /// briefly for the server's close.
    async fn close(&mut self) {
        if self.link.is_some() {
            self.transmit(wire::disconnect());
        }
        if let Some(link) = self.link.take() {
            link.close().await;
        }
    }
}
