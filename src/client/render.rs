//! What the session reports, and its two renderings: one JSON object per line (the pipe) and
//! readable, coloured, sanitised text (the REPL).

use base64::Engine as _;
use colored::Colorize;
use serde::Serialize;
use serde_json::Value;

use crate::output::{is_hidden_format, sanitize, sanitize_line};
use crate::wire::{AckError, DataType, MessageSource};

/// One thing that happened. Serialised as one JSON line in piped mode; the schema is in the
/// module docs of [`super`] and `webpubsub client start --help`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Event {
    System(SystemEvent),
    Ack(AckEvent),
    Message(MessageEvent),
    /// `--show-frames`: a protocol frame as it went out or came in.
    Frame(FrameEvent),
    /// SocketCluster: a callback's answer, an ack line with its `data`.
    #[serde(rename = "ack")]
    Reply(ReplyEvent),
    /// SocketCluster: a channel message, or an event the server's code emitted.
    #[serde(rename = "message")]
    Push(PushEvent),
}

/// `{"type":"ack","ackId":1,"command":"emit registerUser","success":true,"data":{"urn":"…"}}`
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyEvent {
    pub ack_id: u64,
    pub command: String,
    pub success: bool,
    /// What the callback answered, when it answered something.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<AckError>,
}

/// `{"type":"message","from":"channel","channel":"c","dataType":"json","data":…}`, or
/// `{"type":"message","from":"server","event":"news","dataType":"json","data":…}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PushEvent {
    pub from: PushSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// Always `json`: SocketCluster data is JSON.
    pub data_type: DataType,
    pub data: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PushSource {
    Channel,
    Server,
}

/// A frame on the wire, exactly as sent or received.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameEvent {
    pub direction: Direction,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    In,
    Out,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SystemEvent {
    pub event: SystemKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
    /// On `connected`: the user, or `null` for an anonymous connection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// On `reconnected`: the connection that was lost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_connection_id: Option<String>,
    /// On `reconnecting`: 1 for the first attempt after the connection was lost, then 2, 3…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SystemKind {
    /// The first connection is up.
    Connected,
    /// The connection is down, and this attempt tries to get it back.
    Reconnecting,
    /// A dropped reliable connection was recovered: same connection, nothing lost.
    Recovered,
    /// A lost connection was replaced by a new one (groups rejoined; messages may have been missed).
    Reconnected,
    /// The service said it is closing the connection.
    Disconnected,
}

impl SystemEvent {
    pub fn new(event: SystemKind) -> Self {
        SystemEvent {
            event,
            connection_id: None,
            user_id: None,
            protocol: None,
            previous_connection_id: None,
            attempt: None,
            message: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AckEvent {
    pub ack_id: u64,
    /// The command word and its target, e.g. `joingroup g1` or `sendtogroup g1`.
    pub command: String,
    pub success: bool,
    /// The service had already run this request (a re-send after recovery): success.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub duplicate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<AckError>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageEvent {
    /// `group` or `server`; absent on the raw protocol.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<MessageSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_user_id: Option<String>,
    pub data_type: DataType,
    /// A string for text, base64 for binary and protobuf, any JSON value for json.
    pub data: Value,
    /// Reliable protocol only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence_id: Option<u64>,
    /// The sender's metadata (REST `X-WebPubSub-Metadata-*` headers, a client's `metadata`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<crate::wire::Metadata>,
}

/// The JSON line of an event (no trailing newline). Characters a terminal would act on or hide
/// (DEL, C1 controls, bidi overrides, zero-width ones), which JSON allows raw, are written as
/// `\uXXXX` escapes: the same JSON, safe to print (serde_json already escapes C0 controls).
pub fn json(ev: &Event) -> String {
    // Serialising these plain structs cannot fail; an empty object would still be one line.
    let line = serde_json::to_string(ev).unwrap_or_else(|_| "{}".to_string());
    if !line.chars().any(invisible) {
        return line;
    }
    let mut out = String::with_capacity(line.len() + 16);
    for c in line.chars() {
        if invisible(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn invisible(c: char) -> bool {
    // DEL and C1 controls pass through serde_json unescaped; the rest is output's list.
    matches!(c, '\u{7f}'..='\u{9f}') || is_hidden_format(c)
}

/// What a command that succeeded did, in words.
fn done(command: &str) -> String {
    let (word, target) = command.split_once(' ').unwrap_or((command, ""));
    let target = sanitize_line(target);
    match word {
        "joingroup" => format!("joined {}", target.cyan()),
        "leavegroup" => format!("left {}", target.cyan()),
        "sendtogroup" => format!("sent to {}", target.cyan()),
        "event" => format!("event {} sent", target.cyan()),
        _ => sanitize_line(command),
    }
}

/// The REPL's text for an event: one or more lines, without the final newline. Everything that
/// came from the service is sanitised, so it cannot move the cursor or recolour the terminal.
pub fn human(ev: &Event) -> String {
    match ev {
        Event::Ack(a) if a.success => format!("{} {}", "✓".green(), done(&a.command)),
        Event::Ack(a) => {
            let why = match &a.error {
                Some(e) => format!(
                    "{}: {}",
                    sanitize_line(&e.name).bold(),
                    sanitize_line(&e.message)
                ),
                None => "failed".to_string(),
            };
            format!("{} {} failed: {why}", "✗".red(), sanitize_line(&a.command))
        }
        Event::Message(m) => message(m),
        Event::Reply(r) => reply(r),
        Event::Push(p) => push(p),
        Event::Frame(f) => {
            let arrow = match f.direction {
                Direction::In => "←",
                Direction::Out => "→",
            };
            format!("{} {}", arrow.dimmed(), sanitize_line(&f.text).dimmed())
        }
        Event::System(s) => system(s),
    }
}

fn message(m: &MessageEvent) -> String {
    let mut head = match (m.from, &m.group) {
        (Some(MessageSource::Group), Some(g)) => format!("[{}]", sanitize_line(g).cyan()),
        (Some(MessageSource::Server), _) => format!("[{}]", "server".magenta()),
        (Some(MessageSource::Group), None) => "[group]".to_string(),
        (None, _) => "<".to_string(),
    };
    if let Some(user) = &m.from_user_id {
        head = format!("{head} {}", sanitize_line(user).bold());
    }
    let body = match (m.data_type, &m.data) {
        (DataType::Text, Value::String(s)) => sanitize(s),
        (DataType::Binary | DataType::Protobuf, Value::String(b64)) => {
            let len = base64::engine::general_purpose::STANDARD
                .decode(b64.as_bytes())
                .map_or(0, |b| b.len());
            let kind = format!("({}, {len} bytes)", m.data_type.as_str()).dimmed();
            format!("{kind} {}", sanitize_line(b64))
        }
        (DataType::Json, v) => format!("{} {}", "(json)".dimmed(), sanitize(&v.to_string())),
        (_, v) => sanitize(&v.to_string()),
    };
    let line = if m.from.is_none() {
        format!("{head} {body}")
    } else {
        format!("{head}: {body}")
    };
    match m.metadata.as_ref().filter(|md| !md.is_empty()) {
        Some(md) => {
            let pairs: Vec<String> = md
                .iter()
                .map(|(k, v)| format!("{}={}", sanitize_line(k), sanitize_line(v)))
                .collect();
            format!("{line} {}", format!("{{{}}}", pairs.join(", ")).dimmed())
        }
        None => line,
    }
}

fn reply(r: &ReplyEvent) -> String {
    let command = sanitize_line(&r.command);
    if !r.success {
        let why = match &r.error {
            Some(e) => format!(
                "{}: {}",
                sanitize_line(&e.name).bold(),
                sanitize_line(&e.message)
            ),
            None => "failed".to_string(),
        };
        return format!("{} {command} failed: {why}", "✗".red());
    }
    match &r.data {
        Some(d) => format!(
            "{} {command} → {}",
            "✓".green(),
            sanitize_line(&d.to_string())
        ),
        None => format!("{} {command}", "✓".green()),
    }
}

fn push(p: &PushEvent) -> String {
    let head = match (&p.channel, &p.event) {
        (Some(c), _) => format!("[{}]", sanitize_line(c).cyan()),
        (None, Some(e)) => format!("[{} {}]", "server".magenta(), sanitize_line(e)),
        (None, None) => format!("[{}]", "server".magenta()),
    };
    let body = match &p.data {
        Value::String(s) => sanitize(s),
        v => sanitize(&v.to_string()),
    };
    format!("{head}: {body}")
}

fn system(s: &SystemEvent) -> String {
    let id = s
        .connection_id
        .as_deref()
        .map(sanitize_line)
        .unwrap_or_default();
    let line = match s.event {
        SystemKind::Connected => {
            let who = match &s.user_id {
                Some(Some(u)) => format!(" as {}", sanitize_line(u).bold()),
                _ => String::new(),
            };
            let detail = match (&s.connection_id, &s.protocol) {
                (Some(_), Some(p)) => format!(" (connection {id}, {})", sanitize_line(p)),
                (None, Some(p)) => format!(" ({})", sanitize_line(p)),
                (Some(_), None) => format!(" (connection {id})"),
                (None, None) => String::new(),
            };
            format!("connected{who}{detail}; type help for the commands")
        }
        SystemKind::Reconnecting => {
            let why = s.message.as_deref().map(sanitize_line).unwrap_or_default();
            format!("reconnecting (attempt {})… {why}", s.attempt.unwrap_or(1))
        }
        SystemKind::Recovered => {
            format!("the connection dropped and was recovered (connection {id}); nothing was lost")
        }
        SystemKind::Reconnected => {
            let why = s.message.as_deref().map(sanitize_line).unwrap_or_default();
            format!("{why}; now connected as a new connection {id}")
        }
        SystemKind::Disconnected => {
            let why = s.message.as_deref().map(sanitize_line).unwrap_or_default();
            format!("the service is closing the connection: {why}")
        }
    };
    line.dimmed().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_lines_have_the_documented_shape() {
        let ack = Event::Ack(AckEvent {
            ack_id: 1,
            command: "joingroup g1".into(),
            success: true,
            duplicate: false,
            error: None,
        });
        assert_eq!(
            json(&ack),
            r#"{"type":"ack","ackId":1,"command":"joingroup g1","success":true}"#
        );
        let msg = Event::Message(MessageEvent {
            from: Some(MessageSource::Group),
            group: Some("g1".into()),
            from_user_id: Some("alice".into()),
            data_type: DataType::Text,
            data: json!("hi"),
            sequence_id: Some(3),
            metadata: None,
        });
        assert_eq!(
            json(&msg),
            r#"{"type":"message","from":"group","group":"g1","fromUserId":"alice","dataType":"text","data":"hi","sequenceId":3}"#
        );
        let mut sys = SystemEvent::new(SystemKind::Connected);
        sys.connection_id = Some("c1".into());
        sys.user_id = Some(None);
        assert_eq!(
            json(&Event::System(sys)),
            r#"{"type":"system","event":"connected","connectionId":"c1","userId":null}"#
        );
    }

    #[test]
    fn json_lines_escape_what_a_terminal_would_act_on() {
        let ev = Event::Message(MessageEvent {
            from: None,
            group: None,
            from_user_id: None,
            data_type: DataType::Text,
            data: json!("a\x1b[2J\u{9b}31m\u{202e}z é"),
            sequence_id: None,
            metadata: None,
        });
        let line = json(&ev);
        assert_eq!(
            line,
            r#"{"type":"message","dataType":"text","data":"a\u001b[2J\u009b31m\u202ez é"}"#
        );
        let back: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["data"], "a\x1b[2J\u{9b}31m\u{202e}z é");
    }

    #[test]
    fn socketcluster_lines_share_the_envelope() {
        colored::control::set_override(false);
        let reply = Event::Reply(ReplyEvent {
            ack_id: 1,
            command: "emit registerUser".into(),
            success: true,
            data: Some(json!({"urn":"u"})),
            error: None,
        });
        assert_eq!(
            json(&reply),
            r#"{"type":"ack","ackId":1,"command":"emit registerUser","success":true,"data":{"urn":"u"}}"#
        );
        assert_eq!(human(&reply), r#"✓ emit registerUser → {"urn":"u"}"#);
        let push = Event::Push(PushEvent {
            from: PushSource::Channel,
            channel: Some("u".into()),
            event: None,
            data_type: DataType::Json,
            data: json!({"text":"hi\x1b[2J"}),
        });
        assert_eq!(
            json(&push),
            r#"{"type":"message","from":"channel","channel":"u","dataType":"json","data":{"text":"hi\u001b[2J"}}"#
        );
        assert_eq!(human(&push), r#"[u]: {"text":"hi\u001b[2J"}"#);
    }

    #[test]
    fn human_text_is_sanitised() {
        colored::control::set_override(false);
        let msg = Event::Message(MessageEvent {
            from: Some(MessageSource::Group),
            group: Some("g\x1b[31m".into()),
            from_user_id: Some("bob\u{202e}".into()),
            data_type: DataType::Text,
            data: json!("clear\x1b[2J and \x1b]52;c;ZXZpbA==\x07"),
            sequence_id: None,
            metadata: None,
        });
        assert_eq!(
            human(&msg),
            "[g\\u{1b}[31m] bob\\u{202e}: clear\\u{1b}[2J and \\u{1b}]52;c;ZXZpbA==\\u{7}"
        );
        let fail = Event::Ack(AckEvent {
            ack_id: 2,
            command: "sendtogroup g1".into(),
            success: false,
            duplicate: false,
            error: Some(AckError::new("Forbidden", "no\npermission")),
        });
        assert_eq!(
            human(&fail),
            "✗ sendtogroup g1 failed: Forbidden: no\\npermission"
        );
        let bin = Event::Message(MessageEvent {
            from: Some(MessageSource::Server),
            group: None,
            from_user_id: None,
            data_type: DataType::Binary,
            data: json!("AQID"),
            sequence_id: None,
            metadata: None,
        });
        assert_eq!(human(&bin), "[server]: (binary, 3 bytes) AQID");
        let pairs = [("k\x1b[2J".to_string(), "v\u{202e}".to_string())];
        let metadata = crate::wire::Metadata::from_map(pairs.iter().cloned().collect());
        // Hostile keys never get this far (they are not header tokens); values are sanitised.
        assert!(metadata.is_err());
        let metadata = crate::wire::Metadata::from_map(
            [("trace".to_string(), "t\x07".to_string())]
                .into_iter()
                .collect(),
        )
        .unwrap();
        let tagged = Event::Message(MessageEvent {
            from: Some(MessageSource::Server),
            group: None,
            from_user_id: None,
            data_type: DataType::Text,
            data: json!("hi"),
            sequence_id: None,
            metadata: Some(metadata),
        });
        assert_eq!(human(&tagged), "[server]: hi {trace=t\\u{7}}");
        assert_eq!(
            json(&tagged),
            r#"{"type":"message","from":"server","dataType":"text","data":"hi","metadata":{"trace":"t\u0007"}}"#
        );
    }
}
