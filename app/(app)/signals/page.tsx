import type { Metadata } from "next";
import Link from "next/link";

import { PageHeader } from "@/components/layout/page-header";
import { LockedSignalsNotice } from "@/components/signals/locked-signals";
import { SignalFiltersBar } from "@/components/signals/signal-filters";
import { SignalStatsSummary } from "@/components/signals/signal-stats";
import { SignalsFeed } from "@/components/signals/signals-feed";
import { requireUser } from "@/lib/auth/guards";
import { listTrackedSymbols } from "@/lib/market/quotes";
import { getLockedSignals, getSignalStats, listSignals } from "@/lib/signals/queries";
import { listSignalTimeframes } from "@/lib/signals/run";
import { listSignalsQuerySchema } from "@/lib/signals/schemas";
import { TIER_LIMITS } from "@/lib/tiers";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Signals" };

const PAGE_SIZE = 20;

type SignalsPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const TAB_CLASS = "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden";

export default async function SignalsPage({ searchParams }: SignalsPageProps) {
  const auth = await requireUser();
  const raw = await searchParams;
  const one = (key: string) => (typeof raw[key] === "string" && raw[key] !== "" ? (raw[key] as string) : undefined);
  const tab = one("tab") === "history" ? "history" : "active";
  // Unknown filter values are dropped rather than failing the page.
  const parsed = listSignalsQuerySchema.safeParse({
    status: tab === "history" ? "closed" : "active",
    symbol: one("symbol"),
    timeframe: one("timeframe"),
    direction: one("direction"),
    source: one("source"),
    page: one("page"),
    limit: PAGE_SIZE,
  });
  const query = parsed.success ? parsed.data : listSignalsQuerySchema.parse({ status: tab === "history" ? "closed" : "active", limit: PAGE_SIZE });
  const filters = { symbol: query.symbol, timeframe: query.timeframe, direction: query.direction, source: query.source };

  const [{ items, pagination }, locked, stats] = await Promise.all([
    listSignals({ tier: auth.tier, ...query }),
    getLockedSignals({ tier: auth.tier, ...filters, status: query.status }),
    getSignalStats({ symbol: query.symbol, timeframe: query.timeframe, source: query.source }),
  ]);

  const href = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries({ tab, ...filters, page: String(query.page), ...patch })) if (value) next.set(key, value);
    if (next.get("tab") === "active") next.delete("tab");
    if (next.get("page") === "1") next.delete("page");
    const text = next.toString();
    return text ? `/signals?${text}` : "/signals";
  };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Signals"
        description="Buy and sell setups computed from RSI, MACD, Bollinger bands, EMA trend and volume at every candle close, each with an ATR stop and three targets, followed until they close."
        actions={
          <Link href="/signals/pumps" className={cn(TAB_CLASS, "border")} data-testid="signals-pumps-link">
            Pumps and dumps
          </Link>
        }
      />
      <LockedSignalsNotice locked={locked} />
      <nav aria-label="Signal lists" className="flex flex-wrap items-center gap-2 border-b pb-2" data-testid="signals-tabs">
        {(
          [
            ["active", "Active"],
            ["history", "History"],
          ] as const
        ).map(([key, label]) => (
          <Link
            key={key}
            href={href({ tab: key, page: "1" })}
            aria-current={tab === key ? "page" : undefined}
            data-testid={`signals-tab-${key}`}
            className={cn(TAB_CLASS, tab === key ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:text-foreground")}
          >
            {label}
          </Link>
        ))}
        <Link href="/signals/pumps" data-testid="signals-tab-pumps" className={cn(TAB_CLASS, "text-muted-foreground hover:text-foreground")}>
          Pumps
        </Link>
      </nav>
      <SignalFiltersBar symbols={listTrackedSymbols().map((m) => m.symbol)} timeframes={listSignalTimeframes()} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="flex min-w-0 flex-col gap-4">
          <SignalsFeed
            key={href({})}
            tab={tab}
            initialSignals={items}
            filters={filters}
            delayMinutes={TIER_LIMITS[auth.tier].signalDelayMinutes}
            emptyText={
              tab === "active"
                ? "No active signal you can see matches these filters. New ones appear here as candles close."
                : "No closed signal you can see matches these filters yet."
            }
          />
          {pagination.totalPages > 1 ? (
            <nav aria-label="Pages" className="flex items-center justify-between text-sm" data-testid="signals-pagination">
              {query.page > 1 ? (
                <Link href={href({ page: String(query.page - 1) })} className="underline underline-offset-2" data-testid="signals-page-prev">
                  Newer
                </Link>
              ) : (
                <span />
              )}
              <span className="text-muted-foreground">
                Page {pagination.page} of {pagination.totalPages} · {pagination.total} signals
              </span>
              {pagination.hasMore ? (
                <Link href={href({ page: String(query.page + 1) })} className="underline underline-offset-2" data-testid="signals-page-next">
                  Older
                </Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </div>
        <div className="min-w-0">
          <SignalStatsSummary stats={stats} />
        </div>
      </div>
    </div>
  );
}
