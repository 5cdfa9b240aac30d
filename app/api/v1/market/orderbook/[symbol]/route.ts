// GET /api/v1/market/orderbook/:symbol – order book, ?depth= levels a side (≤ 100)
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getOrderBook } from "@/lib/market/orderbook";
import { orderBookQuerySchema, symbolParamsSchema } from "@/lib/market/schemas";

export const GET = withApi({ auth: "user", params: symbolParamsSchema, query: orderBookQuerySchema }, async ({ params, query }) =>
  ok(await getOrderBook({ symbol: params.symbol, depth: query.depth })),
);
