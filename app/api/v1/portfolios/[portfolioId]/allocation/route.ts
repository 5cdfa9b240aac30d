// GET /api/v1/portfolios/:id/allocation – weights by asset and by exchange
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getAllocation } from "@/lib/portfolio/valuation";
import { portfolioParams } from "../../params";

export const GET = withApi({ auth: "user", params: portfolioParams }, async ({ auth, params }) =>
  ok(await getAllocation({ userId: auth.userId, portfolioId: params.portfolioId })),
);
