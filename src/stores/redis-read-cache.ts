import type { Redis } from "ioredis";
import { readCacheKeyString, type CachedRead, type ReadCache, type ReadCacheKey } from "../datasources/read-cache.js";
import { DEFAULT_KEY_PREFIX } from "./redis-connection.js";

export interface RedisReadCacheOptions {
  readonly redis: Redis;
  /** Default `headroom:`; keys are `<prefix>read:<accountId>:<resource>`. */
  readonly keyPrefix?: string;
  /**
   * How long Redis keeps an entry after its last write, well past its freshness: the stale fallback must survive
   * an upstream outage, but entries of accounts no longer served must not stay forever. Default 24 h.
   */
  readonly retainMs?: number;
}

export const DEFAULT_READ_CACHE_RETAIN_MS = 24 * 60 * 60_000;

/** The datasource's `ReadCache` shared by every instance: one JSON value per account and resource. */
export class RedisReadCache implements ReadCache {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly retainMs: number;

  constructor(options: RedisReadCacheOptions) {
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.retainMs = options.retainMs ?? DEFAULT_READ_CACHE_RETAIN_MS;
  }

  /** The Redis key of a cache entry. */
  keyOf(key: ReadCacheKey): string {
    return `${this.keyPrefix}read:${readCacheKeyString(key)}`;
  }

  async get<T>(key: ReadCacheKey): Promise<CachedRead<T> | undefined> {
    const json = await this.redis.get(this.keyOf(key));
    return json === null ? undefined : (JSON.parse(json) as CachedRead<T>);
  }

  async set<T>(key: ReadCacheKey, entry: CachedRead<T>): Promise<void> {
    await this.redis.set(this.keyOf(key), JSON.stringify(entry), "PX", this.retainMs);
  }

  async delete(key: ReadCacheKey): Promise<void> {
    await this.redis.del(this.keyOf(key));
  }
}
