// GET /api/v1/robot/events – the robot's log (newest first): starts, stops, opens, closes, skips with their reasons
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { listRobotEvents } from "@/lib/robot/config";
import { robotEventsQuerySchema } from "@/lib/robot/schemas";

export const GET = withApi({ auth: "user", query: robotEventsQuerySchema }, async ({ auth, query }) =>
  ok(await listRobotEvents({ userId: auth.userId, symbol: query.symbol, limit: query.limit })),
);
