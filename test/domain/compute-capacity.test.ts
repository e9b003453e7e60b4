import { describe, expect, it } from "vitest";
import {
  computeCapacity,
  countPhoneNumbers,
  countSeats,
  type AccountSnapshot,
  type Capacity,
  type CapacityPolicy,
  type ExtensionSnapshot,
} from "../../src/domain/capacity/index.js";
import {
  ESSENTIALS_PLAN,
  OBSERVED_AT,
  PREMIUM_PLAN,
  PRODUCTION_SERVER,
  SANDBOX_PLAN,
  SANDBOX_SERVER,
  SEED,
  invalidField,
  policy,
  snapshot,
  users,
} from "./capacity-fixtures.js";

describe("computeCapacity on the demo seed", () => {
  it.each<[string, AccountSnapshot, Partial<Capacity>]>([
    [
      "derives the sandbox one seat from its cap of 4",
      SEED.sandbox,
      { limit: 4, limitSource: "PLAN", used: 3, unassigned: 0, available: 1, utilization: 0.75, level: "CRITICAL" },
    ],
    [
      "derives the Essentials account at 8 of 10",
      SEED.essentials,
      { limit: 10, limitSource: "PLAN", used: 8, unassigned: 1, available: 2, utilization: 0.8, level: "WARNING" },
    ],
    [
      "derives the licence-bound account from its 25 licences",
      SEED.licenseBound,
      { limit: 25, limitSource: "LICENSES", used: 20, unassigned: 5, available: 5, utilization: 0.8, level: "WARNING" },
    ],
  ])("%s", (_name, account, expected) => {
    expect(computeCapacity(account, policy(), OBSERVED_AT)).toMatchObject(expected);
  });
});

describe("countSeats", () => {
  it.each<[string, ExtensionSnapshot[], { used: number; unassigned: number }]>([
    ["counts an enabled user as used", users(1, "Enabled"), { used: 1, unassigned: 0 }],
    ["counts a disabled user as used", users(1, "Disabled"), { used: 1, unassigned: 0 }],
    ["counts a frozen user as used", users(1, "Frozen"), { used: 1, unassigned: 0 }],
    ["counts a not-activated user as used", users(1, "NotActivated"), { used: 1, unassigned: 0 }],
    ["counts an unassigned user extension as unassigned", users(1, "Unassigned"), { used: 0, unassigned: 1 }],
    ["ignores a department", [{ type: "Department", status: "Enabled" }], { used: 0, unassigned: 0 }],
    ["ignores an IVR menu", [{ type: "IvrMenu", status: "Enabled" }], { used: 0, unassigned: 0 }],
    [
      "ignores an unassigned non-user extension",
      [{ type: "DigitalUser", status: "Unassigned" }],
      { used: 0, unassigned: 0 },
    ],
    ["counts nothing in an empty account", [], { used: 0, unassigned: 0 }],
  ])("%s", (_name, extensions, expected) => {
    expect(countSeats(extensions)).toEqual(expected);
  });
});

describe("computeCapacity limit source", () => {
  it.each<[string, AccountSnapshot, Partial<CapacityPolicy>, Pick<Capacity, "limit" | "limitSource">]>([
    [
      "takes the sandbox cap from the plan edition",
      snapshot(users(1), SANDBOX_PLAN),
      {},
      { limit: 4, limitSource: "PLAN" },
    ],
    [
      "takes the sandbox cap from the sandbox server whatever the plan name",
      snapshot(users(1), { name: "RingEX Premium", edition: "Premium", serverUrl: SANDBOX_SERVER }),
      {},
      { limit: 4, limitSource: "PLAN" },
    ],
    [
      "takes the Essentials cap from the plan",
      snapshot(users(1), ESSENTIALS_PLAN),
      {},
      { limit: 10, limitSource: "PLAN" },
    ],
    [
      "takes the Essentials cap from the plan name when the edition is missing",
      snapshot(users(1), { name: "RingCentral MVP Essentials", edition: null, serverUrl: PRODUCTION_SERVER }),
      {},
      { limit: 10, limitSource: "PLAN" },
    ],
    [
      "bounds an unmatched production plan by its licences",
      snapshot([...users(3), ...users(2, "Unassigned")], PREMIUM_PLAN),
      {},
      { limit: 5, limitSource: "LICENSES" },
    ],
    [
      "bounds a plan RingCentral does not name by its licences",
      snapshot(users(3), { name: null, edition: null, serverUrl: PRODUCTION_SERVER }),
      {},
      { limit: 3, limitSource: "LICENSES" },
    ],
    [
      "lets a configured limit beat the plan cap",
      snapshot(users(3), ESSENTIALS_PLAN),
      { configuredLimit: 20 },
      { limit: 20, limitSource: "CONFIGURED" },
    ],
    [
      "lets a configured limit beat the sandbox server",
      snapshot(users(3), { ...SANDBOX_PLAN, serverUrl: SANDBOX_SERVER }),
      { configuredLimit: 6 },
      { limit: 6, limitSource: "CONFIGURED" },
    ],
    [
      "lets a configured limit beat the licences",
      snapshot([...users(3), ...users(2, "Unassigned")]),
      { configuredLimit: 30 },
      { limit: 30, limitSource: "CONFIGURED" },
    ],
    [
      "is unlimited when configuration says the account is not licence-bound",
      snapshot(users(3)),
      { licenseBound: false },
      { limit: null, limitSource: "UNLIMITED" },
    ],
    [
      "stays unlimited by configuration even with unassigned extensions",
      snapshot([...users(3), ...users(2, "Unassigned")]),
      { licenseBound: false },
      { limit: null, limitSource: "UNLIMITED" },
    ],
    [
      "keeps the plan cap of a plan that is not licence-bound",
      snapshot(users(3), ESSENTIALS_PLAN),
      { licenseBound: false },
      { limit: 10, limitSource: "PLAN" },
    ],
    [
      "uses configured plan-cap rules instead of the defaults",
      snapshot(users(3), PREMIUM_PLAN),
      { planCapRules: [{ match: { edition: "premium" }, cap: 50, kind: "PLAN" }] },
      { limit: 50, limitSource: "PLAN" },
    ],
  ])("%s", (_name, account, overrides, expected) => {
    expect(computeCapacity(account, policy(overrides), OBSERVED_AT)).toMatchObject(expected);
  });
});

describe("computeCapacity at and beyond the limit", () => {
  it.each<[string, AccountSnapshot, Partial<CapacityPolicy>, Partial<Capacity>]>([
    [
      "exhausts a configured limit of 0 without dividing by zero",
      snapshot([]),
      { configuredLimit: 0 },
      { limit: 0, used: 0, available: 0, overLimit: 0, utilization: 1, level: "EXHAUSTED" },
    ],
    [
      "exhausts a full sandbox",
      snapshot(users(4), SANDBOX_PLAN),
      {},
      { limit: 4, available: 0, overLimit: 0, utilization: 1, level: "EXHAUSTED" },
    ],
    [
      "clamps available to 0 and reports the excess after a downgrade",
      snapshot(users(5), SANDBOX_PLAN),
      {},
      { limit: 4, used: 5, available: 0, overLimit: 1, utilization: 1.25, level: "EXHAUSTED" },
    ],
    [
      "reports the excess over a configured limit of 0",
      snapshot(users(2)),
      { configuredLimit: 0 },
      { available: 0, overLimit: 2, utilization: 1, level: "EXHAUSTED" },
    ],
    [
      "exhausts a licence-bound account with every licence in use",
      snapshot(users(7)),
      {},
      { limit: 7, limitSource: "LICENSES", available: 0, level: "EXHAUSTED" },
    ],
    [
      "reports no limit, availability or utilization when unlimited",
      snapshot(users(500)),
      { licenseBound: false },
      { limit: null, available: null, overLimit: 0, utilization: null, level: "OK", triggers: [] },
    ],
  ])("%s", (_name, account, overrides, expected) => {
    expect(computeCapacity(account, policy(overrides), OBSERVED_AT)).toMatchObject(expected);
  });
});

describe("computeCapacity remediation", () => {
  it.each<[string, AccountSnapshot, Partial<CapacityPolicy>, string | null]>([
    ["tells a sandbox to ask developer support", SEED.sandbox, {}, "CONTACT_DEVELOPER_SUPPORT"],
    [
      "tells an account on the sandbox server to ask developer support",
      snapshot(users(1), { name: null, edition: null, serverUrl: SANDBOX_SERVER }),
      {},
      "CONTACT_DEVELOPER_SUPPORT",
    ],
    ["tells a plan-capped account to upgrade", SEED.essentials, {}, "UPGRADE_PLAN"],
    ["tells a licence-bound account to buy licences", SEED.licenseBound, {}, "BUY_LICENSES"],
    ["points a configured limit at the contract", SEED.essentials, { configuredLimit: 12 }, "REVIEW_CONTRACT"],
    ["gives no remediation when unlimited", SEED.licenseBound, { licenseBound: false }, null],
  ])("%s", (_name, account, overrides, kind) => {
    const { remediation } = computeCapacity(account, policy(overrides), OBSERVED_AT);
    expect(remediation?.kind ?? null).toBe(kind);
    if (remediation !== null) expect(remediation.message).not.toBe("");
  });
});

describe("computeCapacity observation", () => {
  it.each<[string, Date | string, string]>([
    ["returns observedAt as ISO for a Date", new Date(Date.UTC(2025, 0, 15, 9, 30)), "2025-01-15T09:30:00.000Z"],
    ["normalises an offset timestamp to UTC", "2025-01-15T10:30:00+01:00", "2025-01-15T09:30:00.000Z"],
  ])("%s", (_name, observedAt, expected) => {
    expect(computeCapacity(SEED.sandbox, policy(), observedAt).observedAt).toBe(expected);
  });

  it.each<[string, boolean | undefined, boolean]>([
    ["is fresh by default", undefined, false],
    ["carries the stale flag", true, true],
  ])("%s", (_name, stale, expected) => {
    expect(computeCapacity(SEED.sandbox, policy(), OBSERVED_AT, stale).stale).toBe(expected);
  });

  it("rejects an invalid observedAt naming the field", () => {
    expect(invalidField(() => computeCapacity(SEED.sandbox, policy(), "yesterday"))).toBe("observedAt");
  });

  it("carries the phone-number headroom and the thresholds applied", () => {
    const capacity = computeCapacity(SEED.licenseBound, policy(), OBSERVED_AT);
    expect(capacity.phoneNumbers).toEqual({ inventory: 4, assigned: 5 });
    expect(capacity.thresholds).toEqual(policy().thresholds);
  });

  it("is JSON-safe", () => {
    const capacity = computeCapacity(SEED.essentials, policy(), OBSERVED_AT);
    expect(JSON.parse(JSON.stringify(capacity))).toEqual(capacity);
  });
});

describe("countPhoneNumbers", () => {
  it.each<[string, { usageType: string; extensionId: string | null }[], { inventory: number; assigned: number }]>([
    [
      "counts an inventory number as inventory",
      [{ usageType: "Inventory", extensionId: null }],
      { inventory: 1, assigned: 0 },
    ],
    [
      "counts a direct number as assigned",
      [{ usageType: "DirectNumber", extensionId: "101" }],
      { inventory: 0, assigned: 1 },
    ],
    [
      "ignores the main company number",
      [{ usageType: "MainCompanyNumber", extensionId: null }],
      { inventory: 0, assigned: 0 },
    ],
    ["ignores a company number", [{ usageType: "CompanyNumber", extensionId: null }], { inventory: 0, assigned: 0 }],
    [
      "counts the sandbox seed's numbers",
      [
        { usageType: "MainCompanyNumber", extensionId: null },
        { usageType: "DirectNumber", extensionId: "37439511" },
        { usageType: "DirectNumber", extensionId: "37439512" },
        { usageType: "Inventory", extensionId: null },
        { usageType: "Inventory", extensionId: null },
      ],
      { inventory: 2, assigned: 2 },
    ],
  ])("%s", (_name, numbers, expected) => {
    expect(countPhoneNumbers(numbers)).toEqual(expected);
  });
});
