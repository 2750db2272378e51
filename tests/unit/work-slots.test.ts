import { describe, expect, it } from "vitest";
import { BusyError } from "../../app/domain/errors.js";
import { WorkSlots } from "../../app/hashing/work-slots.js";

/** A task that runs until `finish()` is called, noting when it started. */
function gate(started: number[], id: number) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: async () => (started.push(id), await done, id), finish: () => finish() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("WorkSlots", () => {
  it("runs at most `concurrency` at once, lets `queue` wait in order, and refuses the rest at once", async () => {
    const slots = new WorkSlots("test work", 2, 2);
    const started: number[] = [];
    const gates = [0, 1, 2, 3].map((id) => gate(started, id));
    const running = gates.map((g) => slots.run(g.task));
    await settle();
    expect(started).toEqual([0, 1]);
    await expect(slots.run(async () => "fifth")).rejects.toBeInstanceOf(BusyError);
    gates[1]!.finish();
    await settle();
    // The first in line takes the freed slot; the next still waits.
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.finish();
    expect(await Promise.all(running)).toEqual([0, 1, 2, 3]);
    // All slots free again.
    expect(await Promise.all([slots.run(async () => "a"), slots.run(async () => "b")])).toEqual(["a", "b"]);
  });

  it("frees the slot of a task that throws", async () => {
    const slots = new WorkSlots("test work", 1, 0);
    await expect(slots.run(() => Promise.reject(new Error("broken")))).rejects.toThrow("broken");
    expect(await slots.run(async () => "next")).toBe("next");
  });
});
