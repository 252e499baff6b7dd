"""A forced socket drop: the Python client SDK (json.reliable) connects through a TCP proxy this
suite controls; the proxy resets the connection while a publisher keeps sending to the group; the
SDK recovers (awps_connection_id + awps_reconnection_token) and every message must arrive exactly
once, in order."""

import sys
import threading
import time

from azure.messaging.webpubsubclient.models import CallbackType

from harness import CS, Client, TcpProxy, check, emulator_port, eq, scenario, service, summary, wait_for, with_port

COUNT = 300


def recovery_no_loss():
    hub = "pyRecovery"
    svc = service(hub)
    proxy = TcpProxy(emulator_port())
    try:
        # The client sees the service at the proxy's address: its token's audience says so.
        via_proxy = service(hub, with_port(CS, proxy.port))
        c = Client(via_proxy, user_id="r", groups=["feed"]).open()
        try:
            first_id = c.connection_id
            sent = []

            def publish():
                for i in range(COUNT):
                    svc.send_to_group("feed", {"n": i}, content_type="application/json")
                    sent.append(i)
                    time.sleep(0.004)

            publisher = threading.Thread(target=publish)
            publisher.start()
            cuts = 0
            for at in (COUNT // 4, COUNT // 2):
                wait_for(lambda: len(c.messages()) >= at, f"{at} messages before cut {cuts + 1}", timeout=30)
                cuts += proxy.cut()
            publisher.join()
            eq(cuts, 2, "connections cut")
            wait_for(lambda: len(c.messages()) >= COUNT, f"all {COUNT} messages", timeout=40)
            time.sleep(0.3)  # anything extra (a duplicate) would arrive now
            got = [m.data["n"] for m in c.messages()]
            check(got == list(range(COUNT)), f"messages not exactly once in order: {len(got)} received, first problem at {next((i for i, (a, b) in enumerate(zip(got, range(COUNT))) if a != b), len(got))}")
            eq(len(c.of(CallbackType.CONNECTED)), 1, "connected callbacks (a recovery is not a new connection)")
            eq(c.sdk.is_connected(), True, "connected after recovery")
            check(proxy.accepted >= 3, f"the SDK reconnected through the proxy ({proxy.accepted} connections)")
            check(svc.connection_exists(first_id), "the same connection id survives")
        finally:
            c.close()
    finally:
        proxy.close()


if __name__ == "__main__":
    scenario("py-client recovery after a forced socket drop, no loss, no duplicates", recovery_no_loss)
    sys.exit(summary())
