// Every operation of the JS `WebPubSubServiceClient` (@azure/web-pubsub), checked by what real
// client-SDK clients (@azure/web-pubsub-client) observe.

import { AzureKeyCredential, CS, Client, WebPubSubServiceClient, check, done, emulatorPort, eq, jwtClaims, scenario, service, waitFor } from "./harness.mjs";

const ROLES = ["webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"];
const NO_RECONNECT = { autoReconnect: false };

async function using(clients, fn) {
  try {
    return await fn(...clients);
  } finally {
    for (const c of clients) c.stop();
  }
}

async function expectStatus(promise, status, what) {
  try {
    await promise;
  } catch (e) {
    eq(e.statusCode, status, `${what}: status`);
    return;
  }
  throw new Error(`${what} succeeded; expected ${status}`);
}

async function clientAccessToken() {
  const svc = service("jsToken");
  const tok = await svc.getClientAccessToken({ userId: "alice", roles: ROLES, groups: ["g1"], expirationTimeInMinutes: 5 });
  const claims = jwtClaims(tok.token);
  eq(claims.sub, "alice", "sub");
  eq(claims.role, ROLES, "role");
  eq(claims["webpubsub.group"], ["g1"], "webpubsub.group");
  check(claims.exp - claims.iat === 300, `exp - iat = ${claims.exp - claims.iat}`);
  check(tok.url.startsWith(tok.baseUrl + "?access_token="), `url ${tok.url}`);
  const c = new Client(tok.url);
  await c.sdk.start();
  await using([c], async () => {
    await waitFor(() => c.userId, "connected");
    eq(c.userId, "alice", "userId");
    await svc.group("g1").sendToAll("to-g1", { contentType: "text/plain" });
    eq((await c.waitData("to-g1")).group, "g1", "group");
  });
}

async function sendToAllTypes() {
  const svc = service("jsAll");
  await using([await Client.open(svc)], async (c) => {
    await svc.sendToAll("plain text", { contentType: "text/plain" });
    eq((await c.waitData("plain text")).dataType, "text", "text dataType");
    await svc.sendToAll({ a: 1, b: [true, null] });
    eq((await c.waitData({ a: 1, b: [true, null] })).dataType, "json", "json dataType");
    await svc.sendToAll("a json string");
    eq((await c.waitData("a json string")).dataType, "json", "a string sent without contentType is JSON");
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    await svc.sendToAll(bytes.buffer, { contentType: "application/octet-stream" });
    const m = await c.waitMessage((m) => m.dataType === "binary", "a binary message");
    eq(Array.from(new Uint8Array(m.data)), Array.from(bytes), "binary data");
  });
}

async function sendToAllExcludedFilter() {
  const svc = service("jsAllSel");
  await using(
    [await Client.open(svc, { userId: "alice" }), await Client.open(svc, { userId: "bob" }), await Client.open(svc, { userId: "carol" })],
    async (a, b, c) => {
      await svc.sendToAll("not-a", { contentType: "text/plain", excludedConnections: [a.connectionId] });
      await b.waitData("not-a");
      await c.waitData("not-a");
      await svc.sendToAll("not-bob", { contentType: "text/plain", filter: "userId ne 'bob'" });
      await a.waitData("not-bob");
      await c.waitData("not-bob");
      await svc.sendToAll("ttl", { contentType: "text/plain", messageTtlSeconds: 30 });
      await a.waitData("ttl");
      await a.assertNoData("not-a", 0);
      await b.assertNoData("not-bob", 200);
    },
  );
}

async function groupSend() {
  const svc = service("jsGroup");
  const g = svc.group("g");
  await using(
    [await Client.open(svc, { userId: "alice", groups: ["g"] }), await Client.open(svc, { userId: "bob", groups: ["g"] }), await Client.open(svc, { userId: "carol" })],
    async (a, b, c) => {
      await g.sendToAll({ k: "v" });
      for (const x of [a, b]) {
        const m = await x.waitData({ k: "v" });
        eq([m.group, m.dataType], ["g", "json"], "group message");
      }
      await g.sendToAll("excl", { contentType: "text/plain", excludedConnections: [a.connectionId] });
      await b.waitData("excl");
      await g.sendToAll("filt", { contentType: "text/plain", filter: "userId eq 'alice'" });
      await a.waitData("filt");
      await b.assertNoData("filt", 0);
      await a.assertNoData("excl", 200);
      await c.assertNoData({ k: "v" }, 0);
    },
  );
}

async function sendToUserAndConnection() {
  const svc = service("jsUser");
  await using(
    [await Client.open(svc, { userId: "alice" }), await Client.open(svc, { userId: "alice" }), await Client.open(svc, { userId: "bob" })],
    async (a1, a2, b) => {
      await svc.sendToUser("alice", "hi alice", { contentType: "text/plain" });
      await a1.waitData("hi alice");
      await a2.waitData("hi alice");
      await svc.sendToUser("alice", "filtered", { contentType: "text/plain", filter: `connectionId eq '${a2.connectionId}'` });
      await a2.waitData("filtered");
      await svc.sendToConnection(b.connectionId, { only: "b" });
      eq((await b.waitData({ only: "b" })).dataType, "json", "dataType");
      await svc.sendToConnection("no-such-connection", "x", { contentType: "text/plain" });
      await b.assertNoData("hi alice", 0);
      await a1.assertNoData("filtered", 200);
    },
  );
}

async function groupMembership() {
  const svc = service("jsMembers");
  await using([await Client.open(svc, { userId: "alice" }), await Client.open(svc, { userId: "bob" })], async (a, b) => {
    await svc.group("g1").addConnection(a.connectionId);
    check(await svc.groupExists("g1"), "g1 exists");
    await svc.group("g1").sendToAll("in-g1", { contentType: "text/plain" });
    await a.waitData("in-g1");
    await svc.group("g1").removeConnection(a.connectionId);
    check(!(await svc.groupExists("g1")), "g1 gone");
    await svc.group("g2").addUser("bob");
    await svc.group("g2").sendToAll("bob-g2", { contentType: "text/plain" });
    await b.waitData("bob-g2");
    await svc.group("g2").removeUser("bob");
    check(!(await svc.groupExists("g2")), "g2 gone after removeUser");
    await svc.group("g3").addConnection(a.connectionId);
    await svc.group("g4").addUser("alice");
    await svc.removeConnectionFromAllGroups(a.connectionId);
    check(!(await svc.groupExists("g3")), "g3 gone after removeConnectionFromAllGroups");
    await svc.group("g5").addUser("bob");
    await svc.removeUserFromAllGroups("bob");
    check(!(await svc.groupExists("g5")), "g5 gone after removeUserFromAllGroups");
    await expectStatus(svc.group("g1").addConnection("no-such-connection"), 404, "adding an unknown connection");
  });
}

async function connectionsToGroups() {
  const svc = service("jsFilterGroups");
  await using(
    [await Client.open(svc, { userId: "listener-1" }), await Client.open(svc, { userId: "listener-2" }), await Client.open(svc, { userId: "other" })],
    async (l1, l2, o) => {
      await svc.addConnectionsToGroups(["ga", "gb"], "startswith(userId, 'listener-')");
      await svc.group("gb").sendToAll("to-gb", { contentType: "text/plain" });
      await l1.waitData("to-gb");
      await l2.waitData("to-gb");
      await o.assertNoData("to-gb");
      await svc.removeConnectionsFromGroups(["ga"], "userId eq 'listener-1'");
      await svc.group("ga").sendToAll("to-ga", { contentType: "text/plain" });
      await l2.waitData("to-ga");
      await l1.assertNoData("to-ga");
      await expectStatus(svc.addConnectionsToGroups(["ga"], "invalid filter"), 400, "a bad filter");
    },
  );
}

async function exists() {
  const svc = service("jsExists");
  check(!(await svc.userExists("alice")), "userExists before");
  check(!(await svc.connectionExists("nope")), "connectionExists unknown");
  check(!(await svc.groupExists("g")), "groupExists before");
  const a = await Client.open(svc, { userId: "alice", groups: ["g"] });
  const id = a.connectionId;
  await using([a], async () => {
    check(await svc.userExists("alice"), "userExists");
    check(await svc.connectionExists(id), "connectionExists");
    check(await svc.groupExists("g"), "groupExists");
  });
  await waitFor(async () => !(await svc.connectionExists(id)), "the connection to be gone after stop");
}

async function permissions() {
  const svc = service("jsPerm");
  // No retries: a Forbidden send is final.
  await using([await Client.open(svc, {}, { messageRetryOptions: { maxRetries: 0 } })], async (a) => {
    const id = a.connectionId;
    check(!(await svc.hasPermission(id, "sendToGroup", { targetName: "g1" })), "no permission at first");
    await expectSendError(a.sdk.sendToGroup("g1", "x", "text"), "Forbidden", "send without permission");
    await svc.grantPermission(id, "sendToGroup", { targetName: "g1" });
    check(await svc.hasPermission(id, "sendToGroup", { targetName: "g1" }), "granted");
    check(!(await svc.hasPermission(id, "sendToGroup", { targetName: "g2" })), "not for g2");
    await a.sdk.sendToGroup("g1", "x", "text");
    await svc.grantPermission(id, "joinLeaveGroup", { targetName: "g1" });
    await a.sdk.joinGroup("g1");
    await svc.revokePermission(id, "sendToGroup", { targetName: "g1" });
    check(!(await svc.hasPermission(id, "sendToGroup", { targetName: "g1" })), "revoked");
    await expectSendError(a.sdk.sendToGroup("g1", "y", "text"), "Forbidden", "send after revoke");
    await svc.revokePermission("no-such-connection", "sendToGroup", { targetName: "g1" });
    await expectStatus(svc.grantPermission("no-such-connection", "sendToGroup", { targetName: "g1" }), 404, "granting to an unknown connection");
  });
}

async function expectSendError(promise, name, what) {
  try {
    await promise;
  } catch (e) {
    eq(e.errorDetail?.name, name, `${what}: ack error`);
    return;
  }
  throw new Error(`${what} succeeded`);
}

async function disconnectedMessage(c) {
  const [e] = await waitFor(() => c.of("disconnected").length && c.of("disconnected"), `a disconnected event on ${c.connectionId}`);
  return e.message?.message;
}

// The JS SDK's close options have `reason` only (no excluded connections; Python covers those).
async function closes() {
  const svc = service("jsClose");
  await using(
    [
      await Client.open(svc, { userId: "alice", groups: ["g"] }, NO_RECONNECT),
      await Client.open(svc, { userId: "bob" }, NO_RECONNECT),
      await Client.open(svc, { userId: "carol" }, NO_RECONNECT),
      await Client.open(svc, { userId: "dave" }, NO_RECONNECT),
    ],
    async (a, b, c, d) => {
      await svc.closeConnection(d.connectionId, { reason: "just you" });
      eq(await disconnectedMessage(d), "just you", "closeConnection reason");
      await svc.group("g").closeAllConnections({ reason: "group closed" });
      eq(await disconnectedMessage(a), "group closed", "group close reason");
      check(await svc.connectionExists(b.connectionId), "a connection outside the group survives the group close");
      await svc.closeUserConnections("bob", { reason: "user closed" });
      eq(await disconnectedMessage(b), "user closed", "user close reason");
      check(await svc.connectionExists(c.connectionId), "another user's connection survives");
      await svc.closeAllConnections({ reason: "all closed" });
      eq(await disconnectedMessage(c), "all closed", "closeAllConnections reason");
      await waitFor(async () => !(await svc.connectionExists(c.connectionId)), "the connection to be gone");
    },
  );
}

async function listConnections() {
  const svc = service("jsList");
  const clients = [];
  for (let i = 0; i < 6; i++) clients.push(await Client.open(svc, { userId: `u${i}`, groups: ["g"] }));
  await using(clients, async () => {
    const all = [];
    for await (const m of await svc.group("g").listConnections()) all.push(`${m.connectionId}/${m.userId}`);
    eq(all.sort(), clients.map((c) => `${c.connectionId}/${c.userId}`).sort(), "all members");
    const pages = async (opts) => {
      const sizes = [];
      for await (const page of (await svc.group("g").listConnections(opts)).byPage()) sizes.push(page.length);
      return sizes;
    };
    // The live service's answers, recorded in the JS SDK's own tests (groups.spec.ts).
    eq(await pages({ top: 6 }), [6], "top=6");
    eq(await pages({ top: 3 }), [3], "top=3");
    eq(await pages({ maxPageSize: 2 }), [2, 2, 2], "maxPageSize=2");
    eq(await pages({ top: 5, maxPageSize: 2 }), [2, 2, 1], "top=5, maxPageSize=2");
    let n = 0;
    for await (const _ of await svc.group("empty").listConnections()) n++;
    eq(n, 0, "empty group");
  });
}

async function connectionStringForms() {
  // The forms the SDK parses: `Port=` apart from the endpoint, lower-case keys, 127.0.0.1, a
  // trailing slash, and the endpoint + AzureKeyCredential constructor.
  const port = emulatorPort();
  const key = /AccessKey=([^;]+)/.exec(CS)[1];
  const forms = {
    "Port=": `Endpoint=http://localhost;Port=${port};AccessKey=${key};Version=1.0;`,
    "lower-case keys": `endpoint=http://localhost;port=${port};accesskey=${key};version=1.0;`,
    "127.0.0.1": `Endpoint=http://127.0.0.1:${port};AccessKey=${key};Version=1.0;`,
    "trailing /": `Endpoint=http://localhost:${port}/;AccessKey=${key};Version=1.0;`,
  };
  const viaCredential = new WebPubSubServiceClient(`http://localhost:${port}`, new AzureKeyCredential(key), "jsConnStr", { allowInsecureConnection: true });
  const clients = [...Object.entries(forms).map(([name, cs]) => [name, service("jsConnStr", cs)]), ["AzureKeyCredential", viaCredential]];
  for (const [name, svc] of clients) {
    await using([await Client.open(svc, { userId: "u" })], async (c) => {
      await svc.sendToUser("u", `via ${name}`, { contentType: "text/plain" });
      await c.waitData(`via ${name}`);
      check(await svc.connectionExists(c.connectionId), `${name}: connectionExists`);
    });
  }
}

const p = "js-service ";
await scenario(p + "getClientAccessToken and connect", clientAccessToken);
await scenario(p + "sendToAll text/json/binary", sendToAllTypes);
await scenario(p + "sendToAll excludedConnections, filter, messageTtlSeconds", sendToAllExcludedFilter);
await scenario(p + "group().sendToAll json, excluded, filter", groupSend);
await scenario(p + "sendToUser, sendToConnection", sendToUserAndConnection);
await scenario(p + "group add/remove connection and user, remove from all groups", groupMembership);
await scenario(p + "addConnectionsToGroups/removeConnectionsFromGroups", connectionsToGroups);
await scenario(p + "connection/group/user exists", exists);
await scenario(p + "grant/revoke/has permission", permissions);
await scenario(p + "close connection/group/user/all with reason", closes);
await scenario(p + "group().listConnections with top and maxPageSize", listConnections);
await scenario(p + "connection string forms and AzureKeyCredential", connectionStringForms);
done();
