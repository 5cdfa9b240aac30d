import { Clock, Lock } from "lucide-react";

import { CONFIDENCE_TIERS } from "@/lib/signals/plan";
import type { LockedSignals } from "@/lib/signals/queries";

import { describeTierDelays, tierLabel } from "./format";

const time = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) + " UTC";

/** The tier rule, and what this viewer cannot see yet, as counts: never silently hidden. */
export function LockedSignalsNotice({ locked }: { locked: LockedSignals }) {
  const confidenceRule = CONFIDENCE_TIERS.filter((rule) => rule.tier !== "free")
    .map((rule) => `confidence ${rule.minConfidence}+ needs ${tierLabel(rule.tier)}`)
    .join(", ");
  return (
    <section aria-label="What your tier sees" className="flex flex-col gap-2 rounded-md border bg-muted/40 p-4 text-sm" data-testid="signals-tier-rule" data-tier={locked.tier}>
      <p>
        <span className="font-medium">Your plan: {tierLabel(locked.tier)}</span>
        {locked.delayMinutes > 0 ? ` — you see each signal ${locked.delayMinutes} min after it is generated.` : " — you see signals the moment they are generated."}{" "}
        <span className="text-muted-foreground">
          {describeTierDelays()}. Stronger signals need a higher tier ({confidenceRule}).
        </span>
      </p>
      {locked.delayed.count > 0 ? (
        <p className="flex items-center gap-2" data-testid="signals-locked-delayed" data-count={locked.delayed.count}>
          <Clock aria-hidden="true" className="size-4 shrink-0" />
          {locked.delayed.count === 1 ? "1 signal is" : `${locked.delayed.count} signals are`} waiting out your {locked.delayMinutes}-minute delay
          {locked.delayed.nextVisibleAt ? `; the next unlocks at ${time(locked.delayed.nextVisibleAt)} and will appear here without a reload` : ""}.
        </p>
      ) : null}
      {locked.aboveTier.map((group) => (
        <p key={group.tier} className="flex items-center gap-2" data-testid="signals-locked-tier" data-tier={group.tier} data-count={group.count}>
          <Lock aria-hidden="true" className="size-4 shrink-0" />
          {group.count === 1 ? "1 signal needs" : `${group.count} signals need`} the {tierLabel(group.tier)} tier (plans are set by this
          server&apos;s administrator).
        </p>
      ))}
    </section>
  );
}
