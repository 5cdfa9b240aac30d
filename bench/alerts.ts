// Alert evaluation benchmark: npm run bench:alerts
// 10,000 active alerts over 50 symbols in the in-memory book (lib/alerts/evaluate.ts); every tick is a
// quote for each of the 50 symbols (one TickerBatch at 1 Hz), random walks from a fixed seed so runs
// compare. Alerts are repeating (cooldown 1 min) so the book stays at 10,000 while they fire.
import { performance } from "node:perf_hooks";
import { AlertBook, type BookAlert } from "@/lib/alerts/evaluate";
import type { AlertType } from "@/lib/alerts/schemas";

const SYMBOLS = 50;
const ALERTS = 10_000;
const TICKS = 3_600;
const WARMUP_TICKS = 200;
const GOAL_MS = 5;
const START_MS = Date.UTC(2025, 0, 1);

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = createRandom(20250101);
const symbols = Array.from({ length: SYMBOLS }, (_, i) => `SYM${String(i).padStart(2, "0")}-USDT`);
const prices = symbols.map(() => 1 + random() * 50_000);

function pickType(): AlertType {
  const r = random();
  if (r < 0.4) return "price_above";
  if (r < 0.8) return "price_below";
  if (r < 0.95) return "pct_move";
  return r < 0.975 ? "signal" : "pump";
}

const book = new AlertBook();
for (let i = 0; i < ALERTS; i++) {
  const s = i % SYMBOLS;
  const type = pickType();
  const price = prices[s]!;
  const alert: BookAlert = {
    id: `alert-${i}`,
    userId: `user-${i % 2_000}`,
    type,
    symbol: symbols[s]!,
    // Levels within ±3 % of the start price, so a share of them is crossed during the run.
    threshold: type === "price_above" ? price * (1 + random() * 0.03) : type === "price_below" ? price * (1 - random() * 0.03) : type === "pct_move" ? 0.2 + random() * 2 : null,
    windowMinutes: type === "pct_move" ? [5, 15, 60, 240][Math.floor(random() * 4)]! : null,
    isRepeating: true,
    cooldownMinutes: 1,
    armedAtMs: START_MS,
    quietUntilMs: 0,
  };
  book.upsert(alert);
}

const timings: number[] = [];
let fired = 0;
for (let tick = 0; tick < TICKS + WARMUP_TICKS; tick++) {
  const nowMs = START_MS + tick * 1_000;
  // 1 s log-returns with ~80 %/year volatility.
  for (let s = 0; s < SYMBOLS; s++) prices[s] = prices[s]! * Math.exp((random() - 0.5) * 2 * 0.00025 * Math.sqrt(3));
  const started = performance.now();
  for (let s = 0; s < SYMBOLS; s++) fired += book.onTick(symbols[s]!, prices[s]!, nowMs).length;
  const elapsed = performance.now() - started;
  if (tick >= WARMUP_TICKS) timings.push(elapsed);
}

timings.sort((a, b) => a - b);
const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
const format = (ms: number) => `${ms.toFixed(3)} ms`;
console.log(`alerts: ${book.size} active over ${SYMBOLS} symbols; ${TICKS} ticks of ${SYMBOLS} quotes; ${fired} firings`);
console.log(`per tick (all ${SYMBOLS} symbols): p50 ${format(at(0.5))} · p99 ${format(at(0.99))} · max ${format(timings.at(-1)!)} (goal < ${GOAL_MS} ms)`);
if (at(0.99) >= GOAL_MS) {
  console.error("p99 is above the goal");
  process.exitCode = 1;
}
