"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { FileUp, LoaderCircle, Upload } from "lucide-react";
import { toast } from "sonner";

import { FormError } from "@/components/auth/form-messages";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";

import { formatDateTime, formatQuantity, formatUsd } from "./format";

const FORMATS = [
  { id: "auto", label: "Detect automatically" },
  { id: "tradepulse", label: "TradePulse export" },
  { id: "binance", label: "Binance trade history" },
  { id: "coinbase", label: "Coinbase transactions" },
] as const;

type Format = (typeof FORMATS)[number]["id"];

type Preview = {
  format: string | null;
  totalRows: number;
  valid: number;
  errors: { row: number; field: string; reason: string }[];
  preview: { row: number; type: string; symbol: string; quantity: string; price: string | null; fee: string; executedAt: string }[];
};

type Envelope<T> = { success: true; data: T } | { success: false; error: { code: string; message: string; details?: { field: string; message: string }[] } };

const MAX_FILE_BYTES = 8 * 1024 * 1024;

async function postImport<T>(portfolioId: string, body: { csv: string; format: Format; dryRun: boolean }): Promise<Envelope<T>> {
  const response = await fetch(`/api/v1/portfolios/${portfolioId}/import`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  try {
    return (await response.json()) as Envelope<T>;
  } catch {
    return { success: false, error: { code: "INTERNAL", message: `The server answered ${response.status} without a readable result. Try again.` } };
  }
}

export function ImportDialog({ portfolioId }: { portfolioId: string }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [format, setFormat] = useState<Format>("auto");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const reset = () => {
    setCsv("");
    setFileName(null);
    setFormat("auto");
    setPreview(null);
    setError(null);
  };

  const onFile = async (file: File | undefined) => {
    setPreview(null);
    setError(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setError("The file is larger than 8 MB; split it into smaller files.");
      return;
    }
    setFileName(file.name);
    setCsv(await file.text());
  };

  const onPreview = () => {
    setError(null);
    setPreview(null);
    startTransition(async () => {
      const result = await postImport<Preview>(portfolioId, { csv, format, dryRun: true });
      if (result.success) setPreview(result.data);
      else setError(result.error.message);
    });
  };

  const onCommit = () => {
    setError(null);
    startTransition(async () => {
      const result = await postImport<{ imported: number }>(portfolioId, { csv, format, dryRun: false });
      if (!result.success) {
        const details = result.error.details?.slice(0, 5).map((detail) => `${detail.field}: ${detail.message}`) ?? [];
        setError([result.error.message, ...details].join(" · "));
        return;
      }
      toast.success(`Imported ${result.data.imported} transaction${result.data.imported === 1 ? "" : "s"}.`);
      setIsOpen(false);
      reset();
      router.refresh();
    });
  };

  const canCommit = preview !== null && preview.errors.length === 0 && preview.valid > 0 && !isPending;

  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        setIsOpen(open);
        if (!open) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="import-open">
          <Upload aria-hidden="true" />
          Import CSV
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>Import transactions</DialogTitle>
          <DialogDescription>
            Upload or paste a CSV: a TradePulse export (date, type, symbol, quantity, price, fee, fee_currency, note), a Binance trade history or a
            Coinbase transaction history. Preview first: every row is checked, and the import adds all rows or none.
          </DialogDescription>
        </DialogHeader>
        <div className="flex flex-col gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-2">
              <Label htmlFor="import-file">File</Label>
              <Input
                id="import-file"
                type="file"
                accept=".csv,text/csv,text/plain"
                onChange={(event) => void onFile(event.target.files?.[0])}
                data-testid="import-file"
              />
              {fileName ? <p className="text-xs text-muted-foreground">{fileName}</p> : null}
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="import-format">Format</Label>
              <Select
                value={format}
                onValueChange={(value) => {
                  setFormat(value as Format);
                  setPreview(null);
                }}
              >
                <SelectTrigger id="import-format" className="w-full" data-testid="import-format">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {FORMATS.map((option) => (
                    <SelectItem key={option.id} value={option.id}>
                      {option.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="import-csv">Or paste the CSV</Label>
            <Textarea
              id="import-csv"
              rows={5}
              value={csv}
              onChange={(event) => {
                setCsv(event.target.value);
                setFileName(null);
                setPreview(null);
              }}
              placeholder={"date,type,symbol,quantity,price,fee,fee_currency,note\n2024-05-01T10:00:00Z,buy,BTC,0.1,60000,6,USD,"}
              className="font-mono text-xs"
              data-testid="import-csv"
            />
          </div>
          <FormError data-testid="import-error">{error}</FormError>

          {preview ? (
            <div className="flex flex-col gap-3" data-testid="import-result">
              <p className="text-sm" data-testid="import-summary">
                {preview.format ? `Read as ${FORMATS.find((option) => option.id === preview.format)?.label ?? preview.format}. ` : ""}
                {preview.totalRows} row{preview.totalRows === 1 ? "" : "s"}: {preview.valid} ready to import
                {preview.errors.length ? `, ${preview.errors.length} with problems — fix them in the file and preview again. Nothing is imported while any row is wrong.` : "."}
              </p>
              {preview.errors.length ? (
                <div className="max-h-56 overflow-y-auto rounded-lg border border-destructive/40">
                  <Table data-testid="import-errors">
                    <TableHeader>
                      <TableRow>
                        <TableHead>Row</TableHead>
                        <TableHead>Field</TableHead>
                        <TableHead>Problem</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {preview.errors.map((rowError, index) => (
                        <TableRow key={`${rowError.row}-${rowError.field}-${index}`} data-testid="import-error-row" data-row={rowError.row}>
                          <TableCell className="tabular-nums">{rowError.row || "—"}</TableCell>
                          <TableCell>{rowError.field || "(row)"}</TableCell>
                          <TableCell className="whitespace-normal">{rowError.reason}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
              ) : null}
              {preview.preview.length ? (
                <div className="max-h-64 overflow-y-auto rounded-lg border">
                  <Table data-testid="import-rows">
                    <TableHeader>
                      <TableRow>
                        <TableHead>Row</TableHead>
                        <TableHead>Date</TableHead>
                        <TableHead>Type</TableHead>
                        <TableHead>Asset</TableHead>
                        <TableHead className="text-right">Quantity</TableHead>
                        <TableHead className="text-right">Price</TableHead>
                        <TableHead className="text-right">Fee</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {preview.preview.map((row) => (
                        <TableRow key={row.row} data-testid="import-row">
                          <TableCell className="tabular-nums">{row.row}</TableCell>
                          <TableCell className="tabular-nums">{formatDateTime(row.executedAt)}</TableCell>
                          <TableCell>{row.type}</TableCell>
                          <TableCell className="font-medium">{row.symbol}</TableCell>
                          <TableCell className="text-right tabular-nums">{formatQuantity(row.quantity)}</TableCell>
                          <TableCell className="text-right tabular-nums">{row.price === null ? "—" : formatUsd(row.price)}</TableCell>
                          <TableCell className="text-right tabular-nums">{formatQuantity(row.fee)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
              ) : null}
              {preview.valid > preview.preview.length ? <p className="text-xs text-muted-foreground">Showing the first {preview.preview.length} rows.</p> : null}
            </div>
          ) : null}
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={onPreview} disabled={csv.trim() === "" || isPending} data-testid="import-preview">
            {isPending && !preview ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <FileUp aria-hidden="true" />}
            Preview
          </Button>
          <Button onClick={onCommit} disabled={!canCommit} data-testid="import-commit">
            {isPending && preview ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
            Import all{preview && preview.errors.length === 0 && preview.valid > 0 ? ` ${preview.valid}` : ""}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
