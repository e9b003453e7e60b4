import { describe, expect, it } from "vitest";
import { compareMostConstrainedFirst, type CapacityRanking } from "../../src/domain/capacity/index.js";

type Named = CapacityRanking & { readonly name: string };

const exhaustedOver: Named = {
  name: "exhausted, 2 over",
  level: "EXHAUSTED",
  available: 0,
  overLimit: 2,
  utilization: 1.5,
};
const exhausted: Named = { name: "exhausted", level: "EXHAUSTED", available: 0, overLimit: 0, utilization: 1 };
const criticalSmall: Named = {
  name: "critical, 1 left of 4",
  level: "CRITICAL",
  available: 1,
  overLimit: 0,
  utilization: 0.75,
};
const criticalLarge: Named = {
  name: "critical, 1 left of 100",
  level: "CRITICAL",
  available: 1,
  overLimit: 0,
  utilization: 0.99,
};
const warning: Named = { name: "warning, 2 left", level: "WARNING", available: 2, overLimit: 0, utilization: 0.8 };
const okOneLeft: Named = {
  name: "ok by its own thresholds, 1 left",
  level: "OK",
  available: 1,
  overLimit: 0,
  utilization: 0.5,
};
const okRoomy: Named = { name: "ok, 40 left", level: "OK", available: 40, overLimit: 0, utilization: 0.2 };
const unlimited: Named = { name: "unlimited", level: "OK", available: null, overLimit: 0, utilization: null };

describe("compareMostConstrainedFirst", () => {
  it.each<[string, Named, Named]>([
    ["puts an exhausted account before a critical one", exhausted, criticalSmall],
    ["puts the account further over its limit first", exhaustedOver, exhausted],
    ["puts a critical account before a warning one", criticalSmall, warning],
    ["puts a warning account before an OK one with fewer seats left", warning, okOneLeft],
    ["puts fewer seats left first within a level", okOneLeft, okRoomy],
    ["puts higher utilization first at equal seats left", criticalLarge, criticalSmall],
    ["puts a limited account before an unlimited one", okRoomy, unlimited],
  ])("%s", (_name, first, second) => {
    expect(compareMostConstrainedFirst(first, second)).toBeLessThan(0);
    expect(compareMostConstrainedFirst(second, first)).toBeGreaterThan(0);
  });

  it.each<[string, Named]>([
    ["ties two unlimited accounts", unlimited],
    ["ties two identical accounts", warning],
  ])("%s", (_name, account) => {
    expect(compareMostConstrainedFirst(account, { ...account })).toBe(0);
  });

  it("orders a fleet least headroom first, unlimited last", () => {
    const fleet = [unlimited, okRoomy, warning, criticalSmall, exhausted, okOneLeft, criticalLarge, exhaustedOver];
    expect(fleet.sort(compareMostConstrainedFirst).map(({ name }) => name)).toEqual([
      exhaustedOver.name,
      exhausted.name,
      criticalLarge.name,
      criticalSmall.name,
      warning.name,
      okOneLeft.name,
      okRoomy.name,
      unlimited.name,
    ]);
  });
});
