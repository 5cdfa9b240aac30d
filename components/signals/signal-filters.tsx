"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

import { Label } from "@/components/ui/label";

const SELECT =
  "h-9 rounded-md border border-input bg-background px-2 text-sm shadow-xs focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden";

/** Symbol, timeframe, direction and source filters; each change is a new URL (page 1), so it can be shared. */
export function SignalFiltersBar({ symbols, timeframes }: { symbols: readonly string[]; timeframes: readonly string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  const select = (name: string, label: string, options: readonly { value: string; label: string }[]) => (
    <div className="flex flex-col gap-1">
      <Label htmlFor={`signal-filter-${name}`} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <select
        id={`signal-filter-${name}`}
        data-testid={`signal-filter-${name}`}
        className={SELECT}
        value={params.get(name) ?? ""}
        onChange={(event) => {
          const next = new URLSearchParams(params);
          if (event.target.value) next.set(name, event.target.value);
          else next.delete(name);
          next.delete("page");
          router.push(`${pathname}?${next.toString()}`);
        }}
      >
        <option value="">All</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="flex flex-wrap gap-3" data-testid="signal-filters">
      {select("symbol", "Symbol", symbols.map((s) => ({ value: s, label: s })))}
      {select("timeframe", "Timeframe", timeframes.map((t) => ({ value: t, label: t })))}
      {select("direction", "Direction", [
        { value: "buy", label: "Buy" },
        { value: "sell", label: "Sell" },
      ])}
      {select("source", "Source", [
        { value: "live", label: "Live" },
        { value: "history", label: "From history" },
      ])}
    </div>
  );
}
