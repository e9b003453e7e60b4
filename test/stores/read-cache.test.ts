import { describe, expect, it } from "vitest";
import {
  InMemoryReadCache,
  type CachedRead,
  type ReadCache,
  type ReadCacheKey,
} from "../../src/datasources/read-cache.js";
import { DEFAULT_READ_CACHE_RETAIN_MS, RedisReadCache } from "../../src/stores/redis-read-cache.js";
import { useTestRedis } from "./support/redis.js";

const testRedis = useTestRedis("read-cache");
const instanceA = testRedis.connect("instance-a");
const instanceB = testRedis.connect("instance-b");

const entry: CachedRead<{ id: string; status: string }[]> = {
  observed: { value: [{ id: "101", status: "Enabled" }], observedAt: "2025-01-01T00:00:00.000Z", stale: false },
  freshUntilMs: 1_735_689_630_000,
};

let accountSeq = 0;
const newKey = (resource: ReadCacheKey["resource"] = "extensions"): ReadCacheKey => ({
  accountId: `account-${++accountSeq}`,
  resource,
});

/** Two handles on one cache, as two instances would have (the same object in memory). */
const implementations: { name: string; create(): [ReadCache, ReadCache] }[] = [
  {
    name: "InMemoryReadCache",
    create: () => {
      const cache = new InMemoryReadCache();
      return [cache, cache];
    },
  },
  {
    name: "RedisReadCache",
    create: () => [
      new RedisReadCache({ redis: instanceA, keyPrefix: testRedis.keyPrefix }),
      new RedisReadCache({ redis: instanceB, keyPrefix: testRedis.keyPrefix }),
    ],
  },
];

describe.each(implementations)("$name", ({ create }) => {
  it("returns undefined for a key never set", async () => {
    const [cache] = create();

    await expect(cache.get(newKey())).resolves.toBeUndefined();
  });

  it("returns an entry set by another instance, past its freshness", async () => {
    const [a, b] = create();
    const key = newKey();

    await a.set(key, entry);

    expect(await b.get(key)).toEqual(entry);
  });

  it("keeps resources of one account apart", async () => {
    const [cache] = create();
    const key = newKey("extensions");

    await cache.set(key, entry);

    await expect(cache.get({ ...key, resource: "phoneNumbers" })).resolves.toBeUndefined();
  });

  it("forgets a deleted entry", async () => {
    const [a, b] = create();
    const key = newKey();
    await a.set(key, entry);

    await b.delete(key);

    await expect(a.get(key)).resolves.toBeUndefined();
  });
});

describe("RedisReadCache", () => {
  it("retains entries for 24 hours by default, so Redis does not grow forever", async () => {
    const cache = new RedisReadCache({ redis: instanceA, keyPrefix: testRedis.keyPrefix });
    const key = newKey();

    await cache.set(key, entry);

    const pttl = await instanceA.pttl(cache.keyOf(key));
    expect(pttl).toBeGreaterThan(DEFAULT_READ_CACHE_RETAIN_MS - 60_000);
    expect(pttl).toBeLessThanOrEqual(DEFAULT_READ_CACHE_RETAIN_MS);
  });
});
