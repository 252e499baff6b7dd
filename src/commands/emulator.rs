//! `webpubsub emulator start`: the command line checked and turned into emulator options.

use std::str::FromStr;
use std::time::Duration;

use crate::cli::EmulatorStart;
use crate::emulator::entra::IdentitySpec;
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
    let resource =
        emulator::arm::ResourceId::new(&args.subscription, &args.resource_group, &args.name)
            .map_err(Error::usage)?;
    let mut entra_identities: Vec<IdentitySpec> = Vec::new();
    for spec in &args.entra_identities {
        let parsed = IdentitySpec::from_str(spec).map_err(|e| {
            Error::usage(format!(
                "invalid --entra-identity '{}': {e}",
                crate::output::sanitize_line(spec)
            ))
        })?;
        if entra_identities
            .iter()
            .any(|i| i.client_id.eq_ignore_ascii_case(&parsed.client_id))
        {
            return Err(Error::usage(format!(
                "--entra-identity names '{}' twice; list its roles once, comma-separated",
                parsed.client_id
            ))
            .into());
        }
        entra_identities.push(parsed);
    }
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
        resource,
        secondary_key: args.secondary_key,
        disable_local_auth: args.disable_local_auth,
        identity_header: args.identity_header,
        entra_identities,
    };
    emulator::run(opts).await?;
    Ok(Exit::Ok)
}
