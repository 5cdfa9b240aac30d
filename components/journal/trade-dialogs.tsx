"use client";

import { useState, useTransition } from "react";
import { LoaderCircle, Plus } from "lucide-react";
import { toast } from "sonner";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/action-result";
import { createTradeAction, updateTradeAction } from "@/lib/robot/actions";
import type { TradeView } from "@/lib/robot/journal";
import { createTradeSchema, updateTradeSchema } from "@/lib/robot/schemas";

type Errors = Record<string, string>;

function errorsOf(result: ActionResult<unknown>, prefix = ""): Errors {
  if (result.ok) return {};
  return Object.fromEntries((result.error.details ?? []).map((detail) => [detail.field.startsWith(prefix) ? detail.field.slice(prefix.length) : detail.field, detail.message]));
}

const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);
const tagsOf = (text: string) =>
  text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      {children}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** Adds a manual trade to the journal: open, or already closed when the exit is filled in. */
export function AddTradeDialog() {
  const [open, setOpen] = useState(false);
  const [side, setSide] = useState<"long" | "short">("long");
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const payload = {
      symbol: text("symbol"),
      side,
      entryPrice: text("entryPrice"),
      exitPrice: text("exitPrice") || null,
      quantity: text("quantity"),
      leverage: text("leverage") || 1,
      fees: text("fees") || "0",
      openedAt: toIso(text("openedAt")),
      closedAt: text("exitPrice") ? (toIso(text("closedAt")) ?? null) : null,
      notes: text("notes") || null,
      tags: tagsOf(text("tags")),
    };
    const parsed = createTradeSchema.safeParse(payload);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])));
      return;
    }
    setErrors({});
    setFormError(null);
    startTransition(async () => {
      const result = await createTradeAction(payload);
      if (!result.ok) {
        setErrors(errorsOf(result));
        setFormError(result.error.message);
        return;
      }
      toast.success(`Trade on ${result.data.symbol} added.`);
      setOpen(false);
    });
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button data-testid="journal-add">
          <Plus aria-hidden="true" />
          Add trade
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Add a trade</DialogTitle>
          <DialogDescription>Leave the exit empty for a position that is still open; close it later from the journal.</DialogDescription>
        </DialogHeader>
        <form className="flex flex-col gap-4" onSubmit={submit} noValidate data-testid="journal-add-form">
          <FormError>{formError}</FormError>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="trade-symbol" label="Pair" error={errors.symbol}>
              <Input id="trade-symbol" name="symbol" placeholder="BTC-USDT" autoCapitalize="characters" data-testid="trade-symbol" />
            </Field>
            <Field id="trade-side" label="Side" error={errors.side}>
              <Select value={side} onValueChange={(value) => setSide(value as "long" | "short")}>
                <SelectTrigger id="trade-side" data-testid="trade-side">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="long">Long</SelectItem>
                  <SelectItem value="short">Short</SelectItem>
                </SelectContent>
              </Select>
            </Field>
            <Field id="trade-entryPrice" label="Entry price" error={errors.entryPrice}>
              <Input id="trade-entryPrice" name="entryPrice" inputMode="decimal" data-testid="trade-entryPrice" />
            </Field>
            <Field id="trade-quantity" label="Size (base units)" error={errors.quantity}>
              <Input id="trade-quantity" name="quantity" inputMode="decimal" data-testid="trade-quantity" />
            </Field>
            <Field id="trade-exitPrice" label="Exit price (optional)" error={errors.exitPrice}>
              <Input id="trade-exitPrice" name="exitPrice" inputMode="decimal" data-testid="trade-exitPrice" />
            </Field>
            <Field id="trade-fees" label="Fees (USDT)" error={errors.fees}>
              <Input id="trade-fees" name="fees" inputMode="decimal" placeholder="0" data-testid="trade-fees" />
            </Field>
            <Field id="trade-leverage" label="Leverage" error={errors.leverage}>
              <Input id="trade-leverage" name="leverage" type="number" min={1} max={125} placeholder="1" />
            </Field>
            <Field id="trade-openedAt" label="Opened" error={errors.openedAt}>
              <Input id="trade-openedAt" name="openedAt" type="datetime-local" />
            </Field>
            <Field id="trade-closedAt" label="Closed" error={errors.closedAt}>
              <Input id="trade-closedAt" name="closedAt" type="datetime-local" />
            </Field>
            <Field id="trade-tags" label="Tags (comma separated)" error={errors.tags}>
              <Input id="trade-tags" name="tags" placeholder="breakout, swing" />
            </Field>
          </div>
          <Field id="trade-notes" label="Notes" error={errors.notes}>
            <Textarea id="trade-notes" name="notes" rows={3} />
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={isPending} data-testid="trade-submit">
              {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              Add trade
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Closes an open manual trade at an exit price, or edits its notes and tags. */
export function EditTradeDialog({ trade }: { trade: TradeView }) {
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const canClose = trade.status === "open" && trade.source === "manual";

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const changes = {
      ...(canClose && text("exitPrice") ? { exitPrice: text("exitPrice"), ...(text("closedAt") ? { closedAt: toIso(text("closedAt")) } : {}) } : {}),
      notes: text("notes") || null,
      tags: tagsOf(text("tags")),
    };
    const parsed = updateTradeSchema.safeParse(changes);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])));
      return;
    }
    setErrors({});
    setFormError(null);
    startTransition(async () => {
      const result = await updateTradeAction({ tradeId: trade.id, changes });
      if (!result.ok) {
        setErrors(errorsOf(result, "changes."));
        setFormError(result.error.message);
        return;
      }
      toast.success(result.data.status === "closed" && trade.status === "open" ? `Closed ${trade.symbol}.` : "Trade updated.");
      setOpen(false);
    });
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid="journal-edit">
          {canClose ? "Close / edit" : "Edit"}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            {trade.side} {trade.symbol}
          </DialogTitle>
          <DialogDescription>
            {canClose
              ? "Enter the exit price to close the trade; its P&L is computed after fees."
              : trade.source === "robot" && trade.status === "open"
                ? "The robot closes this position at its take profit or stop loss, or when you stop it."
                : "Edit your notes and tags."}
          </DialogDescription>
        </DialogHeader>
        <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
          <FormError>{formError}</FormError>
          {canClose ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id={`exit-${trade.id}`} label="Exit price" error={errors.exitPrice}>
                <Input id={`exit-${trade.id}`} name="exitPrice" inputMode="decimal" data-testid="journal-exitPrice" />
              </Field>
              <Field id={`closed-${trade.id}`} label="Closed (default now)" error={errors.closedAt}>
                <Input id={`closed-${trade.id}`} name="closedAt" type="datetime-local" />
              </Field>
            </div>
          ) : null}
          <Field id={`tags-${trade.id}`} label="Tags (comma separated)" error={errors.tags}>
            <Input id={`tags-${trade.id}`} name="tags" defaultValue={trade.tags.join(", ")} />
          </Field>
          <Field id={`notes-${trade.id}`} label="Notes" error={errors.notes}>
            <Textarea id={`notes-${trade.id}`} name="notes" rows={3} defaultValue={trade.notes ?? ""} />
          </Field>
          <DialogFooter>
            <Button type="submit" disabled={isPending} data-testid="journal-save">
              {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
