// POST /api/v1/portfolios/:id/rebalance {targets, minTradeUsd?} – the trades that reach the target weights
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { rebalanceSchema } from "@/lib/portfolio/schemas";
import { planRebalance } from "@/lib/portfolio/valuation";
import { portfolioParams } from "../../params";

export const POST = withApi({ auth: "user", params: portfolioParams, body: rebalanceSchema }, async ({ auth, params, body }) =>
  ok(await planRebalance({ userId: auth.userId, portfolioId: params.portfolioId, ...body })),
);
