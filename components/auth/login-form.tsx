"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { applyServerErrors } from "@/components/auth/server-errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { loginAction, loginMfaAction } from "@/lib/auth/actions";
import { loginSchema, mfaLoginSchema } from "@/lib/auth/schemas";

const passwordStepSchema = loginSchema.pick({ email: true, password: true }).extend({ rememberMe: z.boolean() });
const codeStepSchema = mfaLoginSchema.pick({ code: true });

type PendingMfa = { mfaToken: string; rememberMe: boolean; email: string };

export function LoginForm({ redirectTo }: { redirectTo?: string }) {
  const [pendingMfa, setPendingMfa] = useState<PendingMfa | null>(null);
  const [expiredNotice, setExpiredNotice] = useState<string | null>(null);

  if (pendingMfa) {
    return (
      <CodeStep
        pending={pendingMfa}
        redirectTo={redirectTo}
        onRestart={(notice) => {
          setExpiredNotice(notice);
          setPendingMfa(null);
        }}
      />
    );
  }
  return <PasswordStep redirectTo={redirectTo} initialError={expiredNotice} onMfaRequired={setPendingMfa} />;
}

function PasswordStep({
  redirectTo,
  initialError,
  onMfaRequired,
}: {
  redirectTo?: string;
  initialError: string | null;
  onMfaRequired: (pending: PendingMfa) => void;
}) {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(initialError);
  const form = useForm({
    resolver: zodResolver(passwordStepSchema),
    defaultValues: { email: "", password: "", rememberMe: false },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      // On success the action redirects and never resolves with a value here.
      const result = await loginAction({ ...values, redirectTo });
      if (!result) return;
      if (result.ok) {
        if (result.data?.mfaRequired) {
          onMfaRequired({ mfaToken: result.data.mfaToken, rememberMe: values.rememberMe, email: values.email });
        }
        return;
      }
      form.resetField("password", { keepError: false });
      setFormError(applyServerErrors(result.error, form.setError, ["email", "password"]));
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="login-form">
      <FormError>{formError}</FormError>
      <div className="flex flex-col gap-2">
        <Label htmlFor="login-email">Email</Label>
        <Input
          id="login-email"
          type="email"
          autoComplete="username"
          autoFocus
          disabled={isPending}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "login-email-error" : undefined}
          data-testid="login-email"
          {...form.register("email")}
        />
        <FieldError id="login-email-error" message={errors.email?.message} />
      </div>
      <div className="flex flex-col gap-2">
        <div className="flex items-center justify-between gap-2">
          <Label htmlFor="login-password">Password</Label>
          <Link
            href="/forgot-password"
            className="text-sm text-primary underline-offset-4 hover:underline"
            data-testid="login-forgot"
          >
            Forgot password?
          </Link>
        </div>
        <Input
          id="login-password"
          type="password"
          autoComplete="current-password"
          disabled={isPending}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "login-password-error" : undefined}
          data-testid="login-password"
          {...form.register("password")}
        />
        <FieldError id="login-password-error" message={errors.password?.message} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="size-4 rounded border-input accent-primary"
          disabled={isPending}
          data-testid="login-remember"
          {...form.register("rememberMe")}
        />
        Remember me on this device
      </label>
      <Button type="submit" disabled={isPending} data-testid="login-submit">
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        New to TradePulse?{" "}
        <Link href="/register" className="text-primary underline underline-offset-4 hover:decoration-2" data-testid="login-register">
          Create account
        </Link>
      </p>
    </form>
  );
}

function CodeStep({
  pending,
  redirectTo,
  onRestart,
}: {
  pending: PendingMfa;
  redirectTo?: string;
  onRestart: (notice: string | null) => void;
}) {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(codeStepSchema), defaultValues: { code: "" } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await loginMfaAction({ mfaToken: pending.mfaToken, code: values.code, rememberMe: pending.rememberMe, redirectTo });
      if (!result || result.ok) return;
      // The pending sign-in lasts five minutes; after that the password step starts over.
      if (result.error.code === "UNAUTHENTICATED") {
        onRestart(result.error.message);
        return;
      }
      form.resetField("code", { keepError: false });
      setFormError(applyServerErrors(result.error, form.setError, ["code"]));
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="login-code-form">
      <p className="text-sm text-muted-foreground">
        Two-factor authentication is on for <span className="font-medium text-foreground">{pending.email}</span>. Enter the
        6-digit code from your authenticator app, or one of your backup codes.
      </p>
      <FormError>{formError}</FormError>
      <div className="flex flex-col gap-2">
        <Label htmlFor="login-code">Authentication code</Label>
        <Input
          id="login-code"
          autoComplete="one-time-code"
          autoFocus
          spellCheck={false}
          autoCapitalize="characters"
          placeholder="123456 or XXXX-XXXX"
          className="font-mono tracking-wider"
          disabled={isPending}
          aria-invalid={errors.code ? true : undefined}
          aria-describedby={errors.code ? "login-code-error" : undefined}
          data-testid="login-code"
          {...form.register("code")}
        />
        <FieldError id="login-code-error" message={errors.code?.message} />
      </div>
      <Button type="submit" disabled={isPending} data-testid="login-code-submit">
        {isPending ? "Verifying…" : "Verify and sign in"}
      </Button>
      <Button variant="ghost" disabled={isPending} onClick={() => onRestart(null)} data-testid="login-code-back">
        Use a different account
      </Button>
    </form>
  );
}
