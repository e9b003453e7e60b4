// npm run bench:subscriptions -- --subscribers 5000 [--check]
// Delivery latency and memory of graphql-ws subscriptions against a plain ws broadcast; see lib/report.ts for targets.
// The npm script gives this process (all subscribers of every target) a 64 MB young generation: with 10,000 sockets
// here, its own GC pauses (up to tens of ms) would otherwise land inside events more often, on either side.
import { parseBenchArgs } from "./lib/args.js";
import { ensureFdLimit } from "./lib/fd-limit.js";
import { formatReport, verdicts } from "./lib/report.js";
import { TargetSession } from "./lib/run-target.js";
import { TARGETS } from "./targets/index.js";

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  ensureFdLimit(args.subscribers * args.targets.length);
  const sessions: TargetSession[] = [];
  try {
    // Candidates first: the reference pads its messages to the size of theirs.
    const referenceLast = [...args.targets].sort(
      (a, b) => Number(TARGETS[a].role === "reference") - Number(TARGETS[b].role === "reference"),
    );
    for (const name of referenceLast) {
      process.stderr.write(`bench: connecting ${args.subscribers} subscribers to ${name}…\n`);
      const messageBytes = Math.max(0, ...sessions.map((session) => session.initialMessageBytes));
      sessions.push(await TargetSession.open(name, args, messageBytes));
    }
    // The reference and the candidates take turns, in a rotating order, which spreads whatever else runs on this
    // machine evenly over them; baselines go afterwards, so their heavy rounds (and the GC work they leave behind)
    // never land in the rounds that decide the verdict.
    const decisive = sessions.filter((session) => TARGETS[session.name].role !== "baseline");
    const baselines = sessions.filter((session) => TARGETS[session.name].role === "baseline");
    for (const turn of [decisive, baselines]) {
      if (turn.length === 0) continue;
      process.stderr.write(`bench: ${args.warmup} + ${args.rounds} events on ${turn.map((s) => s.name).join(", ")}…\n`);
      for (let change = 1; change <= args.warmup + args.rounds; change += 1) {
        for (let index = 0; index < turn.length; index += 1) {
          await turn[(change + index) % turn.length]!.event(change);
        }
      }
    }
    const results = [];
    for (const session of sessions) results.push(await session.result());
    process.stdout.write(`${formatReport(args, results)}\n`);
    if (args.check && verdicts(results).some((verdict) => !verdict.pass)) process.exitCode = 1;
  } finally {
    await Promise.allSettled(sessions.map((session) => session.close()));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
