import { execFileSync, spawnSync } from "node:child_process";

const RAISED_ENV = "HEADROOM_BENCH_FD_RAISED";
/** Sockets beyond the subscribers: the server child's listener, IPC, stdio, node internals. */
const SPARE_FDS = 256;

/**
 * Each side holds one descriptor per subscriber (the clients here, the sockets in the server child, which inherits
 * our limits). When the soft limit is too low but the hard limit allows it, re-runs this command under a shell that
 * raises it (Node cannot call setrlimit) and exits with its status; when even the hard limit is too low, throws.
 */
export function ensureFdLimit(subscribers: number): void {
  const needed = subscribers + SPARE_FDS;
  const soft = readLimit("-Sn");
  if (soft >= needed) return;
  const hard = readLimit("-Hn");
  if (hard < needed || process.env[RAISED_ENV] !== undefined) {
    throw new Error(`${subscribers} subscribers need ${needed} file descriptors; ulimit -n is ${soft} (hard ${hard})`);
  }
  const rerun = spawnSync(
    "/bin/sh",
    ["-c", `ulimit -n ${needed} && exec "$0" "$@"`, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: "inherit", env: { ...process.env, [RAISED_ENV]: "1" } },
  );
  process.exit(rerun.status ?? 1);
}

function readLimit(flag: "-Sn" | "-Hn"): number {
  const text = execFileSync("/bin/sh", ["-c", `ulimit ${flag}`], { encoding: "utf8" }).trim();
  return text === "unlimited" ? Number.POSITIVE_INFINITY : Number(text);
}
