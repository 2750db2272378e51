import { createServer } from "node:net";

/** A port on 127.0.0.1 that was free a moment ago (and, until someone takes it, nothing listens on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
