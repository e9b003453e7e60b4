import type { Redis } from "ioredis";
import { InMemoryReadCache, type ReadCache } from "../datasources/read-cache.js";
import { InMemoryThresholdStore, type ThresholdStore } from "../services/policy-provider.js";
import type { AccountEventStateStore } from "./account-event-state.js";
import type { AccountLock } from "./account-lock.js";
import type { IdempotencyStore } from "./idempotency.js";
import type { LeaseManager } from "./lease-manager.js";
import { InMemoryAccountEventStateStore } from "./memory-account-event-state-store.js";
import { InMemoryAccountLock } from "./memory-account-lock.js";
import { InMemoryIdempotencyStore } from "./memory-idempotency-store.js";
import { InMemoryLeaseManager } from "./memory-lease-manager.js";
import { RedisAccountEventStateStore } from "./redis-account-event-state-store.js";
import { RedisAccountLock } from "./redis-account-lock.js";
import { closeRedisConnection, createRedisConnection, DEFAULT_KEY_PREFIX } from "./redis-connection.js";
import { RedisIdempotencyStore } from "./redis-idempotency-store.js";
import { RedisLeaseManager } from "./redis-lease-manager.js";
import { RedisReadCache } from "./redis-read-cache.js";
import { RedisThresholdStore } from "./redis-threshold-store.js";
import { silentLogger, type FieldLogger } from "../field-logger.js";

export interface StoresOptions {
  /** Redis when set (several instances share state), in-memory otherwise. */
  readonly redisUrl?: string;
  /** Prefix of every Redis key. Default `headroom:`. */
  readonly keyPrefix?: string;
  readonly logger?: FieldLogger;
  /** Redis only. Defaults: lease 15_000 ms; wait 10_000 ms (also in memory). */
  readonly lock?: { readonly ttlMs?: number; readonly acquireTimeoutMs?: number };
  /** Redis only. Defaults: lease 10_000 ms, renewed every ttl/3. */
  readonly leases?: { readonly ttlMs?: number; readonly renewEveryMs?: number };
  /** Redis only: how long cached reads are retained for the stale fallback. Default 24 h. */
  readonly readCacheRetainMs?: number;
}

/** The shared state of the service, in memory or in Redis. Build it once per server. */
export interface Stores {
  readonly kind: "memory" | "redis";
  readonly accountLock: AccountLock;
  readonly idempotency: IdempotencyStore;
  readonly thresholds: ThresholdStore;
  readonly eventState: AccountEventStateStore;
  readonly leases: LeaseManager;
  readonly readCache: ReadCache;
  /** Resolves when the backing store answers (for `/readyz`); rejects otherwise. */
  ping(): Promise<void>;
  /** Stops the lease manager (releasing its leases), then closes the Redis connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * Chooses the implementations: Redis when `redisUrl` is set, in-memory otherwise. With Redis, one connection
 * serves every store (none needs a subscriber connection), and Redis must answer a `PING` before this resolves,
 * so a wrong `REDIS_URL` fails at start-up.
 * @throws the connection error when Redis does not answer.
 */
export async function createStores(options: StoresOptions = {}): Promise<Stores> {
  const logger = options.logger ?? silentLogger;
  if (options.redisUrl === undefined) return createMemoryStores(options, logger);

  const redis = createRedisConnection(options.redisUrl, { name: "headroom-stores", logger });
  try {
    await redis.ping();
  } catch (error) {
    await closeRedisConnection(redis);
    throw error;
  }
  return createRedisStores(redis, options, logger);
}

function createMemoryStores(options: StoresOptions, logger: FieldLogger): Stores {
  const leases = new InMemoryLeaseManager(logger);
  return {
    kind: "memory",
    accountLock: new InMemoryAccountLock({ acquireTimeoutMs: options.lock?.acquireTimeoutMs }),
    idempotency: new InMemoryIdempotencyStore(),
    thresholds: new InMemoryThresholdStore(),
    eventState: new InMemoryAccountEventStateStore(),
    leases,
    readCache: new InMemoryReadCache(),
    ping: async () => undefined,
    close: () => leases.stop(),
  };
}

function createRedisStores(redis: Redis, options: StoresOptions, logger: FieldLogger): Stores {
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const leases = new RedisLeaseManager({ redis, keyPrefix, logger, ...options.leases });
  let closing: Promise<void> | undefined;
  return {
    kind: "redis",
    accountLock: new RedisAccountLock({ redis, keyPrefix, logger, ...options.lock }),
    idempotency: new RedisIdempotencyStore({ redis, keyPrefix }),
    thresholds: new RedisThresholdStore({ redis, keyPrefix }),
    eventState: new RedisAccountEventStateStore({ redis, keyPrefix }),
    leases,
    readCache: new RedisReadCache({ redis, keyPrefix, retainMs: options.readCacheRetainMs }),
    ping: async () => {
      await redis.ping();
    },
    close: () => {
      closing ??= leases.stop().then(() => closeRedisConnection(redis));
      return closing;
    },
  };
}
