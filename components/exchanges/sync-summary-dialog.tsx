"use client";

import Link from "next/link";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SyncResult } from "@/lib/exchanges/sync";

import { formatQuantity, formatUsd, pluralize } from "./format";
import { RelativeTime } from "./relative-time";

export function describeSync(result: SyncResult): string {
  return `Synced ${pluralize(result.addedTrades, "trade", "trades")}, ${pluralize(result.addedTransfers, "transfer", "transfers")} — total ${formatUsd(result.totalValueUsd)}`;
}

type SyncSummaryDialogProps = {
  result: SyncResult | null;
  keyLabel: string;
  // Only when the portfolio pages are available: the link must never lead to a missing page.
  canLinkPortfolio: boolean;
  onClose: () => void;
};

export function SyncSummaryDialog({ result, keyLabel, canLinkPortfolio, onClose }: SyncSummaryDialogProps) {
  return (
    <Dialog open={result !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {result ? (
        <DialogContent data-testid="sync-summary">
          <DialogHeader>
            <DialogTitle>Synced “{keyLabel}”</DialogTitle>
            <DialogDescription data-testid="sync-summary-text">{describeSync(result)}</DialogDescription>
          </DialogHeader>

          <p className="text-sm text-muted-foreground">
            Balances and trades are in the portfolio{" "}
            {canLinkPortfolio ? (
              <Link href={`/portfolios/${result.portfolioId}`} className="font-medium text-primary underline underline-offset-4 hover:decoration-2" data-testid="sync-portfolio-link">
                {result.portfolioName}
              </Link>
            ) : (
              <span className="font-medium text-foreground">{result.portfolioName}</span>
            )}
            , as of <RelativeTime iso={result.syncedAt} />.
          </p>

          {result.balances.length === 0 ? (
            <p className="text-sm text-muted-foreground">The account holds no assets.</p>
          ) : (
            <Table data-testid="sync-balances">
              <TableHeader>
                <TableRow>
                  <TableHead>Asset</TableHead>
                  <TableHead className="text-right">Quantity</TableHead>
                  <TableHead className="text-right">Price</TableHead>
                  <TableHead className="text-right">Value</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {result.balances.map((balance) => (
                  <TableRow key={balance.asset}>
                    <TableCell className="font-medium">{balance.asset}</TableCell>
                    <TableCell className="text-right font-mono tabular-nums">{formatQuantity(balance.quantity)}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatUsd(balance.priceUsd)}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatUsd(balance.valueUsd)}</TableCell>
                  </TableRow>
                ))}
                <TableRow className="font-medium">
                  <TableCell colSpan={3}>Total</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid="sync-summary-total">
                    {formatUsd(result.totalValueUsd)}
                  </TableCell>
                </TableRow>
              </TableBody>
            </Table>
          )}

          {result.skippedTrades.length > 0 ? (
            <details className="text-sm" data-testid="sync-skipped">
              <summary className="cursor-pointer text-muted-foreground">
                {pluralize(result.skippedTrades.length, "trade was", "trades were")} skipped
              </summary>
              <ul className="mt-2 flex list-disc flex-col gap-1 pl-5 text-muted-foreground">
                {result.skippedTrades.map((trade) => (
                  <li key={trade.id}>
                    {trade.symbol}: {trade.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}

          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline" data-testid="sync-summary-close">
                Close
              </Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
