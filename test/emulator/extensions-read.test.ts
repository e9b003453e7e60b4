import type { WireExtension, WireNavigation, WirePaging } from "../../src/datasources/ringcentral.wire.js";
import { describe, expect, it } from "vitest";
import {
  ESSENTIALS,
  errorBodyOf,
  jsonOf,
  LICENSED,
  loginAs,
  SANDBOX,
  startEmulator,
} from "../support/emulator-server.js";

interface ListBody {
  uri: string;
  records: { id: number; type: string; status: string; extensionNumber?: string; contact: { email?: string } }[];
  paging: WirePaging;
  navigation: WireNavigation;
}

describe("GET /restapi/v1.0/account/{accountId}/extension", () => {
  it("lists every extension with numeric ids, paging and absolute navigation", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = (await (await platform.get("/restapi/v1.0/account/~/extension")).json()) as ListBody;
    expect(body.records.map((r) => r.id)).toEqual([37439511, 37439512, 37439513, 37439514]);
    expect(body.paging).toEqual({ page: 1, totalPages: 1, perPage: 100, totalElements: 4, pageStart: 0, pageEnd: 3 });
    expect(body.uri.startsWith(`${emulator.url}/restapi/v1.0/account/37439510/extension`)).toBe(true);
    expect(body.navigation.firstPage?.uri.startsWith(emulator.url)).toBe(true);
    expect(body.navigation.nextPage).toBeUndefined();
  });

  it("filters by repeated type and status values", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, LICENSED);
    const response = await platform.get("/restapi/v1.0/account/~/extension", {
      type: ["User"],
      status: ["Unassigned", "Disabled"],
    });
    const body = (await response.json()) as ListBody;
    expect(body.records).toHaveLength(6);
    expect(new Set(body.records.map((r) => r.status))).toEqual(new Set(["Unassigned", "Disabled"]));
  });

  it("treats empty filter values as not provided", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const response = await platform.get("/restapi/v1.0/account/~/extension", { type: undefined, status: undefined });
    expect(((await response.json()) as ListBody).records).toHaveLength(4);
  });

  it("refuses an unknown status with 400 CMN-101", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await errorBodyOf(platform.get("/restapi/v1.0/account/~/extension", { status: "Sleeping" }));
    expect(body.errors?.[0]).toMatchObject({ errorCode: "CMN-101", parameterName: "status" });
  });

  it("walks every page by following navigation.nextPage", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, LICENSED);
    const ids: number[] = [];
    let response = await platform.get("/restapi/v1.0/account/~/extension", { perPage: 7 });
    let pages = 1;
    for (;;) {
      const body = (await response.json()) as ListBody;
      ids.push(...body.records.map((r) => r.id));
      const next = body.navigation.nextPage?.uri;
      if (next === undefined) break;
      response = await platform.get(next);
      pages += 1;
    }
    expect(pages).toBe(4);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
  });

  it("clamps perPage to 1000", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = (await (
      await platform.get("/restapi/v1.0/account/~/extension", { perPage: 5000 })
    ).json()) as ListBody;
    expect(body.paging.perPage).toBe(1000);
  });

  it("filters by email regardless of case", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, ESSENTIALS);
    const response = await platform.get("/restapi/v1.0/account/~/extension", { email: "ELI@bluebird.example" });
    expect(((await response.json()) as ListBody).records.map((r) => r.id)).toEqual([48211232]);
  });
});

describe("GET /restapi/v1.0/account/{accountId}/extension/{extensionId}", () => {
  it("returns the extension with its account reference", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await jsonOf<WireExtension>(platform.get("/restapi/v1.0/account/~/extension/37439512"));
    expect(body).toMatchObject({
      id: 37439512,
      extensionNumber: "102",
      type: "User",
      status: "Enabled",
      contact: { firstName: "Ben", lastName: "Baker", email: "ben@acme.example" },
      account: { id: "37439510", uri: `${emulator.url}/restapi/v1.0/account/37439510` },
    });
  });

  it("resolves ~ to the token owner", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await jsonOf<WireExtension>(platform.get("/restapi/v1.0/account/~/extension/~"));
    expect(body.id).toBe(37439511);
  });

  it("answers 404 CMN-102 for an unknown extension", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await errorBodyOf(platform.get("/restapi/v1.0/account/~/extension/999"));
    expect(body).toMatchObject({ errorCode: "CMN-102", errors: [{ parameterName: "extensionId" }] });
  });
});
