//! Why an upstream call failed, in words that never show a URL's query (it may hold a key).

use std::fmt;
use std::time::Duration;

use axum::http::StatusCode;
use reqwest::Url;

/// A refused `connect`: answer the handshake with this status and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub status: StatusCode,
    pub message: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status, self.message)
    }
}

impl From<UpstreamError> for Rejection {
    fn from(e: UpstreamError) -> Self {
        Rejection {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("The connect event failed: {e}."),
        }
    }
}

/// Why an upstream call failed. URLs are shown without their query (it may hold a `?code=` key).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpstreamError {
    #[error("no event handler for the '{event}' event in hub '{hub}'")]
    NoHandler { hub: String, event: String },
    #[error("the url-template {} does not make a valid URL: {reason}", without_query(.template))]
    InvalidUrl { template: String, reason: String },
    #[error("the event handler {url} failed abuse-protection validation: {reason}")]
    Validation { url: String, reason: String },
    #[error("the event handler {url} is unreachable: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the event handler {url} answered {status}{}", quote_body(.body))]
    Status {
        url: String,
        status: StatusCode,
        body: String,
    },
    #[error("the event handler {url} sent an invalid response: {reason}")]
    InvalidResponse { url: String, reason: String },
    #[error("the emulator is stopping; the event was not sent")]
    Stopped,
}

pub(super) fn quote_body(body: &str) -> String {
    if body.is_empty() {
        String::new()
    } else {
        format!(": {body}")
    }
}

/// A URL for messages: without credentials, and with the query (which may carry a `?code=`
/// key) replaced by `?…`.
pub(super) fn shown(url: &Url) -> String {
    let mut bare = url.clone();
    let had_query = bare.query().is_some();
    bare.set_query(None);
    bare.set_fragment(None);
    let _ = bare.set_password(None);
    let _ = bare.set_username("");
    let mut text = bare.to_string();
    if had_query {
        text.push_str("?…");
    }
    text
}

pub(super) fn without_query(template: &str) -> String {
    match template.split_once('?') {
        Some((before, _)) => format!("{before}?…"),
        None => template.to_string(),
    }
}

/// A reqwest error in words, without its URL (which [`shown`] already gives, redacted).
pub(super) fn describe(e: reqwest::Error, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("no answer within {}", human(timeout));
    }
    let connect = e.is_connect();
    let e = e.without_url();
    let mut deepest: &dyn std::error::Error = &e;
    let mut chain = vec![e.to_string()];
    while let Some(source) = deepest.source() {
        chain.push(source.to_string());
        deepest = source;
    }
    if connect {
        format!("cannot connect ({deepest})")
    } else {
        chain.join(": ")
    }
}

pub(super) fn human(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{} s", d.as_secs_f64().round())
    } else {
        format!("{} ms", d.as_millis())
    }
}

pub(super) fn log(e: &UpstreamError) {
    eprintln!("upstream: {e}");
}
#[cfg(test)]
mod tests {
    use std::time::Instant;

    use axum::Router;
    use bytes::Bytes;

    use super::super::test_support::*;
    use super::super::{HandlerConfig, Upstream};
    use super::*;
    use crate::wire::DataType;

    #[tokio::test]
    async fn unreachable_handler_rejects_with_500_naming_the_url() {
        // A port nobody listens on: bind, note it, close.
        let addr = {
            let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            l.local_addr().unwrap()
        };
        let handler: HandlerConfig =
            format!("url-template=http://{addr}/eh/{{event}}?code=secret user-event-pattern=* system-event=connect")
                .parse()
                .unwrap();
        let up = Upstream::new(vec![handler], KEY.into());
        let rejection = up.connect(&ctx(), offering(&[])).await.unwrap_err();
        assert_eq!(rejection.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            rejection
                .message
                .contains(&format!("http://{addr}/eh/validate?…")),
            "{rejection}"
        );
        assert!(rejection.message.contains("cannot connect"), "{rejection}");
        assert!(!rejection.message.contains("secret"), "{rejection}");
        let err = up
            .user_event(&ctx(), "chat", DataType::Text, Bytes::from_static(b"hi"))
            .await
            .unwrap_err();
        assert!(matches!(err, UpstreamError::Validation { .. }), "{err}");
    }

    #[tokio::test]
    async fn slow_handler_times_out() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().fallback(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            ""
        });
        tokio::spawn(async move { axum::serve(listener, app).await });
        let handler: HandlerConfig = format!("url-template=http://{addr}/ user-event-pattern=*")
            .parse()
            .unwrap();
        let up = Upstream::new(vec![handler], KEY.into()).with_timeout(Duration::from_millis(300));
        let started = Instant::now();
        let err = up
            .user_event(&ctx(), "a", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(3));
        assert!(err.to_string().contains("no answer within 300 ms"), "{err}");
    }
}
