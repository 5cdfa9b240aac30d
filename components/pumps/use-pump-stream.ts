"use client";

import { useEffect, useEffectEvent, useState } from "react";

import { getStreamConnection, type StreamStatus } from "@/components/realtime/stream-connection";
import type { PumpView } from "@/lib/signals/pumps-schemas";

function isPumpView(value: unknown): value is PumpView {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<PumpView>;
  return typeof candidate.id === "string" && typeof candidate.symbol === "string" && (candidate.direction === "pump" || candidate.direction === "dump");
}

/**
 * Listens to the `pumps` channel of the tab's shared stream connection and calls `onPump` with every
 * detected, extended or faded move. Returns the stream's state.
 */
export function usePumpStream(onPump: (pump: PumpView) => void): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>("connecting");
  const notify = useEffectEvent(onPump);

  useEffect(
    () =>
      getStreamConnection().subscribe({
        channels: ["pumps"],
        onStatus: setStatus,
        onEvent: (event, data) => {
          if (event !== "pump") return;
          const pump = typeof data === "object" && data !== null && "pump" in data ? (data as { pump: unknown }).pump : data;
          if (isPumpView(pump)) notify(pump);
        },
      }),
    [],
  );

  return status;
}
