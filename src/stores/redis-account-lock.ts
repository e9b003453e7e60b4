import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import type { Redis } from "ioredis";
import { describeError, silentLogger, type FieldLogger } from "../field-logger.js";
import { DEFAULT_LOCK_ACQUIRE_TIMEOUT_MS, type AccountLock, type AccountLockTimeouts } from "./account-lock.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { LockLostError, LockTimeoutError } from "./lock-errors.js";
import { DEFAULT_KEY_PREFIX } from "./redis-connection.js";
import { RedisLease } from "./redis-lease.js";

export interface RedisAccountLockOptions extends AccountLockTimeouts {
  readonly redis: Redis;
  /** Default `headroom:`; keys are `<prefix>lock:account:<accountId>`. */
  readonly keyPrefix?: string;
  /**
   * Lease length. A crashed holder blocks the account for at most this long; a live holder extends the lease
   * every `ttlMs / 3` while its work runs. Default 15_000 ms.
   */
  readonly ttlMs?: number;
  /** Waiting for a lock held elsewhere: first retry after about this long. Default 10 ms. */
  readonly retryMinMs?: number;
  /** Waiting for a lock held elsewhere: retries back off (doubling, jittered) up to this gap. Default 100 ms. */
  readonly retryMaxMs?: number;
  readonly logger?: FieldLogger;
}

export const DEFAULT_LOCK_TTL_MS = 15_000;

/**
 * `AccountLock` shared by every instance through Redis: a lease `SET key token NX PX ttlMs`, extended every
 * `ttlMs / 3` while the work runs (compare-and-`PEXPIRE`), and released by compare-and-`DEL`, so an instance never
 * deletes a lease it no longer holds.
 *
 * Waiting: callers in the same instance queue first on a local FIFO mutex per account (they are woken in order
 * at once on release, and only the head of the queue talks to Redis); the head polls Redis with jittered,
 * doubling backoff between `retryMinMs` and `retryMaxMs`. Polling rather than pub/sub wake-ups needs no
 * subscriber connection and cannot miss a notice; a waiter on another instance sees a release within
 * `retryMaxMs`. `acquireTimeoutMs` covers both waits.
 *
 * If the lease cannot be extended (taken, or Redis unreachable until it would have expired), the `signal` passed
 * to the work aborts with a `LockLostError`. Errors of Redis while acquiring are thrown as they are.
 */
export class RedisAccountLock implements AccountLock {
  private readonly lease: RedisLease;
  private readonly keyPrefix: string;
  private readonly acquireTimeoutMs: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly logger: FieldLogger;
  private readonly local = new KeyedMutex();

  constructor(options: RedisAccountLockOptions) {
    this.lease = new RedisLease(options.redis, options.ttlMs ?? DEFAULT_LOCK_TTL_MS);
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? DEFAULT_LOCK_ACQUIRE_TIMEOUT_MS;
    this.retryMinMs = options.retryMinMs ?? 10;
    this.retryMaxMs = Math.max(options.retryMaxMs ?? 100, this.retryMinMs);
    this.logger = options.logger ?? silentLogger;
  }

  /** The Redis key of an account's lock. */
  keyOf(accountId: string): string {
    return `${this.keyPrefix}lock:account:${accountId}`;
  }

  withLock<T>(accountId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const deadlineMs = performance.now() + this.acquireTimeoutMs;
    return this.local.runExclusive(
      accountId,
      async () => {
        const token = randomUUID();
        const leaseUntilMs = await this.acquire(accountId, token, deadlineMs);
        return this.hold(accountId, token, leaseUntilMs, work);
      },
      { ms: this.acquireTimeoutMs, error: () => new LockTimeoutError(accountId, this.acquireTimeoutMs) },
    );
  }

  /** Resolves with the lease's end (monotonic ms) once `token` holds the lock. */
  private async acquire(accountId: string, token: string, deadlineMs: number): Promise<number> {
    const key = this.keyOf(accountId);
    let backoffMs = this.retryMinMs;
    for (;;) {
      const leaseUntilMs = await this.lease.acquire(key, token);
      if (leaseUntilMs !== undefined) return leaseUntilMs;
      const remainingMs = deadlineMs - performance.now();
      if (remainingMs <= 0) throw new LockTimeoutError(accountId, this.acquireTimeoutMs);
      const jitteredMs = this.retryMinMs + Math.random() * (backoffMs - this.retryMinMs);
      await delay(Math.min(remainingMs, jitteredMs));
      backoffMs = Math.min(backoffMs * 2, this.retryMaxMs);
    }
  }

  private async hold<T>(
    accountId: string,
    token: string,
    initialLeaseUntilMs: number,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const key = this.keyOf(accountId);
    const controller = new AbortController();
    let leaseUntilMs = initialLeaseUntilMs;
    let extending = false;
    const lose = (cause: unknown): void => {
      clearInterval(timer);
      this.logger.warn({ accountId, reason: describeError(cause) }, "lost an account lock while holding it");
      controller.abort(new LockLostError(accountId, { cause }));
    };
    const extend = async (): Promise<void> => {
      if (extending || controller.signal.aborted) return;
      extending = true;
      try {
        const extendedUntilMs = await this.lease.extend(key, token);
        if (extendedUntilMs !== undefined) leaseUntilMs = extendedUntilMs;
        else lose(new Error("the lease expired and was taken or deleted"));
      } catch (error) {
        // Redis did not answer: the lease may still stand, until it would have expired.
        if (performance.now() >= leaseUntilMs) lose(error);
      } finally {
        extending = false;
      }
    };
    const timer = setInterval(() => void extend(), Math.max(1, Math.floor(this.lease.ttlMs / 3)));
    try {
      return await work(controller.signal);
    } finally {
      clearInterval(timer);
      await this.release(accountId, key, token);
    }
  }

  private async release(accountId: string, key: string, token: string): Promise<void> {
    try {
      await this.lease.release(key, token);
    } catch (error) {
      // The lease then frees itself after its TTL; the work's own outcome matters more than this failure.
      this.logger.warn({ accountId, error: describeError(error) }, "could not release an account lock");
    }
  }
}
