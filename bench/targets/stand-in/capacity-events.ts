import { createPubSub, filter, pipe } from "@graphql-yoga/subscription";
import { capacityChange, type CapacityChange } from "../capacity-sample.js";
import { startWith } from "./start-with.js";

export const CAPACITY_CHANGED = "CAPACITY_CHANGED";

/** The stand-in's event source: a pubsub like Headroom's, plus the current state for the initial event. */
export class CapacityEvents {
  readonly pubSub = createPubSub<{ [CAPACITY_CHANGED]: [CapacityChange] }>();
  private changes = 0;

  /** Publishes the next change; every local listener gets the same payload object. */
  publish(): void {
    this.changes += 1;
    this.pubSub.publish(CAPACITY_CHANGED, capacityChange(this.changes, false));
  }

  /** The current state first (a fresh object per subscriber), then the account's changes. */
  watch(accountId: string): AsyncIterableIterator<CapacityChange> {
    return startWith(
      { ...capacityChange(this.changes, true), accountId },
      pipe(
        this.pubSub.subscribe(CAPACITY_CHANGED),
        filter((change) => change.accountId === accountId),
      ),
    );
  }
}
