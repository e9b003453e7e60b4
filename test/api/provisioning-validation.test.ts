import { beforeAll, describe, expect, it } from "vitest";
import { CreateUserDocument, type CreateUserInput } from "../__generated__/graphql.js";
import { errorCodes, gql } from "../support/gql.js";
import { KEYS, SEEDED, startTestServer, type TestServer } from "../support/start-test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

function person(overrides: Partial<CreateUserInput> = {}): CreateUserInput {
  return {
    accountId: SEEDED.essentials,
    firstName: "Val",
    lastName: "Id",
    email: "val@bluebird.example",
    ...overrides,
  };
}

const createUser = (input: CreateUserInput) => gql(server.httpUrl, KEYS.partnerOperator, CreateUserDocument, { input });

describe("input validation", () => {
  it.each([
    ["an email without @", { email: "not-an-email" }, "input.email"],
    ["an email with spaces", { email: "a b@bluebird.example" }, "input.email"],
    ["letters in the extension number", { extensionNumber: "12a" }, "input.extensionNumber"],
    ["a 2-digit extension number", { extensionNumber: "12" }, "input.extensionNumber"],
    ["a 9-digit extension number", { extensionNumber: "123456789" }, "input.extensionNumber"],
    ["an empty first name", { firstName: "  " }, "input.firstName"],
    ["a 65-character last name", { lastName: "x".repeat(65) }, "input.lastName"],
    ["SPECIFIC without a number", { phoneNumber: "SPECIFIC" as const }, "input.phoneNumberId"],
    ["a number without SPECIFIC", { phoneNumberId: "1482112305" }, "input.phoneNumberId"],
    ["an empty idempotency key", { idempotencyKey: "" }, "input.idempotencyKey"],
  ])("returns BAD_USER_INPUT naming the field for %s", async (_case, overrides, field) => {
    const response = await createUser(person(overrides));
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(response.errors![0]!.extensions!["field"]).toBe(field);
    expect(server.emulator.requestLog.count("createExtension")).toBe(0);
  });
});

describe("conflicts", () => {
  it("returns CONFLICT for an email already in the account, case-insensitively", async () => {
    const response = await createUser(person({ email: "DANA@bluebird.example" }));
    expect(errorCodes(response)).toEqual(["CONFLICT"]);
    expect(response.errors![0]!.extensions!["field"]).toBe("input.email");
  });

  it("returns CONFLICT for an extension number already in the account", async () => {
    const response = await createUser(person({ extensionNumber: "101" }));
    expect(errorCodes(response)).toEqual(["CONFLICT"]);
    expect(response.errors![0]!.extensions!["field"]).toBe("input.extensionNumber");
  });

  it("returns CONFLICT when RingCentral reports the duplicate our cache did not know", async () => {
    await createUser(person({ dryRun: true }));
    server.emulator.controls.addUser(SEEDED.essentials, { firstName: "Late", email: "late@bluebird.example" });
    const response = await createUser(person({ email: "late@bluebird.example" }));
    expect(errorCodes(response)).toEqual(["CONFLICT"]);
    expect(JSON.stringify(response)).not.toContain("CMN-406");
  });
});
