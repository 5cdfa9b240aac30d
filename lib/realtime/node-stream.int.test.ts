import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { POST as register } from "@/app/api/v1/auth/register/route";
import { SOCKET_ADDRESS_HEADER } from "@/lib/api/client-ip";
import { CHANNELS, type TickerBatch } from "@/lib/market/events";
import { getMetrics } from "@/lib/metrics";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { getBus } from "./bus";
import { closeHub } from "./hub";
import { serveStreamFromNode } from "./node-stream";
import { readSse } from "./sse-reader";

// The production server's direct path (scripts/server.mjs → serveStreamFromNode): the route's own
// handler decides, then events are written straight to a real socket.

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    void serveStreamFromNode(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeHub();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function token(): Promise<string> {
  const email = uniqueEmail("direct");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  return res.body.data.accessToken as string;
}

async function openStreams(): Promise<number> {
  return (await getMetrics().sseStreams.get()).values.reduce((sum, v) => sum + v.value, 0);
}

describe("the direct stream path", () => {
  test("answers errors with the API envelope and the security headers", async () => {
    const anonymous = await fetch(`${base}/api/v1/stream?channels=tickers`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("x-content-type-options")).toBe("nosniff");
    expect(anonymous.headers.get("x-request-id")).toBeTruthy();
    expect(await anonymous.json()).toMatchObject({ success: false, error: { code: "UNAUTHENTICATED" } });
    const bad = await fetch(`${base}/api/v1/stream?channels=orders`, { headers: { authorization: `Bearer ${await token()}` } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("VALIDATION_ERROR");
  });

  test("streams ticks over the socket, counts the stream while it is open, and forgets it when the client leaves", async () => {
    const before = await openStreams();
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/stream?channels=tickers`, { headers: { authorization: `Bearer ${await token()}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-encoding")).toBeNull();
    const sse = readSse(res.body!);
    await sse.until((event) => event.event === "ready");
    expect(await openStreams()).toBe(before + 1);
    const batch: TickerBatch = { exchange: "demo", sequence: 1, publishedAt: Date.now(), tickers: [{ exchange: "demo", symbol: "DIRECT-USDT", last: 42, bid: null, ask: null, open24h: null, high24h: null, low24h: null, change24hPct: null, volume24h: null, quoteVolume24h: null, timestamp: Date.now() }] };
    let seen = null;
    for (let attempt = 0; attempt < 50 && !seen; attempt++) {
      await getBus().publish(CHANNELS.tickers, { ...batch, sequence: attempt + 1 });
      seen = await sse.until((event) => event.event === "tickers" && event.data.includes("DIRECT-USDT"), 200).catch(() => null);
    }
    expect(seen).not.toBeNull();
    controller.abort();
    for (let attempt = 0; attempt < 50 && (await openStreams()) !== before; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await openStreams()).toBe(before);
  });
});
