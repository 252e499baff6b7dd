"""MQTT interop: Eclipse paho-mqtt (MQTT 3.1.1 and 5.0 over WebSocket) with tokens from the
official Python service SDK (client_protocol="MQTT"), publishing and subscribing through the
emulator alongside the official Python client SDK, both ways; and `webpubsub client start
--protocol mqtt` (the built binary, piped) talking to paho-mqtt."""

import json
import os
import subprocess
import threading
import time
from urllib.parse import urlparse

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from azure.messaging.webpubsubclient.models import WebPubSubDataType

from harness import BIN, CS, Client, check, eq, jwt_claims, scenario, service, summary, wait_for

ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]


class Paho:
    """A paho-mqtt client over WebSocket that records what it receives."""

    def __init__(self, url, client_id, protocol, clean_start=True, properties=None, will=None):
        u = urlparse(url)
        self.protocol = protocol
        self.cv = threading.Condition()
        self.messages = []
        self.connected = None
        self.subacks = []
        v5 = protocol == mqtt.MQTTv5
        self.c = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2,
            client_id=client_id,
            transport="websockets",
            protocol=protocol,
            **({} if v5 else {"clean_session": clean_start}),
        )
        self.c.ws_set_options(path=f"{u.path}?{u.query}")
        self.c.on_connect = self._on_connect
        self.c.on_message = self._on_message
        self.c.on_subscribe = self._on_subscribe
        if will:
            self.c.will_set(will[0], will[1], qos=1)
        self.c.connect(
            u.hostname, u.port, keepalive=30, **({"clean_start": clean_start, "properties": properties} if v5 else {})
        )
        self.c.loop_start()
        rc = wait_for(lambda: self.connected, f"paho {client_id} CONNACK", timeout=10)
        check(not rc.is_failure, f"paho {client_id} refused: {rc}")

    def _on_connect(self, client, userdata, flags, rc, props=None):
        with self.cv:
            self.session_present = flags.session_present
            self.connected = rc

    def _on_message(self, client, userdata, msg):
        with self.cv:
            ct = getattr(msg.properties, "ContentType", None) if msg.properties else None
            expiry = getattr(msg.properties, "MessageExpiryInterval", None) if msg.properties else None
            self.messages.append((msg.topic, bytes(msg.payload), ct, msg.qos, expiry))

    def _on_subscribe(self, client, userdata, mid, rcs, props=None):
        with self.cv:
            self.subacks.append(rcs)

    def subscribe(self, topic):
        n = len(self.subacks)
        self.c.subscribe(topic, qos=1)
        rcs = wait_for(lambda: self.subacks[n] if len(self.subacks) > n else None, f"SUBACK for {topic}")
        check(all(not rc.is_failure for rc in rcs), f"subscribe {topic}: {rcs}")

    def publish(self, topic, payload, content_type=None, expiry=None):
        props = None
        if (content_type or expiry) and self.protocol == mqtt.MQTTv5:
            props = Properties(PacketTypes.PUBLISH)
            if content_type:
                props.ContentType = content_type
            if expiry:
                props.MessageExpiryInterval = expiry
        info = self.c.publish(topic, payload, qos=1, properties=props)
        info.wait_for_publish(timeout=10)
        check(info.is_published(), f"PUBACK for {topic}")

    def wait_payload(self, payload, timeout=10):
        def find():
            with self.cv:
                return next((m for m in self.messages if m[1] == payload), None)

        return wait_for(find, f"a PUBLISH with payload {payload!r}", timeout)

    def close(self):
        self.c.disconnect()
        self.c.loop_stop()


def mqtt_url(svc, **kwargs):
    token = svc.get_client_access_token(client_protocol="MQTT", roles=ROLES, **kwargs)
    eq(urlparse(token["url"]).path, f"/clients/mqtt/hubs/{svc._config.hub}", "the SDK's MQTT client URL")
    check(jwt_claims(token["token"])["aud"].endswith(f"/clients/mqtt/hubs/{svc._config.hub}"), "MQTT audience")
    return token["url"]


def paho_with_json_sdk(protocol, name):
    def run():
        hub = "pyMqtt" + name
        svc = service(hub)
        p = Paho(mqtt_url(svc, user_id="paho"), f"paho{name}", protocol)
        try:
            with Client(svc, user_id="sdk", roles=ROLES) as c:
                p.subscribe("room")
                c.sdk.join_group("room")
                # MQTT → JSON: 5.0 with a content type keeps the text type; 3.1.1 has none: binary.
                if protocol == mqtt.MQTTv5:
                    p.publish("room", b"from paho", content_type="text/plain")
                    m = c.wait_data("from paho")
                    eq((m.group, m.data_type, m.from_user_id), ("room", WebPubSubDataType.TEXT, "paho"), "text from paho")
                    p.publish("room", b'{"n":1}', content_type="application/json")
                    m = c.wait_data({"n": 1})
                    eq(m.data_type, WebPubSubDataType.JSON, "json from paho")
                else:
                    p.publish("room", b"\x00from paho\xff")
                    m = c.wait_message(lambda m: m.data_type == WebPubSubDataType.BINARY, "binary from paho")
                    eq(bytes(m.data), b"\x00from paho\xff", "binary payload")
                # JSON → MQTT: the UTF-8 bytes; 5.0 also gets the content type of the data type.
                c.sdk.send_to_group("room", "from sdk", WebPubSubDataType.TEXT)
                got = p.wait_payload(b"from sdk")
                eq(got[0], "room", "topic")
                eq(got[3], 1, "QoS min(1, granted 1)")
                c.sdk.send_to_group("room", {"k": [1, 2]}, WebPubSubDataType.JSON)
                got = p.wait_payload(b'{"k":[1,2]}')
                c.sdk.send_to_group("room", memoryview(b"\x01\x02"), WebPubSubDataType.BINARY)
                got_bin = p.wait_payload(b"\x01\x02")
                if protocol == mqtt.MQTTv5:
                    eq(got[2], "application/json", "content type of json")
                    eq(got_bin[2], "application/octet-stream", "content type of binary")
                else:
                    eq((got[2], got_bin[2]), (None, None), "no content type on 3.1.1")
                # A time to live crosses protocols: REST messageTtlSeconds is a 5.0 client's
                # message expiry interval, and an MQTT expiry interval comes back as one.
                if protocol == mqtt.MQTTv5:
                    # (The Python SDK 1.3.0 has no messageTtlSeconds: the CLI sends it.)
                    subprocess.run(
                        [BIN, "service", "group", "send", "--connection-string", CS, "--hub", hub, "--group-name", "room",
                         "--payload", "short-lived", "--content-type", "text", "--ttl", "60"],
                        check=True, capture_output=True,
                    )
                    got = p.wait_payload(b"short-lived")
                    check(got[4] is not None and 0 < got[4] <= 60, f"expiry interval from messageTtlSeconds: {got[4]}")
                    p.publish("room", b"mqtt expiry", expiry=90)
                    got = p.wait_payload(b"mqtt expiry")
                    check(got[4] is not None and 60 < got[4] <= 90, f"expiry interval carried: {got[4]}")
                # A REST send to the user: `$webpubsub/server/messages`.
                svc.send_to_user("paho", "to the user", content_type="text/plain")
                got = p.wait_payload(b"to the user")
                eq(got[0], "$webpubsub/server/messages", "topic of a server message")
        finally:
            p.close()

    return run


def session_resumes():
    """A 5.0 session with an expiry interval outlives its connection: subscriptions stay, and a
    QoS 1 message sent meanwhile arrives when the client comes back with clean_start=False."""
    svc = service("pyMqttSession")
    url = mqtt_url(svc, user_id="sess")
    props = Properties(PacketTypes.CONNECT)
    props.SessionExpiryInterval = 30
    p = Paho(url, "pahoSession", mqtt.MQTTv5, clean_start=False, properties=props)
    eq(p.session_present, False, "a new session")
    p.subscribe("room")
    p.close()
    # Give the emulator the DISCONNECT before the message (nothing asserts on this pause).
    time.sleep(0.5)
    with Client(svc, roles=ROLES) as c:
        c.sdk.send_to_group("room", "while away", WebPubSubDataType.TEXT)
    p = Paho(url, "pahoSession", mqtt.MQTTv5, clean_start=False, properties=props)
    try:
        eq(p.session_present, True, "the session is resumed")
        p.wait_payload(b"while away")
    finally:
        p.close()


def will_is_published():
    """A will reaches the group's JSON clients when the client disconnects with reason 0x04."""
    from paho.mqtt.reasoncodes import ReasonCode

    svc = service("pyMqttWill")
    with Client(svc, roles=ROLES) as c:
        c.sdk.join_group("room")
        p = Paho(mqtt_url(svc, user_id="w"), "pahoWill", mqtt.MQTTv5, will=("room", b"gone"))
        p.c.disconnect(reasoncode=ReasonCode(PacketTypes.DISCONNECT, "Disconnect with will message"))
        p.c.loop_stop()
        m = c.wait_message(lambda m: m.data_type == WebPubSubDataType.BINARY and bytes(m.data) == b"gone", "the will")
        eq(m.group, "room", "the will's group")


def wrong_audience_refused():
    svc = service("pyMqttAud")
    default_url = svc.get_client_access_token(roles=ROLES)["url"]
    token = default_url.split("access_token=")[1]
    port = urlparse(default_url).port
    try:
        Paho(f"ws://localhost:{port}/clients/mqtt/hubs/pyMqttAud?access_token={token}", "pahoAud", mqtt.MQTTv5)
    except Exception as e:  # pylint: disable=broad-except
        check("handshake" in str(e).lower() or "401" in str(e), f"refusal: {e}")
        return
    raise AssertionError("a default client's token got into the MQTT endpoint")


def cli_with_paho():
    """`webpubsub client start --protocol mqtt` (piped) and paho-mqtt 5.0, both ways."""
    hub = "pyMqttCli"
    svc = service(hub)
    p = Paho(mqtt_url(svc, user_id="paho"), "pahoCli", mqtt.MQTTv5)
    proc = subprocess.Popen(
        [BIN, "client", "start", "--connection-string", CS, "--hub", hub, "--protocol", "mqtt", "--user-id", "cli"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    lines = []
    lock = threading.Lock()

    def read():
        for line in proc.stdout:
            with lock:
                lines.append(json.loads(line))

    threading.Thread(target=read, daemon=True).start()

    def line(pred, what):
        def find():
            with lock:
                return next((l for l in lines if pred(l)), None)

        return wait_for(find, what, timeout=15)

    try:
        line(lambda l: l.get("event") == "connected", "the CLI's connected line")
        p.subscribe("room")
        proc.stdin.write("joingroup room\n")
        proc.stdin.flush()
        ack = line(lambda l: l.get("type") == "ack" and l.get("ackId") == 1, "SUBACK line")
        eq(ack["success"], True, "joingroup ack")
        p.publish("room", b"paho says hi", content_type="text/plain")
        m = line(lambda l: l.get("type") == "message" and l.get("data") == "paho says hi", "paho's message on the CLI")
        eq((m["from"], m["group"], m["dataType"]), ("group", "room", "text"), "CLI message line")
        proc.stdin.write('sendtogroup room {"from":"cli"} --json\n')
        proc.stdin.flush()
        ack = line(lambda l: l.get("type") == "ack" and l.get("ackId") == 2, "PUBACK line")
        eq(ack["success"], True, "sendtogroup ack")
        got = p.wait_payload(b'{"from":"cli"}')
        eq((got[0], got[2]), ("room", "application/json"), "the CLI's publish at paho")
        proc.stdin.close()
        eq(proc.wait(timeout=20), 0, f"CLI exit ({proc.stderr.read()})")
    finally:
        if proc.poll() is None:
            proc.kill()
        p.close()


if __name__ == "__main__":
    scenario("py/mqtt: paho-mqtt 3.1.1 <-> Python client SDK", paho_with_json_sdk(mqtt.MQTTv311, "V311"))
    scenario("py/mqtt: paho-mqtt 5.0 <-> Python client SDK", paho_with_json_sdk(mqtt.MQTTv5, "V5"))
    scenario("py/mqtt: a default token is refused at the MQTT endpoint", wrong_audience_refused)
    scenario("py/mqtt: a 5.0 session with an expiry is resumed with its messages", session_resumes)
    scenario("py/mqtt: the last will reaches JSON clients", will_is_published)
    scenario("py/mqtt: client start --protocol mqtt <-> paho-mqtt 5.0", cli_with_paho)
    raise SystemExit(summary())
