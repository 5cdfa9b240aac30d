import { Decimal } from "decimal.js";
import { describe, expect, test } from "vitest";
import {
  type LiquidationParams,
  LiquidationInputError,
  calculateLiquidation,
  normalizeFuturesSymbol,
} from "./liquidation";

// LP = (WB − TMM + UPNL + cum − side·Q·EP) / (Q·MMR + Q·fee − side·Q), side +1 long / −1 short.
// BTCUSDT brackets used below: 1 = (0, 300k] 0.4 % cum 0 · 2 = (300k, 800k] 0.5 % cum 300 ·
// 3 = (800k, 3M] 0.65 % cum 1,500. ETHUSDT bracket 1 = (0, 300k] 0.4 % cum 0.
type Case = {
  name: string;
  params: LiquidationParams;
  liquidationPrice: string | null;
  want?: Record<string, unknown>;
};

const cases: Case[] = [
  {
    // N = 1 × 60,000 = 60,000 (bracket 1); WB = IM = 60,000 / 10 = 6,000
    // LP = (6,000 + 0 − 60,000) / (0.004 − 1) = −54,000 / −0.996 = 54,216.867469…
    name: "long isolated 10x, bracket 1",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "60000", quantity: "1", leverage: 10 },
    liquidationPrice: "54216.86746988",
    want: {
      notional: "60000",
      initialMargin: "6000",
      maintenanceMargin: "240", // 60,000 × 0.004 − 0
      marginRatioPct: "4", // 240 / 6,000
      distancePct: "9.63855422", // (60,000 − 54,216.867) / 60,000
      liquidationBracket: 1,
    },
  },
  {
    // LP = (6,000 + 0 + 60,000) / (0.004 + 1) = 66,000 / 1.004 = 65,737.051792…
    name: "short isolated 10x, bracket 1",
    params: { symbol: "BTCUSDT", side: "short", marginMode: "isolated", entryPrice: "60000", quantity: "1", leverage: 10 },
    liquidationPrice: "65737.05179283",
    want: { maintenanceMargin: "240", liquidationBracket: 1 },
  },
  {
    // N = 10 × 50,000 = 500,000 (bracket 2); WB = IM = 500,000 / 20 = 25,000
    // LP = (25,000 + 300 − 500,000) / (10 × 0.005 − 10) = −474,700 / −9.95 = 47,708.542713…
    // (bracket 1's line gives 47,690.76, lower, so bracket 2 holds at the liquidation notional)
    name: "long isolated 20x, bracket 2",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "50000", quantity: "10", leverage: 20 },
    liquidationPrice: "47708.54271357",
    want: {
      initialMargin: "25000",
      maintenanceMargin: "2200", // 500,000 × 0.005 − 300
      maintenanceMarginRate: "0.005",
      maintenanceAmount: "300",
      marginRatioPct: "8.8",
      liquidationBracket: 2,
    },
  },
  {
    // Cross, WB = 40,000: LP = (40,000 + 300 + 500,000) / (10 × 0.005 + 10) = 540,300 / 10.05 = 53,761.194029…
    name: "short cross 20x, bracket 2",
    params: { symbol: "BTC-USDT", side: "short", marginMode: "cross", entryPrice: "50000", quantity: "10", leverage: 20, walletBalance: "40000" },
    liquidationPrice: "53761.19402985",
    want: { marginBalance: "40000", maintenanceMargin: "2200", marginRatioPct: "5.5", liquidationBracket: 2 },
  },
  {
    // N = 20 × 3,000 = 60,000 (ETH bracket 1), WB = 5,000 ≥ IM 2,400
    // LP = (5,000 + 0 − 60,000) / (20 × 0.004 − 20) = −55,000 / −19.92 = 2,761.044176…
    name: "long cross 25x, ETHUSDT bracket 1",
    params: { symbol: "ETHUSDT", side: "long", marginMode: "cross", entryPrice: 3000, quantity: 20, leverage: 25, walletBalance: 5000 },
    liquidationPrice: "2761.04417671",
    want: { initialMargin: "2400", maintenanceMargin: "240", liquidationBracket: 1 },
  },
  {
    // N = 10 × 100,000 = 1,000,000 (bracket 3); WB = IM = 20,000
    // LP = (20,000 + 1,500 − 1,000,000) / (10 × 0.0065 − 10) = −978,500 / −9.935 = 98,490.186210…
    name: "long isolated 50x, bracket 3",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "100000", quantity: "10", leverage: 50 },
    liquidationPrice: "98490.18621037",
    want: { maintenanceMargin: "5000", liquidationBracket: 3 }, // 1,000,000 × 0.0065 − 1,500
  },
  {
    // Entry N = 310,000 (bracket 2) but WB = IM = 31,000 lets the price fall under 30,000, where the
    // notional (< 300k) is bracket 1: bracket 2's line gives −278,700 / −9.95 = 28,010.05,
    // bracket 1's gives (31,000 − 310,000) / (0.04 − 10) = −279,000 / −9.96 = 28,012.048192… (higher, wins)
    name: "long isolated 10x crossing from bracket 2 into bracket 1",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "31000", quantity: "10", leverage: 10 },
    liquidationPrice: "28012.04819277",
    want: { maintenanceMargin: "1250", liquidationBracket: 1 }, // entry: 310,000 × 0.005 − 300
  },
  {
    // Taker fee 0.05 % on the liquidation trade: LP = −54,000 / (0.004 + 0.0005 − 1) = −54,000 / −0.9955
    name: "long isolated 10x with a 0.05 % closing fee",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "60000", quantity: "1", leverage: 10, takerFeeRate: "0.0005" },
    liquidationPrice: "54244.09844299",
  },
  {
    // Cross with other positions: TMM 500, UPNL −1,000, WB 10,000:
    // LP = (10,000 − 500 − 1,000 + 0 − 60,000) / (0.004 − 1) = −51,500 / −0.996 = 51,706.827309…
    name: "long cross with other positions' margin and loss",
    params: {
      symbol: "BTCUSDT", side: "long", marginMode: "cross", entryPrice: "60000", quantity: "1", leverage: 10,
      walletBalance: "10000", otherMaintenanceMargin: "500", otherUnrealizedPnl: "-1000",
    },
    liquidationPrice: "51706.82730924",
    want: { marginBalance: "9000", marginRatioPct: "8.22222222" }, // (240 + 500) / 9,000
  },
  {
    // No table: N = 500, WB = IM = 25, LP = (25 − 500) / (5 × 0.01 − 5) = −475 / −4.95 = 95.959595…
    name: "manual maintenance rate, no symbol",
    params: { side: "long", marginMode: "isolated", entryPrice: "100", quantity: "5", leverage: 20, maintenanceMarginRate: "0.01" },
    liquidationPrice: "95.95959596",
    want: { bracket: null, liquidationBracket: null, maintenanceMargin: "5" },
  },
  {
    // Added isolated margin 4,000 on top of 6,000: LP = (10,000 − 60,000) / −0.996 = 50,200.803212…
    name: "long isolated with added margin",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "60000", quantity: "1", leverage: 10, addedMargin: "4000" },
    liquidationPrice: "50200.80321285",
  },
  {
    // 1x long: WB = N, so LP = (100 − 100) / (0.004 − 1) = 0: it can never be liquidated.
    name: "long 1x is never liquidated",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "100", quantity: "1", leverage: 1 },
    liquidationPrice: null,
    want: { distancePct: null, liquidationBracket: null },
  },
  {
    // 1x short: LP = (100 + 100) / 1.004 = 199.203187… (price doubling wipes the margin)
    name: "short 1x",
    params: { symbol: "BTCUSDT", side: "short", marginMode: "isolated", entryPrice: "100", quantity: "1", leverage: 1 },
    liquidationPrice: "199.20318725",
  },
];

describe("calculateLiquidation", () => {
  test.each(cases)("$name", ({ params, liquidationPrice, want }) => {
    const result = calculateLiquidation(params);
    if (liquidationPrice === null) {
      expect(result.liquidationPrice).toBeNull();
    } else {
      const got = new Decimal(result.liquidationPrice ?? "NaN");
      const relativeError = got.minus(liquidationPrice).abs().dividedBy(liquidationPrice);
      expect(relativeError.lessThanOrEqualTo("0.0001")).toBe(true); // within 0.01 %
      expect(result.liquidationPrice).toBe(liquidationPrice);
    }
    expect(result).toMatchObject(want ?? {});
  });

  test("the entry bracket is reported with its limits", () => {
    const result = calculateLiquidation({ symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "50000", quantity: "10", leverage: 20 });
    expect(result.bracket).toEqual({
      bracket: 2,
      notionalFloor: "300000",
      notionalCap: "800000",
      maxLeverage: 100,
      maintenanceMarginRate: "0.005",
      maintenanceAmount: "300",
    });
  });

  test("at the liquidation price, equity equals maintenance margin", () => {
    // Long isolated 10x: equity = 6,000 + (LP − 60,000) and maintenance = LP × 0.004.
    const lp = new Decimal(calculateLiquidation(cases[0]?.params ?? ({} as LiquidationParams)).liquidationPrice ?? "0");
    expect(lp.minus(60000).plus(6000).minus(lp.times(0.004)).abs().lessThan("0.0000001")).toBe(true);
  });

  const base: LiquidationParams = { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "50000", quantity: "1", leverage: 10 };
  test.each([
    ["leverage above the bracket maximum", { quantity: "10", leverage: 125 }, "leverage"],
    ["notional above the last bracket", { quantity: "40000" }, "quantity"],
    ["unknown symbol without a rate", { symbol: "DOGEUSDT" }, "symbol"],
    ["no symbol and no rate", { symbol: undefined }, "maintenanceMarginRate"],
    ["cross without a wallet balance", { marginMode: "cross" }, "walletBalance"],
    ["cross wallet below the initial margin", { marginMode: "cross", walletBalance: "4999" }, "walletBalance"],
    ["manual rate above the initial margin rate", { symbol: undefined, leverage: 20, maintenanceMarginRate: "0.06" }, "leverage"],
    ["manual rate of 100 %", { maintenanceMarginRate: "1" }, "maintenanceMarginRate"],
    ["amount without a rate", { maintenanceAmount: "10" }, "maintenanceAmount"],
    ["zero entry price", { entryPrice: "0" }, "entryPrice"],
    ["negative quantity", { quantity: "-1" }, "quantity"],
    ["not a number", { entryPrice: "abc" }, "entryPrice"],
    ["zero leverage", { leverage: 0 }, "leverage"],
    ["fractional leverage", { leverage: 2.5 }, "leverage"],
    ["fee given as a percentage", { takerFeeRate: "0.05" }, "takerFeeRate"],
  ] as const)("rejects %s", (_name, override, field) => {
    let caught: unknown;
    try {
      calculateLiquidation({ ...base, ...override });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LiquidationInputError);
    const error = caught as LiquidationInputError;
    expect(error.field).toBe(field);
    expect(error.code).toBe("VALIDATION_ERROR");
    expect(error.details).toEqual([{ field, message: error.message }]);
  });
});

test.each([
  ["BTCUSDT", "BTCUSDT"],
  ["btc-usdt", "BTCUSDT"],
  ["BTC/USDT:USDT", "BTCUSDT"],
  ["eth_usdt", "ETHUSDT"],
])("normalizeFuturesSymbol(%s)", (input, want) => {
  expect(normalizeFuturesSymbol(input)).toBe(want);
});
