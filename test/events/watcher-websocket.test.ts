import { describe, expect, it } from "vitest";
import { LICENSED, SANDBOX, startEmulator } from "../support/emulator-server.js";
import { collect, nextMatching, startWatcherInstance, Topic } from "./watcher-harness.js";

const liveSubscriptions = (emulator: Awaited<ReturnType<typeof startEmulator>>) =>
  emulator.controls.push.subscriptions().filter((s) => !s.expired);

describe("capacity watcher over WebSocket push", () => {
  it("publishes capacityChanged and extensionChanged with cause PUSH when a user is added upstream", async () => {
    const emulator = await startEmulator();
    const instance = await startWatcherInstance({ emulator, accountIds: [SANDBOX] });
    const subscribed = await nextMatching(instance.events, (e) => e.kind === "pushSubscribed");
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
    await nextMatching(instance.events, (e) => e.kind === "pushSubscribed");
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
    await nextMatching(instance.events, (e) => e.kind === "pushSubscribed");
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

  it("deletes its subscription and closes the socket on stop", async () => {
    const emulator = await startEmulator();
    const instance = await startWatcherInstance({ emulator, accountIds: [SANDBOX] });
    await nextMatching(instance.events, (e) => e.kind === "pushSubscribed");

    await instance.stop();

    expect(liveSubscriptions(emulator)).toEqual([]);
    expect(emulator.requestLog.count("deleteSubscription", { status: 204 })).toBe(1);
    expect(instance.watcher.ownedAccounts()).toEqual([]);
    expect(await nextMatching(instance.events, (e) => e.kind === "pushClosed")).toMatchObject({ accountId: SANDBOX });
  });

  it("subscribes again after the connection drops and reconciles the gap", async () => {
    const emulator = await startEmulator();
    const instance = await startWatcherInstance({ emulator, accountIds: [SANDBOX] });
    const first = await nextMatching(instance.events, (e) => e.kind === "pushSubscribed");
    const capacityChanged = collect(instance.bus, Topic.CapacityChanged);

    emulator.controls.push.disconnectWebSockets();
    // Lost while the socket is down: only the reconciliation after the reconnect can see it.
    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@sandbox.example" });

    const again = await nextMatching(instance.events, (e) => e.kind === "pushSubscribed");
    expect(again.subscriptionId).not.toBe(first.subscriptionId);
    expect(await capacityChanged.next()).toMatchObject({ accountId: SANDBOX, cause: "POLL" });
    expect(liveSubscriptions(emulator).map((s) => s.id)).toEqual([again.subscriptionId]);
  });
});
