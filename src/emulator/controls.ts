import type { EmulatorContext } from "./context.js";
import type { PushControls } from "./push/push-controls.js";
import type { SeedPlan } from "./seed.js";
import type { ExtensionRecord, NewPerson } from "./state.js";

/** Test and developer switches: portal actions done out of band, and failures to inject. */
export interface EmulatorControls {
  /** Buys licences: each arrives as an `Unassigned` user extension. */
  buyLicenses(accountId: string, count: number): ExtensionRecord[];
  /** Moves the account to another plan (merged into the current one). Existing extensions stay. */
  setPlan(accountId: string, plan: Partial<SeedPlan>): SeedPlan;
  /** Adds a user out of band (as the admin portal would); the cap still applies (throws `EmulatorRuleError`). */
  addUser(accountId: string, person: NewPerson): ExtensionRecord;
  /** Deletes a user out of band, with the same seat rules as the API's delete. */
  removeUser(accountId: string, extensionId: string): void;
  /** Every access token issued so far becomes invalid (401 OAU-128); refresh tokens stay valid. */
  expireTokens(): void;
  /** Forgets every rate-limit window and penalty. */
  resetRateLimits(): void;
  faults: FaultControls;
  /** Push delivery switches (pause, drop, expire, delivery log); installed by the push module's mount. */
  push: PushControls;
}

/**
 * Failures for the next API requests (`/restapi/*`, token endpoint included; never `/emulator/*`). Each
 * `…Next` call queues a rule; a request takes the first queued rule whose `operationId` matches (or that has
 * none), so rules apply in the order they were queued.
 */
export interface FaultControls {
  /** Milliseconds added before every API response (0 turns it off). */
  setLatency(ms: number): void;
  /** The next `count` requests answer `status` (default 503) with a CMN-201 body. */
  failNext(count: number, options?: { status?: number; operationId?: string }): void;
  /** The next `count` requests get their socket destroyed without a response (logged with status 0). */
  resetNext(count: number, options?: { operationId?: string }): void;
  /**
   * The next `count` requests answer 429 CMN-301 with `Retry-After: retryAfterSeconds` (default: the
   * configured penalty, rounded up to seconds). They do not touch the real rate-limit windows.
   */
  rateLimitNext(count: number, options?: { retryAfterSeconds?: number; operationId?: string }): void;
  /** Drops every queued fault and the latency. */
  clear(): void;
}

export function createControls(ctx: EmulatorContext, defaultRetryAfterSeconds: number): EmulatorControls {
  const { state, faults } = ctx;
  return {
    buyLicenses: (accountId, count) => state.buyLicenses(accountId, count),
    setPlan: (accountId, plan) => state.setPlan(accountId, plan),
    addUser: (accountId, person) => state.createExtension(accountId, person),
    removeUser: (accountId, extensionId) => {
      state.deleteExtension(accountId, extensionId);
    },
    expireTokens: () => ctx.tokens.expireAccessTokens(),
    resetRateLimits: () => ctx.rateLimiter.reset(),
    faults: {
      setLatency: (ms) => {
        faults.latencyMs = Math.max(0, ms);
      },
      failNext: (count, options = {}) =>
        faults.add({ kind: "fail", status: options.status ?? 503 }, count, options.operationId),
      resetNext: (count, options = {}) => faults.add({ kind: "reset" }, count, options.operationId),
      rateLimitNext: (count, options = {}) =>
        faults.add(
          { kind: "rateLimit", retryAfterSeconds: options.retryAfterSeconds ?? defaultRetryAfterSeconds },
          count,
          options.operationId,
        ),
      clear: () => faults.clear(),
    },
    push: pushNotMounted(),
  };
}

/** Stands in until the push module's mount replaces it; any use means the emulator was built without push. */
function pushNotMounted(): PushControls {
  const fail = (): never => {
    throw new Error("push notifications are not mounted in this emulator");
  };
  return {
    pause: fail,
    resume: fail,
    isPaused: fail,
    dropNext: fail,
    expireSubscription: fail,
    subscriptions: fail,
    get deliveries(): never {
      return fail();
    },
    clearDeliveries: fail,
    onDelivery: fail,
    settled: fail,
    disconnectWebSockets: fail,
  };
}
