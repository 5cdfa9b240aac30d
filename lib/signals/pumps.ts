// Pump and dump detection over the ticker stream. Pure: the caller owns the state and feeds ticks in
// time order per symbol; nothing here reads a clock.
//
// A pump (dump) is a rise (fall) of at least minChangePct % from the lowest (highest) price of the last
// windowMinutes to the current price, while the volume traded since that extreme is unusually high:
// its z-score against the per-minute volume of the baselineMinutes before the move is at least
// minVolumeZ. Volume over d minutes is compared with d times the baseline mean, in units of
// sqrt(d) times the baseline deviation (minutes taken as independent).
//
// Once detected, the move is tracked until it fades: it has given back fadeRetrace of its size
// (default half), or it has made no new extreme for fadeStallMinutes (default windowMinutes). After a
// fade, only prices after the fade can start a new move, so a faded move is never detected twice.
//
// Volume: tickers carry the rolling 24 h base volume; a minute's volume is the sum of the positive
// increases of that figure between ticks (as the 1m candle builder does).

export type PumpDirection = "pump" | "dump";
export type PumpFadeReason = "retraced" | "stalled";

export type PumpSettings = {
  minChangePct: number;
  windowMinutes: number;
  minVolumeZ: number;
  /** Minutes before the move that set the normal volume. */
  baselineMinutes?: number;
  /** Complete baseline minutes needed before anything is flagged (warm-up). */
  minBaselineMinutes?: number;
  /** Fraction of the move given back that ends it (0.5 = half). */
  fadeRetrace?: number;
  /** Minutes without a new extreme that end it. */
  fadeStallMinutes?: number;
  /** An update is reported when the move grows by at least this many percentage points. */
  reportStepPct?: number;
};

export type PumpTick = {
  symbol: string;
  price: number;
  /** Rolling 24 h base volume, null when the exchange does not report it. */
  volume24h: number | null;
  /** ms since epoch. */
  timestamp: number;
};

/** A move being tracked. Prices are numbers here (display data); the store keeps decimals. */
export type TrackedPump = {
  symbol: string;
  direction: PumpDirection;
  startPrice: number;
  startAt: number;
  /** The extreme so far: the highest price of a pump, the lowest of a dump. */
  peakPrice: number;
  peakAt: number;
  lastPrice: number;
  detectedAt: number;
  /** Size of the move in %, from start to peak (positive for both directions). */
  changePct: number;
  /** Volume z-score at detection; null when the feed has no usable volume. */
  volumeZ: number | null;
  /** Minutes from the start of the move to its detection (≤ windowMinutes). */
  windowMinutes: number;
  /** changePct when last reported. */
  reportedChangePct: number;
};

export type PumpEvent =
  | { type: "detected"; pump: TrackedPump }
  | { type: "extended"; pump: TrackedPump }
  | { type: "faded"; pump: TrackedPump; reason: PumpFadeReason; fadedAt: number };

type Bucket = {
  minute: number;
  high: number;
  highAt: number;
  low: number;
  lowAt: number;
  volume: number;
  /** Whether the bucket saw the whole minute (the first bucket of a symbol did not). */
  isComplete: boolean;
};

type SymbolState = {
  buckets: Bucket[];
  lastVolume24h: number | null;
  lastTimestamp: number;
  active: TrackedPump | null;
  /** Prices at or before this time cannot start a new move. */
  ignoreBefore: number;
};

export type PumpDetector = {
  settings: Required<PumpSettings>;
  symbols: Map<string, SymbolState>;
};

const MINUTE_MS = 60_000;

export function createPumpDetector(settings: PumpSettings): PumpDetector {
  const full: Required<PumpSettings> = {
    baselineMinutes: 60,
    minBaselineMinutes: 10,
    fadeRetrace: 0.5,
    fadeStallMinutes: settings.windowMinutes,
    reportStepPct: 0.1,
    ...settings,
  };
  if (!(full.minChangePct > 0) || !(full.windowMinutes >= 1) || !(full.fadeRetrace > 0 && full.fadeRetrace <= 1)) {
    throw new RangeError("pump detector: minChangePct > 0, windowMinutes ≥ 1 and 0 < fadeRetrace ≤ 1 are required");
  }
  return { settings: full, symbols: new Map() };
}

function stateOf(detector: PumpDetector, symbol: string): SymbolState {
  let state = detector.symbols.get(symbol);
  if (!state) {
    state = { buckets: [], lastVolume24h: null, lastTimestamp: -Infinity, active: null, ignoreBefore: -Infinity };
    detector.symbols.set(symbol, state);
  }
  return state;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Move size in %, positive in the move's direction. */
export function computeMovePct(direction: PumpDirection, from: number, to: number): number {
  return direction === "pump" ? ((to - from) / from) * 100 : ((from - to) / from) * 100;
}

/**
 * z-score of `volume` traded over `minutes` against per-minute baseline volumes; null when the
 * baseline is too short or shows no volume at all.
 */
export function computeVolumeZ(volume: number, minutes: number, baseline: readonly number[], minBaseline: number): number | null {
  if (baseline.length < Math.max(2, minBaseline) || minutes <= 0) return null;
  const mean = baseline.reduce((sum, v) => sum + v, 0) / baseline.length;
  if (!(mean > 0)) return null;
  const variance = baseline.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (baseline.length - 1);
  // A perfectly even baseline would make any extra lot infinitely unusual; a tenth of the mean is the
  // least deviation assumed.
  const deviation = Math.max(Math.sqrt(variance), mean * 0.1);
  return (volume - minutes * mean) / (Math.sqrt(minutes) * deviation);
}

function addTick(state: SymbolState, tick: PumpTick, keepMinutes: number): void {
  let volumeDelta = 0;
  if (tick.volume24h !== null && Number.isFinite(tick.volume24h)) {
    if (state.lastVolume24h !== null && tick.volume24h > state.lastVolume24h) volumeDelta = tick.volume24h - state.lastVolume24h;
    state.lastVolume24h = tick.volume24h;
  }
  const minute = Math.floor(tick.timestamp / MINUTE_MS) * MINUTE_MS;
  const last = state.buckets[state.buckets.length - 1];
  if (last && last.minute === minute) {
    // Ties move the extreme's time forward: a move starts where the price last stood at its extreme.
    if (tick.price >= last.high) {
      last.high = tick.price;
      last.highAt = tick.timestamp;
    }
    if (tick.price <= last.low) {
      last.low = tick.price;
      last.lowAt = tick.timestamp;
    }
    last.volume += volumeDelta;
  } else {
    // A bucket is complete when the previous minute was seen too (no gap, not the first).
    const isComplete = Boolean(last && last.minute === minute - MINUTE_MS);
    state.buckets.push({ minute, high: tick.price, highAt: tick.timestamp, low: tick.price, lowAt: tick.timestamp, volume: last ? volumeDelta : 0, isComplete });
  }
  const oldest = minute - keepMinutes * MINUTE_MS;
  while (state.buckets.length > 0 && state.buckets[0]!.minute < oldest) state.buckets.shift();
}

type Candidate = { direction: PumpDirection; extreme: number; extremeAt: number; movePct: number };

function findCandidate(state: SymbolState, tick: PumpTick, windowMs: number): Candidate | null {
  const since = Math.max(tick.timestamp - windowMs, state.ignoreBefore + 1);
  let low: { price: number; at: number } | null = null;
  let high: { price: number; at: number } | null = null;
  for (const bucket of state.buckets) {
    if (bucket.minute + MINUTE_MS <= since) continue;
    if (bucket.lowAt >= since && (!low || bucket.low <= low.price)) low = { price: bucket.low, at: bucket.lowAt };
    if (bucket.highAt >= since && (!high || bucket.high >= high.price)) high = { price: bucket.high, at: bucket.highAt };
  }
  const up = low ? computeMovePct("pump", low.price, tick.price) : 0;
  const down = high ? computeMovePct("dump", high.price, tick.price) : 0;
  if (low && up >= down && up > 0) return { direction: "pump", extreme: low.price, extremeAt: low.at, movePct: up };
  if (high && down > 0) return { direction: "dump", extreme: high.price, extremeAt: high.at, movePct: down };
  return null;
}

function volumeZSince(state: SymbolState, startAt: number, now: number, settings: Required<PumpSettings>): number | null {
  const startMinute = Math.floor(startAt / MINUTE_MS) * MINUTE_MS;
  let volume = 0;
  const baseline: number[] = [];
  const baselineFrom = startMinute - settings.baselineMinutes * MINUTE_MS;
  for (const bucket of state.buckets) {
    if (bucket.minute >= startMinute) volume += bucket.volume;
    else if (bucket.minute >= baselineFrom && bucket.isComplete) baseline.push(bucket.volume);
  }
  const minutes = Math.max(1, (now - startMinute) / MINUTE_MS);
  return computeVolumeZ(volume, minutes, baseline, settings.minBaselineMinutes);
}

/** Whether the volume condition holds; with no usable volume it holds only when no z-score is asked. */
function isVolumeUnusual(z: number | null, minVolumeZ: number): boolean {
  return z === null ? minVolumeZ <= 0 : z >= minVolumeZ;
}

/** Feeds one tick; returns what happened to the symbol's move (usually nothing). */
export function processPumpTick(detector: PumpDetector, tick: PumpTick): PumpEvent[] {
  if (!Number.isFinite(tick.price) || tick.price <= 0 || !Number.isFinite(tick.timestamp)) return [];
  const { settings } = detector;
  const state = stateOf(detector, tick.symbol);
  if (tick.timestamp < state.lastTimestamp) return [];
  state.lastTimestamp = tick.timestamp;
  addTick(state, tick, settings.windowMinutes + settings.baselineMinutes + 1);

  const active = state.active;
  if (active) return trackActive(state, active, tick, settings);

  const candidate = findCandidate(state, tick, settings.windowMinutes * MINUTE_MS);
  if (!candidate || candidate.movePct < settings.minChangePct) return [];
  const volumeZ = volumeZSince(state, candidate.extremeAt, tick.timestamp, settings);
  if (!isVolumeUnusual(volumeZ, settings.minVolumeZ)) return [];
  const changePct = round(candidate.movePct, 4);
  const pump: TrackedPump = {
    symbol: tick.symbol,
    direction: candidate.direction,
    startPrice: candidate.extreme,
    startAt: candidate.extremeAt,
    peakPrice: tick.price,
    peakAt: tick.timestamp,
    lastPrice: tick.price,
    detectedAt: tick.timestamp,
    changePct,
    volumeZ: volumeZ === null ? null : round(volumeZ, 2),
    windowMinutes: Math.max(1, Math.min(settings.windowMinutes, Math.ceil((tick.timestamp - candidate.extremeAt) / MINUTE_MS))),
    reportedChangePct: changePct,
  };
  state.active = pump;
  return [{ type: "detected", pump: { ...pump } }];
}

function trackActive(state: SymbolState, pump: TrackedPump, tick: PumpTick, settings: Required<PumpSettings>): PumpEvent[] {
  pump.lastPrice = tick.price;
  const isNewExtreme = pump.direction === "pump" ? tick.price > pump.peakPrice : tick.price < pump.peakPrice;
  if (isNewExtreme) {
    pump.peakPrice = tick.price;
    pump.peakAt = tick.timestamp;
    pump.changePct = round(computeMovePct(pump.direction, pump.startPrice, pump.peakPrice), 4);
    if (pump.changePct - pump.reportedChangePct >= settings.reportStepPct) {
      pump.reportedChangePct = pump.changePct;
      return [{ type: "extended", pump: { ...pump } }];
    }
    return [];
  }
  const size = Math.abs(pump.peakPrice - pump.startPrice);
  const givenBack = Math.abs(pump.peakPrice - tick.price);
  let reason: PumpFadeReason | null = null;
  if (size > 0 && givenBack / size >= settings.fadeRetrace) reason = "retraced";
  else if (tick.timestamp - pump.peakAt >= settings.fadeStallMinutes * MINUTE_MS) reason = "stalled";
  if (!reason) return [];
  state.active = null;
  state.ignoreBefore = tick.timestamp;
  return [{ type: "faded", pump: { ...pump }, reason, fadedAt: tick.timestamp }];
}

/**
 * Takes over a move that another process detected (after a hand-over of the detector), unless this
 * detector already tracks one for the symbol. Returns the tracked move.
 */
export function adoptPump(detector: PumpDetector, pump: Omit<TrackedPump, "reportedChangePct" | "lastPrice"> & { lastPrice?: number }): TrackedPump {
  const state = stateOf(detector, pump.symbol);
  if (state.active) return state.active;
  state.active = { ...pump, lastPrice: pump.lastPrice ?? pump.peakPrice, reportedChangePct: pump.changePct };
  return state.active;
}

/** The move tracked for a symbol, if any (a copy). */
export function getTrackedPump(detector: PumpDetector, symbol: string): TrackedPump | null {
  const active = detector.symbols.get(symbol)?.active;
  return active ? { ...active } : null;
}

/** Every tracked move (copies). */
export function listTrackedPumps(detector: PumpDetector): TrackedPump[] {
  return [...detector.symbols.values()].flatMap((state) => (state.active ? [{ ...state.active }] : []));
}

/** Ends tracking without an event (the store marked the move faded elsewhere). */
export function dropTrackedPump(detector: PumpDetector, symbol: string, at: number): void {
  const state = detector.symbols.get(symbol);
  if (!state?.active) return;
  state.active = null;
  state.ignoreBefore = at;
}

/** One 1m bar; `time` is its open time (ms), `volume` in the base asset. */
export type MinuteBar = { time: number; open: number; high: number; low: number; close: number; volume: number };

/**
 * Replays 1m bars (oldest first) through the detector as four ticks each: open, the two extremes (the
 * low first in a rising bar), close. Used to warm a fresh detector with the last hours, so it finds
 * recent moves and has a volume baseline at once. The running total stands in for the 24 h volume.
 */
export function replayMinuteBars(detector: PumpDetector, symbol: string, bars: readonly MinuteBar[]): PumpEvent[] {
  const events: PumpEvent[] = [];
  let volume = 0;
  for (const bar of bars) {
    const isRising = bar.close >= bar.open;
    const points: [offsetMs: number, price: number, share: number][] = [
      [0, bar.open, 0.1],
      [15_000, isRising ? bar.low : bar.high, 0.3],
      [40_000, isRising ? bar.high : bar.low, 0.4],
      [59_000, bar.close, 0.2],
    ];
    for (const [offsetMs, price, share] of points) {
      volume += bar.volume * share;
      events.push(...processPumpTick(detector, { symbol, price, volume24h: volume, timestamp: bar.time + offsetMs }));
    }
  }
  return events;
}
