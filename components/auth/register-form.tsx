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
import { registerAction } from "@/lib/auth/actions";
import { registerSchema } from "@/lib/auth/schemas";

// The name is optional: an empty field is sent as "no name".
const registerFormSchema = registerSchema.extend({
  name: z.string().trim().max(80, { error: "Use at most 80 characters." }),
});

export function RegisterForm() {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const [isEmailTaken, setIsEmailTaken] = useState(false);
  const form = useForm({
    resolver: zodResolver(registerFormSchema),
    defaultValues: { name: "", email: "", password: "" },
  });
  const { errors } = form.formState;
  const [name, email, password] = useWatch({ control: form.control, name: ["name", "email", "password"] });
  const policy = usePasswordPolicy(password, { email, name });

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setIsEmailTaken(false);
    if (policy && !policy.ok) {
      form.setError("password", { type: "policy", message: POLICY_REFUSED });
      return;
    }
    startTransition(async () => {
      const result = await registerAction({ email: values.email, password: values.password, name: values.name || undefined });
      if (!result || result.ok) return;
      if (result.error.code === "EMAIL_TAKEN") {
        setIsEmailTaken(true);
        form.setError("email", { type: "server", message: result.error.message });
      }
      setFormError(applyServerErrors(result.error, form.setError, ["name", "email", "password"]));
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="register-form">
      <FormError>
        {formError}
        {isEmailTaken ? (
          <>
            {" "}
            <Link href="/login" className="font-medium underline underline-offset-4">
              Sign in
            </Link>{" "}
            or{" "}
            <Link href="/forgot-password" className="font-medium underline underline-offset-4">
              reset your password
            </Link>
            .
          </>
        ) : null}
      </FormError>
      <div className="flex flex-col gap-2">
        <Label htmlFor="register-name">
          Name <span className="font-normal text-muted-foreground">(optional)</span>
        </Label>
        <Input
          id="register-name"
          autoComplete="name"
          disabled={isPending}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? "register-name-error" : undefined}
          data-testid="register-name"
          {...form.register("name")}
        />
        <FieldError id="register-name-error" message={errors.name?.message} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="register-email">Email</Label>
        <Input
          id="register-email"
          type="email"
          autoComplete="email"
          disabled={isPending}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "register-email-error" : undefined}
          data-testid="register-email"
          {...form.register("email")}
        />
        <FieldError id="register-email-error" message={errors.email?.message} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="register-password">Password</Label>
        <Input
          id="register-password"
          type="password"
          autoComplete="new-password"
          disabled={isPending}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "register-password-error register-password-strength" : "register-password-strength"}
          data-testid="register-password"
          {...form.register("password")}
        />
        <FieldError id="register-password-error" message={errors.password?.message} />
        <PasswordStrength id="register-password-strength" password={password} result={policy} />
      </div>
      <Button type="submit" disabled={isPending} data-testid="register-submit">
        {isPending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link href="/login" className="text-primary underline underline-offset-4 hover:decoration-2" data-testid="register-login">
          Sign in
        </Link>
      </p>
    </form>
  );
}
