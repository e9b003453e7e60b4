import { describe, expect, it } from "vitest";
import { createStores } from "../../src/stores/create-stores.js";
import { TEST_REDIS_URL, useTestRedis } from "./support/redis.js";

const testRedis = useTestRedis("create-stores");
const admin = testRedis.connect("admin");

const thresholds = { warningUtilization: 0.8, criticalUtilization: 0.95, warningSeatsLeft: 2, criticalSeatsLeft: 1 };

describe("createStores", () => {
  it("builds in-memory stores without a Redis URL", async () => {
    const stores = await createStores();

    expect(stores.kind).toBe("memory");
    await stores.ping();
    await expect(stores.accountLock.withLock("a", async () => "locked")).resolves.toBe("locked");
    await stores.close();
  });

  it("builds Redis stores that keep every key under the prefix and share state between instances", async () => {
    const first = await createStores({ redisUrl: TEST_REDIS_URL, keyPrefix: testRedis.keyPrefix });
    const second = await createStores({ redisUrl: TEST_REDIS_URL, keyPrefix: testRedis.keyPrefix });

    await first.thresholds.set("acct-1", thresholds);
    await first.idempotency.claim("tenant:acct-1:k", "fp", 60_000);
    await first.eventState.set("acct-1", { alert: { alertedLevel: "OK", lastRaisedAt: {} } });
    await first.readCache.set(
      { accountId: "acct-1", resource: "account" },
      { observed: { value: {}, observedAt: "2025-01-01T00:00:00.000Z", stale: false }, freshUntilMs: 0 },
    );

    expect(first.kind).toBe("redis");
    expect(await second.thresholds.get("acct-1")).toEqual(thresholds);
    expect(await second.idempotency.get("tenant:acct-1:k")).toMatchObject({ status: "pending" });
    const keys = await admin.keys(`${testRedis.keyPrefix}*`);
    expect(keys).toHaveLength(4);
    await Promise.all([first.close(), second.close()]);
  });

  it("releases held leases on close", async () => {
    const stores = await createStores({
      redisUrl: TEST_REDIS_URL,
      keyPrefix: testRedis.keyPrefix,
      leases: { ttlMs: 60_000 },
    });
    const acquired = new Promise<void>((resolve) =>
      stores.leases.start(["acct-lease"], { onAcquired: () => resolve(), onLost: () => undefined }),
    );
    await acquired;
    expect(await admin.exists(`${testRedis.keyPrefix}lease:acct-lease`)).toBe(1);

    await stores.close();
    await stores.close();

    expect(await admin.exists(`${testRedis.keyPrefix}lease:acct-lease`)).toBe(0);
  });

  it("rejects at start-up when Redis does not answer", async () => {
    await expect(createStores({ redisUrl: "redis://127.0.0.1:1" })).rejects.toThrow();
  });
});
