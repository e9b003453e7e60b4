import { describe, expect, it } from "vitest";
import { AssignExtensionDocument, CreateUserDocument, type CreateUserInput } from "../__generated__/graphql.js";
import { errorCodes, gql } from "../support/gql.js";
import { KEYS, SEEDED, startTestServer, type TestServer } from "../support/start-test-server.js";

function person(overrides: Partial<CreateUserInput> = {}): CreateUserInput {
  return { accountId: SEEDED.sandbox, firstName: "Nora", lastName: "New", email: "nora@acme.example", ...overrides };
}

const createUser = (server: TestServer, input: CreateUserInput, key: string = KEYS.partnerOperator) =>
  gql(server.httpUrl, key, CreateUserDocument, { input });

function userExtensions(server: TestServer, accountId: string) {
  return [...server.emulator.state.account(accountId).extensions.values()].filter((e) => e.type === "User");
}

describe("createUser: the seed's story", () => {
  it("takes the sandbox's last seat, then refuses the next with CAPACITY_EXHAUSTED and no RingCentral call", async () => {
    const server = await startTestServer();
    const first = await createUser(server, person());
    expect(first.errors).toBeUndefined();
    expect(first.data!.createUser).toMatchObject({
      user: { name: "Nora New", email: "nora@acme.example", status: "NotActivated" },
      strategy: "NEW_EXTENSION",
      phoneNumber: { phoneNumber: "+16505550103", usageType: "DirectNumber" },
      capacity: { limit: 4, used: 4, available: 0, level: "EXHAUSTED" },
      dryRun: false,
      replayed: false,
      warnings: [],
    });
    expect(server.emulator.requestLog.count("createExtension")).toBe(1);

    const second = await createUser(server, person({ email: "otto@acme.example", firstName: "Otto" }));
    expect(errorCodes(second)).toEqual(["CAPACITY_EXHAUSTED"]);
    expect(second.errors![0]!.extensions).toMatchObject({
      limit: 4,
      used: 4,
      limitSource: "PLAN",
      remediation: expect.stringMatching(/developer support/i),
    });
    expect(second.data).toBeNull();
    expect(server.emulator.requestLog.count("createExtension")).toBe(1);
    expect(userExtensions(server, SEEDED.sandbox)).toHaveLength(4);
  });

  it("gives an unassigned seat to the person on the licence-bound account instead of creating an extension", async () => {
    const server = await startTestServer();
    const { data, errors } = await createUser(
      server,
      person({ accountId: SEEDED.licensed, email: "lena@cobalt.example", phoneNumber: "NONE" }),
      KEYS.otherOperator,
    );
    expect(errors).toBeUndefined();
    expect(data!.createUser).toMatchObject({
      strategy: "UNASSIGNED_SEAT",
      phoneNumber: null,
      capacity: { limit: 25, limitSource: "LICENSES", used: 21, unassigned: 4, available: 4 },
    });
    expect(data!.createUser.user!.rcId).toBe("59322361");
    expect(server.emulator.requestLog.count("createExtension")).toBe(0);
    expect(server.emulator.requestLog.count("updateExtension")).toBe(1);
    expect(server.emulator.state.extension(SEEDED.licensed, "59322361")).toMatchObject({
      status: "NotActivated",
      email: "lena@cobalt.example",
    });
  });

  it("uses Essentials' unassigned seat first, then a new extension", async () => {
    const server = await startTestServer();
    const seated = await createUser(server, person({ accountId: SEEDED.essentials, email: "a@bluebird.example" }));
    const created = await createUser(server, person({ accountId: SEEDED.essentials, email: "b@bluebird.example" }));
    expect(seated.data!.createUser.strategy).toBe("UNASSIGNED_SEAT");
    expect(created.data!.createUser.strategy).toBe("NEW_EXTENSION");
    expect(created.data!.createUser.capacity).toMatchObject({ used: 10, unassigned: 0, level: "EXHAUSTED" });
  });

  it("maps RingCentral's own refusal to CAPACITY_EXHAUSTED when the derived capacity was out of date", async () => {
    const server = await startTestServer();
    await createUser(server, person({ dryRun: true }));
    server.emulator.controls.addUser(SEEDED.sandbox, { firstName: "Portal", email: "portal@acme.example" });
    const response = await createUser(server, person());
    expect(errorCodes(response)).toEqual(["CAPACITY_EXHAUSTED"]);
    expect(response.errors![0]!.extensions).toMatchObject({ limit: 4, limitSource: "PLAN" });
    expect(JSON.stringify(response)).not.toContain("EMU-LIMIT");
  });
});

describe("createUser: phone numbers", () => {
  it("assigns a specific inventory number", async () => {
    const server = await startTestServer();
    const { data } = await createUser(server, person({ phoneNumber: "SPECIFIC", phoneNumberId: "1374395105" }));
    expect(data!.createUser.phoneNumber).toMatchObject({ rcId: "1374395105", phoneNumber: "+16505550104" });
    expect(server.emulator.state.account(SEEDED.sandbox).phoneNumbers.get("1374395105")!.extensionId).toBe(
      data!.createUser.user!.rcId,
    );
  });

  it("assigns no number with NONE", async () => {
    const server = await startTestServer();
    const { data } = await createUser(server, person({ phoneNumber: "NONE" }));
    expect(data!.createUser.phoneNumber).toBeNull();
    expect(server.emulator.requestLog.count("assignPhoneNumberV2")).toBe(0);
  });

  it("seats the person and warns when AUTO finds no number in inventory", async () => {
    const server = await startTestServer();
    for (const id of ["1374395104", "1374395105"]) {
      server.emulator.state.assignPhoneNumber(SEEDED.sandbox, id, {
        usageType: "DirectNumber",
        extensionId: "37439512",
      });
    }
    const { data } = await createUser(server, person());
    expect(data!.createUser).toMatchObject({ phoneNumber: null, warnings: ["NO_NUMBER_IN_INVENTORY"] });
    expect(data!.createUser.user).not.toBeNull();
  });

  it.each([
    ["an assigned number", "1374395102"],
    ["an unknown number", "1999999999"],
    ["another account's number", "1482112305"],
  ])("returns BAD_USER_INPUT on phoneNumberId for %s, and creates nothing", async (_case, phoneNumberId) => {
    const server = await startTestServer();
    const response = await createUser(server, person({ phoneNumber: "SPECIFIC", phoneNumberId }));
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(response.errors![0]!.extensions!["field"]).toBe("input.phoneNumberId");
    expect(server.emulator.requestLog.count("createExtension")).toBe(0);
  });
});

describe("assignExtension", () => {
  it("gives a specific unassigned seat to a person", async () => {
    const server = await startTestServer();
    const { data, errors } = await gql(server.httpUrl, KEYS.partnerOperator, AssignExtensionDocument, {
      input: {
        ...person({ accountId: SEEDED.essentials, email: "sam@bluebird.example" }),
        extensionId: "48211239",
        status: "Enabled",
      },
    });
    expect(errors).toBeUndefined();
    expect(data!.assignExtension).toMatchObject({
      user: { rcId: "48211239", email: "sam@bluebird.example", status: "Enabled" },
      strategy: "UNASSIGNED_SEAT",
      capacity: { used: 9, unassigned: 0 },
    });
    expect(data!.assignExtension.user!.extensionNumber).toMatch(/^\d{3,8}$/);
  });

  it("returns BAD_USER_INPUT for an extension that is not unassigned", async () => {
    const server = await startTestServer();
    const response = await gql(server.httpUrl, KEYS.partnerOperator, AssignExtensionDocument, {
      input: { ...person({ accountId: SEEDED.essentials, email: "sam@bluebird.example" }), extensionId: "48211231" },
    });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(response.errors![0]!.extensions!["field"]).toBe("input.extensionId");
    expect(server.emulator.requestLog.count("updateExtension")).toBe(0);
  });
});

describe("dry runs and roles", () => {
  it("changes nothing on a dry run and says what would happen", async () => {
    const server = await startTestServer();
    const { data } = await createUser(server, person({ dryRun: true }));
    expect(data!.createUser).toMatchObject({
      user: null,
      strategy: "NEW_EXTENSION",
      phoneNumber: { phoneNumber: "+16505550103" },
      dryRun: true,
      capacity: { used: 3, available: 1 },
    });
    const writes = server.emulator.requestLog.entries.filter((e) => e.method !== "GET" && e.operationId !== "getToken");
    expect(writes).toEqual([]);
    expect(userExtensions(server, SEEDED.sandbox)).toHaveLength(3);
  });

  it("returns FORBIDDEN to a viewer key and changes nothing", async () => {
    const server = await startTestServer();
    const response = await createUser(server, person(), KEYS.partnerViewer);
    expect(errorCodes(response)).toEqual(["FORBIDDEN"]);
    expect(server.emulator.requestLog.count("createExtension")).toBe(0);
  });

  it("returns NOT_FOUND for another tenant's account", async () => {
    const server = await startTestServer();
    const response = await createUser(server, person({ accountId: SEEDED.licensed }));
    expect(errorCodes(response)).toEqual(["NOT_FOUND"]);
  });
});
