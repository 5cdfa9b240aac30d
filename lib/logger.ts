import "server-only";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { env } from "@/lib/env";
import { redactDeep } from "@/lib/redact";
import { currentContext } from "@/lib/security/context";

const globalForLogger = globalThis as unknown as { __tradepulseLogger?: Logger };

function createLogger(): Logger {
  const options: pino.LoggerOptions = {
    level: env.logLevel,
    base: { service: "tradepulse" },
    // Lines logged while a request is being handled carry its id, also from lib code that logs through
    // the root logger; a child logger that already bound one (withApi's `log`) keeps its own.
    mixin: (_object, _level, instance) => {
      const requestId = currentContext()?.requestId;
      return requestId && !("requestId" in instance.bindings()) ? { requestId } : {};
    },
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
