import { setTimeout as delay } from "node:timers/promises";
import type { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { LeaseHandlers } from "../../src/stores/lease-manager.js";
import { InMemoryLeaseManager } from "../../src/stores/memory-lease-manager.js";
import { RedisLeaseManager } from "../../src/stores/redis-lease-manager.js";
import { useTestRedis } from "./support/redis.js";
import { deferred, waitUntil, type Deferred } from "./support/wait.js";

const testRedis = useTestRedis("lease-manager");
const admin = testRedis.connect("admin");
const started: RedisLeaseManager[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((manager) => manager.stop()));
});

const TTL_MS = 300;
let resourceSeq = 0;
const newResourceIds = (count: number): string[] => Array.from({ length: count }, () => `account-${++resourceSeq}`);

/** Records handler calls; `next(event, id)` resolves at the next such call. */
class RecordingHandlers implements LeaseHandlers {
  readonly events: string[] = [];
  private readonly waiters = new Map<string, Deferred<void>>();

  onAcquired(id: string): void {
    this.record(`acquired:${id}`);
  }

  onLost(id: string): void {
    this.record(`lost:${id}`);
  }

  next(event: "acquired" | "lost", id: string): Promise<void> {
    const waiter = deferred();
    this.waiters.set(`${event}:${id}`, waiter);
    return waiter.promise;
  }

  private record(event: string): void {
    this.events.push(event);
    this.waiters.get(event)?.resolve();
    this.waiters.delete(event);
  }
}

function startManager(
  redis: Redis,
  resourceIds: readonly string[],
): { manager: RedisLeaseManager; handlers: RecordingHandlers } {
  const manager = new RedisLeaseManager({ redis, keyPrefix: testRedis.keyPrefix, ttlMs: TTL_MS });
  const handlers = new RecordingHandlers();
  manager.start(resourceIds, handlers);
  started.push(manager);
  return { manager, handlers };
}

describe("RedisLeaseManager", () => {
  it("gives each resource to exactly one of two instances", async () => {
    const ids = newResourceIds(6);
    const a = startManager(testRedis.connect("instance-a"), ids);
    const b = startManager(testRedis.connect("instance-b"), ids);

    await waitUntil("every resource is held", () => ids.every((id) => a.manager.isHeld(id) || b.manager.isHeld(id)));

    for (const id of ids) expect(a.manager.isHeld(id)).not.toBe(b.manager.isHeld(id));
    expect(a.handlers.events.length + b.handlers.events.length).toBe(ids.length);
  });

  it("keeps its leases past the TTL by renewing them", async () => {
    const [id] = newResourceIds(1) as [string];
    const owner = startManager(testRedis.connect("owner"), [id]);
    await waitUntil("the owner holds the lease", () => owner.manager.isHeld(id));
    const other = startManager(testRedis.connect("other"), [id]);

    // Asserting an absence: nothing can signal that a takeover did not happen, so let three TTLs pass.
    await delay(3 * TTL_MS);

    expect(owner.manager.isHeld(id)).toBe(true);
    expect(other.manager.isHeld(id)).toBe(false);
    expect(owner.handlers.events).toEqual([`acquired:${id}`]);
    expect(other.handlers.events).toEqual([]);
  });

  it("hands the resource over when the owner stops", async () => {
    const [id] = newResourceIds(1) as [string];
    const owner = startManager(testRedis.connect("owner"), [id]);
    await waitUntil("the owner holds the lease", () => owner.manager.isHeld(id));
    const other = startManager(testRedis.connect("other"), [id]);
    const takenOver = other.handlers.next("acquired", id);

    await owner.manager.stop();

    expect(owner.handlers.events).toEqual([`acquired:${id}`, `lost:${id}`]);
    expect(owner.manager.isHeld(id)).toBe(false);
    await takenOver;
    expect(other.manager.isHeld(id)).toBe(true);
  });

  it("hands the resource over after the TTL when the owner's connection dies without releasing", async () => {
    const [id] = newResourceIds(1) as [string];
    const dying = testRedis.connect("dying");
    const owner = startManager(dying, [id]);
    await waitUntil("the owner holds the lease", () => owner.manager.isHeld(id));
    const other = startManager(testRedis.connect("other"), [id]);
    const ownerLost = owner.handlers.next("lost", id);
    const takenOver = other.handlers.next("acquired", id);

    const diedAt = Date.now();
    dying.disconnect();
    await takenOver;

    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(TTL_MS / 2);
    await ownerLost;
    expect(owner.manager.isHeld(id)).toBe(false);
  });

  it("calls onLost when another owner took the lease", async () => {
    const [id] = newResourceIds(1) as [string];
    const owner = startManager(admin, [id]);
    await waitUntil("the owner holds the lease", () => owner.manager.isHeld(id));
    const lost = owner.handlers.next("lost", id);

    await admin.set(owner.manager.keyOf(id), "another-instance", "PX", 10_000);
    await lost;

    expect(owner.manager.isHeld(id)).toBe(false);
    await owner.manager.stop();
    expect(await admin.get(owner.manager.keyOf(id))).toBe("another-instance");
  });

  it("deletes its keys on stop", async () => {
    const ids = newResourceIds(3);
    const { manager } = startManager(admin, ids);
    await waitUntil("every lease is held", () => ids.every((id) => manager.isHeld(id)));

    await manager.stop();

    expect(await admin.exists(...ids.map((id) => manager.keyOf(id)))).toBe(0);
  });

  it("refuses a second start", () => {
    const { manager } = startManager(admin, newResourceIds(1));

    expect(() => manager.start([], new RecordingHandlers())).toThrow("twice");
  });
});

describe("InMemoryLeaseManager", () => {
  it("holds every resource from start, and calls onLost for each on stop", async () => {
    const manager = new InMemoryLeaseManager();
    const handlers = new RecordingHandlers();
    const acquired = handlers.next("acquired", "b");

    manager.start(["a", "b"], handlers);
    await acquired;

    expect(manager.isHeld("a") && manager.isHeld("b")).toBe(true);
    await manager.stop();
    expect(handlers.events).toEqual(["acquired:a", "acquired:b", "lost:a", "lost:b"]);
    expect(manager.isHeld("a")).toBe(false);
  });

  it("runs onLost only after a slow onAcquired has finished, and survives a failing handler", async () => {
    const manager = new InMemoryLeaseManager();
    const finishAcquire = deferred();
    const calls: string[] = [];
    manager.start(["a"], {
      onAcquired: async () => {
        calls.push("acquired:start");
        await finishAcquire.promise;
        calls.push("acquired:end");
        throw new Error("subscription failed");
      },
      onLost: () => {
        calls.push("lost");
      },
    });

    const stopping = manager.stop();
    finishAcquire.resolve();
    await stopping;

    expect(calls).toEqual(["acquired:start", "acquired:end", "lost"]);
  });
});
