import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { AccountLock } from "../../src/stores/account-lock.js";
import { LockTimeoutError } from "../../src/stores/lock-errors.js";
import { InMemoryAccountLock } from "../../src/stores/memory-account-lock.js";
import { RedisAccountLock } from "../../src/stores/redis-account-lock.js";
import { useTestRedis } from "./support/redis.js";
import { deferred } from "./support/wait.js";

const testRedis = useTestRedis("account-lock");
const instanceA = testRedis.connect("instance-a");
const instanceB = testRedis.connect("instance-b");

interface LockOptions {
  acquireTimeoutMs?: number;
}

/** `count` locks over one lock space, as `count` callers (or instances) would hold them. */
type LockSpace = (count: number, options?: LockOptions) => AccountLock[];

const implementations: { name: string; locks: LockSpace }[] = [
  {
    name: "InMemoryAccountLock",
    locks: (count, options) => Array<AccountLock>(count).fill(new InMemoryAccountLock(options)),
  },
  {
    name: "RedisAccountLock",
    // Each caller is its own instance, alternating between two connections, so every one contends in Redis.
    locks: (count, options) =>
      Array.from(
        { length: count },
        (_, i) =>
          new RedisAccountLock({
            redis: i % 2 === 0 ? instanceA : instanceB,
            keyPrefix: testRedis.keyPrefix,
            ...options,
          }),
      ),
  },
];

let accountSeq = 0;
const newAccountId = (): string => `account-${++accountSeq}`;

describe.each(implementations)("$name", ({ locks }) => {
  it("never runs two critical sections of one account at once: 30 contenders", async () => {
    const accountId = newAccountId();
    let inside = 0;
    let maxInside = 0;
    let completed = 0;

    await Promise.all(
      locks(30).map((lock) =>
        lock.withLock(accountId, async () => {
          inside += 1;
          maxInside = Math.max(maxInside, inside);
          await delay(2);
          inside -= 1;
          completed += 1;
        }),
      ),
    );

    expect(maxInside).toBe(1);
    expect(completed).toBe(30);
  });

  it("returns what the work returns", async () => {
    const [lock] = locks(1);

    await expect(lock!.withLock(newAccountId(), async () => 42)).resolves.toBe(42);
  });

  it("releases the lock when the work throws", async () => {
    const accountId = newAccountId();
    const [first, second] = locks(2, { acquireTimeoutMs: 2_000 });

    await expect(
      first!.withLock(accountId, async () => {
        throw new Error("upstream refused");
      }),
    ).rejects.toThrow("upstream refused");

    await expect(second!.withLock(accountId, async () => "acquired")).resolves.toBe("acquired");
  });

  it("lets different accounts proceed while one is held", async () => {
    const [first, second] = locks(2, { acquireTimeoutMs: 2_000 });
    const held = deferred();
    const release = deferred();
    const holding = first!.withLock(newAccountId(), async () => {
      held.resolve();
      await release.promise;
    });
    await held.promise;

    await expect(second!.withLock(newAccountId(), async () => "other account")).resolves.toBe("other account");

    release.resolve();
    await holding;
  });

  it("throws LockTimeoutError when the lock stays held past acquireTimeoutMs", async () => {
    const accountId = newAccountId();
    const [first, second] = locks(2, { acquireTimeoutMs: 150 });
    const held = deferred();
    const release = deferred();
    const holding = first!.withLock(accountId, async () => {
      held.resolve();
      await release.promise;
    });
    await held.promise;

    const waiting = second!.withLock(accountId, async () => "never");

    await expect(waiting).rejects.toBeInstanceOf(LockTimeoutError);
    await expect(waiting).rejects.toMatchObject({ accountId, waitedMs: 150 });
    release.resolve();
    await holding;
  });
});

describe("InMemoryAccountLock", () => {
  it("keeps no mutex for accounts nobody holds or awaits", async () => {
    const lock = new InMemoryAccountLock({ acquireTimeoutMs: 50 });
    const held = deferred();
    const release = deferred();
    const holding = lock.withLock("busy", async () => {
      held.resolve();
      await release.promise;
    });
    await held.promise;
    await Promise.all(Array.from({ length: 100 }, (_, i) => lock.withLock(`idle-${i}`, async () => undefined)));
    await expect(lock.withLock("busy", async () => undefined)).rejects.toBeInstanceOf(LockTimeoutError);

    expect(lock.activeAccountCount).toBe(1);
    release.resolve();
    await holding;
    expect(lock.activeAccountCount).toBe(0);
  });
});
