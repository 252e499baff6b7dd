use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = webpubsub::cli::parse();
    let exit = match webpubsub::run(cli) {
        Ok(exit) => exit,
        Err(err) => webpubsub::error::report(&err),
    };
    ExitCode::from(u8::from(exit))
}
