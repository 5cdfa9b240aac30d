"use client";

import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { applyServerErrors } from "@/components/auth/server-errors";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { deleteAccountAction } from "@/lib/auth/actions";
import { deleteAccountSchema } from "@/lib/auth/schemas";

export function DeleteAccountDialog() {
  const [isOpen, setIsOpen] = useState(false);
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(deleteAccountSchema), defaultValues: { password: "" } });
  const { errors } = form.formState;

  const onOpenChange = (open: boolean) => {
    if (isPending) return;
    setIsOpen(open);
    if (!open) {
      form.reset();
      setFormError(null);
    }
  };

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      // On success the action signs out and redirects to the home page.
      const result = await deleteAccountAction(values);
      if (!result || result.ok) return;
      form.resetField("password", { keepError: false });
      setFormError(applyServerErrors(result.error, form.setError, ["password"]));
    });
  });

  return (
    <AlertDialog open={isOpen} onOpenChange={onOpenChange}>
      <AlertDialogTrigger asChild>
        <Button variant="destructive" data-testid="delete-account">
          Delete account
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <AlertDialogHeader>
            <AlertDialogTitle>Delete your account?</AlertDialogTitle>
            <AlertDialogDescription>
              Your account and all of its data are deleted at once and every device is signed out. Enter your password
              to confirm.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <FormError>{formError}</FormError>
          <div className="flex flex-col gap-2">
            <Label htmlFor="delete-password">Password</Label>
            <Input
              id="delete-password"
              type="password"
              autoComplete="current-password"
              disabled={isPending}
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? "delete-password-error" : undefined}
              data-testid="delete-password"
              {...form.register("password")}
            />
            <FieldError id="delete-password-error" message={errors.password?.message} />
          </div>
          <AlertDialogFooter>
            <AlertDialogCancel disabled={isPending}>Cancel</AlertDialogCancel>
            {/* Not AlertDialogAction: that closes the dialog before the answer, hiding a wrong-password error. */}
            <Button type="submit" variant="destructive" disabled={isPending} data-testid="delete-confirm">
              {isPending ? "Deleting…" : "Delete my account"}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
