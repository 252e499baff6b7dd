//! The REST data plane as one table: each operation declared once (method, path template,
//! query parameters, body, answer, first api-version), and its arguments as one typed
//! [`Args`]. The CLI's REST client builds requests from it, `service apply` maps binding
//! actions onto it, `--dry-run` prints what it builds, and the emulator registers its axum
//! routes and parses requests with it, so the two sides cannot drift.

use bytes::Bytes;
use http::Method;
use serde_json::Value;

use super::names::{ConnectionId, GroupName, HubName, NameError, UserId};
use super::{DataType, Permission, MAX_MESSAGE_BYTES, MAX_TTL_SECONDS};

/// Every REST operation of api-version 2024-12-01 (protocols.md §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OpKind {
    Health,
    AddToGroups,
    CloseAllConnections,
    GenerateToken,
    RemoveFromGroups,
    SendToAll,
    CloseConnection,
    ConnectionExists,
    SendToConnection,
    RemoveConnectionFromAllGroups,
    GroupExists,
    CloseGroupConnections,
    SendToGroup,
    ListConnectionsInGroup,
    RemoveConnectionFromGroup,
    AddConnectionToGroup,
    RevokePermission,
    CheckPermission,
    GrantPermission,
    UserExists,
    CloseUserConnections,
    SendToUser,
    RemoveUserFromAllGroups,
    RemoveUserFromGroup,
    AddUserToGroup,
}

/// What an operation carries in its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    None,
    /// A message: text, JSON or bytes, typed by `Content-Type`.
    Message,
    /// `{"groups": [...], "filter": "..."}` as JSON.
    GroupsFilter,
}

/// What a success answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// An empty answer with this status.
    Done(u16),
    /// A HEAD check: 200 is yes, 404 is no.
    Exists,
    /// A JSON body (200).
    Json,
}

/// One operation of the table.
#[derive(Debug)]
pub struct Operation {
    pub kind: OpKind,
    /// The spec's operationId, e.g. `WebPubSub_SendToAll`.
    pub id: &'static str,
    /// The Azure Functions output-binding action that runs it (`service apply`).
    pub action: Option<&'static str>,
    pub method: Method,
    /// The path, `{name}` for path parameters: also the emulator's axum route.
    pub path: &'static str,
    /// Query parameters besides `api-version`, in the order they are sent.
    pub query: &'static [&'static str],
    pub body: BodyKind,
    pub reply: Reply,
    /// The first api-version that has it.
    pub since: &'static str,
}

const OLDEST: &str = "2020-10-01";
const EXCLUDED_REASON: &[&str] = &["excluded", "reason"];
const SEND_QUERY: &[&str] = &["excluded", "filter", "messageTtlSeconds"];

macro_rules! op {
    ($kind:ident, $id:literal, $action:expr, $method:ident, $path:literal, $query:expr, $body:ident, $reply:expr) => {
        op!($kind, $id, $action, $method, $path, $query, $body, $reply, OLDEST)
    };
    ($kind:ident, $id:literal, $action:expr, $method:ident, $path:literal, $query:expr, $body:ident, $reply:expr, $since:expr) => {
        Operation {
            kind: OpKind::$kind,
            id: $id,
            action: $action,
            method: Method::$method,
            path: $path,
            query: $query,
            body: BodyKind::$body,
            reply: $reply,
            since: $since,
        }
    };
}

/// The table, in the order of `OpKind` (a unit test checks it).
pub static OPERATIONS: [Operation; 25] = [
    op!(
        Health,
        "HealthApi_GetServiceStatus",
        None,
        HEAD,
        "/api/health",
        &[],
        None,
        Reply::Done(200)
    ),
    op!(
        AddToGroups,
        "WebPubSub_AddConnectionsToGroups",
        None,
        POST,
        "/api/hubs/{hub}/:addToGroups",
        &[],
        GroupsFilter,
        Reply::Done(200)
    ),
    op!(
        CloseAllConnections,
        "WebPubSub_CloseAllConnections",
        Some("closeAllConnections"),
        POST,
        "/api/hubs/{hub}/:closeConnections",
        EXCLUDED_REASON,
        None,
        Reply::Done(204)
    ),
    op!(
        GenerateToken,
        "WebPubSub_GenerateClientToken",
        None,
        POST,
        "/api/hubs/{hub}/:generateToken",
        &["userId", "role", "minutesToExpire", "group", "clientType"],
        None,
        Reply::Json
    ),
    op!(
        RemoveFromGroups,
        "WebPubSub_RemoveConnectionsFromGroups",
        None,
        POST,
        "/api/hubs/{hub}/:removeFromGroups",
        &[],
        GroupsFilter,
        Reply::Done(200)
    ),
    op!(
        SendToAll,
        "WebPubSub_SendToAll",
        Some("sendToAll"),
        POST,
        "/api/hubs/{hub}/:send",
        SEND_QUERY,
        Message,
        Reply::Done(202)
    ),
    op!(
        CloseConnection,
        "WebPubSub_CloseConnection",
        Some("closeClientConnection"),
        DELETE,
        "/api/hubs/{hub}/connections/{connectionId}",
        &["reason"],
        None,
        Reply::Done(204)
    ),
    op!(
        ConnectionExists,
        "WebPubSub_ConnectionExists",
        None,
        HEAD,
        "/api/hubs/{hub}/connections/{connectionId}",
        &[],
        None,
        Reply::Exists
    ),
    op!(
        SendToConnection,
        "WebPubSub_SendToConnection",
        Some("sendToConnection"),
        POST,
        "/api/hubs/{hub}/connections/{connectionId}/:send",
        &["messageTtlSeconds"],
        Message,
        Reply::Done(202)
    ),
    op!(
        RemoveConnectionFromAllGroups,
        "WebPubSub_RemoveConnectionFromAllGroups",
        None,
        DELETE,
        "/api/hubs/{hub}/connections/{connectionId}/groups",
        &[],
        None,
        Reply::Done(204)
    ),
    op!(
        GroupExists,
        "WebPubSub_GroupExists",
        None,
        HEAD,
        "/api/hubs/{hub}/groups/{group}",
        &[],
        None,
        Reply::Exists
    ),
    op!(
        CloseGroupConnections,
        "WebPubSub_CloseGroupConnections",
        Some("closeGroupConnections"),
        POST,
        "/api/hubs/{hub}/groups/{group}/:closeConnections",
        EXCLUDED_REASON,
        None,
        Reply::Done(204)
    ),
    op!(
        SendToGroup,
        "WebPubSub_SendToGroup",
        Some("sendToGroup"),
        POST,
        "/api/hubs/{hub}/groups/{group}/:send",
        SEND_QUERY,
        Message,
        Reply::Done(202)
    ),
    op!(
        ListConnectionsInGroup,
        "WebPubSub_ListConnectionsInGroup",
        None,
        GET,
        "/api/hubs/{hub}/groups/{group}/connections",
        &["maxpagesize", "top", "continuationToken"],
        None,
        Reply::Json,
        "2024-12-01"
    ),
    op!(
        RemoveConnectionFromGroup,
        "WebPubSub_RemoveConnectionFromGroup",
        Some("removeConnectionFromGroup"),
        DELETE,
        "/api/hubs/{hub}/groups/{group}/connections/{connectionId}",
        &[],
        None,
        Reply::Done(204)
    ),
    op!(
        AddConnectionToGroup,
        "WebPubSub_AddConnectionToGroup",
        Some("addConnectionToGroup"),
        PUT,
        "/api/hubs/{hub}/groups/{group}/connections/{connectionId}",
        &[],
        None,
        Reply::Done(200)
    ),
    op!(
        RevokePermission,
        "WebPubSub_RevokePermission",
        Some("revokePermission"),
        DELETE,
        "/api/hubs/{hub}/permissions/{permission}/connections/{connectionId}",
        &["targetName"],
        None,
        Reply::Done(204)
    ),
    op!(
        CheckPermission,
        "WebPubSub_CheckPermission",
        None,
        HEAD,
        "/api/hubs/{hub}/permissions/{permission}/connections/{connectionId}",
        &["targetName"],
        None,
        Reply::Exists
    ),
    op!(
        GrantPermission,
        "WebPubSub_GrantPermission",
        Some("grantPermission"),
        PUT,
        "/api/hubs/{hub}/permissions/{permission}/connections/{connectionId}",
        &["targetName"],
        None,
        Reply::Done(200)
    ),
    op!(
        UserExists,
        "WebPubSub_UserExists",
        None,
        HEAD,
        "/api/hubs/{hub}/users/{userId}",
        &[],
        None,
        Reply::Exists
    ),
    op!(
        CloseUserConnections,
        "WebPubSub_CloseUserConnections",
        None,
        POST,
        "/api/hubs/{hub}/users/{userId}/:closeConnections",
        EXCLUDED_REASON,
        None,
        Reply::Done(204)
    ),
    // SendToUser has no `excluded` (§2.3).
    op!(
        SendToUser,
        "WebPubSub_SendToUser",
        Some("sendToUser"),
        POST,
        "/api/hubs/{hub}/users/{userId}/:send",
        &["filter", "messageTtlSeconds"],
        Message,
        Reply::Done(202)
    ),
    op!(
        RemoveUserFromAllGroups,
        "WebPubSub_RemoveUserFromAllGroups",
        Some("removeUserFromAllGroups"),
        DELETE,
        "/api/hubs/{hub}/users/{userId}/groups",
        &[],
        None,
        Reply::Done(204)
    ),
    op!(
        RemoveUserFromGroup,
        "WebPubSub_RemoveUserFromGroup",
        Some("removeUserFromGroup"),
        DELETE,
        "/api/hubs/{hub}/users/{userId}/groups/{group}",
        &[],
        None,
        Reply::Done(204)
    ),
    op!(
        AddUserToGroup,
        "WebPubSub_AddUserToGroup",
        Some("addUserToGroup"),
        PUT,
        "/api/hubs/{hub}/users/{userId}/groups/{group}",
        &[],
        None,
        Reply::Done(200)
    ),
];

impl OpKind {
    /// This operation's row of the table.
    pub fn spec(self) -> &'static Operation {
        &OPERATIONS[self as usize]
    }

    /// The operation a binding action name stands for (case-insensitive).
    pub fn from_action(name: &str) -> Option<OpKind> {
        OPERATIONS
            .iter()
            .find(|op| op.action.is_some_and(|a| a.eq_ignore_ascii_case(name)))
            .map(|op| op.kind)
    }

    /// The binding action names, for help and errors.
    pub fn action_names() -> impl Iterator<Item = &'static str> {
        OPERATIONS.iter().filter_map(|op| op.action)
    }
}

impl Operation {
    /// The names of the path parameters, `hub` included, in order.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> {
        self.path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }
}

/// `clientType` of `:generateToken`, and the kind of client a token is for: each kind has its
/// own endpoint, which is also the token's audience (`client/hubs/{hub}`,
/// `clients/mqtt/hubs/{hub}`, `clients/socketio/hubs/{hub}`; the SDKs' `clientProtocol`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientType {
    #[default]
    Default,
    Mqtt,
    /// Web PubSub for Socket.IO. The REST spec lists only Default and MQTT, but the SDKs send
    /// `clientType=socketio` (JS `getClientAccessToken`, Python `get_client_access_token`): we
    /// follow the SDKs.
    SocketIo,
}

impl ClientType {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientType::Default => "Default",
            ClientType::Mqtt => "MQTT",
            ClientType::SocketIo => "SocketIO",
        }
    }

    /// The endpoint path before `/hubs/{hub}`: `client`, `clients/mqtt` or `clients/socketio`.
    pub fn path(self) -> &'static str {
        match self {
            ClientType::Default => "client",
            ClientType::Mqtt => "clients/mqtt",
            ClientType::SocketIo => "clients/socketio",
        }
    }
}

impl std::str::FromStr for ClientType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s.eq_ignore_ascii_case("Default") {
            Ok(ClientType::Default)
        } else if s.eq_ignore_ascii_case("MQTT") {
            Ok(ClientType::Mqtt)
        } else if s.eq_ignore_ascii_case("SocketIO") {
            Ok(ClientType::SocketIo)
        } else {
            Err(format!(
                "clientType '{s}' is not supported; use Default, MQTT or SocketIO"
            ))
        }
    }
}

/// A message body with its data type, checked: at most 1 MiB, JSON that parses, UTF-8 text.
#[derive(Debug, Clone, PartialEq)]
pub struct Payload {
    data_type: DataType,
    bytes: Bytes,
}

/// Why a payload was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    #[error("the message is {0} bytes; the service accepts at most {MAX_MESSAGE_BYTES} (1 MiB)")]
    TooLarge(usize),
    #[error("the payload is not valid JSON: {0}")]
    NotJson(String),
    #[error("the payload is not UTF-8 text")]
    NotText,
    #[error("dataType '{0}' cannot be sent over REST")]
    Unsupported(&'static str),
}

impl Payload {
    pub fn new(data_type: DataType, bytes: Bytes) -> Result<Payload, PayloadError> {
        if bytes.len() > MAX_MESSAGE_BYTES {
            return Err(PayloadError::TooLarge(bytes.len()));
        }
        match data_type {
            DataType::Json => {
                serde_json::from_slice::<Value>(&bytes)
                    .map_err(|e| PayloadError::NotJson(e.to_string()))?;
            }
            DataType::Text => {
                std::str::from_utf8(&bytes).map_err(|_| PayloadError::NotText)?;
            }
            DataType::Binary => {}
            DataType::Protobuf => return Err(PayloadError::Unsupported("protobuf")),
        }
        Ok(Payload { data_type, bytes })
    }

    pub fn data_type(&self) -> DataType {
        self.data_type
    }

    pub fn content_type(&self) -> &'static str {
        self.data_type.content_type()
    }

    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

/// A refused argument: the parameter and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ArgError {
    pub field: String,
    pub message: String,
}

impl ArgError {
    fn new(field: &str, message: impl Into<String>) -> Self {
        ArgError {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl From<NameError> for ArgError {
    fn from(e: NameError) -> Self {
        ArgError::new(e.field, e.to_string())
    }
}

/// Integer query parameters and their ranges.
pub const TTL_RANGE: (i64, i64) = (0, MAX_TTL_SECONDS as i64);
pub const MAX_PAGE_SIZE_RANGE: (i64, i64) = (1, 200);
pub const TOP_RANGE: (i64, i64) = (1, i32::MAX as i64);
pub const MINUTES_RANGE: (i64, i64) = (1, i32::MAX as i64);

fn int(name: &str, raw: &str, (min, max): (i64, i64)) -> Result<u32, ArgError> {
    match raw.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => {
            u32::try_from(n).map_err(|_| out_of_range(name, raw, min, max))
        }
        _ => Err(out_of_range(name, raw, min, max)),
    }
}

fn out_of_range(name: &str, raw: &str, min: i64, max: i64) -> ArgError {
    ArgError::new(
        name,
        format!("The value '{raw}' of '{name}' is out of range: it must be an integer between {min} and {max}."),
    )
}

/// Everything an operation may carry besides the hub: path names, query parameters and body.
/// Which of them an operation uses is its row of [`OPERATIONS`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Args {
    pub group: Option<GroupName>,
    /// `{userId}` in the path, or `userId` of `:generateToken`.
    pub user: Option<UserId>,
    pub connection: Option<ConnectionId>,
    pub permission: Option<Permission>,
    pub excluded: Vec<ConnectionId>,
    /// OData; the query of sends, or the body of `:addToGroups`/`:removeFromGroups`.
    pub filter: Option<String>,
    /// `messageTtlSeconds`.
    pub ttl: Option<u32>,
    pub reason: Option<String>,
    /// `targetName` of the permission operations.
    pub target: Option<GroupName>,
    /// `role` of `:generateToken`.
    pub roles: Vec<String>,
    /// `group` of `:generateToken`, or the groups of `:addToGroups`/`:removeFromGroups`.
    pub groups: Vec<GroupName>,
    /// `minutesToExpire`.
    pub minutes: Option<u32>,
    pub client_type: Option<ClientType>,
    pub max_page_size: Option<u32>,
    pub top: Option<u32>,
    pub continuation: Option<String>,
    /// The message of a send.
    pub payload: Option<Payload>,
    /// A send's `X-WebPubSub-Metadata-*` headers.
    pub metadata: Option<super::Metadata>,
}

impl Args {
    /// Sets a path parameter from its (decoded) text.
    pub fn set_path(&mut self, name: &str, value: &str) -> Result<(), ArgError> {
        match name {
            "group" => self.group = Some(GroupName::parse(value)?),
            "userId" => self.user = Some(UserId::parse(value)?),
            "connectionId" => self.connection = Some(ConnectionId::parse(value)?),
            "permission" => {
                self.permission = Some(value.parse().map_err(|e| ArgError::new(name, e))?)
            }
            _ => {
                return Err(ArgError::new(
                    name,
                    format!("unknown path parameter '{name}'"),
                ))
            }
        }
        Ok(())
    }

    /// A path parameter's text (not encoded).
    pub fn path_value(&self, name: &str) -> Option<&str> {
        match name {
            "group" => self.group.as_deref(),
            "userId" => self.user.as_deref(),
            "connectionId" => self.connection.as_deref(),
            "permission" => self.permission.map(Permission::as_str),
            _ => None,
        }
    }

    /// A path parameter encoded as exactly one segment.
    pub fn path_segment(&self, name: &str) -> Option<String> {
        match name {
            "group" => self.group.as_ref().map(GroupName::segment),
            "userId" => self.user.as_ref().map(UserId::segment),
            "connectionId" => self.connection.as_ref().map(ConnectionId::segment),
            "permission" => self.permission.map(|p| p.as_str().to_string()),
            _ => None,
        }
    }

    /// Adds one query value; `name` is the canonical name from the table.
    pub fn add_query(&mut self, name: &str, value: &str) -> Result<(), ArgError> {
        match name {
            "excluded" => self.excluded.push(ConnectionId::parse(value)?),
            "filter" => self.filter = Some(value.to_string()),
            "messageTtlSeconds" => self.ttl = Some(int(name, value, TTL_RANGE)?),
            "reason" => self.reason = Some(value.to_string()),
            "targetName" => self.target = Some(GroupName::parse(value)?),
            // The SDKs leave an empty user id out; an empty `userId=` means none.
            "userId" if value.is_empty() => {}
            "userId" => self.user = Some(UserId::parse(value)?),
            "role" => self.roles.push(value.to_string()),
            "group" => self.groups.push(GroupName::parse(value)?),
            "minutesToExpire" => self.minutes = Some(int(name, value, MINUTES_RANGE)?),
            "clientType" => {
                self.client_type = Some(value.parse().map_err(|e| ArgError::new(name, e))?)
            }
            "maxpagesize" => self.max_page_size = Some(int(name, value, MAX_PAGE_SIZE_RANGE)?),
            "top" => self.top = Some(int(name, value, TOP_RANGE)?),
            "continuationToken" => self.continuation = Some(value.to_string()),
            _ => {
                return Err(ArgError::new(
                    name,
                    format!("unknown query parameter '{name}'"),
                ))
            }
        }
        Ok(())
    }

    /// A query parameter's values, in order (several for repeated keys).
    pub fn query_values(&self, name: &str) -> Vec<String> {
        let one = |v: Option<String>| v.into_iter().collect();
        match name {
            "excluded" => self.excluded.iter().map(|c| c.to_string()).collect(),
            "filter" => one(self.filter.clone()),
            "messageTtlSeconds" => one(self.ttl.map(|t| t.to_string())),
            "reason" => one(self.reason.clone()),
            "targetName" => one(self.target.as_ref().map(|t| t.to_string())),
            "userId" => one(self.user.as_ref().map(|u| u.to_string())),
            "role" => self.roles.clone(),
            "group" => self.groups.iter().map(|g| g.to_string()).collect(),
            "minutesToExpire" => one(self.minutes.map(|m| m.to_string())),
            "clientType" => one(self.client_type.map(|c| c.as_str().to_string())),
            "maxpagesize" => one(self.max_page_size.map(|m| m.to_string())),
            "top" => one(self.top.map(|t| t.to_string())),
            "continuationToken" => one(self.continuation.clone()),
            _ => Vec::new(),
        }
    }

    /// Reads an operation's query from `(name, value)` pairs as received: names compared
    /// case-insensitively, parameters the operation does not have ignored (as the service does).
    pub fn read_query<'a>(
        &mut self,
        op: &Operation,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<(), ArgError> {
        for (k, v) in pairs {
            if let Some(name) = op.query.iter().find(|q| q.eq_ignore_ascii_case(k)) {
                self.add_query(name, v)?;
            }
        }
        Ok(())
    }
}

/// A REST operation with its arguments, checked against the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    kind: OpKind,
    args: Args,
}

impl Op {
    /// Checks that every path parameter and the body the operation needs are there.
    pub fn new(kind: OpKind, args: Args) -> Result<Op, ArgError> {
        let spec = kind.spec();
        for name in spec.path_params().filter(|p| *p != "hub") {
            if args.path_value(name).is_none() {
                return Err(ArgError::new(name, format!("missing '{name}'")));
            }
        }
        if spec.body == BodyKind::Message && args.payload.is_none() {
            return Err(ArgError::new("data", "missing the message"));
        }
        if spec.body == BodyKind::GroupsFilter && args.groups.is_empty() {
            return Err(ArgError::new("groups", "no group given"));
        }
        Ok(Op { kind, args })
    }

    pub fn kind(&self) -> OpKind {
        self.kind
    }

    pub fn spec(&self) -> &'static Operation {
        self.kind.spec()
    }

    pub fn args(&self) -> &Args {
        &self.args
    }

    /// The path with every name encoded as one segment.
    pub fn path(&self, hub: &HubName) -> String {
        self.spec()
            .path
            .split('/')
            .map(
                |seg| match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some("hub") => hub.segment(),
                    Some(name) => self.args.path_segment(name).unwrap_or_default(),
                    None => seg.to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The query, `api-version` excluded, in the table's order.
    pub fn query(&self) -> Vec<(&'static str, String)> {
        self.spec()
            .query
            .iter()
            .flat_map(|name| {
                self.args
                    .query_values(name)
                    .into_iter()
                    .map(move |v| (*name, v))
            })
            .collect()
    }

    /// Request headers besides auth and content type: a send's `X-WebPubSub-Metadata-<key>`.
    pub fn headers(&self) -> Vec<(String, String)> {
        if self.spec().body != BodyKind::Message {
            return Vec::new();
        }
        self.args
            .metadata
            .iter()
            .flat_map(|m| m.iter())
            .map(|(k, v)| (format!("X-WebPubSub-Metadata-{k}"), v.to_string()))
            .collect()
    }

    /// The body, if the operation has one.
    pub fn body(&self) -> Option<Payload> {
        match self.spec().body {
            BodyKind::None => None,
            BodyKind::Message => self.args.payload.clone(),
            BodyKind::GroupsFilter => {
                let body = super::GroupsFilterRequest {
                    groups: self.args.groups.clone(),
                    filter: self.args.filter.clone(),
                };
                let json = serde_json::to_vec(&body).unwrap_or_default();
                Some(Payload {
                    data_type: DataType::Json,
                    bytes: Bytes::from(json),
                })
            }
        }
    }

    /// The api-version used when none is given: the CLI's default, or the first version that
    /// has the operation when that is newer.
    pub fn default_api_version(&self) -> &'static str {
        let since = self.spec().since;
        if since > super::DEFAULT_API_VERSION {
            since
        } else {
            super::DEFAULT_API_VERSION
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_kind_order_and_complete() {
        for (i, op) in OPERATIONS.iter().enumerate() {
            assert_eq!(op.kind as usize, i, "{} is out of place", op.id);
        }
        assert_eq!(OpKind::action_names().count(), 14);
        assert_eq!(OpKind::from_action("SENDTOALL"), Some(OpKind::SendToAll));
        assert_eq!(
            OpKind::from_action("closeClientConnection"),
            Some(OpKind::CloseConnection)
        );
        let mut routes: Vec<(String, &str)> = OPERATIONS
            .iter()
            .map(|o| (o.method.to_string(), o.path))
            .collect();
        routes.sort();
        routes.dedup();
        assert_eq!(routes.len(), 25, "two operations share a method and path");
    }

    #[test]
    fn every_query_name_and_path_name_has_a_field() {
        let mut args = Args::default();
        for op in &OPERATIONS {
            for p in op.path_params().filter(|p| *p != "hub") {
                let value = if p == "permission" {
                    "sendToGroup"
                } else {
                    "x"
                };
                args.set_path(p, value).unwrap();
                assert!(args.path_value(p).is_some(), "{p}");
            }
            for q in op.query {
                let value = match *q {
                    "clientType" => "MQTT",
                    "messageTtlSeconds" | "maxpagesize" | "top" | "minutesToExpire" => "7",
                    _ => "v",
                };
                args.add_query(q, value).unwrap();
                assert!(!args.query_values(q).is_empty(), "{q}");
            }
        }
    }

    #[test]
    fn paths_encode_each_name_as_one_segment() {
        let hub = HubName::parse("chat").unwrap();
        let args = Args {
            group: Some(GroupName::parse("a/b").unwrap()),
            payload: Some(Payload::new(DataType::Text, Bytes::from("hi")).unwrap()),
            ..Args::default()
        };
        let op = Op::new(OpKind::SendToGroup, args).unwrap();
        assert_eq!(op.path(&hub), "/api/hubs/chat/groups/a%2Fb/:send");
        let args = Args {
            user: Some(UserId::parse("fake user").unwrap()),
            connection: Some(ConnectionId::parse("c?1").unwrap()),
            ..Args::default()
        };
        assert!(Op::new(OpKind::AddUserToGroup, args.clone()).is_err());
        let op = Op::new(OpKind::CloseConnection, args).unwrap();
        assert_eq!(op.path(&hub), "/api/hubs/chat/connections/c%3F1");
    }

    #[test]
    fn queries_follow_the_table_and_ranges_are_checked() {
        let mut args = Args::default();
        let send = OpKind::SendToUser.spec();
        args.read_query(
            send,
            [
                ("EXCLUDED", "c1"),
                ("filter", "userId eq 'a'"),
                ("messageTtlSeconds", "5"),
            ],
        )
        .unwrap();
        // SendToUser has no `excluded`: it is ignored, as the service ignores it.
        assert!(args.excluded.is_empty());
        assert_eq!(args.ttl, Some(5));
        let err = args
            .read_query(send, [("messageTtlSeconds", "301")])
            .unwrap_err();
        assert_eq!(err.field, "messageTtlSeconds");
        let err = args
            .read_query(OpKind::SendToAll.spec(), [("excluded", "..")])
            .unwrap_err();
        assert!(err.message.contains("invalid connection id '..'"), "{err}");
    }

    #[test]
    fn payloads_are_checked() {
        assert!(Payload::new(DataType::Json, Bytes::from("{")).is_err());
        assert!(Payload::new(DataType::Text, Bytes::from(vec![0xff])).is_err());
        assert!(Payload::new(DataType::Binary, Bytes::from(vec![0xff])).is_ok());
        assert!(Payload::new(
            DataType::Binary,
            Bytes::from(vec![0; MAX_MESSAGE_BYTES + 1])
        )
        .is_err());
    }
}
