// GET /api/v1/portfolios/:id/export?format=csv|json – the transactions as a file
import { withApi } from "@/lib/api/handler";
import { exportTransactions } from "@/lib/portfolio/import-export";
import { exportQuerySchema } from "@/lib/portfolio/schemas";
import { portfolioParams } from "../../params";

export const GET = withApi({ auth: "user", params: portfolioParams, query: exportQuerySchema }, async ({ auth, params, query }) => {
  const file = await exportTransactions({ userId: auth.userId, portfolioId: params.portfolioId, format: query.format });
  return new Response(file.body, {
    headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"`, "cache-control": "no-store" },
  });
});
