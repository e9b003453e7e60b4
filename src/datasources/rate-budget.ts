import { UpstreamRateLimitedError } from "../errors.js";
import type { Clock } from "./clock.js";
import type { RateLimitGroup } from "./operations.js";

/** Used when a response says the budget is spent but names no window. RingCentral's windows are 60 s. */
const defaultWindowMs = 60_000;

interface GroupState {
  /** From the last `X-Rate-Limit-Remaining`; null = unknown (nothing observed yet, or a penalty just ended). */
  remaining: number | null;
  /** From `X-Rate-Limit-Limit`: what a full window holds. */
  limit: number | null;
  windowMs: number;
  /** No request before this instant: the budget was seen at 0. */
  blockedUntil: number;
  /** No request before this instant: RingCentral answered 429, and any request sent during the penalty restarts it. */
  penaltyUntil: number;
  inFlight: number;
  /** Callers waiting for an in-flight request to settle. */
  waiters: (() => void)[];
}

/** Anything with `get(name)`: fetch's `Headers` (node-fetch's and undici's alike). */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The request budget of one RingCentral connection, per rate-limit group. It learns the budget from the
 * `X-Rate-Limit-*` headers of every response and keeps requests from walking into a 429 (or into a running
 * penalty, which RingCentral restarts on every request sent during it):
 * - remaining 0 → nothing is sent in that group until a full window has passed since (the window slides, so
 *   by then every counted request has left it);
 * - 429 → nothing is sent until `Retry-After` has passed; then one probe request learns the new budget;
 * - requests in flight count against the remaining budget, so concurrent callers never overshoot it;
 * - while nothing is known about a group, one request at a time is sent to learn it.
 */
export class RateBudget {
  private readonly groups = new Map<RateLimitGroup, GroupState>();

  constructor(
    private readonly clock: Clock,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * Waits until one request in `group` may be sent and reserves it. Call the returned function once the
   * response (or the failure) has arrived, after `observe`/`penalize`.
   * Throws `UpstreamRateLimitedError` (with the wait still needed) at once when the wait would end after
   * `deadlineAt` (epoch ms), so callers never sleep towards a deadline they cannot meet.
   */
  async acquire(group: RateLimitGroup, deadlineAt: number): Promise<() => void> {
    const state = this.state(group);
    for (;;) {
      const now = this.clock.now();
      this.expire(state, now);
      const resumeAt = Math.max(state.blockedUntil, state.penaltyUntil);
      if (resumeAt > now) {
        if (resumeAt > deadlineAt) throw new UpstreamRateLimitedError(resumeAt - now);
        await this.clock.sleep(resumeAt - now, this.signal);
        continue;
      }
      if (state.remaining !== null && state.remaining <= 0 && state.inFlight === 0) {
        // Spent budget without a window to wait for cannot be learned from in-flight responses: probe again.
        state.remaining = null;
      }
      const free = state.remaining === null ? (state.inFlight === 0 ? 1 : 0) : state.remaining - state.inFlight;
      if (free > 0) {
        state.inFlight += 1;
        return once(() => {
          state.inFlight -= 1;
          for (const wake of state.waiters.splice(0)) wake();
        });
      }
      await new Promise<void>((resolve) => state.waiters.push(resolve));
    }
  }

  /** Learns the budget from a response's `X-Rate-Limit-*` headers; absent headers change nothing. */
  observe(group: RateLimitGroup, headers: HeaderSource): void {
    const remaining = parseCount(headers.get("x-rate-limit-remaining"));
    if (remaining === null) return;
    const state = this.state(group);
    const limit = parseCount(headers.get("x-rate-limit-limit"));
    const windowSeconds = parseCount(headers.get("x-rate-limit-window"));
    if (limit !== null) state.limit = limit;
    if (windowSeconds !== null && windowSeconds > 0) state.windowMs = windowSeconds * 1_000;
    state.remaining = remaining;
    if (remaining <= 0) {
      state.blockedUntil = Math.max(state.blockedUntil, this.clock.now() + state.windowMs);
    }
  }

  /** Records a 429: nothing is sent in `group` for `retryAfterMs`. */
  penalize(group: RateLimitGroup, retryAfterMs: number): void {
    const state = this.state(group);
    state.penaltyUntil = Math.max(state.penaltyUntil, this.clock.now() + retryAfterMs);
  }

  private expire(state: GroupState, now: number): void {
    if (state.blockedUntil !== 0 && now >= state.blockedUntil) {
      state.blockedUntil = 0;
      state.remaining = state.limit;
    }
    if (state.penaltyUntil !== 0 && now >= state.penaltyUntil) {
      state.penaltyUntil = 0;
      state.remaining = null;
    }
  }

  private state(group: RateLimitGroup): GroupState {
    let state = this.groups.get(group);
    if (!state) {
      state = {
        remaining: null,
        limit: null,
        windowMs: defaultWindowMs,
        blockedUntil: 0,
        penaltyUntil: 0,
        inFlight: 0,
        waiters: [],
      };
      this.groups.set(group, state);
    }
    return state;
  }
}

function parseCount(value: string | null): number | null {
  if (value === null || value.trim() === "") return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
