import { beforeAll, describe, expect, it } from "vitest";
import { AccountCapacityDocument, FleetDocument, ViewerDocument } from "../__generated__/graphql.js";
import { errorCodes, gql } from "../support/gql.js";
import { KEYS, SEEDED, startTestServer, type TestServer } from "../support/start-test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe("capacity of the seeded accounts", () => {
  it("derives the sandbox's plan cap of 4 with 3 used and one seat left (CRITICAL)", async () => {
    const { data, errors } = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, {
      id: SEEDED.sandbox,
    });
    expect(errors).toBeUndefined();
    expect(data?.account.plan).toEqual({ name: "Developer Sandbox", edition: "Sandbox", sandbox: true, userCap: 4 });
    expect(data?.account.capacity).toMatchObject({
      limit: 4,
      limitSource: "PLAN",
      used: 3,
      unassigned: 0,
      available: 1,
      overLimit: 0,
      utilization: 0.75,
      level: "CRITICAL",
      remediation: { kind: "CONTACT_DEVELOPER_SUPPORT" },
      phoneNumbers: { inventory: 2, assigned: 2 },
      stale: false,
    });
    expect(Date.parse(data!.account.capacity.observedAt)).not.toBeNaN();
  });

  it("derives Essentials' cap of 10 with 8 used and 1 unassigned (WARNING)", async () => {
    const { data } = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, {
      id: SEEDED.essentials,
    });
    expect(data?.account.capacity).toMatchObject({
      limit: 10,
      limitSource: "PLAN",
      used: 8,
      unassigned: 1,
      available: 2,
      utilization: 0.8,
      level: "WARNING",
      remediation: { kind: "UPGRADE_PLAN" },
      phoneNumbers: { inventory: 2, assigned: 3 },
    });
    expect(data?.account.plan.sandbox).toBe(false);
  });

  it("derives a licence-bound limit of used + unassigned (25) for the licensed account", async () => {
    const { data } = await gql(server.httpUrl, KEYS.otherOperator, AccountCapacityDocument, { id: SEEDED.licensed });
    expect(data?.account.capacity).toMatchObject({
      limit: 25,
      limitSource: "LICENSES",
      used: 20,
      unassigned: 5,
      available: 5,
      utilization: 0.8,
      level: "WARNING",
      remediation: { kind: "BUY_LICENSES" },
      phoneNumbers: { inventory: 4, assigned: 5 },
    });
    expect(data?.account.plan).toMatchObject({ edition: "Premium", sandbox: false, userCap: null });
  });

  it("reports the account fields and default thresholds", async () => {
    const { data } = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, {
      id: SEEDED.sandbox,
    });
    expect(data?.account).toMatchObject({
      rcId: SEEDED.sandbox,
      name: "Acme Sandbox",
      mainNumber: "+16505550100",
      status: "Confirmed",
      thresholds: { warningUtilization: 0.8, criticalUtilization: 0.95, warningSeatsLeft: 2, criticalSeatsLeft: 1 },
    });
  });

  it("accepts the account's global id as well as its RingCentral id", async () => {
    const first = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.sandbox });
    const again = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, {
      id: first.data!.account.id,
    });
    expect(again.data?.account.rcId).toBe(SEEDED.sandbox);
  });
});

describe("accounts", () => {
  it("lists the tenant's fleet with the least headroom first", async () => {
    const { data } = await gql(server.httpUrl, KEYS.partnerOperator, FleetDocument, {});
    expect(data?.accounts.map((a) => [a.rcId, a.capacity.level, a.capacity.available])).toEqual([
      [SEEDED.sandbox, "CRITICAL", 1],
      [SEEDED.essentials, "WARNING", 2],
    ]);
  });

  it("orders by name on request", async () => {
    const { data } = await gql(server.httpUrl, KEYS.partnerOperator, FleetDocument, { orderBy: "NAME_ASC" });
    expect(data?.accounts.map((a) => a.name)).toEqual(["Acme Sandbox", "Bluebird Dental"]);
  });

  it("never includes another tenant's accounts", async () => {
    const { data } = await gql(server.httpUrl, KEYS.otherOperator, FleetDocument, {});
    expect(data?.accounts.map((a) => a.rcId)).toEqual([SEEDED.licensed]);
  });
});

describe("viewer and tenancy", () => {
  it("tells the caller its tenant and role", async () => {
    const { data } = await gql(server.httpUrl, KEYS.partnerViewer, ViewerDocument);
    expect(data?.viewer).toEqual({ tenantId: "partner", tenantName: "Partner Co", role: "VIEWER" });
  });

  it("returns NOT_FOUND for another tenant's account, exactly as for a missing one", async () => {
    const foreign = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: SEEDED.licensed });
    const missing = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: "99999999" });
    expect(errorCodes(foreign)).toEqual(["NOT_FOUND"]);
    expect(errorCodes(missing)).toEqual(["NOT_FOUND"]);
    expect(foreign.errors?.[0]?.message.replace(SEEDED.licensed, "X")).toBe(
      missing.errors?.[0]?.message.replace("99999999", "X"),
    );
  });

  it("answers HTTP 401 UNAUTHENTICATED without an API key", async () => {
    const response = await gql(server.httpUrl, null, ViewerDocument);
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(["UNAUTHENTICATED"]);
    expect(response.data ?? null).toBeNull();
  });

  it("answers HTTP 401 UNAUTHENTICATED for a wrong API key", async () => {
    const response = await gql(server.httpUrl, "not-a-real-key-at-all", ViewerDocument);
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(["UNAUTHENTICATED"]);
  });

  it("returns BAD_USER_INPUT for an id that is not one of ours", async () => {
    const response = await gql(server.httpUrl, KEYS.partnerOperator, AccountCapacityDocument, { id: "garbage" });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
  });
});
