import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { GraphQLError } from "graphql";
import { queryCostError } from "../schema/query-cost.js";

/**
 * The query cost limit on HTTP: checked once the operation is parsed and validated, before anything runs, with the
 * request's variables (a cost depends on `first`). Refused with 400, as validation errors are.
 */
export function queryCostPlugin<TContext extends BaseContext>(maxCost: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const error = queryCostError(schema, document, request.variables, request.operationName, maxCost);
          if (error)
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
