// A PostgreSQL server that cannot be reached (restarting, say) is a moment to wait, not a crash.
import { describe, expect, it } from "vitest";
import { freePort } from "../../scripts/free-port.js";
import { testApp } from "../helpers/app.js";

const { visitor } = await testApp({ DATABASE_URL: `postgresql://jot@127.0.0.1:${await freePort()}/jot` });

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
