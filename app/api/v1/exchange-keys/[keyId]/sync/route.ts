// POST /api/v1/exchange-keys/:id/sync – balances and trades of the key into its portfolio
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { syncExchangeKey } from "@/lib/exchanges/sync";

export const POST = withApi({ auth: "user", params: z.object({ keyId: z.uuid({ error: "Not an exchange key id." }) }) }, async ({ auth, params }) =>
  ok(await syncExchangeKey({ userId: auth.userId, keyId: params.keyId })),
);
