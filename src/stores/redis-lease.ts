import { performance } from "node:perf_hooks";
import type { Redis } from "ioredis";
import { runLuaScript } from "./lua-script.js";
import { compareAndDelete, compareAndPexpire } from "./redis-scripts.js";

/**
 * Leases in Redis, held by a token: taken with `SET key token NX PX ttlMs`, extended by compare-and-`PEXPIRE` and
 * released by compare-and-`DEL`, so nobody extends or deletes a lease that has passed to another token.
 * A lease's end is monotonic ms (`performance.now()`) counted from when the command was sent: it surely lasts that
 * long, whenever the answer came.
 */
export class RedisLease {
  constructor(
    private readonly redis: Redis,
    readonly ttlMs: number,
  ) {}

  /** The lease's end if `token` now holds `key`; undefined while another token does. */
  async acquire(key: string, token: string): Promise<number | undefined> {
    const sentAtMs = performance.now();
    const reply = await this.redis.set(key, token, "PX", this.ttlMs, "NX");
    return reply === "OK" ? sentAtMs + this.ttlMs : undefined;
  }

  /** The lease's new end; undefined when `token` no longer holds `key` (it expired, and was taken or deleted). */
  async extend(key: string, token: string): Promise<number | undefined> {
    const sentAtMs = performance.now();
    const extended = await runLuaScript(this.redis, compareAndPexpire, [key], [token, this.ttlMs]);
    return extended === 1 ? sentAtMs + this.ttlMs : undefined;
  }

  /** Ends the lease now if `token` still holds it. */
  async release(key: string, token: string): Promise<void> {
    await runLuaScript(this.redis, compareAndDelete, [key], [token]);
  }
}
