// GET /api/health – liveness plus database and Redis readiness (503 names the failing part)
import { requestIdFrom } from "@/lib/api/handler";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const report = await checkHealth();
  const failing = Object.entries(report.checks)
    .filter(([, check]) => check.status === "error")
    .map(([name]) => name);
  const body = failing.length
    ? { ...report, message: `Not ready: ${failing.join(" and ")} unavailable` }
    : report;
  return Response.json(body, {
    status: failing.length ? 503 : 200,
    headers: { "cache-control": "no-store", "x-request-id": requestId },
  });
}
