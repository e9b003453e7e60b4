import { describe, expect, it } from "vitest";
import { AssignExtensionDocument, CreateUserDocument, type CreateUserInput } from "../__generated__/graphql.js";
import { errorCodes, gql, type GraphQLResponse } from "../support/gql.js";
import { REDIS_URL, redisTestPrefix } from "../support/redis.js";
import { KEYS, SEEDED, startSharedEmulator, startTestServer, type TestServer } from "../support/start-test-server.js";

const input = (overrides: Partial<CreateUserInput> = {}): CreateUserInput => ({
  accountId: SEEDED.essentials,
  firstName: "Ida",
  lastName: "Empotent",
  email: "ida@bluebird.example",
  phoneNumber: "NONE",
  idempotencyKey: "onboard-ida-1",
  ...overrides,
});

const createUser = (server: TestServer, value: CreateUserInput, key: string = KEYS.partnerOperator) =>
  gql(server.httpUrl, key, CreateUserDocument, { input: value });

const writes = (server: TestServer) =>
  server.emulator.requestLog.count("createExtension") + server.emulator.requestLog.count("updateExtension");

describe("idempotency keys", () => {
  it("returns the first result for a repeat, without calling RingCentral again", async () => {
    const server = await startTestServer();
    const first = await createUser(server, input());
    const again = await createUser(server, input());
    expect(first.data!.createUser.replayed).toBe(false);
    expect(again.data!.createUser).toEqual({ ...first.data!.createUser, replayed: true });
    expect(writes(server)).toBe(1);
  });

  it("returns CONFLICT for the same key with different input", async () => {
    const server = await startTestServer();
    await createUser(server, input());
    const response = await createUser(server, input({ firstName: "Other" }));
    expect(errorCodes(response)).toEqual(["CONFLICT"]);
    expect(response.errors![0]!.extensions!["field"]).toBe("idempotencyKey");
    expect(writes(server)).toBe(1);
  });

  it("keeps tenants' keys apart", async () => {
    const server = await startTestServer();
    await createUser(server, input());
    const other = await createUser(
      server,
      input({ accountId: SEEDED.licensed, email: "idem@cobalt.example" }),
      KEYS.otherOperator,
    );
    expect(other.errors).toBeUndefined();
    expect(other.data!.createUser.replayed).toBe(false);
  });

  it("lets a key be used again after a definite failure", async () => {
    const server = await startTestServer();
    const refused = await createUser(server, input({ email: "dana@bluebird.example" }));
    expect(errorCodes(refused)).toEqual(["CONFLICT"]);
    const retried = await createUser(server, input({ email: "dana@bluebird.example", firstName: "Changed" }));
    expect(errorCodes(retried)).toEqual(["CONFLICT"]);
    expect(retried.errors![0]!.extensions!["field"]).toBe("input.email");
  });

  /**
   * Sends `write` (on a warm cache: its reads were made by a dry run) so that it lands upstream but answers too late
   * (UPSTREAM_UNAVAILABLE); resolves once RingCentral has it.
   */
  async function timeOutAfterWriting(server: TestServer, write: () => Promise<GraphQLResponse<unknown>>) {
    const written = new Promise<void>((resolve) => {
      const stop = server.emulator.state.onExtensionListChange(() => {
        stop();
        resolve();
      });
    });
    server.emulator.controls.faults.setLatency(1_000);
    expect(errorCodes(await write())).toEqual(["UPSTREAM_UNAVAILABLE"]);
    await written;
    server.emulator.controls.faults.setLatency(0);
  }

  async function timedOutCreate(server: TestServer, accountId: string): Promise<void> {
    await createUser(server, input({ accountId, dryRun: true }));
    await timeOutAfterWriting(server, () => createUser(server, input({ accountId })));
  }

  it("returns the seat RingCentral gave when the first attempt timed out after writing", async () => {
    const server = await startTestServer({ config: { upstreamTimeoutMs: 300 } });
    await timedOutCreate(server, SEEDED.essentials);

    const retried = await createUser(server, input());
    expect(retried.errors).toBeUndefined();
    // Essentials has a free `Unassigned` seat: the lost attempt assigned it, and the retry says so.
    expect(retried.data!.createUser).toMatchObject({
      replayed: true,
      strategy: "UNASSIGNED_SEAT",
      user: { rcId: "48211239", email: "ida@bluebird.example" },
      warnings: ["RECONCILED_AFTER_UNKNOWN_OUTCOME"],
    });
    const idas = [...server.emulator.state.account(SEEDED.essentials).extensions.values()].filter(
      (e) => e.email === "ida@bluebird.example",
    );
    expect(idas).toHaveLength(1);
    expect(writes(server)).toBe(1);
  });

  it("returns the extension RingCentral created when the first attempt timed out after writing", async () => {
    const server = await startTestServer({ config: { upstreamTimeoutMs: 300 } });
    await timedOutCreate(server, SEEDED.sandbox);

    const retried = await createUser(server, input({ accountId: SEEDED.sandbox }));
    expect(retried.data!.createUser).toMatchObject({
      replayed: true,
      strategy: "NEW_EXTENSION",
      user: { email: "ida@bluebird.example" },
      warnings: ["RECONCILED_AFTER_UNKNOWN_OUTCOME"],
    });
    expect(server.emulator.requestLog.count("createExtension")).toBe(1);
  });

  it("reconciles a timed-out assignExtension to the seat it asked for", async () => {
    const server = await startTestServer({ config: { upstreamTimeoutMs: 300 } });
    const assign = () =>
      gql(server.httpUrl, KEYS.partnerOperator, AssignExtensionDocument, {
        input: { ...input({ idempotencyKey: "seat-ida" }), extensionId: "48211239", status: "Enabled" },
      });
    await gql(server.httpUrl, KEYS.partnerOperator, CreateUserDocument, { input: input({ dryRun: true }) });
    await timeOutAfterWriting(server, assign);

    const retried = await assign();

    expect(retried.errors).toBeUndefined();
    expect(retried.data!.assignExtension).toMatchObject({
      replayed: true,
      strategy: "UNASSIGNED_SEAT",
      user: { rcId: "48211239", email: "ida@bluebird.example" },
      warnings: ["RECONCILED_AFTER_UNKNOWN_OUTCOME"],
    });
    expect(writes(server)).toBe(1);
  });

  it("replays across two instances sharing Redis", async () => {
    const emulator = await startSharedEmulator();
    const shared = { redisUrl: REDIS_URL, redisKeyPrefix: redisTestPrefix() };
    const a = await startTestServer({ upstream: emulator, config: shared });
    const b = await startTestServer({ upstream: emulator, config: shared });
    const first = await createUser(a, input());
    const again = await createUser(b, input());
    expect(again.data!.createUser).toEqual({ ...first.data!.createUser, replayed: true });
    expect(emulator.requestLog.count("updateExtension") + emulator.requestLog.count("createExtension")).toBe(1);
  });
});
