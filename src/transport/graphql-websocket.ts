import type { Server } from "node:http";
import type { GraphQLSchema } from "graphql";
import { WebSocketServer } from "ws";
import type { Context, ContextFactory } from "../context.js";
import { createDocumentCache } from "../events/shared-documents.js";
import { createSharedSubscriptionExecutor, type SharedExecutionStats } from "../events/shared-execution.js";
import { useSharedServer } from "../events/shared-ws-server.js";
import type { Logger } from "../logger.js";

export interface GraphQLWebSocketOptions {
  readonly httpServer: Server;
  readonly path: string;
  readonly schema: GraphQLSchema;
  readonly createContext: ContextFactory;
  readonly logger: Logger;
  /** Largest message accepted, as for HTTP bodies. */
  readonly maxPayloadBytes: number;
}

/**
 * graphql-ws on the HTTP server's own port and path. The API key travels in `connection_init`
 * (`{ "authorization": "Bearer …" }`); a missing or unknown key closes the socket with 4403 before any operation.
 * Each operation gets a context from the same factory as HTTP, so tenancy and roles apply alike.
 *
 * Thousands of dashboards watch the same accounts: subscribers of one operation within one tenant share one source
 * stream, and each event is executed and serialized once for them all (see `shared-execution.ts`).
 * @returns a disposer that closes every socket with 1001 (Going Away), and the sharing counters.
 */
export function startGraphQLWebSocket(options: GraphQLWebSocketOptions): {
  dispose(): Promise<void>;
  stats(): SharedExecutionStats;
} {
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: options.maxPayloadBytes,
  });
  // Results are mapped from the event payload alone: the tenant is all that tells two subscribers apart.
  const executor = createSharedSubscriptionExecutor<Context>({ scopeKeyOf: (context) => context.caller.tenantId });
  const documents = createDocumentCache();
  const server = useSharedServer(
    {
      schema: options.schema,
      subscribe: executor.subscribe,
      parse: documents.parse,
      validate: documents.validate,
      onConnect: ({ connectionParams }) => {
        try {
          options.createContext(authorizationOf(connectionParams));
          return true;
        } catch {
          return false;
        }
      },
      context: ({ connectionParams }) => options.createContext(authorizationOf(connectionParams)),
    },
    wss,
  );
  wss.on("error", (error) => options.logger.error({ err: error }, "websocket server error"));
  return {
    dispose: async () => {
      await server.dispose();
    },
    stats: () => executor.stats(),
  };
}

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.["authorization"] ?? params?.["Authorization"];
  return typeof value === "string" ? value : undefined;
}
