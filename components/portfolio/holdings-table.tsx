"use client";

import { useState } from "react";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

import { formatAmount, formatQuantity, formatSignedAmount, formatSignedPct, TREND_ARROW, TREND_TEXT_CLASS, trendOf, type DisplayCurrency } from "./format";

export type HoldingRow = {
  symbol: string;
  quantity: string;
  avgCost: string;
  costBasis: string;
  price: string | null;
  value: string | null;
  unrealizedPnl: string | null;
  unrealizedPnlPct: number | null;
  realizedPnl: string;
  change24hPct: number | null;
  weight: number | null;
  priceSource: "market" | "stable" | "manual" | "none";
  isManualAsset: boolean;
};

export type HoldingTotals = { value: string; costBasis: string; unrealizedPnl: string; unrealizedPnlPct: number | null; realizedPnl: string; change24hPct: number | null };

type SortKey = "symbol" | "quantity" | "avgCost" | "price" | "value" | "unrealizedPnl" | "realizedPnl" | "change24hPct" | "weight";

const COLUMNS: readonly { key: SortKey; label: string; isNumeric: boolean }[] = [
  { key: "symbol", label: "Asset", isNumeric: false },
  { key: "quantity", label: "Quantity", isNumeric: true },
  { key: "avgCost", label: "Avg cost", isNumeric: true },
  { key: "price", label: "Price", isNumeric: true },
  { key: "value", label: "Value", isNumeric: true },
  { key: "unrealizedPnl", label: "Unrealized P&L", isNumeric: true },
  { key: "realizedPnl", label: "Realized P&L", isNumeric: true },
  { key: "change24hPct", label: "24 h", isNumeric: true },
  { key: "weight", label: "Weight", isNumeric: true },
];

function sortValue(row: HoldingRow, key: SortKey): number | string | null {
  if (key === "symbol") return row.symbol;
  const raw = row[key];
  if (raw === null || raw === undefined) return null;
  const number = typeof raw === "number" ? raw : Number(raw);
  return Number.isFinite(number) ? number : null;
}

function compareRows(a: HoldingRow, b: HoldingRow, key: SortKey, direction: 1 | -1): number {
  const left = sortValue(a, key);
  const right = sortValue(b, key);
  // Missing values sort last in both directions.
  if (left === null && right === null) return a.symbol.localeCompare(b.symbol);
  if (left === null) return 1;
  if (right === null) return -1;
  if (typeof left === "string" || typeof right === "string") return String(left).localeCompare(String(right)) * direction;
  return (left - right) * direction || a.symbol.localeCompare(b.symbol);
}

function PnlText({ value, pct, currency }: { value: string | number | null; pct?: number | null; currency: DisplayCurrency }) {
  const trend = trendOf(value);
  if (value === null) return <span className="text-muted-foreground">—</span>;
  return (
    <span className={cn("inline-flex flex-col items-end tabular-nums", TREND_TEXT_CLASS[trend])}>
      {formatSignedAmount(value, currency)}
      {pct !== undefined && pct !== null ? <span className="text-xs">{formatSignedPct(pct)}</span> : null}
    </span>
  );
}

export function HoldingsTable({ holdings, totals, currency = "USD" }: { holdings: readonly HoldingRow[]; totals: HoldingTotals; currency?: DisplayCurrency }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: 1 | -1 }>({ key: "value", direction: -1 });
  const rows = [...holdings].sort((a, b) => compareRows(a, b, sort.key, sort.direction));

  const onSort = (key: SortKey) =>
    setSort((current) => (current.key === key ? { key, direction: current.direction === 1 ? -1 : 1 } : { key, direction: key === "symbol" ? 1 : -1 }));

  return (
    <Table data-testid="holdings-table" data-sort={`${sort.key}:${sort.direction === 1 ? "asc" : "desc"}`}>
      <TableHeader>
        <TableRow>
          {COLUMNS.map((column) => {
            const isActive = sort.key === column.key;
            const Icon = isActive ? (sort.direction === 1 ? ArrowUp : ArrowDown) : ArrowUpDown;
            return (
              <TableHead
                key={column.key}
                className={cn(column.isNumeric && "text-right")}
                aria-sort={isActive ? (sort.direction === 1 ? "ascending" : "descending") : "none"}
              >
                <button
                  type="button"
                  onClick={() => onSort(column.key)}
                  className={cn("inline-flex items-center gap-1 rounded-sm hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden", isActive && "text-foreground")}
                  data-testid={`holdings-sort-${column.key}`}
                >
                  {column.label}
                  <Icon className={cn("size-3.5", !isActive && "opacity-40")} aria-hidden="true" />
                </button>
              </TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const changeTrend = trendOf(row.change24hPct);
          return (
            <TableRow key={row.symbol} data-testid="holding-row" data-symbol={row.symbol}>
              <TableCell>
                <div className="flex items-center gap-2">
                  <span className="font-medium">{row.symbol}</span>
                  {row.isManualAsset || row.priceSource === "manual" ? (
                    <Badge variant="outline" title="Not on the market feed: valued at the last price entered by hand">
                      manual price
                    </Badge>
                  ) : null}
                  {row.priceSource === "none" ? (
                    <Badge variant="warning" title="No market price: the value is unknown">
                      no price
                    </Badge>
                  ) : null}
                </div>
              </TableCell>
              <TableCell className="text-right tabular-nums" data-testid="holding-quantity" data-quantity={row.quantity}>
                {formatQuantity(row.quantity)}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatAmount(row.avgCost, currency)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatAmount(row.price, currency)}</TableCell>
              <TableCell className="text-right font-medium tabular-nums">{formatAmount(row.value, currency)}</TableCell>
              <TableCell className="text-right">
                <PnlText value={row.unrealizedPnl} pct={row.unrealizedPnlPct} currency={currency} />
              </TableCell>
              <TableCell className="text-right">
                <PnlText value={row.realizedPnl} currency={currency} />
              </TableCell>
              <TableCell className={cn("text-right tabular-nums", TREND_TEXT_CLASS[changeTrend])}>
                {row.change24hPct === null ? (
                  <span className="text-muted-foreground">—</span>
                ) : (
                  <>
                    <span aria-hidden="true" className="mr-1 text-[0.65rem]">
                      {TREND_ARROW[changeTrend]}
                    </span>
                    {formatSignedPct(row.change24hPct)}
                  </>
                )}
              </TableCell>
              <TableCell className="text-right tabular-nums">{row.weight === null ? "—" : `${(row.weight * 100).toFixed(1)}%`}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
      <TableFooter>
        <TableRow>
          <TableCell colSpan={4}>Total</TableCell>
          <TableCell className="text-right tabular-nums" data-testid="holdings-total-value">
            {formatAmount(totals.value, currency)}
          </TableCell>
          <TableCell className="text-right">
            <PnlText value={totals.unrealizedPnl} pct={totals.unrealizedPnlPct} currency={currency} />
          </TableCell>
          <TableCell className="text-right">
            <PnlText value={totals.realizedPnl} currency={currency} />
          </TableCell>
          <TableCell className={cn("text-right tabular-nums", TREND_TEXT_CLASS[trendOf(totals.change24hPct)])}>{formatSignedPct(totals.change24hPct)}</TableCell>
          <TableCell />
        </TableRow>
      </TableFooter>
    </Table>
  );
}
