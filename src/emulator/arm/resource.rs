//! The resource itself (`GET`), its keys (`listKeys`) and their rotation (`regenerateKey`).

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use super::{ok_json, read_json, ArmError, PROVIDER, RESOURCE_TYPE};
use crate::emulator::keys::KeyType;
use crate::emulator::Emulator;

/// `GET {resource}`.
pub fn resource_json(emu: &Emulator) -> Value {
    let port = emu.authority.port();
    json!({
        "id": emu.resource.id(),
        "name": emu.resource.name,
        "type": format!("{PROVIDER}/{RESOURCE_TYPE}"),
        "location": "local",
        "tags": {},
        "kind": "WebPubSub",
        "sku": {"name": "Free_F1", "tier": "Free", "size": "F1", "capacity": 1},
        "properties": {
            "provisioningState": "Succeeded",
            "hostName": emu.public_host,
            "publicPort": port,
            "serverPort": port,
            "externalIP": "127.0.0.1",
            "version": "1.0",
            "disableLocalAuth": emu.keys.local_auth_disabled,
            "disableAadAuth": false,
            "publicNetworkAccess": "Enabled",
        },
    })
}

/// `POST {resource}/listKeys`, and the answer of `regenerateKey`.
pub fn keys_json(emu: &Emulator) -> Value {
    let (primary, secondary) = (emu.keys.primary(), emu.keys.secondary());
    json!({
        "primaryKey": primary,
        "secondaryKey": secondary,
        "primaryConnectionString": emu.connection_string_with(&primary),
        "secondaryConnectionString": emu.connection_string_with(&secondary),
    })
}

/// `POST {resource}/regenerateKey` with `{"keyType": "Primary" | "Secondary" | "Salt"}`.
pub async fn regenerate(
    emu: &Emulator,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, ArmError> {
    let body = read_json(headers, body, 4096).await?;
    let key_type = body
        .get("keyType")
        .and_then(Value::as_str)
        .and_then(KeyType::parse)
        .ok_or_else(|| {
            ArmError::bad_request(
                "InvalidRequestContent",
                "The body must be {\"keyType\": \"Primary\" | \"Secondary\" | \"Salt\"}.",
            )
        })?;
    emu.keys.regenerate(key_type);
    Ok(ok_json(StatusCode::OK, &keys_json(emu)))
}
