import type { BenchTarget, TargetOptions } from "./target.js";

/**
 * TODO(lead): Headroom itself as the server under test. The subscriptions and mutations have landed
 * (`src/resolvers/subscription.resolver.ts`, `src/resolvers/provisioning.resolver.ts`); what is left is wiring and
 * this adapter. Until then `--targets headroom` fails fast with this message; the stand-in covers the shape.
 *
 * Wiring (src/transport/graphql-websocket.ts, today stock `useServer`): `useSharedServer` from
 * `src/events/shared-ws-server.ts` with `subscribe: executor.subscribe`, `parse`/`validate` from
 * `createDocumentCache()` (add the depth/cost rules there), and
 * `createSharedSubscriptionExecutor<Context>({ scopeKeyOf: (ctx) => ctx.caller.tenantId })` created in `createServer`.
 *
 * This adapter (all on 127.0.0.1, port 0, inside the bench's child process so memory is the server's alone):
 * 1. `createEmulator({ seed })` from `src/emulator/index.ts` with one account whose plan leaves room for one more user,
 *    so that `createUser` then `deleteUser` alternate forever without CAPACITY_EXHAUSTED.
 * 2. `createServer(config)` from `src/server.ts` in connected mode against `emulator.url`, one tenant API key of role
 *    `operator` that sees that account, logging silenced, and no poller interval short enough to publish on its own.
 * 3. Return a {@link BenchTarget}:
 *    - `wsUrl`: the server's `wsUrl`;
 *    - `subscription`: `capacityChanged(accountId: $accountId, initial: true)` selecting the whole Capacity (as
 *      `CAPACITY_CHANGED_QUERY` does), `variables: { accountId }`, `connectionParams: [{ authorization: "Bearer <key>" }]`
 *      (one key per tenant when `options.scopes > 1`);
 *    - `trigger(change)`: POST `createUser` (odd changes) or `deleteUser` of the user it created (even changes) to
 *      `httpUrl` with the key; resolve when the response arrives; throw on `errors`. Each mutation must publish exactly
 *      one `capacityChanged` for the account: the harness fails on a second message for one change;
 *    - `stats()`: `{ ...executor.stats() }` (expose the executor from `createServer`, e.g. through `ServerDeps`);
 *    - `close()`: `server.stop()`, then `emulator.close()`.
 * Latency is measured from the trigger's IPC send (a few µs before the mutation is sent) to each receipt, so it
 * includes the mutation's own upstream round trips to the emulator; compare it with plain ws accordingly.
 */
export async function createHeadroomTarget(_options: TargetOptions): Promise<BenchTarget> {
  throw new Error("bench target 'headroom' is not implemented yet: see the TODO in bench/targets/headroom.ts");
}
