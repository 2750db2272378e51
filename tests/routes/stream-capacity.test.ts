// One process holds at most STREAMS_PER_PROCESS notification streams in all: past that a tab is
// told to poll instead (503, Retry-After), and a place frees as soon as a stream closes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { EventStreamClient } from "../helpers/event-stream-client.js";

const { app } = await testApp({ STREAMS_PER_PROCESS: "2" });
const [ann, bob, cy] = await Promise.all(["ann", "bob", "cyd"].map((name) => loggedInVisitor(app, name)));
let base: string;
const open: EventStreamClient[] = [];

beforeAll(async () => {
  base = await app.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(() => Promise.all(open.map((stream) => stream.close())));

async function stream(cookie: string): Promise<EventStreamClient> {
  const client = await EventStreamClient.open(`${base}/notifications/stream`, { cookie });
  open.push(client);
  return client;
}

describe("streams per process", () => {
  it("refuses a stream past the cap with a 503 saying to poll, for anyone, until one closes", async () => {
    const first = await stream(ann!.cookieHeader());
    expect(first.status).toBe(200);
    expect((await stream(bob!.cookieHeader())).status).toBe(200);
    const refused = await stream(cy!.cookieHeader());
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("30");
    await refused.waitFor(() => refused.ended);
    expect(refused.body).toContain("check for news now and then instead");
    // The poll still answers.
    expect((await cy!.get("/notifications")).statusCode).toBe(200);
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await stream(cy!.cookieHeader())).status).toBe(200);
  });
});
