"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";

const STORAGE_KEY = "tradepulse:market-favourites";
// `storage` only fires in other tabs; this event tells the components of this tab.
const LOCAL_EVENT = "tradepulse:market-favourites";

function subscribe(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(LOCAL_EVENT, listener);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(LOCAL_EVENT, listener);
  };
}

function readRaw(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? "[]";
  } catch {
    return "[]"; // storage disabled (private mode, policy): favourites just do not persist
  }
}

function parse(raw: string): ReadonlySet<string> {
  try {
    const value: unknown = JSON.parse(raw);
    return new Set(Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);
  } catch {
    return new Set();
  }
}

/** Favourite symbols, kept in this browser's localStorage and shared by every component on the page. */
export function useFavourites(): { favourites: ReadonlySet<string>; toggleFavourite: (symbol: string) => void } {
  const raw = useSyncExternalStore(subscribe, readRaw, () => "[]");
  const favourites = useMemo(() => parse(raw), [raw]);
  const toggleFavourite = useCallback((symbol: string) => {
    const next = new Set(parse(readRaw()));
    if (next.has(symbol)) next.delete(symbol);
    else next.add(symbol);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify([...next].sort()));
    } catch {
      return;
    }
    window.dispatchEvent(new Event(LOCAL_EVENT));
  }, []);
  return { favourites, toggleFavourite };
}
