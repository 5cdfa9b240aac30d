// Which tracked symbols a headline mentions. Pure.
//
// A symbol is mentioned by its ticker or by a name. Tickers match only in capitals and on word
// boundaries ("SOL" never in "solution" or "Sol"); tickers that are also English words or common
// abbreviations (NEAR, OP, DOT, LINK, UNI, TON, ...) only count in unambiguous spellings: "$DOT",
// "(DOT)" or a pair ("DOT/USDT", "DOT-USD"). Names match in any case on word boundaries ("Bitcoin",
// "bitcoin's"), except names that are everyday words (Avalanche, Cosmos, Optimism, ...), which must be
// capitalised.

export type TrackedAsset = { symbol: string; base: string };

type NameRule = { name: string; isCaseSensitive?: boolean };

const NAMES: Readonly<Record<string, readonly NameRule[]>> = {
  BTC: [{ name: "Bitcoin" }, { name: "XBT", isCaseSensitive: true }],
  ETH: [{ name: "Ethereum" }, { name: "Ether", isCaseSensitive: true }],
  SOL: [{ name: "Solana" }],
  BNB: [{ name: "Binance Coin" }, { name: "BNB Chain" }],
  XRP: [{ name: "Ripple", isCaseSensitive: true }],
  ADA: [{ name: "Cardano" }],
  DOGE: [{ name: "Dogecoin" }],
  AVAX: [{ name: "Avalanche", isCaseSensitive: true }],
  DOT: [{ name: "Polkadot" }],
  LINK: [{ name: "Chainlink" }],
  POL: [{ name: "Polygon", isCaseSensitive: true }, { name: "MATIC", isCaseSensitive: true }],
  LTC: [{ name: "Litecoin" }],
  TRX: [{ name: "TRON", isCaseSensitive: true }, { name: "Tron", isCaseSensitive: true }],
  ATOM: [{ name: "Cosmos", isCaseSensitive: true }, { name: "Cosmos Hub" }],
  UNI: [{ name: "Uniswap" }],
  NEAR: [{ name: "NEAR Protocol" }],
  APT: [{ name: "Aptos" }],
  ARB: [{ name: "Arbitrum" }],
  OP: [{ name: "Optimism", isCaseSensitive: true }],
  SUI: [{ name: "Sui", isCaseSensitive: true }],
  FIL: [{ name: "Filecoin" }],
  INJ: [{ name: "Injective", isCaseSensitive: true }],
  PEPE: [{ name: "Pepe", isCaseSensitive: true }],
  SHIB: [{ name: "Shiba Inu" }],
  TON: [{ name: "Toncoin" }],
};

/** Tickers that are words or common abbreviations: matched only as "$X", "(X)" or "X/USDT". */
const AMBIGUOUS_TICKERS = new Set(["NEAR", "OP", "DOT", "LINK", "UNI", "TON", "APT", "FIL", "ARB", "POL", "ATOM", "SUI", "INJ", "ONE", "GAS", "SAND", "GALA"]);

const WORD = "A-Za-z0-9";

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export type SymbolTagger = (text: string) => string[];

/** Builds the matcher for the tracked assets once; call it with a headline plus its summary. */
export function createSymbolTagger(assets: readonly TrackedAsset[]): SymbolTagger {
  const rules = assets.map((asset) => {
    const base = asset.base.toUpperCase();
    const ticker = escape(base);
    const tickerPattern = AMBIGUOUS_TICKERS.has(base)
      ? `(?:\\$${ticker}(?![${WORD}])|\\(${ticker}\\)|(?<![${WORD}])${ticker}[/-](?:USDT?|USDC|BTC|ETH)(?![${WORD}]))`
      : `(?<![${WORD}$])\\$?${ticker}(?![${WORD}])`;
    const patterns = [new RegExp(tickerPattern)];
    for (const rule of NAMES[base] ?? []) {
      const name = escape(rule.name).replace(/ /g, "\\s+");
      patterns.push(new RegExp(`(?<![${WORD}])${name}(?![A-Za-z0-9])`, rule.isCaseSensitive ? "" : "i"));
    }
    return { symbol: asset.symbol, patterns };
  });
  return (text) => {
    const found: string[] = [];
    for (const rule of rules) {
      if (rule.patterns.some((pattern) => pattern.test(text))) found.push(rule.symbol);
    }
    return found;
  };
}
