import { readResources, type ReadResource } from "../datasources/read-cache.js";
import type { Capacity } from "../domain/capacity/types.js";
import type { Extension, Observed } from "../domain/directory.js";
import type { Logger } from "../logger.js";
import type { ExtensionChange } from "./account-change-processor.js";
import { diffExtensions, mergeChanges } from "./capacity-watcher-diff.js";
import { describe, type PushChannel, type PushChannelHandlers, type PushTransport } from "./capacity-watcher-push.js";
import { parseExtensionListBody } from "./extension-list-event.js";

/** The reads the watcher makes itself (the datasource). */
export interface WatcherDirectory {
  /** The next read of `resource` asks RingCentral. */
  invalidate(accountId: string, resource: ReadResource): Promise<void>;
  extensions(accountId: string): Promise<Observed<Extension[]>>;
}

/** What the watcher needs of `AccountChangeProcessor`. */
export interface WatcherProcessor {
  process(accountId: string, cause: "PUSH" | "POLL", changes: readonly ExtensionChange[]): Promise<Capacity>;
  ensureBaseline(accountId: string, capacity: Capacity): Promise<void>;
}

/** Hooks for metrics, logs and tests; each is called synchronously and must not throw. */
export interface CapacityWatcherObserver {
  /** A push subscription delivers for the account (again, after a reconnect or a re-creation). */
  pushSubscribed?(event: { accountId: string; transport: PushTransport; subscriptionId: string | null }): void;
  /** A WebHook subscription was renewed until `expiresAt` (ISO-8601). */
  pushRenewed?(event: { accountId: string; subscriptionId: string; expiresAt: string }): void;
  /** The account's push subscription was deleted (lease lost or watcher stopped). */
  pushClosed?(event: { accountId: string; subscriptionId: string | null }): void;
  /** A notification arrived whose body has no known Extension List shape. */
  unknownNotification?(event: { accountId: string }): void;
  /** A re-read finished (`ok` false: it failed and was logged). */
  synced?(event: { accountId: string; cause: "PUSH" | "POLL"; changes: number; ok: boolean }): void;
}

export interface AccountWatchDeps {
  readonly accountId: string;
  readonly directory: WatcherDirectory;
  readonly capacity: { capacityOf(accountId: string): Promise<Capacity> };
  readonly processor: WatcherProcessor;
  readonly openPush: (handlers: PushChannelHandlers) => Promise<PushChannel>;
  readonly transport: PushTransport;
  readonly pollIntervalMs: number;
  /** First retry delay of a failed push subscription; doubles up to `maxPushRetryMs`. */
  readonly pushRetryMs: number;
  readonly maxPushRetryMs: number;
  /** A push channel found down at consecutive polls for this long (and at least two polls) is replaced. */
  readonly resubscribeAfterMs: number;
  readonly logger: Logger;
  readonly observer: CapacityWatcherObserver;
}

interface SyncJob {
  cause: "PUSH" | "POLL";
  changes: ExtensionChange[];
  /** What to re-read; the extensions always are. */
  readonly affects: Set<ReadResource>;
  readonly done: Promise<void>;
  resolve(): void;
}

/**
 * Everything one owned account runs: a baseline read, its push subscription (retried with backoff until it
 * exists, then followed by one re-read that covers the time before it), and the poller. Push and poll both end in
 * `sync`: re-read the extensions, diff them against the last read, and hand the changes to the processor. Syncs run
 * one at a time; those requested meanwhile merge into one.
 */
export class AccountWatch {
  private stopped = false;
  /** The extensions as of the last successful sync; undefined until the baseline read succeeds. */
  private snapshot: Extension[] | undefined;
  private channel: PushChannel | undefined;
  private baselined: Promise<void> = Promise.resolve();
  private opening: Promise<void> = Promise.resolve();
  private pushAttempts = 0;
  /** Consecutive polls that found the push channel down. */
  private deadPolls = 0;
  private pushTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private pending: SyncJob | undefined;

  constructor(private readonly deps: AccountWatchDeps) {}

  get accountId(): string {
    return this.deps.accountId;
  }

  start(): void {
    this.baselined = this.takeBaseline();
    this.opening = this.openPush();
    this.schedulePoll();
  }

  /** Stops polling, deletes the push subscription and waits for the sync in flight. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    clearTimeout(this.pushTimer);
    // A retry timer that fired before `stop` may have started another attempt meanwhile.
    let opening: Promise<void>;
    do {
      opening = this.opening;
      await opening;
    } while (opening !== this.opening);
    const channel = this.channel;
    this.channel = undefined;
    if (channel) {
      const subscriptionId = channel.subscriptionId();
      await channel.close();
      this.deps.observer.pushClosed?.({ accountId: this.accountId, subscriptionId });
    }
    await this.running;
  }

  /**
   * Re-reads `affects` (default: everything) once the sync in flight (if any) is done. Requests made before it
   * starts merge into one: the cause is PUSH if any of them was; changes and resources are unions. Resolves when
   * it is done; never rejects.
   */
  requestSync(
    cause: "PUSH" | "POLL",
    changes: readonly ExtensionChange[],
    affects: readonly ReadResource[] = readResources,
  ): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.pending) {
      if (cause === "PUSH") this.pending.cause = "PUSH";
      this.pending.changes = mergeChanges(changes, this.pending.changes);
      for (const resource of affects) this.pending.affects.add(resource);
      return this.pending.done;
    }
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.pending = { cause, changes: [...changes], affects: new Set(affects), done, resolve };
    this.running ??= this.drain();
    return done;
  }

  /** Called with each notification of the account's subscription (already verified). */
  readonly onNotification = (notification: Record<string, unknown>): void => {
    if (this.stopped) return;
    const event = parseExtensionListBody(notification["body"]);
    if (event === null) {
      this.deps.logger.warn(
        { accountId: this.accountId, event: typeof notification["event"] === "string" ? notification["event"] : null },
        "RingCentral notification with an unknown body; re-reading the account",
      );
      this.deps.observer.unknownNotification?.({ accountId: this.accountId });
    }
    // A body we cannot read may mean anything: re-read everything.
    void this.requestSync("PUSH", event?.changes ?? [], event?.affects);
  };

  private async drain(): Promise<void> {
    while (this.pending && !this.stopped) {
      const job = this.pending;
      this.pending = undefined;
      await this.sync(job);
      job.resolve();
    }
    this.pending?.resolve();
    this.pending = undefined;
    this.running = undefined;
  }

  private async sync({ cause, changes: reported, affects }: SyncJob): Promise<void> {
    const { accountId, directory, processor, logger, observer } = this.deps;
    let changes: readonly ExtensionChange[] = reported;
    try {
      await this.baselined;
      affects.add("extensions");
      await Promise.all([...affects].map((resource) => directory.invalidate(accountId, resource)));
      const fresh = await directory.extensions(accountId);
      if (!fresh.stale && this.snapshot) changes = mergeChanges(reported, diffExtensions(this.snapshot, fresh.value));
      // The processor reads from the cache just refreshed. What a notification cannot have touched is not re-read
      // (the poller re-reads everything).
      await processor.process(accountId, cause, changes);
      if (!fresh.stale) this.snapshot = fresh.value;
      observer.synced?.({ accountId, cause, changes: changes.length, ok: true });
    } catch (error) {
      logger.warn({ accountId, cause, error: describe(error) }, "could not re-read the account after a change");
      observer.synced?.({ accountId, cause, changes: changes.length, ok: false });
    }
  }

  /**
   * The account as it is before push starts: the extensions to diff against, and the capacity as the alert
   * baseline, so that start-up raises no alert for a level the account already had.
   */
  private async takeBaseline(): Promise<void> {
    const { accountId, directory, capacity, processor, logger } = this.deps;
    try {
      const extensions = await directory.extensions(accountId);
      if (!extensions.stale) this.snapshot = extensions.value;
      await processor.ensureBaseline(accountId, await capacity.capacityOf(accountId));
    } catch (error) {
      logger.warn({ accountId, error: describe(error) }, "could not read the account's baseline; the poller will");
    }
  }

  private async openPush(): Promise<void> {
    const { accountId, transport, logger, observer } = this.deps;
    await this.baselined;
    if (this.stopped) return;
    try {
      const channel = await this.deps.openPush({
        onNotification: this.onNotification,
        onGap: (subscriptionId) => {
          if (this.stopped) return;
          logger.info({ accountId, subscriptionId }, "RingCentral push reconnected; reconciling");
          if (subscriptionId !== null) observer.pushSubscribed?.({ accountId, transport, subscriptionId });
          void this.requestSync("POLL", []);
        },
        onRenewed: (subscriptionId, expiresAtMs) => {
          observer.pushRenewed?.({ accountId, subscriptionId, expiresAt: new Date(expiresAtMs).toISOString() });
        },
      });
      if (this.stopped) {
        await channel.close();
        return;
      }
      this.channel = channel;
      this.pushAttempts = 0;
      logger.info({ accountId, transport, subscriptionId: channel.subscriptionId() }, "RingCentral push subscribed");
      observer.pushSubscribed?.({ accountId, transport, subscriptionId: channel.subscriptionId() });
      // A change between the baseline read (maybe from cache) and this moment sent no notification to anyone.
      void this.requestSync("POLL", []);
    } catch (error) {
      this.pushAttempts += 1;
      const retryMs = Math.min(this.deps.maxPushRetryMs, this.deps.pushRetryMs * 2 ** (this.pushAttempts - 1));
      logger.warn({ accountId, transport, error: describe(error), retryMs }, "could not subscribe to RingCentral push");
      if (this.stopped) return;
      this.pushTimer = setTimeout(() => {
        this.opening = this.openPush();
      }, retryMs);
      this.pushTimer.unref();
    }
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      void this.requestSync("POLL", [])
        .then(() => this.checkPush())
        .then(() => this.schedulePoll());
    }, this.deps.pollIntervalMs);
    this.pollTimer.unref();
  }

  /**
   * A channel found down at consecutive polls for `resubscribeAfterMs` (at least two polls) is not coming back by
   * itself (after a refused re-subscribe, a WebSocket stays open with no subscription): close it and subscribe again.
   */
  private async checkPush(): Promise<void> {
    const channel = this.channel;
    if (this.stopped || !channel) return;
    this.deadPolls = channel.isAlive() ? 0 : this.deadPolls + 1;
    if (this.deadPolls < Math.max(2, Math.ceil(this.deps.resubscribeAfterMs / this.deps.pollIntervalMs))) return;
    this.deadPolls = 0;
    this.deps.logger.warn(
      { accountId: this.accountId },
      "RingCentral push has been down since the last poll; resubscribing",
    );
    this.channel = undefined;
    await channel.close();
    this.deps.observer.pushClosed?.({ accountId: this.accountId, subscriptionId: channel.subscriptionId() });
    if (this.stopped) return;
    this.opening = this.openPush();
    await this.opening;
  }
}
