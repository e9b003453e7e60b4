import { afterEach } from "vitest";
import { createLogger } from "../../src/logger.js";
import { DEFAULT_PLAN_CAP_RULES } from "../../src/domain/capacity/plan.js";
import { RingCentralPush } from "../../src/datasources/ringcentral-push.js";
import { RingCentralDataSource } from "../../src/datasources/ringcentral.datasource.js";
import type { Emulator } from "../../src/emulator/index.js";
import { AccountChangeProcessor } from "../../src/events/account-change-processor.js";
import {
  createCapacityWatcher,
  type CapacityWatcher,
  type CapacityWatcherOptions,
} from "../../src/events/capacity-watcher.js";
import { EventBus, Topic, type TopicName, type TopicPayloads } from "../../src/events/pubsub.js";
import { CapacityService } from "../../src/services/capacity.service.js";
import { PolicyProvider } from "../../src/services/policy-provider.js";
import { createStores, type Stores } from "../../src/stores/create-stores.js";
import { Inbox } from "../support/emulator-push.js";
// Imported after emulator-push (whose afterEach closes receivers) so that instances stop before the emulator closes.
import "../support/emulator-server.js";

/**
 * One Headroom instance's event side, as `createServer` would build it: datasource and push against the emulator,
 * the real processor and bus, a watcher, and inboxes of everything the watcher reports. Stopped after each test.
 */

const leftovers: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (leftovers.length > 0) await leftovers.pop()?.();
});

export interface WatcherEvent {
  readonly kind: "pushSubscribed" | "pushRenewed" | "pushClosed" | "unknownNotification" | "synced";
  readonly accountId: string;
  readonly subscriptionId?: string | null;
  readonly transport?: string;
  readonly cause?: string;
  readonly expiresAt?: string;
}

export interface WatcherInstance {
  readonly name: string;
  readonly watcher: CapacityWatcher;
  readonly bus: EventBus;
  readonly stores: Stores;
  /** Every observer call, in order. */
  readonly events: Inbox<WatcherEvent>;
  /** Stops the watcher (deleting its push subscriptions, releasing its leases), then everything else. Idempotent. */
  stop(): Promise<void>;
}

export interface WatcherInstanceOptions {
  readonly emulator: Emulator;
  readonly accountIds: readonly string[];
  readonly name?: string;
  readonly stores?: Stores;
  /** Shared by instances in a test, as a Redis bus would be. */
  readonly bus?: EventBus;
  /** Shared inbox for the observer events of several instances (each event then names its instance). */
  readonly events?: Inbox<WatcherEvent & { readonly instance: string }>;
  readonly watcher?: Partial<CapacityWatcherOptions>;
  /** When false, `watcher.start()` is left to the test (e.g. after its HTTP server listens). Default true. */
  readonly start?: boolean;
}

export async function startWatcherInstance(options: WatcherInstanceOptions): Promise<WatcherInstance> {
  const name = options.name ?? "instance";
  const logger = createLogger("silent");
  const stores = options.stores ?? (await createStores());
  const bus = options.bus ?? new EventBus(`watcher-test-${name}:`);
  const datasource = new RingCentralDataSource({
    connections: options.accountIds.map((accountId) => {
      const { clientId, clientSecret, jwt } = options.emulator.state.account(accountId).credentials;
      return { accountId, serverUrl: options.emulator.url, clientId, clientSecret, jwt };
    }),
    cache: stores.readCache,
  });
  const capacity = new CapacityService(
    datasource,
    new PolicyProvider({ accounts: {}, planCapRules: DEFAULT_PLAN_CAP_RULES }, stores.thresholds),
  );
  const processor = new AccountChangeProcessor({
    directory: datasource,
    capacity,
    bus,
    state: stores.eventState,
    lock: stores.accountLock,
    alertPolicy: { cooldownMs: 0 },
    now: () => new Date(),
    logger,
  });
  const events = new Inbox<WatcherEvent>();
  const report = (event: WatcherEvent) => {
    events.push(event);
    options.events?.push({ ...event, instance: name });
  };
  const watcher = createCapacityWatcher({
    accountIds: options.accountIds,
    directory: datasource,
    capacity,
    push: new RingCentralPush(datasource, { closeTimeoutMs: 2_000 }),
    processor,
    leases: stores.leases,
    pollIntervalMs: 60_000,
    logger,
    observer: {
      pushSubscribed: (e) => report({ kind: "pushSubscribed", ...e }),
      pushRenewed: (e) => report({ kind: "pushRenewed", ...e }),
      pushClosed: (e) => report({ kind: "pushClosed", ...e }),
      unknownNotification: (e) => report({ kind: "unknownNotification", ...e }),
      synced: (e) => report({ kind: "synced", accountId: e.accountId, cause: e.cause }),
    },
    ...options.watcher,
  });
  if (options.start !== false) watcher.start();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await watcher.stop();
      await datasource.close();
      await stores.close();
      if (!options.bus) await bus.close();
    })());
  leftovers.push(stop);
  return { name, watcher, bus, stores, events, stop };
}

/** The next event in `inbox` matching `predicate` (earlier non-matching ones are consumed). */
export async function nextMatching<T>(inbox: Inbox<T>, predicate: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await inbox.next();
    if (predicate(value)) return value;
  }
}

/**
 * The next `pushSubscribed` event, returned once the re-read that follows every subscription has finished: a change
 * made after this reaches the watcher through push or the poller, never through that re-read.
 */
export async function pushReady<T extends WatcherEvent>(inbox: Inbox<T>): Promise<T> {
  const event = await nextMatching(inbox, (e) => e.kind === "pushSubscribed");
  await nextMatching(inbox, (e) => e.kind === "synced" && e.accountId === event.accountId);
  return event;
}

/**
 * Collects a bus topic into an inbox from now on (the bus's iterators register on their first `next()`).
 * The subscription ends after the test.
 */
export function collect<T extends TopicName>(bus: EventBus, topic: T): Inbox<TopicPayloads[T]> {
  const inbox = new Inbox<TopicPayloads[T]>();
  const iterator = bus.subscribe(topic);
  const pump = async (): Promise<void> => {
    for (;;) {
      const result = await iterator.next();
      if (result.done) return;
      inbox.push(result.value);
    }
  };
  void pump();
  leftovers.push(async () => {
    await iterator.return?.();
  });
  return inbox;
}

export { Topic };
