"""The CLI and the Python SDK, side by side: for the same operation, `webpubsub service …` and
azure-messaging-webpubsubservice must send the same request. Both are observed the same way, in
the emulator's --trace log, and compared on: method, path, query parameters (as a multiset: the
order differs), content type (the media type), body, and the REST JWT's claim set.

Known and accepted differences, named here so that anything else fails:
  * `iat`: the CLI's REST token carries `iat` (as the JS SDK's and .NET's do); Python's carries
    only `aud` and `exp`. Both are valid; the emulator accepts both.
  * `aud` is the request URL, so it follows each client's query order and percent-encoding
    (`%20` vs `+`); it is compared as scheme + host + path + the query multiset.
  * JSON bodies are compared as JSON values (Python serialises with `json.dumps`, which adds
    spaces; the CLI sends what it was given).
"""

import json
import os
import subprocess
import sys
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

from azure.core.exceptions import HttpResponseError

from harness import BIN, CS, TRACE, Client, check, eq, jwt_claims, scenario, service, summary

HUB = "cmp"
API = "2024-12-01"
CLI_ONLY_CLAIMS = {"iat"}
# Names that need percent-encoding in a path segment.
ODD_USER = "a b+c/d?e#f%g"
ODD_GROUP = "g #1/é+x"


def trace_lines():
    with open(TRACE, encoding="utf-8") as f:
        return f.read().splitlines()


def rest_records_since(start):
    out = []
    for line in trace_lines()[start:]:
        r = json.loads(line)
        if r.get("kind") == "rest" and r["path"].startswith(f"/api/hubs/{HUB}/"):
            out.append(r)
    return out


def observe(action):
    """Runs `action` and returns the one REST record it caused."""
    start = len(trace_lines())
    action()
    recs = rest_records_since(start)
    eq(len(recs), 1, "REST calls traced")
    return recs[0]


def cli(*args):
    cmd = [BIN, "service", "--connection-string", CS, "--hub", HUB, "--api-version", API, "-o", "json", *args]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
    if p.returncode not in (0, 1):
        raise AssertionError(f"{' '.join(args)} exited {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def media(ct):
    return (ct or "").split(";")[0].strip().lower() or None


def body_of(r):
    if "bodyBase64" in r:
        return ("base64", r["bodyBase64"])
    text = r.get("body", "")
    if media(r.get("contentType")) == "application/json" and text:
        try:
            return ("json", json.loads(text))
        except ValueError:
            pass
    return ("text", text)


def aud_key(aud):
    u = urlsplit(aud)
    return (u.scheme, u.netloc.lower(), u.path, sorted(parse_qsl(u.query, keep_blank_values=True)))


def compare(sdk, cli_rec):
    diffs = []
    for field in ("method", "path", "status"):
        if sdk[field] != cli_rec[field]:
            diffs.append(f"{field}: sdk {sdk[field]!r} vs cli {cli_rec[field]!r}")
    q_sdk = Counter(map(tuple, sdk["query"]))
    q_cli = Counter(map(tuple, cli_rec["query"]))
    if q_sdk != q_cli:
        diffs.append(f"query: sdk {sorted(q_sdk.elements())} vs cli {sorted(q_cli.elements())}")
    if media(sdk.get("contentType")) != media(cli_rec.get("contentType")):
        diffs.append(f"content type: sdk {sdk.get('contentType')!r} vs cli {cli_rec.get('contentType')!r}")
    if body_of(sdk) != body_of(cli_rec):
        diffs.append(f"body: sdk {body_of(sdk)!r} vs cli {body_of(cli_rec)!r}")
    c_sdk, c_cli = sdk["claims"], cli_rec["claims"]
    if not isinstance(c_sdk, dict) or not isinstance(c_cli, dict):
        diffs.append(f"claims: sdk {c_sdk!r} vs cli {c_cli!r}")
    else:
        if set(c_sdk) != set(c_cli) - CLI_ONLY_CLAIMS or not set(c_sdk) <= set(c_cli):
            diffs.append(f"claim names: sdk {sorted(c_sdk)} vs cli {sorted(c_cli)} (accepted: the CLI adds {sorted(CLI_ONLY_CLAIMS)})")
        if aud_key(c_sdk.get("aud", "")) != aud_key(c_cli.get("aud", "")):
            diffs.append(f"aud: sdk {c_sdk.get('aud')!r} vs cli {c_cli.get('aud')!r}")
    if diffs:
        raise AssertionError("; ".join(diffs))


def pair(sdk_action, *cli_args):
    def run():
        sdk = observe(sdk_action)
        other = observe(lambda: cli(*cli_args))
        compare(sdk, other)

    return run


def swallow_http(fn):
    def run():
        try:
            fn()
        except HttpResponseError:
            pass

    return run


def client_token_claims():
    """The client access token's claim set: Python's local mint, the emulator's :generateToken
    (through the CLI) and the CLI's local mint agree."""
    svc = service(HUB)
    roles = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup.g1"]
    py = jwt_claims(svc.get_client_access_token(user_id="alice", roles=roles, groups=["g1", "g2"], minutes_to_expire=5)["token"])
    emu = jwt_claims(json.loads(cli("token", "--user-id", "alice", "--role", roles[0], "--role", roles[1], "--group", "g1", "--group", "g2", "--expires-in", "5"))["token"])
    p = subprocess.run(
        [BIN, "client", "token", "--connection-string", CS, "--hub", HUB, "--user-id", "alice", "--role", roles[0], "--role", roles[1], "--group", "g1", "--group", "g2", "--expires-in", "5"],
        capture_output=True, text=True, timeout=30, check=True,
    )
    local = jwt_claims(p.stdout.strip().split()[-1] if not p.stdout.strip().startswith("{") else json.loads(p.stdout)["token"])
    for name, claims in (("emulator :generateToken", emu), ("CLI client token", local)):
        eq(sorted(claims), sorted(py), f"{name} claim names vs Python's")
        for k in ("aud", "sub", "role", "webpubsub.group"):
            eq(claims[k], py[k], f"{name} {k}")
        eq(claims["exp"] - claims["iat"], 300, f"{name} lifetime")


def main():
    svc = service(HUB)
    # Real members, so that the calls succeed on both sides.
    alice = Client(svc, user_id="alice").open()
    odd = Client(svc, user_id=ODD_USER).open()
    conn = Client(svc).open()
    try:
        cid = conn.connection_id
        pre = "cli-vs-sdk "
        scenario(
            pre + "send to all text with excluded and filter",
            pair(
                lambda: svc.send_to_all("hi all", excluded=["c1", "c2"], filter="userId ne 'bob'", content_type="text/plain"),
                "broadcast", "--payload", "hi all", "--excluded", "c1", "--excluded", "c2", "--filter", "userId ne 'bob'",
            ),
        )
        scenario(
            pre + "send to group json",
            pair(lambda: svc.send_to_group("g1", {"a": 1, "b": ["x"]}), "group", "send", "--group-name", "g1", "--payload", '{"a": 1, "b": ["x"]}', "--content-type", "json"),
        )
        scenario(pre + "add user to group", pair(lambda: svc.add_user_to_group("g1", "alice"), "group", "add-user", "--group-name", "g1", "--user-id", "alice"))
        scenario(
            pre + "add user to group, names that need percent-encoding",
            pair(lambda: svc.add_user_to_group(ODD_GROUP, ODD_USER), "group", "add-user", "--group-name", ODD_GROUP, "--user-id", ODD_USER),
        )
        scenario(
            pre + "grant permission with targetName",
            pair(lambda: svc.grant_permission("sendToGroup", cid, target_name="g1"), "permission", "grant", "--connection-id", cid, "--permission", "sendToGroup", "--group-name", "g1"),
        )
        scenario(
            pre + "close connection with reason",
            pair(lambda: svc.close_connection("no-such-conn", reason="bye now"), "connection", "close", "--connection-id", "no-such-conn", "--reason", "bye now"),
        )
        # The REST path of token generation: with an access key the SDK mints tokens itself, so
        # this calls the generated operation it falls back to when it has no key to mint with
        # (`super().get_client_access_token(...)` in the SDK): the next definition in the MRO.
        definers = [k for k in type(svc).__mro__ if "get_client_access_token" in vars(k)]
        rest_token = definers[1].get_client_access_token.__get__(svc)
        scenario(
            pre + "generate token with userId, roles, groups",
            pair(
                lambda: rest_token(user_id="alice", roles=["r1", "r2"], groups=["g1", "g2"], minutes_to_expire=5, client_protocol="Default"),
                "token", "--user-id", "alice", "--role", "r1", "--role", "r2", "--group", "g1", "--group", "g2", "--expires-in", "5", "--client-type", "Default",
            ),
        )
        scenario(pre + "client token claims: Python, :generateToken, CLI client token", client_token_claims)
    finally:
        alice.close()
        odd.close()
        conn.close()


if __name__ == "__main__":
    check(TRACE and os.path.exists(TRACE), "WPS_TRACE must name the emulator's --trace file")
    main()
    sys.exit(summary())
