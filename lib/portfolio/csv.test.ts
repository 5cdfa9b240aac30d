import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseTransactionsCsv, toTransactionsCsv, type CsvFormat, type ExportableTransaction } from "./csv";
import { createTransactionSchema } from "./schemas";

const TRADEPULSE_HEADER = "date,type,symbol,quantity,price,fee,fee_currency,note";
const BINANCE_HEADER = "Date(UTC),Pair,Side,Price,Executed,Amount,Fee";
const COINBASE_PREAMBLE = [
  "You can use this transaction report to inform your likely tax obligations.",
  "",
  "Transactions",
  "User,Jane Example,5f0c2d1e-aaaa-4bbb-8ccc-123456789abc",
];
const COINBASE_HEADER =
  "ID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes";

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
}

function tradepulse(...lines: string[]): string {
  return [TRADEPULSE_HEADER, ...lines].join("\n");
}

function summarize(result: ReturnType<typeof parseTransactionsCsv>) {
  return result.rows.map(({ row, input }) => ({
    row,
    type: input.type,
    symbol: input.symbol,
    quantity: input.quantity,
    price: input.price,
    fee: input.fee,
    feeCurrency: input.feeCurrency,
    executedAt: input.executedAt.toISOString(),
  }));
}

describe("format detection", () => {
  test.each<[string, CsvFormat]>([
    ["tradepulse.csv", "tradepulse"],
    ["binance-trade-history.csv", "binance"],
    ["binance-legacy.csv", "binance"],
    ["coinbase.csv", "coinbase"],
    ["coinbase-legacy.csv", "coinbase"],
  ])("%s is read as %s", (file, format) => {
    const auto = parseTransactionsCsv(fixture(file), { format: "auto" });
    expect(auto.format).toBe(format);
    expect(auto.rows.length).toBeGreaterThan(0);
    expect(parseTransactionsCsv(fixture(file), { format })).toEqual(auto);
  });

  test("an unknown layout is one error on its first row and no format", () => {
    const result = parseTransactionsCsv("when,what,how much\n2024-01-01,buy,1\n", { format: "auto" });
    expect(result).toEqual({
      format: null,
      rows: [],
      errors: [{ row: 1, field: "", reason: expect.stringMatching(/^Unrecognised file/) }],
      totalRows: 0,
    });
  });

  test.each([
    ["empty", ""],
    ["only blank lines", "\n\r\n  \n"],
    ["only a BOM", "\uFEFF"],
  ])("an %s file is reported", (_label, text) => {
    expect(parseTransactionsCsv(text, { format: "auto" }).errors).toEqual([{ row: 1, field: "", reason: "The file is empty." }]);
  });

  test("a file that does not match the chosen format gets header errors", () => {
    const result = parseTransactionsCsv(fixture("tradepulse.csv"), { format: "binance" });
    expect(result.format).toBe("binance");
    expect(result.rows).toEqual([]);
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [1, "Date(UTC)"],
      [1, "Pair"],
      [1, "Side"],
      [1, "Executed"],
      [1, "Amount"],
    ]);
  });

  test("a Coinbase import without the Coinbase header says so", () => {
    const result = parseTransactionsCsv(fixture("binance-legacy.csv"), { format: "coinbase" });
    expect(result.format).toBe("coinbase");
    expect(result.errors).toEqual([{ row: 1, field: "", reason: expect.stringMatching(/^No Coinbase header found/) }]);
  });
});

describe("TradePulse format", () => {
  test("parses the sample with spreadsheet row numbers", () => {
    const result = parseTransactionsCsv(fixture("tradepulse.csv"), { format: "tradepulse" });
    expect(result.errors).toEqual([]);
    expect(result.totalRows).toBe(6);
    expect(summarize(result)).toEqual([
      { row: 2, type: "deposit", symbol: "USDT", quantity: "5000", price: "1", fee: "0", feeCurrency: null, executedAt: "2024-01-15T09:30:00.000Z" },
      { row: 3, type: "buy", symbol: "BTC", quantity: "0.05", price: "42500.50", fee: "2.125", feeCurrency: "USDT", executedAt: "2024-01-16T10:00:00.000Z" },
      { row: 4, type: "buy", symbol: "ETH", quantity: "1.2", price: "2300", fee: "0.0012", feeCurrency: "ETH", executedAt: "2024-02-01T08:15:00.000Z" },
      { row: 5, type: "sell", symbol: "BTC", quantity: "0.01", price: "52000", fee: "5.2", feeCurrency: "USD", executedAt: "2024-02-20T16:45:00.000Z" },
      { row: 6, type: "staking_reward", symbol: "ETH", quantity: "0.0031", price: null, fee: "0", feeCurrency: null, executedAt: "2024-03-05T00:00:00.000Z" },
      { row: 7, type: "transfer_out", symbol: "ETH", quantity: "0.5", price: null, fee: "0.001", feeCurrency: "ETH", executedAt: "2024-03-10T10:00:00.000Z" },
    ]);
    expect(result.rows.map((r) => r.input.note)).toEqual([
      "Initial funding",
      "DCA, week 3",
      "Limit order\nfilled in two parts",
      null,
      null,
      "To Ledger",
    ]);
  });

  test("optional columns may be left out, in any order and any case", () => {
    const result = parseTransactionsCsv("Symbol,Type,Quantity,Date\nbtc,Staking Reward,0.1,2024-05-01T00:00:00Z\n", { format: "auto" });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.input).toMatchObject({ symbol: "BTC", type: "staking_reward", quantity: "0.1", price: null, fee: "0" });
  });

  test("an unknown or repeated column is an error on the header and nothing is imported", () => {
    const result = parseTransactionsCsv(`${TRADEPULSE_HEADER},exchange,note\n2024-01-01T00:00:00Z,deposit,BTC,1,,0,,,Kraken,x\n`, { format: "tradepulse" });
    expect(result.rows).toEqual([]);
    expect(result.totalRows).toBe(1);
    expect(result.errors).toEqual([
      { row: 1, field: "exchange", reason: expect.stringMatching(/^Unknown column "exchange": the columns are date, type, symbol/) },
      { row: 1, field: "note", reason: 'The column "note" appears more than once.' },
    ]);
  });

  test("a missing required column is an error on the header", () => {
    const result = parseTransactionsCsv("date,type,symbol,price\n2024-01-01T00:00:00Z,buy,BTC,100\n", { format: "tradepulse" });
    expect(result.errors).toEqual([{ row: 1, field: "quantity", reason: 'The column "quantity" is missing.' }]);
  });

  test.each([
    ["a bad number", "2024-01-16T10:00:00Z,buy,BTC,1.2.3,42000,0,,", "quantity", /^Quantity must be a decimal number.* Got "1\.2\.3"\.$/],
    ["a negative quantity", "2024-01-16T10:00:00Z,deposit,BTC,-1,,0,,", "quantity", /no sign.* Got "-1"\.$/],
    ["a zero quantity", "2024-01-16T10:00:00Z,deposit,BTC,0,,0,,", "quantity", /^Quantity must be greater than zero\./],
    ["an exponent", "2024-01-16T10:00:00Z,deposit,BTC,1e-3,,0,,", "quantity", /no exponent/],
    ["a buy without a price", "2024-01-16T10:00:00Z,buy,BTC,0.1,,0,,", "price", /^Buys and sells need a price\.$/],
    ["a sell without a price", "2024-01-16T10:00:00Z,sell,BTC,0.1,,0,,", "price", /^Buys and sells need a price\.$/],
    ["a bad price", "2024-01-16T10:00:00Z,buy,BTC,0.1,$42000,0,,", "price", /^Price must be a decimal number.* Got "\$42000"\.$/],
    ["a negative fee", "2024-01-16T10:00:00Z,buy,BTC,0.1,42000,-2,,", "fee", /^Fee must be a decimal number/],
    ["an unknown type", "2024-01-16T10:00:00Z,purchase,BTC,0.1,42000,0,,", "type", /^Unknown type "purchase": use one of buy, sell, deposit, withdraw/],
    ["an empty type", "2024-01-16T10:00:00Z,,BTC,0.1,42000,0,,", "type", /^The type is empty: use one of buy, sell/],
    ["a bad symbol", "2024-01-16T10:00:00Z,deposit,BTC!,0.1,,0,,", "symbol", /^Use the asset's ticker.* Got "BTC!"\.$/],
    ["a bad fee currency", "2024-01-16T10:00:00Z,buy,BTC,0.1,42000,1,us dollars,", "fee_currency", /^Use the asset's ticker/],
    ["a US-style date", "03/01/2024,deposit,BTC,0.1,,0,,", "date", /^Enter the date and time of the transaction\. Got "03\/01\/2024"; write it like 2024-03-01T12:34:56Z\.$/],
    ["an impossible date", "2024-02-30T10:00:00Z,deposit,BTC,0.1,,0,,", "date", /Got "2024-02-30T10:00:00Z"/],
    ["an impossible time", "2024-02-10T24:00:00Z,deposit,BTC,0.1,,0,,", "date", /Got "2024-02-10T24:00:00Z"/],
    ["an empty date", ",deposit,BTC,0.1,,0,,", "date", /^Enter the date and time of the transaction\.$/],
    ["a future date", "2999-01-01T00:00:00Z,deposit,BTC,0.1,,0,,", "date", /^The date is in the future\. Got "2999-01-01T00:00:00Z"\.$/],
  ])("%s is one error naming the row and column", (_label, line, field, reason) => {
    const result = parseTransactionsCsv(tradepulse("2024-01-15T09:30:00Z,deposit,USDT,100,1,0,,", line), { format: "tradepulse" });
    expect(result.rows.map((r) => r.row)).toEqual([2]);
    expect(result.errors).toEqual([{ row: 3, field, reason: expect.stringMatching(reason) }]);
    expect(result.totalRows).toBe(2);
  });

  test("every problem on a row is reported", () => {
    const result = parseTransactionsCsv(tradepulse("yesterday,purchase,BTC,abc,,0,,"), { format: "tradepulse" });
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [2, "date"],
      [2, "type"],
      [2, "quantity"],
    ]);
  });

  test.each([
    ["2024-03-01", "2024-03-01T00:00:00.000Z"],
    ["2024-03-01T12:34", "2024-03-01T12:34:00.000Z"],
    ["2024-03-01 12:34:56", "2024-03-01T12:34:56.000Z"],
    ["2024-03-01T12:34:56.789Z", "2024-03-01T12:34:56.789Z"],
    ["2024-03-01T12:34:56-05:30", "2024-03-01T18:04:56.000Z"],
    ["2024-02-29T23:59:59+0100", "2024-02-29T22:59:59.000Z"],
  ])("the date %s is read as %s (no zone means UTC)", (date, iso) => {
    const result = parseTransactionsCsv(tradepulse(`${date},deposit,BTC,1,,,,`), { format: "tradepulse" });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.input.executedAt.toISOString()).toBe(iso);
  });

  test("600 rows with one bad row give 599 rows and one error on that row", () => {
    const badIndex = 417;
    const lines = Array.from({ length: 600 }, (_, index) => {
      const day = new Date(Date.UTC(2023, 0, 1) + index * 3_600_000).toISOString();
      const quantity = index === badIndex ? "0.1O" : `0.${String(index + 1).padStart(4, "0")}`;
      return `${day},buy,BTC,${quantity},${30000 + index},0.5,USD,row ${index}`;
    });
    const result = parseTransactionsCsv(tradepulse(...lines), { format: "auto" });
    expect(result.totalRows).toBe(600);
    expect(result.rows).toHaveLength(599);
    expect(result.errors).toEqual([{ row: badIndex + 2, field: "quantity", reason: expect.stringContaining('Got "0.1O"') }]);
    expect(result.rows.some((r) => r.row === badIndex + 2)).toBe(false);
    expect(result.rows[0]?.row).toBe(2);
    expect(result.rows.at(-1)?.row).toBe(601);
    expect(result.rows.at(-1)?.input.note).toBe("row 599");
  });
});

describe("row limit", () => {
  const rows = (count: number) => Array.from({ length: count }, () => "2024-01-01T00:00:00Z,deposit,BTC,1,,0,,");

  test("more rows than maxRows is one error on row 1 and nothing is imported", () => {
    const result = parseTransactionsCsv(tradepulse(...rows(11)), { format: "tradepulse", maxRows: 10 });
    expect(result.rows).toEqual([]);
    expect(result.totalRows).toBe(11);
    expect(result.errors).toEqual([{ row: 1, field: "", reason: expect.stringMatching(/^Too many rows: the file has 11 data rows and at most 10/) }]);
  });

  test("exactly maxRows is fine, and blank lines do not count", () => {
    const result = parseTransactionsCsv(tradepulse(...rows(10), "", "", ""), { format: "tradepulse", maxRows: 10 });
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(10);
  });

  test("the default limit is 10,000 rows", () => {
    const result = parseTransactionsCsv(tradepulse(...rows(10_001)), { format: "tradepulse" });
    expect(result.errors).toEqual([{ row: 1, field: "", reason: expect.stringMatching(/too many rows/i) }]);
  });
});

describe("CSV dialects", () => {
  test("a byte order mark is stripped", () => {
    const result = parseTransactionsCsv(`\uFEFF${tradepulse("2024-01-01T00:00:00Z,deposit,BTC,1,,0,,")}`, { format: "auto" });
    expect(result.format).toBe("tradepulse");
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });

  test("semicolons are detected, with decimal commas and quoted semicolons", () => {
    const text = [
      "date;type;symbol;quantity;price;fee;fee_currency;note",
      '2024-01-16T10:00:00Z;buy;BTC;0,05;42.500,50;2,125;USDT;"DCA; week 3"',
      "2024-01-17T10:00:00Z;sell;BTC;0.01;43000;0;;",
    ].join("\r\n");
    const result = parseTransactionsCsv(text, { format: "auto" });
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.input.quantity, r.input.price, r.input.fee, r.input.note])).toEqual([
      ["0.05", "42500.50", "2.125", "DCA; week 3"],
      ["0.01", "43000", "0", null],
    ]);
  });

  test("quoted commas, quotes and grouped thousands in a comma file", () => {
    const result = parseTransactionsCsv(tradepulse('2024-01-16T10:00:00Z,buy,BTC,"1,000","42,500.50",0,,"Said ""hi"", then bought"'), { format: "auto" });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.input).toMatchObject({ quantity: "1000", price: "42500.50", note: 'Said "hi", then bought' });
  });

  test("a decimal comma in a comma file is not mistaken for grouping", () => {
    const result = parseTransactionsCsv(tradepulse('2024-01-16T10:00:00Z,deposit,BTC,"0,500",,0,,'), { format: "auto" });
    expect(result.errors).toEqual([{ row: 2, field: "quantity", reason: expect.stringContaining('Got "0,500"') }]);
  });

  test("blank lines in the middle keep spreadsheet row numbers; trailing ones are ignored", () => {
    const text = `${TRADEPULSE_HEADER}\r\n2024-01-01T00:00:00Z,deposit,BTC,1,,0,,\r\n\r\n,,,,,,,\r\n2024-01-02T00:00:00Z,deposit,BTC,x,,0,,\r\n\r\n\r\n`;
    const result = parseTransactionsCsv(text, { format: "tradepulse" });
    expect(result.totalRows).toBe(2);
    expect(result.rows.map((r) => r.row)).toEqual([2]);
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([[5, "quantity"]]);
  });

  test("an unquoted comma that shifts the columns is an error on that row", () => {
    const result = parseTransactionsCsv(tradepulse("2024-01-01T00:00:00Z,deposit,BTC,1,,0,,hello, world"), { format: "tradepulse" });
    expect(result.errors).toEqual([{ row: 2, field: "", reason: expect.stringMatching(/^This row has 9 cells but the header has 8: put values that contain a comma in double quotes/) }]);
  });

  test("an unclosed quote is an error on its row and the rows before it are kept", () => {
    const result = parseTransactionsCsv(tradepulse("2024-01-01T00:00:00Z,deposit,BTC,1,,0,,ok", '2024-01-02T00:00:00Z,deposit,BTC,1,,0,,"never closed'), { format: "tradepulse" });
    expect(result.rows.map((r) => r.row)).toEqual([2]);
    expect(result.errors).toEqual([{ row: 3, field: "", reason: expect.stringMatching(/^A quoted value is never closed/) }]);
  });
});

describe("Binance format", () => {
  test("parses the Trade History sample", () => {
    const result = parseTransactionsCsv(fixture("binance-trade-history.csv"), { format: "binance" });
    expect(result.totalRows).toBe(6);
    expect(summarize(result)).toEqual([
      { row: 2, type: "buy", symbol: "BTC", quantity: "0.00150000", price: "65000.00", fee: "0.00000150", feeCurrency: "BTC", executedAt: "2024-03-01T12:34:56.000Z" },
      { row: 3, type: "buy", symbol: "ETH", quantity: "0.50000000", price: "3450.25", fee: "0.00041200", feeCurrency: "BNB", executedAt: "2024-03-02T08:00:01.000Z" },
      { row: 4, type: "sell", symbol: "BTC", quantity: "0.00100000", price: "67100.10", fee: "0.06710010", feeCurrency: "USDT", executedAt: "2024-03-05T19:22:10.000Z" },
      // A fee in a stablecoin the ledger does not list as a quote currency is booked as USD.
      { row: 5, type: "buy", symbol: "SOL", quantity: "2.00000000", price: "131.50", fee: "0.00000000", feeCurrency: "USD", executedAt: "2024-03-06T07:45:00.000Z" },
      // The pair is split with the amounts' suffixes, so a base asset starting with a digit survives.
      { row: 7, type: "buy", symbol: "1INCH", quantity: "100.00000000", price: "0.6100", fee: "0.10000000", feeCurrency: "1INCH", executedAt: "2024-03-08T13:00:00.000Z" },
    ]);
    expect(result.errors).toEqual([{ row: 6, field: "Pair", reason: "ETHBTC is quoted in BTC: only USD-stablecoin pairs can be valued." }]);
  });

  test("parses the older Market/Type/Amount/Total export", () => {
    const result = parseTransactionsCsv(fixture("binance-legacy.csv"), { format: "auto" });
    expect(summarize(result)).toEqual([
      { row: 2, type: "buy", symbol: "BTC", quantity: "0.002", price: "56000.01", fee: "0.000002", feeCurrency: "BTC", executedAt: "2021-05-10T09:12:33.000Z" },
      { row: 3, type: "buy", symbol: "ADA", quantity: "100", price: "1.75", fee: "0.175", feeCurrency: "USD", executedAt: "2021-05-11T14:00:00.000Z" },
      { row: 5, type: "sell", symbol: "ETH", quantity: "0.25", price: "4100", fee: "0.00018", feeCurrency: "BNB", executedAt: "2021-05-13T06:00:00.000Z" },
    ]);
    expect(result.errors).toEqual([{ row: 4, field: "Market", reason: "BNBBTC is quoted in BTC: only USD-stablecoin pairs can be valued." }]);
  });

  test.each([
    ["an unknown side", "2024-03-01 12:34:56,BTCUSDT,HOLD,65000,0.001BTC,65USDT,0.01USDT", "Side", /^Unknown Side "HOLD": expected BUY or SELL\.$/],
    ["a bad date", "01.03.2024 12:34,BTCUSDT,BUY,65000,0.001BTC,65USDT,0.01USDT", "Date(UTC)", /write it like 2024-03-01 12:34:56\.$/],
    ["a missing price", "2024-03-01 12:34:56,BTCUSDT,BUY,,0.001BTC,65USDT,0.01USDT", "Price", /^Buys and sells need a price\.$/],
    ["a bad price", "2024-03-01 12:34:56,BTCUSDT,BUY,65k,0.001BTC,65USDT,0.01USDT", "Price", /^Price must be a decimal number.* Got "65k"\.$/],
    ["an amount in the wrong asset", "2024-03-01 12:34:56,BTCUSDT,BUY,65000,0.5ETH,65USDT,0.01USDT", "Executed", /^"0\.5ETH" is not an amount of BTC/],
    ["a euro pair", "2024-03-01 12:34:56,BTCEUR,BUY,60000,0.001BTC,60EUR,0.06EUR", "Pair", /^BTCEUR is quoted in EUR: only USD-stablecoin pairs can be valued\.$/],
    ["an unsplittable pair", "2024-03-01 12:34:56,???,BUY,60000,0.001,60,0.06", "Pair", /^Cannot tell the base and quote assets of "\?\?\?"\.$/],
  ])("%s is an error on the right column", (_label, line, field, reason) => {
    const result = parseTransactionsCsv(`${BINANCE_HEADER}\n${line}\n`, { format: "auto" });
    expect(result.format).toBe("binance");
    expect(result.errors).toEqual([{ row: 2, field, reason: expect.stringMatching(reason) }]);
  });

  test("extra columns from newer exports are ignored; a missing one is a header error", () => {
    const extra = parseTransactionsCsv(`${BINANCE_HEADER},Realized Profit\n2024-03-01 12:34:56,BTCUSDT,BUY,65000,0.001BTC,65USDT,0.01USDT,0\n`, { format: "auto" });
    expect(extra.errors).toEqual([]);
    expect(extra.rows).toHaveLength(1);
    const missing = parseTransactionsCsv("Date(UTC),Pair,Side,Price,Executed,Amount\n", { format: "auto" });
    expect(missing.errors).toEqual([{ row: 1, field: "Fee", reason: 'The column "Fee" is missing.' }]);
  });

  test("a two-digit-year date and a separated pair are accepted", () => {
    const result = parseTransactionsCsv(`${BINANCE_HEADER}\n24-03-01 12:34:56,BTC/USDC,SELL,65000,0.001BTC,65USDC,0.065USDC\n`, { format: "auto" });
    expect(summarize(result)).toEqual([
      { row: 2, type: "sell", symbol: "BTC", quantity: "0.001", price: "65000", fee: "0.065", feeCurrency: "USDC", executedAt: "2024-03-01T12:34:56.000Z" },
    ]);
  });
});

describe("Coinbase format", () => {
  test("parses the transaction history sample after its preamble", () => {
    const result = parseTransactionsCsv(fixture("coinbase.csv"), { format: "coinbase" });
    expect(result.totalRows).toBe(8);
    expect(summarize(result)).toEqual([
      { row: 6, type: "buy", symbol: "BTC", quantity: "0.0015", price: "62000.00", fee: "1.99", feeCurrency: "USD", executedAt: "2024-03-01T12:34:56.000Z" },
      { row: 7, type: "buy", symbol: "ETH", quantity: "0.25", price: "3400.10", fee: "1.27", feeCurrency: "USD", executedAt: "2024-03-02T09:00:00.000Z" },
      { row: 8, type: "staking_reward", symbol: "ETH", quantity: "0.00042", price: "3450.00", fee: "0.00", feeCurrency: "USD", executedAt: "2024-03-03T18:20:00.000Z" },
      { row: 9, type: "transfer_out", symbol: "BTC", quantity: "0.0005", price: "63100.00", fee: "0.00", feeCurrency: "USD", executedAt: "2024-03-04T10:10:10.000Z" },
      { row: 11, type: "airdrop", symbol: "GRT", quantity: "3.5", price: "0.29", fee: "0.00", feeCurrency: "USD", executedAt: "2024-03-06T11:30:00.000Z" },
      { row: 12, type: "sell", symbol: "BTC", quantity: "0.0004", price: "66000.00", fee: "0.99", feeCurrency: "USD", executedAt: "2024-03-07T16:45:00.000Z" },
    ]);
    expect(result.rows[1]?.input.note).toBe("Bought 0.25 ETH for 851.30 USD on ETH-USD at 3,400.10 USD/ETH");
    expect(result.errors).toEqual([
      { row: 10, field: "Transaction Type", reason: "Convert is not supported yet; split it into a sell and a buy." },
      { row: 13, field: "Price Currency", reason: "Prices and fees in EUR are not supported yet: only USD." },
    ]);
  });

  test("parses the older Spot Price export with ISO timestamps", () => {
    const result = parseTransactionsCsv(fixture("coinbase-legacy.csv"), { format: "auto" });
    expect(result.errors).toEqual([]);
    expect(summarize(result)).toEqual([
      { row: 7, type: "buy", symbol: "BTC", quantity: "0.0031", price: "32000.00", fee: "1.49", feeCurrency: "USD", executedAt: "2021-01-04T18:45:38.000Z" },
      { row: 8, type: "airdrop", symbol: "XLM", quantity: "12.5", price: "0.41", fee: "0.00", feeCurrency: "USD", executedAt: "2021-02-10T07:01:02.000Z" },
      { row: 9, type: "transfer_in", symbol: "ETH", quantity: "0.8", price: "1795.55", fee: "0", feeCurrency: null, executedAt: "2021-03-15T22:00:00.000Z" },
      { row: 10, type: "staking_reward", symbol: "ALGO", quantity: "0.37", price: "1.21", fee: "0.00", feeCurrency: "USD", executedAt: "2021-04-01T12:00:00.000Z" },
      { row: 11, type: "withdraw", symbol: "USDC", quantity: "50", price: "1.00", fee: "0.00", feeCurrency: "USD", executedAt: "2021-04-20T09:30:00.000Z" },
    ]);
  });

  test.each([
    ["Buy", "buy"],
    ["Advanced Trade Buy", "buy"],
    ["Sell", "sell"],
    ["Advanced Trade Sell", "sell"],
    ["Receive", "transfer_in"],
    ["Deposit", "deposit"],
    ["Send", "transfer_out"],
    ["Withdrawal", "withdraw"],
    ["Rewards Income", "staking_reward"],
    ["Staking Income", "staking_reward"],
    ["Inflation Reward", "staking_reward"],
    ["Learning Reward", "airdrop"],
    ["Coinbase Earn", "airdrop"],
  ])("%s becomes %s", (coinbaseType, type) => {
    const line = `abc123,2024-03-01T12:34:56Z,${coinbaseType},ETH,0.5,USD,"$3,000.00",,,$1.00,`;
    const result = parseTransactionsCsv([...COINBASE_PREAMBLE, COINBASE_HEADER, line].join("\n"), { format: "auto" });
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ row: 6, input: expect.objectContaining({ type, symbol: "ETH", quantity: "0.5", price: "3000.00", fee: "1.00" }) }]);
  });

  test.each([
    ["an unknown type", "a1,2024-03-01 12:34:56 UTC,Retail Staking Transfer,ETH,0.5,USD,$3000,,,$0,", "Transaction Type", /^Unknown Transaction Type "Retail Staking Transfer": supported are Buy, Sell/],
    ["a negative buy", "a1,2024-03-01 12:34:56 UTC,Buy,ETH,-0.5,USD,$3000,,,$0,", "Quantity Transacted", /no sign.* Got "-0\.5"\.$/],
    ["a buy without a price", "a1,2024-03-01 12:34:56 UTC,Buy,ETH,0.5,USD,,,,$0,", "Price at Transaction", /^Buys and sells need a price\.$/],
    ["a bad timestamp", "a1,March 1st,Buy,ETH,0.5,USD,$3000,,,$0,", "Timestamp", /write it like 2024-03-01 12:34:56 UTC\.$/],
    ["a fee in euros", "a1,2024-03-01 12:34:56 UTC,Sell,ETH,-0.5,EUR,€3000,,,€1,", "Price Currency", /^Prices and fees in EUR are not supported yet: only USD\.$/],
  ])("%s is an error on the right column", (_label, line, field, reason) => {
    const result = parseTransactionsCsv([...COINBASE_PREAMBLE, COINBASE_HEADER, line].join("\n"), { format: "coinbase" });
    expect(result.errors).toEqual([{ row: 6, field, reason: expect.stringMatching(reason) }]);
  });
});

describe("export", () => {
  const transactions: ExportableTransaction[] = [
    { type: "deposit", symbol: "USDT", quantity: "5000.000000000000000000", price: "1", fee: "0", feeCurrency: null, executedAt: new Date("2024-01-15T09:30:00Z"), note: null },
    { type: "buy", symbol: "BTC", quantity: "0.05", price: "42500.5", fee: "2.125", feeCurrency: "USDT", executedAt: "2024-01-16T10:00:00.000Z", note: 'DCA, "week 3"' },
    { type: "buy", symbol: "ETH", quantity: "1.2", price: "2300", fee: "0.0012", feeCurrency: "ETH", executedAt: new Date("2024-02-01T08:15:00.123Z"), note: "Limit order\nfilled in two parts" },
    { type: "sell", symbol: "BTC", quantity: "0.01", price: "52000", fee: "5.2", feeCurrency: "USD", executedAt: new Date("2024-02-20T16:45:00Z"), note: "=HYPERLINK(\"http://example.com\")" },
    { type: "staking_reward", symbol: "ETH", quantity: "0.0031", price: null, fee: "0", feeCurrency: null, executedAt: new Date("2024-03-05T00:00:00Z"), note: "-5 % APR; @validator" },
    { type: "fee", symbol: "BNB", quantity: "0.01", executedAt: new Date("2024-03-06T00:00:00Z") },
  ];

  test("export then import gives the same inputs", () => {
    const csv = toTransactionsCsv(transactions);
    const result = parseTransactionsCsv(csv, { format: "tradepulse" });
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7]);
    // An empty cell reads back as null, which is what the database stores for an omitted value.
    const expected = transactions.map((tx) => createTransactionSchema.parse({ price: null, feeCurrency: null, note: null, ...tx }));
    expect(result.rows.map((r) => r.input)).toEqual(expected);
  });

  test("writes our header, ISO dates and quotes where needed", () => {
    const lines = toTransactionsCsv(transactions.slice(0, 2)).split("\r\n");
    expect(lines).toEqual([
      TRADEPULSE_HEADER,
      "2024-01-15T09:30:00.000Z,deposit,USDT,5000.000000000000000000,1,0,,",
      '2024-01-16T10:00:00.000Z,buy,BTC,0.05,42500.5,2.125,USDT,"DCA, ""week 3"""',
      "",
    ]);
  });

  test("a note that a spreadsheet would run as a formula is escaped", () => {
    const csv = toTransactionsCsv([transactions[3]!, transactions[4]!]);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.com"")"`);
    expect(csv).toContain(`"'-5 % APR; @validator"`);
  });

  test("no transactions is just the header", () => {
    expect(toTransactionsCsv([])).toBe(`${TRADEPULSE_HEADER}\r\n`);
    expect(parseTransactionsCsv(TRADEPULSE_HEADER, { format: "auto" })).toEqual({ format: "tradepulse", rows: [], errors: [], totalRows: 0 });
  });
});
