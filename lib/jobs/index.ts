import "server-only";
import { retestAllExchangeKeys } from "@/lib/exchanges/monitor";
import { syncAllExchangeKeys } from "@/lib/exchanges/sync";
import { refreshNews } from "@/lib/news/refresh";
import { snapshotAllPortfolios } from "@/lib/portfolio/snapshots";
import { monitorOpenTrades, processRecentSignals } from "@/lib/robot/executor";
import { checkActiveSignals, generateSignals } from "@/lib/signals/run";
import type { Job } from "./scheduler";

const MINUTE = 60_000;

// Every scheduled job of the app. Each runs once per interval across all instances.
export const jobs: readonly Job[] = [
  { name: "exchange-keys.retest", intervalMs: 24 * 60 * MINUTE, run: () => retestAllExchangeKeys() },
  { name: "exchange-keys.sync", intervalMs: 15 * MINUTE, run: () => syncAllExchangeKeys() },
  // Just before midnight UTC, so each day's snapshot holds that day's closing value.
  { name: "portfolio.snapshots", intervalMs: 24 * 60 * MINUTE, offsetMs: -5 * MINUTE, run: ({ now }) => snapshotAllPortfolios(now) },
  // The robot: signals missed while no instance listened, and TP/SL for positions between ticks.
  { name: "robot.signals", intervalMs: MINUTE, run: ({ now }) => processRecentSignals({ now }) },
  { name: "robot.monitor", intervalMs: MINUTE, run: ({ now }) => monitorOpenTrades({ now }) },
  // Signals: the generator acts in the minute a candle of a SIGNAL_TIMEFRAMES timeframe closed (the first
  // run per symbol also records the last days from history); the checker follows every active signal.
  { name: "signals.generate", intervalMs: MINUTE, run: ({ now }) => generateSignals({ now }) },
  { name: "signals.check", intervalMs: MINUTE, run: ({ now }) => checkActiveSignals({ now }) },
  // News feeds (NEWS_FEEDS), or the built-in sample when none is configured.
  { name: "news.refresh", intervalMs: 10 * MINUTE, run: ({ now }) => refreshNews({ now }) },
];
