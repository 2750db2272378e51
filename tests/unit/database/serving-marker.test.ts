import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { markServing, servingProcess } from "../../../app/database/serving-marker.js";
import { tmpDir } from "../../helpers/paths.js";

mkdirSync(tmpDir, { recursive: true });
const file = () => join(tmpDir, `marker-${randomBytes(6).toString("hex")}.db`);

describe("the serving marker of a SQLite file", () => {
  it("names another live process that serves the file, and no one once it has ended or when nothing says so", async () => {
    const db = file();
    expect(servingProcess(db)).toBeUndefined();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    writeFileSync(`${db}.serving`, String(other.pid));
    expect(servingProcess(db)).toBe(other.pid);
    const exited = new Promise((resolve) => other.once("exit", resolve));
    other.kill("SIGKILL");
    await exited;
    // A mark left behind by a killed process counts for nothing.
    expect(servingProcess(db)).toBeUndefined();
  });

  it("is this process's own to take back, and not another's", () => {
    const db = file();
    const unmark = markServing(db);
    // This process serving it is no one else.
    expect(servingProcess(db)).toBeUndefined();
    unmark();
    expect(existsSync(`${db}.serving`)).toBe(false);
    writeFileSync(`${db}.serving`, "1");
    unmark();
    expect(existsSync(`${db}.serving`)).toBe(true);
  });
});
