// Jot names its PostgreSQL statements, so each connection plans them once. A migration that changes
// a column they return (run by another process while this one serves) must not cost anyone a page.
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";

const { app, config } = await testApp();
const { db, addPosts } = await sideDoor(config);

describe("a column type changed while Jot serves", () => {
  it("the next pages are served as before", async () => {
    const reader = await loggedInVisitor(app, "reader");
    await addPosts("reader", 3);
    // Several requests at once, so more than one pooled connection holds the prepared statements.
    const first = await Promise.all(Array.from({ length: 8 }, () => reader.get("/")));
    expect(first.map((r) => r.statusCode)).toEqual(Array(8).fill(200));

    await db.$executeRawUnsafe(`ALTER TABLE "Post" ALTER COLUMN "body" TYPE VARCHAR(280)`);

    const after = await Promise.all(Array.from({ length: 8 }, () => reader.get("/")));
    expect(after.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(after[0]!.body).toContain("reader post 3");
  });
});
