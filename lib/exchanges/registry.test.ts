import ccxt from "ccxt";
import { describe, expect, test } from "vitest";
import { EXCHANGE_IDS, SUPPORTED_EXCHANGES, exchangeIdSchema, getSupportedExchange, isExchangeId, listSupportedExchanges } from "./registry";

const ccxtIds = EXCHANGE_IDS.filter((id) => SUPPORTED_EXCHANGES[id].isCcxt);

type CcxtInstance = {
  requiredCredentials: Record<string, boolean>;
  urls: Record<string, unknown>;
  [method: string]: unknown;
};

function instantiate(id: string): CcxtInstance {
  const Exchange = (ccxt as unknown as Record<string, new () => CcxtInstance>)[id];
  if (!Exchange) throw new Error(`ccxt has no class ${id}`);
  return new Exchange();
}

test("every id but demo is a ccxt exchange, and demo is not", () => {
  expect(ccxtIds).toEqual(EXCHANGE_IDS.filter((id) => id !== "demo"));
  for (const id of ccxtIds) expect(ccxt.exchanges).toContain(id);
  expect(ccxt.exchanges).not.toContain("demo");
});

describe.each(ccxtIds)("%s matches the installed ccxt", (id) => {
  const exchange = instantiate(id);
  const entry = SUPPORTED_EXCHANGES[id];

  test("credential fields are the ones ccxt requires", () => {
    const required = Object.entries(exchange.requiredCredentials)
      .filter(([, isRequired]) => isRequired)
      .map(([field]) => field)
      .sort();
    expect([...entry.credentials].sort()).toEqual(required);
  });

  test("sandbox flag matches ccxt's test urls", () => {
    expect(entry.hasSandbox).toBe(exchange.urls.test !== undefined && exchange.urls.test !== null);
  });

  test("the permissions method exists", () => {
    expect(entry.reportsKeyPermissions).toBe(entry.permissionsMethod !== null);
    if (entry.permissionsMethod !== null) expect(typeof exchange[entry.permissionsMethod]).toBe("function");
  });

  test("docs url is https", () => {
    expect(entry.apiKeyDocsUrl).toMatch(/^https:\/\//);
  });
});

test("schema and helpers", () => {
  expect(exchangeIdSchema.parse("okx")).toBe("okx");
  expect(exchangeIdSchema.safeParse("ftx").success).toBe(false);
  expect(isExchangeId("demo")).toBe(true);
  expect(isExchangeId("Binance")).toBe(false);
  expect(listSupportedExchanges().map((exchange) => exchange.id)).toEqual([...EXCHANGE_IDS]);
  expect(getSupportedExchange("okx").credentials).toContain("password");
  for (const id of EXCHANGE_IDS) expect(SUPPORTED_EXCHANGES[id].id).toBe(id);
});
