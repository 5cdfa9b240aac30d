import { z } from "zod";
import { portfolioParams, shareParams, transactionParams } from "@/app/api/v1/portfolios/params";
import { paginationQuerySchema } from "@/lib/api/pagination";
import { importSchema } from "@/lib/portfolio/import-export";
import {
  createPortfolioSchema,
  createTransactionSchema,
  exportQuerySchema,
  historyRangeSchema,
  rebalanceSchema as rebalanceBodySchema,
  shareSchema as shareBodySchema,
  simulateSchema,
  transactionListQuerySchema,
  updatePortfolioSchema,
  updateTransactionSchema,
} from "@/lib/portfolio/schemas";
import { deletedSchema, revokedSchema } from "../responses/common";
import {
  activitySchema,
  allocationSchema,
  analyticsSchema,
  historySchema,
  holdingsSchema,
  importResultSchema,
  portfolioSchema,
  rebalanceSchema,
  shareGrantSchema,
  shareSchema,
  simulationSchema,
  transactionSchema,
} from "../responses/portfolio";
import { route, type RouteDoc } from "../types";

const tag = "Portfolios";
const P = "/portfolios/{portfolioId}";

export const portfolioRoutes: RouteDoc[] = [
  route({ method: "GET", path: "/portfolios", operationId: "listPortfolios", tag, summary: "The caller's portfolios, own and shared", auth: "user", response: z.array(portfolioSchema) }),
  route({ method: "POST", path: "/portfolios", operationId: "createPortfolio", tag, summary: "Create a manual portfolio (the plan limits how many)", auth: "user", body: createPortfolioSchema, status: 201, response: portfolioSchema, errors: ["TIER_REQUIRED"] }),
  route({ method: "GET", path: P, operationId: "getPortfolio", tag, summary: "One portfolio (view permission)", auth: "user", params: portfolioParams, response: portfolioSchema, errors: ["NOT_FOUND"] }),
  route({ method: "PATCH", path: P, operationId: "updatePortfolio", tag, summary: "Rename, describe, set target weights or archive (edit permission)", auth: "user", params: portfolioParams, body: updatePortfolioSchema, response: portfolioSchema, errors: ["NOT_FOUND", "FORBIDDEN"] }),
  route({ method: "DELETE", path: P, operationId: "deletePortfolio", tag, summary: "Delete a portfolio and its transactions (owner only)", auth: "user", params: portfolioParams, response: deletedSchema, errors: ["NOT_FOUND", "FORBIDDEN"] }),
  route({ method: "GET", path: `${P}/transactions`, operationId: "listTransactions", tag, summary: "Transactions, newest first", auth: "user", params: portfolioParams, query: transactionListQuerySchema, kind: "paginated", response: transactionSchema, errors: ["NOT_FOUND"] }),
  route({
    method: "POST",
    path: `${P}/transactions`,
    operationId: "createTransaction",
    tag,
    summary: "Add a transaction (edit permission)",
    description: "Buys and sells need a price. Selling more than is held answers 422 INSUFFICIENT_HOLDINGS. A buy's fee adds to its cost; a sell's fee reduces its proceeds; lots match FIFO.",
    auth: "user",
    params: portfolioParams,
    body: createTransactionSchema,
    status: 201,
    response: transactionSchema,
    errors: ["NOT_FOUND", "FORBIDDEN", "INSUFFICIENT_HOLDINGS"],
  }),
  route({ method: "PATCH", path: `${P}/transactions/{transactionId}`, operationId: "updateTransaction", tag, summary: "Change a transaction (the ledger must stay valid)", auth: "user", params: transactionParams, body: updateTransactionSchema, response: transactionSchema, errors: ["NOT_FOUND", "FORBIDDEN", "INSUFFICIENT_HOLDINGS"] }),
  route({ method: "DELETE", path: `${P}/transactions/{transactionId}`, operationId: "deleteTransaction", tag, summary: "Remove a transaction (the ledger must stay valid)", auth: "user", params: transactionParams, response: deletedSchema, errors: ["NOT_FOUND", "FORBIDDEN", "INSUFFICIENT_HOLDINGS"] }),
  route({ method: "GET", path: `${P}/holdings`, operationId: "getHoldings", tag, summary: "Live holdings with FIFO cost basis and P&L", auth: "user", params: portfolioParams, response: holdingsSchema, errors: ["NOT_FOUND"] }),
  route({ method: "GET", path: `${P}/history`, operationId: "getHistory", tag, summary: "Daily value history", auth: "user", params: portfolioParams, query: historyRangeSchema, response: historySchema, errors: ["NOT_FOUND"] }),
  route({ method: "GET", path: `${P}/analytics`, operationId: "getAnalytics", tag, summary: "Returns, volatility, Sharpe and Sortino, drawdown, VaR and CVaR, beta", description: "Returns are fractions (0.1 = 10 %), annualized over 365 days; drawdown and VaR are positive fractions of value lost.", auth: "user", params: portfolioParams, response: analyticsSchema, errors: ["NOT_FOUND"] }),
  route({ method: "GET", path: `${P}/allocation`, operationId: "getAllocation", tag, summary: "Allocation by asset and by exchange", auth: "user", params: portfolioParams, response: allocationSchema, errors: ["NOT_FOUND"] }),
  route({ method: "POST", path: `${P}/rebalance`, operationId: "planRebalance", tag, summary: "The trades that reach the target weights", auth: "user", params: portfolioParams, body: rebalanceBodySchema, response: rebalanceSchema, errors: ["NOT_FOUND"] }),
  route({ method: "POST", path: `${P}/simulate`, operationId: "simulatePortfolio", tag, summary: "Monte Carlo projection (bootstrap of daily returns)", auth: "user", params: portfolioParams, body: simulateSchema, response: simulationSchema, errors: ["NOT_FOUND", "UNPROCESSABLE"] }),
  route({
    method: "POST",
    path: `${P}/import`,
    operationId: "importTransactions",
    tag,
    summary: "Import a CSV (tradepulse, binance or coinbase): preview with per-row errors, or all rows or none",
    description: "`dryRun` (default true) answers 200 with the preview; `dryRun: false` imports and answers 201. Bodies up to 8 MB.",
    auth: "user",
    params: portfolioParams,
    body: importSchema,
    status: 201,
    alsoStatus: [200],
    response: importResultSchema,
    errors: ["NOT_FOUND", "FORBIDDEN", "INSUFFICIENT_HOLDINGS"],
  }),
  route({ method: "GET", path: `${P}/export`, operationId: "exportTransactions", tag, summary: "The transactions as a CSV or JSON file", auth: "user", params: portfolioParams, query: exportQuerySchema, kind: "raw", contentType: ["text/csv", "application/json"], errors: ["NOT_FOUND"], headers: { "Content-Disposition": "attachment; filename=…" } }),
  route({ method: "GET", path: `${P}/shares`, operationId: "listShares", tag, summary: "Who has access", auth: "user", params: portfolioParams, response: z.array(shareSchema), errors: ["NOT_FOUND"] }),
  route({ method: "POST", path: `${P}/shares`, operationId: "sharePortfolio", tag, summary: "Share with a registered user, or change their permission (owner or admin)", auth: "user", params: portfolioParams, body: shareBodySchema, status: 201, response: shareGrantSchema, errors: ["NOT_FOUND", "FORBIDDEN", "CONFLICT"] }),
  route({ method: "DELETE", path: `${P}/shares/{userId}`, operationId: "revokeShare", tag, summary: "Revoke a user's access (owner or admin; anyone for themselves)", auth: "user", params: shareParams, response: revokedSchema, errors: ["NOT_FOUND", "FORBIDDEN"] }),
  route({ method: "GET", path: `${P}/activity`, operationId: "listPortfolioActivity", tag, summary: "Who did what and when", auth: "user", params: portfolioParams, query: paginationQuerySchema, kind: "paginated", response: activitySchema, errors: ["NOT_FOUND"] }),
];
