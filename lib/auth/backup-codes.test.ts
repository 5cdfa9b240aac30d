import { describe, expect, test } from "vitest";
import {
  BACKUP_CODE_COUNT,
  createBackupCodes,
  deriveBackupCodePepper,
  generateBackupCodes,
  hashBackupCode,
  normalizeBackupCode,
  verifyBackupCode,
} from "./backup-codes";

const pepper = deriveBackupCodePepper("test-auth-secret-with-at-least-32-characters");
const otherPepper = deriveBackupCodePepper("another-auth-secret-with-at-least-32-chars");

describe("generateBackupCodes", () => {
  test("ten distinct XXXX-XXXX codes from the Crockford alphabet", () => {
    const codes = generateBackupCodes();
    expect(codes).toHaveLength(BACKUP_CODE_COUNT);
    expect(new Set(codes).size).toBe(BACKUP_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  test("every alphabet position gets used (no stuck bits)", () => {
    const seen = new Set(generateBackupCodes(400).join("").replace(/-/g, ""));
    expect(seen.size).toBe(32);
  });
});

describe("normalizeBackupCode", () => {
  test.each([
    ["ABCD-EFGH", "ABCDEFGH"],
    ["abcd-efgh", "ABCDEFGH"],
    [" ab cd ef gh ", "ABCDEFGH"],
    ["ABCD--EFGH", "ABCDEFGH"],
    ["o0il-1L23", "00111123"],
    ["ABCD-EFG", null],
    ["ABCD-EFGHJ", null],
    ["ABCD-EFGU", null],
    ["ABCD_EFGH", null],
    ["", null],
  ])("%j → %j", (input, want) => {
    expect(normalizeBackupCode(input)).toBe(want);
  });
});

describe("hash and verify", () => {
  test("only hashes are needed to verify, and each code matches its own row", () => {
    const { codes, hashes } = createBackupCodes(pepper);
    expect(hashes).toHaveLength(BACKUP_CODE_COUNT);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    codes.forEach((code, index) => {
      expect(verifyBackupCode(code, hashes, pepper)).toEqual({ ok: true, index });
    });
  });

  test.each([
    ["lower case", (c: string) => c.toLowerCase()],
    ["no dash", (c: string) => c.replace("-", "")],
    ["spaces", (c: string) => ` ${c.replace("-", " ")} `],
  ])("input with %s is accepted", (_name, transform) => {
    const { codes, hashes } = createBackupCodes(pepper);
    expect(verifyBackupCode(transform(codes[3]!), hashes, pepper)).toEqual({ ok: true, index: 3 });
  });

  test("a used code (removed from the unused list) no longer verifies", () => {
    const { codes, hashes } = createBackupCodes(pepper);
    const remaining = hashes.filter((_, i) => i !== 0);
    expect(verifyBackupCode(codes[0]!, remaining, pepper)).toEqual({ ok: false });
  });

  test.each([
    ["an unknown code", "ZZZZ-ZZZZ"],
    ["garbage", "not a code"],
    ["empty", ""],
  ])("%s is refused", (_name, input) => {
    const { hashes } = createBackupCodes(pepper);
    expect(verifyBackupCode(input, hashes, pepper)).toEqual({ ok: false });
  });

  test("a different pepper gives different hashes", () => {
    const { codes, hashes } = createBackupCodes(pepper);
    expect(hashBackupCode(codes[0]!, otherPepper)).not.toBe(hashes[0]);
    expect(verifyBackupCode(codes[0]!, hashes, otherPepper)).toEqual({ ok: false });
  });

  test("malformed stored hashes are skipped, not thrown on", () => {
    const { codes, hashes } = createBackupCodes(pepper);
    expect(verifyBackupCode(codes[1]!, ["", "zz", hashes[1]!], pepper)).toEqual({ ok: true, index: 2 });
  });

  test("hashing equivalent spellings gives one hash", () => {
    expect(hashBackupCode("abcd-efgh", pepper)).toBe(hashBackupCode("ABCDEFGH", pepper));
  });

  test("the default pepper comes from AUTH_SECRET", () => {
    const { codes, hashes } = createBackupCodes();
    expect(verifyBackupCode(codes[0]!, hashes)).toEqual({ ok: true, index: 0 });
    expect(verifyBackupCode(codes[0]!, hashes, pepper)).toEqual({ ok: false });
  });
});
