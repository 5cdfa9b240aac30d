import { describe, expect, test } from "vitest";
import { TIER_LIMITS } from "@/lib/tiers";
import { TIER_ROWS } from "./tier-rows";

const row = (id: string) => TIER_ROWS.find((r) => r.id === id)!;

describe("TIER_ROWS", () => {
  test("covers every limit of TIER_LIMITS", () => {
    expect(TIER_ROWS.map((r) => r.id).sort()).toEqual(Object.keys(TIER_LIMITS.free).filter((key) => key !== "label").sort());
  });

  test.each([
    ["signalDelayMinutes", "free", "30-minute delay"],
    ["signalDelayMinutes", "premium", "Real time"],
    ["aiDailyQuota", "free", "Not included"],
    ["aiDailyQuota", "vip", "1,000 a day"],
    ["liveTrading", "free", "Paper only"],
    ["liveTrading", "pro", "Yes"],
    ["maxAlerts", "vip", "2,000"],
    ["maxPortfolios", "free", "3"],
    ["maxRobots", "premium", "10"],
  ] as const)("%s for %s reads %j", (id, tier, text) => {
    expect(row(id).format(TIER_LIMITS[tier])).toBe(text);
  });
});
