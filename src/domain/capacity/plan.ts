import { InvalidInputError } from "../../errors.js";
import type { PlanCapRule, PlanInfo, PlanKind } from "./types.js";

/** The host of RingCentral's developer sandbox: any account reached through it is a sandbox. */
export const SANDBOX_SERVER_HOST = "platform.devtest.ringcentral.com";

/**
 * Known plan caps: the sandbox (by server or by plan identity) holds 4 user extensions, Essentials 10.
 * RingCentral's exact plan strings are unconfirmed, hence several spellings; replace the list in configuration
 * when real strings differ.
 */
export const DEFAULT_PLAN_CAP_RULES: readonly PlanCapRule[] = Object.freeze([
  { match: { serverHost: SANDBOX_SERVER_HOST }, cap: 4, kind: "SANDBOX" },
  { match: { edition: "Sandbox" }, cap: 4, kind: "SANDBOX" },
  { match: { nameContains: "sandbox" }, cap: 4, kind: "SANDBOX" },
  { match: { edition: "Essentials" }, cap: 10, kind: "PLAN" },
  { match: { nameContains: "essentials" }, cap: 10, kind: "PLAN" },
]);

/** The plan-cap rule an account matched. */
export interface PlanCap {
  readonly kind: PlanKind;
  readonly cap: number;
  /** Position of the matching rule in the list, for logs and tests. */
  readonly ruleIndex: number;
}

/** The first rule whose every criterion matches `plan`, or null when none does (the plan is not plan-capped). */
export function identifyPlanCap(plan: PlanInfo, rules: readonly PlanCapRule[]): PlanCap | null {
  const host = hostOf(plan.serverUrl);
  const index = rules.findIndex(({ match }) => {
    const criteria = [
      match.serverHost === undefined ? undefined : host === match.serverHost.toLowerCase(),
      match.edition === undefined ? undefined : plan.edition?.toLowerCase() === match.edition.toLowerCase(),
      match.nameContains === undefined
        ? undefined
        : (plan.name?.toLowerCase().includes(match.nameContains.toLowerCase()) ?? false),
    ].filter((result) => result !== undefined);
    // A rule with no criteria would match every account; validatePlanCapRules rejects it, and here it never matches.
    return criteria.length > 0 && criteria.every(Boolean);
  });
  const rule = rules[index];
  return rule === undefined ? null : { kind: rule.kind, cap: rule.cap, ruleIndex: index };
}

/** True when the account is a developer sandbox by server URL or plan identity (for `Account.plan.sandbox`). */
export function isSandboxPlan(plan: PlanInfo, rules: readonly PlanCapRule[]): boolean {
  return identifyPlanCap(plan, rules)?.kind === "SANDBOX";
}

/**
 * Checks plan-cap rules from configuration: each has at least one non-empty criterion, a non-negative integer
 * cap and a known kind. Returns the rules unchanged.
 * @throws InvalidInputError naming the offending field, e.g. `planCapRules[2].cap`.
 */
export function validatePlanCapRules(rules: readonly PlanCapRule[], field = "planCapRules"): readonly PlanCapRule[] {
  rules.forEach((rule, index) => {
    const at = `${field}[${index}]`;
    const criteria = Object.entries(rule.match).filter(([, value]) => value !== undefined);
    if (criteria.length === 0) {
      throw new InvalidInputError(`${at}.match`, `${at}.match needs serverHost, edition or nameContains`);
    }
    for (const [key, value] of criteria) {
      if (typeof value !== "string" || value.trim() === "") {
        throw new InvalidInputError(`${at}.match.${key}`, `${at}.match.${key} must be a non-empty string`);
      }
    }
    if (!Number.isSafeInteger(rule.cap) || rule.cap < 0) {
      throw new InvalidInputError(`${at}.cap`, `${at}.cap must be an integer of at least 0`);
    }
    if (rule.kind !== "SANDBOX" && rule.kind !== "PLAN") {
      throw new InvalidInputError(`${at}.kind`, `${at}.kind must be SANDBOX or PLAN`);
    }
  });
  return rules;
}

function hostOf(serverUrl: string): string | null {
  try {
    return new URL(serverUrl).hostname.toLowerCase();
  } catch {
    return null;
  }
}
