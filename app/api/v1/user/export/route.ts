// GET /api/v1/user/export – all of the caller's own data as JSON (?download=1 for a file)
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { exportUserData } from "@/lib/auth/export";

export const GET = withApi(
  { auth: "user", query: z.object({ download: z.enum(["0", "1"]).optional() }) },
  async ({ auth, query, ip, userAgent }) => {
    const data = await exportUserData({ userId: auth.userId }, { ip, userAgent });
    const headers: Record<string, string> =
      query.download === "1" ? { "content-disposition": `attachment; filename="tradepulse-export-${data.exportedAt.slice(0, 10)}.json"` } : {};
    return ok(data, { headers });
  },
);
