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
