"""Entra ID with the emulator as the issuer: the Python service SDK (azure-messaging-
webpubsubservice) given azure-identity's ManagedIdentityCredential, which speaks App Service's
managed-identity protocol to the emulator through IDENTITY_ENDPOINT and IDENTITY_HEADER (set by
tests/interop/run from the lines the emulator prints at start). That emulator has local auth
disabled, so only Entra ID gets in; the client tokens it mints still connect.

azure-core refuses bearer tokens over plain http unless a call says `enforce_https=False`
(a documented per-call option); the emulator is plain http, so every call here says it.
"""

import os
import time

from azure.core.exceptions import HttpResponseError
from azure.identity import ManagedIdentityCredential
from azure.messaging.webpubsubservice import WebPubSubServiceClient

from harness import CS, Client, check, eq, jwt_claims, scenario, service, summary

ENDPOINT = CS.split(";")[0].split("=", 1)[1]
PLAIN_HTTP = {"enforce_https": False}
SCOPE = "https://webpubsub.azure.com/.default"
# tests/interop/run starts the emulator with --entra-identity interop-reader=Reader.
READER = "interop-reader"


def environment():
    for name in ("IDENTITY_ENDPOINT", "IDENTITY_HEADER"):
        check(os.environ.get(name), f"{name} is not set")


def credential_token():
    tok = ManagedIdentityCredential().get_token(SCOPE)
    claims = jwt_claims(tok.token)
    eq(claims.get("aud"), "https://webpubsub.azure.com", "aud")
    eq(claims.get("iss"), ENDPOINT + "/entra/", "iss")
    eq(claims.get("tid"), "00000000-0000-0000-0000-0000000000e1", "tid")
    check(tok.expires_on > time.time() + 3000, f"expires_on {tok.expires_on} is not about an hour away")


def send_to_group_with_entra():
    svc = WebPubSubServiceClient(ENDPOINT, "pyEntra", credential=ManagedIdentityCredential())
    tok = svc.get_client_access_token(user_id="alice", groups=["eg"], **PLAIN_HTTP)
    check(tok["url"].startswith(ENDPOINT.replace("http", "ws", 1)), f"url {tok['url']}")
    with Client(None, url=tok["url"]) as c:
        eq(c.user_id, "alice", "connected userId")
        svc.send_to_group("eg", "hello from entra", content_type="text/plain", **PLAIN_HTTP)
        m = c.wait_data("hello from entra")
        eq(m.group, "eg", "group")
        svc.send_to_user("alice", {"to": "alice"}, **PLAIN_HTTP)
        c.wait_data({"to": "alice"})


def access_key_refused():
    try:
        service("pyEntra").send_to_all("nope", content_type="text/plain")
    except HttpResponseError as e:
        eq(e.status_code, 401, "status")
        check("local auth is disabled" in str(e).lower(), f"the error does not say why: {e}")
        return
    raise AssertionError("an access-key call got in with local auth disabled")


def reader_is_refused_403():
    svc = WebPubSubServiceClient(ENDPOINT, "pyEntra", credential=ManagedIdentityCredential(client_id=READER))
    try:
        svc.send_to_all("nope", content_type="text/plain", **PLAIN_HTTP)
    except HttpResponseError as e:
        eq(e.status_code, 403, "status")
        check("Web PubSub Service Owner" in str(e), f"the error does not name the role: {e}")
        return
    raise AssertionError("an identity without Web PubSub Service Owner could send")


scenario("py entra: IDENTITY_ENDPOINT and IDENTITY_HEADER are exported", environment)
scenario("py entra: ManagedIdentityCredential gets a token from the emulator", credential_token)
scenario("py entra: service SDK with a token credential sends to a group a client receives", send_to_group_with_entra)
scenario("py entra: access-key calls are refused when local auth is disabled", access_key_refused)
scenario("py entra: an identity without the data-plane role gets 403", reader_is_refused_403)
raise SystemExit(summary())
