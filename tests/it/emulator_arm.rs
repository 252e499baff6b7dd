//! The emulator as the Azure control plane of its resource (ARM, api-version 2024-03-01
//! shapes): the resource, its keys and their rotation, hub settings, and ARM's errors, all
//! behind tokens from the emulator's own Entra ID.

use serde_json::{json, Value};

use crate::common::*;

async fn arm_token(emu: &Emulator) -> String {
    emu.entra_token(ARM_SCOPE, None, None).await
}

#[tokio::test]
async fn start_prints_the_resource_and_the_identity_exports() {
    let emu = Emulator::start_with(&["-n", "MyWps", "-g", "my-rg", "--subscription", "sub-1"]);
    let endpoint = emu.exported("IDENTITY_ENDPOINT").await;
    assert_eq!(endpoint, format!("{}/entra/msi/token", emu.endpoint));
    let header = emu.exported("IDENTITY_HEADER").await;
    assert!(
        header.len() >= 16 && header.bytes().all(|b| b.is_ascii_alphanumeric()),
        "identity header {header:?}"
    );
    let err = emu.stderr();
    assert!(
        err.contains("/subscriptions/sub-1/resourceGroups/my-rg/providers/Microsoft.SignalRService/WebPubSub/MyWps"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "--arm-endpoint http://localhost:{} -n MyWps -g my-rg --subscription sub-1",
            emu.port
        )),
        "{err}"
    );
    // The connection string stays the one line on stdout (the harness parsed it), and no
    // secret but the identity header is printed.
    assert!(
        !err.contains(&emu.key),
        "the access key is on stderr: {err}"
    );

    // A fixed identity header is used as given.
    let fixed = Emulator::start_with(&["--identity-header", "fixed-secret-123"]);
    assert_eq!(fixed.exported("IDENTITY_HEADER").await, "fixed-secret-123");
}

#[tokio::test]
async fn invalid_resource_flags_are_usage_errors() {
    for args in [
        &["-n", "a"][..],
        &["-n", "9lives"],
        &["-g", "bad/group"],
        &["--subscription", "a b"],
        &["--entra-identity", "app=Owner"],
        &["--entra-identity", "app"],
        &[
            "--entra-identity",
            "a=Reader",
            "--entra-identity",
            "A=Contributor",
        ],
        &["--identity-header", "short"],
        &["--secondary-key", "too-short"],
    ] {
        let out = std::process::Command::new(bin())
            .args(["emulator", "start", "--port", "0"])
            .args(args)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            err.trim().lines().count(),
            1,
            "{args:?}: one line expected: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: {out:?}");
    }
}

#[tokio::test]
async fn get_resource_has_arms_shape() {
    let emu = Emulator::start();
    let token = arm_token(&emu).await;
    let r = emu.arm("GET", "", Some(&token), None).await;
    r.expect(200);
    assert!(r
        .header("content-type")
        .unwrap_or_default()
        .starts_with("application/json"));
    let body = r.json();
    let port = emu.port;
    assert_eq!(
        body,
        json!({
            "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.SignalRService/WebPubSub/local",
            "name": "local",
            "type": "Microsoft.SignalRService/WebPubSub",
            "location": "local",
            "tags": {},
            "kind": "WebPubSub",
            "sku": {"name": "Free_F1", "tier": "Free", "size": "F1", "capacity": 1},
            "properties": {
                "provisioningState": "Succeeded",
                "hostName": "localhost",
                "publicPort": port,
                "serverPort": port,
                "externalIP": "127.0.0.1",
                "version": "1.0",
                "disableLocalAuth": false,
                "disableAadAuth": false,
                "publicNetworkAccess": "Enabled",
            }
        })
    );
}

#[tokio::test]
async fn names_compare_ignoring_case_and_any_other_resource_is_not_found() {
    let emu = Emulator::start_with(&["-n", "MyWps", "-g", "my-rg", "--subscription", "sub-1"]);
    let token = arm_token(&emu).await;
    let r = emu
        .arm_at(
            "GET",
            "/SUBSCRIPTIONS/SUB-1/resourcegroups/MY-RG/providers/microsoft.signalrservice/WEBPUBSUB/mywps",
            Some(&token),
            None,
        )
        .await;
    r.expect(200);
    assert_eq!(
        r.json()["id"],
        "/subscriptions/sub-1/resourceGroups/my-rg/providers/Microsoft.SignalRService/WebPubSub/MyWps"
    );
    assert_eq!(r.json()["name"], "MyWps");
    for path in [
        "/subscriptions/sub-2/resourceGroups/my-rg/providers/Microsoft.SignalRService/webPubSub/MyWps",
        "/subscriptions/sub-1/resourceGroups/other/providers/Microsoft.SignalRService/webPubSub/MyWps",
        "/subscriptions/sub-1/resourceGroups/my-rg/providers/Microsoft.SignalRService/webPubSub/other",
        ARM_RESOURCE,
    ] {
        let msg = emu
            .arm_at("GET", path, Some(&token), None)
            .await
            .expect_arm_error(404, "ResourceNotFound");
        assert!(msg.contains("MyWps"), "{msg}");
        let suffixed = format!("{path}/listKeys");
        emu.arm_at("POST", &suffixed, Some(&token), None)
            .await
            .expect_arm_error(404, "ResourceNotFound");
    }
}

#[tokio::test]
async fn arm_errors_have_arms_shape() {
    let emu = Emulator::start();
    let token = arm_token(&emu).await;
    // No token, or a token ARM does not take.
    let r = emu.arm("GET", "", None, None).await;
    r.expect_arm_error(401, "AuthenticationFailed");
    assert!(r
        .header("www-authenticate")
        .is_some_and(|h| h.starts_with("Bearer")));
    let data_plane = emu.entra_token(DATA_SCOPE, None, None).await;
    let msg = emu
        .arm("GET", "", Some(&data_plane), None)
        .await
        .expect_arm_error(401, "InvalidAuthenticationToken");
    assert!(msg.contains("audience"), "{msg}");
    let key_signed = emu.rest_token(&emu.url(ARM_RESOURCE));
    emu.arm("GET", "", Some(&key_signed), None)
        .await
        .expect_arm_error(401, "InvalidAuthenticationToken");
    emu.call(
        "GET",
        ARM_RESOURCE,
        &[("authorization", "Basic dXNlcjpwYXNz")],
        None,
    )
    .await
    .expect_arm_error(401, "AuthenticationFailed");

    // Every ARM audience the contract names is taken, the emulator's own URL included.
    for scope in [
        "https://management.azure.com/.default".to_string(),
        "https://management.core.windows.net/".to_string(),
        format!("{}/.default", emu.endpoint),
        format!("http://127.0.0.1:{}/.default", emu.port),
    ] {
        let t = emu.entra_token(&scope, None, None).await;
        emu.arm("GET", "", Some(&t), None).await.expect(200);
    }
    let elsewhere = emu
        .entra_token("http://localhost:1/.default", None, None)
        .await;
    emu.arm("GET", "", Some(&elsewhere), None)
        .await
        .expect_arm_error(401, "InvalidAuthenticationToken");

    // api-version is required (any value).
    let auth = format!("Bearer {token}");
    for q in ["", "?api-version=", "?x=1"] {
        emu.call(
            "GET",
            &format!("{ARM_RESOURCE}{q}"),
            &[("authorization", &auth)],
            None,
        )
        .await
        .expect_arm_error(400, "MissingApiVersionParameter");
    }
    emu.call(
        "GET",
        &format!("{ARM_RESOURCE}?api-version=1999-01-01"),
        &[("authorization", &auth)],
        None,
    )
    .await
    .expect(200);

    // Unknown paths and methods.
    for (method, path) in [
        ("GET", format!("{ARM_RESOURCE}/nope")),
        ("GET", format!("{ARM_RESOURCE}/hubs/chat/extra")),
        ("GET", "/subscriptions".to_string()),
        ("GET", "/subscriptions/x/resourceGroups/y".to_string()),
        (
            "GET",
            "/subscriptions/x/resourceGroups/y/providers/Microsoft.Web/sites/local".to_string(),
        ),
    ] {
        let msg = emu
            .arm_at(method, &path, Some(&token), None)
            .await
            .expect_arm_error(404, "NotFound");
        assert!(
            msg.contains("webPubSub") || msg.contains("WebPubSub"),
            "{msg}"
        );
    }
    for (method, suffix) in [
        ("DELETE", ""),
        ("PUT", ""),
        ("GET", "/listKeys"),
        ("GET", "/regenerateKey"),
        ("POST", "/hubs"),
        ("POST", "/hubs/chat"),
    ] {
        emu.arm(method, suffix, Some(&token), None)
            .await
            .expect_arm_error(405, "MethodNotAllowed");
    }
    emu.arm("GET", "/hubs/1bad", Some(&token), None)
        .await
        .expect_arm_error(400, "InvalidResourceName");
}

#[tokio::test]
async fn list_keys_and_regenerate_key() {
    let emu = Emulator::start_with(&["--secondary-key", &"S".repeat(40)]);
    let token = arm_token(&emu).await;
    let keys = emu.arm("POST", "/listKeys", Some(&token), None).await;
    keys.expect(200);
    let keys = keys.json();
    let conn = |k: &str| {
        format!(
            "Endpoint=http://localhost:{};AccessKey={k};Version=1.0;",
            emu.port
        )
    };
    assert_eq!(
        keys,
        json!({
            "primaryKey": emu.key,
            "secondaryKey": "S".repeat(40),
            "primaryConnectionString": conn(&emu.key),
            "secondaryConnectionString": conn(&"S".repeat(40)),
        })
    );
    assert_eq!(keys["primaryConnectionString"], emu.conn_str.as_str());

    // Primary: a new 44-character key, the secondary untouched.
    let r = emu
        .arm(
            "POST",
            "/regenerateKey",
            Some(&token),
            Some(&json!({"keyType": "Primary"})),
        )
        .await;
    r.expect(200);
    let after = r.json();
    let primary = after["primaryKey"].as_str().unwrap().to_string();
    assert_ne!(primary, emu.key);
    assert_eq!(primary.len(), 44, "{primary}");
    assert_eq!(after["secondaryKey"], "S".repeat(40));
    assert_eq!(after["primaryConnectionString"], conn(&primary).as_str());
    assert_eq!(
        emu.arm("POST", "/listKeys", Some(&token), None)
            .await
            .json(),
        after
    );

    // Secondary, case-insensitive; Salt changes nothing visible.
    let r = emu
        .arm(
            "POST",
            "/regenerateKey",
            Some(&token),
            Some(&json!({"keyType": "secondary"})),
        )
        .await;
    r.expect(200);
    let secondary = r.json()["secondaryKey"].as_str().unwrap().to_string();
    assert_ne!(secondary, "S".repeat(40));
    assert_eq!(r.json()["primaryKey"], primary.as_str());
    let r = emu
        .arm(
            "POST",
            "/regenerateKey",
            Some(&token),
            Some(&json!({"keyType": "Salt"})),
        )
        .await;
    r.expect(200);
    assert_eq!(r.json()["primaryKey"], primary.as_str());
    assert_eq!(r.json()["secondaryKey"], secondary.as_str());

    for body in [
        None,
        Some(json!({})),
        Some(json!({"keyType": "Both"})),
        Some(json!({"keyType": 1})),
        Some(json!([1])),
    ] {
        emu.arm("POST", "/regenerateKey", Some(&token), body.as_ref())
            .await
            .expect_arm_error(400, "InvalidRequestContent");
    }
    emu.call(
        "POST",
        &format!("{ARM_RESOURCE}/regenerateKey?{ARM_API}"),
        &[
            ("authorization", &format!("Bearer {token}")),
            ("content-type", "application/json"),
        ],
        Some(b"{not json".to_vec()),
    )
    .await
    .expect_arm_error(400, "InvalidRequestContent");
}

fn hub_of(name: &str, props: Value) -> Value {
    json!({
        "id": format!("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.SignalRService/WebPubSub/local/hubs/{name}"),
        "name": name,
        "type": "Microsoft.SignalRService/WebPubSub/hubs",
        "properties": props,
    })
}

#[tokio::test]
async fn hubs_are_created_read_replaced_listed_and_deleted() {
    let emu = Emulator::start();
    let token = arm_token(&emu).await;
    let t = Some(token.as_str());
    let r = emu.arm("GET", "/hubs", t, None).await;
    r.expect(200);
    assert_eq!(r.json(), json!({"value": []}));
    emu.arm("GET", "/hubs/chat", t, None)
        .await
        .expect_arm_error(404, "ResourceNotFound");

    // Created with the defaults: 201.
    let r = emu
        .arm("PUT", "/hubs/Chat", t, Some(&json!({"properties": {}})))
        .await;
    r.expect(201);
    let defaults = json!({
        "eventHandlers": [],
        "eventListeners": [],
        "anonymousConnectPolicy": "deny",
        "webSocketKeepAliveIntervalInSeconds": 20,
    });
    assert_eq!(r.json(), hub_of("Chat", defaults.clone()));

    // Replaced: 200, under the name's first spelling.
    let props = json!({
        "eventHandlers": [
            {"urlTemplate": "http://localhost:9/api/{hub}/{event}", "userEventPattern": "*",
             "systemEvents": ["connect", "connected", "disconnected"], "auth": {"type": "None"}},
            {"urlTemplate": "http://localhost:9/other", "systemEvents": ["Connected"]},
        ],
        "eventListeners": [],
        "anonymousConnectPolicy": "Allow",
        "webSocketKeepAliveIntervalInSeconds": 5,
    });
    let r = emu
        .arm("PUT", "/hubs/CHAT", t, Some(&json!({"properties": props})))
        .await;
    r.expect(200);
    let stored = hub_of(
        "Chat",
        json!({
            "eventHandlers": [
                {"urlTemplate": "http://localhost:9/api/{hub}/{event}", "userEventPattern": "*",
                 "systemEvents": ["connect", "connected", "disconnected"], "auth": {"type": "None"}},
                {"urlTemplate": "http://localhost:9/other", "systemEvents": ["connected"],
                 "auth": {"type": "None"}},
            ],
            "eventListeners": [],
            "anonymousConnectPolicy": "allow",
            "webSocketKeepAliveIntervalInSeconds": 5,
        }),
    );
    assert_eq!(r.json(), stored);
    let r = emu.arm("GET", "/hubs/chat", t, None).await;
    r.expect(200);
    assert_eq!(r.json(), stored);

    emu.arm("PUT", "/hubs/zeta", t, Some(&json!({})))
        .await
        .expect(201);
    let r = emu.arm("GET", "/hubs", t, None).await;
    r.expect(200);
    assert_eq!(
        r.json(),
        json!({"value": [stored, hub_of("zeta", defaults)]})
    );

    // Deleted: 200, then 204; gone from GET and the list.
    let r = emu.arm("DELETE", "/hubs/chat", t, None).await;
    r.expect(200);
    emu.arm("DELETE", "/hubs/chat", t, None).await.expect(204);
    emu.arm("DELETE", "/hubs/never", t, None).await.expect(204);
    emu.arm("GET", "/hubs/Chat", t, None)
        .await
        .expect_arm_error(404, "ResourceNotFound");
    assert_eq!(
        emu.arm("GET", "/hubs", t, None).await.json()["value"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[tokio::test]
async fn invalid_hub_settings_are_refused_and_change_nothing() {
    let emu = Emulator::start();
    let token = arm_token(&emu).await;
    let t = Some(token.as_str());
    let handler = |extra: Value| {
        let mut h = json!({"urlTemplate": "http://localhost:9/x", "userEventPattern": "*"});
        for (k, val) in extra.as_object().unwrap() {
            h[k] = val.clone();
        }
        json!({"properties": {"eventHandlers": [h]}})
    };
    for (body, needle) in [
        (json!([]), "JSON object"),
        (
            json!({"properties": {"webSocketKeepAliveIntervalInSeconds": 0}}),
            "1 to 120",
        ),
        (
            json!({"properties": {"webSocketKeepAliveIntervalInSeconds": 121}}),
            "1 to 120",
        ),
        (
            json!({"properties": {"webSocketKeepAliveIntervalInSeconds": "20"}}),
            "1 to 120",
        ),
        (
            json!({"properties": {"webSocketKeepAliveIntervalInSeconds": 2.5}}),
            "1 to 120",
        ),
        (
            json!({"properties": {"anonymousConnectPolicy": "maybe"}}),
            "anonymousConnectPolicy",
        ),
        (
            json!({"properties": {"eventListeners": [{"filter": {}}]}}),
            "eventListeners",
        ),
        (
            json!({"properties": {"eventHandlers": [{"userEventPattern": "*"}]}}),
            "urlTemplate",
        ),
        (handler(json!({"urlTemplate": "ftp://x/"})), "http"),
        (handler(json!({"urlTemplate": "http://{event}.x/"})), "host"),
        (handler(json!({"userEventPattern": null})), "no events"),
        (handler(json!({"userEventPattern": "a*"})), "event name"),
        (
            handler(json!({"systemEvents": ["connecting"]})),
            "connecting",
        ),
        (
            handler(
                json!({"auth": {"type": "ManagedIdentity", "managedIdentity": {"resource": "x"}}}),
            ),
            "ManagedIdentity",
        ),
        (json!({"properties": {"eventHandlers": "x"}}), "not valid"),
    ] {
        let msg = emu
            .arm("PUT", "/hubs/chat", t, Some(&body))
            .await
            .expect_arm_error(400, "InvalidRequestContent");
        assert!(
            msg.to_lowercase().contains(&needle.to_lowercase()),
            "{body}: {msg} lacks {needle}"
        );
    }
    let too_many: Vec<Value> = (0..65)
        .map(|_| json!({"urlTemplate": "http://localhost:9/x", "userEventPattern": "*"}))
        .collect();
    emu.arm(
        "PUT",
        "/hubs/chat",
        t,
        Some(&json!({"properties": {"eventHandlers": too_many}})),
    )
    .await
    .expect_arm_error(400, "InvalidRequestContent");
    emu.call(
        "PUT",
        &format!("{ARM_RESOURCE}/hubs/chat?{ARM_API}"),
        &[
            ("authorization", &format!("Bearer {token}")),
            ("content-type", "text/plain"),
        ],
        Some(b"{}".to_vec()),
    )
    .await
    .expect_arm_error(415, "UnsupportedMediaType");
    emu.arm("GET", "/hubs/chat", t, None)
        .await
        .expect_arm_error(404, "ResourceNotFound");
}

#[tokio::test]
async fn roles_decide_what_an_identity_may_do() {
    let emu = Emulator::start_with(&[
        "--entra-identity",
        "reader-app=Reader",
        "--entra-identity",
        "nobody=none",
        "--entra-identity",
        "owner-only=WebPubSubServiceOwner",
    ]);
    let reader = emu.entra_token(ARM_SCOPE, Some("reader-app"), None).await;
    emu.arm("GET", "", Some(&reader), None).await.expect(200);
    emu.arm("GET", "/hubs", Some(&reader), None)
        .await
        .expect(200);
    for (method, suffix, body, action) in [
        ("POST", "/listKeys", None, "listKeys/action"),
        (
            "POST",
            "/regenerateKey",
            Some(json!({"keyType": "Primary"})),
            "regenerateKey/action",
        ),
        ("PUT", "/hubs/chat", Some(json!({})), "hubs/write"),
        ("DELETE", "/hubs/chat", None, "hubs/delete"),
    ] {
        let msg = emu
            .arm(method, suffix, Some(&reader), body.as_ref())
            .await
            .expect_arm_error(403, "AuthorizationFailed");
        assert!(msg.contains("'Contributor'"), "{msg}");
        assert!(msg.contains(action), "{msg}");
        assert!(msg.contains("reader-app"), "{msg}");
    }
    // Nothing was rotated or created by the refused calls.
    let admin = emu.entra_token(ARM_SCOPE, None, None).await;
    let keys = emu.arm("POST", "/listKeys", Some(&admin), None).await;
    assert_eq!(keys.json()["primaryKey"], emu.key.as_str());
    emu.arm("GET", "/hubs/chat", Some(&admin), None)
        .await
        .expect_arm_error(404, "ResourceNotFound");

    for who in ["nobody", "owner-only"] {
        let t = emu.entra_token(ARM_SCOPE, Some(who), None).await;
        let msg = emu
            .arm("GET", "", Some(&t), None)
            .await
            .expect_arm_error(403, "AuthorizationFailed");
        assert!(msg.contains("'Reader'"), "{msg}");
    }
}

#[tokio::test]
async fn the_host_guard_answers_arm_paths_in_arms_shape() {
    let emu = Emulator::start();
    let token = arm_token(&emu).await;
    let r = emu
        .raw(&format!(
            "GET {ARM_RESOURCE}?{ARM_API} HTTP/1.1\r\nHost: evil.example:{}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n",
            emu.port
        ))
        .await;
    assert_eq!(r.status, 400, "{r:?}");
    assert_eq!(r.json()["error"]["code"], "InvalidHost", "{r:?}");
    let r = emu
        .raw(&format!(
            "GET {ARM_RESOURCE}?{ARM_API} HTTP/1.1\r\nHost: localhost:{}\r\nOrigin: http://evil.example\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n",
            emu.port
        ))
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    assert_eq!(r.json()["error"]["code"], "InvalidOrigin", "{r:?}");
}
