export type Fault =
  { kind: "fail"; status: number } | { kind: "reset" } | { kind: "rateLimit"; retryAfterSeconds: number };

interface FaultRule {
  fault: Fault;
  remaining: number;
  operationId: string | undefined;
}

/** Failures queued by tests, consumed by the next matching API requests in the order they were queued. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  latencyMs = 0;

  /** Queues `fault` for the next `count` requests, of `operationId` only when given. */
  add(fault: Fault, count: number, operationId?: string): void {
    if (count > 0) this.rules.push({ fault, remaining: count, operationId });
  }

  /** Returns (and uses up) the fault for this request, if any is queued for it. */
  take(operationId: string): Fault | undefined {
    const rule = this.rules.find((r) => r.operationId === undefined || r.operationId === operationId);
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.fault;
  }

  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
  }
}
