import type { IdempotencyOutcome, IdempotencyRecord, IdempotencyStore } from "./idempotency.js";

export interface InMemoryIdempotencyStoreOptions {
  /** Epoch ms; injected so tests can move time. Default `Date.now`. */
  readonly nowMs?: () => number;
}

interface Entry {
  /** The record as JSON, so callers get copies, as from Redis. */
  readonly json: string;
  readonly expiresAtMs: number;
}

/** `IdempotencyStore` for a single process. Expired keys are dropped when read and by a sweep once a minute. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly nowMs: () => number;
  private nextSweepMs: number;

  constructor({ nowMs = Date.now }: InMemoryIdempotencyStoreOptions = {}) {
    this.nowMs = nowMs;
    this.nextSweepMs = nowMs() + SWEEP_EVERY_MS;
  }

  /** Keys held, expired ones included until swept. */
  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<IdempotencyRecord | undefined> {
    return this.read(key);
  }

  async claim(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyRecord | undefined> {
    this.sweep();
    const existing = this.read(key);
    if (existing) return existing;
    this.write(key, { fingerprint, status: "pending" }, ttlMs);
    return undefined;
  }

  async complete(key: string, outcome: IdempotencyOutcome, ttlMs: number): Promise<boolean> {
    const existing = this.read(key);
    if (existing && existing.fingerprint !== outcome.fingerprint) return false;
    this.write(key, outcome, ttlMs);
    return true;
  }

  async release(key: string, fingerprint: string): Promise<void> {
    const existing = this.read(key);
    if (existing?.status === "pending" && existing.fingerprint === fingerprint) this.entries.delete(key);
  }

  // Synchronous, so that no other call runs between a method's read and its write.
  private read(key: string): IdempotencyRecord | undefined {
    const entry = this.live(key);
    return entry && (JSON.parse(entry.json) as IdempotencyRecord);
  }

  private write(key: string, fields: Omit<IdempotencyRecord, "updatedAt">, ttlMs: number): void {
    const now = this.nowMs();
    const record: IdempotencyRecord = { ...fields, updatedAt: new Date(now).toISOString() };
    this.entries.set(key, { json: JSON.stringify(record), expiresAtMs: now + ttlMs });
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAtMs <= this.nowMs()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.nowMs();
    if (now < this.nextSweepMs) return;
    this.nextSweepMs = now + SWEEP_EVERY_MS;
    for (const [key, entry] of this.entries) if (entry.expiresAtMs <= now) this.entries.delete(key);
  }
}

const SWEEP_EVERY_MS = 60_000;
