import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { pumps } from "@/db/schema";
import { CHANNELS, type TickerBatch } from "@/lib/market/events";
import type { Bus } from "@/lib/realtime/bus";
import { toStreamItem } from "@/lib/realtime/stream-events";
import type { MinuteBar } from "./pumps";
import { createPumpRunner, type PumpRunner } from "./pumps-runner";

const SETTINGS = { minChangePct: 3, windowMinutes: 15, minVolumeZ: 2 };
const NOW = Date.UTC(2026, 2, 3, 12, 0, 0);
const MINUTE = 60_000;

function createTestBus() {
  const handlers = new Map<string, Set<(message: unknown) => void>>();
  const published: { channel: string; message: unknown }[] = [];
  const bus: Bus = {
    kind: "memory",
    publish: async (channel, message) => {
      published.push({ channel, message });
      for (const handler of handlers.get(channel) ?? []) handler(message);
    },
    subscribe: (channel, handler) => {
      const set = handlers.get(channel) ?? new Set();
      set.add(handler);
      handlers.set(channel, set);
      return () => set.delete(handler);
    },
    close: async () => {},
  };
  return { bus, published, pumpMessages: () => published.filter((p) => p.channel === CHANNELS.pumps).map((p) => p.message as { pump: Record<string, unknown> }) };
}

// 90 quiet minutes ending at NOW, with a pump (100 → 105.5 on 8× volume) in the last 4 minutes when asked.
function bars({ withPump }: { withPump: boolean }): MinuteBar[] {
  const out: MinuteBar[] = [];
  const first = NOW - 90 * MINUTE;
  for (let m = 0; m < 90; m++) {
    const rising = withPump && m >= 86;
    const open = rising ? 100 + (m - 86) * 1.375 : 100;
    const close = rising ? open + 1.375 : 100 + (m % 2) * 0.05;
    out.push({ time: first + m * MINUTE, open, high: Math.max(open, close) + 0.02, low: Math.min(open, close) - 0.02, close, volume: rising ? 900 : 100 + (m % 4) * 10 });
  }
  return out;
}

const runners: PumpRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

function start(options: { exchange: string; bus: Bus; isLeader?: () => boolean; withPump?: string[]; now?: () => number }) {
  const runner = createPumpRunner({
    exchange: options.exchange,
    symbols: () => ["AAA-USDT", "BBB-USDT"],
    settings: SETTINGS,
    isLeader: options.isLeader ?? (() => true),
    loadBars: async (symbol) => bars({ withPump: (options.withPump ?? []).includes(symbol) }),
    bus: options.bus,
    now: options.now ?? (() => NOW),
    checkLeaderMs: 60_000,
  });
  runners.push(runner);
  return runner;
}

const batch = (exchange: string, sequence: number, symbol: string, last: number, at: number, volume24h: number): TickerBatch => ({
  exchange,
  sequence,
  publishedAt: at,
  tickers: [{ exchange, symbol, last, bid: null, ask: null, open24h: null, high24h: null, low24h: null, change24hPct: null, volume24h, quoteVolume24h: null, timestamp: at }],
});

const rowsOf = (exchange: string) => db.select().from(pumps).where(eq(pumps.exchange, exchange));

describe("pump runner", () => {
  test("catches up from candles, fades stale rows, then tracks the live move to its fade and publishes each step", async () => {
    const exchange = `test-${randomBytes(4).toString("hex")}`;
    const [stale] = await db
      .insert(pumps)
      .values({ exchange, symbol: "BBB-USDT", direction: "dump", changePct: 4, windowMinutes: 5, volumeZ: 3, startPrice: "10", peakPrice: "9.6", detectedAt: new Date(NOW - 5 * 60 * MINUTE) })
      .returning();
    const { bus, pumpMessages } = createTestBus();
    const runner = start({ exchange, bus, withPump: ["AAA-USDT"] });
    await runner.checkLeadership();
    expect(runner.isDetecting()).toBe(true);

    let rows = await rowsOf(exchange);
    const aaa = rows.find((row) => row.symbol === "AAA-USDT");
    expect(aaa).toMatchObject({ direction: "pump", status: "active", startPrice: "99.98" });
    expect(aaa!.changePct).toBeGreaterThanOrEqual(3);
    expect(aaa!.volumeZ).toBeGreaterThanOrEqual(2);
    expect(rows.find((row) => row.id === stale!.id)).toMatchObject({ status: "faded" });
    expect(pumpMessages().map((m) => m.pump.id)).toEqual([stale!.id]);

    // Live: a new high, then a fall through half of the move.
    await runner.handleBatch(batch(exchange, 1, "AAA-USDT", 107, NOW + 5_000, 1e6));
    await runner.handleBatch(batch(exchange, 2, "AAA-USDT", 103, NOW + 10_000, 1e6));
    rows = await rowsOf(exchange);
    expect(rows.filter((row) => row.symbol === "AAA-USDT")).toEqual([
      expect.objectContaining({ id: aaa!.id, status: "faded", peakPrice: "107", fadedAt: new Date(NOW + 10_000) }),
    ]);
    const messages = pumpMessages().slice(1);
    expect(messages.map((m) => [m.pump.id, m.pump.status, m.pump.peakPrice])).toEqual([
      [aaa!.id, "active", "107"],
      [aaa!.id, "faded", "107"],
    ]);
    // What the SSE hub makes of it: an `event: pump` every tier may see.
    expect(toStreamItem(CHANNELS.pumps, messages[0])).toMatchObject({ channel: "pumps", event: "pump", minTier: "free" });
  });

  test("a second catch-up (hand-over) finds the stored move instead of inserting it again", async () => {
    const exchange = `test-${randomBytes(4).toString("hex")}`;
    const first = start({ exchange, bus: createTestBus().bus, withPump: ["AAA-USDT"] });
    await first.checkLeadership();
    await first.stop();
    const second = start({ exchange, bus: createTestBus().bus, withPump: ["AAA-USDT"], now: () => NOW + 30_000 });
    await second.checkLeadership();
    expect(await rowsOf(exchange)).toEqual([expect.objectContaining({ symbol: "AAA-USDT", status: "active" })]);
  });

  test("two instances that both believe they lead during a hand-over store one move", async () => {
    const exchange = `test-${randomBytes(4).toString("hex")}`;
    const a = start({ exchange, bus: createTestBus().bus });
    const b = start({ exchange, bus: createTestBus().bus });
    await Promise.all([a.checkLeadership(), b.checkLeadership()]);
    // Both saw 90 quiet minutes; the live ticks pump 100 → 104 in two minutes on heavy volume.
    let volume = 1e6;
    for (let s = 5; s <= 120; s += 5) {
      volume += 60;
      const b1 = batch(exchange, s, "BBB-USDT", 100 + (4 * s) / 120, NOW + s * 1000, volume);
      await Promise.all([a.handleBatch(b1), b.handleBatch(b1)]);
    }
    const rows = await db.select().from(pumps).where(and(eq(pumps.exchange, exchange), eq(pumps.symbol, "BBB-USDT")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ direction: "pump", status: "active" });
  });

  test("an instance that does not hold the ingest lease stores nothing", async () => {
    const exchange = `test-${randomBytes(4).toString("hex")}`;
    const runner = start({ exchange, bus: createTestBus().bus, isLeader: () => false, withPump: ["AAA-USDT"] });
    await runner.checkLeadership();
    await runner.handleBatch(batch(exchange, 1, "AAA-USDT", 120, NOW + 5_000, 1e9));
    expect(runner.isDetecting()).toBe(false);
    expect(await rowsOf(exchange)).toEqual([]);
  });

  test("ticks arriving through the bus are detected", async () => {
    const exchange = `test-${randomBytes(4).toString("hex")}`;
    const { bus, pumpMessages } = createTestBus();
    const runner = start({ exchange, bus });
    await runner.checkLeadership();
    let volume = 1e6;
    for (let s = 5; s <= 120; s += 5) {
      volume += 60;
      await bus.publish(CHANNELS.tickers, batch(exchange, s, "AAA-USDT", 100 - (4 * s) / 120, NOW + s * 1000, volume));
    }
    await runner.stop();
    expect(pumpMessages().map((m) => [m.pump.symbol, m.pump.direction])).toContainEqual(["AAA-USDT", "dump"]);
  });
});
