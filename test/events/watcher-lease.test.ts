import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { EventBus } from "../../src/events/pubsub.js";
import { createStores } from "../../src/stores/create-stores.js";
import { RedisLeaseManager } from "../../src/stores/redis-lease-manager.js";
import { ESSENTIALS, startEmulator } from "../support/emulator-server.js";
import { REDIS_URL, redisTestPrefix } from "../support/redis.js";
import {
  collect,
  nextMatching,
  pushReady,
  startWatcherInstance,
  Topic,
  type WatcherInstance,
} from "./watcher-harness.js";

const LEASE_TTL_MS = 500;

const redisClients: Redis[] = [];
afterEach(() => {
  for (const client of redisClients.splice(0)) client.disconnect();
});

/**
 * Two instances sharing Redis leases, stores and (as a Redis bus would) one event bus. The first starts alone and
 * holds the account once it has subscribed; then the second starts competing for it.
 */
async function startPair(emulator: Emulator, options: { holderLeases?: "own-connection" } = {}) {
  const keyPrefix = redisTestPrefix();
  const bus = new EventBus(`${keyPrefix}bus:`);
  const start = async (name: string, leases?: RedisLeaseManager): Promise<WatcherInstance> =>
    startWatcherInstance({
      name,
      emulator,
      accountIds: [ESSENTIALS],
      stores: await createStores({ redisUrl: REDIS_URL, keyPrefix, leases: { ttlMs: LEASE_TTL_MS } }),
      bus,
      ...(leases ? { watcher: { leases } } : {}),
    });
  let holderRedis: Redis | undefined;
  let leases: RedisLeaseManager | undefined;
  if (options.holderLeases === "own-connection") {
    holderRedis = new Redis(REDIS_URL);
    redisClients.push(holderRedis);
    leases = new RedisLeaseManager({ redis: holderRedis, keyPrefix, ttlMs: LEASE_TTL_MS });
  }
  const first = await start("first", leases);
  const subscribed = await pushReady(first.events);
  const second = await start("second");
  return { first, second, subscribed, bus, holderRedis };
}

const liveSubscriptions = (emulator: Emulator) => emulator.controls.push.subscriptions().filter((s) => !s.expired);

describe("capacity watcher ownership across instances (Redis leases)", () => {
  it("lets only the lease holder subscribe to push", async () => {
    const emulator = await startEmulator();
    const { first, second, subscribed } = await startPair(emulator);

    // A lease is SET NX: while the first holds it, the second cannot acquire it at any of its attempts.
    expect(first.watcher.ownedAccounts()).toEqual([ESSENTIALS]);
    expect(second.watcher.ownedAccounts()).toEqual([]);
    expect(liveSubscriptions(emulator)).toEqual([expect.objectContaining({ id: subscribed.subscriptionId })]);
  });

  it("hands the account over when the holder stops, and the new holder receives later changes", async () => {
    const emulator = await startEmulator();
    const { first, second, bus } = await startPair(emulator);

    await first.stop();
    const takeover = await pushReady(second.events);
    const capacityChanged = collect(bus, Topic.CapacityChanged);
    emulator.controls.addUser(ESSENTIALS, { firstName: "Dee", email: "dee@essentials.example" });

    expect(second.watcher.ownedAccounts()).toEqual([ESSENTIALS]);
    expect(liveSubscriptions(emulator).map((s) => s.id)).toEqual([takeover.subscriptionId]);
    expect(await capacityChanged.next()).toMatchObject({ accountId: ESSENTIALS, cause: "PUSH" });
  });

  it("takes over within the lease TTL when the holder loses Redis, and the old holder drops its subscription", async () => {
    const emulator = await startEmulator();
    const { first, second, bus, holderRedis } = await startPair(emulator, { holderLeases: "own-connection" });

    holderRedis!.disconnect();
    await nextMatching(first.events, (e) => e.kind === "pushClosed");
    const takeover = await pushReady(second.events);
    const capacityChanged = collect(bus, Topic.CapacityChanged);
    emulator.controls.addUser(ESSENTIALS, { firstName: "Dee", email: "dee@essentials.example" });

    expect(first.watcher.ownedAccounts()).toEqual([]);
    expect(liveSubscriptions(emulator).map((s) => s.id)).toEqual([takeover.subscriptionId]);
    expect(await capacityChanged.next()).toMatchObject({ accountId: ESSENTIALS, cause: "PUSH" });
  });
});
