import { hash } from "@node-rs/argon2";
import { describe, expect, test } from "vitest";
import {
  ARGON2_MEMORY_COST_KIB,
  ARGON2_PARALLELISM,
  ARGON2_TIME_COST,
  getDummyHash,
  hashPassword,
  isHashOutdated,
  verifyDummy,
  verifyPassword,
} from "./password";

describe("hashPassword / verifyPassword", () => {
  test("hashes with argon2id at the OWASP parameters", async () => {
    expect([ARGON2_MEMORY_COST_KIB, ARGON2_TIME_COST, ARGON2_PARALLELISM]).toEqual([19_456, 2, 1]);
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "correct horse battery staple")).toEqual({ ok: true, needsRehash: false });
  });

  test("a wrong password fails", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword(stored, "correct horse battery stapler")).toEqual({ ok: false, needsRehash: false });
  });

  test("two hashes of one password differ (random salt)", async () => {
    expect(await hashPassword("same password here")).not.toBe(await hashPassword("same password here"));
  });

  test.each(["not-a-hash", "", "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"])(
    "a non-argon2 stored value %j fails without throwing",
    async (stored) => {
      expect(await verifyPassword(stored, "whatever")).toEqual({ ok: false, needsRehash: false });
    },
  );

  test("a weaker stored hash verifies and asks for a rehash", async () => {
    const weak = await hash("pw-for-rehash", { memoryCost: 8192, timeCost: 1, parallelism: 1 });
    expect(await verifyPassword(weak, "pw-for-rehash")).toEqual({ ok: true, needsRehash: true });
  });
});

describe("isHashOutdated", () => {
  const tail = "c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
  test.each([
    [`$argon2id$v=19$m=19456,t=2,p=1$${tail}`, false],
    [`$argon2id$v=19$m=65536,t=3,p=4$${tail}`, false],
    [`$argon2id$v=19$m=19455,t=2,p=1$${tail}`, true],
    [`$argon2id$v=19$m=19456,t=1,p=1$${tail}`, true],
    [`$argon2i$v=19$m=19456,t=2,p=1$${tail}`, true],
    [`$argon2d$v=19$m=65536,t=4,p=1$${tail}`, true],
    [`$argon2id$v=16$m=19456,t=2,p=1$${tail}`, true],
    ["$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234", true],
    ["", true],
  ])("%s → %s", (stored, want) => {
    expect(isHashOutdated(stored)).toBe(want);
  });
});

describe("dummy verification", () => {
  test("the dummy hash is computed once and never matches", async () => {
    const first = await getDummyHash();
    expect(await getDummyHash()).toBe(first);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyDummy("anything")).toEqual({ ok: false, needsRehash: false });
  });
});
