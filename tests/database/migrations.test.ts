import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prismaCli } from "../../scripts/prisma-cli.js";
import { freshDatabaseUrl, testProvider } from "../helpers/database.js";
import { projectRoot } from "../helpers/paths.js";
import { createPostgresDatabase } from "../helpers/postgres-setup.js";

const folder = testProvider === "postgresql" ? "prisma/postgres" : "prisma";
const scratch = mkdtempSync(join(tmpdir(), "jot-migrations-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `prisma migrate diff --exit-code` from the committed migrations to a schema: 0 when in sync, 2 when not. */
async function migrateDiff(schema: string) {
  // Replaying migrations on PostgreSQL needs a shadow database: an empty one on the test server.
  const shadow = testProvider === "postgresql" ? await createPostgresDatabase("empty") : "";
  const args = ["migrate", "diff", "--from-migrations", `${folder}/migrations`, "--to-schema", schema, "--exit-code"];
  return prismaCli(args, await freshDatabaseUrl(), { SHADOW_DATABASE_URL: shadow });
}

describe(`${folder}/migrations`, () => {
  it("build exactly the committed schema", async () => {
    const { status, output } = await migrateDiff(`${folder}/schema.prisma`);
    expect(output).toContain("No difference detected");
    expect(status).toBe(0);
  });

  it("notice a schema change that has no migration yet", async () => {
    const changed = join(scratch, "schema.prisma");
    const schema = readFileSync(join(projectRoot, folder, "schema.prisma"), "utf8");
    writeFileSync(changed, schema.replace(/(model Post \{\n)/, "$1  edited Boolean @default(false)\n"));
    const { status, output } = await migrateDiff(changed);
    expect(output).toMatch(/Post/);
    expect(output).not.toContain("No difference detected");
    expect(status).toBe(2);
  });
});
