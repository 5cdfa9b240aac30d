// GET /api/v1/signals/:id – one signal; 404 while the caller's tier may not see it
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getSignalOrThrow } from "@/lib/signals/queries";
import { signalParamsSchema } from "@/lib/signals/schemas";

export const GET = withApi({ auth: "user", params: signalParamsSchema }, async ({ auth, params }) =>
  ok(await getSignalOrThrow({ tier: auth.tier, signalId: params.signalId })),
);
