"use client";

import { useState, useTransition } from "react";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { LoaderCircle, Share2, UserMinus } from "lucide-react";
import { toast } from "sonner";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { applyServerErrors } from "@/components/auth/server-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { revokeShareAction, sharePortfolioAction } from "@/lib/portfolio/actions";
import { shareSchema } from "@/lib/portfolio/schemas";

export type ShareEntry = { userId: string; email: string; name: string | null; permission: "view" | "edit" | "admin" };

const FIELDS = ["email", "permission"] as const;

const PERMISSION_TEXT = {
  view: "View — sees holdings, transactions and analytics",
  edit: "Edit — can also add, change and import transactions",
  admin: "Admin — can also share the portfolio with others",
} as const;

export function ShareDialog({ portfolioId, portfolioName, shares }: { portfolioId: string; portfolioName: string; shares: readonly ShareEntry[] }) {
  const [isOpen, setIsOpen] = useState(false);
  const [isPending, startTransition] = useTransition();
  const [revoking, setRevoking] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(shareSchema), defaultValues: { email: "", permission: "view" as ShareEntry["permission"] } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await sharePortfolioAction({ portfolioId, email: values.email, permission: values.permission });
      if (!result.ok) {
        setFormError(applyServerErrors(result.error, form.setError, FIELDS));
        return;
      }
      toast.success(`Shared with ${result.data.email} (${result.data.permission}).`);
      form.reset({ email: "", permission: values.permission });
    });
  });

  const onRevoke = (share: ShareEntry) => {
    setFormError(null);
    setRevoking(share.userId);
    startTransition(async () => {
      const result = await revokeShareAction({ portfolioId, userId: share.userId });
      setRevoking(null);
      if (result.ok) toast.success(`${share.email} no longer has access.`);
      else setFormError(result.error.message);
    });
  };

  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" data-testid="share-open">
          <Share2 aria-hidden="true" />
          Share
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Share “{portfolioName}”</DialogTitle>
          <DialogDescription>Give another TradePulse user access by the email address they registered with.</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={isPending} data-testid="share-form">
          <FormError>{formError}</FormError>
          <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_auto]">
            <div className="flex flex-col gap-2">
              <Label htmlFor="share-email">Email</Label>
              <Input
                id="share-email"
                type="email"
                autoComplete="off"
                placeholder="friend@example.com"
                aria-invalid={errors.email ? true : undefined}
                aria-describedby={errors.email ? "share-email-error" : undefined}
                data-testid="share-email"
                {...form.register("email")}
              />
              <FieldError id="share-email-error" message={errors.email?.message} />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="share-permission">Permission</Label>
              <Controller
                control={form.control}
                name="permission"
                render={({ field }) => (
                  <Select name={field.name} value={field.value} onValueChange={field.onChange} disabled={isPending}>
                    <SelectTrigger id="share-permission" className="w-full sm:w-32" data-testid="share-permission">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {(["view", "edit", "admin"] as const).map((permission) => (
                        <SelectItem key={permission} value={permission} data-testid={`share-permission-${permission}`}>
                          {permission[0]!.toUpperCase() + permission.slice(1)}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
            </div>
          </div>
          <ul className="flex flex-col gap-1 text-xs text-muted-foreground">
            {Object.values(PERMISSION_TEXT).map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
          <div className="flex justify-end">
            <Button type="submit" disabled={isPending} data-testid="share-submit">
              {isPending && revoking === null ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              Share
            </Button>
          </div>
        </form>
        <section aria-labelledby="share-list-heading" className="flex flex-col gap-2">
          <h3 id="share-list-heading" className="text-sm font-semibold">
            People with access
          </h3>
          {shares.length === 0 ? (
            <p className="text-sm text-muted-foreground">Only you so far.</p>
          ) : (
            <ul className="flex flex-col divide-y rounded-lg border" data-testid="share-list">
              {shares.map((share) => (
                <li key={share.userId} className="flex items-center gap-3 px-3 py-2 text-sm" data-testid="share-row" data-email={share.email} data-permission={share.permission}>
                  <div className="flex min-w-0 flex-col">
                    <span className="truncate font-medium">{share.name ?? share.email}</span>
                    {share.name ? <span className="truncate text-xs text-muted-foreground">{share.email}</span> : null}
                  </div>
                  <Badge variant="secondary" className="ml-auto">
                    {share.permission}
                  </Badge>
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    onClick={() => onRevoke(share)}
                    disabled={isPending}
                    aria-label={`Revoke access for ${share.email}`}
                    data-testid="share-revoke"
                  >
                    {revoking === share.userId ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <UserMinus aria-hidden="true" />}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </DialogContent>
    </Dialog>
  );
}
