// GET /api/v1/portfolios/:id/holdings – live holdings with FIFO cost basis and P&L
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getHoldings } from "@/lib/portfolio/valuation";
import { portfolioParams } from "../../params";

export const GET = withApi({ auth: "user", params: portfolioParams }, async ({ auth, params }) =>
  ok(await getHoldings({ userId: auth.userId, portfolioId: params.portfolioId })),
);
