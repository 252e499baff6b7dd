//! `webpubsub client start` against the real emulator binary: the piped mode's JSON lines
//! (checked field by field, and against `deny_unknown_fields` types), exit codes, reliable
//! recovery after the emulator drops the socket, reconnection on the plain JSON protocol, the
//! raw protocol, and a REPL session in a pty whose screen is read through a terminal emulator.

use std::io::{Read, Write};
use std::process::{Command, ExitStatus};
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::common::*;

const HUB: &str = "chat";
/// How long a line the client must print may take (2 noisy cores, debug build).
pub(crate) const LINE_TIMEOUT: Duration = Duration::from_secs(20);
const EXIT_TIMEOUT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------------------------
// The documented schema of the piped output: any field not listed here fails the test.
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
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct FrameLine {
    direction: String,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
struct SystemLine {
    event: String,
    connection_id: Option<String>,
    /// Absent, or present and possibly null.
    #[serde(default, deserialize_with = "present")]
    user_id: Option<Option<String>>,
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
    #[serde(default)]
    duplicate: bool,
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
    from: Option<String>,
    group: Option<String>,
    from_user_id: Option<String>,
    data_type: String,
    data: Value,
    sequence_id: Option<u64>,
    metadata: Option<std::collections::BTreeMap<String, String>>,
}

fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

// ---------------------------------------------------------------------------------------------
// A piped `client start`
// ---------------------------------------------------------------------------------------------

/// `client start` with the Web PubSub protocols' lines ([`check_line`]).
pub(crate) struct Piped(PipedProcess);

impl std::ops::Deref for Piped {
    type Target = PipedProcess;
    fn deref(&self) -> &PipedProcess {
        &self.0
    }
}

impl std::ops::DerefMut for Piped {
    fn deref_mut(&mut self) -> &mut PipedProcess {
        &mut self.0
    }
}

impl Piped {
    /// `webpubsub client start --connection-string … --hub chat <args>`, stdin piped.
    pub(crate) fn start(emu: &Emulator, args: &[&str]) -> Piped {
        let mut all = vec!["--connection-string", emu.conn_str.as_str(), "--hub", HUB];
        all.extend_from_slice(args);
        Piped::spawn(&all)
    }

    pub(crate) fn spawn(args: &[&str]) -> Piped {
        Piped(PipedProcess::spawn(args, check_line))
    }

    /// The next stdout line, parsed and checked against the schema.
    #[track_caller]
    pub(crate) fn next(&mut self, what: &str) -> Value {
        self.0.next_line(what, LINE_TIMEOUT)
    }

    /// Waits for the exit; returns the status and the lines printed meanwhile.
    #[track_caller]
    pub(crate) fn wait(&mut self) -> (ExitStatus, Vec<Value>) {
        self.0.wait_exit(EXIT_TIMEOUT)
    }

    pub(crate) fn signal(&self, sig: &str) {
        let st = Command::new("kill")
            .args(["-s", sig, &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(st.success());
    }

    /// The connection id from the `connected` line.
    pub(crate) fn connection_id(&self) -> String {
        self.seen
            .iter()
            .find(|v| v["type"] == "system" && v["event"] == "connected")
            .and_then(|v| v["connectionId"].as_str())
            .unwrap_or_else(|| panic!("no connected line in {:#?}", self.seen))
            .to_string()
    }

    pub(crate) fn acks(&self) -> Vec<&Value> {
        self.seen.iter().filter(|v| v["type"] == "ack").collect()
    }
}

/// Parses a stdout line: one JSON object matching the documented schema.
#[track_caller]
pub(crate) fn check_line(line: &str) -> Value {
    let v: Value = serde_json::from_str(line)
        .unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {line}"));
    if let Err(e) = serde_json::from_value::<Line>(v.clone()) {
        panic!("stdout line does not match the documented schema ({e}): {line}");
    }
    v
}

/// `POST path` with a REST token, from a plain thread (std only), expecting 204.
pub(crate) fn post_blocking(port: u16, path: &str, token: &str) {
    let mut tcp = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        tcp,
        "POST {path} HTTP/1.1\r\nHost: localhost:{port}\r\nAuthorization: Bearer {token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .expect("write request");
    let mut response = String::new();
    tcp.read_to_string(&mut response).expect("read response");
    assert!(
        response.starts_with("HTTP/1.1 204"),
        "POST {path}: {response}"
    );
}

pub(crate) async fn drop_socket(emu: &Emulator, connection_id: &str) {
    emu.rest(
        "POST",
        &format!("/emulator/hubs/{HUB}/connections/{connection_id}/:drop"),
        None,
        Vec::new(),
    )
    .await
    .expect(204);
}

// ---------------------------------------------------------------------------------------------
// Piped mode
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn piped_mode_reports_each_event_as_one_json_line() {
    let emu = Emulator::start();
    let mut bob = emu
        .connect_json(
            HUB,
            &json!({"sub": "bob", "role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]}),
        )
        .await;
    assert_ack_ok(&bob.join("g1").await);

    let mut alice = Piped::start(&emu, &["--user-id", "alice"]);
    let connected = alice.next("connected");
    assert_eq!(connected["type"], "system");
    assert_eq!(connected["event"], "connected");
    assert_eq!(connected["userId"], "alice");
    assert_eq!(connected["protocol"], RELIABLE_V1);
    assert!(
        connected["connectionId"]
            .as_str()
            .is_some_and(|id| !id.is_empty()),
        "{connected}"
    );

    alice.write("joingroup g1");
    assert_eq!(
        alice.next("ack 1"),
        json!({"type":"ack","ackId":1,"command":"joingroup g1","success":true})
    );
    assert_ack_ok(&bob.send_text_to("g1", "from bob").await);
    assert_eq!(
        alice.next("bob's message"),
        json!({"type":"message","from":"group","group":"g1","fromUserId":"bob","dataType":"text","data":"from bob","sequenceId":1})
    );

    for line in [
        "sendtogroup g1 hello world",
        "sendtogroup g1 {\"n\": 1} --json",
        "# comments and blank lines are skipped",
        "",
        "SendToGroup g1 AQID --binary",
        "sendtogroup --no-echo g1 quiet",
        "event greet hi",
        "leavegroup g1",
    ] {
        alice.write(line);
    }
    alice.close_stdin();
    let (status, _) = alice.wait();
    assert_eq!(code(status), 0, "stderr: {}", alice.stderr());
    assert_eq!(alice.stderr(), "", "nothing on stderr when all went well");

    // Acks: one per command, in order, matched to the command.
    let acks: Vec<Value> = alice.acks().into_iter().cloned().collect();
    let expected: Vec<Value> = [
        "joingroup g1",
        "sendtogroup g1",
        "sendtogroup g1",
        "sendtogroup g1",
        "sendtogroup g1",
        "event greet",
        "leavegroup g1",
    ]
    .iter()
    .enumerate()
    .map(|(i, c)| json!({"type":"ack","ackId":i + 1,"command":c,"success":true}))
    .collect();
    assert_eq!(acks, expected);

    // Messages: bob's, then alice's own echoes (not the --no-echo one), with sequence ids.
    let messages: Vec<&Value> = alice
        .seen
        .iter()
        .filter(|v| v["type"] == "message")
        .collect();
    let own = |seq: u64, data_type: &str, data: Value| json!({"type":"message","from":"group","group":"g1","fromUserId":"alice","dataType":data_type,"data":data,"sequenceId":seq});
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert_eq!(messages[1], &own(2, "text", json!("hello world")));
    assert_eq!(messages[2], &own(3, "json", json!({"n": 1})));
    assert_eq!(messages[3], &own(4, "binary", json!("AQID")));

    // And bob got what alice sent, the --no-echo one included.
    for (data_type, data) in [
        ("text", json!("hello world")),
        ("json", json!({"n": 1})),
        ("binary", json!("AQID")),
        ("text", json!("quiet")),
    ] {
        let m = bob
            .ws
            .recv_until("alice's message", |v| {
                v["type"] == "message" && v["data"] == data
            })
            .await;
        assert_fields(
            &m,
            &json!({"from": "group", "group": "g1", "fromUserId": "alice", "dataType": data_type}),
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn piped_mode_exits_8_when_a_command_fails_or_a_line_is_invalid() {
    let emu = Emulator::start();
    let mut c = Piped::start(&emu, &["--role", "webpubsub.joinLeaveGroup"]);
    for line in [
        "sendtogroup g1 not allowed",
        "frobnicate g1",
        "joingroup",
        "sendtogroup g1",
        "joingroup g1",
    ] {
        c.write(line);
    }
    // Over the service's 1 MiB frame limit: failed here, not sent (the service would close
    // the connection).
    c.write(&format!("sendtogroup g1 {}", "x".repeat(1024 * 1024)));
    c.close_stdin();
    let (status, _) = c.wait();
    assert_eq!(code(status), 8, "stderr: {}", c.stderr());
    let acks = c.acks();
    assert_eq!(acks.len(), 3, "invalid lines take no ackId: {acks:#?}");
    assert_eq!(acks[2]["ackId"], 3);
    assert_eq!(acks[2]["error"]["name"], "MessageTooLarge");
    assert_eq!(acks[0]["ackId"], 1);
    assert_eq!(acks[0]["command"], "sendtogroup g1");
    assert_eq!(acks[0]["success"], false);
    assert_eq!(acks[0]["error"]["name"], "Forbidden");
    assert!(
        acks[0]["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("g1")),
        "{}",
        acks[0]
    );
    assert_eq!(
        acks[1],
        &json!({"type":"ack","ackId":2,"command":"joingroup g1","success":true})
    );
    let err = c.stderr();
    assert!(
        err.contains("line 2: unknown command 'frobnicate'"),
        "{err}"
    );
    assert!(err.contains("line 3: joingroup: missing GROUP"), "{err}");
    assert!(
        err.contains("line 4: sendtogroup: missing MESSAGE"),
        "{err}"
    );
    assert!(err.contains("2 command(s) failed"), "{err}");
    assert!(err.contains("3 line(s) were not valid commands"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_acks_exit_7_after_the_ack_timeout() {
    let emu = Emulator::start();
    // An ack that can never come: the emulator is gone when the command is sent.
    let mut c = Piped::start(&emu, &["--ack-timeout", "1", "--reconnect-timeout", "30"]);
    c.next("connected");
    drop(emu);
    c.write("joingroup g1");
    c.close_stdin();
    let (status, _) = c.wait();
    assert_eq!(code(status), 7, "stderr: {}", c.stderr());
    let ack = c.acks()[0].clone();
    assert_eq!(ack["success"], false);
    assert_eq!(ack["error"]["name"], "Timeout");
    assert!(c.stderr().contains("got no ack"), "{}", c.stderr());
}

/// Every way of failing to connect is one error line and one hint line, with its exit code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connection_failures_are_one_line_with_a_hint_and_an_exit_code() {
    let emu = Emulator::start();
    let wrong_key = format!(
        "Endpoint={};AccessKey={};Version=1.0;",
        emu.endpoint,
        "Z".repeat(44)
    );
    let expired = emu.client_token(
        HUB,
        &json!({"sub": "alice", "iat": now() - 7200, "exp": now() - 3600}),
    );
    let expired_url = format!(
        "ws://localhost:{}/client/hubs/{HUB}?access_token={expired}",
        emu.port
    );
    let closed_port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let nobody = format!(
        "Endpoint=http://localhost:{closed_port};AccessKey={};Version=1.0;",
        DEFAULT_KEY
    );

    let cases: Vec<(Vec<&str>, i32, &str, &str)> = vec![
        (
            vec!["--connection-string", &wrong_key, "--hub", HUB],
            3,
            "HTTP 401",
            "access key",
        ),
        (vec!["--url", &expired_url], 3, "HTTP 401", "expired"),
        (
            vec!["--connection-string", &nobody, "--hub", HUB],
            6,
            "cannot connect",
            "emulator",
        ),
        (vec!["--connection-string", &emu.conn_str], 2, "no hub", ""),
        (
            vec!["--url", "ftp://example.com/x"],
            2,
            "scheme 'ftp'",
            "client URL",
        ),
    ];
    for (args, want, error, hint) in cases {
        let mut c = Piped::spawn(&args);
        c.close_stdin();
        let (status, lines) = c.wait();
        let err = c.stderr();
        assert_eq!(code(status), want, "{args:?}: stderr: {err}");
        assert!(lines.is_empty(), "{args:?}: nothing on stdout: {lines:?}");
        let err_lines: Vec<&str> = err.lines().collect();
        assert!(
            err_lines[0].starts_with("webpubsub: error: "),
            "{args:?}: {err}"
        );
        assert!(err_lines[0].contains(error), "{args:?}: {err}");
        if !hint.is_empty() {
            assert_eq!(
                err_lines.len(),
                2,
                "{args:?}: one error line and one hint: {err}"
            );
            assert!(
                err_lines[1].starts_with("hint: ") && err_lines[1].contains(hint),
                "{args:?}: {err}"
            );
        }
        assert!(!err.contains(&expired), "the token never appears: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_open_is_a_live_tail_of_a_group_until_interrupted() {
    let emu = Emulator::start();
    let mut tail = Piped::start(&emu, &["--group", "g1", "--keep-open"]);
    tail.close_stdin();
    tail.next("connected");
    let mut bob = emu
        .connect_json(
            HUB,
            &json!({"sub": "bob", "role": ["webpubsub.sendToGroup"]}),
        )
        .await;
    for i in 0..3 {
        assert_ack_ok(&bob.send_text_to("g1", &format!("tick {i}")).await);
        let m = tail.next("a group message");
        assert_eq!(m["data"], format!("tick {i}"));
        assert_eq!(m["group"], "g1");
    }
    emu.rest(
        "POST",
        &v(&format!("/api/hubs/{HUB}/groups/g1/:send")),
        Some("text/plain"),
        "from rest",
    )
    .await
    .expect_accepted();
    let m = tail.next("a REST message");
    assert_eq!(m["data"], "from rest");
    assert!(m.get("fromUserId").is_none(), "{m}");
    assert!(m.get("metadata").is_none(), "{m}");
    // A message with metadata shows it.
    let ack = bob
        .call(
            json!({"type": "sendToGroup", "group": "g1", "dataType": "text", "data": "tagged",
                     "metadata": {"trace": "t-1"}}),
        )
        .await;
    assert_ack_ok(&ack);
    let m = tail.next("a message with metadata");
    assert_eq!(m["data"], "tagged");
    assert_eq!(m["metadata"], json!({"trace": "t-1"}), "{m}");
    // Still running after the end of input; Ctrl-C ends it cleanly.
    assert!(tail.child.try_wait().unwrap().is_none());
    tail.signal("INT");
    let (status, _) = tail.wait();
    assert_eq!(code(status), 0, "stderr: {}", tail.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_protocol_sends_lines_as_frames_and_prints_what_arrives() {
    let emu = Emulator::start();
    let mut raw = Piped::start(&emu, &["--protocol", "raw", "--group", "g1", "--keep-open"]);
    assert_eq!(
        raw.next("connected"),
        json!({"type":"system","event":"connected","protocol":"raw"})
    );
    let mut bob = emu
        .connect_json(
            HUB,
            &json!({"sub": "bob", "role": ["webpubsub.sendToGroup"]}),
        )
        .await;
    assert_ack_ok(&bob.send_text_to("g1", "plain").await);
    assert_eq!(
        raw.next("text"),
        json!({"type":"message","dataType":"text","data":"plain"})
    );
    assert_ack_ok(
        &bob.call(json!({"type":"sendToGroup","group":"g1","dataType":"binary","data":"AQID"}))
            .await,
    );
    assert_eq!(
        raw.next("binary"),
        json!({"type":"message","dataType":"binary","data":"AQID"})
    );
    // Lines go out as text frames; the emulator has no handler for them, and keeps the socket.
    raw.write("joingroup g2");
    raw.close_stdin();
    raw.signal("TERM");
    let (status, _) = raw.wait();
    assert_eq!(code(status), 0, "stderr: {}", raw.stderr());
}

// ---------------------------------------------------------------------------------------------
// Losing the connection
// ---------------------------------------------------------------------------------------------

/// The emulator drops both the sender's and the receiver's sockets in the middle of a stream of
/// 600 messages: every command is acked exactly once and successfully, and the receiver shows
/// every message exactly once, in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reliable_recovery_after_a_drop_loses_and_repeats_nothing() {
    recovery_after_drops_loses_and_repeats_nothing("json.reliable", 600).await;
}

/// `n` messages from one reliable `client start` to another, each dropped once on the way
/// (the sender with requests in flight): every message arrives exactly once, in order, and
/// every command is acked once.
pub(crate) async fn recovery_after_drops_loses_and_repeats_nothing(protocol: &str, n: usize) {
    let emu = Emulator::start();
    let mut rx = Piped::start(
        &emu,
        &[
            "--protocol",
            protocol,
            "--user-id",
            "rx",
            "--group",
            "g1",
            "--keep-open",
        ],
    );
    rx.close_stdin();
    rx.next("receiver connected");
    let mut tx = Piped::start(&emu, &["--protocol", protocol, "--user-id", "tx"]);
    tx.next("sender connected");
    let (rx_id, tx_id) = (rx.connection_id(), tx.connection_id());

    // Bursts of 20 lines every 20 ms: slow enough that the receiver's replay buffer (1000
    // messages) never fills while it is away.
    // A third of the way, a burst of 200 lines and, at once, the sender's drop: some of its
    // requests are in flight then, and are re-sent with their ackIds after the recovery.
    let drop_path = format!("/emulator/hubs/{HUB}/connections/{tx_id}/:drop");
    let drop_token = emu.rest_token(&emu.url(&drop_path));
    let port = emu.port;
    let mut stdin = tx.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let mut i = 0;
        while i < n {
            let size = if i == n / 3 { 200 } else { 20 };
            let mut chunk = String::new();
            for j in i..(i + size).min(n) {
                chunk.push_str(&format!("sendtogroup g1 m{j}\n"));
            }
            stdin.write_all(chunk.as_bytes()).expect("write");
            stdin.flush().expect("flush");
            if size == 200 {
                post_blocking(port, &drop_path, &drop_token);
            }
            i += size;
            std::thread::sleep(Duration::from_millis(20));
        }
    });

    let mut received = Vec::new();
    let mut dropped_rx = false;
    while received.len() < n {
        let Ok(line) = rx.lines.recv_timeout(LINE_TIMEOUT) else {
            let tx_lines: Vec<String> = tx.lines.try_iter().collect();
            panic!(
                "receiver stalled after {} messages; sender stderr: {}\nsender's system lines: {:#?}\nreceiver's last lines: {:#?}",
                received.len(),
                tx.stderr(),
                tx_lines.iter().filter(|l| l.contains("\"system\"")).collect::<Vec<_>>(),
                &rx.seen[rx.seen.len().saturating_sub(5)..]
            );
        };
        let v = check_line(&line);
        rx.seen.push(v.clone());
        if v["type"] != "message" {
            continue;
        }
        received.push(v["data"].as_str().unwrap_or_default().to_string());
        // The sender needs 20 ms per 20 lines: the drop comes with most of the stream to come.
        if received.len() == n / 4 && !dropped_rx {
            drop_socket(&emu, &rx_id).await;
            dropped_rx = true;
        }
    }
    writer.join().expect("writer");
    let (status, _) = tx.wait();
    assert_eq!(code(status), 0, "sender stderr: {}", tx.stderr());

    let expected: Vec<String> = (0..n).map(|i| format!("m{i}")).collect();
    assert_eq!(received, expected, "every message exactly once, in order");
    let seqs: Vec<u64> = rx
        .seen
        .iter()
        .filter_map(|v| v["sequenceId"].as_u64())
        .collect();
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "sequence ids strictly increase: {seqs:?}"
    );

    let acks = tx.acks();
    let ids: Vec<u64> = acks.iter().map(|a| a["ackId"].as_u64().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        (1..=n as u64).collect::<Vec<_>>(),
        "one ack per command, none twice"
    );
    assert!(
        acks.iter().all(|a| a["success"] == true),
        "all succeeded: {acks:#?}"
    );

    for (who, c) in [("sender", &tx), ("receiver", &rx)] {
        let recovered: Vec<&Value> = c
            .seen
            .iter()
            .filter(|v| v["type"] == "system" && v["event"] == "recovered")
            .collect();
        assert_eq!(
            recovered.len(),
            1,
            "{who}: one line about the drop: {:#?}",
            c.seen
        );
        assert!(
            !c.seen.iter().any(|v| v["event"] == "reconnected"),
            "{who}: recovered, not replaced"
        );
        assert_eq!(c.stderr(), "", "{who}: no trace on stderr");
    }
    let duplicates = acks.iter().filter(|a| a["duplicate"] == true).count();
    eprintln!("re-sent requests the emulator had already run (Duplicate): {duplicates}");

    rx.signal("INT");
    let (status, _) = rx.wait();
    assert_eq!(code(status), 0);
}

/// An empty pipe still says it connected before it ends: the end of input waits for the
/// service's `connected` frame.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_pipe_still_reports_its_connection() {
    let emu = Emulator::start();
    for _ in 0..5 {
        let mut c = Piped::start(&emu, &["--user-id", "u1"]);
        c.close_stdin();
        let (status, lines) = c.wait();
        assert_eq!(code(status), 0, "{}", c.stderr());
        assert!(
            lines.iter().any(|l| l["event"] == "connected"),
            "no connected line: {lines:?}"
        );
    }
}

/// A line that is a JSON object goes out as typed (the wscat habit); its ackId is tracked, and
/// the commands after it number on from there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_object_lines_are_sent_as_typed_and_their_ack_ids_tracked() {
    let emu = Emulator::start();
    let mut c = Piped::start(&emu, &["--user-id", "u1"]);
    c.next("connected");
    c.write(r#"{"type":"joinGroup","group":"g9","ackId":42}"#);
    let ack = c.next("the frame's ack");
    assert_fields(
        &ack,
        &json!({"type": "ack", "ackId": 42, "command": "frame joinGroup", "success": true}),
    );
    // No ackId: sent, nothing to wait for; the message comes back to this member of g9.
    c.write(r#"{"type":"sendToGroup","group":"g9","dataType":"text","data":"as typed"}"#);
    let m = c.next("the message");
    assert_fields(
        &m,
        &json!({"type": "message", "group": "g9", "data": "as typed"}),
    );
    c.write("leavegroup g9");
    assert_fields(
        &c.next("the next ack"),
        &json!({"ackId": 43, "success": true}),
    );
    c.write(r#"{"type":"joinGroup""#);
    c.close_stdin();
    let (status, _) = c.wait();
    assert_eq!(
        code(status),
        8,
        "an invalid line fails the run: {}",
        c.stderr()
    );
    assert!(c.stderr().contains("not a JSON frame"), "{}", c.stderr());
}

/// `--show-frames`: every frame both ways, exactly as on the wire, in order with the events.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn show_frames_prints_each_frame_both_ways() {
    let emu = Emulator::start();
    let mut c = Piped::start(
        &emu,
        &["--user-id", "u1", "--show-frames", "--protocol", "json"],
    );
    let first = c.next("the connected frame");
    assert_eq!(first["type"], "frame", "{first}");
    assert_eq!(first["direction"], "in");
    let connected: Value = serde_json::from_str(first["text"].as_str().unwrap()).unwrap();
    assert_eq!(connected["event"], "connected");
    assert_eq!(c.next("connected")["event"], "connected");
    c.write("joingroup g1");
    let out = c.next("the joinGroup frame");
    assert_fields(
        &out,
        &json!({"type": "frame", "direction": "out", "text": r#"{"type":"joinGroup","group":"g1","ackId":1}"#}),
    );
    let back = c.next("the ack frame");
    assert_fields(
        &back,
        &json!({"type": "frame", "direction": "in", "text": r#"{"type":"ack","ackId":1,"success":true}"#}),
    );
    assert_fields(
        &c.next("the ack"),
        &json!({"type": "ack", "ackId": 1, "success": true}),
    );
    c.close_stdin();
    let (status, _) = c.wait();
    assert_eq!(code(status), 0, "{}", c.stderr());
}

/// Two drops 150 ms apart, the second landing while the first is being recovered, several times
/// over 10,000 messages, to the sender and to the receiver: nothing lost, nothing twice, no
/// command failed, exit 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn double_drops_lose_and_repeat_nothing_either_way() {
    const N: usize = 10_000;
    const BURST: usize = 20;
    let emu = Emulator::start();
    let mut rx = Piped::start(&emu, &["--user-id", "rx", "--group", "g1", "--keep-open"]);
    rx.close_stdin();
    rx.next("receiver connected");
    let mut tx = Piped::start(&emu, &["--user-id", "tx"]);
    tx.next("sender connected");
    let port = emu.port;
    let drop_of = |id: &str| {
        let path = format!("/emulator/hubs/{HUB}/connections/{id}/:drop");
        let token = emu.rest_token(&emu.url(&path));
        (path, token)
    };
    let double_drop = move |(path, token): (String, String)| {
        std::thread::spawn(move || {
            post_blocking(port, &path, &token);
            std::thread::sleep(Duration::from_millis(150));
            post_blocking(port, &path, &token);
        })
    };
    let tx_drop = drop_of(&tx.connection_id());
    let rx_drop = drop_of(&rx.connection_id());

    // Bursts of 20 lines every 20 ms (1,000 a second, which a debug build keeps up with on two
    // busy cores, so the receiver's replay buffer of 1,000 unacknowledged messages never fills
    // while it is away); the sender is dropped twice, 150 ms apart, at 4 points.
    let mut stdin = tx.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let mut drops = Vec::new();
        for start in (0..N).step_by(BURST) {
            let mut chunk = String::new();
            for j in start..(start + BURST).min(N) {
                chunk.push_str(&format!("sendtogroup g1 m{j}\n"));
            }
            stdin.write_all(chunk.as_bytes()).expect("write");
            stdin.flush().expect("flush");
            if start > 0 && start % (N / 5) == 0 {
                drops.push(double_drop(tx_drop.clone()));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        for d in drops {
            d.join().expect("drops");
        }
    });

    let mut received = Vec::with_capacity(N);
    let mut rx_drops = Vec::new();
    while received.len() < N {
        let Ok(line) = rx.lines.recv_timeout(LINE_TIMEOUT) else {
            panic!(
                "receiver stalled after {} messages; sender stderr: {}\nreceiver stderr: {}\nreceiver's system lines: {:#?}",
                received.len(),
                tx.stderr(),
                rx.stderr(),
                rx.seen.iter().filter(|v| v["type"] == "system").collect::<Vec<_>>()
            );
        };
        let v = check_line(&line);
        let is_message = v["type"] == "message";
        if is_message {
            received.push(v["data"].as_str().unwrap_or_default().to_string());
        }
        rx.seen.push(v);
        if is_message && received.len() % (N / 4) == N / 8 {
            rx_drops.push(double_drop(rx_drop.clone()));
        }
    }
    writer.join().expect("writer");
    for d in rx_drops {
        d.join().expect("drops");
    }
    let (status, _) = tx.wait();
    assert_eq!(code(status), 0, "sender stderr: {}", tx.stderr());

    let expected: Vec<String> = (0..N).map(|i| format!("m{i}")).collect();
    let first_difference = received.iter().zip(&expected).position(|(a, b)| a != b);
    assert!(
        received == expected,
        "every message exactly once, in order; first difference at {first_difference:?} of {}",
        received.len()
    );
    let acks = tx.acks();
    let mut ids: Vec<u64> = acks.iter().map(|a| a["ackId"].as_u64().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        (1..=N as u64).collect::<Vec<_>>(),
        "one ack per command, none twice"
    );
    let failed: Vec<&&Value> = acks.iter().filter(|a| a["success"] != true).collect();
    assert!(failed.is_empty(), "failed commands: {failed:#?}");
    for (who, c) in [("sender", &tx), ("receiver", &rx)] {
        assert!(
            !c.seen.iter().any(|v| v["event"] == "reconnected"),
            "{who}: recovered every time, never replaced: {:#?}",
            c.seen
                .iter()
                .filter(|v| v["type"] == "system")
                .collect::<Vec<_>>()
        );
    }
    rx.signal("INT");
    let (status, _) = rx.wait();
    assert_eq!(code(status), 0);
}

/// Without the reliable protocol a drop means a new connection: the user is told in one line,
/// and the groups joined with `joingroup` are joined again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_protocol_reconnects_and_rejoins_groups_after_a_drop() {
    let emu = Emulator::start();
    let mut c = Piped::start(&emu, &["--protocol", "json", "--keep-open"]);
    c.next("connected");
    let first = c.connection_id();
    c.write("joingroup g1");
    assert_eq!(c.next("ack")["success"], true);
    drop_socket(&emu, &first).await;
    let attempt = c.next("reconnecting");
    assert_eq!(attempt["event"], "reconnecting", "{attempt}");
    assert_eq!(attempt["attempt"], 1, "{attempt}");
    let re = c.next("reconnected");
    assert_eq!(re["event"], "reconnected", "{re}");
    assert_eq!(re["previousConnectionId"], first.as_str());
    let second = re["connectionId"]
        .as_str()
        .expect("new connection id")
        .to_string();
    assert_ne!(second, first);
    assert!(
        re["message"]
            .as_str()
            .is_some_and(|m| m.contains("rejoining g1")),
        "{re}"
    );
    let rejoin = c.next("rejoin ack");
    assert_eq!(
        rejoin,
        json!({"type":"ack","ackId":2,"command":"joingroup g1","success":true})
    );

    let mut bob = emu
        .connect_json(
            HUB,
            &json!({"sub": "bob", "role": ["webpubsub.sendToGroup"]}),
        )
        .await;
    assert_ack_ok(&bob.send_text_to("g1", "after").await);
    let m = c.next("message on the new connection");
    assert_eq!(m["data"], "after");
    assert!(
        m.get("sequenceId").is_none(),
        "no sequence ids on json: {m}"
    );
    c.signal("INT");
    let (status, _) = c.wait();
    assert_eq!(code(status), 0, "stderr: {}", c.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_closing_the_connection_exits_4() {
    let emu = Emulator::start();
    let mut c = Piped::start(&emu, &["--keep-open"]);
    c.next("connected");
    let id = c.connection_id();
    emu.close_connection(HUB, &id, "maintenance").await;
    let d = c.next("disconnected");
    assert_eq!(
        d,
        json!({"type":"system","event":"disconnected","message":"maintenance"})
    );
    let (status, _) = c.wait();
    assert_eq!(code(status), 4, "stderr: {}", c.stderr());
    let err = c.stderr();
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.starts_with("webpubsub: error: the connection was closed by the service (1000"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_going_away_exits_6_after_the_reconnect_timeout() {
    let emu = Emulator::start();
    let mut c = Piped::start(&emu, &["--keep-open", "--reconnect-timeout", "2"]);
    c.close_stdin();
    c.next("connected");
    drop(emu);
    let (status, lines) = c.wait();
    assert_gave_up_reconnecting(status, &lines, &c.stderr(), 2);
}

// ---------------------------------------------------------------------------------------------
// The REPL, in a pseudo-terminal
// ---------------------------------------------------------------------------------------------

/// Unix only: a pty, and a terminal emulator reading the screen.
#[cfg(unix)]
mod repl {
    use super::*;

    const ROWS: u16 = 40;
    const COLS: u16 = 80;

    /// A user types half a line; another client's message arrives meanwhile. It is printed above
    /// the prompt, escaped, and the half-typed line is still there, still editable.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn repl_prints_incoming_messages_above_a_half_typed_line() {
        let emu = Emulator::start();
        let home = tempfile::tempdir().expect("tempdir");
        let mut cmd = Command::new(bin());
        cmd.args([
            "client",
            "start",
            "--connection-string",
            &emu.conn_str,
            "--hub",
            HUB,
            "--user-id",
            "alice",
        ])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("WebPubSubConnectionString")
        .env_remove("WebPubSubHub");
        let mut pty = Pty::spawn(cmd, ROWS, COLS);
        let prompt = "alice@chat> ";

        pty.wait_for_text("connected as alice");
        pty.wait_for("the prompt", |rows| {
            rows.iter().any(|r| r.starts_with(prompt.trim_end()))
        });
        pty.keys("joingroup g1\r");
        pty.wait_for_text("joined g1");
        pty.keys("sendtogroup g1 hello from alice\r");
        pty.wait_for_text("[g1] alice: hello from alice");
        pty.wait_for_text("sent to g1");

        // Half a line, then bob speaks (with an escape sequence that would clear the screen).
        pty.keys("sendtogroup g1 half typ");
        pty.wait_for("the half-typed line", |_| {
            pty.cursor_row() == format!("{prompt}sendtogroup g1 half typ")
        });
        let mut bob = emu
            .connect_json(
                HUB,
                &json!({"sub": "bob", "role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]}),
            )
            .await;
        assert_ack_ok(&bob.join("g1").await);
        assert_ack_ok(&bob.send_text_to("g1", "hi from bob\x1b[2J").await);
        let rows = pty.wait_for_text("[g1] bob: hi from bob\\u{1b}[2J");
        let bob_row = rows
            .iter()
            .position(|r| r.contains("[g1] bob: hi from bob"))
            .expect("bob's row");
        let prompt_row = rows
            .iter()
            .rposition(|r| r.starts_with(prompt.trim_end()))
            .expect("prompt row");
        assert!(
            bob_row < prompt_row,
            "the message is above the prompt:\n{}",
            rows.join("\n")
        );
        assert_eq!(
            pty.cursor_row(),
            format!("{prompt}sendtogroup g1 half typ"),
            "the half line is intact:\n{}",
            rows.join("\n")
        );
        assert!(
            rows.iter().any(|r| r.contains("joined g1")),
            "the screen was not cleared:\n{}",
            rows.join("\n")
        );

        // The half line is still being edited: finish and send it.
        pty.keys("ed\r");
        pty.wait_for_text("[g1] alice: half typed");
        pty.wait_for("a second ack", |rows| {
            rows.iter().filter(|r| r.contains("sent to g1")).count() == 2
        });

        // Tab completes joined groups; an unknown command is one error line.
        pty.keys("leavegroup \t");
        pty.wait_for("completion", |_| {
            pty.cursor_row() == format!("{prompt}leavegroup g1")
        });
        pty.keys("\r");
        pty.wait_for_text("left g1");
        pty.keys("frobnicate\r");
        pty.wait_for_text("error: unknown command 'frobnicate'");

        pty.keys("exit\r");
        let status = pty.process.wait().expect("wait");
        assert!(
            matches!(status, rexpect::process::WaitStatus::Exited(_, 0)),
            "exit status {status:?}:\n{}",
            pty.rows().join("\n")
        );
        let history = std::fs::read_to_string(home.path().join("data/webpubsub/client-history"))
            .expect("history file");
        assert!(history.contains("joingroup g1"), "{history}");
        assert!(history.contains("sendtogroup g1 half typed"), "{history}");
    }

    /// `client start` on a pty with the emulator's connection string and a private data dir.
    fn repl(emu: &Emulator, home: &std::path::Path, extra: &[&str]) -> Pty {
        let mut cmd = Command::new(bin());
        cmd.args([
            "client",
            "start",
            "--connection-string",
            &emu.conn_str,
            "--hub",
            HUB,
        ])
        .args(extra)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("WebPubSubConnectionString")
        .env_remove("WebPubSubHub");
        Pty::spawn(cmd, ROWS, COLS)
    }

    /// Ctrl-C clears the line and says how to leave; a second one, or Ctrl-D, leaves with 0.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn repl_ctrl_c_clears_the_line_and_ctrl_d_leaves() {
        let emu = Emulator::start();
        let home = tempfile::tempdir().expect("tempdir");
        let mut pty = repl(&emu, home.path(), &[]);
        pty.wait_for_text("type help for the commands");
        pty.keys("joingroup g");
        pty.wait_for("typed", |_| pty.cursor_row() == "chat> joingroup g");
        pty.keys("\x03");
        pty.wait_for_text("press Ctrl-C again, Ctrl-D or type exit to leave");
        pty.wait_for("an empty prompt", |_| pty.cursor_row() == "chat>");
        pty.keys("help\r");
        pty.wait_for_text("sendtogroup GROUP MESSAGE");
        pty.keys("\x04");
        let status = pty.process.wait().expect("wait");
        assert!(
            matches!(status, rexpect::process::WaitStatus::Exited(_, 0)),
            "exit status {status:?}:\n{}",
            pty.rows().join("\n")
        );
    }

    /// When the service is gone for good while a line is half typed, the user gets one error line
    /// and a hint, exit code 6, and the terminal back in its normal mode.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn repl_gives_the_terminal_back_when_the_service_is_gone() {
        let emu = Emulator::start();
        let home = tempfile::tempdir().expect("tempdir");
        let mut pty = repl(
            &emu,
            home.path(),
            &["--user-id", "alice", "--reconnect-timeout", "1"],
        );
        pty.wait_for_text("type help for the commands");
        pty.keys("sendtogroup g1 half");
        pty.wait_for("typed", |_| {
            pty.cursor_row() == "alice@chat> sendtogroup g1 half"
        });
        drop(emu);
        let status = pty.process.wait().expect("wait");
        let rows = pty.wait_for_text("hint: is the emulator running?");
        assert!(
            matches!(status, rexpect::process::WaitStatus::Exited(_, 6)),
            "exit status {status:?}:\n{}",
            rows.join("\n")
        );
        let error = rows
            .iter()
            .position(|r| r.starts_with("webpubsub: error: connection lost"))
            .expect("error row");
        let screen = rows.join("\n");
        assert!(screen.contains("reconnecting failed for 1 s"), "{screen}");
        assert!(
            rows[..error]
                .iter()
                .any(|r| r.ends_with("sendtogroup g1 half")),
            "{}",
            rows.join("\n")
        );
        // Canonical mode is back (rustyline had switched it off).
        let attrs = nix::sys::termios::tcgetattr(&pty.writer).expect("tcgetattr");
        assert!(
            attrs
                .local_flags
                .contains(nix::sys::termios::LocalFlags::ICANON),
            "the terminal is still in raw mode"
        );
    }

    /// Lines typed ahead or pasted arrive in one write; every one of them runs, in order.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn repl_runs_every_line_of_one_write_in_order() {
        let emu = Emulator::start();
        let home = tempfile::tempdir().expect("tempdir");
        let mut pty = repl(&emu, home.path(), &["--user-id", "alice"]);
        pty.wait_for_text("connected as alice");
        pty.wait_for("the prompt", |rows| {
            rows.iter().any(|r| r.starts_with("alice@chat>"))
        });
        pty.keys("joingroup g1\rsendtogroup g1 one\rsendtogroup g1 two\r");
        let rows = pty.wait_for("all three results", |rows| {
            rows.iter().any(|r| r.contains("[g1] alice: two"))
        });
        let at = |text: &str| {
            rows.iter()
                .position(|r| r.contains(text))
                .unwrap_or_else(|| panic!("{text} missing:\n{}", rows.join("\n")))
        };
        assert!(at("joined g1") < at("[g1] alice: one"));
        assert!(at("[g1] alice: one") < at("[g1] alice: two"));

        // A terminal's bracketed paste of several lines: each one runs, then the Enter after it.
        pty.keys("\x1b[200~joingroup g2\rsendtogroup g2 three\r\x1b[201~sendtogroup g2 four\r");
        let rows = pty.wait_for("the pasted lines' results", |rows| {
            rows.iter().any(|r| r.contains("[g2] alice: four"))
        });
        let at = |text: &str| {
            rows.iter()
                .position(|r| r.contains(text))
                .unwrap_or_else(|| panic!("{text} missing:\n{}", rows.join("\n")))
        };
        assert!(at("joined g2") < at("[g2] alice: three"));
        assert!(at("[g2] alice: three") < at("[g2] alice: four"));
    }

    /// A drop shows a reconnecting line, then the recovery; with the emulator stopped, the REPL
    /// keeps saying it is reconnecting and never claims a connection it does not have; a
    /// command typed meanwhile says it waits.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn repl_shows_reconnecting_and_never_a_false_connected() {
        let mut emu = Emulator::start();
        let home = tempfile::tempdir().expect("tempdir");
        let mut pty = repl(
            &emu,
            home.path(),
            &["--user-id", "alice", "--reconnect-timeout", "4"],
        );
        let rows = pty.wait_for_text("type help for the commands");
        let id = rows
            .iter()
            .find_map(|r| r.split("(connection ").nth(1))
            .and_then(|rest| rest.split(',').next())
            .expect("the connection id on screen")
            .to_string();
        drop_socket(&emu, &id).await;
        pty.wait_for_text("reconnecting (attempt 1)");
        pty.wait_for_text("was recovered");

        emu.signal_and_wait("TERM", Duration::from_secs(10));
        pty.wait_for_text("the service is closing the connection");
        pty.keys("joingroup g1\r");
        pty.wait_for_text("joingroup g1 waits for the connection to come back");
        let rows = pty.wait_for_text("reconnecting (attempt 3)");
        let screen = rows.join("\n");
        let after_stop = screen
            .split("the service is closing the connection")
            .nth(1)
            .unwrap_or_default();
        assert!(
            !after_stop.contains("connected as") && !after_stop.contains("was recovered"),
            "a connection was claimed after the emulator stopped:\n{screen}"
        );
        let status = pty.process.wait().expect("wait");
        assert!(
            matches!(status, rexpect::process::WaitStatus::Exited(_, 6)),
            "exit status {status:?}"
        );
    }
}
