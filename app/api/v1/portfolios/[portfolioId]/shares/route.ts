// GET, POST /api/v1/portfolios/:id/shares – who has access; share with a registered user (owner or admin)
import { withApi } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { listShares, sharePortfolio } from "@/lib/portfolio/queries";
import { shareSchema } from "@/lib/portfolio/schemas";
import { portfolioParams } from "../../params";

export const GET = withApi({ auth: "user", params: portfolioParams }, async ({ auth, params }) =>
  ok(await listShares({ userId: auth.userId, portfolioId: params.portfolioId })),
);

export const POST = withApi({ auth: "user", params: portfolioParams, body: shareSchema }, async ({ auth, params, body }) =>
  created(await sharePortfolio({ userId: auth.userId, portfolioId: params.portfolioId, ...body })),
);
