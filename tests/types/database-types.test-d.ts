// The repositories are typed against the SQLite client and handed the PostgreSQL client through one
// conversion (app/database/postgres.ts). That is sound only while these hold; vitest checks them
// with the TypeScript compiler, so a schema or Prisma change that breaks one fails `npm test`.
import { describe, expectTypeOf, it } from "vitest";
import type * as Sqlite from "../../app/generated/prisma/client.js";
import type * as Postgres from "../../app/generated/prisma-postgres/client.js";


describe("rows and results", () => {
  it("are the same types on both databases", () => {
    expectTypeOf<Sqlite.User>().toEqualTypeOf<Postgres.User>();
    expectTypeOf<Sqlite.Post>().toEqualTypeOf<Postgres.Post>();
    type WithAuthor = { include: { author: { select: { id: true; username: true } } } };
    expectTypeOf<Sqlite.Prisma.PostGetPayload<WithAuthor>>().toEqualTypeOf<Postgres.Prisma.PostGetPayload<WithAuthor>>();
    type Ids = { select: { id: true } };
    expectTypeOf<Sqlite.Prisma.UserGetPayload<Ids>>().toEqualTypeOf<Postgres.Prisma.UserGetPayload<Ids>>();
  });
});

describe("inputs written for SQLite", () => {
  it("are valid PostgreSQL inputs", () => {
    expectTypeOf<Sqlite.Prisma.UserCreateInput>().toExtend<Postgres.Prisma.UserCreateInput>();
    expectTypeOf<Sqlite.Prisma.UserWhereUniqueInput>().toExtend<Postgres.Prisma.UserWhereUniqueInput>();
    expectTypeOf<Sqlite.Prisma.UserWhereInput>().toExtend<Postgres.Prisma.UserWhereInput>();
    expectTypeOf<Sqlite.Prisma.PostUncheckedCreateInput>().toExtend<Postgres.Prisma.PostUncheckedCreateInput>();
    expectTypeOf<Sqlite.Prisma.PostCreateManyInput>().toExtend<Postgres.Prisma.PostCreateManyInput>();
    expectTypeOf<Sqlite.Prisma.PostWhereInput>().toExtend<Postgres.Prisma.PostWhereInput>();
    expectTypeOf<Sqlite.Prisma.PostOrderByWithRelationInput>().toExtend<Postgres.Prisma.PostOrderByWithRelationInput>();
    expectTypeOf<Sqlite.Prisma.PostFindManyArgs>().toExtend<Postgres.Prisma.PostFindManyArgs>();
    expectTypeOf<Sqlite.Prisma.PostDeleteManyArgs>().toExtend<Postgres.Prisma.PostDeleteManyArgs>();
  });

  it("are narrower than PostgreSQL's, which is why the clients are converted rather than assigned", () => {
    // PostgreSQL's string filters take `mode: "insensitive"` and its transactions more isolation levels.
    expectTypeOf<Postgres.Prisma.StringFilter>().toHaveProperty("mode");
    expectTypeOf<Sqlite.Prisma.StringFilter>().not.toHaveProperty("mode");
    expectTypeOf<Sqlite.Prisma.TransactionIsolationLevel>().not.toEqualTypeOf<Postgres.Prisma.TransactionIsolationLevel>();
    expectTypeOf<Postgres.PrismaClient>().not.toExtend<Sqlite.PrismaClient>();
  });
});
