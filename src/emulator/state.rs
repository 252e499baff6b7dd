//! In-memory service state: hubs, their connections, groups and users, and each connection's
//! outbound path (socket queue and, on the reliable protocol, the replay buffer).
//!
//! Locking: a hub's membership lives behind one mutex (`Hub::state`); each connection's outbound
//! path behind its own (`Conn::out`). Code never takes a hub lock while holding a connection lock,
//! and fan-out collects recipients under the hub lock and delivers after releasing it, so a slow
//! recipient can never hold up membership changes or other recipients.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use axum::extract::ws::{Message, Utf8Bytes};
use base64::Engine;
use bytes::Bytes;
use serde_json::Value;
use tokio::sync::{mpsc, watch};

use crate::odata::{Filter, Subject};
use crate::wire::{self, DataType, GroupName, MessageSource, Metadata, Permission, ServerFrame};

/// Limits of the emulated service.
#[derive(Debug, Clone)]
pub struct Limits {
    /// How long a dropped reliable connection waits to be recovered.
    pub recovery_window: Duration,
    /// The replay buffer of a reliable connection (unacked messages).
    pub replay_max_messages: usize,
    pub replay_max_bytes: usize,
    /// A socket's outbound queue: past this the client is not reading and is disconnected.
    pub queue_max_frames: usize,
    pub queue_max_bytes: usize,
    /// How many successful ackIds a connection remembers for `Duplicate` answers.
    pub ack_cache: usize,
    /// The most groups one connection may be in. The service documents no such limit; without
    /// one, a single client could make the emulator hold any number of groups. A join past it
    /// is refused (ack `BadRequest`, REST 400, or a rejected handshake) and changes nothing.
    pub max_groups_per_connection: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            recovery_window: Duration::from_secs(30),
            replay_max_messages: 1000,
            replay_max_bytes: 16 * 1024 * 1024,
            queue_max_frames: 10_000,
            queue_max_bytes: 16 * 1024 * 1024,
            ack_cache: 1000,
            max_groups_per_connection: 1000,
        }
    }
}

/// Locks a mutex, recovering the data if a thread panicked while holding it: the state stays
/// usable, and one failed request must not take the whole emulator down.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// All hubs, created on first use. Hub names are case-insensitive.
#[derive(Default)]
pub struct Hubs {
    hubs: Mutex<HashMap<String, Arc<Hub>>>,
}

impl Hubs {
    pub fn get_or_create(&self, name: &str) -> Arc<Hub> {
        let key = name.to_ascii_lowercase();
        lock(&self.hubs)
            .entry(key)
            .or_insert_with(|| Arc::new(Hub::default()))
            .clone()
    }

    pub fn get(&self, name: &str) -> Option<Arc<Hub>> {
        lock(&self.hubs).get(&name.to_ascii_lowercase()).cloned()
    }

    pub fn all(&self) -> Vec<Arc<Hub>> {
        lock(&self.hubs).values().cloned().collect()
    }
}

#[derive(Default)]
pub struct Hub {
    state: Mutex<HubState>,
}

#[derive(Default)]
struct HubState {
    conns: HashMap<Arc<str>, Member>,
    groups: HashMap<String, Members>,
    users: HashMap<String, Members>,
}

/// A group's or a user's connections, by id. The connection itself is kept here too, so that
/// fan-out to a group takes its members without a second lookup (and hash) per recipient.
type Members = HashMap<Arc<str>, Arc<Conn>>;

struct Member {
    conn: Arc<Conn>,
    groups: HashSet<String>,
}

impl Member {
    fn matches(&self, filter: Option<&Filter>) -> bool {
        let Some(filter) = filter else { return true };
        let groups: Vec<&str> = self.groups.iter().map(String::as_str).collect();
        filter.matches(&Subject {
            connection_id: &self.conn.id,
            user_id: self.conn.user_id.as_deref(),
            groups: &groups,
        })
    }
}

/// Who gets a message, beyond the target itself.
#[derive(Default, Clone, Copy)]
pub struct Selector<'a> {
    pub excluded: &'a [String],
    pub filter: Option<&'a Filter>,
}

impl Selector<'_> {
    fn admits(&self, m: &Member) -> bool {
        !self.excluded.iter().any(|e| **e == *m.conn.id) && m.matches(self.filter)
    }
}

/// The outcome of adding connections to groups.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Done (also when the connection already was in the group).
    Joined,
    /// No such connection, or the user has none.
    NotFound,
    /// A connection would be in more than `limit` groups
    /// ([`Limits::max_groups_per_connection`]); nothing changed.
    TooManyGroups { limit: usize },
}

impl Join {
    /// The explanation a client gets when a join is refused for the cap.
    pub fn too_many_groups_message(limit: usize) -> String {
        format!(
            "A connection may be in at most {limit} groups; leave a group before joining another."
        )
    }
}

impl Member {
    /// How many of `groups` (distinct) this member is not in yet.
    fn new_groups<'a>(&self, groups: impl IntoIterator<Item = &'a str>) -> usize {
        groups
            .into_iter()
            .filter(|g| !self.groups.contains(*g))
            .count()
    }

    /// Would joining `new` more groups take this member past its cap?
    fn over_cap(&self, new: usize) -> Option<Join> {
        let limit = self.conn.limits.max_groups_per_connection;
        (self.groups.len().saturating_add(new) > limit).then_some(Join::TooManyGroups { limit })
    }
}

impl HubState {
    fn remove_member(&mut self, id: &str) -> Option<Arc<Conn>> {
        let member = self.conns.remove(id)?;
        for g in &member.groups {
            if let Some(members) = self.groups.get_mut(g) {
                members.remove(id);
                if members.is_empty() {
                    self.groups.remove(g);
                }
            }
        }
        if let Some(user) = &member.conn.user_id {
            if let Some(set) = self.users.get_mut(user) {
                set.remove(id);
                if set.is_empty() {
                    self.users.remove(user);
                }
            }
        }
        Some(member.conn)
    }

    fn join(&mut self, id: &Arc<str>, group: &str) -> Join {
        let Some(m) = self.conns.get_mut(id) else {
            return Join::NotFound;
        };
        if m.groups.contains(group) {
            return Join::Joined;
        }
        if let Some(refused) = m.over_cap(1) {
            return refused;
        }
        m.groups.insert(group.to_string());
        let conn = m.conn.clone();
        self.groups
            .entry(group.to_string())
            .or_default()
            .insert(id.clone(), conn);
        Join::Joined
    }

    fn leave(&mut self, id: &str, group: &str) {
        if let Some(m) = self.conns.get_mut(id) {
            m.groups.remove(group);
        }
        if let Some(members) = self.groups.get_mut(group) {
            members.remove(id);
            if members.is_empty() {
                self.groups.remove(group);
            }
        }
    }

    /// The connections among `members` (a group's or a user's) that the selector admits.
    fn select(&self, members: Option<&Members>, sel: Selector<'_>) -> Vec<Arc<Conn>> {
        let Some(members) = members else {
            return Vec::new();
        };
        if sel.filter.is_none() {
            // Only exclusions to check: no need for each member's groups.
            return members
                .values()
                .filter(|c| !sel.excluded.iter().any(|e| **e == *c.id))
                .cloned()
                .collect();
        }
        members
            .keys()
            .filter_map(|id| self.conns.get(id))
            .filter(|m| sel.admits(m))
            .map(|m| m.conn.clone())
            .collect()
    }

    fn user_conn_ids(&self, user: &str) -> Vec<Arc<str>> {
        self.users
            .get(user)
            .map(|s| s.keys().cloned().collect())
            .unwrap_or_default()
    }
}

impl Hub {
    /// Adds a new connection in its initial groups; refused (and not added) when they are more
    /// than the connection may be in.
    pub fn add(&self, conn: Arc<Conn>, groups: &[String]) -> Join {
        let distinct: HashSet<&str> = groups.iter().map(String::as_str).collect();
        let limit = conn.limits.max_groups_per_connection;
        if distinct.len() > limit {
            return Join::TooManyGroups { limit };
        }
        let mut st = lock(&self.state);
        let id = conn.id.clone();
        if let Some(user) = &conn.user_id {
            st.users
                .entry(user.clone())
                .or_default()
                .insert(id.clone(), conn.clone());
        }
        st.conns.insert(
            id.clone(),
            Member {
                conn,
                groups: HashSet::new(),
            },
        );
        for g in distinct {
            // Within the cap: checked above.
            let _ = st.join(&id, g);
        }
        Join::Joined
    }

    /// Removes this very connection (not another one that took its id since, as an MQTT client
    /// id can be taken over), under one lock.
    pub fn remove_conn(&self, conn: &Conn) -> Option<Arc<Conn>> {
        let mut st = lock(&self.state);
        let same = st
            .conns
            .get(&*conn.id)
            .is_some_and(|m| std::ptr::eq(&*m.conn, conn));
        if same {
            st.remove_member(&conn.id)
        } else {
            None
        }
    }

    /// Removes a connection and its memberships; returns it if it was there.
    pub fn remove(&self, id: &str) -> Option<Arc<Conn>> {
        lock(&self.state).remove_member(id)
    }

    pub fn conn(&self, id: &str) -> Option<Arc<Conn>> {
        lock(&self.state).conns.get(id).map(|m| m.conn.clone())
    }

    pub fn group_exists(&self, group: &str) -> bool {
        lock(&self.state).groups.contains_key(group)
    }

    pub fn user_exists(&self, user: &str) -> bool {
        lock(&self.state).users.contains_key(user)
    }

    pub fn all_conns(&self) -> Vec<Arc<Conn>> {
        lock(&self.state)
            .conns
            .values()
            .map(|m| m.conn.clone())
            .collect()
    }

    pub fn join(&self, id: &str, group: &str) -> Join {
        let mut st = lock(&self.state);
        let Some(key) = st.conns.get_key_value(id).map(|(k, _)| k.clone()) else {
            return Join::NotFound;
        };
        st.join(&key, group)
    }

    pub fn leave(&self, id: &str, group: &str) {
        lock(&self.state).leave(id, group);
    }

    pub fn leave_all(&self, id: &str) {
        let mut st = lock(&self.state);
        let groups: Vec<String> = st
            .conns
            .get(id)
            .map(|m| m.groups.iter().cloned().collect())
            .unwrap_or_default();
        for g in groups {
            st.leave(id, &g);
        }
    }

    /// Adds every connection of `user` to `group`, or none of them when one is at its cap.
    pub fn add_user_to_group(&self, user: &str, group: &str) -> Join {
        let mut st = lock(&self.state);
        let ids = st.user_conn_ids(user);
        if ids.is_empty() {
            return Join::NotFound;
        }
        for id in &ids {
            if let Some(refused) = st
                .conns
                .get(id)
                .and_then(|m| m.over_cap(m.new_groups([group])))
            {
                return refused;
            }
        }
        for id in &ids {
            // Within the cap: checked above, under the same lock.
            let _ = st.join(id, group);
        }
        Join::Joined
    }

    /// Removes every connection of `user` from `group` (or from all groups); false when the user
    /// has no connection.
    pub fn remove_user_from_group(&self, user: &str, group: Option<&str>) -> bool {
        let mut st = lock(&self.state);
        let ids = st.user_conn_ids(user);
        for id in &ids {
            let groups: Vec<String> = match group {
                Some(g) => vec![g.to_string()],
                None => st
                    .conns
                    .get(id)
                    .map(|m| m.groups.iter().cloned().collect())
                    .unwrap_or_default(),
            };
            for g in groups {
                st.leave(id, &g);
            }
        }
        !ids.is_empty()
    }

    /// `:addToGroups` / `:removeFromGroups`: every connection the filter selects joins or leaves
    /// every group. Joining is all or nothing: when it would take any selected connection past
    /// its cap, nothing changes. Never `NotFound`: selecting nobody is fine.
    pub fn update_groups(&self, groups: &[String], filter: Option<&Filter>, join: bool) -> Join {
        let mut st = lock(&self.state);
        let groups: HashSet<&str> = groups.iter().map(String::as_str).collect();
        let selected = st.conns.iter().filter(|(_, m)| m.matches(filter));
        let mut ids = Vec::new();
        for (id, m) in selected {
            if join {
                if let Some(refused) = m.over_cap(m.new_groups(groups.iter().copied())) {
                    return refused;
                }
            }
            ids.push(id.clone());
        }
        for id in &ids {
            for g in &groups {
                if join {
                    // Within the cap: checked above, under the same lock.
                    let _ = st.join(id, g);
                } else {
                    st.leave(id, g);
                }
            }
        }
        Join::Joined
    }

    pub fn select_all(&self, sel: Selector<'_>) -> Vec<Arc<Conn>> {
        let st = lock(&self.state);
        st.conns
            .values()
            .filter(|m| sel.admits(m))
            .map(|m| m.conn.clone())
            .collect()
    }

    pub fn select_group(&self, group: &str, sel: Selector<'_>) -> Vec<Arc<Conn>> {
        let st = lock(&self.state);
        st.select(st.groups.get(group), sel)
    }

    pub fn select_user(&self, user: &str, sel: Selector<'_>) -> Vec<Arc<Conn>> {
        let st = lock(&self.state);
        st.select(st.users.get(user), sel)
    }

    /// Members of a group ordered by connection id, starting after `after`; at most `limit`.
    /// Ordering by id makes the continuation token (the last id) stable while members come and go.
    pub fn group_members(
        &self,
        group: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Vec<(String, Option<String>)> {
        let st = lock(&self.state);
        let Some(ids) = st.groups.get(group) else {
            return Vec::new();
        };
        let mut ids: Vec<&Arc<str>> = ids
            .keys()
            .filter(|id| after.is_none_or(|a| &***id > a))
            .collect();
        ids.sort();
        ids.into_iter()
            .take(limit)
            .filter_map(|id| st.conns.get(id))
            .map(|m| (m.conn.id.to_string(), m.conn.user_id.clone()))
            .collect()
    }
}

/// The client protocol of a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// A simple WebSocket client: raw frames, no envelope.
    Simple,
    Json,
    Reliable,
    Protobuf,
    ProtobufReliable,
    /// MQTT 3.1.1 or 5.0 over WebSocket: messages go out as PUBLISH packets that the
    /// connection's [`PublishEncoder`] writes.
    Mqtt,
}

/// How a PubSub subprotocol encodes its frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// JSON text frames.
    Json,
    /// Protobuf binary frames ([`wire::protobuf`]).
    Protobuf,
}

impl Protocol {
    pub fn name(self) -> Option<&'static str> {
        match self {
            Protocol::Simple => None,
            Protocol::Json => Some(wire::JSON_PROTOCOL),
            Protocol::Reliable => Some(wire::JSON_RELIABLE_PROTOCOL),
            Protocol::Protobuf => Some(wire::PROTOBUF_PROTOCOL),
            Protocol::ProtobufReliable => Some(wire::PROTOBUF_RELIABLE_PROTOCOL),
            Protocol::Mqtt => Some(wire::mqtt::SUBPROTOCOL),
        }
    }

    /// The encoding of a PubSub subprotocol; `None` for a simple or MQTT client.
    pub fn codec(self) -> Option<Codec> {
        match self {
            Protocol::Simple | Protocol::Mqtt => None,
            Protocol::Json | Protocol::Reliable => Some(Codec::Json),
            Protocol::Protobuf | Protocol::ProtobufReliable => Some(Codec::Protobuf),
        }
    }

    /// A PubSub subprotocol (requests, acks, system frames), JSON or protobuf.
    pub fn is_pubsub(self) -> bool {
        self.codec().is_some()
    }

    /// Sequence ids, a replay buffer and recovery.
    pub fn is_reliable(self) -> bool {
        matches!(self, Protocol::Reliable | Protocol::ProtobufReliable)
    }
}

/// A frame that is not a sequenced message (acks, system frames, pong) as `codec` writes it;
/// `None` when the protocol has no such frame.
pub fn control_message(codec: Codec, frame: &ServerFrame) -> Option<Message> {
    match codec {
        Codec::Json => serde_json::to_string(frame)
            .ok()
            .map(|text| Message::Text(Utf8Bytes::from(text))),
        Codec::Protobuf => wire::protobuf::encode_server(frame).map(|b| Message::Binary(b.into())),
    }
}

/// Turns a message into one MQTT connection's PUBLISH packet: each connection has its own
/// protocol version, packet ids and subscription options, so the packet is written per
/// recipient. Implemented by the MQTT endpoint; `None` means the connection does not get it
/// (too large for it, or its session is offline and the message is kept for later).
pub trait PublishEncoder: Send + Sync {
    fn encode(&self, msg: &Outgoing) -> Option<Bytes>;
    /// The socket is gone: keep what would have been sent on it until the client is back.
    fn offline(&self) {}
}

/// What an MQTT publisher's message carries besides its data: the QoS it was published with
/// and the 5.0 properties that go on to MQTT subscribers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishMeta {
    pub qos: u8,
    pub content_type: Option<String>,
    pub payload_format_indicator: Option<u8>,
    pub user_properties: Vec<(String, String)>,
    pub response_topic: Option<String>,
    pub correlation_data: Option<Bytes>,
}

/// A message as it fans out: the payload is encoded at most once per protocol, and every
/// recipient of that protocol shares the same bytes.
pub struct Outgoing {
    source: MessageSource,
    group: Option<String>,
    from_user: Option<String>,
    data_type: DataType,
    payload: Bytes,
    metadata: Option<Metadata>,
    /// `messageTtlSeconds` / `ttlSeconds`: recipients that have not taken the message by then
    /// never get it (neither from their queue nor from a replay).
    expires: Option<Instant>,
    json: OnceLock<Utf8Bytes>,
    protobuf: OnceLock<Bytes>,
    protobuf_frame: OnceLock<Bytes>,
    mqtt: Option<Box<PublishMeta>>,
}

impl Outgoing {
    /// `payload` is the raw data: UTF-8 text, JSON text, or bytes.
    pub fn new(
        source: MessageSource,
        group: Option<String>,
        from_user: Option<String>,
        data_type: DataType,
        payload: Bytes,
    ) -> Self {
        Outgoing {
            source,
            group,
            from_user,
            data_type,
            payload,
            metadata: None,
            expires: None,
            json: OnceLock::new(),
            protobuf: OnceLock::new(),
            protobuf_frame: OnceLock::new(),
            mqtt: None,
        }
    }

    /// The sender's metadata: on JSON clients' frames; simple clients have nowhere to put it.
    pub fn with_metadata(mut self, metadata: Option<Metadata>) -> Self {
        self.metadata = metadata.filter(|m| !m.is_empty());
        self
    }

    /// A time to live in seconds from now; `None` or 0 is "never expires", as the service
    /// documents for `messageTtlSeconds`.
    pub fn with_ttl(mut self, seconds: Option<u64>) -> Self {
        self.expires = seconds
            .filter(|s| *s > 0)
            .map(|s| Instant::now() + Duration::from_secs(s));
        self
    }

    /// A message an MQTT client published, with its QoS and properties.
    pub fn with_mqtt(mut self, meta: PublishMeta) -> Self {
        self.mqtt = Some(Box::new(meta));
        self
    }

    pub fn group(&self) -> Option<&str> {
        self.group.as_deref()
    }

    pub fn data_type(&self) -> DataType {
        self.data_type
    }

    pub fn payload(&self) -> &Bytes {
        &self.payload
    }

    /// When the message expires (`messageTtlSeconds`, an MQTT message expiry interval).
    pub fn expires(&self) -> Option<Instant> {
        self.expires
    }

    /// Set when an MQTT client published the message.
    pub fn mqtt(&self) -> Option<&PublishMeta> {
        self.mqtt.as_deref()
    }

    /// The frame a simple client gets: text for text and JSON, binary for binary.
    fn raw(&self) -> Message {
        match self.data_type {
            DataType::Text | DataType::Json => match Utf8Bytes::try_from(self.payload.clone()) {
                Ok(text) => Message::Text(text),
                Err(_) => Message::Binary(self.payload.clone()),
            },
            DataType::Binary | DataType::Protobuf => Message::Binary(self.payload.clone()),
        }
    }

    /// The `data` of a JSON-subprotocol frame: text as a string, JSON as itself, bytes in base64.
    pub fn data_value(data_type: DataType, payload: &[u8]) -> Value {
        match data_type {
            DataType::Text => Value::String(String::from_utf8_lossy(payload).into_owned()),
            DataType::Json => serde_json::from_slice(payload).unwrap_or(Value::Null),
            DataType::Binary | DataType::Protobuf => {
                Value::String(base64::engine::general_purpose::STANDARD.encode(payload))
            }
        }
    }

    /// The JSON-subprotocol frame, without `sequenceId`.
    fn json(&self) -> &Utf8Bytes {
        self.json.get_or_init(|| {
            let data = Self::data_value(self.data_type, &self.payload);
            let frame = ServerFrame::Message {
                sequence_id: None,
                from: self.source,
                group: self.group.clone(),
                from_user_id: self.from_user.clone(),
                data_type: self.data_type,
                data,
                metadata: self.metadata.clone(),
            };
            // Serialising a Value-based frame cannot fail.
            Utf8Bytes::from(serde_json::to_string(&frame).unwrap_or_default())
        })
    }

    /// The encoded protobuf `DataMessage`, without `sequence_id` ([`wire::protobuf::data_frame`]
    /// wraps it).
    fn protobuf(&self) -> &Bytes {
        self.protobuf.get_or_init(|| {
            Bytes::from(wire::protobuf::data_message_body(
                self.source,
                self.group.as_deref(),
                self.data_type,
                &self.payload,
            ))
        })
    }

    /// The whole `DownstreamMessage` for the protobuf subprotocol (no sequence id).
    fn protobuf_frame(&self) -> &Bytes {
        self.protobuf_frame
            .get_or_init(|| Bytes::from(wire::protobuf::data_frame(self.protobuf(), None)))
    }

    /// The shared body of this message in `codec`.
    fn body(&self, codec: Codec) -> Body {
        match codec {
            Codec::Json => Body::Json(self.json().clone()),
            Codec::Protobuf => Body::Protobuf(self.protobuf().clone()),
        }
    }
}

/// A message body every recipient of one protocol shares; the sequence id of a reliable
/// connection is added only when the frame is written ([`sequenced_frame`]).
#[derive(Clone)]
pub enum Body {
    /// The JSON `message` frame without `sequenceId`.
    Json(Utf8Bytes),
    /// The protobuf `DataMessage` without `sequence_id`.
    Protobuf(Bytes),
}

/// Why a connection task must stop, sent out of band so it works even when the socket is stalled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kill {
    /// Abort the TCP connection without a close frame, as a network failure would.
    Drop,
    /// Close with this code and reason, best effort.
    Close(u16, String),
}

/// What the connection task reads: frames in order, then possibly a close.
pub enum Out {
    Frame(Message),
    /// A reliable-protocol message: the body every recipient shares and this connection's
    /// sequence id. The frame with the id spliced in ([`sequenced_frame`]) is built only when
    /// the writer writes it, so queues and replay buffers never hold a copy per recipient.
    Sequenced(u64, Body),
    Close(u16, String),
    /// A message with a time to live: the writer drops it instead of writing it once expired.
    Expiring(Instant, Box<Out>),
}

impl Out {
    /// The bytes this item stands for in the queue's limits: the frame as it will be written.
    fn queued_len(&self) -> usize {
        match self {
            Out::Frame(m) => message_len(m),
            Out::Sequenced(seq, body) => sequenced_len(*seq, body),
            Out::Close(..) => 0,
            Out::Expiring(_, inner) => inner.queued_len(),
        }
    }

    /// What the writer writes: the item itself, or `None` when its time to live has passed.
    pub fn unexpired(self, now: Instant) -> Option<Out> {
        match self {
            Out::Expiring(at, _) if now >= at => None,
            Out::Expiring(_, inner) => Some(*inner),
            other => Some(other),
        }
    }

    fn expiring(self, expires: Option<Instant>) -> Out {
        match expires {
            Some(at) => Out::Expiring(at, Box::new(self)),
            None => self,
        }
    }
}

/// The frame of a shared message body with a sequence id: JSON `{"sequenceId":N,` and the body
/// after its `{`; protobuf the `DownstreamMessage` with the id appended to the `DataMessage`.
pub fn sequenced_frame(seq: u64, body: &Body) -> Message {
    match body {
        Body::Json(json) => sequenced_json(seq, json),
        Body::Protobuf(bytes) => {
            Message::Binary(wire::protobuf::data_frame(bytes, Some(seq)).into())
        }
    }
}

fn sequenced_json(seq: u64, body: &Utf8Bytes) -> Message {
    let rest = body.as_str().get(1..).unwrap_or("}");
    let mut frame = String::with_capacity(sequenced_json_len(seq, body));
    frame.push_str("{\"sequenceId\":");
    // Written in place: no string of its own for the number, once per frame written.
    let _ = write!(frame, "{seq},");
    frame.push_str(rest);
    Message::Text(Utf8Bytes::from(frame))
}

/// The length of [`sequenced_frame`], without building it.
fn sequenced_len(seq: u64, body: &Body) -> usize {
    match body {
        Body::Json(json) => sequenced_json_len(seq, json),
        Body::Protobuf(bytes) => wire::protobuf::data_frame_len(bytes.len(), Some(seq)),
    }
}

fn sequenced_json_len(seq: u64, body: &Utf8Bytes) -> usize {
    let digits = seq.checked_ilog10().map_or(1, |d| d as usize + 1);
    // `{"sequenceId":` + digits + `,` + the body without its `{`.
    14 + digits + 1 + body.len().saturating_sub(1)
}

/// The sending half of an attached socket.
pub struct SocketTx {
    tx: mpsc::UnboundedSender<Out>,
    queued_bytes: Arc<AtomicUsize>,
    queued_frames: Arc<AtomicUsize>,
    kill: watch::Sender<Option<Kill>>,
    epoch: u64,
}

/// The receiving half, owned by the connection task.
pub struct SocketRx {
    pub rx: mpsc::UnboundedReceiver<Out>,
    pub kill: watch::Receiver<Option<Kill>>,
    pub counters: QueueCounters,
    pub epoch: u64,
}

/// The size of a socket's queue, shared by its producers and its writer.
pub struct QueueCounters {
    bytes: Arc<AtomicUsize>,
    frames: Arc<AtomicUsize>,
}

impl QueueCounters {
    /// Called by the writer for each item it takes off the queue. A close bypasses the limits
    /// on the way in (it is sent, not enqueued), so it is not counted on the way out either.
    pub fn dequeued(&self, item: &Out) {
        if matches!(item, Out::Close(..)) {
            return;
        }
        self.bytes.fetch_sub(item.queued_len(), Ordering::Relaxed);
        self.frames.fetch_sub(1, Ordering::Relaxed);
    }
}

fn message_len(m: &Message) -> usize {
    match m {
        Message::Text(t) => t.len(),
        Message::Binary(b) | Message::Ping(b) | Message::Pong(b) => b.len(),
        Message::Close(_) => 2,
    }
}

/// Result of handing a message to a connection.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivery {
    Queued,
    /// The connection broke a limit and has been told to go; the caller removes it from its hub.
    Evicted,
}

/// One client connection (which may outlive its socket on the reliable protocol).
pub struct Conn {
    pub id: Arc<str>,
    pub hub: String,
    pub user_id: Option<String>,
    pub protocol: Protocol,
    /// The subprotocol the handshake selected, as the client spelled it.
    pub subprotocol: Option<String>,
    /// The `Host` the client connected to: the origin of its upstream events.
    pub origin: String,
    pub reconnection_token: String,
    /// `webpubsub_mode=sendToGroup&group=…`: a simple client's frames go to this group.
    pub raw_send: Option<RawSend>,
    roles: Mutex<Vec<String>>,
    acks: Mutex<AckCache>,
    out: Mutex<Outbox>,
    /// Set by whoever ends the connection first, so that its end is reported once.
    ended: std::sync::atomic::AtomicBool,
    limits: Arc<Limits>,
    encoder: Option<Arc<dyn PublishEncoder>>,
}

/// What a new connection is made of.
pub struct ConnInit {
    pub id: String,
    pub hub: String,
    pub user_id: Option<String>,
    pub protocol: Protocol,
    pub subprotocol: Option<String>,
    pub roles: Vec<String>,
    pub origin: String,
    pub raw_send: Option<RawSend>,
    /// MQTT connections only.
    pub encoder: Option<Arc<dyn PublishEncoder>>,
}

/// A simple client's `webpubsub_mode=sendToGroup` (an extra of Microsoft's emulator that the
/// service does not document): each frame is published to `group`, not sent upstream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSend {
    pub group: GroupName,
    /// `noEcho=true`: the sender does not get its own frames back.
    pub no_echo: bool,
}

#[derive(Default)]
struct Outbox {
    socket: Option<SocketTx>,
    next_epoch: u64,
    /// Reliable only: the last sequence id given out, and the unacked messages as (sequence id,
    /// shared body); `replay_bytes` counts their frames as written.
    last_seq: u64,
    replay: VecDeque<(u64, Body)>,
    replay_bytes: usize,
    /// When replayed messages with a time to live expire, by sequence id (only those have one).
    replay_expiry: BTreeMap<u64, Instant>,
    /// Set once the connection is finished; nothing is queued after that.
    closed: bool,
}

impl Outbox {
    fn clear_replay(&mut self) {
        self.replay.clear();
        self.replay_bytes = 0;
        self.replay_expiry.clear();
    }

    /// Drops replayable messages whose time to live has passed.
    fn drop_expired(&mut self, now: Instant) {
        if self.replay_expiry.is_empty() {
            return;
        }
        let expiry = std::mem::take(&mut self.replay_expiry);
        let mut freed = 0;
        self.replay.retain(|(seq, body)| {
            let gone = expiry.get(seq).is_some_and(|at| now >= *at);
            if gone {
                freed += sequenced_len(*seq, body);
            }
            !gone
        });
        self.replay_bytes -= freed;
        self.replay_expiry = expiry.into_iter().filter(|(_, at)| now < *at).collect();
    }
}

#[derive(Default)]
struct AckCache {
    seen: HashSet<u64>,
    order: VecDeque<u64>,
}

impl Conn {
    pub fn new(init: ConnInit, limits: Arc<Limits>) -> Self {
        Conn {
            id: Arc::from(init.id),
            hub: init.hub,
            user_id: init.user_id,
            protocol: init.protocol,
            subprotocol: init.subprotocol,
            origin: init.origin,
            reconnection_token: random_id(40),
            raw_send: init.raw_send,
            roles: Mutex::new(init.roles),
            acks: Mutex::new(AckCache::default()),
            out: Mutex::new(Outbox::default()),
            ended: std::sync::atomic::AtomicBool::new(false),
            limits,
            encoder: init.encoder,
        }
    }

    /// True the first time it is called: the caller reports the connection's end.
    pub fn mark_ended(&self) -> bool {
        !self.ended.swap(true, Ordering::SeqCst)
    }

    /// Has the connection's end been reported?
    pub fn has_ended(&self) -> bool {
        self.ended.load(Ordering::SeqCst)
    }

    pub fn roles(&self) -> Vec<String> {
        lock(&self.roles).clone()
    }

    pub fn can(&self, permission: Permission, group: &str) -> bool {
        permission.allowed_by(lock(&self.roles).iter().map(String::as_str), group)
    }

    /// Grants a permission on one group (or all groups when `target` is None).
    pub fn grant(&self, permission: Permission, target: Option<&str>) {
        let role = role_name(permission, target);
        let mut roles = lock(&self.roles);
        if !roles.contains(&role) {
            roles.push(role);
        }
    }

    pub fn revoke(&self, permission: Permission, target: Option<&str>) {
        let role = role_name(permission, target);
        lock(&self.roles).retain(|r| *r != role);
    }

    /// Checks a permission the way Check Permission does: on a group, or the global role.
    pub fn has_permission(&self, permission: Permission, target: Option<&str>) -> bool {
        match target {
            Some(group) => self.can(permission, group),
            None => lock(&self.roles).iter().any(|r| r == permission.role()),
        }
    }

    /// Records a successful ackId; false if it was already there (a `Duplicate`).
    pub fn remember_ack(&self, ack_id: u64) -> bool {
        let mut cache = lock(&self.acks);
        if !cache.seen.insert(ack_id) {
            return false;
        }
        cache.order.push_back(ack_id);
        if cache.order.len() > self.limits.ack_cache {
            if let Some(old) = cache.order.pop_front() {
                cache.seen.remove(&old);
            }
        }
        true
    }

    pub fn was_acked(&self, ack_id: u64) -> bool {
        lock(&self.acks).seen.contains(&ack_id)
    }

    /// Attaches a (new) socket, replaying unacked messages on the reliable protocol. A socket
    /// already attached (a half-open one the client gave up on) is dropped.
    pub fn attach(&self) -> Option<SocketRx> {
        let mut out = lock(&self.out);
        if out.closed {
            return None;
        }
        if let Some(old) = out.socket.take() {
            let _ = old.kill.send(Some(Kill::Drop));
        }
        let (tx, rx) = mpsc::unbounded_channel();
        let (kill_tx, kill_rx) = watch::channel(None);
        let queued_bytes = Arc::new(AtomicUsize::new(0));
        let queued_frames = Arc::new(AtomicUsize::new(0));
        out.next_epoch += 1;
        let epoch = out.next_epoch;
        let socket = SocketTx {
            tx,
            queued_bytes: queued_bytes.clone(),
            queued_frames: queued_frames.clone(),
            kill: kill_tx,
            epoch,
        };
        // Messages whose time to live passed while the client was away are gone for good.
        out.drop_expired(Instant::now());
        for (seq, body) in &out.replay {
            let item =
                Out::Sequenced(*seq, body.clone()).expiring(out.replay_expiry.get(seq).copied());
            if !self.push(&socket, item) {
                return None;
            }
        }
        out.socket = Some(socket);
        Some(SocketRx {
            rx,
            kill: kill_rx,
            counters: QueueCounters {
                bytes: queued_bytes,
                frames: queued_frames,
            },
            epoch,
        })
    }

    /// The socket of `epoch` is gone. Returns true if the connection may still be recovered
    /// (reliable and not closed), in which case the caller starts the recovery timer.
    pub fn detach(&self, epoch: u64) -> bool {
        let mut out = lock(&self.out);
        if out.socket.as_ref().is_some_and(|s| s.epoch == epoch) {
            out.socket = None;
        }
        self.protocol.is_reliable() && !out.closed
    }

    /// Is a socket attached now? And the current epoch, to tell recoveries apart.
    pub fn attached_epoch(&self) -> (bool, u64) {
        let out = lock(&self.out);
        (out.socket.is_some(), out.next_epoch)
    }

    /// Has the connection been closed or evicted by the service?
    pub fn was_closed(&self) -> bool {
        lock(&self.out).closed
    }

    /// Forgets the attached socket, whichever it is (an MQTT session whose client went away).
    pub fn detach_all(&self) {
        lock(&self.out).socket = None;
    }

    /// Marks the connection finished. Returns false if it already was.
    pub fn finish(&self) -> bool {
        let mut out = lock(&self.out);
        let was_open = !out.closed;
        out.closed = true;
        out.clear_replay();
        was_open
    }

    /// `sequenceAck`: drops acknowledged messages from the replay buffer.
    pub fn sequence_ack(&self, seq: u64) {
        let mut out = lock(&self.out);
        while out.replay.front().is_some_and(|(s, _)| *s <= seq) {
            if let Some((s, body)) = out.replay.pop_front() {
                out.replay_bytes -= sequenced_len(s, &body);
            }
        }
        if !out.replay_expiry.is_empty() {
            out.replay_expiry = out.replay_expiry.split_off(&(seq.saturating_add(1)));
        }
    }

    fn push(&self, socket: &SocketTx, item: Out) -> bool {
        let (bytes, frames) = enqueue(socket, item);
        bytes <= self.limits.queue_max_bytes && frames <= self.limits.queue_max_frames
    }

    /// Sends a frame that is not a sequenced message (acks, system frames, pong) if a socket is
    /// attached. Returns Evicted when the client is not reading.
    pub fn send_control(&self, frame: &ServerFrame) -> Delivery {
        match self
            .protocol
            .codec()
            .and_then(|codec| control_message(codec, frame))
        {
            Some(msg) => self.send_raw(msg),
            // A simple client has no control frames.
            None => Delivery::Queued,
        }
    }

    /// A WebSocket Ping (the hub's keep-alive), queued behind what is already going out.
    pub fn ping(&self) -> Delivery {
        self.send_raw(Message::Ping(Bytes::new()))
    }

    fn send_raw(&self, msg: Message) -> Delivery {
        self.send_out(Out::Frame(msg))
    }

    fn send_out(&self, item: Out) -> Delivery {
        let mut out = lock(&self.out);
        if out.closed {
            return Delivery::Queued;
        }
        match &out.socket {
            Some(socket) if !self.push(socket, item) => self.evict(&mut out, "slow consumer"),
            _ => Delivery::Queued,
        }
    }

    /// Hands a message to this connection in the shape its protocol needs.
    pub fn deliver(&self, msg: &Outgoing) -> Delivery {
        match self.protocol {
            Protocol::Simple => self.send_out(Out::Frame(msg.raw()).expiring(msg.expires)),
            Protocol::Json => {
                self.send_out(Out::Frame(Message::Text(msg.json().clone())).expiring(msg.expires))
            }
            Protocol::Protobuf => self.send_out(
                Out::Frame(Message::Binary(msg.protobuf_frame().clone())).expiring(msg.expires),
            ),
            Protocol::Reliable => self.deliver_reliable(msg.body(Codec::Json), msg.expires),
            Protocol::ProtobufReliable => {
                self.deliver_reliable(msg.body(Codec::Protobuf), msg.expires)
            }
            Protocol::Mqtt => match self.encoder.as_ref().and_then(|e| e.encode(msg)) {
                Some(packet) => {
                    self.send_out(Out::Frame(Message::Binary(packet)).expiring(msg.expires))
                }
                None => Delivery::Queued,
            },
        }
    }

    /// Sends an MQTT packet (or any binary frame) behind what is queued, within the queue's
    /// limits. Returns Evicted when the client is not reading.
    pub fn send_binary(&self, bytes: Bytes) -> Delivery {
        self.send_raw(Message::Binary(bytes))
    }

    fn deliver_reliable(&self, body: Body, expires: Option<Instant>) -> Delivery {
        let mut out = lock(&self.out);
        if out.closed {
            return Delivery::Queued;
        }
        out.last_seq += 1;
        let seq = out.last_seq;
        // Recipients share `body`; the writer splices the sequence id in when it writes.
        out.replay_bytes += sequenced_len(seq, &body);
        out.replay.push_back((seq, body.clone()));
        if let Some(at) = expires {
            out.replay_expiry.insert(seq, at);
        }
        let full = |out: &Outbox| {
            out.replay.len() > self.limits.replay_max_messages
                || out.replay_bytes > self.limits.replay_max_bytes
        };
        // Expired messages make room before the client is evicted for a full buffer.
        if full(&out) && !out.replay_expiry.is_empty() {
            out.drop_expired(Instant::now());
        }
        if full(&out) {
            return self.evict(&mut out, "replay buffer full");
        }
        let item = Out::Sequenced(seq, body.clone()).expiring(expires);
        match &out.socket {
            Some(socket) if !self.push(socket, item) => {
                // The client stopped reading: drop the socket; the replay buffer keeps the
                // messages, and the client may still recover while the buffer has room.
                if let Some(socket) = out.socket.take() {
                    let _ = socket.kill.send(Some(Kill::Drop));
                }
                Delivery::Queued
            }
            _ => Delivery::Queued,
        }
    }

    /// The client broke a limit: tell its socket to go and report it to the caller.
    fn evict(&self, out: &mut Outbox, why: &str) -> Delivery {
        out.closed = true;
        out.clear_replay();
        if let Some(socket) = out.socket.take() {
            let _ = socket.kill.send(Some(Kill::Close(
                wire::close_code::POLICY_VIOLATION,
                format!("Connection closed by the service: {why}."),
            )));
        }
        Delivery::Evicted
    }

    /// Closes the connection from the service side: `disconnected` system frame (JSON
    /// protocols), then a close frame, after what is already queued.
    pub fn close(&self, code: u16, reason: &str) {
        let mut out = lock(&self.out);
        out.closed = true;
        out.clear_replay();
        if let Some(socket) = out.socket.take() {
            let frame = ServerFrame::disconnected(reason);
            if let Some(msg) = self
                .protocol
                .codec()
                .and_then(|codec| control_message(codec, &frame))
            {
                enqueue(&socket, Out::Frame(msg));
            }
            let _ = socket.tx.send(Out::Close(code, reason.to_string()));
        }
    }

    /// Aborts the socket (the emulator's `:drop` hook); a reliable connection stays recoverable.
    pub fn drop_socket(&self) {
        // Before the socket goes: a message sent once the hook has answered is kept for an MQTT
        // session, not written to a socket that no longer exists.
        if let Some(e) = &self.encoder {
            e.offline();
        }
        let mut out = lock(&self.out);
        if let Some(socket) = out.socket.take() {
            let _ = socket.kill.send(Some(Kill::Drop));
        }
    }
}

/// Queues a frame and returns the queue's size after it, in bytes and frames. A closed queue
/// (the task is gone) reports as over any limit.
fn enqueue(socket: &SocketTx, item: Out) -> (usize, usize) {
    let len = item.queued_len();
    let bytes = socket.queued_bytes.fetch_add(len, Ordering::Relaxed) + len;
    let frames = socket.queued_frames.fetch_add(1, Ordering::Relaxed) + 1;
    match socket.tx.send(item) {
        Ok(()) => (bytes, frames),
        Err(_) => (usize::MAX, usize::MAX),
    }
}

fn role_name(permission: Permission, target: Option<&str>) -> String {
    match target {
        Some(group) => format!("{}.{group}", permission.role()),
        None => permission.role().to_string(),
    }
}

/// A random id of URL-safe characters.
pub fn random_id(len: usize) -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| CHARS[rng.random_range(0..CHARS.len())] as char)
        .collect()
}

/// Delivers one message to many connections; those that broke a limit are removed from the hub.
pub fn fan_out(hub: &Hub, recipients: &[Arc<Conn>], msg: &Outgoing) {
    for conn in recipients {
        if conn.deliver(msg) == Delivery::Evicted {
            hub.remove_conn(conn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reliable_conn(id: &str) -> Arc<Conn> {
        conn_of(id, Protocol::Reliable)
    }

    fn conn_of(id: &str, protocol: Protocol) -> Arc<Conn> {
        let init = ConnInit {
            id: id.to_string(),
            hub: "h".to_string(),
            user_id: None,
            protocol,
            subprotocol: protocol.name().map(str::to_string),
            roles: Vec::new(),
            origin: "localhost".to_string(),
            raw_send: None,
            encoder: None,
        };
        Arc::new(Conn::new(init, Arc::new(Limits::default())))
    }

    /// Protobuf recipients share one encoded body too, and a recovery replays it with the
    /// same sequence ids; the replay buffer counts each frame's bytes exactly.
    #[test]
    fn protobuf_reliable_recipients_share_the_body_and_replay_it() {
        use prost::Message as _;
        use wire::protobuf::pb;
        let msg = Outgoing::new(
            MessageSource::Group,
            Some("g".to_string()),
            Some("u".to_string()),
            DataType::Text,
            Bytes::from_static(b"hello"),
        );
        let conns = [
            conn_of("a", Protocol::ProtobufReliable),
            conn_of("b", Protocol::ProtobufReliable),
        ];
        let shared = msg.protobuf().as_ptr();
        for c in &conns {
            let _rx = c.attach().expect("attach");
            assert_eq!(c.deliver(&msg), Delivery::Queued);
            assert_eq!(c.deliver(&msg), Delivery::Queued);
            let out = lock(&c.out);
            for (seq, body) in &out.replay {
                let Body::Protobuf(bytes) = body else {
                    panic!("a JSON body on a protobuf connection");
                };
                assert_eq!(bytes.as_ptr(), shared, "replay holds a copy");
                let Message::Binary(frame) = sequenced_frame(*seq, body) else {
                    panic!("not a binary frame");
                };
                assert_eq!(frame.len(), sequenced_len(*seq, body));
                let decoded = pb::DownstreamMessage::decode(&frame[..]).expect("decodes");
                let Some(pb::downstream_message::Message::DataMessage(d)) = decoded.message else {
                    panic!("not a data message");
                };
                assert_eq!(d.sequence_id, Some(*seq));
                assert_eq!(d.group.as_deref(), Some("g"));
            }
            let total: usize = out.replay.iter().map(|(s, b)| sequenced_len(*s, b)).sum();
            assert_eq!(out.replay_bytes, total);
        }
        conns[0].sequence_ack(2);
        assert_eq!(lock(&conns[0].out).replay_bytes, 0);
        let mut again = conns[1].attach().expect("re-attach");
        match again.rx.try_recv() {
            Ok(Out::Sequenced(1, Body::Protobuf(b))) => assert_eq!(b.as_ptr(), shared),
            _ => panic!("expected the replay of message 1"),
        }
    }

    fn json_conn(id: &str, user: &str, limits: &Arc<Limits>) -> Arc<Conn> {
        let init = ConnInit {
            id: id.to_string(),
            hub: "h".to_string(),
            user_id: Some(user.to_string()),
            protocol: Protocol::Json,
            subprotocol: Some(wire::JSON_PROTOCOL.to_string()),
            roles: Vec::new(),
            origin: "localhost".to_string(),
            raw_send: None,
            encoder: None,
        };
        Arc::new(Conn::new(init, limits.clone()))
    }

    fn json_ptr(body: &Body) -> *const u8 {
        match body {
            Body::Json(json) => json.as_str().as_ptr(),
            Body::Protobuf(_) => panic!("a protobuf body on a JSON connection"),
        }
    }

    fn groups_of(hub: &Hub, id: &str) -> Vec<String> {
        let st = lock(&hub.state);
        let mut groups: Vec<String> = st.conns[id].groups.iter().cloned().collect();
        groups.sort();
        groups
    }

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    /// Every way a connection gains a group stops at the cap, and a refused request changes
    /// nothing, for no connection.
    #[test]
    fn group_cap_is_enforced_all_or_nothing() {
        let limits = Arc::new(Limits {
            max_groups_per_connection: 2,
            ..Limits::default()
        });
        let hub = Hub::default();
        let too_many = Join::TooManyGroups { limit: 2 };
        assert_eq!(
            hub.add(json_conn("x", "ux", &limits), &strings(&["a", "b", "c"])),
            too_many
        );
        assert!(hub.conn("x").is_none(), "a refused connection was added");
        // Duplicates count once.
        assert_eq!(
            hub.add(json_conn("a1", "u", &limits), &strings(&["a", "b", "a"])),
            Join::Joined
        );
        assert_eq!(
            hub.add(json_conn("a2", "u", &limits), &strings(&["a"])),
            Join::Joined
        );

        assert_eq!(hub.join("a1", "c"), too_many);
        assert_eq!(
            hub.join("a1", "a"),
            Join::Joined,
            "already in: not a new group"
        );
        assert_eq!(hub.join("nobody", "a"), Join::NotFound);
        // a1 is full, so neither of the user's connections joins `c`.
        assert_eq!(hub.add_user_to_group("u", "c"), too_many);
        assert_eq!(groups_of(&hub, "a2"), ["a"]);
        assert_eq!(hub.add_user_to_group("u", "b"), Join::Joined);
        assert_eq!(groups_of(&hub, "a2"), ["a", "b"]);
        assert_eq!(hub.add_user_to_group("ghost", "b"), Join::NotFound);

        hub.leave("a2", "b");
        assert_eq!(hub.update_groups(&strings(&["c"]), None, true), too_many);
        assert_eq!(groups_of(&hub, "a2"), ["a"]);
        assert!(!hub.group_exists("c"));
        assert_eq!(
            hub.update_groups(&strings(&["a", "b", "b"]), None, true),
            Join::Joined
        );
        assert_eq!(groups_of(&hub, "a2"), ["a", "b"]);
        // Leaving is never refused.
        assert_eq!(
            hub.update_groups(&strings(&["a"]), None, false),
            Join::Joined
        );
        assert_eq!(groups_of(&hub, "a1"), ["b"]);
    }

    /// What producers add to a socket's queue counters, the writer takes off again, whatever
    /// the item (a close is counted neither way).
    #[test]
    fn queue_counters_return_to_zero() {
        let conn = reliable_conn("q");
        let mut rx = conn.attach().expect("attach");
        let msg = Outgoing::new(
            MessageSource::Server,
            None,
            None,
            DataType::Text,
            Bytes::from_static(b"x"),
        );
        assert_eq!(conn.send_control(&ServerFrame::Pong), Delivery::Queued);
        assert_eq!(conn.deliver(&msg), Delivery::Queued);
        conn.close(wire::close_code::NORMAL, "bye");
        let mut items = 0;
        while let Ok(item) = rx.rx.try_recv() {
            rx.counters.dequeued(&item);
            items += 1;
        }
        // pong, message, disconnected, close
        assert_eq!(items, 4);
        assert_eq!(rx.counters.bytes.load(Ordering::Relaxed), 0);
        assert_eq!(rx.counters.frames.load(Ordering::Relaxed), 0);
    }

    /// A message past its time to live is neither written from the queue nor replayed, and
    /// leaves the replay buffer's accounting exact.
    #[test]
    fn expired_messages_are_neither_written_nor_replayed() {
        let conn = reliable_conn("ttl");
        let mut rx = conn.attach().expect("attach");
        let text = |t: &'static str| {
            Outgoing::new(
                MessageSource::Server,
                None,
                None,
                DataType::Text,
                Bytes::from_static(t.as_bytes()),
            )
        };
        let mut expired = text("old");
        expired.expires = Some(Instant::now());
        let kept = text("new").with_ttl(Some(300));
        assert_eq!(conn.deliver(&expired), Delivery::Queued);
        assert_eq!(conn.deliver(&kept), Delivery::Queued);
        assert_eq!(conn.deliver(&text("plain")), Delivery::Queued);
        let now = Instant::now();
        let mut written = Vec::new();
        while let Ok(item) = rx.rx.try_recv() {
            rx.counters.dequeued(&item);
            if let Some(Out::Sequenced(seq, _)) = item.unexpired(now) {
                written.push(seq);
            }
        }
        assert_eq!(written, [2, 3]);
        assert_eq!(rx.counters.bytes.load(Ordering::Relaxed), 0);
        // The client drops and recovers without having acked anything.
        assert!(conn.detach(rx.epoch));
        let mut again = conn.attach().expect("recover");
        let mut replayed = Vec::new();
        while let Ok(item) = again.rx.try_recv() {
            if let Some(Out::Sequenced(seq, _)) = item.unexpired(Instant::now()) {
                replayed.push(seq);
            }
        }
        assert_eq!(replayed, [2, 3]);
        let out = lock(&conn.out);
        let ids: Vec<u64> = out.replay.iter().map(|(s, _)| *s).collect();
        assert_eq!(ids, [2, 3]);
        let bytes: usize = out.replay.iter().map(|(s, b)| sequenced_len(*s, b)).sum();
        assert_eq!(out.replay_bytes, bytes);
        assert_eq!(out.replay_expiry.keys().copied().collect::<Vec<_>>(), [2]);
        drop(out);
        conn.sequence_ack(3);
        assert!(lock(&conn.out).replay_expiry.is_empty());
    }

    #[test]
    fn sequenced_frames_are_the_body_with_the_id_spliced_in() {
        let body = Body::Json(Utf8Bytes::from(
            r#"{"type":"message","from":"server","dataType":"text","data":"x"}"#,
        ));
        for seq in [1, 9, 10, 99, 100, 12_345, u64::MAX] {
            let Message::Text(frame) = sequenced_frame(seq, &body) else {
                panic!("not a text frame");
            };
            assert_eq!(frame.len(), sequenced_len(seq, &body), "seq {seq}");
            let v: Value = serde_json::from_str(&frame).expect("valid JSON");
            assert_eq!(v["sequenceId"], Value::from(seq));
            assert_eq!(v["data"], "x");
        }
    }

    /// Every reliable recipient queues and keeps the same bytes, not a copy of its own.
    #[test]
    fn reliable_recipients_share_the_message_body() {
        let msg = Outgoing::new(
            MessageSource::Server,
            None,
            None,
            DataType::Text,
            Bytes::from_static(b"hello"),
        );
        let conns = [reliable_conn("a"), reliable_conn("b")];
        let mut rxs: Vec<SocketRx> = conns.iter().map(|c| c.attach().expect("attach")).collect();
        for c in &conns {
            assert_eq!(c.deliver(&msg), Delivery::Queued);
            assert_eq!(c.deliver(&msg), Delivery::Queued);
        }
        let shared = msg.json().as_str().as_ptr();
        for (c, rx) in conns.iter().zip(rxs.iter_mut()) {
            for want in 1..=2 {
                match rx.rx.try_recv() {
                    Ok(Out::Sequenced(seq, body)) => {
                        assert_eq!(seq, want);
                        assert_eq!(json_ptr(&body), shared, "queued a copy");
                    }
                    _ => panic!("expected a sequenced message"),
                }
            }
            let out = lock(&c.out);
            assert!(out.replay.iter().all(|(_, b)| json_ptr(b) == shared));
            let body = msg.body(Codec::Json);
            assert_eq!(
                out.replay_bytes,
                sequenced_len(1, &body) + sequenced_len(2, &body)
            );
        }
        // Acks release the replay buffer's bytes exactly.
        conns[0].sequence_ack(1);
        assert_eq!(
            lock(&conns[0].out).replay_bytes,
            sequenced_len(2, &msg.body(Codec::Json))
        );
        conns[0].sequence_ack(2);
        assert_eq!(lock(&conns[0].out).replay_bytes, 0);
        // A recovery replays the same shared bytes.
        let mut again = conns[1].attach().expect("re-attach");
        match again.rx.try_recv() {
            Ok(Out::Sequenced(1, body)) => assert_eq!(json_ptr(&body), shared),
            _ => panic!("expected the replay of message 1"),
        }
    }
}
