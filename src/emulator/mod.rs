//! `webpubsub emulator start`: a local Azure Web PubSub service.
//!
//! `rest` serves the REST data plane, `ws` the client WebSocket endpoint, `state` holds hubs,
//! connections and groups. Everything is in memory. `server` accepts connections and enforces
//! their deadlines, `guard` checks every request's `Host` and `Origin`, `body` reads bodies.

mod audience;
pub(crate) mod body;
pub(crate) mod guard;
mod rest;
mod server;
pub(crate) mod state;
pub(crate) mod trace;
pub(crate) mod upstream;
mod ws;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;

use crate::wire::close_code;
pub use server::Timeouts;
use state::Hubs;
pub use state::Limits;

pub use crate::connstr::{
    EMULATOR_ACCESS_KEY as DEFAULT_ACCESS_KEY, EMULATOR_PORT as DEFAULT_PORT,
};

/// How to run the emulator.
#[derive(Debug, Clone)]
pub struct Options {
    pub host: String,
    pub port: u16,
    pub access_key: String,
    pub limits: Limits,
    /// Upstream event handlers (CloudEvents webhooks), first match wins.
    pub event_handlers: Vec<upstream::HandlerConfig>,
    /// `--trace`: where to append the request log (`-` for stderr); `None` for no log.
    pub trace: Option<String>,
    /// `--allowed-host`: names besides localhost, `*.localhost` and IP addresses that clients may
    /// use in `Host` (`*.name` for subdomains).
    pub allowed_hosts: Vec<String>,
    /// `--allowed-origin`: browser origins besides local pages (`*` for any).
    pub allowed_origins: Vec<String>,
    /// Header, idle and body deadlines of every connection.
    pub timeouts: Timeouts,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            host: "127.0.0.1".to_string(),
            port: DEFAULT_PORT,
            access_key: DEFAULT_ACCESS_KEY.to_string(),
            limits: Limits::default(),
            event_handlers: Vec::new(),
            trace: None,
            allowed_hosts: Vec::new(),
            allowed_origins: Vec::new(),
            timeouts: Timeouts::default(),
        }
    }
}

/// The shared state of a running emulator.
pub struct Emulator {
    pub access_key: String,
    pub hubs: Hubs,
    pub limits: Arc<Limits>,
    /// Where events go; empty when no `--event-handler` was given.
    pub upstream: upstream::Upstream,
    /// The request log of `--trace`, if one was asked for.
    pub trace: Option<trace::Trace>,
    /// The host names and port this emulator answers to (`Host`; token audiences).
    pub authority: guard::Authority,
}

/// A running emulator: its address, its connection string, and a way to stop it.
pub struct Running {
    pub addr: SocketAddr,
    pub connection_string: String,
    emulator: Arc<Emulator>,
    server: server::Handle,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Closes the listening socket and refuses WebSocket upgrades on connections already open,
    /// so no client can arrive while the others are being closed.
    pub async fn stop_accepting(&self) {
        self.server.stop_accepting().await;
    }

    /// Stops accepting, closes every client with 1001 (going away), answers the requests in
    /// progress and stops serving.
    pub async fn stop(self) -> anyhow::Result<()> {
        self.server.stop_accepting().await;
        for hub in self.emulator.hubs.all() {
            for conn in hub.all_conns() {
                conn.close(close_code::GOING_AWAY, "The service is shutting down.");
            }
        }
        // Give the connection tasks a moment to write their close frames.
        tokio::time::sleep(Duration::from_millis(100)).await;
        self.server.close_connections();
        self.task.await?;
        Ok(())
    }
}

/// Checks an access key the way Microsoft's emulator does.
pub fn validate_access_key(key: &str) -> Result<(), String> {
    if key.len() < 32 {
        return Err(format!(
            "the access key is {} bytes long; use at least 32 (letters and digits are fine)",
            key.len()
        ));
    }
    if key.trim() != key {
        return Err("the access key starts or ends with whitespace; remove it".to_string());
    }
    if key.contains(';') || key.chars().any(char::is_control) {
        return Err(
            "the access key contains ';' or a control character, which a connection string cannot carry"
                .to_string(),
        );
    }
    Ok(())
}

/// Binds and starts serving in the background.
pub async fn start(opts: Options) -> anyhow::Result<Running> {
    validate_access_key(&opts.access_key)
        .map_err(|e| crate::error::Error::usage(format!("invalid --access-key: {e}")))?;
    // Every client is a file descriptor; the usual soft limit of 1,024 runs out fast.
    server::raise_open_file_limit();
    let listener = TcpListener::bind((opts.host.as_str(), opts.port))
        .await
        .with_context(|| {
            format!(
                "cannot listen on {}:{} (is another emulator running? try --port 0 for a free port)",
                opts.host, opts.port
            )
        })?;
    let addr = listener.local_addr()?;
    let authority = guard::Authority::new(addr.port(), &opts.allowed_hosts)
        .map_err(|e| crate::error::Error::usage(format!("invalid --allowed-host: {e}")))?;
    let policy = guard::Policy::new(authority.clone(), &opts.allowed_origins)
        .map_err(|e| crate::error::Error::usage(format!("invalid --allowed-origin: {e}")))?;
    let trace = match &opts.trace {
        None => None,
        Some(dest) => Some(
            trace::Trace::open(dest)
                .with_context(|| format!("cannot open the --trace file {dest}"))?,
        ),
    };
    let emulator = Arc::new(Emulator {
        access_key: opts.access_key.clone(),
        hubs: Hubs::default(),
        limits: Arc::new(opts.limits),
        upstream: upstream::Upstream::new(opts.event_handlers, opts.access_key.clone()),
        trace,
        authority,
    });
    let app = router(emulator.clone()).layer(axum::middleware::from_fn_with_state(
        Arc::new(policy),
        guard::check,
    ));
    let (server, task) = server::spawn(listener, app, opts.timeouts);
    let host = match addr.ip() {
        ip if ip.is_loopback() || ip.is_unspecified() => "localhost".to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let connection_string = format!(
        "Endpoint=http://{host}:{};AccessKey={};Version=1.0;",
        addr.port(),
        opts.access_key
    );
    Ok(Running {
        addr,
        connection_string,
        emulator,
        server,
        task,
    })
}

fn router(emulator: Arc<Emulator>) -> Router {
    // The REST routes have literal `:send`-style segments: see `rest::router`.
    Router::new()
        .without_v07_checks()
        .route("/client/hubs/{hub}", get(ws::connect_hub_path))
        .route("/client", get(ws::connect_hub_query))
        .route("/client/", get(ws::connect_hub_query))
        .with_state(emulator.clone())
        .merge(rest::router(emulator))
}

/// Counts of what the emulator holds, for its status line.
pub fn describe(emulator: &Emulator) -> (usize, usize) {
    let hubs = emulator.hubs.all();
    let conns = hubs.iter().map(|h| h.all_conns().len()).sum();
    (hubs.len(), conns)
}

/// `webpubsub emulator start`: serve until Ctrl-C or SIGTERM.
pub async fn run(opts: Options) -> anyhow::Result<()> {
    let public_key = opts.access_key == DEFAULT_ACCESS_KEY;
    let running = start(opts).await?;
    // The connection string is the one line of data: first on stdout, so scripts and tests can
    // read it; the rest is for people and goes to stderr.
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", running.connection_string)?;
        out.flush()?;
    }
    let port = running.addr.port();
    eprintln!(
        "Azure Web PubSub emulator listening on http://{}",
        running.addr
    );
    if public_key && !running.addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {} (reachable from other machines) with the public default \
             access key: anyone who can reach this port can sign tokens and send, read and drop \
             messages. Set a private key with --access-key or WEBPUBSUB_EMULATOR_ACCESS_KEY.",
            running.addr
        );
    }
    eprintln!("  REST API:   http://localhost:{port}/api/hubs/{{hub}}/…");
    eprintln!("  Clients:    ws://localhost:{port}/client/hubs/{{hub}}?access_token=…");
    eprintln!("  Health:     curl -I http://localhost:{port}/api/health");
    eprintln!("Press Ctrl-C to stop.");
    wait_for_signal().await;
    // Stop accepting before saying so: nothing new may arrive while the clients are closed.
    running.stop_accepting().await;
    let (hubs, conns) = describe(&running.emulator);
    eprintln!("Stopping ({hubs} hubs, {conns} connections)…");
    running.stop().await
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
