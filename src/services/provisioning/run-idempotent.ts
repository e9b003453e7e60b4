import { ConflictError, UpstreamUnavailableError } from "../../errors.js";
import { fingerprintOf } from "../../json.js";
import type { IdempotencyRecord, IdempotencyStore } from "../../stores/idempotency.js";

export interface IdempotentCall<T> {
  /** The tenant-scoped key; undefined runs `run` without idempotency. */
  readonly key: string | undefined;
  /** Everything that makes two calls "the same input". */
  readonly request: unknown;
  /**
   * `noteAttempt`: what this attempt is about to write (JSON-safe), called just before it writes; kept if the
   * outcome turns out unknown.
   */
  readonly run: (noteAttempt: (attempt: unknown) => void) => Promise<T>;
  /**
   * After earlier attempts whose outcome is unknown (RingCentral timed out, maybe after writing): looks upstream
   * for what they did, given what each noted (oldest first; none noted: none got as far as writing). Returns the
   * result if one succeeded there, undefined to run again.
   */
  readonly reconcile?: (attempts: readonly unknown[]) => Promise<T | undefined>;
}

/**
 * A claim outlives any single call (lock wait + upstream timeouts), yet frees the key soon after an instance dies
 * mid-call instead of blocking it for the whole TTL.
 */
const PENDING_CLAIM_TTL_MS = 2 * 60_000;

/**
 * Runs a provisioning call at most once per idempotency key: a repeat with the same key and input returns the
 * stored first result (`replayed: true`) without calling RingCentral; the same key with other input, or while
 * the first call is still running, is a CONFLICT.
 */
export class IdempotencyRunner {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly ttlMs: number,
  ) {}

  async run<T extends object>(call: IdempotentCall<T>): Promise<T & { replayed: boolean }> {
    if (call.key === undefined) return { ...(await call.run(() => undefined)), replayed: false };
    const fingerprint = fingerprintOf(call.request);
    const existing = await this.store.claim(call.key, fingerprint, PENDING_CLAIM_TTL_MS);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new ConflictError("This idempotency key was used with different input", { field: "idempotencyKey" });
      }
      if (existing.status === "succeeded") return { ...(existing.result as T), replayed: true };
      if (existing.status === "pending") {
        throw new ConflictError("A request with this idempotency key is still running; retry shortly", {
          field: "idempotencyKey",
        });
      }
      const reconciled = await call.reconcile?.(attemptsIn(existing));
      if (reconciled) {
        await this.store.complete(call.key, this.record(fingerprint, "succeeded", reconciled), this.ttlMs);
        return { ...reconciled, replayed: true };
      }
    }
    // A retry that fails again before writing must not forget what the earlier attempts may have written.
    const attempts = attemptsIn(existing);
    try {
      const result = await call.run((attempt) => attempts.push(attempt));
      await this.store.complete(call.key, this.record(fingerprint, "succeeded", result), this.ttlMs);
      return { ...result, replayed: false };
    } catch (error) {
      // RingCentral may have written before it failed to answer: remember that, so a retry reconciles first.
      if (error instanceof UpstreamUnavailableError) {
        await this.store.complete(call.key, this.record(fingerprint, "outcome-unknown", attempts), this.ttlMs);
      } else {
        await this.store.release(call.key, fingerprint);
      }
      throw error;
    }
  }

  private record(fingerprint: string, status: "succeeded" | "outcome-unknown", result: unknown) {
    return { fingerprint, status, result } as const;
  }
}

/** What the lost attempts behind an `outcome-unknown` record noted, oldest first; a fresh list. */
function attemptsIn(record: IdempotencyRecord | undefined): unknown[] {
  return record?.status === "outcome-unknown" && Array.isArray(record.result) ? [...(record.result as unknown[])] : [];
}
