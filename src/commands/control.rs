//! `webpubsub key …` and `webpubsub hub …`: the control plane, through Azure Resource Manager,
//! printing what ARM answers (the JSON az prints).

use std::time::Duration;

use serde_json::{json, Map, Value};

use super::target::{self, Calls};
use crate::azure::{Arm, ResourceId};
use crate::cli::{ArmArgs, HubCommand, HubWrite, KeyCommand, KeyType};
use crate::error::{Error, Exit};
use crate::output::{self, Format};

/// A signed-in ARM client, the resource, and how to print.
struct Ctx {
    arm: Arm,
    id: ResourceId,
    format: Format,
}

async fn ctx(args: &ArmArgs) -> Result<Ctx, Error> {
    let calls = Calls {
        timeout: Duration::from_secs(args.timeout.max(1)),
        retries: args.retries,
        debug: args.debug,
    };
    let id = target::required_resource_id(&args.resource)?;
    let provider = target::default_provider(calls)?;
    let arm = target::arm_client(&args.resource, provider, calls)?;
    Ok(Ctx {
        arm,
        id,
        format: args.output.unwrap_or_default(),
    })
}

/// Runs `webpubsub key …`.
pub async fn key(command: KeyCommand) -> anyhow::Result<Exit> {
    let (args, key_type) = match &command {
        KeyCommand::Show(args) => (args, None),
        KeyCommand::Regenerate { arm, key_type } => (arm, Some(*key_type)),
    };
    let ctx = ctx(args).await?;
    let keys = match key_type {
        None => ctx.arm.list_keys(&ctx.id).await?,
        Some(t) => {
            let name = match t {
                KeyType::Primary => "Primary",
                KeyType::Secondary => "Secondary",
                KeyType::Salt => "Salt",
            };
            ctx.arm.regenerate_key(&ctx.id, name).await?
        }
    };
    // az's order; only these four (ARM may add keyType and others).
    let columns = [
        "primaryKey",
        "secondaryKey",
        "primaryConnectionString",
        "secondaryConnectionString",
    ];
    let shown: Map<String, Value> = columns
        .iter()
        .filter_map(|c| keys.get(*c).map(|v| ((*c).to_string(), v.clone())))
        .collect();
    output::print_object(
        &mut std::io::stdout().lock(),
        ctx.format,
        &columns,
        &Value::Object(shown),
    )?;
    Ok(Exit::Ok)
}

/// Table and tsv columns of a hub: the name and its settings.
const HUB_COLUMNS: [&str; 4] = [
    "name",
    "anonymousConnectPolicy",
    "webSocketKeepAliveIntervalInSeconds",
    "eventHandlers",
];

/// A hub as a table row: settings lifted out of `properties`, handlers as their URL templates.
fn hub_row(hub: &Value) -> Value {
    let props = hub.get("properties").cloned().unwrap_or(Value::Null);
    let handlers: Vec<&str> = props
        .get("eventHandlers")
        .and_then(Value::as_array)
        .map(|hs| {
            hs.iter()
                .filter_map(|h| h.get("urlTemplate").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    json!({
        "name": hub.get("name").cloned().unwrap_or(Value::Null),
        "anonymousConnectPolicy": props.get("anonymousConnectPolicy").cloned().unwrap_or(Value::Null),
        "webSocketKeepAliveIntervalInSeconds": props.get("webSocketKeepAliveIntervalInSeconds").cloned().unwrap_or(Value::Null),
        "eventHandlers": handlers.join(","),
    })
}

/// Prints hubs: the ARM JSON, or for table and tsv a row of settings per hub. A `--query`
/// (`queried`) sees the ARM JSON whatever the format, as az's does.
fn print_hubs(format: Format, hubs: &[Value], one: bool, queried: bool) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        _ if one && (queried || format == Format::Json) => {
            output::print_object(&mut out, format, &[], &hubs[0])
        }
        _ if queried || format == Format::Json => output::print_rows(&mut out, format, &[], hubs),
        _ => {
            let rows: Vec<Value> = hubs.iter().map(hub_row).collect();
            output::print_rows(&mut out, format, &HUB_COLUMNS, &rows)
        }
    }
}

/// Runs `webpubsub hub …`.
pub async fn hub(command: HubCommand, queried: bool) -> anyhow::Result<Exit> {
    match command {
        HubCommand::List(args) => {
            let ctx = ctx(&args).await?;
            let hubs = ctx.arm.list_hubs(&ctx.id).await?;
            print_hubs(ctx.format, &hubs, false, queried)?;
        }
        HubCommand::Show { arm, hub } => {
            let ctx = ctx(&arm).await?;
            let value = ctx.arm.hub(&ctx.id, hub.hub_name.as_ref()).await?;
            print_hubs(ctx.format, &[value], true, queried)?;
        }
        HubCommand::Delete { arm, hub } => {
            let ctx = ctx(&arm).await?;
            ctx.arm.delete_hub(&ctx.id, hub.hub_name.as_ref()).await?;
        }
        HubCommand::Create(write) => {
            let properties = properties(&write, Map::new())?;
            let ctx = ctx(&write.arm).await?;
            let value = ctx
                .arm
                .put_hub(
                    &ctx.id,
                    write.hub.hub_name.as_ref(),
                    &Value::Object(properties),
                )
                .await?;
            print_hubs(ctx.format, &[value], true, queried)?;
        }
        HubCommand::Update(write) => {
            if write.event_handlers.is_empty()
                && write.allow_anonymous.is_none()
                && write.websocket_keepalive.is_none()
            {
                return Err(Error::usage("nothing to update")
                    .with_hint("pass --event-handler, --allow-anonymous or --websocket-keepalive")
                    .into());
            }
            // Checked before anything is sent.
            properties(&write, Map::new())?;
            let ctx = ctx(&write.arm).await?;
            let hub = write.hub.hub_name.as_ref();
            let current = ctx.arm.hub(&ctx.id, hub).await?;
            let existing = current
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let properties = properties(&write, existing)?;
            let value = ctx
                .arm
                .put_hub(&ctx.id, hub, &Value::Object(properties))
                .await?;
            print_hubs(ctx.format, &[value], true, queried)?;
        }
    }
    Ok(Exit::Ok)
}

/// The hub properties `write` asks for, over `base` (the current ones on update).
fn properties(write: &HubWrite, mut base: Map<String, Value>) -> Result<Map<String, Value>, Error> {
    if !write.event_handlers.is_empty() {
        base.insert(
            "eventHandlers".into(),
            Value::Array(event_handlers(&write.event_handlers)?),
        );
    }
    if let Some(allow) = write.allow_anonymous {
        base.insert(
            "anonymousConnectPolicy".into(),
            Value::String(if allow { "allow" } else { "deny" }.into()),
        );
    }
    if let Some(secs) = write.websocket_keepalive {
        base.insert("webSocketKeepAliveIntervalInSeconds".into(), json!(secs));
    }
    Ok(base)
}

/// az's `--event-handler` items (each value may itself hold several, separated by spaces) as
/// ARM's event handlers: a new handler starts at each `url-template=`.
pub fn event_handlers(values: &[String]) -> Result<Vec<Value>, Error> {
    let mut handlers: Vec<Map<String, Value>> = Vec::new();
    let hint = "items are url-template=URL user-event-pattern=P system-event=E auth-type=None|ManagedIdentity auth-resource=R";
    for item in values.iter().flat_map(|v| v.split_whitespace()) {
        let Some((key, value)) = item.split_once('=') else {
            return Err(Error::usage(format!(
                "--event-handler item {:?} is not KEY=VALUE",
                output::sanitize_line(item)
            ))
            .with_hint(hint));
        };
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        let starts_new = key == "url-template"
            && handlers
                .last()
                .is_none_or(|h| h.contains_key("urlTemplate"));
        if starts_new || handlers.is_empty() {
            handlers.push(Map::new());
        }
        let h = handlers.last_mut().expect("pushed above");
        match key {
            "url-template" => {
                let url = url::Url::parse(&value.replace(['{', '}'], ""))
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https"));
                if url.is_none() {
                    return Err(Error::usage(format!(
                        "--event-handler url-template {:?} is not an http(s) URL",
                        output::sanitize_line(value)
                    ))
                    .with_hint("e.g. url-template=https://app.example/eventhandler/{event}"));
                }
                h.insert("urlTemplate".into(), json!(value));
            }
            "user-event-pattern" => {
                h.insert("userEventPattern".into(), json!(value));
            }
            "system-event" => {
                let events = h
                    .entry("systemEvents")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = events {
                    for e in value.split(',').filter(|e| !e.is_empty()) {
                        if !matches!(e, "connect" | "connected" | "disconnected") {
                            return Err(Error::usage(format!(
                                "--event-handler system-event {:?} is not connect, connected or disconnected",
                                output::sanitize_line(e)
                            ))
                            .with_hint("user events go in user-event-pattern=, e.g. user-event-pattern=*"));
                        }
                        list.push(json!(e));
                    }
                }
            }
            "auth-type" => {
                let kind = match value.to_ascii_lowercase().as_str() {
                    "none" => "None",
                    "managedidentity" => "ManagedIdentity",
                    _ => {
                        return Err(Error::usage(format!(
                            "--event-handler auth-type {:?} is not None or ManagedIdentity",
                            output::sanitize_line(value)
                        ))
                        .with_hint(hint))
                    }
                };
                let auth = h.entry("auth").or_insert_with(|| json!({}));
                auth["type"] = json!(kind);
            }
            "auth-resource" => {
                let auth = h.entry("auth").or_insert_with(|| json!({}));
                auth["managedIdentity"] = json!({ "resource": value });
            }
            other => {
                return Err(Error::usage(format!(
                    "--event-handler has an unknown item {:?}",
                    output::sanitize_line(other)
                ))
                .with_hint(hint))
            }
        }
    }
    handlers
        .into_iter()
        .map(|mut h| {
            if !h.contains_key("urlTemplate") {
                return Err(
                    Error::usage("--event-handler without url-template=URL").with_hint(hint)
                );
            }
            match h.get_mut("auth") {
                Some(auth) if auth.get("type").is_none() => {
                    auth["type"] = json!(if auth.get("managedIdentity").is_some() {
                        "ManagedIdentity"
                    } else {
                        "None"
                    });
                }
                Some(_) => {}
                None => {
                    h.insert("auth".into(), json!({"type": "None"}));
                }
            }
            Ok(Value::Object(h))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn event_handler_items_become_arm_handlers() {
        let hs = event_handlers(&items(&[
            "url-template=http://h/{event}",
            "user-event-pattern=*",
            "system-event=connect",
            "system-event=connected,disconnected",
            "url-template=https://other/x auth-type=ManagedIdentity auth-resource=api://app",
        ]))
        .unwrap();
        assert_eq!(
            hs,
            vec![
                json!({"urlTemplate": "http://h/{event}", "userEventPattern": "*",
                    "systemEvents": ["connect", "connected", "disconnected"], "auth": {"type": "None"}}),
                json!({"urlTemplate": "https://other/x", "auth": {"type": "ManagedIdentity",
                    "managedIdentity": {"resource": "api://app"}}}),
            ]
        );
        // Items before the url-template belong to the same handler.
        let hs =
            event_handlers(&items(&["system-event=connect", "url-template=http://h/x"])).unwrap();
        assert_eq!(hs.len(), 1);
    }

    #[test]
    fn bad_event_handler_items_are_usage_errors() {
        for bad in [
            &["user-event-pattern=*"][..],
            &["url-template=ftp://x"],
            &["url-template=http://x", "system-event=message"],
            &["url-template=http://x", "colour=red"],
            &["url-template"],
            &["url-template=http://x auth-type=Basic"],
        ] {
            let e = event_handlers(&items(bad)).unwrap_err();
            assert_eq!(e.exit, Exit::Usage, "{bad:?}");
        }
    }

    #[test]
    fn hub_rows_lift_settings() {
        let hub = json!({"name": "chat", "properties": {"anonymousConnectPolicy": "allow",
            "webSocketKeepAliveIntervalInSeconds": 10,
            "eventHandlers": [{"urlTemplate": "http://a"}, {"urlTemplate": "http://b"}]}});
        assert_eq!(
            hub_row(&hub),
            json!({"name": "chat", "anonymousConnectPolicy": "allow",
                "webSocketKeepAliveIntervalInSeconds": 10, "eventHandlers": "http://a,http://b"})
        );
    }
}
