// npm run bench:subscriptions -- --subscribers 5000 [--check]
// Delivery latency and memory of graphql-ws subscriptions against a plain ws broadcast; see lib/report.ts for targets.
import { parseBenchArgs } from "./lib/args.js";
import { ensureFdLimit } from "./lib/fd-limit.js";
import { formatReport, verdicts } from "./lib/report.js";
import { runTarget, type TargetResult } from "./lib/run-target.js";

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  ensureFdLimit(args.subscribers);
  const results: TargetResult[] = [];
  for (const name of args.targets) {
    process.stderr.write(`bench: ${name} with ${args.subscribers} subscribers…\n`);
    results.push(await runTarget(name, args));
  }
  process.stdout.write(`${formatReport(args, results)}\n`);
  if (args.check && verdicts(results).some((verdict) => !verdict.pass)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
