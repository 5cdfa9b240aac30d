// GET /api/v1/market/ticker/:symbol – latest ticker of one tracked symbol
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getTicker } from "@/lib/market/quotes";
import { symbolParamsSchema } from "@/lib/market/schemas";

export const GET = withApi({ auth: "user", params: symbolParamsSchema }, async ({ params }) => ok(await getTicker(params.symbol)));
