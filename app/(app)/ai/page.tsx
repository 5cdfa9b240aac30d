import type { Metadata } from "next";

import { AiWorkspace } from "@/components/ai/ai-workspace";
import { AiUpgradeCard } from "@/components/ai/upgrade-card";
import { PageHeader } from "@/components/layout/page-header";
import { getAiUsage } from "@/lib/ai/usage";
import { requireUser } from "@/lib/auth/guards";
import { listTrackedSymbols } from "@/lib/market/quotes";
import { TIER_LIMITS, TIERS } from "@/lib/tiers";

export const metadata: Metadata = { title: "AI analyst" };

type AiPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AiPage({ searchParams }: AiPageProps) {
  const auth = await requireUser();
  const [usage, { symbol: requested }] = await Promise.all([getAiUsage(auth), searchParams]);
  const symbols = listTrackedSymbols().map((s) => s.symbol);
  const wanted = typeof requested === "string" ? requested.toUpperCase() : undefined;
  const initialSymbol = wanted && symbols.includes(wanted) ? wanted : (symbols[0] ?? "BTC-USDT");

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="AI analyst"
        description="A structured read of a pair — trend, levels, risks and a stance — and a chat that knows the market and your own portfolio. Analysis, not financial advice."
      />
      {usage.isAvailable ? (
        <AiWorkspace symbols={symbols} initialSymbol={initialSymbol} initialQuota={usage.quota} source={usage.source} model={usage.model} />
      ) : (
        <AiUpgradeCard
          currentLabel={TIER_LIMITS[usage.tier].label}
          tiers={TIERS.filter((tier) => TIER_LIMITS[tier].aiDailyQuota > 0).map((tier) => ({ tier, label: TIER_LIMITS[tier].label, aiDailyQuota: TIER_LIMITS[tier].aiDailyQuota }))}
        />
      )}
    </div>
  );
}
