// `?schema=` in DATABASE_URL: every query Jot makes, the ORM's and its own SQL, uses that schema.
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { freshDatabaseUrl, openTestDatabase } from "../helpers/database.js";
import { csrfTokenIn } from "../helpers/visitor.js";

const url = await freshDatabaseUrl();
const setup = await openTestDatabase(url);
// A second copy of Jot's tables in a schema of its own (mixed case, so its quoting counts too),
// and someone in the default schema who must stay out of sight.
await setup.$executeRawUnsafe(`CREATE SCHEMA "Staging"`);
const tables = await setup.$queryRawUnsafe<{ name: string }[]>(
  `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
);
for (const { name } of tables) {
  await setup.$executeRawUnsafe(`CREATE TABLE "Staging"."${name}" (LIKE public."${name}" INCLUDING ALL)`);
}
await setup.$executeRawUnsafe(
  `INSERT INTO public."User" ("username", "usernameKey", "email", "passwordHash") VALUES ('alice', 'alice', 'alice@example.com', 'x')`,
);

const staging = new URL(url);
staging.searchParams.set("schema", "Staging");
const { app, visitor } = await testApp({ DATABASE_URL: staging.toString() });

describe("a DATABASE_URL with ?schema=", () => {
  it("registers, logs in, posts and reads pages in that schema only", async () => {
    const bob = await loggedInVisitor(app, "bob");
    const home = await bob.get("/");
    expect(home.body).toContain("Hi, bob!");
    const posted = await bob.post("/posts", { _csrf: csrfTokenIn(home.body), body: "in staging" });
    expect(posted.headers.location).toBe("/");
    expect((await bob.get("/")).body).toContain("in staging");
    expect((await bob.get("/user/bob")).body).toContain("in staging");
    expect((await bob.get("/user/alice")).statusCode).toBe(404);

    const where = async (schema: string) =>
      (await setup.$queryRawUnsafe<{ username: string }[]>(`SELECT "username" FROM "${schema}"."User" ORDER BY "id"`)).map((u) => u.username);
    expect(await where("Staging")).toEqual(["bob"]);
    expect(await where("public")).toEqual(["alice"]);
  });

  it("does not find users of the default schema at login", async () => {
    const response = await visitor().login("alice", "whatever");
    expect(response.statusCode).toBe(422);
  });
});
