import Link from "next/link";

import { TIER_ROWS } from "@/components/pricing/tier-rows";
import { formatUtc } from "@/components/settings/format";
import { Badge } from "@/components/ui/badge";
import { TIER_LIMITS, type TIERS } from "@/lib/tiers";

type Tier = (typeof TIERS)[number];

type PlanSummaryProps = {
  /** What the user gets now (an expired plan is free). */
  tier: Tier;
  /** The plan's end; one in the past means a paid plan ran out and the account is on Free. */
  tierExpiresAt: string | null;
  now: Date;
  usage?: Partial<Record<(typeof TIER_ROWS)[number]["id"], number>>;
};

export function PlanSummary({ tier, tierExpiresAt, now, usage = {} }: PlanSummaryProps) {
  const limits = TIER_LIMITS[tier];
  const hasExpired = tierExpiresAt !== null && new Date(tierExpiresAt).getTime() <= now.getTime();
  return (
    <div className="flex flex-col gap-4" data-testid="plan-summary" data-tier={tier}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge variant={tier === "free" ? "secondary" : "default"} className="text-sm" data-testid="plan-name">
          {limits.label}
        </Badge>
        {hasExpired ? (
          <span className="text-muted-foreground" data-testid="plan-expiry">
            Your paid plan ended {formatUtc(tierExpiresAt)}.
          </span>
        ) : tierExpiresAt ? (
          <span className="text-muted-foreground" data-testid="plan-expiry">
            Until {formatUtc(tierExpiresAt)}, then Free.
          </span>
        ) : tier === "free" ? null : (
          <span className="text-muted-foreground" data-testid="plan-expiry">
            No end date.
          </span>
        )}
      </div>
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
        {TIER_ROWS.map((row) => {
          const used = usage[row.id];
          return (
            <div key={row.id} className="flex items-baseline justify-between gap-3 border-b pb-2" data-testid={`plan-limit-${row.id}`}>
              <dt className="text-sm text-muted-foreground">{row.label}</dt>
              <dd className="text-sm font-medium tabular-nums">{used === undefined ? row.format(limits) : `${used.toLocaleString("en-US")} of ${row.format(limits)}`}</dd>
            </div>
          );
        })}
      </dl>
      <p className="text-sm text-muted-foreground">
        <Link href="/pricing" className="font-medium text-foreground underline underline-offset-2" data-testid="plan-compare-link">
          Compare plans
        </Link>{" "}
        · Plans are assigned by the administrator of this server.
      </p>
    </div>
  );
}
