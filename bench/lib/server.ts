// Starts the production server (npm start's launcher) on a free port with a throw-away data dir.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type BenchServer = { url: string; child: ChildProcess; stop: () => Promise<void> };

export async function startServer(options: { port: number; env?: Record<string, string> }): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tp-bench-"));
  // Without NODE_ENV the launcher runs as a local install (generated secrets in the temp data dir).
  const { NODE_ENV: _unused, ...inherited } = process.env;
  const env = { ...inherited, PORT: String(options.port), DATA_DIR: dataDir, LOG_LEVEL: "warn", ...options.env } as unknown as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!output.includes("ready on")) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (Date.now() - started > 600_000) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url: `http://127.0.0.1:${options.port}`,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
