import type { Observed } from "../domain/directory.js";

/** What the datasource caches per account. */
export type ReadResource = "account" | "extensions" | "phoneNumbers";

export const readResources: readonly ReadResource[] = ["account", "extensions", "phoneNumbers"];

export interface ReadCacheKey {
  /** RingCentral account id. */
  accountId: string;
  resource: ReadResource;
}

/** The last good read of a resource. JSON-safe, so a shared (Redis) cache can hold it. */
export interface CachedRead<T> {
  observed: Observed<T>;
  /** Epoch ms until which the value is served without asking RingCentral; after it, only as a stale fallback. */
  freshUntilMs: number;
}

/**
 * Storage for cached reads. Entries are kept past their freshness (the stale fallback), so an implementation
 * may evict them only under memory pressure. Values must round-trip through JSON.
 */
export interface ReadCache {
  get<T>(key: ReadCacheKey): Promise<CachedRead<T> | undefined>;
  set<T>(key: ReadCacheKey, entry: CachedRead<T>): Promise<void>;
  delete(key: ReadCacheKey): Promise<void>;
}

export function readCacheKeyString(key: ReadCacheKey): string {
  return `${key.accountId}:${key.resource}`;
}

/**
 * In-process `ReadCache`. Entries are stored as JSON text, as a shared cache would store them: callers get their
 * own copies and cannot change what the next caller reads.
 */
export class InMemoryReadCache implements ReadCache {
  private readonly entries = new Map<string, string>();

  async get<T>(key: ReadCacheKey): Promise<CachedRead<T> | undefined> {
    const text = this.entries.get(readCacheKeyString(key));
    return text === undefined ? undefined : (JSON.parse(text) as CachedRead<T>);
  }

  async set<T>(key: ReadCacheKey, entry: CachedRead<T>): Promise<void> {
    this.entries.set(readCacheKeyString(key), JSON.stringify(entry));
  }

  async delete(key: ReadCacheKey): Promise<void> {
    this.entries.delete(readCacheKeyString(key));
  }
}
