import { describe, expect, test } from "vitest";
import { createDemoExchange } from "@/lib/exchanges/demo";
import type { Ticker } from "@/lib/exchanges/types";
import { createPollingTickerSource, createWatchTickersSource, selectTickerSource } from "./ticker-source";

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);

describe("ticker sources", () => {
  test("polling asks fetchTickers for the tracked symbols on every call", async () => {
    const client = createDemoExchange({ now: () => NOW });
    const source = selectTickerSource(client, ["BTC/USDT", "ETH/USDT"]);
    expect(source.kind).toBe("poll");
    expect((await source.next()).map((t) => t.symbol).sort()).toEqual(["BTC/USDT", "ETH/USDT"]);
    await source.close();
  });

  test("the watchTickers hook keeps the latest ticker per symbol from the pushes", async () => {
    const demo = createDemoExchange({ now: () => NOW });
    const btc = await demo.fetchTicker("BTC/USDT");
    const pushes: Record<string, Ticker>[] = [{ "BTC/USDT": btc }, { "BTC/USDT": { ...btc, last: 1 } }];
    let release: () => void = () => {};
    const client = {
      ...demo,
      watchTickers: () => {
        const next = pushes.shift();
        return next ? Promise.resolve(next) : new Promise<Record<string, Ticker>>((resolve) => (release = () => resolve({})));
      },
    };
    const source = selectTickerSource(client, ["BTC/USDT"]);
    expect(source.kind).toBe("watch");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await source.next()).map((t) => t.last)).toEqual([1]);
    await source.close();
    release();
  });

  test("a failing watch surfaces its error until something arrives", async () => {
    const source = createWatchTickersSource({ watchTickers: () => Promise.reject(new Error("socket closed")) }, ["BTC/USDT"], { retryMs: 5 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(source.next()).rejects.toThrow("socket closed");
    await source.close();
  });

  test("createPollingTickerSource reports its kind", () => {
    expect(createPollingTickerSource(createDemoExchange(), []).kind).toBe("poll");
  });
});
