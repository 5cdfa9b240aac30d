"use client";

import { useEffect, useRef } from "react";
import {
  CandlestickSeries,
  ColorType,
  createChart,
  CrosshairMode,
  HistogramSeries,
  LineStyle,
  type CandlestickData,
  type HistogramData,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type UTCTimestamp,
} from "lightweight-charts";
import { useTheme } from "next-themes";

import { cn } from "@/lib/utils";

/** One candle; `time` is its open time in ms since epoch. */
export type CandlePoint = { time: number; open: number; high: number; low: number; close: number; volume: number };

/** A horizontal level drawn across the chart with its label on the price axis (e.g. a signal's stop). */
export type ChartPriceLine = { price: number; title: string; tone: "neutral" | "up" | "down" };

type CandleChartProps = {
  /** Oldest first, strictly ascending `time`. */
  candles: readonly CandlePoint[];
  /**
   * Bumped whenever `candles` is a new series (a fetch); between bumps only the last candle may change
   * or one may be appended, which the chart applies as a cheap update.
   */
  revision: number;
  /** A change resets the view to the latest candles (another symbol or timeframe). */
  viewKey: string;
  /** Decimals of the price axis. */
  precision: number;
  /** Spoken summary of the chart. */
  label: string;
  /** Optional levels drawn as horizontal price lines. */
  priceLines?: readonly ChartPriceLine[];
  className?: string;
};

type Series = {
  chart: IChartApi;
  candles: ISeriesApi<"Candlestick">;
  volume: ISeriesApi<"Histogram">;
};

const VISIBLE_BARS = 150;

// The chart draws with the theme's palette from globals.css, read when the theme changes.
function readPalette() {
  const style = getComputedStyle(document.documentElement);
  const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: color("--muted-foreground", "#64748b"),
    border: color("--border", "#e2e8f0"),
    up: color("--up", "#047857"),
    down: color("--down", "#c81e1e"),
  };
}

function withAlpha(hex: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return hex;
  const [, r = "0", g = "0", b = "0"] = match;
  return `rgba(${parseInt(r, 16)}, ${parseInt(g, 16)}, ${parseInt(b, 16)}, ${alpha})`;
}

// The chart labels its axis in UTC; shifting by the offset of each candle shows the viewer's local time.
function toChartTime(timeMs: number): UTCTimestamp {
  const offsetMs = new Date(timeMs).getTimezoneOffset() * 60_000;
  return Math.floor((timeMs - offsetMs) / 1000) as UTCTimestamp;
}

function toBar(candle: CandlePoint): CandlestickData<UTCTimestamp> {
  return { time: toChartTime(candle.time), open: candle.open, high: candle.high, low: candle.low, close: candle.close };
}

function toVolumeBar(candle: CandlePoint, palette: { up: string; down: string }): HistogramData<UTCTimestamp> {
  return {
    time: toChartTime(candle.time),
    value: candle.volume,
    color: withAlpha(candle.close >= candle.open ? palette.up : palette.down, 0.35),
  };
}

export function CandleChart({ candles, revision, viewKey, precision, label, priceLines, className }: CandleChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const seriesRef = useRef<Series | null>(null);
  const paletteRef = useRef<ReturnType<typeof readPalette> | null>(null);
  const drawnRef = useRef<{ revision: number; viewKey: string } | null>(null);
  const candlesRef = useRef(candles);
  const drawnLinesRef = useRef<IPriceLine[]>([]);
  const { resolvedTheme } = useTheme();
  const linesKey = JSON.stringify(priceLines ?? []);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = createChart(container, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: "transparent" }, fontSize: 11 },
      crosshair: { mode: CrosshairMode.Normal },
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 3 },
      rightPriceScale: { scaleMargins: { top: 0.08, bottom: 0.25 } },
    });
    const candleSeries = chart.addSeries(CandlestickSeries, { borderVisible: false });
    const volumeSeries = chart.addSeries(HistogramSeries, {
      priceFormat: { type: "volume" },
      priceScaleId: "volume",
      lastValueVisible: false,
      priceLineVisible: false,
    });
    volumeSeries.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    seriesRef.current = { chart, candles: candleSeries, volume: volumeSeries };
    return () => {
      seriesRef.current = null;
      drawnRef.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const series = seriesRef.current;
    if (!series) return;
    series.candles.applyOptions({ priceFormat: { type: "price", precision, minMove: 1 / 10 ** precision } });
  }, [precision]);

  useEffect(() => {
    // next-themes switches the <html> class in its own effect, which runs after this one: read next frame.
    const frame = requestAnimationFrame(() => {
      const series = seriesRef.current;
      if (!series) return;
      const palette = readPalette();
      paletteRef.current = palette;
      series.chart.applyOptions({
        layout: { textColor: palette.text },
        grid: { vertLines: { color: withAlpha(palette.border, 0.6) }, horzLines: { color: withAlpha(palette.border, 0.6) } },
        rightPriceScale: { borderColor: palette.border },
        timeScale: { borderColor: palette.border },
      });
      series.candles.applyOptions({
        upColor: palette.up,
        downColor: palette.down,
        wickUpColor: palette.up,
        wickDownColor: palette.down,
      });
      series.volume.setData(candlesRef.current.map((candle) => toVolumeBar(candle, palette)));
    });
    return () => cancelAnimationFrame(frame);
  }, [resolvedTheme]);

  useEffect(() => {
    const series = seriesRef.current;
    const container = containerRef.current;
    if (!series || !container) return;
    const palette = paletteRef.current ?? readPalette();
    const drawn = drawnRef.current;
    const last = candles.at(-1);
    if (!drawn || drawn.revision !== revision || drawn.viewKey !== viewKey) {
      series.candles.setData(candles.map(toBar));
      series.volume.setData(candles.map((candle) => toVolumeBar(candle, palette)));
      if (!drawn || drawn.viewKey !== viewKey) {
        if (candles.length > VISIBLE_BARS) {
          series.chart.timeScale().setVisibleLogicalRange({ from: candles.length - VISIBLE_BARS, to: candles.length + 2 });
        } else {
          series.chart.timeScale().fitContent();
        }
      }
    } else if (last) {
      series.candles.update(toBar(last));
      series.volume.update(toVolumeBar(last, palette));
    }
    candlesRef.current = candles;
    drawnRef.current = { revision, viewKey };
    // Written after drawing (not rendered by React) so tests see what the chart holds, not what it was given.
    container.dataset.candles = String(candles.length);
  }, [candles, revision, viewKey]);

  useEffect(() => {
    const series = seriesRef.current;
    if (!series) return;
    const palette = paletteRef.current ?? readPalette();
    const lines = JSON.parse(linesKey) as ChartPriceLine[];
    drawnLinesRef.current = lines.map((line) =>
      series.candles.createPriceLine({
        price: line.price,
        title: line.title,
        color: line.tone === "up" ? palette.up : line.tone === "down" ? palette.down : palette.text,
        lineWidth: 1,
        lineStyle: line.tone === "neutral" ? LineStyle.Solid : LineStyle.Dashed,
        axisLabelVisible: true,
      }),
    );
    return () => {
      for (const line of drawnLinesRef.current) seriesRef.current?.candles.removePriceLine(line);
      drawnLinesRef.current = [];
    };
  }, [linesKey, resolvedTheme]);

  return (
    <div
      ref={containerRef}
      role="img"
      aria-label={label}
      data-testid="candle-chart"
      data-price-lines={priceLines?.length ?? 0}
      className={cn("relative h-[420px] w-full", className)}
    />
  );
}
