// Another process holding SQLite's write lock (a seed, a shell, a migration) must not freeze Jot:
// reads carry on, a write waits without blocking other requests, and a write that still cannot
// get the lock gets a "busy, try again" page instead of an error.
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { BUSY_WAIT_MS } from "../../app/database/sqlite-busy.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn } from "../helpers/visitor.js";

const { app, config } = await testApp();
const { db } = await sideDoor(config);
const poster = await loggedInVisitor(app, "poster");

/** A second process's connection, as `npm run shell` or a seed would hold it. */
const other = new Database(config.database.url.slice("file:".length));
afterEach(() => {
  if (other.inTransaction) other.exec("ROLLBACK");
});

async function sendPost(body: string) {
  const token = csrfTokenIn((await poster.get("/")).body);
  return poster.post("/posts", { _csrf: token, body });
}

describe("while another process holds the write lock", () => {
  it("a post waits without holding up other requests, then gets a 503 busy page with Retry-After, and nothing is written", async () => {
    const token = csrfTokenIn((await poster.get("/")).body);
    other.exec("BEGIN IMMEDIATE");
    const finished: string[] = [];
    const started = Date.now();
    const post = poster.post("/posts", { _csrf: token, body: "waiting for the lock" }).then((response) => {
      finished.push("post");
      return response;
    });
    // Started once the post is waiting: had it blocked the event loop, they could only finish after it.
    await sleep(100);
    const reads = Promise.all([poster.get("/"), poster.get("/user/poster")]).then((responses) => {
      finished.push("reads");
      return responses;
    });
    const [response, pages] = await Promise.all([post, reads]);
    expect(pages.map((p) => p.statusCode)).toEqual([200, 200]);
    expect(finished).toEqual(["reads", "post"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(BUSY_WAIT_MS - 100);
    expect(response.statusCode).toBe(503);
    expect(response.headers["retry-after"]).toBe("2");
    expect(response.body).toContain("Jot is busy");
    expect(response.body).toContain("it was not saved");
    other.exec("ROLLBACK");
    expect(await db.post.count({ where: { body: "waiting for the lock" } })).toBe(0);
  });

  it("a post goes through once the lock is released within the wait", async () => {
    other.exec("BEGIN IMMEDIATE");
    setTimeout(() => other.exec("ROLLBACK"), BUSY_WAIT_MS / 4);
    const response = await sendPost("patience pays");
    expect(response.statusCode).toBe(303);
    expect(await db.post.count({ where: { body: "patience pays" } })).toBe(1);
  });
});
