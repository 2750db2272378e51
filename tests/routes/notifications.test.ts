import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { EventStreamClient } from "../helpers/event-stream-client.js";
import { sideDoor } from "../helpers/posts.js";
import type { Visitor } from "../helpers/visitor.js";

const PER_USER = 3;
const { app, config, visitor } = await testApp({ STREAMS_PER_USER: String(PER_USER), STREAM_HEARTBEAT_SECONDS: "1" });
const { db } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
const bob = await loggedInVisitor(app, "Bob");
const bobId = (await db.user.findUniqueOrThrow({ where: { usernameKey: "bob" } })).id;
/** The id of Bob's event for his notification number `seq`. */
const bobs = (seq: number) => `${bobId}-${seq}`;
let base: string;
const open: EventStreamClient[] = [];

beforeAll(async () => {
  base = await app.listen({ host: "127.0.0.1", port: 0 });
});

beforeEach(async () => {
  await db.message.deleteMany();
  await db.chat.deleteMany();
  await db.follow.deleteMany();
  await db.notification.deleteMany();
  await db.user.updateMany({ data: { notificationSeq: 0 } });
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((stream) => stream.close()));
});

async function stream(who: Visitor | null, headers: Record<string, string> = {}, query = ""): Promise<EventStreamClient> {
  const client = await EventStreamClient.open(`${base}/notifications/stream${query}`, { ...(who ? { cookie: who.cookieHeader() } : {}), ...headers });
  open.push(client);
  return client;
}

const send = (from: Visitor, to: string, message: string) => from.submit("/explore", `/send_message/${to}`, { message });
/** As the page's script asks for its news when it cannot stream: the same address as the page, asking for JSON. */
const AS_SCRIPT = { accept: "application/json" };
const poll = async (who: Visitor, query = "") => (await who.get(`/notifications${query}`, AS_SCRIPT)).json();

describe("the notification stream", () => {
  it("answers a visitor 401, not a login page", async () => {
    const visitorStream = await stream(null);
    expect(visitorStream.status).toBe(401);
    await visitorStream.waitFor(() => visitorStream.ended);
    expect(visitorStream.body).toBe("Sign in to receive notifications.\n");
  });

  it("is an event stream that starts with the unread count, carries the security headers and keeps itself open with heartbeats", async () => {
    await send(ann, "bob", "before the stream");
    const bobStream = await stream(bob);
    expect(bobStream.status).toBe(200);
    expect(bobStream.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(bobStream.headers["cache-control"]).toBe("no-store, no-transform");
    expect(bobStream.headers["content-security-policy"]).toContain("default-src 'self'");
    // The count alone, with the id of the newest notification so far: a reconnect resumes after it.
    expect(await bobStream.until(1)).toEqual([{ id: bobs(1), data: { unread: 1, unreadNotifications: 0 } }]);
    await bobStream.waitFor(() => bobStream.comments >= 1, 2500, "a heartbeat");
    // A HEAD gets the same headers, and no stream.
    const head = await bob.head("/notifications/stream");
    expect(head.statusCode).toBe(200);
    expect([head.headers["content-type"], head.headers["cache-control"], head.body]).toEqual(["text/event-stream; charset=utf-8", "no-store, no-transform", ""]);
  });

  it("delivers a message to every open tab of the recipient at once, each event with its id and the new count", async () => {
    const tabs = [await stream(bob), await stream(bob)];
    const anns = await stream(ann);
    for (const tab of [...tabs, anns]) await tab.until(1);
    expect((await send(ann, "bob", "Hi <b>Bob</b>")).statusCode).toBe(303);
    for (const tab of tabs) {
      const [, event] = await tab.until(2);
      expect(event).toEqual({
        id: bobs(1),
        data: { id: 1, kind: "message", from: { username: "ann", url: "/user/ann" }, notice: { text: "New message from ann", url: "/messages/ann" }, at: expect.any(String), unread: 1, unreadNotifications: 0 },
      });
    }
    await send(ann, "bob", "again");
    expect((await tabs[0]!.until(3))[2]).toMatchObject({ id: bobs(2), data: { kind: "message", unread: 2 } });
    // The sender hears nothing of it.
    expect(anns.events).toHaveLength(1);
  });

  it("clears the badge in every tab when the conversation is read in one of them", async () => {
    await send(ann, "bob", "one");
    await send(ann, "bob", "two");
    const tabs = [await stream(bob), await stream(bob)];
    for (const tab of tabs) expect((await tab.until(1))[0]!.data).toEqual({ unread: 2, unreadNotifications: 0 });
    // The list reads nothing; the conversation does.
    expect((await bob.get("/messages")).statusCode).toBe(200);
    expect((await bob.get("/messages/ann")).statusCode).toBe(200);
    for (const tab of tabs) expect((await tab.until(2))[1]).toMatchObject({ id: bobs(3), data: { kind: "read", from: null, unread: 0 } });
    // Opening it again reads nothing new, so nothing is sent; nor does a HEAD.
    await bob.get("/messages/ann");
    await bob.head("/messages/ann");
    await send(ann, "bob", "three");
    expect((await tabs[0]!.until(3))[2]).toMatchObject({ id: bobs(4), data: { kind: "message", unread: 1 } });
  });

  it("tells of a new follower once; following again, or unfollowing, is no news", async () => {
    const bobStream = await stream(bob);
    await bobStream.until(1);
    const follow = () => ann.submit("/user/bob", "/follow/Bob", {});
    expect((await follow()).statusCode).toBe(303);
    expect((await bobStream.until(2))[1]).toMatchObject({ id: bobs(1), data: { kind: "follower", from: { username: "ann" }, unread: 0 } });
    await follow();
    await send(ann, "bob", "after the follow");
    expect((await bobStream.until(3))[2]).toMatchObject({ id: bobs(2), data: { kind: "message" } });
    expect(bobStream.events).toHaveLength(3);
  });

  it("resumes after Last-Event-ID with exactly the notifications missed, then carries on live", async () => {
    const first = await stream(bob);
    await send(ann, "bob", "one");
    await first.until(2);
    const lastSeen = first.lastEventId!;
    await first.close();
    await send(ann, "bob", "two");
    await ann.submit("/user/bob", "/follow/Bob", {});
    const again = await stream(bob, { "last-event-id": lastSeen });
    const missed = await again.until(2);
    expect(missed.map((e) => e.id)).toEqual([bobs(2), bobs(3)]);
    expect(missed.map((e) => (e.data as { kind: string }).kind)).toEqual(["message", "follower"]);
    await send(ann, "bob", "three");
    expect((await again.until(3)).map((e) => e.id)).toEqual([bobs(2), bobs(3), bobs(4)]);
    expect(again.events.at(-1)!.data).toMatchObject({ unread: 3 });
  });

  it("resumes a stream that has had only its count: nothing sent while it was away is lost", async () => {
    const quiet = await stream(bob);
    expect((await quiet.until(1))[0]).toEqual({ id: bobs(0), data: { unread: 0, unreadNotifications: 0 } });
    await quiet.close();
    await send(ann, "bob", "while away");
    const back = await stream(bob, { "last-event-id": quiet.lastEventId! });
    expect((await back.until(1))[0]).toMatchObject({ id: bobs(1), data: { kind: "message", unread: 1 } });
  });

  it("starts a new stream after ?after= (the number the page was rendered with), unless Last-Event-ID says otherwise", async () => {
    await send(ann, "bob", "before the page");
    await send(ann, "bob", "while the page loaded");
    const opened = await stream(bob, {}, "?after=1");
    expect((await opened.until(1))[0]).toMatchObject({ id: bobs(2), data: { kind: "message", unread: 2 } });
    const resumed = await stream(bob, { "last-event-id": bobs(2) }, "?after=0");
    expect((await resumed.until(1))[0]).toEqual({ id: bobs(2), data: { unread: 2, unreadNotifications: 0 } });
    const nonsense = await stream(bob, {}, "?after=x");
    expect((await nonsense.until(1))[0]).toEqual({ id: bobs(2), data: { unread: 2, unreadNotifications: 0 } });
  });

  it("starts from now for a Last-Event-ID that is not a number, is beyond the log, or is someone else's", async () => {
    await send(ann, "bob", "old");
    const ids = ["nonsense", "-1", "99999999999999999999", "7", bobs(500), `${bobId + 1}-0`, `${bobId}-`];
    for (const [i, id] of ids.entries()) {
      const bobStream = await stream(bob, { "last-event-id": id });
      // Only the count: nothing of the log is replayed.
      expect((await bobStream.until(1))[0]).toEqual({ id: bobs(i + 1), data: { unread: i + 1, unreadNotifications: 0 } });
      await send(ann, "bob", `after ${id}`);
      const events = await bobStream.until(2);
      expect(events).toHaveLength(2);
      expect(events[1]!.data).toMatchObject({ kind: "message" });
      await bobStream.close();
    }
  });

  it(`holds at most ${PER_USER} streams per user, says so past that, and frees the place when a tab closes`, async () => {
    const tabs = await Promise.all(Array.from({ length: PER_USER }, () => stream(bob)));
    for (const tab of tabs) expect(tab.status).toBe(200);
    const extra = await stream(bob);
    expect(extra.status).toBe(429);
    expect(extra.headers["retry-after"]).toBe("60");
    await extra.waitFor(() => extra.ended);
    expect(extra.body).toContain(`already open in ${PER_USER} tabs`);
    // Someone else is not held back by it.
    expect((await stream(ann)).status).toBe(200);
    await tabs[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await stream(bob)).status).toBe(200);
  });

  it("frees everything a closed tab held: 200 streams opened and closed leave no handles, timers or memory behind", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      gc();
    };
    // Sockets and timers: what an open stream holds (immediates come and go with any work).
    const resources = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout" || r.startsWith("TCP")).sort();
    await settle();
    const before = { resources: resources(), heap: process.memoryUsage().heapUsed };
    for (let round = 0; round < 200 / PER_USER; round++) {
      const tabs = await Promise.all(Array.from({ length: PER_USER }, () => stream(bob)));
      await Promise.all(tabs.map((tab) => tab.until(1)));
      await Promise.all(tabs.map((tab) => tab.close()));
      open.length = 0;
    }
    await settle();
    expect(resources()).toEqual(before.resources);
    expect(process.memoryUsage().heapUsed - before.heap).toBeLessThan(2 * 1024 * 1024);
    // And the user can still open a full set of streams: none of the 200 still holds a place.
    const tabs = await Promise.all(Array.from({ length: PER_USER }, () => stream(bob)));
    expect(tabs.map((tab) => tab.status)).toEqual(Array(PER_USER).fill(200));
  });
});

describe("the polling fallback, GET /notifications", () => {
  it("answers a visitor 401 in JSON", async () => {
    const res = await visitor().get("/notifications", AS_SCRIPT);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: "Sign in to receive notifications." });
  });

  it("gives the unread count and where the log stands, then what came after it", async () => {
    expect(await poll(bob)).toEqual({ unread: 0, unreadNotifications: 0, notifications: [], last: 0 });
    await send(ann, "bob", "one");
    await ann.submit("/user/bob", "/follow/Bob", {});
    const now = await poll(bob);
    // The follow is news for the notifications page; the message, for Messages.
    expect(now).toEqual({ unread: 1, unreadNotifications: 1, notifications: [], last: 2 });
    expect((await poll(bob, "?since=0")).notifications.map((n: { id: number; kind: string }) => [n.id, n.kind])).toEqual([
      [1, "message"],
      [2, "follower"],
    ]);
    expect(await poll(bob, "?since=2")).toEqual({ unread: 1, unreadNotifications: 1, notifications: [], last: 2 });
    await send(ann, "bob", "two");
    const next = await poll(bob, "?since=2");
    expect(next).toMatchObject({ unread: 2, last: 3, notifications: [{ id: 3, kind: "message", from: { username: "ann" } }] });
    expect((await bob.get("/notifications", AS_SCRIPT)).headers["cache-control"]).toBe("no-store");
  });

  it("answers a since that is not a notification number 400, and one beyond the log with the end of the log", async () => {
    for (const since of ["abc", "-1", "1.5", "", "1e3", "99999999999"]) {
      const res = await bob.get(`/notifications?since=${since}`, AS_SCRIPT);
      expect(res.statusCode, since).toBe(400);
      expect(res.json().error).toContain("since");
    }
    expect((await bob.get("/notifications?since=1&since=2", AS_SCRIPT)).statusCode).toBe(400);
    await send(ann, "bob", "one");
    expect(await poll(bob, "?since=777")).toEqual({ unread: 1, unreadNotifications: 0, notifications: [], last: 1 });
  });
});
