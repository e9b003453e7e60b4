/** RingCentral's usage-plan groups that the emulated endpoints belong to (`x-throttling-group` in the spec). */
export type ThrottlingGroup = "Light" | "Medium" | "Heavy" | "Auth";

export const DEFAULT_RATE_LIMITS: Readonly<Record<ThrottlingGroup, number>> = {
  Light: 50,
  Medium: 40,
  Heavy: 10,
  Auth: 5,
};

export interface RateLimiterOptions {
  limits: Readonly<Record<ThrottlingGroup, number>>;
  windowMs: number;
  penaltyMs: number;
  now: () => Date;
}

export type RateDecision =
  | { allowed: true; limit: number; remaining: number; windowSeconds: number }
  | { allowed: false; limit: number; remaining: 0; windowSeconds: number; retryAfterSeconds: number };

interface Bucket {
  /** Times (ms) of the accepted requests still inside the sliding window. */
  hits: number[];
  penaltyUntil: number;
}

/**
 * RingCentral's user-level limiter: a sliding window per (caller, group). Going over the limit starts a
 * penalty, and every request sent during the penalty is refused and restarts it (the "429 trap").
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimiterOptions) {}

  /** Counts one request by `caller` (any stable key, e.g. extension + app) in `group` and decides on it. */
  take(caller: string, group: ThrottlingGroup): RateDecision {
    const { windowMs, penaltyMs } = this.options;
    const limit = this.options.limits[group];
    const windowSeconds = Math.max(1, Math.ceil(windowMs / 1000));
    const now = this.options.now().getTime();
    const key = `${group}\u0000${caller}`;
    const bucket = this.buckets.get(key) ?? { hits: [], penaltyUntil: 0 };
    this.buckets.set(key, bucket);

    const refuse = (): RateDecision => {
      bucket.penaltyUntil = now + penaltyMs;
      // The window starts afresh once the penalty is served.
      bucket.hits = [];
      return {
        allowed: false,
        limit,
        remaining: 0,
        windowSeconds,
        retryAfterSeconds: Math.max(1, Math.ceil(penaltyMs / 1000)),
      };
    };

    if (now < bucket.penaltyUntil) return refuse();
    bucket.hits = bucket.hits.filter((at) => at > now - windowMs);
    if (bucket.hits.length >= limit) return refuse();
    bucket.hits.push(now);
    return { allowed: true, limit, remaining: limit - bucket.hits.length, windowSeconds };
  }

  reset(): void {
    this.buckets.clear();
  }
}
