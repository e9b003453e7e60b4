import { createRequire } from "node:module";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import {
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isLeafType,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import type * as QueryComplexity from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE } from "../resolvers/paginate.js";

/**
 * Its CommonJS build: the ESM one imports graphql's ESM build (`graphql/index.mjs`), a second graphql beside the
 * CommonJS one that type-graphql, Apollo and this code load, whose `instanceof` checks would refuse our schema.
 */
const { getComplexity } = createRequire(import.meta.url)("graphql-query-complexity") as typeof QueryComplexity;

/** What the cost of one operation depends on besides its text. */
export interface QueryCostInput {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly variables: Readonly<Record<string, unknown>> | null | undefined;
  readonly operationName: string | null | undefined;
  /** How many accounts the caller sees: `accounts` returns that many. */
  readonly accountCount: number;
}

/**
 * Cost = the objects a response can hold: each object field counts 1 plus what it selects; a connection (a field
 * taking `first`) its selection once per item of the page asked for (so `pageInfo` is counted per item too: an
 * overestimate of one object per item); `accounts` once per account the caller sees; other lists (a user's numbers)
 * once. Scalars count nothing.
 */
function objectsInResponse(accountCount: number): QueryComplexity.ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (isLeafType(getNamedType(field.type))) return 0;
    const isConnection = field.args.some((arg) => arg.name === "first");
    const items = isConnection
      ? pageSizeOf(args)
      : type.name === "Query" && field.name === "accounts"
        ? accountCount
        : 1;
    return 1 + items * childComplexity;
  };
}

function pageSizeOf(args: Record<string, unknown>): number {
  const size = args["first"] ?? args["last"];
  return typeof size === "number" && size >= 0 ? size : DEFAULT_PAGE_SIZE;
}

/**
 * Refuses an operation whose cost (with its variables) is over `maxCost`, on HTTP and WebSocket alike: a
 * `GRAPHQL_VALIDATION_FAILED` error naming both figures, or undefined when it fits. An operation that does not
 * resolve or whose variables do not bind is not this check's to report: it fails on that, with its own code.
 * Anything else that stops the count (a document whose fragments expand past the counter's 10,000 nodes) refuses.
 */
export function queryCostError(input: QueryCostInput, maxCost: number): GraphQLError | undefined {
  const { schema, document, operationName } = input;
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], input.variables ?? {});
  if (variables.errors) return undefined;
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      // Its own coercion, which now succeeds: given coerced values, it would coerce them again.
      variables: input.variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [objectsInResponse(input.accountCount)],
    });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return tooCostly(error.message);
  }
  return cost <= maxCost ? undefined : tooCostly(`Query cost limit of ${maxCost} exceeded, found ${cost}.`);
}

function tooCostly(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED } });
}
