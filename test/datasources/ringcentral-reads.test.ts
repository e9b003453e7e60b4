import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError } from "../../src/errors.js";
import { essentialsId, licensedId, rejectionOf, sandboxId, startHarness, stopHarnesses } from "./support/harness.js";

afterEach(stopHarnesses);

describe("RingCentralDataSource reads", () => {
  it("maps the account info of a seeded account from one readAccountInfo call", async () => {
    const { dataSource, emulator, calls } = await startHarness();

    const account = await dataSource.accountInfo(sandboxId);

    expect(account.stale).toBe(false);
    expect(account.value).toEqual({
      rcId: sandboxId,
      name: null,
      mainNumber: "+16505550100",
      status: "Confirmed",
      plan: { id: "8", name: "Developer Sandbox", edition: "Sandbox" },
      serverUrl: emulator.url,
    });
    expect(calls("readAccountInfo")).toBe(1);
    expect(calls("readAccountServiceInfo")).toBe(0);
    expect(calls("listExtensions")).toBe(0);
  });

  it("names the account by its configured name", async () => {
    const { dataSource } = await startHarness({
      connections: (configs) => configs.map((c) => ({ ...c, name: `Configured ${c.accountId}` })),
    });

    const account = await dataSource.accountInfo(essentialsId);

    expect(account.value.name).toBe(`Configured ${essentialsId}`);
  });

  it("maps every extension with its person, status and type", async () => {
    const { dataSource } = await startHarness();

    const { value: extensions, stale } = await dataSource.extensions(essentialsId);

    expect(stale).toBe(false);
    expect(extensions).toHaveLength(10);
    expect(extensions.find((e) => e.rcId === "48211235")).toEqual({
      rcId: "48211235",
      extensionNumber: "105",
      type: "User",
      status: "Enabled",
      name: "Hana Hill",
      firstName: "Hana",
      lastName: "Hill",
      email: "hana@bluebird.example",
      department: "Hygiene",
      createdAt: expect.any(String),
    });
    expect(extensions.find((e) => e.rcId === "48211239")).toMatchObject({
      status: "Unassigned",
      extensionNumber: null,
      email: null,
      name: null,
    });
    expect(extensions.find((e) => e.rcId === "48211240")).toMatchObject({ type: "IvrMenu", name: "Main Menu" });
  });

  it("maps every phone number with its usage, toll type and extension", async () => {
    const { dataSource } = await startHarness();

    const { value: numbers } = await dataSource.phoneNumbers(essentialsId);

    expect(numbers).toHaveLength(6);
    expect(numbers.find((n) => n.rcId === "1482112302")).toEqual({
      rcId: "1482112302",
      phoneNumber: "+14155550201",
      usageType: "DirectNumber",
      tollType: "Toll",
      status: "Normal",
      extensionRcId: "48211231",
    });
    expect(numbers.find((n) => n.rcId === "1482112306")).toMatchObject({
      usageType: "Inventory",
      tollType: "TollFree",
      extensionRcId: null,
    });
  });

  it("keeps each account's session apart: every account reads its own data", async () => {
    const { dataSource, calls } = await startHarness();

    const accounts = await Promise.all([sandboxId, essentialsId, licensedId].map((id) => dataSource.accountInfo(id)));

    expect(accounts.map((a) => a.value.rcId)).toEqual([sandboxId, essentialsId, licensedId]);
    expect(calls("getToken")).toBe(3);
    expect(calls("readAccountInfo", { status: 200 })).toBe(3);
  });

  it("logs in once for concurrent first reads of one account", async () => {
    const { dataSource, calls } = await startHarness();

    await Promise.all([
      dataSource.accountInfo(sandboxId),
      dataSource.extensions(sandboxId),
      dataSource.phoneNumbers(sandboxId),
    ]);

    expect(calls("getToken")).toBe(1);
  });

  it("rejects an account that is not configured with NotFoundError and no upstream call", async () => {
    const { dataSource, emulator } = await startHarness();

    const error = await rejectionOf(dataSource.extensions("11111111"));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(emulator.requestLog.entries).toHaveLength(0);
  });

  it("lists the configured accounts", async () => {
    const { dataSource } = await startHarness();

    expect(dataSource.accountIds()).toEqual([sandboxId, essentialsId, licensedId]);
    expect(dataSource.hasAccount(licensedId)).toBe(true);
    expect(dataSource.hasAccount("11111111")).toBe(false);
  });

  it("reports the upstream reachable without logging in", async () => {
    const { dataSource, calls } = await startHarness();

    expect(await dataSource.ping()).toBe(true);
    expect(calls("getToken")).toBe(0);
  });

  it("reports the upstream unreachable once it is gone", async () => {
    const { dataSource, stopUpstream } = await startHarness();
    await stopUpstream();

    expect(await dataSource.ping()).toBe(false);
  });
});
