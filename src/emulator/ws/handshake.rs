//! The client handshake: hub, subprotocol, token (signature, expiry, and an `aud` naming this
//! hub on one of the emulator's own names, never built from `Host`), groups, the blocking
//! `connect` event, then the upgrade; or a reliable client's recovery.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::event_context;
use super::socket::{close_message, run};
use crate::emulator::audience::{self, Target};
use crate::emulator::state::{random_id, Conn, ConnInit, Join, Protocol, RawSend};
use crate::emulator::upstream::{ConnectEventRequest, EventContext};
use crate::emulator::Emulator;
use crate::token::{self, Claims};
use crate::wire::ops::ClientType;
use crate::wire::{self, close_code, GroupName, HubName, ServerFrame, SystemEvent};

/// A socket's read buffer: enough for the frames clients usually send in one read.
pub(in crate::emulator) const READ_BUFFER_BYTES: usize = 4 * 1024;
/// Frames are gathered up to this size before a write; the queue's writer also flushes
/// whenever its queue runs empty, so batching during fan-out bursts still happens.
pub(in crate::emulator) const WRITE_BUFFER_BYTES: usize = 16 * 1024;

type Upgrade = Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>;

/// A refused handshake: answered in plain text, like the service.
pub(in crate::emulator) struct Refused {
    pub status: StatusCode,
    pub message: String,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        (
            self.status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            self.message,
        )
            .into_response()
    }
}

/// `GET /client/hubs/{hub}`
pub async fn connect_hub_path(
    State(emu): State<Arc<Emulator>>,
    Path(hub): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    ws: Upgrade,
) -> Response {
    connect(emu, Some(hub), query, headers, ws)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// `GET /client/?hub={hub}`
pub async fn connect_hub_query(
    State(emu): State<Arc<Emulator>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    ws: Upgrade,
) -> Response {
    connect(emu, None, query, headers, ws)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

pub(in crate::emulator) fn reject(status: StatusCode, message: impl Into<String>) -> Refused {
    Refused {
        status,
        message: message.into(),
    }
}

/// The protocol a subprotocol name stands for: one of the service's four (case-insensitive), or
/// a custom one, which makes a simple client.
fn classify(name: &str) -> Protocol {
    [
        Protocol::Reliable,
        Protocol::Json,
        Protocol::ProtobufReliable,
        Protocol::Protobuf,
    ]
    .into_iter()
    .find(|p| p.name().is_some_and(|n| name.eq_ignore_ascii_case(n)))
    .unwrap_or(Protocol::Simple)
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

fn select_protocol(ws: &mut WebSocketUpgrade, selected: Option<&str>) {
    if let Some(p) = selected.and_then(|p| HeaderValue::from_str(p).ok()) {
        ws.set_selected_protocol(p);
    }
}

async fn connect(
    emu: Arc<Emulator>,
    path_hub: Option<String>,
    raw_query: Option<String>,
    headers: HeaderMap,
    ws: Upgrade,
) -> Result<Response, Refused> {
    let query: HashMap<String, String> =
        url::form_urlencoded::parse(raw_query.as_deref().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let Some(hub_name) = path_hub.or_else(|| query.get("hub").cloned()) else {
        return Err(reject(
            StatusCode::BAD_REQUEST,
            "No hub: connect to /client/hubs/{hub} or /client/?hub={hub}.",
        ));
    };
    let hub_name =
        HubName::parse(hub_name).map_err(|e| reject(StatusCode::BAD_REQUEST, e.to_string()))?;
    let mut ws = ws
        .map_err(|e| reject(e.status(), e.body_text()))?
        .max_message_size(wire::MAX_MESSAGE_BYTES)
        .max_frame_size(wire::MAX_MESSAGE_BYTES)
        // tungstenite's defaults (128 KiB each) cost ~140 KiB of RSS per idle socket: the read
        // buffer is allocated and zero-filled up front. Small buffers grow for large frames.
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES);
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
        select_protocol(&mut ws, selected.as_deref());
        return Ok(recover(emu, &hub_name, id, rt, protocol, ws));
    }

    let raw_send = raw_mode(&query)?;
    let claims = authenticate(&emu, &hub_name, ClientType::Default, &query, &headers)?;
    let mut groups = token_groups(&emu, &claims)?;
    let mut user = claims.sub().map(str::to_string);
    let mut roles = claims.roles();
    let id = random_id(22);
    // The upstream's `origin` is the name the client used; the guard already checked it is ours.
    let origin = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost")
        .to_string();

    // The blocking `connect` event may refuse the client, or change its user, groups, roles and
    // subprotocol.
    let ctx = EventContext {
        hub: hub_name.to_string(),
        connection_id: id.clone(),
        user_id: user.clone(),
        subprotocol: None,
        origin: origin.clone(),
        mqtt: None,
    };
    let request =
        ConnectEventRequest::from_handshake(&claims.0, raw_query.as_deref(), &headers, offered);
    match emu.upstream.connect(&ctx, request).await {
        Err(rejection) => return Err(reject(rejection.status, rejection.message)),
        Ok(None) => {}
        Ok(Some(answer)) => {
            if let Some(u) = answer.user_id.filter(|u| !u.is_empty()) {
                user = Some(u);
            }
            for g in answer.groups {
                let g = GroupName::parse(g).map_err(|e| {
                    reject(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        format!("The connect event handler returned an invalid group: {e}."),
                    )
                })?;
                groups.insert(g);
            }
            let max = emu.limits.max_groups_per_connection;
            if groups.len() > max {
                return Err(reject(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!(
                        "The connect event handler's groups would put the connection in {} groups: {}",
                        groups.len(),
                        Join::too_many_groups_message(max)
                    ),
                ));
            }
            roles.extend(answer.roles);
            if let Some(p) = answer.subprotocol {
                protocol = classify(&p);
                selected = Some(p);
            }
        }
    }
    select_protocol(&mut ws, selected.as_deref());
    let init = ConnInit {
        id,
        hub: hub_name.to_string(),
        user_id: user,
        protocol,
        subprotocol: selected,
        roles,
        origin,
        // Checked for every client, but only a simple client's frames are raw.
        raw_send: raw_send.filter(|_| protocol == Protocol::Simple),
        encoder: None,
    };
    let groups: Vec<String> = groups.into_iter().map(String::from).collect();
    Ok(upgrade(emu, hub_name, ws, init, groups))
}

/// `?webpubsub_mode=sendToGroup&group=…[&noEcho=true]`: Microsoft's emulator's raw-client group
/// mode (not documented for the service; we follow that emulator: names and booleans are
/// case-insensitive, a repeated parameter's last value counts, `sendEvent` or nothing is the
/// default upstream `message` event). Anything else is refused before the upgrade.
fn raw_mode(query: &HashMap<String, String>) -> Result<Option<RawSend>, Refused> {
    let mode = query
        .get("webpubsub_mode")
        .map(String::as_str)
        .unwrap_or("");
    if mode.is_empty() || mode.eq_ignore_ascii_case("sendEvent") {
        return Ok(None);
    }
    if !mode.eq_ignore_ascii_case("sendToGroup") {
        return Err(reject(
            StatusCode::BAD_REQUEST,
            format!(
                "Invalid webpubsub_mode '{}': use sendToGroup (with group=NAME) or sendEvent.",
                crate::output::sanitize_line(mode)
            ),
        ));
    }
    let group = query.get("group").cloned().unwrap_or_default();
    let group = GroupName::parse(group).map_err(|e| {
        reject(
            StatusCode::BAD_REQUEST,
            format!("webpubsub_mode=sendToGroup needs a valid group=NAME: {e}."),
        )
    })?;
    let no_echo = match query.get("noEcho").map(String::as_str).unwrap_or("") {
        "" => false,
        v if v.eq_ignore_ascii_case("false") => false,
        v if v.eq_ignore_ascii_case("true") => true,
        other => {
            return Err(reject(
                StatusCode::BAD_REQUEST,
                format!(
                    "Invalid noEcho '{}': use true or false.",
                    crate::output::sanitize_line(other)
                ),
            ))
        }
    };
    Ok(Some(RawSend { group, no_echo }))
}

/// The token from `?access_token=` or `Authorization: Bearer`, checked: signature (either
/// access key, or the internal key of tokens minted for Entra callers), expiry, and an `aud`
/// that names this hub on the emulator's own authority. A hub whose ARM settings allow
/// anonymous connect takes clients without a token (and without a user).
pub(in crate::emulator) fn authenticate(
    emu: &Emulator,
    hub: &HubName,
    kind: ClientType,
    query: &HashMap<String, String>,
    headers: &HeaderMap,
) -> Result<Claims, Refused> {
    let token = query.get("access_token").cloned().or_else(|| {
        headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(token::bearer)
            .map(str::to_string)
    });
    let Some(token) = token else {
        if emu.hub_settings.anonymous_allowed(hub) {
            return Ok(Claims(serde_json::Map::new()));
        }
        return Err(reject(
            StatusCode::UNAUTHORIZED,
            "Unauthorized: no access token; pass ?access_token=<JWT> or 'Authorization: Bearer <JWT>'.",
        ));
    };
    let (claims, signer) = emu
        .keys
        .verify(&token, true)
        .map_err(|e| reject(StatusCode::UNAUTHORIZED, format!("Unauthorized: {e}.")))?;
    if signer.is_local_auth() && emu.keys.local_auth_disabled {
        return Err(reject(
            StatusCode::UNAUTHORIZED,
            "Unauthorized: local auth is disabled on this resource, so tokens signed with an access key are refused; get a client token from :generateToken with Entra ID.",
        ));
    }
    // However the client named the hub (path or `?hub=`), the token must be for its path: the
    // endpoint of its kind of client.
    let path = format!("/{}/hubs/{}", kind.path(), hub.segment());
    let template = format!("/{}/hubs/{{hub}}", kind.path());
    let target = Target {
        template: &template,
        path: &path,
        query: None,
    };
    let own = emu.authority.for_request(headers);
    if claims
        .audiences()
        .iter()
        .any(|aud| audience::matches(aud, &target, &own))
    {
        return Ok(claims);
    }
    Err(reject(
        StatusCode::UNAUTHORIZED,
        format!(
            "Unauthorized: the token's audience is not this emulator's {path} (aud: {}).",
            crate::output::sanitize_line(&claims.audiences().join(", "))
        ),
    ))
}

/// The groups a token joins on connect, each a valid name, within the per-connection cap.
pub(in crate::emulator) fn token_groups(
    emu: &Emulator,
    claims: &Claims,
) -> Result<HashSet<GroupName>, Refused> {
    let groups = claims
        .groups()
        .into_iter()
        .map(GroupName::parse)
        .collect::<Result<HashSet<_>, _>>()
        .map_err(|e| {
            reject(
                StatusCode::BAD_REQUEST,
                format!("The token's group claim is invalid: {e}."),
            )
        })?;
    let max = emu.limits.max_groups_per_connection;
    if groups.len() > max {
        return Err(reject(
            StatusCode::BAD_REQUEST,
            format!(
                "The token's group claim has {} groups: {}",
                groups.len(),
                Join::too_many_groups_message(max)
            ),
        ));
    }
    Ok(groups)
}

/// The accepted handshake: `connected` first, then the connection joins its hub and groups.
fn upgrade(
    emu: Arc<Emulator>,
    hub_name: HubName,
    ws: WebSocketUpgrade,
    init: ConnInit,
    groups: Vec<String>,
) -> Response {
    // A client gone before the upgrade gets no `disconnected`: its `connect` is forgotten here.
    let upstream = emu.upstream.clone();
    let id = init.id.clone();
    let ws = ws.on_failed_upgrade(move |_| upstream.forget(&id));
    ws.on_upgrade(move |socket| async move {
        let hub = emu.hubs.get_or_create(&hub_name);
        let protocol = init.protocol;
        let conn = Arc::new(Conn::new(init, emu.limits.clone()));
        let Some(rx) = conn.attach() else { return };
        // `connected` goes first, before the connection is in the hub and can get messages.
        if protocol.is_pubsub() {
            conn.send_control(&ServerFrame::System {
                event: SystemEvent::Connected,
                user_id: Some(conn.user_id.clone()),
                connection_id: Some(conn.id.to_string()),
                reconnection_token: protocol
                    .is_reliable()
                    .then(|| conn.reconnection_token.clone()),
                message: None,
            });
        }
        if let Join::TooManyGroups { limit } = hub.add(conn.clone(), &groups) {
            // Checked before the upgrade, so this does not happen; should it, the client is
            // told and never counted as connected.
            conn.mark_ended();
            emu.upstream.forget(&conn.id);
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

/// A reliable client coming back with `awps_connection_id` + `awps_reconnection_token`, offering
/// the subprotocol it connected with (the connection's frames are in that one's encoding).
fn recover(
    emu: Arc<Emulator>,
    hub_name: &HubName,
    id: &str,
    rt: &str,
    offered: Protocol,
    ws: WebSocketUpgrade,
) -> Response {
    let found = emu.hubs.get(hub_name).and_then(|hub| {
        let conn = hub.conn(id)?;
        let ok = conn.protocol.is_reliable()
            && conn.protocol == offered
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
