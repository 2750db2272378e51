// Reads a V8 .cpuprofile (node --cpu-prof) into where the time went: the functions and the packages
// that spent the most CPU themselves (self time), as shares of the time the process was busy.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Share {
  name: string;
  percent: number;
}

export interface ProfileSummary {
  busyMs: number;
  functions: Share[];
  packages: Share[];
}

const IDLE = "(idle)";

/** The package a script belongs to: an npm package, Node itself, Jot's own code, or a V8 category. */
function packageOf({ functionName, url }: ProfileNode["callFrame"]): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(no script: V8 builtins, compiled templates)";
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.startsWith("node:")) return "node";
  const generated = url.includes("/app/generated/");
  return generated ? "prisma generated client" : url.includes("/dist/app/") ? "jot" : url;
}

function functionOf({ functionName, url, lineNumber }: ProfileNode["callFrame"]): string {
  if (!url) return functionName;
  const where = url.includes("node_modules/") ? url.slice(url.lastIndexOf("node_modules/") + 13) : url.replace(/^.*\/dist\//, "");
  return `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
}

function top(times: Map<string, number>, busy: number, count: number): Share[] {
  return [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, time]) => ({ name, percent: Math.round((time / busy) * 1000) / 10 }));
}

export function summariseProfile(file: string, count = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id)!;
    const delta = profile.timeDeltas[i] ?? 0;
    if (frame.functionName === IDLE) return;
    busy += delta;
    byFunction.set(functionOf(frame), (byFunction.get(functionOf(frame)) ?? 0) + delta);
    byPackage.set(packageOf(frame), (byPackage.get(packageOf(frame)) ?? 0) + delta);
  });
  return { busyMs: Math.round(busy / 1000), functions: top(byFunction, busy, count), packages: top(byPackage, busy, count) };
}
