import { z } from "zod";
import { candlesQuerySchema, listTickersQuerySchema, orderBookQuerySchema, symbolParamsSchema } from "@/lib/market/schemas";
import { candleSchema, liquidationLevelsSchema, orderBookSchema, tickerSchema } from "../responses/market";
import { route, type RouteDoc } from "../types";

const tag = "Market";
const unknownSymbol = ["NOT_FOUND", "UPSTREAM_UNAVAILABLE"] as const;

export const marketRoutes: RouteDoc[] = [
  route({ method: "GET", path: "/market/tickers", operationId: "listTickers", tag, summary: "Latest tickers of the tracked symbols", description: "`symbols` is a comma-separated list (BTC-USDT,ETH-USDT).", auth: "user", query: listTickersQuerySchema, response: z.array(tickerSchema), errors: [...unknownSymbol] }),
  route({ method: "GET", path: "/market/ticker/{symbol}", operationId: "getTicker", tag, summary: "Latest ticker of one tracked symbol", auth: "user", params: symbolParamsSchema, response: tickerSchema, errors: [...unknownSymbol] }),
  route({ method: "GET", path: "/market/orderbook/{symbol}", operationId: "getOrderBook", tag, summary: "Order book, `depth` levels a side", auth: "user", params: symbolParamsSchema, query: orderBookQuerySchema, response: orderBookSchema, errors: [...unknownSymbol, "EXCHANGE_UNAVAILABLE", "EXCHANGE_TIMEOUT"] }),
  route({ method: "GET", path: "/market/candles/{symbol}", operationId: "getCandles", tag, summary: "OHLCV candles, oldest first", auth: "user", params: symbolParamsSchema, query: candlesQuerySchema, response: z.array(candleSchema), errors: [...unknownSymbol] }),
  route({ method: "GET", path: "/market/liquidations/{symbol}", operationId: "getLiquidationLevels", tag, summary: "Estimated liquidation price levels around the current price", auth: "user", params: symbolParamsSchema, response: liquidationLevelsSchema, errors: [...unknownSymbol] }),
];
