import { describe, expect, it } from "vitest";
import { createClock } from "../support/emulator-clock.js";
import { loginAs, SANDBOX, sdkFor, startEmulator } from "../support/emulator-server.js";

async function rawGet(url: string, token: string) {
  return fetch(url, { headers: { Authorization: `bearer ${token}` } });
}

describe("rate limits", () => {
  it("sends the group's X-Rate-Limit headers on every API response", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const response = await platform.get("/restapi/v2/accounts/~/phone-numbers");
    expect(response.headers.get("x-rate-limit-group")).toBe("heavy");
    expect(response.headers.get("x-rate-limit-limit")).toBe("10");
    expect(response.headers.get("x-rate-limit-remaining")).toBe("9");
    expect(response.headers.get("x-rate-limit-window")).toBe("60");
  });

  it("answers 429 CMN-301 with Retry-After once the group's limit is used up", async () => {
    const emulator = await startEmulator({ rateLimits: { Light: 2 }, penaltyMs: 5_000 });
    const platform = await loginAs(emulator, SANDBOX);
    const token = (await platform.auth().data()).access_token ?? "";
    const url = `${emulator.url}/restapi/v1.0/account/~`;
    await rawGet(url, token);
    await rawGet(url, token);
    const refused = await rawGet(url, token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(await refused.json()).toEqual({
      errorCode: "CMN-301",
      message: "Request rate exceeded",
      errors: [{ errorCode: "CMN-301", message: "Request rate exceeded" }],
    });
  });

  it("counts groups separately", async () => {
    const emulator = await startEmulator({ rateLimits: { Light: 1 } });
    const platform = await loginAs(emulator, SANDBOX);
    await platform.get("/restapi/v1.0/account/~");
    expect((await platform.get("/restapi/v1.0/account/~/extension")).status).toBe(200);
  });

  it("throws the SDK's 429 with retryAfter in ms", async () => {
    const emulator = await startEmulator({ rateLimits: { Medium: 1 }, penaltyMs: 3_000 });
    const platform = await loginAs(emulator, SANDBOX);
    await platform.get("/restapi/v1.0/account/~/extension");
    const error = await platform.get("/restapi/v1.0/account/~/extension").catch((e: unknown) => e);
    expect(error).toMatchObject({ retryAfter: 3_000, response: { status: 429 } });
  });

  it("restarts the penalty on every request sent during it", async () => {
    const clock = createClock();
    const emulator = await startEmulator({
      rateLimits: { Light: 1 },
      rateWindowMs: 10_000,
      penaltyMs: 10_000,
      now: clock.now,
    });
    const platform = await loginAs(emulator, SANDBOX);
    const token = (await platform.auth().data()).access_token ?? "";
    const url = `${emulator.url}/restapi/v1.0/account/~`;
    expect((await rawGet(url, token)).status).toBe(200);
    expect((await rawGet(url, token)).status).toBe(429);
    clock.advance(9_000);
    expect((await rawGet(url, token)).status).toBe(429);
    clock.advance(9_000);
    expect((await rawGet(url, token)).status).toBe(429);
    clock.advance(10_000);
    expect((await rawGet(url, token)).status).toBe(200);
  });

  it("frees the window as it slides", async () => {
    const clock = createClock();
    const emulator = await startEmulator({ rateLimits: { Light: 2 }, rateWindowMs: 10_000, now: clock.now });
    const platform = await loginAs(emulator, SANDBOX);
    const token = (await platform.auth().data()).access_token ?? "";
    const url = `${emulator.url}/restapi/v1.0/account/~`;
    await rawGet(url, token);
    clock.advance(6_000);
    await rawGet(url, token);
    clock.advance(5_000);
    const response = await rawGet(url, token);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-rate-limit-remaining")).toBe("0");
  });

  it("limits the token endpoint per app in the Auth group", async () => {
    const emulator = await startEmulator({ rateLimits: { Auth: 2 } });
    await loginAs(emulator, SANDBOX);
    await loginAs(emulator, SANDBOX);
    const third = sdkFor(emulator, SANDBOX).platform().login({ jwt: "acme-sandbox-jwt" });
    await expect(third).rejects.toMatchObject({ response: { status: 429 } });
    await expect(loginAs(emulator, "48211230")).resolves.toBeDefined();
  });
});
