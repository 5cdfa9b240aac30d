import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify, type Algorithm } from "@node-rs/argon2";

// OWASP Password Storage Cheat Sheet minimum for argon2id: m=19 MiB, t=2, p=1.
export const ARGON2_MEMORY_COST_KIB = 19_456;
export const ARGON2_TIME_COST = 2;
export const ARGON2_PARALLELISM = 1;
const ARGON2_VERSION = 19;
// `Algorithm` is an ambient const enum, which isolatedModules cannot read at runtime; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

const HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: ARGON2_MEMORY_COST_KIB,
  timeCost: ARGON2_TIME_COST,
  parallelism: ARGON2_PARALLELISM,
};

const PHC_PREFIX = /^\$(argon2id|argon2i|argon2d)\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/;

export type PasswordCheck = { ok: boolean; needsRehash: boolean };

export function hashPassword(password: string): Promise<string> {
  return hash(password, HASH_OPTIONS);
}

/** True when a stored hash is weaker than, or a different algorithm from, the current settings. */
export function isHashOutdated(storedHash: string): boolean {
  const match = PHC_PREFIX.exec(storedHash);
  if (!match) return true;
  const [, algorithm, version, memory, time, parallelism] = match;
  return (
    algorithm !== "argon2id" ||
    Number(version) !== ARGON2_VERSION ||
    Number(memory) < ARGON2_MEMORY_COST_KIB ||
    Number(time) < ARGON2_TIME_COST ||
    Number(parallelism) < ARGON2_PARALLELISM
  );
}

export async function verifyPassword(storedHash: string, password: string): Promise<PasswordCheck> {
  // A stored value that is not an argon2 hash at all is a failed login; other errors surface.
  if (!/^\$argon2(id|i|d)\$/.test(storedHash)) return { ok: false, needsRehash: false };
  const ok = await verify(storedHash, password);
  return { ok, needsRehash: ok && isHashOutdated(storedHash) };
}

let dummyHash: Promise<string> | undefined;

/** A hash of a random password with the current settings, computed once per process. */
export function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString("base64url"));
  return dummyHash;
}

// Runs the same argon2 work as a real check so an unknown email costs as long as a wrong password.
export async function verifyDummy(password: string): Promise<PasswordCheck> {
  await verifyPassword(await getDummyHash(), password);
  return { ok: false, needsRehash: false };
}
