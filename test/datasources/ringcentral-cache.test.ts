import { afterEach, describe, expect, it } from "vitest";
import { essentialsId, sandboxId, startHarness, stopHarnesses } from "./support/harness.js";

afterEach(stopHarnesses);

describe("RingCentralDataSource cache", () => {
  it("answers a second read within the TTL without any upstream call", async () => {
    const { dataSource, emulator, clock } = await startHarness();
    const first = await dataSource.extensions(essentialsId);
    const before = emulator.requestLog.entries.length;

    clock.advance(29_999);
    const second = await dataSource.extensions(essentialsId);

    expect(emulator.requestLog.entries.length).toBe(before);
    expect(second).toEqual(first);
  });

  it("coalesces 100 concurrent cold reads into the calls of one read", async () => {
    const { dataSource, calls } = await startHarness();

    const reads = await Promise.all(Array.from({ length: 100 }, () => dataSource.extensions(essentialsId)));

    expect(calls("listExtensions")).toBe(1);
    expect(calls("getToken")).toBe(1);
    expect(new Set(reads.map((r) => r.observedAt)).size).toBe(1);
  });

  it("fetches again after invalidate", async () => {
    const { dataSource, calls } = await startHarness();
    await dataSource.phoneNumbers(essentialsId);

    await dataSource.invalidate(essentialsId, "phoneNumbers");
    await dataSource.phoneNumbers(essentialsId);

    expect(calls("listAccountPhoneNumbersV2")).toBe(2);
  });

  it("invalidates every resource of the account when none is named", async () => {
    const { dataSource, calls } = await startHarness();
    const readAll = () =>
      Promise.all([
        dataSource.accountInfo(essentialsId),
        dataSource.extensions(essentialsId),
        dataSource.phoneNumbers(essentialsId),
      ]);
    await readAll();

    await dataSource.invalidate(essentialsId);
    await readAll();

    expect([calls("readAccountInfo"), calls("listExtensions"), calls("listAccountPhoneNumbersV2")]).toEqual([2, 2, 2]);
  });

  it("keeps other accounts cached on invalidate", async () => {
    const { dataSource, calls } = await startHarness();
    await Promise.all([dataSource.extensions(essentialsId), dataSource.extensions(sandboxId)]);

    await dataSource.invalidate(essentialsId);
    await dataSource.extensions(sandboxId);

    expect(calls("listExtensions")).toBe(2);
  });

  it("fetches again once the TTL has passed", async () => {
    const { dataSource, calls, clock } = await startHarness();
    const first = await dataSource.accountInfo(sandboxId);

    clock.advance(30_000);
    const second = await dataSource.accountInfo(sandboxId);

    expect(calls("readAccountInfo")).toBe(2);
    expect(second.stale).toBe(false);
    expect(Date.parse(second.observedAt) - Date.parse(first.observedAt)).toBe(30_000);
  });

  it("honours a configured TTL", async () => {
    const { dataSource, calls, clock } = await startHarness({ dataSource: { cacheTtlMs: 1_000 } });
    await dataSource.accountInfo(sandboxId);

    clock.advance(1_000);
    await dataSource.accountInfo(sandboxId);

    expect(calls("readAccountInfo")).toBe(2);
  });

  it("hands every caller its own copy of a cached value", async () => {
    const { dataSource } = await startHarness();
    const first = await dataSource.extensions(essentialsId);

    first.value.length = 0;
    const second = await dataSource.extensions(essentialsId);

    expect(second.value).toHaveLength(10);
  });

  it("adds a created extension to the cached list without reading it again", async () => {
    const { dataSource, calls } = await startHarness();
    const before = await dataSource.extensions(essentialsId);

    const created = await dataSource.createExtension(essentialsId, { firstName: "Lu", email: "lu@bluebird.example" });
    const after = await dataSource.extensions(essentialsId);

    expect(calls("listExtensions")).toBe(1);
    expect(after.value).toEqual([...before.value, created]);
    expect(after.observedAt).toBe(before.observedAt);
  });

  it("puts an updated extension in place of the cached one", async () => {
    const { dataSource, calls } = await startHarness();
    const seat = (await dataSource.extensions(essentialsId)).value.find((e) => e.status === "Unassigned")!;

    const updated = await dataSource.updateExtension(essentialsId, seat.rcId, {
      firstName: "Lu",
      email: "lu@bluebird.example",
      status: "Enabled",
    });
    const after = await dataSource.extensions(essentialsId);

    expect(calls("listExtensions")).toBe(1);
    expect(after.value.filter((e) => e.rcId === seat.rcId)).toEqual([updated]);
    expect(updated).toMatchObject({ status: "Enabled", email: "lu@bluebird.example" });
  });

  it("puts an assigned number in place of the cached one", async () => {
    const { dataSource, calls } = await startHarness();
    await dataSource.phoneNumbers(essentialsId);

    await dataSource.assignPhoneNumber(essentialsId, "1482112305", "48211234");
    const after = await dataSource.phoneNumbers(essentialsId);

    expect(calls("listAccountPhoneNumbersV2")).toBe(1);
    expect(after.value.find((n) => n.rcId === "1482112305")?.extensionRcId).toBe("48211234");
  });

  it("reads both lists again after a delete, which can leave an unassigned seat behind", async () => {
    const { dataSource, calls } = await startHarness();
    await Promise.all([dataSource.extensions(essentialsId), dataSource.phoneNumbers(essentialsId)]);

    await dataSource.deleteExtension(essentialsId, "48211234");
    const after = await dataSource.extensions(essentialsId);
    await dataSource.phoneNumbers(essentialsId);

    expect([calls("listExtensions"), calls("listAccountPhoneNumbersV2")]).toEqual([2, 2]);
    expect(after.value.map((e) => e.rcId)).not.toContain("48211234");
  });

  it("reads the list again after a write whose answer was lost, since it may have happened", async () => {
    const { dataSource, calls, emulator } = await startHarness();
    await dataSource.extensions(essentialsId);
    emulator.controls.faults.failNext(1, { status: 503, operationId: "createExtension" });

    await expect(
      dataSource.createExtension(essentialsId, { firstName: "Lu", email: "lu@bluebird.example" }),
    ).rejects.toMatchObject({ code: "UPSTREAM_UNAVAILABLE" });
    await dataSource.extensions(essentialsId);

    expect(calls("listExtensions")).toBe(2);
  });

  it("reads the list again after a write when the cached list had expired", async () => {
    const { dataSource, calls, clock } = await startHarness();
    await dataSource.extensions(essentialsId);
    clock.advance(31_000);

    await dataSource.createExtension(essentialsId, { firstName: "Lu", email: "lu@bluebird.example" });
    await dataSource.extensions(essentialsId);

    expect(calls("listExtensions")).toBe(2);
  });

  it("does not cache a read that was in flight when the resource was invalidated", async () => {
    const { dataSource, calls, emulator } = await startHarness();
    emulator.controls.faults.setLatency(50);

    const inFlight = dataSource.extensions(essentialsId);
    await new Promise((resolve) => setImmediate(resolve));
    await dataSource.invalidate(essentialsId, "extensions");
    await inFlight;
    emulator.controls.faults.setLatency(0);
    await dataSource.extensions(essentialsId);

    expect(calls("listExtensions")).toBe(2);
  });
});
