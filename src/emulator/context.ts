import type { FaultInjector } from "./faults.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { MemoryRequestLog } from "./request-log.js";
import type { EmulatorState } from "./state.js";
import type { TokenStore } from "./tokens.js";

/** Everything a route or middleware of one emulator instance needs; built once in `createEmulator`. */
export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly tokens: TokenStore;
  readonly rateLimiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly requestLog: MemoryRequestLog;
  readonly now: () => Date;
}
