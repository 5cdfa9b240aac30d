// GET, POST /api/v1/portfolios – the caller's portfolios (own and shared); create a manual one
import { withApi } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { createPortfolio, listPortfolios } from "@/lib/portfolio/queries";
import { createPortfolioSchema } from "@/lib/portfolio/schemas";

export const GET = withApi({ auth: "user" }, async ({ auth }) => ok(await listPortfolios({ userId: auth.userId })));

export const POST = withApi({ auth: "user", body: createPortfolioSchema }, async ({ auth, body }) =>
  created(await createPortfolio({ userId: auth.userId, tier: auth.tier, input: body })),
);
