import { TARGETS, type TargetName, type TargetRole } from "../targets/index.js";
import type { BenchArgs } from "./args.js";
import { percentiles } from "./percentiles.js";
import { ServerChild } from "./server-child.js";
import { SubscriberPool, type EventReceipts } from "./subscriber-pool.js";

/** One server under test, measured. */
export interface TargetResult {
  readonly name: TargetName;
  readonly label: string;
  readonly role: TargetRole;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly messageBytes: number;
  /** Server memory growth from listening-with-no-clients to N idle subscribers, after a full GC, per subscriber. */
  readonly rssPerSubscriber: number;
  readonly heapUsedPerSubscriber: number;
  readonly externalPerSubscriber: number;
  /** Executions per event (shared executor only), NaN when the target does not count them. */
  readonly executionsPerEvent: number;
  readonly connectSeconds: number;
}

/** Starts the target's server child, connects the subscribers, measures memory and latency, stops everything. */
export async function runTarget(name: TargetName, args: BenchArgs): Promise<TargetResult> {
  const { label, role } = TARGETS[name];
  const child = await ServerChild.start(name, { scopes: args.scopes }, args.timeoutMs);
  let pool: SubscriberPool | undefined;
  try {
    const empty = await child.memory();
    const connectStart = process.hrtime.bigint();
    pool = await SubscriberPool.connect({
      wsUrl: child.wsUrl,
      subscription: child.subscription,
      count: args.subscribers,
      batchSize: args.batchSize,
      timeoutMs: args.timeoutMs,
    });
    const connectSeconds = Number(process.hrtime.bigint() - connectStart) / 1e9;
    const idle = await child.memory();

    const measured: EventReceipts[] = [];
    let executionsBefore = 0;
    for (let change = 1; change <= args.warmup + args.rounds; change += 1) {
      if (change === args.warmup + 1) executionsBefore = (await statsOf(child))["executions"] ?? Number.NaN;
      const receipts = await pool.measure(
        () => child.request({ type: "trigger", change }, args.timeoutMs).then(() => undefined),
        `event ${change} at all ${args.subscribers} subscribers`,
      );
      if (change > args.warmup) measured.push(receipts);
    }
    const executionsAfter = (await statsOf(child))["executions"] ?? Number.NaN;

    const [p50Ms, p99Ms, maxMs] = percentiles(
      measured.map((receipts) => receipts.latenciesMs),
      [50, 99, 100],
    ) as [number, number, number];
    const perSubscriber = (key: "rss" | "heapUsed" | "external"): number =>
      (idle[key] - empty[key]) / args.subscribers;
    return {
      name,
      label,
      role,
      p50Ms,
      p99Ms,
      maxMs,
      messageBytes: Buffer.byteLength(measured[0]!.message),
      rssPerSubscriber: perSubscriber("rss"),
      heapUsedPerSubscriber: perSubscriber("heapUsed"),
      externalPerSubscriber: perSubscriber("external"),
      executionsPerEvent: (executionsAfter - executionsBefore) / args.rounds,
      connectSeconds,
    };
  } finally {
    // The server goes first, so the TIME_WAIT sockets land on its (ephemeral) port, not on client ports.
    pool?.close();
    await child.stop();
  }
}

async function statsOf(child: ServerChild): Promise<Readonly<Record<string, number>>> {
  return (await child.request({ type: "stats" }, 10_000)).stats;
}
