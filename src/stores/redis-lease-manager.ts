import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Redis } from "ioredis";
import { LeaseHandlerQueue } from "./lease-handler-queue.js";
import type { LeaseHandlers, LeaseManager } from "./lease-manager.js";
import { DEFAULT_KEY_PREFIX } from "./redis-connection.js";
import { RedisLease } from "./redis-lease.js";
import { describeError, silentLogger, type FieldLogger } from "../field-logger.js";

export interface RedisLeaseManagerOptions {
  readonly redis: Redis;
  /** Default `headroom:`; keys are `<prefix>lease:<resourceId>`, holding the owner's token. */
  readonly keyPrefix?: string;
  /**
   * Lease length: after the owner dies, another instance takes over within about this long (plus one
   * `renewEveryMs`). Default 10_000 ms.
   */
  readonly ttlMs?: number;
  /** How often held leases are renewed and unheld ones tried. Default `ttlMs / 3`. */
  readonly renewEveryMs?: number;
  readonly logger?: FieldLogger;
}

export const DEFAULT_LEASE_TTL_MS = 10_000;

/**
 * `LeaseManager` over Redis. Each instance has a random owner token; a lease is `SET key token NX PX ttlMs`.
 * Every `renewEveryMs` (first at `start`) it renews what it holds (compare-and-`PEXPIRE`) and tries what it does
 * not. A lease is lost when renewal finds another token, or when Redis stays unreachable until the lease would
 * have expired; `onLost` then runs. Ticks never overlap.
 */
export class RedisLeaseManager implements LeaseManager {
  private readonly lease: RedisLease;
  private readonly keyPrefix: string;
  private readonly renewEveryMs: number;
  private readonly logger: FieldLogger;
  private readonly token = randomUUID();
  /** Resource id → end of the lease (monotonic ms) as of the last successful acquire or renewal. */
  private readonly held = new Map<string, number>();
  private resourceIds: readonly string[] = [];
  private queue: LeaseHandlerQueue | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(options: RedisLeaseManagerOptions) {
    const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.lease = new RedisLease(options.redis, ttlMs);
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(ttlMs / 3));
    this.logger = options.logger ?? silentLogger;
  }

  /** The Redis key of a resource's lease. */
  keyOf(resourceId: string): string {
    return `${this.keyPrefix}lease:${resourceId}`;
  }

  start(resourceIds: readonly string[], handlers: LeaseHandlers): void {
    if (this.queue) throw new Error("LeaseManager.start called twice");
    this.queue = new LeaseHandlerQueue(handlers, this.logger);
    this.resourceIds = [...new Set(resourceIds)];
    this.schedule(0);
  }

  stop(): Promise<void> {
    this.stopping ??= this.stopNow();
    return this.stopping;
  }

  isHeld(resourceId: string): boolean {
    const leaseUntilMs = this.held.get(resourceId);
    return leaseUntilMs !== undefined && performance.now() < leaseUntilMs;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        if (!this.stopping) this.schedule(this.renewEveryMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    await Promise.all(this.resourceIds.map((id) => (this.held.has(id) ? this.renew(id) : this.tryAcquire(id))));
  }

  private async tryAcquire(resourceId: string): Promise<void> {
    try {
      const leaseUntilMs = await this.lease.acquire(this.keyOf(resourceId), this.token);
      if (leaseUntilMs === undefined) return;
      this.held.set(resourceId, leaseUntilMs);
      this.queue?.push(resourceId, "onAcquired");
    } catch (error) {
      this.logger.debug({ resourceId, error: describeError(error) }, "could not try a lease");
    }
  }

  private async renew(resourceId: string): Promise<void> {
    try {
      const leaseUntilMs = await this.lease.extend(this.keyOf(resourceId), this.token);
      if (leaseUntilMs !== undefined) this.held.set(resourceId, leaseUntilMs);
      else this.lose(resourceId, "taken by another instance");
    } catch (error) {
      // Unanswered: the lease may still stand until it would have expired.
      if (!this.isHeld(resourceId)) this.lose(resourceId, describeError(error));
    }
  }

  private lose(resourceId: string, reason: string): void {
    if (!this.held.delete(resourceId)) return;
    this.logger.warn({ resourceId, reason }, "lost a lease");
    this.queue?.push(resourceId, "onLost");
  }

  private async stopNow(): Promise<void> {
    clearTimeout(this.timer);
    await this.ticking;
    const releasing = [...this.held.keys()];
    for (const id of releasing) this.queue?.push(id, "onLost");
    this.held.clear();
    await this.queue?.drain();
    await Promise.all(
      releasing.map(async (id) => {
        try {
          await this.lease.release(this.keyOf(id), this.token);
        } catch (error) {
          // It then expires after its TTL.
          this.logger.warn({ resourceId: id, error: describeError(error) }, "could not release a lease");
        }
      }),
    );
  }
}
