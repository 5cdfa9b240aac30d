// GET, PATCH, DELETE /api/v1/portfolios/:id – read (view), change (edit), delete (owner)
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { deletePortfolio, getPortfolio, updatePortfolio } from "@/lib/portfolio/queries";
import { updatePortfolioSchema } from "@/lib/portfolio/schemas";
import { portfolioParams } from "../params";

export const GET = withApi({ auth: "user", params: portfolioParams }, async ({ auth, params }) =>
  ok(await getPortfolio({ userId: auth.userId, portfolioId: params.portfolioId })),
);

export const PATCH = withApi({ auth: "user", params: portfolioParams, body: updatePortfolioSchema }, async ({ auth, params, body }) =>
  ok(await updatePortfolio({ userId: auth.userId, portfolioId: params.portfolioId, input: body })),
);

export const DELETE = withApi({ auth: "user", params: portfolioParams }, async ({ auth, params }) => {
  await deletePortfolio({ userId: auth.userId, portfolioId: params.portfolioId });
  return ok({ deleted: true });
});
