import "server-only";
import { effectiveTier } from "@/lib/auth/sessions";
import { logger } from "@/lib/logger";
import { CHANNELS, type TickerBatch } from "@/lib/market/events";
import { notifyUser, type NotifyDeps, type NotifyResult } from "@/lib/notifications/deliver";
import { getBus, type Bus } from "@/lib/realtime/bus";
import { signalVisibleAt } from "@/lib/tiers";
import { AlertBook, describeFire, normalizeSymbol, toBookAlert, type AlertChange, type AlertFire } from "./evaluate";
import { claimAlertFiring, getAlertOwnerTier, getAlertRow, listActiveBookAlerts, publishAlertChange, type ClaimedAlert } from "./queries";

// The alert evaluator of one process. It mirrors the active alerts in an AlertBook (loaded at start,
// kept current by CHANNELS.alerts), feeds it every TickerBatch, signal and pump from the bus, and
// turns what the book fires into a claim (queries.ts): one conditional UPDATE per firing, so when
// several instances evaluate the same tick exactly one wins and notifies. Every instance runs one,
// which keeps alerts firing through an ingester hand-over without a lease of their own; the cost is
// one extra UPDATE per instance for each firing, not per tick.

export type FireOutcome = { alertId: string; outcome: "fired" | "lost" | "hidden" | "failed"; notify?: NotifyResult };

export type AlertEvaluatorOptions = {
  bus?: Bus;
  now?: () => number;
  notifyDeps?: NotifyDeps;
  /** Firings processed at once (claim + delivery). */
  concurrency?: number;
  onFire?: (outcome: FireOutcome) => void;
};

export type AlertEvaluator = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every queued firing is processed (tests, shutdown). */
  idle(): Promise<void>;
  readonly book: AlertBook;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function createAlertEvaluator({ bus = getBus(), now = Date.now, notifyDeps, concurrency = 8, onFire }: AlertEvaluatorOptions = {}): AlertEvaluator {
  const book = new AlertBook();
  const lastTickerMs = new Map<string, number>();
  const queue: AlertFire[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const idleWaiters: (() => void)[] = [];
  let active = 0;
  let unsubscribers: (() => void)[] = [];
  // Ids changed on the bus while the initial load runs: the message is newer than the loaded row.
  let changedDuringLoad: Set<string> | null = null;

  const settle = () => {
    if (active === 0 && queue.length === 0 && timers.size === 0) for (const resolve of idleWaiters.splice(0)) resolve();
  };

  const report = (outcome: FireOutcome) => {
    try {
      onFire?.(outcome);
    } catch {
      // A test hook must not break the evaluator.
    }
  };

  const deliver = async (claimed: ClaimedAlert, fire: AlertFire): Promise<NotifyResult> => {
    const { title, body } = describeFire(fire);
    const trigger = fire.trigger;
    const price = "price" in trigger ? trigger.price : undefined;
    return notifyUser(
      {
        userId: claimed.userId,
        type: "alert",
        title,
        body,
        path: "/alerts",
        tag: `alert-${claimed.id}`,
        forceEmail: claimed.notifyEmail,
        forcePush: claimed.notifyPush,
        data: {
          alertId: claimed.id,
          alertType: claimed.type,
          symbol: claimed.symbol,
          threshold: claimed.threshold,
          ...(price !== undefined ? { price } : {}),
          ...(trigger.kind === "pct_move" ? { movePct: trigger.movePct } : {}),
          triggeredAt: new Date(fire.atMs).toISOString(),
        },
      },
      notifyDeps,
    );
  };

  const processFire = async (fire: AlertFire): Promise<FireOutcome> => {
    const alertId = fire.alert.id;
    try {
      const claimed = await claimAlertFiring({ alertId, now: new Date(fire.atMs) });
      if (!claimed) return { alertId, outcome: "lost" };
      await publishAlertChange(claimed);
      return { alertId, outcome: "fired", notify: await deliver(claimed, fire) };
    } catch (error) {
      logger.error({ err: error, alertId }, "alerts: firing failed");
      // Back to the database's view of the alert, so a transient failure does not lose it.
      const row = await getAlertRow(alertId).catch(() => null);
      book.apply({ id: alertId, alert: row && row.status === "active" ? toBookAlert(row) : null });
      return { alertId, outcome: "failed" };
    }
  };

  const pump = () => {
    while (active < concurrency && queue.length > 0) {
      const fire = queue.shift()!;
      active += 1;
      void processFire(fire)
        .then(report)
        .finally(() => {
          active -= 1;
          pump();
          settle();
        });
    }
  };

  const enqueue = (fires: AlertFire[]) => {
    if (fires.length === 0) return;
    queue.push(...fires);
    pump();
  };

  // A signal reaches a user no earlier than their tier sees it (lib/tiers.ts): a delayed tier's alert
  // waits for that moment (in this process's memory), a tier below the signal's minimum never fires.
  const enqueueSignalFires = async (fires: AlertFire[], signal: Record<string, unknown>) => {
    const minTier = typeof signal.minTier === "string" ? signal.minTier : "free";
    const createdAt = new Date(typeof signal.createdAt === "string" || typeof signal.createdAt === "number" ? signal.createdAt : now());
    for (const fire of fires) {
      const owner = await getAlertOwnerTier(fire.alert.id).catch(() => null);
      if (!owner) continue;
      const tier = effectiveTier(owner.tier, owner.tierExpiresAt, new Date(now()));
      const visibleAt = signalVisibleAt(tier, minTier as Parameters<typeof signalVisibleAt>[1], Number.isNaN(createdAt.getTime()) ? new Date(now()) : createdAt);
      if (!visibleAt) {
        book.upsert(fire.alert);
        report({ alertId: fire.alert.id, outcome: "hidden" });
        continue;
      }
      const delayMs = visibleAt.getTime() - now();
      if (delayMs <= 0) {
        enqueue([fire]);
        continue;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        enqueue([{ ...fire, atMs: now() }]);
        settle();
      }, delayMs);
      timer.unref?.();
      timers.add(timer);
    }
    settle();
  };

  const onTickers = (message: unknown) => {
    const batch = message as TickerBatch;
    if (!isRecord(batch) || !Array.isArray(batch.tickers)) return;
    const at = now();
    for (const ticker of batch.tickers) {
      if (!isRecord(ticker) || typeof ticker.symbol !== "string" || typeof ticker.last !== "number") continue;
      // A late quote (an old ingester's batch after a hand-over) must not count as a crossing.
      const stamp = typeof ticker.timestamp === "number" ? ticker.timestamp : at;
      if (stamp < (lastTickerMs.get(ticker.symbol) ?? -Infinity)) continue;
      lastTickerMs.set(ticker.symbol, stamp);
      enqueue(book.onTick(ticker.symbol, ticker.last, at));
    }
  };

  const onSignal = (message: unknown) => {
    const signal = isRecord(message) ? message.signal : undefined;
    if (!isRecord(signal) || typeof signal.symbol !== "string") return;
    const fires = book.onSignal(normalizeSymbol(signal.symbol), signal, now());
    if (fires.length > 0) {
      active += 1;
      void enqueueSignalFires(fires, signal).finally(() => {
        active -= 1;
        settle();
      });
    }
  };

  const onPump = (message: unknown) => {
    const pumpEvent = isRecord(message) ? message.pump : undefined;
    if (!isRecord(pumpEvent) || typeof pumpEvent.symbol !== "string") return;
    enqueue(book.onPump(normalizeSymbol(pumpEvent.symbol), pumpEvent, now()));
  };

  const onChange = (message: unknown) => {
    if (!isRecord(message) || typeof message.id !== "string") return;
    changedDuringLoad?.add(message.id);
    book.apply(message as AlertChange);
  };

  return {
    book,
    start: async () => {
      if (unsubscribers.length > 0) return;
      changedDuringLoad = new Set();
      unsubscribers = [
        bus.subscribe(CHANNELS.alerts, onChange),
        bus.subscribe(CHANNELS.tickers, onTickers),
        bus.subscribe(CHANNELS.signals, onSignal),
        bus.subscribe(CHANNELS.pumps, onPump),
      ];
      try {
        const loaded = await listActiveBookAlerts();
        for (const alert of loaded) if (!changedDuringLoad.has(alert.id)) book.upsert(alert);
      } finally {
        changedDuringLoad = null;
      }
    },
    stop: async () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      unsubscribers = [];
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      settle();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settle();
      }),
  };
}

const globalForAlerts = globalThis as unknown as { __tradepulseAlertEvaluator?: AlertEvaluator };

/** Starts this process's evaluator once (lib/boot.ts). Never throws: a failure is logged and retried. */
export async function startAlertEvaluator(): Promise<void> {
  if (globalForAlerts.__tradepulseAlertEvaluator) return;
  const evaluator = createAlertEvaluator();
  globalForAlerts.__tradepulseAlertEvaluator = evaluator;
  const attempt = async (tries: number): Promise<void> => {
    try {
      await evaluator.start();
      logger.info({ alerts: evaluator.book.size }, "alerts: evaluator started");
    } catch (error) {
      await evaluator.stop();
      logger.error({ err: error }, "alerts: evaluator failed to start; retrying");
      if (tries < 10) {
        const timer = setTimeout(() => void attempt(tries + 1), 5_000 * (tries + 1));
        timer.unref?.();
      }
    }
  };
  await attempt(0);
  hookShutdown(evaluator);
}

function hookShutdown(evaluator: AlertEvaluator): void {
  const holder = globalThis as { __tradepulseShutdown?: () => Promise<void> };
  const previous = holder.__tradepulseShutdown;
  holder.__tradepulseShutdown = async () => {
    await evaluator.stop();
    // Firings in flight finish their claim and delivery before the database closes (bounded).
    await Promise.race([evaluator.idle(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await previous?.();
  };
}
