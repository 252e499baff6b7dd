//! Azure: `-n/-g` addressing through Azure Resource Manager, Entra ID sign-in (managed identity
//! over `IDENTITY_ENDPOINT`, the developer tools through a fake `az` on PATH) and the `key` /
//! `hub` control plane — the real binary, the real azure_identity code paths.
//!
//! `emulator_*` tests run against the emulator's ARM and Entra surface (the issue-9 contract);
//! `canned_*` tests against a small in-test ARM + managed-identity server in front of the
//! emulator's data plane, so resolution, fallback and error texts are checked on their own.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::StreamExt;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

use crate::common::*;

const SUB: &str = "00000000-0000-0000-0000-000000000000";
const SECRET: &str = "test-identity-header-secret";
const DATA_PLANE: &str = "https://webpubsub.azure.com";

// ---------------------------------------------------------------------------------------------
// Running the CLI
// ---------------------------------------------------------------------------------------------

/// A clean environment for the CLI: nothing inherited (no AZURE_*, no WebPubSub*), PATH an
/// empty directory (no real `az`), HOME a temporary one.
struct Env {
    vars: HashMap<String, String>,
    dir: tempfile::TempDir,
}

impl Env {
    fn empty() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let bin = dir.path().join("bin");
        std::fs::create_dir(&bin).expect("bin dir");
        let mut vars = HashMap::new();
        vars.insert("PATH".into(), bin.display().to_string());
        vars.insert("HOME".into(), dir.path().display().to_string());
        vars.insert("NO_COLOR".into(), "1".into());
        Env { vars, dir }
    }

    /// Managed identity and ARM pointing at `base` (`http://localhost:PORT`), the emulator's
    /// subscription.
    fn managed_identity(base: &str) -> Self {
        Self::empty()
            .set("IDENTITY_ENDPOINT", &format!("{base}/entra/msi/token"))
            .set("IDENTITY_HEADER", SECRET)
            .set("WEBPUBSUB_ARM_ENDPOINT", base)
            .set("AZURE_SUBSCRIPTION_ID", SUB)
    }

    fn set(mut self, k: &str, v: &str) -> Self {
        self.vars.insert(k.into(), v.into());
        self
    }

    fn unset(mut self, k: &str) -> Self {
        self.vars.remove(k);
        self
    }

    fn bin_dir(&self) -> PathBuf {
        self.dir.path().join("bin")
    }

    /// Writes a fake `az` into PATH: `az account get-access-token … --scope S` prints the
    /// JSON of the first scope pattern S contains; every call is logged to `az.log`.
    fn fake_az(self, answers: &[(&str, Value)]) -> Self {
        let log = self.dir.path().join("az.log");
        let mut script = format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\ncase \"$*\" in\n",
            log.display()
        );
        for (pattern, answer) in answers {
            script.push_str(&format!(
                "  *get-access-token*{pattern}*) echo '{}' ;;\n",
                answer.to_string().replace('\'', "")
            ));
        }
        script.push_str(&format!(
            "  *\"account show\"*) echo {SUB} ;;\n  *) echo \"ERROR: unexpected az $*\" >&2; exit 2 ;;\nesac\n"
        ));
        let path = self.bin_dir().join("az");
        std::fs::write(&path, script).expect("write fake az");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        self
    }

    fn az_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("az.log")).unwrap_or_default()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_input(args, b"")
    }

    /// Runs the CLI with `input` on stdin.
    fn run_input(&self, args: &[&str], input: &[u8]) -> Output {
        use std::io::Write;
        let mut child = Command::new(bin())
            .args(args)
            .env_clear()
            .envs(&self.vars)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run webpubsub");
        let mut stdin = child.stdin.take().expect("stdin");
        let _ = stdin.write_all(input);
        drop(stdin);
        child.wait_with_output().expect("wait for webpubsub")
    }

    /// Runs the CLI on a blocking thread, so a test's async handlers keep running.
    async fn run_async(self: &Arc<Self>, args: &[&str]) -> Output {
        let env = Arc::clone(self);
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            env.run(&args)
        })
        .await
        .expect("join")
    }
}

/// Asserts the exit code, a one-line error containing `needle`, and one hint line.
#[track_caller]
fn fails(out: &Output, code: i32, needle: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    assert!(
        stderr.contains(needle),
        "stderr should mention {needle:?}: {stderr}"
    );
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("* ")).collect();
    assert!(
        lines
            .first()
            .is_some_and(|l| l.starts_with("webpubsub: error: ")),
        "the first line should be the error: {stderr}"
    );
    assert!(
        lines.iter().filter(|l| l.starts_with("hint: ")).count() == 1,
        "one hint: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("eyJ"), "no token on stderr: {stderr}");
    stderr
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Entra tokens from the emulator, and clients
// ---------------------------------------------------------------------------------------------

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("reqwest client")
}

/// `POST /entra/token` (the contract's plain token endpoint for test shims).
async fn entra_token(emu: &Emulator, resource: &str) -> Value {
    entra_token_with(emu, resource, "").await
}

/// The same with more form fields, e.g. `&expires_in=-600` (an expired token).
async fn entra_token_with(emu: &Emulator, resource: &str, extra: &str) -> Value {
    let resp = http()
        .post(emu.url("/entra/token"))
        .header("X-IDENTITY-HEADER", SECRET)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("resource={}{extra}", enc(resource)))
        .send()
        .await
        .expect("POST /entra/token");
    assert_eq!(resp.status().as_u16(), 200, "POST /entra/token");
    serde_json::from_slice(&resp.bytes().await.expect("token body")).expect("token JSON")
}

/// What `az account get-access-token -o json` prints, for a token.
fn az_answer(token: &str, expires_on: i64) -> Value {
    json!({
        "accessToken": token,
        "expiresOn": "2099-01-01 00:00:00.000000",
        "expires_on": expires_on,
        "subscription": SUB,
        "tenant": "00000000-0000-0000-0000-0000000000e1",
        "tokenType": "Bearer"
    })
}

async fn az_answer_for(emu: &Emulator, resource: &str) -> Value {
    let t = entra_token(emu, resource).await;
    let expires_on = t["expires_on"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .or_else(|| t["expires_on"].as_i64())
        .expect("expires_on");
    az_answer(
        t["access_token"].as_str().expect("access_token"),
        expires_on,
    )
}

/// The emulator with its ARM/Entra surface and a fixed identity header.
fn emulator(extra: &[&str]) -> Emulator {
    let mut args = vec!["--identity-header", SECRET];
    args.extend_from_slice(extra);
    Emulator::start_with(&args)
}

/// A simple WebSocket client on the path and query of a client URL.
async fn connect_url(emu: &Emulator, client_url: &str) -> Ws {
    let url = url::Url::parse(client_url.trim()).expect("client URL");
    let path = format!("{}?{}", url.path(), url.query().unwrap_or_default());
    match emu.ws_open(&path, &WsOpts::default()).await {
        Ok(ws) => ws,
        Err(r) => panic!("client refused: {} {}", r.status, r.body),
    }
}

/// A client connected with a URL the CLI gets (`client token --url`).
async fn connect_with_cli(emu: &Emulator, env: &Arc<Env>, hub: &str, how: &[&str]) -> Ws {
    let mut args = vec!["client", "token", "--hub", hub, "--url"];
    args.extend_from_slice(how);
    let out = env.run_async(&args).await;
    connect_url(emu, &ok(&out)).await
}

#[track_caller]
fn expect_text(frame: Frame, text: &str) {
    assert_eq!(frame, Frame::Text(text.to_string()));
}

// ---------------------------------------------------------------------------------------------
// Against the emulator's ARM and Entra surface
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn emulator_broadcast_by_name_reaches_a_client_with_managed_identity() {
    let emu = emulator(&[]);
    let env = Arc::new(Env::managed_identity(&emu.endpoint));
    let mut ws = emu.connect_simple("azhub", &json!({})).await;
    // Local auth is on and the identity may list keys: the key signs the requests.
    let out = env
        .run_async(&[
            "service",
            "-n",
            "local",
            "-g",
            "local",
            "--hub",
            "azhub",
            "--debug",
            "broadcast",
            "--payload",
            "by key",
        ])
        .await;
    ok(&out);
    expect_text(ws.recv().await, "by key");
    let debug = stderr(&out);
    assert!(
        debug.contains("claims aud="),
        "signed with the key: {debug}"
    );
    assert!(
        !debug.contains(&emu.key),
        "listKeys' answer is redacted: {debug}"
    );
    assert!(!debug.contains("eyJ"), "{debug}");
    // --auth entra: the managed identity's token signs them.
    let out = env
        .run_async(&[
            "service",
            "--name",
            "LOCAL",
            "--resource-group",
            "local",
            "--hub",
            "azhub",
            "--auth",
            "entra",
            "--debug",
            "broadcast",
            "--payload",
            "by entra",
        ])
        .await;
    ok(&out);
    expect_text(ws.recv().await, "by entra");
    let debug = stderr(&out);
    assert!(debug.contains("<Entra token redacted>"), "{debug}");
    assert!(!debug.contains("eyJ"), "{debug}");
    // --ids names the same resource.
    let id = format!(
        "/subscriptions/{SUB}/resourceGroups/local/providers/Microsoft.SignalRService/WebPubSub/local"
    );
    ok(&env
        .run_async(&[
            "service",
            "--ids",
            &id,
            "--hub",
            "azhub",
            "broadcast",
            "--payload",
            "by id",
        ])
        .await);
    expect_text(ws.recv().await, "by id");
    // An AuthType=azure.msi connection string, without ARM.
    let cs = format!("Endpoint={};AuthType=azure.msi;Version=1.0;", emu.endpoint);
    ok(&env
        .run_async(&[
            "service",
            "--connection-string",
            &cs,
            "--hub",
            "azhub",
            "broadcast",
            "--payload",
            "by msi",
        ])
        .await);
    expect_text(ws.recv().await, "by msi");
}

#[tokio::test]
async fn emulator_local_auth_disabled_means_entra_only() {
    let emu = emulator(&["--disable-local-auth"]);
    let env = Arc::new(Env::managed_identity(&emu.endpoint));
    let by_name = ["-n", "local", "-g", "local"];
    // The client's URL comes from :generateToken (no key to mint one).
    let mut ws = connect_with_cli(&emu, &env, "noloc", &by_name).await;
    let out = env
        .run_async(&[
            "service",
            "-n",
            "local",
            "-g",
            "local",
            "--hub",
            "noloc",
            "--debug",
            "broadcast",
            "--payload",
            "entra only",
        ])
        .await;
    ok(&out);
    expect_text(ws.recv().await, "entra only");
    assert!(stderr(&out).contains("<Entra token redacted>"));
    // Asking for a key is refused before anything is sent to the data plane.
    let out = env
        .run_async(&[
            "service",
            "-n",
            "local",
            "-g",
            "local",
            "--hub",
            "noloc",
            "--auth",
            "key",
            "broadcast",
            "--payload",
            "x",
        ])
        .await;
    let err = fails(&out, 3, "local auth is disabled");
    assert!(err.contains("drop --auth key"), "{err}");
    // A key given directly is refused by the service, with a hint to sign in instead.
    let out = env
        .run_async(&[
            "service",
            "--connection-string",
            &emu.conn_str,
            "--hub",
            "noloc",
            "broadcast",
            "--payload",
            "x",
        ])
        .await;
    let err = fails(&out, 3, "401");
    assert!(err.contains("Entra ID"), "{err}");
    // client start signs in the same way (a command to ack, so it waits for the connection).
    let env2 = Arc::clone(&env);
    let out = tokio::task::spawn_blocking(move || {
        env2.run_input(
            &[
                "client",
                "start",
                "-n",
                "local",
                "-g",
                "local",
                "--hub",
                "noloc",
                "--user-id",
                "alice",
            ],
            b"joingroup g1\n",
        )
    })
    .await
    .expect("join");
    let stdout = ok(&out);
    assert!(
        stdout.contains("\"event\":\"connected\""),
        "{stdout}\nstderr: {}",
        stderr(&out)
    );
    assert!(stdout.contains("\"userId\":\"alice\""), "{stdout}");
    assert!(stdout.contains("\"success\":true"), "{stdout}");
}

#[tokio::test]
async fn emulator_key_regenerate_invalidates_the_old_key() {
    let emu = emulator(&[]);
    let env = Arc::new(Env::managed_identity(&emu.endpoint));
    let rg = ["-n", "local", "-g", "local"];
    let show = |out: &Output| -> Value { serde_json::from_str(&ok(out)).expect("JSON") };
    let before = show(
        &env.run_async(&["key", "show", "-n", "local", "-g", "local"])
            .await,
    );
    assert_eq!(before["primaryKey"], json!(emu.key));
    let old_cs = before["primaryConnectionString"]
        .as_str()
        .expect("cs")
        .to_string();
    assert!(old_cs.contains(&emu.endpoint), "{old_cs}");
    let tsv = ok(&env
        .run_async(&["key", "show", "-n", "local", "-g", "local", "-o", "tsv"])
        .await);
    assert_eq!(tsv.trim_end().split('\t').count(), 4, "{tsv}");

    let mut args = vec!["key", "regenerate", "--key-type", "primary"];
    args.extend_from_slice(&rg);
    let after = show(&env.run_async(&args).await);
    assert_ne!(after["primaryKey"], before["primaryKey"]);
    assert_eq!(after["secondaryKey"], before["secondaryKey"]);
    let new_cs = after["primaryConnectionString"]
        .as_str()
        .expect("cs")
        .to_string();

    let send = |cs: String| {
        let env = Arc::clone(&env);
        async move {
            env.run_async(&[
                "service",
                "--connection-string",
                &cs,
                "--hub",
                "k",
                "broadcast",
                "--payload",
                "x",
            ])
            .await
        }
    };
    fails(&send(old_cs).await, 3, "401");
    ok(&send(new_cs).await);
    // -n/-g lists the new key.
    ok(&env
        .run_async(&[
            "service",
            "-n",
            "local",
            "-g",
            "local",
            "--auth",
            "key",
            "--hub",
            "k",
            "broadcast",
            "--payload",
            "x",
        ])
        .await);
}

#[tokio::test]
async fn emulator_hub_create_allow_anonymous_lets_a_tokenless_client_connect() {
    let emu = emulator(&[]);
    let env = Arc::new(Env::managed_identity(&emu.endpoint));
    let refused = emu
        .ws_open("/client/hubs/anon", &WsOpts::default())
        .await
        .err()
        .expect("no token, no anonymous policy: refused");
    assert_eq!(refused.status, 401);

    let out = env
        .run_async(&[
            "hub",
            "create",
            "-n",
            "local",
            "-g",
            "local",
            "--hub-name",
            "anon",
            "--allow-anonymous",
        ])
        .await;
    let hub: Value = serde_json::from_str(&ok(&out)).expect("hub JSON");
    assert_eq!(hub["name"], json!("anon"));
    assert_eq!(
        hub["type"],
        json!("Microsoft.SignalRService/WebPubSub/hubs")
    );
    assert_eq!(hub["properties"]["anonymousConnectPolicy"], json!("allow"));

    let mut ws = emu
        .ws_open("/client/hubs/anon", &WsOpts::default())
        .await
        .unwrap_or_else(|r| panic!("anonymous client refused: {} {}", r.status, r.body));
    ok(&env
        .run_async(&[
            "service",
            "-n",
            "local",
            "-g",
            "local",
            "--hub",
            "anon",
            "broadcast",
            "--payload",
            "hi anon",
        ])
        .await);
    expect_text(ws.recv().await, "hi anon");

    // show, list (json, table), update back to deny, delete.
    let shown: Value = serde_json::from_str(&ok(&env
        .run_async(&["hub", "show", "-n", "local", "-g", "local", "--hub", "anon"])
        .await))
    .expect("JSON");
    assert_eq!(
        shown["properties"]["anonymousConnectPolicy"],
        json!("allow")
    );
    let list: Value = serde_json::from_str(&ok(&env
        .run_async(&["hub", "list", "-n", "local", "-g", "local"])
        .await))
    .expect("JSON");
    assert!(
        list.as_array()
            .expect("array")
            .iter()
            .any(|h| h["name"] == json!("anon")),
        "{list}"
    );
    // --query sees the ARM JSON, whatever the format (as az's does).
    let tsv = ok(&env
        .run_async(&[
            "hub",
            "list",
            "-n",
            "local",
            "-g",
            "local",
            "--query",
            "[?name=='anon'].properties.anonymousConnectPolicy",
            "-o",
            "tsv",
        ])
        .await);
    assert_eq!(tsv.trim(), "allow");
    let table = ok(&env
        .run_async(&["hub", "list", "-n", "local", "-g", "local", "-o", "table"])
        .await);
    assert!(table.starts_with("Name"), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("anon") && l.contains("allow")),
        "{table}"
    );
    ok(&env
        .run_async(&[
            "hub",
            "update",
            "-n",
            "local",
            "-g",
            "local",
            "--hub-name",
            "anon",
            "--allow-anonymous",
            "false",
        ])
        .await);
    let refused = emu
        .ws_open("/client/hubs/anon", &WsOpts::default())
        .await
        .err();
    assert_eq!(refused.map(|r| r.status), Some(401));
    ok(&env
        .run_async(&[
            "hub",
            "delete",
            "-n",
            "local",
            "-g",
            "local",
            "--hub-name",
            "anon",
        ])
        .await);
    let out = env
        .run_async(&[
            "hub",
            "show",
            "-n",
            "local",
            "-g",
            "local",
            "--hub-name",
            "anon",
        ])
        .await;
    fails(&out, 4, "not found");
}

#[tokio::test]
async fn emulator_keepalive_pings_follow_hub_update() {
    let emu = emulator(&[]);
    let env = Arc::new(Env::managed_identity(&emu.endpoint));
    ok(&env
        .run_async(&[
            "hub",
            "create",
            "-n",
            "local",
            "-g",
            "local",
            "--hub-name",
            "ka",
        ])
        .await);
    let out = env
        .run_async(&[
            "hub",
            "update",
            "-n",
            "local",
            "-g",
            "local",
            "--hub-name",
            "ka",
            "--websocket-keepalive",
            "1",
        ])
        .await;
    let hub: Value = serde_json::from_str(&ok(&out)).expect("JSON");
    assert_eq!(
        hub["properties"]["webSocketKeepAliveIntervalInSeconds"],
        json!(1)
    );
    let url = format!(
        "ws://127.0.0.1:{}/client/hubs/ka?access_token={}",
        emu.port,
        emu.client_token("ka", &json!({}))
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str())
        .await
        .expect("connect");
    let mut pings = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_millis(3500);
    while let Ok(Some(Ok(msg))) = tokio::time::timeout_at(deadline, ws.next()).await {
        if matches!(msg, Message::Ping(_)) {
            pings += 1;
        }
    }
    assert!(pings >= 2, "expected a ping a second, got {pings} in 3.5 s");
    // Out of range values never reach ARM.
    let out = env
        .run_async(&[
            "hub",
            "update",
            "-n",
            "local",
            "-g",
            "local",
            "--hub-name",
            "ka",
            "--websocket-keepalive",
            "121",
        ])
        .await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// An event handler that records the CloudEvents types it gets.
async fn recording_handler() -> (u16, Arc<Mutex<Vec<String>>>) {
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = log.clone();
    let app = Router::new().fallback(move |method: Method, headers: HeaderMap| {
        let seen = seen.clone();
        async move {
            let h = |n: &str| header_text(&headers, n);
            if method == Method::OPTIONS {
                return allow_webhook_origin(&headers);
            }
            seen.lock().unwrap().push(h("ce-type"));
            StatusCode::NO_CONTENT.into_response()
        }
    });
    let port = serve_on_loopback(app).await;
    (port, log)
}

async fn wait_connected(log: &Arc<Mutex<Vec<String>>>, count: usize) {
    for _ in 0..100 {
        let n = log
            .lock()
            .unwrap()
            .iter()
            .filter(|t| t.as_str() == "azure.webpubsub.sys.connected")
            .count();
        if n >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no connected event; got {:?}", log.lock().unwrap());
}

#[tokio::test]
async fn emulator_event_handler_replaced_at_runtime_by_hub_update() {
    let emu = emulator(&[]);
    let env = Arc::new(Env::managed_identity(&emu.endpoint));
    let (first, first_log) = recording_handler().await;
    let (second, second_log) = recording_handler().await;
    let handler = |port: u16| format!("url-template=http://127.0.0.1:{port}/eh/{{event}}");
    ok(&env
        .run_async(&[
            "hub",
            "create",
            "-n",
            "local",
            "-g",
            "local",
            "--hub-name",
            "eh",
            "--event-handler",
            &handler(first),
            "user-event-pattern=*",
            "system-event=connected",
        ])
        .await);
    let _a = emu.connect_simple("eh", &json!({"sub": "a"})).await;
    wait_connected(&first_log, 1).await;

    let out = env
        .run_async(&[
            "hub",
            "update",
            "-n",
            "local",
            "-g",
            "local",
            "--hub-name",
            "eh",
            "--event-handler",
            &format!("{} system-event=connected", handler(second)),
        ])
        .await;
    let hub: Value = serde_json::from_str(&ok(&out)).expect("JSON");
    assert_eq!(
        hub["properties"]["eventHandlers"][0]["urlTemplate"],
        json!(format!("http://127.0.0.1:{second}/eh/{{event}}"))
    );
    let _b = emu.connect_simple("eh", &json!({"sub": "b"})).await;
    wait_connected(&second_log, 1).await;
    tokio::time::sleep(QUIET).await;
    let first_connected = first_log
        .lock()
        .unwrap()
        .iter()
        .filter(|t| t.ends_with("sys.connected"))
        .count();
    assert_eq!(first_connected, 1, "the old handler got no more events");
}

#[tokio::test]
async fn emulator_forged_expired_and_foreign_entra_tokens_are_refused() {
    let emu = emulator(&[]);
    let issuer = format!("{}/entra/", emu.endpoint);
    let claims = |exp: i64| {
        json!({"iss": issuer, "aud": DATA_PLANE, "tid": "00000000-0000-0000-0000-0000000000e1",
            "oid": "x", "sub": "x", "appid": "emulator", "iat": now() - 60, "nbf": now() - 60, "exp": exp})
    };
    let forged = sign(
        &claims(now() + 3600),
        "not-the-issuer-secret-not-the-issuer-secret",
    );
    let foreign = sign(
        &merge(
            claims(now() + 3600),
            &json!({"iss": "https://login.example/other/"}),
        ),
        "not-the-issuer-secret-not-the-issuer-secret",
    );
    // Really issued by the emulator, but expired a while ago (az still thinks it fresh).
    let expired = entra_token_with(&emu, DATA_PLANE, "&expires_in=-600").await;
    let expired = expired["access_token"].as_str().expect("token").to_string();
    let arm = az_answer_for(&emu, &emu.endpoint).await;
    let foreign_aud = az_answer_for(&emu, "https://management.azure.com").await;
    let cases = [
        ("signature", az_answer(&forged, now() + 3600)),
        ("issuer", az_answer(&foreign, now() + 3600)),
        ("expired", az_answer(&expired, now() + 3600)),
        ("audience", foreign_aud),
    ];
    // Each refusal is exit 3 with the service's reason and a hint to sign in again.
    for (what, data_plane) in cases {
        let env = Arc::new(
            Env::empty()
                .set("WEBPUBSUB_ARM_ENDPOINT", &emu.endpoint)
                .set("AZURE_SUBSCRIPTION_ID", SUB)
                .fake_az(&[("webpubsub.azure.com", data_plane), ("", arm.clone())]),
        );
        let out = env
            .run_async(&[
                "service",
                "--endpoint",
                &emu.endpoint,
                "--hub",
                "h",
                "broadcast",
                "--payload",
                "x",
            ])
            .await;
        let err = fails(&out, 3, "401");
        assert!(err.contains(what), "{what}: {err}");
        assert!(err.contains("az login"), "{what}: {err}");
    }
}

#[tokio::test]
async fn emulator_developer_tools_chain_uses_az_on_path() {
    let emu = emulator(&["--disable-local-auth"]);
    let data_plane = az_answer_for(&emu, DATA_PLANE).await;
    let arm = az_answer_for(&emu, &emu.endpoint).await;
    let env = Arc::new(
        Env::empty()
            .set("WEBPUBSUB_ARM_ENDPOINT", &emu.endpoint)
            .fake_az(&[("webpubsub.azure.com", data_plane), ("", arm)]),
    );
    let mut ws = connect_with_cli(&emu, &env, "dev", &["-n", "local", "-g", "local"]).await;
    // No AZURE_SUBSCRIPTION_ID: az's default subscription is used.
    ok(&env
        .run_async(&[
            "service",
            "-n",
            "local",
            "-g",
            "local",
            "--hub",
            "dev",
            "broadcast",
            "--payload",
            "via az",
        ])
        .await);
    expect_text(ws.recv().await, "via az");
    let log = env.az_log();
    assert!(log.contains("account show"), "{log}");
    assert!(
        log.contains(&format!(
            "account get-access-token -o json --scope {}/.default",
            emu.endpoint
        )),
        "{log}"
    );
    assert!(
        log.contains(
            "account get-access-token -o json --scope https://webpubsub.azure.com/.default"
        ),
        "{log}"
    );
}

#[tokio::test]
async fn emulator_roles_decide_and_errors_name_the_role() {
    // May read the resource and use the data plane, may not list keys.
    let emu = emulator(&["--entra-identity", "emulator=Reader,WebPubSubServiceOwner"]);
    let env = Arc::new(Env::managed_identity(&emu.endpoint));
    let mut ws = emu.connect_simple("roles", &json!({})).await;
    let out = env
        .run_async(&[
            "service",
            "-n",
            "local",
            "-g",
            "local",
            "--hub",
            "roles",
            "--debug",
            "broadcast",
            "--payload",
            "fell back",
        ])
        .await;
    ok(&out);
    expect_text(ws.recv().await, "fell back");
    assert!(stderr(&out).contains("<Entra token redacted>"));
    let err = fails(
        &env.run_async(&["key", "show", "-n", "local", "-g", "local"])
            .await,
        3,
        "403",
    );
    assert!(err.contains("Contributor"), "{err}");
    let out = env
        .run_async(&[
            "service",
            "-n",
            "local",
            "-g",
            "local",
            "--hub",
            "roles",
            "--auth",
            "key",
            "broadcast",
            "--payload",
            "x",
        ])
        .await;
    fails(&out, 3, "Contributor");

    // May manage the resource, not use the data plane.
    let emu = emulator(&["--entra-identity", "emulator=Contributor"]);
    let env = Arc::new(Env::managed_identity(&emu.endpoint));
    let out = env
        .run_async(&[
            "service",
            "-n",
            "local",
            "-g",
            "local",
            "--hub",
            "roles",
            "--auth",
            "entra",
            "broadcast",
            "--payload",
            "x",
        ])
        .await;
    fails(&out, 3, "Web PubSub Service Owner");
}

#[tokio::test]
async fn emulator_unknown_resources_and_missing_subscription() {
    let emu = emulator(&[]);
    let env = Arc::new(Env::managed_identity(&emu.endpoint));
    let out = env
        .run_async(&[
            "service",
            "-n",
            "nope",
            "-g",
            "local",
            "--hub",
            "h",
            "broadcast",
            "--payload",
            "x",
        ])
        .await;
    let err = fails(&out, 4, "not found");
    assert!(err.contains("-n, -g and --subscription"), "{err}");
    let env = Arc::new(Env::managed_identity(&emu.endpoint).unset("AZURE_SUBSCRIPTION_ID"));
    let out = env
        .run_async(&["key", "show", "-n", "local", "-g", "local"])
        .await;
    fails(&out, 2, "no subscription");
}

// ---------------------------------------------------------------------------------------------
// Without any Azure: sign-in errors and the grammar
// ---------------------------------------------------------------------------------------------

#[test]
fn not_signed_in_says_what_was_tried_and_how_to_sign_in() {
    let env = Env::empty()
        .set("AZURE_SUBSCRIPTION_ID", SUB)
        .set("WEBPUBSUB_ARM_ENDPOINT", "http://127.0.0.1:9");
    let out = env.run(&[
        "service",
        "-n",
        "x",
        "-g",
        "y",
        "--hub",
        "h",
        "broadcast",
        "--payload",
        "x",
    ]);
    let err = fails(&out, 3, "not signed in");
    assert!(err.contains("az not found on PATH"), "{err}");
    assert!(err.contains("hint: sign in with `az login`"), "{err}");
    // The same for the control plane and for an endpoint without a key.
    fails(
        &env.run(&["key", "show", "-n", "x", "-g", "y"]),
        3,
        "not signed in",
    );
    fails(
        &env.run(&[
            "service",
            "--endpoint",
            "https://x.webpubsub.azure.com",
            "--hub",
            "h",
            "broadcast",
            "--payload",
            "x",
        ]),
        3,
        "not signed in",
    );
    fails(
        &env.run(&[
            "client",
            "token",
            "--endpoint",
            "https://x.webpubsub.azure.com",
            "--hub",
            "h",
        ]),
        3,
        "not signed in",
    );
}

#[test]
fn addressing_flags_are_checked_before_anything_is_sent() {
    let env = Env::empty().set("AZURE_SUBSCRIPTION_ID", SUB);
    fails(&env.run(&["key", "show"]), 2, "no resource");
    fails(
        &env.run(&["key", "show", "-n", "x"]),
        2,
        "-g/--resource-group",
    );
    fails(
        &env.run(&["key", "show", "--ids", "/subscriptions/s/resourceGroups/g"]),
        2,
        "not a Web PubSub resource id",
    );
    fails(
        &env.run(&[
            "key",
            "show",
            "-n",
            "x",
            "-g",
            "y",
            "--arm-endpoint",
            "ftp://x",
        ]),
        2,
        "--arm-endpoint",
    );
    fails(
        &Env::empty().run(&["key", "show", "-n", "x", "-g", "y"]),
        2,
        "no subscription",
    );
    let out = env.run(&[
        "hub",
        "create",
        "-n",
        "x",
        "-g",
        "y",
        "--hub",
        "h",
        "--event-handler",
        "system-event=connect",
    ]);
    fails(&out, 2, "url-template");
    fails(
        &env.run(&["hub", "update", "-n", "x", "-g", "y", "--hub", "h"]),
        2,
        "nothing to update",
    );
    let out = env.run(&[
        "service",
        "--connection-string",
        "Endpoint=https://x;AuthType=azure.msi",
        "--auth",
        "key",
        "--hub",
        "h",
        "health",
    ]);
    fails(&out, 2, "no key");
    // clap's own errors for what it checks.
    let out = env.run(&[
        "key",
        "regenerate",
        "-n",
        "x",
        "-g",
        "y",
        "--key-type",
        "tertiary",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn dry_run_with_entra_shows_no_token() {
    // A fake az gives a token; --dry-run says it is redacted and prints the request.
    let token = sign(
        &json!({"aud": DATA_PLANE, "exp": now() + 3600}),
        "k".repeat(40).as_str(),
    );
    let env = Env::empty().fake_az(&[("", az_answer(&token, now() + 3600))]);
    let out = env.run(&[
        "service",
        "--endpoint",
        "https://x.webpubsub.azure.com",
        "--hub",
        "h",
        "--dry-run",
        "broadcast",
        "--payload",
        "x",
    ]);
    let stdout = ok(&out);
    assert!(
        stdout.contains("Authorization: Bearer <Entra token redacted>"),
        "{stdout}"
    );
    assert!(
        stdout.contains("POST https://x.webpubsub.azure.com/api/hubs/h/:send"),
        "{stdout}"
    );
    assert!(!stdout.contains("eyJ"), "{stdout}");
    let out = env.run(&[
        "service",
        "--endpoint",
        "https://x.webpubsub.azure.com",
        "--hub",
        "h",
        "--dry-run",
        "-o",
        "json",
        "broadcast",
        "--payload",
        "x",
    ]);
    let v: Value = serde_json::from_str(&ok(&out)).expect("JSON");
    assert_eq!(v["claims"], json!("<Entra token redacted>"));
    // Through a reverse proxy: the request goes there; a key token's aud stays the service's.
    let key_env = Env::empty();
    let cs = format!("Endpoint=https://x.webpubsub.azure.com;AccessKey={DEFAULT_KEY};Version=1.0;");
    let out = key_env.run(&[
        "service",
        "--connection-string",
        &cs,
        "--reverse-proxy",
        "https://proxy.example/wps",
        "--hub",
        "h",
        "--dry-run",
        "-o",
        "json",
        "broadcast",
        "--payload",
        "x",
    ]);
    let v: Value = serde_json::from_str(&ok(&out)).expect("JSON");
    assert!(
        v["url"]
            .as_str()
            .unwrap()
            .starts_with("https://proxy.example/wps/api/hubs/h/:send?"),
        "{v}"
    );
    assert!(
        v["claims"]["aud"]
            .as_str()
            .unwrap()
            .starts_with("https://x.webpubsub.azure.com/api/hubs/h/:send?"),
        "{v}"
    );
    let url = ok(&key_env.run(&[
        "client",
        "token",
        "--connection-string",
        &cs,
        "--reverse-proxy",
        "https://proxy.example",
        "--hub",
        "h",
        "--url",
    ]));
    assert!(
        url.starts_with("wss://proxy.example/client/hubs/h?access_token="),
        "{url}"
    );
}

// ---------------------------------------------------------------------------------------------
// A canned ARM and managed-identity endpoint in front of the emulator's data plane
// ---------------------------------------------------------------------------------------------

/// What the canned server saw and how it answers.
#[derive(Default)]
struct Canned {
    /// `METHOD path?query` of every request, and its Authorization header.
    seen: Vec<(String, String)>,
    data_port: u16,
    key: String,
    list_keys_status: u16,
    disable_local_auth: bool,
}

async fn canned(state: Canned) -> (u16, Arc<Mutex<Canned>>) {
    let state = Arc::new(Mutex::new(state));
    let shared = state.clone();
    let app = Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, _body: Bytes| {
            let state = shared.clone();
            async move { canned_answer(&state, &method, &uri, &headers) }
        },
    );
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (port, state)
}

fn canned_answer(
    state: &Arc<Mutex<Canned>>,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Response {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let mut s = state.lock().unwrap();
    s.seen.push((format!("{method} {uri}"), auth.clone()));
    let json_reply = |status: u16, v: Value| {
        (
            StatusCode::from_u16(status).unwrap(),
            [("content-type", "application/json")],
            v.to_string(),
        )
            .into_response()
    };
    let path = uri.path().to_ascii_lowercase();
    if path == "/msi/token" {
        if headers
            .get("x-identity-header")
            .and_then(|v| v.to_str().ok())
            != Some(SECRET)
        {
            return json_reply(401, json!({"error": "bad header"}));
        }
        let resource = uri
            .query()
            .unwrap_or_default()
            .split('&')
            .find_map(|kv| kv.strip_prefix("resource="))
            .unwrap_or_default()
            .to_string();
        let token = sign(
            &json!({"aud": resource, "exp": now() + 3600}),
            &"c".repeat(40),
        );
        return json_reply(
            200,
            json!({"access_token": token, "expires_on": (now() + 3600).to_string(),
            "resource": resource, "token_type": "Bearer"}),
        );
    }
    if !auth.starts_with("Bearer eyJ") {
        return json_reply(
            401,
            json!({"error": {"code": "AuthenticationFailed", "message": "no token"}}),
        );
    }
    let resource = format!(
        "/subscriptions/{SUB}/resourcegroups/rg/providers/microsoft.signalrservice/webpubsub/wps"
    );
    if !path.starts_with(&resource) {
        return json_reply(
            404,
            json!({"error": {"code": "ResourceNotFound", "message": "The Resource was not found."}}),
        );
    }
    match (method.as_str(), &path[resource.len()..]) {
        ("GET", "") => json_reply(
            200,
            json!({"name": "wps", "properties": {"hostName": "localhost",
            "publicPort": s.data_port, "disableLocalAuth": s.disable_local_auth}}),
        ),
        ("POST", "/listkeys") if s.list_keys_status != 200 => json_reply(
            s.list_keys_status,
            json!({"error": {"code": "AuthorizationFailed", "message": "The client does not have authorization to perform action 'Microsoft.SignalRService/webPubSub/listKeys/action'."}}),
        ),
        ("POST", "/listkeys") => json_reply(
            200,
            json!({"primaryKey": s.key, "secondaryKey": "k2",
            "primaryConnectionString": format!("Endpoint=http://localhost:{};AccessKey={};Version=1.0;", s.data_port, s.key)}),
        ),
        _ => json_reply(
            404,
            json!({"error": {"code": "NotFound", "message": "no such thing"}}),
        ),
    }
}

fn canned_env(port: u16) -> Env {
    let base = format!("http://127.0.0.1:{port}");
    Env::empty()
        .set("IDENTITY_ENDPOINT", &format!("{base}/msi/token"))
        .set("IDENTITY_HEADER", SECRET)
        .set("WEBPUBSUB_ARM_ENDPOINT", &base)
        .set("AZURE_SUBSCRIPTION_ID", SUB)
}

#[tokio::test]
async fn canned_name_and_group_list_keys_with_a_managed_identity_token() {
    let emu = Emulator::start();
    let (port, state) = canned(Canned {
        data_port: emu.port,
        key: emu.key.clone(),
        list_keys_status: 200,
        ..Canned::default()
    })
    .await;
    let env = Arc::new(canned_env(port));
    let mut ws = emu.connect_simple("canned", &json!({})).await;
    let out = env
        .run_async(&[
            "service",
            "-n",
            "wps",
            "-g",
            "RG",
            "--hub",
            "canned",
            "--debug",
            "broadcast",
            "--payload",
            "listed",
        ])
        .await;
    ok(&out);
    expect_text(ws.recv().await, "listed");
    let debug = stderr(&out);
    assert!(
        !debug.contains(&emu.key),
        "keys are redacted in --debug: {debug}"
    );
    assert!(!debug.contains("eyJ"), "{debug}");
    let seen = state.lock().unwrap().seen.clone();
    let paths: Vec<&str> = seen.iter().map(|(p, _)| p.as_str()).collect();
    // One managed-identity token for ARM (cached for the second call), then GET and listKeys.
    assert_eq!(
        paths.iter().filter(|p| p.contains("/msi/token")).count(),
        1,
        "{paths:?}"
    );
    assert!(
        paths[0].contains(&format!(
            "resource={}",
            enc(&format!("http://127.0.0.1:{port}"))
        )),
        "{paths:?}"
    );
    assert!(paths.iter().any(|p| p.starts_with("GET /subscriptions/") && p.ends_with("?api-version=2024-03-01")), "{paths:?}");
    assert!(
        paths.iter().any(|p| p.starts_with("POST /subscriptions/")
            && p.contains("/listKeys?api-version=2024-03-01")),
        "{paths:?}"
    );

    // The control plane: key show prints what listKeys answered.
    let keys: Value = serde_json::from_str(&ok(&env
        .run_async(&["key", "show", "-n", "wps", "-g", "rg"])
        .await))
    .unwrap();
    assert_eq!(keys["primaryKey"], json!(emu.key));

    // Unknown resources and hubs.
    let out = env
        .run_async(&["key", "show", "-n", "other", "-g", "rg"])
        .await;
    let err = fails(&out, 4, "not found");
    assert!(err.contains("\"other\" in resource group \"rg\""), "{err}");
    let out = env
        .run_async(&["hub", "show", "-n", "wps", "-g", "rg", "--hub", "h"])
        .await;
    fails(&out, 4, "hub \"h\" not found");
    // A wrong identity header: managed identity fails, az is not on PATH.
    let bad = Arc::new(canned_env(port).set("IDENTITY_HEADER", "wrong"));
    let err = fails(
        &bad.run_async(&["key", "show", "-n", "wps", "-g", "rg"])
            .await,
        3,
        "not signed in",
    );
    assert!(err.contains("managed identity"), "{err}");
}

#[tokio::test]
async fn canned_list_keys_forbidden_falls_back_to_entra_unless_a_key_is_asked_for() {
    let (port, state) = canned(Canned {
        data_port: 1,
        list_keys_status: 403,
        ..Canned::default()
    })
    .await;
    let env = Arc::new(canned_env(port));
    // The data plane (port 1) is unreachable: the point is which auth was chosen.
    let out = env
        .run_async(&[
            "service",
            "-n",
            "wps",
            "-g",
            "rg",
            "--hub",
            "h",
            "--dry-run",
            "broadcast",
            "--payload",
            "x",
        ])
        .await;
    let stdout = ok(&out);
    assert!(stdout.contains("<Entra token redacted>"), "{stdout}");
    assert!(
        stdout.contains("http://localhost:1/api/hubs/h/:send"),
        "{stdout}"
    );
    let out = env
        .run_async(&[
            "service",
            "-n",
            "wps",
            "-g",
            "rg",
            "--hub",
            "h",
            "--auth",
            "key",
            "--dry-run",
            "broadcast",
            "--payload",
            "x",
        ])
        .await;
    let err = fails(&out, 3, "403");
    assert!(err.contains("Contributor"), "{err}");
    let err = fails(
        &env.run_async(&["key", "show", "-n", "wps", "-g", "rg"])
            .await,
        3,
        "list the keys",
    );
    assert!(
        err.contains("az role assignment create --role \"Contributor\""),
        "{err}"
    );
    // Local auth disabled: listKeys is not even asked.
    state.lock().unwrap().disable_local_auth = true;
    state.lock().unwrap().seen.clear();
    let out = env
        .run_async(&[
            "service",
            "-n",
            "wps",
            "-g",
            "rg",
            "--hub",
            "h",
            "--dry-run",
            "broadcast",
            "--payload",
            "x",
        ])
        .await;
    assert!(ok(&out).contains("<Entra token redacted>"));
    assert!(!state
        .lock()
        .unwrap()
        .seen
        .iter()
        .any(|(p, _)| p.contains("listKeys")));
    let out = env
        .run_async(&[
            "service",
            "-n",
            "wps",
            "-g",
            "rg",
            "--hub",
            "h",
            "--auth",
            "key",
            "--dry-run",
            "broadcast",
            "--payload",
            "x",
        ])
        .await;
    fails(&out, 3, "local auth is disabled");
}

#[test]
fn help_teaches_azure_use() {
    let env = Env::empty();
    let help = ok(&env.run(&["service", "--help"]));
    for needle in [
        "-n, --name",
        "-g, --resource-group",
        "--subscription",
        "--ids",
        "--arm-endpoint",
        "--auth",
        "az login",
    ] {
        assert!(
            help.contains(needle),
            "service --help should mention {needle}: {help}"
        );
    }
    let help = ok(&env.run(&["hub", "create", "--help"]));
    for needle in [
        "url-template=",
        "system-event=",
        "--allow-anonymous",
        "--websocket-keepalive",
        "Examples:",
    ] {
        assert!(
            help.contains(needle),
            "hub create --help should mention {needle}: {help}"
        );
    }
}

#[tokio::test]
async fn canned_developer_tools_chain_uses_a_fake_az_on_path() {
    let emu = Emulator::start();
    let (port, state) = canned(Canned {
        data_port: emu.port,
        key: emu.key.clone(),
        list_keys_status: 200,
        ..Canned::default()
    })
    .await;
    let arm_token = sign(&json!({"aud": "arm", "exp": now() + 3600}), &"a".repeat(40));
    let env = Arc::new(
        Env::empty()
            .set(
                "WEBPUBSUB_ARM_ENDPOINT",
                &format!("http://127.0.0.1:{port}"),
            )
            .fake_az(&[("", az_answer(&arm_token, now() + 3600))]),
    );
    let mut ws = emu.connect_simple("viaaz", &json!({})).await;
    ok(&env
        .run_async(&[
            "service",
            "-n",
            "wps",
            "-g",
            "rg",
            "--hub",
            "viaaz",
            "broadcast",
            "--payload",
            "az signed in",
        ])
        .await);
    expect_text(ws.recv().await, "az signed in");
    let log = env.az_log();
    assert!(
        log.contains("account show --query id -o tsv"),
        "the default subscription: {log}"
    );
    assert!(
        log.contains(&format!(
            "account get-access-token -o json --scope http://127.0.0.1:{port}/.default"
        )),
        "{log}"
    );
    let seen = state.lock().unwrap().seen.clone();
    assert!(
        seen.iter()
            .any(|(p, auth)| p.starts_with("GET /subscriptions/")
                && *auth == format!("Bearer {arm_token}")),
        "ARM got az's token: {seen:?}"
    );
    // az's token is asked once per scope and run (cached), not once per request.
    assert_eq!(log.matches("get-access-token").count(), 1, "{log}");
}
