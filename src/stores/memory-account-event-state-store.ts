import type { AccountEventState, AccountEventStateStore } from "./account-event-state.js";

/** `AccountEventStateStore` for a single process; values are kept as JSON so callers get copies. */
export class InMemoryAccountEventStateStore implements AccountEventStateStore {
  private readonly byAccount = new Map<string, string>();

  async get(accountId: string): Promise<AccountEventState | undefined> {
    const json = this.byAccount.get(accountId);
    return json === undefined ? undefined : (JSON.parse(json) as AccountEventState);
  }

  async set(accountId: string, state: AccountEventState): Promise<void> {
    this.byAccount.set(accountId, JSON.stringify(state));
  }

  async update(
    accountId: string,
    change: (current: AccountEventState | undefined) => AccountEventState,
  ): Promise<AccountEventState> {
    // No await between read and write: atomic within the process.
    const json = this.byAccount.get(accountId);
    const next = change(json === undefined ? undefined : (JSON.parse(json) as AccountEventState));
    const stored = JSON.stringify(next);
    this.byAccount.set(accountId, stored);
    return JSON.parse(stored) as AccountEventState;
  }
}
