// The JS client SDK (@azure/web-pubsub-client) against the emulator: joining, sending
// text/json/binary to groups, receiving, noEcho, events, server messages, both JSON protocols,
// and a forced socket drop through a TCP proxy with recovery and no loss.

import { Client, CS, TcpProxy, check, clientSdk, done, emulatorPort, eq, scenario, service, sleep, waitFor, withPort } from "./harness.mjs";

const ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];
const { WebPubSubJsonProtocol, WebPubSubJsonReliableProtocol } = clientSdk;

async function using(clients, fn) {
  try {
    return await fn(...clients);
  } finally {
    for (const c of clients) c.stop();
  }
}

function groupMessages(reliable) {
  return async () => {
    const svc = service(reliable ? "jsClientReliable" : "jsClientJson");
    const protocol = reliable ? WebPubSubJsonReliableProtocol() : WebPubSubJsonProtocol();
    await using(
      [await Client.open(svc, { userId: "alice", roles: ROLES }, { protocol }), await Client.open(svc, { userId: "bob", roles: ROLES }, { protocol })],
      async (a, b) => {
        await a.sdk.joinGroup("room");
        await b.sdk.joinGroup("room");
        await a.sdk.sendToGroup("room", "hello text", "text");
        await a.sdk.sendToGroup("room", { hello: ["json", 1] }, "json");
        await a.sdk.sendToGroup("room", Uint8Array.from([0, 1, 254, 255]).buffer, "binary");
        for (const x of [a, b]) {
          const m = await x.waitData("hello text");
          eq([m.group, m.fromUserId, m.dataType], ["room", "alice", "text"], "text message");
          eq((await x.waitData({ hello: ["json", 1] })).dataType, "json", "json dataType");
          const bin = await x.waitMessage((m) => m.dataType === "binary", "a binary message");
          eq(Array.from(new Uint8Array(bin.data)), [0, 1, 254, 255], "binary data");
        }
        if (reliable) {
          const seq = b.messages().map((m) => m.sequenceId);
          eq(seq, seq.map((_, i) => i + 1), "sequence ids");
        }
        await a.sdk.sendToGroup("room", "no echo", "text", { noEcho: true });
        await b.waitData("no echo");
        await a.assertNoData("no echo");
        await a.sdk.sendToGroup("room", "fire and forget", "text", { fireAndForget: true });
        await b.waitData("fire and forget");
        await b.sdk.leaveGroup("room");
        await a.sdk.sendToGroup("room", "after leave", "text");
        await a.waitData("after leave");
        await b.assertNoData("after leave", 200);
      },
    );
  };
}

async function forbidden() {
  const svc = service("jsClientForbidden");
  await using([await Client.open(svc, {}, { messageRetryOptions: { maxRetries: 0 } })], async (c) => {
    for (const [op, call] of [
      ["joinGroup", () => c.sdk.joinGroup("g")],
      ["sendToGroup", () => c.sdk.sendToGroup("g", "x", "text")],
    ]) {
      try {
        await call();
      } catch (e) {
        eq(e.errorDetail?.name, "Forbidden", `${op} ack error`);
        continue;
      }
      throw new Error(`${op} without a role succeeded`);
    }
  });
}

async function events() {
  // With no upstream configured, the emulator accepts events (ack success).
  const svc = service("jsClientEvents");
  await using([await Client.open(svc)], async (c) => {
    const r = await c.sdk.sendEvent("myevent", "text payload", "text");
    check(r.ackId !== undefined, `ack result ${JSON.stringify(r)}`);
    await c.sdk.sendEvent("myevent", { a: 1 }, "json");
    await c.sdk.sendEvent("myevent", Uint8Array.from([1, 2]).buffer, "binary");
    await c.sdk.sendEvent("fire.and-forget", "x", "text", { fireAndForget: true });
    // A repeated ackId is answered Duplicate, which the SDK reports as success (isDuplicated).
    const first = await c.sdk.sendEvent("myevent", "once", "text", { ackId: 1000 });
    eq(first.isDuplicated, false, "first send");
    const again = await c.sdk.sendEvent("myevent", "once", "text", { ackId: 1000 });
    eq(again.isDuplicated, true, "same ackId again");
  });
}

async function serverMessages() {
  const svc = service("jsClientServer");
  await using([await Client.open(svc, { userId: "alice" })], async (c) => {
    await svc.sendToUser("alice", "to the user", { contentType: "text/plain" });
    await svc.sendToConnection(c.connectionId, { to: "connection" });
    const m = await c.waitData("to the user");
    eq([m.kind, m.dataType], ["serverData", "text"], "server message");
    eq((await c.waitData({ to: "connection" })).kind, "serverData", "kind");
  });
}

async function metadataAndTtl() {
  // X-WebPubSub-Metadata-* request headers (sent through the service SDK's customHeaders) reach
  // the client SDK's messages as `metadata`; messageTtlSeconds is accepted and a message taken in
  // time arrives.
  const svc = service("jsClientMetadata");
  await using([await Client.open(svc, { userId: "meta", groups: ["room"] })], async (c) => {
    const requestOptions = { customHeaders: { "X-WebPubSub-Metadata-Trace": "t-1" } };
    await svc.group("room").sendToAll("with metadata", { contentType: "text/plain", requestOptions });
    const m = await c.waitData("with metadata");
    eq([m.kind, m.metadata], ["groupData", { trace: "t-1" }], "group message metadata");
    await svc.sendToAll("with ttl", { contentType: "text/plain", messageTtlSeconds: 60 });
    eq((await c.waitData("with ttl")).metadata, undefined, "no metadata");
  });
}

async function autoRejoin() {
  // A connection the service closes is not recoverable; the SDK starts a new one and joins its
  // groups again (autoRejoinGroups).
  const svc = service("jsClientRejoin");
  await using([await Client.open(svc, { userId: "r", roles: ROLES })], async (c) => {
    await c.sdk.joinGroup("keep");
    const first = c.connectionId;
    await svc.closeConnection(first, { reason: "go away" });
    await waitFor(() => c.connectionId !== first, "a new connection", 10000);
    await waitFor(async () => (await svc.group("keep").listConnections().then(async (it) => {
      for await (const m of it) if (m.connectionId === c.connectionId) return true;
      return false;
    })), "the rejoined group", 10000);
    await svc.group("keep").sendToAll("after rejoin", { contentType: "text/plain" });
    await c.waitData("after rejoin");
  });
}

async function keepAlive() {
  // Pings every 100 ms; a client that hears nothing for 1 s closes itself. The emulator's pongs
  // must keep this one alive, idle, for 2.5 s.
  const svc = service("jsClientKeepAlive");
  await using([await Client.open(svc, {}, { keepAliveIntervalInMs: 100, keepAliveTimeoutInMs: 1000 })], async (c) => {
    const id = c.connectionId;
    await sleep(2500);
    eq(c.of("disconnected").length, 0, "disconnected events while idle");
    eq(c.connectionId, id, "connection id");
    check(await svc.connectionExists(id), "the connection is still there");
  });
}

// `invokeEvent`: an `invoke` frame, answered by `invokeResponse` (no upstream handler here, so
// success with no data).
async function invoke() {
  const svc = service("jsClientInvoke");
  await using([await Client.open(svc)], async (c) => {
    const r = await c.sdk.invokeEvent("ev", "x", "text");
    check(r.invocationId !== undefined, `invoke result ${JSON.stringify(r)}`);
    eq(c.of("disconnected").length, 0, "disconnected events");
  });
}

function recovery(count) {
  return async () => {
    const hub = "jsRecovery";
    const svc = service(hub);
    const proxy = new TcpProxy(emulatorPort());
    const port = await proxy.listen();
    try {
      const viaProxy = service(hub, withPort(CS, port));
      await using([await Client.open(viaProxy, { userId: "r", groups: ["feed"] })], async (c) => {
        const firstId = c.connectionId;
        let cuts = 0;
        const publisher = (async () => {
          for (let i = 0; i < count; i++) {
            await svc.group("feed").sendToAll({ n: i });
            await sleep(3);
          }
        })();
        for (const at of [Math.floor(count / 4), Math.floor(count / 2)]) {
          await waitFor(() => c.messages().length >= at, `${at} messages before cut ${cuts + 1}`, 30000);
          cuts += proxy.cut();
        }
        await publisher;
        eq(cuts, 2, "connections cut");
        await waitFor(() => c.messages().length >= count, `all ${count} messages`, 40000);
        await sleep(300);
        const got = c.messages().map((m) => m.data.n);
        const firstBad = got.findIndex((n, i) => n !== i);
        check(got.length === count && firstBad === -1, `not exactly once in order: ${got.length} received, first problem at ${firstBad}`);
        eq(c.of("connected").length, 1, "connected events (a recovery is not a new connection)");
        eq(c.connectionId, firstId, "connection id");
        check(proxy.accepted >= 3, `the SDK reconnected through the proxy (${proxy.accepted} connections)`);
        check(await svc.connectionExists(firstId), "the connection survives");
      });
    } finally {
      proxy.close();
    }
  };
}

// The client sends across forced drops: each send carries its own ackId, so the SDK's retry after
// recovery reuses it, and the emulator answers `Duplicate` for a send it already ran (its ack was
// lost with the socket) instead of running it twice. A receiver on a direct connection must get
// every message exactly once, in order.
function sendAcrossDrops(count) {
  return async () => {
    const hub = "jsSendRecovery";
    const svc = service(hub);
    const proxy = new TcpProxy(emulatorPort());
    const port = await proxy.listen();
    try {
      const viaProxy = service(hub, withPort(CS, port));
      await using(
        [await Client.open(viaProxy, { userId: "sender", roles: ROLES }), await Client.open(svc, { userId: "receiver", groups: ["feed"] })],
        async (sender, receiver) => {
          let cuts = 0;
          let duplicates = 0;
          for (let i = 0; i < count; i++) {
            if (i === Math.floor(count / 3) || i === Math.floor((2 * count) / 3)) {
              // The emulator runs the send; its ack is lost with the socket.
              const cut = proxy.cutWhenServerSends(`"ackId":${1000 + i},`);
              const r = await sender.sdk.sendToGroup("feed", { n: i }, "json", { ackId: 1000 + i });
              cuts += await cut;
              if (r.isDuplicated) duplicates++;
              continue;
            }
            const r = await sender.sdk.sendToGroup("feed", { n: i }, "json", { ackId: 1000 + i });
            if (r.isDuplicated) duplicates++;
          }
          eq(cuts, 2, "connections cut");
          eq(duplicates, 2, "sends the SDK retried after the drop and the emulator answered Duplicate");
          await waitFor(() => receiver.messages().length >= count, `all ${count} messages`, 20000);
          await sleep(300);
          const got = receiver.messages().map((m) => m.data.n);
          const firstBad = got.findIndex((n, i) => n !== i);
          check(got.length === count && firstBad === -1, `not exactly once in order: ${got.length} received, first problem at ${firstBad} (${duplicates} Duplicate acks)`);
          eq(sender.of("connected").length, 1, "the sender recovered rather than reconnected");
        },
      );
    } finally {
      proxy.close();
    }
  };
}

const p = "js-client ";
await scenario(p + "group messages text/json/binary, noEcho, leave (json.reliable)", groupMessages(true));
await scenario(p + "group messages text/json/binary, noEcho, leave (json)", groupMessages(false));
await scenario(p + "join and send without roles are Forbidden", forbidden);
await scenario(p + "sendEvent text/json/binary acked, Duplicate ackId", events);
await scenario(p + "server messages (user, connection)", serverMessages);
await scenario(p + "REST metadata headers and messageTtlSeconds reach the client SDK", metadataAndTtl);
await scenario(p + "new connection after a service close, groups rejoined", autoRejoin);
await scenario(p + "keep-alive pings answered with pongs", keepAlive);
await scenario(p + "invokeEvent", invoke);
await scenario(p + "recovery after a forced socket drop, no loss, no duplicates", recovery(300));
await scenario(p + "sending across forced socket drops, exactly once (ackId, Duplicate)", sendAcrossDrops(120));
done();
