//! The two Web PubSub JWTs (REST tokens and client access tokens), how the service matches a
//! REST token's `aud` to a request URL, and the upstream `ce-signature`.
//!
//! JWTs are built and checked here by hand (HS256 over the UTF-8 bytes of the access key,
//! with `hmac`/`sha2`) rather than through `jsonwebtoken`, because:
//! * minted tokens must match the SDKs' byte for byte, so the header must be
//!   `{"alg":"HS256","typ":"JWT"}` and the claims must keep SDK order (`jsonwebtoken`
//!   writes `typ` first, and `serde_json::Map` sorts keys);
//! * verification must report *why* a token failed (each `TokenError` variant) and accept
//!   what the SDKs and other JWT libraries send (no `iat`, float NumericDates, padded base64url).

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

/// Clock skew allowed on `exp` and `nbf`: Microsoft's emulator allows 5 minutes.
pub const DEFAULT_SKEW_SECS: u64 = 300;

/// Client-token lifetime when none is given: the SDKs' default of 60 minutes.
const DEFAULT_CLIENT_TTL_SECS: u64 = 3600;

/// The header every SDK sends, in the SDKs' key order.
const HEADER_JSON: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// Decoding accepts base64url with or without `=` padding (some libraries pad);
/// encoding never pads, as RFC 7515 requires.
const B64URL_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

type HmacSha256 = Hmac<Sha256>;

/// Seconds since the Unix epoch (0 if the clock is before 1970, rather than panicking).
/// The token of an `Authorization: Bearer <JWT>` value (scheme case-insensitive, as HTTP says).
pub fn bearer(authorization: &str) -> Option<&str> {
    let (scheme, token) = authorization.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// What goes into a client access token.
#[derive(Debug, Clone, Default)]
pub struct ClientTokenOptions {
    /// `sub`; `None` or an empty string leaves it out (as the SDKs do).
    pub user_id: Option<String>,
    /// `role`, e.g. `webpubsub.joinLeaveGroup`.
    pub roles: Vec<String>,
    /// `webpubsub.group`: groups joined on connect.
    pub groups: Vec<String>,
    /// Lifetime in seconds; 0 means the SDK default of 3600.
    pub expires_in_secs: u64,
}

/// Mints a client access token like the SDKs' `getClientAccessToken`.
///
/// Claims in this order: `aud`, `iat`, `exp`, `sub` (only with a user), `role` (JSON array,
/// only if non-empty), `webpubsub.group` (JSON array, only if non-empty). No `nbf` (only .NET
/// sends it) and no de-duplication of groups (Python's tests keep `["a","a","a"]`).
pub fn mint_client_token(
    access_key: &str,
    audience: &str,
    opts: &ClientTokenOptions,
    now: u64,
) -> String {
    let ttl = match opts.expires_in_secs {
        0 => DEFAULT_CLIENT_TTL_SECS,
        n => n,
    };
    let mut claims = JsonObject::new();
    claims
        .field("aud", audience.into())
        .field("iat", now.into())
        .field("exp", now.saturating_add(ttl).into());
    if let Some(user) = opts.user_id.as_deref().filter(|u| !u.is_empty()) {
        claims.field("sub", user.into());
    }
    if !opts.roles.is_empty() {
        claims.field("role", opts.roles.clone().into());
    }
    if !opts.groups.is_empty() {
        claims.field("webpubsub.group", opts.groups.clone().into());
    }
    sign(access_key, HEADER_JSON, &claims.finish())
}

/// Mints a REST token: `{"aud": <the full request URL, query included, exactly as sent>,
/// "iat": now, "exp": now + ttl}`, as the JS SDK does (Python omits `iat`; both are accepted).
pub fn mint_rest_token(access_key: &str, audience: &str, ttl_secs: u64, now: u64) -> String {
    let mut claims = JsonObject::new();
    claims
        .field("aud", audience.into())
        .field("iat", now.into())
        .field("exp", now.saturating_add(ttl_secs).into());
    sign(access_key, HEADER_JSON, &claims.finish())
}

/// Why a token was rejected. Messages are one line and never contain the token or the key.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum TokenError {
    #[error("malformed token: {0}")]
    Malformed(String),
    #[error("unsupported token algorithm {0:?}: only HS256 tokens signed with the access key are accepted")]
    UnsupportedAlgorithm(String),
    #[error("bad token signature: the token was not signed with this access key")]
    BadSignature,
    #[error("token expired at {} (exp {exp}): get a new token", crate::clock::rfc3339(*exp))]
    Expired { exp: u64 },
    #[error("token is not valid before {} (nbf {nbf}): check the clocks", crate::clock::rfc3339(*nbf))]
    NotYetValid { nbf: u64 },
    #[error("token has no exp claim: access tokens must expire")]
    MissingExp,
    #[error("token audience {actual:?} does not match {expected:?}")]
    WrongAudience { expected: String, actual: String },
}

fn malformed(reason: &str) -> TokenError {
    TokenError::Malformed(reason.to_string())
}

/// Claims of a verified (or decoded) token. The accessors are lenient because other JWT
/// libraries send a single role or group as a string and NumericDates as floats.
#[derive(Debug, Clone)]
pub struct Claims(pub Map<String, Value>);

impl Claims {
    pub fn sub(&self) -> Option<&str> {
        self.0.get("sub").and_then(Value::as_str)
    }

    /// `role`, as a string or an array of strings.
    pub fn roles(&self) -> Vec<String> {
        strings(self.0.get("role"))
    }

    /// `webpubsub.group` (what every SDK sends) followed by `group` (the docs' name), each a
    /// string or an array of strings. Not de-duplicated.
    pub fn groups(&self) -> Vec<String> {
        let mut groups = strings(self.0.get("webpubsub.group"));
        groups.extend(strings(self.0.get("group")));
        groups
    }

    pub fn exp(&self) -> Option<u64> {
        self.0.get("exp").and_then(numeric_date)
    }

    pub fn nbf(&self) -> Option<u64> {
        self.0.get("nbf").and_then(numeric_date)
    }

    pub fn iat(&self) -> Option<u64> {
        self.0.get("iat").and_then(numeric_date)
    }

    /// `aud`, as a string or an array of strings (RFC 7519 allows both).
    pub fn audiences(&self) -> Vec<String> {
        strings(self.0.get("aud"))
    }
}

/// A string claim as one item, an array claim as its string items; anything else is empty.
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// A NumericDate: a non-negative number of seconds; fractions are dropped (RFC 7519 allows them).
fn numeric_date(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| {
        value
            .as_f64()
            .filter(|f| f.is_finite() && *f >= 0.0)
            // `as` saturates, so a huge float becomes u64::MAX rather than wrapping.
            .map(|f| f as u64)
    })
}

/// Verifies an HS256 token signed with the UTF-8 bytes of `access_key`.
///
/// Checks, in order: three base64url parts, a JSON header with `alg` exactly `HS256` (so
/// `none`, `HS384`, `RS256`, … are refused before any signature work), the signature
/// (constant-time), a JSON-object payload, `exp` present and not passed (with `skew` seconds
/// of leeway), and `nbf` if present. `iat` is optional (Python's REST tokens have none).
/// Does NOT check `aud`: the caller does (the emulator, against the route it serves).
pub fn verify(token: &str, access_key: &str, now: u64, skew: u64) -> Result<Claims, TokenError> {
    let [header_b64, payload_b64, signature_b64] = split_token(token)?;
    let header = decode_object(header_b64, "header")?;
    match header.get("alg") {
        Some(Value::String(alg)) if alg == "HS256" => {}
        Some(Value::String(alg)) => {
            return Err(TokenError::UnsupportedAlgorithm(
                alg.chars().take(32).collect(),
            ))
        }
        Some(_) => return Err(malformed("the header's alg is not a string")),
        None => return Err(malformed("the header has no alg")),
    }
    let signature = B64URL_LENIENT
        .decode(signature_b64)
        .map_err(|_| malformed("the signature is not base64url"))?;
    let mut mac = hmac_for(access_key);
    mac.update(header_b64.as_bytes());
    mac.update(b".");
    mac.update(payload_b64.as_bytes());
    mac.verify_slice(&signature)
        .map_err(|_| TokenError::BadSignature)?;

    let claims = Claims(decode_object(payload_b64, "payload")?);
    let exp = match claims.0.get("exp") {
        None | Some(Value::Null) => return Err(TokenError::MissingExp),
        Some(v) => {
            numeric_date(v).ok_or_else(|| malformed("the exp claim is not a NumericDate"))?
        }
    };
    // RFC 7519: the token is expired from `exp` on; the skew extends that.
    if now >= exp.saturating_add(skew) {
        return Err(TokenError::Expired { exp });
    }
    if let Some(v) = claims.0.get("nbf").filter(|v| !v.is_null()) {
        let nbf = numeric_date(v).ok_or_else(|| malformed("the nbf claim is not a NumericDate"))?;
        if nbf > now.saturating_add(skew) {
            return Err(TokenError::NotYetValid { nbf });
        }
    }
    Ok(claims)
}

/// For `token decode`: the header and claims, checking nothing but the shape (three parts,
/// base64url JSON objects). The signature part may be anything, including empty.
pub fn decode_unverified(token: &str) -> Result<(Value, Claims), TokenError> {
    let [header_b64, payload_b64, _] = split_token(token)?;
    let header = decode_object(header_b64, "header")?;
    let claims = Claims(decode_object(payload_b64, "payload")?);
    Ok((Value::Object(header), claims))
}

fn split_token(token: &str) -> Result<[&str; 3], TokenError> {
    let token = token.trim();
    if token.is_empty() {
        return Err(malformed("the token is empty"));
    }
    let mut parts = token.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(h), Some(p), Some(s), None) => Ok([h, p, s]),
        _ => Err(TokenError::Malformed(format!(
            "expected 3 dot-separated parts (header.payload.signature), found {}",
            token.split('.').count()
        ))),
    }
}

fn decode_object(part: &str, what: &str) -> Result<Map<String, Value>, TokenError> {
    let bytes = B64URL_LENIENT
        .decode(part)
        .map_err(|_| TokenError::Malformed(format!("the {what} is not base64url")))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(TokenError::Malformed(format!(
            "the {what} is not a JSON object"
        ))),
    }
}

/// One entry of the upstream `ce-signature` header:
/// `sha256=` + lower-hex HMAC-SHA256(key = UTF-8(access_key), message = UTF-8(connection_id)).
pub fn upstream_signature(access_key: &str, connection_id: &str) -> String {
    let mut mac = hmac_for(access_key);
    mac.update(connection_id.as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Checks a `ce-signature` header (`sha256=<hex>[,sha256=<hex>…]`, one entry per service key)
/// against one access key: true when any entry matches. Like the .NET validator, the prefix
/// and hex digits are case-insensitive; the comparison is constant-time.
pub fn verify_upstream_signature(header: &str, access_key: &str, connection_id: &str) -> bool {
    header.split(',').map(str::trim).any(|entry| {
        let digest = entry
            .get(..7)
            .filter(|prefix| prefix.eq_ignore_ascii_case("sha256="))
            .and_then(|_| entry.get(7..))
            .and_then(|hex_digits| hex::decode(hex_digits).ok());
        digest.is_some_and(|digest| {
            let mut mac = hmac_for(access_key);
            mac.update(connection_id.as_bytes());
            mac.verify_slice(&digest).is_ok()
        })
    })
}

/// Redacts a token or key for logs: the first 6 characters (for a JWT that is just `eyJhbG`)
/// then `…(redacted)`. Values shorter than 24 characters are hidden entirely, since 6 of
/// them would give too much away; an empty value stays empty.
pub fn redact(secret: &str) -> String {
    const KEEP: usize = 6;
    const MIN_LEN_TO_KEEP: usize = 24;
    if secret.is_empty() {
        return String::new();
    }
    if secret.chars().count() < MIN_LEN_TO_KEEP {
        return "…(redacted)".to_string();
    }
    let prefix: String = secret.chars().take(KEEP).collect();
    format!("{prefix}…(redacted)")
}

fn hmac_for(access_key: &str) -> HmacSha256 {
    match HmacSha256::new_from_slice(access_key.as_bytes()) {
        Ok(mac) => mac,
        // HMAC takes keys of any length (RFC 2104); `Hmac::new_from_slice` never errors.
        Err(_) => unreachable!("HMAC-SHA256 accepts keys of any length"),
    }
}

/// `base64url(header).base64url(payload).base64url(HMAC-SHA256(key, signing input))`.
fn sign(access_key: &str, header_json: &str, payload_json: &str) -> String {
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header_json),
        URL_SAFE_NO_PAD.encode(payload_json)
    );
    let mut mac = hmac_for(access_key);
    mac.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

/// A compact JSON object that keeps insertion order (`serde_json::Map` would sort the keys,
/// and the SDKs' claim order is part of their byte-for-byte output). Infallible.
struct JsonObject(String);

impl JsonObject {
    fn new() -> Self {
        Self(String::from("{"))
    }

    fn field(&mut self, name: &str, value: Value) -> &mut Self {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0.push_str(&Value::from(name).to_string());
        self.0.push(':');
        self.0.push_str(&value.to_string());
        self
    }

    fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_values() {
        assert_eq!(bearer("Bearer a.b.c"), Some("a.b.c"));
        assert_eq!(bearer("bearer  a.b.c "), Some("a.b.c"));
        assert_eq!(bearer("Basic dXNlcg=="), None);
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer("a.b.c"), None);
    }

    const KEY: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
    /// protocols.md §6.2: from azure-sdk-for-net `ServiceRequestHandlerTests.cs`, expired in 2021.
    const TOKEN_2021: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZGQiLCJuYmYiOjE2MjkxODMzNzQsImV4cCI6MTYyOTE4Njk3NCwiaWF0IjoxNjI5MTgzMzc0LCJhdWQiOiJodHRwOi8vbG9jYWxob3N0OjgwODAvY2xpZW50L2h1YnMvY2hhdCJ9.tqD8ykjv5NmYw6gzLKglUAv-c-AVWu-KNZOptRKkgMM";
    /// protocols.md §6.2 [calc]: REST token valid until 2100.
    const TOKEN_REST: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwOi8vbG9jYWxob3N0OjgwODAvYXBpL2h1YnMvY2hhdC86c2VuZD9hcGktdmVyc2lvbj0yMDI0LTEyLTAxIiwiZXhwIjo0MTAyNDQ0ODAwfQ.kVwH7TzvTHMDg7Vg1rrDV_aKlFeP6FQS2KwI765uQvQ";
    /// protocols.md §6.2 [calc]: client token valid until 2100.
    const TOKEN_CLIENT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwOi8vbG9jYWxob3N0OjgwODAvY2xpZW50L2h1YnMvY2hhdCIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwLCJzdWIiOiJ1c2VyMSIsInJvbGUiOlsid2VicHVic3ViLmpvaW5MZWF2ZUdyb3VwIiwid2VicHVic3ViLnNlbmRUb0dyb3VwLmdyb3VwMSJdLCJ3ZWJwdWJzdWIuZ3JvdXAiOlsiZ3JvdXAxIl19.Nbxs96uP-oPoVTTi2WiHCqAZwzXXbxqkyfo7PBYC3lo";
    const EXP_2100: u64 = 4_102_444_800;
    const NOW: u64 = 1_700_000_000;

    fn payload_json(token: &str) -> String {
        let part = token.split('.').nth(1).unwrap();
        String::from_utf8(URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
    }

    /// Signs arbitrary header/payload JSON with `KEY`, for the bad-token matrix.
    fn forge(header: &str, payload: &str) -> String {
        sign(KEY, header, payload)
    }

    fn hs256(payload: &str) -> String {
        forge(HEADER_JSON, payload)
    }

    // ---- §6.2 vectors ----

    #[test]
    fn vector_2021_client_token_is_expired_but_correctly_signed() {
        assert_eq!(
            verify(TOKEN_2021, KEY, now_secs(), DEFAULT_SKEW_SECS).unwrap_err(),
            TokenError::Expired { exp: 1_629_186_974 }
        );
        let claims = verify(TOKEN_2021, KEY, 1_629_183_374 + 10, DEFAULT_SKEW_SECS).unwrap();
        assert_eq!(claims.sub(), Some("ddd"));
        assert_eq!(claims.nbf(), Some(1_629_183_374));
        assert_eq!(claims.iat(), Some(1_629_183_374));
        assert_eq!(
            claims.audiences(),
            ["http://localhost:8080/client/hubs/chat"]
        );
        let (header, decoded) = decode_unverified(TOKEN_2021).unwrap();
        assert_eq!(header, serde_json::json!({"alg":"HS256","typ":"JWT"}));
        assert_eq!(decoded.exp(), Some(1_629_186_974));
    }

    #[test]
    fn vector_rest_token_verifies_and_is_reproduced() {
        let claims = verify(TOKEN_REST, KEY, now_secs(), DEFAULT_SKEW_SECS).unwrap();
        assert_eq!(
            claims.audiences(),
            ["http://localhost:8080/api/hubs/chat/:send?api-version=2024-12-01"]
        );
        assert_eq!(claims.exp(), Some(EXP_2100));
        assert_eq!(claims.iat(), None);
        // Same claims (aud, exp; no iat, as Python sends) through the same signer and JSON writer.
        let mut payload = JsonObject::new();
        payload
            .field(
                "aud",
                "http://localhost:8080/api/hubs/chat/:send?api-version=2024-12-01".into(),
            )
            .field("exp", EXP_2100.into());
        assert_eq!(sign(KEY, HEADER_JSON, &payload.finish()), TOKEN_REST);
    }

    #[test]
    fn vector_client_token_verifies_and_mint_reproduces_it() {
        let claims = verify(TOKEN_CLIENT, KEY, now_secs(), DEFAULT_SKEW_SECS).unwrap();
        assert_eq!(claims.sub(), Some("user1"));
        assert_eq!(
            claims.roles(),
            ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup.group1"]
        );
        assert_eq!(claims.groups(), ["group1"]);
        let opts = ClientTokenOptions {
            user_id: Some("user1".into()),
            roles: vec![
                "webpubsub.joinLeaveGroup".into(),
                "webpubsub.sendToGroup.group1".into(),
            ],
            groups: vec!["group1".into()],
            expires_in_secs: EXP_2100 - NOW,
        };
        let minted = mint_client_token(KEY, "http://localhost:8080/client/hubs/chat", &opts, NOW);
        assert_eq!(minted, TOKEN_CLIENT);
        assert_eq!(
            payload_json(&minted),
            r#"{"aud":"http://localhost:8080/client/hubs/chat","iat":1700000000,"exp":4102444800,"sub":"user1","role":["webpubsub.joinLeaveGroup","webpubsub.sendToGroup.group1"],"webpubsub.group":["group1"]}"#
        );
    }

    #[test]
    fn mint_rest_token_claim_order_and_round_trip() {
        let aud = "http://localhost:8080/api/hubs/chat/:send?api-version=2024-12-01";
        let token = mint_rest_token(KEY, aud, 3600, NOW);
        assert_eq!(
            payload_json(&token),
            format!(r#"{{"aud":"{aud}","iat":{NOW},"exp":{}}}"#, NOW + 3600)
        );
        assert!(token.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."));
        let claims = verify(&token, KEY, NOW + 1, 0).unwrap();
        assert_eq!(claims.audiences(), vec![aud.to_string()]);
    }

    // ---- Python test_jwt.py structural assertions ----

    #[test]
    fn python_no_user_roles_groups_gives_exactly_aud_iat_exp() {
        let token = mint_client_token(
            KEY,
            "http://h/client/hubs/hub",
            &ClientTokenOptions::default(),
            NOW,
        );
        assert_eq!(
            payload_json(&token),
            format!(
                r#"{{"aud":"http://h/client/hubs/hub","iat":{NOW},"exp":{}}}"#,
                NOW + 3600
            )
        );
        let claims = decode_unverified(&token).unwrap().1;
        assert_eq!(claims.0.len(), 3);
        assert_eq!(claims.exp().unwrap() - claims.iat().unwrap(), 3600);
    }

    #[test]
    fn python_minutes_to_expire_5() {
        let opts = ClientTokenOptions {
            expires_in_secs: 5 * 60,
            ..Default::default()
        };
        let claims = decode_unverified(&mint_client_token(
            KEY,
            "http://h/client/hubs/hub",
            &opts,
            NOW,
        ))
        .unwrap()
        .1;
        let lifetime = claims.exp().unwrap() - claims.iat().unwrap();
        assert!((295..=305).contains(&lifetime), "{lifetime}");
    }

    #[test]
    fn python_empty_roles_means_no_role_claim_and_empty_user_no_sub() {
        let opts = ClientTokenOptions {
            user_id: Some(String::new()),
            roles: vec![],
            ..Default::default()
        };
        let claims = decode_unverified(&mint_client_token(KEY, "a", &opts, NOW))
            .unwrap()
            .1;
        assert!(!claims.0.contains_key("role"));
        assert!(!claims.0.contains_key("sub"));
    }

    #[test]
    fn python_groups_not_deduplicated_and_single_role_is_array() {
        let opts = ClientTokenOptions {
            roles: vec!["webpubsub.sendToGroup.g1".into()],
            groups: vec!["a".into(), "a".into(), "a".into()],
            ..Default::default()
        };
        let token = mint_client_token(KEY, "a", &opts, NOW);
        let claims = decode_unverified(&token).unwrap().1;
        assert_eq!(claims.groups(), ["a", "a", "a"]);
        assert_eq!(
            claims.0["webpubsub.group"],
            serde_json::json!(["a", "a", "a"])
        );
        assert_eq!(
            claims.0["role"],
            serde_json::json!(["webpubsub.sendToGroup.g1"])
        );
    }

    #[test]
    fn minted_json_escapes_strings() {
        let opts = ClientTokenOptions {
            user_id: Some("a\"b\\c\u{1}é".into()),
            ..Default::default()
        };
        let token = mint_client_token(KEY, "http://h/client/hubs/x", &opts, NOW);
        let claims = verify(&token, KEY, NOW, 0).unwrap();
        assert_eq!(claims.sub(), Some("a\"b\\c\u{1}é"));
    }

    // ---- Claims leniency ----

    #[test]
    fn claims_accept_string_or_array_and_both_group_names() {
        let token = hs256(
            r#"{"aud":["http://a","http://b"],"exp":4102444800.5,"role":"webpubsub.sendToGroup","group":"docs","webpubsub.group":["g1",2]}"#,
        );
        let claims = verify(&token, KEY, NOW, 0).unwrap();
        assert_eq!(claims.audiences(), ["http://a", "http://b"]);
        assert_eq!(claims.roles(), ["webpubsub.sendToGroup"]);
        assert_eq!(claims.groups(), ["g1", "docs"]);
        assert_eq!(claims.exp(), Some(EXP_2100));
        assert_eq!(claims.sub(), None);
        assert_eq!(claims.iat(), None);
    }

    // ---- bad-token matrix ----

    #[test]
    fn bad_token_matrix() {
        let good = format!(r#"{{"aud":"x","exp":{}}}"#, NOW + 60);
        let good_token = hs256(&good);
        let [h, _, s]: [&str; 3] = good_token
            .split('.')
            .collect::<Vec<_>>()
            .try_into()
            .unwrap();
        let tampered = format!(
            "{h}.{}.{s}",
            URL_SAFE_NO_PAD.encode(format!(r#"{{"aud":"y","exp":{}}}"#, NOW + 60))
        );
        let alg_none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(&good)
        );
        let b64 = |s: &str| URL_SAFE_NO_PAD.encode(s);
        let malformed = |m: &str| TokenError::Malformed(m.to_string());
        let cases: Vec<(&str, String, TokenError)> = vec![
            (
                "alg none, empty signature",
                alg_none,
                TokenError::UnsupportedAlgorithm("none".into()),
            ),
            (
                "alg HS384",
                forge(r#"{"alg":"HS384","typ":"JWT"}"#, &good),
                TokenError::UnsupportedAlgorithm("HS384".into()),
            ),
            (
                "alg RS256",
                forge(r#"{"alg":"RS256","typ":"JWT"}"#, &good),
                TokenError::UnsupportedAlgorithm("RS256".into()),
            ),
            (
                "alg lower-case hs256",
                forge(r#"{"alg":"hs256"}"#, &good),
                TokenError::UnsupportedAlgorithm("hs256".into()),
            ),
            (
                "no alg",
                forge(r#"{"typ":"JWT"}"#, &good),
                malformed("the header has no alg"),
            ),
            (
                "alg not a string",
                forge(r#"{"alg":256}"#, &good),
                malformed("the header's alg is not a string"),
            ),
            (
                "wrong key",
                sign("ccc", HEADER_JSON, &good),
                TokenError::BadSignature,
            ),
            ("tampered payload", tampered, TokenError::BadSignature),
            (
                "empty signature",
                format!("{h}.{}.", b64(&good)),
                TokenError::BadSignature,
            ),
            (
                "signature not base64",
                format!("{h}.{}.!!!", b64(&good)),
                malformed("the signature is not base64url"),
            ),
            (
                "expired beyond skew",
                hs256(&format!(r#"{{"exp":{}}}"#, NOW - 301)),
                TokenError::Expired { exp: NOW - 301 },
            ),
            (
                "expired at exactly exp + skew",
                hs256(&format!(r#"{{"exp":{}}}"#, NOW - 300)),
                TokenError::Expired { exp: NOW - 300 },
            ),
            (
                "nbf beyond skew",
                hs256(&format!(r#"{{"exp":{},"nbf":{}}}"#, NOW + 900, NOW + 301)),
                TokenError::NotYetValid { nbf: NOW + 301 },
            ),
            (
                "missing exp",
                hs256(r#"{"aud":"x","iat":1}"#),
                TokenError::MissingExp,
            ),
            ("null exp", hs256(r#"{"exp":null}"#), TokenError::MissingExp),
            (
                "exp a string",
                hs256(r#"{"exp":"4102444800"}"#),
                malformed("the exp claim is not a NumericDate"),
            ),
            (
                "exp negative",
                hs256(r#"{"exp":-1}"#),
                malformed("the exp claim is not a NumericDate"),
            ),
            (
                "nbf a string",
                hs256(&format!(r#"{{"exp":{},"nbf":"x"}}"#, NOW + 60)),
                malformed("the nbf claim is not a NumericDate"),
            ),
            (
                "payload not JSON",
                hs256("not json"),
                malformed("the payload is not a JSON object"),
            ),
            (
                "payload a JSON array",
                hs256("[1]"),
                malformed("the payload is not a JSON object"),
            ),
            (
                "2 parts",
                format!("{h}.{}", b64(&good)),
                malformed("expected 3 dot-separated parts (header.payload.signature), found 2"),
            ),
            (
                "4 parts",
                format!("{good_token}.x"),
                malformed("expected 3 dot-separated parts (header.payload.signature), found 4"),
            ),
            (
                "1 part",
                "abc".to_string(),
                malformed("expected 3 dot-separated parts (header.payload.signature), found 1"),
            ),
            (
                "non-base64 header",
                "@@@.e30.x".to_string(),
                malformed("the header is not base64url"),
            ),
            (
                "non-JSON header",
                format!("{}.{}.{s}", b64("not json"), b64(&good)),
                malformed("the header is not a JSON object"),
            ),
            (
                "header a JSON string",
                format!("{}.{}.{s}", b64("\"HS256\""), b64(&good)),
                malformed("the header is not a JSON object"),
            ),
            (
                "empty string",
                String::new(),
                malformed("the token is empty"),
            ),
            (
                "whitespace",
                " \n".to_string(),
                malformed("the token is empty"),
            ),
            (
                "just dots",
                "..".to_string(),
                malformed("the header is not a JSON object"),
            ),
        ];
        for (name, token, expected) in &cases {
            let got = verify(token, KEY, NOW, DEFAULT_SKEW_SECS);
            assert_eq!(got.as_ref().err(), Some(expected), "{name}");
            let msg = expected.to_string();
            assert!(!msg.contains(KEY) && !msg.contains('\n'), "{name}: {msg}");
            if token.len() > 10 {
                assert!(!msg.contains(token.as_str()), "{name}: {msg}");
            }
        }
        assert!(cases.len() >= 12);
    }

    #[test]
    fn skew_boundaries_accepted() {
        let within = hs256(&format!(r#"{{"exp":{}}}"#, NOW - 299));
        assert!(verify(&within, KEY, NOW, DEFAULT_SKEW_SECS).is_ok());
        let nbf_within = hs256(&format!(r#"{{"exp":{},"nbf":{}}}"#, NOW + 900, NOW + 300));
        assert!(verify(&nbf_within, KEY, NOW, DEFAULT_SKEW_SECS).is_ok());
        let nbf_null = hs256(&format!(r#"{{"exp":{},"nbf":null}}"#, NOW + 1));
        assert!(verify(&nbf_null, KEY, NOW, 0).is_ok());
        let far = hs256(r#"{"exp":1e300}"#);
        assert_eq!(
            verify(&far, KEY, NOW, u64::MAX).unwrap().exp(),
            Some(u64::MAX)
        );
    }

    #[test]
    fn verify_tolerates_padding_and_surrounding_whitespace_but_not_aud() {
        // The signature covers the text as sent, so padded parts must be signed padded.
        let header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
        let payload =
            base64::engine::general_purpose::URL_SAFE.encode(r#"{"exp":4102444800,"ab":1}"#);
        assert!(payload.ends_with("=="));
        let mut mac = hmac_for(KEY);
        mac.update(format!("{header}.{payload}").as_bytes());
        let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        let token = format!(" {header}.{payload}.{sig}\n");
        assert!(verify(&token, KEY, NOW, 0).is_ok());
        // `aud` is the caller's business: an unrelated audience still verifies.
        assert!(verify(
            &hs256(r#"{"aud":"urn:other","exp":4102444800}"#),
            KEY,
            NOW,
            0
        )
        .is_ok());
    }

    #[test]
    fn decode_unverified_checks_only_shape() {
        let alg_none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
            URL_SAFE_NO_PAD.encode(r#"{"sub":"x"}"#)
        );
        let (header, claims) = decode_unverified(&alg_none).unwrap();
        assert_eq!(header["alg"], "none");
        assert_eq!(claims.sub(), Some("x"));
        assert!(decode_unverified(&sign("wrong", HEADER_JSON, "{}")).is_ok());
        assert!(matches!(
            decode_unverified("a.b"),
            Err(TokenError::Malformed(_))
        ));
        assert!(matches!(
            decode_unverified(""),
            Err(TokenError::Malformed(_))
        ));
        assert!(matches!(
            decode_unverified("e30.bm90.x"),
            Err(TokenError::Malformed(_))
        ));
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            TokenError::Expired { exp: 1_629_186_974 }.to_string(),
            "token expired at 2021-08-17T07:56:14Z (exp 1629186974): get a new token"
        );
        assert_eq!(
            TokenError::NotYetValid { nbf: EXP_2100 }.to_string(),
            "token is not valid before 2100-01-01T00:00:00Z (nbf 4102444800): check the clocks"
        );
        assert_eq!(
            crate::clock::rfc3339(951_782_400 + 86_399),
            "2000-02-29T23:59:59Z"
        );
        assert_eq!(crate::clock::rfc3339(0), "1970-01-01T00:00:00Z");
        let _ = crate::clock::rfc3339(u64::MAX); // no panic
        let long_alg = format!(r#"{{"alg":"{}\n"}}"#, "X".repeat(100));
        let err = verify(&forge(&long_alg, "{}"), KEY, NOW, 0).unwrap_err();
        let msg = err.to_string();
        assert!(msg.len() < 150 && !msg.contains('\n'), "{msg}");
        let wrong = TokenError::WrongAudience {
            expected: "http://a".into(),
            actual: "http://b\n".into(),
        };
        assert_eq!(
            wrong.to_string(),
            r#"token audience "http://b\n" does not match "http://a""#
        );
    }

    #[test]
    fn upstream_signature_vectors() {
        let conn = "0f9c97a2f0bf4706afe87a14e0797b11";
        let first = "sha256=7767effcb3946f3e1de039df4b986ef02c110b1469d02c0a06f41b3b727ab561";
        let second = "sha256=d4aefb65547a00a9881fa8ac8bd03d0faf77af9da5205d45c6e57cbda4377760";
        assert_eq!(
            upstream_signature("7aab239577fd4f24bc919802fb629f5f", conn),
            first
        );
        assert_eq!(
            upstream_signature("a5f2815d0d0c4b00bd27e832432f91ab", conn),
            second
        );
        assert_ne!(upstream_signature("ccc", conn), first);
        assert!(!verify_upstream_signature(first, "ccc", conn));
        assert_eq!(
            upstream_signature(KEY, "conn1"),
            "sha256=8de7281e588e23b0a30a7180ffa240257b8176e983004c240c9f3f7a7233c993"
        );
        // Keys longer than the SHA-256 block are hashed first (RFC 2104); checked with Python.
        assert_eq!(
            upstream_signature(&"k".repeat(100), "conn1"),
            "sha256=565d97f47b4457d0d5df9434c0615649230c69961101a38afaffcc93fd116781"
        );
    }

    #[test]
    fn upstream_signature_header_with_two_keys() {
        let conn = "0f9c97a2f0bf4706afe87a14e0797b11";
        let header = "sha256=7767effcb3946f3e1de039df4b986ef02c110b1469d02c0a06f41b3b727ab561,sha256=d4aefb65547a00a9881fa8ac8bd03d0faf77af9da5205d45c6e57cbda4377760";
        assert!(verify_upstream_signature(
            header,
            "7aab239577fd4f24bc919802fb629f5f",
            conn
        ));
        assert!(verify_upstream_signature(
            header,
            "a5f2815d0d0c4b00bd27e832432f91ab",
            conn
        ));
        assert!(!verify_upstream_signature(header, "ccc", conn));
        assert!(!verify_upstream_signature(
            header,
            "7aab239577fd4f24bc919802fb629f5f",
            "other"
        ));
        assert!(verify_upstream_signature(
            &header.to_uppercase(),
            "a5f2815d0d0c4b00bd27e832432f91ab",
            conn
        ));
        for junk in [
            "",
            ",",
            "sha256=",
            "sha256=zz",
            "sha1=abc",
            "é",
            "sha256é=00",
            "7767effcb3946f3e1de039df4b986ef02c110b1469d02c0a06f41b3b727ab561",
        ] {
            assert!(
                !verify_upstream_signature(junk, "7aab239577fd4f24bc919802fb629f5f", conn),
                "{junk}"
            );
        }
    }

    #[test]
    fn redact_keeps_six_chars_of_long_secrets_only() {
        assert_eq!(redact(TOKEN_CLIENT), "eyJhbG…(redacted)");
        assert_eq!(redact(KEY), "ABCDEF…(redacted)");
        assert_eq!(redact("short"), "…(redacted)");
        assert_eq!(redact(""), "");
        assert_eq!(redact(&"é".repeat(30)), "éééééé…(redacted)");
    }

    #[test]
    fn now_is_after_2023() {
        assert!(now_secs() > NOW);
    }

    #[test]
    fn no_panics_on_odd_input() {
        let inputs = [
            "",
            ".",
            "..",
            "...",
            "a.b.c",
            "é.é.é",
            "\u{0}.\u{0}.\u{0}",
            "eyJ.eyJ.eyJ",
            "====.====.====",
            "e30.e30.",
            "e30.e30.e30",
            "eyJhbGciOiJIUzI1NiJ9.e30.",
            "http://[::1",
            "http://h:99999/",
            "ws://",
            "%",
            "%zz",
            "%ff%fe",
            "http://h/%ff",
            "http://h/?%ff",
        ];
        for a in inputs {
            let _ = verify(a, KEY, NOW, u64::MAX);
            let _ = verify(a, "", 0, 0);
            let _ = decode_unverified(a);
            let _ = verify_upstream_signature(a, KEY, a);
            let _ = redact(a);
        }
    }
}

#[cfg(test)]
mod proptests {
    use base64::engine::general_purpose::URL_SAFE;
    use proptest::prelude::*;

    use super::*;

    const NOW: u64 = 1_700_000_000;

    /// Small JSON values, numbers of every kind included (NumericDates may be floats).
    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            (NOW - 100..NOW + 100).prop_map(Value::from),
            ".{0,8}".prop_map(Value::from),
            Just(Value::from("HS256")),
        ];
        leaf.prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
                prop::collection::btree_map(".{0,4}", inner, 0..3)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// JSON text: an object with the claims and header fields `verify` reads, or anything.
    fn json_text() -> impl Strategy<Value = String> + Clone {
        let names = prop::sample::select(vec![
            "alg", "typ", "exp", "nbf", "iat", "aud", "sub", "role", "group", "x",
        ]);
        prop_oneof![
            4 => prop::collection::btree_map(names, json_value(), 0..5)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()).to_string()),
            1 => json_value().prop_map(|v| v.to_string()),
            1 => ".{0,16}",
        ]
    }

    /// One dot-free token part: base64url (padded or not) of JSON text or of any bytes, or
    /// text from the base64url alphabet that may not decode.
    fn part(json: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = String> {
        prop_oneof![
            6 => json.clone().prop_map(|t| URL_SAFE_NO_PAD.encode(t)),
            2 => json.prop_map(|t| URL_SAFE.encode(t)),
            1 => prop::collection::vec(any::<u8>(), 0..48).prop_map(|b| URL_SAFE_NO_PAD.encode(b)),
            1 => "[A-Za-z0-9_=-]{0,12}",
        ]
    }

    /// Headers, mostly HS256 ones.
    fn header_json() -> impl Strategy<Value = String> + Clone {
        prop_oneof![
            4 => Just(HEADER_JSON.to_string()),
            1 => Just(r#"{"alg":"HS256"}"#.to_string()),
            1 => Just(r#"{"alg":"none","typ":"JWT"}"#.to_string()),
            1 => json_text(),
        ]
    }

    /// NumericDates and things that are not: near `NOW`, floats, huge, negative, strings.
    fn date() -> impl Strategy<Value = Value> {
        prop_oneof![
            3 => (NOW - 1000..NOW + 1000).prop_map(Value::from),
            1 => (NOW as f64 - 1000.0..NOW as f64 + 1000.0).prop_map(Value::from),
            1 => json_value(),
        ]
    }

    /// Payloads, mostly with `exp` (and sometimes `nbf`) near `NOW`.
    fn payload_json() -> impl Strategy<Value = String> + Clone {
        prop_oneof![
            3 => (prop::option::weighted(0.9, date()), prop::option::of(date()), json_value()).prop_map(
                |(exp, nbf, x)| {
                    let mut claims = Map::new();
                    claims.insert("x".into(), x);
                    exp.map(|v| claims.insert("exp".into(), v));
                    nbf.map(|v| claims.insert("nbf".into(), v));
                    Value::Object(claims).to_string()
                }
            ),
            1 => json_text(),
        ]
    }

    fn client_options() -> impl Strategy<Value = ClientTokenOptions> {
        (
            prop::option::of(".{0,12}"),
            prop::collection::vec(".{0,12}", 0..3),
            prop::collection::vec(".{0,12}", 0..3),
            0u64..1_000_000,
        )
            .prop_map(
                |(user_id, roles, groups, expires_in_secs)| ClientTokenOptions {
                    user_id,
                    roles,
                    groups,
                    expires_in_secs,
                },
            )
    }

    /// `token` with one byte of its payload (`part` 1) or signature (`part` 2) XOR-ed with
    /// `mask`, which keeps it ASCII.
    fn flip(token: &str, part: usize, at: prop::sample::Index, mask: u8) -> String {
        let mut parts: Vec<Vec<u8>> = token.split('.').map(|p| p.as_bytes().to_vec()).collect();
        let bytes = &mut parts[part];
        let i = at.index(bytes.len());
        bytes[i] ^= mask;
        let joined: Vec<u8> = parts.join(&b'.');
        String::from_utf8(joined).unwrap_or_default()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn verify_and_decode_never_panic_on_any_string(
            token in ".{0,160}",
            key in ".{0,16}",
            now in any::<u64>(),
            skew in any::<u64>(),
        ) {
            if let Err(e) = verify(&token, &key, now, skew) {
                prop_assert!(!e.to_string().contains('\n'), "{e}");
            }
            let _ = decode_unverified(&token);
        }

        /// Three base64url parts, signed with the key or not, so that every check of
        /// `verify` is reached: it never panics, and what it accepts is really valid.
        #[test]
        fn verify_never_panics_on_three_base64url_parts(
            header in part(header_json()),
            payload in part(payload_json()),
            signature in part(json_text()),
            signed in prop::bool::weighted(0.8),
            key in ".{0,16}",
            now in prop_oneof![3 => Just(NOW), 1 => any::<u64>()],
            skew in prop_oneof![Just(0u64), Just(DEFAULT_SKEW_SECS), any::<u64>()],
        ) {
            let token = if signed {
                let input = format!("{header}.{payload}");
                let mut mac = hmac_for(&key);
                mac.update(input.as_bytes());
                format!("{input}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
            } else {
                format!("{header}.{payload}.{signature}")
            };
            match verify(&token, &key, now, skew) {
                Ok(claims) => {
                    let (head, decoded) = decode_unverified(&token)
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert_eq!(head.get("alg"), Some(&Value::from("HS256")));
                    prop_assert_eq!(&decoded.0, &claims.0);
                    let exp = claims.exp();
                    prop_assert!(exp.is_some_and(|exp| now < exp.saturating_add(skew)));
                    prop_assert!(claims.nbf().is_none_or(|nbf| nbf <= now.saturating_add(skew)));
                }
                Err(e) => prop_assert!(!e.to_string().contains('\n'), "{e}"),
            }
        }

        /// What `mint_client_token` signs, `verify` accepts with every claim intact.
        #[test]
        fn minted_client_tokens_verify_with_their_claims(
            key in ".{0,24}",
            audience in ".{0,24}",
            opts in client_options(),
            now in 0u64..4_000_000_000,
        ) {
            let token = mint_client_token(&key, &audience, &opts, now);
            let claims = verify(&token, &key, now, 0)
                .map_err(|e| TestCaseError::fail(format!("{token}: {e}")))?;
            let ttl = if opts.expires_in_secs == 0 { 3600 } else { opts.expires_in_secs };
            prop_assert_eq!(claims.audiences(), vec![audience.clone()]);
            prop_assert_eq!(claims.iat(), Some(now));
            prop_assert_eq!(claims.exp(), Some(now + ttl));
            prop_assert_eq!(claims.sub(), opts.user_id.as_deref().filter(|u| !u.is_empty()));
            prop_assert_eq!(claims.roles(), opts.roles.clone());
            prop_assert_eq!(claims.groups(), opts.groups.clone());
            // It expires exactly at `exp`, and only this key signed it.
            prop_assert_eq!(
                verify(&token, &key, now + ttl, 0).map(|_| ()),
                Err(TokenError::Expired { exp: now + ttl })
            );
            let other = format!("{key}x");
            prop_assert_eq!(verify(&token, &other, now, 0).map(|_| ()), Err(TokenError::BadSignature));
        }

        #[test]
        fn minted_rest_tokens_verify_with_their_audience(
            key in ".{0,24}",
            audience in ".{0,48}",
            ttl in 1u64..1_000_000,
            now in 0u64..4_000_000_000,
        ) {
            let token = mint_rest_token(&key, &audience, ttl, now);
            let claims = verify(&token, &key, now, 0)
                .map_err(|e| TestCaseError::fail(format!("{token}: {e}")))?;
            prop_assert_eq!(claims.audiences(), vec![audience]);
            prop_assert_eq!(claims.exp(), Some(now + ttl));
        }

        /// No change to a byte of the payload or the signature goes unnoticed.
        #[test]
        fn flipping_a_payload_or_signature_byte_fails_verification(
            key in ".{0,24}",
            opts in client_options(),
            part in 1usize..=2,
            at in any::<prop::sample::Index>(),
            mask in 1u8..=127,
        ) {
            let token = mint_client_token(&key, "http://localhost:8080/client/hubs/chat", &opts, NOW);
            prop_assert!(verify(&token, &key, NOW, 0).is_ok());
            let flipped = flip(&token, part, at, mask);
            prop_assert_ne!(&flipped, &token);
            prop_assert!(verify(&flipped, &key, NOW, 0).is_err(), "{} accepted", flipped);
        }
    }
}
