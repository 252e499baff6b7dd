//! The terminal front end: rustyline on its own thread, the session on the runtime, and every
//! line the session produces printed through rustyline's external printer (from a printer
//! thread), so messages arriving while a line is half typed appear above it and leave it intact.
//!
//! ```text
//! "repl" thread:    readline → parse → commands channel ─┐
//! runtime:          Session::run ← commands; events → render → lines channel ─┐
//! "printer" thread: lines → ExternalPrinter::print (blocks while the editor redraws)
//! ```

use std::path::PathBuf;
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use colored::Colorize;
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::Validator;
use rustyline::{ColorMode, CompletionType, Config, Context, Editor, ExternalPrinter as _, Helper};
use tokio::sync::mpsc;

use super::command::{self, Command};
use super::render::{self, Event};
use super::session::{Groups, Options, SharedGroups, Sink};
use super::{socketcluster, Connection, Protocol, Target};
use crate::error::{Error, Exit};
use crate::output::sanitize_line;

/// Renders events as text and hands them to the printer thread.
struct Printer {
    lines: std_mpsc::Sender<String>,
}

impl Sink for Printer {
    fn event(&mut self, ev: &Event) -> std::io::Result<()> {
        // The printer thread is gone only once the process is ending.
        let _ = self.lines.send(render::human(ev));
        Ok(())
    }

    fn note(&mut self, text: &str) {
        let _ = self.lines.send(format!("{}", text.yellow()));
    }

    fn queued(&mut self, command: &str) {
        let text = format!(
            "{} waits for the connection to come back",
            sanitize_line(command)
        );
        let _ = self.lines.send(text.dimmed().to_string());
    }
}

pub(crate) fn run(
    rt: &tokio::runtime::Runtime,
    target: &Target,
    conn: Connection,
    opts: Options,
) -> anyhow::Result<Exit> {
    let groups: SharedGroups = Arc::new(Mutex::new(Groups::default()));
    let (cmd_tx, cmd_rx) = mpsc::channel::<Command>(16);
    let (line_tx, line_rx) = std_mpsc::channel::<String>();
    let (ready_tx, ready_rx) = std_mpsc::channel::<Result<(), String>>();
    let terminal = TerminalState::save();

    let repl = Repl {
        prompt: prompt(target),
        protocol: target.protocol,
        groups: Arc::clone(&groups),
        history: history_path(),
        notes: line_tx.clone(),
    };
    let repl_thread = std::thread::Builder::new()
        .name("repl".into())
        .spawn(move || repl.run(cmd_tx, line_rx, ready_tx))?;
    match ready_rx.recv() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            return Err(Error::new(
                Exit::Internal,
                format!("cannot start the interactive prompt: {e}"),
            )
            .with_hint("pipe the commands instead: echo 'joingroup g1' | webpubsub client start …")
            .into())
        }
        Err(_) => {
            return Err(Error::new(Exit::Internal, "the interactive prompt failed to start").into())
        }
    }

    let mut sink = Printer { lines: line_tx };
    let result = rt.block_on(conn.run(target, opts, &mut sink, groups, cmd_rx));
    drop(sink);
    match result {
        // The user left (exit, Ctrl-D) and the acks are in: the prompt thread has finished.
        Ok(_) => {
            let _ = repl_thread.join();
            Ok(Exit::Ok)
        }
        // The session cannot go on while the prompt is still reading: rustyline cannot be
        // interrupted from outside, so give the terminal back ourselves and let the process end.
        Err(e) => {
            // Let the printer thread hand over what is queued and the editor draw it.
            std::thread::sleep(Duration::from_millis(200));
            terminal.restore();
            Err(e)
        }
    }
}

struct Repl {
    prompt: (String, String),
    protocol: Protocol,
    groups: SharedGroups,
    history: Option<PathBuf>,
    notes: std_mpsc::Sender<String>,
}

impl Repl {
    fn run(
        self,
        commands: mpsc::Sender<Command>,
        lines: std_mpsc::Receiver<String>,
        ready: std_mpsc::Sender<Result<(), String>>,
    ) {
        let mut editor = match self.editor() {
            Ok(e) => e,
            Err(e) => {
                let _ = ready.send(Err(e.to_string()));
                return;
            }
        };
        // The printer must come from the editor's own thread; it then lives on a thread of its
        // own, because `print` blocks while the editor is busy redrawing.
        let mut printer = match editor.create_external_printer() {
            Ok(p) => p,
            Err(e) => {
                let _ = ready.send(Err(e.to_string()));
                return;
            }
        };
        let spawned = std::thread::Builder::new()
            .name("printer".into())
            .spawn(move || {
                for line in lines {
                    if printer.print(line + "\n").is_err() {
                        break;
                    }
                }
            });
        let printer_thread = match spawned {
            Ok(t) => t,
            Err(e) => {
                let _ = ready.send(Err(e.to_string()));
                return;
            }
        };
        let _ = ready.send(Ok(()));

        let mut interrupted = false;
        loop {
            match editor.readline(&self.prompt) {
                Ok(text) => {
                    interrupted = false;
                    // A bracketed paste of several lines arrives as one text: each line of it is
                    // a command of its own, run in order.
                    let mut go_on = true;
                    for line in text.split('\n') {
                        if !line.trim().is_empty() {
                            let _ = editor.add_history_entry(line);
                            self.save_history(&mut editor);
                        }
                        if !self.run_line(line, &commands) {
                            go_on = false;
                            break;
                        }
                    }
                    if !go_on {
                        break;
                    }
                }
                Err(ReadlineError::Interrupted) => {
                    if interrupted {
                        break;
                    }
                    interrupted = true;
                    self.note(
                        "(press Ctrl-C again, Ctrl-D or type exit to leave)"
                            .dimmed()
                            .to_string(),
                    );
                }
                Err(ReadlineError::Eof) => break,
                Err(e) => {
                    self.note(format!("{} {e}", "error:".red().bold()));
                    break;
                }
            }
        }
        // Dropping `commands` tells the session the input has ended; the printer thread then
        // prints what the session still reports (the last acks) and ends with it.
        drop(commands);
        drop(self);
        let _ = printer_thread.join();
    }

    /// Runs one line; false when the REPL must end (`exit`, or the session is gone).
    fn run_line(&self, line: &str, commands: &mpsc::Sender<Command>) -> bool {
        match command::parse(line, self.protocol) {
            Ok(None) => true,
            Ok(Some(Command::Help)) => {
                self.help();
                true
            }
            Ok(Some(Command::Exit)) => false,
            Ok(Some(cmd)) => commands.blocking_send(cmd).is_ok(),
            Err(e) => {
                self.note(format!("{} {e}", "error:".red().bold()));
                true
            }
        }
    }

    fn editor(&self) -> rustyline::Result<Editor<ReplHelper, FileHistory>> {
        let color = if colored::control::SHOULD_COLORIZE.should_colorize() {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        };
        let config = Config::builder()
            .history_ignore_space(true)
            .history_ignore_dups(true)?
            .max_history_size(1000)?
            .completion_type(CompletionType::List)
            .color_mode(color)
            .build();
        let mut editor = Editor::with_config(config)?;
        editor.set_helper(Some(ReplHelper {
            groups: Arc::clone(&self.groups),
            raw: self.protocol == Protocol::Raw,
            socketcluster: self.protocol == Protocol::SocketCluster,
        }));
        if let Some(path) = &self.history {
            // A missing history file is the normal first run.
            if path.exists() {
                if let Err(e) = editor.load_history(path) {
                    self.note(
                        format!("could not read the history {}: {e}", path.display())
                            .yellow()
                            .to_string(),
                    );
                }
            }
        }
        Ok(editor)
    }

    /// Appends the new entry at once, so the history survives however the session ends.
    fn save_history(&self, editor: &mut Editor<ReplHelper, FileHistory>) {
        let Some(path) = &self.history else { return };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.append_history(path);
    }

    fn help(&self) {
        let text = if self.protocol == Protocol::Raw {
            command::RAW_HELP.to_string()
        } else if self.protocol == Protocol::SocketCluster {
            format!(
                "{}\nTab completes commands and channels.",
                socketcluster::command::HELP
            )
        } else {
            let history = match &self.history {
                Some(p) => format!(
                    "\nTab completes commands and groups. History: {}",
                    p.display()
                ),
                None => "\nTab completes commands and groups.".to_string(),
            };
            format!("{}{history}", command::HELP)
        };
        self.note(text);
    }

    fn note(&self, text: String) {
        let _ = self.notes.send(text);
    }
}

/// `alice@chat> `, the user and hub coloured when colours are on.
fn prompt(target: &Target) -> (String, String) {
    let hub = target
        .hub
        .as_deref()
        .map(sanitize_line)
        .unwrap_or_else(|| match target.protocol {
            Protocol::SocketCluster => "socketcluster".to_string(),
            _ => "webpubsub".to_string(),
        });
    match target.user.as_deref().map(sanitize_line) {
        Some(user) => (
            format!("{user}@{hub}> "),
            format!("{}@{}> ", user.cyan(), hub.green()),
        ),
        None => (format!("{hub}> "), format!("{}> ", hub.green())),
    }
}

/// `$XDG_DATA_HOME/webpubsub/client-history` (or the platform's data directory).
fn history_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("webpubsub").join("client-history"))
}

/// Tab completion: command names, then group names (joined ones for leavegroup and
/// sendtogroup, others heard of for joingroup), then flags.
struct ReplHelper {
    groups: SharedGroups,
    raw: bool,
    /// SocketCluster: its commands, and channels where the others have groups.
    socketcluster: bool,
}

impl ReplHelper {
    fn group_candidates(&self, joined: bool, prefix: &str) -> Vec<String> {
        let g = super::session::groups(&self.groups);
        let names: Vec<&String> = if joined {
            g.joined.iter().collect()
        } else {
            g.known.iter().filter(|n| !g.joined.contains(*n)).collect()
        };
        names
            .into_iter()
            .filter(|n| n.starts_with(prefix))
            .map(|n| {
                if n.contains(char::is_whitespace) {
                    format!("\"{n}\" ")
                } else {
                    format!("{n} ")
                }
            })
            .collect()
    }
}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = &before[start..];
        let done: Vec<&str> = before[..start].split_whitespace().collect();
        let Some(first) = done.first() else {
            let names: &[&str] = if self.raw {
                &["help", "exit", "quit"]
            } else if self.socketcluster {
                socketcluster::command::NAMES
            } else {
                command::NAMES
            };
            let lower = word.to_ascii_lowercase();
            let found = names
                .iter()
                .filter(|n| n.starts_with(&lower))
                .map(|n| format!("{n} "))
                .collect();
            return Ok((start, found));
        };
        if self.raw {
            return Ok((start, Vec::new()));
        }
        let cmd = first.to_ascii_lowercase();
        if self.socketcluster {
            let at_channel = done[1..].iter().all(|w| w.starts_with("--"));
            let found = match cmd.as_str() {
                "publish" if word.starts_with('-') => vec!["--json ".to_string()],
                "subscribe" if at_channel => self.group_candidates(false, word),
                "unsubscribe" | "publish" if at_channel => self.group_candidates(true, word),
                _ => Vec::new(),
            };
            return Ok((start, found));
        }
        if word.starts_with('-') && matches!(cmd.as_str(), "sendtogroup" | "event") {
            let flags = command::FLAGS
                .iter()
                .filter(|f| f.starts_with(word) && (cmd == "sendtogroup" || **f != "--no-echo"))
                .map(|f| format!("{f} "))
                .collect();
            return Ok((start, flags));
        }
        // The group is the first word after the command that is not a flag.
        let at_group = done[1..].iter().all(|w| w.starts_with("--"));
        let found = match cmd.as_str() {
            "joingroup" if at_group => self.group_candidates(false, word),
            "leavegroup" | "sendtogroup" if at_group => self.group_candidates(true, word),
            _ => Vec::new(),
        };
        Ok((start, found))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}
impl Highlighter for ReplHelper {}
impl Validator for ReplHelper {}
impl Helper for ReplHelper {}

/// The terminal's settings before rustyline switched it to raw mode.
struct TerminalState {
    #[cfg(unix)]
    saved: Option<nix::sys::termios::Termios>,
}

impl TerminalState {
    fn save() -> Self {
        TerminalState {
            #[cfg(unix)]
            saved: nix::sys::termios::tcgetattr(std::io::stdin()).ok(),
        }
    }

    /// Puts the terminal back as it was (and bracketed paste off), leaving the half-typed line.
    fn restore(&self) {
        use std::io::Write;
        #[cfg(unix)]
        if let Some(t) = &self.saved {
            let _ = nix::sys::termios::tcsetattr(
                std::io::stdin(),
                nix::sys::termios::SetArg::TCSANOW,
                t,
            );
        }
        let mut out = std::io::stdout();
        let _ = out.write_all(b"\x1b[?2004l\r\n");
        let _ = out.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustyline::history::DefaultHistory;

    fn complete(helper: &ReplHelper, line: &str) -> Vec<String> {
        let history = DefaultHistory::new();
        let ctx = Context::new(&history);
        helper.complete(line, line.len(), &ctx).unwrap().1
    }

    #[test]
    fn completes_commands_groups_and_flags() {
        let groups: SharedGroups = Arc::new(Mutex::new(Groups::default()));
        {
            let mut g = groups.lock().unwrap();
            g.joined.insert("g1".into());
            g.joined.insert("my room".into());
            g.known
                .extend(["g1".to_string(), "g2".to_string(), "my room".to_string()]);
        }
        let h = ReplHelper {
            groups,
            raw: false,
            socketcluster: false,
        };
        assert_eq!(complete(&h, "join"), vec!["joingroup "]);
        assert_eq!(complete(&h, "E"), vec!["event ", "exit "]);
        assert_eq!(complete(&h, "sendtogroup "), vec!["g1 ", "\"my room\" "]);
        assert_eq!(complete(&h, "sendtogroup --json g"), vec!["g1 "]);
        assert_eq!(complete(&h, "leavegroup m"), vec!["\"my room\" "]);
        assert_eq!(complete(&h, "joingroup "), vec!["g2 "]);
        assert_eq!(complete(&h, "sendtogroup g1 --n"), vec!["--no-echo "]);
        assert!(complete(&h, "event e --n").is_empty());
        assert!(complete(&h, "sendtogroup g1 hel").is_empty());
    }
}
