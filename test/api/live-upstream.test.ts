import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { CapacityChangesDocument, ExtensionChangesDocument } from "../__generated__/graphql.js";
import { REDIS_URL, redisTestPrefix } from "../support/redis.js";
import { KEYS, SEEDED, startSharedEmulator, startTestServer } from "../support/start-test-server.js";
import { waitFor } from "../support/wait-for.js";
import { subscribe, wsClient } from "../support/ws.js";

const HOUR_MS = 3_600_000;

type SharedEmulator = Awaited<ReturnType<typeof startSharedEmulator>>;

function activeSubscriptions(emulator: SharedEmulator, accountId: string) {
  return emulator.controls.push.subscriptions().filter((s) => s.accountId === accountId && !s.expired);
}

/**
 * The account's one live push subscription, once the watcher that created it has also re-read the extension list
 * (every subscription is followed by a re-read that covers the time before it): from then on, an out-of-band change
 * can only reach Headroom through push.
 */
function pushWatching(emulator: SharedEmulator, accountId: string, replacing?: string) {
  return waitFor(() => {
    const [live, ...others] = activeSubscriptions(emulator, accountId);
    if (!live || others.length > 0 || live.id === replacing) return false;
    const { entries } = emulator.requestLog;
    const created = entries.findIndex(
      (e) => e.operationId === "createSubscription" && (e.responseBody as { id?: string } | undefined)?.id === live.id,
    );
    const reread = entries
      .slice(created + 1)
      .some((e) => e.operationId === "listExtensions" && e.accountId === accountId && e.status === 200);
    return created >= 0 && reread && live;
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("changes made outside Headroom", () => {
  it("arrive within a second through RingCentral's WebSocket push", async () => {
    const emulator = await startSharedEmulator();
    const server = await startTestServer({ upstream: emulator, config: { watch: true, pollIntervalMs: HOUR_MS } });
    await pushWatching(emulator, SEEDED.essentials);
    const changes = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), CapacityChangesDocument, {
      accountId: SEEDED.essentials,
    });
    await changes.next();

    const sentAt = Date.now();
    emulator.controls.addUser(SEEDED.essentials, {
      firstName: "Portal",
      lastName: "Hire",
      email: "portal@bluebird.example",
    });
    const event = (await changes.next()).data!.capacityChanged;
    expect(event).toMatchObject({ cause: "PUSH", capacity: { used: 9, unassigned: 1, available: 1 } });
    expect(Date.now() - sentAt).toBeLessThan(1_000);
  });

  it("arrive through the reconciliation poller when push is lost", async () => {
    const emulator = await startSharedEmulator();
    emulator.controls.push.pause();
    const server = await startTestServer({ upstream: emulator, config: { watch: true, pollIntervalMs: 1_000 } });
    const extensions = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), ExtensionChangesDocument, {
      accountId: SEEDED.essentials,
    });
    const changes = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), CapacityChangesDocument, {
      accountId: SEEDED.essentials,
    });
    await extensions.next();
    await changes.next();

    const [bought] = emulator.controls.buyLicenses(SEEDED.essentials, 2);
    expect((await changes.next()).data!.capacityChanged).toMatchObject({
      cause: "POLL",
      capacity: { used: 8, unassigned: 3 },
    });
    expect((await extensions.next()).data!.extensionChanged).toMatchObject({
      kind: "CREATED",
      cause: "POLL",
      extension: { rcId: bought!.id, status: "Unassigned" },
    });
  });

  it("arrive by WebHook when a public URL is configured, and forged notifications are refused", async () => {
    const emulator = await startSharedEmulator();
    const port = await freePort();
    const server = await startTestServer({
      upstream: emulator,
      config: { watch: true, pollIntervalMs: HOUR_MS, port, publicUrl: `http://127.0.0.1:${port}` },
    });
    const webhook = await pushWatching(emulator, SEEDED.essentials);
    expect(webhook).toMatchObject({
      transportType: "WebHook",
      address: `http://127.0.0.1:${port}/webhooks/ringcentral`,
    });

    const forged = await fetch(`${server.baseUrl}/webhooks/ringcentral`, {
      method: "POST",
      headers: { "content-type": "application/json", "verification-token": "guessed" },
      body: JSON.stringify({
        uuid: "1",
        event: `/restapi/v1.0/account/${SEEDED.essentials}/extension`,
        timestamp: new Date().toISOString(),
        subscriptionId: webhook.id,
        ownerId: "48211231",
        body: { extensions: [{ extensionId: "48211231", eventType: "Delete" }] },
      }),
    });
    expect(forged.status).toBe(403);

    const changes = subscribe(wsClient(server.wsUrl, KEYS.partnerViewer), CapacityChangesDocument, {
      accountId: SEEDED.essentials,
    });
    await changes.next();
    emulator.controls.addUser(SEEDED.essentials, {
      firstName: "Hook",
      lastName: "Hire",
      email: "hook@bluebird.example",
    });
    expect((await changes.next()).data!.capacityChanged).toMatchObject({ cause: "PUSH", capacity: { used: 9 } });
  });
});

describe("ownership across instances", () => {
  it("hands an account's push subscription to the other instance when its owner stops", async () => {
    const emulator = await startSharedEmulator();
    const shared = {
      redisUrl: REDIS_URL,
      redisKeyPrefix: redisTestPrefix(),
      watch: true,
      pollIntervalMs: HOUR_MS,
      leaseTtlMs: 2_000,
    };
    const a = await startTestServer({ upstream: emulator, config: shared });
    const owned = await pushWatching(emulator, SEEDED.essentials);
    const b = await startTestServer({ upstream: emulator, config: shared });
    const onB = subscribe(wsClient(b.wsUrl, KEYS.partnerViewer), CapacityChangesDocument, {
      accountId: SEEDED.essentials,
    });
    await onB.next();
    expect(activeSubscriptions(emulator, SEEDED.essentials)).toHaveLength(1);

    await a.stop();
    await pushWatching(emulator, SEEDED.essentials, owned.id);
    emulator.controls.addUser(SEEDED.essentials, {
      firstName: "After",
      lastName: "Takeover",
      email: "after@bluebird.example",
    });
    expect((await onB.next()).data!.capacityChanged).toMatchObject({ cause: "PUSH", capacity: { used: 9 } });
  });
});
