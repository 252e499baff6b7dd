//! Everyday polish of the command line: broken pipes, colours on a terminal.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use crate::common::*;

/// `webpubsub completions bash | head -1`: the reader goes away early; that is success.
#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(bin())
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("first line");
    // The reader is dropped here: the rest of the script meets a closed pipe.
    let status = child.wait().expect("wait");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    assert!(first.starts_with("_webpubsub()"), "{first}");
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// What a command prints on a terminal (a pty), as bytes.
#[cfg(unix)]
fn on_a_terminal(args: &[&str]) -> String {
    let mut cmd = Command::new(bin());
    cmd.args(args).env_remove("NO_COLOR").env("TERM", "xterm");
    let process = rexpect::process::PtyProcess::new(cmd).expect("spawn on a pty");
    let mut out = process.get_file_handle().expect("pty handle");
    let _ = process.wait();
    let mut text = Vec::new();
    // EIO once the child is gone and everything has been read.
    let _ = out.read_to_end(&mut text);
    String::from_utf8_lossy(&text).into_owned()
}

#[cfg(unix)]
#[test]
fn color_never_applies_to_usage_errors_and_help() {
    let colored = on_a_terminal(&["service", "--bogus"]);
    assert!(colored.contains("unexpected argument"), "{colored:?}");
    assert!(
        colored.contains('\u{1b}'),
        "a terminal gets colours by default: {colored:?}"
    );
    for args in [
        &["--color", "never", "service", "--bogus"][..],
        &["service", "--color=never", "--bogus"][..],
        &["--color", "never", "service", "--help"][..],
    ] {
        let plain = on_a_terminal(args);
        assert!(plain.contains("webpubsub service"), "{args:?}: {plain:?}");
        assert!(
            !plain.contains('\u{1b}'),
            "{args:?} printed colours: {plain:?}"
        );
    }
}

/// `wss://` to a plain-HTTP server: said in words, with the fix, not rustls' "InvalidContentType".
#[tokio::test]
async fn tls_to_a_plain_http_server_says_so() {
    let emu = Emulator::start();
    let url = format!(
        "wss://localhost:{}/client/hubs/chat?access_token=x",
        emu.port
    );
    let out = Command::new(bin())
        .args(["client", "start", "--url", &url])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(6), "{stderr}");
    assert!(stderr.contains("did not answer TLS"), "{stderr}");
    assert!(stderr.contains("use ws://"), "{stderr}");
    assert!(!stderr.contains("InvalidContentType"), "{stderr}");
}

/// The README's recipe: a script starts an emulator, uses it and stops it, under `timeout 10`.
#[cfg(unix)]
#[test]
fn a_script_starts_a_detached_emulator_uses_it_and_stops_it() {
    let home = tempfile::tempdir().expect("tempdir");
    let script = r#"
        set -e
        CS=$("$WPS" emulator start --port 0 --detach)
        "$WPS" service --connection-string "$CS" --hub chat health
        "$WPS" service --connection-string "$CS" --hub chat broadcast --payload hi
        "$WPS" emulator stop
        ! "$WPS" service --connection-string "$CS" --hub chat --retries 0 health 2>/dev/null
    "#;
    let out = Command::new("timeout")
        .args(["10", "sh", "-c", script])
        .env("WPS", bin())
        .env("XDG_RUNTIME_DIR", home.path().join("run"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("HOME", home.path())
        .env("NO_COLOR", "1")
        .env_remove("WebPubSubConnectionString")
        .output()
        .expect("run sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("runs in the background"), "{stderr}");
    assert!(stderr.contains("stopped the emulator on port"), "{stderr}");
    // Nothing left behind: no pid file, no log.
    let left: Vec<_> = std::fs::read_dir(home.path().join("run/webpubsub/emulators"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(bin())
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("WebPubSubConnectionString")
        .env_remove("WebPubSubAccessKey")
        .env_remove("WebPubSubHub")
        .env_remove("AZURE_SUBSCRIPTION_ID")
        .stdin(Stdio::null())
        .output()
        .expect("run")
}

/// A command without credentials goes to the local emulator, and says so.
#[test]
fn falling_back_to_the_local_emulator_is_said() {
    let out = run(&[
        "service",
        "--hub",
        "h",
        "--retries",
        "0",
        "health",
        "--timeout",
        "2",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("webpubsub: note: no connection string"),
        "{stderr}"
    );
    assert!(stderr.contains("using the local emulator"), "{stderr}");
}

/// One vocabulary: --print-url prints a URL (--url stays as an alias), -o everywhere output is
/// data, --verbose is --debug.
#[test]
fn token_commands_print_urls_and_take_output_formats() {
    let key = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
    let cs = format!("Endpoint=http://localhost:8080;AccessKey={key};Version=1.0;");
    let base = [
        "client",
        "token",
        "--connection-string",
        cs.as_str(),
        "--hub",
        "chat",
        "--user-id",
        "u1",
    ];
    let with = |extra: &[&str]| {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        run(&args)
    };
    let url = String::from_utf8_lossy(&with(&["--print-url"]).stdout)
        .trim()
        .to_string();
    assert!(
        url.starts_with("ws://localhost:8080/client/hubs/chat?access_token=eyJ"),
        "{url}"
    );
    let alias = String::from_utf8_lossy(&with(&["--url"]).stdout)
        .trim()
        .to_string();
    assert!(
        alias.starts_with("ws://localhost:8080/client/hubs/chat?access_token="),
        "{alias}"
    );
    let out = with(&["-o", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["token"].as_str().unwrap().starts_with("eyJ"), "{v}");
    assert!(v["url"].as_str().unwrap().starts_with("ws://"), "{v}");
    let out = with(&["-o", "tsv", "--query", "url"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ws://"));
    let out = run(&[
        "service",
        "--connection-string",
        &cs,
        "--hub",
        "chat",
        "--verbose",
        "--dry-run",
        "broadcast",
        "--payload",
        "x",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout)
        .starts_with("POST http://localhost:8080/api/hubs/chat/:send"));
}

/// Completions offer the known permissions and the global roles.
#[test]
fn completions_offer_permissions_and_roles() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        let script = String::from_utf8_lossy(&out.stdout);
        for value in [
            "sendToGroup",
            "joinLeaveGroup",
            "webpubsub.joinLeaveGroup",
            "webpubsub.sendToGroup",
        ] {
            assert!(script.contains(value), "{shell} completions lack {value}");
        }
    }
    let out = run(&[
        "service",
        "--hub",
        "h",
        "permission",
        "check",
        "--connection-id",
        "c",
        "--permission",
        "all",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected sendToGroup or joinLeaveGroup"));
}
