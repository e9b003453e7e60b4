import { parseArgs } from "node:util";
import { createEmulator } from "./emulator.js";
import { loadSeedFile } from "./seed.js";

/**
 * Standalone emulator: `npm run emulator -- [--port 3001] [--host 127.0.0.1] [--seed file.json] [--unthrottled]`
 * (or EMULATOR_PORT). Prints the URL and each account's app credentials and JWT, then runs until SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      // For load tests of Headroom itself, where RingCentral's per-minute limits are not what is measured.
      unthrottled: { type: "boolean", default: false },
    },
  });
  const rawPort = values.port ?? process.env["EMULATOR_PORT"] ?? "3001";
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Invalid port: ${rawPort}`);
  const seed = values.seed === undefined ? undefined : await loadSeedFile(values.seed);

  const emulator = await createEmulator({
    port,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(seed === undefined ? {} : { seed }),
    ...(values.unthrottled ? { rateLimits: { Light: 1e9, Medium: 1e9, Heavy: 1e9, Auth: 1e9 } } : {}),
  });
  console.log(`RingCentral emulator listening on ${emulator.url}`);
  for (const account of emulator.state.accounts.values()) {
    const { clientId, clientSecret, jwt } = account.credentials;
    console.log(
      `  account ${account.id} (${account.companyName}, ${account.plan.name}): ` +
        `clientId=${clientId} clientSecret=${clientSecret} jwt=${jwt}`,
    );
  }
  console.log(`Controls: ${emulator.url}/emulator/accounts (see src/emulator/CONTRACT.md)`);

  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
