// MQTT interop: npm `mqtt` (MQTT.js, 3.1.1 and 5.0 over WebSocket) with tokens from the official
// JS service SDK (clientProtocol "mqtt"), publishing and subscribing through the emulator
// alongside the official JS client SDK (@azure/web-pubsub-client), both ways.

import { createRequire } from "node:module";
import path from "node:path";

import { Client, check, done, eq, jwtClaims, scenario, service, waitFor } from "./harness.mjs";

const require = createRequire(path.join(process.env.WPS_NPM_DIR, "package.json"));
const mqtt = require("mqtt");

const ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];

/** An MQTT.js client that records what it receives. */
async function openMqtt(url, clientId, protocolVersion) {
  const received = [];
  // MQTT.js's own default client id ("mqttjs_…") has a character the service refuses.
  const client = mqtt.connect(url, { clientId, protocolVersion, keepalive: 30, reconnectPeriod: 0, connectTimeout: 10000 });
  client.on("message", (topic, payload, packet) => {
    received.push({ topic, payload: Buffer.from(payload), contentType: packet.properties?.contentType, qos: packet.qos });
  });
  await new Promise((resolve, reject) => {
    client.once("connect", resolve);
    client.once("error", reject);
  });
  return {
    client,
    received,
    async subscribe(topic) {
      const granted = await client.subscribeAsync(topic, { qos: 1 });
      check(granted.every((g) => g.qos === 1), `SUBACK for ${topic}: ${JSON.stringify(granted)}`);
    },
    async publish(topic, payload, contentType) {
      const opts = { qos: 1 };
      if (contentType && protocolVersion === 5) opts.properties = { contentType };
      await client.publishAsync(topic, payload, opts);
    },
    waitPayload(bytes) {
      const want = Buffer.from(bytes);
      return waitFor(() => received.find((m) => m.payload.equals(want)), `a PUBLISH with ${want.toString("hex")}`, 10000);
    },
    async end() {
      await client.endAsync();
    },
  };
}

async function mqttUrl(svc, hub, options) {
  const { url, token } = await svc.getClientAccessToken({ clientProtocol: "mqtt", roles: ROLES, ...options });
  eq(new URL(url).pathname, `/clients/mqtt/hubs/${hub}`, "the SDK's MQTT client URL");
  check(jwtClaims(token).aud.endsWith(`/clients/mqtt/hubs/${hub}`), "MQTT audience");
  return url;
}

function withSdk(protocolVersion) {
  return async () => {
    const hub = `jsMqttV${protocolVersion}`;
    const svc = service(hub);
    const m = await openMqtt(await mqttUrl(svc, hub, { userId: "mqttjs" }), `mqttjs${protocolVersion}`, protocolVersion);
    const c = await Client.open(svc, { userId: "sdk", roles: ROLES });
    try {
      await m.subscribe("room");
      await c.sdk.joinGroup("room");
      // MQTT → JSON.
      if (protocolVersion === 5) {
        await m.publish("room", "from mqtt.js", "text/plain");
        const got = await c.waitData("from mqtt.js");
        eq([got.group, got.dataType, got.fromUserId], ["room", "text", "mqttjs"], "text from mqtt.js");
        await m.publish("room", JSON.stringify({ n: 2 }), "application/json");
        eq((await c.waitData({ n: 2 })).dataType, "json", "json from mqtt.js");
      } else {
        await m.publish("room", Buffer.from([0, 9, 255]));
        const got = await c.waitMessage((x) => x.dataType === "binary", "binary from mqtt.js");
        eq(Array.from(new Uint8Array(got.data)), [0, 9, 255], "binary payload");
      }
      // JSON → MQTT.
      await c.sdk.sendToGroup("room", "from sdk", "text");
      const text = await m.waitPayload("from sdk");
      eq([text.topic, text.qos], ["room", 1], "topic and QoS");
      await c.sdk.sendToGroup("room", { k: [1, 2] }, "json");
      const json = await m.waitPayload('{"k":[1,2]}');
      eq(json.contentType, protocolVersion === 5 ? "application/json" : undefined, "content type");
      // REST to the user: `$webpubsub/server/messages`.
      await svc.sendToUser("mqttjs", "to the user", { contentType: "text/plain" });
      eq((await m.waitPayload("to the user")).topic, "$webpubsub/server/messages", "server message topic");
    } finally {
      c.stop();
      await m.end();
    }
  };
}

async function wildcardRefused() {
  const hub = "jsMqttWild";
  const svc = service(hub);
  const m = await openMqtt(await mqttUrl(svc, hub, {}), "mqttjsWild", 5);
  try {
    // MQTT.js turns a failure reason in SUBACK into an error carrying the packet.
    const err = await m.client.subscribeAsync("a/+", { qos: 1 }).then(
      () => null,
      (e) => e,
    );
    check(err, "subscribing to a/+ succeeded");
    // 0xA2 Wildcard Subscriptions not supported.
    eq(err.packet?.granted, [0xa2], "SUBACK reason");
  } finally {
    await m.end();
  }
}

await scenario("js/mqtt: mqtt.js 3.1.1 <-> JS client SDK", withSdk(4));
await scenario("js/mqtt: mqtt.js 5.0 <-> JS client SDK", withSdk(5));
await scenario("js/mqtt: a wildcard subscription is refused in SUBACK", wildcardRefused);
done();
