"use client";

import { useEffect, useRef, useState } from "react";

import { CandleChart, type CandlePoint } from "@/components/charts/candle-chart";
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from "@/lib/exchanges/types";
import { cn } from "@/lib/utils";

import { priceDecimals } from "./format";
import { applyTick, parseCandles, volumeDeltaOf } from "./live-candles";
import { useTickerListener } from "./use-market-stream";
import { fetchApiData } from "./use-polling";

const CANDLE_LIMIT = 300;
// After a candle closes, the server's copy (exact volume) replaces the live estimate after this delay.
const CLOSE_REFRESH_DELAY_MS = 3_000;

type Series = { timeframe: Timeframe; candles: readonly CandlePoint[]; revision: number };

type MarketChartProps = {
  symbol: string;
  initialTimeframe: Timeframe;
  initialCandles: readonly CandlePoint[];
};

function candlesUrl(symbol: string, timeframe: Timeframe): string {
  return `/api/v1/market/candles/${symbol}?timeframe=${timeframe}&limit=${CANDLE_LIMIT}`;
}

/** Candles and volume for one pair: timeframe switch, and the last candle following the live ticker. */
export function MarketChart({ symbol, initialTimeframe, initialCandles }: MarketChartProps) {
  const [series, setSeries] = useState<Series>({ timeframe: initialTimeframe, candles: initialCandles, revision: 0 });
  const [pending, setPending] = useState<Timeframe | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requestRef = useRef<AbortController | null>(null);
  const refreshTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastVolumeRef = useRef<number | null>(null);

  useEffect(
    () => () => {
      requestRef.current?.abort();
      clearTimeout(refreshTimerRef.current);
    },
    [],
  );

  async function load(timeframe: Timeframe, { isQuiet }: { isQuiet: boolean }) {
    // A background refresh never replaces a load the user asked for.
    if (isQuiet && requestRef.current) return;
    requestRef.current?.abort();
    const controller = new AbortController();
    requestRef.current = controller;
    if (!isQuiet) {
      setPending(timeframe);
      setError(null);
    }
    try {
      const candles = parseCandles(await fetchApiData(candlesUrl(symbol, timeframe), controller.signal));
      if (!candles) throw new Error("The server sent malformed candles.");
      setSeries((current) => ({ timeframe, candles, revision: current.revision + 1 }));
      setError(null);
    } catch (cause) {
      if (controller.signal.aborted) return;
      if (!isQuiet) setError(cause instanceof Error ? cause.message : "Could not load candles.");
    } finally {
      if (requestRef.current === controller) {
        requestRef.current = null;
        setPending(null);
      }
    }
  }

  function selectTimeframe(timeframe: Timeframe) {
    if (timeframe === (pending ?? series.timeframe)) return;
    clearTimeout(refreshTimerRef.current);
    // Keeps the choice on reload and in shared links without a navigation.
    const url = new URL(window.location.href);
    url.searchParams.set("tf", timeframe);
    window.history.replaceState(window.history.state, "", url);
    void load(timeframe, { isQuiet: false });
  }

  useTickerListener(symbol, (ticker) => {
    const tick = { price: ticker.last, timestamp: ticker.timestamp, volumeDelta: volumeDeltaOf(lastVolumeRef.current, ticker.volume24h) };
    lastVolumeRef.current = ticker.volume24h;
    const bucketMs = TIMEFRAME_MS[series.timeframe];
    const lastOpen = series.candles.at(-1)?.time;
    if (!pending && lastOpen !== undefined && Math.floor(tick.timestamp / bucketMs) * bucketMs > lastOpen) {
      const timeframe = series.timeframe;
      clearTimeout(refreshTimerRef.current);
      refreshTimerRef.current = setTimeout(() => void load(timeframe, { isQuiet: true }), CLOSE_REFRESH_DELAY_MS);
    }
    setSeries((current) => {
      const candles = applyTick(current.candles, tick, TIMEFRAME_MS[current.timeframe]);
      return candles === current.candles ? current : { ...current, candles };
    });
  });

  const shownTimeframe = pending ?? series.timeframe;
  const lastClose = series.candles.at(-1)?.close ?? 0;

  return (
    <section aria-labelledby="chart-heading" className="flex flex-col gap-3 rounded-lg border p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="chart-heading" className="text-sm font-semibold">
          Price chart
        </h2>
        <div role="group" aria-label="Timeframe" className="inline-flex flex-wrap rounded-md border p-0.5">
          {TIMEFRAMES.map((timeframe) => (
            <button
              key={timeframe}
              type="button"
              aria-pressed={shownTimeframe === timeframe}
              aria-label={`${timeframe} candles`}
              onClick={() => selectTimeframe(timeframe)}
              data-testid={`timeframe-${timeframe}`}
              className={cn(
                "rounded-sm px-2.5 py-1 text-xs font-medium transition-colors focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden",
                shownTimeframe === timeframe ? "bg-secondary text-secondary-foreground" : "text-muted-foreground hover:text-foreground",
              )}
            >
              {timeframe}
            </button>
          ))}
        </div>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive" data-testid="chart-error">
          {error}
        </p>
      ) : null}
      <div aria-busy={pending !== null} data-timeframe={series.timeframe} data-testid="candle-chart-frame" className={cn("transition-opacity", pending && "opacity-60")}>
        <CandleChart
          candles={series.candles}
          revision={series.revision}
          viewKey={`${symbol}:${series.timeframe}`}
          precision={priceDecimals(lastClose)}
          label={`Candlestick chart of ${symbol}, ${series.timeframe} candles with volume; times in your local time zone`}
        />
      </div>
    </section>
  );
}
