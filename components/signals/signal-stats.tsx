import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SignalStatsView } from "@/lib/signals/queries";

import { formatR } from "./format";

type Summary = Pick<SignalStatsView, "count" | "wins" | "losses" | "winRatePct" | "averageR" | "totalR" | "profitFactor">;

const pct = (value: number | null) => (value === null ? "—" : `${value.toFixed(1)}%`);
const factor = (value: number | null) => (value === null ? "—" : value.toFixed(2));

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex flex-col">
      <span className="text-xs text-muted-foreground">{label}</span>
      <span className="font-mono text-lg tabular-nums" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

function BreakdownTable({ title, rows }: { title: string; rows: Record<string, Summary> }) {
  const entries = Object.entries(rows).sort((a, b) => b[1].count - a[1].count);
  if (entries.length === 0) return null;
  return (
    <div className="overflow-x-auto">
      <Table data-testid={`signal-stats-${title.toLowerCase().replace(/\s+/g, "-")}`}>
        <TableHeader>
          <TableRow>
            <TableHead>{title}</TableHead>
            <TableHead className="text-right">Closed</TableHead>
            <TableHead className="text-right">Win rate</TableHead>
            <TableHead className="text-right">Avg R</TableHead>
            <TableHead className="text-right">Profit factor</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map(([key, s]) => (
            <TableRow key={key}>
              <TableCell>{key === "history" ? "From history" : key === "live" ? "Live" : key}</TableCell>
              <TableCell className="text-right tabular-nums">{s.count}</TableCell>
              <TableCell className="text-right tabular-nums">{pct(s.winRatePct)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatR(s.averageR)}</TableCell>
              <TableCell className="text-right tabular-nums">{factor(s.profitFactor)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** The track record: closed signals only, all of them (see the definitions under it). */
export function SignalStatsSummary({ stats }: { stats: SignalStatsView }) {
  return (
    <Card data-testid="signal-stats" data-count={stats.count}>
      <CardHeader>
        <CardTitle as="h2">Track record</CardTitle>
        <p className="text-sm text-muted-foreground">
          {stats.count === 0
            ? "No signal has closed yet: results appear here as soon as one does."
            : `Every closed signal (${stats.count}) matching the filters, wins and losses alike, of every tier.`}
        </p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="grid grid-cols-2 gap-4 sm:grid-cols-5">
          <Figure label="Closed signals" value={String(stats.count)} testId="signal-stats-count" />
          <Figure label="Win rate" value={pct(stats.winRatePct)} testId="signal-stats-win-rate" />
          <Figure label="Average R" value={formatR(stats.averageR)} testId="signal-stats-average-r" />
          <Figure label="Total R" value={formatR(stats.totalR)} testId="signal-stats-total-r" />
          <Figure label="Profit factor" value={factor(stats.profitFactor)} testId="signal-stats-profit-factor" />
        </div>
        <BreakdownTable title="Timeframe" rows={stats.byTimeframe} />
        <BreakdownTable title="Source" rows={stats.bySource} />
        <BreakdownTable title="Symbol" rows={stats.bySymbol} />
        <details className="text-sm text-muted-foreground">
          <summary className="cursor-pointer text-foreground">How these numbers are computed</summary>
          <dl className="mt-2 flex flex-col gap-2">
            {Object.entries(stats.definitions).map(([term, text]) => (
              <div key={term}>
                <dt className="font-medium text-foreground">{term}</dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
        </details>
      </CardContent>
    </Card>
  );
}
