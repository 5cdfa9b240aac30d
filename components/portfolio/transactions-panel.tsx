"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { toast } from "sonner";

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
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { deleteTransactionAction } from "@/lib/portfolio/actions";
import type { TransactionView } from "@/lib/portfolio/queries";

import { formatDateTime, formatQuantity, formatUsd } from "./format";
import { TRANSACTION_TYPE_LABEL, TransactionDialog } from "./transaction-dialog";

type Pagination = { page: number; totalPages: number; total: number };

type TransactionsPanelProps = {
  portfolioId: string;
  transactions: readonly TransactionView[];
  pagination: Pagination;
  canEdit: boolean;
};

type DialogState = { kind: "closed" } | { kind: "add" } | { kind: "edit"; transaction: TransactionView };

function describe(transaction: TransactionView): string {
  return `${TRANSACTION_TYPE_LABEL[transaction.type]} ${formatQuantity(transaction.quantity)} ${transaction.symbol}`;
}

export function AddTransactionButton({ portfolioId }: { portfolioId: string }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setIsOpen(true)} data-testid="add-transaction">
        <Plus aria-hidden="true" />
        Add transaction
      </Button>
      <TransactionDialog portfolioId={portfolioId} transaction={null} isOpen={isOpen} onOpenChange={setIsOpen} />
    </>
  );
}

export function TransactionsPanel({ portfolioId, transactions, pagination, canEdit }: TransactionsPanelProps) {
  const [dialog, setDialog] = useState<DialogState>({ kind: "closed" });
  const [toDelete, setToDelete] = useState<TransactionView | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [isDeleting, startDelete] = useTransition();

  const onDelete = () => {
    const transaction = toDelete;
    if (!transaction) return;
    setDeleteError(null);
    startDelete(async () => {
      const result = await deleteTransactionAction({ portfolioId, transactionId: transaction.id });
      if (result.ok) {
        toast.success(`Deleted: ${describe(transaction)}.`);
        setToDelete(null);
        return;
      }
      setDeleteError(
        result.error.code === "INSUFFICIENT_HOLDINGS"
          ? `Later transactions sell or move ${transaction.symbol} that this one brought in: ${result.error.details?.[0]?.message ?? result.error.message}. Delete or edit those first.`
          : result.error.message,
      );
    });
  };

  return (
    <div className="flex flex-col gap-4">
      {transactions.length === 0 ? (
        <div className="rounded-lg border border-dashed px-6 py-8 text-center text-sm text-muted-foreground" data-testid="transactions-empty">
          {canEdit ? (
            <>
              <p className="font-medium text-foreground">No transactions yet</p>
              <p className="mt-1">Start with your first buy or deposit, or import a CSV exported from your exchange.</p>
              <Button className="mt-4" onClick={() => setDialog({ kind: "add" })} data-testid="add-first-transaction">
                <Plus aria-hidden="true" />
                Add your first transaction
              </Button>
            </>
          ) : (
            <p>This portfolio has no transactions yet.</p>
          )}
        </div>
      ) : (
        <Table data-testid="transactions-table">
          <TableHeader>
            <TableRow>
              <TableHead>Date</TableHead>
              <TableHead>Type</TableHead>
              <TableHead>Asset</TableHead>
              <TableHead className="text-right">Quantity</TableHead>
              <TableHead className="text-right">Price</TableHead>
              <TableHead className="text-right">Fee</TableHead>
              <TableHead>Note</TableHead>
              {canEdit ? (
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {transactions.map((transaction) => (
              <TableRow key={transaction.id} data-testid="transaction-row" data-transaction-id={transaction.id} data-symbol={transaction.symbol} data-type={transaction.type}>
                <TableCell className="tabular-nums">{formatDateTime(transaction.executedAt)}</TableCell>
                <TableCell>
                  <div className="flex items-center gap-1.5">
                    {TRANSACTION_TYPE_LABEL[transaction.type]}
                    {transaction.source !== "manual" ? <Badge variant="secondary">{transaction.source}</Badge> : null}
                  </div>
                </TableCell>
                <TableCell className="font-medium">{transaction.symbol}</TableCell>
                <TableCell className="text-right tabular-nums">{formatQuantity(transaction.quantity)}</TableCell>
                <TableCell className="text-right tabular-nums">{transaction.price === null ? "—" : formatUsd(transaction.price)}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {Number(transaction.fee) === 0
                    ? "—"
                    : transaction.feeCurrency && !["USD", "USDT", "USDC"].includes(transaction.feeCurrency)
                      ? `${formatQuantity(transaction.fee)} ${transaction.feeCurrency}`
                      : formatUsd(transaction.fee, Number(transaction.fee) >= 0.01 ? 2 : undefined)}
                </TableCell>
                <TableCell className="max-w-56 truncate text-muted-foreground" title={transaction.note ?? undefined}>
                  {transaction.note ?? ""}
                </TableCell>
                {canEdit ? (
                  <TableCell>
                    <div className="flex justify-end gap-1">
                      <Button variant="ghost" size="icon-sm" onClick={() => setDialog({ kind: "edit", transaction })} data-testid="tx-edit" aria-label={`Edit: ${describe(transaction)}`}>
                        <Pencil aria-hidden="true" />
                      </Button>
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        onClick={() => {
                          setDeleteError(null);
                          setToDelete(transaction);
                        }}
                        data-testid="tx-delete"
                        aria-label={`Delete: ${describe(transaction)}`}
                      >
                        <Trash2 aria-hidden="true" />
                      </Button>
                    </div>
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {pagination.totalPages > 1 ? (
        <nav aria-label="Transaction pages" className="flex items-center justify-between gap-3 text-sm">
          <span className="text-muted-foreground">
            Page {pagination.page} of {pagination.totalPages} · {pagination.total} transactions
          </span>
          <div className="flex gap-2">
            {pagination.page > 1 ? (
              <Button asChild variant="outline" size="sm">
                <Link href={`?page=${pagination.page - 1}`} scroll={false}>
                  Newer
                </Link>
              </Button>
            ) : null}
            {pagination.page < pagination.totalPages ? (
              <Button asChild variant="outline" size="sm">
                <Link href={`?page=${pagination.page + 1}`} scroll={false}>
                  Older
                </Link>
              </Button>
            ) : null}
          </div>
        </nav>
      ) : null}

      {canEdit ? (
        <TransactionDialog
          portfolioId={portfolioId}
          transaction={dialog.kind === "edit" ? dialog.transaction : null}
          isOpen={dialog.kind !== "closed"}
          onOpenChange={(open) => {
            if (!open) setDialog({ kind: "closed" });
          }}
        />
      ) : null}

      <AlertDialog
        open={toDelete !== null}
        onOpenChange={(open) => {
          if (!open && !isDeleting) setToDelete(null);
        }}
      >
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete this transaction?</AlertDialogTitle>
            <AlertDialogDescription>
              {toDelete ? `${describe(toDelete)} on ${formatDateTime(toDelete.executedAt)}.` : null} Holdings, P&amp;L and the value history are recalculated.
            </AlertDialogDescription>
          </AlertDialogHeader>
          {deleteError ? (
            <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive" data-testid="tx-delete-error">
              {deleteError}
            </p>
          ) : null}
          <AlertDialogFooter>
            <AlertDialogCancel disabled={isDeleting}>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={(event) => {
                // Stay open until the server answers, so a refusal can be shown.
                event.preventDefault();
                onDelete();
              }}
              disabled={isDeleting}
              data-testid="tx-delete-confirm"
            >
              Delete
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
