import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { hashApiKey, loadConfig } from "../../src/config.js";
import { defaultSeed } from "../../src/emulator/seeds/default.seed.js";
import { createServer } from "../../src/server.js";
import type { BenchTarget, TargetOptions } from "./target.js";

const ACCOUNT_ID = "37439510"; // the default seed's sandbox: 3 of 4 seats, so create/delete can alternate forever

const SUBSCRIPTION = `subscription Bench($accountId: ID!) {
  capacityChanged(accountId: $accountId, initial: true) {
    rcAccountId cause initial
    capacity {
      limit limitSource used unassigned available utilization level
      remediation { kind message } phoneNumbers { inventory assigned } observedAt stale
    }
  }
}`;

/**
 * Headroom itself: `createServer` in connected mode against the emulator, subscribers on `capacityChanged`, and each
 * change a real `createUser` / `deleteUser` over HTTP. Latency therefore includes the mutation's own upstream calls.
 * The emulator plays RingCentral in a process of its own, unthrottled (RingCentral's 40 writes a minute are not what
 * is measured), so the server's CPU and memory figures are the server's alone.
 */
export async function createHeadroomTarget(options: TargetOptions): Promise<BenchTarget> {
  const emulator = await startEmulatorProcess();
  const keys = Array.from({ length: options.scopes }, (_, scope) => `bench-tenant-${scope}-operator-key`);
  const sandbox = defaultSeed.accounts.find((a) => a.id === ACCOUNT_ID)!;
  const server = await createServer({
    ...loadConfig({ PORT: "0", LOG_LEVEL: "silent" }),
    mode: "connected",
    watch: false,
    accounts: [
      {
        accountId: ACCOUNT_ID,
        serverUrl: emulator.url,
        clientId: sandbox.credentials.clientId,
        clientSecret: sandbox.credentials.clientSecret,
        jwt: sandbox.credentials.jwt,
        name: sandbox.companyName,
      },
    ],
    tenants: keys.map((key, scope) => ({
      id: `tenant-${scope}`,
      name: `Tenant ${scope}`,
      accountIds: [ACCOUNT_ID],
      apiKeys: [{ sha256: hashApiKey(key), role: "operator" as const }],
    })),
  });

  let createdUserId: string | undefined;
  const mutate = async (query: string, input: Record<string, unknown>) => {
    const response = await fetch(server.httpUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${keys[0]}` },
      body: JSON.stringify({ query, variables: { input } }),
    });
    const body = (await response.json()) as { data?: Record<string, { user?: { rcId: string } }>; errors?: unknown[] };
    if (body.errors) throw new Error(`mutation failed: ${JSON.stringify(body.errors)}`);
    return body.data!;
  };

  return {
    wsUrl: server.wsUrl,
    subscription: {
      query: SUBSCRIPTION,
      variables: { accountId: ACCOUNT_ID },
      connectionParams: keys.map((key) => ({ authorization: `Bearer ${key}` })),
    },
    async trigger(change) {
      if (change % 2 === 1) {
        const data = await mutate(
          "mutation ($input: CreateUserInput!) { createUser(input: $input) { user { rcId } } }",
          {
            accountId: ACCOUNT_ID,
            firstName: "Bench",
            lastName: `User${change}`,
            email: `bench${change}@acme.example`,
            phoneNumber: "NONE",
          },
        );
        createdUserId = data["createUser"]!.user!.rcId;
      } else {
        await mutate("mutation ($input: DeleteUserInput!) { deleteUser(input: $input) { seat } }", {
          accountId: ACCOUNT_ID,
          userId: createdUserId,
        });
      }
    },
    stats: () => ({ ...server.subscriptionStats() }),
    async close() {
      await server.stop();
      emulator.process.kill("SIGTERM");
      await once(emulator.process, "exit");
    },
  };
}

/** The standalone emulator (`npm run emulator`) on a free port; resolves once it prints its URL. */
async function startEmulatorProcess(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ["--import", "@swc-node/register/esm-register", "src/emulator/main.ts", "--port", "0", "--unthrottled"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  for await (const line of createInterface({ input: child.stdout! })) {
    const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
    if (url) return { url, process: child };
  }
  throw new Error("the emulator exited before printing its URL");
}
