import type { StandInMode } from "./graphql-ws-stand-in.js";
import type { TargetFactory } from "./target.js";

/** How the report reads a target: the reference is plain ws; candidates are held to the targets. */
export type TargetRole = "reference" | "baseline" | "candidate";

export interface TargetEntry {
  readonly label: string;
  readonly role: TargetRole;
  /** Imported in the child only, so each server process loads just its own code. */
  load(): Promise<TargetFactory>;
}

export const TARGETS = {
  "plain-ws": {
    label: "plain ws broadcast",
    role: "reference",
    load: async () => (await import("./plain-ws.js")).createPlainWsTarget,
  },
  "stand-in-unshared": {
    label: "stand-in: useServer, unshared",
    role: "baseline",
    load: () => standIn("unshared"),
  },
  "stand-in-shared-executor": {
    label: "stand-in: useServer + shared executor",
    role: "baseline",
    load: () => standIn("shared-executor"),
  },
  "stand-in-shared": {
    label: "stand-in: useSharedServer + shared executor",
    role: "candidate",
    load: () => standIn("shared"),
  },
  headroom: {
    label: "Headroom (createServer + emulator)",
    role: "candidate",
    load: async () => (await import("./headroom.js")).createHeadroomTarget,
  },
} satisfies Record<string, TargetEntry>;

async function standIn(mode: StandInMode): Promise<TargetFactory> {
  const { createStandInTarget } = await import("./graphql-ws-stand-in.js");
  return (options) => createStandInTarget({ ...options, mode });
}

export type TargetName = keyof typeof TARGETS;

export const DEFAULT_TARGETS: readonly TargetName[] = ["plain-ws", "headroom"];

export function isTargetName(name: string): name is TargetName {
  return Object.hasOwn(TARGETS, name);
}
