import "server-only";
import { logger } from "@/lib/logger";
import { getCandles, type CandlePoint } from "@/lib/market/candles";
import { getSignalOrThrow } from "./queries";
import { TIMEFRAME_MS, type Timeframe } from "./rules";
import type { SignalView } from "./schemas";

// Bars shown before the signal, and after it until its close (plus a few) or now.
const BARS_BEFORE = 80;
const BARS_AFTER_CLOSE = 10;
const MAX_BARS = 400;

/** A visible signal with the candles of its timeframe around it, for the detail page's chart. */
export async function getSignalDetail({ tier, signalId, now = new Date() }: { tier: SignalView["minTier"]; signalId: string; now?: Date }): Promise<{
  signal: SignalView;
  candles: CandlePoint[];
  nowMs: number;
}> {
  const signal = await getSignalOrThrow({ tier, signalId, now });
  const nowMs = now.getTime();
  const timeframe = (Object.hasOwn(TIMEFRAME_MS, signal.timeframe) ? signal.timeframe : "15m") as Timeframe;
  const barMs = TIMEFRAME_MS[timeframe];
  const createdMs = Date.parse(signal.createdAt);
  const endMs = Math.min(nowMs, (signal.closedAt ? Date.parse(signal.closedAt) : nowMs) + BARS_AFTER_CLOSE * barMs);
  const limit = Math.min(MAX_BARS, BARS_BEFORE + Math.ceil((endMs - createdMs) / barMs) + 1);
  const candles = await getCandles({ symbol: signal.symbol, timeframe, limit, now: endMs }).catch((error: unknown) => {
    // The levels and result still show without a chart.
    logger.warn({ err: error, signalId }, "signal detail: candles unavailable");
    return [];
  });
  return { signal, candles, nowMs };
}
