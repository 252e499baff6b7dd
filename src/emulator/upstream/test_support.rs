//! A local event handler that records what the upstream sends, and test fixtures.

use std::net::SocketAddr;
use std::time::Instant;

use axum::body::Body;
use axum::extract::Request;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Router;

use super::*;

/// §6.1's [calc] vector.
pub(super) const KEY: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
pub(super) const CONN1_SIGNATURE: &str =
    "sha256=8de7281e588e23b0a30a7180ffa240257b8176e983004c240c9f3f7a7233c993";

#[derive(Debug, Clone)]
pub(super) struct Recorded {
    pub(super) method: String,
    pub(super) path: String,
    pub(super) query: Option<String>,
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
}

impl Recorded {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub(super) fn event(&self) -> &str {
        self.header("ce-eventname").unwrap_or("")
    }
}

/// A local event handler that records every request and answers with `respond`.
pub(super) struct Server {
    pub(super) addr: SocketAddr,
    pub(super) requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    pub(super) async fn start(
        respond: impl Fn(&Recorded) -> Response + Send + Sync + 'static,
    ) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let respond = Arc::new(respond);
        let log = requests.clone();
        let app = Router::new().fallback(move |req: Request| {
            let log = log.clone();
            let respond = respond.clone();
            async move {
                let (parts, body) = req.into_parts();
                let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
                let rec = Recorded {
                    method: parts.method.to_string(),
                    path: parts.uri.path().to_string(),
                    query: parts.uri.query().map(str::to_string),
                    headers: parts.headers,
                    body,
                };
                let response = respond(&rec);
                log.lock().unwrap().push(rec);
                response
            }
        });
        tokio::spawn(async move { axum::serve(listener, app).await });
        Server { addr, requests }
    }

    pub(super) fn handler(&self, items: &str) -> HandlerConfig {
        format!(
            "url-template=http://{}/eventhandler/{{event}} {items}",
            self.addr
        )
        .parse()
        .unwrap()
    }

    pub(super) fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub(super) fn posts(&self) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == "POST")
            .collect()
    }

    /// Waits (up to 5 s) for `n` events: `connected`/`disconnected` are sent in the background.
    pub(super) async fn wait_for_posts(&self, n: usize) -> Vec<Recorded> {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let posts = self.posts();
            if posts.len() >= n || Instant::now() > deadline {
                return posts;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

pub(super) fn reply(status: u16, headers: &[(&str, &str)], body: impl Into<Body>) -> Response {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.into()).unwrap()
}

/// Passes validation (`WebHook-Allowed-Origin: *`), answers events with `respond`.
pub(super) fn validating(
    respond: impl Fn(&Recorded) -> Response + Send + Sync + 'static,
) -> impl Fn(&Recorded) -> Response + Send + Sync + 'static {
    move |r| {
        if r.method == "OPTIONS" {
            reply(200, &[("WebHook-Allowed-Origin", "*")], "")
        } else {
            respond(r)
        }
    }
}

pub(super) fn ctx() -> EventContext {
    EventContext {
        hub: "chat".into(),
        connection_id: "conn1".into(),
        user_id: Some("user1".into()),
        subprotocol: Some("json.webpubsub.azure.v1".into()),
        origin: "localhost:8080".into(),
        mqtt: None,
    }
}

pub(super) fn offering(subprotocols: &[&str]) -> ConnectEventRequest {
    ConnectEventRequest {
        subprotocols: subprotocols.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

pub(super) fn is_rfc3339_utc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}
