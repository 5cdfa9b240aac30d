import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** With METRICS_TOKEN set, /api/metrics needs `Authorization: Bearer <token>` (401 otherwise). */
export function requireMetricsAccess(headers: Headers, token = env.metricsToken): void {
  if (!token) return;
  const match = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "");
  // Compared as digests: constant time whatever the length of what was sent.
  if (!match || !timingSafeEqual(digest(match[1]!), digest(token))) {
    throw new AppError("UNAUTHENTICATED", "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.", { headers: { "www-authenticate": 'Bearer realm="metrics"' } });
  }
}
