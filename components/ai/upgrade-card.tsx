import { Lock } from "lucide-react";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

type TierQuota = { tier: string; label: string; aiDailyQuota: number };

export function AiUpgradeCard({ currentLabel, tiers }: { currentLabel: string; tiers: TierQuota[] }) {
  return (
    <Card data-testid="ai-upgrade">
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2 text-lg">
          <Lock aria-hidden="true" className="size-5" />
          The AI analyst is not part of the {currentLabel} plan
        </CardTitle>
        <CardDescription>
          It reads a pair&apos;s candles, indicators, active signals and your own position, and answers with a trend, support and resistance levels, risks
          and a stance, and it chats about the market and your portfolio.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <ul className="grid gap-2 sm:grid-cols-3">
          {tiers.map((tier) => (
            <li key={tier.tier} className="rounded-md border px-3 py-2">
              <span className="font-medium">{tier.label}</span>
              <span className="block text-muted-foreground">{tier.aiDailyQuota} AI requests a day</span>
            </li>
          ))}
        </ul>
        <p className="text-muted-foreground">Plans are assigned by the administrator of this TradePulse server; ask them to upgrade your account.</p>
      </CardContent>
    </Card>
  );
}
