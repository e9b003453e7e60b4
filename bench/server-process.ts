// The server under test, alone in its own process so its memory is its own. Started by `lib/server-child.ts`.
import { setImmediate as nextTurn } from "node:timers/promises";
import type { ChildMessage, MemorySample, ParentMessage } from "./lib/protocol.js";
import { isTargetName, TARGETS } from "./targets/index.js";
import type { BenchTarget, TargetOptions } from "./targets/target.js";

function send(message: ChildMessage, then?: () => void): void {
  process.send?.(message, undefined, undefined, then);
}

async function settledMemory(): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run the server child with --expose-gc");
  // Twice, with a turn in between, so objects freed by the first collection's finalizers go too.
  for (let pass = 0; pass < 2; pass += 1) {
    gc();
    await nextTurn();
  }
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}

let cpuAtTrigger = process.cpuUsage();

async function answer(target: BenchTarget, message: ParentMessage): Promise<ChildMessage> {
  switch (message.type) {
    case "memory":
      return { type: "memory", memory: await settledMemory() };
    case "trigger":
      cpuAtTrigger = process.cpuUsage();
      await target.trigger(message.change);
      return { type: "trigger" };
    case "stats":
      return { type: "stats", stats: target.stats?.() ?? {} };
    case "settle": {
      // Whatever the last event left queued (write callbacks, timers) runs before the answer goes out.
      await nextTurn();
      const { user, system } = process.cpuUsage(cpuAtTrigger);
      return { type: "settle", cpuMs: (user + system) / 1_000 };
    }
    case "stop":
      await target.close();
      return { type: "stop" };
  }
}

async function main(): Promise<void> {
  const [name = "", optionsJson = "{}"] = process.argv.slice(2);
  if (!isTargetName(name)) throw new Error(`unknown target ${JSON.stringify(name)}`);
  const createTarget = await TARGETS[name].load();
  const target = await createTarget(JSON.parse(optionsJson) as TargetOptions);
  process.on("message", (message: ParentMessage) => {
    answer(target, message).then(
      (reply) => send(reply, reply.type === "stop" ? () => process.disconnect() : undefined),
      (error: unknown) => send({ type: "failed", message: String(error) }),
    );
  });
  // Without a parent there is nobody to stop us.
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", wsUrl: target.wsUrl, subscription: target.subscription });
}

main().catch((error: unknown) => {
  process.exitCode = 1;
  send({ type: "failed", message: error instanceof Error ? error.message : String(error) }, () => process.disconnect());
});
