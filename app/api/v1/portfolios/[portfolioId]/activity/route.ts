// GET /api/v1/portfolios/:id/activity – who did what and when
import { withApi } from "@/lib/api/handler";
import { paginated } from "@/lib/api/respond";
import { paginationQuerySchema } from "@/lib/api/pagination";
import { listActivity } from "@/lib/portfolio/queries";
import { portfolioParams } from "../../params";

export const GET = withApi({ auth: "user", params: portfolioParams, query: paginationQuerySchema }, async ({ auth, params, query }) => {
  const { items, pagination } = await listActivity({ userId: auth.userId, portfolioId: params.portfolioId, ...query });
  return paginated(items, pagination);
});
