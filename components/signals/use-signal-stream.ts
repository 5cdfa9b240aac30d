"use client";

import { useEffect, useEffectEvent, useState } from "react";

import { getStreamConnection, type StreamStatus } from "@/components/realtime/stream-connection";
import type { SignalView } from "@/lib/signals/schemas";

export function isSignalView(value: unknown): value is SignalView {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<SignalView>;
  return (
    typeof candidate.id === "string" &&
    typeof candidate.symbol === "string" &&
    (candidate.direction === "buy" || candidate.direction === "sell") &&
    (candidate.status === "active" || candidate.status === "closed") &&
    typeof candidate.entry === "string"
  );
}

/**
 * Listens to the `signals` stream and calls `onSignal` with every new signal and every change (a target
 * reached, a close). The server sends a signal only once the viewer's tier may see it, so whatever
 * arrives is shown. Through the tab's shared stream connection, which reconnects with backoff and resumes
 * after the last event it received, so nothing published during a reconnect is lost.
 */
export function useSignalStream(onSignal: (signal: SignalView) => void): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>("connecting");
  const notify = useEffectEvent(onSignal);

  useEffect(
    () =>
      getStreamConnection().subscribe({
        channels: ["signals"],
        onStatus: setStatus,
        onEvent: (event, data) => {
          if (event === "signal" && isSignalView(data)) notify(data);
        },
      }),
    [],
  );

  return status;
}
