//! Per-hub settings set through ARM (`PUT …/hubs/{hub}`): anonymous connect and the keep-alive
//! interval. The data plane reads them at each use, and socket tasks watch
//! [`HubSettings::subscribe`] so a new interval counts at once. A hub without settings behaves
//! as before ARM existed: token required, no server pings. (Event handlers live with the
//! upstream.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use super::state::lock;

/// The most hubs ARM may configure: each costs memory for as long as the emulator runs.
pub const MAX_HUBS: usize = 1000;
/// ARM's default `webSocketKeepAliveIntervalInSeconds`.
pub const DEFAULT_KEEP_ALIVE_SECS: u64 = 20;

/// One hub's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubConfig {
    /// The name as it was first written (hub names compare ignoring case).
    pub name: String,
    pub anonymous_connect: bool,
    pub keep_alive: Duration,
}

/// Refused: the emulator holds [`MAX_HUBS`] already.
#[derive(Debug)]
pub struct TooManyHubs;

#[derive(Default)]
pub struct HubSettings {
    hubs: Mutex<HashMap<String, Arc<HubConfig>>>,
    /// Bumped at every change.
    changed: watch::Sender<u64>,
}

impl HubSettings {
    pub fn get(&self, hub: &str) -> Option<Arc<HubConfig>> {
        lock(&self.hubs).get(&hub.to_ascii_lowercase()).cloned()
    }

    /// All configured hubs, by name.
    pub fn list(&self) -> Vec<Arc<HubConfig>> {
        let mut all: Vec<_> = lock(&self.hubs).values().cloned().collect();
        all.sort_by_key(|c| c.name.to_ascii_lowercase());
        all
    }

    /// Sets a hub's settings; an existing hub keeps its name's first spelling. Returns whether
    /// the hub is new, and what is stored.
    pub fn put(&self, mut config: HubConfig) -> Result<(bool, Arc<HubConfig>), TooManyHubs> {
        let key = config.name.to_ascii_lowercase();
        let mut hubs = lock(&self.hubs);
        let created = match hubs.get(&key) {
            Some(old) => {
                config.name = old.name.clone();
                false
            }
            None if hubs.len() >= MAX_HUBS => return Err(TooManyHubs),
            None => true,
        };
        let stored = Arc::new(config);
        hubs.insert(key, stored.clone());
        drop(hubs);
        self.changed.send_modify(|n| *n = n.wrapping_add(1));
        Ok((created, stored))
    }

    /// Removes a hub's settings; false when it had none.
    pub fn delete(&self, hub: &str) -> bool {
        let removed = lock(&self.hubs).remove(&hub.to_ascii_lowercase()).is_some();
        if removed {
            self.changed.send_modify(|n| *n = n.wrapping_add(1));
        }
        removed
    }

    pub fn anonymous_allowed(&self, hub: &str) -> bool {
        self.get(hub).is_some_and(|c| c.anonymous_connect)
    }

    /// How often the clients of `hub` get a Ping; `None` for none.
    pub fn keep_alive(&self, hub: &str) -> Option<Duration> {
        self.get(hub).map(|c| c.keep_alive)
    }

    /// Changes to any hub's settings.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hub(name: &str, anonymous: bool) -> HubConfig {
        HubConfig {
            name: name.into(),
            anonymous_connect: anonymous,
            keep_alive: Duration::from_secs(5),
        }
    }

    #[test]
    fn put_get_delete_ignore_case_and_notify() {
        let s = HubSettings::default();
        let mut rx = s.subscribe();
        assert!(!s.anonymous_allowed("chat"));
        assert_eq!(s.keep_alive("chat"), None);
        let (created, _) = s.put(hub("Chat", true)).unwrap();
        assert!(created);
        assert!(rx.has_changed().unwrap());
        rx.mark_unchanged();
        let (created, stored) = s.put(hub("CHAT", false)).unwrap();
        assert!(!created);
        assert_eq!(stored.name, "Chat");
        assert!(!s.anonymous_allowed("chat"));
        assert_eq!(s.keep_alive("cHaT"), Some(Duration::from_secs(5)));
        assert!(rx.has_changed().unwrap());
        assert!(s.delete("chat"));
        assert!(!s.delete("chat"));
        assert!(s.list().is_empty());
    }

    #[test]
    fn the_number_of_hubs_is_bounded() {
        let s = HubSettings::default();
        for i in 0..MAX_HUBS {
            s.put(hub(&format!("h{i}"), false)).unwrap();
        }
        assert!(s.put(hub("one_more", false)).is_err());
        // Updating an existing hub is still fine.
        assert!(s.put(hub("h0", true)).is_ok());
    }
}
