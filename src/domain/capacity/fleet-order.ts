import { compareLevels } from "./level.js";
import type { Capacity } from "./types.js";

/** The fields a fleet is ordered by. */
export type CapacityRanking = Pick<Capacity, "level" | "available" | "utilization" | "overLimit">;

/**
 * Comparator for `Array.prototype.sort`: least headroom first. By level, most severe first (each account's own
 * thresholds decide its level, so the order agrees with its alerts); then fewer seats available; then higher
 * utilization (so the further over its limit, the earlier); unlimited accounts last. Returns 0 for equal headroom:
 * chain a tie-breaker such as the account name for a stable order.
 */
export function compareMostConstrainedFirst(a: CapacityRanking, b: CapacityRanking): number {
  return (
    compareLevels(b.level, a.level) ||
    (a.available ?? Infinity) - (b.available ?? Infinity) ||
    b.overLimit - a.overLimit ||
    (b.utilization ?? -1) - (a.utilization ?? -1)
  );
}
