// Shared helpers for the JS interop scenarios.
//
// Each scenario prints exactly one line: `PASS name`, `FAIL name: why` or `SKIP name: why`;
// `tests/interop/run` counts them. The SDKs are loaded from the throwaway npm folder the runner
// installed them in (WPS_NPM_DIR), so nothing lands in the repository.
//
// Environment (set by tests/interop/run): WPS_CONNECTION_STRING, WPS_NPM_DIR, WPS_TRACE, WPS_BIN.

import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

const require = createRequire(path.join(process.env.WPS_NPM_DIR, "package.json"));
export const { WebPubSubServiceClient, AzureKeyCredential } = require("@azure/web-pubsub");
export const clientSdk = require("@azure/web-pubsub-client");
export const { WebPubSubClient } = clientSdk;
export const { WebPubSubEventHandler } = require("@azure/web-pubsub-express");
export const express = require("express");

export const CS = process.env.WPS_CONNECTION_STRING;
const VERBOSE = process.env.WPS_VERBOSE === "1";
let failed = 0;

export class Skip extends Error {}

export async function scenario(name, fn) {
  const start = Date.now();
  try {
    await fn();
  } catch (e) {
    if (e instanceof Skip) {
      console.log(`SKIP ${name}: ${e.message}`);
      return;
    }
    failed++;
    const why = `${e?.name ?? "Error"}: ${e?.message ?? e}`.replace(/\n/g, " | ");
    console.log(`FAIL ${name}: ${why}`);
    if (VERBOSE) console.error(e);
    return;
  }
  console.log(`PASS ${name}${VERBOSE ? ` (${((Date.now() - start) / 1000).toFixed(1)}s)` : ""}`);
}

export function done() {
  process.exit(failed ? 1 : 0);
}

export function check(cond, what) {
  if (!cond) throw new Error(what);
}

export function eq(actual, expected, what = "") {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what ? what + ": " : ""}expected ${e}, got ${a}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(pred, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await sleep(20);
  }
}

export function service(hub, cs = CS) {
  return new WebPubSubServiceClient(cs, hub, { allowInsecureConnection: true });
}

export function jwtClaims(token) {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
}

/** A client-SDK client that records what it receives. */
export class Client {
  constructor(url, options = {}) {
    this.events = [];
    this.connectionId = undefined;
    this.userId = undefined;
    this.sdk = new WebPubSubClient(url, options);
    for (const kind of ["connected", "disconnected", "stopped", "server-message", "group-message"]) {
      this.sdk.on(kind, (e) => {
        if (kind === "connected") {
          this.connectionId = e.connectionId;
          this.userId = e.userId;
        }
        this.events.push({ kind, e });
      });
    }
  }

  static async open(svc, tokenOptions = {}, clientOptions = {}) {
    const { url } = await svc.getClientAccessToken(tokenOptions);
    const c = new Client(url, clientOptions);
    await c.sdk.start();
    await waitFor(() => c.connectionId, "the connected event");
    return c;
  }

  stop() {
    try {
      this.sdk.stop();
    } catch {
      // already stopped
    }
  }

  of(kind) {
    return this.events.filter((x) => x.kind === kind).map((x) => x.e);
  }

  messages() {
    return this.events
      .filter((x) => x.kind === "server-message" || x.kind === "group-message")
      .map((x) => x.e.message);
  }

  waitMessage(pred, what, timeoutMs = 5000) {
    return waitFor(() => this.messages().find(pred), what, timeoutMs);
  }

  waitData(data, timeoutMs = 5000) {
    const want = JSON.stringify(data);
    return this.waitMessage((m) => JSON.stringify(m.data) === want, `a message with data ${want}`, timeoutMs);
  }

  async assertNoData(data, quietMs = 400) {
    await sleep(quietMs);
    const want = JSON.stringify(data);
    check(!this.messages().some((m) => JSON.stringify(m.data) === want), `${this.connectionId} got ${want} but should not have`);
  }
}

/** A TCP proxy the suite controls: `cut()` resets every proxied connection (no close frame). */
export class TcpProxy {
  constructor(targetPort, targetHost = "127.0.0.1") {
    this.pairs = new Set();
    this.accepted = 0;
    this.server = net.createServer((client) => {
      this.accepted++;
      const upstream = net.connect(targetPort, targetHost);
      const pair = [client, upstream];
      this.pairs.add(pair);
      client.pipe(upstream);
      // Service-to-client bytes are unmasked WebSocket frames, so a marker in a frame's text is
      // visible here: `cutWhenServerSends` drops the chunk that carries it and resets everything.
      upstream.on("data", (chunk) => {
        if (this.trigger && chunk.includes(this.trigger.marker)) {
          const { resolve } = this.trigger;
          this.trigger = undefined;
          resolve(this.cut());
          return;
        }
        client.write(chunk);
      });
      const end = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on("error", end).on("close", end);
      upstream.on("error", end).on("close", end);
    });
  }

  listen() {
    return new Promise((resolve) => this.server.listen(0, "127.0.0.1", () => resolve(this.server.address().port)));
  }

  /** Resolves (with the number of connections cut) once the marker went by and was dropped. */
  cutWhenServerSends(marker) {
    return new Promise((resolve) => {
      this.trigger = { marker: Buffer.from(marker), resolve };
    });
  }

  cut() {
    const n = this.pairs.size;
    for (const [a, b] of this.pairs) {
      a.resetAndDestroy();
      b.resetAndDestroy();
    }
    this.pairs.clear();
    return n;
  }

  close() {
    this.cut();
    this.server.close();
  }
}

export function withPort(cs, port) {
  return cs.replace(/(Endpoint=https?:\/\/[^;:/]+):\d+/, (_, head) => `${head}:${port}`);
}

export function emulatorPort(cs = CS) {
  return Number(/Endpoint=https?:\/\/[^;:/]+:(\d+)/.exec(cs)[1]);
}
