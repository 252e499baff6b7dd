//! `service apply`: actions in the shape of the Azure Functions Web PubSub output binding
//! (`{"actionName":"sendToAll","data":…,"dataType":"text"}`), read as a JSON array or as JSON
//! lines. Each action is an operation of the table; its fields are the operation's parameters
//! under their REST names (`group`, `userId`, `connectionId`, `permission`, `excluded`,
//! `filter`, `reason`, `targetName`), parsed by the same code as the emulator's routes.

use std::io::Read;

use base64::Engine;
use bytes::Bytes;
use serde_json::Value;

use super::rest::Ctx;
use crate::error::{Error, Exit};
use crate::wire::ops::{Args, BodyKind, OpKind};
use crate::wire::{DataType, Op, Payload};

/// Where an action is in the input: its line, and its index when the input is an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub index: Option<usize>,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.index {
            Some(i) => write!(f, "item {} (line {})", i + 1, self.line),
            None => write!(f, "line {}", self.line),
        }
    }
}

/// Runs every action in order; stops at the first failure unless `keep_going`.
pub(super) async fn run(
    ctx: &Ctx,
    file: &std::path::Path,
    keep_going: bool,
) -> anyhow::Result<Exit> {
    let (text, source) = if file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Error::usage(format!("cannot read actions from stdin: {e}")))?;
        (s, "stdin".to_string())
    } else {
        let text = std::fs::read_to_string(file)
            .map_err(|e| Error::usage(format!("cannot read {}: {e}", file.display())))?;
        (text, file.display().to_string())
    };
    let actions = parse_all(&text)?;
    if actions.is_empty() {
        return Err(Error::usage(format!("no actions in {source}"))
            .with_hint("write one JSON object per line, or a JSON array of them")
            .into());
    }
    let total = actions.len();
    let mut failed: Option<Exit> = None;
    let mut succeeded = 0;
    for (place, action) in actions {
        let result = match to_op(&action) {
            Ok(op) => ctx.send(&op).await.map(drop),
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => succeeded += 1,
            Err(e) => {
                let e = Error {
                    message: format!("{place}: {}", e.message),
                    ..e
                };
                if !keep_going {
                    let hint = format!(
                        "{succeeded} of {total} actions succeeded before it; the rest were not run (--keep-going runs them all)"
                    );
                    return Err(e.with_hint(hint).into());
                }
                eprintln!("webpubsub: error: {e}");
                failed.get_or_insert(e.exit);
            }
        }
    }
    eprintln!("{succeeded} of {total} actions succeeded");
    Ok(failed.unwrap_or(Exit::Ok))
}

/// Every JSON value of the input with where it starts. A top-level array is taken element by
/// element; otherwise the values follow each other (JSON lines).
pub fn parse_all(text: &str) -> Result<Vec<(Place, Value)>, Error> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let skip_ws = |mut pos: usize| {
        while text[pos..].starts_with(|c: char| c.is_whitespace()) {
            pos += text[pos..].chars().next().map_or(1, char::len_utf8);
        }
        pos
    };
    let mut out = Vec::new();
    let mut pos = skip_ws(0);
    let in_array = text[pos..].starts_with('[');
    if in_array {
        pos = skip_ws(pos + 1);
        if text[pos..].starts_with(']') {
            return Ok(out);
        }
    }
    while pos < text.len() {
        let place = Place {
            line: line_of(pos),
            index: in_array.then_some(out.len()),
        };
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => out.push((place, value)),
            Some(Err(e)) => {
                let place = Place {
                    line: place.line + e.line().saturating_sub(1),
                    ..place
                };
                return Err(Error::usage(format!("{place}: not valid JSON: {e}")));
            }
            None => break,
        }
        pos = skip_ws(pos + stream.byte_offset());
        if in_array {
            if text[pos..].starts_with(',') {
                pos = skip_ws(pos + 1);
            } else if text[pos..].starts_with(']') {
                let rest = skip_ws(pos + 1);
                if rest < text.len() {
                    return Err(Error::usage(format!(
                        "line {}: unexpected text after the array",
                        line_of(rest)
                    )));
                }
                return Ok(out);
            } else {
                return Err(Error::usage(format!(
                    "line {}: expected ',' or ']' in the array",
                    line_of(pos)
                )));
            }
        }
    }
    if in_array {
        return Err(Error::usage("the array is not closed with ']'"));
    }
    Ok(out)
}

/// A field of an action, its name compared case-insensitively (as the binding does).
fn field<'a>(action: &'a Value, name: &str) -> Option<&'a Value> {
    action
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn string(action: &Value, name: &str) -> Result<String, Error> {
    match field(action, name) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(Error::usage(format!("'{name}' must be a string"))),
        None => Err(Error::usage(format!("missing '{name}'"))),
    }
}

/// A query parameter's values: absent or null is none, an array is repeated values.
fn values(action: &Value, name: &str) -> Result<Vec<String>, Error> {
    let scalar = |v: &Value| match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(Error::usage(format!("'{name}' must be a string"))),
    };
    match field(action, name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items.iter().map(scalar).collect(),
        Some(v) => scalar(v).map(|s| vec![s]),
    }
}

/// The message of a send action: `data` typed by `dataType` (text, json or binary; binary data
/// is base64 or an array of bytes).
fn payload(action: &Value) -> Result<Payload, Error> {
    let data = field(action, "data").ok_or_else(|| Error::usage("missing 'data'"))?;
    let data_type = match field(action, "dataType") {
        None | Some(Value::Null) => DataType::Text,
        Some(Value::String(t)) if t.eq_ignore_ascii_case("text") => DataType::Text,
        Some(Value::String(t)) if t.eq_ignore_ascii_case("json") => DataType::Json,
        Some(Value::String(t)) if t.eq_ignore_ascii_case("binary") => DataType::Binary,
        Some(t) => {
            return Err(Error::usage(format!(
                "unknown dataType {t}: use text, json or binary"
            )))
        }
    };
    let bytes = match (data_type, data) {
        (DataType::Text, Value::String(s)) => Bytes::from(s.clone()),
        (DataType::Binary, Value::String(s)) => base64::engine::general_purpose::STANDARD
            .decode(s)
            .map(Bytes::from)
            .map_err(|_| Error::usage("binary 'data' must be base64"))?,
        (DataType::Binary, Value::Array(items)) => items
            .iter()
            .map(|b| b.as_u64().and_then(|b| u8::try_from(b).ok()))
            .collect::<Option<Vec<u8>>>()
            .map(Bytes::from)
            .ok_or_else(|| Error::usage("binary 'data' must be base64 or an array of bytes"))?,
        (DataType::Binary, _) => {
            return Err(Error::usage(
                "binary 'data' must be base64 or an array of bytes",
            ))
        }
        (_, v) => Bytes::from(v.to_string()),
    };
    super::payload(data_type, bytes)
}

/// One action as an operation of the table.
pub fn to_op(action: &Value) -> Result<Op, Error> {
    let name = string(action, "actionName")?;
    let kind = OpKind::from_action(&name).ok_or_else(|| {
        Error::usage(format!(
            "unknown actionName '{}': expected one of {}",
            crate::output::sanitize_line(&name),
            OpKind::action_names().collect::<Vec<_>>().join(", ")
        ))
    })?;
    let spec = kind.spec();
    let bad = |e: crate::wire::ops::ArgError| Error::usage(e.message);
    let mut args = Args::default();
    for param in spec.path_params().filter(|p| *p != "hub") {
        args.set_path(param, &string(action, param)?).map_err(bad)?;
    }
    for param in spec.query {
        for value in values(action, param)? {
            args.add_query(param, &value).map_err(bad)?;
        }
    }
    if spec.body == BodyKind::Message {
        args.payload = Some(payload(action)?);
    }
    Op::new(kind, args).map_err(bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_lines_and_arrays_keep_their_places() {
        let lines = "{\"a\":1}\n\n{\"b\":2}\n";
        let parsed = parse_all(lines).unwrap();
        let places: Vec<String> = parsed.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(places, ["line 1", "line 3"]);
        let array = "[\n  {\"a\":1},\n  {\"b\":2}, {\"c\":3}\n]\n";
        let parsed = parse_all(array).unwrap();
        let places: Vec<String> = parsed.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(
            places,
            ["item 1 (line 2)", "item 2 (line 3)", "item 3 (line 3)"]
        );
        assert_eq!(parse_all("[]").unwrap().len(), 0);
        assert!(parse_all("[{\"a\":1}").is_err());
        let err = parse_all("{\"a\":1}\n{oops}\n").unwrap_err();
        assert!(err.message.starts_with("line 2:"), "{}", err.message);
    }

    #[test]
    fn every_action_name_maps() {
        for name in OpKind::action_names() {
            let action = json!({
                "actionName": name, "data": "x", "dataType": "text", "userId": "u", "group": "g",
                "connectionId": "c", "permission": "sendToGroup", "targetName": "g"
            });
            assert!(to_op(&action).is_ok(), "{name}");
        }
        assert!(to_op(&json!({"actionName": "nope"})).is_err());
        assert!(
            to_op(&json!({"actionName": "sendToAll", "data": {"a":1}, "dataType": "json"})).is_ok()
        );
        assert!(
            to_op(&json!({"actionName": "sendToAll", "data": "!!", "dataType": "binary"})).is_err()
        );
        let err = to_op(&json!({"actionName": "SENDTOUSER", "data": "x"})).unwrap_err();
        assert_eq!(err.message, "missing 'userId'");
    }

    #[test]
    fn dot_segments_and_bad_names_are_refused_before_anything_is_sent() {
        for action in [
            json!({"actionName": "closeGroupConnections", "group": ".."}),
            json!({"actionName": "sendToUser", "userId": "..", "data": "x"}),
            json!({"actionName": "closeClientConnection", "connectionId": "."}),
            json!({"actionName": "addUserToGroup", "userId": "", "group": "g"}),
            json!({"actionName": "sendToAll", "data": "x", "excluded": ["ok", ".."]}),
            json!({"actionName": "grantPermission", "connectionId": "c", "permission": "all"}),
        ] {
            let err = to_op(&action).unwrap_err();
            assert_eq!(err.exit, Exit::Usage, "{action}");
        }
        let err =
            to_op(&json!({"actionName": "sendToUser", "userId": "..", "data": "x"})).unwrap_err();
        assert!(
            err.message.contains("invalid user id '..'"),
            "{}",
            err.message
        );
    }
}
