//! The CloudEvents HTTP binding of upstream events (§5.2): the `ce-*` headers and bodies the
//! emulator sends, and how it reads the handler's answers.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use bytes::Bytes;
use reqwest::Url;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::{describe, shown};
use super::{HandlerConfig, Upstream, UpstreamError, MAX_ERROR_TEXT};
use crate::token;
use crate::wire::{self, DataType, Metadata};

/// `ce-*` header names (lower case: HTTP/1 sends them as given, and every SDK reads them
/// case-insensitively).
pub(super) mod h {
    pub const ORIGIN: &str = "webhook-request-origin";
    pub const ALLOWED_ORIGIN: &str = "webhook-allowed-origin";
    pub const SPECVERSION: &str = "ce-specversion";
    pub const AWPSVERSION: &str = "ce-awpsversion";
    pub const TYPE: &str = "ce-type";
    pub const SOURCE: &str = "ce-source";
    pub const ID: &str = "ce-id";
    pub const TIME: &str = "ce-time";
    pub const SIGNATURE: &str = "ce-signature";
    pub const USER_ID: &str = "ce-userid";
    pub const CONNECTION_ID: &str = "ce-connectionid";
    pub const HUB: &str = "ce-hub";
    pub const EVENT_NAME: &str = "ce-eventname";
    pub const SUBPROTOCOL: &str = "ce-subprotocol";
    pub const CONNECTION_STATE: &str = "ce-connectionstate";
    pub const PHYSICAL_CONNECTION_ID: &str = "ce-physicalconnectionid";
    pub const SESSION_ID: &str = "ce-sessionid";
}

pub(super) const SYSTEM_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// Per-connection facts the events carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventContext {
    /// The hub as the client named it.
    pub hub: String,
    pub connection_id: String,
    /// The connection's user (for `connect`: the token's `sub`).
    pub user_id: Option<String>,
    /// The negotiated subprotocol (not sent with `connect`, whose body lists the offered ones).
    pub subprotocol: Option<String>,
    /// The `Host` the client used (e.g. `localhost:8080`), sent as `WebHook-Request-Origin`.
    pub origin: String,
    /// MQTT connections: the ids of the physical connection and of the session.
    pub mqtt: Option<MqttIds>,
}

/// An MQTT connection's `ce-physicalConnectionId` and `ce-sessionId` (none in `connect`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MqttIds {
    pub physical_connection_id: String,
    pub session_id: Option<String>,
}

/// The body of a `connect` event (§5.3). All maps are name → values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectEventRequest {
    pub claims: BTreeMap<String, Vec<String>>,
    pub query: BTreeMap<String, Vec<String>>,
    pub headers: BTreeMap<String, Vec<String>>,
    pub subprotocols: Vec<String>,
    pub client_certificates: Vec<ClientCertificate>,
    /// MQTT connections: `{protocolVersion, cleanStart, username, password, userProperties}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mqtt: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientCertificate {
    pub thumbprint: String,
    pub content: String,
}

impl ConnectEventRequest {
    /// Builds the body from what the handshake has: the verified token's claims, the raw query
    /// string, the request headers and the offered subprotocols (in the client's order).
    pub fn from_handshake(
        claims: &serde_json::Map<String, Value>,
        raw_query: Option<&str>,
        headers: &HeaderMap,
        subprotocols: Vec<String>,
    ) -> Self {
        let claims = claims
            .iter()
            .map(|(name, value)| (name.clone(), claim_values(value)))
            .collect();
        let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in url::form_urlencoded::parse(raw_query.unwrap_or("").as_bytes()) {
            query
                .entry(k.into_owned())
                .or_default()
                .push(v.into_owned());
        }
        let mut header_map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, value) in headers {
            header_map
                .entry(name.as_str().to_string())
                .or_default()
                .push(String::from_utf8_lossy(value.as_bytes()).into_owned());
        }
        ConnectEventRequest {
            claims,
            query,
            headers: header_map,
            subprotocols,
            client_certificates: Vec::new(),
            mqtt: None,
        }
    }
}

/// A claim as the list of strings the service sends: arrays element-wise, numbers and booleans
/// as their JSON text.
fn claim_values(value: &Value) -> Vec<String> {
    let one = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match value {
        Value::Null => Vec::new(),
        Value::Array(items) => items.iter().map(one).collect(),
        other => vec![one(other)],
    }
}

/// What an accepting `connect` handler said. Empty fields mean "as the token says".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectEventResponse {
    /// Replaces the token's `sub` when set.
    pub user_id: Option<String>,
    /// Groups to join, in addition to the token's.
    pub groups: Vec<String>,
    /// Roles to grant, in addition to the token's.
    pub roles: Vec<String>,
    /// The subprotocol to select in the handshake: one the client offered, in its spelling.
    pub subprotocol: Option<String>,
    /// MQTT: `mqtt.userProperties`, for the CONNACK of a 5.0 client.
    pub mqtt_user_properties: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawConnectResponse {
    #[serde(default)]
    pub(super) user_id: Option<String>,
    #[serde(default)]
    pub(super) groups: Option<Vec<String>>,
    #[serde(default)]
    pub(super) roles: Option<Vec<String>>,
    #[serde(default)]
    pub(super) subprotocol: Option<String>,
    #[serde(default)]
    pub(super) mqtt: Option<RawMqttPart>,
}

/// The `mqtt` part of a `connect` answer.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RawMqttPart {
    #[serde(default)]
    pub(super) user_properties: Option<Vec<UserProperty>>,
}

#[derive(Deserialize)]
pub(super) struct UserProperty {
    pub(super) name: String,
    pub(super) value: String,
}

/// An answer from the handler, body read (up to a limit).
pub(super) struct Reply {
    pub(super) url: String,
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
    pub(super) too_large: bool,
}

impl Reply {
    pub(super) fn text(&self) -> String {
        let end = self.body.len().min(MAX_ERROR_TEXT);
        String::from_utf8_lossy(&self.body[..end])
            .trim()
            .to_string()
    }

    /// `ce-connectionState`: `None` when absent (keep), `Some(None)` when empty (clear).
    pub(super) fn state(&self) -> Option<Option<String>> {
        let value = self.headers.get(h::CONNECTION_STATE)?;
        let text = String::from_utf8_lossy(value.as_bytes()).trim().to_string();
        Some((!text.is_empty()).then_some(text))
    }
}

/// One event to send.
pub(super) struct Event<'a> {
    pub(super) handler: &'a HandlerConfig,
    pub(super) ctx: &'a EventContext,
    pub(super) ce_type: String,
    pub(super) name: &'a str,
    pub(super) content_type: &'a str,
    pub(super) body: Bytes,
    pub(super) id: u64,
    pub(super) state: Option<String>,
    pub(super) with_subprotocol: bool,
    /// A user event's metadata, sent as `x-webpubsub-metadata-<key>` headers (keys lower-cased).
    pub(super) metadata: Option<&'a Metadata>,
    pub(super) body_limit: usize,
}

impl Upstream {
    pub(super) async fn send_inner(&self, ev: Event<'_>) -> Result<Reply, UpstreamError> {
        let ctx = ev.ctx;
        let url = ev.handler.url(&ctx.hub, ev.name)?;
        self.ensure_validated(ev.handler, &ctx.hub, &ctx.origin)
            .await?;
        let mut headers = HeaderMap::new();
        let mut put = |name: &'static str, value: &str| {
            headers.insert(name, header_value(value));
        };
        put(h::ORIGIN, &ctx.origin);
        put(h::SPECVERSION, "1.0");
        put(h::AWPSVERSION, "1.0");
        put(h::TYPE, &ev.ce_type);
        // MQTT events name the physical connection in their source too.
        let source = match &ctx.mqtt {
            Some(m) => format!(
                "/hubs/{}/client/{}/{}",
                ctx.hub, ctx.connection_id, m.physical_connection_id
            ),
            None => format!("/hubs/{}/client/{}", ctx.hub, ctx.connection_id),
        };
        put(h::SOURCE, &source);
        put(h::ID, &ev.id.to_string());
        put(h::TIME, &rfc3339(SystemTime::now()));
        put(
            h::SIGNATURE,
            &token::upstream_signature(&self.inner.keys.primary(), &ctx.connection_id),
        );
        if let Some(user) = &ctx.user_id {
            put(h::USER_ID, user);
        }
        put(h::CONNECTION_ID, &ctx.connection_id);
        put(h::HUB, &ctx.hub);
        put(h::EVENT_NAME, ev.name);
        if ev.with_subprotocol {
            if let Some(p) = ctx.subprotocol.as_deref().filter(|p| !p.is_empty()) {
                put(h::SUBPROTOCOL, p);
            }
        }
        if let Some(state) = &ev.state {
            put(h::CONNECTION_STATE, state);
        }
        if let Some(m) = &ctx.mqtt {
            put(h::PHYSICAL_CONNECTION_ID, &m.physical_connection_id);
            if let Some(session) = &m.session_id {
                put(h::SESSION_ID, session);
            }
        }
        put("content-type", ev.content_type);
        for (key, value) in ev.metadata.iter().flat_map(|m| m.iter()) {
            let name = format!(
                "{}{}",
                wire::metadata::HEADER_PREFIX,
                key.to_ascii_lowercase()
            );
            // Checked metadata keys are header tokens, so the name is always valid.
            if let Ok(name) = axum::http::HeaderName::try_from(name) {
                headers.insert(name, header_value(value));
            }
        }
        let request = self
            .inner
            .http
            .post(url.clone())
            .headers(headers)
            .body(ev.body)
            .timeout(self.timeout);
        self.call(request, &url, ev.body_limit).await
    }

    /// Sends a request and reads the answer, up to `limit` bytes of body.
    pub(super) async fn call(
        &self,
        request: reqwest::RequestBuilder,
        url: &Url,
        limit: usize,
    ) -> Result<Reply, UpstreamError> {
        let unreachable = |e: reqwest::Error| UpstreamError::Unreachable {
            url: shown(url),
            reason: describe(e, self.timeout),
        };
        let mut response = request.send().await.map_err(unreachable)?;
        let status = response.status();
        let headers = response.headers().clone();
        let mut body = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = response.chunk().await.map_err(unreachable)? {
            let room = limit.saturating_sub(body.len());
            if chunk.len() > room {
                body.extend_from_slice(&chunk[..room]);
                too_large = true;
                break;
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Reply {
            url: shown(url),
            status,
            headers,
            body: Bytes::from(body),
            too_large,
        })
    }
}

/// The data type of a user-event response body.
pub(super) fn response_data_type(content_type: &str) -> DataType {
    let media = content_type.split(';').next().unwrap_or("").trim();
    if media.eq_ignore_ascii_case("application/x-protobuf") {
        return DataType::Protobuf;
    }
    // The default of an untyped body is octet-stream (RFC 9110 §8.3).
    DataType::from_content_type(content_type).unwrap_or(DataType::Binary)
}

/// Keeps the promise of the type: Text is UTF-8 and Json is valid JSON; a body that breaks it
/// is passed on as what it is (Text, else Binary) rather than failing the client.
pub(super) fn checked_data_type(declared: DataType, body: &[u8]) -> DataType {
    let utf8 = std::str::from_utf8(body).is_ok();
    match declared {
        DataType::Json if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() => declared,
        DataType::Json | DataType::Text if utf8 => DataType::Text,
        DataType::Json | DataType::Text => DataType::Binary,
        other => other,
    }
}

/// A header value from any text: control characters (which HTTP cannot carry) are dropped;
/// non-ASCII is sent as its UTF-8 bytes.
pub(super) fn header_value(text: &str) -> HeaderValue {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    HeaderValue::from_bytes(clean.as_bytes()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// RFC 3339 UTC with whole seconds, e.g. `2021-01-01T00:00:00Z`.
pub(super) fn rfc3339(t: SystemTime) -> String {
    crate::clock::rfc3339(t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use serde_json::json;

    use super::super::test_support::*;
    use super::super::{lock, ConnectEventResponse};
    use super::*;

    #[test]
    fn formats_rfc3339() {
        let at = |secs| rfc3339(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_629_183_374), "2021-08-17T06:56:14Z");
        assert_eq!(at(4_102_444_799), "2099-12-31T23:59:59Z");
        assert_eq!(at(4_102_444_800), "2100-01-01T00:00:00Z");
        assert!(is_rfc3339_utc(&rfc3339(SystemTime::now())));
    }

    #[tokio::test]
    async fn connect_sends_every_header_and_the_body() {
        let server = Server::start(validating(|_| reply(204, &[], ""))).await;
        let up = Upstream::new(vec![server.handler("system-event=connect")], KEY.into());
        let claims = json!({"sub": "user1", "aud": "http://localhost:8080/client/hubs/chat", "exp": 4102444800u64,
                            "role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"], "nothing": null});
        let mut headers = HeaderMap::new();
        headers.insert("host", HeaderValue::from_static("localhost:8080"));
        headers.append("x-multi", HeaderValue::from_static("a"));
        headers.append("x-multi", HeaderValue::from_static("b"));
        let request = ConnectEventRequest::from_handshake(
            claims.as_object().unwrap(),
            Some("access_token=abc&x=1&x=2&e=a%20b"),
            &headers,
            vec!["json.webpubsub.azure.v1".into(), "protocol1".into()],
        );

        let accepted = up.connect(&ctx(), request).await.unwrap();
        assert_eq!(accepted, Some(ConnectEventResponse::default()));

        let requests = server.requests();
        assert_eq!(requests.len(), 2, "{requests:#?}");
        let validation = &requests[0];
        assert_eq!(validation.method, "OPTIONS");
        assert_eq!(validation.path, "/eventhandler/validate");
        assert_eq!(
            validation.header("webhook-request-origin"),
            Some("localhost:8080")
        );
        assert_eq!(validation.header("ce-awpsversion"), Some("1.0"));

        let event = &requests[1];
        assert_eq!(event.method, "POST");
        assert_eq!(event.path, "/eventhandler/connect");
        let expect = [
            ("webhook-request-origin", "localhost:8080"),
            ("ce-specversion", "1.0"),
            ("ce-awpsversion", "1.0"),
            ("ce-type", "azure.webpubsub.sys.connect"),
            ("ce-source", "/hubs/chat/client/conn1"),
            ("ce-id", "1"),
            ("ce-signature", CONN1_SIGNATURE),
            ("ce-userid", "user1"),
            ("ce-connectionid", "conn1"),
            ("ce-hub", "chat"),
            ("ce-eventname", "connect"),
            ("content-type", "application/json; charset=utf-8"),
        ];
        for (name, value) in expect {
            assert_eq!(event.header(name), Some(value), "header {name}");
        }
        assert!(token::verify_upstream_signature(
            event.header("ce-signature").unwrap(),
            KEY,
            "conn1"
        ));
        assert!(is_rfc3339_utc(event.header("ce-time").unwrap()));
        // The offered subprotocols are in the body; nothing is negotiated yet.
        assert_eq!(event.header("ce-subprotocol"), None);
        assert_eq!(event.header("ce-connectionstate"), None);
        let body: Value = serde_json::from_slice(&event.body).unwrap();
        assert_eq!(
            body,
            json!({
                "claims": {
                    "aud": ["http://localhost:8080/client/hubs/chat"],
                    "exp": ["4102444800"],
                    "nothing": [],
                    "role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"],
                    "sub": ["user1"],
                },
                "query": {"access_token": ["abc"], "x": ["1", "2"], "e": ["a b"]},
                "headers": {"host": ["localhost:8080"], "x-multi": ["a", "b"]},
                "subprotocols": ["json.webpubsub.azure.v1", "protocol1"],
                "clientCertificates": [],
            })
        );
    }

    #[tokio::test]
    async fn connected_and_disconnected_are_sent_in_the_background() {
        let server = Server::start(validating(|_| reply(500, &[], "ignored"))).await;
        let up = Upstream::new(
            vec![server.handler("system-event=connected,disconnected")],
            KEY.into(),
        );
        assert_eq!(up.connect(&ctx(), offering(&[])).await, Ok(None));
        up.connected(&ctx());
        let posts = server.wait_for_posts(1).await;
        assert_eq!(posts.len(), 1);
        up.disconnected(&ctx(), "Client closed: bye \"now\"");
        let posts = server.wait_for_posts(2).await;
        assert_eq!(posts.len(), 2);

        for (event, id, body) in [
            (&posts[0], "1", json!({})),
            (
                &posts[1],
                "2",
                json!({"reason": "Client closed: bye \"now\""}),
            ),
        ] {
            let name = if id == "1" {
                "connected"
            } else {
                "disconnected"
            };
            assert_eq!(event.path, format!("/eventhandler/{name}"));
            assert_eq!(
                event.header("ce-type"),
                Some(format!("azure.webpubsub.sys.{name}").as_str())
            );
            assert_eq!(event.header("ce-eventname"), Some(name));
            assert_eq!(event.header("ce-id"), Some(id));
            assert_eq!(event.header("ce-specversion"), Some("1.0"));
            assert_eq!(event.header("ce-awpsversion"), Some("1.0"));
            assert_eq!(event.header("ce-source"), Some("/hubs/chat/client/conn1"));
            assert_eq!(event.header("ce-signature"), Some(CONN1_SIGNATURE));
            assert_eq!(event.header("ce-userid"), Some("user1"));
            assert_eq!(event.header("ce-connectionid"), Some("conn1"));
            assert_eq!(event.header("ce-hub"), Some("chat"));
            assert_eq!(
                event.header("ce-subprotocol"),
                Some("json.webpubsub.azure.v1")
            );
            assert_eq!(
                event.header("webhook-request-origin"),
                Some("localhost:8080")
            );
            assert_eq!(
                event.header("content-type"),
                Some("application/json; charset=utf-8")
            );
            assert!(is_rfc3339_utc(event.header("ce-time").unwrap()));
            let sent: Value = serde_json::from_slice(&event.body).unwrap();
            assert_eq!(sent, body);
        }
        // `disconnected` forgot the connection.
        assert!(lock(&up.inner.conns).is_empty());
    }

    /// (event, request data type, payload, expected answer)
    type Case = (
        &'static str,
        DataType,
        &'static [u8],
        Option<(DataType, &'static [u8])>,
    );

    #[tokio::test]
    async fn user_event_responses_are_typed_by_content_type() {
        let server = Server::start(validating(|r| match r.event() {
            "text" => reply(
                200,
                &[("content-type", "text/plain; charset=utf-8")],
                "echo:hello",
            ),
            "json" => reply(
                200,
                &[("content-type", "application/json; charset=utf-8")],
                r#"{"a":1}"#,
            ),
            "binary" => reply(
                200,
                &[("content-type", "application/octet-stream")],
                vec![1u8, 2, 3],
            ),
            "proto" => reply(
                200,
                &[("content-type", "application/x-protobuf")],
                vec![8u8, 1],
            ),
            "untyped" => reply(200, &[], "x"),
            "empty" => reply(200, &[("content-type", "text/plain")], ""),
            "badjson" => reply(200, &[("content-type", "application/json")], "not json"),
            "badtext" => reply(200, &[("content-type", "text/plain")], vec![0xffu8]),
            _ => reply(204, &[], ""),
        }))
        .await;
        let up = Upstream::new(vec![server.handler("user-event-pattern=*")], KEY.into());
        let anonymous = EventContext {
            user_id: None,
            ..ctx()
        };
        let cases: [Case; 9] = [
            (
                "text",
                DataType::Text,
                b"hello",
                Some((DataType::Text, b"echo:hello")),
            ),
            (
                "json",
                DataType::Json,
                br#"{"k":"v"}"#,
                Some((DataType::Json, br#"{"a":1}"#)),
            ),
            (
                "binary",
                DataType::Binary,
                &[0, 255],
                Some((DataType::Binary, &[1, 2, 3])),
            ),
            (
                "proto",
                DataType::Binary,
                &[1],
                Some((DataType::Protobuf, &[8, 1])),
            ),
            (
                "untyped",
                DataType::Text,
                b"t",
                Some((DataType::Binary, b"x")),
            ),
            ("empty", DataType::Text, b"t", None),
            (
                "badjson",
                DataType::Text,
                b"t",
                Some((DataType::Text, b"not json")),
            ),
            (
                "badtext",
                DataType::Text,
                b"t",
                Some((DataType::Binary, &[0xff])),
            ),
            ("nothing", DataType::Text, b"t", None),
        ];
        for (event, data_type, payload, expected) in cases {
            let answer = up
                .user_event(
                    &anonymous,
                    event,
                    data_type,
                    Bytes::copy_from_slice(payload),
                )
                .await
                .unwrap();
            let expected = expected.map(|(t, b)| (t, Bytes::copy_from_slice(b)));
            assert_eq!(answer, expected, "{event}");
        }
        let posts = server.posts();
        assert_eq!(posts.len(), 9);
        for (post, (event, data_type, payload, _)) in posts.iter().zip(cases) {
            assert_eq!(post.path, format!("/eventhandler/{event}"));
            assert_eq!(
                post.header("ce-type"),
                Some(format!("azure.webpubsub.user.{event}").as_str())
            );
            assert_eq!(post.header("ce-eventname"), Some(event));
            assert_eq!(post.header("content-type"), Some(data_type.content_type()));
            assert_eq!(&post.body[..], payload);
            assert_eq!(post.header("ce-userid"), None, "anonymous: no ce-userId");
            assert_eq!(
                post.header("ce-subprotocol"),
                Some("json.webpubsub.azure.v1")
            );
            assert_eq!(post.header("ce-source"), Some("/hubs/chat/client/conn1"));
            assert_eq!(post.header("ce-signature"), Some(CONN1_SIGNATURE));
            assert_eq!(post.header("ce-specversion"), Some("1.0"));
            assert_eq!(post.header("ce-awpsversion"), Some("1.0"));
            assert_eq!(post.header("ce-hub"), Some("chat"));
            assert_eq!(post.header("ce-connectionid"), Some("conn1"));
            assert_eq!(
                post.header("webhook-request-origin"),
                Some("localhost:8080")
            );
            assert!(is_rfc3339_utc(post.header("ce-time").unwrap()));
        }
    }

    #[tokio::test]
    async fn simple_client_message_event() {
        let server = Server::start(validating(|_| {
            reply(200, &[("content-type", "text/plain")], "pong")
        }))
        .await;
        let up = Upstream::new(
            vec![server.handler("user-event-pattern=message")],
            KEY.into(),
        );
        let raw = EventContext {
            subprotocol: None,
            ..ctx()
        };
        let answer = up
            .user_event(
                &raw,
                "message",
                DataType::Binary,
                Bytes::from_static(&[0, 1]),
            )
            .await
            .unwrap();
        assert_eq!(answer, Some((DataType::Text, Bytes::from_static(b"pong"))));
        let post = &server.posts()[0];
        assert_eq!(post.header("ce-type"), Some("azure.webpubsub.user.message"));
        assert_eq!(
            post.header("content-type"),
            Some("application/octet-stream")
        );
        assert_eq!(post.header("ce-subprotocol"), None);
    }

    #[test]
    fn header_values_never_fail() {
        assert_eq!(header_value("a\r\nb\0c").as_bytes(), b"abc");
        assert_eq!(header_value("José").as_bytes(), "José".as_bytes());
    }
}
