import type { FastifyInstance } from "fastify";
import { loggedInVisitor } from "./app.js";
import { csrfTokenIn, type Visitor } from "./visitor.js";

/**
 * 32 people, signed up one by one (argon2's queue turns away a crowd of sign-ups at once), send
 * `action` and its undoing (`un` + action) to post `postId` all at once, in loops of 3–6 rounds;
 * every third ends with it done. Returns every status they got, and how many end with it done.
 */
export async function toggleInLoops(app: FastifyInstance, namePrefix: string, postId: number, action: string): Promise<{ statuses: number[]; endingDone: number }> {
  const people: Visitor[] = [];
  for (let i = 0; i < 32; i++) people.push(await loggedInVisitor(app, `${namePrefix}${i}`));
  const tokens = await Promise.all(people.map(async (who) => csrfTokenIn((await who.get("/")).body)));
  const statuses = await Promise.all(
    people.map(async (who, i) => {
      const seen: number[] = [];
      const rounds = 3 + (i % 4);
      for (let round = 0; round < rounds; round++) {
        for (const sent of round === rounds - 1 && i % 3 === 0 ? [action] : [action, `un${action}`]) {
          seen.push((await who.post(`/post/${postId}/${sent}`, { _csrf: tokens[i]! })).statusCode);
        }
      }
      return seen;
    }),
  );
  return { statuses: statuses.flat(), endingDone: people.filter((_, i) => i % 3 === 0).length };
}
