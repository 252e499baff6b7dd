//! The REST data-plane client: every operation of the API as an [`Op`], sent with a fresh JWT,
//! timeouts, retries with backoff (honouring `Retry-After`), `--debug` tracing with secrets
//! redacted, and `--dry-run`.

use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use bytes::Bytes;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::connstr::ConnectionString;
use crate::error::{Error, Exit};
use crate::token;
use crate::wire::{GroupMemberPage, Permission};

/// Characters escaped in a path segment: everything but unreserved characters and the few
/// sub-delimiters that are harmless there. `:` stays, as the SDKs leave it.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'&')
    .add(b'+')
    .add(b'=')
    .add(b';');

fn seg(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// A message body with its content type.
#[derive(Debug, Clone)]
pub struct Payload {
    pub content_type: &'static str,
    pub bytes: Bytes,
}

/// Who a send or close leaves out, and which connections it selects.
#[derive(Debug, Clone, Default)]
pub struct Targeting {
    pub excluded: Vec<String>,
    pub filter: Option<String>,
    pub ttl: Option<u32>,
}

/// One REST operation (§2.3 of protocols.md).
#[derive(Debug, Clone)]
pub enum Op {
    Health,
    SendToAll(Targeting, Payload),
    SendToGroup(String, Targeting, Payload),
    SendToUser(String, Targeting, Payload),
    SendToConnection(String, Option<u32>, Payload),
    AddConnectionToGroup {
        group: String,
        connection: String,
    },
    RemoveConnectionFromGroup {
        group: String,
        connection: String,
    },
    RemoveConnectionFromAllGroups(String),
    AddUserToGroup {
        user: String,
        group: String,
    },
    RemoveUserFromGroup {
        user: String,
        group: String,
    },
    RemoveUserFromAllGroups(String),
    CloseAll {
        excluded: Vec<String>,
        reason: Option<String>,
    },
    CloseGroup {
        group: String,
        excluded: Vec<String>,
        reason: Option<String>,
    },
    CloseUser {
        user: String,
        excluded: Vec<String>,
        reason: Option<String>,
    },
    CloseConnection {
        connection: String,
        reason: Option<String>,
    },
    ConnectionExists(String),
    GroupExists(String),
    UserExists(String),
    GrantPermission {
        permission: Permission,
        connection: String,
        target: Option<String>,
    },
    RevokePermission {
        permission: Permission,
        connection: String,
        target: Option<String>,
    },
    CheckPermission {
        permission: Permission,
        connection: String,
        target: Option<String>,
    },
    GenerateToken {
        user: Option<String>,
        roles: Vec<String>,
        groups: Vec<String>,
        minutes: Option<u32>,
        client_type: Option<String>,
    },
    AddToGroups {
        groups: Vec<String>,
        filter: String,
    },
    RemoveFromGroups {
        groups: Vec<String>,
        filter: String,
    },
    ListConnections {
        group: String,
        max_page_size: Option<u32>,
        top: Option<u32>,
    },
}

/// What a successful operation answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Done,
    /// An exists / check operation: 200 → true, 404 → false.
    Exists(bool),
    Json(Value),
}

/// A request ready to send (or to print with `--dry-run`).
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub url: url::Url,
    pub body: Option<Payload>,
}

impl Op {
    fn method(&self) -> Method {
        use Op::*;
        match self {
            Health
            | ConnectionExists(_)
            | GroupExists(_)
            | UserExists(_)
            | CheckPermission { .. } => Method::HEAD,
            AddConnectionToGroup { .. } | AddUserToGroup { .. } | GrantPermission { .. } => {
                Method::PUT
            }
            RemoveConnectionFromGroup { .. }
            | RemoveConnectionFromAllGroups(_)
            | RemoveUserFromGroup { .. }
            | RemoveUserFromAllGroups(_)
            | CloseConnection { .. }
            | RevokePermission { .. } => Method::DELETE,
            ListConnections { .. } => Method::GET,
            _ => Method::POST,
        }
    }

    /// The path after `/api/`, percent-encoded, and the query (api-version excluded).
    fn path_and_query(&self, hub: &str) -> (String, Vec<(&'static str, String)>) {
        use Op::*;
        let h = format!("hubs/{}", seg(hub));
        let mut q: Vec<(&'static str, String)> = Vec::new();
        let targeting = |q: &mut Vec<(&'static str, String)>, t: &Targeting, excluded: bool| {
            if excluded {
                q.extend(t.excluded.iter().map(|e| ("excluded", e.clone())));
            }
            if let Some(f) = &t.filter {
                q.push(("filter", f.clone()));
            }
            if let Some(ttl) = t.ttl {
                q.push(("messageTtlSeconds", ttl.to_string()));
            }
        };
        let close =
            |q: &mut Vec<(&'static str, String)>, excluded: &[String], reason: &Option<String>| {
                q.extend(excluded.iter().map(|e| ("excluded", e.clone())));
                if let Some(r) = reason {
                    q.push(("reason", r.clone()));
                }
            };
        let path = match self {
            Health => "health".to_string(),
            SendToAll(t, _) => {
                targeting(&mut q, t, true);
                format!("{h}/:send")
            }
            SendToGroup(g, t, _) => {
                targeting(&mut q, t, true);
                format!("{h}/groups/{}/:send", seg(g))
            }
            SendToUser(u, t, _) => {
                targeting(&mut q, t, false);
                format!("{h}/users/{}/:send", seg(u))
            }
            SendToConnection(c, ttl, _) => {
                if let Some(ttl) = ttl {
                    q.push(("messageTtlSeconds", ttl.to_string()));
                }
                format!("{h}/connections/{}/:send", seg(c))
            }
            AddConnectionToGroup { group, connection }
            | RemoveConnectionFromGroup { group, connection } => {
                format!("{h}/groups/{}/connections/{}", seg(group), seg(connection))
            }
            RemoveConnectionFromAllGroups(c) => format!("{h}/connections/{}/groups", seg(c)),
            AddUserToGroup { user, group } | RemoveUserFromGroup { user, group } => {
                format!("{h}/users/{}/groups/{}", seg(user), seg(group))
            }
            RemoveUserFromAllGroups(u) => format!("{h}/users/{}/groups", seg(u)),
            CloseAll { excluded, reason } => {
                close(&mut q, excluded, reason);
                format!("{h}/:closeConnections")
            }
            CloseGroup {
                group,
                excluded,
                reason,
            } => {
                close(&mut q, excluded, reason);
                format!("{h}/groups/{}/:closeConnections", seg(group))
            }
            CloseUser {
                user,
                excluded,
                reason,
            } => {
                close(&mut q, excluded, reason);
                format!("{h}/users/{}/:closeConnections", seg(user))
            }
            CloseConnection { connection, reason } => {
                close(&mut q, &[], reason);
                format!("{h}/connections/{}", seg(connection))
            }
            ConnectionExists(c) => format!("{h}/connections/{}", seg(c)),
            GroupExists(g) => format!("{h}/groups/{}", seg(g)),
            UserExists(u) => format!("{h}/users/{}", seg(u)),
            GrantPermission {
                permission,
                connection,
                target,
            }
            | RevokePermission {
                permission,
                connection,
                target,
            }
            | CheckPermission {
                permission,
                connection,
                target,
            } => {
                if let Some(t) = target {
                    q.push(("targetName", t.clone()));
                }
                format!(
                    "{h}/permissions/{}/connections/{}",
                    permission.as_str(),
                    seg(connection)
                )
            }
            GenerateToken {
                user,
                roles,
                groups,
                minutes,
                client_type,
            } => {
                if let Some(u) = user {
                    q.push(("userId", u.clone()));
                }
                q.extend(roles.iter().map(|r| ("role", r.clone())));
                if let Some(m) = minutes {
                    q.push(("minutesToExpire", m.to_string()));
                }
                q.extend(groups.iter().map(|g| ("group", g.clone())));
                if let Some(t) = client_type {
                    q.push(("clientType", t.clone()));
                }
                format!("{h}/:generateToken")
            }
            AddToGroups { .. } => format!("{h}/:addToGroups"),
            RemoveFromGroups { .. } => format!("{h}/:removeFromGroups"),
            ListConnections {
                group,
                max_page_size,
                top,
            } => {
                if let Some(m) = max_page_size {
                    q.push(("maxpagesize", m.to_string()));
                }
                if let Some(t) = top {
                    q.push(("top", t.to_string()));
                }
                format!("{h}/groups/{}/connections", seg(group))
            }
        };
        (path, q)
    }

    fn body(&self) -> Option<Payload> {
        use Op::*;
        match self {
            SendToAll(_, p)
            | SendToGroup(_, _, p)
            | SendToUser(_, _, p)
            | SendToConnection(_, _, p) => Some(p.clone()),
            AddToGroups { groups, filter } | RemoveFromGroups { groups, filter } => Some(Payload {
                content_type: "application/json",
                bytes: Bytes::from(json!({ "groups": groups, "filter": filter }).to_string()),
            }),
            _ => None,
        }
    }

    /// The api-version used when none is given: the CLI's default, or the first version that
    /// has the operation.
    fn default_api_version(&self) -> &'static str {
        match self {
            Op::ListConnections { .. } => crate::wire::LATEST_API_VERSION,
            _ => crate::wire::DEFAULT_API_VERSION,
        }
    }

    /// What a success answer carries.
    fn reply(&self) -> Reply {
        match self {
            Op::ConnectionExists(_)
            | Op::GroupExists(_)
            | Op::UserExists(_)
            | Op::CheckPermission { .. } => Reply::Exists,
            Op::GenerateToken { .. } | Op::ListConnections { .. } => Reply::Json,
            _ => Reply::Empty,
        }
    }
}

/// The shape of an operation's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reply {
    Empty,
    /// HEAD checks: 200 is yes, 404 is no.
    Exists,
    Json,
}

/// How requests are sent.
#[derive(Debug, Clone)]
pub struct Settings {
    /// None: each operation's default (see `Op::default_api_version`).
    pub api_version: Option<String>,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub retries: usize,
    /// Print each request and response on stderr, secrets redacted.
    pub debug: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            api_version: None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(5),
            retries: 3,
            debug: false,
        }
    }
}

/// A client of one hub.
pub struct Client {
    http: reqwest::Client,
    conn: ConnectionString,
    hub: String,
    settings: Settings,
}

/// A failure worth another try, or not.
#[derive(Debug)]
enum Attempt {
    Retry(Error, Option<Duration>),
    Fatal(Error),
}

impl Client {
    pub fn new(conn: ConnectionString, hub: &str, settings: Settings) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .user_agent(concat!("webpubsub-cli/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                Error::new(Exit::Internal, format!("cannot build the HTTP client: {e}"))
            })?;
        Ok(Client {
            http,
            conn,
            hub: hub.to_string(),
            settings,
        })
    }

    pub fn hub(&self) -> &str {
        &self.hub
    }

    /// The request an operation makes, without sending it.
    pub fn request(&self, op: &Op) -> Request {
        let (path, query) = op.path_and_query(&self.hub);
        let mut url = self.conn.api_url(&path);
        {
            let mut pairs = url.query_pairs_mut();
            let version = self
                .settings
                .api_version
                .as_deref()
                .unwrap_or(op.default_api_version());
            pairs.append_pair("api-version", version);
            for (k, v) in &query {
                pairs.append_pair(k, v);
            }
        }
        Request {
            method: op.method(),
            url,
            body: op.body(),
        }
    }

    /// The REST token for a request: `aud` is the full URL, query included, as the SDKs sign it.
    pub fn token_for(&self, url: &url::Url) -> String {
        token::mint_rest_token(
            self.conn.access_key(),
            url.as_str(),
            3600,
            token::now_secs(),
        )
    }

    /// Sends an operation, with retries, and interprets its answer.
    pub async fn execute(&self, op: &Op) -> Result<Answer, Error> {
        self.send(op.reply(), &self.request(op)).await
    }

    /// Sends a request, retrying 429, 5xx and connection failures with backoff.
    async fn send(&self, reply: Reply, req: &Request) -> Result<Answer, Error> {
        let attempt = || async { self.attempt(reply, req).await };
        let backoff = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(200))
            .with_max_delay(Duration::from_secs(10))
            .with_max_times(self.settings.retries)
            .with_jitter();
        let result = attempt
            .retry(backoff)
            .when(|e| matches!(e, Attempt::Retry(..)))
            .adjust(|e, delay| match e {
                // Retry-After wins over our own backoff, capped so a bad header can't hang us.
                Attempt::Retry(_, Some(after)) => {
                    delay.map(|_| (*after).min(Duration::from_secs(60)))
                }
                _ => delay,
            })
            .notify(|e, delay| {
                if self.settings.debug {
                    if let Attempt::Retry(err, _) = e {
                        eprintln!("* {err}; retrying in {delay:?}");
                    }
                }
            })
            .await;
        result.map_err(|e| match e {
            Attempt::Retry(err, _) | Attempt::Fatal(err) => err,
        })
    }

    async fn attempt(&self, reply: Reply, req: &Request) -> Result<Answer, Attempt> {
        let token = self.token_for(&req.url);
        let mut builder = self
            .http
            .request(req.method.clone(), req.url.clone())
            .bearer_auth(&token);
        if let Some(body) = &req.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, body.content_type)
                .body(body.bytes.clone());
        }
        if self.settings.debug {
            eprint!("{}", describe_request(req, true));
        }
        let response = builder.send().await.map_err(|e| self.transport_error(e))?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(e))?;
        if self.settings.debug {
            eprintln!(
                "< {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            );
            for (k, v) in &headers {
                eprintln!("< {k}: {}", v.to_str().unwrap_or("<binary>"));
            }
            if !body.is_empty() {
                eprintln!("<\n{}", String::from_utf8_lossy(&body));
            }
            eprintln!();
        }
        if status.is_success() {
            return Ok(match reply {
                Reply::Exists => Answer::Exists(true),
                Reply::Json => {
                    let value: Value = serde_json::from_slice(&body).map_err(|e| {
                        Attempt::Fatal(Error::new(
                            Exit::ServerError,
                            format!(
                                "the service answered {status} with a body that is not JSON: {e}"
                            ),
                        ))
                    })?;
                    Answer::Json(value)
                }
                Reply::Empty => Answer::Done,
            });
        }
        if status == StatusCode::NOT_FOUND && reply == Reply::Exists {
            return Ok(Answer::Exists(false));
        }
        let error = http_error(status, &headers, &body, req);
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            Err(Attempt::Retry(error, retry_after))
        } else {
            Err(Attempt::Fatal(error))
        }
    }

    fn transport_error(&self, e: reqwest::Error) -> Attempt {
        let endpoint = self.conn.endpoint_str();
        if e.is_timeout() {
            return Attempt::Retry(
                Error::new(
                    Exit::Timeout,
                    format!(
                        "{endpoint} did not answer within {:?}",
                        self.settings.timeout
                    ),
                )
                .with_hint("raise --timeout, or check that the service is healthy"),
                None,
            );
        }
        if e.is_connect() {
            return Attempt::Retry(
                Error::new(
                    Exit::Unreachable,
                    format!("cannot connect to {endpoint}: {}", root_cause(&e)),
                )
                .with_hint("is the service running? For a local one: webpubsub emulator start"),
                None,
            );
        }
        Attempt::Retry(
            Error::new(
                Exit::Unreachable,
                format!("request to {endpoint} failed: {}", root_cause(&e)),
            ),
            None,
        )
    }

    /// All pages of a group's members, following `nextLink` as it is.
    pub async fn list_all(
        &self,
        group: &str,
        max_page_size: Option<u32>,
        top: Option<u32>,
    ) -> Result<Vec<Value>, Error> {
        let first = Op::ListConnections {
            group: group.to_string(),
            max_page_size,
            top,
        };
        let mut items = Vec::new();
        let mut page = match self.execute(&first).await? {
            Answer::Json(v) => v,
            _ => return Ok(items),
        };
        loop {
            let parsed: GroupMemberPage = serde_json::from_value(page.clone()).map_err(|e| {
                Error::new(
                    Exit::ServerError,
                    format!("the service sent a page this tool cannot read: {e}"),
                )
            })?;
            items.extend(
                parsed
                    .value
                    .into_iter()
                    .map(|m| serde_json::to_value(m).unwrap_or(Value::Null)),
            );
            let Some(next) = parsed.next_link else { break };
            page = self.get_json(&next).await?;
        }
        Ok(items)
    }

    async fn get_json(&self, url: &str) -> Result<Value, Error> {
        let url = url::Url::parse(url).map_err(|e| {
            Error::new(
                Exit::ServerError,
                format!("the service sent a bad nextLink: {e}"),
            )
        })?;
        let req = Request {
            method: Method::GET,
            url,
            body: None,
        };
        match self.send(Reply::Json, &req).await? {
            Answer::Json(v) => Ok(v),
            _ => Ok(Value::Null),
        }
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// A non-success answer as an error, with the service's own code and message.
fn http_error(
    status: StatusCode,
    headers: &reqwest::header::HeaderMap,
    body: &[u8],
    req: &Request,
) -> Error {
    let parsed: Option<crate::wire::ErrorBody> = serde_json::from_slice(body).ok();
    let code = parsed.as_ref().map(|b| b.code.clone()).or_else(|| {
        headers
            .get("x-ms-error-code")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    let detail = parsed.map(|b| b.message).unwrap_or_else(|| {
        crate::output::sanitize(&String::from_utf8_lossy(body))
            .chars()
            .take(300)
            .collect()
    });
    let what = format!(
        "{} {} answered {}{}{}",
        req.method,
        req.url.path(),
        status.as_u16(),
        code.map(|c| format!(" {c}")).unwrap_or_default(),
        if detail.is_empty() {
            String::new()
        } else {
            format!(": {detail}")
        }
    );
    let (exit, hint) = match status.as_u16() {
        401 | 403 => (
            Exit::Auth,
            Some("check the access key in the connection string (and that the endpoint is the right service)"),
        ),
        415 => (Exit::Rejected, Some("pick another --content-type")),
        s if s >= 500 => (Exit::ServerError, None),
        _ => (Exit::Rejected, None),
    };
    let error = Error::new(exit, what);
    match hint {
        Some(h) => error.with_hint(h),
        None => error,
    }
}

/// The request as text, for `--debug` (stderr, prefixed `> `) and `--dry-run` (stdout). The token
/// itself never appears: only its claims, which are not secret.
pub fn describe_request(req: &Request, debug: bool) -> String {
    let prefix = if debug { "> " } else { "" };
    let mut out = format!("{prefix}{} {}\n", req.method, req.url);
    out.push_str(&format!(
        "{prefix}Authorization: Bearer <JWT redacted; claims aud=\"{}\">\n",
        req.url
    ));
    if let Some(body) = &req.body {
        out.push_str(&format!("{prefix}Content-Type: {}\n", body.content_type));
        out.push_str(&format!("{prefix}Content-Length: {}\n", body.bytes.len()));
        out.push_str(&format!("{prefix}\n"));
        match std::str::from_utf8(&body.bytes) {
            Ok(text) if body.content_type != "application/octet-stream" => {
                out.push_str(prefix);
                out.push_str(&crate::output::sanitize(text));
                out.push('\n');
            }
            _ => out.push_str(&format!(
                "{prefix}<{} bytes of binary data>\n",
                body.bytes.len()
            )),
        }
    }
    if debug {
        out.push('\n');
    }
    out
}

/// The request as JSON, for `--dry-run --output json`: what the interop check compares.
pub fn request_json(req: &Request, claims: &Value) -> Value {
    let query: Vec<Value> = req.url.query_pairs().map(|(k, v)| json!([k, v])).collect();
    let body = req.body.as_ref().map(|b| match std::str::from_utf8(&b.bytes) {
        Ok(t) if b.content_type != "application/octet-stream" => json!({"contentType": b.content_type, "text": t}),
        _ => json!({
            "contentType": b.content_type,
            "base64": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &b.bytes)
        }),
    });
    json!({
        "method": req.method.as_str(),
        "url": req.url.as_str(),
        "path": req.url.path(),
        "query": query,
        "body": body,
        "claims": claims,
    })
}
