import { describe, expect, it } from "vitest";
import { RingCentralDataSource } from "../../src/datasources/ringcentral.datasource.js";
import { createStores } from "../../src/stores/create-stores.js";
import { EXTENSION_LIST_FILTER } from "../../src/events/capacity-watcher.js";
import { startWebhookReceiver } from "../support/emulator-push.js";
import { jsonOf, LICENSED, loginAs, SANDBOX, startEmulator } from "../support/emulator-server.js";
import { collect, nextMatching, pushReady, startWatcherInstance, Topic } from "./watcher-harness.js";

const connectionOf = (emulator: Awaited<ReturnType<typeof startEmulator>>, accountId: string) => {
  const { clientId, clientSecret, jwt } = emulator.state.account(accountId).credentials;
  return { accountId, serverUrl: emulator.url, clientId, clientSecret, jwt };
};

const liveSubscriptions = (emulator: Awaited<ReturnType<typeof startEmulator>>) =>
  emulator.controls.push.subscriptions().filter((s) => !s.expired);

describe("capacity watcher over WebSocket push", () => {
  it("publishes capacityChanged and extensionChanged with cause PUSH when a user is added upstream", async () => {
    const emulator = await startEmulator();
    const instance = await startWatcherInstance({ emulator, accountIds: [SANDBOX] });
    const subscribed = await pushReady(instance.events);
    expect(subscribed).toMatchObject({ accountId: SANDBOX, transport: "WebSocket" });
    expect(liveSubscriptions(emulator)).toEqual([
      expect.objectContaining({ id: subscribed.subscriptionId, accountId: SANDBOX, transportType: "WebSocket" }),
    ]);
    const capacityChanged = collect(instance.bus, Topic.CapacityChanged);
    const extensionChanged = collect(instance.bus, Topic.ExtensionChanged);

    const added = emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@sandbox.example" });

    const changed = await capacityChanged.next();
    expect(changed).toMatchObject({ accountId: SANDBOX, cause: "PUSH" });
    expect(changed.capacity.available).toBe(0);
    expect(await extensionChanged.next()).toMatchObject({
      accountId: SANDBOX,
      kind: "CREATED",
      extensionRcId: added.id,
      cause: "PUSH",
      extension: expect.objectContaining({ rcId: added.id, email: "dee@sandbox.example" }),
    });
  });

  it("re-reads only the extension list after a contact update", async () => {
    const emulator = await startEmulator();
    const instance = await startWatcherInstance({ emulator, accountIds: [SANDBOX] });
    await pushReady(instance.events);
    const extensionChanged = collect(instance.bus, Topic.ExtensionChanged);
    const user = [...emulator.state.account(SANDBOX).extensions.values()].find(
      (e) => e.type === "User" && e.status === "Enabled",
    )!;
    const calls = () =>
      ["listExtensions", "readAccountInfo", "listAccountPhoneNumbersV2"].map((op) => emulator.requestLog.count(op));
    const [extensionsBefore, accountBefore, numbersBefore] = calls();

    emulator.state.updateExtension(SANDBOX, user.id, { department: "Sales" });

    expect(await extensionChanged.next()).toMatchObject({
      kind: "UPDATED",
      extensionRcId: user.id,
      cause: "PUSH",
      extension: expect.objectContaining({ department: "Sales" }),
    });
    await nextMatching(instance.events, (e) => e.kind === "synced");
    expect(calls()).toEqual([extensionsBefore! + 1, accountBefore, numbersBefore]);
  });

  it("catches with the poller what push did not deliver", async () => {
    const emulator = await startEmulator();
    const instance = await startWatcherInstance({
      emulator,
      accountIds: [LICENSED],
      watcher: { pollIntervalMs: 100 },
    });
    await pushReady(instance.events);
    const capacityChanged = collect(instance.bus, Topic.CapacityChanged);
    const extensionChanged = collect(instance.bus, Topic.ExtensionChanged);

    emulator.controls.push.pause();
    const bought = emulator.controls.buyLicenses(LICENSED, 2);

    const changed = await capacityChanged.next();
    expect(changed).toMatchObject({ accountId: LICENSED, cause: "POLL" });
    const created = [await extensionChanged.next(), await extensionChanged.next()];
    expect(created.map((e) => [e.kind, e.extensionRcId, e.cause]).sort()).toEqual(
      bought.map((e) => ["CREATED", e.id, "POLL"]).sort(),
    );
    expect(emulator.controls.push.deliveries.map((d) => d.outcome)).toEqual(["paused"]);
  });

  it("reconciles right after subscribing: a change no notification reported is not left to the poller", async () => {
    const emulator = await startEmulator();
    const stores = await createStores();
    // The baseline comes from this read, cached before the change: nobody was subscribed when the user arrived.
    const warm = new RingCentralDataSource({ connections: [connectionOf(emulator, SANDBOX)], cache: stores.readCache });
    await warm.extensions(SANDBOX);
    await warm.close();
    const added = emulator.controls.addUser(SANDBOX, { firstName: "Gap", email: "gap@sandbox.example" });
    const instance = await startWatcherInstance({ emulator, accountIds: [SANDBOX], stores, start: false });
    const extensionChanged = collect(instance.bus, Topic.ExtensionChanged);

    instance.watcher.start();

    expect(await extensionChanged.next()).toMatchObject({ kind: "CREATED", extensionRcId: added.id, cause: "POLL" });
    expect(emulator.controls.push.deliveries).toEqual([]);
  });

  it("deletes its subscription and closes the socket on stop", async () => {
    const emulator = await startEmulator();
    const instance = await startWatcherInstance({ emulator, accountIds: [SANDBOX] });
    await pushReady(instance.events);

    await instance.stop();

    expect(liveSubscriptions(emulator)).toEqual([]);
    expect(emulator.requestLog.count("deleteSubscription", { status: 204 })).toBe(1);
    expect(instance.watcher.ownedAccounts()).toEqual([]);
    expect(await nextMatching(instance.events, (e) => e.kind === "pushClosed")).toMatchObject({ accountId: SANDBOX });
  });

  it("subscribes again after the connection drops and reconciles the gap", async () => {
    const emulator = await startEmulator();
    const instance = await startWatcherInstance({ emulator, accountIds: [SANDBOX] });
    const first = await pushReady(instance.events);
    const capacityChanged = collect(instance.bus, Topic.CapacityChanged);

    emulator.controls.push.disconnectWebSockets();
    // Lost while the socket is down: only the reconciliation after the reconnect can see it.
    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@sandbox.example" });

    const again = await pushReady(instance.events);
    expect(again.subscriptionId).not.toBe(first.subscriptionId);
    expect(await capacityChanged.next()).toMatchObject({ accountId: SANDBOX, cause: "POLL" });
    expect(liveSubscriptions(emulator).map((s) => s.id)).toEqual([again.subscriptionId]);
  });

  it("survives RingCentral refusing to subscribe again after a reconnect, and subscribes once it can", async () => {
    // Room for 30 subscription calls by the test next to the watcher's polls.
    const emulator = await startEmulator({ rateLimits: { Medium: 1_000, Light: 1_000, Heavy: 1_000 } });
    const instance = await startWatcherInstance({
      emulator,
      accountIds: [SANDBOX],
      watcher: { pollIntervalMs: 100, resubscribeAfterMs: 3_000, pushRetryMs: 50 },
    });
    const first = await pushReady(instance.events);
    // The same user and app may hold 30 subscriptions: take the 29 others, then the watcher's own slot once the
    // socket drops, so that its client's re-subscribe (2 s later) gets 403 SUB-505. The watcher replaces the socket
    // left without a subscription after `resubscribeAfterMs`.
    const receiver = await startWebhookReceiver();
    const platform = await loginAs(emulator, SANDBOX);
    const webhook = {
      eventFilters: [EXTENSION_LIST_FILTER],
      deliveryMode: { transportType: "WebHook", address: receiver.url },
    };
    for (let i = 0; i < 29; i += 1) await platform.post("/restapi/v1.0/subscription", webhook);
    emulator.controls.push.disconnectWebSockets();
    const squatter = await jsonOf<{ id: string }>(platform.post("/restapi/v1.0/subscription", webhook));

    expect(await nextMatching(instance.events, (e) => e.kind === "pushClosed")).toMatchObject({ accountId: SANDBOX });
    expect(emulator.requestLog.count("createSubscription", { status: 403 })).toBeGreaterThanOrEqual(1);
    await platform.delete(`/restapi/v1.0/subscription/${squatter.id}`);
    const again = await pushReady(instance.events);
    const capacityChanged = collect(instance.bus, Topic.CapacityChanged);
    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@sandbox.example" });

    expect(again.subscriptionId).not.toBe(first.subscriptionId);
    expect(await nextMatching(capacityChanged, (e) => e.cause === "PUSH")).toMatchObject({ accountId: SANDBOX });
  });
});
