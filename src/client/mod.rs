//! `webpubsub client start`: a Web PubSub client on a terminal (a REPL) or in a pipe (a
//! scripting tool).
//!
//! * `command` parses a line (`joingroup g1`, `sendtogroup g1 hi --json`, …), for both front ends;
//! * `session` owns the WebSocket: acks, sequence acks, recovery and reconnection;
//! * `repl` is the terminal front end (rustyline on its own thread, output through its
//!   external printer), `pipe` the other one (stdin lines in, JSON lines out);
//! * `render` turns session events into JSON lines or readable text;
//! * `socketcluster` is `--protocol socketcluster`: the same front ends for SocketCluster 9
//!   servers, with a session of its own (its JSON lines are in its module docs).
//!
//! # Piped output
//!
//! Without a terminal on both stdin and stdout, every event is one JSON object on one line of
//! stdout (diagnostics go to stderr):
//!
//! ```text
//! {"type":"system","event":"connected","connectionId":"…","userId":"alice","protocol":"json.reliable.webpubsub.azure.v1"}
//! {"type":"ack","ackId":1,"command":"joingroup g1","success":true}
//! {"type":"ack","ackId":2,"command":"sendtogroup g1","success":false,"error":{"name":"Forbidden","message":"…"}}
//! {"type":"ack","ackId":3,"command":"sendtogroup g1","success":true,"duplicate":true}
//! {"type":"message","from":"group","group":"g1","fromUserId":"bob","dataType":"text","data":"hi","sequenceId":3}
//! {"type":"message","from":"server","dataType":"json","data":{"a":1}}
//! {"type":"message","dataType":"binary","data":"AQID"}                       (raw protocol)
//! {"type":"system","event":"recovered","connectionId":"…"}
//! {"type":"system","event":"reconnected","connectionId":"…","previousConnectionId":"…","message":"…"}
//! {"type":"system","event":"disconnected","message":"…"}
//! ```
//!
//! The lines are the same on every subprotocol: on `protobuf` and `protobuf.reliable` the binary
//! frames are decoded into the same events (`--show-frames` shows each as the JSON frame it stands
//! for), protobuf data is `"dataType":"protobuf"` with the serialized `google.protobuf.Any` in
//! base64, and there is no `fromUserId` (the protobuf messages have no such field).
//!
//! With `--protocol socketcluster` the same envelope carries a SocketCluster 9 server's events
//! (the full list is in the `socketcluster` module):
//!
//! ```text
//! {"type":"system","event":"connected","connectionId":"<socket id>","protocol":"socketcluster"}
//! {"type":"ack","ackId":1,"command":"emit registerUser","success":true,"data":{"urn":"…"}}
//! {"type":"message","from":"channel","channel":"urn:…","dataType":"json","data":{"text":"hi","to":"urn:…"}}
//! ```
//!
//! ackIds count 1, 2, 3, … in input order (rejoins after a reconnection take the next ones).
//! `error.name` is the service's (`Forbidden`, `BadRequest`, …) or the client's own: `Timeout`
//! (no ack within `--ack-timeout`) and `ConnectionLost` (the connection was replaced before
//! the ack, so the command may or may not have run).

mod command;
mod link;
mod mqtt;
mod pipe;
mod render;
mod repl;
mod session;
mod socketcluster;

use std::io::IsTerminal;
use std::time::Duration;

use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::header::SEC_WEBSOCKET_PROTOCOL;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use url::Url;

use crate::connstr::ConnectionString;
use crate::error::{Error, Exit};
use crate::output::sanitize_line;
use crate::token::{self, ClientTokenOptions};
use crate::wire::ops::ClientType;
use crate::wire::{self, GroupName, HubName, UserId};

pub(crate) type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long one WebSocket handshake may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// The subprotocol a client speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `json.reliable.webpubsub.azure.v1`: sequence ids, acks and recovery.
    JsonReliable,
    /// `json.webpubsub.azure.v1`.
    Json,
    /// `protobuf.reliable.webpubsub.azure.v1`: the reliable protocol in protobuf frames.
    ProtobufReliable,
    /// `protobuf.webpubsub.azure.v1`.
    Protobuf,
    /// No subprotocol: a simple WebSocket client.
    Raw,
    /// MQTT 5.0 over WebSocket (subprotocol `mqtt`) at the MQTT endpoint.
    Mqtt5,
    /// MQTT 3.1.1 over WebSocket.
    Mqtt311,
    /// Not Web PubSub: a SocketCluster 9 server (`--url ws://host/socketcluster/`).
    SocketCluster,
}

/// A connection ready for a front end.
pub(crate) enum Connection {
    /// A Web PubSub socket (any subprotocol, MQTT included).
    WebPubSub(Ws),
    /// A SocketCluster socket past its `#handshake`.
    SocketCluster(socketcluster::Connected),
}

impl Connection {
    /// Runs the session of the connection's protocol (both front ends do) until it ends.
    async fn run(
        self,
        target: &Target,
        opts: session::Options,
        sink: &mut dyn session::Sink,
        groups: session::SharedGroups,
        input: tokio::sync::mpsc::Receiver<command::Command>,
    ) -> anyhow::Result<session::Summary> {
        match self {
            Connection::WebPubSub(ws) if target.protocol.is_mqtt() => {
                mqtt::Session::new(target, ws, opts, sink, groups)
                    .run(input)
                    .await
            }
            Connection::WebPubSub(ws) => {
                session::Session::new(target, ws, opts, sink, groups)
                    .run(input)
                    .await
            }
            Connection::SocketCluster(c) => {
                socketcluster::Session::new(target, c, opts, sink, groups)
                    .run(input)
                    .await
            }
        }
    }
}

/// The target of `--protocol socketcluster --url URL`.
pub fn socketcluster_target(url: &str) -> Result<Target, Error> {
    socketcluster::target(url)
}

impl Protocol {
    /// The subprotocol offered in the handshake; none for a simple client.
    pub fn subprotocol(self) -> Option<&'static str> {
        match self {
            Protocol::JsonReliable => Some(wire::JSON_RELIABLE_PROTOCOL),
            Protocol::Json => Some(wire::JSON_PROTOCOL),
            Protocol::ProtobufReliable => Some(wire::PROTOBUF_RELIABLE_PROTOCOL),
            Protocol::Protobuf => Some(wire::PROTOBUF_PROTOCOL),
            Protocol::Mqtt5 | Protocol::Mqtt311 => Some(wire::mqtt::SUBPROTOCOL),
            Protocol::Raw | Protocol::SocketCluster => None,
        }
    }

    /// Sequence ids and recovery.
    pub fn is_reliable(self) -> bool {
        matches!(self, Protocol::JsonReliable | Protocol::ProtobufReliable)
    }

    /// Frames are protobuf (binary) rather than JSON (text).
    pub fn is_protobuf(self) -> bool {
        matches!(self, Protocol::ProtobufReliable | Protocol::Protobuf)
    }

    /// The kind of client: MQTT clients have their own endpoint and token audience.
    pub fn client_type(self) -> ClientType {
        if self.is_mqtt() {
            ClientType::Mqtt
        } else {
            ClientType::Default
        }
    }

    pub fn is_mqtt(self) -> bool {
        matches!(self, Protocol::Mqtt5 | Protocol::Mqtt311)
    }
}

/// How a session behaves, besides where it connects.
#[derive(Debug, Clone, Copy, Default)]
pub struct StartOptions {
    /// Piped mode: keep receiving after the end of input.
    pub keep_open: bool,
    /// Piped mode: how long to wait for outstanding acks at the end of input.
    pub ack_timeout: Duration,
    /// How long to keep trying to recover (then as long again to reconnect).
    pub reconnect_timeout: Duration,
    /// Report every protocol frame sent and received.
    pub show_frames: bool,
}

/// `webpubsub client start`: a REPL on a terminal, a JSON-lines pipe otherwise.
pub fn start(target: Target, start: StartOptions) -> anyhow::Result<Exit> {
    let opts = session::Options {
        keep_open: start.keep_open,
        ack_timeout: start.ack_timeout,
        reconnect_timeout: start.reconnect_timeout,
        handle_signals: true,
        show_frames: start.show_frames,
    };
    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    // A pipe's session and its socket writer hand every frame to each other: on one thread
    // that is a queue operation, across worker threads a wake-up (a futex and a context
    // switch) per hand-over, which was most of a piped burst's time. The REPL is left on the
    // multi-threaded runtime it was written for.
    let rt = if interactive {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    }
    .enable_all()
    .build()?;
    let ws = match target.protocol {
        Protocol::SocketCluster => Connection::SocketCluster(
            rt.block_on(socketcluster::connect(&target.url(), None))
                .map_err(|e| socketcluster::refused(&target, e))?,
        ),
        _ => Connection::WebPubSub(
            rt.block_on(open(&target.url(), target.protocol))
                .map_err(|e| target.connect_error(e))?,
        ),
    };
    let result = if interactive {
        repl::run(
            &rt,
            &target,
            ws,
            session::Options {
                handle_signals: false,
                ..opts
            },
        )
    } else {
        pipe::run(&rt, &target, ws, opts)
    };
    // Do not wait for tasks still blocked on a terminal or a socket.
    rt.shutdown_background();
    result
}

/// Where to connect, and what the user should see about it.
pub struct Target {
    source: Source,
    pub protocol: Protocol,
    pub hub: Option<String>,
    pub user: Option<String>,
    /// Groups the token joins on connect (the service joins them again on a new connection).
    pub token_groups: Vec<String>,
    /// The endpoint without the token, for messages.
    pub display: String,
    /// Is the endpoint this machine (the emulator)? For hints.
    local: bool,
}

enum Source {
    /// A token minted locally for every new connection, so a reconnection never uses an
    /// expired one.
    Minted {
        conn: ConnectionString,
        hub: HubName,
        opts: ClientTokenOptions,
    },
    /// `--url`: used as given.
    Fixed(Url),
    /// A client URL from elsewhere (the service's `:generateToken` with Entra ID, or a reverse
    /// proxy), kept until shortly before its token expires, then fetched anew.
    Generated {
        fetch: FetchUrl,
        cached: std::sync::Mutex<(Url, std::time::Instant)>,
        lifetime: Duration,
    },
}

/// Gets a new client URL (blocking; called when a connection is made).
pub type FetchUrl = std::sync::Arc<dyn Fn() -> Result<Url, Error> + Send + Sync>;

/// A generated URL is fetched anew when less than this is left of its token's life.
const REFETCH_BEFORE: Duration = Duration::from_secs(120);

/// The roles a client gets when none are asked for: the two `az webpubsub client start` grants.
pub fn default_roles(roles: Vec<String>) -> Vec<String> {
    if roles.is_empty() {
        vec![
            wire::ROLE_JOIN_LEAVE.to_string(),
            wire::ROLE_SEND.to_string(),
        ]
    } else {
        roles
    }
}

impl Target {
    /// A target whose token is minted locally for every connection (default roles: the two
    /// `az webpubsub client start` grants).
    pub fn minted(
        conn: ConnectionString,
        hub: HubName,
        user: Option<UserId>,
        roles: Vec<String>,
        groups: Vec<GroupName>,
        expires_in: Duration,
        protocol: Protocol,
    ) -> Target {
        let roles = default_roles(roles);
        let groups: Vec<String> = groups.iter().map(ToString::to_string).collect();
        let opts = ClientTokenOptions {
            user_id: user.as_ref().map(ToString::to_string),
            roles,
            groups: groups.clone(),
            expires_in_secs: expires_in.as_secs(),
        };
        let url = conn.client_url_for(protocol.client_type(), &hub);
        Target {
            protocol,
            hub: Some(hub.to_string()),
            user: user.map(String::from),
            token_groups: groups,
            display: url.to_string(),
            local: is_local(&url),
            source: Source::Minted { conn, hub, opts },
        }
    }

    /// A target whose URL `fetch` gets (the first one now, so its errors are the command's),
    /// then again once its token (valid for `expires_in`) is about to expire. `display` is the
    /// client URL without a token.
    pub fn generated(
        fetch: FetchUrl,
        display: Url,
        hub: HubName,
        user: Option<UserId>,
        groups: Vec<GroupName>,
        expires_in: Duration,
        protocol: Protocol,
    ) -> Result<Target, Error> {
        let first = fetch()?;
        Ok(Target {
            protocol,
            hub: Some(hub.to_string()),
            user: user.map(String::from),
            token_groups: groups.iter().map(ToString::to_string).collect(),
            local: is_local(&display),
            display: display.to_string(),
            source: Source::Generated {
                fetch,
                cached: std::sync::Mutex::new((first, std::time::Instant::now() + expires_in)),
                lifetime: expires_in,
            },
        })
    }

    /// A target given as a client URL (`--url`), its token used as it is.
    pub fn from_url(input: &str, protocol: Protocol) -> Result<Target, Error> {
        let hint =
            "expected a client URL such as ws://localhost:8080/client/hubs/chat?access_token=… \
                    (webpubsub service token --print-url prints one)";
        let url = ws_url(input, hint)?;
        let hub = url
            .path()
            .split_once("/client/hubs/")
            .or_else(|| url.path().split_once("/clients/mqtt/hubs/"))
            .map(|(_, h)| h.trim_end_matches('/').to_string())
            .or_else(|| {
                url.query_pairs()
                    .find(|(k, _)| k == "hub")
                    .map(|(_, v)| v.into_owned())
            });
        let claims = url
            .query_pairs()
            .find(|(k, _)| k == "access_token")
            .and_then(|(_, t)| token::decode_unverified(&t).ok())
            .map(|(_, claims)| claims);
        let user = claims.as_ref().and_then(|c| c.sub()).map(str::to_string);
        let token_groups = claims.as_ref().map(|c| c.groups()).unwrap_or_default();
        let mut display = url.clone();
        display.set_query(None);
        Ok(Target {
            protocol,
            hub,
            user,
            token_groups,
            display: display.to_string(),
            local: is_local(&url),
            source: Source::Fixed(url),
        })
    }

    /// The URL of a new connection (with a freshly minted token).
    pub(crate) fn url(&self) -> Url {
        match &self.source {
            Source::Fixed(url) => url.clone(),
            Source::Generated {
                fetch,
                cached,
                lifetime,
            } => {
                let mut cached = cached.lock().unwrap_or_else(|e| e.into_inner());
                let now = std::time::Instant::now();
                if cached.1.saturating_duration_since(now) < REFETCH_BEFORE {
                    match fetch() {
                        Ok(url) => *cached = (url, now + *lifetime),
                        // The old URL fails its handshake, which reports the failure.
                        Err(e) => eprintln!("webpubsub: warning: cannot get a new client URL: {e}"),
                    }
                }
                cached.0.clone()
            }
            Source::Minted { conn, hub, opts } => {
                let kind = self.protocol.client_type();
                let jwt = token::mint_client_token(
                    conn.access_key(),
                    &conn.client_audience_for(kind, hub),
                    opts,
                    token::now_secs(),
                );
                let mut url = conn.client_url_for(kind, hub);
                url.query_pairs_mut().append_pair("access_token", &jwt);
                url
            }
        }
    }

    /// The URL that recovers a reliable connection.
    pub(crate) fn recovery_url(&self, connection_id: &str, reconnection_token: &str) -> Url {
        let mut url = self.url();
        url.query_pairs_mut()
            .append_pair(wire::RECOVERY_CONNECTION_ID, connection_id)
            .append_pair(wire::RECOVERY_TOKEN, reconnection_token);
        url
    }

    pub(crate) fn protocol_name(&self) -> &'static str {
        match self.protocol {
            Protocol::SocketCluster => "socketcluster",
            Protocol::Mqtt5 => "mqtt 5.0",
            Protocol::Mqtt311 => "mqtt 3.1.1",
            protocol => protocol.subprotocol().unwrap_or("raw"),
        }
    }

    pub(crate) fn unreachable_hint(&self) -> String {
        if self.local {
            "is the emulator running? Start it with `webpubsub emulator start`".to_string()
        } else {
            "check the endpoint and your network connection".to_string()
        }
    }

    /// A failed handshake, as the one-line error the user sees.
    pub(crate) fn connect_error(&self, e: ConnectError) -> Error {
        let at = &self.display;
        match e {
            ConnectError::Rejected { status, body } => {
                let detail = if body.is_empty() {
                    String::new()
                } else {
                    format!(": {body}")
                };
                let message = format!("{at} rejected the connection with HTTP {status}{detail}");
                let fixed = matches!(self.source, Source::Fixed(_));
                let generated = matches!(self.source, Source::Generated { .. });
                match status {
                    401 | 403 if fixed => Error::new(Exit::Auth, message).with_hint(
                        "the URL's token may have expired or be for another hub: get a new one (webpubsub service token --print-url)",
                    ),
                    401 | 403 if generated => Error::new(Exit::Auth, message).with_hint(
                        "the service refused the token it generated: check the endpoint (and --reverse-proxy)",
                    ),
                    401 | 403 => Error::new(Exit::Auth, message)
                        .with_hint("check the access key in the connection string (webpubsub token decode shows a token's claims)"),
                    404 => Error::new(Exit::Rejected, message)
                        .with_hint("check the endpoint: client URLs look like ws(s)://HOST/client/hubs/HUB"),
                    _ => Error::new(crate::error::exit_for_status(status), message),
                }
            }
            ConnectError::Unreachable(why) => {
                Error::new(Exit::Unreachable, format!("cannot connect to {at}: {why}"))
                    .with_hint(self.unreachable_hint())
            }
            ConnectError::NotTls => Error::new(
                Exit::Unreachable,
                format!("cannot connect to {at}: the server did not answer TLS"),
            )
            .with_hint("it seems to speak plain HTTP: use ws:// (http:// in a connection string)"),
            ConnectError::Timeout => Error::new(
                Exit::Timeout,
                format!("no answer from {at} within {} s", CONNECT_TIMEOUT.as_secs()),
            )
            .with_hint(self.unreachable_hint()),
            ConnectError::Protocol(why) => {
                Error::new(Exit::Rejected, format!("cannot connect to {at}: {why}"))
            }
        }
    }
}

/// `--url` as a WebSocket URL: http(s) is taken for ws(s), any other scheme is refused with
/// `hint`.
fn ws_url(input: &str, hint: &str) -> Result<Url, Error> {
    let mut url = Url::parse(input.trim())
        .map_err(|e| Error::usage(format!("--url is not a URL: {e}")).with_hint(hint))?;
    let scheme = match url.scheme() {
        "ws" | "http" => "ws",
        "wss" | "https" => "wss",
        other => {
            return Err(Error::usage(format!(
                "--url has scheme '{}': expected ws, wss, http or https",
                sanitize_line(other)
            ))
            .with_hint(hint))
        }
    };
    if url.scheme() != scheme {
        // http(s) → ws(s): a change between special schemes, which `url` allows.
        let _ = url.set_scheme(scheme);
    }
    Ok(url)
}

fn is_local(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A failed connection, with a server that answers plain HTTP to a TLS hello told apart: rustls
/// reports it as "InvalidContentType", which says nothing to someone who typed `wss://`.
fn transport_error(e: String) -> ConnectError {
    if e.contains("InvalidContentType") {
        ConnectError::NotTls
    } else {
        ConnectError::Unreachable(e)
    }
}

/// Why a WebSocket handshake failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ConnectError {
    #[error("HTTP {status}")]
    Rejected { status: u16, body: String },
    #[error("{0}")]
    Unreachable(String),
    #[error("timed out")]
    Timeout,
    #[error("the server did not answer TLS")]
    NotTls,
    #[error("{0}")]
    Protocol(String),
}

/// Opens a client WebSocket, offering the subprotocol of `protocol`.
pub(crate) async fn open(url: &Url, protocol: Protocol) -> Result<Ws, ConnectError> {
    use tokio_tungstenite::tungstenite::Error as WsError;
    let mut request = url
        .as_str()
        .into_client_request()
        .map_err(|e| ConnectError::Protocol(e.to_string()))?;
    if let Some(p) = protocol.subprotocol() {
        request
            .headers_mut()
            .insert(SEC_WEBSOCKET_PROTOCOL, HeaderValue::from_static(p));
    }
    // Without TCP_NODELAY, Nagle's algorithm holds a request back until the previous one is
    // ACKed (40 ms with a delayed ACK). A small read buffer: tungstenite zero-fills its free
    // capacity before every read, which at the 128 KiB default costs more than the read.
    let config = tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default()
        .read_buffer_size(16 * 1024);
    let connect = tokio_tungstenite::connect_async_with_config(request, Some(config), true);
    match tokio::time::timeout(CONNECT_TIMEOUT, connect).await {
        Err(_) => Err(ConnectError::Timeout),
        // tungstenite refuses a response that selects no subprotocol or another one, so a
        // known subprotocol is never silently spoken as a simple client.
        Ok(Ok((ws, _response))) => Ok(ws),
        Ok(Err(WsError::Http(response))) => {
            let body = response
                .body()
                .as_deref()
                .map(|b| String::from_utf8_lossy(b).trim().to_string())
                .unwrap_or_default();
            let mut body = sanitize_line(&body);
            if body.chars().count() > 300 {
                body = body.chars().take(300).collect::<String>() + "…";
            }
            Err(ConnectError::Rejected {
                status: response.status().as_u16(),
                body,
            })
        }
        Ok(Err(WsError::Io(e))) => Err(transport_error(e.to_string())),
        Ok(Err(WsError::Tls(e))) => Err(transport_error(format!("TLS: {e}"))),
        Ok(Err(WsError::Protocol(e))) => Err(ConnectError::Protocol(format!(
            "WebSocket handshake failed: {e}"
        ))),
        Ok(Err(e)) => Err(ConnectError::Protocol(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minted_target_uses_az_roles_and_fresh_tokens() {
        let conn: ConnectionString = "Endpoint=http://localhost:8080;AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;Version=1.0;"
            .parse()
            .unwrap();
        let t = Target::minted(
            conn,
            HubName::parse("chat").unwrap(),
            Some(UserId::parse("alice").unwrap()),
            Vec::new(),
            vec![GroupName::parse("g1").unwrap()],
            Duration::from_secs(3600),
            Protocol::JsonReliable,
        );
        assert_eq!(t.display, "ws://localhost:8080/client/hubs/chat");
        assert_eq!(t.token_groups, vec!["g1".to_string()]);
        let url = t.url();
        let jwt = url
            .query_pairs()
            .find(|(k, _)| k == "access_token")
            .unwrap()
            .1
            .into_owned();
        let (_, claims) = token::decode_unverified(&jwt).unwrap();
        assert_eq!(claims.sub(), Some("alice"));
        assert_eq!(
            claims.roles(),
            vec![
                wire::ROLE_JOIN_LEAVE.to_string(),
                wire::ROLE_SEND.to_string()
            ]
        );
        let rec = t.recovery_url("c 1", "t&k");
        let pairs: Vec<_> = rec
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        assert!(pairs.contains(&("awps_connection_id".into(), "c 1".into())));
        assert!(pairs.contains(&("awps_reconnection_token".into(), "t&k".into())));
    }

    #[test]
    fn generated_urls_are_kept_until_their_token_nears_expiry() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let make = |expires_in: Duration| {
            let calls = std::sync::Arc::new(AtomicUsize::new(0));
            let counter = calls.clone();
            let fetch: FetchUrl = std::sync::Arc::new(move || {
                let n = counter.fetch_add(1, Ordering::SeqCst);
                Ok(Url::parse(&format!("wss://h/client/hubs/chat?access_token=t{n}")).unwrap())
            });
            let t = Target::generated(
                fetch,
                Url::parse("wss://h/client/hubs/chat").unwrap(),
                HubName::parse("chat").unwrap(),
                None,
                Vec::new(),
                expires_in,
                Protocol::Json,
            )
            .unwrap();
            (t, calls)
        };
        let (t, calls) = make(Duration::from_secs(3600));
        assert_eq!(t.url().as_str(), "wss://h/client/hubs/chat?access_token=t0");
        assert_eq!(t.url().as_str(), "wss://h/client/hubs/chat?access_token=t0");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        assert_eq!(t.display, "wss://h/client/hubs/chat");
        let (t, calls) = make(Duration::from_secs(60));
        assert_eq!(t.url().as_str(), "wss://h/client/hubs/chat?access_token=t1");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        let failing: FetchUrl = std::sync::Arc::new(|| Err(Error::usage("no")));
        assert!(Target::generated(
            failing,
            Url::parse("ws://localhost/client/hubs/chat").unwrap(),
            HubName::parse("chat").unwrap(),
            None,
            Vec::new(),
            Duration::from_secs(60),
            Protocol::Json,
        )
        .is_err());
    }

    #[test]
    fn url_target_reads_hub_and_user_from_the_url() {
        let opts = ClientTokenOptions {
            user_id: Some("bob".into()),
            groups: vec!["room".into()],
            ..Default::default()
        };
        let jwt = token::mint_client_token(
            "k".repeat(40).as_str(),
            "http://h/client/hubs/chat",
            &opts,
            token::now_secs(),
        );
        let t = Target::from_url(
            &format!("https://h.example/client/hubs/chat?access_token={jwt}"),
            Protocol::Json,
        )
        .unwrap();
        assert_eq!(t.hub.as_deref(), Some("chat"));
        assert_eq!(t.user.as_deref(), Some("bob"));
        assert_eq!(t.token_groups, vec!["room".to_string()]);
        assert_eq!(t.url().scheme(), "wss");
        assert_eq!(t.display, "wss://h.example/client/hubs/chat");
        assert!(!t.local);
        assert!(Target::from_url("ftp://x/y", Protocol::Json).is_err());
        assert!(Target::from_url("not a url", Protocol::Json).is_err());
    }
}
