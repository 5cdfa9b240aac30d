import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { EnvError, parseEnv } from "./env";

const KEY_A = Buffer.alloc(32, 1).toString("base64");
const KEY_B = Buffer.alloc(32, 2).toString("base64");
const SECRET = "s".repeat(40);
const tmp = () => mkdtempSync(path.join(tmpdir(), "tp-env-"));

function failure(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source, { cwd: tmp() });
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("expected parseEnv to throw");
}

describe("parseEnv", () => {
  test("production refuses to start without ENCRYPTION_KEYS, in one line naming it and how to make one", () => {
    const message = failure({ NODE_ENV: "production", AUTH_SECRET: SECRET });
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(/^ENCRYPTION_KEYS is required in production/);
    expect(message).toMatch(/randomBytes\(32\)/);
  });

  test("production refuses to start without AUTH_SECRET", () => {
    expect(failure({ NODE_ENV: "production", ENCRYPTION_KEYS: `v1:${KEY_A}` })).toMatch(/^AUTH_SECRET is required in production.*openssl rand/);
  });

  test("development generates secrets once into the data directory and reuses them", () => {
    const cwd = tmp();
    const warnings: string[] = [];
    const first = parseEnv({ NODE_ENV: "development" }, { cwd, warn: (m) => warnings.push(m) });
    const second = parseEnv({ NODE_ENV: "development" }, { cwd, warn: (m) => warnings.push(m) });
    const file = path.join(cwd, ".data", "dev-secrets.json");
    expect(JSON.parse(readFileSync(file, "utf8")).AUTH_SECRET).toBe(first.authSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.encryptionKeys[0]!.key.equals(first.encryptionKeys[0]!.key)).toBe(true);
    expect(warnings[0]).toMatch(/^Generated local secrets/);
    expect(warnings[1]).toMatch(/^Using local secrets/);
  });

  test("LOCAL_SECRETS lets a local production start generate them (npm start without NODE_ENV)", () => {
    const env = parseEnv({ NODE_ENV: "production", LOCAL_SECRETS: "1" }, { cwd: tmp() });
    expect(env.usingGeneratedSecrets).toBe(true);
    expect(env.isProduction).toBe(true);
  });

  test("parses the key ring newest first", () => {
    const env = parseEnv({ NODE_ENV: "production", AUTH_SECRET: SECRET, ENCRYPTION_KEYS: `v2:${KEY_B}, v1:${KEY_A}` }, { cwd: tmp() });
    expect(env.encryptionKeys.map((k) => k.version)).toEqual([2, 1]);
    expect(env.encryptionKeys[0]!.key).toHaveLength(32);
  });

  test.each([
    ["a short key", `v1:${Buffer.alloc(16).toString("base64")}`, /16 bytes, expected 32/],
    ["no version", KEY_A, /not "v<number>:<base64>"/],
    ["duplicate versions", `v1:${KEY_A},v1:${KEY_B}`, /duplicate/],
  ])("rejects ENCRYPTION_KEYS with %s", (_name, value, pattern) => {
    expect(failure({ NODE_ENV: "production", AUTH_SECRET: SECRET, ENCRYPTION_KEYS: value })).toMatch(pattern);
  });

  test("defaults: port 3000, APP_URL from the port, PGlite under .data, demo seeding on the embedded database", () => {
    const cwd = tmp();
    const env = parseEnv({ NODE_ENV: "development", PORT: "4000" }, { cwd });
    expect(env.appUrl).toBe("http://localhost:4000");
    expect(env.pgliteDir).toBe(path.join(cwd, ".data", "pglite"));
    expect(env.databaseUrl).toBeUndefined();
    expect(env.databasePoolSize).toBe(20);
    expect(env.seedDemo).toBe(true);
    expect(env.trustProxyHops).toBe(0);
  });

  test("with DATABASE_URL the demo is seeded only when DEMO=1", () => {
    const base = { NODE_ENV: "development", DATABASE_URL: "postgres://localhost/db" };
    expect(parseEnv(base, { cwd: tmp() }).seedDemo).toBe(false);
    expect(parseEnv({ ...base, DEMO: "1" }, { cwd: tmp() }).seedDemo).toBe(true);
  });

  test.each([
    ["1", 1],
    ["2", 2],
    ["true", 1],
    ["0", 0],
  ])("TRUST_PROXY=%s trusts %i hops", (value, hops) => {
    expect(parseEnv({ NODE_ENV: "development", TRUST_PROXY: value }, { cwd: tmp() }).trustProxyHops).toBe(hops);
  });

  test.each([
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL must be a postgres/],
    [{ REDIS_URL: "http://x" }, /REDIS_URL must be a redis/],
    [{ PORT: "99999" }, /PORT/],
    [{ TRUST_PROXY: "lots" }, /TRUST_PROXY/],
  ])("rejects %j", (values, pattern) => {
    expect(failure({ NODE_ENV: "development", ...values })).toMatch(pattern);
  });
});
