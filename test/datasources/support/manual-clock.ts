import type { Clock } from "../../../src/datasources/clock.js";

interface Sleeper {
  until: number;
  resolve: () => void;
}

/**
 * A clock that moves only when a test says so. Shared with the emulator (`now`), so rate windows, penalties,
 * token lifetimes and cache freshness all follow the same time. `sleeping()` lets a test wait on the signal
 * that a call is now waiting for budget, instead of sleeping itself.
 */
export class ManualClock implements Clock {
  private nowMs: number;
  private sleepers: Sleeper[] = [];
  private sleepWatchers: ((ms: number) => void)[] = [];

  constructor(startMs = Date.now()) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  date(): Date {
    return new Date(this.nowMs);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = { until: this.nowMs + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener("abort", () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal.reason);
      });
      for (const watch of this.sleepWatchers.splice(0)) watch(ms);
    });
  }

  /** Resolves with the duration of the next `sleep` call (or one already pending). */
  sleeping(): Promise<number> {
    const pending = this.sleepers[0];
    if (pending) return Promise.resolve(pending.until - this.nowMs);
    return new Promise((resolve) => this.sleepWatchers.push(resolve));
  }

  /** Moves time forward and wakes every sleeper that is due. */
  advance(ms: number): void {
    this.nowMs += ms;
    const due = this.sleepers.filter((s) => s.until <= this.nowMs);
    this.sleepers = this.sleepers.filter((s) => s.until > this.nowMs);
    for (const sleeper of due) sleeper.resolve();
  }
}
