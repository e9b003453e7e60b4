import { describe, expect, it } from "vitest";
import { CreateUsersDocument, ProvisioningPlanDocument, type PersonInput } from "../__generated__/graphql.js";
import { errorCodes, gql } from "../support/gql.js";
import { KEYS, SEEDED, startTestServer } from "../support/start-test-server.js";

const people = (count: number, domain = "bluebird.example"): PersonInput[] =>
  Array.from({ length: count }, (_, i) => ({
    firstName: `P${i}`,
    lastName: "Batch",
    email: `p${i}@${domain}`,
    phoneNumber: "NONE",
  }));

describe("createUsers", () => {
  it("seats what fits, fails the rest with CAPACITY_EXHAUSTED, and half-creates nothing", async () => {
    const server = await startTestServer();
    const { data, errors } = await gql(server.httpUrl, KEYS.partnerOperator, CreateUsersDocument, {
      input: { accountId: SEEDED.essentials, users: people(4) },
    });
    expect(errors).toBeUndefined();
    const payload = data!.createUsers;
    expect(payload.results.map((r) => [r.index, r.strategy, r.error?.code ?? null])).toEqual([
      [0, "UNASSIGNED_SEAT", null],
      [1, "NEW_EXTENSION", null],
      [2, null, "CAPACITY_EXHAUSTED"],
      [3, null, "CAPACITY_EXHAUSTED"],
    ]);
    expect(payload).toMatchObject({
      succeeded: 2,
      failed: 2,
      capacity: { used: 10, available: 0, level: "EXHAUSTED" },
    });
    expect(server.emulator.requestLog.count("createExtension")).toBe(1);
    expect(server.emulator.requestLog.count("updateExtension")).toBe(1);
    const emails = [...server.emulator.state.account(SEEDED.essentials).extensions.values()].map((e) => e.email);
    expect(emails).toContain("p1@bluebird.example");
    expect(emails).not.toContain("p2@bluebird.example");
  });

  it("reports invalid and duplicate items per item and seats the valid ones", async () => {
    const server = await startTestServer();
    const users = [
      { firstName: "Ok", lastName: "One", email: "ok1@bluebird.example", phoneNumber: "NONE" as const },
      { firstName: "Bad", lastName: "Mail", email: "nope", phoneNumber: "NONE" as const },
      { firstName: "Dup", lastName: "Mail", email: "ok1@bluebird.example", phoneNumber: "NONE" as const },
    ];
    const { data } = await gql(server.httpUrl, KEYS.partnerOperator, CreateUsersDocument, {
      input: { accountId: SEEDED.essentials, users },
    });
    expect(data!.createUsers.results.map((r) => [r.error?.code ?? "OK", r.error?.field ?? null])).toEqual([
      ["OK", null],
      ["BAD_USER_INPUT", "input.users[1].email"],
      ["CONFLICT", "input.users[2].email"],
    ]);
  });

  it("gives distinct inventory numbers to the people of one batch", async () => {
    const server = await startTestServer();
    const { data } = await gql(server.httpUrl, KEYS.partnerOperator, CreateUsersDocument, {
      input: { accountId: SEEDED.essentials, users: people(2).map((p) => ({ ...p, phoneNumber: "AUTO" as const })) },
    });
    const numbers = data!.createUsers.results.map((r) => r.phoneNumber?.phoneNumber);
    expect(numbers).toEqual(["+14155550204", "+18005550205"]);
  });

  it("plans a batch on a dry run without writing", async () => {
    const server = await startTestServer();
    const { data } = await gql(server.httpUrl, KEYS.partnerOperator, CreateUsersDocument, {
      input: { accountId: SEEDED.essentials, users: people(3), dryRun: true },
    });
    expect(data!.createUsers).toMatchObject({ succeeded: 2, failed: 1, dryRun: true, capacity: { used: 8 } });
    expect(
      server.emulator.requestLog.entries.filter((e) => e.method !== "GET" && e.operationId !== "getToken"),
    ).toEqual([]);
  });

  it("returns BAD_USER_INPUT for more than 100 people", async () => {
    const server = await startTestServer();
    const response = await gql(server.httpUrl, KEYS.partnerOperator, CreateUsersDocument, {
      input: { accountId: SEEDED.essentials, users: people(101) },
    });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("provisioningPlan", () => {
  it("tells how many people fit, by which strategy, and what blocks the rest", async () => {
    const server = await startTestServer();
    const { data } = await gql(server.httpUrl, KEYS.partnerViewer, ProvisioningPlanDocument, {
      accountId: SEEDED.essentials,
      count: 5,
    });
    expect(data!.provisioningPlan).toEqual({
      requested: 5,
      viaUnassigned: 1,
      viaNewExtension: 1,
      blocked: 3,
      blockedReason: "LIMIT_REACHED",
      limit: 10,
      limitSource: "PLAN",
      remediation: { kind: "UPGRADE_PLAN" },
    });
  });

  it("returns BAD_USER_INPUT for a negative count", async () => {
    const server = await startTestServer();
    const response = await gql(server.httpUrl, KEYS.partnerViewer, ProvisioningPlanDocument, {
      accountId: SEEDED.essentials,
      count: -1,
    });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
  });
});
