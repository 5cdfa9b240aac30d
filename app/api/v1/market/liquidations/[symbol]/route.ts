// GET /api/v1/market/liquidations/:symbol – estimated liquidation price levels around the current price
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getLiquidations } from "@/lib/market/liquidations";
import { symbolParamsSchema } from "@/lib/market/schemas";

export const GET = withApi({ auth: "user", params: symbolParamsSchema }, async ({ params }) => ok(await getLiquidations({ symbol: params.symbol })));
