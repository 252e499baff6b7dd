//! The scripting front end: commands from stdin, one JSON object per event on stdout,
//! diagnostics on stderr.

use std::io::{BufRead, BufWriter, Stdout, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;

use super::command::{self, Command};
use super::render::{self, Event};
use super::session::{Options, Sink, Summary};
use super::{socketcluster, Connection, Protocol, Target};
use crate::error::Exit;

/// JSON lines on stdout, flushed when the session goes idle (one write for a burst of acks).
struct JsonLines {
    out: BufWriter<Stdout>,
}

impl Sink for JsonLines {
    fn event(&mut self, ev: &Event) -> std::io::Result<()> {
        self.out.write_all(render::json(ev).as_bytes())?;
        self.out.write_all(b"\n")
    }

    fn note(&mut self, text: &str) {
        eprintln!("webpubsub: {text}");
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

pub(crate) fn run(
    rt: &tokio::runtime::Runtime,
    target: &Target,
    conn: Connection,
    opts: Options,
) -> anyhow::Result<Exit> {
    let (tx, rx) = mpsc::channel(1024);
    let invalid = Arc::new(AtomicUsize::new(0));
    // A plain thread, not tokio's stdin: a read blocked on an open terminal or pipe must not
    // hold up the exit (the thread simply ends with the process).
    let reader_invalid = Arc::clone(&invalid);
    let protocol = target.protocol;
    std::thread::Builder::new()
        .name("stdin".into())
        .spawn(move || read_commands(tx, protocol, &reader_invalid))?;

    let mut sink = JsonLines {
        out: BufWriter::with_capacity(64 * 1024, std::io::stdout()),
    };
    let groups = Arc::new(Mutex::new(Default::default()));
    let summary = rt.block_on(conn.run(target, opts, &mut sink, groups, rx))?;
    Ok(exit_code(summary, invalid.load(Ordering::SeqCst)))
}

/// 8 if anything failed, 7 if acks were missing, else 0; with one line on stderr saying why.
fn exit_code(s: Summary, invalid: usize) -> Exit {
    let mut problems = Vec::new();
    if s.failed > 0 {
        problems.push(format!("{} command(s) failed", s.failed));
    }
    if invalid > 0 {
        problems.push(format!("{invalid} line(s) were not valid commands"));
    }
    if s.unacked > 0 {
        problems.push(format!("{} command(s) got no ack", s.unacked));
    }
    if problems.is_empty() {
        return Exit::Ok;
    }
    let see = if s.failed + s.unacked > 0 {
        " (see the ack lines on stdout)"
    } else {
        ""
    };
    eprintln!("webpubsub: error: {}{see}", problems.join(", "));
    if s.failed > 0 || invalid > 0 {
        Exit::CommandFailed
    } else {
        Exit::Timeout
    }
}

/// Reads stdin line by line until EOF, `exit` or the session going away.
fn read_commands(tx: mpsc::Sender<Command>, protocol: Protocol, invalid: &AtomicUsize) {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                eprintln!("webpubsub: error: cannot read stdin: {e}");
                invalid.fetch_add(1, Ordering::SeqCst);
                return;
            }
        }
        line_no += 1;
        let Ok(line) = std::str::from_utf8(&buf) else {
            eprintln!("webpubsub: error: line {line_no}: not UTF-8 text");
            invalid.fetch_add(1, Ordering::SeqCst);
            continue;
        };
        match command::parse(line, protocol) {
            Ok(None) => {}
            Ok(Some(Command::Help)) => eprintln!(
                "{}",
                match protocol {
                    Protocol::Raw => command::RAW_HELP,
                    Protocol::SocketCluster => socketcluster::command::HELP,
                    _ => command::HELP,
                }
            ),
            Ok(Some(Command::Exit)) => return,
            Ok(Some(cmd)) => {
                if tx.blocking_send(cmd).is_err() {
                    return;
                }
            }
            Err(e) => {
                eprintln!("webpubsub: error: line {line_no}: {e}");
                invalid.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
}
