import { randomUUID } from "node:crypto";
import DataLoader from "dataloader";
import type { ApiKeyAuthenticator, Caller } from "./auth/api-key-authenticator.js";
import type { PhoneNumber } from "./domain/directory.js";
import { UnauthenticatedError } from "./errors.js";
import type { SubscriptionFeeds } from "./events/subscription-feeds.js";
import type { Logger } from "./logger.js";
import type { DirectoryReader } from "./services/directory-reader.js";

/** Per-operation state, built the same way for HTTP requests and WebSocket subscriptions. */
export interface Context {
  readonly requestId: string;
  readonly caller: Caller;
  readonly loaders: Loaders;
  /** Event streams for subscriptions (type-graphql's `subscribe` functions see only the context). */
  readonly feeds: SubscriptionFeeds;
  readonly logger: Logger;
}

export interface Loaders {
  /** Phone numbers of one extension, keyed `accountId:extensionRcId`; one account list read serves them all. */
  readonly phoneNumbersByExtension: DataLoader<string, PhoneNumber[]>;
}

export type ContextFactory = (authorization: string | undefined) => Context;

export interface ContextDeps {
  readonly authenticate: ApiKeyAuthenticator;
  readonly directory: DirectoryReader;
  readonly feeds: SubscriptionFeeds;
  readonly logger: Logger;
}

/** Throws `UnauthenticatedError` when the API key is missing or unknown. */
export function createContextFactory({ authenticate, directory, feeds, logger }: ContextDeps): ContextFactory {
  return (authorization) => {
    const caller = authenticate(authorization);
    if (!caller) {
      throw new UnauthenticatedError(
        authorization ? "The API key is not valid" : "Send an API key: Authorization: Bearer <key>",
      );
    }
    let loaders: Loaders | undefined;
    // Every graphql-ws subscription gets a context too, and most never load anything: build loaders on first use.
    return {
      requestId: randomUUID(),
      caller,
      get loaders() {
        return (loaders ??= createLoaders(directory));
      },
      feeds,
      logger,
    };
  };
}

function createLoaders(directory: DirectoryReader): Loaders {
  return {
    phoneNumbersByExtension: new DataLoader(async (keys) => {
      const accountIds = [...new Set(keys.map((key) => key.split(":")[0]!))];
      const byExtension = new Map<string, PhoneNumber[]>();
      for (const accountId of accountIds) {
        for (const number of (await directory.phoneNumbers(accountId)).value) {
          if (number.extensionRcId === null) continue;
          const key = `${accountId}:${number.extensionRcId}`;
          byExtension.set(key, [...(byExtension.get(key) ?? []), number]);
        }
      }
      return keys.map((key) => byExtension.get(key) ?? []);
    }),
  };
}
