import Link from "next/link";
import { ArrowDownRight, ArrowUpRight, History, Lock } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { SignalView } from "@/lib/signals/schemas";
import { cn } from "@/lib/utils";

import { formatDuration, formatLevel, formatR, levelDistancePct, OUTCOME_LABEL, tierLabel, TRIGGER_LABEL } from "./format";

const time = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) + " UTC";

type Level = { key: string; label: string; price: string; hitAt: string | null; tone: "neutral" | "up" | "down" };

export function signalLevels(signal: SignalView): Level[] {
  return [
    { key: "entry", label: "Entry", price: signal.entry, hitAt: null, tone: "neutral" },
    { key: "stop", label: "Stop", price: signal.stopLoss, hitAt: signal.outcome === "stop" ? signal.closedAt : null, tone: "down" },
    { key: "tp1", label: "TP1 · 1R", price: signal.tp1, hitAt: signal.tp1HitAt, tone: "up" },
    { key: "tp2", label: "TP2 · 2R", price: signal.tp2, hitAt: signal.tp2HitAt, tone: "up" },
    { key: "tp3", label: "TP3 · 3R", price: signal.tp3, hitAt: signal.tp3HitAt, tone: "up" },
  ];
}

export function SignalLevels({ signal }: { signal: SignalView }) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1.5 text-sm sm:grid-cols-5" data-testid="signal-levels">
      {signalLevels(signal).map((level) => (
        <div key={level.key} className="flex flex-col" data-testid={`signal-level-${level.key}`} data-hit={level.hitAt ? "true" : "false"}>
          <dt className="text-xs text-muted-foreground">{level.label}</dt>
          <dd className={cn("font-mono break-all tabular-nums", level.tone === "up" && "text-up", level.tone === "down" && "text-down")}>
            {formatLevel(level.price)}
            {level.key !== "entry" ? (
              <span className="ml-1 text-xs text-muted-foreground">({levelDistancePct(signal, level.price) > 0 ? "+" : ""}{levelDistancePct(signal, level.price).toFixed(2)}%)</span>
            ) : null}
            {level.hitAt ? <span className="ml-1 text-xs" title={`Reached ${time(level.hitAt)}`}>✓</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function SignalTriggers({ signal }: { signal: SignalView }) {
  return (
    <ul className="flex flex-col gap-1 text-xs break-words text-muted-foreground" data-testid="signal-triggers" aria-label="Conditions that fired">
      {signal.triggers.map((trigger) => (
        <li key={trigger.name} data-trigger={trigger.name}>
          <span className="font-medium text-foreground">{TRIGGER_LABEL[trigger.name] ?? trigger.name}</span>
          {trigger.detail ? ` — ${trigger.detail}` : ` — ${trigger.value}`}
        </li>
      ))}
    </ul>
  );
}

export function SignalStatusLine({ signal, now }: { signal: SignalView; now: number }) {
  if (signal.status === "closed") {
    return (
      <p className="text-sm" data-testid="signal-result">
        <span className="font-medium">{signal.outcome ? OUTCOME_LABEL[signal.outcome] : "Closed"}</span>
        {" · "}
        <span className={cn("font-mono", (signal.resultR ?? 0) > 0 ? "text-up" : (signal.resultR ?? 0) < 0 ? "text-down" : undefined)}>
          {formatR(signal.resultR)} ({signal.resultPct !== null ? `${signal.resultPct > 0 ? "+" : ""}${signal.resultPct.toFixed(2)}%` : "—"})
        </span>
        {signal.exitPrice ? <span className="text-muted-foreground"> · exit {formatLevel(signal.exitPrice)}</span> : null}
        {signal.closedAt ? <span className="text-muted-foreground"> · closed {time(signal.closedAt)}</span> : null}
      </p>
    );
  }
  return (
    <p className="text-sm text-muted-foreground" data-testid="signal-result">
      Active · expires in {formatDuration(Date.parse(signal.expiresAt) - now)}
    </p>
  );
}

export function SignalCard({ signal, now, isNew = false }: { signal: SignalView; now: number; isNew?: boolean }) {
  const isBuy = signal.direction === "buy";
  return (
    <Card
      data-testid="signal-card"
      data-signal-id={signal.id}
      data-status={signal.status}
      data-live={isNew ? "true" : "false"}
      data-created-at={signal.createdAt}
      data-source={signal.source}
      data-timeframe={signal.timeframe}
      className={cn("gap-3 py-4", isNew && "ring-2 ring-primary/60")}
    >
      <CardHeader className="px-4">
        <CardTitle as="h3" className="flex flex-wrap items-center gap-2 text-base">
          <Link href={`/signals/${signal.id}`} className="hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden" data-testid="signal-link">
            {signal.symbol}
          </Link>
          <Badge variant={isBuy ? "up" : "down"} data-testid="signal-direction">
            {isBuy ? <ArrowUpRight aria-hidden="true" /> : <ArrowDownRight aria-hidden="true" />}
            {isBuy ? "Buy" : "Sell"}
          </Badge>
          <Badge variant="outline">{signal.timeframe}</Badge>
          <Badge variant="secondary" title="Confidence: the weight of the conditions that fired, 0–100">
            {signal.confidence}/100
          </Badge>
          {signal.minTier !== "free" ? (
            <Badge variant="outline" title={`Needs the ${tierLabel(signal.minTier)} tier`}>
              <Lock aria-hidden="true" />
              {tierLabel(signal.minTier)}
            </Badge>
          ) : null}
          {signal.source === "history" ? (
            <Badge variant="outline" data-testid="signal-history-badge" title="Computed from past candles when signals started, then followed on the candles after it">
              <History aria-hidden="true" />
              From history
            </Badge>
          ) : null}
          {isNew ? <Badge data-testid="signal-new-badge">New</Badge> : null}
        </CardTitle>
        <p className="text-xs text-muted-foreground">
          {time(signal.createdAt)}
          {signal.visibleAt && signal.visibleAt !== signal.createdAt ? ` · visible to you from ${time(signal.visibleAt)}` : ""}
        </p>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 px-4">
        <SignalLevels signal={signal} />
        <SignalStatusLine signal={signal} now={now} />
        <SignalTriggers signal={signal} />
      </CardContent>
    </Card>
  );
}
