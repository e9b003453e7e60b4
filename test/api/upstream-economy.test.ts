import { describe, expect, it } from "vitest";
import { AccountCapacityDocument, CreateUserDocument, DashboardDocument } from "../__generated__/graphql.js";
import { largeAccountId, largeAccountSize, largeSeed } from "../support/fixtures/large-account.js";
import { errorCodes, gql } from "../support/gql.js";
import { KEYS, SEEDED, startTestServer } from "../support/start-test-server.js";

/** Upstream calls per operation, from the emulator's own request log (logins excluded). */
function apiCalls(server: Awaited<ReturnType<typeof startTestServer>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { operationId } of server.emulator.requestLog.entries) {
    if (operationId !== "getToken") counts[operationId] = (counts[operationId] ?? 0) + 1;
  }
  return counts;
}

describe("upstream economy", () => {
  it("answers a 1,500-user dashboard with 2 extension pages, 2 number pages and 1 plan read", async () => {
    const server = await startTestServer({ emulator: { seed: largeSeed } });
    const { data, errors } = await gql(server.httpUrl, KEYS.partnerOperator, DashboardDocument, { id: largeAccountId });
    expect(errors).toBeUndefined();
    expect(data!.account.users.totalCount).toBe(largeAccountSize);
    expect(data!.account.users.edges.every((e) => e.node.phoneNumbers.length === 1)).toBe(true);
    expect(apiCalls(server)).toEqual({ listExtensions: 2, listAccountPhoneNumbersV2: 2, readAccountInfo: 1 });
  });

  it("makes no upstream call for the same query within the cache TTL", async () => {
    const server = await startTestServer({ emulator: { seed: largeSeed } });
    await gql(server.httpUrl, KEYS.partnerOperator, DashboardDocument, { id: largeAccountId });
    server.emulator.requestLog.clear();
    const again = await gql(server.httpUrl, KEYS.partnerOperator, DashboardDocument, { id: largeAccountId });
    expect(again.data!.account.users.totalCount).toBe(largeAccountSize);
    expect(server.emulator.requestLog.entries).toEqual([]);
  });

  it("coalesces 100 concurrent identical queries on a cold cache into the calls of one", async () => {
    const server = await startTestServer({ emulator: { seed: largeSeed } });
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: largeAccountId }),
      ),
    );
    expect(responses.every((r) => r.data?.account.capacity.used === largeAccountSize)).toBe(true);
    expect(apiCalls(server)).toEqual({ listExtensions: 2, listAccountPhoneNumbersV2: 2, readAccountInfo: 1 });
    expect(server.emulator.requestLog.count("getToken")).toBe(1);
  });
});

describe("upstream calls of a mutation", () => {
  it("seats a person with one create and one number assignment, reading nothing again", async () => {
    const server = await startTestServer();
    await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.sandbox });
    server.emulator.requestLog.clear();

    const { data, errors } = await gql(server.httpUrl, KEYS.partnerOperator, CreateUserDocument, {
      input: { accountId: SEEDED.sandbox, firstName: "Nora", lastName: "New", email: "nora@acme.example" },
    });
    const after = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.sandbox });

    expect(errors).toBeUndefined();
    expect(data!.createUser.capacity).toMatchObject({ used: 4, available: 0 });
    expect(after.data!.account.capacity).toMatchObject({ used: 4, available: 0 });
    expect(apiCalls(server)).toEqual({ createExtension: 1, assignPhoneNumberV2: 1 });
  });
});

describe("when RingCentral cannot answer", () => {
  it("serves the last capacity with stale: true during an outage", async () => {
    const server = await startTestServer({ config: { cacheTtlMs: 0 } });
    const fresh = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.sandbox });
    expect(fresh.data!.account.capacity.stale).toBe(false);

    server.emulator.controls.faults.failNext(100, { status: 503 });
    const stale = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.sandbox });
    expect(stale.errors).toBeUndefined();
    expect(stale.data!.account.capacity).toMatchObject({ used: 3, limit: 4, stale: true });
    expect(stale.data!.account.capacity.observedAt).toBe(fresh.data!.account.capacity.observedAt);
  });

  it("returns UPSTREAM_UNAVAILABLE when nothing is cached", async () => {
    const server = await startTestServer();
    server.emulator.controls.faults.failNext(100, { status: 503 });
    const response = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.sandbox });
    expect(errorCodes(response)).toContain("UPSTREAM_UNAVAILABLE");
    expect(JSON.stringify(response)).not.toMatch(/CMN-|acme-sandbox-secret|acme-sandbox-jwt/);
  });

  it("sends nothing during a 429 penalty: serves stale data, or UPSTREAM_RATE_LIMITED with retryAfterMs", async () => {
    const server = await startTestServer({ config: { cacheTtlMs: 0, rateLimitDeadlineMs: 100 } });
    await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.sandbox });

    server.emulator.controls.faults.rateLimitNext(1, { retryAfterSeconds: 60, operationId: "listExtensions" });
    const first = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.sandbox });
    expect(first.data!.account.capacity.stale).toBe(true);
    const sentBefore = server.emulator.requestLog.count("listExtensions");

    const during = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.sandbox });
    expect(during.data!.account.capacity.stale).toBe(true);
    expect(server.emulator.requestLog.count("listExtensions")).toBe(sentBefore);

    // The Essentials account shares no connection with the sandbox; force a penalty on a cold one.
    server.emulator.controls.faults.rateLimitNext(1, { retryAfterSeconds: 30, operationId: "listExtensions" });
    const cold = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.essentials });
    expect(errorCodes(cold)).toEqual(["UPSTREAM_RATE_LIMITED"]);
    const retryAfterMs = cold.errors![0]!.extensions!["retryAfterMs"] as number;
    expect(retryAfterMs).toBeGreaterThan(25_000);
    expect(retryAfterMs).toBeLessThanOrEqual(30_000);
  });
});
