import { expect, test } from "vitest";
import { createSymbolTagger } from "./tagging";

const tag = createSymbolTagger(
  ["BTC", "ETH", "SOL", "XRP", "DOT", "LINK", "NEAR", "AVAX", "OP", "UNI", "TON", "DOGE", "POL", "PEPE"].map((base) => ({ symbol: `${base}-USDT`, base })),
);

test.each([
  ["Bitcoin tops $100,000 as ETF inflows surge", ["BTC-USDT"]],
  ["bitcoin's hashrate hits a record", ["BTC-USDT"]],
  ["BTC and ETH slide after Fed minutes", ["BTC-USDT", "ETH-USDT"]],
  ["Ethereum developers set a date for the next upgrade", ["ETH-USDT"]],
  ["Ether options expiry looms", ["ETH-USDT"]],
  ["Solana network sees record DEX volume; SOL up 8%", ["SOL-USDT"]],
  ["$SOL breaks out", ["SOL-USDT"]],
  ["Ripple wins another round; XRP jumps", ["XRP-USDT"]],
  ["Polkadot parachain auction; (DOT) steady", ["DOT-USDT"]],
  ["DOT/USDT bounces off support", ["DOT-USDT"]],
  ["Chainlink oracles go live on a new chain", ["LINK-USDT"]],
  ["NEAR Protocol raises funds", ["NEAR-USDT"]],
  ["Avalanche subnet launches for gaming", ["AVAX-USDT"]],
  ["Dogecoin rallies after a tweet", ["DOGE-USDT"]],
  ["MATIC holders complete the migration to POL", ["POL-USDT"]],
])("tags %j", (text, want) => {
  expect(tag(text)).toEqual(want);
});

test.each([
  ["A new solution for cross-border payments"],
  ["Sol Invictus and other solstice myths"],
  ["Prices near the weekly high; see the link below"],
  ["Stocks hit an avalanche of selling"],
  ["The OP of the thread is not optimistic"],
  ["Uni students learn about markets"],
  ["A ton of liquidity left exchanges"],
  ["ETHICS board reviews the BTCS listing"],
  ["The dot-com bubble, 25 years on"],
  ["Pepperoni prices climb"],
  ["Politics and policy: the POLL results"],
])("no false hit in %j", (text) => {
  expect(tag(text)).toEqual([]);
});
