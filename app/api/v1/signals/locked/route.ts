// GET /api/v1/signals/locked – how many signals the caller cannot see yet (tier delay or higher tier), as counts
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getLockedSignals } from "@/lib/signals/queries";
import { lockedSignalsQuerySchema } from "@/lib/signals/schemas";

export const GET = withApi({ auth: "user", query: lockedSignalsQuerySchema }, async ({ auth, query }) =>
  ok(await getLockedSignals({ tier: auth.tier, ...query })),
);
