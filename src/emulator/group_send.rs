//! A client's message to a group: the same rules whichever client protocol carries it (the
//! Web PubSub subprotocols' `sendToGroup`, an MQTT PUBLISH, an MQTT will).

use bytes::Bytes;

use crate::emulator::state::{fan_out, Conn, Hub, Outgoing, Selector};
use crate::wire::{DataType, GroupName, MessageSource};

/// What the service answers a client without the permission `webpubsub.sendToGroup[.G]`.
pub(crate) fn no_permission(group: &GroupName) -> String {
    format!("The client has no permission to send message to group '{group}'.")
}

/// Delivers `sender`'s message to every member of `group` (the sender too, unless `no_echo`);
/// `dress` adds what the sender's protocol carries besides the data (metadata, MQTT properties,
/// a time to live).
pub(crate) fn send(
    hub: &Hub,
    sender: &Conn,
    group: GroupName,
    no_echo: bool,
    data_type: DataType,
    payload: Bytes,
    dress: impl FnOnce(Outgoing) -> Outgoing,
) {
    let excluded = if no_echo {
        vec![sender.id.to_string()]
    } else {
        Vec::new()
    };
    let recipients = hub.select_group(
        &group,
        Selector {
            excluded: &excluded,
            filter: None,
        },
    );
    let msg = dress(Outgoing::new(
        MessageSource::Group,
        Some(group.into()),
        sender.user_id.clone(),
        data_type,
        payload,
    ));
    fan_out(hub, &recipients, &msg);
}
