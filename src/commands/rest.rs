//! The REST client as the `service` commands use it: send an operation, or print it under
//! `--dry-run`. Shared by `service` and `service apply`, which otherwise know nothing of each other.

use std::io::Write;

use serde_json::Value;

use crate::error::Error;
use crate::output::Format;
use crate::service::{describe_request, request_json, Answer, Client};
use crate::wire::Op;

/// What every subcommand needs: the client and how to print.
pub(super) struct Ctx {
    pub client: Client,
    pub format: Format,
    pub dry_run: bool,
    /// `--dry-run --output json`: the request as JSON (what the interop check compares).
    pub dry_run_json: bool,
}

impl Ctx {
    /// Sends an operation, or prints it under `--dry-run` (then there is no answer).
    pub(super) async fn send(&self, op: &Op) -> Result<Option<Answer>, Error> {
        if self.dry_run {
            let req = self.client.request(op);
            let mut out = std::io::stdout().lock();
            let text = if self.dry_run_json {
                // An access-key token's claims are not secret; an Entra token is never shown.
                let claims = match self.client.token_for(&req.url) {
                    Some(token) => crate::token::decode_unverified(&token)
                        .map(|(_, c)| Value::Object(c.0))
                        .unwrap_or(Value::Null),
                    None => Value::String("<Entra token redacted>".into()),
                };
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&request_json(&req, &claims)).unwrap_or_default()
                )
            } else {
                describe_request(&req, false)
            };
            let _ = out.write_all(text.as_bytes());
            return Ok(None);
        }
        self.client.execute(op).await.map(Some)
    }
}
