//! Which Web PubSub resource a command means: `-n/-g/--subscription` or `--ids`, as az takes them.

use std::fmt;

use crate::error::Error;

/// The resource provider path segment of a Web PubSub resource, as ARM spells it.
pub const PROVIDER: &str = "Microsoft.SignalRService/webPubSub";

/// A Web PubSub resource's id parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceId {
    pub subscription: String,
    pub resource_group: String,
    pub name: String,
}

impl ResourceId {
    /// Parses `/subscriptions/S/resourceGroups/G/providers/Microsoft.SignalRService/webPubSub/N`
    /// (segment names case-insensitive, as ARM compares them; a trailing `/` allowed).
    pub fn parse(id: &str) -> Result<Self, Error> {
        let bad = || {
            Error::usage(format!(
                "--ids {:?} is not a Web PubSub resource id",
                crate::output::sanitize_line(id)
            ))
            .with_hint("expected /subscriptions/SUB/resourceGroups/RG/providers/Microsoft.SignalRService/WebPubSub/NAME (az webpubsub show -n NAME -g RG --query id)")
        };
        let parts: Vec<&str> = id.trim().trim_matches('/').split('/').collect();
        let [s, sub, g, group, p, ns, ty, name] = parts.as_slice() else {
            return Err(bad());
        };
        let is = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        if !(is(s, "subscriptions")
            && is(g, "resourceGroups")
            && is(p, "providers")
            && is(ns, "Microsoft.SignalRService")
            && is(ty, "webPubSub"))
        {
            return Err(bad());
        }
        Self::new(sub, group, name).map_err(|_| bad())
    }

    /// From `-n`, `-g` and `--subscription`, each checked to be one path segment.
    pub fn new(subscription: &str, resource_group: &str, name: &str) -> Result<Self, Error> {
        for (what, v) in [
            ("--subscription", subscription),
            ("-g/--resource-group", resource_group),
            ("-n/--name", name),
        ] {
            if v.is_empty()
                || v.len() > 256
                || v.chars()
                    .any(|c| c == '/' || c == '?' || c == '#' || c == '%' || c.is_control())
            {
                return Err(Error::usage(format!(
                    "{what} {:?} is not a valid name",
                    crate::output::sanitize_line(v)
                ))
                .with_hint("names are what `az webpubsub list -o table` shows, without '/', '?', '#' or '%'"));
            }
        }
        Ok(ResourceId {
            subscription: subscription.to_string(),
            resource_group: resource_group.to_string(),
            name: name.to_string(),
        })
    }

    /// The path of the resource (no trailing `/`).
    pub fn path(&self) -> String {
        format!(
            "/subscriptions/{}/resourceGroups/{}/providers/{PROVIDER}/{}",
            self.subscription, self.resource_group, self.name
        )
    }
}

impl fmt::Display for ResourceId {
    /// How errors name the resource: `NAME in resource group RG (subscription SUB)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Web PubSub {:?} in resource group {:?} (subscription {})",
            self.name, self.resource_group, self.subscription
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_case_insensitively_and_round_trip() {
        let id = ResourceId::parse(
            "/subscriptions/s1/resourcegroups/rg/providers/microsoft.signalrservice/WebPubSub/n1/",
        )
        .unwrap();
        assert_eq!(id, ResourceId::new("s1", "rg", "n1").unwrap());
        assert_eq!(
            id.path(),
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.SignalRService/webPubSub/n1"
        );
        assert_eq!(ResourceId::parse(&id.path()).unwrap(), id);
    }

    #[test]
    fn other_ids_and_names_are_refused() {
        for bad in [
            "",
            "/subscriptions/s/resourceGroups/g",
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.SignalRService/SignalR/n",
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.SignalRService/webPubSub/n/hubs/h",
        ] {
            let e = ResourceId::parse(bad).unwrap_err();
            assert_eq!(e.exit, crate::error::Exit::Usage, "{bad}");
        }
        assert!(ResourceId::new("s", "g", "a/b").is_err());
        assert!(ResourceId::new("s", "", "n").is_err());
        assert!(ResourceId::new("s", "g", "n?x").is_err());
    }
}
