// A PostgreSQL server that cannot be reached (restarting, say) is a moment to wait, not a crash.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { testApp } from "../helpers/app.js";

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const { visitor } = await testApp({ DATABASE_URL: `postgresql://jot@127.0.0.1:${await closedPort()}/jot` });

describe("with the database out of reach", () => {
  it("still serves pages that need no data", async () => {
    expect((await visitor().get("/login")).statusCode).toBe(200);
  });

  it("answers a form that needs the database with a 503 busy page and Retry-After", async () => {
    const response = await visitor().register("someone");
    expect(response.statusCode).toBe(503);
    expect(response.headers["retry-after"]).toBe("2");
    expect(response.body).toContain("Jot is busy");
    expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgresql:/);
  });
});
