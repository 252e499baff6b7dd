//! `webpubsub`: a command-line tool for Azure Web PubSub and a local emulator of the service.
//!
//! Modules, one per concern, each importing only those below it:
//!
//! * [`cli`]: the grammar (clap); `commands`: what each command does with it;
//! * `client`: `client start`'s session, REPL and pipe (no clap);
//! * [`service`]: the REST client; [`azure`]: Entra ID sign-in and Azure Resource Manager;
//!   [`emulator`]: the local service;
//! * [`wire`]: what both sides share: typed names, the REST operation table, frames;
//! * [`connstr`] (connection strings), [`token`] (JWTs), `odata` (filters), `output`
//!   (formats, sanitising, redaction), [`error`] (exit codes, decided in one place).
//!
//! Modules are public only where the binary, the benches or the tests use them.

pub mod azure;
pub mod cli;
pub(crate) mod client;
pub(crate) mod clock;
pub(crate) mod commands;
pub mod connstr;
pub mod emulator;
pub mod error;
pub(crate) mod odata;
pub(crate) mod output;
pub mod service;
pub mod token;
pub mod wire;

use clap::CommandFactory;

use cli::{Cli, ClientCommand, ColorChoice, Command, EmulatorCommand, TokenCommand};
use error::Exit;

/// Runs a parsed command line; returns the exit code to use on success.
pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    set_color(cli.color);
    if let Some(query) = &cli.query {
        output::set_query(query).map_err(error::Error::usage)?;
    }
    match cli.command {
        Command::Completions { shell } => {
            // Into memory first: clap_complete panics on a failed write, and `… | head -1`
            // closes the pipe early (a broken pipe is success, see `error::exit_code`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "webpubsub", &mut script);
            std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
            Ok(Exit::Ok)
        }
        Command::Service(args) => runtime()?.block_on(commands::service::run(args)),
        Command::Key(command) => runtime()?.block_on(commands::control::key(command)),
        Command::Hub(command) => {
            runtime()?.block_on(commands::control::hub(command, cli.query.is_some()))
        }
        Command::Client(ClientCommand::Start(args)) => commands::client::start(args),
        Command::Client(ClientCommand::Token {
            credentials,
            token,
            print_url,
            client_type,
            output,
        }) => commands::token::client_token(
            &credentials,
            &token,
            client_type.unwrap_or_default(),
            print_url,
            output,
        ),
        Command::Token(TokenCommand::Decode {
            token,
            access_key,
            connection_string,
            output,
        }) => commands::token::decode(
            &token,
            access_key.as_deref(),
            connection_string.as_deref(),
            output,
        ),
        Command::Emulator(EmulatorCommand::Start(args)) if args.detach => {
            commands::emulator::detach(args.log_file.as_deref())
        }
        Command::Emulator(EmulatorCommand::Start(args)) => {
            runtime()?.block_on(commands::emulator::start(*args))
        }
        Command::Emulator(EmulatorCommand::Stop { port }) => commands::emulator::stop(port),
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

/// Decides colour once: `--color`, then `NO_COLOR`, then whether stdout is a terminal.
fn set_color(choice: ColorChoice) {
    use std::io::IsTerminal;
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
                && std::io::stdout().is_terminal()
        }
    };
    colored::control::set_override(on);
}
