import type {
  WireV1List,
  WireV1PhoneNumber,
  WireV2List,
  WireV2PhoneNumber,
} from "../../src/datasources/ringcentral.wire.js";
import { describe, expect, it } from "vitest";
import { errorBodyOf, jsonOf, LICENSED, loginAs, SANDBOX, startEmulator } from "../support/emulator-server.js";

type V1List = WireV1List<WireV1PhoneNumber>;
type V2List = WireV2List<WireV2PhoneNumber>;

describe("GET /restapi/v1.0/account/{accountId}/phone-number", () => {
  it("lists numbers with numeric ids and assigned extensions", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await jsonOf<V1List>(platform.get("/restapi/v1.0/account/~/phone-number"));
    expect(body.records).toHaveLength(5);
    expect(body.records[1]).toMatchObject({
      id: 1374395102,
      phoneNumber: "+16505550101",
      usageType: "DirectNumber",
      extension: { id: 37439511, extensionNumber: "101" },
    });
    expect(body.navigation.firstPage?.uri.startsWith(emulator.url)).toBe(true);
  });

  it("lists inventory numbers as NumberPool", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const response = await platform.get("/restapi/v1.0/account/~/phone-number", { usageType: "NumberPool" });
    const { records } = await jsonOf<V1List>(response);
    expect(records.map((r) => r.id)).toEqual([1374395104, 1374395105]);
    expect(records.every((r) => r.extension === undefined)).toBe(true);
  });

  it("pages with navigation links", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, LICENSED);
    const first = await jsonOf<V1List>(platform.get("/restapi/v1.0/account/~/phone-number", { perPage: 4 }));
    expect(first.paging).toMatchObject({ page: 1, totalPages: 3, totalElements: 10 });
    const second = await jsonOf<V1List>(platform.get(first.navigation.nextPage?.uri ?? ""));
    expect(second.paging).toMatchObject({ page: 2, pageStart: 4, pageEnd: 7 });
    expect(second.navigation.previousPage?.uri).toContain("page=1");
  });
});

describe("GET /restapi/v2/accounts/{accountId}/phone-numbers", () => {
  it("filters by usageType with string ids and paging only", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, LICENSED);
    const body = await jsonOf<V2List>(
      platform.get("/restapi/v2/accounts/~/phone-numbers", { usageType: ["Inventory"] }),
    );
    expect(body.records.map((r) => r.id)).toEqual(["1593223410", "1593223411", "1593223412", "1593223413"]);
    expect(body.records[0]).toMatchObject({ usageType: "Inventory", tollType: "Toll", status: "Normal" });
    expect(body.paging).toEqual({ page: 1, totalPages: 1, perPage: 100, totalElements: 4, pageStart: 0, pageEnd: 3 });
    expect(body).not.toHaveProperty("navigation");
  });

  it("shows the extension of a direct number with a string id", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await jsonOf<V2List>(
      platform.get("/restapi/v2/accounts/~/phone-numbers", { usageType: "DirectNumber" }),
    );
    expect(body.records[0]?.extension).toEqual({ id: "37439511", extensionNumber: "101" });
  });
});

describe("PATCH /restapi/v2/accounts/{accountId}/phone-numbers/{phoneNumberId}", () => {
  it("assigns an inventory number to an extension as a direct number", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const response = await platform.patch("/restapi/v2/accounts/~/phone-numbers/1374395104", {
      usageType: "DirectNumber",
      extension: { id: "37439513" },
    });
    expect(await response.json()).toMatchObject({
      id: "1374395104",
      usageType: "DirectNumber",
      extension: { id: "37439513", extensionNumber: "103" },
    });
  });

  it("returns a number to inventory with the emulator's usageType Inventory", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const response = await platform.patch("/restapi/v2/accounts/~/phone-numbers/1374395103", {
      usageType: "Inventory",
    });
    const body = await jsonOf<WireV2PhoneNumber>(response);
    expect(body.usageType).toBe("Inventory");
    expect(body.extension).toBeUndefined();
    const inventory = await jsonOf<V2List>(
      platform.get("/restapi/v2/accounts/~/phone-numbers", { usageType: "Inventory" }),
    );
    expect(inventory.records).toHaveLength(3);
  });

  it("refuses a direct number without an extension", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await errorBodyOf(
      platform.patch("/restapi/v2/accounts/~/phone-numbers/1374395104", { usageType: "DirectNumber" }),
    );
    expect(body.errors?.[0]).toMatchObject({ errorCode: "CMN-101", parameterName: "extension.id" });
  });

  it("answers 404 for an unknown number", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await errorBodyOf(
      platform.patch("/restapi/v2/accounts/~/phone-numbers/1999", { usageType: "CompanyNumber" }),
    );
    expect(body.errorCode).toBe("CMN-102");
  });
});
