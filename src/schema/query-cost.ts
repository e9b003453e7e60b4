import { createRequire } from "node:module";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { getNamedType, GraphQLError, isLeafType, type DocumentNode, type GraphQLSchema } from "graphql";
import type * as QueryComplexity from "graphql-query-complexity";

/**
 * Its CommonJS build: the ESM one imports graphql's ESM build (`graphql/index.mjs`), a second graphql beside the
 * CommonJS one that type-graphql, Apollo and this code load, whose `instanceof` checks would refuse our schema.
 */
const { getComplexity } = createRequire(import.meta.url)("graphql-query-complexity") as typeof QueryComplexity;

/** A connection's page when the operation gives neither `first` nor `last` (see `ConnectionArgs`). */
const DEFAULT_PAGE_SIZE = 50;

/**
 * Cost = the objects a response can hold: each object field counts 1 plus what it selects, a connection's selection
 * once per item of the page it asks for (`first` or `last`), scalars nothing. Lists that are not connections are
 * short by nature (a tenant's accounts, a user's numbers) and count once.
 */
const objectsInResponse: QueryComplexity.ComplexityEstimator = ({ field, args, childComplexity }) => {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return 0;
  const pageSize = type.name.endsWith("Connection") ? pageSizeOf(args) : 1;
  return 1 + pageSize * childComplexity;
};

function pageSizeOf(args: Record<string, unknown>): number {
  const size = args["first"] ?? args["last"];
  return typeof size === "number" && size >= 0 ? size : DEFAULT_PAGE_SIZE;
}

/**
 * Refuses an operation whose cost (with its variables) is over `maxCost`, on HTTP and WebSocket alike: a
 * `GRAPHQL_VALIDATION_FAILED` error naming both figures, or undefined when it fits. Variables that do not bind are
 * not this check's to report (the operation then fails on them, with `BAD_USER_INPUT`).
 */
export function queryCostError(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  operationName: string | null | undefined,
  maxCost: number,
): GraphQLError | undefined {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [objectsInResponse],
    });
  } catch (error) {
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
  if (cost <= maxCost) return undefined;
  return new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}.`, {
    extensions: { code: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED },
  });
}
