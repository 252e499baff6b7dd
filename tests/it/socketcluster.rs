//! `webpubsub client start --protocol socketcluster` against a real SocketCluster 9 server:
//! `tests/socketcluster/server.js` on socketcluster-server 9.1.3 (pinned in its package-lock),
//! started with `node` on a free loopback port. The server implements the usual session flow:
//! `registerUser` answers `{urn}`, `sendMessageToChannel {text, userUrn}` publishes
//! `{text, to}` to the urn's channel.
//!
//! Its npm packages are installed by CI (`.ci/run`: `npm ci --ignore-scripts` in
//! tests/socketcluster); without them these tests fail, naming that command.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::{json, Value};

use crate::common::*;

/// How long a line the client must print may take (2 noisy cores, debug build).
const LINE_TIMEOUT: Duration = Duration::from_secs(30);
const EXIT_TIMEOUT: Duration = Duration::from_secs(40);

// ---------------------------------------------------------------------------------------------
// The documented envelope (src/client/socketcluster/mod.rs): any field not listed fails the test.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[allow(dead_code)]
enum Line {
    System(SystemLine),
    Ack(AckLine),
    Message(MessageLine),
    Frame(FrameLine),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
struct SystemLine {
    event: String,
    connection_id: Option<String>,
    protocol: Option<String>,
    previous_connection_id: Option<String>,
    attempt: Option<u64>,
    message: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
struct AckLine {
    ack_id: u64,
    command: String,
    success: bool,
    data: Option<Value>,
    error: Option<AckErrorLine>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AckErrorLine {
    name: String,
    message: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
struct MessageLine {
    from: String,
    channel: Option<String>,
    event: Option<String>,
    data_type: String,
    data: Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct FrameLine {
    direction: String,
    text: String,
}

#[track_caller]
fn check_line(line: &str) -> Value {
    let v: Value = serde_json::from_str(line)
        .unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {line}"));
    if let Err(e) = serde_json::from_value::<Line>(v.clone()) {
        panic!("stdout line does not match the documented envelope ({e}): {line}");
    }
    v
}

// ---------------------------------------------------------------------------------------------
// The SocketCluster 9 server
// ---------------------------------------------------------------------------------------------

fn server_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/socketcluster")
}

/// `node tests/socketcluster/server.js PORT`, killed on drop.
struct ScServer {
    child: Child,
    port: u16,
}

impl ScServer {
    /// On a free port.
    fn start() -> ScServer {
        ScServer::start_with(0, &[])
    }

    fn start_on(port: u16) -> ScServer {
        ScServer::start_with(port, &[])
    }

    /// With environment variables for server.js (PING_INTERVAL_MS, PING_TIMEOUT_MS).
    fn start_with(port: u16, env: &[(&str, &str)]) -> ScServer {
        ScServer::run("server.js", port, env)
    }

    /// `node SCRIPT PORT` in tests/socketcluster.
    fn run(script: &str, port: u16, env: &[(&str, &str)]) -> ScServer {
        let dir = server_dir();
        assert!(
            dir.join("node_modules/socketcluster-server/package.json")
                .exists()
                && dir
                    .join("node_modules/socketcluster-server-v2/package.json")
                    .exists(),
            "the SocketCluster servers are not installed: run `npm ci --ignore-scripts` in {} (CI's .ci/run does)",
            dir.display()
        );
        let mut child = Command::new("node")
            .arg(script)
            .arg(port.to_string())
            .current_dir(&dir)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run `node` ({e}): the SocketCluster tests need Node.js on PATH")
            });
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("the SocketCluster server printed no port within 20 s");
        let v: Value = serde_json::from_str(line.trim())
            .unwrap_or_else(|e| panic!("server.js printed {line:?} ({e}), not {{\"port\":N}}"));
        let port = v["port"].as_u64().expect("port") as u16;
        ScServer { child, port }
    }

    fn url(&self) -> String {
        format!("ws://127.0.0.1:{}/socketcluster/", self.port)
    }

    /// SIGKILL: the sockets end without a close frame, as when a server crashes.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ScServer {
    fn drop(&mut self) {
        self.kill();
    }
}

// ---------------------------------------------------------------------------------------------
// A piped `client start --protocol socketcluster`
// ---------------------------------------------------------------------------------------------

/// `client start --protocol socketcluster`, its lines checked by [`check_line`].
struct Piped {
    p: PipedProcess,
    /// Lines read but not yet picked by [`Piped::until`], in order.
    unread: std::collections::VecDeque<Value>,
}

impl std::ops::Deref for Piped {
    type Target = PipedProcess;
    fn deref(&self) -> &PipedProcess {
        &self.p
    }
}

impl std::ops::DerefMut for Piped {
    fn deref_mut(&mut self) -> &mut PipedProcess {
        &mut self.p
    }
}

impl Piped {
    fn start(url: &str, extra: &[&str]) -> Piped {
        let mut args = vec!["--protocol", "socketcluster", "--url", url];
        args.extend_from_slice(extra);
        Piped {
            p: PipedProcess::spawn(&args, check_line),
            unread: Default::default(),
        }
    }

    /// The first line not picked yet that `pred` picks (others stay for later calls).
    #[track_caller]
    fn until(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.unread.iter().position(&pred) {
            return self.unread.remove(i).expect("index from position");
        }
        let deadline = Instant::now() + LINE_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self.p.next_line(what, left);
            if pred(&v) {
                return v;
            }
            self.unread.push_back(v);
        }
    }

    /// The ack of `command` (e.g. `emit registerUser`) with this ackId.
    #[track_caller]
    fn ack(&mut self, ack_id: u64, command: &str) -> Value {
        let v = self.until(&format!("ack {ack_id}"), |v| {
            v["type"] == "ack" && v["ackId"] == ack_id
        });
        assert_eq!(v["command"], command, "{v}");
        v
    }

    #[track_caller]
    fn system(&mut self, event: &str) -> Value {
        self.until(event, |v| v["type"] == "system" && v["event"] == event)
    }

    #[track_caller]
    fn message(&mut self, channel: &str) -> Value {
        self.until(&format!("a message on {channel}"), |v| {
            v["type"] == "message" && v["channel"] == channel
        })
    }

    /// Closes stdin and waits for the exit; returns the status and stderr.
    #[track_caller]
    fn finish(&mut self) -> (ExitStatus, String) {
        self.close_stdin();
        self.wait_exit()
    }

    /// Waits for the process to exit (by itself, or at the end of input); returns the status
    /// and stderr, with every stdout line read into `seen`.
    #[track_caller]
    fn wait_exit(&mut self) -> (ExitStatus, String) {
        let (status, _) = self.p.wait_exit(EXIT_TIMEOUT);
        (status, self.stderr())
    }
}

/// `emit registerUser {"name":…}` as the first command: its urn.
#[track_caller]
fn register(c: &mut Piped, name: &str) -> String {
    c.write(&format!("emit registerUser {}", json!({ "name": name })));
    let ack = c.ack(1, "emit registerUser");
    assert_eq!(ack["success"], true, "{ack}");
    ack["data"]["urn"]
        .as_str()
        .unwrap_or_else(|| panic!("registerUser answered no urn: {ack}"))
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn register_subscribe_send_and_receive_with_a_second_client_on_the_channel() {
    let server = ScServer::start();
    let mut alice = Piped::start(&server.url(), &[]);
    let connected = alice.system("connected");
    assert_eq!(connected["protocol"], "socketcluster");
    assert!(connected["connectionId"]
        .as_str()
        .is_some_and(|id| !id.is_empty()));

    let urn = register(&mut alice, "alice");
    assert!(urn.starts_with("urn:user:alice"), "{urn}");
    alice.write(&format!("subscribe {urn}"));
    assert_eq!(alice.ack(2, &format!("subscribe {urn}"))["success"], true);

    // A second client on the same channel.
    let mut bob = Piped::start(&server.url(), &[]);
    bob.system("connected");
    bob.write(&format!("subscribe {urn}"));
    assert_eq!(bob.ack(1, &format!("subscribe {urn}"))["success"], true);

    alice.write(&format!(
        "emit sendMessageToChannel {}",
        json!({"text": "hello from alice", "userUrn": urn})
    ));
    let sent = alice.ack(3, "emit sendMessageToChannel");
    assert_eq!(sent["success"], true, "{sent}");
    for c in [&mut alice, &mut bob] {
        let m = c.message(&urn);
        assert_eq!(m["from"], "channel");
        assert_eq!(m["dataType"], "json");
        assert_eq!(m["data"], json!({"text": "hello from alice", "to": urn}));
    }

    // A client publish reaches both too; a JSON message with --json.
    bob.write(&format!(
        "publish {urn} {} --json",
        json!({"text": "hi from bob"})
    ));
    assert_eq!(bob.ack(2, &format!("publish {urn}"))["success"], true);
    for c in [&mut alice, &mut bob] {
        assert_eq!(c.message(&urn)["data"], json!({"text": "hi from bob"}));
    }

    // The server's own error comes back as a failed ack with its message; exit 8.
    alice.write("emit sendMessageToChannel {\"text\":\"no urn\"}");
    let failed = alice.ack(4, "emit sendMessageToChannel");
    assert_eq!(failed["success"], false);
    assert_eq!(
        failed["error"]["message"],
        "sendMessageToChannel needs {text, userUrn}"
    );

    // After unsubscribing, bob no longer gets the channel's messages.
    bob.write(&format!("unsubscribe {urn}"));
    assert_eq!(bob.ack(3, &format!("unsubscribe {urn}"))["success"], true);
    alice.write(&format!("publish {urn} only alice hears this"));
    alice.ack(5, &format!("publish {urn}"));
    assert_eq!(alice.message(&urn)["data"], "only alice hears this");
    let (status, _) = bob.finish();
    assert_eq!(code(status), 0, "stderr: {}", bob.stderr());
    assert!(
        !bob.seen
            .iter()
            .any(|v| v["type"] == "message" && v["data"] == "only alice hears this"),
        "{:#?}",
        bob.seen
    );

    let (status, stderr) = alice.finish();
    assert_eq!(code(status), 8, "stderr: {stderr}");
    assert!(stderr.contains("1 command(s) failed"), "{stderr}");
}

#[test]
fn a_restarted_server_is_reconnected_and_the_channels_subscribed_again() {
    let mut server = ScServer::start();
    let port = server.port;
    let url = server.url();
    let mut alice = Piped::start(&url, &["--reconnect-timeout", "60", "--show-frames"]);
    let first_id = alice.system("connected")["connectionId"]
        .as_str()
        .unwrap()
        .to_string();
    let urn = register(&mut alice, "alice");
    alice.write(&format!("subscribe {urn}"));
    assert_eq!(alice.ack(2, &format!("subscribe {urn}"))["success"], true);

    // No handler answers this one: it is still waiting when the server goes.
    alice.write("emit nobodyListens");
    alice.until("the emit to go out", |v| {
        v["type"] == "frame" && v["text"].as_str().unwrap().contains("nobodyListens")
    });
    server.kill();
    let reconnecting = alice.system("reconnecting");
    assert_eq!(reconnecting["attempt"], 1);
    // An emit or a publish whose answer was lost with the connection may have run: it fails
    // rather than run twice.
    let lost = alice.ack(3, "emit nobodyListens");
    assert_eq!(lost["success"], false);
    assert_eq!(lost["error"]["name"], "ConnectionLost");
    // Typed while the server is down: sent once the connection is back, after the channels
    // are subscribed again, so it comes back.
    alice.write(&format!("publish {urn} typed while the server was down"));
    let _server = ScServer::start_on(port);
    let back = alice.system("reconnected");
    assert_eq!(back["previousConnectionId"], first_id.as_str());
    assert_ne!(back["connectionId"], first_id.as_str());
    assert!(
        back["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("resubscribing {urn}"))),
        "{back}"
    );
    // The resubscription is a command of its own, with an ackId of its own.
    let again = alice.until("the resubscription", |v| {
        v["type"] == "ack" && v["command"] == format!("subscribe {urn}")
    });
    assert_eq!(again["success"], true, "{again}");
    assert!(again["ackId"] == 4 || again["ackId"] == 5, "{again}");
    let queued = alice.until("the publish typed meanwhile", |v| {
        v["type"] == "ack" && v["command"] == format!("publish {urn}")
    });
    assert_eq!(queued["success"], true, "{queued}");
    assert_eq!(
        alice.message(&urn)["data"],
        "typed while the server was down"
    );

    // A message published after the restart, by another client, arrives.
    let mut bob = Piped::start(&url, &[]);
    bob.system("connected");
    bob.write(&format!(
        "emit sendMessageToChannel {}",
        json!({"text": "after the restart", "userUrn": urn})
    ));
    assert_eq!(bob.ack(1, "emit sendMessageToChannel")["success"], true);
    let m = alice.message(&urn);
    assert_eq!(m["data"], json!({"text": "after the restart", "to": urn}));

    let (status, stderr) = bob.finish();
    assert_eq!(code(status), 0, "{stderr}");
    // The lost emit is the one failure.
    let (status, stderr) = alice.finish();
    assert_eq!(code(status), 8, "{stderr}");
    assert!(stderr.contains("1 command(s) failed"), "{stderr}");
}

#[test]
fn the_server_ending_the_session_exits_4() {
    let server = ScServer::start();
    let mut c = Piped::start(&server.url(), &[]);
    c.system("connected");
    c.write("emit disconnectMe {\"code\":4600,\"reason\":\"maintenance\"}");
    let bye = c.system("disconnected");
    assert_eq!(bye["message"], "4600: maintenance");
    let (status, stderr) = c.finish();
    assert_eq!(code(status), 4, "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].contains("4600: maintenance"), "{stderr}");
}

#[test]
fn a_server_that_is_not_socketcluster_is_refused_in_one_line_with_exit_4() {
    let emu = Emulator::start();
    // An HTTP server without the path: the WebSocket is refused.
    let mut c = Piped::start(&format!("ws://127.0.0.1:{}/socketcluster/", emu.port), &[]);
    let (status, stderr) = c.finish();
    assert_eq!(code(status), 4, "{stderr}");
    assert!(c.seen.is_empty(), "{:#?}", c.seen);
    assert!(
        stderr.contains("refused the WebSocket with HTTP 404"),
        "{stderr}"
    );
    assert!(stderr.contains("/socketcluster/"), "{stderr}");

    // A WebSocket server that speaks another protocol: Web PubSub's json subprotocol answers
    // with its `connected` frame, which is not SocketCluster.
    let token = emu.client_token("chat", &json!({}));
    let url = format!(
        "ws://127.0.0.1:{}/client/hubs/chat?access_token={token}",
        emu.port
    );
    let mut c = Piped::start(&url, &[]);
    let (status, stderr) = c.finish();
    assert_eq!(code(status), 4, "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].contains("not a SocketCluster server")
            || errors[0].contains("did not answer the SocketCluster #handshake"),
        "{stderr}"
    );
    // The token in the URL is a credential: never echoed.
    assert!(!stderr.contains(&token), "{stderr}");
}

#[test]
fn show_frames_never_shows_an_auth_token_and_help_lists_the_commands() {
    let server = ScServer::start();
    let mut c = Piped::start(&server.url(), &["--show-frames"]);
    c.write("help");
    c.write("joingroup g1");
    c.write("emit login {\"name\":\"alice\"}");
    let hello = c.until("the handshake frame", |v| v["type"] == "frame");
    assert_eq!(hello["direction"], "out");
    assert!(
        hello["text"].as_str().unwrap().contains("#handshake"),
        "{hello}"
    );
    c.system("connected");
    let set = c.until("the #setAuthToken frame", |v| {
        v["type"] == "frame" && v["text"].as_str().unwrap().contains("#setAuthToken")
    });
    assert_eq!(c.ack(1, "emit login")["data"], json!({"ok": true}));
    let (status, stderr) = c.finish();
    // The JWT (base64url JSON, "eyJ…") is shown as *** in frames, and nowhere else.
    assert!(set["text"].as_str().unwrap().contains("***"), "{set}");
    for v in &c.seen {
        assert!(!v.to_string().contains("eyJ"), "a token was shown: {v}");
    }
    assert!(!stderr.contains("eyJ"), "{stderr}");
    assert!(stderr.contains("the server set an auth token"), "{stderr}");
    // `joingroup` is Web PubSub's: an invalid line here.
    assert_eq!(code(status), 8, "{stderr}");
    assert!(stderr.contains("unknown command 'joingroup'"), "{stderr}");
    assert!(stderr.contains("emit EVENT [JSON]"), "{stderr}");
}

#[test]
fn pings_are_answered_so_the_server_keeps_the_connection() {
    // The server pings every 100 ms and drops a socket that has not answered within 1 s.
    let server = ScServer::start_with(
        0,
        &[("PING_INTERVAL_MS", "100"), ("PING_TIMEOUT_MS", "1000")],
    );
    let mut c = Piped::start(&server.url(), &["--show-frames"]);
    c.system("connected");
    let urn = register(&mut c, "alice");
    c.write(&format!("subscribe {urn}"));
    c.ack(2, &format!("subscribe {urn}"));
    // Three times the server's pong timeout: a client that did not answer would be gone.
    for _ in 0..10 {
        c.until("a pong", |v| {
            v["type"] == "frame" && v["direction"] == "out" && v["text"] == "#2"
        });
    }
    std::thread::sleep(Duration::from_secs(3));
    c.write(&format!(
        "emit sendMessageToChannel {}",
        json!({"text": "still here", "userUrn": urn})
    ));
    assert_eq!(c.message(&urn)["data"]["text"], "still here");
    let (status, stderr) = c.finish();
    assert_eq!(code(status), 0, "{stderr}");
    assert!(
        !c.seen
            .iter()
            .any(|v| v["type"] == "system" && v["event"] != "connected"),
        "the connection was lost: {:#?}",
        c.seen
    );
}

#[test]
fn a_server_of_protocol_version_2_is_refused_clearly() {
    // socketcluster-server 20: the same handshake, then an empty ping instead of #1.
    let server = ScServer::run("server-v2.js", 0, &[]);
    let mut c = Piped::start(&server.url(), &[]);
    c.system("connected");
    // Input stays open: the session ends on the server's first ping, not on the end of input.
    let (status, stderr) = c.wait_exit();
    assert_eq!(code(status), 4, "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].contains("speaks SocketCluster protocol version 2"),
        "{stderr}"
    );
    assert!(stderr.contains("protocolVersion: 1"), "{stderr}");
}

/// The REPL on a pseudo-terminal: the callback's answer, the channel's messages, channel names
/// completed with Tab, the SocketCluster prompt and help.
#[test]
fn the_repl_speaks_socketcluster_too() {
    const ROWS: u16 = 30;
    const COLS: u16 = 100;
    let server = ScServer::start();
    let home = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(bin());
    cmd.args([
        "client",
        "start",
        "--protocol",
        "socketcluster",
        "--url",
        &server.url(),
    ])
    .env("TERM", "xterm")
    .env("NO_COLOR", "1")
    .env("HOME", home.path())
    .env("XDG_DATA_HOME", home.path().join("data"));
    let mut pty = Pty::spawn(cmd, ROWS, COLS);

    pty.wait_for_text("type help for the commands");
    pty.keys("help\r");
    pty.wait_for_text("publish CHANNEL MESSAGE");
    pty.keys("emit registerUser {\"name\":\"alice\"}\r");
    pty.wait_for_text(r#"✓ emit registerUser → {"urn":"urn:user:alice:1"}"#);
    pty.keys("subscribe urn:user:alice:1\r");
    pty.wait_for_text("✓ subscribe urn:user:alice:1");
    // Tab completes the subscribed channel.
    pty.keys("publish u\t");
    pty.wait_for_text("socketcluster> publish urn:user:alice:1");
    pty.keys("hello from the terminal\r");
    pty.wait_for_text("[urn:user:alice:1]: hello from the terminal");
    pty.wait_for_text("✓ publish urn:user:alice:1");
    pty.keys("\x04");
    let status = pty.process.wait().expect("wait");
    assert!(
        matches!(status, rexpect::process::WaitStatus::Exited(_, 0)),
        "exit status {status:?}:\n{}",
        pty.rows().join("\n")
    );
}

#[test]
fn the_auth_token_is_sent_again_on_reconnection_and_never_shown() {
    let mut server = ScServer::start();
    let port = server.port;
    let mut c = Piped::start(
        &server.url(),
        &["--show-frames", "--reconnect-timeout", "60"],
    );
    c.system("connected");
    c.write("emit login {\"name\":\"alice\"}");
    assert_eq!(c.ack(1, "emit login")["success"], true);
    server.kill();
    c.system("reconnecting");
    // A new server process signs with a new random key: it refuses the old token, softly.
    let _server = ScServer::start_on(port);
    c.system("reconnected");
    let (status, stderr) = c.finish();
    assert_eq!(code(status), 0, "{stderr}");
    let hellos: Vec<&Value> = c
        .seen
        .iter()
        .filter(|v| {
            v["type"] == "frame"
                && v["direction"] == "out"
                && v["text"].as_str().unwrap().contains("#handshake")
        })
        .collect();
    assert_eq!(hellos.len(), 2, "{:#?}", c.seen);
    assert!(
        hellos[1]["text"]
            .as_str()
            .unwrap()
            .contains(r#""authToken":"***""#),
        "the second handshake carries the token, redacted: {}",
        hellos[1]
    );
    assert!(
        stderr.contains("did not accept the auth token it had set (AuthTokenInvalidError"),
        "{stderr}"
    );
    for v in &c.seen {
        assert!(!v.to_string().contains("eyJ"), "a token was shown: {v}");
    }
    assert!(!stderr.contains("eyJ"), "{stderr}");
}

#[test]
fn an_emit_nobody_answers_times_out_and_exits_7() {
    let server = ScServer::start();
    let mut c = Piped::start(&server.url(), &["--ack-timeout", "1"]);
    c.system("connected");
    c.write("emit nobodyListens {\"a\":1}");
    let ack = c.ack(1, "emit nobodyListens");
    assert_eq!(ack["success"], false);
    assert_eq!(ack["error"]["name"], "Timeout", "{ack}");
    let (status, stderr) = c.finish();
    assert_eq!(code(status), 7, "{stderr}");
    assert!(stderr.contains("1 command(s) got no ack"), "{stderr}");
}
