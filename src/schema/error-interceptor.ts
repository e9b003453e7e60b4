import { GraphQLError } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import { DomainError, ErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";

declare module "graphql" {
  interface GraphQLErrorExtensions {
    code?: ErrorCode | string;
    field?: string;
    retryAfterMs?: number;
  }
}

/**
 * Global type-graphql middleware: `DomainError` → `GraphQLError` with `extensions.code` (and its safe details);
 * `GraphQLError` passes through; anything else is logged and masked as INTERNAL_SERVER_ERROR. It runs inside the
 * schema, so HTTP and WebSocket clients see identical errors.
 */
export function createErrorInterceptor(logger: Logger): MiddlewareFn {
  return async (_action, next) => {
    try {
      return await next();
    } catch (error) {
      throw toGraphQLError(error, logger);
    }
  };
}

export function toGraphQLError(error: unknown, logger: Logger): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } });
  }
  logger.error({ err: error }, "unexpected error in a resolver");
  return new GraphQLError("Internal server error", { extensions: { code: ErrorCode.InternalServerError } });
}
