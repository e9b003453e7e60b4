import { describe, expect, it } from "vitest";
import { initialAlertState } from "../../src/domain/capacity/alerts.js";
import type { Capacity } from "../../src/domain/capacity/types.js";
import type { AccountEventState, AccountEventStateStore } from "../../src/stores/account-event-state.js";
import { InMemoryAccountEventStateStore } from "../../src/stores/memory-account-event-state-store.js";
import { RedisAccountEventStateStore } from "../../src/stores/redis-account-event-state-store.js";
import { useTestRedis } from "./support/redis.js";

const testRedis = useTestRedis("account-event-state-store");
const instanceA = testRedis.connect("instance-a");
const instanceB = testRedis.connect("instance-b");

const capacity: Capacity = {
  limit: 4,
  limitSource: "PLAN",
  used: 3,
  unassigned: 0,
  available: 1,
  overLimit: 0,
  utilization: 0.75,
  level: "CRITICAL",
  triggers: [{ reason: "SEATS_LEFT", threshold: 1 }],
  remediation: { kind: "CONTACT_DEVELOPER_SUPPORT", message: "Ask RingCentral developer support." },
  phoneNumbers: { inventory: 2, assigned: 3 },
  thresholds: { warningUtilization: 0.8, criticalUtilization: 0.95, warningSeatsLeft: 2, criticalSeatsLeft: 1 },
  observedAt: "2025-01-01T00:00:00.000Z",
  stale: false,
};

const raised: AccountEventState = {
  alert: { alertedLevel: "CRITICAL", lastRaisedAt: { CRITICAL: "2025-01-01T00:00:00.000Z" } },
  lastCapacity: capacity,
};

/** Two handles on one store, as two instances would have (the same object in memory). */
const implementations: { name: string; create(): [AccountEventStateStore, AccountEventStateStore] }[] = [
  {
    name: "InMemoryAccountEventStateStore",
    create: () => {
      const store = new InMemoryAccountEventStateStore();
      return [store, store];
    },
  },
  {
    name: "RedisAccountEventStateStore",
    create: () => [
      new RedisAccountEventStateStore({ redis: instanceA, keyPrefix: testRedis.keyPrefix }),
      new RedisAccountEventStateStore({ redis: instanceB, keyPrefix: testRedis.keyPrefix }),
    ],
  },
];

let accountSeq = 0;
const newAccountId = (): string => `account-${++accountSeq}`;

/** A counter kept in a field of the alert state, to count applied updates. */
const increment = (current: AccountEventState | undefined): AccountEventState => ({
  alert: initialAlertState(),
  lastCapacity: { ...capacity, used: (current?.lastCapacity?.used ?? 0) + 1 },
});

describe.each(implementations)("$name", ({ create }) => {
  it("returns undefined for an account never evaluated", async () => {
    const [store] = create();

    await expect(store.get(newAccountId())).resolves.toBeUndefined();
  });

  it("returns what another instance set", async () => {
    const [a, b] = create();
    const accountId = newAccountId();

    await a.set(accountId, raised);

    expect(await b.get(accountId)).toEqual(raised);
  });

  it("passes the current state to update and stores its answer", async () => {
    const [store] = create();
    const accountId = newAccountId();
    await store.set(accountId, raised);

    const seen: (AccountEventState | undefined)[] = [];
    const next = await store.update(accountId, (current) => {
      seen.push(current);
      return { alert: { ...raised.alert, alertedLevel: "OK" } };
    });

    expect(seen.at(-1)).toEqual(raised);
    expect(next).toEqual({ alert: { ...raised.alert, alertedLevel: "OK" } });
    expect(await store.get(accountId)).toEqual(next);
  });

  it("applies every one of 40 concurrent updates from two instances", async () => {
    const [a, b] = create();
    const accountId = newAccountId();

    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).update(accountId, increment)));

    expect((await a.get(accountId))?.lastCapacity?.used).toBe(40);
  });
});
