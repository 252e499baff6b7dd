//! What each REST operation does. [`handle`] parses a request into the operation's typed
//! arguments (the same [`Args`] the CLI sends from), then runs the operation's handler.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use bytes::Bytes;

use super::auth::AuthKind;
use super::{api_version, ApiError};
use crate::emulator::state::{fan_out, Hub, Join, Outgoing, Selector};
use crate::emulator::Emulator;
use crate::odata::Filter;
use crate::token;
use crate::wire::ops::{Args, BodyKind, OpKind, Operation};
use crate::wire::{
    self, close_code, ConnectionId, DataType, GroupMember, GroupMemberPage, GroupName,
    GroupsFilterRequest, HubName, MessageSource, Permission, TokenResponse,
};

type ApiResult = Result<Response, ApiError>;

/// The operation a route stands for, recorded on its response for `--trace`.
#[derive(Debug, Clone, Copy)]
pub struct Handled(pub &'static str);

/// A parsed call: the hub, the typed arguments, and what is left of the request.
struct Call {
    emu: Arc<Emulator>,
    hub_name: HubName,
    hub: Arc<Hub>,
    args: Args,
    api_version: String,
    headers: HeaderMap,
    body: Body,
    /// How the caller proved itself (the token layer says).
    auth: AuthKind,
}

/// Runs one operation of the table.
pub async fn handle(kind: OpKind, emu: Arc<Emulator>, req: Request) -> Response {
    let op = kind.spec();
    let method = req.method().clone();
    let result = match parse(op, emu, req).await {
        Ok(call) => run(kind, call).await,
        Err(e) => Err(e),
    };
    let mut response = result.unwrap_or_else(|e| e.into_response_for(&method));
    response.extensions_mut().insert(Handled(op.id));
    response
}

async fn parse(op: &Operation, emu: Arc<Emulator>, req: Request) -> Result<Call, ApiError> {
    let (mut parts, body) = req.into_parts();
    let api_version = api_version(parts.uri.query()).into_owned();
    if !wire::SUPPORTED_API_VERSIONS.contains(&api_version.as_str()) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "UnsupportedApiVersion",
            format!(
                "api-version '{}' is not supported; use one of {}.",
                crate::output::sanitize_line(&api_version),
                wire::SUPPORTED_API_VERSIONS.join(", ")
            ),
        ));
    }
    if api_version.as_str() < op.since {
        return Err(ApiError::bad_request(format!(
            "{} needs api-version {} or later (the request used {api_version}).",
            op.id, op.since
        )));
    }
    let params = path_params(&mut parts).await?;
    let mut hub_name = None;
    let mut args = Args::default();
    for (name, value) in &params {
        if name == "hub" {
            hub_name = Some(HubName::parse(value.as_str()).map_err(bad)?);
        } else {
            args.set_path(name, value).map_err(|e| bad(e.message))?;
        }
    }
    let Some(hub_name) = hub_name else {
        return Err(ApiError::bad_request("The path names no hub."));
    };
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    args.read_query(op, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| bad(e.message))?;
    let hub = emu.hubs.get_or_create(&hub_name);
    let auth = parts
        .extensions
        .get::<AuthKind>()
        .copied()
        .unwrap_or(AuthKind::AccessKey);
    Ok(Call {
        auth,
        emu,
        hub_name,
        hub,
        args,
        api_version,
        headers: parts.headers,
        body,
    })
}

/// The route's path parameters, percent-decoded; names that do not decode are a 400.
async fn path_params(parts: &mut Parts) -> Result<Vec<(String, String)>, ApiError> {
    Path::<Vec<(String, String)>>::from_request_parts(parts, &())
        .await
        .map(|Path(p)| p)
        .map_err(|e| bad(format!("The path is not valid: {}.", e.body_text())))
}

fn bad(message: impl ToString) -> ApiError {
    ApiError::bad_request(message.to_string())
}

async fn run(kind: OpKind, call: Call) -> ApiResult {
    use OpKind as K;
    match kind {
        K::SendToAll | K::SendToGroup | K::SendToUser | K::SendToConnection => {
            send(kind, call).await
        }
        K::AddToGroups | K::RemoveFromGroups => groups_filter(kind, call).await,
        K::CloseAllConnections | K::CloseGroupConnections | K::CloseUserConnections => {
            close_many(kind, &call)
        }
        K::CloseConnection => {
            close(
                &call.hub,
                connection(&call.args)?,
                &close_reason(&call.args),
            );
            done(kind)
        }
        K::ConnectionExists => {
            let id = connection(&call.args)?;
            match call.hub.conn(id) {
                Some(_) => done(kind),
                None => Err(ApiError::connection_not_found(id)),
            }
        }
        K::RemoveConnectionFromAllGroups => {
            call.hub.leave_all(connection(&call.args)?);
            done(kind)
        }
        K::GroupExists => {
            let g = group(&call.args)?;
            if call.hub.group_exists(g) {
                done(kind)
            } else {
                Err(ApiError::not_found(
                    "Warning.Group.NotExisted",
                    "Group",
                    format!("Group `{g}` is not found."),
                ))
            }
        }
        K::ListConnectionsInGroup => list_group(&call),
        K::AddConnectionToGroup => {
            let (g, id) = (group(&call.args)?, connection(&call.args)?);
            match call.hub.join(id, g) {
                Join::Joined => done(kind),
                Join::NotFound => Err(ApiError::connection_not_found(id)),
                Join::TooManyGroups { limit } => Err(bad(Join::too_many_groups_message(limit))),
            }
        }
        K::RemoveConnectionFromGroup => {
            call.hub.leave(connection(&call.args)?, group(&call.args)?);
            done(kind)
        }
        K::GrantPermission | K::RevokePermission | K::CheckPermission => permission(kind, &call),
        K::UserExists => {
            let u = user(&call.args)?;
            if call.hub.user_exists(u) {
                done(kind)
            } else {
                Err(ApiError::user_not_found(u))
            }
        }
        K::RemoveUserFromAllGroups => {
            call.hub.remove_user_from_group(user(&call.args)?, None);
            done(kind)
        }
        K::AddUserToGroup => {
            let (u, g) = (user(&call.args)?, group(&call.args)?);
            match call.hub.add_user_to_group(u, g) {
                Join::Joined => done(kind),
                Join::NotFound => Err(ApiError::user_not_found(u)),
                Join::TooManyGroups { limit } => Err(bad(Join::too_many_groups_message(limit))),
            }
        }
        K::RemoveUserFromGroup => {
            let (u, g) = (user(&call.args)?, group(&call.args)?);
            if call.hub.remove_user_from_group(u, Some(g)) {
                done(kind)
            } else {
                Err(ApiError::user_not_found(u))
            }
        }
        K::GenerateToken => generate_token(&call),
        // Routed without a token in `router`; never reaches here.
        K::Health => done(kind),
    }
}

/// The success answer the table gives an operation.
fn done(kind: OpKind) -> ApiResult {
    let status = match kind.spec().reply {
        wire::ops::Reply::Done(code) => code,
        _ => 200,
    };
    Ok(StatusCode::from_u16(status)
        .unwrap_or(StatusCode::OK)
        .into_response())
}

// The route put every path name of the operation in `Args`; a missing one is a table bug.
fn missing(name: &str) -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "InternalServerError",
        format!("The route gave no '{name}'."),
    )
}

fn group(args: &Args) -> Result<&GroupName, ApiError> {
    args.group.as_ref().ok_or_else(|| missing("group"))
}

fn user(args: &Args) -> Result<&wire::UserId, ApiError> {
    args.user.as_ref().ok_or_else(|| missing("userId"))
}

fn connection(args: &Args) -> Result<&ConnectionId, ApiError> {
    args.connection
        .as_ref()
        .ok_or_else(|| missing("connectionId"))
}

/// The four `:send` operations.
async fn send(kind: OpKind, call: Call) -> ApiResult {
    let filter = parse_filter(call.args.filter.as_deref())?;
    let excluded: Vec<String> = call.args.excluded.iter().map(|c| c.to_string()).collect();
    let sel = Selector {
        excluded: &excluded,
        filter: filter.as_ref(),
    };
    let (source, group_name) = match kind {
        OpKind::SendToGroup => (MessageSource::Group, Some(group(&call.args)?.to_string())),
        _ => (MessageSource::Server, None),
    };
    // `X-WebPubSub-Metadata-*` (a preview the spec does not have) reaches JSON receivers as the
    // frame's `metadata`; `messageTtlSeconds` drops the message for whoever has not taken it in
    // time, as the SDKs document it (0 = never).
    let metadata = wire::Metadata::from_headers(
        call.headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_bytes())),
    )
    .map_err(|e| bad(format!("Invalid X-WebPubSub-Metadata-* header: {e}.")))?;
    let msg = read_message(&call.headers, call.body, source, group_name)
        .await?
        .with_metadata(metadata)
        .with_ttl(call.args.ttl.map(u64::from));
    let hub = &call.hub;
    let recipients = match kind {
        OpKind::SendToGroup => hub.select_group(group(&call.args)?, sel),
        OpKind::SendToUser => hub.select_user(user(&call.args)?, sel),
        // Sending to an unknown connection is fire-and-forget: 202 (§2.5).
        OpKind::SendToConnection => hub.conn(connection(&call.args)?).into_iter().collect(),
        _ => hub.select_all(sel),
    };
    fan_out(hub, &recipients, &msg);
    done(kind)
}

/// `:addToGroups` / `:removeFromGroups`.
async fn groups_filter(kind: OpKind, call: Call) -> ApiResult {
    let body = read_body(call.body, wire::MAX_MESSAGE_BYTES).await?;
    require_json(&call.headers)?;
    let req: GroupsFilterRequest = serde_json::from_slice(&body).map_err(|e| {
        bad(format!(
            "The body must be {{\"groups\": [\"g1\", …], \"filter\": \"<OData>\"}}: {e}."
        ))
    })?;
    let filter = parse_filter(req.filter.as_deref())?;
    let groups: Vec<String> = req.groups.iter().map(|g| g.to_string()).collect();
    let join = call
        .hub
        .update_groups(&groups, filter.as_ref(), kind == OpKind::AddToGroups);
    if let Join::TooManyGroups { limit } = join {
        return Err(bad(Join::too_many_groups_message(limit)));
    }
    done(kind)
}

/// Closes every connection of the hub, a group or a user (but the excluded ones).
fn close_many(kind: OpKind, call: &Call) -> ApiResult {
    let excluded: Vec<String> = call.args.excluded.iter().map(|c| c.to_string()).collect();
    let sel = Selector {
        excluded: &excluded,
        filter: None,
    };
    let conns = match kind {
        OpKind::CloseGroupConnections => call.hub.select_group(group(&call.args)?, sel),
        OpKind::CloseUserConnections => call.hub.select_user(user(&call.args)?, sel),
        _ => call.hub.select_all(sel),
    };
    let reason = close_reason(&call.args);
    for conn in conns {
        close(&call.hub, &conn.id, &reason);
    }
    done(kind)
}

fn close(hub: &Hub, id: &str, reason: &str) {
    if let Some(conn) = hub.remove(id) {
        conn.close(close_code::NORMAL, reason);
    }
}

fn close_reason(args: &Args) -> String {
    args.reason
        .clone()
        .unwrap_or_else(|| "Application server closed the connection.".to_string())
}

fn parse_filter(filter: Option<&str>) -> Result<Option<Filter>, ApiError> {
    match filter {
        // ASP.NET binds an empty query value as absent, so `filter=` selects everyone.
        None => Ok(None),
        Some(f) if f.trim().is_empty() => Ok(None),
        Some(f) => crate::odata::parse(f)
            .map(Some)
            .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "InvalidFilter", e.message)),
    }
}

async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    use crate::emulator::body::{read_limited, BodyError, READ_TIMEOUT};
    // The server's --body-timeout deadline usually ends a slow body first; both come out as 408.
    read_limited(body, limit, READ_TIMEOUT)
        .await
        .map_err(|e| match e {
            BodyError::TooLarge => ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "RequestEntityTooLarge",
                format!("The message is larger than the limit of {limit} bytes."),
            ),
            BodyError::Malformed => bad(
                "The request body is malformed or incomplete (bad chunked encoding, or fewer bytes than Content-Length).",
            ),
            BodyError::TimedOut => ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "RequestTimeout",
                "The request body did not arrive in time; send it without pausing.",
            ),
        })
}

fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    match DataType::from_content_type(content_type(headers)) {
        Some(DataType::Json) => Ok(()),
        _ => Err(unsupported_media(content_type(headers), "application/json")),
    }
}

fn unsupported_media(got: &str, expected: &str) -> ApiError {
    let got = if got.is_empty() { "none" } else { got };
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "UnsupportedMediaType",
        format!(
            "Content-Type '{}' is not supported here; use {expected}.",
            crate::output::sanitize_line(got)
        ),
    )
}

/// The body of a `:send` as a message, typed by its `Content-Type` and checked like the CLI
/// checks what it sends.
async fn read_message(
    headers: &HeaderMap,
    body: Body,
    source: MessageSource,
    group: Option<String>,
) -> Result<Outgoing, ApiError> {
    debug_assert!(OpKind::SendToAll.spec().body == BodyKind::Message);
    let ct = content_type(headers).to_string();
    let data_type = DataType::from_content_type(&ct).ok_or_else(|| {
        unsupported_media(
            &ct,
            "text/plain, application/json or application/octet-stream",
        )
    })?;
    let body = read_body(body, wire::MAX_MESSAGE_BYTES).await?;
    let payload = wire::Payload::new(data_type, body).map_err(|e| match e {
        wire::ops::PayloadError::NotJson(e) => bad(format!(
            "The body is not valid JSON ({e}); send it as text/plain or fix it."
        )),
        wire::ops::PayloadError::NotText => {
            bad("A text/plain body must be UTF-8; send bytes as application/octet-stream.")
        }
        other => bad(other),
    })?;
    Ok(Outgoing::new(
        source,
        group,
        None,
        data_type,
        payload.bytes().clone(),
    ))
}

/// Grant, revoke and check.
fn permission(kind: OpKind, call: &Call) -> ApiResult {
    let perm: Permission = call.args.permission.ok_or_else(|| missing("permission"))?;
    let id = connection(&call.args)?;
    let target = call.args.target.as_deref();
    let conn = call.hub.conn(id);
    match (kind, conn) {
        // Revoking from an unknown connection is not an error (§2.5).
        (OpKind::RevokePermission, conn) => {
            if let Some(conn) = conn {
                conn.revoke(perm, target);
            }
            done(kind)
        }
        (_, None) => Err(ApiError::connection_not_found(id)),
        (OpKind::GrantPermission, Some(conn)) => {
            conn.grant(perm, target);
            done(kind)
        }
        (_, Some(conn)) => {
            if conn.has_permission(perm, target) {
                done(kind)
            } else {
                Err(ApiError::not_found(
                    "Warning.Permission.NotExisted",
                    "Permission",
                    format!(
                        "Connection `{id}` has no {} permission{}.",
                        perm.as_str(),
                        target
                            .map(|t| format!(" for group `{t}`"))
                            .unwrap_or_default()
                    ),
                ))
            }
        }
    }
}

/// `http://host:port` as the client addressed us, when that is one of our own names: the
/// base of the URLs we hand out. Anything else is refused rather than echoed.
fn own_base(emu: &Emulator, headers: &HeaderMap) -> Result<String, ApiError> {
    let raw = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let authority: axum::http::uri::Authority = raw
        .parse()
        .map_err(|_| bad("The Host header is not a host name."))?;
    if !emu.authority.accepts_host(authority.host()) {
        return Err(bad(format!(
            "The Host header names '{}', which is not this emulator.",
            crate::output::sanitize_line(authority.host())
        )));
    }
    Ok(format!("http://{authority}"))
}

fn generate_token(call: &Call) -> ApiResult {
    let a = &call.args;
    let path = a.client_type.unwrap_or_default().path();
    let opts = token::ClientTokenOptions {
        user_id: a.user.as_ref().map(|u| u.to_string()),
        roles: a.roles.clone(),
        groups: a.groups.iter().map(|g| g.to_string()).collect(),
        expires_in_secs: u64::from(a.minutes.unwrap_or(60)) * 60,
    };
    let audience = format!(
        "{}/{path}/hubs/{}",
        own_base(&call.emu, &call.headers)?,
        call.hub_name.segment()
    );
    // An Entra caller's clients get tokens signed with the internal key, which the handshake
    // accepts even when local auth is disabled; an access-key caller's, with the primary key.
    let key = match call.auth {
        AuthKind::Entra => call.emu.keys.internal().to_string(),
        AuthKind::AccessKey => call.emu.keys.primary(),
    };
    let token = token::mint_client_token(&key, &audience, &opts, token::now_secs());
    json(StatusCode::OK, &TokenResponse { token })
}

fn json<T: serde::Serialize>(code: StatusCode, value: &T) -> ApiResult {
    Ok((
        code,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        serde_json::to_string(value).unwrap_or_default(),
    )
        .into_response())
}

/// `GET …/groups/{group}/connections`, paged (2024-12-01 only).
fn list_group(call: &Call) -> ApiResult {
    let a = &call.args;
    let group = group(a)?;
    let page_size = a.max_page_size.unwrap_or(200) as usize;
    let top = a.top.map(|t| t as usize);
    let after = match &a.continuation {
        None => None,
        Some(t) => Some(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(t)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| {
                    bad("The continuationToken is not valid; follow nextLink as it is.")
                })?,
        ),
    };
    let limit = top.map_or(page_size, |t| t.min(page_size));
    // One more than the page tells whether a next page exists.
    let mut members = call.hub.group_members(group, after.as_deref(), limit + 1);
    let more = members.len() > limit;
    members.truncate(limit);
    let remaining = top.map(|t| t - members.len());
    let next_link = match (more, remaining, members.last()) {
        (true, Some(0), _) | (false, _, _) | (_, _, None) => None,
        (true, remaining, Some((last, _))) => {
            let mut qs = url::form_urlencoded::Serializer::new(String::new());
            qs.append_pair("api-version", &call.api_version);
            qs.append_pair("maxpagesize", &page_size.to_string());
            if let Some(r) = remaining {
                qs.append_pair("top", &r.to_string());
            }
            qs.append_pair(
                "continuationToken",
                &base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(last),
            );
            Some(format!(
                "{}/api/hubs/{}/groups/{}/connections?{}",
                own_base(&call.emu, &call.headers)?,
                call.hub_name.segment(),
                group.segment(),
                qs.finish()
            ))
        }
    };
    let page = GroupMemberPage {
        value: members
            .into_iter()
            .map(|(connection_id, user_id)| GroupMember {
                connection_id,
                user_id,
            })
            .collect(),
        next_link,
    };
    json(StatusCode::OK, &page)
}

/// The emulator's own test hook: `POST /emulator/hubs/{hub}/connections/{id}/:drop` aborts a
/// connection's socket without a close frame, as a network failure would.
pub async fn drop_hook(
    State(emu): State<Arc<Emulator>>,
    Path((hub, id)): Path<(String, String)>,
) -> Response {
    let result = (|| {
        let hub = HubName::parse(hub).map_err(bad)?;
        let id = ConnectionId::parse(id).map_err(bad)?;
        match emu.hubs.get(&hub).and_then(|h| h.conn(&id)) {
            Some(conn) => {
                conn.drop_socket();
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            None => Err(ApiError::connection_not_found(&id)),
        }
    })();
    result.unwrap_or_else(|e| e.into_response_for(&axum::http::Method::POST))
}
