import "server-only";
import { eq } from "drizzle-orm";
import { db, type Database } from "@/db/client";
import { transactions, type Transaction } from "@/db/schema";
import type { LedgerTransaction } from "./ledger";

export function toLedgerTransaction(row: Pick<Transaction, "id" | "type" | "symbol" | "quantity" | "price" | "fee" | "feeCurrency" | "executedAt">): LedgerTransaction {
  return { id: row.id, type: row.type, symbol: row.symbol, quantity: row.quantity, price: row.price, fee: row.fee, feeCurrency: row.feeCurrency, executedAt: row.executedAt };
}

export async function loadLedgerTransactions(portfolioId: string, executor: Pick<Database, "select"> = db): Promise<(LedgerTransaction & { isManualAsset: boolean })[]> {
  const rows = await executor
    .select({
      id: transactions.id,
      type: transactions.type,
      symbol: transactions.symbol,
      quantity: transactions.quantity,
      price: transactions.price,
      fee: transactions.fee,
      feeCurrency: transactions.feeCurrency,
      executedAt: transactions.executedAt,
      isManualAsset: transactions.isManualAsset,
    })
    .from(transactions)
    .where(eq(transactions.portfolioId, portfolioId));
  return rows.map((row) => ({ ...toLedgerTransaction(row), isManualAsset: row.isManualAsset }));
}

