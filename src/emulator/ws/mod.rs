//! The client WebSocket endpoint: the handshake (`handshake`), one task per socket (`socket`),
//! and what each client frame does (`frames`).

mod frames;
mod handshake;
mod socket;

pub(super) use handshake::{
    authenticate, reject, token_groups, Refused, READ_BUFFER_BYTES, WRITE_BUFFER_BYTES,
};
pub use handshake::{connect_hub_path, connect_hub_query};

use super::state::Conn;
use super::upstream::EventContext;

/// The facts an upstream event carries about a connection.
fn event_context(conn: &Conn) -> EventContext {
    EventContext {
        hub: conn.hub.clone(),
        connection_id: conn.id.to_string(),
        user_id: conn.user_id.clone(),
        subprotocol: conn.subprotocol.clone(),
        origin: conn.origin.clone(),
        mqtt: None,
    }
}
