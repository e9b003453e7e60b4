import type { ExecutionResult } from "graphql";

/** What `next()` resolves to; one object per result, shared by every member it is pushed to. */
export type Step = IteratorResult<ExecutionResult, void>;

const DONE: Step = { value: undefined, done: true };

/** Wraps a result for {@link SharedMember.push}; do it once per result, not once per member. */
export function stepOf(result: Promise<ExecutionResult>): Promise<Step> {
  return result.then((value) => ({ value, done: false }));
}

/**
 * One subscriber's result stream, the async generator graphql-ws iterates. Results are pushed in as promises of
 * steps, so a shared execution still in flight keeps its place in the order and thousands of members share one
 * promise per event; `return()` ends it at once, even while graphql-ws waits in `next()`.
 */
export class SharedMember implements AsyncGenerator<ExecutionResult, void, void> {
  private readonly queue: Promise<Step>[] = [];
  private waiting: ((step: Promise<Step>) => void) | undefined;
  private ended = false;
  private failure: { readonly error: unknown } | undefined;
  private closed = false;

  /** @param onClose runs once, when the member returns, fails or ends. */
  constructor(private readonly onClose: () => void) {}

  /** graphql-ws is waiting in `next()` with nothing queued: everything before was sent, so a direct send is in order. */
  get idle(): boolean {
    return this.waiting !== undefined && this.queue.length === 0 && !this.closed && !this.ended;
  }

  push(step: Promise<Step>): void {
    if (this.closed || this.ended) return;
    const waiting = this.waiting;
    if (waiting === undefined) {
      this.queue.push(step);
      return;
    }
    this.waiting = undefined;
    waiting(step);
  }

  /** No results after the ones queued; with `error`, `next()` then rejects with it. */
  end(error?: { readonly error: unknown }): void {
    if (this.closed || this.ended) return;
    this.ended = true;
    this.failure = error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(this.finish());
  }

  next(): Promise<Step> {
    const step = this.queue.shift();
    if (step !== undefined) return step;
    if (this.closed) return Promise.resolve(DONE);
    if (this.ended) return this.finish();
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  async return(): Promise<Step> {
    this.close();
    return DONE;
  }

  async throw(error: unknown): Promise<Step> {
    this.close();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): Promise<Step> {
    const failure = this.failure;
    this.close();
    return failure === undefined ? Promise.resolve(DONE) : Promise.reject(failure.error);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(Promise.resolve(DONE));
    this.onClose();
  }
}
