import type { WireExtension, WireV1List } from "../../src/datasources/ringcentral.wire.js";
import { describe, expect, it } from "vitest";
import { EXTENSION_LIMIT_ERROR_CODE } from "../../src/emulator/index.js";
import {
  ESSENTIALS,
  errorBodyOf,
  jsonOf,
  LICENSED,
  loginAs,
  SANDBOX,
  startEmulator,
  statusOf,
} from "../support/emulator-server.js";

const person = (n: number) => ({
  contact: { firstName: `New${n}`, lastName: "Person", email: `new${n}@acme.example` },
});

describe("POST /restapi/v1.0/account/{accountId}/extension", () => {
  it("creates a user with 200 and the full extension", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const response = await platform.post("/restapi/v1.0/account/~/extension", person(1));
    expect(response.status).toBe(200);
    const body = await jsonOf<WireExtension>(response);
    expect(body).toMatchObject({
      type: "User",
      status: "NotActivated",
      extensionNumber: "104",
      contact: { firstName: "New1", email: "new1@acme.example" },
      account: { id: SANDBOX },
    });
    expect(typeof body.id).toBe("number");
  });

  it("refuses the create past the sandbox cap with the emulator's 403 code", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    await platform.post("/restapi/v1.0/account/~/extension", person(1));
    const refused = platform.post("/restapi/v1.0/account/~/extension", person(2));
    expect(await statusOf(refused)).toBe(403);
    const body = await errorBodyOf(platform.post("/restapi/v1.0/account/~/extension", person(3)));
    expect(body).toMatchObject({ errorCode: EXTENSION_LIMIT_ERROR_CODE, errors: [{ errorCode: "EMU-LIMIT-001" }] });
  });

  it("refuses the create when every licence is taken", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, LICENSED);
    const body = await errorBodyOf(platform.post("/restapi/v1.0/account/~/extension", person(1)));
    expect(body.errorCode).toBe(EXTENSION_LIMIT_ERROR_CODE);
  });

  it("requires contact.email", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await errorBodyOf(platform.post("/restapi/v1.0/account/~/extension", { contact: { firstName: "A" } }));
    expect(body.errors?.[0]).toMatchObject({ errorCode: "CMN-101", parameterName: "contact.email" });
  });

  it("requires contact.firstName", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const body = await errorBodyOf(
      platform.post("/restapi/v1.0/account/~/extension", { contact: { email: "a@b.example" } }),
    );
    expect(body.errors?.[0]).toMatchObject({ errorCode: "CMN-101", parameterName: "contact.firstName" });
  });

  it("refuses a duplicate email", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const create = platform.post("/restapi/v1.0/account/~/extension", {
      contact: { firstName: "B", email: "BEN@acme.example" },
    });
    const body = await errorBodyOf(create);
    expect(body.errors?.[0]).toMatchObject({ errorCode: "CMN-406", parameterName: "contact.email" });
  });

  it("refuses a duplicate extension number", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const create = platform.post("/restapi/v1.0/account/~/extension", { ...person(1), extensionNumber: "102" });
    const body = await errorBodyOf(create);
    expect(body.errors?.[0]).toMatchObject({ errorCode: "CMN-406", parameterName: "extensionNumber" });
  });

  it("answers 400 CMN-103 for a body that is not JSON", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const token = (await platform.auth().data()).access_token ?? "";
    const response = await fetch(`${emulator.url}/restapi/v1.0/account/~/extension`, {
      method: "POST",
      headers: { Authorization: `bearer ${token}`, "Content-Type": "application/json" },
      body: "{oops",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: "CMN-103" });
  });
});

describe("PUT /restapi/v1.0/account/{accountId}/extension/{extensionId}", () => {
  it("gives an Unassigned extension to a person", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, ESSENTIALS);
    const response = await platform.put("/restapi/v1.0/account/~/extension/48211239", {
      status: "Enabled",
      extensionNumber: "109",
      contact: { firstName: "Kim", lastName: "Kato", email: "kim@bluebird.example" },
    });
    expect(await response.json()).toMatchObject({
      id: 48211239,
      status: "Enabled",
      extensionNumber: "109",
      contact: { firstName: "Kim", email: "kim@bluebird.example" },
    });
  });

  it("refuses to assign an Unassigned extension without a status", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, ESSENTIALS);
    const update = platform.put("/restapi/v1.0/account/~/extension/48211239", {
      contact: { firstName: "Kim", email: "kim@bluebird.example" },
    });
    expect((await errorBodyOf(update)).errors?.[0]).toMatchObject({ errorCode: "CMN-101", parameterName: "status" });
  });

  it("updates a user's status and contact", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const response = await platform.put("/restapi/v1.0/account/~/extension/37439513", {
      status: "Disabled",
      contact: { jobTitle: "ignored", lastName: "Cole" },
    });
    expect(await response.json()).toMatchObject({
      status: "Disabled",
      contact: { firstName: "Cleo", lastName: "Cole" },
    });
  });

  it("refuses another user's email", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    const update = platform.put("/restapi/v1.0/account/~/extension/37439513", {
      contact: { email: "ben@acme.example" },
    });
    expect((await errorBodyOf(update)).errors?.[0]?.errorCode).toBe("CMN-406");
  });
});

describe("DELETE /restapi/v1.0/account/{accountId}/extension/{extensionId}", () => {
  it("deletes with 204, after which the extension is gone", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    expect((await platform.delete("/restapi/v1.0/account/~/extension/37439513")).status).toBe(204);
    expect(await statusOf(platform.get("/restapi/v1.0/account/~/extension/37439513"))).toBe(404);
  });

  it("leaves an Unassigned extension behind on a licence-bound plan", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, LICENSED);
    await platform.delete("/restapi/v1.0/account/~/extension/59322360");
    const list = await platform.get("/restapi/v1.0/account/~/extension", { type: "User", status: "Unassigned" });
    expect((await jsonOf<WireV1List<WireExtension>>(list)).records).toHaveLength(6);
  });

  it("refuses to delete the admin", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, SANDBOX);
    expect(await statusOf(platform.delete("/restapi/v1.0/account/~/extension/~"))).toBe(403);
  });
});

describe("DELETE /restapi/v2/accounts/{accountId}/extensions", () => {
  it("reports a result per record", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, ESSENTIALS);
    const response = await platform.delete("/restapi/v2/accounts/~/extensions", {
      records: [{ id: "48211237" }, { id: "404" }, { id: "48211240" }],
      keepAssetsInInventory: true,
    });
    expect(response.status).toBe(200);
    const body = await jsonOf<{ records: unknown[] }>(response);
    expect(body.records).toEqual([
      { id: "48211237", bulkItemSuccessful: true },
      { id: "404", bulkItemSuccessful: false, bulkItemErrors: [expect.objectContaining({ errorCode: "CMN-102" })] },
      {
        id: "48211240",
        bulkItemSuccessful: false,
        bulkItemErrors: [expect.objectContaining({ errorCode: "CMN-101" })],
      },
    ]);
    expect(emulator.state.account(ESSENTIALS).extensions.has("48211237")).toBe(false);
  });

  it("leaves an Unassigned extension behind on a licence-bound plan", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, LICENSED);
    await platform.delete("/restapi/v2/accounts/~/extensions", { records: [{ id: "59322359" }, { id: "59322360" }] });
    const unassigned = [...emulator.state.account(LICENSED).extensions.values()].filter(
      (e) => e.status === "Unassigned",
    );
    expect(unassigned).toHaveLength(7);
  });

  it("refuses more than 50 records", async () => {
    const emulator = await startEmulator();
    const platform = await loginAs(emulator, LICENSED);
    const records = Array.from({ length: 51 }, (_, i) => ({ id: String(100 + i) }));
    const body = await errorBodyOf(platform.delete("/restapi/v2/accounts/~/extensions", { records }));
    expect(body.errors?.[0]).toMatchObject({ errorCode: "CMN-101", parameterName: "records" });
  });
});
