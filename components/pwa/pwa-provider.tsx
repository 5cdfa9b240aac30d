"use client";

import * as React from "react";
import { usePathname } from "next/navigation";

import { askWorker, clearUserData, readyWorker } from "@/lib/pwa/client";
import { SW_SCOPE, SW_URL } from "@/lib/pwa/constants";

// The browser's install offer (Chromium only; not in TypeScript's DOM types).
type BeforeInstallPromptEvent = Event & {
  prompt: () => Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed"; platform: string }>;
};

export type ConnectionState = {
  /** True while the browser is offline, or when this page was answered from the device's copy. */
  offline: boolean;
  /** When the data on screen was current: the copy's time, or the moment the connection dropped. */
  asOf: Date | null;
  /** The page itself came from the copy kept on this device (not from the server). */
  fromCache: boolean;
};

type PwaContextValue = {
  connection: ConnectionState;
  /** The browser offers to install the app (beforeinstallprompt fired and not used yet). */
  canInstall: boolean;
  /** Running as an installed app (standalone window). */
  installed: boolean;
  promptInstall: () => Promise<"accepted" | "dismissed" | "unavailable">;
};

const PwaContext = React.createContext<PwaContextValue>({
  connection: { offline: false, asOf: null, fromCache: false },
  canInstall: false,
  installed: false,
  promptInstall: async () => "unavailable",
});

export function usePwa(): PwaContextValue {
  return React.useContext(PwaContext);
}

const RECONNECT_PROBE_MS = 10_000;

// Signing in or creating an account starts from these pages: whatever a previous user left is wiped.
const SIGNED_OUT_PAGES = /^\/(login|register)\/?$/;

type PwaProviderProps = {
  /** Register the service worker (production builds); otherwise any earlier registration is removed. */
  enabled: boolean;
  /** When the server rendered this document (ISO 8601): the "as of" time of a copy shown offline. */
  renderedAt: string;
  children: React.ReactNode;
};

// The browser's connection state as an external store: read without an effect, and the same on the
// server and during hydration (online), so nothing flickers or mismatches.
type NetSnapshot = { online: boolean; changedAt: number | null };
const SERVER_NET: NetSnapshot = { online: true, changedAt: null };
let netSnapshot: NetSnapshot | null = null;
let loadedOffline = false;

function getNet(): NetSnapshot {
  if (!netSnapshot) {
    netSnapshot = { online: navigator.onLine, changedAt: null };
    loadedOffline = !navigator.onLine;
  }
  return netSnapshot;
}

function subscribeNet(onChange: () => void): () => void {
  const update = () => {
    netSnapshot = { online: navigator.onLine, changedAt: Date.now() };
    onChange();
  };
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  return () => {
    window.removeEventListener("online", update);
    window.removeEventListener("offline", update);
  };
}

function subscribeStandalone(onChange: () => void): () => void {
  const query = window.matchMedia("(display-mode: standalone)");
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

export function PwaProvider({ enabled, renderedAt, children }: PwaProviderProps) {
  const pathname = usePathname();
  const net = React.useSyncExternalStore(subscribeNet, getNet, () => SERVER_NET);
  const standalone = React.useSyncExternalStore(
    subscribeStandalone,
    () => window.matchMedia("(display-mode: standalone)").matches,
    () => false,
  );
  const [workerCopy, setWorkerCopy] = React.useState<{ cachedAt: string | null } | null>(null);
  const [installEvent, setInstallEvent] = React.useState<BeforeInstallPromptEvent | null>(null);
  const [justInstalled, setJustInstalled] = React.useState(false);

  // Registration (or, in development, removal of a worker left by a production build on this origin).
  React.useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    if (!enabled) {
      void navigator.serviceWorker.getRegistrations().then((registrations) =>
        Promise.all(registrations.filter((r) => r.active?.scriptURL.endsWith(SW_URL)).map((r) => r.unregister())),
      );
      return;
    }
    navigator.serviceWorker.register(SW_URL, { scope: SW_SCOPE, updateViaCache: "none" }).catch((error: unknown) => {
      console.warn("The service worker could not be registered; the app works without offline support.", error);
    });
  }, [enabled]);

  // The worker remembers documents it answered from a copy because the network failed: that also
  // covers a server that is down while the browser still believes it is online.
  React.useEffect(() => {
    const controller = navigator.serviceWorker?.controller;
    if (!controller) return;
    let cancelled = false;
    void askWorker({ type: "TP_DOCUMENT_STATUS" }, controller).then((reply) => {
      if (!cancelled && reply?.type === "TP_DOCUMENT_STATUS" && reply.fromCache) setWorkerCopy({ cachedAt: reply.cachedAt });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const fromCache = workerCopy !== null || (net !== SERVER_NET && loadedOffline);
  const connection = React.useMemo<ConnectionState>(() => {
    if (fromCache) return { offline: true, asOf: new Date(workerCopy?.cachedAt ?? renderedAt), fromCache: true };
    if (!net.online) return { offline: true, asOf: new Date(net.changedAt ?? Date.parse(renderedAt)), fromCache: false };
    return { offline: false, asOf: null, fromCache: false };
  }, [fromCache, workerCopy, renderedAt, net]);

  // A copy on screen is replaced by the live page as soon as the server answers again: checked when the
  // browser says it is back online and every few seconds (the server may have been the one away). A live
  // page that lost the connection just carries on: its streams reconnect by themselves.
  React.useEffect(() => {
    if (!fromCache) return;
    let stopped = false;
    const probe = async () => {
      if (stopped || !navigator.onLine) return;
      try {
        const response = await fetch("/api/health", { cache: "no-store", headers: { accept: "application/json" } });
        if (response.ok && !stopped) window.location.reload();
      } catch {
        // Still unreachable: try again later.
      }
    };
    const onOnline = () => void probe();
    const timer = window.setInterval(onOnline, RECONNECT_PROBE_MS);
    window.addEventListener("online", onOnline);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener("online", onOnline);
    };
  }, [fromCache]);

  // The install offer.
  React.useEffect(() => {
    const onPrompt = (event: Event) => {
      // Keep the browser's own mini-infobar away: the app shows its own button instead.
      event.preventDefault();
      setInstallEvent(event as BeforeInstallPromptEvent);
    };
    const onInstalled = () => {
      setInstallEvent(null);
      setJustInstalled(true);
    };
    window.addEventListener("beforeinstallprompt", onPrompt);
    window.addEventListener("appinstalled", onInstalled);
    return () => {
      window.removeEventListener("beforeinstallprompt", onPrompt);
      window.removeEventListener("appinstalled", onInstalled);
    };
  }, []);
  const installed = standalone || justInstalled;

  // The sign-in and sign-up pages mean nobody is signed in here any more.
  React.useEffect(() => {
    if (pathname && SIGNED_OUT_PAGES.test(pathname)) void clearUserData();
  }, [pathname]);

  const promptInstall = React.useCallback(async () => {
    if (!installEvent) return "unavailable" as const;
    await installEvent.prompt();
    const { outcome } = await installEvent.userChoice;
    // The event can be used once; the browser fires a new one if it offers again.
    setInstallEvent(null);
    return outcome;
  }, [installEvent]);

  const value = React.useMemo<PwaContextValue>(
    () => ({ connection, canInstall: installEvent !== null && !installed, installed, promptInstall }),
    [connection, installEvent, installed, promptInstall],
  );

  return <PwaContext.Provider value={value}>{children}</PwaContext.Provider>;
}

/**
 * Tells the service worker who is signed in (so it keeps this user's pages, and wipes another user's),
 * and asks it to keep the page shown after each in-app navigation. Rendered by the signed-in layout.
 */
export function PwaSession({ userKey }: { userKey: string }) {
  const pathname = usePathname();
  const [worker, setWorker] = React.useState<ServiceWorker | null>(null);

  React.useEffect(() => {
    let cancelled = false;
    void (async () => {
      const active = await readyWorker();
      if (!active || cancelled) return;
      await askWorker({ type: "TP_USER", userKey }, active);
      if (!cancelled) setWorker(active);
    })();
    return () => {
      cancelled = true;
    };
  }, [userKey]);

  React.useEffect(() => {
    // Full page loads are kept by the worker as they pass; client-side navigations are fetched once
    // more by the worker (at most every few minutes per page) so they are there offline too.
    if (!worker || !pathname || !navigator.onLine) return;
    void askWorker({ type: "TP_CACHE_PAGE", url: window.location.pathname + window.location.search }, worker);
  }, [worker, pathname]);

  return null;
}
