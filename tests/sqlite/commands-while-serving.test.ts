// The documented commands, run exactly as written, while `npm run dev` serves the same SQLite
// file: `npm run seed` and `npm run shell` work beside it; what SQLite cannot allow beside a
// serving process (applying a migration, making one) stops at once with one line saying what to
// do, and writes nothing.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/free-port.js";
import { TEST_ENV } from "../helpers/config.js";
import { HttpVisitor } from "../helpers/http-visitor.js";
import { projectRoot, sqliteTemplate, tmpDir } from "../helpers/paths.js";
import { ServerProcess } from "../helpers/server-process.js";

const file = join(tmpDir, `serving-${randomBytes(6).toString("hex")}.db`);
copyFileSync(sqliteTemplate, file);
const env = {
  ...process.env,
  ...TEST_ENV,
  // As a developer's machine runs them: the development mode npm run dev starts in.
  NODE_ENV: "development",
  LOG_LEVEL: "warn",
  DATABASE_URL: `file:${file}`,
  MAIL_OUTBOX_DIR: join(tmpDir, `outbox-${randomBytes(6).toString("hex")}`),
};
let dev: ServerProcess;

beforeAll(async () => {
  const port = await freePort();
  dev = await ServerProcess.start("npm", ["run", "dev", "--silent"], { ...env, HOST: "127.0.0.1", PORT: String(port) }, port, { readyPath: "/login" });
}, 90_000);
afterAll(() => dev?.stop());

/** `npm run <args>` as a developer types it, in the project folder; with what it printed and how long it took. */
function npmRun(args: string[], input = "") {
  const started = Date.now();
  const result = spawnSync("npm", ["run", "--silent", ...args], { cwd: projectRoot, input, encoding: "utf8", timeout: 60_000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, seconds: (Date.now() - started) / 1000 };
}

/** Every file under `dir`, with when it last changed: what a command must not have touched. */
function snapshot(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .sort()
    .map((name) => `${name}@${statSync(join(dir, name)).mtimeMs}`)
    .join("\n");
}

describe("while npm run dev serves the file", () => {
  it("npm run seed adds the demo users following each other, and Jot shows them at once", async () => {
    const seed = npmRun(["seed"]);
    expect(seed.stderr).toBe("");
    expect(seed.stdout).toContain("+ susan with 3 posts");
    expect(seed.status).toBe(0);
    // The demo user signs in to the serving Jot, and finds her posts.
    const susan = new HttpVisitor(dev.baseUrl);
    expect((await susan.login("susan", "password123")).status).toBe(303);
    const profile = await susan.get("/user/susan");
    expect(profile.status).toBe(200);
    expect(profile.body).toContain("Coffee first. Then code.");
    // She follows john and miguel, so her home feed has their posts beside hers.
    const home = await susan.get("/");
    expect(home.body).toContain("The Avengers movie was so cool!");
    expect(home.body).toContain("Short posts, long thoughts.");
    // Her post has a conversation under it: miguel's reply, hers, and his answer on that reply's page.
    expect(home.body).toContain("Even with a million posts?");
    const item = home.body.split('<li class="post"').find((li) => li.includes("Even with a million posts?"))!;
    const post = /<a class="post-time" href="(\/post\/\d+)">/.exec(item)![1]!;
    const page = await susan.get(post);
    expect(page.body).toContain("Reading about keyset pagination");
    expect(page.body).toContain("Even then. The bench checks it on every run.");
  });

  it("npm run shell reads what Jot wrote", async () => {
    const shell = npmRun(["shell"], "await prisma.user.count()\n.exit\n");
    expect(shell.status).toBe(0);
    const users = new Database(file, { readonly: true }).prepare(`SELECT COUNT(*) AS n FROM "User"`).get() as { n: number };
    expect(shell.stdout).toMatch(new RegExp(`jot> ${users.n}\\b`));
  });

  it("a migration that is due stops npm run seed at once, with one line naming the serving process, and nothing is written", async () => {
    // As after a git pull that brought a migration: the newest one not applied yet.
    const db = new Database(file);
    const [newest] = db.prepare(`SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`).all() as { name: string }[];
    db.prepare(`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?`).run(newest!.name);
    db.prepare(`DELETE FROM "User" WHERE "username" = 'john'`).run();
    try {
      const seed = npmRun(["seed"]);
      expect(seed.status).toBe(1);
      expect(seed.stderr.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^jot: .* needs a migration \\(${newest!.name}\\), and process \\d+ is serving it: stop that Jot`))]);
      console.log(`npm run seed stopped in ${seed.seconds} s`);
      expect(seed.seconds).toBeLessThan(5);
      expect(db.prepare(`SELECT COUNT(*) AS n FROM "User" WHERE "username" = 'john'`).get()).toEqual({ n: 0 });
    } finally {
      db.prepare(`UPDATE _prisma_migrations SET finished_at = started_at WHERE migration_name = ?`).run(newest!.name);
      db.close();
    }
    expect((await new HttpVisitor(dev.baseUrl).get("/login")).status).toBe(200);
  });

  it("npm run migrate stops at once, with one line, and writes no migration folder and no client", async () => {
    const before = [snapshot(join(projectRoot, "prisma")), snapshot(join(projectRoot, "app", "generated"))];
    const migrate = npmRun(["migrate", "--", "--name", "while_serving"]);
    expect(migrate.status).toBe(1);
    expect(migrate.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^jot migrate: .* is being served by process \d+ .*stop that Jot.*Nothing was written\.$/)]);
    console.log(`npm run migrate stopped in ${migrate.seconds} s`);
    expect(migrate.seconds).toBeLessThan(5);
    expect([snapshot(join(projectRoot, "prisma")), snapshot(join(projectRoot, "app", "generated"))]).toEqual(before);
  });
});

describe("while another process holds the write lock", () => {
  it("the seed stops with one line saying what is wrong, writes nothing, and Jot carries on", async () => {
    const other = new Database(file);
    other.prepare(`DELETE FROM "User" WHERE "username" = 'john'`).run();
    other.exec("BEGIN IMMEDIATE");
    try {
      const seed = npmRun(["seed"]);
      expect(seed.status).toBe(1);
      expect(seed.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^jot: the database is locked by another process.*try again in a moment\.$/)]);
      expect((await new HttpVisitor(dev.baseUrl).get("/login")).status).toBe(200);
    } finally {
      other.exec("ROLLBACK");
    }
    expect(other.prepare(`SELECT COUNT(*) AS n FROM "User" WHERE "username" = 'john'`).get()).toEqual({ n: 0 });
    other.close();
  });
});
