import { createServer } from "node:http";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { createDocumentCache } from "../../src/events/shared-documents.js";
import { createSharedSubscriptionExecutor } from "../../src/events/shared-execution.js";
import { BENCH_ACCOUNT_ID, CAPACITY_CHANGED_QUERY } from "./capacity-sample.js";
import { closeServer, listenOnLoopback } from "./listen.js";
import { CapacityEvents } from "./stand-in/capacity-events.js";
import type { StandInContext } from "./stand-in/context.js";
import { buildStandInSchema } from "./stand-in/schema.js";
import type { BenchTarget, TargetOptions } from "./target.js";

/**
 * A graphql-ws server with a type-graphql schema shaped like Headroom's `capacityChanged`, standing in until the real
 * subscription lands. `shared: false` is plain `useServer` (graphql-js `subscribe`: one execution per subscriber per
 * event); `shared: true` adds the shared executor and the document cache.
 */
export async function createStandInTarget(options: TargetOptions & { shared: boolean }): Promise<BenchTarget> {
  const events = new CapacityEvents();
  const schema = await buildStandInSchema(events);
  const httpServer = createServer();
  const wss = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const executor = createSharedSubscriptionExecutor<StandInContext>({ scopeKeyOf: (context) => context.tenant });
  const documents = createDocumentCache();
  const server = useServer<Record<string, unknown>>(
    {
      schema,
      context: ({ connectionParams }): StandInContext => ({
        tenant: typeof connectionParams?.["tenant"] === "string" ? connectionParams["tenant"] : "public",
        events,
      }),
      ...(options.shared
        ? { subscribe: executor.subscribe, parse: documents.parse, validate: documents.validate }
        : {}),
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
    stats: () => (options.shared ? executor.stats() : {}),
    async close() {
      await server.dispose();
      await closeServer(httpServer);
    },
  };
}
