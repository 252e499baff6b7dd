//! `client token` (mint a client access token locally) and `token decode`.

use std::io::{Read, Write};
use std::str::FromStr;

use serde_json::{json, Value};

use super::{resolve_connection, resolve_hub};
use crate::cli::{ClientTokenArgs, Credentials};
use crate::connstr::ConnectionString;
use crate::error::{Error, Exit};
use crate::output::{self, Format};
use crate::token::{self, ClientTokenOptions};

/// `webpubsub client token`: the claims the SDKs mint (§3.2), signed locally.
pub fn client_token(
    creds: &Credentials,
    args: &ClientTokenArgs,
    url: bool,
) -> anyhow::Result<Exit> {
    let conn = resolve_connection(creds)?;
    let hub = resolve_hub(creds)?;
    let opts = ClientTokenOptions {
        user_id: args.user_id.as_ref().map(ToString::to_string),
        roles: args.roles.clone(),
        groups: args.groups.iter().map(ToString::to_string).collect(),
        expires_in_secs: u64::from(args.expires_in) * 60,
    };
    let jwt = token::mint_client_token(
        conn.access_key(),
        &conn.client_audience(&hub),
        &opts,
        token::now_secs(),
    );
    let mut out = std::io::stdout().lock();
    if url {
        let mut client_url = conn.client_url(&hub);
        client_url
            .query_pairs_mut()
            .append_pair("access_token", &jwt);
        writeln!(out, "{client_url}")?;
    } else {
        writeln!(out, "{jwt}")?;
    }
    Ok(Exit::Ok)
}

/// Takes the token out of what the user pasted: a bare JWT, `Bearer …`, or a URL with
/// `access_token=…`.
fn extract_token(input: &str) -> String {
    let input = input.trim();
    if let Ok(url) = url::Url::parse(input) {
        if let Some((_, t)) = url.query_pairs().find(|(k, _)| k == "access_token") {
            return t.into_owned();
        }
    }
    token::bearer(input).unwrap_or(input).to_string()
}

/// When a Unix time is, in words relative to now: "in 59 minutes", "3 days ago".
pub fn relative_time(at: u64, now: u64) -> String {
    let (delta, future) = if at >= now {
        (at - now, true)
    } else {
        (now - at, false)
    };
    let (n, unit) = match delta {
        0 => return "now".to_string(),
        1..=59 => (delta, "second"),
        60..=3599 => (delta / 60, "minute"),
        3600..=86_399 => (delta / 3600, "hour"),
        _ => (delta / 86_400, "day"),
    };
    let words = format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if future {
        format!("in {words}")
    } else {
        format!("{words} ago")
    }
}

/// `webpubsub token decode`.
pub fn decode(
    input: &str,
    access_key: Option<&str>,
    connection_string: Option<&str>,
    format: Option<Format>,
) -> anyhow::Result<Exit> {
    let raw = if input == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Error::usage(format!("cannot read the token from stdin: {e}")))?;
        s
    } else {
        input.to_string()
    };
    let jwt = extract_token(&raw);
    let (header, claims) = token::decode_unverified(&jwt).map_err(|e| {
        Error::usage(format!("not a JWT: {e}"))
            .with_hint("pass the token itself, a client URL, or - for stdin")
    })?;
    // The signature is checked only against a key the user gave: guessing one (the emulator's)
    // would call a production token "INVALID" for no reason.
    let key = match (access_key, connection_string) {
        (Some(k), _) => Some(k.to_string()),
        (None, Some(cs)) => Some(
            ConnectionString::from_str(cs)
                .map_err(|e| Error::usage(e.to_string()))?
                .access_key()
                .to_string(),
        ),
        (None, None) => None,
    };
    let now = token::now_secs();
    let signature_ok = key.as_deref().map(|key| {
        !matches!(
            token::verify(&jwt, key, now, u64::MAX / 4),
            Err(token::TokenError::BadSignature
                | token::TokenError::UnsupportedAlgorithm(_)
                | token::TokenError::Malformed(_))
        )
    });
    let expired = claims.exp().is_some_and(|exp| exp <= now);
    let early = claims.nbf().is_some_and(|nbf| nbf > now);
    let verdict = match (&key, signature_ok) {
        (Some(key), _) => match token::verify(&jwt, key, now, 0) {
            Ok(_) => "valid".to_string(),
            Err(e) => e.to_string(),
        },
        (None, _) if expired => "expired; signature not checked (no key given)".to_string(),
        (None, _) if early => "not valid yet; signature not checked (no key given)".to_string(),
        (None, _) => {
            "not expired; signature not checked (pass --access-key or --connection-string)"
                .to_string()
        }
    };
    let expires = claims.exp().map(|exp| relative_time(exp, now));
    let value = json!({
        "header": header,
        "claims": Value::Object(claims.0.clone()),
        "expires": expires,
        "signatureValid": signature_ok,
        "status": verdict,
    });
    let mut out = std::io::stdout().lock();
    match format {
        Some(f) => output::print_object(
            &mut out,
            f,
            &["expires", "signatureValid", "status"],
            &value,
        )?,
        None => {
            writeln!(out, "header: {}", serde_json::to_string(&header)?)?;
            writeln!(out, "claims:")?;
            for (k, v) in &claims.0 {
                let shown = match (k.as_str(), v.as_u64()) {
                    ("exp" | "iat" | "nbf", Some(t)) => format!("{t} ({})", relative_time(t, now)),
                    _ => output::sanitize_line(&v.to_string()),
                };
                writeln!(out, "  {}: {shown}", output::sanitize_line(k))?;
            }
            if let Some(e) = &expires {
                writeln!(out, "expires: {e}")?;
            }
            let signature = match signature_ok {
                Some(true) => "valid for the given key",
                Some(false) => "INVALID for the given key",
                None => "not checked (no key given: --access-key, --connection-string)",
            };
            writeln!(out, "signature: {signature}")?;
            writeln!(out, "status: {}", output::sanitize_line(&verdict))?;
        }
    }
    // 3 (auth) for a token the service would refuse: a bad signature, expired, not yet valid.
    Ok(if signature_ok == Some(false) || expired || early {
        Exit::Auth
    } else {
        Exit::Ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times() {
        assert_eq!(relative_time(100 + 3600, 100), "in 1 hour");
        assert_eq!(relative_time(100 + 3599, 100), "in 59 minutes");
        assert_eq!(relative_time(100, 100), "now");
        assert_eq!(relative_time(100, 100 + 2 * 86_400), "2 days ago");
        assert_eq!(relative_time(130, 100), "in 30 seconds");
    }

    #[test]
    fn tokens_from_urls_and_headers() {
        assert_eq!(
            extract_token("ws://h/client/hubs/x?access_token=a.b.c"),
            "a.b.c"
        );
        assert_eq!(extract_token("Bearer a.b.c\n"), "a.b.c");
        assert_eq!(extract_token(" a.b.c "), "a.b.c");
    }
}
