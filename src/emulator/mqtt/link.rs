//! One MQTT session's outbound side: how a message becomes this client's PUBLISH (its version,
//! packet ids, subscription QoS and, for 5.0, properties), and the messages kept for it while
//! it is away.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use bytes::Bytes;

use crate::emulator::state::{lock, Outgoing, PublishEncoder};
use crate::wire::mqtt::{self, Packet, Publish, PublishProperties, QoS, Version};

/// At most this many messages (and bytes) wait for a client that is away; older ones go first.
const OFFLINE_MAX_MESSAGES: usize = 1000;
const OFFLINE_MAX_BYTES: usize = 16 * 1024 * 1024;

/// A subscription's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubOpts {
    /// The granted QoS (0, 1 or 2).
    pub qos: u8,
    /// 5.0 No Local: the client's own publishes are not sent back to it.
    pub no_local: bool,
}

/// Groups joined without a SUBSCRIBE (token, `connect` answer, REST) have these.
const DEFAULT_OPTS: SubOpts = SubOpts {
    qos: 1,
    no_local: false,
};

pub struct Link {
    inner: Mutex<Inner>,
}

struct Inner {
    version: Version,
    /// The client's Maximum Packet Size (5.0), else ours.
    max_out: usize,
    next_pkid: u16,
    subs: HashMap<String, SubOpts>,
    online: bool,
    offline: VecDeque<Publish>,
    offline_bytes: usize,
}

impl Link {
    pub fn new(version: Version, max_out: usize) -> Self {
        Link {
            inner: Mutex::new(Inner {
                version,
                max_out,
                next_pkid: 0,
                subs: HashMap::new(),
                online: true,
                offline: VecDeque::new(),
                offline_bytes: 0,
            }),
        }
    }

    pub fn version(&self) -> Version {
        lock(&self.inner).version
    }

    pub fn subscribe(&self, group: &str, opts: SubOpts) {
        lock(&self.inner).subs.insert(group.to_string(), opts);
    }

    pub fn unsubscribe(&self, group: &str) {
        lock(&self.inner).subs.remove(group);
    }

    pub fn opts(&self, group: &str) -> SubOpts {
        lock(&self.inner)
            .subs
            .get(group)
            .copied()
            .unwrap_or(DEFAULT_OPTS)
    }

    /// The client went away: keep its QoS ≥ 1 messages until it comes back.
    pub fn go_offline(&self) {
        lock(&self.inner).online = false;
    }

    /// The client is back (maybe with another version and packet size): the packets of the
    /// messages kept for it, to send first.
    pub fn go_online(&self, version: Version, max_out: usize) -> Vec<Bytes> {
        let mut inner = lock(&self.inner);
        inner.version = version;
        inner.max_out = max_out;
        inner.online = true;
        inner.offline_bytes = 0;
        let kept: Vec<Publish> = inner.offline.drain(..).collect();
        kept.into_iter()
            .filter_map(|mut p| {
                if version == Version::V311 {
                    p.properties = None;
                }
                inner.write(p)
            })
            .collect()
    }

    /// A packet of this connection's version (not a PUBLISH of a message: those go through
    /// [`PublishEncoder::encode`]).
    pub fn packet(&self, packet: &Packet) -> Option<Bytes> {
        let inner = lock(&self.inner);
        mqtt::encode(inner.version, packet, inner.max_out).ok()
    }

    /// A PUBLISH on a topic of our own (event answers), with a packet id when QoS > 0.
    pub fn publish(&self, publish: Publish) -> Option<Bytes> {
        lock(&self.inner).write(publish)
    }
}

impl Inner {
    fn write(&mut self, mut p: Publish) -> Option<Bytes> {
        if p.qos != QoS::AtMostOnce {
            self.next_pkid = self.next_pkid.checked_add(1).unwrap_or(1);
            p.pkid = self.next_pkid;
        }
        // Too large for the client: dropped, as MQTT 5.0 says a server must.
        mqtt::encode(self.version, &Packet::Publish(p), self.max_out).ok()
    }

    fn keep(&mut self, p: Publish) {
        self.offline_bytes += p.payload.len();
        self.offline.push_back(p);
        while self.offline.len() > OFFLINE_MAX_MESSAGES || self.offline_bytes > OFFLINE_MAX_BYTES {
            match self.offline.pop_front() {
                Some(old) => self.offline_bytes -= old.payload.len(),
                None => break,
            }
        }
    }
}

impl PublishEncoder for Link {
    fn encode(&self, msg: &Outgoing) -> Option<Bytes> {
        let mut inner = lock(&self.inner);
        let topic = msg.group().unwrap_or(mqtt::SERVER_MESSAGES_TOPIC);
        let meta = msg.mqtt();
        // Web PubSub messages are published with QoS 1; an MQTT one keeps its own.
        let sent_qos = meta.map_or(1, |m| m.qos);
        let granted = msg
            .group()
            .and_then(|g| inner.subs.get(g))
            .copied()
            .unwrap_or(DEFAULT_OPTS)
            .qos;
        let qos = mqtt::qos(sent_qos.min(granted));
        // What is left of a time to live (REST `messageTtlSeconds`, an MQTT expiry interval):
        // a 5.0 client gets it as the message expiry interval; an expired message goes nowhere.
        let expiry = match msg.expires() {
            Some(at) => {
                let left = at.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    return None;
                }
                Some(u32::try_from(left.as_secs().max(1)).unwrap_or(u32::MAX))
            }
            None => None,
        };
        let properties = (inner.version == Version::V5).then(|| match meta {
            Some(m) => PublishProperties {
                content_type: m.content_type.clone(),
                payload_format_indicator: m.payload_format_indicator,
                user_properties: m.user_properties.clone(),
                response_topic: m.response_topic.clone(),
                correlation_data: m.correlation_data.clone(),
                message_expiry_interval: expiry,
                ..Default::default()
            },
            None => PublishProperties {
                content_type: Some(msg.data_type().content_type().to_string()),
                message_expiry_interval: expiry,
                ..Default::default()
            },
        });
        let publish = Publish {
            qos,
            topic: Bytes::copy_from_slice(topic.as_bytes()),
            payload: msg.payload().clone(),
            properties,
            ..Default::default()
        };
        if !inner.online {
            if qos != QoS::AtMostOnce {
                inner.keep(publish);
            }
            return None;
        }
        inner.write(publish)
    }

    fn offline(&self) {
        self.go_offline();
    }
}
