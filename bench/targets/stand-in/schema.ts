import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type MiddlewareFn } from "type-graphql";
import type { CapacityEvents } from "./capacity-events.js";
import { CapacityChangedResolver } from "./capacity-changed.resolver.js";

// Headroom runs a global error interceptor; resolver methods pay for it, simple fields do not.
const passThrough: MiddlewareFn = async (_data, next) => next();

/** A type-graphql schema shaped like Headroom's `capacityChanged` subscription. */
export function buildStandInSchema(events: CapacityEvents): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [CapacityChangedResolver],
    pubSub: events.pubSub,
    globalMiddlewares: [passThrough],
    validate: false,
  });
}
