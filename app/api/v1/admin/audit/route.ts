// GET /api/v1/admin/audit – the audit trail across users, newest first: filter by user, action, address and dates
import { listAuditLog } from "@/lib/admin/queries";
import { auditQuerySchema } from "@/lib/admin/schemas";
import { withApi } from "@/lib/api/handler";
import { paginated } from "@/lib/api/respond";

export const GET = withApi({ auth: "admin", query: auditQuerySchema }, async ({ query }) => {
  const { items, pagination } = await listAuditLog(query);
  return paginated(items, pagination);
});
