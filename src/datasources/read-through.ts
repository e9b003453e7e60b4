import type { Observed } from "../domain/directory.js";
import { UpstreamRateLimitedError, UpstreamUnavailableError } from "../errors.js";
import type { Clock } from "./clock.js";
import type { FieldLogger } from "../field-logger.js";
import { readCacheKeyString, type ReadCache, type ReadCacheKey } from "./read-cache.js";

/**
 * Cached reads with a freshness TTL, one upstream fetch per key at a time, and the last good value as a
 * fallback when RingCentral cannot answer (rate limit beyond the deadline, 5xx, network error, timeout).
 */
export class ReadThrough {
  private readonly flights = new Map<string, Promise<Observed<unknown>>>();
  /** Bumped by `invalidate`: a fetch that started before an invalidation must not be cached as fresh. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly cache: ReadCache,
    private readonly clock: Clock,
    private readonly cacheTtlMs: number,
    private readonly logger: FieldLogger,
  ) {}

  /**
   * A fresh cached value without any upstream call; else the result of `fetch`, shared by every concurrent caller
   * of the same key; if that fails with an upstream outage or rate limit, the last good value with `stale: true`.
   * Other failures (and outages with nothing cached) are thrown.
   */
  async read<T>(key: ReadCacheKey, fetch: () => Promise<T>): Promise<Observed<T>> {
    const flying = this.flights.get(readCacheKeyString(key));
    if (flying) return this.withFallback(key, flying as Promise<Observed<T>>);
    const cached = await this.cache.get<T>(key);
    if (cached && this.clock.now() < cached.freshUntilMs) return cached.observed;
    return this.withFallback(key, this.fetchOnce(key, fetch));
  }

  /** The last good value of `key`, fresh or not, without any upstream call. */
  async peek<T>(key: ReadCacheKey): Promise<T | undefined> {
    return (await this.cache.get<T>(key))?.observed.value;
  }

  /** The next read of `key` asks RingCentral again; the current value stays as the stale fallback. */
  async invalidate(key: ReadCacheKey): Promise<void> {
    this.forgetFlight(key);
    const cached = await this.cache.get(key);
    if (cached) await this.cache.set(key, { ...cached, freshUntilMs: 0 });
  }

  /**
   * Applies a write RingCentral has confirmed to the cached value, when that value is still fresh, so the next read
   * needs no upstream call (it keeps its `observedAt` and expiry); otherwise the same as `invalidate`.
   */
  async amend<T>(key: ReadCacheKey, change: (value: T) => T): Promise<void> {
    this.forgetFlight(key);
    const cached = await this.cache.get<T>(key);
    if (!cached) return;
    const fresh = this.clock.now() < cached.freshUntilMs;
    await this.cache.set(
      key,
      fresh
        ? { ...cached, observed: { ...cached.observed, value: change(cached.observed.value) } }
        : { ...cached, freshUntilMs: 0 },
    );
  }

  private fetchOnce<T>(key: ReadCacheKey, fetch: () => Promise<T>): Promise<Observed<T>> {
    const id = readCacheKeyString(key);
    const existing = this.flights.get(id);
    if (existing) return existing as Promise<Observed<T>>;
    const generation = this.generation(id);
    const promise = (async (): Promise<Observed<T>> => {
      const value = await fetch();
      const now = this.clock.now();
      const observed: Observed<T> = { value, observedAt: new Date(now).toISOString(), stale: false };
      if (this.generation(id) === generation) {
        await this.cache.set(key, { observed, freshUntilMs: now + this.cacheTtlMs });
      }
      return observed;
    })();
    this.flights.set(id, promise);
    const land = (): void => {
      if (this.flights.get(id) === promise) this.flights.delete(id);
    };
    promise.then(land, land);
    return promise;
  }

  private async withFallback<T>(key: ReadCacheKey, fetching: Promise<Observed<T>>): Promise<Observed<T>> {
    try {
      return await fetching;
    } catch (error) {
      if (!(error instanceof UpstreamUnavailableError || error instanceof UpstreamRateLimitedError)) throw error;
      const cached = await this.cache.get<T>(key);
      if (!cached) throw error;
      this.logger.warn(
        {
          accountId: key.accountId,
          resource: key.resource,
          reason: error.code,
          observedAt: cached.observed.observedAt,
        },
        "serving a stale read: RingCentral could not answer",
      );
      return { ...cached.observed, stale: true };
    }
  }

  /** A fetch already under way started before a write: it is neither joined nor cached. */
  private forgetFlight(key: ReadCacheKey): void {
    const id = readCacheKeyString(key);
    this.generations.set(id, this.generation(id) + 1);
    this.flights.delete(id);
  }

  private generation(id: string): number {
    return this.generations.get(id) ?? 0;
  }
}
