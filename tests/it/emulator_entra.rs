//! The emulator's Entra ID and what it controls on the data plane: the managed-identity and
//! plain token endpoints, Entra tokens on REST (and refusals of every kind of bad one), roles,
//! the two access keys and their rotation, local auth disabled, and the hub settings ARM sets
//! (anonymous connect, keep-alive pings, event handlers replaced at runtime).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{json, Value};

use crate::common::*;

const HUB: &str = "entra";

/// A JSON-subprotocol handshake with `token` (if any); the rejection when refused.
async fn open(emu: &Emulator, hub: &str, token: Option<&str>) -> Result<Client, Rejected> {
    let path = match token {
        Some(t) => format!("/client/hubs/{hub}?access_token={}", enc(t)),
        None => format!("/client/hubs/{hub}"),
    };
    let opts = WsOpts {
        protocols: vec![JSON_V1.to_string()],
        ..WsOpts::default()
    };
    let mut ws = emu.ws_open(&path, &opts).await?;
    let connected = ws.recv_json().await;
    Ok(Client::from_connected(ws, connected))
}

#[track_caller]
fn refused(result: Result<Client, Rejected>, status: u16) -> Rejected {
    match result {
        Ok(c) => panic!("the handshake was accepted: {}", c.connected),
        Err(r) => {
            assert_eq!(r.status, status, "{r:?}");
            r
        }
    }
}

/// `POST /api/hubs/{hub}/:send` with `authorization` as the bearer.
async fn send_all(emu: &Emulator, hub: &str, bearer: &str, text: &str) -> Resp {
    emu.rest_with_auth(
        "POST",
        &v(&format!("/api/hubs/{hub}/:send")),
        Some(format!("Bearer {bearer}")),
        Some("text/plain"),
        text,
    )
    .await
}

/// `:generateToken` with an Entra bearer; the client token.
async fn generate_token(emu: &Emulator, hub: &str, bearer: &str, query: &str) -> String {
    let r = emu
        .rest_with_auth(
            "POST",
            &v(&format!("/api/hubs/{hub}/:generateToken?{query}")),
            Some(format!("Bearer {bearer}")),
            None,
            Vec::new(),
        )
        .await;
    r.expect(200);
    r.json()["token"].as_str().expect("token").to_string()
}

#[tokio::test]
async fn the_managed_identity_endpoint_speaks_app_service_2019_08_01() {
    let emu = Emulator::start();
    let header = emu.exported("IDENTITY_HEADER").await;
    let endpoint = emu.exported("IDENTITY_ENDPOINT").await;
    let path = endpoint.strip_prefix(&emu.endpoint).expect("our endpoint");
    let get = |query: String, header: Option<String>| {
        let path = format!("{path}?{query}");
        let emu = &emu;
        async move {
            let h: Vec<(&str, &str)> = match &header {
                Some(v) => vec![("X-IDENTITY-HEADER", v.as_str()), ("metadata", "true")],
                None => vec![],
            };
            emu.call("GET", &path, &h, None).await
        }
    };
    let q = |extra: &str| {
        format!(
            "api-version=2019-08-01&resource={}{extra}",
            enc("https://webpubsub.azure.com")
        )
    };

    let r = get(q(""), Some(header.clone())).await;
    r.expect(200);
    assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
    let body = r.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["resource"], "https://webpubsub.azure.com");
    assert_eq!(body["client_id"], "emulator");
    let expires_on: i64 = body["expires_on"]
        .as_str()
        .expect("expires_on is a string, as App Service writes it")
        .parse()
        .expect("unix seconds");
    assert!(
        (expires_on - now() - 3600).abs() < 120,
        "expires_on {expires_on}"
    );
    let claims = jwt_payload(body["access_token"].as_str().unwrap());
    assert_eq!(claims["iss"], format!("{}/entra/", emu.endpoint));
    assert_eq!(claims["aud"], "https://webpubsub.azure.com");
    assert_eq!(claims["tid"], "00000000-0000-0000-0000-0000000000e1");
    assert_eq!(claims["appid"], "emulator");
    assert_eq!(claims["azp"], "emulator");
    assert_eq!(claims["sub"], claims["oid"]);
    let oid = claims["oid"].as_str().unwrap();
    assert!(
        oid.len() == 36 && oid.split('-').map(str::len).eq([8, 4, 4, 4, 12]),
        "oid {oid}"
    );
    assert_eq!(claims["exp"].as_i64(), Some(expires_on));
    assert!(claims["nbf"].as_i64().is_some() && claims["iat"].as_i64().is_some());

    // A client id: its own stable object id.
    let r = get(q("&client_id=my-app"), Some(header.clone())).await;
    r.expect(200);
    assert_eq!(r.json()["client_id"], "my-app");
    let mine = jwt_payload(r.json()["access_token"].as_str().unwrap());
    assert_eq!(mine["appid"], "my-app");
    assert_ne!(mine["oid"], claims["oid"]);
    let again = get(q("&client_id=my-app"), Some(header.clone())).await;
    assert_eq!(
        jwt_payload(again.json()["access_token"].as_str().unwrap())["oid"],
        mine["oid"]
    );

    // The header is the whole protection.
    for h in [None, Some("wrong".to_string()), Some(format!("{header}x"))] {
        let r = get(q(""), h).await;
        r.expect(401);
        assert!(r.json()["error_description"].as_str().is_some());
        assert!(
            !r.text().contains(&header),
            "the secret is echoed: {}",
            r.text()
        );
    }
    for query in [
        "api-version=2019-08-01".to_string(),
        format!("resource={}", enc("https://webpubsub.azure.com")),
        q("").replace("2019-08-01", "2017-09-01"),
        q("&object_id=x"),
        q("&mi_res_id=x"),
        q("&client_id=a%20b"),
        q("&resource=again"),
        "api-version=2019-08-01&resource=a%20b".to_string(),
        format!("api-version=2019-08-01&resource={}", "x".repeat(600)),
    ] {
        let r = get(query.clone(), Some(header.clone())).await;
        r.expect(400);
        assert_eq!(r.json()["error"], "invalid_request", "{query}");
    }
}

#[tokio::test]
async fn the_plain_token_endpoint_answers_like_az_too() {
    let emu = Emulator::start_with(&[
        "--identity-header",
        "shim-secret-1",
        "--subscription",
        "sub-9",
    ]);
    let post = |form: &str, headers: &[(&str, &str)]| {
        let form = form.as_bytes().to_vec();
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let emu = &emu;
        async move {
            let h: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            emu.call("POST", "/entra/token", &h, Some(form)).await
        }
    };
    let ok = [
        ("x-identity-header", "shim-secret-1"),
        ("content-type", "application/x-www-form-urlencoded"),
    ];
    let r = post(
        &format!(
            "scope={}&client_id=cli",
            enc("https://management.azure.com//.default")
        ),
        &ok,
    )
    .await;
    r.expect(200);
    let body = r.json();
    assert_eq!(body["resource"], "https://management.azure.com");
    assert_eq!(body["accessToken"], body["access_token"]);
    assert_eq!(body["tokenType"], "Bearer");
    assert_eq!(body["client_id"], "cli");
    assert_eq!(body["subscription"], "sub-9");
    assert_eq!(body["tenant"], "00000000-0000-0000-0000-0000000000e1");
    let exp = body["expires_on"]
        .as_i64()
        .expect("a number, as az prints it");
    assert!((exp - now() - 3600).abs() < 120);
    let expires_on = body["expiresOn"].as_str().unwrap();
    assert_eq!(
        expires_on.len(),
        "2024-01-01 00:00:00.000000".len(),
        "{expires_on}"
    );
    let claims = jwt_payload(body["access_token"].as_str().unwrap());
    assert_eq!(claims["aud"], "https://management.azure.com");
    assert_eq!(claims["appid"], "cli");

    let r = post("resource=https%3A%2F%2Fwebpubsub.azure.com%2F", &ok).await;
    r.expect(200);
    assert_eq!(
        jwt_payload(r.json()["access_token"].as_str().unwrap())["aud"],
        "https://webpubsub.azure.com"
    );

    for form in [
        "",
        "client_id=x",
        "resource=a&scope=b/.default",
        "scope=a/.default%20b/.default",
        "resource=x&expires_in=abc",
        "resource=x&expires_in=100000",
        "resource=x&resource=y",
    ] {
        post(form, &ok).await.expect(400);
    }
    post(
        "resource=x",
        &[("content-type", "application/x-www-form-urlencoded")],
    )
    .await
    .expect(401);
    post(
        "resource=x",
        &[
            ("x-identity-header", "shim-secret-1"),
            ("content-type", "application/json"),
        ],
    )
    .await
    .expect(415);
    let big = format!("resource=x&pad={}", "a".repeat(20_000));
    post(&big, &ok).await.expect(413);
    emu.call("GET", "/entra/token", &[], None).await.expect(405);
}

#[tokio::test]
async fn an_entra_token_works_on_every_rest_call_and_generate_token() {
    let emu = Emulator::start();
    let token = emu.entra_token(DATA_SCOPE, None, None).await;
    // No per-URL audience: one token for any operation, hub and query.
    let mut listener = emu
        .connect_json(
            HUB,
            &json!({"sub": "u1", "role": ["webpubsub.joinLeaveGroup"]}),
        )
        .await;
    listener.join("g").await;
    send_all(&emu, HUB, &token, "to all")
        .await
        .expect_accepted();
    let m = listener.ws.recv_json().await;
    assert_eq!(m["data"], "to all");
    emu.rest_with_auth(
        "POST",
        &v(&format!("/api/hubs/{HUB}/groups/g/:send")),
        Some(format!("Bearer {token}")),
        Some("application/json"),
        r#"{"x":1}"#,
    )
    .await
    .expect_accepted();
    assert_eq!(listener.ws.recv_json().await["data"], json!({"x": 1}));
    emu.rest_with_auth(
        "HEAD",
        &v(&format!("/api/hubs/{HUB}/users/u1")),
        Some(format!("Bearer {token}")),
        None,
        Vec::new(),
    )
    .await
    .expect(200);

    // :generateToken: the client token connects, and no access key signed it.
    let client_token = generate_token(&emu, "Other", &token, "userId=alice&group=cg").await;
    let claims = jwt_payload(&client_token);
    assert_eq!(claims["aud"], format!("{}/client/hubs/Other", emu.endpoint));
    assert_eq!(claims["sub"], "alice");
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_aud = false;
    assert!(
        jsonwebtoken::decode::<Value>(
            &client_token,
            &DecodingKey::from_secret(emu.key.as_bytes()),
            &validation
        )
        .is_err(),
        "the client token is signed with the access key"
    );
    let mut alice = open(&emu, "Other", Some(&client_token))
        .await
        .expect("connects");
    assert_eq!(alice.user_id.as_deref(), Some("alice"));
    send_all(&emu, "other", &token, "hi alice")
        .await
        .expect_accepted();
    assert_eq!(alice.ws.recv_json().await["data"], "hi alice");
    // An access-key caller's client tokens are still signed with the primary key.
    let r = emu
        .rest(
            "POST",
            &v(&format!("/api/hubs/{HUB}/:generateToken")),
            None,
            Vec::new(),
        )
        .await;
    r.expect(200);
    let keyed = r.json()["token"].as_str().unwrap().to_string();
    assert!(jsonwebtoken::decode::<Value>(
        &keyed,
        &DecodingKey::from_secret(emu.key.as_bytes()),
        &validation
    )
    .is_ok());
}

#[tokio::test]
async fn bad_entra_tokens_are_refused_with_401_on_rest_and_arm() {
    let emu = Emulator::start();
    let other = Emulator::start();
    let iss = format!("{}/entra/", emu.endpoint);
    let claims = |aud: &str| {
        json!({"iss": iss, "aud": aud, "appid": "emulator", "tid": "00000000-0000-0000-0000-0000000000e1",
               "iat": now(), "nbf": now(), "exp": now() + 3600})
    };
    let good_data = emu.entra_token(DATA_SCOPE, None, None).await;
    let good_arm = emu.entra_token(ARM_SCOPE, None, None).await;
    // The good ones pass, so the refusals below are about what is wrong with each.
    send_all(&emu, HUB, &good_data, "ok")
        .await
        .expect_accepted();
    emu.arm("GET", "", Some(&good_arm), None).await.expect(200);

    let cases: Vec<(&str, String, String, &str)> = vec![
        (
            "forged (signed with a guessed secret)",
            sign(&claims("https://webpubsub.azure.com"), "guessed-secret"),
            sign(&claims("https://management.azure.com"), "guessed-secret"),
            "signature",
        ),
        (
            "signed with the access key",
            sign(&claims("https://webpubsub.azure.com"), DEFAULT_KEY),
            sign(&claims("https://management.azure.com"), DEFAULT_KEY),
            "signature",
        ),
        (
            "from another emulator",
            other.entra_token(DATA_SCOPE, None, None).await,
            other.entra_token(ARM_SCOPE, None, None).await,
            "issuer",
        ),
        (
            "a foreign issuer",
            sign(
                &merge(
                    claims("https://webpubsub.azure.com"),
                    &json!({"iss": "https://sts.windows.net/00000000-0000-0000-0000-0000000000e1/"}),
                ),
                "k",
            ),
            sign(
                &merge(
                    claims("https://management.azure.com"),
                    &json!({"iss": "https://login.microsoftonline.com/x/v2.0"}),
                ),
                "k",
            ),
            "issuer",
        ),
        (
            "RS256",
            craft_jwt(
                &json!({"alg": "RS256", "typ": "JWT", "kid": "x"}),
                &claims("https://webpubsub.azure.com"),
                "k",
            ),
            craft_jwt(
                &json!({"alg": "RS256", "typ": "JWT", "kid": "x"}),
                &claims("https://management.azure.com"),
                "k",
            ),
            "RS256",
        ),
        (
            "unsigned",
            unsigned_jwt(&claims("https://webpubsub.azure.com")),
            unsigned_jwt(&claims("https://management.azure.com")),
            "",
        ),
        (
            "tampered (audience swapped after signing)",
            tamper_payload(
                &good_arm,
                &merge(
                    jwt_payload(&good_arm),
                    &json!({"aud": "https://webpubsub.azure.com"}),
                ),
            ),
            tamper_payload(
                &good_data,
                &merge(
                    jwt_payload(&good_data),
                    &json!({"aud": "https://management.azure.com"}),
                ),
            ),
            "signature",
        ),
        (
            "expired",
            emu.entra_token(DATA_SCOPE, None, Some(-600)).await,
            emu.entra_token(ARM_SCOPE, None, Some(-600)).await,
            "expired",
        ),
        (
            "for the other surface",
            good_arm.clone(),
            good_data.clone(),
            "audience",
        ),
        (
            "for another audience",
            emu.entra_token("https://storage.azure.com/.default", None, None)
                .await,
            emu.entra_token("https://graph.microsoft.com/.default", None, None)
                .await,
            "audience",
        ),
    ];
    for (what, data, arm, needle) in cases {
        let r = send_all(&emu, HUB, &data, "x").await;
        let body = r.expect_error(401);
        let msg = body["message"].as_str().unwrap_or_default();
        assert!(msg.contains(needle), "REST, {what}: {msg}");
        assert!(!msg.contains('\n'), "{msg}");
        let msg = emu
            .arm("GET", "", Some(&arm), None)
            .await
            .expect_arm_error(401, "InvalidAuthenticationToken");
        assert!(msg.contains(needle), "ARM, {what}: {msg}");
    }
}

#[tokio::test]
async fn an_identity_without_the_data_plane_role_gets_403_naming_it() {
    let emu = Emulator::start_with(&["--entra-identity", "reader-app=Reader,Contributor"]);
    let t = emu.entra_token(DATA_SCOPE, Some("reader-app"), None).await;
    let body = send_all(&emu, HUB, &t, "x").await.expect_error(403);
    let msg = body["message"].as_str().unwrap();
    assert!(msg.contains("Web PubSub Service Owner"), "{msg}");
    assert!(msg.contains("reader-app=WebPubSubServiceOwner"), "{msg}");
    emu.rest_with_auth(
        "POST",
        &v(&format!("/api/hubs/{HUB}/:generateToken")),
        Some(format!("Bearer {t}")),
        None,
        Vec::new(),
    )
    .await
    .expect_error(403);
    // The same identity may still use ARM, and any other identity the data plane.
    let arm = emu.entra_token(ARM_SCOPE, Some("reader-app"), None).await;
    emu.arm("POST", "/listKeys", Some(&arm), None)
        .await
        .expect(200);
    let other = emu.entra_token(DATA_SCOPE, Some("someone"), None).await;
    send_all(&emu, HUB, &other, "x").await.expect_accepted();
}

#[tokio::test]
async fn both_keys_sign_valid_tokens_and_rotation_counts_at_once() {
    let emu = Emulator::start();
    let arm = emu.entra_token(ARM_SCOPE, None, None).await;
    let secondary = emu.arm("POST", "/listKeys", Some(&arm), None).await.json()["secondaryKey"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(secondary.len(), 44);
    let path = v(&format!("/api/hubs/{HUB}/:send"));
    let signed_rest = |key: &str| sign(&json!({"aud": emu.url(&path), "exp": now() + 600}), key);
    let client_token = |key: &str| sign(&emu.client_claims(HUB, &json!({"sub": "k"})), key);

    for key in [emu.key.as_str(), secondary.as_str()] {
        send_all(&emu, HUB, &signed_rest(key), "x")
            .await
            .expect_accepted();
        open(&emu, HUB, Some(&client_token(key)))
            .await
            .expect("a key's client token connects");
    }

    // Regenerating the secondary refuses it from the next request on, REST and handshakes.
    let r = emu
        .arm(
            "POST",
            "/regenerateKey",
            Some(&arm),
            Some(&json!({"keyType": "Secondary"})),
        )
        .await;
    let new_secondary = r.json()["secondaryKey"].as_str().unwrap().to_string();
    send_all(&emu, HUB, &signed_rest(&secondary), "x")
        .await
        .expect_error_mentioning(401, "signature");
    refused(open(&emu, HUB, Some(&client_token(&secondary))).await, 401);
    send_all(&emu, HUB, &signed_rest(&new_secondary), "x")
        .await
        .expect_accepted();
    open(&emu, HUB, Some(&client_token(&new_secondary)))
        .await
        .expect("the new secondary works");
    send_all(&emu, HUB, &signed_rest(&emu.key), "x")
        .await
        .expect_accepted();

    // The same for the primary; clients already connected stay.
    let mut connected = open(&emu, HUB, Some(&client_token(&emu.key)))
        .await
        .expect("connects");
    let r = emu
        .arm(
            "POST",
            "/regenerateKey",
            Some(&arm),
            Some(&json!({"keyType": "Primary"})),
        )
        .await;
    let new_primary = r.json()["primaryKey"].as_str().unwrap().to_string();
    send_all(&emu, HUB, &signed_rest(&emu.key), "x")
        .await
        .expect_error(401);
    refused(open(&emu, HUB, Some(&client_token(&emu.key))).await, 401);
    send_all(&emu, HUB, &signed_rest(&new_primary), "after")
        .await
        .expect_accepted();
    let m = connected
        .ws
        .recv_until("the message sent after the rotation", |m| {
            m["data"] == "after"
        })
        .await;
    assert_eq!(m["data"], "after");
    // Tokens :generateToken mints from now on are signed with the new primary.
    let r = emu
        .rest_url(
            "POST",
            &emu.url(&v(&format!("/api/hubs/{HUB}/:generateToken"))),
            None,
            Vec::new(),
        )
        .await;
    r.expect(401);
    let gen_path = v(&format!("/api/hubs/{HUB}/:generateToken"));
    let gen = sign(
        &json!({"aud": emu.url(&gen_path), "exp": now() + 600}),
        &new_primary,
    );
    let r = emu
        .rest_with_auth(
            "POST",
            &gen_path,
            Some(format!("Bearer {gen}")),
            None,
            Vec::new(),
        )
        .await;
    r.expect(200);
    open(&emu, HUB, r.json()["token"].as_str())
        .await
        .expect("a freshly minted token connects");
}

#[tokio::test]
async fn with_local_auth_disabled_only_entra_gets_in() {
    let emu = Emulator::start_with(&["--disable-local-auth"]);
    assert!(
        emu.wait_for_stderr("Local auth: disabled", Duration::from_secs(10))
            .await
    );
    let arm = emu.entra_token(ARM_SCOPE, None, None).await;
    assert_eq!(
        emu.arm("GET", "", Some(&arm), None).await.json()["properties"]["disableLocalAuth"],
        true
    );
    let secondary = emu.arm("POST", "/listKeys", Some(&arm), None).await.json()["secondaryKey"]
        .as_str()
        .unwrap()
        .to_string();

    // Access-key tokens: refused on REST (either key) and on the client endpoint.
    let path = v(&format!("/api/hubs/{HUB}/:send"));
    for key in [emu.key.as_str(), secondary.as_str()] {
        let t = sign(&json!({"aud": emu.url(&path), "exp": now() + 600}), key);
        send_all(&emu, HUB, &t, "x")
            .await
            .expect_error_mentioning(401, "local auth is disabled");
        let ct = sign(&emu.client_claims(HUB, &json!({})), key);
        let r = refused(open(&emu, HUB, Some(&ct)).await, 401);
        assert!(
            r.body.to_lowercase().contains("local auth is disabled"),
            "{r:?}"
        );
    }
    let r = emu
        .rest(
            "POST",
            &v(&format!("/api/hubs/{HUB}/:generateToken")),
            None,
            Vec::new(),
        )
        .await;
    r.expect_error_mentioning(401, "local auth is disabled");

    // Entra: REST works, and clients connect with the tokens :generateToken mints.
    let entra = emu.entra_token(DATA_SCOPE, None, None).await;
    let ct = generate_token(&emu, HUB, &entra, "userId=bob&group=room").await;
    let mut bob = open(&emu, HUB, Some(&ct))
        .await
        .expect("a minted token connects");
    assert_eq!(bob.user_id.as_deref(), Some("bob"));
    emu.rest_with_auth(
        "POST",
        &v(&format!("/api/hubs/{HUB}/groups/room/:send")),
        Some(format!("Bearer {entra}")),
        Some("text/plain"),
        "to the room",
    )
    .await
    .expect_accepted();
    let m = bob.ws.recv_json().await;
    assert_eq!(m["data"], "to the room");
    assert_eq!(m["group"], "room");
}

#[tokio::test]
async fn anonymous_connect_follows_the_hubs_policy_at_once() {
    let emu = Emulator::start();
    let arm = emu.entra_token(ARM_SCOPE, None, None).await;
    let r = refused(open(&emu, "lobby", None).await, 401);
    assert!(r.body.contains("no access token"), "{r:?}");

    emu.arm(
        "PUT",
        "/hubs/Lobby",
        Some(&arm),
        Some(&json!({"properties": {"anonymousConnectPolicy": "allow"}})),
    )
    .await
    .expect(201);
    let mut anon = open(&emu, "lobby", None).await.expect("anonymous connect");
    assert_eq!(anon.user_id, None);
    assert_eq!(anon.connected["userId"], Value::Null);
    // It is a client like any other: it gets messages.
    emu.rest(
        "POST",
        &v("/api/hubs/lobby/:send"),
        Some("text/plain"),
        "welcome",
    )
    .await
    .expect_accepted();
    assert_eq!(anon.ws.recv_json().await["data"], "welcome");
    // A token, if given, is still checked.
    refused(open(&emu, "lobby", Some("not-a-jwt")).await, 401);
    // Other hubs still need a token.
    refused(open(&emu, "other", None).await, 401);

    emu.arm(
        "PUT",
        "/hubs/lobby",
        Some(&arm),
        Some(&json!({"properties": {"anonymousConnectPolicy": "deny"}})),
    )
    .await
    .expect(200);
    refused(open(&emu, "lobby", None).await, 401);
    emu.arm(
        "PUT",
        "/hubs/lobby",
        Some(&arm),
        Some(&json!({"properties": {"anonymousConnectPolicy": "allow"}})),
    )
    .await
    .expect(200);
    open(&emu, "lobby", None).await.expect("allowed again");
    emu.arm("DELETE", "/hubs/lobby", Some(&arm), None)
        .await
        .expect(200);
    refused(open(&emu, "lobby", None).await, 401);
}

#[tokio::test]
async fn keep_alive_pings_follow_the_hubs_interval() {
    let emu = Emulator::start();
    let arm = emu.entra_token(ARM_SCOPE, None, None).await;
    // Without hub settings the emulator sends no pings.
    let mut quiet = emu.connect_json(HUB, &json!({})).await;
    // Connected before the setting: it counts at once for clients already there.
    let mut early = emu.connect_json("pinged", &json!({})).await;
    assert_eq!(early.ws.count_pings(Duration::from_millis(1500)).await, 0);
    emu.arm(
        "PUT",
        "/hubs/pinged",
        Some(&arm),
        Some(&json!({"properties": {"webSocketKeepAliveIntervalInSeconds": 1}})),
    )
    .await
    .expect(201);
    let mut late = emu.connect_json("Pinged", &json!({})).await;
    let (e, l, q) = tokio::join!(
        early.ws.count_pings(Duration::from_secs(5)),
        late.ws.count_pings(Duration::from_secs(5)),
        quiet.ws.count_pings(Duration::from_secs(5)),
    );
    // One a second: at least 2 in 5 s leaves room for a slow machine, at most 7 for a bug.
    assert!((2..=7).contains(&e), "early client got {e} pings in 5 s");
    assert!((2..=7).contains(&l), "late client got {l} pings in 5 s");
    assert_eq!(q, 0, "a hub without settings got pings");
    // Clients that answer pings stay connected and working.
    emu.rest(
        "POST",
        &v("/api/hubs/pinged/:send"),
        Some("text/plain"),
        "still here",
    )
    .await
    .expect_accepted();
    assert_eq!(late.ws.recv_json().await["data"], "still here");

    // A longer interval takes over at once; deleting the settings stops the pings.
    emu.arm(
        "PUT",
        "/hubs/pinged",
        Some(&arm),
        Some(&json!({"properties": {"webSocketKeepAliveIntervalInSeconds": 120}})),
    )
    .await
    .expect(200);
    assert!(late.ws.count_pings(Duration::from_secs(3)).await <= 1);
    emu.arm("DELETE", "/hubs/pinged", Some(&arm), None)
        .await
        .expect(200);
    assert_eq!(late.ws.count_pings(Duration::from_secs(2)).await, 0);
}

/// A local event handler that records the user events it gets and answers each with
/// `from-<name>`; validation requests are allowed.
async fn start_handler(name: &'static str) -> (u16, Arc<Mutex<Vec<(String, HeaderMap)>>>) {
    let log: Arc<Mutex<Vec<(String, HeaderMap)>>> = Arc::default();
    let seen = log.clone();
    let app = Router::new().fallback(
        move |method: Method, uri: axum::http::Uri, headers: HeaderMap, _body: Bytes| {
            let seen = seen.clone();
            async move {
                if method == Method::OPTIONS {
                    let origin = headers
                        .get("webhook-request-origin")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("*")
                        .to_string();
                    return (StatusCode::OK, [("WebHook-Allowed-Origin", origin)]).into_response();
                }
                let ce_type = headers
                    .get("ce-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                seen.lock()
                    .unwrap()
                    .push((uri.path().to_string(), headers.clone()));
                if ce_type.starts_with("azure.webpubsub.user.") {
                    let r: Response = (
                        StatusCode::OK,
                        [("content-type", "text/plain")],
                        format!("from-{name}"),
                    )
                        .into_response();
                    return r;
                }
                StatusCode::NO_CONTENT.into_response()
            }
        },
    );
    let port = serve_on_loopback(app).await;
    (port, log)
}

/// Sends a user event and returns the handler's answer (the `data` of the message back).
async fn event(client: &mut Client, name: &str) -> Value {
    client
        .ws
        .send_json(&json!({"type": "event", "event": name, "dataType": "text", "data": "hi"}))
        .await;
    let m = client
        .ws
        .recv_until("the handler's answer", |m| m["type"] == "message")
        .await;
    m["data"].clone()
}

#[tokio::test]
async fn event_handlers_set_through_arm_replace_the_others_at_once() {
    let (a, a_log) = start_handler("a").await;
    let (b, b_log) = start_handler("b").await;
    let emu = Emulator::start_with(&[
        "--event-handler",
        &format!("url-template=http://127.0.0.1:{a}/a/{{event}} user-event-pattern=*"),
    ]);
    let arm = emu.entra_token(ARM_SCOPE, None, None).await;
    let mut client = emu.connect_json(HUB, &json!({"sub": "u"})).await;
    assert_eq!(event(&mut client, "first").await, "from-a");

    // The hub's own handlers, from the next event of the same connection on.
    let r = emu
        .arm(
            "PUT",
            &format!("/hubs/{HUB}"),
            Some(&arm),
            Some(&json!({"properties": {"eventHandlers": [
                {"urlTemplate": format!("http://127.0.0.1:{b}/b/{{hub}}/{{event}}"), "userEventPattern": "second,third"}
            ]}})),
        )
        .await;
    r.expect(201);
    assert_eq!(
        r.json()["properties"]["eventHandlers"][0]["urlTemplate"],
        format!("http://127.0.0.1:{b}/b/{{hub}}/{{event}}")
    );
    assert_eq!(event(&mut client, "second").await, "from-b");
    // An event the hub's handlers do not take is not sent to the replaced ones either.
    let ack = client
        .call(json!({"type": "event", "event": "other", "dataType": "text", "data": "x"}))
        .await;
    assert_ack_ok(&ack);
    // The handler signs with the current primary key.
    let (path, headers) = b_log
        .lock()
        .unwrap()
        .last()
        .cloned()
        .expect("b got the event");
    assert_eq!(path, format!("/b/{HUB}/second"));
    let conn = headers
        .get("ce-connectionId")
        .and_then(|v| v.to_str().ok())
        .unwrap()
        .to_string();
    let sig = headers
        .get("ce-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap()
        .to_string();
    assert_eq!(sig, signature(&emu.key, &conn));
    let r = emu
        .arm(
            "POST",
            "/regenerateKey",
            Some(&arm),
            Some(&json!({"keyType": "Primary"})),
        )
        .await;
    let primary = r.json()["primaryKey"].as_str().unwrap().to_string();
    assert_eq!(event(&mut client, "third").await, "from-b");
    let (_, headers) = b_log.lock().unwrap().last().cloned().unwrap();
    assert_eq!(
        headers.get("ce-signature").and_then(|v| v.to_str().ok()),
        Some(signature(&primary, &conn).as_str())
    );

    // An empty list: the hub has no handlers at all.
    emu.arm(
        "PUT",
        &format!("/hubs/{HUB}"),
        Some(&arm),
        Some(&json!({"properties": {"eventHandlers": []}})),
    )
    .await
    .expect(200);
    let ack = client
        .call(json!({"type": "event", "event": "second", "dataType": "text", "data": "x"}))
        .await;
    assert_ack_ok(&ack);
    // Deleting the hub's settings brings the --event-handler ones back.
    emu.arm("DELETE", &format!("/hubs/{HUB}"), Some(&arm), None)
        .await
        .expect(200);
    assert_eq!(event(&mut client, "fourth").await, "from-a");

    let a_paths: Vec<String> = a_log
        .lock()
        .unwrap()
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(
        a_paths,
        ["/a/first", "/a/fourth"],
        "handler a got {a_paths:?}"
    );
    let b_paths: Vec<String> = b_log
        .lock()
        .unwrap()
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(
        b_paths,
        [format!("/b/{HUB}/second"), format!("/b/{HUB}/third")]
    );
}

/// `sha256=` + hex HMAC-SHA256(key, connection id): the upstream's `ce-signature`.
fn signature(key: &str, connection_id: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(connection_id.as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}
