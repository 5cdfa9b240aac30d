"use client";

import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { LoaderCircle, Play, OctagonX } from "lucide-react";
import { toast } from "sonner";

import { FormError } from "@/components/auth/form-messages";
import { formatPrice } from "@/components/market/format";
import { useTicker } from "@/components/market/use-market-stream";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { startRobotAction, stopRobotAction } from "@/lib/robot/actions";
import type { PaperWallet } from "@/lib/robot/balance";
import type { RobotConfigView, RobotEventView } from "@/lib/robot/config";
import type { StopReport } from "@/lib/robot/executor";
import type { TradeView } from "@/lib/robot/journal";
import { cn } from "@/lib/utils";

import { RobotConfigForm, type KeyOption } from "./robot-config-form";

type Props = {
  symbols: string[];
  configs: RobotConfigView[];
  wallets: PaperWallet[];
  openTrades: TradeView[];
  events: RobotEventView[];
  keys: KeyOption[];
  canTradeLive: boolean;
  maxRobots: number;
};

const usd = (value: number) => value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = (value: number) => `${value > 0 ? "+" : value < 0 ? "−" : ""}${usd(Math.abs(value))}`;

export function RobotDashboard({ symbols, configs, wallets, openTrades, events, keys, canTradeLive, maxRobots }: Props) {
  const router = useRouter();
  const [symbol, setSymbol] = useState(configs[0]?.symbol ?? symbols[0] ?? "BTC-USDT");
  const [stopReport, setStopReport] = useState<StopReport | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [isConfirmOpen, setConfirmOpen] = useState(false);
  const [closePositions, setClosePositions] = useState(true);
  const [isPending, startTransition] = useTransition();
  const config = configs.find((candidate) => candidate.symbol === symbol);
  const running = configs.filter((candidate) => candidate.isRunning);
  const isAnyRunning = running.length > 0;

  // The robot acts on the server; refresh its status, positions and log while one runs.
  useEffect(() => {
    if (!isAnyRunning && openTrades.length === 0) return;
    const timer = setInterval(() => router.refresh(), 10_000);
    return () => clearInterval(timer);
  }, [isAnyRunning, openTrades.length, router]);

  const start = () => {
    setActionError(null);
    startTransition(async () => {
      const result = await startRobotAction({ symbol });
      if (!result.ok) {
        setActionError(result.error.message);
        return;
      }
      setStopReport(null);
      toast.success(result.data.started.length ? `Robot for ${symbol} started.` : `Robot for ${symbol} was already running.`);
    });
  };

  const stop = () => {
    setActionError(null);
    startTransition(async () => {
      const result = await stopRobotAction({ closePositions });
      setConfirmOpen(false);
      if (!result.ok) {
        setActionError(result.error.message);
        return;
      }
      setStopReport(result.data);
    });
  };

  const symbolOptions = [...new Set([...configs.map((candidate) => candidate.symbol), ...symbols])];

  return (
    <div className="flex flex-col gap-6">
      <FormError>{actionError}</FormError>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Settings</CardTitle>
            <CardDescription>
              One robot per symbol ({configs.length} of {maxRobots} on your plan). It opens a position when a signal for the symbol arrives with enough confidence, and
              closes it at the take profit or the stop loss.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div className="flex flex-col gap-2 sm:max-w-xs">
              <Label htmlFor="robot-symbol">Symbol</Label>
              <Select value={symbol} onValueChange={setSymbol}>
                <SelectTrigger id="robot-symbol" data-testid="robot-symbol">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {symbolOptions.map((option) => (
                    <SelectItem key={option} value={option}>
                      {option}
                      {configs.some((candidate) => candidate.symbol === option) ? " ●" : ""}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <RobotConfigForm key={`${symbol}-${config?.updatedAt ?? "new"}`} symbol={symbol} config={config} keys={keys} canTradeLive={canTradeLive} />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle as="h2">Status</CardTitle>
            <CardDescription>{config ? `${symbol} · ${config.mode === "paper" ? "paper trading" : "live trading"}` : `No robot for ${symbol} yet: save its settings first.`}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <div className="flex items-center gap-2">
              <Badge
                data-testid="robot-status"
                data-state={config?.isRunning ? "running" : "stopped"}
                className={cn(config?.isRunning ? "bg-up/15 text-up" : "bg-muted text-muted-foreground")}
                variant="outline"
              >
                {config?.isRunning ? "Running" : "Stopped"}
              </Badge>
              {config?.isRunning && !config.autoTrade ? <span className="text-xs text-muted-foreground">auto-trade off</span> : null}
            </div>
            {config?.mode === "paper" ? <WalletSummary wallet={wallets.find((wallet) => wallet.configId === config.id)} /> : null}
            <div className="flex flex-wrap gap-2">
              <Button onClick={start} disabled={!config || config.isRunning || isPending} data-testid="robot-start">
                {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <Play aria-hidden="true" />}
                Start
              </Button>
              <Button variant="destructive" onClick={() => setConfirmOpen(true)} disabled={isPending || (!isAnyRunning && openTrades.length === 0)} data-testid="robot-stop">
                <OctagonX aria-hidden="true" />
                Kill switch
              </Button>
            </div>
            <p className="text-xs text-muted-foreground">
              {running.length ? `Running: ${running.map((candidate) => candidate.symbol).join(", ")}.` : "No robot is running."}
            </p>
          </CardContent>
        </Card>
      </div>

      {stopReport ? <StopResult report={stopReport} onDismiss={() => setStopReport(null)} /> : null}

      <Card>
        <CardHeader>
          <CardTitle as="h2">Open positions</CardTitle>
          <CardDescription>Profit and loss at the live price, after the fees paid so far.</CardDescription>
        </CardHeader>
        <CardContent>
          {openTrades.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="robot-no-positions">
              No open position.
            </p>
          ) : (
            <ul className="flex flex-col gap-3">
              {openTrades.map((trade) => (
                <OpenPosition key={trade.id} trade={trade} />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Robot log</CardTitle>
          <CardDescription>Every start, stop, position and skipped signal, with its reason.</CardDescription>
        </CardHeader>
        <CardContent>
          {events.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing yet.</p>
          ) : (
            <ol className="flex flex-col divide-y" data-testid="robot-events">
              {events.map((event) => (
                <li key={event.id} className="flex flex-col gap-1 py-2 sm:flex-row sm:gap-3" data-testid="robot-event" data-type={event.type}>
                  <time className="shrink-0 text-xs text-muted-foreground tabular-nums sm:w-40" dateTime={event.createdAt}>
                    {new Date(event.createdAt).toLocaleString()}
                  </time>
                  <Badge variant="outline" className="w-fit shrink-0">
                    {event.type}
                  </Badge>
                  <span className="text-sm">{event.message}</span>
                </li>
              ))}
            </ol>
          )}
        </CardContent>
      </Card>

      <AlertDialog open={isConfirmOpen} onOpenChange={setConfirmOpen}>
        <AlertDialogContent data-testid="robot-stop-confirm">
          <AlertDialogHeader>
            <AlertDialogTitle>Stop every robot?</AlertDialogTitle>
            <AlertDialogDescription asChild>
              <div className="flex flex-col gap-2 text-sm text-muted-foreground">
                <p>
                  {running.length
                    ? `${running.length} running robot${running.length > 1 ? "s" : ""} will stop: ${running.map((candidate) => candidate.symbol).join(", ")}.`
                    : "No robot is running."}
                </p>
                <p>
                  {openTrades.length === 0
                    ? "No position is open."
                    : closePositions
                      ? `${openTrades.length} open position${openTrades.length > 1 ? "s" : ""} will be closed at market (${openTrades.map((trade) => `${trade.side} ${trade.symbol}`).join(", ")}); live take-profit orders are cancelled first.`
                      : `${openTrades.length} open position${openTrades.length > 1 ? "s" : ""} stay open; their take profit and stop loss remain watched.`}
                </p>
              </div>
            </AlertDialogDescription>
          </AlertDialogHeader>
          <div className="flex items-center justify-between gap-3 rounded-md border px-3 py-2">
            <Label htmlFor="robot-close-positions">Close open positions</Label>
            <Switch id="robot-close-positions" checked={closePositions} onCheckedChange={setClosePositions} data-testid="robot-close-positions" />
          </div>
          <AlertDialogFooter>
            <AlertDialogCancel disabled={isPending}>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive text-destructive-foreground hover:bg-destructive/90"
              onClick={(event) => {
                event.preventDefault();
                stop();
              }}
              disabled={isPending}
              data-testid="robot-stop-submit"
            >
              {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              Stop now
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

function WalletSummary({ wallet }: { wallet: PaperWallet | undefined }) {
  if (!wallet) return null;
  return (
    <dl className="grid grid-cols-2 gap-2 text-sm">
      <dt className="text-muted-foreground">Paper balance</dt>
      <dd className="text-right tabular-nums" data-testid="robot-paper-balance">
        {usd(Number(wallet.balance))} USDT
      </dd>
      <dt className="text-muted-foreground">Equity</dt>
      <dd className="text-right tabular-nums">{usd(Number(wallet.equity))} USDT</dd>
      <dt className="text-muted-foreground">Margin in use</dt>
      <dd className="text-right tabular-nums">{usd(Number(wallet.marginInUse))} USDT</dd>
    </dl>
  );
}

function OpenPosition({ trade }: { trade: TradeView }) {
  const ticker = useTicker(trade.symbol);
  const price = ticker?.last ?? null;
  const quantity = Number(trade.quantity);
  const entry = Number(trade.entryPrice);
  const pnl = price === null ? null : (trade.side === "long" ? price - entry : entry - price) * quantity - Number(trade.fees);
  const margin = (entry * quantity) / trade.leverage;
  return (
    <li className="grid gap-2 rounded-md border p-3 text-sm sm:grid-cols-5" data-testid="robot-position">
      <div className="font-medium">
        {trade.symbol} <span className={trade.side === "long" ? "text-up" : "text-down"}>{trade.side}</span> {trade.leverage}× · {trade.mode}
      </div>
      <div>
        {quantity} @ {formatPrice(entry)}
      </div>
      <div className="text-muted-foreground">
        TP {trade.takeProfit ? formatPrice(Number(trade.takeProfit)) : "—"} · SL {trade.stopLoss ? formatPrice(Number(trade.stopLoss)) : "—"}
      </div>
      <div>Mark {formatPrice(price)}</div>
      <div className={cn("tabular-nums sm:text-right", pnl === null ? "" : pnl >= 0 ? "text-up" : "text-down")} data-testid="robot-position-pnl">
        {pnl === null ? "—" : `${signed(pnl)} USDT (${((pnl / margin) * 100).toFixed(2)} %)`}
      </div>
    </li>
  );
}

function StopResult({ report, onDismiss }: { report: StopReport; onDismiss: () => void }) {
  return (
    <Card data-testid="robot-stop-result" role="status">
      <CardHeader>
        <CardTitle as="h2">Kill switch result</CardTitle>
        <CardDescription data-testid="robot-stop-summary">{report.summary}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        {report.closedTrades.length ? (
          <ul className="flex flex-col gap-1">
            {report.closedTrades.map((trade) => (
              <li key={trade.tradeId} data-testid="robot-stop-closed">
                Closed {trade.side} {trade.quantity} {trade.symbol} at {formatPrice(Number(trade.exitPrice))} — P&L {signed(Number(trade.pnl))} USDT after {usd(Number(trade.fees))} fees
              </li>
            ))}
          </ul>
        ) : null}
        {report.cancelledOrders.length ? <p>Cancelled orders: {report.cancelledOrders.map((order) => `${order.symbol} #${order.orderId}`).join(", ")}</p> : null}
        {report.leftOpen.length ? <p>Left open: {report.leftOpen.map((trade) => `${trade.side} ${trade.symbol}`).join(", ")}</p> : null}
        {report.failed.length ? (
          <ul className="text-destructive">
            {report.failed.map((failure) => (
              <li key={failure.tradeId}>
                {failure.symbol}: {failure.message}
              </li>
            ))}
          </ul>
        ) : null}
        <div>
          <Button variant="outline" size="sm" onClick={onDismiss}>
            Dismiss
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
