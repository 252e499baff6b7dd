//! `webpubsub emulator start`: a local Azure Web PubSub service.
//!
//! `rest` serves the REST data plane, `ws` the client WebSocket endpoint, `state` holds hubs,
//! connections and groups. Everything is in memory. `server` accepts connections and enforces
//! their deadlines, `guard` checks every request's `Host` and `Origin`, `body` reads bodies.
//!
//! The emulator also plays the resource's Azure side: `arm` its control plane (the resource,
//! `keys`, hub settings kept in `hub_settings`), `entra` a token issuer and verifier for ARM
//! and the data plane.

pub mod arm;
mod audience;
pub(crate) mod body;
pub mod entra;
mod group_send;
pub(crate) mod guard;
pub(crate) mod hub_settings;
pub(crate) mod keys;
mod mqtt;
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
use axum::routing::{get, post};
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
    /// The resource ARM serves: subscription, resource group and name.
    pub resource: arm::ResourceId,
    /// `--secondary-key`; a random key when `None`.
    pub secondary_key: Option<String>,
    /// `--disable-local-auth`: tokens signed with the access keys are refused.
    pub disable_local_auth: bool,
    /// `--identity-header`: the secret of the managed-identity endpoint; random when `None`.
    pub identity_header: Option<String>,
    /// `--entra-identity`: identities whose roles are not the default (all of them).
    pub entra_identities: Vec<entra::IdentitySpec>,
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
            resource: arm::ResourceId::default(),
            secondary_key: None,
            disable_local_auth: false,
            identity_header: None,
            entra_identities: Vec::new(),
        }
    }
}

/// The shared state of a running emulator.
pub struct Emulator {
    /// Primary, secondary and internal keys (they may rotate).
    pub keys: Arc<keys::Keys>,
    pub hubs: Hubs,
    pub limits: Arc<Limits>,
    /// Where events go; empty when no `--event-handler` was given.
    pub upstream: upstream::Upstream,
    /// The request log of `--trace`, if one was asked for.
    pub trace: Option<trace::Trace>,
    /// The host names and port this emulator answers to (`Host`; token audiences).
    pub authority: guard::Authority,
    /// The host of the connection string and of ARM's `hostName`.
    pub public_host: String,
    /// The resource ARM serves.
    pub resource: arm::ResourceId,
    /// The Entra ID token issuer.
    pub entra: entra::Issuer,
    /// Hub settings set through ARM.
    pub hub_settings: hub_settings::HubSettings,
    /// MQTT sessions, which may outlive their WebSockets.
    pub mqtt_sessions: mqtt::Sessions,
}

impl Emulator {
    /// A connection string for `key`, as the one printed at start.
    pub fn connection_string_with(&self, key: &str) -> String {
        format!(
            "Endpoint=http://{}:{};AccessKey={key};Version=1.0;",
            self.public_host,
            self.authority.port()
        )
    }
}

/// A running emulator: its address, its connection string, and a way to stop it.
pub struct Running {
    pub addr: SocketAddr,
    pub connection_string: String,
    /// `IDENTITY_ENDPOINT` for the Azure SDKs' managed-identity credentials.
    pub identity_endpoint: String,
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
        let mut closing = Vec::new();
        for hub in self.emulator.hubs.all() {
            for conn in hub.all_conns() {
                // Those with a socket end through it (close frame, `disconnected` event).
                if conn.attached_epoch().0 {
                    closing.push(conn.clone());
                }
                conn.close(close_code::GOING_AWAY, "The service is shutting down.");
            }
        }
        // Give the connection tasks a moment to write their close frames and end their
        // connections, which queues their `disconnected` events; bounded, for a client that
        // does not answer its close frame.
        let deadline = tokio::time::Instant::now() + CLOSE_WAIT;
        tokio::time::sleep(Duration::from_millis(100)).await;
        while closing.iter().any(|c| !c.has_ended()) && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.server.close_connections();
        self.task.await?;
        // The `disconnected` events of the closed clients are queued: let them reach their
        // handlers, within a bound, then cancel what is left.
        self.emulator.upstream.shutdown(UPSTREAM_DRAIN).await;
        Ok(())
    }
}

/// How long the shutdown waits for its clients' connections to end.
const CLOSE_WAIT: Duration = Duration::from_secs(2);
/// How long the shutdown waits for upstream events still queued.
const UPSTREAM_DRAIN: Duration = Duration::from_secs(3);

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
    if let Some(key) = &opts.secondary_key {
        validate_access_key(key)
            .map_err(|e| crate::error::Error::usage(format!("invalid --secondary-key: {e}")))?;
    }
    if let Some(h) = &opts.identity_header {
        validate_identity_header(h)
            .map_err(|e| crate::error::Error::usage(format!("invalid --identity-header: {e}")))?;
    }
    // Every client is a file descriptor; the usual soft limit of 1,024 runs out fast.
    server::raise_open_file_limit();
    let listener =
        TcpListener::bind((opts.host.as_str(), opts.port))
            .await
            .map_err(|e| {
                // A port or address this machine will not give us is the command line's to fix.
                use std::io::ErrorKind as K;
                let at = format!("{}:{}", opts.host, opts.port);
                match e.kind() {
                    K::AddrInUse => crate::error::Error::usage(format!(
                        "cannot listen on {at}: the port is in use"
                    ))
                    .with_hint("is another emulator running? --port 0 picks a free port"),
                    K::PermissionDenied => crate::error::Error::usage(format!(
                        "cannot listen on {at}: permission denied"
                    ))
                    .with_hint("ports below 1024 need privileges: pick --port 8080, or --port 0"),
                    K::AddrNotAvailable => crate::error::Error::usage(format!(
                        "cannot listen on {at}: no such address on this machine"
                    ))
                    .with_hint("use --host 127.0.0.1 (or 0.0.0.0 for every interface)"),
                    _ => crate::error::Error::new(
                        crate::error::Exit::Internal,
                        format!("cannot listen on {at}: {e}"),
                    ),
                }
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
    let public_host = match addr.ip() {
        ip if ip.is_loopback() || ip.is_unspecified() => "localhost".to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let base = format!("http://localhost:{}", addr.port());
    let keys = Arc::new(keys::Keys::new(
        opts.access_key.clone(),
        opts.secondary_key,
        opts.disable_local_auth,
    ));
    let identity_header = opts.identity_header.unwrap_or_else(|| state::random_id(32));
    let emulator = Arc::new(Emulator {
        keys: keys.clone(),
        hubs: Hubs::default(),
        limits: Arc::new(opts.limits),
        upstream: upstream::Upstream::with_keys(opts.event_handlers, keys),
        trace,
        authority,
        public_host,
        resource: opts.resource,
        entra: entra::Issuer::new(&base, identity_header, &opts.entra_identities),
        hub_settings: hub_settings::HubSettings::default(),
        mqtt_sessions: mqtt::Sessions::default(),
    });
    // The outer router only rewrites what routing must see differently (ARM's case-insensitive
    // `/subscriptions`) before the inner one routes; the guard comes first of all.
    let app = Router::new()
        .fallback_service(router(emulator.clone()))
        .layer(axum::middleware::map_request(arm::canonical_prefix))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(policy),
            guard::check,
        ));
    let (server, task) = server::spawn(listener, app, opts.timeouts);
    let connection_string = emulator.connection_string_with(&opts.access_key);
    Ok(Running {
        addr,
        connection_string,
        identity_endpoint: format!("{base}/entra/msi/token"),
        emulator,
        server,
        task,
    })
}

/// `--identity-header`: what an HTTP header can carry, long enough not to be guessed at once.
pub fn validate_identity_header(value: &str) -> Result<(), String> {
    if !(8..=256).contains(&value.len()) {
        return Err(format!(
            "it is {} characters long; use 8 to 256",
            value.len()
        ));
    }
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("use printable ASCII characters without spaces".to_string());
    }
    Ok(())
}

fn router(emulator: Arc<Emulator>) -> Router {
    // The REST routes have literal `:send`-style segments: see `rest::router`.
    Router::new()
        .without_v07_checks()
        .route("/client/hubs/{hub}", get(ws::connect_hub_path))
        .route("/client", get(ws::connect_hub_query))
        .route("/clients/mqtt/hubs/{hub}", get(mqtt::connect))
        .route("/client/", get(ws::connect_hub_query))
        .route("/entra/msi/token", get(entra::msi_token))
        .route("/entra/token", post(entra::plain_token))
        .with_state(emulator.clone())
        .merge(arm::router(emulator.clone()))
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
    let signals = Signals::install();
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
    eprintln!("  MQTT:       ws://localhost:{port}/clients/mqtt/hubs/{{hub}}?access_token=… (subprotocol mqtt, 3.1.1 or 5.0)");
    eprintln!("  Health:     curl -I http://localhost:{port}/api/health");
    let emu = &running.emulator;
    let r = &emu.resource;
    eprintln!("  ARM:        {}", r.id());
    eprintln!(
        "              webpubsub … --arm-endpoint http://localhost:{port} -n {} -g {} --subscription {}",
        r.name, r.resource_group, r.subscription
    );
    if emu.keys.local_auth_disabled {
        eprintln!("  Local auth: disabled: access-key tokens are refused; use Entra ID");
    }
    eprintln!(
        "  Entra ID:   issuer {}; for managed identity (Azure SDKs, the CLI):",
        emu.entra.issuer()
    );
    eprintln!("export IDENTITY_ENDPOINT={}", running.identity_endpoint);
    eprintln!("export IDENTITY_HEADER={}", emu.entra.identity_header());
    eprintln!("Press Ctrl-C to stop.");
    signals.wait().await;
    // Stop accepting before saying so: nothing new may arrive while the clients are closed.
    running.stop_accepting().await;
    let (hubs, conns) = describe(&running.emulator);
    eprintln!("Stopping ({hubs} hubs, {conns} connections)…");
    running.stop().await
}

/// Ctrl-C and SIGTERM, listened for from before the connection string is printed: a signal
/// sent as soon as a script has read that line must stop the emulator gracefully, not kill it
/// with the default action.
struct Signals {
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Signals {
                term: signal(SignalKind::terminate()).ok(),
                interrupt: signal(SignalKind::interrupt()).ok(),
            }
        }
        #[cfg(not(unix))]
        {
            Signals {}
        }
    }

    async fn wait(self) {
        #[cfg(unix)]
        {
            let Signals {
                mut term,
                mut interrupt,
            } = self;
            async fn recv(s: &mut Option<tokio::signal::unix::Signal>) {
                match s {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending().await,
                }
            }
            if term.is_none() && interrupt.is_none() {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
            tokio::select! {
                () = recv(&mut term) => {}
                () = recv(&mut interrupt) => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
