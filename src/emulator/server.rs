//! The emulator's HTTP/1 server: our own accept loop around hyper's connection, instead of
//! `axum::serve`, which has no deadlines (a socket that sends a header byte now and then stays
//! open for ever) and keeps accepting until its last moment.
//!
//! Every connection is watched by its task: a request head must be complete within the header
//! timeout (counted from the accept, or from the first byte of a later request), a kept-alive
//! connection may sit idle between requests for the idle timeout, and a request body must have
//! arrived within the body timeout of its head (its reader then gets [`DeadlinePassed`]).
//! WebSockets are handed over by hyper's upgrade and are no longer watched here.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use axum::response::IntoResponse;
use axum::{BoxError, Router};
use bytes::Bytes;
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch, Notify};
use tokio::task::JoinHandle;
use tokio::time::{Instant, Sleep};
use tower_service::Service as _;

use super::body::DeadlinePassed;

/// Deadlines for every connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// From the accept (or the first byte of a later request) to the end of the request head.
    pub header: Duration,
    /// Between requests on a kept-alive connection.
    pub idle: Duration,
    /// From the end of a request head to the end of its body.
    pub body: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            header: Duration::from_secs(10),
            idle: Duration::from_secs(60),
            body: Duration::from_secs(30),
        }
    }
}

/// How long stopping waits for requests in progress.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// Pause after an accept error that is not one connection's own (EMFILE and the like): the
/// listening socket stays readable, so retrying at once would spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);
/// A failing accept is logged at most this often.
const ACCEPT_LOG_EVERY: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Serving,
    /// The listening socket is closed; WebSocket upgrades are refused.
    Draining,
    /// Connections close once their request in progress is answered.
    Closing,
}

/// Controls a running server.
pub struct Handle {
    stage: watch::Sender<Stage>,
    listening: watch::Receiver<bool>,
}

impl Handle {
    /// Closes the listening socket, so the OS refuses new connections, and makes connections
    /// already open refuse WebSocket upgrades (503). Returns once the socket is closed.
    pub async fn stop_accepting(&self) {
        self.stage.send_if_modified(|s| {
            let first = *s == Stage::Serving;
            if first {
                *s = Stage::Draining;
            }
            first
        });
        let mut listening = self.listening.clone();
        let _ = listening.wait_for(|l| !*l).await;
    }

    /// Closes idle connections now and the others once their request is answered; the server
    /// task ends when all are closed, or after a grace period.
    pub fn close_connections(&self) {
        self.stage.send_replace(Stage::Closing);
    }
}

/// Serves `app` on `listener` in a new task.
pub fn spawn(listener: TcpListener, app: Router, timeouts: Timeouts) -> (Handle, JoinHandle<()>) {
    let (stage_tx, stage_rx) = watch::channel(Stage::Serving);
    let (listening_tx, listening_rx) = watch::channel(true);
    let task = tokio::spawn(accept_loop(listener, app, timeouts, stage_rx, listening_tx));
    let handle = Handle {
        stage: stage_tx,
        listening: listening_rx,
    };
    (handle, task)
}

async fn accept_loop(
    listener: TcpListener,
    app: Router,
    timeouts: Timeouts,
    mut stage: watch::Receiver<Stage>,
    listening: watch::Sender<bool>,
) {
    // Each connection task holds a sender; `recv` returns `None` once they have all ended.
    let (alive, mut all_closed) = mpsc::channel::<()>(1);
    let mut failing = false;
    let mut last_log: Option<Instant> = None;
    loop {
        let accepted = tokio::select! {
            _ = stage.wait_for(|s| *s != Stage::Serving) => break,
            r = listener.accept() => r,
        };
        match accepted {
            Ok((stream, _)) => {
                failing = false;
                // Frames and answers are small and latency-bound: never hold one back waiting
                // for the peer's ACK of the previous (Nagle's algorithm).
                let _ = stream.set_nodelay(true);
                tokio::spawn(connection(
                    stream,
                    app.clone(),
                    timeouts,
                    stage.clone(),
                    alive.clone(),
                ));
            }
            // The peer gave up before we accepted: nothing to do.
            Err(e) if is_connection_error(&e) => {}
            Err(e) => {
                // One line per episode, and not more than once a minute.
                if !failing && last_log.is_none_or(|t| t.elapsed() >= ACCEPT_LOG_EVERY) {
                    eprintln!(
                        "webpubsub emulator: cannot accept new connections: {e}{}; serving the open \
                         ones and retrying (this message repeats at most once a minute)",
                        limit_hint(&e)
                    );
                    last_log = Some(Instant::now());
                }
                failing = true;
                tokio::select! {
                    _ = stage.wait_for(|s| *s != Stage::Serving) => break,
                    _ = tokio::time::sleep(ACCEPT_BACKOFF) => {}
                }
            }
        }
    }
    drop(listener);
    listening.send_replace(false);
    drop(alive);
    let _ = stage.wait_for(|s| *s == Stage::Closing).await;
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, all_closed.recv()).await;
}

fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::Interrupted
    )
}

/// For "too many open files": what the limit is and how to raise it.
fn limit_hint(e: &io::Error) -> String {
    #[cfg(unix)]
    {
        use nix::libc::{EMFILE, ENFILE};
        use nix::sys::resource::{getrlimit, Resource};
        match e.raw_os_error() {
            Some(EMFILE) => {
                if let Ok((soft, _)) = getrlimit(Resource::RLIMIT_NOFILE) {
                    return format!(
                        " (the limit is {soft} open files: raise it with `ulimit -n`, or close idle connections)"
                    );
                }
            }
            Some(ENFILE) => return " (the whole system is out of file descriptors)".into(),
            _ => {}
        }
    }
    let _ = e;
    String::new()
}

/// Raises the soft limit on open files to the hard one: every connection is a descriptor, and
/// the usual soft default of 1,024 is soon used up by idle sockets. Best effort.
#[cfg(unix)]
pub fn raise_open_file_limit() {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE) else {
        return;
    };
    if soft >= hard || setrlimit(Resource::RLIMIT_NOFILE, hard, hard).is_ok() {
        return;
    }
    // macOS refuses more than OPEN_MAX (10,240) when the hard limit is "unlimited".
    let capped = hard.min(10_240);
    if capped > soft {
        let _ = setrlimit(Resource::RLIMIT_NOFILE, capped, hard);
    }
}

#[cfg(not(unix))]
pub fn raise_open_file_limit() {}

/// One connection: hyper serves it, this task enforces the deadlines and shutdown.
async fn connection(
    stream: TcpStream,
    app: Router,
    timeouts: Timeouts,
    mut stage: watch::Receiver<Stage>,
    _alive: mpsc::Sender<()>,
) {
    let clock = Arc::new(Clock::new());
    let io = TokioIo::new(Watched {
        inner: stream,
        clock: clock.clone(),
    });
    let service = {
        let clock = clock.clone();
        let stage = stage.clone();
        service_fn(move |req| {
            handle(
                req,
                app.clone(),
                clock.clone(),
                stage.clone(),
                timeouts.body,
            )
        })
    };
    let conn = http1::Builder::new()
        // hyper's own header timer restarts whenever the connection goes idle, so it would also
        // cut idle keep-alive connections at the header timeout; the clock does both instead.
        .header_read_timeout(None)
        .serve_connection(io, service)
        .with_upgrades();
    tokio::pin!(conn);
    let mut closing = false;
    loop {
        let deadline = clock.deadline(&timeouts);
        tokio::select! {
            // Done, failed, or upgraded (the WebSocket now lives in its own task).
            _ = conn.as_mut() => return,
            _ = clock.changed.notified() => {}
            _ = sleep_until(deadline) => {
                if clock.deadline(&timeouts).is_some_and(|d| d <= Instant::now()) {
                    return; // dropping the connection closes the socket
                }
            }
            _ = stage.wait_for(|s| *s == Stage::Closing), if !closing => {
                closing = true;
                if clock.awaiting() {
                    return;
                }
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}

async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(d) => tokio::time::sleep_until(d).await,
        None => std::future::pending().await,
    }
}

async fn handle(
    req: Request<Incoming>,
    mut app: Router,
    clock: Arc<Clock>,
    stage: watch::Receiver<Stage>,
    body_timeout: Duration,
) -> Result<Response<Body>, Infallible> {
    clock.begin_request();
    let response =
        if *stage.borrow() != Stage::Serving && req.headers().contains_key(header::UPGRADE) {
            shutting_down()
        } else {
            let deadline = Instant::now() + body_timeout;
            let req = req.map(|body| Body::new(Deadline::new(body, deadline)));
            match app.call(req).await {
                Ok(r) => r,
                Err(never) => match never {},
            }
        };
    clock.end_request(response.status() == StatusCode::SWITCHING_PROTOCOLS);
    Ok(response)
}

fn shutting_down() -> Response<Body> {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CONNECTION, "close"),
        ],
        "The emulator is shutting down; it accepts no new connections.",
    )
        .into_response()
}

/// Where a connection is in its life, for the deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// No byte of the next request yet.
    Awaiting,
    /// Part of a request head has arrived.
    Head,
    /// A request is being handled (its body has its own deadline).
    Busy,
    /// Switched to WebSocket: no deadlines here any more.
    Upgraded,
}

#[derive(Debug)]
struct ClockState {
    phase: Phase,
    since: Instant,
    /// Whether a request was answered already (then `Awaiting` is keep-alive idling).
    served: bool,
}

/// The phase of one connection, shared by its socket wrapper, its requests and its task.
struct Clock {
    state: Mutex<ClockState>,
    /// Wakes the connection task when the deadline may have moved (one waiter: it keeps a
    /// permit if the task is busy elsewhere).
    changed: Notify,
}

impl Clock {
    fn new() -> Self {
        Clock {
            state: Mutex::new(ClockState {
                phase: Phase::Awaiting,
                since: Instant::now(),
                served: false,
            }),
            changed: Notify::new(),
        }
    }

    fn update(&self, f: impl FnOnce(&mut ClockState) -> bool) {
        let changed = f(&mut self.state.lock().unwrap_or_else(PoisonError::into_inner));
        if changed {
            self.changed.notify_one();
        }
    }

    fn deadline(&self, t: &Timeouts) -> Option<Instant> {
        let s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        match s.phase {
            Phase::Awaiting if s.served => Some(s.since + t.idle),
            // A new connection's head is timed from the accept.
            Phase::Awaiting | Phase::Head => Some(s.since + t.header),
            Phase::Busy | Phase::Upgraded => None,
        }
    }

    fn awaiting(&self) -> bool {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .phase
            == Phase::Awaiting
    }

    /// Bytes arrived from the client.
    fn on_read(&self) {
        self.update(|s| {
            if s.phase != Phase::Awaiting {
                return false;
            }
            s.phase = Phase::Head;
            if s.served {
                s.since = Instant::now();
            }
            true
        });
    }

    fn begin_request(&self) {
        self.update(|s| {
            s.phase = Phase::Busy;
            true
        });
    }

    fn end_request(&self, upgraded: bool) {
        self.update(|s| {
            s.phase = if upgraded {
                Phase::Upgraded
            } else {
                Phase::Awaiting
            };
            s.since = Instant::now();
            s.served = true;
            true
        });
    }
}

/// The socket, telling the clock when bytes arrive.
struct Watched {
    inner: TcpStream,
    clock: Arc<Clock>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.clock.on_read();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// A request body that fails with [`DeadlinePassed`] once its deadline has passed, however
/// steadily it trickles in.
struct Deadline {
    inner: Incoming,
    deadline: Instant,
    /// Made on the first wait only: most bodies are empty or already buffered.
    sleep: Option<Pin<Box<Sleep>>>,
}

impl Deadline {
    fn new(inner: Incoming, deadline: Instant) -> Self {
        Deadline {
            inner,
            deadline,
            sleep: None,
        }
    }
}

impl http_body::Body for Deadline {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if Instant::now() >= this.deadline {
            return Poll::Ready(Some(Err(Box::new(DeadlinePassed))));
        }
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => Poll::Ready(frame.map(|r| r.map_err(BoxError::from))),
            Poll::Pending => {
                let deadline = this.deadline;
                let sleep = this
                    .sleep
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
                match sleep.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(DeadlinePassed)))),
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
