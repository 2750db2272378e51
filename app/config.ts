import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
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
  passwordHashing: HashingLimits;
  /** Pino log level; "silent" in tests. */
  logLevel: string;
  streams: StreamLimits;
  /** How long a client has to send a whole request, headers and body; a slower one is cut off. */
  requestTimeoutMs: number;
  loginLimits: LoginLimitConfig;
  /** How often each action may be taken (ActionLimits). */
  limits: ActionLimitConfig;
  mail: MailConfig;
  /** Where Jot is reached from outside, without a trailing slash: links in emails start with it. */
  publicUrl: string;
  /** Which proxies' X-Forwarded-For to believe for a client's address (Fastify's trustProxy): none, a hop count, or addresses. */
  trustProxy: false | number | string;
}

/** At most `max` attempts in each window of `periodMs` (a whole number of minutes). */
export interface Limit {
  max: number;
  periodMs: number;
}

/**
 * Wrong passwords let through per window, at sign-in and in the settings forms alike
 * (PasswordAttempts): per account, per address, and per browser the account has signed in on before.
 */
export interface LoginLimitConfig {
  perUsername: Limit;
  perAddress: Limit;
  perDevice: Limit;
}

/** How many argon2 computations one process runs at once, and how many may wait for one (PasswordHasher). */
export interface HashingLimits {
  concurrency: number;
  queue: number;
}

/** What is limited besides signing in, and per what (ActionLimits). */
export interface ActionLimitConfig {
  /** New accounts made, per address. */
  register: Limit;
  /** Registration forms sent (made or refused), per address: guessing free names in a loop is slowed too. */
  registerAttempt: Limit;
  /** Password reset emails asked for, per address and per email address. */
  resetRequest: Limit;
  /** Emails confirming an address (sent again, or for a new address), per user. */
  accountEmail: Limit;
  /** New posts, per user. */
  post: Limit;
  /** Messages sent, per user. */
  message: Limit;
  /** Follows and unfollows, per user: each follow tells the one followed. */
  follow: Limit;
  /** Likes and unlikes, per user, together. */
  like: Limit;
}

export interface MailConfig {
  /** smtp:// or smtps:// URL of the server that sends mail; none: every message is written to `outboxDir`. */
  smtpUrl?: string;
  from: string;
  /** Where messages go as .eml files when there is no SMTP server. */
  outboxDir: string;
}

/** Live notification streams (GET /notifications/stream). */
export interface StreamLimits {
  /** Streams one user may hold open on one process: a tab each. */
  perUser: number;
  /** Streams one process holds open in all; past that, browsers poll instead. */
  perProcess: number;
  /** A comment line this often keeps proxies from closing a quiet stream. */
  heartbeatMs: number;
  /** A stream is ended after this long; the browser reconnects, and the login is checked again. */
  maxAgeMs: number;
}

/** Bad environment variables: one line per variable, naming it (`problems`); the message is those lines. */
export class ConfigError extends Error {
  override name = "ConfigError";
  readonly problems: string[];

  constructor(problems: string | string[]) {
    const all = typeof problems === "string" ? [problems] : problems;
    super(all.join("\n"));
    this.problems = all;
  }
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
  // The example in docs/running.md is long enough to pass, and known to everyone who reads it.
  if (secret.startsWith("replace-with")) {
    throw new ConfigError("SESSION_SECRET is still the example's placeholder: set it to the output of `openssl rand -base64 48`.");
  }
  return secret;
}

/** OWASP's argon2id minimum as Jot's default: 19 MiB, 2 passes, 1 lane. */
export const OWASP_ARGON2: Argon2Cost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
// OWASP's equally strong choices trade memory for passes (47104 × 1 … 7168 × 5): production
// refuses less memory than the least of them, or less memory × passes than the cheapest.
const OWASP_LEAST_MEMORY = 7168;
const OWASP_LEAST_WORK = 7168 * 5;

function argon2Cost(env: Env, mode: Environment): Argon2Cost {
  const parallelism = integer(env, "ARGON2_PARALLELISM", OWASP_ARGON2.parallelism, 1, 16);
  // argon2 needs at least 8 KiB per lane; less would fail on every hash, long after start-up.
  const memoryCost = integer(env, "ARGON2_MEMORY_KIB", OWASP_ARGON2.memoryCost, 8 * parallelism, 4 * 1024 * 1024);
  const timeCost = integer(env, "ARGON2_TIME_COST", OWASP_ARGON2.timeCost, 1, 100);
  if (mode === "production" && (memoryCost < OWASP_LEAST_MEMORY || memoryCost * timeCost < OWASP_LEAST_WORK)) {
    throw new ConfigError(
      `ARGON2_MEMORY_KIB and ARGON2_TIME_COST are below OWASP's minimum for argon2id (got ${memoryCost} KiB × ${timeCost}): use 19456 × 2, or another of its choices such as 47104 × 1 or 12288 × 3.`,
    );
  }
  return { memoryCost, timeCost, parallelism };
}

/**
 * Each hash keeps a core busy for tens of milliseconds (on threads of its own, not libuv's pool):
 * by default one core is always left to the server, and a short line may wait.
 */
function passwordHashing(env: Env, cores: number): HashingLimits {
  return {
    concurrency: integer(env, "ARGON2_CONCURRENCY", Math.max(1, cores - 1), 1, 1024),
    queue: integer(env, "ARGON2_QUEUE", 16, 0, 100_000),
  };
}

/**
 * Behind a proxy every request comes from the proxy's address, and every limit by address would
 * count all clients as one: TRUST_PROXY says whose X-Forwarded-For to believe instead.
 */
function trustProxy(env: Env): false | number | string {
  const raw = env.TRUST_PROXY || "";
  if (raw === "") return false;
  if (/^\d+$/.test(raw)) return integer(env, "TRUST_PROXY", 0, 1, 10);
  const addresses = raw.split(",").map((part) => part.trim());
  if (addresses.every((address) => isIP(address.split("/")[0]!) !== 0 && /^[^/]+(\/\d{1,3})?$/.test(address))) return addresses.join(",");
  throw new ConfigError(`TRUST_PROXY must be the number of proxies in front of Jot (1 to 10), or their addresses, such as 10.0.0.5,10.1.0.0/16 (got ${quoted(raw)}).`);
}

/** "30/10": at most 30 in every 10 minutes. */
function limit(env: Env, name: string, fallback: string): Limit {
  const raw = env[name] || fallback;
  const match = /^(\d+)\/(\d+)$/.exec(raw);
  const [max, minutes] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (max < 1 || max > 1_000_000 || minutes < 1 || minutes > 24 * 60) {
    throw new ConfigError(`${name} must be "count/minutes", such as "${fallback}": at most count in every that many minutes, up to a day (got ${quoted(raw)}).`);
  }
  return { max, periodMs: minutes * 60_000 };
}

function actionLimits(env: Env): ActionLimitConfig {
  return {
    register: limit(env, "RATE_LIMIT_REGISTRATIONS", "10/60"),
    registerAttempt: limit(env, "RATE_LIMIT_REGISTRATION_ATTEMPTS", "60/60"),
    resetRequest: limit(env, "RATE_LIMIT_RESET_REQUESTS", "5/60"),
    accountEmail: limit(env, "RATE_LIMIT_ACCOUNT_EMAILS", "5/60"),
    post: limit(env, "RATE_LIMIT_POSTS", "30/10"),
    message: limit(env, "RATE_LIMIT_MESSAGES", "30/10"),
    follow: limit(env, "RATE_LIMIT_FOLLOWS", "60/10"),
    like: limit(env, "RATE_LIMIT_LIKES", "300/10"),
  };
}

function loginLimits(env: Env): LoginLimitConfig {
  const periodMs = integer(env, "LOGIN_LIMIT_MINUTES", 15, 1, 24 * 60) * 60_000;
  return {
    perUsername: { max: integer(env, "LOGIN_FAILURES_PER_USERNAME", 5, 1, 10_000), periodMs },
    perAddress: { max: integer(env, "LOGIN_FAILURES_PER_ADDRESS", 50, 1, 100_000), periodMs },
    perDevice: { max: integer(env, "LOGIN_FAILURES_PER_DEVICE", 10, 1, 10_000), periodMs },
  };
}

function mailConfig(env: Env, mode: Environment): MailConfig {
  const smtpUrl = env.SMTP_URL || undefined;
  if (!smtpUrl && !env.MAIL_OUTBOX_DIR && mode === "production") {
    // Links in the outbox are in the log too: fine on a developer's machine, not on a server by accident.
    throw new ConfigError("SMTP_URL is required in production (smtp://user:password@host:587), or MAIL_OUTBOX_DIR to write mail to files on purpose.");
  }
  if (smtpUrl !== undefined && !(/^smtps?:\/\//i.test(smtpUrl) && URL.canParse(smtpUrl))) {
    // Only the scheme is echoed: the URL may hold a password.
    throw new ConfigError("SMTP_URL must be an smtp:// or smtps:// URL, such as smtp://user:password@mail.example.com:587.");
  }
  const from = env.MAIL_FROM || "Jot <jot@localhost>";
  if (/[\r\n]/.test(from)) throw new ConfigError("MAIL_FROM must be one line, such as \"Jot <jot@example.com>\".");
  return { ...(smtpUrl ? { smtpUrl } : {}), from, outboxDir: resolve(projectRoot, env.MAIL_OUTBOX_DIR || join("data", "outbox")) };
}

/**
 * Outside production, by default the address the server listens on, as it announces it: a link in
 * a mail opens on the very host the browser already has its session cookie for.
 */
function listeningUrl(host: string, port: number): string {
  const name = host === "0.0.0.0" || host === "::" ? "localhost" : isIP(host) === 6 ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

function publicUrl(env: Env, host: string, port: number, mode: Environment): string {
  if (!env.PUBLIC_URL && mode === "production") {
    throw new ConfigError("PUBLIC_URL is required in production: the https:// address people reach Jot at, which links in emails start with.");
  }
  const raw = env.PUBLIC_URL || listeningUrl(host, port);
  if (!/^https?:\/\//i.test(raw) || !URL.canParse(raw)) {
    throw new ConfigError(`PUBLIC_URL must be the http:// or https:// address Jot is reached at, such as https://jot.example.com (got ${quoted(raw)}).`);
  }
  return raw.replace(/\/+$/, "");
}

function streamLimits(env: Env): StreamLimits {
  return {
    perUser: integer(env, "STREAMS_PER_USER", 10, 1, 1000),
    perProcess: integer(env, "STREAMS_PER_PROCESS", 5000, 1, 1_000_000),
    heartbeatMs: integer(env, "STREAM_HEARTBEAT_SECONDS", 20, 1, 3600) * 1000,
    maxAgeMs: integer(env, "STREAM_MAX_MINUTES", 30, 1, 24 * 60) * 60_000,
  };
}

/**
 * Reads and validates the environment once. Every bad or missing variable is named, all in one
 * ConfigError, so that a first start is not a round of one fix per try.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  /** The setting `read` reads; a ConfigError's problems are kept, and stand in for it meanwhile as `fallback`. */
  function setting<T>(read: () => T, fallback: T): T {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return fallback;
    }
  }
  const mode = setting(() => environment(env), "development");
  const port = setting(() => integer(env, "PORT", 3000, 0, 65535), 3000);
  const host = env.HOST || "127.0.0.1";
  const config: Config = {
    env: mode,
    database: setting(() => loadDatabaseConfig(env), undefined as never),
    sessionSecret: setting(() => sessionSecret(env, mode), ""),
    host,
    port,
    argon2: setting(() => argon2Cost(env, mode), OWASP_ARGON2),
    passwordHashing: setting(() => passwordHashing(env, availableParallelism()), undefined as never),
    logLevel: setting(() => logLevel(env, mode), "info"),
    streams: setting(() => streamLimits(env), undefined as never),
    requestTimeoutMs: setting(() => integer(env, "REQUEST_TIMEOUT_SECONDS", 10, 1, 300) * 1000, 0),
    loginLimits: setting(() => loginLimits(env), undefined as never),
    limits: setting(() => actionLimits(env), undefined as never),
    mail: setting(() => mailConfig(env, mode), undefined as never),
    publicUrl: setting(() => publicUrl(env, host, port, mode), ""),
    trustProxy: setting(() => trustProxy(env), false),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
