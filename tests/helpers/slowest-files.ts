import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints the ten slowest test files after the run's summary (each file once per database it ran
 * on), so that a suite that slows `npm test` down is seen the day it does.
 */
export default class SlowestFiles implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const timed = testModules.map((module) => {
      const { collectDuration, setupDuration, duration } = module.diagnostic();
      return { name: `${module.project.name.padEnd(8)} ${relative(process.cwd(), module.moduleId)}`, ms: collectDuration + setupDuration + duration };
    });
    const slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, 10);
    if (slowest.length === 0) return;
    console.log("\n The ten slowest test files (import, set-up and tests):");
    for (const { name, ms } of slowest) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
  }
}
