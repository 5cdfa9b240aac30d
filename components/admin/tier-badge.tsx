import { Badge } from "@/components/ui/badge";
import { TIER_LIMITS } from "@/lib/tiers";

type Tier = keyof typeof TIER_LIMITS;

export function TierBadge({ tier, effectiveTier }: { tier: Tier; effectiveTier?: Tier }) {
  const isExpired = effectiveTier !== undefined && effectiveTier !== tier;
  return (
    <Badge variant={tier === "free" || isExpired ? "secondary" : "default"} data-testid="tier-badge" data-tier={effectiveTier ?? tier}>
      {TIER_LIMITS[tier].label}
      {isExpired ? " (expired)" : null}
    </Badge>
  );
}
