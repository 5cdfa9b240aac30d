// GET /api/v1/signals – the signals the caller's tier may see now (active or closed), newest first
import { withApi } from "@/lib/api/handler";
import { paginated } from "@/lib/api/respond";
import { listSignals } from "@/lib/signals/queries";
import { listSignalsQuerySchema } from "@/lib/signals/schemas";

export const GET = withApi({ auth: "user", query: listSignalsQuerySchema }, async ({ auth, query }) => {
  const { items, pagination } = await listSignals({ tier: auth.tier, ...query });
  return paginated(items, pagination);
});
