interface CountedRule<T> {
  readonly value: T;
  /** undefined: matches every key. */
  readonly key: string | undefined;
  remaining: number;
}

/**
 * Test switches of the form "the next `count` matching requests get `value`": consumed in the order they were
 * queued, each by the first request whose key it matches.
 */
export class CountedRules<T> {
  private rules: CountedRule<T>[] = [];

  /** Queues `value` for the next `count` takes of `key`, or of any key when it is undefined. */
  add(value: T, count: number, key?: string): void {
    if (count > 0) this.rules.push({ value, key, remaining: count });
  }

  /** Returns (and uses up) the value queued for `key`, if any. */
  take(key: string): T | undefined {
    const rule = this.rules.find((r) => r.key === undefined || r.key === key);
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.value;
  }

  clear(): void {
    this.rules = [];
  }
}
