import { Mutex, withTimeout } from "async-mutex";

interface Entry {
  readonly mutex: Mutex;
  /** Holders plus waiters. */
  users: number;
}

/** One FIFO mutex per key, created on demand and dropped as soon as nobody holds or awaits it. */
export class KeyedMutex {
  private readonly entries = new Map<string, Entry>();

  /** Keys currently held or awaited. */
  get activeKeyCount(): number {
    return this.entries.size;
  }

  /**
   * Runs `work` once it holds `key`, after everyone who asked before.
   * @throws the error made by `timeout.error` when `key` is not acquired within `timeout.ms` (default: waits on).
   */
  async runExclusive<T>(
    key: string,
    work: () => Promise<T>,
    timeout?: { readonly ms: number; readonly error: () => Error },
  ): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { mutex: new Mutex(), users: 0 };
      this.entries.set(key, entry);
    }
    entry.users += 1;
    try {
      // A waiter that timed out may still be granted the old mutex later; async-mutex releases it at once, and
      // since nobody real holds or awaits that mutex any more, dropping the entry here is safe.
      const mutex = timeout ? withTimeout(entry.mutex, timeout.ms, timeout.error()) : entry.mutex;
      return await mutex.runExclusive(work);
    } finally {
      entry.users -= 1;
      if (entry.users === 0) this.entries.delete(key);
    }
  }
}
