"use client";

import { useSyncExternalStore } from "react";

import { formatUtc } from "@/components/settings/format";

import { formatRelative } from "./format";

const TICK_MS = 30_000;

// One shared clock for every timestamp on the page. The server (and the hydration pass) renders the
// absolute UTC time; the relative text appears once the browser's clock is known.
let nowMs = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    nowMs = Date.now();
    timer = setInterval(() => {
      nowMs = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getSnapshot = () => nowMs;
const getServerSnapshot = () => 0;

export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const now = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  return (
    <time dateTime={iso} title={iso} className={className}>
      {now === 0 ? formatUtc(iso) : formatRelative(iso, now)}
    </time>
  );
}
