"use client";

import { useState, useTransition } from "react";
import { LoaderCircle, Plus, Save, Scale, X } from "lucide-react";
import { toast } from "sonner";

import { FormError } from "@/components/auth/form-messages";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { planRebalanceAction, updatePortfolioAction } from "@/lib/portfolio/actions";
import { assetSymbolSchema } from "@/lib/portfolio/schemas";
import { cn } from "@/lib/utils";

import { formatQuantity, formatUsd } from "./format";

type Plan = Extract<Awaited<ReturnType<typeof planRebalanceAction>>, { ok: true }>["data"];

type RebalanceToolProps = {
  portfolioId: string;
  /** Current holdings with a price; `weight` is a fraction. */
  holdings: readonly { symbol: string; weight: number | null }[];
  savedTargets: Readonly<Record<string, number>> | null;
  canSave: boolean;
};

type TargetRow = { symbol: string; percent: string };

function toPercentText(fraction: number): string {
  return String(Math.round(fraction * 10_000) / 100);
}

function initialRows(holdings: RebalanceToolProps["holdings"], savedTargets: RebalanceToolProps["savedTargets"]): TargetRow[] {
  if (savedTargets && Object.keys(savedTargets).length > 0) {
    const symbols = [...new Set([...Object.keys(savedTargets), ...holdings.map((h) => h.symbol)])];
    return symbols.map((symbol) => ({ symbol, percent: toPercentText(savedTargets[symbol] ?? 0) }));
  }
  return holdings.map((holding) => ({ symbol: holding.symbol, percent: toPercentText(holding.weight ?? 0) }));
}

const REASON_TEXT = { below_minimum: "below the minimum trade", rounds_to_zero: "rounds to zero units" } as const;

export function RebalanceTool({ portfolioId, holdings, savedTargets, canSave }: RebalanceToolProps) {
  const [rows, setRows] = useState<TargetRow[]>(() => initialRows(holdings, savedTargets));
  const [newSymbol, setNewSymbol] = useState("");
  const [newSymbolError, setNewSymbolError] = useState<string | null>(null);
  const [minTrade, setMinTrade] = useState("10");
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPlanning, startPlan] = useTransition();
  const [isSaving, startSave] = useTransition();

  const percents = rows.map((row) => Number(row.percent));
  const hasInvalid = percents.some((value) => !Number.isFinite(value) || value < 0 || value > 100);
  const sum = percents.reduce((total, value) => total + (Number.isFinite(value) ? value : 0), 0);
  // Weights are sent as fractions; the server wants them to add up to 1 within 1e-9.
  const isBalanced = !hasInvalid && Math.abs(sum - 100) < 1e-6;
  const minTradeUsd = Number(minTrade);
  const isMinTradeValid = minTrade.trim() !== "" && Number.isFinite(minTradeUsd) && minTradeUsd >= 0;

  const targets = () => {
    const entries = rows.map((row) => [row.symbol, Number(row.percent) / 100] as const);
    const total = entries.reduce((acc, [, weight]) => acc + weight, 0);
    // Removes the float residue of the percent → fraction division, so the sum is exactly 1 for the schema.
    return Object.fromEntries(entries.map(([symbol, weight]) => [symbol, total > 0 ? weight / total : 0]));
  };

  const setPercent = (symbol: string, percent: string) => {
    setRows((current) => current.map((row) => (row.symbol === symbol ? { ...row, percent } : row)));
    setPlan(null);
  };

  const onAdd = () => {
    const parsed = assetSymbolSchema.safeParse(newSymbol);
    if (!parsed.success) {
      setNewSymbolError(parsed.error.issues[0]?.message ?? "Enter an asset symbol.");
      return;
    }
    if (rows.some((row) => row.symbol === parsed.data)) {
      setNewSymbolError(`${parsed.data} is already in the list.`);
      return;
    }
    setRows((current) => [...current, { symbol: parsed.data, percent: "0" }]);
    setNewSymbol("");
    setNewSymbolError(null);
    setPlan(null);
  };

  const onPlan = () => {
    setError(null);
    startPlan(async () => {
      const result = await planRebalanceAction({ portfolioId, targets: targets(), minTradeUsd });
      if (result.ok) setPlan(result.data);
      else {
        setPlan(null);
        setError(result.error.message);
      }
    });
  };

  const onSave = () => {
    setError(null);
    startSave(async () => {
      const result = await updatePortfolioAction({ portfolioId, changes: { targetWeights: targets() } });
      if (result.ok) toast.success("Target weights saved.");
      else setError(result.error.message);
    });
  };

  return (
    <div className="flex flex-col gap-6" data-testid="rebalance-tool">
      <p className="text-sm text-muted-foreground">
        Set the share of the portfolio each asset should have. The plan lists the buys and sells at current prices that get there; an asset without
        a target is sold. Trades smaller than the minimum are skipped. Nothing is traded: this is a plan to carry out on your exchange.
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="flex flex-col gap-3">
          <ul className="flex flex-col gap-2">
            {rows.map((row) => {
              const current = holdings.find((holding) => holding.symbol === row.symbol)?.weight ?? 0;
              return (
                <li key={row.symbol} className="flex items-center gap-3" data-testid="rebalance-row" data-symbol={row.symbol}>
                  <Label htmlFor={`target-${row.symbol}`} className="w-16 font-medium">
                    {row.symbol}
                  </Label>
                  <div className="relative w-28">
                    <Input
                      id={`target-${row.symbol}`}
                      inputMode="decimal"
                      value={row.percent}
                      onChange={(event) => setPercent(row.symbol, event.target.value)}
                      className="pr-7 text-right tabular-nums"
                      data-testid="rebalance-target"
                    />
                    <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-sm text-muted-foreground">%</span>
                  </div>
                  <span className="text-xs text-muted-foreground">now {(current * 100).toFixed(1)}%</span>
                  {holdings.some((holding) => holding.symbol === row.symbol) ? null : (
                    <Button
                      variant="ghost"
                      size="icon-sm"
                      className="ml-auto"
                      onClick={() => {
                        setRows((list) => list.filter((entry) => entry.symbol !== row.symbol));
                        setPlan(null);
                      }}
                      aria-label={`Remove ${row.symbol}`}
                    >
                      <X aria-hidden="true" />
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
          <p className={cn("text-sm tabular-nums", isBalanced ? "text-muted-foreground" : "text-destructive")} data-testid="rebalance-sum">
            Total {Math.round(sum * 100) / 100}%{isBalanced ? "" : hasInvalid ? " — each target must be between 0 and 100" : " — the targets must add up to 100%"}
          </p>
          <div className="flex flex-col gap-2">
            <Label htmlFor="rebalance-add-symbol">Add an asset</Label>
            <div className="flex gap-2">
              <Input
                id="rebalance-add-symbol"
                placeholder="ETH"
                value={newSymbol}
                onChange={(event) => setNewSymbol(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter") {
                    event.preventDefault();
                    onAdd();
                  }
                }}
                className="w-32"
                aria-invalid={newSymbolError ? true : undefined}
                aria-describedby={newSymbolError ? "rebalance-add-error" : undefined}
                data-testid="rebalance-add-symbol"
              />
              <Button variant="outline" onClick={onAdd} data-testid="rebalance-add">
                <Plus aria-hidden="true" />
                Add
              </Button>
            </div>
            {newSymbolError ? (
              <p id="rebalance-add-error" className="text-sm text-destructive">
                {newSymbolError}
              </p>
            ) : null}
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="rebalance-min-trade">Minimum trade (USD)</Label>
            <Input id="rebalance-min-trade" inputMode="decimal" value={minTrade} onChange={(event) => setMinTrade(event.target.value)} className="w-32" data-testid="rebalance-min-trade" />
          </div>
          <div className="flex flex-wrap gap-2">
            <Button onClick={onPlan} disabled={!isBalanced || !isMinTradeValid || isPlanning || rows.length === 0} data-testid="rebalance-plan">
              {isPlanning ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <Scale aria-hidden="true" />}
              Plan trades
            </Button>
            {canSave ? (
              <Button variant="outline" onClick={onSave} disabled={!isBalanced || isSaving || rows.length === 0} data-testid="rebalance-save">
                {isSaving ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <Save aria-hidden="true" />}
                Save as targets
              </Button>
            ) : null}
          </div>
          <FormError>{error}</FormError>
        </div>
        <div className="flex flex-col gap-3" data-testid="rebalance-plan-result">
          {plan ? (
            <>
              {plan.trades.length === 0 ? (
                <p className="text-sm text-muted-foreground">The portfolio is already within the minimum trade of the targets: nothing to do.</p>
              ) : (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Trade</TableHead>
                      <TableHead className="text-right">Quantity</TableHead>
                      <TableHead className="text-right">Value</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {plan.trades.map((trade) => (
                      <TableRow key={`${trade.side}-${trade.symbol}`} data-testid="rebalance-trade" data-symbol={trade.symbol} data-side={trade.side}>
                        <TableCell className={cn("font-medium", trade.side === "buy" ? "text-up" : "text-down")}>
                          {trade.side === "buy" ? "Buy" : "Sell"} {trade.symbol}
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{formatQuantity(trade.quantity)}</TableCell>
                        <TableCell className="text-right tabular-nums">{formatUsd(trade.valueUsd)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
              <p className="text-sm text-muted-foreground">
                Sells {formatUsd(plan.sellValueUsd)} · buys {formatUsd(plan.buyValueUsd)} · portfolio {formatUsd(plan.totalValueUsd)}
              </p>
              {plan.skipped.length > 0 ? (
                <p className="text-xs text-muted-foreground">
                  Skipped:{" "}
                  {plan.skipped.map((trade) => `${trade.side} ${formatQuantity(trade.quantity)} ${trade.symbol} (${formatUsd(trade.valueUsd)}, ${REASON_TEXT[trade.reason]})`).join("; ")}
                </p>
              ) : null}
            </>
          ) : (
            <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">The trades appear here after &ldquo;Plan trades&rdquo;.</p>
          )}
        </div>
      </div>
    </div>
  );
}
