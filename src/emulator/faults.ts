import { CountedRules } from "./counted-rules.js";

export type Fault =
  { kind: "fail"; status: number } | { kind: "reset" } | { kind: "rateLimit"; retryAfterSeconds: number };

/**
 * Failures queued by tests, consumed by the next matching API requests (by operation id) in the order they were
 * queued; and a latency added to every response.
 */
export class FaultInjector extends CountedRules<Fault> {
  latencyMs = 0;

  override clear(): void {
    super.clear();
    this.latencyMs = 0;
  }
}
