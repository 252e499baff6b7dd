//! The HTTP server layer: header, idle and body deadlines; many idle connections; shutdown
//! order; the Host and Origin guard; the public-bind warning; body errors (400/408/413).
//!
//! The deadline tests shorten the timeouts with the hidden flags and then wait for a socket to
//! close with a generous deadline; nothing here measures speed.

use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use crate::common::*;

const HUB: &str = "chat";
/// How long a socket the emulator must close may stay open: far above the shortened
/// timeouts, far below "for ever".
const CLOSE_WITHIN: Duration = Duration::from_secs(30);

/// A WebSocket handshake for `hub` with a valid token, `extra` header lines included, without
/// the final empty line.
fn handshake_head(emu: &Emulator, host: &str, extra: &str) -> String {
    let token = emu.client_token(HUB, &json!({"sub": "u1"}));
    format!(
        "GET /client/hubs/{HUB}?access_token={} HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\n\
         Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{extra}",
        enc(&token)
    )
}

/// A signed `POST …/:send` head (text/plain) with the given framing headers, without the final
/// empty line.
fn send_head(emu: &Emulator, framing: &str) -> String {
    let path = v(&format!("/api/hubs/{HUB}/:send"));
    let token = emu.rest_token(&emu.url(&path));
    format!(
        "POST {path} HTTP/1.1\r\nHost: localhost:{}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: text/plain\r\n{framing}",
        emu.port
    )
}

fn health(host: &str) -> String {
    format!("GET /api/health HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
}

// ----- 1 deadlines ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slowloris_sockets_are_closed_while_normal_requests_still_work() {
    const SLOW: usize = 100;
    let emu = Emulator::start_with(&["--header-timeout", "2", "--idle-timeout", "30"]);
    let host = format!("localhost:{}", emu.port);

    let mut slow = Vec::new();
    for i in 0..SLOW {
        let mut tcp = emu.tcp().await;
        let host = host.clone();
        slow.push(tokio::spawn(async move {
            // Half of them never send a byte; the others trickle header lines for ever.
            if i % 2 == 1 {
                return closed_within(&mut tcp, CLOSE_WITHIN).await;
            }
            let head = format!("GET /api/health HTTP/1.1\r\nHost: {host}\r\n");
            if tcp.write_all(head.as_bytes()).await.is_err() {
                return true;
            }
            let deadline = Instant::now() + CLOSE_WITHIN;
            while Instant::now() < deadline {
                if closed_within(&mut tcp, Duration::from_millis(300)).await {
                    return true;
                }
                if tcp.write_all(b"X-Slow: 1\r\n").await.is_err() {
                    return true;
                }
            }
            false
        }));
    }

    // Meanwhile the emulator answers as usual.
    for _ in 0..3 {
        emu.rest("GET", "/api/health", None, Vec::new())
            .await
            .expect(200);
        let r = emu.raw(&health(&host)).await;
        assert_eq!(r.status, 200, "{r:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    let mut open = 0;
    for s in slow {
        if !s.await.expect("slow socket task") {
            open += 1;
        }
    }
    assert_eq!(
        open, 0,
        "{open} of {SLOW} sockets that never finished their headers were still open after \
         {CLOSE_WITHIN:?} (--header-timeout 2)"
    );
    emu.rest("GET", "/api/health", None, Vec::new())
        .await
        .expect(200);
}

#[tokio::test]
async fn idle_keep_alive_ends_after_the_idle_timeout_not_the_header_timeout() {
    let emu = Emulator::start_with(&["--header-timeout", "1", "--idle-timeout", "10"]);
    let request = format!(
        "GET /api/health HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
        emu.port
    );
    let mut tcp = emu.tcp().await;
    tcp.write_all(request.as_bytes()).await.expect("write");
    let r = read_raw_reply(&mut tcp).await.expect("first reply");
    assert_eq!(r.status, 200, "{r:?}");

    // Idle for longer than the header timeout (but well within the idle one): still usable.
    tokio::time::sleep(Duration::from_secs(3)).await;
    tcp.write_all(request.as_bytes()).await.expect("write");
    let r = read_raw_reply(&mut tcp)
        .await
        .expect("a kept-alive connection was closed after 3 s idle (--idle-timeout 10)");
    assert_eq!(r.status, 200, "{r:?}");

    // Then left idle: closed.
    assert!(
        closed_within(&mut tcp, CLOSE_WITHIN).await,
        "an idle kept-alive connection was still open after {CLOSE_WITHIN:?} (--idle-timeout 10)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trickled_body_is_answered_408_and_the_connection_closed() {
    let emu = Emulator::start_with(&["--body-timeout", "2"]);
    let tcp = emu.tcp().await;
    let (mut rd, mut wr) = tcp.into_split();
    let head = send_head(&emu, "Content-Length: 100000\r\n\r\n");
    wr.write_all(head.as_bytes()).await.expect("write head");
    let trickle = tokio::spawn(async move {
        let deadline = Instant::now() + CLOSE_WITHIN;
        while Instant::now() < deadline {
            if wr.write_all(b"a").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let r = read_raw_reply(&mut rd)
        .await
        .expect("the connection closed without an answer to a trickled body");
    assert_eq!(r.status, 408, "{r:?}");
    assert_eq!(r.json()["code"], "RequestTimeout", "{r:?}");
    assert_eq!(r.header("x-ms-error-code"), Some("RequestTimeout"));
    assert!(
        closed_within(&mut rd, CLOSE_WITHIN).await,
        "the connection stayed open after the 408"
    );
    trickle.abort();
    emu.rest("GET", "/api/health", None, Vec::new())
        .await
        .expect(200);
}

// ----- 2 file descriptors ----------------------------------------------------------------------

#[cfg(unix)]
mod fds {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Child, Command, Stdio};
    use std::sync::{mpsc, Arc, Mutex};

    use nix::sys::resource::{getrlimit, setrlimit, Resource};

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn two_thousand_idle_connections_leave_the_emulator_reachable() {
        const IDLE: usize = 2000;
        let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).expect("getrlimit");
        if hard < (IDLE + 200) as u64 {
            eprintln!(
                "skipped: the hard open-file limit ({hard}) is below {}",
                IDLE + 200
            );
            return;
        }
        // Start the emulator with the common soft default of 1,024 (it inherits ours), so the
        // test shows it raising its own; then give this process room for its sockets. Other
        // tests keep far fewer than 1,024 files open in that moment.
        setrlimit(Resource::RLIMIT_NOFILE, soft.min(1024), hard).expect("lower soft limit");
        // Headers timeout far beyond the test: the idle sockets must stay open.
        let started = std::panic::catch_unwind(|| {
            Emulator::start_with(&["--header-timeout", "600", "--idle-timeout", "600"])
        });
        setrlimit(Resource::RLIMIT_NOFILE, hard, hard).expect("raise soft limit");
        let emu = started.unwrap_or_else(|e| std::panic::resume_unwind(e));

        let mut idle = Vec::with_capacity(IDLE);
        for _ in 0..IDLE {
            idle.push(emu.tcp().await);
        }
        let r = tokio::time::timeout(
            Duration::from_secs(30),
            emu.raw(&health(&format!("localhost:{}", emu.port))),
        )
        .await
        .unwrap_or_else(|_| {
            panic!("/api/health did not answer within 30 s while {IDLE} idle connections were open")
        });
        assert_eq!(r.status, 200, "{r:?}");
        // The idle sockets are still open: the emulator holds them all.
        let mut buf = [0u8; 1];
        let closed = idle
            .iter()
            .filter(|s| matches!(s.try_read(&mut buf), Ok(0)))
            .count();
        assert_eq!(closed, 0, "{closed} idle connections were closed");
        assert!(
            !emu.stderr().contains("cannot accept"),
            "accept failed: {}",
            emu.stderr()
        );
    }

    /// The emulator under `ulimit -n 64` (soft and hard), killed on drop.
    struct Limited {
        child: Child,
        port: u16,
        stderr: Arc<Mutex<String>>,
    }

    impl Limited {
        fn start() -> Limited {
            let mut child = Command::new("sh")
                .args([
                    "-c",
                    r#"ulimit -S -n 64 && ulimit -H -n 64 && exec "$0" "$@""#,
                    bin(),
                    "emulator",
                    "start",
                    "--port",
                    "0",
                    "--header-timeout",
                    "600",
                ])
                .env_remove("WEBPUBSUB_EMULATOR_ACCESS_KEY")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn sh");
            let stderr = Arc::new(Mutex::new(String::new()));
            let mut err = child.stderr.take().expect("stderr");
            let sink = stderr.clone();
            std::thread::spawn(move || {
                let mut chunk = [0u8; 4096];
                while let Ok(n) = err.read(&mut chunk) {
                    if n == 0 {
                        break;
                    }
                    sink.lock()
                        .expect("lock")
                        .push_str(&String::from_utf8_lossy(&chunk[..n]));
                }
            });
            let out = child.stdout.take().expect("stdout");
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(out);
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let _ = tx.send(line);
                let _ = std::io::copy(&mut reader, &mut std::io::sink());
            });
            let line = rx.recv_timeout(Duration::from_secs(10)).unwrap_or_default();
            let port = line
                .strip_prefix("Endpoint=http://localhost:")
                .and_then(|r| r.split(';').next())
                .and_then(|p| p.parse().ok());
            let Some(port) = port else {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "emulator under ulimit -n 64 did not start: {line:?}; stderr: {}",
                    stderr.lock().expect("lock")
                );
            };
            Limited {
                child,
                port,
                stderr,
            }
        }

        fn stderr(&self) -> String {
            self.stderr.lock().expect("lock").clone()
        }

        fn accept_lines(&self) -> usize {
            self.stderr()
                .matches("cannot accept new connections")
                .count()
        }
    }

    impl Drop for Limited {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    /// `GET /api/health` answered 200 within a few seconds.
    async fn healthy(port: u16) -> bool {
        let attempt = async {
            let mut tcp = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
            tcp.write_all(health(&format!("localhost:{port}")).as_bytes())
                .await
                .ok()?;
            read_raw_reply(&mut tcp).await
        };
        matches!(
            tokio::time::timeout(Duration::from_secs(3), attempt).await,
            Ok(Some(r)) if r.status == 200
        )
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn running_out_of_descriptors_logs_one_line_and_serving_goes_on() {
        let emu = Limited::start();
        assert!(healthy(emu.port).await, "stderr: {}", emu.stderr());

        // More idle connections than the emulator has descriptors: accept fails, repeatedly.
        let mut idle = Vec::new();
        for _ in 0..100 {
            idle.push(
                TcpStream::connect(("127.0.0.1", emu.port))
                    .await
                    .expect("connect (the listen backlog holds what is not accepted)"),
            );
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        while emu.accept_lines() == 0 {
            assert!(
                Instant::now() < deadline,
                "no accept error logged with 100 idle connections under ulimit -n 64; stderr: {}",
                emu.stderr()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Many failed accepts later (the loop retries every 100 ms), still one line.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let line = emu
            .stderr()
            .lines()
            .find(|l| l.contains("cannot accept new connections"))
            .unwrap_or_default()
            .to_string();
        assert!(
            line.contains("open files") && line.contains("ulimit -n"),
            "the accept error should say what ran out and how to raise it: {line}"
        );

        // Once the idle sockets go, the emulator serves again.
        drop(idle);
        let deadline = Instant::now() + Duration::from_secs(30);
        while !healthy(emu.port).await {
            assert!(
                Instant::now() < deadline,
                "the emulator did not answer again after the idle connections closed; stderr: {}",
                emu.stderr()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(
            emu.accept_lines(),
            1,
            "accept errors should be logged once, not once per failure: {}",
            emu.stderr()
        );
    }
}

// ----- 3 shutdown ----------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_sigterm_no_websocket_handshake_succeeds() {
    let mut emu = Emulator::start();
    let mut client = emu.connect_json(HUB, &json!({"sub": "c"})).await;
    let host = format!("localhost:{}", emu.port);

    // A connection accepted before the signal, its handshake finished only after it.
    let mut early = emu.tcp().await;
    early
        .write_all(handshake_head(&emu, &host, "").as_bytes())
        .await
        .expect("write");

    emu.send_signal("TERM");
    assert!(
        emu.wait_for_stderr("Stopping", Duration::from_secs(10))
            .await,
        "no 'Stopping' line after SIGTERM; stderr: {}",
        emu.stderr()
    );
    early
        .write_all(b"\r\n")
        .await
        .expect("finish the handshake");
    let r = read_raw_reply(&mut early)
        .await
        .expect("an upgrade during shutdown should get an answer");
    assert_eq!(r.status, 503, "upgrade after shutdown began: {r:?}");
    assert!(r.body.contains("shutting down"), "{r:?}");

    // New handshakes, until the process is gone: refused, closed or 503, never 101.
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut attempts = 0;
    let status = loop {
        if let Some(status) = emu.try_exit() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the emulator did not exit within 15 s of SIGTERM"
        );
        attempts += 1;
        let Ok(mut tcp) = TcpStream::connect(emu.socket_addr()).await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let request = handshake_head(&emu, &host, "\r\n");
        if tcp.write_all(request.as_bytes()).await.is_err() {
            continue;
        }
        if let Some(r) = read_raw_reply(&mut tcp).await {
            assert_ne!(
                r.status, 101,
                "a WebSocket handshake succeeded after shutdown began (attempt {attempts})"
            );
        }
    };
    assert!(status.success(), "exit status {status:?}");
    assert!(attempts > 0);

    // The client that was connected got 1001, as before.
    let end = client.ws.expect_end().await;
    assert!(
        matches!(end, Frame::Close(Some(1001), _)),
        "connected client should be closed with 1001: {end:?}"
    );
}

// ----- 4 Host and Origin -----------------------------------------------------------------------

#[tokio::test]
async fn a_foreign_host_is_refused_on_rest_and_websocket() {
    let emu = Emulator::start();
    let r = emu.raw(&health("evil.example")).await;
    assert_eq!(r.status, 400, "{r:?}");
    let body = r.json();
    assert_eq!(body["code"], "InvalidHost", "{r:?}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("evil.example") && message.contains("--allowed-host evil.example"),
        "the message should name the host and the flag that allows it: {message}"
    );
    assert_eq!(r.header("x-ms-error-code"), Some("InvalidHost"));

    // Authenticated REST calls too: the guard comes before the token.
    let mut tcp = emu.tcp().await;
    let head = send_head(&emu, "Content-Length: 2\r\n\r\nhi").replace(
        &format!("Host: localhost:{}", emu.port),
        "Host: evil.example",
    );
    tcp.write_all(head.as_bytes()).await.expect("write");
    let r = read_raw_reply(&mut tcp).await.expect("reply");
    assert_eq!(r.status, 400, "{r:?}");

    // A WebSocket handshake with a valid token: plain text.
    let r = emu
        .raw(&handshake_head(
            &emu,
            &format!("evil.example:{}", emu.port),
            "\r\n",
        ))
        .await;
    assert_eq!(r.status, 400, "{r:?}");
    assert!(
        r.header("content-type")
            .unwrap_or_default()
            .starts_with("text/plain"),
        "{r:?}"
    );
    assert!(r.body.contains("--allowed-host"), "{r:?}");
}

#[tokio::test]
async fn malformed_host_headers_are_refused() {
    let emu = Emulator::start();
    let p = emu.port;
    for request in [
        health(&format!("localhost:{p}/api/hubs/x")),
        health(&format!("user@localhost:{p}")),
        health("localhost:80:80"),
        format!("GET http://evil.example/api/health HTTP/1.1\r\nHost: localhost:{p}\r\nConnection: close\r\n\r\n"),
        format!("GET /api/health HTTP/1.1\r\nHost: localhost:{p}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"),
    ] {
        let r = emu.raw(&request).await;
        assert_eq!(r.status, 400, "{request:?}: {r:?}");
        assert_eq!(r.json()["code"], "InvalidHost", "{request:?}: {r:?}");
    }
}

#[tokio::test]
async fn local_hosts_are_accepted() {
    let emu = Emulator::start();
    let p = emu.port;
    for host in [
        format!("localhost:{p}"),
        format!("LocalHost:{p}"),
        format!("127.0.0.1:{p}"),
        format!("[::1]:{p}"),
        format!("my-app.localhost:{p}"),
        "localhost".to_string(),
    ] {
        let r = emu.raw(&health(&host)).await;
        assert_eq!(r.status, 200, "Host {host}: {r:?}");
    }
}

#[tokio::test]
async fn a_foreign_origin_is_refused_and_local_pages_are_accepted() {
    let emu = Emulator::start();
    let token = emu.client_token(HUB, &json!({"sub": "u1"}));
    let path = format!("/client/hubs/{HUB}?access_token={}", enc(&token));
    let with_origin = |origin: &str| WsOpts {
        headers: vec![("Origin".into(), origin.into())],
        ..WsOpts::default()
    };

    for origin in [
        "http://evil.example",
        "https://localhost.evil.example",
        "null",
    ] {
        match emu.ws_open(&path, &with_origin(origin)).await {
            Ok(_) => panic!("WebSocket from Origin {origin} was accepted"),
            Err(r) => assert_eq!(r.status, 403, "Origin {origin}: {r:?}"),
        }
    }
    for origin in [
        "http://localhost:3000",
        "http://127.0.0.1:5173",
        "https://app.localhost",
        "http://[::1]:8000",
    ] {
        if let Err(r) = emu.ws_open(&path, &with_origin(origin)).await {
            panic!("WebSocket from Origin {origin} was refused: {r:?}");
        }
    }

    // REST from a foreign page: 403 with a JSON error.
    let r = emu
        .raw(&format!(
            "GET /api/health HTTP/1.1\r\nHost: localhost:{}\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n",
            emu.port
        ))
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    assert_eq!(r.json()["code"], "InvalidOrigin", "{r:?}");
    assert!(
        r.body.contains("--allowed-origin http://evil.example"),
        "{r:?}"
    );
}

#[tokio::test]
async fn allowed_host_and_allowed_origin_extend_the_guard() {
    let emu = Emulator::start_with(&[
        "--allowed-host",
        "devbox.internal",
        "--allowed-host",
        "*.tunnel.example",
        "--allowed-origin",
        "http://app.example:8000",
    ]);
    let p = emu.port;
    for host in [
        format!("devbox.internal:{p}"),
        format!("DEVBOX.INTERNAL:{p}"),
        format!("abc.tunnel.example:{p}"),
    ] {
        assert_eq!(emu.raw(&health(&host)).await.status, 200, "Host {host}");
    }
    for host in [format!("evil.example:{p}"), format!("tunnel.example:{p}")] {
        assert_eq!(emu.raw(&health(&host)).await.status, 400, "Host {host}");
    }

    let token = emu.client_token(HUB, &json!({"sub": "u1"}));
    let path = format!("/client/hubs/{HUB}?access_token={}", enc(&token));
    let with_origin = |origin: &str| WsOpts {
        headers: vec![("Origin".into(), origin.into())],
        ..WsOpts::default()
    };
    if let Err(r) = emu
        .ws_open(&path, &with_origin("http://app.example:8000"))
        .await
    {
        panic!("listed origin refused: {r:?}");
    }
    match emu
        .ws_open(&path, &with_origin("http://app.example:8001"))
        .await
    {
        Ok(_) => panic!("an origin on another port was accepted"),
        Err(r) => assert_eq!(r.status, 403, "{r:?}"),
    }

    let any = Emulator::start_with(&["--allowed-origin", "*"]);
    let token = any.client_token(HUB, &json!({"sub": "u1"}));
    let path = format!("/client/hubs/{HUB}?access_token={}", enc(&token));
    if let Err(r) = any
        .ws_open(&path, &with_origin("http://evil.example"))
        .await
    {
        panic!("--allowed-origin '*' should accept any origin: {r:?}");
    }
}

#[test]
fn invalid_allowed_host_and_origin_are_usage_errors() {
    for args in [
        ["--allowed-host", "devbox:8080"],
        ["--allowed-host", "http://devbox"],
        ["--allowed-origin", "devbox:3000"],
        ["--allowed-origin", "http://devbox:3000/app"],
    ] {
        let mut child = std::process::Command::new(bin())
            .args(["emulator", "start", "--port", "0"])
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(s) = child.try_wait().expect("try_wait") {
                break s;
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{args:?} was accepted: the emulator started");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
            .expect("read stderr");
        assert_eq!(status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(args[1]), "{args:?}: {stderr}");
    }
}

// ----- 5 public bind warning -------------------------------------------------------------------

#[tokio::test]
async fn a_public_bind_with_the_default_key_warns() {
    let ready = "Press Ctrl-C";
    let public = Emulator::start_with(&["--host", "0.0.0.0"]);
    assert!(public.wait_for_stderr(ready, Duration::from_secs(10)).await);
    let err = public.stderr();
    assert!(
        err.contains("warning:")
            && err.contains("public default access key")
            && err.contains("--access-key")
            && err.contains("WEBPUBSUB_EMULATOR_ACCESS_KEY"),
        "no warning for 0.0.0.0 with the default key: {err}"
    );

    let private = Emulator::start_with(&[
        "--host",
        "0.0.0.0",
        "--access-key",
        "a-private-key-of-at-least-32-characters",
    ]);
    assert!(
        private
            .wait_for_stderr(ready, Duration::from_secs(10))
            .await
    );
    assert!(
        !private.stderr().contains("warning:"),
        "{}",
        private.stderr()
    );

    let local = Emulator::start();
    assert!(local.wait_for_stderr(ready, Duration::from_secs(10)).await);
    assert!(!local.stderr().contains("warning:"), "{}", local.stderr());
}

// ----- 6 body errors ---------------------------------------------------------------------------

#[tokio::test]
async fn a_malformed_chunked_body_is_400_and_an_oversize_body_still_413() {
    let emu = Emulator::start();
    let _c = emu.connect_simple(HUB, &json!({})).await;

    let ok = emu
        .raw(&send_head(
            &emu,
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        ))
        .await;
    assert_eq!(ok.status, 202, "a well-formed chunked body: {ok:?}");

    let bad = emu
        .raw(&send_head(
            &emu,
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        ))
        .await;
    assert_eq!(bad.status, 400, "{bad:?}");
    assert!(
        bad.header("content-type")
            .unwrap_or_default()
            .starts_with("application/json"),
        "{bad:?}"
    );
    assert_eq!(bad.json()["code"], "BadRequest", "{bad:?}");
    assert_eq!(bad.header("x-ms-error-code"), Some("BadRequest"));

    let size = 1024 * 1024 + 1;
    let big = format!(
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{size:x}\r\n{}\r\n0\r\n\r\n",
        "a".repeat(size)
    );
    let r = emu.raw(&send_head(&emu, &big)).await;
    assert_eq!(r.status, 413, "oversize chunked body: {}", r.status);
    assert_eq!(r.json()["code"], "RequestEntityTooLarge");

    emu.rest(
        "POST",
        &v(&format!("/api/hubs/{HUB}/:send")),
        Some("application/octet-stream"),
        vec![0u8; size],
    )
    .await
    .expect_error(413);
}
