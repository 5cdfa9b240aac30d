import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import {
  createSecretBox,
  decryptRaw,
  encodeAad,
  encryptRaw,
  getEnvelopeKeyVersion,
  secretBox,
  VaultError,
  type KeyRingEntry,
  type SecretContext,
} from "./secret-box";

const hex = (value: string) => Buffer.from(value, "hex");

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", revised 2005, Appendix B,
// test cases 13–16 (AES-256).
const K15 = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
const P15 =
  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
const C15 =
  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
const GCM_VECTORS = [
  { name: "13", key: "00".repeat(32), iv: "00".repeat(12), pt: "", aad: "", ct: "", tag: "530f8afbc74536b9a963b4f1c4cb738b" },
  {
    name: "14",
    key: "00".repeat(32),
    iv: "00".repeat(12),
    pt: "00".repeat(16),
    aad: "",
    ct: "cea7403d4d606b6e074ec5d3baf39d18",
    tag: "d0d1c8a799996bf0265b98b5d48ab919",
  },
  { name: "15", key: K15, iv: "cafebabefacedbaddecaf888", pt: P15, aad: "", ct: C15, tag: "b094dac5d93471bdec1a502270e3cc6c" },
  {
    name: "16",
    key: K15,
    iv: "cafebabefacedbaddecaf888",
    pt: P15.slice(0, 120),
    aad: "feedfacedeadbeeffeedfacedeadbeefabaddad2",
    ct: C15.slice(0, 120),
    tag: "76fc6ece0f4e1768cddf8853bb2d551b",
  },
];

describe("AES-256-GCM known answers", () => {
  test.each(GCM_VECTORS)("test case $name encrypts", ({ key, iv, pt, aad, ct, tag }) => {
    const out = encryptRaw(hex(key), hex(iv), hex(pt), hex(aad));
    expect(out.ciphertext.toString("hex")).toBe(ct);
    expect(out.tag.toString("hex")).toBe(tag);
  });

  test.each(GCM_VECTORS)("test case $name decrypts", ({ key, iv, pt, aad, ct, tag }) => {
    expect(decryptRaw(hex(key), hex(iv), hex(ct), hex(tag), hex(aad)).toString("hex")).toBe(pt);
  });

  test("a flipped tag bit is refused", () => {
    const v = GCM_VECTORS[3]!;
    const tag = hex(v.tag);
    tag[0]! ^= 1;
    expect(() => decryptRaw(hex(v.key), hex(v.iv), hex(v.ct), tag, hex(v.aad))).toThrow(VaultError);
  });

  test("a truncated tag is refused", () => {
    const v = GCM_VECTORS[3]!;
    expect(() => decryptRaw(hex(v.key), hex(v.iv), hex(v.ct), hex(v.tag).subarray(0, 12), hex(v.aad))).toThrow(VaultError);
  });
});

const key = (version: number): KeyRingEntry => ({ version, key: randomBytes(32) });
const ctx: SecretContext = { table: "exchange_keys", column: "api_secret", rowId: "row-1", ownerId: "user-1" };

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof VaultError) return error.reason;
    throw error;
  }
  return undefined;
}

// Replaces one character of a base64url segment with a different one that changes the decoded bytes.
function mutateSegment(envelope: string, index: number): string {
  const parts = envelope.split(".");
  const segment = parts[index]!;
  const at = Math.floor(segment.length / 2);
  const replacement = segment[at] === "A" ? "B" : "A";
  parts[index] = segment.slice(0, at) + replacement + segment.slice(at + 1);
  return parts.join(".");
}

describe("secret box", () => {
  const v1 = key(1);
  const box = createSecretBox([v1]);

  test.each(["", "s3cr3t", "ünïcødé 🔑", "x".repeat(5000)])("round trip %#", (plaintext) => {
    expect(box.decrypt(box.encrypt(plaintext, ctx), ctx)).toBe(plaintext);
  });

  test("envelope shape is v<version>.<iv>.<ciphertext>.<tag>", () => {
    const envelope = box.encrypt("hello", ctx);
    expect(envelope).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(getEnvelopeKeyVersion(envelope)).toBe(1);
  });

  test("a fresh IV for every encryption", () => {
    const a = box.encrypt("same", ctx);
    const b = box.encrypt("same", ctx);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
  });

  test.each([
    ["iv", 1],
    ["ciphertext", 2],
    ["tag", 3],
  ])("tampered %s is refused", (_name, index) => {
    const envelope = box.encrypt("a secret value", ctx);
    expect(reason(() => box.decrypt(mutateSegment(envelope, index), ctx))).toBe("auth_failed");
  });

  test("a changed version is refused", () => {
    const envelope = box.encrypt("a secret value", ctx);
    expect(reason(() => box.decrypt(envelope.replace(/^v1\./, "v2."), ctx))).toBe("unknown_key");
    // Even with both keys present, the other key (and the AAD version) cannot open it.
    const both = createSecretBox([key(2), v1]);
    expect(reason(() => both.decrypt(envelope.replace(/^v1\./, "v2."), ctx))).toBe("auth_failed");
  });

  test.each([
    "",
    "v1",
    "v1.a.b",
    "v0.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA",
    "1.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA",
    "v1.AAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA",
    "v1.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAA",
    "v1.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAB",
    "v1.AAAAAAAAAAAAAAAA.A+.AAAAAAAAAAAAAAAAAAAAAA",
  ])("malformed envelope %j is refused", (envelope) => {
    expect(reason(() => box.decrypt(envelope, ctx))).toBe("malformed");
  });

  test.each<[string, Partial<SecretContext>]>([
    ["another row", { rowId: "row-2" }],
    ["another owner", { ownerId: "user-2" }],
    ["another column", { column: "api_key" }],
    ["another table", { table: "totp_secrets" }],
  ])("AAD mismatch (%s) is refused", (_name, change) => {
    const envelope = box.encrypt("a secret value", ctx);
    expect(reason(() => box.decrypt(envelope, { ...ctx, ...change }))).toBe("auth_failed");
  });

  test("AAD encoding is unambiguous", () => {
    const a = encodeAad(1, { table: "a.b", column: "c", rowId: "r", ownerId: "o" });
    const b = encodeAad(1, { table: "a", column: "b.c", rowId: "r", ownerId: "o" });
    const c = encodeAad(1, { table: 'a","b', column: "c", rowId: "r", ownerId: "o" });
    expect(new Set([a.toString(), b.toString(), c.toString()]).size).toBe(3);
  });

  test("an empty context field is refused", () => {
    expect(reason(() => box.encrypt("x", { ...ctx, ownerId: "" }))).toBe("invalid_context");
  });

  test("errors do not leak the reason, plaintext or envelope in their message", () => {
    const envelope = box.encrypt("hunter2-secret", ctx);
    try {
      box.decrypt(envelope, { ...ctx, rowId: "row-2" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(VaultError);
      const message = (error as Error).message;
      expect(message).not.toContain("hunter2");
      expect(message).not.toContain(envelope);
      expect(message).not.toContain("row-2");
    }
  });

  test.each<[string, KeyRingEntry[]]>([
    ["empty", []],
    ["short key", [{ version: 1, key: randomBytes(16) }]],
    ["duplicate version", [key(1), key(1)]],
    ["version 0", [key(0)]],
  ])("an invalid key ring (%s) is refused", (_name, ring) => {
    expect(reason(() => createSecretBox(ring))).toBe("invalid_key_ring");
  });
});

describe("key rotation", () => {
  const v1 = key(1);
  const v2 = key(2);

  test("v1 envelopes open under [v2, v1], reencrypt to v2, then [v2] alone opens them", () => {
    const old = createSecretBox([v1]).encrypt("api-secret", ctx);
    const ring = createSecretBox([v2, v1]);
    expect(ring.currentKeyVersion).toBe(2);
    expect(ring.needsRotation(old)).toBe(true);
    expect(ring.decrypt(old, ctx)).toBe("api-secret");

    const rotated = ring.reencrypt(old, ctx);
    expect(getEnvelopeKeyVersion(rotated)).toBe(2);
    expect(ring.needsRotation(rotated)).toBe(false);

    const onlyV2 = createSecretBox([v2]);
    expect(onlyV2.decrypt(rotated, ctx)).toBe("api-secret");
    expect(reason(() => onlyV2.decrypt(old, ctx))).toBe("unknown_key");
  });

  test("the highest version seals, whatever the ring order", () => {
    const box = createSecretBox([v1, v2]);
    expect(getEnvelopeKeyVersion(box.encrypt("x", ctx))).toBe(2);
  });

  test("reencrypt refuses a wrong context", () => {
    const old = createSecretBox([v1]).encrypt("api-secret", ctx);
    expect(reason(() => createSecretBox([v2, v1]).reencrypt(old, { ...ctx, ownerId: "user-2" }))).toBe("auth_failed");
  });
});

test("the default box uses ENCRYPTION_KEYS", () => {
  expect(secretBox.decrypt(secretBox.encrypt("x", ctx), ctx)).toBe("x");
});
