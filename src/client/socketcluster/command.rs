//! The REPL and pipe commands of `--protocol socketcluster`:
//!
//! ```text
//! emit EVENT [JSON]
//! subscribe CHANNEL
//! unsubscribe CHANNEL
//! publish CHANNEL MESSAGE [--json]
//! ```
//!
//! The words are case-insensitive; a CHANNEL or EVENT with spaces can be quoted; MESSAGE is the
//! rest of the line (text, or JSON with `--json`; `--` ends the flags). `help`, `exit` and
//! comments are the other protocols'.

use serde_json::Value;

use super::wire::{self, Channel, EventName};
use crate::client::command::{next_word, with_payload, ParseError};
use crate::client::Protocol;
use crate::output::sanitize_line;
use crate::wire::DataType;

/// A SocketCluster command; each one is an emit with a callback, reported as one ack line.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Emit {
        event: EventName,
        data: Option<Value>,
    },
    Subscribe(Channel),
    Unsubscribe(Channel),
    Publish {
        channel: Channel,
        data: Value,
    },
}

impl Request {
    /// How an ack names it: the command word and its target.
    pub fn label(&self) -> String {
        match self {
            Request::Emit { event, .. } => format!("emit {}", event.as_str()),
            Request::Subscribe(c) => format!("subscribe {c}"),
            Request::Unsubscribe(c) => format!("unsubscribe {c}"),
            Request::Publish { channel, .. } => format!("publish {channel}"),
        }
    }

    /// The frame that carries it, with its call id.
    pub fn wire(&self, cid: u64) -> String {
        match self {
            Request::Emit { event, data } => wire::emit(event.as_str(), data.as_ref(), cid),
            Request::Subscribe(c) => wire::subscribe(c, cid),
            Request::Unsubscribe(c) => wire::unsubscribe(c, cid),
            Request::Publish { channel, data } => wire::publish(channel, data, cid),
        }
    }

    /// Can it be sent again after the connection was lost before its answer? Subscribing and
    /// unsubscribing can; an emit or a publish might run twice.
    pub fn idempotent(&self) -> bool {
        matches!(self, Request::Subscribe(_) | Request::Unsubscribe(_))
    }
}

/// The command names, for help and tab completion.
pub const NAMES: &[&str] = &[
    "emit",
    "subscribe",
    "unsubscribe",
    "publish",
    "help",
    "exit",
    "quit",
];

pub const HELP: &str = "\
SocketCluster commands (the first word is case-insensitive):
  emit EVENT [JSON]            emit EVENT to the server's code, with JSON data;
                               prints the callback's answer: emit registerUser {\"name\":\"alice\"}
  subscribe CHANNEL            subscribe to a channel (again after every reconnection)
  unsubscribe CHANNEL          unsubscribe
  publish CHANNEL MESSAGE      publish MESSAGE to a channel, as text unless:
      --json                   MESSAGE is JSON, sent as JSON
  help                         this text
  exit, quit, Ctrl-D           leave, after the outstanding answers
Quote a CHANNEL with spaces: \"my channel\".";

const EMIT_USAGE: &str = "emit EVENT [JSON]";
const PUBLISH_USAGE: &str = "publish CHANNEL MESSAGE [--json]";

/// Parses a line whose first word, lower-cased, is `word` (help, exit and comments are done).
pub fn parse(word: &str, typed: &str, rest: &str) -> Result<Request, ParseError> {
    let err = |m: String| ParseError(m);
    match word {
        "emit" => {
            let Some((event, after)) = next_word(rest)? else {
                return Err(err(format!("emit: missing EVENT ({EMIT_USAGE})")));
            };
            let event = EventName::parse(&event).map_err(err)?;
            let text = after.trim();
            let data = if text.is_empty() {
                None
            } else {
                match serde_json::from_str::<Value>(text) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        return Err(err(format!(
                            "emit: the data is not valid JSON ({e}); write text as a JSON string: emit {} \"{}\"",
                            sanitize_line(event.as_str()),
                            sanitize_line(&text.chars().take(40).collect::<String>())
                        )))
                    }
                }
            };
            Ok(Request::Emit { event, data })
        }
        "subscribe" => one_channel(rest, "subscribe").map(Request::Subscribe),
        "unsubscribe" => one_channel(rest, "unsubscribe").map(Request::Unsubscribe),
        "publish" => {
            let p = with_payload(rest, "CHANNEL", PUBLISH_USAGE, false, Protocol::SocketCluster)?;
            let channel = Channel::parse(&p.target).map_err(err)?;
            let data = match p.data_type {
                DataType::Binary | DataType::Protobuf => {
                    return Err(err(
                        "publish: --binary: SocketCluster messages are JSON; publish base64 as text"
                            .to_string(),
                    ))
                }
                _ => p.data,
            };
            Ok(Request::Publish { channel, data })
        }
        _ => Err(err(format!(
            "unknown command '{}': the SocketCluster commands are emit, subscribe, unsubscribe, publish, help, exit",
            sanitize_line(typed)
        ))),
    }
}

fn one_channel(rest: &str, cmd: &str) -> Result<Channel, ParseError> {
    let Some((channel, after)) = next_word(rest)? else {
        return Err(ParseError(format!(
            "{cmd}: missing CHANNEL ({cmd} CHANNEL)"
        )));
    };
    if let Some((extra, _)) = next_word(after)? {
        return Err(ParseError(format!(
            "{cmd}: unexpected '{}' after CHANNEL (quote a channel name with spaces)",
            sanitize_line(&extra)
        )));
    }
    Channel::parse(&channel).map_err(ParseError)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::command::{parse as parse_line, Command};
    use crate::client::Protocol;
    use serde_json::json;

    fn p(line: &str) -> Result<Option<Command>, ParseError> {
        parse_line(line, Protocol::SocketCluster)
    }

    fn req(line: &str) -> Request {
        match p(line) {
            Ok(Some(Command::SocketCluster(r))) => r,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn commands() {
        assert_eq!(
            req("emit registerUser {\"name\": \"alice\"}"),
            Request::Emit {
                event: EventName::parse("registerUser").unwrap(),
                data: Some(json!({"name":"alice"}))
            }
        );
        assert_eq!(
            req("EMIT ping"),
            Request::Emit {
                event: EventName::parse("ping").unwrap(),
                data: None
            }
        );
        assert_eq!(
            req("subscribe \"urn:user:a b\""),
            Request::Subscribe(Channel::parse("urn:user:a b").unwrap())
        );
        assert_eq!(
            req("publish c hello  world"),
            Request::Publish {
                channel: Channel::parse("c").unwrap(),
                data: json!("hello  world")
            }
        );
        assert_eq!(
            req("publish c {\"a\":1} --json"),
            Request::Publish {
                channel: Channel::parse("c").unwrap(),
                data: json!({"a":1})
            }
        );
        assert_eq!(req("unsubscribe c").label(), "unsubscribe c");
        assert_eq!(p("# comment"), Ok(None));
        assert_eq!(p("help"), Ok(Some(Command::Help)));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let e = |line: &str| p(line).unwrap_err().0;
        assert!(e("emit").contains("missing EVENT"));
        assert!(e("emit greet hi there").contains("emit greet \"hi there\""));
        assert!(e("emit #publish {}").contains("SocketCluster's own"));
        assert!(e("subscribe").contains("missing CHANNEL"));
        assert!(e("subscribe a b").contains("unexpected 'b'"));
        assert!(e("publish c").contains("missing MESSAGE"));
        assert!(e("publish c AQID --binary").contains("JSON"));
        assert!(e("joingroup g1").starts_with("unknown command 'joingroup'"));
    }
}
