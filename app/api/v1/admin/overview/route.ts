// GET /api/v1/admin/overview – counts for the admin console: users by plan, sessions, blocks, recent audit volume
import { getAdminOverview } from "@/lib/admin/queries";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";

export const GET = withApi({ auth: "admin" }, async () => ok(await getAdminOverview()));
