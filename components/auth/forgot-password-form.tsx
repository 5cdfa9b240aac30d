"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";

import { FieldError, FormError, FormSuccess } from "@/components/auth/form-messages";
import { applyServerErrors } from "@/components/auth/server-errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { forgotPasswordAction } from "@/lib/auth/actions";
import { forgotPasswordSchema } from "@/lib/auth/schemas";

export function ForgotPasswordForm() {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(forgotPasswordSchema), defaultValues: { email: "" } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await forgotPasswordAction(values);
      if (result.ok) {
        setSentTo(values.email);
        return;
      }
      setFormError(applyServerErrors(result.error, form.setError, ["email"]));
    });
  });

  if (sentTo) {
    // The same answer whether or not an account exists, so the form cannot be used to probe addresses.
    return (
      <div className="flex flex-col gap-4">
        <FormSuccess data-testid="forgot-sent">
          If an account exists for <span className="font-medium">{sentTo}</span>, we sent it a link to reset the
          password. The link works for a limited time; check your spam folder if it does not arrive.
        </FormSuccess>
        <Button asChild variant="outline">
          <Link href="/login">Back to sign in</Link>
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="forgot-form">
      <FormError>{formError}</FormError>
      <div className="flex flex-col gap-2">
        <Label htmlFor="forgot-email">Email</Label>
        <Input
          id="forgot-email"
          type="email"
          autoComplete="email"
          autoFocus
          disabled={isPending}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "forgot-email-error" : undefined}
          data-testid="forgot-email"
          {...form.register("email")}
        />
        <FieldError id="forgot-email-error" message={errors.email?.message} />
      </div>
      <Button type="submit" disabled={isPending} data-testid="forgot-submit">
        {isPending ? "Sending…" : "Send reset link"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        Remembered it?{" "}
        <Link href="/login" className="text-primary underline underline-offset-4 hover:decoration-2">
          Sign in
        </Link>
      </p>
    </form>
  );
}
