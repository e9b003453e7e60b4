import type { CapacityLevel, CapacityThresholds, LevelTrigger } from "./types.js";

/** Every level, least severe first. */
export const CAPACITY_LEVELS: readonly CapacityLevel[] = Object.freeze(["OK", "WARNING", "CRITICAL", "EXHAUSTED"]);

/** 0 for `OK` up to 3 for `EXHAUSTED`. */
export function levelRank(level: CapacityLevel): number {
  return CAPACITY_LEVELS.indexOf(level);
}

/** Sorts levels least severe first: negative when `a` is less severe than `b`. */
export function compareLevels(a: CapacityLevel, b: CapacityLevel): number {
  return levelRank(a) - levelRank(b);
}

/** True when `level` is `min` or more severe (for `capacityAlert(minLevel)`). */
export function isLevelAtLeast(level: CapacityLevel, min: CapacityLevel): boolean {
  return compareLevels(level, min) >= 0;
}

export interface LevelAssessment {
  readonly level: CapacityLevel;
  /** Every threshold that holds at `level`: `UTILIZATION` before `SEATS_LEFT`; empty when `OK`. */
  readonly triggers: readonly LevelTrigger[];
}

/**
 * Judges a limit and a usage against thresholds. `EXHAUSTED` when no seat is left (`used ≥ limit`, so a zero
 * limit is exhausted); otherwise `CRITICAL`, then `WARNING`, when utilization reaches the level's ratio or the
 * seats left fall to its count. An unlimited account (`limit` null) is always `OK`.
 */
export function assessLevel(limit: number | null, used: number, thresholds: CapacityThresholds): LevelAssessment {
  if (limit === null) return { level: "OK", triggers: [] };
  const seatsLeft = limit - used;
  if (seatsLeft <= 0) return { level: "EXHAUSTED", triggers: [{ reason: "NO_SEATS", threshold: 0 }] };
  // used/limit and a threshold written as the same decimal round to the same double, so 8/10 ≥ 0.8 holds exactly.
  const utilization = used / limit;
  const crossed = (ratio: number, seats: number): LevelTrigger[] => [
    ...(utilization >= ratio ? [{ reason: "UTILIZATION", threshold: ratio } as const] : []),
    ...(seatsLeft <= seats ? [{ reason: "SEATS_LEFT", threshold: seats } as const] : []),
  ];
  const critical = crossed(thresholds.criticalUtilization, thresholds.criticalSeatsLeft);
  if (critical.length > 0) return { level: "CRITICAL", triggers: critical };
  const warning = crossed(thresholds.warningUtilization, thresholds.warningSeatsLeft);
  if (warning.length > 0) return { level: "WARNING", triggers: warning };
  return { level: "OK", triggers: [] };
}
