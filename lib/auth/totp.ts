import "server-only";
import { generateSecret, generateSync, generateURI, verifySync } from "otplib";
import { toDataURL } from "qrcode";

// RFC 6238 with the parameters every authenticator app supports: HMAC-SHA-1, 6 digits, 30 s steps.
// Pure apart from the random secret: callers pass `now` and the last accepted step.

export const TOTP_ISSUER = "TradePulse";
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted on either side of the current one, for clock drift. */
export const TOTP_WINDOW_STEPS = 1;

const ALGORITHM = "sha1";

export type TotpVerifyResult = { ok: true; step: number } | { ok: false; reason: "invalid" | "replay" };

/** 160 random bits, Base32 (RFC 4226 recommends the HMAC output size). */
export function generateTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function buildOtpauthUrl({ secret, email }: { secret: string; email: string }): string {
  return generateURI({
    issuer: TOTP_ISSUER,
    label: email,
    secret,
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

export function totpQrDataUrl(otpauthUrl: string): Promise<string> {
  return toDataURL(otpauthUrl, { errorCorrectionLevel: "M", margin: 2, width: 240 });
}

export function getTotpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for the step containing `now`. The secret is Base32 or raw bytes; digits 6–8. */
export function generateTotpCode({
  secret,
  now,
  digits = TOTP_DIGITS,
}: {
  secret: string | Uint8Array;
  now: Date;
  digits?: 6 | 7 | 8;
}): string {
  return generateSync({
    secret,
    algorithm: ALGORITHM,
    digits,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
  });
}

function matchStep(secret: string, code: string, epoch: number, afterStep?: number): number | null {
  const result = verifySync({
    secret,
    token: code,
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch,
    // ±30 s around `now` covers exactly the previous, current and next step.
    epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD_SECONDS,
    afterTimeStep: afterStep,
  });
  // otplib's result type is the TOTP/HOTP union; the TOTP branch carries timeStep.
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/**
 * A code is good once: the caller stores the returned `step` as the new `lastUsedStep`,
 * and any code from that step or an earlier one is refused as a replay.
 */
export function verifyTotp({
  secret,
  code,
  now,
  lastUsedStep,
}: {
  secret: string;
  code: string;
  now: Date;
  lastUsedStep: number | null;
}): TotpVerifyResult {
  const normalized = code.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(normalized)) return { ok: false, reason: "invalid" };
  const epoch = Math.floor(now.getTime() / 1000);
  const newestStep = getTotpStep(now) + TOTP_WINDOW_STEPS;

  // otplib refuses an afterTimeStep beyond the window (then every step in it is spent) or below 0.
  if (lastUsedStep === null || lastUsedStep < newestStep) {
    const afterStep = lastUsedStep !== null && lastUsedStep >= 0 ? lastUsedStep : undefined;
    const step = matchStep(secret, normalized, epoch, afterStep);
    if (step !== null) return { ok: true, step };
  }
  if (lastUsedStep !== null && matchStep(secret, normalized, epoch) !== null) return { ok: false, reason: "replay" };
  return { ok: false, reason: "invalid" };
}
