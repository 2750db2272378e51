import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDatabaseUrl, testProvider } from "../helpers/database.js";
import { projectRoot, tmpDir } from "../helpers/paths.js";
import { createPostgresDatabase } from "../helpers/postgres-setup.js";

const folder = testProvider === "postgresql" ? "prisma/postgres" : "prisma";

/** `prisma migrate diff --exit-code` from the committed migrations to the schema: 0 when in sync, 2 when not. */
async function migrateDiff(schema: string): Promise<{ status: number; output: string }> {
  // Replaying migrations on PostgreSQL needs a shadow database: an empty one on the test server.
  const shadow = testProvider === "postgresql" ? await createPostgresDatabase("empty") : "";
  try {
    const output = execFileSync(
      join(projectRoot, "node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-migrations", `${folder}/migrations`, "--to-schema", schema, "--exit-code"],
      { cwd: projectRoot, env: { ...process.env, DATABASE_URL: await freshDatabaseUrl(), SHADOW_DATABASE_URL: shadow }, encoding: "utf8", stdio: "pipe" },
    );
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe(`${folder}/migrations`, () => {
  it("build exactly the committed schema", async () => {
    const { status, output } = await migrateDiff(`${folder}/schema.prisma`);
    expect(output).toContain("No difference detected");
    expect(status).toBe(0);
  });

  it("notice a schema change that has no migration yet", async () => {
    const changed = join(tmpDir, `${testProvider}-changed.prisma`);
    const schema = readFileSync(join(projectRoot, folder, "schema.prisma"), "utf8");
    writeFileSync(changed, schema.replace(/(model Post \{\n)/, "$1  edited Boolean @default(false)\n"));
    const { status, output } = await migrateDiff(changed);
    expect(output).toMatch(/Post/);
    expect(output).not.toContain("No difference detected");
    expect(status).toBe(2);
  });
});
