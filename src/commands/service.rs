//! `webpubsub service …`: each subcommand becomes one [`Op`], sent by [`crate::service::Client`].

use std::io::{Read, Write};
use std::str::FromStr;

use bytes::Bytes;
use serde_json::{json, Value};

use super::{resolve_connection, resolve_hub};
use crate::cli::{
    CloseArgs, ConnectionCommand, ContentType, GroupCommand, PayloadArgs, PermissionArgs,
    PermissionCommand, Service, ServiceCommand, TargetingArgs, UserCommand,
};
use crate::error::{Error, Exit};
use crate::output::{self, Format};
use crate::service::{
    describe_request, request_json, Answer, Client, Op, Payload, Settings, Targeting,
};
use crate::wire::{self, Permission};

/// Runs `webpubsub service …`.
pub async fn run(args: Service) -> anyhow::Result<Exit> {
    let conn = resolve_connection(&args.credentials)?;
    let hub = resolve_hub(&args.credentials)?;
    let settings = Settings {
        api_version: args.api_version.clone(),
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        retries: args.retries,
        debug: args.debug,
        ..Settings::default()
    };
    let client = Client::new(conn.clone(), &hub, settings)?;
    let ctx = Ctx {
        client,
        format: args.output.unwrap_or_default(),
        dry_run_json: args.output == Some(Format::Json),
        dry_run: args.dry_run,
    };
    match args.command {
        ServiceCommand::Apply { file, keep_going } => apply(&ctx, &file, keep_going).await,
        ServiceCommand::Token {
            token,
            client_type,
            url,
        } => {
            let op = Op::GenerateToken {
                user: token.user_id,
                roles: token.roles,
                groups: token.groups,
                minutes: Some(token.expires_in),
                client_type,
            };
            let Some(answer) = ctx.send(&op).await? else {
                return Ok(Exit::Ok);
            };
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
                )
                .into());
            }
            let mut client_url = conn.client_url(&hub);
            client_url
                .query_pairs_mut()
                .append_pair("access_token", &token);
            print_value(
                ctx.format,
                &json!({"token": token, "url": client_url.as_str()}),
                &["token", "url"],
                url,
            )?;
            Ok(Exit::Ok)
        }
        ServiceCommand::Group(GroupCommand::ListConnections {
            group,
            top,
            max_page_size,
        }) => {
            check_group(&group.group_name)?;
            if ctx.dry_run {
                let op = Op::ListConnections {
                    group: group.group_name,
                    max_page_size,
                    top,
                };
                ctx.send(&op).await?;
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
            let op = to_op(command)?;
            let answer = ctx.send(&op).await?;
            Ok(report(ctx.format, answer)?)
        }
    }
}

struct Ctx {
    client: Client,
    format: Format,
    dry_run: bool,
    /// `--dry-run --output json`: the request as JSON (what the interop check compares).
    dry_run_json: bool,
}

impl Ctx {
    /// Sends an operation, or prints it under `--dry-run` (then there is no answer).
    async fn send(&self, op: &Op) -> Result<Option<Answer>, Error> {
        if self.dry_run {
            let req = self.client.request(op);
            let mut out = std::io::stdout().lock();
            let text = if self.dry_run_json {
                let token = self.client.token_for(&req.url);
                let claims = crate::token::decode_unverified(&token)
                    .map(|(_, c)| Value::Object(c.0))
                    .unwrap_or(Value::Null);
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&request_json(&req, &claims)).unwrap_or_default()
                )
            } else {
                describe_request(&req, false)
            };
            let _ = out.write_all(text.as_bytes());
            return Ok(None);
        }
        self.client.execute(op).await.map(Some)
    }
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

fn check_group(g: &str) -> Result<(), Error> {
    wire::validate_group(g).map_err(|e| {
        Error::usage(e).with_hint("group names are 1-1024 characters, not only whitespace")
    })
}

fn check_id(kind: &str, id: &str) -> Result<(), Error> {
    wire::validate_id(kind, id).map_err(Error::usage)
}

fn targeting(t: TargetingArgs) -> Targeting {
    Targeting {
        excluded: t.excluded,
        filter: t.filter,
        ttl: t.ttl.ttl,
    }
}

fn close_args(c: CloseArgs) -> (Vec<String>, Option<String>) {
    (c.excluded, c.reason)
}

fn permission_op(
    p: PermissionArgs,
    make: fn(Permission, String, Option<String>) -> Op,
) -> Result<Op, Error> {
    check_id("connection id", &p.id.connection_id)?;
    if let Some(g) = &p.group_name {
        check_group(g)?;
    }
    Ok(make(p.permission, p.id.connection_id, p.group_name))
}

fn to_op(command: ServiceCommand) -> Result<Op, Error> {
    Ok(match command {
        ServiceCommand::Broadcast {
            payload,
            targeting: t,
        } => Op::SendToAll(targeting(t), read_payload(&payload)?),
        ServiceCommand::Health => Op::Health,
        ServiceCommand::CloseAll { close } => {
            let (excluded, reason) = close_args(close);
            Op::CloseAll { excluded, reason }
        }
        ServiceCommand::AddToGroups(a) | ServiceCommand::RemoveFromGroups(a)
            if a.groups.is_empty() =>
        {
            return Err(Error::usage("no group given: pass --group G (repeatable)"))
        }
        ServiceCommand::AddToGroups(a) => {
            a.groups.iter().try_for_each(|g| check_group(g))?;
            Op::AddToGroups {
                groups: a.groups,
                filter: a.filter,
            }
        }
        ServiceCommand::RemoveFromGroups(a) => {
            a.groups.iter().try_for_each(|g| check_group(g))?;
            Op::RemoveFromGroups {
                groups: a.groups,
                filter: a.filter,
            }
        }
        ServiceCommand::Connection(c) => match c {
            ConnectionCommand::Send { id, payload, ttl } => {
                check_id("connection id", &id.connection_id)?;
                Op::SendToConnection(id.connection_id, ttl.ttl, read_payload(&payload)?)
            }
            ConnectionCommand::Exist { id } => {
                check_id("connection id", &id.connection_id)?;
                Op::ConnectionExists(id.connection_id)
            }
            ConnectionCommand::Close { id, reason } => {
                check_id("connection id", &id.connection_id)?;
                Op::CloseConnection {
                    connection: id.connection_id,
                    reason,
                }
            }
            ConnectionCommand::RemoveFromAllGroups { id } => {
                check_id("connection id", &id.connection_id)?;
                Op::RemoveConnectionFromAllGroups(id.connection_id)
            }
        },
        ServiceCommand::Group(g) => match g {
            GroupCommand::Send {
                group,
                payload,
                targeting: t,
            } => {
                check_group(&group.group_name)?;
                Op::SendToGroup(group.group_name, targeting(t), read_payload(&payload)?)
            }
            GroupCommand::AddConnection { group, id } => {
                check_group(&group.group_name)?;
                check_id("connection id", &id.connection_id)?;
                Op::AddConnectionToGroup {
                    group: group.group_name,
                    connection: id.connection_id,
                }
            }
            GroupCommand::RemoveConnection { group, id } => {
                check_group(&group.group_name)?;
                check_id("connection id", &id.connection_id)?;
                Op::RemoveConnectionFromGroup {
                    group: group.group_name,
                    connection: id.connection_id,
                }
            }
            GroupCommand::AddUser { group, user } => {
                check_group(&group.group_name)?;
                check_id("user id", &user.user_id)?;
                Op::AddUserToGroup {
                    user: user.user_id,
                    group: group.group_name,
                }
            }
            GroupCommand::RemoveUser { group_name, user } => {
                check_id("user id", &user.user_id)?;
                match group_name {
                    Some(g) => {
                        check_group(&g)?;
                        Op::RemoveUserFromGroup {
                            user: user.user_id,
                            group: g,
                        }
                    }
                    None => Op::RemoveUserFromAllGroups(user.user_id),
                }
            }
            GroupCommand::Exist { group } => {
                check_group(&group.group_name)?;
                Op::GroupExists(group.group_name)
            }
            GroupCommand::Close { group, close } => {
                check_group(&group.group_name)?;
                let (excluded, reason) = close_args(close);
                Op::CloseGroup {
                    group: group.group_name,
                    excluded,
                    reason,
                }
            }
            GroupCommand::ListConnections { .. } => return Err(handled_in_run()),
        },
        ServiceCommand::User(u) => match u {
            UserCommand::Send {
                user,
                payload,
                filter,
                ttl,
            } => {
                check_id("user id", &user.user_id)?;
                Op::SendToUser(
                    user.user_id,
                    Targeting {
                        excluded: Vec::new(),
                        filter,
                        ttl: ttl.ttl,
                    },
                    read_payload(&payload)?,
                )
            }
            UserCommand::Exist { user } => {
                check_id("user id", &user.user_id)?;
                Op::UserExists(user.user_id)
            }
            UserCommand::Close { user, close } => {
                check_id("user id", &user.user_id)?;
                let (excluded, reason) = close_args(close);
                Op::CloseUser {
                    user: user.user_id,
                    excluded,
                    reason,
                }
            }
            UserCommand::RemoveFromAllGroups { user } => {
                check_id("user id", &user.user_id)?;
                Op::RemoveUserFromAllGroups(user.user_id)
            }
        },
        ServiceCommand::Permission(p) => match p {
            PermissionCommand::Grant(a) => {
                permission_op(a, |permission, connection, target| Op::GrantPermission {
                    permission,
                    connection,
                    target,
                })?
            }
            PermissionCommand::Revoke(a) => {
                permission_op(a, |permission, connection, target| Op::RevokePermission {
                    permission,
                    connection,
                    target,
                })?
            }
            PermissionCommand::Check(a) => {
                permission_op(a, |permission, connection, target| Op::CheckPermission {
                    permission,
                    connection,
                    target,
                })?
            }
        },
        ServiceCommand::Apply { .. } | ServiceCommand::Token { .. } => return Err(handled_in_run()),
    })
}

/// Commands `run` handles itself never reach [`to_op`]; this is a bug report, not bad input.
fn handled_in_run() -> Error {
    Error::new(
        Exit::Internal,
        "internal error: this command is handled before to_op",
    )
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
    payload_of(bytes, args.content_type.unwrap_or(default_type))
}

/// A payload of a content type, checked: JSON must parse, text must be UTF-8, and no message
/// may exceed the service's 1 MiB limit.
pub fn payload_of(bytes: Bytes, content_type: ContentType) -> Result<Payload, Error> {
    if bytes.len() > wire::MAX_MESSAGE_BYTES {
        return Err(Error::usage(format!(
            "the message is {} bytes; the service accepts at most {} (1 MiB)",
            bytes.len(),
            wire::MAX_MESSAGE_BYTES
        )));
    }
    let content_type = match content_type {
        ContentType::Json => {
            serde_json::from_slice::<Value>(&bytes).map_err(|e| {
                Error::usage(format!("the payload is not valid JSON: {e}"))
                    .with_hint("fix the JSON, or send it as text with --content-type text")
            })?;
            "application/json"
        }
        ContentType::Text => {
            std::str::from_utf8(&bytes).map_err(|_| {
                Error::usage("the payload is not UTF-8 text")
                    .with_hint("send bytes with --content-type binary")
            })?;
            "text/plain"
        }
        ContentType::Binary => "application/octet-stream",
    };
    Ok(Payload {
        content_type,
        bytes,
    })
}

/// `service apply`: one action per JSON value, in the Azure Functions output-binding shape.
async fn apply(ctx: &Ctx, file: &std::path::Path, keep_going: bool) -> anyhow::Result<Exit> {
    let text = if file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Error::usage(format!("cannot read actions from stdin: {e}")))?;
        s
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| Error::usage(format!("cannot read {}: {e}", file.display())))?
    };
    let actions = crate::actions::parse_all(&text)?;
    let mut failed = None;
    for (line, action) in actions {
        let result = match crate::actions::to_op(&action) {
            Ok(op) => ctx.send(&op).await.map(drop),
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            let e = Error {
                message: format!("line {line}: {}", e.message),
                ..e
            };
            if !keep_going {
                return Err(e.into());
            }
            eprintln!("webpubsub: error: {e}");
            failed.get_or_insert(e.exit);
        }
    }
    Ok(failed.unwrap_or(Exit::Ok))
}

impl FromStr for ContentType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        <ContentType as clap::ValueEnum>::from_str(s, true)
    }
}
