"use client";

import { useEffect, useEffectEvent, useState } from "react";

export type PollState<T> = { data: T; error: string | null; updatedAt: number | null };

/**
 * `initial` (from the server render), then `load()` every `intervalMs` while the tab is visible. A
 * failed poll keeps the last data and reports the error; requests never overlap.
 */
export function usePolling<T>(load: (signal: AbortSignal) => Promise<T>, intervalMs: number, initial: T): PollState<T> {
  const [state, setState] = useState<PollState<T>>({ data: initial, error: null, updatedAt: null });
  const run = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (document.visibilityState === "visible") {
        try {
          const data = await run(controller.signal);
          setState({ data, error: null, updatedAt: Date.now() });
        } catch (error) {
          if (controller.signal.aborted) return;
          setState((current) => ({ ...current, error: error instanceof Error ? error.message : "Update failed" }));
        }
      }
      if (!controller.signal.aborted) timer = setTimeout(tick, intervalMs);
    };
    timer = setTimeout(tick, intervalMs);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [intervalMs]);

  return state;
}

/** GET an /api/v1 route and unwrap the `{ success, data }` envelope; throws with the API's message. */
export async function fetchApiData(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  const body = (await response.json().catch(() => null)) as
    | { success: true; data: unknown }
    | { success: false; error?: { message?: string } }
    | null;
  if (!response.ok || !body || body.success !== true) {
    const message = body && body.success === false ? body.error?.message : undefined;
    throw new Error(message ?? `Request failed (${response.status})`);
  }
  return body.data;
}
