import { Decimal } from "decimal.js";
import { beforeAll, describe, expect, test } from "vitest";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../../auth/login/route";
import { POST as register } from "../../auth/register/route";
import { POST as liquidation } from "./route";

let token = "";
beforeAll(async () => {
  const email = uniqueEmail("liq");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  token = res.body.data.accessToken;
});

const post = (body: unknown) => call(liquidation, "POST", "/api/v1/tools/liquidation", { token, body });

// Binance's formula: LP = (WB − TMM + UPNL + cum − side·Q·EP) / (Q·MMR − side·Q) (fee 0, as its calculator).
const within = (got: string | null, want: string) => new Decimal(got ?? "NaN").minus(want).abs().dividedBy(want).lessThanOrEqualTo("0.0001");

describe("POST /tools/liquidation", () => {
  test.each([
    // (3,000 − 30,000) / (0.002 − 0.5)
    ["long isolated, BTCUSDT bracket 1", { symbol: "BTC-USDT", side: "long", marginMode: "isolated", entryPrice: "60000", quantity: "0.5", leverage: 10 }, "54216.86746988"],
    // (3,000 + 30,000) / (0.002 + 0.5)
    ["short isolated, BTCUSDT bracket 1", { symbol: "BTCUSDT", side: "short", marginMode: "isolated", entryPrice: "60000", quantity: "0.5", leverage: 10 }, "65737.05179283"],
    // (5,000 − 30,000) / (0.04 − 10)
    ["long cross, ETHUSDT", { symbol: "ETHUSDT", side: "long", marginMode: "cross", entryPrice: 3000, quantity: 10, leverage: 25, walletBalance: 5000 }, "2510.04016064"],
    // (40,000 + 50 + 500,000) / (0.05 + 10), bracket 2
    ["short cross, BTCUSDT bracket 2", { symbol: "BTCUSDT", side: "short", marginMode: "cross", entryPrice: "50000", quantity: "10", leverage: 20, walletBalance: "40000" }, "53736.31840796"],
  ])("%s matches Binance's formula to 0.01 %%", async (_name, body, want) => {
    const res = await post({ ...body, takerFeeRate: "0" });
    expect(res.status).toBe(200);
    expect(within(res.body.data.liquidationPrice, want)).toBe(true);
    expect(res.body.data.liquidationPriceWithoutFee).toBe(res.body.data.liquidationPrice);
  });

  test("answers the margins, the bracket used and the fee-inclusive price by default", async () => {
    const res = await post({ symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "50000", quantity: "10", leverage: 20 });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      initialMargin: "25000",
      maintenanceMargin: "2450",
      maintenanceMarginRate: "0.005",
      maintenanceAmount: "50",
      takerFeeRate: "0.0005",
      liquidationPriceWithoutFee: "47733.66834171",
      bracket: { bracket: 2, maxLeverage: 100 },
      rateSource: "tier-table",
    });
    // The closing fee comes out of the same margin: a long is liquidated a little higher.
    expect(new Decimal(res.body.data.liquidationPrice).greaterThan(res.body.data.liquidationPriceWithoutFee)).toBe(true);
  });

  test.each([
    ["missing side and a bad price", { marginMode: "isolated", entryPrice: "-1", quantity: "1", leverage: 10, symbol: "BTCUSDT" }, ["entryPrice", "side"]],
    ["leverage above 125", { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "100", quantity: "1", leverage: 150 }, ["leverage"]],
    ["cross without a wallet balance", { symbol: "BTCUSDT", side: "long", marginMode: "cross", entryPrice: "100", quantity: "1", leverage: 10 }, ["walletBalance"]],
    ["neither a symbol nor a rate", { side: "long", marginMode: "isolated", entryPrice: "100", quantity: "1", leverage: 10 }, ["maintenanceMarginRate"]],
    ["leverage above the bracket's maximum", { symbol: "BTCUSDT", side: "long", marginMode: "isolated", entryPrice: "50000", quantity: "10", leverage: 125 }, ["leverage"]],
    ["a symbol without a table", { symbol: "DOGEUSDT", side: "long", marginMode: "isolated", entryPrice: "0.2", quantity: "100", leverage: 10 }, ["symbol"]],
  ])("400 with details for %s", async (_name, body, fields) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.details!.map((d) => d.field).sort()).toEqual(fields);
  });

  test("needs a signed-in caller", async () => {
    const res = await call(liquidation, "POST", "/api/v1/tools/liquidation", { body: { side: "long" } });
    expect(res.status).toBe(401);
  });
});
