//! `webpubsub service …`: each subcommand becomes one [`Op`] of the operation table, sent by
//! [`crate::service::Client`] (or printed, with `--dry-run`).

use std::io::{Read, Write};

use bytes::Bytes;
use serde_json::{json, Value};

use super::resolve_hub;
use super::rest::Ctx;
use super::target::{self, Calls};
use crate::cli::{
    CloseArgs, ConnectionArg, ConnectionCommand, ContentType, GroupArg, GroupCommand,
    MessageOptions, PayloadArgs, PermissionArgs, PermissionCommand, Service, ServiceCommand,
    TargetingArgs, UserArg, UserCommand,
};
use crate::error::{Error, Exit};
use crate::output::{self, Format};
use crate::service::{list_op, Answer, Client, Settings};
use crate::wire::ops::{Args, ClientType, OpKind};
use crate::wire::{DataType, Metadata, Op, Payload};

/// Runs `webpubsub service …`.
pub async fn run(args: Service) -> anyhow::Result<Exit> {
    let hub = resolve_hub(&args.credentials)?;
    let settings = Settings {
        api_version: args.api_version.clone(),
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        retries: args.retries,
        debug: args.debug,
        ..Settings::default()
    };
    let calls = Calls {
        timeout: settings.timeout,
        retries: settings.retries,
        debug: settings.debug,
    };
    let target = target::data_plane(&args.credentials, calls).await?;
    let client = Client::new(target, hub.clone(), settings)?;
    let exit_zero = args.exit_zero;
    let ctx = Ctx {
        client,
        format: args.output.unwrap_or_default(),
        dry_run_json: args.output == Some(Format::Json),
        dry_run: args.dry_run,
    };
    match args.command {
        ServiceCommand::Apply { file, keep_going } => {
            super::apply::run(&ctx, &file, keep_going).await
        }
        ServiceCommand::Token {
            token,
            client_type,
            print_url,
        } => {
            let args = Args {
                user: token.user_id,
                roles: token.roles,
                groups: token.groups,
                minutes: Some(token.expires_in),
                client_type,
                ..Args::default()
            };
            generate_token(&ctx, args, print_url).await
        }
        ServiceCommand::Group(GroupCommand::ListConnections {
            group,
            top,
            max_page_size,
        }) => {
            if ctx.dry_run {
                ctx.send(&list_op(&group.group_name, max_page_size, top)?)
                    .await?;
                return Ok(Exit::Ok);
            }
            let rows = ctx
                .client
                .list_all(&group.group_name, max_page_size, top)
                .await?;
            output::print_rows(
                &mut std::io::stdout().lock(),
                ctx.format,
                &["connectionId", "userId"],
                &rows,
            )?;
            Ok(Exit::Ok)
        }
        command => {
            let (kind, args) = to_op(command)?;
            let op = Op::new(kind, args).map_err(|e| Error::usage(e.message))?;
            let answer = ctx.send(&op).await?;
            let exit = report(ctx.format, answer)?;
            // `--exit-zero`: the answer is in the output, as az gives it.
            Ok(if exit_zero && exit == Exit::No {
                Exit::Ok
            } else {
                exit
            })
        }
    }
}

/// `service token`: a client token from the service (`:generateToken`), or its client URL.
async fn generate_token(ctx: &Ctx, args: Args, only_url: bool) -> anyhow::Result<Exit> {
    let kind = args.client_type.unwrap_or_default();
    let op = Op::new(OpKind::GenerateToken, args).map_err(|e| Error::usage(e.message))?;
    let Some(answer) = ctx.send(&op).await? else {
        return Ok(Exit::Ok);
    };
    let (token, client_url) = client_url_from(&ctx.client, answer, kind)?;
    print_value(
        ctx.format,
        &json!({"token": token, "url": client_url.as_str()}),
        &["token", "url"],
        only_url,
    )?;
    Ok(Exit::Ok)
}

/// The token of a `:generateToken` answer, and the client URL carrying it (through the reverse
/// proxy, if any).
pub(super) fn client_url_from(
    client: &Client,
    answer: Answer,
    kind: ClientType,
) -> Result<(String, url::Url), Error> {
    let token = match answer {
        Answer::Json(v) => v
            .get("token")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        _ => String::new(),
    };
    if token.is_empty() {
        return Err(Error::new(
            Exit::ServerError,
            "the service answered :generateToken without a token",
        ));
    }
    let target = client.target();
    let plain = target.endpoint.client_url_for(kind, client.hub());
    let mut client_url = target.via(&plain).unwrap_or(plain);
    client_url
        .query_pairs_mut()
        .append_pair("access_token", &token);
    Ok((token, client_url))
}

/// Prints a query's answer; the exit code says yes (0) or no (1) for checks.
fn report(format: Format, answer: Option<Answer>) -> std::io::Result<Exit> {
    match answer {
        None | Some(Answer::Done) => Ok(Exit::Ok),
        Some(Answer::Exists(exists)) => {
            output::print_object(
                &mut std::io::stdout().lock(),
                format,
                &["existence"],
                &json!({ "existence": exists }),
            )?;
            Ok(if exists { Exit::Ok } else { Exit::No })
        }
        Some(Answer::Json(v)) => {
            output::print_object(&mut std::io::stdout().lock(), format, &[], &v)?;
            Ok(Exit::Ok)
        }
    }
}

/// Prints an object, or with `only_url` just its `url` (or under tsv, the first column).
fn print_value(
    format: Format,
    value: &Value,
    columns: &[&str],
    only_url: bool,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if only_url {
        return writeln!(
            out,
            "{}",
            value.get("url").and_then(Value::as_str).unwrap_or_default()
        );
    }
    match format {
        Format::Tsv => writeln!(
            out,
            "{}",
            value
                .get(columns[0])
                .and_then(Value::as_str)
                .unwrap_or_default()
        ),
        _ => output::print_object(&mut out, format, columns, value),
    }
}

fn targeting(t: TargetingArgs, args: Args) -> Result<Args, Error> {
    Ok(Args {
        excluded: t.excluded,
        filter: t.filter,
        ..message_options(t.message, args)?
    })
}

/// `--ttl` and `--metadata` (the pairs checked together: their total size is limited too).
fn message_options(m: MessageOptions, args: Args) -> Result<Args, Error> {
    let metadata = if m.metadata.is_empty() {
        None
    } else {
        let pairs = m.metadata.into_iter().collect();
        Some(
            Metadata::from_map(pairs)
                .map_err(|e| Error::usage(format!("invalid --metadata: {e}")))?,
        )
    };
    Ok(Args {
        ttl: m.ttl,
        metadata,
        ..args
    })
}

fn close(c: CloseArgs, args: Args) -> Args {
    Args {
        excluded: c.excluded,
        reason: c.reason,
        ..args
    }
}

fn permission(p: PermissionArgs) -> Args {
    Args {
        permission: Some(p.permission),
        connection: Some(p.id.connection_id),
        target: p.group_name,
        ..Args::default()
    }
}

/// A subcommand as an operation of the table and its (already typed) arguments.
fn to_op(command: ServiceCommand) -> Result<(OpKind, Args), Error> {
    use OpKind as K;
    Ok(match command {
        ServiceCommand::Broadcast {
            payload,
            targeting: t,
        } => (K::SendToAll, targeting(t, with_payload(&payload)?)?),
        ServiceCommand::Health => (K::Health, Args::default()),
        ServiceCommand::CloseAll { close: c } => {
            (K::CloseAllConnections, close(c, Args::default()))
        }
        ServiceCommand::AddToGroups(a) | ServiceCommand::RemoveFromGroups(a)
            if a.groups.is_empty() =>
        {
            return Err(Error::usage("no group given: pass --group G (repeatable)"))
        }
        ServiceCommand::AddToGroups(a) => (K::AddToGroups, groups_filter(a)),
        ServiceCommand::RemoveFromGroups(a) => (K::RemoveFromGroups, groups_filter(a)),
        ServiceCommand::Connection(c) => connection_op(c)?,
        ServiceCommand::Group(g) => group_op(g)?,
        ServiceCommand::User(u) => user_op(u)?,
        ServiceCommand::Permission(p) => match p {
            PermissionCommand::Grant(a) => (K::GrantPermission, permission(a)),
            PermissionCommand::Revoke(a) => (K::RevokePermission, permission(a)),
            PermissionCommand::Check(a) => (K::CheckPermission, permission(a)),
        },
        ServiceCommand::Apply { .. } | ServiceCommand::Token { .. } => return Err(handled_in_run()),
    })
}

fn groups_filter(a: crate::cli::GroupsFilterArgs) -> Args {
    Args {
        groups: a.groups,
        filter: Some(a.filter),
        ..Args::default()
    }
}

fn connection_op(c: ConnectionCommand) -> Result<(OpKind, Args), Error> {
    let on = |id: ConnectionArg, args: Args| Args {
        connection: Some(id.connection_id),
        ..args
    };
    Ok(match c {
        ConnectionCommand::Send {
            id,
            payload,
            message,
        } => {
            let args = message_options(message, with_payload(&payload)?)?;
            (OpKind::SendToConnection, on(id, args))
        }
        ConnectionCommand::Exist { id } => (OpKind::ConnectionExists, on(id, Args::default())),
        ConnectionCommand::Close { id, reason } => {
            let args = Args {
                reason,
                ..Args::default()
            };
            (OpKind::CloseConnection, on(id, args))
        }
        ConnectionCommand::RemoveFromAllGroups { id } => (
            OpKind::RemoveConnectionFromAllGroups,
            on(id, Args::default()),
        ),
    })
}

fn group_op(g: GroupCommand) -> Result<(OpKind, Args), Error> {
    let on = |g: GroupArg, args: Args| Args {
        group: Some(g.group_name),
        ..args
    };
    let conn = |id: ConnectionArg| Args {
        connection: Some(id.connection_id),
        ..Args::default()
    };
    let user = |u: UserArg| Args {
        user: Some(u.user_id),
        ..Args::default()
    };
    Ok(match g {
        GroupCommand::Send {
            group,
            payload,
            targeting: t,
        } => (
            OpKind::SendToGroup,
            on(group, targeting(t, with_payload(&payload)?)?),
        ),
        GroupCommand::AddConnection { group, id } => {
            (OpKind::AddConnectionToGroup, on(group, conn(id)))
        }
        GroupCommand::RemoveConnection { group, id } => {
            (OpKind::RemoveConnectionFromGroup, on(group, conn(id)))
        }
        GroupCommand::AddUser { group, user: u } => (OpKind::AddUserToGroup, on(group, user(u))),
        // Without a group, az removes the user from every group.
        GroupCommand::RemoveUser {
            group_name: None,
            user: u,
        } => (OpKind::RemoveUserFromAllGroups, user(u)),
        GroupCommand::RemoveUser {
            group_name: Some(g),
            user: u,
        } => {
            let args = Args {
                group: Some(g),
                ..user(u)
            };
            (OpKind::RemoveUserFromGroup, args)
        }
        GroupCommand::Exist { group } => (OpKind::GroupExists, on(group, Args::default())),
        GroupCommand::Close { group, close: c } => (
            OpKind::CloseGroupConnections,
            on(group, close(c, Args::default())),
        ),
        GroupCommand::ListConnections { .. } => return Err(handled_in_run()),
    })
}

fn user_op(u: UserCommand) -> Result<(OpKind, Args), Error> {
    let on = |u: UserArg, args: Args| Args {
        user: Some(u.user_id),
        ..args
    };
    Ok(match u {
        UserCommand::Send {
            user,
            payload,
            filter,
            message,
        } => {
            let args = Args {
                filter,
                ..message_options(message, with_payload(&payload)?)?
            };
            (OpKind::SendToUser, on(user, args))
        }
        UserCommand::Exist { user } => (OpKind::UserExists, on(user, Args::default())),
        UserCommand::Close { user, close: c } => (
            OpKind::CloseUserConnections,
            on(user, close(c, Args::default())),
        ),
        UserCommand::RemoveFromAllGroups { user } => {
            (OpKind::RemoveUserFromAllGroups, on(user, Args::default()))
        }
    })
}

/// Commands `run` handles itself never reach [`to_op`]; this is a bug report, not bad input.
fn handled_in_run() -> Error {
    Error::new(
        Exit::Internal,
        "internal error: this command is handled before to_op",
    )
}

/// Arguments holding the message of a send command.
fn with_payload(args: &PayloadArgs) -> Result<Args, Error> {
    Ok(Args {
        payload: Some(read_payload(args)?),
        ..Args::default()
    })
}

/// Reads the message of a send command and checks it against its content type.
fn read_payload(args: &PayloadArgs) -> Result<Payload, Error> {
    let (bytes, default_type) = match (&args.payload, &args.payload_file) {
        (Some(text), _) => (Bytes::from(text.clone()), ContentType::Text),
        (None, Some(path)) if path.as_os_str() == "-" => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Error::usage(format!("cannot read the payload from stdin: {e}")))?;
            (Bytes::from(buf), ContentType::Binary)
        }
        (None, Some(path)) => {
            let data = std::fs::read(path).map_err(|e| {
                Error::usage(format!(
                    "cannot read the payload file {}: {e}",
                    path.display()
                ))
            })?;
            (Bytes::from(data), ContentType::Binary)
        }
        (None, None) => {
            return Err(Error::usage(
                "no message: pass --payload TEXT or --payload-file FILE",
            ))
        }
    };
    let data_type = match args.content_type.unwrap_or(default_type) {
        ContentType::Text => DataType::Text,
        ContentType::Json => DataType::Json,
        ContentType::Binary => DataType::Binary,
    };
    super::payload(data_type, bytes)
}
