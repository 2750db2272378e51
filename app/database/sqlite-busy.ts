import { setTimeout as sleep } from "node:timers/promises";
import type { SqlDriverAdapter, Transaction } from "@prisma/driver-adapter-utils";
import { around } from "./adapter-wrappers.js";

/**
 * How long one statement may wait for another process's write lock (a seed, a shell, a migration)
 * before Jot gives up and answers "busy, try again".
 */
export const BUSY_WAIT_MS = 2000;
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 100;

/** better-sqlite3 reports SQLITE_BUSY; its Prisma adapter passes it on as this kind. */
const isBusy = (error: unknown) =>
  error instanceof Error && error.name === "DriverAdapterError" && (error.cause as { kind?: string } | undefined)?.kind === "SocketTimeout";

/**
 * Runs a statement, and while SQLite answers "busy" waits and tries again, up to BUSY_WAIT_MS.
 * The waiting is asynchronous: better-sqlite3's own busy timeout would sleep inside the call and
 * freeze every other request of this process for as long.
 */
async function whileBusy<T>(statement: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    try {
      return await statement();
    } catch (error) {
      if (!isBusy(error) || Date.now() + pause > deadline) throw error;
      await sleep(pause);
    }
  }
}

/** The same connection (or transaction) with every statement run through whileBusy. */
export function patient<T extends SqlDriverAdapter | Transaction>(target: T): T {
  return around(target, {
    queryRaw: whileBusy,
    executeRaw: whileBusy,
    executeScript: whileBusy,
    startTransaction: async (call) => patient((await whileBusy(call)) as Transaction),
  });
}
