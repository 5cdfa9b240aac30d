import "server-only";
import { AppError } from "@/lib/errors";
import { listTrackedSymbols } from "@/lib/market/quotes";

const STABLECOINS = new Set(["USD", "USDT", "USDC", "FDUSD", "BUSD", "DAI", "TUSD"]);

/** Assets the market feed prices (plus USD stablecoins). Anything else must be entered as a manual asset. */
export function isKnownAsset(symbol: string): boolean {
  return STABLECOINS.has(symbol) || listTrackedSymbols().some((s) => s.base === symbol);
}

export function unknownAssetReason(symbol: string): string {
  return `${symbol} is not an asset the market feed knows. Check the ticker, or enter it as a manual asset with your own price.`;
}

/** Throws 400 for a transaction on an unknown asset that is not marked manual. */
export function assertKnownAsset(input: { symbol: string; isManualAsset?: boolean }): void {
  if (!input.isManualAsset && !isKnownAsset(input.symbol)) {
    throw new AppError("VALIDATION_ERROR", unknownAssetReason(input.symbol), { details: [{ field: "symbol", message: unknownAssetReason(input.symbol) }] });
  }
}
