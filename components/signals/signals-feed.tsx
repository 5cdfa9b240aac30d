"use client";

import { useEffect, useState } from "react";

import type { SignalView } from "@/lib/signals/schemas";
import { cn } from "@/lib/utils";

import { matchesFilters } from "./format";
import { SignalCard } from "./signal-card";
import { useSignalStream } from "./use-signal-stream";

export type SignalFilters = { symbol?: string; timeframe?: string; direction?: string; source?: string };

const STATUS_TEXT = {
  connecting: "Connecting to live signals",
  live: "Live: new signals appear here",
  reconnecting: "Live signals dropped; reconnecting",
  stale: "Live signals stalled",
} as const;

/**
 * The list of one tab, kept current by the `signals` stream: a new signal (once the viewer's tier may
 * see it) is added on top, a signal that reaches a target or closes is updated in place.
 */
export function SignalsFeed({
  tab,
  initialSignals,
  filters,
  delayMinutes,
  emptyText,
}: {
  tab: "active" | "history";
  initialSignals: SignalView[];
  filters: SignalFilters;
  delayMinutes: number;
  emptyText: string;
}) {
  const [signals, setSignals] = useState(initialSignals);
  const [newIds, setNewIds] = useState<ReadonlySet<string>>(new Set());
  const [now, setNow] = useState(() => Date.now());
  const [newestAtLoad] = useState(() => Math.max(0, ...initialSignals.map((s) => Date.parse(s.createdAt))));

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const status = useSignalStream((incoming) => {
    if (!matchesFilters(incoming, filters)) return;
    const signal = { ...incoming, visibleAt: new Date(Date.parse(incoming.createdAt) + delayMinutes * 60_000).toISOString() };
    const isKnown = signals.some((s) => s.id === signal.id);
    if (!isKnown) {
      // Added only when it belongs to this tab: a new active signal (newer than any listed; a change to
      // an older one on another page is not news) or a signal that just closed, on the history tab.
      if ((tab === "active") !== (signal.status === "active")) return;
      if (tab === "active" && Date.parse(signal.createdAt) <= newestAtLoad) return;
    }
    setSignals((current) => (current.some((s) => s.id === signal.id) ? current.map((s) => (s.id === signal.id ? signal : s)) : [signal, ...current]));
    if (!isKnown) setNewIds((ids) => new Set(ids).add(signal.id));
    setNow(Date.now());
  });

  return (
    <div className="flex flex-col gap-3">
      <p
        role="status"
        data-testid="signals-stream-status"
        data-status={status}
        className={cn("flex items-center gap-2 text-xs", status === "live" ? "text-up" : "text-muted-foreground")}
      >
        <span aria-hidden="true" className={cn("size-2 rounded-full", status === "live" ? "bg-up motion-safe:animate-pulse" : "bg-muted-foreground")} />
        {STATUS_TEXT[status]}
      </p>
      {signals.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground" data-testid="signals-empty">
          {emptyText}
        </p>
      ) : (
        <ul className="grid gap-3 xl:grid-cols-2" data-testid="signals-list" data-tab={tab}>
          {signals.map((signal) => (
            <li key={signal.id} className="min-w-0">
              <SignalCard signal={signal} now={now} isNew={newIds.has(signal.id)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
