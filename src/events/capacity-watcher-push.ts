import { randomBytes } from "node:crypto";
import type { PushSubscription, RingCentralPush } from "../datasources/ringcentral-push.js";
import type { WireNotification } from "../datasources/ringcentral.wire.js";
import { NotFoundError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { WebhookReceiver } from "./webhook-receiver.js";

/** The Extension List event filter of the session's own account (REFERENCE.md §8.4). */
export const EXTENSION_LIST_FILTER = "/restapi/v1.0/account/~/extension";

/** What the watcher needs of `RingCentralPush` (see `ringcentral-push.ts`). */
export type PushSource = Pick<
  RingCentralPush,
  "openWebSocket" | "createWebhook" | "renewWebhook" | "deleteSubscription"
>;

export type PushTransport = "WebSocket" | "WebHook";

/** One account's live push subscription, whatever its transport. */
export interface PushChannel {
  readonly transport: PushTransport;
  subscriptionId(): string | null;
  /** False when the channel cannot deliver now (a WebSocket that is down). */
  isAlive(): boolean;
  /** Deletes the subscription and stops everything the channel runs. Never throws. Idempotent. */
  close(): Promise<void>;
}

export interface PushChannelHandlers {
  /** A notification for this account (already verified for WebHook). Must not throw. */
  onNotification(notification: Record<string, unknown>): void;
  /** Delivery may have had a gap (a new WebSocket session, a re-created WebHook): reconcile. */
  onGap(subscriptionId: string | null): void;
  /** A WebHook subscription was renewed. */
  onRenewed?(subscriptionId: string, expiresAtMs: number): void;
}

export async function openWebSocketChannel(
  push: PushSource,
  accountId: string,
  handlers: PushChannelHandlers,
): Promise<PushChannel> {
  const socket = await push.openWebSocket(accountId, [EXTENSION_LIST_FILTER], {
    onNotification: (notification: WireNotification) => {
      if (typeof notification === "object" && notification !== null) {
        handlers.onNotification(notification as unknown as Record<string, unknown>);
      }
    },
    onReconnected: (subscriptionId) => handlers.onGap(subscriptionId),
  });
  return {
    transport: "WebSocket",
    subscriptionId: () => socket.subscriptionId(),
    isAlive: () => socket.isOpen(),
    close: () => socket.close(),
  };
}

export interface WebhookChannelOptions {
  readonly push: PushSource;
  readonly receiver: WebhookReceiver;
  readonly accountId: string;
  /** The full delivery URL, e.g. `https://headroom.example.com/webhooks/ringcentral`. */
  readonly address: string;
  /** Requested lifetime; undefined: RingCentral's default. */
  readonly expiresInSec: number | undefined;
  /** Renew this long before expiry; undefined: 10 % of the lifetime, at least 60 s, at most half of it. */
  readonly renewBeforeMs: number | undefined;
  /** After a failed renewal, try again this long later (or sooner, before expiry). */
  readonly retryMs: number;
  readonly now: () => number;
  readonly logger: Logger;
  readonly handlers: PushChannelHandlers;
}

/** Longest `setTimeout` delay Node honours (about 24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A WebHook subscription kept alive: created with a random verification token, renewed before it expires,
 * created again when RingCentral no longer knows it (expired, deleted, blacklisted), deleted on `close`.
 */
export class WebhookChannel implements PushChannel {
  readonly transport = "WebHook";
  private current: PushSubscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The renewal in flight, awaited by `close` so that no subscription is left behind. */
  private working: Promise<void> = Promise.resolve();

  private constructor(private readonly options: WebhookChannelOptions) {}

  /** Creates the subscription (RingCentral validates `address` first). Throws domain errors. */
  static async open(options: WebhookChannelOptions): Promise<WebhookChannel> {
    const channel = new WebhookChannel(options);
    await channel.create();
    channel.scheduleRenewal();
    return channel;
  }

  subscriptionId(): string | null {
    return this.current?.id ?? null;
  }

  /** RingCentral gives no sign of a WebHook's health but renewals, which replace it when needed. */
  isAlive(): boolean {
    return true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    await this.working;
    const id = this.current?.id;
    if (id === undefined) return;
    this.options.receiver.forget(id);
    try {
      await this.options.push.deleteSubscription(this.options.accountId, id);
    } catch (error) {
      this.options.logger.warn(
        { accountId: this.options.accountId, subscriptionId: id, error: describe(error) },
        "could not delete a RingCentral WebHook subscription; it expires by itself",
      );
    }
  }

  private async create(): Promise<void> {
    const { push, receiver, accountId } = this.options;
    const token = randomBytes(32).toString("base64url");
    const stopExpecting = receiver.expect(accountId, token);
    try {
      const created = await push.createWebhook(accountId, {
        eventFilters: [EXTENSION_LIST_FILTER],
        address: this.options.address,
        verificationToken: token,
        expiresInSec: this.options.expiresInSec,
      });
      receiver.register(created.id, accountId, token);
      this.current = created;
    } finally {
      stopExpecting();
    }
  }

  private scheduleRenewal(): void {
    if (this.closed || !this.current) return;
    const { now } = this.options;
    const renewAt = this.current.expiresAtMs - this.renewBeforeMs(this.current);
    this.arm(renewAt - now(), () => this.renew());
  }

  private arm(delayMs: number, work: () => Promise<void>): void {
    const wait = Math.max(0, delayMs);
    this.timer = setTimeout(
      () => {
        if (this.closed) return;
        if (wait > MAX_TIMER_MS) {
          this.arm(delayMs - MAX_TIMER_MS, work);
          return;
        }
        this.working = work();
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    this.timer.unref();
  }

  /** Renews the subscription; one RingCentral no longer delivers to (gone, blacklisted) is replaced. */
  private async renew(): Promise<void> {
    const { push, receiver, accountId, logger, now } = this.options;
    const previous = this.current;
    try {
      if (previous) {
        let renewed: PushSubscription | undefined;
        try {
          renewed = await push.renewWebhook(accountId, previous.id);
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
        }
        if (renewed?.status === "Active") {
          this.current = renewed;
          this.options.handlers.onRenewed?.(renewed.id, renewed.expiresAtMs);
          this.scheduleRenewal();
          return;
        }
        logger.warn(
          { accountId, subscriptionId: previous.id, status: renewed?.status ?? "gone" },
          "RingCentral WebHook subscription is no longer active; creating a new one",
        );
        receiver.forget(previous.id);
        this.current = undefined;
        await push.deleteSubscription(accountId, previous.id).catch(() => undefined);
      }
      if (this.closed) return;
      await this.create();
      this.options.handlers.onGap(this.current?.id ?? null);
      this.scheduleRenewal();
    } catch (error) {
      const leftMs = this.current ? this.current.expiresAtMs - now() : 0;
      const retryMs = leftMs > 0 ? Math.min(this.options.retryMs, leftMs / 2) : this.options.retryMs;
      logger.warn(
        { accountId, error: describe(error), retryMs },
        "could not renew the RingCentral WebHook subscription",
      );
      if (!this.closed) this.arm(retryMs, () => this.renew());
    }
  }

  private renewBeforeMs(subscription: PushSubscription): number {
    const lifetimeMs = Math.max(0, subscription.expiresAtMs - this.options.now());
    if (this.options.renewBeforeMs !== undefined) return Math.min(this.options.renewBeforeMs, lifetimeMs / 2);
    return Math.min(Math.max(60_000, lifetimeMs / 10), lifetimeMs / 2);
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return "unknown error";
}
