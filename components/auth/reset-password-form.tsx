"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { PasswordStrength, POLICY_REFUSED } from "@/components/auth/password-strength";
import { applyServerErrors } from "@/components/auth/server-errors";
import { usePasswordPolicy } from "@/components/auth/use-password-policy";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { resetPasswordAction } from "@/lib/auth/actions";
import { resetPasswordSchema } from "@/lib/auth/schemas";

const resetFormSchema = resetPasswordSchema
  .pick({ password: true })
  .extend({ confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, {
    error: "The two passwords do not match.",
    path: ["confirmPassword"],
  });

const TOKEN_ERRORS = new Set(["INVALID_TOKEN", "TOKEN_EXPIRED"]);

export function ResetPasswordForm({ token }: { token: string }) {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<{ code: string; message: string } | null>(null);
  const form = useForm({ resolver: zodResolver(resetFormSchema), defaultValues: { password: "", confirmPassword: "" } });
  const { errors } = form.formState;
  const password = useWatch({ control: form.control, name: "password" });
  const policy = usePasswordPolicy(password, {});

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    if (policy && !policy.ok) {
      form.setError("password", { type: "policy", message: POLICY_REFUSED });
      return;
    }
    startTransition(async () => {
      // On success the action redirects to /login?reset=1.
      const result = await resetPasswordAction({ token, password: values.password });
      if (!result || result.ok) return;
      // A bad token in details (VALIDATION_ERROR on "token") is the same problem as an unknown one.
      const isTokenProblem = TOKEN_ERRORS.has(result.error.code) || result.error.details?.some((detail) => detail.field === "token");
      const message = applyServerErrors(result.error, form.setError, ["password"]);
      if (isTokenProblem) setFormError({ code: "INVALID_TOKEN", message: result.error.message });
      else if (message) setFormError({ code: result.error.code, message });
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="reset-form">
      {formError ? (
        <FormError>
          {formError.message}
          {formError.code === "INVALID_TOKEN" ? (
            <>
              {" "}
              <Link href="/forgot-password" className="font-medium underline underline-offset-4" data-testid="reset-request-new">
                Request a new link
              </Link>
              .
            </>
          ) : null}
        </FormError>
      ) : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor="reset-password">New password</Label>
        <Input
          id="reset-password"
          type="password"
          autoComplete="new-password"
          autoFocus
          disabled={isPending}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "reset-password-error reset-password-strength" : "reset-password-strength"}
          data-testid="reset-password"
          {...form.register("password")}
        />
        <FieldError id="reset-password-error" message={errors.password?.message} />
        <PasswordStrength id="reset-password-strength" password={password} result={policy} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="reset-confirm">Repeat the new password</Label>
        <Input
          id="reset-confirm"
          type="password"
          autoComplete="new-password"
          disabled={isPending}
          aria-invalid={errors.confirmPassword ? true : undefined}
          aria-describedby={errors.confirmPassword ? "reset-confirm-error" : undefined}
          data-testid="reset-confirm"
          {...form.register("confirmPassword")}
        />
        <FieldError id="reset-confirm-error" message={errors.confirmPassword?.message} />
      </div>
      <Button type="submit" disabled={isPending} data-testid="reset-submit">
        {isPending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
