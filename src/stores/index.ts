export type { AccountEventState, AccountEventStateStore } from "./account-event-state.js";
export { DEFAULT_LOCK_ACQUIRE_TIMEOUT_MS, type AccountLock, type AccountLockTimeouts } from "./account-lock.js";
export { createStores, type Stores, type StoresOptions } from "./create-stores.js";
export {
  fingerprintOf,
  type IdempotencyOutcome,
  type IdempotencyRecord,
  type IdempotencyStatus,
  type IdempotencyStore,
} from "./idempotency.js";
export type { LeaseHandlers, LeaseManager } from "./lease-manager.js";
export { LockLostError, LockTimeoutError } from "./lock-errors.js";
export { InMemoryAccountEventStateStore } from "./memory-account-event-state-store.js";
export { InMemoryAccountLock } from "./memory-account-lock.js";
export { InMemoryIdempotencyStore, type InMemoryIdempotencyStoreOptions } from "./memory-idempotency-store.js";
export { InMemoryLeaseManager } from "./memory-lease-manager.js";
export {
  RedisAccountEventStateStore,
  type RedisAccountEventStateStoreOptions,
} from "./redis-account-event-state-store.js";
export { DEFAULT_LOCK_TTL_MS, RedisAccountLock, type RedisAccountLockOptions } from "./redis-account-lock.js";
export {
  closeRedisConnection,
  createRedisConnection,
  DEFAULT_KEY_PREFIX,
  type RedisConnectionOptions,
} from "./redis-connection.js";
export { RedisIdempotencyStore, type RedisIdempotencyStoreOptions } from "./redis-idempotency-store.js";
export { DEFAULT_LEASE_TTL_MS, RedisLeaseManager, type RedisLeaseManagerOptions } from "./redis-lease-manager.js";
export { DEFAULT_READ_CACHE_RETAIN_MS, RedisReadCache, type RedisReadCacheOptions } from "./redis-read-cache.js";
export { RedisThresholdStore, type RedisThresholdStoreOptions } from "./redis-threshold-store.js";
export { silentStoreLogger, type StoreLogger } from "./store-logger.js";
