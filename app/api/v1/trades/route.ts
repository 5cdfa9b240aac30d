// GET /api/v1/trades – the caller's journal (robot and manual trades), filtered and paginated
// POST /api/v1/trades – add a manual trade (closed at once when exitPrice is given)
import { withApi } from "@/lib/api/handler";
import { created, paginated } from "@/lib/api/respond";
import { createManualTrade, listTrades } from "@/lib/robot/journal";
import { createTradeSchema, tradeListQuerySchema } from "@/lib/robot/schemas";

export const GET = withApi({ auth: "user", query: tradeListQuerySchema }, async ({ auth, query }) => {
  const { items, pagination } = await listTrades({ userId: auth.userId, query });
  return paginated(items, pagination);
});

export const POST = withApi({ auth: "user", body: createTradeSchema }, async ({ auth, body }) => created(await createManualTrade({ userId: auth.userId, input: body })));
