"""Every operation of the Python `WebPubSubServiceClient` (azure-messaging-webpubsubservice),
checked by what real client-SDK clients (azure-messaging-webpubsubclient) observe."""

import io
import re
import sys

from azure.core.exceptions import HttpResponseError
from azure.messaging.webpubsubclient.models import CallbackType, SendMessageError, WebPubSubDataType

from harness import CS, Client, check, emulator_port, eq, jwt_claims, scenario, service, summary, wait_for

JOIN_SEND = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]


def client_access_token():
    svc = service("pyToken")
    tok = svc.get_client_access_token(user_id="alice", roles=JOIN_SEND, groups=["g1"], minutes_to_expire=5)
    claims = jwt_claims(tok["token"])
    eq(claims.get("sub"), "alice", "sub")
    eq(claims.get("role"), JOIN_SEND, "role")
    eq(claims.get("webpubsub.group"), ["g1"], "webpubsub.group")
    check(tok["url"].startswith(tok["baseUrl"] + "?access_token="), f"url {tok['url']}")
    # Connecting with it: the user id and the token's group are applied.
    with Client(svc, url=tok["url"]) as c:
        eq(c.user_id, "alice", "connected userId")
        svc.send_to_group("g1", "to-g1", content_type="text/plain")
        m = c.wait_data("to-g1")
        eq(m.group, "g1", "group")


def send_to_all_types():
    svc = service("pyAll")
    with Client(svc) as c:
        svc.send_to_all("plain text", content_type="text/plain")
        m = c.wait_data("plain text")
        eq(m.data_type, WebPubSubDataType.TEXT, "text dataType")
        svc.send_to_all({"a": 1, "b": [True, None]})
        m = c.wait_data({"a": 1, "b": [True, None]})
        eq(m.data_type, WebPubSubDataType.JSON, "json dataType")
        payload = bytes(range(256))
        svc.send_to_all(io.BytesIO(payload), content_type="application/octet-stream")
        m = c.wait_message(lambda m: m.data_type == WebPubSubDataType.BINARY, "a binary message")
        eq(bytes(m.data), payload, "binary data")


def send_to_all_excluded_filter():
    svc = service("pyAllSel")
    with Client(svc, user_id="alice") as a, Client(svc, user_id="bob") as b, Client(svc, user_id="carol") as c:
        svc.send_to_all("not-a", excluded=[a.connection_id], content_type="text/plain")
        b.wait_data("not-a")
        c.wait_data("not-a")
        a.assert_no_data("not-a")
        svc.send_to_all("not-bob", filter="userId ne 'bob'", content_type="text/plain")
        a.wait_data("not-bob")
        c.wait_data("not-bob")
        b.assert_no_data("not-bob")
        svc.send_to_all("both", excluded=[a.connection_id], filter="userId ne 'bob'", content_type="text/plain")
        c.wait_data("both")
        a.assert_no_data("both", quiet=0)
        b.assert_no_data("both", quiet=0.2)


def send_to_group():
    svc = service("pyGroup")
    with Client(svc, user_id="alice", groups=["g"]) as a, Client(svc, user_id="bob", groups=["g"]) as b, Client(
        svc, user_id="carol"
    ) as c:
        svc.send_to_group("g", {"k": "v"})
        for x in (a, b):
            m = x.wait_data({"k": "v"})
            eq(m.group, "g", "group")
            eq(m.from_user_id, None, "fromUserId of a REST message")
        svc.send_to_group("g", "excl", excluded=[a.connection_id], content_type="text/plain")
        b.wait_data("excl")
        svc.send_to_group("g", "filt", filter="userId eq 'alice'", content_type="text/plain")
        a.wait_data("filt")
        b.assert_no_data("filt", quiet=0)
        a.assert_no_data("excl", quiet=0.2)
        c.assert_no_data({"k": "v"}, quiet=0)


def send_to_user():
    svc = service("pyUser")
    with Client(svc, user_id="alice") as a1, Client(svc, user_id="alice") as a2, Client(svc, user_id="bob") as b:
        svc.send_to_user("alice", "hi alice", content_type="text/plain")
        a1.wait_data("hi alice")
        a2.wait_data("hi alice")
        svc.send_to_user("alice", "filtered", filter=f"connectionId eq '{a2.connection_id}'", content_type="text/plain")
        a2.wait_data("filtered")
        b.assert_no_data("hi alice", quiet=0)
        a1.assert_no_data("filtered")


def send_to_connection():
    svc = service("pyConn")
    with Client(svc) as a, Client(svc) as b:
        svc.send_to_connection(a.connection_id, {"only": "a"})
        m = a.wait_data({"only": "a"})
        eq(m.data_type, WebPubSubDataType.JSON, "dataType")
        b.assert_no_data({"only": "a"})
        # Unknown connection: fire and forget, no error.
        svc.send_to_connection("no-such-connection", "x", content_type="text/plain")


def connection_groups():
    svc = service("pyConnGroups")
    with Client(svc) as a:
        svc.add_connection_to_group("g1", a.connection_id)
        svc.add_connection_to_group("g2", a.connection_id)
        check(svc.group_exists("g1"), "g1 exists after add")
        svc.send_to_group("g1", "in-g1", content_type="text/plain")
        a.wait_data("in-g1")
        svc.remove_connection_from_group("g1", a.connection_id)
        check(not svc.group_exists("g1"), "g1 gone after remove")
        svc.send_to_group("g1", "after-remove", content_type="text/plain")
        svc.send_to_group("g2", "still-g2", content_type="text/plain")
        a.wait_data("still-g2")
        a.assert_no_data("after-remove", quiet=0)
        svc.remove_connection_from_all_groups(a.connection_id)
        check(not svc.group_exists("g2"), "g2 gone after remove from all")
        # An unknown connection cannot be added (404).
        try:
            svc.add_connection_to_group("g1", "no-such-connection")
            raise AssertionError("adding an unknown connection succeeded")
        except HttpResponseError as e:
            eq(e.status_code, 404, "status of adding an unknown connection")
        svc.remove_connection_from_all_groups("no-such-connection")


def user_groups():
    svc = service("pyUserGroups")
    with Client(svc, user_id="alice") as a1, Client(svc, user_id="alice") as a2, Client(svc, user_id="bob") as b:
        svc.add_user_to_group("g1", "alice")
        svc.add_user_to_group("g2", "alice")
        svc.send_to_group("g1", "alice-g1", content_type="text/plain")
        a1.wait_data("alice-g1")
        a2.wait_data("alice-g1")
        b.assert_no_data("alice-g1", quiet=0)
        svc.remove_user_from_group("g1", "alice")
        check(not svc.group_exists("g1"), "g1 gone")
        check(svc.group_exists("g2"), "g2 still there")
        svc.remove_user_from_all_groups("alice")
        check(not svc.group_exists("g2"), "g2 gone after remove from all")
        svc.remove_user_from_all_groups("nobody")


def exists():
    svc = service("pyExists")
    check(not svc.user_exists("alice"), "user_exists before")
    check(not svc.connection_exists("nope"), "connection_exists unknown")
    check(not svc.group_exists("g"), "group_exists before")
    with Client(svc, user_id="alice", groups=["g"]) as a:
        check(svc.user_exists("alice"), "user_exists")
        check(svc.connection_exists(a.connection_id), "connection_exists")
        check(svc.group_exists("g"), "group_exists")
        cid = a.connection_id
    wait_for(lambda: not svc.connection_exists(cid), "the connection to be gone after close")
    check(not svc.user_exists("alice"), "user_exists after close")


def permissions():
    svc = service("pyPerm")
    # No retries: a Forbidden send is final.
    with Client(svc, message_retry_total=0) as a:
        cid = a.connection_id
        check(not svc.has_permission("sendToGroup", cid, target_name="g1"), "no permission at first")
        try:
            a.sdk.send_to_group("g1", "x", WebPubSubDataType.TEXT)
            raise AssertionError("send_to_group without permission succeeded")
        except SendMessageError as e:
            eq(e.error_detail.name, "Forbidden", "ack error name")
        svc.grant_permission("sendToGroup", cid, target_name="g1")
        check(svc.has_permission("sendToGroup", cid, target_name="g1"), "has permission after grant")
        check(not svc.has_permission("sendToGroup", cid, target_name="g2"), "not for another group")
        a.sdk.send_to_group("g1", "x", WebPubSubDataType.TEXT)
        svc.grant_permission("joinLeaveGroup", cid, target_name="g1")
        a.sdk.join_group("g1")
        svc.revoke_permission("sendToGroup", cid, target_name="g1")
        check(not svc.has_permission("sendToGroup", cid, target_name="g1"), "revoked")
        try:
            a.sdk.send_to_group("g1", "y", WebPubSubDataType.TEXT)
            raise AssertionError("send_to_group after revoke succeeded")
        except SendMessageError as e:
            eq(e.error_detail.name, "Forbidden", "ack error name after revoke")
        svc.revoke_permission("sendToGroup", "no-such-connection", target_name="g1")
        try:
            svc.grant_permission("sendToGroup", "no-such-connection", target_name="g1")
            raise AssertionError("granting to an unknown connection succeeded")
        except HttpResponseError as e:
            eq(e.status_code, 404, "status of granting to an unknown connection")


def disconnected_message(c):
    return wait_for(lambda: c.of(CallbackType.DISCONNECTED), f"a disconnected callback on {c.connection_id}")[0].message


def close_connection():
    svc = service("pyClose")
    a = Client(svc, reconnect_retry_total=0).open()
    try:
        cid = a.connection_id
        svc.close_connection(cid, reason="bye now")
        eq(disconnected_message(a), "bye now", "disconnected message")
        wait_for(lambda: not svc.connection_exists(cid), "the connection to be gone")
    finally:
        a.close()


def close_group_user_all():
    svc = service("pyCloseMany")
    a = Client(svc, user_id="alice", groups=["g"], reconnect_retry_total=0).open()
    b = Client(svc, user_id="bob", groups=["g"], reconnect_retry_total=0).open()
    c = Client(svc, user_id="carol", reconnect_retry_total=0).open()
    d = Client(svc, user_id="dave", reconnect_retry_total=0).open()
    try:
        svc.close_group_connections("g", excluded=[b.connection_id], reason="group closed")
        eq(disconnected_message(a), "group closed", "group close reason")
        check(svc.connection_exists(b.connection_id), "excluded connection survives the group close")
        svc.close_user_connections("bob", reason="user closed")
        eq(disconnected_message(b), "user closed", "user close reason")
        svc.close_all_connections(excluded=[d.connection_id], reason="all closed")
        eq(disconnected_message(c), "all closed", "close-all reason")
        check(svc.connection_exists(d.connection_id), "excluded connection survives close-all")
    finally:
        for x in (a, b, c, d):
            x.close()


def connection_string_forms():
    # The forms the SDKs parse: `Port=` apart from the endpoint, lower-case keys, 127.0.0.1, and
    # the endpoint + AzureKeyCredential constructor.
    from azure.core.credentials import AzureKeyCredential
    from azure.messaging.webpubsubservice import WebPubSubServiceClient

    port = emulator_port()
    key = re.search(r"AccessKey=([^;]+)", CS).group(1)
    forms = {
        "Port=": f"Endpoint=http://localhost;Port={port};AccessKey={key};Version=1.0;",
        "lower-case keys": f"endpoint=http://localhost;port={port};accesskey={key};version=1.0;",
        "127.0.0.1": f"Endpoint=http://127.0.0.1:{port};AccessKey={key};Version=1.0;",
        "trailing /": f"Endpoint=http://localhost:{port}/;AccessKey={key};Version=1.0;",
    }
    for name, cs in forms.items():
        svc = service("pyConnStr", cs)
        with Client(svc, user_id="u") as c:
            svc.send_to_user("u", f"via {name}", content_type="text/plain")
            c.wait_data(f"via {name}")
            check(svc.connection_exists(c.connection_id), f"{name}: connection_exists")
    svc = WebPubSubServiceClient(endpoint=f"http://localhost:{port}", hub="pyConnStr", credential=AzureKeyCredential(key))
    with Client(svc, user_id="u") as c:
        svc.send_to_user("u", "via credential", content_type="text/plain")
        c.wait_data("via credential")


def list_connections():
    svc = service("pyList")
    clients = [Client(svc, user_id=f"u{i}", groups=["g"]).open() for i in range(5)]
    try:
        expected = {(c.connection_id, c.user_id) for c in clients}
        got = {(m.connection_id, m.user_id) for m in svc.list_connections(group="g")}
        eq(got, expected, "all members")
        eq(len(list(svc.list_connections(group="g", top=3))), 3, "top=3")
        pages = list(svc.list_connections(group="g", maxpagesize=2).by_page())
        eq([len(list(p)) for p in pages], [2, 2, 1], "page sizes with maxpagesize=2")
        pages = list(svc.list_connections(group="g", top=3, maxpagesize=2).by_page())
        eq([len(list(p)) for p in pages], [2, 1], "page sizes with top=3, maxpagesize=2")
        eq(list(svc.list_connections(group="empty")), [], "empty group")
    finally:
        for c in clients:
            c.close()


if __name__ == "__main__":
    prefix = "py-service "
    scenario(prefix + "get_client_access_token and connect", client_access_token)
    scenario(prefix + "send_to_all text/json/binary", send_to_all_types)
    scenario(prefix + "send_to_all excluded and filter", send_to_all_excluded_filter)
    scenario(prefix + "send_to_group json, excluded, filter", send_to_group)
    scenario(prefix + "send_to_user", send_to_user)
    scenario(prefix + "send_to_connection", send_to_connection)
    scenario(prefix + "add/remove connection to/from group(s)", connection_groups)
    scenario(prefix + "add/remove user to/from group(s)", user_groups)
    scenario(prefix + "connection/group/user exists", exists)
    scenario(prefix + "grant/revoke/has permission", permissions)
    scenario(prefix + "close_connection with reason", close_connection)
    scenario(prefix + "close group/user/all connections", close_group_user_all)
    scenario(prefix + "list_connections with top and maxpagesize", list_connections)
    scenario(prefix + "connection string forms and AzureKeyCredential", connection_string_forms)
    sys.exit(summary())
