"use client";

import { useState, useTransition } from "react";
import { LoaderCircle } from "lucide-react";
import { toast } from "sonner";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { saveRobotConfigAction } from "@/lib/robot/actions";
import type { RobotConfigView } from "@/lib/robot/config";
import { robotConfigInputSchema } from "@/lib/robot/schemas";

export type KeyOption = { id: string; label: string; exchangeName: string; testnet: boolean };

type Values = {
  mode: "paper" | "live";
  exchangeKeyId: string;
  leverage: string;
  balancePct: string;
  takeProfitPct: string;
  stopLossPct: string;
  minConfidence: string;
  autoTrade: boolean;
  paperBalance: string;
};

function initialValues(config: RobotConfigView | undefined): Values {
  return {
    mode: config?.mode ?? "paper",
    exchangeKeyId: config?.exchangeKeyId ?? "",
    leverage: String(config?.leverage ?? 1),
    balancePct: String(config?.balancePct ?? 10),
    takeProfitPct: String(config?.takeProfitPct ?? 2),
    stopLossPct: String(config?.stopLossPct ?? 1),
    minConfidence: String(config?.minConfidence ?? 60),
    autoTrade: config?.autoTrade ?? true,
    paperBalance: "",
  };
}

const FIELDS: { name: keyof Values & string; label: string; hint: string; step: string }[] = [
  { name: "leverage", label: "Leverage (×)", hint: "1–125 on paper; live trading is spot (1×).", step: "1" },
  { name: "balancePct", label: "Balance per trade (%)", hint: "Share of the wallet used as margin, 1–100.", step: "0.1" },
  { name: "takeProfitPct", label: "Take profit (%)", hint: "Price move from the entry.", step: "0.1" },
  { name: "stopLossPct", label: "Stop loss (%)", hint: "Price move against the entry.", step: "0.1" },
  { name: "minConfidence", label: "Minimum confidence", hint: "Signals below it are skipped, 0–100.", step: "1" },
];

/** The settings of one symbol's robot, checked with the server's schema before they are sent. */
export function RobotConfigForm({ symbol, config, keys, canTradeLive }: { symbol: string; config: RobotConfigView | undefined; keys: KeyOption[]; canTradeLive: boolean }) {
  const [values, setValues] = useState<Values>(() => initialValues(config));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const set = <K extends keyof Values>(name: K, value: Values[K]) => setValues((previous) => ({ ...previous, [name]: value }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const payload = {
      symbol,
      mode: values.mode,
      exchangeKeyId: values.mode === "live" && values.exchangeKeyId ? values.exchangeKeyId : null,
      leverage: values.leverage,
      balancePct: values.balancePct,
      takeProfitPct: values.takeProfitPct,
      stopLossPct: values.stopLossPct,
      minConfidence: values.minConfidence,
      autoTrade: values.autoTrade,
      ...(values.paperBalance.trim() ? { paperBalance: values.paperBalance.trim() } : {}),
    };
    const parsed = robotConfigInputSchema.safeParse(payload);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message])));
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result = await saveRobotConfigAction(payload);
      if (result.ok) {
        toast.success(`Settings for ${symbol} saved.`);
        set("paperBalance", "");
        return;
      }
      setErrors(Object.fromEntries((result.error.details ?? []).map((detail) => [detail.field, detail.message])));
      setFormError(result.error.message);
    });
  };

  return (
    <form className="flex flex-col gap-4" onSubmit={submit} noValidate data-testid="robot-config-form">
      <FormError>{formError}</FormError>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Label htmlFor="robot-mode">Mode</Label>
          <Select value={values.mode} onValueChange={(mode) => set("mode", mode as Values["mode"])}>
            <SelectTrigger id="robot-mode" data-testid="robot-mode">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="paper">Paper (simulated fills)</SelectItem>
              <SelectItem value="live" disabled={!canTradeLive}>
                Live (your exchange key){canTradeLive ? "" : " — Pro tier"}
              </SelectItem>
            </SelectContent>
          </Select>
          <FieldError id="robot-error-mode" message={errors.mode} />
        </div>
        {values.mode === "live" ? (
          <div className="flex flex-col gap-2">
            <Label htmlFor="robot-key">Exchange key</Label>
            <Select value={values.exchangeKeyId} onValueChange={(id) => set("exchangeKeyId", id)}>
              <SelectTrigger id="robot-key" data-testid="robot-key" aria-invalid={Boolean(errors.exchangeKeyId)}>
                <SelectValue placeholder={keys.length ? "Choose a key" : "No key yet: add one in Settings"} />
              </SelectTrigger>
              <SelectContent>
                {keys.map((key) => (
                  <SelectItem key={key.id} value={key.id}>
                    {key.exchangeName} · {key.label}
                    {key.testnet ? " (testnet)" : ""}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <FieldError id="robot-error-exchangeKeyId" message={errors.exchangeKeyId} />
          </div>
        ) : (
          <div className="flex flex-col gap-2">
            <Label htmlFor="robot-paperBalance">Reset paper balance (USDT)</Label>
            <Input
              id="robot-paperBalance"
              inputMode="decimal"
              placeholder={config ? `now ${Number(config.paperBalance).toFixed(2)}` : "10000"}
              value={values.paperBalance}
              onChange={(event) => set("paperBalance", event.target.value)}
              aria-invalid={Boolean(errors.paperBalance)}
              data-testid="robot-paperBalance"
            />
            <FieldError id="robot-error-paperBalance" message={errors.paperBalance} />
          </div>
        )}
        {FIELDS.map((field) => (
          <div key={field.name} className="flex flex-col gap-2">
            <Label htmlFor={`robot-${field.name}`}>{field.label}</Label>
            <Input
              id={`robot-${field.name}`}
              type="number"
              inputMode="decimal"
              step={field.step}
              value={values[field.name] as string}
              onChange={(event) => set(field.name, event.target.value as never)}
              aria-invalid={Boolean(errors[field.name])}
              aria-describedby={`robot-hint-${field.name}`}
              data-testid={`robot-${field.name}`}
            />
            <p id={`robot-hint-${field.name}`} className="text-xs text-muted-foreground">
              {field.hint}
            </p>
            <FieldError id={`robot-error-${field.name}`} message={errors[field.name]} />
          </div>
        ))}
        <div className="flex items-center justify-between gap-3 rounded-md border px-3 py-2 sm:col-span-2">
          <div>
            <Label htmlFor="robot-autoTrade">Auto-trade</Label>
            <p className="text-xs text-muted-foreground">Off: signals are logged with the reason, no position is opened.</p>
          </div>
          <Switch id="robot-autoTrade" checked={values.autoTrade} onCheckedChange={(checked) => set("autoTrade", checked)} data-testid="robot-autoTrade" />
        </div>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={isPending} data-testid="robot-save">
          {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
          Save settings
        </Button>
      </div>
    </form>
  );
}
