import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { WEBHOOK_PATH } from "../../src/events/capacity-watcher.js";
import type { CapacityWatcherOptions } from "../../src/events/capacity-watcher.js";
import { ESSENTIALS, SANDBOX, startEmulator } from "../support/emulator-server.js";
import {
  collect,
  nextMatching,
  pushReady,
  startWatcherInstance,
  Topic,
  type WatcherInstance,
} from "./watcher-harness.js";

const servers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()?.();
});

/**
 * An express app hosting the watcher's handler at `WEBHOOK_PATH`, as `createServer` mounts it, listening before the
 * watcher starts (RingCentral validates the address while the subscription is created).
 */
async function startWebhookWatcher(
  emulator: Emulator,
  accountIds: string[],
  watcher: Partial<CapacityWatcherOptions> = {},
  rewriteBody?: (body: unknown) => unknown,
): Promise<{ instance: WatcherInstance; webhookUrl: string }> {
  // The handler exists once the watcher does, which needs the URL the server listens on.
  const mounted: { handle?: RequestListener } = {};
  const app = express();
  if (rewriteBody) {
    // As if RingCentral had sent another body shape; the handler then reads express's parsed body.
    app.post(WEBHOOK_PATH, express.json(), (req, _res, next) => {
      const notification = req.body as Record<string, unknown> | undefined;
      if (notification) req.body = { ...notification, body: rewriteBody(notification["body"]) };
      next();
    });
  }
  app.post(WEBHOOK_PATH, (req, res) => mounted.handle?.(req, res));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const instance = await startWatcherInstance({
    emulator,
    accountIds,
    start: false,
    watcher: { publicUrl, ...watcher },
  });
  servers.push(async () => {
    await instance.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  mounted.handle = instance.watcher.webhookHandler;
  instance.watcher.start();
  return { instance, webhookUrl: `${publicUrl}${WEBHOOK_PATH}` };
}

function addUser(emulator: Emulator, accountId: string, name: string) {
  return emulator.controls.addUser(accountId, { firstName: name, email: `${name}@${accountId}.example` });
}

describe("capacity watcher over WebHook push", () => {
  it("answers the Validation-Token handshake with 200, the same header and no body", async () => {
    const emulator = await startEmulator();
    const { instance, webhookUrl } = await startWebhookWatcher(emulator, [SANDBOX]);
    const subscribed = await pushReady(instance.events);
    expect(subscribed).toMatchObject({ accountId: SANDBOX, transport: "WebHook" });
    expect(emulator.controls.push.subscriptions()).toEqual([
      expect.objectContaining({ id: subscribed.subscriptionId, transportType: "WebHook", address: webhookUrl }),
    ]);

    const response = await fetch(webhookUrl, { method: "POST", headers: { "Validation-Token": "abc-123" } });

    expect(response.status).toBe(200);
    expect(response.headers.get("validation-token")).toBe("abc-123");
    expect(await response.text()).toBe("");
  });

  it("processes a notification RingCentral delivers: capacityChanged with cause PUSH", async () => {
    const emulator = await startEmulator();
    const { instance } = await startWebhookWatcher(emulator, [ESSENTIALS]);
    await pushReady(instance.events);
    const capacityChanged = collect(instance.bus, Topic.CapacityChanged);
    const extensionChanged = collect(instance.bus, Topic.ExtensionChanged);

    const added = addUser(emulator, ESSENTIALS, "dee");

    expect(await capacityChanged.next()).toMatchObject({ accountId: ESSENTIALS, cause: "PUSH" });
    expect(await extensionChanged.next()).toMatchObject({ kind: "CREATED", extensionRcId: added.id, cause: "PUSH" });
    await emulator.controls.push.settled();
    expect(emulator.controls.push.deliveries).toEqual([expect.objectContaining({ outcome: "delivered", status: 200 })]);
  });

  it("refuses notifications with a wrong or missing Verification-Token with 403 and processes nothing", async () => {
    const emulator = await startEmulator();
    const { instance, webhookUrl } = await startWebhookWatcher(emulator, [ESSENTIALS]);
    const { subscriptionId } = await pushReady(instance.events);
    const syncs = () => instance.events.all.filter((e) => e.kind === "synced").length;
    const syncsBefore = syncs();
    const extensionChanged = collect(instance.bus, Topic.ExtensionChanged);
    const forged = JSON.stringify({
      uuid: "forged",
      event: `/restapi/v1.0/account/${ESSENTIALS}/extension`,
      timestamp: new Date().toISOString(),
      subscriptionId,
      ownerId: "1",
      body: { extensions: [{ extensionId: "999999", eventType: "Delete" }] },
    });
    const post = (headers: Record<string, string>) =>
      fetch(webhookUrl, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: forged });

    expect((await post({ "Verification-Token": "not-the-token" })).status).toBe(403);
    expect((await post({})).status).toBe(403);

    const added = addUser(emulator, ESSENTIALS, "dee");
    expect(await extensionChanged.next()).toMatchObject({ extensionRcId: added.id, cause: "PUSH" });
    await nextMatching(instance.events, (e) => e.kind === "synced");
    expect(syncs()).toBe(syncsBefore + 1);
  });

  it("accepts the flat Extension List body of the spec", async () => {
    const emulator = await startEmulator();
    const toFlat = (body: unknown) => (body as { extensions: unknown[] }).extensions[0];
    const { instance } = await startWebhookWatcher(emulator, [ESSENTIALS], {}, toFlat);
    await pushReady(instance.events);
    const extensionChanged = collect(instance.bus, Topic.ExtensionChanged);

    const added = addUser(emulator, ESSENTIALS, "dee");

    expect(await extensionChanged.next()).toMatchObject({ kind: "CREATED", extensionRcId: added.id, cause: "PUSH" });
    expect(instance.events.all.filter((e) => e.kind === "unknownNotification")).toEqual([]);
  });

  it("re-reads the account on a body of unknown shape, finding the change by itself", async () => {
    const emulator = await startEmulator();
    const { instance } = await startWebhookWatcher(emulator, [ESSENTIALS], {}, () => ({ changed: true }));
    await pushReady(instance.events);
    const capacityChanged = collect(instance.bus, Topic.CapacityChanged);
    const extensionChanged = collect(instance.bus, Topic.ExtensionChanged);

    const added = addUser(emulator, ESSENTIALS, "dee");

    expect(await nextMatching(instance.events, (e) => e.kind === "unknownNotification")).toMatchObject({
      accountId: ESSENTIALS,
    });
    expect(await extensionChanged.next()).toMatchObject({ kind: "CREATED", extensionRcId: added.id, cause: "PUSH" });
    expect(await capacityChanged.next()).toMatchObject({ accountId: ESSENTIALS, cause: "PUSH" });
  });

  it("renews its subscription before it expires and keeps receiving past the first expiry", async () => {
    const emulator = await startEmulator();
    const { instance } = await startWebhookWatcher(emulator, [ESSENTIALS], {
      webhookExpiresInSec: 2,
      renewBeforeMs: 1_000,
    });
    const subscribed = await pushReady(instance.events);
    const firstExpiry = emulator.controls.push.subscriptions()[0]!.expirationTime;

    const renewed = await nextMatching(instance.events, (e) => e.kind === "pushRenewed");
    await nextMatching(instance.events, (e) => e.kind === "pushRenewed");
    const capacityChanged = collect(instance.bus, Topic.CapacityChanged);
    addUser(emulator, ESSENTIALS, "dee");

    expect(renewed.subscriptionId).toBe(subscribed.subscriptionId);
    expect(await capacityChanged.next()).toMatchObject({ accountId: ESSENTIALS, cause: "PUSH" });
    const [live] = emulator.controls.push.subscriptions();
    expect(live).toMatchObject({ id: subscribed.subscriptionId, expired: false });
    expect(Date.parse(live!.expirationTime)).toBeGreaterThan(Date.parse(firstExpiry));
    expect(emulator.requestLog.count("renewSubscription", { status: 200 })).toBeGreaterThanOrEqual(2);
  });

  it("deletes its subscription on stop", async () => {
    const emulator = await startEmulator();
    const { instance } = await startWebhookWatcher(emulator, [SANDBOX]);
    await pushReady(instance.events);

    await instance.stop();

    expect(emulator.controls.push.subscriptions()).toEqual([]);
    expect(emulator.requestLog.count("deleteSubscription", { status: 204 })).toBe(1);
  });
});
