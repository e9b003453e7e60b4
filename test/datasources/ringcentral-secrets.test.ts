import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { defaultSeed } from "../../src/emulator/index.js";
import { essentialsId, rejectionOf, sandboxId, startHarness, stopHarnesses, type Harness } from "./support/harness.js";

afterEach(stopHarnesses);

const wrongJwt = "wrong-jwt-5f2c9a";

/** Every credential and every token the emulator issued: none may appear in an error or a log line. */
function secretsOf(harness: Harness): string[] {
  const credentials = defaultSeed.accounts.flatMap((a) => [a.credentials.clientSecret, a.credentials.jwt]);
  const tokens = harness.emulator.requestLog.entries
    .filter((e) => e.operationId === "getToken")
    .flatMap((e) => {
      const body = e.responseBody as { access_token?: string; refresh_token?: string } | undefined;
      return [body?.access_token, body?.refresh_token].filter((t): t is string => t !== undefined);
    });
  return [...credentials, wrongJwt, ...tokens];
}

function everythingShown(error: unknown): string {
  return [String(error), (error as Error).stack ?? "", JSON.stringify(error), inspect(error, { depth: 10 })].join("\n");
}

describe("RingCentralDataSource secrecy", () => {
  it("puts no credential or token into any error it throws, nor into its logs", async () => {
    const harness = await startHarness({
      connections: (configs) => configs.map((c) => (c.accountId === essentialsId ? { ...c, jwt: wrongJwt } : c)),
    });
    const { dataSource, emulator } = harness;
    const { faults } = emulator.controls;
    await dataSource.createExtension(sandboxId, { firstName: "Dee", email: "dee@acme.example" });
    emulator.controls.expireTokens();

    const errors = [
      await rejectionOf(dataSource.extensions(essentialsId)),
      await rejectionOf(dataSource.createExtension(sandboxId, { firstName: "Eve", email: "eve@acme.example" })),
      await rejectionOf(dataSource.updateExtension(sandboxId, "37439513", { email: "ben@acme.example" })),
      await rejectionOf(dataSource.deleteExtension(sandboxId, "99999999")),
      await (async () => {
        faults.failNext(1, { status: 503, operationId: "readAccountInfo" });
        return rejectionOf(dataSource.accountInfo(sandboxId));
      })(),
      await (async () => {
        faults.rateLimitNext(1, { retryAfterSeconds: 60, operationId: "listExtensions" });
        return rejectionOf(dataSource.extensions(sandboxId));
      })(),
      await (async () => {
        faults.failNext(4, { status: 401, operationId: "listAccountPhoneNumbersV2" });
        return rejectionOf(dataSource.phoneNumbers(sandboxId));
      })(),
    ];

    const secrets = secretsOf(harness);
    expect(secrets.length).toBeGreaterThan(8);
    const shown = [...errors.map(everythingShown), JSON.stringify(harness.logs)].join("\n");
    for (const secret of secrets) expect(shown).not.toContain(secret);
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual([
      "UPSTREAM_UNAVAILABLE",
      "CAPACITY_EXHAUSTED",
      "CONFLICT",
      "NOT_FOUND",
      "UPSTREAM_UNAVAILABLE",
      "UPSTREAM_RATE_LIMITED",
      "UPSTREAM_UNAVAILABLE",
    ]);
  });
});
