"use client";

import * as React from "react";
import { CloudOff, RotateCw } from "lucide-react";

import { Logo } from "@/components/layout/logo";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { listKeptPages, type KeptPage } from "@/lib/pwa/client";

const SECTION_NAMES: Record<string, string> = {
  dashboard: "Dashboard",
  portfolios: "Portfolios",
  markets: "Markets",
  signals: "Signals",
  journal: "Journal",
  alerts: "Alerts",
  notifications: "Notifications",
  robot: "Robot",
  tools: "Tools",
};

function describe(page: KeptPage): string {
  const [section, ...rest] = page.path.split("/").filter(Boolean);
  const name = SECTION_NAMES[section ?? ""] ?? page.path;
  if (rest.length === 0) return name;
  // Market pages end in a symbol ("BTC-USDT"); others in an id, which says nothing to a reader.
  const last = decodeURIComponent(rest[rest.length - 1] ?? "");
  return /^[0-9a-f-]{36}$/i.test(last) ? `${name} · details` : `${name} · ${last}`;
}

function formatTime(iso: string | null): string {
  if (!iso) return "time unknown";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

const subscribeNothing = () => () => {};

/** The offline page: what could not be opened, and the pages kept on this device for offline reading. */
export function OfflineView() {
  const [pages, setPages] = React.useState<KeptPage[] | null>(null);
  // The worker serves this page at the address that was asked for.
  const requested = React.useSyncExternalStore(
    subscribeNothing,
    () => (window.location.pathname === "/~offline" ? null : window.location.pathname + window.location.search),
    () => null,
  );

  React.useEffect(() => {
    listKeptPages().then(setPages, () => setPages([]));
    const reload = () => window.location.reload();
    window.addEventListener("online", reload);
    return () => window.removeEventListener("online", reload);
  }, []);

  return (
    <main id="main-content" className="mx-auto flex min-h-dvh w-full max-w-xl flex-col gap-6 px-4 py-10" data-testid="offline-page">
      <Logo />
      <Card>
        <CardHeader>
          <div className="mb-2 flex size-10 items-center justify-center rounded-lg bg-accent text-primary">
            <CloudOff className="size-5" aria-hidden="true" />
          </div>
          <h1 className="text-xl leading-tight font-semibold">You are offline</h1>
          <CardDescription>
            {requested ? (
              <>
                <span className="font-mono">{requested}</span> cannot be opened without a connection, and no copy of it is saved on this
                device.
              </>
            ) : (
              "TradePulse cannot reach its server right now."
            )}{" "}
            This page reloads by itself when the connection returns.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <Button onClick={() => window.location.reload()} className="self-start" data-testid="offline-retry">
            <RotateCw aria-hidden="true" />
            Try again
          </Button>
          <section aria-labelledby="kept-pages-heading" className="flex flex-col gap-2">
            <h2 id="kept-pages-heading" className="text-base font-semibold">
              Saved on this device
            </h2>
            {pages === null ? (
              <p className="text-sm text-muted-foreground">Looking for saved pages…</p>
            ) : pages.length === 0 ? (
              <p className="text-sm text-muted-foreground" data-testid="offline-no-pages">
                Nothing yet. Signed-in pages you open (dashboard, portfolios, markets, …) are kept here for offline reading until you sign
                out.
              </p>
            ) : (
              <ul className="flex flex-col divide-y rounded-lg border" data-testid="offline-pages">
                {pages.map((page) => (
                  <li key={page.url}>
                    {/* A full page load, which the service worker answers with the saved copy. */}
                    <a href={page.url} className="flex items-center justify-between gap-4 px-4 py-3 text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-hidden">
                      <span className="font-medium">{describe(page)}</span>
                      <span className="text-muted-foreground">as of {formatTime(page.cachedAt)}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </CardContent>
      </Card>
    </main>
  );
}
