//! Per-connection event order: one sender per connection sends its events one at a time, in
//! the order they happened (`connect`, `connected`, user events, `disconnected`), so a handler
//! never sees `connected` after the first user event, or a user event after `disconnected`.
//! The sender also counts the connection's `ce-id`s from 1 and carries the state a handler set
//! (`ce-connectionState`) on to the connection's later events.
//!
//! Each sender is one task draining a bounded queue; connections do not wait for each other, so
//! a slow handler holds up only the connection whose events it is answering. The tasks are
//! tracked: the emulator's shutdown waits for them, briefly, and then cancels what is left.

use std::time::Duration;

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot};

use super::cloudevents::{Event, SYSTEM_CONTENT_TYPE};
use super::error::{human, log};
use super::{
    lock, ConnectEventRequest, ConnectEventResponse, EventContext, HandlerConfig, Rejection,
    SystemEvent, Upstream, UpstreamError, UserReply, MAX_ERROR_TEXT,
};
use crate::wire::{DataType, Metadata};

/// How many events may wait for one connection's sender. A connection's user events are
/// blocking (its socket reads the next frame only once the last one is answered), so the queue
/// holds at most `connected`, one or two user events and `disconnected`; the bound is a
/// backstop, never reached by a well-behaved connection.
const QUEUE: usize = 16;

/// What the upstream remembers about a connection between its events: its sender.
pub(super) struct ConnEntry {
    tx: mpsc::Sender<Job>,
}

/// One event for a connection's sender, with where its answer goes when it is blocking.
pub(super) enum Job {
    Connect {
        handler: HandlerConfig,
        ctx: EventContext,
        request: ConnectEventRequest,
        reply: oneshot::Sender<Result<ConnectEventResponse, Rejection>>,
    },
    Notify {
        handler: HandlerConfig,
        ctx: EventContext,
        event: SystemEvent,
        body: Bytes,
    },
    User {
        handler: HandlerConfig,
        ctx: EventContext,
        event: String,
        data_type: DataType,
        payload: Bytes,
        metadata: Option<Metadata>,
        reply: oneshot::Sender<Result<Option<UserReply>, UpstreamError>>,
    },
}

/// The sender's own count: the last `ce-id` it used and the state a handler set.
#[derive(Default)]
pub(super) struct Sequence {
    last_id: u64,
    state: Option<String>,
}

impl Sequence {
    /// The next `ce-id`, and the state to send with it.
    pub(super) fn next(&mut self) -> (u64, Option<String>) {
        self.last_id += 1;
        (self.last_id, self.state.clone())
    }

    /// A blocking event's answer: `None` keeps the state, `Some(None)` clears it.
    pub(super) fn apply(&mut self, update: Option<Option<String>>) {
        if let Some(state) = update {
            self.state = state;
        }
    }
}

impl Upstream {
    /// The sender of a connection, started on its first event. `None` without an async
    /// runtime (not the emulator's case), where nothing could send.
    fn sender(&self, connection_id: &str) -> Option<mpsc::Sender<Job>> {
        let mut conns = lock(&self.inner.conns);
        if let Some(entry) = conns.get(connection_id) {
            if !entry.tx.is_closed() {
                return Some(entry.tx.clone());
            }
        }
        let tx = self.start_sender()?;
        conns.insert(connection_id.to_string(), ConnEntry { tx: tx.clone() });
        Some(tx)
    }

    fn start_sender(&self) -> Option<mpsc::Sender<Job>> {
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        let (tx, rx) = mpsc::channel(QUEUE);
        self.inner.tasks.spawn_on(self.clone().drain(rx), &runtime);
        Some(tx)
    }

    /// Queues a blocking event, waiting for room (only this connection waits).
    pub(super) async fn enqueue(&self, connection_id: &str, job: Job) -> Result<(), UpstreamError> {
        let tx = self.sender(connection_id).ok_or(UpstreamError::Stopped)?;
        tx.send(job).await.map_err(|_| UpstreamError::Stopped)
    }

    /// Queues a notification (`connected`) without waiting. It is a connection's first or
    /// second event, so its queue has room; were it ever full, the event is reported, not lost
    /// in silence.
    pub(super) fn notify(&self, connection_id: &str, job: Job) {
        let Some(tx) = self.sender(connection_id) else {
            eprintln!(
                "upstream: an event of connection {connection_id} was not sent (no async runtime)"
            );
            return;
        };
        if tx.try_send(job).is_err() {
            eprintln!(
                "upstream: an event of connection {connection_id} was dropped: {QUEUE} events were already waiting for its handler"
            );
        }
    }

    /// Queues a connection's last event and lets its sender finish: the entry is gone, so the
    /// next event with this connection id starts afresh.
    pub(super) fn notify_last(&self, connection_id: &str, job: Job) {
        let entry = lock(&self.inner.conns).remove(connection_id);
        let tx = match entry {
            Some(e) if !e.tx.is_closed() => e.tx,
            // No event was sent yet (or the sender is gone): a sender for this one event.
            _ => match self.start_sender() {
                Some(tx) => tx,
                None => {
                    eprintln!("upstream: the last event of connection {connection_id} was not sent (no async runtime)");
                    return;
                }
            },
        };
        match tx.try_send(job) {
            Ok(()) => {}
            // Nothing comes after it, so waiting for room keeps the order.
            Err(mpsc::error::TrySendError::Full(job)) => {
                if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                    self.inner.tasks.spawn_on(
                        async move {
                            let _ = tx.send(job).await;
                        },
                        &runtime,
                    );
                }
            }
            Err(mpsc::error::TrySendError::Closed(_)) => {
                eprintln!("upstream: the last event of connection {connection_id} was not sent: the emulator is stopping");
            }
        }
    }

    /// One connection's sender: its events, one at a time, until its queue is closed and empty
    /// or the emulator stops.
    async fn drain(self, mut jobs: mpsc::Receiver<Job>) {
        let stop = self.inner.stop.clone();
        let mut seq = Sequence::default();
        loop {
            let job = tokio::select! {
                biased;
                () = stop.cancelled() => return,
                job = jobs.recv() => match job {
                    Some(job) => job,
                    None => return,
                },
            };
            tokio::select! {
                biased;
                () = stop.cancelled() => return,
                () = self.run(&mut seq, job) => {}
            }
        }
    }

    async fn run(&self, seq: &mut Sequence, job: Job) {
        match job {
            Job::Connect {
                handler,
                ctx,
                request,
                reply,
            } => {
                let result = self.connect_with(&handler, &ctx, &request, seq).await;
                let _ = reply.send(result);
            }
            Job::Notify {
                handler,
                ctx,
                event,
                body,
            } => {
                self.send_notification(&handler, &ctx, event, body, seq)
                    .await
            }
            Job::User {
                handler,
                ctx,
                event,
                data_type,
                payload,
                metadata,
                reply,
            } => {
                let result = self
                    .user_event_now(&handler, &ctx, &event, data_type, payload, metadata, seq)
                    .await;
                // The caller may be gone (its socket closed): the event was still sent, in order.
                let _ = reply.send(result);
            }
        }
    }

    /// A non-blocking event: its answer is only checked, to tell the developer.
    async fn send_notification(
        &self,
        handler: &HandlerConfig,
        ctx: &EventContext,
        event: SystemEvent,
        body: Bytes,
        seq: &mut Sequence,
    ) {
        let (id, state) = seq.next();
        let result = self
            .send(Event {
                handler,
                ctx,
                ce_type: format!("azure.webpubsub.sys.{}", event.as_str()),
                name: event.as_str(),
                content_type: SYSTEM_CONTENT_TYPE,
                body,
                id,
                state,
                with_subprotocol: true,
                metadata: None,
                body_limit: MAX_ERROR_TEXT,
            })
            .await;
        if let Ok(reply) = result {
            if !reply.status.is_success() {
                log(&UpstreamError::Status {
                    url: reply.url.clone(),
                    status: reply.status,
                    body: reply.text(),
                });
            }
        }
    }

    /// Stops the senders: waits up to `within` for the events already queued (the
    /// `disconnected` of every connection the shutdown closed), then cancels what is left.
    pub async fn shutdown(&self, within: Duration) {
        // Without their entries the senders end once their queues are empty.
        lock(&self.inner.conns).clear();
        self.inner.tasks.close();
        if tokio::time::timeout(within, self.inner.tasks.wait())
            .await
            .is_err()
        {
            eprintln!(
                "upstream: {} connections still had events for their handlers after {}; they were not sent",
                self.inner.tasks.len(),
                human(within)
            );
            self.inner.stop.cancel();
            let _ = tokio::time::timeout(Duration::from_secs(1), self.inner.tasks.wait()).await;
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
        // No waiting for `connected`: the connection's sender keeps the order.
        up.connected(&ctx);
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
        // The shutdown finds nothing left to send and returns at once.
        up.shutdown(Duration::from_secs(5)).await;
        assert!(up.inner.tasks.is_empty());
    }

    /// An event handler that passes validation and never answers an event.
    async fn silent_handler() -> std::net::SocketAddr {
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = silent.local_addr().unwrap();
        let app = axum::Router::new().fallback(|method: axum::http::Method| async move {
            if method != axum::http::Method::OPTIONS {
                std::future::pending::<()>().await;
            }
            reply(200, &[("WebHook-Allowed-Origin", "*")], "")
        });
        tokio::spawn(async move { axum::serve(silent, app).await });
        addr
    }

    /// A client that leaves while its `connect` is pending (the handshake future is dropped)
    /// leaves nothing behind.
    #[tokio::test]
    async fn a_client_that_leaves_during_connect_is_forgotten() {
        let addr = silent_handler().await;
        let handler: HandlerConfig =
            format!("url-template=http://{addr}/{{event}} system-event=connect")
                .parse()
                .unwrap();
        let up = Upstream::new(vec![handler], KEY.into());
        let pending = tokio::time::timeout(
            Duration::from_millis(300),
            up.connect(&ctx(), offering(&[])),
        )
        .await;
        assert!(pending.is_err(), "the connect event was answered");
        assert!(lock(&up.inner.conns).is_empty());
    }

    /// A handler that never answers one connection holds up only that connection; the
    /// shutdown gives up on it after its budget and cancels it.
    #[tokio::test]
    async fn a_slow_handler_stalls_only_its_own_connection() {
        let server = Server::start(validating(|_| reply(204, &[], ""))).await;
        // The handler of hub `slowhub` validates, then never answers an event.
        let silent_addr = silent_handler().await;
        let slow_handler: HandlerConfig =
            format!("url-template=http://{silent_addr}/{{event}} user-event-pattern=* hub=slowhub")
                .parse()
                .unwrap();
        let fast_handler = server.handler("user-event-pattern=* hub=chat");
        let up = Upstream::new(vec![fast_handler, slow_handler], KEY.into());
        let slow_ctx = EventContext {
            hub: "slowhub".into(),
            connection_id: "slow".into(),
            ..ctx()
        };
        let stalled = {
            let up = up.clone();
            tokio::spawn(async move {
                up.user_event(&slow_ctx, "a", DataType::Text, Bytes::new())
                    .await
            })
        };
        for i in 0..5 {
            up.user_event(&ctx(), &format!("e{i}"), DataType::Text, Bytes::new())
                .await
                .unwrap();
        }
        assert_eq!(server.posts().len(), 5);
        assert!(!stalled.is_finished());
        up.shutdown(Duration::from_millis(200)).await;
        assert!(
            up.inner.tasks.is_empty(),
            "the stalled sender was not cancelled"
        );
        let err = stalled.await.unwrap().unwrap_err();
        assert_eq!(err, UpstreamError::Stopped);
    }
}
