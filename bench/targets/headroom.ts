import type { BenchTarget, TargetOptions } from "./target.js";

/**
 * TODO(lead): Headroom itself as the server under test, once `capacityChanged` and `createUser`/`deleteUser` land.
 * Until then `--targets headroom` fails fast with this message; the stand-in covers the shape.
 *
 * What it must do (all on 127.0.0.1, port 0, inside this child process so memory is measured for the server alone):
 * 1. `createEmulator({ seed })` from `src/emulator/index.ts` with one account whose plan leaves room for one more
 *    user (so `createUser` then `deleteUser` alternate forever without hitting CAPACITY_EXHAUSTED).
 * 2. `createServer(config)` from `src/server.ts` in connected mode against `emulator.url`, with one tenant API key of
 *    role `operator` that sees that account, `logLevel: "silent"`, and the subscription server wired with
 *    `createSharedSubscriptionExecutor({ scopeKeyOf: (ctx) => ctx.caller.tenantId })` + `createDocumentCache()`.
 * 3. Return a {@link BenchTarget}:
 *    - `wsUrl`: the server's `wsUrl`;
 *    - `subscription`: `capacityChanged(accountId: $accountId)` selecting the whole Capacity (as
 *      `CAPACITY_CHANGED_QUERY` does), `variables: { accountId }`, and
 *      `connectionParams: [{ authorization: "Bearer <key>" }]` (or one per tenant when `options.scopes > 1`);
 *    - `trigger(change)`: POST the `createUser` mutation (odd changes) or `deleteUser` of the user it created (even
 *      changes) to `httpUrl` with the API key, and resolve when the response arrives; throw on `errors`. The initial
 *      event must come from the subscription (`initial: true`), and each mutation must publish exactly one
 *      `capacityChanged` for the account (otherwise the harness sees two messages for one change and fails);
 *    - `stats()`: the executor's `stats()`;
 *    - `close()`: `server.stop()` then `emulator.close()`.
 * Latency is then measured from the trigger's IPC send (a few µs before the mutation's send) to each receipt.
 */
export async function createHeadroomTarget(_options: TargetOptions): Promise<BenchTarget> {
  throw new Error("bench target 'headroom' is not implemented yet: see the TODO in bench/targets/headroom.ts");
}
