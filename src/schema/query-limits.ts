import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { GraphQLError, type ValidationContext, type ValidationRule } from "graphql";

/**
 * Deepest selection accepted. The deepest the schema goes without fragments (the extension behind a user's number:
 * `account { users { edges { node { phoneNumbers { extension { name } } } } } }`) is 7; the rest leaves room for
 * fragments, which count a level each.
 */
export const MAX_QUERY_DEPTH = 12;

/** Aliases accepted per operation: enough to ask for a few views side by side, too few to fan one query out. */
export const MAX_QUERY_ALIASES = 30;

/**
 * The limits every operation passes, on HTTP and WebSocket alike, besides graphql-js's own rules. A violation is a
 * validation error (`GRAPHQL_VALIDATION_FAILED`) that names the limit and what the operation has.
 */
export const queryLimitRules: readonly ValidationRule[] = [
  maxDepthRule({ n: MAX_QUERY_DEPTH, propagateOnRejection: false, onReject: [report] }),
  maxAliasesRule({ n: MAX_QUERY_ALIASES, propagateOnRejection: false, onReject: [report] }),
];

/** Reports the rejection as a validation error, without the "Syntax Error: " graphql-armor puts before it. */
function report(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, "")));
}
