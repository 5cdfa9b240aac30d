// POST /api/v1/portfolios/:id/simulate – Monte Carlo projection (bootstrap of daily returns)
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { simulateSchema } from "@/lib/portfolio/schemas";
import { simulatePortfolio } from "@/lib/portfolio/valuation";
import { portfolioParams } from "../../params";

export const POST = withApi({ auth: "user", params: portfolioParams, body: simulateSchema }, async ({ auth, params, body }) =>
  ok(await simulatePortfolio({ userId: auth.userId, portfolioId: params.portfolioId, ...body })),
);
