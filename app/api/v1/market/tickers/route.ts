// GET /api/v1/market/tickers – latest tickers of the tracked symbols (?symbols=BTC-USDT,ETH-USDT)
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getTickers } from "@/lib/market/quotes";
import { listTickersQuerySchema } from "@/lib/market/schemas";

export const GET = withApi({ auth: "user", query: listTickersQuerySchema }, async ({ query }) =>
  ok(await getTickers({ ...(query.symbols ? { symbols: query.symbols } : {}), ...(query.exchange ? { exchange: query.exchange } : {}) })),
);
