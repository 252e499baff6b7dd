//! One TLS crypto provider for the process: ring, the one reqwest 0.12 and tokio-tungstenite
//! already use. azure_core's reqwest 0.13 is built without a provider of its own (its default
//! would bring aws-lc-rs) and takes the process default, so it must be installed before
//! azure_core builds its first HTTP client.

/// Installs ring as rustls's process-wide provider (once; later calls do nothing).
pub fn ensure() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Err only when a provider is installed already, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}
