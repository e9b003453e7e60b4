/** Public surface of the RingCentral emulator. See CONTRACT.md for the wire contract. */
export { createEmulator } from "./emulator.js";
export type { Emulator, EmulatorHost, EmulatorMount, EmulatorOptions } from "./emulator.js";
export type { EmulatorControls, FaultControls } from "./controls.js";
export type { PushControls, PushDelivery, PushSubscriptionSummary } from "./push/index.js";
export type { RequestLog, RequestLogEntry } from "./request-log.js";
export type { ThrottlingGroup } from "./rate-limiter.js";
export { TokenStore } from "./tokens.js";
export type { TokenOwner } from "./tokens.js";
export { loadSeedFile } from "./seed.js";
export type { Seed, SeedAccount, SeedCredentials, SeedExtension, SeedPhoneNumber, SeedPlan } from "./seed.js";
export { EmulatorRuleError, EmulatorState, EXTENSION_LIMIT_ERROR_CODE } from "./state.js";
export type { AccountRecord, ExtensionListEvent, ExtensionRecord, NewPerson, PhoneNumberRecord } from "./state.js";
export { defaultSeed } from "./seeds/default.seed.js";
