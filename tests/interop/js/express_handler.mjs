// The emulator's upstream CloudEvents, received by @azure/web-pubsub-express's
// `WebPubSubEventHandler`: abuse-protection preflight, connect (sets the user id, groups and
// roles), connected, user events (the answer comes back to the client, with connection state),
// disconnected. Starts its own emulator with `--event-handler` pointing at an express app.

import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createInterface } from "node:readline";

import { Client, Skip, WebPubSubEventHandler, check, done, eq, express, scenario, service, waitFor } from "./harness.mjs";

const HUB = "jsExpress";
const BIN = process.env.WPS_BIN;

async function startExpress() {
  const app = express();
  const state = { handler: undefined, calls: [] };
  // The handler is made once the emulator's endpoint is known (for allowedEndpoints).
  app.use((req, res, next) => (state.handler ? state.handler.getMiddleware()(req, res, next) : next()));
  app.use((req, res) => {
    state.calls.push({ unhandled: `${req.method} ${req.url}` });
    res.status(404).end();
  });
  const server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { state, server, port: server.address().port };
}

function startEmulator(expressPort) {
  const handler = `url-template=http://127.0.0.1:${expressPort}/eventhandler/{event} user-event-pattern=* system-event=connect system-event=connected system-event=disconnected`;
  const child = spawn(BIN, ["emulator", "start", "--port", "0", "--event-handler", handler], { stdio: ["ignore", "pipe", "pipe"] });
  // Never leave it running, whatever ends this script.
  process.on("exit", () => child.kill("SIGTERM"));
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start: ${stderr}`)), 10000);
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve({ child, cs: line.trim(), stderr: () => stderr });
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}): ${stderr}`)));
  });
}

async function helpShowsEventHandler() {
  const out = await new Promise((resolve) => {
    const p = spawn(BIN, ["emulator", "start", "--help"]);
    let s = "";
    p.stdout.on("data", (d) => (s += d));
    p.on("close", () => resolve(s));
  });
  return out.includes("--event-handler");
}

async function eventHandlerRoundTrip() {
  if (!(await helpShowsEventHandler())) throw new Skip("`emulator start` has no --event-handler option yet");
  const ex = await startExpress();
  const emu = await startEmulator(ex.port);
  const accessKey = /AccessKey=([^;]+)/.exec(emu.cs)[1];
  const endpoint = /Endpoint=([^;]+)/.exec(emu.cs)[1];
  const calls = ex.state.calls;
  ex.state.handler = new WebPubSubEventHandler(HUB, {
    path: "/eventhandler",
    allowedEndpoints: [endpoint],
    handleConnect(req, res) {
      calls.push({ connect: req });
      if (req.queries?.deny) {
        res.fail(401, "denied by the handler");
        return;
      }
      res.setState("fromConnect", "yes");
      res.success({ userId: "from-handler", groups: ["handler-group"], roles: ["webpubsub.sendToGroup.handler-group"] });
    },
    onConnected(req) {
      calls.push({ connected: req });
    },
    handleUserEvent(req, res) {
      calls.push({ user: req, states: { ...req.context.states } }); // setState changes req's copy
      const n = (req.context.states?.n ?? 0) + 1;
      res.setState("n", n);
      if (req.context.eventName === "fail") {
        res.fail(500, "handler failed");
      } else if (req.dataType === "binary") {
        res.success(req.data, "binary");
      } else if (req.dataType === "json") {
        res.success(JSON.stringify({ echo: req.data, n }), "json");
      } else {
        res.success(`echo:${req.data}:${n}`, "text");
      }
    },
    onDisconnected(req) {
      calls.push({ disconnected: req });
    },
  });
  try {
    const svc = service(HUB, emu.cs);
    const { url } = await svc.getClientAccessToken({ userId: "from-token" });
    const c = new Client(url + "&extra=1", { messageRetryOptions: { maxRetries: 0 } });
    await c.sdk.start();
    try {
      await waitFor(() => c.connectionId, "connected");
      // connect: the handler saw the token's claims and the query, and its answer applies.
      const connect = calls.find((x) => x.connect)?.connect;
      check(connect, "no connect event");
      eq(connect.claims?.sub, ["from-token"], "connect claims.sub");
      eq(connect.queries?.extra, ["1"], "connect query");
      eq(connect.subprotocols, ["json.reliable.webpubsub.azure.v1"], "connect subprotocols");
      eq(connect.context.connectionId, c.connectionId, "connect context.connectionId");
      eq(connect.context.hub, HUB, "connect context.hub");
      eq(c.userId, "from-handler", "user id from the connect answer");
      const signature = "sha256=" + createHmac("sha256", accessKey).update(c.connectionId).digest("hex");
      eq(connect.context.signature, signature, "ce-signature");
      const connected = await waitFor(() => calls.find((x) => x.connected)?.connected, "the connected event");
      eq([connected.context.userId, connected.context.connectionId], ["from-handler", c.connectionId], "connected context");
      // The connect answer's groups and roles apply.
      await svc.group("handler-group").sendToAll("to-handler-group", { contentType: "text/plain" });
      await c.waitData("to-handler-group");
      await c.sdk.sendToGroup("handler-group", "role from handler", "text");
      // User events: the answer comes back as a server message, with the connection state kept.
      await c.sdk.sendEvent("echo", "hello", "text");
      eq((await c.waitData("echo:hello:1")).kind, "serverData", "text answer");
      await c.sdk.sendEvent("echo", { a: 1 }, "json");
      await c.waitData({ echo: { a: 1 }, n: 2 });
      await c.sdk.sendEvent("echo", Uint8Array.from([7, 8, 9]).buffer, "binary");
      const bin = await c.waitMessage((m) => m.dataType === "binary", "a binary answer");
      eq(Array.from(new Uint8Array(bin.data)), [7, 8, 9], "binary answer");
      const user = calls.filter((x) => x.user).map((x) => x.user);
      eq(user.map((u) => [u.context.eventName, u.dataType]), [["echo", "text"], ["echo", "json"], ["echo", "binary"]], "user events");
      // ce-connectionState: set by the connect answer, then by each event's answer, and sent back.
      eq(calls.filter((x) => x.user).map((x) => x.states), [{ fromConnect: "yes" }, { fromConnect: "yes", n: 1 }, { fromConnect: "yes", n: 2 }], "connection states");
      // A failing handler fails the event's ack.
      try {
        await c.sdk.sendEvent("fail", "x", "text");
        throw new Error("an event the handler failed was acked as success");
      } catch (e) {
        check(e.errorDetail?.name, `a failed ack, got ${e.message}`);
      }
      // A connect the handler refuses fails the handshake.
      const denied = new Client(url + "&deny=1", { autoReconnect: false });
      let refused = false;
      try {
        await denied.sdk.start();
      } catch {
        refused = true;
      } finally {
        denied.stop();
      }
      check(refused, "a connect the handler refused succeeded");
    } finally {
      c.stop();
    }
    const disconnected = await waitFor(
      () => calls.find((x) => x.disconnected && x.disconnected.context.connectionId === c.connectionId)?.disconnected,
      "the disconnected event",
    );
    eq(disconnected.context.userId, "from-handler", "disconnected context.userId");
    check(typeof disconnected.reason === "string" && disconnected.reason.length > 0, `disconnected reason ${JSON.stringify(disconnected.reason)}`);
    const unhandled = calls.filter((x) => x.unhandled);
    eq(unhandled, [], "requests the handler did not recognise");
  } finally {
    emu.child.kill("SIGTERM");
    ex.server.close();
  }
}

await scenario("js-express WebPubSubEventHandler receives the emulator's CloudEvents", eventHandlerRoundTrip);
done();
