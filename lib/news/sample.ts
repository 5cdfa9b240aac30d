// The built-in news shown when NEWS_FEEDS is empty: a handful of realistic, clearly marked sample
// headlines (isSample: true), so the panel is not blank on a fresh install. Pure.
import type { NewsDraft } from "./normalize";
import type { SymbolTagger } from "./tagging";

const SAMPLE_SOURCE = "TradePulse sample news";

// Minutes before the first refresh, title, summary.
const SAMPLES: readonly [number, string, string][] = [
  [12, "Bitcoin holds above key support as spot ETF inflows resume", "Net inflows into US spot bitcoin funds returned after three days of outflows, while BTC traded in a narrow range."],
  [35, "Ethereum developers schedule the next network upgrade on testnet", "Core developers agreed on a testnet date; the upgrade focuses on blob capacity and validator experience."],
  [58, "Solana DEX volume climbs to a monthly high", "Decentralised exchanges on Solana processed more volume than in any week this month as memecoin trading picked up."],
  [95, "XRP rises after Ripple announces a new payments partnership", "The partnership covers cross-border settlement in two corridors; XRP outperformed the wider market."],
  [140, "Funding rates turn negative on several altcoin perpetuals", "Shorts are paying longs on DOGE and AVAX perpetual futures, a sign of crowded bearish positioning."],
  [190, "Chainlink brings its price feeds to another layer-2 network", "Chainlink oracles are now live on the network, giving lending protocols there a standard price source."],
  [260, "Cardano treasury vote passes with a record turnout", "ADA holders approved the first budget under the new governance model."],
  [330, "Stablecoin supply reaches a new all-time high", "The combined supply of dollar stablecoins rose again this week, a sign of fresh capital waiting on exchanges."],
  [410, "Litecoin hashrate hits a record ahead of the halving cycle", "Miners added capacity on the LTC network; the next reward cut is still more than a year away."],
  [500, "Polkadot moves to a new coretime model for parachains", "Teams now buy blockspace on Polkadot in monthly slices instead of winning long auctions."],
  [620, "BNB Chain cuts gas fees for the third time this year", "Validators voted to lower the minimum gas price on BNB Chain; transaction counts rose the same day."],
  [760, "Dogecoin open interest jumps as traders position for volatility", "Open interest in DOGE futures rose by a fifth in a day while the price barely moved."],
  [900, "Avalanche launches an incentive program for gaming subnets", "The foundation set aside AVAX grants for studios that deploy their games on dedicated chains."],
  [1080, "Regulators publish draft rules for crypto custody", "The consultation asks how exchanges should segregate client assets; comments are open for 60 days."],
  [1300, "Toncoin and Telegram mini-apps drive a rise in active wallets", "Active TON wallets grew for the fourth straight week as more Telegram mini-apps added payments."],
];

export function buildSampleNews(now: Date, tagSymbols: SymbolTagger): NewsDraft[] {
  return SAMPLES.map(([minutesAgo, title, summary], index) => ({
    dedupeKey: `sample:${index + 1}`,
    source: SAMPLE_SOURCE,
    title,
    summary,
    // example.com is reserved for examples: the sample never points at a real article.
    url: `https://example.com/tradepulse-sample-news/${index + 1}`,
    publishedAt: new Date(now.getTime() - minutesAgo * 60_000),
    symbols: tagSymbols(`${title}\n${summary}`),
    isSample: true,
  }));
}
