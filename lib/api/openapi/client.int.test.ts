import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { readLatestMail } from "@/lib/mail/outbox";
import { STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import type { paths } from "@/test/openapi/generated/schema";
import { API_ROUTES } from "./registry";
import { startApiServer, type TestApiServer } from "./testing";

// A typed client generated from the SERVED document (test/openapi/generated/schema.d.ts, kept fresh by
// types.int.test.ts) drives a whole user journey over real HTTP. A path, parameter or field the document
// does not have is a compile error here (tsc covers this file); every answer is also checked against the
// registry's response schema at run time.

let server: TestApiServer;

beforeAll(async () => {
  server = await startApiServer({ clientIp: uniqueIp() });
});
afterAll(async () => {
  await server?.close();
});

function conforms(operationId: string, data: unknown): void {
  const doc = API_ROUTES.find((d) => d.operationId === operationId)!;
  const schema = doc.kind === "paginated" ? (doc.response as z.ZodType).array() : (doc.response as z.ZodType);
  const result = schema.safeParse(data);
  expect(result.success, `${operationId} answered a shape its documented schema refuses: ${result.error?.message}`).toBe(true);
}

describe("typed client journey over HTTP", () => {
  it("register → verify email → login → me → portfolio → transactions → holdings → analytics → tickers → logout", async () => {
    const api = createClient<paths>({ baseUrl: `${server.origin}/api/v1` });
    const email = uniqueEmail("openapi");

    const registered = await api.POST("/auth/register", { body: { email, password: STRONG_PASSWORD, name: "Open Api" } });
    expect(registered.response.status).toBe(201);
    expect(registered.data?.data.user.emailVerified).toBe(false);
    conforms("register", registered.data?.data);

    const mail = await readLatestMail({ to: email });
    const link = mail?.links.map((href) => new URL(href)).find((url) => url.pathname === "/verify-email");
    const token = link?.searchParams.get("token");
    expect(token, "the verification mail in the outbox").toBeTruthy();
    const verified = await api.POST("/auth/email/verify", { body: { token: token! } });
    expect(verified.data?.data.user.emailVerified).toBe(true);

    const wrong = await api.POST("/auth/login", { body: { email, password: "not-the-password" } });
    expect(wrong.response.status).toBe(401);
    expect(wrong.error?.error.code).toBe("INVALID_CREDENTIALS");

    const login = await api.POST("/auth/login", { body: { email, password: STRONG_PASSWORD, deviceName: "openapi test" } });
    expect(login.response.status).toBe(200);
    conforms("login", login.data?.data);
    const accessToken = login.data!.data.accessToken;
    const headers = { authorization: `Bearer ${accessToken}` };

    const me = await api.GET("/user/me", { headers });
    expect(me.data?.data.email).toBe(email);
    conforms("getMe", me.data?.data);

    const created = await api.POST("/portfolios", { headers, body: { name: "Typed client", baseCurrency: "USD" } });
    expect(created.response.status).toBe(201);
    conforms("createPortfolio", created.data?.data);
    const portfolioId = created.data!.data.id;

    const buy = await api.POST("/portfolios/{portfolioId}/transactions", {
      headers,
      params: { path: { portfolioId } },
      body: { type: "buy", symbol: "BTC", quantity: "0.5", price: "40000", fee: "10", executedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() },
    });
    expect(buy.response.status).toBe(201);
    conforms("createTransaction", buy.data?.data);
    const sell = await api.POST("/portfolios/{portfolioId}/transactions", {
      headers,
      params: { path: { portfolioId } },
      body: { type: "sell", symbol: "BTC", quantity: "0.1", price: "42000", executedAt: new Date(Date.now() - 86_400_000).toISOString() },
    });
    expect(sell.response.status).toBe(201);

    const listed = await api.GET("/portfolios/{portfolioId}/transactions", { headers, params: { path: { portfolioId }, query: { limit: 10 } } });
    expect(listed.data?.pagination.total).toBe(2);
    conforms("listTransactions", listed.data?.data);

    const holdings = await api.GET("/portfolios/{portfolioId}/holdings", { headers, params: { path: { portfolioId } } });
    conforms("getHoldings", holdings.data?.data);
    const btc = holdings.data!.data.holdings.find((h) => h.symbol === "BTC");
    expect(btc?.quantity).toBe("0.4");
    // FIFO: 0.5 BTC cost 20000 + 10 fee; 0.4 of it remains at 40020/BTC.
    expect(btc?.costBasis).toBe("16008");

    const analytics = await api.GET("/portfolios/{portfolioId}/analytics", { headers, params: { path: { portfolioId } } });
    expect(analytics.response.status).toBe(200);
    conforms("getAnalytics", analytics.data?.data);

    const tickers = await api.GET("/market/tickers", { headers, params: { query: { symbols: "BTC-USDT,ETH-USDT" } } });
    expect(tickers.data?.data.map((t) => t.symbol).sort()).toEqual(["BTC-USDT", "ETH-USDT"]);
    conforms("listTickers", tickers.data?.data);

    const logout = await api.POST("/auth/logout", { headers });
    expect(logout.data?.data.revoked).toBe(true);
    const after = await api.GET("/user/me", { headers });
    expect(after.response.status).toBe(401);
    expect(after.error?.error.code).toBe("UNAUTHENTICATED");
  });
});
