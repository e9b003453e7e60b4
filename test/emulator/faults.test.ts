import { describe, expect, it } from "vitest";
import { errorBodyOf, loginAs, SANDBOX, startEmulator } from "../support/emulator-server.js";

describe("fault injection", () => {
  it("fails the next request with 503 CMN-201", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    emulator.controls.faults.failNext(1);
    const body = await errorBodyOf(platform.get("/restapi/v1.0/account/~"));
    expect(body).toMatchObject({ errorCode: "CMN-201", errors: [{ errorCode: "CMN-201" }] });
    expect(emulator.requestLog.count("readAccountInfo", { status: 503 })).toBe(1);
    expect((await platform.get("/restapi/v1.0/account/~")).status).toBe(200);
  });

  it("fails with the given status only for the given operation", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    emulator.controls.faults.failNext(1, { status: 500, operationId: "listExtensions" });
    expect((await platform.get("/restapi/v1.0/account/~")).status).toBe(200);
    await expect(platform.get("/restapi/v1.0/account/~/extension")).rejects.toMatchObject({
      response: { status: 500 },
    });
  });

  it("resets the connection without a response", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    emulator.controls.faults.resetNext(1);
    const error = await platform.get("/restapi/v1.0/account/~").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { response?: unknown }).response ?? undefined).toBeUndefined();
    expect(emulator.requestLog.count("readAccountInfo", { status: 0 })).toBe(1);
  });

  it("forces a 429 with the requested Retry-After", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    emulator.controls.faults.rateLimitNext(1, { retryAfterSeconds: 7 });
    const error = await platform.get("/restapi/v1.0/account/~").catch((e: unknown) => e);
    expect(error).toMatchObject({ retryAfter: 7_000, response: { status: 429 } });
  });

  it("adds latency to API responses", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    emulator.controls.faults.setLatency(60);
    const started = performance.now();
    await platform.get("/restapi/v1.0/account/~");
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("drops queued faults on clear", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    emulator.controls.faults.failNext(3);
    emulator.controls.faults.clear();
    expect((await platform.get("/restapi/v1.0/account/~")).status).toBe(200);
  });

  it("expires access tokens so the SDK refreshes and retries", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    emulator.controls.expireTokens();
    expect((await platform.get("/restapi/v1.0/account/~")).status).toBe(200);
    expect(emulator.requestLog.count("readAccountInfo", { status: 401 })).toBe(1);
    expect(emulator.requestLog.count("getToken", { status: 200 })).toBe(2);
  });
});
