import "server-only";
import { fromPathSymbol, toPathSymbol } from "@/lib/exchanges/types";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { CHANNELS, type TickerBatch } from "@/lib/market/events";
import { getBus, type Bus } from "@/lib/realtime/bus";
import {
  createPumpDetector,
  dropTrackedPump,
  processPumpTick,
  replayMinuteBars,
  type MinuteBar,
  type PumpDetector,
  type PumpEvent,
  type PumpSettings,
  type TrackedPump,
} from "./pumps";
import { fadePump, fadeUntrackedPumps, insertPumpOnce, toPumpView, updatePumpPeak } from "./pumps-queries";

// Runs the pump detector on the ticker stream, once per cluster.
//
// Which instance detects: the one that holds the market-ingest lease (lib/market/lease.ts). It is
// already unique in the cluster, hands over within seconds when its holder dies, and the batches it
// publishes reach its own bus subscription first. Every instance subscribes, but the others drop
// batches. As a second wall against a brief overlap during a hand-over, a detected move is inserted
// only when no active row (or a row detected moments apart) exists for the symbol and direction
// (insertPumpOnce, in a transaction).
//
// On taking over, the new detector replays the last hours of 1m candles: it finds the moves of that
// time (already stored ones are matched, not duplicated), continues the ones still running, has a volume
// baseline at once, and fades stored moves that ended while nobody watched.

const CHECK_LEADER_MS = 5_000;
export const CATCH_UP_MINUTES = 12 * 60;

export type LoadMinuteBars = (symbol: string, sinceMs: number, nowMs: number) => Promise<MinuteBar[]>;

export type PumpRunnerOptions = {
  exchange: string;
  /** Path-form symbols ("BTC-USDT") the replay covers. */
  symbols: () => readonly string[];
  settings: PumpSettings;
  isLeader: () => boolean;
  loadBars: LoadMinuteBars;
  bus?: Bus;
  now?: () => number;
  catchUpMinutes?: number;
  checkLeaderMs?: number;
};

export type PumpRunner = {
  /** Feeds one batch (the bus subscription does this); resolves when its moves are stored. */
  handleBatch(batch: TickerBatch): Promise<void>;
  /** Re-checks leadership; resolves after any catch-up it started. */
  checkLeadership(): Promise<void>;
  isDetecting(): boolean;
  stop(): Promise<void>;
};

type Outcome = { pump: TrackedPump; faded: { at: number } | null };

/** Folds replayed events into each move's final state, in detection order. */
function foldReplay(events: readonly PumpEvent[]): Outcome[] {
  const outcomes: Outcome[] = [];
  const open = new Map<string, Outcome>();
  for (const event of events) {
    if (event.type === "detected") {
      const outcome: Outcome = { pump: event.pump, faded: null };
      outcomes.push(outcome);
      open.set(event.pump.symbol, outcome);
      continue;
    }
    const outcome = open.get(event.pump.symbol);
    if (!outcome) continue;
    outcome.pump = event.pump;
    if (event.type === "faded") {
      outcome.faded = { at: event.fadedAt };
      open.delete(event.pump.symbol);
    }
  }
  return outcomes;
}

const decimalString = (value: number) => String(Number(value.toPrecision(12)));

export function createPumpRunner({
  exchange,
  symbols,
  settings,
  isLeader,
  loadBars,
  bus = getBus(),
  now = Date.now,
  catchUpMinutes = CATCH_UP_MINUTES,
  checkLeaderMs = CHECK_LEADER_MS,
}: PumpRunnerOptions): PumpRunner {
  const log = logger.child({ module: "pumps", exchange });
  let detector: PumpDetector | null = null;
  let isLeading = false;
  let generation = 0;
  const rowIds = new Map<string, string>();
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;

  const enqueue = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work).catch((error: unknown) => log.warn({ err: error }, "pump detector: step failed"));
    queue = next;
    return next;
  };

  const publish = async (row: Parameters<typeof toPumpView>[0] | null) => {
    if (!row) return;
    await bus.publish(CHANNELS.pumps, { pump: toPumpView(row) });
  };

  const store = async (pump: TrackedPump) =>
    insertPumpOnce({
      exchange,
      symbol: pump.symbol,
      direction: pump.direction,
      changePct: pump.changePct,
      windowMinutes: pump.windowMinutes,
      volumeZ: pump.volumeZ ?? 0,
      startPrice: decimalString(pump.startPrice),
      peakPrice: decimalString(pump.peakPrice),
      detectedAt: new Date(pump.detectedAt),
    });

  const persistLive = async (event: PumpEvent) => {
    const { pump } = event;
    let id = rowIds.get(pump.symbol);
    if (event.type === "detected" || !id) {
      const { row, isNew } = await store(pump);
      id = row.id;
      rowIds.set(pump.symbol, id);
      if (isNew) {
        log.info({ symbol: pump.symbol, direction: pump.direction, changePct: pump.changePct, volumeZ: pump.volumeZ }, "pump detector: move detected");
        await publish(row);
      }
    }
    if (event.type === "faded") {
      rowIds.delete(pump.symbol);
      await publish(await fadePump({ id, fadedAt: new Date(event.fadedAt), peakPrice: decimalString(pump.peakPrice), changePct: pump.changePct }));
    } else if (event.type === "extended") {
      await publish(await updatePumpPeak({ id, peakPrice: decimalString(pump.peakPrice), changePct: pump.changePct }));
    }
  };

  const catchUp = async (myGeneration: number) => {
    const fresh = createPumpDetector(settings);
    const to = now();
    const since = to - catchUpMinutes * 60_000;
    const ids = new Map<string, string>();
    let stored = 0;
    for (const symbol of symbols()) {
      let bars: MinuteBar[];
      try {
        bars = (await loadBars(symbol, since, to)).filter((bar) => bar.time + 60_000 <= to);
      } catch (error) {
        log.warn({ err: error, symbol }, "pump detector: could not load candles to catch up");
        continue;
      }
      for (const outcome of foldReplay(replayMinuteBars(fresh, symbol, bars))) {
        const { row } = await store(outcome.pump);
        stored += 1;
        if (row.status === "faded" && !outcome.faded) {
          // Another instance already saw this move end: trust the stored row.
          dropTrackedPump(fresh, symbol, to);
        } else if (outcome.faded) {
          await fadePump({ id: row.id, fadedAt: new Date(outcome.faded.at), peakPrice: decimalString(outcome.pump.peakPrice), changePct: outcome.pump.changePct });
        } else {
          ids.set(symbol, row.id);
          if (row.status === "active" && outcome.pump.changePct > row.changePct) {
            await updatePumpPeak({ id: row.id, peakPrice: decimalString(outcome.pump.peakPrice), changePct: outcome.pump.changePct });
          }
        }
      }
    }
    const faded = await fadeUntrackedPumps({ exchange, keepIds: [...ids.values()], fadedAt: new Date(to) });
    if (myGeneration !== generation) return;
    rowIds.clear();
    for (const [symbol, id] of ids) rowIds.set(symbol, id);
    detector = fresh;
    for (const row of faded) await publish(row);
    log.info({ moves: stored, stillActive: ids.size, fadedStale: faded.length, minutes: catchUpMinutes }, "pump detector: caught up, detecting");
  };

  const checkLeadership = () =>
    enqueue(async () => {
      if (stopped) return;
      const leader = isLeader();
      if (leader === isLeading) return;
      isLeading = leader;
      generation += 1;
      detector = null;
      rowIds.clear();
      if (leader) await catchUp(generation);
      else log.info("pump detector: not the ingester any more, standing by");
    });

  const handleBatch = (batch: TickerBatch): Promise<void> => {
    if (batch.exchange !== exchange) return Promise.resolve();
    return enqueue(async () => {
      if (isLeading !== isLeader()) {
        void checkLeadership();
        return;
      }
      const active = detector;
      if (!active || stopped) return;
      for (const ticker of batch.tickers) {
        const events = processPumpTick(active, { symbol: ticker.symbol, price: ticker.last, volume24h: ticker.volume24h, timestamp: ticker.timestamp });
        for (const event of events) {
          try {
            await persistLive(event);
          } catch (error) {
            log.warn({ err: error, symbol: event.pump.symbol, type: event.type }, "pump detector: could not store a move");
          }
        }
      }
    });
  };

  const unsubscribe = bus.subscribe(CHANNELS.tickers, (message) => {
    const batch = message as TickerBatch;
    if (batch && Array.isArray(batch.tickers)) void handleBatch(batch);
  });
  const timer = setInterval(() => void checkLeadership(), checkLeaderMs);
  timer.unref?.();
  void checkLeadership();

  return {
    handleBatch,
    checkLeadership,
    isDetecting: () => detector !== null,
    stop: async () => {
      clearInterval(timer);
      unsubscribe();
      // Batches already received are still stored; nothing new arrives.
      let pending: Promise<void> | null = null;
      while (pending !== queue) {
        pending = queue;
        await pending;
      }
      stopped = true;
    },
  };
}

const globalForPumps = globalThis as unknown as { __tradepulsePumpRunner?: PumpRunner };

/** Starts this process's pump detector (idempotent; never throws). */
export async function startPumpDetector(): Promise<void> {
  if (globalForPumps.__tradepulsePumpRunner) return;
  try {
    const [{ getIngesterStatus }, { callExchange, listTrackedUnifiedSymbols }] = await Promise.all([import("@/lib/market/feed"), import("@/lib/market/exchange")]);
    globalForPumps.__tradepulsePumpRunner = createPumpRunner({
      exchange: env.marketExchange,
      symbols: () => listTrackedUnifiedSymbols().map(toPathSymbol),
      settings: env.pumps,
      isLeader: () => getIngesterStatus().isIngester,
      loadBars: async (symbol, sinceMs, nowMs) => {
        const limit = Math.ceil((nowMs - sinceMs) / 60_000) + 1;
        // The latest bars, not "from since": an exchange that caps the count would otherwise stop hours short of now.
        const candles = (await callExchange((client) => client.fetchOHLCV(fromPathSymbol(symbol), "1m", undefined, limit))).filter((c) => c.timestamp >= sinceMs);
        return candles.map((c) => ({ time: c.timestamp, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume }));
      },
    });
  } catch (error) {
    logger.error({ err: error }, "pump detector: not started");
  }
}
