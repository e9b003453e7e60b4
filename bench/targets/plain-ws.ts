import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { capacityChange } from "./capacity-sample.js";
import { closeServer, listenOnLoopback } from "./listen.js";
import type { BenchTarget } from "./target.js";

/** The same bytes graphql-ws sends for `capacityChanged` (see `capacityChange`). */
function nextMessage(change: number, initial: boolean): string {
  return JSON.stringify({
    id: "1",
    type: "next",
    payload: { data: { capacityChanged: capacityChange(change, initial) } },
  });
}

/** The reference: a plain `ws` server that serializes each change once and sends it to every socket. */
export async function createPlainWsTarget(): Promise<BenchTarget> {
  const httpServer = createServer();
  const wss = new WebSocketServer({ server: httpServer, path: "/ws" });
  let current = 0;
  wss.on("connection", (socket) => socket.send(nextMessage(current, true)));
  const port = await listenOnLoopback(httpServer);

  return {
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    subscription: null,
    async trigger(change) {
      current = change;
      const message = nextMessage(change, false);
      for (const socket of wss.clients) socket.send(message);
    },
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeServer(httpServer);
    },
  };
}
