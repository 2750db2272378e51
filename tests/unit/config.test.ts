import { describe, expect, it } from "vitest";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from "../../app/config.js";
import { projectRoot } from "../../app/paths.js";

// Relative SQLite paths are taken from the project folder, wherever the process was started.
const DEFAULT_FILE_URL = `file:${join(projectRoot, "data", "jot.db")}`;

// Always set: without it, development mode writes data/session-secret.
const SECRET = "s".repeat(32);

/** Expects loadConfig(env) to throw a ConfigError of one-line problems, and returns its message (the problems, a line each). */
function configErrorFor(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).name).toBe("ConfigError");
    for (const problem of (error as ConfigError).problems) expect(problem).not.toMatch(/[\r\n]/);
    return (error as ConfigError).message;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("fills in defaults for development", () => {
    expect(loadConfig({ SESSION_SECRET: SECRET })).toEqual({
      env: "development",
      database: { provider: "sqlite", url: DEFAULT_FILE_URL, poolSize: 10 },
      sessionSecret: SECRET,
      host: "127.0.0.1",
      port: 3000,
      argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
      // Every core but one.
      passwordHashing: { concurrency: Math.max(1, availableParallelism() - 1), queue: 16 },
      logLevel: "info",
      streams: { perUser: 10, perProcess: 5000, heartbeatMs: 20_000, maxAgeMs: 30 * 60_000 },
      requestTimeoutMs: 10_000,
      loginLimits: {
        perUsername: { max: 5, periodMs: 15 * 60_000 },
        perAddress: { max: 50, periodMs: 15 * 60_000 },
        perDevice: { max: 10, periodMs: 15 * 60_000 },
      },
      limits: {
        register: { max: 10, periodMs: 60 * 60_000 },
        registerAttempt: { max: 60, periodMs: 60 * 60_000 },
        resetRequest: { max: 5, periodMs: 60 * 60_000 },
        accountEmail: { max: 5, periodMs: 60 * 60_000 },
        post: { max: 30, periodMs: 10 * 60_000 },
        message: { max: 30, periodMs: 10 * 60_000 },
        follow: { max: 60, periodMs: 10 * 60_000 },
        like: { max: 300, periodMs: 10 * 60_000 },
      },
      mail: { from: "Jot <jot@localhost>", outboxDir: join(projectRoot, "data", "outbox") },
      publicUrl: "http://127.0.0.1:3000",
      trustProxy: false,
    });
    expect(DEFAULT_DATABASE_URL).toBe("file:./data/jot.db");
  });

  it("treats empty strings as unset", () => {
    const config = loadConfig({ SESSION_SECRET: SECRET, PORT: "", HOST: "", NODE_ENV: "", LOG_LEVEL: "", DATABASE_URL: "" });
    expect(config.port).toBe(3000);
    expect(config.host).toBe("127.0.0.1");
    expect(config.env).toBe("development");
    expect(config.logLevel).toBe("info");
    expect(config.database.url).toBe(DEFAULT_FILE_URL);
  });

  it("reads every variable that is set", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: SECRET,
      DATABASE_URL: "postgresql://jot:pw@db.internal:5432/jot",
      DATABASE_POOL_SIZE: "25",
      HOST: "0.0.0.0",
      PORT: "8080",
      ARGON2_MEMORY_KIB: "65536",
      ARGON2_TIME_COST: "3",
      ARGON2_PARALLELISM: "4",
      ARGON2_CONCURRENCY: "3",
      ARGON2_QUEUE: "40",
      LOG_LEVEL: "warn",
      STREAMS_PER_USER: "4",
      STREAM_HEARTBEAT_SECONDS: "15",
      STREAM_MAX_MINUTES: "5",
      REQUEST_TIMEOUT_SECONDS: "20",
      LOGIN_FAILURES_PER_USERNAME: "7",
      LOGIN_FAILURES_PER_ADDRESS: "70",
      LOGIN_FAILURES_PER_DEVICE: "9",
      LOGIN_LIMIT_MINUTES: "30",
      STREAMS_PER_PROCESS: "900",
      RATE_LIMIT_REGISTRATIONS: "3/30",
      RATE_LIMIT_REGISTRATION_ATTEMPTS: "30/30",
      RATE_LIMIT_RESET_REQUESTS: "4/15",
      RATE_LIMIT_ACCOUNT_EMAILS: "2/1440",
      RATE_LIMIT_POSTS: "10/1",
      RATE_LIMIT_MESSAGES: "20/5",
      RATE_LIMIT_FOLLOWS: "100/60",
      RATE_LIMIT_LIKES: "500/30",
      SMTP_URL: "smtps://jot:secret@mail.example.com:465",
      MAIL_FROM: "Jot <no-reply@jot.example>",
      MAIL_OUTBOX_DIR: "/var/tmp/jot-outbox",
      PUBLIC_URL: "https://jot.example/",
      TRUST_PROXY: "10.0.0.5, 10.1.0.0/16",
    });
    expect(config).toEqual({
      env: "production",
      database: { provider: "postgresql", url: "postgresql://jot:pw@db.internal:5432/jot", poolSize: 25 },
      sessionSecret: SECRET,
      host: "0.0.0.0",
      port: 8080,
      argon2: { memoryCost: 65536, timeCost: 3, parallelism: 4 },
      passwordHashing: { concurrency: 3, queue: 40 },
      logLevel: "warn",
      streams: { perUser: 4, perProcess: 900, heartbeatMs: 15_000, maxAgeMs: 5 * 60_000 },
      requestTimeoutMs: 20_000,
      loginLimits: {
        perUsername: { max: 7, periodMs: 30 * 60_000 },
        perAddress: { max: 70, periodMs: 30 * 60_000 },
        perDevice: { max: 9, periodMs: 30 * 60_000 },
      },
      limits: {
        register: { max: 3, periodMs: 30 * 60_000 },
        registerAttempt: { max: 30, periodMs: 30 * 60_000 },
        resetRequest: { max: 4, periodMs: 15 * 60_000 },
        accountEmail: { max: 2, periodMs: 1440 * 60_000 },
        post: { max: 10, periodMs: 60_000 },
        message: { max: 20, periodMs: 5 * 60_000 },
        follow: { max: 100, periodMs: 60 * 60_000 },
        like: { max: 500, periodMs: 30 * 60_000 },
      },
      mail: { smtpUrl: "smtps://jot:secret@mail.example.com:465", from: "Jot <no-reply@jot.example>", outboxDir: "/var/tmp/jot-outbox" },
      publicUrl: "https://jot.example",
      trustProxy: "10.0.0.5,10.1.0.0/16",
    });
  });

  describe("in production", () => {
    const PRODUCTION = { NODE_ENV: "production", SESSION_SECRET: SECRET, SMTP_URL: "smtp://mail.internal:25", PUBLIC_URL: "https://jot.example" };

    it("needs PUBLIC_URL, and SMTP_URL unless MAIL_OUTBOX_DIR asks for files on purpose", () => {
      expect(configErrorFor({ ...PRODUCTION, PUBLIC_URL: "" })).toContain("PUBLIC_URL is required in production");
      expect(configErrorFor({ ...PRODUCTION, SMTP_URL: "" })).toContain("SMTP_URL is required in production");
      expect(loadConfig({ ...PRODUCTION, SMTP_URL: "", MAIL_OUTBOX_DIR: "/var/spool/jot" }).mail).toEqual({ from: "Jot <jot@localhost>", outboxDir: "/var/spool/jot" });
    });

    it("takes OWASP's argon2id minimum by default", () => {
      expect(loadConfig(PRODUCTION).argon2).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    });

    it.each([
      [{ ARGON2_MEMORY_KIB: "7168", ARGON2_TIME_COST: "4" }],
      [{ ARGON2_MEMORY_KIB: "1024" }],
      [{ ARGON2_TIME_COST: "1" }],
      [{ ARGON2_MEMORY_KIB: "7167", ARGON2_TIME_COST: "100" }],
      [{ ARGON2_MEMORY_KIB: "9216", ARGON2_TIME_COST: "3" }],
    ])("refuses %j, below OWASP's minimum, naming both variables", (costs) => {
      const message = configErrorFor({ ...PRODUCTION, ...costs });
      expect(message).toContain("ARGON2_MEMORY_KIB");
      expect(message).toContain("ARGON2_TIME_COST");
      expect(message).toContain("OWASP");
    });

    it.each([
      ["47104", "1"],
      ["19456", "2"],
      ["12288", "3"],
      ["9216", "4"],
      ["7168", "5"],
    ])("takes OWASP's equivalent choice m=%s KiB, t=%s", (memory, time) => {
      expect(loadConfig({ ...PRODUCTION, ARGON2_MEMORY_KIB: memory, ARGON2_TIME_COST: time }).argon2).toEqual({
        memoryCost: Number(memory),
        timeCost: Number(time),
        parallelism: 1,
      });
    });

    it("allows the same cheap costs outside production (tests hash with them)", () => {
      expect(loadConfig({ NODE_ENV: "test", SESSION_SECRET: SECRET, ARGON2_MEMORY_KIB: "1024", ARGON2_TIME_COST: "1" }).argon2.memoryCost).toBe(1024);
    });
  });

  describe("rate limits", () => {
    it.each(["0/10", "10/0", "10", "10/", "/10", "ten/10", "10/10m", "10 / 10", "10/1441", "-1/10", "1.5/10"])(
      "refuses RATE_LIMIT_POSTS=%j, naming it and the form",
      (value) => {
        const message = configErrorFor({ SESSION_SECRET: SECRET, RATE_LIMIT_POSTS: value });
        expect(message).toContain("RATE_LIMIT_POSTS");
        expect(message).toContain("count/minutes");
      },
    );
  });

  describe("TRUST_PROXY", () => {
    it("is a hop count, or a list of addresses and ranges", () => {
      expect(loadConfig({ SESSION_SECRET: SECRET, TRUST_PROXY: "2" }).trustProxy).toBe(2);
      expect(loadConfig({ SESSION_SECRET: SECRET, TRUST_PROXY: "127.0.0.1,::1,10.0.0.0/8" }).trustProxy).toBe("127.0.0.1,::1,10.0.0.0/8");
    });

    it.each(["0", "11", "yes", "10.0.0.300", "10.0.0.0/8/8", "proxy.internal", "1,2"])("refuses %j, naming it", (value) => {
      expect(configErrorFor({ SESSION_SECRET: SECRET, TRUST_PROXY: value })).toContain("TRUST_PROXY");
    });
  });

  describe("mail and links", () => {
    it.each(["jot:hunter2@mailhost", "http://jot:hunter2@mailhost", "smtp://jot:hunter2@", "smtp://jot:hunter2@mail host"])(
      "refuses SMTP_URL=%j without echoing its password",
      (value) => {
        const message = configErrorFor({ SESSION_SECRET: SECRET, SMTP_URL: value });
        expect(message).toContain("SMTP_URL");
        expect(message).not.toContain("hunter2");
      },
    );

    it("refuses a MAIL_FROM of more than one line: a header cannot be smuggled in", () => {
      expect(configErrorFor({ SESSION_SECRET: SECRET, MAIL_FROM: "Jot <a@b.c>\r\nBcc: x@evil.example" })).toContain("MAIL_FROM");
    });

    it.each(["jot.example.com", "ftp://jot.example.com", "https://"])("refuses PUBLIC_URL=%j", (value) => {
      expect(configErrorFor({ SESSION_SECRET: SECRET, PUBLIC_URL: value })).toContain("PUBLIC_URL");
    });

    it("takes PUBLIC_URL without its trailing slash, and defaults to the address the server listens on", () => {
      expect(loadConfig({ SESSION_SECRET: SECRET, PUBLIC_URL: "https://jot.example/social//" }).publicUrl).toBe("https://jot.example/social");
      // The host the server announces, so the link opens where the session cookie already is.
      expect(loadConfig({ SESSION_SECRET: SECRET, PORT: "8123" }).publicUrl).toBe("http://127.0.0.1:8123");
      expect(loadConfig({ SESSION_SECRET: SECRET, HOST: "jot.local", PORT: "80" }).publicUrl).toBe("http://jot.local:80");
      expect(loadConfig({ SESSION_SECRET: SECRET, HOST: "::1" }).publicUrl).toBe("http://[::1]:3000");
      // Listening everywhere names no one address: this machine's.
      expect(loadConfig({ SESSION_SECRET: SECRET, HOST: "0.0.0.0" }).publicUrl).toBe("http://localhost:3000");
    });
  });

  it("is silent by default in tests", () => {
    expect(loadConfig({ NODE_ENV: "test", SESSION_SECRET: SECRET }).logLevel).toBe("silent");
    expect(loadConfig({ NODE_ENV: "test", SESSION_SECRET: SECRET, LOG_LEVEL: "debug" }).logLevel).toBe("debug");
  });

  it("names every bad or missing setting at once, a line each", () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: "production", PORT: "http", RATE_LIMIT_POSTS: "lots" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((line) => line.split(" ")[0])).toEqual(["PORT", "SESSION_SECRET", "RATE_LIMIT_POSTS", "SMTP_URL", "PUBLIC_URL"]);
    expect(message.split("\n")).toEqual(problems);
  });

  it("rejects an unknown NODE_ENV", () => {
    expect(configErrorFor({ NODE_ENV: "staging", SESSION_SECRET: SECRET })).toContain("NODE_ENV");
  });

  describe("PORT", () => {
    it.each(["0", "1", "65535"])("accepts %j", (port) => {
      expect(loadConfig({ SESSION_SECRET: SECRET, PORT: port }).port).toBe(Number(port));
    });

    it.each(["abc", "70000", "65536", "-1", "1.5", "80 ", " 80", "0x50", "1e3", "99999999999999999999"])(
      "rejects %j with a one-line message naming PORT",
      (port) => {
        const message = configErrorFor({ SESSION_SECRET: SECRET, PORT: port });
        expect(message).toContain("PORT");
        expect(message).toContain("0 to 65535");
      },
    );
  });

  describe("DATABASE_LISTEN_URL", () => {
    it("is taken for PostgreSQL, for LISTEN past a pooler", () => {
      const config = loadConfig({ SESSION_SECRET: SECRET, DATABASE_URL: "postgresql://jot@pooler/jot", DATABASE_LISTEN_URL: "postgresql://jot@db/jot" });
      expect(config.database.listenUrl).toBe("postgresql://jot@db/jot");
      expect(loadConfig({ SESSION_SECRET: SECRET, DATABASE_URL: "postgresql://jot@db/jot" }).database.listenUrl).toBeUndefined();
    });

    it.each([
      ["file:./data/jot.db", "postgresql://jot@db/jot"],
      ["postgresql://jot@db/jot", "file:./x.db"],
      ["postgresql://jot@db/jot", "postgresql://"],
    ])("is refused with DATABASE_URL=%j and DATABASE_LISTEN_URL=%j", (url, listenUrl) => {
      expect(configErrorFor({ SESSION_SECRET: SECRET, DATABASE_URL: url, DATABASE_LISTEN_URL: listenUrl })).toContain("DATABASE_LISTEN_URL");
    });
  });

  describe("notification streams", () => {
    it.each([
      ["STREAMS_PER_USER", "0"],
      ["STREAMS_PER_USER", "1001"],
      ["STREAM_HEARTBEAT_SECONDS", "0"],
      ["STREAM_HEARTBEAT_SECONDS", "1.5"],
      ["STREAM_MAX_MINUTES", "1441"],
      ["STREAM_MAX_MINUTES", "x"],
      ["REQUEST_TIMEOUT_SECONDS", "0"],
      ["REQUEST_TIMEOUT_SECONDS", "301"],
      ["LOGIN_FAILURES_PER_USERNAME", "0"],
      ["LOGIN_FAILURES_PER_ADDRESS", "-1"],
      ["LOGIN_LIMIT_MINUTES", "1441"],
      ["LOGIN_FAILURES_PER_DEVICE", "0"],
      ["ARGON2_CONCURRENCY", "0"],
      ["ARGON2_QUEUE", "-1"],
    ])("rejects %s=%j naming it", (name, value) => {
      expect(configErrorFor({ SESSION_SECRET: SECRET, [name]: value })).toContain(name);
    });
  });

  describe("SESSION_SECRET", () => {
    it("is required in production", () => {
      expect(configErrorFor({ NODE_ENV: "production" })).toContain("SESSION_SECRET");
      expect(configErrorFor({ NODE_ENV: "production", SESSION_SECRET: "" })).toContain("SESSION_SECRET");
    });

    it("may not be the placeholder of the documented production environment", () => {
      expect(configErrorFor({ SESSION_SECRET: "replace-with-the-output-of-openssl-rand-base64-48" })).toContain("placeholder");
    });

    it("must be at least 32 characters", () => {
      const message = configErrorFor({ SESSION_SECRET: "s".repeat(31) });
      expect(message).toContain("SESSION_SECRET");
      expect(message).toContain("32");
      expect(configErrorFor({ NODE_ENV: "production", SESSION_SECRET: "short" })).toContain("SESSION_SECRET");
    });

    it("accepts exactly 32 characters", () => {
      expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: SECRET, SMTP_URL: "smtp://mail:25", PUBLIC_URL: "https://jot.example" }).sessionSecret).toBe(SECRET);
    });

    it("does not echo the secret in the error message", () => {
      const message = configErrorFor({ SESSION_SECRET: "hunter2-not-long-enough" });
      expect(message).not.toContain("hunter2");
    });
  });

  describe("DATABASE_URL", () => {
    const database = (url: string) => loadConfig({ SESSION_SECRET: SECRET, DATABASE_URL: url }).database;

    it.each(["mysql://x", "./data/jot.db", "file:", "FILE:./x.db", "postgres://", "postgresql://", "sqlite:x.db"])(
      "rejects %j with a message naming it and both kinds of URL",
      (url) => {
        const message = configErrorFor({ SESSION_SECRET: SECRET, DATABASE_URL: url });
        expect(message).toContain("DATABASE_URL");
        expect(message).toContain("file:");
        expect(message).toContain("postgresql://");
      },
    );

    it("never echoes more than the scheme, since the URL may hold a password", () => {
      const message = configErrorFor({ SESSION_SECRET: SECRET, DATABASE_URL: "mysql://jot:Sup3rSecret@db/jot" });
      expect(message).toContain('"mysql:"');
      expect(message).not.toContain("Sup3rSecret");
      const broken = configErrorFor({ SESSION_SECRET: SECRET, DATABASE_URL: "postgresql://jot:Sup3rSecret@bad host/jot" });
      expect(broken).toContain("DATABASE_URL is not a valid postgresql:// URL");
      expect(broken).not.toContain("Sup3r");
    });

    it("accepts file: URLs, including an in-memory database, as SQLite", () => {
      expect(database("file::memory:")).toMatchObject({ provider: "sqlite", url: "file::memory:" });
      expect(database("file:/tmp/x.db")).toMatchObject({ provider: "sqlite", url: "file:/tmp/x.db" });
      expect(database("file:db/x.db")).toMatchObject({ provider: "sqlite", url: `file:${join(projectRoot, "db", "x.db")}` });
    });

    it("accepts postgresql:// and postgres:// URLs as PostgreSQL, unchanged", () => {
      for (const url of ["postgresql://jot@localhost/jot", "postgres://jot:pw@10.0.0.5:6432/jot?sslmode=require", "postgresql:///jot?host=/var/run/postgresql"]) {
        expect(database(url)).toEqual({ provider: "postgresql", url, poolSize: 10 });
      }
    });
  });

  describe("DATABASE_POOL_SIZE", () => {
    it.each(["0", "-1", "abc", "1001", "2.5"])("rejects %j naming it", (value) => {
      expect(configErrorFor({ SESSION_SECRET: SECRET, DATABASE_POOL_SIZE: value })).toContain("DATABASE_POOL_SIZE");
    });

    it("accepts 1 to 1000", () => {
      expect(loadConfig({ SESSION_SECRET: SECRET, DATABASE_POOL_SIZE: "1" }).database.poolSize).toBe(1);
      expect(loadConfig({ SESSION_SECRET: SECRET, DATABASE_POOL_SIZE: "1000" }).database.poolSize).toBe(1000);
    });
  });

  describe("argon2 cost", () => {
    it.each(["abc", "7", "0", "-1", "4194305", "19.5"])("rejects ARGON2_MEMORY_KIB=%j naming it", (value) => {
      expect(configErrorFor({ SESSION_SECRET: SECRET, ARGON2_MEMORY_KIB: value })).toContain("ARGON2_MEMORY_KIB");
    });

    it("accepts the bounds of ARGON2_MEMORY_KIB", () => {
      expect(loadConfig({ SESSION_SECRET: SECRET, ARGON2_MEMORY_KIB: "8" }).argon2.memoryCost).toBe(8);
      expect(loadConfig({ SESSION_SECRET: SECRET, ARGON2_MEMORY_KIB: "4194304" }).argon2.memoryCost).toBe(4194304);
    });

    it("rejects less than 8 KiB of memory per lane, which argon2 would refuse on every hash", () => {
      const message = configErrorFor({ SESSION_SECRET: SECRET, ARGON2_MEMORY_KIB: "64", ARGON2_PARALLELISM: "16" });
      expect(message).toContain("ARGON2_MEMORY_KIB");
      expect(message).toContain("128");
      expect(loadConfig({ SESSION_SECRET: SECRET, ARGON2_MEMORY_KIB: "128", ARGON2_PARALLELISM: "16" }).argon2.memoryCost).toBe(128);
    });

    it.each([
      ["ARGON2_TIME_COST", "0"],
      ["ARGON2_TIME_COST", "101"],
      ["ARGON2_PARALLELISM", "0"],
      ["ARGON2_PARALLELISM", "17"],
    ])("rejects %s=%j naming it", (name, value) => {
      expect(configErrorFor({ SESSION_SECRET: SECRET, [name]: value })).toContain(name);
    });
  });

  it("keeps a message on one line even when the value has line breaks", () => {
    const message = configErrorFor({ SESSION_SECRET: SECRET, PORT: "80\nFAKE LOG LINE" });
    expect(message).toContain("PORT");
    expect(message).toContain("\\n");
  });

  describe("LOG_LEVEL", () => {
    it("rejects an unknown level naming LOG_LEVEL", () => {
      const message = configErrorFor({ SESSION_SECRET: SECRET, LOG_LEVEL: "loud" });
      expect(message).toContain("LOG_LEVEL");
      expect(message).toContain("loud");
    });

    it.each(["fatal", "error", "warn", "info", "debug", "trace", "silent"])("accepts %j", (level) => {
      expect(loadConfig({ SESSION_SECRET: SECRET, LOG_LEVEL: level }).logLevel).toBe(level);
    });

    it("is case-sensitive, as pino is", () => {
      expect(configErrorFor({ SESSION_SECRET: SECRET, LOG_LEVEL: "INFO" })).toContain("LOG_LEVEL");
    });
  });
});
