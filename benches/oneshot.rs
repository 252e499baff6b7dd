//! Benchmark (not a test): one-shot `webpubsub service broadcast` against a local emulator.
//! Each run is a whole process: start-up, argument parsing, token minting, one HTTP request.
//!
//!     cargo bench --bench oneshot            # RUNS=200 by default
//!
//! Prints wall-time percentiles per invocation.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    let bin = env!("CARGO_BIN_EXE_webpubsub");
    let mut emulator = Command::new(bin)
        .args(["emulator", "start", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the emulator");
    let mut line = String::new();
    BufReader::new(emulator.stdout.take().expect("emulator stdout"))
        .read_line(&mut line)
        .expect("read the connection string");
    let conn = line.trim().to_string();

    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let status = Command::new(bin)
            .args([
                "service",
                "--hub",
                "bench",
                "broadcast",
                "--payload",
                "hello",
            ])
            .env("WebPubSubConnectionString", &conn)
            .status()
            .expect("run webpubsub");
        times.push(start.elapsed());
        assert!(status.success(), "broadcast failed: {status}");
    }
    let _ = emulator.kill();
    let _ = emulator.wait();

    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    let mean: Duration = times.iter().sum::<Duration>() / times.len() as u32;
    println!("one-shot `service broadcast`, {runs} runs (process start to exit):");
    println!(
        "  mean {:.2} ms  p50 {:.2} ms  p95 {:.2} ms  max {:.2} ms",
        ms(mean),
        ms(pct(0.5)),
        ms(pct(0.95)),
        ms(pct(1.0))
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
