"use client";

import { CandleChart, type CandlePoint, type ChartPriceLine } from "@/components/charts/candle-chart";
import { priceDecimals } from "@/components/market/format";
import type { SignalView } from "@/lib/signals/schemas";

/** The signal's candles with its entry, stop and three targets drawn as price lines. */
export function SignalChart({ signal, candles }: { signal: SignalView; candles: CandlePoint[] }) {
  const lines: ChartPriceLine[] = [
    { price: Number(signal.entry), title: "Entry", tone: "neutral" },
    { price: Number(signal.stopLoss), title: "Stop", tone: "down" },
    { price: Number(signal.tp1), title: "TP1", tone: "up" },
    { price: Number(signal.tp2), title: "TP2", tone: "up" },
    { price: Number(signal.tp3), title: "TP3", tone: "up" },
  ];
  return (
    <CandleChart
      candles={candles}
      revision={0}
      viewKey={signal.id}
      precision={priceDecimals(Number(signal.entry))}
      priceLines={lines}
      label={`${signal.symbol} ${signal.timeframe} candles around the ${signal.direction} signal: entry ${signal.entry}, stop ${signal.stopLoss}, targets ${signal.tp1}, ${signal.tp2}, ${signal.tp3}`}
      className="h-[360px] sm:h-[440px]"
    />
  );
}
