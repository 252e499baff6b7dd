//! Property tests of the JSON frames: reading any text never panics, and every frame survives
//! a trip through `serde_json`.

use proptest::prelude::*;
use serde_json::Value;

use super::*;

/// Any finite float: with serde_json's `float_roundtrip`, each reads back bit for bit (without
/// it, `4.673900329264384e-131` came back as `…385e-131`, and the emulator altered such data).
fn float() -> impl Strategy<Value = f64> {
    any::<f64>().prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
}

/// Any JSON value (integers of every size, floats, unicode strings), a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        float().prop_map(Value::from),
        ".{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(".{0,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn data_type() -> impl Strategy<Value = DataType> {
    prop::sample::select(vec![
        DataType::Json,
        DataType::Text,
        DataType::Binary,
        DataType::Protobuf,
    ])
}

fn text() -> impl Strategy<Value = String> {
    ".{0,12}"
}

fn client_frame() -> impl Strategy<Value = ClientFrame> {
    let ack = || prop::option::of(any::<u64>());
    prop_oneof![
        (text(), ack()).prop_map(|(group, ack_id)| ClientFrame::JoinGroup { group, ack_id }),
        (text(), ack()).prop_map(|(group, ack_id)| ClientFrame::LeaveGroup { group, ack_id }),
        (text(), ack(), data_type(), json_value(), any::<bool>()).prop_map(
            |(group, ack_id, data_type, data, no_echo)| ClientFrame::SendToGroup {
                group,
                ack_id,
                data_type,
                data,
                no_echo,
                ttl_seconds: None,
                metadata: None,
            }
        ),
        (text(), ack(), data_type(), json_value()).prop_map(|(event, ack_id, data_type, data)| {
            ClientFrame::Event {
                event,
                ack_id,
                data_type,
                data,
                metadata: None,
            }
        }),
        any::<u64>().prop_map(|sequence_id| ClientFrame::SequenceAck { sequence_id }),
        Just(ClientFrame::Ping),
        (text(), prop::option::of(text()), data_type(), json_value()).prop_map(
            |(invocation_id, event, data_type, data)| ClientFrame::Invoke {
                invocation_id,
                event,
                data_type,
                data,
            }
        ),
        text().prop_map(|invocation_id| ClientFrame::CancelInvocation { invocation_id }),
    ]
}

fn ack_error() -> impl Strategy<Value = AckError> {
    (text(), text()).prop_map(|(name, message)| AckError { name, message })
}

fn server_frame() -> impl Strategy<Value = ServerFrame> {
    let opt_text = || prop::option::of(text());
    prop_oneof![
        (any::<u64>(), any::<bool>(), prop::option::of(ack_error())).prop_map(
            |(ack_id, success, error)| ServerFrame::Ack {
                ack_id,
                success,
                error,
            }
        ),
        (
            prop::option::of(any::<u64>()),
            prop::sample::select(vec![MessageSource::Server, MessageSource::Group]),
            opt_text(),
            opt_text(),
            data_type(),
            json_value(),
        )
            .prop_map(
                |(sequence_id, from, group, from_user_id, data_type, data)| {
                    ServerFrame::Message {
                        sequence_id,
                        from,
                        group,
                        from_user_id,
                        data_type,
                        data,
                        metadata: None,
                    }
                }
            ),
        (
            prop::sample::select(vec![SystemEvent::Connected, SystemEvent::Disconnected]),
            prop::option::of(opt_text()),
            opt_text(),
            opt_text(),
            opt_text(),
        )
            .prop_map(
                |(event, user_id, connection_id, reconnection_token, message)| {
                    ServerFrame::System {
                        event,
                        user_id,
                        connection_id,
                        reconnection_token,
                        message,
                    }
                }
            ),
        Just(ServerFrame::Pong),
        (
            text(),
            any::<bool>(),
            prop::option::of(data_type()),
            prop::option::of(json_value()),
            prop::option::of(ack_error()),
        )
            .prop_map(|(invocation_id, success, data_type, data, error)| {
                ServerFrame::InvokeResponse {
                    invocation_id,
                    success,
                    data_type,
                    data,
                    error,
                }
            }),
        Just(ServerFrame::Unknown),
    ]
}

/// A JSON object that looks like a frame: a known (or unknown) `type` and fields of any value.
fn frame_like_json() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "group",
        "ackId",
        "dataType",
        "data",
        "noEcho",
        "event",
        "sequenceId",
        "invocationId",
        "success",
        "error",
        "from",
        "fromUserId",
        "userId",
        "connectionId",
        "message",
    ]);
    let kind = prop::sample::select(vec![
        "joinGroup",
        "leaveGroup",
        "sendToGroup",
        "event",
        "sequenceAck",
        "ping",
        "invoke",
        "cancelInvocation",
        "ack",
        "message",
        "system",
        "pong",
        "invokeResponse",
        "streamAck",
        "",
    ]);
    (
        prop::option::of(kind),
        prop::collection::btree_map(names, json_value(), 0..6),
    )
        .prop_map(|(kind, fields)| {
            let mut object: serde_json::Map<String, Value> = fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            if let Some(kind) = kind {
                object.insert("type".into(), Value::from(kind));
            }
            Value::Object(object).to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reading_any_text_never_panics(s in ".{0,64}") {
        let _ = serde_json::from_str::<ClientFrame>(&s);
        let _ = serde_json::from_str::<ServerFrame>(&s);
    }

    #[test]
    fn reading_any_frame_like_json_never_panics(s in frame_like_json()) {
        let _ = serde_json::from_str::<ClientFrame>(&s);
        let _ = serde_json::from_str::<ServerFrame>(&s);
    }

    /// Nesting far deeper than serde_json's recursion limit is an error, not a stack overflow.
    #[test]
    fn deep_nesting_is_an_error(depth in 100usize..20_000, open in prop::sample::select(vec!["[", "{\"a\":"])) {
        let s = format!(r#"{{"type":"event","event":"e","data":{}"#, open.repeat(depth));
        prop_assert!(serde_json::from_str::<ClientFrame>(&s).is_err());
        prop_assert!(serde_json::from_str::<ServerFrame>(&s).is_err());
    }

    #[test]
    fn client_frames_round_trip(frame in client_frame()) {
        let json = serde_json::to_string(&frame).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: ClientFrame = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{json}: {e}")))?;
        prop_assert_eq!(back, frame, "{}", json);
    }

    #[test]
    fn server_frames_round_trip(frame in server_frame()) {
        let json = serde_json::to_string(&frame).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: ServerFrame = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{json}: {e}")))?;
        prop_assert_eq!(back, frame, "{}", json);
    }
}
