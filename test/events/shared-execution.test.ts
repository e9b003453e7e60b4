import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createPubSub } from "@graphql-yoga/subscription";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { createClient, type Client, type Disposable, type FormattedExecutionResult } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import {
  Arg,
  buildSchema,
  Ctx,
  Field,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from "type-graphql";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { createDocumentCache } from "../../src/events/shared-documents.js";
import {
  createSharedSubscriptionExecutor,
  type SharedSubscriptionExecutor,
} from "../../src/events/shared-execution.js";
import { useSharedServer } from "../../src/events/shared-ws-server.js";

interface TickEvent {
  accountId: string;
  initial: boolean;
  value: number;
  /** Makes the resolver throw, to check that execution errors are shared like data. */
  fail?: boolean;
}

interface TestContext {
  readonly tenant: string;
  readonly initialValue: number;
  readonly initials: number;
  readonly app: TestApp;
}

@ObjectType()
class Tick {
  @Field((_type) => ID)
  accountId: string;

  @Field((_type) => Boolean)
  initial: boolean;

  @Field((_type) => Int)
  value: number;

  @Field((_type) => String, { description: "From the executing context: shows whose execution a subscriber got." })
  tenant: string;
}

@Resolver()
class TickResolver {
  @Query((_type) => Boolean)
  ping(): boolean {
    return true;
  }

  @Subscription((_type) => Tick, {
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { accountId: string }, TestContext>) =>
      context.app.watch(args.accountId, context.initialValue, context.initials),
  })
  tick(
    @Root() event: TickEvent,
    @Arg("accountId", (_type) => ID) _accountId: string,
    @Ctx() context: TestContext,
  ): Tick {
    context.app.executions += 1;
    if (event.fail === true) throw new GraphQLError("tick failed", { extensions: { code: "TICK_FAILED" } });
    return { accountId: event.accountId, initial: event.initial, value: event.value, tenant: context.tenant };
  }
}

const TICK = /* GraphQL */ `
  subscription Tick($accountId: ID!) {
    tick(accountId: $accountId) {
      accountId
      initial
      value
      tenant
    }
  }
`;

/** Counts pubsub listeners, and tells when none are left. */
class CountingEventTarget extends EventTarget {
  listeners = 0;
  private onEmpty: (() => void) | undefined;

  override addEventListener(...args: Parameters<EventTarget["addEventListener"]>): void {
    this.listeners += 1;
    super.addEventListener(...args);
  }

  override removeEventListener(...args: Parameters<EventTarget["removeEventListener"]>): void {
    this.listeners -= 1;
    super.removeEventListener(...args);
    if (this.listeners === 0) this.onEmpty?.();
  }

  /** Resolves once no listener is left. */
  empty(): Promise<void> {
    if (this.listeners === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onEmpty = resolve;
    });
  }
}

let schemaPromise: Promise<GraphQLSchema> | undefined;

/** One pubsub for the whole file: type-graphql wants it at build time; each app dispatches on its own target. */
const schemaPubSub = createPubSub();

class TestApp {
  executions = 0;
  readonly events = new CountingEventTarget();
  private readonly pubSub = createPubSub<{ TICK: [TickEvent] }>({ eventTarget: this.events });
  private closedConnections = 0;
  private readonly closeWaiters: { count: number; resolve: () => void }[] = [];

  url: string;
  private server: Server;
  private ws: Disposable;

  constructor(readonly executor: SharedSubscriptionExecutor) {}

  async listen(server: Server, ws: Disposable): Promise<void> {
    this.server = server;
    this.ws = ws;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }

  private watchers = 0;
  private readonly watcherWaiters: { count: number; resolve: () => void }[] = [];
  private gate: Promise<void> | undefined;

  /** Like Headroom's feeds: listens first, then emits `initials` initial events (the later ones wait for the gate). */
  watch(accountId: string, initialValue: number, initials: number): AsyncIterableIterator<TickEvent> {
    const source = this.pubSub.subscribe("TICK")[Symbol.asyncIterator]();
    let pending = source.next();
    let sent = 0;
    const gate = this.gate;
    this.watchers += 1;
    for (const waiter of this.watcherWaiters) if (this.watchers >= waiter.count) waiter.resolve();
    const stream: AsyncIterableIterator<TickEvent> = {
      next: async () => {
        if (sent < initials) {
          if (sent > 0) await gate;
          sent += 1;
          return { value: { accountId, initial: true, value: initialValue + sent - 1 }, done: false };
        }
        for (;;) {
          const step = await pending;
          if (step.done === true) return step;
          pending = source.next();
          if (step.value.accountId === accountId) return step;
        }
      },
      return: async () => {
        await source.return?.();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => stream,
    };
    return stream;
  }

  /** Holds back every initial event but the first of subscriptions started from now on, until `open()`. */
  closeGate(): { open(): void } {
    let open = (): void => undefined;
    this.gate = new Promise((resolve) => {
      open = resolve;
    });
    return { open: () => open() };
  }

  /** Resolves once `count` subscriptions have started watching (server side). */
  watching(count: number): Promise<void> {
    if (this.watchers >= count) return Promise.resolve();
    return new Promise((resolve) => this.watcherWaiters.push({ count, resolve }));
  }

  /** Every local listener gets this same object, as with Headroom's pubsub. */
  publish(event: TickEvent): void {
    this.pubSub.publish("TICK", event);
  }

  connectionClosed(): void {
    this.closedConnections += 1;
    for (const waiter of this.closeWaiters) if (this.closedConnections >= waiter.count) waiter.resolve();
  }

  /** Resolves when the server has finished closing `count` connections (their subscriptions returned). */
  connectionsClosed(count: number): Promise<void> {
    if (this.closedConnections >= count) return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push({ count, resolve }));
  }

  async stop(): Promise<void> {
    await this.ws.dispose();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const leftovers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(leftovers.splice(0).map((dispose) => dispose()));
});

async function startApp(
  transport: "useSharedServer" | "useServer",
  limits: { maxBufferedBytes?: number } = {},
): Promise<TestApp> {
  schemaPromise ??= buildSchema({ resolvers: [TickResolver], pubSub: schemaPubSub, validate: false });
  const schema = await schemaPromise;
  const executor = createSharedSubscriptionExecutor<TestContext>({ scopeKeyOf: (context) => context.tenant });
  const documents = createDocumentCache();
  const server = createServer();
  const wss = new WebSocketServer({ server, path: "/graphql" });
  const app = new TestApp(executor);
  const use = transport === "useSharedServer" ? useSharedServer : useServer;
  type Params = { tenant?: string; initialValue?: number; initials?: number };
  const options: Parameters<typeof useSharedServer<Params>>[0] = {
    ...limits,
    schema,
    subscribe: executor.subscribe,
    parse: documents.parse,
    validate: documents.validate,
    context: ({ connectionParams }): TestContext => ({
      tenant: connectionParams?.tenant ?? "tenant-a",
      initialValue: connectionParams?.initialValue ?? 0,
      initials: connectionParams?.initials ?? 1,
      app,
    }),
    onClose: () => app.connectionClosed(),
  };
  const ws = use<Params>(options, wss);
  await app.listen(server, ws);
  leftovers.push(() => app.stop());
  return app;
}

type TickResult = FormattedExecutionResult<{ tick: Tick }, unknown>;

interface Subscriber {
  readonly client: Client;
  readonly results: AsyncIterableIterator<TickResult>;
  next(): Promise<TickResult>;
}

function subscribe(
  app: TestApp,
  params: { tenant?: string; initialValue?: number; initials?: number; accountId?: string } = {},
): Subscriber {
  const client = createClient({
    url: app.url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: {
      tenant: params.tenant ?? "tenant-a",
      initialValue: params.initialValue ?? 0,
      initials: params.initials ?? 1,
    },
  });
  leftovers.push(async () => {
    await client.dispose();
  });
  const results = client.iterate<{ tick: Tick }>({
    query: TICK,
    variables: { accountId: params.accountId ?? "acc-1" },
  });
  return {
    client,
    results,
    next: async () => {
      const step = await results.next();
      if (step.done === true) throw new Error("subscription completed");
      return step.value;
    },
  };
}

describe.each(["useSharedServer", "useServer"] as const)("shared execution over %s", (transport) => {
  it("executes an event once for 50 subscribers of the same operation and scope", async () => {
    const app = await startApp(transport);
    const subscribers = Array.from({ length: 50 }, (_, index) => subscribe(app, { initialValue: index }));
    await Promise.all(subscribers.map((subscriber) => subscriber.next()));
    expect(app.executions).toBe(50);

    app.publish({ accountId: "acc-1", initial: false, value: 1_000 });
    const first = await Promise.all(subscribers.map((subscriber) => subscriber.next()));
    app.publish({ accountId: "acc-1", initial: false, value: 1_001 });
    const second = await Promise.all(subscribers.map((subscriber) => subscriber.next()));

    expect(app.executions).toBe(52);
    const tick = (value: number): TickResult => ({
      data: { tick: { accountId: "acc-1", initial: false, value, tenant: "tenant-a" } },
    });
    expect(first).toEqual(Array.from({ length: 50 }, () => tick(1_000)));
    expect(second).toEqual(Array.from({ length: 50 }, () => tick(1_001)));
    expect(app.executor.stats()).toMatchObject({ subscribers: 50, groups: 1 });
  });

  it("gives each subscriber its own initial event", async () => {
    const app = await startApp(transport);
    const subscribers = [7, 8, 9].map((initialValue) => subscribe(app, { initialValue }));

    const initial = await Promise.all(subscribers.map((subscriber) => subscriber.next()));

    expect(initial.map((result) => result.data?.tick)).toEqual(
      [7, 8, 9].map((value) => ({ accountId: "acc-1", initial: true, value, tenant: "tenant-a" })),
    );
  });

  it("executes separately per scope and never hands one tenant another tenant's result", async () => {
    const app = await startApp(transport);
    const tenantA = [subscribe(app, { tenant: "tenant-a" }), subscribe(app, { tenant: "tenant-a" })];
    const tenantB = [subscribe(app, { tenant: "tenant-b" }), subscribe(app, { tenant: "tenant-b" })];
    await Promise.all([...tenantA, ...tenantB].map((subscriber) => subscriber.next()));
    const before = app.executions;

    app.publish({ accountId: "acc-1", initial: false, value: 5 });
    const seenByA = await Promise.all(tenantA.map((subscriber) => subscriber.next()));
    const seenByB = await Promise.all(tenantB.map((subscriber) => subscriber.next()));

    expect(app.executions - before).toBe(2);
    expect(seenByA.map((result) => result.data?.tick.tenant)).toEqual(["tenant-a", "tenant-a"]);
    expect(seenByB.map((result) => result.data?.tick.tenant)).toEqual(["tenant-b", "tenant-b"]);
    expect(app.executor.stats()).toMatchObject({ groups: 2 });
  });

  it("executes separately per variables and delivers only the subscribed account's events", async () => {
    const app = await startApp(transport);
    const first = [subscribe(app, { accountId: "acc-1" }), subscribe(app, { accountId: "acc-1" })];
    const second = [subscribe(app, { accountId: "acc-2" }), subscribe(app, { accountId: "acc-2" })];
    await Promise.all([...first, ...second].map((subscriber) => subscriber.next()));

    app.publish({ accountId: "acc-1", initial: false, value: 1 });
    app.publish({ accountId: "acc-2", initial: false, value: 2 });
    const seenByFirst = await Promise.all(first.map((subscriber) => subscriber.next()));
    const seenBySecond = await Promise.all(second.map((subscriber) => subscriber.next()));

    expect(seenByFirst.map((result) => result.data?.tick)).toEqual(
      first.map(() => ({ accountId: "acc-1", initial: false, value: 1, tenant: "tenant-a" })),
    );
    expect(seenBySecond.map((result) => result.data?.tick)).toEqual(
      second.map(() => ({ accountId: "acc-2", initial: false, value: 2, tenant: "tenant-a" })),
    );
    expect(app.executor.stats()).toMatchObject({ groups: 2 });
  });

  it("shares an execution error like data", async () => {
    const app = await startApp(transport);
    const subscribers = Array.from({ length: 5 }, () => subscribe(app));
    await Promise.all(subscribers.map((subscriber) => subscriber.next()));
    const before = app.executions;

    app.publish({ accountId: "acc-1", initial: false, value: 3, fail: true });
    const results = await Promise.all(subscribers.map((subscriber) => subscriber.next()));

    expect(app.executions - before).toBe(1);
    for (const result of results) {
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.["code"]).toBe("TICK_FAILED");
    }
  });

  it("releases streams, groups and pubsub listeners when subscribers leave", async () => {
    const app = await startApp(transport);
    const subscribers = Array.from({ length: 20 }, (_, index) =>
      subscribe(app, { tenant: index % 2 === 0 ? "tenant-a" : "tenant-b" }),
    );
    await Promise.all(subscribers.map((subscriber) => subscriber.next()));
    app.publish({ accountId: "acc-1", initial: false, value: 1 });
    await Promise.all(subscribers.map((subscriber) => subscriber.next()));
    // After an event everyone reads its group's stream: one pubsub listener per group.
    expect(app.events.listeners).toBe(2);

    await Promise.all(subscribers.map((subscriber) => subscriber.client.dispose()));
    await app.connectionsClosed(20);
    await app.events.empty();

    expect(app.executor.stats()).toMatchObject({ subscribers: 0, groups: 0, sourceStreams: 0 });
  });

  it("delivers a joiner's own initial events and what was published meanwhile, then shared events once", async () => {
    const app = await startApp(transport);
    const founder = subscribe(app);
    await founder.next();
    const gate = app.closeGate();
    const joiner = subscribe(app, { initialValue: 10, initials: 2 });
    await app.watching(2);
    const firstInitial = await joiner.next();

    app.publish({ accountId: "acc-1", initial: false, value: 1 });
    const founderFirst = await founder.next();
    gate.open();
    const joinerRest = [await joiner.next(), await joiner.next()];
    app.publish({ accountId: "acc-1", initial: false, value: 2 });
    const founderSecond = await founder.next();
    const joinerLast = await joiner.next();

    const values = (results: TickResult[]): unknown[] =>
      results.map((result) => [result.data?.tick.initial, result.data?.tick.value]);
    expect(values([firstInitial, ...joinerRest, joinerLast])).toEqual([
      [true, 10],
      [true, 11],
      [false, 1],
      [false, 2],
    ]);
    expect(values([founderFirst, founderSecond])).toEqual([
      [false, 1],
      [false, 2],
    ]);
    // 3 initial events, and each live event once for both.
    expect(app.executions).toBe(5);
    expect(app.executor.stats()).toMatchObject({ subscribers: 2, groups: 1, sourceStreams: 1 });
  });

  it("keeps serving a group after its founder leaves", async () => {
    const app = await startApp(transport);
    const founder = subscribe(app);
    await founder.next();
    const joiner = subscribe(app);
    await joiner.next();

    await founder.client.dispose();
    await app.connectionsClosed(1);
    app.publish({ accountId: "acc-1", initial: false, value: 42 });

    expect((await joiner.next()).data?.tick.value).toBe(42);
  });
});

describe("useSharedServer on the wire", () => {
  it("sends shared results as text frames with the subscription's own id", async () => {
    const app = await startApp("useSharedServer");
    const frames: { id: string; isBinary: boolean; value: number }[] = [];
    const socket = new WebSocket(app.url, "graphql-transport-ws");
    leftovers.push(async () => socket.terminate());
    const received = (count: number) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (frames.length < count) return;
          socket.off("message", check);
          resolve();
        };
        socket.on("message", check);
        check();
      });
    socket.on("message", (data, isBinary) => {
      const message = JSON.parse(String(data)) as { id?: string; type: string; payload?: TickResult };
      if (message.type === "connection_ack") {
        // Two subscriptions on one socket: a founder and a joiner of the same group, each with its own id.
        for (const id of ["first", "second"]) {
          socket.send(
            JSON.stringify({ id, type: "subscribe", payload: { query: TICK, variables: { accountId: "acc-1" } } }),
          );
        }
        return;
      }
      frames.push({ id: message.id!, isBinary, value: message.payload!.data!.tick.value });
    });
    socket.once("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: {} })));

    await received(2);
    app.publish({ accountId: "acc-1", initial: false, value: 7 });
    await received(4);
    app.publish({ accountId: "acc-1", initial: false, value: 8 });
    await received(6);

    expect(frames.every((frame) => !frame.isBinary)).toBe(true);
    expect(frames.slice(2).sort((a, b) => a.value - b.value || a.id.localeCompare(b.id))).toEqual([
      { id: "first", isBinary: false, value: 7 },
      { id: "second", isBinary: false, value: 7 },
      { id: "first", isBinary: false, value: 8 },
      { id: "second", isBinary: false, value: 8 },
    ]);
  });

  it("drops a subscriber that stopped reading once its unsent data passes the bound, and serves the others", async () => {
    const app = await startApp("useSharedServer", { maxBufferedBytes: 256 * 1024 });
    // The tenant is in every result, so each message is about 100 KB.
    const tenant = "t".repeat(100_000);
    const reader = subscribe(app, { tenant });
    await reader.next();
    const stalled = new WebSocket(app.url, "graphql-transport-ws");
    leftovers.push(async () => stalled.terminate());
    const stalledFirstEvent = new Promise<void>((resolve) => {
      stalled.on("message", (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        if (message.type === "connection_ack") {
          stalled.send(
            JSON.stringify({ id: "1", type: "subscribe", payload: { query: TICK, variables: { accountId: "acc-1" } } }),
          );
        } else if (message.type === "next") {
          stalled.pause(); // from here on it reads nothing
          resolve();
        }
      });
    });
    stalled.once("open", () => stalled.send(JSON.stringify({ type: "connection_init", payload: { tenant } })));
    await stalledFirstEvent;
    let dropped = false;
    void app.connectionsClosed(1).then(() => (dropped = true));

    const received: number[] = [];
    // Loopback buffers take a few MB before anything waits in the server; 400 events are 40 MB.
    for (let value = 0; value < 400 && !dropped; value += 1) {
      app.publish({ accountId: "acc-1", initial: false, value });
      received.push((await reader.next()).data!.tick.value);
    }

    expect(dropped).toBe(true);
    expect(received).toEqual(received.map((_, index) => index));
    app.publish({ accountId: "acc-1", initial: false, value: -1 });
    expect((await reader.next()).data!.tick.value).toBe(-1);
  });
});
