import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { expect, it } from "vitest";

it("runs standalone, printing its URL and the seeded credentials", async () => {
  const child = spawn(
    process.execPath,
    ["--import", "@swc-node/register/esm-register", "src/emulator/main.ts", "--port", "0"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    const lines: string[] = [];
    let url = "";
    for await (const line of createInterface({ input: child.stdout })) {
      lines.push(line);
      url ||= /listening on (http:\/\/\S+)/.exec(line)?.[1] ?? "";
      if (line.startsWith("Controls:")) break;
    }
    expect(lines.join("\n")).toContain(
      "clientId=acme-sandbox-app clientSecret=acme-sandbox-secret jwt=acme-sandbox-jwt",
    );
    const response = await fetch(`${url}/emulator/accounts`);
    expect(response.status).toBe(200);
  } finally {
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  }
});
