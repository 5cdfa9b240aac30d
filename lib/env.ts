import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// The only module that reads process.env. Everything else imports `env`.

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

const KEY_RING = /^v(\d+):([A-Za-z0-9+/]+={0,2})$/;

function parseKeyRing(value: string): { version: number; key: Buffer }[] {
  const entries = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = KEY_RING.exec(part);
      if (!match) throw new Error(`entry "${part.slice(0, 4)}…" is not "v<number>:<base64>"`);
      const key = Buffer.from(match[2]!, "base64");
      if (key.length !== 32) throw new Error(`key v${match[1]} is ${key.length} bytes, expected 32`);
      return { version: Number(match[1]), key };
    });
  if (entries.length === 0) throw new Error("no keys");
  const versions = new Set(entries.map((e) => e.version));
  if (versions.size !== entries.length) throw new Error("duplicate key versions");
  return entries;
}

const booleanish = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const rawSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: optionalString,
  APP_URL: optionalString.pipe(z.url().optional()),
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  PGLITE_DIR: optionalString,
  DEMO: booleanish,
  REDIS_URL: optionalString.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// URL")
      .optional(),
  ),
  REDIS_KEY_PREFIX: z.string().default("tp:"),
  AUTH_SECRET: optionalString,
  ENCRYPTION_KEYS: optionalString,
  LOCAL_SECRETS: booleanish,
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "" || v === "0" || v === "false") return 0;
      if (v === "true") return 1;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 10) {
        ctx.addIssue({ code: "custom", message: "must be 0, 1 or the number of trusted proxy hops" });
        return z.NEVER;
      }
      return n;
    }),
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  MAIL_FROM: z.string().default("TradePulse <no-reply@tradepulse.local>"),
  RUN_JOBS: z.enum(["0", "1", "true", "false"]).optional(),
  MARKET_EXCHANGE: z.string().trim().min(1).default("demo"),
  MARKET_SYMBOLS: optionalString,
  MARKET_TICK_MS: z.coerce.number().int().min(200).max(60_000).default(1_000),
  MARKET_INGEST: z.enum(["0", "1", "true", "false"]).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
  NEWS_FEEDS: optionalString,
  VAPID_PUBLIC_KEY: optionalString,
  VAPID_PRIVATE_KEY: optionalString,
  VAPID_SUBJECT: optionalString,
  CORS_ORIGINS: optionalString,
  METRICS_TOKEN: optionalString,
  SIGNAL_TIMEFRAMES: z.string().trim().default("15m,1h"),
  PUMP_MIN_CHANGE_PCT: z.coerce.number().positive().max(100).default(3),
  PUMP_WINDOW_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
  PUMP_MIN_VOLUME_Z: z.coerce.number().min(0).max(50).default(2),
  NEXT_PHASE: optionalString,
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string | undefined;
  appUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  pgliteDir: string;
  seedDemo: boolean;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  authSecret: string;
  encryptionKeys: { version: number; key: Buffer }[];
  trustProxyHops: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  usingGeneratedSecrets: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Whether this instance runs scheduled jobs (RUN_JOBS=0 for web-only instances). */
  runJobs: boolean;
  /** The exchange the market feed tracks (ccxt id, or "demo"). */
  marketExchange: string;
  /** Unified symbols ("BTC/USDT") to track; undefined = every market of the demo exchange. */
  marketSymbols: string[] | undefined;
  marketTickMs: number;
  /** Whether this instance may become the market ingester (MARKET_INGEST=0 for instances that only serve). */
  marketIngest: boolean;
  /** OpenAI (or a compatible server); without a key the offline analyst answers. */
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string; timeoutMs: number };
  /** RSS/Atom feed URLs for the news panel; empty = the built-in sample. */
  newsFeeds: string[];
  /** Web Push (VAPID); undefined when not configured, and push is skipped. */
  vapid: { publicKey: string; privateKey: string; subject: string } | undefined;
  /** Origins allowed to call /api/v1 cross-origin (CORS). */
  corsOrigins: string[];
  /** Bearer token /api/metrics requires; undefined = open. */
  metricsToken: string | undefined;
  /** Timeframes the signal generator runs on. */
  signalTimeframes: string[];
  /** Pump detector: a move of at least minChangePct within windowMinutes with volume z-score ≥ minVolumeZ. */
  pumps: { minChangePct: number; windowMinutes: number; minVolumeZ: number };
};

const HOW_TO = {
  AUTH_SECRET: `AUTH_SECRET is required in production: set it to 32+ random characters, e.g. the output of: openssl rand -base64 32`,
  ENCRYPTION_KEYS: `ENCRYPTION_KEYS is required in production: set it to "v1:<base64 of 32 random bytes>", e.g. the output of: node -e "console.log('v1:'+require('crypto').randomBytes(32).toString('base64'))"`,
} as const;

type DevSecrets = { AUTH_SECRET: string; ENCRYPTION_KEYS: string };

export function loadOrCreateDevSecrets(dataDir: string): { secrets: DevSecrets; created: boolean; file: string } {
  const file = path.join(dataDir, "dev-secrets.json");
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<DevSecrets>;
    if (parsed.AUTH_SECRET && parsed.ENCRYPTION_KEYS) {
      return { secrets: { AUTH_SECRET: parsed.AUTH_SECRET, ENCRYPTION_KEYS: parsed.ENCRYPTION_KEYS }, created: false, file };
    }
  }
  const secrets: DevSecrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}`,
  };
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": when two processes start on one data dir at once, the second keeps the first one's secrets.
    writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600, flag: existsSync(file) ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return loadOrCreateDevSecrets(dataDir);
  }
  return { secrets, created: true, file };
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

type ParseOptions = {
  cwd: string;
  /** Called when development secrets are generated or loaded from disk. */
  warn?: (message: string) => void;
};

/** Validates a raw environment. Throws EnvError with a one-line, actionable message. */
export function parseEnv(source: Record<string, string | undefined>, options: ParseOptions): Env {
  const result = rawSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new EnvError(`Invalid environment: ${issue.path.join(".")} ${issue.message}`);
  }
  const raw = result.data;
  const isBuild = raw.NEXT_PHASE === "phase-production-build";
  const isProduction = raw.NODE_ENV === "production";
  const dataDir = path.resolve(options.cwd, raw.DATA_DIR ?? ".data");

  let authSecret = raw.AUTH_SECRET;
  let encryptionKeys = raw.ENCRYPTION_KEYS;
  let usingGeneratedSecrets = false;
  if (!authSecret || !encryptionKeys) {
    if (isBuild) {
      // `next build` evaluates modules but never serves; the real values are checked at start.
      authSecret ??= "build-time-placeholder-secret-not-used-at-runtime";
      encryptionKeys ??= `v1:${Buffer.alloc(32).toString("base64")}`;
    } else if (isProduction && !raw.LOCAL_SECRETS) {
      throw new EnvError(authSecret ? HOW_TO.ENCRYPTION_KEYS : HOW_TO.AUTH_SECRET);
    } else {
      const { secrets, created, file } = loadOrCreateDevSecrets(dataDir);
      authSecret ??= secrets.AUTH_SECRET;
      encryptionKeys ??= secrets.ENCRYPTION_KEYS;
      usingGeneratedSecrets = true;
      options.warn?.(
        `${created ? "Generated" : "Using"} local secrets in ${file.startsWith(options.cwd + path.sep) ? path.relative(options.cwd, file) : file}; set AUTH_SECRET and ENCRYPTION_KEYS (and NODE_ENV=production) for a real deployment.`,
      );
    }
  }
  if (authSecret.length < 32) {
    throw new EnvError("AUTH_SECRET must be at least 32 characters: openssl rand -base64 32");
  }
  let keyRing: Env["encryptionKeys"];
  try {
    keyRing = parseKeyRing(encryptionKeys);
  } catch (error) {
    throw new EnvError(`ENCRYPTION_KEYS is invalid (${(error as Error).message}); expected "v2:<base64 32 bytes>,v1:<base64 32 bytes>", newest first`);
  }

  const port = raw.PORT;
  return {
    nodeEnv: raw.NODE_ENV,
    isProduction,
    port,
    host: raw.HOST,
    appUrl: (raw.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    dataDir,
    databaseUrl: raw.DATABASE_URL,
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    pgliteDir: raw.PGLITE_DIR === "memory://" ? "memory://" : path.resolve(options.cwd, raw.PGLITE_DIR ?? path.join(dataDir, "pglite")),
    seedDemo: !raw.DATABASE_URL || raw.DEMO,
    redisUrl: raw.REDIS_URL,
    redisKeyPrefix: raw.REDIS_KEY_PREFIX,
    authSecret,
    encryptionKeys: keyRing,
    trustProxyHops: raw.TRUST_PROXY,
    logLevel: raw.LOG_LEVEL ?? (raw.NODE_ENV === "test" ? "warn" : "info"),
    usingGeneratedSecrets,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    runJobs: raw.RUN_JOBS !== "0" && raw.RUN_JOBS !== "false",
    marketExchange: raw.MARKET_EXCHANGE,
    marketSymbols: raw.MARKET_SYMBOLS?.split(",")
      .map((symbol) => symbol.trim().toUpperCase().replace("-", "/"))
      .filter(Boolean),
    marketTickMs: raw.MARKET_TICK_MS,
    marketIngest: raw.MARKET_INGEST !== "0" && raw.MARKET_INGEST !== "false",
    openai: { apiKey: raw.OPENAI_API_KEY, baseUrl: raw.OPENAI_BASE_URL, model: raw.OPENAI_MODEL, timeoutMs: raw.OPENAI_TIMEOUT_MS },
    newsFeeds: splitList(raw.NEWS_FEEDS),
    vapid:
      raw.VAPID_PUBLIC_KEY && raw.VAPID_PRIVATE_KEY
        ? { publicKey: raw.VAPID_PUBLIC_KEY, privateKey: raw.VAPID_PRIVATE_KEY, subject: raw.VAPID_SUBJECT ?? "mailto:admin@tradepulse.local" }
        : undefined,
    corsOrigins: splitList(raw.CORS_ORIGINS).map((origin) => origin.replace(/\/+$/, "")),
    metricsToken: raw.METRICS_TOKEN,
    signalTimeframes: splitList(raw.SIGNAL_TIMEFRAMES),
    pumps: { minChangePct: raw.PUMP_MIN_CHANGE_PCT, windowMinutes: raw.PUMP_WINDOW_MINUTES, minVolumeZ: raw.PUMP_MIN_VOLUME_Z },
  };
}

const globalForEnv = globalThis as unknown as { __tradepulseEnv?: Env };

function loadEnv(): Env {
  if (globalForEnv.__tradepulseEnv) return globalForEnv.__tradepulseEnv;
  const loaded = parseEnv(process.env, {
    cwd: process.cwd(),
    warn: (message) => {
      if (process.env.NODE_ENV !== "test") console.warn(`[env] ${message}`);
    },
  });
  globalForEnv.__tradepulseEnv = loaded;
  return loaded;
}

export const env: Env = loadEnv();
