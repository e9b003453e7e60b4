import type { CapacityEvents } from "./capacity-events.js";

/** Per-subscriber context of the stand-in: the tenant is the share scope, as in Headroom. */
export interface StandInContext {
  readonly tenant: string;
  readonly events: CapacityEvents;
}
