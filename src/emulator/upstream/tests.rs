//! The public API of [`Upstream`] against a local event handler.

use axum::http::StatusCode;
use bytes::Bytes;

use super::test_support::*;
use super::*;

#[test]
fn first_matching_handler_wins() {
    let handlers: Vec<HandlerConfig> = [
        "url-template=http://first/ hub=chat user-event-pattern=a,B",
        "url-template=http://second/ user-event-pattern=* system-event=connected",
    ]
    .iter()
    .map(|s| s.parse().unwrap())
    .collect();
    let up = Upstream::new(handlers, KEY.into());
    assert!(!up.is_empty());
    let user = |hub, event| up.find_user(hub, event).map(|h| h.url_template);
    assert_eq!(user("CHAT", "b").as_deref(), Some("http://first/"));
    assert_eq!(user("chat", "A").as_deref(), Some("http://first/"));
    assert_eq!(user("chat", "c").as_deref(), Some("http://second/"));
    assert_eq!(user("other", "a").as_deref(), Some("http://second/"));
    assert!(up.handles_user_event("other", "message"));
    assert!(up.handles_system_event("chat", SystemEvent::Connected));
    assert!(!up.handles_system_event("chat", SystemEvent::Connect));
    assert!(Upstream::new(Vec::new(), KEY.into()).is_empty());
}

#[test]
fn a_hubs_own_handlers_replace_the_others_until_removed() {
    let global: HandlerConfig = "url-template=http://global/ user-event-pattern=*"
        .parse()
        .unwrap();
    let up = Upstream::new(vec![global], KEY.into());
    let own =
        HandlerConfig::from_parts("http://own/{event}", None, &["connect".to_string()]).unwrap();
    up.set_hub_handlers("Chat", Some(vec![own]));
    assert!(!up.handles_user_event("chat", "message"));
    assert!(up.handles_system_event("CHAT", SystemEvent::Connect));
    assert!(up.handles_user_event("other", "message"));
    assert_eq!(
        up.handlers_for("chat")[0].url_template,
        "http://own/{event}"
    );
    up.set_hub_handlers("chat", Some(Vec::new()));
    assert!(up.handlers_for("chat").is_empty());
    up.set_hub_handlers("chat", None);
    assert!(up.handles_user_event("chat", "message"));
    assert!(HandlerConfig::from_parts("http://h/", None, &[]).is_err());
    assert!(HandlerConfig::from_parts("ftp://h/", Some("*"), &[]).is_err());
    assert!(HandlerConfig::from_parts("http://h/", Some("*"), &["connecting".into()]).is_err());
}

#[tokio::test]
async fn connect_accepts_with_user_groups_roles_subprotocol() {
    let server = Server::start(validating(|_| {
        reply(
            200,
            &[("content-type", "application/json; charset=utf-8")],
            r#"{"userId":"bob","groups":["g1","g2"],"roles":["webpubsub.joinLeaveGroup"],"subprotocol":"Protocol1","extra":1}"#,
        )
    }))
    .await;
    let up = Upstream::new(vec![server.handler("system-event=connect")], KEY.into());
    let accepted = up
        .connect(&ctx(), offering(&["protocol1", "json.webpubsub.azure.v1"]))
        .await
        .unwrap();
    assert_eq!(
        accepted,
        Some(ConnectEventResponse {
            user_id: Some("bob".into()),
            groups: vec!["g1".into(), "g2".into()],
            roles: vec!["webpubsub.joinLeaveGroup".into()],
            // The client's spelling, as the handshake must echo it.
            subprotocol: Some("protocol1".into()),
            mqtt_user_properties: Vec::new(),
        })
    );
}

#[tokio::test]
async fn connect_with_nulls_or_empty_body_accepts() {
    for (content_type, body) in [
        (
            "application/json",
            r#"{"userId":null,"groups":null,"roles":null,"subprotocol":""}"#,
        ),
        ("application/json", ""),
        ("application/json; charset=utf-8", "{}"),
        // Not JSON-typed: the body is not the connect response.
        ("text/plain", "OK"),
    ] {
        let server = Server::start(validating(move |_| {
            reply(200, &[("content-type", content_type)], body)
        }))
        .await;
        let up = Upstream::new(vec![server.handler("system-event=connect")], KEY.into());
        let accepted = up.connect(&ctx(), offering(&["p"])).await.unwrap();
        assert_eq!(accepted, Some(ConnectEventResponse::default()), "{body:?}");
    }
}

#[tokio::test]
async fn connect_rejects_invalid_responses() {
    let cases = [
        (r#"{"subprotocol":"protocol2"}"#, "did not offer"),
        (r#"{"userId":42}"#, "expected JSON"),
        ("not json", "expected JSON"),
        ("{\"userId\":", "expected JSON"),
        (r#"{"groups":[""]}"#, "invalid group name"),
    ];
    for (body, expected) in cases {
        let server = Server::start(validating(move |_| reply(200, &[], body))).await;
        let up = Upstream::new(vec![server.handler("system-event=connect")], KEY.into());
        let rejection = up
            .connect(&ctx(), offering(&["protocol1"]))
            .await
            .unwrap_err();
        assert_eq!(
            rejection.status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{body:?}"
        );
        assert!(
            rejection.message.contains(expected),
            "{body:?}: {rejection}"
        );
    }
}

#[tokio::test]
async fn connect_rejection_passes_status_and_body() {
    let server = Server::start(validating(|r| {
        if r.header("ce-userid") == Some("user1") {
            reply(401, &[("content-type", "text/plain")], "Invalid user")
        } else {
            reply(403, &[], "")
        }
    }))
    .await;
    let up = Upstream::new(vec![server.handler("system-event=connect")], KEY.into());
    let rejection = up.connect(&ctx(), offering(&[])).await.unwrap_err();
    assert_eq!(
        rejection,
        Rejection {
            status: StatusCode::UNAUTHORIZED,
            message: "Invalid user".into()
        }
    );
    let anonymous = EventContext {
        user_id: None,
        ..ctx()
    };
    let rejection = up.connect(&anonymous, offering(&[])).await.unwrap_err();
    assert_eq!(rejection.status, StatusCode::FORBIDDEN);
    assert!(rejection.message.contains("403"), "{rejection}");
    // A rejected connection is forgotten: its next life starts at ce-id 1 again.
    let ids: Vec<_> = server
        .posts()
        .iter()
        .map(|r| r.header("ce-id").unwrap().to_string())
        .collect();
    assert_eq!(ids, ["1", "1"]);
    assert_eq!(server.posts()[1].header("ce-userid"), None);
}

#[tokio::test]
async fn connect_without_handler_accepts_with_token_claims() {
    let server = Server::start(validating(|_| reply(204, &[], ""))).await;
    let up = Upstream::new(
        vec![server.handler("system-event=connected hub=other")],
        KEY.into(),
    );
    assert_eq!(up.connect(&ctx(), offering(&[])).await, Ok(None));
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn user_event_failures_are_errors() {
    let server = Server::start(validating(|r| match r.event() {
        "huge" => reply(200, &[], vec![b'x'; wire::MAX_MESSAGE_BYTES + 1]),
        _ => reply(500, &[], "boom"),
    }))
    .await;
    let up = Upstream::new(
        vec![server.handler("user-event-pattern=fail,huge")],
        KEY.into(),
    );
    let err = up
        .user_event(&ctx(), "fail", DataType::Text, Bytes::new())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        UpstreamError::Status {
            url: format!("http://{}/eventhandler/fail", server.addr),
            status: StatusCode::INTERNAL_SERVER_ERROR,
            body: "boom".into(),
        }
    );
    let err = up
        .user_event(&ctx(), "huge", DataType::Text, Bytes::new())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("larger than 1 MiB"), "{err}");
    let err = up
        .user_event(&ctx(), "other", DataType::Text, Bytes::new())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        UpstreamError::NoHandler {
            hub: "chat".into(),
            event: "other".into()
        }
    );
    assert!(!up.handles_user_event("chat", "other"));
}
