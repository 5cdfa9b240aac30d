// DELETE /api/v1/exchange-keys/:id – delete a key and its ciphertexts
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { deleteExchangeKey } from "@/lib/exchanges/keys";

export const DELETE = withApi({ auth: "user", params: z.object({ keyId: z.uuid({ error: "Not an exchange key id." }) }) }, async ({ auth, params }) => {
  await deleteExchangeKey({ userId: auth.userId, keyId: params.keyId });
  return ok({ deleted: true });
});
