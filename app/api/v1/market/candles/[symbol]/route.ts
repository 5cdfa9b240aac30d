// GET /api/v1/market/candles/:symbol – OHLCV oldest first, ?timeframe=1m|5m|15m|1h|4h|1d&limit= (≤ 1000)
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getCandles } from "@/lib/market/candles";
import { candlesQuerySchema, symbolParamsSchema } from "@/lib/market/schemas";

export const GET = withApi({ auth: "user", params: symbolParamsSchema, query: candlesQuerySchema }, async ({ params, query }) =>
  ok(await getCandles({ symbol: params.symbol, timeframe: query.timeframe, limit: query.limit })),
);
