import "server-only";
import { calculateLiquidationLevels, type LiquidationLevels } from "./liquidation-levels";
import { getTicker } from "./quotes";

/** Estimated liquidation levels around the current price (see liquidation-levels.ts). */
export async function getLiquidations({ symbol }: { symbol: string }): Promise<LiquidationLevels> {
  const ticker = await getTicker(symbol);
  return calculateLiquidationLevels({ symbol: ticker.symbol, price: ticker.last, timestamp: ticker.timestamp });
}
