//! `webpubsub emulator start`: the command line checked and turned into emulator options.

use std::str::FromStr;
use std::time::Duration;

use crate::cli::EmulatorStart;
use crate::emulator::{self, upstream::HandlerConfig};
use crate::error::{Error, Exit};

/// Runs the emulator until Ctrl-C or SIGTERM.
pub async fn start(args: EmulatorStart) -> anyhow::Result<Exit> {
    let event_handlers = args
        .event_handlers
        .iter()
        .map(|spec| {
            HandlerConfig::from_str(spec).map_err(|e| {
                Error::usage(format!(
                    "invalid --event-handler '{}': {e}",
                    crate::output::sanitize_line(spec)
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let opts = emulator::Options {
        host: args.host,
        port: args.port,
        access_key: args.access_key,
        limits: emulator::Limits {
            recovery_window: Duration::from_secs(args.recovery_window),
            ..Default::default()
        },
        event_handlers,
        trace: args.trace,
        allowed_hosts: args.allowed_hosts,
        allowed_origins: args.allowed_origins,
        timeouts: emulator::Timeouts {
            header: Duration::from_secs(args.header_timeout),
            idle: Duration::from_secs(args.idle_timeout),
            body: Duration::from_secs(args.body_timeout),
        },
    };
    emulator::run(opts).await?;
    Ok(Exit::Ok)
}
