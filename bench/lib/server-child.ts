import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TargetName } from "../targets/index.js";
import type { SubscriptionRequest, TargetOptions } from "../targets/target.js";
import type { ChildMessage, MemorySample, ParentMessage } from "./protocol.js";

const SERVER_PROCESS = fileURLToPath(new URL("../server-process.ts", import.meta.url));
const STOP_TIMEOUT_MS = 10_000;
/** Extra Node flags for the server child only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it. */
const EXTRA_EXEC_ARGV = (process.env["HEADROOM_BENCH_SERVER_NODE_FLAGS"] ?? "").split(" ").filter(Boolean);

type Reply<T extends ChildMessage["type"]> = Extract<ChildMessage, { type: T }>;

/** The server under test in its own Node process, driven over IPC one request at a time. */
export class ServerChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly wsUrl: string,
    readonly subscription: SubscriptionRequest | null,
  ) {}

  /** Forks the child with `--expose-gc` and resolves once its target listens. */
  static async start(name: TargetName, options: TargetOptions, timeoutMs: number): Promise<ServerChild> {
    const child = fork(SERVER_PROCESS, [name, JSON.stringify(options)], {
      execArgv: ["--expose-gc", "--import", "@swc-node/register/esm-register", ...EXTRA_EXEC_ARGV],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    try {
      const ready = await nextReply(child, "ready", timeoutMs);
      return new ServerChild(child, ready.wsUrl, ready.subscription);
    } catch (error) {
      child.kill("SIGKILL");
      throw error;
    }
  }

  /** Sends one request; resolves when the child answers it. */
  request<T extends ParentMessage["type"]>(message: ParentMessage & { type: T }, timeoutMs: number): Promise<Reply<T>> {
    const reply = nextReply(this.child, message.type, timeoutMs);
    this.child.send(message);
    return reply;
  }

  memory(): Promise<MemorySample> {
    return this.request({ type: "memory" }, 30_000).then((reply) => reply.memory);
  }

  /** Stops the target and waits for the process to exit; kills it if it does not. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    try {
      await this.request({ type: "stop" }, STOP_TIMEOUT_MS);
    } catch {
      this.child.kill("SIGKILL");
    }
    await exited;
  }

  kill(): void {
    this.child.kill("SIGKILL");
  }
}

function nextReply<T extends ChildMessage["type"]>(child: ChildProcess, type: T, timeoutMs: number): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const onMessage = (message: ChildMessage): void => {
      if (message.type === "failed") {
        cleanup();
        reject(new Error(`server child: ${message.message}`));
      } else if (message.type === type) {
        cleanup();
        resolve(message as Reply<T>);
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`server child exited (${code}) while waiting for "${type}"`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`server child did not answer "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}
