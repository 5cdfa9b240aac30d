import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// Envelope format (one ASCII string, safe for a text column):
//   v<keyVersion>.<base64url iv>.<base64url ciphertext>.<base64url tag>
// AES-256-GCM, a fresh random 96-bit IV per encryption, a 128-bit tag. The AAD binds the ciphertext
// to its row (see encodeAad), so a value copied to another row, column or user fails to decrypt.

export type KeyRingEntry = { version: number; key: Buffer };
export type SecretContext = { table: string; column: string; rowId: string; ownerId: string };

export type VaultErrorReason = "malformed" | "unknown_key" | "auth_failed" | "invalid_context" | "invalid_key_ring";

/** Never carries key material, plaintext or the envelope; `reason` is for logs only. */
export class VaultError extends Error {
  readonly reason: VaultErrorReason;

  constructor(reason: VaultErrorReason, options?: { cause?: unknown }) {
    super("The secret could not be processed.", options);
    this.name = "VaultError";
    this.reason = reason;
  }
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = "tradepulse/vault/v1";
const ENVELOPE = /^v([1-9]\d{0,8})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;

export function encryptRaw(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer): { ciphertext: Buffer; tag: Buffer } {
  if (key.length !== KEY_BYTES || iv.length !== IV_BYTES) throw new VaultError("invalid_key_ring");
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

export function decryptRaw(key: Buffer, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  if (key.length !== KEY_BYTES || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new VaultError("malformed");
  try {
    // authTagLength pins the tag size so a truncated tag is never accepted.
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (error) {
    throw new VaultError("auth_failed", { cause: error });
  }
}

// JSON of an ordered array of strings and integers: deterministic, and no two distinct contexts share
// an encoding (every field is quoted and escaped). The key version is included so the header is
// authenticated too.
export function encodeAad(keyVersion: number, context: SecretContext): Buffer {
  const { table, column, rowId, ownerId } = context;
  for (const field of [table, column, rowId, ownerId]) {
    if (typeof field !== "string" || field.length === 0) throw new VaultError("invalid_context");
  }
  return Buffer.from(JSON.stringify([AAD_LABEL, keyVersion, table, column, rowId, ownerId]), "utf8");
}

function decodeSegment(segment: string, expectedBytes?: number): Buffer {
  const bytes = Buffer.from(segment, "base64url");
  // Buffer's decoder is lenient; the re-encoding check rejects any non-canonical spelling.
  if (bytes.toString("base64url") !== segment) throw new VaultError("malformed");
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) throw new VaultError("malformed");
  return bytes;
}

type ParsedEnvelope = { version: number; iv: Buffer; ciphertext: Buffer; tag: Buffer };

function parseEnvelope(envelope: string): ParsedEnvelope {
  const match = typeof envelope === "string" ? ENVELOPE.exec(envelope) : null;
  if (!match) throw new VaultError("malformed");
  return {
    version: Number(match[1]),
    iv: decodeSegment(match[2]!, IV_BYTES),
    ciphertext: decodeSegment(match[3]!),
    tag: decodeSegment(match[4]!, TAG_BYTES),
  };
}

/** The key version an envelope was sealed with (e.g. for a `key_version` column). */
export function getEnvelopeKeyVersion(envelope: string): number {
  return parseEnvelope(envelope).version;
}

export type SecretBox = {
  readonly currentKeyVersion: number;
  encrypt(plaintext: string, context: SecretContext): string;
  decrypt(envelope: string, context: SecretContext): string;
  needsRotation(envelope: string): boolean;
  reencrypt(envelope: string, context: SecretContext): string;
};

/** The highest version is the newest key and seals all new envelopes; older keys only open. */
export function createSecretBox(keyRing: readonly KeyRingEntry[]): SecretBox {
  if (keyRing.length === 0) throw new VaultError("invalid_key_ring");
  const byVersion = new Map<number, Buffer>();
  for (const { version, key } of keyRing) {
    if (!Number.isSafeInteger(version) || version < 1 || key.length !== KEY_BYTES || byVersion.has(version)) {
      throw new VaultError("invalid_key_ring");
    }
    byVersion.set(version, Buffer.from(key));
  }
  const currentVersion = Math.max(...byVersion.keys());
  const currentKey = byVersion.get(currentVersion)!;

  function encrypt(plaintext: string, context: SecretContext): string {
    const aad = encodeAad(currentVersion, context);
    const iv = randomBytes(IV_BYTES);
    const { ciphertext, tag } = encryptRaw(currentKey, iv, Buffer.from(plaintext, "utf8"), aad);
    return `v${currentVersion}.${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${tag.toString("base64url")}`;
  }

  function decrypt(envelope: string, context: SecretContext): string {
    const { version, iv, ciphertext, tag } = parseEnvelope(envelope);
    const key = byVersion.get(version);
    if (!key) throw new VaultError("unknown_key");
    return decryptRaw(key, iv, ciphertext, tag, encodeAad(version, context)).toString("utf8");
  }

  return {
    currentKeyVersion: currentVersion,
    encrypt,
    decrypt,
    needsRotation: (envelope) => parseEnvelope(envelope).version < currentVersion,
    reencrypt: (envelope, context) => encrypt(decrypt(envelope, context), context),
  };
}

/** The app-wide box over ENCRYPTION_KEYS. */
export const secretBox: SecretBox = createSecretBox(env.encryptionKeys);
