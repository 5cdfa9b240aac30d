import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { db } from "@/db/client";
import { newsItems } from "@/db/schema";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { GET as listNews } from "./route";

test("GET /news pages through items newest first and filters by symbol", async () => {
  const email = uniqueEmail("news");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const token = (await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() })).body.data.accessToken as string;
  // A pair of its own, so other tests' items never show up in the filtered answers.
  const symbol = `N${randomBytes(3).toString("hex").toUpperCase()}-USDT`;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  await db.insert(newsItems).values([
    { dedupeKey: `url:https://t.example/${symbol}/1`, source: "T", title: "Oldest", url: `https://t.example/${symbol}/1`, publishedAt: at(30), symbols: [symbol] },
    { dedupeKey: `url:https://t.example/${symbol}/2`, source: "T", title: "Newest", summary: "s", url: `https://t.example/${symbol}/2`, publishedAt: at(1), symbols: [symbol, "BTC-USDT"] },
    { dedupeKey: `url:https://t.example/${symbol}/3`, source: "T", title: "Middle", url: `https://t.example/${symbol}/3`, publishedAt: at(10), symbols: [symbol] },
    { dedupeKey: `url:https://t.example/${symbol}/4`, source: "T", title: "Other pair", url: `https://t.example/${symbol}/4`, publishedAt: at(2), symbols: ["ETH-USDT"] },
  ]);

  const first = await call(listNews, "GET", "/api/v1/news", { token, query: { symbol: symbol.toLowerCase(), limit: "2" } });
  expect(first.status).toBe(200);
  expect(first.body.data.map((item: { title: string }) => item.title)).toEqual(["Newest", "Middle"]);
  expect(first.body.data[0]).toEqual({
    id: expect.any(String),
    source: "T",
    title: "Newest",
    summary: "s",
    url: `https://t.example/${symbol}/2`,
    publishedAt: expect.any(String),
    symbols: [symbol, "BTC-USDT"],
    isSample: false,
  });
  expect(first.body.pagination).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2, hasMore: true });
  const second = await call(listNews, "GET", "/api/v1/news", { token, query: { symbol, limit: "2", page: "2" } });
  expect(second.body.data.map((item: { title: string }) => item.title)).toEqual(["Oldest"]);

  const all = await call(listNews, "GET", "/api/v1/news", { token, query: { limit: "100" } });
  expect(all.body.data.some((item: { title: string }) => item.title === "Other pair")).toBe(true);

  const bad = await call(listNews, "GET", "/api/v1/news", { token, query: { symbol: "bitcoin", limit: "500" } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details!.map((d) => d.field).sort()).toEqual(["limit", "symbol"]);
  expect((await call(listNews, "GET", "/api/v1/news")).status).toBe(401);
});
