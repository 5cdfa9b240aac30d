import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { db } from "@/db/client";
import { pumps } from "@/db/schema";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { GET as listPumps } from "./route";

async function token() {
  const email = uniqueEmail("pumps");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  return res.body.data.accessToken as string;
}

test("GET /pumps lists recent moves newest first, filters by symbol, status and direction, and paginates", async () => {
  const exchange = `test-${randomBytes(4).toString("hex")}`;
  // A symbol of its own, so rows of other tests never show up in the filtered answers.
  const base = `Z${randomBytes(3).toString("hex").toUpperCase()}`;
  const symbol = `${base}-USDT`;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  await db.insert(pumps).values([
    { exchange, symbol, direction: "pump", status: "faded", changePct: 4.2, windowMinutes: 6, volumeZ: 3.1, startPrice: "1.00", peakPrice: "1.042", detectedAt: at(90), fadedAt: at(70) },
    { exchange, symbol, direction: "dump", status: "active", changePct: 3.5, windowMinutes: 9, volumeZ: 2.4, startPrice: "1.05", peakPrice: "1.01325", detectedAt: at(5) },
    { exchange, symbol, direction: "pump", status: "active", changePct: 5, windowMinutes: 3, volumeZ: 6, startPrice: "0.98", peakPrice: "1.029", detectedAt: at(30) },
  ]);
  const bearer = await token();

  const all = await call(listPumps, "GET", "/api/v1/pumps", { token: bearer, query: { symbol: symbol.toLowerCase() } });
  expect(all.status).toBe(200);
  expect(all.body.data.map((p: { changePct: number }) => p.changePct)).toEqual([3.5, 5, 4.2]);
  expect(all.body.data[0]).toEqual({
    id: expect.any(String),
    exchange,
    symbol,
    direction: "dump",
    status: "active",
    changePct: 3.5,
    windowMinutes: 9,
    volumeZ: 2.4,
    startPrice: "1.05",
    peakPrice: "1.01325",
    detectedAt: expect.any(String),
    fadedAt: null,
    createdAt: expect.any(String),
    updatedAt: expect.any(String),
  });
  expect(all.body.pagination).toEqual({ page: 1, limit: 20, total: 3, totalPages: 1, hasMore: false });

  const active = await call(listPumps, "GET", "/api/v1/pumps", { token: bearer, query: { symbol, status: "active", direction: "pump" } });
  expect(active.body.data.map((p: { changePct: number }) => p.changePct)).toEqual([5]);

  const paged = await call(listPumps, "GET", "/api/v1/pumps", { token: bearer, query: { symbol, limit: "2", page: "2" } });
  expect(paged.body.data).toHaveLength(1);
  expect(paged.body.pagination).toMatchObject({ page: 2, limit: 2, total: 3, totalPages: 2, hasMore: false });

  const bad = await call(listPumps, "GET", "/api/v1/pumps", { token: bearer, query: { status: "gone", symbol: "BTC" } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details!.map((d) => d.field).sort()).toEqual(["status", "symbol"]);

  expect((await call(listPumps, "GET", "/api/v1/pumps")).status).toBe(401);
});
