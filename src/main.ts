import "reflect-metadata";
import { readFile } from "node:fs/promises";
import { ConfigError, loadConfig } from "./config.js";
import { startDemoUpstream } from "./demo.js";
import { createServer } from "./server.js";

/** Process entry: the only place that reads process.env. */
async function main(): Promise<void> {
  const file = process.env["HEADROOM_CONFIG_FILE"];
  const config = loadConfig(process.env, file ? JSON.parse(await readFile(file, "utf8")) : undefined);

  const demo = config.mode === "demo" ? await startDemoUpstream(config) : undefined;
  const server = await createServer(demo?.config ?? config);

  const lines = [
    `Headroom is running in ${config.mode} mode.`,
    `  GraphQL (HTTP):      ${server.httpUrl}`,
    `  GraphQL (WebSocket): ${server.wsUrl}`,
  ];
  if (demo) {
    lines.push(
      `  API key (operator):  ${demo.apiKey}`,
      `  RingCentral emulator: ${demo.emulator.url}`,
      "",
      "Try:",
      `  curl -s ${server.httpUrl} -H 'authorization: Bearer ${demo.apiKey}' -H 'content-type: application/json' \\`,
      `    -d '{"query":"{ accounts { name plan { name } capacity { used limit available level } } }"}'`,
    );
  }
  console.log(lines.join("\n"));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, shutting down`);
    await server.stop();
    await demo?.emulator.close();
    process.exit(0);
  };
  // A library callback that rejects must not take every tenant's service down: log it, keep serving.
  process.on("unhandledRejection", (reason) => console.error("unhandled rejection (kept running):", reason));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
