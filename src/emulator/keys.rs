//! The resource's access keys: primary (`--access-key`), secondary, and an internal key that
//! signs the client tokens `:generateToken` mints for Entra callers. Rotation (ARM
//! `regenerateKey`) replaces a key in place, so tokens signed with the old one fail from the
//! next request on. The internal key never leaves the process.

use std::sync::RwLock;

use base64::Engine;
use rand::RngCore;

use crate::token::{self, Claims, TokenError};

/// Which key signed a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signer {
    Primary,
    Secondary,
    /// The internal key: only tokens the emulator minted for an Entra-authenticated caller.
    Internal,
}

impl Signer {
    /// An access key (local auth), as opposed to the emulator's internal key.
    pub fn is_local_auth(self) -> bool {
        self != Signer::Internal
    }
}

/// ARM's `keyType` of `regenerateKey`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    Primary,
    Secondary,
    /// Rotates the salt of the service's own signatures: nothing a client can see.
    Salt,
}

impl KeyType {
    /// `Primary`, `Secondary` or `Salt`, ignoring case as ARM does for enum values.
    pub fn parse(s: &str) -> Option<KeyType> {
        [
            ("primary", KeyType::Primary),
            ("secondary", KeyType::Secondary),
            ("salt", KeyType::Salt),
        ]
        .into_iter()
        .find(|(name, _)| s.eq_ignore_ascii_case(name))
        .map(|(_, t)| t)
    }
}

pub struct Keys {
    primary: RwLock<String>,
    secondary: RwLock<String>,
    internal: String,
    /// `--disable-local-auth`: tokens signed with the access keys are refused.
    pub local_auth_disabled: bool,
}

impl Keys {
    pub fn new(primary: String, secondary: Option<String>, local_auth_disabled: bool) -> Self {
        Keys {
            primary: RwLock::new(primary),
            secondary: RwLock::new(secondary.unwrap_or_else(random_key)),
            internal: random_key(),
            local_auth_disabled,
        }
    }

    pub fn primary(&self) -> String {
        read(&self.primary)
    }

    pub fn secondary(&self) -> String {
        read(&self.secondary)
    }

    /// The key for client tokens minted on behalf of an Entra caller.
    pub fn internal(&self) -> &str {
        &self.internal
    }

    /// Replaces a key with a new random one, at once.
    pub fn regenerate(&self, which: KeyType) {
        let slot = match which {
            KeyType::Primary => &self.primary,
            KeyType::Secondary => &self.secondary,
            KeyType::Salt => return,
        };
        *slot.write().unwrap_or_else(|p| p.into_inner()) = random_key();
    }

    /// Verifies an HS256 token against the primary and secondary keys, and the internal key
    /// when `internal` is true. A failure other than the signature (expired, malformed, wrong
    /// algorithm) does not depend on the key and is reported at once.
    pub fn verify(&self, jwt: &str, internal: bool) -> Result<(Claims, Signer), TokenError> {
        let now = token::now_secs();
        let mut candidates = vec![
            (self.primary(), Signer::Primary),
            (self.secondary(), Signer::Secondary),
        ];
        if internal {
            candidates.push((self.internal.clone(), Signer::Internal));
        }
        for (key, signer) in candidates {
            match token::verify(jwt, &key, now, token::DEFAULT_SKEW_SECS) {
                Ok(claims) => return Ok((claims, signer)),
                Err(TokenError::BadSignature) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(TokenError::BadSignature)
    }
}

fn read(slot: &RwLock<String>) -> String {
    slot.read().unwrap_or_else(|p| p.into_inner()).clone()
}

/// A new key the way Azure makes them: 32 random bytes in base64 (44 characters).
pub fn random_key() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

    fn signed(key: &str) -> String {
        token::mint_rest_token(key, "http://localhost/api", 60, token::now_secs())
    }

    #[test]
    fn both_keys_verify_and_rotation_is_immediate() {
        let keys = Keys::new(KEY.into(), None, false);
        assert_eq!(keys.secondary().len(), 44);
        let (_, s) = keys.verify(&signed(KEY), false).unwrap();
        assert_eq!(s, Signer::Primary);
        let (_, s) = keys.verify(&signed(&keys.secondary()), false).unwrap();
        assert_eq!(s, Signer::Secondary);
        let old_secondary = keys.secondary();
        keys.regenerate(KeyType::Secondary);
        assert_ne!(keys.secondary(), old_secondary);
        assert_eq!(
            keys.verify(&signed(&old_secondary), false).unwrap_err(),
            TokenError::BadSignature
        );
        keys.regenerate(KeyType::Salt);
        assert_eq!(keys.primary(), KEY);
        keys.regenerate(KeyType::Primary);
        assert!(keys.verify(&signed(KEY), false).is_err());
    }

    #[test]
    fn the_internal_key_only_when_asked() {
        let keys = Keys::new(KEY.into(), Some("S".repeat(44)), true);
        let t = signed(keys.internal());
        assert_eq!(
            keys.verify(&t, false).unwrap_err(),
            TokenError::BadSignature
        );
        assert_eq!(keys.verify(&t, true).unwrap().1, Signer::Internal);
        assert!(!Signer::Internal.is_local_auth());
        assert_eq!(KeyType::parse("SECONDARY"), Some(KeyType::Secondary));
        assert_eq!(KeyType::parse("both"), None);
    }
}
