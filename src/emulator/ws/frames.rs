//! What a client's frames do: the PubSub subprotocols' requests (join, leave, send, events,
//! invocations, sequence acks, pings) with their acks, decoded from JSON or protobuf into the
//! same [`ClientFrame`]s, and a simple client's raw messages.

use std::sync::Arc;

use axum::extract::ws::Message;
use base64::Engine;
use bytes::Bytes;

use crate::emulator::state::{
    fan_out, Codec, Conn, Delivery, Hub, Join, Outgoing, Protocol, RawSend,
};
use crate::emulator::upstream::UserReply;

use super::event_context;
use super::socket::End;
use crate::emulator::group_send;
use crate::emulator::Emulator;
use crate::wire::{
    self, ack_error, close_code, ClientFrame, DataType, GroupName, MessageSource, Metadata,
    Permission, ServerFrame,
};

/// A frame's raw `metadata`, checked; a bad one is the request's `BadRequest`.
fn checked_metadata(
    raw: Option<std::collections::BTreeMap<String, String>>,
) -> Result<Option<Metadata>, (&'static str, String)> {
    raw.map(Metadata::from_map)
        .transpose()
        .map_err(|e| bad(format!("Invalid 'metadata': {e}.")))
}

pub(super) async fn on_message(
    emu: &Emulator,
    hub: &Arc<Hub>,
    conn: &Arc<Conn>,
    msg: Message,
) -> Option<End> {
    match msg {
        Message::Close(frame) => Some(End::ClientClosed(
            frame
                .map(|f| f.reason.to_string())
                .filter(|r| !r.is_empty())
                .unwrap_or_else(|| "The client closed the connection.".to_string()),
        )),
        Message::Ping(_) | Message::Pong(_) => None,
        msg => match conn.protocol.codec() {
            Some(codec) => match decode(codec, msg) {
                Ok(frame) => on_request(emu, hub, conn, frame).await,
                Err(end) => Some(end),
            },
            None => match msg {
                Message::Text(text) => {
                    simple_message(emu, hub, conn, DataType::Text, Bytes::from(text)).await
                }
                Message::Binary(bytes) => {
                    simple_message(emu, hub, conn, DataType::Binary, bytes).await
                }
                _ => None,
            },
        },
    }
}

/// A data frame of a PubSub subprotocol as a request; a frame of the wrong kind or that is not
/// a request closes the connection, as the service does.
fn decode(codec: Codec, msg: Message) -> Result<ClientFrame, End> {
    match (codec, msg) {
        (Codec::Json, Message::Text(text)) => {
            serde_json::from_str::<ClientFrame>(&text).map_err(|_| {
                End::Protocol(
                    close_code::INVALID_PAYLOAD,
                    "The client message is not a valid JSON protocol message.".into(),
                )
            })
        }
        (Codec::Protobuf, Message::Binary(bytes)) => {
            wire::protobuf::decode_client(&bytes).map_err(|e| {
                End::Protocol(
                    close_code::INVALID_PAYLOAD,
                    format!("The client message is not a valid protobuf protocol message: {e}.")
                        .into(),
                )
            })
        }
        (Codec::Json, _) => Err(End::Protocol(
            close_code::UNSUPPORTED_DATA,
            "The JSON subprotocol requires text messages.".into(),
        )),
        (Codec::Protobuf, _) => Err(End::Protocol(
            close_code::UNSUPPORTED_DATA,
            "The protobuf subprotocol requires binary messages.".into(),
        )),
    }
}

/// One request of a PubSub subprotocol, whatever its encoding.
async fn on_request(
    emu: &Emulator,
    hub: &Arc<Hub>,
    conn: &Arc<Conn>,
    frame: ClientFrame,
) -> Option<End> {
    match frame {
        ClientFrame::Event {
            event,
            ack_id,
            data_type,
            data,
            metadata,
        } => {
            let request = EventRequest {
                event: &event,
                data_type,
                data,
                metadata,
            };
            user_event(emu, hub, conn, ack_id, request).await;
        }
        ClientFrame::Invoke {
            invocation_id,
            event,
            data_type,
            data,
        } => {
            let event = event.unwrap_or_default();
            let request = EventRequest {
                event: &event,
                data_type,
                data,
                metadata: None,
            };
            invoke(emu, hub, conn, invocation_id, request).await;
        }
        frame => handle_frame(hub, conn, frame),
    }
    None
}

/// Sends the upstream's answer to an event back to its client, as a message from the server.
fn answer(hub: &Hub, conn: &Arc<Conn>, reply: UserReply) {
    let msg = Outgoing::new(
        MessageSource::Server,
        None,
        None,
        reply.data_type,
        reply.body,
    )
    .with_metadata(reply.metadata);
    fan_out(hub, std::slice::from_ref(conn), &msg);
}

/// What an `event` or `invoke` frame asks of the upstream.
struct EventRequest<'a> {
    event: &'a str,
    data_type: DataType,
    data: serde_json::Value,
    metadata: Option<std::collections::BTreeMap<String, String>>,
}

/// A simple client's frame is the upstream `message` event; its answer goes back as a frame.
/// With no handler it has nowhere to go; a failing handler drops the client, as the service does.
/// In `webpubsub_mode=sendToGroup` the frame goes to the group instead.
async fn simple_message(
    emu: &Emulator,
    hub: &Hub,
    conn: &Arc<Conn>,
    data_type: DataType,
    payload: Bytes,
) -> Option<End> {
    if let Some(raw) = &conn.raw_send {
        return raw_send_to_group(hub, conn, raw, data_type, payload);
    }
    if !emu.upstream.handles_user_event(&conn.hub, "message") {
        return None;
    }
    match emu
        .upstream
        .user_event_with(&event_context(conn), "message", data_type, payload, None)
        .await
    {
        Ok(Some(reply)) => {
            answer(hub, conn, reply);
            None
        }
        Ok(None) => None,
        Err(e) => {
            eprintln!("webpubsub emulator: {e}; closing connection {}", conn.id);
            Some(End::Protocol(
                close_code::INTERNAL_ERROR,
                "The upstream event handler failed.".into(),
            ))
        }
    }
}

/// `webpubsub_mode=sendToGroup`: a simple client's frame, published to its group. A simple
/// client has no acks to refuse with, so a frame it may not send closes it (1008), as in
/// Microsoft's emulator; the permission is checked per frame, so a later grant counts.
fn raw_send_to_group(
    hub: &Hub,
    conn: &Arc<Conn>,
    raw: &RawSend,
    data_type: DataType,
    payload: Bytes,
) -> Option<End> {
    if !conn.can(Permission::SendToGroup, &raw.group) {
        return Some(End::Protocol(
            close_code::POLICY_VIOLATION,
            format!(
                "No permission to send to group '{}' (webpubsub_mode=sendToGroup needs the webpubsub.sendToGroup role).",
                raw.group
            )
            .into(),
        ));
    }
    let group = raw.group.clone();
    group_send::send(hub, conn, group, raw.no_echo, data_type, payload, |m| m);
    None
}

/// Validates an event and sends it to the upstream handler, if there is one; returns its answer.
async fn call_event(
    emu: &Emulator,
    conn: &Arc<Conn>,
    request: EventRequest<'_>,
) -> Result<Option<UserReply>, (&'static str, String)> {
    let EventRequest {
        event,
        data_type,
        data,
        metadata,
    } = request;
    if !valid_event_name(event) {
        return Err(bad(format!(
            "Invalid event name '{event}': it must start with a letter and contain only letters, digits, '_', '.' and '-' (at most 128)."
        )));
    }
    let payload = match data {
        serde_json::Value::Null => Bytes::new(),
        data => payload_bytes(conn.protocol, data_type, data)?,
    };
    let metadata = checked_metadata(metadata)?;
    // Without a handler there is nobody to tell; the event is accepted.
    if !emu.upstream.handles_user_event(&conn.hub, event) {
        return Ok(None);
    }
    emu.upstream
        .user_event_with(&event_context(conn), event, data_type, payload, metadata)
        .await
        .map_err(|e| (ack_error::INTERNAL, e.to_string()))
}

/// An `invoke` frame: an event whose answer comes back as `invokeResponse`.
async fn invoke(
    emu: &Emulator,
    hub: &Hub,
    conn: &Arc<Conn>,
    invocation_id: String,
    request: EventRequest<'_>,
) {
    let frame = match call_event(emu, conn, request).await {
        Ok(answer) => {
            let (data_type, data) = match answer {
                Some(r) => (
                    Some(r.data_type),
                    Some(Outgoing::data_value(r.data_type, &r.body)),
                ),
                None => (None, None),
            };
            ServerFrame::InvokeResponse {
                invocation_id,
                success: true,
                data_type,
                data,
                error: None,
            }
        }
        Err((name, message)) => ServerFrame::InvokeResponse {
            invocation_id,
            success: false,
            data_type: None,
            data: None,
            error: Some(wire::AckError {
                name: name.to_string(),
                message,
            }),
        },
    };
    reply(hub, conn, frame);
}

/// An `event` frame: validated, sent to the upstream handler when there is one (its answer comes
/// back as a server message before the ack), acked.
async fn user_event(
    emu: &Emulator,
    hub: &Hub,
    conn: &Arc<Conn>,
    ack_id: Option<u64>,
    request: EventRequest<'_>,
) {
    if answered_duplicate(hub, conn, ack_id) {
        return;
    }
    let result = call_event(emu, conn, request).await.map(|reply| {
        if let Some(reply) = reply {
            answer(hub, conn, reply);
        }
    });
    ack(hub, conn, ack_id, result);
}

fn reply(hub: &Hub, conn: &Conn, frame: ServerFrame) {
    if conn.send_control(&frame) == Delivery::Evicted {
        hub.remove_conn(conn);
    }
}

/// A request's result, or the ack error name and message.
type AckResult = Result<(), (&'static str, String)>;

/// Runs a request that carries an optional ackId: answers `Duplicate` for an ackId already
/// handled (without running it again), otherwise runs it and acks its result.
fn with_ack(hub: &Hub, conn: &Conn, ack_id: Option<u64>, run: impl FnOnce() -> AckResult) {
    if !answered_duplicate(hub, conn, ack_id) {
        let result = run();
        ack(hub, conn, ack_id, result);
    }
}

/// An ackId the connection already had success for gets `Duplicate` (and the request is not
/// run again). Returns true when that happened.
fn answered_duplicate(hub: &Hub, conn: &Conn, ack_id: Option<u64>) -> bool {
    let Some(id) = ack_id.filter(|id| conn.was_acked(*id)) else {
        return false;
    };
    let msg = format!("Message with ack-id: {id} has been processed.");
    reply(
        hub,
        conn,
        ServerFrame::ack_err(id, ack_error::DUPLICATE, msg),
    );
    true
}

/// Acks a request's result, if it asked for an ack; successes are remembered for `Duplicate`.
fn ack(hub: &Hub, conn: &Conn, ack_id: Option<u64>, result: AckResult) {
    let Some(id) = ack_id else { return };
    match result {
        Ok(()) => {
            conn.remember_ack(id);
            reply(hub, conn, ServerFrame::ack_ok(id));
        }
        Err((name, message)) => reply(hub, conn, ServerFrame::ack_err(id, name, message)),
    }
}

fn bad(message: impl Into<String>) -> (&'static str, String) {
    (ack_error::BAD_REQUEST, message.into())
}

fn handle_frame(hub: &Arc<Hub>, conn: &Arc<Conn>, frame: ClientFrame) {
    match frame {
        ClientFrame::JoinGroup { group, ack_id } => with_ack(hub, conn, ack_id, || {
            let group = GroupName::parse(group).map_err(|e| bad(e.to_string()))?;
            if !conn.can(Permission::JoinLeaveGroup, &group) {
                return Err(forbidden(format!(
                    "The client has no permission to join group '{group}'."
                )));
            }
            match hub.join(&conn.id, &group) {
                Join::TooManyGroups { limit } => Err(bad(Join::too_many_groups_message(limit))),
                // NotFound: the connection is being removed; there is nothing left to join.
                Join::Joined | Join::NotFound => Ok(()),
            }
        }),
        ClientFrame::LeaveGroup { group, ack_id } => with_ack(hub, conn, ack_id, || {
            let group = GroupName::parse(group).map_err(|e| bad(e.to_string()))?;
            if !conn.can(Permission::JoinLeaveGroup, &group) {
                return Err(forbidden(format!(
                    "The client has no permission to leave group '{group}'."
                )));
            }
            hub.leave(&conn.id, &group);
            Ok(())
        }),
        ClientFrame::SendToGroup {
            group,
            ack_id,
            data_type,
            data,
            no_echo,
            ttl_seconds,
            metadata,
        } => with_ack(hub, conn, ack_id, || {
            let group = GroupName::parse(group).map_err(|e| bad(e.to_string()))?;
            if !conn.can(Permission::SendToGroup, &group) {
                return Err(forbidden(group_send::no_permission(&group)));
            }
            if ttl_seconds.is_some_and(|t| t > wire::MAX_TTL_SECONDS) {
                return Err(bad(format!(
                    "'ttlSeconds' must be 0 to {} (0: the message never expires).",
                    wire::MAX_TTL_SECONDS
                )));
            }
            let metadata = checked_metadata(metadata)?;
            let payload = payload_bytes(conn.protocol, data_type, data)?;
            group_send::send(hub, conn, group, no_echo, data_type, payload, |msg| {
                msg.with_metadata(metadata).with_ttl(ttl_seconds)
            });
            Ok(())
        }),
        // Events and invocations are asynchronous (they may wait for the upstream):
        // `on_message` runs them. An invocation is answered once it is done; cancelling one
        // has nothing to stop.
        ClientFrame::Event { .. }
        | ClientFrame::Invoke { .. }
        | ClientFrame::CancelInvocation { .. } => {}
        ClientFrame::SequenceAck { sequence_id } => conn.sequence_ack(sequence_id),
        ClientFrame::Ping => reply(hub, conn, ServerFrame::Pong),
    }
}

fn forbidden(message: String) -> (&'static str, String) {
    (ack_error::FORBIDDEN, message)
}

/// `^[a-z][a-z0-9_.-]{0,127}$`, case-insensitive.
fn valid_event_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        && name.len() <= 128
}

/// The bytes a message carries, checked against its data type. Protobuf data (the serialized
/// `Any`, base64 in the frame as the codec reads it) comes only from the protobuf subprotocols.
fn payload_bytes(
    protocol: Protocol,
    data_type: DataType,
    data: serde_json::Value,
) -> Result<Bytes, (&'static str, String)> {
    match (data_type, data) {
        (DataType::Protobuf, serde_json::Value::String(s))
            if protocol.codec() == Some(Codec::Protobuf) =>
        {
            base64::engine::general_purpose::STANDARD
                .decode(s.as_bytes())
                .map(Bytes::from)
                .map_err(|_| bad("protobuf data is not a serialized Any."))
        }
        (DataType::Text, serde_json::Value::String(s)) => Ok(Bytes::from(s)),
        (DataType::Text, _) => Err(bad("dataType 'text' needs 'data' to be a string.")),
        (DataType::Binary, serde_json::Value::String(s)) => {
            base64::engine::general_purpose::STANDARD
                .decode(s.as_bytes())
                .map(Bytes::from)
                .map_err(|_| bad("dataType 'binary' needs 'data' to be base64."))
        }
        (DataType::Binary, _) => Err(bad("dataType 'binary' needs 'data' to be a base64 string.")),
        (DataType::Json, serde_json::Value::Null) => {
            Err(bad("dataType 'json' needs 'data' that is not null."))
        }
        (DataType::Json, value) => Ok(Bytes::from(value.to_string())),
        (DataType::Protobuf, _) => Err(bad(
            "dataType 'protobuf' is only supported on the protobuf subprotocols.",
        )),
    }
}
