import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { CapacityExhaustedError, NotFoundError, UpstreamRateLimitedError } from "../../src/errors.js";
import { createLogger } from "../../src/logger.js";
import { toGraphQLError } from "../../src/schema/error-interceptor.js";

const logged: string[] = [];
const logger = createLogger("error", { write: (line: string) => logged.push(line) });

describe("toGraphQLError", () => {
  it.each([
    [new NotFoundError("No account 1"), { code: "NOT_FOUND" }],
    [new UpstreamRateLimitedError(1_500), { code: "UPSTREAM_RATE_LIMITED", retryAfterMs: 1_500 }],
    [new CapacityExhaustedError("full", { limit: 4, used: 4 }), { code: "CAPACITY_EXHAUSTED", limit: 4, used: 4 }],
  ])("gives a domain error its stable code and safe details: %s", (error, extensions) => {
    expect(toGraphQLError(error, logger).extensions).toEqual(extensions);
  });

  it("passes GraphQL errors through unchanged", () => {
    const error = new GraphQLError("as is", { extensions: { code: "BAD_USER_INPUT" } });
    expect(toGraphQLError(error, logger)).toBe(error);
  });

  it("masks anything else as INTERNAL_SERVER_ERROR and logs it", () => {
    const masked = toGraphQLError(new Error("secret token abc123 leaked in a message"), logger);
    expect(masked.message).toBe("Internal server error");
    expect(masked.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    expect(logged.join("")).toContain("unexpected error in a resolver");
  });
});
