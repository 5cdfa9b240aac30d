// POST /api/v1/exchange-keys/:id/test – test a stored key again; records status and last checked
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { testExchangeKey } from "@/lib/exchanges/keys";

export const POST = withApi({ auth: "user", params: z.object({ keyId: z.uuid({ error: "Not an exchange key id." }) }) }, async ({ auth, params }) =>
  ok(await testExchangeKey({ userId: auth.userId, keyId: params.keyId })),
);
