import type { Metadata } from "next";
import Link from "next/link";

import { ValueAreaChart } from "@/components/charts/value-area-chart";
import { JournalFilters } from "@/components/journal/journal-filters";
import { AddTradeDialog, EditTradeDialog } from "@/components/journal/trade-dialogs";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/guards";
import { getTradeStats, listTrades, listTradeSymbols } from "@/lib/robot/journal";
import { tradeListQuerySchema } from "@/lib/robot/schemas";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Journal" };

type JournalPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const usd = (value: string | number | null) =>
  value === null ? "—" : `${Number(value) < 0 ? "−" : ""}${Math.abs(Number(value)).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (fraction: number | null) => (fraction === null ? "—" : `${(fraction * 100).toFixed(1)} %`);
const pnlClass = (value: string | null) => (value === null ? "" : Number(value) > 0 ? "text-up" : Number(value) < 0 ? "text-down" : "");

export default async function JournalPage({ searchParams }: JournalPageProps) {
  const auth = await requireUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : [])));
  const parsed = tradeListQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : tradeListQuerySchema.parse({});
  const { page } = query;
  const filters = { symbol: query.symbol, source: query.source, mode: query.mode, from: query.from, to: query.to };
  const [{ items, pagination }, stats, symbols] = await Promise.all([
    listTrades({ userId: auth.userId, query }),
    getTradeStats({ userId: auth.userId, query: filters }),
    listTradeSymbols({ userId: auth.userId }),
  ]);
  // One point per day: the cumulative P&L at the day's last close.
  const byDay = new Map<string, number>();
  for (const point of stats.equityCurve) byDay.set(point.time.slice(0, 10), Number(point.cumulativePnl));
  const curve = [...byDay].map(([date, valueUsd]) => ({ date, valueUsd }));
  const pageHref = (target: number) => {
    const next = new URLSearchParams(raw);
    next.set("page", String(target));
    return `/journal?${next.toString()}`;
  };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Trade journal" description="Every trade of the robot and the ones you enter by hand, with your notes, tags and results after fees." actions={<AddTradeDialog />} />
      {!parsed.success ? <p className="text-sm text-destructive">Some filters were not understood and are ignored.</p> : null}

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="journal-stats">
        <Stat label="Net P&L (USDT)" value={usd(stats.totalPnl)} className={pnlClass(stats.totalPnl)} testId="journal-total-pnl" />
        <Stat label="Win rate" value={pct(stats.winRate)} hint={`${stats.wins} won · ${stats.losses} lost · ${stats.closedTrades} closed`} testId="journal-win-rate" />
        <Stat label="Profit factor" value={stats.profitFactor === null ? "—" : stats.profitFactor.toFixed(2)} hint="Gross profit ÷ gross loss" />
        <Stat label="Average trade" value={usd(stats.avgPnl)} hint={`Fees paid ${usd(stats.totalFees)} · ${stats.openTrades} open`} />
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Equity curve</CardTitle>
            <CardDescription>Cumulative net P&L of closed trades (USDT).</CardDescription>
          </CardHeader>
          <CardContent>
            {curve.length ? (
              <ValueAreaChart points={curve} label={`Cumulative P&L over ${curve.length} days, now ${usd(stats.totalPnl)} USDT`} />
            ) : (
              <p className="text-sm text-muted-foreground">The curve appears once a trade is closed.</p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">By symbol</CardTitle>
          </CardHeader>
          <CardContent>
            {stats.bySymbol.length ? (
              <Table data-testid="journal-by-symbol">
                <TableHeader>
                  <TableRow>
                    <TableHead>Symbol</TableHead>
                    <TableHead className="text-right">Win rate</TableHead>
                    <TableHead className="text-right">P&L</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {stats.bySymbol.map((row) => (
                    <TableRow key={row.symbol}>
                      <TableCell>
                        {row.symbol} <span className="text-xs text-muted-foreground">({row.trades})</span>
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{pct(row.winRate)}</TableCell>
                      <TableCell className={cn("text-right tabular-nums", pnlClass(row.pnl))}>{usd(row.pnl)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : (
              <p className="text-sm text-muted-foreground">No closed trade yet.</p>
            )}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Trades</CardTitle>
          <CardDescription>{pagination.total} trade{pagination.total === 1 ? "" : "s"}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <JournalFilters symbols={symbols} />
          {items.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="journal-empty">
              No trade matches. Add one by hand, or start the robot.
            </p>
          ) : (
            <div className="overflow-x-auto">
              <Table data-testid="journal-table">
                <TableHeader>
                  <TableRow>
                    <TableHead>Opened</TableHead>
                    <TableHead>Symbol</TableHead>
                    <TableHead>Side</TableHead>
                    <TableHead className="text-right">Size</TableHead>
                    <TableHead className="text-right">Entry</TableHead>
                    <TableHead className="text-right">Exit</TableHead>
                    <TableHead className="text-right">Fees</TableHead>
                    <TableHead className="text-right">P&L</TableHead>
                    <TableHead>Source</TableHead>
                    <TableHead>Notes</TableHead>
                    <TableHead />
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {items.map((trade) => (
                    <TableRow key={trade.id} data-testid="journal-row" data-status={trade.status} data-symbol={trade.symbol}>
                      <TableCell className="whitespace-nowrap text-xs">{new Date(trade.openedAt).toLocaleString()}</TableCell>
                      <TableCell className="font-medium">{trade.symbol}</TableCell>
                      <TableCell className={trade.side === "long" ? "text-up" : "text-down"}>
                        {trade.side}
                        {trade.leverage > 1 ? ` ${trade.leverage}×` : ""}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{Number(trade.quantity)}</TableCell>
                      <TableCell className="text-right tabular-nums">{Number(trade.entryPrice)}</TableCell>
                      <TableCell className="text-right tabular-nums">{trade.exitPrice ? Number(trade.exitPrice) : <Badge variant="outline">{trade.status}</Badge>}</TableCell>
                      <TableCell className="text-right tabular-nums">{usd(trade.fees)}</TableCell>
                      <TableCell className={cn("text-right tabular-nums", pnlClass(trade.pnl))} data-testid="journal-row-pnl">
                        {usd(trade.pnl)}
                      </TableCell>
                      <TableCell className="text-xs">
                        {trade.source}
                        {trade.source === "robot" ? ` · ${trade.mode}` : ""}
                        {trade.closeReason ? ` · ${trade.closeReason.replace("_", " ")}` : ""}
                      </TableCell>
                      <TableCell className="max-w-48 truncate text-xs" title={trade.notes ?? undefined}>
                        {trade.tags.length ? <span className="text-muted-foreground">#{trade.tags.join(" #")} </span> : null}
                        {trade.notes}
                      </TableCell>
                      <TableCell>
                        <EditTradeDialog trade={trade} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          {pagination.totalPages > 1 ? (
            <div className="flex items-center justify-between text-sm">
              <span>
                Page {page} of {pagination.totalPages}
              </span>
              <div className="flex gap-2">
                {page > 1 ? (
                  <Button asChild variant="outline" size="sm">
                    <Link href={pageHref(page - 1)}>Previous</Link>
                  </Button>
                ) : null}
                {pagination.hasMore ? (
                  <Button asChild variant="outline" size="sm">
                    <Link href={pageHref(page + 1)}>Next</Link>
                  </Button>
                ) : null}
              </div>
            </div>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}

function Stat({ label, value, hint, className, testId }: { label: string; value: string; hint?: string; className?: string; testId?: string }) {
  return (
    <Card>
      <CardHeader>
        <CardDescription>{label}</CardDescription>
        <CardTitle as="div" className={cn("text-2xl tabular-nums", className)} data-testid={testId}>
          {value}
        </CardTitle>
        {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      </CardHeader>
    </Card>
  );
}
