import { describe, expect, it } from "vitest";
import {
  CapacityAlertsDocument,
  CapacityChangesDocument,
  CreateUserDocument,
  DeleteUserDocument,
} from "../__generated__/graphql.js";
import { gql } from "../support/gql.js";
import { REDIS_URL, redisTestPrefix } from "../support/redis.js";
import { KEYS, SEEDED, startSharedEmulator, startTestServer } from "../support/start-test-server.js";
import { subscribe, wsClient } from "../support/ws.js";

async function twoInstances() {
  const emulator = await startSharedEmulator();
  const shared = { redisUrl: REDIS_URL, redisKeyPrefix: redisTestPrefix() };
  const a = await startTestServer({ upstream: emulator, config: shared });
  const b = await startTestServer({ upstream: emulator, config: shared });
  return { a, b };
}

describe("two instances sharing Redis", () => {
  it("delivers a change made through instance A to a subscriber on instance B", async () => {
    const { a, b } = await twoInstances();
    const onB = subscribe(wsClient(b.wsUrl, KEYS.partnerViewer), CapacityChangesDocument, {
      accountId: SEEDED.essentials,
    });
    expect((await onB.next()).data!.capacityChanged.initial).toBe(true);

    await gql(a.httpUrl, KEYS.partnerOperator, CreateUserDocument, {
      input: {
        accountId: SEEDED.essentials,
        firstName: "Cross",
        lastName: "Instance",
        email: "x@bluebird.example",
        phoneNumber: "NONE",
      },
    });
    expect((await onB.next()).data!.capacityChanged).toMatchObject({
      cause: "MUTATION",
      capacity: { used: 9, unassigned: 0 },
    });
  });

  it("raises an alert once, not once per instance, and shares the alert baseline", async () => {
    const { a, b } = await twoInstances();
    const onA = subscribe(wsClient(a.wsUrl, KEYS.partnerViewer), CapacityAlertsDocument, { accountId: SEEDED.sandbox });
    const onB = subscribe(wsClient(b.wsUrl, KEYS.partnerViewer), CapacityAlertsDocument, { accountId: SEEDED.sandbox });
    expect((await onA.next()).data!.capacityAlert.kind).toBe("CURRENT");
    expect((await onB.next()).data!.capacityAlert.kind).toBe("CURRENT");

    const created = await gql(b.httpUrl, KEYS.partnerOperator, CreateUserDocument, {
      input: {
        accountId: SEEDED.sandbox,
        firstName: "Last",
        lastName: "Seat",
        email: "last@acme.example",
        phoneNumber: "NONE",
      },
    });
    const [alertOnA, alertOnB] = [(await onA.next()).data!.capacityAlert, (await onB.next()).data!.capacityAlert];
    expect(alertOnA).toEqual(alertOnB);
    expect(alertOnA).toMatchObject({ kind: "RAISED", level: "EXHAUSTED", previousLevel: "CRITICAL" });

    // Deletes alternate between instances; the next alert either sees is the single RESOLVED, no duplicate RAISED.
    const userIds = [created.data!.createUser.user!.rcId, "37439513", "37439512"];
    for (const [i, userId] of userIds.entries()) {
      const deleted = await gql((i % 2 ? a : b).httpUrl, KEYS.partnerOperator, DeleteUserDocument, {
        input: { accountId: SEEDED.sandbox, userId },
      });
      expect(deleted.errors).toBeUndefined();
    }
    expect((await onA.next()).data!.capacityAlert.kind).toBe("RESOLVED");
    expect((await onB.next()).data!.capacityAlert.kind).toBe("RESOLVED");
  });
});
