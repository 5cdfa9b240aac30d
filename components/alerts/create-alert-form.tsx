"use client";

import { useEffect, useState, useTransition } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { createAlertAction } from "@/lib/alerts/actions";
import { ALERT_TYPE_LABELS, ALERT_TYPES, DEFAULT_COOLDOWN_MINUTES, type AlertType } from "@/lib/alerts/schemas";

const SELECT_CLASSES =
  "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive";

const HINTS: Record<AlertType, string> = {
  price_above: "Fires when the price crosses up through the threshold.",
  price_below: "Fires when the price crosses down through the threshold.",
  pct_move: "Fires when the price rises or falls by the threshold % within the window, counted from when the alert is armed.",
  signal: "Fires when the signal generator publishes a new signal on this symbol (after your plan's signal delay).",
  pump: "Fires when the pump scanner detects a pump or a dump on this symbol.",
};

type FieldErrors = Record<string, string>;

async function fetchLastPrice(symbol: string): Promise<number | null> {
  try {
    const res = await fetch(`/api/v1/market/ticker/${encodeURIComponent(symbol)}`, { cache: "no-store" });
    if (!res.ok) return null;
    const body = (await res.json()) as { data?: { last?: number } };
    return typeof body.data?.last === "number" ? body.data.last : null;
  } catch {
    return null;
  }
}

export function CreateAlertForm({ symbols, canPush }: { symbols: readonly string[]; canPush: boolean }) {
  const [type, setType] = useState<AlertType>("price_above");
  const [symbol, setSymbol] = useState(symbols[0] ?? "");
  const [threshold, setThreshold] = useState("");
  const [windowMinutes, setWindowMinutes] = useState("15");
  const [isRepeating, setIsRepeating] = useState(false);
  const [cooldownMinutes, setCooldownMinutes] = useState(String(DEFAULT_COOLDOWN_MINUTES));
  const [notifyEmail, setNotifyEmail] = useState(false);
  const [notifyPush, setNotifyPush] = useState(false);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [quote, setQuote] = useState<{ symbol: string; price: number | null } | null>(null);
  const [isPending, startTransition] = useTransition();

  const isPrice = type === "price_above" || type === "price_below";
  const isPct = type === "pct_move";

  const lastPrice = quote?.symbol === symbol ? quote.price : null;

  useEffect(() => {
    let isCurrent = true;
    if (symbol) {
      void fetchLastPrice(symbol).then((price) => {
        if (isCurrent) setQuote({ symbol, price });
      });
    }
    return () => {
      isCurrent = false;
    };
  }, [symbol]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    startTransition(async () => {
      const result = await createAlertAction({
        type,
        symbol,
        threshold: isPrice || isPct ? threshold : undefined,
        windowMinutes: isPct ? windowMinutes : undefined,
        isRepeating,
        cooldownMinutes: isRepeating ? cooldownMinutes : undefined,
        notifyEmail,
        notifyPush,
        note: note || undefined,
      });
      if (!result.ok) {
        const fields: FieldErrors = {};
        for (const detail of result.error.details ?? []) fields[detail.field] ??= detail.message;
        setErrors(fields);
        setFormError(result.error.message);
        return;
      }
      toast.success("Alert created", { description: `${result.data.symbol}: ${ALERT_TYPE_LABELS[result.data.type].toLowerCase()}` });
      setThreshold("");
      setNote("");
    });
  };

  const fieldError = (field: string) =>
    errors[field] ? (
      <p className="text-xs text-destructive" data-testid={`alert-error-${field}`} role="alert">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" data-testid="alert-form" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="alert-type">Type</Label>
          <select
            id="alert-type"
            className={SELECT_CLASSES}
            value={type}
            onChange={(event) => {
              setType(event.target.value as AlertType);
              setErrors({});
            }}
            data-testid="alert-type"
          >
            {ALERT_TYPES.map((value) => (
              <option key={value} value={value}>
                {ALERT_TYPE_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="alert-symbol">Symbol</Label>
          <select id="alert-symbol" className={SELECT_CLASSES} value={symbol} onChange={(event) => setSymbol(event.target.value)} data-testid="alert-symbol" aria-invalid={Boolean(errors.symbol)}>
            {symbols.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
          {fieldError("symbol")}
        </div>
      </div>
      <p className="text-sm text-muted-foreground" data-testid="alert-type-hint">
        {HINTS[type]}
      </p>

      {isPrice || isPct ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="alert-threshold">{isPct ? "Move (%)" : "Price"}</Label>
            <Input
              id="alert-threshold"
              inputMode="decimal"
              autoComplete="off"
              placeholder={isPct ? "3" : lastPrice !== null ? String(lastPrice) : "65000"}
              value={threshold}
              onChange={(event) => setThreshold(event.target.value)}
              aria-invalid={Boolean(errors.threshold)}
              data-testid="alert-threshold"
            />
            {isPrice ? (
              <p className="text-xs text-muted-foreground" data-testid="alert-last-price" data-price={lastPrice ?? ""}>
                {lastPrice !== null ? `Now ${lastPrice.toLocaleString("en-US", { maximumFractionDigits: 8 })}` : "Loading the current price…"}
              </p>
            ) : null}
            {fieldError("threshold")}
          </div>
          {isPct ? (
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="alert-window">Window (minutes)</Label>
              <Input
                id="alert-window"
                inputMode="numeric"
                value={windowMinutes}
                onChange={(event) => setWindowMinutes(event.target.value)}
                aria-invalid={Boolean(errors.windowMinutes)}
                data-testid="alert-window"
              />
              {fieldError("windowMinutes")}
            </div>
          ) : null}
        </div>
      ) : null}

      <div className="flex flex-col gap-3 rounded-md border p-3">
        <label className="flex items-center justify-between gap-3 text-sm">
          <span>
            Repeat
            <span className="block text-xs text-muted-foreground">Stays active after firing; waits the cooldown before firing again.</span>
          </span>
          <Switch checked={isRepeating} onCheckedChange={setIsRepeating} data-testid="alert-repeating" />
        </label>
        {isRepeating ? (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="alert-cooldown">Cooldown (minutes)</Label>
            <Input id="alert-cooldown" inputMode="numeric" value={cooldownMinutes} onChange={(event) => setCooldownMinutes(event.target.value)} aria-invalid={Boolean(errors.cooldownMinutes)} data-testid="alert-cooldown" />
            {fieldError("cooldownMinutes")}
          </div>
        ) : null}
        <label className="flex items-center justify-between gap-3 text-sm">
          <span>Email me</span>
          <Switch checked={notifyEmail} onCheckedChange={setNotifyEmail} data-testid="alert-notify-email" />
        </label>
        <label className="flex items-center justify-between gap-3 text-sm">
          <span>
            Push to my devices
            {canPush ? null : <span className="block text-xs text-muted-foreground">Web Push is not configured on this server.</span>}
          </span>
          <Switch checked={notifyPush} onCheckedChange={setNotifyPush} disabled={!canPush} data-testid="alert-notify-push" />
        </label>
      </div>

      <div className="flex flex-col gap-1.5">
        <Label htmlFor="alert-note">Note (optional)</Label>
        <Input id="alert-note" maxLength={200} value={note} onChange={(event) => setNote(event.target.value)} data-testid="alert-note" />
        {fieldError("note")}
      </div>

      {formError ? (
        <p className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive" data-testid="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <Button type="submit" disabled={isPending || !symbol} data-testid="alert-submit">
        {isPending ? "Creating…" : "Create alert"}
      </Button>
    </form>
  );
}
