// POST /api/v1/portfolios/:id/import {csv, format, dryRun} – preview with per-row errors, or import all rows or none
import { withApi } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { importSchema, importTransactionsCsv } from "@/lib/portfolio/import-export";
import { portfolioParams } from "../../params";

export const POST = withApi({ auth: "user", params: portfolioParams, body: importSchema, maxBodyBytes: 8 * 1024 * 1024 }, async ({ auth, params, body }) => {
  const result = await importTransactionsCsv({ userId: auth.userId, portfolioId: params.portfolioId, ...body });
  return body.dryRun ? ok(result) : created(result);
});
