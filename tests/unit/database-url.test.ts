import { describe, expect, it } from "vitest";
import { absoluteDatabaseUrl, providerOf, redactedDatabaseUrl } from "../../app/database-url.js";

describe("providerOf", () => {
  it("tells SQLite and PostgreSQL apart by the scheme alone", () => {
    expect(providerOf("file:./data/jot.db")).toBe("sqlite");
    expect(providerOf("postgresql://h/db")).toBe("postgresql");
    expect(providerOf("postgres://h/db")).toBe("postgresql");
    for (const url of ["file:", "postgres://", "mysql://h/db", "sqlite:x.db", "POSTGRES://h/db", ""]) expect(providerOf(url)).toBeUndefined();
  });
});

describe("absoluteDatabaseUrl", () => {
  it("takes relative SQLite paths from the given folder and leaves the rest alone", () => {
    expect(absoluteDatabaseUrl("file:./data/jot.db", "/srv/jot")).toBe("file:/srv/jot/data/jot.db");
    expect(absoluteDatabaseUrl("file:/var/jot.db", "/srv/jot")).toBe("file:/var/jot.db");
    expect(absoluteDatabaseUrl("file::memory:", "/srv/jot")).toBe("file::memory:");
    expect(absoluteDatabaseUrl("postgresql://h/db", "/srv/jot")).toBe("postgresql://h/db");
  });
});

describe("redactedDatabaseUrl", () => {
  it("masks a password and keeps everything else", () => {
    expect(redactedDatabaseUrl("postgresql://jot:s3cret@db:5432/jot?sslmode=require")).toBe("postgresql://jot:***@db:5432/jot?sslmode=require");
    expect(redactedDatabaseUrl("postgres://jot@db/jot")).toBe("postgres://jot@db/jot");
    expect(redactedDatabaseUrl("postgresql://jot@db/jot?password=s3cret&sslpassword=k3y&sslmode=require")).toBe(
      "postgresql://jot@db/jot?password=***&sslpassword=***&sslmode=require",
    );
    expect(redactedDatabaseUrl("file:/srv/jot/data/jot.db")).toBe("file:/srv/jot/data/jot.db");
  });
});
