//! The benchmark suite (not a test): every figure of the README's performance claims, each
//! measured beside its floor in the same run, printed as one table and written to
//! BENCHMARKS.md.
//!
//!     cargo bench --bench suite            # full: about 5 minutes on 2 cores
//!     QUICK=1 cargo bench --bench suite    # smoke: under a minute, written to target/
//!
//! The floor of each row is what this machine does without the service in the way: curl with
//! the same signed request for one-shot commands, a bare hyper + tokio-tungstenite broadcast
//! server (`floor.rs`) for fan-out, idle memory and churn, and a bare WebSocket client for the
//! `client start` pipe. Servers run as their own processes so their CPU and RSS can be read;
//! the load generator is this process.
//!
//! Knobs: `ONLY=oneshot,fanout,pipe,churn` runs a subset; `BENCH_OUT=path` writes the report
//! elsewhere; `CONNS=1000,10000` sets the fan-out sizes. The SDK rows use the SDKs that
//! `tests/interop/run` installed (target/interop-cache), or `WPS_BENCH_PYTHON` (a Python that
//! imports azure.messaging.webpubsubservice) and `WPS_BENCH_NODE_MODULES` (a node_modules with
//! @azure/web-pubsub).

mod floor;
mod load;
mod report;
mod rows;
mod sys;

use std::process::Command;
use std::time::{Duration, Instant};

use load::{Proto, Publisher, Recorder, Target};
use sys::Server;

pub const BIN: &str = env!("CARGO_BIN_EXE_webpubsub");

/// How much to measure.
#[derive(Clone, Debug)]
pub struct Plan {
    pub quick: bool,
    pub conns: Vec<usize>,
    pub step_secs: f64,
    pub bisect: usize,
    pub size: usize,
    pub oneshot_runs: usize,
    pub pipe_messages: usize,
    pub churn_rounds: usize,
    pub churn_conns: usize,
    only: Option<Vec<String>>,
}

impl Plan {
    fn from_env() -> Plan {
        let quick = std::env::var("QUICK").is_ok_and(|v| v != "0" && !v.is_empty());
        let conns = std::env::var("CONNS")
            .ok()
            .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .unwrap_or_else(|| {
                if quick {
                    vec![1_000]
                } else {
                    vec![1_000, 10_000]
                }
            });
        Plan {
            quick,
            conns,
            step_secs: if quick { 1.0 } else { 2.0 },
            bisect: if quick { 0 } else { 1 },
            size: 64,
            oneshot_runs: if quick { 10 } else { 40 },
            pipe_messages: if quick { 20_000 } else { 100_000 },
            churn_rounds: if quick { 3 } else { 10 },
            churn_conns: if quick { 1_000 } else { 10_000 },
            only: std::env::var("ONLY")
                .ok()
                .map(|v| v.split(',').map(|s| s.trim().to_string()).collect()),
        }
    }

    fn runs(&self, part: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| o == part))
    }
}

/// The fan-out figures of one server set-up at one size.
#[derive(Clone, Debug)]
pub struct FanOut {
    pub conns: usize,
    /// `None` for the floor.
    pub proto: Option<Proto>,
    pub publisher: Publisher,
    pub best: Option<load::Step>,
    pub last: load::Step,
    /// Every step tried, in order.
    pub steps: Vec<load::Step>,
    /// RSS per connection once they are all connected and idle, KiB.
    pub idle_kib_per_conn: f64,
    /// Peak RSS over the whole run of this set-up, KiB.
    pub peak_rss_kib: u64,
    pub connect_secs: f64,
}

fn floor_server() -> Server {
    let exe = std::env::current_exe().expect("own path");
    let mut c = Command::new(exe);
    c.env(ROLE, "floor");
    Server::start(c)
}

fn target_of(server: &Server, floor: bool) -> Target {
    if floor {
        Target::Floor(server.first_line.parse().expect("floor port"))
    } else {
        Target::Emulator(server.first_line.parse().expect("connection string"))
    }
}

const ROLE: &str = "WPS_BENCH_ROLE";

/// One server set-up (emulator json, emulator json.reliable, or the floor) at one size: idle
/// memory, then a rate search with each publisher.
async fn fan_out(plan: &Plan, conns: usize, proto: Option<Proto>) -> Vec<FanOut> {
    let server = match proto {
        Some(_) => rows::emulator(),
        None => floor_server(),
    };
    let target = target_of(&server, proto.is_none());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss0 = server.rss_kib();
    let rec = Recorder::new();
    let (subs, took) =
        load::subscribe(&target, proto.unwrap_or(Proto::Json), conns, 128, &rec).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle = server.rss_kib().saturating_sub(rss0) as f64 / conns as f64;
    let who = match proto {
        Some(p) => format!("webpubsub {}", p.name()),
        None => "floor".to_string(),
    };
    eprintln!(
        "bench: {who}: {conns} connected in {:.2} s, {idle:.1} KiB each",
        took.as_secs_f64()
    );
    let mut out = Vec::new();
    for publisher in [Publisher::Ws, Publisher::Rest] {
        let mut p = load::Pub::connect(&target, publisher).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let cpu = || server.cpu_secs();
        let mut log = |s: &load::Step| {
            eprintln!(
                "bench:   {who} {conns} {}: target {:>7.0}/s → {:>7.0}/s, {}/{} delivered, p50 {:.1} ms, p99 {:.1} ms, {:.2} µs/frame, CPU {:.0}% (load generator {:.0}%){}",
                publisher.name(),
                s.target_rate,
                s.rate,
                s.delivered,
                s.expected,
                s.p50_ms,
                s.p99_ms,
                s.cpu_us_per_frame,
                s.cpu_pct,
                s.loadgen_cpu_pct,
                if s.on_time { "" } else { ", publisher late" }
            )
        };
        let (best, last, steps) = load::search(
            &mut p,
            &rec,
            conns,
            100_000.0,
            plan.step_secs,
            plan.size,
            plan.bisect,
            &cpu,
            &mut log,
        )
        .await;
        drop(p);
        out.push(FanOut {
            conns,
            proto,
            publisher,
            best,
            last,
            steps,
            idle_kib_per_conn: idle,
            peak_rss_kib: 0,
            connect_secs: took.as_secs_f64(),
        });
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let peak = server.peak_rss_kib();
    for f in &mut out {
        f.peak_rss_kib = peak;
    }
    drop(server);
    subs.close().await;
    out
}

/// A fixed, slow load for a server started by hand under a profiler (callgrind counts
/// instructions, which the machine's other load does not change): `PROFILE_TARGET` is
/// `emulator=<connection string>` or `floor=<port>`; `CONNS` subscribers (default 100; `PROTO`
/// json or json.reliable) get `MESSAGES` messages (default 200) from a publisher (`PUBLISHER`
/// ws or rest) at 20 a second. Run it once with
/// `MESSAGES=0` for the fixed costs, and divide the difference by the frames delivered.
fn profile_load(spec: &str) {
    let env = |k: &str, d: usize| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let (conns, messages) = (env("CONNS", 100), env("MESSAGES", 200));
    let target = match spec.split_once('=') {
        Some(("emulator", cs)) => Target::Emulator(cs.parse().expect("connection string")),
        Some(("floor", port)) => Target::Floor(port.parse().expect("port")),
        _ => panic!("PROFILE_TARGET is emulator=<connection string> or floor=<port>"),
    };
    let proto = match std::env::var("PROTO").as_deref() {
        Ok("json.reliable") => Proto::Reliable,
        _ => Proto::Json,
    };
    let publisher = match std::env::var("PUBLISHER").as_deref() {
        Ok("rest") => Publisher::Rest,
        _ => Publisher::Ws,
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let rec = Recorder::new();
        let (subs, _) = load::subscribe(&target, proto, conns, 16, &rec).await;
        let mut p = load::Pub::connect(&target, publisher).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        if messages > 0 {
            let s = load::step(
                &mut p,
                &rec,
                conns,
                20.0 * conns as f64,
                messages as f64 / 20.0,
                64,
                &|| 0.0,
            )
            .await;
            println!("delivered {} of {}", s.delivered, s.expected);
        }
        drop(p);
        subs.close().await;
    });
}

/// Everything one run measured.
#[derive(Default)]
pub struct Results {
    pub oneshot: Vec<rows::OneShot>,
    pub fanout: Vec<FanOut>,
    pub pipe: Option<rows::Pipe>,
    pub churn: Option<(Vec<rows::Round>, Vec<rows::Round>)>,
}

fn main() {
    if std::env::var(ROLE).as_deref() == Ok("floor") {
        floor::serve();
        return;
    }
    sys::raise_fd_limit();
    if let Ok(spec) = std::env::var("PROFILE_TARGET") {
        profile_load(&spec);
        return;
    }
    let plan = Plan::from_env();
    let load_before = sys::load();
    let started = Instant::now();
    let date = sys::now_utc();
    let mut results = Results::default();

    if plan.runs("oneshot") {
        eprintln!("bench: one-shot broadcast, {} runs each", plan.oneshot_runs);
        results.oneshot = rows::oneshot(plan.oneshot_runs);
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        if plan.runs("fanout") {
            for &n in &plan.conns {
                for proto in [Some(Proto::Json), Some(Proto::Reliable), None] {
                    results.fanout.extend(fan_out(&plan, n, proto).await);
                }
            }
        }
        if plan.runs("pipe") {
            eprintln!("bench: client start pipe, {} messages", plan.pipe_messages);
            results.pipe = Some(rows::pipe(plan.pipe_messages, plan.size).await);
        }
        if plan.runs("churn") {
            eprintln!(
                "bench: churn, {} rounds of {}",
                plan.churn_rounds, plan.churn_conns
            );
            let ours = rows::churn(
                |s| target_of(s, false),
                rows::emulator(),
                plan.churn_rounds,
                plan.churn_conns,
            )
            .await;
            let floor = rows::churn(
                |s| target_of(s, true),
                floor_server(),
                plan.churn_rounds,
                plan.churn_conns,
            )
            .await;
            results.churn = Some((ours, floor));
        }
    });
    let meta = report::Meta {
        machine: sys::machine(),
        date,
        load_before,
        load_after: sys::load(),
        took: started.elapsed(),
        quick: plan.quick,
    };
    let text = report::render(&plan, &meta, &results);
    println!("{text}");
    let out = std::env::var("BENCH_OUT").unwrap_or_else(|_| {
        let root = env!("CARGO_MANIFEST_DIR");
        if plan.quick {
            format!("{root}/target/BENCHMARKS-quick.md")
        } else {
            format!("{root}/BENCHMARKS.md")
        }
    });
    match std::fs::write(&out, &text) {
        Ok(()) => eprintln!("bench: wrote {out}"),
        Err(e) => eprintln!("bench: cannot write {out}: {e}"),
    }
}
