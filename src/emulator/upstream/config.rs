//! `--event-handler` items: which events go to which URL, and the URL for one event.

use std::fmt;
use std::str::FromStr;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::Url;

use super::UpstreamError;

/// What `{event}` and `{hub}` expand to: everything but unreserved characters is escaped, so a
/// hub name with `` ` `` or `[` still makes one path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The system events a handler can subscribe to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemEvent {
    Connect,
    Connected,
    Disconnected,
}

impl SystemEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            SystemEvent::Connect => "connect",
            SystemEvent::Connected => "connected",
            SystemEvent::Disconnected => "disconnected",
        }
    }
}

/// Which user events a handler gets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum UserEventPattern {
    /// `user-event-pattern` omitted.
    #[default]
    None,
    /// `*`.
    All,
    /// A comma list of event names, matched case-insensitively.
    Names(Vec<String>),
}

impl UserEventPattern {
    pub fn matches(&self, event: &str) -> bool {
        match self {
            UserEventPattern::None => false,
            UserEventPattern::All => true,
            UserEventPattern::Names(names) => names.iter().any(|n| n.eq_ignore_ascii_case(event)),
        }
    }
}

/// One `--event-handler` of `emulator start`, az-style: space-separated `key=value` items, e.g.
/// `url-template=http://localhost:3000/eventhandler/{event} user-event-pattern=* system-event=connect system-event=connected hub=chat`.
///
/// Keys (case-insensitive; `-` and `_` optional, so `urlTemplate` works too):
/// `url-template` (required; may contain `{event}` and `{hub}`, not in the host),
/// `user-event-pattern` (`*` or a comma list of event names; omitted = no user events),
/// `system-event` (repeatable, or a comma list: `connect`, `connected`, `disconnected`),
/// `hub` (a hub name, or `*` = every hub, the default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerConfig {
    pub url_template: String,
    pub user_events: UserEventPattern,
    pub system_events: Vec<SystemEvent>,
    /// `None` = every hub.
    pub hub: Option<String>,
}

const KEYS_HINT: &str = "keys: url-template, user-event-pattern, system-event, hub";

impl FromStr for HandlerConfig {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut url_template: Option<String> = None;
        let mut user_events: Option<UserEventPattern> = None;
        let mut system_events: Vec<SystemEvent> = Vec::new();
        let mut hub: Option<Option<String>> = None;
        if s.trim().is_empty() {
            return Err(format!(
                "the event handler is empty; give at least url-template=<url> ({KEYS_HINT})"
            ));
        }
        for item in s.split_whitespace() {
            let Some((key, value)) = item.split_once('=') else {
                return Err(format!("'{item}' is not key=value ({KEYS_HINT})"));
            };
            let value = unquote(value);
            if value.is_empty() {
                return Err(format!("'{key}=' has no value"));
            }
            let normalized: String = key
                .chars()
                .filter(|c| *c != '-' && *c != '_')
                .collect::<String>()
                .to_ascii_lowercase();
            match normalized.as_str() {
                "urltemplate" => {
                    if url_template.is_some() {
                        return Err(
                            "url-template is given twice; use one per --event-handler".into()
                        );
                    }
                    check_url_template(value)?;
                    url_template = Some(value.to_string());
                }
                "usereventpattern" => {
                    if user_events.is_some() {
                        return Err(
                            "user-event-pattern is given twice; list the events with commas instead (a,b,c)"
                                .into(),
                        );
                    }
                    user_events = Some(parse_user_events(value)?);
                }
                "systemevent" | "systemevents" => {
                    for name in value.split(',') {
                        let event = match name.trim().to_ascii_lowercase().as_str() {
                            "connect" => SystemEvent::Connect,
                            "connected" => SystemEvent::Connected,
                            "disconnected" => SystemEvent::Disconnected,
                            _ => {
                                return Err(format!(
                                "unknown system-event '{}': use connect, connected or disconnected",
                                name.trim()
                            ))
                            }
                        };
                        if !system_events.contains(&event) {
                            system_events.push(event);
                        }
                    }
                }
                "hub" => {
                    if hub.is_some() {
                        return Err("hub is given twice; use one --event-handler per hub".into());
                    }
                    if value == "*" {
                        hub = Some(None);
                    } else {
                        crate::wire::HubName::parse(value).map_err(|e| e.to_string())?;
                        hub = Some(Some(value.to_string()));
                    }
                }
                _ => return Err(format!("unknown key '{key}' ({KEYS_HINT})")),
            }
        }
        let Some(url_template) = url_template else {
            return Err(format!(
                "url-template is missing, e.g. url-template=http://localhost:3000/eventhandler/{{event}} (in '{s}')"
            ));
        };
        let user_events = user_events.unwrap_or_default();
        if system_events.is_empty() && user_events == UserEventPattern::None {
            return Err(format!(
                "the handler for {url_template} gets no events: add system-event=connect|connected|disconnected or user-event-pattern=*"
            ));
        }
        Ok(HandlerConfig {
            url_template,
            user_events,
            system_events,
            hub: hub.flatten(),
        })
    }
}

impl fmt::Display for HandlerConfig {
    /// The canonical form, which parses back to the same config.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "url-template={}", self.url_template)?;
        match &self.user_events {
            UserEventPattern::None => {}
            UserEventPattern::All => write!(f, " user-event-pattern=*")?,
            UserEventPattern::Names(names) => write!(f, " user-event-pattern={}", names.join(","))?,
        }
        for e in &self.system_events {
            write!(f, " system-event={}", e.as_str())?;
        }
        write!(f, " hub={}", self.hub.as_deref().unwrap_or("*"))
    }
}

impl HandlerConfig {
    /// A handler of one hub from ARM's fields (`urlTemplate`, `userEventPattern`,
    /// `systemEvents`), checked like `--event-handler`.
    pub fn from_parts(
        url_template: &str,
        user_event_pattern: Option<&str>,
        system_events: &[String],
    ) -> Result<Self, String> {
        check_url_template(url_template)?;
        let user_events = match user_event_pattern.map(str::trim) {
            None | Some("") => UserEventPattern::None,
            Some(p) => parse_user_events(p)?,
        };
        let mut events = Vec::new();
        for name in system_events {
            let event = match name.trim().to_ascii_lowercase().as_str() {
                "connect" => SystemEvent::Connect,
                "connected" => SystemEvent::Connected,
                "disconnected" => SystemEvent::Disconnected,
                _ => {
                    return Err(format!(
                        "unknown system event '{}': use connect, connected or disconnected",
                        crate::output::sanitize_line(name.trim())
                    ))
                }
            };
            if !events.contains(&event) {
                events.push(event);
            }
        }
        if events.is_empty() && user_events == UserEventPattern::None {
            return Err(format!(
                "the handler for {url_template} gets no events: give systemEvents or a userEventPattern"
            ));
        }
        Ok(HandlerConfig {
            url_template: url_template.to_string(),
            user_events,
            system_events: events,
            hub: None,
        })
    }

    pub(super) fn serves_hub(&self, hub: &str) -> bool {
        self.hub
            .as_ref()
            .is_none_or(|h| h.eq_ignore_ascii_case(hub))
    }

    /// The URL for one event: the template with `{event}` and `{hub}` filled in.
    pub(super) fn url(&self, hub: &str, event: &str) -> Result<Url, UpstreamError> {
        let expanded = self
            .url_template
            .replace("{event}", &utf8_percent_encode(event, SEGMENT).to_string())
            .replace("{hub}", &utf8_percent_encode(hub, SEGMENT).to_string());
        Url::parse(&expanded).map_err(|e| UpstreamError::InvalidUrl {
            template: self.url_template.clone(),
            reason: e.to_string(),
        })
    }
}

/// Shell-style quotes around a value (`url-template="http://…"` typed inside one quoted argument).
fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

fn check_url_template(template: &str) -> Result<(), String> {
    let lower = template.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
    else {
        return Err(format!(
            "url-template '{template}' must start with http:// or https://"
        ));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() {
        return Err(format!("url-template '{template}' has no host"));
    }
    if authority.contains('{') || authority.contains('}') {
        return Err(format!(
            "url-template '{template}': placeholders are not allowed in the host, only in the path or query"
        ));
    }
    // Only {event} and {hub}: anything else in braces is most likely a typo such as {Event}.
    let mut tail = template;
    while let Some(open) = tail.find('{') {
        let after = &tail[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!("url-template '{template}' has a '{{' without '}}'"));
        };
        let name = &after[..close];
        if name != "event" && name != "hub" {
            return Err(format!(
                "url-template '{template}' has an unknown placeholder {{{name}}}: only {{event}} and {{hub}} are supported"
            ));
        }
        tail = &after[close + 1..];
    }
    let sample = template
        .replace("{event}", "validate")
        .replace("{hub}", "hub");
    let url = Url::parse(&sample)
        .map_err(|e| format!("url-template '{template}' is not a valid URL: {e}"))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("url-template '{template}' has no host"));
    }
    Ok(())
}

fn parse_user_events(value: &str) -> Result<UserEventPattern, String> {
    let mut names = Vec::new();
    for name in value.split(',') {
        let name = name.trim();
        if name == "*" {
            return Ok(UserEventPattern::All);
        }
        if !valid_event_name(name) {
            return Err(format!(
                "user-event-pattern '{value}': '{name}' is not an event name; use * alone, or a comma list of names (letters, digits, _ . -)"
            ));
        }
        names.push(name.to_string());
    }
    Ok(UserEventPattern::Names(names))
}

/// `^[a-z][a-z0-9_.-]{0,127}$`, case-insensitive: the service's event-name rule.
fn valid_event_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        && name.len() <= 128
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{EventContext, Upstream};
    use super::*;
    use crate::wire::DataType;
    use bytes::Bytes;

    #[test]
    fn parses_handler_configs() {
        let full: HandlerConfig = "url-template=http://localhost:3000/eventhandler/{event} user-event-pattern=* system-event=connect system-event=connected system-event=disconnected hub=chat"
            .parse()
            .unwrap();
        assert_eq!(
            full,
            HandlerConfig {
                url_template: "http://localhost:3000/eventhandler/{event}".into(),
                user_events: UserEventPattern::All,
                system_events: vec![
                    SystemEvent::Connect,
                    SystemEvent::Connected,
                    SystemEvent::Disconnected
                ],
                hub: Some("chat".into()),
            }
        );
        // Display is canonical and parses back.
        assert_eq!(full.to_string().parse::<HandlerConfig>().unwrap(), full);

        let minimal: HandlerConfig =
            "url-template=https://example.com/api/{hub}/{event}?code=abc system-event=connected"
                .parse()
                .unwrap();
        assert_eq!(minimal.user_events, UserEventPattern::None);
        assert_eq!(minimal.system_events, vec![SystemEvent::Connected]);
        assert_eq!(minimal.hub, None);

        let lenient: HandlerConfig =
            "  urlTemplate=\"http://h/x\"  user_event_pattern=Chat,b.c-d  SYSTEM-EVENT=Connect,disconnected,connect hub=*  "
                .parse()
                .unwrap();
        assert_eq!(lenient.url_template, "http://h/x");
        assert_eq!(
            lenient.user_events,
            UserEventPattern::Names(vec!["Chat".into(), "b.c-d".into()])
        );
        assert_eq!(
            lenient.system_events,
            vec![SystemEvent::Connect, SystemEvent::Disconnected]
        );
        assert_eq!(lenient.hub, None);
        assert_eq!(
            lenient.to_string().parse::<HandlerConfig>().unwrap(),
            lenient
        );

        let star_in_list: HandlerConfig = "url-template=http://h/ user-event-pattern=a,*"
            .parse()
            .unwrap();
        assert_eq!(star_in_list.user_events, UserEventPattern::All);
    }

    #[test]
    fn rejects_invalid_handler_configs() {
        let cases = [
            ("", "is empty"),
            ("system-event=connect", "url-template is missing"),
            ("url-template=http://h/", "gets no events"),
            ("url-template", "is not key=value"),
            ("url-template= system-event=connect", "has no value"),
            (
                "url-template=http://h/ auth-type=None system-event=connect",
                "unknown key 'auth-type'",
            ),
            (
                "url-template=http://h/ system-event=connecting",
                "unknown system-event 'connecting'",
            ),
            (
                "url-template=ftp://h/ system-event=connect",
                "must start with http:// or https://",
            ),
            (
                "url-template=h/x system-event=connect",
                "must start with http:// or https://",
            ),
            (
                "url-template=http://{event}.example.com/ system-event=connect",
                "not allowed in the host",
            ),
            (
                "url-template=http://h/{Event} system-event=connect",
                "unknown placeholder {Event}",
            ),
            (
                "url-template=http://h/{event system-event=connect",
                "without '}'",
            ),
            ("url-template=http:///x system-event=connect", "no host"),
            (
                "url-template=http://h:99999/ system-event=connect",
                "not a valid URL",
            ),
            (
                "url-template=http://a/ url-template=http://b/ system-event=connect",
                "given twice",
            ),
            (
                "url-template=http://h/ hub=chat hub=other system-event=connect",
                "given twice",
            ),
            (
                "url-template=http://h/ user-event-pattern=a user-event-pattern=b",
                "given twice",
            ),
            (
                "url-template=http://h/ hub=1chat system-event=connect",
                "invalid hub name",
            ),
            (
                "url-template=http://h/ user-event-pattern=chat*",
                "'chat*' is not an event name",
            ),
            (
                "url-template=http://h/ user-event-pattern=a,,b",
                "'' is not an event name",
            ),
        ];
        for (input, expected) in cases {
            let err = input.parse::<HandlerConfig>().unwrap_err();
            assert!(
                err.contains(expected),
                "{input:?}: {err:?} lacks {expected:?}"
            );
            assert!(
                !err.contains('\n'),
                "{input:?}: the error is not one line: {err:?}"
            );
        }
    }

    #[tokio::test]
    async fn url_template_expands_event_and_hub_and_hides_the_query() {
        let server = Server::start(validating(|_| reply(502, &[], ""))).await;
        let handler: HandlerConfig = format!(
            "url-template=http://{}/api/{{hub}}/events/{{event}}?code=secret&x=1 user-event-pattern=*",
            server.addr
        )
        .parse()
        .unwrap();
        let up = Upstream::new(vec![handler], KEY.into());
        let odd_hub = EventContext {
            hub: "Chat`1".into(),
            ..ctx()
        };
        let err = up
            .user_event(&odd_hub, "my.event", DataType::Text, Bytes::new())
            .await
            .unwrap_err();
        let requests = server.requests();
        assert_eq!(requests[0].path, "/api/Chat%601/events/validate");
        assert_eq!(requests[1].path, "/api/Chat%601/events/my.event");
        assert_eq!(requests[1].query.as_deref(), Some("code=secret&x=1"));
        assert_eq!(requests[1].header("ce-hub"), Some("Chat`1"));
        let text = err.to_string();
        assert!(
            text.contains("/api/Chat%601/events/my.event?… answered 502"),
            "{text}"
        );
        assert!(!text.contains("secret"), "{text}");
    }
}
