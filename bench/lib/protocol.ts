import type { SubscriptionRequest } from "../targets/target.js";

/** Parent → server child, over the IPC channel. */
export type ParentMessage =
  | { readonly type: "memory" }
  | { readonly type: "trigger"; readonly change: number }
  | { readonly type: "stats" }
  | { readonly type: "settle" }
  | { readonly type: "stop" };

/** What the child reports after a full GC. */
export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

/** Server child → parent. Every parent message gets exactly one answer of the same `type` (or `failed`). */
export type ChildMessage =
  | { readonly type: "ready"; readonly wsUrl: string; readonly subscription: SubscriptionRequest | null }
  | { readonly type: "memory"; readonly memory: MemorySample }
  | { readonly type: "trigger" }
  | { readonly type: "stats"; readonly stats: Readonly<Record<string, number>> }
  /** `cpuMs`: the server's CPU time (user + system) since the last trigger arrived. */
  | { readonly type: "settle"; readonly cpuMs: number }
  | { readonly type: "stop" }
  | { readonly type: "failed"; readonly message: string };
