import { describe, expect, it } from "vitest";
import {
  CapacityAlertsDocument,
  CapacityChangesDocument,
  CreateUserDocument,
  DeleteUserDocument,
  ExtensionChangesDocument,
} from "../__generated__/graphql.js";
import { gql } from "../support/gql.js";
import { KEYS, SEEDED, startTestServer, type TestServer } from "../support/start-test-server.js";
import { subscribe, wsClient } from "../support/ws.js";

const createUser = (server: TestServer, accountId: string, email: string, key: string = KEYS.partnerOperator) =>
  gql(server.httpUrl, key, CreateUserDocument, {
    input: { accountId, firstName: "Live", lastName: "Event", email, phoneNumber: "NONE" },
  });

const deleteUser = (server: TestServer, userId: string) =>
  gql(server.httpUrl, KEYS.partnerOperator, DeleteUserDocument, { input: { accountId: SEEDED.sandbox, userId } });

describe("capacityAlert: the seed's story live", () => {
  it("sends the current state, EXHAUSTED when the last seat goes, then RESOLVED when seats come back", async () => {
    const server = await startTestServer();
    const alerts = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), CapacityAlertsDocument, {
      accountId: SEEDED.sandbox,
      minLevel: "WARNING",
    });
    expect((await alerts.next()).data!.capacityAlert).toMatchObject({
      kind: "CURRENT",
      level: "CRITICAL",
      initial: true,
      capacity: { used: 3, limit: 4, available: 1 },
    });

    const created = await createUser(server, SEEDED.sandbox, "last.seat@acme.example");
    expect((await alerts.next()).data!.capacityAlert).toMatchObject({
      kind: "RAISED",
      level: "EXHAUSTED",
      previousLevel: "CRITICAL",
      reason: "NO_SEATS",
      initial: false,
      capacity: { used: 4, available: 0 },
    });

    for (const userId of [created.data!.createUser.user!.rcId, "37439513", "37439512"]) {
      expect((await deleteUser(server, userId)).errors).toBeUndefined();
    }
    expect((await alerts.next()).data!.capacityAlert).toMatchObject({
      kind: "RESOLVED",
      level: "OK",
      // The baseline fell silently through CRITICAL and WARNING on the way down.
      previousLevel: "WARNING",
      capacity: { used: 1, available: 3 },
    });
  });
});

describe("capacityChanged and extensionChanged", () => {
  it("sends the current capacity, then each change a mutation makes", async () => {
    const server = await startTestServer();
    const changes = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), CapacityChangesDocument, {
      accountId: SEEDED.essentials,
    });
    expect((await changes.next()).data!.capacityChanged).toMatchObject({
      rcAccountId: SEEDED.essentials,
      cause: "INITIAL",
      initial: true,
      capacity: { used: 8, unassigned: 1 },
    });
    await createUser(server, SEEDED.essentials, "changed@bluebird.example");
    expect((await changes.next()).data!.capacityChanged).toMatchObject({
      cause: "MUTATION",
      initial: false,
      capacity: { used: 9, unassigned: 0, available: 1, level: "CRITICAL" },
    });
  });

  it("sends a live marker, then the extension a mutation gave to a person", async () => {
    const server = await startTestServer();
    const extensions = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), ExtensionChangesDocument, {
      accountId: SEEDED.essentials,
    });
    expect((await extensions.next()).data!.extensionChanged).toMatchObject({ initial: true, extension: null });
    await createUser(server, SEEDED.essentials, "seat@bluebird.example");
    expect((await extensions.next()).data!.extensionChanged).toMatchObject({
      kind: "ASSIGNED",
      cause: "MUTATION",
      extension: { rcId: "48211239", type: "User", status: "NotActivated", name: "Live Event" },
    });
  });
});

describe("tenancy and authentication over WebSocket", () => {
  it("closes the socket with 4403 without an API key, or with a wrong one", async () => {
    const server = await startTestServer();
    for (const key of [null, "not-a-real-key-at-all"]) {
      const closed = new Promise<number>((resolve) => {
        const client = wsClient(server.wsUrl, key, resolve);
        subscribe(client, CapacityChangesDocument, {})
          .next()
          .catch(() => undefined);
      });
      expect(await closed).toBe(4403);
    }
  });

  it("returns NOT_FOUND for another tenant's account", async () => {
    const server = await startTestServer();
    const foreign = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), CapacityChangesDocument, {
      accountId: SEEDED.licensed,
    });
    const result = await foreign.next();
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.["code"])).toEqual(["NOT_FOUND"]);
  });

  it("never delivers another tenant's events to a tenant-wide subscription", async () => {
    const server = await startTestServer();
    const partner = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), CapacityChangesDocument, {});
    const initial = [await partner.next(), await partner.next()].map((r) => r.data!.capacityChanged.rcAccountId);
    expect(initial).toEqual([SEEDED.sandbox, SEEDED.essentials]);

    await createUser(server, SEEDED.licensed, "foreign@cobalt.example", KEYS.otherOperator);
    await createUser(server, SEEDED.essentials, "own@bluebird.example");
    expect((await partner.next()).data!.capacityChanged).toMatchObject({
      rcAccountId: SEEDED.essentials,
      cause: "MUTATION",
    });
  });
});

describe("shared execution", () => {
  it("keeps tenants apart when they send the identical subscription", async () => {
    const server = await startTestServer();
    const partner = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), CapacityChangesDocument, {});
    const other = subscribe(wsClient(server.wsUrl, KEYS.otherOperator), CapacityChangesDocument, {});
    await partner.next();
    await partner.next();
    expect((await other.next()).data!.capacityChanged.rcAccountId).toBe(SEEDED.licensed);

    await createUser(server, SEEDED.licensed, "shared@cobalt.example", KEYS.otherOperator);
    await createUser(server, SEEDED.essentials, "shared@bluebird.example");
    expect((await other.next()).data!.capacityChanged).toMatchObject({
      rcAccountId: SEEDED.licensed,
      cause: "MUTATION",
    });
    expect((await partner.next()).data!.capacityChanged).toMatchObject({
      rcAccountId: SEEDED.essentials,
      cause: "MUTATION",
    });
  });

  it("executes an event once for many subscribers of one operation", async () => {
    const server = await startTestServer();
    const subscribers = Array.from({ length: 20 }, () =>
      subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), CapacityChangesDocument, { accountId: SEEDED.essentials }),
    );
    await Promise.all(subscribers.map((s) => s.next()));
    const before = server.subscriptionStats();
    expect(before).toMatchObject({ subscribers: 20, groups: 1 });

    await createUser(server, SEEDED.essentials, "once@bluebird.example");
    const events = await Promise.all(subscribers.map((s) => s.next()));
    expect(new Set(events.map((e) => JSON.stringify(e))).size).toBe(1);
    expect(server.subscriptionStats().executions - before.executions).toBe(1);
  });
});

describe("shutdown", () => {
  it("closes live subscriptions with 1001 when the server stops", async () => {
    const server = await startTestServer();
    const closed = new Promise<number>((resolve) => {
      const changes = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer, resolve), CapacityChangesDocument, {
        accountId: SEEDED.sandbox,
      });
      void changes.next().then(() => server.stop());
    });
    expect(await closed).toBe(1001);
  });
});
