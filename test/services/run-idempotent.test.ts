import { describe, expect, it } from "vitest";
import { UpstreamUnavailableError } from "../../src/errors.js";
import { IdempotencyRunner } from "../../src/services/provisioning/run-idempotent.js";
import { InMemoryIdempotencyStore } from "../../src/stores/memory-idempotency-store.js";

const timedOut = () => new UpstreamUnavailableError("RingCentral did not answer in time");

describe("IdempotencyRunner after unknown outcomes", () => {
  it("hands every lost attempt's note to the next reconcile, even past a retry that failed before writing", async () => {
    const runner = new IdempotencyRunner(new InMemoryIdempotencyStore(), 60_000);
    const seen: unknown[][] = [];
    const call = (run: (note: (attempt: unknown) => void) => Promise<{ done: string }>, found?: string) =>
      runner.run({
        key: "tenant:key",
        request: { same: "input" },
        run,
        reconcile: async (attempts) => {
          seen.push([...attempts]);
          return found === undefined ? undefined : { done: found };
        },
      });

    await expect(
      call(async (note) => {
        note({ seatRcId: "A" });
        throw timedOut();
      }),
    ).rejects.toThrow(UpstreamUnavailableError);
    // Fails again before it writes (a read timed out): nothing to add, nothing to lose.
    await expect(
      call(async () => {
        throw timedOut();
      }),
    ).rejects.toThrow(UpstreamUnavailableError);
    await expect(
      call(async (note) => {
        note({ seatRcId: null });
        throw timedOut();
      }),
    ).rejects.toThrow(UpstreamUnavailableError);
    const settled = await call(async () => ({ done: "ran again" }), "reconciled");

    expect(seen).toEqual([[{ seatRcId: "A" }], [{ seatRcId: "A" }], [{ seatRcId: "A" }, { seatRcId: null }]]);
    expect(settled).toEqual({ done: "reconciled", replayed: true });
  });

  it("reconciles with no notes when the lost attempt never got as far as writing", async () => {
    const runner = new IdempotencyRunner(new InMemoryIdempotencyStore(), 60_000);
    let given: readonly unknown[] | undefined;
    const call = (run: () => Promise<{ done: string }>) =>
      runner.run({
        key: "tenant:key",
        request: {},
        run,
        reconcile: async (attempts) => {
          given = attempts;
          return undefined;
        },
      });
    await expect(
      call(async () => {
        throw timedOut();
      }),
    ).rejects.toThrow(UpstreamUnavailableError);
    expect(await call(async () => ({ done: "ran" }))).toEqual({ done: "ran", replayed: false });
    expect(given).toEqual([]);
  });
});
