import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { signals } from "@/db/schema";
import { CHANNELS } from "@/lib/market/events";
import { getBus } from "@/lib/realtime/bus";
import { computeSignalResult } from "./lifecycle";
import { readRecord } from "./plan";
import { getSignalStats } from "./queries";
import { checkActiveSignals, generateSignals, loadBars } from "./run";

// The generator and the checker end to end on the demo exchange (simulated history, no network).

const HOUR = 3_600_000;

describe("signal jobs on the demo exchange", () => {
  test("a first run records history signals with outcomes; the checker then closes more against later candles", async () => {
    const symbols = ["BTC-USDT", "ETH-USDT", "SOL-USDT"];
    // Pretend the first run happened 30 h ago, so the checker has real candles to follow afterwards.
    const firstRun = new Date(Math.floor((Date.now() - 30 * HOUR) / 60_000) * 60_000);
    const published: unknown[] = [];
    const stop = getBus().subscribe(CHANNELS.signals, (message) => published.push(message));
    try {
      const started = performance.now();
      const generated = await generateSignals({ now: firstRun, symbols, timeframes: ["15m", "1h"] });
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(generated.failed).toBe(0);
      expect(generated.created).toBeGreaterThan(0);

      const rows = await db.select().from(signals).where(and(inArray(signals.symbol, symbols), eq(signals.exchange, "demo")));
      expect(rows.length).toBe(generated.created);
      for (const row of rows) {
        expect(row.createdAt.getTime()).toBeLessThanOrEqual(firstRun.getTime());
        expect(["15m", "1h"]).toContain(row.timeframe);
        const sign = row.direction === "buy" ? 1 : -1;
        const risk = sign * (Number(row.entry) - Number(row.stopLoss));
        expect(risk).toBeGreaterThan(0);
        expect(sign * (Number(row.tp3) - Number(row.entry))).toBeCloseTo(3 * risk, 4);
        expect(row.confidence).toBeGreaterThanOrEqual(40);
        expect(row.minTier).toBe(row.confidence >= 80 ? "premium" : row.confidence >= 60 ? "pro" : "free");
        const record = readRecord(row.triggers, row.createdAt.getTime());
        expect(record.conditions.length).toBeGreaterThanOrEqual(2);
        // At most one open signal per symbol and direction at any moment, also in history.
        const overlapping = rows.filter(
          (other) =>
            other.id !== row.id &&
            other.symbol === row.symbol &&
            other.direction === row.direction &&
            other.createdAt <= row.createdAt &&
            (other.closedAt === null || other.closedAt > row.createdAt),
        );
        expect(overlapping).toEqual([]);
      }
      const closed = rows.filter((row) => row.status === "closed");
      expect(closed.length).toBeGreaterThan(0);
      for (const row of closed) {
        expect(row.outcome).not.toBeNull();
        expect(row.closedAt!.getTime()).toBeLessThanOrEqual(firstRun.getTime());
        const want = row.outcome === "tp3" ? 3 : row.outcome === "stop" ? -1 : null;
        if (want !== null && row.outcome === "tp3") expect(row.resultR).toBeCloseTo(want, 6);
        if (row.outcome === "stop") expect(row.resultR).toBeLessThanOrEqual(-1 + 1e-9);
        if (row.outcome === "expired") expect(row.closedAt!.getTime()).toBe(row.expiresAt.getTime());
        const exit = Number(row.entry) * (1 + ((row.direction === "buy" ? 1 : -1) * row.resultPct!) / 100);
        expect(computeSignalResult({ direction: row.direction, entry: Number(row.entry), stopLoss: Number(row.stopLoss) }, exit).resultR).toBeCloseTo(row.resultR!, 6);
      }
      // History is recorded, not announced: nothing computed long after its candle closed goes on the bus.
      expect(generated.history + generated.published).toBe(generated.created);
      expect(published).toHaveLength(generated.published);

      // A second run at the same moment finds nothing new to record.
      expect((await generateSignals({ now: firstRun, symbols, timeframes: ["15m", "1h"] })).created).toBe(0);

      const activeBefore = rows.filter((row) => row.status === "active").length;
      expect(activeBefore).toBeGreaterThan(0);
      published.length = 0;
      // Only this test's symbols: on PostgreSQL other test files share the database.
      const checked = await checkActiveSignals({ symbols });
      expect(checked.failed).toBe(0);
      expect(checked.active).toBeGreaterThanOrEqual(activeBefore);
      expect(checked.closed).toBeGreaterThan(0);
      expect(published.length).toBe(checked.updated);
      expect(published[0]).toMatchObject({ signal: { id: expect.any(String), symbol: expect.any(String), status: expect.stringMatching(/active|closed/) } });

      const after = await db.select().from(signals).where(inArray(signals.symbol, symbols));
      expect(after.filter((row) => row.status === "closed").length).toBe(closed.length + checked.closed);
      // The checker is idempotent: run again right away, nothing changes.
      expect((await checkActiveSignals({ symbols })).updated).toBe(0);

      const stats = await getSignalStats({ symbol: "BTC-USDT" });
      const btcClosed = after.filter((row) => row.symbol === "BTC-USDT" && row.status === "closed");
      expect(stats.count).toBe(btcClosed.length);
      expect(stats.totalR).toBeCloseTo(btcClosed.reduce((sum, row) => sum + row.resultR!, 0), 9);
    } finally {
      stop();
    }
  }, 120_000);

  test("a live run evaluates the bar that just closed and announces what it records", async () => {
    // The minute right after a 15m close; LINK has no signals yet, so this run walks its history first.
    const close = Math.floor(Date.now() / (15 * 60_000)) * 15 * 60_000;
    const generated = await generateSignals({ now: new Date(close + 20_000), symbols: ["LINK-USDT"], timeframes: ["15m"] });
    expect(generated.evaluated).toBeGreaterThan(600);
    const again = await generateSignals({ now: new Date(close + 30_000), symbols: ["LINK-USDT"], timeframes: ["15m"] });
    expect(again.evaluated).toBe(3);
    expect(again.failed).toBe(0);
    // Not in a closing minute: nothing to evaluate.
    expect((await generateSignals({ now: new Date(close + 5 * 60_000), symbols: ["LINK-USDT"], timeframes: ["15m"] })).evaluated).toBe(0);
  });

  test("loadBars pages through more than one request's worth of candles", async () => {
    const toMs = Date.now();
    const bars = await loadBars({ symbol: "BTC-USDT", timeframe: "5m", fromMs: toMs - 5 * 86_400_000, toMs });
    expect(bars.length).toBeGreaterThanOrEqual(5 * 288);
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.openTime - bars[i - 1]!.openTime).toBe(300_000);
  });
});
