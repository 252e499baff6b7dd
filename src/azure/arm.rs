//! A small Azure Resource Manager client for one resource type, Microsoft.SignalRService/webPubSub
//! (api-version 2024-03-01): the resource, its keys and its hubs. Requests carry an Entra token
//! for the ARM endpoint's scope; 429, 5xx and connection failures are retried within --timeout.
//! `--debug` shows requests and answers with the token, keys and connection strings redacted.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::Value;
use url::Url;

use super::credential::{one_line, TokenProvider};
use super::resource::ResourceId;
use crate::error::{Error, Exit};

/// The Microsoft.SignalRService api-version this client speaks.
pub const API_VERSION: &str = "2024-03-01";

/// The public cloud's ARM endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://management.azure.com";

/// What a call needs the caller to be allowed, for the hint of a 403.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Read,
    Keys,
    Write,
}

/// How ARM calls are made.
#[derive(Debug, Clone)]
pub struct ArmSettings {
    pub endpoint: Url,
    pub timeout: Duration,
    pub retries: usize,
    pub debug: bool,
}

/// An ARM client signed in through a [`TokenProvider`].
pub struct Arm {
    http: reqwest::Client,
    settings: ArmSettings,
    provider: Arc<TokenProvider>,
}

/// The two keys and their connection strings (`listKeys`, `regenerateKey`).
pub type Keys = Value;

impl Arm {
    pub fn new(settings: ArmSettings, provider: Arc<TokenProvider>) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("webpubsub-cli/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                Error::new(Exit::Internal, format!("cannot build the HTTP client: {e}"))
            })?;
        Ok(Arm {
            http,
            settings,
            provider,
        })
    }

    /// `https://management.azure.com`, without a trailing `/`.
    pub fn endpoint_str(&self) -> String {
        let s = self.settings.endpoint.as_str();
        s.strip_suffix('/').unwrap_or(s).to_string()
    }

    /// The Entra scope of this ARM endpoint: `{endpoint}/.default`.
    pub fn scope(&self) -> String {
        format!("{}/.default", self.endpoint_str())
    }

    /// Is the ARM endpoint plain http (the local emulator)? Then so is the data plane.
    pub fn is_plain_http(&self) -> bool {
        self.settings.endpoint.scheme() == "http"
    }

    /// `GET` the resource.
    pub async fn resource(&self, id: &ResourceId) -> Result<Value, Error> {
        self.call(Method::GET, id, "", None, Need::Read).await
    }

    /// `POST …/listKeys`.
    pub async fn list_keys(&self, id: &ResourceId) -> Result<Keys, Error> {
        self.call(Method::POST, id, "/listKeys", None, Need::Keys)
            .await
    }

    /// `POST …/regenerateKey` with `{"keyType": "Primary" | "Secondary" | "Salt"}`.
    pub async fn regenerate_key(&self, id: &ResourceId, key_type: &str) -> Result<Keys, Error> {
        let body = serde_json::json!({ "keyType": key_type });
        self.call(Method::POST, id, "/regenerateKey", Some(&body), Need::Write)
            .await
    }

    /// `GET …/hubs`, following `nextLink`.
    pub async fn list_hubs(&self, id: &ResourceId) -> Result<Vec<Value>, Error> {
        let page = self
            .call(Method::GET, id, "/hubs", None, Need::Read)
            .await?;
        let mut hubs = Vec::new();
        let mut page = page;
        for _ in 0..1000 {
            if let Some(Value::Array(items)) = page.get("value") {
                hubs.extend(items.iter().cloned());
            }
            let Some(next) = page.get("nextLink").and_then(Value::as_str) else {
                break;
            };
            let next = Url::parse(next).map_err(|e| {
                Error::new(Exit::ServerError, format!("ARM sent a bad nextLink: {e}"))
            })?;
            page = self
                .send(Method::GET, next, None, Need::Read, id, None)
                .await?;
        }
        Ok(hubs)
    }

    /// `GET …/hubs/{hub}`.
    pub async fn hub(&self, id: &ResourceId, hub: &str) -> Result<Value, Error> {
        let url = self.url(id, &format!("/hubs/{}", enc(hub)));
        self.send(Method::GET, url, None, Need::Read, id, Some(hub))
            .await
    }

    /// `PUT …/hubs/{hub}` with `{"properties": …}`.
    pub async fn put_hub(
        &self,
        id: &ResourceId,
        hub: &str,
        properties: &Value,
    ) -> Result<Value, Error> {
        let url = self.url(id, &format!("/hubs/{}", enc(hub)));
        let body = serde_json::json!({ "properties": properties });
        self.send(Method::PUT, url, Some(&body), Need::Write, id, Some(hub))
            .await
    }

    /// `DELETE …/hubs/{hub}` (a hub that does not exist is not an error, as in az).
    pub async fn delete_hub(&self, id: &ResourceId, hub: &str) -> Result<(), Error> {
        let url = self.url(id, &format!("/hubs/{}", enc(hub)));
        match self
            .send(Method::DELETE, url, None, Need::Write, id, Some(hub))
            .await
        {
            Ok(_) => Ok(()),
            Err(e) if e.exit == Exit::Rejected && e.message.contains(" 404") => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn url(&self, id: &ResourceId, suffix: &str) -> Url {
        let mut url = self.settings.endpoint.clone();
        let base = url.path().trim_end_matches('/').to_string();
        let path = id
            .path()
            .split('/')
            .map(|s| if s.is_empty() { String::new() } else { enc(s) })
            .collect::<Vec<_>>()
            .join("/");
        url.set_path(&format!("{base}{path}{suffix}"));
        url.set_query(Some(&format!("api-version={API_VERSION}")));
        url
    }

    async fn call(
        &self,
        method: Method,
        id: &ResourceId,
        suffix: &str,
        body: Option<&Value>,
        need: Need,
    ) -> Result<Value, Error> {
        let url = self.url(id, suffix);
        self.send(method, url, body, need, id, None).await
    }

    /// Sends one request until it succeeds, fails for good, or runs out of tries or time.
    async fn send(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
        need: Need,
        id: &ResourceId,
        hub: Option<&str>,
    ) -> Result<Value, Error> {
        let deadline = Instant::now() + self.settings.timeout;
        let mut attempt = 0usize;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let outcome = tokio::time::timeout(left, self.once(&method, &url, body)).await;
            let (retry, error, after) = match outcome {
                Err(_) => {
                    return Err(Error::new(
                        Exit::Timeout,
                        format!(
                            "{} did not answer within --timeout ({} s)",
                            self.endpoint_str(),
                            self.settings.timeout.as_secs()
                        ),
                    )
                    .with_hint("raise --timeout, or check --arm-endpoint"))
                }
                Ok(Ok((status, value, after))) => {
                    if (200..300).contains(&status) {
                        return Ok(value);
                    }
                    let retry = status == 429 || status >= 500;
                    (retry, self.error(status, &value, need, id, hub), after)
                }
                Ok(Err(e)) => (true, e, None),
            };
            attempt += 1;
            if !retry || attempt > self.settings.retries {
                return Err(error);
            }
            let backoff = Duration::from_millis(200 * (1 << attempt.min(6)));
            let delay = after.unwrap_or(backoff).min(Duration::from_secs(60));
            if Instant::now() + delay >= deadline {
                return Err(error);
            }
            if self.settings.debug {
                eprintln!("* {}; retrying in {} ms", error.message, delay.as_millis());
            }
            tokio::time::sleep(delay).await;
        }
    }

    async fn once(
        &self,
        method: &Method,
        url: &Url,
        body: Option<&Value>,
    ) -> Result<(u16, Value, Option<Duration>), Error> {
        let token = self.provider.token(&self.scope()).await?;
        let mut req = self
            .http
            .request(method.clone(), url.clone())
            .bearer_auth(token.secret());
        if self.settings.debug {
            eprintln!("> {method} {url}");
            eprintln!("> Authorization: Bearer <Entra token redacted>");
        }
        if let Some(body) = body {
            let text = body.to_string();
            if self.settings.debug {
                eprintln!("> Content-Type: application/json\n>\n> {}", redact(body));
            }
            req = req
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(text);
        }
        if self.settings.debug {
            eprintln!();
        }
        let response = req.send().await.map_err(|e| self.transport_error(&e))?;
        let status = response.status().as_u16();
        let after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let bytes = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(&e))?;
        let value: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                Value::String(String::from_utf8_lossy(&bytes).chars().take(300).collect())
            })
        };
        if self.settings.debug {
            eprintln!("< {status}");
            if !value.is_null() {
                eprintln!("<\n{}", crate::output::sanitize(&redact(&value)));
            }
            eprintln!();
        }
        Ok((status, value, after))
    }

    fn transport_error(&self, e: &reqwest::Error) -> Error {
        let mut cause: &dyn std::error::Error = e;
        while let Some(next) = cause.source() {
            cause = next;
        }
        Error::new(
            Exit::Unreachable,
            format!("cannot reach {}: {cause}", self.endpoint_str()),
        )
        .with_hint(
            "check your network, and --arm-endpoint (or WEBPUBSUB_ARM_ENDPOINT) for another cloud",
        )
    }

    /// A failed answer as one line and one hint.
    fn error(
        &self,
        status: u16,
        body: &Value,
        need: Need,
        id: &ResourceId,
        hub: Option<&str>,
    ) -> Error {
        let code = body
            .pointer("/error/code")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let detail = body
            .pointer("/error/message")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| body.as_str().map(str::to_string))
            .unwrap_or_default();
        let said = one_line(&format!(
            "{status}{}{}",
            if code.is_empty() {
                String::new()
            } else {
                format!(" {code}")
            },
            if detail.is_empty() {
                String::new()
            } else {
                format!(": {detail}")
            }
        ));
        match status {
            401 => Error::new(
                Exit::Auth,
                format!("Azure Resource Manager refused the sign-in token: {said}"),
            )
            .with_hint("sign in again (az login); for another cloud, point --arm-endpoint at its Resource Manager"),
            403 => {
                let (doing, role) = match need {
                    Need::Read => ("read", "Reader (or Contributor)"),
                    Need::Keys => ("list the keys of", "Contributor"),
                    Need::Write => ("change", "Contributor"),
                };
                Error::new(
                    Exit::Auth,
                    format!("you may not {doing} {id}: {said}"),
                )
                .with_hint(format!(
                    "ask for the {role} role on the resource: az role assignment create --role {:?} --assignee <you> --scope {}",
                    role.split(' ').next().unwrap_or(role),
                    id.path()
                ))
            }
            404 if hub.is_some() && !code.eq_ignore_ascii_case("ResourceNotFound") => {
                let hub = hub.unwrap_or_default();
                Error::new(
                    Exit::Rejected,
                    format!("hub {hub:?} not found on {id}: {said}"),
                )
                .with_hint(format!(
                    "`webpubsub hub list -n {} -g {}` lists the hubs that have settings",
                    id.name, id.resource_group
                ))
            }
            404 => Error::new(Exit::Rejected, format!("{id} not found: {said}")).with_hint(
                "check -n, -g and --subscription (az webpubsub list -o table lists the ones you can see)",
            ),
            500..=599 => Error::new(
                crate::error::exit_for_status(status),
                format!("Azure Resource Manager answered {said}"),
            )
            .with_hint("Azure Resource Manager is failing: try again later (--debug shows the exchange)"),
            _ => Error::new(
                crate::error::exit_for_status(status),
                format!("Azure Resource Manager answered {said}"),
            )
            .with_hint("--debug shows the request and the whole answer"),
        }
    }
}

/// One path segment, percent-encoded.
fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        .replace("%2D", "-")
        .replace("%2E", ".")
        .replace("%5F", "_")
}

/// A JSON value as `--debug` shows it: keys, connection strings and JWTs redacted.
fn redact(value: &Value) -> String {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    let k = k.to_ascii_lowercase();
                    if (k.ends_with("key") || k.ends_with("connectionstring")) && v.is_string() {
                        *v = Value::String("<redacted>".into());
                    } else {
                        walk(v);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v = value.clone();
    walk(&mut v);
    crate::output::redact_jwts(&serde_json::to_string_pretty(&v).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn debug_output_hides_keys_and_connection_strings() {
        let keys = json!({"primaryKey": "k1", "secondaryKey": "k2",
            "primaryConnectionString": "Endpoint=x;AccessKey=k1;", "keyType": "Primary"});
        let text = redact(&keys);
        assert!(!text.contains("k1") && !text.contains("k2"), "{text}");
        assert!(text.contains("<redacted>"));
    }

    #[test]
    fn segments_are_encoded() {
        assert_eq!(enc("my-hub_1.x"), "my-hub_1.x");
        assert_eq!(enc("a b/c"), "a%20b%2Fc");
    }
}
