//! Per-connection event order: each connection's `ce-id`s count up from 1, and the state a
//! handler set (`ce-connectionState`) rides on the connection's later events.

use super::{lock, Upstream};

/// What the upstream remembers about a connection between its events.
#[derive(Default)]
pub(super) struct ConnEntry {
    pub(super) last_id: u64,
    pub(super) state: Option<String>,
}

impl Upstream {
    /// The next `ce-id` of a connection, and its current state.
    pub(super) fn next_event(&self, connection_id: &str) -> (u64, Option<String>) {
        let mut conns = lock(&self.inner.conns);
        let entry = conns.entry(connection_id.to_string()).or_default();
        entry.last_id += 1;
        (entry.last_id, entry.state.clone())
    }

    /// Stores a state a blocking event's response set. Only for connections still known, so a
    /// response that arrives after `disconnected` cannot bring a forgotten entry back.
    pub(super) fn apply_state(&self, connection_id: &str, update: Option<Option<String>>) {
        let Some(update) = update else { return };
        if let Some(entry) = lock(&self.inner.conns).get_mut(connection_id) {
            entry.state = update;
        }
    }
}
#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::super::test_support::*;
    use super::super::EventContext;
    use super::*;
    use crate::wire::DataType;

    #[tokio::test]
    async fn connection_state_is_carried_to_later_events() {
        let server = Server::start(validating(|r| match r.event() {
            "connect" => reply(
                200,
                &[
                    ("ce-connectionState", "eyJrZXkiOiJhIn0="),
                    ("content-type", "application/json"),
                ],
                r#"{"userId":"bob"}"#,
            ),
            "set" => reply(204, &[("ce-connectionState", "c2")], ""),
            "clear" => reply(204, &[("ce-connectionState", "")], ""),
            "fail" => reply(500, &[("ce-connectionState", "ignored")], ""),
            _ => reply(204, &[], ""),
        }))
        .await;
        let up = Upstream::new(
            vec![server.handler("system-event=connect,connected,disconnected user-event-pattern=*")],
            KEY.into(),
        );
        let accepted = up.connect(&ctx(), offering(&[])).await.unwrap().unwrap();
        assert_eq!(accepted.user_id.as_deref(), Some("bob"));
        let ctx = EventContext {
            user_id: accepted.user_id,
            ..ctx()
        };
        up.connected(&ctx);
        server.wait_for_posts(2).await;
        for event in ["keep", "set", "keep", "fail", "keep", "clear", "keep"] {
            let _ = up
                .user_event(&ctx, event, DataType::Json, Bytes::from_static(b"{}"))
                .await;
        }
        up.disconnected(&ctx, "bye");
        let posts = server.wait_for_posts(10).await;
        let seen: Vec<(&str, &str, Option<&str>)> = posts
            .iter()
            .map(|r| {
                (
                    r.event(),
                    r.header("ce-id").unwrap(),
                    r.header("ce-connectionstate"),
                )
            })
            .collect();
        let a = Some("eyJrZXkiOiJhIn0=");
        assert_eq!(
            seen,
            [
                ("connect", "1", None),
                ("connected", "2", a),
                ("keep", "3", a),
                ("set", "4", a),
                ("keep", "5", Some("c2")),
                ("fail", "6", Some("c2")),
                ("keep", "7", Some("c2")),
                ("clear", "8", Some("c2")),
                ("keep", "9", None),
                ("disconnected", "10", None),
            ]
        );
        // The user the connect handler chose is on the later events.
        assert_eq!(posts[1].header("ce-userid"), Some("bob"));
        // After `disconnected` the connection id starts afresh.
        up.user_event(&ctx, "keep", DataType::Text, Bytes::new())
            .await
            .unwrap();
        assert_eq!(server.posts()[10].header("ce-id"), Some("1"));
        up.forget(&ctx.connection_id);
        assert!(lock(&up.inner.conns).is_empty());
    }
}
