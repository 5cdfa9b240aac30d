import { ArrowDownRight, ArrowRight, ArrowUpRight, ShieldAlert } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { AnalysisLevel, AnalysisView, IndicatorSnapshot } from "@/lib/ai/schemas";
import { cn } from "@/lib/utils";

const STANCE_VARIANT = { bullish: "up", bearish: "down", neutral: "secondary" } as const;
const TREND_ICON = { up: ArrowUpRight, down: ArrowDownRight, sideways: ArrowRight } as const;

function formatPrice(value: string): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  const decimals = value.includes(".") ? value.split(".")[1]!.length : 0;
  return number.toLocaleString("en-US", { minimumFractionDigits: Math.min(decimals, 2), maximumFractionDigits: decimals });
}

function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

function LevelList({ title, levels, side }: { title: string; levels: AnalysisLevel[]; side: "support" | "resistance" }) {
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <h3 className="text-sm font-medium">{title}</h3>
      {levels.length === 0 ? (
        <p className="text-sm text-muted-foreground">None nearby.</p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid={`ai-${side}-levels`}>
          {levels.map((level) => (
            <li key={`${level.price}-${level.reason}`} className="flex flex-col rounded-md border px-3 py-2" data-testid="ai-level">
              <span className={cn("font-medium tabular-nums", side === "support" ? "text-up" : "text-down")}>{formatPrice(level.price)}</span>
              <span className="text-xs text-muted-foreground">{level.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Indicators({ daily, hourly }: { daily: IndicatorSnapshot | null; hourly: IndicatorSnapshot | null }) {
  const items: [string, string | null][] = [
    ["RSI 1d", daily?.rsi14 == null ? null : daily.rsi14.toFixed(0)],
    ["RSI 1h", hourly?.rsi14 == null ? null : hourly.rsi14.toFixed(0)],
    ["EMA 50d", daily?.ema50 == null ? null : daily.ema50.toLocaleString("en-US", { maximumSignificantDigits: 6 })],
    ["EMA 200d", daily?.ema200 == null ? null : daily.ema200.toLocaleString("en-US", { maximumSignificantDigits: 6 })],
    ["ATR 1d", daily?.atrPct == null ? null : `${daily.atrPct.toFixed(1)} %`],
    ["MACD 1d", daily?.macdHistogram == null ? null : daily.macdHistogram > 0 ? "rising" : "falling"],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3" data-testid="ai-indicators">
      {items.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-2 border-b py-1">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="font-medium tabular-nums">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AnalysisCard({ analysis }: { analysis: AnalysisView }) {
  const TrendIcon = TREND_ICON[analysis.trend.direction];
  return (
    <Card data-testid="ai-analysis" data-source={analysis.source} data-cached={analysis.cached ? "true" : "false"}>
      <CardHeader className="gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle as="h2" className="text-lg">
            {analysis.symbol}
          </CardTitle>
          <span className="text-muted-foreground tabular-nums" data-testid="ai-price">
            {formatPrice(analysis.price)}
          </span>
          <Badge variant={STANCE_VARIANT[analysis.stance]} className="capitalize" data-testid="ai-stance">
            {analysis.stance}
          </Badge>
          <Badge variant={analysis.source === "offline" ? "warning" : "outline"} data-testid="ai-source">
            {analysis.source === "offline" ? "Offline analyst" : `Model: ${analysis.model ?? "AI"}`}
          </Badge>
        </div>
        <CardDescription data-testid="ai-generated-at">
          Made at {formatTime(analysis.generatedAt)}
          {analysis.cached ? ` · from cache, refreshes after ${formatTime(analysis.expiresAt)}` : " · fresh"}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-1">
            <span className="text-xs text-muted-foreground uppercase">Trend</span>
            <span className="flex items-center gap-1 font-medium capitalize" data-testid="ai-trend">
              <TrendIcon aria-hidden="true" className="size-4" />
              {analysis.trend.direction} · {analysis.trend.strength}
            </span>
          </div>
          <div className="flex flex-col gap-1">
            <span className="text-xs text-muted-foreground uppercase" id="ai-confidence-label">
              Confidence
            </span>
            <div className="flex items-center gap-2">
              <div
                className="h-2 flex-1 overflow-hidden rounded-full bg-muted"
                role="meter"
                aria-labelledby="ai-confidence-label"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={analysis.confidence}
              >
                <div className="h-full bg-primary" style={{ width: `${analysis.confidence}%` }} />
              </div>
              <span className="text-sm font-medium tabular-nums" data-testid="ai-confidence">
                {analysis.confidence} %
              </span>
            </div>
          </div>
        </div>
        <p className="text-sm leading-relaxed" data-testid="ai-summary">
          {analysis.summary}
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <LevelList title="Support" levels={analysis.supportLevels} side="support" />
          <LevelList title="Resistance" levels={analysis.resistanceLevels} side="resistance" />
        </div>
        <div className="flex flex-col gap-2">
          <h3 className="flex items-center gap-1 text-sm font-medium">
            <ShieldAlert aria-hidden="true" className="size-4 text-warning" />
            Risks
          </h3>
          <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="ai-risks">
            {analysis.risks.map((risk) => (
              <li key={risk}>{risk}</li>
            ))}
          </ul>
        </div>
        <Indicators daily={analysis.indicators["1d"]} hourly={analysis.indicators["1h"]} />
        <p className="text-xs text-muted-foreground">{analysis.disclaimer}</p>
      </CardContent>
    </Card>
  );
}
