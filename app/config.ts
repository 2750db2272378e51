import { join } from "node:path";
import { absoluteDatabaseUrl, DEFAULT_DATABASE_URL, providerOf, type DatabaseProvider } from "./database-url.js";
import { projectRoot } from "./paths.js";
import { readOrCreateSessionSecret } from "./session-key-file.js";

export type Environment = "development" | "production" | "test";

/** argon2id cost parameters; production uses OWASP's minimums, tests something far cheaper. */
export interface Argon2Cost {
  memoryCost: number; // KiB
  timeCost: number;
  parallelism: number;
}

export interface DatabaseConfig {
  provider: DatabaseProvider;
  /** A `file:` URL with an absolute path (SQLite), or a `postgresql://` URL. */
  url: string;
  /** Connections kept open to PostgreSQL; SQLite always uses one. */
  poolSize: number;
  /** PostgreSQL: where to LISTEN for news, when a pooler in transaction mode fronts `url`; else `url`. */
  listenUrl?: string;
}

export interface Config {
  env: Environment;
  database: DatabaseConfig;
  sessionSecret: string;
  host: string;
  port: number;
  argon2: Argon2Cost;
  /** Pino log level; "silent" in tests. */
  logLevel: string;
  streams: StreamLimits;
  /** How long a client has to send a whole request, headers and body; a slower one is cut off. */
  requestTimeoutMs: number;
  loginLimits: LoginLimitConfig;
}

/** Failed sign-ins let through per period, by username and by address (LoginLimits). */
export interface LoginLimitConfig {
  perUsername: number;
  perAddress: number;
  periodMs: number;
}

/** Live notification streams (GET /notifications/stream). */
export interface StreamLimits {
  /** Streams one user may hold open on one process: a tab each. */
  perUser: number;
  /** A comment line this often keeps proxies from closing a quiet stream. */
  heartbeatMs: number;
  /** A stream is ended after this long; the browser reconnects, and the login is checked again. */
  maxAgeMs: number;
}

/** A bad environment variable; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export { DEFAULT_DATABASE_URL };
export const SESSION_SECRET_MIN_LENGTH = 32;
const DEV_SESSION_KEY_FILE = join(projectRoot, "data", "session-secret");

type Env = Record<string, string | undefined>;

/** A value quoted for an error message: always one line, whatever was in the variable. */
const quoted = (raw: string) => JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got ${quoted(raw)}).`);
  }
  return value;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function logLevel(env: Env, mode: Environment): string {
  const level = env.LOG_LEVEL || (mode === "test" ? "silent" : "info");
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got ${quoted(level)}).`);
  return level;
}

function environment(env: Env): Environment {
  const raw = env.NODE_ENV || "development";
  if (raw === "development" || raw === "production" || raw === "test") return raw;
  throw new ConfigError(`NODE_ENV must be development, production or test (got ${quoted(raw)}).`);
}

/** SQLite (`file:`, relative paths taken from the project folder) or PostgreSQL (`postgres[ql]://`). */
export function loadDatabaseConfig(env: Env = process.env): DatabaseConfig {
  const raw = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const provider = providerOf(raw);
  if (!provider) {
    // Only the scheme is echoed: a database URL may hold a password.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(raw)?.[0] ?? "no scheme";
    throw new ConfigError(
      `DATABASE_URL must be a SQLite file: URL such as ${DEFAULT_DATABASE_URL} or a postgresql://user:password@host:5432/database URL (got ${quoted(scheme)}).`,
    );
  }
  if (provider === "postgresql" && !URL.canParse(raw)) {
    throw new ConfigError("DATABASE_URL is not a valid postgresql:// URL: check the host, and percent-encode characters such as spaces, @ or / in the user name and password.");
  }
  const listenUrl = env.DATABASE_LISTEN_URL || undefined;
  if (listenUrl !== undefined && (provider !== "postgresql" || providerOf(listenUrl) !== "postgresql" || !URL.canParse(listenUrl))) {
    throw new ConfigError("DATABASE_LISTEN_URL is for PostgreSQL only: a postgresql:// URL of the same database, reached without a pooler in transaction mode.");
  }
  return {
    provider,
    url: absoluteDatabaseUrl(raw, projectRoot),
    poolSize: integer(env, "DATABASE_POOL_SIZE", 10, 1, 1000),
    ...(listenUrl ? { listenUrl } : {}),
  };
}

function sessionSecret(env: Env, mode: Environment): string {
  const secret = env.SESSION_SECRET;
  if (secret === undefined || secret === "") {
    if (mode === "production") {
      throw new ConfigError(
        `SESSION_SECRET is required in production: set it to a random string of at least ${SESSION_SECRET_MIN_LENGTH} characters (e.g. \`openssl rand -base64 48\`).`,
      );
    }
    const generated = readOrCreateSessionSecret(DEV_SESSION_KEY_FILE);
    if (generated.length < SESSION_SECRET_MIN_LENGTH) {
      throw new ConfigError(`${DEV_SESSION_KEY_FILE} holds a secret shorter than ${SESSION_SECRET_MIN_LENGTH} characters: delete it and a new one is made.`);
    }
    return generated;
  }
  if (secret.length < SESSION_SECRET_MIN_LENGTH) {
    throw new ConfigError(`SESSION_SECRET must be at least ${SESSION_SECRET_MIN_LENGTH} characters long.`);
  }
  return secret;
}

function argon2Cost(env: Env): Argon2Cost {
  // OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane.
  const parallelism = integer(env, "ARGON2_PARALLELISM", 1, 1, 16);
  // argon2 needs at least 8 KiB per lane; less would fail on every hash, long after start-up.
  const memoryCost = integer(env, "ARGON2_MEMORY_KIB", 19456, 8 * parallelism, 4 * 1024 * 1024);
  return { memoryCost, timeCost: integer(env, "ARGON2_TIME_COST", 2, 1, 100), parallelism };
}

function streamLimits(env: Env): StreamLimits {
  return {
    perUser: integer(env, "STREAMS_PER_USER", 10, 1, 1000),
    heartbeatMs: integer(env, "STREAM_HEARTBEAT_SECONDS", 20, 1, 3600) * 1000,
    maxAgeMs: integer(env, "STREAM_MAX_MINUTES", 30, 1, 24 * 60) * 60_000,
  };
}

/** Reads and validates the environment once; throws ConfigError on the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const mode = environment(env);
  return {
    env: mode,
    database: loadDatabaseConfig(env),
    sessionSecret: sessionSecret(env, mode),
    host: env.HOST || "127.0.0.1",
    port: integer(env, "PORT", 3000, 0, 65535),
    argon2: argon2Cost(env),
    logLevel: logLevel(env, mode),
    streams: streamLimits(env),
    requestTimeoutMs: integer(env, "REQUEST_TIMEOUT_SECONDS", 10, 1, 300) * 1000,
    loginLimits: {
      perUsername: integer(env, "LOGIN_FAILURES_PER_USERNAME", 5, 1, 10_000),
      perAddress: integer(env, "LOGIN_FAILURES_PER_ADDRESS", 50, 1, 100_000),
      periodMs: integer(env, "LOGIN_LIMIT_MINUTES", 15, 1, 24 * 60) * 60_000,
    },
  };
}
