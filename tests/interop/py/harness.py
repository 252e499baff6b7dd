"""Shared helpers for the Python interop scenarios.

Each scenario is a function run by `scenario()`, which prints exactly one line:
`PASS name`, `FAIL name: why` or `SKIP name: why`. `tests/interop/run` counts those lines.

Environment (set by `tests/interop/run`):
  WPS_CONNECTION_STRING  the emulator's connection string (its first stdout line)
  WPS_TRACE              the emulator's --trace file
  WPS_BIN                the webpubsub binary
"""

import base64
import json
import logging
import os
import sys
import threading
import time
import traceback

from azure.messaging.webpubsubclient import WebPubSubClient, WebPubSubClientCredential
from azure.messaging.webpubsubclient.models import CallbackType
from azure.messaging.webpubsubservice import WebPubSubServiceClient

CS = os.environ["WPS_CONNECTION_STRING"]
TRACE = os.environ.get("WPS_TRACE", "")
BIN = os.environ.get("WPS_BIN", "webpubsub")
VERBOSE = os.environ.get("WPS_VERBOSE") == "1"

_counts = {"pass": 0, "fail": 0}

# The client SDK logs every reconnect attempt as a warning; the scenario lines say what matters.
logging.getLogger("azure").setLevel(logging.DEBUG if VERBOSE else logging.CRITICAL)

# azure-messaging-webpubsubclient 1.1.0 has two lost-wake-up races: `open()` starts the socket
# thread before it waits on the condition that `on_open` notifies, and `_send_message_with_ack_id`
# sends before it waits on the condition the ack notifies. Against a local emulator the answer
# often arrives in between, and the SDK then sleeps out the whole timeout (30 s by default) before
# it reads the result it already has (the result itself is right). Shorter timeouts keep the cost
# of a lost wake-up small; they change nothing else. Not an emulator difference: the service
# answers the same way, only further away.
SDK_TIMEOUTS = {"ack_timeout": 1.0, "start_timeout": 1.5}


def scenario(name, fn, *args):
    """Runs one scenario and prints its line. Never raises."""
    start = time.time()
    try:
        fn(*args)
    except Skip as e:
        print(f"SKIP {name}: {e}", flush=True)
        return
    except Exception as e:  # pylint: disable=broad-except
        _counts["fail"] += 1
        why = f"{type(e).__name__}: {e}".replace("\n", " | ")
        print(f"FAIL {name}: {why}", flush=True)
        if VERBOSE:
            traceback.print_exc(file=sys.stderr)
        return
    _counts["pass"] += 1
    suffix = f" ({time.time() - start:.1f}s)" if VERBOSE else ""
    print(f"PASS {name}{suffix}", flush=True)


class Skip(Exception):
    pass


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def eq(actual, expected, what=""):
    if actual != expected:
        raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}" if what else f"expected {expected!r}, got {actual!r}")


def wait_for(pred, what, timeout=5.0):
    """Polls `pred` until it is truthy; returns its value or raises."""
    deadline = time.time() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.time() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.02)


def service(hub, cs=CS):
    return WebPubSubServiceClient.from_connection_string(cs, hub=hub)


def jwt_claims(token):
    payload = token.split(".")[1]
    payload += "=" * (-len(payload) % 4)
    return json.loads(base64.urlsafe_b64decode(payload))


class Client:
    """A client-SDK client that records what it receives."""

    def __init__(self, svc, user_id=None, roles=None, groups=None, protocol=None, url=None, **kwargs):
        self.events = []
        self.cv = threading.Condition()
        self.connection_id = None
        self.user_id = None
        if url is None:
            token = svc.get_client_access_token(user_id=user_id, roles=roles or [], groups=groups or [])
            url = token["url"]
        self.url = url
        opts = dict(SDK_TIMEOUTS)
        opts.update(kwargs)
        if protocol is not None:
            opts["protocol_type"] = protocol
        self.sdk = WebPubSubClient(WebPubSubClientCredential(lambda: url), **opts)
        for kind in (
            CallbackType.CONNECTED,
            CallbackType.DISCONNECTED,
            CallbackType.STOPPED,
            CallbackType.SERVER_MESSAGE,
            CallbackType.GROUP_MESSAGE,
        ):
            self.sdk.subscribe(kind, self._recorder(kind))

    def _recorder(self, kind):
        def record(args=None):
            with self.cv:
                if kind == CallbackType.CONNECTED:
                    self.connection_id = args.connection_id
                    self.user_id = args.user_id
                self.events.append((kind, args))
                self.cv.notify_all()

        return record

    def open(self):
        self.sdk.open()
        wait_for(lambda: self.connection_id, "the connected callback")
        return self

    def close(self):
        try:
            self.sdk.close()
        except Exception:  # pylint: disable=broad-except
            pass

    def __enter__(self):
        return self.open()

    def __exit__(self, *exc):
        self.close()

    def messages(self, kind=None):
        with self.cv:
            return [a for k, a in self.events if k in (CallbackType.SERVER_MESSAGE, CallbackType.GROUP_MESSAGE) and (kind is None or k == kind)]

    def of(self, kind):
        with self.cv:
            return [a for k, a in self.events if k == kind]

    def wait_message(self, pred, what, timeout=5.0):
        return wait_for(lambda: next((m for m in self.messages() if pred(m)), None), what, timeout)

    def wait_data(self, data, timeout=5.0):
        return self.wait_message(lambda m: m.data == data, f"a message with data {data!r}", timeout)

    def assert_no_data(self, data, quiet=0.4):
        time.sleep(quiet)
        got = [m for m in self.messages() if m.data == data]
        check(not got, f"connection {self.connection_id} got {data!r} but should not have")


def summary():
    """Exit status for the script: failures are counted by the runner from the lines."""
    sys.stdout.flush()
    return 0 if _counts["fail"] == 0 else 1


class TcpProxy:
    """A TCP proxy the suite controls: `cut()` kills every proxied connection at once (no
    WebSocket close frame, as a network failure would), while new connections keep working."""

    def __init__(self, target_port, target_host="127.0.0.1"):
        import socket

        self._socket = socket
        self.target = (target_host, target_port)
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.pairs = []
        self.accepted = 0
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = self._socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.pairs.append((client, upstream))
                self.accepted += 1
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src, dst):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(self._socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self):
        """Resets every live connection (RST, no FIN, no close frame)."""
        import struct

        with self.lock:
            pairs, self.pairs = self.pairs, []
        for pair in pairs:
            for s in pair:
                try:
                    s.setsockopt(self._socket.SOL_SOCKET, self._socket.SO_LINGER, struct.pack("ii", 1, 0))
                    s.close()
                except OSError:
                    pass
        return len(pairs)

    def close(self):
        self.closed = True
        self.cut()
        self.listener.close()


def with_port(cs, port):
    """The connection string with its endpoint's port replaced."""
    import re

    return re.sub(r"(Endpoint=https?://[^;:/]+):\d+", lambda m: f"{m.group(1)}:{port}", cs)


def emulator_port(cs=CS):
    import re

    return int(re.search(r"Endpoint=https?://[^;:/]+:(\d+)", cs).group(1))
