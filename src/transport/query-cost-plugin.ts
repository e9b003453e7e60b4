import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Context } from "../context.js";
import { queryCostError } from "../schema/query-cost.js";

/**
 * The query cost limit on HTTP: checked once the operation is parsed and validated, before anything runs, with the
 * request's variables (a cost depends on `first`) and the caller's accounts. Refused with 400, as validation errors
 * are.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, contextValue }) {
          const error = queryCostError(
            {
              schema,
              document,
              variables: request.variables,
              operationName: request.operationName,
              accountCount: contextValue.caller.accountIds.size,
            },
            maxCost,
          );
          if (error)
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
