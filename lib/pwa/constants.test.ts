import { describe, expect, it } from "vitest";

import { isCachedApi, isNeverCached, isOfflineSection, userCacheName, USER_CACHE_PREFIX } from "./constants";

describe("what the service worker keeps", () => {
  it("keeps signed-in reading pages, never settings, admin or auth pages", () => {
    for (const path of ["/dashboard", "/portfolios", "/portfolios/6f1c2b3a-0000-4000-8000-000000000000", "/markets/BTC-USDT", "/alerts"]) {
      expect(isOfflineSection(path), path).toBe(true);
    }
    for (const path of ["/settings/security", "/settings/exchange-keys", "/admin/users", "/login", "/", "/dashboardx"]) {
      expect(isOfflineSection(path), path).toBe(false);
    }
  });

  it("keeps portfolio and market GET answers, never the stream or auth and account endpoints", () => {
    for (const path of ["/api/v1/portfolios", "/api/v1/portfolios/abc", "/api/v1/portfolios/abc/holdings", "/api/v1/market/tickers", "/api/v1/market/candles/BTC-USDT"]) {
      expect(isCachedApi(path), path).toBe(true);
    }
    for (const path of ["/api/v1/stream", "/api/v1/auth/login", "/api/v1/portfolios/abc/export", "/api/v1/user/me", "/api/v1/exchange-keys"]) {
      expect(isCachedApi(path), path).toBe(false);
    }
    for (const path of ["/api/v1/stream", "/api/auth/session", "/api/v1/auth/refresh", "/api/v1/user/export"]) {
      expect(isNeverCached(path), path).toBe(true);
    }
  });

  it("names user caches by key under one prefix, so logout can find them all", () => {
    expect(userCacheName("abc123")).toBe(`${USER_CACHE_PREFIX}abc123`);
  });
});
