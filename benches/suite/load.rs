//! The load generator: many WebSocket subscribers that time every message they get, and a
//! publisher (one WebSocket, or REST requests) sending at a set rate. The same code drives the
//! emulator and the floor; only the URLs and the envelope differ.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use webpubsub::connstr::ConnectionString;
use webpubsub::token::{self, ClientTokenOptions};
use webpubsub::wire;

pub const HUB: &str = "bench";
pub const GROUP: &str = "g";

/// What the load goes to.
#[derive(Clone)]
pub enum Target {
    Emulator(ConnectionString),
    Floor(u16),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Proto {
    Json,
    Reliable,
}

impl Proto {
    pub fn name(self) -> &'static str {
        match self {
            Proto::Json => "json",
            Proto::Reliable => "json.reliable",
        }
    }
    fn subprotocol(self) -> &'static str {
        match self {
            Proto::Json => wire::JSON_PROTOCOL,
            Proto::Reliable => wire::JSON_RELIABLE_PROTOCOL,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Publisher {
    Ws,
    Rest,
}

impl Publisher {
    pub fn name(self) -> &'static str {
        match self {
            Publisher::Ws => "WebSocket",
            Publisher::Rest => "REST",
        }
    }
}

/// The load generator's own sockets: small buffers, so that 10,000 of them fit beside the server.
fn client_config() -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(16 * 1024)
}

/// Latencies and counts, shared by every subscriber.
pub struct Recorder {
    epoch: Instant,
    /// Sharded so that subscribers on different threads rarely meet on one lock or one cache
    /// line (a shared counter bumped per frame costs the load generator as much as the rest).
    shards: Vec<Mutex<Shard>>,
}

struct Shard {
    hist: Histogram<u64>,
    delivered: u64,
    /// When the last message arrived, in µs since `epoch`.
    last_at: u64,
}

impl Recorder {
    pub fn new() -> Arc<Recorder> {
        Arc::new(Recorder {
            epoch: Instant::now(),
            shards: (0..64)
                .map(|_| {
                    Mutex::new(Shard {
                        hist: new_histogram(),
                        delivered: 0,
                        last_at: 0,
                    })
                })
                .collect::<Vec<_>>(),
        })
    }

    fn now_us(&self) -> u64 {
        self.epoch.elapsed().as_micros() as u64
    }

    fn shard(&self, i: usize) -> std::sync::MutexGuard<'_, Shard> {
        self.shards[i % self.shards.len()]
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    fn record(&self, shard: usize, sent_us: u64) {
        let now = self.now_us();
        let mut s = self.shard(shard);
        let _ = s.hist.record(now.saturating_sub(sent_us).max(1));
        s.delivered += 1;
        s.last_at = s.last_at.max(now);
    }

    pub fn delivered(&self) -> u64 {
        (0..self.shards.len())
            .map(|i| self.shard(i).delivered)
            .sum()
    }

    fn last_at(&self) -> u64 {
        (0..self.shards.len())
            .map(|i| self.shard(i).last_at)
            .max()
            .unwrap_or(0)
    }

    /// Takes the latencies and the count so far, starting afresh.
    fn take(&self) -> (u64, Histogram<u64>) {
        let mut all = new_histogram();
        let mut delivered = 0;
        for i in 0..self.shards.len() {
            let mut s = self.shard(i);
            let _ = all.add(&s.hist);
            s.hist.reset();
            delivered += std::mem::take(&mut s.delivered);
        }
        (delivered, all)
    }

    /// A message payload of `size` bytes stamped with the time now.
    pub fn payload(&self, size: usize) -> String {
        let mut p = format!("@{:016}", self.now_us());
        while p.len() < size {
            p.push('x');
        }
        p
    }
}

fn new_histogram() -> Histogram<u64> {
    // 1 µs to 10 minutes, two significant figures.
    Histogram::new_with_bounds(1, 600_000_000, 2).expect("histogram bounds")
}

/// The send time stamped in a frame's payload (`@` and 16 digits of µs).
fn stamp(frame: &[u8]) -> Option<u64> {
    let at = frame.iter().position(|b| *b == b'@')?;
    let digits = frame.get(at + 1..at + 17)?;
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// `{"sequenceId":N,…` → N.
fn sequence_id(frame: &str) -> Option<u64> {
    let rest = frame.strip_prefix("{\"sequenceId\":")?;
    let end = rest.find(',')?;
    rest[..end].parse().ok()
}

/// A subscriber: its task reads until told to stop, then closes.
pub struct Sub {
    task: JoinHandle<()>,
}

pub struct Subs {
    pub subs: Vec<Sub>,
    stop: watch::Sender<bool>,
}

impl Subs {
    /// Closes every subscriber (a close frame each) and waits for them, briefly.
    pub async fn close(self) {
        let _ = self.stop.send(true);
        for s in self.subs {
            let _ = tokio::time::timeout(Duration::from_secs(5), s.task).await;
        }
    }
}

fn client_token(conn: &ConnectionString, groups: Vec<String>, roles: Vec<String>) -> String {
    let opts = ClientTokenOptions {
        groups,
        roles,
        expires_in_secs: 3600,
        ..Default::default()
    };
    token::mint_client_token(
        conn.access_key(),
        &conn.client_audience(HUB),
        &opts,
        token::now_secs(),
    )
}

/// The subscribe request: the emulator's client URL with a token that joins the group, or the
/// floor's `/sub`.
fn sub_request(
    target: &Target,
    proto: Proto,
    token: &str,
) -> tokio_tungstenite::tungstenite::handshake::client::Request {
    match target {
        Target::Emulator(conn) => {
            let mut url = conn.client_url(HUB);
            url.query_pairs_mut().append_pair("access_token", token);
            let mut req = url.as_str().into_client_request().expect("request");
            req.headers_mut().insert(
                "Sec-WebSocket-Protocol",
                HeaderValue::from_static(proto.subprotocol()),
            );
            req
        }
        Target::Floor(port) => format!("ws://127.0.0.1:{port}/sub")
            .into_client_request()
            .expect("request"),
    }
}

/// Connects `n` subscribers (`concurrency` handshakes at a time); returns them and how long
/// the connecting took. Every subscriber records what it gets into `rec`.
pub async fn subscribe(
    target: &Target,
    proto: Proto,
    n: usize,
    concurrency: usize,
    rec: &Arc<Recorder>,
) -> (Subs, Duration) {
    let token = match target {
        Target::Emulator(conn) => client_token(conn, vec![GROUP.to_string()], Vec::new()),
        Target::Floor(_) => String::new(),
    };
    let (stop, stop_rx) = watch::channel(false);
    let start = Instant::now();
    let subs: Vec<Sub> = futures_util::stream::iter(0..n)
        .map(|i| {
            let req = sub_request(target, proto, &token);
            let rec = rec.clone();
            let stop = stop_rx.clone();
            let expect_connected = matches!(target, Target::Emulator(_));
            async move {
                let mut tries = 0;
                let mut ws = loop {
                    match tokio_tungstenite::connect_async_with_config(
                        req.clone(),
                        Some(client_config()),
                        true,
                    )
                    .await
                    {
                        Ok((ws, _)) => break ws,
                        Err(e) => {
                            tries += 1;
                            assert!(tries < 20, "subscriber {i} cannot connect: {e}");
                            tokio::time::sleep(Duration::from_millis(50)).await;
                        }
                    }
                };
                if expect_connected {
                    // The `connected` frame: the connection is set up on the service's side.
                    let _ = ws.next().await;
                }
                let task = tokio::spawn(read(ws, i, proto, rec, stop));
                Sub { task }
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    (Subs { subs, stop }, start.elapsed())
}

async fn read<S>(
    mut ws: tokio_tungstenite::WebSocketStream<S>,
    shard: usize,
    proto: Proto,
    rec: Arc<Recorder>,
    mut stop: watch::Receiver<bool>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut unacked = 0u32;
    loop {
        let msg = tokio::select! {
            m = ws.next() => m,
            _ = stop.changed() => {
                let _ = tokio::time::timeout(Duration::from_secs(2), ws.close(None)).await;
                // Wait for the server's close frame.
                let _ = tokio::time::timeout(Duration::from_secs(2), async {
                    while let Some(Ok(_)) = ws.next().await {}
                })
                .await;
                return;
            }
        };
        let Some(Ok(msg)) = msg else { return };
        let Message::Text(text) = msg else { continue };
        if let Some(sent) = stamp(text.as_bytes()) {
            rec.record(shard, sent);
        }
        if proto == Proto::Reliable {
            if let Some(seq) = sequence_id(&text) {
                unacked += 1;
                if unacked >= 32 {
                    unacked = 0;
                    let ack = format!("{{\"type\":\"sequenceAck\",\"sequenceId\":{seq}}}");
                    if ws.send(Message::Text(ack.into())).await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}

/// A publisher, connected once and used for every step.
pub enum Pub {
    Ws {
        sink: futures_util::stream::SplitSink<
            tokio_tungstenite::WebSocketStream<
                tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
            >,
            Message,
        >,
        envelope: bool,
    },
    Rest {
        client: reqwest::Client,
        url: String,
        token: Option<String>,
        inflight: Arc<Semaphore>,
    },
}

impl Pub {
    pub async fn connect(target: &Target, kind: Publisher) -> Pub {
        match (kind, target) {
            (Publisher::Ws, _) => {
                let req = match target {
                    Target::Emulator(conn) => {
                        let token = client_token(
                            conn,
                            Vec::new(),
                            vec![format!("webpubsub.sendToGroup.{GROUP}")],
                        );
                        let mut url = conn.client_url(HUB);
                        url.query_pairs_mut().append_pair("access_token", &token);
                        let mut req = url.as_str().into_client_request().expect("request");
                        req.headers_mut().insert(
                            "Sec-WebSocket-Protocol",
                            HeaderValue::from_static(wire::JSON_PROTOCOL),
                        );
                        req
                    }
                    Target::Floor(port) => format!("ws://127.0.0.1:{port}/pub")
                        .into_client_request()
                        .expect("request"),
                };
                let (ws, _) =
                    tokio_tungstenite::connect_async_with_config(req, Some(client_config()), true)
                        .await
                        .expect("connect the publisher");
                let (sink, mut stream) = ws.split();
                // Whatever comes back (`connected`, pings) is read and dropped.
                tokio::spawn(async move { while let Some(Ok(_)) = stream.next().await {} });
                Pub::Ws {
                    sink,
                    envelope: matches!(target, Target::Emulator(_)),
                }
            }
            (Publisher::Rest, Target::Emulator(conn)) => {
                let url = conn
                    .api_url(&format!(
                        "hubs/{HUB}/groups/{GROUP}/:send?api-version={}",
                        wire::DEFAULT_API_VERSION
                    ))
                    .to_string();
                let token =
                    token::mint_rest_token(conn.access_key(), &url, 3600, token::now_secs());
                Pub::Rest {
                    client: reqwest::Client::new(),
                    url,
                    token: Some(token),
                    inflight: Arc::new(Semaphore::new(REST_INFLIGHT)),
                }
            }
            (Publisher::Rest, Target::Floor(port)) => Pub::Rest {
                client: reqwest::Client::new(),
                url: format!("http://127.0.0.1:{port}/send"),
                token: None,
                inflight: Arc::new(Semaphore::new(REST_INFLIGHT)),
            },
        }
    }

    /// Sends `count` messages at `rate` per second; returns how long sending took.
    pub async fn send(
        &mut self,
        rec: &Arc<Recorder>,
        rate: f64,
        count: u64,
        size: usize,
    ) -> Duration {
        let start = Instant::now();
        let mut sent = 0u64;
        let mut tick = tokio::time::interval(Duration::from_millis(1));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        while sent < count {
            tick.tick().await;
            let due = ((start.elapsed().as_secs_f64() * rate) as u64 + 1).min(count);
            while sent < due {
                self.send_one(rec, size).await;
                sent += 1;
            }
            if let Pub::Ws { sink, .. } = self {
                sink.flush().await.expect("publisher flush");
            }
        }
        if let Pub::Rest { inflight, .. } = self {
            // Every request answered.
            let _ = inflight.acquire_many(REST_INFLIGHT as u32).await;
        }
        start.elapsed()
    }

    async fn send_one(&mut self, rec: &Arc<Recorder>, size: usize) {
        let payload = rec.payload(size);
        match self {
            Pub::Ws { sink, envelope } => {
                let text = if *envelope {
                    format!(
                        "{{\"type\":\"sendToGroup\",\"group\":\"{GROUP}\",\"dataType\":\"text\",\"data\":\"{payload}\"}}"
                    )
                } else {
                    payload
                };
                sink.feed(Message::Text(text.into()))
                    .await
                    .expect("publisher send");
            }
            Pub::Rest {
                client,
                url,
                token,
                inflight,
            } => {
                let permit = inflight.clone().acquire_owned().await.expect("semaphore");
                let mut req = client
                    .post(url.as_str())
                    .header("Content-Type", "text/plain")
                    .body(payload);
                if let Some(t) = token {
                    req = req.bearer_auth(t);
                }
                tokio::spawn(async move {
                    let r = req.send().await;
                    match r {
                        Ok(r) if r.status().is_success() => {}
                        Ok(r) => eprintln!("bench: REST publish answered {}", r.status()),
                        Err(e) => eprintln!("bench: REST publish failed: {e}"),
                    }
                    drop(permit);
                });
            }
        }
    }
}

/// REST requests in flight at once: enough that a 2-core server is never idle waiting for one.
const REST_INFLIGHT: usize = 8;

/// One step of a rate search: what was delivered, how fast, how late.
#[derive(Clone, Debug, Default)]
pub struct Step {
    pub target_rate: f64,
    pub delivered: u64,
    pub expected: u64,
    pub rate: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Server CPU per delivered frame, µs, and its share of one core.
    pub cpu_us_per_frame: f64,
    pub cpu_pct: f64,
    /// The load generator's own CPU, share of one core: when it nears the cores there are,
    /// the generator is the limit.
    pub loadgen_cpu_pct: f64,
    pub on_time: bool,
}

impl Step {
    pub fn passed(&self) -> bool {
        self.delivered == self.expected && self.p99_ms < 100.0 && self.on_time
    }
}

/// Publishes at `delivered_rate / subscribers` messages per second for `secs`, then waits for
/// every subscriber to have every message (or for deliveries to stop).
pub async fn step(
    publisher: &mut Pub,
    rec: &Arc<Recorder>,
    subscribers: usize,
    delivered_rate: f64,
    secs: f64,
    size: usize,
    server_cpu: &dyn Fn() -> f64,
) -> Step {
    let _ = rec.take();
    let msg_rate = delivered_rate / subscribers as f64;
    let count = (msg_rate * secs).ceil().max(1.0) as u64;
    let expected = count * subscribers as u64;
    let cpu0 = server_cpu();
    let own0 = crate::sys::own_cpu_secs();
    let start_us = rec.now_us();
    let took = publisher.send(rec, msg_rate, count, size).await;
    // Deliveries stop: all there, or nothing new for two seconds.
    let mut last = (rec.delivered(), Instant::now());
    loop {
        let d = rec.delivered();
        if d >= expected {
            break;
        }
        if d != last.0 {
            last = (d, Instant::now());
        } else if last.1.elapsed() > Duration::from_secs(2) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let cpu = server_cpu() - cpu0;
    let own = crate::sys::own_cpu_secs() - own0;
    let end_us = rec.last_at().max(start_us + 1);
    let (delivered, hist) = rec.take();
    let wall = (end_us - start_us) as f64 / 1e6;
    Step {
        target_rate: delivered_rate,
        delivered,
        expected,
        rate: delivered as f64 / wall,
        p50_ms: hist.value_at_quantile(0.5) as f64 / 1000.0,
        p99_ms: hist.value_at_quantile(0.99) as f64 / 1000.0,
        cpu_us_per_frame: cpu * 1e6 / delivered.max(1) as f64,
        cpu_pct: cpu * 100.0 / wall,
        loadgen_cpu_pct: own * 100.0 / wall,
        on_time: took.as_secs_f64() <= secs * 1.1 + 0.05,
    }
}

/// Searches for the highest delivered rate that passes (no loss, p99 < 100 ms, the publisher
/// on time): up by 1.5× from `start` until a step fails, then `bisect` halvings between the last
/// pass and the first failure. Returns the best passing step (or the last one tried) and every
/// step, for the log.
#[allow(clippy::too_many_arguments)]
pub async fn search(
    publisher: &mut Pub,
    rec: &Arc<Recorder>,
    subscribers: usize,
    start: f64,
    secs: f64,
    size: usize,
    bisect: usize,
    server_cpu: &dyn Fn() -> f64,
    log: &mut dyn FnMut(&Step),
) -> (Option<Step>, Step, Vec<Step>) {
    let mut steps = Vec::new();
    let mut best: Option<Step> = None;
    let mut fail: Option<f64> = None;
    let mut rate = start;
    let mut last;
    // Upwards (or downwards, while even the start fails).
    loop {
        let s = step(publisher, rec, subscribers, rate, secs, size, server_cpu).await;
        log(&s);
        steps.push(s.clone());
        last = s.clone();
        if s.passed() {
            best = Some(s);
            if fail.is_some() {
                break;
            }
            rate *= 1.5;
            if rate > 5_000_000.0 {
                break;
            }
        } else {
            fail = Some(rate);
            if best.is_some() {
                break;
            }
            rate /= 2.0;
            if rate < 2_000.0 {
                break;
            }
        }
        // Let queues drain and sockets go quiet between steps.
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    if let (Some(b), Some(mut hi)) = (best.clone(), fail) {
        // The last failure is always above the best pass (up: the step after it; down: the
        // step before it).
        let mut lo = b.target_rate;
        for _ in 0..bisect {
            tokio::time::sleep(Duration::from_millis(300)).await;
            let mid = (lo + hi) / 2.0;
            let s = step(publisher, rec, subscribers, mid, secs, size, server_cpu).await;
            log(&s);
            steps.push(s.clone());
            if s.passed() {
                lo = mid;
                best = Some(s);
            } else {
                hi = mid;
            }
        }
    }
    (best, last, steps)
}
