//! Wire types and protocol constants of Azure Web PubSub, shared by the CLI's client, its REST service
//! client and the emulator, so that the two sides of every exchange are defined once and cannot drift.
//!
//! Facts come from `shared/reference/protocols.md` (§2 REST, §3 auth, §4 client subprotocols).

#[cfg(test)]
mod frame_props;
pub mod metadata;
pub mod mqtt;
pub mod names;
pub mod ops;
pub mod protobuf;
mod wildcard;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use metadata::{Metadata, MetadataError};
pub use names::{ConnectionId, GroupName, HubName, NameError, UserId};
pub use ops::{Args, Op, OpKind, Payload};
pub use protobuf::{PROTOBUF_PROTOCOL, PROTOBUF_RELIABLE_PROTOCOL};
pub use wildcard::wildcard_match;

/// The newest stable REST api-version (2024-12-01); the emulator uses it when a request names none.
pub const LATEST_API_VERSION: &str = "2024-12-01";
/// The CLI's default api-version: every operation but `ListConnectionsInGroup` exists in it.
pub const DEFAULT_API_VERSION: &str = "2024-01-01";
/// Every api-version the emulator accepts: the stable ones and the previews the older SDKs and `az` still send.
pub const SUPPORTED_API_VERSIONS: &[&str] = &[
    "2020-10-01",
    "2021-01-01",
    "2021-05-01-preview",
    "2021-08-01-preview",
    "2021-10-01",
    "2022-10-01-preview",
    "2022-11-01",
    "2023-07-01",
    "2024-01-01",
    "2024-12-01",
];

/// The JSON subprotocol.
pub const JSON_PROTOCOL: &str = "json.webpubsub.azure.v1";
/// The reliable JSON subprotocol (sequence ids, acks and recovery).
pub const JSON_RELIABLE_PROTOCOL: &str = "json.reliable.webpubsub.azure.v1";

/// Query parameters of the recovery URL of a reliable connection.
pub const RECOVERY_CONNECTION_ID: &str = "awps_connection_id";
pub const RECOVERY_TOKEN: &str = "awps_reconnection_token";

/// The largest message a client or a REST call may send (1 MiB).
pub const MAX_MESSAGE_BYTES: usize = 1024 * 1024;
/// `messageTtlSeconds` range.
pub const MAX_TTL_SECONDS: u64 = 300;

/// The two roles `az webpubsub client start` grants, also our default.
pub const ROLE_JOIN_LEAVE: &str = "webpubsub.joinLeaveGroup";
pub const ROLE_SEND: &str = "webpubsub.sendToGroup";

/// WebSocket close codes the service uses.
pub mod close_code {
    /// Normal closure: the service or the client ended the connection.
    pub const NORMAL: u16 = 1000;
    /// A frame that breaks the WebSocket protocol itself (RFC 6455 §7.4.1), e.g. a control
    /// frame over 125 bytes.
    pub const PROTOCOL_ERROR: u16 = 1002;
    /// A binary frame on a JSON subprotocol.
    pub const UNSUPPORTED_DATA: u16 = 1003;
    /// A frame that is not a valid protocol message, or a text frame that is not UTF-8.
    pub const INVALID_PAYLOAD: u16 = 1007;
    /// Recovery failed or a limit was broken: clients must not try to recover.
    pub const POLICY_VIOLATION: u16 = 1008;
    /// A frame larger than [`super::MAX_MESSAGE_BYTES`].
    pub const MESSAGE_TOO_BIG: u16 = 1009;
    /// The service is shutting down.
    pub const GOING_AWAY: u16 = 1001;
    /// The service failed (e.g. the upstream event handler did).
    pub const INTERNAL_ERROR: u16 = 1011;
}

/// The data type of a message: how `data` is encoded on JSON subprotocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DataType {
    #[default]
    Json,
    Text,
    Binary,
    Protobuf,
}

impl DataType {
    pub fn as_str(self) -> &'static str {
        match self {
            DataType::Json => "json",
            DataType::Text => "text",
            DataType::Binary => "binary",
            DataType::Protobuf => "protobuf",
        }
    }

    /// The REST / upstream content type of a payload of this type.
    pub fn content_type(self) -> &'static str {
        match self {
            DataType::Json => "application/json",
            DataType::Text => "text/plain",
            DataType::Binary => "application/octet-stream",
            DataType::Protobuf => "application/x-protobuf",
        }
    }

    /// The data type of a REST body, from its `Content-Type` (parameters such as `charset` ignored).
    pub fn from_content_type(content_type: &str) -> Option<DataType> {
        let media = content_type.split(';').next().unwrap_or("").trim();
        match media.to_ascii_lowercase().as_str() {
            "text/plain" => Some(DataType::Text),
            "application/json" => Some(DataType::Json),
            "application/octet-stream" => Some(DataType::Binary),
            _ => None,
        }
    }
}

/// A frame a JSON-subprotocol client sends (§4.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ClientFrame {
    #[serde(rename_all = "camelCase")]
    JoinGroup {
        group: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ack_id: Option<u64>,
    },
    #[serde(rename_all = "camelCase")]
    LeaveGroup {
        group: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ack_id: Option<u64>,
    },
    #[serde(rename_all = "camelCase")]
    SendToGroup {
        group: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ack_id: Option<u64>,
        #[serde(default)]
        data_type: DataType,
        data: Value,
        #[serde(default, skip_serializing_if = "is_false")]
        no_echo: bool,
        /// Newer clients: drop the message for recipients that have not taken it within this
        /// many seconds (0..=300, 0 = never).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ttl_seconds: Option<u64>,
        /// Newer clients: string pairs for the receivers ([`Metadata`], checked by the service).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        metadata: Option<std::collections::BTreeMap<String, String>>,
    },
    #[serde(rename_all = "camelCase")]
    Event {
        event: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ack_id: Option<u64>,
        #[serde(default)]
        data_type: DataType,
        #[serde(default)]
        data: Value,
        /// Newer clients: string pairs for the event handler (`x-webpubsub-metadata-*` headers).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        metadata: Option<std::collections::BTreeMap<String, String>>,
    },
    #[serde(rename_all = "camelCase")]
    SequenceAck {
        sequence_id: u64,
    },
    Ping,
    /// A request answered by `invokeResponse` (newer clients' `invokeEvent`): an event whose
    /// upstream answer comes back matched to its `invocationId`.
    #[serde(rename_all = "camelCase")]
    Invoke {
        invocation_id: String,
        #[serde(default)]
        event: Option<String>,
        #[serde(default)]
        data_type: DataType,
        #[serde(default)]
        data: Value,
    },
    #[serde(rename_all = "camelCase")]
    CancelInvocation {
        invocation_id: String,
    },
}

/// A field that is present, even as `null`, reads as `Some`: `"userId": null` is not the same as
/// no `userId` (serde's default reads both as `None`).
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where a downstream message comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageSource {
    Server,
    Group,
}

/// The error of a failed ack. `name` is an open set (§7.5): the service uses `Forbidden`,
/// `InternalServerError`, `Duplicate`, `BadRequest`, `NotFound`, `Timeout`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AckError {
    pub name: String,
    pub message: String,
}

impl AckError {
    pub fn new(name: impl Into<String>, message: impl Into<String>) -> AckError {
        AckError {
            name: name.into(),
            message: message.into(),
        }
    }
}

/// Well-known ack error names.
pub mod ack_error {
    pub const FORBIDDEN: &str = "Forbidden";
    pub const DUPLICATE: &str = "Duplicate";
    pub const BAD_REQUEST: &str = "BadRequest";
    pub const INTERNAL: &str = "InternalServerError";
}

/// A system event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SystemEvent {
    Connected,
    Disconnected,
}

/// A frame the service sends to a JSON-subprotocol client (§4.3). Unknown types are kept as
/// [`ServerFrame::Unknown`] so that a newer service cannot break an older client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ServerFrame {
    #[serde(rename_all = "camelCase")]
    Ack {
        ack_id: u64,
        success: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<AckError>,
    },
    #[serde(rename_all = "camelCase")]
    Message {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sequence_id: Option<u64>,
        from: MessageSource,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from_user_id: Option<String>,
        data_type: DataType,
        #[serde(default)]
        data: Value,
        /// The sender's metadata (REST `X-WebPubSub-Metadata-*` headers or a client's `metadata`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        metadata: Option<Metadata>,
    },
    #[serde(rename_all = "camelCase")]
    System {
        event: SystemEvent,
        /// Present (possibly `null`) on `connected`.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "present"
        )]
        user_id: Option<Option<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        connection_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reconnection_token: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    Pong,
    #[serde(rename_all = "camelCase")]
    InvokeResponse {
        invocation_id: String,
        success: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        data_type: Option<DataType>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "present"
        )]
        data: Option<Value>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<AckError>,
    },
    #[serde(other)]
    Unknown,
}

impl ServerFrame {
    pub fn ack_ok(ack_id: u64) -> Self {
        ServerFrame::Ack {
            ack_id,
            success: true,
            error: None,
        }
    }

    pub fn ack_err(ack_id: u64, name: &str, message: impl Into<String>) -> Self {
        ServerFrame::Ack {
            ack_id,
            success: false,
            error: Some(AckError {
                name: name.to_string(),
                message: message.into(),
            }),
        }
    }

    pub fn disconnected(message: impl Into<String>) -> Self {
        ServerFrame::System {
            event: SystemEvent::Disconnected,
            user_id: None,
            connection_id: None,
            reconnection_token: None,
            message: Some(message.into()),
        }
    }
}

/// The REST error body (§2.6). The service writes `innererror`, not the spec's `inner`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub details: Option<Vec<ErrorBody>>,
    #[serde(default)]
    pub innererror: Option<Value>,
}

/// Body of `:addToGroups` and `:removeFromGroups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupsFilterRequest {
    pub groups: Vec<GroupName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
}

/// Response of `:generateToken`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub token: String,
}

/// One page of `GET …/groups/{group}/connections`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupMemberPage {
    pub value: Vec<GroupMember>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupMember {
    pub connection_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

/// The two permissions of Grant/Revoke/Check Permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    SendToGroup,
    JoinLeaveGroup,
}

impl Permission {
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::SendToGroup => "sendToGroup",
            Permission::JoinLeaveGroup => "joinLeaveGroup",
        }
    }

    /// The role granting this permission on every group, e.g. `webpubsub.sendToGroup`.
    pub fn role(self) -> &'static str {
        match self {
            Permission::SendToGroup => ROLE_SEND,
            Permission::JoinLeaveGroup => ROLE_JOIN_LEAVE,
        }
    }

    /// Prefix of the wildcard role, e.g. `webpubsub.sendToGroups.`.
    fn wildcard_prefix(self) -> &'static str {
        match self {
            Permission::SendToGroup => "webpubsub.sendToGroups.",
            Permission::JoinLeaveGroup => "webpubsub.joinLeaveGroups.",
        }
    }

    /// Does this set of roles allow this permission on `group`? Handles the global role, the
    /// group-scoped role (`webpubsub.sendToGroup.<group>`) and wildcard roles (§3.4).
    pub fn allowed_by<'a>(self, roles: impl IntoIterator<Item = &'a str>, group: &str) -> bool {
        let global = self.role();
        roles.into_iter().any(|role| {
            if role == global {
                return true;
            }
            if let Some(scoped) = role.strip_prefix(global).and_then(|r| r.strip_prefix('.')) {
                return scoped == group;
            }
            role.strip_prefix(self.wildcard_prefix())
                .is_some_and(|pattern| wildcard_match(pattern, group))
        })
    }
}

impl std::str::FromStr for Permission {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            _ if s.eq_ignore_ascii_case("sendToGroup") => Ok(Permission::SendToGroup),
            _ if s.eq_ignore_ascii_case("joinLeaveGroup") => Ok(Permission::JoinLeaveGroup),
            _ => Err(format!(
                "unknown permission '{s}': expected sendToGroup or joinLeaveGroup"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_from_roles() {
        let p = Permission::SendToGroup;
        assert!(p.allowed_by(["webpubsub.sendToGroup"], "g"));
        assert!(p.allowed_by(["webpubsub.sendToGroup.g"], "g"));
        assert!(!p.allowed_by(["webpubsub.sendToGroup.g"], "h"));
        assert!(p.allowed_by(["webpubsub.sendToGroups.chat-*"], "chat-1"));
        assert!(!p.allowed_by(["webpubsub.joinLeaveGroup"], "g"));
        assert!(!p.allowed_by(["webpubsub.sendToGroupX"], "g"));
    }

    #[test]
    fn frames_round_trip() {
        let f: ClientFrame =
            serde_json::from_str(r#"{"type":"sendToGroup","group":"g","data":"x","dataType":"text","ackId":3,"noEcho":true}"#)
                .unwrap();
        assert_eq!(
            f,
            ClientFrame::SendToGroup {
                group: "g".into(),
                ack_id: Some(3),
                data_type: DataType::Text,
                data: Value::String("x".into()),
                no_echo: true,
                ttl_seconds: None,
                metadata: None,
            }
        );
        let s = serde_json::to_string(&ServerFrame::ack_ok(1)).unwrap();
        assert_eq!(s, r#"{"type":"ack","ackId":1,"success":true}"#);
        let unknown: ServerFrame = serde_json::from_str(r#"{"type":"streamAck","x":1}"#).unwrap();
        assert_eq!(unknown, ServerFrame::Unknown);
    }

    #[test]
    fn content_types() {
        assert_eq!(
            DataType::from_content_type("application/json; charset=utf-8"),
            Some(DataType::Json)
        );
        assert_eq!(DataType::from_content_type("text/html"), None);
    }
}
