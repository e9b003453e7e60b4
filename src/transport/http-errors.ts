import { ApolloServerErrorCode } from "@apollo/server/errors";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "../logger.js";

/**
 * Failures before GraphQL runs (body parsing, size limit) answer in GraphQL's error shape with a stable code,
 * never express's HTML page, which would carry a stack trace.
 */
export function createHttpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const status = httpStatusOf(error);
    if (status !== undefined && status < 500) {
      const message = status === 413 ? "The request body is too large" : "The request body is not valid JSON";
      res.status(status).json({ errors: [{ message, extensions: { code: ApolloServerErrorCode.BAD_REQUEST } }] });
      return;
    }
    logger.error({ err: error }, "unexpected error in the HTTP layer");
    res
      .status(500)
      .json({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
  };
}

/** Unknown paths get a JSON 404 rather than express's HTML page. */
export const notFound: RequestHandler = (_req, res) => {
  res
    .status(404)
    .json({ errors: [{ message: "Not found: GraphQL is served at /graphql", extensions: { code: "NOT_FOUND" } }] });
};

function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}
