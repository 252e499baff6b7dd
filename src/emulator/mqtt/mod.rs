//! The MQTT endpoint, `/clients/mqtt/hubs/{hub}`: MQTT 3.1.1 and 5.0 clients over WebSocket
//! (subprotocol `mqtt`), in the same hubs, groups and permissions as every other client.
//!
//! The service's rules, as its MQTT docs give them (`howto-connect-mqtt-websocket-client`,
//! `reference-mqtt-cross-protocol-communication`, `reference-mqtt-support-status`,
//! `reference-rest-api-mqtt`, `reference-mqtt-cloud-events`), and our choices where they are
//! silent:
//! * The token (`?access_token=` or `Authorization: Bearer`) is checked at the WebSocket
//!   handshake, with the audience `…/clients/mqtt/hubs/{hub}`; a bad one is an HTTP 401 before
//!   any MQTT. CONNECT's username and password go to the upstream `connect` event only.
//! * The client id is the connection id: 1–128 characters of `0-9a-zA-Z` (else CONNACK "client
//!   identifier not valid"); an empty one gets a generated id (5.0: Assigned Client
//!   Identifier). 3.1.1 keep-alive must be 1–180 s (else CONNACK "server unavailable", the
//!   nearest 3.1.1 code: ours); a 5.0 keep-alive of 0 or over 180 s is set to 180 s (Server Keep
//!   Alive). A client silent for 1.5 keep-alives is disconnected.
//! * Subscribing to topic T joins group T (needs `joinLeaveGroup`), publishing to T sends to
//!   group T (needs `sendToGroup`), so MQTT and JSON clients in one hub see each other's
//!   messages. A 3.1.1 publish without permission is acknowledged and dropped (3.1.1 has no way
//!   to refuse it); 5.0 gets "not authorized".
//! * Wildcard, shared subscriptions, retained messages and topic aliases are not supported (5.0
//!   CONNACK says so; a 5.0 retained publish is disconnected with "retain not supported", a
//!   3.1.1 one is delivered and not retained; a wildcard filter is refused in SUBACK).
//! * QoS: a JSON/REST message reaches an MQTT subscriber at min(1, granted QoS); an MQTT one at
//!   min(its QoS, granted). Groups joined another way (token, `connect` answer, REST) are
//!   subscriptions with QoS 1 (our reading of "default subscription options"). Inbound QoS 2 is
//!   answered PUBREC/PUBCOMP and delivered once.
//! * Data types (5.0 content type ↔ dataType): `application/json` json, `text/plain` text,
//!   `application/x-protobuf` protobuf, anything else, or absent, or 3.1.1: binary. A 5.0
//!   json/text publish whose payload is not that is refused (PUBACK "payload format invalid").
//! * The message expiry interval crosses protocols (the one property the docs say does): an
//!   MQTT publish's is a time to live for every recipient, and what is left of a REST
//!   `messageTtlSeconds` reaches 5.0 clients as theirs. Other 5.0 properties (content type,
//!   user properties, response topic, correlation data) go on to MQTT subscribers only.
//! * Messages to a connection, a user or everyone arrive on `$webpubsub/server/messages`;
//!   publishing to `$webpubsub/server/events/{event}` raises the upstream user event, whose
//!   answer comes back on `…/{event}/succeeded` or `…/failed`.
//! * Sessions: a 5.0 session expiry (capped at 30 s, the service's limit) or a 3.1.1 clean
//!   session of 0 (30 s) keeps the session (its subscriptions, and QoS ≥ 1 messages, up to a
//!   bound) while the client is away; it comes back with session present. `connected` is sent
//!   for a new session only and `disconnected` when a session ends, as the docs say.
//! * The largest packet is 1 MiB of payload plus headers ([`wire::mqtt::MAX_PACKET_BYTES`]);
//!   5.0 clients are told (Maximum Packet Size); a larger one ends the connection (5.0: "packet
//!   too large"). A CONNECT must come within 10 s of the handshake.
//! * Last will: published to its topic (as a group message) when the connection ends without a
//!   normal DISCONNECT; its topic must be 1–1024 characters, not all white space, and its
//!   message at most 2000 bytes.

mod link;
mod session;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::state::lock;
use super::ws::{
    authenticate, reject, token_groups, Refused, READ_BUFFER_BYTES, WRITE_BUFFER_BYTES,
};
use super::Emulator;
use crate::wire::ops::ClientType;
use crate::wire::{mqtt, HubName};

pub(super) use session::Session;

type Upgrade = Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>;

/// The MQTT sessions of all hubs, by hub (lower case) and client id: a session outlives its
/// WebSocket for its expiry interval.
#[derive(Default)]
pub struct Sessions {
    map: Mutex<HashMap<(String, String), Arc<Session>>>,
}

impl Sessions {
    fn get(&self, hub: &str, client_id: &str) -> Option<Arc<Session>> {
        lock(&self.map)
            .get(&(hub.to_ascii_lowercase(), client_id.to_string()))
            .cloned()
    }

    fn insert(&self, hub: &str, client_id: &str, session: Arc<Session>) {
        lock(&self.map).insert((hub.to_ascii_lowercase(), client_id.to_string()), session);
    }

    /// Forgets `session` if it is still the one under its key.
    fn remove(&self, hub: &str, client_id: &str, session: &Arc<Session>) {
        let mut map = lock(&self.map);
        let key = (hub.to_ascii_lowercase(), client_id.to_string());
        if map.get(&key).is_some_and(|s| Arc::ptr_eq(s, session)) {
            map.remove(&key);
        }
    }
}

/// What the HTTP handshake learnt, for the CONNECT that follows.
pub(super) struct Handshake {
    pub hub: HubName,
    pub claims: crate::token::Claims,
    pub groups: Vec<String>,
    pub raw_query: Option<String>,
    pub headers: HeaderMap,
    pub origin: String,
}

/// `GET /clients/mqtt/hubs/{hub}`
pub async fn connect(
    State(emu): State<Arc<Emulator>>,
    Path(hub): Path<String>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
    ws: Upgrade,
) -> Response {
    handshake(emu, hub, raw_query, headers, ws)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn handshake(
    emu: Arc<Emulator>,
    hub: String,
    raw_query: Option<String>,
    headers: HeaderMap,
    ws: Upgrade,
) -> Result<Response, Refused> {
    let hub = HubName::parse(hub).map_err(|e| reject(StatusCode::BAD_REQUEST, e.to_string()))?;
    let ws = ws
        .map_err(|e| reject(e.status(), e.body_text()))?
        .max_message_size(mqtt::MAX_PACKET_BYTES + 16)
        .max_frame_size(mqtt::MAX_PACKET_BYTES + 16)
        // The small buffers of every client socket (they grow for large frames).
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(WRITE_BUFFER_BYTES);
    let offers_mqtt = ws
        .requested_protocols()
        .filter_map(|p| p.to_str().ok())
        .flat_map(|p| p.split(','))
        .any(|p| p.trim().eq_ignore_ascii_case(mqtt::SUBPROTOCOL));
    if !offers_mqtt {
        return Err(reject(
            StatusCode::BAD_REQUEST,
            "MQTT clients must offer the WebSocket subprotocol 'mqtt' (MQTT over WebSocket).",
        ));
    }
    let query: HashMap<String, String> =
        url::form_urlencoded::parse(raw_query.as_deref().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let claims = authenticate(&emu, &hub, ClientType::Mqtt, &query, &headers)?;
    let groups = token_groups(&emu, &claims)?
        .into_iter()
        .map(String::from)
        .collect();
    let origin = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost")
        .to_string();
    let hs = Handshake {
        hub,
        claims,
        groups,
        raw_query,
        headers,
        origin,
    };
    let mut ws = ws;
    ws.set_selected_protocol(HeaderValue::from_static(mqtt::SUBPROTOCOL));
    Ok(ws.on_upgrade(move |socket| session::run(emu, hs, socket)))
}
