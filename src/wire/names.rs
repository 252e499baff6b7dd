//! Hub names, group names, user ids and connection ids as types, parsed once where they enter
//! (clap, `service apply` JSON, the REPL, the emulator's routes and frames) with the service's
//! rules (protocols.md §2.2) plus what keeps a name one path segment: no empty name, no `.` or
//! `..` (URL normalisation would eat them and address the parent resource), no control
//! characters, and a length limit. A typed name is always encoded as exactly one path segment.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::{Deserialize, Serialize};

/// Longest group name the service accepts (characters).
pub const MAX_GROUP_CHARS: usize = 1024;
/// Longest user or connection id we accept (characters): the service gives no limit, and a
/// bound keeps hostile input from growing every index it enters.
pub const MAX_ID_CHARS: usize = 1024;
/// Longest hub name (characters).
pub const MAX_HUB_CHARS: usize = 128;

/// Characters escaped in a path segment: everything but unreserved characters and the few
/// sub-delimiters that are harmless there (`:`, `@`, `!`, `$`, `'`, `(`, `)`, `*`, `,` stay,
/// as the SDKs leave them). `/`, `?`, `#` and `%` are always escaped, so a name stays one segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'&')
    .add(b'+')
    .add(b'=')
    .add(b';');

/// A refused name: which field, what was given (escaped, shortened) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field} {shown}: {reason}")]
pub struct NameError {
    pub field: &'static str,
    shown: String,
    pub reason: String,
}

impl NameError {
    fn new(field: &'static str, value: &str, reason: impl Into<String>) -> Self {
        NameError {
            field,
            shown: shown(value),
            reason: reason.into(),
        }
    }
}

/// A value as it appears in an error: quoted, control characters escaped, at most 60 characters.
fn shown(value: &str) -> String {
    let mut out = String::from("'");
    for (i, c) in value.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        if c.is_control() || crate::output::is_hidden_format(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// The rules every group name, user id and connection id follows.
fn check_segment(field: &'static str, value: &str, max: usize) -> Result<(), NameError> {
    if value.is_empty() {
        return Err(NameError::new(field, value, "it must not be empty"));
    }
    if value == "." || value == ".." {
        return Err(NameError::new(
            field,
            value,
            "'.' and '..' are path segments, not names",
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(NameError::new(
            field,
            value,
            "it must not contain control characters",
        ));
    }
    if value.chars().nth(max).is_some() {
        return Err(NameError::new(
            field,
            value,
            format!("it is longer than {max} characters"),
        ));
    }
    Ok(())
}

macro_rules! name_type {
    ($(#[$doc:meta])* $name:ident, $field:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// What the field is called in errors.
            pub const FIELD: &'static str = $field;

            /// Parses a name, naming the field in the error.
            pub fn parse(value: impl Into<String>) -> Result<Self, NameError> {
                let value = value.into();
                let check: fn(&str) -> Result<(), NameError> = $check;
                check(&value)?;
                Ok($name(value))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The name percent-encoded as exactly one path segment.
            pub fn segment(&self) -> String {
                utf8_percent_encode(&self.0, SEGMENT).to_string()
            }
        }

        impl std::str::FromStr for $name {
            type Err = NameError;
            fn from_str(s: &str) -> Result<Self, NameError> {
                Self::parse(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = NameError;
            fn try_from(s: String) -> Result<Self, NameError> {
                Self::parse(s)
            }
        }

        impl From<$name> for String {
            fn from(n: $name) -> String {
                n.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

name_type!(
    /// A hub: `^[A-Za-z][A-Za-z0-9_`,.[\]]{0,127}$`, case-insensitive on the service
    /// (compare with [`HubName::key`]).
    HubName,
    "hub name",
    |hub| {
        let mut chars = hub.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
        let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || "_`,.[]".contains(c));
        if first_ok && rest_ok && hub.len() <= MAX_HUB_CHARS {
            Ok(())
        } else {
            Err(NameError::new(
                HubName::FIELD,
                hub,
                "it must start with a letter and contain only letters, digits and _`,.[] (at most 128 characters)",
            ))
        }
    }
);

name_type!(
    /// A group: 1 to 1024 characters, not only whitespace, no control characters, not `.`/`..`.
    GroupName,
    "group name",
    |group| {
        check_segment(GroupName::FIELD, group, MAX_GROUP_CHARS)?;
        if group.chars().all(char::is_whitespace) {
            return Err(NameError::new(
                GroupName::FIELD,
                group,
                "it must not be only whitespace",
            ));
        }
        Ok(())
    }
);

name_type!(
    /// A user id: 1 to 1024 characters, no control characters, not `.`/`..`.
    UserId,
    "user id",
    |user| check_segment(UserId::FIELD, user, MAX_ID_CHARS)
);

name_type!(
    /// A connection id: 1 to 1024 characters, no control characters, not `.`/`..`.
    ConnectionId,
    "connection id",
    |id| check_segment(ConnectionId::FIELD, id, MAX_ID_CHARS)
);

impl HubName {
    /// The case-folded name: hubs that differ only in case are the same hub.
    pub fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn service_rules() {
        assert!(HubName::parse("chat").is_ok());
        assert!(HubName::parse("a.b[1]`,_").is_ok());
        assert!(HubName::parse("1chat").is_err());
        assert!(HubName::parse("a-b").is_err());
        assert!(HubName::parse("a".repeat(129)).is_err());
        assert!(GroupName::parse("   ").is_err());
        assert!(GroupName::parse("g".repeat(1025)).is_err());
        assert!(GroupName::parse("g".repeat(1024)).is_ok());
        assert!(GroupName::parse("a b/c?d#e%f").is_ok());
    }

    #[test]
    fn dot_segments_empty_and_control_characters_are_refused() {
        for bad in [
            "",
            ".",
            "..",
            "a\u{0}b",
            "line\nbreak",
            "del\u{7f}",
            "c1\u{85}",
        ] {
            let g = GroupName::parse(bad).unwrap_err();
            assert_eq!(g.field, "group name");
            assert!(UserId::parse(bad).is_err(), "{bad:?}");
            assert!(ConnectionId::parse(bad).is_err(), "{bad:?}");
        }
        // Dots inside a name are fine: only whole `.`/`..` segments are special.
        assert!(GroupName::parse("...").is_ok());
        assert!(UserId::parse("a..b").is_ok());
    }

    #[test]
    fn errors_name_the_field_and_escape_the_value() {
        let e = UserId::parse("a\u{1b}[2Jb").unwrap_err().to_string();
        assert!(e.starts_with("invalid user id 'a\\u{1b}[2Jb'"), "{e}");
        let e = ConnectionId::parse("..").unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid connection id '..': '.' and '..' are path segments, not names"
        );
        let long = GroupName::parse("x".repeat(2000)).unwrap_err().to_string();
        assert!(long.len() < 200, "{long}");
    }

    #[test]
    fn segments_are_single_and_reversible() {
        let g = GroupName::parse("a/b?c#d%e f").unwrap();
        assert_eq!(g.segment(), "a%2Fb%3Fc%23d%25e%20f");
        let u = UserId::parse("%2e%2e").unwrap();
        assert_eq!(u.segment(), "%252e%252e");
    }

    #[test]
    fn serde_parses_through_the_rules() {
        let g: GroupName = serde_json::from_str("\"g1\"").unwrap();
        assert_eq!(g.as_str(), "g1");
        assert!(serde_json::from_str::<GroupName>("\"..\"").is_err());
        assert_eq!(serde_json::to_string(&g).unwrap(), "\"g1\"");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever a name is, its encoding is one segment that decodes back to it and that URL
        /// normalisation cannot turn into another path.
        #[test]
        fn any_accepted_name_is_one_reversible_segment(s in "\\PC{0,40}|[./%]{1,4}") {
            if let Ok(g) = GroupName::parse(s.clone()) {
                let seg = g.segment();
                prop_assert!(!seg.contains('/') && !seg.contains('?') && !seg.contains('#'));
                let decoded = percent_encoding::percent_decode_str(&seg).decode_utf8().unwrap();
                prop_assert_eq!(decoded.as_ref(), s.as_str());
                // As the REST client builds URLs: the path is set whole, and URL normalisation
                // must leave it as it is.
                let path = format!("/api/hubs/x/groups/{seg}/:send");
                let mut url = url::Url::parse("http://h/").unwrap();
                url.set_path(&path);
                prop_assert_eq!(url.path(), path);
            }
        }

        /// Parsing never panics and agrees with the rules written out plainly.
        #[test]
        fn parse_agrees_with_the_rules(s in "\\PC{0,8}|[\\x00-\\x7f]{0,6}|\\s{0,3}") {
            let ok = !s.is_empty()
                && s != "." && s != ".."
                && !s.chars().any(char::is_control)
                && s.chars().count() <= MAX_ID_CHARS;
            prop_assert_eq!(UserId::parse(s.clone()).is_ok(), ok);
            prop_assert_eq!(
                GroupName::parse(s.clone()).is_ok(),
                ok && !s.chars().all(char::is_whitespace)
            );
        }
    }
}
