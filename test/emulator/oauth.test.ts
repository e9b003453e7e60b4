import type { WireTokenInfo } from "../../src/datasources/ringcentral.wire.js";
import { describe, expect, it } from "vitest";
import { createClock } from "../support/emulator-clock.js";
import { errorBodyOf, loginAs, SANDBOX, sdkFor, startEmulator, statusOf } from "../support/emulator-server.js";

async function tokenRequest(url: string, form: Record<string, string>, basic?: string) {
  return fetch(`${url}/restapi/oauth/token`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(basic === undefined ? {} : { Authorization: `Basic ${Buffer.from(basic).toString("base64")}` }),
    },
    body: new URLSearchParams(form),
  });
}

describe("POST /restapi/oauth/token", () => {
  it("logs in with the account's JWT and returns a complete TokenInfo", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const token = (await platform.auth().data()) as Partial<WireTokenInfo>;
    expect(token).toMatchObject({
      token_type: "bearer",
      expires_in: 3600,
      refresh_token_expires_in: 604800,
      owner_id: "37439511",
    });
    expect(token.session_id).toEqual(expect.any(String));
    expect(token.endpoint_id).toEqual(expect.any(String));
    expect(token.scope).toContain("ReadAccounts");
  });

  it("refuses another account's JWT with invalid_grant OAU-140", async () => {
    const emulator = await startEmulator();
    const sdk = sdkFor(emulator, SANDBOX);
    const body = await errorBodyOf(sdk.platform().login({ jwt: "bluebird-jwt" }));
    expect(body.error).toBe("invalid_grant");
    expect(body.errors?.[0]?.errorCode).toBe("OAU-140");
  });

  it("refuses a wrong client secret with 401 invalid_client", async () => {
    const emulator = await startEmulator();
    const sdk = sdkFor(emulator, SANDBOX, { clientSecret: "wrong" });
    const login = sdk.platform().login({ jwt: "acme-sandbox-jwt" });
    expect(await statusOf(login)).toBe(401);
  });

  it("refuses a request without client authentication", async () => {
    const emulator = await startEmulator();
    const response = await tokenRequest(emulator.url, {
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion: "acme-sandbox-jwt",
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client", errors: [{ errorCode: "OAU-123" }] });
  });

  it("refuses an unsupported grant type", async () => {
    const emulator = await startEmulator();
    const response = await tokenRequest(
      emulator.url,
      { grant_type: "password", username: "a", password: "b" },
      "acme-sandbox-app:acme-sandbox-secret",
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "unauthorized_client" });
  });

  it("rotates tokens on refresh", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const before = await platform.auth().data();
    await platform.refresh();
    const after = await platform.auth().data();
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect((await platform.get("/restapi/v1.0/account/~")).status).toBe(200);
  });

  it("refuses a refresh token that was already used", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const used = (await platform.auth().data()).refresh_token ?? "";
    await platform.refresh();
    const response = await tokenRequest(
      emulator.url,
      { grant_type: "refresh_token", refresh_token: used },
      "acme-sandbox-app:acme-sandbox-secret",
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_grant", errors: [{ errorCode: "OAU-213" }] });
  });

  it("makes the previous access token invalid on refresh", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const old = (await platform.auth().data()).access_token ?? "";
    await platform.refresh();
    const response = await fetch(`${emulator.url}/restapi/v1.0/account/~`, {
      headers: { Authorization: `Bearer ${old}` },
    });
    expect(response.status).toBe(401);
  });

  it("falls back to its own TTLs when the refresh asks for NaN", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const refresh = (await platform.auth().data()).refresh_token ?? "";
    const response = await tokenRequest(
      emulator.url,
      { grant_type: "refresh_token", refresh_token: refresh, access_token_ttl: "NaN", refresh_token_ttl: "NaN" },
      "acme-sandbox-app:acme-sandbox-secret",
    );
    expect(await response.json()).toMatchObject({ expires_in: 3600, refresh_token_expires_in: 604800 });
  });

  it("clamps a requested access-token TTL to the emulator's ceiling", async () => {
    const emulator = await startEmulator({ accessTokenTtlSeconds: 900 });
    const response = await tokenRequest(
      emulator.url,
      {
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: "acme-sandbox-jwt",
        access_token_ttl: "7200",
      },
      "acme-sandbox-app:acme-sandbox-secret",
    );
    expect(await response.json()).toMatchObject({ expires_in: 900 });
  });
});

describe("POST /restapi/oauth/revoke", () => {
  it("kills the session so its access token is refused", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const token = (await platform.auth().data()).access_token ?? "";
    await platform.logout();
    const response = await fetch(`${emulator.url}/restapi/v1.0/account/~`, {
      headers: { Authorization: `bearer ${token}` },
    });
    expect(response.status).toBe(401);
    expect(emulator.requestLog.count("revokeToken", { status: 200 })).toBe(1);
  });
});

describe("bearer authentication", () => {
  it("answers 401 OAU-213 for an unknown token", async () => {
    const emulator = await startEmulator();
    const response = await fetch(`${emulator.url}/restapi/v1.0/account/~`, {
      headers: { Authorization: "Bearer nope" },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errorCode: "OAU-213", errors: [{ errorCode: "OAU-213" }] });
  });

  it("answers 401 AGW-401 without an Authorization header", async () => {
    const emulator = await startEmulator();
    const response = await fetch(`${emulator.url}/restapi/v1.0/account/~`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errorCode: "AGW-401" });
  });

  it("accepts the scheme in any case", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const token = (await platform.auth().data()).access_token ?? "";
    const response = await fetch(`${emulator.url}/restapi/v1.0/account/~`, {
      headers: { Authorization: `BEARER ${token}` },
    });
    expect(response.status).toBe(200);
  });

  it("answers 401 OAU-128 once the access token has expired", async () => {
    const clock = createClock();
    const emulator = await startEmulator({ now: clock.now });
    const platform = await loginAs(emulator, SANDBOX);
    const token = (await platform.auth().data()).access_token ?? "";
    clock.advance(3_600_000);
    const response = await fetch(`${emulator.url}/restapi/v1.0/account/~`, {
      headers: { Authorization: `bearer ${token}` },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errorCode: "OAU-128" });
  });
});
