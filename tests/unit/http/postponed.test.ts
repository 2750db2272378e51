import { describe, expect, it } from "vitest";
import { Postponed } from "../../../app/http/postponed.js";

describe("Postponed", () => {
  it("runs each piece of work once, at a moment within its range", async () => {
    const later = new Postponed({ least: 20, most: 60 });
    const started = Date.now();
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) later.add(async () => void ran.push(Date.now() - started));
    expect(ran).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ran).toHaveLength(5);
    for (const at of ran) {
      expect(at).toBeGreaterThanOrEqual(19);
      expect(at).toBeLessThan(140);
    }
  });

  it("once closing, runs what still waits at once, and what is added later at once too, and waits for all of it", async () => {
    const later = new Postponed({ least: 60_000, most: 60_001 });
    const done: string[] = [];
    later.add(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done.push("slow");
    });
    later.add(async () => void done.push("quick"));
    await later.close();
    expect(done.sort()).toEqual(["quick", "slow"]);
    // A request answered while the server was closing.
    later.add(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      done.push("late");
    });
    await later.flush();
    expect(done).toHaveLength(3);
    expect(done).toContain("late");
  });
});
