import type { Writable } from "node:stream";

interface RequestLine {
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

/**
 * The log of `npm run dev`: a short coloured line per entry for a person at a terminal, a request
 * as "GET /explore → 200 in 4 ms". Production keeps JSON lines, for machines. pino-pretty is a
 * development dependency, so it is loaded here only, when development asks for it.
 */
export async function prettyLog(): Promise<Writable> {
  const { default: pretty } = await import("pino-pretty");
  return pretty({
    colorize: true,
    singleLine: true,
    translateTime: "HH:MM:ss",
    ignore: "pid,hostname,reqId,req,res,responseTime,to,file,link",
    messageFormat: (log, messageKey) => {
      const { req, res, responseTime } = log as RequestLine;
      if (!req?.method || res?.statusCode === undefined) return String(log[messageKey] ?? "");
      return `${req.method} ${req.url} → ${res.statusCode} in ${Math.round(responseTime ?? 0)} ms`;
    },
  });
}
