//! One task per socket: it reads the client's frames and writes the connection's outbound
//! queue, and decides how the socket ends (a close from either side, a protocol error with its
//! close code, or a drop a reliable client may recover from).

use std::borrow::Cow;
use std::future::poll_fn;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use futures_util::{SinkExt, StreamExt};

use crate::emulator::state::{lock, sequenced_frame, Conn, Hub, Kill, Out, SocketRx};
use crate::emulator::trace::Direction;

use super::event_context;
use super::frames::on_message;
use crate::emulator::Emulator;
use crate::wire::close_code;

/// Sends a close frame (best effort, briefly) and ends the connection.
async fn close_and_remove(
    emu: &Emulator,
    hub: &Hub,
    conn: &Conn,
    socket: &mut WebSocket,
    code: u16,
    reason: &str,
) {
    if let Some(t) = &emu.trace {
        t.close_out(&conn.hub, &conn.id, code, reason);
    }
    let _ = tokio::time::timeout(
        Duration::from_secs(1),
        socket.send(close_message(code, reason)),
    )
    .await;
    remove(emu, hub, conn, reason);
}

pub(super) fn close_message(code: u16, reason: &str) -> Message {
    // Close reasons are limited to 123 bytes by the WebSocket protocol.
    let mut reason = reason.to_string();
    while reason.len() > 123 {
        reason.pop();
    }
    Message::Close(Some(CloseFrame {
        code,
        reason: Utf8Bytes::from(reason),
    }))
}

/// How a socket's task ended.
pub(super) enum End {
    /// The client sent a close frame (with this reason): the connection is over.
    ClientClosed(String),
    /// The socket broke without a close frame (or we dropped it): recoverable on reliable.
    Broken,
    /// The client broke the protocol: close with this code and reason.
    Protocol(u16, Cow<'static, str>),
    /// The service closed it (REST close, eviction): already removed from the hub.
    ServiceClosed(String),
    Killed(Kill),
}

pub(super) async fn run(
    emu: Arc<Emulator>,
    hub: Arc<Hub>,
    conn: Arc<Conn>,
    socket: WebSocket,
    rx: SocketRx,
) {
    // The reader and the writer below share the socket through a lock taken only inside a
    // poll; both run in this one task, so it is never contended. Not `split()`: its sink parks
    // the last frame in a slot until the socket takes it, which for a slow reader would keep one
    // materialised reliable frame (a per-recipient copy of the message) per connection.
    let socket = Mutex::new(socket);
    let SocketRx {
        rx: mut queue,
        mut kill,
        counters,
        epoch,
    } = rx;
    // A kill is always set before the queue closes, so when the writer finds its queue closed
    // it looks here to tell a dropped socket (recoverable) from a service close. Relying on the
    // select's order alone lost races under load (tokio's coop budget can hold the watch back).
    let kill_seen = kill.clone();
    let end = {
        let writer = async {
            while let Some(out) = queue.recv().await {
                counters.dequeued(&out);
                // Wait until the socket takes a frame before building a reliable one, then hand
                // it over at once: it exists only until tungstenite has copied it.
                let ready = poll_fn(|cx| lock(&socket).poll_ready_unpin(cx)).await;
                // A message that outlived its time to live while queued is dropped, not sent.
                let Some(out) = out.unexpired(std::time::Instant::now()) else {
                    // What was written before it still needs its flush.
                    if queue.is_empty()
                        && poll_fn(|cx| lock(&socket).poll_flush_unpin(cx))
                            .await
                            .is_err()
                    {
                        return End::Broken;
                    }
                    continue;
                };
                let msg = match out {
                    Out::Close(code, reason) => {
                        if let Some(t) = &emu.trace {
                            t.close_out(&conn.hub, &conn.id, code, &reason);
                        }
                        let _ = send_now(&socket, close_message(code, &reason)).await;
                        return End::ServiceClosed(reason);
                    }
                    _ if ready.is_err() => return End::Broken,
                    Out::Frame(msg) => msg,
                    Out::Sequenced(seq, body) => sequenced_frame(seq, &body),
                    // `unexpired` unwrapped it.
                    Out::Expiring(..) => continue,
                };
                if let Some(t) = &emu.trace {
                    t.frame(Direction::Out, &conn.hub, &conn.id, &msg);
                }
                if lock(&socket).start_send_unpin(msg).is_err() {
                    return End::Broken;
                }
                // Batch: flush only when the queue is empty.
                if queue.is_empty()
                    && poll_fn(|cx| lock(&socket).poll_flush_unpin(cx))
                        .await
                        .is_err()
                {
                    return End::Broken;
                }
            }
            match kill_seen.borrow().clone() {
                Some(k) => End::Killed(k),
                None => End::ServiceClosed("The connection was closed by the service.".to_string()),
            }
        };
        let reader = async {
            while let Some(msg) = poll_fn(|cx| lock(&socket).poll_next_unpin(cx)).await {
                let msg = match msg {
                    Ok(m) => m,
                    Err(e) => {
                        return match read_error_close(e) {
                            Some((code, reason)) => End::Protocol(code, reason),
                            None => End::Broken,
                        }
                    }
                };
                if let Some(t) = &emu.trace {
                    t.frame(Direction::In, &conn.hub, &conn.id, &msg);
                }
                // Boxed: handling a frame may wait on the upstream (an HTTP call), a large
                // future that would otherwise be part of every connection's task, idle or not.
                if let Some(end) = Box::pin(on_message(&emu, &hub, &conn, msg)).await {
                    return end;
                }
            }
            End::Broken
        };
        let killed = async {
            loop {
                if let Some(k) = kill.borrow_and_update().clone() {
                    return End::Killed(k);
                }
                if kill.changed().await.is_err() {
                    // The sender is gone without a kill: the queue is closing too, and the
                    // writer ends the task once it has written what is left.
                    std::future::pending::<()>().await;
                }
            }
        };
        // Kills win when both are ready; the writer's own check covers a kill it sees first.
        tokio::select! {
            biased;
            e = killed => e,
            e = reader => e,
            e = writer => e,
            e = keep_alive(&emu, &conn) => e,
        }
    };
    // The reader and the writer are gone: the socket is ours alone again.
    let socket = socket.into_inner().unwrap_or_else(|p| p.into_inner());
    finish(emu, hub, conn, socket, epoch, end).await;
}

/// Ends the socket as `end` says: a close frame where one is owed, the connection removed, or
/// (a broken socket of a reliable connection) kept for a recovery until the window passes.
async fn finish(
    emu: Arc<Emulator>,
    hub: Arc<Hub>,
    conn: Arc<Conn>,
    mut socket: WebSocket,
    epoch: u64,
    end: End,
) {
    match end {
        End::ClientClosed(reason) => {
            let _ = socket.close().await;
            remove(&emu, &hub, &conn, &reason);
        }
        End::Broken | End::Killed(Kill::Drop) => {
            drop(socket);
            if conn.detach(epoch) {
                schedule_expiry(emu, hub, conn);
            } else {
                remove(&emu, &hub, &conn, "The connection was lost.");
            }
        }
        End::Protocol(code, reason) => {
            close_and_remove(&emu, &hub, &conn, &mut socket, code, &reason).await
        }
        End::Killed(Kill::Close(code, reason)) => {
            close_and_remove(&emu, &hub, &conn, &mut socket, code, &reason).await
        }
        End::ServiceClosed(reason) => {
            // Let the client answer the close frame, briefly.
            let _ = tokio::time::timeout(Duration::from_secs(1), async {
                while let Some(Ok(m)) = socket.next().await {
                    if matches!(m, Message::Close(_)) {
                        break;
                    }
                }
            })
            .await;
            remove(&emu, &hub, &conn, &reason);
        }
    }
}

/// Pings the client at its hub's keep-alive interval (ARM hub settings), re-reading the
/// interval whenever any hub's settings change; never ends by itself. A client that does not
/// read its pings fills its queue and is evicted like any slow consumer.
async fn keep_alive(emu: &Emulator, conn: &Conn) -> End {
    let mut changes = emu.hub_settings.subscribe();
    let mut last = tokio::time::Instant::now();
    loop {
        changes.mark_unchanged();
        let every = emu.hub_settings.keep_alive(&conn.hub);
        let due = async {
            match every {
                Some(every) => tokio::time::sleep_until(last + every).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = due => {
                last = tokio::time::Instant::now();
                let _ = conn.ping();
            }
            changed = changes.changed() => {
                if changed.is_err() {
                    // The settings are gone with the emulator: nothing more to ping for.
                    std::future::pending::<()>().await;
                }
            }
        }
    }
}

/// Writes one frame and flushes it, like `SinkExt::send` on the shared socket.
async fn send_now(socket: &Mutex<WebSocket>, msg: Message) -> Result<(), axum::Error> {
    poll_fn(|cx| lock(socket).poll_ready_unpin(cx)).await?;
    lock(socket).start_send_unpin(msg)?;
    poll_fn(|cx| lock(socket).poll_flush_unpin(cx)).await
}

/// The close code and reason for a failed read, or `None` when the transport broke (the peer
/// went away, an I/O error): then there is nobody to tell, and a reliable connection stays
/// recoverable. Classified by the tungstenite error itself, not by its text, which is not an API.
fn read_error_close(e: axum::Error) -> Option<(u16, Cow<'static, str>)> {
    use tokio_tungstenite::tungstenite::error::{Error as WsError, ProtocolError};
    let inner = e.into_inner();
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&*inner);
    while let Some(err) = cause {
        if let Some(ws) = err.downcast_ref::<WsError>() {
            return match ws {
                WsError::Capacity(_) => Some((
                    close_code::MESSAGE_TOO_BIG,
                    "The message is larger than 1 MiB.".into(),
                )),
                WsError::Utf8(_) => Some((
                    close_code::INVALID_PAYLOAD,
                    "A text frame is not valid UTF-8.".into(),
                )),
                // EOF without a close frame: a network failure, not a protocol breach.
                WsError::Protocol(ProtocolError::ResetWithoutClosingHandshake) => None,
                WsError::Protocol(p) => Some((
                    close_code::PROTOCOL_ERROR,
                    format!("WebSocket protocol error: {p}.").into(),
                )),
                _ => None,
            };
        }
        cause = err.source();
    }
    None
}

/// The connection is over: out of its hub, and (once) the upstream `disconnected` event.
fn remove(emu: &Emulator, hub: &Hub, conn: &Conn, reason: &str) {
    conn.finish();
    hub.remove_conn(conn);
    if conn.mark_ended() {
        emu.upstream.disconnected(&event_context(conn), reason);
    }
}

/// A dropped reliable connection waits for its client; when the window passes without a new
/// socket, it is gone.
fn schedule_expiry(emu: Arc<Emulator>, hub: Arc<Hub>, conn: Arc<Conn>) {
    let (_, epoch) = conn.attached_epoch();
    let window = emu.limits.recovery_window;
    tokio::spawn(async move {
        tokio::time::sleep(window).await;
        let (attached, now) = conn.attached_epoch();
        if !attached && now == epoch {
            remove(
                &emu,
                &hub,
                &conn,
                "The connection recovery timeout expired.",
            );
        }
    });
}

/// Handles one frame from the client; returns how the socket must end, if it must.
#[cfg(test)]
mod tests {
    use super::*;
    use tokio_tungstenite::tungstenite::error::{CapacityError, Error as WsError, ProtocolError};

    fn code_of(e: WsError) -> Option<u16> {
        read_error_close(axum::Error::new(e)).map(|(code, _)| code)
    }

    #[test]
    fn read_errors_map_to_close_codes() {
        let too_long = CapacityError::MessageTooLong {
            size: 2,
            max_size: 1,
        };
        assert_eq!(
            code_of(WsError::Capacity(too_long)),
            Some(close_code::MESSAGE_TOO_BIG)
        );
        assert_eq!(
            code_of(WsError::Protocol(ProtocolError::ControlFrameTooBig)),
            Some(close_code::PROTOCOL_ERROR)
        );
        assert_eq!(
            code_of(WsError::Protocol(ProtocolError::UnmaskedFrameFromClient)),
            Some(close_code::PROTOCOL_ERROR)
        );
        assert_eq!(
            code_of(WsError::Utf8("bad".into())),
            Some(close_code::INVALID_PAYLOAD)
        );
        // A vanished peer is a broken transport, which a reliable client may recover from.
        assert_eq!(
            code_of(WsError::Protocol(
                ProtocolError::ResetWithoutClosingHandshake
            )),
            None
        );
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert_eq!(code_of(WsError::Io(reset)), None);
        assert_eq!(code_of(WsError::ConnectionClosed), None);
        // Anything that is not a tungstenite error is not the client's fault either.
        assert_eq!(
            read_error_close(axum::Error::new(std::fmt::Error)).map(|(c, _)| c),
            None
        );
    }

    #[test]
    fn protocol_error_reasons_fit_a_close_frame() {
        let (_, reason) = read_error_close(axum::Error::new(WsError::Protocol(
            ProtocolError::ControlFrameTooBig,
        )))
        .expect("a close");
        assert!(reason.contains("125"), "{reason}");
        // Close reasons are limited to 123 bytes: this one is whole, not cut.
        assert!(reason.len() <= 123, "{reason}");
    }
}
