"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

const ALL = "all";

/** Symbol, status and source filters, kept in the URL so a filtered view can be bookmarked. */
export function JournalFilters({ symbols }: { symbols: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  const update = (name: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value === ALL) next.delete(name);
    else next.set(name, value);
    next.delete("page");
    router.push(`${pathname}${next.size ? `?${next.toString()}` : ""}`);
  };

  const filter = (name: string, label: string, options: { value: string; label: string }[]) => (
    <div className="flex min-w-36 flex-col gap-1">
      <Label htmlFor={`journal-filter-${name}`} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Select value={params.get(name) ?? ALL} onValueChange={(value) => update(name, value)}>
        <SelectTrigger id={`journal-filter-${name}`} data-testid={`journal-filter-${name}`}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>All</SelectItem>
          {options.map((option) => (
            <SelectItem key={option.value} value={option.value}>
              {option.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );

  return (
    <div className="flex flex-wrap gap-3" data-testid="journal-filters">
      {filter("symbol", "Symbol", symbols.map((symbol) => ({ value: symbol, label: symbol })))}
      {filter("status", "Status", [
        { value: "open", label: "Open" },
        { value: "closed", label: "Closed" },
        { value: "cancelled", label: "Cancelled" },
      ])}
      {filter("source", "Source", [
        { value: "robot", label: "Robot" },
        { value: "manual", label: "Manual" },
      ])}
    </div>
  );
}
