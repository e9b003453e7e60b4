import type { Server } from "node:http";
import type { GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { ContextFactory } from "../context.js";
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
 * @returns a disposer that closes every socket with 1001 (Going Away).
 */
export function startGraphQLWebSocket(options: GraphQLWebSocketOptions): { dispose(): Promise<void> } {
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: options.maxPayloadBytes,
  });
  const server = useServer(
    {
      schema: options.schema,
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
  };
}

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.["authorization"] ?? params?.["Authorization"];
  return typeof value === "string" ? value : undefined;
}
