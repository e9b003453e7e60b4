import { describe, expect, it } from "vitest";
import type { CapacityThresholds } from "../../src/domain/capacity/types.js";
import { InMemoryThresholdStore, type ThresholdStore } from "../../src/services/policy-provider.js";
import { RedisThresholdStore } from "../../src/stores/redis-threshold-store.js";
import { useTestRedis } from "./support/redis.js";

const testRedis = useTestRedis("threshold-store");
const instanceA = testRedis.connect("instance-a");
const instanceB = testRedis.connect("instance-b");

const thresholds: CapacityThresholds = {
  warningUtilization: 0.7,
  criticalUtilization: 0.9,
  warningSeatsLeft: 3,
  criticalSeatsLeft: 1,
};

describe.each([
  { name: "InMemoryThresholdStore", create: (): ThresholdStore => new InMemoryThresholdStore() },
  {
    name: "RedisThresholdStore",
    create: (): ThresholdStore => new RedisThresholdStore({ redis: instanceA, keyPrefix: testRedis.keyPrefix }),
  },
])("$name", ({ create }) => {
  it("returns undefined for an account without thresholds", async () => {
    await expect(create().get("no-such-account")).resolves.toBeUndefined();
  });

  it("returns what was set, per account", async () => {
    const store = create();
    await store.set("acct-a", thresholds);
    await store.set("acct-b", { ...thresholds, warningSeatsLeft: 5 });

    expect(await store.get("acct-a")).toEqual(thresholds);
    expect(await store.get("acct-b")).toEqual({ ...thresholds, warningSeatsLeft: 5 });
  });
});

describe("RedisThresholdStore", () => {
  it("shares thresholds between instances", async () => {
    const storeA = new RedisThresholdStore({ redis: instanceA, keyPrefix: testRedis.keyPrefix });
    const storeB = new RedisThresholdStore({ redis: instanceB, keyPrefix: testRedis.keyPrefix });

    await storeA.set("shared", thresholds);

    expect(await storeB.get("shared")).toEqual(thresholds);
  });
});
