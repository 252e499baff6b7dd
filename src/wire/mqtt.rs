//! MQTT over WebSocket, shared by the emulator's MQTT endpoint and `client start --protocol mqtt`:
//! one packet type for both protocol versions (rumqttc's MQTT 5.0 packets; a 3.1.1 peer's are
//! converted to and from them, the properties dropped), a framing decoder with a size bound, the
//! topics the service reserves, and how MQTT content types map to Web PubSub data types.
//!
//! The packet codecs are rumqttc's (`mqttbytes::v4` and `v5::mqttbytes::v5`), not ours.

use bytes::{Bytes, BytesMut};
use rumqttc::mqttbytes::v4;
pub use rumqttc::v5::mqttbytes::v5::{
    ConnAck, ConnAckProperties, Connect, ConnectProperties, ConnectReturnCode, Disconnect,
    DisconnectProperties, DisconnectReasonCode, Filter, LastWill, Login, Packet, PingReq, PingResp,
    PubAck, PubAckProperties, PubAckReason, PubComp, PubCompReason, PubRec, PubRecReason, PubRel,
    PubRelReason, Publish, PublishProperties, RetainForwardRule, SubAck, SubAckProperties,
    Subscribe, SubscribeProperties, SubscribeReasonCode, UnsubAck, UnsubAckReason, Unsubscribe,
};
pub use rumqttc::v5::mqttbytes::QoS;

use super::{DataType, MAX_MESSAGE_BYTES};

/// The WebSocket subprotocol of MQTT clients.
pub const SUBPROTOCOL: &str = "mqtt";
/// The topic of messages sent to a connection, a user or everyone (not to a group).
pub const SERVER_MESSAGES_TOPIC: &str = "$webpubsub/server/messages";
/// Publishing to `$webpubsub/server/events/{event}` raises the upstream user event `{event}`.
pub const EVENTS_TOPIC_PREFIX: &str = "$webpubsub/server/events/";
/// The largest packet either side accepts: a 1 MiB payload, as for every other client, plus
/// room for the topic (a group name of up to 1024 characters) and properties.
pub const MAX_PACKET_BYTES: usize = MAX_MESSAGE_BYTES + 16 * 1024;

/// The protocol level of a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// MQTT 3.1.1, protocol level 4.
    V311,
    /// MQTT 5.0, protocol level 5.
    V5,
}

impl Version {
    pub fn level(self) -> u8 {
        match self {
            Version::V311 => 4,
            Version::V5 => 5,
        }
    }
}

/// A packet that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the MQTT packet is larger than {max} bytes")]
    TooLarge { max: usize },
    #[error("MQTT protocol level {0} is not supported: use MQTT 3.1.1 (4) or 5.0 (5)")]
    UnsupportedVersion(u8),
    #[error("malformed MQTT packet: {0}")]
    Malformed(String),
}

/// Frames packets out of WebSocket messages (a packet may span messages, and a message may hold
/// several), buffering at most one packet of the maximum size.
pub struct Decoder {
    version: Option<Version>,
    buf: BytesMut,
    max: usize,
}

impl Decoder {
    /// A server's decoder: the version is the one the first packet (CONNECT) names.
    pub fn server(max: usize) -> Self {
        Decoder {
            version: None,
            buf: BytesMut::new(),
            max,
        }
    }

    /// A client's decoder, for the version it connected with.
    pub fn client(version: Version, max: usize) -> Self {
        Decoder {
            version: Some(version),
            buf: BytesMut::new(),
            max,
        }
    }

    pub fn version(&self) -> Option<Version> {
        self.version
    }

    /// Adds received bytes; refused when the buffer would hold more than one packet can be.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), DecodeError> {
        // A packet's fixed header is at most 5 bytes.
        if self.buf.len() + bytes.len() > self.max + 5 {
            return Err(DecodeError::TooLarge { max: self.max });
        }
        self.buf.extend_from_slice(bytes);
        Ok(())
    }

    /// The next complete packet, if the buffer holds one.
    pub fn next_packet(&mut self) -> Result<Option<Packet>, DecodeError> {
        if self.buf.is_empty() {
            return Ok(None);
        }
        let max = Some(u32::try_from(self.max).unwrap_or(u32::MAX));
        let header = match rumqttc::v5::mqttbytes::v5::check(self.buf.iter(), max) {
            Ok(h) => h,
            Err(rumqttc::v5::mqttbytes::Error::InsufficientBytes(_)) => return Ok(None),
            Err(rumqttc::v5::mqttbytes::Error::PayloadSizeLimitExceeded { .. }) => {
                return Err(DecodeError::TooLarge { max: self.max })
            }
            Err(e) => return Err(DecodeError::Malformed(e.to_string())),
        };
        let len = header.frame_length();
        // An MQTT 5.0 DISCONNECT may be two bytes (no reason code): the crate's reader wants one.
        if len == 2 && self.buf[0] == 0xE0 {
            let _ = self.buf.split_to(2);
            return Ok(Some(Packet::Disconnect(Disconnect::new(
                DisconnectReasonCode::NormalDisconnection,
            ))));
        }
        let mut frame = self.buf.split_to(len);
        match self.version {
            Some(Version::V5) => read_v5(&mut frame).map(Some),
            Some(Version::V311) => read_v4(&mut frame).map(Some),
            None => {
                // The crate's readers each accept one protocol level: try 5.0, then 3.1.1.
                let mut copy = frame.clone();
                match rumqttc::v5::mqttbytes::v5::Packet::read(&mut copy, max) {
                    Ok(packet @ Packet::Connect(..)) => {
                        self.version = Some(Version::V5);
                        Ok(Some(packet))
                    }
                    Ok(_) => Err(DecodeError::Malformed(
                        "the first packet must be CONNECT".into(),
                    )),
                    Err(rumqttc::v5::mqttbytes::Error::InvalidProtocolLevel(4)) => {
                        let packet = read_v4(&mut frame)?;
                        self.version = Some(Version::V311);
                        Ok(Some(packet))
                    }
                    Err(rumqttc::v5::mqttbytes::Error::InvalidProtocolLevel(level)) => {
                        Err(DecodeError::UnsupportedVersion(level))
                    }
                    Err(e) => Err(DecodeError::Malformed(e.to_string())),
                }
            }
        }
    }
}

fn read_v5(frame: &mut BytesMut) -> Result<Packet, DecodeError> {
    let max = Some(u32::try_from(frame.len()).unwrap_or(u32::MAX));
    Packet::read(frame, max).map_err(|e| DecodeError::Malformed(e.to_string()))
}

fn read_v4(frame: &mut BytesMut) -> Result<Packet, DecodeError> {
    let packet =
        v4::Packet::read(frame, frame.len()).map_err(|e| DecodeError::Malformed(e.to_string()))?;
    Ok(match packet {
        v4::Packet::Connect(c) => {
            let will = c.last_will.map(|w| LastWill {
                topic: Bytes::from(w.topic),
                message: w.message,
                qos: qos_from_v4(w.qos),
                retain: w.retain,
                properties: None,
            });
            let login = c.login.map(|l| Login {
                username: l.username,
                password: l.password,
            });
            Packet::Connect(
                Connect {
                    keep_alive: c.keep_alive,
                    client_id: c.client_id,
                    clean_start: c.clean_session,
                    properties: None,
                },
                will,
                login,
            )
        }
        v4::Packet::ConnAck(a) => Packet::ConnAck(ConnAck {
            session_present: a.session_present,
            code: match a.code {
                v4::ConnectReturnCode::Success => ConnectReturnCode::Success,
                v4::ConnectReturnCode::RefusedProtocolVersion => {
                    ConnectReturnCode::UnsupportedProtocolVersion
                }
                v4::ConnectReturnCode::BadClientId => ConnectReturnCode::ClientIdentifierNotValid,
                v4::ConnectReturnCode::ServiceUnavailable => ConnectReturnCode::ServerUnavailable,
                v4::ConnectReturnCode::BadUserNamePassword => {
                    ConnectReturnCode::BadUserNamePassword
                }
                v4::ConnectReturnCode::NotAuthorized => ConnectReturnCode::NotAuthorized,
            },
            properties: None,
        }),
        v4::Packet::Publish(p) => Packet::Publish(Publish {
            dup: p.dup,
            qos: qos_from_v4(p.qos),
            retain: p.retain,
            topic: Bytes::from(p.topic),
            pkid: p.pkid,
            payload: p.payload,
            properties: None,
        }),
        v4::Packet::PubAck(a) => Packet::PubAck(PubAck::new(a.pkid, None)),
        v4::Packet::PubRec(a) => Packet::PubRec(PubRec::new(a.pkid, None)),
        v4::Packet::PubRel(a) => Packet::PubRel(PubRel::new(a.pkid, None)),
        v4::Packet::PubComp(a) => Packet::PubComp(PubComp::new(a.pkid, None)),
        v4::Packet::Subscribe(s) => Packet::Subscribe(Subscribe {
            pkid: s.pkid,
            filters: s
                .filters
                .into_iter()
                .map(|f| Filter::new(f.path, qos_from_v4(f.qos)))
                .collect(),
            properties: None,
        }),
        v4::Packet::SubAck(a) => Packet::SubAck(SubAck {
            pkid: a.pkid,
            return_codes: a
                .return_codes
                .into_iter()
                .map(|c| match c {
                    v4::SubscribeReasonCode::Success(q) => {
                        SubscribeReasonCode::Success(qos_from_v4(q))
                    }
                    v4::SubscribeReasonCode::Failure => SubscribeReasonCode::Failure,
                })
                .collect(),
            properties: None,
        }),
        v4::Packet::Unsubscribe(u) => Packet::Unsubscribe(Unsubscribe {
            pkid: u.pkid,
            filters: u.topics,
            properties: None,
        }),
        v4::Packet::UnsubAck(a) => Packet::UnsubAck(UnsubAck {
            pkid: a.pkid,
            reasons: Vec::new(),
            properties: None,
        }),
        v4::Packet::PingReq => Packet::PingReq(PingReq),
        v4::Packet::PingResp => Packet::PingResp(PingResp),
        v4::Packet::Disconnect => {
            Packet::Disconnect(Disconnect::new(DisconnectReasonCode::NormalDisconnection))
        }
    })
}

fn qos_from_v4(q: rumqttc::mqttbytes::QoS) -> QoS {
    match q {
        rumqttc::mqttbytes::QoS::AtMostOnce => QoS::AtMostOnce,
        rumqttc::mqttbytes::QoS::AtLeastOnce => QoS::AtLeastOnce,
        rumqttc::mqttbytes::QoS::ExactlyOnce => QoS::ExactlyOnce,
    }
}

fn qos_to_v4(q: QoS) -> rumqttc::mqttbytes::QoS {
    match q {
        QoS::AtMostOnce => rumqttc::mqttbytes::QoS::AtMostOnce,
        QoS::AtLeastOnce => rumqttc::mqttbytes::QoS::AtLeastOnce,
        QoS::ExactlyOnce => rumqttc::mqttbytes::QoS::ExactlyOnce,
    }
}

/// The QoS of a number (0, 1 or 2; anything above is 2).
pub fn qos(n: u8) -> QoS {
    match n {
        0 => QoS::AtMostOnce,
        1 => QoS::AtLeastOnce,
        _ => QoS::ExactlyOnce,
    }
}

/// Why a packet could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    #[error("the packet is larger than the peer accepts ({max} bytes)")]
    TooLarge { max: usize },
    #[error("MQTT 3.1.1 has no such packet")]
    NotInVersion,
    #[error("{0}")]
    Other(String),
}

/// Writes a packet for a peer of `version`, refusing one larger than `max`.
pub fn encode(version: Version, packet: &Packet, max: usize) -> Result<Bytes, EncodeError> {
    let mut buf = BytesMut::new();
    match version {
        Version::V5 => {
            let limit = Some(u32::try_from(max).unwrap_or(u32::MAX));
            packet.write(&mut buf, limit).map_err(|e| match e {
                rumqttc::v5::mqttbytes::Error::OutgoingPacketTooLarge { .. } => {
                    EncodeError::TooLarge { max }
                }
                e => EncodeError::Other(e.to_string()),
            })?;
        }
        Version::V311 => {
            let p = to_v4(packet)?;
            p.write(&mut buf, max).map_err(|e| match e {
                rumqttc::mqttbytes::Error::OutgoingPacketTooLarge { .. } => {
                    EncodeError::TooLarge { max }
                }
                e => EncodeError::Other(e.to_string()),
            })?;
        }
    }
    Ok(buf.freeze())
}

fn to_v4(packet: &Packet) -> Result<v4::Packet, EncodeError> {
    Ok(match packet {
        Packet::Connect(c, will, login) => v4::Packet::Connect(v4::Connect {
            protocol: rumqttc::mqttbytes::Protocol::V4,
            keep_alive: c.keep_alive,
            client_id: c.client_id.clone(),
            clean_session: c.clean_start,
            last_will: will.as_ref().map(|w| v4::LastWill {
                topic: String::from_utf8_lossy(&w.topic).into_owned(),
                message: w.message.clone(),
                qos: qos_to_v4(w.qos),
                retain: w.retain,
            }),
            login: login.as_ref().map(|l| v4::Login {
                username: l.username.clone(),
                password: l.password.clone(),
            }),
        }),
        Packet::ConnAck(a) => v4::Packet::ConnAck(v4::ConnAck {
            session_present: a.session_present,
            code: v4_return_code(a.code),
        }),
        Packet::Publish(p) => v4::Packet::Publish(v4::Publish {
            dup: p.dup,
            qos: qos_to_v4(p.qos),
            retain: p.retain,
            topic: String::from_utf8_lossy(&p.topic).into_owned(),
            pkid: p.pkid,
            payload: p.payload.clone(),
        }),
        Packet::PubAck(a) => v4::Packet::PubAck(v4::PubAck::new(a.pkid)),
        Packet::PubRec(a) => v4::Packet::PubRec(v4::PubRec::new(a.pkid)),
        Packet::PubRel(a) => v4::Packet::PubRel(v4::PubRel::new(a.pkid)),
        Packet::PubComp(a) => v4::Packet::PubComp(v4::PubComp::new(a.pkid)),
        Packet::Subscribe(s) => v4::Packet::Subscribe(v4::Subscribe {
            pkid: s.pkid,
            filters: s
                .filters
                .iter()
                .map(|f| v4::SubscribeFilter::new(f.path.clone(), qos_to_v4(f.qos)))
                .collect(),
        }),
        Packet::SubAck(a) => v4::Packet::SubAck(v4::SubAck::new(
            a.pkid,
            a.return_codes
                .iter()
                .map(|c| match c {
                    SubscribeReasonCode::Success(q) => {
                        v4::SubscribeReasonCode::Success(qos_to_v4(*q))
                    }
                    _ => v4::SubscribeReasonCode::Failure,
                })
                .collect(),
        )),
        Packet::Unsubscribe(u) => v4::Packet::Unsubscribe(v4::Unsubscribe {
            pkid: u.pkid,
            topics: u.filters.clone(),
        }),
        Packet::UnsubAck(a) => v4::Packet::UnsubAck(v4::UnsubAck::new(a.pkid)),
        Packet::PingReq(_) => v4::Packet::PingReq,
        Packet::PingResp(_) => v4::Packet::PingResp,
        // A 3.1.1 server cannot send DISCONNECT; a client's carries nothing.
        Packet::Disconnect(_) => v4::Packet::Disconnect,
        Packet::Auth(_) => return Err(EncodeError::NotInVersion),
    })
}

/// The 3.1.1 return code closest to a 5.0 reason code.
fn v4_return_code(code: ConnectReturnCode) -> v4::ConnectReturnCode {
    use ConnectReturnCode as C;
    match code {
        C::Success => v4::ConnectReturnCode::Success,
        C::RefusedProtocolVersion | C::UnsupportedProtocolVersion => {
            v4::ConnectReturnCode::RefusedProtocolVersion
        }
        C::BadClientId | C::ClientIdentifierNotValid => v4::ConnectReturnCode::BadClientId,
        C::BadUserNamePassword | C::BadAuthenticationMethod => {
            v4::ConnectReturnCode::BadUserNamePassword
        }
        C::NotAuthorized | C::Banned => v4::ConnectReturnCode::NotAuthorized,
        _ => v4::ConnectReturnCode::ServiceUnavailable,
    }
}

/// A CONNACK code given as a number by an upstream handler: a 3.1.1 return code (1–5) or a 5.0
/// reason code (0x80 and up). Anything else is "unspecified error", as the service documents.
pub fn connack_code(n: u64) -> ConnectReturnCode {
    use ConnectReturnCode as C;
    match n {
        1 => C::UnsupportedProtocolVersion,
        2 => C::ClientIdentifierNotValid,
        3 => C::ServerUnavailable,
        4 => C::BadUserNamePassword,
        5 => C::NotAuthorized,
        0x81 => C::MalformedPacket,
        0x82 => C::ProtocolError,
        0x83 => C::ImplementationSpecificError,
        0x84 => C::UnsupportedProtocolVersion,
        0x85 => C::ClientIdentifierNotValid,
        0x86 => C::BadUserNamePassword,
        0x87 => C::NotAuthorized,
        0x88 => C::ServerUnavailable,
        0x89 => C::ServerBusy,
        0x8A => C::Banned,
        0x8C => C::BadAuthenticationMethod,
        0x90 => C::TopicNameInvalid,
        0x95 => C::PacketTooLarge,
        0x97 => C::QuotaExceeded,
        0x99 => C::PayloadFormatInvalid,
        0x9A => C::RetainNotSupported,
        0x9B => C::QoSNotSupported,
        0x9C => C::UseAnotherServer,
        0x9D => C::ServerMoved,
        0x9F => C::ConnectionRateExceeded,
        _ => C::UnspecifiedError,
    }
}

/// A 5.0 `content type` as a Web PubSub data type (the service's table): absent or unknown, as
/// on every 3.1.1 message, is binary. Parameters (`; charset=…`) and case are ignored.
pub fn data_type_of(content_type: Option<&str>) -> DataType {
    let Some(ct) = content_type else {
        return DataType::Binary;
    };
    // REST bodies cannot be protobuf, so the REST table lacks it.
    let media = ct.split(';').next().unwrap_or("").trim();
    if media.eq_ignore_ascii_case(DataType::Protobuf.content_type()) {
        return DataType::Protobuf;
    }
    DataType::from_content_type(ct).unwrap_or(DataType::Binary)
}

/// Does a topic or filter use a wildcard (`+`, `#`)?
pub fn has_wildcards(topic: &str) -> bool {
    topic.contains(['+', '#'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(version: Version, packet: Packet) -> Packet {
        let bytes = encode(version, &packet, MAX_PACKET_BYTES).expect("encode");
        let mut d = Decoder::client(version, MAX_PACKET_BYTES);
        d.push(&bytes).expect("push");
        d.next_packet().expect("decode").expect("a packet")
    }

    #[test]
    fn publishes_survive_both_versions() {
        for v in [Version::V311, Version::V5] {
            let p = Publish {
                qos: QoS::AtLeastOnce,
                topic: Bytes::from_static(b"g1"),
                pkid: 7,
                payload: Bytes::from_static(b"hi"),
                ..Default::default()
            };
            match roundtrip(v, Packet::Publish(p)) {
                Packet::Publish(p) => {
                    assert_eq!(&p.topic[..], b"g1");
                    assert_eq!(p.pkid, 7);
                    assert_eq!(&p.payload[..], b"hi");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn the_server_decoder_learns_the_version_from_connect() {
        for v in [Version::V311, Version::V5] {
            let c = Packet::Connect(
                Connect {
                    keep_alive: 30,
                    client_id: "c1".into(),
                    clean_start: true,
                    properties: None,
                },
                None,
                None,
            );
            let bytes = encode(v, &c, MAX_PACKET_BYTES).unwrap();
            let mut d = Decoder::server(MAX_PACKET_BYTES);
            // Split across two messages.
            d.push(&bytes[..3]).unwrap();
            assert!(d.next_packet().unwrap().is_none());
            d.push(&bytes[3..]).unwrap();
            assert!(matches!(
                d.next_packet().unwrap(),
                Some(Packet::Connect(..))
            ));
            assert_eq!(d.version(), Some(v));
        }
    }

    #[test]
    fn oversized_and_garbage_input_is_an_error_not_a_panic() {
        let mut d = Decoder::server(100);
        assert!(d.push(&[0u8; 200]).is_err());
        let mut d = Decoder::server(100);
        // PUBLISH with a remaining length of 1000.
        d.push(&[0x30, 0xE8, 0x07]).unwrap();
        assert_eq!(d.next_packet(), Err(DecodeError::TooLarge { max: 100 }));
        let mut d = Decoder::server(100);
        d.push(&[0xF0, 0x00]).unwrap();
        assert!(d.next_packet().is_err());
        let mut d = Decoder::client(Version::V5, 100);
        d.push(&[0xE0, 0x00]).unwrap();
        assert!(matches!(d.next_packet(), Ok(Some(Packet::Disconnect(_)))));
    }

    #[test]
    fn content_types_map_to_data_types() {
        assert_eq!(data_type_of(None), DataType::Binary);
        assert_eq!(
            data_type_of(Some("Application/JSON; charset=utf-8")),
            DataType::Json
        );
        assert_eq!(data_type_of(Some("text/plain")), DataType::Text);
        assert_eq!(data_type_of(Some("image/png")), DataType::Binary);
        for dt in [
            DataType::Json,
            DataType::Text,
            DataType::Binary,
            DataType::Protobuf,
        ] {
            assert_eq!(data_type_of(Some(dt.content_type())), dt);
        }
    }

    /// Packets built from a valid header and arbitrary bytes, the way a hostile peer would.
    fn packet_like() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        // Every packet type with its required flags (PUBLISH with any), so that the readers of
        // each type get to parse the hostile body; and any byte at all.
        let first = prop_oneof![
            proptest::sample::select(vec![
                0x10u8, 0x20, 0x30, 0x32, 0x34, 0x3B, 0x40, 0x50, 0x62, 0x70, 0x82, 0x90, 0xA2,
                0xB0, 0xC0, 0xD0, 0xE0, 0xF0,
            ]),
            any::<u8>(),
        ];
        (first, proptest::collection::vec(any::<u8>(), 0..200)).prop_map(|(first, body)| {
            let mut p = vec![first, body.len() as u8 & 0x7F];
            p.extend_from_slice(&body[..body.len().min(127)]);
            p
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// Whatever the bytes, every decoder answers a packet, nothing yet, or an error.
        #[test]
        fn decoding_any_bytes_never_panics(bytes in packet_like()) {
            let mut decoders = [
                Decoder::server(4096),
                Decoder::client(Version::V311, 4096),
                Decoder::client(Version::V5, 4096),
            ];
            for d in &mut decoders {
                if d.push(&bytes).is_ok() {
                    for _ in 0..4 {
                        if !matches!(d.next_packet(), Ok(Some(_))) {
                            break;
                        }
                    }
                }
            }
        }
    }
}
