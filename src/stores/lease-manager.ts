/** Called when this instance starts or stops owning a resource. Errors are logged, never thrown back. */
export interface LeaseHandlers {
  onAcquired(resourceId: string): void | Promise<void>;
  onLost(resourceId: string): void | Promise<void>;
}

/**
 * Makes exactly one instance own each resource (e.g. an account's push subscription and poller).
 * Handlers of one resource run one at a time and in order: `onLost` never overlaps the `onAcquired` before it.
 */
export interface LeaseManager {
  /**
   * Starts acquiring `resourceIds` and keeping those acquired. Call once.
   * @throws Error when called a second time.
   */
  start(resourceIds: readonly string[], handlers: LeaseHandlers): void;
  /**
   * Stops acquiring, calls `onLost` for every resource held and awaits the handlers, then releases the leases so
   * another instance takes over at its next attempt. Idempotent.
   */
  stop(): Promise<void>;
  /** True while this instance holds `resourceId`'s lease. */
  isHeld(resourceId: string): boolean;
}
