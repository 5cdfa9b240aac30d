import { z } from "zod";
import { paginationQuerySchema } from "@/lib/api/pagination";

// GET /api/v1/pumps query. Browser-safe: the pumps page and the API share it.

export const PUMP_DIRECTIONS = ["pump", "dump"] as const;
export const PUMP_STATUSES = ["active", "faded"] as const;

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const listPumpsQuerySchema = paginationQuerySchema.extend({
  symbol: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{1,20}[-/][A-Z0-9]{1,20}$/, { error: 'symbol looks like "BTC-USDT"' })
      .transform((value) => value.replace("/", "-"))
      .optional(),
  ),
  status: z.preprocess(emptyToUndefined, z.enum(PUMP_STATUSES, { error: "status must be active or faded" }).optional()),
  direction: z.preprocess(emptyToUndefined, z.enum(PUMP_DIRECTIONS, { error: "direction must be pump or dump" }).optional()),
});

export type ListPumpsQuery = z.infer<typeof listPumpsQuerySchema>;

/** A pump or dump as the API, the stream (`event: pump`) and the page show it. Prices are decimal strings. */
export type PumpView = {
  id: string;
  exchange: string;
  symbol: string;
  direction: (typeof PUMP_DIRECTIONS)[number];
  status: (typeof PUMP_STATUSES)[number];
  /** Size of the move in %, start to peak, positive for pumps and dumps alike. */
  changePct: number;
  /** Minutes from the start of the move to its detection. */
  windowMinutes: number;
  /** Volume z-score at detection (0 when the exchange reports no volume). */
  volumeZ: number;
  startPrice: string;
  /** Highest price of a pump, lowest of a dump. */
  peakPrice: string;
  detectedAt: string;
  fadedAt: string | null;
  createdAt: string;
  updatedAt: string;
};
