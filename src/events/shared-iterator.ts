/**
 * Maps an async iterable like graphql-js's internal `mapAsyncIterator`: `return()` reaches the source at once,
 * even while a `next()` is pending. (An `async function*` would queue the `return()` behind the pending `next()`,
 * so an idle subscriber that completes would keep its pubsub listener until the next event.)
 * `onClose` runs once, when the source is returned, thrown into, finished, or failed.
 */
export function mapAsyncIterator<T, U>(
  source: AsyncIterable<T>,
  map: (value: T) => Promise<U> | U,
  onClose: () => void,
): AsyncGenerator<U, void, void> {
  const iterator = source[Symbol.asyncIterator]();
  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    onClose();
  };

  async function mapped(result: IteratorResult<T>): Promise<IteratorResult<U, void>> {
    if (result.done === true) {
      close();
      return { value: undefined, done: true };
    }
    try {
      return { value: await map(result.value), done: false };
    } catch (error) {
      close();
      await iterator.return?.();
      throw error;
    }
  }

  const generator: AsyncGenerator<U, void, void> = {
    async next() {
      try {
        return await mapped(await iterator.next());
      } catch (error) {
        close();
        throw error;
      }
    },
    async return() {
      close();
      await iterator.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      close();
      if (iterator.throw === undefined) throw error;
      await iterator.throw(error);
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return generator;
    },
  };
  return generator;
}
