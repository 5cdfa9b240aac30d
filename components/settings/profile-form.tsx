"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { z } from "zod";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { applyServerErrors } from "@/components/auth/server-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { updateProfileAction } from "@/lib/auth/actions";

// An empty name clears it (the schema of the action takes null for that). The risk-free rate is entered
// in percent and stored as a fraction (4 % → 0.04) for Sharpe and Sortino.
const profileFormSchema = z.object({
  name: z.string().trim().max(80, { error: "Use at most 80 characters." }),
  riskFreeRatePct: z.coerce.number({ error: "Enter a number, e.g. 4 for 4 %." }).min(0, { error: "Use 0 or more." }).max(50, { error: "Use at most 50 %." }),
});

type ProfileFormProps = { name: string | null; email: string; isEmailVerified: boolean; riskFreeRate: number };

export function ProfileForm({ name, email, isEmailVerified, riskFreeRate }: ProfileFormProps) {
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(profileFormSchema),
    defaultValues: { name: name ?? "", riskFreeRatePct: Math.round(riskFreeRate * 100 * 1000) / 1000 },
  });
  const { errors, isDirty } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await updateProfileAction({ name: values.name || null, settings: { riskFreeRate: values.riskFreeRatePct / 100 } });
      if (result.ok) {
        form.reset(values);
        toast.success("Profile saved.");
        return;
      }
      setFormError(applyServerErrors(result.error, form.setError, ["name", "riskFreeRatePct"]));
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-md flex-col gap-4" data-testid="profile-form">
      <FormError>{formError}</FormError>
      <div className="flex flex-col gap-2">
        <Label htmlFor="profile-email">Email</Label>
        <div className="flex items-center gap-2">
          <Input id="profile-email" value={email} readOnly disabled className="flex-1" data-testid="profile-email" />
          <Badge variant={isEmailVerified ? "secondary" : "warning"}>{isEmailVerified ? "Verified" : "Not verified"}</Badge>
        </div>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="profile-name">Name</Label>
        <Input
          id="profile-name"
          autoComplete="name"
          disabled={isPending}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? "profile-name-error" : undefined}
          data-testid="profile-name"
          {...form.register("name")}
        />
        <FieldError id="profile-name-error" message={errors.name?.message} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="profile-risk-free">Risk-free rate (% per year)</Label>
        <Input
          id="profile-risk-free"
          type="number"
          inputMode="decimal"
          step="0.01"
          min={0}
          max={50}
          disabled={isPending}
          aria-invalid={errors.riskFreeRatePct ? true : undefined}
          aria-describedby="profile-risk-free-help"
          data-testid="profile-risk-free"
          {...form.register("riskFreeRatePct")}
        />
        <p id="profile-risk-free-help" className="text-sm text-muted-foreground">
          Used for the Sharpe and Sortino ratios of your portfolios, e.g. the yield of short-term government bills.
        </p>
        <FieldError id="profile-risk-free-error" message={errors.riskFreeRatePct?.message} />
      </div>
      <div>
        <Button type="submit" disabled={isPending || !isDirty} data-testid="profile-save">
          {isPending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
