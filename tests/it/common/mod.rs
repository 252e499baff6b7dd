//! Shared harness for the integration tests.
//!
//! * [`Emulator`] starts the real `webpubsub emulator start --port 0` binary, reads the connection
//!   string from the first stdout line and kills the process on drop.
//! * Token helpers mint JWTs with `jsonwebtoken` (independently of the crate's own token code) and
//!   hand-craft malformed ones.
//! * [`Emulator::rest`] signs a REST call with `aud` = the full request URL; [`Emulator::ws_open`]
//!   performs the WebSocket handshake by hand (so rejected handshakes expose their HTTP status and
//!   any subprotocol answer is visible), then hands the socket to tokio-tungstenite.
//! * [`Ws`] receives frames with a timeout, so a missing frame fails the test instead of hanging.
//!
//! The module is generic: CLI tests can use [`Emulator`] and [`bin`] as well.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use futures_util::{SinkExt, StreamExt};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::handshake::client::generate_key;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// Default access key of the emulator (and of Microsoft's emulator).
pub const DEFAULT_KEY: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
/// Newest stable REST API version.
pub const API: &str = "api-version=2024-12-01";
pub const JSON_V1: &str = "json.webpubsub.azure.v1";
pub const RELIABLE_V1: &str = "json.reliable.webpubsub.azure.v1";
/// How long a frame that must arrive may take.
pub const RECV_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a negative check ("no frame arrives") listens.
pub const QUIET: Duration = Duration::from_millis(300);
const START_TIMEOUT: Duration = Duration::from_secs(10);

/// Path of the binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_webpubsub")
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock before 1970")
        .as_secs() as i64
}

/// Appends `api-version=2024-12-01` to a path that may already have a query.
pub fn v(path: &str) -> String {
    if path.contains('?') {
        format!("{path}&{API}")
    } else {
        format!("{path}?{API}")
    }
}

/// Characters left alone by [`enc`]: RFC 3986 unreserved.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment or query value.
pub fn enc(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

/// An HS256 JWT signed with `key` (UTF-8 bytes), header `{"alg":"HS256","typ":"JWT"}`.
pub fn sign(claims: &Value, key: &str) -> String {
    sign_alg(Algorithm::HS256, claims, key)
}

/// A JWT signed by `jsonwebtoken` with the given HMAC algorithm.
pub fn sign_alg(alg: Algorithm, claims: &Value, key: &str) -> String {
    jsonwebtoken::encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(key.as_bytes()),
    )
    .expect("encode jwt")
}

/// base64url (no padding) of compact JSON.
pub fn b64_json(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).expect("json"))
}

/// A hand-crafted JWT: arbitrary header and payload, signed with HMAC-SHA256 over
/// `header.payload` using `key` (whatever `alg` the header claims).
pub fn craft_jwt(header: &Value, claims: &Value, key: &str) -> String {
    let input = format!("{}.{}", b64_json(header), b64_json(claims));
    let sig = jsonwebtoken::crypto::sign(
        input.as_bytes(),
        &EncodingKey::from_secret(key.as_bytes()),
        Algorithm::HS256,
    )
    .expect("hmac");
    format!("{input}.{sig}")
}

/// An unsigned token (`alg: none`, empty signature part).
pub fn unsigned_jwt(claims: &Value) -> String {
    format!(
        "{}.{}.",
        b64_json(&json!({"alg": "none", "typ": "JWT"})),
        b64_json(claims)
    )
}

/// Replaces the payload of a signed token, keeping header and signature.
pub fn tamper_payload(token: &str, claims: &Value) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "not a JWT: {token}");
    format!("{}.{}.{}", parts[0], b64_json(claims), parts[2])
}

/// Decodes a JWT's payload without verifying it.
pub fn jwt_payload(token: &str) -> Value {
    let part = token
        .split('.')
        .nth(1)
        .unwrap_or_else(|| panic!("not a JWT: {token}"));
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .unwrap_or_else(|e| panic!("payload of {token} is not base64url: {e}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("payload of {token} is not JSON: {e}"))
}

/// Standard base64 (what JSON clients get for binary data).
pub fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Merges the keys of `extra` (an object) into `base` (an object); `null` values remove keys.
pub fn merge(mut base: Value, extra: &Value) -> Value {
    if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
        for (k, val) in e {
            if val.is_null() {
                b.remove(k);
            } else {
                b.insert(k.clone(), val.clone());
            }
        }
    } else if !extra.is_null() {
        panic!("merge: expected objects, got {base} and {extra}");
    }
    base
}

// ---------------------------------------------------------------------------------------------
// Emulator process
// ---------------------------------------------------------------------------------------------

/// A running emulator process, killed (and reaped) on drop.
pub struct Emulator {
    child: Option<Child>,
    /// `http://localhost:<port>` as printed in the connection string.
    pub endpoint: String,
    pub key: String,
    pub port: u16,
    /// The exact first stdout line, without its line terminator.
    pub conn_str: String,
    stderr: Arc<Mutex<Vec<u8>>>,
    stdout_rest: Arc<Mutex<Vec<u8>>>,
    stdout_reader: Option<std::thread::JoinHandle<()>>,
    http: reqwest::Client,
}

impl Emulator {
    /// `webpubsub emulator start --port 0`.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// `webpubsub emulator start --port 0 <extra…>`.
    pub fn start_with(extra: &[&str]) -> Self {
        let mut child = Command::new(bin())
            .args(["emulator", "start", "--port", "0"])
            .args(extra)
            .env_remove("WEBPUBSUB_EMULATOR_ACCESS_KEY")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn webpubsub emulator");

        // Keep stderr for diagnostics (last 64 KiB), printed when a test panics.
        let stderr_buf = Arc::new(Mutex::new(Vec::new()));
        let mut stderr = child.stderr.take().expect("stderr piped");
        let sink = Arc::clone(&stderr_buf);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let mut b = sink.lock().expect("stderr lock");
                b.extend_from_slice(&chunk[..n]);
                if b.len() > 65536 {
                    let cut = b.len() - 65536;
                    b.drain(..cut);
                }
            }
        });

        // First stdout line = the connection string; keep draining afterwards.
        let stdout = child.stdout.take().expect("stdout piped");
        let (tx, rx) = mpsc::channel();
        let stdout_rest = Arc::new(Mutex::new(Vec::new()));
        let rest_sink = Arc::clone(&stdout_rest);
        let stdout_reader = std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let res = reader.read_line(&mut line).map(|_| line);
            let _ = tx.send(res);
            let mut chunk = [0u8; 4096];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let mut b = rest_sink.lock().expect("stdout lock");
                if b.len() < 65536 {
                    b.extend_from_slice(&chunk[..n]);
                }
            }
        });
        let line = match rx.recv_timeout(START_TIMEOUT) {
            Ok(Ok(line)) if !line.is_empty() => line,
            other => {
                let _ = child.kill();
                let _ = child.wait();
                std::thread::sleep(Duration::from_millis(100));
                let err = String::from_utf8_lossy(&stderr_buf.lock().expect("lock")).to_string();
                panic!(
                    "emulator did not print its connection string on stdout within {START_TIMEOUT:?} \
                     (got {other:?}); stderr:\n{err}"
                );
            }
        };
        let conn_str = line.trim_end_matches(['\r', '\n']).to_string();
        let (port, key) = parse_conn_str(&conn_str);
        let endpoint = format!("http://localhost:{port}");
        let http = reqwest::Client::builder()
            .no_proxy()
            .resolve("localhost", SocketAddr::from(([127, 0, 0, 1], port)))
            .timeout(Duration::from_secs(20))
            .build()
            .expect("reqwest client");
        Emulator {
            child: Some(child),
            endpoint,
            key,
            port,
            conn_str,
            stderr: stderr_buf,
            stdout_rest,
            stdout_reader: Some(stdout_reader),
            http,
        }
    }

    /// The emulator's stderr so far (last 64 KiB).
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().expect("lock")).to_string()
    }

    /// Everything the process wrote on stdout after the first line, once stdout is closed.
    /// Call after the process has exited.
    pub fn stdout_after_first_line(&mut self) -> String {
        if let Some(h) = self.stdout_reader.take() {
            h.join().expect("stdout reader thread");
        }
        String::from_utf8_lossy(&self.stdout_rest.lock().expect("lock")).to_string()
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// Sends a signal (`TERM`, `INT`, …) with `kill(1)` and waits up to `within` for the exit.
    /// Returns `None` when the process is still running.
    pub fn signal_and_wait(&mut self, sig: &str, within: Duration) -> Option<ExitStatus> {
        let pid = self.pid().to_string();
        let st = Command::new("kill")
            .args(["-s", sig, &pid])
            .status()
            .expect("run kill");
        assert!(st.success(), "kill -s {sig} {pid} failed");
        let child = self.child.as_mut().expect("running");
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = child.try_wait().expect("try_wait") {
                self.child = None;
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn socket_addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// `endpoint + path`.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{}", self.endpoint, path_and_query)
    }

    // ----- REST ----------------------------------------------------------------------------

    /// A REST token for `url` (its `aud`), valid for an hour.
    pub fn rest_token(&self, url: &str) -> String {
        sign(
            &json!({"aud": url, "iat": now(), "exp": now() + 3600}),
            &self.key,
        )
    }

    /// Closes a client connection through the REST API (`DELETE …/connections/{id}`) with
    /// `reason`, expecting 204.
    pub async fn close_connection(&self, hub: &str, id: &str, reason: &str) {
        let path = format!("/api/hubs/{hub}/connections/{id}?reason={}", enc(reason));
        self.rest("DELETE", &v(&path), None, Vec::new())
            .await
            .expect(204);
    }

    /// A signed REST call: `aud` = the full request URL (query included).
    pub async fn rest(
        &self,
        method: &str,
        path_and_query: &str,
        content_type: Option<&str>,
        body: impl Into<Vec<u8>>,
    ) -> Resp {
        self.rest_url(method, &self.url(path_and_query), content_type, body)
            .await
    }

    /// A signed REST call to an absolute URL (e.g. a `nextLink`).
    pub async fn rest_url(
        &self,
        method: &str,
        url: &str,
        content_type: Option<&str>,
        body: impl Into<Vec<u8>>,
    ) -> Resp {
        let parsed = url::Url::parse(url).unwrap_or_else(|e| panic!("bad url {url}: {e}"));
        let token = self.rest_token(parsed.as_str());
        self.send_raw(
            method,
            parsed.as_str(),
            Some(format!("Bearer {token}")),
            content_type,
            body.into(),
        )
        .await
    }

    /// A REST call with an explicit `Authorization` header value (or none).
    pub async fn rest_with_auth(
        &self,
        method: &str,
        path_and_query: &str,
        authorization: Option<String>,
        content_type: Option<&str>,
        body: impl Into<Vec<u8>>,
    ) -> Resp {
        self.send_raw(
            method,
            &self.url(path_and_query),
            authorization,
            content_type,
            body.into(),
        )
        .await
    }

    async fn send_raw(
        &self,
        method: &str,
        url: &str,
        authorization: Option<String>,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Resp {
        let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(m, url);
        if let Some(a) = authorization {
            req = req.header("Authorization", a);
        }
        if let Some(ct) = content_type {
            req = req.header("Content-Type", ct);
        }
        if !body.is_empty() || method == "POST" || method == "PUT" {
            req = req.body(body);
        }
        let resp = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {url} failed: {e}"));
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp
            .bytes()
            .await
            .unwrap_or_else(|e| panic!("{method} {url}: reading body: {e}"))
            .to_vec();
        Resp {
            what: format!("{method} {url}"),
            status,
            headers,
            body,
        }
    }

    /// Polls `HEAD path` until it answers `status` (up to 10 s); panics otherwise.
    pub async fn eventually_head(&self, path: &str, status: u16) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let r = self.rest("HEAD", path, None, Vec::new()).await;
            if r.status == status {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "HEAD {path}: still {} after 10 s, expected {status}",
                    r.status
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    // ----- client tokens and WebSocket ------------------------------------------------------

    /// `{endpoint}/client/hubs/{hub}`.
    pub fn client_aud(&self, hub: &str) -> String {
        format!("{}/client/hubs/{}", self.endpoint, hub)
    }

    /// Client claims `{aud, iat, exp}` for `hub`, merged with `extra` (`null` removes a claim).
    pub fn client_claims(&self, hub: &str, extra: &Value) -> Value {
        merge(
            json!({"aud": self.client_aud(hub), "iat": now(), "exp": now() + 3600}),
            extra,
        )
    }

    /// A client access token for `hub` with the given extra claims.
    pub fn client_token(&self, hub: &str, extra: &Value) -> String {
        sign(&self.client_claims(hub, extra), &self.key)
    }

    /// Raw WebSocket handshake to `path_and_query` (e.g. `/client/hubs/chat?access_token=…`).
    pub async fn ws_open(&self, path_and_query: &str, opts: &WsOpts) -> Result<Ws, Rejected> {
        let sock = TcpSocket::new_v4().expect("socket");
        if let Some(n) = opts.recv_buffer {
            sock.set_recv_buffer_size(n).expect("SO_RCVBUF");
        }
        let mut tcp =
            tokio::time::timeout(Duration::from_secs(10), sock.connect(self.socket_addr()))
                .await
                .expect("connect timed out")
                .expect("connect to emulator");
        let key = generate_key();
        let mut req = format!(
            "GET {path_and_query} HTTP/1.1\r\nHost: localhost:{}\r\nConnection: Upgrade\r\n\
             Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n",
            self.port
        );
        if !opts.protocols.is_empty() {
            req.push_str(&format!(
                "Sec-WebSocket-Protocol: {}\r\n",
                opts.protocols.join(", ")
            ));
        }
        for (k, val) in &opts.headers {
            req.push_str(&format!("{k}: {val}\r\n"));
        }
        req.push_str("\r\n");
        tcp.write_all(req.as_bytes())
            .await
            .expect("write handshake");

        let mut buf = Vec::new();
        let head_end = loop {
            if let Some(p) = find(&buf, b"\r\n\r\n") {
                break p;
            }
            let mut chunk = [0u8; 4096];
            let n = tokio::time::timeout(Duration::from_secs(10), tcp.read(&mut chunk))
                .await
                .unwrap_or_else(|_| panic!("no handshake response for {path_and_query}"))
                .unwrap_or_else(|e| panic!("handshake read for {path_and_query}: {e}"));
            assert!(
                n > 0,
                "connection closed during handshake for {path_and_query}: {:?}",
                String::from_utf8_lossy(&buf)
            );
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
        let rest = buf[head_end + 4..].to_vec();
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let status: u16 = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, val)| (k.trim().to_ascii_lowercase(), val.trim().to_string()))
            .collect();
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, val)| val.clone())
        };
        if status == 101 {
            assert_eq!(
                header("sec-websocket-accept").as_deref(),
                Some(derive_accept_key(key.as_bytes()).as_str()),
                "bad Sec-WebSocket-Accept in {head}"
            );
            let protocol = header("sec-websocket-protocol");
            let stream = WebSocketStream::from_partially_read(tcp, rest, Role::Client, None).await;
            return Ok(Ws {
                stream: Some(stream),
                pending: VecDeque::new(),
                protocol,
            });
        }
        // Rejected: collect the body (content-length, or until EOF / 1 s of silence).
        let mut body = rest;
        let want = header("content-length").and_then(|l| l.parse::<usize>().ok());
        loop {
            if want.is_some_and(|w| body.len() >= w) {
                break;
            }
            let mut chunk = [0u8; 4096];
            match tokio::time::timeout(Duration::from_secs(1), tcp.read(&mut chunk)).await {
                Ok(Ok(n)) if n > 0 => body.extend_from_slice(&chunk[..n]),
                _ => break,
            }
        }
        Err(Rejected {
            status,
            headers,
            body: String::from_utf8_lossy(&body).to_string(),
        })
    }

    /// Connects to `/client/hubs/{hub}?access_token=…` with the given extra claims and
    /// subprotocol; panics when the handshake is rejected.
    pub async fn ws_connect(&self, hub: &str, extra: &Value, protocol: Option<&str>) -> Ws {
        let token = self.client_token(hub, extra);
        let path = format!("/client/hubs/{hub}?access_token={}", enc(&token));
        let opts = WsOpts {
            protocols: protocol.map(|p| vec![p.to_string()]).unwrap_or_default(),
            ..WsOpts::default()
        };
        match self.ws_open(&path, &opts).await {
            Ok(ws) => ws,
            Err(r) => panic!("handshake to {path} rejected: {r:?}"),
        }
    }

    /// A simple WebSocket client (no subprotocol).
    pub async fn connect_simple(&self, hub: &str, extra: &Value) -> Ws {
        let ws = self.ws_connect(hub, extra, None).await;
        assert_eq!(ws.protocol, None, "simple client got a subprotocol");
        ws
    }

    /// A simple client with user `user` (merged into `extra` as `sub`); returns once the emulator
    /// reports the user as existing, so REST calls made afterwards reach it.
    pub async fn connect_simple_user(&self, hub: &str, user: &str, extra: &Value) -> Ws {
        let ws = self
            .connect_simple(hub, &merge(json!({"sub": user}), extra))
            .await;
        self.eventually_head(&v(&format!("/api/hubs/{hub}/users/{}", enc(user))), 200)
            .await;
        ws
    }

    /// A `json.webpubsub.azure.v1` client; reads and checks the `connected` frame.
    pub async fn connect_json(&self, hub: &str, extra: &Value) -> Client {
        self.connect_proto(hub, extra, JSON_V1).await
    }

    /// A `json.reliable.webpubsub.azure.v1` client; reads and checks the `connected` frame.
    pub async fn connect_reliable(&self, hub: &str, extra: &Value) -> Client {
        self.connect_proto(hub, extra, RELIABLE_V1).await
    }

    pub async fn connect_proto(&self, hub: &str, extra: &Value, protocol: &str) -> Client {
        let mut ws = self.ws_connect(hub, extra, Some(protocol)).await;
        assert_eq!(
            ws.protocol.as_deref(),
            Some(protocol),
            "handshake did not select {protocol}"
        );
        let connected = ws.recv_json().await;
        Client::from_connected(ws, connected)
    }

    /// A reliable-protocol recovery handshake.
    pub async fn recover(
        &self,
        hub: &str,
        connection_id: &str,
        reconnection_token: &str,
        access_token: Option<&str>,
    ) -> Result<Ws, Rejected> {
        let mut path = format!(
            "/client/hubs/{hub}?awps_connection_id={}&awps_reconnection_token={}",
            enc(connection_id),
            enc(reconnection_token)
        );
        if let Some(t) = access_token {
            path.push_str(&format!("&access_token={}", enc(t)));
        }
        let opts = WsOpts {
            protocols: vec![RELIABLE_V1.to_string()],
            ..WsOpts::default()
        };
        self.ws_open(&path, &opts).await
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if std::thread::panicking() {
            eprintln!(
                "---- emulator stderr (last 64 KiB) ----\n{}\n---- end ----",
                self.stderr()
            );
        }
    }
}

fn parse_conn_str(line: &str) -> (u16, String) {
    let rest = line
        .strip_prefix("Endpoint=http://localhost:")
        .unwrap_or_else(|| {
            panic!("first stdout line is not `Endpoint=http://localhost:<port>;…`: {line:?}")
        });
    let (port, rest) = rest
        .split_once(';')
        .unwrap_or_else(|| panic!("no `;` after the port in {line:?}"));
    let port: u16 = port
        .parse()
        .unwrap_or_else(|_| panic!("bad port {port:?} in {line:?}"));
    assert_ne!(port, 0, "connection string has port 0: {line:?}");
    let rest = rest
        .strip_prefix("AccessKey=")
        .unwrap_or_else(|| panic!("no `AccessKey=` after the endpoint in {line:?}"));
    let key = rest
        .strip_suffix(";Version=1.0;")
        .unwrap_or_else(|| panic!("connection string does not end with `;Version=1.0;`: {line:?}"));
    assert!(!key.is_empty() && !key.contains(';'), "bad key in {line:?}");
    (port, key.to_string())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

// ---------------------------------------------------------------------------------------------
// REST responses
// ---------------------------------------------------------------------------------------------

/// A REST response with its body read.
#[derive(Debug)]
pub struct Resp {
    pub what: String,
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|h| String::from_utf8_lossy(h.as_bytes()).to_string())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{}: body is not JSON ({e}): {:?}", self.what, self.text()))
    }

    /// Asserts the status code, showing the body on failure.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Self {
        assert_eq!(
            self.status,
            status,
            "{}: expected {status}, got {} with headers {:?} and body {:?}",
            self.what,
            self.status,
            self.headers,
            self.text()
        );
        self
    }

    /// Asserts a successful send: 202 with an empty body.
    #[track_caller]
    pub fn expect_accepted(&self) -> &Self {
        self.expect(202);
        assert!(
            self.body.is_empty(),
            "{}: 202 with a body {:?}",
            self.what,
            self.text()
        );
        if let Some(l) = self.header("content-length") {
            assert_eq!(l, "0", "{}: 202 with content-length {l}", self.what);
        }
        self
    }

    /// Asserts an error response: the status, a JSON `{code, message, …}` body with a JSON
    /// content type, and an `x-ms-error-code` header equal to `code`. Returns the body.
    #[track_caller]
    pub fn expect_error(&self, status: u16) -> Value {
        self.expect(status);
        let ct = self.header("content-type").unwrap_or_default();
        assert!(
            ct.starts_with("application/json"),
            "{}: error content-type {ct:?}, body {:?}",
            self.what,
            self.text()
        );
        let body = self.json();
        let code = body["code"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: error body without string `code`: {body}", self.what));
        assert!(!code.is_empty(), "{}: empty error code", self.what);
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{}: error body without `message`: {body}",
            self.what
        );
        assert_eq!(
            self.header("x-ms-error-code").as_deref(),
            Some(code),
            "{}: x-ms-error-code header must equal the body code ({body})",
            self.what
        );
        body
    }

    /// [`Resp::expect_error`] plus: the message mentions `needle` (case-insensitive).
    #[track_caller]
    pub fn expect_error_mentioning(&self, status: u16, needle: &str) -> Value {
        let body = self.expect_error(status);
        let msg = body["message"].as_str().unwrap_or_default().to_lowercase();
        assert!(
            msg.contains(&needle.to_lowercase()),
            "{}: error message should mention {needle:?}: {body}",
            self.what
        );
        body
    }
}

// ---------------------------------------------------------------------------------------------
// WebSocket clients
// ---------------------------------------------------------------------------------------------

/// Options for [`Emulator::ws_open`].
#[derive(Default, Clone)]
pub struct WsOpts {
    /// Offered subprotocols, in order.
    pub protocols: Vec<String>,
    /// Extra request headers.
    pub headers: Vec<(String, String)>,
    /// SO_RCVBUF for the client socket (for stalled-reader tests).
    pub recv_buffer: Option<u32>,
}

/// A rejected handshake.
#[derive(Debug)]
pub struct Rejected {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// One received WebSocket frame (control frames other than close are skipped).
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    Text(String),
    Binary(Vec<u8>),
    /// A close frame: code (if any) and reason.
    Close(Option<u16>, String),
    /// The socket ended without a close frame (EOF, reset, protocol error).
    Ended(String),
}

impl Frame {
    pub fn is_terminal(&self) -> bool {
        matches!(self, Frame::Close(..) | Frame::Ended(_))
    }

    pub fn json(&self) -> Option<Value> {
        match self {
            Frame::Text(t) => serde_json::from_str(t).ok(),
            _ => None,
        }
    }
}

/// A client-side WebSocket.
pub struct Ws {
    /// `None` after [`Ws::abort`].
    stream: Option<WebSocketStream<TcpStream>>,
    pending: VecDeque<Frame>,
    /// The subprotocol the server selected, if any.
    pub protocol: Option<String>,
}

impl Ws {
    pub async fn try_send(&mut self, msg: Message) -> Result<(), String> {
        let Some(stream) = self.stream.as_mut() else {
            return Err("socket aborted".into());
        };
        match tokio::time::timeout(Duration::from_secs(10), stream.send(msg)).await {
            Ok(r) => r.map_err(|e| e.to_string()),
            Err(_) => Err("send timed out".into()),
        }
    }

    pub async fn send_text(&mut self, text: &str) {
        self.try_send(Message::text(text.to_string()))
            .await
            .unwrap_or_else(|e| panic!("send text: {e}"));
    }

    pub async fn send_json(&mut self, v: &Value) {
        self.send_text(&v.to_string()).await;
    }

    pub async fn send_binary(&mut self, bytes: Vec<u8>) {
        self.try_send(Message::binary(bytes))
            .await
            .unwrap_or_else(|e| panic!("send binary: {e}"));
    }

    /// Sends a WebSocket close frame (normal closure).
    pub async fn close(mut self) {
        if let Some(mut stream) = self.stream.take() {
            let _ = stream.close(None).await;
        }
    }

    /// Drops the socket without a close frame (a client-side network failure). Later reads
    /// return [`Frame::Ended`].
    pub fn abort(&mut self) {
        if let Some(stream) = self.stream.take() {
            drop(stream.into_inner());
        }
    }

    /// The next frame within `within`, or `None` when nothing arrived.
    pub async fn next_frame(&mut self, within: Duration) -> Option<Frame> {
        if let Some(f) = self.pending.pop_front() {
            return Some(f);
        }
        self.read_frame(within).await
    }

    async fn read_frame(&mut self, within: Duration) -> Option<Frame> {
        let deadline = tokio::time::Instant::now() + within;
        let Some(stream) = self.stream.as_mut() else {
            return Some(Frame::Ended("socket aborted locally".into()));
        };
        loop {
            let next = tokio::time::timeout_at(deadline, stream.next()).await;
            let item = match next {
                Err(_) => return None,
                Ok(item) => item,
            };
            return Some(match item {
                None => Frame::Ended("stream ended".into()),
                Some(Err(e)) => Frame::Ended(e.to_string()),
                Some(Ok(Message::Text(t))) => Frame::Text(t.to_string()),
                Some(Ok(Message::Binary(b))) => Frame::Binary(b.to_vec()),
                Some(Ok(Message::Close(c))) => match c {
                    Some(c) => Frame::Close(Some(u16::from(c.code)), c.reason.to_string()),
                    None => Frame::Close(None, String::new()),
                },
                Some(Ok(_)) => continue, // ping, pong, raw frame
            });
        }
    }

    /// The next frame; panics after [`RECV_TIMEOUT`].
    #[track_caller]
    pub fn recv(&mut self) -> impl std::future::Future<Output = Frame> + '_ {
        let loc = std::panic::Location::caller();
        async move {
            self.next_frame(RECV_TIMEOUT)
                .await
                .unwrap_or_else(|| panic!("no frame within {RECV_TIMEOUT:?} (at {loc})"))
        }
    }

    /// The next frame, which must be a JSON text frame.
    #[track_caller]
    pub fn recv_json(&mut self) -> impl std::future::Future<Output = Value> + '_ {
        let loc = std::panic::Location::caller();
        async move {
            let f = self
                .next_frame(RECV_TIMEOUT)
                .await
                .unwrap_or_else(|| panic!("no frame within {RECV_TIMEOUT:?} (at {loc})"));
            f.json()
                .unwrap_or_else(|| panic!("expected a JSON text frame, got {f:?} (at {loc})"))
        }
    }

    /// The next `n` frames, each a JSON text frame.
    pub async fn recv_json_n(&mut self, n: usize) -> Vec<Value> {
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.recv_json().await);
        }
        out
    }

    /// The first JSON frame matching `pred` (within [`RECV_TIMEOUT`]); frames before it are kept
    /// for later `recv` calls, in order.
    pub async fn recv_until(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .pending
            .iter()
            .position(|f| f.json().is_some_and(|v| pred(&v)))
        {
            let f = self.pending.remove(i).expect("index");
            return f.json().expect("json");
        }
        let deadline = tokio::time::Instant::now() + RECV_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let f = self.read_frame(left).await.unwrap_or_else(|| {
                panic!(
                    "waited {RECV_TIMEOUT:?} for {what}; other frames: {:?}",
                    self.pending
                )
            });
            if let Some(v) = f.json() {
                if pred(&v) {
                    return v;
                }
            }
            assert!(
                !f.is_terminal(),
                "connection ended while waiting for {what}: {f:?}; earlier frames: {:?}",
                self.pending
            );
            self.pending.push_back(f);
        }
    }

    /// The next text frame's content.
    #[track_caller]
    pub fn recv_text(&mut self) -> impl std::future::Future<Output = String> + '_ {
        let loc = std::panic::Location::caller();
        async move {
            match self.next_frame(RECV_TIMEOUT).await {
                Some(Frame::Text(t)) => t,
                other => panic!("expected a text frame, got {other:?} (at {loc})"),
            }
        }
    }

    /// The next binary frame's content.
    #[track_caller]
    pub fn recv_binary(&mut self) -> impl std::future::Future<Output = Vec<u8>> + '_ {
        let loc = std::panic::Location::caller();
        async move {
            match self.next_frame(RECV_TIMEOUT).await {
                Some(Frame::Binary(b)) => b,
                other => panic!("expected a binary frame, got {other:?} (at {loc})"),
            }
        }
    }

    /// Asserts that no frame (and no close) arrives within `within`.
    #[track_caller]
    pub fn expect_no_frame(
        &mut self,
        within: Duration,
    ) -> impl std::future::Future<Output = ()> + '_ {
        let loc = std::panic::Location::caller();
        async move {
            if let Some(f) = self.next_frame(within).await {
                panic!("expected no frame within {within:?}, got {f:?} (at {loc})");
            }
        }
    }

    /// Waits for the connection to end, skipping a `system`/`disconnected` frame; returns the
    /// terminating frame. Panics on any other data frame or after [`RECV_TIMEOUT`].
    #[track_caller]
    pub fn expect_end(&mut self) -> impl std::future::Future<Output = Frame> + '_ {
        let loc = std::panic::Location::caller();
        async move {
            loop {
                let f = self.next_frame(RECV_TIMEOUT).await.unwrap_or_else(|| {
                    panic!("connection still open after {RECV_TIMEOUT:?} (at {loc})")
                });
                if f.is_terminal() {
                    return f;
                }
                let is_disconnected = f
                    .json()
                    .is_some_and(|v| v["type"] == "system" && v["event"] == "disconnected");
                assert!(
                    is_disconnected,
                    "expected the connection to end, got {f:?} (at {loc})"
                );
            }
        }
    }

    /// Waits (up to `within`) for the connection to end, ignoring any data frames; returns the
    /// terminating frame and how many data frames came before it.
    pub async fn drain_until_end(&mut self, within: Duration) -> Option<(Frame, usize)> {
        let deadline = tokio::time::Instant::now() + within;
        let mut n = 0;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let f = self.next_frame(left).await?;
            if f.is_terminal() {
                return Some((f, n));
            }
            n += 1;
        }
    }

    /// Removes and returns the first already-received JSON frame matching `pred`.
    pub fn take_pending(&mut self, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        let i = self
            .pending
            .iter()
            .position(|f| f.json().is_some_and(|v| pred(&v)))?;
        self.pending.remove(i).and_then(|f| f.json())
    }

    /// Puts a frame back so the next `recv` returns it.
    pub fn unread(&mut self, f: Frame) {
        self.pending.push_front(f);
    }

    /// Sends a JSON-protocol `ping` and waits for the `pong` (frames before it are kept).
    pub async fn ping_pong(&mut self) {
        self.send_json(&json!({"type": "ping"})).await;
        self.recv_until("pong", |v| v["type"] == "pong").await;
    }
}

/// A JSON-subprotocol client after its `connected` frame.
pub struct Client {
    pub ws: Ws,
    pub connection_id: String,
    pub user_id: Option<String>,
    pub reconnection_token: Option<String>,
    /// The `connected` frame as received.
    pub connected: Value,
    next_ack: u64,
}

impl Client {
    #[track_caller]
    pub fn from_connected(ws: Ws, connected: Value) -> Client {
        assert_eq!(connected["type"], "system", "first frame: {connected}");
        assert_eq!(connected["event"], "connected", "first frame: {connected}");
        let connection_id = connected["connectionId"]
            .as_str()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| panic!("connected frame without connectionId: {connected}"))
            .to_string();
        Client {
            ws,
            connection_id,
            user_id: connected["userId"].as_str().map(str::to_string),
            reconnection_token: connected["reconnectionToken"].as_str().map(str::to_string),
            connected,
            next_ack: 1,
        }
    }

    /// A fresh ackId (1, 2, 3, … per client).
    pub fn ack_id(&mut self) -> u64 {
        let id = self.next_ack;
        self.next_ack += 1;
        id
    }

    /// Sends `req` with `ackId` set to `ack_id` and returns the matching `ack` frame.
    pub async fn call_with(&mut self, mut req: Value, ack_id: u64) -> Value {
        req["ackId"] = json!(ack_id);
        self.ws.send_json(&req).await;
        let what = format!("ack {ack_id} for {req}");
        self.ws
            .recv_until(&what, |v| v["type"] == "ack" && v["ackId"] == json!(ack_id))
            .await
    }

    /// Sends `req` with a fresh `ackId` and returns the `ack`.
    pub async fn call(&mut self, req: Value) -> Value {
        let id = self.ack_id();
        self.call_with(req, id).await
    }

    pub async fn join(&mut self, group: &str) -> Value {
        self.call(json!({"type": "joinGroup", "group": group}))
            .await
    }

    pub async fn leave(&mut self, group: &str) -> Value {
        self.call(json!({"type": "leaveGroup", "group": group}))
            .await
    }

    /// `sendToGroup` with `dataType: text`.
    pub async fn send_text_to(&mut self, group: &str, text: &str) -> Value {
        self.call(json!({"type": "sendToGroup", "group": group, "dataType": "text", "data": text}))
            .await
    }
}

/// Asserts that each key of `expected` (an object) has that value in `actual`.
#[track_caller]
pub fn assert_fields(actual: &Value, expected: &Value) {
    let exp = expected.as_object().expect("expected must be an object");
    for (k, val) in exp {
        assert_eq!(
            actual.get(k),
            Some(val),
            "field {k:?}: expected {val}, frame was {actual}"
        );
    }
}

/// Asserts a successful ack for `ack_id`: `{"type":"ack","ackId":n,"success":true}` without `error`.
#[track_caller]
pub fn assert_ack_ok(ack: &Value) {
    assert_eq!(ack["type"], "ack", "not an ack: {ack}");
    assert_eq!(ack["success"], json!(true), "ack not successful: {ack}");
    assert!(
        ack.get("error").is_none_or(Value::is_null),
        "successful ack carries an error: {ack}"
    );
}

/// Asserts a failed ack with `error.name == name` and a non-empty message.
#[track_caller]
pub fn assert_ack_err(ack: &Value, name: &str) {
    assert_eq!(ack["type"], "ack", "not an ack: {ack}");
    assert_eq!(
        ack["success"],
        json!(false),
        "ack should fail with {name}: {ack}"
    );
    assert_eq!(ack["error"]["name"], json!(name), "error name: {ack}");
    assert!(
        ack["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "ack error without message: {ack}"
    );
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP and process control (for tests of the server layer)
// ---------------------------------------------------------------------------------------------

/// A response read off a raw socket.
#[derive(Debug)]
pub struct RawReply {
    pub status: u16,
    /// Lowercase names, in order.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl RawReply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {self:?}"))
    }
}

/// Reads one HTTP response (head, then `content-length` bytes or up to EOF) within 10 s.
/// `None` when the server closed the connection (or reset it) before a status line.
pub async fn read_raw_reply<R: tokio::io::AsyncRead + Unpin>(tcp: &mut R) -> Option<RawReply> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let mut buf = Vec::new();
    let head_end = loop {
        if let Some(p) = find(&buf, b"\r\n\r\n") {
            break p;
        }
        let mut chunk = [0u8; 4096];
        match tokio::time::timeout_at(deadline, tcp.read(&mut chunk)).await {
            Err(_) => panic!(
                "no complete response head within 10 s: {:?}",
                String::from_utf8_lossy(&buf)
            ),
            Ok(Ok(0)) | Ok(Err(_)) if buf.is_empty() => return None,
            Ok(Ok(0)) | Ok(Err(_)) => {
                panic!(
                    "connection ended inside a response head: {:?}",
                    String::from_utf8_lossy(&buf)
                )
            }
            Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, val)| (k.trim().to_ascii_lowercase(), val.trim().to_string()))
        .collect();
    let mut body = buf[head_end + 4..].to_vec();
    let want = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok());
    if status != 101 {
        while want.is_none_or(|w| body.len() < w) {
            let mut chunk = [0u8; 4096];
            match tokio::time::timeout_at(deadline, tcp.read(&mut chunk)).await {
                Ok(Ok(n)) if n > 0 => body.extend_from_slice(&chunk[..n]),
                _ => break,
            }
        }
    }
    Some(RawReply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).to_string(),
    })
}

/// Reads until the peer closes the connection (EOF or reset); `false` when it is still open
/// after `within`. Bytes read on the way are discarded.
pub async fn closed_within<R: tokio::io::AsyncRead + Unpin>(tcp: &mut R, within: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    let mut chunk = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, tcp.read(&mut chunk)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => {}
        }
    }
}

impl Emulator {
    /// A new TCP connection to the emulator.
    pub async fn tcp(&self) -> TcpStream {
        tokio::time::timeout(
            Duration::from_secs(10),
            TcpStream::connect(self.socket_addr()),
        )
        .await
        .expect("connect timed out")
        .expect("connect to emulator")
    }

    /// Sends `request` verbatim on a new connection and reads the response.
    pub async fn raw(&self, request: &str) -> RawReply {
        let mut tcp = self.tcp().await;
        tcp.write_all(request.as_bytes())
            .await
            .expect("write request");
        read_raw_reply(&mut tcp)
            .await
            .unwrap_or_else(|| panic!("connection closed without a response to {request:?}"))
    }

    /// Sends a signal (`TERM`, `INT`, …) with `kill(1)` and returns at once.
    pub fn send_signal(&self, sig: &str) {
        let pid = self.pid().to_string();
        let st = Command::new("kill")
            .args(["-s", sig, &pid])
            .status()
            .expect("run kill");
        assert!(st.success(), "kill -s {sig} {pid} failed");
    }

    /// The exit status once the process has exited (reaping it), else `None`.
    pub fn try_exit(&mut self) -> Option<ExitStatus> {
        let status = self.child.as_mut()?.try_wait().expect("try_wait")?;
        self.child = None;
        Some(status)
    }

    /// Waits up to `within` for `needle` to appear on stderr.
    pub async fn wait_for_stderr(&self, needle: &str, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        while !self.stderr().contains(needle) {
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }
}

// ---------------------------------------------------------------------------------------------
// Process measurements
// ---------------------------------------------------------------------------------------------

impl Emulator {
    /// The emulator process's peak resident set size in KiB (`VmHWM` in `/proc/<pid>/status`);
    /// `None` where procfs does not have it.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

// ---------------------------------------------------------------------------------------------
// The Azure side: ARM and Entra ID
// ---------------------------------------------------------------------------------------------

/// The ARM path of the resource a default emulator plays.
pub const ARM_RESOURCE: &str = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.SignalRService/webPubSub/local";
/// The ARM api-version of the contract's shapes.
pub const ARM_API: &str = "api-version=2024-03-01";
/// The data plane's Entra scope.
pub const DATA_SCOPE: &str = "https://webpubsub.azure.com/.default";
/// ARM's Entra scope.
pub const ARM_SCOPE: &str = "https://management.azure.com/.default";

impl Emulator {
    /// The value of the `export NAME=value` line the emulator printed on stderr at start.
    pub async fn exported(&self, name: &str) -> String {
        let prefix = format!("export {name}=");
        assert!(
            self.wait_for_stderr(&prefix, Duration::from_secs(10)).await,
            "no `{prefix}…` line on stderr: {}",
            self.stderr()
        );
        self.stderr()
            .lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .map(str::to_string)
            .unwrap_or_default()
    }

    /// A request with the given headers and optional body, to `path_and_query` on the emulator.
    pub async fn call(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Resp {
        let url = self.url(path_and_query);
        let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(m, &url);
        for (k, val) in headers {
            req = req.header(*k, *val);
        }
        if let Some(b) = body {
            req = req.body(b);
        }
        let resp = req
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {url} failed: {e}"));
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp.bytes().await.expect("read body").to_vec();
        Resp {
            what: format!("{method} {url}"),
            status,
            headers,
            body,
        }
    }

    /// A token from the emulator's Entra ID (`POST /entra/token`) for `scope`, as `client_id`
    /// (the default identity when `None`), lasting `expires_in` seconds (an hour when `None`).
    pub async fn entra_token(
        &self,
        scope: &str,
        client_id: Option<&str>,
        expires_in: Option<i64>,
    ) -> String {
        let header = self.exported("IDENTITY_HEADER").await;
        let mut form = format!("scope={}", enc(scope));
        if let Some(c) = client_id {
            form.push_str(&format!("&client_id={}", enc(c)));
        }
        if let Some(e) = expires_in {
            form.push_str(&format!("&expires_in={e}"));
        }
        let r = self
            .call(
                "POST",
                "/entra/token",
                &[
                    ("x-identity-header", &header),
                    ("content-type", "application/x-www-form-urlencoded"),
                ],
                Some(form.into_bytes()),
            )
            .await;
        r.expect(200);
        r.json()["access_token"]
            .as_str()
            .unwrap_or_else(|| panic!("no access_token in {}", r.text()))
            .to_string()
    }

    /// An ARM call on the default resource: `suffix` after its path (e.g. `/listKeys`),
    /// `api-version` added, with `token` as the bearer and `body` as JSON.
    pub async fn arm(
        &self,
        method: &str,
        suffix: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Resp {
        self.arm_at(method, &format!("{ARM_RESOURCE}{suffix}"), token, body)
            .await
    }

    /// An ARM call on any path (`api-version` added).
    pub async fn arm_at(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Resp {
        let auth = token.map(|t| format!("Bearer {t}"));
        let mut headers: Vec<(&str, &str)> = Vec::new();
        if let Some(a) = &auth {
            headers.push(("authorization", a));
        }
        if body.is_some() {
            headers.push(("content-type", "application/json"));
        }
        let sep = if path.contains('?') { '&' } else { '?' };
        self.call(
            method,
            &format!("{path}{sep}{ARM_API}"),
            &headers,
            body.map(|b| b.to_string().into_bytes()),
        )
        .await
    }
}

impl Resp {
    /// Asserts an ARM error: the status and `{"error": {"code": code, "message": …}}`.
    /// Returns the message.
    #[track_caller]
    pub fn expect_arm_error(&self, status: u16, code: &str) -> String {
        self.expect(status);
        let body = self.json();
        assert_eq!(
            body["error"]["code"].as_str(),
            Some(code),
            "{}: ARM error code in {body}",
            self.what
        );
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(
            !message.is_empty() && !message.contains('\n'),
            "{}: ARM error message must be one non-empty line: {body}",
            self.what
        );
        message.to_string()
    }
}

impl Ws {
    /// Counts the WebSocket Pings that arrive within `window` (answering them, as any client
    /// does); other frames are kept for later reads.
    pub async fn count_pings(&mut self, window: Duration) -> usize {
        let deadline = tokio::time::Instant::now() + window;
        let Some(stream) = self.stream.as_mut() else {
            return 0;
        };
        let mut pings = 0;
        loop {
            match tokio::time::timeout_at(deadline, stream.next()).await {
                Err(_) | Ok(None) => return pings,
                Ok(Some(Ok(Message::Ping(_)))) => pings += 1,
                Ok(Some(Ok(Message::Text(t)))) => {
                    self.pending.push_back(Frame::Text(t.to_string()))
                }
                Ok(Some(Ok(Message::Binary(b)))) => {
                    self.pending.push_back(Frame::Binary(b.to_vec()))
                }
                Ok(Some(Ok(Message::Close(c)))) => {
                    self.pending.push_back(match c {
                        Some(c) => Frame::Close(Some(u16::from(c.code)), c.reason.to_string()),
                        None => Frame::Close(None, String::new()),
                    });
                    return pings;
                }
                Ok(Some(Ok(_))) => {}
                Ok(Some(Err(e))) => {
                    self.pending.push_back(Frame::Ended(e.to_string()));
                    return pings;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CLI runs
// ---------------------------------------------------------------------------------------------

/// Asserts a CLI run exited 0 (showing its output if not) and returns its stdout.
#[track_caller]
pub fn ok(out: &std::process::Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// ---------------------------------------------------------------------------------------------
// A `client start` process with its standard streams piped
// ---------------------------------------------------------------------------------------------

/// `webpubsub client start …` running with stdin, stdout and stderr piped: its stdout lines
/// arrive on `lines` and its stderr collects in `stderr`, each read by a thread of its own.
/// Killed (and reaped) on drop.
pub struct PipedProcess {
    pub child: Child,
    pub stdin: Option<std::process::ChildStdin>,
    pub lines: mpsc::Receiver<String>,
    /// Every stdout line read so far.
    pub seen: Vec<Value>,
    stderr: Arc<Mutex<String>>,
    /// Reads stderr until EOF; joined once the process has exited, for all of it.
    stderr_reader: Option<std::thread::JoinHandle<()>>,
    /// Parses a stdout line and checks it against the protocol's documented lines.
    check: fn(&str) -> Value,
}

impl PipedProcess {
    /// `webpubsub client start <args…>`, with none of the credentials' environment variables;
    /// `check` parses its stdout lines.
    pub fn spawn(args: &[&str], check: fn(&str) -> Value) -> PipedProcess {
        let mut child = Command::new(bin())
            .args(["client", "start"])
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("WebPubSubConnectionString")
            .env_remove("WebPubSubHub")
            .env_remove("WebPubSubAccessKey")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn webpubsub client start");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let mut err = child.stderr.take().expect("stderr");
        let stderr_reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        PipedProcess {
            stdin: child.stdin.take(),
            child,
            lines,
            seen: Vec::new(),
            stderr,
            stderr_reader: Some(stderr_reader),
            check,
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn write(&mut self, line: &str) {
        use std::io::Write;
        let stdin = self.stdin.as_mut().expect("stdin still open");
        writeln!(stdin, "{line}").expect("write to client stdin");
        stdin.flush().expect("flush client stdin");
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// The next stdout line within `within`, checked, and kept in `seen`.
    #[track_caller]
    pub fn next_line(&mut self, what: &str, within: Duration) -> Value {
        let line = self.lines.recv_timeout(within).unwrap_or_else(|_| {
            panic!(
                "no stdout line ({what}) within {within:?}; lines so far: {:#?}\nstderr: {}",
                self.seen,
                self.stderr()
            )
        });
        let v = (self.check)(&line);
        self.seen.push(v.clone());
        v
    }

    /// Waits up to `within` for the exit; returns the status and the lines printed meanwhile.
    #[track_caller]
    pub fn wait_exit(&mut self, within: Duration) -> (ExitStatus, Vec<Value>) {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // All of stderr, not just what the reader had got when the process ended.
                if let Some(reader) = self.stderr_reader.take() {
                    let _ = reader.join();
                }
                let mut rest = Vec::new();
                // The stdout thread ends at EOF; collect what it still has.
                while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(5)) {
                    let v = (self.check)(&line);
                    self.seen.push(v.clone());
                    rest.push(v);
                }
                return (status, rest);
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "client still running after {within:?}; lines: {:#?}\nstderr: {}",
                    self.seen,
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for PipedProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// Local event handlers
// ---------------------------------------------------------------------------------------------

/// A request header as text ("" when it is missing or not text).
pub fn header_text(headers: &axum::http::HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// The answer to the abuse-protection `OPTIONS` request: the origin it asks about is allowed.
pub fn allow_webhook_origin(headers: &axum::http::HeaderMap) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        axum::http::StatusCode::OK,
        [(
            "WebHook-Allowed-Origin",
            header_text(headers, "webhook-request-origin"),
        )],
    )
        .into_response()
}

/// Serves `app` on a free loopback port, for as long as the test's runtime runs; the port.
pub async fn serve_on_loopback(app: axum::Router) -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let port = listener.local_addr().expect("its address").port();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    port
}

// ---------------------------------------------------------------------------------------------
// A pseudo-terminal
// ---------------------------------------------------------------------------------------------

/// How long the screen may take to show what a test waits for (2 noisy cores, debug build).
#[cfg(unix)]
const SCREEN_TIMEOUT: Duration = Duration::from_secs(30);

/// A child process on a pty, its output fed to a terminal emulator.
#[cfg(unix)]
pub struct Pty {
    pub process: rexpect::process::PtyProcess,
    pub writer: std::fs::File,
    screen: Arc<Mutex<vt100::Parser>>,
    cols: u16,
}

#[cfg(unix)]
impl Pty {
    /// `cmd` on a pty of `rows` × `cols`.
    pub fn spawn(cmd: Command, rows: u16, cols: u16) -> Pty {
        let process = rexpect::process::PtyProcess::new(cmd).expect("spawn on a pty");
        let writer = process.get_file_handle().expect("pty handle");
        let mut reader = writer.try_clone().expect("pty handle");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows"),
            std::num::NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            process,
            writer,
            screen,
            cols,
        }
    }

    pub fn keys(&mut self, keys: &str) {
        use std::io::Write;
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }

    /// The visible rows, trailing spaces trimmed.
    pub fn rows(&self) -> Vec<String> {
        let p = self.screen.lock().unwrap();
        p.screen()
            .rows(0, self.cols)
            .map(|r| r.trim_end().to_string())
            .collect()
    }

    /// The row the cursor is on.
    pub fn cursor_row(&self) -> String {
        let p = self.screen.lock().unwrap();
        let (row, _) = p.screen().cursor_position();
        let line = p
            .screen()
            .rows(0, self.cols)
            .nth(usize::from(row))
            .unwrap_or_default();
        line.trim_end().to_string()
    }

    #[track_caller]
    pub fn wait_for(&self, what: &str, pred: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + SCREEN_TIMEOUT;
        loop {
            let rows = self.rows();
            if pred(&rows) {
                return rows;
            }
            if Instant::now() >= deadline {
                panic!("screen never showed {what}:\n{}", rows.join("\n"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[track_caller]
    pub fn wait_for_text(&self, text: &str) -> Vec<String> {
        self.wait_for(text, |rows| rows.iter().any(|r| r.contains(text)))
    }
}

/// A CLI's exit code; a death by signal fails the test.
pub(crate) fn code(status: ExitStatus) -> i32 {
    status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal: {status:?}"))
}

/// A piped `client start` that lost its service and gave up after `--reconnect-timeout SECS`:
/// exit 6, every line a numbered `reconnecting` attempt (nothing claims a connection), and on
/// stderr one error line and a hint, no trace.
pub(crate) fn assert_gave_up_reconnecting(
    status: ExitStatus,
    lines: &[Value],
    stderr: &str,
    secs: u64,
) {
    assert_eq!(code(status), 6, "stderr: {stderr}");
    let attempts: Vec<u64> = lines
        .iter()
        .map(|l| {
            assert_eq!(l["event"], "reconnecting", "{l}");
            l["attempt"].as_u64().expect("attempt")
        })
        .collect();
    assert!(attempts.len() >= 2, "{lines:?}");
    assert_eq!(attempts, (1..=attempts.len() as u64).collect::<Vec<_>>());
    let err_lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        err_lines.len(),
        2,
        "one error line and a hint, no trace: {stderr}"
    );
    assert!(
        err_lines[0].contains(&format!("reconnecting failed for {secs} s")),
        "{stderr}"
    );
    assert!(err_lines[1].contains("emulator"), "{stderr}");
}
