"use client";

import { useMemo, useState, useTransition } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { ExternalLink, LoaderCircle, MailWarning } from "lucide-react";
import { toast } from "sonner";
import { z } from "zod";

import { FieldError, FormError, FormSuccess } from "@/components/auth/form-messages";
import { applyServerErrors } from "@/components/auth/server-errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/action-result";
import { resendVerificationAction } from "@/lib/auth/actions";
import { addExchangeKeyAction } from "@/lib/exchanges/actions";
import type { ExchangeKeyView } from "@/lib/exchanges/keys";
import { createExchangeKeySchema } from "@/lib/exchanges/schemas";

import { ExchangeKeyWarnings } from "./exchange-key-warnings";

export type ExchangeOption = {
  id: string;
  name: string;
  needsPassphrase: boolean;
  hasSandbox: boolean;
  apiKeyDocsUrl: string | null;
  isSimulated: boolean;
  // The secret is a multi-line PEM private key, which a single-line input would mangle.
  hasMultilineSecret: boolean;
};

// The action's schema, loosened where the form has its own rules: the exchange starts unchosen, and the
// passphrase and testnet fields exist only for some exchanges.
const addKeyFormSchema = createExchangeKeySchema.extend({
  exchange: z.string().min(1, { error: "Choose an exchange." }),
  passphrase: z.string().trim().max(256, { error: "The passphrase is too long." }),
  testnet: z.boolean(),
});

type AddKeyFormValues = z.infer<typeof addKeyFormSchema>;

function buildFormSchema(exchanges: readonly ExchangeOption[]) {
  return addKeyFormSchema.superRefine((values, ctx) => {
    const exchange = exchanges.find((option) => option.id === values.exchange);
    if (exchange?.needsPassphrase && !values.passphrase) {
      ctx.addIssue({ code: "custom", path: ["passphrase"], message: `${exchange.name} keys need the passphrase you chose when creating the key.` });
    }
  });
}

const FIELDS = ["exchange", "label", "apiKey", "apiSecret", "passphrase", "testnet"] as const;

const EMPTY_VALUES: AddKeyFormValues = { exchange: "", label: "", apiKey: "", apiSecret: "", passphrase: "", testnet: false };

type ActionError = Extract<ActionResult<unknown>, { ok: false }>["error"];

// What to add under the exchange's own message, so the user knows nothing was stored and what to try.
const ERROR_HINTS: Partial<Record<ActionError["code"], string>> = {
  EXCHANGE_AUTH_FAILED: "Nothing was stored. Copy the key and secret again, and check the key is enabled on the exchange.",
  EXCHANGE_UNAVAILABLE: "Nothing was stored. Try again in a few minutes.",
  EXCHANGE_TIMEOUT: "Nothing was stored. Try again in a few minutes.",
};

type AddExchangeKeyFormProps = {
  exchanges: readonly ExchangeOption[];
  email: string;
  isEmailVerified: boolean;
};

export function AddExchangeKeyForm({ exchanges, email, isEmailVerified }: AddExchangeKeyFormProps) {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<{ code: ActionError["code"]; message: string } | null>(null);
  const [addedKey, setAddedKey] = useState<ExchangeKeyView | null>(null);
  // The page may be older than the account's state: an action refused for it blocks the form too.
  const [isVerificationNeeded, setIsVerificationNeeded] = useState(!isEmailVerified);
  const resolver = useMemo(() => zodResolver(buildFormSchema(exchanges)), [exchanges]);
  const form = useForm({ resolver, defaultValues: EMPTY_VALUES });
  const { errors } = form.formState;
  const exchangeId = useWatch({ control: form.control, name: "exchange" });
  const exchange = exchanges.find((option) => option.id === exchangeId);
  const isDisabled = isPending || isVerificationNeeded;

  const onExchangeChange = (id: string) => {
    const next = exchanges.find((option) => option.id === id);
    if (!next?.needsPassphrase) form.setValue("passphrase", "");
    if (!next?.hasSandbox) form.setValue("testnet", false);
    form.clearErrors(["passphrase", "testnet"]);
  };

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setAddedKey(null);
    startTransition(async () => {
      const result = await addExchangeKeyAction({
        exchange: values.exchange,
        label: values.label,
        apiKey: values.apiKey,
        apiSecret: values.apiSecret,
        passphrase: exchange?.needsPassphrase ? values.passphrase : undefined,
        testnet: exchange?.hasSandbox ? values.testnet : false,
      });
      if (result.ok) {
        // Secrets leave the form state as soon as they are stored.
        form.reset({ ...EMPTY_VALUES, exchange: values.exchange });
        setAddedKey(result.data);
        toast.success(`${result.data.exchangeName} key “${result.data.label}” added.`);
        return;
      }
      if (result.error.code === "EMAIL_NOT_VERIFIED") {
        setIsVerificationNeeded(true);
        return;
      }
      const message = applyServerErrors(result.error, form.setError, FIELDS);
      if (message) setFormError({ code: result.error.code, message });
    });
  });

  return (
    <div className="flex flex-col gap-4">
      {isVerificationNeeded ? <VerifyEmailNotice email={email} /> : null}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="exchange-key-form" aria-busy={isPending}>
        <FormError data-code={formError?.code}>
          {formError ? (
            <>
              <p>{formError.message}</p>
              {ERROR_HINTS[formError.code] ? <p className="mt-1 text-foreground/80">{ERROR_HINTS[formError.code]}</p> : null}
            </>
          ) : null}
        </FormError>
        {addedKey ? <AddedKeyNotice exchangeKey={addedKey} /> : null}

        <fieldset disabled={isDisabled} className="grid gap-4 sm:grid-cols-2">
          <legend className="sr-only">New exchange key</legend>
          <div className="flex flex-col gap-2">
            <Label htmlFor="exchange-select">Exchange</Label>
            <Controller
              control={form.control}
              name="exchange"
              render={({ field }) => (
                <Select
                  name={field.name}
                  value={field.value}
                  disabled={isDisabled}
                  onValueChange={(value) => {
                    field.onChange(value);
                    onExchangeChange(value);
                  }}
                >
                  <SelectTrigger
                    id="exchange-select"
                    ref={field.ref}
                    onBlur={field.onBlur}
                    className="w-full"
                    aria-invalid={errors.exchange ? true : undefined}
                    aria-describedby={errors.exchange ? "exchange-select-error" : undefined}
                    data-testid="exchange-select"
                  >
                    <SelectValue placeholder="Choose an exchange" />
                  </SelectTrigger>
                  <SelectContent>
                    {exchanges.map((option) => (
                      <SelectItem key={option.id} value={option.id} data-testid={`exchange-option-${option.id}`}>
                        {option.name}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
            <FieldError id="exchange-select-error" message={errors.exchange?.message} />
            <ExchangeHelp exchange={exchange} />
          </div>

          <div className="flex flex-col gap-2">
            <Label htmlFor="exchange-label">Label</Label>
            <Input
              id="exchange-label"
              placeholder="Main account"
              autoComplete="off"
              maxLength={60}
              aria-invalid={errors.label ? true : undefined}
              aria-describedby={errors.label ? "exchange-label-error" : undefined}
              data-testid="exchange-label"
              {...form.register("label")}
            />
            <FieldError id="exchange-label-error" message={errors.label?.message} />
          </div>

          <div className="flex flex-col gap-2">
            <Label htmlFor="exchange-api-key">API key</Label>
            <Input
              id="exchange-api-key"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              className="font-mono"
              aria-invalid={errors.apiKey ? true : undefined}
              aria-describedby={errors.apiKey ? "exchange-api-key-error" : undefined}
              data-testid="exchange-api-key"
              {...form.register("apiKey")}
            />
            <FieldError id="exchange-api-key-error" message={errors.apiKey?.message} />
          </div>

          <div className="flex flex-col gap-2">
            <Label htmlFor="exchange-api-secret">API secret</Label>
            {exchange?.hasMultilineSecret ? (
              <Textarea
                id="exchange-api-secret"
                rows={4}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                className="font-mono text-xs"
                placeholder="-----BEGIN EC PRIVATE KEY-----"
                aria-invalid={errors.apiSecret ? true : undefined}
                aria-describedby={errors.apiSecret ? "exchange-api-secret-error" : undefined}
                data-testid="exchange-api-secret"
                {...form.register("apiSecret")}
              />
            ) : (
              <Input
                id="exchange-api-secret"
                type="password"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                className="font-mono"
                aria-invalid={errors.apiSecret ? true : undefined}
                aria-describedby={errors.apiSecret ? "exchange-api-secret-error" : undefined}
                data-testid="exchange-api-secret"
                {...form.register("apiSecret")}
              />
            )}
            <FieldError id="exchange-api-secret-error" message={errors.apiSecret?.message} />
          </div>

          {exchange?.needsPassphrase ? (
            <div className="flex flex-col gap-2">
              <Label htmlFor="exchange-passphrase">Passphrase</Label>
              <Input
                id="exchange-passphrase"
                type="password"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                aria-invalid={errors.passphrase ? true : undefined}
                aria-describedby={errors.passphrase ? "exchange-passphrase-error" : "exchange-passphrase-hint"}
                data-testid="exchange-passphrase"
                {...form.register("passphrase")}
              />
              <p id="exchange-passphrase-hint" className="text-xs text-muted-foreground">
                The passphrase you chose when you created the key on {exchange.name}.
              </p>
              <FieldError id="exchange-passphrase-error" message={errors.passphrase?.message} />
            </div>
          ) : null}

          {exchange?.hasSandbox ? (
            <div className="flex flex-col gap-2 sm:col-span-2">
              <div className="flex items-center gap-3">
                <Controller
                  control={form.control}
                  name="testnet"
                  render={({ field }) => (
                    <Switch
                      id="exchange-testnet"
                      ref={field.ref}
                      checked={field.value}
                      onCheckedChange={field.onChange}
                      onBlur={field.onBlur}
                      disabled={isDisabled}
                      aria-describedby="exchange-testnet-hint"
                      data-testid="exchange-testnet"
                    />
                  )}
                />
                <Label htmlFor="exchange-testnet">Use testnet</Label>
              </div>
              <p id="exchange-testnet-hint" className="text-xs text-muted-foreground">
                For a key created on {exchange.name}&apos;s testnet or demo-trading site. Testnet keys do not work on the
                live exchange, and the other way round.
              </p>
              <FieldError id="exchange-testnet-error" message={errors.testnet?.message} />
            </div>
          ) : null}
        </fieldset>

        <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
          <Button type="submit" disabled={isDisabled} data-testid="exchange-submit">
            {isPending ? (
              <>
                <LoaderCircle className="animate-spin" aria-hidden="true" />
                Testing the connection…
              </>
            ) : (
              "Test and add key"
            )}
          </Button>
          <p role="status" className="text-sm text-muted-foreground">
            {isPending ? `Checking the key with ${exchange?.name ?? "the exchange"}; this can take up to 10 seconds.` : null}
          </p>
        </div>
      </form>
    </div>
  );
}

function ExchangeHelp({ exchange }: { exchange: ExchangeOption | undefined }) {
  if (!exchange) return null;
  if (exchange.isSimulated) {
    return (
      <p className="text-xs text-muted-foreground" data-testid="exchange-help">
        Simulated, works offline: any API key starting with <code className="font-mono">demo-</code> and any secret of 8
        or more characters.
      </p>
    );
  }
  if (!exchange.apiKeyDocsUrl) return null;
  return (
    <a
      href={exchange.apiKeyDocsUrl}
      target="_blank"
      rel="noopener noreferrer"
      className="inline-flex w-fit items-center gap-1 text-xs text-primary underline-offset-4 hover:underline"
      data-testid="exchange-docs-link"
    >
      How to create an API key on {exchange.name}
      <ExternalLink className="size-3" aria-hidden="true" />
      <span className="sr-only">(opens in a new tab)</span>
    </a>
  );
}

function AddedKeyNotice({ exchangeKey }: { exchangeKey: ExchangeKeyView }) {
  return (
    <div className="flex flex-col gap-2" data-testid="exchange-key-added">
      <FormSuccess>
        The connection works: {exchangeKey.exchangeName} key “{exchangeKey.label}” (
        <span className="font-mono">{exchangeKey.apiKeyMasked}</span>) is stored encrypted.
      </FormSuccess>
      <ExchangeKeyWarnings warnings={exchangeKey.warnings} />
    </div>
  );
}

function VerifyEmailNotice({ email }: { email: string }) {
  const [isPending, startTransition] = useTransition();
  const [isSent, setIsSent] = useState(false);

  const resend = () => {
    startTransition(async () => {
      const result = await resendVerificationAction();
      if (result.ok) {
        setIsSent(true);
        toast.success(`We sent a new verification link to ${email}.`);
      } else {
        toast.error(result.error.message);
      }
    });
  };

  return (
    <div
      role="note"
      className="flex flex-col gap-3 rounded-md border border-warning/50 bg-warning/10 px-3 py-3 text-sm sm:flex-row sm:items-center"
      data-testid="exchange-verify-notice"
    >
      <MailWarning className="hidden size-5 shrink-0 text-warning sm:block" aria-hidden="true" />
      <p className="min-w-0 flex-1">
        Verify your email address before adding exchange keys: they give access to your funds, so they are only
        accepted from a verified account. Use the link we sent to <span className="font-medium">{email}</span>, then
        reload this page.
      </p>
      <Button size="sm" variant="outline" onClick={resend} disabled={isPending || isSent} data-testid="exchange-verify-resend">
        {isPending ? "Sending…" : isSent ? "Sent" : "Resend verification email"}
      </Button>
    </div>
  );
}
