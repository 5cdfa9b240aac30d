import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { portfolios, portfolioShares, type Portfolio } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type PortfolioRole = "owner" | "admin" | "edit" | "view";

const RANK: Record<PortfolioRole, number> = { view: 1, edit: 2, admin: 3, owner: 4 };

export type PortfolioAccess = { portfolio: Portfolio; role: PortfolioRole };

/**
 * The caller's access to a portfolio: its owner, or a user it was shared with. Anyone else gets
 * 404 NOT_FOUND, so a portfolio's existence is never revealed.
 */
export async function getPortfolioAccess({ userId, portfolioId }: { userId: string; portfolioId: string }): Promise<PortfolioAccess> {
  const [row] = await db
    .select({ portfolio: portfolios, sharedAs: portfolioShares.permission })
    .from(portfolios)
    .leftJoin(portfolioShares, and(eq(portfolioShares.portfolioId, portfolios.id), eq(portfolioShares.userId, userId)))
    .where(eq(portfolios.id, portfolioId));
  if (!row) throw new AppError("NOT_FOUND", "Portfolio not found.");
  if (row.portfolio.userId === userId) return { portfolio: row.portfolio, role: "owner" };
  if (row.sharedAs) return { portfolio: row.portfolio, role: row.sharedAs };
  throw new AppError("NOT_FOUND", "Portfolio not found.");
}

export function hasRole(access: Pick<PortfolioAccess, "role">, needed: PortfolioRole): boolean {
  return RANK[access.role] >= RANK[needed];
}

const DENIED: Record<Exclude<PortfolioRole, "view">, string> = {
  edit: "You can view this portfolio but not change it: ask its owner for edit access.",
  admin: "Only the owner or an admin of this portfolio can do this.",
  owner: "Only the owner of this portfolio can do this.",
};

/** Resolves access and requires at least `needed`: view < edit < admin < owner. Shared read-only → 403. */
export async function requirePortfolioRole(input: { userId: string; portfolioId: string }, needed: PortfolioRole): Promise<PortfolioAccess> {
  const access = await getPortfolioAccess(input);
  if (!hasRole(access, needed)) throw new AppError("FORBIDDEN", DENIED[needed as Exclude<PortfolioRole, "view">]);
  return access;
}
