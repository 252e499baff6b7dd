//! The client WebSocket endpoint: handshake (token, subprotocol, recovery) and one task per
//! socket that reads client frames and writes the connection's outbound queue.

use std::borrow::Cow;
use std::collections::HashMap;
use std::future::poll_fn;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};

use super::state::{
    fan_out, lock, random_id, sequenced_frame, Conn, ConnInit, Delivery, Hub, Join, Kill, Out,
    Outgoing, Protocol, Selector, SocketRx,
};
use super::trace::Direction;
use super::upstream::{ConnectEventRequest, EventContext};
use super::Emulator;
use crate::token;
use crate::wire::{
    self, ack_error, close_code, ClientFrame, DataType, MessageSource, Permission, ServerFrame,
    SystemEvent,
};

type Upgrade = Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>;

/// `GET /client/hubs/{hub}`
pub async fn connect_hub_path(
    State(emu): State<Arc<Emulator>>,
    Path(hub): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    ws: Upgrade,
) -> Response {
    connect(emu, Some(hub), query, headers, ws).await
}

/// `GET /client/?hub={hub}`
pub async fn connect_hub_query(
    State(emu): State<Arc<Emulator>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    ws: Upgrade,
) -> Response {
    connect(emu, None, query, headers, ws).await
}

/// A rejected handshake: plain text, like the service.
fn reject(status: StatusCode, message: impl Into<String>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.into(),
    )
        .into_response()
}

/// The protocol a subprotocol name stands for: ours (case-insensitive) or a custom one, which
/// makes a simple client.
fn classify(name: &str) -> Protocol {
    if name.eq_ignore_ascii_case(wire::JSON_RELIABLE_PROTOCOL) {
        Protocol::Reliable
    } else if name.eq_ignore_ascii_case(wire::JSON_PROTOCOL) {
        Protocol::Json
    } else {
        Protocol::Simple
    }
}

/// The first offered subprotocol we speak, echoed as the client wrote it.
fn choose_protocol(offered: &[String]) -> (Protocol, Option<String>) {
    offered
        .iter()
        .find(|name| classify(name) != Protocol::Simple)
        .map_or((Protocol::Simple, None), |name| {
            (classify(name), Some(name.clone()))
        })
}

/// The facts an upstream event carries about a connection.
fn event_context(conn: &Conn) -> EventContext {
    EventContext {
        hub: conn.hub.clone(),
        connection_id: conn.id.to_string(),
        user_id: conn.user_id.clone(),
        subprotocol: conn.subprotocol.clone(),
        origin: conn.origin.clone(),
    }
}

async fn connect(
    emu: Arc<Emulator>,
    path_hub: Option<String>,
    raw_query: Option<String>,
    headers: HeaderMap,
    ws: Upgrade,
) -> Response {
    let query: HashMap<String, String> =
        url::form_urlencoded::parse(raw_query.as_deref().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let Some(hub_name) = path_hub.or_else(|| query.get("hub").cloned()) else {
        return reject(
            StatusCode::BAD_REQUEST,
            "No hub: connect to /client/hubs/{hub} or /client/?hub={hub}.",
        );
    };
    if let Err(e) = wire::validate_hub(&hub_name) {
        return reject(StatusCode::BAD_REQUEST, e);
    }
    let mut ws = match ws {
        Ok(ws) => ws,
        Err(e) => return e.into_response(),
    };
    ws = ws
        .max_message_size(wire::MAX_MESSAGE_BYTES)
        .max_frame_size(wire::MAX_MESSAGE_BYTES);
    let offered: Vec<String> = ws
        .requested_protocols()
        .filter_map(|p| p.to_str().ok())
        .flat_map(|p| p.split(','))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let (mut protocol, mut selected) = choose_protocol(&offered);

    if let (Some(id), Some(rt)) = (
        query.get(wire::RECOVERY_CONNECTION_ID),
        query.get(wire::RECOVERY_TOKEN),
    ) {
        if let Some(p) = selected
            .as_deref()
            .and_then(|p| HeaderValue::from_str(p).ok())
        {
            ws.set_selected_protocol(p);
        }
        return recover(emu, &hub_name, id, rt, ws);
    }

    let token = query.get("access_token").cloned().or_else(|| {
        headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(token::bearer)
            .map(str::to_string)
    });
    let Some(token) = token else {
        return reject(
            StatusCode::UNAUTHORIZED,
            "Unauthorized: no access token; pass ?access_token=<JWT> or 'Authorization: Bearer <JWT>'.",
        );
    };
    let claims = match token::verify(
        &token,
        &emu.access_key,
        token::now_secs(),
        token::DEFAULT_SKEW_SECS,
    ) {
        Ok(c) => c,
        Err(e) => return reject(StatusCode::UNAUTHORIZED, format!("Unauthorized: {e}.")),
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let expected = format!("http://{host}/client/hubs/{hub_name}");
    if !claims
        .audiences()
        .iter()
        .any(|aud| token::audience_matches(aud, &expected))
    {
        return reject(
            StatusCode::UNAUTHORIZED,
            format!("Unauthorized: the token's audience is not {expected}."),
        );
    }
    let mut groups = claims.groups();
    for g in &groups {
        if let Err(e) = wire::validate_group(g) {
            return reject(
                StatusCode::BAD_REQUEST,
                format!("The token's group claim is invalid: {e}."),
            );
        }
    }
    let max_groups = emu.limits.max_groups_per_connection;
    if distinct_count(&groups) > max_groups {
        return reject(
            StatusCode::BAD_REQUEST,
            format!(
                "The token's group claim has {} groups: {}",
                distinct_count(&groups),
                Join::too_many_groups_message(max_groups)
            ),
        );
    }
    let mut user = claims.sub().map(str::to_string);
    let mut roles = claims.roles();
    let id = random_id(22);

    // The blocking `connect` event may refuse the client, or change its user, groups, roles and
    // subprotocol.
    let ctx = EventContext {
        hub: hub_name.clone(),
        connection_id: id.clone(),
        user_id: user.clone(),
        subprotocol: None,
        origin: host.to_string(),
    };
    let request = ConnectEventRequest::from_handshake(
        &claims.0,
        raw_query.as_deref(),
        &headers,
        offered.clone(),
    );
    match emu.upstream.connect(&ctx, request).await {
        Err(rejection) => return reject(rejection.status, rejection.message),
        Ok(None) => {}
        Ok(Some(answer)) => {
            if let Some(u) = answer.user_id.filter(|u| !u.is_empty()) {
                user = Some(u);
            }
            for g in &answer.groups {
                if let Err(e) = wire::validate_group(g) {
                    return reject(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        format!("The connect event handler returned an invalid group: {e}."),
                    );
                }
            }
            groups.extend(answer.groups);
            if distinct_count(&groups) > max_groups {
                return reject(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!(
                        "The connect event handler's groups would put the connection in {} groups: {}",
                        distinct_count(&groups),
                        Join::too_many_groups_message(max_groups)
                    ),
                );
            }
            roles.extend(answer.roles);
            if let Some(p) = answer.subprotocol {
                protocol = classify(&p);
                selected = Some(p);
            }
        }
    }
    if let Some(p) = selected
        .as_deref()
        .and_then(|p| HeaderValue::from_str(p).ok())
    {
        ws.set_selected_protocol(p);
    }
    let init = ConnInit {
        id,
        hub: hub_name.clone(),
        user_id: user,
        protocol,
        subprotocol: selected,
        roles,
        origin: host.to_string(),
    };

    ws.on_upgrade(move |socket| async move {
        let hub = emu.hubs.get_or_create(&hub_name);
        let conn = Arc::new(Conn::new(init, emu.limits.clone()));
        let Some(rx) = conn.attach() else { return };
        // `connected` goes first, before the connection is in the hub and can get messages.
        if protocol.is_json() {
            conn.send_control(&ServerFrame::System {
                event: SystemEvent::Connected,
                user_id: Some(conn.user_id.clone()),
                connection_id: Some(conn.id.to_string()),
                reconnection_token: (protocol == Protocol::Reliable)
                    .then(|| conn.reconnection_token.clone()),
                message: None,
            });
        }
        if let Join::TooManyGroups { limit } = hub.add(conn.clone(), &groups) {
            // Checked before the upgrade, so this does not happen; should it, the client is
            // told and never counted as connected.
            conn.mark_ended();
            conn.close(
                close_code::POLICY_VIOLATION,
                &Join::too_many_groups_message(limit),
            );
            run(emu, hub, conn, socket, rx).await;
            return;
        }
        emu.upstream.connected(&event_context(&conn));
        run(emu, hub, conn, socket, rx).await;
    })
}

/// A reliable client coming back with `awps_connection_id` + `awps_reconnection_token`.
fn recover(
    emu: Arc<Emulator>,
    hub_name: &str,
    id: &str,
    rt: &str,
    ws: WebSocketUpgrade,
) -> Response {
    let found = emu.hubs.get(hub_name).and_then(|hub| {
        let conn = hub.conn(id)?;
        let ok = conn.protocol == Protocol::Reliable
            && constant_time_eq(conn.reconnection_token.as_bytes(), rt.as_bytes());
        ok.then_some((hub, conn))
    });
    ws.on_upgrade(move |mut socket| async move {
        let attached = found.and_then(|(hub, conn)| conn.attach().map(|rx| (hub, conn, rx)));
        match attached {
            Some((hub, conn, rx)) => run(emu, hub, conn, socket, rx).await,
            None => {
                // 1008 tells the client not to try again but to start a new connection.
                let _ = socket
                    .send(close_message(
                        close_code::POLICY_VIOLATION,
                        "The connection could not be recovered.",
                    ))
                    .await;
            }
        }
    })
}

/// How many different groups a list names.
fn distinct_count(groups: &[String]) -> usize {
    groups
        .iter()
        .map(String::as_str)
        .collect::<std::collections::HashSet<_>>()
        .len()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn close_message(code: u16, reason: &str) -> Message {
    // Close reasons are limited to 123 bytes by the WebSocket protocol.
    let mut reason = reason.to_string();
    while reason.len() > 123 {
        reason.pop();
    }
    Message::Close(Some(CloseFrame {
        code,
        reason: Utf8Bytes::from(reason),
    }))
}

/// How a socket's task ended.
enum End {
    /// The client sent a close frame (with this reason): the connection is over.
    ClientClosed(String),
    /// The socket broke without a close frame (or we dropped it): recoverable on reliable.
    Broken,
    /// The client broke the protocol: close with this code and reason.
    Protocol(u16, Cow<'static, str>),
    /// The service closed it (REST close, eviction): already removed from the hub.
    ServiceClosed(String),
    Killed(Kill),
}

async fn run(emu: Arc<Emulator>, hub: Arc<Hub>, conn: Arc<Conn>, socket: WebSocket, rx: SocketRx) {
    // The reader and the writer below share the socket through a lock taken only inside a
    // poll; both run in this one task, so it is never contended. Not `split()`: its sink parks
    // the last frame in a slot until the socket takes it, which for a slow reader would keep one
    // materialised reliable frame (a per-recipient copy of the message) per connection.
    let socket = Mutex::new(socket);
    let SocketRx {
        rx: mut queue,
        mut kill,
        counters,
        epoch,
    } = rx;
    // A kill is always set before the queue closes, so when the writer finds its queue closed
    // it looks here to tell a dropped socket (recoverable) from a service close. Relying on the
    // select's order alone lost races under load (tokio's coop budget can hold the watch back).
    let kill_seen = kill.clone();
    let end = {
        let writer = async {
            while let Some(out) = queue.recv().await {
                counters.dequeued(&out);
                // Wait until the socket takes a frame before building a reliable one, then hand
                // it over at once: it exists only until tungstenite has copied it.
                let ready = poll_fn(|cx| lock(&socket).poll_ready_unpin(cx)).await;
                let msg = match out {
                    Out::Close(code, reason) => {
                        if let Some(t) = &emu.trace {
                            t.close_out(&conn.hub, &conn.id, code, &reason);
                        }
                        let _ = send_now(&socket, close_message(code, &reason)).await;
                        return End::ServiceClosed(reason);
                    }
                    _ if ready.is_err() => return End::Broken,
                    Out::Frame(msg) => msg,
                    Out::Sequenced(seq, body) => sequenced_frame(seq, &body),
                };
                if let Some(t) = &emu.trace {
                    t.frame(Direction::Out, &conn.hub, &conn.id, &msg);
                }
                if lock(&socket).start_send_unpin(msg).is_err() {
                    return End::Broken;
                }
                // Batch: flush only when the queue is empty.
                if queue.is_empty()
                    && poll_fn(|cx| lock(&socket).poll_flush_unpin(cx))
                        .await
                        .is_err()
                {
                    return End::Broken;
                }
            }
            match kill_seen.borrow().clone() {
                Some(k) => End::Killed(k),
                None => End::ServiceClosed("The connection was closed by the service.".to_string()),
            }
        };
        let reader = async {
            while let Some(msg) = poll_fn(|cx| lock(&socket).poll_next_unpin(cx)).await {
                let msg = match msg {
                    Ok(m) => m,
                    Err(e) => {
                        return match read_error_close(e) {
                            Some((code, reason)) => End::Protocol(code, reason),
                            None => End::Broken,
                        }
                    }
                };
                if let Some(t) = &emu.trace {
                    t.frame(Direction::In, &conn.hub, &conn.id, &msg);
                }
                if let Some(end) = on_message(&emu, &hub, &conn, msg).await {
                    return end;
                }
            }
            End::Broken
        };
        let killed = async {
            loop {
                if let Some(k) = kill.borrow_and_update().clone() {
                    return End::Killed(k);
                }
                if kill.changed().await.is_err() {
                    // The sender is gone without a kill: the queue is closing too, and the
                    // writer ends the task once it has written what is left.
                    std::future::pending::<()>().await;
                }
            }
        };
        // Kills win when both are ready; the writer's own check covers a kill it sees first.
        tokio::select! {
            biased;
            e = killed => e,
            e = reader => e,
            e = writer => e,
        }
    };
    // The reader and the writer are gone: the socket is ours alone again.
    let mut socket = socket.into_inner().unwrap_or_else(|p| p.into_inner());
    match end {
        End::ClientClosed(reason) => {
            let _ = socket.close().await;
            remove(&emu, &hub, &conn, &reason);
        }
        End::Broken | End::Killed(Kill::Drop) => {
            drop(socket);
            if conn.detach(epoch) {
                schedule_expiry(emu, hub, conn);
            } else {
                remove(&emu, &hub, &conn, "The connection was lost.");
            }
        }
        End::Protocol(code, reason) => {
            if let Some(t) = &emu.trace {
                t.close_out(&conn.hub, &conn.id, code, &reason);
            }
            let _ = tokio::time::timeout(
                Duration::from_secs(1),
                socket.send(close_message(code, &reason)),
            )
            .await;
            remove(&emu, &hub, &conn, &reason);
        }
        End::Killed(Kill::Close(code, reason)) => {
            if let Some(t) = &emu.trace {
                t.close_out(&conn.hub, &conn.id, code, &reason);
            }
            let _ = tokio::time::timeout(
                Duration::from_secs(1),
                socket.send(close_message(code, &reason)),
            )
            .await;
            remove(&emu, &hub, &conn, &reason);
        }
        End::ServiceClosed(reason) => {
            // Let the client answer the close frame, briefly.
            let _ = tokio::time::timeout(Duration::from_secs(1), async {
                while let Some(Ok(m)) = socket.next().await {
                    if matches!(m, Message::Close(_)) {
                        break;
                    }
                }
            })
            .await;
            remove(&emu, &hub, &conn, &reason);
        }
    }
}

/// Writes one frame and flushes it, like `SinkExt::send` on the shared socket.
async fn send_now(socket: &Mutex<WebSocket>, msg: Message) -> Result<(), axum::Error> {
    poll_fn(|cx| lock(socket).poll_ready_unpin(cx)).await?;
    lock(socket).start_send_unpin(msg)?;
    poll_fn(|cx| lock(socket).poll_flush_unpin(cx)).await
}

/// The close code and reason for a failed read, or `None` when the transport broke (the peer
/// went away, an I/O error): then there is nobody to tell, and a reliable connection stays
/// recoverable. Classified by the tungstenite error itself, not by its text, which is not an API.
fn read_error_close(e: axum::Error) -> Option<(u16, Cow<'static, str>)> {
    use tokio_tungstenite::tungstenite::error::{Error as WsError, ProtocolError};
    let inner = e.into_inner();
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&*inner);
    while let Some(err) = cause {
        if let Some(ws) = err.downcast_ref::<WsError>() {
            return match ws {
                WsError::Capacity(_) => Some((
                    close_code::MESSAGE_TOO_BIG,
                    "The message is larger than 1 MiB.".into(),
                )),
                WsError::Utf8(_) => Some((
                    close_code::INVALID_PAYLOAD,
                    "A text frame is not valid UTF-8.".into(),
                )),
                // EOF without a close frame: a network failure, not a protocol breach.
                WsError::Protocol(ProtocolError::ResetWithoutClosingHandshake) => None,
                WsError::Protocol(p) => Some((
                    close_code::PROTOCOL_ERROR,
                    format!("WebSocket protocol error: {p}.").into(),
                )),
                _ => None,
            };
        }
        cause = err.source();
    }
    None
}

/// The connection is over: out of its hub, and (once) the upstream `disconnected` event.
fn remove(emu: &Emulator, hub: &Hub, conn: &Conn, reason: &str) {
    conn.finish();
    hub.remove(&conn.id);
    if conn.mark_ended() {
        emu.upstream.disconnected(&event_context(conn), reason);
    }
}

/// A dropped reliable connection waits for its client; when the window passes without a new
/// socket, it is gone.
fn schedule_expiry(emu: Arc<Emulator>, hub: Arc<Hub>, conn: Arc<Conn>) {
    let (_, epoch) = conn.attached_epoch();
    let window = emu.limits.recovery_window;
    tokio::spawn(async move {
        tokio::time::sleep(window).await;
        let (attached, now) = conn.attached_epoch();
        if !attached && now == epoch {
            remove(
                &emu,
                &hub,
                &conn,
                "The connection recovery timeout expired.",
            );
        }
    });
}

/// Handles one frame from the client; returns how the socket must end, if it must.
async fn on_message(emu: &Emulator, hub: &Arc<Hub>, conn: &Arc<Conn>, msg: Message) -> Option<End> {
    match msg {
        Message::Close(frame) => Some(End::ClientClosed(
            frame
                .map(|f| f.reason.to_string())
                .filter(|r| !r.is_empty())
                .unwrap_or_else(|| "The client closed the connection.".to_string()),
        )),
        Message::Ping(_) | Message::Pong(_) => None,
        Message::Binary(_) if conn.protocol.is_json() => Some(End::Protocol(
            close_code::UNSUPPORTED_DATA,
            "The JSON subprotocol requires text messages.".into(),
        )),
        Message::Text(text) if conn.protocol.is_json() => {
            match serde_json::from_str::<ClientFrame>(&text) {
                Ok(ClientFrame::Event {
                    event,
                    ack_id,
                    data_type,
                    data,
                }) => {
                    user_event(emu, hub, conn, &event, ack_id, data_type, data).await;
                    None
                }
                Ok(ClientFrame::Invoke {
                    invocation_id,
                    event,
                    data_type,
                    data,
                }) => {
                    let event = event.unwrap_or_default();
                    invoke(emu, hub, conn, invocation_id, &event, data_type, data).await;
                    None
                }
                Ok(frame) => {
                    handle_frame(hub, conn, frame);
                    None
                }
                Err(_) => Some(End::Protocol(
                    close_code::INVALID_PAYLOAD,
                    "The client message is not a valid JSON protocol message.".into(),
                )),
            }
        }
        Message::Text(text) => {
            simple_message(emu, hub, conn, DataType::Text, Bytes::from(text)).await
        }
        Message::Binary(bytes) => simple_message(emu, hub, conn, DataType::Binary, bytes).await,
    }
}

/// Sends the upstream's answer to an event back to its client, as a message from the server.
fn answer(hub: &Hub, conn: &Arc<Conn>, data_type: DataType, bytes: Bytes) {
    let msg = Outgoing::new(MessageSource::Server, None, None, data_type, bytes);
    fan_out(hub, std::slice::from_ref(conn), &msg);
}

/// A simple client's frame is the upstream `message` event; its answer goes back as a frame.
/// With no handler it has nowhere to go; a failing handler drops the client, as the service does.
async fn simple_message(
    emu: &Emulator,
    hub: &Hub,
    conn: &Arc<Conn>,
    data_type: DataType,
    payload: Bytes,
) -> Option<End> {
    if !emu.upstream.handles_user_event(&conn.hub, "message") {
        return None;
    }
    match emu
        .upstream
        .user_event(&event_context(conn), "message", data_type, payload)
        .await
    {
        Ok(Some((dt, bytes))) => {
            answer(hub, conn, dt, bytes);
            None
        }
        Ok(None) => None,
        Err(e) => {
            eprintln!("webpubsub emulator: {e}; closing connection {}", conn.id);
            Some(End::Protocol(
                close_code::INTERNAL_ERROR,
                "The upstream event handler failed.".into(),
            ))
        }
    }
}

/// Validates an event and sends it to the upstream handler, if there is one; returns its answer.
async fn call_event(
    emu: &Emulator,
    conn: &Arc<Conn>,
    event: &str,
    data_type: DataType,
    data: serde_json::Value,
) -> Result<Option<(DataType, Bytes)>, (&'static str, String)> {
    if !valid_event_name(event) {
        return Err(bad(format!(
            "Invalid event name '{event}': it must start with a letter and contain only letters, digits, '_', '.' and '-' (at most 128)."
        )));
    }
    let payload = match data {
        serde_json::Value::Null => Bytes::new(),
        data => payload_bytes(data_type, data)?,
    };
    // Without a handler there is nobody to tell; the event is accepted.
    if !emu.upstream.handles_user_event(&conn.hub, event) {
        return Ok(None);
    }
    emu.upstream
        .user_event(&event_context(conn), event, data_type, payload)
        .await
        .map_err(|e| (ack_error::INTERNAL, e.to_string()))
}

/// An `invoke` frame: an event whose answer comes back as `invokeResponse`.
async fn invoke(
    emu: &Emulator,
    hub: &Hub,
    conn: &Arc<Conn>,
    invocation_id: String,
    event: &str,
    data_type: DataType,
    data: serde_json::Value,
) {
    let frame = match call_event(emu, conn, event, data_type, data).await {
        Ok(answer) => {
            let (data_type, data) = match answer {
                Some((dt, bytes)) => (Some(dt), Some(Outgoing::data_value(dt, &bytes))),
                None => (None, None),
            };
            ServerFrame::InvokeResponse {
                invocation_id,
                success: true,
                data_type,
                data,
                error: None,
            }
        }
        Err((name, message)) => ServerFrame::InvokeResponse {
            invocation_id,
            success: false,
            data_type: None,
            data: None,
            error: Some(wire::AckError {
                name: name.to_string(),
                message,
            }),
        },
    };
    reply(hub, conn, frame);
}

/// An `event` frame: validated, sent to the upstream handler when there is one (its answer comes
/// back as a server message before the ack), acked.
async fn user_event(
    emu: &Emulator,
    hub: &Hub,
    conn: &Arc<Conn>,
    event: &str,
    ack_id: Option<u64>,
    data_type: DataType,
    data: serde_json::Value,
) {
    if answered_duplicate(hub, conn, ack_id) {
        return;
    }
    let result = call_event(emu, conn, event, data_type, data)
        .await
        .map(|reply| {
            if let Some((dt, bytes)) = reply {
                answer(hub, conn, dt, bytes);
            }
        });
    ack(hub, conn, ack_id, result);
}

fn reply(hub: &Hub, conn: &Conn, frame: ServerFrame) {
    if conn.send_control(&frame) == Delivery::Evicted {
        hub.remove(&conn.id);
    }
}

/// A request's result, or the ack error name and message.
type AckResult = Result<(), (&'static str, String)>;

/// Runs a request that carries an optional ackId: answers `Duplicate` for an ackId already
/// handled (without running it again), otherwise runs it and acks its result.
fn with_ack(hub: &Hub, conn: &Conn, ack_id: Option<u64>, run: impl FnOnce() -> AckResult) {
    if !answered_duplicate(hub, conn, ack_id) {
        let result = run();
        ack(hub, conn, ack_id, result);
    }
}

/// An ackId the connection already had success for gets `Duplicate` (and the request is not
/// run again). Returns true when that happened.
fn answered_duplicate(hub: &Hub, conn: &Conn, ack_id: Option<u64>) -> bool {
    let Some(id) = ack_id.filter(|id| conn.was_acked(*id)) else {
        return false;
    };
    let msg = format!("Message with ack-id: {id} has been processed.");
    reply(
        hub,
        conn,
        ServerFrame::ack_err(id, ack_error::DUPLICATE, msg),
    );
    true
}

/// Acks a request's result, if it asked for an ack; successes are remembered for `Duplicate`.
fn ack(hub: &Hub, conn: &Conn, ack_id: Option<u64>, result: AckResult) {
    let Some(id) = ack_id else { return };
    match result {
        Ok(()) => {
            conn.remember_ack(id);
            reply(hub, conn, ServerFrame::ack_ok(id));
        }
        Err((name, message)) => reply(hub, conn, ServerFrame::ack_err(id, name, message)),
    }
}

fn bad(message: impl Into<String>) -> (&'static str, String) {
    (ack_error::BAD_REQUEST, message.into())
}

fn handle_frame(hub: &Arc<Hub>, conn: &Arc<Conn>, frame: ClientFrame) {
    match frame {
        ClientFrame::JoinGroup { group, ack_id } => with_ack(hub, conn, ack_id, || {
            wire::validate_group(&group).map_err(bad)?;
            if !conn.can(Permission::JoinLeaveGroup, &group) {
                return Err(forbidden(format!(
                    "The client has no permission to join group '{group}'."
                )));
            }
            match hub.join(&conn.id, &group) {
                Join::TooManyGroups { limit } => Err(bad(Join::too_many_groups_message(limit))),
                // NotFound: the connection is being removed; there is nothing left to join.
                Join::Joined | Join::NotFound => Ok(()),
            }
        }),
        ClientFrame::LeaveGroup { group, ack_id } => with_ack(hub, conn, ack_id, || {
            wire::validate_group(&group).map_err(bad)?;
            if !conn.can(Permission::JoinLeaveGroup, &group) {
                return Err(forbidden(format!(
                    "The client has no permission to leave group '{group}'."
                )));
            }
            hub.leave(&conn.id, &group);
            Ok(())
        }),
        ClientFrame::SendToGroup {
            group,
            ack_id,
            data_type,
            data,
            no_echo,
        } => with_ack(hub, conn, ack_id, || {
            wire::validate_group(&group).map_err(bad)?;
            if !conn.can(Permission::SendToGroup, &group) {
                return Err(forbidden(format!(
                    "The client has no permission to send message to group '{group}'."
                )));
            }
            let payload = payload_bytes(data_type, data)?;
            let excluded = if no_echo {
                vec![conn.id.to_string()]
            } else {
                Vec::new()
            };
            let recipients = hub.select_group(
                &group,
                Selector {
                    excluded: &excluded,
                    filter: None,
                },
            );
            let msg = Outgoing::new(
                MessageSource::Group,
                Some(group),
                conn.user_id.clone(),
                data_type,
                payload,
            );
            fan_out(hub, &recipients, &msg);
            Ok(())
        }),
        // Events and invocations are asynchronous (they may wait for the upstream):
        // `on_message` runs them. An invocation is answered once it is done; cancelling one
        // has nothing to stop.
        ClientFrame::Event { .. }
        | ClientFrame::Invoke { .. }
        | ClientFrame::CancelInvocation { .. } => {}
        ClientFrame::SequenceAck { sequence_id } => conn.sequence_ack(sequence_id),
        ClientFrame::Ping => reply(hub, conn, ServerFrame::Pong),
    }
}

fn forbidden(message: String) -> (&'static str, String) {
    (ack_error::FORBIDDEN, message)
}

/// `^[a-z][a-z0-9_.-]{0,127}$`, case-insensitive.
fn valid_event_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        && name.len() <= 128
}

/// The bytes a message carries, checked against its data type.
fn payload_bytes(
    data_type: DataType,
    data: serde_json::Value,
) -> Result<Bytes, (&'static str, String)> {
    match (data_type, data) {
        (DataType::Text, serde_json::Value::String(s)) => Ok(Bytes::from(s)),
        (DataType::Text, _) => Err(bad("dataType 'text' needs 'data' to be a string.")),
        (DataType::Binary, serde_json::Value::String(s)) => {
            base64::engine::general_purpose::STANDARD
                .decode(s.as_bytes())
                .map(Bytes::from)
                .map_err(|_| bad("dataType 'binary' needs 'data' to be base64."))
        }
        (DataType::Binary, _) => Err(bad("dataType 'binary' needs 'data' to be a base64 string.")),
        (DataType::Json, serde_json::Value::Null) => {
            Err(bad("dataType 'json' needs 'data' that is not null."))
        }
        (DataType::Json, value) => Ok(Bytes::from(value.to_string())),
        (DataType::Protobuf, _) => Err(bad(
            "dataType 'protobuf' is only supported on the protobuf subprotocols.",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio_tungstenite::tungstenite::error::{CapacityError, Error as WsError, ProtocolError};

    fn code_of(e: WsError) -> Option<u16> {
        read_error_close(axum::Error::new(e)).map(|(code, _)| code)
    }

    #[test]
    fn read_errors_map_to_close_codes() {
        let too_long = CapacityError::MessageTooLong {
            size: 2,
            max_size: 1,
        };
        assert_eq!(
            code_of(WsError::Capacity(too_long)),
            Some(close_code::MESSAGE_TOO_BIG)
        );
        assert_eq!(
            code_of(WsError::Protocol(ProtocolError::ControlFrameTooBig)),
            Some(close_code::PROTOCOL_ERROR)
        );
        assert_eq!(
            code_of(WsError::Protocol(ProtocolError::UnmaskedFrameFromClient)),
            Some(close_code::PROTOCOL_ERROR)
        );
        assert_eq!(
            code_of(WsError::Utf8("bad".into())),
            Some(close_code::INVALID_PAYLOAD)
        );
        // A vanished peer is a broken transport, which a reliable client may recover from.
        assert_eq!(
            code_of(WsError::Protocol(
                ProtocolError::ResetWithoutClosingHandshake
            )),
            None
        );
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert_eq!(code_of(WsError::Io(reset)), None);
        assert_eq!(code_of(WsError::ConnectionClosed), None);
        // Anything that is not a tungstenite error is not the client's fault either.
        assert_eq!(
            read_error_close(axum::Error::new(std::fmt::Error)).map(|(c, _)| c),
            None
        );
    }

    #[test]
    fn protocol_error_reasons_fit_a_close_frame() {
        let (_, reason) = read_error_close(axum::Error::new(WsError::Protocol(
            ProtocolError::ControlFrameTooBig,
        )))
        .expect("a close");
        assert!(reason.contains("125"), "{reason}");
        // Close reasons are limited to 123 bytes: this one is whole, not cut.
        assert!(reason.len() <= 123, "{reason}");
    }
}
