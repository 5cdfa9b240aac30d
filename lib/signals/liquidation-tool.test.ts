import { Decimal } from "decimal.js";
import { expect, test } from "vitest";
import { DEFAULT_TAKER_FEE_RATE, estimateLiquidation } from "./liquidation-tool";

test("includes the default 0.05 % closing fee and also reports Binance's fee-less price", () => {
  // N = 30,000, WB = 3,000: without fee −27,000 / −0.498; with fee −27,000 / (0.002 + 0.00025 − 0.5)
  const result = estimateLiquidation({ symbol: "BTC-USDT", side: "long", marginMode: "isolated", entryPrice: "60000", quantity: "0.5", leverage: 10 });
  expect(result).toMatchObject({
    symbol: "BTCUSDT",
    takerFeeRate: DEFAULT_TAKER_FEE_RATE,
    liquidationPriceWithoutFee: "54216.86746988",
    liquidationPrice: "54244.09844299",
    openingFee: "15", // 30,000 × 0.0005
    rateSource: "tier-table",
    bracketsAsOf: "2024",
    initialMargin: "3000",
    maintenanceMargin: "120",
  });
  // Closing fee at the liquidation price: 0.5 × 54,244.098 × 0.0005
  expect(new Decimal(result.closingFeeAtLiquidation ?? "0").toFixed(4)).toBe("13.5610");
});

test("a fee of 0 gives Binance's calculator number; a manual rate is labelled as such", () => {
  const result = estimateLiquidation({ side: "short", marginMode: "cross", entryPrice: "100", quantity: "5", leverage: 20, walletBalance: "100", maintenanceMarginRate: "0.01", maintenanceAmount: "0.5", takerFeeRate: "0" });
  // LP = (100 + 0.5 + 500) / (5 × 0.01 + 5) = 600.5 / 5.05 = 118.910891…
  expect(result).toMatchObject({ liquidationPrice: "118.91089109", liquidationPriceWithoutFee: "118.91089109", rateSource: "manual", bracketsAsOf: null, symbol: null, closingFeeAtLiquidation: "0" });
});

test("a long that cannot be liquidated has no closing fee", () => {
  const result = estimateLiquidation({ symbol: "ETHUSDT", side: "long", marginMode: "isolated", entryPrice: "3000", quantity: "1", leverage: 1, takerFeeRate: "0" });
  expect(result.liquidationPrice).toBeNull();
  expect(result.closingFeeAtLiquidation).toBeNull();
});
