import WebSocket, { type RawData } from "ws";
import type { SubscriptionRequest } from "../targets/target.js";

const GRAPHQL_TRANSPORT_WS = "graphql-transport-ws";
/** Every bench subscriber subscribes once, with this id, so all subscribers get byte-identical `next` messages. */
const SUBSCRIPTION_ID = "1";
const NEXT_PREFIX = Buffer.from(`{"id":"${SUBSCRIPTION_ID}","type":"next"`);

export interface PoolOptions {
  readonly wsUrl: string;
  readonly subscription: SubscriptionRequest | null;
  readonly count: number;
  /** Sockets opened at once; the next batch starts when this one has all its initial events. */
  readonly batchSize: number;
  readonly timeoutMs: number;
}

/** One event as every subscriber saw it. */
export interface EventReceipts {
  /** Trigger send → receipt, per subscriber, in arrival order. */
  readonly latenciesMs: Float64Array;
  /** The message every subscriber received (they must all be identical). */
  readonly message: string;
}

interface Subscriber {
  readonly socket: WebSocket;
  acknowledged: boolean;
  events: number;
}

interface Round {
  t0: number;
  readonly expectedEvents: number;
  readonly latenciesMs: Float64Array;
  received: number;
  /** The first message of the round; every other one must have the same bytes. */
  message: Buffer | undefined;
}

interface Waiter {
  readonly done: () => boolean;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * N WebSocket subscribers in this process. They speak graphql-transport-ws by hand over raw `ws` sockets rather
 * than through graphql-ws's client, which would add its own per-message work to every receipt on this side; for a
 * plain target they just listen. Receipt times come from `performance.now()` taken first thing on `message`. A
 * measured message is compared as bytes, not decoded: with 5,000 receipts per event, what this side allocates per
 * message sets how often its own GC pauses land inside a measurement.
 */
export class SubscriberPool {
  private readonly subscribers: Subscriber[] = [];
  private initialEvents = 0;
  /** Size of the first initial event received, in bytes. */
  initialMessageBytes = 0;
  private round: Round | undefined;
  private waiter: Waiter | undefined;
  private failure: Error | undefined;
  private closing = false;

  private constructor(private readonly options: PoolOptions) {}

  /** Connects all subscribers in batches; resolves when each has its initial event. */
  static async connect(options: PoolOptions): Promise<SubscriberPool> {
    const pool = new SubscriberPool(options);
    try {
      for (let start = 0; start < options.count; start += options.batchSize) {
        const end = Math.min(start + options.batchSize, options.count);
        for (let index = start; index < end; index += 1) pool.open(index);
        await pool.waitUntil(() => pool.initialEvents === end, `initial events of subscribers ${start}..${end - 1}`);
      }
      return pool;
    } catch (error) {
      pool.close();
      throw error;
    }
  }

  /** Runs `trigger` and resolves when every subscriber has received the event it causes. */
  async measure(trigger: () => Promise<void>, label: string): Promise<EventReceipts> {
    const round: Round = {
      t0: 0,
      expectedEvents: (this.subscribers[0]?.events ?? 0) + 1,
      latenciesMs: new Float64Array(this.options.count),
      received: 0,
      message: undefined,
    };
    this.round = round;
    const received = this.waitUntil(() => round.received === this.options.count, label);
    round.t0 = performance.now();
    await Promise.all([trigger(), received]);
    this.round = undefined;
    return { latenciesMs: round.latenciesMs, message: String(round.message) };
  }

  /** Drops every socket at once (no closing handshake). */
  close(): void {
    this.closing = true;
    for (const { socket } of this.subscribers) socket.terminate();
  }

  private open(index: number): void {
    const { subscription } = this.options;
    const socket = new WebSocket(this.options.wsUrl, subscription ? [GRAPHQL_TRANSPORT_WS] : [], {
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
    const subscriber: Subscriber = { socket, acknowledged: subscription === null, events: 0 };
    this.subscribers.push(subscriber);
    socket.on("message", (data) => this.onMessage(subscriber, data));
    socket.on("error", (error) => this.fail(new Error(`subscriber ${index}: ${error.message}`)));
    socket.on("close", (code, reason) => {
      if (!this.closing) this.fail(new Error(`subscriber ${index} closed: ${code} ${String(reason)}`));
    });
    if (subscription) {
      const connectionParams = subscription.connectionParams[index % subscription.connectionParams.length];
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: connectionParams })));
    }
  }

  private onMessage(subscriber: Subscriber, data: RawData): void {
    const receivedAt = performance.now();
    const bytes = data as Buffer; // text and binary frames both arrive as one Buffer (no fragments, no arraybuffer type)
    if (!subscriber.acknowledged) {
      const text = String(bytes);
      if ((JSON.parse(text) as { type?: unknown }).type !== "connection_ack") {
        return this.fail(new Error(`expected connection_ack, got ${text.slice(0, 200)}`));
      }
      subscriber.acknowledged = true;
      const { query, variables } = this.options.subscription!;
      subscriber.socket.send(JSON.stringify({ id: SUBSCRIPTION_ID, type: "subscribe", payload: { query, variables } }));
      return;
    }
    if (this.options.subscription && bytes.compare(NEXT_PREFIX, 0, NEXT_PREFIX.length, 0, NEXT_PREFIX.length) !== 0) {
      return this.fail(new Error(`expected a next message, got ${String(bytes).slice(0, 300)}`));
    }
    subscriber.events += 1;
    if (subscriber.events === 1) {
      this.initialEvents += 1;
      if (this.initialEvents === 1) this.initialMessageBytes = bytes.length;
      return this.poke();
    }
    const round = this.round;
    if (round === undefined || subscriber.events !== round.expectedEvents) {
      return this.fail(new Error(`unexpected extra message: ${String(bytes).slice(0, 300)}`));
    }
    round.message ??= Buffer.from(bytes);
    if (!bytes.equals(round.message)) {
      return this.fail(
        new Error(`subscribers received different messages for one event: ${String(bytes).slice(0, 300)}`),
      );
    }
    round.latenciesMs[round.received] = receivedAt - round.t0;
    round.received += 1;
    this.poke();
  }

  private waitUntil(done: () => boolean, label: string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`timed out after ${this.options.timeoutMs} ms waiting for ${label}`));
      }, this.options.timeoutMs);
      const settle = (): void => {
        clearTimeout(timer);
        this.waiter = undefined;
      };
      this.waiter = {
        done,
        resolve: () => {
          settle();
          resolve();
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      this.poke();
    });
  }

  private poke(): void {
    if (this.waiter?.done()) this.waiter.resolve();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.waiter?.reject(error);
  }
}
