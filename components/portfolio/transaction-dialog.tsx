"use client";

import { useState, useTransition } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { LoaderCircle } from "lucide-react";
import { toast } from "sonner";
import { z } from "zod";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/action-result";
import { addTransactionAction, updateTransactionAction } from "@/lib/portfolio/actions";
import type { TransactionView } from "@/lib/portfolio/queries";
import { createTransactionSchema } from "@/lib/portfolio/schemas";

const TRANSACTION_TYPES = createTransactionSchema.shape.type.options;
type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const TRANSACTION_TYPE_LABEL: Record<TransactionType, string> = {
  buy: "Buy",
  sell: "Sell",
  deposit: "Deposit",
  withdraw: "Withdraw",
  transfer_in: "Transfer in",
  transfer_out: "Transfer out",
  fee: "Fee",
  staking_reward: "Staking reward",
  airdrop: "Airdrop",
};

const PRICED_TYPES = new Set<TransactionType>(["buy", "sell"]);

const FIELDS = ["type", "symbol", "quantity", "price", "fee", "executedAt", "note", "isManualAsset"] as const;
type Field = (typeof FIELDS)[number];

type FormValues = {
  type: TransactionType;
  symbol: string;
  quantity: string;
  price: string;
  fee: string;
  executedAt: string;
  note: string;
  isManualAsset: boolean;
};

function toPayload(values: FormValues) {
  const executedAt = new Date(values.executedAt);
  return {
    type: values.type,
    symbol: values.symbol,
    quantity: values.quantity,
    price: values.price.trim() === "" ? null : values.price,
    fee: values.fee.trim() === "" ? "0" : values.fee,
    executedAt: Number.isNaN(executedAt.getTime()) ? values.executedAt : executedAt.toISOString(),
    note: values.note.trim() === "" ? null : values.note.trim(),
    isManualAsset: values.isManualAsset,
  };
}

// The form keeps strings; each submit is checked with the server's own schema, so the messages match.
const formSchema = z
  .object({
    type: z.enum(TRANSACTION_TYPES),
    symbol: z.string(),
    quantity: z.string(),
    price: z.string(),
    fee: z.string(),
    executedAt: z.string().min(1, { error: "Enter the date and time of the transaction." }),
    note: z.string(),
    isManualAsset: z.boolean(),
  })
  .superRefine((values, ctx) => {
    const parsed = createTransactionSchema.safeParse(toPayload(values));
    if (parsed.success) return;
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      if (!FIELDS.includes(field as Field) || seen.has(field)) continue;
      seen.add(field);
      ctx.addIssue({ code: "custom", path: [field], message: issue.message });
    }
  });

function toLocalInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function trimDecimal(value: string | null): string {
  if (value === null) return "";
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

function initialValues(transaction: TransactionView | null): FormValues {
  if (!transaction) {
    return { type: "buy", symbol: "", quantity: "", price: "", fee: "", executedAt: toLocalInput(new Date()), note: "", isManualAsset: false };
  }
  return {
    type: transaction.type,
    symbol: transaction.symbol,
    quantity: trimDecimal(transaction.quantity),
    price: trimDecimal(transaction.price),
    fee: trimDecimal(transaction.fee) === "0" ? "" : trimDecimal(transaction.fee),
    executedAt: toLocalInput(new Date(transaction.executedAt)),
    note: transaction.note ?? "",
    isManualAsset: transaction.isManualAsset,
  };
}

type ActionError = Extract<ActionResult<unknown>, { ok: false }>["error"];

// "Transaction … needs 5 BTC but only 0.6 is held" → the amounts, without the internal id.
function describeInsufficient(error: ActionError): string {
  const match = /needs (\S+) (\S+) but only (\S+) is held/.exec(error.message);
  if (match) {
    const [, needed, symbol, held] = match;
    return `Not enough ${symbol}: this needs ${needed} ${symbol}, but the portfolio holds only ${held} ${symbol} at that date. Nothing was saved.`;
  }
  return `${error.details?.[0]?.message ?? error.message}. Nothing was saved.`;
}

type TransactionDialogProps = {
  portfolioId: string;
  /** null: add a new transaction. */
  transaction: TransactionView | null;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
};

export function TransactionDialog({ portfolioId, transaction, isOpen, onOpenChange }: TransactionDialogProps) {
  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{transaction ? "Edit transaction" : "Add transaction"}</DialogTitle>
          <DialogDescription>
            Amounts are in US dollars. A buy&apos;s fee adds to its cost; a sell&apos;s fee reduces its proceeds. Sales use the oldest lots first (FIFO).
          </DialogDescription>
        </DialogHeader>
        {/* Remounted on every open, so the form starts from the transaction (or now) each time. */}
        {isOpen ? <TransactionForm portfolioId={portfolioId} transaction={transaction} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function TransactionForm({ portfolioId, transaction, onDone }: { portfolioId: string; transaction: TransactionView | null; onDone: () => void }) {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<{ code: string; message: string } | null>(null);
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: initialValues(transaction) });
  const { errors } = form.formState;
  const type = useWatch({ control: form.control, name: "type" });
  const isPriced = PRICED_TYPES.has(type);

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    const payload = toPayload(values);
    startTransition(async () => {
      const result = transaction
        ? await updateTransactionAction({ portfolioId, transactionId: transaction.id, changes: payload })
        : await addTransactionAction({ portfolioId, transaction: payload });
      if (result.ok) {
        toast.success(transaction ? "Transaction updated." : `${TRANSACTION_TYPE_LABEL[payload.type]} of ${trimDecimal(result.data.quantity)} ${result.data.symbol} added.`);
        onDone();
        return;
      }
      if (result.error.code === "INSUFFICIENT_HOLDINGS") {
        form.setError("quantity", { type: "server", message: result.error.details?.[0]?.message ?? "More than is held." });
        setFormError({ code: result.error.code, message: describeInsufficient(result.error) });
        return;
      }
      // Details name fields as "transaction.quantity" (add) or "changes.quantity" (edit).
      let isPlaced = false;
      for (const detail of result.error.details ?? []) {
        const field = detail.field.split(".").at(-1) as Field;
        if (FIELDS.includes(field)) {
          form.setError(field, { type: "server", message: detail.message });
          isPlaced = true;
        }
      }
      if (!isPlaced || result.error.code !== "VALIDATION_ERROR") setFormError({ code: result.error.code, message: result.error.message });
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={isPending} data-testid="transaction-form">
      <FormError data-testid="tx-error" data-code={formError?.code}>
        {formError ? <p>{formError.message}</p> : null}
      </FormError>
      <fieldset disabled={isPending} className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Transaction</legend>
        <div className="flex flex-col gap-2">
          <Label htmlFor="tx-type">Type</Label>
          <Controller
            control={form.control}
            name="type"
            render={({ field }) => (
              <Select name={field.name} value={field.value} onValueChange={(value) => field.onChange(value as TransactionType)} disabled={isPending}>
                <SelectTrigger id="tx-type" className="w-full" data-testid="tx-type">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {TRANSACTION_TYPES.map((option) => (
                    <SelectItem key={option} value={option} data-testid={`tx-type-${option}`}>
                      {TRANSACTION_TYPE_LABEL[option]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="tx-symbol">Asset</Label>
          <Input
            id="tx-symbol"
            placeholder="BTC"
            autoComplete="off"
            autoCapitalize="characters"
            aria-invalid={errors.symbol ? true : undefined}
            aria-describedby={errors.symbol ? "tx-symbol-error" : undefined}
            data-testid="tx-symbol"
            {...form.register("symbol")}
          />
          <FieldError id="tx-symbol-error" message={errors.symbol?.message} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="tx-quantity">Quantity</Label>
          <Input
            id="tx-quantity"
            inputMode="decimal"
            placeholder="0.5"
            autoComplete="off"
            aria-invalid={errors.quantity ? true : undefined}
            aria-describedby={errors.quantity ? "tx-quantity-error" : undefined}
            data-testid="tx-quantity"
            {...form.register("quantity")}
          />
          <FieldError id="tx-quantity-error" message={errors.quantity?.message} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="tx-price">Price per unit (USD){isPriced ? "" : " — optional"}</Label>
          <Input
            id="tx-price"
            inputMode="decimal"
            placeholder={isPriced ? "65000" : "Leave empty for no cost basis"}
            autoComplete="off"
            aria-invalid={errors.price ? true : undefined}
            aria-describedby={errors.price ? "tx-price-error" : undefined}
            data-testid="tx-price"
            {...form.register("price")}
          />
          <FieldError id="tx-price-error" message={errors.price?.message} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="tx-fee">Fee (USD) — optional</Label>
          <Input
            id="tx-fee"
            inputMode="decimal"
            placeholder="0"
            autoComplete="off"
            aria-invalid={errors.fee ? true : undefined}
            aria-describedby={errors.fee ? "tx-fee-error" : undefined}
            data-testid="tx-fee"
            {...form.register("fee")}
          />
          <FieldError id="tx-fee-error" message={errors.fee?.message} />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="tx-date">Date and time (your time zone)</Label>
          <Input
            id="tx-date"
            type="datetime-local"
            aria-invalid={errors.executedAt ? true : undefined}
            aria-describedby={errors.executedAt ? "tx-date-error" : undefined}
            data-testid="tx-date"
            {...form.register("executedAt")}
          />
          <FieldError id="tx-date-error" message={errors.executedAt?.message} />
        </div>
        <div className="flex flex-col gap-2 sm:col-span-2">
          <Label htmlFor="tx-note">Note — optional</Label>
          <Textarea
            id="tx-note"
            rows={2}
            aria-invalid={errors.note ? true : undefined}
            aria-describedby={errors.note ? "tx-note-error" : undefined}
            data-testid="tx-note"
            {...form.register("note")}
          />
          <FieldError id="tx-note-error" message={errors.note?.message} />
        </div>
        <div className="flex items-start gap-3 sm:col-span-2">
          <Controller
            control={form.control}
            name="isManualAsset"
            render={({ field }) => (
              <Switch id="tx-manual" checked={field.value} onCheckedChange={field.onChange} disabled={isPending} data-testid="tx-manual" />
            )}
          />
          <Label htmlFor="tx-manual" className="flex flex-col items-start gap-0.5 font-normal">
            <span className="font-medium">Asset not on the market feed</span>
            <span className="text-xs text-muted-foreground">Value it at the last price entered by hand (shown as &ldquo;manual price&rdquo;).</span>
          </Label>
        </div>
      </fieldset>
      <DialogFooter>
        <Button type="submit" disabled={isPending} data-testid="tx-submit">
          {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
          {transaction ? "Save changes" : "Add transaction"}
        </Button>
      </DialogFooter>
    </form>
  );
}
