import { describe, expect, test } from "vitest";
import { type LiquidationParams, calculateLiquidation } from "./liquidation";
import { liquidationInputSchema } from "./schemas";

const valid = { symbol: "BTC-USDT", side: "long", marginMode: "isolated", entryPrice: "60000.5", quantity: "0.01", leverage: 10 };

describe("liquidationInputSchema", () => {
  test("accepts the API.md shape with decimal strings", () => {
    expect(liquidationInputSchema.parse(valid)).toEqual(valid);
  });

  test("turns numbers into decimal strings and a digit string into a leverage", () => {
    const parsed = liquidationInputSchema.parse({
      ...valid,
      marginMode: "cross",
      entryPrice: 60000.5,
      quantity: 0.01,
      leverage: "20",
      walletBalance: 1000,
      maintenanceMarginRate: 0.004,
      maintenanceAmount: 0,
      addedMargin: 1e-7,
    });
    expect(parsed).toMatchObject({ entryPrice: "60000.5", quantity: "0.01", leverage: 20, walletBalance: "1000", maintenanceMarginRate: "0.004", maintenanceAmount: "0", addedMargin: "0.0000001" });
  });

  test.each([
    ["leverage above 125", { leverage: 126 }, "leverage", "leverage must be at most 125"],
    ["leverage 0", { leverage: 0 }, "leverage", "leverage must be at least 1"],
    ["fractional leverage", { leverage: 2.5 }, "leverage", "leverage must be a whole number from 1 to 125"],
    ["side buy", { side: "buy" }, "side", "side must be long or short"],
    ["margin mode", { marginMode: "portfolio" }, "marginMode", "marginMode must be isolated or cross"],
    ["zero price", { entryPrice: "0" }, "entryPrice", 'entryPrice must be a decimal number greater than 0, like "1234.5"'],
    ["negative quantity", { quantity: -1 }, "quantity", 'quantity must be a decimal number greater than 0, like "1234.5"'],
    ["boolean price", { entryPrice: true }, "entryPrice", "entryPrice must be a decimal string or a number"],
    ["exponent string", { quantity: "1e3" }, "quantity", 'quantity must be a decimal number greater than 0, like "1234.5"'],
    ["cross without wallet", { marginMode: "cross" }, "walletBalance", "walletBalance is required in cross margin mode"],
    ["rate of 100 %", { maintenanceMarginRate: "1" }, "maintenanceMarginRate", "maintenanceMarginRate is a fraction (0.004 = 0.4 %) and must be below 1"],
    ["amount without rate", { maintenanceAmount: "5" }, "maintenanceAmount", "maintenanceAmount needs maintenanceMarginRate"],
    ["no symbol and no rate", { symbol: undefined }, "maintenanceMarginRate", "Pass a symbol with a tier table or a maintenanceMarginRate"],
    ["bad symbol", { symbol: "BTC USDT!" }, "symbol", 'symbol looks like "BTCUSDT" or "BTC-USDT"'],
  ])("rejects %s with a clear message", (_name, override, path, message) => {
    const result = liquidationInputSchema.safeParse({ ...valid, ...override });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join(".") === path);
    expect(issue?.message).toBe(message);
  });

  test("parsed input feeds calculateLiquidation directly", () => {
    const params: LiquidationParams = liquidationInputSchema.parse({ ...valid, entryPrice: 60000, quantity: "1" });
    expect(calculateLiquidation(params).initialMargin).toBe("6000");
  });

  test("a required field that is missing names itself", () => {
    const { entryPrice: _omit, ...rest } = valid;
    const result = liquidationInputSchema.safeParse(rest);
    expect(result.error?.issues[0]?.path).toEqual(["entryPrice"]);
  });
});
