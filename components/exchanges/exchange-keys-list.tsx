"use client";

import { useState, useTransition } from "react";
import { CircleAlert, KeyRound, LoaderCircle, PlugZap, RefreshCw, Trash2 } from "lucide-react";
import { toast } from "sonner";

import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { deleteExchangeKeyAction, syncExchangeKeyAction, testExchangeKeyAction } from "@/lib/exchanges/actions";
import type { ExchangeKeyView } from "@/lib/exchanges/keys";
import type { SyncResult } from "@/lib/exchanges/sync";
import { cn } from "@/lib/utils";

import { ExchangeKeyWarnings } from "./exchange-key-warnings";
import { RelativeTime } from "./relative-time";
import { describeSync, SyncSummaryDialog } from "./sync-summary-dialog";

const STATUS_BADGES: Record<ExchangeKeyView["status"], { label: string; variant: BadgeProps["variant"] }> = {
  active: { label: "Active", variant: "up" },
  invalid: { label: "Invalid", variant: "down" },
  unchecked: { label: "Not checked", variant: "secondary" },
};

// One element per key: a table row on wide screens, restyled as a card on phones.
const CELL = "max-md:block max-md:p-0 max-md:whitespace-normal";

type ExchangeKeysListProps = { keys: readonly ExchangeKeyView[]; canLinkPortfolios: boolean };

export function ExchangeKeysList({ keys, canLinkPortfolios }: ExchangeKeysListProps) {
  if (keys.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-6 py-8 text-center" data-testid="exchange-keys-empty">
        <KeyRound className="size-8 text-muted-foreground" aria-hidden="true" />
        <p className="font-medium">No exchange keys yet</p>
        <p className="max-w-prose text-sm text-muted-foreground">
          Create a read-only API key on your exchange, then add it with the form below; TradePulse tests it and imports
          your balances and trades. No exchange account at hand? Choose Demo (simulated) and an API key starting with{" "}
          <code className="font-mono">demo-</code>.
        </p>
        <a href="#add-exchange-key" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
          Add your first key
        </a>
      </div>
    );
  }

  return (
    <Table className="max-md:block" data-testid="exchange-keys-table">
      <TableHeader className="max-md:hidden">
        <TableRow className="hover:bg-transparent">
          <TableHead>Key</TableHead>
          <TableHead>API key</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Last checked</TableHead>
          <TableHead>Last synced</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody className="max-md:flex max-md:flex-col max-md:gap-3">
        {keys.map((exchangeKey) => (
          <ExchangeKeyRow key={exchangeKey.id} exchangeKey={exchangeKey} canLinkPortfolio={canLinkPortfolios} />
        ))}
      </TableBody>
    </Table>
  );
}

type RowAction = "test" | "sync" | "delete";

function ExchangeKeyRow({ exchangeKey, canLinkPortfolio }: { exchangeKey: ExchangeKeyView; canLinkPortfolio: boolean }) {
  const [isPending, startTransition] = useTransition();
  const [busyAction, setBusyAction] = useState<RowAction | null>(null);
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  const [syncResult, setSyncResult] = useState<SyncResult | null>(null);
  const { id: keyId, label } = exchangeKey;
  const status = STATUS_BADGES[exchangeKey.status];

  const run = (action: RowAction, task: () => Promise<void>) => {
    setBusyAction(action);
    startTransition(async () => {
      await task();
      setBusyAction(null);
    });
  };

  const testKey = () =>
    run("test", async () => {
      const result = await testExchangeKeyAction({ keyId });
      if (!result.ok) toast.error(result.error.message);
      else if (result.data.ok) toast.success(`“${label}”: the connection works.`);
      else toast.error(result.data.error?.message ?? `“${label}”: the test failed.`);
    });

  const syncKey = () =>
    run("sync", async () => {
      const result = await syncExchangeKeyAction({ keyId });
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      toast.success(`“${label}”: ${describeSync(result.data)}.`);
      setSyncResult(result.data);
    });

  const deleteKey = () =>
    run("delete", async () => {
      const result = await deleteExchangeKeyAction({ keyId });
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      setIsDeleteOpen(false);
      toast.success(`Deleted the key “${label}”.`);
    });

  return (
    <TableRow
      data-testid="exchange-key-row"
      data-status={exchangeKey.status}
      data-key-id={keyId}
      className="max-md:flex max-md:flex-col max-md:gap-3 max-md:rounded-lg max-md:border! max-md:p-4 max-md:hover:bg-transparent"
    >
      <TableCell className={cn(CELL, "align-top whitespace-normal")}>
        <div className="flex min-w-48 flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium" data-testid="exchange-key-label">
              {label}
            </span>
            {exchangeKey.testnet ? (
              <Badge variant="outline" data-testid="exchange-key-testnet">
                Testnet
              </Badge>
            ) : null}
          </div>
          <span className="text-muted-foreground" data-testid="exchange-key-exchange">
            {exchangeKey.exchangeName}
          </span>
          <ExchangeKeyWarnings warnings={exchangeKey.warnings} className="max-w-md" />
          {exchangeKey.lastError ? (
            <p className="flex max-w-md items-start gap-2 text-sm text-destructive" data-testid="exchange-key-error">
              <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
              <span>Last test failed: {exchangeKey.lastError}</span>
            </p>
          ) : null}
        </div>
      </TableCell>
      <TableCell className={cn(CELL, "align-top")}>
        <MobileLabel>API key</MobileLabel>
        <span className="font-mono text-xs" data-testid="exchange-key-masked">
          {exchangeKey.apiKeyMasked}
        </span>
      </TableCell>
      <TableCell className={cn(CELL, "align-top")}>
        <MobileLabel>Status</MobileLabel>
        <Badge variant={status.variant} data-testid="exchange-key-status">
          {status.label}
        </Badge>
      </TableCell>
      <TableCell className={cn(CELL, "align-top")}>
        <MobileLabel>Last checked</MobileLabel>
        {exchangeKey.lastCheckedAt ? <RelativeTime iso={exchangeKey.lastCheckedAt} /> : <span className="text-muted-foreground">Never</span>}
      </TableCell>
      <TableCell className={cn(CELL, "align-top")}>
        <MobileLabel>Last synced</MobileLabel>
        {exchangeKey.lastSyncedAt ? <RelativeTime iso={exchangeKey.lastSyncedAt} /> : <span className="text-muted-foreground">Never</span>}
      </TableCell>
      <TableCell className={cn(CELL, "align-top md:text-right")}>
        <div className="flex flex-wrap gap-2 md:justify-end">
          <Button size="sm" variant="outline" disabled={isPending} onClick={testKey} data-testid="exchange-key-test">
            {busyAction === "test" ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <PlugZap aria-hidden="true" />}
            {busyAction === "test" ? "Testing…" : "Test"}
            <span className="sr-only"> {label}</span>
          </Button>
          <Button size="sm" variant="outline" disabled={isPending} onClick={syncKey} data-testid="exchange-key-sync">
            <RefreshCw className={busyAction === "sync" ? "animate-spin" : undefined} aria-hidden="true" />
            {busyAction === "sync" ? "Syncing…" : "Sync"}
            <span className="sr-only"> {label}</span>
          </Button>
          <AlertDialog open={isDeleteOpen} onOpenChange={(open) => (isPending ? undefined : setIsDeleteOpen(open))}>
            <AlertDialogTrigger asChild>
              <Button size="sm" variant="outline" disabled={isPending} className="text-destructive hover:text-destructive" data-testid="exchange-key-delete">
                <Trash2 aria-hidden="true" />
                Delete
                <span className="sr-only"> {label}</span>
              </Button>
            </AlertDialogTrigger>
            <AlertDialogContent>
              <AlertDialogHeader>
                <AlertDialogTitle>
                  Delete the {exchangeKey.exchangeName} key “{label}”?
                </AlertDialogTitle>
                <AlertDialogDescription>Deletes the key and its encrypted secrets. The synced portfolio stays.</AlertDialogDescription>
              </AlertDialogHeader>
              <AlertDialogFooter>
                <AlertDialogCancel disabled={isPending}>Cancel</AlertDialogCancel>
                {/* Not AlertDialogAction: that closes the dialog before the answer, hiding a failure. */}
                <Button variant="destructive" disabled={isPending} onClick={deleteKey} data-testid="exchange-key-delete-confirm">
                  {busyAction === "delete" ? "Deleting…" : "Delete key"}
                </Button>
              </AlertDialogFooter>
            </AlertDialogContent>
          </AlertDialog>
        </div>
        <SyncSummaryDialog result={syncResult} keyLabel={label} canLinkPortfolio={canLinkPortfolio} onClose={() => setSyncResult(null)} />
      </TableCell>
    </TableRow>
  );
}

function MobileLabel({ children }: { children: React.ReactNode }) {
  return <span className="mr-2 text-sm text-muted-foreground md:hidden">{children}</span>;
}
