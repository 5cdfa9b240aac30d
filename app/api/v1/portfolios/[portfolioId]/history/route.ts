// GET /api/v1/portfolios/:id/history?range=1w|1m|3m|1y|all – daily value history
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { historyRangeSchema } from "@/lib/portfolio/schemas";
import { getHistory } from "@/lib/portfolio/valuation";
import { portfolioParams } from "../../params";

export const GET = withApi({ auth: "user", params: portfolioParams, query: historyRangeSchema }, async ({ auth, params, query }) =>
  ok(await getHistory({ userId: auth.userId, portfolioId: params.portfolioId, range: query.range })),
);
