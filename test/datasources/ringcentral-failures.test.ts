import { afterEach, describe, expect, it } from "vitest";
import { UpstreamUnavailableError } from "../../src/errors.js";
import { essentialsId, rejectionOf, sandboxId, startHarness, stopHarnesses } from "./support/harness.js";

afterEach(stopHarnesses);

describe("RingCentralDataSource upstream failures", () => {
  it("serves the last good value as stale when RingCentral answers 503", async () => {
    const { dataSource, emulator, clock } = await startHarness();
    const fresh = await dataSource.phoneNumbers(essentialsId);
    clock.advance(30_000);
    emulator.controls.faults.failNext(1, { status: 503, operationId: "listAccountPhoneNumbersV2" });

    const served = await dataSource.phoneNumbers(essentialsId);

    expect(served).toEqual({ ...fresh, stale: true });
  });

  it("fails a cold read with UpstreamUnavailableError when RingCentral answers 503", async () => {
    const { dataSource, emulator } = await startHarness();
    emulator.controls.faults.failNext(1, { status: 503, operationId: "readAccountInfo" });

    const error = await rejectionOf(dataSource.accountInfo(sandboxId));

    expect(error).toBeInstanceOf(UpstreamUnavailableError);
  });

  it("serves the last good value as stale when the connection is reset", async () => {
    const { dataSource, emulator, clock } = await startHarness();
    await dataSource.extensions(sandboxId);
    clock.advance(30_000);
    emulator.controls.faults.resetNext(1, { operationId: "listExtensions" });

    const served = await dataSource.extensions(sandboxId);

    expect(served.stale).toBe(true);
  });

  it("fails a cold read with UpstreamUnavailableError when the connection is reset", async () => {
    const { dataSource, emulator } = await startHarness();
    emulator.controls.faults.resetNext(1, { operationId: "listExtensions" });

    const error = await rejectionOf(dataSource.extensions(sandboxId));

    expect(error).toBeInstanceOf(UpstreamUnavailableError);
  });

  it("fails a cold read with UpstreamUnavailableError when RingCentral is too slow", async () => {
    const { dataSource, emulator } = await startHarness({ dataSource: { requestTimeoutMs: 100 } });
    await dataSource.accountInfo(sandboxId);
    emulator.controls.faults.setLatency(1_000);

    const error = await rejectionOf(dataSource.extensions(sandboxId));

    expect(error).toBeInstanceOf(UpstreamUnavailableError);
  });

  it("fails a cold read with UpstreamUnavailableError when RingCentral is gone", async () => {
    const { dataSource, stopUpstream } = await startHarness();
    await stopUpstream();

    const error = await rejectionOf(dataSource.extensions(sandboxId));

    expect(error).toBeInstanceOf(UpstreamUnavailableError);
  });

  it("serves a fresh value again once RingCentral recovers", async () => {
    const { dataSource, emulator, clock, calls } = await startHarness();
    await dataSource.phoneNumbers(essentialsId);
    clock.advance(30_000);
    emulator.controls.faults.failNext(1, { status: 503, operationId: "listAccountPhoneNumbersV2" });
    await dataSource.phoneNumbers(essentialsId);

    const recovered = await dataSource.phoneNumbers(essentialsId);

    expect(recovered.stale).toBe(false);
    expect(calls("listAccountPhoneNumbersV2")).toBe(3);
  });
});
