import { randomBytes } from "node:crypto";
import { hashApiKey, type Config } from "./config.js";
import { createEmulator, type Emulator, type Seed } from "./emulator/index.js";
import { defaultSeed } from "./emulator/seeds/default.seed.js";

export interface DemoUpstream {
  /** `config` completed with the emulator's accounts and a demo tenant that owns them all. */
  readonly config: Config;
  /** The demo tenant's operator key, in plain text, to print. */
  readonly apiKey: string;
  readonly emulator: Emulator;
}

/**
 * Demo mode: starts the embedded RingCentral emulator on an ephemeral loopback port with `seed` and points the
 * service at it, exactly as connected mode would point at RingCentral.
 */
export async function startDemoUpstream(config: Config, seed: Seed = defaultSeed): Promise<DemoUpstream> {
  const emulator = await createEmulator({ seed });
  const apiKey = config.demoApiKey ?? `hr_demo_${randomBytes(18).toString("base64url")}`;
  const accounts = seed.accounts.map((account) => ({
    accountId: account.id,
    serverUrl: emulator.url,
    clientId: account.credentials.clientId,
    clientSecret: account.credentials.clientSecret,
    jwt: account.credentials.jwt,
    name: account.companyName,
  }));
  return {
    emulator,
    apiKey,
    config: {
      ...config,
      accounts,
      tenants: [
        {
          id: "demo",
          name: "Demo partner",
          accountIds: accounts.map((a) => a.accountId),
          apiKeys: [{ sha256: hashApiKey(apiKey), role: "operator" }],
        },
      ],
    },
  };
}
