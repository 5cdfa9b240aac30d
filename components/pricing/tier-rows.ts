import type { TierLimits } from "@/lib/tiers";

export type TierRow = { id: keyof Omit<TierLimits, "label">; label: string; hint: string; format: (limits: TierLimits) => string };

const count = (value: number) => value.toLocaleString("en-US");

// The rows of the plan comparison, in the order a trader reads them. Built from TIER_LIMITS only.
export const TIER_ROWS: readonly TierRow[] = [
  {
    id: "signalDelayMinutes",
    label: "Trading signals",
    hint: "When a new signal becomes visible to you",
    format: (limits) => (limits.signalDelayMinutes === 0 ? "Real time" : `${count(limits.signalDelayMinutes)}-minute delay`),
  },
  {
    id: "aiDailyQuota",
    label: "AI analyst",
    hint: "Analyses and chat messages per UTC day",
    format: (limits) => (limits.aiDailyQuota === 0 ? "Not included" : `${count(limits.aiDailyQuota)} a day`),
  },
  { id: "maxRobots", label: "Trading robots", hint: "Robot configurations, one per symbol", format: (limits) => count(limits.maxRobots) },
  { id: "liveTrading", label: "Live trading", hint: "Robots may place real orders (otherwise paper only)", format: (limits) => (limits.liveTrading ? "Yes" : "Paper only") },
  { id: "maxAlerts", label: "Price alerts", hint: "Active, paused or triggered alerts", format: (limits) => count(limits.maxAlerts) },
  { id: "maxPortfolios", label: "Portfolios", hint: "Portfolios you own (shared ones not counted)", format: (limits) => count(limits.maxPortfolios) },
];
