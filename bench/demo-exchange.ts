// Speed check of the simulated "demo" exchange. Run: npx tsx bench/demo-exchange.ts
// "cold cache" = a fresh seed (nothing computed yet) in a process whose JIT is already warm.
import { availableParallelism, loadavg } from "node:os";
import { DemoAccountStore, createDemoExchange } from "@/lib/exchanges/demo";
import { DemoMarket } from "@/lib/exchanges/demo/market-data";

const NOW = Date.UTC(2026, 10, 22, 17, 34, 50, 123);
const YEAR_HOURS = 8760;

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function summarize(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(3)} ms · p95 ${at(0.95).toFixed(3)} ms · min ${sorted[0]!.toFixed(3)} ms (n=${samples.length})`;
}

function report(label: string, value: string): void {
  console.log(`${label.padEnd(58)} ${value}`);
}

const load = loadavg()[0]!;
console.log(`demo exchange bench · node ${process.version} · load ${load.toFixed(2)} on ${availableParallelism()} CPUs\n`);

const first = new DemoMarket(1);
const symbols = first.symbols();
report("first tickers, all symbols (cold JIT, cold cache)", `${time(() => symbols.map((s) => first.ticker(s, NOW))).toFixed(1)} ms`);
report("first year of 1h candles, BTC (cold JIT, cold cache)", `${time(() => first.ohlcv("BTC/USDT", "1h", NOW, undefined, YEAR_HOURS)).toFixed(1)} ms`);

// Warm the JIT on unrelated seeds, then measure cold caches on fresh seeds.
for (let seed = 100; seed < 104; seed++) {
  const warm = new DemoMarket(seed);
  for (const s of symbols) warm.ohlcv(s, "1h", NOW, undefined, 2000);
  for (let i = 0; i < 200; i++) for (const s of symbols) warm.ticker(s, NOW + i * 1000);
}

const startup: number[] = [];
const yearHourly: number[] = [];
const yearDaily: number[] = [];
const minutes: number[] = [];
for (let seed = 200; seed < 210; seed++) {
  const market = new DemoMarket(seed);
  startup.push(time(() => symbols.map((s) => market.ticker(s, NOW))));
  yearHourly.push(time(() => market.ohlcv("ETH/USDT", "1h", NOW, undefined, YEAR_HOURS)));
  yearDaily.push(time(() => market.ohlcv("SOL/USDT", "1d", NOW, undefined, 365)));
  minutes.push(time(() => market.ohlcv("XRP/USDT", "1m", NOW, undefined, 1000)));
}
report("tickers for all symbols, cold cache (skeleton + 24 h)", summarize(startup));
report("year of 1h candles (8760), one symbol, cold cache", summarize(yearHourly));
report("year of 1d candles (365), one symbol, cold cache", summarize(yearDaily));
report("1000 1m candles, one symbol, cold cache", summarize(minutes));

const market = new DemoMarket(42);
symbols.forEach((s) => market.ticker(s, NOW));
market.ohlcv("ETH/USDT", "1h", NOW, undefined, YEAR_HOURS);
const sameSecond: number[] = [];
const nextSecond: number[] = [];
const nextMinute: number[] = [];
for (let i = 0; i < 300; i++) sameSecond.push(time(() => symbols.map((s) => market.ticker(s, NOW))));
for (let i = 1; i <= 300; i++) nextSecond.push(time(() => symbols.map((s) => market.ticker(s, NOW + i * 1000))));
for (let i = 1; i <= 300; i++) nextMinute.push(time(() => symbols.map((s) => market.ticker(s, NOW + 300_000 + i * 60_000))));
report(`tickers for all ${symbols.length} symbols, warm, same second`, summarize(sameSecond));
report(`tickers for all ${symbols.length} symbols, warm, each call a new second`, summarize(nextSecond));
report(`tickers for all ${symbols.length} symbols, warm, each call a new minute`, summarize(nextMinute));

const hourlyWarm: number[] = [];
for (let i = 0; i < 20; i++) hourlyWarm.push(time(() => market.ohlcv("ETH/USDT", "1h", NOW, undefined, YEAR_HOURS)));
report("year of 1h candles, one symbol, warm cache", summarize(hourlyWarm));

const books: number[] = [];
for (let i = 0; i < 300; i++) books.push(time(() => market.orderBook("BTC/USDT", NOW + i * 1000, 100)));
report("order book, depth 100", summarize(books));

const trades: number[] = [];
for (let i = 0; i < 100; i++) trades.push(time(() => market.trades("BTC/USDT", NOW + i * 60_000, undefined, 500)));
report("500 latest public trades", summarize(trades));

const clock = { now: NOW };
const client = createDemoExchange({ seed: 42, apiKey: "demo-bench", accounts: new DemoAccountStore(), now: () => clock.now });
const orders: number[] = [];
for (let i = 0; i < 200; i++) {
  clock.now += 1000;
  const start = performance.now();
  await client.createOrder("DOGE/USDT", "market", i % 2 === 0 ? "buy" : "sell", "50");
  orders.push(performance.now() - start);
}
report("market order (book walk + decimal balances)", summarize(orders));
