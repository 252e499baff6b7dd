//! `…/hubs[/{hub}]`: hub settings (event handlers, anonymous connect, keep-alive) in ARM's
//! shape. A PUT takes effect at once: the upstream reads a hub's handlers at each event, the
//! handshake its anonymous policy, the socket tasks its keep-alive interval.

use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{ok_json, read_json, ArmError, PROVIDER, RESOURCE_TYPE};
use crate::emulator::hub_settings::{HubConfig, DEFAULT_KEEP_ALIVE_SECS, MAX_HUBS};
use crate::emulator::upstream::{HandlerConfig, UserEventPattern};
use crate::emulator::Emulator;
use crate::wire::HubName;

/// A hub's PUT body is small; 1 MiB is far more than any real one.
const MAX_BODY: usize = 1024 * 1024;
/// The most event handlers one hub may have.
const MAX_HANDLERS: usize = 64;
/// ARM's range of `webSocketKeepAliveIntervalInSeconds`.
const KEEP_ALIVE_RANGE: std::ops::RangeInclusive<u64> = 1..=120;

#[derive(Deserialize)]
struct PutBody {
    #[serde(default)]
    properties: Option<Properties>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Properties {
    event_handlers: Option<Vec<EventHandler>>,
    event_listeners: Option<Vec<Value>>,
    anonymous_connect_policy: Option<String>,
    web_socket_keep_alive_interval_in_seconds: Option<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EventHandler {
    url_template: Option<String>,
    user_event_pattern: Option<String>,
    #[serde(default)]
    system_events: Vec<String>,
    auth: Option<Auth>,
}

#[derive(Deserialize)]
struct Auth {
    #[serde(rename = "type")]
    kind: Option<String>,
}

fn invalid(message: impl Into<String>) -> ArmError {
    ArmError::bad_request("InvalidRequestContent", message)
}

/// HUB, as GET and PUT answer it.
fn hub_json(emu: &Emulator, config: &HubConfig) -> Value {
    let handlers: Vec<Value> = emu
        .upstream
        .handlers_for(&config.name)
        .iter()
        .map(handler_json)
        .collect();
    json!({
        "id": format!("{}/hubs/{}", emu.resource.id(), config.name),
        "name": config.name,
        "type": format!("{PROVIDER}/{RESOURCE_TYPE}/hubs"),
        "properties": {
            "eventHandlers": handlers,
            "eventListeners": [],
            "anonymousConnectPolicy": if config.anonymous_connect { "allow" } else { "deny" },
            "webSocketKeepAliveIntervalInSeconds": config.keep_alive.as_secs(),
        },
    })
}

fn handler_json(h: &HandlerConfig) -> Value {
    let mut item = json!({
        "urlTemplate": h.url_template,
        "systemEvents": h.system_events.iter().map(|e| e.as_str()).collect::<Vec<_>>(),
        "auth": {"type": "None"},
    });
    let pattern = match &h.user_events {
        UserEventPattern::None => None,
        UserEventPattern::All => Some("*".to_string()),
        UserEventPattern::Names(names) => Some(names.join(",")),
    };
    if let (Some(p), Some(obj)) = (pattern, item.as_object_mut()) {
        obj.insert("userEventPattern".into(), Value::String(p));
    }
    item
}

pub fn list(emu: &Emulator) -> Value {
    let value: Vec<Value> = emu
        .hub_settings
        .list()
        .iter()
        .map(|c| hub_json(emu, c))
        .collect();
    json!({ "value": value })
}

fn not_found(hub: &HubName) -> ArmError {
    ArmError::new(
        StatusCode::NOT_FOUND,
        "ResourceNotFound",
        format!("The hub '{hub}' was not found: create it with PUT …/hubs/{hub}."),
    )
}

pub fn get(emu: &Emulator, hub: &HubName) -> Result<Response, ArmError> {
    let config = emu.hub_settings.get(hub).ok_or_else(|| not_found(hub))?;
    Ok(ok_json(StatusCode::OK, &hub_json(emu, &config)))
}

/// `PUT`: the whole of the hub's settings, checked before anything changes.
pub async fn put(
    emu: &Emulator,
    hub: HubName,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, ArmError> {
    let body = read_json(headers, body, MAX_BODY).await?;
    if !body.is_object() {
        return Err(invalid(
            "The body must be a JSON object: {\"properties\": {…}}.",
        ));
    }
    let body: PutBody = serde_json::from_value(body)
        .map_err(|e| invalid(format!("The hub's properties are not valid: {e}.")))?;
    let props = body.properties.unwrap_or_default();
    let handlers = match props.event_handlers {
        // Not given: the hub keeps the `--event-handler` handlers.
        None => None,
        Some(items) => Some(parse_handlers(items)?),
    };
    if props
        .event_listeners
        .as_ref()
        .is_some_and(|l| !l.is_empty())
    {
        return Err(invalid(
            "eventListeners (Event Hubs) are not supported by the emulator; leave them empty.",
        ));
    }
    let anonymous_connect = match props.anonymous_connect_policy.as_deref() {
        None => false,
        Some(p) if p.eq_ignore_ascii_case("deny") => false,
        Some(p) if p.eq_ignore_ascii_case("allow") => true,
        Some(p) => {
            return Err(invalid(format!(
                "anonymousConnectPolicy '{}' is not valid: use \"allow\" or \"deny\".",
                crate::output::sanitize_line(p)
            )))
        }
    };
    let keep_alive = match props.web_socket_keep_alive_interval_in_seconds {
        None | Some(Value::Null) => DEFAULT_KEEP_ALIVE_SECS,
        Some(v) => v
            .as_u64()
            .filter(|n| KEEP_ALIVE_RANGE.contains(n))
            .ok_or_else(|| {
                invalid("webSocketKeepAliveIntervalInSeconds must be a whole number from 1 to 120.")
            })?,
    };
    let config = HubConfig {
        name: hub.to_string(),
        anonymous_connect,
        keep_alive: Duration::from_secs(keep_alive),
    };
    let (created, stored) = emu.hub_settings.put(config).map_err(|_| {
        ArmError::new(
            StatusCode::CONFLICT,
            "QuotaExceeded",
            format!("The emulator holds at most {MAX_HUBS} hubs; delete one first."),
        )
    })?;
    emu.upstream.set_hub_handlers(&hub, handlers);
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(ok_json(status, &hub_json(emu, &stored)))
}

fn parse_handlers(items: Vec<EventHandler>) -> Result<Vec<HandlerConfig>, ArmError> {
    if items.len() > MAX_HANDLERS {
        return Err(invalid(format!(
            "A hub may have at most {MAX_HANDLERS} event handlers."
        )));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let at = |e: String| invalid(format!("eventHandlers[{i}]: {e}."));
            let Some(url) = item.url_template.as_deref() else {
                return Err(at("urlTemplate is required".into()));
            };
            match item.auth.as_ref().and_then(|a| a.kind.as_deref()) {
                None => {}
                Some(t) if t.eq_ignore_ascii_case("none") => {}
                Some(t) => {
                    return Err(at(format!(
                        "auth type '{}' is not supported by the emulator; use \"None\"",
                        crate::output::sanitize_line(t)
                    )))
                }
            }
            HandlerConfig::from_parts(url, item.user_event_pattern.as_deref(), &item.system_events)
                .map_err(at)
        })
        .collect()
}

/// `DELETE`: 200 when the hub had settings, 204 when not. The hub goes back to the defaults.
pub fn delete(emu: &Emulator, hub: &HubName) -> Response {
    let existed = emu.hub_settings.delete(hub);
    emu.upstream.set_hub_handlers(hub, None);
    let status = if existed {
        StatusCode::OK
    } else {
        StatusCode::NO_CONTENT
    };
    axum::response::IntoResponse::into_response(status)
}
