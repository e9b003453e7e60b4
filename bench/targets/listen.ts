import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Listens on an ephemeral loopback port; resolves with the port. */
export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // The default backlog (511) drops SYNs when a batch of 500 clients connects at once.
    server.listen({ port: 0, host: "127.0.0.1", backlog: 4_096 }, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes the HTTP server, dropping connections still open. */
export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
