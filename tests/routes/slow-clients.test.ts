// A client that sends its request a byte at a time (slowloris) must not hold a connection for as
// long as it likes: real sockets against a real listening Jot, with a 2 s request timeout.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { EventStreamClient } from "../helpers/event-stream-client.js";

const { app } = await testApp({ REQUEST_TIMEOUT_SECONDS: "2" });
let port: number;
const TRICKLE_MS = 400;
const CUT_OFF_WITHIN_MS = 4500;
/** Long enough for the server to have cut the client off several times over. */
const GIVE_UP_MS = 9000;

beforeAll(async () => {
  port = Number(new URL(await app.listen({ host: "127.0.0.1", port: 0 })).port);
});
afterAll(() => app.close());

/**
 * Opens a connection, writes `head` at once, then one byte of `trickle` every TRICKLE_MS; resolves
 * with what the server answered and when the connection was closed (ms after opening).
 */
function trickle(head: string, trickled: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let answer = "";
    let sent = 0;
    const socket: Socket = connect(port, "127.0.0.1", () => socket.write(head));
    const timer = setInterval(() => {
      if (sent < trickled.length && !socket.destroyed) socket.write(trickled[sent++]!);
    }, TRICKLE_MS);
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after ${GIVE_UP_MS} ms, ${sent} bytes trickled`));
    }, GIVE_UP_MS);
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

describe("a client that trickles its request", () => {
  it("is cut off with a 408 when its headers take too long", async () => {
    const { answer, closedAfterMs } = await trickle("GET /login HTTP/1.1\r\nHost: jot\r\n", "X-Slow: " + "a".repeat(100));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // The timeout, plus up to a second until the server's next look.
    expect(closedAfterMs).toBeLessThan(CUT_OFF_WITHIN_MS);
  });

  it("is cut off with a 408 when its body takes too long", async () => {
    const body = `username=${"s".repeat(40)}&password=${"p".repeat(40)}`;
    const head = `POST /register HTTP/1.1\r\nHost: jot\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { answer, closedAfterMs } = await trickle(head, body);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // The timeout, plus up to a second until the server's next look.
    expect(closedAfterMs).toBeLessThan(CUT_OFF_WITHIN_MS);
  });

  it("leaves a long response alone: a notification stream outlives the request timeout", async () => {
    const reader = await loggedInVisitor(app, "reader");
    const stream = await EventStreamClient.open(`http://127.0.0.1:${port}/notifications/stream`, { cookie: reader.cookieHeader() });
    await stream.until(1);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(stream.ended).toBe(false);
    await stream.close();
  });

  it("leaves a client that sends in good time alone", async () => {
    const { answer } = await trickle("GET /login HTTP/1.1\r\nHost: jot\r\nConnection: close\r\n\r\n", "");
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });
});
