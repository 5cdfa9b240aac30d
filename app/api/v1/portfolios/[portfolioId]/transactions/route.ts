// GET, POST /api/v1/portfolios/:id/transactions – list (paginated); add one (selling more than held → 422)
import { withApi } from "@/lib/api/handler";
import { created, paginated } from "@/lib/api/respond";
import { createTransaction, listTransactions } from "@/lib/portfolio/queries";
import { createTransactionSchema, transactionListQuerySchema } from "@/lib/portfolio/schemas";
import { portfolioParams } from "../../params";

export const GET = withApi({ auth: "user", params: portfolioParams, query: transactionListQuerySchema }, async ({ auth, params, query }) => {
  const { items, pagination } = await listTransactions({ userId: auth.userId, portfolioId: params.portfolioId, ...query });
  return paginated(items, pagination);
});

export const POST = withApi({ auth: "user", params: portfolioParams, body: createTransactionSchema }, async ({ auth, params, body }) =>
  created(await createTransaction({ userId: auth.userId, portfolioId: params.portfolioId, input: body })),
);
