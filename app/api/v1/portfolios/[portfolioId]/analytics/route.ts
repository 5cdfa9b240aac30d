// GET /api/v1/portfolios/:id/analytics – TWR, MWR, volatility, Sharpe, Sortino, drawdown, VaR/CVaR, beta
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getAnalytics } from "@/lib/portfolio/valuation";
import { portfolioParams } from "../../params";

export const GET = withApi({ auth: "user", params: portfolioParams }, async ({ auth, params }) =>
  ok(await getAnalytics({ userId: auth.userId, portfolioId: params.portfolioId })),
);
