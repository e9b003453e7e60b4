import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../../src/emulator/index.js";
import {
  openRawWebSocket,
  startWebhookReceiver,
  subscribeOverWebSocket,
  type WsFrame,
} from "../support/emulator-push.js";
import { ESSENTIALS, jsonOf, loginAs, SANDBOX, startEmulator } from "../support/emulator-server.js";
import { assertResponsesMatchSpec } from "../support/openapi-contract.js";

interface WsToken {
  uri: string;
  ws_access_token: string;
  expires_in: number;
}

const LIST_FILTER = "/restapi/v1.0/account/~/extension";
const subscribeBody = { eventFilters: [LIST_FILTER], deliveryMode: { transportType: "WebSocket" } };

async function wsTokenFor(emulator: Emulator, accountId = SANDBOX): Promise<WsToken> {
  const platform = await loginAs(emulator, accountId);
  return jsonOf<WsToken>(platform.post("/restapi/oauth/wstoken"));
}

async function connectRaw(emulator: Emulator, query = "") {
  const token = await wsTokenFor(emulator);
  const client = await openRawWebSocket(`${token.uri}?access_token=${token.ws_access_token}${query}`);
  const details = await client.frames.next();
  return { client, token, details };
}

/** An emulator whose sandbox takes more users than its seed cap of 4 (raised before anyone subscribes). */
async function startRoomyEmulator(): Promise<Emulator> {
  const emulator = await startEmulator();
  emulator.controls.setPlan(SANDBOX, { userExtensionCap: 20 });
  return emulator;
}

function addUser(emulator: Emulator, accountId: string, name: string) {
  return emulator.controls.addUser(accountId, { firstName: name, email: `${name}@${accountId}.example` });
}

describe("WebSocket gateway: protocol", () => {
  it("issues a single-use ws token with a ws:// URI on the emulator itself", async () => {
    const emulator = await startEmulator();
    const token = await wsTokenFor(emulator);
    expect(token).toEqual({
      uri: `${emulator.url.replace("http://", "ws://")}/ws`,
      ws_access_token: expect.any(String),
      expires_in: 600,
    });
    expect(emulator.requestLog.entries.at(-1)).toMatchObject({ operationId: "authWsToken", group: "Auth" });
    assertResponsesMatchSpec(emulator.requestLog.entries);
  });

  it("sends ConnectionDetails first, with a wsc token", async () => {
    const emulator = await startEmulator();
    const { details } = await connectRaw(emulator);
    expect(details).toEqual([
      expect.objectContaining({
        type: "ConnectionDetails",
        status: 200,
        wsc: { token: expect.any(String), sequence: 1 },
      }),
      expect.objectContaining({ recoveryTimeout: 180, recoveryBufferSize: 100, maxConnectionsPerSession: 50 }),
    ]);
    expect(details[1]).not.toHaveProperty("recoveryState");
  });

  it("echoes a Heartbeat with its messageId", async () => {
    const emulator = await startEmulator();
    const { client } = await connectRaw(emulator);
    client.send([{ type: "Heartbeat", messageId: "beat-1" }]);
    const [meta] = await client.frames.next();
    expect(meta).toMatchObject({ type: "Heartbeat", messageId: "beat-1", status: 200 });
  });

  it("answers a ClientRequest subscribe with the same messageId and a WebSocket SubscriptionInfo", async () => {
    const emulator = await startEmulator();
    const { client } = await connectRaw(emulator);
    const [meta, body] = await client.request("POST", "/restapi/v1.0/subscription", subscribeBody);
    expect(meta).toMatchObject({ type: "ClientRequest", messageId: "test-1", status: 200 });
    expect(body).toMatchObject({
      eventFilters: [`/restapi/v1.0/account/${SANDBOX}/extension`],
      deliveryMode: { transportType: "WebSocket" },
      status: "Active",
    });
    expect(emulator.requestLog.entries.at(-1)).toMatchObject({ operationId: "createSubscription", status: 200 });
    assertResponsesMatchSpec(emulator.requestLog.entries);
  });

  it("replaces the connection's subscription on a second subscribe", async () => {
    const emulator = await startEmulator();
    const { client } = await connectRaw(emulator);
    const [, first] = (await client.request("POST", "/restapi/v1.0/subscription", subscribeBody)) as WsFrame;
    const [, second] = (await client.request("POST", "/restapi/v1.0/subscription", subscribeBody)) as WsFrame;
    const ids = emulator.controls.push.subscriptions().map((s) => s.id);
    expect(ids).toEqual([(second as { id: string }).id]);
    const [meta] = await client.request("GET", `/restapi/v1.0/subscription/${(first as { id: string }).id}`);
    expect(meta["status"]).toBe(404);
  });

  it("answers an unrouted ClientRequest with 404 AGW-404", async () => {
    const emulator = await startEmulator();
    const { client } = await connectRaw(emulator);
    const [meta, body] = await client.request("GET", "/restapi/v1.0/account/~");
    expect(meta).toMatchObject({ type: "ClientRequest", status: 404 });
    expect(body).toMatchObject({ errorCode: "AGW-404" });
  });

  it("refuses a ws token used twice with an Error frame and closes", async () => {
    const emulator = await startEmulator();
    const { token } = await connectRaw(emulator);
    const again = await openRawWebSocket(`${token.uri}?access_token=${token.ws_access_token}`);
    const [meta, body] = await again.frames.next();
    expect(meta).toMatchObject({ type: "Error", status: 401 });
    expect(body).toMatchObject({ errorCode: "OAU-213" });
    expect(await again.closed).toBe(1008);
  });

  it("answers a recovery attempt with recoveryState Failed on a fresh session", async () => {
    const emulator = await startEmulator();
    const { client, token, details } = await connectRaw(emulator);
    const wsc = (details[0]["wsc"] as { token: string }).token;
    client.socket.close();
    await client.closed;
    const recovered = await openRawWebSocket(`${token.uri}?access_token=${token.ws_access_token}&wsc=${wsc}`);
    const [meta, body] = await recovered.frames.next();
    expect(meta).toMatchObject({ type: "ConnectionDetails", wsc: { token: expect.not.stringMatching(wsc) } });
    expect(body).toMatchObject({ recoveryState: "Failed" });
  });

  it("ends a connection's subscription when the emulator disconnects it", async () => {
    const emulator = await startEmulator();
    const { client } = await connectRaw(emulator);
    await client.request("POST", "/restapi/v1.0/subscription", subscribeBody);

    expect(emulator.controls.push.disconnectWebSockets()).toBe(1);
    addUser(emulator, SANDBOX, "dee");

    expect(emulator.controls.push.subscriptions()).toEqual([]);
    expect(emulator.controls.push.deliveries).toEqual([]);
    expect(await client.closed).toBe(1001);
  });

  it("closes WebSocket connections and aborts WebHook requests in flight on emulator.close()", async () => {
    // Not startEmulator(): its afterEach would close the emulator a second time.
    const emulator = await createEmulator();
    const { client } = await connectRaw(emulator);
    const receiver = await startWebhookReceiver();
    receiver.hangNotifications = true;
    const platform = await loginAs(emulator, SANDBOX);
    await platform.post("/restapi/v1.0/subscription", {
      eventFilters: [LIST_FILTER],
      deliveryMode: { transportType: "WebHook", address: receiver.url },
    });
    addUser(emulator, SANDBOX, "dee");
    await receiver.notifications.next();

    await emulator.close();

    expect(await client.closed).toBeGreaterThan(0);
    await receiver.aborted.next();
  });
});

describe("WebSocket delivery through @ringcentral/subscriptions", () => {
  it("delivers an Extension List notification to register()ed subscriptions", async () => {
    const emulator = await startEmulator();
    const { subscription, notifications } = await subscribeOverWebSocket(emulator, SANDBOX);
    expect(subscription.subscriptionInfo).toMatchObject({
      eventFilters: [`/restapi/v1.0/account/${SANDBOX}/extension`],
      deliveryMode: { transportType: "WebSocket" },
    });

    const added = addUser(emulator, SANDBOX, "dee");

    expect(await notifications.next()).toEqual({
      uuid: expect.any(String),
      event: `/restapi/v1.0/account/${SANDBOX}/extension`,
      timestamp: expect.any(String),
      subscriptionId: subscription.subscriptionInfo?.id,
      ownerId: "37439511",
      body: { extensions: [{ extensionId: added.id, eventType: "Create" }] },
    });
    expect(emulator.requestLog.count("authWsToken")).toBe(1);
    assertResponsesMatchSpec(emulator.requestLog.entries);
  });

  it("does not deliver another account's changes", async () => {
    const emulator = await startEmulator();
    const { notifications } = await subscribeOverWebSocket(emulator, SANDBOX);

    addUser(emulator, ESSENTIALS, "eve");
    const own = addUser(emulator, SANDBOX, "dee");

    const first = await notifications.next();
    expect(first.body).toEqual({ extensions: [{ extensionId: own.id, eventType: "Create" }] });
  });

  it("revoke() deletes the subscription and nothing is delivered after it", async () => {
    const emulator = await startEmulator();
    const { subscription } = await subscribeOverWebSocket(emulator, SANDBOX);

    await subscription.revoke();

    expect(emulator.requestLog.entries.at(-1)).toMatchObject({ operationId: "deleteSubscription", status: 204 });
    expect(emulator.controls.push.subscriptions()).toEqual([]);
    addUser(emulator, SANDBOX, "dee");
    expect(emulator.controls.push.deliveries).toEqual([]);
  });

  it("drops notifications while paused and delivers again once resumed", async () => {
    const emulator = await startRoomyEmulator();
    const { notifications } = await subscribeOverWebSocket(emulator, SANDBOX);

    emulator.controls.push.pause();
    const missed = addUser(emulator, SANDBOX, "dee");
    emulator.controls.push.resume();
    const seen = addUser(emulator, SANDBOX, "eve");

    expect((await notifications.next()).body).toEqual({ extensions: [{ extensionId: seen.id, eventType: "Create" }] });
    expect(emulator.controls.push.deliveries.map((d) => [d.outcome, d.notification.body])).toEqual([
      ["paused", { extensions: [{ extensionId: missed.id, eventType: "Create" }] }],
      ["delivered", { extensions: [{ extensionId: seen.id, eventType: "Create" }] }],
    ]);
  });

  it("drops exactly the next N notifications", async () => {
    const emulator = await startEmulator();
    const { notifications } = await subscribeOverWebSocket(emulator, SANDBOX);

    emulator.controls.push.dropNext(2);
    addUser(emulator, SANDBOX, "dee");
    emulator.controls.removeUser(SANDBOX, "37439512");
    emulator.controls.removeUser(SANDBOX, "37439513");

    expect((await notifications.next()).body).toEqual({
      extensions: [{ extensionId: "37439513", eventType: "Delete" }],
    });
    expect(emulator.controls.push.deliveries.map((d) => d.outcome)).toEqual(["dropped", "dropped", "delivered"]);
  });

  it("re-subscribes when refresh() finds its subscription expired", async () => {
    const emulator = await startRoomyEmulator();
    const { subscription, notifications } = await subscribeOverWebSocket(emulator, SANDBOX);
    const firstId = subscription.subscriptionInfo?.id ?? "";

    emulator.controls.push.expireSubscription(firstId);
    addUser(emulator, SANDBOX, "dee");
    await subscription.refresh();
    const after = addUser(emulator, SANDBOX, "eve");

    expect(subscription.subscriptionInfo?.id).not.toBe(firstId);
    const notification = await notifications.next();
    expect(notification).toMatchObject({
      subscriptionId: subscription.subscriptionInfo?.id,
      body: { extensions: [{ extensionId: after.id, eventType: "Create" }] },
    });
    expect(emulator.requestLog.count("updateSubscription", { status: 404 })).toBe(1);
  });

  it("recovers after the emulator drops the connection: the client subscribes again on a new socket", async () => {
    const emulator = await startEmulator();
    const { subscription, notifications, extension } = await subscribeOverWebSocket(emulator, SANDBOX);
    const firstId = subscription.subscriptionInfo?.id;
    const recovered = new Promise((resolve) => extension.eventEmitter.once("autoRecoverFailed", resolve));

    expect(emulator.controls.push.disconnectWebSockets()).toBe(1);
    await recovered;
    const added = addUser(emulator, SANDBOX, "dee");

    const notification = await notifications.next();
    expect(notification.body).toEqual({ extensions: [{ extensionId: added.id, eventType: "Create" }] });
    expect(notification.subscriptionId).not.toBe(firstId);
    expect(emulator.requestLog.count("authWsToken")).toBe(1);
  });
});
