import { beforeAll, describe, expect, it } from "vitest";
import {
  ExtensionsDocument,
  NodeDocument,
  PhoneNumbersDocument,
  UsersDocument,
  type UsersQuery,
  type UsersQueryVariables,
} from "../__generated__/graphql.js";
import { errorCodes, gql } from "../support/gql.js";
import { KEYS, SEEDED, startTestServer, type TestServer } from "../support/start-test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

type UsersPage = UsersQuery["account"]["users"];

const users = (variables: Omit<UsersQueryVariables, "id">) =>
  gql(server.httpUrl, KEYS.partnerOperator, UsersDocument, { id: SEEDED.essentials, ...variables });

describe("users", () => {
  it("lists the people holding seats, with their direct numbers, and not the unassigned seat or the IVR", async () => {
    const { data, errors } = await users({});
    expect(errors).toBeUndefined();
    const connection = data!.account.users;
    expect(connection.totalCount).toBe(8);
    expect(connection.edges.map((e) => e.node.extensionNumber)).toEqual([
      "101",
      "102",
      "103",
      "104",
      "105",
      "106",
      "107",
      "108",
    ]);
    expect(connection.edges[0]!.node).toMatchObject({
      rcId: "48211231",
      name: "Dana Diaz",
      firstName: "Dana",
      lastName: "Diaz",
      email: "dana@bluebird.example",
      status: "Enabled",
      phoneNumbers: [{ phoneNumber: "+14155550201", usageType: "DirectNumber" }],
    });
    expect(connection.edges[7]!.node.phoneNumbers).toEqual([]);
  });

  it("filters by status", async () => {
    const { data } = await users({ filter: { status: ["Disabled", "NotActivated"] } });
    expect(data!.account.users.edges.map((e) => e.node.status)).toEqual(["Disabled", "NotActivated"]);
  });

  it("searches name, email and extension number case-insensitively", async () => {
    const byName = await users({ filter: { search: "HILL" } });
    const byEmail = await users({ filter: { search: "ivan@" } });
    const byNumber = await users({ filter: { search: "107" } });
    expect(byName.data!.account.users.edges.map((e) => e.node.email)).toEqual(["hana@bluebird.example"]);
    expect(byEmail.data!.account.users.edges.map((e) => e.node.firstName)).toEqual(["Ivan"]);
    expect(byNumber.data!.account.users.edges.map((e) => e.node.firstName)).toEqual(["Jo"]);
  });

  it("pages forwards to the end", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: UsersPage = (await users({ first: 3, after })).data!.account.users;
      seen.push(...page.edges.map((e) => e.node.extensionNumber!));
      expect(page.totalCount).toBe(8);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(["101", "102", "103", "104", "105", "106", "107", "108"]);
  });

  it("pages backwards to the start", async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: UsersPage = (await users({ last: 3, before })).data!.account.users;
      seen.unshift(...page.edges.map((e) => e.node.extensionNumber!));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual(["101", "102", "103", "104", "105", "106", "107", "108"]);
  });

  it("returns BAD_USER_INPUT for a page size beyond the maximum", async () => {
    expect(errorCodes(await users({ first: 5001 }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await users({ first: -1 }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("returns BAD_USER_INPUT for a cursor that is not from this list", async () => {
    expect(errorCodes(await users({ after: "bm90LWEtY3Vyc29y" }))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("extensions", () => {
  it("lists every extension, unassigned seats and menus included", async () => {
    const { data } = await gql(server.httpUrl, KEYS.partnerOperator, ExtensionsDocument, { id: SEEDED.essentials });
    expect(data!.account.extensions.totalCount).toBe(10);
  });

  it("filters by type and status", async () => {
    const unassigned = await gql(server.httpUrl, KEYS.partnerOperator, ExtensionsDocument, {
      id: SEEDED.essentials,
      filter: { type: ["User"], status: ["Unassigned"] },
    });
    expect(unassigned.data!.account.extensions.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ rcId: "48211239", extensionNumber: null, type: "User", status: "Unassigned" }),
    ]);
    const menus = await gql(server.httpUrl, KEYS.partnerOperator, ExtensionsDocument, {
      id: SEEDED.essentials,
      filter: { type: ["IvrMenu"] },
    });
    expect(menus.data!.account.extensions.edges.map((e) => e.node.name)).toEqual(["Main Menu"]);
  });
});

describe("phoneNumbers", () => {
  it("lists numbers with who holds them", async () => {
    const { data } = await gql(server.httpUrl, KEYS.partnerOperator, PhoneNumbersDocument, { id: SEEDED.sandbox });
    const numbers = data!.account.phoneNumbers;
    expect(numbers.totalCount).toBe(5);
    expect(numbers.edges.find((e) => e.node.phoneNumber === "+16505550101")!.node).toMatchObject({
      usageType: "DirectNumber",
      tollType: "Toll",
      assigned: true,
      extension: { rcId: "37439511", extensionNumber: "101" },
    });
  });

  it("filters to unassigned inventory", async () => {
    const { data } = await gql(server.httpUrl, KEYS.partnerOperator, PhoneNumbersDocument, {
      id: SEEDED.essentials,
      filter: { assigned: false, usageType: ["Inventory"] },
    });
    expect(
      data!.account.phoneNumbers.edges.map((e) => [e.node.phoneNumber, e.node.tollType, e.node.extension]),
    ).toEqual([
      ["+14155550204", "Toll", null],
      ["+18005550205", "TollFree", null],
    ]);
  });
});

describe("node", () => {
  it("refetches a user, an extension, a number and an account by global id", async () => {
    const user = (await users({ first: 1 })).data!.account.users.edges[0]!.node;
    const number = user.phoneNumbers[0]!;
    const refetchedUser = await gql(server.httpUrl, KEYS.partnerOperator, NodeDocument, { id: user.id });
    const refetchedNumber = await gql(server.httpUrl, KEYS.partnerOperator, NodeDocument, { id: number.id });
    expect(refetchedUser.data!.node).toMatchObject({ __typename: "User", rcId: user.rcId, email: user.email });
    expect(refetchedNumber.data!.node).toMatchObject({ __typename: "PhoneNumber", phoneNumber: number.phoneNumber });

    const extensions = await gql(server.httpUrl, KEYS.partnerOperator, ExtensionsDocument, {
      id: SEEDED.essentials,
      first: 1,
    });
    const extension = extensions.data!.account.extensions.edges[0]!.node;
    const refetchedExtension = await gql(server.httpUrl, KEYS.partnerOperator, NodeDocument, { id: extension.id });
    expect(refetchedExtension.data!.node).toMatchObject({
      __typename: "Extension",
      rcId: extension.rcId,
      type: "User",
    });
  });

  it("returns NOT_FOUND for a node in another tenant's account", async () => {
    const user = (await users({ first: 1 })).data!.account.users.edges[0]!.node;
    const response = await gql(server.httpUrl, KEYS.otherOperator, NodeDocument, { id: user.id });
    expect(errorCodes(response)).toEqual(["NOT_FOUND"]);
  });

  it("returns null for an id whose object is gone", async () => {
    const user = (await users({ first: 1 })).data!.account.users.edges[0]!.node;
    const ghost = Buffer.from(`User:${SEEDED.essentials}:1`).toString("base64url");
    const response = await gql(server.httpUrl, KEYS.partnerOperator, NodeDocument, { id: ghost });
    expect(user.id).not.toBe(ghost);
    expect(response.errors).toBeUndefined();
    expect(response.data!.node).toBeNull();
  });
});
