//! Typed errors and the one table that maps them to exit codes (documented in `--help`).

use std::fmt;

/// Exit codes, as documented in `webpubsub --help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Ok = 0,
    No = 1,
    Usage = 2,
    Auth = 3,
    Rejected = 4,
    ServerError = 5,
    Unreachable = 6,
    Timeout = 7,
    CommandFailed = 8,
    Internal = 10,
}

impl From<Exit> for u8 {
    fn from(e: Exit) -> u8 {
        e as u8
    }
}

/// An error that knows its exit code and, where one helps, a hint on how to fix it.
#[derive(Debug)]
pub struct Error {
    pub exit: Exit,
    pub message: String,
    pub hint: Option<String>,
}

impl Error {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Error {
            exit,
            message: message.into(),
            hint: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The exit code for an HTTP status the service answered with (REST calls and WebSocket
/// handshakes alike).
pub fn exit_for_status(status: u16) -> Exit {
    match status {
        401 | 403 => Exit::Auth,
        400..=499 => Exit::Rejected,
        _ => Exit::ServerError,
    }
}

/// The exit code for any error: typed errors carry theirs; everything else is internal.
pub fn exit_code(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<Error>() {
            return e.exit;
        }
        if let Some(e) = cause.downcast_ref::<std::io::Error>() {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Exit::Ok;
            }
        }
    }
    Exit::Internal
}

/// Prints `webpubsub: error: …` (and a hint line) on stderr; returns the exit code.
pub fn report(err: &anyhow::Error) -> Exit {
    let exit = exit_code(err);
    if exit == Exit::Ok {
        // A closed pipe (`… | head -1`) is not a failure.
        return exit;
    }
    eprintln!("webpubsub: error: {err:#}");
    if let Some(hint) = err
        .chain()
        .find_map(|c| c.downcast_ref::<Error>())
        .and_then(|e| e.hint.as_deref())
    {
        eprintln!("hint: {hint}");
    }
    exit
}
