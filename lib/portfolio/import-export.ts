import "server-only";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { transactions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { requirePortfolioRole } from "./access";
import { isKnownAsset, unknownAssetReason } from "./assets";
import { parseTransactionsCsv, toTransactionsCsv, type CsvRowError } from "./csv";
import { computeLedger, InsufficientHoldingsError } from "./ledger";
import { loadLedgerTransactions } from "./ledger-queries";
import { insertTransactions, toTransactionView } from "./queries";

export const importSchema = z.object({
  csv: z.string({ error: "Paste or upload the CSV file." }).min(1, { error: "The file is empty." }),
  format: z.enum(["auto", "tradepulse", "binance", "coinbase"]).default("auto"),
  /** true: only check and preview; false: import all rows or none. */
  dryRun: z.boolean().default(true),
});

export type ImportResult = {
  format: string | null;
  totalRows: number;
  valid: number;
  errors: CsvRowError[];
  preview: { row: number; type: string; symbol: string; quantity: string; price: string | null; fee: string; executedAt: string }[];
  imported: number;
};

/**
 * Parses and checks a CSV; with dryRun false it imports every row in one transaction, or nothing when
 * any row is wrong. The ledger runs over the existing and the new transactions, so a row that would
 * sell more than is held is reported with its row number too.
 */
export async function importTransactionsCsv({ userId, portfolioId, csv, format, dryRun }: { userId: string; portfolioId: string } & z.infer<typeof importSchema>): Promise<ImportResult> {
  await requirePortfolioRole({ userId, portfolioId }, "edit");
  const parsed = parseTransactionsCsv(csv, { format });
  const unknown = parsed.rows.filter(({ input }) => !input.isManualAsset && !isKnownAsset(input.symbol));
  parsed.errors.push(...unknown.map(({ row, input }) => ({ row, field: "symbol", reason: unknownAssetReason(input.symbol) })));
  parsed.rows = parsed.rows.filter((row) => !unknown.includes(row));
  const errors = [...parsed.errors];
  if (errors.length === 0 && parsed.rows.length > 0) {
    const existing = await loadLedgerTransactions(portfolioId);
    try {
      computeLedger([
        ...existing,
        ...parsed.rows.map(({ row, input }) => ({
          id: `csv-row-${String(row).padStart(7, "0")}`,
          type: input.type,
          symbol: input.symbol,
          quantity: input.quantity,
          price: input.price ?? null,
          fee: input.fee,
          feeCurrency: input.feeCurrency ?? null,
          executedAt: input.executedAt,
        })),
      ]);
    } catch (error) {
      if (!(error instanceof InsufficientHoldingsError)) throw error;
      const row = /^csv-row-(\d+)$/.exec(error.transactionId ?? "")?.[1];
      errors.push({ row: row ? Number(row) : 0, field: "quantity", reason: error.message });
    }
  }
  const result: ImportResult = {
    format: parsed.format,
    totalRows: parsed.totalRows,
    // Rows with parse errors are not in parsed.rows; a ledger error marks one of them.
    valid: parsed.rows.length - (errors.length - parsed.errors.length),
    errors,
    preview: parsed.rows.slice(0, 50).map(({ row, input }) => ({
      row,
      type: input.type,
      symbol: input.symbol,
      quantity: input.quantity,
      price: input.price ?? null,
      fee: input.fee,
      executedAt: input.executedAt.toISOString(),
    })),
    imported: 0,
  };
  if (dryRun) return result;
  if (errors.length) {
    throw new AppError("VALIDATION_ERROR", `Nothing was imported: ${errors.length} row${errors.length === 1 ? " has" : "s have"} a problem (first: row ${errors[0]!.row}).`, {
      details: errors.slice(0, 100).map((e) => ({ field: `row ${e.row}${e.field ? ` ${e.field}` : ""}`, message: e.reason })),
    });
  }
  if (parsed.rows.length === 0) throw new AppError("VALIDATION_ERROR", "The file has no transactions.", { details: [{ field: "csv", message: "No rows." }] });
  const imported = await insertTransactions({ userId, portfolioId, rows: parsed.rows.map((r) => r.input), source: "import" });
  return { ...result, imported };
}

export async function exportTransactions({ userId, portfolioId, format }: { userId: string; portfolioId: string; format: "csv" | "json" }) {
  const { portfolio } = await requirePortfolioRole({ userId, portfolioId }, "view");
  const rows = await db.select().from(transactions).where(eq(transactions.portfolioId, portfolioId)).orderBy(asc(transactions.executedAt), asc(transactions.id));
  const safeName = portfolio.name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-|-$/g, "") || "portfolio";
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === "csv") {
    return { filename: `${safeName}-${stamp}.csv`, contentType: "text/csv; charset=utf-8", body: toTransactionsCsv(rows) };
  }
  return {
    filename: `${safeName}-${stamp}.json`,
    contentType: "application/json; charset=utf-8",
    body: JSON.stringify({ portfolio: { id: portfolio.id, name: portfolio.name, baseCurrency: portfolio.baseCurrency, exportedAt: new Date().toISOString() }, transactions: rows.map(toTransactionView) }, null, 2),
  };
}
