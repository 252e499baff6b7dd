// Entra ID with the emulator as the issuer: the JS service SDK (@azure/web-pubsub) given
// @azure/identity's ManagedIdentityCredential, which speaks App Service's managed-identity
// protocol to the emulator through IDENTITY_ENDPOINT and IDENTITY_HEADER (set by
// tests/interop/run from the lines the emulator prints at start; that emulator has local auth
// disabled, so only Entra ID gets in).
//
// @azure/core-rest-pipeline sends bearer tokens to https URLs only, with no opt-out. So the SDK
// is given the emulator's endpoint as https, and a per-retry policy (public `additionalPolicies`,
// run after the token is attached) sends the request over plain http, as a TLS-terminating
// proxy in front of the emulator would. The client URL it hands out (wss) is used as ws.

import { createRequire } from "node:module";
import path from "node:path";

import { CS, Client, WebPubSubServiceClient, check, done, eq, jwtClaims, scenario, service, waitFor } from "./harness.mjs";

const require = createRequire(path.join(process.env.WPS_NPM_DIR, "package.json"));
const { ManagedIdentityCredential } = require("@azure/identity");

const HTTP_ENDPOINT = /Endpoint=([^;]+)/.exec(CS)[1];
const HTTPS_ENDPOINT = HTTP_ENDPOINT.replace(/^http:/, "https:");
const SCOPE = "https://webpubsub.azure.com/.default";
// tests/interop/run starts this emulator with --entra-identity interop-reader=Reader.
const READER = "interop-reader";

const plainHttp = {
  name: "plainHttpToTheEmulator",
  sendRequest(request, next) {
    request.url = request.url.replace(/^https:/, "http:");
    return next(request);
  },
};

function entraService(hub, credential = new ManagedIdentityCredential()) {
  return new WebPubSubServiceClient(HTTPS_ENDPOINT, credential, hub, {
    allowInsecureConnection: true,
    additionalPolicies: [{ policy: plainHttp, position: "perRetry" }],
    retryOptions: { maxRetries: 0 },
  });
}

async function expectStatus(promise, status, what) {
  try {
    await promise;
  } catch (e) {
    eq(e.statusCode, status, `${what}: status`);
    return e;
  }
  throw new Error(`${what} succeeded; expected ${status}`);
}

async function credentialToken() {
  check(process.env.IDENTITY_ENDPOINT && process.env.IDENTITY_HEADER, "IDENTITY_ENDPOINT and IDENTITY_HEADER are not set");
  const tok = await new ManagedIdentityCredential().getToken(SCOPE);
  const claims = jwtClaims(tok.token);
  eq(claims.aud, "https://webpubsub.azure.com", "aud");
  eq(claims.iss, `${HTTP_ENDPOINT}/entra/`, "iss");
  check(tok.expiresOnTimestamp > Date.now() + 3000 * 1000, `expiresOnTimestamp ${tok.expiresOnTimestamp} is not about an hour away`);
}

async function sendToGroupWithEntra() {
  const svc = entraService("jsEntra");
  const { url } = await svc.getClientAccessToken({ userId: "bob", groups: ["eg"] });
  check(url.startsWith("wss://"), `url ${url}`);
  const c = new Client(url.replace(/^wss:/, "ws:"), { autoReconnect: false });
  await c.sdk.start();
  try {
    await waitFor(() => c.userId, "the connected event");
    eq(c.userId, "bob", "userId");
    await svc.group("eg").sendToAll("hello from entra", { contentType: "text/plain" });
    const m = await c.waitData("hello from entra");
    eq(m.group, "eg", "group");
    await svc.sendToUser("bob", { to: "bob" });
    await c.waitData({ to: "bob" });
  } finally {
    c.stop();
  }
}

async function accessKeyRefused() {
  // The connection string's key is valid, but this emulator has local auth disabled.
  const e = await expectStatus(service("jsEntra").sendToAll("nope", { contentType: "text/plain" }), 401, "access-key call");
  check(/local auth is disabled/i.test(e.message), `the error does not say why: ${e.message}`);
}

async function readerRefused() {
  const svc = entraService("jsEntra", new ManagedIdentityCredential({ clientId: READER }));
  const e = await expectStatus(svc.sendToAll("nope", { contentType: "text/plain" }), 403, "reader's call");
  check(e.message.includes("Web PubSub Service Owner"), `the error does not name the role: ${e.message}`);
}

await scenario("js entra: ManagedIdentityCredential gets a token from the emulator", credentialToken);
await scenario("js entra: service SDK with a token credential sends to a group a client receives", sendToGroupWithEntra);
await scenario("js entra: access-key calls are refused when local auth is disabled", accessKeyRefused);
await scenario("js entra: an identity without the data-plane role gets 403", readerRefused);
done();
