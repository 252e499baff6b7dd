"""The Python client SDK (azure-messaging-webpubsubclient) against the emulator: joining, sending
text/json/binary to groups, receiving, noEcho, events, server messages, both JSON protocols."""

import sys

from azure.messaging.webpubsubclient.models import SendMessageError, WebPubSubDataType, WebPubSubProtocolType

from harness import Client, check, eq, scenario, service, summary

ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]


def group_messages(protocol):
    def run():
        svc = service("pyClient" + ("Reliable" if protocol == WebPubSubProtocolType.JSON_RELIABLE else "Json"))
        with Client(svc, user_id="alice", roles=ROLES, protocol=protocol) as a, Client(
            svc, user_id="bob", roles=ROLES, protocol=protocol
        ) as b:
            a.sdk.join_group("room")
            b.sdk.join_group("room")
            a.sdk.send_to_group("room", "hello text", WebPubSubDataType.TEXT)
            a.sdk.send_to_group("room", {"hello": ["json", 1]}, WebPubSubDataType.JSON)
            a.sdk.send_to_group("room", memoryview(b"\x00\x01\xfe\xff"), WebPubSubDataType.BINARY)
            for x in (a, b):  # without noEcho the sender gets its own messages too
                m = x.wait_data("hello text")
                eq((m.group, m.from_user_id, m.data_type), ("room", "alice", WebPubSubDataType.TEXT), "text message")
                m = x.wait_data({"hello": ["json", 1]})
                eq(m.data_type, WebPubSubDataType.JSON, "json dataType")
                m = x.wait_message(lambda m: m.data_type == WebPubSubDataType.BINARY, "a binary message")
                eq(bytes(m.data), b"\x00\x01\xfe\xff", "binary data")
            if protocol == WebPubSubProtocolType.JSON_RELIABLE:
                seq = [m.sequence_id for m in b.messages()]
                eq(seq, list(range(1, len(seq) + 1)), "sequence ids")
            # noEcho: everyone but the sender.
            a.sdk.send_to_group("room", "no echo", WebPubSubDataType.TEXT, no_echo=True)
            b.wait_data("no echo")
            a.assert_no_data("no echo")
            # After leaving, nothing more arrives.
            b.sdk.leave_group("room")
            a.sdk.send_to_group("room", "after leave", WebPubSubDataType.TEXT)
            a.wait_data("after leave")
            b.assert_no_data("after leave", quiet=0.2)

    return run


def forbidden_without_roles():
    svc = service("pyClientForbidden")
    with Client(svc, message_retry_total=0) as c:
        for op, call in (
            ("join_group", lambda: c.sdk.join_group("g")),
            ("send_to_group", lambda: c.sdk.send_to_group("g", "x", WebPubSubDataType.TEXT)),
        ):
            try:
                call()
                raise AssertionError(f"{op} without a role succeeded")
            except SendMessageError as e:
                eq(e.error_detail.name, "Forbidden", f"{op} ack error")


def group_scoped_roles():
    svc = service("pyClientScoped")
    with Client(svc, roles=["webpubsub.joinLeaveGroup.a", "webpubsub.sendToGroup.a"], message_retry_total=0) as c:
        c.sdk.join_group("a")
        c.sdk.send_to_group("a", "in a", WebPubSubDataType.TEXT)
        c.wait_data("in a")
        try:
            c.sdk.join_group("b")
            raise AssertionError("joining b with a role for a succeeded")
        except SendMessageError as e:
            eq(e.error_detail.name, "Forbidden", "ack error")
    # Wildcard group roles: `*` matches within one dot-separated segment.
    with Client(svc, roles=["webpubsub.joinLeaveGroups.chat-*", "webpubsub.sendToGroups.chat-*"], message_retry_total=0) as c:
        c.sdk.join_group("chat-1")
        c.sdk.send_to_group("chat-1", "in chat-1", WebPubSubDataType.TEXT)
        c.wait_data("in chat-1")
        try:
            c.sdk.join_group("chat.1")
            raise AssertionError("joining chat.1 with webpubsub.joinLeaveGroups.chat-* succeeded")
        except SendMessageError as e:
            eq(e.error_detail.name, "Forbidden", "wildcard ack error")


def events():
    # With no upstream configured, the emulator accepts events (ack success).
    svc = service("pyClientEvents")
    with Client(svc) as c:
        c.sdk.send_event("myevent", "text payload", WebPubSubDataType.TEXT)
        c.sdk.send_event("myevent", {"a": 1}, WebPubSubDataType.JSON)
        c.sdk.send_event("myevent", memoryview(b"\x01\x02"), WebPubSubDataType.BINARY)
        c.sdk.send_event("fire.and-forget", "x", WebPubSubDataType.TEXT, ack=False)


def server_messages():
    svc = service("pyClientServer")
    with Client(svc, user_id="alice") as c:
        svc.send_to_user("alice", "to the user", content_type="text/plain")
        svc.send_to_connection(c.connection_id, {"to": "connection"})
        m = c.wait_data("to the user")
        eq(m.data_type, WebPubSubDataType.TEXT, "dataType")
        check(not hasattr(m, "group"), "a server message has no group")
        c.wait_data({"to": "connection"})


def groups_from_token():
    svc = service("pyClientToken")
    with Client(svc, user_id="u", groups=["tg"]) as c:
        svc.send_to_group("tg", "via token group", content_type="text/plain")
        m = c.wait_data("via token group")
        eq(m.group, "tg", "group")


if __name__ == "__main__":
    prefix = "py-client "
    scenario(prefix + "group messages text/json/binary, noEcho, leave (json.reliable)", group_messages(WebPubSubProtocolType.JSON_RELIABLE))
    scenario(prefix + "group messages text/json/binary, noEcho, leave (json)", group_messages(WebPubSubProtocolType.JSON))
    scenario(prefix + "join and send without roles are Forbidden", forbidden_without_roles)
    scenario(prefix + "group-scoped and wildcard roles", group_scoped_roles)
    scenario(prefix + "send_event text/json/binary acked", events)
    scenario(prefix + "server messages (user, connection)", server_messages)
    scenario(prefix + "groups from the token", groups_from_token)
    sys.exit(summary())
