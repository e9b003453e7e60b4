import { LeaseHandlerQueue } from "./lease-handler-queue.js";
import type { LeaseHandlers, LeaseManager } from "./lease-manager.js";
import { silentLogger, type FieldLogger } from "../field-logger.js";

/** `LeaseManager` for a single instance: it owns every resource from `start` to `stop`. */
export class InMemoryLeaseManager implements LeaseManager {
  private readonly held = new Set<string>();
  private queue: LeaseHandlerQueue | undefined;

  constructor(private readonly logger: FieldLogger = silentLogger) {}

  start(resourceIds: readonly string[], handlers: LeaseHandlers): void {
    if (this.queue) throw new Error("LeaseManager.start called twice");
    const queue = new LeaseHandlerQueue(handlers, this.logger);
    this.queue = queue;
    for (const id of resourceIds) {
      this.held.add(id);
      queue.push(id, "onAcquired");
    }
  }

  async stop(): Promise<void> {
    for (const id of this.held) this.queue?.push(id, "onLost");
    this.held.clear();
    await this.queue?.drain();
  }

  isHeld(resourceId: string): boolean {
    return this.held.has(resourceId);
  }
}
