import { z } from "zod";
import type { NewsView } from "@/lib/news/schemas";
import type { Expect, Jsonified, Same } from "../json";
import { dateTime, id } from "./common";

export const newsItemSchema = z.object({
  id: id(),
  source: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  url: z.string(),
  publishedAt: dateTime(),
  symbols: z.array(z.string()).meta({ description: 'Tracked pairs the item mentions ("BTC-USDT").' }),
  isSample: z.boolean().meta({ description: "The built-in sample shown when no feed is configured." }),
});

export type _Checks = [Expect<Same<z.output<typeof newsItemSchema>, Jsonified<NewsView>>>];
