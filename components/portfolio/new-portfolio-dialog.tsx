"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { LoaderCircle, Plus } from "lucide-react";
import { toast } from "sonner";
import { z } from "zod";

import { FieldError, FormError } from "@/components/auth/form-messages";
import { applyServerErrors } from "@/components/auth/server-errors";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { createPortfolioAction } from "@/lib/portfolio/actions";
import { baseCurrencySchema, createPortfolioSchema } from "@/lib/portfolio/schemas";

const formSchema = createPortfolioSchema.pick({ name: true }).extend({ description: z.string().trim().max(500, { error: "Use at most 500 characters." }), baseCurrency: baseCurrencySchema });
type FormValues = z.infer<typeof formSchema>;
const FIELDS = ["name", "description", "baseCurrency"] as const;

const CURRENCY_LABELS: Readonly<Record<FormValues["baseCurrency"], string>> = { USD: "US dollar (USD)", EUR: "Euro (EUR)", BTC: "Bitcoin (BTC)" };

export function NewPortfolioDialog({ variant = "default" }: { variant?: "default" | "outline" }) {
  const router = useRouter();
  const [isOpen, setIsOpen] = useState(false);
  const [isPending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { name: "", description: "", baseCurrency: "USD" } });
  const { errors } = form.formState;
  const baseCurrency = useWatch({ control: form.control, name: "baseCurrency" });

  const onOpenChange = (open: boolean) => {
    setIsOpen(open);
    if (!open) {
      form.reset();
      setFormError(null);
    }
  };

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createPortfolioAction({ name: values.name, ...(values.description ? { description: values.description } : {}), baseCurrency: values.baseCurrency });
      if (!result.ok) {
        setFormError(applyServerErrors(result.error, form.setError, FIELDS));
        return;
      }
      toast.success(`Portfolio “${result.data.name}” created.`);
      setIsOpen(false);
      form.reset();
      router.push(`/portfolios/${result.data.id}`);
    });
  });

  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant={variant} data-testid="new-portfolio">
          <Plus aria-hidden="true" />
          New portfolio
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New portfolio</DialogTitle>
          <DialogDescription>A manual portfolio: add transactions by hand or import a CSV.</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={isPending}>
          <FormError>{formError}</FormError>
          <div className="flex flex-col gap-2">
            <Label htmlFor="portfolio-name">Name</Label>
            <Input
              id="portfolio-name"
              autoComplete="off"
              placeholder="Long-term holdings"
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? "portfolio-name-error" : undefined}
              data-testid="portfolio-name"
              {...form.register("name")}
            />
            <FieldError id="portfolio-name-error" message={errors.name?.message} />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="portfolio-description">Description (optional)</Label>
            <Textarea
              id="portfolio-description"
              rows={2}
              aria-invalid={errors.description ? true : undefined}
              aria-describedby={errors.description ? "portfolio-description-error" : undefined}
              data-testid="portfolio-description"
              {...form.register("description")}
            />
            <FieldError id="portfolio-description-error" message={errors.description?.message} />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor="portfolio-base-currency">Base currency</Label>
            <Select value={baseCurrency} onValueChange={(value) => form.setValue("baseCurrency", value as FormValues["baseCurrency"], { shouldDirty: true })}>
              <SelectTrigger id="portfolio-base-currency" aria-describedby="portfolio-base-currency-hint" data-testid="portfolio-base-currency">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {baseCurrencySchema.options.map((currency) => (
                  <SelectItem key={currency} value={currency} data-testid={`portfolio-base-currency-${currency}`}>
                    {CURRENCY_LABELS[currency]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <p id="portfolio-base-currency-hint" className="text-xs text-muted-foreground">
              Value, cost basis and P&amp;L are shown in it: each purchase converted at the rate of its day.
            </p>
            <FieldError id="portfolio-base-currency-error" message={errors.baseCurrency?.message} />
          </div>
          <DialogFooter>
            <Button type="submit" disabled={isPending} data-testid="portfolio-submit">
              {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              Create portfolio
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
