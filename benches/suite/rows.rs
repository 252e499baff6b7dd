//! The rows that are not fan-out: one-shot commands, the `client start` pipe, and connection
//! churn.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use webpubsub::connstr::ConnectionString;
use webpubsub::token::{self, ClientTokenOptions};
use webpubsub::wire;

use crate::load::{self, Proto, Recorder, Target};
use crate::sys::{self, Server};
use crate::BIN;

/// Wall time and peak RSS of one tool over its runs.
#[derive(Clone, Debug)]
pub struct OneShot {
    pub tool: &'static str,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub peak_rss_kib: u64,
    pub runs: usize,
    pub failed: usize,
}

fn median(v: &mut [f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * q).round() as usize]
}

/// Where the interop scripts installed the SDKs (`tests/interop/run`), if they did.
fn interop_env() -> Option<PathBuf> {
    let cache = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/interop-cache");
    std::fs::read_dir(cache)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.join("complete").exists())
}

/// A Python that can import the service SDK: `WPS_BENCH_PYTHON`, the interop venv, or python3.
fn python_with_sdk() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Ok(p) = std::env::var("WPS_BENCH_PYTHON") {
        candidates.push(p.into());
    }
    if let Some(env) = interop_env() {
        candidates.push(env.join("venv/bin/python"));
    }
    candidates.push("python3".into());
    candidates.into_iter().find(|py| {
        Command::new(py)
            .args(["-c", "import azure.messaging.webpubsubservice"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// node_modules holding `@azure/web-pubsub`: `WPS_BENCH_NODE_MODULES`, or the interop install.
fn node_modules_with_sdk() -> Option<PathBuf> {
    let nm = match std::env::var("WPS_BENCH_NODE_MODULES") {
        Ok(p) => PathBuf::from(p),
        Err(_) => interop_env()?.join("node/node_modules"),
    };
    nm.join("@azure/web-pubsub").exists().then_some(nm)
}

const PY_SEND: &str = "import os\nfrom azure.messaging.webpubsubservice import WebPubSubServiceClient\nWebPubSubServiceClient.from_connection_string(os.environ['WPS_CS'], hub='bench').send_to_all('hello', content_type='text/plain')\n";
const JS_SEND: &str = "const {WebPubSubServiceClient}=require('@azure/web-pubsub');new WebPubSubServiceClient(process.env.WPS_CS,'bench',{allowInsecureConnection:true}).sendToAll('hello',{contentType:'text/plain'}).catch(e=>{console.error(e);process.exit(1)});";

/// One-shot broadcast from a fresh process: the CLI, curl with the same signed request, and
/// the SDKs that are installed, interleaved run by run.
pub fn oneshot(runs: usize) -> Vec<OneShot> {
    let emu = emulator();
    let cs = emu.first_line.clone();
    let conn: ConnectionString = cs.parse().expect("connection string");
    let url = conn
        .api_url(&format!(
            "hubs/bench/:send?api-version={}",
            wire::DEFAULT_API_VERSION
        ))
        .to_string();
    let rest_token = token::mint_rest_token(conn.access_key(), &url, 3600, token::now_secs());
    let auth = format!("Authorization: Bearer {rest_token}");

    type Make = Box<dyn Fn() -> Command>;
    let mut tools: Vec<(&'static str, Make)> = Vec::new();
    {
        let cs = cs.clone();
        tools.push((
            "webpubsub",
            Box::new(move || {
                let mut c = Command::new(BIN);
                c.args([
                    "service",
                    "--hub",
                    "bench",
                    "broadcast",
                    "--payload",
                    "hello",
                ])
                .env("WebPubSubConnectionString", &cs);
                c
            }),
        ));
    }
    {
        let (url, auth) = (url.clone(), auth.clone());
        tools.push((
            "curl",
            Box::new(move || {
                let mut c = Command::new("curl");
                c.args(["-sSf", "-o", "/dev/null", "-X", "POST", "-H", &auth])
                    .args(["-H", "Content-Type: text/plain", "--data-binary", "hello"])
                    .arg(&url);
                c
            }),
        ));
    }
    if let Some(py) = python_with_sdk() {
        let cs = cs.clone();
        tools.push((
            "Python SDK",
            Box::new(move || {
                let mut c = Command::new(&py);
                c.args(["-c", PY_SEND]).env("WPS_CS", &cs);
                c
            }),
        ));
    }
    if let Some(nm) = node_modules_with_sdk() {
        let cs = cs.clone();
        tools.push((
            "JS SDK",
            Box::new(move || {
                let mut c = Command::new("node");
                c.args(["-e", JS_SEND])
                    .env("NODE_PATH", &nm)
                    .env("WPS_CS", &cs);
                c
            }),
        ));
    }
    let mut walls: Vec<Vec<f64>> = vec![Vec::new(); tools.len()];
    let mut rss: Vec<u64> = vec![0; tools.len()];
    let mut failed = vec![0; tools.len()];
    // One warm-up round (page cache), then the measured ones, interleaved.
    for round in 0..=runs {
        for (i, (_, make)) in tools.iter().enumerate() {
            let (wall, peak, ok) = sys::run_measured(&mut make());
            if round == 0 {
                continue;
            }
            if !ok {
                failed[i] += 1;
            }
            walls[i].push(wall.as_secs_f64() * 1000.0);
            rss[i] = rss[i].max(peak);
        }
    }
    tools
        .iter()
        .enumerate()
        .map(|(i, (name, _))| OneShot {
            tool: name,
            p50_ms: median(&mut walls[i], 0.5),
            p95_ms: median(&mut walls[i], 0.95),
            peak_rss_kib: rss[i],
            runs,
            failed: failed[i],
        })
        .collect()
}

/// `client start` in a pipe, and the bare client beside it.
#[derive(Clone, Debug, Default)]
pub struct Pipe {
    pub messages: usize,
    pub cli_rate: f64,
    pub cli_last_ack_s: f64,
    pub cli_failed: usize,
    pub bare_rate: f64,
    pub bare_last_ack_s: f64,
    pub bare_failed: usize,
}

/// `messages` sendtogroup lines through `client start` (json.reliable, one process, a fresh
/// emulator), timed to the last ack; then a bare tokio-tungstenite client sending the same
/// frames with a 512-ack window to another fresh emulator.
pub async fn pipe(messages: usize, size: usize) -> Pipe {
    let mut out = Pipe {
        messages,
        ..Pipe::default()
    };
    {
        let emu = emulator();
        let cs = emu.first_line.clone();
        let (rate, last, failed) =
            tokio::task::spawn_blocking(move || cli_pipe(&cs, messages, size))
                .await
                .expect("pipe run");
        out.cli_rate = rate;
        out.cli_last_ack_s = last;
        out.cli_failed = failed;
    }
    {
        let emu = emulator();
        let conn: ConnectionString = emu.first_line.parse().expect("connection string");
        let (rate, last, failed) = bare_pipe(&conn, messages, size).await;
        out.bare_rate = rate;
        out.bare_last_ack_s = last;
        out.bare_failed = failed;
    }
    out
}

pub fn emulator() -> Server {
    let mut c = Command::new(BIN);
    c.args(["emulator", "start", "--port", "0"]);
    Server::start(c)
}

fn line(i: usize, padding: &str) -> String {
    format!("sendtogroup g1 {i:>10} {padding}\n")
}

fn cli_pipe(cs: &str, messages: usize, size: usize) -> (f64, f64, usize) {
    let mut child = Command::new(BIN)
        .args([
            "client",
            "start",
            "--connection-string",
            cs,
            "--hub",
            "bench",
        ])
        .args(["--protocol", "json.reliable", "--user-id", "tx"])
        .args(["--ack-timeout", "120"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn client start");
    let _guard = KillOnDrop(child.id());
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::with_capacity(1 << 20, stdout).lines();
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    assert!(
        first.contains("\"connected\""),
        "client start: first line {first}"
    );
    let padding = "x".repeat(size.saturating_sub(12));
    let mut input = String::with_capacity(messages * (size + 24));
    for i in 0..messages {
        input.push_str(&line(i, &padding));
    }
    let mut stdin = child.stdin.take().expect("stdin");
    let start = Instant::now();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let (mut ok, mut failed) = (0, 0);
    let mut last = start;
    for l in lines {
        let Ok(l) = l else { break };
        if l.contains("\"type\":\"ack\"") {
            if l.contains("\"success\":true") {
                ok += 1;
            } else {
                failed += 1;
            }
            last = Instant::now();
            if ok + failed == messages {
                break;
            }
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    let secs = (last - start).as_secs_f64();
    failed += messages - ok - failed;
    (ok as f64 / secs.max(1e-9), secs, failed)
}

struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(self.0 as i32),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
}

const WINDOW: usize = 512;

async fn bare_pipe(conn: &ConnectionString, messages: usize, size: usize) -> (f64, f64, usize) {
    let opts = ClientTokenOptions {
        user_id: Some("tx".to_string()),
        roles: vec!["webpubsub.sendToGroup".to_string()],
        expires_in_secs: 3600,
        ..Default::default()
    };
    let token = token::mint_client_token(
        conn.access_key(),
        &conn.client_audience("bench"),
        &opts,
        token::now_secs(),
    );
    let mut url = conn.client_url("bench");
    url.query_pairs_mut().append_pair("access_token", &token);
    let mut req = url.as_str().into_client_request().expect("request");
    req.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        HeaderValue::from_static(wire::JSON_RELIABLE_PROTOCOL),
    );
    let (ws, _) = tokio_tungstenite::connect_async_with_config(req, None, true)
        .await
        .expect("connect the bare client");
    let (mut sink, mut stream) = ws.split();
    // `connected`.
    let _ = stream.next().await;
    let padding = "x".repeat(size.saturating_sub(12));
    // The window: the sender is at most WINDOW messages ahead of the acks the reader has seen.
    let (seen_tx, mut seen_rx) = tokio::sync::watch::channel(0usize);
    let start = Instant::now();
    let acks = tokio::spawn(async move {
        let (mut ok, mut failed) = (0usize, 0usize);
        let mut last = Instant::now();
        while ok + failed < messages {
            let Ok(Some(Ok(Message::Text(t)))) =
                tokio::time::timeout(Duration::from_secs(60), stream.next()).await
            else {
                break;
            };
            if t.contains("\"type\":\"ack\"") {
                if t.contains("\"success\":true") {
                    ok += 1;
                } else {
                    failed += 1;
                }
                last = Instant::now();
                seen_tx.send_replace(ok + failed);
            }
        }
        (ok, failed, last)
    });
    for i in 0..messages {
        if i >= WINDOW + *seen_rx.borrow() {
            let _ = sink.flush().await;
            if seen_rx.wait_for(|seen| i < WINDOW + seen).await.is_err() {
                break;
            }
        }
        let text = format!(
            "{{\"type\":\"sendToGroup\",\"group\":\"g1\",\"ackId\":{},\"dataType\":\"text\",\"data\":\"{i:>10} {padding}\"}}",
            i + 1
        );
        if sink.feed(Message::Text(text.into())).await.is_err() {
            break;
        }
    }
    let _ = sink.flush().await;
    let (ok, failed, last) = acks.await.expect("ack reader");
    let secs = (last - start).as_secs_f64();
    let _ = sink.close().await;
    (
        ok as f64 / secs.max(1e-9),
        secs,
        failed + messages - ok - failed,
    )
}

/// One round of churn: connections opened per second, and the server's RSS after they closed.
#[derive(Clone, Debug)]
pub struct Round {
    pub accept_rate: f64,
    pub rss_after_kib: u64,
}

/// `rounds` rounds of `n` connections opened and closed against a fresh server.
pub async fn churn(
    target_of: impl Fn(&Server) -> Target,
    server: Server,
    rounds: usize,
    n: usize,
) -> Vec<Round> {
    let target = target_of(&server);
    let rec = Recorder::new();
    let mut out = Vec::new();
    for _ in 0..rounds {
        let (subs, took) = load::subscribe(&target, Proto::Json, n, 128, &rec).await;
        subs.close().await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        out.push(Round {
            accept_rate: n as f64 / took.as_secs_f64(),
            rss_after_kib: server.rss_kib(),
        });
    }
    out
}
