// GET /api/v1/pumps – recent pumps and dumps, newest first (?symbol=BTC-USDT&status=active|faded&direction=pump|dump)
import { withApi } from "@/lib/api/handler";
import { paginated } from "@/lib/api/respond";
import { listPumps } from "@/lib/signals/pumps-queries";
import { listPumpsQuerySchema } from "@/lib/signals/pumps-schemas";

export const GET = withApi({ auth: "user", query: listPumpsQuerySchema }, async ({ query }) => {
  const { items, pagination } = await listPumps(query);
  return paginated(items, pagination);
});
