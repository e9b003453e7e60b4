import { setMaxListeners } from "node:events";
import { createPubSub, filter, pipe } from "@graphql-yoga/subscription";
import { capacityChange, type CapacityChange } from "../capacity-sample.js";
import { startWith } from "./start-with.js";

export const CAPACITY_CHANGED = "CAPACITY_CHANGED";

/** The stand-in's event source: a pubsub like Headroom's, plus the current state for the initial event. */
export class CapacityEvents {
  readonly pubSub = createPubSub<{ [CAPACITY_CHANGED]: [CapacityChange] }>({ eventTarget: unboundedEventTarget() });
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

/** Node warns past 10 listeners per event type; here every subscriber is one. */
function unboundedEventTarget(): EventTarget {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target;
}
