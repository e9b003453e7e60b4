import { setTimeout as delay } from "node:timers/promises";

/**
 * Polls `condition` until it holds, for conditions that announce themselves no other way (e.g. a subscription
 * appearing in the emulator's list). Bounded: rejects after `timeoutMs`.
 */
export async function waitFor<T>(
  condition: () => T | undefined | false,
  { timeoutMs = 10_000, everyMs = 20 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await delay(everyMs);
  }
}
