//! The SocketCluster protocol as version 9 servers speak it (what later SocketCluster releases
//! call protocol version 1): JSON text frames, and the bare strings `#1` (the server's ping) and
//! `#2` (the client's pong).
//!
//! Hand-written because crates.io has no SocketCluster client (only a server library), and the
//! protocol is this small. Learnt from socketcluster-server 9.1.3 and socketcluster-client 9.0.4.
//!
//! ```text
//! → {"event":"#handshake","data":{"authToken":null},"cid":1}
//! ← {"rid":1,"data":{"id":"…","pingTimeout":20000,"isAuthenticated":false}}
//! → {"event":"registerUser","data":{"name":"alice"},"cid":2}        an emit with a callback
//! ← {"rid":2,"data":{"urn":"…"}}  or  {"rid":2,"error":{"name":"…","message":"…"}} (or a string)
//! → {"event":"#subscribe","data":{"channel":"c"},"cid":3}          ← {"rid":3}
//! → {"event":"#unsubscribe","data":"c","cid":4}                    ← {"rid":4}
//! → {"event":"#publish","data":{"channel":"c","data":…},"cid":5}   ← {"rid":5}
//! ← {"event":"#publish","data":{"channel":"c","data":…}}            a channel message
//! ← #1    → #2                                                       ping (every 8 s), pong
//! ← {"event":"#disconnect","data":{"code":4500,"data":"why"}}      then the server closes
//! ← {"event":"#setAuthToken","data":{"token":"…"},"cid":n}    → {"rid":n}
//! ← {"event":"#removeAuthToken","cid":n}                      → {"rid":n}
//! ← {"event":"#kickOut","data":{"channel":"c","message":…}}
//! ```
//!
//! A server may batch several objects into one JSON array. A server of protocol version 2
//! (socketcluster-server 15 and later, by default) answers the same handshake, but pings with an
//! empty text frame: that is how it is told apart.

use serde_json::{json, Map, Value};

use crate::wire::AckError;

/// The client's answer to a version 1 ping.
pub const PONG: &str = "#2";
/// The server's ping.
const PING: &str = "#1";
/// Channel and event names longer than this are refused at the edge.
const MAX_NAME_CHARS: usize = 1024;

/// A channel name: any text but empty, control characters, or over 1024 characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Channel(String);

impl Channel {
    pub fn parse(value: &str) -> Result<Channel, String> {
        check_name("channel", value)?;
        Ok(Channel(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The name of an event the server's code handles (`registerUser`). Names starting with `#` are
/// the protocol's own, reached through the other commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventName(String);

impl EventName {
    pub fn parse(value: &str) -> Result<EventName, String> {
        check_name("event name", value)?;
        if value.starts_with('#') {
            return Err(format!(
                "event name '{}': names starting with # are SocketCluster's own; use subscribe, unsubscribe or publish",
                crate::output::sanitize_line(value)
            ));
        }
        Ok(EventName(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_name(what: &str, value: &str) -> Result<(), String> {
    let shown = || crate::output::sanitize_line(&value.chars().take(60).collect::<String>());
    if value.is_empty() {
        return Err(format!("the {what} must not be empty"));
    }
    if value.chars().any(char::is_control) {
        return Err(format!(
            "{what} '{}': it must not contain control characters",
            shown()
        ));
    }
    if value.chars().nth(MAX_NAME_CHARS).is_some() {
        return Err(format!(
            "{what} '{}…': it is longer than {MAX_NAME_CHARS} characters",
            shown()
        ));
    }
    Ok(())
}

/// `{"event":…,"data":…,"cid":…}`: an emit whose callback answers with `{"rid":cid}`.
pub fn emit(event: &str, data: Option<&Value>, cid: u64) -> String {
    let mut obj = Map::new();
    obj.insert("event".into(), Value::String(event.to_string()));
    if let Some(d) = data {
        obj.insert("data".into(), d.clone());
    }
    obj.insert("cid".into(), json!(cid));
    Value::Object(obj).to_string()
}

pub fn handshake(cid: u64, auth_token: Option<&str>) -> String {
    emit("#handshake", Some(&json!({ "authToken": auth_token })), cid)
}

pub fn subscribe(channel: &Channel, cid: u64) -> String {
    emit(
        "#subscribe",
        Some(&json!({ "channel": channel.as_str() })),
        cid,
    )
}

pub fn unsubscribe(channel: &Channel, cid: u64) -> String {
    emit("#unsubscribe", Some(&json!(channel.as_str())), cid)
}

pub fn publish(channel: &Channel, data: &Value, cid: u64) -> String {
    emit(
        "#publish",
        Some(&json!({ "channel": channel.as_str(), "data": data })),
        cid,
    )
}

/// The client's goodbye before it closes the socket, as socketcluster-client sends it.
pub fn disconnect() -> String {
    json!({ "event": "#disconnect", "data": { "code": 1000 } }).to_string()
}

/// A successful answer to the server's `cid`.
pub fn response(rid: u64) -> String {
    json!({ "rid": rid }).to_string()
}

/// One text frame from the server.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    Ping,
    /// An empty text frame: the ping of a protocol version 2 server.
    PingV2,
    Items(Vec<Item>),
    /// Not this protocol: what it looked like, for the message.
    Foreign(String),
}

/// One object of a frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// The answer to one of our `cid`s.
    Response {
        rid: u64,
        data: Option<Value>,
        error: Option<AckError>,
    },
    Publish {
        channel: String,
        data: Value,
    },
    Disconnect {
        code: Option<u16>,
        reason: Option<String>,
    },
    SetAuthToken {
        token: String,
        cid: Option<u64>,
    },
    RemoveAuthToken {
        cid: Option<u64>,
    },
    KickOut {
        channel: String,
        message: Option<Value>,
    },
    /// An event the server's code emitted to this socket.
    Event {
        event: String,
        data: Value,
        cid: Option<u64>,
    },
    /// A protocol object this client does not know, described for a note.
    Unknown(String),
}

pub fn decode(text: &str) -> Incoming {
    if text == PING {
        return Incoming::Ping;
    }
    if text.is_empty() {
        return Incoming::PingV2;
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => Incoming::Items(items.into_iter().map(item).collect()),
        Ok(obj @ Value::Object(_)) if is_protocol_object(&obj) => Incoming::Items(vec![item(obj)]),
        _ => Incoming::Foreign(preview(text)),
    }
}

/// Does it look like SocketCluster at all (an `event` name or an `rid`)?
fn is_protocol_object(v: &Value) -> bool {
    v.get("event").is_some_and(Value::is_string) || v.get("rid").is_some_and(Value::is_u64)
}

fn item(v: Value) -> Item {
    if !is_protocol_object(&v) {
        return Item::Unknown(preview(&v.to_string()));
    }
    let cid = v.get("cid").and_then(Value::as_u64);
    if let Some(rid) = v.get("rid").and_then(Value::as_u64) {
        return Item::Response {
            rid,
            data: v.get("data").cloned(),
            error: v.get("error").filter(|e| !e.is_null()).map(ack_error),
        };
    }
    let event = v.get("event").and_then(Value::as_str).unwrap_or_default();
    let data = v.get("data").cloned().unwrap_or(Value::Null);
    let text = |key: &str| data.get(key).and_then(Value::as_str).map(str::to_string);
    match event {
        "#publish" => match text("channel") {
            Some(channel) => Item::Publish {
                channel,
                data: data.get("data").cloned().unwrap_or(Value::Null),
            },
            None => Item::Unknown(preview(&v.to_string())),
        },
        "#disconnect" => Item::Disconnect {
            code: data
                .get("code")
                .and_then(Value::as_u64)
                .and_then(|c| u16::try_from(c).ok()),
            reason: data.get("data").and_then(|d| match d {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            }),
        },
        "#setAuthToken" => match text("token") {
            Some(token) => Item::SetAuthToken { token, cid },
            None => Item::Unknown("#setAuthToken without a token".to_string()),
        },
        "#removeAuthToken" => Item::RemoveAuthToken { cid },
        "#kickOut" => Item::KickOut {
            channel: text("channel").unwrap_or_default(),
            message: data.get("message").cloned().filter(|m| !m.is_null()),
        },
        other if other.starts_with('#') => Item::Unknown(format!("the protocol event {other}")),
        other => Item::Event {
            event: other.to_string(),
            data,
            cid,
        },
    }
}

/// A callback's error: an object (`{"name","message",…}`, as SocketCluster dehydrates errors) or
/// whatever the server's code passed (often a string).
fn ack_error(e: &Value) -> AckError {
    match e {
        Value::String(s) => AckError {
            name: "Error".to_string(),
            message: s.clone(),
        },
        Value::Object(o) => AckError {
            name: o
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("Error")
                .to_string(),
            message: o
                .get("message")
                .and_then(Value::as_str)
                .map_or_else(|| e.to_string(), str::to_string),
        },
        other => AckError {
            name: "Error".to_string(),
            message: other.to_string(),
        },
    }
}

/// What the handshake's answer says.
#[derive(Debug, Clone, PartialEq)]
pub struct HandshakeStatus {
    pub id: String,
    /// How long the server waits for a pong; also how long a silent server is trusted.
    pub ping_timeout_ms: Option<u64>,
    /// Why the auth token sent with the handshake was not accepted (the connection stands).
    pub auth_error: Option<String>,
}

/// Reads the answer to the handshake (`rid` 1): the socket's status, or the server's error.
pub fn handshake_status(
    data: Option<&Value>,
    error: Option<&AckError>,
) -> Result<HandshakeStatus, String> {
    if let Some(e) = error {
        return Err(format!("{}: {}", e.name, e.message));
    }
    let data = data.ok_or("the handshake answer has no data")?;
    let id = data
        .get("id")
        .and_then(Value::as_str)
        .ok_or("the handshake answer has no socket id")?;
    Ok(HandshakeStatus {
        id: id.to_string(),
        ping_timeout_ms: data.get("pingTimeout").and_then(Value::as_u64),
        auth_error: data
            .get("authError")
            .filter(|e| !e.is_null())
            .map(ack_error)
            .map(|e| format!("{}: {}", e.name, e.message)),
    })
}

/// A frame as `--show-frames` prints it: auth tokens replaced by `"***"` (they are credentials).
pub fn redact(text: &str) -> String {
    if !text.contains("uthToken") && !text.contains("\"token\"") {
        return text.to_string();
    }
    let Ok(mut v) = serde_json::from_str::<Value>(text) else {
        return text.to_string();
    };
    fn walk(v: &mut Value) {
        match v {
            Value::Object(o) => {
                for (k, val) in o.iter_mut() {
                    if (k == "authToken" || k == "token") && val.is_string() {
                        *val = Value::String("***".into());
                    } else {
                        walk(val);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v.to_string()
}

/// The start of a frame, for a message about it.
fn preview(text: &str) -> String {
    let mut s: String = text.chars().take(80).collect();
    if text.chars().nth(80).is_some() {
        s.push('…');
    }
    crate::output::sanitize_line(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_what_socketcluster_9_sends() {
        let c = Channel::parse("urn:user:alice").unwrap();
        let v: Value = serde_json::from_str(&handshake(1, None)).unwrap();
        assert_eq!(
            v,
            json!({"event":"#handshake","data":{"authToken":null},"cid":1})
        );
        let v: Value = serde_json::from_str(&subscribe(&c, 3)).unwrap();
        assert_eq!(
            v,
            json!({"event":"#subscribe","data":{"channel":"urn:user:alice"},"cid":3})
        );
        let v: Value = serde_json::from_str(&unsubscribe(&c, 4)).unwrap();
        assert_eq!(
            v,
            json!({"event":"#unsubscribe","data":"urn:user:alice","cid":4})
        );
        let v: Value = serde_json::from_str(&publish(&c, &json!("hi"), 5)).unwrap();
        assert_eq!(
            v,
            json!({"event":"#publish","data":{"channel":"urn:user:alice","data":"hi"},"cid":5})
        );
        let v: Value = serde_json::from_str(&emit("ping", None, 6)).unwrap();
        assert_eq!(v, json!({"event":"ping","cid":6}));
    }

    #[test]
    fn decodes_what_a_socketcluster_9_server_sends() {
        assert_eq!(decode("#1"), Incoming::Ping);
        assert_eq!(decode(""), Incoming::PingV2);
        assert_eq!(
            decode(r##"{"rid":2,"data":{"urn":"u"}}"##),
            Incoming::Items(vec![Item::Response {
                rid: 2,
                data: Some(json!({"urn":"u"})),
                error: None
            }])
        );
        assert_eq!(
            decode(r##"{"rid":8,"error":"needs {text, userUrn}"}"##),
            Incoming::Items(vec![Item::Response {
                rid: 8,
                data: None,
                error: Some(AckError {
                    name: "Error".into(),
                    message: "needs {text, userUrn}".into()
                })
            }])
        );
        assert_eq!(
            decode(
                r##"[{"event":"#publish","data":{"channel":"c","data":{"text":"hi"}}},{"rid":3}]"##
            ),
            Incoming::Items(vec![
                Item::Publish {
                    channel: "c".into(),
                    data: json!({"text":"hi"})
                },
                Item::Response {
                    rid: 3,
                    data: None,
                    error: None
                }
            ])
        );
        assert_eq!(
            decode(r##"{"event":"#disconnect","data":{"code":4600,"data":"bye"}}"##),
            Incoming::Items(vec![Item::Disconnect {
                code: Some(4600),
                reason: Some("bye".into())
            }])
        );
        assert_eq!(
            decode(r##"{"event":"#setAuthToken","data":{"token":"t"},"cid":4}"##),
            Incoming::Items(vec![Item::SetAuthToken {
                token: "t".into(),
                cid: Some(4)
            }])
        );
        assert_eq!(
            decode(r##"{"event":"news","data":1}"##),
            Incoming::Items(vec![Item::Event {
                event: "news".into(),
                data: json!(1),
                cid: None
            }])
        );
        // Web PubSub's and anything else's frames are not this protocol.
        assert!(matches!(
            decode(r##"{"type":"system","event":1}"##),
            Incoming::Foreign(_)
        ));
        assert!(matches!(decode("hello"), Incoming::Foreign(_)));
        assert!(matches!(
            decode(r##"[{"type":"x"}]"##),
            Incoming::Items(v) if matches!(v[0], Item::Unknown(_))
        ));
    }

    #[test]
    fn handshake_answers() {
        let ok = handshake_status(Some(&json!({"id":"abc","pingTimeout":20000})), None).unwrap();
        assert_eq!(ok.id, "abc");
        assert_eq!(ok.ping_timeout_ms, Some(20000));
        assert_eq!(ok.auth_error, None);
        let soft = handshake_status(
            Some(&json!({"id":"a","authError":{"name":"AuthTokenInvalidError","message":"invalid signature"}})),
            None,
        )
        .unwrap();
        assert_eq!(
            soft.auth_error.as_deref(),
            Some("AuthTokenInvalidError: invalid signature")
        );
        assert!(handshake_status(Some(&json!({})), None).is_err());
        let e = AckError {
            name: "AuthTokenError".into(),
            message: "bad".into(),
        };
        assert_eq!(
            handshake_status(None, Some(&e)).unwrap_err(),
            "AuthTokenError: bad"
        );
    }

    #[test]
    fn names_are_checked_at_the_edge() {
        assert!(Channel::parse("urn:user:a b").is_ok());
        assert!(Channel::parse("").is_err());
        assert!(Channel::parse("a\nb").is_err());
        assert!(Channel::parse(&"x".repeat(1025)).is_err());
        assert!(EventName::parse("registerUser").is_ok());
        assert!(EventName::parse("#publish")
            .unwrap_err()
            .contains("SocketCluster's own"));
    }

    #[test]
    fn tokens_never_reach_the_frame_view() {
        let shown = redact(&handshake(1, Some("secret.jwt")));
        assert!(!shown.contains("secret"), "{shown}");
        let shown = redact(r##"{"event":"#setAuthToken","data":{"token":"secret.jwt"},"cid":4}"##);
        assert!(!shown.contains("secret"), "{shown}");
        assert_eq!(redact("#1"), "#1");
    }
}
