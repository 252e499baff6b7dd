"""The protobuf subprotocols with Google's own protobuf tooling: the message classes are generated
at run time by grpcio-tools (protoc) from the repository's proto/webpubsub.client.proto (the
definitions Microsoft publishes), and a plain `websockets` client speaks
protobuf.reliable.webpubsub.azure.v1 with them: join, send, acks, Duplicate, sequence ids,
sequence acks, and recovery with awps_connection_id + awps_reconnection_token after a dropped
socket, next to a JSON client of Microsoft's client SDK. Then `webpubsub client start --protocol
protobuf` (the built binary, piped) exchanges group messages with such a client, protobuf data
(a packed google.protobuf.Any) included.

Environment (besides harness.py's): WPS_PROTO (the .proto file), WPS_WORK (a scratch folder).
"""

import base64
import glob
import importlib.util
import json
import os
import queue
import socket
import subprocess
import tempfile
import threading
import time

import grpc_tools
from grpc_tools import protoc
from google.protobuf import any_pb2, wrappers_pb2
from websockets.sync.client import connect

from harness import BIN, CS, Client, check, eq, scenario, service, summary

HUB = "pbinterop"
PROTOBUF = "protobuf.webpubsub.azure.v1"
RELIABLE = "protobuf.reliable.webpubsub.azure.v1"
ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"]
TIMEOUT = 5.0


def generate():
    """`protoc --python_out` on the repository's .proto, imported from the scratch folder."""
    proto = os.environ.get("WPS_PROTO") or os.path.join(os.path.dirname(__file__), "../../../proto/webpubsub.client.proto")
    proto = os.path.abspath(proto)
    out = tempfile.mkdtemp(prefix="pb2-", dir=os.environ.get("WPS_WORK") or None)
    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    name = os.path.basename(proto)
    rc = protoc.main(["protoc", f"-I{os.path.dirname(proto)}", f"-I{well_known}", f"--python_out={out}", name])
    if rc != 0:
        raise RuntimeError(f"protoc failed on {proto} (exit {rc})")
    # protoc names the module after the file, its dots as folders (webpubsub/client_pb2.py).
    found = glob.glob(os.path.join(out, "**", "*_pb2.py"), recursive=True)
    if len(found) != 1:
        raise RuntimeError(f"protoc wrote {found} for {proto}, not one module")
    path = found[0]
    spec = importlib.util.spec_from_file_location("webpubsub_client_pb2", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pb = generate()


def client_url(user):
    return service(HUB).get_client_access_token(user_id=user, roles=ROLES)["url"]


class PbClient:
    """A protobuf-subprotocol client on a raw WebSocket."""

    def __init__(self, url, protocol):
        self.url = url
        self.protocol = protocol
        self.ws = connect(url, subprotocols=[protocol], open_timeout=TIMEOUT, legacy=True)
        eq(self.ws.subprotocol, protocol, "selected subprotocol")
        self.pending = []
        first = self.recv()
        check(first.WhichOneof("message") == "system_message", f"first message is not system: {first}")
        self.connected = first.system_message.connected_message
        check(self.connected.connection_id, "connected without a connection id")

    def send(self, **request):
        self.ws.send(pb.UpstreamMessage(**request).SerializeToString())

    def recv(self):
        if self.pending:
            return self.pending.pop(0)
        frame = self.ws.recv(timeout=TIMEOUT)
        check(isinstance(frame, bytes), f"a text frame on {self.protocol}: {frame!r}")
        msg = pb.DownstreamMessage()
        msg.ParseFromString(frame)
        return msg

    def call(self, ack_id, **request):
        """Sends a request and returns its ack; other messages stay for recv(), in order."""
        self.send(**request)
        kept = []
        while True:
            m = self.recv()
            if m.WhichOneof("message") == "ack_message" and m.ack_message.ack_id == ack_id:
                self.pending = kept + self.pending
                return m.ack_message
            kept.append(m)

    def data(self):
        m = self.recv()
        check(m.WhichOneof("message") == "data_message", f"expected a data message, got {m}")
        return m.data_message

    def join(self, group, ack_id):
        return self.call(ack_id, join_group_message=pb.UpstreamMessage.JoinGroupMessage(group=group, ack_id=ack_id))

    def send_text(self, group, text, ack_id, no_echo=False):
        data = pb.MessageData(text_data=text)
        msg = pb.UpstreamMessage.SendToGroupMessage(group=group, ack_id=ack_id, data=data, no_echo=no_echo)
        return self.call(ack_id, send_to_group_message=msg)

    def drop(self):
        """Ends the TCP connection without a WebSocket close frame, as a network failure would."""
        sock = self.ws.socket
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()

    def close(self):
        try:
            self.ws.close()
        except Exception:  # pylint: disable=broad-except
            pass


def ok(ack, what):
    check(ack.success and not ack.HasField("error"), f"{what}: ack failed: {ack}")


def reliable_join_send_acks_and_sequence_ids():
    a = PbClient(client_url("pa"), RELIABLE)
    try:
        eq(a.connected.user_id, "pa", "connected user id")
        check(a.connected.reconnection_token, "no reconnection token on the reliable subprotocol")
        with Client(service(HUB), user_id="sdk", roles=ROLES) as sdk:
            sdk.sdk.join_group("g1")
            ok(a.join("g1", 1), "join")
            dup = a.join("g1", 1)
            check(not dup.success and dup.error.name == "Duplicate", f"a repeated ackId: {dup}")
            ok(a.send_text("g1", "from protobuf", 2), "send")
            echo = a.data()
            eq((echo.sequence_id, echo.group, echo.data.text_data), (1, "g1", "from protobuf"), "echo")
            eq(getattr(echo, "from"), "group", "from")
            sdk.wait_data("from protobuf")
            sdk.sdk.send_to_group("g1", {"n": 1}, "json")
            got = a.data()
            eq((got.sequence_id, json.loads(got.data.json_data)), (2, {"n": 1}), "JSON from the SDK")
            a.send(sequence_ack_message=pb.UpstreamMessage.SequenceAckMessage(sequence_id=2))
            a.send(ping_message=pb.UpstreamMessage.PingMessage())
            eq(a.recv().WhichOneof("message"), "pong_message", "answer to ping")
    finally:
        a.close()


def reliable_recovery_after_a_dropped_socket():
    url = client_url("pr")
    a = PbClient(url, RELIABLE)
    with Client(service(HUB), user_id="sdk2", roles=ROLES) as sdk:
        ok(a.join("g2", 1), "join")
        for i in (1, 2, 3):
            sdk.sdk.send_to_group("g2", f"m{i}", "text")
        seen = [a.data() for _ in range(3)]
        eq([(m.sequence_id, m.data.text_data) for m in seen], [(1, "m1"), (2, "m2"), (3, "m3")], "before the drop")
        # Acknowledge 2 (a ping's pong says it was read), then lose the socket.
        a.send(sequence_ack_message=pb.UpstreamMessage.SequenceAckMessage(sequence_id=2))
        a.send(ping_message=pb.UpstreamMessage.PingMessage())
        eq(a.recv().WhichOneof("message"), "pong_message", "answer to ping")
        a.drop()
        sdk.sdk.send_to_group("g2", "m4", "text")

        sep = "&" if "?" in url else "?"
        recovery = (
            f"{url}{sep}awps_connection_id={a.connected.connection_id}"
            f"&awps_reconnection_token={a.connected.reconnection_token}"
        )
        b = None
        deadline = time.time() + 10
        while b is None:
            try:
                ws = connect(recovery, subprotocols=[RELIABLE], open_timeout=TIMEOUT, legacy=True)
                b = ws
            except Exception:  # pylint: disable=broad-except
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        eq(b.subprotocol, RELIABLE, "recovery subprotocol")
        r = PbClient.__new__(PbClient)
        r.url, r.protocol, r.ws, r.pending, r.connected = recovery, RELIABLE, b, [], a.connected
        try:
            again = [r.data() for _ in range(2)]
            eq([(m.sequence_id, m.data.text_data) for m in again], [(3, "m3"), (4, "m4")], "replayed after recovery")
            # The same connection: its groups and its ackIds are still there.
            dup = r.join("g2", 1)
            check(not dup.success and dup.error.name == "Duplicate", f"the ackId before the drop: {dup}")
            sdk.sdk.send_to_group("g2", "m5", "text")
            m5 = r.data()
            eq((m5.sequence_id, m5.data.text_data), (5, "m5"), "after recovery")
        finally:
            r.close()


class Cli:
    """`webpubsub client start` in a pipe: lines in, JSON lines out."""

    def __init__(self, *args):
        cmd = [BIN, "client", "start", "--connection-string", CS, "--hub", HUB, *args]
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stdout:
            self.lines.put(json.loads(line))

    def write(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()

    def next(self, pred, what, timeout=15.0):
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            if left <= 0:
                raise AssertionError(f"client start printed no {what} within {timeout}s")
            try:
                v = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if pred(v):
                return v

    def finish(self):
        self.p.stdin.close()
        try:
            rc = self.p.wait(timeout=30)
        finally:
            if self.p.poll() is None:
                self.p.kill()
        err = self.p.stderr.read()
        eq(rc, 0, f"client start exit status (stderr: {err.strip()!r})")


def cli_protobuf_exchanges_group_messages_with_a_protobuf_client():
    a = PbClient(client_url("py"), PROTOBUF)
    cli = Cli("--protocol", "protobuf", "--user-id", "cli", "--group", "g3")
    try:
        connected = cli.next(lambda v: v.get("event") == "connected", "connected line")
        eq(connected.get("protocol"), PROTOBUF, "the CLI's subprotocol")
        ok(a.join("g3", 1), "join")

        cli.write("sendtogroup g3 hello from the cli --no-echo")
        cli.next(lambda v: v.get("type") == "ack" and v.get("ackId") == 1 and v.get("success"), "ack 1")
        got = a.data()
        eq((getattr(got, "from"), got.group, got.data.text_data), ("group", "g3", "hello from the cli"), "text from the CLI")

        # A packed Any from Python: the CLI shows it as protobuf data in base64 that unpacks.
        packed = any_pb2.Any()
        packed.Pack(wrappers_pb2.StringValue(value="packed by python"))
        msg = pb.UpstreamMessage.SendToGroupMessage(group="g3", ack_id=2, data=pb.MessageData(protobuf_data=packed), no_echo=True)
        ok(a.call(2, send_to_group_message=msg), "send protobuf data")
        line = cli.next(lambda v: v.get("type") == "message" and v.get("dataType") == "protobuf", "protobuf message")
        eq((line.get("from"), line.get("group")), ("group", "g3"), "protobuf message source")
        back = any_pb2.Any()
        back.ParseFromString(base64.b64decode(line["data"]))
        unpacked = wrappers_pb2.StringValue()
        check(back.Unpack(unpacked), f"the CLI's data is not the Any sent: {back}")
        eq(unpacked.value, "packed by python", "unpacked value")

        # And back: the CLI sends the same Any as protobuf data; Python unpacks it.
        cli.write(f"sendtogroup g3 {line['data']} --protobuf --no-echo")
        cli.next(lambda v: v.get("type") == "ack" and v.get("ackId") == 2 and v.get("success"), "ack 2")
        got = a.data()
        eq(got.data.WhichOneof("data"), "protobuf_data", "data case of the CLI's protobuf data")
        again = wrappers_pb2.StringValue()
        check(got.data.protobuf_data.Unpack(again), "the CLI's Any does not unpack")
        eq(again.value, "packed by python", "the CLI's Any")
        cli.finish()
    finally:
        a.close()
        if cli.p.poll() is None:
            cli.p.kill()


scenario("protobuf.reliable (protoc-generated): join, send, acks, Duplicate, sequence ids", reliable_join_send_acks_and_sequence_ids)
scenario("protobuf.reliable (protoc-generated): recovery after a dropped socket", reliable_recovery_after_a_dropped_socket)
scenario("client start --protocol protobuf <-> protoc-generated client (text, packed Any)", cli_protobuf_exchanges_group_messages_with_a_protobuf_client)
raise SystemExit(summary())
