import { afterEach, describe, expect, it } from "vitest";
import { UpstreamRateLimitedError, UpstreamUnavailableError } from "../../src/errors.js";
import { essentialsId, rejectionOf, startHarness, stopHarnesses } from "./support/harness.js";

afterEach(stopHarnesses);

describe("RingCentralDataSource rate budget", () => {
  it("serves the cached value as stale on a 429 and sends nothing during the penalty", async () => {
    const { dataSource, emulator, clock, calls } = await startHarness();
    const fresh = await dataSource.extensions(essentialsId);
    clock.advance(30_000);
    emulator.controls.faults.rateLimitNext(1, { retryAfterSeconds: 30, operationId: "listExtensions" });

    const duringPenalty = [await dataSource.extensions(essentialsId)];
    clock.advance(15_000);
    duringPenalty.push(await dataSource.extensions(essentialsId));
    // 10,001 ms of penalty left: just beyond the 10 s deadline, so the read does not wait either.
    clock.advance(4_999);
    duringPenalty.push(await dataSource.extensions(essentialsId));

    for (const read of duringPenalty) {
      expect(read).toEqual({ ...fresh, stale: true });
    }
    expect(calls("listExtensions")).toBe(2);
    expect(calls("listExtensions", { status: 429 })).toBe(1);
  });

  it("fetches again once the Retry-After has passed", async () => {
    const { dataSource, emulator, clock, calls } = await startHarness();
    await dataSource.extensions(essentialsId);
    clock.advance(30_000);
    emulator.controls.faults.rateLimitNext(1, { retryAfterSeconds: 30, operationId: "listExtensions" });
    await dataSource.extensions(essentialsId);

    clock.advance(30_000);
    const after = await dataSource.extensions(essentialsId);

    expect(after.stale).toBe(false);
    expect(calls("listExtensions")).toBe(3);
  });

  it("fails a cold read on a 429 with UpstreamRateLimitedError carrying retryAfterMs", async () => {
    const { dataSource, emulator, calls } = await startHarness();
    emulator.controls.faults.rateLimitNext(1, { retryAfterSeconds: 30, operationId: "listAccountPhoneNumbersV2" });

    const error = await rejectionOf(dataSource.phoneNumbers(essentialsId));

    expect(error).toBeInstanceOf(UpstreamRateLimitedError);
    expect((error as UpstreamRateLimitedError).retryAfterMs).toBe(30_000);
    expect(calls("listAccountPhoneNumbersV2")).toBe(1);
  });

  it("fails a cold read at once during a penalty, without a request", async () => {
    const { dataSource, emulator, clock, calls } = await startHarness();
    emulator.controls.faults.rateLimitNext(1, { retryAfterSeconds: 30, operationId: "listAccountPhoneNumbersV2" });
    await rejectionOf(dataSource.phoneNumbers(essentialsId));

    clock.advance(10_000);
    const error = await rejectionOf(dataSource.phoneNumbers(essentialsId));

    expect((error as UpstreamRateLimitedError).retryAfterMs).toBe(20_000);
    expect(calls("listAccountPhoneNumbersV2")).toBe(1);
  });

  it("waits out a Retry-After shorter than the deadline and then reads", async () => {
    const { dataSource, emulator, clock, calls } = await startHarness();
    emulator.controls.faults.rateLimitNext(1, { retryAfterSeconds: 5, operationId: "listExtensions" });

    const read = dataSource.extensions(essentialsId);
    expect(await clock.sleeping()).toBe(5_000);
    expect(calls("listExtensions")).toBe(1);
    clock.advance(5_000);

    expect((await read).stale).toBe(false);
    expect(calls("listExtensions")).toBe(2);
  });

  it("stops sending in a group whose budget is spent until the window has passed", async () => {
    const { dataSource, clock, calls } = await startHarness({ emulator: { rateLimits: { Heavy: 2 } } });
    await dataSource.phoneNumbers(essentialsId);
    await dataSource.invalidate(essentialsId, "phoneNumbers");
    await dataSource.phoneNumbers(essentialsId);
    await dataSource.invalidate(essentialsId, "phoneNumbers");

    const spent = await dataSource.phoneNumbers(essentialsId);
    clock.advance(49_999);
    const stillSpent = await dataSource.phoneNumbers(essentialsId);
    clock.advance(10_001);
    const refilled = await dataSource.phoneNumbers(essentialsId);

    expect([spent.stale, stillSpent.stale, refilled.stale]).toEqual([true, true, false]);
    expect(calls("listAccountPhoneNumbersV2")).toBe(3);
    expect(calls("listAccountPhoneNumbersV2", { status: 429 })).toBe(0);
  });

  it("waits for a spent window within the deadline instead of walking into a 429", async () => {
    const { dataSource, clock, calls } = await startHarness({
      emulator: { rateLimits: { Heavy: 1 }, rateWindowMs: 5_000 },
    });
    await dataSource.phoneNumbers(essentialsId);
    await dataSource.invalidate(essentialsId, "phoneNumbers");

    const read = dataSource.phoneNumbers(essentialsId);
    expect(await clock.sleeping()).toBe(5_000);
    expect(calls("listAccountPhoneNumbersV2")).toBe(1);
    clock.advance(5_000);

    expect((await read).stale).toBe(false);
    expect(calls("listAccountPhoneNumbersV2")).toBe(2);
    expect(calls("listAccountPhoneNumbersV2", { status: 429 })).toBe(0);
  });

  it("keeps groups apart: a spent Heavy budget does not hold back Medium reads", async () => {
    const { dataSource, calls } = await startHarness({ emulator: { rateLimits: { Heavy: 1 } } });
    await dataSource.phoneNumbers(essentialsId);

    const extensions = await dataSource.extensions(essentialsId);

    expect(extensions.stale).toBe(false);
    expect(calls("listExtensions")).toBe(1);
  });

  it("never overshoots the remaining budget with concurrent requests", async () => {
    const { dataSource, calls } = await startHarness({ emulator: { rateLimits: { Medium: 3 } } });
    await dataSource.extensions(essentialsId);

    const updated = await Promise.allSettled(
      ["48211231", "48211232", "48211233", "48211234"].map((id) =>
        dataSource.updateExtension(essentialsId, id, { department: "Front Desk" }),
      ),
    );

    expect(updated.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected"]);
    expect(updated.slice(2).map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.any(UpstreamRateLimitedError),
      expect.any(UpstreamRateLimitedError),
    ]);
    expect(calls("updateExtension")).toBe(2);
    expect(calls("updateExtension", { status: 429 })).toBe(0);
  });

  it("sends nothing during a real penalty that another instance's traffic caused", async () => {
    const harness = await startHarness({ emulator: { rateLimits: { Heavy: 2 }, penaltyMs: 60_000 } });
    const { dataSource, clock, calls } = harness;
    await dataSource.phoneNumbers(essentialsId);
    await harness.anotherDataSource().phoneNumbers(essentialsId);
    await dataSource.invalidate(essentialsId, "phoneNumbers");

    const trapped = await dataSource.phoneNumbers(essentialsId);
    clock.advance(30_000);
    const waiting = await dataSource.phoneNumbers(essentialsId);
    clock.advance(30_000);
    const released = await dataSource.phoneNumbers(essentialsId);

    expect([trapped.stale, waiting.stale, released.stale]).toEqual([true, true, false]);
    expect(calls("listAccountPhoneNumbersV2", { status: 429 })).toBe(1);
    expect(calls("listAccountPhoneNumbersV2")).toBe(4);
  });

  it("ends a budget wait with UpstreamUnavailableError on close", async () => {
    const { dataSource, emulator, clock } = await startHarness();
    emulator.controls.faults.rateLimitNext(1, { retryAfterSeconds: 5, operationId: "listExtensions" });
    const read = dataSource.extensions(essentialsId);
    await clock.sleeping();

    await dataSource.close();

    expect(await rejectionOf(read)).toBeInstanceOf(UpstreamUnavailableError);
  });
});
