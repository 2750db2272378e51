import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { limitedAddress } from "../http/limited-address.js";
import type { Asker } from "../services/limits/password-attempts.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The device id under which this browser signed in to account `userId` while its password hash was `credential`; none otherwise. */
    knownDevice(userId: number, credential: string): string | undefined;
  }
  interface FastifyReply {
    /** Marks this browser as one account `userId` has signed in on, with the password hash `credential`: its password attempts have a limit of their own from now on. */
    rememberDevice(userId: number, credential: string): void;
  }
}

export const DEVICE_COOKIE = "jot_device";
/** A browser keeps its device marks for a year, for at most this many accounts (the newest). */
const DEVICE_COOKIE_SECONDS = 365 * 24 * 60 * 60;
const MOST_ACCOUNTS = 5;
const ENTRY = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

interface Mark {
  device: string;
  signature: string;
}

/**
 * Device cookies (OWASP's answer to lockout abuse): a browser that has signed in to an account
 * carries a mark signed by Jot, "device d has signed in to user 42, whose password hash was h".
 * Strangers' wrong passwords can lock an account for every browser without one, never for its
 * owner's. A mark is not a login and outlives logging out; it only changes which limit a password
 * attempt counts against. It ends with the password it was made under (a new password, a reset),
 * so marks gathered with a stolen password are worth nothing once the owner changes it. The cookie
 * names no account: each mark is `device.signature`, joined by `~`, and is found by checking its
 * signature against the account that is being signed in to.
 */
async function knownDevicesPlugin(app: FastifyInstance, options: { secret: string; secureCookies: boolean }): Promise<void> {
  const key = Buffer.from(hkdfSync("sha256", options.secret, "", "jot device cookie key", 32));
  const cookieName = options.secureCookies ? `__Host-${DEVICE_COOKIE}` : DEVICE_COOKIE;
  const sign = (userId: number, device: string, credential: string) =>
    createHmac("sha256", key).update(`${userId}\0${device}\0${credential}`).digest().subarray(0, 16).toString("base64url");

  function marks(request: FastifyRequest): Mark[] {
    return (request.cookies[cookieName] ?? "")
      .split("~")
      .slice(-MOST_ACCOUNTS)
      .flatMap((entry) => {
        const [, device, signature] = ENTRY.exec(entry) ?? [];
        return device && signature ? [{ device, signature }] : [];
      });
  }

  function markOf(request: FastifyRequest, userId: number, credential: string): Mark | undefined {
    return marks(request).find(({ device, signature }) => timingSafeEqual(Buffer.from(sign(userId, device, credential)), Buffer.from(signature)));
  }

  app.decorateRequest("knownDevice", function (this: FastifyRequest, userId: number, credential: string) {
    return markOf(this, userId, credential)?.device;
  });

  app.decorateReply("rememberDevice", function (this: FastifyReply, userId: number, credential: string) {
    const kept = markOf(this.request, userId, credential);
    const device = kept?.device ?? randomBytes(16).toString("base64url");
    // This account's mark moves to the newest place; the oldest beyond the last few are let go.
    const others = marks(this.request).filter((mark) => mark.signature !== kept?.signature);
    const value = [...others, { device, signature: sign(userId, device, credential) }]
      .slice(-MOST_ACCOUNTS)
      .map((mark) => `${mark.device}.${mark.signature}`)
      .join("~");
    this.setCookie(cookieName, value, { path: "/", httpOnly: true, sameSite: "lax", secure: options.secureCookies, maxAge: DEVICE_COOKIE_SECONDS });
  });
}

export default fp(knownDevicesPlugin, { name: "jot-known-devices", dependencies: ["jot-session"] });

/** Who a password attempt in this request comes from, for PasswordAttempts. */
export function askerOf(request: FastifyRequest): Asker {
  return { address: limitedAddress(request.ip), knownDevice: (userId, credential) => request.knownDevice(userId, credential) };
}
