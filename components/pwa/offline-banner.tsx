"use client";

import { CloudOff } from "lucide-react";

import { usePwa } from "@/components/pwa/pwa-provider";

function formatAsOf(date: Date): string {
  const sameDay = date.toDateString() === new Date().toDateString();
  return date.toLocaleString(undefined, sameDay ? { hour: "2-digit", minute: "2-digit" } : { dateStyle: "medium", timeStyle: "short" });
}

/** "Offline, as of …" above the page while there is no connection, or when the page is the device's copy. */
export function OfflineBanner() {
  const { connection } = usePwa();
  if (!connection.offline) return null;
  return (
    <div
      role="status"
      data-testid="offline-banner"
      data-from-cache={connection.fromCache ? "true" : "false"}
      className="sticky top-0 z-50 flex items-center justify-center gap-2 border-b border-warning/40 bg-warning px-4 py-2 text-center text-sm text-warning-foreground"
    >
      <CloudOff className="size-4 shrink-0" aria-hidden="true" />
      <p>
        <strong className="font-semibold">
          Offline
          {connection.asOf ? (
            <>
              , as of{" "}
              <time dateTime={connection.asOf.toISOString()} data-testid="offline-as-of">
                {formatAsOf(connection.asOf)}
              </time>
            </>
          ) : null}
        </strong>
        <span className="hidden sm:inline">
          {connection.fromCache
            ? " — the copy saved on this device. Prices and values update when the connection returns."
            : " — live updates are paused until the connection returns."}
        </span>
      </p>
    </div>
  );
}
