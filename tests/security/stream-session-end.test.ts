// A notification stream belongs to a login: when that login ends (a logout, "log out everywhere", a
// new password, a reset, the account deleted), every stream it opened ends within a second, in every
// process, rather than delivering the user's news for the rest of its half hour. On PostgreSQL a
// second Jot on the same database holds a stream too, and hears of the end through the news bus.
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app/app.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { testProvider } from "../helpers/database.js";
import { EventStreamClient } from "../helpers/event-stream-client.js";
import { awaitMailTo, mailsTo } from "../helpers/outbox.js";
import type { Visitor } from "../helpers/visitor.js";

const ENDED_WITHIN_MS = 1000;
const { app, config } = await testApp();
let other: FastifyInstance | undefined;
const bases: string[] = [];
const open: EventStreamClient[] = [];

beforeAll(async () => {
  bases.push(await app.listen({ host: "127.0.0.1", port: 0 }));
  if (testProvider === "postgresql") {
    other = await buildApp(config);
    bases.push(await other.listen({ host: "127.0.0.1", port: 0 }));
  }
});
afterAll(() => other?.close());
afterEach(async () => {
  await Promise.all(open.splice(0).map((stream) => stream.close()));
});

/** A stream of `who`'s on each Jot, each past its first event (the unread count). */
async function streamsOf(who: Visitor): Promise<EventStreamClient[]> {
  const streams = await Promise.all(bases.map((base) => EventStreamClient.open(`${base}/notifications/stream`, { cookie: who.cookieHeader() })));
  open.push(...streams);
  expect(streams.map((s) => s.status)).toEqual(bases.map(() => 200));
  await Promise.all(streams.map((s) => s.until(1)));
  return streams;
}

/** Runs `end` and resolves with how long every stream took to end after it had answered. */
async function endedAfter(streams: EventStreamClient[], end: () => Promise<{ statusCode: number }>): Promise<number> {
  expect((await end()).statusCode).toBe(303);
  const answered = Date.now();
  await Promise.all(streams.map((s) => s.waitFor(() => s.ended, 3000, "the end of the stream").catch(() => undefined)));
  expect(streams.map((s) => s.ended)).toEqual(streams.map(() => true));
  return Date.now() - answered;
}

const ends: [string, (who: Visitor, name: string) => Promise<{ statusCode: number }>][] = [
  ["a logout", (who) => who.submit("/", "/logout", {})],
  ["logging out everywhere", (who) => who.submit("/settings", "/settings/logout_everywhere", {})],
  ["a new password", (who) => who.submit("/settings", "/settings/password", { current_password: "correct horse", password: "a new password", password2: "a new password" })],
  [
    "a reset password",
    async (who, name) => {
      const email = `${name}@example.com`;
      const already = mailsTo(config.mail.outboxDir, email).length;
      await who.submit("/reset_password_request", "/reset_password_request", { email });
      const link = (await awaitMailTo(config.mail.outboxDir, email, already)).linkPath!;
      return who.submit(link, link, { password: "a new password", password2: "a new password" });
    },
  ],
  ["the account deleted", (who) => who.submit("/settings", "/settings/delete", { delete_password: "correct horse" })],
];

describe(`streams end within ${ENDED_WITHIN_MS} ms of the login they belong to, on ${testProvider === "postgresql" ? "both Jots" : "Jot"}`, () => {
  it.each(ends)("after %s", async (what, end) => {
    const name = `leaver_${ends.findIndex(([w]) => w === what)}`;
    const leaver = await loggedInVisitor(app, name);
    const bystander = await loggedInVisitor(app, `${name}_bystander`);
    const theirs = await streamsOf(bystander);
    // Another tab of the same login, which is what ends.
    const streams = await streamsOf(leaver);
    const took = await endedAfter(streams, () => end(leaver, name));
    console.log(`streams ended ${took} ms after ${what} (${testProvider}, ${bases.length} Jot${bases.length > 1 ? "s" : ""})`);
    expect(took).toBeLessThan(ENDED_WITHIN_MS);
    // Someone else's login is not touched by it.
    expect(theirs.map((s) => s.ended)).toEqual(theirs.map(() => false));
  });
});
