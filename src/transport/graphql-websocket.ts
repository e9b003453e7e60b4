import type { Server } from "node:http";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  specifiedRules,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from "graphql";
import type { SubscribePayload } from "graphql-ws";
import { WebSocketServer } from "ws";
import type { Context, ContextFactory } from "../context.js";
import { createDocumentCache, type DocumentCache } from "../events/shared-documents.js";
import { createSharedSubscriptionExecutor, type SharedExecutionStats } from "../events/shared-execution.js";
import { useSharedServer } from "../events/shared-ws-server.js";
import type { Logger } from "../logger.js";
import { queryCostError } from "../schema/query-cost.js";
import { queryLimitRules } from "../schema/query-limits.js";

/**
 * Subscriptions one socket may hold at once. A dashboard needs a few per account it shows (or one per kind with
 * `accountId` left out); each costs the server about 13 KB.
 */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 100;

export interface GraphQLWebSocketOptions {
  readonly httpServer: Server;
  readonly path: string;
  readonly schema: GraphQLSchema;
  readonly createContext: ContextFactory;
  readonly logger: Logger;
  /** Largest message accepted, as for HTTP bodies. */
  readonly maxPayloadBytes: number;
  /** The query cost limit, as on HTTP. */
  readonly maxQueryCost: number;
}

/**
 * graphql-ws on the HTTP server's own port and path. The API key travels in `connection_init`
 * (`{ "authorization": "Bearer …" }`); a missing or unknown key closes the socket with 4403 before any operation.
 * Each operation gets a context from the same factory as HTTP, so tenancy and roles apply alike, and passes the same
 * validation rules and limits; a document that does not parse or validate fails that subscription alone, with the
 * code HTTP would give it, and leaves the socket and its other subscriptions open.
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
  const documents = createDocumentCache({ rules: [...specifiedRules, ...queryLimitRules] });
  const server = useSharedServer(
    {
      schema: options.schema,
      subscribe: executor.subscribe,
      // graphql-ws has already counted this subscription in.
      onSubscribe: (ctx, _id, payload) =>
        Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET
          ? [tooManySubscriptions()]
          : checkedOperation(options, documents, payload),
      logger: options.logger,
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
  return {
    dispose: async () => {
      await server.dispose();
    },
    stats: () => executor.stats(),
  };
}

/**
 * The operation's execution arguments, or its errors coded as on HTTP (parse, validation, operation name,
 * variables, cost).
 * graphql-ws would parse and validate too, but a syntax error there escapes as an internal error and closes the
 * socket (4500) with every subscription on it, and its errors carry no code.
 */
function checkedOperation(
  { schema, maxQueryCost }: Pick<GraphQLWebSocketOptions, "schema" | "maxQueryCost">,
  documents: DocumentCache,
  payload: SubscribePayload,
): ExecutionArgs | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = documents.parse(payload.query);
  } catch (error) {
    if (error instanceof GraphQLError) return [withCode(error, ApolloServerErrorCode.GRAPHQL_PARSE_FAILED)];
    throw error;
  }
  const errors = documents.validate(schema, document);
  if (errors.length > 0) return errors.map((error) => withCode(error, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED));
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return [unresolvedOperation(payload.operationName)];
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
  if (variables.errors) return variables.errors.map((error) => withCode(error, ApolloServerErrorCode.BAD_USER_INPUT));
  const { variables: values, operationName } = payload;
  // The subscription type has no `accounts` list: the caller's account count does not matter here.
  const tooCostly = queryCostError(
    { schema, document, variables: values, operationName, accountCount: 1 },
    maxQueryCost,
  );
  if (tooCostly) return [tooCostly];
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}

/** graphql-js's words for an operation that does not resolve, with Apollo's code for it. */
function unresolvedOperation(name: string | null | undefined): GraphQLError {
  const message = name
    ? `Unknown operation named "${name}".`
    : "Must provide operation name if query contains multiple operations.";
  return new GraphQLError(message, { extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE } });
}

function tooManySubscriptions(): GraphQLError {
  return new GraphQLError(
    `A connection holds at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions at once; complete one first`,
    { extensions: { code: ApolloServerErrorCode.BAD_REQUEST } },
  );
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.["authorization"] ?? params?.["Authorization"];
  return typeof value === "string" ? value : undefined;
}
