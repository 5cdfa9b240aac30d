"use client";

import { useState, useTransition } from "react";
import Image from "next/image";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Copy, Download, ShieldCheck, ShieldOff } from "lucide-react";
import { toast } from "sonner";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { applyServerErrors } from "@/components/auth/server-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { disableTwoFactorAction, enableTwoFactorAction, setupTwoFactorAction } from "@/lib/auth/actions";
import { twoFactorDisableSchema, twoFactorEnableSchema } from "@/lib/auth/schemas";

type Setup = { secret: string; otpauthUrl: string; qrDataUrl: string };

type TwoFactorSettingsProps = { isEnabled: boolean; remainingBackupCodes: number; email: string };

export function TwoFactorSettings({ isEnabled, remainingBackupCodes, email }: TwoFactorSettingsProps) {
  const [setup, setSetup] = useState<Setup | null>(null);
  const [backupCodes, setBackupCodes] = useState<string[] | null>(null);
  const [isStarting, startStarting] = useTransition();
  const [startError, setStartError] = useState<string | null>(null);

  // The codes are shown once, right after enabling; they win over the refreshed "enabled" view.
  if (backupCodes) {
    return <BackupCodesPanel codes={backupCodes} email={email} onDone={() => setBackupCodes(null)} />;
  }

  if (isEnabled) return <EnabledPanel remainingBackupCodes={remainingBackupCodes} />;

  if (setup) {
    return (
      <SetupPanel
        setup={setup}
        onCancel={() => setSetup(null)}
        onEnabled={(codes) => {
          setSetup(null);
          setBackupCodes(codes);
        }}
      />
    );
  }

  const start = () => {
    setStartError(null);
    startStarting(async () => {
      const result = await setupTwoFactorAction();
      if (result.ok) setSetup(result.data);
      else setStartError(result.error.message);
    });
  };

  return (
    <div className="flex flex-col gap-4" data-testid="totp-off">
      <div className="flex items-center gap-2 text-sm">
        <ShieldOff className="size-4 text-muted-foreground" aria-hidden="true" />
        <span>
          Two-factor authentication is <span className="font-medium">off</span>. Turn it on to ask for a code from an
          authenticator app (such as Aegis, 1Password or Google Authenticator) at every sign-in.
        </span>
      </div>
      <FormError>{startError}</FormError>
      <div>
        <Button onClick={start} disabled={isStarting} data-testid="totp-start">
          {isStarting ? "Preparing…" : "Enable two-factor authentication"}
        </Button>
      </div>
    </div>
  );
}

function formatSecret(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

function SetupPanel({ setup, onCancel, onEnabled }: { setup: Setup; onCancel: () => void; onEnabled: (codes: string[]) => void }) {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(twoFactorEnableSchema), defaultValues: { code: "" } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await enableTwoFactorAction(values);
      if (result.ok) {
        toast.success("Two-factor authentication is on.");
        onEnabled(result.data.backupCodes);
        return;
      }
      form.resetField("code", { keepError: false });
      setFormError(applyServerErrors(result.error, form.setError, ["code"]));
    });
  });

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(setup.secret);
      toast.success("Key copied.");
    } catch {
      toast.error("Could not copy; select the key and copy it by hand.");
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6" data-testid="totp-setup">
      <ol className="flex flex-col gap-6 text-sm">
        <li className="flex flex-col gap-3">
          <p>
            <span className="font-medium">1. Scan this QR code</span> with your authenticator app.
          </p>
          <Image
            src={setup.qrDataUrl}
            alt="QR code to add TradePulse to your authenticator app"
            width={200}
            height={200}
            unoptimized
            className="rounded-md border bg-white"
            data-testid="totp-qr"
          />
          <p className="text-muted-foreground">Cannot scan it? Enter this key in the app instead (time-based, 6 digits):</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="rounded-md bg-muted px-3 py-2 font-mono text-sm break-all select-all" data-testid="totp-secret">
              {formatSecret(setup.secret)}
            </code>
            <Button size="sm" variant="outline" onClick={copySecret} data-testid="totp-secret-copy">
              <Copy aria-hidden="true" />
              Copy
            </Button>
          </div>
        </li>
        <li className="flex flex-col gap-2">
          <Label htmlFor="totp-code">
            <span>
              2. Enter the <span className="font-semibold">6-digit code</span> the app shows
            </span>
          </Label>
          <Input
            id="totp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            className="max-w-40 font-mono tracking-widest"
            disabled={isPending}
            aria-invalid={errors.code ? true : undefined}
            aria-describedby={errors.code ? "totp-code-error" : undefined}
            data-testid="totp-code"
            {...form.register("code")}
          />
          <FieldError id="totp-code-error" message={errors.code?.message} />
        </li>
      </ol>
      <FormError>{formError}</FormError>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={isPending} data-testid="totp-enable">
          {isPending ? "Checking…" : "Turn on"}
        </Button>
        <Button variant="ghost" disabled={isPending} onClick={onCancel} data-testid="totp-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}

function BackupCodesPanel({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const download = () => {
    const text = [
      `TradePulse backup codes for ${email}`,
      `Created ${new Date().toISOString()}`,
      "",
      "Each code works once, in place of a code from your authenticator app.",
      "",
      ...codes,
      "",
    ].join("\n");
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "tradepulse-backup-codes.txt";
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="flex flex-col gap-4" data-testid="backup-codes">
      <div className="flex flex-col gap-1 text-sm">
        <p className="font-medium">Save your backup codes</p>
        <p className="text-muted-foreground">
          If you lose your phone, each of these codes signs you in once instead of an app code. They are shown only now:
          download them or write them down and keep them somewhere safe.
        </p>
      </div>
      <ul className="grid max-w-md grid-cols-2 gap-2 rounded-md border bg-muted/50 p-4 font-mono text-sm">
        {codes.map((code) => (
          <li key={code} data-testid="backup-code">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={download} data-testid="backup-codes-download">
          <Download aria-hidden="true" />
          Download
        </Button>
        <Button onClick={onDone} data-testid="backup-codes-done">
          I saved them
        </Button>
      </div>
    </div>
  );
}

function EnabledPanel({ remainingBackupCodes }: { remainingBackupCodes: number }) {
  const [isDisabling, setIsDisabling] = useState(false);
  return (
    <div className="flex flex-col gap-4" data-testid="totp-on">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <ShieldCheck className="size-4 text-up" aria-hidden="true" />
        <span>
          Two-factor authentication is <span className="font-medium">on</span>.
        </span>
        <Badge variant={remainingBackupCodes <= 2 ? "warning" : "secondary"} data-testid="backup-codes-remaining">
          {remainingBackupCodes} backup {remainingBackupCodes === 1 ? "code" : "codes"} left
        </Badge>
      </div>
      {remainingBackupCodes <= 2 ? (
        <p className="text-sm text-muted-foreground">
          You are running out of backup codes. To get new ones, turn two-factor authentication off and on again.
        </p>
      ) : null}
      {isDisabling ? (
        <DisableForm onCancel={() => setIsDisabling(false)} />
      ) : (
        <div>
          <Button variant="outline" onClick={() => setIsDisabling(true)} data-testid="totp-disable">
            Disable
          </Button>
        </div>
      )}
    </div>
  );
}

function DisableForm({ onCancel }: { onCancel: () => void }) {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(twoFactorDisableSchema), defaultValues: { password: "", code: "" } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await disableTwoFactorAction(values);
      if (result.ok) {
        toast.success("Two-factor authentication is off.");
        return;
      }
      form.resetField("code", { keepError: false });
      setFormError(applyServerErrors(result.error, form.setError, ["password", "code"]));
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4 rounded-md border p-4" data-testid="totp-disable-form">
      <p className="text-sm text-muted-foreground">
        Confirm with your password and a current code from your app (or a backup code).
      </p>
      <FormError>{formError}</FormError>
      <div className="flex flex-col gap-2">
        <Label htmlFor="totp-disable-password">Password</Label>
        <Input
          id="totp-disable-password"
          type="password"
          autoComplete="current-password"
          disabled={isPending}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "totp-disable-password-error" : undefined}
          data-testid="totp-disable-password"
          {...form.register("password")}
        />
        <FieldError id="totp-disable-password-error" message={errors.password?.message} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="totp-disable-code">Authentication code</Label>
        <Input
          id="totp-disable-code"
          autoComplete="one-time-code"
          className="font-mono tracking-wider"
          disabled={isPending}
          aria-invalid={errors.code ? true : undefined}
          aria-describedby={errors.code ? "totp-disable-code-error" : undefined}
          data-testid="totp-disable-code"
          {...form.register("code")}
        />
        <FieldError id="totp-disable-code-error" message={errors.code?.message} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="destructive" disabled={isPending} data-testid="totp-disable-confirm">
          {isPending ? "Turning off…" : "Turn off two-factor authentication"}
        </Button>
        <Button variant="ghost" disabled={isPending} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
