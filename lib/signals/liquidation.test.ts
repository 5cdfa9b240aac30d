import { Decimal } from "decimal.js";
import { describe, expect, test } from "vitest";
import {
  type LiquidationParams,
  LiquidationInputError,
  calculateLiquidation,
  normalizeFuturesSymbol,
} from "./liquidation";

// LP = (WB − TMM + UPNL + cum − side·Q·EP) / (Q·MMR + Q·fee − side·Q), side +1 long / −1 short.
// Binance's published formula (USDⓈ-M, one-way mode). BTCUSDT and ETHUSDT brackets used below:
// 1 = (0, 50k] 125x 0.40 % cum 0 · 2 = (50k, 600k] 100x 0.50 % cum 50 · 3 = (600k, 3M] 75x 0.65 % cum 950.
// Every expected price was worked out by hand from that formula (shown beside each case).
type Case = {
  name: string;
  params: LiquidationParams;
  liquidationPrice: string | null;
  want?: Record<string, unknown>;
};

const cases: Case[] = [
  {
    // N = 0.5 × 60,000 = 30,000 (bracket 1); WB = IM = 30,000 / 10 = 3,000
    // LP = (3,000 + 0 − 30,000) / (0.5 × 0.004 − 0.5) = −27,000 / −0.498 = 54,216.867469…
    name: "long isolated 10x, bracket 1",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "60000", quantity: "0.5", leverage: 10 },
    liquidationPrice: "54216.86746988",
    want: {
      notional: "30000",
      initialMargin: "3000",
      maintenanceMargin: "120", // 30,000 × 0.004 − 0
      marginRatioPct: "4", // 120 / 3,000
      distancePct: "9.63855422", // (60,000 − 54,216.867) / 60,000
      liquidationBracket: 1,
    },
  },
  {
    // LP = (3,000 + 0 + 30,000) / (0.002 + 0.5) = 33,000 / 0.502 = 65,737.051792…
    name: "short isolated 10x, bracket 1",
    params: { symbol: "BTCUSDT", side: "short", marginMode: "isolated", entryPrice: "60000", quantity: "0.5", leverage: 10 },
    liquidationPrice: "65737.05179283",
    want: { maintenanceMargin: "120", liquidationBracket: 1 },
  },
  {
    // N = 10 × 50,000 = 500,000 (bracket 2); WB = IM = 500,000 / 20 = 25,000
    // LP = (25,000 + 50 − 500,000) / (10 × 0.005 − 10) = −474,950 / −9.95 = 47,733.668341…
    // (bracket 1's line gives 47,690.76 and bracket 3's 47,715.15, both lower: bracket 2 holds)
    name: "long isolated 20x, bracket 2",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "50000", quantity: "10", leverage: 20 },
    liquidationPrice: "47733.66834171",
    want: {
      initialMargin: "25000",
      maintenanceMargin: "2450", // 500,000 × 0.005 − 50
      maintenanceMarginRate: "0.005",
      maintenanceAmount: "50",
      marginRatioPct: "9.8",
      liquidationBracket: 2,
    },
  },
  {
    // Cross, WB = 40,000: LP = (40,000 + 50 + 500,000) / (10 × 0.005 + 10) = 540,050 / 10.05 = 53,736.318407…
    // (bracket 3's line gives 53,745.65, higher: for a short the lowest wins)
    name: "short cross 20x, bracket 2",
    params: { symbol: "BTC-USDT", side: "short", marginMode: "cross", entryPrice: "50000", quantity: "10", leverage: 20, walletBalance: "40000" },
    liquidationPrice: "53736.31840796",
    want: { marginBalance: "40000", maintenanceMargin: "2450", marginRatioPct: "6.125", liquidationBracket: 2 },
  },
  {
    // N = 10 × 3,000 = 30,000 (ETH bracket 1), WB = 5,000 ≥ IM 1,200
    // LP = (5,000 + 0 − 30,000) / (10 × 0.004 − 10) = −25,000 / −9.96 = 2,510.040160…
    name: "long cross 25x, ETHUSDT bracket 1",
    params: { symbol: "ETHUSDT", side: "long", marginMode: "cross", entryPrice: 3000, quantity: 10, leverage: 25, walletBalance: 5000 },
    liquidationPrice: "2510.04016064",
    want: { initialMargin: "1200", maintenanceMargin: "120", liquidationBracket: 1 },
  },
  {
    // N = 10 × 100,000 = 1,000,000 (bracket 3); WB = IM = 20,000
    // LP = (20,000 + 950 − 1,000,000) / (10 × 0.0065 − 10) = −979,050 / −9.935 = 98,545.546049…
    name: "long isolated 50x, bracket 3",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "100000", quantity: "10", leverage: 50 },
    liquidationPrice: "98545.54604932",
    want: { maintenanceMargin: "5550", liquidationBracket: 3 }, // 1,000,000 × 0.0065 − 950
  },
  {
    // Entry N = 51,000 (bracket 2) but WB = IM = 5,100 lets the price fall under 50,000, where the
    // notional is bracket 1: bracket 2's line gives −45,850 / −0.995 = 46,080.40,
    // bracket 1's gives (5,100 − 51,000) / (0.004 − 1) = −45,900 / −0.996 = 46,084.337349… (higher, wins)
    name: "long isolated 10x crossing from bracket 2 into bracket 1",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "51000", quantity: "1", leverage: 10 },
    liquidationPrice: "46084.3373494",
    want: { maintenanceMargin: "205", liquidationBracket: 1 }, // entry: 51,000 × 0.005 − 50
  },
  {
    // Taker fee 0.05 % on the liquidation trade: LP = −27,000 / (0.002 + 0.00025 − 0.5) = −27,000 / −0.49775
    name: "long isolated 10x with a 0.05 % closing fee",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "60000", quantity: "0.5", leverage: 10, takerFeeRate: "0.0005" },
    liquidationPrice: "54244.09844299",
  },
  {
    // Cross with other positions: TMM 500, UPNL −1,000, WB 10,000:
    // LP = (10,000 − 500 − 1,000 + 0 − 30,000) / (0.002 − 0.5) = −21,500 / −0.498 = 43,172.690763…
    name: "long cross with other positions' margin and loss",
    params: {
      symbol: "BTCUSDT", side: "long", marginMode: "cross", entryPrice: "60000", quantity: "0.5", leverage: 10,
      walletBalance: "10000", otherMaintenanceMargin: "500", otherUnrealizedPnl: "-1000",
    },
    liquidationPrice: "43172.69076305",
    want: { marginBalance: "9000", marginRatioPct: "6.88888889" }, // (120 + 500) / 9,000
  },
  {
    // No table: N = 500, WB = IM = 25, LP = (25 − 500) / (5 × 0.01 − 5) = −475 / −4.95 = 95.959595…
    name: "manual maintenance rate, no symbol",
    params: { side: "long", marginMode: "isolated", entryPrice: "100", quantity: "5", leverage: 20, maintenanceMarginRate: "0.01" },
    liquidationPrice: "95.95959596",
    want: { bracket: null, liquidationBracket: null, maintenanceMargin: "5" },
  },
  {
    // Added isolated margin 2,000 on top of 3,000: LP = (5,000 − 30,000) / −0.498 = 50,200.803212…
    name: "long isolated with added margin",
    params: { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "60000", quantity: "0.5", leverage: 10, addedMargin: "2000" },
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
      notionalFloor: "50000",
      notionalCap: "600000",
      maxLeverage: 100,
      maintenanceMarginRate: "0.005",
      maintenanceAmount: "50",
    });
  });

  test("at the liquidation price, equity equals maintenance margin", () => {
    // Long isolated 10x, 0.5 BTC: equity = 3,000 + 0.5 × (LP − 60,000) and maintenance = 0.5 × LP × 0.004.
    const lp = new Decimal(calculateLiquidation(cases[0]?.params ?? ({} as LiquidationParams)).liquidationPrice ?? "0");
    expect(lp.minus(60000).times(0.5).plus(3000).minus(lp.times(0.5).times(0.004)).abs().lessThan("0.0000001")).toBe(true);
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
