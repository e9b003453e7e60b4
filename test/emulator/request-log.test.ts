import { describe, expect, it } from "vitest";
import { ESSENTIALS, loginAs, SANDBOX, startEmulator } from "../support/emulator-server.js";

describe("request log", () => {
  it("records operationId, account, status, group and the body sent", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    await platform.get("/restapi/v1.0/account/~/extension", { perPage: 2 });
    const entry = emulator.requestLog.entries.at(-1);
    expect(entry).toMatchObject({
      method: "GET",
      path: "/restapi/v1.0/account/~/extension",
      query: "perPage=2",
      operationId: "listExtensions",
      accountId: SANDBOX,
      status: 200,
      group: "Medium",
    });
    expect((entry?.responseBody as { records: unknown[] }).records).toHaveLength(2);
  });

  it("counts by operationId and account", async () => {
    const emulator = await startEmulator();
    const sandbox = await loginAs(emulator, SANDBOX);
    const essentials = await loginAs(emulator, ESSENTIALS);
    await sandbox.get("/restapi/v1.0/account/~");
    await essentials.get("/restapi/v1.0/account/~");
    await essentials.get("/restapi/v1.0/account/~");
    expect(emulator.requestLog.count("getToken")).toBe(2);
    expect(emulator.requestLog.count("readAccountInfo", { accountId: ESSENTIALS })).toBe(2);
    expect(emulator.requestLog.count()).toBe(5);
  });

  it("leaves the body out of an empty response", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    await platform.delete("/restapi/v1.0/account/~/extension/37439513");
    expect(emulator.requestLog.entries.at(-1)).not.toHaveProperty("responseBody");
  });

  it("empties on clear", async () => {
    const emulator = await startEmulator();
    await loginAs(emulator, SANDBOX);
    emulator.requestLog.clear();
    expect(emulator.requestLog.entries).toEqual([]);
  });
});
