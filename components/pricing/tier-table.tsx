import { Check, Minus } from "lucide-react";

import { TIER_ROWS } from "@/components/pricing/tier-rows";
import { cn } from "@/lib/utils";
import { TIER_LIMITS, TIERS } from "@/lib/tiers";

type Tier = (typeof TIERS)[number];

/** Every plan side by side, straight from TIER_LIMITS. `currentTier` highlights the viewer's column. */
export function TierTable({ currentTier }: { currentTier?: Tier }) {
  return (
    <div className="overflow-x-auto rounded-lg border" data-testid="tier-table">
      <table className="w-full min-w-[40rem] border-collapse text-sm">
        <caption className="sr-only">What each plan includes</caption>
        <thead>
          <tr className="border-b bg-muted/40">
            <th scope="col" className="sticky left-0 bg-muted/40 px-4 py-3 text-left font-medium text-muted-foreground">
              Feature
            </th>
            {TIERS.map((tier) => (
              <th
                key={tier}
                scope="col"
                className={cn("px-4 py-3 text-left text-base font-semibold", tier === currentTier && "bg-accent text-accent-foreground")}
                data-testid={`tier-column-${tier}`}
                aria-current={tier === currentTier ? "true" : undefined}
              >
                {TIER_LIMITS[tier].label}
                {tier === currentTier ? <span className="ml-2 text-xs font-normal">(your plan)</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TIER_ROWS.map((row) => (
            <tr key={row.id} className="border-b last:border-b-0" data-testid={`tier-row-${row.id}`}>
              <th scope="row" className="sticky left-0 bg-background px-4 py-3 text-left font-normal">
                <span className="block font-medium">{row.label}</span>
                <span className="block text-xs text-muted-foreground">{row.hint}</span>
              </th>
              {TIERS.map((tier) => {
                const text = row.format(TIER_LIMITS[tier]);
                const isNo = text === "Not included" || text === "Paper only";
                return (
                  <td key={tier} className={cn("px-4 py-3 tabular-nums", tier === currentTier && "bg-accent/50")} data-tier={tier}>
                    <span className="inline-flex items-center gap-1.5">
                      {row.id === "liveTrading" ? (
                        isNo ? <Minus className="size-4 text-muted-foreground" aria-hidden="true" /> : <Check className="size-4 text-up" aria-hidden="true" />
                      ) : null}
                      <span className={cn(isNo && "text-muted-foreground")}>{text}</span>
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
