import { z } from "zod";
import type { CandlePoint } from "@/lib/market/candles";
import type { TickerEvent } from "@/lib/market/events";
import type { LiquidationLevels } from "@/lib/market/liquidation-levels";
import type { OrderBookView } from "@/lib/market/orderbook";
import type { Expect, Jsonified, Same } from "../json";
import { decimal } from "./common";

const ms = () => z.number().int().meta({ description: "Milliseconds since the epoch." });

export const tickerSchema = z.object({
  exchange: z.string(),
  symbol: z.string().meta({ description: "Path form, e.g. BTC-USDT." }),
  last: z.number(),
  bid: z.number().nullable(),
  ask: z.number().nullable(),
  open24h: z.number().nullable(),
  high24h: z.number().nullable(),
  low24h: z.number().nullable(),
  change24hPct: z.number().nullable().meta({ description: "Percent: 2.5 = +2.5 %." }),
  volume24h: z.number().nullable(),
  quoteVolume24h: z.number().nullable(),
  timestamp: ms(),
});

export const candleSchema = z.object({
  time: ms().meta({ description: "Open time, ms since the epoch." }),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
});

const level = z.tuple([z.number(), z.number()]).meta({ description: "[price, amount]" });
export const orderBookSchema = z.object({
  symbol: z.string(),
  bids: z.array(level).meta({ description: "Best (highest) first." }),
  asks: z.array(level).meta({ description: "Best (lowest) first." }),
  timestamp: ms(),
});

export const liquidationLevelsSchema = z.object({
  kind: z.literal("estimated-levels"),
  symbol: z.string(),
  price: decimal(),
  timestamp: ms(),
  method: z.enum(["tier-table", "flat-maintenance-rate"]),
  maintenanceMarginRate: decimal(),
  referenceNotional: decimal(),
  levels: z.array(z.object({ side: z.enum(["long", "short"]), leverage: z.number(), liquidationPrice: decimal(), distancePct: decimal() })),
  note: z.string(),
});

export type _Checks = [
  Expect<Same<z.output<typeof tickerSchema>, Jsonified<TickerEvent>>>,
  Expect<Same<z.output<typeof candleSchema>, Jsonified<CandlePoint>>>,
  Expect<Same<z.output<typeof orderBookSchema>, Jsonified<OrderBookView>>>,
  Expect<Same<z.output<typeof liquidationLevelsSchema>, Jsonified<LiquidationLevels>>>,
];
