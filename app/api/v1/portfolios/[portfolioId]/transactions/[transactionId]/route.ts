// PATCH, DELETE /api/v1/portfolios/:id/transactions/:txId – change or remove a transaction (the ledger must stay valid)
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { deleteTransaction, updateTransaction } from "@/lib/portfolio/queries";
import { updateTransactionSchema } from "@/lib/portfolio/schemas";
import { transactionParams } from "../../../params";

export const PATCH = withApi({ auth: "user", params: transactionParams, body: updateTransactionSchema }, async ({ auth, params, body }) =>
  ok(await updateTransaction({ userId: auth.userId, portfolioId: params.portfolioId, transactionId: params.transactionId, input: body })),
);

export const DELETE = withApi({ auth: "user", params: transactionParams }, async ({ auth, params }) => {
  await deleteTransaction({ userId: auth.userId, portfolioId: params.portfolioId, transactionId: params.transactionId });
  return ok({ deleted: true });
});
