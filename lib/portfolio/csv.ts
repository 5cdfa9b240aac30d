import Papa, { type ParseError } from "papaparse";
import { DEFAULT_QUOTE_CURRENCIES, TRANSACTION_TYPES, type TransactionType } from "./ledger";
import { createTransactionSchema, type CreateTransactionInput } from "./schemas";

// CSV import (TradePulse, Binance, Coinbase) and export (TradePulse). Pure: text in, plain data out.
// Every row goes through createTransactionSchema, so an imported row obeys the same rules as the API.

export type CsvFormat = "tradepulse" | "binance" | "coinbase";

export type ParseTransactionsCsvOptions = {
  format: "auto" | CsvFormat;
  maxRows?: number;
};

// `row` is the spreadsheet row number: the first line of the file is row 1. `field` is the CSV column
// name, or "" when the problem is the row (or file) as a whole.
export type CsvRowError = { row: number; field: string; reason: string };

export type ParsedCsvRow = { row: number; input: CreateTransactionInput };

export type ParseTransactionsCsvResult = {
  format: CsvFormat | null;
  rows: ParsedCsvRow[];
  errors: CsvRowError[];
  totalRows: number;
};

export type ExportableTransaction = {
  type: TransactionType;
  symbol: string;
  quantity: string;
  price?: string | null;
  fee?: string | null;
  feeCurrency?: string | null;
  executedAt: Date | string;
  note?: string | null;
};

export const DEFAULT_MAX_CSV_ROWS = 10_000;

export const TRADEPULSE_CSV_COLUMNS = ["date", "type", "symbol", "quantity", "price", "fee", "fee_currency", "note"] as const;

// Quote assets worth one US dollar. The ledger values its own quote currencies as USD; the others
// are accepted as trade quotes, and a fee paid in them is booked as a USD amount.
const USD_QUOTES = new Set([...DEFAULT_QUOTE_CURRENCIES, "BUSD", "FDUSD", "TUSD", "USDP", "DAI"]);
// Used only to split a legacy Binance market like ETHBTC when the amounts carry no asset suffix.
const KNOWN_QUOTES = [...USD_QUOTES, "BTC", "ETH", "BNB", "EUR", "GBP", "TRY", "BRL", "AUD", "JPY", "RUB", "UAH", "XRP", "TRX", "DOGE", "SOL"];

const HEADER_SCAN_LIMIT = 30;
const INVALID_DATE = new Date(Number.NaN);
const FORMULA_START = /^[=+\-@\t\r]/;

type Delimiter = "," | ";";
type SchemaField = "type" | "symbol" | "quantity" | "price" | "fee" | "feeCurrency" | "executedAt" | "note";
type RawCells = Partial<Record<SchemaField, string>>;
type Cell = (column: string) => string;

type RowDraft =
  | { ok: true; candidate: Record<string, unknown>; raw: RawCells }
  | { ok: false; field: string; reason: string };

type Layout = {
  format: CsvFormat;
  columns: readonly string[];
  optional: readonly string[];
  // TradePulse files are ours, so an unexpected column is a mistake; exchanges add columns over time.
  rejectsUnknownColumns: boolean;
  fields: Record<SchemaField, string>;
  typeHint: string;
  dateExample: string;
  toDraft: (cell: Cell, delimiter: Delimiter) => RowDraft;
};

export function parseTransactionsCsv(text: string, options: ParseTransactionsCsvOptions): ParseTransactionsCsvResult {
  const maxRows = options.maxRows ?? DEFAULT_MAX_CSV_ROWS;
  const source = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(source);
  const parsed = Papa.parse<string[]>(source, { delimiter, header: false, skipEmptyLines: false });
  const records = parsed.data.map((record) => record.map((value) => value.replace(/^\uFEFF/, "")));

  const located = locateHeader(records, options.format);
  if (!located.ok) return { format: located.format, rows: [], errors: [located.error], totalRows: 0 };
  const { layout, headerIndex } = located;
  const header = records[headerIndex] ?? [];

  const dataIndexes: number[] = [];
  for (let index = headerIndex + 1; index < records.length; index += 1) {
    if (!isBlank(records[index])) dataIndexes.push(index);
  }
  const totalRows = dataIndexes.length;

  const headerErrors = checkHeader(layout, header, headerIndex + 1);
  if (headerErrors.length > 0) return { format: layout.format, rows: [], errors: headerErrors, totalRows };

  if (totalRows > maxRows) {
    const reason = `Too many rows: the file has ${totalRows} data rows and at most ${maxRows} can be imported at once. Split it into smaller files.`;
    return { format: layout.format, rows: [], errors: [{ row: 1, field: "", reason }], totalRows };
  }

  const brokenRecords = new Map<number, string>();
  for (const error of parsed.errors) {
    if (error.row !== undefined && !brokenRecords.has(error.row)) brokenRecords.set(error.row, describeParseError(error));
  }

  const columnIndex = new Map<string, number>();
  header.forEach((name, index) => {
    const key = columnKey(name);
    if (key !== "" && !columnIndex.has(key)) columnIndex.set(key, index);
  });

  const rows: ParsedCsvRow[] = [];
  const errors: CsvRowError[] = [];
  for (const index of dataIndexes) {
    const row = index + 1;
    const record = records[index] ?? [];
    const broken = brokenRecords.get(index);
    if (broken !== undefined) {
      errors.push({ row, field: "", reason: broken });
      continue;
    }
    const outcome = readRecord(layout, record, header.length, columnIndex, delimiter, row);
    if ("input" in outcome) rows.push({ row, input: outcome.input });
    else errors.push(...outcome.errors);
  }
  return { format: layout.format, rows, errors, totalRows };
}

function readRecord(
  layout: Layout,
  record: readonly string[],
  headerLength: number,
  columnIndex: ReadonlyMap<string, number>,
  delimiter: Delimiter,
  row: number,
): { input: CreateTransactionInput } | { errors: CsvRowError[] } {
  const filledCells = record.length - countTrailingBlanks(record);
  if (filledCells > headerLength) {
    const separator = delimiter === "," ? "comma" : "semicolon";
    const reason = `This row has ${filledCells} cells but the header has ${headerLength}: put values that contain a ${separator} in double quotes.`;
    return { errors: [{ row, field: "", reason }] };
  }
  const cell: Cell = (column) => {
    const at = columnIndex.get(columnKey(column));
    return at === undefined ? "" : (record[at] ?? "").trim();
  };
  const draft = layout.toDraft(cell, delimiter);
  if (!draft.ok) return { errors: [{ row, field: draft.field, reason: draft.reason }] };
  const result = createTransactionSchema.safeParse({ price: null, feeCurrency: null, note: null, ...draft.candidate });
  if (result.success) return { input: result.data };

  // One error per column (the first issue: "abc" is not a number, and saying it is not above zero adds
  // nothing), in the order the columns appear in the file.
  const byColumn = new Map<string, string>();
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    const schemaField = typeof field === "string" && field in layout.fields ? (field as SchemaField) : undefined;
    const column = schemaField ? layout.fields[schemaField] : "";
    if (byColumn.has(column)) continue;
    byColumn.set(column, describeIssue(layout, schemaField, issue.message, issue.code, schemaField ? draft.raw[schemaField] : undefined));
  }
  const position = (column: string) => columnIndex.get(columnKey(column)) ?? Number.MAX_SAFE_INTEGER;
  const columns = [...byColumn.keys()].sort((a, b) => position(a) - position(b));
  return { errors: columns.map((column) => ({ row, field: column, reason: byColumn.get(column) ?? "" })) };
}

function detectDelimiter(source: string): Delimiter {
  for (const delimiter of [",", ";"] as const) {
    const preview = Papa.parse<string[]>(source, { delimiter, header: false, preview: HEADER_SCAN_LIMIT }).data;
    if (preview.some((record) => detectLayout(record) !== null)) return delimiter;
  }
  const firstLine = source.split(/\r\n|\n|\r/).find((line) => line.trim() !== "") ?? "";
  return countOf(firstLine, ";") > countOf(firstLine, ",") ? ";" : ",";
}

type LocatedHeader =
  | { ok: true; layout: Layout; headerIndex: number }
  | { ok: false; format: CsvFormat | null; error: CsvRowError };

function locateHeader(records: string[][], format: ParseTransactionsCsvOptions["format"]): LocatedHeader {
  const firstIndex = records.findIndex((record) => !isBlank(record));
  if (firstIndex === -1) {
    return { ok: false, format: format === "auto" ? null : format, error: { row: 1, field: "", reason: "The file is empty." } };
  }
  const first = records[firstIndex] ?? [];
  const firstLayout = detectLayout(first);

  if (format === "tradepulse" || format === "binance") {
    const layout = firstLayout?.format === format ? firstLayout : format === "tradepulse" ? TRADEPULSE : BINANCE_TRADE_HISTORY;
    return { ok: true, layout, headerIndex: firstIndex };
  }
  if (format === "auto" && firstLayout) return { ok: true, layout: firstLayout, headerIndex: firstIndex };

  // Coinbase puts a few lines of preamble above its header.
  const limit = Math.min(records.length, firstIndex + HEADER_SCAN_LIMIT);
  for (let index = firstIndex; index < limit; index += 1) {
    const layout = detectLayout(records[index] ?? []);
    if (layout?.format === "coinbase") return { ok: true, layout, headerIndex: index };
  }
  const reason =
    format === "coinbase"
      ? `No Coinbase header found: expected a row starting with "ID,Timestamp,Transaction Type,Asset,Quantity Transacted" or "Timestamp,Transaction Type,Asset,Quantity Transacted".`
      : `Unrecognised file: expected a TradePulse export (${TRADEPULSE_CSV_COLUMNS.join(",")}), a Binance trade history (Date(UTC),Pair,Side,…) or a Coinbase transaction history (…,Timestamp,Transaction Type,…).`;
  return { ok: false, format: format === "auto" ? null : format, error: { row: firstIndex + 1, field: "", reason } };
}

function detectLayout(record: readonly string[]): Layout | null {
  const keys = new Set(record.map(columnKey));
  if (keys.has("date(utc)")) return keys.has("market") ? BINANCE_LEGACY : keys.has("pair") ? BINANCE_TRADE_HISTORY : null;
  if (keys.has("timestamp") && keys.has("transaction type")) return keys.has("spot price currency") ? COINBASE_LEGACY : COINBASE;
  if (keys.has("date") && keys.has("type") && keys.has("symbol")) return TRADEPULSE;
  return null;
}

function checkHeader(layout: Layout, header: readonly string[], row: number): CsvRowError[] {
  const errors: CsvRowError[] = [];
  const expected = new Set(layout.columns.map(columnKey));
  const seen = new Set<string>();
  for (const name of header) {
    const key = columnKey(name);
    if (key === "") continue;
    if (seen.has(key)) errors.push({ row, field: name.trim(), reason: `The column "${name.trim()}" appears more than once.` });
    seen.add(key);
    if (layout.rejectsUnknownColumns && !expected.has(key)) {
      errors.push({ row, field: name.trim(), reason: `Unknown column "${name.trim()}": the columns are ${layout.columns.join(", ")}.` });
    }
  }
  for (const column of layout.columns) {
    if (!layout.optional.includes(column) && !seen.has(columnKey(column))) {
      errors.push({ row, field: column, reason: `The column "${column}" is missing.` });
    }
  }
  return errors;
}

function describeIssue(layout: Layout, field: SchemaField | undefined, message: string, code: string, raw: string | undefined): string {
  if (field === "type") {
    return raw ? `Unknown ${layout.fields.type} "${clip(raw)}": ${layout.typeHint}.` : `The ${layout.fields.type} is empty: ${layout.typeHint}.`;
  }
  if (!raw) return message;
  if (field === "executedAt" && code !== "custom") return `${message} Got "${clip(raw)}"; write it like ${layout.dateExample}.`;
  return `${message} Got "${clip(raw)}".`;
}

function describeParseError(error: ParseError): string {
  if (error.code === "MissingQuotes") return "A quoted value is never closed: check the double quotes on this row.";
  if (error.code === "InvalidQuotes") return "Malformed quotes: a quoted value must end with a double quote right before the delimiter.";
  return error.message;
}

const TRADEPULSE: Layout = {
  format: "tradepulse",
  columns: TRADEPULSE_CSV_COLUMNS,
  optional: ["price", "fee", "fee_currency", "note"],
  rejectsUnknownColumns: true,
  fields: {
    executedAt: "date",
    type: "type",
    symbol: "symbol",
    quantity: "quantity",
    price: "price",
    fee: "fee",
    feeCurrency: "fee_currency",
    note: "note",
  },
  typeHint: `use one of ${TRANSACTION_TYPES.join(", ")}`,
  dateExample: "2024-03-01T12:34:56Z",
  toDraft(cell, delimiter) {
    const raw: RawCells = {
      executedAt: cell("date"),
      type: cell("type"),
      symbol: cell("symbol"),
      quantity: cell("quantity"),
      price: cell("price"),
      fee: cell("fee"),
      feeCurrency: cell("fee_currency"),
      note: cell("note"),
    };
    const candidate: Record<string, unknown> = {
      executedAt: parseUtcDate(raw.executedAt ?? ""),
      type: (raw.type ?? "").toLowerCase().replace(/[\s-]+/g, "_"),
      symbol: raw.symbol,
      quantity: normalizeDecimal(raw.quantity ?? "", delimiter),
      price: raw.price ? normalizeDecimal(raw.price, delimiter) : null,
      feeCurrency: raw.feeCurrency ? raw.feeCurrency : null,
      note: raw.note ? unescapeFormula(raw.note) : null,
    };
    if (raw.fee) candidate.fee = normalizeDecimal(raw.fee, delimiter);
    return { ok: true, candidate, raw };
  },
};

type BinanceColumns = { pair: string; side: string; base: string; quote: string; feeCoin?: string };

function binanceLayout(columns: readonly string[], names: BinanceColumns): Layout {
  return {
    format: "binance",
    columns,
    optional: [],
    rejectsUnknownColumns: false,
    fields: {
      executedAt: "Date(UTC)",
      type: names.side,
      symbol: names.pair,
      quantity: names.base,
      price: "Price",
      fee: "Fee",
      feeCurrency: names.feeCoin ?? "Fee",
      note: "",
    },
    typeHint: "expected BUY or SELL",
    dateExample: "2024-03-01 12:34:56",
    toDraft(cell, delimiter) {
      const pairText = cell(names.pair);
      const baseText = cell(names.base);
      const quoteText = cell(names.quote);
      const split = splitPair(pairText, baseText, quoteText);
      if (!split) return { ok: false, field: names.pair, reason: `Cannot tell the base and quote assets of "${clip(pairText)}".` };
      if (!USD_QUOTES.has(split.quote)) {
        return { ok: false, field: names.pair, reason: `${split.base}${split.quote} is quoted in ${split.quote}: only USD-stablecoin pairs can be valued.` };
      }
      const quantity = stripAsset(baseText, split.base);
      if (quantity === null) {
        return { ok: false, field: names.base, reason: `"${clip(baseText)}" is not an amount of ${split.base}, the base asset of ${split.base}${split.quote}.` };
      }
      const fee = splitFee(cell("Fee"), names.feeCoin === undefined ? null : cell(names.feeCoin), [split.base, split.quote, "BNB"]);
      const sideText = cell(names.side);
      const raw: RawCells = {
        executedAt: cell("Date(UTC)"),
        type: sideText,
        symbol: pairText,
        quantity: baseText,
        price: cell("Price"),
        fee: cell("Fee"),
        feeCurrency: names.feeCoin === undefined ? cell("Fee") : cell(names.feeCoin),
      };
      const side = sideText.toUpperCase();
      const candidate: Record<string, unknown> = {
        executedAt: parseUtcDate((raw.executedAt ?? "").replace(/^(\d{2})-(\d{2})-(\d{2})(?=[ T])/, "20$1-$2-$3")),
        type: side === "BUY" ? "buy" : side === "SELL" ? "sell" : sideText,
        symbol: split.base,
        quantity: normalizeDecimal(quantity, delimiter),
        price: raw.price ? normalizeDecimal(raw.price, delimiter) : null,
      };
      if (fee.value !== "") {
        candidate.fee = normalizeDecimal(fee.value, delimiter);
        candidate.feeCurrency = fee.asset === "" ? null : usdQuoteForLedger(fee.asset);
      }
      return { ok: true, candidate, raw };
    },
  };
}

const BINANCE_TRADE_HISTORY = binanceLayout(["Date(UTC)", "Pair", "Side", "Price", "Executed", "Amount", "Fee"], {
  pair: "Pair",
  side: "Side",
  base: "Executed",
  quote: "Amount",
});

const BINANCE_LEGACY = binanceLayout(["Date(UTC)", "Market", "Type", "Price", "Amount", "Total", "Fee", "Fee Coin"], {
  pair: "Market",
  side: "Type",
  base: "Amount",
  quote: "Total",
  feeCoin: "Fee Coin",
});

// Splits BTCUSDT using the asset suffixes of the amounts (0.0015BTC, 97.5USDT); falls back to known
// quote assets when the amounts are plain numbers.
function splitPair(pairText: string, baseText: string, quoteText: string): { base: string; quote: string } | null {
  const pair = pairText.toUpperCase().replace(/\s+/g, "");
  const separated = /^([A-Z0-9]+)[/_-]([A-Z0-9]+)$/.exec(pair);
  if (separated?.[1] && separated[2]) return { base: separated[1], quote: separated[2] };
  if (!/^[A-Z0-9]{2,}$/.test(pair)) return null;
  for (let at = 1; at < pair.length; at += 1) {
    const base = pair.slice(0, at);
    const quote = pair.slice(at);
    if (stripAsset(baseText, base, true) !== null && stripAsset(quoteText, quote, true) !== null) return { base, quote };
  }
  const quote = [...KNOWN_QUOTES].sort((a, b) => b.length - a.length).find((candidate) => pair.length > candidate.length && pair.endsWith(candidate));
  return quote ? { base: pair.slice(0, -quote.length), quote } : null;
}

// "0.0015BTC" with asset BTC → "0.0015". A plain number passes unless the suffix is required.
function stripAsset(text: string, asset: string, requireSuffix = false): string | null {
  const value = text.trim();
  if (value.toUpperCase().endsWith(asset)) {
    const amount = value.slice(0, value.length - asset.length).trim();
    return /^[\d.,]+$/.test(amount) ? amount : null;
  }
  if (requireSuffix || /[A-Za-z]$/.test(value)) return null;
  return value;
}

function splitFee(feeText: string, feeCoin: string | null, knownAssets: readonly string[]): { value: string; asset: string } {
  if (feeCoin !== null) return { value: feeText, asset: feeCoin.toUpperCase() };
  for (const asset of [...knownAssets].sort((a, b) => b.length - a.length)) {
    const value = stripAsset(feeText, asset, true);
    if (value !== null) return { value, asset };
  }
  const match = /^([\d.,]+)\s*([A-Za-z][A-Za-z0-9]*)$/.exec(feeText);
  if (match?.[1] && match[2]) return { value: match[1], asset: match[2].toUpperCase() };
  return { value: feeText, asset: "" };
}

function usdQuoteForLedger(asset: string): string {
  return USD_QUOTES.has(asset) && !DEFAULT_QUOTE_CURRENCIES.includes(asset) ? "USD" : asset;
}

const COINBASE_TYPES = new Map<string, TransactionType>([
  ["buy", "buy"],
  ["advanced trade buy", "buy"],
  ["sell", "sell"],
  ["advanced trade sell", "sell"],
  ["receive", "transfer_in"],
  ["deposit", "deposit"],
  ["send", "transfer_out"],
  ["withdrawal", "withdraw"],
  ["rewards income", "staking_reward"],
  ["staking income", "staking_reward"],
  ["inflation reward", "staking_reward"],
  ["learning reward", "airdrop"],
  ["coinbase earn", "airdrop"],
]);

const OUTFLOW_TYPES = new Set<TransactionType>(["sell", "transfer_out", "withdraw"]);

function coinbaseLayout(columns: readonly string[], priceCurrency: string, price: string): Layout {
  return {
    format: "coinbase",
    columns,
    optional: ["ID", "Subtotal", "Total (inclusive of fees and/or spread)", "Notes"],
    rejectsUnknownColumns: false,
    fields: {
      executedAt: "Timestamp",
      type: "Transaction Type",
      symbol: "Asset",
      quantity: "Quantity Transacted",
      price,
      fee: "Fees and/or Spread",
      feeCurrency: priceCurrency,
      note: "Notes",
    },
    typeHint:
      "supported are Buy, Sell, Advanced Trade Buy, Advanced Trade Sell, Receive, Deposit, Send, Withdrawal, Rewards Income, Staking Income, Inflation Reward, Learning Reward and Coinbase Earn",
    dateExample: "2024-03-01 12:34:56 UTC",
    toDraft(cell, delimiter) {
      const typeText = cell("Transaction Type");
      if (typeText.toLowerCase() === "convert") {
        return { ok: false, field: "Transaction Type", reason: "Convert is not supported yet; split it into a sell and a buy." };
      }
      const currency = cell(priceCurrency).toUpperCase();
      if (currency !== "" && !DEFAULT_QUOTE_CURRENCIES.includes(currency)) {
        return { ok: false, field: priceCurrency, reason: `Prices and fees in ${clip(currency)} are not supported yet: only USD.` };
      }
      const type = COINBASE_TYPES.get(typeText.toLowerCase().replace(/\s+/g, " "));
      const raw: RawCells = {
        executedAt: cell("Timestamp"),
        type: typeText,
        symbol: cell("Asset"),
        quantity: cell("Quantity Transacted"),
        price: cell(price),
        fee: cell("Fees and/or Spread"),
        feeCurrency: cell(priceCurrency),
        note: cell("Notes"),
      };
      // Newer exports sign outflows (-0.5 for a Send); the type already says which way it went.
      const quantity = type && OUTFLOW_TYPES.has(type) ? (raw.quantity ?? "").replace(/^-\s*/, "") : (raw.quantity ?? "");
      const candidate: Record<string, unknown> = {
        executedAt: parseUtcDate(raw.executedAt ?? ""),
        type: type ?? typeText,
        symbol: raw.symbol,
        quantity: normalizeDecimal(quantity, delimiter),
        price: raw.price ? normalizeDecimal(stripCurrencySymbol(raw.price), delimiter) : null,
        note: raw.note ? raw.note : null,
      };
      if (raw.fee) {
        candidate.fee = normalizeDecimal(stripCurrencySymbol(raw.fee), delimiter);
        candidate.feeCurrency = currency || "USD";
      }
      return { ok: true, candidate, raw };
    },
  };
}

const COINBASE = coinbaseLayout(
  [
    "ID",
    "Timestamp",
    "Transaction Type",
    "Asset",
    "Quantity Transacted",
    "Price Currency",
    "Price at Transaction",
    "Subtotal",
    "Total (inclusive of fees and/or spread)",
    "Fees and/or Spread",
    "Notes",
  ],
  "Price Currency",
  "Price at Transaction",
);

const COINBASE_LEGACY = coinbaseLayout(
  [
    "Timestamp",
    "Transaction Type",
    "Asset",
    "Quantity Transacted",
    "Spot Price Currency",
    "Spot Price at Transaction",
    "Subtotal",
    "Total (inclusive of fees and/or spread)",
    "Fees and/or Spread",
    "Notes",
  ],
  "Spot Price Currency",
  "Spot Price at Transaction",
);

function stripCurrencySymbol(text: string): string {
  return text.replace(/^(-?)\s*(?:US)?[$€£]\s*/, "$1");
}

// ISO 8601 dates ("2024-03-01", "2024-03-01T12:34:56.789+02:00") and the exchanges' "2024-03-01 12:34:56"
// and "2024-03-01 12:34:56 UTC". No zone means UTC. Anything else, or an impossible date like
// 2024-02-30, is an invalid date that the schema reports.
const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseUtcDate(text: string): Date {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return INVALID_DATE;
  const [, year, month, day, hour = "0", minute = "0", second = "0", fraction = "", zone = "Z"] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || s > 59) return INVALID_DATE;
  const ms = Number(fraction.padEnd(3, "0").slice(0, 3));
  let offsetMinutes = 0;
  const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? "0");
    if (hours > 23 || minutes > 59) return INVALID_DATE;
    offsetMinutes = (offset[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d);
  utc.setUTCHours(h, mi, s, ms);
  return new Date(utc.getTime() - offsetMinutes * 60_000);
}

// A semicolon file comes from a spreadsheet whose locale writes 0,5 for one half; a comma file may
// group thousands (1,234.5). Anything else is left for the schema to judge.
function normalizeDecimal(text: string, delimiter: Delimiter): string {
  const value = text.trim();
  if (delimiter === ";") {
    if (/^\d{1,3}(\.\d{3})+,\d+$/.test(value)) return value.replace(/\./g, "").replace(",", ".");
    if (/^\d+,\d+$/.test(value)) return value.replace(",", ".");
    return value;
  }
  if (/^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(value)) return value.replace(/,/g, "");
  return value;
}

// Export writes '=… for a note starting like a formula (so a spreadsheet does not run it); undo that.
function unescapeFormula(note: string): string {
  return /^'[=+\-@\t\r]/.test(note) ? note.slice(1) : note;
}

function columnKey(name: string): string {
  return name.replace(/^\uFEFF/, "").trim().replace(/\s+/g, " ").toLowerCase();
}

function isBlank(record: readonly string[] | undefined): boolean {
  return !record || record.every((value) => value.trim() === "");
}

function countTrailingBlanks(record: readonly string[]): number {
  let count = 0;
  for (let index = record.length - 1; index >= 0 && (record[index] ?? "").trim() === ""; index -= 1) count += 1;
  return count;
}

function countOf(text: string, character: string): number {
  return text.split(character).length - 1;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function toTransactionsCsv(transactions: readonly ExportableTransaction[]): string {
  const data = transactions.map((tx) => [
    toIsoDate(tx.executedAt),
    tx.type,
    tx.symbol,
    tx.quantity,
    tx.price ?? "",
    tx.fee ?? "0",
    tx.feeCurrency ?? "",
    tx.note ?? "",
  ]);
  const csv = Papa.unparse({ fields: [...TRADEPULSE_CSV_COLUMNS], data }, { escapeFormulae: FORMULA_START, newline: "\r\n" });
  return `${csv.replace(/\r\n$/, "")}\r\n`;
}

function toIsoDate(value: Date | string): string {
  const date = value instanceof Date ? value : parseUtcDate(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
