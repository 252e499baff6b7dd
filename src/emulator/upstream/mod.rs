//! Upstream event handlers: the emulator's side of the CloudEvents webhook protocol
//! (`shared/reference/protocols.md` §5).
//!
//! The WebSocket code calls [`Upstream`] at each point of a connection's life: `connect` before
//! the handshake (blocking: it may reject or shape the connection), `connected` after it,
//! `user_event` for every `event` frame (and every frame of a simple client, as `message`), and
//! `disconnected` at the end. Everything else (matching handlers, abuse-protection validation,
//! CloudEvents headers, signatures, event ids, the connection state the handler sets) lives here,
//! so the caller keeps no upstream state of its own.
//!
//! Here: the [`Upstream`] type and its public API. Beside it: `config` (the `--event-handler`
//! items), `validation` (abuse protection), `cloudevents` (requests, headers, replies),
//! `ordering` (one sender per connection: event order, `ce-id` and state) and `error`
//! (failures in words).

mod cloudevents;
mod config;
mod error;
mod ordering;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
mod validation;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::http::StatusCode;
use bytes::Bytes;
use tokio::sync::oneshot;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use super::keys::Keys;
use super::state::lock;
use crate::wire::{self, DataType, Metadata};
use cloudevents::{
    checked_data_type, response_data_type, Event, RawConnectResponse, Reply, SYSTEM_CONTENT_TYPE,
};
use error::log;
use ordering::{ConnEntry, Job, Sequence};
use serde_json::Value;
use validation::Validation;

pub use cloudevents::{ConnectEventRequest, ConnectEventResponse, EventContext, MqttIds};
pub use config::{HandlerConfig, SystemEvent, UserEventPattern};
pub use error::{Rejection, UpstreamError};

/// Forgets a connection when dropped armed: see [`Upstream::connect`].
struct ForgetOnDrop<'a> {
    upstream: &'a Upstream,
    connection_id: &'a str,
    armed: bool,
}

impl Drop for ForgetOnDrop<'_> {
    fn drop(&mut self) {
        if self.armed {
            self.upstream.forget(self.connection_id);
        }
    }
}

/// A user-event handler's answer for the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserReply {
    pub data_type: DataType,
    pub body: Bytes,
    /// The answer's `X-WebPubSub-Metadata-*` headers.
    pub metadata: Option<Metadata>,
}

/// How long one upstream call (validation or event, body included) may take.
pub const EVENT_TIMEOUT: Duration = Duration::from_secs(10);
/// At most this much of an error response is quoted back (handshake answer, logs).
const MAX_ERROR_TEXT: usize = 4096;

/// The emulator's upstream: its handlers and everything they need. Cheap to clone (shared).
#[derive(Clone)]
pub struct Upstream {
    inner: Arc<Inner>,
    timeout: Duration,
}

struct Inner {
    /// `--event-handler`: for every hub that has no handlers of its own.
    handlers: Arc<[HandlerConfig]>,
    /// Handlers set for one hub (ARM), by lowercase hub name: they replace `handlers` there.
    hub_handlers: RwLock<HashMap<String, Arc<[HandlerConfig]>>>,
    /// The primary key signs `ce-signature`; read at each event, so a rotation counts at once.
    keys: Arc<Keys>,
    http: reqwest::Client,
    /// Each connection's event sender, by connection id.
    conns: Mutex<HashMap<String, ConnEntry>>,
    /// The senders' tasks, for the shutdown to wait for; `stop` cancels what is left.
    tasks: TaskTracker,
    stop: CancellationToken,
    /// Keyed by (validation URL, origin): a handler may allow one origin and not another.
    validations: Mutex<HashMap<(String, String), Validation>>,
}

impl Upstream {
    pub fn new(handlers: Vec<HandlerConfig>, access_key: String) -> Self {
        Self::with_keys(handlers, Arc::new(Keys::new(access_key, None, false)))
    }

    /// The upstream of an emulator whose keys may rotate.
    pub fn with_keys(handlers: Vec<HandlerConfig>, keys: Arc<Keys>) -> Self {
        let builder = reqwest::Client::builder()
            .user_agent(concat!("webpubsub-emulator/", env!("CARGO_PKG_VERSION")))
            // A webhook that redirects is misconfigured; following a POST redirect would also
            // turn it into a GET.
            .redirect(reqwest::redirect::Policy::none())
            // Event handlers are usually on localhost or a public tunnel: an HTTP(S)_PROXY meant
            // for the internet would only get in the way.
            .no_proxy();
        let http = match builder.build() {
            Ok(client) => client,
            Err(_) => reqwest::Client::new(),
        };
        Upstream {
            inner: Arc::new(Inner {
                handlers: handlers.into(),
                hub_handlers: RwLock::new(HashMap::new()),
                keys,
                http,
                conns: Mutex::new(HashMap::new()),
                tasks: TaskTracker::new(),
                stop: CancellationToken::new(),
                validations: Mutex::new(HashMap::new()),
            }),
            timeout: EVENT_TIMEOUT,
        }
    }

    /// Sets the limit for every upstream call (default [`EVENT_TIMEOUT`]).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn is_empty(&self) -> bool {
        self.inner.handlers.is_empty()
    }

    /// The `--event-handler` handlers.
    pub fn handlers(&self) -> &[HandlerConfig] {
        &self.inner.handlers
    }

    /// Replaces a hub's handlers from now on (`None`: back to the `--event-handler` ones).
    pub fn set_hub_handlers(&self, hub: &str, handlers: Option<Vec<HandlerConfig>>) {
        let mut map = self
            .inner
            .hub_handlers
            .write()
            .unwrap_or_else(|p| p.into_inner());
        let key = hub.to_ascii_lowercase();
        match handlers {
            Some(h) => map.insert(key, h.into()),
            None => map.remove(&key),
        };
    }

    /// The handlers that serve `hub`, in order: its own, or the `--event-handler` ones that
    /// name it (or every hub).
    pub fn handlers_for(&self, hub: &str) -> Vec<HandlerConfig> {
        if let Some(own) = self.own_handlers(hub) {
            return own.to_vec();
        }
        self.inner
            .handlers
            .iter()
            .filter(|h| h.serves_hub(hub))
            .cloned()
            .collect()
    }

    fn own_handlers(&self, hub: &str) -> Option<Arc<[HandlerConfig]>> {
        self.inner
            .hub_handlers
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&hub.to_ascii_lowercase())
            .cloned()
    }

    /// The first handler of `hub` that `wants`, looked up now: a hub's handlers may change
    /// between two events.
    fn find(&self, hub: &str, wants: impl Fn(&HandlerConfig) -> bool) -> Option<HandlerConfig> {
        match self.own_handlers(hub) {
            Some(own) => own.iter().find(|h| wants(h)).cloned(),
            None => self
                .inner
                .handlers
                .iter()
                .find(|h| h.serves_hub(hub) && wants(h))
                .cloned(),
        }
    }

    fn find_system(&self, hub: &str, event: SystemEvent) -> Option<HandlerConfig> {
        self.find(hub, |h| h.system_events.contains(&event))
    }

    fn find_user(&self, hub: &str, event: &str) -> Option<HandlerConfig> {
        self.find(hub, |h| h.user_events.matches(event))
    }

    /// Is there a handler for this user event in this hub?
    pub fn handles_user_event(&self, hub: &str, event: &str) -> bool {
        self.find_user(hub, event).is_some()
    }

    /// Is there a handler for this system event in this hub?
    pub fn handles_system_event(&self, hub: &str, event: SystemEvent) -> bool {
        self.find_system(hub, event).is_some()
    }

    /// The `connect` event (blocking), before the handshake is answered.
    ///
    /// `Ok(None)`: no handler for `connect` in this hub; accept with the token's claims.
    /// `Ok(Some(resp))`: accepted; apply `resp` (its subprotocol is one the client offered).
    /// `Err(rejection)`: answer the handshake with its status and plain-text message (the
    /// handler's non-2xx status and body, or 500 when it is unreachable or answered nonsense).
    pub async fn connect(
        &self,
        ctx: &EventContext,
        request: ConnectEventRequest,
    ) -> Result<Option<ConnectEventResponse>, Rejection> {
        let Some(handler) = self.find_system(&ctx.hub, SystemEvent::Connect) else {
            return Ok(None);
        };
        // Through the connection's sender, like every later event, so that it counts as ce-id 1.
        let (reply, answer) = oneshot::channel();
        let job = Job::Connect {
            handler,
            ctx: ctx.clone(),
            request,
            reply,
        };
        // A rejected connection gets no `disconnected`, and neither does a client that leaves
        // while its `connect` is pending (this future is dropped): nothing else would clean up.
        let mut pending = ForgetOnDrop {
            upstream: self,
            connection_id: &ctx.connection_id,
            armed: true,
        };
        let result = match self.enqueue(&ctx.connection_id, job).await {
            Ok(()) => answer.await.unwrap_or(Err(UpstreamError::Stopped.into())),
            Err(e) => Err(e.into()),
        };
        pending.armed = result.is_err();
        result.map(Some)
    }

    async fn connect_with(
        &self,
        handler: &HandlerConfig,
        ctx: &EventContext,
        request: &ConnectEventRequest,
        seq: &mut Sequence,
    ) -> Result<ConnectEventResponse, Rejection> {
        let body = serde_json::to_vec(request).map_err(|e| Rejection {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("The connect event could not be serialised: {e}."),
        })?;
        let (id, state) = seq.next();
        let reply = self
            .send(Event {
                handler,
                ctx,
                ce_type: "azure.webpubsub.sys.connect".into(),
                name: SystemEvent::Connect.as_str(),
                content_type: SYSTEM_CONTENT_TYPE,
                body: Bytes::from(body),
                id,
                state,
                with_subprotocol: false,
                metadata: None,
                body_limit: wire::MAX_MESSAGE_BYTES,
            })
            .await?;
        if !reply.status.is_success() {
            let text = reply.text();
            // Only error statuses make sense as a handshake answer; a 1xx/3xx becomes a 500.
            if reply.status.is_client_error() || reply.status.is_server_error() {
                let message = if text.is_empty() {
                    format!(
                        "The connect event handler rejected the connection ({}).",
                        reply.status
                    )
                } else {
                    text
                };
                return Err(Rejection {
                    status: reply.status,
                    message,
                });
            }
            let e = UpstreamError::Status {
                url: reply.url,
                status: reply.status,
                body: text,
            };
            log(&e);
            return Err(e.into());
        }
        let invalid = |reason: String| -> Rejection {
            let e = UpstreamError::InvalidResponse {
                url: reply.url.clone(),
                reason,
            };
            log(&e);
            e.into()
        };
        if reply.too_large {
            return Err(invalid("the body is larger than 1 MiB".into()));
        }
        // The body counts when it is JSON or untyped; a handler that answers 200 with, say,
        // `text/plain` "OK" just accepts.
        let media = reply
            .headers
            .get(reqwest::header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).to_ascii_lowercase());
        let json_typed = media.as_deref().is_none_or(|m| {
            let m = m.split(';').next().unwrap_or("").trim();
            m.is_empty() || m == "application/json" || m.ends_with("+json")
        });
        let parsed = if reply.body.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            match serde_json::from_slice::<RawConnectResponse>(&reply.body) {
                Ok(raw) => Some(raw),
                Err(_) if !json_typed => None,
                Err(e) => {
                    return Err(invalid(format!(
                        "expected JSON {{\"userId\",\"groups\",\"roles\",\"subprotocol\"}}: {e}"
                    )))
                }
            }
        };
        let response = if let Some(raw) = parsed {
            let subprotocol = match raw.subprotocol.filter(|s| !s.is_empty()) {
                None => None,
                Some(chosen) => Some(
                    request
                        .subprotocols
                        .iter()
                        .find(|offered| offered.eq_ignore_ascii_case(&chosen))
                        .cloned()
                        .ok_or_else(|| {
                            invalid(format!(
                                "it chose subprotocol '{chosen}', which the client did not offer (offered: {})",
                                if request.subprotocols.is_empty() {
                                    "none".to_string()
                                } else {
                                    request.subprotocols.join(", ")
                                }
                            ))
                        })?,
                ),
            };
            let groups = raw.groups.unwrap_or_default();
            if let Some(bad) = groups
                .iter()
                .find(|g| crate::wire::GroupName::parse(g.as_str()).is_err())
            {
                return Err(invalid(format!(
                    "it returned an invalid group name '{bad}'"
                )));
            }
            ConnectEventResponse {
                user_id: raw.user_id.filter(|u| !u.is_empty()),
                groups,
                roles: raw.roles.unwrap_or_default(),
                subprotocol,
                mqtt_user_properties: raw
                    .mqtt
                    .and_then(|m| m.user_properties)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| (p.name, p.value))
                    .collect(),
            }
        } else {
            ConnectEventResponse::default()
        };
        seq.apply(reply.state());
        Ok(response)
    }

    /// The `connected` event, after the handshake. Not blocking: failures are only logged; it
    /// reaches the handler before any later event of the connection.
    pub fn connected(&self, ctx: &EventContext) {
        let Some(handler) = self.find_system(&ctx.hub, SystemEvent::Connected) else {
            return;
        };
        let job = Job::Notify {
            handler,
            ctx: ctx.clone(),
            event: SystemEvent::Connected,
            body: Bytes::from_static(b"{}"),
        };
        self.notify(&ctx.connection_id, job);
    }

    /// The `disconnected` event, when a connection whose `connect` succeeded ends: after every
    /// event already queued for it. Not blocking, and it forgets the connection: it is the
    /// last event.
    pub fn disconnected(&self, ctx: &EventContext, reason: &str) {
        let body = serde_json::json!({ "reason": reason }).to_string();
        self.disconnected_with(ctx, body);
    }

    /// The `disconnected` event of an MQTT session: a nullable reason and the `mqtt` part
    /// (`initiatedByClient`, `disconnectPacket`).
    pub fn disconnected_mqtt(&self, ctx: &EventContext, reason: Option<&str>, mqtt: Value) {
        let body = serde_json::json!({ "reason": reason, "mqtt": mqtt }).to_string();
        self.disconnected_with(ctx, body);
    }

    fn disconnected_with(&self, ctx: &EventContext, body: String) {
        let Some(handler) = self.find_system(&ctx.hub, SystemEvent::Disconnected) else {
            self.forget(&ctx.connection_id);
            return;
        };
        let job = Job::Notify {
            handler,
            ctx: ctx.clone(),
            event: SystemEvent::Disconnected,
            body: Bytes::from(body),
        };
        self.notify_last(&ctx.connection_id, job);
    }

    /// Drops what the upstream remembers about a connection. [`Upstream::disconnected`] and a
    /// rejected [`Upstream::connect`] already do; call this only when a connection ends without
    /// either.
    pub fn forget(&self, connection_id: &str) {
        lock(&self.inner.conns).remove(connection_id);
    }

    /// A user event (blocking): an `event` frame of a JSON client, or (`event` = `message`) a
    /// frame of a simple client.
    ///
    /// `Ok(None)`: 204 or an empty body, nothing to send back. `Ok(Some((data_type, bytes)))`: a
    /// body for the client, typed by the response `Content-Type` (`text/plain` → Text,
    /// `application/json` → Json, `application/x-protobuf` → Protobuf, anything else → Binary;
    /// a Text body is always UTF-8 and a Json body always valid JSON, else it comes as Text or
    /// Binary). A `ce-connectionState` in a 2xx answer is kept for the connection's next events.
    /// `Err`: no handler, unreachable, failed validation, or a non-2xx answer.
    pub async fn user_event(
        &self,
        ctx: &EventContext,
        event: &str,
        data_type: DataType,
        payload: Bytes,
    ) -> Result<Option<(DataType, Bytes)>, UpstreamError> {
        let reply = self
            .user_event_with(ctx, event, data_type, payload, None)
            .await?;
        Ok(reply.map(|r| (r.data_type, r.body)))
    }

    /// [`Upstream::user_event`] with the sender's metadata (sent as `x-webpubsub-metadata-*`
    /// headers), answered with the handler's own metadata too.
    pub async fn user_event_with(
        &self,
        ctx: &EventContext,
        event: &str,
        data_type: DataType,
        payload: Bytes,
        metadata: Option<Metadata>,
    ) -> Result<Option<UserReply>, UpstreamError> {
        let Some(handler) = self.find_user(&ctx.hub, event) else {
            return Err(UpstreamError::NoHandler {
                hub: ctx.hub.clone(),
                event: event.to_string(),
            });
        };
        let (reply, answer) = oneshot::channel();
        let job = Job::User {
            handler,
            ctx: ctx.clone(),
            event: event.to_string(),
            data_type,
            payload,
            metadata,
            reply,
        };
        self.enqueue(&ctx.connection_id, job).await?;
        answer.await.unwrap_or(Err(UpstreamError::Stopped))
    }

    /// Sends a user event now (the connection's sender calls it, in order).
    #[allow(clippy::too_many_arguments)]
    async fn user_event_now(
        &self,
        handler: &HandlerConfig,
        ctx: &EventContext,
        event: &str,
        data_type: DataType,
        payload: Bytes,
        metadata: Option<Metadata>,
        seq: &mut Sequence,
    ) -> Result<Option<UserReply>, UpstreamError> {
        let (id, state) = seq.next();
        let reply = self
            .send(Event {
                handler,
                ctx,
                ce_type: format!("azure.webpubsub.user.{event}"),
                name: event,
                content_type: data_type.content_type(),
                body: payload,
                id,
                state,
                with_subprotocol: true,
                metadata: metadata.as_ref(),
                body_limit: wire::MAX_MESSAGE_BYTES,
            })
            .await?;
        if !reply.status.is_success() {
            let e = UpstreamError::Status {
                url: reply.url.clone(),
                status: reply.status,
                body: reply.text(),
            };
            log(&e);
            return Err(e);
        }
        if reply.too_large {
            let e = UpstreamError::InvalidResponse {
                url: reply.url,
                reason: "the body is larger than 1 MiB".into(),
            };
            log(&e);
            return Err(e);
        }
        seq.apply(reply.state());
        // The handler's `X-WebPubSub-Metadata-*` headers ride on its answer; bad ones are
        // reported and left out rather than failing the client's event.
        let metadata = match Metadata::from_headers(
            reply
                .headers
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_bytes()))
                .filter(|(name, _)| name.len() > wire::metadata::HEADER_PREFIX.len()),
        ) {
            Ok(m) => m,
            Err(e) => {
                eprintln!(
                    "upstream: the event handler {} answered with {e}; the metadata was left out",
                    reply.url
                );
                None
            }
        };
        // An empty answer is nothing to send back, unless it carries metadata (then it is an
        // empty text message), as Microsoft's emulator does.
        if reply.body.is_empty() {
            return Ok(metadata.map(|metadata| UserReply {
                data_type: DataType::Text,
                body: Bytes::new(),
                metadata: Some(metadata),
            }));
        }
        let content_type = reply
            .headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let data_type = checked_data_type(response_data_type(content_type), &reply.body);
        Ok(Some(UserReply {
            data_type,
            body: reply.body,
            metadata,
        }))
    }

    /// Validates the handler's URL if needed, then POSTs the event. Transport and validation
    /// failures are logged here; the status is left to the caller.
    async fn send(&self, ev: Event<'_>) -> Result<Reply, UpstreamError> {
        let result = self.send_inner(ev).await;
        if let Err(e) = &result {
            log(e);
        }
        result
    }
}
