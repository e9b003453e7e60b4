import { describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { WireExtensionListEventBody, WireNotification } from "../../src/datasources/ringcentral.wire.js";
import { createClock } from "../support/emulator-clock.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/emulator-push.js";
import {
  errorBodyOf,
  ESSENTIALS,
  jsonOf,
  LICENSED,
  loginAs,
  SANDBOX,
  startEmulator,
  statusOf,
} from "../support/emulator-server.js";
import { assertResponsesMatchSpec } from "../support/openapi-contract.js";

const LIST_FILTER = "/restapi/v1.0/account/~/extension";
type Platform = Awaited<ReturnType<typeof loginAs>>;

interface SubscriptionInfo {
  id: string;
  uri: string;
  eventFilters: string[];
  expirationTime: string;
  expiresIn: number;
  creationTime: string;
  status: string;
  deliveryMode: Record<string, unknown>;
}

function webhookBody(receiver: WebhookReceiver, extra: Record<string, unknown> = {}) {
  return {
    eventFilters: [LIST_FILTER],
    deliveryMode: { transportType: "WebHook", address: receiver.url, verificationToken: "vt-secret" },
    ...extra,
  };
}

async function subscribe(platform: Platform, body: unknown): Promise<SubscriptionInfo> {
  return jsonOf<SubscriptionInfo>(platform.post("/restapi/v1.0/subscription", body));
}

function expectContract(emulator: Emulator): void {
  assertResponsesMatchSpec(emulator.requestLog.entries);
}

describe("WebHook subscriptions: creation", () => {
  it("validates the receiver with a Validation-Token handshake and answers 200 SubscriptionInfo", async () => {
    const clock = createClock();
    const emulator = await startEmulator({ now: clock.now });
    const receiver = await startWebhookReceiver();
    const platform = await loginAs(emulator, SANDBOX);

    const response = await platform.post("/restapi/v1.0/subscription", webhookBody(receiver));

    expect(response.status).toBe(200);
    const info = (await response.json()) as SubscriptionInfo;
    expect(info).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      creationTime: "2026-01-05T09:00:00.000Z",
      status: "Active",
      uri: `${emulator.url}/restapi/v1.0/subscription/${info.id}`,
      eventFilters: [`/restapi/v1.0/account/${SANDBOX}/extension`],
      expirationTime: "2026-01-12T08:59:59.000Z",
      expiresIn: 604_799,
      deliveryMode: { transportType: "WebHook", address: receiver.url, encryption: false },
    });
    const handshake = await receiver.handshakes.next();
    expect(handshake.headers["validation-token"]).toMatch(/.{16,}/);
    expect(handshake.body).toBe("");
    expectContract(emulator);
  });

  it.each(["wrongToken", "status503", "oversized"] as const)(
    "refuses a receiver whose handshake is %s with 400 SUB-525 and creates nothing",
    async (mode) => {
      const emulator = await startEmulator();
      const receiver = await startWebhookReceiver();
      receiver.handshake = mode;
      const platform = await loginAs(emulator, SANDBOX);

      const refused = platform.post("/restapi/v1.0/subscription", webhookBody(receiver));

      expect(await errorBodyOf(refused)).toMatchObject({ errorCode: "SUB-525" });
      expect(emulator.requestLog.count("createSubscription", { status: 400 })).toBe(1);
      const list = await jsonOf<{ records: unknown[] }>(platform.get("/restapi/v1.0/subscription"));
      expect(list.records).toEqual([]);
      expectContract(emulator);
    },
  );

  it("refuses an unreachable receiver with SUB-525", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = webhookBody({ url: "http://127.0.0.1:1/nowhere" } as WebhookReceiver);
    expect(await errorBodyOf(platform.post("/restapi/v1.0/subscription", body))).toMatchObject({
      errorCode: "SUB-525",
    });
  });

  it("clamps expiresIn to 10 years", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    const info = await subscribe(platform, webhookBody(receiver, { expiresIn: 999_999_999 }));
    expect(info.expiresIn).toBe(315_360_000);
  });

  it("refuses unknown event filters with 400 SUB-508 before any handshake", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    const body = webhookBody(receiver, { eventFilters: [LIST_FILTER, "/restapi/v1.0/account/~/presence"] });
    expect(await errorBodyOf(platform.post("/restapi/v1.0/subscription", body))).toMatchObject({
      errorCode: "SUB-508",
      errors: [{ errorCode: "SUB-508", parameterName: "eventFilters" }],
    });
    expect(receiver.handshakes.all).toEqual([]);
    expectContract(emulator);
  });

  it("refuses another account's event filter with 403 SUB-406", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    const body = webhookBody(receiver, { eventFilters: [`/restapi/v1.0/account/${ESSENTIALS}/extension`] });
    const refused = platform.post("/restapi/v1.0/subscription", body);
    expect(await errorBodyOf(refused)).toMatchObject({ errorCode: "SUB-406" });
    expect(emulator.requestLog.count("createSubscription", { status: 403 })).toBe(1);
    expectContract(emulator);
  });

  it("refuses a delivery mode without an http(s) address with 400 CMN-101", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = { eventFilters: [LIST_FILTER], deliveryMode: { transportType: "WebHook", address: "ftp://x" } };
    expect(await errorBodyOf(platform.post("/restapi/v1.0/subscription", body))).toMatchObject({
      errorCode: "CMN-101",
      errors: [{ parameterName: "deliveryMode.address" }],
    });
  });

  it("refuses the 31st subscription of a user and app with 403 SUB-505", async () => {
    const emulator = await startEmulator({ rateLimits: { Medium: 100 } });
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    for (let i = 0; i < 30; i += 1) await subscribe(platform, webhookBody(receiver));

    const refused = platform.post("/restapi/v1.0/subscription", webhookBody(receiver));

    expect(await errorBodyOf(refused)).toMatchObject({ errorCode: "SUB-505" });
    expect(receiver.handshakes.all).toHaveLength(30);
    expectContract(emulator);
  });
});

describe("WebHook subscriptions: delivery", () => {
  it("delivers an Extension List notification with the envelope, extensions[] and Verification-Token", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    const info = await subscribe(platform, webhookBody(receiver));

    const added = emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@acme.example" });

    const { headers, json } = await receiver.notifications.next();
    expect(headers["content-type"]).toBe("application/json; charset=UTF-8");
    expect(headers["verification-token"]).toBe("vt-secret");
    expect(headers["user-agent"]).toBe("RingCentral-Webhook/8.3");
    expect(headers["validation-token"]).toBeUndefined();
    expect(json).toEqual({
      uuid: expect.any(String),
      event: `/restapi/v1.0/account/${SANDBOX}/extension`,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      subscriptionId: info.id,
      ownerId: "37439511",
      body: { extensions: [{ extensionId: added.id, eventType: "Create" }] },
    } satisfies WireNotification<WireExtensionListEventBody>);
  });

  it("lists every bought licence in one notification and sends no Verification-Token when none was set", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, LICENSED);
    const receiver = await startWebhookReceiver();
    await subscribe(platform, {
      eventFilters: [LIST_FILTER],
      deliveryMode: { transportType: "WebHook", address: receiver.url },
    });

    const bought = emulator.controls.buyLicenses(LICENSED, 2);

    const { headers, json } = await receiver.notifications.next();
    expect(headers["verification-token"]).toBeUndefined();
    expect(json.body).toEqual({ extensions: bought.map((e) => ({ extensionId: e.id, eventType: "Create" })) });
  });

  it("delivers flat Extension Info bodies to a per-extension filter", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    const info = await subscribe(
      platform,
      webhookBody(receiver, { eventFilters: ["/restapi/v1.0/account/~/extension/37439512"] }),
    );
    expect(info.eventFilters).toEqual([`/restapi/v1.0/account/${SANDBOX}/extension/37439512`]);

    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@acme.example" });
    await platform.put("/restapi/v1.0/account/~/extension/37439512", { contact: { department: "Sales" } });

    const { json } = await receiver.notifications.next();
    expect(json.event).toBe(`/restapi/v1.0/account/${SANDBOX}/extension/37439512`);
    expect(json.body).toEqual({ extensionId: "37439512", eventType: "Update", hints: ["ExtensionInfo"] });
    await emulator.controls.push.settled();
    expect(receiver.notifications.all).toHaveLength(1);
  });

  it("does not deliver another account's changes", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    await subscribe(platform, webhookBody(receiver));

    emulator.controls.addUser(ESSENTIALS, { firstName: "Eve", email: "eve@bluebird.example" });
    await emulator.controls.push.settled();

    expect(receiver.notifications.all).toEqual([]);
    expect(emulator.controls.push.deliveries).toEqual([]);
  });

  it("logs each delivery with its outcome and the receiver's status", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    const info = await subscribe(platform, webhookBody(receiver));

    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@acme.example" });
    await emulator.controls.push.settled();

    expect(emulator.controls.push.deliveries).toEqual([
      expect.objectContaining({
        subscriptionId: info.id,
        accountId: SANDBOX,
        transportType: "WebHook",
        address: receiver.url,
        outcome: "delivered",
        status: 200,
      }),
    ]);
  });
});

describe("WebHook subscriptions: lifecycle", () => {
  it("deletes with 204 and no body, after which nothing is delivered and the id reads as 404", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    const info = await subscribe(platform, webhookBody(receiver));

    const deleted = await platform.delete(`/restapi/v1.0/subscription/${info.id}`);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@acme.example" });
    await emulator.controls.push.settled();

    expect(receiver.notifications.all).toEqual([]);
    expect(await statusOf(platform.get(`/restapi/v1.0/subscription/${info.id}`))).toBe(404);
    expectContract(emulator);
  });

  it("reads and lists only the caller's own subscriptions", async () => {
    const emulator = await startEmulator();
    const sandbox = await loginAs(emulator, SANDBOX);
    const essentials = await loginAs(emulator, ESSENTIALS);
    const receiver = await startWebhookReceiver();
    const mine = await subscribe(sandbox, webhookBody(receiver));
    await subscribe(essentials, webhookBody(receiver));

    const list = await jsonOf<{ uri: string; records: SubscriptionInfo[] }>(sandbox.get("/restapi/v1.0/subscription"));
    expect(list.uri).toBe(`${emulator.url}/restapi/v1.0/subscription`);
    expect(list.records.map((r) => r.id)).toEqual([mine.id]);
    expect(await jsonOf<SubscriptionInfo>(sandbox.get(`/restapi/v1.0/subscription/${mine.id}`))).toEqual(mine);
    expect(await errorBodyOf(essentials.get(`/restapi/v1.0/subscription/${mine.id}`))).toMatchObject({
      errorCode: "CMN-102",
    });
    expectContract(emulator);
  });

  it("renews from now with an empty PUT and with POST /renew", async () => {
    const clock = createClock();
    const emulator = await startEmulator({ now: clock.now, accessTokenTtlSeconds: 86_400 });
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    const info = await subscribe(platform, webhookBody(receiver, { expiresIn: 3_600 }));
    expect(info.expirationTime).toBe("2026-01-05T10:00:00.000Z");

    clock.advance(1_800_000);
    const put = await jsonOf<SubscriptionInfo>(platform.put(`/restapi/v1.0/subscription/${info.id}`));
    expect(put).toMatchObject({ expirationTime: "2026-01-05T10:30:00.000Z", expiresIn: 3_600 });

    clock.advance(1_800_000);
    const renewed = await jsonOf<SubscriptionInfo>(platform.post(`/restapi/v1.0/subscription/${info.id}/renew`));
    expect(renewed).toMatchObject({ expirationTime: "2026-01-05T11:00:00.000Z", eventFilters: info.eventFilters });
    expectContract(emulator);
  });

  it("replaces event filters and lifetime on PUT and delivers by the new filters", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    const info = await subscribe(platform, webhookBody(receiver));

    const updated = await jsonOf<SubscriptionInfo>(
      platform.put(`/restapi/v1.0/subscription/${info.id}`, {
        eventFilters: ["/restapi/v1.0/account/~/extension/~"],
        expiresIn: 120,
      }),
    );
    expect(updated).toMatchObject({
      id: info.id,
      eventFilters: [`/restapi/v1.0/account/${SANDBOX}/extension/37439511`],
      expiresIn: 120,
    });

    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@acme.example" });
    await platform.put("/restapi/v1.0/account/~/extension/~", { contact: { department: "Ops" } });
    const { json } = await receiver.notifications.next();
    expect(json.body).toMatchObject({ extensionId: "37439511", eventType: "Update" });
    expectContract(emulator);
  });

  it("stops delivering once expired, reads as 404 SUB-507 and leaves the list", async () => {
    const clock = createClock();
    const emulator = await startEmulator({ now: clock.now });
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    const info = await subscribe(platform, webhookBody(receiver, { expiresIn: 60 }));

    clock.advance(60_000);
    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@acme.example" });
    await emulator.controls.push.settled();

    expect(receiver.notifications.all).toEqual([]);
    expect(await errorBodyOf(platform.get(`/restapi/v1.0/subscription/${info.id}`))).toMatchObject({
      errorCode: "SUB-507",
    });
    expect(await statusOf(platform.post(`/restapi/v1.0/subscription/${info.id}/renew`))).toBe(404);
    const list = await jsonOf<{ records: unknown[] }>(platform.get("/restapi/v1.0/subscription"));
    expect(list.records).toEqual([]);
    expectContract(emulator);
  });

  it("does not count expired subscriptions toward the limit", async () => {
    const clock = createClock();
    const emulator = await startEmulator({ now: clock.now, rateLimits: { Medium: 100 } });
    const platform = await loginAs(emulator, SANDBOX);
    const receiver = await startWebhookReceiver();
    for (let i = 0; i < 30; i += 1) await subscribe(platform, webhookBody(receiver, { expiresIn: 60 }));
    clock.advance(60_000);
    const response = await platform.post("/restapi/v1.0/subscription", webhookBody(receiver));
    expect(response.status).toBe(200);
  });
});
