import type { ServerResponse } from "node:http";
import type { Capacity } from "../domain/capacity/types.js";
import type { Logger } from "../logger.js";
import type { LeaseManager } from "../stores/lease-manager.js";
import {
  AccountWatch,
  type CapacityWatcherObserver,
  type WatcherDirectory,
  type WatcherProcessor,
} from "./capacity-watcher-account.js";
import {
  openWebSocketChannel,
  WebhookChannel,
  type PushChannelHandlers,
  type PushSource,
} from "./capacity-watcher-push.js";
import { WEBHOOK_PATH, WebhookReceiver, type WebhookRequest } from "./webhook-receiver.js";

export { EXTENSION_LIST_FILTER } from "./capacity-watcher-push.js";
export { WEBHOOK_PATH } from "./webhook-receiver.js";

export interface CapacityWatcherOptions {
  /** Every configured account; the watcher watches those whose lease this instance holds. */
  readonly accountIds: readonly string[];
  /** The datasource: re-reads after a change. */
  readonly directory: WatcherDirectory;
  /** Capacity of an account, for the alert baseline taken when an account is acquired. */
  readonly capacity: { capacityOf(accountId: string): Promise<Capacity> };
  /** `RingCentralPush` (`src/datasources/ringcentral-push.ts`). */
  readonly push: PushSource;
  readonly processor: WatcherProcessor;
  /** Started by `start()` (it must not have been started elsewhere) and stopped by `stop()`. */
  readonly leases: LeaseManager;
  /** How often each owned account is re-read whatever push said. Default 60_000 (1 min). */
  readonly pollIntervalMs?: number;
  /**
   * Where RingCentral reaches this instance, e.g. `https://headroom.example.com`: push then uses WebHook delivery to
   * `<publicUrl>/webhooks/ringcentral` (mount `webhookHandler` there). Unset: WebSocket delivery.
   * Each instance needs its own URL (deliveries for an account must reach the instance owning its subscription).
   */
  readonly publicUrl?: string;
  /** WebHook lifetime requested, in seconds. Default: RingCentral's (604_799, about 7 days). */
  readonly webhookExpiresInSec?: number;
  /** Renew a WebHook subscription this long before it expires. Default 10 % of its lifetime, at least 60_000. */
  readonly renewBeforeMs?: number;
  /** First retry after a failed subscribe or renewal; subscribe retries double up to 300_000. Default 5_000. */
  readonly pushRetryMs?: number;
  /**
   * Resubscribe when push has been found down at consecutive polls for this long (at least two polls): a WebSocket
   * that RingCentral refused to subscribe again after a reconnect stays open with no subscription. Default 30_000.
   */
  readonly resubscribeAfterMs?: number;
  readonly logger: Logger;
  readonly observer?: CapacityWatcherObserver;
  /** Epoch ms; default `Date.now`. Must agree with the push source's clock. */
  readonly now?: () => number;
}

export interface CapacityWatcher {
  /**
   * Handles `POST /webhooks/ringcentral` (WebHook mode): the validation handshake and verified notifications.
   * Mount it before `start()`: RingCentral validates the address while the subscription is created.
   * Reads the body itself; an earlier `express.json()` is fine too. Works as an express handler.
   */
  readonly webhookHandler: (req: WebhookRequest, res: ServerResponse) => void;
  /** Push transport in use. */
  readonly transport: "WebSocket" | "WebHook";
  /** Starts competing for the accounts' leases; each one acquired starts its push subscription and poller. */
  start(): void;
  /**
   * Deletes every push subscription, stops the pollers and releases the leases (another instance then takes
   * over). Idempotent; call before closing the datasource and the stores.
   */
  stop(): Promise<void>;
  /** Accounts this instance watches now (holds the lease of). */
  ownedAccounts(): string[];
}

/**
 * The capacity watcher: keeps capacity live from RingCentral's side. For each account whose lease this
 * instance holds, it subscribes to the Extension List event (WebSocket by default, WebHook when `publicUrl` is
 * set) and polls every `pollIntervalMs` as a safety net for what push never reports (licences bought in the
 * portal, plan changes, lost notifications). Both end in `processor.process(accountId, "PUSH" | "POLL", changes)`,
 * with the changes named by the notification plus those found by diffing the extensions against the last read.
 * Failures are logged and retried; nothing here throws into the process.
 */
export function createCapacityWatcher(options: CapacityWatcherOptions): CapacityWatcher {
  const { logger, push } = options;
  const now = options.now ?? Date.now;
  const observer = guardObserver(options.observer ?? {}, logger);
  const pushRetryMs = options.pushRetryMs ?? 5_000;
  const address =
    options.publicUrl === undefined ? undefined : `${options.publicUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`;
  const transport = address === undefined ? "WebSocket" : "WebHook";
  const watches = new Map<string, AccountWatch>();
  let started = false;
  let stopping: Promise<void> | undefined;

  const receiver = new WebhookReceiver((accountId, notification) => {
    const watch = watches.get(accountId);
    watch?.onNotification(notification);
  }, logger);

  const openPush = (accountId: string) => (handlers: PushChannelHandlers) =>
    address === undefined
      ? openWebSocketChannel(push, accountId, handlers)
      : WebhookChannel.open({
          push,
          receiver,
          accountId,
          address,
          expiresInSec: options.webhookExpiresInSec,
          renewBeforeMs: options.renewBeforeMs,
          retryMs: pushRetryMs,
          now,
          logger,
          handlers,
        });

  return {
    webhookHandler: receiver.handle,
    transport,
    start() {
      if (started) throw new Error("the capacity watcher was started twice");
      started = true;
      options.leases.start(options.accountIds, {
        onAcquired: (accountId) => {
          if (stopping || watches.has(accountId)) return;
          logger.info({ accountId, transport }, "watching RingCentral account");
          const watch = new AccountWatch({
            accountId,
            directory: options.directory,
            capacity: options.capacity,
            processor: options.processor,
            openPush: openPush(accountId),
            transport,
            pollIntervalMs: options.pollIntervalMs ?? 60_000,
            pushRetryMs,
            maxPushRetryMs: 300_000,
            resubscribeAfterMs: options.resubscribeAfterMs ?? 30_000,
            logger,
            observer,
          });
          watches.set(accountId, watch);
          watch.start();
        },
        onLost: async (accountId) => {
          const watch = watches.get(accountId);
          if (!watch) return;
          watches.delete(accountId);
          logger.info({ accountId }, "no longer watching RingCentral account");
          await watch.stop();
        },
      });
    },
    stop() {
      stopping ??= (async () => {
        if (started) await options.leases.stop();
        // Whatever the lease manager did not hand back (it always should).
        await Promise.all([...watches.values()].map((watch) => watch.stop()));
        watches.clear();
      })();
      return stopping;
    },
    ownedAccounts: () => [...watches.keys()],
  };
}

/** The observer's hooks, each made unable to throw into the watcher (a failure is logged). */
function guardObserver(observer: CapacityWatcherObserver, logger: Logger): CapacityWatcherObserver {
  const guarded: Record<string, (event: never) => void> = {};
  for (const [name, hook] of Object.entries(observer) as [string, ((event: never) => void) | undefined][]) {
    if (typeof hook !== "function") continue;
    guarded[name] = (event) => {
      try {
        hook.call(observer, event);
      } catch (error) {
        logger.error(
          { hook: name, error: error instanceof Error ? error.message : "unknown" },
          "watcher observer failed",
        );
      }
    };
  }
  return guarded as CapacityWatcherObserver;
}
