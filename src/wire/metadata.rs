//! Message metadata: string pairs that travel with a message (protocols.md §2.4, §4.2).
//!
//! Where it comes from: `X-WebPubSub-Metadata-<key>` headers of a REST `:send`, the `metadata`
//! object of a client's `sendToGroup` or `event` frame, and the same headers on an event
//! handler's answer. Where it goes: the `metadata` object of a JSON client's `message` frame,
//! and `x-webpubsub-metadata-<key>` headers of an upstream user event. Neither the REST spec nor
//! the client SDKs define it (the JS client passes unknown frame fields through to its
//! messages); the shape and limits are those of Microsoft's emulator (`WebPubSubMetadata.cs`,
//! `WebPubSubJsonProtocol.cs`), which we follow.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The header prefix, as sent (HTTP header names are case-insensitive).
pub const HEADER_PREFIX: &str = "x-webpubsub-metadata-";
pub const MAX_KEY_BYTES: usize = 256;
pub const MAX_VALUE_BYTES: usize = 1024;
/// Keys and values together.
pub const MAX_TOTAL_BYTES: usize = 8 * 1024;

/// Validated metadata: keys are HTTP header tokens, values ASCII, within the limits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Metadata(BTreeMap<String, String>);

/// Why metadata was refused, in words that say how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetadataError {
    #[error("metadata key '{0}' is not a header token; use letters, digits and !#$%&'*+-.^_`|~")]
    BadKey(String),
    #[error("metadata key '{key}…' is longer than {MAX_KEY_BYTES} bytes")]
    KeyTooLong { key: String },
    #[error("metadata value of '{0}' is not ASCII; encode it (e.g. percent-encoding) first")]
    NotAscii(String),
    #[error("metadata value of '{0}' is longer than {MAX_VALUE_BYTES} bytes")]
    ValueTooLong(String),
    #[error("metadata is larger than {MAX_TOTAL_BYTES} bytes (keys and values together)")]
    TooLarge,
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

impl Metadata {
    /// Checks pairs from a client frame; keys are kept as the client wrote them.
    pub fn from_map(map: BTreeMap<String, String>) -> Result<Metadata, MetadataError> {
        let mut total = 0usize;
        for (key, value) in &map {
            if key.len() > MAX_KEY_BYTES {
                let mut cut = MAX_KEY_BYTES.min(32);
                while !key.is_char_boundary(cut) {
                    cut -= 1;
                }
                return Err(MetadataError::KeyTooLong {
                    key: key[..cut].to_string(),
                });
            }
            if key.is_empty() || !key.chars().all(is_token_char) {
                let shown: String = key
                    .chars()
                    .take(64)
                    .flat_map(char::escape_default)
                    .collect();
                return Err(MetadataError::BadKey(shown));
            }
            if !value.is_ascii() {
                return Err(MetadataError::NotAscii(key.clone()));
            }
            if value.len() > MAX_VALUE_BYTES {
                return Err(MetadataError::ValueTooLong(key.clone()));
            }
            total += key.len() + value.len();
            if total > MAX_TOTAL_BYTES {
                return Err(MetadataError::TooLarge);
            }
        }
        Ok(Metadata(map))
    }

    /// The `X-WebPubSub-Metadata-*` headers among `headers`, or `None` when there are none.
    /// Keys are lower-cased; of a repeated header, or a comma-separated value, the last value
    /// counts, trimmed (what Microsoft's emulator does, since proxies may fold repeats).
    pub fn from_headers<'a>(
        headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<Option<Metadata>, MetadataError> {
        let mut map = BTreeMap::new();
        let mut any = false;
        for (name, value) in headers {
            let Some(key) = strip_prefix_ignore_case(name, HEADER_PREFIX) else {
                continue;
            };
            any = true;
            let value = std::str::from_utf8(value)
                .map_err(|_| MetadataError::NotAscii(key.to_ascii_lowercase()))?;
            let last = value.rsplit(',').next().unwrap_or("").trim();
            map.insert(key.to_ascii_lowercase(), last.to_string());
        }
        if !any {
            return Ok(None);
        }
        Metadata::from_map(map).map(Some)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

fn strip_prefix_ignore_case<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    let head = name.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &name[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn headers_become_lowercase_keys_with_the_last_value() {
        let headers: Vec<(&str, &[u8])> = vec![
            ("content-type", b"text/plain"),
            ("X-WebPubSub-Metadata-Trace", b"first"),
            ("x-webpubsub-metadata-trace", b" middle, last "),
            ("X-WEBPUBSUB-METADATA-Kind", b"a"),
        ];
        let m = Metadata::from_headers(headers).unwrap().unwrap();
        let got: Vec<(&str, &str)> = m.iter().collect();
        assert_eq!(got, [("kind", "a"), ("trace", "last")]);
        assert_eq!(
            Metadata::from_headers(vec![("accept", b"*/*".as_slice())]),
            Ok(None)
        );
        // A header with the prefix and no key is a mistake worth a 400, not silence.
        assert!(matches!(
            Metadata::from_headers(vec![("x-webpubsub-metadata-", b"x".as_slice())]),
            Err(MetadataError::BadKey(_))
        ));
    }

    #[test]
    fn limits_and_characters_are_checked() {
        assert!(Metadata::from_map(map(&[("a.b_c-1~", "v")])).is_ok());
        assert!(matches!(
            Metadata::from_map(map(&[("a b", "v")])),
            Err(MetadataError::BadKey(_))
        ));
        assert!(matches!(
            Metadata::from_map(map(&[("k", "é")])),
            Err(MetadataError::NotAscii(_))
        ));
        let long_key = "k".repeat(MAX_KEY_BYTES + 1);
        assert!(matches!(
            Metadata::from_map(map(&[(long_key.as_str(), "v")])),
            Err(MetadataError::KeyTooLong { .. })
        ));
        let long_value = "v".repeat(MAX_VALUE_BYTES + 1);
        assert!(matches!(
            Metadata::from_map(map(&[("k", long_value.as_str())])),
            Err(MetadataError::ValueTooLong(_))
        ));
        let value = "v".repeat(MAX_VALUE_BYTES);
        let keys: Vec<String> = (0..8).map(|i| format!("k{i}")).collect();
        let many: Vec<(&str, &str)> = keys.iter().map(|k| (k.as_str(), value.as_str())).collect();
        assert_eq!(Metadata::from_map(map(&many)), Err(MetadataError::TooLarge));
    }
}
