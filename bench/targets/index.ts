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
    label: "graphql-ws stand-in, unshared",
    role: "baseline",
    load: async () => {
      const { createStandInTarget } = await import("./graphql-ws-stand-in.js");
      return (options) => createStandInTarget({ ...options, shared: false });
    },
  },
  "stand-in-shared": {
    label: "graphql-ws stand-in, shared",
    role: "candidate",
    load: async () => {
      const { createStandInTarget } = await import("./graphql-ws-stand-in.js");
      return (options) => createStandInTarget({ ...options, shared: true });
    },
  },
  headroom: {
    label: "Headroom (createServer + emulator)",
    role: "candidate",
    load: async () => (await import("./headroom.js")).createHeadroomTarget,
  },
} satisfies Record<string, TargetEntry>;

export type TargetName = keyof typeof TARGETS;

export const DEFAULT_TARGETS: readonly TargetName[] = ["plain-ws", "stand-in-unshared", "stand-in-shared"];

export function isTargetName(name: string): name is TargetName {
  return Object.hasOwn(TARGETS, name);
}
