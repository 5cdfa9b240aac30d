import "server-only";
import { logger } from "@/lib/logger";
import { CHANNELS, type TickerBatch } from "@/lib/market/events";
import { getBus, type Bus } from "@/lib/realtime/bus";
import { checkOpenTrades, handleSignal, listOpenRobotSymbols } from "./executor";
import type { Quote } from "./math";

// Every instance listens: signals open positions (the executor makes that once per cluster), ticks
// close them at take-profit or stop loss. The jobs in lib/jobs catch up on whatever was missed.

const globalForRuntime = globalThis as unknown as { __tradepulseRobotRuntime?: () => void };

function signalIdOf(message: unknown): string | null {
  if (typeof message !== "object" || message === null) return null;
  const signal = (message as { signal?: { id?: unknown } }).signal;
  return signal && typeof signal.id === "string" ? signal.id : null;
}

function isTickerBatch(message: unknown): message is TickerBatch {
  return typeof message === "object" && message !== null && Array.isArray((message as TickerBatch).tickers);
}

/** Subscribes the executor and the position monitor to the bus; returns the unsubscribe. Idempotent. */
export function startRobotRuntime(bus: Bus = getBus()): () => void {
  if (globalForRuntime.__tradepulseRobotRuntime) return globalForRuntime.__tradepulseRobotRuntime;
  let checking = false;
  const offSignals = bus.subscribe(CHANNELS.signals, (message) => {
    const signalId = signalIdOf(message);
    if (!signalId) return;
    handleSignal({ signalId }).catch((error: unknown) => logger.error({ err: error, signalId }, "robot: signal handling failed"));
  });
  const offTickers = bus.subscribe(CHANNELS.tickers, (message) => {
    if (!isTickerBatch(message) || checking) return;
    checking = true;
    (async () => {
      const open = await listOpenRobotSymbols();
      if (open.size === 0) return;
      const quotes = new Map<string, Quote>();
      for (const ticker of message.tickers) if (open.has(ticker.symbol)) quotes.set(ticker.symbol, { last: ticker.last, bid: ticker.bid, ask: ticker.ask });
      if (quotes.size > 0) await checkOpenTrades({ quotes });
    })()
      .catch((error: unknown) => logger.warn({ err: error }, "robot: position check failed"))
      .finally(() => {
        checking = false;
      });
  });
  const stop = () => {
    offSignals();
    offTickers();
    globalForRuntime.__tradepulseRobotRuntime = undefined;
  };
  globalForRuntime.__tradepulseRobotRuntime = stop;
  return stop;
}
