import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema as buildTypeGraphQLSchema, type ContainerType, type MiddlewareFn } from "type-graphql";
import { AccountResolver } from "../resolvers/account.resolver.js";
import { PhoneNumberResolver } from "../resolvers/phone-number.resolver.js";
import { ProvisioningResolver } from "../resolvers/provisioning.resolver.js";
import { SubscriptionResolver } from "../resolvers/subscription.resolver.js";
import { QueryResolver } from "../resolvers/query.resolver.js";
import { UserResolver } from "../resolvers/user.resolver.js";
import { Extension } from "./extension.type.js";
import { PhoneNumber } from "./phone-number.type.js";
import { User } from "./user.type.js";

export const RESOLVER_CLASSES = [
  QueryResolver,
  AccountResolver,
  UserResolver,
  PhoneNumberResolver,
  ProvisioningResolver,
  SubscriptionResolver,
] as const;

export type ResolverClass = (typeof RESOLVER_CLASSES)[number];
export type ResolverInstances = ReadonlyMap<ResolverClass, object>;

/**
 * Builds the executable schema from resolver instances constructed by `createServer` (no DI framework: the
 * container is a map lookup). Without instances (schema emission), resolvers are never called.
 *
 * Every object type sets `simpleResolvers: true`: plain data fields skip the middleware stack (a 1,500-user page
 * would otherwise run the error interceptor ~15,000 times), while resolver methods keep it.
 */
export async function buildSchema(options: {
  resolvers?: ResolverInstances;
  globalMiddlewares?: MiddlewareFn[];
}): Promise<GraphQLSchema> {
  const container: ContainerType = {
    get: (someClass) => {
      const instance = options.resolvers?.get(someClass as ResolverClass);
      if (!instance) throw new Error(`No resolver instance for ${String(someClass)}`);
      return instance;
    },
  };
  return buildTypeGraphQLSchema({
    resolvers: RESOLVER_CLASSES,
    container,
    globalMiddlewares: options.globalMiddlewares ?? [],
    // Node implementers reachable only through Query.node must still be in the schema.
    orphanedTypes: [User, Extension, PhoneNumber],
    validate: false,
    // Every @Subscription brings its own `subscribe` (SubscriptionFeeds); type-graphql still insists on a PubSub.
    pubSub: {
      publish: () => undefined,
      subscribe: () => {
        throw new Error("Subscriptions here use their own `subscribe` functions, not topics");
      },
    },
  });
}
