// GET /api/v1/user/audit – the caller's own security log, newest first, paginated
import { withApi } from "@/lib/api/handler";
import { paginated } from "@/lib/api/respond";
import { paginationQuerySchema } from "@/lib/api/pagination";
import { listUserAudit } from "@/lib/audit/queries";

export const GET = withApi({ auth: "user", query: paginationQuerySchema }, async ({ auth, query }) => {
  const { items, pagination } = await listUserAudit({ userId: auth.userId, ...query });
  return paginated(items, pagination);
});
