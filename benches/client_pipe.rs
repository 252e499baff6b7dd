//! Benchmark (not a test): `webpubsub client start` in piped mode. One process gets MESSAGES
//! `sendtogroup` lines on stdin and sends them over one WebSocket to the emulator (both the
//! real binaries); we time until every ack is back on its stdout. With RECEIVER=1 (the default)
//! a second piped client tails the group, and we time until it has printed every message.
//!
//!     cargo bench --bench client_pipe
//!     # MESSAGES=100000 SIZE=64 PROTOCOL=json.reliable RECEIVER=1 RECEIVER_PROTOCOL=json
//!
//! The receiver uses plain `json` by default: a reliable receiver may have at most 1000
//! unacknowledged messages (the service's limit, which the emulator keeps), and an unthrottled
//! burst of 100,000 outruns that on a small machine, so the service evicts it (1008) and the
//! client reconnects, missing messages. RECEIVER_PROTOCOL=json.reliable shows it.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn env_str(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

const BIN: &str = env!("CARGO_BIN_EXE_webpubsub");

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `client start … --hub bench`, stdout lines sent to a channel with the time they were read.
fn client(
    conn: &str,
    protocol: &str,
    extra: &[&str],
) -> (Killed, mpsc::Receiver<(Instant, String)>) {
    let mut child = Command::new(BIN)
        .args([
            "client",
            "start",
            "--connection-string",
            conn,
            "--hub",
            "bench",
            "--protocol",
            protocol,
        ])
        .args(extra)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn client start");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::with_capacity(1 << 20, stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    (Killed(child), rx)
}

fn wait_connected(rx: &mpsc::Receiver<(Instant, String)>, who: &str) {
    let (_, line) = rx
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_else(|_| panic!("{who}: no connected line"));
    assert!(line.contains("\"connected\""), "{who}: first line: {line}");
}

fn main() {
    let messages = env_usize("MESSAGES", 100_000);
    let size = env_usize("SIZE", 64);
    let protocol = env_str("PROTOCOL", "json.reliable");
    let with_receiver = env_usize("RECEIVER", 1) == 1;
    let receiver_protocol = env_str("RECEIVER_PROTOCOL", "json");

    let mut emulator = Command::new(BIN)
        .args(["emulator", "start", "--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the emulator");
    let mut first = String::new();
    BufReader::new(emulator.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("connection string");
    let _emulator = Killed(emulator);
    let conn = first.trim().to_string();

    let receiver = with_receiver.then(|| {
        let (child, rx) = client(
            &conn,
            &receiver_protocol,
            &["--group", "g1", "--keep-open", "--user-id", "rx"],
        );
        wait_connected(&rx, "receiver");
        (child, rx)
    });
    let (mut sender, acks) = client(
        &conn,
        &protocol,
        &["--user-id", "tx", "--ack-timeout", "120"],
    );
    wait_connected(&acks, "sender");

    let padding = "x".repeat(size.saturating_sub(12));
    let mut input = String::with_capacity(messages * (size + 24));
    for i in 0..messages {
        input.push_str(&format!("sendtogroup g1 {i:>10} {padding}\n"));
    }
    let mut stdin = sender.0.stdin.take().expect("stdin");

    let start = Instant::now();
    let writer = std::thread::spawn(move || {
        stdin.write_all(input.as_bytes()).expect("write stdin");
        Instant::now()
        // stdin closes here: the end of input.
    });

    let mut ok = 0usize;
    let mut failed = 0usize;
    let mut last_ack = start;
    while ok + failed < messages {
        let Ok((at, line)) = acks.recv_timeout(Duration::from_secs(120)) else {
            panic!("sender: only {} of {messages} acks", ok + failed);
        };
        if line.contains("\"type\":\"ack\"") {
            if line.contains("\"success\":true") {
                ok += 1;
            } else {
                failed += 1;
            }
            last_ack = at;
        }
    }
    let input_done = writer.join().expect("writer");
    let status = sender.0.wait().expect("wait sender");
    let exited = Instant::now();

    let all_acks = last_ack - start;
    println!("client start, piped: {messages} sendtogroup lines of {size} bytes, {protocol}, one process");
    println!(
        "  stdin written in            {:>8.3} s",
        (input_done - start).as_secs_f64()
    );
    println!(
        "  every ack back after        {:>8.3} s   ({ok} ok, {failed} failed)",
        all_acks.as_secs_f64()
    );
    println!(
        "  sent and acked              {:>8.0} messages/s",
        messages as f64 / all_acks.as_secs_f64()
    );
    println!(
        "  sender exited after         {:>8.3} s   ({status})",
        (exited - start).as_secs_f64()
    );

    if let Some((_child, rx)) = receiver {
        let mut got = 0usize;
        let mut last = start;
        while got < messages {
            let Ok((at, line)) = rx.recv_timeout(Duration::from_secs(60)) else {
                break;
            };
            if line.contains("\"type\":\"message\"") {
                got += 1;
                last = at;
            } else if line.contains("\"type\":\"system\"") {
                println!("  receiver: {line}");
            }
        }
        println!(
            "  receiver ({receiver_protocol}) printed {got} messages, the last after {:.3} s ({:.0} messages/s)",
            (last - start).as_secs_f64(),
            got as f64 / (last - start).as_secs_f64()
        );
    }
}
