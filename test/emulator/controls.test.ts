import type { WireExtension, WireV1List } from "../../src/datasources/ringcentral.wire.js";
import { describe, expect, it } from "vitest";
import { EmulatorRuleError, EXTENSION_LIMIT_ERROR_CODE } from "../../src/emulator/index.js";
import { jsonOf, LICENSED, loginAs, SANDBOX, startEmulator } from "../support/emulator-server.js";

const json = { "Content-Type": "application/json" };

describe("programmatic controls", () => {
  it("buys licences that show up as Unassigned extensions", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, LICENSED);
    const bought = emulator.controls.buyLicenses(LICENSED, 2);
    const list = await platform.get("/restapi/v1.0/account/~/extension", { status: "Unassigned" });
    const ids = (await jsonOf<WireV1List<WireExtension>>(list)).records.map((r) => String(r.id));
    expect(ids).toEqual(expect.arrayContaining(bought.map((e) => e.id)));
  });

  it("applies the cap to users added out of band", async () => {
    const emulator = await startEmulator();
    emulator.controls.addUser(SANDBOX, { firstName: "Dee", email: "dee@acme.example" });
    const refused = () => emulator.controls.addUser(SANDBOX, { firstName: "Eve", email: "eve@acme.example" });
    expect(refused).toThrow(EmulatorRuleError);
    expect(refused).toThrow(expect.objectContaining({ errorCode: EXTENSION_LIMIT_ERROR_CODE, httpStatus: 403 }));
  });

  it("removes a user out of band", async () => {
    const emulator = await startEmulator();
    emulator.controls.removeUser(SANDBOX, "37439513");
    expect(emulator.state.account(SANDBOX).extensions.has("37439513")).toBe(false);
  });
});

describe("HTTP controls under /emulator", () => {
  it("summarises accounts with user-extension counts", async () => {
    const emulator = await startEmulator();
    const body = await jsonOf<{ accounts: unknown[] }>(fetch(`${emulator.url}/emulator/accounts`));
    expect(body.accounts).toContainEqual(
      expect.objectContaining({ id: LICENSED, userExtensions: { total: 25, used: 20, unassigned: 5 } }),
    );
  });

  it("buys licences", async () => {
    const emulator = await startEmulator();
    const response = await fetch(`${emulator.url}/emulator/accounts/${LICENSED}/licenses`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ count: 3 }),
    });
    expect((await jsonOf<{ extensions: unknown[] }>(response)).extensions).toHaveLength(3);
    expect(emulator.state.account(LICENSED).plan.licenses).toBe(28);
  });

  it("changes the plan", async () => {
    const emulator = await startEmulator();
    const response = await fetch(`${emulator.url}/emulator/accounts/${SANDBOX}/plan`, {
      method: "PUT",
      headers: json,
      body: JSON.stringify({ userExtensionCap: 10 }),
    });
    expect(await response.json()).toMatchObject({ userExtensionCap: 10, name: "Developer Sandbox" });
  });

  it("adds a user and refuses one past the cap with the emulator code", async () => {
    const emulator = await startEmulator();
    const add = (email: string) =>
      fetch(`${emulator.url}/emulator/accounts/${SANDBOX}/users`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ firstName: "X", email }),
      });
    expect((await add("x1@acme.example")).status).toBe(200);
    const refused = await add("x2@acme.example");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ errorCode: EXTENSION_LIMIT_ERROR_CODE });
  });

  it("removes a user", async () => {
    const emulator = await startEmulator();
    const response = await fetch(`${emulator.url}/emulator/accounts/${SANDBOX}/users/37439513`, { method: "DELETE" });
    expect(response.status).toBe(204);
  });

  it("queues a fault and clears faults", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    await fetch(`${emulator.url}/emulator/faults`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ kind: "fail", count: 1, status: 502, operationId: "readAccountInfo" }),
    });
    await expect(platform.get("/restapi/v1.0/account/~")).rejects.toMatchObject({ response: { status: 502 } });
    await fetch(`${emulator.url}/emulator/faults`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ kind: "fail", count: 5 }),
    });
    await fetch(`${emulator.url}/emulator/faults`, { method: "DELETE" });
    expect((await platform.get("/restapi/v1.0/account/~")).status).toBe(200);
  });

  it("expires tokens", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    await fetch(`${emulator.url}/emulator/tokens/expire`, { method: "POST" });
    await platform.get("/restapi/v1.0/account/~");
    expect(emulator.requestLog.count("readAccountInfo", { status: 401 })).toBe(1);
  });

  it("lists and clears the request log, logging controls as emulatorControl", async () => {
    const emulator = await startEmulator();
    await loginAs(emulator, SANDBOX);
    const body = await jsonOf<{ entries: { operationId: string }[] }>(fetch(`${emulator.url}/emulator/requests`));
    expect(body.entries.map((e) => e.operationId)).toEqual(["getToken"]);
    await fetch(`${emulator.url}/emulator/requests`, { method: "DELETE" });
    expect(emulator.requestLog.entries.map((e) => e.operationId)).toEqual(["emulatorControl"]);
  });

  it("does not rate-limit controls", async () => {
    const emulator = await startEmulator({ rateLimits: { Light: 1, Medium: 1, Heavy: 1, Auth: 1 } });
    const statuses = await Promise.all(
      [1, 2, 3].map(async () => (await fetch(`${emulator.url}/emulator/accounts`)).status),
    );
    expect(statuses).toEqual([200, 200, 200]);
  });
});
