// GET /api/v1/portfolios/:id/analytics – TWR, MWR, volatility, Sharpe, Sortino, drawdown, VaR/CVaR, beta
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getMe } from "@/lib/auth/accounts";
import { getAnalytics } from "@/lib/portfolio/valuation";
import { portfolioParams } from "../../params";

export const GET = withApi({ auth: "user", params: portfolioParams }, async ({ auth, params }) => {
  const { settings } = await getMe({ userId: auth.userId });
  const riskFreeRate = typeof settings.riskFreeRate === "number" ? settings.riskFreeRate : 0;
  return ok(await getAnalytics({ userId: auth.userId, portfolioId: params.portfolioId, riskFreeRate }));
});
