import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { capacityChange } from "./capacity-sample.js";
import { closeServer, listenOnLoopback } from "./listen.js";
import type { BenchTarget, TargetOptions } from "./target.js";

/**
 * A graphql-ws `next` message for `capacityChanged` (see `capacityChange`), its remediation message padded with
 * spaces to `bytes` in all when the candidates' messages are longer.
 */
function nextMessage(change: number, initial: boolean, bytes = 0): string {
  const sample = capacityChange(change, initial);
  const message = () => JSON.stringify({ id: "1", type: "next", payload: { data: { capacityChanged: sample } } });
  const shortBy = bytes - Buffer.byteLength(message());
  if (shortBy > 0 && sample.capacity.remediation) sample.capacity.remediation.message += " ".repeat(shortBy);
  return message();
}

/** The reference: a plain `ws` server that serializes each change once and sends it to every socket. */
export async function createPlainWsTarget(options: TargetOptions): Promise<BenchTarget> {
  const httpServer = createServer();
  const wss = new WebSocketServer({ server: httpServer, path: "/ws" });
  let current = 0;
  wss.on("connection", (socket) => socket.send(nextMessage(current, true, options.messageBytes)));
  const port = await listenOnLoopback(httpServer);

  return {
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    subscription: null,
    async trigger(change) {
      current = change;
      const message = nextMessage(change, false, options.messageBytes);
      for (const socket of wss.clients) socket.send(message);
    },
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeServer(httpServer);
    },
  };
}
