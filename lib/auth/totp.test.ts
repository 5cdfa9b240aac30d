import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  buildOtpauthUrl,
  generateTotpCode,
  generateTotpSecret,
  getTotpStep,
  totpQrDataUrl,
  verifyTotp,
} from "./totp";

// RFC 6238 Appendix B, SHA-1 rows: shared secret "12345678901234567890" (ASCII), T0 = 0, X = 30 s, 8 digits.
const RFC_SECRET_ASCII = "12345678901234567890";
const RFC_SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

// Independent HOTP (RFC 4226 §5.3) with node:crypto, as a cross-check on the library.
function hotp(secret: Buffer, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

const at = (seconds: number) => new Date(seconds * 1000);

describe("RFC 6238 Appendix B (SHA-1)", () => {
  test.each(RFC_VECTORS)("T = %i → %s", (seconds, want) => {
    const secret = Buffer.from(RFC_SECRET_ASCII, "ascii");
    expect(generateTotpCode({ secret: new Uint8Array(secret), now: at(seconds), digits: 8 })).toBe(want);
    expect(hotp(secret, Math.floor(seconds / 30), 8)).toBe(want);
    expect(generateTotpCode({ secret: RFC_SECRET_BASE32, now: at(seconds) })).toBe(want.slice(-6));
  });

  test.each(RFC_VECTORS)("verifyTotp accepts the 6-digit code at T = %i", (seconds, want) => {
    expect(verifyTotp({ secret: RFC_SECRET_BASE32, code: want.slice(-6), now: at(seconds), lastUsedStep: null })).toEqual({
      ok: true,
      step: Math.floor(seconds / 30),
    });
  });
});

describe("verifyTotp", () => {
  const secret = generateTotpSecret();
  const now = at(1_750_000_015);
  const step = getTotpStep(now);
  const codeAt = (offsetSteps: number) => generateTotpCode({ secret, now: at((step + offsetSteps) * 30) });

  test.each([
    [-1, true],
    [0, true],
    [1, true],
    [-2, false],
    [2, false],
  ])("a code %i step(s) away is accepted: %s", (offset, ok) => {
    const result = verifyTotp({ secret, code: codeAt(offset), now, lastUsedStep: null });
    expect(result).toEqual(ok ? { ok: true, step: step + offset } : { ok: false, reason: "invalid" });
  });

  test("a code works once", () => {
    const first = verifyTotp({ secret, code: codeAt(0), now, lastUsedStep: null });
    expect(first).toEqual({ ok: true, step });
    expect(verifyTotp({ secret, code: codeAt(0), now, lastUsedStep: step })).toEqual({ ok: false, reason: "replay" });
  });

  test("an older code after a newer one is a replay", () => {
    expect(verifyTotp({ secret, code: codeAt(-1), now, lastUsedStep: step })).toEqual({ ok: false, reason: "replay" });
  });

  test("a newer code after an older one is accepted", () => {
    expect(verifyTotp({ secret, code: codeAt(1), now, lastUsedStep: step })).toEqual({ ok: true, step: step + 1 });
  });

  test("a last used step ahead of the window (clock moved back) refuses every code as a replay", () => {
    expect(verifyTotp({ secret, code: codeAt(1), now, lastUsedStep: step + 5 })).toEqual({ ok: false, reason: "replay" });
  });

  test.each(["", "12345", "1234567", "abcdef", "12345a"])("malformed code %j is invalid", (code) => {
    expect(verifyTotp({ secret, code, now, lastUsedStep: null })).toEqual({ ok: false, reason: "invalid" });
  });

  test("spaces and dashes in the code are ignored", () => {
    const code = codeAt(0);
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    expect(verifyTotp({ secret, code: spaced, now, lastUsedStep: null })).toEqual({ ok: true, step });
  });

  test("a wrong code with a used step is invalid, not a replay", () => {
    const wrong = String((Number(codeAt(0)) + 1) % 1_000_000).padStart(6, "0");
    const result = verifyTotp({ secret, code: wrong, now, lastUsedStep: step - 5 });
    // A 1-in-a-million chance the neighbouring code equals an adjacent step's; then it is a valid code.
    if (wrong !== codeAt(-1) && wrong !== codeAt(1)) expect(result).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("enrolment", () => {
  test("secrets are 160-bit Base32 and unique", () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(a);
  });

  test("otpauth URL carries issuer, email label and parameters", () => {
    const url = new URL(buildOtpauthUrl({ secret: RFC_SECRET_BASE32, email: "jane@example.com" }));
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe("/TradePulse:jane@example.com");
    expect(url.searchParams.get("secret")).toBe(RFC_SECRET_BASE32);
    expect(url.searchParams.get("issuer")).toBe("TradePulse");
    for (const [param, value] of [
      ["algorithm", "SHA1"],
      ["digits", "6"],
      ["period", "30"],
    ] as const) {
      const actual = url.searchParams.get(param);
      if (actual !== null) expect(actual).toBe(value);
    }
  });

  test("QR data URL is a PNG", async () => {
    const dataUrl = await totpQrDataUrl(buildOtpauthUrl({ secret: RFC_SECRET_BASE32, email: "jane@example.com" }));
    expect(dataUrl.startsWith("data:image/png;base64,")).toBe(true);
  });
});
