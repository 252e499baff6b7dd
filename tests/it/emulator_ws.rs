//! Client WebSocket protocols (protocols.md §3.2–3.4, §4.1–4.3, §4.6): connected frames,
//! subprotocol selection, join/leave/send/event/ping with acks, data types, roles and wildcard
//! roles, initial groups, and the close codes for bad frames.

use serde_json::{json, Value};

use crate::common::*;

const HUB: &str = "chat";

fn p(path: &str) -> String {
    v(&format!("/api/hubs/{HUB}{path}"))
}

fn opts(protocols: &[&str]) -> WsOpts {
    WsOpts {
        protocols: protocols.iter().map(|s| s.to_string()).collect(),
        ..WsOpts::default()
    }
}

// ----- handshake and connected frame ------------------------------------------------------

#[tokio::test]
async fn json_client_gets_a_connected_frame() {
    let emu = Emulator::start();
    let a = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    assert_eq!(a.user_id.as_deref(), Some("u1"), "{}", a.connected);
    assert!(
        a.connected
            .get("reconnectionToken")
            .is_none_or(Value::is_null),
        "reconnectionToken is for the reliable protocol only: {}",
        a.connected
    );
    emu.rest(
        "HEAD",
        &p(&format!("/connections/{}", a.connection_id)),
        None,
        Vec::new(),
    )
    .await
    .expect(200);

    let anon = emu.connect_json(HUB, &json!({})).await;
    assert!(
        anon.connected.get("userId").is_none_or(Value::is_null),
        "anonymous connection has a user: {}",
        anon.connected
    );
    assert_ne!(anon.connection_id, a.connection_id);
}

#[tokio::test]
async fn supported_subprotocol_is_picked_from_several() {
    let emu = Emulator::start();
    let token = emu.client_token(HUB, &json!({"sub": "u1"}));
    let mut ws = emu
        .ws_open(
            &format!("/client/hubs/{HUB}?access_token={}", enc(&token)),
            &opts(&["foo.bar", JSON_V1]),
        )
        .await
        .unwrap_or_else(|r| panic!("rejected: {r:?}"));
    assert_eq!(ws.protocol.as_deref(), Some(JSON_V1));
    let connected = ws.recv_json().await;
    Client::from_connected(ws, connected);
}

#[tokio::test]
async fn unknown_subprotocol_makes_a_simple_client() {
    let emu = Emulator::start();
    let token = emu.client_token(HUB, &json!({"sub": "raw"}));
    let mut ws = emu
        .ws_open(
            &format!("/client/hubs/{HUB}?access_token={}", enc(&token)),
            &opts(&["my.custom.protocol"]),
        )
        .await
        .unwrap_or_else(|r| panic!("rejected: {r:?}"));
    assert!(
        ws.protocol
            .as_deref()
            .is_none_or(|p| p == "my.custom.protocol"),
        "server selected {:?}",
        ws.protocol
    );
    ws.expect_no_frame(QUIET).await; // no connected frame for simple clients
    emu.eventually_head(&p("/users/raw"), 200).await;
    emu.rest(
        "POST",
        &p("/users/raw/:send"),
        Some("text/plain"),
        "raw text",
    )
    .await
    .expect_accepted();
    assert_eq!(ws.recv_text().await, "raw text");
}

#[tokio::test]
async fn client_query_hub_form_connects_to_the_hub() {
    let emu = Emulator::start();
    let token = emu.client_token(HUB, &json!({"sub": "u1"}));
    let mut ws = emu
        .ws_open(
            &format!("/client/?hub={HUB}&access_token={}", enc(&token)),
            &opts(&[JSON_V1]),
        )
        .await
        .unwrap_or_else(|r| panic!("/client/?hub= rejected: {r:?}"));
    let connected = ws.recv_json().await;
    let mut c = Client::from_connected(ws, connected);
    emu.rest("POST", &p("/:send"), Some("text/plain"), "via query form")
        .await
        .expect_accepted();
    let m = c.ws.recv_json().await;
    assert_fields(
        &m,
        &json!({"type": "message", "from": "server", "data": "via query form"}),
    );
}

#[tokio::test]
async fn client_endpoint_rejects_invalid_hub_names_with_400() {
    let emu = Emulator::start();
    for hub in ["1chat", "my-hub"] {
        let token = emu.client_token(hub, &json!({"sub": "u1"}));
        for path in [
            format!("/client/hubs/{hub}?access_token={}", enc(&token)),
            format!("/client/?hub={hub}&access_token={}", enc(&token)),
        ] {
            let r = emu.ws_open(&path, &opts(&[JSON_V1])).await;
            assert_eq!(r.err().map(|r| r.status), Some(400), "{path}");
        }
    }
}

#[tokio::test]
async fn invalid_group_in_token_claim_is_400() {
    let emu = Emulator::start();
    for groups in [json!(["   "]), json!(["ok", "g".repeat(1025)])] {
        let token = emu.client_token(HUB, &json!({"sub": "u1", "webpubsub.group": groups}));
        let r = emu
            .ws_open(
                &format!("/client/hubs/{HUB}?access_token={}", enc(&token)),
                &opts(&[JSON_V1]),
            )
            .await;
        assert_eq!(r.err().map(|r| r.status), Some(400), "groups {groups}");
    }
}

// ----- join / leave -----------------------------------------------------------------------

#[tokio::test]
async fn join_and_leave_are_acked_and_take_effect() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_json(
            HUB,
            &json!({"sub": "u1", "role": ["webpubsub.joinLeaveGroup"]}),
        )
        .await;
    let ack = c.join("g1").await;
    assert_ack_ok(&ack);
    assert_eq!(ack["ackId"], json!(1));
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(200);
    emu.rest("POST", &p("/groups/g1/:send"), Some("text/plain"), "in g1")
        .await
        .expect_accepted();
    assert_fields(
        &c.ws.recv_json().await,
        &json!({"type": "message", "from": "group", "group": "g1", "data": "in g1"}),
    );

    let ack = c.leave("g1").await;
    assert_ack_ok(&ack);
    assert_eq!(ack["ackId"], json!(2));
    emu.rest("HEAD", &p("/groups/g1"), None, Vec::new())
        .await
        .expect(404);
    emu.rest("POST", &p("/groups/g1/:send"), Some("text/plain"), "left")
        .await
        .expect_accepted();
    c.ws.expect_no_frame(QUIET).await;

    // Without ackId: fire and forget, no ack frame, but the join still happens.
    c.ws.send_json(&json!({"type": "joinGroup", "group": "g2"}))
        .await;
    c.ws.expect_no_frame(QUIET).await;
    emu.eventually_head(&p("/groups/g2"), 200).await;
    c.ws.send_json(&json!({"type": "leaveGroup", "group": "g2"}))
        .await;
    emu.eventually_head(&p("/groups/g2"), 404).await;
    c.ws.expect_no_frame(QUIET).await;
}

#[tokio::test]
async fn invalid_group_names_in_requests_fail_the_ack() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_json(
            HUB,
            &json!({"sub": "u1", "role": ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]}),
        )
        .await;
    let long = "g".repeat(1025);
    for (what, req) in [
        ("join blank", json!({"type": "joinGroup", "group": "   "})),
        (
            "join 1025 chars",
            json!({"type": "joinGroup", "group": long}),
        ),
        (
            "send blank",
            json!({"type": "sendToGroup", "group": " ", "dataType": "text", "data": "x"}),
        ),
    ] {
        let ack = c.call(req).await;
        assert_eq!(ack["success"], json!(false), "{what}: {ack}");
        assert!(
            ack["error"]["name"].as_str().is_some_and(|n| !n.is_empty()),
            "{what}: {ack}"
        );
    }
    // The longest valid name, and names with any characters, are fine.
    for group in [
        "g".repeat(1024),
        "a/b c?#%".to_string(),
        " padded ".to_string(),
    ] {
        assert_ack_ok(&c.join(&group).await);
        emu.rest(
            "HEAD",
            &p(&format!("/groups/{}", enc(&group))),
            None,
            Vec::new(),
        )
        .await
        .expect(200);
    }
    c.ws.ping_pong().await;
}

// ----- sendToGroup ------------------------------------------------------------------------

#[tokio::test]
async fn send_to_group_echoes_to_the_sender_unless_no_echo() {
    let emu = Emulator::start();
    let roles = json!(["webpubsub.sendToGroup"]);
    let mut s = emu
        .connect_json(
            HUB,
            &json!({"sub": "s", "role": roles, "webpubsub.group": ["g1"]}),
        )
        .await;
    let mut m = emu
        .connect_json(HUB, &json!({"sub": "m", "webpubsub.group": ["g1"]}))
        .await;
    let mut o = emu
        .connect_json(HUB, &json!({"sub": "o", "role": roles}))
        .await;
    let expected = |data: &str, from: &str| {
        json!({"type": "message", "from": "group", "group": "g1", "fromUserId": from,
               "dataType": "text", "data": data})
    };

    assert_ack_ok(&s.send_text_to("g1", "echoed").await);
    assert_fields(&s.ws.recv_json().await, &expected("echoed", "s"));
    assert_fields(&m.ws.recv_json().await, &expected("echoed", "s"));

    let ack = s
        .call(json!({"type": "sendToGroup", "group": "g1", "noEcho": true, "dataType": "text", "data": "quiet"}))
        .await;
    assert_ack_ok(&ack);
    assert_fields(&m.ws.recv_json().await, &expected("quiet", "s"));
    s.ws.expect_no_frame(QUIET).await;

    // A sender outside the group can still publish to it.
    assert_ack_ok(&o.send_text_to("g1", "from outside").await);
    assert_fields(&m.ws.recv_json().await, &expected("from outside", "o"));
    assert_fields(&s.ws.recv_json().await, &expected("from outside", "o"));
    o.ws.expect_no_frame(QUIET).await;
}

#[tokio::test]
async fn send_to_group_data_types_reach_json_and_simple_clients() {
    let emu = Emulator::start();
    let mut x = emu
        .connect_json(HUB, &json!({"sub": "x", "role": ["webpubsub.sendToGroup"]}))
        .await;
    let mut j = emu
        .connect_json(HUB, &json!({"sub": "j", "webpubsub.group": ["g1"]}))
        .await;
    let mut s = emu
        .connect_simple_user(HUB, "simple", &json!({"webpubsub.group": ["g1"]}))
        .await;

    let base = json!({"type": "message", "from": "group", "group": "g1", "fromUserId": "x"});

    // json object
    assert_ack_ok(
        &x.call(
            json!({"type": "sendToGroup", "group": "g1", "dataType": "json", "data": {"a": 1}}),
        )
        .await,
    );
    assert_fields(
        &j.ws.recv_json().await,
        &merge(base.clone(), &json!({"dataType": "json", "data": {"a": 1}})),
    );
    assert_eq!(
        serde_json::from_str::<Value>(&s.recv_text().await).expect("JSON text"),
        json!({"a": 1})
    );

    // json is the default dataType
    assert_ack_ok(
        &x.call(json!({"type": "sendToGroup", "group": "g1", "data": [1, "two"]}))
            .await,
    );
    assert_fields(
        &j.ws.recv_json().await,
        &merge(
            base.clone(),
            &json!({"dataType": "json", "data": [1, "two"]}),
        ),
    );
    assert_eq!(
        serde_json::from_str::<Value>(&s.recv_text().await).expect("JSON text"),
        json!([1, "two"])
    );

    // a JSON string keeps its quotes for simple clients
    assert_ack_ok(
        &x.call(json!({"type": "sendToGroup", "group": "g1", "dataType": "json", "data": "Hello"}))
            .await,
    );
    assert_fields(
        &j.ws.recv_json().await,
        &merge(base.clone(), &json!({"dataType": "json", "data": "Hello"})),
    );
    assert_eq!(s.recv_text().await, "\"Hello\"");

    // text
    assert_ack_ok(&x.send_text_to("g1", "plain text").await);
    assert_fields(
        &j.ws.recv_json().await,
        &merge(
            base.clone(),
            &json!({"dataType": "text", "data": "plain text"}),
        ),
    );
    assert_eq!(s.recv_text().await, "plain text");

    // binary (base64 on the wire)
    assert_ack_ok(
        &x.call(
            json!({"type": "sendToGroup", "group": "g1", "dataType": "binary", "data": "AQID"}),
        )
        .await,
    );
    assert_fields(
        &j.ws.recv_json().await,
        &merge(base.clone(), &json!({"dataType": "binary", "data": "AQID"})),
    );
    assert_eq!(s.recv_binary().await, vec![1, 2, 3]);

    j.ws.expect_no_frame(QUIET).await;
    s.expect_no_frame(QUIET).await;
    x.ws.expect_no_frame(QUIET).await;
}

// ----- event, ping ------------------------------------------------------------------------

#[tokio::test]
async fn event_without_upstream_is_acked_with_success() {
    let emu = Emulator::start();
    let mut c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    let ack = c
        .call(json!({"type": "event", "event": "myevent", "dataType": "text", "data": "payload"}))
        .await;
    assert_ack_ok(&ack);
    let ack = c
        .call(json!({"type": "event", "event": "message", "data": {"Hello": "world"}}))
        .await;
    assert_ack_ok(&ack);
}

#[tokio::test]
async fn ping_is_answered_with_pong() {
    let emu = Emulator::start();
    let mut c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    for _ in 0..2 {
        c.ws.send_json(&json!({"type": "ping"})).await;
        let f = c.ws.recv_json().await;
        assert_eq!(f["type"], "pong", "{f}");
    }
}

// ----- ackId semantics --------------------------------------------------------------------

#[tokio::test]
async fn repeated_ack_id_is_duplicate_and_not_executed_again() {
    let emu = Emulator::start();
    let mut s = emu
        .connect_json(
            HUB,
            &json!({"sub": "s", "role": ["webpubsub.sendToGroup", "webpubsub.joinLeaveGroup"]}),
        )
        .await;
    let mut m = emu
        .connect_json(HUB, &json!({"sub": "m", "webpubsub.group": ["g1"]}))
        .await;
    let send = |data: &str| json!({"type": "sendToGroup", "group": "g1", "dataType": "text", "data": data});

    let ack = s.call_with(send("first"), 7).await;
    assert_ack_ok(&ack);
    assert_eq!(m.ws.recv_json().await["data"], "first");

    let ack = s.call_with(send("second"), 7).await;
    assert_ack_err(&ack, "Duplicate");
    assert_eq!(ack["ackId"], json!(7));

    // The ackId space is per connection, across request types.
    let ack = s
        .call_with(json!({"type": "joinGroup", "group": "g2"}), 7)
        .await;
    assert_ack_err(&ack, "Duplicate");
    emu.rest("HEAD", &p("/groups/g2"), None, Vec::new())
        .await
        .expect(404);
    m.ws.expect_no_frame(QUIET).await;

    // Another connection may use the same ackId.
    let ack = m
        .call_with(
            json!({"type": "event", "event": "e", "dataType": "text", "data": "x"}),
            7,
        )
        .await;
    assert_ack_ok(&ack);
}

// ----- roles ------------------------------------------------------------------------------

/// `(op, group, allowed)`: `op` is `join`, `leave`, `send` or `event`.
type Check = (&'static str, &'static str, bool);

/// Runs `(op, group, allowed)` checks for a connection with `roles`; returns mismatches.
async fn check_roles(emu: &Emulator, roles: Value, checks: &[Check]) -> Vec<String> {
    let mut c = emu
        .connect_json(HUB, &json!({"sub": "r", "role": roles}))
        .await;
    let mut wrong = Vec::new();
    for (op, group, allowed) in checks {
        let req = match *op {
            "join" => json!({"type": "joinGroup", "group": group}),
            "leave" => json!({"type": "leaveGroup", "group": group}),
            "send" => {
                json!({"type": "sendToGroup", "group": group, "dataType": "text", "data": "x"})
            }
            "event" => json!({"type": "event", "event": "e", "dataType": "text", "data": "x"}),
            other => panic!("unknown op {other}"),
        };
        let ack = c.call(req).await;
        let ok = ack["success"] == json!(true);
        let forbidden = ack["success"] == json!(false) && ack["error"]["name"] == "Forbidden";
        if *allowed && !ok || !*allowed && !forbidden {
            wrong.push(format!(
                "roles {roles}: {op} {group:?} should be {}, ack {ack}",
                if *allowed { "allowed" } else { "Forbidden" }
            ));
        }
    }
    wrong
}

#[tokio::test]
async fn role_permission_matrix() {
    let emu = Emulator::start();
    let mut wrong = Vec::new();
    let cases: Vec<(Value, Vec<Check>)> = vec![
        (
            json!([]),
            vec![
                ("join", "g1", false),
                ("leave", "g1", false),
                ("send", "g1", false),
                ("event", "", true),
            ],
        ),
        (
            json!(["webpubsub.joinLeaveGroup"]),
            vec![
                ("join", "g1", true),
                ("join", "other", true),
                ("leave", "g1", true),
                ("send", "g1", false),
            ],
        ),
        (
            json!(["webpubsub.sendToGroup"]),
            vec![
                ("send", "g1", true),
                ("send", "g2", true),
                ("join", "g1", false),
                ("leave", "g1", false),
            ],
        ),
        (
            json!(["webpubsub.joinLeaveGroup.group1"]),
            vec![
                ("join", "group1", true),
                ("leave", "group1", true),
                ("join", "group2", false),
                ("join", "group10", false),
                ("leave", "group2", false),
                ("send", "group1", false),
            ],
        ),
        (
            json!(["webpubsub.sendToGroup.group1"]),
            vec![
                ("send", "group1", true),
                ("send", "group2", false),
                ("send", "group1x", false),
                ("join", "group1", false),
            ],
        ),
        (
            json!([
                "webpubsub.joinLeaveGroup.group1",
                "webpubsub.sendToGroup.group2"
            ]),
            vec![
                ("join", "group1", true),
                ("send", "group2", true),
                ("send", "group1", false),
                ("join", "group2", false),
            ],
        ),
        (
            // The singular role names one group exactly: `*` is not a wildcard there.
            json!(["webpubsub.joinLeaveGroup.chat-*"]),
            vec![("join", "chat-*", true), ("join", "chat-1", false)],
        ),
    ];
    for (roles, checks) in cases {
        wrong.extend(check_roles(&emu, roles, &checks).await);
    }
    assert!(wrong.is_empty(), "role mismatches:\n{wrong:#?}");
}

#[tokio::test]
async fn wildcard_group_roles() {
    let emu = Emulator::start();
    let mut wrong = Vec::new();
    let cases: Vec<(Value, Vec<Check>)> = vec![
        (
            json!(["webpubsub.joinLeaveGroups.chat-*"]),
            vec![
                ("join", "chat-1", true),
                ("join", "chat-abc", true),
                ("join", "chat-", true),
                ("leave", "chat-1", true),
                ("join", "chat.1", false),
                ("join", "chat-a.b", false),
                ("join", "chat", false),
                ("join", "Chat-1", false),
                ("send", "chat-1", false),
            ],
        ),
        (
            json!(["webpubsub.sendToGroups.clientA.*"]),
            vec![
                ("send", "clientA.alpha", true),
                ("send", "clientA.alpha.room1", false),
                ("send", "clientB.alpha", false),
                ("join", "clientA.alpha", false),
            ],
        ),
        (
            json!(["webpubsub.sendToGroups.clientA.**"]),
            vec![
                ("send", "clientA.alpha", true),
                ("send", "clientA.alpha.room1", true),
                ("send", "clientB.alpha", false),
            ],
        ),
        (
            json!(["webpubsub.joinLeaveGroups.clientA.rooms.?1"]),
            vec![
                ("join", "clientA.rooms.a1", true),
                ("join", "clientA.rooms.1", false),
                ("join", "clientA.rooms.ab1", false),
                ("join", "clientA.rooms..1", false),
            ],
        ),
        (
            json!(["webpubsub.joinLeaveGroups.literal\\*star"]),
            vec![
                ("join", "literal*star", true),
                ("join", "literalXstar", false),
            ],
        ),
        (
            json!(["webpubsub.joinLeaveGroups.**"]),
            vec![
                ("join", "anything", true),
                ("join", "a.b.c", true),
                ("send", "a", false),
            ],
        ),
    ];
    for (roles, checks) in cases {
        wrong.extend(check_roles(&emu, roles, &checks).await);
    }
    assert!(wrong.is_empty(), "wildcard role mismatches:\n{wrong:#?}");
}

#[tokio::test]
async fn role_claim_may_be_a_string() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_json(
            HUB,
            &json!({"sub": "u1", "role": "webpubsub.joinLeaveGroup"}),
        )
        .await;
    assert_ack_ok(&c.join("g1").await);
    assert_ack_err(&c.send_text_to("g1", "x").await, "Forbidden");
}

// ----- initial groups ---------------------------------------------------------------------

#[tokio::test]
async fn initial_groups_from_the_token_array_and_string() {
    let emu = Emulator::start();
    let mut a = emu
        .connect_json(HUB, &json!({"sub": "a", "webpubsub.group": ["g1", "g2"]}))
        .await;
    let mut b = emu
        .connect_json(HUB, &json!({"sub": "b", "webpubsub.group": "g3"}))
        .await;
    for g in ["g1", "g2", "g3"] {
        emu.rest("HEAD", &p(&format!("/groups/{g}")), None, Vec::new())
            .await
            .expect(200);
    }
    emu.rest("POST", &p("/groups/g2/:send"), Some("text/plain"), "g2")
        .await
        .expect_accepted();
    assert_fields(
        &a.ws.recv_json().await,
        &json!({"group": "g2", "data": "g2"}),
    );
    emu.rest("POST", &p("/groups/g3/:send"), Some("text/plain"), "g3")
        .await
        .expect_accepted();
    assert_fields(
        &b.ws.recv_json().await,
        &json!({"group": "g3", "data": "g3"}),
    );
    a.ws.expect_no_frame(QUIET).await;
    // No role is needed to be placed in groups by the token, but leaving needs one.
    assert_ack_err(&a.leave("g1").await, "Forbidden");
}

#[tokio::test]
async fn group_claim_alias_is_accepted() {
    let emu = Emulator::start();
    let _a = emu
        .connect_json(HUB, &json!({"sub": "a", "group": ["docs-form"]}))
        .await;
    emu.rest("HEAD", &p("/groups/docs-form"), None, Vec::new())
        .await
        .expect(200);
}

// ----- bad frames -------------------------------------------------------------------------

#[tokio::test]
async fn malformed_json_closes_with_1007() {
    let emu = Emulator::start();
    for (proto, bad) in [
        (JSON_V1, "{not json"),
        (JSON_V1, r#"{"type":"joinGroup","group":"#),
        (RELIABLE_V1, "{not json"),
    ] {
        let mut c = emu.connect_proto(HUB, &json!({"sub": "u1"}), proto).await;
        c.ws.send_text(bad).await;
        let end = c.ws.expect_end().await;
        assert_eq!(
            end,
            Frame::Close(Some(1007), end_reason(&end)),
            "{proto} {bad:?}"
        );
    }
}

#[tokio::test]
async fn binary_frame_on_a_json_subprotocol_closes_with_1003() {
    let emu = Emulator::start();
    for proto in [JSON_V1, RELIABLE_V1] {
        let mut c = emu.connect_proto(HUB, &json!({"sub": "u1"}), proto).await;
        c.ws.send_binary(br#"{"type":"ping"}"#.to_vec()).await;
        let end = c.ws.expect_end().await;
        assert_eq!(end, Frame::Close(Some(1003), end_reason(&end)), "{proto}");
    }
}

fn end_reason(f: &Frame) -> String {
    match f {
        Frame::Close(_, r) => r.clone(),
        _ => String::new(),
    }
}
