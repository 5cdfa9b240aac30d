import { z } from "zod";

// Amounts arrive as decimal strings (API.md) or plain JSON numbers; both leave as strings so no
// float rounding creeps in before decimal.js.
const DECIMAL = /^\d+(\.\d+)?$/;
const POSITIVE_DECIMAL = /^(?=.*[1-9])\d+(\.\d+)?$/;

// JSON numbers become plain decimal strings (String(1e-7) would be "1e-7", which the pattern refuses).
function toDecimalString(value: unknown): unknown {
  if (typeof value !== "number" || !Number.isFinite(value)) return value;
  const text = String(value);
  return text.includes("e") ? value.toFixed(20).replace(/\.?0+$/, "") : text;
}

function decimalAmount(field: string, { isPositive }: { isPositive: boolean }) {
  const rule = isPositive ? "greater than 0" : "0 or more";
  return z.preprocess(
    toDecimalString,
    z
      .string({ error: `${field} must be a decimal string or a number` })
      .trim()
      .regex(isPositive ? POSITIVE_DECIMAL : DECIMAL, { error: `${field} must be a decimal number ${rule}, like "1234.5"` }),
  );
}

function fraction(field: string, { below }: { below: number }) {
  return decimalAmount(field, { isPositive: false }).refine((value) => Number(value) < below, {
    error: `${field} is a fraction (0.004 = 0.4 %) and must be below ${below}`,
  });
}

export const liquidationInputSchema = z
  .object({
    symbol: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{2,20}([-/_:][A-Za-z0-9]{2,20}){0,2}$/, { error: 'symbol looks like "BTCUSDT" or "BTC-USDT"' })
      .optional(),
    side: z.enum(["long", "short"], { error: "side must be long or short" }),
    marginMode: z.enum(["isolated", "cross"], { error: "marginMode must be isolated or cross" }),
    entryPrice: decimalAmount("entryPrice", { isPositive: true }),
    quantity: decimalAmount("quantity", { isPositive: true }),
    leverage: z
      .union([z.number(), z.string().trim().regex(/^\d+$/).transform(Number)], {
        error: "leverage must be a whole number from 1 to 125",
      })
      .pipe(
        z
          .number()
          .int({ error: "leverage must be a whole number from 1 to 125" })
          .min(1, { error: "leverage must be at least 1" })
          .max(125, { error: "leverage must be at most 125" }),
      ),
    walletBalance: decimalAmount("walletBalance", { isPositive: true }).optional(),
    maintenanceMarginRate: fraction("maintenanceMarginRate", { below: 1 }).optional(),
    maintenanceAmount: decimalAmount("maintenanceAmount", { isPositive: false }).optional(),
    // Additions beyond the API.md list; both optional and both default to 0.
    addedMargin: decimalAmount("addedMargin", { isPositive: false }).optional(),
    takerFeeRate: fraction("takerFeeRate", { below: 0.01 }).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.marginMode === "cross" && input.walletBalance === undefined) {
      ctx.addIssue({ code: "custom", path: ["walletBalance"], message: "walletBalance is required in cross margin mode" });
    }
    if (input.maintenanceAmount !== undefined && input.maintenanceMarginRate === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["maintenanceAmount"],
        message: "maintenanceAmount needs maintenanceMarginRate",
      });
    }
    if (input.symbol === undefined && input.maintenanceMarginRate === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["maintenanceMarginRate"],
        message: "Pass a symbol with a tier table or a maintenanceMarginRate",
      });
    }
  });

export type LiquidationInput = z.infer<typeof liquidationInputSchema>;

// ---------------------------------------------------------------- signals API (GET /signals, /signals/stats)

const SIGNAL_TIMEFRAMES = ["1m", "5m", "15m", "1h", "4h", "1d"] as const;

const symbolFilter = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,20}[-/][A-Z0-9]{2,20}$/, { error: 'symbol looks like "BTC-USDT"' })
  .transform((value) => value.replace("/", "-"));

const signalFilters = {
  symbol: symbolFilter.optional(),
  timeframe: z.enum(SIGNAL_TIMEFRAMES, { error: `timeframe is one of ${SIGNAL_TIMEFRAMES.join(", ")}` }).optional(),
  direction: z.enum(["buy", "sell"], { error: "direction is buy or sell" }).optional(),
  source: z.enum(["live", "history"], { error: "source is live or history" }).optional(),
};

export const listSignalsQuerySchema = z.object({
  status: z.enum(["active", "closed"], { error: "status is active or closed" }).default("active"),
  ...signalFilters,
  page: z.coerce.number({ error: "page must be a number" }).int().min(1, { error: "page starts at 1" }).default(1),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(100, { error: "limit is at most 100" }).default(20),
});
export type ListSignalsQuery = z.infer<typeof listSignalsQuerySchema>;

export const lockedSignalsQuerySchema = z.object({
  status: z.enum(["active", "closed"], { error: "status is active or closed" }).default("active"),
  ...signalFilters,
});
export type LockedSignalsQuery = z.infer<typeof lockedSignalsQuerySchema>;

export const signalStatsQuerySchema = z.object({
  symbol: signalFilters.symbol,
  timeframe: signalFilters.timeframe,
  source: signalFilters.source,
});
export type SignalStatsQuery = z.infer<typeof signalStatsQuerySchema>;

export const signalParamsSchema = z.object({ signalId: z.uuid({ error: "Not a signal id." }) });

/** A signal as the API and the stream send it; prices are decimal strings, times ISO-8601. */
export type SignalView = {
  id: string;
  exchange: string;
  symbol: string;
  timeframe: string;
  direction: "buy" | "sell";
  status: "active" | "closed";
  entry: string;
  stopLoss: string;
  tp1: string;
  tp2: string;
  tp3: string;
  confidence: number;
  minTier: "free" | "pro" | "premium" | "vip";
  triggers: { name: string; value: number; detail?: string }[];
  /** live: generated at the candle close; history: computed afterwards from past candles (backfill). */
  source: "live" | "history";
  recordedAt: string;
  outcome: "tp1" | "tp2" | "tp3" | "stop" | "expired" | null;
  resultR: number | null;
  resultPct: number | null;
  exitPrice: string | null;
  tp1HitAt: string | null;
  tp2HitAt: string | null;
  tp3HitAt: string | null;
  expiresAt: string;
  closedAt: string | null;
  createdAt: string;
  /** When the viewer's tier may see it (createdAt + the tier's delay); absent on stream events. */
  visibleAt?: string;
};
