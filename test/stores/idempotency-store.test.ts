import { describe, expect, it } from "vitest";
import { fingerprintOf } from "../../src/json.js";
import type { IdempotencyStore } from "../../src/stores/idempotency.js";
import { InMemoryIdempotencyStore } from "../../src/stores/memory-idempotency-store.js";
import { RedisIdempotencyStore } from "../../src/stores/redis-idempotency-store.js";
import { useTestRedis } from "./support/redis.js";
import { waitUntil } from "./support/wait.js";

const testRedis = useTestRedis("idempotency-store");
const redis = testRedis.connect();

interface Subject {
  readonly store: IdempotencyStore;
  /** Lets a key written with `ttlMs` expire: moves the clock (memory) or waits until Redis dropped it. */
  expire(key: string, ttlMs: number): Promise<void>;
}

const implementations: { name: string; create(): Subject }[] = [
  {
    name: "InMemoryIdempotencyStore",
    create() {
      let nowMs = Date.parse("2025-01-01T00:00:00.000Z");
      return {
        store: new InMemoryIdempotencyStore({ nowMs: () => nowMs }),
        expire: async (_key, ttlMs) => {
          nowMs += ttlMs;
        },
      };
    },
  },
  {
    name: "RedisIdempotencyStore",
    create() {
      const store = new RedisIdempotencyStore({ redis, keyPrefix: testRedis.keyPrefix });
      return {
        store,
        expire: (key) => waitUntil(`${key} expired`, async () => (await redis.exists(store.keyOf(key))) === 0),
      };
    },
  },
];

const TTL_MS = 60_000;
const SHORT_TTL_MS = 50;
let keySeq = 0;
const newKey = (): string => `tenant-1:account-1:key-${++keySeq}`;

describe.each(implementations)("$name", ({ create }) => {
  it("claims a fresh key: resolves undefined and records it as pending", async () => {
    const { store } = create();
    const key = newKey();

    await expect(store.claim(key, "fp-1", TTL_MS)).resolves.toBeUndefined();

    expect(await store.get(key)).toMatchObject({ fingerprint: "fp-1", status: "pending" });
  });

  it("answers a second claim with the pending record and changes nothing", async () => {
    const { store } = create();
    const key = newKey();
    await store.claim(key, "fp-1", TTL_MS);

    const second = await store.claim(key, "fp-1", TTL_MS);

    expect(second).toMatchObject({ fingerprint: "fp-1", status: "pending" });
    expect(second?.result).toBeUndefined();
  });

  it("returns the first result to a repeat after complete", async () => {
    const { store } = create();
    const key = newKey();
    const result = { user: { id: "u-1", extensionNumber: "101" } };
    await store.claim(key, "fp-1", TTL_MS);

    await expect(store.complete(key, { fingerprint: "fp-1", status: "succeeded", result }, TTL_MS)).resolves.toBe(true);
    const repeat = await store.claim(key, "fp-1", TTL_MS);

    expect(repeat).toMatchObject({ fingerprint: "fp-1", status: "succeeded", result });
    expect(Date.parse(repeat!.updatedAt)).not.toBeNaN();
  });

  it("shows another fingerprint the first one's record, so the caller can report a conflict", async () => {
    const { store } = create();
    const key = newKey();
    await store.claim(key, "fp-1", TTL_MS);
    await store.complete(key, { fingerprint: "fp-1", status: "succeeded", result: "first" }, TTL_MS);

    const other = await store.claim(key, "fp-2", TTL_MS);

    expect(other).toMatchObject({ fingerprint: "fp-1", status: "succeeded", result: "first" });
  });

  it("refuses to complete a key held by another fingerprint", async () => {
    const { store } = create();
    const key = newKey();
    await store.claim(key, "fp-1", TTL_MS);

    await expect(store.complete(key, { fingerprint: "fp-2", status: "succeeded" }, TTL_MS)).resolves.toBe(false);

    expect(await store.get(key)).toMatchObject({ fingerprint: "fp-1", status: "pending" });
  });

  it("records an unknown outcome", async () => {
    const { store } = create();
    const key = newKey();
    await store.claim(key, "fp-1", TTL_MS);

    await store.complete(key, { fingerprint: "fp-1", status: "outcome-unknown" }, TTL_MS);

    expect(await store.claim(key, "fp-1", TTL_MS)).toMatchObject({ status: "outcome-unknown" });
  });

  it("frees a pending key on release, so a retry can claim it", async () => {
    const { store } = create();
    const key = newKey();
    await store.claim(key, "fp-1", TTL_MS);

    await store.release(key, "fp-1");

    expect(await store.get(key)).toBeUndefined();
    await expect(store.claim(key, "fp-1", TTL_MS)).resolves.toBeUndefined();
  });

  it("keeps the key on release by another fingerprint or after completion", async () => {
    const { store } = create();
    const pending = newKey();
    const done = newKey();
    await store.claim(pending, "fp-1", TTL_MS);
    await store.claim(done, "fp-1", TTL_MS);
    await store.complete(done, { fingerprint: "fp-1", status: "succeeded", result: 1 }, TTL_MS);

    await store.release(pending, "fp-2");
    await store.release(done, "fp-1");

    expect(await store.get(pending)).toMatchObject({ status: "pending" });
    expect(await store.get(done)).toMatchObject({ status: "succeeded", result: 1 });
  });

  it("expires a claim after its TTL", async () => {
    const { store, expire } = create();
    const key = newKey();
    await store.claim(key, "fp-1", SHORT_TTL_MS);

    await expire(key, SHORT_TTL_MS);

    expect(await store.get(key)).toBeUndefined();
    await expect(store.claim(key, "fp-2", TTL_MS)).resolves.toBeUndefined();
  });

  it("expires a completed record after the TTL given to complete", async () => {
    const { store, expire } = create();
    const key = newKey();
    await store.claim(key, "fp-1", TTL_MS);
    await store.complete(key, { fingerprint: "fp-1", status: "succeeded", result: "r" }, SHORT_TTL_MS);
    expect(await store.get(key)).toMatchObject({ status: "succeeded" });

    await expire(key, SHORT_TTL_MS);

    expect(await store.get(key)).toBeUndefined();
  });

  it("hands out copies: changing a returned record changes nothing stored", async () => {
    const { store } = create();
    const key = newKey();
    const result = { ids: ["a"] };
    await store.claim(key, "fp-1", TTL_MS);
    await store.complete(key, { fingerprint: "fp-1", status: "succeeded", result }, TTL_MS);
    result.ids.push("changed by the caller");

    const record = await store.get(key);
    (record!.result as { ids: string[] }).ids.push("changed again");

    expect((await store.get(key))?.result).toEqual({ ids: ["a"] });
  });

  it("lets exactly one of 20 concurrent claims win", async () => {
    const { store } = create();
    const key = newKey();

    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claim(key, `fp-${i}`, TTL_MS)));

    expect(answers.filter((answer) => answer === undefined)).toHaveLength(1);
  });
});

describe("RedisIdempotencyStore", () => {
  it("keeps a TTL on the key after complete", async () => {
    const store = new RedisIdempotencyStore({ redis, keyPrefix: testRedis.keyPrefix });
    const key = newKey();
    await store.claim(key, "fp-1", TTL_MS);

    await store.complete(key, { fingerprint: "fp-1", status: "succeeded" }, 120_000);

    const pttl = await redis.pttl(store.keyOf(key));
    expect(pttl).toBeGreaterThan(60_000);
    expect(pttl).toBeLessThanOrEqual(120_000);
  });
});

describe("InMemoryIdempotencyStore", () => {
  it("drops expired keys nobody reads again", async () => {
    let nowMs = 0;
    const store = new InMemoryIdempotencyStore({ nowMs: () => nowMs });
    for (let i = 0; i < 10; i += 1) await store.claim(`k-${i}`, "fp", 1_000);

    nowMs += 120_000;
    await store.claim("trigger", "fp", 1_000);

    expect(store.size).toBe(1);
  });
});

describe("fingerprintOf", () => {
  it("ignores the order of object keys at every depth", () => {
    expect(fingerprintOf({ a: 1, b: { c: [1, 2], d: "x" } })).toBe(fingerprintOf({ b: { d: "x", c: [1, 2] }, a: 1 }));
  });

  it.each([
    ["a changed value", { a: 1 }, { a: 2 }],
    ["a reordered array", { a: [1, 2] }, { a: [2, 1] }],
    ["an extra key", { a: 1 }, { a: 1, b: null }],
    ["a number vs a string", { a: 1 }, { a: "1" }],
  ])("differs for %s", (_case, left, right) => {
    expect(fingerprintOf(left)).not.toBe(fingerprintOf(right));
  });

  it("treats an undefined property as absent, as JSON does", () => {
    expect(fingerprintOf({ a: 1, b: undefined })).toBe(fingerprintOf({ a: 1 }));
  });

  it("is a sha256 hex digest", () => {
    expect(fingerprintOf({ email: "a@example.com" })).toMatch(/^[0-9a-f]{64}$/);
  });
});
