import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context.js";
import { CountedRules } from "../counted-rules.js";
import type { ExtensionListEvent } from "../state.js";
import { bodiesFor } from "./event-filters.js";
import type { SubscriptionRecord, SubscriptionStore } from "./subscription-store.js";
import { WEBHOOK_USER_AGENT, type WebhookClient } from "./webhook-client.js";
import type { WireNotification } from "./wire.js";

/** One notification the emulator meant to deliver to one subscription, and what became of it. */
export interface PushDelivery {
  /** When it was dispatched (the emulator's clock). */
  readonly at: string;
  readonly subscriptionId: string;
  readonly accountId: string;
  readonly transportType: "WebHook" | "WebSocket";
  /** WebHook receiver URL. */
  readonly address?: string;
  /**
   * `delivered`: WebHook receiver answered 2xx, or the frame was written to the WebSocket. `failed`: network error,
   * timeout, non-2xx (`status`), or no open WebSocket. `paused` / `dropped`: suppressed by a control, never sent.
   */
  readonly outcome: "delivered" | "failed" | "paused" | "dropped";
  /** The receiver's HTTP status (WebHook). */
  readonly status?: number;
  readonly error?: string;
  readonly notification: WireNotification;
}

/** Writes a notification frame to a WebSocket connection; false when the connection is gone. */
export type WebSocketSender = (sessionId: string, notification: WireNotification) => boolean;

/** How many deliveries `deliveries` keeps (the oldest go first). */
export const DELIVERY_LOG_SIZE = 500;

/**
 * Turns every Extension List change into notifications for the account's live subscriptions and sends them:
 * WebSocket frames at once, WebHook POSTs in order per subscription (one in flight at a time). Failures are logged,
 * never thrown. Pausing and dropping are test switches (see `PushControls`).
 */
export class PushDispatcher {
  paused = false;
  private readonly log: PushDelivery[] = [];
  /** Notifications to throw away, by subscription id. */
  private readonly drops = new CountedRules<true>();
  private readonly listeners = new Set<(delivery: PushDelivery) => void>();
  /** Tail of each WebHook subscription's delivery chain. */
  private readonly chains = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly store: SubscriptionStore,
    private readonly webhooks: WebhookClient,
    private readonly sendWebSocket: WebSocketSender,
  ) {}

  get deliveries(): readonly PushDelivery[] {
    return this.log;
  }

  clearDeliveries(): void {
    this.log.length = 0;
  }

  onDelivery(listener: (delivery: PushDelivery) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dropNext(count: number, subscriptionId: string | undefined): void {
    this.drops.add(true, count, subscriptionId);
  }

  /** Resolves once no WebHook delivery is in flight (including ones queued while waiting). */
  async settled(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  /** Fans one state change out; runs synchronously inside the state's emit, so dispatch order is change order. */
  handle(event: ExtensionListEvent): void {
    if (this.closed) return;
    const timestamp = this.ctx.now().toISOString();
    for (const subscription of this.store.liveInAccount(event.accountId)) {
      for (const filter of subscription.filters) {
        for (const body of bodiesFor(filter, event)) {
          this.deliver(subscription, {
            uuid: randomUUID(),
            event: filter.uri,
            timestamp,
            subscriptionId: subscription.id,
            ownerId: subscription.owner.extensionId,
            body,
          });
        }
      }
    }
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  private deliver(subscription: SubscriptionRecord, notification: WireNotification): void {
    const { delivery } = subscription;
    const base = {
      at: notification.timestamp,
      subscriptionId: subscription.id,
      accountId: subscription.owner.accountId,
      transportType: delivery.transportType,
      ...(delivery.transportType === "WebHook" ? { address: delivery.address } : {}),
      notification,
    };
    if (this.paused) return this.record({ ...base, outcome: "paused" });
    if (this.drops.take(subscription.id)) return this.record({ ...base, outcome: "dropped" });
    if (delivery.transportType === "WebSocket") {
      const sent = this.sendWebSocket(delivery.sessionId, notification);
      return this.record(
        sent ? { ...base, outcome: "delivered" } : { ...base, outcome: "failed", error: "not connected" },
      );
    }
    const headers: Record<string, string> = {
      "Content-Type": "application/json; charset=UTF-8",
      "User-Agent": WEBHOOK_USER_AGENT,
      ...(delivery.verificationToken === undefined ? {} : { "Verification-Token": delivery.verificationToken }),
    };
    const previous = this.chains.get(subscription.id) ?? Promise.resolve();
    const next = previous.then(async () => {
      // Deleted or expired while queued: RingCentral stops delivering at once.
      if (this.store.get(subscription.id) !== subscription || this.store.isExpired(subscription)) return;
      try {
        const response = await this.webhooks.post(delivery.address, headers, JSON.stringify(notification));
        const ok = response.status >= 200 && response.status < 300;
        this.record({ ...base, outcome: ok ? "delivered" : "failed", status: response.status });
      } catch (error) {
        this.record({ ...base, outcome: "failed", error: (error as Error).message });
      }
    });
    this.chains.set(subscription.id, next);
    void next.finally(() => {
      if (this.chains.get(subscription.id) === next) this.chains.delete(subscription.id);
    });
  }

  private record(delivery: PushDelivery): void {
    if (this.closed) return;
    this.log.push(delivery);
    if (this.log.length > DELIVERY_LOG_SIZE) this.log.splice(0, this.log.length - DELIVERY_LOG_SIZE);
    for (const listener of this.listeners) listener(delivery);
  }
}
