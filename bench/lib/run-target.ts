import { TARGETS, type TargetName, type TargetRole } from "../targets/index.js";
import type { BenchArgs } from "./args.js";
import { percentiles } from "./percentiles.js";
import type { MemorySample } from "./protocol.js";
import { ServerChild } from "./server-child.js";
import { SubscriberPool, type EventReceipts } from "./subscriber-pool.js";

/** One server under test, measured. */
export interface TargetResult {
  readonly name: TargetName;
  readonly label: string;
  readonly role: TargetRole;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The median over measured events of each event's own p99: how a typical event ends, whatever the worst did. */
  readonly medianEventP99Ms: number;
  readonly maxMs: number;
  readonly messageBytes: number;
  /** Server memory growth from listening-with-no-clients to N idle subscribers, after a full GC, per subscriber. */
  readonly rssPerSubscriber: number;
  readonly heapUsedPerSubscriber: number;
  readonly externalPerSubscriber: number;
  /** Server CPU time (user + system) per measured event, from the trigger's arrival until every send is done. */
  readonly serverCpuMsPerEvent: number;
  /** Executions per event (shared executor only), NaN when the target does not count them. */
  readonly executionsPerEvent: number;
  readonly connectSeconds: number;
  /** p99 of each warm-up event, which the figures above leave out. */
  readonly warmupP99Ms: readonly number[];
}

/** A target's server child with its subscribers connected and its idle memory taken. */
export class TargetSession {
  private readonly measured: EventReceipts[] = [];
  private readonly warmupP99Ms: number[] = [];
  private serverCpuMs = 0;
  private executionsBefore = Number.NaN;

  private constructor(
    readonly name: TargetName,
    private readonly args: BenchArgs,
    private readonly child: ServerChild,
    private readonly pool: SubscriberPool,
    private readonly empty: MemorySample,
    private readonly idle: MemorySample,
    private readonly connectSeconds: number,
  ) {}

  /**
   * Starts the server child, measures it empty, connects every subscriber, measures it again.
   * @param messageBytes for the reference: the size of the candidates' messages, to pad its own to.
   */
  static async open(name: TargetName, args: BenchArgs, messageBytes?: number): Promise<TargetSession> {
    const child = await ServerChild.start(name, { scopes: args.scopes, messageBytes }, args.timeoutMs);
    try {
      const empty = await child.memory();
      const connectStart = process.hrtime.bigint();
      const pool = await SubscriberPool.connect({
        wsUrl: child.wsUrl,
        subscription: child.subscription,
        count: args.subscribers,
        batchSize: args.batchSize,
        timeoutMs: args.timeoutMs,
      });
      const connectSeconds = Number(process.hrtime.bigint() - connectStart) / 1e9;
      try {
        const idle = await child.memory();
        return new TargetSession(name, args, child, pool, empty, idle, connectSeconds);
      } catch (error) {
        pool.close();
        throw error;
      }
    } catch (error) {
      child.kill();
      throw error;
    }
  }

  /** The size of the first initial event a subscriber received. */
  get initialMessageBytes(): number {
    return this.pool.initialMessageBytes;
  }

  /** Triggers change number `change` and waits until every subscriber has it; warm-up changes are not kept. */
  async event(change: number): Promise<void> {
    if (change === this.args.warmup + 1) this.executionsBefore = await this.executions();
    const receipts = await this.pool.measure(
      () => this.child.request({ type: "trigger", change }, this.args.timeoutMs).then(() => undefined),
      `${this.name}: event ${change} at all ${this.args.subscribers} subscribers`,
    );
    const { cpuMs } = await this.child.request({ type: "settle" }, this.args.timeoutMs);
    if (change > this.args.warmup) {
      this.measured.push(receipts);
      this.serverCpuMs += cpuMs;
    } else {
      this.warmupP99Ms.push(percentiles([receipts.latenciesMs], [99])[0]!);
    }
    if (this.args.perEvent) {
      const [p50, p99, max] = percentiles([receipts.latenciesMs], [50, 99, 100]).map((ms) => ms.toFixed(1));
      process.stderr.write(
        `  ${this.name} event ${change}: p50 ${p50} p99 ${p99} max ${max} ms, server CPU ${cpuMs.toFixed(1)} ms\n`,
      );
    }
  }

  /** Summarizes the measured events. */
  async result(): Promise<TargetResult> {
    const { label, role } = TARGETS[this.name];
    const executionsAfter = await this.executions();
    const [p50Ms, p99Ms, maxMs] = percentiles(
      this.measured.map((receipts) => receipts.latenciesMs),
      [50, 99, 100],
    ) as [number, number, number];
    const eventP99s = Float64Array.from(this.measured, (receipts) => percentiles([receipts.latenciesMs], [99])[0]!);
    const perSubscriber = (key: keyof MemorySample): number =>
      (this.idle[key] - this.empty[key]) / this.args.subscribers;
    return {
      name: this.name,
      label,
      role,
      p50Ms,
      p99Ms,
      medianEventP99Ms: percentiles([eventP99s], [50])[0]!,
      maxMs,
      messageBytes: Buffer.byteLength(this.measured[0]?.message ?? ""),
      rssPerSubscriber: perSubscriber("rss"),
      heapUsedPerSubscriber: perSubscriber("heapUsed"),
      externalPerSubscriber: perSubscriber("external"),
      serverCpuMsPerEvent: this.serverCpuMs / this.measured.length,
      executionsPerEvent: (executionsAfter - this.executionsBefore) / this.measured.length,
      connectSeconds: this.connectSeconds,
      warmupP99Ms: this.warmupP99Ms,
    };
  }

  /** Stops the server first, so the TIME_WAIT sockets land on its port rather than on client ports. */
  async close(): Promise<void> {
    try {
      await this.child.stop();
    } finally {
      this.pool.close();
    }
  }

  private async executions(): Promise<number> {
    const { stats } = await this.child.request({ type: "stats" }, 10_000);
    return stats["executions"] ?? Number.NaN;
  }
}
