import "server-only";
import { SOCKET_ADDRESS_HEADER } from "@/lib/api/client-ip";
import { recordAudit } from "@/lib/audit/queries";
import { blockIp, isIpBlocked } from "@/lib/auth/blocked-ips";
import { logger } from "@/lib/logger";
import { countSecurityBlock } from "@/lib/metrics";
import { HONEYPOT_BLOCK_MS, isHoneypotPath } from "./honeypot";

export type ScreenVerdict = { allowed: true } | { allowed: false; reason: "blocked_ip" | "honeypot" };

const LOOPBACK_OR_PRIVATE = /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|f[cd][0-9a-f]{2}:|fe80:)/i;

/**
 * Whether the address is a reverse proxy relaying for others without TRUST_PROXY set: a private or
 * loopback socket address while X-Forwarded-For names someone else. Blocking it would lock out every
 * user behind that proxy, so such a honeypot hit is audited but not blocked.
 */
function isUntrustedRelay(ip: string, headers: Headers): boolean {
  if (!LOOPBACK_OR_PRIVATE.test(ip)) return false;
  const socket = headers.get(SOCKET_ADDRESS_HEADER);
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim().replace(/^::ffff:/, ""))
    .filter(Boolean);
  return forwarded.some((address) => address !== ip && address !== socket);
}

/**
 * The first gate of every request (proxy.ts for pages and /api, withApi for the direct SSE path):
 * a blocked address is refused before any work, and a request for a trap path blocks its address for
 * a day. The block list lookup is cached per process for 10 s (lib/auth/blocked-ips.ts), which is also
 * how long a block made on one instance takes to reach the others. Fails open when the database is
 * unreachable: the block list is defence in depth, not the only check.
 */
export async function screenRequest(input: { ip: string; pathname: string; method: string; headers: Headers; now?: Date }): Promise<ScreenVerdict> {
  const { ip, pathname } = input;
  if (!ip || ip === "unknown") return { allowed: true };
  try {
    if (await isIpBlocked(ip, input.now)) {
      countSecurityBlock("blocked_ip");
      return { allowed: false, reason: "blocked_ip" };
    }
    if (!isHoneypotPath(pathname)) return { allowed: true };
    countSecurityBlock("honeypot");
    const relay = isUntrustedRelay(ip, input.headers);
    await recordAudit({
      userId: null,
      action: "security.honeypot_hit",
      ip,
      userAgent: input.headers.get("user-agent"),
      metadata: { path: pathname.slice(0, 200), method: input.method, blocked: !relay },
    });
    if (relay) {
      logger.warn({ ip, path: pathname }, "honeypot hit through an untrusted reverse proxy: audited, not blocked (set TRUST_PROXY)");
      return { allowed: false, reason: "honeypot" };
    }
    const now = input.now ?? new Date();
    await blockIp({ ip, reason: `Requested trap path ${pathname.slice(0, 100)}`, expiresAt: new Date(now.getTime() + HONEYPOT_BLOCK_MS) });
    logger.warn({ ip, path: pathname }, "honeypot hit: address blocked for 24 h");
    return { allowed: false, reason: "honeypot" };
  } catch (error) {
    logger.warn({ err: error, ip }, "security screen unavailable; request let through");
    return { allowed: true };
  }
}
