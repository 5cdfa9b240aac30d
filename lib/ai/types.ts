// The plain data the analyst works from, gathered by context.ts and read by the pure prompt builder
// and offline analyst. Everything user-owned in here belongs to the one acting user.
import type { PriceBar } from "./technicals";

export type SignalContext = {
  timeframe: string;
  direction: "buy" | "sell";
  entry: string;
  stopLoss: string;
  takeProfits: string[];
  confidence: number;
  createdAt: string;
};

export type HoldingContext = {
  portfolioName: string;
  symbol: string;
  quantity: string;
  avgCost: string;
  costBasis: string;
  value: string | null;
  unrealizedPnl: string | null;
  unrealizedPnlPct: number | null;
  realizedPnl: string;
};

export type OpenTradeContext = {
  symbol: string;
  side: "long" | "short";
  mode: "paper" | "live";
  source: "robot" | "manual";
  quantity: string;
  entryPrice: string;
  leverage: number;
  stopLoss: string | null;
  takeProfit: string | null;
  openedAt: string;
};

/** The user's exposure to one base asset: portfolio holdings and open trades of the pair. */
export type PositionContext = {
  base: string;
  holdings: HoldingContext[];
  totalQuantity: string;
  openTrades: OpenTradeContext[];
};

export type SymbolContext = {
  symbol: string;
  base: string;
  quote: string;
  price: number;
  change24hPct: number | null;
  high24h: number | null;
  low24h: number | null;
  quoteVolume24h: number | null;
  hourly: PriceBar[];
  daily: PriceBar[];
  signals: SignalContext[];
  position: PositionContext;
};

export type PortfolioContext = {
  portfolios: { name: string; baseCurrency: string; value: string; costBasis: string; unrealizedPnl: string; realizedPnl: string }[];
  holdings: HoldingContext[];
  openTrades: OpenTradeContext[];
};

export type MarketQuote = { symbol: string; price: number; change24hPct: number | null };

export type ChatContext = {
  now: string;
  symbol: SymbolContext | null;
  market: MarketQuote[];
  portfolio: PortfolioContext;
};
