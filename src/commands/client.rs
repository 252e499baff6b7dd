//! `webpubsub client start`: the command line turned into a [`client::Target`] and options for
//! the client core, which knows nothing of clap.

use std::time::Duration;

use super::{resolve_connection, resolve_hub};
use crate::cli::{ClientProtocol, ClientStart};
use crate::client::{self, Protocol, StartOptions, Target};
use crate::error::Exit;

/// Runs `webpubsub client start`.
pub fn start(args: ClientStart) -> anyhow::Result<Exit> {
    let protocol = match args.protocol {
        ClientProtocol::JsonReliable => Protocol::JsonReliable,
        ClientProtocol::Json => Protocol::Json,
        ClientProtocol::Raw => Protocol::Raw,
    };
    let target = match &args.url {
        Some(url) => {
            if args.user_id.is_some() || !args.roles.is_empty() || !args.groups.is_empty() {
                eprintln!(
                    "webpubsub: warning: --user-id, --role and --group are ignored with --url (its token decides)"
                );
            }
            Target::from_url(url, protocol)?
        }
        None => Target::minted(
            resolve_connection(&args.credentials)?,
            resolve_hub(&args.credentials)?,
            args.user_id,
            args.roles,
            args.groups,
            Duration::from_secs(u64::from(args.expires_in) * 60),
            protocol,
        ),
    };
    client::start(
        target,
        StartOptions {
            keep_open: args.keep_open,
            ack_timeout: Duration::from_secs(args.ack_timeout),
            reconnect_timeout: Duration::from_secs(args.reconnect_timeout),
            show_frames: args.show_frames,
        },
    )
}
