import { describe, expect, it } from "vitest";
import {
  DEFAULT_CAPACITY_POLICY,
  DEFAULT_PLAN_CAP_RULES,
  identifyPlanCap,
  isSandboxPlan,
  validateCapacityPolicy,
  validatePlanCapRules,
  type CapacityPolicy,
  type PlanCapRule,
  type PlanInfo,
} from "../../src/domain/capacity/index.js";
import {
  ESSENTIALS_PLAN,
  PREMIUM_PLAN,
  PRODUCTION_SERVER,
  SANDBOX_PLAN,
  SANDBOX_SERVER,
  invalidField,
} from "./capacity-fixtures.js";

describe("identifyPlanCap with the default rules", () => {
  it.each<[string, PlanInfo, { kind: string; cap: number } | null]>([
    [
      "recognises the sandbox server",
      { name: null, edition: null, serverUrl: SANDBOX_SERVER },
      { kind: "SANDBOX", cap: 4 },
    ],
    [
      "recognises the sandbox server with a path and any case",
      { name: "RingEX Premium", edition: "Premium", serverUrl: "HTTPS://Platform.DevTest.RingCentral.com/restapi" },
      { kind: "SANDBOX", cap: 4 },
    ],
    ["recognises the sandbox edition on any server", SANDBOX_PLAN, { kind: "SANDBOX", cap: 4 }],
    [
      "recognises a sandbox by plan name",
      { name: "Developer Sandbox", edition: null, serverUrl: PRODUCTION_SERVER },
      { kind: "SANDBOX", cap: 4 },
    ],
    ["recognises the Essentials edition", ESSENTIALS_PLAN, { kind: "PLAN", cap: 10 }],
    [
      "recognises Essentials in the plan name whatever the case",
      { name: "RINGCENTRAL MVP ESSENTIALS", edition: null, serverUrl: PRODUCTION_SERVER },
      { kind: "PLAN", cap: 10 },
    ],
    ["leaves a Premium plan uncapped", PREMIUM_PLAN, null],
    ["leaves an unnamed production plan uncapped", { name: null, edition: null, serverUrl: PRODUCTION_SERVER }, null],
    ["tolerates an unparsable server URL", { name: null, edition: null, serverUrl: "not a url" }, null],
  ])("%s", (_name, plan, expected) => {
    const cap = identifyPlanCap(plan, DEFAULT_PLAN_CAP_RULES);
    expect(cap === null ? null : { kind: cap.kind, cap: cap.cap }).toEqual(expected);
  });
});

describe("identifyPlanCap with configured rules", () => {
  const rules: PlanCapRule[] = [
    { match: { edition: "Core", nameContains: "legacy" }, cap: 20, kind: "PLAN" },
    { match: { serverHost: "rc.example.test" }, cap: 5, kind: "SANDBOX" },
    { match: { edition: "Core" }, cap: 30, kind: "PLAN" },
  ];

  it.each<[string, PlanInfo, number | null]>([
    ["requires every criterion of a rule", { name: "Legacy Core", edition: "Core", serverUrl: PRODUCTION_SERVER }, 0],
    [
      "falls through when one criterion fails",
      { name: "RingEX Core", edition: "Core", serverUrl: PRODUCTION_SERVER },
      2,
    ],
    ["matches the host without the port", { name: null, edition: "Core", serverUrl: "http://rc.example.test:8080" }, 1],
    [
      "takes the first matching rule",
      { name: "Legacy Core", edition: "Core", serverUrl: "https://rc.example.test" },
      0,
    ],
    ["matches none", PREMIUM_PLAN, null],
  ])("%s", (_name, plan, ruleIndex) => {
    expect(identifyPlanCap(plan, rules)?.ruleIndex ?? null).toBe(ruleIndex);
  });

  it("never matches a rule without criteria", () => {
    expect(identifyPlanCap(PREMIUM_PLAN, [{ match: {}, cap: 1, kind: "PLAN" }])).toBeNull();
  });
});

describe("isSandboxPlan", () => {
  it.each<[string, PlanInfo, boolean]>([
    ["is true for the sandbox server", { name: null, edition: null, serverUrl: SANDBOX_SERVER }, true],
    ["is true for the sandbox edition", SANDBOX_PLAN, true],
    ["is false for Essentials", ESSENTIALS_PLAN, false],
    ["is false for a licence-bound plan", PREMIUM_PLAN, false],
  ])("%s", (_name, plan, expected) => {
    expect(isSandboxPlan(plan, DEFAULT_PLAN_CAP_RULES)).toBe(expected);
  });
});

describe("validatePlanCapRules", () => {
  it("accepts the default rules", () => {
    expect(validatePlanCapRules(DEFAULT_PLAN_CAP_RULES)).toBe(DEFAULT_PLAN_CAP_RULES);
  });

  it.each<[string, PlanCapRule, string]>([
    ["rejects a rule without criteria", { match: {}, cap: 4, kind: "PLAN" }, "planCapRules[1].match"],
    ["rejects an empty criterion", { match: { edition: " " }, cap: 4, kind: "PLAN" }, "planCapRules[1].match.edition"],
    ["rejects a negative cap", { match: { edition: "Core" }, cap: -1, kind: "PLAN" }, "planCapRules[1].cap"],
    ["rejects a fractional cap", { match: { edition: "Core" }, cap: 2.5, kind: "PLAN" }, "planCapRules[1].cap"],
    [
      "rejects an unknown kind",
      { match: { edition: "Core" }, cap: 4, kind: "TRIAL" as PlanCapRule["kind"] },
      "planCapRules[1].kind",
    ],
  ])("%s", (_name, rule, field) => {
    expect(
      invalidField(() => validatePlanCapRules([{ match: { edition: "Essentials" }, cap: 10, kind: "PLAN" }, rule])),
    ).toBe(field);
  });
});

describe("validateCapacityPolicy", () => {
  it("accepts the default policy", () => {
    expect(validateCapacityPolicy(DEFAULT_CAPACITY_POLICY)).toBe(DEFAULT_CAPACITY_POLICY);
  });

  it.each<[string, Partial<CapacityPolicy>, string]>([
    ["rejects a negative configured limit", { configuredLimit: -1 }, "accounts[0].configuredLimit"],
    ["rejects a fractional configured limit", { configuredLimit: 3.5 }, "accounts[0].configuredLimit"],
    ["rejects a non-boolean licenceBound", { licenseBound: "yes" as unknown as boolean }, "accounts[0].licenseBound"],
    [
      "rejects a bad plan-cap rule",
      { planCapRules: [{ match: {}, cap: 1, kind: "PLAN" }] },
      "accounts[0].planCapRules[0].match",
    ],
    [
      "rejects bad thresholds",
      { thresholds: { ...DEFAULT_CAPACITY_POLICY.thresholds, warningSeatsLeft: -2 } },
      "accounts[0].thresholds.warningSeatsLeft",
    ],
  ])("%s", (_name, overrides, field) => {
    expect(
      invalidField(() => validateCapacityPolicy({ ...DEFAULT_CAPACITY_POLICY, ...overrides }, "accounts[0].")),
    ).toBe(field);
  });

  it("accepts a configured limit of 0", () => {
    expect(validateCapacityPolicy({ ...DEFAULT_CAPACITY_POLICY, configuredLimit: 0 }).configuredLimit).toBe(0);
  });
});
