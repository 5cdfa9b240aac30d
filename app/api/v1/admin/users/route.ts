// GET /api/v1/admin/users – every account: search by email or name, filter by plan, role and block, sorted, paginated
import { listUsers } from "@/lib/admin/queries";
import { listUsersQuerySchema } from "@/lib/admin/schemas";
import { withApi } from "@/lib/api/handler";
import { paginated } from "@/lib/api/respond";

export const GET = withApi({ auth: "admin", query: listUsersQuerySchema }, async ({ query }) => {
  const { items, pagination } = await listUsers(query);
  return paginated(items, pagination);
});
