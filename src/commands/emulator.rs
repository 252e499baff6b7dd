//! `webpubsub emulator start` (the command line checked and turned into emulator options; or,
//! with `--detach`, started in the background) and `emulator stop`.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::str::FromStr;
use std::time::Duration;

use crate::cli::EmulatorStart;
use crate::emulator::entra::IdentitySpec;
use crate::emulator::{self, upstream::HandlerConfig};
use crate::error::{Error, Exit};

/// Runs the emulator until Ctrl-C or SIGTERM.
pub async fn start(args: EmulatorStart) -> anyhow::Result<Exit> {
    let event_handlers = args
        .event_handlers
        .iter()
        .map(|spec| {
            HandlerConfig::from_str(spec).map_err(|e| {
                Error::usage(format!(
                    "invalid --event-handler '{}': {e}",
                    crate::output::sanitize_line(spec)
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let resource =
        emulator::arm::ResourceId::new(&args.subscription, &args.resource_group, &args.name)
            .map_err(Error::usage)?;
    let mut entra_identities: Vec<IdentitySpec> = Vec::new();
    for spec in &args.entra_identities {
        let parsed = IdentitySpec::from_str(spec).map_err(|e| {
            Error::usage(format!(
                "invalid --entra-identity '{}': {e}",
                crate::output::sanitize_line(spec)
            ))
        })?;
        if entra_identities
            .iter()
            .any(|i| i.client_id.eq_ignore_ascii_case(&parsed.client_id))
        {
            return Err(Error::usage(format!(
                "--entra-identity names '{}' twice; list its roles once, comma-separated",
                parsed.client_id
            ))
            .into());
        }
        entra_identities.push(parsed);
    }
    let opts = emulator::Options {
        host: args.host,
        port: args.port,
        access_key: args.access_key,
        limits: emulator::Limits {
            recovery_window: Duration::from_secs(args.recovery_window),
            ..Default::default()
        },
        event_handlers,
        trace: args.trace,
        allowed_hosts: args.allowed_hosts,
        allowed_origins: args.allowed_origins,
        timeouts: emulator::Timeouts {
            header: Duration::from_secs(args.header_timeout),
            idle: Duration::from_secs(args.idle_timeout),
            body: Duration::from_secs(args.body_timeout),
        },
        resource,
        secondary_key: args.secondary_key,
        disable_local_auth: args.disable_local_auth,
        identity_header: args.identity_header,
        entra_identities,
    };
    emulator::run(opts).await?;
    Ok(Exit::Ok)
}

/// `emulator start --detach`: the same command without `--detach`, started in its own process
/// group (so the terminal's Ctrl-C does not reach it) with its log in a file; this process
/// prints its connection string once it is ready, records its pid for `emulator stop`, and
/// returns.
pub fn detach(log_file: Option<&Path>) -> anyhow::Result<Exit> {
    let dir = state_dir()?;
    let log_path = match log_file {
        Some(p) => p.to_path_buf(),
        None => dir.join(format!("emulator-{}.log", std::process::id())),
    };
    let log = std::fs::File::create(&log_path).map_err(|e| {
        Error::new(
            Exit::Internal,
            format!("cannot create the log file {}: {e}", log_path.display()),
        )
        .with_hint("pass --log-file FILE somewhere writable")
    })?;
    // The same command line, without the options that only the detaching process reads.
    let mut args: Vec<OsString> = Vec::new();
    let mut skip_value = false;
    for arg in std::env::args_os().skip(1) {
        if std::mem::take(&mut skip_value) {
            continue;
        }
        match arg.to_str() {
            Some("--detach") => {}
            Some("--log-file") => skip_value = true,
            Some(a) if a.starts_with("--log-file=") => {}
            _ => args.push(arg),
        }
    }
    let mut command = std::process::Command::new(std::env::current_exe()?);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn()?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| Error::new(Exit::Internal, "the emulator's stdout is missing"))?;
    // The first line is the connection string, written once the emulator listens.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = BufReader::new(stdout).read_line(&mut line).map(|_| line);
        let _ = tx.send(read);
    });
    let line = match rx.recv_timeout(READY_WITHIN) {
        Ok(Ok(line)) if !line.trim().is_empty() => line.trim().to_string(),
        other => {
            let _ = child.kill();
            let status = child.wait().ok().and_then(|s| s.code());
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            // The emulator's own error, as it would have printed it in the foreground.
            eprint!("{log}");
            let why = match other {
                Err(_) => format!("it was not ready within {} s", READY_WITHIN.as_secs()),
                _ => "it exited at start".to_string(),
            };
            let exit = status
                .and_then(|c| u8::try_from(c).ok())
                .map_or(Exit::Internal, exit_of);
            return Err(Error::new(exit, format!("the emulator did not start: {why}")).into());
        }
    };
    let port = port_of(&line);
    let mut log_path = log_path;
    if let Some(port) = port {
        let _ = std::fs::write(
            dir.join(format!("emulator-{port}.pid")),
            child.id().to_string(),
        );
        if log_file.is_none() {
            // Named for its port, like the pid file, so `emulator stop` can clean both up.
            let named = dir.join(format!("emulator-{port}.log"));
            if std::fs::rename(&log_path, &named).is_ok() {
                log_path = named;
            }
        }
    }
    println!("{line}");
    eprintln!(
        "webpubsub: the emulator runs in the background (pid {}, log {}); stop it with: webpubsub emulator stop{}",
        child.id(),
        log_path.display(),
        port.map(|p| format!(" --port {p}")).unwrap_or_default()
    );
    Ok(Exit::Ok)
}

/// How long a detached emulator may take to be ready.
const READY_WITHIN: Duration = Duration::from_secs(30);

/// The exit code a failed emulator start reported, kept as it was.
fn exit_of(code: u8) -> Exit {
    [
        Exit::Usage,
        Exit::Auth,
        Exit::Rejected,
        Exit::ServerError,
        Exit::Unreachable,
        Exit::Timeout,
        Exit::CommandFailed,
    ]
    .into_iter()
    .find(|e| u8::from(*e) == code)
    .unwrap_or(Exit::Internal)
}

/// The port in `Endpoint=http://localhost:PORT;…`.
fn port_of(connection_string: &str) -> Option<u16> {
    crate::connstr::ConnectionString::from_str(connection_string)
        .ok()?
        .endpoint()
        .port_or_known_default()
}

/// Where detached emulators' pid files and logs live: the user's runtime directory (or data
/// directory), never a shared temporary one.
fn state_dir() -> anyhow::Result<PathBuf> {
    let base = dirs::runtime_dir()
        .or_else(dirs::data_local_dir)
        .ok_or_else(|| Error::new(Exit::Internal, "no runtime or data directory for this user"))?;
    let dir = base.join("webpubsub").join("emulators");
    std::fs::create_dir_all(&dir).map_err(|e| {
        Error::new(
            Exit::Internal,
            format!("cannot create {}: {e}", dir.display()),
        )
    })?;
    Ok(dir)
}

/// `emulator stop`: SIGTERM to each detached emulator (or the one on `port`), then waits for it
/// to exit.
pub fn stop(port: Option<u16>) -> anyhow::Result<Exit> {
    let dir = state_dir()?;
    let mut files: Vec<(u16, PathBuf)> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let p: u16 = name
                .strip_prefix("emulator-")?
                .strip_suffix(".pid")?
                .parse()
                .ok()?;
            Some((p, e.path()))
        })
        .filter(|(p, _)| port.is_none_or(|want| *p == want))
        .collect();
    files.sort();
    if files.is_empty() {
        let which = port.map(|p| format!(" on port {p}")).unwrap_or_default();
        return Err(
            Error::new(Exit::No, format!("no detached emulator{which} is running"))
                .with_hint("start one with: webpubsub emulator start --detach")
                .into(),
        );
    }
    for (port, file) in files {
        let pid = std::fs::read_to_string(&file)
            .ok()
            .and_then(|s| s.trim().parse::<u32>().ok());
        let _ = std::fs::remove_file(&file);
        let _ = std::fs::remove_file(dir.join(format!("emulator-{port}.log")));
        match pid {
            Some(pid) if terminate(pid)? => {
                eprintln!("webpubsub: stopped the emulator on port {port} (pid {pid})")
            }
            _ => eprintln!("webpubsub: the emulator on port {port} had already stopped"),
        }
    }
    Ok(Exit::Ok)
}

/// Sends SIGTERM to a detached emulator and waits up to 10 s for it to go; false when it was
/// not running (or is not a webpubsub emulator: a recycled pid is left alone).
#[cfg(unix)]
fn terminate(pid: u32) -> anyhow::Result<bool> {
    use nix::sys::signal::{kill, Signal};
    use nix::unistd::Pid;
    let Ok(raw) = i32::try_from(pid) else {
        return Ok(false);
    };
    // On Linux, check that the pid is still one of ours before signalling it.
    if let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) {
        let text = String::from_utf8_lossy(&cmdline);
        if !(text.contains("webpubsub") && text.contains("emulator")) {
            return Ok(false);
        }
    }
    let pid = Pid::from_raw(raw);
    if kill(pid, Signal::SIGTERM).is_err() {
        return Ok(false);
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while kill(pid, None).is_ok() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(true)
}

#[cfg(not(unix))]
fn terminate(_pid: u32) -> anyhow::Result<bool> {
    Err(Error::new(Exit::Internal, "emulator stop is only available on Unix").into())
}
