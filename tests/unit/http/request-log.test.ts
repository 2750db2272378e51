import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { OneLinePerRequest } from "../../../app/http/request-log.js";

async function logged(url: string, level = "info") {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify({ logger: { level, stream }, logController: new OneLinePerRequest() });
  app.get("/page", async () => "hello");
  await app.inject({ method: "GET", url });
  await app.close();
  return lines.filter((line) => line.reqId !== undefined);
}

describe("OneLinePerRequest", () => {
  it("writes one line per request with the request and the response", async () => {
    const lines = await logged("/page?x=1");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: "request completed",
      req: { method: "GET", url: "/page?x=1" },
      res: { statusCode: 200 },
    });
    expect(lines[0]!.responseTime).toEqual(expect.any(Number));
  });

  it("adds the incoming line at debug level", async () => {
    const lines = await logged("/page", "debug");
    expect(lines.map((line) => line.msg)).toEqual(["incoming request", "request completed"]);
    expect(lines[0]).toMatchObject({ level: 20, req: { method: "GET", url: "/page" } });
  });

  it("logs a request that matched no route the same way", async () => {
    const lines = await logged("/nowhere");
    expect(lines.filter((line) => line.msg === "request completed")).toEqual([
      expect.objectContaining({ res: { statusCode: 404 } }),
    ]);
  });
});
