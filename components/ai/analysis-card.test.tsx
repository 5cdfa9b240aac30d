import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import type { AnalysisView } from "@/lib/ai/schemas";
import { AnalysisCard } from "./analysis-card";
import { AiUpgradeCard } from "./upgrade-card";

const analysis: AnalysisView = {
  symbol: "BTC-USDT",
  price: "92858.35",
  summary: "Offline analyst: no AI model is configured. BTC-USDT trades at 92,858.35.",
  trend: { direction: "sideways", strength: "strong" },
  supportLevels: [{ price: "92553.4", reason: "1d swing low (5 touches)" }],
  resistanceLevels: [],
  risks: ["Price sits just above support."],
  stance: "neutral",
  confidence: 60,
  indicators: { "1h": null, "1d": null },
  source: "offline",
  model: null,
  generatedAt: "2026-11-22T20:42:55.092Z",
  cached: true,
  expiresAt: "2026-11-22T20:47:55.092Z",
  quota: { limit: 50, used: 1, remaining: 49, resetsAt: "2026-11-23T00:00:00.000Z" },
  disclaimer: "Not financial advice.",
};

describe("AnalysisCard", () => {
  test("renders stance, source, cache state, levels and risks", () => {
    const html = renderToStaticMarkup(<AnalysisCard analysis={analysis} />);
    expect(html).toContain('data-source="offline"');
    expect(html).toContain('data-cached="true"');
    expect(html).toMatch(/data-testid="ai-stance"[^>]*>neutral</);
    expect(html).toMatch(/data-testid="ai-source"[^>]*>Offline analyst</);
    expect(html).toContain("from cache, refreshes after");
    expect(html).toContain("92,553.4");
    expect(html).toContain("None nearby.");
    expect(html).toContain("Price sits just above support.");
    expect(html).toContain('aria-valuenow="60"');
  });

  test("names the model when the answer came from one", () => {
    const html = renderToStaticMarkup(<AnalysisCard analysis={{ ...analysis, source: "model", model: "gpt-4o-mini", cached: false, stance: "bullish" }} />);
    expect(html).toMatch(/data-testid="ai-source"[^>]*>Model: gpt-4o-mini</);
    expect(html).toContain(" · fresh");
  });
});

describe("AiUpgradeCard", () => {
  test("tells a free user which plans include the analyst", () => {
    const html = renderToStaticMarkup(<AiUpgradeCard currentLabel="Free" tiers={[{ tier: "pro", label: "Pro", aiDailyQuota: 50 }]} />);
    expect(html).toContain("not part of the Free plan");
    expect(html).toContain("50 AI requests a day");
  });
});
