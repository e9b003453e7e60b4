import { SDK } from "@ringcentral/sdk";
import { DomainError, UpstreamAuthError, UpstreamRateLimitedError } from "../errors.js";
import type { Clock } from "./clock.js";
import { retryAfterMs, toDomainError, upstreamStatus } from "./error-mapping.js";
import type { FieldLogger } from "../field-logger.js";
import { operationGroups, type OperationId } from "./operations.js";
import { RateBudget } from "./rate-budget.js";

type Platform = ReturnType<SDK["platform"]>;

/** How RingCentral is reached for one account. Secrets stay inside the connection: never logged or reported. */
export interface AccountConnectionConfig {
  /** RingCentral account id (digits). `~` is not allowed: Headroom must know which account it talks to. */
  accountId: string;
  /** RingCentral server, e.g. `https://platform.ringcentral.com`, or the emulator's URL. */
  serverUrl: string;
  clientId: string;
  clientSecret: string;
  /** JWT credential of the account's admin user, exchanged for tokens on login. */
  jwt: string;
  /** Operator-given display name; wins over the name RingCentral knows. */
  name?: string;
}

export interface AccountConnectionDeps {
  clock: Clock;
  logger: FieldLogger;
  /** Gives up on an upstream request (connect to end of body) after this long. */
  requestTimeoutMs: number;
  /** Keeps this connection's token storage apart from every other SDK instance in the process. */
  cachePrefix: string;
  /** Aborts budget waits on close. */
  signal: AbortSignal;
}

/** A 429 is retried (after its `Retry-After`, within the deadline) at most this many times per call. */
const maxRateLimitRetries = 2;

let connectionCount = 0;

/** A unique SDK `cachePrefix` per connection: SDK instances in one process share token storage otherwise. */
export function nextCachePrefix(accountId: string): string {
  connectionCount += 1;
  return `headroom-${process.pid}-${connectionCount}-${accountId}-`;
}

/**
 * One RingCentral account's SDK instance and session: JWT login on first use (one login at a time), a new JWT
 * login when the SDK's refresh fails or a 401 survives its own retry (the SDK never logs in again by itself),
 * the rate budget per group, and the mapping of every failure into a domain error.
 */
export class AccountConnection {
  readonly accountId: string;
  readonly serverUrl: string;
  readonly name: string | null;
  private readonly sdk: SDK;
  private readonly platform: Platform;
  private readonly budget: RateBudget;
  private readonly jwt: string;
  /** Bumped on every successful login: a caller whose session was replaced meanwhile just retries. */
  private sessionGeneration = 0;
  private sessionReady = false;
  private login: Promise<number> | undefined;
  /** Counts the SDK's failed refreshes: a call that saw one lost its session. */
  private refreshFailures = 0;

  constructor(
    config: AccountConnectionConfig,
    private readonly deps: AccountConnectionDeps,
  ) {
    if (!/^[1-9]\d{0,18}$/.test(config.accountId)) {
      throw new Error(`RingCentral accountId must be the account's numeric id, got "${config.accountId}"`);
    }
    this.accountId = config.accountId;
    this.serverUrl = config.serverUrl.replace(/\/+$/, "");
    this.name = config.name ?? null;
    this.jwt = config.jwt;
    this.budget = new RateBudget(deps.clock, deps.signal);
    this.sdk = new SDK({
      server: this.serverUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      appName: "headroom",
      appVersion: "0.1.0",
      cachePrefix: deps.cachePrefix,
      // 429s are ours to handle: the SDK would sleep inside the call, outside the budget and the deadline.
      handleRateLimit: false,
      // node-fetch (the SDK's fetch) reads `timeout` from the request init.
      defaultRequestInit: { timeout: deps.requestTimeoutMs } as RequestInit,
    });
    this.platform = this.sdk.platform();
    this.platform.on(this.platform.events.refreshError, () => {
      this.refreshFailures += 1;
      this.sessionReady = false;
      deps.logger.warn({ accountId: this.accountId }, "RingCentral token refresh failed; the next call logs in again");
    });
    this.platform.on(this.platform.events.refreshSuccess, (response: Response) => {
      this.budget.observe("Auth", response.headers);
    });
  }

  /**
   * Sends one upstream call within the rate budget of its operation's group, logging in first if needed.
   * A call that lost its session (failed refresh, or a 401 after the SDK's retry) logs in again once and is
   * retried once. Throws only domain errors: `UpstreamRateLimitedError` when the budget frees up after
   * `deadlineAt` (epoch ms), `UpstreamAuthError` when RingCentral refuses the credentials, and whatever
   * `toDomainError` makes of other failures.
   */
  async send(
    operation: OperationId,
    call: (platform: Platform) => Promise<Response>,
    deadlineAt: number,
  ): Promise<Response> {
    try {
      const generation = this.sessionReady
        ? this.sessionGeneration
        : await this.logIn(deadlineAt, this.sessionGeneration);
      const refreshFailures = this.refreshFailures;
      try {
        return await this.sendWithinBudget(operation, call, deadlineAt);
      } catch (error) {
        if (!this.lostSession(error, refreshFailures)) throw error;
        this.deps.logger.warn({ accountId: this.accountId, operation }, "RingCentral session lost; logging in again");
        await this.logIn(deadlineAt, generation);
        const refreshFailuresAfterLogin = this.refreshFailures;
        try {
          return await this.sendWithinBudget(operation, call, deadlineAt);
        } catch (retryError) {
          if (!this.lostSession(retryError, refreshFailuresAfterLogin)) throw retryError;
          throw this.authError(operation);
        }
      }
    } catch (error) {
      throw await this.failure(error, operation);
    }
  }

  /** Sends `call` and parses its JSON body. */
  async sendForJson<T>(
    operation: OperationId,
    call: (platform: Platform) => Promise<Response>,
    deadlineAt: number,
  ): Promise<T> {
    const response = await this.send(operation, call, deadlineAt);
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw await toDomainError(error, { accountId: this.accountId, operation });
    }
  }

  /**
   * Whether the server answers HTTP at all (any status below 500), without logging in or spending budget:
   * a GET of `/restapi/v1.0` (RingCentral's unthrottled version resource) without a token.
   */
  async reachable(): Promise<boolean> {
    try {
      await this.platform.send({ method: "GET", url: "/restapi/v1.0", skipAuthCheck: true });
      return true;
    } catch (error) {
      const status = upstreamStatus(error);
      return status !== undefined && status < 500;
    }
  }

  /**
   * Runs `work` with this connection's logged-in SDK, within the budget of `operation`'s group, for clients that
   * wrap the SDK themselves (`@ringcentral/subscriptions`). Their later calls (e.g. a WebSocket's recovery) go
   * through the SDK outside the budget. Throws only domain errors, like `send`.
   */
  async withSdk<T>(operation: OperationId, work: (sdk: SDK) => Promise<T>, deadlineAt: number): Promise<T> {
    try {
      if (!this.sessionReady) await this.logIn(deadlineAt, this.sessionGeneration);
      const release = await this.budget.acquire(operationGroups[operation], deadlineAt);
      try {
        return await work(this.sdk);
      } finally {
        release();
      }
    } catch (error) {
      throw await this.failure(error, operation);
    }
  }

  /** The one mapping of a failed call into a domain error; upstream failures are logged without their bodies. */
  private async failure(error: unknown, operation: OperationId): Promise<DomainError> {
    const mapped = await toDomainError(error, { accountId: this.accountId, operation });
    if (!(error instanceof DomainError)) {
      this.deps.logger.warn(
        { accountId: this.accountId, operation, status: upstreamStatus(error) ?? null, code: mapped.code },
        "RingCentral call failed",
      );
    }
    return mapped;
  }

  /** Forgets the session's tokens. They are not revoked: revoking costs Auth budget and tokens expire anyway. */
  async close(): Promise<void> {
    this.sessionReady = false;
    await this.sdk.cache().clean();
  }

  /** Logs in with the JWT unless a session newer than `staleGeneration` exists; concurrent callers share one login. */
  private logIn(deadlineAt: number, staleGeneration: number): Promise<number> {
    if (this.sessionReady && this.sessionGeneration !== staleGeneration) return Promise.resolve(this.sessionGeneration);
    this.login ??= this.sendWithinBudget("getToken", (platform) => platform.login({ jwt: this.jwt }), deadlineAt)
      .then(
        () => {
          this.sessionGeneration += 1;
          this.sessionReady = true;
          this.deps.logger.info({ accountId: this.accountId }, "logged in to RingCentral");
          return this.sessionGeneration;
        },
        (error: unknown) => {
          if (error instanceof DomainError) throw error;
          const status = upstreamStatus(error);
          // The token endpoint answers bad credentials with 400 (invalid_grant) or 401.
          if (status === 400 || status === 401 || status === 403) {
            this.deps.logger.error({ accountId: this.accountId, status }, "RingCentral refused the JWT login");
            throw this.authError("getToken");
          }
          throw error;
        },
      )
      .finally(() => {
        this.login = undefined;
      });
    return this.login;
  }

  private async sendWithinBudget(
    operation: OperationId,
    call: (platform: Platform) => Promise<Response>,
    deadlineAt: number,
  ): Promise<Response> {
    const group = operationGroups[operation];
    for (let attempt = 0; ; attempt += 1) {
      const release = await this.budget.acquire(group, deadlineAt);
      try {
        const response = await call(this.platform);
        this.budget.observe(group, response.headers);
        return response;
      } catch (error) {
        const response = (error as { response?: Response | null }).response;
        if (response) this.budget.observe(group, response.headers);
        if (response?.status !== 429) throw error;
        const waitMs = retryAfterMs(error);
        this.budget.penalize(group, waitMs);
        this.deps.logger.warn(
          { accountId: this.accountId, operation, group, retryAfterMs: waitMs },
          "RingCentral rate limit hit; holding the group back",
        );
        if (attempt === maxRateLimitRetries) throw new UpstreamRateLimitedError(waitMs);
      } finally {
        release();
      }
    }
  }

  private lostSession(error: unknown, refreshFailuresBefore: number): boolean {
    if (error instanceof DomainError) return false;
    return upstreamStatus(error) === 401 || this.refreshFailures !== refreshFailuresBefore;
  }

  private authError(operation: string): UpstreamAuthError {
    return new UpstreamAuthError(`RingCentral refused Headroom's credentials for account ${this.accountId}`, {
      accountId: this.accountId,
      operation,
    });
  }
}
