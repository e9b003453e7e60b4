/**
 * `pending`: claimed, the operation is running (or its instance died; the claim then expires).
 * `succeeded`: done; `result` is what the first request answered.
 * `outcome-unknown`: RingCentral timed out and the write may have happened; reconcile before retrying.
 */
export type IdempotencyStatus = "pending" | "succeeded" | "outcome-unknown";

/** What is remembered of one idempotency key. JSON-safe. */
export interface IdempotencyRecord {
  /** `fingerprintOf` the operation's input: the same key with another fingerprint is a conflict. */
  readonly fingerprint: string;
  readonly status: IdempotencyStatus;
  /**
   * JSON-safe. `succeeded`: the result, returned to repeats. `outcome-unknown`: what each lost attempt noted it was
   * about to write (a list, oldest first), for reconciling.
   */
  readonly result?: unknown;
  /** When the record was last written (ISO 8601). */
  readonly updatedAt: string;
}

/** How an operation ended, as given to `IdempotencyStore.complete`. */
export interface IdempotencyOutcome {
  readonly fingerprint: string;
  readonly status: Exclude<IdempotencyStatus, "pending">;
  readonly result?: unknown;
}

/**
 * Remembers idempotency keys of provisioning mutations. Keys are full strings chosen by the caller, which must
 * namespace them (e.g. `<tenantId>:<accountId>:<idempotencyKey>`). Records are copies: changing one changes nothing
 * stored.
 *
 * Protocol: `claim` → if it returns a record, answer from it (another fingerprint: conflict; `pending`: in progress;
 * `succeeded`: the stored result; `outcome-unknown`: reconcile first); otherwise run the operation, then `complete`
 * (success or unknown outcome) or `release` (a definite failure, so a retry may run it again).
 */
export interface IdempotencyStore {
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Atomically claims `key` as `pending` for `ttlMs` if nobody holds it, and resolves `undefined` (claimed by this
   * caller). Otherwise resolves the record that holds it, whatever its fingerprint, and changes nothing.
   * Choose `ttlMs` longer than the operation can take: a claim that expires mid-operation lets a repeat run it again.
   */
  claim(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyRecord | undefined>;
  /**
   * Stores the outcome for `ttlMs` (from now). Resolves false, storing nothing, when the key is held by another
   * fingerprint (this caller's claim expired and another request claimed the key).
   */
  complete(key: string, outcome: IdempotencyOutcome, ttlMs: number): Promise<boolean>;
  /** Forgets a `pending` claim of `fingerprint`; anything else under `key` is kept. */
  release(key: string, fingerprint: string): Promise<void>;
}
