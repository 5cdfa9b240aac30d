import "server-only";
import { createHash } from "node:crypto";

/**
 * The name the service worker gives a user's caches: a hash of the user id, so cache names on a shared
 * device reveal neither the id nor the e-mail address, and differ for every user.
 */
export function pwaUserKey(userId: string): string {
  return createHash("sha256").update(`tradepulse-pwa:${userId}`).digest("hex").slice(0, 32);
}
