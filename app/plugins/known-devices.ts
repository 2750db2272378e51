import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Asker } from "../services/password-attempts.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The accounts this browser has signed in to before, each with its device id (user id → device id). */
    knownDevices(): ReadonlyMap<number, string>;
  }
  interface FastifyReply {
    /** Marks this browser as one `userId` has signed in on: from now on its password attempts have a limit of their own. */
    rememberDevice(userId: number): void;
  }
}

export const DEVICE_COOKIE = "jot_device";
/** A browser keeps its device marks for a year, for at most this many accounts (the newest). */
const DEVICE_COOKIE_SECONDS = 365 * 24 * 60 * 60;
const MOST_ACCOUNTS = 5;
const ENTRY = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

/**
 * Device cookies (OWASP's answer to lockout abuse): a browser that has signed in to an account
 * carries a mark signed by Jot, "user 42 has signed in here, as device d". Strangers' wrong passwords
 * can lock an account for every browser without one, never for its owner's. The mark is not a login
 * and outlives logging out; it only changes which limit a password attempt counts against. Its value
 * is `userId.deviceId.signature` per account, joined by `~`.
 */
async function knownDevicesPlugin(app: FastifyInstance, options: { secret: string; secureCookies: boolean }): Promise<void> {
  const key = Buffer.from(hkdfSync("sha256", options.secret, "", "jot device cookie key", 32));
  const cookieName = options.secureCookies ? `__Host-${DEVICE_COOKIE}` : DEVICE_COOKIE;
  const sign = (userId: number, device: string) => createHmac("sha256", key).update(`${userId}.${device}`).digest().subarray(0, 16).toString("base64url");

  function read(request: FastifyRequest): Map<number, string> {
    const devices = new Map<number, string>();
    for (const entry of (request.cookies[cookieName] ?? "").split("~").slice(-MOST_ACCOUNTS)) {
      const [, id, device, signature] = ENTRY.exec(entry) ?? [];
      if (!id || !device || !signature) continue;
      const expected = Buffer.from(sign(Number(id), device));
      if (timingSafeEqual(expected, Buffer.from(signature))) devices.set(Number(id), device);
    }
    return devices;
  }

  app.decorateRequest("knownDevices", function (this: FastifyRequest) {
    return read(this);
  });

  app.decorateReply("rememberDevice", function (this: FastifyReply, userId: number) {
    const devices = read(this.request);
    const device = devices.get(userId) ?? randomBytes(16).toString("base64url");
    // This account moves to the newest place; the oldest beyond the last few are let go.
    devices.delete(userId);
    devices.set(userId, device);
    const value = [...devices].slice(-MOST_ACCOUNTS).map(([id, d]) => `${id}.${d}.${sign(id, d)}`).join("~");
    this.setCookie(cookieName, value, { path: "/", httpOnly: true, sameSite: "lax", secure: options.secureCookies, maxAge: DEVICE_COOKIE_SECONDS });
  });
}

export default fp(knownDevicesPlugin, { name: "jot-known-devices", dependencies: ["jot-session"] });

/** Who a password attempt in this request comes from, for PasswordAttempts. */
export function askerOf(request: FastifyRequest): Asker {
  return { address: request.ip, devices: request.knownDevices() };
}
