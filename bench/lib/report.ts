import type { BenchArgs } from "./args.js";
import type { TargetResult } from "./run-target.js";

/** The acceptance targets. */
export const TARGET_P99_RATIO = 1.5;
export const TARGET_BYTES_PER_IDLE_SUBSCRIBER = 16 * 1024;

export interface Verdict {
  readonly text: string;
  readonly pass: boolean;
  /** Only candidates are held to the targets; baselines are measured for comparison. */
  readonly held: boolean;
}

/**
 * Each candidate against the plain-ws reference: the p99 ratio, and JS memory (heapUsed + external, which includes
 * array buffers) per idle subscriber. RSS is reported beside it but not held to the target: it also counts native
 * socket state and pages V8 and malloc keep after a GC, which a plain ws server pays as well (~9 KB per socket).
 */
export function verdicts(results: readonly TargetResult[]): Verdict[] {
  const reference = results.find((result) => result.role === "reference");
  const out: Verdict[] = [];
  for (const result of results) {
    if (result.role === "reference") continue;
    if (reference) {
      const ratio = result.p99Ms / reference.p99Ms;
      const pass = ratio <= TARGET_P99_RATIO;
      out.push({
        text: `${result.label}: p99 / plain-ws p99 = ${ratio.toFixed(2)} (target ≤ ${TARGET_P99_RATIO})`,
        pass: result.role !== "candidate" || pass,
        held: result.role === "candidate",
      });
    }
    const bytes = jsBytesPerSubscriber(result);
    out.push({
      text:
        `${result.label}: ${(bytes / 1024).toFixed(1)} KB heap+external per idle subscriber ` +
        `(target ≤ ${TARGET_BYTES_PER_IDLE_SUBSCRIBER / 1024} KB; RSS ${(result.rssPerSubscriber / 1024).toFixed(1)} KB)`,
      pass: result.role !== "candidate" || bytes <= TARGET_BYTES_PER_IDLE_SUBSCRIBER,
      held: result.role === "candidate",
    });
  }
  return out;
}

function jsBytesPerSubscriber(result: TargetResult): number {
  return result.heapUsedPerSubscriber + result.externalPerSubscriber;
}

/** The table and the verdict lines. */
export function formatReport(args: BenchArgs, results: readonly TargetResult[]): string {
  const header = [
    "target",
    "p50 ms",
    "p99 ms",
    "max ms",
    "CPU ms/event",
    "RSS/sub",
    "heap/sub",
    "ext/sub",
    "exec/event",
    "connect s",
  ];
  const rows = results.map((result) => [
    result.label,
    result.p50Ms.toFixed(1),
    result.p99Ms.toFixed(1),
    result.maxMs.toFixed(1),
    result.serverCpuMsPerEvent.toFixed(1),
    kb(result.rssPerSubscriber),
    kb(result.heapUsedPerSubscriber),
    kb(result.externalPerSubscriber),
    Number.isNaN(result.executionsPerEvent) ? "-" : result.executionsPerEvent.toFixed(1),
    result.connectSeconds.toFixed(1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  const bytes = results.map((result) => result.messageBytes);
  return [
    `subscribers: ${args.subscribers}  events: ${args.rounds} measured (+${args.warmup} warm-up)  scopes: ${args.scopes}  ` +
      `message: ${Math.min(...bytes)}–${Math.max(...bytes)} B`,
    "latency: trigger sent (parent) → message received (parent), over all subscribers × events; targets take turns",
    "CPU: the server child's user + system time per event (it waits for no one, so it is the least noisy column)",
    "memory: server child growth from 0 to N idle subscribers (all initial events in), after gc(), per subscriber",
    "warm-up: events left out above; on a graphql-ws server the first one also moves every joiner to its shared stream",
    ...results.map((r) => `  p99 ms of ${r.label}: ${r.warmupP99Ms.map((ms) => ms.toFixed(1)).join(", ")}`),
    "",
    line(header),
    ...rows.map(line),
    "",
    ...verdicts(results).map(
      (verdict) => `${verdict.held ? (verdict.pass ? "ok  " : "MISS") : "info"} ${verdict.text}`,
    ),
    ...typicalEvents(results),
  ].join("\n");
}

/**
 * Not a verdict: the p99 above is decided by the few slowest events of each side, so it swings from run to run with
 * whatever else the machine did then; the median event's p99 shows the steady state beside it.
 */
function typicalEvents(results: readonly TargetResult[]): string[] {
  const reference = results.find((result) => result.role === "reference");
  if (!reference) return [];
  return results
    .filter((result) => result !== reference)
    .map(
      (result) =>
        `info ${result.label}: median event's p99 ${result.medianEventP99Ms.toFixed(1)} ms / plain-ws ` +
        `${reference.medianEventP99Ms.toFixed(1)} ms = ${(result.medianEventP99Ms / reference.medianEventP99Ms).toFixed(2)}`,
    );
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
