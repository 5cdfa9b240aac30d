"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Activity, TrendingDown, TrendingUp } from "lucide-react";

import { formatPct, formatPrice, formatUtcTime } from "@/components/market/format";
import { StreamStatus } from "@/components/market/stream-status";
import { useTicker } from "@/components/market/use-market-stream";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { Pagination } from "@/lib/api/respond";
import type { PumpView } from "@/lib/signals/pumps-schemas";
import { cn } from "@/lib/utils";

import { formatDuration, mergePump, retracementOf, type PumpFilter } from "./pump-list";
import { usePumpStream } from "./use-pump-stream";

const PAGE_SIZE = 50;
const ALL = "all";

type PumpsFeedProps = {
  initialPumps: readonly PumpView[];
  initialPagination: Pagination;
  symbols: readonly string[];
  settings: { minChangePct: number; windowMinutes: number; minVolumeZ: number };
};

async function fetchPumps(filter: PumpFilter, page: number): Promise<{ items: PumpView[]; pagination: Pagination }> {
  const query = new URLSearchParams({ page: String(page), limit: String(PAGE_SIZE) });
  if (filter.symbol) query.set("symbol", filter.symbol);
  if (filter.status) query.set("status", filter.status);
  if (filter.direction) query.set("direction", filter.direction);
  const response = await fetch(`/api/v1/pumps?${query}`, { headers: { accept: "application/json" } });
  const body = (await response.json()) as { success: boolean; data: PumpView[]; pagination: Pagination; error?: { message: string } };
  if (!response.ok || !body.success) throw new Error(body.error?.message ?? "Could not load pumps");
  return { items: body.data, pagination: body.pagination };
}

/** The live list of pumps and dumps: filters, new moves as they are detected, updates until they fade. */
export function PumpsFeed({ initialPumps, initialPagination, symbols, settings }: PumpsFeedProps) {
  const [pumps, setPumps] = useState<PumpView[]>([...initialPumps]);
  const [pagination, setPagination] = useState(initialPagination);
  const [filter, setFilter] = useState<PumpFilter>({});
  const [error, setError] = useState<string | null>(null);
  const [isLoading, startLoading] = useTransition();
  const [freshIds, setFreshIds] = useState<ReadonlySet<string>>(new Set());

  const streamStatus = usePumpStream((pump) => {
    setPumps((list) => mergePump(list, pump, filter));
    if (pump.status === "active") setFreshIds((ids) => new Set(ids).add(pump.id));
  });

  const load = (nextFilter: PumpFilter, page: number) => {
    startLoading(async () => {
      try {
        const { items, pagination: next } = await fetchPumps(nextFilter, page);
        setPumps((list) => (page === 1 ? items : [...list, ...items.filter((item) => !list.some((row) => row.id === item.id))]));
        setPagination(next);
        setError(null);
      } catch (cause) {
        setError(cause instanceof Error ? cause.message : "Could not load pumps");
      }
    });
  };

  const changeFilter = (patch: PumpFilter) => {
    const next = { ...filter, ...patch };
    setFilter(next);
    load(next, 1);
  };

  const activeCount = pumps.filter((pump) => pump.status === "active").length;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <FilterSelect
          testId="pumps-filter-direction"
          label="Direction"
          value={filter.direction ?? ALL}
          options={[
            [ALL, "Pumps and dumps"],
            ["pump", "Pumps only"],
            ["dump", "Dumps only"],
          ]}
          onChange={(value) => changeFilter({ direction: value === ALL ? undefined : (value as PumpFilter["direction"]) })}
        />
        <FilterSelect
          testId="pumps-filter-status"
          label="Status"
          value={filter.status ?? ALL}
          options={[
            [ALL, "Any status"],
            ["active", "Active"],
            ["faded", "Faded"],
          ]}
          onChange={(value) => changeFilter({ status: value === ALL ? undefined : (value as PumpFilter["status"]) })}
        />
        <FilterSelect
          testId="pumps-filter-symbol"
          label="Pair"
          value={filter.symbol ?? ALL}
          options={[[ALL, "All pairs"], ...symbols.map((symbol) => [symbol, symbol] as [string, string])]}
          onChange={(value) => changeFilter({ symbol: value === ALL ? undefined : value })}
        />
        <div className="ml-auto flex items-center gap-3 text-sm text-muted-foreground">
          <span data-testid="pumps-active-count">{activeCount} active</span>
          <StreamBadge status={streamStatus} />
          <StreamStatus />
        </div>
      </div>

      <p className="text-xs text-muted-foreground">
        A move of at least {settings.minChangePct}% within {settings.windowMinutes} minutes on a volume z-score of {settings.minVolumeZ} or more. A move
        fades once it has given back half or made no new extreme for {settings.windowMinutes} minutes. Prices in UTC time.
      </p>

      {error ? (
        <p role="alert" className="text-sm text-down">
          {error}
        </p>
      ) : null}

      {pumps.length === 0 ? (
        <Card>
          <CardContent className="flex flex-col items-center gap-2 py-10 text-center" data-testid="pumps-empty">
            <Activity className="size-8 text-muted-foreground" aria-hidden />
            <p className="font-medium">No pumps or dumps {filter.symbol || filter.status || filter.direction ? "match these filters" : "yet"}</p>
            <p className="max-w-md text-sm text-muted-foreground">
              The detector watches every tracked pair tick by tick; new moves appear here the moment they are flagged.
            </p>
          </CardContent>
        </Card>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="pumps-list" aria-busy={isLoading}>
          {pumps.map((pump) => (
            <PumpRow key={pump.id} pump={pump} isFresh={freshIds.has(pump.id)} />
          ))}
        </ul>
      )}

      {pagination.hasMore ? (
        <Button variant="outline" className="self-center" disabled={isLoading} onClick={() => load(filter, pagination.page + 1)} data-testid="pumps-load-more">
          {isLoading ? "Loading…" : "Show older moves"}
        </Button>
      ) : null}
    </div>
  );
}

function FilterSelect({ testId, label, value, options, onChange }: { testId: string; label: string; value: string; options: readonly (readonly [string, string])[]; onChange: (value: string) => void }) {
  return (
    <Select value={value} onValueChange={onChange}>
      <SelectTrigger className="w-full sm:w-44" aria-label={label} data-testid={testId}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {options.map(([optionValue, text]) => (
          <SelectItem key={optionValue} value={optionValue}>
            {text}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

function StreamBadge({ status }: { status: string }) {
  if (status === "live") return null;
  return (
    <Badge variant="outline" data-testid="pumps-stream-status">
      Pump alerts: {status}
    </Badge>
  );
}

function PumpRow({ pump, isFresh }: { pump: PumpView; isFresh: boolean }) {
  const ticker = useTicker(pump.symbol);
  const isPump = pump.direction === "pump";
  const Icon = isPump ? TrendingUp : TrendingDown;
  const start = Number(pump.startPrice);
  const peak = Number(pump.peakPrice);
  const last = ticker?.last ?? null;
  const retracement = pump.status === "active" ? retracementOf(pump, last) : null;
  const sinceStartPct = last !== null && start > 0 ? ((last - start) / start) * 100 : null;
  const detectedMs = Date.parse(pump.detectedAt);
  const endMs = pump.fadedAt ? Date.parse(pump.fadedAt) : null;

  return (
    <li
      data-testid="pump-row"
      data-pump-id={pump.id}
      className={cn(
        "grid grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-1 rounded-lg border bg-card px-3 py-3 sm:grid-cols-[auto_10rem_1fr_auto]",
        isFresh && pump.status === "active" && "ring-2 ring-warning/60",
      )}
    >
      <span className={cn("flex size-9 items-center justify-center rounded-full", isPump ? "bg-up/15 text-up" : "bg-down/15 text-down")} aria-hidden>
        <Icon className="size-5" />
      </span>
      <div className="flex min-w-0 flex-col">
        <Link href={`/markets/${pump.symbol}`} className="truncate font-medium hover:underline">
          {pump.symbol}
        </Link>
        <span className="text-xs text-muted-foreground">
          {isPump ? "Pump" : "Dump"} · {formatUtcTime(detectedMs)} UTC · {new Date(detectedMs).toISOString().slice(0, 10)}
        </span>
      </div>
      <div className="col-span-3 row-start-2 flex flex-wrap gap-x-4 gap-y-1 text-sm sm:col-span-1 sm:row-start-auto">
        <span>
          <span className="text-muted-foreground">Move </span>
          <span className={cn("font-medium tabular-nums", isPump ? "text-up" : "text-down")} data-testid="pump-change">
            {formatPct(isPump ? pump.changePct : -pump.changePct)}
          </span>
          <span className="text-muted-foreground"> in {pump.windowMinutes} min</span>
        </span>
        <span className="tabular-nums">
          <span className="text-muted-foreground">From </span>
          {formatPrice(start)} <span className="text-muted-foreground">to</span> {formatPrice(peak)}
        </span>
        <span className="tabular-nums">
          <span className="text-muted-foreground">Volume z </span>
          {pump.volumeZ.toFixed(1)}
        </span>
        <span className="tabular-nums">
          <span className="text-muted-foreground">Now </span>
          {formatPrice(last)} <span className="text-muted-foreground">({formatPct(sinceStartPct)} from start)</span>
        </span>
        {retracement !== null ? (
          <span className="tabular-nums text-muted-foreground">{retracement <= 0 ? "at its extreme" : `${Math.round(Math.min(retracement, 1) * 100)}% given back`}</span>
        ) : null}
      </div>
      <div className="col-start-3 row-start-1 flex flex-col items-end gap-1 sm:col-start-auto">
        {pump.status === "active" ? (
          <Badge variant="warning" data-testid="pump-status">
            Active
          </Badge>
        ) : (
          <Badge variant="secondary" data-testid="pump-status">
            Faded
          </Badge>
        )}
        <span className="text-xs text-muted-foreground tabular-nums">{endMs ? `lasted ${formatDuration(detectedMs, endMs)}` : "tracking"}</span>
      </div>
    </li>
  );
}
