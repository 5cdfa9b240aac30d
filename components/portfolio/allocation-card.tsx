import { AllocationDonut } from "@/components/charts/allocation-donut";
import { colorSlices } from "@/components/charts/donut-slices";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

import { formatAmount, type DisplayCurrency } from "./format";

type AllocationCardProps = {
  slices: readonly { key: string; valueUsd: number; weight: number }[];
  testId: string;
  title?: string;
  /** The currency of the slice values (default USD). */
  currency?: DisplayCurrency;
};

export function AllocationCard({ slices, testId, title = "Allocation", currency = "USD" }: AllocationCardProps) {
  const colored = colorSlices(slices);
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle as="h2">{title}</CardTitle>
        <CardDescription>Share of the current value by asset.</CardDescription>
      </CardHeader>
      <CardContent className="@container">
        {colored.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing with a price is held yet.</p>
        ) : (
          <div className="flex flex-col items-center gap-6 @md:flex-row @md:items-start">
            <AllocationDonut slices={slices} label={`Allocation: ${colored.map((slice) => `${slice.key} ${(slice.weight * 100).toFixed(1)}%`).join(", ")}`} size={180} currency={currency} />
            <ul className="flex w-full flex-col gap-1.5 text-sm">
              {colored.map((slice) => (
                <li key={slice.key} className="flex items-center gap-2" data-testid="allocation-row" data-symbol={slice.key}>
                  <span className="size-3 shrink-0 rounded-sm" style={{ backgroundColor: slice.fill }} aria-hidden="true" />
                  <span className="min-w-0 truncate font-medium">{slice.key}</span>
                  <span className="ml-auto tabular-nums text-muted-foreground">{formatAmount(slice.valueUsd, currency)}</span>
                  <span className="w-14 text-right tabular-nums">{(slice.weight * 100).toFixed(1)}%</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
