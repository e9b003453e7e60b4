import type { Redis } from "ioredis";
import type { IdempotencyOutcome, IdempotencyRecord, IdempotencyStore } from "./idempotency.js";
import { runLuaScript } from "./lua-script.js";
import { DEFAULT_KEY_PREFIX } from "./redis-connection.js";
import { deletePendingOfFingerprint, setIfSameFingerprint } from "./redis-scripts.js";

export interface RedisIdempotencyStoreOptions {
  readonly redis: Redis;
  /** Default `headroom:`; keys are `<prefix>idempotency:<key>`. */
  readonly keyPrefix?: string;
  /** Epoch ms for `updatedAt`. Default `Date.now`. Expiry is Redis's own (`PX`). */
  readonly nowMs?: () => number;
}

/** `IdempotencyStore` shared by every instance: one JSON value per key with `PX` expiry; `claim` is `SET NX`. */
export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly nowMs: () => number;

  constructor(options: RedisIdempotencyStoreOptions) {
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** The Redis key of an idempotency key. */
  keyOf(key: string): string {
    return `${this.keyPrefix}idempotency:${key}`;
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    const json = await this.redis.get(this.keyOf(key));
    return json === null ? undefined : (JSON.parse(json) as IdempotencyRecord);
  }

  async claim(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyRecord | undefined> {
    const json = this.serialize({ fingerprint, status: "pending" });
    // SET NX GET (Redis 7) claims and reads the holder in one round trip, so no window between the two.
    const existing = await this.redis.set(this.keyOf(key), json, "PX", ttlMs, "NX", "GET");
    return existing === null ? undefined : (JSON.parse(existing) as IdempotencyRecord);
  }

  async complete(key: string, outcome: IdempotencyOutcome, ttlMs: number): Promise<boolean> {
    const written = await runLuaScript(
      this.redis,
      setIfSameFingerprint,
      [this.keyOf(key)],
      [outcome.fingerprint, this.serialize(outcome), ttlMs],
    );
    return written === 1;
  }

  async release(key: string, fingerprint: string): Promise<void> {
    await runLuaScript(this.redis, deletePendingOfFingerprint, [this.keyOf(key)], [fingerprint]);
  }

  private serialize(fields: Omit<IdempotencyRecord, "updatedAt">): string {
    const record: IdempotencyRecord = { ...fields, updatedAt: new Date(this.nowMs()).toISOString() };
    return JSON.stringify(record);
  }
}
