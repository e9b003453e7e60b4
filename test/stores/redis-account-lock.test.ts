import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { LockLostError } from "../../src/stores/lock-errors.js";
import { RedisAccountLock, type RedisAccountLockOptions } from "../../src/stores/redis-account-lock.js";
import { useTestRedis } from "./support/redis.js";
import { aborted, deferred, waitUntil } from "./support/wait.js";

const testRedis = useTestRedis("redis-account-lock");
const admin = testRedis.connect("admin");

let accountSeq = 0;
const newAccountId = (): string => `account-${++accountSeq}`;

function lockOn(redis: Redis, options: Partial<RedisAccountLockOptions> = {}): RedisAccountLock {
  return new RedisAccountLock({ redis, keyPrefix: testRedis.keyPrefix, ...options });
}

describe("RedisAccountLock", () => {
  it("serializes 30 contenders spread over two instances", async () => {
    const [a, b] = [lockOn(testRedis.connect("instance-a")), lockOn(testRedis.connect("instance-b"))];
    const accountId = newAccountId();
    let inside = 0;
    let maxInside = 0;
    const order: number[] = [];

    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 === 0 ? a : b).withLock(accountId, async () => {
          inside += 1;
          maxInside = Math.max(maxInside, inside);
          await new Promise((resolve) => setTimeout(resolve, 1));
          order.push(i);
          inside -= 1;
        }),
      ),
    );

    expect(maxInside).toBe(1);
    expect(order.sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it("deletes its key when the work is done", async () => {
    const lock = lockOn(admin);
    const accountId = newAccountId();

    await lock.withLock(accountId, async () => expect(await admin.exists(lock.keyOf(accountId))).toBe(1));

    expect(await admin.exists(lock.keyOf(accountId))).toBe(0);
  });

  it("frees the lock of a crashed holder after its TTL", async () => {
    const crashing = testRedis.connect("crashing");
    const holder = lockOn(crashing, { ttlMs: 300 });
    const successor = lockOn(admin, { ttlMs: 300, acquireTimeoutMs: 3_000 });
    const accountId = newAccountId();
    const held = deferred<AbortSignal>();
    const holding = holder.withLock(accountId, async (signal) => {
      held.resolve(signal);
      await aborted(signal);
      return "gave up";
    });
    const holderSignal = await held.promise;

    const crashedAt = Date.now();
    crashing.disconnect();
    const waitedMs = await successor.withLock(accountId, async () => Date.now() - crashedAt);

    expect(waitedMs).toBeGreaterThanOrEqual(200);
    expect(waitedMs).toBeLessThan(2_000);
    await expect(holding).resolves.toBe("gave up");
    expect(holderSignal.reason).toBeInstanceOf(LockLostError);
  });

  it("extends the lease while the work runs longer than the TTL", async () => {
    const lock = lockOn(admin, { ttlMs: 200 });
    const rival = lockOn(testRedis.connect("rival"), { acquireTimeoutMs: 0 });
    const accountId = newAccountId();
    const key = lock.keyOf(accountId);

    const lost = await lock.withLock(accountId, async (signal) => {
      const token = await admin.get(key);
      const since = Date.now();
      // Asserts an absence over time (the lease outlives 3 TTLs), so this loop has to span that time.
      await waitUntil("three TTLs have passed", async () => {
        expect(await admin.get(key)).toBe(token);
        return Date.now() - since > 600;
      });
      await expect(rival.withLock(accountId, async () => "stolen")).rejects.toThrow("Timed out");
      return signal.aborted;
    });

    expect(lost).toBe(false);
  });

  it("aborts the work's signal when the lease is taken by someone else", async () => {
    const lock = lockOn(admin, { ttlMs: 300 });
    const accountId = newAccountId();
    const key = lock.keyOf(accountId);

    const reason = await lock.withLock(accountId, async (signal) => {
      await admin.set(key, "another-instance", "PX", 10_000);
      return aborted(signal);
    });

    expect(reason).toBeInstanceOf(LockLostError);
    expect(reason).toMatchObject({ accountId });
    // Release is compare-and-delete: the other holder's lease stays.
    expect(await admin.get(key)).toBe("another-instance");
  });
});
