// GET /api/metrics – Prometheus exposition of this instance (Bearer METRICS_TOKEN when set)
import { withApi } from "@/lib/api/handler";
import { renderMetrics } from "@/lib/metrics";
import { requireMetricsAccess } from "@/lib/metrics/access";

export const dynamic = "force-dynamic";

export const GET = withApi({}, async ({ req }) => {
  requireMetricsAccess(req.headers);
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
