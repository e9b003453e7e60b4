import { describe, expect, it } from "vitest";
import { CreateUserDocument } from "../__generated__/graphql.js";
import { errorCodes, gql } from "../support/gql.js";
import { REDIS_URL, redisTestPrefix } from "../support/redis.js";
import { KEYS, SEEDED, startSharedEmulator, startTestServer } from "../support/start-test-server.js";

const ATTEMPTS = 30;

/** Essentials with 7 users and 1 unassigned seat of 10: exactly 3 more people fit. */
async function essentialsWithThreeFreeSeats() {
  const emulator = await startSharedEmulator();
  emulator.controls.removeUser(SEEDED.essentials, "48211238");
  return emulator;
}

function createUsersConcurrently(urls: readonly string[]) {
  return Promise.all(
    Array.from({ length: ATTEMPTS }, (_, i) =>
      gql(urls[i % urls.length]!, KEYS.partnerOperator, CreateUserDocument, {
        input: {
          accountId: SEEDED.essentials,
          firstName: `Racer${i}`,
          lastName: "Concurrent",
          email: `racer${i}@bluebird.example`,
          phoneNumber: "NONE",
        },
      }),
    ),
  );
}

function seatedPeople(emulator: Awaited<ReturnType<typeof startSharedEmulator>>) {
  return [...emulator.state.account(SEEDED.essentials).extensions.values()].filter(
    (e) => e.type === "User" && e.status !== "Unassigned",
  );
}

describe("capacity under concurrency", () => {
  it("lets exactly 3 of 30 concurrent createUser calls through on one instance", async () => {
    const emulator = await essentialsWithThreeFreeSeats();
    const server = await startTestServer({ upstream: emulator });
    const responses = await createUsersConcurrently([server.httpUrl]);
    const codes = responses.map((r) => errorCodes(r)[0] ?? "OK");
    expect(codes.filter((c) => c === "OK")).toHaveLength(3);
    expect(codes.filter((c) => c === "CAPACITY_EXHAUSTED")).toHaveLength(27);
    expect(emulator.requestLog.count("createExtension", { status: 403 })).toBe(0);
    expect(seatedPeople(emulator)).toHaveLength(10);
    expect(emulator.state.userExtensionCount(SEEDED.essentials)).toBe(10);
  });

  it("lets exactly 3 of 30 through across two instances sharing real Redis", async () => {
    const emulator = await essentialsWithThreeFreeSeats();
    const shared = { redisUrl: REDIS_URL, redisKeyPrefix: redisTestPrefix() };
    const a = await startTestServer({ upstream: emulator, config: shared });
    const b = await startTestServer({ upstream: emulator, config: shared });
    const responses = await createUsersConcurrently([a.httpUrl, b.httpUrl]);
    const codes = responses.map((r) => errorCodes(r)[0] ?? "OK");
    expect(codes.filter((c) => c === "OK")).toHaveLength(3);
    expect(codes.filter((c) => c === "CAPACITY_EXHAUSTED")).toHaveLength(27);
    // Refused before RingCentral: without the shared lock, racing instances would send creates it rejects.
    expect(emulator.requestLog.count("createExtension", { status: 403 })).toBe(0);
    expect(seatedPeople(emulator)).toHaveLength(10);
  });
});
