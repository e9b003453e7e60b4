import type { LeaseHandlers } from "./lease-manager.js";
import { describeError, type FieldLogger } from "../field-logger.js";

/** Runs lease handlers one at a time per resource, in call order; failures are logged. */
export class LeaseHandlerQueue {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly handlers: LeaseHandlers,
    private readonly logger: FieldLogger,
  ) {}

  push(resourceId: string, event: "onAcquired" | "onLost"): void {
    const previous = this.tails.get(resourceId) ?? Promise.resolve();
    const tail = previous
      .then(() => this.handlers[event](resourceId))
      .catch((error: unknown) => {
        this.logger.error({ resourceId, event, error: describeError(error) }, "a lease handler failed");
      });
    this.tails.set(resourceId, tail);
    void tail.then(() => {
      if (this.tails.get(resourceId) === tail) this.tails.delete(resourceId);
    });
  }

  /** Resolves once every handler called so far has settled. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
