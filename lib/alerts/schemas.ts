import { z } from "zod";
import { paginationQuerySchema } from "@/lib/api/pagination";

// Inputs of the alert routes and forms. Browser-safe.
//
// Thresholds: price_above / price_below take a price in the quote currency (decimal string);
// pct_move takes a percentage (3 = 3 %) reached within windowMinutes; signal and pump take none.

export const ALERT_TYPES = ["price_above", "price_below", "pct_move", "signal", "pump"] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export const ALERT_STATUSES = ["active", "paused", "triggered"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_TYPE_LABELS: Record<AlertType, string> = {
  price_above: "Price crosses above",
  price_below: "Price crosses below",
  pct_move: "Moves by % within a window",
  signal: "New trading signal",
  pump: "Pump or dump detected",
};

export const MAX_PCT_MOVE = 1000;
export const MAX_WINDOW_MINUTES = 1440;
export const MAX_COOLDOWN_MINUTES = 7 * 24 * 60;
export const DEFAULT_COOLDOWN_MINUTES = 60;

const POSITIVE_DECIMAL = /^(?=.*[1-9])\d{1,20}(\.\d{1,18})?$/;

// JSON numbers become plain decimal strings (String(1e-7) would be "1e-7", which the pattern refuses).
function toDecimalString(value: unknown): unknown {
  if (typeof value !== "number" || !Number.isFinite(value)) return value;
  const text = String(value);
  return text.includes("e") ? value.toFixed(18).replace(/\.?0+$/, "") : text;
}

const thresholdSchema = z.preprocess(
  (value) => (value === "" ? undefined : toDecimalString(value)),
  z
    .string({ error: 'threshold must be a decimal number greater than 0, like "65000" or "2.5"' })
    .trim()
    .regex(POSITIVE_DECIMAL, { error: 'threshold must be a decimal number greater than 0, like "65000" or "2.5"' })
    .nullish(),
);

const wholeNumber = (field: string, min: number, max: number) =>
  z.preprocess(
    (value) => (value === "" ? undefined : typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value),
    z
      .number({ error: `${field} must be a whole number from ${min} to ${max}` })
      .int({ error: `${field} must be a whole number from ${min} to ${max}` })
      .min(min, { error: `${field} must be at least ${min}` })
      .max(max, { error: `${field} must be at most ${max}` }),
  );

const flag = z.preprocess((value) => (value === "on" || value === "true" ? true : value === "false" ? false : value), z.boolean());

const symbolSchema = z
  .string({ error: 'symbol is required, like "BTC-USDT"' })
  .trim()
  .min(3, { error: 'symbol looks like "BTC-USDT"' })
  .max(41, { error: 'symbol looks like "BTC-USDT"' })
  .regex(/^[A-Za-z0-9]{1,20}[-/][A-Za-z0-9]{1,20}$/, { error: 'symbol looks like "BTC-USDT"' });

const noteSchema = z.string().trim().max(200, { error: "note is at most 200 characters" }).nullish();

type TypeFields = { type: AlertType; threshold?: string | null; windowMinutes?: number | null };

/** The type-dependent rules, shared by create and by update (on the merged result). */
export function checkAlertFields(input: TypeFields, addIssue: (path: string, message: string) => void): void {
  const hasThreshold = input.threshold !== undefined && input.threshold !== null;
  const hasWindow = input.windowMinutes !== undefined && input.windowMinutes !== null;
  if (input.type === "price_above" || input.type === "price_below") {
    if (!hasThreshold) addIssue("threshold", "threshold (the price to cross) is required for a price alert");
    if (hasWindow) addIssue("windowMinutes", "windowMinutes only applies to pct_move alerts");
  } else if (input.type === "pct_move") {
    if (!hasThreshold) addIssue("threshold", "threshold (the % move, 3 = 3 %) is required for a pct_move alert");
    else if (Number(input.threshold) > MAX_PCT_MOVE) addIssue("threshold", `threshold is a percentage and must be at most ${MAX_PCT_MOVE}`);
    if (!hasWindow) addIssue("windowMinutes", `windowMinutes (1 to ${MAX_WINDOW_MINUTES}) is required for a pct_move alert`);
  } else {
    if (hasThreshold) addIssue("threshold", `a ${input.type} alert takes no threshold`);
    if (hasWindow) addIssue("windowMinutes", "windowMinutes only applies to pct_move alerts");
  }
}

export const createAlertSchema = z
  .object({
    type: z.enum(ALERT_TYPES, { error: `type must be one of ${ALERT_TYPES.join(", ")}` }),
    symbol: symbolSchema,
    threshold: thresholdSchema,
    windowMinutes: wholeNumber("windowMinutes", 1, MAX_WINDOW_MINUTES).nullish(),
    isRepeating: flag.default(false),
    cooldownMinutes: wholeNumber("cooldownMinutes", 1, MAX_COOLDOWN_MINUTES).default(DEFAULT_COOLDOWN_MINUTES),
    notifyEmail: flag.default(false),
    notifyPush: flag.default(false),
    note: noteSchema,
  })
  .superRefine((input, ctx) => checkAlertFields(input, (path, message) => ctx.addIssue({ code: "custom", path: [path], message })));

export type CreateAlertInput = z.infer<typeof createAlertSchema>;

/** PATCH: any editable field; status pauses (paused) or resumes / re-arms (active). The type is fixed. */
export const updateAlertSchema = z
  .object({
    threshold: thresholdSchema,
    windowMinutes: wholeNumber("windowMinutes", 1, MAX_WINDOW_MINUTES).nullish(),
    isRepeating: flag.optional(),
    cooldownMinutes: wholeNumber("cooldownMinutes", 1, MAX_COOLDOWN_MINUTES).optional(),
    notifyEmail: flag.optional(),
    notifyPush: flag.optional(),
    note: noteSchema,
    status: z.enum(["active", "paused"], { error: "status must be active or paused" }).optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), { error: "Nothing to change" });

export type UpdateAlertInput = z.infer<typeof updateAlertSchema>;

export const listAlertsQuerySchema = paginationQuerySchema.extend({
  status: z.enum(ALERT_STATUSES, { error: `status must be one of ${ALERT_STATUSES.join(", ")}` }).optional(),
  symbol: symbolSchema.optional(),
});

export type ListAlertsQuery = z.infer<typeof listAlertsQuerySchema>;

export const alertParamsSchema = z.object({ alertId: z.uuid({ error: "Not an alert id." }) });

/** What the API and the pages show of an alert. Prices and thresholds as decimal strings. */
export type AlertView = {
  id: string;
  type: AlertType;
  symbol: string;
  threshold: string | null;
  windowMinutes: number | null;
  isRepeating: boolean;
  cooldownMinutes: number;
  notifyEmail: boolean;
  notifyPush: boolean;
  status: AlertStatus;
  note: string | null;
  lastTriggeredAt: string | null;
  triggerCount: number;
  createdAt: string;
  updatedAt: string;
};
