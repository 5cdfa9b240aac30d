import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";

import { PageHeader } from "@/components/layout/page-header";
import { SignalCard } from "@/components/signals/signal-card";
import { SignalChart } from "@/components/signals/signal-chart";
import { Card, CardContent } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { getSignalDetail } from "@/lib/signals/detail";
import { signalParamsSchema } from "@/lib/signals/schemas";

export const metadata: Metadata = { title: "Signal" };

type SignalPageProps = { params: Promise<{ signalId: string }> };

export default async function SignalPage({ params }: SignalPageProps) {
  const auth = await requireUser();
  const parsed = signalParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  let detail;
  try {
    detail = await getSignalDetail({ tier: auth.tier, signalId: parsed.data.signalId });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { signal, candles, nowMs } = detail;

  return (
    <div className="flex flex-col gap-6">
      <Link
        href="/signals"
        className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden"
      >
        <ChevronLeft aria-hidden="true" className="size-4" />
        All signals
      </Link>
      <PageHeader
        title={`${signal.direction === "buy" ? "Buy" : "Sell"} ${signal.symbol} · ${signal.timeframe}`}
        description="Entry, stop and targets drawn on the candles of the signal's timeframe. The signal is followed on finer candles; when a bar touches both the stop and a target, the stop is assumed first."
        actions={
          <Link href={`/markets/${signal.symbol}`} className="rounded-md border px-3 py-1.5 text-sm">
            Open {signal.symbol} market
          </Link>
        }
      />
      <Card data-testid="signal-detail" data-signal-id={signal.id}>
        <CardContent className="px-2 sm:px-4">
          {candles.length > 0 ? (
            <SignalChart signal={signal} candles={candles} />
          ) : (
            <p className="p-6 text-sm text-muted-foreground">The exchange has no candles for this period right now.</p>
          )}
        </CardContent>
      </Card>
      <SignalCard signal={signal} now={nowMs} />
    </div>
  );
}
