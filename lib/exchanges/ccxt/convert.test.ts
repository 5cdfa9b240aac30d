import type { Balances, Market as CcxtMarket, Order as CcxtOrder, Trade as CcxtTrade } from "ccxt";
import { describe, expect, test } from "vitest";
import { toBalance, toCandle, toDecimalString, toMarket, toMyTrade, toOrder, toTicker } from "./convert";
import { parseBinanceApiRestrictions } from "./permissions";

const NOW = 1_750_000_000_000;

describe("toDecimalString", () => {
  test.each<[number | string | undefined | null, string]>([
    [0.1 + 0.2, "0.3"],
    [7.5e-7, "0.00000075"],
    [1e-8, "0.00000001"],
    [0.000001 * 3, "0.000003"],
    [0, "0"],
    [-0, "0"],
    [-2.5, "-2.5"],
    [65_000.12, "65000.12"],
    [1234.56789, "1234.56789"],
    [123_456_789_012.345, "123456789012.345"],
    [1e21, "1000000000000000000000"],
    ["0.00100000", "0.001"],
    ["12.5", "12.5"],
    [undefined, "0"],
    [null, "0"],
    ["", "0"],
    [Number.NaN, "0"],
    [Number.POSITIVE_INFINITY, "0"],
  ])("%s → %s", (value, expected) => {
    expect(toDecimalString(value)).toBe(expected);
  });

  test("rounds past 15 significant digits, which a double cannot carry anyway", () => {
    expect(toDecimalString(1.2345678901234567)).toBe("1.23456789012346");
  });

  test("uses the fallback for missing values", () => {
    expect(toDecimalString(undefined, "")).toBe("");
  });
});

describe("toBalance", () => {
  test("keeps non-zero currencies as decimal strings and omits zero ones", () => {
    const balances = {
      info: {},
      BTC: { free: 0.1, used: 0.2, total: 0.30000000000000004 },
      ETH: { free: 0, used: 0, total: 0 },
      SOL: { free: 7.5e-7, used: 0, total: 7.5e-7 },
      free: { BTC: 0.1, ETH: 0, SOL: 7.5e-7 },
      used: { BTC: 0.2, ETH: 0, SOL: 0 },
      total: { BTC: 0.3, ETH: 0, SOL: 7.5e-7 },
    } as unknown as Balances;
    expect(toBalance(balances, NOW)).toEqual({
      timestamp: NOW,
      datetime: new Date(NOW).toISOString(),
      free: { BTC: "0.1", SOL: "0.00000075" },
      used: { BTC: "0.2", SOL: "0" },
      total: { BTC: "0.3", SOL: "0.00000075" },
    });
  });

  test("an empty account", () => {
    expect(toBalance({ info: {} } as Balances, NOW).total).toEqual({});
  });
});

describe("toMyTrade", () => {
  const base = {
    info: {},
    id: "101",
    order: "9",
    symbol: "BTC/USDT",
    timestamp: NOW,
    datetime: "",
    side: "buy",
    price: 65_000.1,
    amount: 0.0015,
    cost: 97.50015,
    fee: { currency: "BNB", cost: 0.0000075 },
  } as unknown as CcxtTrade;

  test.each<[string | undefined, string | undefined, "limit" | "market", "maker" | "taker"]>([
    [undefined, "maker", "limit", "maker"],
    [undefined, "taker", "market", "taker"],
    [undefined, undefined, "market", "taker"],
    ["limit", "taker", "limit", "taker"],
  ])("type %s / %s → %s", (type, takerOrMaker, expectedType, expectedRole) => {
    const trade = toMyTrade({ ...base, type, takerOrMaker } as CcxtTrade);
    expect(trade.type).toBe(expectedType);
    expect(trade.takerOrMaker).toBe(expectedRole);
  });

  test("money fields are exact decimal strings", () => {
    expect(toMyTrade(base)).toMatchObject({ id: "101", order: "9", price: "65000.1", amount: "0.0015", cost: "97.50015", fee: { currency: "BNB", cost: "0.0000075" } });
  });

  test("a missing fee is zero in the quote currency, a missing cost is price × amount", () => {
    const trade = toMyTrade({ ...base, fee: undefined, cost: undefined } as unknown as CcxtTrade);
    expect(trade.fee).toEqual({ currency: "USDT", cost: "0" });
    expect(trade.cost).toBe("97.50015");
  });
});

describe("toMarket", () => {
  const spot = {
    id: "BTCUSDT",
    symbol: "BTC/USDT",
    base: "BTC",
    quote: "USDT",
    spot: true,
    active: true,
    precision: { price: 0.01, amount: 0.00001 },
    limits: { amount: { min: 0.00001, max: 9000 }, cost: { min: 5 } },
    maker: 0.001,
    taker: 0.001,
  } as unknown as CcxtMarket;

  test("spot markets map one to one", () => {
    expect(toMarket(spot)).toEqual({
      id: "BTCUSDT",
      symbol: "BTC/USDT",
      base: "BTC",
      quote: "USDT",
      type: "spot",
      spot: true,
      active: true,
      precision: { price: 0.01, amount: 0.00001 },
      limits: { amount: { min: 0.00001, max: 9000 }, cost: { min: 5 } },
      maker: 0.001,
      taker: 0.001,
    });
  });

  test("missing limits become zero; derivatives are dropped", () => {
    expect(toMarket({ ...spot, limits: {}, active: undefined } as unknown as CcxtMarket)).toMatchObject({ active: true, limits: { amount: { min: 0 }, cost: { min: 0 } } });
    expect(toMarket({ ...spot, spot: false, swap: true } as unknown as CcxtMarket)).toBeUndefined();
  });
});

describe("toOrder", () => {
  const order = {
    id: "77",
    symbol: "ETH/USDT",
    timestamp: NOW,
    type: "limit",
    side: "sell",
    status: "expired",
    price: 3200.5,
    amount: 0.3,
    filled: 0.1,
    remaining: undefined,
    cost: 320.05,
    trades: [],
  } as unknown as CcxtOrder;

  test("expired and rejected orders count as canceled; remaining is derived when missing", () => {
    expect(toOrder(order, NOW)).toMatchObject({ id: "77", status: "canceled", price: "3200.5", amount: "0.3", filled: "0.1", remaining: "0.2", cost: "320.05" });
    expect(toOrder({ ...order, status: "rejected" } as CcxtOrder, NOW).status).toBe("canceled");
    expect(toOrder({ ...order, status: "open" } as CcxtOrder, NOW).status).toBe("open");
  });

  test("a market order without a price reports its average", () => {
    expect(toOrder({ ...order, type: "market", price: undefined, average: 3201 } as unknown as CcxtOrder, NOW)).toMatchObject({ type: "market", price: "3201", average: "3201" });
  });
});

test("toTicker fills gaps from the last price", () => {
  const ticker = toTicker({ symbol: "BTC/USDT", timestamp: undefined, last: 100, open: 80 } as never, NOW);
  expect(ticker).toMatchObject({ timestamp: NOW, last: 100, close: 100, bid: 100, ask: 100, change: 20, percentage: 25, baseVolume: 0 });
});

test("toCandle", () => {
  expect(toCandle([NOW, 1, 2, 0.5, 1.5, 10])).toEqual({ timestamp: NOW, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 });
});

describe("parseBinanceApiRestrictions", () => {
  test.each<[unknown, object]>([
    [{ ipRestrict: true, enableWithdrawals: true, enableSpotAndMarginTrading: false, enableReading: true }, { canWithdraw: true, canTrade: false, ipRestricted: true }],
    [{ ipRestrict: false, enableWithdrawals: false, enableSpotAndMarginTrading: true }, { canWithdraw: false, canTrade: true, ipRestricted: false }],
    [{ enableReading: true }, {}],
  ])("%j", (response, expected) => {
    const { raw, ...permissions } = parseBinanceApiRestrictions(response);
    expect(permissions).toEqual(expected);
    expect(raw).toBe(response);
  });

  test.each([null, "x", [1]])("garbage %j → unknown", (response) => {
    expect(parseBinanceApiRestrictions(response)).toEqual({});
  });
});
