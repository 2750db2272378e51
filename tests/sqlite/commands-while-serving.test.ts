// `npm run seed` and `npm run shell` are run while `npm run dev` serves the same SQLite file: they
// work alongside it, and when another process holds the file's write lock they stop with one line
// saying what to do, not a stack trace.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { projectRoot } from "../helpers/paths.js";
import { sideDoor } from "../helpers/posts.js";

const { app, config } = await testApp();
const { db } = await sideDoor(config);
const viewer = await loggedInVisitor(app, "viewer");

/** Runs one of Jot's commands on the app's database, the way `npm run …` does (without its migrate step). */
function command(script: string, input = "") {
  const result = spawnSync(join(projectRoot, "node_modules", ".bin", "tsx"), [script], {
    cwd: projectRoot,
    input,
    encoding: "utf8",
    timeout: 30_000,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: config.database.url,
      SESSION_SECRET: config.sessionSecret,
      ARGON2_MEMORY_KIB: "1024",
      ARGON2_TIME_COST: "1",
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("while Jot serves the file", () => {
  it("the seed adds its users, and Jot shows them at once", async () => {
    const seed = command("prisma/seed.ts");
    expect(seed.stderr).toBe("");
    expect(seed.stdout).toContain("+ susan with 3 posts");
    expect(seed.status).toBe(0);
    const profile = await viewer.get("/user/susan");
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain("Coffee first. Then code.");
  });

  it("the shell reads what Jot wrote", async () => {
    const shell = command("app/shell.ts", "await prisma.user.count()\n.exit\n");
    expect(shell.status).toBe(0);
    expect(shell.stdout).toMatch(new RegExp(`jot> ${await db.user.count()}\\b`));
  });
});

describe("while another process holds the write lock", () => {
  it("the seed stops with one line saying what is wrong, writes nothing, and Jot carries on", async () => {
    await db.user.deleteMany({ where: { username: "john" } });
    const other = new Database(config.database.url.slice("file:".length));
    other.exec("BEGIN IMMEDIATE");
    try {
      const seed = command("prisma/seed.ts");
      expect(seed.status).toBe(1);
      expect(seed.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^jot: the database is locked by another process.*try again in a moment\.$/)]);
      expect((await viewer.get("/")).statusCode).toBe(200);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect(await db.user.count({ where: { username: "john" } })).toBe(0);
  });
});
