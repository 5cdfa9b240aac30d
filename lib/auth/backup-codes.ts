import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// Codes are 8 Crockford Base32 characters from 5 random bytes: exactly 40 bits, no modulo bias,
// shown as XXXX-XXXX. Input is forgiving (case, spaces, dashes, O→0, I/L→1).
// Storage is HMAC-SHA-256 keyed with a pepper derived from AUTH_SECRET. A slow hash is unnecessary
// at 40 bits of entropy per code with online attempts rate limited, and the pepper means a leaked
// table alone cannot be brute-forced offline.

export const BACKUP_CODE_COUNT = 10;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 8;
const HASH_HEX = /^[0-9a-f]{64}$/;

export function deriveBackupCodePepper(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "", "tradepulse/backup-code-pepper/v1", 32));
}

let defaultPepper: Buffer | undefined;
function getDefaultPepper(): Buffer {
  defaultPepper ??= deriveBackupCodePepper(env.authSecret);
  return defaultPepper;
}

function generateBackupCode(): string {
  const bits = randomBytes(5).readUIntBE(0, 5);
  let code = "";
  for (let i = CODE_LENGTH - 1; i >= 0; i--) code += ALPHABET[Math.floor(bits / 32 ** i) % 32];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function generateBackupCodes(count: number = BACKUP_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateBackupCode());
  return [...codes];
}

/** The canonical 8-character form, or null when the input cannot be a backup code. */
export function normalizeBackupCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (code.length !== CODE_LENGTH) return null;
  for (const char of code) if (!ALPHABET.includes(char)) return null;
  return code;
}

export function hashBackupCode(code: string, pepper: Buffer = getDefaultPepper()): string {
  const normalized = normalizeBackupCode(code);
  if (normalized === null) throw new TypeError("Not a backup code");
  return createHmac("sha256", pepper).update(`backup-code:${normalized}`).digest("hex");
}

/** Codes for the user (shown once) and their hashes (the only thing stored). */
export function createBackupCodes(pepper: Buffer = getDefaultPepper()): { codes: string[]; hashes: string[] } {
  const codes = generateBackupCodes();
  return { codes, hashes: codes.map((code) => hashBackupCode(code, pepper)) };
}

/**
 * Finds which unused stored hash the input matches. Every hash is compared in constant time,
 * without an early exit, so timing does not reveal the position. The caller marks that row used.
 */
export function verifyBackupCode(
  input: string,
  unusedHashes: readonly string[],
  pepper: Buffer = getDefaultPepper(),
): { ok: true; index: number } | { ok: false } {
  const normalized = normalizeBackupCode(input);
  if (normalized === null) return { ok: false };
  const candidate = Buffer.from(hashBackupCode(normalized, pepper), "hex");
  let index = -1;
  unusedHashes.forEach((stored, i) => {
    if (!HASH_HEX.test(stored)) return;
    if (timingSafeEqual(candidate, Buffer.from(stored, "hex")) && index === -1) index = i;
  });
  return index === -1 ? { ok: false } : { ok: true, index };
}
