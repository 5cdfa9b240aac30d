import "server-only";
import { and, asc, count, desc, eq, or, sql } from "drizzle-orm";
import { db, type Database } from "@/db/client";
import { portfolioActivities, portfolios, portfolioShares, transactions, users, type Portfolio, type Transaction } from "@/db/schema";
import { computePagination } from "@/lib/api/pagination";
import type { UserTier } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { requireWithinLimit } from "@/lib/tiers";
import { requirePortfolioRole, type PortfolioRole } from "./access";
import { assertKnownAsset } from "./assets";
import { computeLedger } from "./ledger";
import { loadLedgerTransactions } from "./ledger-queries";
import { refreshHistoryAfterChange } from "./snapshots";
import type { CreatePortfolioInput, CreateTransactionInput, SharePermission, UpdatePortfolioInput, UpdateTransactionInput } from "./schemas";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type PortfolioView = {
  id: string;
  name: string;
  description: string | null;
  baseCurrency: Portfolio["baseCurrency"];
  kind: Portfolio["kind"];
  exchangeKeyId: string | null;
  targetWeights: Record<string, number> | null;
  isArchived: boolean;
  role: PortfolioRole;
  owner: { id: string; name: string | null; email: string } | null;
  createdAt: string;
  updatedAt: string;
};

export type TransactionView = {
  id: string;
  type: Transaction["type"];
  symbol: string;
  quoteCurrency: string;
  quantity: string;
  price: string | null;
  fee: string;
  feeCurrency: string | null;
  executedAt: string;
  note: string | null;
  source: Transaction["source"];
  externalId: string | null;
  isManualAsset: boolean;
  createdAt: string;
};

export function toTransactionView(row: Transaction): TransactionView {
  return {
    id: row.id,
    type: row.type,
    symbol: row.symbol,
    quoteCurrency: row.quoteCurrency,
    quantity: row.quantity,
    price: row.price,
    fee: row.fee,
    feeCurrency: row.feeCurrency,
    executedAt: row.executedAt.toISOString(),
    note: row.note,
    source: row.source,
    externalId: row.externalId,
    isManualAsset: row.isManualAsset,
    createdAt: row.createdAt.toISOString(),
  };
}

function toPortfolioView(row: Portfolio, role: PortfolioRole, owner: PortfolioView["owner"]): PortfolioView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    baseCurrency: row.baseCurrency,
    kind: row.kind,
    exchangeKeyId: row.exchangeKeyId,
    targetWeights: row.targetWeights ?? null,
    isArchived: row.isArchived,
    role,
    owner,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function recordActivity(
  executor: Pick<Database, "insert">,
  entry: { portfolioId: string; actorId: string; action: string; details?: Record<string, unknown> },
): Promise<void> {
  await executor.insert(portfolioActivities).values({ ...entry, details: entry.details ?? {} });
}

/** The caller's own portfolios and those shared with them. */
export async function listPortfolios({ userId, includeArchived = false }: { userId: string; includeArchived?: boolean }): Promise<PortfolioView[]> {
  const rows = await db
    .select({ portfolio: portfolios, sharedAs: portfolioShares.permission, ownerName: users.name, ownerEmail: users.email })
    .from(portfolios)
    .innerJoin(users, eq(users.id, portfolios.userId))
    .leftJoin(portfolioShares, and(eq(portfolioShares.portfolioId, portfolios.id), eq(portfolioShares.userId, userId)))
    .where(and(or(eq(portfolios.userId, userId), eq(portfolioShares.userId, userId)), includeArchived ? undefined : eq(portfolios.isArchived, false)))
    .orderBy(asc(portfolios.createdAt));
  return rows.map(({ portfolio, sharedAs, ownerName, ownerEmail }) =>
    portfolio.userId === userId
      ? toPortfolioView(portfolio, "owner", null)
      : toPortfolioView(portfolio, sharedAs ?? "view", { id: portfolio.userId, name: ownerName, email: ownerEmail }),
  );
}

export async function getPortfolio({ userId, portfolioId }: { userId: string; portfolioId: string }): Promise<PortfolioView> {
  const { portfolio, role } = await requirePortfolioRole({ userId, portfolioId }, "view");
  let owner: PortfolioView["owner"] = null;
  if (role !== "owner") {
    const [row] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, portfolio.userId));
    owner = row ?? null;
  }
  return toPortfolioView(portfolio, role, owner);
}

/** Portfolios the user owns (shared ones excluded): what TIER_LIMITS.maxPortfolios counts. */
export async function countOwnedPortfolios({ userId }: { userId: string }, executor: Pick<Database, "select"> = db): Promise<number> {
  const [row] = await executor.select({ value: count() }).from(portfolios).where(eq(portfolios.userId, userId));
  return row?.value ?? 0;
}

/** 403 TIER_REQUIRED when the plan's maxPortfolios is reached (naming the tier with room for one more). */
export async function createPortfolio({ userId, tier, input }: { userId: string; tier: UserTier; input: CreatePortfolioInput }): Promise<PortfolioView> {
  return db.transaction(async (tx) => {
    // Serializes creations per user so two concurrent requests cannot both pass the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`portfolio-quota:${userId}`}))`);
    requireWithinLimit(tier, "maxPortfolios", await countOwnedPortfolios({ userId }, tx), "portfolios");
    const [row] = await tx
      .insert(portfolios)
      .values({ userId, name: input.name, description: input.description ?? null, baseCurrency: input.baseCurrency, kind: "manual" })
      .returning();
    await recordActivity(tx, { portfolioId: row!.id, actorId: userId, action: "portfolio.created", details: { name: input.name } });
    return toPortfolioView(row!, "owner", null);
  });
}

export async function updatePortfolio({ userId, portfolioId, input }: { userId: string; portfolioId: string; input: UpdatePortfolioInput }): Promise<PortfolioView> {
  const access = await requirePortfolioRole({ userId, portfolioId }, "edit");
  return db.transaction(async (tx) => {
    const [row] = await tx.update(portfolios).set(input).where(eq(portfolios.id, portfolioId)).returning();
    await recordActivity(tx, { portfolioId, actorId: userId, action: "portfolio.updated", details: { fields: Object.keys(input) } });
    return toPortfolioView(row!, access.role, null);
  });
}

/** Owner only: the portfolio, its transactions, snapshots, shares and activity go together. */
export async function deletePortfolio({ userId, portfolioId }: { userId: string; portfolioId: string }): Promise<void> {
  await requirePortfolioRole({ userId, portfolioId }, "owner");
  await db.delete(portfolios).where(eq(portfolios.id, portfolioId));
}

// ---------------------------------------------------------------- transactions

/**
 * Runs the ledger over what the portfolio's transactions will be after a change, inside the write's
 * transaction: selling or withdrawing more than held throws 422 and the change is rolled back.
 */
async function assertLedgerValid(tx: Tx, portfolioId: string): Promise<void> {
  computeLedger(await loadLedgerTransactions(portfolioId, tx));
}

async function lockPortfolio(tx: Tx, portfolioId: string): Promise<void> {
  // Serializes writes to one portfolio so two concurrent sells cannot both pass the ledger check.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`portfolio:${portfolioId}`}))`);
}

export async function listTransactions({
  userId,
  portfolioId,
  page,
  limit,
  symbol,
  type,
}: {
  userId: string;
  portfolioId: string;
  page: number;
  limit: number;
  symbol?: string;
  type?: Transaction["type"];
}) {
  await requirePortfolioRole({ userId, portfolioId }, "view");
  const where = and(eq(transactions.portfolioId, portfolioId), symbol ? eq(transactions.symbol, symbol) : undefined, type ? eq(transactions.type, type) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(transactions).where(where).orderBy(desc(transactions.executedAt), desc(transactions.id)).limit(limit).offset((page - 1) * limit),
    db.select({ value: count() }).from(transactions).where(where),
  ]);
  return { items: rows.map(toTransactionView), pagination: computePagination(page, limit, total?.value ?? 0) };
}

export async function createTransaction({ userId, portfolioId, input }: { userId: string; portfolioId: string; input: CreateTransactionInput }): Promise<TransactionView> {
  await requirePortfolioRole({ userId, portfolioId }, "edit");
  assertKnownAsset(input);
  const view = await db.transaction(async (tx) => {
    await lockPortfolio(tx, portfolioId);
    const [row] = await tx
      .insert(transactions)
      .values({
        portfolioId,
        createdBy: userId,
        type: input.type,
        symbol: input.symbol,
        quantity: input.quantity,
        price: input.price ?? null,
        fee: input.fee,
        feeCurrency: input.feeCurrency ?? null,
        executedAt: input.executedAt,
        note: input.note ?? null,
        isManualAsset: input.isManualAsset,
        source: "manual",
      })
      .returning();
    await assertLedgerValid(tx, portfolioId);
    await recordActivity(tx, { portfolioId, actorId: userId, action: "transaction.created", details: { transactionId: row!.id, type: row!.type, symbol: row!.symbol, quantity: row!.quantity } });
    return toTransactionView(row!);
  });
  await refreshHistoryAfterChange({ portfolioId, affectedFrom: input.executedAt });
  return view;
}

export async function updateTransaction({
  userId,
  portfolioId,
  transactionId,
  input,
}: {
  userId: string;
  portfolioId: string;
  transactionId: string;
  input: UpdateTransactionInput;
}): Promise<TransactionView> {
  await requirePortfolioRole({ userId, portfolioId }, "edit");
  if (input.symbol !== undefined) assertKnownAsset({ symbol: input.symbol, isManualAsset: input.isManualAsset });
  const [before] = await db.select({ executedAt: transactions.executedAt }).from(transactions).where(and(eq(transactions.id, transactionId), eq(transactions.portfolioId, portfolioId)));
  const view = await db.transaction(async (tx) => {
    await lockPortfolio(tx, portfolioId);
    const [row] = await tx
      .update(transactions)
      .set(input)
      .where(and(eq(transactions.id, transactionId), eq(transactions.portfolioId, portfolioId)))
      .returning();
    if (!row) throw new AppError("NOT_FOUND", "Transaction not found.");
    if ((row.type === "buy" || row.type === "sell") && row.price === null) {
      throw new AppError("VALIDATION_ERROR", "Buys and sells need a price.", { details: [{ field: "price", message: "Required for buys and sells." }] });
    }
    await assertLedgerValid(tx, portfolioId);
    await recordActivity(tx, { portfolioId, actorId: userId, action: "transaction.updated", details: { transactionId, fields: Object.keys(input) } });
    return toTransactionView(row);
  });
  const earliest = Math.min(before?.executedAt.getTime() ?? Infinity, Date.parse(view.executedAt));
  await refreshHistoryAfterChange({ portfolioId, affectedFrom: new Date(earliest) });
  return view;
}

export async function deleteTransaction({ userId, portfolioId, transactionId }: { userId: string; portfolioId: string; transactionId: string }): Promise<void> {
  await requirePortfolioRole({ userId, portfolioId }, "edit");
  const executedAt = await db.transaction(async (tx) => {
    await lockPortfolio(tx, portfolioId);
    const deleted = await tx
      .delete(transactions)
      .where(and(eq(transactions.id, transactionId), eq(transactions.portfolioId, portfolioId)))
      .returning({ id: transactions.id, type: transactions.type, symbol: transactions.symbol, quantity: transactions.quantity, executedAt: transactions.executedAt });
    if (deleted.length === 0) throw new AppError("NOT_FOUND", "Transaction not found.");
    // Deleting a buy that later sells depend on would leave them selling what was never held.
    await assertLedgerValid(tx, portfolioId);
    const { executedAt: at, ...details } = deleted[0]!;
    await recordActivity(tx, { portfolioId, actorId: userId, action: "transaction.deleted", details });
    return at;
  });
  await refreshHistoryAfterChange({ portfolioId, affectedFrom: executedAt });
}

/** Inserts many transactions at once, all or nothing, after the ledger accepts the result. */
export async function insertTransactions({
  userId,
  portfolioId,
  rows,
  source,
}: {
  userId: string;
  portfolioId: string;
  rows: CreateTransactionInput[];
  source: "import" | "manual";
}): Promise<number> {
  await requirePortfolioRole({ userId, portfolioId }, "edit");
  const inserted = await db.transaction(async (tx) => {
    await lockPortfolio(tx, portfolioId);
    for (let start = 0; start < rows.length; start += 500) {
      await tx.insert(transactions).values(
        rows.slice(start, start + 500).map((input) => ({
          portfolioId,
          createdBy: userId,
          type: input.type,
          symbol: input.symbol,
          quantity: input.quantity,
          price: input.price ?? null,
          fee: input.fee,
          feeCurrency: input.feeCurrency ?? null,
          executedAt: input.executedAt,
          note: input.note ?? null,
          isManualAsset: input.isManualAsset,
          source,
        })),
      );
    }
    await assertLedgerValid(tx, portfolioId);
    await recordActivity(tx, { portfolioId, actorId: userId, action: "transactions.imported", details: { count: rows.length } });
    return rows.length;
  });
  if (rows.length) await refreshHistoryAfterChange({ portfolioId, affectedFrom: new Date(Math.min(...rows.map((r) => r.executedAt.getTime()))) });
  return inserted;
}

// ---------------------------------------------------------------- sharing and activity

export async function listShares({ userId, portfolioId }: { userId: string; portfolioId: string }) {
  await requirePortfolioRole({ userId, portfolioId }, "view");
  return db
    .select({ userId: portfolioShares.userId, email: users.email, name: users.name, permission: portfolioShares.permission, createdAt: portfolioShares.createdAt })
    .from(portfolioShares)
    .innerJoin(users, eq(users.id, portfolioShares.userId))
    .where(eq(portfolioShares.portfolioId, portfolioId))
    .orderBy(asc(portfolioShares.createdAt));
}

/** Owner or admin: share with a registered user by email, or change their permission. */
export async function sharePortfolio({ userId, portfolioId, email, permission }: { userId: string; portfolioId: string; email: string; permission: SharePermission }) {
  const access = await requirePortfolioRole({ userId, portfolioId }, "admin");
  const [target] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  if (!target) throw new AppError("NOT_FOUND", "No registered user has this email address.", { details: [{ field: "email", message: "Not a registered user." }] });
  if (target.id === access.portfolio.userId) throw new AppError("CONFLICT", "That is the portfolio's owner.", { details: [{ field: "email", message: "Already the owner." }] });
  return db.transaction(async (tx) => {
    await tx
      .insert(portfolioShares)
      .values({ portfolioId, userId: target.id, permission, createdBy: userId })
      .onConflictDoUpdate({ target: [portfolioShares.portfolioId, portfolioShares.userId], set: { permission, updatedAt: new Date() } });
    await recordActivity(tx, { portfolioId, actorId: userId, action: "share.granted", details: { userId: target.id, email: target.email, permission } });
    return { userId: target.id, email: target.email, name: target.name, permission };
  });
}

/** Owner or admin revoke a share; anyone may remove their own access. */
export async function revokeShare({ userId, portfolioId, targetUserId }: { userId: string; portfolioId: string; targetUserId: string }): Promise<void> {
  if (targetUserId !== userId) await requirePortfolioRole({ userId, portfolioId }, "admin");
  else await requirePortfolioRole({ userId, portfolioId }, "view");
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(portfolioShares)
      .where(and(eq(portfolioShares.portfolioId, portfolioId), eq(portfolioShares.userId, targetUserId)))
      .returning({ userId: portfolioShares.userId });
    if (deleted.length === 0) throw new AppError("NOT_FOUND", "This user has no access to share.");
    await recordActivity(tx, { portfolioId, actorId: userId, action: "share.revoked", details: { userId: targetUserId } });
  });
}

export async function listActivity({ userId, portfolioId, page, limit }: { userId: string; portfolioId: string; page: number; limit: number }) {
  await requirePortfolioRole({ userId, portfolioId }, "view");
  const where = eq(portfolioActivities.portfolioId, portfolioId);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: portfolioActivities.id,
        action: portfolioActivities.action,
        details: portfolioActivities.details,
        createdAt: portfolioActivities.createdAt,
        actorId: portfolioActivities.actorId,
        actorName: users.name,
        actorEmail: users.email,
      })
      .from(portfolioActivities)
      .leftJoin(users, eq(users.id, portfolioActivities.actorId))
      .where(where)
      .orderBy(desc(portfolioActivities.createdAt), desc(portfolioActivities.id))
      .limit(limit)
      .offset((page - 1) * limit),
    db.select({ value: count() }).from(portfolioActivities).where(where),
  ]);
  return { items: rows, pagination: computePagination(page, limit, total?.value ?? 0) };
}

/** Portfolio ids the user can see (own and shared), for dashboards. */
export async function listVisiblePortfolioIds(userId: string): Promise<string[]> {
  const own = await db.select({ id: portfolios.id }).from(portfolios).where(and(eq(portfolios.userId, userId), eq(portfolios.isArchived, false)));
  const shared = await db.select({ id: portfolioShares.portfolioId }).from(portfolioShares).where(eq(portfolioShares.userId, userId));
  return [...new Set([...own, ...shared].map((r) => r.id))];
}

