import "server-only";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { env } from "@/lib/env";
import { redactDeep } from "@/lib/redact";

const globalForLogger = globalThis as unknown as { __tradepulseLogger?: Logger };

function createLogger(): Logger {
  const options: pino.LoggerOptions = {
    level: env.logLevel,
    base: { service: "tradepulse" },
    // Secrets are removed wherever they appear in a log object, at any depth.
    formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
    // Errors are already turned into plain, redacted objects by the formatter above.
    serializers: { err: (value: unknown) => value },
  };
  if (env.isProduction) return pino(options);
  // A synchronous pretty stream (no worker thread), which also works inside Next's server bundles.
  return pino(options, pretty({ colorize: true, sync: true, ignore: "pid,hostname,service" }));
}

export const logger: Logger = (globalForLogger.__tradepulseLogger ??= createLogger());
