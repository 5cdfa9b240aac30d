// GET, POST /api/v1/exchange-keys – the caller's keys (masked); add one after a live connection test
import { withApi } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { assertEmailVerified } from "@/lib/auth/sessions";
import { createExchangeKey, listExchangeKeys } from "@/lib/exchanges/keys";
import { createExchangeKeySchema } from "@/lib/exchanges/schemas";

export const GET = withApi({ auth: "user" }, async ({ auth }) => ok(await listExchangeKeys({ userId: auth.userId })));

export const POST = withApi({ auth: "user", body: createExchangeKeySchema }, async ({ auth, body }) => {
  assertEmailVerified(auth);
  return created(await createExchangeKey({ userId: auth.userId, input: body }));
});
