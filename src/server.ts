// type-graphql decorators read metadata while their modules load: the polyfill must come first.
import "reflect-metadata";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError } from "graphql";
import { createApiKeyAuthenticator } from "./auth/api-key-authenticator.js";
import type { Config } from "./config.js";
import { createContextFactory, type Context } from "./context.js";
import { RingCentralDataSource } from "./datasources/ringcentral.datasource.js";
import { DomainError } from "./errors.js";
import { createLogger } from "./logger.js";
import { AccountResolver } from "./resolvers/account.resolver.js";
import { PhoneNumberResolver } from "./resolvers/phone-number.resolver.js";
import { QueryResolver } from "./resolvers/query.resolver.js";
import { UserResolver } from "./resolvers/user.resolver.js";
import { buildSchema, type ResolverClass } from "./schema/build-schema.js";
import { createErrorInterceptor } from "./schema/error-interceptor.js";
import { RingCentralPush } from "./datasources/ringcentral-push.js";
import { AccountChangeProcessor } from "./events/account-change-processor.js";
import { createCapacityWatcher, WEBHOOK_PATH } from "./events/capacity-watcher.js";
import { createBusClients, EventBus } from "./events/pubsub.js";
import { ProvisioningResolver } from "./resolvers/provisioning.resolver.js";
import { SubscriptionResolver } from "./resolvers/subscription.resolver.js";
import { SubscriptionFeeds } from "./events/subscription-feeds.js";
import type { SharedExecutionStats } from "./events/shared-execution.js";
import { startGraphQLWebSocket } from "./transport/graphql-websocket.js";
import { createHttpErrorHandler, notFound } from "./transport/http-errors.js";
import { CapacityService } from "./services/capacity.service.js";
import { PolicyProvider } from "./services/policy-provider.js";
import { NumberProvisioner } from "./services/provisioning/number-provisioner.js";
import { withBusyErrors } from "./services/provisioning/busy-lock.js";
import { ProvisioningService } from "./services/provisioning/provisioning.service.js";
import { IdempotencyRunner } from "./services/provisioning/run-idempotent.js";
import { SeatProvisioner } from "./services/provisioning/seat-provisioner.js";
import { UserRemover } from "./services/provisioning/user-remover.js";
import { createStores } from "./stores/create-stores.js";
import { queryLimitRules } from "./schema/query-limits.js";
import { queryCostPlugin } from "./transport/query-cost-plugin.js";

export interface RunningServer {
  /** e.g. `http://127.0.0.1:4000/graphql` */
  readonly httpUrl: string;
  /** e.g. `ws://127.0.0.1:4000/graphql` */
  readonly wsUrl: string;
  /** Base URL without path, for `/healthz`, `/readyz`. */
  readonly baseUrl: string;
  /** How graphql-ws subscribers share streams and executions (for benchmarks and metrics). */
  subscriptionStats(): SharedExecutionStats;
  /** Drains HTTP, closes sockets and upstream connections. Idempotent. */
  stop(): Promise<void>;
}

/** Maximum request body: GraphQL documents are small; anything larger is abuse. */
const MAX_BODY_BYTES = 100 * 1024;

/**
 * Builds the whole service from `config` and listens on `config.host:config.port` (0 = ephemeral).
 * Resolves once listening.
 */
export async function createServer(config: Config): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const stores = await createStores({
    redisUrl: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
    leases: { ttlMs: config.leaseTtlMs },
    logger,
  });
  const bus = new EventBus(
    config.redisKeyPrefix,
    config.redisUrl ? createBusClients(config.redisUrl, logger) : undefined,
  );
  await bus.ready();
  const datasource = new RingCentralDataSource({
    connections: config.accounts,
    cacheTtlMs: config.cacheTtlMs,
    rateLimitDeadlineMs: config.rateLimitDeadlineMs,
    requestTimeoutMs: config.upstreamTimeoutMs,
    cache: stores.readCache,
    logger,
  });
  const policies = new PolicyProvider(config.capacity, stores.thresholds);
  const capacity = new CapacityService(datasource, policies);
  const changes = new AccountChangeProcessor({
    directory: datasource,
    capacity,
    bus,
    state: stores.eventState,
    lock: stores.accountLock,
    alertPolicy: { cooldownMs: config.alertCooldownMs },
    now: () => new Date(),
    logger,
  });
  const watcher = createCapacityWatcher({
    accountIds: datasource.accountIds(),
    directory: datasource,
    capacity,
    processor: changes,
    leases: stores.leases,
    push: new RingCentralPush(datasource, { rateLimitDeadlineMs: config.rateLimitDeadlineMs, logger }),
    pollIntervalMs: config.pollIntervalMs,
    publicUrl: config.publicUrl,
    webhookExpiresInSec: config.webhookExpiresInSec,
    renewBeforeMs: config.webhookRenewBeforeMs,
    logger,
  });
  const provisioningDeps = {
    directory: datasource,
    capacity,
    lock: withBusyErrors(stores.accountLock),
    changes,
    logger,
  };
  const provisioning = new ProvisioningService(
    new SeatProvisioner(provisioningDeps),
    new NumberProvisioner(provisioningDeps),
    new UserRemover(provisioningDeps),
    new IdempotencyRunner(stores.idempotency, config.idempotencyTtlMs),
    capacity,
    policies,
    stores.thresholds,
    changes,
  );
  const schema = await buildSchema({
    resolvers: new Map<ResolverClass, object>([
      [QueryResolver, new QueryResolver(datasource, capacity, policies)],
      [AccountResolver, new AccountResolver(datasource, capacity, policies)],
      [UserResolver, new UserResolver()],
      [PhoneNumberResolver, new PhoneNumberResolver(datasource)],
      [ProvisioningResolver, new ProvisioningResolver(provisioning)],
      [SubscriptionResolver, new SubscriptionResolver()],
    ]),
    globalMiddlewares: [createErrorInterceptor(logger)],
  });
  const createContext = createContextFactory({
    authenticate: createApiKeyAuthenticator(config.tenants),
    directory: datasource,
    feeds: new SubscriptionFeeds(bus, capacity, changes),
    logger,
  });

  const app = express();
  const httpServer = createHttpServer(app);
  const webSocket = startGraphQLWebSocket({
    httpServer,
    path: "/graphql",
    schema,
    createContext,
    logger,
    maxPayloadBytes: MAX_BODY_BYTES,
    maxQueryCost: config.maxQueryCost,
  });
  const apollo = new ApolloServer<Context>({
    schema,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Live subscriptions end with 1001 (Going Away) when the server drains.
      { serverWillStart: async () => ({ drainServer: () => webSocket.dispose() }) },
      queryCostPlugin(config.maxQueryCost),
    ],
    validationRules: [...queryLimitRules],
    // Stack traces never leave the process, whatever NODE_ENV says.
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals and stops everything in order; Apollo's own handler would race it.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const [upstream, store] = await Promise.all([
      datasource.ping(),
      stores.ping().then(
        () => true,
        () => false,
      ),
    ]);
    const ready = upstream && store;
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable", upstream, store });
  });
  app.post(WEBHOOK_PATH, watcher.webhookHandler);
  app.use(
    "/graphql",
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return createContext(req.headers.authorization);
        } catch (error) {
          if (error instanceof DomainError) {
            throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
          }
          throw error;
        }
      },
    }),
  );

  app.use(notFound);
  app.use(createHttpErrorHandler(logger));

  await listen(httpServer, config.port, config.host);
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  logger.info({ port, mode: config.mode, push: watcher.transport }, "Headroom listening");
  // After listening: in WebHook mode RingCentral calls us back while the subscription is being created.
  if (config.watch) watcher.start();

  let stopping: Promise<void> | undefined;
  return {
    baseUrl: `http://${host}:${port}`,
    httpUrl: `http://${host}:${port}/graphql`,
    wsUrl: `ws://${host}:${port}/graphql`,
    subscriptionStats: () => webSocket.stats(),
    stop: () =>
      (stopping ??= (async () => {
        // First, while RingCentral and the stores are still reachable: drop push subscriptions, release leases.
        await watcher.stop();
        await apollo.stop();
        await datasource.close();
        await bus.close();
        await stores.close();
      })()),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // A larger backlog than Node's 511: dashboards reconnect in bursts (e.g. after a deploy).
    server.listen({ port, host, backlog: 4_096 }, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
