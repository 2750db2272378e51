// Loaded into the Jot process by npm run bench (node --import): keeps the memory breakdown at the
// moment resident memory peaked, and prints it when the process exits.
import process from "node:process";

let peak = process.memoryUsage();
const timer = setInterval(() => {
  const now = process.memoryUsage();
  if (now.rss > peak.rss) peak = now;
}, 50);
timer.unref();

process.on("exit", () => process.stderr.write(`memory-probe ${JSON.stringify(peak)}\n`));
