import { describe, expect, it } from "vitest";
import { CapacityExhaustedError } from "../../src/errors.js";
import {
  computeCapacity,
  planProvisioning,
  requireProvisioningPlan,
  type Capacity,
  type ProvisioningPlan,
} from "../../src/domain/capacity/index.js";
import { OBSERVED_AT, SEED, invalidField, policy, snapshot, thrownBy, users } from "./capacity-fixtures.js";

const essentials = computeCapacity(SEED.essentials, policy(), OBSERVED_AT);
const licenseBound = computeCapacity(SEED.licenseBound, policy(), OBSERVED_AT);
const sandbox = computeCapacity(SEED.sandbox, policy(), OBSERVED_AT);
const unlimited = computeCapacity(
  snapshot([...users(40), ...users(2, "Unassigned")]),
  policy({ licenseBound: false }),
  OBSERVED_AT,
);
const configuredBelowSeats = computeCapacity(
  snapshot([...users(8), ...users(3, "Unassigned")]),
  policy({ configuredLimit: 9 }),
  OBSERVED_AT,
);
const overLimit = computeCapacity(snapshot(users(5), SEED.sandbox.plan), policy(), OBSERVED_AT);

type Split = Pick<ProvisioningPlan, "viaUnassigned" | "viaNewExtension" | "blocked" | "blockedReason">;

describe("planProvisioning", () => {
  it.each<[string, Capacity, number, Split]>([
    [
      "plans nothing for a count of 0",
      essentials,
      0,
      { viaUnassigned: 0, viaNewExtension: 0, blocked: 0, blockedReason: null },
    ],
    [
      "seats one person on the unassigned seat",
      essentials,
      1,
      { viaUnassigned: 1, viaNewExtension: 0, blocked: 0, blockedReason: null },
    ],
    [
      "creates an extension once the unassigned seats are used",
      essentials,
      2,
      { viaUnassigned: 1, viaNewExtension: 1, blocked: 0, blockedReason: null },
    ],
    [
      "blocks what exceeds the Essentials cap",
      essentials,
      3,
      { viaUnassigned: 1, viaNewExtension: 1, blocked: 1, blockedReason: "LIMIT_REACHED" },
    ],
    [
      "creates an extension on a sandbox with one seat left",
      sandbox,
      1,
      { viaUnassigned: 0, viaNewExtension: 1, blocked: 0, blockedReason: null },
    ],
    [
      "blocks beyond the sandbox cap",
      sandbox,
      2,
      { viaUnassigned: 0, viaNewExtension: 1, blocked: 1, blockedReason: "LIMIT_REACHED" },
    ],
    [
      "seats a licence-bound account on its unassigned seats",
      licenseBound,
      5,
      { viaUnassigned: 5, viaNewExtension: 0, blocked: 0, blockedReason: null },
    ],
    [
      "never creates extensions beyond the licences",
      licenseBound,
      7,
      { viaUnassigned: 5, viaNewExtension: 0, blocked: 2, blockedReason: "LIMIT_REACHED" },
    ],
    [
      "uses unassigned seats first on an unlimited account",
      unlimited,
      10,
      { viaUnassigned: 2, viaNewExtension: 8, blocked: 0, blockedReason: null },
    ],
    [
      "never seats more than a configured limit allows, unassigned seats included",
      configuredBelowSeats,
      3,
      { viaUnassigned: 1, viaNewExtension: 0, blocked: 2, blockedReason: "LIMIT_REACHED" },
    ],
    [
      "blocks everything over the limit",
      overLimit,
      1,
      { viaUnassigned: 0, viaNewExtension: 0, blocked: 1, blockedReason: "LIMIT_REACHED" },
    ],
  ])("%s", (_name, capacity, count, expected) => {
    expect(planProvisioning(capacity, count)).toMatchObject({ requested: count, ...expected });
  });

  it.each<[string, Capacity, number, string | null]>([
    ["says to buy licences when licences block", licenseBound, 6, "BUY_LICENSES"],
    ["says to upgrade when the plan cap blocks", essentials, 3, "UPGRADE_PLAN"],
    ["says to ask developer support when the sandbox blocks", sandbox, 2, "CONTACT_DEVELOPER_SUPPORT"],
    ["gives no remediation when everything fits", essentials, 2, null],
    ["gives no remediation when unlimited", unlimited, 100, null],
  ])("%s", (_name, capacity, count, kind) => {
    expect(planProvisioning(capacity, count).remediation?.kind ?? null).toBe(kind);
  });

  it.each<[string, number]>([
    ["rejects a negative count", -1],
    ["rejects a fractional count", 1.5],
    ["rejects a NaN count", Number.NaN],
  ])("%s", (_name, count) => {
    expect(invalidField(() => planProvisioning(essentials, count))).toBe("count");
  });
});

describe("requireProvisioningPlan", () => {
  it("returns the plan when everyone fits", () => {
    expect(requireProvisioningPlan(essentials, 2)).toMatchObject({ viaUnassigned: 1, viaNewExtension: 1, blocked: 0 });
  });

  it("throws CAPACITY_EXHAUSTED with the limit, usage, source and remediation", () => {
    const error = thrownBy(() => requireProvisioningPlan(licenseBound, 6));
    expect(error).toBeInstanceOf(CapacityExhaustedError);
    expect((error as CapacityExhaustedError).code).toBe("CAPACITY_EXHAUSTED");
    expect((error as CapacityExhaustedError).details).toEqual({
      limit: 25,
      used: 20,
      available: 5,
      limitSource: "LICENSES",
      requested: 6,
      blocked: 1,
      remediation: licenseBound.remediation?.message,
    });
  });
});
