import { z } from "zod";
import { paginationQuerySchema } from "@/lib/api/pagination";

// GET /api/v1/news query and the item shape. Browser-safe.

export const listNewsQuerySchema = paginationQuerySchema.extend({
  symbol: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{1,20}[-/][A-Z0-9]{1,20}$/, { error: 'symbol looks like "BTC-USDT"' })
      .transform((value) => value.replace("/", "-"))
      .optional(),
  ),
});

export type ListNewsQuery = z.infer<typeof listNewsQuerySchema>;

export type NewsView = {
  id: string;
  source: string;
  title: string;
  summary: string | null;
  url: string;
  publishedAt: string;
  /** Tracked pairs the item mentions ("BTC-USDT"). */
  symbols: string[];
  /** Built-in sample shown when no feed is configured. */
  isSample: boolean;
};
