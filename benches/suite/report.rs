//! The report: one Markdown table (each row beside its floor), the targets it is judged by,
//! and the notes on what limits each figure (`notes.md`, written from profiles).

use std::fmt::Write as _;
use std::time::Duration;

use crate::load::{Proto, Publisher, Step};
use crate::{FanOut, Plan, Results};

pub struct Meta {
    pub machine: String,
    pub date: String,
    pub load_before: String,
    pub load_after: String,
    pub took: Duration,
    pub quick: bool,
}

fn rate(r: f64) -> String {
    if r >= 1e6 {
        format!("{:.2}M/s", r / 1e6)
    } else if r >= 1e3 {
        format!("{:.0}k/s", r / 1e3)
    } else {
        format!("{r:.0}/s")
    }
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn ratio(ours: f64, floor: f64) -> String {
    if floor > 0.0 && ours.is_finite() && floor.is_finite() {
        format!("{:.2}×", ours / floor)
    } else {
        "–".to_string()
    }
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn step_cell(best: Option<&Step>, last: &Step) -> String {
    match best {
        Some(s) => format!(
            "{} (p50 {:.1} / p99 {:.1} ms), {:.2} µs/frame, CPU {:.0}%",
            rate(s.rate),
            s.p50_ms,
            s.p99_ms,
            s.cpu_us_per_frame,
            s.cpu_pct
        ),
        None => format!(
            "none passed: at {} target, {} of {} delivered, p99 {:.0} ms",
            rate(last.target_rate),
            last.delivered,
            last.expected,
            last.p99_ms
        ),
    }
}

fn find(r: &Results, n: usize, proto: Option<Proto>, p: Publisher) -> Option<&FanOut> {
    r.fanout
        .iter()
        .find(|f| f.conns == n && f.proto == proto && f.publisher == p)
}

/// The steps of `a` and `b` at the highest rate both were tried at and delivered in full, on
/// time (latency aside: it is the machine's other load that moves p99 most): costs per frame
/// are compared at the same load, since batching makes a frame cheaper as the rate rises.
fn common<'a>(a: &'a FanOut, b: &'a FanOut) -> Option<(&'a Step, &'a Step)> {
    let full = |s: &Step| s.delivered == s.expected && s.on_time;
    a.steps
        .iter()
        .filter(|s| full(s))
        .filter_map(|s| {
            b.steps
                .iter()
                .find(|t| full(t) && (t.target_rate - s.target_rate).abs() < 1.0)
                .map(|t| (s, t))
        })
        .max_by(|x, y| x.0.target_rate.total_cmp(&y.0.target_rate))
}

/// "cost 1.2× at 150k/s": `a`'s CPU per frame over `b`'s, at their common rate.
fn cost_at_common(a: &FanOut, b: &FanOut) -> Option<(f64, f64)> {
    common(a, b).map(|(x, y)| (x.cpu_us_per_frame / y.cpu_us_per_frame, x.target_rate))
}

/// One table row: number, measure, webpubsub, floor, ratio (webpubsub ÷ floor), notes.
struct Row([String; 6]);

pub fn render(plan: &Plan, meta: &Meta, r: &Results) -> String {
    let mut rows: Vec<Row> = Vec::new();
    let row = |rows: &mut Vec<Row>, cells: [String; 6]| rows.push(Row(cells));

    // 1. One-shot.
    let tool = |name: &str| r.oneshot.iter().find(|o| o.tool == name);
    if let (Some(ours), Some(curl)) = (tool("webpubsub"), tool("curl")) {
        let others: Vec<String> = r
            .oneshot
            .iter()
            .filter(|o| o.tool != "webpubsub" && o.tool != "curl")
            .map(|o| {
                format!(
                    "{} {:.0} ms, {}{}",
                    o.tool,
                    o.p50_ms,
                    mib(o.peak_rss_kib),
                    if o.failed > 0 {
                        format!(" ({} of {} runs failed)", o.failed, o.runs)
                    } else {
                        String::new()
                    }
                )
            })
            .collect();
        let others = if others.is_empty() {
            "SDKs not installed (run tests/interop/run once)".to_string()
        } else {
            others.join("; ")
        };
        let failed = ours.failed + curl.failed;
        row(
            &mut rows,
            [
                "1".into(),
                format!(
                    "one-shot `service broadcast`, process start to exit, p50 / p95 ({} runs{})",
                    ours.runs,
                    if failed > 0 {
                        format!(", {failed} failed")
                    } else {
                        String::new()
                    }
                ),
                format!("{:.1} / {:.1} ms", ours.p50_ms, ours.p95_ms),
                format!("curl {:.1} / {:.1} ms", curl.p50_ms, curl.p95_ms),
                ratio(ours.p50_ms, curl.p50_ms),
                others,
            ],
        );
        row(
            &mut rows,
            [
                "1".into(),
                "one-shot `service broadcast`, peak RSS".into(),
                mib(ours.peak_rss_kib),
                format!("curl {}", mib(curl.peak_rss_kib)),
                ratio(ours.peak_rss_kib as f64, curl.peak_rss_kib as f64),
                String::new(),
            ],
        );
    }

    // 2. Fan-out.
    for &n in &plan.conns {
        for proto in [Proto::Json, Proto::Reliable] {
            for p in [Publisher::Ws, Publisher::Rest] {
                let Some(ours) = find(r, n, Some(proto), p) else {
                    continue;
                };
                let floor = find(r, n, None, p);
                let (floor_cell, ratio_cell) = match floor {
                    Some(f) => {
                        let rate_ratio = match (&ours.best, &f.best) {
                            (Some(o), Some(fl)) => format!("rate {}", ratio(o.rate, fl.rate)),
                            _ => "rate –".into(),
                        };
                        let cost = cost_at_common(ours, f).map_or(String::new(), |(c, at)| {
                            format!(", CPU per frame {c:.2}× at {}", rate(at))
                        });
                        let ratio_cell = format!("{rate_ratio}{cost}");
                        (step_cell(f.best.as_ref(), &f.last), ratio_cell)
                    }
                    None => ("–".into(), "–".into()),
                };
                row(
                    &mut rows,
                    [
                        "2".into(),
                        format!(
                            "fan-out, {} conns in one group, {}, {} publisher, {} B: best rate with no loss and p99 < 100 ms",
                            thousands(n),
                            proto.name(),
                            p.name(),
                            plan.size
                        ),
                        step_cell(ours.best.as_ref(), &ours.last),
                        floor_cell,
                        ratio_cell,
                        format!(
                            "server peak RSS {} (floor {})",
                            mib(ours.peak_rss_kib),
                            floor.map_or("–".into(), |f| mib(f.peak_rss_kib))
                        ),
                    ],
                );
            }
        }
    }

    // 3. Idle memory.
    for &n in &plan.conns {
        let json = find(r, n, Some(Proto::Json), Publisher::Ws);
        let reliable = find(r, n, Some(Proto::Reliable), Publisher::Ws);
        let floor = find(r, n, None, Publisher::Ws);
        if let (Some(json), Some(floor)) = (json, floor) {
            row(
                &mut rows,
                [
                    "3".into(),
                    format!("idle RSS per connection, {} connections", thousands(n)),
                    format!("{:.1} KiB", json.idle_kib_per_conn),
                    format!("{:.1} KiB", floor.idle_kib_per_conn),
                    ratio(json.idle_kib_per_conn, floor.idle_kib_per_conn),
                    format!(
                        "json; json.reliable {}; connected in {:.1} s (floor {:.1} s)",
                        reliable
                            .map_or("–".into(), |r| format!("{:.1} KiB", r.idle_kib_per_conn)),
                        json.connect_secs,
                        floor.connect_secs
                    ),
                ],
            );
        }
    }

    // 4. The pipe.
    let failed_suffix = |n: usize| {
        if n > 0 {
            format!(", {n} failed")
        } else {
            String::new()
        }
    };
    if let Some(p) = &r.pipe {
        row(
            &mut rows,
            [
                "4".into(),
                format!(
                    "`client start` pipe, {} `sendtogroup` lines, json.reliable: acked messages/s, time to the last ack",
                    thousands(p.messages)
                ),
                format!(
                    "{}, {:.2} s{}",
                    rate(p.cli_rate),
                    p.cli_last_ack_s,
                    failed_suffix(p.cli_failed)
                ),
                format!(
                    "bare client, 512-ack window: {}, {:.2} s{}",
                    rate(p.bare_rate),
                    p.bare_last_ack_s,
                    failed_suffix(p.bare_failed)
                ),
                ratio(p.cli_rate, p.bare_rate),
                String::new(),
            ],
        );
    }

    // 5. Churn.
    if let Some((ours, floor)) = &r.churn {
        let first_last = |v: &Vec<crate::rows::Round>,
                          f: &dyn Fn(&crate::rows::Round) -> String| {
            match (v.first(), v.last()) {
                (Some(a), Some(b)) => format!("{} → {}", f(a), f(b)),
                _ => "–".into(),
            }
        };
        let accept = |x: &crate::rows::Round| rate(x.accept_rate);
        let rss = |x: &crate::rows::Round| mib(x.rss_after_kib);
        row(
            &mut rows,
            [
                "5".into(),
                format!(
                    "churn, {} rounds of {} connections opened and closed: accept rate, first → last round",
                    ours.len(),
                    thousands(plan.churn_conns)
                ),
                first_last(ours, &accept),
                first_last(floor, &accept),
                ratio(
                    ours.last().map_or(0.0, |x| x.accept_rate),
                    floor.last().map_or(0.0, |x| x.accept_rate),
                ),
                String::new(),
            ],
        );
        row(
            &mut rows,
            [
                "5".into(),
                "churn: server RSS after each round closed, first → last".into(),
                first_last(ours, &rss),
                first_last(floor, &rss),
                ratio(
                    ours.last().map_or(0.0, |x| x.rss_after_kib as f64),
                    floor.last().map_or(0.0, |x| x.rss_after_kib as f64),
                ),
                String::new(),
            ],
        );
    }

    let mut out = String::new();
    let _ = writeln!(out, "# Benchmarks\n");
    let _ = writeln!(
        out,
        "Written by `cargo bench --bench suite`{} on {}.\n",
        if meta.quick {
            " with `QUICK=1` (smoke figures, not for comparison)"
        } else {
            ""
        },
        meta.date
    );
    let _ = writeln!(out, "- Machine: {}", meta.machine);
    let _ = writeln!(
        out,
        "- Load average (1, 5, 15 min) before: {}; after: {}. Anything else running on the machine shows in every figure.",
        meta.load_before, meta.load_after
    );
    let _ = writeln!(out, "- The run took {:.0} s.", meta.took.as_secs_f64());
    let _ = writeln!(
        out,
        "- Rows by part: `ONLY=oneshot` (1), `ONLY=fanout` (2 and 3), `ONLY=pipe` (4), `ONLY=churn` (5), \
         each as `ONLY=… cargo bench --bench suite`.\n"
    );
    let _ = writeln!(
        out,
        "Every row is measured beside its floor in the same run, by the same load generator (this bench \
         process): curl with the same signed request for one-shot commands; a bare hyper + tokio-tungstenite \
         broadcast server with the emulator's socket buffer sizes (`benches/suite/floor.rs`, its own process) \
         for fan-out, idle memory and churn; a bare tokio-tungstenite client with a 512-ack window for the pipe. \
         Ratio is webpubsub ÷ floor (for rates, higher is better; for costs, times and memory, lower). \
         CPU is the server process's user + system time per delivered frame. A fan-out rate passes when every \
         subscriber got every message, p99 < 100 ms, and the publisher kept its schedule.\n"
    );
    let _ = writeln!(
        out,
        "| # | measure | webpubsub | floor | ratio | notes |\n|---|---|---|---|---|---|"
    );
    for Row(cells) in &rows {
        let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
    out.push_str(&targets(plan, r));
    out.push('\n');
    // Read when the report is written, so notes edited during a run are the ones it carries.
    let notes = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/suite/notes.md");
    out.push_str(&std::fs::read_to_string(notes).unwrap_or_default());
    out
}

/// The targets, judged on this run.
fn targets(plan: &Plan, r: &Results) -> String {
    let mut out = String::from("## Targets, judged on this run\n\n");
    let mut line = |met: Option<bool>, text: String| {
        let mark = match met {
            Some(true) => "met",
            Some(false) => "**missed**",
            None => "not measured",
        };
        let _ = writeln!(out, "- {mark}: {text}");
    };
    let big = plan.conns.iter().copied().max().unwrap_or(0);
    let best = |n, proto, p| find(r, n, proto, p).and_then(|f| f.best.clone());

    let idle = find(r, big, Some(Proto::Json), Publisher::Ws).map(|f| f.idle_kib_per_conn);
    let idle_floor = find(r, big, None, Publisher::Ws).map(|f| f.idle_kib_per_conn);
    line(
        idle.map(|k| k <= 16.0),
        format!(
            "≤ 16 KiB RSS per idle connection at {}: {} (floor {})",
            thousands(big),
            idle.map_or("–".into(), |k| format!("{k:.1} KiB")),
            idle_floor.map_or("–".into(), |k| format!("{k:.1} KiB"))
        ),
    );
    for &n in &plan.conns {
        let pair = find(r, n, Some(Proto::Json), Publisher::Rest)
            .zip(find(r, n, Some(Proto::Json), Publisher::Ws))
            .and_then(|(rest, ws)| common(rest, ws));
        line(
            pair.map(|(rest, ws)| rest.cpu_us_per_frame <= ws.cpu_us_per_frame * 1.1),
            format!(
                "REST-published fan-out as cheap per delivered frame as WebSocket-published ({} conns, json, same rate): {}",
                thousands(n),
                pair.map_or("no common passing rate".into(), |(rest, ws)| format!(
                    "REST {:.2} vs WebSocket {:.2} µs/frame at {}",
                    rest.cpu_us_per_frame,
                    ws.cpu_us_per_frame,
                    rate(rest.target_rate)
                )),
            ),
        );
    }
    let ours = best(big, Some(Proto::Json), Publisher::Ws);
    let passed = |s: Option<&crate::load::Step>| {
        s.map_or("none passed".into(), |s| {
            format!("{} (p99 {:.0} ms)", rate(s.rate), s.p99_ms)
        })
    };
    line(
        ours.as_ref().map(|s| s.rate >= 300_000.0),
        format!(
            "≥ 300,000 delivered/s with {} connections in one group, p99 < 100 ms, no loss: {} (floor {})",
            thousands(big),
            passed(ours.as_ref()),
            passed(best(big, None, Publisher::Ws).as_ref())
        ),
    );
    let cost = find(r, big, Some(Proto::Json), Publisher::Ws)
        .zip(find(r, big, None, Publisher::Ws))
        .and_then(|(o, f)| cost_at_common(o, f));
    line(
        cost.map(|(c, _)| c <= 1.3),
        format!(
            "within 1.3× of the floor's CPU per delivered frame at {} connections (same rate): {}",
            thousands(big),
            cost.map_or("no common passing rate".into(), |(c, at)| format!(
                "{c:.2}× at {}",
                rate(at)
            ))
        ),
    );
    for &n in &plan.conns {
        let cpu = find(r, n, Some(Proto::Reliable), Publisher::Ws)
            .zip(find(r, n, Some(Proto::Json), Publisher::Ws))
            .and_then(|(rl, j)| cost_at_common(rl, j))
            .map(|(c, _)| c);
        let mem = match (
            find(r, n, Some(Proto::Json), Publisher::Ws),
            find(r, n, Some(Proto::Reliable), Publisher::Ws),
        ) {
            (Some(j), Some(rl)) if j.peak_rss_kib > 0 => {
                Some(rl.peak_rss_kib as f64 / j.peak_rss_kib as f64)
            }
            _ => None,
        };
        line(
            cpu.zip(mem).map(|(c, m)| c <= 1.3 && m <= 1.3),
            format!(
                "reliable fan-out within 1.3× of json ({} conns, WebSocket publisher): CPU per frame (same rate) {}, peak RSS {}",
                thousands(n),
                cpu.map_or("–".into(), |c| format!("{c:.2}×")),
                mem.map_or("–".into(), |m| format!("{m:.2}×"))
            ),
        );
    }
    let pipe = r.pipe.as_ref().map(|p| p.cli_rate / p.bare_rate);
    line(
        pipe.map(|x| x >= 0.5),
        format!(
            "`client start` pipe ≥ 50% of the bare client's rate: {}",
            pipe.map_or("–".into(), |x| format!("{:.0}%", x * 100.0))
        ),
    );
    let flatness = |rounds: &[crate::rows::Round]| {
        let (a, b) = (rounds.first()?, rounds.last()?);
        Some((
            b.accept_rate / a.accept_rate,
            b.rss_after_kib as f64 / a.rss_after_kib as f64,
        ))
    };
    let shown = |f: Option<(f64, f64)>| {
        f.map_or("–".into(), |(acc, rss)| {
            format!("accept rate {acc:.2}×, RSS {rss:.2}×")
        })
    };
    let flat = r.churn.as_ref().and_then(|(ours, _)| flatness(ours));
    let floor_flat = r.churn.as_ref().and_then(|(_, floor)| flatness(floor));
    line(
        flat.map(|(acc, rss)| acc >= 0.8 && rss <= 1.1),
        format!(
            "accept rate and memory flat over the churn rounds (last ÷ first): {} (floor {})",
            shown(flat),
            shown(floor_flat)
        ),
    );
    out
}
