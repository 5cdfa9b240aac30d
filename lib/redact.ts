// Keys whose values never reach a log. Matched case-insensitively on the whole key, ignoring - and _.
const SECRET_KEY = /^(authorization|proxyauthorization|cookie|setcookie|password|newpassword|currentpassword|passwordhash|passphrase|secret|apisecret|apikey|xapikey|token|accesstoken|refreshtoken|idtoken|resettoken|ticket|totp|totpsecret|otp|otpcode|mfacode|backupcode|backupcodes|secretciphertext|apikeyciphertext|apisecretciphertext|passphraseciphertext|privatekey|clientsecret|authsecret|encryptionkeys|smtpurl|databaseurl|redisurl)$/;

const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/g;

export const REDACTED = "[redacted]";

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.replace(/[-_]/g, "").toLowerCase());
}

/** Returns a copy of `value` with secret-named fields replaced and bearer tokens masked in strings. */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return value.replace(BEARER, `$1 ${REDACTED}`);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[depth]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1, seen));
  if (value instanceof Date) return value;
  if (value instanceof Error) {
    const { name, message, stack, cause, ...rest } = value as Error & Record<string, unknown>;
    return redactDeep({ type: name, message, stack, ...rest, ...(cause === undefined ? {} : { cause }) }, depth + 1, seen);
  }
  if (value instanceof Headers) {
    return redactDeep(Object.fromEntries(value.entries()), depth + 1, seen);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) ? REDACTED : redactDeep(item, depth + 1, seen);
  }
  return out;
}
