// GET /api/v1/robot/config – the caller's robots (one per symbol); ?symbol=BTC-USDT → that one (404 if none)
// PUT /api/v1/robot/config – create or replace the robot of body.symbol
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getRobotConfigOrThrow, listRobotConfigs, saveRobotConfig } from "@/lib/robot/config";
import { robotConfigInputSchema, robotConfigQuerySchema } from "@/lib/robot/schemas";

export const GET = withApi({ auth: "user", query: robotConfigQuerySchema }, async ({ auth, query }) =>
  ok(query.symbol ? await getRobotConfigOrThrow({ userId: auth.userId, symbol: query.symbol }) : await listRobotConfigs({ userId: auth.userId })),
);

export const PUT = withApi({ auth: "user", body: robotConfigInputSchema }, async ({ auth, body }) =>
  ok(await saveRobotConfig({ userId: auth.userId, tier: auth.tier, input: body })),
);
