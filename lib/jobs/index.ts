import "server-only";
import { retestAllExchangeKeys } from "@/lib/exchanges/monitor";
import { syncAllExchangeKeys } from "@/lib/exchanges/sync";
import { snapshotAllPortfolios } from "@/lib/portfolio/snapshots";
import type { Job } from "./scheduler";

const MINUTE = 60_000;

// Every scheduled job of the app. Each runs once per interval across all instances.
export const jobs: readonly Job[] = [
  { name: "exchange-keys.retest", intervalMs: 24 * 60 * MINUTE, run: () => retestAllExchangeKeys() },
  { name: "exchange-keys.sync", intervalMs: 15 * MINUTE, run: () => syncAllExchangeKeys() },
  // Just before midnight UTC, so each day's snapshot holds that day's closing value.
  { name: "portfolio.snapshots", intervalMs: 24 * 60 * MINUTE, offsetMs: -5 * MINUTE, run: ({ now }) => snapshotAllPortfolios(now) },
];
