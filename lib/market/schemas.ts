import { z } from "zod";
import { timeframeSchema } from "@/lib/exchanges/types";

// Inputs of the market routes. Symbols are checked against the tracked list by the lib functions
// (unknown → 404), so here they only need a plausible shape.

const pathSymbol = z.string().trim().min(3).max(41);

export const symbolParamsSchema = z.object({ symbol: pathSymbol });

// An empty parameter (?exchange=&symbols=) means "not given".
export const listTickersQuerySchema = z.object({
  exchange: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((value) => value || undefined),
  symbols: z
    .string()
    .optional()
    .transform((value) => {
      const list = value?.split(",").map((symbol) => symbol.trim()).filter(Boolean);
      return list?.length ? list : undefined;
    })
    .pipe(z.array(pathSymbol).max(200, "At most 200 symbols").optional()),
});

export const candlesQuerySchema = z.object({
  timeframe: timeframeSchema.default("1h"),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const orderBookQuerySchema = z.object({
  depth: z.coerce.number().int().min(1).max(100).default(20),
});
