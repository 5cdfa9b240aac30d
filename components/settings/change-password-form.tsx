"use client";

import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { z } from "zod";

import { FieldError, FormError, FormSuccess } from "@/components/auth/form-messages";
import { PasswordStrength, POLICY_REFUSED } from "@/components/auth/password-strength";
import { applyServerErrors } from "@/components/auth/server-errors";
import { usePasswordPolicy } from "@/components/auth/use-password-policy";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { changePasswordAction } from "@/lib/auth/actions";
import { changePasswordSchema } from "@/lib/auth/schemas";

const changePasswordFormSchema = changePasswordSchema
  .extend({ confirmPassword: z.string() })
  .refine((value) => value.newPassword === value.confirmPassword, {
    error: "The two passwords do not match.",
    path: ["confirmPassword"],
  });

const EMPTY = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordForm({ email, name }: { email: string; name: string | null }) {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const [isChanged, setIsChanged] = useState(false);
  const form = useForm({ resolver: zodResolver(changePasswordFormSchema), defaultValues: EMPTY });
  const { errors } = form.formState;
  const newPassword = useWatch({ control: form.control, name: "newPassword" });
  const policy = usePasswordPolicy(newPassword, { email, name });

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setIsChanged(false);
    if (policy && !policy.ok) {
      form.setError("newPassword", { type: "policy", message: POLICY_REFUSED });
      return;
    }
    startTransition(async () => {
      const result = await changePasswordAction({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      if (result.ok) {
        form.reset(EMPTY);
        setIsChanged(true);
        toast.success("Password changed. Your other sessions were signed out.");
        return;
      }
      setFormError(applyServerErrors(result.error, form.setError, ["currentPassword", "newPassword"]));
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4" data-testid="change-password-form">
      {isChanged ? (
        <FormSuccess data-testid="password-changed">
          Your password was changed. Every other device and app signed in to your account was signed out; this one stays
          signed in.
        </FormSuccess>
      ) : null}
      <FormError>{formError}</FormError>
      <div className="flex flex-col gap-2">
        <Label htmlFor="current-password">Current password</Label>
        <Input
          id="current-password"
          type="password"
          autoComplete="current-password"
          disabled={isPending}
          aria-invalid={errors.currentPassword ? true : undefined}
          aria-describedby={errors.currentPassword ? "current-password-error" : undefined}
          data-testid="current-password"
          {...form.register("currentPassword")}
        />
        <FieldError id="current-password-error" message={errors.currentPassword?.message} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="new-password">New password</Label>
        <Input
          id="new-password"
          type="password"
          autoComplete="new-password"
          disabled={isPending}
          aria-invalid={errors.newPassword ? true : undefined}
          aria-describedby={errors.newPassword ? "new-password-error new-password-strength" : "new-password-strength"}
          data-testid="new-password"
          {...form.register("newPassword")}
        />
        <FieldError id="new-password-error" message={errors.newPassword?.message} />
        <PasswordStrength id="new-password-strength" password={newPassword} result={policy} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="confirm-password">Repeat the new password</Label>
        <Input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          disabled={isPending}
          aria-invalid={errors.confirmPassword ? true : undefined}
          aria-describedby={errors.confirmPassword ? "confirm-password-error" : undefined}
          data-testid="confirm-password"
          {...form.register("confirmPassword")}
        />
        <FieldError id="confirm-password-error" message={errors.confirmPassword?.message} />
      </div>
      <div>
        <Button type="submit" disabled={isPending} data-testid="change-password-submit">
          {isPending ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
