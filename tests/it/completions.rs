//! The committed shell completions under `completions/` must match what the binary generates.
//! `UPDATE_COMPLETIONS=1 cargo test --test it completions` rewrites them.

use std::path::Path;
use std::process::Command;

#[test]
fn committed_completions_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in [
        ("bash", "webpubsub.bash"),
        ("zsh", "_webpubsub"),
        ("fish", "webpubsub.fish"),
        ("powershell", "_webpubsub.ps1"),
        ("elvish", "webpubsub.elv"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_webpubsub"))
            .args(["completions", shell])
            .output()
            .expect("run webpubsub completions");
        assert!(out.status.success(), "completions {shell} failed: {out:?}");
        assert!(
            !out.stdout.is_empty(),
            "completions {shell} printed nothing"
        );
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).expect("create completions/");
            std::fs::write(&path, &out.stdout).expect("write completion file");
            continue;
        }
        if std::fs::read(&path).ok().as_deref() != Some(&out.stdout[..]) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions {stale:?}: run `UPDATE_COMPLETIONS=1 cargo test --test it completions`"
    );
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_webpubsub"))
        .args(["completions", "tcsh"])
        .output()
        .expect("run webpubsub");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'tcsh'"));
}
