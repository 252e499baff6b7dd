//! The socket plumbing the client sessions share: a writer task per socket (so that a burst of
//! commands never stops a session from reading; services disconnect clients that stop reading),
//! reading frames and telling a lost socket from a frame, the reconnection bookkeeping, Ctrl-C,
//! and the goodbye.

use std::time::Duration;

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::{self, Message};

use super::render::{SystemEvent, SystemKind};
use super::Ws;

/// One socket: frames are queued to its writer task and read from `rx`.
pub(super) struct Link {
    pub(super) tx: mpsc::UnboundedSender<Message>,
    pub(super) rx: SplitStream<Ws>,
    pub(super) writer: JoinHandle<()>,
}

impl Link {
    pub(super) fn new(ws: Ws) -> Link {
        let (sink, rx) = ws.split();
        let (tx, queue) = mpsc::unbounded_channel();
        let writer = tokio::spawn(write_frames(sink, queue));
        Link { tx, rx, writer }
    }

    pub(super) fn send(&self, msg: Message) {
        // If the writer is gone the socket is broken; the reader sees that and recovers.
        let _ = self.tx.send(msg);
    }

    pub(super) fn abort(self) {
        self.writer.abort();
    }

    /// Ends the socket with a close frame (after what is queued) and waits briefly for the
    /// other side's close.
    pub(super) async fn close(self) {
        let Link { tx, mut rx, writer } = self;
        drop(tx);
        let _ = tokio::time::timeout(Duration::from_secs(2), async {
            while let Some(Ok(msg)) = rx.next().await {
                if msg.is_close() {
                    break;
                }
            }
        })
        .await;
        let _ = tokio::time::timeout(Duration::from_secs(1), writer).await;
    }
}

/// Writes queued frames, flushing when the queue runs dry; a close frame when the queue closes.
async fn write_frames(
    mut sink: SplitSink<Ws, Message>,
    mut queue: mpsc::UnboundedReceiver<Message>,
) {
    while let Some(msg) = queue.recv().await {
        if sink.feed(msg).await.is_err() {
            return;
        }
        while let Ok(msg) = queue.try_recv() {
            if sink.feed(msg).await.is_err() {
                return;
            }
        }
        if sink.flush().await.is_err() {
            return;
        }
    }
    let _ = sink.close().await;
}

/// What the socket read gave: a frame, or why the socket is gone.
pub(super) type Read = Option<Result<Message, tungstenite::Error>>;

/// The socket ended: its close code (none without a close frame) and reason.
pub(super) struct Loss {
    pub(super) code: Option<u16>,
    pub(super) reason: String,
}

/// A frame that is not the end of the socket, or the [`Loss`] it reports.
pub(super) fn frame_or_loss(read: Read) -> Result<Message, Loss> {
    match read {
        Some(Ok(Message::Close(close))) => Err(close_loss(close)),
        Some(Ok(msg)) => Ok(msg),
        Some(Err(e)) => Err(Loss {
            code: None,
            reason: short_io_error(&e),
        }),
        None => Err(Loss {
            code: None,
            reason: "the connection ended".to_string(),
        }),
    }
}

/// The code and reason of a close frame (none when it had no payload).
pub(super) fn close_loss(close: Option<CloseFrame>) -> Loss {
    match close {
        Some(c) => Loss {
            code: Some(u16::from(c.code)),
            reason: c.reason.to_string(),
        },
        None => Loss {
            code: None,
            reason: String::new(),
        },
    }
}

/// The next frame from the socket; never, while there is none.
pub(super) async fn next_frame(link: &mut Option<Link>) -> Read {
    match link {
        Some(link) => link.rx.next().await,
        None => std::future::pending().await,
    }
}

/// Far enough ahead to stand for "never" in a `select!` whose branch is disabled.
pub(super) fn never() -> Instant {
    Instant::now() + Duration::from_secs(100 * 365 * 86_400)
}

/// A lost connection being got back: since when, the next attempt, and what to say about it.
pub(super) struct Outage {
    pub(super) since: Instant,
    pub(super) retry_at: Instant,
    /// Why the connection was lost, for the one line the user sees.
    pub(super) reason: String,
    pub(super) last_error: String,
    /// Attempts made so far to get the connection back.
    pub(super) attempts: u32,
}

impl Outage {
    /// An outage starting now, its first attempt at once; `what` is what became of the socket.
    pub(super) fn new(what: String) -> Outage {
        let now = Instant::now();
        Outage {
            since: now,
            retry_at: now,
            reason: format!("connection {what}"),
            last_error: what,
            attempts: 0,
        }
    }

    /// Counts an attempt and returns its `reconnecting` event.
    pub(super) fn attempt(&mut self) -> SystemEvent {
        self.attempts += 1;
        let mut ev = SystemEvent::new(SystemKind::Reconnecting);
        ev.attempt = Some(self.attempts);
        ev.message = Some(if self.attempts == 1 {
            self.reason.clone()
        } else {
            format!("{}; last try: {}", self.reason, self.last_error)
        });
        ev
    }

    /// The error that ends the session once reconnecting has failed for `timeout`.
    pub(super) fn gave_up(&self, timeout: Duration, hint: String) -> crate::error::Error {
        crate::error::Error::new(
            crate::error::Exit::Unreachable,
            format!(
                "{}, and reconnecting failed for {} s: {}",
                self.reason,
                timeout.as_secs(),
                self.last_error
            ),
        )
        .with_hint(hint)
    }

    /// The attempt failed with `error`: try again after `delay`.
    pub(super) fn retry_in(&mut self, error: String, delay: Duration) {
        self.last_error = error;
        self.retry_at = Instant::now() + delay;
    }
}

/// Ctrl-C or SIGTERM. Never completes if the handlers cannot be installed.
pub(super) async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                r = tokio::signal::ctrl_c() => if r.is_err() { std::future::pending::<()>().await },
                _ = term.recv() => {}
            }
            return;
        }
    }
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// A socket error in a few words ("Connection reset by peer (os error 104)" → as is; protocol
/// errors from tungstenite are already short).
pub(super) fn short_io_error(e: &tungstenite::Error) -> String {
    match e {
        tungstenite::Error::Io(io) => io.to_string(),
        tungstenite::Error::Protocol(p) => p.to_string(),
        other => other.to_string(),
    }
}

/// What became of a socket, in words, for the user: `closed` says who closed it ("closed by
/// the service"), `code` is the close frame's code, if there was one; `reason` is sanitised.
pub(super) fn loss_words(code: Option<u16>, reason: &str, closed: &str) -> String {
    let reason = crate::output::sanitize_line(reason);
    match (code, reason.is_empty()) {
        (Some(c), false) => format!("{closed} ({c}: {reason})"),
        (Some(c), true) => format!("{closed} ({c})"),
        (None, false) => format!("lost ({reason})"),
        (None, true) => "lost".to_string(),
    }
}
