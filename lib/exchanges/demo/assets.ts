// The demo exchange's listed markets. Reference prices are the long-run centre the simulated price
// mean-reverts to (roughly early-2025 levels); tick/step sizes and minimums follow Binance spot.
// Volatility is annualised (0.5 = 50 %/year); `btcCorrelation` is the weight of BTC's shock in each
// hourly shock; `dailyVolume` is in base units; `spreadBps` is the quoted bid/ask spread.

export type DemoAsset = {
  base: string;
  name: string;
  refPrice: number;
  priceTick: number;
  amountStep: number;
  minAmount: number;
  annualVol: number;
  btcCorrelation: number;
  dailyVolume: number;
  spreadBps: number;
  /** Average public trades per second. */
  tradesPerSecond: number;
};

export const QUOTE_CURRENCY = "USDT";
export const MIN_ORDER_COST = 5;
export const DEMO_FEE_RATE = 0.001;

export const DEMO_ASSETS: readonly DemoAsset[] = [
  { base: "BTC", name: "Bitcoin", refPrice: 95_000, priceTick: 0.01, amountStep: 0.00001, minAmount: 0.00001, annualVol: 0.5, btcCorrelation: 1, dailyVolume: 20_000, spreadBps: 0.2, tradesPerSecond: 4 },
  { base: "ETH", name: "Ethereum", refPrice: 3_300, priceTick: 0.01, amountStep: 0.0001, minAmount: 0.0001, annualVol: 0.65, btcCorrelation: 0.8, dailyVolume: 400_000, spreadBps: 0.5, tradesPerSecond: 3 },
  { base: "SOL", name: "Solana", refPrice: 180, priceTick: 0.01, amountStep: 0.001, minAmount: 0.001, annualVol: 0.85, btcCorrelation: 0.7, dailyVolume: 3_000_000, spreadBps: 1, tradesPerSecond: 2 },
  { base: "BNB", name: "BNB", refPrice: 650, priceTick: 0.01, amountStep: 0.001, minAmount: 0.001, annualVol: 0.55, btcCorrelation: 0.65, dailyVolume: 500_000, spreadBps: 1, tradesPerSecond: 1.5 },
  { base: "XRP", name: "XRP", refPrice: 2.3, priceTick: 0.0001, amountStep: 0.1, minAmount: 0.1, annualVol: 0.85, btcCorrelation: 0.6, dailyVolume: 300_000_000, spreadBps: 1, tradesPerSecond: 2 },
  { base: "ADA", name: "Cardano", refPrice: 0.75, priceTick: 0.0001, amountStep: 0.1, minAmount: 0.1, annualVol: 0.85, btcCorrelation: 0.65, dailyVolume: 400_000_000, spreadBps: 2, tradesPerSecond: 1 },
  { base: "DOGE", name: "Dogecoin", refPrice: 0.25, priceTick: 0.00001, amountStep: 1, minAmount: 1, annualVol: 0.95, btcCorrelation: 0.6, dailyVolume: 2_000_000_000, spreadBps: 2, tradesPerSecond: 2 },
  { base: "AVAX", name: "Avalanche", refPrice: 30, priceTick: 0.01, amountStep: 0.01, minAmount: 0.01, annualVol: 0.9, btcCorrelation: 0.65, dailyVolume: 5_000_000, spreadBps: 3, tradesPerSecond: 0.8 },
  { base: "DOT", name: "Polkadot", refPrice: 5.5, priceTick: 0.001, amountStep: 0.01, minAmount: 0.01, annualVol: 0.8, btcCorrelation: 0.65, dailyVolume: 15_000_000, spreadBps: 3, tradesPerSecond: 0.6 },
  { base: "LINK", name: "Chainlink", refPrice: 18, priceTick: 0.01, amountStep: 0.01, minAmount: 0.01, annualVol: 0.85, btcCorrelation: 0.65, dailyVolume: 6_000_000, spreadBps: 3, tradesPerSecond: 0.8 },
  { base: "POL", name: "Polygon (ex-MATIC)", refPrice: 0.35, priceTick: 0.0001, amountStep: 0.1, minAmount: 0.1, annualVol: 0.85, btcCorrelation: 0.6, dailyVolume: 150_000_000, spreadBps: 4, tradesPerSecond: 0.5 },
  { base: "LTC", name: "Litecoin", refPrice: 100, priceTick: 0.01, amountStep: 0.001, minAmount: 0.001, annualVol: 0.7, btcCorrelation: 0.7, dailyVolume: 1_000_000, spreadBps: 2, tradesPerSecond: 0.8 },
  { base: "TRX", name: "TRON", refPrice: 0.25, priceTick: 0.0001, amountStep: 0.1, minAmount: 0.1, annualVol: 0.5, btcCorrelation: 0.4, dailyVolume: 600_000_000, spreadBps: 3, tradesPerSecond: 0.6 },
  { base: "ATOM", name: "Cosmos", refPrice: 5.5, priceTick: 0.001, amountStep: 0.01, minAmount: 0.01, annualVol: 0.8, btcCorrelation: 0.6, dailyVolume: 8_000_000, spreadBps: 4, tradesPerSecond: 0.5 },
  { base: "UNI", name: "Uniswap", refPrice: 9, priceTick: 0.001, amountStep: 0.01, minAmount: 0.01, annualVol: 0.9, btcCorrelation: 0.6, dailyVolume: 6_000_000, spreadBps: 4, tradesPerSecond: 0.5 },
  { base: "NEAR", name: "NEAR Protocol", refPrice: 4, priceTick: 0.001, amountStep: 0.1, minAmount: 0.1, annualVol: 0.9, btcCorrelation: 0.6, dailyVolume: 25_000_000, spreadBps: 4, tradesPerSecond: 0.6 },
  { base: "APT", name: "Aptos", refPrice: 7, priceTick: 0.001, amountStep: 0.01, minAmount: 0.01, annualVol: 0.95, btcCorrelation: 0.55, dailyVolume: 10_000_000, spreadBps: 5, tradesPerSecond: 0.5 },
  { base: "ARB", name: "Arbitrum", refPrice: 0.55, priceTick: 0.0001, amountStep: 0.1, minAmount: 0.1, annualVol: 0.95, btcCorrelation: 0.6, dailyVolume: 150_000_000, spreadBps: 5, tradesPerSecond: 0.5 },
  { base: "OP", name: "Optimism", refPrice: 1.5, priceTick: 0.001, amountStep: 0.01, minAmount: 0.01, annualVol: 0.95, btcCorrelation: 0.6, dailyVolume: 40_000_000, spreadBps: 5, tradesPerSecond: 0.5 },
  { base: "SUI", name: "Sui", refPrice: 3.5, priceTick: 0.0001, amountStep: 0.1, minAmount: 0.1, annualVol: 1, btcCorrelation: 0.55, dailyVolume: 80_000_000, spreadBps: 3, tradesPerSecond: 1 },
  { base: "FIL", name: "Filecoin", refPrice: 4, priceTick: 0.001, amountStep: 0.01, minAmount: 0.01, annualVol: 0.9, btcCorrelation: 0.6, dailyVolume: 12_000_000, spreadBps: 5, tradesPerSecond: 0.4 },
  { base: "INJ", name: "Injective", refPrice: 15, priceTick: 0.01, amountStep: 0.01, minAmount: 0.01, annualVol: 1, btcCorrelation: 0.55, dailyVolume: 3_000_000, spreadBps: 6, tradesPerSecond: 0.4 },
  { base: "PEPE", name: "Pepe", refPrice: 0.000012, priceTick: 0.00000001, amountStep: 1, minAmount: 1, annualVol: 1.2, btcCorrelation: 0.5, dailyVolume: 5_000_000_000_000, spreadBps: 8, tradesPerSecond: 1.5 },
  { base: "SHIB", name: "Shiba Inu", refPrice: 0.000016, priceTick: 0.00000001, amountStep: 1, minAmount: 1, annualVol: 0.95, btcCorrelation: 0.55, dailyVolume: 3_000_000_000_000, spreadBps: 6, tradesPerSecond: 0.8 },
  { base: "TON", name: "Toncoin", refPrice: 4.5, priceTick: 0.001, amountStep: 0.01, minAmount: 0.01, annualVol: 0.7, btcCorrelation: 0.45, dailyVolume: 10_000_000, spreadBps: 4, tradesPerSecond: 0.5 },
  // Last, so that the simulated paths of the others (seeded by position) stay as they were. A fiat market
  // like Binance's EUR/USDT: it prices the EUR base currency of portfolios.
  { base: "EUR", name: "Euro", refPrice: 1.08, priceTick: 0.0001, amountStep: 0.1, minAmount: 1, annualVol: 0.07, btcCorrelation: 0, dailyVolume: 60_000_000, spreadBps: 1, tradesPerSecond: 0.5 },
];

export function symbolOf(asset: DemoAsset): string {
  return `${asset.base}/${QUOTE_CURRENCY}`;
}
