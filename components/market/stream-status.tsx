"use client";

import { cn } from "@/lib/utils";

import { useStreamStatus, type StreamStatus as Status } from "./use-market-stream";

const LABEL: Readonly<Record<Status, string>> = {
  connecting: "Connecting",
  live: "Live",
  reconnecting: "Reconnecting",
  stale: "Stale",
};

const DESCRIPTION: Readonly<Record<Status, string>> = {
  connecting: "Connecting to the live price stream",
  live: "Prices are updating live",
  reconnecting: "The live price stream dropped; reconnecting",
  stale: "No price update for over 30 seconds; prices may be out of date",
};

const TONE: Readonly<Record<Status, string>> = {
  connecting: "border-border text-muted-foreground",
  live: "border-up/40 text-up",
  reconnecting: "border-warning/50 text-warning",
  stale: "border-down/40 text-down",
};

const DOT: Readonly<Record<Status, string>> = {
  connecting: "bg-muted-foreground",
  live: "bg-up motion-safe:animate-pulse",
  reconnecting: "bg-warning",
  stale: "bg-down",
};

/** The page's stream state as a small badge; the words carry the meaning, the colour only repeats it. */
export function StreamStatus({ className }: { className?: string }) {
  const status = useStreamStatus();
  return (
    <span
      role="status"
      title={DESCRIPTION[status]}
      data-testid="stream-status"
      data-status={status}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full border bg-background px-2.5 py-0.5 text-xs font-medium whitespace-nowrap",
        TONE[status],
        className,
      )}
    >
      <span aria-hidden="true" className={cn("size-2 rounded-full", DOT[status])} />
      {LABEL[status]}
      <span className="sr-only">: {DESCRIPTION[status]}</span>
    </span>
  );
}
