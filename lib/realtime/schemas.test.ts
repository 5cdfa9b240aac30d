import { expect, test } from "vitest";
import { streamQuerySchema } from "./schemas";

test.each([
  [{}, ["tickers", "signals", "pumps", "notifications"]],
  [{ channels: "" }, ["tickers", "signals", "pumps", "notifications"]],
  [{ channels: "tickers" }, ["tickers"]],
  [{ channels: " signals , tickers,signals " }, ["signals", "tickers"]],
  [{ channels: "tickers,orders" }, null],
  [{ channels: "," }, null],
  [{ channels: "TICKERS" }, null],
])("channels %j", (query, want) => {
  const parsed = streamQuerySchema.safeParse(query);
  if (want === null) expect(parsed.success).toBe(false);
  else expect(parsed.success && parsed.data.channels).toEqual(want);
});
