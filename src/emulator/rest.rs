//! The REST data plane (`/api/…`, §2 of protocols.md) and the emulator's own test hook
//! (`/emulator/…`). Routed by hand: the API's literal `:send`-style segments are not expressible
//! in axum's router, and parsing the path ourselves gives exact 404/405/400 answers.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use bytes::Bytes;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::state::{fan_out, Join, Outgoing, Selector};
use super::Emulator;
use crate::odata::Filter;
use crate::token;
use crate::wire::{
    self, close_code, DataType, ErrorBody, GroupMember, GroupMemberPage, GroupsFilterRequest,
    MessageSource, Permission, TokenResponse,
};

/// Characters kept as they are in a path segment of a generated `nextLink`.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// An error answer: status, `x-ms-error-code` and the JSON body.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    target: Option<&'static str>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            target: None,
        }
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BadRequest", message)
    }

    fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Unauthorized", message)
    }

    fn not_found(code: &'static str, target: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            target: Some(target),
            ..Self::new(StatusCode::NOT_FOUND, code, message)
        }
    }

    fn connection_not_found(id: &str) -> Self {
        Self::not_found(
            "Warning.Connection.NotExisted",
            "Connection",
            format!("Connection `{id}` is not found."),
        )
    }

    fn user_not_found(user: &str) -> Self {
        Self::not_found(
            "Warning.User.NotExisted",
            "User",
            format!("User `{user}` is not found."),
        )
    }
}

type ApiResult = Result<Response, ApiError>;

/// What every handler needs from the request.
struct Ctx {
    emu: Arc<Emulator>,
    method: Method,
    host: String,
    api_version: String,
    query: Query,
    headers: HeaderMap,
    body: Body,
}

/// Query parameters in order, repeated keys kept, names compared case-insensitively.
struct Query(Vec<(String, String)>);

impl Query {
    fn parse(raw: Option<&str>) -> Self {
        Query(
            url::form_urlencoded::parse(raw.unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// An integer parameter within `min..=max`, or a 400 naming the parameter and its range.
    fn int(&self, name: &str, min: i64, max: i64) -> Result<Option<i64>, ApiError> {
        let Some(raw) = self.get(name) else {
            return Ok(None);
        };
        match raw.trim().parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::bad_request(format!(
                "The value '{raw}' of '{name}' is out of range: it must be an integer between {min} and {max}."
            ))),
        }
    }
}

/// Every request that no route of axum's took: the REST API, the test hook, or a 404.
pub async fn handle(State(emu): State<Arc<Emulator>>, mut req: Request) -> Response {
    let traced = match &emu.trace {
        Some(t) => Some(t.begin_rest(&mut req).await),
        None => None,
    };
    let head = req.method() == Method::HEAD;
    let api_version = Query::parse(req.uri().query())
        .get("api-version")
        .unwrap_or(wire::LATEST_API_VERSION)
        .to_string();
    let mut response = match dispatch(emu.clone(), req).await {
        Ok(r) => r,
        Err(e) => error_response(e, head),
    };
    if let Ok(v) = HeaderValue::from_str(&api_version) {
        response.headers_mut().insert("api-supported-versions", v);
    }
    if let (Some(t), Some(p)) = (&emu.trace, traced) {
        t.end_rest(p, &response);
    }
    response
}

fn error_response(e: ApiError, head: bool) -> Response {
    let body = ErrorBody {
        code: e.code.to_string(),
        message: e.message,
        target: e.target.map(str::to_string),
        details: None,
        innererror: None,
    };
    let mut response = if head {
        e.status.into_response()
    } else {
        (
            e.status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            serde_json::to_string(&body).unwrap_or_default(),
        )
            .into_response()
    };
    response
        .headers_mut()
        .insert("x-ms-error-code", HeaderValue::from_static(e.code));
    if e.status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

async fn dispatch(emu: Arc<Emulator>, req: Request) -> ApiResult {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_string();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| path.clone());
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost")
        .to_string();
    let query = Query::parse(parts.uri.query());

    let (area, tail) = if let Some(rest) = path.strip_prefix("/api/") {
        ("api", rest)
    } else if let Some(rest) = path.strip_prefix("/emulator/") {
        ("emulator", rest)
    } else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("No such endpoint: {path}. The REST API is under /api/, clients connect to /client/hubs/{{hub}}."),
        ));
    };
    let segments: Vec<String> = tail
        .split('/')
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let segs: Vec<&str> = segments.iter().map(String::as_str).collect();

    // Health needs no token, so load balancers and `curl -I` can probe it.
    if area == "api" && segs == ["health"] {
        return match parts.method {
            Method::HEAD | Method::GET => Ok(StatusCode::OK.into_response()),
            _ => Err(method_not_allowed(&parts.method)),
        };
    }

    authenticate(&emu, &parts.headers, &host, &path_and_query)?;

    let api_version = query
        .get("api-version")
        .unwrap_or(wire::LATEST_API_VERSION)
        .to_string();
    if !wire::SUPPORTED_API_VERSIONS.contains(&api_version.as_str()) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "UnsupportedApiVersion",
            format!(
                "api-version '{api_version}' is not supported; use one of {}.",
                wire::SUPPORTED_API_VERSIONS.join(", ")
            ),
        ));
    }

    let (hub, rest) = match segs.as_slice() {
        ["hubs", hub, rest @ ..] if !rest.is_empty() => (*hub, rest),
        _ => return Err(route_not_found(&path)),
    };
    wire::validate_hub(hub).map_err(ApiError::bad_request)?;
    let ctx = Ctx {
        emu,
        method: parts.method,
        host,
        api_version,
        query,
        headers: parts.headers,
        body,
    };
    if area == "emulator" {
        return emulator_hook(ctx, hub, rest);
    }
    route(ctx, hub, rest).await
}

fn authenticate(
    emu: &Emulator,
    headers: &HeaderMap,
    host: &str,
    path_and_query: &str,
) -> Result<(), ApiError> {
    let Some(auth) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::unauthorized(
            "No Authorization header: send 'Authorization: Bearer <JWT>' signed with the access key.",
        ));
    };
    let token =
        auth.to_str().ok().and_then(token::bearer).ok_or_else(|| {
            ApiError::unauthorized("The Authorization header is not 'Bearer <JWT>'.")
        })?;
    let claims = token::verify(
        token,
        &emu.access_key,
        token::now_secs(),
        token::DEFAULT_SKEW_SECS,
    )
    .map_err(|e| ApiError::unauthorized(format!("Invalid token: {e}.")))?;
    let url = format!("http://{host}{path_and_query}");
    let audiences = claims.audiences();
    if audiences
        .iter()
        .any(|aud| token::audience_matches(aud, &url))
    {
        Ok(())
    } else {
        Err(ApiError::unauthorized(format!(
            "Invalid token: its audience does not match the request URL {url} (aud: {}).",
            audiences.join(", ")
        )))
    }
}

fn method_not_allowed(method: &Method) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "MethodNotAllowed",
        format!("Method {method} is not allowed on this path."),
    )
}

fn route_not_found(path: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "NotFound",
        format!("No REST operation at {path}."),
    )
}

fn status(code: StatusCode) -> ApiResult {
    Ok(code.into_response())
}

fn group_arg(g: &str) -> Result<&str, ApiError> {
    wire::validate_group(g).map_err(ApiError::bad_request)?;
    Ok(g)
}

fn id_arg<'a>(kind: &str, id: &'a str) -> Result<&'a str, ApiError> {
    wire::validate_id(kind, id).map_err(ApiError::bad_request)?;
    Ok(id)
}

async fn route(ctx: Ctx, hub_name: &str, rest: &[&str]) -> ApiResult {
    use Method as M;
    let hub = ctx.emu.hubs.get_or_create(hub_name);
    let m = ctx.method.clone();
    match (&m, rest) {
        (&M::POST, [":send"]) => {
            let sel = selection(&ctx.query, true)?;
            let msg = read_message(ctx, MessageSource::Server, None).await?;
            let recipients = hub.select_all(sel.as_selector());
            fan_out(&hub, &recipients, &msg);
            status(StatusCode::ACCEPTED)
        }
        (&M::POST, ["groups", g, ":send"]) => {
            let g = group_arg(g)?;
            let sel = selection(&ctx.query, true)?;
            let msg = read_message(ctx, MessageSource::Group, Some(g.to_string())).await?;
            let recipients = hub.select_group(g, sel.as_selector());
            fan_out(&hub, &recipients, &msg);
            status(StatusCode::ACCEPTED)
        }
        (&M::POST, ["users", u, ":send"]) => {
            let u = id_arg("user id", u)?;
            // SendToUser has no `excluded` (§2.3).
            let sel = selection(&ctx.query, false)?;
            let msg = read_message(ctx, MessageSource::Server, None).await?;
            let recipients = hub.select_user(u, sel.as_selector());
            fan_out(&hub, &recipients, &msg);
            status(StatusCode::ACCEPTED)
        }
        (&M::POST, ["connections", id, ":send"]) => {
            let id = id_arg("connection id", id)?;
            ttl(&ctx.query)?;
            let msg = read_message(ctx, MessageSource::Server, None).await?;
            // Sending to an unknown connection is fire-and-forget: 202 (§2.5).
            if let Some(conn) = hub.conn(id) {
                fan_out(&hub, &[conn], &msg);
            }
            status(StatusCode::ACCEPTED)
        }
        (&M::POST, [op @ (":addToGroups" | ":removeFromGroups")]) => {
            let body = read_body(ctx.body, wire::MAX_MESSAGE_BYTES).await?;
            require_json(&ctx.headers)?;
            let req: GroupsFilterRequest = serde_json::from_slice(&body).map_err(|e| {
                ApiError::bad_request(format!(
                    "The body must be {{\"groups\": [\"g1\", …], \"filter\": \"<OData>\"}}: {e}."
                ))
            })?;
            for g in &req.groups {
                group_arg(g)?;
            }
            let filter = parse_filter(req.filter.as_deref())?;
            if let Join::TooManyGroups { limit } =
                hub.update_groups(&req.groups, filter.as_ref(), *op == ":addToGroups")
            {
                return Err(ApiError::bad_request(Join::too_many_groups_message(limit)));
            }
            status(StatusCode::OK)
        }
        (&M::POST, [":closeConnections"]) => {
            let excluded = ctx.query.all("excluded");
            let reason = close_reason(&ctx.query);
            for conn in hub.select_all(Selector {
                excluded: &excluded,
                filter: None,
            }) {
                close(&hub, &conn.id, &reason);
            }
            status(StatusCode::NO_CONTENT)
        }
        (&M::POST, ["groups", g, ":closeConnections"]) => {
            let g = group_arg(g)?;
            let excluded = ctx.query.all("excluded");
            let reason = close_reason(&ctx.query);
            for conn in hub.select_group(
                g,
                Selector {
                    excluded: &excluded,
                    filter: None,
                },
            ) {
                close(&hub, &conn.id, &reason);
            }
            status(StatusCode::NO_CONTENT)
        }
        (&M::POST, ["users", u, ":closeConnections"]) => {
            let u = id_arg("user id", u)?;
            let excluded = ctx.query.all("excluded");
            let reason = close_reason(&ctx.query);
            for conn in hub.select_user(
                u,
                Selector {
                    excluded: &excluded,
                    filter: None,
                },
            ) {
                close(&hub, &conn.id, &reason);
            }
            status(StatusCode::NO_CONTENT)
        }
        (&M::DELETE, ["connections", id]) => {
            let id = id_arg("connection id", id)?;
            close(&hub, id, &close_reason(&ctx.query));
            status(StatusCode::NO_CONTENT)
        }
        (&M::HEAD, ["connections", id]) => {
            let id = id_arg("connection id", id)?;
            match hub.conn(id) {
                Some(_) => status(StatusCode::OK),
                None => Err(ApiError::connection_not_found(id)),
            }
        }
        (&M::DELETE, ["connections", id, "groups"]) => {
            let id = id_arg("connection id", id)?;
            hub.leave_all(id);
            status(StatusCode::NO_CONTENT)
        }
        (&M::HEAD, ["groups", g]) => {
            let g = group_arg(g)?;
            if hub.group_exists(g) {
                status(StatusCode::OK)
            } else {
                Err(ApiError::not_found(
                    "Warning.Group.NotExisted",
                    "Group",
                    format!("Group `{g}` is not found."),
                ))
            }
        }
        (&M::GET, ["groups", g, "connections"]) => {
            let g = group_arg(g)?;
            list_group(&ctx, &hub, hub_name, g)
        }
        (&M::PUT, ["groups", g, "connections", id]) => {
            let (g, id) = (group_arg(g)?, id_arg("connection id", id)?);
            match hub.join(id, g) {
                Join::Joined => status(StatusCode::OK),
                Join::NotFound => Err(ApiError::connection_not_found(id)),
                Join::TooManyGroups { limit } => {
                    Err(ApiError::bad_request(Join::too_many_groups_message(limit)))
                }
            }
        }
        (&M::DELETE, ["groups", g, "connections", id]) => {
            let (g, id) = (group_arg(g)?, id_arg("connection id", id)?);
            hub.leave(id, g);
            status(StatusCode::NO_CONTENT)
        }
        (&M::PUT | &M::DELETE | &M::HEAD, ["permissions", perm, "connections", id]) => {
            let perm: Permission = perm.parse().map_err(ApiError::bad_request)?;
            let id = id_arg("connection id", id)?;
            let target = ctx.query.get("targetName").map(str::to_string);
            if let Some(t) = &target {
                group_arg(t)?;
            }
            permission(&hub, &m, perm, id, target.as_deref())
        }
        (&M::HEAD, ["users", u]) => {
            let u = id_arg("user id", u)?;
            if hub.user_exists(u) {
                status(StatusCode::OK)
            } else {
                Err(ApiError::user_not_found(u))
            }
        }
        (&M::DELETE, ["users", u, "groups"]) => {
            let u = id_arg("user id", u)?;
            hub.remove_user_from_group(u, None);
            status(StatusCode::NO_CONTENT)
        }
        (&M::PUT, ["users", u, "groups", g]) => {
            let (u, g) = (id_arg("user id", u)?, group_arg(g)?);
            match hub.add_user_to_group(u, g) {
                Join::Joined => status(StatusCode::OK),
                Join::NotFound => Err(ApiError::user_not_found(u)),
                Join::TooManyGroups { limit } => {
                    Err(ApiError::bad_request(Join::too_many_groups_message(limit)))
                }
            }
        }
        (&M::DELETE, ["users", u, "groups", g]) => {
            let (u, g) = (id_arg("user id", u)?, group_arg(g)?);
            if hub.remove_user_from_group(u, Some(g)) {
                status(StatusCode::NO_CONTENT)
            } else {
                Err(ApiError::user_not_found(u))
            }
        }
        (&M::POST, [":generateToken"]) => generate_token(&ctx, hub_name),
        (_, rest) if is_known_path(rest) => Err(method_not_allowed(&m)),
        _ => Err(route_not_found(&format!(
            "/api/hubs/{hub_name}/{}",
            rest.join("/")
        ))),
    }
}

/// Paths of the API, for telling a wrong method (405) from a wrong path (404).
fn is_known_path(rest: &[&str]) -> bool {
    matches!(
        rest,
        [":send" | ":addToGroups" | ":removeFromGroups" | ":closeConnections" | ":generateToken"]
            | ["connections", _]
            | ["connections", _, ":send" | "groups"]
            | ["groups", _]
            | ["groups", _, ":send" | ":closeConnections" | "connections"]
            | ["groups", _, "connections", _]
            | ["permissions", _, "connections", _]
            | ["users", _]
            | ["users", _, ":send" | ":closeConnections" | "groups"]
            | ["users", _, "groups", _]
    )
}

fn close(hub: &super::state::Hub, id: &str, reason: &str) {
    if let Some(conn) = hub.remove(id) {
        conn.close(close_code::NORMAL, reason);
    }
}

fn close_reason(query: &Query) -> String {
    query
        .get("reason")
        .map(str::to_string)
        .unwrap_or_else(|| "Application server closed the connection.".to_string())
}

/// `excluded`, `filter` and `messageTtlSeconds`, checked before the body is read.
struct Selection {
    excluded: Vec<String>,
    filter: Option<Filter>,
}

impl Selection {
    fn as_selector(&self) -> Selector<'_> {
        Selector {
            excluded: &self.excluded,
            filter: self.filter.as_ref(),
        }
    }
}

fn selection(query: &Query, allow_excluded: bool) -> Result<Selection, ApiError> {
    ttl(query)?;
    Ok(Selection {
        excluded: if allow_excluded {
            query.all("excluded")
        } else {
            Vec::new()
        },
        filter: parse_filter(query.get("filter"))?,
    })
}

fn ttl(query: &Query) -> Result<(), ApiError> {
    query
        .int("messageTtlSeconds", 0, wire::MAX_TTL_SECONDS as i64)
        .map(drop)
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
    to_bytes(body, limit).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "RequestEntityTooLarge",
            format!("The message is larger than the limit of {limit} bytes."),
        )
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
        format!("Content-Type '{got}' is not supported here; use {expected}."),
    )
}

/// The body of a `:send` as a message, typed by its `Content-Type`.
async fn read_message(
    ctx: Ctx,
    source: MessageSource,
    group: Option<String>,
) -> Result<Outgoing, ApiError> {
    let ct = content_type(&ctx.headers).to_string();
    let data_type = DataType::from_content_type(&ct).ok_or_else(|| {
        unsupported_media(
            &ct,
            "text/plain, application/json or application/octet-stream",
        )
    })?;
    let body = read_body(ctx.body, wire::MAX_MESSAGE_BYTES).await?;
    match data_type {
        DataType::Json => {
            serde_json::from_slice::<serde_json::Value>(&body).map_err(|e| {
                ApiError::bad_request(format!(
                    "The body is not valid JSON ({e}); send it as text/plain or fix it."
                ))
            })?;
        }
        DataType::Text => {
            std::str::from_utf8(&body).map_err(|_| {
                ApiError::bad_request(
                    "A text/plain body must be UTF-8; send bytes as application/octet-stream.",
                )
            })?;
        }
        _ => {}
    }
    Ok(Outgoing::new(source, group, None, data_type, body))
}

fn permission(
    hub: &super::state::Hub,
    method: &Method,
    perm: Permission,
    id: &str,
    target: Option<&str>,
) -> ApiResult {
    let conn = hub.conn(id);
    match (method, conn) {
        // Revoking from an unknown connection is not an error (§2.5).
        (&Method::DELETE, conn) => {
            if let Some(conn) = conn {
                conn.revoke(perm, target);
            }
            status(StatusCode::NO_CONTENT)
        }
        (_, None) => Err(ApiError::connection_not_found(id)),
        (&Method::PUT, Some(conn)) => {
            conn.grant(perm, target);
            status(StatusCode::OK)
        }
        (_, Some(conn)) => {
            if conn.has_permission(perm, target) {
                status(StatusCode::OK)
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

fn generate_token(ctx: &Ctx, hub: &str) -> ApiResult {
    let q = &ctx.query;
    let minutes = q.int("minutesToExpire", 1, i32::MAX as i64)?.unwrap_or(60);
    let path = match q.get("clientType") {
        None => "client",
        Some(t) if t.eq_ignore_ascii_case("Default") => "client",
        Some(t) if t.eq_ignore_ascii_case("MQTT") => "clients/mqtt",
        Some(t) => {
            return Err(ApiError::bad_request(format!(
                "clientType '{t}' is not supported; use Default or MQTT."
            )))
        }
    };
    let groups = q.all("group");
    for g in &groups {
        group_arg(g)?;
    }
    let opts = token::ClientTokenOptions {
        user_id: q
            .get("userId")
            .filter(|u| !u.is_empty())
            .map(str::to_string),
        roles: q.all("role"),
        groups,
        expires_in_secs: minutes as u64 * 60,
    };
    let audience = format!("http://{}/{path}/hubs/{hub}", ctx.host);
    let token = token::mint_client_token(&ctx.emu.access_key, &audience, &opts, token::now_secs());
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
fn list_group(ctx: &Ctx, hub: &super::state::Hub, hub_name: &str, group: &str) -> ApiResult {
    if ctx.api_version.as_str() < wire::LATEST_API_VERSION {
        return Err(ApiError::bad_request(format!(
            "Listing group connections needs api-version {} or later (the request used {}).",
            wire::LATEST_API_VERSION,
            ctx.api_version
        )));
    }
    let q = &ctx.query;
    let page_size = q.int("maxpagesize", 1, 200)?.unwrap_or(200) as usize;
    let top = q.int("top", 1, i32::MAX as i64)?.map(|t| t as usize);
    let after = match q.get("continuationToken") {
        None => None,
        Some(t) => Some(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(t)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "The continuationToken is not valid; follow nextLink as it is.",
                    )
                })?,
        ),
    };
    let limit = top.map_or(page_size, |t| t.min(page_size));
    // One more than the page tells whether a next page exists.
    let mut members = hub.group_members(group, after.as_deref(), limit + 1);
    let more = members.len() > limit;
    members.truncate(limit);
    let remaining = top.map(|t| t - members.len());
    let next_link = match (more, remaining, members.last()) {
        (true, Some(0), _) | (false, _, _) | (_, _, None) => None,
        (true, remaining, Some((last, _))) => {
            let mut qs = url::form_urlencoded::Serializer::new(String::new());
            qs.append_pair("api-version", &ctx.api_version);
            qs.append_pair("maxpagesize", &page_size.to_string());
            if let Some(r) = remaining {
                qs.append_pair("top", &r.to_string());
            }
            qs.append_pair(
                "continuationToken",
                &base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(last),
            );
            Some(format!(
                "http://{}/api/hubs/{}/groups/{}/connections?{}",
                ctx.host,
                utf8_percent_encode(hub_name, SEGMENT),
                utf8_percent_encode(group, SEGMENT),
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
fn emulator_hook(ctx: Ctx, hub: &str, rest: &[&str]) -> ApiResult {
    match (&ctx.method, rest) {
        (&Method::POST, ["connections", id, ":drop"]) => {
            let conn = ctx.emu.hubs.get(hub).and_then(|h| h.conn(id));
            match conn {
                Some(conn) => {
                    conn.drop_socket();
                    status(StatusCode::NO_CONTENT)
                }
                None => Err(ApiError::connection_not_found(id)),
            }
        }
        _ => Err(route_not_found(&format!(
            "/emulator/hubs/{hub}/{}",
            rest.join("/")
        ))),
    }
}
