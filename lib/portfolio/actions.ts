"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/guards";
import {
  createPortfolio,
  createTransaction,
  deletePortfolio,
  deleteTransaction,
  revokeShare,
  sharePortfolio,
  updatePortfolio,
  updateTransaction,
  type PortfolioView,
  type TransactionView,
} from "./queries";
import { createPortfolioSchema, createTransactionSchema, rebalanceSchema, shareSchema, simulateSchema, updatePortfolioSchema, updateTransactionSchema } from "./schemas";
import { planRebalance, simulatePortfolio } from "./valuation";

const ids = z.object({ portfolioId: z.uuid() });

function revalidate(portfolioId?: string) {
  revalidatePath("/dashboard");
  revalidatePath("/portfolios");
  if (portfolioId) revalidatePath(`/portfolios/${portfolioId}`);
}

async function run<T>(work: () => Promise<T>, portfolioId?: string): Promise<ActionResult<T>> {
  try {
    const data = await work();
    revalidate(portfolioId);
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function createPortfolioAction(input: unknown): Promise<ActionResult<PortfolioView>> {
  const auth = await requireUser();
  const parsed = createPortfolioSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(() => createPortfolio({ userId: auth.userId, tier: auth.tier, input: parsed.data }));
}

export async function updatePortfolioAction(input: unknown): Promise<ActionResult<PortfolioView>> {
  const auth = await requireUser();
  const parsed = ids.extend({ changes: updatePortfolioSchema }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(() => updatePortfolio({ userId: auth.userId, portfolioId: parsed.data.portfolioId, input: parsed.data.changes }), parsed.data.portfolioId);
}

export async function deletePortfolioAction(input: unknown): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  const parsed = ids.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(async () => {
    await deletePortfolio({ userId: auth.userId, portfolioId: parsed.data.portfolioId });
    return undefined;
  });
}

export async function addTransactionAction(input: unknown): Promise<ActionResult<TransactionView>> {
  const auth = await requireUser();
  const parsed = ids.extend({ transaction: createTransactionSchema }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(() => createTransaction({ userId: auth.userId, portfolioId: parsed.data.portfolioId, input: parsed.data.transaction }), parsed.data.portfolioId);
}

export async function updateTransactionAction(input: unknown): Promise<ActionResult<TransactionView>> {
  const auth = await requireUser();
  const parsed = ids.extend({ transactionId: z.uuid(), changes: updateTransactionSchema }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { portfolioId, transactionId, changes } = parsed.data;
  return run(() => updateTransaction({ userId: auth.userId, portfolioId, transactionId, input: changes }), portfolioId);
}

export async function deleteTransactionAction(input: unknown): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  const parsed = ids.extend({ transactionId: z.uuid() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { portfolioId, transactionId } = parsed.data;
  return run(async () => {
    await deleteTransaction({ userId: auth.userId, portfolioId, transactionId });
    return undefined;
  }, portfolioId);
}

export async function sharePortfolioAction(input: unknown): Promise<ActionResult<Awaited<ReturnType<typeof sharePortfolio>>>> {
  const auth = await requireUser();
  const parsed = ids.and(shareSchema).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { portfolioId, email, permission } = parsed.data;
  return run(() => sharePortfolio({ userId: auth.userId, portfolioId, email, permission }), portfolioId);
}

export async function revokeShareAction(input: unknown): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  const parsed = ids.extend({ userId: z.uuid() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { portfolioId, userId } = parsed.data;
  return run(async () => {
    await revokeShare({ userId: auth.userId, portfolioId, targetUserId: userId });
    return undefined;
  }, portfolioId);
}

export async function planRebalanceAction(input: unknown): Promise<ActionResult<Awaited<ReturnType<typeof planRebalance>>>> {
  const auth = await requireUser();
  const parsed = ids.and(rebalanceSchema).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { portfolioId, targets, minTradeUsd } = parsed.data;
  try {
    return { ok: true, data: await planRebalance({ userId: auth.userId, portfolioId, targets, minTradeUsd }) };
  } catch (error) {
    return toActionError(error);
  }
}

export async function simulateAction(input: unknown): Promise<ActionResult<Awaited<ReturnType<typeof simulatePortfolio>>>> {
  const auth = await requireUser();
  const parsed = ids.and(simulateSchema).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return { ok: true, data: await simulatePortfolio({ userId: auth.userId, ...parsed.data }) };
  } catch (error) {
    return toActionError(error);
  }
}
