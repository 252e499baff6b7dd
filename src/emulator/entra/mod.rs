//! A local Entra ID: it issues tokens to whoever knows the identity header (`endpoints`), and
//! verifies them for the data plane and for ARM (signature, issuer, expiry, audience), then
//! tells what an identity may do (roles, from `--entra-identity`).
//!
//! Tokens are HS256 with a secret made at each start: only this process can check them, which
//! is all it needs, and a token from an earlier run (or from real Entra ID) never passes.

mod endpoints;

pub use endpoints::{msi_token, plain_token};

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::token::{self, TokenError};

/// The tenant every token names.
pub const TENANT_ID: &str = "00000000-0000-0000-0000-0000000000e1";
/// The client id of a token request that names none.
pub const DEFAULT_CLIENT_ID: &str = "emulator";
/// The data plane's audience (scope `https://webpubsub.azure.com/.default`).
pub const DATA_PLANE_AUDIENCE: &str = "https://webpubsub.azure.com";
/// ARM's audiences; the emulator's own base URL is one too (see [`Issuer::verify`]).
pub const ARM_AUDIENCES: [&str; 2] = [
    "https://management.azure.com",
    "https://management.core.windows.net",
];
/// Lifetime of an issued token.
pub const TOKEN_TTL_SECS: i64 = 3600;
/// The longest client id and resource a token request may name.
const MAX_CLIENT_ID: usize = 128;
const MAX_RESOURCE: usize = 512;

/// An Azure role the emulator knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// ARM read and write, `listKeys`, `regenerateKey`.
    Contributor,
    /// ARM read.
    Reader,
    /// The whole data plane.
    WebPubSubServiceOwner,
}

impl Role {
    /// The role's name in Azure, as a message tells which one to assign.
    pub fn azure_name(self) -> &'static str {
        match self {
            Role::Contributor => "Contributor",
            Role::Reader => "Reader",
            Role::WebPubSubServiceOwner => "Web PubSub Service Owner",
        }
    }

    /// The role's name in `--entra-identity`.
    pub fn flag_name(self) -> &'static str {
        match self {
            Role::Contributor => "Contributor",
            Role::Reader => "Reader",
            Role::WebPubSubServiceOwner => "WebPubSubServiceOwner",
        }
    }

    fn parse(s: &str) -> Option<Role> {
        let squashed: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        match squashed.as_str() {
            "contributor" => Some(Role::Contributor),
            "reader" => Some(Role::Reader),
            "webpubsubserviceowner" => Some(Role::WebPubSubServiceOwner),
            _ => None,
        }
    }
}

/// The roles of an identity the flags do not name.
const DEFAULT_ROLES: [Role; 2] = [Role::Contributor, Role::WebPubSubServiceOwner];

/// `--entra-identity CLIENT_ID=ROLE[,ROLE]` (or `=none`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentitySpec {
    pub client_id: String,
    pub roles: Vec<Role>,
}

impl FromStr for IdentitySpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        const HINT: &str =
            "use CLIENT_ID=ROLE[,ROLE] with roles Contributor, Reader, WebPubSubServiceOwner, or none";
        let Some((client_id, roles)) = s.split_once('=') else {
            return Err(format!("'{s}' is not CLIENT_ID=ROLES; {HINT}"));
        };
        let client_id = client_id.trim();
        if !valid_client_id(client_id) {
            return Err(format!(
                "'{client_id}' is not a client id (1 to {MAX_CLIENT_ID} letters, digits, '-', '_' or '.')"
            ));
        }
        let roles = roles.trim();
        if roles.eq_ignore_ascii_case("none") {
            return Ok(IdentitySpec {
                client_id: client_id.to_string(),
                roles: Vec::new(),
            });
        }
        let mut parsed = Vec::new();
        for name in roles.split(',') {
            let role = Role::parse(name)
                .ok_or_else(|| format!("unknown role '{}'; {HINT}", name.trim()))?;
            if !parsed.contains(&role) {
                parsed.push(role);
            }
        }
        Ok(IdentitySpec {
            client_id: client_id.to_string(),
            roles: parsed,
        })
    }
}

/// A client id as token requests and `--entra-identity` may give it: a GUID or a simple name.
pub fn valid_client_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_CLIENT_ID
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// Which surface a token is presented to: each has its own audiences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    DataPlane,
    Arm,
}

/// Who a verified token stands for.
#[derive(Debug, Clone)]
pub struct Principal {
    pub client_id: String,
    pub object_id: String,
}

impl fmt::Display for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "client '{}' (object id {})",
            self.client_id, self.object_id
        )
    }
}

/// The emulator's token issuer.
pub struct Issuer {
    secret: String,
    issuer: String,
    identity_header: String,
    /// Lowercase client id → roles, for the identities `--entra-identity` names.
    identities: HashMap<String, Vec<Role>>,
}

impl Issuer {
    /// `base` is the emulator's own `http://localhost:PORT`.
    pub fn new(base: &str, identity_header: String, identities: &[IdentitySpec]) -> Self {
        Issuer {
            secret: crate::emulator::keys::random_key(),
            issuer: format!("{base}/entra/"),
            identity_header,
            identities: identities
                .iter()
                .map(|i| (i.client_id.to_ascii_lowercase(), i.roles.clone()))
                .collect(),
        }
    }

    /// The `iss` of every token: `http://localhost:PORT/entra/`.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The secret of `X-IDENTITY-HEADER`.
    pub fn identity_header(&self) -> &str {
        &self.identity_header
    }

    /// Whether `presented` is the identity header, in constant time.
    pub fn header_matches(&self, presented: &[u8]) -> bool {
        let expected = self.identity_header.as_bytes();
        presented.len() == expected.len()
            && presented
                .iter()
                .zip(expected)
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    /// Issues a token for `resource` (a scope's `/.default` and trailing `/` dropped) to
    /// `client_id`, valid for `ttl` seconds from `now` (negative: already expired). Returns the
    /// token, its audience and its `exp`.
    pub fn mint(
        &self,
        resource: &str,
        client_id: &str,
        now: u64,
        ttl: i64,
    ) -> (String, String, u64) {
        let aud = audience_of(resource);
        let now_i = i64::try_from(now).unwrap_or(i64::MAX);
        let exp = u64::try_from(now_i.saturating_add(ttl)).unwrap_or(0);
        let oid = object_id(client_id);
        let claims = json!({
            "aud": aud,
            "iss": self.issuer,
            "iat": now,
            "nbf": now.min(exp),
            "exp": exp,
            "tid": TENANT_ID,
            "oid": oid,
            "sub": oid,
            "appid": client_id,
            "azp": client_id,
            "idtyp": "app",
            "ver": "1.0",
        });
        (sign(&self.secret, &claims), aud, exp)
    }

    /// Checks a token for `surface`: algorithm, issuer, signature, expiry and audience.
    /// `own_base(url)` says whether an `aud` names this emulator's base URL (an ARM audience).
    /// The error is a one-line reason for a 401.
    pub fn verify(
        &self,
        jwt: &str,
        surface: Surface,
        own_base: &dyn Fn(&str) -> bool,
    ) -> Result<Principal, String> {
        let (header, claims) = token::decode_unverified(jwt).map_err(|e| e.to_string())?;
        match header.get("alg").and_then(Value::as_str) {
            Some("HS256") => {}
            Some(alg) => {
                return Err(format!(
                    "the token is signed with {}, so it was not issued by this emulator's Entra ID \
                     (HS256); get one from its IDENTITY_ENDPOINT",
                    crate::output::sanitize_line(&alg.chars().take(32).collect::<String>())
                ))
            }
            None => return Err("the token's header names no algorithm".into()),
        }
        match claims.0.get("iss").and_then(Value::as_str) {
            Some(iss) if iss == self.issuer => {}
            Some(iss) => {
                return Err(format!(
                    "the token's issuer '{}' is not this emulator's Entra ID ({})",
                    shown(iss),
                    self.issuer
                ))
            }
            None => return Err(format!("the token has no issuer; expected {}", self.issuer)),
        }
        let claims = token::verify(
            jwt,
            &self.secret,
            token::now_secs(),
            token::DEFAULT_SKEW_SECS,
        )
        .map_err(|e| match e {
            TokenError::BadSignature => "bad token signature: the token was not issued by \
                     this emulator's Entra ID (each start signs with a new secret)"
                .to_string(),
            other => other.to_string(),
        })?;
        let audiences = claims.audiences();
        let accepted = audiences.iter().any(|aud| {
            let aud = aud.trim_end_matches('/');
            match surface {
                Surface::DataPlane => aud == DATA_PLANE_AUDIENCE,
                Surface::Arm => ARM_AUDIENCES.contains(&aud) || own_base(aud),
            }
        });
        if !accepted {
            let wanted = match surface {
                Surface::DataPlane => {
                    format!("{DATA_PLANE_AUDIENCE} (scope {DATA_PLANE_AUDIENCE}/.default)")
                }
                Surface::Arm => format!(
                    "{}, {} or this emulator's own URL (scope <arm endpoint>/.default)",
                    ARM_AUDIENCES[0], ARM_AUDIENCES[1]
                ),
            };
            return Err(format!(
                "the token's audience '{}' is not for this API; it needs {wanted}",
                shown(&audiences.join(", "))
            ));
        }
        let client_id = claims
            .0
            .get("appid")
            .or_else(|| claims.0.get("azp"))
            .and_then(Value::as_str)
            .filter(|c| valid_client_id(c))
            .ok_or("the token names no client (appid)")?
            .to_string();
        Ok(Principal {
            object_id: object_id(&client_id),
            client_id,
        })
    }

    /// Whether `who` holds `role` (Contributor covers Reader).
    pub fn has_role(&self, who: &Principal, role: Role) -> bool {
        let roles: &[Role] = self
            .identities
            .get(&who.client_id.to_ascii_lowercase())
            .map_or(&DEFAULT_ROLES, Vec::as_slice);
        roles.contains(&role) || (role == Role::Reader && roles.contains(&Role::Contributor))
    }
}

/// A token's `aud` for a requested resource or scope.
pub fn audience_of(resource: &str) -> String {
    let r = resource.trim();
    let r = r.strip_suffix("/.default").unwrap_or(r);
    r.trim_end_matches('/').to_string()
}

/// Checks a requested resource: a URI or id of printable ASCII, bounded.
pub fn valid_resource(resource: &str) -> bool {
    !resource.is_empty()
        && resource.len() <= MAX_RESOURCE
        && resource.bytes().all(|b| b.is_ascii_graphic())
}

/// A stable object id for a client id, shaped like a GUID.
pub fn object_id(client_id: &str) -> String {
    let digest = Sha256::digest(format!(
        "webpubsub-emulator:{}",
        client_id.to_ascii_lowercase()
    ));
    let h = hex::encode(&digest[..16]);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

fn shown(s: &str) -> String {
    let s: String = s.chars().take(200).collect();
    crate::output::sanitize_line(&s)
}

/// `base64url(header).base64url(claims).base64url(HMAC-SHA256)`.
fn sign(secret: &str, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC-SHA256 accepts keys of any length"),
    };
    mac.update(input.as_bytes());
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer(identities: &[IdentitySpec]) -> Issuer {
        Issuer::new("http://localhost:8080", "h".repeat(16), identities)
    }

    fn no_base(_: &str) -> bool {
        false
    }

    #[test]
    fn issued_tokens_verify_for_their_surface_only() {
        let i = issuer(&[]);
        let now = token::now_secs();
        let (t, aud, exp) = i.mint("https://webpubsub.azure.com/.default", "app", now, 3600);
        assert_eq!(aud, "https://webpubsub.azure.com");
        assert_eq!(exp, now + 3600);
        let p = i.verify(&t, Surface::DataPlane, &no_base).unwrap();
        assert_eq!(p.client_id, "app");
        assert_eq!(p.object_id, object_id("APP"));
        let e = i.verify(&t, Surface::Arm, &no_base).unwrap_err();
        assert!(e.contains("audience"), "{e}");
        let (arm, _, _) = i.mint("https://management.azure.com/", "app", now, 3600);
        assert!(i.verify(&arm, Surface::Arm, &no_base).is_ok());
        let (own, _, _) = i.mint("http://localhost:8080/.default", "app", now, 3600);
        assert!(i
            .verify(&own, Surface::Arm, &|a| a == "http://localhost:8080")
            .is_ok());
    }

    #[test]
    fn refuses_what_it_did_not_issue() {
        let i = issuer(&[]);
        let other = issuer(&[]);
        let now = token::now_secs();
        let (t, _, _) = other.mint(DATA_PLANE_AUDIENCE, "app", now, 3600);
        let e = i.verify(&t, Surface::DataPlane, &no_base).unwrap_err();
        assert!(e.contains("signature"), "{e}");
        let (expired, _, _) = i.mint(DATA_PLANE_AUDIENCE, "app", now, -600);
        let e = i
            .verify(&expired, Surface::DataPlane, &no_base)
            .unwrap_err();
        assert!(e.contains("expired"), "{e}");
        let foreign = sign(
            &i.secret,
            &json!({"iss": "https://sts.windows.net/x/", "aud": DATA_PLANE_AUDIENCE, "exp": now + 60}),
        );
        let e = i
            .verify(&foreign, Surface::DataPlane, &no_base)
            .unwrap_err();
        assert!(e.contains("issuer"), "{e}");
        let rs = format!(
            "{}.{}.sig",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256"}"#),
            URL_SAFE_NO_PAD.encode("{}")
        );
        let e = i.verify(&rs, Surface::DataPlane, &no_base).unwrap_err();
        assert!(e.contains("RS256"), "{e}");
    }

    #[test]
    fn roles_default_to_everything_unless_named() {
        let specs: Vec<IdentitySpec> = [
            "reader-app=Reader",
            "nobody=none",
            "both=contributor, WebPubSubServiceOwner",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        let i = issuer(&specs);
        let p = |c: &str| Principal {
            client_id: c.into(),
            object_id: object_id(c),
        };
        assert!(i.has_role(&p("anyone"), Role::Contributor));
        assert!(i.has_role(&p("anyone"), Role::Reader));
        assert!(i.has_role(&p("Reader-App"), Role::Reader));
        assert!(!i.has_role(&p("reader-app"), Role::Contributor));
        assert!(!i.has_role(&p("reader-app"), Role::WebPubSubServiceOwner));
        assert!(!i.has_role(&p("nobody"), Role::Reader));
        assert!(i.has_role(&p("both"), Role::WebPubSubServiceOwner));
        for bad in ["x", "x=", "x=Owner", "=Reader", "a b=Reader"] {
            assert!(bad.parse::<IdentitySpec>().is_err(), "{bad}");
        }
    }
}
