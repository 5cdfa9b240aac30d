"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { LoaderCircle } from "lucide-react";

import { formatPct, formatPrice } from "@/components/market/format";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { LiquidationEstimate } from "@/lib/signals/liquidation-tool";
import { cn } from "@/lib/utils";

import { describeStop } from "./price-axis";
import { PriceAxis } from "./price-axis-chart";

const CUSTOM = "custom";
const RECALC_DELAY_MS = 350;

type Side = "long" | "short";
type Mode = "isolated" | "cross";

type FormState = {
  symbol: string;
  side: Side;
  marginMode: Mode;
  entryPrice: string;
  quantity: string;
  leverage: string;
  walletBalance: string;
  maintenanceMarginRatePct: string;
  maintenanceAmount: string;
  takerFeePct: string;
  stopPrice: string;
};

type FieldErrors = Record<string, string>;

type Props = {
  /** Symbols with a bracket table ("BTCUSDT") and the market price of each when known. */
  symbols: readonly { symbol: string; price: number | null }[];
  defaultFeePct: string;
};

const SELECT_CLASS =
  "h-10 w-full rounded-md border border-input bg-background px-3 text-sm outline-hidden focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background";

function pctToFraction(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return trimmed;
  // Percent → fraction without binary noise: 0.05 % → "0.0005".
  return String(Number((value / 100).toPrecision(12)));
}

function toRequest(form: FormState): Record<string, unknown> {
  const body: Record<string, unknown> = {
    side: form.side,
    marginMode: form.marginMode,
    entryPrice: form.entryPrice.trim(),
    quantity: form.quantity.trim(),
    leverage: form.leverage.trim(),
  };
  if (form.symbol !== CUSTOM) body.symbol = form.symbol;
  // An empty balance is left out, so the answer says it is required rather than malformed.
  if (form.marginMode === "cross" && form.walletBalance.trim() !== "") body.walletBalance = form.walletBalance.trim();
  const rate = pctToFraction(form.maintenanceMarginRatePct);
  if (rate !== undefined) body.maintenanceMarginRate = rate;
  if (form.maintenanceAmount.trim() !== "" && rate !== undefined) body.maintenanceAmount = form.maintenanceAmount.trim();
  const fee = pctToFraction(form.takerFeePct);
  body.takerFeeRate = fee ?? "0";
  return body;
}

function Segmented<T extends string>({ name, value, options, onChange }: { name: string; value: T; options: readonly [T, string][]; onChange: (value: T) => void }) {
  return (
    <div role="radiogroup" aria-label={name} className="grid grid-cols-2 gap-1 rounded-md border p-1">
      {options.map(([option, label]) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={value === option}
          data-testid={`liq-${name.toLowerCase().replace(/\s+/g, "-")}-${option}`}
          onClick={() => onChange(option)}
          className={cn(
            "rounded px-3 py-1.5 text-sm font-medium transition-colors",
            value === option ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-muted",
          )}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function Field({ id, label, help, error, children }: { id: string; label: string; help: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      <p id={`${id}-help`} className="text-xs text-muted-foreground">
        {help}
      </p>
      {error ? (
        <p className="text-xs text-down" data-testid={`liq-error-${id}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The liquidation calculator: every input explained, results recomputed as you type, and a price axis. */
export function LiquidationCalculator({ symbols, defaultFeePct }: Props) {
  const first = symbols[0];
  const [form, setForm] = useState<FormState>({
    symbol: first?.symbol ?? CUSTOM,
    side: "long",
    marginMode: "isolated",
    entryPrice: first?.price ? String(first.price) : "",
    quantity: "0.1",
    leverage: "10",
    walletBalance: "",
    maintenanceMarginRatePct: "",
    maintenanceAmount: "",
    takerFeePct: defaultFeePct,
    stopPrice: "",
  });
  const [result, setResult] = useState<LiquidationEstimate | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);
  const requestId = useRef(0);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((current) => ({ ...current, [key]: value }));

  const request = useMemo(() => toRequest(form), [form]);
  const requestKey = JSON.stringify(request);

  useEffect(() => {
    const id = ++requestId.current;
    const timer = setTimeout(async () => {
      setIsLoading(true);
      try {
        const response = await fetch("/api/v1/tools/liquidation", {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: requestKey,
        });
        const body = (await response.json()) as {
          success: boolean;
          data?: LiquidationEstimate;
          error?: { message: string; details?: { field: string; message: string }[] };
        };
        if (id !== requestId.current) return;
        if (body.success && body.data) {
          setResult(body.data);
          setErrors({});
          setFormError(null);
        } else {
          const fieldErrors: FieldErrors = {};
          for (const detail of body.error?.details ?? []) fieldErrors[detail.field] ??= detail.message;
          setErrors(fieldErrors);
          setFormError(Object.keys(fieldErrors).length > 0 ? null : (body.error?.message ?? "Could not calculate."));
          setResult(null);
        }
      } catch {
        if (id === requestId.current) setFormError("Could not reach the calculator. Check your connection.");
      } finally {
        if (id === requestId.current) setIsLoading(false);
      }
    }, RECALC_DELAY_MS);
    return () => clearTimeout(timer);
  }, [requestKey]);

  const marketPrice = symbols.find((item) => item.symbol === form.symbol)?.price ?? null;
  const entry = Number(form.entryPrice);
  const stop = form.stopPrice.trim() === "" ? null : Number(form.stopPrice);
  const liquidation = result?.liquidationPrice ? Number(result.liquidationPrice) : null;
  const stopInfo = result
    ? describeStop({ side: form.side, entryPrice: entry, quantity: Number(form.quantity), stopPrice: stop, liquidationPrice: liquidation, takerFeeRate: Number(result.takerFeeRate) })
    : null;
  const isManualRate = form.symbol === CUSTOM || form.maintenanceMarginRatePct.trim() !== "";

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <Card>
        <CardHeader>
          <CardTitle as="h2">Position</CardTitle>
          <CardDescription>USDⓈ-margined perpetual, one-way mode, priced with Binance&apos;s liquidation formula.</CardDescription>
        </CardHeader>
        <CardContent>
          <form className="flex flex-col gap-5" onSubmit={(event) => event.preventDefault()} data-testid="liq-form">
            <Field id="symbol" label="Contract" help="Sets the maintenance margin tiers. Choose “Other” to enter a rate yourself." error={errors.symbol}>
              <select id="symbol" className={SELECT_CLASS} value={form.symbol} onChange={(event) => set("symbol", event.target.value)} data-testid="liq-symbol">
                {symbols.map((item) => (
                  <option key={item.symbol} value={item.symbol}>
                    {item.symbol} perpetual
                  </option>
                ))}
                <option value={CUSTOM}>Other (enter the maintenance rate)</option>
              </select>
            </Field>

            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="side" label="Direction" help="Long profits when the price rises, short when it falls.">
                <Segmented name="Side" value={form.side} options={[["long", "Long"], ["short", "Short"]]} onChange={(value) => set("side", value)} />
              </Field>
              <Field id="marginMode" label="Margin mode" help="Isolated risks only this position's margin; cross risks the whole wallet.">
                <Segmented name="Margin mode" value={form.marginMode} options={[["isolated", "Isolated"], ["cross", "Cross"]]} onChange={(value) => set("marginMode", value)} />
              </Field>
            </div>

            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="entryPrice" label="Entry price (USDT)" help="The average price the position was opened at." error={errors.entryPrice}>
                <div className="flex gap-2">
                  <Input id="entryPrice" inputMode="decimal" value={form.entryPrice} onChange={(event) => set("entryPrice", event.target.value)} data-testid="liq-entry" aria-describedby="entryPrice-help" />
                  {marketPrice ? (
                    <Button type="button" variant="outline" size="sm" className="h-10" onClick={() => set("entryPrice", String(marketPrice))}>
                      Market
                    </Button>
                  ) : null}
                </div>
              </Field>
              <Field id="quantity" label="Quantity (base asset)" help="Position size in coins, e.g. 0.5 BTC. Notional = quantity × entry." error={errors.quantity}>
                <Input id="quantity" inputMode="decimal" value={form.quantity} onChange={(event) => set("quantity", event.target.value)} data-testid="liq-quantity" aria-describedby="quantity-help" />
              </Field>
            </div>

            <Field id="leverage" label={`Leverage: ${form.leverage || "—"}x`} help="Initial margin = notional ÷ leverage. Larger positions allow less leverage (see the bracket)." error={errors.leverage}>
              <div className="flex items-center gap-3">
                <input
                  type="range"
                  min={1}
                  max={125}
                  value={Number(form.leverage) || 1}
                  onChange={(event) => set("leverage", event.target.value)}
                  className="w-full accent-primary"
                  aria-label="Leverage slider"
                />
                <Input id="leverage" inputMode="numeric" className="w-20" value={form.leverage} onChange={(event) => set("leverage", event.target.value)} data-testid="liq-leverage" aria-describedby="leverage-help" />
              </div>
            </Field>

            {form.marginMode === "cross" ? (
              <Field id="walletBalance" label="Wallet balance (USDT)" help="Cross margin: the futures wallet balance that backs this position." error={errors.walletBalance}>
                <Input id="walletBalance" inputMode="decimal" value={form.walletBalance} onChange={(event) => set("walletBalance", event.target.value)} data-testid="liq-wallet" aria-describedby="walletBalance-help" />
              </Field>
            ) : null}

            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                id="maintenanceMarginRate"
                label="Maintenance margin rate (%)"
                help={form.symbol === CUSTOM ? "Required: the exchange's maintenance rate for this size, e.g. 0.5." : "Optional: leave empty to use the contract's bracket."}
                error={errors.maintenanceMarginRate}
              >
                <Input id="maintenanceMarginRate" inputMode="decimal" placeholder={result && !isManualRate ? String(Number(result.maintenanceMarginRate) * 100) : ""} value={form.maintenanceMarginRatePct} onChange={(event) => set("maintenanceMarginRatePct", event.target.value)} data-testid="liq-mmr" />
              </Field>
              <Field id="maintenanceAmount" label="Maintenance amount (USDT)" help="The bracket's deduction (“cum”); only with a rate of your own." error={errors.maintenanceAmount}>
                <Input id="maintenanceAmount" inputMode="decimal" disabled={!isManualRate} value={form.maintenanceAmount} onChange={(event) => set("maintenanceAmount", event.target.value)} data-testid="liq-mma" />
              </Field>
            </div>

            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="takerFeeRate" label="Taker fee (%)" help="Fee of the forced close, taken from the same margin. 0 matches Binance's calculator." error={errors.takerFeeRate}>
                <Input id="takerFeeRate" inputMode="decimal" value={form.takerFeePct} onChange={(event) => set("takerFeePct", event.target.value)} data-testid="liq-fee" />
              </Field>
              <Field id="stopPrice" label="Stop price (optional)" help="Drawn on the axis; checks the stop fires before liquidation.">
                <Input id="stopPrice" inputMode="decimal" value={form.stopPrice} onChange={(event) => set("stopPrice", event.target.value)} data-testid="liq-stop" />
              </Field>
            </div>
            {formError ? (
              <p role="alert" className="text-sm text-down">
                {formError}
              </p>
            ) : null}
          </form>
        </CardContent>
      </Card>

      <div className="flex flex-col gap-6">
        <Card aria-live="polite">
          <CardHeader>
            <CardTitle as="h2" className="flex items-center gap-2">
              Result {isLoading ? <LoaderCircle className="size-4 animate-spin text-muted-foreground" aria-label="Calculating" /> : null}
            </CardTitle>
            <CardDescription>Mark price at which the position is liquidated, and the margins behind it.</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {result ? (
              <>
                <div>
                  <p className="text-sm text-muted-foreground">Liquidation price</p>
                  <p className="text-3xl font-semibold tabular-nums" data-testid="liq-result-price">
                    {result.liquidationPrice ? formatPrice(Number(result.liquidationPrice)) : "None"}
                  </p>
                  <p className="text-sm text-muted-foreground">
                    {result.liquidationPrice
                      ? `${formatPct(Number(result.distancePct) * (form.side === "long" ? -1 : 1))} from entry · without the fee ${formatPrice(Number(result.liquidationPriceWithoutFee))}`
                      : "A 1x long (or one with enough margin) cannot be liquidated: the price would have to fall below zero."}
                  </p>
                </div>
                <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm" data-testid="liq-result">
                  <Figure label="Notional" value={`${formatPrice(Number(result.notional), 2)} USDT`} />
                  <Figure label="Initial margin" value={`${formatPrice(Number(result.initialMargin), 2)} USDT`} testId="liq-result-im" />
                  <Figure label="Maintenance margin" value={`${formatPrice(Number(result.maintenanceMargin), 2)} USDT`} testId="liq-result-mm" />
                  <Figure label="Maintenance rate / amount" value={`${(Number(result.maintenanceMarginRate) * 100).toFixed(2)}% / ${formatPrice(Number(result.maintenanceAmount), 2)}`} />
                  <Figure label="Margin balance" value={`${formatPrice(Number(result.marginBalance), 2)} USDT`} />
                  <Figure label="Margin ratio at entry" value={`${Number(result.marginRatioPct).toFixed(2)}%`} />
                  <Figure label="Opening fee" value={`${formatPrice(Number(result.openingFee), 2)} USDT`} />
                  <Figure label="Fee at liquidation" value={result.closingFeeAtLiquidation ? `${formatPrice(Number(result.closingFeeAtLiquidation), 2)} USDT` : "—"} />
                  <Figure
                    label="Bracket"
                    value={result.bracket ? `#${result.bracket.bracket}: up to ${formatPrice(Number(result.bracket.notionalCap), 0)} USDT, max ${result.bracket.maxLeverage}x` : "Your own rate"}
                  />
                  <Figure label="Tiers as of" value={result.bracketsAsOf ?? "—"} />
                </dl>
                {stopInfo ? (
                  <p className={cn("rounded-md border p-3 text-sm", stopInfo.isBeforeLiquidation && stopInfo.isOnLossSide ? "border-up/40" : "border-down/40")} data-testid="liq-stop-note">
                    {!stopInfo.isOnLossSide
                      ? "The stop is on the profit side of the entry: it would act as a take-profit."
                      : stopInfo.isBeforeLiquidation
                        ? `The stop fires before liquidation; the loss there is about ${formatPrice(stopInfo.loss, 2)} USDT including fees.`
                        : "The stop lies beyond the liquidation price: the position would be liquidated first. Move the stop or add margin."}
                  </p>
                ) : null}
              </>
            ) : (
              <p className="text-sm text-muted-foreground" data-testid="liq-result-empty">
                Fill in the position to see its liquidation price.
              </p>
            )}
          </CardContent>
        </Card>
        {result ? (
          <Card>
            <CardHeader>
              <CardTitle as="h2">Price axis</CardTitle>
              <CardDescription>Entry, liquidation and your stop on one scale; the shaded band is where the position loses.</CardDescription>
            </CardHeader>
            <CardContent>
              <PriceAxis side={form.side} entryPrice={entry} liquidationPrice={liquidation} stopPrice={stop} />
            </CardContent>
          </Card>
        ) : null}
      </div>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
