import { isIPv6 } from "node:net";

/**
 * The part of a client's address that limits by address count: an IPv4 address whole, and for
 * IPv6 its /64, the block a subscriber is given (each of its 2^64 addresses is the same client;
 * counted one by one, a limit per address would hold no one). An IPv4 address written as IPv6
 * (::ffff:10.0.0.1) is that IPv4 address.
 */
export function limitedAddress(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const [head = "", tail] = ip.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":").flatMap((group) => (group.includes(".") ? ["0", "0"] : [group])));
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const all = [...front, ...Array<string>(8 - front.length - back.length).fill("0"), ...back];
  return `${all.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(":")}::/64`;
}
