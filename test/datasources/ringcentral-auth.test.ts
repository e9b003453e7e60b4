import { afterEach, describe, expect, it } from "vitest";
import { UpstreamAuthError } from "../../src/errors.js";
import { essentialsId, rejectionOf, sandboxId, startHarness, stopHarnesses } from "./support/harness.js";

afterEach(stopHarnesses);

describe("RingCentralDataSource sessions", () => {
  it("logs in with the JWT on first use only", async () => {
    const { dataSource, calls } = await startHarness();

    await dataSource.accountInfo(sandboxId);
    await dataSource.extensions(sandboxId);

    expect(calls("getToken")).toBe(1);
  });

  it("reads on transparently after the access tokens expire (the SDK refreshes)", async () => {
    const { dataSource, emulator, calls } = await startHarness();
    await dataSource.extensions(essentialsId);

    emulator.controls.expireTokens();
    await dataSource.invalidate(essentialsId);
    const again = await dataSource.extensions(essentialsId);

    expect(again.stale).toBe(false);
    expect(calls("listExtensions", { status: 401 })).toBe(1);
    expect(calls("getToken", { status: 200 })).toBe(2);
  });

  it("logs in again with the JWT when the refresh fails too", async () => {
    const { dataSource, emulator, clock, calls } = await startHarness({ emulator: { refreshTokenTtlSeconds: 60 } });
    await dataSource.extensions(essentialsId);

    clock.advance(61_000);
    emulator.controls.expireTokens();
    const again = await dataSource.extensions(essentialsId);

    expect(again.stale).toBe(false);
    expect(calls("getToken", { status: 400 })).toBe(1);
    expect(calls("getToken", { status: 200 })).toBe(2);
    expect(calls("listExtensions", { status: 200 })).toBe(2);
  });

  it("stays logged in after a re-login", async () => {
    const { dataSource, emulator, clock, calls } = await startHarness({ emulator: { refreshTokenTtlSeconds: 60 } });
    await dataSource.extensions(essentialsId);
    clock.advance(61_000);
    emulator.controls.expireTokens();
    await dataSource.extensions(essentialsId);

    await dataSource.invalidate(essentialsId);
    await dataSource.extensions(essentialsId);

    expect(calls("getToken")).toBe(3);
  });

  it("fails with UpstreamAuthError when RingCentral refuses the JWT", async () => {
    const { dataSource } = await startHarness({
      connections: (configs) => configs.map((c) => ({ ...c, jwt: "not-the-jwt" })),
    });

    const error = await rejectionOf(dataSource.extensions(sandboxId));

    expect(error).toBeInstanceOf(UpstreamAuthError);
  });

  it("fails with UpstreamAuthError when RingCentral refuses the client secret", async () => {
    const { dataSource } = await startHarness({
      connections: (configs) => configs.map((c) => ({ ...c, clientSecret: "wrong-secret" })),
    });

    const error = await rejectionOf(dataSource.accountInfo(sandboxId));

    expect(error).toBeInstanceOf(UpstreamAuthError);
  });

  it("fails with UpstreamAuthError when a 401 survives a fresh login", async () => {
    const { dataSource, emulator, calls } = await startHarness();
    await dataSource.accountInfo(sandboxId);
    emulator.controls.faults.failNext(4, { status: 401, operationId: "listExtensions" });

    const error = await rejectionOf(dataSource.extensions(sandboxId));

    expect(error).toBeInstanceOf(UpstreamAuthError);
    expect(calls("listExtensions")).toBe(4);
  });

  it("refuses '~' as a configured account id", async () => {
    await expect(
      startHarness({ connections: (configs) => configs.map((c) => ({ ...c, accountId: "~" })) }),
    ).rejects.toThrow(/numeric id/);
  });
});
