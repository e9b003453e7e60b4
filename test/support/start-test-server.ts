import { afterAll } from "vitest";
import { hashApiKey, loadConfig, type Config } from "../../src/config.js";
import { createEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { defaultSeed } from "../../src/emulator/seeds/default.seed.js";
import { createServer, type RunningServer } from "../../src/server.js";
import { assertResponsesMatchSpec } from "./openapi-contract.js";

/** The default seed's accounts, by role in its story. */
export const SEEDED = { sandbox: "37439510", essentials: "48211230", licensed: "59322340" } as const;

/** Plain keys of the test tenants: `partner` sees the sandbox and Essentials accounts, `other` the licensed one. */
export const KEYS = {
  partnerOperator: "test-partner-operator-key",
  partnerViewer: "test-partner-viewer-key-0001",
  otherOperator: "test-other-tenant-operator-key",
} as const;

export interface TestServer extends RunningServer {
  readonly emulator: Emulator;
  readonly config: Config;
}

export interface TestServerOptions {
  emulator?: EmulatorOptions;
  /** An emulator already running (e.g. shared by two instances); not stopped with this server. */
  upstream?: Emulator;
  /** Overrides on top of the test configuration (accounts and tenants are filled in from the seed). */
  config?: Partial<Config>;
}

const leftovers: (() => Promise<void>)[] = [];
/** Shared emulators outlive the servers using them: stopped last, so no server sees its upstream vanish first. */
const sharedUpstreams: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(leftovers.splice(0).map((stop) => stop()));
  await Promise.all(sharedUpstreams.splice(0).map((stop) => stop()));
});

/**
 * Starts the emulator, then the service pointed at it, both on port 0. Stopped automatically after the file's tests.
 * Tenants: see `KEYS`. Accounts of a custom seed all go to the partner tenant unless they are the licensed one.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const emulator = options.upstream ?? (await createEmulator({ seed: defaultSeed, ...options.emulator }));
  const seed = options.emulator?.seed ?? defaultSeed;
  const accounts = seed.accounts.map((a) => ({
    accountId: a.id,
    serverUrl: emulator.url,
    clientId: a.credentials.clientId,
    clientSecret: a.credentials.clientSecret,
    jwt: a.credentials.jwt,
    name: a.companyName,
  }));
  const partnerAccounts = accounts.map((a) => a.accountId).filter((id) => id !== SEEDED.licensed);
  const config: Config = {
    ...loadConfig({ PORT: "0", LOG_LEVEL: "silent" }),
    mode: "connected",
    // Push and polling publish on their own schedule; tests about them turn it on (`config: { watch: true }`).
    watch: false,
    accounts,
    tenants: [
      {
        id: "partner",
        name: "Partner Co",
        accountIds: partnerAccounts,
        apiKeys: [
          { sha256: hashApiKey(KEYS.partnerOperator), role: "operator" },
          { sha256: hashApiKey(KEYS.partnerViewer), role: "viewer" },
        ],
      },
      {
        id: "other",
        name: "Other Tenant",
        accountIds: accounts.some((a) => a.accountId === SEEDED.licensed) ? [SEEDED.licensed] : [],
        apiKeys: [{ sha256: hashApiKey(KEYS.otherOperator), role: "operator" }],
      },
    ],
    ...options.config,
  };
  const server = await createServer(config);
  const stop = async () => {
    await server.stop();
    if (options.upstream) return;
    await emulator.close();
    // Whatever Headroom made the emulator answer must be RingCentral's documented contract.
    assertResponsesMatchSpec(emulator.requestLog.entries);
  };
  leftovers.push(stop);
  return { ...server, emulator, config, stop };
}

/** An emulator for several test servers to share (two instances, one RingCentral); stopped after the file. */
export async function startSharedEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await createEmulator({ seed: defaultSeed, ...options });
  sharedUpstreams.push(async () => {
    await emulator.close();
    assertResponsesMatchSpec(emulator.requestLog.entries);
  });
  return emulator;
}
