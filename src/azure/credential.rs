//! Entra ID sign-in through `azure_identity`: which credentials are tried, in which order,
//! and a cache that keeps each scope's token for its lifetime. Tokens never leave this module
//! except as the `Authorization` header value the caller sends.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use azure_core::credentials::{Secret, TokenCredential};
use azure_core::time::OffsetDateTime;
use azure_identity::{
    ClientSecretCredential, DeveloperToolsCredential, ManagedIdentityCredential,
    ManagedIdentityCredentialOptions, UserAssignedId, WorkloadIdentityCredential,
};

use crate::connstr::EntraAuth;
use crate::error::{Error, Exit};

/// The data plane's scope (every Web PubSub resource, every cloud's public endpoint).
pub const DATA_PLANE_SCOPE: &str = "https://webpubsub.azure.com/.default";

/// A token is renewed when less than this is left of its life.
const RENEW_BEFORE: Duration = Duration::from_secs(120);

/// One credential of the chain and the name users know it by.
struct Source {
    name: &'static str,
    credential: Arc<dyn TokenCredential>,
}

/// Which credentials to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Environment service principal, workload identity and managed identity when their
    /// environment variables are set, then Azure CLI and Azure Developer CLI.
    Default,
    /// From a connection string's `AuthType`.
    Connection(EntraAuth),
}

/// Gets Entra ID tokens: the first credential of the chain that gives one is used from then
/// on; tokens are cached per scope until shortly before they expire.
pub struct TokenProvider {
    sources: Vec<Source>,
    /// Credentials that could not even be set up, for the "not signed in" message.
    skipped: Vec<String>,
    chosen: Mutex<Option<usize>>,
    cache: Mutex<HashMap<String, (Secret, OffsetDateTime)>>,
    timeout: Duration,
}

impl std::fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.sources.iter().map(|s| s.name).collect();
        f.debug_struct("TokenProvider")
            .field("sources", &names)
            .finish_non_exhaustive()
    }
}

/// Is an environment variable set to something?
fn env_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl TokenProvider {
    /// The credentials `choice` names. Getting a token may take up to `timeout`.
    pub fn new(choice: &Choice, timeout: Duration) -> Result<Self, Error> {
        super::tls::ensure();
        let mut sources = Vec::new();
        let mut skipped = Vec::new();
        let mut add =
            |name: &'static str, made: azure_core::Result<Arc<dyn TokenCredential>>| match made {
                Ok(credential) => sources.push(Source { name, credential }),
                Err(e) => skipped.push(format!("{name} ({})", one_line(&e.to_string()))),
            };
        match choice {
            Choice::Connection(EntraAuth::ManagedIdentity { client_id }) => {
                add("managed identity", managed_identity(client_id.clone()));
            }
            Choice::Connection(EntraAuth::ServicePrincipal {
                tenant_id,
                client_id,
                client_secret,
            }) => add(
                "service principal",
                ClientSecretCredential::new(
                    tenant_id,
                    client_id.clone(),
                    Secret::new(client_secret.clone()),
                    None,
                )
                .map(|c| c as Arc<dyn TokenCredential>),
            ),
            Choice::Default | Choice::Connection(EntraAuth::Default) => {
                if env_set("AZURE_CLIENT_SECRET") {
                    match (env("AZURE_TENANT_ID"), env("AZURE_CLIENT_ID")) {
                        (Some(tenant), Some(client)) => add(
                            "environment service principal",
                            ClientSecretCredential::new(
                                &tenant,
                                client,
                                Secret::new(env("AZURE_CLIENT_SECRET").unwrap_or_default()),
                                None,
                            )
                            .map(|c| c as Arc<dyn TokenCredential>),
                        ),
                        _ => add(
                            "environment service principal",
                            Err(azure_core::Error::with_message(
                                azure_core::error::ErrorKind::Credential,
                                "AZURE_CLIENT_SECRET is set, but AZURE_TENANT_ID or AZURE_CLIENT_ID is not",
                            )),
                        ),
                    }
                }
                if env_set("AZURE_FEDERATED_TOKEN_FILE") {
                    add(
                        "workload identity",
                        WorkloadIdentityCredential::new(None)
                            .map(|c| c as Arc<dyn TokenCredential>),
                    );
                }
                if env_set("IDENTITY_ENDPOINT") || env_set("MSI_ENDPOINT") {
                    // A user-assigned identity is named by AZURE_CLIENT_ID, as the other SDKs do,
                    // unless that names the service principal or workload identity above.
                    let client_id = env("AZURE_CLIENT_ID").filter(|_| {
                        !env_set("AZURE_CLIENT_SECRET") && !env_set("AZURE_FEDERATED_TOKEN_FILE")
                    });
                    add("managed identity", managed_identity(client_id));
                }
                add(
                    "Azure CLI / Azure Developer CLI",
                    DeveloperToolsCredential::new(None).map(|c| c as Arc<dyn TokenCredential>),
                );
            }
        }
        Ok(TokenProvider {
            sources,
            skipped,
            chosen: Mutex::new(None),
            cache: Mutex::new(HashMap::new()),
            timeout,
        })
    }

    /// What the chain is, for `--debug`.
    pub fn describe(&self) -> String {
        let names: Vec<&str> = self.sources.iter().map(|s| s.name).collect();
        names.join(", then ")
    }

    /// A bearer token for `scope` (`…/.default`), from the cache while it is fresh.
    pub async fn token(&self, scope: &str) -> Result<Secret, Error> {
        let now = OffsetDateTime::now_utc();
        if let Some((token, expires)) = self.lock_cache().get(scope) {
            if *expires - RENEW_BEFORE > now {
                return Ok(token.clone());
            }
        }
        let fetched = tokio::time::timeout(self.timeout, self.fetch(scope))
            .await
            .map_err(|_| {
                Error::new(
                    Exit::Timeout,
                    format!(
                        "signing in to Entra ID took longer than --timeout ({} s)",
                        self.timeout.as_secs()
                    ),
                )
                .with_hint("raise --timeout, or check that `az account get-access-token` works")
            })??;
        self.lock_cache()
            .insert(scope.to_string(), (fetched.0.clone(), fetched.1));
        Ok(fetched.0)
    }

    fn lock_cache(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Secret, OffsetDateTime)>> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn fetch(&self, scope: &str) -> Result<(Secret, OffsetDateTime), Error> {
        let chosen = *self.chosen.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = chosen {
            let source = &self.sources[i];
            return match source.credential.get_token(&[scope], None).await {
                Ok(t) => Ok((t.token, t.expires_on)),
                Err(e) => Err(not_signed_in(&[format!(
                    "{} ({})",
                    source.name,
                    one_line(&e.to_string())
                )])),
            };
        }
        let mut tried = self.skipped.clone();
        for (i, source) in self.sources.iter().enumerate() {
            match source.credential.get_token(&[scope], None).await {
                Ok(t) => {
                    *self.chosen.lock().unwrap_or_else(|e| e.into_inner()) = Some(i);
                    return Ok((t.token, t.expires_on));
                }
                Err(e) => tried.push(format!("{} ({})", source.name, one_line(&e.to_string()))),
            }
        }
        Err(not_signed_in(&tried))
    }
}

fn managed_identity(client_id: Option<String>) -> azure_core::Result<Arc<dyn TokenCredential>> {
    let options = ManagedIdentityCredentialOptions {
        user_assigned_id: client_id.map(UserAssignedId::ClientId),
        ..Default::default()
    };
    ManagedIdentityCredential::new(Some(options)).map(|c| c as Arc<dyn TokenCredential>)
}

/// Every credential failed: say which were tried, and how to sign in.
fn not_signed_in(tried: &[String]) -> Error {
    let tried = if tried.is_empty() {
        "no credential is configured".to_string()
    } else {
        format!("tried {}", tried.join("; "))
    };
    Error::new(
        Exit::Auth,
        format!("not signed in to Azure (Entra ID): {tried}"),
    )
    .with_hint(
        "sign in with `az login` (or `azd auth login`), or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal; with an access key, use --connection-string or --auth key",
    )
}

/// azure_identity's messages span lines (a troubleshooting link on the last one): one line,
/// without the link, and without anything that looks like a token.
pub(crate) fn one_line(text: &str) -> String {
    let mut parts = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("To troubleshoot, visit") {
            continue;
        }
        parts.push(line);
    }
    let joined = crate::output::redact_jwts(&parts.join(" "));
    let mut out = crate::output::sanitize_line(&joined);
    if out.chars().count() > 300 {
        out = out.chars().take(300).collect::<String>() + "…";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_become_one_line_without_links_or_tokens() {
        let text = "AzureCliCredential authentication failed. az not found on PATH\nTo troubleshoot, visit https://aka.ms/x#azure-cli";
        assert_eq!(
            one_line(text),
            "AzureCliCredential authentication failed. az not found on PATH"
        );
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln";
        assert_eq!(one_line(&format!("bad {jwt}")), "bad <JWT redacted>");
    }

    #[test]
    fn not_signed_in_names_what_was_tried_and_how_to_sign_in() {
        let e = not_signed_in(&["Azure CLI (az not found on PATH)".into()]);
        assert_eq!(e.exit, Exit::Auth);
        assert!(e.message.contains("az not found on PATH"), "{}", e.message);
        assert!(e.hint.unwrap().contains("az login"));
        assert!(!e.message.contains('\n'));
    }
}
