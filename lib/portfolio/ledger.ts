import { AppError } from "@/lib/errors";
import { formatMoney, Money, parseMoney } from "./decimal";

// Cost-basis rules (all money in the quote currency, treated as USD):
// - buy: lot quantity = quantity; lot cost = quantity × price + fee (API.md: a buy's fee adds to its cost).
// - sell: lots leave FIFO; realized P&L = quantity × price − fee − cost of the lots that left.
// - deposit, transfer_in, staking_reward, airdrop: a lot like a buy at `price`; with no price the lot has
//   zero cost basis, so the whole value later shows up as P&L.
// - withdraw, transfer_out: lots leave FIFO with their cost basis and realize nothing.
// - fee: `quantity` units of `symbol` leave FIFO; their cost basis is realized as a loss (an expense).
// The `fee` field of any transaction is resolved first:
// - feeCurrency null or a quote currency: a USD amount.
// - feeCurrency = symbol: units of the traded asset. A buy or inflow receives quantity − fee units for the
//   same cost; a sell disposes of quantity + fee units; a withdraw/transfer_out/fee removes fee extra units
//   whose cost basis is realized as a loss. Their USD value (fee × price, 0 without a price) counts as paid.
// - feeCurrency = another asset: fee units of that asset leave FIFO without P&L, and their cost basis
//   becomes the USD amount of the fee (added to cost, deducted from proceeds or realized as an expense).
// A USD fee on a withdraw/transfer_out is realized as an expense of the transferred symbol.
// Buys and sells have no cash leg: the quote currency balance is not tracked here.

export const TRANSACTION_TYPES = [
  "buy",
  "sell",
  "deposit",
  "withdraw",
  "transfer_in",
  "transfer_out",
  "fee",
  "staking_reward",
  "airdrop",
] as const;

export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export type LedgerTransaction = {
  id: string;
  type: TransactionType;
  symbol: string;
  quantity: string;
  price: string | null;
  fee: string;
  feeCurrency: string | null;
  executedAt: Date;
};

export type LedgerOptions = {
  quoteCurrencies?: readonly string[];
};

export const DEFAULT_QUOTE_CURRENCIES: readonly string[] = ["USD", "USDT", "USDC"];

export type OpenLot = {
  transactionId: string;
  acquiredAt: Date;
  quantity: string;
  costBasis: string;
  unitCost: string;
};

export type PositionSummary = {
  symbol: string;
  quantity: string;
  costBasis: string;
  avgCost: string;
  realizedPnl: string;
  feesPaid: string;
  lots: OpenLot[];
};

export type LedgerSummary = {
  positions: PositionSummary[];
  totals: { costBasis: string; realizedPnl: string; feesPaid: string };
};

export class InsufficientHoldingsError extends AppError {
  readonly symbol: string;
  readonly requestedQuantity: string;
  readonly availableQuantity: string;
  readonly transactionId: string;

  constructor(args: { symbol: string; requestedQuantity: string; availableQuantity: string; transactionId: string }) {
    super(
      "INSUFFICIENT_HOLDINGS",
      `Transaction ${args.transactionId} needs ${args.requestedQuantity} ${args.symbol} but only ${args.availableQuantity} is held`,
      { details: [{ field: "quantity", message: `Only ${args.availableQuantity} ${args.symbol} available` }] },
    );
    this.name = "InsufficientHoldingsError";
    this.symbol = args.symbol;
    this.requestedQuantity = args.requestedQuantity;
    this.availableQuantity = args.availableQuantity;
    this.transactionId = args.transactionId;
  }
}

export class InvalidTransactionError extends AppError {
  readonly transactionId: string;

  constructor(transactionId: string, field: string, message: string) {
    super("UNPROCESSABLE", `Transaction ${transactionId}: ${message}`, { details: [{ field, message }] });
    this.name = "InvalidTransactionError";
    this.transactionId = transactionId;
  }
}

type Lot = { transactionId: string; acquiredAt: Date; quantity: Money; costUsd: Money };

type Position = {
  symbol: string;
  lots: Lot[];
  // Index of the oldest lot still open; consumed lots stay behind it so FIFO removal is O(1) amortized.
  head: number;
  quantity: Money;
  realizedPnlUsd: Money;
  feesPaidUsd: Money;
};

type LedgerState = Map<string, Position>;

const ZERO = new Money(0);

function getPosition(state: LedgerState, symbol: string): Position {
  let position = state.get(symbol);
  if (!position) {
    position = { symbol, lots: [], head: 0, quantity: ZERO, realizedPnlUsd: ZERO, feesPaidUsd: ZERO };
    state.set(symbol, position);
  }
  return position;
}

function assertAvailable(position: Position, quantity: Money, transactionId: string): void {
  if (quantity.gt(position.quantity)) {
    throw new InsufficientHoldingsError({
      symbol: position.symbol,
      requestedQuantity: formatMoney(quantity),
      availableQuantity: formatMoney(position.quantity),
      transactionId,
    });
  }
}

// Removes `quantity` units oldest-first and returns the cost basis that left with them.
function removeLotsFifo(position: Position, quantity: Money, transactionId: string): Money {
  assertAvailable(position, quantity, transactionId);
  let remaining = quantity;
  let removedCostUsd = ZERO;
  while (remaining.gt(0)) {
    const lot = position.lots[position.head];
    if (!lot) throw new Error(`Lot bookkeeping out of sync for ${position.symbol}`);
    if (lot.quantity.lte(remaining)) {
      removedCostUsd = removedCostUsd.plus(lot.costUsd);
      remaining = remaining.minus(lot.quantity);
      position.head += 1;
    } else {
      const takenCostUsd = lot.costUsd.times(remaining).div(lot.quantity);
      removedCostUsd = removedCostUsd.plus(takenCostUsd);
      lot.costUsd = lot.costUsd.minus(takenCostUsd);
      lot.quantity = lot.quantity.minus(remaining);
      remaining = ZERO;
    }
  }
  position.quantity = position.quantity.minus(quantity);
  return removedCostUsd;
}

function addLot(position: Position, lot: Lot): void {
  position.lots.push(lot);
  position.quantity = position.quantity.plus(lot.quantity);
}

function parseField(tx: LedgerTransaction, field: "quantity" | "price" | "fee", value: string): Money {
  let parsed: Money;
  try {
    parsed = parseMoney(value, field);
  } catch {
    throw new InvalidTransactionError(tx.id, field, `${field} "${value}" is not a decimal number`);
  }
  if (parsed.isNegative()) throw new InvalidTransactionError(tx.id, field, `${field} must not be negative`);
  return parsed;
}

type FeeKind = "usd" | "own" | "other";

function classifyFee(tx: LedgerTransaction, fee: Money, quoteCurrencies: ReadonlySet<string>): FeeKind {
  if (fee.isZero() || tx.feeCurrency === null || quoteCurrencies.has(tx.feeCurrency)) return "usd";
  return tx.feeCurrency === tx.symbol ? "own" : "other";
}

type ResolvedFee = { feeUsd: Money; feeUnits: Money };

// Must run after the checks on the transaction's own asset: an "other" fee consumes the fee asset's lots.
function resolveFee(state: LedgerState, tx: LedgerTransaction, fee: Money, kind: FeeKind): ResolvedFee {
  if (kind === "usd") return { feeUsd: fee, feeUnits: ZERO };
  if (kind === "own") return { feeUsd: ZERO, feeUnits: fee };
  const feeUsd = removeLotsFifo(getPosition(state, tx.feeCurrency!), fee, tx.id);
  return { feeUsd, feeUnits: ZERO };
}

function applyTransaction(state: LedgerState, tx: LedgerTransaction, quoteCurrencies: ReadonlySet<string>): void {
  if (!(tx.executedAt instanceof Date) || Number.isNaN(tx.executedAt.getTime())) {
    throw new InvalidTransactionError(tx.id, "executedAt", "executedAt is not a valid date");
  }
  const quantity = parseField(tx, "quantity", tx.quantity);
  if (quantity.isZero()) throw new InvalidTransactionError(tx.id, "quantity", "quantity must be positive");
  const price = tx.price === null ? null : parseField(tx, "price", tx.price);
  if (price === null && (tx.type === "buy" || tx.type === "sell")) {
    throw new InvalidTransactionError(tx.id, "price", `a ${tx.type} needs a price`);
  }
  const fee = parseField(tx, "fee", tx.fee);
  const feeKind = classifyFee(tx, fee, quoteCurrencies);
  const unitPriceUsd = price ?? ZERO;
  const position = getPosition(state, tx.symbol);

  switch (tx.type) {
    case "buy":
    case "deposit":
    case "transfer_in":
    case "staking_reward":
    case "airdrop": {
      const { feeUsd, feeUnits } = resolveFee(state, tx, fee, feeKind);
      const receivedQuantity = quantity.minus(feeUnits);
      if (!receivedQuantity.gt(0)) {
        throw new InvalidTransactionError(tx.id, "fee", "the fee takes the whole quantity");
      }
      addLot(position, {
        transactionId: tx.id,
        acquiredAt: tx.executedAt,
        quantity: receivedQuantity,
        costUsd: quantity.times(unitPriceUsd).plus(feeUsd),
      });
      position.feesPaidUsd = position.feesPaidUsd.plus(feeUsd).plus(feeUnits.times(unitPriceUsd));
      return;
    }
    case "sell": {
      assertAvailable(position, feeKind === "own" ? quantity.plus(fee) : quantity, tx.id);
      const { feeUsd, feeUnits } = resolveFee(state, tx, fee, feeKind);
      const costUsd = removeLotsFifo(position, quantity.plus(feeUnits), tx.id);
      const proceedsUsd = quantity.times(unitPriceUsd).minus(feeUsd);
      position.realizedPnlUsd = position.realizedPnlUsd.plus(proceedsUsd).minus(costUsd);
      position.feesPaidUsd = position.feesPaidUsd.plus(feeUsd).plus(feeUnits.times(unitPriceUsd));
      return;
    }
    case "withdraw":
    case "transfer_out":
    case "fee": {
      assertAvailable(position, feeKind === "own" ? quantity.plus(fee) : quantity, tx.id);
      const { feeUsd, feeUnits } = resolveFee(state, tx, fee, feeKind);
      const movedCostUsd = removeLotsFifo(position, quantity, tx.id);
      const feeUnitsCostUsd = removeLotsFifo(position, feeUnits, tx.id);
      const expenseUsd = feeUsd.plus(feeUnitsCostUsd).plus(tx.type === "fee" ? movedCostUsd : ZERO);
      position.realizedPnlUsd = position.realizedPnlUsd.minus(expenseUsd);
      position.feesPaidUsd = position.feesPaidUsd.plus(expenseUsd);
      return;
    }
    default:
      throw new InvalidTransactionError(tx.id, "type", `unknown transaction type "${String(tx.type)}"`);
  }
}

// executedAt ascending; equal timestamps fall back to id order so the result never depends on input order.
export function sortTransactions<T extends Pick<LedgerTransaction, "id" | "executedAt">>(transactions: readonly T[]): T[] {
  return [...transactions].sort((a, b) => {
    const byTime = a.executedAt.getTime() - b.executedAt.getTime();
    if (byTime !== 0) return byTime;
    if (a.id === b.id) return 0;
    return a.id < b.id ? -1 : 1;
  });
}

function summarizePosition(position: Position): PositionSummary {
  const openLots = position.lots.slice(position.head);
  let costUsd = ZERO;
  const lots: OpenLot[] = openLots.map((lot) => {
    costUsd = costUsd.plus(lot.costUsd);
    return {
      transactionId: lot.transactionId,
      acquiredAt: lot.acquiredAt,
      quantity: formatMoney(lot.quantity),
      costBasis: formatMoney(lot.costUsd),
      unitCost: formatMoney(lot.costUsd.div(lot.quantity)),
    };
  });
  return {
    symbol: position.symbol,
    quantity: formatMoney(position.quantity),
    costBasis: formatMoney(costUsd),
    avgCost: formatMoney(position.quantity.isZero() ? ZERO : costUsd.div(position.quantity)),
    realizedPnl: formatMoney(position.realizedPnlUsd),
    feesPaid: formatMoney(position.feesPaidUsd),
    lots,
  };
}

export function computeLedger(transactions: readonly LedgerTransaction[], options: LedgerOptions = {}): LedgerSummary {
  const quoteCurrencies = new Set(options.quoteCurrencies ?? DEFAULT_QUOTE_CURRENCIES);
  const state: LedgerState = new Map();
  for (const tx of sortTransactions(transactions)) applyTransaction(state, tx, quoteCurrencies);

  const positions = [...state.values()]
    .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0))
    .map(summarizePosition);
  let costBasisUsd = ZERO;
  let realizedPnlUsd = ZERO;
  let feesPaidUsd = ZERO;
  for (const position of positions) {
    costBasisUsd = costBasisUsd.plus(position.costBasis);
    realizedPnlUsd = realizedPnlUsd.plus(position.realizedPnl);
    feesPaidUsd = feesPaidUsd.plus(position.feesPaid);
  }
  return {
    positions,
    totals: {
      costBasis: formatMoney(costBasisUsd),
      realizedPnl: formatMoney(realizedPnlUsd),
      feesPaid: formatMoney(feesPaidUsd),
    },
  };
}

export type PriceQuote = { price: string; change24hPct?: number };

// Percent fields are percentages (12.5 = 12.5 %), following the `Pct` suffix; weight is a fraction of the
// valued total (0.25 = 25 %). A holding without a quote has null price, value, unrealized P&L and weight.
export type Holding = {
  symbol: string;
  quantity: string;
  avgCost: string;
  costBasis: string;
  price: string | null;
  value: string | null;
  unrealizedPnl: string | null;
  unrealizedPnlPct: number | null;
  realizedPnl: string;
  feesPaid: string;
  change24hPct: number | null;
  weight: number | null;
};

export type HoldingsSummary = {
  holdings: Holding[];
  totals: {
    value: string;
    costBasis: string;
    unrealizedPnl: string;
    realizedPnl: string;
    feesPaid: string;
  };
  unpricedSymbols: string[];
};

export type HoldingsOptions = LedgerOptions & { includeClosed?: boolean };

function parseQuotePrice(symbol: string, price: string): Money {
  const parsed = parseMoney(price, `prices.${symbol}.price`);
  if (parsed.isNegative()) {
    throw new AppError("VALIDATION_ERROR", `The price of ${symbol} is negative`, {
      details: [{ field: `prices.${symbol}.price`, message: "must not be negative" }],
    });
  }
  return parsed;
}

export function computeHoldings(
  transactions: readonly LedgerTransaction[],
  prices: Readonly<Record<string, PriceQuote>>,
  options: HoldingsOptions = {},
): HoldingsSummary {
  const ledger = computeLedger(transactions, options);
  const rows = ledger.positions
    .filter((position) => options.includeClosed || new Money(position.quantity).gt(0))
    .map((position) => {
      const quote = Object.hasOwn(prices, position.symbol) ? prices[position.symbol] : undefined;
      const quantity = new Money(position.quantity);
      const costBasisUsd = new Money(position.costBasis);
      const priceUsd = quote ? parseQuotePrice(position.symbol, quote.price) : null;
      const valueUsd = priceUsd ? quantity.times(priceUsd) : null;
      const unrealizedPnlUsd = valueUsd ? valueUsd.minus(costBasisUsd) : null;
      return { position, quote, priceUsd, valueUsd, costBasisUsd, unrealizedPnlUsd };
    });

  let totalValueUsd = ZERO;
  let unrealizedPnlUsd = ZERO;
  for (const row of rows) {
    if (row.valueUsd && row.unrealizedPnlUsd) {
      totalValueUsd = totalValueUsd.plus(row.valueUsd);
      unrealizedPnlUsd = unrealizedPnlUsd.plus(row.unrealizedPnlUsd);
    }
  }

  const holdings: Holding[] = rows.map((row) => ({
    symbol: row.position.symbol,
    quantity: row.position.quantity,
    avgCost: row.position.avgCost,
    costBasis: row.position.costBasis,
    price: row.priceUsd ? formatMoney(row.priceUsd) : null,
    value: row.valueUsd ? formatMoney(row.valueUsd) : null,
    unrealizedPnl: row.unrealizedPnlUsd ? formatMoney(row.unrealizedPnlUsd) : null,
    unrealizedPnlPct:
      row.unrealizedPnlUsd && row.costBasisUsd.gt(0)
        ? row.unrealizedPnlUsd.div(row.costBasisUsd).times(100).toNumber()
        : null,
    realizedPnl: row.position.realizedPnl,
    feesPaid: row.position.feesPaid,
    change24hPct: row.quote?.change24hPct ?? null,
    weight: row.valueUsd && totalValueUsd.gt(0) ? row.valueUsd.div(totalValueUsd).toNumber() : null,
  }));

  holdings.sort((a, b) => {
    if (a.value !== null && b.value !== null) {
      const byValue = new Money(b.value).comparedTo(a.value);
      if (byValue !== 0) return byValue;
    } else if (a.value !== b.value) {
      return a.value === null ? 1 : -1;
    }
    return a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;
  });

  return {
    holdings,
    totals: {
      value: formatMoney(totalValueUsd),
      costBasis: ledger.totals.costBasis,
      unrealizedPnl: formatMoney(unrealizedPnlUsd),
      realizedPnl: ledger.totals.realizedPnl,
      feesPaid: ledger.totals.feesPaid,
    },
    unpricedSymbols: rows
      .filter((row) => row.priceUsd === null && new Money(row.position.quantity).gt(0))
      .map((row) => row.position.symbol),
  };
}
