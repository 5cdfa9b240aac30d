import { describe, expect, test } from "vitest";
import { getCandles } from "@/lib/market/candles";
import { getTicker } from "@/lib/market/quotes";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { GET as analytics } from "./[portfolioId]/analytics/route";
import { GET as history } from "./[portfolioId]/history/route";
import { GET as holdings } from "./[portfolioId]/holdings/route";
import { POST as addTx } from "./[portfolioId]/transactions/route";
import { POST as createPortfolio } from "./route";

// EUR and BTC base currencies: every USD amount divided by the base currency's USD price on its own day
// (lib/portfolio/fx.ts). The demo exchange lists EUR/USDT and BTC/USDT, which price them.

async function user() {
  const email = uniqueEmail("fx");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  return res.body.data.accessToken as string;
}

async function portfolioIn(token: string, baseCurrency: "USD" | "EUR" | "BTC") {
  const res = await call(createPortfolio, "POST", "/api/v1/portfolios", { token, body: { name: `In ${baseCurrency}`, baseCurrency } });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

const DAY = 86_400_000;
const dayStart = (daysAgo: number) => Math.floor((Date.now() - daysAgo * DAY) / DAY) * DAY;

/** The day's close of a market, as the conversion uses it. */
async function closeOn(symbol: string, dayMs: number): Promise<number> {
  const candles = await getCandles({ symbol, timeframe: "1d", limit: 60 });
  const candle = candles.find((c) => c.time === dayMs);
  if (!candle) throw new Error(`no ${symbol} candle for ${new Date(dayMs).toISOString()}`);
  return candle.close;
}

describe("base currencies", () => {
  test("BTC: a buy of bitcoin at the day's close costs exactly the bitcoin bought; ETH is valued in BTC", async () => {
    const token = await user();
    const id = await portfolioIn(token, "BTC");
    const day = dayStart(20);
    const btcClose = await closeOn("BTC-USDT", day);
    const executedAt = new Date(day + 12 * 3_600_000).toISOString();
    expect((await call(addTx, "POST", `/api/v1/portfolios/${id}/transactions`, { token, params: { portfolioId: id }, body: { type: "buy", symbol: "BTC", quantity: "0.5", price: String(btcClose), executedAt } })).status).toBe(201);
    expect((await call(addTx, "POST", `/api/v1/portfolios/${id}/transactions`, { token, params: { portfolioId: id }, body: { type: "buy", symbol: "ETH", quantity: "2", price: "3000", executedAt } })).status).toBe(201);

    const res = await call(holdings, "GET", `/api/v1/portfolios/${id}/holdings`, { token, params: { portfolioId: id } });
    expect(res.status).toBe(200);
    const view = res.body.data;
    expect(view).toMatchObject({ baseCurrency: "BTC", currency: "BTC", conversionNote: null, fx: { market: "BTC-USDT" } });
    const btc = view.holdings.find((h: { symbol: string }) => h.symbol === "BTC");
    const eth = view.holdings.find((h: { symbol: string }) => h.symbol === "ETH");
    // Bitcoin measured in bitcoin: cost 0.5, worth 0.5, no P&L, whatever the dollar did since.
    expect(Number(btc.costBasis)).toBeCloseTo(0.5, 12);
    expect(Number(btc.price)).toBeCloseTo(1, 12);
    expect(Number(btc.value)).toBeCloseTo(0.5, 12);
    expect(Number(btc.unrealizedPnl)).toBeCloseTo(0, 12);
    // ETH: cost 6,000 USD at that day's BTC price; worth today's ETH/BTC.
    const [ethNow, btcNow] = [(await getTicker("ETH-USDT")).last, Number(view.fx.usdPerUnit)];
    expect(Number(eth.costBasis)).toBeCloseTo(6000 / btcClose, 10);
    expect(Number(eth.value)).toBeCloseTo((2 * ethNow) / btcNow, 4);
    // The USD totals are kept for adding portfolios up.
    expect(Number(view.totalsUsd.costBasis)).toBeCloseTo(0.5 * btcClose + 6000, 6);
  });

  test("EUR: cost basis at the rate of the purchase day; history and analytics in EUR", async () => {
    const token = await user();
    const id = await portfolioIn(token, "EUR");
    const day = dayStart(30);
    const eurThen = await closeOn("EUR-USDT", day);
    const executedAt = new Date(day + 6 * 3_600_000).toISOString();
    expect((await call(addTx, "POST", `/api/v1/portfolios/${id}/transactions`, { token, params: { portfolioId: id }, body: { type: "buy", symbol: "SOL", quantity: "10", price: "150", fee: "1.5", feeCurrency: "USDT", executedAt } })).status).toBe(201);

    const view = (await call(holdings, "GET", `/api/v1/portfolios/${id}/holdings`, { token, params: { portfolioId: id } })).body.data;
    expect(view).toMatchObject({ currency: "EUR", fx: { market: "EUR-USDT" } });
    const sol = view.holdings[0];
    expect(Number(sol.costBasis)).toBeCloseTo(1501.5 / eurThen, 8);
    expect(Number(sol.value)).toBeCloseTo(Number(view.totalsUsd.value) / Number(view.fx.usdPerUnit), 8);

    const hist = (await call(history, "GET", `/api/v1/portfolios/${id}/history`, { token, params: { portfolioId: id }, query: { range: "3m" } })).body.data;
    expect(hist.currency).toBe("EUR");
    const first = hist.points.find((point: { valueUsd: string }) => Number(point.valueUsd) > 0);
    expect(first).toBeDefined();
    const eurOnDay = await closeOn("EUR-USDT", Date.parse(`${first.date}T00:00:00Z`));
    expect(Number(first.value)).toBeCloseTo(Number(first.valueUsd) / eurOnDay, 6);
    expect(Number(first.costBasis)).toBeCloseTo(1501.5 / eurThen, 8);

    const stats = (await call(analytics, "GET", `/api/v1/portfolios/${id}/analytics`, { token, params: { portfolioId: id } })).body.data;
    expect(stats.currency).toBe("EUR");
    expect(stats.points).toBeGreaterThan(20);
  });

  test("USD portfolios are unchanged: amounts in USD, the same figures twice", async () => {
    const token = await user();
    const id = await portfolioIn(token, "USD");
    await call(addTx, "POST", `/api/v1/portfolios/${id}/transactions`, { token, params: { portfolioId: id }, body: { type: "buy", symbol: "ETH", quantity: "1", price: "3000", executedAt: new Date(dayStart(3)).toISOString() } });
    const view = (await call(holdings, "GET", `/api/v1/portfolios/${id}/holdings`, { token, params: { portfolioId: id } })).body.data;
    expect(view).toMatchObject({ currency: "USD", fx: { usdPerUnit: "1", market: null }, conversionNote: null });
    expect(view.totals).toEqual(view.totalsUsd);
  });
});
