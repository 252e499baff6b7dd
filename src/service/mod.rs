//! The REST data-plane client: sends an [`Op`] of the operation table with a fresh JWT, within
//! one `--timeout` for the whole operation (retries and their waits included), retrying 429,
//! 5xx and connection failures with backoff (honouring `Retry-After`, seconds or HTTP date),
//! with `--debug` tracing that never shows a secret.

mod describe;

use std::sync::Arc;
use std::time::{Duration, Instant};

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::azure::{TokenProvider, DATA_PLANE_SCOPE};
use crate::connstr::{ConnectionString, ServiceEndpoint};
use crate::error::{Error, Exit};
use crate::token;
use crate::wire::ops::{Args, Reply};
use crate::wire::{GroupMemberPage, GroupName, HubName, Op, OpKind, Payload};

pub use describe::{describe_request, request_json};

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
    /// The service's URL: what an access-key token's `aud` names.
    pub url: url::Url,
    /// Where it is sent instead, behind `--reverse-proxy`.
    pub via: Option<url::Url>,
    /// Signed with an Entra ID token rather than an access key.
    pub entra: bool,
    /// Headers of the operation itself (a send's metadata).
    pub headers: Vec<(String, String)>,
    pub body: Option<Payload>,
}

impl Request {
    /// Where the request goes: the reverse proxy, or the service.
    pub fn destination(&self) -> &url::Url {
        self.via.as_ref().unwrap_or(&self.url)
    }
}

/// How data-plane requests are signed.
#[derive(Clone)]
pub enum Auth {
    /// An access key: a JWT per request, its `aud` the request URL.
    Key(String),
    /// Entra ID: a bearer token for the data plane's scope, cached for its lifetime.
    Entra(Arc<TokenProvider>),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::Key(_) => f.write_str("Auth::Key(***)"),
            Auth::Entra(p) => write!(f, "Auth::Entra({})", p.describe()),
        }
    }
}

/// Which service, how to sign, and through which reverse proxy.
#[derive(Debug, Clone)]
pub struct Target {
    pub endpoint: ServiceEndpoint,
    pub auth: Auth,
    /// `--reverse-proxy`: requests (and client connections) go there; token audiences stay
    /// those of `endpoint`, as the SDKs do it.
    pub reverse_proxy: Option<url::Url>,
}

impl From<ConnectionString> for Target {
    fn from(conn: ConnectionString) -> Self {
        Target {
            endpoint: conn.service_endpoint(),
            auth: Auth::Key(conn.access_key().to_string()),
            reverse_proxy: None,
        }
    }
}

impl Target {
    /// `url` as sent through the reverse proxy: its scheme, host and port, and its path
    /// prefix before the service's path.
    pub fn via(&self, url: &url::Url) -> Option<url::Url> {
        let proxy = self.reverse_proxy.as_ref()?;
        let mut out = proxy.clone();
        let prefix = proxy.path().trim_end_matches('/');
        let base = self.endpoint.url().path().trim_end_matches('/');
        let rest = url.path().strip_prefix(base).unwrap_or(url.path());
        out.set_path(&format!("{prefix}{rest}"));
        out.set_query(url.query());
        if matches!(url.scheme(), "ws" | "wss") {
            let scheme = if out.scheme() == "https" { "wss" } else { "ws" };
            let _ = out.set_scheme(scheme);
        }
        Some(out)
    }
}

/// How requests are sent.
#[derive(Debug, Clone)]
pub struct Settings {
    /// None: each operation's default (see `Op::default_api_version`).
    pub api_version: Option<String>,
    /// The longest one operation may take, retries and their waits included.
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
    target: Target,
    hub: HubName,
    settings: Settings,
}

/// A failure worth another try (with the service's `Retry-After`, if it gave one), or not.
#[derive(Debug)]
enum Attempt {
    Retry(Error, Option<Duration>),
    Fatal(Error),
}

/// The longest `Retry-After` we wait, so a bad header cannot hang a command.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

impl Client {
    pub fn new(target: impl Into<Target>, hub: HubName, settings: Settings) -> Result<Self, Error> {
        let target = target.into();
        let http = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .user_agent(concat!("webpubsub-cli/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                Error::new(Exit::Internal, format!("cannot build the HTTP client: {e}"))
            })?;
        Ok(Client {
            http,
            target,
            hub,
            settings,
        })
    }

    pub fn hub(&self) -> &HubName {
        &self.hub
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The request an operation makes, without sending it.
    pub fn request(&self, op: &Op) -> Request {
        let path = op.path(&self.hub);
        let mut url = self
            .target
            .endpoint
            .api_url(path.strip_prefix("/api/").unwrap_or(&path));
        {
            let mut pairs = url.query_pairs_mut();
            let version = self
                .settings
                .api_version
                .as_deref()
                .unwrap_or(op.default_api_version());
            pairs.append_pair("api-version", version);
            for (k, v) in op.query() {
                pairs.append_pair(k, &v);
            }
        }
        Request {
            method: op.spec().method.clone(),
            via: self.target.via(&url),
            entra: matches!(self.target.auth, Auth::Entra(_)),
            url,
            headers: op.headers(),
            body: op.body(),
        }
    }

    /// The access-key REST token for a request (`aud` is the full URL, query included, as the
    /// SDKs sign it); None with Entra ID, whose token is never shown.
    pub fn token_for(&self, url: &url::Url) -> Option<String> {
        match &self.target.auth {
            Auth::Key(key) => Some(token::mint_rest_token(
                key,
                url.as_str(),
                3600,
                token::now_secs(),
            )),
            Auth::Entra(_) => None,
        }
    }

    /// The bearer token of a request.
    async fn bearer(&self, url: &url::Url) -> Result<String, Error> {
        match &self.target.auth {
            Auth::Key(key) => Ok(token::mint_rest_token(
                key,
                url.as_str(),
                3600,
                token::now_secs(),
            )),
            Auth::Entra(provider) => {
                Ok(provider.token(DATA_PLANE_SCOPE).await?.secret().to_string())
            }
        }
    }

    /// Sends an operation, with retries, and interprets its answer.
    pub async fn execute(&self, op: &Op) -> Result<Answer, Error> {
        let deadline = Instant::now() + self.settings.timeout;
        self.send(op.spec().reply, &self.request(op), deadline)
            .await
    }

    /// Sends a request until it succeeds, fails for good, runs out of retries or would pass
    /// the deadline.
    async fn send(&self, reply: Reply, req: &Request, deadline: Instant) -> Result<Answer, Error> {
        let mut delays = ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(200))
            .with_max_delay(Duration::from_secs(10))
            .with_max_times(self.settings.retries)
            .with_jitter()
            .build();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let outcome = match tokio::time::timeout(left, self.attempt(reply, req)).await {
                Ok(outcome) => outcome,
                Err(_) => return Err(self.timed_out()),
            };
            let (err, retry_after) = match outcome {
                Ok(answer) => return Ok(answer),
                Err(Attempt::Fatal(err)) => return Err(err),
                Err(Attempt::Retry(err, after)) => (err, after),
            };
            let Some(backoff) = delays.next() else {
                return Err(err);
            };
            let delay = retry_after.map_or(backoff, |after| after.min(MAX_RETRY_AFTER));
            let left = deadline.saturating_duration_since(Instant::now());
            if delay >= left {
                let message = format!(
                    "{}; not retried: the next try would be in {}, after --timeout ({}) runs out",
                    err.message,
                    human(delay),
                    human(self.settings.timeout)
                );
                return Err(Error { message, ..err });
            }
            if self.settings.debug {
                eprintln!("* {}; retrying in {}", err.message, human(delay));
            }
            tokio::time::sleep(delay).await;
        }
    }

    fn timed_out(&self) -> Error {
        Error::new(
            Exit::Timeout,
            format!(
                "{} did not answer within --timeout ({})",
                self.target.endpoint.endpoint_str(),
                human(self.settings.timeout)
            ),
        )
        .with_hint("raise --timeout, or check that the service is healthy")
    }

    async fn attempt(&self, reply: Reply, req: &Request) -> Result<Answer, Attempt> {
        let token = self.bearer(&req.url).await.map_err(Attempt::Fatal)?;
        let mut builder = self
            .http
            .request(req.method.clone(), req.destination().clone())
            .bearer_auth(&token);
        for (name, value) in &req.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = &req.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, body.content_type())
                .body(body.bytes().clone());
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
            .and_then(|v| parse_retry_after(v, std::time::SystemTime::now()));
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(e))?;
        if self.settings.debug {
            eprint!("{}", describe::describe_response(status, &headers, &body));
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
                Reply::Done(_) => Answer::Done,
            });
        }
        if status == StatusCode::NOT_FOUND && reply == Reply::Exists {
            return Ok(Answer::Exists(false));
        }
        let error = http_error(status, &headers, &body, req);
        let error = self.auth_hint(status, error);
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            Err(Attempt::Retry(error, retry_after))
        } else {
            Err(Attempt::Fatal(error))
        }
    }

    fn transport_error(&self, e: reqwest::Error) -> Attempt {
        let endpoint = self.target.endpoint.endpoint_str();
        if e.is_connect() {
            let cause = root_cause(&e);
            let local = self.target.endpoint.is_local();
            let hint = if cause.contains("dns error") || cause.contains("failed to lookup") {
                "check the host name of the endpoint (is it spelled right, is this machine online?)"
            } else if cause.contains("InvalidContentType") {
                "the server did not answer TLS: if it speaks plain HTTP, use http:// in the endpoint"
            } else if local {
                "is the emulator running? Start it with: webpubsub emulator start"
            } else {
                "is the service running and reachable from here? Check the endpoint and your network"
            };
            return Attempt::Retry(
                Error::new(
                    Exit::Unreachable,
                    format!("cannot connect to {endpoint}: {cause}"),
                )
                .with_hint(hint),
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

    /// The hint of a 401/403, by how the request was signed.
    fn auth_hint(&self, status: StatusCode, error: Error) -> Error {
        let entra = matches!(self.target.auth, Auth::Entra(_));
        match (status.as_u16(), entra) {
            (403, true) => error.with_hint(
                "ask for the Web PubSub Service Owner role on the resource (az role assignment create --role \"Web PubSub Service Owner\" --assignee <you> --scope <resource id>)",
            ),
            (401, true) => error.with_hint(
                "the service refused the Entra ID token: sign in again (az login), and check that the endpoint is the resource you mean",
            ),
            (401 | 403, false) if error.message.to_ascii_lowercase().contains("local auth") => error
                .with_hint("local auth is disabled on this resource: sign in with Entra ID instead (az login, then -n NAME -g GROUP or --auth entra)"),
            _ => error,
        }
    }

    /// All pages of a group's members, following `nextLink` as it is, within one --timeout.
    pub async fn list_all(
        &self,
        group: &GroupName,
        max_page_size: Option<u32>,
        top: Option<u32>,
    ) -> Result<Vec<Value>, Error> {
        let deadline = Instant::now() + self.settings.timeout;
        let first = list_op(group, max_page_size, top)?;
        let mut items = Vec::new();
        let mut page = match self
            .send(Reply::Json, &self.request(&first), deadline)
            .await?
        {
            Answer::Json(v) => v,
            _ => return Ok(items),
        };
        loop {
            let parsed: GroupMemberPage = serde_json::from_value(page).map_err(|e| {
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
            page = self.get_json(&next, deadline).await?;
        }
        Ok(items)
    }

    async fn get_json(&self, url: &str, deadline: Instant) -> Result<Value, Error> {
        let url = url::Url::parse(url).map_err(|e| {
            Error::new(
                Exit::ServerError,
                format!("the service sent a bad nextLink: {e}"),
            )
        })?;
        let req = Request {
            method: Method::GET,
            via: self.target.via(&url),
            entra: matches!(self.target.auth, Auth::Entra(_)),
            url,
            headers: Vec::new(),
            body: None,
        };
        match self.send(Reply::Json, &req, deadline).await? {
            Answer::Json(v) => Ok(v),
            _ => Ok(Value::Null),
        }
    }
}

/// The first page of `group list-connections`.
pub fn list_op(
    group: &GroupName,
    max_page_size: Option<u32>,
    top: Option<u32>,
) -> Result<Op, Error> {
    let args = Args {
        group: Some(group.clone()),
        max_page_size,
        top,
        ..Args::default()
    };
    Op::new(OpKind::ListConnectionsInGroup, args).map_err(|e| Error::usage(e.message))
}

/// `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3); a date in the past means now.
fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A duration as people write it: `2s`, `1.5s`, `250ms`.
fn human(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{}ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{:.1}s", d.as_secs_f64())
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
        code.map(|c| format!(" {}", crate::output::sanitize_line(&c)))
            .unwrap_or_default(),
        if detail.is_empty() {
            String::new()
        } else {
            format!(": {}", crate::output::sanitize_line(&detail))
        }
    );
    let exit = crate::error::exit_for_status(status.as_u16());
    let hint = match status.as_u16() {
        401 | 403 => Some(
            "check the access key in the connection string (and that the endpoint is the right service)",
        ),
        415 => Some("pick another --content-type"),
        _ => None,
    };
    let error = Error::new(exit, what);
    match hint {
        Some(h) => error.with_hint(h),
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(5));
        assert_eq!(parse_retry_after(&later, now), Some(Duration::from_secs(5)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(5));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human(Duration::from_millis(250)), "250ms");
        assert_eq!(human(Duration::from_secs(2)), "2s");
        assert_eq!(human(Duration::from_millis(1500)), "1.5s");
    }
}
