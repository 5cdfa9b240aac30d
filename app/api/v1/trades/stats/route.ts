// GET /api/v1/trades/stats – win rate, P&L, profit factor, per-symbol results and the equity curve of closed trades
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getTradeStats } from "@/lib/robot/journal";
import { tradeStatsQuerySchema } from "@/lib/robot/schemas";

export const GET = withApi({ auth: "user", query: tradeStatsQuerySchema }, async ({ auth, query }) => ok(await getTradeStats({ userId: auth.userId, query })));
