import { afterEach, describe, expect, test, vi } from "vitest";
import { createExchangeClient, withTimeout } from "./client";
import { ExchangeAuthError, ExchangeTimeoutError } from "./errors";

describe("withTimeout", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("a hang becomes ExchangeTimeoutError after the deadline", async () => {
    vi.useFakeTimers();
    const result = withTimeout(new Promise(() => {}), 1500, "binance");
    const assertion = expect(result).rejects.toMatchObject({ name: "ExchangeTimeoutError", exchange: "binance", message: "The exchange did not answer within 2 s." });
    await vi.advanceTimersByTimeAsync(1499);
    await vi.advanceTimersByTimeAsync(1);
    await assertion;
    await expect(result).rejects.toBeInstanceOf(ExchangeTimeoutError);
  });

  test("a result or a failure before the deadline passes through and clears the timer", async () => {
    vi.useFakeTimers();
    await expect(withTimeout(Promise.resolve(42), 1000)).resolves.toBe(42);
    const failure = new ExchangeAuthError("bad key");
    await expect(withTimeout(Promise.reject(failure), 1000)).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("createExchangeClient", () => {
  test("demo gets the simulator, with the caller's demo key", async () => {
    const client = createExchangeClient({ exchange: "demo", credentials: { apiKey: `demo-${Date.now()}`, secret: "unused" } });
    expect(client.id).toBe("demo");
    expect(client.fetchKeyPermissions).toBeUndefined();
    const balance = await client.fetchBalance();
    expect(Object.keys(balance.total).length).toBeGreaterThan(0);
    await client.close();
  });

  test("demo without credentials serves market data but no account", async () => {
    const client = createExchangeClient({ exchange: "demo" });
    expect((await client.loadMarkets()).length).toBeGreaterThan(0);
    await expect(client.fetchBalance()).rejects.toBeInstanceOf(ExchangeAuthError);
  });

  test("a ccxt exchange gets the ccxt client (nothing is requested until a call)", async () => {
    const client = createExchangeClient({ exchange: "binance", credentials: { apiKey: "k", secret: "s" } });
    expect(client.id).toBe("binance");
    expect(typeof client.fetchKeyPermissions).toBe("function");
    expect(typeof client.cancelOrder).toBe("function");
    await client.close();
  });

  test("Binance's testnet has no key-permission API: permissions are unknown, and nothing is requested", async () => {
    const client = createExchangeClient({ exchange: "binance", testnet: true, credentials: { apiKey: "k", secret: "s" } });
    await expect(client.fetchKeyPermissions!()).resolves.toEqual({});
    await client.close();
  });

  test("testnet only where the registry has a sandbox", () => {
    expect(() => createExchangeClient({ exchange: "kraken", testnet: true })).toThrow(/no testnet/);
    expect(createExchangeClient({ exchange: "bybit", testnet: true }).id).toBe("bybit");
  });
});
