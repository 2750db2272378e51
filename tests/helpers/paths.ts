import { join } from "node:path";

export const projectRoot = join(import.meta.dirname, "..", "..");
/** Scratch files of test runs (gitignored). */
export const tmpDir = join(projectRoot, "tests", ".tmp");
/** Built once per run from the committed migrations, then copied for each test file. */
export const sqliteTemplate = join(tmpDir, "template.db");
