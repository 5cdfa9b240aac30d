import { z } from "zod";

// Input schemas of the robot and the trade journal (browser-safe: the forms import them too).
// Percentages are percent numbers (2.5 = 2.5 %); prices and quantities are decimal strings.

const DECIMAL = /^\d{1,20}(\.\d{1,18})?$/;

function toDecimalString(value: unknown): unknown {
  if (typeof value !== "number" || !Number.isFinite(value)) return value;
  const text = String(value);
  return text.includes("e") ? value.toFixed(18).replace(/\.?0+$/, "") : text;
}

export const decimalString = (label: string, { allowZero = false } = {}) =>
  z.preprocess(
    toDecimalString,
    z
      .string({ error: `${label} must be a decimal number like 12.5` })
      .trim()
      .regex(DECIMAL, { error: `${label} must be a decimal number like 12.5 (no sign, no exponent).`, abort: true })
      .refine((value) => allowZero || Number(value) > 0, { error: `${label} must be greater than zero.` }),
  );

const percent = (label: string, min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
    z
      .number({ error: `${label} must be a number.` })
      .min(min, { error: `${label} must be at least ${min} %.` })
      .max(max, { error: `${label} must be at most ${max} %.` }),
  );

const wholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
    z
      .number({ error: `${label} must be a whole number from ${min} to ${max}.` })
      .int({ error: `${label} must be a whole number from ${min} to ${max}.` })
      .min(min, { error: `${label} must be at least ${min}.` })
      .max(max, { error: `${label} must be at most ${max}.` }),
  );

/** "BTC-USDT", "btc/usdt" → "BTC-USDT" (the path form used everywhere in the API). */
export const pairSymbolSchema = z
  .string({ error: 'Enter a pair like "BTC-USDT".' })
  .trim()
  .toUpperCase()
  .transform((value) => value.replace("/", "-"))
  .pipe(z.string().regex(/^[A-Z0-9]{2,20}-[A-Z0-9]{2,10}$/, { error: 'Enter a pair like "BTC-USDT".' }));

export const ROBOT_MODES = ["paper", "live"] as const;
export type RobotMode = (typeof ROBOT_MODES)[number];

export const robotConfigInputSchema = z
  .object({
    symbol: pairSymbolSchema,
    mode: z.enum(ROBOT_MODES, { error: "mode must be paper or live." }).default("paper"),
    /** The exchange key a live robot trades with; ignored in paper mode. */
    exchangeKeyId: z.uuid({ error: "exchangeKeyId must be the id of one of your exchange keys." }).nullable().optional(),
    leverage: wholeNumber("Leverage", 1, 125).default(1),
    balancePct: percent("Balance per trade", 1, 100),
    takeProfitPct: percent("Take profit", 0.1, 1000),
    stopLossPct: percent("Stop loss", 0.1, 100),
    minConfidence: wholeNumber("Minimum confidence", 0, 100).default(60),
    autoTrade: z.boolean({ error: "autoTrade must be true or false." }).default(false),
    /** Sets the paper wallet of this symbol (USDT); only while no paper position is open. */
    paperBalance: decimalString("Paper balance")
      .refine((value) => Number(value) >= 10 && Number(value) <= 100_000_000, { error: "Paper balance must be between 10 and 100,000,000 USDT." })
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.mode === "live" && !input.exchangeKeyId) {
      ctx.addIssue({ code: "custom", path: ["exchangeKeyId"], message: "Live mode trades with one of your exchange keys: choose one." });
    }
    if (input.mode === "live" && input.leverage !== 1) {
      ctx.addIssue({ code: "custom", path: ["leverage"], message: "Live trading runs on the spot market: leverage must be 1." });
    }
    if (input.mode === "paper" && input.leverage > 1 && input.leverage <= 125 && input.stopLossPct >= 100 / input.leverage) {
      ctx.addIssue({
        code: "custom",
        path: ["stopLossPct"],
        message: `At ${input.leverage}× the position is liquidated after a ${(100 / input.leverage).toFixed(2)} % move: set the stop loss below that.`,
      });
    }
  });

export type RobotConfigInput = z.infer<typeof robotConfigInputSchema>;

export const robotConfigQuerySchema = z.object({ symbol: pairSymbolSchema.optional() });

export const robotStartSchema = z.object({
  /** One symbol's robot; all of the caller's robots when omitted. */
  symbol: pairSymbolSchema.optional(),
});

export const robotStopSchema = z.object({
  /** One symbol's robot; every running robot (the kill switch) when omitted. */
  symbol: pairSymbolSchema.optional(),
  /** Close the robots' open positions at market (default) or leave them open. */
  closePositions: z.boolean({ error: "closePositions must be true or false." }).default(true),
});

export const robotEventsQuerySchema = z.object({
  symbol: pairSymbolSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const TRADE_SIDES = ["long", "short"] as const;
export const TRADE_STATUSES = ["open", "closed", "cancelled"] as const;
export const TRADE_SOURCES = ["robot", "manual"] as const;

const tagsSchema = z
  .array(z.string().trim().min(1, { error: "A tag cannot be empty." }).max(30, { error: "A tag has at most 30 characters." }), { error: "tags must be a list of words." })
  .max(10, { error: "Use at most 10 tags." })
  .transform((tags) => [...new Set(tags.map((tag) => tag.toLowerCase()))]);

const notesSchema = z.string().trim().max(2000, { error: "Notes have at most 2000 characters." });

const notInFuture = (date: Date) => date.getTime() <= Date.now() + 5 * 60_000;

export const createTradeSchema = z
  .object({
    symbol: pairSymbolSchema,
    side: z.enum(TRADE_SIDES, { error: "side must be long or short." }),
    entryPrice: decimalString("Entry price"),
    exitPrice: decimalString("Exit price").nullable().optional(),
    quantity: decimalString("Size"),
    leverage: wholeNumber("Leverage", 1, 125).default(1),
    fees: decimalString("Fees", { allowZero: true }).default("0"),
    openedAt: z.coerce.date({ error: "openedAt must be a date." }).optional(),
    closedAt: z.coerce.date({ error: "closedAt must be a date." }).nullable().optional(),
    notes: notesSchema.nullable().optional(),
    tags: tagsSchema.default([]),
  })
  .superRefine((input, ctx) => {
    if (input.openedAt && !notInFuture(input.openedAt)) ctx.addIssue({ code: "custom", path: ["openedAt"], message: "The opening date is in the future." });
    if (input.closedAt && !notInFuture(input.closedAt)) ctx.addIssue({ code: "custom", path: ["closedAt"], message: "The closing date is in the future." });
    if (input.closedAt && !input.exitPrice) ctx.addIssue({ code: "custom", path: ["exitPrice"], message: "A closed trade needs its exit price." });
    if (input.closedAt && input.openedAt && input.closedAt < input.openedAt) {
      ctx.addIssue({ code: "custom", path: ["closedAt"], message: "The trade cannot close before it opened." });
    }
  });

export type CreateTradeInput = z.infer<typeof createTradeSchema>;

export const updateTradeSchema = z
  .object({
    /** Closes an open trade at this price (a manual trade; robot trades close through the robot). */
    exitPrice: decimalString("Exit price").optional(),
    closedAt: z.coerce.date({ error: "closedAt must be a date." }).optional(),
    fees: decimalString("Fees", { allowZero: true }).optional(),
    notes: notesSchema.nullable().optional(),
    tags: tagsSchema.optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { error: "Nothing to update." })
  .refine((value) => !value.closedAt || notInFuture(value.closedAt), { error: "The closing date is in the future.", path: ["closedAt"] })
  .refine((value) => !value.closedAt || value.exitPrice !== undefined, { error: "Give the exit price with the closing date.", path: ["exitPrice"] });

export type UpdateTradeInput = z.infer<typeof updateTradeSchema>;

const tradeFilters = {
  symbol: pairSymbolSchema.optional(),
  source: z.enum(TRADE_SOURCES, { error: "source must be robot or manual." }).optional(),
  mode: z.enum(ROBOT_MODES, { error: "mode must be paper or live." }).optional(),
  from: z.coerce.date({ error: "from must be a date." }).optional(),
  to: z.coerce.date({ error: "to must be a date." }).optional(),
};

export const tradeListQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    status: z.enum(TRADE_STATUSES, { error: "status must be open, closed or cancelled." }).optional(),
    ...tradeFilters,
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, { error: "from must be before to.", path: ["to"] });

export type TradeListQuery = z.infer<typeof tradeListQuerySchema>;

export const tradeStatsQuerySchema = z
  .object(tradeFilters)
  .refine((value) => !value.from || !value.to || value.from <= value.to, { error: "from must be before to.", path: ["to"] });

export type TradeStatsQuery = z.infer<typeof tradeStatsQuerySchema>;
