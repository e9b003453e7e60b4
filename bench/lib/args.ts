import { parseArgs } from "node:util";
import { DEFAULT_TARGETS, isTargetName, type TargetName } from "../targets/index.js";

export interface BenchArgs {
  readonly subscribers: number;
  /**
   * Measured events, after `warmup` events that are reported apart: the first event after thousands of subscribers
   * joined is a one-off (graphql-ws joiners move to their group's shared stream, code paths get optimized).
   * 100 by default: the p99 of all receipts is set by the slowest 1% of them, which with 20 events is one event's
   * worst fifth, so a single hiccup of the machine decided it; with 100 it is about one event's worth of receipts
   * drawn from the slow tail of many, and the ratio of two such p99s stops swinging from run to run.
   */
  readonly rounds: number;
  readonly warmup: number;
  readonly targets: readonly TargetName[];
  readonly scopes: number;
  readonly batchSize: number;
  readonly timeoutMs: number;
  /** Exit non-zero when a candidate misses a target. */
  readonly check: boolean;
  /** Print each event's percentiles to stderr as it is measured. */
  readonly perEvent: boolean;
}

export const USAGE = `usage: npm run bench:subscriptions -- [--subscribers 5000] [--rounds 100] [--warmup 3]
  [--targets ${DEFAULT_TARGETS.join(",")}] [--scopes 1] [--batch 500] [--timeout-ms 30000] [--check] [--per-event]`;

/** Parses and checks the command line; throws with the usage on anything odd. */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      subscribers: { type: "string", default: "5000" },
      rounds: { type: "string", default: "100" },
      warmup: { type: "string", default: "3" },
      targets: { type: "string", default: DEFAULT_TARGETS.join(",") },
      scopes: { type: "string", default: "1" },
      batch: { type: "string", default: "500" },
      "timeout-ms": { type: "string", default: "30000" },
      check: { type: "boolean", default: false },
      "per-event": { type: "boolean", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const targets = values.targets.split(",").map((name) => name.trim());
  const unknown = targets.filter((name) => !isTargetName(name));
  if (unknown.length > 0) throw new Error(`unknown target(s) ${unknown.join(", ")}\n${USAGE}`);
  return {
    subscribers: positiveInt("subscribers", values.subscribers, 100_000),
    rounds: positiveInt("rounds", values.rounds, 1_000),
    warmup: positiveInt("warmup", values.warmup, 100, 0),
    targets: targets as TargetName[],
    scopes: positiveInt("scopes", values.scopes, 1_000),
    batchSize: positiveInt("batch", values.batch, 5_000),
    timeoutMs: positiveInt("timeout-ms", values["timeout-ms"], 600_000),
    check: values.check,
    perEvent: values["per-event"],
  };
}

function positiveInt(name: string, text: string, max: number, min = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be an integer in ${min}..${max}, got ${JSON.stringify(text)}\n${USAGE}`);
  }
  return value;
}
