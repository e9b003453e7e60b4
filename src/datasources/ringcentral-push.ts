import { Subscriptions } from "@ringcentral/subscriptions";
import { NotFoundError } from "../errors.js";
import { systemClock, type Clock } from "./clock.js";
import { upstreamStatus } from "./error-mapping.js";
import { silentLogger, type FieldLogger } from "../field-logger.js";
import type { RingCentralDataSource } from "./ringcentral.datasource.js";
import type { WireNotification } from "./ringcentral.wire.js";

/** `SubscriptionInfo` (REFERENCE.md §8.1), as far as Headroom reads it. */
interface WireSubscriptionInfo {
  id: string;
  status?: string;
  expirationTime?: string;
  /** Seconds left. */
  expiresIn?: number;
}

/** A WebHook subscription as RingCentral last reported it. */
export interface PushSubscription {
  readonly id: string;
  /** `Active`, or `Blacklisted` (RingCentral stopped delivering: delete and create again). */
  readonly status: string;
  /** When it expires (epoch ms, our clock): from `expiresIn`, else `expirationTime`. */
  readonly expiresAtMs: number;
}

export interface CreateWebhookInput {
  readonly eventFilters: readonly string[];
  /** Where RingCentral POSTs: must answer the `Validation-Token` handshake while the create call is in flight. */
  readonly address: string;
  /** Sent back by RingCentral in the `Verification-Token` header of every notification. */
  readonly verificationToken: string;
  /** Requested lifetime in seconds; RingCentral's default (about 7 days) when absent. */
  readonly expiresInSec?: number;
}

export interface WebSocketPushHandlers {
  /** Every notification envelope of the subscription, as RingCentral sent it (not validated). */
  onNotification(notification: WireNotification): void;
  /**
   * The socket was lost and opened again. `subscriptionId` is the subscription now delivering: a new one when the
   * session could not be recovered, and notifications sent in between are then lost.
   */
  onReconnected?(subscriptionId: string | null): void;
}

/** An open WebSocket subscription. */
export interface WebSocketPush {
  /** The subscription delivering now (it changes when the client subscribes again after a lost connection). */
  subscriptionId(): string | null;
  /** False while the socket is down (the client is reconnecting, or gave up). */
  isOpen(): boolean;
  /** Deletes the subscription (when the socket is open), closes the socket and stops reconnecting. Idempotent. */
  close(): Promise<void>;
}

export interface RingCentralPushOptions {
  /** How long a push call may wait for rate budget before it fails with `UpstreamRateLimitedError`. Default 10_000. */
  readonly rateLimitDeadlineMs?: number;
  /** How long `close()` waits for RingCentral to confirm a WebSocket subscription's deletion. Default 5_000. */
  readonly closeTimeoutMs?: number;
  readonly clock?: Clock;
  readonly logger?: FieldLogger;
}

interface WsSocket {
  readyState: number;
  close(): void;
  terminate?(): void;
  on?(event: "error", listener: (error: Error) => void): unknown;
}

/** `@rc-ex/ws`'s WebSocketExtension, as far as it is used here (`wse` is typed as a narrower interface). */
interface WsExtension {
  ws?: WsSocket;
  subscription?: { subscriptionInfo?: { id?: string } };
  intervalHandle?: NodeJS.Timeout;
  pingServerHandle?: NodeJS.Timeout;
  eventEmitter: { on(event: string, listener: (...args: unknown[]) => void): unknown };
  revoke(): Promise<void>;
  disable(): void;
}

const WS_OPEN = 1;
const subscriptionPath = "/restapi/v1.0/subscription";

/**
 * RingCentral push for the capacity watcher: WebSocket subscriptions through `@ringcentral/subscriptions`, and
 * WebHook subscriptions through the REST API. Every call goes through the account's connection (session, rate
 * budget, error mapping) and throws only domain errors.
 */
export class RingCentralPush {
  private readonly rateLimitDeadlineMs: number;
  private readonly closeTimeoutMs: number;
  private readonly clock: Clock;
  private readonly logger: FieldLogger;

  constructor(
    private readonly datasource: RingCentralDataSource,
    options: RingCentralPushOptions = {},
  ) {
    this.rateLimitDeadlineMs = options.rateLimitDeadlineMs ?? 10_000;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 5_000;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Opens a WebSocket (a ws token, one `Auth` request) and subscribes to `eventFilters` over it. The client
   * reconnects by itself when the socket drops, until `close()`.
   */
  async openWebSocket(
    accountId: string,
    eventFilters: readonly string[],
    handlers: WebSocketPushHandlers,
  ): Promise<WebSocketPush> {
    const connection = this.datasource.connectionOf(accountId);
    return connection.withSdk(
      "authWsToken",
      async (sdk) => {
        const subscriptions = new Subscriptions({ sdk });
        const pending = subscriptions.createSubscription().setEventFilters([...eventFilters]);
        pending.on(pending.events.notification, (event: WireNotification) => handlers.onNotification(event));
        let extension: WsExtension;
        try {
          const subscription = await pending.register();
          extension = subscription.wse as unknown as WsExtension;
          guardNotificationListener(subscription as unknown as RcExSubscription);
          // After a reconnect the client subscribes again from a timer, and rethrows a refusal (e.g. SUB-505) from
          // it: an unhandled rejection that would end the process, and its recovery would stop for good. A refusal
          // leaves no subscription instead, which `isOpen()` reports, so that the watcher replaces the socket.
          const subscribe = subscription.subscribe.bind(subscription);
          subscription.subscribe = async () => {
            try {
              await subscribe();
            } catch (error) {
              subscription.subscriptionInfo = undefined;
              this.logger.warn(
                { accountId, status: upstreamStatus(error) ?? null },
                "RingCentral refused to subscribe again over the WebSocket",
              );
            }
          };
        } catch (error) {
          // register() may have left a socket reconnecting in the background.
          await Promise.all(
            subscriptions.rc.sdkExtensions.map((e) => this.shutDown(accountId, e as unknown as WsExtension)),
          );
          throw error;
        }
        // rc-ex attaches no "error" listener to the sockets it reconnects with: while RingCentral is unreachable,
        // each failed attempt would be an uncaught exception. Failures show up as reconnect events instead.
        const quiet = (socket: unknown) =>
          (socket as WsSocket).on?.("error", (error) =>
            this.logger.debug({ accountId, error: error.message }, "RingCentral WebSocket error"),
          );
        if (extension.ws) quiet(extension.ws);
        extension.eventEmitter.on("newWebSocketObject", quiet);
        const currentId = () => extension.subscription?.subscriptionInfo?.id ?? null;
        for (const event of ["autoRecoverSuccess", "autoRecoverFailed"]) {
          extension.eventEmitter.on(event, () => handlers.onReconnected?.(currentId()));
        }
        extension.eventEmitter.on("autoRecoverError", () => {
          this.logger.warn({ accountId }, "RingCentral WebSocket could not reconnect; retrying");
        });
        let closing: Promise<void> | undefined;
        return {
          subscriptionId: currentId,
          isOpen: () => extension.ws?.readyState === WS_OPEN && currentId() !== null,
          close: () => (closing ??= this.shutDown(accountId, extension)),
        };
      },
      this.deadline(),
    );
  }

  /** Creates a WebHook subscription; RingCentral validates `address` before it answers. */
  async createWebhook(accountId: string, input: CreateWebhookInput): Promise<PushSubscription> {
    const body = {
      eventFilters: [...input.eventFilters],
      deliveryMode: { transportType: "WebHook", address: input.address, verificationToken: input.verificationToken },
      ...(input.expiresInSec !== undefined && { expiresIn: input.expiresInSec }),
    };
    const wire = await this.datasource
      .connectionOf(accountId)
      .sendForJson<WireSubscriptionInfo>(
        "createSubscription",
        (platform) => platform.post(subscriptionPath, body),
        this.deadline(),
      );
    return this.toPushSubscription(wire);
  }

  /** Extends a WebHook subscription's life from now. An expired or unknown one: `NotFoundError`. */
  async renewWebhook(accountId: string, subscriptionId: string): Promise<PushSubscription> {
    const id = assertSubscriptionId(subscriptionId);
    const wire = await this.datasource
      .connectionOf(accountId)
      .sendForJson<WireSubscriptionInfo>(
        "renewSubscription",
        (platform) => platform.post(`${subscriptionPath}/${id}/renew`),
        this.deadline(),
      );
    return this.toPushSubscription(wire);
  }

  /** Deletes a subscription; one that is already gone (expired, unknown) counts as deleted. */
  async deleteSubscription(accountId: string, subscriptionId: string): Promise<void> {
    const id = assertSubscriptionId(subscriptionId);
    try {
      await this.datasource
        .connectionOf(accountId)
        .send("deleteSubscription", (platform) => platform.delete(`${subscriptionPath}/${id}`), this.deadline());
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  private toPushSubscription(wire: WireSubscriptionInfo): PushSubscription {
    const expiresAtMs =
      typeof wire.expiresIn === "number"
        ? this.clock.now() + wire.expiresIn * 1_000
        : Date.parse(wire.expirationTime ?? "");
    if (typeof wire.id !== "string" || !Number.isFinite(expiresAtMs)) {
      throw new Error("RingCentral answered a subscription call without an id or expiry");
    }
    return { id: wire.id, status: wire.status ?? "Active", expiresAtMs };
  }

  /** Ends a WebSocket extension whatever state it is in: nothing of it keeps running afterwards. */
  private async shutDown(accountId: string, extension: WsExtension): Promise<void> {
    // revoke() deletes the subscription over the socket and waits for the answer, which a closed socket never gives.
    if (extension.ws?.readyState !== WS_OPEN) extension.subscription = undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        extension.revoke(),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error("no answer to the subscription delete")), this.closeTimeoutMs);
        }),
      ]);
    } catch (error) {
      this.logger.warn(
        { accountId, error: error instanceof Error ? error.message : "unknown" },
        "could not delete a RingCentral WebSocket subscription; closing the socket anyway",
      );
    } finally {
      clearTimeout(timer);
      clearInterval(extension.intervalHandle);
      clearTimeout(extension.pingServerHandle);
      extension.disable();
      extension.ws?.terminate?.();
    }
  }

  private deadline(): number {
    return this.clock.now() + this.rateLimitDeadlineMs;
  }
}

/** Subscription ids go into URL paths: RingCentral's are UUIDs. */
function assertSubscriptionId(id: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) throw new NotFoundError("No such RingCentral subscription");
  return id;
}

/** `@rc-ex/ws`'s Subscription, as far as the listener guard needs it. */
interface RcExSubscription {
  subscriptionInfo?: { id?: string };
  eventListener: (event: unknown) => void;
  wse: {
    ws?: {
      addEventListener(type: "message", listener: (event: unknown) => void): void;
      removeEventListener(type: "message", listener: (event: unknown) => void): void;
    };
  };
}

/**
 * rc-ex's message listener reads `subscriptionInfo.id` unguarded: a notification arriving while the subscription is
 * being set up (its reply and the first notification in one TCP chunk) or replaced (after a refused re-subscribe)
 * throws from a socket callback: an uncaught exception that ends the process. The guarded listener retries such a
 * notification on the next turn, then drops it (the poller catches the change). rc-ex attaches `eventListener` to
 * each socket it reconnects with, so the guard follows it there too.
 */
function guardNotificationListener(subscription: RcExSubscription): void {
  const original = subscription.eventListener;
  const guarded = (event: unknown): void => {
    if (subscription.subscriptionInfo) return original(event);
    // The reply that sets subscriptionInfo can share a TCP chunk with the first notification, its promise not yet
    // resumed: by the next turn of the event loop it has.
    setImmediate(() => {
      if (subscription.subscriptionInfo) original(event);
    });
  };
  subscription.wse.ws?.removeEventListener("message", original);
  subscription.eventListener = guarded;
  subscription.wse.ws?.addEventListener("message", guarded);
}
