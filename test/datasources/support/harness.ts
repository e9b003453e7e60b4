import {
  RingCentralDataSource,
  type AccountConnectionConfig,
  type RingCentralDataSourceOptions,
} from "../../../src/datasources/ringcentral.datasource.js";
import type { FieldLogger } from "../../../src/field-logger.js";
import {
  createEmulator,
  defaultSeed,
  type Emulator,
  type EmulatorOptions,
  type Seed,
} from "../../../src/emulator/index.js";
import { ManualClock } from "./manual-clock.js";

export const sandboxId = "37439510";
export const essentialsId = "48211230";
export const licensedId = "59322340";

export interface LogLine {
  level: keyof FieldLogger;
  fields: object;
  message: string;
}

export interface Harness {
  emulator: Emulator;
  dataSource: RingCentralDataSource;
  clock: ManualClock;
  logs: LogLine[];
  /** Upstream calls of one operation (optionally one status) that reached the emulator. */
  calls(operationId: string, filter?: { status?: number }): number;
  /** Takes the emulator down before the test ends. */
  stopUpstream(): Promise<void>;
  /** A second datasource on the same accounts, clock and emulator (another Headroom instance). */
  anotherDataSource(): RingCentralDataSource;
}

export interface HarnessOptions {
  seed?: Seed;
  emulator?: Omit<EmulatorOptions, "seed" | "now">;
  dataSource?: Omit<Partial<RingCentralDataSourceOptions>, "clock" | "logger">;
  /** Rewrites the connection configs made from the seed (e.g. wrong credentials). */
  connections?: (configs: AccountConnectionConfig[]) => AccountConnectionConfig[];
}

const running: (() => Promise<void>)[] = [];

/**
 * Starts the emulator on port 0 and a datasource connected to every seeded account, sharing one manual clock.
 * `stopHarnesses` (in `afterEach`) closes both.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const seed = options.seed ?? defaultSeed;
  const clock = new ManualClock();
  const emulator = await createEmulator({ ...options.emulator, seed, now: () => clock.date() });
  let upstreamStopped = false;
  const stopUpstream = async (): Promise<void> => {
    if (upstreamStopped) return;
    upstreamStopped = true;
    await emulator.close();
  };
  running.push(stopUpstream);
  const logs: LogLine[] = [];
  const logger: FieldLogger = {
    debug: (fields, message) => logs.push({ level: "debug", fields, message }),
    info: (fields, message) => logs.push({ level: "info", fields, message }),
    warn: (fields, message) => logs.push({ level: "warn", fields, message }),
    error: (fields, message) => logs.push({ level: "error", fields, message }),
  };
  const configs = seed.accounts.map((account) => ({
    accountId: account.id,
    serverUrl: emulator.url,
    clientId: account.credentials.clientId,
    clientSecret: account.credentials.clientSecret,
    jwt: account.credentials.jwt,
  }));
  const createDataSource = (): RingCentralDataSource => {
    const created = new RingCentralDataSource({
      ...options.dataSource,
      connections: options.connections ? options.connections(configs) : configs,
      clock,
      logger,
    });
    running.push(() => created.close());
    return created;
  };
  const dataSource = createDataSource();
  return {
    emulator,
    dataSource,
    clock,
    logs,
    calls: (operationId, filter = {}) => emulator.requestLog.count(operationId, filter),
    stopUpstream,
    anotherDataSource: createDataSource,
  };
}

export async function stopHarnesses(): Promise<void> {
  await Promise.all(running.splice(0).map((stop) => stop()));
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection, got a value");
}
