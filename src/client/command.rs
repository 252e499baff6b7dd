//! Parsing one REPL or stdin line into a [`Command`]: shared by the REPL and the pipe, so both
//! accept exactly the same language.
//!
//! ```text
//! joingroup GROUP
//! leavegroup GROUP
//! sendtogroup GROUP MESSAGE [--json | --binary | --protobuf] [--no-echo]
//! event NAME MESSAGE [--json | --binary | --protobuf]
//! help | exit | quit
//! ```
//!
//! The command word is case-insensitive (as in `az webpubsub client start`). MESSAGE is the rest
//! of the line, spaces included. Flags may come before GROUP, right after it, or at the end of
//! the line; `--` ends the flags, so `sendtogroup g1 -- --json` sends the text `--json`. A GROUP
//! or NAME with spaces can be quoted: `joingroup "my group"`. Blank lines and lines starting
//! with `#` are ignored.

use base64::Engine as _;
use serde_json::Value;

use super::socketcluster::{self, Request};
use super::Protocol;
use crate::wire::{ClientFrame, DataType, GroupName};

/// A parsed line.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Help,
    Exit,
    Join(GroupName),
    Leave(GroupName),
    Send {
        group: GroupName,
        data_type: DataType,
        data: Value,
        no_echo: bool,
    },
    Event {
        name: String,
        data_type: DataType,
        data: Value,
    },
    /// The raw protocol: the line, sent as a text frame.
    Raw(String),
    /// A line that is a JSON object (`{"type":"joinGroup",…}`, the wscat habit): sent as it is.
    /// Its `ackId`, if it has one, is tracked like the ackId of any other command.
    Frame {
        /// The line as typed (trimmed).
        text: String,
        /// Its `type`.
        kind: String,
        ack_id: Option<u64>,
    },
    /// `--protocol socketcluster`: emit, subscribe, unsubscribe, publish.
    SocketCluster(Request),
}

/// The command names, for help and tab completion.
pub const NAMES: &[&str] = &[
    "joingroup",
    "leavegroup",
    "sendtogroup",
    "event",
    "help",
    "exit",
    "quit",
];
/// The flags of `sendtogroup` (and, but for `--no-echo`, of `event`).
pub const FLAGS: &[&str] = &["--json", "--binary", "--protobuf", "--no-echo"];

pub const HELP: &str = "\
Commands (the first word is case-insensitive):
  joingroup GROUP              join a group
  leavegroup GROUP             leave a group
  sendtogroup GROUP MESSAGE    send MESSAGE to a group, as text unless:
      --json                   MESSAGE is JSON, sent as JSON
      --binary                 MESSAGE is base64, sent as bytes
      --protobuf               MESSAGE is a serialized google.protobuf.Any in base64
                               (protobuf subprotocols only)
      --no-echo                do not deliver it back to this connection
  event NAME MESSAGE           send an event to the hub's event handler (--json, --binary,
                               --protobuf as above)
  help                         this text
  exit, quit, Ctrl-D           leave, after the outstanding acks
Flags go before or after MESSAGE; `--` ends them. Quote a GROUP with spaces: \"my group\".";

pub const RAW_HELP: &str = "\
Raw WebSocket (no subprotocol): every line is sent as a text frame, and every frame received is
printed. help shows this text; exit, quit or Ctrl-D leaves.";

/// Why a line was not understood. One line, with what the right form is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

fn err<T>(msg: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError(msg.into()))
}

const SEND_USAGE: &str = "sendtogroup GROUP MESSAGE [--json|--binary|--protobuf] [--no-echo]";
const EVENT_USAGE: &str = "event NAME MESSAGE [--json|--binary|--protobuf]";

/// Parses a line. `Ok(None)` for blank lines and `#` comments.
pub fn parse(line: &str, protocol: Protocol) -> Result<Option<Command>, ParseError> {
    let line = line.trim_end_matches(['\r', '\n']);
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let (typed, rest) = split_word(trimmed);
    // Command words are case-insensitive; messages show the word as it was typed.
    let word = typed.to_ascii_lowercase();
    match word.as_str() {
        "help" | "?" if rest.trim().is_empty() => return Ok(Some(Command::Help)),
        "exit" | "quit" if rest.trim().is_empty() => return Ok(Some(Command::Exit)),
        _ => {}
    }
    if protocol == Protocol::Raw {
        // Everything else goes out as it was typed.
        return Ok(Some(Command::Raw(line.to_string())));
    }
    if trimmed.starts_with('#') {
        return Ok(None);
    }
    if protocol == Protocol::SocketCluster {
        return socketcluster::command::parse(&word, typed, rest)
            .map(|r| Some(Command::SocketCluster(r)));
    }
    if trimmed.starts_with('{') {
        return frame(trimmed, protocol).map(Some);
    }
    match word.as_str() {
        "joingroup" => one_group(rest, "joingroup").map(|g| Some(Command::Join(g))),
        "leavegroup" => one_group(rest, "leavegroup").map(|g| Some(Command::Leave(g))),
        "sendtogroup" => {
            let p = with_payload(rest, "GROUP", SEND_USAGE, true, protocol)?;
            let group = GroupName::parse(p.target).map_err(|e| ParseError(e.to_string()))?;
            Ok(Some(Command::Send {
                group,
                data_type: p.data_type,
                data: p.data,
                no_echo: p.no_echo,
            }))
        }
        "event" => {
            let p = with_payload(rest, "NAME", EVENT_USAGE, false, protocol)?;
            Ok(Some(Command::Event {
                name: p.target,
                data_type: p.data_type,
                data: p.data,
            }))
        }
        "help" | "exit" | "quit" => err(format!(
            "{} takes no arguments",
            crate::output::sanitize_line(typed)
        )),
        _ => err(format!(
            "unknown command '{}': the commands are joingroup, leavegroup, sendtogroup, event, help, exit (or a JSON frame)",
            crate::output::sanitize_line(typed)
        )),
    }
}

impl Command {
    /// How an ack names the command: the command word and its target, without the message.
    pub fn label(&self) -> String {
        match self {
            Command::Join(g) => format!("joingroup {g}"),
            Command::Leave(g) => format!("leavegroup {g}"),
            Command::Send { group, .. } => format!("sendtogroup {group}"),
            Command::Event { name, .. } => format!("event {name}"),
            Command::Raw(_) => "send".to_string(),
            Command::Frame { kind, .. } => format!("frame {kind}"),
            Command::SocketCluster(r) => r.label(),
            Command::Help => "help".to_string(),
            Command::Exit => "exit".to_string(),
        }
    }

    /// The wire frame of a request command, with its ackId.
    pub fn frame(&self, ack_id: u64) -> Option<ClientFrame> {
        let ack_id = Some(ack_id);
        Some(match self {
            Command::Join(group) => ClientFrame::JoinGroup {
                group: group.to_string(),
                ack_id,
            },
            Command::Leave(group) => ClientFrame::LeaveGroup {
                group: group.to_string(),
                ack_id,
            },
            Command::Send {
                group,
                data_type,
                data,
                no_echo,
            } => ClientFrame::SendToGroup {
                group: group.to_string(),
                ack_id,
                data_type: *data_type,
                data: data.clone(),
                no_echo: *no_echo,
                ttl_seconds: None,
                metadata: None,
            },
            Command::Event {
                name,
                data_type,
                data,
            } => ClientFrame::Event {
                event: name.clone(),
                ack_id,
                data_type: *data_type,
                data: data.clone(),
                metadata: None,
            },
            Command::Raw(_)
            | Command::Frame { .. }
            | Command::SocketCluster(_)
            | Command::Help
            | Command::Exit => return None,
        })
    }
}

/// A JSON object typed as it goes on the wire. It must name its `type`; an `ackId`, when there
/// is one, must be a whole number (the service's ackIds are uint64). On the protobuf
/// subprotocols it must be a request they have, which is sent in their encoding.
fn frame(text: &str, protocol: Protocol) -> Result<Command, ParseError> {
    let frame: serde_json::Map<String, Value> =
        serde_json::from_str(text).map_err(|e| ParseError(format!("not a JSON frame: {e}")))?;
    let Some(kind) = frame.get("type").and_then(Value::as_str) else {
        return err(
            "a JSON frame needs a \"type\", e.g. {\"type\":\"joinGroup\",\"group\":\"g1\"}",
        );
    };
    let ack_id = match frame.get("ackId") {
        None => None,
        Some(v) => Some(
            v.as_u64()
                .ok_or_else(|| ParseError("\"ackId\" must be a whole number".to_string()))?,
        ),
    };
    if protocol.is_protobuf() {
        let request: ClientFrame = serde_json::from_str(text).map_err(|e| {
            ParseError(format!(
                "not a request of the protobuf subprotocol ({e}): use joinGroup, leaveGroup, sendToGroup, event, sequenceAck or ping"
            ))
        })?;
        crate::wire::protobuf::encode_client(&request)
            .map_err(|e| ParseError(format!("cannot send this frame as protobuf: {e}")))?;
    }
    Ok(Command::Frame {
        text: text.to_string(),
        kind: kind.to_string(),
        ack_id,
    })
}

/// `joingroup GROUP` / `leavegroup GROUP`: exactly one group.
fn one_group(rest: &str, cmd: &str) -> Result<GroupName, ParseError> {
    let Some((group, after)) = next_word(rest)? else {
        return err(format!("{cmd}: missing GROUP ({cmd} GROUP)"));
    };
    if let Some((extra, _)) = next_word(after)? {
        return err(format!(
            "{cmd}: unexpected '{}' after GROUP (quote a group name with spaces)",
            crate::output::sanitize_line(&extra)
        ));
    }
    GroupName::parse(group).map_err(|e| ParseError(e.to_string()))
}

pub(super) struct Payload {
    pub(super) target: String,
    pub(super) data_type: DataType,
    pub(super) data: Value,
    pub(super) no_echo: bool,
}

#[derive(Default)]
struct Flags {
    json: bool,
    binary: bool,
    protobuf: bool,
    no_echo: bool,
}

impl Flags {
    /// Takes `word` if it is a flag this command has.
    fn take(&mut self, word: &str, allow_no_echo: bool) -> bool {
        match word {
            "--json" => self.json = true,
            "--binary" => self.binary = true,
            "--protobuf" => self.protobuf = true,
            "--no-echo" if allow_no_echo => self.no_echo = true,
            _ => return false,
        }
        true
    }
}

/// `TARGET MESSAGE` with flags before TARGET, right after it, or at the end.
pub(super) fn with_payload(
    rest: &str,
    target_name: &str,
    usage: &str,
    allow_no_echo: bool,
    protocol: Protocol,
) -> Result<Payload, ParseError> {
    let cmd = usage.split(' ').next().unwrap_or_default();
    let mut flags = Flags::default();
    let mut rest = rest;
    let mut flags_ended = false;
    // Flags before the target.
    let target = loop {
        let Some((word, after)) = next_word(rest)? else {
            return err(format!("{cmd}: missing {target_name} ({usage})"));
        };
        rest = after;
        if word == "--" {
            flags_ended = true;
            match next_word(rest)? {
                Some((t, after)) => {
                    rest = after;
                    break t;
                }
                None => return err(format!("{cmd}: missing {target_name} ({usage})")),
            }
        }
        if word.starts_with("--") {
            if !flags.take(&word, allow_no_echo) {
                return err(format!(
                    "{cmd}: unknown option '{}' ({usage})",
                    crate::output::sanitize_line(&word)
                ));
            }
            continue;
        }
        break word;
    };
    // Flags right after the target.
    while !flags_ended {
        match next_word(rest)? {
            Some((word, after)) if word == "--" => {
                rest = after;
                flags_ended = true;
            }
            Some((word, after)) if flags.take(&word, allow_no_echo) => rest = after,
            _ => break,
        }
    }
    let mut message = rest.trim();
    // Flags at the end of the line, unless `--` said everything after it is the message.
    if !flags_ended {
        while let Some((head, last)) = message.rsplit_once(char::is_whitespace) {
            if !flags.take(last, allow_no_echo) {
                break;
            }
            message = head.trim_end();
        }
    }
    if message.is_empty() {
        return err(format!("{cmd}: missing MESSAGE ({usage})"));
    }
    if [flags.json, flags.binary, flags.protobuf]
        .iter()
        .filter(|f| **f)
        .count()
        > 1
    {
        return err(format!(
            "{cmd}: --json, --binary and --protobuf cannot be used together"
        ));
    }
    if flags.protobuf {
        if !protocol.is_protobuf() {
            return err(format!(
                "{cmd}: --protobuf needs a protobuf subprotocol (client start --protocol protobuf or protobuf.reliable)"
            ));
        }
        let compact: String = message.split_whitespace().collect();
        let any = base64::engine::general_purpose::STANDARD
            .decode(compact.as_bytes())
            .map_err(|_| ParseError(format!("{cmd}: --protobuf: MESSAGE is not valid base64")))?;
        if let Err(e) = crate::wire::protobuf::check_any(&any) {
            return err(format!("{cmd}: --protobuf: {e}"));
        }
        return Ok(Payload {
            target,
            data_type: DataType::Protobuf,
            data: Value::String(compact),
            no_echo: flags.no_echo,
        });
    }
    let (data_type, data) = match (flags.json, flags.binary) {
        (true, _) => match serde_json::from_str::<Value>(message) {
            Ok(Value::Null) => {
                return err(format!("{cmd}: --json: the service does not accept null"))
            }
            Ok(v) => (DataType::Json, v),
            Err(e) => return err(format!("{cmd}: --json: MESSAGE is not valid JSON: {e}")),
        },
        (false, true) => {
            let compact: String = message.split_whitespace().collect();
            match base64::engine::general_purpose::STANDARD.decode(compact.as_bytes()) {
                Ok(_) => (DataType::Binary, Value::String(compact)),
                Err(_) => return err(format!("{cmd}: --binary: MESSAGE is not valid base64")),
            }
        }
        (false, false) => (DataType::Text, Value::String(message.to_string())),
    };
    Ok(Payload {
        target,
        data_type,
        data,
        no_echo: flags.no_echo,
    })
}

/// The first whitespace-separated word and the rest (not trimmed).
fn split_word(s: &str) -> (&str, &str) {
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    }
}

/// The next word, which may be quoted with `"` or `'`; `None` at the end of the line.
pub(super) fn next_word(s: &str) -> Result<Option<(String, &str)>, ParseError> {
    let s = s.trim_start();
    let Some(first) = s.chars().next() else {
        return Ok(None);
    };
    if first == '"' || first == '\'' {
        let body = &s[1..];
        return match body.find(first) {
            Some(end) => Ok(Some((body[..end].to_string(), &body[end + 1..]))),
            None => err(format!("missing closing {first}")),
        };
    }
    let (word, rest) = split_word(s);
    Ok(Some((word.to_string(), rest)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(line: &str) -> Result<Option<Command>, ParseError> {
        parse(line, Protocol::JsonReliable)
    }

    fn g(name: &str) -> GroupName {
        GroupName::parse(name).unwrap()
    }

    fn send(group: &str, data_type: DataType, data: Value, no_echo: bool) -> Command {
        Command::Send {
            group: g(group),
            data_type,
            data,
            no_echo,
        }
    }

    #[test]
    fn simple_commands() {
        assert_eq!(p("  "), Ok(None));
        assert_eq!(p("# a comment"), Ok(None));
        assert_eq!(p("HELP"), Ok(Some(Command::Help)));
        assert_eq!(p("quit\r"), Ok(Some(Command::Exit)));
        assert_eq!(p("JoinGroup g1"), Ok(Some(Command::Join(g("g1")))));
        assert_eq!(
            p("leavegroup \"my group\""),
            Ok(Some(Command::Leave(g("my group"))))
        );
    }

    #[test]
    fn send_with_flags_anywhere() {
        let text = |s: &str| Value::String(s.into());
        assert_eq!(
            p("sendtogroup g1 hello  world "),
            Ok(Some(send(
                "g1",
                DataType::Text,
                text("hello  world"),
                false
            )))
        );
        assert_eq!(
            p("sendtogroup --no-echo g1 hi"),
            Ok(Some(send("g1", DataType::Text, text("hi"), true)))
        );
        assert_eq!(
            p("sendtogroup g1 --json {\"a\": [1, 2]}"),
            Ok(Some(send(
                "g1",
                DataType::Json,
                json!({"a": [1, 2]}),
                false
            )))
        );
        assert_eq!(
            p("sendtogroup g1 {\"a\":1} --json --no-echo"),
            Ok(Some(send("g1", DataType::Json, json!({"a": 1}), true)))
        );
        assert_eq!(
            p("sendtogroup g1 AQID --binary"),
            Ok(Some(send("g1", DataType::Binary, text("AQID"), false)))
        );
        assert_eq!(
            p("sendtogroup g1 -- --json is text"),
            Ok(Some(send(
                "g1",
                DataType::Text,
                text("--json is text"),
                false
            )))
        );
        assert_eq!(
            p("event chat.message {\"x\":true} --json"),
            Ok(Some(Command::Event {
                name: "chat.message".into(),
                data_type: DataType::Json,
                data: json!({"x": true})
            }))
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let e = |line: &str| p(line).unwrap_err().0;
        assert!(e("frobnicate x").starts_with("unknown command 'frobnicate'"));
        assert_eq!(e("joingroup"), "joingroup: missing GROUP (joingroup GROUP)");
        assert!(e("joingroup a b").contains("unexpected 'b'"));
        assert!(e("sendtogroup g1").contains("missing MESSAGE"));
        assert!(e("sendtogroup g1 --json").contains("missing MESSAGE"));
        assert!(e("sendtogroup g1 {oops --json").contains("not valid JSON"));
        assert!(e("sendtogroup g1 !!! --binary").contains("not valid base64"));
        assert!(e("sendtogroup --json --binary g1 x").contains("cannot be used together"));
        assert!(e("sendtogroup --bogus g1 x").contains("unknown option '--bogus'"));
        assert!(e("event --no-echo e x").contains("unknown option"));
        assert!(e("joingroup \"open").contains("missing closing"));
        assert!(e("help me").contains("takes no arguments"));
        // Control characters in what is echoed back are escaped.
        assert!(e("\x1b[2Jx").contains("\\u{1b}"));
    }

    #[test]
    fn raw_protocol_sends_lines_as_typed() {
        let r = |line: &str| parse(line, Protocol::Raw);
        assert_eq!(
            r("joingroup g1"),
            Ok(Some(Command::Raw("joingroup g1".into())))
        );
        assert_eq!(r("  spaced  "), Ok(Some(Command::Raw("  spaced  ".into()))));
        assert_eq!(r("exit"), Ok(Some(Command::Exit)));
    }

    #[test]
    fn frames_carry_the_ack_id() {
        let cmd = send("g", DataType::Text, Value::String("x".into()), true);
        let frame = serde_json::to_value(cmd.frame(7).unwrap()).unwrap();
        assert_eq!(
            frame,
            json!({"type":"sendToGroup","group":"g","ackId":7,"dataType":"text","data":"x","noEcho":true})
        );
        assert_eq!(cmd.label(), "sendtogroup g");
    }

    #[test]
    fn json_objects_are_frames_sent_as_typed() {
        let typed = r#"{"type":"joinGroup", "group":"g1","ackId":42}"#;
        let Ok(Some(cmd)) = p(typed) else {
            panic!("not a frame");
        };
        assert!(matches!(
            cmd,
            Command::Frame {
                ack_id: Some(42),
                ..
            }
        ));
        assert_eq!(cmd.label(), "frame joinGroup");
        assert!(matches!(&cmd, Command::Frame { text, .. } if text == typed));
        assert!(matches!(
            p(r#"{"type":"ping"}"#),
            Ok(Some(Command::Frame { ack_id: None, .. }))
        ));
        assert_eq!(
            p(r#"{"group":"g1"}"#).unwrap_err().0,
            r#"a JSON frame needs a "type", e.g. {"type":"joinGroup","group":"g1"}"#
        );
        assert!(p(r#"{"type":"ping","ackId":-1}"#).is_err());
        assert!(p("{not json")
            .unwrap_err()
            .0
            .starts_with("not a JSON frame"));
    }

    #[test]
    fn protobuf_data_and_frames_need_a_protobuf_subprotocol() {
        // A serialized google.protobuf.Any: type_url "t/x", value [8, 1].
        let any = "CgN0L3gSAggB";
        let on = |line: &str| parse(line, Protocol::Protobuf);
        assert_eq!(
            on(&format!("sendtogroup g1 {any} --protobuf")).unwrap(),
            Some(send("g1", DataType::Protobuf, json!(any), false))
        );
        assert!(p(&format!("sendtogroup g1 {any} --protobuf"))
            .unwrap_err()
            .0
            .contains("needs a protobuf subprotocol"));
        assert!(on("sendtogroup g1 !!! --protobuf")
            .unwrap_err()
            .0
            .contains("not valid base64"));
        // Base64, but not an Any (a truncated field).
        assert!(on("sendtogroup g1 CgN0 --protobuf")
            .unwrap_err()
            .0
            .contains("google.protobuf.Any"));
        assert!(on(&format!("sendtogroup g1 {any} --protobuf --json"))
            .unwrap_err()
            .0
            .contains("cannot be used together"));
        // JSON frame lines must be requests the protobuf subprotocol has.
        assert!(matches!(
            on(r#"{"type":"joinGroup","group":"g1","ackId":3}"#),
            Ok(Some(Command::Frame {
                ack_id: Some(3),
                ..
            }))
        ));
        assert!(on(r#"{"type":"invoke","invocationId":"1"}"#).is_err());
        assert!(on(r#"{"type":"nonsense"}"#).is_err());
    }

    #[test]
    fn errors_show_the_word_as_typed() {
        assert!(p("JoinGrup g1").unwrap_err().0.contains("'JoinGrup'"));
        assert_eq!(p("HELP me").unwrap_err().0, "HELP takes no arguments");
    }
}
