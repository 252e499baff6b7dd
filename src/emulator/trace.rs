//! `emulator start --trace FILE`: a request log, one JSON object per line, of every REST call and
//! every client frame in and out. For users debugging their app against the emulator, and for the
//! interop suite, which compares what the CLI and the SDKs send.
//!
//! Secrets never reach the log: a REST call's bearer token is replaced by its decoded claims (no
//! signature), `access_token`-like query values are redacted, and the `reconnectionToken` of a
//! `connected` frame is redacted. The access key is never written. When tracing is off the cost is
//! one `Option` check per request and per frame.
//!
//! Records (`kind` first, then the other keys in alphabetical order):
//!
//! ```text
//! {"kind":"rest","body":"hi","claims":{"aud":…,"exp":…},"contentType":"text/plain","method":"POST",
//!  "path":"/api/hubs/chat/:send","query":[["api-version","2024-12-01"],…],"status":202,"ts":…}
//! {"kind":"frame","connectionId":"…","direction":"in","hub":"chat","text":"{…}","ts":…}
//! {"kind":"frame","binary":"<base64>","connectionId":"…","direction":"out","hub":"chat","ts":…}
//! {"kind":"frame","close":{"code":1000,"reason":"bye"},"connectionId":"…","direction":"out",…}
//! ```
//!
//! A failed REST call also has `errorCode` (its `x-ms-error-code`); a call that reached an
//! operation of the table has `operation` (its operationId, e.g. `WebPubSub_SendToAll`).
//!
//! `path` is the path as received (still percent-encoded); `query` lists the pairs in the
//! client's order, decoded, repeated keys kept; `body` is the body as UTF-8 text, or `bodyBase64`
//! when it is not UTF-8 or is sent as `application/octet-stream`; `claims` is `null` when there
//! is no bearer token, or a string saying why it could not be decoded. `ts` is milliseconds since
//! the Unix epoch.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::ws::Message;
use axum::extract::Request;
use axum::http::header;
use axum::response::Response;
use base64::Engine;
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use serde_json::{json, Map, Value};

use crate::token;

const REDACTED: &str = "<redacted>";

/// Query keys whose values are credentials.
fn is_secret_key(key: &str) -> bool {
    [
        "access_token",
        "awps_reconnection_token",
        "sig",
        "signature",
    ]
    .iter()
    .any(|s| key.eq_ignore_ascii_case(s))
}

/// Where the records go.
enum Sink {
    Stderr,
    File(File),
}

/// An open request log.
pub struct Trace {
    sink: Mutex<Sink>,
}

impl Trace {
    /// Opens `dest` for appending (created if missing); `-` means stderr.
    pub fn open(dest: &str) -> std::io::Result<Trace> {
        let sink = if dest == "-" {
            Sink::Stderr
        } else {
            Sink::File(OpenOptions::new().create(true).append(true).open(dest)?)
        };
        Ok(Trace {
            sink: Mutex::new(sink),
        })
    }

    /// Writes one record as one line, in one write, so readers never see half a line. `kind`
    /// comes first so the log is easy to scan and grep; the other keys follow sorted.
    fn write(&self, kind: &str, record: Map<String, Value>) {
        let rest = Value::Object(record).to_string();
        let mut line = match rest.strip_prefix('{') {
            Some("}") | None => format!("{{\"kind\":\"{kind}\"}}"),
            Some(tail) => format!("{{\"kind\":\"{kind}\",{tail}"),
        };
        line.push('\n');
        let Ok(mut sink) = self.sink.lock() else {
            return;
        };
        let _ = match &mut *sink {
            Sink::Stderr => std::io::stderr().lock().write_all(line.as_bytes()),
            Sink::File(f) => f.write_all(line.as_bytes()),
        };
    }

    /// Reads what the trace needs from a REST request before it is handled. The body is read
    /// (up to the message size limit) and put back, so the handler sees the same request.
    pub async fn begin_rest(&self, req: &mut Request) -> PendingRest {
        let headers = req.headers();
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let claims = match headers.get(header::AUTHORIZATION) {
            None => Value::Null,
            Some(v) => claims_of(v.to_str().unwrap_or("")),
        };
        let query: Vec<Value> =
            url::form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
                .map(|(k, v)| {
                    let v = if is_secret_key(&k) {
                        REDACTED.into()
                    } else {
                        v
                    };
                    json!([k, v])
                })
                .collect();
        let method = req.method().to_string();
        let path = req.uri().path().to_string();
        let body = std::mem::take(req.body_mut());
        let (bytes, body) = buffer(body, crate::wire::MAX_MESSAGE_BYTES).await;
        *req.body_mut() = body;
        let mut record = Map::new();
        record.insert("ts".into(), now_ms().into());
        record.insert("method".into(), method.into());
        record.insert("path".into(), path.into());
        record.insert("query".into(), Value::Array(query));
        record.insert("contentType".into(), content_type.clone().into());
        match bytes {
            None => {
                record.insert("bodyTruncated".into(), true.into());
            }
            Some(b) => {
                let binary = content_type.as_deref().is_some_and(|ct| {
                    ct.split(';')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .eq_ignore_ascii_case("application/octet-stream")
                });
                match std::str::from_utf8(&b) {
                    Ok(text) if !binary => {
                        record.insert("body".into(), text.into());
                    }
                    _ => {
                        record.insert("bodyBase64".into(), b64(&b).into());
                    }
                }
            }
        }
        record.insert("claims".into(), claims);
        PendingRest { record }
    }

    /// Completes a REST record with the response's status, and writes it.
    pub fn end_rest(&self, pending: PendingRest, response: &Response) {
        let mut record = pending.record;
        record.insert("status".into(), response.status().as_u16().into());
        // Which operation of the table handled it (none for 404s and the like).
        if let Some(super::rest::Handled(id)) = response.extensions().get() {
            record.insert("operation".into(), (*id).into());
        }
        if let Some(code) = response
            .headers()
            .get("x-ms-error-code")
            .and_then(|v| v.to_str().ok())
        {
            record.insert("errorCode".into(), code.into());
        }
        self.write("rest", record);
    }

    /// A client frame, `in` (from the client) or `out` (to it). Pings and pongs are left out.
    pub fn frame(&self, direction: Direction, hub: &str, connection_id: &str, msg: &Message) {
        let mut record = Map::new();
        record.insert("ts".into(), now_ms().into());
        record.insert("direction".into(), direction.as_str().into());
        record.insert("hub".into(), hub.into());
        record.insert("connectionId".into(), connection_id.into());
        match msg {
            Message::Text(t) => {
                record.insert("text".into(), redact_frame(t.as_str()).into());
            }
            Message::Binary(b) => {
                record.insert("binary".into(), b64(b).into());
            }
            Message::Close(frame) => {
                let (code, reason) = frame.as_ref().map_or((None, String::new()), |f| {
                    (Some(f.code), f.reason.to_string())
                });
                record.insert("close".into(), json!({"code": code, "reason": reason}));
            }
            Message::Ping(_) | Message::Pong(_) => return,
        }
        self.write("frame", record);
    }

    /// A close frame the service sends, which the writer builds from a code and a reason.
    pub fn close_out(&self, hub: &str, connection_id: &str, code: u16, reason: &str) {
        let mut record = Map::new();
        record.insert("ts".into(), now_ms().into());
        record.insert("direction".into(), "out".into());
        record.insert("hub".into(), hub.into());
        record.insert("connectionId".into(), connection_id.into());
        record.insert("close".into(), json!({"code": code, "reason": reason}));
        self.write("frame", record);
    }
}

/// A REST record waiting for its response.
pub struct PendingRest {
    record: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    In,
    Out,
}

impl Direction {
    fn as_str(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The claims of `Bearer <JWT>`, decoded without the signature; never the token itself.
fn claims_of(authorization: &str) -> Value {
    let Some(jwt) = token::bearer(authorization) else {
        return "not a Bearer token".into();
    };
    match token::decode_unverified(jwt) {
        Ok((_, claims)) => Value::Object(
            claims
                .0
                .into_iter()
                .map(|(k, v)| match v {
                    Value::String(s) => (k, Value::String(redact_url(&s))),
                    v => (k, v),
                })
                .collect(),
        ),
        Err(e) => format!("undecodable token: {e}").into(),
    }
}

/// A URL (an `aud` claim is one) with the values of credential query keys redacted; anything
/// else unchanged.
fn redact_url(s: &str) -> String {
    let Some((base, query)) = s.split_once('?') else {
        return s.to_string();
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if !pairs.iter().any(|(k, _)| is_secret_key(k)) {
        return s.to_string();
    }
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in &pairs {
        out.append_pair(k, if is_secret_key(k) { REDACTED } else { v });
    }
    format!("{base}?{}", out.finish())
}

/// A frame's text, with the `reconnectionToken` of a `connected` frame redacted. Only frames
/// that mention it are parsed, so ordinary messages cost a substring search.
fn redact_frame(text: &str) -> String {
    if !text.contains("\"reconnectionToken\"") {
        return text.to_string();
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(mut obj)) if obj.contains_key("reconnectionToken") => {
            obj.insert("reconnectionToken".into(), REDACTED.into());
            Value::Object(obj).to_string()
        }
        _ => text.to_string(),
    }
}

/// Reads a body up to `limit` bytes. Returns the bytes (or `None` when it is longer) and a body
/// that yields exactly what the original would have, so the handler's own limits still apply.
async fn buffer(body: Body, limit: usize) -> (Option<Bytes>, Body) {
    let mut stream = body.into_data_stream();
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut total = 0usize;
    loop {
        match stream.next().await {
            None => break,
            Some(Ok(chunk)) => {
                total += chunk.len();
                chunks.push(chunk);
                if total > limit {
                    // Too long to log: hand the rest on untouched.
                    let head = futures_util::stream::iter(chunks.into_iter().map(Ok));
                    return (None, Body::from_stream(head.chain(stream)));
                }
            }
            Some(Err(e)) => {
                let head = futures_util::stream::iter(chunks.into_iter().map(Ok));
                let tail = futures_util::stream::once(async move { Err(e) });
                return (None, Body::from_stream(head.chain(tail)));
            }
        }
    }
    let mut all = BytesMut::with_capacity(total);
    for c in chunks {
        all.extend_from_slice(&c);
    }
    let bytes = all.freeze();
    (Some(bytes.clone()), Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_reconnection_tokens_only_in_frames_that_carry_one() {
        let connected = r#"{"type":"system","event":"connected","userId":null,"connectionId":"c1","reconnectionToken":"secret"}"#;
        let out = redact_frame(connected);
        assert!(!out.contains("secret"), "{out}");
        assert!(out.contains(REDACTED));
        let message = r#"{"type":"message","from":"server","dataType":"text","data":"hi"}"#;
        assert_eq!(redact_frame(message), message);
    }

    #[test]
    fn claims_never_include_the_token() {
        let jwt = token::mint_rest_token(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH",
            "http://x/api",
            60,
            1,
        );
        let claims = claims_of(&format!("Bearer {jwt}"));
        assert_eq!(claims["aud"], "http://x/api");
        assert!(!claims.to_string().contains(&jwt));
        assert!(claims_of("Basic abc").is_string());
        let leaky = token::mint_rest_token(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH",
            "http://x/api?a=1&access_token=SECRET",
            60,
            1,
        );
        let claims = claims_of(&format!("Bearer {leaky}"));
        assert!(!claims.to_string().contains("SECRET"), "{claims}");
    }

    #[test]
    fn secret_query_keys() {
        assert!(is_secret_key("access_token"));
        assert!(is_secret_key("ACCESS_TOKEN"));
        assert!(!is_secret_key("api-version"));
    }
}
