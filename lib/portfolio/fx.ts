import { Money } from "./decimal";
import { DEFAULT_QUOTE_CURRENCIES, type LedgerTransaction, type PriceQuote } from "./ledger";

// Base currencies (API.md: USD default; EUR and BTC offered). Everything is priced in USD (the quote
// currency, USDT ≈ USD); a portfolio in EUR or BTC is the same ledger with every USD amount divided by the
// base currency's USD price *at the time of that amount*: a buy's cost at the rate of its day, today's
// value at today's rate. So a BTC-based portfolio shows its cost basis and P&L in bitcoin, as a trader
// who measures in BTC expects, rather than the USD figures re-labelled at one rate.

export const BASE_CURRENCIES = ["USD", "EUR", "BTC"] as const;
export type BaseCurrency = (typeof BASE_CURRENCIES)[number];

/** The market whose price is the USD price of one unit of the base currency. */
export const FX_MARKETS: Readonly<Record<Exclude<BaseCurrency, "USD">, string>> = { EUR: "EUR-USDT", BTC: "BTC-USDT" };

/** Decimal places amounts in the currency are shown with. */
export const CURRENCY_DECIMALS: Readonly<Record<BaseCurrency, number>> = { USD: 2, EUR: 2, BTC: 8 };

/** USD per unit of the base currency on a day ("YYYY-MM-DD"); null when unknown. */
export type RateLookup = (day: string) => Money | null;

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A lookup over daily rates that answers a day without a rate with the nearest earlier one (weekends of a
 * fiat market, a gap in candles), or the earliest one for days before the series starts.
 */
export function createRateLookup(rates: ReadonlyMap<string, number | string>): RateLookup {
  const days = [...rates.keys()].sort();
  const values = new Map([...rates].map(([day, rate]) => [day, new Money(rate)]));
  return (day) => {
    const exact = values.get(day);
    if (exact) return exact;
    if (days.length === 0) return null;
    let lo = 0;
    let hi = days.length - 1;
    if (day < days[0]!) return values.get(days[0]!)!;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (days[mid]! <= day) lo = mid;
      else hi = mid - 1;
    }
    return values.get(days[lo]!)!;
  };
}

/**
 * The ledger in the base currency: prices and quote-currency fees divided by the rate of the
 * transaction's day. Fees paid in units of an asset stay units. A missing rate leaves the amount in USD,
 * which the caller reports (it only happens when the market has no history at all).
 */
export function convertLedger(transactions: readonly LedgerTransaction[], rateOn: RateLookup, quoteCurrencies: readonly string[] = DEFAULT_QUOTE_CURRENCIES): LedgerTransaction[] {
  return transactions.map((tx) => {
    const rate = rateOn(dayOf(tx.executedAt));
    if (!rate || rate.isZero()) return tx;
    const feeIsCash = tx.feeCurrency === null || quoteCurrencies.includes(tx.feeCurrency);
    return {
      ...tx,
      price: tx.price === null ? null : new Money(tx.price).div(rate).toFixed(),
      fee: feeIsCash ? new Money(tx.fee).div(rate).toFixed() : tx.fee,
    };
  });
}

/** A 24 h change in percent, re-expressed against a base currency that itself moved `baseChangePct`. */
export function changeInBase(changePct: number, baseChangePct: number): number {
  return ((1 + changePct / 100) / (1 + baseChangePct / 100) - 1) * 100;
}

/** Current prices (and their 24 h changes) in the base currency. */
export function convertPrices(prices: Readonly<Record<string, PriceQuote>>, usdPerUnit: Money, baseChangePct = 0): Record<string, PriceQuote> {
  return Object.fromEntries(
    Object.entries(prices).map(([symbol, quote]) => [
      symbol,
      {
        price: new Money(quote.price).div(usdPerUnit).toFixed(),
        ...(quote.change24hPct === undefined ? {} : { change24hPct: changeInBase(quote.change24hPct, baseChangePct) }),
      },
    ]),
  );
}

/** A USD amount in the base currency; null stays null. */
export function fromUsd(amountUsd: string | number | null, usdPerUnit: Money): string | null {
  if (amountUsd === null) return null;
  return new Money(amountUsd).div(usdPerUnit).toFixed();
}
