//! Abuse protection (§5.1): a handler URL gets events only after it answered an `OPTIONS`
//! (or `GET`) validation request that allows the origin.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use reqwest::Url;

use super::cloudevents::{h, header_value};
use super::error::{human, shown};
use super::{lock, HandlerConfig, Upstream, UpstreamError, MAX_ERROR_TEXT};

/// How long a passed validation holds before the URL is validated again (like Microsoft's
/// emulator, which re-validates every minute).
pub const VALIDATION_TTL: Duration = Duration::from_secs(60);
/// After a failed validation, events to that URL fail at once until this backoff passes; it
/// doubles on each failure up to [`VALIDATION_BACKOFF_MAX`].
pub const VALIDATION_BACKOFF_MIN: Duration = Duration::from_secs(1);
pub const VALIDATION_BACKOFF_MAX: Duration = Duration::from_secs(60);

pub(super) enum Validation {
    Passed {
        until: Instant,
    },
    Failed {
        retry_at: Instant,
        backoff: Duration,
        reason: String,
    },
}

impl Upstream {
    /// Abuse protection (§5.1): a URL gets events only after it passed validation for this
    /// origin in the last [`VALIDATION_TTL`]; a failure is remembered for a growing backoff.
    pub(super) async fn ensure_validated(
        &self,
        handler: &HandlerConfig,
        hub: &str,
        origin: &str,
    ) -> Result<(), UpstreamError> {
        let url = handler.url(hub, "validate")?;
        let key = (url.as_str().to_string(), origin.to_ascii_lowercase());
        let now = Instant::now();
        let previous_backoff = {
            let cache = lock(&self.inner.validations);
            match cache.get(&key) {
                Some(Validation::Passed { until }) if *until > now => return Ok(()),
                Some(Validation::Failed {
                    retry_at, reason, ..
                }) if *retry_at > now => {
                    return Err(UpstreamError::Validation {
                        url: shown(&url),
                        reason: format!(
                            "{reason} (next try in {})",
                            human(retry_at.saturating_duration_since(now))
                        ),
                    })
                }
                Some(Validation::Failed { backoff, .. }) => Some(*backoff),
                _ => None,
            }
        };
        // Concurrent first events may both validate; that only costs one extra request.
        let outcome = self.validate(&url, origin).await;
        let mut cache = lock(&self.inner.validations);
        match outcome {
            Ok(()) => {
                cache.insert(
                    key,
                    Validation::Passed {
                        until: Instant::now() + VALIDATION_TTL,
                    },
                );
                Ok(())
            }
            Err(reason) => {
                let backoff = previous_backoff.map_or(VALIDATION_BACKOFF_MIN, |b| {
                    (b * 2).min(VALIDATION_BACKOFF_MAX)
                });
                cache.insert(
                    key,
                    Validation::Failed {
                        retry_at: Instant::now() + backoff,
                        backoff,
                        reason: reason.clone(),
                    },
                );
                Err(UpstreamError::Validation {
                    url: shown(&url),
                    reason,
                })
            }
        }
    }

    /// `OPTIONS` with `WebHook-Request-Origin`; on 404 or 405 `GET` (like Microsoft's emulator).
    /// Passes on 2xx with `WebHook-Allowed-Origin` `*` or the origin.
    async fn validate(&self, url: &Url, origin: &str) -> Result<(), String> {
        let request = |method: reqwest::Method| {
            self.inner
                .http
                .request(method, url.clone())
                .header(h::ORIGIN, header_value(origin))
                .header(h::AWPSVERSION, "1.0")
                .timeout(self.timeout)
        };
        let describe_err = |e: UpstreamError| match e {
            UpstreamError::Unreachable { reason, .. } => {
                format!("the validation request failed: {reason}")
            }
            other => other.to_string(),
        };
        let mut reply = self
            .call(request(reqwest::Method::OPTIONS), url, MAX_ERROR_TEXT)
            .await
            .map_err(describe_err)?;
        let mut methods = "OPTIONS".to_string();
        if matches!(
            reply.status,
            StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
        ) {
            let first = reply.status;
            reply = self
                .call(request(reqwest::Method::GET), url, MAX_ERROR_TEXT)
                .await
                .map_err(describe_err)?;
            methods = format!("OPTIONS answered {first}, then GET");
        }
        if !reply.status.is_success() {
            return Err(format!("{methods} answered {}", reply.status));
        }
        let allowed: Vec<String> = reply
            .headers
            .get_all(h::ALLOWED_ORIGIN)
            .iter()
            .flat_map(|v| {
                String::from_utf8_lossy(v.as_bytes())
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .collect::<Vec<_>>()
            })
            .filter(|s| !s.is_empty())
            .collect();
        if allowed.iter().any(|a| origin_allowed(a, origin)) {
            return Ok(());
        }
        Err(if allowed.is_empty() {
            format!(
                "{methods} answered {} without a WebHook-Allowed-Origin header (it must be * or {origin})",
                reply.status
            )
        } else {
            format!(
                "{methods} answered WebHook-Allowed-Origin: {}, which does not allow {origin}",
                allowed.join(", ")
            )
        })
    }
}

/// `*`, the origin itself, or the origin written as a URL (`http://localhost:8080/`).
pub(super) fn origin_allowed(allowed: &str, origin: &str) -> bool {
    if allowed == "*" {
        return true;
    }
    let bare = allowed
        .strip_prefix("http://")
        .or_else(|| allowed.strip_prefix("https://"))
        .unwrap_or(allowed)
        .trim_end_matches('/');
    bare.eq_ignore_ascii_case(origin)
}
#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::EventContext;
    use super::*;
    use crate::wire::DataType;
    use bytes::Bytes;

    #[tokio::test]
    async fn validation_passes_once_per_url_and_origin() {
        let server = Server::start(validating(|_| reply(204, &[], ""))).await;
        let up = Upstream::new(vec![server.handler("user-event-pattern=*")], KEY.into());
        for event in ["a", "b", "c"] {
            let answer = up
                .user_event(&ctx(), event, DataType::Text, Bytes::new())
                .await;
            assert_eq!(answer, Ok(None));
        }
        let other_origin = EventContext {
            origin: "127.0.0.1:8080".into(),
            ..ctx()
        };
        up.user_event(&other_origin, "d", DataType::Text, Bytes::new())
            .await
            .unwrap();
        let methods: Vec<_> = server.requests().iter().map(|r| r.method.clone()).collect();
        assert_eq!(
            methods,
            ["OPTIONS", "POST", "POST", "POST", "OPTIONS", "POST"]
        );
        let origins: Vec<_> = server
            .requests()
            .iter()
            .filter(|r| r.method == "OPTIONS")
            .map(|r| r.header("webhook-request-origin").unwrap().to_string())
            .collect();
        assert_eq!(origins, ["localhost:8080", "127.0.0.1:8080"]);
    }

    #[tokio::test]
    async fn validation_falls_back_to_get_on_404() {
        let server = Server::start(|r| match r.method.as_str() {
            "OPTIONS" => reply(404, &[], ""),
            // Echoing the origin (older JS SDKs) is as good as `*`.
            "GET" => reply(
                200,
                &[(
                    "WebHook-Allowed-Origin",
                    r.header("webhook-request-origin").unwrap_or(""),
                )],
                "",
            ),
            _ => reply(204, &[], ""),
        })
        .await;
        let up = Upstream::new(vec![server.handler("user-event-pattern=*")], KEY.into());
        up.user_event(&ctx(), "a", DataType::Text, Bytes::new())
            .await
            .unwrap();
        let requests = server.requests();
        let methods: Vec<_> = requests.iter().map(|r| r.method.as_str()).collect();
        assert_eq!(methods, ["OPTIONS", "GET", "POST"]);
        assert_eq!(requests[1].path, "/eventhandler/validate");
        assert_eq!(requests[1].header("ce-awpsversion"), Some("1.0"));
    }

    #[tokio::test]
    async fn failed_validation_sends_no_event_and_retries_after_backoff() {
        let server = Server::start(|r| match r.method.as_str() {
            "OPTIONS" => reply(200, &[], ""),
            _ => reply(204, &[], ""),
        })
        .await;
        let up = Upstream::new(
            vec![server.handler("system-event=connect user-event-pattern=*")],
            KEY.into(),
        );
        let rejection = up.connect(&ctx(), offering(&[])).await.unwrap_err();
        assert_eq!(rejection.status, StatusCode::INTERNAL_SERVER_ERROR);
        let url = format!("http://{}/eventhandler/validate", server.addr);
        assert!(rejection.message.contains(&url), "{rejection}");
        assert!(
            rejection
                .message
                .contains("without a WebHook-Allowed-Origin"),
            "{rejection}"
        );
        // Within the backoff the failure is remembered: no new request.
        let err = up
            .user_event(&ctx(), "a", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        assert!(err.to_string().contains("next try in"), "{err}");
        assert_eq!(server.requests().len(), 1);
        tokio::time::sleep(VALIDATION_BACKOFF_MIN + Duration::from_millis(100)).await;
        up.user_event(&ctx(), "a", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        let methods: Vec<_> = server.requests().iter().map(|r| r.method.clone()).collect();
        assert_eq!(methods, ["OPTIONS", "OPTIONS"], "no event may be sent");
    }

    #[tokio::test]
    async fn validation_rejects_another_origin() {
        let server = Server::start(|r| match r.method.as_str() {
            "OPTIONS" => reply(200, &[("WebHook-Allowed-Origin", "example.com")], ""),
            _ => reply(204, &[], ""),
        })
        .await;
        let up = Upstream::new(vec![server.handler("user-event-pattern=*")], KEY.into());
        let err = up
            .user_event(&ctx(), "a", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains(
                "WebHook-Allowed-Origin: example.com, which does not allow localhost:8080"
            ),
            "{err}"
        );
        assert!(server.posts().is_empty());
        assert!(origin_allowed("http://localhost:8080/", "localhost:8080"));
        assert!(origin_allowed("LOCALHOST:8080", "localhost:8080"));
        assert!(!origin_allowed("localhost:8081", "localhost:8080"));
    }
}
