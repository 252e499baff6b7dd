//! The single integration-test binary (`cargo test --test it`): one module per topic.
//!
//! The emulator modules start the real `webpubsub emulator start --port 0` binary and drive it with
//! real HTTP and WebSocket clients (see `common`).

mod common;

mod cli_azure;
mod cli_polish;
mod cli_service;
mod client;
mod completions;
mod socketcluster;

mod emulator_arm;
mod emulator_auth;
mod emulator_details;
mod emulator_entra;
mod emulator_filter;
mod emulator_hardening;
mod emulator_limits;
mod emulator_reliable;
mod emulator_rest;
mod emulator_server;
mod emulator_trace;
mod emulator_upstream;
mod emulator_ws;
mod mqtt;

mod protobuf;

/// Every `tests/it/*.rs` file must be declared as a module here, or its tests silently never run.
#[test]
fn no_forgotten_test_modules() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it");
    let main = std::fs::read_to_string(dir.join("main.rs")).expect("read tests/it/main.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("read tests/it") {
        let path = entry.expect("dir entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let module = if path.is_dir() {
            if !path.join("mod.rs").exists() {
                continue;
            }
            name.to_string()
        } else if let Some(stem) = name.strip_suffix(".rs") {
            if stem == "main" {
                continue;
            }
            stem.to_string()
        } else {
            continue;
        };
        if !main.lines().any(|l| l.trim() == format!("mod {module};")) {
            missing.push(module);
        }
    }
    assert!(
        missing.is_empty(),
        "tests/it modules not declared in main.rs: {missing:?}"
    );
}
