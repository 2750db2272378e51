import { ConfigError } from "./config.js";
import { unavailability } from "./database/unavailable.js";

/**
 * For commands people run (the server, the seed, the shell): what they can act on — bad settings,
 * a database that is locked or out of reach — is said in a line each and the process exits with 1;
 * anything else is a bug and keeps its stack trace.
 */
export function exitOnKnownTrouble(error: unknown): never {
  if (error instanceof ConfigError) return exitWith(error.problems);
  const reason = unavailability(error);
  if (reason) return exitWith([`${reason}: try again in a moment.`]);
  throw error;
}

function exitWith(lines: string[]): never {
  for (const line of lines) console.error(`jot: ${line}`);
  process.exit(1);
}
