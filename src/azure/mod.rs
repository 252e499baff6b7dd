//! Azure: Entra ID sign-in ([`credential`], through `azure_identity`), Azure Resource Manager
//! ([`arm`]) and which resource a command means ([`resource`]). Nothing here knows clap: the
//! commands turn flags into these types.

pub mod arm;
pub mod credential;
pub mod resource;
pub mod tls;

use std::future::Future;
use std::sync::OnceLock;

pub use arm::{Arm, ArmSettings, Need};
pub use credential::{Choice, TokenProvider, DATA_PLANE_SCOPE};
pub use resource::ResourceId;

/// Runs `fut` to completion from synchronous code, wherever that code runs: on a runtime of
/// its own, kept for the life of the process, so HTTP clients and credentials made there stay
/// usable between calls (`client start` asks for a new client URL on each reconnection, from
/// inside the session's runtime, through a synchronous method).
pub fn block_on<F>(fut: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    let rt = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("webpubsub-azure")
            .enable_all()
            .build()
            .expect("cannot start the Azure runtime")
    });
    let (tx, rx) = std::sync::mpsc::channel();
    rt.spawn(async move {
        let _ = tx.send(fut.await);
    });
    let wait = move || rx.recv().expect("the Azure runtime dropped a task");
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(wait)
        }
        _ => wait(),
    }
}
