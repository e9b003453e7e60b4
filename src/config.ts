import { createHash } from "node:crypto";
import { z } from "zod";
import { DEFAULT_PLAN_CAP_RULES, validatePlanCapRules } from "./domain/capacity/plan.js";
import { validateThresholds } from "./domain/capacity/thresholds.js";
import type { CapacityThresholds, PlanCapRule } from "./domain/capacity/types.js";
import { InvalidInputError } from "./errors.js";

/**
 * Configuration: environment variables, optionally plus a JSON file (`HEADROOM_CONFIG_FILE`) for what does not
 * fit in variables (several accounts, several tenants). `loadConfig` is pure: `main.ts` reads the environment and
 * the file and passes them in. Explicit file values lose to environment variables, which lose to nothing:
 * env beats file beats default.
 */

export type Role = "viewer" | "operator";

export interface ApiKeyConfig {
  /** Hex SHA-256 of the key: keys are never held in plain text. */
  readonly sha256: string;
  readonly role: Role;
}

export interface TenantConfig {
  readonly id: string;
  readonly name: string;
  /** RingCentral account ids this tenant may see. */
  readonly accountIds: readonly string[];
  readonly apiKeys: readonly ApiKeyConfig[];
}

export interface AccountConnectionConfig {
  readonly accountId: string;
  readonly serverUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly jwt: string;
  /** Display name; RingCentral's account resource carries none. */
  readonly name?: string;
}

export interface AccountCapacityConfig {
  /** Operator-set seat limit (they know their contract): beats every derived limit. */
  readonly limit?: number;
  /** false: no plan cap matches and the account has no licence bound either (limit UNLIMITED). Default true. */
  readonly licenseBound?: boolean;
  /** Thresholds until `setCapacityThresholds` stores others. */
  readonly thresholds?: CapacityThresholds;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  /** `demo` starts the embedded emulator with the default seed; `connected` talks to `accounts`. */
  readonly mode: "demo" | "connected";
  /** Demo mode's API key in plain text, printed at start. Generated when not configured. */
  readonly demoApiKey: string | undefined;
  readonly accounts: readonly AccountConnectionConfig[];
  readonly tenants: readonly TenantConfig[];
  readonly capacity: {
    readonly accounts: Readonly<Record<string, AccountCapacityConfig>>;
    /** Plan → user-extension cap rules; RingCentral's exact plan strings are unconfirmed, so they are configuration. */
    readonly planCapRules: readonly PlanCapRule[];
  };
  /** How long reads are served from cache without asking RingCentral. */
  readonly cacheTtlMs: number;
  /** How long a read may wait for rate budget before failing (or serving stale data). */
  readonly rateLimitDeadlineMs: number;
  /** Give up on one RingCentral request after this long; a write's outcome is then unknown and reconciled on retry. */
  readonly upstreamTimeoutMs: number;
  /** How long an idempotency key remembers its first result. */
  readonly idempotencyTtlMs: number;
  /** After an alert for a level, the same level is not alerted again for this long (flapping). */
  readonly alertCooldownMs: number;
  /** Keep capacity live with RingCentral push and the reconciliation poller (off: only our own mutations publish). */
  readonly watch: boolean;
  /** Reconciliation poll per owned account: catches what push missed (portal purchases, plan changes). */
  readonly pollIntervalMs: number;
  /**
   * Public base URL of this instance. Set: RingCentral push arrives by WebHook at `<publicUrl>/webhooks/ringcentral`.
   * Unset: by WebSocket (no inbound connection needed).
   */
  readonly publicUrl: string | undefined;
  /** WebHook subscription lifetime; RingCentral's default (about 7 days) when unset. */
  readonly webhookExpiresInSec: number | undefined;
  /** Renew a WebHook subscription this long before it expires; 10% of its lifetime (at least 60 s) when unset. */
  readonly webhookRenewBeforeMs: number | undefined;
  /** With Redis: how long an instance owns an account's push and poller without renewing; takeover time. */
  readonly leaseTtlMs: number;
  /** The most objects one operation may ask for (`src/schema/query-cost.ts`), on HTTP and WebSocket alike. */
  readonly maxQueryCost: number;
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key and channel: instances sharing it share state. */
  readonly redisKeyPrefix: string;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

/** Thrown by `loadConfig`; the message names the variable or file key at fault. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const roleSchema = z.enum(["viewer", "operator"]);
const thresholdsSchema = z.object({
  warningUtilization: z.number(),
  criticalUtilization: z.number(),
  warningSeatsLeft: z.number().int(),
  criticalSeatsLeft: z.number().int(),
});
const fileSchema = z
  .object({
    accounts: z
      .array(
        z.object({
          accountId: z.string().regex(/^\d+$/, "must be RingCentral's numeric account id"),
          serverUrl: z.url(),
          clientId: z.string().min(1),
          clientSecret: z.string().min(1),
          jwt: z.string().min(1),
          name: z.string().min(1).optional(),
          limit: z.number().int().nonnegative().optional(),
          licenseBound: z.boolean().optional(),
          thresholds: thresholdsSchema.optional(),
        }),
      )
      .default([]),
    tenants: z
      .array(
        z.object({
          id: z.string().min(1),
          name: z.string().min(1),
          accountIds: z.array(z.string()),
          apiKeys: z.array(
            z.union([
              z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), role: roleSchema }),
              z.object({ key: z.string().min(16), role: roleSchema }),
            ]),
          ),
        }),
      )
      .default([]),
    planCapRules: z
      .array(
        z.object({
          match: z.object({
            serverHost: z.string().min(1).optional(),
            edition: z.string().min(1).optional(),
            nameContains: z.string().min(1).optional(),
          }),
          cap: z.number().int().nonnegative(),
          kind: z.enum(["SANDBOX", "PLAN"]),
        }),
      )
      .optional(),
  })
  .strict();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default("127.0.0.1"),
  HEADROOM_DEMO_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  HEADROOM_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  HEADROOM_API_KEY_ROLE: roleSchema.default("operator"),
  HEADROOM_CACHE_TTL_MS: z.coerce.number().int().nonnegative().default(30_000),
  HEADROOM_RATE_LIMIT_DEADLINE_MS: z.coerce.number().int().nonnegative().default(10_000),
  RINGCENTRAL_SERVER_URL: z.url().optional(),
  RINGCENTRAL_CLIENT_ID: z.string().min(1).optional(),
  RINGCENTRAL_CLIENT_SECRET: z.string().min(1).optional(),
  RINGCENTRAL_JWT: z.string().min(1).optional(),
  RINGCENTRAL_ACCOUNT_ID: z.string().regex(/^\d+$/, "must be RingCentral's numeric account id").optional(),
  RINGCENTRAL_ACCOUNT_NAME: z.string().min(1).optional(),
  HEADROOM_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  HEADROOM_IDEMPOTENCY_TTL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60_000),
  HEADROOM_ALERT_COOLDOWN_MS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(5 * 60_000),
  HEADROOM_WATCH: z.enum(["true", "false"]).default("true"),
  HEADROOM_POLL_INTERVAL_MS: z.coerce.number().int().min(1_000).default(60_000),
  HEADROOM_PUBLIC_URL: z.url().optional(),
  HEADROOM_WEBHOOK_EXPIRES_IN_SEC: z.coerce.number().int().positive().optional(),
  HEADROOM_WEBHOOK_RENEW_BEFORE_MS: z.coerce.number().int().positive().optional(),
  HEADROOM_LEASE_TTL_MS: z.coerce.number().int().min(300).default(10_000),
  // A page of 5,000 users with their numbers costs about 15,000 (20,000 with pageInfo): three fit in one operation.
  HEADROOM_MAX_QUERY_COST: z.coerce.number().int().positive().default(50_000),
  REDIS_URL: z.url().optional(),
  REDIS_KEY_PREFIX: z.string().min(1).default("headroom:"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

const ENV_ACCOUNT_VARIABLES = [
  "RINGCENTRAL_SERVER_URL",
  "RINGCENTRAL_CLIENT_ID",
  "RINGCENTRAL_CLIENT_SECRET",
  "RINGCENTRAL_JWT",
  "RINGCENTRAL_ACCOUNT_ID",
] as const;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * Validates and defaults the configuration. Throws `ConfigError` naming the first bad variable or file key.
 * Empty variables count as unset.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, file?: unknown): Config {
  const vars = parseOrThrow(envSchema, withoutEmpty(env), "environment variable");
  const fromFile = parseOrThrow(fileSchema, file ?? {}, "config file key");

  const accounts: AccountConnectionConfig[] = fromFile.accounts.map(
    ({ limit: _limit, licenseBound: _licenseBound, thresholds: _thresholds, ...connection }) => connection,
  );
  const capacityAccounts: Record<string, AccountCapacityConfig> = {};
  fromFile.accounts.forEach(({ accountId, limit, licenseBound, thresholds }, index) => {
    if (thresholds) asConfigError(() => validateThresholds(thresholds, `accounts.${index}.thresholds.`));
    capacityAccounts[accountId] = { limit, licenseBound, thresholds };
  });
  const planCapRules = fromFile.planCapRules
    ? asConfigError(() => validatePlanCapRules(fromFile.planCapRules!, "config file key planCapRules"))
    : DEFAULT_PLAN_CAP_RULES;
  const envAccount = accountFromEnv(vars);
  if (envAccount) accounts.push(envAccount);

  const tenants: TenantConfig[] = fromFile.tenants.map((tenant) => ({
    id: tenant.id,
    name: tenant.name,
    accountIds: tenant.accountIds,
    apiKeys: tenant.apiKeys.map((k) => ({ sha256: "key" in k ? hashApiKey(k.key) : k.sha256, role: k.role })),
  }));
  if (vars.HEADROOM_API_KEY) {
    tenants.push({
      id: "default",
      name: "Default tenant",
      accountIds: accounts.map((a) => a.accountId),
      apiKeys: [{ sha256: hashApiKey(vars.HEADROOM_API_KEY), role: vars.HEADROOM_API_KEY_ROLE }],
    });
  }

  const mode = accounts.length > 0 ? "connected" : "demo";
  if (mode === "connected") {
    if (tenants.length === 0) {
      throw new ConfigError(
        "HEADROOM_API_KEY: required when RingCentral accounts are configured (or tenants in the config file)",
      );
    }
    const known = new Set(accounts.map((a) => a.accountId));
    for (const tenant of tenants) {
      const unknown = tenant.accountIds.find((id) => !known.has(id));
      if (unknown) throw new ConfigError(`tenants[${tenant.id}].accountIds: account ${unknown} is not configured`);
    }
  }

  return {
    port: vars.PORT,
    host: vars.HOST,
    mode,
    demoApiKey: vars.HEADROOM_DEMO_API_KEY,
    accounts,
    tenants,
    capacity: { accounts: capacityAccounts, planCapRules },
    cacheTtlMs: vars.HEADROOM_CACHE_TTL_MS,
    rateLimitDeadlineMs: vars.HEADROOM_RATE_LIMIT_DEADLINE_MS,
    upstreamTimeoutMs: vars.HEADROOM_UPSTREAM_TIMEOUT_MS,
    idempotencyTtlMs: vars.HEADROOM_IDEMPOTENCY_TTL_MS,
    alertCooldownMs: vars.HEADROOM_ALERT_COOLDOWN_MS,
    watch: vars.HEADROOM_WATCH === "true",
    pollIntervalMs: vars.HEADROOM_POLL_INTERVAL_MS,
    publicUrl: vars.HEADROOM_PUBLIC_URL?.replace(/\/+$/, ""),
    webhookExpiresInSec: vars.HEADROOM_WEBHOOK_EXPIRES_IN_SEC,
    webhookRenewBeforeMs: vars.HEADROOM_WEBHOOK_RENEW_BEFORE_MS,
    leaseTtlMs: vars.HEADROOM_LEASE_TTL_MS,
    maxQueryCost: vars.HEADROOM_MAX_QUERY_COST,
    redisUrl: vars.REDIS_URL,
    redisKeyPrefix: vars.REDIS_KEY_PREFIX,
    logLevel: vars.LOG_LEVEL,
  };
}

function accountFromEnv(vars: z.infer<typeof envSchema>): AccountConnectionConfig | undefined {
  const given = ENV_ACCOUNT_VARIABLES.filter((name) => vars[name] !== undefined);
  if (given.length === 0) return undefined;
  const missing = ENV_ACCOUNT_VARIABLES.find((name) => vars[name] === undefined);
  if (missing) throw new ConfigError(`${missing}: required with ${given.join(", ")}`);
  return {
    accountId: vars.RINGCENTRAL_ACCOUNT_ID!,
    serverUrl: vars.RINGCENTRAL_SERVER_URL!,
    clientId: vars.RINGCENTRAL_CLIENT_ID!,
    clientSecret: vars.RINGCENTRAL_CLIENT_SECRET!,
    jwt: vars.RINGCENTRAL_JWT!,
    ...(vars.RINGCENTRAL_ACCOUNT_NAME ? { name: vars.RINGCENTRAL_ACCOUNT_NAME } : {}),
  };
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.join(".") || "(root)";
  // Never echo the received value: it may be a secret.
  throw new ConfigError(`${what} ${path}: ${issue.message}`);
}

/** Domain validation speaks of input fields; at start-up they are configuration. */
function asConfigError<T>(validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    if (error instanceof InvalidInputError) throw new ConfigError(`config file key ${error.message}`);
    throw error;
  }
}

function withoutEmpty(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
  );
}
