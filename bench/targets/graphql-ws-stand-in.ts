import { createServer } from "node:http";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { createDocumentCache } from "../../src/events/shared-documents.js";
import { createSharedSubscriptionExecutor } from "../../src/events/shared-execution.js";
import { useSharedServer } from "../../src/events/shared-ws-server.js";
import { BENCH_ACCOUNT_ID, CAPACITY_CHANGED_QUERY } from "./capacity-sample.js";
import { closeServer, listenOnLoopback } from "./listen.js";
import { CapacityEvents } from "./stand-in/capacity-events.js";
import type { StandInContext } from "./stand-in/context.js";
import { buildStandInSchema } from "./stand-in/schema.js";
import type { BenchTarget, TargetOptions } from "./target.js";

/** How much of the shared layer the stand-in uses. */
export type StandInMode =
  /** Stock `useServer` and graphql-js `subscribe`: one source stream and one execution per subscriber per event. */
  | "unshared"
  /** Stock `useServer` with the shared executor and the document cache. */
  | "shared-executor"
  /** All of it: `useSharedServer` (payload JSON spliced per result) + the shared executor + the document cache. */
  | "shared";

/**
 * A graphql-ws server with a type-graphql schema shaped like Headroom's `capacityChanged`, standing in until the real
 * subscription lands.
 */
export async function createStandInTarget(options: TargetOptions & { mode: StandInMode }): Promise<BenchTarget> {
  const events = new CapacityEvents();
  const schema = await buildStandInSchema(events);
  const httpServer = createServer();
  const wss = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const executor = createSharedSubscriptionExecutor<StandInContext>({ scopeKeyOf: (context) => context.tenant });
  const documents = createDocumentCache();
  const shared = options.mode !== "unshared";
  const use = options.mode === "shared" ? useSharedServer : useServer;
  const server = use<Record<string, unknown>>(
    {
      schema,
      context: ({ connectionParams }): StandInContext => ({
        tenant: typeof connectionParams?.["tenant"] === "string" ? connectionParams["tenant"] : "public",
        events,
      }),
      ...(shared ? { subscribe: executor.subscribe, parse: documents.parse, validate: documents.validate } : {}),
    },
    wss,
  );
  const port = await listenOnLoopback(httpServer);
  let changes = 0;

  return {
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    subscription: {
      query: CAPACITY_CHANGED_QUERY,
      variables: { accountId: BENCH_ACCOUNT_ID },
      connectionParams: Array.from({ length: options.scopes }, (_, scope) => ({ tenant: `tenant-${scope}` })),
    },
    async trigger(change) {
      while (changes < change) {
        changes += 1;
        events.publish();
      }
    },
    stats: () => (shared ? { ...executor.stats() } : {}),
    async close() {
      await server.dispose();
      await closeServer(httpServer);
    },
  };
}
