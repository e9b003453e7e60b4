import type { ExecutionResult } from "graphql";
import { SharedMember, stepOf, type Step } from "./shared-member.js";

/** Maps a source event to its (shared) result. */
export type ResultOf = (event: unknown) => Promise<ExecutionResult>;

/** Counts the group reports to the executor's stats. */
export interface GroupCounters {
  sourceStreams: number;
  subscribers: number;
}

interface Subscriber {
  readonly member: SharedMember;
  /** The subscriber's own source stream, until it is handed over to the group's. */
  own: AsyncIterator<unknown> | undefined;
  /** Whether its own stream has yielded anything yet (its initial event, usually). */
  ownYielded: boolean;
  /** Receives the group's events numbered above this; `undefined` while it reads its own stream. */
  after: number | undefined;
}

/**
 * Subscribers with the same share key, reading one source stream: the founder's. Every event of it is executed once
 * and pushed to every member, which is what makes an event cost one execution plus N sends.
 *
 * A subscriber that joins later reads its own source stream first, so its own initial event (or whatever its stream
 * starts with) reaches it alone. At the first macrotask boundary after its own stream has yielded and the group's
 * stream has yielded too, its own stream is returned (releasing its pubsub listener) and it takes the group's events
 * from then on. At a macrotask boundary both streams have processed every event published so far (pubsub dispatch
 * and synchronous filters run in microtasks), so it neither misses nor repeats one. Filters that await I/O void that.
 */
export class SubscriptionGroup {
  private readonly subscribers = new Set<Subscriber>();
  private readonly joining = new Set<Subscriber>();
  /** Events the group's stream has yielded. */
  private sequence = 0;
  private handOverScheduled = false;
  private closed = false;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly resultOf: ResultOf,
    private readonly counters: GroupCounters,
    /** Runs when the last member leaves or the source ends; the group is then unusable. */
    private readonly onClosed: () => void,
  ) {
    counters.sourceStreams += 1;
  }

  /** The founder: its stream is the group's, so it gets every event from the start, initial one included. */
  addFounder(): SharedMember {
    const subscriber = this.add(undefined);
    subscriber.after = 0;
    void this.pump();
    return subscriber.member;
  }

  /** A later subscriber with its own source stream, read until it can be handed over. */
  addJoiner(own: AsyncIterator<unknown>, resultOf: ResultOf): SharedMember {
    this.counters.sourceStreams += 1;
    const subscriber = this.add(own);
    void this.pumpOwn(subscriber, own, resultOf);
    return subscriber.member;
  }

  private add(own: AsyncIterator<unknown> | undefined): Subscriber {
    const subscriber: Subscriber = {
      member: new SharedMember(() => this.remove(subscriber)),
      own,
      ownYielded: false,
      after: undefined,
    };
    this.subscribers.add(subscriber);
    this.counters.subscribers += 1;
    return subscriber;
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const step = await this.source.next();
        if (this.closed) return;
        if (step.done === true) return this.end(undefined);
        this.sequence += 1;
        const shared = this.stepFor(step.value, (error) => this.end({ error }));
        for (const { member, after } of this.subscribers) {
          if (after !== undefined && this.sequence > after) member.push(shared);
        }
        if (this.sequence === 1) this.scheduleHandOver();
      }
    } catch (error) {
      if (!this.closed) this.end({ error });
    }
  }

  private async pumpOwn(subscriber: Subscriber, own: AsyncIterator<unknown>, resultOf: ResultOf): Promise<void> {
    try {
      for (;;) {
        const step = await own.next();
        if (subscriber.own !== own) return;
        if (step.done === true) return this.endOwn(subscriber, undefined);
        subscriber.member.push(
          stepOf(resultOf(step.value)).catch((error: unknown) => {
            if (subscriber.own === own) this.endOwn(subscriber, { error });
            throw error;
          }),
        );
        subscriber.ownYielded = true;
        this.joining.add(subscriber);
        this.scheduleHandOver();
      }
    } catch (error) {
      if (subscriber.own === own) this.endOwn(subscriber, { error });
    }
  }

  /** One event's step for every member; a failed execution fails the stream it came from, as graphql-js does. */
  private stepFor(event: unknown, fail: (error: unknown) => void): Promise<Step> {
    const step = stepOf(this.resultOf(event));
    step.catch(fail);
    return step;
  }

  /** The subscriber's own stream finished or failed before the hand-over: so does its subscription. */
  private endOwn(subscriber: Subscriber, failure: { readonly error: unknown } | undefined): void {
    subscriber.member.end(failure);
    this.remove(subscriber);
  }

  private scheduleHandOver(): void {
    if (this.handOverScheduled || this.sequence === 0 || this.joining.size === 0) return;
    this.handOverScheduled = true;
    setImmediate(() => {
      this.handOverScheduled = false;
      if (this.closed) return;
      for (const subscriber of this.joining) {
        if (subscriber.ownYielded) this.handOver(subscriber);
      }
      this.joining.clear();
    });
  }

  private handOver(subscriber: Subscriber): void {
    subscriber.after = this.sequence;
    this.releaseOwn(subscriber);
  }

  private releaseOwn(subscriber: Subscriber): void {
    const own = subscriber.own;
    if (own === undefined) return;
    subscriber.own = undefined;
    this.counters.sourceStreams -= 1;
    own.return?.().catch(() => undefined);
  }

  private remove(subscriber: Subscriber): void {
    if (!this.subscribers.delete(subscriber)) return;
    this.counters.subscribers -= 1;
    this.joining.delete(subscriber);
    this.releaseOwn(subscriber);
    if (this.subscribers.size === 0) this.close();
  }

  /**
   * The group's stream finished or failed: members reading it end after their queued results, and leave now
   * (graphql-ws does not return() a generator whose next() rejected). Members still on their own streams go on.
   */
  private end(failure: { readonly error: unknown } | undefined): void {
    if (this.closed) return;
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.after === undefined) continue;
      subscriber.member.end(failure);
      this.remove(subscriber);
    }
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.counters.sourceStreams -= 1;
    this.onClosed();
    this.source.return?.().catch(() => undefined);
  }
}
