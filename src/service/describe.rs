//! Requests and responses as text: `--dry-run` prints the request that would be sent, `--debug`
//! prints both on stderr. The REST token never appears (only its claims, which are not secret),
//! and any JWT inside a `--debug` body, such as `:generateToken`'s answer, is redacted.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::{json, Value};

use super::Request;
use crate::output::{redact_jwts, sanitize};

/// The request as text, for `--debug` (stderr, prefixed `> `) and `--dry-run` (stdout).
pub fn describe_request(req: &Request, debug: bool) -> String {
    let prefix = if debug { "> " } else { "" };
    let mut out = format!("{prefix}{} {}\n", req.method, req.destination());
    if req.entra {
        out.push_str(&format!(
            "{prefix}Authorization: Bearer <Entra token redacted>\n"
        ));
    } else {
        out.push_str(&format!(
            "{prefix}Authorization: Bearer <JWT redacted; claims aud=\"{}\">\n",
            req.url
        ));
    }
    for (name, value) in &req.headers {
        out.push_str(&format!("{prefix}{name}: {}\n", sanitize(value)));
    }
    if let Some(body) = &req.body {
        let bytes = body.bytes();
        out.push_str(&format!("{prefix}Content-Type: {}\n", body.content_type()));
        out.push_str(&format!("{prefix}Content-Length: {}\n", bytes.len()));
        out.push_str(&format!("{prefix}\n"));
        match std::str::from_utf8(bytes) {
            Ok(text) if body.content_type() != "application/octet-stream" => {
                let text = if debug {
                    redact_jwts(text)
                } else {
                    text.to_string()
                };
                out.push_str(prefix);
                out.push_str(&sanitize(&text));
                out.push('\n');
            }
            _ => out.push_str(&format!("{prefix}<{} bytes of binary data>\n", bytes.len())),
        }
    }
    if debug {
        out.push('\n');
    }
    out
}

/// The response as `--debug` shows it: status, headers and body, JWTs redacted.
pub fn describe_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> String {
    let mut out = format!(
        "< {} {}\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    for (k, v) in headers {
        let value = v.to_str().map(redact_jwts);
        out.push_str(&format!(
            "< {k}: {}\n",
            value
                .as_deref()
                .map(sanitize)
                .unwrap_or_else(|_| "<binary>".into())
        ));
    }
    if !body.is_empty() {
        let text = redact_jwts(&String::from_utf8_lossy(body));
        out.push_str(&format!("<\n{}\n", sanitize(&text)));
    }
    out.push('\n');
    out
}

/// The request as JSON, for `--dry-run --output json`: what the interop check compares.
pub fn request_json(req: &Request, claims: &Value) -> Value {
    let query: Vec<Value> = req.url.query_pairs().map(|(k, v)| json!([k, v])).collect();
    let body = req.body.as_ref().map(|b| match std::str::from_utf8(b.bytes()) {
        Ok(t) if b.content_type() != "application/octet-stream" => {
            json!({"contentType": b.content_type(), "text": t})
        }
        _ => json!({
            "contentType": b.content_type(),
            "base64": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, b.bytes())
        }),
    });
    let mut value = json!({
        "method": req.method.as_str(),
        "url": req.destination().as_str(),
        "path": req.url.path(),
        "query": query,
        "body": body,
        "claims": claims,
    });
    // Only when there are some, so the shape of plain requests does not change.
    if !req.headers.is_empty() {
        let headers: Vec<Value> = req.headers.iter().map(|(k, v)| json!([k, v])).collect();
        value["headers"] = Value::Array(headers);
    }
    value
}
