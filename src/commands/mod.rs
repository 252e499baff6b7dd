//! Command handlers: `service` (REST), `client start` and `client token`, `token decode`, and
//! the control plane, `key` and `hub` (`control`); `target` turns the flags that say where the
//! service is and how to sign in into a signed-in target (through Azure Resource Manager for -n/-g).
//! `emulator start` turns its options into [`crate::emulator::Options`] and runs the emulator.

mod apply;
pub mod client;
pub(crate) mod control;
pub mod emulator;
mod rest;
pub mod service;
pub(crate) mod target;
pub mod token;

use crate::cli::Credentials;
use crate::error::Error;
use crate::wire::ops::PayloadError;
use crate::wire::{DataType, HubName, Payload};

/// The emulator's connection string: the default when no credentials are given, so every
/// command works against `webpubsub emulator start` on a fresh machine.
pub fn default_connection_string() -> String {
    crate::connstr::emulator_default()
}

/// `--hub-name` / `WebPubSubHub` (clap already checked it like the service does).
pub fn resolve_hub(creds: &Credentials) -> Result<HubName, Error> {
    creds
        .hub
        .clone()
        .ok_or_else(|| Error::usage("no hub: pass --hub-name HUB (or --hub) or set WebPubSubHub"))
}

/// A message checked against its data type, with a hint on how to fix what is wrong.
fn payload(data_type: DataType, bytes: bytes::Bytes) -> Result<Payload, Error> {
    Payload::new(data_type, bytes).map_err(|e| {
        let hint = match e {
            PayloadError::NotJson(_) => "fix the JSON, or send it as text with --content-type text",
            PayloadError::NotText => "send bytes with --content-type binary",
            PayloadError::TooLarge(_) => "split the message, or send a link to the data instead",
            PayloadError::Unsupported(_) => "use text, json or binary",
        };
        Error::usage(e.to_string()).with_hint(hint)
    })
}
