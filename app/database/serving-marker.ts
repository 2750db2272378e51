import { readFileSync, unlinkSync, writeFileSync } from "node:fs";

/**
 * A Jot process serving a SQLite file says so in `<file>.serving`, holding its process id, so that
 * a command that must change the file's schema (applying migrations) can say which process to stop,
 * at once, rather than fail on SQLite's lock after a long wait. PostgreSQL needs none of it.
 */
const markerOf = (file: string) => `${file}.serving`;

/** Marks `file` as served by this process; returns the way to take the mark back (only this process's own). */
export function markServing(file: string): () => void {
  const marker = markerOf(file);
  writeFileSync(marker, String(process.pid));
  return () => {
    try {
      if (readFileSync(marker, "utf8").trim() === String(process.pid)) unlinkSync(marker);
    } catch {
      // Gone already.
    }
  };
}

/** The id of another live process serving `file`, if one has said so (a mark left by a killed process does not count). */
export function servingProcess(file: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(markerOf(file), "utf8").trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive, only not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
  }
}
