import { describe, expect, it } from "vitest";
import { ApiHttpError } from "../../src/emulator/errors.js";
import { startWebhookReceiver } from "../support/emulator-push.js";
import { errorBodyOf, jsonOf, loginAs, SANDBOX, startEmulator } from "../support/emulator-server.js";

const json = { "Content-Type": "application/json" };

async function startWithWebhook() {
  const emulator = await startEmulator();
  const platform = await loginAs(emulator, SANDBOX);
  const receiver = await startWebhookReceiver();
  const info = await jsonOf<{ id: string }>(
    platform.post("/restapi/v1.0/subscription", {
      eventFilters: ["/restapi/v1.0/account/~/extension"],
      deliveryMode: { transportType: "WebHook", address: receiver.url },
    }),
  );
  return { emulator, platform, receiver, id: info.id };
}

describe("push controls over HTTP under /emulator/push", () => {
  it("lists subscriptions with their owner and transport", async () => {
    const { emulator, receiver, id } = await startWithWebhook();
    const body = await jsonOf<{ paused: boolean; subscriptions: unknown[] }>(
      fetch(`${emulator.url}/emulator/push/subscriptions`),
    );
    expect(body).toEqual({
      paused: false,
      subscriptions: [
        expect.objectContaining({
          id,
          accountId: SANDBOX,
          extensionId: "37439511",
          clientId: "acme-sandbox-app",
          transportType: "WebHook",
          address: receiver.url,
          eventFilters: [`/restapi/v1.0/account/${SANDBOX}/extension`],
          expired: false,
        }),
      ],
    });
  });

  it("pauses and resumes delivery", async () => {
    const { emulator, receiver } = await startWithWebhook();
    expect((await fetch(`${emulator.url}/emulator/push/pause`, { method: "POST" })).status).toBe(204);
    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@acme.example" });
    expect((await fetch(`${emulator.url}/emulator/push/resume`, { method: "POST" })).status).toBe(204);
    emulator.controls.removeUser(SANDBOX, "37439513");

    const { json: notification } = await receiver.notifications.next();
    expect(notification.body).toEqual({ extensions: [{ extensionId: "37439513", eventType: "Delete" }] });
    const log = await jsonOf<{ deliveries: { outcome: string }[] }>(fetch(`${emulator.url}/emulator/push/deliveries`));
    expect(log.deliveries.map((d) => d.outcome)).toEqual(["paused", "delivered"]);
  });

  it("drops the next N notifications", async () => {
    const { emulator, receiver } = await startWithWebhook();
    await fetch(`${emulator.url}/emulator/push/drop`, { method: "POST", headers: json, body: '{"count":1}' });
    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@acme.example" });
    emulator.controls.removeUser(SANDBOX, "37439513");

    const { json: notification } = await receiver.notifications.next();
    expect(notification.body).toEqual({ extensions: [{ extensionId: "37439513", eventType: "Delete" }] });
  });

  it("expires a subscription now", async () => {
    const { emulator, platform, id } = await startWithWebhook();
    const response = await fetch(`${emulator.url}/emulator/push/subscriptions/${id}/expire`, { method: "POST" });
    expect(response.status).toBe(204);
    expect(await errorBodyOf(platform.get(`/restapi/v1.0/subscription/${id}`))).toMatchObject({
      errorCode: "SUB-507",
    });
  });

  it("answers 404 CMN-102 when expiring an unknown subscription", async () => {
    const emulator = await startEmulator();
    const response = await fetch(`${emulator.url}/emulator/push/subscriptions/nope/expire`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ errorCode: "CMN-102" });
    expect(() => emulator.controls.push.expireSubscription("nope")).toThrow(ApiHttpError);
  });

  it("clears the delivery log", async () => {
    const { emulator } = await startWithWebhook();
    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@acme.example" });
    await emulator.controls.push.settled();
    expect(emulator.controls.push.deliveries).toHaveLength(1);
    expect((await fetch(`${emulator.url}/emulator/push/deliveries`, { method: "DELETE" })).status).toBe(204);
    expect(emulator.controls.push.deliveries).toEqual([]);
  });

  it("disconnects WebSocket connections", async () => {
    const emulator = await startEmulator();
    const body = await jsonOf<{ disconnected: number }>(
      fetch(`${emulator.url}/emulator/push/disconnect`, { method: "POST" }),
    );
    expect(body).toEqual({ disconnected: 0 });
    expect(emulator.requestLog.entries.at(-1)).toMatchObject({ operationId: "emulatorControl" });
  });
});
