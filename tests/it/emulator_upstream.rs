//! Upstream event handlers: the emulator (started with `--event-handler`) sends CloudEvents to a
//! real local HTTP handler, which the tests run and which records every request.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};

use crate::common::*;

#[derive(Clone, Debug)]
pub(crate) struct Recorded {
    method: Method,
    path: String,
    headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// An event handler that records requests and answers like `@azure/web-pubsub-express`:
/// validation echoes the origin; `connect` accepts (as user "handler-user", joining "hg"),
/// unless the token's sub is "reject-me"; user events echo their body; others 204.
pub(crate) async fn start_handler() -> (u16, Arc<Mutex<Vec<Recorded>>>) {
    let log: Arc<Mutex<Vec<Recorded>>> = Arc::default();
    let seen = log.clone();
    let app = Router::new().fallback(
        move |method: Method, uri: axum::http::Uri, headers: HeaderMap, body: Bytes| {
            let seen = seen.clone();
            async move {
                seen.lock().unwrap().push(Recorded {
                    method: method.clone(),
                    path: uri.path().to_string(),
                    headers: headers.clone(),
                    body: body.clone(),
                });
                handle(&method, &headers, &body)
            }
        },
    );
    let port = serve_on_loopback(app).await;
    (port, log)
}

fn handle(method: &Method, headers: &HeaderMap, body: &Bytes) -> Response {
    let h = |name: &str| header_text(headers, name);
    if method == Method::OPTIONS {
        return allow_webhook_origin(headers);
    }
    match h("ce-type").as_str() {
        "azure.webpubsub.sys.connect" => {
            let req: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            if req["claims"]["sub"] == json!(["reject-me"]) {
                return (StatusCode::UNAUTHORIZED, "Invalid user").into_response();
            }
            (
                StatusCode::OK,
                [("content-type", "application/json"), ("ce-connectionState", "eyJrZXkiOiJhIn0=")],
                json!({"userId": "handler-user", "groups": ["hg"], "roles": ["webpubsub.sendToGroup"]}).to_string(),
            )
                .into_response()
        }
        t if t.starts_with("azure.webpubsub.user.") => {
            if h("ce-eventName") == "fail" {
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
            let ct = h("content-type");
            let mut reply = b"echo:".to_vec();
            reply.extend_from_slice(body);
            (
                StatusCode::OK,
                [(
                    "content-type",
                    if ct.starts_with("application/octet-stream") {
                        ct
                    } else {
                        "text/plain; charset=utf-8".to_string()
                    },
                )],
                reply,
            )
                .into_response()
        }
        _ => StatusCode::NO_CONTENT.into_response(),
    }
}

fn events(log: &Arc<Mutex<Vec<Recorded>>>, ce_type: &str) -> Vec<Recorded> {
    log.lock()
        .unwrap()
        .iter()
        .filter(|r| r.headers.get("ce-type").and_then(|v| v.to_str().ok()) == Some(ce_type))
        .cloned()
        .collect()
}

pub(crate) async fn wait_for(log: &Arc<Mutex<Vec<Recorded>>>, ce_type: &str) -> Recorded {
    for _ in 0..100 {
        if let Some(r) = events(log, ce_type).into_iter().next() {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "no {ce_type} event arrived; got {:?}",
        log.lock()
            .unwrap()
            .iter()
            .map(|r| r.headers.get("ce-type").cloned())
            .collect::<Vec<_>>()
    );
}

pub(crate) fn header(r: &Recorded, name: &str) -> String {
    header_text(&r.headers, name)
}

pub(crate) fn spec(port: u16) -> String {
    format!(
        "url-template=http://127.0.0.1:{port}/eventhandler/{{event}} user-event-pattern=* system-event=connect system-event=connected system-event=disconnected"
    )
}

#[tokio::test]
async fn connect_connected_user_events_and_disconnected_reach_the_handler() {
    let (port, log) = start_handler().await;
    let emu = Emulator::start_with(&["--event-handler", &spec(port)]);
    let mut c = emu
        .connect_json(
            "chat",
            &json!({"sub": "alice", "role": ["webpubsub.joinLeaveGroup"]}),
        )
        .await;
    let id = c.connection_id.clone();
    // The connect answer set the user.
    assert_eq!(c.user_id.as_deref(), Some("handler-user"));

    // Abuse protection came first.
    let first = log.lock().unwrap()[0].clone();
    assert_eq!(first.method, Method::OPTIONS);
    assert_eq!(first.path, "/eventhandler/validate");
    assert_eq!(
        header(&first, "webhook-request-origin"),
        format!("localhost:{}", emu.port)
    );

    let connect = wait_for(&log, "azure.webpubsub.sys.connect").await;
    assert_eq!(connect.path, "/eventhandler/connect");
    assert_eq!(header(&connect, "ce-awpsversion"), "1.0");
    assert_eq!(header(&connect, "ce-specversion"), "1.0");
    assert_eq!(header(&connect, "ce-hub"), "chat");
    assert_eq!(header(&connect, "ce-connectionId"), id);
    assert_eq!(header(&connect, "ce-eventName"), "connect");
    assert_eq!(header(&connect, "ce-userId"), "alice");
    let key = DEFAULT_KEY;
    let expected_sig = {
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).unwrap();
        mac.update(id.as_bytes());
        format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
    };
    assert_eq!(header(&connect, "ce-signature"), expected_sig);
    let body: Value = serde_json::from_slice(&connect.body).unwrap();
    assert_eq!(body["claims"]["sub"], json!(["alice"]));
    assert_eq!(body["subprotocols"], json!([JSON_V1]));

    let connected = wait_for(&log, "azure.webpubsub.sys.connected").await;
    assert_eq!(header(&connected, "ce-userId"), "handler-user");
    assert_eq!(header(&connected, "ce-subprotocol"), JSON_V1);
    // The state the connect answer set comes back on later events.
    assert_eq!(header(&connected, "ce-connectionState"), "eyJrZXkiOiJhIn0=");

    // The connect answer's groups and roles apply.
    emu.rest(
        "POST",
        &v("/api/hubs/chat/groups/hg/:send"),
        Some("text/plain"),
        "to hg",
    )
    .await
    .expect(202);
    assert_fields(
        &c.ws.recv_json().await,
        &json!({"group": "hg", "data": "to hg"}),
    );
    assert_ack_ok(&c.send_text_to("anygroup", "x").await);

    // A user event: the handler's answer arrives as a server message, then the ack.
    let ack = c.ack_id();
    c.ws.send_json(
        &json!({"type": "event", "event": "greet", "dataType": "text", "data": "hi", "ackId": ack}),
    )
    .await;
    assert_fields(
        &c.ws.recv_json().await,
        &json!({"type": "message", "from": "server", "dataType": "text", "data": "echo:hi"}),
    );
    assert_ack_ok(&c.ws.recv_json().await);
    let greet = wait_for(&log, "azure.webpubsub.user.greet").await;
    assert_eq!(header(&greet, "content-type"), "text/plain");
    assert_eq!(&greet.body[..], b"hi");

    // A failing handler: InternalServerError ack.
    let ack = c.ack_id();
    c.ws.send_json(
        &json!({"type": "event", "event": "fail", "dataType": "text", "data": "x", "ackId": ack}),
    )
    .await;
    assert_ack_err(&c.ws.recv_json().await, "InternalServerError");

    c.ws.close().await;
    let gone = wait_for(&log, "azure.webpubsub.sys.disconnected").await;
    assert_eq!(header(&gone, "ce-connectionId"), id);
    let body: Value = serde_json::from_slice(&gone.body).unwrap();
    assert!(body["reason"].is_string(), "{body}");
}

#[tokio::test]
async fn a_refused_connect_fails_the_handshake_with_the_handlers_status() {
    let (port, _log) = start_handler().await;
    let emu = Emulator::start_with(&["--event-handler", &spec(port)]);
    let token = emu.client_token("chat", &json!({"sub": "reject-me"}));
    let err = emu
        .ws_open(
            &format!("/client/hubs/chat?access_token={token}"),
            &WsOpts::default(),
        )
        .await
        .err()
        .expect("the handshake must fail");
    assert_eq!(err.status, 401);
    assert!(err.body.contains("Invalid user"), "{}", err.body);
}

#[tokio::test]
async fn simple_client_frames_are_message_events_answered_with_frames() {
    let (port, log) = start_handler().await;
    let emu = Emulator::start_with(&["--event-handler", &spec(port)]);
    let mut ws = emu.connect_simple("chat", &json!({"sub": "sam"})).await;
    ws.send_text("ping me").await;
    assert_eq!(ws.recv_text().await, "echo:ping me");
    let ev = wait_for(&log, "azure.webpubsub.user.message").await;
    assert_eq!(header(&ev, "ce-eventName"), "message");
    assert_eq!(&ev.body[..], b"ping me");
}

#[tokio::test]
async fn a_bad_event_handler_spec_is_a_usage_error() {
    let out = std::process::Command::new(bin())
        .args([
            "emulator",
            "start",
            "--port",
            "0",
            "--event-handler",
            "user-event-pattern=*",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("url-template"));
}

#[tokio::test]
async fn invoke_is_answered_with_an_invoke_response() {
    let (port, _log) = start_handler().await;
    let emu = Emulator::start_with(&["--event-handler", &spec(port)]);
    let mut c = emu.connect_json("chat", &json!({"sub": "ivy"})).await;
    c.ws.send_json(&json!({"type": "invoke", "invocationId": "7", "target": "event", "event": "ask", "dataType": "text", "data": "q"}))
        .await;
    let r = c.ws.recv_json().await;
    assert_eq!(
        r,
        json!({"type": "invokeResponse", "invocationId": "7", "success": true, "dataType": "text", "data": "echo:q"})
    );
    c.ws.send_json(&json!({"type": "invoke", "invocationId": "8", "target": "event", "event": "fail", "dataType": "text", "data": "q"}))
        .await;
    let r = c.ws.recv_json().await;
    assert_fields(
        &r,
        &json!({"type": "invokeResponse", "invocationId": "8", "success": false}),
    );
    assert_eq!(r["error"]["name"], json!("InternalServerError"));
    // Cancelling is accepted and the connection stays up.
    c.ws.send_json(&json!({"type": "cancelInvocation", "invocationId": "8"}))
        .await;
    c.ws.ping_pong().await;
}
