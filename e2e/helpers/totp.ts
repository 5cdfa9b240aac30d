import { createHmac } from "node:crypto";

// RFC 6238 as the app configures it: HMAC-SHA-1, 30 s steps, 6 digits. Written against node:crypto so
// the test does not share code with the implementation it checks.

export const TOTP_PERIOD_MS = 30_000;
const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function decodeBase32(input: string): Buffer {
  const clean = input.replace(/[\s=-]/g, "").toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value === -1) throw new Error(`Not a Base32 character: ${char}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

export function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac("sha1", key).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

export function totpStep(nowMs = Date.now()): number {
  return Math.floor(nowMs / TOTP_PERIOD_MS);
}

export function totpCode(secret: string, step = totpStep()): string {
  return hotp(decodeBase32(secret), step);
}

/**
 * A code the server has not seen yet. Codes are single-use per step, so after using step N this
 * waits for step N + 1 to begin.
 */
export async function freshTotpCode(secret: string, lastUsedStep: number | null): Promise<{ code: string; step: number }> {
  if (lastUsedStep !== null && totpStep() <= lastUsedStep) {
    const waitMs = (lastUsedStep + 1) * TOTP_PERIOD_MS - Date.now() + 200;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  const step = totpStep();
  return { code: totpCode(secret, step), step };
}
