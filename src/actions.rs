//! `service apply`: actions in the shape of the Azure Functions Web PubSub output binding
//! (`{"actionName":"sendToAll","data":…,"dataType":"text"}`), read as a JSON array or as JSON lines.

use base64::Engine;
use bytes::Bytes;
use serde_json::Value;

use crate::cli::ContentType;
use crate::commands::service::payload_of;
use crate::error::Error;
use crate::service::{Op, Targeting};
use crate::wire::Permission;

/// The 14 action names of the binding (compared case-insensitively).
pub const ACTION_NAMES: [&str; 14] = [
    "sendToAll",
    "sendToConnection",
    "sendToGroup",
    "sendToUser",
    "addUserToGroup",
    "removeUserFromGroup",
    "removeUserFromAllGroups",
    "addConnectionToGroup",
    "removeConnectionFromGroup",
    "closeAllConnections",
    "closeClientConnection",
    "closeGroupConnections",
    "grantPermission",
    "revokePermission",
];

/// Every JSON value of the input with the line it starts on. A top-level array is taken element
/// by element; otherwise the values follow each other (JSON lines).
pub fn parse_all(text: &str) -> Result<Vec<(usize, Value)>, Error> {
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
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value)) => out.push((line_of(pos), value)),
            Some(Err(e)) => {
                return Err(Error::usage(format!(
                    "line {}: not valid JSON: {e}",
                    line_of(pos) + e.line().saturating_sub(1)
                )))
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

fn field<'a>(action: &'a Value, name: &str) -> Option<&'a Value> {
    action
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn string(action: &Value, name: &str) -> Result<String, Error> {
    match field(action, name) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(_) => Err(Error::usage(format!("'{name}' must be a non-empty string"))),
        None => Err(Error::usage(format!("missing '{name}'"))),
    }
}

fn opt_string(action: &Value, name: &str) -> Result<Option<String>, Error> {
    match field(action, name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::usage(format!("'{name}' must be a string"))),
    }
}

fn strings(action: &Value, name: &str) -> Result<Vec<String>, Error> {
    match field(action, name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| Error::usage(format!("'{name}' must hold strings")))
            })
            .collect(),
        Some(_) => Err(Error::usage(format!(
            "'{name}' must be an array of strings"
        ))),
    }
}

/// The message of a send action: `data` typed by `dataType` (text, json or binary; binary data
/// is base64 or an array of bytes).
fn payload(action: &Value) -> Result<crate::service::Payload, Error> {
    let data = field(action, "data").ok_or_else(|| Error::usage("missing 'data'"))?;
    let data_type = match opt_string(action, "dataType")? {
        None => ContentType::Text,
        Some(t) if t.eq_ignore_ascii_case("text") => ContentType::Text,
        Some(t) if t.eq_ignore_ascii_case("json") => ContentType::Json,
        Some(t) if t.eq_ignore_ascii_case("binary") => ContentType::Binary,
        Some(t) => {
            return Err(Error::usage(format!(
                "unknown dataType '{t}': use text, json or binary"
            )))
        }
    };
    let bytes = match (data_type, data) {
        (ContentType::Text, Value::String(s)) => Bytes::from(s.clone()),
        (ContentType::Text, v) | (ContentType::Json, v) => Bytes::from(v.to_string()),
        (ContentType::Binary, Value::String(s)) => base64::engine::general_purpose::STANDARD
            .decode(s)
            .map(Bytes::from)
            .map_err(|_| Error::usage("binary 'data' must be base64"))?,
        (ContentType::Binary, Value::Array(items)) => items
            .iter()
            .map(|b| b.as_u64().filter(|b| *b < 256).map(|b| b as u8))
            .collect::<Option<Vec<u8>>>()
            .map(Bytes::from)
            .ok_or_else(|| Error::usage("binary 'data' must be base64 or an array of bytes"))?,
        (ContentType::Binary, _) => {
            return Err(Error::usage(
                "binary 'data' must be base64 or an array of bytes",
            ))
        }
    };
    payload_of(bytes, data_type)
}

fn permission(action: &Value) -> Result<Permission, Error> {
    string(action, "permission")?.parse().map_err(Error::usage)
}

/// One action as a REST operation.
pub fn to_op(action: &Value) -> Result<Op, Error> {
    let name = string(action, "actionName")?;
    let canonical = ACTION_NAMES
        .iter()
        .find(|a| a.eq_ignore_ascii_case(&name))
        .ok_or_else(|| {
            Error::usage(format!(
                "unknown actionName '{name}': expected one of {}",
                ACTION_NAMES.join(", ")
            ))
        })?;
    let targeting = |excluded: bool| -> Result<Targeting, Error> {
        Ok(Targeting {
            excluded: if excluded {
                strings(action, "excluded")?
            } else {
                Vec::new()
            },
            filter: opt_string(action, "filter")?,
            ttl: None,
        })
    };
    Ok(match *canonical {
        "sendToAll" => Op::SendToAll(targeting(true)?, payload(action)?),
        "sendToConnection" => {
            Op::SendToConnection(string(action, "connectionId")?, None, payload(action)?)
        }
        "sendToGroup" => {
            Op::SendToGroup(string(action, "group")?, targeting(true)?, payload(action)?)
        }
        "sendToUser" => Op::SendToUser(
            string(action, "userId")?,
            targeting(false)?,
            payload(action)?,
        ),
        "addUserToGroup" => Op::AddUserToGroup {
            user: string(action, "userId")?,
            group: string(action, "group")?,
        },
        "removeUserFromGroup" => Op::RemoveUserFromGroup {
            user: string(action, "userId")?,
            group: string(action, "group")?,
        },
        "removeUserFromAllGroups" => Op::RemoveUserFromAllGroups(string(action, "userId")?),
        "addConnectionToGroup" => Op::AddConnectionToGroup {
            group: string(action, "group")?,
            connection: string(action, "connectionId")?,
        },
        "removeConnectionFromGroup" => Op::RemoveConnectionFromGroup {
            group: string(action, "group")?,
            connection: string(action, "connectionId")?,
        },
        "closeAllConnections" => Op::CloseAll {
            excluded: strings(action, "excluded")?,
            reason: opt_string(action, "reason")?,
        },
        "closeClientConnection" => Op::CloseConnection {
            connection: string(action, "connectionId")?,
            reason: opt_string(action, "reason")?,
        },
        "closeGroupConnections" => Op::CloseGroup {
            group: string(action, "group")?,
            excluded: strings(action, "excluded")?,
            reason: opt_string(action, "reason")?,
        },
        "grantPermission" => Op::GrantPermission {
            permission: permission(action)?,
            connection: string(action, "connectionId")?,
            target: opt_string(action, "targetName")?,
        },
        _ => Op::RevokePermission {
            permission: permission(action)?,
            connection: string(action, "connectionId")?,
            target: opt_string(action, "targetName")?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_lines_and_arrays_keep_line_numbers() {
        let lines = "{\"a\":1}\n\n{\"b\":2}\n";
        let parsed = parse_all(lines).unwrap();
        assert_eq!(
            parsed.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec![1, 3]
        );
        let array = "[\n  {\"a\":1},\n  {\"b\":2}\n]\n";
        let parsed = parse_all(array).unwrap();
        assert_eq!(
            parsed.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert_eq!(parse_all("[]").unwrap().len(), 0);
        assert!(parse_all("[{\"a\":1}").is_err());
        let err = parse_all("{\"a\":1}\n{oops}\n").unwrap_err();
        assert!(err.message.starts_with("line 2:"), "{}", err.message);
    }

    #[test]
    fn every_action_name_maps() {
        for name in ACTION_NAMES {
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
        assert!(to_op(&json!({"actionName": "SENDTOUSER", "data": "x"})).is_err());
        // no userId
    }
}
